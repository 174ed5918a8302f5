//! Property tests for numbers, fractions and years written in words, decimal commas and ISO
//! week numbers: each value is rendered as news writes it and must be read back.

use dyad_recognize::number::find_numbers;
use dyad_recognize::time::{find_times, TimeValue};
use dyad_recognize::Date;
use proptest::prelude::*;

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/// 1..=99 in words, tens and units joined by a hyphen ("forty-two").
fn below_hundred(n: u64) -> String {
    match n {
        0..=19 => ONES[n as usize].to_string(),
        _ if n.is_multiple_of(10) => TENS[(n / 10) as usize].to_string(),
        _ => format!("{}-{}", TENS[(n / 10) as usize], ONES[(n % 10) as usize]),
    }
}

/// 1..=999 in words, British style with "and" ("three hundred and five").
fn below_thousand(n: u64) -> String {
    match (n / 100, n % 100) {
        (0, r) => below_hundred(r),
        (h, 0) => format!("{} hundred", ONES[h as usize]),
        (h, r) => format!("{} hundred and {}", ONES[h as usize], below_hundred(r)),
    }
}

/// 1..1e12 in words: "two billion three hundred and five million ...".
fn in_words(n: u64) -> String {
    let mut parts = Vec::new();
    for (scale, name) in [(1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand")] {
        if !(n / scale).is_multiple_of(1000) {
            parts.push(format!("{} {name}", below_thousand(n / scale % 1000)));
        }
    }
    if !n.is_multiple_of(1000) {
        parts.push(below_thousand(n % 1000));
    }
    parts.join(" ")
}

/// An ordinal denominator in the plural: "thirds", "quarters", "twentieths".
fn denominator(d: u64) -> &'static str {
    ["", "", "halves", "thirds", "quarters", "fifths", "sixths", "sevenths", "eighths", "ninths", "tenths"][d as usize]
}

/// A year in words as it is spoken: "nineteen ninety-six", "two thousand and fifteen",
/// "nineteen hundred", "nineteen oh five".
fn year_in_words(y: u64) -> String {
    let (c, r) = (y / 100, y % 100);
    match (c, r) {
        (20, 0) => "two thousand".to_string(),
        (20, r) if r < 10 => format!("two thousand and {}", ONES[r as usize]),
        (c, 0) => format!("{} hundred", below_hundred(c)),
        (c, r) if r < 10 => format!("{} oh {}", below_hundred(c), ONES[r as usize]),
        (c, r) => format!("{} {}", below_hundred(c), below_hundred(r)),
    }
}

proptest! {
    #[test]
    fn whole_numbers_in_words_read_back(n in 1u64..999_999_999_999) {
        let text = format!("They counted {} visitors.", in_words(n));
        let found = find_numbers(&text);
        prop_assert_eq!(found.len(), 1, "{}: {:?}", text, found);
        prop_assert_eq!(found[0].value, n as f64, "{}", text);
    }

    #[test]
    fn fractions_in_words_read_back((n, d) in (3u64..11).prop_flat_map(|d| (2..d, Just(d)))) {
        let text = format!("Exports fell by {} {} last year.", ONES[n as usize], denominator(d));
        let found = find_numbers(&text);
        prop_assert_eq!(found.len(), 1, "{}: {:?}", text, found);
        prop_assert!((found[0].value - n as f64 / d as f64).abs() < 1e-12, "{}", text);
    }

    #[test]
    fn decimal_commas_read_back(whole in 1u32..1000, tenths in 0u32..10, scale in 0usize..3) {
        let (word, factor) = [("million", 1e6), ("billion", 1e9), ("trillion", 1e12)][scale];
        let text = format!("Trade reached {whole},{tenths} {word} dollars.");
        let found = find_numbers(&text);
        prop_assert_eq!(found.len(), 1, "{}: {:?}", text, found);
        let want = (whole as f64 + tenths as f64 / 10.0) * factor;
        prop_assert!((found[0].value - want).abs() <= want * 1e-12, "{}: {}", text, found[0].value);
    }

    #[test]
    fn years_in_words_read_back(y in 1100u64..2100) {
        let text = format!("The treaty was signed in {}.", year_in_words(y));
        let found = find_times(&text, Date::new(2024, 5, 23));
        prop_assert_eq!(found.len(), 1, "{}: {:?}", text, found);
        prop_assert_eq!(found[0].iso(), Some(y.to_string()), "{}", text);
    }

    #[test]
    fn iso_weeks_start_on_a_monday_and_hold_january_4(y in 1990i32..2060, n in 1u8..53) {
        let text = format!("Exports fell in week {n} of {y}.");
        let found = find_times(&text, Date::new(2024, 5, 23));
        prop_assert_eq!(found.len(), 1, "{}: {:?}", text, found);
        let Some(TimeValue::Range(a, b)) = found[0].value else { panic!("{text}: {:?}", found[0]) };
        let (monday, sunday) = (a.first_day(), b.first_day());
        prop_assert_eq!(monday.weekday(), 0, "{}", text);
        prop_assert_eq!(sunday.to_days() - monday.to_days(), 6, "{}", text);
        // Week n starts 7(n-1) days after the Monday of the week that holds January 4.
        let jan4 = Date::new(y, 1, 4).unwrap();
        let week1 = jan4.add_days(-i64::from(jan4.weekday()));
        prop_assert_eq!(monday.to_days() - week1.to_days(), 7 * (i64::from(n) - 1), "{}", text);
    }
}
