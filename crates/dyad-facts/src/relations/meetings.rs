//! Meetings (and the sides of agreements and of relations): who met whom.
//!
//! The sides are the people's countries when two or more are named, else the countries named
//! as officials (a country adjective counts only before an official's noun: "the Kazakh
//! delegation", not "Kazakh journalists"); "the two leaders" and "both sides" are the story's
//! pair; one named side meets the other side of the pair. Weak triggers ("discussed",
//! "received") need two sides; a trigger that refers back ("the meeting") is told already.
//!
//! ```text
//! The two leaders held talks at the Peace Palace.   -> MEET of the story's pair
//! ```

use super::*;

impl Sentence<'_> {
    /// The sides of a meeting, an agreement or relations (see `meetings.rs`).
    pub(crate) fn meeting_parties(&self, t: &TriggerHit, kind: &str) -> Option<(Vec<String>, Vec<String>)> {
        let people = distinct(self.parties.iter().filter(|p| p.kind == Kind::Person).map(|p| p.country.clone()));
        let pair_named = self.names_the_pair();
        // Who the country word stands for (`rules/actors.tsv`): "the Argentine national team"
        // is no side; "Chinese business people met ..." is none at a meeting.
        let counted = self.parties.iter().enumerate().filter(|(i, _)| match self.actor(*i) {
            (Some(Actor::NonState), _) => false,
            (Some(Actor::Commercial), _) => kind != "MEET",
            (Some(Actor::State), _) => true,
            (None, adjective) => !adjective,
        });
        let counted = counted.map(|(_, p)| p);
        let counted: Vec<&Party> = counted.collect();
        // "met with Kazakhstani journalists": the other side is named right after the
        // trigger, and is not a state ("Kazakh-South Korean ties" later on is no side).
        let non_official_side = self.parties.iter().any(|p| {
            p.start >= t.end && p.start - t.end <= 40 && !counted.iter().any(|c| c.start == p.start && c.end == p.end)
        });
        let mut all = if people.len() >= 2 { people } else { distinct(counted.iter().map(|p| p.country.clone())) };
        all.extend(self.region_members(t));
        // "The two leaders held talks", "both sides signed": the story's pair.
        if all.len() < 2 && pair_named {
            if let (Some(h), Some(p)) = (self.focus.home.clone(), self.focus.partner.clone()) {
                if all.iter().all(|c| *c == h || *c == p) {
                    all = vec![h, p];
                }
            }
        }
        let all = distinct(all);
        match all.len() {
            // "Memoranda were signed": an instrument with no side named is the story's pair's.
            0 if kind == "AGREE" && self.instrument().is_some() => {
                Some((vec![self.focus.home.clone()?], vec![self.focus.partner.clone()?]))
            }
            0 => None,
            // "met with Kazakhstani journalists", or no person at all: not a meeting of states.
            1 if kind == "MEET"
                && (non_official_side || !self.parties.iter().any(|p| p.kind == Kind::Person))
                && !pair_named =>
            {
                None
            }
            1 => self.other(&all[0]).map(|o| (vec![all[0].clone()], vec![o])),
            _ => Some((vec![all[0].clone()], all[1..].to_vec())),
        }
    }

    /// Whether a trigger word refers back to an event told already: "the meeting", "this visit".
    pub(crate) fn refers_back(&self, t: &TriggerHit) -> bool {
        let before = self.lower_between(t.start.saturating_sub(20), t.start);
        let words: Vec<&str> = before.split_whitespace().rev().take(2).collect();
        let lower_word = self.doc.text[t.start..].chars().next().is_some_and(|c| c.is_lowercase());
        // "regular visits and meetings", "frequent contacts": a habit, not an event.
        let noun = self.lower_between(t.start, t.end);
        let habit = ["regular", "frequent", "numerous", "many", "several", "mutual"];
        let earlier = self.lower_between(t.start.saturating_sub(40), t.start);
        if noun.ends_with('s') && earlier.split_whitespace().rev().take(4).any(|w| habit.contains(&w)) {
            return true;
        }
        // "recalled the recent summit": a past event remembered; with no date of its own it
        // adds nothing to what happened.
        let remembered = self.lower_between(t.start.saturating_sub(40), t.start);
        if (remembered.contains("recalled") || remembered.contains("recalling")) && self.times.is_empty() {
            return true;
        }
        match words.first() {
            // "In the last meeting on November 2017": with its own date it is told again here.
            Some(&("recent" | "latest" | "previous" | "last")) => {
                let dated_here = self.times.iter().any(|x| x.start >= t.end && x.start <= t.end + 12);
                lower_word && !dated_here
            }
            // "the meeting was attended by the presidents of X, Y and Z" is a report.
            Some(&("the" | "this" | "that")) => {
                let after = distinct(self.parties.iter().filter(|p| p.start >= t.end).map(|p| p.country.clone()));
                lower_word && after.len() < 2
            }
            _ => false,
        }
    }
}
