//! The Russian lexicon: countries, their adjectives and capitals, organizations, people and
//! titles, written once in the nominative and found in every case.
//!
//! Why: a Russian noun, adjective or surname has up to a dozen forms ("Казахстан, Казахстана,
//! Казахстану, Казахстаном, Казахстане"; "Токаев, Токаева, Токаевым"), and listing them would
//! be a list that is never complete. Instead each form in the data has a *base* (the form less
//! its nominative ending: "Россия" -> "росси", "казахстанский" -> "казахстанск", "Токаев" ->
//! "токаев"), and a word of the text is a form of it when it is that base followed by one of
//! the case endings of `data/ru/endings.txt` (or by nothing). A Snowball stemmer was tried first
//! and left: it cuts proper names inconsistently ("Токаев" -> "тока", "Токаева" -> "токаев").
//! Hyphens separate words ("казахстанско-китайские" is two adjectives, "Касым-Жомарт" two
//! names); a form written in capitals (РФ, КНР, МИД, ШОС) matches only as written.
//!
//! ```
//! let lex = dyad_lexicon::Lexicon::embedded();
//! let text = "Президент Казахстана провел переговоры с Путиным в Москве.";
//! let hits: Vec<&str> = lex.find(text).iter().map(|h| &text[h.start..h.end]).collect();
//! assert_eq!(hits, ["Казахстана", "Путиным", "Москве"]);
//! ```

use std::collections::HashMap;

use crate::CountryForm;

const ENDINGS: &str = include_str!("../data/ru/endings.txt");
/// The embedded Russian files, by the names `load::RU_FILES` gives them.
pub(crate) const EMBEDDED: [(&str, &str); 4] = [
    ("countries.tsv", include_str!("../data/ru/countries.tsv")),
    ("organizations.tsv", include_str!("../data/ru/organizations.tsv")),
    ("people.tsv", include_str!("../data/ru/people.tsv")),
    ("titles.tsv", include_str!("../data/ru/titles.tsv")),
];

/// What a Russian form names: an index into the lexicon's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RuEntry {
    Country(usize, CountryForm),
    Organization(usize),
    Person(usize),
    Title(usize),
}

/// One form: its words' bases (or exact capitals), and what it names.
struct Form {
    words: Vec<Word>,
    entry: RuEntry,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Word {
    /// Lower-case base, to be followed by a case ending; and the word as written in the data
    /// (a title's fixed genitive, "Китайской Народной Республики", matches as written too).
    Base(String, String),
    /// Written in capitals: only as written.
    Exact(String),
}

/// The index: forms by their first word's base (or exact text).
#[derive(Default)]
pub(crate) struct RussianIndex {
    by_first: HashMap<String, Vec<usize>>,
    forms: Vec<Form>,
    nominative: Vec<String>,
    endings: Vec<String>,
}

/// A word of Cyrillic text: its byte span.
#[derive(Debug, Clone, Copy)]
struct TextWord {
    start: usize,
    end: usize,
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// The Cyrillic words of `text` (a hyphen separates two words).
fn words(text: &str) -> Vec<TextWord> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_cyrillic(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(TextWord { start: s, end: i });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(TextWord { start: s, end: text.len() });
    }
    out
}

/// The stem a search for a Russian word looks for, so that any case form finds it: the
/// lower-cased word less its longest case or nominative ending (`data/ru/endings.txt`) that
/// leaves four letters ("Казахстана" -> "казахстан", "встречу" -> "встреч", "Токаевым" ->
/// "токаев"). "-ов" and "-ев" stay: they end surnames in the nominative ("Токаев", "Лавров").
/// `None` for a word that is not Cyrillic.
///
/// ```
/// assert_eq!(dyad_lexicon::russian_search_stem("Казахстану").as_deref(), Some("казахстан"));
/// assert_eq!(dyad_lexicon::russian_search_stem("Токаев").as_deref(), Some("токаев"));
/// assert_eq!(dyad_lexicon::russian_search_stem("visit"), None);
/// ```
pub fn russian_search_stem(word: &str) -> Option<String> {
    static ENDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    if !word.chars().any(is_cyrillic) {
        return None;
    }
    let ends = ENDS.get_or_init(|| {
        let mut all: Vec<String> = ENDINGS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .flat_map(|(_, list)| list.split_whitespace().map(str::to_string))
            .filter(|e| e != "ов" && e != "ев")
            .collect();
        all.sort_by_key(|e| std::cmp::Reverse(e.chars().count()));
        all.dedup();
        all
    });
    let lower = word.to_lowercase();
    let letters = lower.chars().count();
    let cut = ends.iter().find(|e| lower.ends_with(e.as_str()) && letters - e.chars().count() >= 4);
    Some(match cut {
        Some(e) => lower[..lower.len() - e.len()].to_string(),
        None => lower,
    })
}

fn is_capitals(w: &str) -> bool {
    w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase())
}

impl RussianIndex {
    /// Builds the index: `entries` are (nominative form, what it names).
    pub(crate) fn build(entries: &[(String, RuEntry)]) -> RussianIndex {
        let mut ix = RussianIndex::default();
        for line in ENDINGS.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let (kind, list) = line.split_once('\t').unwrap_or((line, ""));
            let list: Vec<String> = list.split_whitespace().map(str::to_string).collect();
            match kind {
                "nominative" => ix.nominative = list,
                _ => ix.endings = list,
            }
        }
        // Longest endings first: the base is the shortest one left.
        ix.nominative.sort_by_key(|e| std::cmp::Reverse(e.chars().count()));
        for (form, entry) in entries {
            let words: Vec<Word> = words(form)
                .iter()
                .map(|w| {
                    let s = &form[w.start..w.end];
                    if is_capitals(s) {
                        Word::Exact(s.to_string())
                    } else {
                        let lower = s.to_lowercase();
                        Word::Base(ix.base(&lower), lower)
                    }
                })
                .collect();
            let Some(first) = words.first() else { continue };
            let keys = match first {
                Word::Base(b, w) => vec![b.clone(), w.clone()],
                Word::Exact(b) => vec![b.clone()],
            };
            for key in keys {
                let list = ix.by_first.entry(key).or_default();
                if !list.contains(&ix.forms.len()) {
                    list.push(ix.forms.len());
                }
            }
            ix.forms.push(Form { words, entry: *entry });
        }
        ix
    }

    /// A nominative form less its ending, keeping at least three letters.
    fn base(&self, lower: &str) -> String {
        let n = lower.chars().count();
        for e in &self.nominative {
            let k = e.chars().count();
            if n >= k + 3 && lower.ends_with(e.as_str()) {
                return lower[..lower.len() - e.len()].to_string();
            }
        }
        lower.to_string()
    }

    /// The bases a text word can be a form of: itself, and itself less each case ending.
    fn bases_of<'a>(&'a self, lower: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        std::iter::once(lower).chain(self.endings.iter().filter_map(move |e| {
            let b = lower.strip_suffix(e.as_str())?;
            (b.chars().count() >= 3).then_some(b)
        }))
    }

    fn word_matches(&self, want: &Word, text: &str) -> bool {
        match want {
            Word::Exact(s) => text == s,
            Word::Base(b, written) => {
                let lower = text.to_lowercase();
                if lower == *written {
                    return true;
                }
                // A lower-case text word never matches a capitalized-only entry and vice versa;
                // the base compares case-free.
                let found = self.bases_of(&lower).any(|x| x == b);
                found
            }
        }
    }

    /// Every form in `text`, longest first at each position, not overlapping: (start, end, entry).
    pub(crate) fn find(&self, text: &str) -> Vec<(usize, usize, RuEntry)> {
        if !text.bytes().any(|b| b == 0xD0 || b == 0xD1) {
            return Vec::new();
        }
        let ws = words(text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            let w = &text[ws[i].start..ws[i].end];
            let lower = w.to_lowercase();
            let mut best: Option<(usize, RuEntry)> = None;
            let candidates =
                self.bases_of(&lower).filter_map(|b| self.by_first.get(b)).chain(self.by_first.get(w)).flatten();
            for &f in candidates {
                let form = &self.forms[f];
                let n = form.words.len();
                if i + n > ws.len() || best.is_some_and(|(m, _)| m >= n) {
                    continue;
                }
                // Consecutive words only (a space or a hyphen between them).
                let joined = (1..n).all(|k| {
                    let gap = &text[ws[i + k - 1].end..ws[i + k].start];
                    gap == " " || gap == "-" || gap == "\u{a0}"
                });
                if joined && (0..n).all(|k| self.word_matches(&form.words[k], &text[ws[i + k].start..ws[i + k].end])) {
                    best = Some((n, form.entry));
                }
            }
            match best {
                Some((n, entry)) => {
                    out.push((ws[i].start, ws[i + n - 1].end, entry));
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> RussianIndex {
        let e = |s: &str, i| (s.to_string(), RuEntry::Country(i, CountryForm::Name));
        RussianIndex::build(&[
            e("Россия", 0),
            e("Казахстан", 1),
            e("казахстанский", 2),
            e("Южная Корея", 3),
            e("РФ", 4),
            ("Токаев".into(), RuEntry::Person(0)),
        ])
    }

    fn found(text: &str) -> Vec<(String, RuEntry)> {
        index().find(text).into_iter().map(|(s, e, x)| (text[s..e].to_string(), x)).collect()
    }

    #[test]
    fn every_case_of_a_form_is_found_and_nothing_else() {
        for w in ["Россия", "России", "Россию", "Россией"] {
            assert_eq!(found(w).len(), 1, "{w}");
        }
        for w in ["Казахстан", "Казахстана", "Казахстану", "Казахстаном", "Казахстане"]
        {
            assert_eq!(found(w).len(), 1, "{w}");
        }
        for w in ["Токаев", "Токаева", "Токаеву", "Токаевым"] {
            assert_eq!(found(w), [(w.to_string(), RuEntry::Person(0))], "{w}");
        }
        // Compound adjectives are two words; the multi-word name takes both words.
        assert_eq!(
            found("казахстанско-корейские"),
            [("казахстанско".to_string(), RuEntry::Country(2, CountryForm::Name))]
        );
        assert_eq!(found("в Южной Корее")[0].0, "Южной Корее");
        // Capitals only as written; unrelated words stay unmatched.
        assert_eq!(found("РФ").len(), 1);
        assert!(found("рф").is_empty());
        assert!(found("Российский росток казах").is_empty());
    }

    #[test]
    fn the_endings_data_parses() {
        let ix = index();
        assert!(ix.nominative.len() > 10 && ix.endings.len() > 30);
        assert_eq!(ix.base("россия"), "росси");
        assert_eq!(ix.base("казахстанский"), "казахстанск");
        assert_eq!(ix.base("токаев"), "токаев");
        // A noun in -ой loses its "й" only: the name "Хан" is not a form of "Ханой".
        assert_eq!(ix.base("ханой"), "хано");
        assert_eq!(ix.base("дели"), "дели");
    }
}
