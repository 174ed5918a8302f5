//! A figure's period: the time expression of its clause (one before the amount governs the
//! clauses after it; one after it counts only when attached: "$4.67 billion in 2022"), not the
//! one a growth compares with ("over 2016"); a target's deadline as its year ("by 2025",
//! "within two years"); the earlier period for the value a growth starts from; and the story's
//! period for "in the same year".
//!
//! ```text
//! In 2022, trade rose 12% over 2021 to $3 billion.   -> period 2022, compared_to 2021
//! ```

use super::*;

/// Whether text between an amount and a time crosses into another clause.
pub(crate) fn crosses_clause(between: &str) -> bool {
    [";", ", while", ", with", ", whereas", ", and ", " and in ", ", in ", ", compared", ", up from", ", down from"]
        .iter()
        .any(|w| between.contains(w))
}

/// A period moved by `years`: "2018-01/2018-03" by -1 is "2017-01/2017-03".
pub(crate) fn shift_years(period: &str, years: i32) -> String {
    period
        .split('/')
        .map(|part| match part.get(..4).and_then(|y| y.parse::<i32>().ok()) {
            Some(y) => format!("{:04}{}", y + years, &part[4..]),
            None => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

impl Sentence<'_> {
    /// The period of an amount, and where it came from in words (for `explain`).
    pub(crate) fn period(&self, a: &AmountMatch, metric: &str) -> (Option<String>, &'static str) {
        let found = self.period_in_sentence(a, metric);
        if found.is_some() {
            return (found, "named in the sentence");
        }
        // "In the same year, bilateral trade amounted to ...": the period the story set.
        if self.refers_to_story_period() && self.frame.period.is_some() {
            return (self.frame.period.clone(), "the story's period (the last figure's), which the sentence refers to");
        }
        (None, "not stated")
    }

    fn period_in_sentence(&self, a: &AmountMatch, metric: &str) -> Option<String> {
        let t = self
            .times
            .iter()
            .filter(|t| t.value.is_some())
            .filter(|t| !self.is_comparison_time(t))
            // "in 2013 – USD 1.2 billion, in 2014 USD 2.3 billion": not across a clause.
            // (A time before the amount governs the clauses after it: "Last year, trade reached
            // $1.6 billion, with exports at $1.5 billion".)
            .filter(|t| t.start < a.end || !crosses_clause(&self.lower_between(a.end, t.start)))
            .min_by_key(|t| {
                if t.start >= a.end {
                    // After the amount only when attached: "$4.67 billion in 2022".
                    let gap = self.lower_between(a.end, t.start);
                    let gap = gap.trim();
                    let attached = ["in", "for", "during", "over", "as of", "by", "of", "through"]
                        .iter()
                        .any(|w| gap.strip_suffix(w).is_some_and(|rest| rest.is_empty() || rest.ends_with(' ')));
                    (t.start - a.end) * if attached { 1 } else { 3 }
                } else {
                    a.start.saturating_sub(t.end)
                }
            });
        let t = t?;
        // "since 2015, when trade amounted to $1.83 billion": the year itself.
        if t.modifier == Some("since") && self.lower_between(t.end, t.end + 8).starts_with(", when") {
            return t.value.map(|v| v.ends().0.iso());
        }
        // Cumulative stocks "since 1993" have no period of their own.
        if t.modifier == Some("since") && matches!(metric, "investment" | "companies") {
            return None;
        }
        t.iso()
    }

    /// Whether the sentence's figures are of the period the story set: "In the same year, ...",
    /// "Over the same months, ..." (not "more than in the same period last year", a comparison).
    pub(crate) fn refers_to_story_period(&self) -> bool {
        [
            "in the same year",
            "in that year",
            "that same year",
            "over the same period",
            "in the same period",
            "over the same months",
            "during the same period",
        ]
        .iter()
        .filter_map(|w| self.lower.find(w).map(|i| (i, w.len())))
        .any(|(i, n)| {
            let before = &self.lower[..i];
            let after = self.lower[i + n..].trim_start();
            !before.trim_end().ends_with("than")
                && !before.trim_end().ends_with("compared")
                && !["last year", "of last year", "a year", "of the previous", "in 20", "of 20"]
                    .iter()
                    .any(|x| after.starts_with(x))
        })
    }

    /// Whether a time is what a growth compares with: "compared to 2018", "more than in 2019",
    /// "up 16.8 percent over 2016".
    pub(crate) fn is_comparison_time(&self, t: &TimeMatch) -> bool {
        self.comparison_times
            .get_or_init(|| self.times.iter().filter(|t| self.compares_with(t)).map(|t| t.start).collect())
            .contains(&t.start)
    }

    fn compares_with(&self, t: &TimeMatch) -> bool {
        // "compared with the previous year", "more than in 2019".
        let before = self.lower_between(t.start.saturating_sub(24), t.start);
        if before.contains("compared") || before.contains("than ") {
            return true;
        }
        self.amounts.iter().any(|p| {
            p.unit == Unit::Percent && p.end <= t.start && {
                let gap = self.lower_between(p.end, t.start);
                ["over", "on", "against", "over the same period of", "from"].contains(&gap.trim())
            }
        })
    }

    /// A target's period: the deadline the sentence gives ("by 2025", "within two years",
    /// "over the next five years"), as the year it falls in; none for the day it was said.
    pub(crate) fn deadline(&self, a: &AmountMatch) -> Option<String> {
        let published = self.doc.published.map(|d| d.year());
        self.times
            .iter()
            .filter(|t| !self.is_comparison_time(t))
            .filter_map(|t| {
                let (start, end) = t.value?.ends();
                // A day (the day it was said) is no deadline; a year or a window is.
                if start == end && end.day.is_some() {
                    return None;
                }
                if published.is_some_and(|y| end.year < y) {
                    return None;
                }
                Some((t, end.year))
            })
            .min_by_key(|(t, _)| if t.start >= a.end { t.start - a.end } else { a.start.saturating_sub(t.end) })
            .map(|(_, y)| y.to_string())
    }

    /// "an increase from RM101.99 billion during the same period in 2023": a value a growth
    /// starts from is a figure of the earlier period, the sentence's period moved to that year.
    pub(crate) fn comparison_period(&self, a: &AmountMatch, so_far: &[FigureClaim]) -> Option<String> {
        let before = self.lower_between(a.phrase_start.saturating_sub(30), a.phrase_start);
        let from = ["increase from", "rise from", "up from", "growth from", "compared with", "compared to", "against"];
        if !from.iter().any(|w| before.trim_end().ends_with(w)) {
            return None;
        }
        let main = so_far.iter().rev().find(|f| f.sentence == self.sentence && f.amount.end <= a.start)?;
        let period = main.period.as_deref()?;
        let year: i32 = period.get(..4)?.parse().ok()?;
        let named =
            self.times.iter().filter(|t| t.start >= a.end).filter_map(|t| t.value.map(|v| v.ends().0.year)).next();
        Some(shift_years(period, named.unwrap_or(year - 1) - year))
    }
}
