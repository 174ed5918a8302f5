//! Name shapes: runs of capitalized words (with initials and particles such as "bin", "al")
//! that follow or precede a title, and later mentions of a person by family name.

use dyad_document::{Document, Span};
use dyad_recognize::date::{month_from_name, weekday_from_name};

use crate::{Kind, Mention};

/// Titles of address that precede a name but are not part of it.
const HONORIFICS: &[&str] = &[
    "Dr.",
    "Dr",
    "Mr.",
    "Mr",
    "Mrs.",
    "Mrs",
    "Ms.",
    "Ms",
    "Prof.",
    "Prof",
    "H.E.",
    "HE",
    "Madam",
    "Mme",
    "Datuk",
    "Dato'",
    "Dato",
    "Tan Sri",
    "Sir",
    "Dame",
    "His Excellency",
    "Her Excellency",
    "His Highness",
    "Her Highness",
    "His Majesty",
    "Her Majesty",
    "His Royal Highness",
    "H.H.",
    "HH",
    "H.R.H.",
    "HRH",
    "H.M.",
    "Datuk Seri",
    "Dato' Sri",
    "Dato’ Sri",
    "Dato Sri",
    "Dato’",
    "Datin",
    "Tun",
    "Tengku",
    "Tunku",
    "Sheikh",
    "Sheikha",
    "Shaikh",
    "Honorable",
    "Honourable",
    "Hon.",
    "Hon",
    "Engr.",
    "Eng.",
];

/// Lower-case words allowed inside a name.
const PARTICLES: &[&str] =
    &["bin", "binti", "bint", "ibn", "al", "el", "de", "da", "van", "von", "der", "la", "le", "du", "di"];

/// Capitalized words that never start or continue a name.
const STOP: &[&str] = &[
    "The",
    "A",
    "An",
    "On",
    "In",
    "At",
    "Of",
    "And",
    "But",
    "He",
    "She",
    "It",
    "His",
    "Her",
    "They",
    "This",
    "That",
    "These",
    "Also",
    "As",
    "By",
    "For",
    "From",
    "To",
    "With",
    "During",
    "After",
    "Before",
    "While",
    "When",
    "Mr",
    "Ms",
    "Today",
    "Yesterday",
    "Tomorrow",
    "According",
    "Meanwhile",
    "However",
    "Moreover",
    "Furthermore",
    "Then",
    "Earlier",
    "Later",
    "Both",
    "Our",
    "We",
    "I",
    "You",
    "Its",
    "Their",
    "There",
];

/// A word and where it is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// The word starting at `pos` (letters, marks, digits, hyphens, apostrophes, and the period of
/// an initial or an abbreviation like "Dr.").
pub(crate) fn word_at(text: &str, pos: usize) -> Option<Word<'_>> {
    let rest = text.get(pos..)?;
    // ASCII letters and digits without decoding (most of every word); the rest by character.
    let ascii = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let mut end = ascii;
    for (i, c) in rest[ascii..].char_indices().map(|(i, c)| (i + ascii, c)) {
        if c.is_alphanumeric()
            || c == '-'
            || c == '\''
            || c == '’'
            || (c == '.' && i > 0 && is_initial_like(&rest[..i]))
        {
            end = i + c.len_utf8();
            if c == '.' {
                break;
            }
        } else {
            break;
        }
    }
    let mut w = rest[..end].trim_end_matches(['-', '\'', '’']);
    // "Meloni's visit": the possessive is not part of the name.
    for poss in ["'s", "’s"] {
        if let Some(stem) = w.strip_suffix(poss).filter(|s| !s.is_empty()) {
            w = stem;
        }
    }
    (!w.is_empty()).then(|| Word { start: pos, end: pos + w.len(), text: w })
}

fn is_initial_like(before: &str) -> bool {
    let n = before.chars().count();
    (n == 1 && before.chars().all(char::is_uppercase)) || HONORIFICS.iter().any(|h| h.trim_end_matches('.') == before)
}

/// The word that ends at `end` (reading backwards).
pub(crate) fn word_before(text: &str, end: usize) -> Option<Word<'_>> {
    let before = &text[..end];
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’' || c == '.')
        .last()
        .map(|(i, _)| i)?;
    let w = &text[start..end];
    let lead = w.len() - w.trim_start_matches(['.', '-']).len();
    let w = &w[lead..];
    (!w.is_empty()).then(|| Word { start: start + lead, end, text: w })
}

fn is_name_word(w: &str) -> bool {
    let Some(first) = w.chars().next() else {
        return false;
    };
    // "al-Anani", "el-Sisi", "bin-Salman": a particle joined to a capitalized word.
    if let Some((particle, rest)) = w.split_once('-') {
        if PARTICLES.contains(&particle) && rest.chars().next().is_some_and(char::is_uppercase) {
            return true;
        }
    }
    if !first.is_uppercase() || STOP.contains(&w) || w.ends_with('.') && w.chars().count() > 2 {
        return false;
    }
    if month_from_name(w).is_some() || weekday_from_name(w).is_some() {
        return false;
    }
    // All-capital words of more than three letters are headings, not names.
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    !(letters > 3 && w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase))
}

fn is_initial(w: &str) -> bool {
    w.ends_with('.') && w.chars().count() == 2 && w.chars().next().is_some_and(char::is_uppercase)
}

/// Skips one space (or ", ") and an honorific after `pos`; returns the new position.
pub(crate) fn skip_honorifics(text: &str, mut pos: usize) -> usize {
    loop {
        let rest = &text[pos..];
        // Every honorific starts with a capital: other words are passed over at once.
        if !rest.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
            return pos;
        }
        // The longest that fits: "Datuk Seri", not "Datuk".
        let Some(h) = HONORIFICS
            .iter()
            .filter(|h| rest.starts_with(*h) && rest[h.len()..].starts_with(' '))
            .max_by_key(|h| h.len())
        else {
            return pos;
        };
        pos += h.len() + 1;
    }
}

/// A name starting at `pos`: at least two words, or an initial and a word ("S. Jaishankar").
/// `blocked(pos)` says whether a non-name (a country, a title) starts there.
pub(crate) fn name_after(text: &str, pos: usize, blocked: &dyn Fn(usize) -> bool) -> Option<Span> {
    let mut words: Vec<Word> = Vec::new();
    let mut p = pos;
    while words.len() < 6 {
        if blocked(p) {
            break;
        }
        let Some(w) = word_at(text, p) else { break };
        let ok = if PARTICLES.contains(&w.text) {
            !words.is_empty() && word_at(text, w.end + 1).is_some_and(|n| is_name_word(n.text))
        } else {
            is_name_word(w.text) || is_initial(w.text)
        };
        if !ok {
            break;
        }
        words.push(w);
        if !text[w.end..].starts_with(' ') {
            break;
        }
        p = w.end + 1;
    }
    while words.last().is_some_and(|w| PARTICLES.contains(&w.text) || is_initial(w.text)) {
        words.pop();
    }
    let real = words.iter().filter(|w| !PARTICLES.contains(&w.text)).count();
    (real >= 2).then(|| Span { start: words[0].start, end: words.last().unwrap().end })
}

/// A name ending at `end`: at least two capitalized words.
pub(crate) fn name_before(text: &str, end: usize, blocked: &dyn Fn(usize) -> bool) -> Option<Span> {
    let mut words: Vec<Word> = Vec::new();
    let mut e = end;
    while words.len() < 5 {
        let Some(w) = word_before(text, e) else { break };
        if blocked(w.start) {
            break;
        }
        let ok =
            if PARTICLES.contains(&w.text) { !words.is_empty() } else { is_name_word(w.text) || is_initial(w.text) };
        if !ok || HONORIFICS.contains(&w.text) {
            break;
        }
        words.push(w);
        if w.start == 0 || !text[..w.start].ends_with(' ') {
            break;
        }
        e = w.start - 1;
    }
    while words.last().is_some_and(|w| PARTICLES.contains(&w.text)) {
        words.pop();
    }
    let real = words.iter().filter(|w| !PARTICLES.contains(&w.text)).count();
    (real >= 2).then(|| Span { start: words.last().unwrap().start, end: words[0].end })
}

/// Later mentions of people first named in full: the family name alone ("Tukumov").
pub(crate) fn link_family_names(doc: &Document, items: &mut Vec<Mention>) {
    let text = doc.text.as_str();
    // Sorted by start, so that "is this occurrence inside a mention" looks at a window, not at
    // every mention of the document for every occurrence.
    crate::sort(items);
    let mut people: Vec<(String, String, Option<String>, usize)> = Vec::new();
    for m in items.iter().filter(|m| m.kind == Kind::Person && m.via == "title") {
        if let Some(family) = m.text.split_whitespace().last() {
            if family.chars().count() >= 3 && !people.iter().any(|p| p.0 == family) {
                people.push((family.to_string(), m.id.clone(), m.country.clone(), m.end));
            }
        }
    }
    if people.is_empty() {
        return;
    }
    // Every family name in one pass over the text (a search per name made a long document with
    // many people quadratic); overlapping matches, so that each name is found where another
    // one's match overlaps it, as separate searches would.
    let Ok(names) = aho_corasick::AhoCorasick::new(people.iter().map(|p| p.0.as_str())) else { return };
    let mut found = Vec::new();
    for hit in names.find_overlapping_iter(text) {
        let (family, id, country, after) = &people[hit.pattern().as_usize()];
        let (at, end) = (hit.start(), hit.end());
        if at < *after {
            continue;
        }
        let before_ok = !text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric());
        let after_ok = !text[end..].chars().next().is_some_and(|c| c.is_alphanumeric());
        let window =
            items.partition_point(|m| m.start < at.saturating_sub(300))..items.partition_point(|m| m.start <= at);
        let inside = items[window].iter().any(|m| m.start <= at && end <= m.end);
        if before_ok && after_ok && !inside {
            found.push(Mention {
                kind: Kind::Person,
                start: at,
                end,
                text: family.clone(),
                id: id.clone(),
                country: country.clone(),
                via: "family-name",
            });
        }
    }
    items.extend(found);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honorifics_start_with_a_capital_as_skip_honorifics_assumes() {
        for h in HONORIFICS {
            assert!(h.as_bytes()[0].is_ascii_uppercase(), "{h}");
        }
        assert_eq!(skip_honorifics("Tan Sri Ali met", 0), "Tan Sri ".len());
        assert_eq!(skip_honorifics("tan Sri Ali met", 0), 0);
    }

    fn never(_: usize) -> bool {
        false
    }

    fn after(t: &str) -> Option<&str> {
        name_after(t, 0, &never).map(|s| &t[s.start..s.end])
    }

    fn before(t: &str) -> Option<&str> {
        name_before(t, t.len(), &never).map(|s| &t[s.start..s.end])
    }

    #[test]
    fn names_after_a_title() {
        assert_eq!(after("Yoko Kamikawa in New York"), Some("Yoko Kamikawa"));
        assert_eq!(after("Zulkifli bin Baharudin described"), Some("Zulkifli bin Baharudin"));
        assert_eq!(after("S. Jaishankar met"), Some("S. Jaishankar"));
        assert_eq!(after("Moon Jae-in, reports"), Some("Moon Jae-in"));
        assert_eq!(after("Tarō Asō and then"), Some("Tarō Asō"));
        assert_eq!(after("Tokayev said"), None, "one word is not enough");
        assert_eq!(after("The Hague"), None);
        assert_eq!(after("KAZINFORM NEWS"), None);
    }

    #[test]
    fn names_before_a_title() {
        assert_eq!(before("met with Mukhtar Tileuberdi"), Some("Mukhtar Tileuberdi"));
        assert_eq!(before("According to Baek Joo-hyun"), Some("Baek Joo-hyun"));
        assert_eq!(before("the meeting with Dr. Mohd Faiz Abdullah"), Some("Mohd Faiz Abdullah"));
    }

    #[test]
    fn honorifics_are_skipped() {
        let t = "Dr. Mohd Faiz Abdullah";
        assert_eq!(skip_honorifics(t, 0), 4);
    }
}
