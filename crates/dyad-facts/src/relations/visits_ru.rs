//! Who visited whom, in Russian: the destination is the country or city after "в"/"во" (the
//! accusative of direction: "визит в Узбекистан", "прибыл в Астану", "во Францию", "в столицу
//! Казахстана"), or the object of "посетил"; the visitor is the person or country in the
//! genitive after the noun ("визит президента России", "визит Касым-Жомарта Токаева"), else
//! the person nearest the verb on either side (Russian often puts the subject after it:
//! "прибыл турецкий лидер Реджеп Тайип Эрдоган").
//!
//! Why a module of its own: English marks the roles with "to", "of" and word order, Russian
//! with cases and prepositions, and one set of cues cannot serve both.
//!
//! Example: "В ходе визита президента России Владимира Путина в Узбекистан ..." gives RUS -> UZB.

use dyad_mentions::Kind;

use super::parties::Party;
use super::Sentence;
use crate::rules::TriggerHit;

impl Sentence<'_> {
    /// Visitor and destinations of a Russian visit trigger.
    pub(crate) fn visit_parties_ru(&self, t: &TriggerHit) -> Option<(Vec<String>, Vec<String>)> {
        // "в Астану", "во Францию", "в столицу Казахстана", "посетил Китай".
        let directed = |p: &Party| {
            let before = self.lower_between(p.start.saturating_sub(24), p.start);
            let words: Vec<&str> = before.split_whitespace().collect();
            let last = words.last().copied().unwrap_or("");
            matches!(last, "в" | "во")
                || (words.len() >= 2
                    && matches!(words[words.len() - 2], "в" | "во")
                    && ["столиц", "город", "республик"].iter().any(|w| last.starts_with(w)))
                || (p.start >= t.end
                    && self.lower_between(t.start, t.end).starts_with("посети")
                    && p.start - t.end <= 2)
        };
        let places =
            |p: &&Party| matches!(p.kind, Kind::Country | Kind::Capital | Kind::Place) && !self.is_adjective_party(p);
        let destinations: Vec<String> =
            super::distinct(self.parties.iter().filter(places).filter(|p| directed(p)).map(|p| p.country.clone()));
        let near = |p: &Party| if p.end <= t.start { t.start - p.end } else { p.start.saturating_sub(t.end) };
        // The visitor: a person, else a country word, not among the destinations; the nearest
        // to the trigger, those after it first when the trigger is the noun ("визит ...").
        let noun = self.lower_between(t.start, t.end).starts_with("визит");
        let candidates = self.parties.iter().filter(|p| !directed(p) && !destinations.contains(&p.country));
        let person =
            candidates.clone().filter(|p| p.kind == Kind::Person).min_by_key(|p| (noun && p.start < t.end, near(p)));
        let visitor = person
            .or_else(|| candidates.filter(|p| p.kind != Kind::Place).min_by_key(|p| (noun && p.start < t.end, near(p))))
            .map(|p| p.country.clone())
            .or_else(|| self.focus.home.clone().filter(|h| !destinations.contains(h)))?;
        let destinations: Vec<String> = destinations.into_iter().filter(|d| *d != visitor).collect();
        if destinations.is_empty() {
            return None;
        }
        Some((vec![visitor], destinations))
    }
}
