//! Organizations the lexicon does not list, found by the shape of their names: a run of
//! capitalized words around a head noun ("Kazakhstan Institute for Strategic Studies",
//! "Institute of Strategic and International Studies of Malaysia"). The country is the first
//! country word inside the name, else a place right after it ("Okan University in Istanbul").
//! A later "the Institute" is linked to the last such organization with that head noun.

use dyad_document::Document;

use crate::names::word_at;
use crate::{Kind, Mention};

/// Nouns that make a capitalized run an organization's name.
const HEADS: &[&str] = &[
    "Institute",
    "Ministry",
    "University",
    "Bank",
    "Company",
    "Corporation",
    "Council",
    "Chamber",
    "Agency",
    "Fund",
    "Center",
    "Centre",
    "Commission",
    "Committee",
    "Foundation",
    "Association",
    "Organization",
    "Organisation",
    "Academy",
    "Service",
    "Holding",
    "Parliament",
    "Senate",
    "Mazhilis",
    "Majilis",
    "Embassy",
    "Consulate",
    "League",
    "Railways",
    "Airlines",
    "Authority",
    "Administration",
    "Exchange",
    "Group",
    "Forum",
    "Office",
    "Secretariat",
    "Assembly",
];

/// Words of titles that start a capitalized run without being part of an organization's name.
const TITLE_WORDS: &[&str] = &[
    "Chairman",
    "Chairwoman",
    "Chairperson",
    "Chair",
    "Director",
    "President",
    "Head",
    "Minister",
    "Ambassador",
    "Secretary",
    "Governor",
    "Rector",
    "CEO",
    "Deputy",
    "Vice",
    "General",
    "Prime",
    "Executive",
    "Managing",
    "Speaker",
    "Mayor",
    "First",
];

/// Where the head nouns are in `text` (one pass).
fn head_positions(text: &str) -> Vec<usize> {
    static HEAD_FINDER: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let finder = HEAD_FINDER.get_or_init(|| {
        // Leftmost-first (no head noun is a prefix of another that matters) lets the search
        // use the packed SIMD prefilter, which the standard match kind cannot.
        aho_corasick::AhoCorasickBuilder::new()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(HEADS)
            .expect("head nouns build")
    });
    finder.find_iter(text).map(|m| m.start()).collect()
}

/// Lower-case words that may join the words of a name.
const CONNECTORS: &[&str] = &["of", "for", "and", "on", "the", "de", "&"];

pub(crate) fn find_organizations(doc: &Document, items: &mut Vec<Mention>) {
    let text = doc.text.as_str();
    let mut found: Vec<Mention> = Vec::new();
    // Only sentences with a head noun can hold an organization's name.
    let heads: Vec<usize> = head_positions(text);
    for sentence in &doc.sentences {
        let i = heads.partition_point(|&h| h < sentence.start);
        if heads.get(i).is_none_or(|&h| h >= sentence.end) {
            continue;
        }
        let words = words_in(text, sentence.start, sentence.end);
        let mut run: Vec<(usize, usize, &str)> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let first = w.text.chars().next().unwrap_or(' ');
            let joined_to_previous = i > 0 && run.last().is_some_and(|last| &text[last.1..w.start] == " ");
            if !joined_to_previous {
                close_run(text, &mut run, items, &mut found);
            }
            // "A and the B" joins two names, not the words of one.
            let joins_two = w.text == "and" && words.get(i + 1).is_some_and(|n| n.text == "the");
            if joins_two {
                close_run(text, &mut run, items, &mut found);
                continue;
            }
            if first.is_uppercase() || (CONNECTORS.contains(&w.text) && !run.is_empty()) {
                run.push((w.start, w.end, w.text));
            } else {
                close_run(text, &mut run, items, &mut found);
            }
        }
        close_run(text, &mut run, items, &mut found);
    }
    link_definite(text, items, &mut found);
    items.extend(found);
}

fn close_run(text: &str, run: &mut Vec<(usize, usize, &str)>, items: &[Mention], found: &mut Vec<Mention>) {
    let mut words = std::mem::take(run);
    while words.last().is_some_and(|w| CONNECTORS.contains(&w.2)) {
        words.pop();
    }
    // Leading articles, and titles: "Chairman of the Institute" is a person's title, and so is
    // "Vice-Chairman".
    let title_word = |w: &str| TITLE_WORDS.contains(&w) || w.split('-').any(|p| TITLE_WORDS.contains(&p));
    while words.first().is_some_and(|w| w.2 == "The" || CONNECTORS.contains(&w.2) || title_word(w.2)) {
        words.remove(0);
    }
    // "the Senate of Kazakhstan Askar Shakirov": after "of" and a country the name ends, unless
    // another head noun follows.
    // (The mentions are sorted by start: a country at a word is found by binary search.)
    let country_at = |start: usize| {
        let i = items.partition_point(|m| m.start < start);
        items[i..].iter().take_while(|m| m.start == start).find(|m| m.kind == Kind::Country).map(|m| m.end)
    };
    if let Some((k, e)) = words.iter().enumerate().find_map(|(k, w)| country_at(w.0).map(|e| (k, e))) {
        let of_before = k > 0 && words[k - 1].2 == "of";
        let head_after = words[k + 1..].iter().any(|w| HEADS.contains(&w.2));
        if of_before && !head_after {
            words.retain(|w| w.1 <= e);
        }
    }
    if words.len() < 2 {
        return;
    }
    let Some(head) = words.iter().find(|w| HEADS.contains(&w.2)) else {
        return;
    };
    let (start, end) = (words[0].0, words.last().unwrap().1);
    // The mentions that can overlap the run: those starting in it or up to 300 bytes before
    // (sorted by start; scanning all of them for every run made long documents quadratic).
    let from = items.partition_point(|m| m.start < start.saturating_sub(300));
    let to = items.partition_point(|m| m.start < end);
    let near = &items[from..to.max(from)];
    // Known to the lexicon already (e.g. "Shanghai Cooperation Organization").
    if near.iter().any(|m| m.kind == Kind::Organization && m.start <= head.0 && head.1 <= m.end) {
        return;
    }
    let inside = |m: &&Mention| start <= m.start && m.end <= end;
    let country = near
        .iter()
        .filter(inside)
        .find(|m| matches!(m.kind, Kind::Country | Kind::Capital | Kind::Place))
        .map(|m| m.id.clone())
        .or_else(|| place_after(text, end, items));
    found.push(Mention {
        kind: Kind::Organization,
        start,
        end,
        text: text[start..end].to_string(),
        id: text[start..end].to_string(),
        country,
        via: "shape",
    });
}

/// The words of `text[start..end]`.
pub(crate) fn words_in(text: &str, start: usize, end: usize) -> Vec<crate::names::Word<'_>> {
    let mut out = Vec::new();
    let mut pos = start;
    while pos < end {
        let c = text[pos..].chars().next().unwrap();
        if c.is_alphanumeric() || c == '&' {
            if c == '&' {
                out.push(crate::names::Word { start: pos, end: pos + 1, text: &text[pos..pos + 1] });
                pos += 1;
                continue;
            }
            match word_at(text, pos) {
                Some(w) if w.end <= end => {
                    pos = w.end;
                    out.push(w);
                }
                _ => pos += c.len_utf8(),
            }
        } else {
            pos += c.len_utf8();
        }
    }
    out
}

/// "... University in Istanbul": the country of a place named right after the organization.
fn place_after(text: &str, end: usize, items: &[Mention]) -> Option<String> {
    let at = end + text[end..].strip_prefix(" in ").map(|_| 4)?;
    items[items.partition_point(|m| m.start < at)..]
        .iter()
        .take_while(|m| m.start == at)
        .find(|m| matches!(m.kind, Kind::Country | Kind::Capital | Kind::Place))
        .map(|m| m.id.clone())
}

/// "the Institute": the last organization with that head noun and a known country.
fn link_definite(text: &str, items: &[Mention], found: &mut Vec<Mention>) {
    let mut refs = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("the ").map(|i| i + from) {
        from = at + 4;
        let Some(w) = word_at(text, from) else {
            continue;
        };
        let Some(head) = HEADS.iter().find(|h| **h == w.text) else {
            continue;
        };
        let (start, end) = (w.start, w.end);
        // Only the bare noun: not the start of a longer name ("the Institute of ...").
        let next = word_at(text, end + 1);
        let bare = !text[end..].starts_with(' ')
            || next.is_some_and(|n| {
                !n.text.chars().next().is_some_and(char::is_uppercase) && !CONNECTORS.contains(&n.text)
            });
        if !bare || found.iter().any(|m| m.start <= start && end <= m.end) {
            continue;
        }
        let antecedent = found
            .iter()
            .chain(items.iter().filter(|m| m.kind == Kind::Organization))
            .filter(|m| m.end <= at && m.country.is_some() && m.text.split_whitespace().any(|x| x == *head))
            .max_by_key(|m| m.end);
        if let Some(a) = antecedent {
            refs.push(Mention {
                kind: Kind::Organization,
                start,
                end,
                text: text[start..end].to_string(),
                id: a.id.clone(),
                country: a.country.clone(),
                via: "definite",
            });
        }
    }
    found.extend(refs);
}
