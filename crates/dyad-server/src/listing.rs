//! A list of events a page shows, filtered, sorted and paged by query parameters, and the same
//! list as a download: `/pair/KAZ/CHN?type=VISIT&since=2019&person=Xi+Jinping&page=2` is a
//! link an analyst can share, and `...&format=csv` (or `json`) gives exactly those events.
//!
//! Why parameters and not script: a filtered view is a URL (bookmarked, sent, cited), works
//! without JavaScript, and each value is checked as the command line checks it (an unknown
//! type is a 400 that lists the valid ones, never an empty list that reads as "no events").
//!
//! ```text
//! /country/KAZ?type=VISIT&since=2022&sort=oldest     visits since 2022, oldest first, 50 a page
//! /country/KAZ?type=VISIT&since=2022&format=csv      the same visits, every page, as CSV
//! ```

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use dyad_facts::Fact;
use dyad_store::filters;
use dyad_store::merge::Claim;
use dyad_store::EventQuery;
use serde::Deserialize;

use crate::html::{escape, url_part};

/// Events on one page of a list.
pub(crate) const PER_PAGE: usize = 50;

/// The query parameters of an event list.
#[derive(Deserialize, Default, Clone, Debug)]
pub(crate) struct EventFilter {
    /// An event type (VISIT, MEET, ...).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// From this date or period on (YYYY, YYYY-MM, YYYY-MM-DD).
    pub since: Option<String>,
    /// Up to this date or period.
    pub until: Option<String>,
    /// Events naming this person.
    pub person: Option<String>,
    /// `asserted` (none), `planned`, `negated` or `hypothetical`.
    pub modality: Option<String>,
    /// `newest` (the default) or `oldest` first.
    pub sort: Option<String>,
    /// The page, from 1.
    pub page: Option<usize>,
    /// `csv` or `json`: the whole filtered list as a download.
    pub format: Option<String>,
}

/// A parameter's value, trimmed; none when empty (an empty field of a form is no filter).
pub(crate) fn blank(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// A parameter's value checked (and made canonical) by `f`, as the command line checks it; an
/// error names the parameter and the value.
pub(crate) fn check(
    v: Option<String>,
    name: &str,
    f: fn(&str) -> Result<String, String>,
) -> Result<Option<String>, String> {
    match blank(v) {
        Some(s) if s.len() > 100 => Err(format!("{name} is too long")),
        Some(s) => f(&s).map(Some).map_err(|e| format!("{name}={s:?}: {e}")),
        None => Ok(None),
    }
}

/// The orders of a list by date, and the formats of its downloads.
pub(crate) const ORDERS: [&str; 2] = ["newest", "oldest"];
pub(crate) const FORMATS: [&str; 2] = ["csv", "json"];

/// A parameter's value, lower-cased, if it is one of `allowed`; an error that lists them if not.
pub(crate) fn one_of(v: Option<String>, name: &str, allowed: &[&str]) -> Result<Option<String>, String> {
    match blank(v).map(|s| s.to_lowercase()) {
        Some(s) if !allowed.contains(&s.as_str()) => Err(format!("{name}={s:?}: one of {}", allowed.join(", "))),
        v => Ok(v),
    }
}

/// The navigation between pages: "page N of M", and links to the pages before and after
/// (`link(page, text)`), named `back` and `on`.
pub(crate) fn pager(
    n: usize,
    pages: usize,
    class: &str,
    back: &str,
    on: &str,
    link: impl Fn(usize, &str) -> String,
) -> String {
    let mut nav = format!(r#"<nav class="{class}">page {n} of {pages} "#);
    if n > 1 {
        nav.push_str(&link(n - 1, back));
    }
    if n < pages {
        nav.push(' ');
        nav.push_str(&link(n + 1, on));
    }
    nav.push_str("</nav>");
    nav
}

/// The modalities a list can be filtered by.
const MODALITIES: [&str; 4] = ["asserted", "planned", "negated", "hypothetical"];

impl EventFilter {
    /// The filter with its values checked and put in canonical form (types upper-cased), or
    /// what is wrong with one of them.
    pub fn checked(mut self) -> Result<EventFilter, String> {
        self.kind = check(self.kind, "type", filters::event_type)?;
        self.since = check(self.since, "since", filters::period)?;
        self.until = check(self.until, "until", filters::period)?;
        self.person = blank(self.person).filter(|p| p.len() <= 100);
        self.modality = one_of(self.modality, "modality", &MODALITIES)?;
        self.sort = one_of(self.sort, "sort", &ORDERS)?;
        self.format = one_of(self.format, "format", &FORMATS)?;
        self.page = Some(self.page.unwrap_or(1).clamp(1, 100_000));
        Ok(self)
    }

    /// Whether the list is the page's default: no filter, newest first, first page.
    pub fn is_default(&self) -> bool {
        self.kind.is_none()
            && self.since.is_none()
            && self.until.is_none()
            && self.person.is_none()
            && self.modality.is_none()
            && self.sort.as_deref() != Some("oldest")
            && self.page.unwrap_or(1) == 1
    }

    /// The store query of the filter for one country, or a pair.
    pub fn query(&self, country: &str, with: Option<&str>) -> EventQuery {
        EventQuery {
            country: Some(country.to_string()),
            with: with.map(str::to_string),
            kind: self.kind.clone(),
            person: self.person.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            ..Default::default()
        }
    }

    /// Whether a claim passes the filters the store does not apply (the modality; a person by
    /// their whole name, where the store matches part of it).
    fn keeps(&self, c: &Claim) -> bool {
        let Fact::Event(e) = &c.fact else { return false };
        let modality_ok = match self.modality.as_deref() {
            None => true,
            Some("asserted") => e.modality.is_none(),
            Some(m) => e.modality.as_deref() == Some(m),
        };
        modality_ok && self.person.as_ref().is_none_or(|p| e.persons.iter().any(|q| q == p))
    }

    /// The parameters as a query string (without `page` and `format`), for links.
    fn query_string(&self) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("type", &self.kind),
            ("since", &self.since),
            ("until", &self.until),
            ("person", &self.person),
            ("modality", &self.modality),
            ("sort", &self.sort),
        ] {
            if let Some(v) = v {
                parts.push(format!("{k}={}", url_part(v)));
            }
        }
        parts.join("&")
    }
}

/// The claims the filter keeps, in its order: newest first (undated ones last) or oldest first.
pub(crate) fn ordered(claims: Vec<Claim>, f: &EventFilter) -> Vec<Claim> {
    let mut kept: Vec<Claim> = claims.into_iter().filter(|c| f.keeps(c)).collect();
    let date = |c: &Claim| match &c.fact {
        Fact::Event(e) => e.date.clone(),
        _ => None,
    };
    kept.sort_by(|a, b| match (date(a), date(b)) {
        (Some(x), Some(y)) if f.sort.as_deref() == Some("oldest") => x.cmp(&y),
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    kept
}

/// The form that sets the filters (a GET form: the result is a link), the count, and the
/// download links of the view.
/// `partial`: the list holds only the newest events (the default view), and the count says so.
pub(crate) fn form(path: &str, f: &EventFilter, total: usize, partial: bool) -> String {
    let opt = |v: &Option<String>| escape(v.as_deref().unwrap_or(""));
    let select = |name: &str, values: &[&str], chosen: &Option<String>| {
        let mut s = format!(r#"<select name="{name}"><option value="">any</option>"#);
        for v in values {
            let sel = if chosen.as_deref() == Some(*v) { " selected" } else { "" };
            s.push_str(&format!(r#"<option{sel}>{v}</option>"#));
        }
        s.push_str("</select>");
        s
    };
    let qs = f.query_string();
    let sep = if qs.is_empty() { "" } else { "&amp;" };
    format!(
        r#"<form class="filters events-filter" method="get" action="{path}"><label>Type {}</label> <label>Since <input name="since" size="10" placeholder="YYYY-MM" value="{}"></label> <label>Until <input name="until" size="10" value="{}"></label> <label>Person <input name="person" size="18" value="{}"></label> <label>Modality {}</label> <label>Order {}</label> <button>Filter</button> <a href="{path}">clear</a></form><p class="count">{}{total} event{} · download <a class="download" href="{path}?{qs}{sep}format=csv">CSV</a> <a class="download" href="{path}?{qs}{sep}format=json">JSON</a></p>"#,
        select("type", &dyad_facts::EVENT_TYPES, &f.kind),
        opt(&f.since),
        opt(&f.until),
        opt(&f.person),
        select("modality", &MODALITIES, &f.modality),
        select("sort", &ORDERS, &f.sort),
        if partial { "the latest " } else { "" },
        if total == 1 { "" } else { "s" },
        path = escape(path),
        qs = escape(&qs),
    )
}

/// Where the page `f` asks for lies in a list of `len` (the last page when it asks for more).
pub(crate) fn page_range(len: usize, f: &EventFilter) -> std::ops::Range<usize> {
    let pages = len.div_ceil(PER_PAGE).max(1);
    let n = f.page.unwrap_or(1).min(pages);
    (n - 1) * PER_PAGE..(n * PER_PAGE).min(len)
}

/// One page of the list and the links to the others.
pub(crate) fn page<'a>(claims: &'a [Claim], f: &EventFilter, path: &str) -> (&'a [Claim], String) {
    let pages = claims.len().div_ceil(PER_PAGE).max(1);
    let n = f.page.unwrap_or(1).min(pages);
    let shown = &claims[page_range(claims.len(), f)];
    if pages == 1 {
        return (shown, String::new());
    }
    let qs = f.query_string();
    let link = |k: usize, text: &str| {
        format!(
            r#"<a href="{}?{}{}page={k}">{text}</a>"#,
            escape(path),
            escape(&qs),
            if qs.is_empty() { "" } else { "&amp;" }
        )
    };
    (shown, pager(n, pages, "pager", "← newer", "older →", link))
}

/// The whole filtered list of one kind of fact ("event", "figure") as CSV (the columns of
/// `dyad export --format csv`, one row per claim with its first source) or JSON (the claims
/// with all their sources).
pub(crate) fn download(claims: &[Claim], kind: &str, format: &str, name: &str) -> Response {
    if format == "json" {
        return axum::Json(claims).into_response();
    }
    let header_row = dyad_store::export::csv_header(kind);
    let mut out = header_row.iter().map(|h| dyad_store::export::csv_field(h)).collect::<Vec<_>>().join(",");
    out.push('\n');
    for c in claims {
        let Some(src) = c.sources.first() else { continue };
        let row = dyad_store::export::csv_row(&c.fact, src);
        out.push_str(&row.iter().map(|v| dyad_store::export::csv_field(v)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}.csv\"")),
        ],
        out,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_as_the_cli_checks_them() {
        let f = |kind: &str, since: &str| EventFilter {
            kind: Some(kind.into()),
            since: Some(since.into()),
            ..Default::default()
        };
        let ok = f("visit", "2019").checked().unwrap();
        assert_eq!(ok.kind.as_deref(), Some("VISIT"));
        assert!(f("FOO", "2019").checked().unwrap_err().contains("VISIT"));
        assert!(f("VISIT", "2019-13").checked().is_err());
        let m = EventFilter { modality: Some("maybe".into()), ..Default::default() };
        assert!(m.checked().unwrap_err().contains("planned"));
        let sort = EventFilter { sort: Some("Largest".into()), ..Default::default() }.checked().unwrap_err();
        assert_eq!(sort, "sort=\"largest\": one of newest, oldest");
        let oldest = EventFilter { sort: Some(" OLDEST ".into()), ..Default::default() }.checked().unwrap();
        assert_eq!(oldest.sort.as_deref(), Some("oldest"));
        let blank = EventFilter { kind: Some(" ".into()), ..Default::default() }.checked().unwrap();
        assert!(blank.is_default(), "an empty field of the form is no filter");
    }

    #[test]
    fn the_links_keep_the_filters() {
        let f = EventFilter { kind: Some("VISIT".into()), person: Some("Xi Jinping".into()), ..Default::default() }
            .checked()
            .unwrap();
        let form = form("/pair/KAZ/CHN", &f, 3, false);
        assert!(form.contains("href=\"/pair/KAZ/CHN?type=VISIT&amp;person=Xi%20Jinping&amp;format=csv\""), "{form}");
        assert!(form.contains("<option selected>VISIT</option>"));
        assert!(form.contains("3 events"));
        assert!(super::form("/country/KAZ", &EventFilter::default(), 50, true).contains("the latest 50 events"));
    }
}
