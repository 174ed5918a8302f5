//! Fractions in words: "two thirds", "three quarters", "one fifth", "a half", "a third of",
//! "five and a half", "ten and three quarters", "one-eighth".
//!
//! Why: news writes shares and sizes this way ("two-thirds of the turnover", "one and a half
//! times more"), and reading "two thirds" as 2 is a value error, the worst kind.
//!
//! An ordinal is not a fraction: "a third term" and "the fifth round" stay unread. "a"/"one"
//! with a singular denominator is a fraction only where no noun follows ("a third of the
//! trade", "grew by a half."), a plural denominator after a number always is.

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
        "hundredth" => (100.0, false),
        "hundredths" => (100.0, true),
        "thousandth" => (1000.0, false),
        "thousandths" => (1000.0, true),
        _ => return None,
    })
}

/// The denominator at token `k`, after an optional dash ("one-eighth", "five - eighths").
fn denominator_at(toks: &[Tok<'_>], k: usize) -> Option<(f64, bool, usize)> {
    let k = if toks.get(k).is_some_and(|t| t.is_punct('-')) { k + 1 } else { k };
    let t = toks.get(k).filter(|t| t.kind == TokKind::Word)?;
    denominator(&t.norm).map(|(d, plural)| (d, plural, k + 1))
}

/// Whether no noun follows token `k` (a singular fraction is then not an ordinal).
fn stands_alone(toks: &[Tok<'_>], k: usize) -> bool {
    toks.get(k).is_none_or(|t| t.kind != TokKind::Word || t.is("of") || t.is("and") || t.is("or"))
}

/// A fraction whose numerator starts the number: "two thirds", "one fifth", and the fraction
/// of the last group of a larger number: "one hundred and three quarters" (100.75), "six
/// million and two thirds" (six and two thirds million). `value` is the whole number read from
/// token `i` up to `end`. Returns the new end and value.
pub(super) fn with_denominator(toks: &[Tok<'_>], i: usize, end: usize, value: f64) -> Option<(usize, f64)> {
    let (d, plural, next) = denominator_at(toks, end)?;
    // A small numerator: "two thirds"; "one third" only where no noun follows.
    if value < 100.0 {
        let singular_ok = end == i + 1 && value == 1.0 && stands_alone(toks, next);
        return (plural && value > 1.0 || singular_ok).then_some((next, value / d));
    }
    // A larger number: the numerator is the group after its last "and".
    let j = (i + 1..end).rev().find(|&j| toks[j].is("and"))?;
    let (n_end, n) = super::whole_words_at(toks, j + 1)?;
    if n_end != end || n >= d || plural != (n > 1.0) {
        return None;
    }
    Some((next, value - n + n / d * scale_before(toks, j)))
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
    let numerator = toks.get(end + 1)?;
    let n = match numerator.norm.as_ref() {
        "a" | "an" | "one" => 1.0,
        w => super::small_number_word(w).filter(|n| (2..10).contains(n))? as f64,
    };
    let (d, plural, next) = denominator_at(toks, end + 2)?;
    (plural == (n > 1.0) && n < d).then(|| (next, value + n / d * scale_before(toks, end)))
}

/// "out of three", "over 20" after a number: the end of the ratio and its denominator. "over"
/// only ends the phrase ("1 over 20."), since "$2,000 over 3 years" is a span of time.
pub(super) fn ratio_after(toks: &[Tok<'_>], end: usize) -> Option<(usize, f64)> {
    let at = match toks.get(end)?.norm.as_ref() {
        "out" if toks.get(end + 1).is_some_and(|t| t.is("of")) => end + 2,
        "over" => end + 1,
        _ => return None,
    };
    // "grew 12 over 2018." compares with a year: a four-digit denominator is not one.
    if toks.get(at).is_some_and(|t| t.digits() == 4) {
        return None;
    }
    let (e, d, _) = super::number_at(toks, at).filter(|(_, d, _)| *d != 0.0)?;
    let ends_phrase = toks.get(e).is_none_or(|t| t.kind == TokKind::Punct);
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
        assert_eq!(values("up 12 over 2018."), [("12".into(), 12.0), ("2018".into(), 2018.0)]);
    }

    #[test]
    fn the_fraction_belongs_to_the_last_group() {
        assert_eq!(values("one hundred and three quarters"), [("one hundred and three quarters".into(), 100.75)]);
        assert_eq!(values("six million and two thirds"), [("six million and two thirds".into(), 6666666.667)]);
        assert_eq!(values("three million and a half"), [("three million and a half".into(), 3.5e6)]);
        assert_eq!(values("two thirds of a million"), [("two thirds of a million".into(), 666666.667)]);
        // A large numerator without "and" is not read as one: no value is better than a wrong one.
        assert_eq!(values("one hundred thirty fifths"), [("one hundred thirty".into(), 130.0)]);
    }
}
