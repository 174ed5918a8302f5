//! The trigger words of the event and figure rules, read from `rules/*.tsv` (embedded) and
//! from a user's folder (`--rules DIR`).

use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// An event type's codes and triggers.
#[derive(Debug, Clone)]
pub struct EventRule {
    /// VISIT, MEET, ...
    pub kind: String,
    /// CAMEO code.
    pub cameo: String,
    /// PLOVER category.
    pub plover: String,
}

/// A figure metric.
#[derive(Debug, Clone)]
pub struct MetricRule {
    /// trade_turnover, exports, ...
    pub metric: String,
    /// Counts money (true) or things.
    pub money: bool,
}

/// Who a country word stands for, by the noun after it (`rules/actors.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// Officials: "the Kazakh delegation".
    State,
    /// Firms and traders: "Chinese companies".
    Commercial,
    /// Teams, fans, the press, the public: "the Argentine national team".
    NonState,
}

/// What a trigger stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// An event rule, by index.
    Event(usize),
    /// A metric rule, by index.
    Metric(usize),
    /// A modality cue: 0 planned, 1 negated, 2 hypothetical.
    Modality(usize),
}

/// A trigger found in text.
#[derive(Debug, Clone, Copy)]
pub struct TriggerHit {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it triggers.
    pub trigger: Trigger,
}

/// A trigger phrase: its text, whether it ends in a wildcard, and what it triggers.
type Phrase = (String, bool, Trigger);

/// All the rules.
#[derive(Clone)]
pub struct Rules {
    /// Event types.
    pub events: Vec<EventRule>,
    /// Metrics.
    pub metrics: Vec<MetricRule>,
    /// Modalities, in cue order: planned, negated, hypothetical.
    pub modalities: Vec<String>,
    /// Nouns after a country word and whom they make it stand for, exact ("team"), sorted ...
    actor_nouns: Vec<(String, Actor)>,
    /// ... and by stem, for nouns with a wildcard ("player*": players, player's), sorted.
    actor_stems: Vec<(String, Actor)>,
    /// Cue words by list (`rules/cues.tsv`), every language's in one list.
    cues: Vec<(&'static str, Vec<String>)>,
    /// Every phrase of every family (a phrase may trigger in several).
    phrases: Vec<Phrase>,
    /// One automaton over all phrases, searched once with overlapping matches.
    automaton: AhoCorasick,
}

/// An error in a rules file.
#[derive(Debug, Clone)]
pub struct RulesError(pub String);

impl std::fmt::Display for RulesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RulesError {}

const EVENTS: &str = include_str!("../rules/events.tsv");
const METRICS: &str = include_str!("../rules/metrics.tsv");
const MODALITY: &str = include_str!("../rules/modality.tsv");
const ACTORS: &str = include_str!("../rules/actors.tsv");
const CUES: &str = include_str!("../rules/cues.tsv");
const EVENTS_RU: &str = include_str!("../rules/ru/events.tsv");
const METRICS_RU: &str = include_str!("../rules/ru/metrics.tsv");
const MODALITY_RU: &str = include_str!("../rules/ru/modality.tsv");
const CUES_RU: &str = include_str!("../rules/ru/cues.tsv");

/// The cue lists `cues.tsv` may name, each read by one rule (see the file's header).
pub const CUE_LISTS: [&str; 9] =
    ["deal", "worth", "signed_after", "signing", "level", "credit", "owner_nouns", "host_before", "invest_verb"];

/// The rule files, in the order they are read.
const FILES: [&str; 9] = [
    "events.tsv",
    "metrics.tsv",
    "modality.tsv",
    "actors.tsv",
    "cues.tsv",
    "ru/events.tsv",
    "ru/metrics.tsv",
    "ru/modality.tsv",
    "ru/cues.tsv",
];

impl Rules {
    /// The embedded rules, built once per process.
    pub fn embedded() -> &'static Rules {
        static EMBEDDED: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
        EMBEDDED.get_or_init(|| Rules::load(None).expect("the embedded rules are valid (tested)"))
    }

    /// The embedded rules, extended by a folder's files when given.
    pub fn load(dir: Option<&Path>) -> Result<Rules, RulesError> {
        let mut texts = vec![
            ("events.tsv".to_string(), EVENTS.to_string()),
            ("metrics.tsv".to_string(), METRICS.to_string()),
            ("modality.tsv".to_string(), MODALITY.to_string()),
            ("actors.tsv".to_string(), ACTORS.to_string()),
            ("cues.tsv".to_string(), CUES.to_string()),
            ("ru/events.tsv".to_string(), EVENTS_RU.to_string()),
            ("ru/metrics.tsv".to_string(), METRICS_RU.to_string()),
            ("ru/modality.tsv".to_string(), MODALITY_RU.to_string()),
            ("ru/cues.tsv".to_string(), CUES_RU.to_string()),
        ];
        if let Some(dir) = dir {
            // A misspelt folder must not silently leave the user's rules out.
            if !dir.is_dir() {
                return Err(RulesError(format!("{}: not a folder of rule files", dir.display())));
            }
            for name in FILES {
                let path = dir.join(name);
                if path.exists() {
                    let text = std::fs::read_to_string(&path)
                        .map_err(|e| RulesError(format!("{}: cannot read: {e}", path.display())))?;
                    texts.push((name.to_string(), text));
                }
            }
        }
        let mut events: Vec<EventRule> = Vec::new();
        let mut metrics: Vec<MetricRule> = Vec::new();
        let mut modalities: Vec<String> = Vec::new();
        let mut phrases: Vec<(String, bool, Trigger)> = Vec::new();
        let mut actors: Vec<(String, bool, Actor)> = Vec::new();
        let mut cues: Vec<(&'static str, Vec<String>)> = CUE_LISTS.iter().map(|l| (*l, Vec::new())).collect();
        for (name, text) in &texts {
            for (n, line) in text.lines().enumerate() {
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                let cols: Vec<&str> = line.split('\t').collect();
                let bad = |why: &str| RulesError(format!("{name}:{}: {why}", n + 1));
                // One file per language, each in the shape of the English one ("ru/events.tsv").
                let kind = name.rsplit('/').next().unwrap_or(name);
                if kind == "actors.tsv" {
                    let actor = match cols[0] {
                        "state" => Actor::State,
                        "commercial" => Actor::Commercial,
                        "non-state" => Actor::NonState,
                        _ => return Err(bad("expected: state|commercial|non-state, nouns")),
                    };
                    let Some(words) = cols.get(1) else {
                        return Err(bad("expected: state|commercial|non-state, nouns"));
                    };
                    for w in words.split('|').map(str::trim).filter(|w| !w.is_empty()) {
                        let (noun, wildcard) = match w.strip_suffix('*') {
                            Some(p) => (p.to_lowercase(), true),
                            None => (w.to_lowercase(), false),
                        };
                        actors.retain(|(a, _, _)| *a != noun);
                        actors.push((noun, wildcard, actor));
                    }
                    continue;
                }
                if kind == "cues.tsv" {
                    let list = cues.iter_mut().find(|(l, _)| *l == cols[0]);
                    let (Some((_, list)), Some(words)) = (list, cols.get(1)) else {
                        return Err(bad(&format!("expected: one of {}, words", CUE_LISTS.join("|"))));
                    };
                    for w in words.split('|').map(str::trim).filter(|w| !w.is_empty()) {
                        let w = w.to_lowercase();
                        if !list.contains(&w) {
                            list.push(w);
                        }
                    }
                    continue;
                }
                let (trigger, words) = match kind {
                    "events.tsv" => {
                        if cols.len() < 4 {
                            return Err(bad("expected: type, CAMEO, PLOVER, triggers"));
                        }
                        let i = match events.iter().position(|e| e.kind == cols[0]) {
                            Some(i) => i,
                            None => {
                                events.push(EventRule {
                                    kind: cols[0].into(),
                                    cameo: cols[1].into(),
                                    plover: cols[2].into(),
                                });
                                events.len() - 1
                            }
                        };
                        (Trigger::Event(i), cols[3])
                    }
                    "metrics.tsv" => {
                        if cols.len() < 3 || !matches!(cols[1], "money" | "count") {
                            return Err(bad("expected: metric, money|count, triggers"));
                        }
                        let i = match metrics.iter().position(|m| m.metric == cols[0]) {
                            Some(i) => i,
                            None => {
                                metrics.push(MetricRule { metric: cols[0].into(), money: cols[1] == "money" });
                                metrics.len() - 1
                            }
                        };
                        (Trigger::Metric(i), cols[2])
                    }
                    _ => {
                        if cols.len() < 2 || !matches!(cols[0], "planned" | "negated" | "hypothetical") {
                            return Err(bad("expected: planned|negated|hypothetical, cues"));
                        }
                        let i = match modalities.iter().position(|m| m == cols[0]) {
                            Some(i) => i,
                            None => {
                                modalities.push(cols[0].into());
                                modalities.len() - 1
                            }
                        };
                        (Trigger::Modality(i), cols[1])
                    }
                };
                for w in words.split('|').map(str::trim).filter(|w| !w.is_empty()) {
                    let (phrase, wildcard) = match w.strip_suffix('*') {
                        Some(p) => (p.to_lowercase(), true),
                        None => (w.to_lowercase(), false),
                    };
                    // Outside ASCII the automaton is case-sensitive: a phrase also matches with
                    // a capital first letter, as it is written at the start of a sentence.
                    let mut chars = phrase.chars();
                    let capital = match chars.next() {
                        Some(c) if !c.is_ascii() && c.is_lowercase() => {
                            Some(c.to_uppercase().chain(chars).collect::<String>())
                        }
                        _ => None,
                    };
                    for p in std::iter::once(phrase).chain(capital) {
                        phrases.retain(|(q, _, t)| !(q == &p && same_family(*t, trigger)));
                        phrases.push((p, wildcard, trigger));
                    }
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(phrases.iter().map(|p| p.0.as_str()))
            .map_err(|e| RulesError(format!("rules: {e}")))?;
        let (stems, nouns): (Vec<_>, Vec<_>) = actors.into_iter().partition(|a| a.1);
        let mut actor_nouns: Vec<(String, Actor)> = nouns.into_iter().map(|(n, _, a)| (n, a)).collect();
        let mut actor_stems: Vec<(String, Actor)> = stems.into_iter().map(|(n, _, a)| (n, a)).collect();
        actor_nouns.sort_by(|a, b| a.0.cmp(&b.0));
        actor_stems.sort_by(|a, b| a.0.cmp(&b.0));
        // Longest first, so that "на общую сумму" is tried before "на".
        for (_, list) in &mut cues {
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        Ok(Rules { events, metrics, modalities, actor_nouns, actor_stems, cues, phrases, automaton })
    }

    /// The words of a cue list (`rules/cues.tsv` and its translations), longest first.
    ///
    /// # Panics
    /// On a list not in [`CUE_LISTS`]: a rule asking for one is a bug.
    pub fn cues(&self, list: &str) -> &[String] {
        match self.cues.iter().find(|(l, _)| *l == list) {
            Some((_, words)) => words,
            None => panic!("no cue list {list:?}"),
        }
    }

    /// Every trigger in `text[start..end]` at word boundaries (leftmost-longest per family is
    /// not needed: events, metrics and cues are found independently).
    pub fn find(&self, text: &str, start: usize, end: usize) -> Vec<TriggerHit> {
        let hay = &text[start..end];
        let mut out: Vec<TriggerHit> = Vec::new();
        for m in self.automaton.find_overlapping_iter(hay) {
            let (s, phrase_end) = (m.start(), m.end());
            let (_, wildcard, trigger) = &self.phrases[m.pattern().as_usize()];
            if hay[..s].chars().next_back().is_some_and(char::is_alphanumeric) {
                continue;
            }
            let mut e = phrase_end;
            if *wildcard {
                e += hay[e..].chars().take_while(|c| c.is_alphabetic()).map(char::len_utf8).sum::<usize>();
            } else if hay[e..].chars().next().is_some_and(char::is_alphanumeric) {
                continue;
            }
            let hit = TriggerHit { start: start + s, end: start + e, trigger: *trigger };
            // Per family and start, the longest phrase (as a leftmost-longest search would).
            match out.iter_mut().find(|h| h.start == hit.start && same_family(h.trigger, hit.trigger)) {
                Some(h) if h.end < hit.end => *h = hit,
                Some(_) => {}
                None => out.push(hit),
            }
        }
        out.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        out
    }

    /// Whom a country word stands for, by the words after it ("national football team" is
    /// non-state; "delegation" is state): the class of the first of the next three words that
    /// has one.
    pub fn actor_after(&self, words_after: &str) -> Option<Actor> {
        if words_after.starts_with('-') {
            return Some(Actor::State);
        }
        words_after
            .split_whitespace()
            .take(3)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
            .find_map(|w| {
                if let Ok(i) = self.actor_nouns.binary_search_by(|(n, _)| n.as_str().cmp(w)) {
                    return Some(self.actor_nouns[i].1);
                }
                // A stem the word starts with sorts at or before the word, among the entries
                // that share its first letter.
                let end = self.actor_stems.partition_point(|(n, _)| n.as_str() <= w);
                let first = w.as_bytes().first()?;
                self.actor_stems[..end]
                    .iter()
                    .rev()
                    .take_while(|(n, _)| n.as_bytes().first() == Some(first))
                    .find(|(n, _)| w.starts_with(n.as_str()))
                    .map(|(_, a)| *a)
            })
    }
}

fn same_family(a: Trigger, b: Trigger) -> bool {
    matches!(
        (a, b),
        (Trigger::Event(_), Trigger::Event(_))
            | (Trigger::Metric(_), Trigger::Metric(_))
            | (Trigger::Modality(_), Trigger::Modality(_))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_load_and_find() {
        let r = Rules::load(None).unwrap();
        let text = "Tokayev visited Japan and signed documents; trade turnover grew.";
        let kinds: Vec<String> = r
            .find(text, 0, text.len())
            .iter()
            .map(|h| match h.trigger {
                Trigger::Event(i) => r.events[i].kind.clone(),
                Trigger::Metric(i) => r.metrics[i].metric.clone(),
                Trigger::Modality(i) => r.modalities[i].clone(),
            })
            .collect();
        assert!(kinds.contains(&"VISIT".to_string()), "{kinds:?}");
        assert!(kinds.contains(&"AGREE".to_string()));
        assert!(kinds.contains(&"trade_turnover".to_string()));
    }

    #[test]
    fn every_cue_list_has_words_in_each_language() {
        let r = Rules::load(None).unwrap();
        for list in CUE_LISTS {
            let words = r.cues(list);
            assert!(words.iter().any(|w| w.is_ascii()), "{list}: no English cue");
            assert!(words.iter().any(|w| !w.is_ascii()), "{list}: no Russian cue");
            assert!(words.iter().all(|w| *w == w.to_lowercase() && !w.is_empty()), "{list}: {words:?}");
        }
    }

    #[test]
    fn the_noun_after_a_country_says_who_it_stands_for() {
        let r = Rules::load(None).unwrap();
        assert_eq!(r.actor_after(" delegation arrived"), Some(Actor::State));
        assert_eq!(r.actor_after(" national football team landed"), Some(Actor::NonState));
        assert_eq!(r.actor_after(" companies signed"), Some(Actor::Commercial));
        assert_eq!(r.actor_after(" and Chinese"), None);
        assert_eq!(r.actor_after("-chinese talks"), Some(Actor::State));
        assert_eq!(r.actor_after(" presidents met"), Some(Actor::State));
    }

    #[test]
    fn a_folder_adds_rules_and_bad_lines_are_named() {
        let dir = std::env::temp_dir().join(format!("dyad-rules-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("events.tsv"), "VISIT\t042\tCONSULT\tcalled on\n").unwrap();
        let r = Rules::load(Some(&dir)).unwrap();
        let text = "The minister called on the president.";
        assert!(r.find(text, 0, text.len()).iter().any(|h| matches!(h.trigger, Trigger::Event(_))));
        std::fs::write(dir.join("metrics.tsv"), "exports\tpieces\texport\n").unwrap();
        let err = Rules::load(Some(&dir)).err().unwrap().to_string();
        assert_eq!(err, "metrics.tsv:1: expected: metric, money|count, triggers");
        std::fs::remove_file(dir.join("metrics.tsv")).unwrap();
        std::fs::write(dir.join("actors.tsv"), "non-state\tdelegation\n").unwrap();
        let r = Rules::load(Some(&dir)).unwrap();
        assert_eq!(r.actor_after(" delegation arrived"), Some(Actor::NonState), "a user's line wins");
        std::fs::write(dir.join("actors.tsv"), "crowd\tfans\n").unwrap();
        let err = Rules::load(Some(&dir)).err().unwrap().to_string();
        assert_eq!(err, "actors.tsv:1: expected: state|commercial|non-state, nouns");
        std::fs::remove_file(dir.join("actors.tsv")).unwrap();
        std::fs::write(dir.join("cues.tsv"), "credit\tsubsidy|Grant\n").unwrap();
        let r = Rules::load(Some(&dir)).unwrap();
        assert!(r.cues("credit").iter().any(|w| w == "subsidy"), "a user's cue is added");
        assert_eq!(r.cues("credit").iter().filter(|w| *w == "grant").count(), 1, "and said once");
        std::fs::write(dir.join("cues.tsv"), "credits\tsubsidy\n").unwrap();
        let err = Rules::load(Some(&dir)).err().unwrap().to_string();
        assert!(err.starts_with("cues.tsv:1: expected: one of deal|worth|"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
        let missing = Rules::load(Some(&dir)).err().unwrap().to_string();
        assert!(missing.ends_with(": not a folder of rule files"), "{missing}");
    }
}
