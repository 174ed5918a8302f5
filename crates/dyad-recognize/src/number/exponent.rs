//! Numbers with an exponent: scientific notation ("1.3e6", "12.32e+14", "-12e-1"), a power of
//! ten written out ("1.3x10^6", "6.23x10^-4") and a power ("1.1^23", "2.5^-1").
//!
//! Why: statistics tables and technical reports quoted in the news write large and small
//! quantities this way; reading "1.3e6" as 1.3 and 6 gives two wrong numbers.
//!
//! Only glued forms count (no space inside): "the e 10 road" is not a number.

use crate::token::{Tok, TokKind};

/// A signed integer glued at token `k`: "6", "-4", "+14", "--23" (each minus turns the sign,
/// so a doubled one is a plus). Returns (end, value).
fn glued_integer(toks: &[Tok<'_>], mut k: usize) -> Option<(usize, i32)> {
    let mut negative = false;
    while let Some(t) = toks.get(k).filter(|t| !t.space_before && (t.is_punct('-') || t.is_punct('+'))) {
        negative ^= t.is_punct('-');
        k += 1;
    }
    let t = toks.get(k).filter(|t| t.kind == TokKind::Num && !t.space_before && !t.ordinal && t.digits() <= 3)?;
    let v = t.value as i32;
    Some((k + 1, if negative { -v } else { v }))
}

/// `value` times ten to `exp`, rounded once as the written number would be ("6.23e-4" is the
/// double nearest 0.000623, which 6.23 * 10^-4 computed in two steps is not).
fn times_ten_to(value: f64, exp: i32) -> f64 {
    format!("{value}e{exp}").parse().unwrap_or(value * 10f64.powi(exp))
}

/// The exponent glued after the digits ending before token `end`: the new end and the value.
pub(super) fn exponent_after(toks: &[Tok<'_>], end: usize, value: f64) -> Option<(usize, f64)> {
    let t = toks.get(end).filter(|t| !t.space_before)?;
    // "1.3e6", "12.32e+14"
    if t.kind == TokKind::Word && t.norm == "e" {
        let (e, exp) = glued_integer(toks, end + 1)?;
        return Some((e, times_ten_to(value, exp)));
    }
    // "1.3x10^6"
    if t.kind == TokKind::Word && t.norm == "x" {
        let ten = toks.get(end + 1).is_some_and(|n| n.norm == "10" && !n.space_before);
        let caret = toks.get(end + 2).is_some_and(|c| c.is_punct('^') && !c.space_before);
        if !(ten && caret) {
            return None;
        }
        let (e, exp) = glued_integer(toks, end + 3)?;
        return Some((e, times_ten_to(value, exp)));
    }
    // "1.1^23"
    if t.is_punct('^') {
        let (e, exp) = glued_integer(toks, end + 1)?;
        return Some((e, value.powi(exp)));
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::number::values_in as values;

    #[test]
    fn exponents() {
        assert_eq!(values("1.3e6"), [1.3e6]);
        assert_eq!(values("12.32e+14"), [1.232e15]);
        assert_eq!(values("6.23x10^-4"), [6.23e-4]);
        assert_eq!(values("2.5^-1"), [0.4]);
        assert_eq!(values("2^--3"), [8.0], "two minus signs cancel");
        // Apart, they are separate words and numbers.
        assert_eq!(values("route 1 e 10"), [1.0, 10.0]);
    }
}
