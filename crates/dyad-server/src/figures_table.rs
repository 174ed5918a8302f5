//! The pair page's table of figures, filtered, sorted, paged and downloaded by query parameters
//! of its own (so that they leave the event list's alone): a metric, a range of periods, an
//! order, a page, and the whole filtered table as CSV or JSON.
//!
//! Why: a pair with a long history has hundreds of figures by period (a 100,000-article
//! knowledge base gives KAZ-IND about 1,700 reports); showing them all made the page 0.6 MB,
//! and an analyst asking "exports since 2018" had to read the whole table.
//!
//! ```text
//! /pair/KAZ/CHN?metric=exports&fsince=2018#figures     exports of periods from 2018 on, 50 a page
//! /pair/KAZ/CHN?fsort=newest#figures                    every figure, the newest period first
//! /pair/KAZ/CHN?metric=exports&fsince=2018&fformat=csv  the same rows, all of them, as CSV
//! ```

use dyad_facts::Fact;
use dyad_store::filters;
use dyad_store::merge::Claim;
use serde::Deserialize;

use crate::html::{escape, url_part};
use crate::listing::{check, one_of, pager, FORMATS, ORDERS, PER_PAGE};
use crate::pages::{other_values, short_names, sources_cell};
use crate::svg::short_number;

/// The query parameters of the figures table.
#[derive(Deserialize, Default, Clone, Debug)]
pub(crate) struct FigureFilter {
    /// One metric (trade_turnover, exports, ...).
    pub metric: Option<String>,
    /// Periods from this one on (YYYY, YYYY-MM, YYYY-MM-DD).
    pub fsince: Option<String>,
    /// Periods up to this one ("2019" takes all of 2019).
    pub funtil: Option<String>,
    /// `newest` or `oldest` period first; by metric, then period, when not given.
    pub fsort: Option<String>,
    /// The page of the table, from 1.
    pub fpage: Option<usize>,
    /// `csv` or `json`: the whole filtered table as a download.
    pub fformat: Option<String>,
}

impl FigureFilter {
    /// The filter with its values checked as the command line checks them, or what is wrong.
    pub fn checked(mut self) -> Result<FigureFilter, String> {
        self.metric = check(self.metric, "metric", filters::metric)?;
        self.fsince = check(self.fsince, "fsince", filters::period)?;
        self.funtil = check(self.funtil, "funtil", filters::period)?;
        self.fsort = one_of(self.fsort, "fsort", &ORDERS)?;
        self.fformat = one_of(self.fformat, "fformat", &FORMATS)?;
        self.fpage = Some(self.fpage.unwrap_or(1).clamp(1, 100_000));
        Ok(self)
    }

    /// Whether a figure is in the view: its metric, and its period within the range (a figure
    /// without a period is left out of a range: it cannot be placed in one).
    fn keeps(&self, c: &Claim) -> bool {
        let Fact::Figure(f) = &c.fact else { return false };
        if self.metric.as_ref().is_some_and(|m| &f.metric != m) {
            return false;
        }
        if self.fsince.is_none() && self.funtil.is_none() {
            return true;
        }
        let Some(period) = f.period.as_deref() else { return false };
        // "2019-H1" and "2019-01..2019-11" start with their year: compared by their start,
        // "until 2019" taking every period that starts with 2019 ('~' sorts after '-').
        let start = period.split("..").next().unwrap_or(period);
        self.fsince.as_ref().is_none_or(|s| start >= s.as_str())
            && self.funtil.as_ref().is_none_or(|u| start <= format!("{u}~").as_str())
    }

    /// The parameters as a query string (without `fpage` and `fformat`), for links.
    fn query_string(&self) -> String {
        [("metric", &self.metric), ("fsince", &self.fsince), ("funtil", &self.funtil), ("fsort", &self.fsort)]
            .iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", url_part(v))))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// The figures the filter keeps: in the order given, or by period (newest or oldest first, by
/// each period's start; figures without a period last).
pub(crate) fn kept(figures: &[Claim], f: &FigureFilter) -> Vec<Claim> {
    let mut kept: Vec<Claim> = figures.iter().filter(|c| f.keeps(c)).cloned().collect();
    let start = |c: &Claim| match &c.fact {
        Fact::Figure(x) => x.period.as_deref().map(|p| p.split("..").next().unwrap_or(p).to_string()),
        _ => None,
    };
    if let Some(order) = f.fsort.as_deref() {
        // A stable sort: figures of one period keep the metric order.
        kept.sort_by(|a, b| match (start(a), start(b)) {
            (Some(x), Some(y)) if order == "oldest" => x.cmp(&y),
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
    }
    kept
}

/// The filter form, the count and downloads, one page of the table and the pager.
pub(crate) fn section(shown: &[Claim], f: &FigureFilter, path: &str) -> String {
    let mut options = String::from(r#"<option value="">any</option>"#);
    for m in dyad_facts::METRICS {
        let sel = if f.metric.as_deref() == Some(m) { " selected" } else { "" };
        options.push_str(&format!("<option{sel}>{m}</option>"));
    }
    let opt = |v: &Option<String>| escape(v.as_deref().unwrap_or(""));
    let mut sorts = String::from(r#"<option value="">by metric</option>"#);
    for o in ORDERS {
        let sel = if f.fsort.as_deref() == Some(o) { " selected" } else { "" };
        sorts.push_str(&format!("<option value=\"{o}\"{sel}>{o} period first</option>"));
    }
    let qs = f.query_string();
    let sep = if qs.is_empty() { "" } else { "&amp;" };
    let mut out = format!(
        r##"<form class="filters figures-filter" method="get" action="{path}#figures"><label>Metric <select name="metric">{options}</select></label> <label>Periods from <input name="fsince" size="10" placeholder="YYYY" value="{}"></label> <label>to <input name="funtil" size="10" value="{}"></label> <label>Order <select name="fsort">{sorts}</select></label> <button>Filter</button> <a href="{path}#figures">clear</a></form><p class="count">{} figure{} by period · download <a class="download" href="{path}?{qs}{sep}fformat=csv">CSV</a> <a class="download" href="{path}?{qs}{sep}fformat=json">JSON</a></p>"##,
        opt(&f.fsince),
        opt(&f.funtil),
        shown.len(),
        if shown.len() == 1 { "" } else { "s" },
        path = escape(path),
        qs = escape(&qs),
    );
    let pages = shown.len().div_ceil(PER_PAGE).max(1);
    let n = f.fpage.unwrap_or(1).min(pages);
    out.push_str(&table(&shown[(n - 1) * PER_PAGE..(n * PER_PAGE).min(shown.len())]));
    if pages > 1 {
        let link = |k: usize, text: &str| {
            format!(r##"<a href="{}?{}{sep}fpage={k}#figures">{text}</a>"##, escape(path), escape(&qs))
        };
        out.push_str(&pager(n, pages, "pager figures-pager", "← earlier rows", "more rows →", link));
    }
    out
}

/// Figures as a table: period, metric, direction, value, sources and the other values reported.
fn table(rows: &[Claim]) -> String {
    let mut out = String::from(
        r#"<div class="scroll"><table class="figures"><thead><tr><th>Period</th><th>Metric</th><th>From → to</th><th>Value</th><th>Sources</th><th>Other values reported</th></tr></thead><tbody>"#,
    );
    for c in rows {
        let Fact::Figure(f) = &c.fact else { continue };
        out.push_str(&format!(
            r#"<tr><td>{}</td><td>{}</td><td>{} → {}</td><td>{} {}</td><td>{}</td><td>{}</td></tr>"#,
            escape(f.period.as_deref().unwrap_or("?")),
            escape(&f.metric),
            escape(&short_names(std::slice::from_ref(&f.from))),
            escape(&short_names(std::slice::from_ref(&f.to))),
            if f.qualifier == "exact" { String::new() } else { format!("{} ", escape(&f.qualifier)) }
                + &short_number(f.value),
            escape(&f.unit),
            sources_cell(c),
            other_values(c)
        ));
    }
    out.push_str("</tbody></table></div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(metric: &str, period: Option<&str>) -> Claim {
        let json = serde_json::json!({
            "doc": "d", "kind": "figure", "metric": metric, "from": "KAZ", "to": "CHN", "value": 1.0e9,
            "unit": "USD", "qualifier": "exact", "period": period, "confidence": 0.9,
            "evidence": {"text": "x", "start": 0, "end": 1}
        });
        let fact: Fact = serde_json::from_value(json).unwrap();
        let source = dyad_store::merge::Source {
            doc: "d".into(),
            published: None,
            url: None,
            title: None,
            evidence: dyad_facts::Evidence { start: 0, end: 1, text: "x".into() },
            row: 0,
        };
        dyad_store::merge::merge([(fact, source)]).remove(0)
    }

    #[test]
    fn periods_are_kept_by_their_start_and_until_takes_the_whole_year() {
        let f = FigureFilter { fsince: Some("2018".into()), funtil: Some("2019".into()), ..Default::default() }
            .checked()
            .unwrap();
        let keeps = |p: Option<&str>| f.keeps(&figure("exports", p));
        assert!(keeps(Some("2018")) && keeps(Some("2019-H1")) && keeps(Some("2019-01..2019-11")));
        assert!(!keeps(Some("2017")) && !keeps(Some("2020")) && !keeps(None));
        let exports = FigureFilter { metric: Some("exports".into()), ..Default::default() }.checked().unwrap();
        assert!(exports.keeps(&figure("exports", None)) && !exports.keeps(&figure("imports", Some("2019"))));
    }

    #[test]
    fn figures_sort_by_period_newest_or_oldest_first_and_undated_last() {
        let rows = [figure("exports", Some("2019")), figure("exports", None), figure("imports", Some("2023-H1"))];
        let periods = |sort: &str| -> Vec<Option<String>> {
            let f = FigureFilter { fsort: Some(sort.into()), ..Default::default() }.checked().unwrap();
            kept(&rows, &f)
                .iter()
                .map(|c| match &c.fact {
                    Fact::Figure(x) => x.period.clone(),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(periods("newest"), [Some("2023-H1".to_string()), Some("2019".to_string()), None]);
        assert_eq!(periods("OLDEST"), [Some("2019".to_string()), Some("2023-H1".to_string()), None]);
    }

    #[test]
    fn values_are_checked_and_the_links_keep_the_filter() {
        assert!(FigureFilter { metric: Some("gdp".into()), ..Default::default() }.checked().is_err());
        assert!(FigureFilter { fsince: Some("2019-13".into()), ..Default::default() }.checked().is_err());
        assert!(FigureFilter { fformat: Some("xml".into()), ..Default::default() }.checked().is_err());
        assert!(FigureFilter { fsort: Some("largest".into()), ..Default::default() }.checked().is_err());
        let f =
            FigureFilter { metric: Some("exports".into()), fpage: Some(2), ..Default::default() }.checked().unwrap();
        let rows: Vec<Claim> = (0..120).map(|_| figure("exports", Some("2019"))).collect();
        let html = section(&rows, &f, "/pair/KAZ/CHN");
        assert_eq!(html.matches("<tr><td>").count(), PER_PAGE, "one page of rows");
        assert!(html.contains("page 2 of 3"), "{html}");
        assert!(html.contains(r#"href="/pair/KAZ/CHN?metric=exports&amp;fpage=3#figures""#), "{html}");
        assert!(html.contains(r#"href="/pair/KAZ/CHN?metric=exports&amp;fformat=csv""#));
        assert!(html.contains("120 figures by period"));
    }
}
