//! Figures: a quantity between two parties, with its metric, direction, value and period.
//!
//! For each amount of money or counted people and firms in a sentence: the metric
//! (`metric.rs`), the ordered pair (`pair.rs`), the qualifier and stated change (`value.rs`),
//! and the period (`period.rs`). A figure between a country and a region is not bilateral; a
//! conversion in brackets is the same figure.
//!
//! ```text
//! Last year, trade reached $1.6 billion, with exports at $1.5 billion.
//!   -> trade_turnover 1.6e9 (last year), exports 1.5e9 (last year)
//! ```

mod metric;
mod pair;
mod period;
mod value;

use super::*;

use metric::conversions;
pub(crate) use metric::count_metric;
use period::shift_years;

impl Sentence<'_> {
    pub(crate) fn figures(&self, triggers: &[TriggerHit], out: &mut Vec<FigureClaim>) {
        let metric_hits: Vec<(&TriggerHit, usize)> = triggers
            .iter()
            .filter_map(|t| match t.trigger {
                Trigger::Metric(i) => Some((t, i)),
                _ => None,
            })
            .collect();
        // Counts name their metric by their noun ("90,000 Chinese visited"); money needs a word.
        if metric_hits.is_empty() && !self.amounts.iter().any(|a| matches!(a.unit, Unit::Count(_))) {
            return;
        }
        // A figure between a country and a region is not bilateral.
        let regional = self.mentions.within(self.sentence).any(|m| m.kind == Kind::Region)
            && distinct(self.parties.iter().map(|p| p.country.clone())).len() < 2;
        if regional {
            return;
        }
        let conversions = conversions(&self.doc.text, self.amounts);
        let respectively = self.respectively(&metric_hits, &conversions);
        for (k, a) in self.amounts.iter().enumerate() {
            // "£3 billion (4.2 billion euros, $4.6 billion)": the same figure in other money.
            if conversions[k] {
                continue;
            }
            let money = matches!(a.unit, Unit::Currency(_));
            let count_metric = match &a.unit {
                Unit::Count(Some(noun)) => count_metric(noun).or_else(|| self.visiting_people(a, noun)),
                Unit::Count(None) => self.visiting_people(a, ""),
                _ => None,
            };
            if !money && count_metric.is_none() {
                continue;
            }
            let metric = match respectively.iter().find(|(i, _)| *i == k) {
                Some((_, m)) => Some(m.clone()),
                None => self.metric_of(a, count_metric, &metric_hits),
            };
            let Some(metric) = metric else { continue };
            let tail = self.lower_between(a.end, self.ahead(a.end, 40));
            if tail.contains("in the region") {
                continue;
            }
            // "a grant of RMB 500 million", "a $2 billion loan": aid and credit, not investment.
            let head = self.lower_between(self.behind(a.phrase_start, 24), a.phrase_start);
            let credit = self.rules.cues("credit");
            if metric == "investment"
                && credit.iter().any(|w| {
                    head.contains(w.as_str()) || tail.split_whitespace().take(2).any(|x| x.starts_with(w.as_str()))
                })
            {
                continue;
            }
            // "goods worth $700 million": a worth is a deal only where something is signed or
            // agreed in the sentence.
            if metric == "deal_value" && !self.names_a_deal() {
                continue;
            }
            let Some((from, to)) = self.figure_pair(&metric, a) else { continue };
            let lower = &self.lower;
            let qualifier = self.figure_qualifier(a, lower);
            let (change_pct, compared_to) = self.change(a);
            let (period, period_from) = if matches!(qualifier.as_str(), "target" | "forecast") {
                (self.deadline(a), "the deadline of a target")
            } else if let Some(p) = self.comparison_period(a, out) {
                (Some(p), "the earlier period the growth starts from")
            } else {
                self.period(a, &metric)
            };
            let compared_to = compared_to.or_else(|| {
                let same_period = [
                    "same period last year",
                    "a year before",
                    "a year earlier",
                    "previous year",
                    "year before",
                    "same period a year",
                ];
                if change_pct.is_some() && same_period.iter().any(|p| lower.contains(p)) {
                    period.as_deref().map(|p| shift_years(p, -1))
                } else {
                    None
                }
            });
            let why = if !self.explain {
                String::new()
            } else {
                format!(
                    "{metric} rule: amount {:?} ({} {}), metric named by the sentence, pair {from} -> {to}{}, period {} ({period_from})",
                    &self.doc.text[a.start..a.end],
                    a.value,
                    a.unit.code(),
                    if [&from, &to].iter().any(|c| !self.parties.iter().any(|p| p.country == **c)) {
                        " (a side taken from the story's focus pair)"
                    } else {
                        ""
                    },
                    period.as_deref().unwrap_or("none")
                )
            };
            out.push(FigureClaim {
                why,
                metric,
                from,
                to,
                value: a.value,
                unit: a.unit.code().to_string(),
                qualifier,
                period,
                change_pct,
                compared_to,
                sentence: self.sentence,
                amount: Span { start: a.start, end: a.end },
            });
        }
    }
}
