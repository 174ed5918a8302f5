//! Units named without a value: "the dollar rose", "a multibillion-dollar deal", "paid in
//! yuan", "the percentage of exports", "the % of increase".
//!
//! Why: a reader checking what dyad saw in a text (`dyad tag`) should see that a currency or
//! a percentage was named even where no number goes with it; no figure is made of these.
//!
//! ```
//! use dyad_recognize::amount::find_amounts;
//! use dyad_recognize::unit_words::find_unit_words;
//! let text = "A $5 billion deal moved the dollar.";
//! let words = find_unit_words(text, &find_amounts(text));
//! assert_eq!((words.len(), &text[words[0].start..words[0].end]), (1, "dollar"));
//! ```

use std::sync::OnceLock;

use crate::amount::{AmountMatch, Unit};
use crate::token::{tokenize, TokKind};

/// A unit named with no value.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitWord {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The currency or the percentage named.
    pub unit: Unit,
}

/// Name (one or two lower-case words) to ISO code, from `data/currency-words.tsv`.
fn names() -> &'static [(Vec<String>, String)] {
    static NAMES: OnceLock<Vec<(Vec<String>, String)>> = OnceLock::new();
    NAMES.get_or_init(|| {
        include_str!("../data/currency-words.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let (name, code) = l.split_once('\t')?;
                Some((name.split_whitespace().map(str::to_string).collect(), code.trim().to_string()))
            })
            .collect()
    })
}

/// The currency names and percentage words of `text` that are not part of one of `amounts`.
pub fn find_unit_words(text: &str, amounts: &[AmountMatch]) -> Vec<UnitWord> {
    let toks = tokenize(text);
    let inside = |start: usize| amounts.iter().any(|a| a.phrase_start <= start && start < a.end);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        // A "%" glued to what comes before is a URL's escape ("q=30%25"), not a word.
        let percent = t.is_punct('%') && (t.space_before || i == 0) || t.is("percent") || t.is("percentage");
        let per_cent = t.is("per") && toks.get(i + 1).is_some_and(|n| n.is("cent"));
        let found = if percent || per_cent {
            Some((if per_cent { i + 2 } else { i + 1 }, Unit::Percent))
        } else if t.kind == TokKind::Word {
            names()
                .iter()
                .filter(|(words, _)| words.iter().enumerate().all(|(k, w)| toks.get(i + k).is_some_and(|x| x.is(w))))
                .max_by_key(|(words, _)| words.len())
                .map(|(words, code)| (i + words.len(), Unit::Currency(code.clone())))
        } else {
            None
        };
        match found {
            Some((end, unit)) if !inside(t.start) => {
                out.push(UnitWord { start: t.start, end: toks[end - 1].end, unit });
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amount::find_amounts;

    fn words(text: &str) -> Vec<(&str, String)> {
        find_unit_words(text, &find_amounts(text))
            .into_iter()
            .map(|w| (&text[w.start..w.end], w.unit.code().to_string()))
            .collect()
    }

    #[test]
    fn names_without_amounts() {
        assert_eq!(words("a multibillion-dollar deal"), [("dollar", "USD".to_string())]);
        assert_eq!(words("paid in yuan and US dollars"), [("yuan", "CNY".into()), ("US dollars", "USD".into())]);
        assert_eq!(words("the percentage of exports"), [("percentage", "percent".into())]);
        assert_eq!(words("the % of increase"), [("%", "percent".into())]);
        assert!(words("see https://example.com/?q=30%25%2020").is_empty());
    }

    #[test]
    fn amounts_keep_their_units() {
        assert!(words("It cost $20 million, or 12 percent of 50 dollars.").is_empty());
        // Words with another meaning name no money.
        assert!(words("He won the vote.").is_empty());
    }
}
