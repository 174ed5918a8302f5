//! Decimals spoken in words: "five point five", "two hundred point zero three", "nine point
//! nought four", "two hundred point seventy-one".
//!
//! Why: transcripts of speeches and interviews write numbers as they were said ("growth of
//! three point two percent"); reading only "three" is a value error.
//!
//! After "point", single digit words are the digits one by one ("zero three" is .03); one
//! larger number word is the digits it is written with ("seventy-one" is .71, "eleven" .11).

use crate::token::Tok;

/// A digit spoken alone (with the British "nought"/"naught" and "oh" for zero).
fn digit(w: &str) -> Option<u64> {
    match w {
        "zero" | "nought" | "naught" | "oh" => Some(0),
        _ => super::small_number_word(w).filter(|n| *n < 10),
    }
}

/// The whole number `value` (ending before token `end`) and the decimals after a "point":
/// the new end and value.
pub(super) fn decimals_after(toks: &[Tok<'_>], end: usize, value: f64) -> Option<(usize, f64)> {
    if !toks.get(end)?.is("point") || value.fract() != 0.0 {
        return None;
    }
    let mut digits = String::new();
    let mut k = end + 1;
    while let Some(d) = toks.get(k).and_then(|t| digit(&t.norm)) {
        digits.push(char::from(b'0' + d as u8));
        k += 1;
    }
    if digits.is_empty() {
        // "point seventy-one", "point eleven": one number word, read as its digits.
        let (e, n) = super::whole_words_at(toks, end + 1)?;
        if !(10.0..100.0).contains(&n) {
            return None;
        }
        digits = (n as u64).to_string();
        k = e;
    }
    let fraction: f64 = format!("0.{digits}").parse().ok()?;
    Some((k, value + fraction))
}

#[cfg(test)]
mod tests {
    use crate::number::values_in as values;

    #[test]
    fn spoken_decimals() {
        assert_eq!(values("growth of three point two percent"), [3.2]);
        assert_eq!(values("two hundred point zero three"), [200.03]);
        assert_eq!(values("nine point nought four"), [9.04]);
        assert_eq!(values("two hundred point seventy-one"), [200.71]);
        // "point" as a noun stays one.
        assert_eq!(values("one point of view"), [1.0]);
    }
}
