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

/// A fraction whose numerator `value` (a whole number written in words, ending before token
/// `end`) starts it: "two thirds", "one fifth". Returns the new end and value.
pub(super) fn after_numerator(toks: &[Tok<'_>], end: usize, value: f64, one_word: bool) -> Option<(usize, f64)> {
    let (d, plural, next) = denominator_at(toks, end)?;
    // "one third" and "two thirds"; "one thirds" and "two third" are not English.
    let singular_ok = one_word && value == 1.0 && stands_alone(toks, next);
    (plural && value > 1.0 || singular_ok).then_some((next, value / d))
}

/// "a half", "a third of", "an eighth": one share, where no noun follows.
pub(super) fn one_share(toks: &[Tok<'_>], i: usize) -> Option<(usize, f64)> {
    if !(toks.get(i)?.is("a") || toks[i].is("an")) {
        return None;
    }
    let (d, plural, next) = denominator_at(toks, i + 1)?;
    (!plural && stands_alone(toks, next)).then_some((next, 1.0 / d))
}

/// "and a half", "and one third", "and three quarters" after a whole number ending before
/// token `end`: the share to add and the new end.
pub(super) fn and_share(toks: &[Tok<'_>], end: usize) -> Option<(usize, f64)> {
    if !toks.get(end)?.is("and") {
        return None;
    }
    let numerator = toks.get(end + 1)?;
    let n = match numerator.norm.as_ref() {
        "a" | "an" | "one" => 1.0,
        w => super::small_number_word(w).filter(|n| (2..10).contains(n))? as f64,
    };
    let (d, plural, next) = denominator_at(toks, end + 2)?;
    (plural == (n > 1.0) && n < d).then_some((next, n / d))
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
}
