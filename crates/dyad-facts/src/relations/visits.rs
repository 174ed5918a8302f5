//! Visits: who went where.
//!
//! The visitor is "the visit of/by X", else the person before the trigger ("Putin arrived"),
//! else the one after "visiting" or after a possessive ("during his visit, Prime Minister X"),
//! else the party before it that is not a place it went to. Destinations are the places after
//! the trigger ("to China, Japan and Iran"), or one right before a trip noun ("a China trip");
//! a named visitor with no destination went where the story is (its dateline, else the other
//! side of its pair). Tourists who visited are a figure, not a visit.
//!
//! ```text
//! The Emir's state visit to India began on Monday.   -> VISIT QAT -> IND, visit: state
//! ```

use super::*;

impl Sentence<'_> {
    /// Visitor and destination of a visit trigger.
    pub(crate) fn visit_parties(&self, t: &TriggerHit) -> Option<(Vec<String>, Vec<String>)> {
        if self.doc.language == "ru" {
            return self.visit_parties_ru(t);
        }
        // The visitor: "the visit of/by X", else the nearest person before the trigger, else the
        // nearest party before it that is not a place it went to ("to X", "in X").
        let located = |p: &Party| {
            let before = self.lower_between(p.start.saturating_sub(8), p.start);
            let before = before.trim_end();
            ["to", "in", "at", "into", "from"].iter().any(|w| ends_with_word(before, w))
        };
        // "the visit of the President of the People's Republic of China Xi Jinping to ...": the
        // first person after "of"/"by" before any "to".
        let after_of = self.parties.iter().find(|p| {
            let gap = self.lower_between(t.end, p.start);
            let gap = gap.trim_start();
            p.start >= t.end
                && (gap.starts_with("of ") || gap.starts_with("by "))
                && (p.start - t.end <= 24 || p.kind == Kind::Person && p.start - t.end <= 100 && !gap.contains(" to "))
        });
        // "During his visit to Tashkent, Prime Minister Alikhan Smailov met ...": with a
        // possessive and no one before, the visitor is the first person after.
        let possessive = {
            let before = self.lower_between(t.start.saturating_sub(24), t.start);
            before.split_whitespace().rev().take(3).any(|w| matches!(w, "his" | "her" | "their"))
        };
        // (Not the host: "his visit at the invitation of Prime Minister X".)
        let hosting = |p: &Party| {
            let before = self.lower_between(p.start.saturating_sub(40), p.start);
            ["invitation of", "invited by", "hosted by", "welcomed by", "received by"]
                .iter()
                .any(|w| before.contains(w))
        };
        let person_after = possessive
            .then(|| self.parties.iter().find(|p| p.start >= t.end && p.kind == Kind::Person && !hosting(p)))
            .flatten();
        // "visiting Indonesian President Prabowo Subianto": the person right after.
        let visiting = self.lower_between(t.start, t.end) == "visiting";
        let person_after = person_after.or_else(|| {
            visiting
                .then(|| {
                    self.parties.iter().find(|p| p.start >= t.end && p.kind == Kind::Person && p.start - t.end <= 60)
                })
                .flatten()
        });
        let person_visitor = after_of.filter(|p| p.kind == Kind::Person).is_some()
            || person_after.is_some()
            || self.parties.iter().any(|p| p.end <= t.start && p.kind == Kind::Person && t.start - p.end < 40);
        let visitor = after_of
            .or(person_after.filter(|_| visiting))
            .or_else(|| {
                self.parties.iter().rev().find(|p| p.end <= t.start && p.kind == Kind::Person && t.start - p.end < 120)
            })
            .or(person_after)
            .or_else(|| self.parties.iter().rev().find(|p| p.end <= t.start && p.kind != Kind::Place && !located(p)));
        // "The Argentine national team arrived", "Korean Air's crew landed": a country word
        // standing for a team, a firm or the public is no state visitor (`rules/actors.tsv`).
        if let Some(v) = visitor {
            let i = self.parties.iter().position(|p| std::ptr::eq(p, v)).unwrap_or(usize::MAX);
            if matches!(self.actor(i).0, Some(Actor::NonState | Actor::Commercial)) {
                return None;
            }
        }
        let visitor = visitor.map(|p| p.country.clone());
        // Destinations: places and countries after the trigger ("to China, Japan and Iran").
        let after: Vec<&Mention> = self
            .mentions
            .within(Span { start: t.end, end: self.sentence.end })
            .filter(|m| matches!(m.kind, Kind::Country | Kind::Capital | Kind::Place))
            .collect();
        let mut destinations: Vec<String> = Vec::new();
        let mut last_end = t.end;
        for m in after {
            let gap = self.lower_between(last_end, m.start);
            let joined = destinations.is_empty() && gap.split_whitespace().count() <= 6
                || gap.trim().trim_start_matches(',').trim().is_empty()
                || [",", "and", ", and", "the", ", the", "and the", "to", ", to", "to the"].contains(&gap.trim());
            if !joined {
                break;
            }
            // "the visit of UK Prime Minister X to Kazakhstan": "of UK" is the visitor.
            let before = self.lower_between(m.start.saturating_sub(8), m.start);
            let before = before.strip_suffix("the ").unwrap_or(&before);
            if destinations.is_empty() && (before.ends_with("of ") || before.ends_with("by ")) {
                last_end = m.end;
                continue;
            }
            // "the Kazakh President arrived in Japan": an adjective of the visitor is not a place.
            if let Some(c) = m.country.clone() {
                // An adjective is a destination only in "the Kazakh capital".
                let adjective = self.is_adjective(m);
                let capital_follows = self.lower_between(m.end, m.end + 9).trim_start().starts_with("capital");
                if !adjective || capital_follows {
                    destinations.push(c);
                }
            }
            last_end = m.end;
        }
        // "a five-day China trip", "his Beijing visit": a place named right before the trigger.
        if destinations.is_empty() {
            let before = self.lower_between(t.start.saturating_sub(3), t.start);
            if let Some(m) = self
                .mentions
                .within(Span { start: t.start.saturating_sub(40), end: t.start })
                .filter(|m| matches!(m.kind, Kind::Country | Kind::Capital) && !self.is_adjective(m))
                .find(|m| m.end + 1 == t.start && before.ends_with(' '))
            {
                destinations.extend(m.country.clone());
            }
        }
        // "Cameron met Tokayev in Astana at the start of a tour of the region": with no
        // destination after the trigger, the city before it that the sentence puts the meeting
        // in, when one of the parties named is of its country ("his trip after attending the
        // UN General Assembly in New York" is no trip to New York).
        if destinations.is_empty() {
            let before_trigger = Span { start: self.sentence.start, end: t.start };
            let placed =
                self.mentions.within(before_trigger).filter(|m| matches!(m.kind, Kind::Capital | Kind::Place)).find(
                    |m| {
                        let before = self.lower_between(m.start.saturating_sub(4), m.start);
                        ends_with_word(before.trim_end(), "in")
                            && self.parties.iter().any(|p| {
                                !matches!(p.kind, Kind::Place | Kind::Capital) && Some(&p.country) == m.country.as_ref()
                            })
                    },
                );
            destinations.extend(placed.and_then(|m| m.country.clone()));
        }
        let destinations = distinct(destinations);
        // "Yoon held talks with Tokayev ... during a state visit to Kazakhstan": the visitor is
        // the person who is not from the destination.
        let visitor = match (&visitor, destinations.first()) {
            (Some(v), Some(d)) if v == d => self
                .parties
                .iter()
                .rev()
                .find(|p| p.end <= t.start && p.kind == Kind::Person && p.country != *d)
                .map(|p| p.country.clone())
                .or(visitor),
            _ => visitor,
        };
        // "the visit of X", "visiting X", "X's visit": the visitor is named, not guessed.
        let visitor_named = visitor.is_some() && (person_visitor || after_of.is_some());
        // "This is his second state visit to India": the last person the story named who is not
        // from the destination.
        let visitor = visitor.or_else(|| {
            let earlier =
                &self.mentions.items[..self.mentions.items.partition_point(|m| m.start < self.sentence.start)];
            possessive
                .then(|| {
                    earlier
                        .iter()
                        .rev()
                        .filter(|m| m.kind == Kind::Person)
                        .find_map(|m| m.country.clone().filter(|c| !destinations.contains(c)))
                })
                .flatten()
        });
        // No visitor named: the home country, unless it is where the visits went.
        let visitor = visitor.or_else(|| self.focus.home.clone().filter(|h| !destinations.contains(h)))?;
        // "described the visit as...": a visit without a destination is told elsewhere.
        let mut destinations: Vec<String> = destinations.into_iter().filter(|d| *d != visitor).collect();
        if destinations.is_empty() && visitor_named {
            destinations.extend(self.story_host(t, &visitor));
        }
        if destinations.is_empty() {
            return None;
        }
        Some((vec![visitor], destinations))
    }

    /// Where a named visitor with no destination went: where the story is ("hosted a high tea
    /// for visiting President X", "Nazarbayev's visit prompted ..."), the dateline's country,
    /// else the other side of the story's pair. Not for a verb with its object ("visited a
    /// shrine"), a destination the text names but the lexicon does not ("a visit to Bali"),
    /// or an organization's meeting ("my SCO visit"); "to the country" is the story's host.
    fn story_host(&self, t: &TriggerHit, visitor: &str) -> Option<String> {
        let trigger_word = self.lower_between(t.start, t.end);
        if matches!(trigger_word.as_ref(), "visited" | "visits" | "visit to") {
            return None;
        }
        let rest = self.lower_between(t.end, t.end + 100);
        let to_the_host =
            ["to the country", "to our country", "to the republic", "to the kingdom"].iter().any(|w| rest.contains(w));
        if rest.contains(" to ") && !to_the_host {
            return None;
        }
        let org_before = self
            .mentions
            .within(Span { start: t.start.saturating_sub(40), end: t.start })
            .any(|m| m.kind == Kind::Organization && m.end + 1 >= t.start);
        if org_before {
            return None;
        }
        self.focus.dateline.clone().filter(|d| d != visitor).or_else(|| self.other(visitor))
    }

    /// A visit's kind: "state", "official" or "working" before "visit".
    pub(crate) fn visit_attributes(&self) -> Vec<(String, serde_json::Value)> {
        let lower = &self.lower;
        for v in ["state", "official", "working"] {
            if lower.match_indices(v).any(|(i, _)| lower[i + v.len()..].starts_with(" visit")) {
                return vec![("visit".to_string(), serde_json::json!(v))];
            }
        }
        Vec::new()
    }
}
