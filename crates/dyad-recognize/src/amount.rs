//! Amounts: money with its ISO 4217 currency ("$1.7 billion", "US$643.8 million", "14 billion
//! USD", "40 billion US dollars", "USD 2.5 bln", "3.2 trillion tenge", "€3bn", "Rs 500 crore"),
//! percentages ("25 per cent", "23%"), ratios ("by 1.5 times", "five-fold") and counts ("15,000
//! tourists", "over 140 companies", "nine visits"), each with its qualifier: about, around,
//! nearly, almost, some -> approx; over, more than, exceeded, surpassing -> over; less than, up
//! to -> under.
//!
//! The currency table is data (`data/currencies.tsv`).
//!
//! ```
//! use dyad_recognize::amount::{find_amounts, Qualifier, Unit};
//! let a = find_amounts("investments surpassing $1.7 billion");
//! assert_eq!((a[0].value, a[0].unit.clone(), a[0].qualifier), (1.7e9, Unit::Currency("USD".into()), Qualifier::Over));
//! ```

use std::sync::OnceLock;

use crate::number::number_at;
use crate::time::find_times_in;
use crate::token::{tokenize, Tok, TokKind};

/// What an amount counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// Money, by ISO 4217 code.
    Currency(String),
    /// A percentage (value 25.0 for 25%).
    Percent,
    /// A ratio ("by 1.5 times").
    Ratio,
    /// A count of things (the noun, when one follows: "tourists").
    Count(Option<String>),
}

impl Unit {
    /// The unit as facts JSONL writes it: the ISO code, `percent`, `ratio` or `count`.
    pub fn code(&self) -> &str {
        match self {
            Unit::Currency(c) => c,
            Unit::Percent => "percent",
            Unit::Ratio => "ratio",
            Unit::Count(_) => "count",
        }
    }
}

/// How exact the text says an amount is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    /// As stated.
    Exact,
    /// About, around, nearly, almost, some.
    Approx,
    /// Over, more than, exceeded, surpassing.
    Over,
    /// Less than, up to, under.
    Under,
}

impl Qualifier {
    /// The facts JSONL word.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::Over => "over",
            Qualifier::Under => "under",
        }
    }
}

/// An amount found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct AmountMatch {
    /// First byte of the amount (its currency symbol, or its number).
    pub start: usize,
    /// First byte of the whole phrase: the qualifier's when there is one ("more than $5").
    pub phrase_start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The value in whole units (1.7e9 for "$1.7 billion").
    pub value: f64,
    /// What it counts.
    pub unit: Unit,
    /// How exact.
    pub qualifier: Qualifier,
    /// The bytes of the number inside the amount ("20" of "$20", "2mil" of "2mil SEK").
    pub number: std::ops::Range<usize>,
    /// The number's value as written, before a currency's worth or a sign is applied (20 for
    /// "$20", 50 for "50 cents").
    pub number_value: f64,
}

/// Qualifier phrases, longest first within each meaning (matched on lower-case words).
const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["more", "than"], Qualifier::Over),
    (&["in", "excess", "of"], Qualifier::Over),
    (&["upwards", "of"], Qualifier::Over),
    (&["at", "least"], Qualifier::Over),
    (&["over"], Qualifier::Over),
    (&["above"], Qualifier::Over),
    (&["exceeded"], Qualifier::Over),
    (&["exceeding"], Qualifier::Over),
    (&["exceeds"], Qualifier::Over),
    (&["exceed"], Qualifier::Over),
    (&["surpassing"], Qualifier::Over),
    (&["surpassed"], Qualifier::Over),
    (&["topped"], Qualifier::Over),
    (&["less", "than"], Qualifier::Under),
    (&["fewer", "than"], Qualifier::Under),
    (&["up", "to"], Qualifier::Under),
    (&["under"], Qualifier::Under),
    (&["below"], Qualifier::Under),
    (&["close", "to"], Qualifier::Approx),
    (&["an", "estimated"], Qualifier::Approx),
    (&["about"], Qualifier::Approx),
    (&["around"], Qualifier::Approx),
    (&["approximately"], Qualifier::Approx),
    (&["roughly"], Qualifier::Approx),
    (&["nearly"], Qualifier::Approx),
    (&["almost"], Qualifier::Approx),
    (&["some"], Qualifier::Approx),
    (&["approx"], Qualifier::Approx),
    (&["estimated"], Qualifier::Approx),
    // Russian.
    (&["более", "чем", "на"], Qualifier::Over),
    (&["более", "чем"], Qualifier::Over),
    (&["не", "менее"], Qualifier::Over),
    (&["более"], Qualifier::Over),
    (&["свыше"], Qualifier::Over),
    (&["превысил"], Qualifier::Over),
    (&["превысила"], Qualifier::Over),
    (&["превысит"], Qualifier::Over),
    (&["менее"], Qualifier::Under),
    (&["около"], Qualifier::Approx),
    (&["почти"], Qualifier::Approx),
    (&["порядка"], Qualifier::Approx),
    (&["примерно"], Qualifier::Approx),
    (&["приблизительно"], Qualifier::Approx),
];

struct Currency {
    code: String,
    symbols: Vec<String>,
    names: Vec<String>,
    /// Names of its hundredth ("cents", "pence").
    hundredths: Vec<String>,
}

fn currencies() -> &'static [Currency] {
    static TABLE: OnceLock<Vec<Currency>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../data/currencies.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let cols: Vec<&str> = l.split('\t').collect();
                let list = |i: usize| -> Vec<String> {
                    cols.get(i)
                        .map(|c| c.split('|').map(str::to_string).filter(|s| !s.is_empty()).collect())
                        .unwrap_or_default()
                };
                Currency { code: cols[0].to_string(), symbols: list(1), names: list(2), hundredths: list(3) }
            })
            .collect()
    })
}

/// The currency table indexed for look-ups: symbols and codes by their exact text, names by
/// their first word (or first character, for symbols such as "$" and "€").
struct CurrencyIndex {
    symbols: crate::fasthash::FastMap<String, String>,
    /// first word -> (name, code, what one of it is worth in the currency: 1e6 for a million
    /// prefix "MEUR", 0.01 for a hundredth "cents", else 1)
    names: crate::fasthash::FastMap<String, Vec<(String, String, f64)>>,
}

fn index() -> &'static CurrencyIndex {
    static INDEX: OnceLock<CurrencyIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut symbols = crate::fasthash::FastMap::default();
        let mut names: crate::fasthash::FastMap<String, Vec<(String, String, f64)>> =
            crate::fasthash::FastMap::default();
        for c in currencies() {
            for s in &c.symbols {
                symbols.entry(s.clone()).or_insert_with(|| c.code.clone());
            }
            let suffixes = c.symbols.iter().filter(|s| !s.chars().all(|ch| ch.is_ascii_alphabetic()) || s.len() == 3);
            for name in c.names.iter().chain(suffixes) {
                let millions =
                    name.len() == 4 && name.starts_with('m') && name.chars().all(|ch| ch.is_ascii_alphabetic());
                let worth = if millions { 1e6 } else { 1.0 };
                names.entry(first_key(name)).or_default().push((name.clone(), c.code.clone(), worth));
            }
            for name in &c.hundredths {
                names.entry(first_key(name)).or_default().push((name.clone(), c.code.clone(), 0.01));
            }
        }
        CurrencyIndex { symbols, names }
    })
}

/// The look-up key of a name: its first word, or its first character when that is not a letter.
/// Whether the lower-case word `w` is by itself the name of a currency ("euros", "tenge").
pub(crate) fn is_currency_word(w: &str) -> bool {
    index().names.get(w).is_some_and(|v| v.iter().any(|(name, _, _)| name == w))
}

fn first_key(s: &str) -> String {
    match s.chars().next() {
        Some(c) if !c.is_alphabetic() => c.to_string(),
        _ => s.split(|c: char| !c.is_alphabetic()).next().unwrap_or("").to_string(),
    }
}

/// Finds the amounts of `text`. Numbers that are dates or years are left out.
pub fn find_amounts(text: &str) -> Vec<AmountMatch> {
    let toks = tokenize(text);
    let times: Vec<(usize, usize)> = find_times_in(&toks, None).iter().map(|t| (t.start, t.end)).collect();
    find_amounts_in(text, &toks, &times)
}

/// [`find_amounts`] over tokens already made from `text`, with the spans of its time
/// expressions (numbers inside them are not amounts).
pub fn find_amounts_in(text: &str, toks: &[Tok<'_>], times: &[(usize, usize)]) -> Vec<AmountMatch> {
    // Positions are asked for mostly in increasing order: a cursor that walks forward, and a
    // binary search only when asked about an earlier position.
    let cursor = std::cell::Cell::new(0usize);
    let in_time = |pos: usize| {
        let mut k = cursor.get();
        if k > 0 && times[k - 1].1 > pos {
            k = times.partition_point(|t| t.1 <= pos);
        }
        while k < times.len() && times[k].1 <= pos {
            k += 1;
        }
        cursor.set(k);
        times.get(k).is_some_and(|t| t.0 <= pos && pos < t.1)
    };
    let mut out = Vec::new();
    let mut i = 0;
    // Tokens before `floor` belong to an amount already found.
    let mut floor = 0;
    while i < toks.len() {
        if in_time(toks[i].start) {
            i += 1;
            continue;
        }
        let Some((end, value, digits)) = number_at(toks, i) else {
            i += 1;
            continue;
        };
        // Inside a URL or an identifier: "q=30%25", "A320".
        // (A currency code written onto the number, "USD115", is not an identifier.)
        let code_attached = i > 0
            && toks[i - 1].kind == TokKind::Word
            && text[toks[i - 1].start..toks[i - 1].end].bytes().all(|b| b.is_ascii_uppercase())
            && index().symbols.contains_key(toks[i - 1].norm.as_ref());
        if i > 0
            && !toks[i].space_before
            && !code_attached
            && (toks[i - 1].kind == TokKind::Word
                || ["%", "=", "/", "&", "?", "_"].contains(&toks[i - 1].norm.as_ref()))
        {
            i = end;
            continue;
        }
        // Parts of a larger token sequence: "192.168", identifiers "A-5".
        if toks[i].kind == TokKind::Word
            && !digits
            && toks[i].norm == "one"
            && end == i + 1
            && !count_follows(toks, end)
            && currency_after(text, toks, end).is_none()
            && !(i > 0 && (toks[i - 1].is("minus") || toks[i - 1].is("negative")))
        {
            i = end;
            continue;
        }
        let mut start_tok = i;
        let mut end_tok = end;
        let number_value = value;
        let mut value = value;
        // Currency before: "$", "US$", "USD", "Rs.", "dollar".
        let mut unit = currency_before(toks, i, floor).map(|(code, first, worth)| {
            start_tok = first;
            value *= worth;
            Unit::Currency(code)
        });
        // The amount is in a hundredth ("50 cents"): no cents follow it.
        let mut in_hundredths = false;
        if unit.is_none() {
            if let Some((code, after, worth)) = currency_after(text, toks, end) {
                end_tok = after;
                value *= worth;
                in_hundredths = worth < 1.0;
                // "75 USD million": the scale after the code.
                if let Some(scale) = toks
                    .get(end_tok)
                    .filter(|t| t.kind == TokKind::Word && t.norm.len() > 3)
                    .and_then(|t| crate::number::scale_word(&t.norm))
                {
                    if scale >= 1e3 && end == i + 1 {
                        value *= scale;
                        end_tok += 1;
                    }
                }
                unit = Some(Unit::Currency(code));
            }
        }
        if let Some(Unit::Currency(_)) = &unit {
            // "15 dollars 50", "3 dollars 50 cents", "13 dollars and 45": cents after a currency
            // name, when no other currency follows them.
            // "c $ 100 and fifty", "10 $ 30 cent": after a symbol, cents only with "and" or a
            // hundredth's name, and only after a number without a scale.
            let symbol = start_tok < i || toks[end_tok - 1].kind != TokKind::Word;
            if symbol && end == i + 1 && !in_hundredths {
                let k = if toks.get(end_tok).is_some_and(|t| t.is("and")) { end_tok + 1 } else { end_tok };
                if let Some((ce, cents, _)) = number_at(toks, k).filter(|(_, v, _)| *v < 100.0 && v.fract() == 0.0) {
                    let named = toks.get(ce).is_some_and(|t| t.is("cents") || t.is("cent"));
                    let ends = toks.get(ce).is_none_or(|t| t.kind == TokKind::Punct && !t.is_punct('%'));
                    if named || k > end_tok && ends {
                        value += cents / 100.0;
                        end_tok = if named { ce + 1 } else { ce };
                    }
                }
            }
            if end_tok > end && toks[end_tok - 1].kind == TokKind::Word && !in_hundredths {
                let k = if toks.get(end_tok).is_some_and(|t| t.is("and")) { end_tok + 1 } else { end_tok };
                if let Some((ce, cents, _)) = number_at(toks, k).filter(|(_, v, _)| *v < 100.0 && v.fract() == 0.0) {
                    let another = currency_after(text, toks, ce)
                        .is_some_and(|(_, _, _)| !toks[ce].is("cents") && !toks[ce].is("cent"));
                    // "10 turkish lira 11a": digits glued to letters are not cents.
                    if !another && toks[k].space_before && !crate::number::glued_unit(toks, ce) {
                        value += cents / 100.0;
                        end_tok = ce;
                        if toks.get(end_tok).is_some_and(|t| t.is("cents") || t.is("cent")) {
                            end_tok += 1;
                        }
                    }
                }
            }
        } else if let Some(e) = percent_after(toks, end) {
            unit = Some(Unit::Percent);
            end_tok = e;
        } else if let Some(e) = ratio_after(toks, end).or_else(|| russian_ratio_after(toks, start_tok, end)) {
            unit = Some(Unit::Ratio);
            end_tok = e;
        } else if crate::number::glued_unit(toks, end) {
            // "180ml", "29km": a measure, not a count ("9M 2023" is a period, left out above).
            i = end;
            continue;
        } else {
            unit = Some(Unit::Count(count_noun(toks, end)));
        }
        // "minus 2%", "-1.5%", "fell by -3.2 percent": the sign is the percentage's.
        if unit == Some(Unit::Percent) {
            if let Some(k) = crate::number::sign_before(toks, start_tok) {
                start_tok = k;
                value = -value;
            }
        } else if matches!(unit, Some(Unit::Count(_))) {
            // A count takes a sign only in words ("minus five") or glued to its digits ("-12"):
            // "- 300 companies" at the start of a line is a list's dash, not a negative count.
            let glued = !toks[start_tok].space_before;
            if let Some(k) =
                crate::number::sign_before(toks, start_tok).filter(|&k| glued || toks[k].kind == TokKind::Word)
            {
                start_tok = k;
                value = -value;
            }
        }
        let (qualifier, q_start) = qualifier_before(toks, start_tok);
        // "percent of 10", "per cent of twenty-two" (number after the word).
        out.push(AmountMatch {
            start: toks[start_tok].start,
            phrase_start: toks[q_start].start,
            end: toks[end_tok - 1].end,
            value,
            unit: unit.expect("set above"),
            qualifier,
            number: toks[i].start..toks[end - 1].end,
            number_value,
        });
        i = end_tok.max(i + 1);
        floor = i;
    }
    percent_word_first(toks, &mut out, &in_time);
    russian_ratio_words(toks, &mut out);
    out.sort_by_key(|a| a.start);
    out
}

/// A plural noun after "one" ("one ... companies" is a count; "that one is" is a pronoun).
fn count_follows(toks: &[Tok<'_>], end: usize) -> bool {
    const NOT_PLURAL: &[&str] =
        &["is", "was", "has", "does", "as", "us", "this", "his", "its", "thus", "plus", "less", "unless", "whereas"];
    toks.get(end).is_some_and(|t| {
        t.kind == TokKind::Word && !t.capitalized && t.norm.ends_with('s') && !NOT_PLURAL.contains(&t.norm.as_ref())
    })
}

/// A currency symbol or code right before the number at `i`: (code, first token, what one of
/// it is worth: 1e6 for a code with the million prefix, "MAUD 60").
fn currency_before(toks: &[Tok<'_>], i: usize, floor: usize) -> Option<(String, usize, f64)> {
    // Try the longest run of up to 4 tokens ending right before i, squeezed: "us $" -> "us$".
    let mut s = String::new();
    for back in (1..=4).rev() {
        if back > i {
            continue;
        }
        let a = i - back;
        // All tokens in the run must be adjacent words/punctuation, no numbers.
        if toks[a..i].iter().any(|t| t.kind == TokKind::Num) {
            continue;
        }
        s.clear();
        toks[a..i].iter().for_each(|t| s.push_str(&t.norm));
        // Letters before a symbol must be attached to it when they are a single letter
        // ("C$" yes; "a $5 deal", "country's $5" no), and the run must start a word.
        let single_letter = back >= 2 && toks[a].kind == TokKind::Word && toks[a].norm.chars().count() == 1;
        if single_letter && toks[a + 1].space_before && ["a", "s", "i"].contains(&toks[a].norm.as_ref()) {
            continue;
        }
        if a < floor {
            continue;
        }
        if a > 0 && !toks[a].space_before && !matches!(toks[a - 1].kind, TokKind::Punct) {
            continue;
        }
        if a > 0 && toks[a].kind == TokKind::Word && (toks[a - 1].is_punct('\'') || toks[a - 1].is_punct('’')) {
            continue;
        }
        if let Some(code) = index().symbols.get(&s) {
            return Some((code.clone(), a, 1.0));
        }
        // "MAUD 60", "MEUR 5": a million of the currency whose code follows the "M".
        let code = s.strip_prefix('m').filter(|c| c.len() == 3 && back == 1 && toks[a].capitalized);
        if let Some(code) = code.and_then(|c| index().symbols.get(c).filter(|code| code.eq_ignore_ascii_case(c))) {
            return Some((code.clone(), a, 1e6));
        }
    }
    None
}

/// A currency name or code right after the number (and its scale): (code, end token, what
/// one of the name is worth in the currency: 1e6 for "MEUR", 0.01 for "cents").
fn currency_after(text: &str, toks: &[Tok<'_>], end: usize) -> Option<(String, usize, f64)> {
    // "a 12-cent dividend", "a one-yen bid": the name joined by a hyphen.
    let hyphened = toks.get(end).is_some_and(|t| t.is_punct('-') && !t.space_before)
        && toks.get(end + 1).is_some_and(|t| t.kind == TokKind::Word && !t.space_before);
    let end = if hyphened { end + 1 } else { end };
    let first = toks.get(end)?;
    let from = first.start;
    let mut cut = text.len().min(from + 40);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let rest = &text[from..cut];
    let lower = rest.to_lowercase();
    let mut best: Option<(usize, &str, f64)> = None;
    for (name, code, worth) in index().names.get(&first_key(&lower)).into_iter().flatten() {
        if lower.starts_with(name.as_str()) {
            let after = lower[name.len()..].chars().next();
            let boundary = after.is_none_or(|ch| !ch.is_alphanumeric());
            if boundary && best.is_none_or(|b| name.len() > b.0) {
                best = Some((name.len(), code.as_str(), *worth));
            }
        }
    }
    let (len, code, worth) = best?;
    // The token index after the matched text.
    let stop = from + len;
    let mut k = end;
    while k < toks.len() && toks[k].end <= stop {
        k += 1;
    }
    Some((code.to_string(), k, worth))
}

fn percent_after(toks: &[Tok<'_>], end: usize) -> Option<usize> {
    let t = toks.get(end)?;
    if t.is_punct('%') {
        return Some(end + 1);
    }
    if t.is("percent") || t.is("percents") || t.is("percentage") || t.is("pct") {
        return Some(end + 1);
    }
    // Russian: "12,5 процента", "7 процентов", "1 процент".
    if t.norm.starts_with("процент") && t.norm.chars().count() <= 10 {
        return Some(end + 1);
    }
    if t.is("per") && toks.get(end + 1).is_some_and(|n| n.is("cent")) {
        return Some(end + 2);
    }
    None
}

fn ratio_after(toks: &[Tok<'_>], end: usize) -> Option<usize> {
    let t = toks.get(end)?;
    if t.is("times") {
        return Some(end + 1);
    }
    if t.is("fold") {
        return Some(end + 1);
    }
    if t.is_punct('-') && toks.get(end + 1).is_some_and(|n| n.is("fold") && !n.space_before) {
        return Some(end + 2);
    }
    None
}

/// "в 1,5 раза", "в 3 раза": a Russian ratio needs the "в" before its number ("5 раз" alone is
/// how often, not how much).
fn russian_ratio_after(toks: &[Tok<'_>], start: usize, end: usize) -> Option<usize> {
    let t = toks.get(end)?;
    let v = start.checked_sub(1).and_then(|k| toks.get(k)).is_some_and(|b| b.norm == "в");
    (v && matches!(t.norm.as_ref(), "раза" | "раз")).then_some(end + 1)
}

/// "вдвое", "втрое": a Russian ratio in one word (the growth "вырос вдвое" is 2).
fn russian_ratio_words(toks: &[Tok<'_>], out: &mut Vec<AmountMatch>) {
    const WORDS: [(&str, f64); 5] =
        [("вдвое", 2.0), ("втрое", 3.0), ("вчетверо", 4.0), ("впятеро", 5.0), ("вдесятеро", 10.0)];
    for t in toks.iter().filter(|t| t.kind == TokKind::Word) {
        if let Some(&(_, v)) = WORDS.iter().find(|(w, _)| t.norm == *w) {
            out.push(AmountMatch {
                start: t.start,
                phrase_start: t.start,
                end: t.end,
                value: v,
                unit: Unit::Ratio,
                qualifier: Qualifier::Exact,
                number: t.start..t.end,
                number_value: v,
            });
        }
    }
}

/// Words that describe the counted thing without being it.
const COUNT_SKIP: &[&str] = &[
    "bilateral",
    "commercial",
    "new",
    "major",
    "large",
    "foreign",
    "international",
    "more",
    "other",
    "different",
    "additional",
    "key",
    "important",
    "joint",
    "local",
    "domestic",
    "medical",
    "private",
    "state",
    "small",
    "big",
    "largest",
    "leading",
    "top",
];

/// The noun a count counts: the first lower-case word within a few words, skipping adjectives
/// and nationalities ("140 Singaporean companies", "13 bilateral commercial documents").
fn count_noun(toks: &[Tok<'_>], end: usize) -> Option<String> {
    for t in toks.iter().skip(end).take(4) {
        if t.kind != TokKind::Word {
            return None;
        }
        if t.capitalized || COUNT_SKIP.contains(&t.norm.as_ref()) || t.norm == "south" || t.norm == "north" {
            continue;
        }
        if ["of", "and", "in", "per", "from", "to", "the", "a", "an", "or", "by", "for", "on", "at", "with"]
            .contains(&t.norm.as_ref())
        {
            return None;
        }
        return Some(t.norm.to_string());
    }
    None
}

/// The qualifier before token `start`: (qualifier, first token of the phrase).
fn qualifier_before(toks: &[Tok<'_>], start: usize) -> (Qualifier, usize) {
    for (words, q) in QUALIFIERS {
        let n = words.len();
        if start >= n && toks[start - n..start].iter().zip(words.iter()).all(|(t, w)| t.is(w)) {
            return (*q, start - n);
        }
    }
    (Qualifier::Exact, start)
}

/// "percent of 10", "per cent of twenty-two": the word before the number.
fn percent_word_first(toks: &[Tok<'_>], out: &mut Vec<AmountMatch>, in_time: &dyn Fn(usize) -> bool) {
    let mut i = 0;
    while i < toks.len() {
        let (word_end, ok) = if toks[i].is("percent") || toks[i].is("percents") || toks[i].is("percentage") {
            (i + 1, true)
        } else if toks[i].is("per") && toks.get(i + 1).is_some_and(|t| t.is("cent")) {
            (i + 2, true)
        } else {
            (i, false)
        };
        if ok && toks.get(word_end).is_some_and(|t| t.is("of")) {
            let n0 = word_end + 1;
            if let Some((e, v, _)) = number_at(toks, n0).filter(|_| !in_time(toks[n0].start)) {
                let start = toks[i].start;
                let end = toks[e - 1].end;
                out.retain(|a| !(a.start >= start && a.end <= end));
                out.push(AmountMatch {
                    start,
                    phrase_start: start,
                    end,
                    value: v,
                    unit: Unit::Percent,
                    qualifier: Qualifier::Exact,
                    number: toks[n0].start..end,
                    number_value: v,
                });
                i = e;
                continue;
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (f64, String, &'static str, String) {
        let a = find_amounts(text);
        assert_eq!(a.len(), 1, "{text:?} gave {a:?}");
        let a = &a[0];
        (a.value, a.unit.code().to_string(), a.qualifier.as_str(), text[a.phrase_start..a.end].to_string())
    }

    #[test]
    fn hundredths_count_in_their_currency() {
        let (v, code, _, _) = one("Brent rose 50 cents a barrel.");
        assert!((v - 0.5).abs() < 1e-9 && code == "USD");
        let (v, code, _, _) = one("The shares closed at 197 pence.");
        assert!((v - 1.97).abs() < 1e-9 && code == "GBP");
        let (v, code, _, _) = one("It costs 3 dollars 50 cents.");
        assert!((v - 3.5).abs() < 1e-9 && code == "USD");
    }

    #[test]
    fn names_joined_by_a_hyphen_and_glued_digits() {
        let (v, code, _, _) = one("a 12-cent dividend");
        assert!((v - 0.12).abs() < 1e-9 && code == "USD");
        let (v, code, _, _) = one("its one-yen bid");
        assert!((v - 1.0).abs() < 1e-9 && code == "JPY");
        // "11a" is a code, not eleven cents.
        assert_eq!(find_amounts("10 turkish lira 11a")[0].value, 10.0);
        // An amount in cents takes no further cents: "a dozen" is not 12 more.
        let a = &find_amounts("eggs averaged 64.2 cents a dozen")[0];
        assert!((a.value - 0.642).abs() < 1e-9);
    }

    #[test]
    fn counts_take_a_sign_in_words_or_glued_only() {
        assert_eq!(one("The index stood at minus five.").0, -5.0);
        assert_eq!(one("It fell to -12 overnight.").0, -12.0);
        assert_eq!(one("- 300 companies took part").0, 300.0);
    }

    #[test]
    fn money_in_its_forms() {
        assert_eq!(one("reached $1.7 billion.").0, 1.7e9);
        assert_eq!(one("amounted to US$643.8 million").1, "USD");
        assert_eq!(one("amounted to US$643.8 million").0, 643.8e6);
        assert_eq!(one("invested 14 billion USD").0, 14e9);
        assert_eq!(one("worth $ 31 billion").0, 31e9);
        assert_eq!(one("40 billion US dollars").1, "USD");
        assert_eq!(one("USD 2.5 bln").0, 2.5e9);
        assert_eq!(one("3.2 trillion tenge").1, "KZT");
        assert_eq!(one("500 million yuan").1, "CNY");
        assert_eq!(one("€3bn").0, 3e9);
        assert_eq!(one("a Rs. 1,800 crore deal").0, 1.8e10);
        assert_eq!(one("a Rs. 1,800 crore deal").1, "INR");
        assert_eq!(one("7 bln 500 mln U.S. dollars").0, 7.5e9);
        assert_eq!(one("120 MEUR").0, 120e6);
        assert_eq!(one("a USD115 million loan").0, 115e6);
        assert_eq!(one("a USD115 million loan").1, "USD");
        // Letters that are not a currency code still make an identifier.
        assert!(find_amounts("an A320 jet").is_empty());
    }

    #[test]
    fn qualifiers() {
        assert_eq!(one("about $1 billion").2, "approx");
        assert_eq!(one("almost 15,000 tourists").2, "approx");
        assert_eq!(one("more than 14 billion USD").2, "over");
        assert_eq!(one("surpassing $1.7 billion").2, "over");
        assert_eq!(one("exceeded $5.3 billion").2, "over");
        assert_eq!(one("up to 30 flights").2, "under");
        assert_eq!(one("less than $2 billion").2, "under");
        assert_eq!(one("more than 14 billion USD").3, "more than 14 billion USD");
    }

    #[test]
    fn percentages_ratios_counts() {
        assert_eq!(one("increased 25 per cent").1, "percent");
        assert_eq!(one("grew 23%").0, 23.0);
        assert_eq!(one("grew by 1.5 times").1, "ratio");
        assert_eq!(one("a five-fold increase").1, "ratio");
        assert_eq!(one("вырос на 12,5 процента").1, "percent");
        assert_eq!(one("снизился на 7 процентов").0, 7.0);
        assert_eq!(one("вырос в 1,5 раза").1, "ratio");
        assert_eq!(one("вырос вдвое").0, 2.0);
        assert_eq!(one("встречались 5 раз").1, "count");
        assert_eq!(find_amounts("15,000 tourists")[0].unit, Unit::Count(Some("tourists".into())));
        assert_eq!(find_amounts("over 140 Singaporean companies")[0].unit, Unit::Count(Some("companies".into())));
        assert_eq!(find_amounts("13 bilateral commercial documents")[0].unit, Unit::Count(Some("documents".into())));
        assert_eq!(find_amounts("made nine visits")[0].value, 9.0);
        // Signs, decimal commas and glued units.
        assert_eq!(one("exports fell by -3.2 percent").0, -3.2);
        assert_eq!(one("a drop of -1.5%").0, -1.5);
        assert_eq!(one("growth of 7,5% was recorded").0, 7.5);
        assert_eq!(one("worth EUR 1,5 billion").0, 1.5e9);
        assert_eq!(one("trade reached 3,45 billion dollars").0, 3.45e9);
        assert_eq!(one("one and a half billion dollars").0, 1.5e9);
        assert_eq!(one("two billion and 300 million dollars").0, 2.3e9);
        assert!(find_amounts("bottles of 180ml and a 29km road").is_empty());
        assert!(!find_amounts("In 9M 2023 trade grew").iter().any(|a| a.value == 9e6));
    }

    #[test]
    fn dates_are_not_amounts() {
        assert!(find_amounts("in 2019 and on 23 May 2024").is_empty());
        let a = find_amounts("In 2023, trade reached $2 billion");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].value, 2e9);
    }
}
