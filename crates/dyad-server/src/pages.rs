//! Server-rendered pages. Every value from the store is escaped; links carry only escaped,
//! URL-encoded ids.

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use dyad_facts::Fact;
use dyad_store::merge::{Claim, Source};
use serde::Deserialize;

use crate::figures_table::{self, FigureFilter};
use crate::html::{escape, page, url_part};
use crate::listing::{self, EventFilter};
use crate::svg::{period_span, short_number, time_chart, Point, Series};
use crate::AppState;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/country/{a}", get(country))
        .route("/pair/{a}/{b}", get(pair))
        .route("/person/{name}", get(person))
        .route("/doc/{doc}", get(document))
        .route("/search", get(search))
        .route(
            "/static/app.css",
            get(|| async { ([(header::CONTENT_TYPE, "text/css")], include_str!("../assets/app.css")) }),
        )
        .route(
            "/static/app.js",
            get(|| async { ([(header::CONTENT_TYPE, "text/javascript")], include_str!("../assets/app.js")) }),
        )
}

pub(crate) fn not_found(what: &str) -> Response {
    (StatusCode::NOT_FOUND, Html(page("Not found", &format!("<p>{}</p>", escape(what))))).into_response()
}

fn failed(e: dyad_store::StoreError) -> Response {
    (StatusCode::INTERNAL_SERVER_ERROR, Html(page("Something went wrong", &format!("<p>{}</p>", escape(&e.0)))))
        .into_response()
}

/// People as links to their pages.
fn person_links(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!(r#"<a href="/person/{}">{}</a>"#, url_part(n), escape(n)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `/person/{name}`: a person's roles over time (first and last reported, with sources) and
/// their visits, meetings and other events, newest first, each opening to its evidence; the
/// events filtered, sorted, paged and downloaded as the country and pair pages' are (`person`
/// there is another person the events name: `/person/Kassym-Jomart%20Tokayev?person=Xi%20Jinping`).
async fn person(State(s): State<AppState>, Path(name): Path<String>, Query(f): Query<EventFilter>) -> Response {
    if name.len() > 200 {
        return not_found("No such person.");
    }
    let f = match f.checked() {
        Ok(f) => f,
        Err(e) => return bad_filter(&e),
    };
    let n2 = name.clone();
    let p = match s.read(move |st| st.person(&n2, listing::PER_PAGE)).await {
        Ok(p) => p,
        Err(e) => return failed(e),
    };
    if p.roles.is_empty() && p.events.is_empty() {
        return not_found("No article names this person.");
    }
    // The default view holds the latest reports (read with the profile); a filtered one reads
    // the person's events the filter selects, the evidence of the page shown only.
    let events = if f.is_default() && f.format.is_none() {
        listing::ordered(p.events, &f)
    } else {
        let q = dyad_store::EventQuery {
            person: Some(name.clone()),
            kind: f.kind.clone(),
            since: f.since.clone(),
            until: f.until.clone(),
            ..Default::default()
        };
        let (f2, n3) = (f.clone(), name.clone());
        let read = s.read(move |st| {
            // The store matches part of a name: this page is of the whole one.
            let named = st
                .events_without_evidence(&q)?
                .into_iter()
                .filter(|c| matches!(&c.fact, Fact::Event(e) if e.persons.iter().any(|p| p == &n3)));
            let mut claims = listing::ordered(named.collect(), &f2);
            let range = if f2.format.is_some() { 0..claims.len() } else { listing::page_range(claims.len(), &f2) };
            st.fill_evidence(&mut claims[range])?;
            Ok(claims)
        });
        match read.await {
            Ok(c) => c,
            Err(e) => return failed(e),
        }
    };
    if let Some(format) = &f.format {
        let file: String = name.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
        return listing::download(&events, "event", format, &format!("events-{file}"));
    }
    let mut body = String::from(
        r#"<h2>Roles</h2><div class="scroll"><table><thead><tr><th>Role</th><th>Of</th><th>First reported</th><th>Last reported</th><th>Sources</th></tr></thead><tbody>"#,
    );
    for r in &p.roles {
        let links: Vec<String> = r.sources.iter().map(source_link).collect();
        let more = r.reports.saturating_sub(r.sources.len());
        body.push_str(&format!(
            r#"<tr><td>{}</td><td><a href="/country/{}">{}</a></td><td>{}</td><td>{}</td><td>{} report{}: {}{}</td></tr>"#,
            escape(&r.role.replace('_', " ")),
            escape(&r.of),
            escape(&country_name(&r.of)),
            escape(r.first.as_deref().unwrap_or("undated")),
            escape(r.last.as_deref().unwrap_or("undated")),
            r.reports,
            if r.reports == 1 { "" } else { "s" },
            links.join(", "),
            if more > 0 { format!(" and {more} more") } else { String::new() }
        ));
    }
    body.push_str(&format!(
        "</tbody></table></div><h2 id=\"events\">Visits, meetings and agreements</h2><p>{} event reports name them.</p>",
        report_count(p.event_total),
    ));
    body.push_str(&event_section(&events, &f, &format!("/person/{}", url_part(&name))));
    Html(page(&name, &body)).into_response()
}

/// A count of reports as the store gives it: "10,000 or more" when it stopped counting.
fn report_count(n: usize) -> String {
    if n >= dyad_store::EVENT_COUNT_CAP {
        format!("{} or more", dyad_store::EVENT_COUNT_CAP)
    } else {
        n.to_string()
    }
}

/// Countries by their names, for lists: "Kazakhstan, China" (a code the lexicon does not know
/// stays a code).
pub(crate) fn short_names(codes: &[String]) -> String {
    let lex = dyad_lexicon::Lexicon::embedded();
    codes.iter().map(|c| lex.country(c).map_or(c.as_str(), |x| x.name.as_str())).collect::<Vec<_>>().join(", ")
}

/// A country's name and code, as pages show it: "Kazakhstan (KAZ)".
fn country_name(code: &str) -> String {
    match dyad_lexicon::Lexicon::embedded().country(code) {
        Some(c) => format!("{} ({code})", c.name),
        None => code.to_string(),
    }
}

/// A country of a page's path: an ISO3 code (or name) the lexicon knows, else none (404).
fn code(c: &str) -> Option<String> {
    (c.len() <= 64).then(|| dyad_store::filters::country(c).ok()).flatten()
}

/// The outlet of an article's URL: its host without "www." ("astanatimes.com").
pub(crate) fn outlet(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// A link to the source article with the evidence sentence marked: its outlet and date (the
/// document id only when neither is known), its title on hover.
fn source_link(s: &Source) -> String {
    let label = match (s.url.as_deref().and_then(outlet), s.published.as_deref()) {
        (Some(o), Some(d)) => format!("{o}, {d}"),
        (Some(o), None) => o.to_string(),
        (None, Some(d)) => d.to_string(),
        (None, None) => s.doc.clone(),
    };
    format!(
        r#"<a href="/doc/{}?s={}&amp;e={}#evidence" title="{}">{}</a>"#,
        url_part(&s.doc),
        s.evidence.start,
        s.evidence.end,
        escape(s.title.as_deref().unwrap_or(&s.doc)),
        escape(&label)
    )
}

/// Articles as a list: date and title, each a link to the article.
fn article_list(docs: &[dyad_store::DocumentRow]) -> String {
    let mut out = String::from("<ul>");
    for d in docs {
        out.push_str(&format!(
            r#"<li>{} <a href="/doc/{}">{}</a></li>"#,
            escape(d.published.as_deref().unwrap_or("")),
            url_part(&d.doc),
            escape(d.title.as_deref().unwrap_or(&d.doc))
        ));
    }
    out.push_str("</ul>");
    out
}

/// A conflicting figure's other values side by side, each with its qualifier and links to the
/// articles that gave it (outlet and date, the sentence on hover).
pub(crate) fn other_values(c: &Claim) -> String {
    let values: Vec<String> = c
        .others
        .iter()
        .map(|o| {
            let docs: Vec<String> = o.sources.iter().map(source_link).collect();
            let more = o.docs.len().saturating_sub(o.sources.len());
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            let q = if o.qualifier == "exact" { String::new() } else { format!("{} ", escape(&o.qualifier)) };
            format!("<b>{q}{}</b> ({}{more})", short_number(o.value), docs.join(", "))
        })
        .collect();
    if values.is_empty() {
        String::new()
    } else {
        format!(r#"<span class="conflict">{}</span>"#, values.join("; "))
    }
}

pub(crate) fn sources_cell(c: &Claim) -> String {
    let links: Vec<String> = c.sources.iter().take(5).map(source_link).collect();
    let more = c.sources.len().saturating_sub(5);
    if more > 0 {
        format!("{} and {more} more", links.join(", "))
    } else {
        links.join(", ")
    }
}

async fn home(State(s): State<AppState>) -> Response {
    // Kept until the database changes (by this server or another process).
    let generation = s.cache.generation();
    let cached = s.countries.lock().ok().and_then(|c| c.clone()).filter(|(g, _)| *g == generation);
    let countries = match cached {
        Some((_, c)) => c,
        None => match s.read(|st| st.countries(40)).await {
            Ok(c) => {
                if let Ok(mut slot) = s.countries.lock() {
                    *slot = Some((generation, c.clone()));
                }
                c
            }
            Err(e) => return failed(e),
        },
    };
    let docs = match s.read(|st| st.document_page(15, 0)).await {
        Ok(d) => d,
        Err(e) => return failed(e),
    };
    let mut body = String::from("<h2>Countries</h2><p>");
    for (c, n) in &countries {
        let name = dyad_lexicon::Lexicon::embedded().country(c).map_or(c.as_str(), |x| x.name.as_str());
        body.push_str(&format!(r#"<a href="/country/{}">{}</a> <small>({n})</small> · "#, escape(c), escape(name)));
    }
    body.push_str("</p><h2>Latest articles</h2>");
    body.push_str(&article_list(&docs));
    Html(page("Bilateral relations", &body)).into_response()
}

async fn country(State(s): State<AppState>, Path(a): Path<String>, Query(f): Query<EventFilter>) -> Response {
    let Some(a) = code(&a) else {
        return not_found("No such country: give an ISO3 code (KAZ) or an English name (Kazakhstan).");
    };
    let f = match f.checked() {
        Ok(f) => f,
        Err(e) => return bad_filter(&e),
    };
    let path = format!("/country/{a}");
    let events = match filtered_events(&s, &f, &a, None).await {
        Ok(e) => e,
        Err(e) => return failed(e),
    };
    if let Some(format) = &f.format {
        return listing::download(&events, "event", format, &format!("events-{a}"));
    }
    let a2 = a.clone();
    let partners = match s.read(move |st| st.partners(&a2)).await {
        Ok(p) => p,
        Err(e) => return failed(e),
    };
    let shades: Vec<(String, f64)> =
        partners.iter().map(|p| (p.country.clone(), (p.events + p.figures) as f64)).collect();
    let mut body = String::from("<h2>Partners</h2>");
    body.push_str(&crate::map::world_map(&a, &shades, "events and figures"));
    body.push_str(
        r#"<div class="scroll"><table><thead><tr><th>Partner</th><th>Events</th><th>Figures</th><th>Articles</th><th>Latest trade turnover</th></tr></thead><tbody>"#,
    );
    for p in &partners {
        body.push_str(&format!(
            r#"<tr><td><a href="/pair/{a}/{c}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            escape(&country_name(&p.country)),
            p.events,
            p.figures,
            p.sources,
            p.latest_trade
                .as_ref()
                .map(|(period, v)| format!("{} USD ({})", short_number(*v), escape(period)))
                .unwrap_or_default(),
            a = escape(&a),
            c = escape(&p.country)
        ));
    }
    body.push_str("</tbody></table></div><h2>Events over time</h2>");
    let a4 = a.clone();
    match s.read(move |st| st.event_years(&a4, None)).await {
        Ok(rows) => body.push_str(&crate::events_chart::events_chart(
            &rows,
            &format!("Event reports involving {} by year and type (each bar opens its events)", country_name(&a)),
            |y, t| format!("{path}?type={t}&since={y}&until={y}#events"),
        )),
        Err(e) => return failed(e),
    }
    body.push_str("<h2 id=\"events\">Events</h2>");
    body.push_str(&event_section(&events, &f, &path));
    Html(page(&format!("{}: partners and events", country_name(&a)), &body)).into_response()
}

/// A filter value that cannot be: a 400 page that says why.
fn bad_filter(why: &str) -> Response {
    (StatusCode::BAD_REQUEST, Html(page("Not a valid filter", &format!("<p>{}</p>", escape(why))))).into_response()
}

/// The events of a country (or a pair) that a list's filter keeps, in its order. The page's
/// default view (no filter, first page) reads only the newest reports; a filtered one reads
/// what the filter selects.
async fn filtered_events(
    s: &AppState,
    f: &EventFilter,
    a: &str,
    b: Option<&str>,
) -> Result<Vec<Claim>, dyad_store::StoreError> {
    let q = f.query(a, b);
    if f.is_default() && f.format.is_none() {
        let claims = s.read(move |st| st.latest_events(&q, listing::PER_PAGE)).await?;
        return Ok(listing::ordered(claims, f));
    }
    if f.format.is_some() {
        let claims = s.read(move |st| st.events(&q)).await?;
        return Ok(listing::ordered(claims, f));
    }
    // A filtered page: every claim counted and ordered, the evidence read for the page shown
    // only (reading each sentence is most of the cost of a list of thousands).
    let f2 = f.clone();
    s.read(move |st| {
        let mut claims = listing::ordered(st.events_without_evidence(&q)?, &f2);
        let range = listing::page_range(claims.len(), &f2);
        st.fill_evidence(&mut claims[range])?;
        Ok(claims)
    })
    .await
}

/// The places the events name, with coordinates from the bundled gazetteer, each with its
/// number of events and a link to the latest one's evidence (events newest first).
fn event_places(events: &[Claim]) -> Vec<crate::map::EventPlace> {
    let lex = dyad_lexicon::Lexicon::embedded();
    let mut out: Vec<crate::map::EventPlace> = Vec::new();
    for c in events {
        let Fact::Event(e) = &c.fact else { continue };
        let text = |k: &str| e.attributes.get(k).and_then(|v| v.as_str());
        let (Some(name), Some(country)) = (text("place"), text("place_country")) else { continue };
        let Some(place) = lex.place(country, name) else { continue };
        let Some(lat_lon) = place.lat_lon else { continue };
        // One dot per place, however it is written ("Astana", "ASTANA" of a dateline, "Астане"
        // of a Russian article, named by the gazetteer then).
        match out.iter_mut().find(|p| p.lat_lon == lat_lon) {
            Some(p) => p.events += 1,
            None => out.push(crate::map::EventPlace {
                name: if name.is_ascii() { name.to_string() } else { place.name.clone() },
                lat_lon,
                events: 1,
                href: c.sources.first().map_or_else(String::new, |s| {
                    format!("/doc/{}?s={}&e={}#evidence", url_part(&s.doc), s.evidence.start, s.evidence.end)
                }),
            }),
        }
    }
    out
}

/// The filter form, the count and downloads, one page of the events, and the pager. The
/// default view holds only the newest reports: its count says so, and its pager leads to the
/// whole list.
fn event_section(events: &[Claim], f: &EventFilter, path: &str) -> String {
    let partial = f.is_default() && events.len() >= listing::PER_PAGE;
    let mut out = listing::form(path, f, events.len(), partial);
    let (shown, pager) = listing::page(events, f, path);
    out.push_str(&timeline(shown));
    out.push_str(&pager);
    if partial {
        out.push_str(&format!(r#"<nav class="pager"><a href="{}?page=2">older →</a></nav>"#, escape(path)));
    }
    out
}

/// Events as a list that opens each to its evidence, in the order given.
fn timeline(claims: &[Claim]) -> String {
    if claims.is_empty() {
        return "<p class=\"empty\">None.</p>".into();
    }
    let mut out = String::from("<ul class=\"timeline\">");
    for c in claims {
        let Fact::Event(e) = &c.fact else { continue };
        let who = if e.to.is_empty() {
            short_names(&e.from)
        } else {
            format!("{} → {}", short_names(&e.from), short_names(&e.to))
        };
        let modality = e.modality.as_deref().map(|m| format!(" <em>({})</em>", escape(m))).unwrap_or_default();
        let persons = if e.persons.is_empty() { String::new() } else { format!(" · {}", person_links(&e.persons)) };
        // Where, when the text names the place: "in Astana".
        let place = e
            .attributes
            .get("place")
            .and_then(|p| p.as_str())
            .map(|p| format!(r#" <span class="place">in {}</span>"#, escape(p)))
            .unwrap_or_default();
        out.push_str(&format!(
            r#"<li class="fact"><span class="when">{}</span><a href="" data-toggle>{} {}</a>{}{}{} <small>({} source{})</small><div class="evidence">{}<br>{}</div></li>"#,
            escape(e.date.as_deref().unwrap_or("undated")),
            escape(&e.kind),
            escape(&who),
            place,
            modality,
            persons,
            c.sources.len(),
            if c.sources.len() == 1 { "" } else { "s" },
            escape(&e.evidence.text),
            sources_cell(c)
        ));
    }
    out.push_str("</ul>");
    out
}

async fn pair(
    State(s): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    Query(f): Query<EventFilter>,
    Query(ff): Query<FigureFilter>,
) -> Response {
    let (Some(a), Some(b)) = (code(&a), code(&b)) else {
        return not_found("No such country: give an ISO3 code (KAZ) or an English name (Kazakhstan).");
    };
    let ff = match ff.checked() {
        Ok(ff) => ff,
        Err(e) => return bad_filter(&e),
    };
    let f = match f.checked() {
        Ok(f) => f,
        Err(e) => return bad_filter(&e),
    };
    let path = format!("/pair/{a}/{b}");
    // A figures download needs the figures only; an events download the events only.
    let profile = || {
        let (a2, b2) = (a.clone(), b.clone());
        s.read(move |st| st.profile(&a2, &b2, 30, None))
    };
    if let (None, Some(format)) = (&f.format, &ff.fformat) {
        return match profile().await {
            Ok(p) => {
                listing::download(&figures_table::kept(&p.figures, &ff), "figure", format, &format!("figures-{a}-{b}"))
            }
            Err(e) => failed(e),
        };
    }
    let events = match filtered_events(&s, &f, &a, Some(&b)).await {
        Ok(e) => e,
        Err(e) => return failed(e),
    };
    if let Some(format) = &f.format {
        return listing::download(&events, "event", format, &format!("events-{a}-{b}"));
    }
    let p = match profile().await {
        Ok(p) => p,
        Err(e) => return failed(e),
    };
    // The chart: trade turnover, each side's exports and each side's imports (goods go from ->
    // to, so A's imports from B are from B), over the span of their periods.
    let mut series: Vec<Series> = Vec::new();
    for (metric, from) in [
        ("trade_turnover", None),
        ("exports", Some(&a)),
        ("exports", Some(&b)),
        ("imports", Some(&b)),
        ("imports", Some(&a)),
    ] {
        let points: Vec<Point> = p
            .figures
            .iter()
            .filter_map(|c| match &c.fact {
                Fact::Figure(f) if f.metric == metric && f.unit == "USD" && from.is_none_or(|x| &f.from == x) => {
                    let period = f.period.as_deref()?;
                    let (start, end) = period_span(period)?;
                    let src = c.sources.first()?;
                    Some(Point {
                        start,
                        end,
                        value: f.value,
                        exact: f.qualifier == "exact",
                        href: format!(
                            "/doc/{}?s={}&e={}#evidence",
                            url_part(&src.doc),
                            src.evidence.start,
                            src.evidence.end
                        ),
                        title: format!(
                            "{period}: {}{} USD, {} source(s)",
                            if f.qualifier == "exact" { String::new() } else { format!("{} ", f.qualifier) },
                            short_number(f.value),
                            c.sources.len()
                        ),
                    })
                }
                _ => None,
            })
            .collect();
        if !points.is_empty() {
            let name = match (metric, from) {
                ("trade_turnover", _) => "Trade turnover".to_string(),
                ("exports", Some(x)) if *x == a => format!("{a} exports to {b}"),
                ("exports", _) => format!("{b} exports to {a}"),
                (_, Some(x)) if *x == b => format!("{a} imports from {b}"),
                _ => format!("{b} imports from {a}"),
            };
            series.push(Series { name, points });
        }
    }
    let mut body = format!(
        r#"<p>{} event reports; {} figures by period, {} contradicted by other articles. <a href="/api/profile/{a}/{b}">JSON</a></p><h2>Trade</h2>"#,
        report_count(p.event_total),
        p.figures.len(),
        p.conflicts,
        a = escape(&a),
        b = escape(&b)
    );
    body.push_str(&time_chart(
        &series,
        &format!("Trade between {a} and {b}, USD, over the periods reported (each point links to its source)"),
    ));
    body.push_str("<h2 id=\"figures\">Figures</h2>");
    let figures = figures_table::kept(&p.figures, &ff);
    body.push_str(&figures_table::section(&figures, &ff, &path));
    body.push_str("<h2>Events over time</h2>");
    let (a4, b4) = (a.clone(), b.clone());
    match s.read(move |st| st.event_years(&a4, Some(&b4))).await {
        Ok(rows) => body.push_str(&crate::events_chart::events_chart(
            &rows,
            &format!("Event reports between {a} and {b} by year and type (each bar opens its events)"),
            |y, t| format!("{path}?type={t}&since={y}&until={y}#events"),
        )),
        Err(e) => return failed(e),
    }
    body.push_str("<h2 id=\"events\">Visits, meetings and agreements</h2>");
    if let Some(map) = crate::map::places_map([a.as_str(), b.as_str()], &event_places(&events)) {
        body.push_str(&map);
    }
    body.push_str(&event_section(&events, &f, &path));
    body.push_str("<h2>People</h2><ul>");
    for (name, roles) in &p.people {
        body.push_str(&format!(
            "<li>{} <small>{}</small></li>",
            person_links(std::slice::from_ref(name)),
            escape(&roles.join("; "))
        ));
    }
    body.push_str("</ul><h2>Articles</h2>");
    body.push_str(&article_list(&p.documents));
    Html(page(&format!("{} and {}", country_name(&a), country_name(&b)), &body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::outlet;

    #[test]
    fn the_outlet_is_the_host_of_the_url() {
        assert_eq!(outlet("https://www.astanatimes.com/2024/05/x/"), Some("astanatimes.com"));
        assert_eq!(outlet("http://kun.uz:8080/news?id=1"), Some("kun.uz"));
        assert_eq!(outlet("javascript:alert(1)"), None);
        assert_eq!(outlet("https://"), None);
    }
}

#[derive(Deserialize)]
struct Mark {
    s: Option<usize>,
    e: Option<usize>,
}

async fn document(State(st): State<AppState>, Path(doc): Path<String>, Query(m): Query<Mark>) -> Response {
    if doc.len() > 512 {
        return not_found("No such document.");
    }
    let found = match st.read(move |store| store.document(&doc)).await {
        Ok(Some(d)) => d,
        Ok(None) => return not_found("No such document."),
        Err(e) => return failed(e),
    };
    let (row, text, facts) = found;
    // The evidence marked: the text escaped in three parts (offsets are bytes; a span that is
    // not on character boundaries is ignored).
    let span = match (m.s, m.e) {
        (Some(s), Some(e)) if s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e) => {
            Some((s, e))
        }
        _ => None,
    };
    let article = match span {
        Some((s, e)) => {
            format!(r#"{}<mark id="evidence">{}</mark>{}"#, escape(&text[..s]), escape(&text[s..e]), escape(&text[e..]))
        }
        None => escape(&text),
    };
    let mut body = format!(
        r#"<p>{} {}</p><div class="article">{article}</div><h2>Facts</h2><ul>"#,
        escape(row.published.as_deref().unwrap_or("undated")),
        row.url
            .as_deref()
            .map(|u| {
                // Only web links are links: "javascript:" or "data:" would run in the page.
                let web =
                    ["http://", "https://"].iter().any(|p| u.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)));
                if web {
                    format!(r#"· <a href="{0}" rel="noopener noreferrer nofollow">{0}</a>"#, escape(u))
                } else {
                    format!("· {}", escape(u))
                }
            })
            .unwrap_or_default()
    );
    for f in &facts {
        let (what, ev) = match f {
            Fact::Event(e) => (
                format!("{} {} → {} {}", e.kind, e.from.join(", "), e.to.join(", "), e.date.as_deref().unwrap_or("")),
                &e.evidence,
            ),
            Fact::Figure(x) => (
                format!(
                    "{} {} → {}: {} {} ({})",
                    x.metric,
                    x.from,
                    x.to,
                    short_number(x.value),
                    x.unit,
                    x.period.as_deref().unwrap_or("?")
                ),
                &x.evidence,
            ),
            Fact::Role(r) => (format!("{}: {} of {}", r.person, r.role, r.of), &r.evidence),
            Fact::Document(_) => continue,
        };
        body.push_str(&format!(
            r#"<li><a href="/doc/{}?s={}&amp;e={}#evidence">{}</a></li>"#,
            url_part(&row.doc),
            ev.start,
            ev.end,
            escape(&what)
        ));
    }
    body.push_str("</ul>");
    Html(page(row.title.as_deref().unwrap_or(&row.doc), &body)).into_response()
}

#[derive(Deserialize)]
struct SearchQuery {
    q: Option<String>,
    page: Option<usize>,
}

async fn search(State(s): State<AppState>, Query(q): Query<SearchQuery>) -> Response {
    const PER: usize = 50;
    const CAP: usize = 10_000;
    let text: String = q.q.unwrap_or_default().chars().take(256).collect();
    let page_no = q.page.unwrap_or(1).clamp(1, CAP / PER);
    let t2 = text.clone();
    let found =
        s.read(move |st| Ok((st.search_count(&t2, CAP)?, st.search_page(&t2, PER, (page_no - 1) * PER)?))).await;
    let (total, hits) = match found {
        Ok(x) => x,
        Err(e) => return failed(e),
    };
    let count = if total > CAP { format!("more than {CAP}") } else { total.to_string() };
    let first = (page_no - 1) * PER + 1;
    let mut body = if hits.is_empty() {
        format!("<p class=\"count\">{count} sentence{}</p><ul>", if total == 1 { "" } else { "s" })
    } else {
        format!(
            "<p class=\"count\">{count} sentence{}; {}-{} shown</p><ul>",
            if total == 1 { "" } else { "s" },
            first,
            first + hits.len() - 1
        )
    };
    for h in &hits {
        let facts: Vec<String> = h
            .facts
            .iter()
            .filter_map(|f| match f {
                Fact::Event(e) => Some(format!("{} {}", e.kind, e.date.as_deref().unwrap_or(""))),
                Fact::Figure(x) => Some(format!("{} {}", x.metric, short_number(x.value))),
                Fact::Role(r) => Some(format!("{}: {}", r.person, r.role)),
                Fact::Document(_) => None,
            })
            .collect();
        body.push_str(&format!(
            r#"<li><a href="/doc/{}?s={}&amp;e={}#evidence">{}</a> {} <small>{}</small></li>"#,
            url_part(&h.doc),
            h.start,
            h.end,
            escape(h.published.as_deref().unwrap_or(&h.doc)),
            escape(&h.text),
            escape(&facts.join("; "))
        ));
    }
    body.push_str("</ul>");
    let link = |n: usize, label: &str| format!(r#"<a href="/search?q={}&amp;page={n}">{label}</a>"#, url_part(&text));
    let shown_to = (page_no - 1) * PER + hits.len();
    if page_no > 1 || shown_to < total.min(CAP) {
        body.push_str("<nav class=\"pager\">");
        if page_no > 1 {
            body.push_str(&link(page_no - 1, "← better matches"));
            body.push(' ');
        }
        if shown_to < total.min(CAP) {
            body.push_str(&link(page_no + 1, "more →"));
        }
        body.push_str("</nav>");
    }
    Html(page(&format!("Search: {text}"), &body)).into_response()
}
