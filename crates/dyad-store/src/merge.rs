//! Merging the facts of many articles into claims, by the match rules of the shared scorer:
//!
//! - events agree when type, parties (as a set for MEET, AGREE, RELATIONS; from and to for the
//!   others) and modality agree and one date is a prefix of the other ("2024-05" and
//!   "2024-05-23"); the claim keeps the most precise date. An undated event happened no later
//!   than its article: undated events agree only when their articles were published in the
//!   same year, and events naming different people or different places (both naming some)
//!   never agree;
//! - figures agree when metric, unit, period, kind (actual, target, forecast) and pair agree
//!   (either order for trade turnover and deal value) and the values are within 2% of each
//!   other ("over $25 billion" agrees with 26 billion); figures of the same period that agree
//!   but for a value further apart are a conflict, and each such claim lists the other values
//!   with their sources (the five with the most sources). Figures without a period are never a conflict: nothing says they
//!   measure the same thing;
//! - roles agree when person, role and country agree.
//!
//! A claim counts its sources: GDELT's NumArticles, with every evidence sentence kept.

use std::collections::{BTreeMap, HashSet};

use dyad_facts::{Evidence, Fact};
use serde::Serialize;

/// Events whose parties are a set, not a direction (as the scorer has them).
const UNDIRECTED_EVENTS: &[&str] = &["MEET", "AGREE", "RELATIONS"];
/// Metrics whose pair has no direction.
const UNDIRECTED_METRICS: &[&str] = &["trade_turnover", "deal_value"];
/// How far apart two values may be and still be the same figure.
pub const VALUE_TOLERANCE: f64 = 0.02;

/// One article that gave a fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Source {
    /// The document id.
    pub doc: String,
    /// The document's publication date.
    pub published: Option<String>,
    /// Its URL, when known.
    pub url: Option<String>,
    /// Its title, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The sentence the fact came from.
    pub evidence: Evidence,
    /// The document's row in the store (0 when unknown); not part of the JSON.
    #[serde(skip)]
    pub row: i64,
}

/// Facts of several articles that agree: one claim, every source.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Claim {
    /// The merged fact: the first source's, with the most precise date of all of them.
    pub fact: Fact,
    /// Every article that gave it, oldest first.
    pub sources: Vec<Source>,
    /// A figure whose pair, metric, period and kind another claim shares with a value more
    /// than 2% away.
    pub conflict: bool,
    /// For a conflict: the other values reported, each with its sources (the
    /// [`OTHER_VALUES`] that the most articles give).
    pub others: Vec<OtherValue>,
    /// For a fact without a date of its own: the date it held by, its earliest article's
    /// publication date (time filters use it).
    pub as_of: Option<String>,
}

/// How many of another value's sources a claim carries ([`OtherValue::sources`]): enough to
/// show it beside the claim, not a copy of every report of every other value.
pub const OTHER_SOURCES: usize = 5;

/// How many other values a claim lists: those with the most sources. A period that articles
/// give forty values for would otherwise copy forty values into each of forty claims (work
/// that grows with the square of the reports).
pub const OTHER_VALUES: usize = 5;

/// A value another claim reports for the same figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OtherValue {
    /// The value.
    pub value: f64,
    /// Its qualifier ("exact", "over", ...).
    pub qualifier: String,
    /// The documents that reported it (shared by the claims that list this value).
    pub docs: std::sync::Arc<[String]>,
    /// The latest (at most [`OTHER_SOURCES`]) of the articles that reported it, with their
    /// sentences, for showing the values side by side; `docs` has them all.
    pub sources: Vec<Source>,
}

/// What a figure is: an actual value, a target or a forecast (never compared with each other).
fn figure_kind(qualifier: &str) -> &'static str {
    match qualifier {
        "target" => "target",
        "forecast" => "forecast",
        _ => "actual",
    }
}

fn parties(kind: &str, from: &[String], to: &[String]) -> String {
    if UNDIRECTED_EVENTS.contains(&kind) {
        let mut all: Vec<&str> = from.iter().chain(to).map(String::as_str).collect();
        all.sort_unstable();
        all.dedup();
        all.join(",")
    } else {
        let mut f: Vec<&str> = from.iter().map(String::as_str).collect();
        let mut t: Vec<&str> = to.iter().map(String::as_str).collect();
        f.sort_unstable();
        t.sort_unstable();
        format!("{}>{}", f.join(","), t.join(","))
    }
}

/// What must be equal for two facts to agree (dates and values are compared apart).
fn group_key(fact: &Fact) -> String {
    match fact {
        Fact::Document(d) => format!("document|{}", d.doc),
        Fact::Role(r) => format!("role|{}|{}|{}", r.person, r.role, r.of),
        Fact::Event(e) => format!(
            "event|{}|{}|{}",
            e.kind,
            parties(&e.kind, &e.from, &e.to),
            e.modality.as_deref().unwrap_or("asserted")
        ),
        Fact::Figure(f) => {
            let pair = if !UNDIRECTED_METRICS.contains(&f.metric.as_str()) {
                format!("{}>{}", f.from, f.to)
            } else if f.to < f.from {
                format!("{}-{}", f.to, f.from)
            } else {
                format!("{}-{}", f.from, f.to)
            };
            format!(
                "figure|{}|{}|{}|{}|{}",
                f.metric,
                pair,
                f.unit.to_uppercase(),
                f.period.as_deref().unwrap_or(""),
                figure_kind(&f.qualifier)
            )
        }
    }
}

fn dates_agree(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.starts_with(b) || b.starts_with(a),
        (None, None) => true,
        _ => false,
    }
}

fn event_date(f: &Fact) -> Option<&str> {
    match f {
        Fact::Event(e) => e.date.as_deref(),
        _ => None,
    }
}

fn figure_value(f: &Fact) -> f64 {
    match f {
        Fact::Figure(x) => x.value,
        _ => 0.0,
    }
}

/// Whether two plain values are the same figure (within the merge's 2%).
pub(crate) fn same_value(x: f64, y: f64) -> bool {
    (x - y).abs() <= VALUE_TOLERANCE * x.abs().max(y.abs())
}

/// Whether two values, each with its qualifier, can be the same figure: within 2%, or on the
/// side a bound leaves open ("over 25 billion" and 26 billion).
fn values_agree(a: &dyad_facts::FigureFact, b: &dyad_facts::FigureFact) -> bool {
    let near = same_value;
    let fits = |bound: &dyad_facts::FigureFact, v: f64| match bound.qualifier.as_str() {
        "over" => v >= bound.value * (1.0 - VALUE_TOLERANCE),
        "under" => v <= bound.value * (1.0 + VALUE_TOLERANCE),
        _ => near(bound.value, v),
    };
    let bound = |f: &dyad_facts::FigureFact| matches!(f.qualifier.as_str(), "over" | "under");
    match (bound(a), bound(b)) {
        (true, false) => fits(a, b.value),
        (false, true) => fits(b, a.value),
        _ => near(a.value, b.value),
    }
}

/// The year an article was published ("2024" of "2024-05-23"), if known.
fn year_of(s: &Source) -> Option<&str> {
    s.published.as_deref().and_then(|p| p.get(..4))
}

/// Whether an event of `source` may be the event of claim `c`.
fn events_agree(c: &Claim, a: &dyad_facts::EventFact, b: &dyad_facts::EventFact, source: &Source) -> bool {
    if !dates_agree(a.date.as_deref(), b.date.as_deref()) {
        return false;
    }
    // Undated: no later than its article, so only articles of the same year tell of one event.
    if a.date.is_none() && b.date.is_none() && !c.sources.iter().all(|s| year_of(s) == year_of(source)) {
        return false;
    }
    // Different places: different events (a meeting in New York, talks in Astana).
    // Names in two scripts ("Astana", "Астану") cannot be compared as text: then the places'
    // countries are.
    let place = |e: &dyad_facts::EventFact| e.attributes.get("place").and_then(|v| v.as_str()).map(str::to_lowercase);
    let place_country =
        |e: &dyad_facts::EventFact| e.attributes.get("place_country").and_then(|v| v.as_str()).map(str::to_string);
    let cyrillic = |s: &str| s.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'));
    if let (Some(pa), Some(pb)) = (place(a), place(b)) {
        let differ = if cyrillic(&pa) != cyrillic(&pb) { place_country(a) != place_country(b) } else { pa != pb };
        if differ {
            return false;
        }
    }
    // Different people: different events ("the presidents met" and "the ministers met").
    a.persons.is_empty() || b.persons.is_empty() || a.persons.iter().any(|p| b.persons.contains(p))
}

/// Merges facts (each with the article it came from) into claims, in a stable order: by kind,
/// then by what they are about, then by date. The facts are taken one at a time, so that a
/// query's rows can be merged as they are read, never all held in one list first.
pub fn merge(facts: impl IntoIterator<Item = (Fact, Source)>) -> Vec<Claim> {
    let mut groups: BTreeMap<String, Vec<(Fact, Source)>> = BTreeMap::new();
    for (fact, source) in facts {
        groups.entry(group_key(&fact)).or_default().push((fact, source));
    }
    let mut out = Vec::new();
    for (_, mut members) in groups {
        // Oldest source first; the most precise date leads a cluster.
        members.sort_by(|a, b| {
            let (da, db) = (event_date(&a.0).map_or(0, str::len), event_date(&b.0).map_or(0, str::len));
            db.cmp(&da).then_with(|| a.1.published.cmp(&b.1.published)).then_with(|| a.1.doc.cmp(&b.1.doc))
        });
        let mut claims: Vec<Claim> = Vec::new();
        // Each claim's documents, so that a claim of a thousand reports is not searched a
        // thousand times.
        let mut docs: Vec<HashSet<String>> = Vec::new();
        for (fact, source) in members {
            let joins = claims.iter().position(|c| match (&c.fact, &fact) {
                (Fact::Event(a), Fact::Event(b)) => events_agree(c, a, b, &source),
                (Fact::Figure(a), Fact::Figure(b)) => values_agree(a, b),
                _ => true,
            });
            match joins {
                Some(i) => {
                    if docs[i].insert(source.doc.clone()) {
                        claims[i].sources.push(source);
                    }
                }
                None => {
                    docs.push(HashSet::from([source.doc.clone()]));
                    claims.push(Claim { fact, sources: vec![source], conflict: false, others: Vec::new(), as_of: None })
                }
            }
        }
        for c in &mut claims {
            c.sources.sort_by(|a, b| a.published.cmp(&b.published).then_with(|| a.doc.cmp(&b.doc)));
            let undated = match &c.fact {
                Fact::Event(e) => e.date.is_none(),
                Fact::Figure(f) => f.period.is_none(),
                _ => false,
            };
            if undated {
                c.as_of = c.sources.iter().find_map(|s| s.published.clone());
            }
        }
        // Figures of one period and kind with values that cannot agree: each lists the others.
        let dated = |c: &Claim| matches!(&c.fact, Fact::Figure(f) if f.period.is_some());
        let mut values: Vec<OtherValue> = claims
            .iter()
            .filter(|c| dated(c))
            .map(|c| OtherValue {
                value: figure_value(&c.fact),
                qualifier: match &c.fact {
                    Fact::Figure(f) => f.qualifier.clone(),
                    _ => String::new(),
                },
                docs: c.sources.iter().map(|s| s.doc.clone()).collect(),
                sources: c.sources[c.sources.len().saturating_sub(OTHER_SOURCES)..].to_vec(),
            })
            .collect();
        if values.len() > 1 {
            // The best attested first; the first [`OTHER_VALUES`] of the others are listed.
            values.sort_by(|a, b| b.docs.len().cmp(&a.docs.len()).then_with(|| a.value.total_cmp(&b.value)));
            for c in claims.iter_mut().filter(|c| dated(c)) {
                let own = figure_value(&c.fact);
                c.others = values.iter().filter(|v| v.value != own).take(OTHER_VALUES).cloned().collect();
                c.conflict = !c.others.is_empty();
            }
        }
        claims.sort_by(|a, b| figure_value(&a.fact).total_cmp(&figure_value(&b.fact)));
        out.extend(claims);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_facts::{EventFact, FigureFact};

    fn src(doc: &str, published: &str) -> Source {
        Source {
            title: None,
            doc: doc.into(),
            published: Some(published.into()),
            url: None,
            evidence: Evidence { start: 0, end: 1, text: "x".into() },
            row: 0,
        }
    }

    fn visit(doc: &str, from: &str, to: &str, date: Option<&str>) -> Fact {
        Fact::Event(EventFact {
            doc: doc.into(),
            kind: "VISIT".into(),
            from: vec![from.into()],
            to: vec![to.into()],
            date: date.map(String::from),
            persons: vec![],
            cameo: "042".into(),
            plover: "CONSULT".into(),
            modality: None,
            attributes: Default::default(),
            evidence: Evidence { start: 0, end: 1, text: "x".into() },
            confidence: 0.9,
        })
    }

    fn trade(doc: &str, from: &str, to: &str, value: f64) -> Fact {
        Fact::Figure(FigureFact {
            doc: doc.into(),
            metric: "trade_turnover".into(),
            from: from.into(),
            to: to.into(),
            value,
            unit: "USD".into(),
            qualifier: "exact".into(),
            period: Some("2023".into()),
            change_pct: None,
            compared_to: None,
            evidence: Evidence { start: 0, end: 1, text: "x".into() },
            confidence: 0.9,
        })
    }

    #[test]
    fn events_that_agree_are_one_claim_with_the_most_precise_date() {
        let claims = merge(vec![
            (visit("a", "KAZ", "JPN", Some("2024-05")), src("a", "2024-05-30")),
            (visit("b", "KAZ", "JPN", Some("2024-05-23")), src("b", "2024-05-24")),
            (visit("c", "JPN", "KAZ", Some("2024-05-23")), src("c", "2024-05-24")),
            (visit("d", "KAZ", "JPN", Some("2023-01")), src("d", "2023-01-10")),
        ]);
        assert_eq!(claims.len(), 3, "{claims:#?}");
        let may = claims.iter().find(|c| event_date(&c.fact) == Some("2024-05-23") && c.sources.len() == 2).unwrap();
        assert_eq!(may.sources.iter().map(|s| s.doc.as_str()).collect::<Vec<_>>(), ["b", "a"]);
        // A visit the other way is another claim (VISIT has a direction).
        assert!(claims.iter().any(|c| matches!(&c.fact, Fact::Event(e) if e.from == ["JPN"])));
    }

    #[test]
    fn figures_within_two_percent_merge_and_others_conflict() {
        let claims = merge(vec![
            (trade("a", "KAZ", "SGP", 1.60e9), src("a", "2024-02-01")),
            (trade("b", "SGP", "KAZ", 1.62e9), src("b", "2024-02-03")),
            (trade("c", "KAZ", "SGP", 1.90e9), src("c", "2024-03-01")),
        ]);
        assert_eq!(claims.len(), 2);
        assert!(claims.iter().all(|c| c.conflict));
        assert_eq!(claims[0].sources.len(), 2);
        // Each shows the other value with its sources.
        assert_eq!((claims[0].others[0].value, claims[0].others[0].docs.to_vec()), (1.90e9, vec!["c".to_string()]));
        assert_eq!(claims[1].others[0].docs.to_vec(), ["a", "b"]);
        // Alone, a figure is no conflict; the same article twice is one source.
        let one = merge(vec![
            (trade("a", "KAZ", "SGP", 1.6e9), src("a", "2024-02-01")),
            (trade("a", "KAZ", "SGP", 1.6e9), src("a", "2024-02-01")),
        ]);
        assert_eq!((one.len(), one[0].conflict, one[0].sources.len()), (1, false, 1));
    }

    #[test]
    fn a_claim_lists_the_best_attested_of_many_other_values() {
        // Eight values for one period: 1e9 from three articles, 2e9 from two, the others once.
        let mut facts = Vec::new();
        for (i, v) in [1e9, 1e9, 1e9, 2e9, 2e9, 3e9, 4e9, 5e9, 6e9, 7e9, 8e9].into_iter().enumerate() {
            let doc = format!("d{i}");
            facts.push((trade(&doc, "KAZ", "SGP", v), src(&doc, "2024-02-01")));
        }
        let claims = merge(facts);
        assert_eq!(claims.len(), 8);
        let listed = |c: &Claim| c.others.iter().map(|o| o.value).collect::<Vec<_>>();
        let lone = claims.iter().find(|c| figure_value(&c.fact) == 8e9).unwrap();
        assert_eq!(listed(lone), [1e9, 2e9, 3e9, 4e9, 5e9]);
        let best = claims.iter().find(|c| figure_value(&c.fact) == 1e9).unwrap();
        assert_eq!(listed(best), [2e9, 3e9, 4e9, 5e9, 6e9]);
        assert!(claims.iter().all(|c| c.conflict && c.others.len() == OTHER_VALUES));
    }

    fn with(f: Fact, edit: impl FnOnce(&mut FigureFact)) -> Fact {
        let Fact::Figure(mut x) = f else { unreachable!() };
        edit(&mut x);
        Fact::Figure(x)
    }

    #[test]
    fn targets_bounds_and_undated_figures_are_no_conflict() {
        let claims = merge(vec![
            (trade("a", "KAZ", "SGP", 1.6e9), src("a", "2024-02-01")),
            (with(trade("b", "KAZ", "SGP", 5e9), |f| f.qualifier = "target".into()), src("b", "2024-02-03")),
        ]);
        assert!(claims.iter().all(|c| !c.conflict), "a target is not an actual value");
        let claims = merge(vec![
            (with(trade("a", "KAZ", "SGP", 25e9), |f| f.qualifier = "over".into()), src("a", "2024-02-01")),
            (trade("b", "KAZ", "SGP", 26e9), src("b", "2024-02-03")),
        ]);
        assert_eq!((claims.len(), claims[0].sources.len(), claims[0].conflict), (1, 2, false));
        let claims = merge(vec![
            (with(trade("a", "KAZ", "SGP", 1.6e9), |f| f.period = None), src("a", "2019-02-01")),
            (with(trade("b", "KAZ", "SGP", 3.1e9), |f| f.period = None), src("b", "2024-02-03")),
        ]);
        assert!(claims.iter().all(|c| !c.conflict), "undated figures measure nothing in common");
    }

    #[test]
    fn undated_events_of_different_years_or_people_are_different_events() {
        let claims = merge(vec![
            (visit("a", "KAZ", "TUR", None), src("a", "2009-10-22")),
            (visit("b", "KAZ", "TUR", None), src("b", "2012-10-11")),
            (visit("c", "KAZ", "TUR", None), src("c", "2012-10-12")),
        ]);
        assert_eq!(claims.iter().map(|c| c.sources.len()).collect::<Vec<_>>(), [1, 2]);
        // Undated, each holds as of its earliest article.
        assert_eq!(claims[1].as_of.as_deref(), Some("2012-10-11"));
        let person = |f: Fact, p: &str| {
            let Fact::Event(mut e) = f else { unreachable!() };
            e.persons = vec![p.to_string()];
            Fact::Event(e)
        };
        let claims = merge(vec![
            (person(visit("a", "KAZ", "TUR", Some("2012-10")), "Nursultan Nazarbayev"), src("a", "2012-10-11")),
            (person(visit("b", "KAZ", "TUR", Some("2012-10")), "Karim Massimov"), src("b", "2012-10-12")),
        ]);
        assert_eq!(claims.len(), 2);
        let at = |f: Fact, place: &str| {
            let Fact::Event(mut e) = f else { unreachable!() };
            e.attributes.insert("place".into(), place.into());
            Fact::Event(e)
        };
        let claims = merge(vec![
            (at(visit("a", "KAZ", "USA", Some("2023-09")), "New York"), src("a", "2023-09-20")),
            (at(visit("b", "KAZ", "USA", Some("2023-09")), "Washington"), src("b", "2023-09-21")),
        ]);
        assert_eq!(claims.len(), 2, "different places, different events");
    }
}
