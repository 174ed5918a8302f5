//! Facts JSONL v1 (`shared/spec/facts-v1.md`): the fact model, and the [`Extractor`] that turns
//! a [`Document`] and its [`Mentions`] into facts with provenance.
//!
//! Kinds: `document` (the article's date and title), `role` (a named person's position as the
//! text gives it), `event` (visits, meetings, agreements, ratifications, relations, and more)
//! and `figure` (trade, exports, imports, investment, deal values, tourists, companies). Each
//! fact of a document is written once. The event and figure triggers are data (`rules/`).
//!
//! ```
//! use dyad_document::{Document, Meta};
//! use dyad_facts::{Extractor, Fact};
//! let doc = Document::new("d1", " date 2024-05-23 President of Kazakhstan Kassym-Jomart Tokayev spoke.", Meta::default());
//! let facts = Extractor::new(dyad_lexicon::Lexicon::embedded()).extract(&doc);
//! assert!(matches!(&facts[0], Fact::Document(d) if d.published.as_deref() == Some("2024-05-23")));
//! assert!(matches!(&facts[1], Fact::Role(r) if r.role == "head_of_state" && r.of == "KAZ"));
//! ```
#![warn(missing_docs)]

pub mod relations;
pub mod rules;

/// The event types of facts JSONL v1.
pub const EVENT_TYPES: [&str; 10] =
    ["VISIT", "MEET", "AGREE", "RATIFY", "RELATIONS", "PRAISE", "INTEND", "INVITE", "AID", "OPEN"];

/// The figure metrics of facts JSONL v1.
pub const METRICS: [&str; 7] =
    ["trade_turnover", "exports", "imports", "investment", "deal_value", "tourists", "companies"];

use dyad_document::{Document, Span};
use dyad_lexicon::Lexicon;
use dyad_mentions::Mentions;
use serde::{Deserialize, Serialize};

/// Where a fact comes from: byte offsets into the document's text and the sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Evidence {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The sentence (or clause) the fact rests on.
    pub text: String,
}

impl Evidence {
    /// The evidence of a span of `doc`.
    pub fn of(doc: &Document, span: Span) -> Evidence {
        Evidence { start: span.start, end: span.end, text: doc.slice(span).to_string() }
    }
}

/// A `document` fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DocumentFact {
    /// Document id.
    pub doc: String,
    /// The article's own date (YYYY-MM-DD), or null.
    pub published: Option<String>,
    /// The title, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The main language, ISO 639-1 (`en`, `ru`, ...) or `und`.
    pub language: String,
    /// The article's URL, when the input gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A `role` fact: a person's position.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RoleFact {
    /// Document id.
    pub doc: String,
    /// Canonical full name.
    pub person: String,
    /// One of the v1 roles.
    pub role: String,
    /// ISO3 code of the country served, or an organization code.
    pub of: String,
    /// The sentence.
    pub evidence: Evidence,
    /// 0..1.
    pub confidence: f64,
}

/// An `event` fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EventFact {
    /// Document id.
    pub doc: String,
    /// VISIT, MEET, AGREE, RATIFY, RELATIONS, PRAISE, INTEND, INVITE, AID, OPEN.
    #[serde(rename = "type")]
    pub kind: String,
    /// Acting parties (the visitor, the ratifying party).
    pub from: Vec<String>,
    /// Other parties.
    pub to: Vec<String>,
    /// When, at the text's precision, or null.
    pub date: Option<String>,
    /// People taking part, by canonical name.
    pub persons: Vec<String>,
    /// CAMEO code.
    pub cameo: String,
    /// PLOVER category.
    pub plover: String,
    /// null for what happened; planned, negated or hypothetical.
    pub modality: Option<String>,
    /// Visit kind, instrument, count.
    pub attributes: serde_json::Map<String, serde_json::Value>,
    /// The sentence.
    pub evidence: Evidence,
    /// 0..1.
    pub confidence: f64,
}

/// A `figure` fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FigureFact {
    /// Document id.
    pub doc: String,
    /// trade_turnover, exports, imports, investment, deal_value, tourists, companies.
    pub metric: String,
    /// Flow from (exporter, investor, origin, home).
    pub from: String,
    /// Flow to.
    pub to: String,
    /// Value in whole units.
    pub value: f64,
    /// ISO 4217 code or `count`.
    pub unit: String,
    /// exact, approx, over, under, target, forecast.
    pub qualifier: String,
    /// The period covered, or null.
    pub period: Option<String>,
    /// Stated growth, in percent.
    pub change_pct: Option<f64>,
    /// What the growth compares to.
    pub compared_to: Option<String>,
    /// The sentence.
    pub evidence: Evidence,
    /// 0..1.
    pub confidence: f64,
}

/// One fact, tagged by `kind` as in the JSONL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Fact {
    /// The article itself.
    Document(DocumentFact),
    /// A person's position.
    Role(RoleFact),
    /// Something one party did with or to another.
    Event(EventFact),
    /// A quantity about a pair of parties.
    Figure(FigureFact),
}

impl Fact {
    /// The document id.
    pub fn doc(&self) -> &str {
        match self {
            Fact::Document(d) => &d.doc,
            Fact::Role(r) => &r.doc,
            Fact::Event(e) => &e.doc,
            Fact::Figure(f) => &f.doc,
        }
    }

    /// The fact as one JSON line (without the newline).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("facts serialize")
    }

    /// Appends the fact as one JSON line, with its newline, to `out` (no string of its own).
    pub fn write_json_line(&self, out: &mut Vec<u8>) {
        serde_json::to_writer(&mut *out, self).expect("facts serialize");
        out.push(b'\n');
    }
}

/// Why each fact of a document was found, and what came close.
#[derive(Debug, Clone)]
pub struct Explanation {
    /// Each fact with the reason, in words.
    pub facts: Vec<(Fact, String)>,
    /// Sentences whose triggers gave no fact, and what the rules saw there.
    pub near: Vec<(Evidence, String)>,
}

/// Runs the mention finder and the fact rules over documents.
pub struct Extractor<'a> {
    lex: &'a Lexicon,
    rules: std::borrow::Cow<'a, rules::Rules>,
}

impl<'a> Extractor<'a> {
    /// An extractor using this lexicon and the built-in rules.
    pub fn new(lex: &'a Lexicon) -> Extractor<'a> {
        Extractor { lex, rules: std::borrow::Cow::Borrowed(rules::Rules::embedded()) }
    }

    /// An extractor using this lexicon and these rules.
    pub fn with_rules(lex: &'a Lexicon, rules: rules::Rules) -> Extractor<'a> {
        Extractor { lex, rules: std::borrow::Cow::Owned(rules) }
    }

    /// The facts of a document: its `document` fact first, then the rest in text order. A
    /// document in a language the rules are not written for gives its `document` fact only.
    pub fn extract(&self, doc: &Document) -> Vec<Fact> {
        if !reads(doc) {
            return vec![document_fact(doc)];
        }
        let mentions = dyad_mentions::find(doc, self.lex);
        self.facts(doc, &mentions)
    }

    /// The facts of a document, each with the reason it was found, and the sentences whose
    /// triggers came close to a fact but gave none.
    pub fn explain(&self, doc: &Document) -> Explanation {
        if !reads(doc) {
            let why =
                format!("document: in '{}', a language the rules are not written for: no other facts", doc.language);
            return Explanation { facts: vec![(document_fact(doc), why)], near: Vec::new() };
        }
        let mentions = dyad_mentions::find(doc, self.lex);
        let facts = self.facts(doc, &mentions);
        let (events, figures, near) = relations::extract_explained(doc, &mentions, &self.rules, self.lex);
        let mut whys: Vec<String> = Vec::new();
        let (mut e, mut f) = (events.iter(), figures.iter());
        for fact in &facts {
            whys.push(match fact {
                Fact::Document(d) => match &d.published {
                    Some(p) => format!("document: its own date {p} read from the metadata or the text (a date marker, a 'Published:' line, a byline or a dateline)"),
                    None => "document: no date of its own in the metadata or the text".into(),
                },
                Fact::Role(r) => {
                    let claim = mentions.roles.iter().find(|c| c.person == r.person && c.role == r.role && c.of == r.of);
                    match claim {
                        Some(c) => format!(
                            "role: title {:?} next to the name {:?}; {} of {}",
                            doc.slice(c.title),
                            doc.slice(c.name),
                            c.role,
                            c.of
                        ),
                        None => "role".into(),
                    }
                }
                Fact::Event(_) => e.next().map(|x| x.why.clone()).unwrap_or_default(),
                Fact::Figure(_) => f.next().map(|x| x.why.clone()).unwrap_or_default(),
            });
        }
        let near = near.into_iter().map(|n| (Evidence::of(doc, n.sentence), n.why)).collect();
        Explanation { facts: facts.into_iter().zip(whys).collect(), near }
    }

    /// The facts of a document whose mentions are already found.
    pub fn facts(&self, doc: &Document, mentions: &Mentions) -> Vec<Fact> {
        let mut out = vec![document_fact(doc)];
        if !reads(doc) {
            return out;
        }
        let mut seen: Vec<(&str, &str, &str)> = Vec::new();
        for claim in &mentions.roles {
            let key = (claim.person.as_str(), claim.role.as_str(), claim.of.as_str());
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            out.push(Fact::Role(RoleFact {
                doc: doc.id.clone(),
                person: claim.person.clone(),
                role: claim.role.clone(),
                of: claim.of.clone(),
                evidence: Evidence::of(doc, claim.sentence),
                confidence: 0.9,
            }));
        }
        let (events, figures) = relations::extract(doc, mentions, &self.rules, self.lex);
        for e in events {
            out.push(Fact::Event(EventFact {
                doc: doc.id.clone(),
                kind: e.kind,
                from: e.from,
                to: e.to,
                date: e.date,
                persons: e.persons,
                cameo: e.cameo,
                plover: e.plover,
                modality: e.modality,
                attributes: e.attributes.into_iter().collect(),
                evidence: Evidence::of(doc, e.sentence),
                confidence: 0.7,
            }));
        }
        for f in figures {
            out.push(Fact::Figure(FigureFact {
                doc: doc.id.clone(),
                metric: f.metric,
                from: f.from,
                to: f.to,
                value: tidy(f.value),
                unit: f.unit,
                qualifier: f.qualifier,
                period: f.period,
                change_pct: f.change_pct,
                compared_to: f.compared_to,
                evidence: Evidence::of(doc, f.sentence),
                confidence: 0.7,
            }));
        }
        out
    }
}

/// A value as the text gave it: 15 significant digits, so that 4.1 x 10^9 computed in floating
/// point (4099999999.9999995) is written 4100000000 as the article said, and no figure an
/// article can state (15 digits or fewer) is changed.
fn tidy(value: f64) -> f64 {
    format!("{value:.14e}").parse().unwrap_or(value)
}

/// The languages the rules are written for.
const LANGUAGES: &[&str] = &["en", "ru"];

/// Whether the rules read this document's language.
fn reads(doc: &Document) -> bool {
    LANGUAGES.contains(&doc.language)
}

/// The `document` fact: the article's own date, title, language and URL.
fn document_fact(doc: &Document) -> Fact {
    Fact::Document(DocumentFact {
        doc: doc.id.clone(),
        published: doc.published.map(|d| d.to_string()),
        title: doc.title.clone(),
        language: doc.language.to_string(),
        url: doc.url.clone(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_rules_name_only_metrics_of_the_spec() {
        let tsv = include_str!("../rules/metrics.tsv");
        for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let metric = line.split('\t').next().unwrap();
            assert!(super::METRICS.contains(&metric), "metrics.tsv names {metric:?}, not a metric of facts v1");
        }
    }

    use super::*;
    use dyad_document::Meta;

    #[test]
    fn a_role_repeated_is_one_fact_with_the_first_evidence() {
        let text = "Russian President Vladimir Putin arrived. Later, President Putin spoke.";
        let doc = Document::new("d", text, Meta::default());
        let facts = Extractor::new(Lexicon::embedded()).extract(&doc);
        let roles: Vec<&RoleFact> =
            facts.iter().filter_map(|f| if let Fact::Role(r) = f { Some(r) } else { None }).collect();
        assert_eq!(roles.len(), 1);
        assert_eq!(roles[0].evidence.text, "Russian President Vladimir Putin arrived.");
        assert_eq!(&text[roles[0].evidence.start..roles[0].evidence.end], roles[0].evidence.text);
    }

    #[test]
    fn a_language_the_rules_do_not_read_gives_no_facts_but_its_own() {
        let text = "Les présidents du Kazakhstan et de la France ont signé des accords à Paris le 5 novembre 2024.";
        let facts = Extractor::new(Lexicon::embedded()).extract(&Document::new("d", text, Meta::default()));
        assert_eq!(facts.len(), 1);
        assert!(matches!(&facts[0], Fact::Document(d) if d.language == "fr"));
    }

    #[test]
    fn a_value_is_written_as_the_article_gave_it() {
        assert_eq!(4.1 * 1e9, 4_099_999_999.999_999_5, "the floating point this undoes");
        let text = "In 2023, trade between Kazakhstan and Uzbekistan reached 4.1 billion US dollars.";
        let facts = Extractor::new(Lexicon::embedded()).extract(&Document::new("d", text, Meta::default()));
        let figure = facts.iter().find(|f| matches!(f, Fact::Figure(_))).expect("a figure");
        assert!(figure.to_json().contains(r#""value":4100000000.0,"#), "{}", figure.to_json());
        assert_eq!(tidy(643.8e6), 643.8e6);
        assert_eq!(tidy(123_456_789_012_345.0), 123_456_789_012_345.0);
    }

    #[test]
    fn json_shape_follows_the_spec() {
        let doc = Document::new("d", "No date here.", Meta::default());
        let facts = Extractor::new(Lexicon::embedded()).extract(&doc);
        assert_eq!(facts[0].to_json(), r#"{"kind":"document","doc":"d","published":null,"language":"en"}"#);
        let back: Fact = serde_json::from_str(&facts[0].to_json()).unwrap();
        assert_eq!(back, facts[0]);
    }
}
