//! A figure's metric: for counts, their noun ("tourists", "companies"); for money, the metric
//! word right after the amount ("$50 billion in investment"), else the nearest before it, and
//! a deal value where the money is the worth of what is signed ("signed deals worth £3
//! billion"). Aid and loans are not investment; a worth without a deal is no deal.
//!
//! ```text
//! The two countries signed 12 agreements worth $2.4 billion.   -> deal_value
//! ```

use super::*;

/// What may stand between an amount and the metric word after it: "$50 billion in
/// investment", "$30 billion in annual bilateral trade", "a $62 million agreement".
pub(crate) const NAMING_GAPS: &[&str] =
    &["", "in", "of", "in annual", "in annual bilateral", "in bilateral", "in new", "in direct", "in total"];

pub(crate) fn count_metric(noun: &str) -> Option<&'static str> {
    let n = noun.trim_end_matches('s');
    match n {
        "compan" | "companie" | "company" | "firm" | "enterprise" | "joint venture" | "venture" | "business" => {
            Some("companies")
        }
        "tourist" | "visitor" | "traveller" | "traveler" => Some("tourists"),
        _ => None,
    }
}

/// Which amounts repeat the one before them in other money: "(4.2 billion euros, $4.6
/// billion)", "RM106.06 billion (USD23.2 billion)".
pub(crate) fn conversions(text: &str, amounts: &[&AmountMatch]) -> Vec<bool> {
    let mut out = vec![false; amounts.len()];
    for k in 1..amounts.len() {
        let (prev, a) = (amounts[k - 1], amounts[k]);
        if !matches!((&prev.unit, &a.unit), (Unit::Currency(x), Unit::Currency(y)) if x != y) {
            continue;
        }
        let gap = text.get(prev.end..a.phrase_start).unwrap_or("").trim();
        let gap = gap.trim_end_matches(|c: char| c.is_alphabetic() || c == ' ').trim();
        out[k] = gap == "(" || gap == "/" || (out[k - 1] && (gap == "," || gap == ";"));
    }
    out
}

impl Sentence<'_> {
    /// The metric of an amount: for counts, their noun; for money, the metric word named
    /// right after it, else the nearest before it, or a deal value (see `figures/metric.rs`).
    pub(crate) fn metric_of(
        &self,
        a: &AmountMatch,
        count_metric: Option<&'static str>,
        metric_hits: &[(&TriggerHit, usize)],
    ) -> Option<String> {
        if let Some(m) = count_metric {
            return Some(m.to_string());
        }
        // The nearest money metric before the amount wins; "worth", "deal" and the
        // like (deal_value) only when no other metric is named in the clause.
        let specific = metric_hits.iter().filter(|(t, i)| {
            let m = &self.rules.metrics[*i];
            m.money && m.metric != "deal_value" && t.end <= a.start && !self.lower_between(t.end, a.start).contains(';')
        });
        let nearest_specific = specific.max_by_key(|(t, _)| t.end).map(|(t, i)| (*t, *i));
        let deal_after = metric_hits
            .iter()
            .any(|(t, i)| self.rules.metrics[*i].metric == "deal_value" && t.start >= a.end && t.start - a.end <= 2);
        let candidates = metric_hits.iter().filter(|(_, i)| self.rules.metrics[*i].money);
        let best = candidates
            .min_by_key(|(t, i)| {
                let before = t.end <= a.start;
                let d =
                    if before { self.chars_between(t.end, a.start) } else { self.chars_between(a.end, t.start) * 3 };
                // "signed ... worth" is a deal only when the word is close.
                let penalty = if self.rules.metrics[*i].metric == "deal_value" && d > 40 { 1000 } else { 0 };
                d + penalty
            })
            .map(|(t, i)| (*t, *i));
        // "$50 billion in investment", "a $62 million agreement": the word right
        // after the amount names it.
        let named_after = metric_hits.iter().find(|(t, i)| {
            self.rules.metrics[*i].money && t.start >= a.end && {
                let gap = self.lower_between(a.end, t.start);
                NAMING_GAPS.contains(&gap.trim())
            }
        });
        let named_after = named_after.map(|(t, i)| (*t, *i));
        // "£3 billion in trade deals": the deal word after the trade word names it.
        let named_after = named_after.map(|(t, i)| {
            let next = self.lower_between(t.end, self.ahead(t.end, 12));
            let deal = metric_hits.iter().find(|(d, k)| {
                self.rules.metrics[*k].metric == "deal_value" && d.start > t.end && d.start <= t.end + 2
            });
            match deal {
                Some((d, k)) if !next.trim().is_empty() => (*d, *k),
                _ => (t, i),
            }
        });
        let (t, i) = named_after.or(nearest_specific).or(best)?;
        let m = &self.rules.metrics[i].metric;
        // "the investment forum, where 24 documents were signed ... amounting to $1.7
        // billion": a signing between the topic word and the amount.
        let between = self.lower_between(t.end, a.start);
        let signed_between = self.rules.cues("signing").iter().any(|w| between.contains(w.as_str()));
        let deal_word_near = metric_hits.iter().any(|(d, k)| {
            self.rules.metrics[*k].metric == "deal_value"
                && d.end <= a.start
                && self.chars_between(d.end, a.start) <= 16
        });
        Some(if named_after.is_some() {
            m.clone()
        } else if (signed_between && deal_word_near) || (deal_after && nearest_specific.is_none()) || self.signed_for(a)
        {
            "deal_value".to_string()
        } else if m == "deal_value" && (t.end > a.start || self.chars_between(t.end, a.start) > 40) {
            return None;
        } else {
            m.clone()
        })
    }

    /// "Exports and imports stood at $4.1 billion and $1.7 billion respectively": the money
    /// metrics named before the first amount, paired in order with the amounts (by index).
    pub(crate) fn respectively(
        &self,
        metric_hits: &[(&TriggerHit, usize)],
        conversions: &[bool],
    ) -> Vec<(usize, String)> {
        if !self.lower.contains("respectively") {
            return Vec::new();
        }
        let money: Vec<usize> = (0..self.amounts.len())
            .filter(|&k| !conversions[k] && matches!(self.amounts[k].unit, Unit::Currency(_)))
            .collect();
        let Some(&first) = money.first() else { return Vec::new() };
        let mut metrics: Vec<String> = Vec::new();
        for (t, i) in metric_hits {
            let m = &self.rules.metrics[*i];
            if m.money && m.metric != "deal_value" && t.end <= self.amounts[first].start && !metrics.contains(&m.metric)
            {
                metrics.push(m.metric.clone());
            }
        }
        if metrics.len() < 2 || metrics.len() != money.len() {
            return Vec::new();
        }
        money.into_iter().zip(metrics).collect()
    }

    /// "40,000 South Koreans visited Kazakhstan", "15,000 citizens of Kazakhstan visited Korea":
    /// people who visited are tourists.
    pub(crate) fn visiting_people(&self, a: &AmountMatch, noun: &str) -> Option<&'static str> {
        // "90,000 Chinese visited": with a demonym before the verb, the verb is taken as the noun.
        let people = noun.is_empty()
            || ["citizens", "people", "nationals", "residents", "travellers", "visited"].contains(&noun);
        let after = self.lower_between(a.end, a.end + 60);
        (people && after.contains("visited")).then_some("tourists")
    }

    /// Whether the sentence names a deal: an instrument, a contract or deal, or a signing (the
    /// `deal` cues, inside words).
    pub(crate) fn names_a_deal(&self) -> bool {
        *self.names_a_deal.get_or_init(|| self.rules.cues("deal").iter().any(|w| self.lower.contains(w.as_str())))
    }

    /// "signed trade deals worth £3 billion", "MoUs for Saudi investment worth $2.8 billion were
    /// signed", "подписали соглашения на сумму более 20 миллиардов долларов": money said to be
    /// the worth of what is signed in the same clause (the `worth`, `signing`, `signed_after`
    /// and `level` cues).
    pub(crate) fn signed_for(&self, a: &AmountMatch) -> bool {
        let before = self.lower_between(self.sentence.start, a.phrase_start);
        let clause = before.rsplit([';', '.']).next().unwrap_or("");
        // The worth word before the amount, or inside its qualifier ("более чем на 25 млрд").
        let qualifier = self.lower_between(a.phrase_start, a.start);
        let worth = self.rules.cues("worth");
        let introduced = worth.iter().any(|w| ends_with_word(clause.trim_end(), w))
            || qualifier.split_whitespace().any(|q| worth.iter().any(|w| w == q));
        let after = self.lower_between(a.end, self.ahead(a.end, 40));
        let signed_after = self.rules.cues("signed_after").iter().any(|w| after.contains(w.as_str()));
        let Some(at) = self.rules.cues("signing").iter().filter_map(|w| clause.rfind(w.as_str())).max() else {
            return introduced && signed_after;
        };
        // Not when the clause goes on to tell a level: "signed ..., and trade reached $X".
        introduced && !self.rules.cues("level").iter().any(|w| clause[at..].contains(w.as_str()))
    }
}
