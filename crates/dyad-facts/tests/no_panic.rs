//! Property test: any news-like text, with multi-byte punctuation and names anywhere, gives
//! facts without a panic, and every evidence span is a slice of the text.

use dyad_document::{Document, Meta};
use dyad_facts::{Extractor, Fact};
use dyad_lexicon::Lexicon;
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "Kazakhstan",
    "Japan’s",
    "Tokayev",
    "President",
    "visited",
    "met",
    "signed",
    "trade turnover",
    "reached",
    "$1.5 billion",
    "US$",
    "20%",
    "in 2019",
    "last year",
    "on May 23",
    "—",
    "“",
    "”",
    "’s",
    "–",
    "Türkiye",
    "Erdoğan",
    "investments",
    "tourists",
    "over",
    "15,000",
    "companies",
    "in",
    "the",
    "and",
    ",",
    ".",
    "\n",
    "Nur-Sultan",
    "Astana",
    "since 1992",
    "ratified",
    "agreement",
    "will",
    "did not",
    "of",
    "to",
    "Central Asia",
    "Deputy Prime Minister – Minister of Foreign Affairs",
    "Dr.",
    "S.",
    "é",
    "№",
    "€3bn",
    "1900.1",
    "2024-05-23",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn any_news_like_text_extracts_without_panic(picks in prop::collection::vec(0usize..PIECES.len(), 0..80), date in prop::bool::ANY) {
        let mut text: String = picks.iter().map(|&i| PIECES[i]).collect::<Vec<_>>().join(" ");
        if date {
            text.insert_str(0, " date 2024-05-23 ");
        }
        let doc = Document::new("p", text.clone(), Meta::default());
        for fact in Extractor::new(Lexicon::embedded()).extract(&doc) {
            let ev = match &fact {
                Fact::Role(r) => Some(&r.evidence),
                Fact::Event(e) => Some(&e.evidence),
                Fact::Figure(f) => Some(&f.evidence),
                Fact::Document(_) => None,
            };
            if let Some(ev) = ev {
                prop_assert_eq!(&text[ev.start..ev.end], ev.text.as_str());
            }
        }
    }
}
