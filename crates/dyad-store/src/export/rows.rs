//! Facts as rows of a table, one kind per table, for CSV and Parquet: the columns, their types,
//! and each fact's cells with its article's date and URL.
//!
//! Why: analysts load these into pandas, DuckDB, R or a spreadsheet. So no column is named
//! like an SQL keyword (`from_party`, not `from`), dates come with typed bounds
//! (`date_start`, `date_end`, `date_precision`: "2024-05" is 2024-05-01 to 2024-05-31, month),
//! lists are lists in Parquet (`;`-joined in CSV), and a text cell a spreadsheet would run as a
//! formula ("=...", "+...", "-...", "@...") is written with a leading apostrophe in CSV.
//!
//! ```
//! use dyad_store::export::{date_bounds, csv_field};
//! assert_eq!(date_bounds("2024-02"), Some(("2024-02-01".into(), "2024-02-29".into(), "month")));
//! assert_eq!(csv_field("=1+1"), "'=1+1");
//! ```

use dyad_facts::Fact;

use crate::merge::Source;

/// The type of a column.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Col {
    /// Text.
    Text,
    /// A 64-bit integer (byte offsets).
    Int,
    /// A double (values, percentages, confidences).
    Float,
    /// A calendar day, `YYYY-MM-DD` (a date in Parquet).
    Day,
    /// A list of text, `;`-joined in CSV.
    List,
}

/// The type of a column, by its name.
pub fn column_type(name: &str) -> Col {
    match name {
        "evidence_start" | "evidence_end" => Col::Int,
        "value" | "change_pct" | "confidence" => Col::Float,
        "published" | "date_start" | "date_end" | "period_start" | "period_end" => Col::Day,
        "from_parties" | "to_parties" | "persons" | "docs" | "urls" => Col::List,
        "first_published" | "last_published" => Col::Day,
        "sources" => Col::Int,
        _ => Col::Text,
    }
}

/// The columns of each kind of fact ("role", "event", "figure", "document").
pub fn csv_header(kind: &str) -> &'static [&'static str] {
    match kind {
        "role" => &[
            "doc",
            "published",
            "url",
            "person",
            "role",
            "of_party",
            "evidence_start",
            "evidence_end",
            "evidence",
            "confidence",
        ],
        "event" => &[
            "doc",
            "published",
            "url",
            "type",
            "from_parties",
            "to_parties",
            "date",
            "date_start",
            "date_end",
            "date_precision",
            "persons",
            "cameo",
            "plover",
            "modality",
            "attributes",
            "evidence_start",
            "evidence_end",
            "evidence",
            "confidence",
        ],
        "figure" => &[
            "doc",
            "published",
            "url",
            "metric",
            "from_party",
            "to_party",
            "value",
            "unit",
            "qualifier",
            "period",
            "period_start",
            "period_end",
            "period_precision",
            "change_pct",
            "compared_to",
            "evidence_start",
            "evidence_end",
            "evidence",
            "confidence",
        ],
        _ => &["doc", "published", "title", "source", "url"],
    }
}

/// The columns a merged claim adds to its fact's (whose `doc`, `published` and `url` are its
/// first source's): how many articles give it, which (documents and URLs, lists), the first
/// and last publication dates, and for a conflict the other values ("1.9e9 (doc, doc); ...").
pub const CLAIM_COLUMNS: [&str; 6] = ["sources", "docs", "urls", "first_published", "last_published", "other_values"];

/// The columns of a claim of `kind` ("figure", "event"): the fact's, then [`CLAIM_COLUMNS`].
pub fn claim_header(kind: &str) -> Vec<&'static str> {
    csv_header(kind).iter().copied().chain(CLAIM_COLUMNS).collect()
}

/// The cells of a claim, in [`claim_header`]'s order.
pub fn claim_row(claim: &crate::merge::Claim) -> Vec<String> {
    let Some(first) = claim.sources.first() else { return Vec::new() };
    let mut row = csv_row(&claim.fact, first);
    let published: Vec<&str> = claim.sources.iter().filter_map(|s| s.published.as_deref()).collect();
    row.push(claim.sources.len().to_string());
    row.push(claim.sources.iter().map(|s| s.doc.as_str()).collect::<Vec<_>>().join(";"));
    row.push(claim.sources.iter().filter_map(|s| s.url.as_deref()).collect::<Vec<_>>().join(";"));
    row.push(published.iter().min().map(|d| d.to_string()).unwrap_or_default());
    row.push(published.iter().max().map(|d| d.to_string()).unwrap_or_default());
    row.push(
        claim.others.iter().map(|o| format!("{} ({})", o.value, o.docs.join(", "))).collect::<Vec<_>>().join("; "),
    );
    row
}

/// The first and last day of an ISO date, month, year or interval of them, and its precision
/// (`day`, `month`, `year`): "2021-01/2021-11" is 2021-01-01 to 2021-11-30, month.
pub fn date_bounds(iso: &str) -> Option<(String, String, &'static str)> {
    let (a, b) = iso.split_once('/').unwrap_or((iso, iso));
    let parse = |p: &str| -> Option<Vec<u32>> { p.split('-').map(|x| x.parse().ok()).collect() };
    let (pa, pb) = (parse(a)?, parse(b)?);
    let days = |y: u32, m: u32| match m {
        2 if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let first = match pa[..] {
        [y] => format!("{y:04}-01-01"),
        [y, m] => format!("{y:04}-{m:02}-01"),
        [y, m, d] => format!("{y:04}-{m:02}-{d:02}"),
        _ => return None,
    };
    let (last, precision) = match pb[..] {
        [y] => (format!("{y:04}-12-31"), "year"),
        [y, m] if (1..=12).contains(&m) => (format!("{y:04}-{m:02}-{:02}", days(y, m)), "month"),
        [y, m, d] => (format!("{y:04}-{m:02}-{d:02}"), "day"),
        _ => return None,
    };
    Some((first, last, precision))
}

/// The cells of a fact, in [`csv_header`]'s order, with its article's date and URL (lists
/// `;`-joined; empty cells for what is not known).
pub fn csv_row(fact: &Fact, source: &Source) -> Vec<String> {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    let bounds = |d: &Option<String>| {
        let (a, b, p) = d.as_deref().and_then(date_bounds).unwrap_or_default();
        [a, b, p.to_string()]
    };
    let article = [opt(&source.published), opt(&source.url)];
    let ev = |e: &dyad_facts::Evidence| [e.start.to_string(), e.end.to_string(), e.text.clone()];
    let mut row = Vec::new();
    match fact {
        Fact::Role(r) => {
            row.push(r.doc.clone());
            row.extend(article);
            row.extend([r.person.clone(), r.role.clone(), r.of.clone()]);
            row.extend(ev(&r.evidence));
            row.push(r.confidence.to_string());
        }
        Fact::Event(e) => {
            row.push(e.doc.clone());
            row.extend(article);
            row.extend([e.kind.clone(), e.from.join(";"), e.to.join(";"), opt(&e.date)]);
            row.extend(bounds(&e.date));
            row.extend([e.persons.join(";"), e.cameo.clone(), e.plover.clone(), opt(&e.modality)]);
            row.push(if e.attributes.is_empty() {
                String::new()
            } else {
                serde_json::Value::from(e.attributes.clone()).to_string()
            });
            row.extend(ev(&e.evidence));
            row.push(e.confidence.to_string());
        }
        Fact::Figure(f) => {
            row.push(f.doc.clone());
            row.extend(article);
            row.extend([f.metric.clone(), f.from.clone(), f.to.clone(), f.value.to_string(), f.unit.clone()]);
            row.extend([f.qualifier.clone(), opt(&f.period)]);
            row.extend(bounds(&f.period));
            row.extend([num(f.change_pct), opt(&f.compared_to)]);
            row.extend(ev(&f.evidence));
            row.push(f.confidence.to_string());
        }
        Fact::Document(d) => row.extend([d.doc.clone(), opt(&d.published), opt(&d.title), String::new(), opt(&d.url)]),
    }
    row
}

/// One row of a document, in [`csv_header`]`("document")`'s order.
pub fn document_row(d: crate::DocumentRow) -> Vec<String> {
    vec![
        d.doc,
        d.published.unwrap_or_default(),
        d.title.unwrap_or_default(),
        d.source.unwrap_or_default(),
        d.url.unwrap_or_default(),
    ]
}

/// A CSV field, quoted where it must be (RFC 4180), with a leading apostrophe where a
/// spreadsheet would take text for a formula ("=", "+", "-", "@", a tab or a carriage return
/// first); a number ("-3.2") stays a number.
pub fn csv_field(s: &str) -> String {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.parse::<f64>().is_err();
    let s = if formula { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_of_dates_months_years_and_intervals() {
        assert_eq!(date_bounds("2023"), Some(("2023-01-01".into(), "2023-12-31".into(), "year")));
        assert_eq!(date_bounds("2024-05-23"), Some(("2024-05-23".into(), "2024-05-23".into(), "day")));
        assert_eq!(date_bounds("2021-01/2021-11"), Some(("2021-01-01".into(), "2021-11-30".into(), "month")));
        assert_eq!(date_bounds("2008/2017"), Some(("2008-01-01".into(), "2017-12-31".into(), "year")));
        assert_eq!(date_bounds("1900-02"), Some(("1900-02-01".into(), "1900-02-28".into(), "month")));
        assert_eq!(date_bounds("soon"), None);
    }

    #[test]
    fn spreadsheet_formulas_are_defused_and_numbers_kept() {
        assert_eq!(csv_field("-3.2"), "-3.2");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("- a list item, with a comma"), "\"'- a list item, with a comma\"");
        assert_eq!(csv_field("plain"), "plain");
    }

    #[test]
    fn every_row_has_its_header_s_width() {
        use dyad_facts::{EventFact, Evidence, FigureFact, RoleFact};
        let ev = Evidence { start: 0, end: 1, text: "x".into() };
        let source = Source {
            doc: "d".into(),
            published: Some("2024-05-23".into()),
            url: None,
            title: None,
            evidence: ev.clone(),
            row: 0,
        };
        let facts = [
            Fact::Role(RoleFact {
                doc: "d".into(),
                person: "p".into(),
                role: "minister".into(),
                of: "KAZ".into(),
                evidence: ev.clone(),
                confidence: 0.9,
            }),
            Fact::Event(EventFact {
                doc: "d".into(),
                kind: "VISIT".into(),
                from: vec!["KAZ".into()],
                to: vec!["JPN".into()],
                date: Some("2024-05".into()),
                persons: vec![],
                cameo: "042".into(),
                plover: "CONSULT".into(),
                modality: None,
                attributes: Default::default(),
                evidence: ev.clone(),
                confidence: 0.9,
            }),
            Fact::Figure(FigureFact {
                doc: "d".into(),
                metric: "exports".into(),
                from: "KAZ".into(),
                to: "JPN".into(),
                value: 1.0,
                unit: "USD".into(),
                qualifier: "exact".into(),
                period: None,
                change_pct: None,
                compared_to: None,
                evidence: ev,
                confidence: 0.9,
            }),
        ];
        for (f, kind) in facts.iter().zip(["role", "event", "figure"]) {
            assert_eq!(csv_row(f, &source).len(), csv_header(kind).len(), "{kind}");
        }
    }
}
