//! The knowledge base over HTTP: a JSON API (`/api/...`, described by `/api/openapi.json`) and
//! server-rendered pages (a country, a pair with its trade chart in SVG, an article with its
//! evidence marked, search), with only a few lines of JavaScript.
//!
//! Safety: every piece of article text is HTML-escaped ([`html::escape`]); request bodies and
//! query sizes are bounded; the store is reached only through bound SQL parameters; responses
//! carry a strict Content-Security-Policy and related headers; ingesting needs the token the
//! server was started with, and without one it is refused.
#![warn(missing_docs)]

mod api;
mod cache;
mod events_chart;
mod figures_table;
mod gate;
pub mod html;
mod listen;
mod listing;
pub mod map;
mod openapi;
mod pages;
pub mod svg;
mod warm;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use dyad_store::{IngestSummary, Store, StoreError};
use serde::Deserialize;

pub use listen::{default_max_connections, Limits};
pub use openapi::{openapi, ROUTES};

/// One article posted to `/api/ingest`, as `dyad extract` reads a JSONL line.
#[derive(Debug, Clone, Deserialize)]
pub struct Article {
    /// The document id.
    pub id: String,
    /// Plain text (or `html`).
    #[serde(default)]
    pub text: Option<String>,
    /// An HTML page, reduced to its article.
    #[serde(default)]
    pub html: Option<String>,
    /// Publication date.
    #[serde(default)]
    pub published: Option<String>,
    /// URL.
    #[serde(default)]
    pub url: Option<String>,
    /// Title.
    #[serde(default)]
    pub title: Option<String>,
}

/// What the server does with posted articles: extract and store them (the binary supplies the
/// pipeline, so that this crate needs no more than the store).
pub type Ingest = Arc<dyn Fn(&mut Store, Vec<Article>) -> Result<IngestSummary, String> + Send + Sync>;

/// How the server runs.
#[derive(Clone)]
pub struct Config {
    /// The database.
    pub db: PathBuf,
    /// Where to listen (127.0.0.1 unless told otherwise).
    pub addr: SocketAddr,
    /// The token `POST /api/ingest` must carry; None refuses every ingest.
    pub token: Option<String>,
    /// Largest request body, in bytes.
    pub max_body: usize,
    /// Connections open at once, and the deadlines of a request's parts.
    pub limits: Limits,
    /// Answers computed at once (those not in the answer cache); more wait their turn.
    pub workers: usize,
    /// Requests that may wait for a worker; past them, 503 at once.
    pub queue: usize,
    /// Pages computed before the server answers, and again after the database changes: the
    /// most reported countries, pairs and people (`warm.rs`). 0 computes none ahead.
    pub warm: usize,
}

impl Config {
    /// The defaults for a database and an address: no token, 16 MiB bodies, the connection
    /// limit the process can hold, 10 s deadlines, a worker per two cores (one to four: an answer
    /// over a whole large knowledge base can take a hundred megabytes while it is computed), a
    /// queue of 64, the 300 most likely pages computed ahead.
    pub fn new(db: PathBuf, addr: SocketAddr) -> Config {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get()) / 2;
        Config {
            db,
            addr,
            token: None,
            max_body: 16 << 20,
            limits: Limits::default(),
            workers: cores.clamp(1, 4),
            queue: 64,
            warm: 300,
        }
    }
}

/// Shared by the handlers: a few read connections, the write path, the configuration.
#[derive(Clone)]
pub(crate) struct AppState {
    readers: Arc<Mutex<Vec<Store>>>,
    db: PathBuf,
    token: Option<String>,
    ingest: Option<Ingest>,
    /// The countries list of the home page and the cache generation it was read in
    /// (recomputed after the database changes).
    countries: Arc<Mutex<Option<(u64, Countries)>>>,
    /// Answers to GET requests, until the database changes.
    cache: Arc<cache::Cache>,
    /// The largest request body read (`--max-body`).
    max_body: usize,
    /// The deadline of a request body.
    body_timeout: std::time::Duration,
    /// The bound on answers computed at once.
    gate: Arc<gate::Gate>,
    /// Read connections kept open: one per worker.
    keep_readers: usize,
}

/// Countries with their number of facts, most first.
pub(crate) type Countries = Vec<(String, usize)>;

impl AppState {
    fn new(config: &Config, ingest: Option<Ingest>) -> Result<AppState, StoreError> {
        // A misspelt --db must not be served as a new, empty knowledge base.
        if !config.db.exists() && !dyad_store::is_postgres_url(&config.db) {
            return Err(StoreError("no such database (run `dyad ingest` or `dyad demo` first)".into()));
        }
        // Created (or migrated) once, so that readers find a database; on read-only media an
        // existing database is served as it is (an ingest is then refused as read-only).
        if let Err(e) = Store::open(&config.db) {
            if !(config.db.exists() && e.0.contains("read-only file system")) {
                return Err(e);
            }
            eprintln!("dyad: {}", e.0);
        }
        let keep_readers = config.workers.max(1);
        let readers = (0..keep_readers).map(|_| Store::open_read_only(&config.db)).collect::<Result<Vec<_>, _>>()?;
        Ok(AppState {
            readers: Arc::new(Mutex::new(readers)),
            db: config.db.clone(),
            token: config.token.clone(),
            ingest,
            countries: Arc::new(Mutex::new(None)),
            cache: Arc::new(cache::Cache::new(&config.db, config.warm > 0)?),
            max_body: config.max_body,
            body_timeout: config.limits.timeout,
            gate: Arc::new(gate::Gate::new(config.workers, config.queue, config.limits.timeout)),
            keep_readers,
        })
    }

    /// Runs `f` with a read connection, off the async threads. If the request is dropped (its
    /// client has gone) while `f` runs, the connection's query is interrupted.
    pub(crate) async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let state = self.clone();
        let store = state.readers.lock().map_err(|_| StoreError("a reader panicked".into()))?.pop();
        let store = match store {
            Some(s) => s,
            None => Store::open_read_only(&state.db)?,
        };
        let mut interrupt = InterruptOnDrop(Some(store.interrupt_handle()));
        let (store, out) = tokio::task::spawn_blocking(move || {
            let out = dyad_store::on_blocking_thread(|| f(&store));
            (store, out)
        })
        .await
        .map_err(|e| StoreError(format!("a query failed: {e}")))?;
        if let Ok(mut pool) = self.readers.lock() {
            if pool.len() < self.keep_readers {
                pool.push(store);
            }
        }
        interrupt.0 = None;
        out
    }
}

/// Interrupts a read connection's query when dropped while still armed: the request that wanted
/// the answer has gone.
struct InterruptOnDrop(Option<dyad_store::Interrupt>);

impl Drop for InterruptOnDrop {
    fn drop(&mut self) {
        if let Some(h) = self.0.take() {
            h.interrupt();
        }
    }
}

/// A path the server has no page or answer for: 404, as JSON under `/api/`, else a page.
async fn fallback(uri: axum::http::Uri) -> axum::response::Response {
    use axum::response::IntoResponse;
    if uri.path().starts_with("/api/") {
        return api::error(axum::http::StatusCode::NOT_FOUND, format!("no such API path: {}", uri.path()));
    }
    pages::not_found("There is no page here.").into_response()
}

/// The routes, for tests and for [`serve`].
pub fn router(config: &Config, ingest: Option<Ingest>) -> Result<Router, StoreError> {
    Ok(app(config, ingest)?.0)
}

/// The routes and the state they share.
fn app(config: &Config, ingest: Option<Ingest>) -> Result<(Router, AppState), StoreError> {
    let state = AppState::new(config, ingest)?;
    let router = Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .fallback(fallback)
        .layer(middleware::from_fn(api::json_errors))
        .layer(middleware::from_fn_with_state(state.gate.clone(), gate::layer))
        .layer(middleware::from_fn_with_state(state.clone(), cache::layer))
        .layer(DefaultBodyLimit::max(config.max_body))
        .layer(middleware::from_fn(security_headers))
        .with_state(state.clone());
    Ok((router, state))
}

/// Serves until interrupted (Ctrl-C).
pub async fn serve(config: Config, ingest: Option<Ingest>) -> std::io::Result<()> {
    let (app, state) = app(&config, ingest)
        .map_err(|e| std::io::Error::other(format!("{}: {e}", dyad_store::display_name(&config.db))))?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| std::io::Error::new(e.kind(), format!("cannot listen on {}: {e}", config.addr)))?;
    // The likeliest pages first (connections made meanwhile wait to be accepted), then kept
    // computed as the database changes.
    if config.warm > 0 {
        let t = std::time::Instant::now();
        let n = warm::warm(&app, &state, config.warm).await;
        eprintln!("dyad: computed {n} pages ahead of their visits in {:.1} s", t.elapsed().as_secs_f64());
    }
    tokio::spawn(warm::keep_warm(app.clone(), state, config.warm));
    eprintln!("dyad: serving {} on http://{}/", dyad_store::display_name(&config.db), listener.local_addr()?);
    listen::run(listener, app, config.limits, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

/// Headers on every response: no inline or foreign scripts, no framing, no sniffing, no
/// referrer.
async fn security_headers(req: Request<axum::body::Body>, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, k: header::HeaderName, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    set(
        h,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; \
         form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(h, header::CACHE_CONTROL, "no-store");
    res
}

#[cfg(test)]
mod read_tests {
    use super::*;

    /// A request whose client has gone (its future dropped) has its SQLite query interrupted,
    /// rather than left to run to its end on a worker thread.
    #[tokio::test]
    async fn a_query_whose_client_has_gone_is_interrupted() {
        let dir = std::env::temp_dir().join(format!("dyad-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let config = Config::new(dir.join("kb.db"), "127.0.0.1:0".parse().unwrap());
        Store::open(&config.db).unwrap();
        let state = AppState::new(&config, None).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let (handle_tx, handle_rx) = std::sync::mpsc::channel();
        // A query that never ends by itself: counting an endless sequence.
        let endless = state.read(move |store| {
            handle_tx.send(store.interrupt_handle()).unwrap();
            let r = store.connection().unwrap().query_row(
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
                [],
                |row| row.get::<_, i64>(0),
            );
            let _ = tx.send(r.map_err(|e| e.to_string()));
            Ok(())
        });
        // The client waits 200 ms, then goes: the future is dropped.
        assert!(tokio::time::timeout(std::time::Duration::from_millis(200), endless).await.is_err());
        let Ok(ended) = rx.recv_timeout(std::time::Duration::from_secs(10)) else {
            // Stop it here, so that the test fails instead of hanging.
            handle_rx.recv().unwrap().interrupt();
            panic!("the query of a request whose client had gone went on running");
        };
        assert!(ended.as_ref().is_err_and(|e| e.contains("interrupt")), "{ended:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
