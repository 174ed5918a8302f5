//! Property tests: a date rendered in every supported form, and an amount rendered with every
//! currency form, are found again with their value.

use dyad_recognize::amount::{find_amounts, Unit};
use dyad_recognize::time::{find_times, TimeValue};
use dyad_recognize::Date;
use proptest::prelude::*;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const SHORT: [&str; 12] =
    ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];

fn render(d: Date, form: usize) -> String {
    let (y, m, day) = (d.year(), d.month() as usize, d.day());
    let suffix = match day {
        1 | 21 | 31 => "st",
        2 | 22 => "nd",
        3 | 23 => "rd",
        _ => "th",
    };
    match form {
        0 => format!("{day} {} {y}", MONTHS[m - 1]),
        1 => format!("{} {day}, {y}", MONTHS[m - 1]),
        2 => format!("{} {day}, {y}", SHORT[m - 1]),
        3 => format!("{y}-{m:02}-{day:02}"),
        4 => format!("{day:02}.{m:02}.{y}"),
        5 => format!("{day}{suffix} of {} {y}", MONTHS[m - 1]),
        6 => format!("{} {day}{suffix}, {y}", MONTHS[m - 1]),
        _ => format!("{} {}, {y}", MONTHS[m - 1].to_uppercase(), day),
    }
}

proptest! {
    #[test]
    fn dates_in_every_form_parse_back(days in 0i64..40_000, form in 0usize..8) {
        let date = Date::from_days(days - 10_000); // 1942 .. 2051
        let text = format!("The agreement was signed on {} in Astana.", render(date, form));
        let found = find_times(&text, None);
        prop_assert_eq!(found.len(), 1, "{}: {:?}", text, found);
        prop_assert_eq!(found[0].value, Some(TimeValue::Point(date.into())), "{}", text);
    }

    #[test]
    fn amounts_with_every_currency_form_parse_back(units in 1u32..10_000, cents in 0u32..10, scale in 0usize..4, form in 0usize..12) {
        let number = if cents == 0 { units.to_string() } else { format!("{units}.{cents}") };
        let (scale_word, factor) = [("", 1.0), (" thousand", 1e3), (" million", 1e6), (" billion", 1e9)][scale];
        let n = format!("{number}{scale_word}");
        let (text, code) = match form {
            0 => (format!("${n}"), "USD"),
            1 => (format!("US${n}"), "USD"),
            2 => (format!("{n} USD"), "USD"),
            3 => (format!("USD {n}"), "USD"),
            4 => (format!("{n} US dollars"), "USD"),
            5 => (format!("€{n}"), "EUR"),
            6 => (format!("{n} euros"), "EUR"),
            7 => (format!("{n} tenge"), "KZT"),
            8 => (format!("{n} yuan"), "CNY"),
            9 => (format!("Rs {n}"), "INR"),
            10 => (format!("£{n}"), "GBP"),
            _ => (format!("{n} rubles"), "RUB"),
        };
        let sentence = format!("The deal was worth {text} last year.");
        let found = find_amounts(&sentence);
        prop_assert_eq!(found.len(), 1, "{}: {:?}", sentence, found);
        let want: f64 = number.parse::<f64>().unwrap() * factor;
        prop_assert!((found[0].value - want).abs() <= want * 1e-12, "{}: {}", sentence, found[0].value);
        prop_assert_eq!(&found[0].unit, &Unit::Currency(code.to_string()), "{}", sentence);
    }
}
