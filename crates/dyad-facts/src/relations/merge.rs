//! Within a document, each event and figure once.
//!
//! Events of the same type and parties with compatible dates are one (the most precise date,
//! all persons); an undated telling of an event told with its date is that event. Figures of
//! the same metric, pair, period and value are one; an undated telling of a figure the story
//! dates elsewhere (a headline) is that figure.

use super::*;

/// Within a document, each event once: the same type and parties with compatible dates are
/// one event with the most precise date.
pub(crate) fn merge_events(events: Vec<EventClaim>, published: Option<dyad_recognize::Date>) -> Vec<EventClaim> {
    let key = |x: &EventClaim| {
        let mut parties: Vec<String> = x.from.iter().chain(&x.to).cloned().collect();
        parties.sort();
        let directed = matches!(x.kind.as_str(), "VISIT" | "RATIFY");
        (
            x.kind.clone(),
            if directed { x.from.join(",") + ">" + &x.to.join(",") } else { parties.join(",") },
            x.modality.clone(),
        )
    };
    let mut out: Vec<EventClaim> = Vec::new();
    // The events of `out` by key, in order: an event is compared with those of its own key
    // only (comparing it with every kept event made long documents quadratic).
    let mut by_key: std::collections::HashMap<_, Vec<usize>> = std::collections::HashMap::new();
    for e in events {
        let k = key(&e);
        let visit = e.kind == "VISIT";
        let compatible = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(a), Some(b)) => {
                a.starts_with(b.as_str())
                    || b.starts_with(a.as_str())
                    // A visit lasts days: "arrived on 14 October" and "is visiting today" (the
                    // 15th) are one visit.
                    || visit
                        && dyad_recognize::date::parse_date_prefix(b)
                            .and_then(|m| super::discourse::days_apart(a, m.date))
                            .is_some_and(|n| n <= 7 && b.len() == 10)
            }
            (None, None) => true,
            _ => false,
        };
        let same_key = by_key.get(&k).map(Vec::as_slice).unwrap_or_default();
        if let Some(prev) = same_key.iter().copied().find(|&i| compatible(&out[i].date, &e.date)) {
            let prev = &mut out[prev];
            let (longer, earlier) = match (&e.date, &prev.date) {
                (Some(a), Some(b)) => (a.len() > b.len(), a.len() == b.len() && a < b),
                (Some(_), None) => (true, false),
                _ => (false, false),
            };
            // The most precise date; of two days of one visit, the day it began.
            if longer || earlier && visit {
                prev.date = e.date.clone();
            }
            for p in e.persons {
                if !prev.persons.contains(&p) {
                    prev.persons.push(p);
                }
            }
            for a in e.attributes {
                if !prev.attributes.iter().any(|x| x.0 == a.0) {
                    prev.attributes.push(a);
                }
            }
            continue;
        }
        by_key.entry(k).or_default().push(out.len());
        out.push(e);
    }
    // An undated mention of an event that is also told with its date is the same event (when
    // that date is the story's time: "Putin has arrived" is not his visit of two years before).
    let dated: std::collections::HashSet<(String, Vec<String>)> = out
        .iter()
        .filter(|e| e.date.as_deref().is_some_and(|d| super::discourse::recent(d, published)))
        .map(|e| {
            let mut p: Vec<String> = e.from.iter().chain(&e.to).cloned().collect();
            p.sort();
            (e.kind.clone(), p)
        })
        .collect();
    out.retain(|e| {
        if e.date.is_some() || e.modality.is_some() {
            return true;
        }
        let mut p: Vec<String> = e.from.iter().chain(&e.to).cloned().collect();
        p.sort();
        !dated.contains(&(e.kind.clone(), p))
    });
    out
}

/// Within a document, each figure once; a figure told without a period ("UK signs £3 billion
/// in deals" in a headline) that the story tells with one elsewhere is that one.
pub(crate) fn dedupe_figures(figures: Vec<FigureClaim>) -> Vec<FigureClaim> {
    let same_value = |p: &FigureClaim, f: &FigureClaim| {
        p.metric == f.metric
            && p.unit == f.unit
            && (p.from == f.from && p.to == f.to || p.from == f.to && p.to == f.from && p.metric == "trade_turnover")
            && (p.value - f.value).abs() <= 0.02 * f.value.abs()
    };
    // Only figures of one metric and unit can be the same: each is compared with those (a
    // comparison with every kept figure made long documents quadratic).
    let mut out: Vec<FigureClaim> = Vec::new();
    let mut by_metric: std::collections::HashMap<(&str, &str), Vec<usize>> = std::collections::HashMap::new();
    for f in &figures {
        let kept = by_metric.get(&(f.metric.as_str(), f.unit.as_str())).map(Vec::as_slice).unwrap_or_default();
        let same = kept.iter().any(|&i| same_value(&out[i], f) && out[i].period == f.period && out[i].from == f.from);
        if !same {
            by_metric.entry((f.metric.as_str(), f.unit.as_str())).or_default().push(out.len());
            out.push(f.clone());
        }
    }
    let dated: Vec<&FigureClaim> = out.iter().filter(|f| f.period.is_some()).collect();
    let mut dated_by_metric: std::collections::HashMap<(&str, &str), Vec<&FigureClaim>> =
        std::collections::HashMap::new();
    for d in dated {
        dated_by_metric.entry((d.metric.as_str(), d.unit.as_str())).or_default().push(d);
    }
    let keep: Vec<bool> = out
        .iter()
        .map(|f| {
            f.period.is_some()
                || !dated_by_metric
                    .get(&(f.metric.as_str(), f.unit.as_str()))
                    .is_some_and(|ds| ds.iter().any(|d| same_value(d, f)))
        })
        .collect();
    drop(dated_by_metric);
    let mut keep = keep.into_iter();
    out.retain(|_| keep.next().unwrap_or(true));
    out
}
