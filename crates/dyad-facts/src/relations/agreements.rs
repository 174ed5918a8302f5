//! Agreements and ratifications: what was signed, and who ratified it.
//!
//! An agreement needs an instrument in the sentence (a memorandum, treaty, joint statement,
//! "MoUs", a deal or pact); its attributes are the instrument and the count of documents. A
//! ratification is the first party named (else the article's home country) with the other.
//! Relations (established diplomatic relations) use the same sides as meetings.
//!
//! ```text
//! Kazakhstan and Egypt signed 15 memoranda.   -> AGREE KAZ-EGY, instrument memorandum, count 15
//! ```

use super::*;

/// The instrument an agreement sentence names, most specific first ("MoUs" is a memorandum).
pub(crate) fn instrument(lower: &str) -> Option<&'static str> {
    if let Some(i) = INSTRUMENTS.iter().copied().find(|i| lower.contains(i)) {
        return Some(i);
    }
    if let Some((_, i)) = RUSSIAN_INSTRUMENTS.iter().find(|(stem, _)| lower.contains(stem)) {
        return Some(i);
    }
    // The plurals that do not contain the singular: "memoranda", "MoUs".
    let memoranda = lower.contains("memoranda") || has_word(lower, &["mou", "mous"]);
    memoranda.then_some("memorandum")
}

/// Whether `lower` has one of `words` as a whole word.
pub(crate) fn has_word(lower: &str, words: &[&str]) -> bool {
    lower.split(|c: char| !c.is_alphanumeric()).any(|w| words.contains(&w))
}

/// Instruments named in agreement sentences, most specific first.
pub(crate) const INSTRUMENTS: &[&str] = &[
    "joint statement",
    "joint declaration",
    "declaration",
    "memorandum of understanding",
    "memorandum",
    "treaty",
    "action plan",
    "roadmap",
    "road map",
    "protocol",
    "contract",
    "agreements",
    "agreement",
    "documents",
    "document",
];

/// Instruments in Russian, by stem (any case: "меморандум", "меморандума"; "соглашения"),
/// most specific first, with the English name the facts carry.
pub(crate) const RUSSIAN_INSTRUMENTS: &[(&str, &str)] = &[
    ("совместное заявление", "joint statement"),
    ("совместного заявления", "joint statement"),
    ("совместн", "joint statement"),
    ("декларац", "declaration"),
    ("меморандум", "memorandum"),
    ("дорожн", "roadmap"),
    ("договор о", "treaty"),
    ("протокол", "protocol"),
    ("контракт", "contract"),
    ("соглашени", "agreement"),
    ("договор", "agreement"),
    ("документ", "documents"),
];

impl Sentence<'_> {
    /// The instrument the sentence names, once per sentence.
    pub(crate) fn instrument(&self) -> Option<&'static str> {
        *self.instrument.get_or_init(|| instrument(&self.lower))
    }

    /// The ratifying party (the first named, else the home country) and the other.
    pub(crate) fn ratify_parties(&self) -> Option<(Vec<String>, Vec<String>)> {
        let all = distinct(self.parties.iter().map(|p| p.country.clone()));
        let first = all.first().cloned().or_else(|| self.focus.home.clone())?;
        let other = all.iter().find(|c| **c != first).cloned().or_else(|| self.other(&first))?;
        Some((vec![first], vec![other]))
    }

    /// An agreement's instrument and the count of documents signed.
    pub(crate) fn agreement_attributes(&self) -> Vec<(String, serde_json::Value)> {
        let mut attributes = Vec::new();
        if let Some(inst) = self.instrument() {
            attributes.push(("instrument".to_string(), serde_json::json!(inst)));
        }
        let counted = ["documents", "agreements", "memoranda", "contracts", "deals"];
        if let Some(a) =
            self.amounts.iter().find(|a| matches!(&a.unit, Unit::Count(Some(n)) if counted.contains(&n.as_str())))
        {
            attributes.push(("count".to_string(), serde_json::json!(a.value as u64)));
        }
        attributes
    }
}
