//! Events: the trigger words of `rules/events.tsv` in a sentence, each checked by its family
//! (visits, meetings, agreements, relations) for its parties, then dated, given its modality
//! and attributes, and explained.
//!
//! ```text
//! Tokayev held talks with Orban in Budapest on 21 November.   -> MEET KAZ-HUN 2024-11-21
//! ```

use super::*;

impl Sentence<'_> {
    pub(crate) fn events(&self, triggers: &[TriggerHit], out: &mut Vec<EventClaim>) {
        let has = |kind: &str| {
            triggers.iter().any(|t| matches!(t.trigger, Trigger::Event(i) if self.rules.events[i].kind == kind))
        };
        for t in triggers {
            let Trigger::Event(i) = t.trigger else { continue };
            let rule = &self.rules.events[i];
            let kind = rule.kind.as_str();
            // "signed a law ratifying": the signing is the ratification.
            if kind == "AGREE" && has("RATIFY") {
                continue;
            }
            // Tourists and citizens who visited are a figure, not a state visit.
            let people_count = |a: &&&AmountMatch| match &a.unit {
                Unit::Count(Some(n)) => count_metric(n) == Some("tourists") || self.visiting_people(a, n).is_some(),
                Unit::Count(None) => self.visiting_people(a, "").is_some(),
                _ => false,
            };
            if kind == "VISIT" && self.amounts.iter().any(|a| people_count(&a) && a.end <= t.start) {
                continue;
            }
            let noun = self.doc.text[t.start..t.end].to_lowercase();
            if ["meeting", "meetings", "talks", "summit", "visit", "visits"].contains(&noun.as_str())
                && self.refers_back(t)
            {
                continue;
            }
            let lower_sentence = &self.lower;
            if kind == "AGREE"
                && self.instrument().is_none()
                && !has_word(lower_sentence, &["pact", "accord", "deal", "deals"])
            {
                continue;
            }
            if kind == "RELATIONS"
                && !["relations", "ties", "diplomatic links"].iter().any(|w| lower_sentence.contains(w))
            {
                continue;
            }
            let weak = ["discussed", "received", "receives", "conversation", "sidelines"].contains(&noun.as_str());
            if weak {
                let people =
                    distinct(self.parties.iter().filter(|p| p.kind == Kind::Person).map(|p| p.country.clone()));
                let sides = [
                    "the sides",
                    "the parties",
                    "the leaders",
                    "the ministers",
                    "the presidents",
                    "delegations",
                    "counterpart",
                ];
                if people.len() < 2 && !sides.iter().any(|s| lower_sentence.contains(s)) {
                    continue;
                }
            }
            let (from, to) = match kind {
                "VISIT" => match self.visit_parties(t) {
                    Some(p) => p,
                    None => continue,
                },
                "RATIFY" => match self.ratify_parties() {
                    Some(p) => p,
                    None => continue,
                },
                "MEET" | "AGREE" | "RELATIONS" => match self.meeting_parties(t, kind) {
                    Some(p) => p,
                    None => continue,
                },
                _ => {
                    let all = distinct(self.parties.iter().map(|p| p.country.clone()));
                    if all.len() < 2 {
                        continue;
                    }
                    (vec![all[0].clone()], all[1..].to_vec())
                }
            };
            if from.is_empty() || to.is_empty() || from == to {
                continue;
            }
            let date = self.date_near(t, kind);
            let mut countries = from.clone();
            countries.extend(to.iter().cloned());
            let mut attributes = match kind {
                "VISIT" => self.visit_attributes(),
                "AGREE" => self.agreement_attributes(),
                _ => Vec::new(),
            };
            // Where it happened, when the sentence names a capital or city of one of the
            // parties ("talks in Astana"): the place as written, and its country.
            if let Some(m) = self.mentions.within(self.sentence).find(|m| {
                matches!(m.kind, Kind::Capital | Kind::Place)
                    && m.country.as_ref().is_some_and(|c| countries.contains(c))
            }) {
                attributes.push(("place".to_string(), serde_json::json!(m.text)));
                attributes.push(("place_country".to_string(), serde_json::json!(m.country)));
            }
            let groups: Vec<Vec<String>> =
                if kind == "VISIT" { to.iter().map(|d| vec![d.clone()]).collect() } else { vec![to] };
            let why = if !self.explain {
                String::new()
            } else {
                let parties_said: Vec<String> = self
                    .parties
                    .iter()
                    .filter(|p| countries.contains(&p.country))
                    .map(|p| format!("{:?} ({})", &self.doc.text[p.start..p.end], p.country))
                    .collect();
                let focus_used = countries.iter().any(|c| !self.parties.iter().any(|p| p.country == *c));
                let date_said = self
                    .times
                    .iter()
                    .filter(|x| x.iso() == date)
                    .map(|x| format!("{:?}", &self.doc.text[x.start..x.end]))
                    .next()
                    .unwrap_or_else(|| "none in the sentence".into());
                format!(
                    "{kind} rule (CAMEO {}): trigger {:?}; parties named {}{}; date {}",
                    rule.cameo,
                    &self.doc.text[t.start..t.end],
                    if parties_said.is_empty() { "none".to_string() } else { parties_said.join(", ") },
                    if focus_used { ", the other taken from the story (its focus pair or dateline)" } else { "" },
                    date_said
                )
            };
            for to in groups {
                out.push(EventClaim {
                    why: why.clone(),
                    kind: kind.to_string(),
                    from: from.clone(),
                    to,
                    date: date.clone(),
                    persons: self.persons(&countries),
                    modality: self.modality(t, triggers),
                    cameo: super::cameo::refine(kind, &rule.cameo, &self.doc.text[t.end..self.sentence.end.max(t.end)]),
                    plover: rule.plover.clone(),
                    attributes: attributes.clone(),
                    sentence: self.sentence,
                    trigger: Span { start: t.start, end: t.end },
                });
            }
        }
    }
}
