//! Modality: whether an event happened, is planned, negated or hypothetical.
//!
//! Cues (`rules/modality.tsv`) in the same clause before the trigger, outside time expressions
//! ("last May" is not "may"), or a scheduling phrase after it ("talks set for Wednesday").
//!
//! ```text
//! Tokayev is expected to visit Rome in June.   -> planned
//! ```

use super::*;

impl Sentence<'_> {
    pub(crate) fn modality(&self, trigger: &TriggerHit, triggers: &[TriggerHit]) -> Option<String> {
        // Cues in the same clause before the trigger, or a future date.
        let clause_start = self.doc.text[self.sentence.start..trigger.start]
            .rfind([';', ':'])
            .map_or(self.sentence.start, |i| self.sentence.start + i);
        for t in triggers
            .iter()
            .filter(|t| t.start >= clause_start && t.start < trigger.start && trigger.start.saturating_sub(t.end) < 60)
        {
            // A cue inside a time expression is not one ("last May" is not "may").
            let in_time = self.times.iter().any(|x| x.start <= t.start && t.end <= x.end);
            if let (Trigger::Modality(i), false) = (t.trigger, in_time) {
                return Some(self.rules.modalities[i].clone());
            }
        }
        // "a meeting ... set for Wednesday", "talks to be held next month"
        let after = self.lower_between(trigger.end, trigger.end + 60);
        for cue in [
            "set for",
            "scheduled for",
            "to be held",
            "will be held",
            "planned for",
            "slated for",
            "is expected",
            "are expected",
        ] {
            if after.contains(cue) {
                return Some("planned".into());
            }
        }
        None
    }
}
