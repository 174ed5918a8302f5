//! Fractions in words: "two thirds", "three quarters", "one fifth", "a half", "a third of",
//! "five and a half", "ten and three quarters", "one-eighth", "one twenty-fifth", "three
//! millionths", "ninety-five hundred fifths" (9500 / 5).
//!
//! Why: news writes shares and sizes this way ("two-thirds of the turnover", "one and a half
//! times more"), and reading "two thirds" as 2 is a value error, the worst kind.
//!
//! An ordinal is not a fraction: "a third term" and "the fifth round" stay unread. "a"/"one"
//! with a singular denominator is a fraction only where no noun follows ("a third of the
//! trade", "grew by a half."), a plural denominator after a number always is. A compound
//! ordinal ("twenty-fifth", "thirty fifths") takes the tens before it from the number: "one
//! hundred thirty fifths" is 100 / 35, while "one hundred and thirty fifths" is 130 / 5.

use crate::token::{Tok, TokKind};

/// The denominator a word names: singular and plural forms.
fn denominator(w: &str) -> Option<(f64, bool)> {
    Some(match w {
        "half" => (2.0, false),
        "halves" => (2.0, true),
        "third" => (3.0, false),
        "thirds" => (3.0, true),
        "quarter" | "fourth" => (4.0, false),
        "quarters" | "fourths" => (4.0, true),
        "fifth" => (5.0, false),
        "fifths" => (5.0, true),
        "sixth" => (6.0, false),
        "sixths" => (6.0, true),
        "seventh" => (7.0, false),
        "sevenths" => (7.0, true),
        "eighth" => (8.0, false),
        "eighths" => (8.0, true),
        "ninth" => (9.0, false),
        "ninths" => (9.0, true),
        "tenth" => (10.0, false),
        "tenths" => (10.0, true),
        "eleventh" => (11.0, false),
        "elevenths" => (11.0, true),
        "twelfth" => (12.0, false),
        "twelfths" => (12.0, true),
        "hundredth" => (100.0, false),
        "hundredths" => (100.0, true),
        "thousandth" => (1e3, false),
        "thousandths" => (1e3, true),
        "millionth" => (1e6, false),
        "millionths" => (1e6, true),
        "billionth" => (1e9, false),
        "billionths" => (1e9, true),
        "trillionth" => (1e12, false),
        "trillionths" => (1e12, true),
        _ => return teen_or_tens(w),
    })
}

/// "thirteenth" to "nineteenth", "twentieth" to "ninetieth", and their plurals.
fn teen_or_tens(w: &str) -> Option<(f64, bool)> {
    let (stem, plural) = match w.strip_suffix('s') {
        Some(s) => (s, true),
        None => (w, false),
    };
    let cardinal = match stem.strip_suffix("ieth") {
        Some(tens) => format!("{tens}y"),
        None => stem.strip_suffix("th").filter(|c| c.ends_with("teen"))?.to_string(),
    };
    let v = super::small_number_word(&cardinal).filter(|v| *v >= 13)?;
    Some((v as f64, plural))
}

/// The ordinal of a unit after tens: "first" (21st), "fifths" (35ths). "second" only after a
/// hyphen, since "twenty seconds" is a duration.
fn unit_ordinal(w: &str, hyphen: bool) -> Option<(f64, bool)> {
    match w {
        "first" => Some((1.0, false)),
        "firsts" => Some((1.0, true)),
        "second" if hyphen => Some((2.0, false)),
        "seconds" if hyphen => Some((2.0, true)),
        _ => denominator(w).filter(|(d, _)| (3.0..10.0).contains(d)),
    }
}

/// A compound ordinal at token `k`: "twenty-fifth", "thirty fifths", "twenty-firsts"
/// (denominator, plural, end).
fn compound_at(toks: &[Tok<'_>], k: usize) -> Option<(f64, bool, usize)> {
    let tens = toks.get(k).filter(|t| t.kind == TokKind::Word).and_then(|t| super::small_number_word(&t.norm))?;
    if !(20..100).contains(&tens) || tens % 10 != 0 {
        return None;
    }
    let hyphen = toks.get(k + 1).is_some_and(|t| t.is_punct('-'));
    let j = if hyphen { k + 2 } else { k + 1 };
    let (u, plural) = toks.get(j).filter(|t| t.kind == TokKind::Word).and_then(|t| unit_ordinal(&t.norm, hyphen))?;
    Some((tens as f64 + u, plural, j + 1))
}

/// The denominator at token `k`, after an optional dash ("one-eighth", "five - eighths").
fn denominator_at(toks: &[Tok<'_>], k: usize) -> Option<(f64, bool, usize)> {
    let k = if toks.get(k).is_some_and(|t| t.is_punct('-')) { k + 1 } else { k };
    if let Some(c) = compound_at(toks, k) {
        return Some(c);
    }
    let t = toks.get(k).filter(|t| t.kind == TokKind::Word)?;
    denominator(&t.norm).map(|(d, plural)| (d, plural, k + 1))
}

/// Whether no noun follows token `k` (a singular fraction is then not an ordinal; "a
/// third-party", "a twenty-first-century" are ordinals).
fn stands_alone(toks: &[Tok<'_>], k: usize) -> bool {
    toks.get(k).is_none_or(|t| {
        (t.kind != TokKind::Word || t.is("of") || t.is("and") || t.is("or")) && (t.space_before || !t.is_punct('-'))
    })
}

/// A fraction whose numerator starts the number: "two thirds", "one fifth", "one
/// twenty-fifth", and the fraction of the last group of a larger number: "one hundred and three
/// quarters" (100.75), "six million and two thirds" (six and two thirds million). `value` is the
/// whole number read from token `i` up to `end`. Returns the new end and value.
pub(super) fn with_denominator(toks: &[Tok<'_>], i: usize, end: usize, value: f64) -> Option<(usize, f64)> {
    // "one twenty-fifth", "one hundred thirty fifths": the last tens start the denominator.
    if end >= i + 2 && !toks[end - 2].is("and") {
        if let Some((d, plural, next)) = compound_at(toks, end - 1) {
            let (n_end, n) = super::whole_words_at(&toks[..end - 1], i)?;
            return (n_end == end - 1).then(|| share(toks, i, n_end, n, (d, plural, next))).flatten();
        }
    }
    share(toks, i, end, value, denominator_at(toks, end)?)
}

/// The numerator `value` (tokens `i..end`) over the denominator `(d, plural, next)`.
fn share(
    toks: &[Tok<'_>],
    i: usize,
    end: usize,
    value: f64,
    (d, plural, next): (f64, bool, usize),
) -> Option<(usize, f64)> {
    // A small numerator: "two thirds"; "one third" only where no noun follows.
    if value < 100.0 {
        let singular_ok = end == i + 1 && value == 1.0 && stands_alone(toks, next);
        return (plural && value > 1.0 || singular_ok).then_some((next, value / d));
    }
    // A larger number: the numerator may be the group after its last "and", a share of one.
    if let Some(j) = (i + 1..end).rev().find(|&j| toks[j].is("and")) {
        if let Some((n_end, n)) = super::whole_words_at(toks, j + 1) {
            if n_end == end && n < d && plural == (n > 1.0) {
                return Some((next, value - n + n / d * scale_before(toks, j)));
            }
        }
    }
    // Else the whole number over a plural: "ninety-five hundred fifths", "a hundred
    // trillionths". A singular ("the one hundred fifth session") is an ordinal.
    plural.then_some((next, value / d))
}

/// What a share after "and" counts in: the scale word just before it ("three million and a
/// half" is three and a half million), else ones ("one hundred and a half" is 100.5).
fn scale_before(toks: &[Tok<'_>], and_at: usize) -> f64 {
    and_at.checked_sub(1).and_then(|k| super::scale_word(&toks[k].norm)).filter(|s| *s >= 1e3).unwrap_or(1.0)
}

/// "two thirds of a million": a fraction of a scale (the new end and the multiplier).
pub(super) fn of_a_scale(toks: &[Tok<'_>], end: usize) -> Option<(usize, f64)> {
    if !toks.get(end)?.is("of") || !toks.get(end + 1).is_some_and(|t| t.is("a") || t.is("one")) {
        return None;
    }
    let s = toks.get(end + 2).and_then(|t| super::scale_word(&t.norm)).filter(|s| *s >= 1e3)?;
    Some((end + 3, s))
}

/// "half" alone, where a qualifier comes before it or "of" after it: "more than half",
/// "nearly half of the trade" (not "the second half of the year", not "half-year").
pub(super) fn bare_half(toks: &[Tok<'_>], i: usize) -> Option<(usize, f64)> {
    if !toks.get(i)?.is("half") {
        return None;
    }
    const BEFORE: &[&str] = &["than", "nearly", "almost", "about", "around", "roughly", "some", "over", "just", "by"];
    let qualified = i > 0 && BEFORE.contains(&toks[i - 1].norm.as_ref());
    let of_after = toks.get(i + 1).is_some_and(|t| t.is("of"))
        && !(i > 0 && ["the", "a", "first", "second", "last", "latter", "former"].contains(&toks[i - 1].norm.as_ref()));
    (qualified || of_after).then_some((i + 1, 0.5))
}

/// "a half", "a third of", "an eighth": one share, where no noun follows.
pub(super) fn one_share(toks: &[Tok<'_>], i: usize) -> Option<(usize, f64)> {
    if !(toks.get(i)?.is("a") || toks[i].is("an")) {
        return None;
    }
    let (d, plural, next) = denominator_at(toks, i + 1)?;
    (!plural && stands_alone(toks, next)).then_some((next, 1.0 / d))
}

/// "and a half", "and one third", "and three quarters" after a whole number read from token
/// `i` up to `end`: the new end and the value with its share ("five and a half", "three
/// million and a half").
pub(super) fn and_share(toks: &[Tok<'_>], end: usize, value: f64) -> Option<(usize, f64)> {
    if !toks.get(end)?.is("and") {
        return None;
    }
    // "and a half", "and fifty-four hundredths".
    let (n_end, n) = match toks.get(end + 1)?.norm.as_ref() {
        "a" | "an" => (end + 2, 1.0),
        _ => super::whole_words_at(toks, end + 1)?,
    };
    let (d, plural, next) = denominator_at(toks, n_end)?;
    // ("and a half" is always a share: "half" is no ordinal.)
    let alone = plural || d == 2.0 || stands_alone(toks, next);
    (plural == (n > 1.0) && n < d && alone).then(|| (next, value + n / d * scale_before(toks, end)))
}

/// "out of three", "over 20", "in twenty-one" after a number: the end of the ratio and its
/// denominator. "over" only ends the phrase ("1 over 20."), since "$2,000 over 3 years" is a
/// span of time; "in" only where a time unit does not follow ("one in five companies", not "2
/// in 3 days").
pub(super) fn ratio_after(toks: &[Tok<'_>], end: usize) -> Option<(usize, f64)> {
    let at = match toks.get(end)?.norm.as_ref() {
        "out" if toks.get(end + 1).is_some_and(|t| t.is("of")) => end + 2,
        "over" | "in" => end + 1,
        _ => return None,
    };
    // "grew 12 over 2018." compares with a year: a four-digit denominator is not one.
    if toks.get(at).is_some_and(|t| t.digits() == 4) {
        return None;
    }
    let (e, d, _) = super::number_at(toks, at).filter(|(_, d, _)| *d != 0.0)?;
    let ends_phrase = toks.get(e).is_none_or(|t| t.kind == TokKind::Punct);
    if toks[end].is("in") {
        const UNITS: &[&str] = &["second", "minute", "hour", "day", "week", "fortnight", "month", "quarter", "year"];
        let unit = toks.get(e).is_some_and(|t| UNITS.contains(&t.norm.trim_end_matches('s')));
        return (!unit).then_some((e, d));
    }
    (toks[end].is("out") || ends_phrase).then_some((e, d))
}

/// A fraction written as one character: "½", "¾", "⅔".
pub(super) fn vulgar(c: &str) -> Option<f64> {
    Some(match c {
        "½" => 0.5,
        "⅓" => 1.0 / 3.0,
        "⅔" => 2.0 / 3.0,
        "¼" => 0.25,
        "¾" => 0.75,
        "⅕" => 0.2,
        "⅖" => 0.4,
        "⅗" => 0.6,
        "⅘" => 0.8,
        "⅙" => 1.0 / 6.0,
        "⅚" => 5.0 / 6.0,
        "⅛" => 0.125,
        "⅜" => 0.375,
        "⅝" => 0.625,
        "⅞" => 0.875,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use crate::number::find_numbers;

    fn values(t: &str) -> Vec<(String, f64)> {
        find_numbers(t)
            .into_iter()
            .map(|n| (t[n.start..n.end].to_string(), (n.value * 1000.0).round() / 1000.0))
            .collect()
    }

    #[test]
    fn shares_in_words() {
        assert_eq!(values("two thirds of the turnover"), [("two thirds".into(), 0.667)]);
        assert_eq!(values("three quarters"), [("three quarters".into(), 0.75)]);
        assert_eq!(values("one fifth of exports"), [("one fifth".into(), 0.2)]);
        assert_eq!(values("a third of the trade"), [("a third".into(), 0.333)]);
        assert_eq!(values("one-eighth"), [("one-eighth".into(), 0.125)]);
        assert_eq!(values("five and a half"), [("five and a half".into(), 5.5)]);
        assert_eq!(values("ten and three quarters"), [("ten and three quarters".into(), 10.75)]);
    }

    #[test]
    fn ordinals_are_not_shares() {
        assert!(values("a third term in office").is_empty());
        assert!(values("the fifth round of talks").is_empty());
        assert_eq!(values("one third party"), [("one".into(), 1.0)]);
        // Scales keep their reading.
        assert_eq!(values("half a million"), [("half a million".into(), 500000.0)]);
        assert_eq!(values("one and a half billion"), [("one and a half billion".into(), 1.5e9)]);
    }

    #[test]
    fn ratios_and_single_characters() {
        assert_eq!(values("two out of five hundred sets"), [("two out of five hundred".into(), 0.004)]);
        assert_eq!(values("one over 20."), [("one over 20".into(), 0.05)]);
        // "over three years" is a span: the numbers stay apart.
        assert_eq!(values("2000 over 3 years"), [("2000".into(), 2000.0), ("3".into(), 3.0)]);
        assert_eq!(values("it rose by ¾"), [("¾".into(), 0.75)]);
        assert_eq!(values("one in five companies"), [("one in five".into(), 0.2)]);
        assert_eq!(values("more than half of exports"), [("half".into(), 0.5)]);
        assert!(values("in the second half of the year").is_empty());
        assert_eq!(values("2 in 3 days"), [("2".into(), 2.0), ("3".into(), 3.0)]);
        // More than the whole is two numbers: "12 out of 10".
        assert_eq!(values("12 out of 10"), [("12".into(), 12.0), ("10".into(), 10.0)]);
        assert_eq!(values("up 12 over 2018."), [("12".into(), 12.0), ("2018".into(), 2018.0)]);
    }

    #[test]
    fn the_fraction_belongs_to_the_last_group() {
        assert_eq!(values("one hundred and three quarters"), [("one hundred and three quarters".into(), 100.75)]);
        assert_eq!(values("six million and two thirds"), [("six million and two thirds".into(), 6666666.667)]);
        assert_eq!(values("three million and a half"), [("three million and a half".into(), 3.5e6)]);
        assert_eq!(values("two thirds of a million"), [("two thirds of a million".into(), 666666.667)]);
        // Without "and", a large numerator is the whole number over a plural.
        assert_eq!(values("one hundred thirty two fifths"), [("one hundred thirty two fifths".into(), 26.4)]);
        assert_eq!(values("ninety-five hundred fifths"), [("ninety-five hundred fifths".into(), 1900.0)]);
        // A singular after a large number is an ordinal.
        assert!(values("the one hundred fifth session").iter().all(|(_, v)| *v >= 100.0));
    }

    #[test]
    fn compound_ordinals_take_the_tens() {
        assert_eq!(values("one twenty-fifth"), [("one twenty-fifth".into(), 0.04)]);
        assert_eq!(values("three twenty firsts"), [("three twenty firsts".into(), 0.143)]);
        assert_eq!(values("twenty twenty fifths"), [("twenty twenty fifths".into(), 0.8)]);
        assert_eq!(values("one hundred thirty fifths"), [("one hundred thirty fifths".into(), 2.857)]);
        assert_eq!(values("one hundred and thirty fifths"), [("one hundred and thirty fifths".into(), 26.0)]);
        assert_eq!(values("a twenty-first"), [("a twenty-first".into(), 0.048)]);
        // An ordinal before a noun, and a duration, stay what they are.
        assert!(values("a twenty-first-century economy").iter().all(|(_, v)| *v >= 1.0));
        assert_eq!(values("one hundred twenty seconds"), [("one hundred twenty".into(), 120.0)]);
    }

    #[test]
    fn scale_ordinals_and_word_numerators() {
        assert_eq!(values("a trillionth"), [("a trillionth".into(), 0.0)]);
        assert_eq!(find_numbers("three millionths")[0].value, 3e-6);
        assert_eq!(find_numbers("a hundred thousand trillionths")[0].value, 1e-7);
        assert_eq!(values("two and fifty-four hundredths"), [("two and fifty-four hundredths".into(), 2.54)]);
        assert_eq!(values("thirty two and a thirtieth"), [("thirty two and a thirtieth".into(), 32.033)]);
    }
}
