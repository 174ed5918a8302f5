//! An event's date from its sentence: the time expression nearest the trigger, at the
//! precision the text gives, skipping times that date something else (a figure: "trade grew
//! to $20 billion in 2024"; a reported clause after "noted that").
//!
//! ```text
//! Tokayev arrived in Budapest on 19 November for an official visit.   -> 2024-11-19
//! ```

use super::*;

/// Whether day `b` falls less than a month after day `a`.
pub(crate) fn within_a_month(a: dyad_recognize::time::Partial, b: dyad_recognize::time::Partial) -> bool {
    let months = (b.year - a.year) * 12 + i32::from(b.month.unwrap_or(1)) - i32::from(a.month.unwrap_or(1));
    months == 0 || months == 1 && b.day < a.day
}

impl Sentence<'_> {
    /// The time expression nearest the trigger: an event's date.
    pub(crate) fn date_near(&self, trigger: &TriggerHit, kind: &str) -> Option<String> {
        let (at, end) = (trigger.start, trigger.end);
        let t = self
            .times
            .iter()
            .filter(|t| t.value.is_some() && !self.belongs_to_a_figure(t, at))
            // "the minister, in office since 2020, met ...": a state's start dates no meeting
            // (but "relations since 1992" is when relations began).
            .filter(|t| t.modifier != Some("since") || kind == "RELATIONS")
            .min_by_key(|t| {
                // Distance from the trigger: "signed on Monday" is nearer than "last March, was".
                let d = if t.start >= end { t.start - end } else { at.saturating_sub(t.end) };
                d + if t.start < at { 1 } else { 0 }
            })?;
        let v = t.value?;
        Some(match v {
            TimeValue::Point(p) => p.iso(),
            TimeValue::Range(a, _) if t.modifier == Some("since") => a.iso(),
            // A stay of a few days ("May 30 to June 2"): the day it began.
            TimeValue::Range(a, b) if a.day.is_some() && b.day.is_some() && within_a_month(a, b) => a.iso(),
            // A stretch of one year ("earlier this year"): the year, not a false first day.
            TimeValue::Range(a, b) if a.day.is_some() && a.year == b.year => a.year.to_string(),
            TimeValue::Range(..) => return None,
        })
    }

    /// Whether a time dates a figure or a report, not the event of the trigger at `at`: "At
    /// the talks, Tokayev noted that trade grew 24% to \$20 billion in 2024" (the year of the
    /// trade, said in a clause after the trigger), "\$4.6 billion in 2022".
    pub(crate) fn belongs_to_a_figure(&self, t: &TimeMatch, at: usize) -> bool {
        let attached = self.amounts.iter().any(|a| {
            let (x, y) = if t.start >= a.end { (a.end, t.start) } else { (t.end, a.phrase_start) };
            y >= x && y - x <= 12 && !self.lower_between(x, y).contains(',')
        });
        let reported = t.start > at && self.amounts.iter().any(|a| a.start > at) && {
            let between = self.lower_between(at, t.start);
            [" noted that", " said that", " stressed that", " recalled that", " added that", " noted", " said"]
                .iter()
                .any(|w| between.contains(w))
                && self.amounts.iter().any(|a| a.start > at)
        };
        attached || reported
    }
}

#[cfg(test)]
mod tests {
    use super::within_a_month;
    use dyad_recognize::time::Partial;

    #[test]
    fn a_few_days_are_within_a_month() {
        let d = |y, m, d| Partial::day(y, m, d).unwrap();
        assert!(within_a_month(d(2024, 5, 30), d(2024, 6, 2)));
        assert!(within_a_month(d(2024, 5, 1), d(2024, 5, 31)));
        assert!(!within_a_month(d(2024, 1, 1), d(2024, 9, 10)));
        assert!(!within_a_month(d(2024, 5, 2), d(2024, 6, 2)));
    }
}
