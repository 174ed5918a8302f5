//! Numbers that look like dates inside longer codes: phone numbers ("+86 138-2010-2015"),
//! identifiers ("123-12-1234", "133-03-03-2020"), decimals ("0.8/15", "30/4.85").
//!
//! Why: a date read out of a phone number or a document code is a value error that no rule
//! downstream can see. A time whose first or last number is glued by "-", "/" or "." to
//! another number that no time claims is part of such a code, and is dropped.

use super::Found;
use crate::token::{Tok, TokKind};

/// Drops the times glued to numbers outside any time.
pub(super) fn drop_code_parts(toks: &[Tok<'_>], found: &mut Vec<Found>) {
    let claimed = |k: usize| found.iter().any(|f| f.first <= k && k < f.last);
    let glued_number = |sep: usize, num: usize| {
        toks.get(sep).is_some_and(|s| (s.is_punct('-') || s.is_punct('/') || s.is_punct('.')) && !s.space_before)
            && toks.get(num).is_some_and(|n| n.kind == TokKind::Num && !n.ordinal)
            && !claimed(num)
    };
    let code: Vec<bool> = found
        .iter()
        .map(|f| {
            let first_is_number = toks[f.first].kind == TokKind::Num;
            let last_is_number = toks[f.last - 1].kind == TokKind::Num;
            let before = first_is_number
                && f.first >= 2
                && !toks[f.first].space_before
                && glued_number(f.first - 1, f.first - 2)
                && !toks[f.first - 1].space_before;
            let after = last_is_number
                && toks.get(f.last + 1).is_some_and(|n| !n.space_before)
                && glued_number(f.last, f.last + 1);
            before || after
        })
        .collect();
    let mut k = 0;
    found.retain(|_| {
        k += 1;
        !code[k - 1]
    });
}

#[cfg(test)]
mod tests {
    use crate::time::find_times;
    use crate::Date;

    fn spans(text: &str) -> Vec<String> {
        find_times(text, Date::new(2024, 5, 23)).iter().map(|t| text[t.start..t.end].to_string()).collect()
    }

    #[test]
    fn codes_are_not_dates() {
        assert!(spans("Tel: +86 138-2010-2015").is_empty());
        assert!(spans("The ssn is 123-12-1234").is_empty());
        assert!(spans("a ratio of 30/4.85").is_empty());
        assert!(spans("2015-1-32 is not a date").is_empty());
    }

    #[test]
    fn dates_and_ranges_stay() {
        assert_eq!(spans("signed on 23.05.2024 in Astana"), ["23.05.2024"]);
        assert_eq!(spans("in 2010-2015 trade grew"), ["2010-2015"]);
        assert_eq!(spans("from 3.12.2020-5.12.2020"), ["from 3.12.2020-5.12.2020"]);
    }
}
