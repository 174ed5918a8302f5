//! Calendar dates: a small proleptic-Gregorian `Date`, month and weekday names, and a parser
//! for the absolute date forms news text uses ("25 December 2017", "May 23, 2024",
//! "Nov. 5, 2023", "2024-05-23", "23.05.2024").

use std::fmt;

/// A calendar day (proleptic Gregorian). Always valid: constructed only through [`Date::new`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, or `None` when the month or day is out of range for that year.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// This date moved by `n` days.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// Day of the week, 0 = Monday ... 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        ((self.to_days() + 3).rem_euclid(7)) as u8
    }

    /// Parses `YYYY-MM-DD` exactly.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::new(s[..4].parse().ok()?, s[5..7].parse().ok()?, s[8..].parse().ok()?)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Whether `year` is a leap year.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month (0 for an invalid month).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Every spelling [`month_from_name`] accepts, lower-case and without a period.
pub(crate) fn month_spellings() -> impl Iterator<Item = &'static str> {
    MONTHS.iter().flat_map(|m| [*m, &m[..3]]).chain(["sept"])
}

/// Every spelling [`weekday_from_name`] accepts, lower-case and without a period.
pub(crate) fn weekday_spellings() -> impl Iterator<Item = &'static str> {
    WEEKDAYS.iter().flat_map(|d| [*d, &d[..3], &d[..4]])
}

/// The month a word names, case-insensitively: full names, three-letter abbreviations and
/// "Sept"; a trailing period is allowed ("Nov."). `May` counts; other words do not.
pub fn month_from_name(word: &str) -> Option<u8> {
    let mut buf = [0u8; 9];
    // Checked on every word that may start a time: a match on the bytes, no loop over names.
    Some(match lower_ascii_word(word, &mut buf)? {
        b"january" | b"jan" => 1,
        b"february" | b"feb" => 2,
        b"march" | b"mar" => 3,
        b"april" | b"apr" => 4,
        b"may" => 5,
        b"june" | b"jun" => 6,
        b"july" | b"jul" => 7,
        b"august" | b"aug" => 8,
        b"september" | b"sep" | b"sept" => 9,
        b"october" | b"oct" => 10,
        b"november" | b"nov" => 11,
        b"december" | b"dec" => 12,
        _ => return None,
    })
}

/// `word` lower-cased into `buf` without a trailing period, when it is 3-9 ASCII letters
/// (the lengths of month and weekday names and their abbreviations).
fn lower_ascii_word<'b>(word: &str, buf: &'b mut [u8; 9]) -> Option<&'b [u8]> {
    let w = word.strip_suffix('.').unwrap_or(word).as_bytes();
    if w.len() < 3 || w.len() > 9 {
        return None;
    }
    for (o, b) in buf.iter_mut().zip(w) {
        if !b.is_ascii_alphabetic() {
            return None;
        }
        *o = b.to_ascii_lowercase();
    }
    Some(&buf[..w.len()])
}

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// The weekday a word names (0 = Monday), case-insensitively, full names or "Mon"/"Tue(s)"/...
pub fn weekday_from_name(word: &str) -> Option<u8> {
    let mut buf = [0u8; 9];
    // The full name, or its first three or four letters.
    Some(match lower_ascii_word(word, &mut buf)? {
        b"monday" | b"mon" | b"mond" => 0,
        b"tuesday" | b"tue" | b"tues" => 1,
        b"wednesday" | b"wed" | b"wedn" => 2,
        b"thursday" | b"thu" | b"thur" => 3,
        b"friday" | b"fri" | b"frid" => 4,
        b"saturday" | b"sat" | b"satu" => 5,
        b"sunday" | b"sun" | b"sund" => 6,
        _ => return None,
    })
}

/// A full date found at the start of a string: the date and how many bytes it took.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateMatch {
    /// The date.
    pub date: Date,
    /// Bytes consumed from the start of the input.
    pub len: usize,
}

/// Parses a full (day-precision) absolute date at the very start of `s`:
/// `2024-05-23`, `23.05.2024`, `23/05/2024`, `25 December 2017`, `25 Dec. 2017`,
/// `December 25, 2017`, `Dec. 25 2017`, `25th of December, 2017`. Case-insensitive month names.
pub fn parse_date_prefix(s: &str) -> Option<DateMatch> {
    let b = s.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    // Numeric forms.
    let n1 = digits(0);
    // ISO order, also with the zeros left out ("2012-4-15 21:12 | news.example").
    if n1 == 4 && b.get(4) == Some(&b'-') {
        let n2 = digits(5);
        let n3 = if (1..=2).contains(&n2) && b.get(5 + n2) == Some(&b'-') { digits(6 + n2) } else { 0 };
        if !(1..=2).contains(&n3) {
            return None;
        }
        let end = 6 + n2 + n3;
        let (year, month, day) = (s[..4].parse().ok()?, s[5..5 + n2].parse().ok()?, s[6 + n2..end].parse().ok()?);
        let date = Date::new(year, month, day)?;
        let timestamp = b.get(end) == Some(&b'T') && b.get(end + 1).is_some_and(|c| c.is_ascii_digit());
        return (boundary_after(b, end) || timestamp).then_some(DateMatch { date, len: end });
    }
    if (1..=2).contains(&n1) {
        let sep = *b.get(n1)?;
        if sep == b'.' || sep == b'/' {
            let n2 = digits(n1 + 1);
            if (1..=2).contains(&n2) && b.get(n1 + 1 + n2) == Some(&sep) && digits(n1 + 2 + n2) == 4 {
                let end = n1 + 2 + n2 + 4;
                let day: u8 = s[..n1].parse().ok()?;
                let month: u8 = s[n1 + 1..n1 + 1 + n2].parse().ok()?;
                let year: i32 = s[n1 + 2 + n2..end].parse().ok()?;
                if boundary_after(b, end) {
                    return Date::new(year, month, day).map(|date| DateMatch { date, len: end });
                }
            }
            return None;
        }
        // "25 December 2017", "25th of December, 2017"
        let day: u8 = s[..n1].parse().ok()?;
        let mut i = n1;
        i += ordinal_suffix(&s[i..]);
        i += spaces(&s[i..]);
        if s[i..].get(..3).is_some_and(|p| p.eq_ignore_ascii_case("of ")) {
            i += 3;
        }
        let (month, wl) = month_word(&s[i..])?;
        i += wl;
        if b.get(i) == Some(&b',') {
            i += 1;
        }
        let sp = spaces(&s[i..]);
        if sp == 0 {
            return None;
        }
        i += sp;
        if digits(i) != 4 || !boundary_after(b, i + 4) {
            return None;
        }
        let year: i32 = s[i..i + 4].parse().ok()?;
        return Date::new(year, month, day).map(|date| DateMatch { date, len: i + 4 });
    }
    // "December 25, 2017"
    let (month, wl) = month_word(s)?;
    let mut i = wl;
    let sp = spaces(&s[i..]);
    if sp == 0 {
        return None;
    }
    i += sp;
    let nd = digits(i);
    if !(1..=2).contains(&nd) {
        return None;
    }
    let day: u8 = s[i..i + nd].parse().ok()?;
    i += nd;
    i += ordinal_suffix(&s[i..]);
    if b.get(i) == Some(&b',') {
        i += 1;
    }
    let sp = spaces(&s[i..]);
    if sp == 0 || digits(i + sp) != 4 || !boundary_after(b, i + sp + 4) {
        return None;
    }
    i += sp;
    let year: i32 = s[i..i + 4].parse().ok()?;
    Date::new(year, month, day).map(|date| DateMatch { date, len: i + 4 })
}

/// Finds the first full absolute date anywhere in `s` that starts at a word boundary:
/// its byte offset and match.
pub fn find_date(s: &str) -> Option<(usize, DateMatch)> {
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if (c.is_ascii_digit() || c.is_ascii_alphabetic()) && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            if let Some(m) = parse_date_prefix(&s[i..]) {
                return Some((i, m));
            }
        }
    }
    None
}

fn boundary_after(b: &[u8], i: usize) -> bool {
    b.get(i).is_none_or(|c| !c.is_ascii_alphanumeric())
}

fn spaces(s: &str) -> usize {
    s.bytes().take_while(|&c| c == b' ' || c == b'\t').count()
}

fn ordinal_suffix(s: &str) -> usize {
    let b = s.as_bytes();
    if b.len() >= 2 {
        let two = [b[0].to_ascii_lowercase(), b[1].to_ascii_lowercase()];
        if matches!(&two, b"st" | b"nd" | b"rd" | b"th") && boundary_after(b, 2) {
            return 2;
        }
    }
    0
}

/// A month name at the start of `s`: the month and the bytes of the word (with its period).
fn month_word(s: &str) -> Option<(u8, usize)> {
    let n = s.bytes().take_while(|c| c.is_ascii_alphabetic()).count();
    let with_dot = n + usize::from(s.as_bytes().get(n) == Some(&b'.'));
    month_from_name(&s[..with_dot]).map(|m| (m, with_dot))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        parse_date_prefix(s).map(|m| m.date.to_string())
    }

    #[test]
    fn civil_days_round_trip() {
        for days in [-800_000_i64, -1, 0, 1, 19_000, 20_000, 2_000_000] {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        assert_eq!(Date::new(2024, 5, 23).unwrap().to_days(), 19_866);
        assert_eq!(Date::new(2022, 1, 26).unwrap().weekday(), 2, "a Wednesday");
        assert_eq!(Date::new(2024, 3, 1).unwrap().add_days(-1).to_string(), "2024-02-29");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2023, 13, 1).is_none());
        assert!(Date::parse_iso("2023-02-30").is_none());
    }

    #[test]
    fn parses_the_news_forms() {
        assert_eq!(d("25 December 2017 ...").as_deref(), Some("2017-12-25"));
        assert_eq!(d("25 JANUARY 2022").as_deref(), Some("2022-01-25"));
        assert_eq!(d("May 23, 2024").as_deref(), Some("2024-05-23"));
        assert_eq!(d("Nov. 5, 2023").as_deref(), Some("2023-11-05"));
        assert_eq!(d("Sept. 9 2017").as_deref(), Some("2017-09-09"));
        assert_eq!(d("2024-05-23T10:00").as_deref(), Some("2024-05-23"));
        assert_eq!(d("23.05.2024").as_deref(), Some("2024-05-23"));
        assert_eq!(d("1st of March, 2020").as_deref(), Some("2020-03-01"));
        assert_eq!(d("May 23").as_deref(), None);
        assert_eq!(d("May 2024").as_deref(), None);
        assert_eq!(d("2024-05-231").as_deref(), None);
        assert_eq!(d("Mayor 23, 2024").as_deref(), None);
        assert_eq!(d("20 é").as_deref(), None, "a multi-byte character after the day");
    }

    #[test]
    fn finds_a_date_inside_text() {
        let (at, m) = find_date("Published: 25 December 2017\n").unwrap();
        assert_eq!(at, 11);
        assert_eq!(m.date.to_string(), "2017-12-25");
        assert!(find_date("in 2014 and 2015").is_none());
    }

    #[test]
    fn month_and_weekday_names() {
        assert_eq!(month_from_name("Sept."), Some(9));
        assert_eq!(month_from_name("MAY"), Some(5));
        assert_eq!(month_from_name("Mayor"), None);
        assert_eq!(weekday_from_name("Tuesday"), Some(1));
        assert_eq!(weekday_from_name("Tues"), Some(1));
    }

    #[test]
    fn the_spellings_listed_are_the_ones_accepted() {
        assert!(month_spellings().all(|w| month_from_name(w).is_some()));
        assert_eq!(month_spellings().filter(|w| month_from_name(w) == Some(9)).count(), 3);
        assert!(weekday_spellings().all(|w| weekday_from_name(w).is_some()));
        assert_eq!(weekday_spellings().filter(|w| weekday_from_name(w) == Some(3)).count(), 3);
    }
}
