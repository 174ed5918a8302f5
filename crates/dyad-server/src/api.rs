//! The JSON API. Every list is bounded (`limit`, at most [`MAX_LIMIT`]); every parameter reaches
//! SQL only as a bound value.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use dyad_facts::Fact;
use dyad_store::{filters, EventQuery, FigureQuery};
use serde::Deserialize;
use serde_json::json;

use crate::{AppState, Article};

/// Most items one answer holds.
pub(crate) const MAX_LIMIT: usize = 500;
/// The periods of figures a profile answer holds unless `figures` says otherwise.
const PROFILE_FIGURES: usize = 50;
/// Items an answer holds when `limit` is not given.
const DEFAULT_LIMIT: usize = 100;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(|| async { Json(crate::openapi()) }))
        .route("/api/documents", get(documents))
        .route("/api/documents/{doc}", get(document))
        .route("/api/facts", get(facts))
        .route("/api/figures", get(figures))
        .route("/api/events", get(events))
        .route("/api/profile/{a}/{b}", get(profile))
        .route("/api/partners/{a}", get(partners))
        .route("/api/person/{name}", get(person))
        .route("/api/search", get(search))
        .route("/api/ingest", post(ingest))
}

/// Every error of the API as JSON in the declared `Error` shape, whatever produced it: a query
/// string axum could not read ("missing field `q`"), an unknown `/api/` path, a method not
/// allowed. A layer over the API routes.
pub(crate) async fn json_errors(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    let is_json = res
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !api || is_json || !(res.status().is_client_error() || res.status().is_server_error()) {
        return res;
    }
    let status = res.status();
    let text = match axum::body::to_bytes(res.into_body(), 64 * 1024).await {
        Ok(b) if !b.is_empty() => String::from_utf8_lossy(&b).into_owned(),
        _ => status.canonical_reason().unwrap_or("error").to_lowercase(),
    };
    error(status, text)
}

/// An error as JSON: `{"error": "..."}`.
pub(crate) fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

fn internal(e: dyad_store::StoreError) -> Response {
    error(StatusCode::INTERNAL_SERVER_ERROR, e.0)
}

/// A parameter that is not valid: a 400 with its reason.
pub(crate) struct BadRequest(String);

impl IntoResponse for BadRequest {
    fn into_response(self) -> Response {
        error(StatusCode::BAD_REQUEST, self.0)
    }
}

/// A country as the API takes it: an ISO3 code or an English name of the lexicon, as the CLI
/// takes it (`dyad_store::filters::country`); its ISO3 code.
pub(crate) fn country(code: &str) -> Result<String, BadRequest> {
    if code.len() > 64 {
        return Err(BadRequest("country too long".into()));
    }
    dyad_store::filters::country(code).map_err(|e| BadRequest(format!("{code:?}: {e}")))
}

/// A path that names nothing there is (404), with its reason.
struct NotFound(String);

impl IntoResponse for NotFound {
    fn into_response(self) -> Response {
        error(StatusCode::NOT_FOUND, self.0)
    }
}

/// A country named in a path (`/api/partners/KAZ`): one that is none is not found (404).
fn path_country(code: &str) -> Result<String, NotFound> {
    country(code).map_err(|e| NotFound(e.0))
}

/// An optional filter value checked as the CLI checks it: an event type, a metric, a period.
fn checked(
    v: Option<String>,
    name: &str,
    check: fn(&str) -> Result<String, String>,
) -> Result<Option<String>, BadRequest> {
    match v {
        Some(s) if s.len() > 64 => Err(BadRequest(format!("{name} too long"))),
        Some(s) => check(&s).map(Some).map_err(|e| BadRequest(format!("{name}={s:?}: {e}"))),
        None => Ok(None),
    }
}

fn limit(l: Option<usize>) -> usize {
    l.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
}

#[derive(Deserialize)]
struct Page {
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn documents(State(s): State<AppState>, Query(p): Query<Page>) -> Response {
    let (l, o) = (limit(p.limit), p.offset.unwrap_or(0).min(10_000_000));
    match s.read(move |st| st.document_page(l, o)).await {
        Ok(rows) => Json(rows.into_iter().map(without_source).collect::<Vec<_>>()).into_response(),
        Err(e) => internal(e),
    }
}

/// A document as the web shows it: where the file was read from stays on the machine.
fn without_source(row: dyad_store::DocumentRow) -> dyad_store::DocumentRow {
    dyad_store::DocumentRow { source: None, ..row }
}

async fn document(State(s): State<AppState>, Path(doc): Path<String>) -> Response {
    if doc.len() > 512 {
        return error(StatusCode::BAD_REQUEST, "document id too long");
    }
    match s.read(move |st| st.document(&doc)).await {
        Ok(Some((row, text, facts))) => {
            Json(crate::openapi::DocumentAnswer { document: without_source(row), text, facts }).into_response()
        }
        Ok(None) => error(StatusCode::NOT_FOUND, "no such document"),
        Err(e) => internal(e),
    }
}

/// Filters of `/api/facts`.
#[derive(Deserialize, Default)]
struct FactFilter {
    kind: Option<String>,
    #[serde(rename = "type")]
    kind_type: Option<String>,
    metric: Option<String>,
    country: Option<String>,
    pair: Option<String>,
    since: Option<String>,
    until: Option<String>,
    text: Option<String>,
    limit: Option<usize>,
}

fn pair(p: &str) -> Result<(String, String), BadRequest> {
    let (a, b) = p.split_once(',').ok_or_else(|| BadRequest("pair is A,B".into()))?;
    Ok((country(a)?, country(b)?))
}

fn short(v: &Option<String>, name: &str) -> Result<(), BadRequest> {
    match v {
        Some(s) if s.len() > 64 => Err(BadRequest(format!("{name} too long"))),
        _ => Ok(()),
    }
}

async fn facts(State(s): State<AppState>, Query(q): Query<FactFilter>) -> Response {
    for (v, n) in
        [(&q.kind, "kind"), (&q.kind_type, "type"), (&q.metric, "metric"), (&q.since, "since"), (&q.until, "until")]
    {
        if let Err(r) = short(v, n) {
            return r.into_response();
        }
    }
    let l = limit(q.limit);
    let mut q = q;
    let filters = (
        checked(q.kind_type.take(), "type", filters::event_type),
        checked(q.metric.take(), "metric", filters::metric),
        checked(q.since.take(), "since", filters::period),
        checked(q.until.take(), "until", filters::period),
    );
    match filters {
        (Ok(t), Ok(m), Ok(since), Ok(until)) => (q.kind_type, q.metric, q.since, q.until) = (t, m, since, until),
        (Err(r), ..) | (_, Err(r), ..) | (_, _, Err(r), _) | (.., Err(r)) => return r.into_response(),
    }
    let pair = match q.pair.as_deref().map(pair).transpose() {
        Ok(p) => p,
        Err(r) => return r.into_response(),
    };
    let only = match q.country.as_deref().map(country).transpose() {
        Ok(c) => c,
        Err(r) => return r.into_response(),
    };
    if let Some(text) = q.text.clone() {
        if text.len() > 256 {
            return error(StatusCode::BAD_REQUEST, "text too long");
        }
        return match s.read(move |st| st.search(&text, l)).await {
            Ok(hits) => Json(hits.into_iter().flat_map(|h| h.facts).take(l).collect::<Vec<Fact>>()).into_response(),
            Err(e) => internal(e),
        };
    }
    let kind = q.kind.clone().unwrap_or_else(|| if q.metric.is_some() { "figure".into() } else { "event".into() });
    let until = q.until.clone();
    let result = match kind.as_str() {
        "figure" => {
            let fq = FigureQuery { pair, metric: q.metric.clone(), since: q.since.clone(), until, dated_only: false };
            s.read(move |st| st.figures(&fq)).await
        }
        "event" => {
            let (country, with) = match (pair, only) {
                (Some((a, b)), _) => (Some(a), Some(b)),
                (None, c) => (c, None),
            };
            let (since, kind) = (q.since.clone(), q.kind_type.clone());
            let eq = EventQuery { country, with, kind, since, until, ..Default::default() };
            s.read(move |st| st.events(&eq)).await
        }
        _ => return error(StatusCode::BAD_REQUEST, "kind is figure or event"),
    };
    match result {
        Ok(claims) => Json(claims.iter().take(l).collect::<Vec<_>>()).into_response(),
        Err(e) => internal(e),
    }
}

#[derive(Deserialize)]
struct FigureParams {
    pair: Option<String>,
    metric: Option<String>,
    since: Option<String>,
    limit: Option<usize>,
}

async fn figures(State(s): State<AppState>, Query(q): Query<FigureParams>) -> Response {
    let mut q = q;
    match (checked(q.metric.take(), "metric", filters::metric), checked(q.since.take(), "since", filters::period)) {
        (Ok(m), Ok(since)) => (q.metric, q.since) = (m, since),
        (Err(r), _) | (_, Err(r)) => return r.into_response(),
    }
    let pair = match q.pair.as_deref().map(pair).transpose() {
        Ok(p) => p,
        Err(r) => return r.into_response(),
    };
    let l = limit(q.limit);
    let fq = FigureQuery { pair, metric: q.metric, since: q.since, ..Default::default() };
    match s.read(move |st| st.first_figures(&fq, l)).await {
        Ok(c) => Json(c).into_response(),
        Err(e) => internal(e),
    }
}

#[derive(Deserialize)]
struct EventParams {
    country: Option<String>,
    with: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    since: Option<String>,
    limit: Option<usize>,
}

async fn events(State(s): State<AppState>, Query(q): Query<EventParams>) -> Response {
    let mut q = q;
    match (checked(q.kind.take(), "type", filters::event_type), checked(q.since.take(), "since", filters::period)) {
        (Ok(t), Ok(since)) => (q.kind, q.since) = (t, since),
        (Err(r), _) | (_, Err(r)) => return r.into_response(),
    }
    let parse = |c: Option<String>| c.as_deref().map(country).transpose();
    let (country, with) = match (parse(q.country), parse(q.with)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(r), _) | (_, Err(r)) => return r.into_response(),
    };
    let l = limit(q.limit);
    let eq = EventQuery { country, with, kind: q.kind, since: q.since, ..Default::default() };
    // The latest `limit`, in time order.
    match s.read(move |st| st.latest_events(&eq, l)).await {
        Ok(c) => Json(c).into_response(),
        Err(e) => internal(e),
    }
}

#[derive(Deserialize)]
struct ProfileParams {
    limit: Option<usize>,
    /// The figures of the latest this many periods (profile only; default 50).
    figures: Option<usize>,
}

async fn profile(
    State(s): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    Query(q): Query<ProfileParams>,
) -> Response {
    let (a, b) = match (path_country(&a), path_country(&b)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(r), _) | (_, Err(r)) => return r.into_response(),
    };
    let l = q.limit.unwrap_or(20).clamp(1, MAX_LIMIT);
    let figures = q.figures.unwrap_or(PROFILE_FIGURES).clamp(1, MAX_LIMIT);
    match s.read(move |st| st.profile(&a, &b, l, Some(figures))).await {
        Ok(p) => Json(p).into_response(),
        Err(e) => internal(e),
    }
}

async fn partners(State(s): State<AppState>, Path(a): Path<String>) -> Response {
    let a = match path_country(&a) {
        Ok(a) => a,
        Err(r) => return r.into_response(),
    };
    match s.read(move |st| st.partners(&a)).await {
        Ok(p) => Json(p).into_response(),
        Err(e) => internal(e),
    }
}

async fn person(State(s): State<AppState>, Path(name): Path<String>, Query(q): Query<ProfileParams>) -> Response {
    if name.len() > 200 {
        return error(StatusCode::BAD_REQUEST, "name too long");
    }
    let l = q.limit.unwrap_or(50).clamp(1, MAX_LIMIT);
    match s.read(move |st| st.person(&name, l)).await {
        Ok(p) if p.roles.is_empty() && p.events.is_empty() => {
            NotFound("no article names this person".into()).into_response()
        }
        Ok(p) => Json(p).into_response(),
        Err(e) => internal(e),
    }
}

#[derive(Deserialize)]
struct SearchParams {
    q: String,
    limit: Option<usize>,
}

async fn search(State(s): State<AppState>, Query(p): Query<SearchParams>) -> Response {
    if p.q.len() > 256 {
        return error(StatusCode::BAD_REQUEST, "q too long");
    }
    let l = p.limit.unwrap_or(20).clamp(1, MAX_LIMIT);
    match s.read(move |st| st.search(&p.q, l)).await {
        Ok(h) => Json(h).into_response(),
        Err(e) => internal(e),
    }
}

/// `POST /api/ingest`: a JSON array of articles, one article object, or JSONL; refused unless
/// the server has a token and the request carries it (`Authorization: Bearer TOKEN`).
/// `POST /api/ingest`. The token (and that ingesting is on) is checked before a byte of the
/// body is read, and a declared length over the limit is refused at once: a client without the
/// token cannot make the server hold its upload.
async fn ingest(State(s): State<AppState>, headers: HeaderMap, body: axum::body::Body) -> Response {
    let Some(token) = s.token.clone() else {
        return error(StatusCode::FORBIDDEN, "ingesting is off: start the server with --token or $DYAD_TOKEN");
    };
    let given = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|g| constant_time_eq(g.as_bytes(), token.as_bytes())) {
        return error(StatusCode::UNAUTHORIZED, "a valid token is required (Authorization: Bearer TOKEN)");
    }
    let declared = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > s.max_body as u64) {
        return error(StatusCode::PAYLOAD_TOO_LARGE, format!("the body is over {} bytes (--max-body)", s.max_body));
    }
    // A body that stalls is given up after the deadline (`--timeout`), not waited for.
    let body: Bytes = match tokio::time::timeout(s.body_timeout, axum::body::to_bytes(body, s.max_body)).await {
        Ok(Ok(b)) => b,
        Ok(Err(_)) => {
            return error(StatusCode::PAYLOAD_TOO_LARGE, format!("the body is over {} bytes (--max-body)", s.max_body))
        }
        Err(_) => {
            return error(
                StatusCode::REQUEST_TIMEOUT,
                format!("the body did not arrive within {} s (--timeout)", s.body_timeout.as_secs_f32()),
            )
        }
    };
    let text = match std::str::from_utf8(&body) {
        Ok(t) => t,
        Err(_) => return error(StatusCode::BAD_REQUEST, "the body is not UTF-8"),
    };
    let articles: Vec<Article> = match parse_articles(text).and_then(check_articles) {
        Ok(a) => a,
        Err(m) => return error(StatusCode::BAD_REQUEST, m),
    };
    let Some(run) = s.ingest.clone() else {
        return error(StatusCode::SERVICE_UNAVAILABLE, "this server cannot ingest");
    };
    let db = s.db.clone();
    let result = tokio::task::spawn_blocking(move || {
        dyad_store::on_blocking_thread(|| {
            let mut store = dyad_store::Store::open(&db).map_err(|e| e.0)?;
            run(&mut store, articles)
        })
    })
    .await;
    if let Ok(mut c) = s.countries.lock() {
        *c = None;
    }
    s.cache.clear();
    match result {
        Ok(Ok(sum)) => {
            Json(crate::openapi::IngestAnswer { new: sum.new, unchanged: sum.unchanged, updated: sum.updated })
                .into_response()
        }
        Ok(Err(e)) if e.contains("read-only file system") => error(StatusCode::SERVICE_UNAVAILABLE, e),
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, e),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// A JSON array, one object, or JSON lines.
fn parse_articles(text: &str) -> Result<Vec<Article>, String> {
    let t = text.trim_start();
    if t.starts_with('[') {
        return serde_json::from_str(t).map_err(|e| format!("not a JSON array of articles: {e}"));
    }
    if let Ok(one) = serde_json::from_str::<Article>(t) {
        return Ok(vec![one]);
    }
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let a: Article = serde_json::from_str(line).map_err(|e| format!("line {}: not an article: {e}", n + 1))?;
        out.push(a);
    }
    if out.is_empty() {
        return Err("no articles in the body".into());
    }
    Ok(out)
}

/// Longest document id accepted.
const MAX_ID_BYTES: usize = 256;

/// Refuses articles that cannot be stored as documents: no id, an id over [`MAX_ID_BYTES`],
/// or no text (nor HTML).
fn check_articles(articles: Vec<Article>) -> Result<Vec<Article>, String> {
    for (n, a) in articles.iter().enumerate() {
        let which = format!("article {}", n + 1);
        if a.id.trim().is_empty() {
            return Err(format!("{which}: an empty id"));
        }
        if a.id.len() > MAX_ID_BYTES {
            return Err(format!("{which}: an id of {} bytes (at most {MAX_ID_BYTES})", a.id.len()));
        }
        let has = |t: &Option<String>| t.as_deref().is_some_and(|t| !t.trim().is_empty());
        if !has(&a.text) && !has(&a.html) {
            return Err(format!("{which} ({}): no text", a.id));
        }
    }
    Ok(articles)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
