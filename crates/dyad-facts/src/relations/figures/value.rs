//! A figure's qualifier and stated change: exact, about, over, under from the amount's own
//! words; a target where the money is a goal ("to double trade to $28 billion", "a target of",
//! "committed to invest"); a forecast ("expected to reach"); and a growth percentage with what
//! it compares with.
//!
//! ```text
//! The sides agreed to lift trade to $5 billion.   -> qualifier target
//! ```

use super::*;

impl Sentence<'_> {
    pub(crate) fn figure_qualifier(&self, a: &AmountMatch, lower: &str) -> String {
        let before = self.lower_between(a.phrase_start.saturating_sub(60), a.phrase_start);
        let target = [
            "target",
            "bring",
            "bringing",
            "increase trade",
            "increase the trade",
            "to increase",
            "up to",
            "aim to reach",
            "aims to reach",
            "reach the target",
        ];
        let forecast =
            ["expected to", "forecast", "projected", "is set to reach", "will reach", "will exceed", "could reach"];
        if before.contains("target of")
            || lower[..].contains("target") && before.contains("reach")
            || (before.contains("increase") || before.contains("bring") || before.contains("target"))
                && target.iter().any(|w| before.match_indices(w).any(|(i, _)| before[i + w.len()..].starts_with(' ')))
        {
            return "target".into();
        }
        // "agreed to double bilateral trade to $28 billion", "will boost trade to $15 billion":
        // a verb of raising in its base form, and "to" before the amount.
        let raise = ["double ", "triple ", "boost ", "raise ", "lift ", "increase ", "expand ", "bring ", "push "];
        if before.trim_end().ends_with(" to") && raise.iter().any(|w| before.contains(w)) {
            return "target".into();
        }
        // "committed to invest $10 billion", "pledged to invest": money promised, not spent.
        let promise = ["to invest", "pledged", "committed to", "will invest", "plans to invest", "intends to invest"];
        let near = self.lower_between(a.phrase_start.saturating_sub(24), a.phrase_start);
        if promise.iter().any(|w| near.contains(w)) {
            return "target".into();
        }
        if forecast.iter().any(|w| before.contains(w)) {
            return "forecast".into();
        }
        match a.qualifier {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::Over => "over",
            Qualifier::Under => "under",
        }
        .into()
    }

    /// A stated growth: a percentage after a growth word, and what it compares to.
    pub(crate) fn change(&self, money: &AmountMatch) -> (Option<f64>, Option<String>) {
        let Some(p) = self.amounts.iter().find(|p| p.unit == Unit::Percent) else { return (None, None) };
        let lower = &self.lower;
        let growth = ["increase", "grew", "grow", "rose", "rise", "up ", "more", "higher", "jump", "surge", "growth"];
        let decline = ["decreas", "declin", "fell", "fall", "drop", "down ", "lower", "shrank", "contract"];
        // The word of change nearest before the percentage says which way it went.
        let before = self.lower_between(self.sentence.start, p.start);
        let last = |words: &[&str]| words.iter().filter_map(|w| before.rfind(w)).max();
        let falling = match (last(&growth), last(&decline)) {
            (None, None) if !growth.iter().chain(&decline).any(|g| lower.contains(g)) => return (None, None),
            (g, d) => d > g,
        };
        let _ = money;
        let compared = self
            .times
            .iter()
            .filter(|t| t.start > p.start)
            .find(|t| {
                let gap = self.lower_between(p.end, t.start);
                gap.contains("compared")
                    || gap.contains("than")
                    || gap.contains(" from")
                    || gap.contains("since")
                    || gap.trim() == "over"
                    || gap.trim() == "on"
                    || gap.trim() == "against"
            })
            .and_then(|t| t.iso());
        // "fell by 3%" is -3; "fell by -3%" already carries its sign.
        let value = if p.value > 0.0 && falling { -p.value } else { p.value };
        (Some(value), compared)
    }
}
