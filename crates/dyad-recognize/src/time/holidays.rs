//! Holidays ("Christmas 2018", "on Nowruz", "International Workers' Day", "Easter 2018", "last
//! Easter", "Black Friday 2010"): the day they fall on, in the year written after them, the
//! one "last", "next" or "this" before them names, or else the year the tense gives (as "on 25
//! December" would).
//!
//! Why: news dates visits and signings by holidays ("the leaders met on the eve of Nowruz").
//! The names are data (`data/holidays.tsv`, embedded at build time), with their sources: fixed
//! days, days counted from Easter (the Gregorian computus), and the n-th weekday of a month
//! (US Thanksgiving, the fourth Thursday of November).

use std::sync::OnceLock;

use super::{Cx, Hit, Rel, Spec, TimeKind};
use crate::date::{days_in_month, Date};
use crate::token::tokenize;

/// When a holiday falls in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rule {
    /// The same month and day every year.
    Fixed(u8, u8),
    /// Days after (before, when negative) Western Easter Sunday.
    Easter(i64),
    /// The n-th weekday (0 = Monday) of a month, counted from the end when n < 0, then days
    /// after it ("Black Friday" is the day after the fourth Thursday of November).
    NthWeekday { month: u8, weekday: u8, n: i8, plus: i64 },
}

impl Rule {
    /// The holiday's day in `year`.
    pub(super) fn day_in(self, year: i32) -> Option<Date> {
        match self {
            Rule::Fixed(m, d) => Date::new(year, m, d),
            Rule::Easter(off) => Some(easter(year)?.add_days(off)),
            Rule::NthWeekday { month, weekday, n, plus } => {
                let day = if n > 0 {
                    let first = Date::new(year, month, 1)?;
                    let ahead = (i64::from(weekday) - i64::from(first.weekday())).rem_euclid(7);
                    first.add_days(ahead + 7 * (i64::from(n) - 1))
                } else {
                    let last = Date::new(year, month, days_in_month(year, month))?;
                    let back = (i64::from(last.weekday()) - i64::from(weekday)).rem_euclid(7);
                    last.add_days(-back - 7 * (-i64::from(n) - 1))
                };
                Some(day.add_days(plus))
            }
        }
    }
}

/// Western Easter Sunday of `year` (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).
fn easter(year: i32) -> Option<Date> {
    let (a, b, c) = (year % 19, year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let g = (8 * b + 13) / 25;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 19 * l) / 433;
    let month = (h + l - 7 * m + 90) / 25;
    let day = (h + l - 7 * m + 33 * month + 19) % 32;
    Date::new(year, month as u8, day as u8)
}

/// One holiday: the lower-case words of one of its names, and when it falls.
struct Holiday {
    words: Vec<String>,
    rule: Rule,
}

/// A `data/holidays.tsv` line's first two columns as a rule: "12 25", "easter 1", "11 thu4+1".
fn rule(month: &str, day: &str) -> Option<Rule> {
    if month == "easter" {
        return day.parse().ok().map(Rule::Easter);
    }
    let month: u8 = month.parse().ok()?;
    if let Ok(d) = day.parse() {
        return Some(Rule::Fixed(month, d));
    }
    let (nth, plus) = match day.split_once('+') {
        Some((nth, plus)) => (nth, plus.parse().ok()?),
        None => (day, 0),
    };
    let weekday = crate::date::weekday_from_name(nth.get(..3)?)?;
    Some(Rule::NthWeekday { month, weekday, n: nth.get(3..)?.parse().ok()?, plus })
}

/// The holidays of `data/holidays.tsv`, longest names first (so "christmas eve" wins over
/// "christmas").
fn holidays() -> &'static [Holiday] {
    static LIST: OnceLock<Vec<Holiday>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut out = Vec::new();
        for line in include_str!("../../data/holidays.tsv").lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let cols: Vec<&str> = line.split('\t').collect();
            let rule = rule(cols[0], cols[1]).unwrap_or_else(|| panic!("holidays.tsv: no rule in {line:?}"));
            for name in cols[2].split('|') {
                let words = tokenize(name).iter().map(|t| t.norm.replace('’', "'")).collect();
                out.push(Holiday { words, rule });
            }
        }
        out.sort_by_key(|h| std::cmp::Reverse(h.words.len()));
        out
    })
}

/// Whether a holiday's name may start with the word (checked before anything else is tried).
/// Asked of every word: a mask of the (length, first letter) pairs of the first words turns
/// almost all away before the set is hashed.
pub(super) fn may_start(w: &str) -> bool {
    type First = (crate::fasthash::FastSet<&'static str>, [u32; 16]);
    static FIRST: OnceLock<First> = OnceLock::new();
    let key = |w: &str| {
        let b = *w.as_bytes().first()?;
        (b.is_ascii_lowercase() && w.len() < 16).then(|| (w.len(), 1u32 << (b - b'a')))
    };
    let (set, mask) = FIRST.get_or_init(|| {
        let set: crate::fasthash::FastSet<&'static str> = holidays().iter().map(|h| h.words[0].as_str()).collect();
        let mut mask = [0u32; 16];
        for w in &set {
            let (len, bit) = key(w).expect("holiday names start with a lower-case ASCII letter");
            mask[len] |= bit;
        }
        (set, mask)
    });
    key(w).is_some_and(|(len, bit)| mask[len] & bit != 0) && set.contains(w)
}

impl Cx<'_> {
    /// A holiday's name at token `i` (its rule and the token after it).
    pub(super) fn holiday_name(&self, i: usize) -> Option<(Rule, usize)> {
        // Asked at every word that may start a time: compared in place, without copies.
        let same = |t: &crate::token::Tok<'_>, w: &str| t.norm == w || (w == "'" && t.norm == "’");
        let h = holidays()
            .iter()
            .find(|h| h.words.iter().enumerate().all(|(n, w)| self.t(i + n).is_some_and(|t| same(t, w))))?;
        Some((h.rule, i + h.words.len()))
    }

    /// A holiday's name at token `i`, with the year written after it if any, or "last",
    /// "next", "this" before it ("last Easter").
    pub(super) fn holiday(&self, i: usize) -> Option<Hit> {
        let rel = self.rel_word(i).filter(|_| self.t(i + 1).is_some_and(|t| may_start(&t.norm)));
        let at = if rel.is_some() { i + 1 } else { i };
        let (rule, end) = self.holiday_name(at)?;
        if let Some(y) = self.year_num(end) {
            return Some((end + 1, Spec::Abs(rule.day_in(y)?.into()), TimeKind::Absolute, None));
        }
        Some((end, Spec::Holiday(rule, rel.unwrap_or(Rel::ByTense)), TimeKind::Relative, None))
    }
}

#[cfg(test)]
mod tests {
    use super::{easter, Rule};
    use crate::time::find_times;
    use crate::Date;

    fn found(text: &str) -> Vec<(String, String)> {
        find_times(text, Date::new(2024, 5, 23))
            .iter()
            .map(|t| (text[t.start..t.end].to_string(), t.iso().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn fixed_holidays_give_their_day() {
        assert_eq!(
            found("The leaders met on the eve of Christmas 2023."),
            [("Christmas 2023".into(), "2023-12-25".into())]
        );
        assert_eq!(found("They will meet on Christmas Eve."), [("Christmas Eve".into(), "2024-12-24".into())]);
        assert_eq!(
            found("Parades marked International Workers’ Day."),
            [("International Workers’ Day".into(), "2024-05-01".into())]
        );
        assert_eq!(found("Nowruz 2022 was celebrated in Almaty."), [("Nowruz 2022".into(), "2022-03-21".into())]);
    }

    #[test]
    fn moving_holidays_follow_their_rule() {
        // Easter Sunday by the computus, checked against published dates.
        for (y, m, d) in [(2016, 3, 27), (2018, 4, 1), (2019, 4, 21), (2024, 3, 31), (2038, 4, 25)] {
            assert_eq!(easter(y), Date::new(y, m, d), "{y}");
        }
        let thanksgiving = Rule::NthWeekday { month: 11, weekday: 3, n: 4, plus: 0 };
        assert_eq!(thanksgiving.day_in(2023), Date::new(2023, 11, 23));
        let memorial = Rule::NthWeekday { month: 5, weekday: 0, n: -1, plus: 0 };
        assert_eq!(memorial.day_in(2024), Date::new(2024, 5, 27));
        assert_eq!(found("It reopened at Easter 2018."), [("Easter 2018".into(), "2018-04-01".into())]);
        assert_eq!(found("Sales peaked on Black Friday 2010."), [("Black Friday 2010".into(), "2010-11-26".into())]);
        // "last Easter" is the latest before the reference (2024-05-23), "next Easter" the first after.
        assert_eq!(found("We met last Easter."), [("last Easter".into(), "2024-03-31".into())]);
        assert_eq!(found("We meet next Easter."), [("next Easter".into(), "2025-04-20".into())]);
    }

    #[test]
    fn every_holiday_name_is_found() {
        for h in super::holidays() {
            let text = format!("It was on {} 2020.", h.words.join(" "));
            assert!(!found(&text).is_empty(), "{text}");
        }
    }
}
