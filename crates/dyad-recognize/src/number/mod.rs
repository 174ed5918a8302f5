//! Numbers as news writes them: digits with thousands separators ("1,234,567", "1 414 021"),
//! decimals ("1.5", ".08"), words ("twenty-one", "two hundred thousand"), and scale words
//! ("$1.5 billion", "USD 2.5 bln", "7 bln 500 mln", "€3bn", "Rs 500 crore").
//!
//! ```
//! use dyad_recognize::number::find_numbers;
//! let n = find_numbers("about 1,500 tourists and 7 bln 500 mln dollars");
//! assert_eq!((n[0].value, n[1].value), (1500.0, 7.5e9));
//! ```

mod exponent;
mod fraction;
mod point;

use crate::token::{tokenize, Tok, TokKind};

/// A number found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMatch {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The value, scale words applied.
    pub value: f64,
    /// Written with digits (not only words).
    pub digits: bool,
}

/// "zero" to "ninety": the value of a small number word.
pub fn small_number_word(w: &str) -> Option<u64> {
    Some(match w {
        "zero" | "nought" | "naught" | "nil" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return russian_number_word(w),
    })
}

/// Russian number words from one to ninety, in the nominative and the genitive (the cases
/// figures take: "десять миллиардов", "около десяти миллиардов", "двух тысяч").
fn russian_number_word(w: &str) -> Option<u64> {
    const WORDS: [(&[&str], u64); 28] = [
        (&["один", "одна", "одного", "одной"], 1),
        (&["два", "две", "двух"], 2),
        (&["три", "трех", "трёх"], 3),
        (&["четыре", "четырех", "четырёх"], 4),
        (&["пять", "пяти"], 5),
        (&["шесть", "шести"], 6),
        (&["семь", "семи"], 7),
        (&["восемь", "восьми"], 8),
        (&["девять", "девяти"], 9),
        (&["десять", "десяти"], 10),
        (&["одиннадцать", "одиннадцати"], 11),
        (&["двенадцать", "двенадцати"], 12),
        (&["тринадцать", "тринадцати"], 13),
        (&["четырнадцать", "четырнадцати"], 14),
        (&["пятнадцать", "пятнадцати"], 15),
        (&["шестнадцать", "шестнадцати"], 16),
        (&["семнадцать", "семнадцати"], 17),
        (&["восемнадцать", "восемнадцати"], 18),
        (&["девятнадцать", "девятнадцати"], 19),
        (&["двадцать", "двадцати"], 20),
        (&["тридцать", "тридцати"], 30),
        (&["сорок", "сорока"], 40),
        (&["пятьдесят", "пятидесяти"], 50),
        (&["шестьдесят", "шестидесяти"], 60),
        (&["семьдесят", "семидесяти"], 70),
        (&["восемьдесят", "восьмидесяти"], 80),
        (&["девяносто", "девяноста"], 90),
        (&["ноль", "нуля"], 0),
    ];
    WORDS.iter().find(|(forms, _)| forms.contains(&w)).map(|&(_, v)| v)
}

/// The multiplier of a scale word ("million", "bln", "bn", "crore", "k").
pub fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" | "k" | "thousands" => 1e3,
        "lakh" | "lakhs" | "lac" => 1e5,
        "million" | "millions" | "mln" | "mn" | "m" | "mio" | "mm" | "mil" => 1e6,
        "crore" | "crores" | "cr" => 1e7,
        "billion" | "billions" | "bln" | "bn" | "b" | "g" => 1e9,
        "trillion" | "trillions" | "tln" | "trn" | "tn" | "t" => 1e12,
        "dozen" | "dozens" | "dozs" | "doz" | "dzs" | "dz" => 12.0,
        _ => return russian_scale_word(w),
    })
}

/// The Russian scale words, in any case ("млрд", "миллиарда", "миллиардов", "тыс.",
/// "тысячи"): the abbreviation or the stem and a case ending.
fn russian_scale_word(w: &str) -> Option<f64> {
    const SCALES: [(&str, &str, f64); 4] =
        [("тыс", "тысяч", 1e3), ("млн", "миллион", 1e6), ("млрд", "миллиард", 1e9), ("трлн", "триллион", 1e12)];
    const ENDINGS: [&str; 10] = ["", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах"];
    SCALES.iter().find_map(|&(short, stem, value)| {
        let ok = w == short || w.strip_prefix(stem).is_some_and(|e| ENDINGS.contains(&e) || e == "и" || e == "ей");
        ok.then_some(value)
    })
}

/// Finds every number in `text`.
pub fn find_numbers(text: &str) -> Vec<NumberMatch> {
    let toks = tokenize(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match number_at(&toks, i) {
            Some((end, value, digits)) => {
                if is_pronoun_one(&toks, i, end) || glued_unit(&toks, end) {
                    i = end;
                    continue;
                }
                let (start, value) = match sign_before(&toks, i) {
                    Some(k) => (toks[k].start, -value),
                    None => (toks[i].start, value),
                };
                out.push(NumberMatch { start, end: toks[end - 1].end, value, digits });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// "the one you mentioned", "which one": "one" as a pronoun.
fn is_pronoun_one(toks: &[Tok<'_>], i: usize, end: usize) -> bool {
    toks[i].is("one")
        && end == i + 1
        && i > 0
        && ["the", "this", "that", "which", "any", "each", "every", "no", "another", "some", "no"]
            .contains(&toks[i - 1].norm.as_ref())
}

/// "180ml", "29km": digits glued to a unit other than a scale word.
pub(crate) fn glued_unit(toks: &[Tok<'_>], end: usize) -> bool {
    toks.get(end).is_some_and(|t| t.kind == TokKind::Word && !t.space_before && scale_word(&t.norm).is_none())
}

/// A minus sign or word before the number at `i`: the token where the number starts.
pub(crate) fn sign_before(toks: &[Tok<'_>], i: usize) -> Option<usize> {
    let p = toks.get(i.checked_sub(1)?)?;
    if p.is("minus") || p.is("negative") {
        return Some(i - 1);
    }
    if (p.is_punct('-') || p.is_punct('−'))
        && (i < 2 || toks[i - 2].kind != TokKind::Num && toks[i - 2].kind != TokKind::Word || p.space_before)
    {
        let word_before = i >= 2 && toks[i - 2].kind == TokKind::Word && !p.space_before;
        return (!word_before).then_some(i - 1);
    }
    None
}

/// The number starting at token `i`: (end token, value, written with digits).
pub fn number_at(toks: &[Tok<'_>], i: usize) -> Option<(usize, f64, bool)> {
    // Asked at every token: most are words no number starts with, or punctuation other than
    // the point of ".08", and are turned away here.
    let t = toks.get(i)?;
    let may_start = match t.kind {
        TokKind::Num => true,
        TokKind::Punct if t.norm != "." => return fraction::vulgar(&t.norm).map(|v| (i + 1, v, true)),
        TokKind::Punct => true,
        TokKind::Word => {
            small_number_word(&t.norm).is_some()
                || matches!(t.norm.as_ref(), "a" | "an" | "half" | "quarter" | "quarters" | "hundred")
        }
    };
    if !may_start {
        return None;
    }
    let (mut end, mut value, digits) = match digits_at(toks, i) {
        Some((e, v)) => (e, v, true),
        None => {
            let (e, v) = words_at(toks, i)?;
            (e, v, false)
        }
    };
    if digits {
        if let Some((e, v)) = exponent::exponent_after(toks, end, value) {
            end = e;
            value = v;
        }
    }
    // Scale words: "1.5 billion", "3bn", "2.5 bln", "500 crore", "a quarter million".
    // "$10-billion": a scale word after a hyphen.
    if digits
        && toks.get(end).is_some_and(|t| t.is_punct('-') && !t.space_before)
        && toks
            .get(end + 1)
            .is_some_and(|t| !t.space_before && t.norm.len() > 3 && scale_word(&t.norm).is_some_and(|s| s >= 1e3))
    {
        end += 1;
    }
    if let Some(s) = toks.get(end).filter(|t| t.kind == TokKind::Word).and_then(|t| scale_for(t, digits)) {
        // "$19,863 billion": a comma before three digits and "billion" is a decimal comma (the
        // continental style); a thousand billions would be written "trillion".
        if s >= 1e9 && end == i + 3 && toks[i].digits() <= 3 && toks[i + 1].is_punct(',') && toks[i + 2].digits() == 3 {
            value /= 1000.0;
        }
        value *= s;
        end += 1;
        // "three lakh crore", "5 thousand crore": Indian scales stack.
        if (s == 1e5 || s == 1e3) && toks.get(end).is_some_and(|t| t.is("crore") || t.is("crores")) {
            value *= 1e7;
            end += 1;
        }
        // "3 hundred and 21", "4 thousand 3 hundred and 21" ("and 0" is another number).
        if s <= 1e3 {
            let k = if toks.get(end).is_some_and(|t| t.is("and")) { end + 1 } else { end };
            if let Some((e2, v2, _)) = number_at(toks, k).filter(|(_, v2, _)| *v2 < s && *v2 > 0.0) {
                if k > end || toks.get(end).is_some_and(|t| t.kind == TokKind::Num) {
                    value += v2;
                    end = e2;
                }
            }
        }
        // "7 bln 500 mln": a second, smaller scaled part.
        if let Some((e2, v2)) = digits_at(toks, end) {
            if let Some(s2) = toks.get(e2).filter(|t| t.kind == TokKind::Word).and_then(|t| scale_for(t, true)) {
                if s2 < s {
                    value += v2 * s2;
                    end = e2 + 1;
                }
            }
        }
    }
    // "3 million and a half": a share of the scale.
    if digits && end > i + 1 && toks[end - 1].kind == TokKind::Word {
        if let Some((e, v)) = fraction::and_share(toks, end, value) {
            return Some((e, v, digits));
        }
    }
    // "two billion and 300 million": a smaller scaled part after "and".
    if value >= 1e6 && toks.get(end).is_some_and(|t| t.is("and")) {
        if let Some((e2, v2, _)) = number_at(toks, end + 1) {
            let scaled = toks.get(e2 - 1).is_some_and(|t| t.kind == TokKind::Word && scale_word(&t.norm).is_some());
            let unit = 10f64.powi(value.log10().floor() as i32 / 3 * 3);
            if scaled && v2 >= 1e3 && v2 < unit {
                return Some((e2, value + v2, digits));
            }
        }
    }
    // "one out of three", "1 over 20": a ratio of two numbers, at most the whole.
    if let Some((e, denominator)) = fraction::ratio_after(toks, end).filter(|(_, d)| value <= *d) {
        return Some((e, value / denominator, digits));
    }
    Some((end, value, digits))
}

/// A scale word after a number. Single letters ("m", "b", "k") only when attached ("5m", "3bn").
fn scale_for(t: &Tok<'_>, after_digits: bool) -> Option<f64> {
    let s = scale_word(&t.norm)?;
    let short = t.norm.len() <= 2 && !["bn", "mn", "cr", "tn", "k", "mm", "dz"].contains(&t.norm.as_ref());
    if short && (t.space_before || !after_digits) {
        return None;
    }
    if t.norm.len() <= 3 && t.norm != "k" && t.space_before && !after_digits {
        return None;
    }
    if (t.norm == "hundred" || t.norm.starts_with("doz")) && after_digits {
        return Some(s);
    }
    Some(s)
}

/// Digits: "1,234,567.89", "1 414 021 100", "1.5", ".08", "-3".
fn digits_at(toks: &[Tok<'_>], i: usize) -> Option<(usize, f64)> {
    let t = toks.get(i)?;
    let tight = |k: usize| toks.get(k).is_some_and(|t| !t.space_before);
    // ".08"
    if t.is_punct('.') && tight(i + 1) && toks.get(i + 1).is_some_and(|n| n.kind == TokKind::Num && !n.ordinal) {
        let before_ok = i == 0 || toks[i - 1].kind != TokKind::Num || t.space_before;
        if before_ok {
            let frac = &toks[i + 1].norm;
            return Some((i + 2, format!("0.{}", frac).parse().ok()?));
        }
    }
    if t.kind != TokKind::Num || t.ordinal {
        return None;
    }
    let mut text = t.norm.to_string();
    let mut end = i + 1;
    let group = |k: usize, digits: usize| {
        let (Some(s), Some(g)) = (toks.get(k), toks.get(k + 1)) else { return false };
        s.is_punct(',')
            && !s.space_before
            && !g.space_before
            && g.kind == TokKind::Num
            && g.digits() == digits
            && !g.ordinal
    };
    // Indian grouping (lakh, crore): "12,34,567" is two-digit groups and a final three.
    if t.digits() <= 2 && group(end, 2) {
        let mut k = end;
        while group(k, 2) {
            k += 2;
        }
        if group(k, 3) {
            for g in (end..=k).step_by(2) {
                text.push_str(&toks[g + 1].norm);
            }
            end = k + 2;
        }
    }
    // Thousands groups: ",ddd" (tight) or " ddd" (space-grouped, only after 1-3 digits).
    let mut grouped_by_space = false;
    loop {
        let sep = toks.get(end);
        let grp = toks.get(end + 1);
        match (sep, grp) {
            (Some(s), Some(g))
                if s.is_punct(',')
                    && !s.space_before
                    && !g.space_before
                    && g.kind == TokKind::Num
                    && g.digits() == 3
                    && !g.ordinal =>
            {
                text.push_str(&g.norm);
                end += 2;
            }
            _ => break,
        }
    }
    // A decimal comma: "3,45 billion", "12,8 million", "7,5%", "1,3" (a thousands group has
    // three digits, so one or two after the comma are decimals; "1,2,3" and "1,3 and 5" are
    // lists, "2019,20" a year and a number).
    if end == i + 1 {
        if let (Some(c), Some(frac)) = (toks.get(end), toks.get(end + 1)) {
            let list = toks.get(end + 2).is_some_and(|n| n.is_punct(',') && !n.space_before)
                && toks.get(end + 3).is_some_and(|n| n.kind == TokKind::Num && !n.space_before)
                || i >= 2 && toks[i - 1].is_punct(',') && !t.space_before && toks[i - 2].kind == TokKind::Num
                || toks.get(end + 2).is_some_and(|n| n.is("and") || n.is_punct('&'))
                    && toks.get(end + 3).is_some_and(|n| n.kind == TokKind::Num)
                || t.digits() == 4 && (1800..2100).contains(&t.value);
            if c.is_punct(',')
                && !c.space_before
                && !frac.space_before
                && frac.kind == TokKind::Num
                && !frac.ordinal
                && (1..=2).contains(&frac.digits())
                && !list
            {
                let value: f64 = format!("{}.{}", t.norm, frac.norm).parse().ok()?;
                return Some((end + 2, value));
            }
        }
    }
    if end == i + 1 && t.digits() <= 3 {
        while let Some(g) =
            toks.get(end).filter(|g| g.kind == TokKind::Num && g.digits() == 3 && g.space_before && !g.ordinal)
        {
            // Only a run of space-separated triples: "1 414 021 100".
            let next_is_triple_or_end =
                toks.get(end + 1).is_none_or(|n| !(n.kind == TokKind::Num && n.space_before && n.digits() != 3));
            if !next_is_triple_or_end {
                break;
            }
            text.push_str(&g.norm);
            end += 1;
            grouped_by_space = true;
        }
    }
    // Continental grouping: "1.111,11", "12.345.678,9" (dotted triples, then a decimal comma).
    if end == i + 1 && t.digits() <= 3 {
        let mut k = end;
        let mut grouped = String::new();
        while toks.get(k).is_some_and(|d| d.is_punct('.') && !d.space_before)
            && toks
                .get(k + 1)
                .is_some_and(|g| g.kind == TokKind::Num && !g.space_before && g.digits() == 3 && !g.ordinal)
        {
            grouped.push_str(&toks[k + 1].norm);
            k += 2;
        }
        let comma = toks.get(k).is_some_and(|c| c.is_punct(',') && !c.space_before);
        if k > end && comma {
            if let Some(frac) = toks.get(k + 1).filter(|f| f.kind == TokKind::Num && !f.space_before && f.digits() <= 2)
            {
                let value: f64 = format!("{}{grouped}.{}", t.norm, frac.norm).parse().ok()?;
                return Some((k + 2, value));
            }
        }
    }
    // Decimals: ".5" (tight); not when the group was spaced with ordinary spaces (typographic
    // narrow or no-break spaces group digits only), not "192.168".
    // (The gap's width tells: one byte is an ASCII space, a no-break space takes two bytes
    // and a narrow or thin space three.)
    let typographic = |k: usize| k > 0 && matches!(toks[k].start - toks[k - 1].end, 2 | 3);
    if !grouped_by_space || (i + 1..end).all(typographic) {
        if let (Some(dot), Some(frac)) = (toks.get(end), toks.get(end + 1)) {
            if dot.is_punct('.')
                && !dot.space_before
                && !frac.space_before
                && frac.kind == TokKind::Num
                && !frac.ordinal
            {
                let third = toks.get(end + 2);
                let dotted_after = third.is_some_and(|d| d.is_punct('.') && !d.space_before)
                    && toks.get(end + 3).is_some_and(|n| n.kind == TokKind::Num && !n.space_before);
                // "192.168.1.2": inside a dotted sequence there are no decimals.
                let dotted_before = i >= 2
                    && toks[i - 1].is_punct('.')
                    && !t.space_before
                    && !toks[i - 1].space_before
                    && toks[i - 2].kind == TokKind::Num;
                let ip_like = dotted_after || dotted_before;
                if !ip_like {
                    text.push('.');
                    text.push_str(&frac.norm);
                    end += 2;
                }
            }
        }
    }
    let value: f64 = text.parse().ok()?;
    Some((end, value))
}

/// Number words, with the fractions they make ([`fraction`]): "two thirds", "five and a half".
fn words_at(toks: &[Tok<'_>], i: usize) -> Option<(usize, f64)> {
    if let Some(share) = fraction::one_share(toks, i) {
        return Some(share);
    }
    let Some((end, value)) = whole_words_at(toks, i) else { return fraction::bare_half(toks, i) };
    if let Some((e, f)) = fraction::with_denominator(toks, i, end, value) {
        return Some(match fraction::of_a_scale(toks, e) {
            Some((e2, s)) => (e2, f * s),
            None => (e, f),
        });
    }
    if let Some(r) = fraction::and_share(toks, end, value) {
        return Some(r);
    }
    Some(point::decimals_after(toks, end, value).unwrap_or((end, value)))
}

/// Whole number words: "twenty-one", "two hundred thousand", "a million", "half a million".
pub(super) fn whole_words_at(toks: &[Tok<'_>], i: usize) -> Option<(usize, f64)> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut end = i;
    let mut seen = false;
    let mut k = i;
    while let Some(t) = toks.get(k) {
        if t.kind == TokKind::Word {
            if let Some(v) = small_number_word(&t.norm) {
                current += v as f64;
                seen = true;
                k += 1;
                end = k;
                // "twenty-one", "fifty - two": a unit after tens only.
                let tens = v >= 20 && v % 10 == 0;
                if tens && toks.get(k).is_some_and(|d| d.is_punct('-')) {
                    if let Some(v2) = toks.get(k + 1).and_then(|n| small_number_word(&n.norm)) {
                        if (1..10).contains(&v2) {
                            current += v2 as f64;
                            k += 2;
                            end = k;
                        }
                    }
                }
                continue;
            }
            // "half a million", "a quarter million", "three quarters billion"
            if (t.norm == "half" || t.norm == "quarter" || t.norm == "quarters")
                && toks.get(k + 1).is_some_and(|n| n.is("a") || scale_word(&n.norm).is_some_and(|s| s >= 12.0))
            {
                let frac = match t.norm.as_ref() {
                    "half" => 0.5,
                    "quarter" => 0.25,
                    _ => 0.25 * current.max(1.0),
                };
                let s_at = if toks[k + 1].is("a") { k + 2 } else { k + 1 };
                // "half a dozen" (6) too.
                if let Some(sc) = toks.get(s_at).and_then(|n| scale_word(&n.norm)).filter(|s| *s >= 12.0) {
                    total += frac * sc;
                    current = 0.0;
                    seen = true;
                    k = s_at + 1;
                    end = k;
                    continue;
                }
            }
            if (t.norm == "a" || t.norm == "an") && !seen {
                if toks.get(k + 1).is_some_and(|n| n.is("quarter") || n.is("half")) {
                    k += 1;
                    continue;
                }
                // "a million", "a hundred"
                if let Some(s) = toks
                    .get(k + 1)
                    .filter(|n| n.norm.len() > 2)
                    .and_then(|n| scale_word(&n.norm))
                    .filter(|s| *s >= 12.0)
                {
                    current = 1.0 * s;
                    if s >= 1000.0 {
                        total += current;
                        current = 0.0;
                    }
                    seen = true;
                    k += 2;
                    end = k;
                    continue;
                }
                return None;
            }
            if !seen && t.norm == "hundred" && toks.get(k + 1).is_some_and(|n| n.is("thousand")) {
                total += 100_000.0;
                seen = true;
                k += 2;
                end = k;
                continue;
            }
            // "five hundreds" (not "hundreds of", which is many).
            let hundreds = t.norm == "hundreds" && !toks.get(k + 1).is_some_and(|n| n.is("of"));
            if seen && (t.norm == "hundred" || hundreds) {
                current = current.max(1.0) * 100.0;
                k += 1;
                end = k;
                continue;
            }
            if seen && ["thousand", "million", "billion", "trillion"].contains(&t.norm.as_ref()) {
                total += current.max(1.0) * scale_word(&t.norm)?;
                current = 0.0;
                k += 1;
                end = k;
                continue;
            }
            // "one and a half billion": the half goes with the number before the scale; "one
            // billion and a quarter million": a share of the smaller scale.
            if seen && t.norm == "and" && toks.get(k + 1).is_some_and(|n| n.is("a")) {
                let share = toks.get(k + 2).and_then(|n| match n.norm.as_ref() {
                    "half" => Some(0.5),
                    "quarter" => Some(0.25),
                    _ => None,
                });
                let scale = toks.get(k + 3).and_then(|n| scale_word(&n.norm)).filter(|s| *s >= 1e3);
                if let (Some(share), Some(scale)) = (share, scale) {
                    if current > 0.0 {
                        current += share;
                        k += 3;
                    } else if total > scale {
                        total += share * scale;
                        k += 4;
                    } else {
                        break;
                    }
                    end = k;
                    continue;
                }
            }
            if seen
                && t.norm == "and"
                && toks.get(k + 1).is_some_and(|n| small_number_word(&n.norm).is_some())
                && total + current >= 100.0
            {
                k += 1;
                continue;
            }
        }
        break;
    }
    seen.then_some((end, total + current))
}

/// The values [`find_numbers`] reads in `text`: the tests of this module and its parts.
#[cfg(test)]
fn values_in(text: &str) -> Vec<f64> {
    find_numbers(text).into_iter().map(|n| n.value).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(t: &str) -> Vec<f64> {
        values_in(t)
    }

    #[test]
    fn digits_and_separators() {
        assert_eq!(values("1,234,567 and 1,674,200.5"), [1234567.0, 1674200.5]);
        assert_eq!(values("China's population is 1 414 021 100."), [1414021100.0]);
        assert_eq!(values(".08 and 9.2321312"), [0.08, 9.2321312]);
        assert_eq!(values("192.168.1.2"), [192.0, 168.0, 1.0, 2.0]);
        assert_eq!(values("22,24,26"), [22.0, 24.0, 26.0]);
        // Indian grouping: lakh and crore.
        assert_eq!(values("Rs 12,34,567.89 and 1,00,00,000"), [1234567.89, 10000000.0]);
        assert_eq!(values("12,34"), [12.34], "two-digit groups need a final three; alone, a decimal comma");
        assert_eq!(values("pages 1,3 and 5"), [1.0, 3.0, 5.0]);
        assert_eq!(values("in 2019,20 firms"), [2019.0, 20.0]);
        // Continental grouping: dots for thousands, a comma for decimals.
        assert_eq!(values("1.111,11 and 12.345.678,9"), [1111.11, 12345678.9]);
        // Typographic grouping with narrow spaces keeps its decimals.
        assert_eq!(values("1\u{202f}234\u{202f}567.89"), [1234567.89]);
    }

    #[test]
    fn scales() {
        assert_eq!(values("$1.5 billion"), [1.5e9]);
        assert_eq!(values("$19,863 billion"), [19.863e9]);
        assert_eq!(values("3,45 billion"), [3.45e9]);
        assert_eq!(values("12,8 million"), [12.8e6]);
        assert_eq!(values("one and a half billion"), [1.5e9]);
        assert_eq!(values("two billion and 300 million"), [2.3e9]);
        assert_eq!(values("articles 1,2,3"), [1.0, 2.0, 3.0]);
        assert_eq!(values("1,500 million"), [1.5e9]);
        assert_eq!(values("USD 2.5 bln"), [2.5e9]);
        assert_eq!(values("€3bn"), [3e9]);
        assert_eq!(values("7 bln 500 mln"), [7.5e9]);
        assert_eq!(values("Rs. 1,800 crore"), [1.8e10]);
        assert_eq!(values("either 10 bln or 10 tln"), [1e10, 1e13]);
        assert_eq!(values("5 m away"), [5.0], "a detached 'm' is not a million");
    }

    #[test]
    fn words() {
        assert_eq!(values("nine visits"), [9.0]);
        assert_eq!(values("twenty-one trillion"), [21e12]);
        assert_eq!(values("two hundred thousand"), [200000.0]);
        assert_eq!(values("two  thousand  and  two hundred"), [2200.0]);
        // A share, since fractions are read (fraction.rs); as a time ("in a quarter") the time
        // recognizer claims it first in the amount finder.
        assert_eq!(values("a quarter of exports"), [0.25]);
        assert_eq!(values("sixteen"), [16.0]);
    }
}

#[cfg(test)]
mod russian_tests {
    use super::find_numbers;

    #[test]
    fn russian_number_words_with_a_scale() {
        let values = |t: &str| find_numbers(t).iter().map(|n| n.value).collect::<Vec<_>>();
        assert_eq!(values("около десяти миллиардов"), [1e10]);
        assert_eq!(values("двадцать пять миллионов"), [25e6]);
        assert_eq!(values("почти два миллиарда"), [2e9]);
    }
}
