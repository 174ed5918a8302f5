//! Time expressions in news text, found with byte spans and resolved against a reference date
//! (the article's date) to the ISO forms of facts JSONL v1: `2023`, `2024-05`, `2024-05-23`,
//! and intervals `2021-01/2021-11`, `2008/2017`.
//!
//! Forms: absolute dates in words and numbers ("23 May 2024", "May 23, 2024", "23.05.2024",
//! "2024-05-23"), months and years ("May 2024", "2024"), decades ("the 1990s"), modified years
//! ("early 2023", "mid-2022"); relative expressions ("today", "yesterday", "on Tuesday",
//! "on May 23", "last year", "last May", "in February", "next year", "two years ago"); and
//! periods ("January-September of this year", "in 11 months of 2021", "the first half of 2023",
//! "Q1 2024", "2016-2017", "in 10 years", "over the past five years", "since 1992", "from 2019
//! to 2023"). Tense decides what a bare month or day means: "will visit in June" is the coming
//! June, "visited in June" the last one. A number that is not a date ("the 2030 Agenda",
//! "Vision 2050", "1,992 people") is not one.
//!
//! Conventions, where usage varies: "next Friday" is the first Friday after the reference date,
//! "last Wednesday" the latest one before it, "this Friday" the one of the reference's week
//! (weeks run Monday to Sunday, as ISO 8601 counts them), a bare weekday the nearest one the
//! tense points to. "Early", "mid" and "late" (or "the beginning", "the middle", "the end") of
//! a year are its thirds (January-April, May-August, September-December); of a month they keep
//! the month, and become days 1-15, 10-20 and 16 to the end only under a bound ("before the
//! end of March", see `bounds`). "Two months ago" is a month, "three years ago" a year: a
//! count of units is as precise as its unit. Weekends, working weeks and week numbers are in
//! `weeks`, holidays in `holidays`, years and days in words in `words`.
//!
//! ```
//! use dyad_recognize::{time::find_times, Date};
//! let found = find_times("Last year, trade reached $1.6 billion.", Date::new(2024, 5, 23));
//! assert_eq!(found[0].iso().as_deref(), Some("2023"));
//! ```

use crate::date::{days_in_month, month_from_name, weekday_from_name, Date};
use crate::number::small_number_word;
use crate::token::{tokenize, Tok, TokKind};

/// A calendar value at year, month or day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Partial {
    /// Year.
    pub year: i32,
    /// Month, when known.
    pub month: Option<u8>,
    /// Day, when known (only with a month).
    pub day: Option<u8>,
}

impl Partial {
    /// A year.
    pub fn year(year: i32) -> Partial {
        Partial { year, month: None, day: None }
    }

    /// A month.
    pub fn month(year: i32, month: u8) -> Partial {
        Partial { year, month: Some(month), day: None }
    }

    /// A day (None when invalid).
    pub fn day(year: i32, month: u8, day: u8) -> Option<Partial> {
        Date::new(year, month, day).map(Partial::from)
    }

    /// Whether the month and day exist in the year ("2019-02-29" does not).
    pub fn is_valid(&self) -> bool {
        match (self.month, self.day) {
            (Some(m), Some(d)) => Date::new(self.year, m, d).is_some(),
            (Some(m), None) => (1..=12).contains(&m),
            (None, Some(_)) => false,
            (None, None) => true,
        }
    }

    /// ISO form at its precision.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }

    /// The first day it covers.
    pub fn first_day(&self) -> Date {
        let month = self.month.unwrap_or(1).clamp(1, 12);
        let day = self.day.unwrap_or(1).clamp(1, days_in_month(self.year, month));
        Date::new(self.year, month, day).expect("clamped to a valid day")
    }

    /// The day after the last day it covers.
    pub fn end_exclusive(&self) -> Date {
        match (self.month, self.day) {
            (Some(_), Some(_)) => self.first_day().add_days(1),
            (Some(m), None) => self.first_day().add_days(i64::from(days_in_month(self.year, m))),
            _ => Date::new(self.year + 1, 1, 1).expect("valid"),
        }
    }
}

impl From<Date> for Partial {
    fn from(d: Date) -> Partial {
        Partial { year: d.year(), month: Some(d.month()), day: Some(d.day()) }
    }
}

/// A resolved time: a point at some precision, or an interval of two points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeValue {
    /// One year, month or day.
    Point(Partial),
    /// From the first to the second, both included.
    Range(Partial, Partial),
}

impl TimeValue {
    /// ISO form: `2023`, `2024-05-23`, `2021-01/2021-11`.
    pub fn iso(&self) -> String {
        match self {
            TimeValue::Point(p) => p.iso(),
            TimeValue::Range(a, b) => format!("{}/{}", a.iso(), b.iso()),
        }
    }

    /// The first and the last point.
    pub fn ends(&self) -> (Partial, Partial) {
        match *self {
            TimeValue::Point(p) => (p, p),
            TimeValue::Range(a, b) => (a, b),
        }
    }

    /// First day covered, and the day after the last.
    pub fn bounds(&self) -> (Date, Date) {
        let (a, b) = self.ends();
        (a.first_day(), b.end_exclusive())
    }
}

/// What kind of time expression it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeKind {
    /// A day, month, year or decade named absolutely ("23 May 2024", "2019").
    Absolute,
    /// Named relative to the reference date ("yesterday", "last year", "on Tuesday").
    Relative,
    /// A span of time ("January-September of this year", "since 1992").
    Period,
}

/// A time expression found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMatch {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Its kind.
    pub kind: TimeKind,
    /// The resolved value; `None` for a relative expression without a reference date.
    pub value: Option<TimeValue>,
    /// How the expression qualifies its value: "early", "mid", "late", "end" (a part of it);
    /// "since" (a period from it up to now); "from", "after", "before", "until" (an open-ended
    /// range, see [`TimeMatch::open_range`]).
    pub modifier: Option<&'static str>,
}

impl TimeMatch {
    /// The ISO form of the value.
    pub fn iso(&self) -> Option<String> {
        self.value.map(|v| v.iso())
    }
}

/// Ordinal words for days 1 to 31 (indexes 0 to 30 of the first nineteen and the tens).
const ORDINALS: [&str; 19] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];

/// Words that can start a time expression: every pattern that begins with a word begins with
/// one of these, so the others are passed over at once.
fn may_start(w: &str) -> bool {
    // The set, and a mask of the (length, first ASCII letter) pairs its words have, which turns
    // most words away without hashing them.
    type Starts = (crate::fasthash::FastSet<&'static str>, [u32; 16]);
    static SET: std::sync::OnceLock<Starts> = std::sync::OnceLock::new();
    fn key(w: &str) -> Option<(usize, u32)> {
        let first = *w.as_bytes().first()?;
        (first.is_ascii_lowercase() && w.len() < 16).then(|| (w.len(), 1u32 << (first - b'a')))
    }
    let (set, mask) = SET.get_or_init(|| {
        let numbers = [
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
            "twenty",
            "thirty",
            "forty",
            "fifty",
            "sixty",
            "seventy",
            "eighty",
            "ninety",
            "nought",
            "naught",
            "nil",
        ];
        let mut set: crate::fasthash::FastSet<&'static str> = may_start_leads().iter().copied().collect();
        set.extend(crate::date::month_spellings());
        set.extend(crate::date::weekday_spellings());
        set.extend(numbers);
        set.extend(ORDINALS);
        set.extend(DECADE_WORDS);
        let mut mask = [0u32; 16];
        for w in &set {
            match key(w) {
                Some((len, bit)) => mask[len] |= bit,
                None => mask = [u32::MAX; 16],
            }
        }
        (set, mask)
    });
    match key(w) {
        Some((len, bit)) if mask[len] & bit == 0 => false,
        _ => set.contains(w),
    }
}

fn may_start_leads() -> &'static [&'static str] {
    const LEADS: &[&str] = &[
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "the",
        "last",
        "past",
        "previous",
        "this",
        "current",
        "next",
        "coming",
        "following",
        "upcoming",
        "on",
        "since",
        "early",
        "late",
        "mid",
        "in",
        "over",
        "during",
        "for",
        "within",
        "q",
        "h",
        "fy",
        "fiscal",
        "twenty",
        "thirty",
        "from",
        "between",
        "earlier",
        "later",
        "year",
        "end",
        "beginning",
        "start",
        "middle",
        "week",
        "w",
        "weekend",
        "workweek",
    ];
    LEADS
}

/// Words that start a time expression only as the lead of the words after them.
const LEADS_ONLY: &[&str] = &["the", "on", "in", "over", "during", "for", "within", "from", "between", "since"];

/// "the twenties" .. "the nineties": decades of the 1900s.
const DECADE_WORDS: [&str; 8] =
    ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"];

/// Words before an expression that put it in the future.
const FUTURE: &[&str] = &[
    "will",
    "shall",
    "would",
    "expected",
    "scheduled",
    "plans",
    "plan",
    "planned",
    "planning",
    "upcoming",
    "intends",
    "intend",
    "aims",
    "aim",
    "set",
    "due",
    "going",
    "next",
    "coming",
    "forthcoming",
    "invited",
    "invite",
    "invites",
];

/// Finds the time expressions of `text`, resolved against `reference` when given.
pub fn find_times(text: &str, reference: Option<Date>) -> Vec<TimeMatch> {
    find_times_in(&tokenize(text), reference)
}

/// [`find_times`] over tokens already made from the text.
pub fn find_times_in(toks: &[Tok<'_>], reference: Option<Date>) -> Vec<TimeMatch> {
    let cx = Cx { toks, reference };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match cx.at(i) {
            Some((end, spec, kind, modifier)) => {
                let future = cx.future_context(i);
                let value = apply_modifier(cx.resolve(&spec, future), modifier);
                let trim_the = modifier.is_some()
                    || matches!(spec, Spec::Unit(..) | Spec::Quarter(..) | Spec::Half(..) | Spec::YearToDate);
                out.push(Found { trim_the, first: i, last: end, kind, value, modifier });
                i = end;
            }
            None => i += 1,
        }
    }
    cx.bare_day_partners(&mut out);
    let mut out = combine_ranges(toks, out, reference);
    // A time grown over the next one ("from January" over "to date") swallows it.
    let mut reach = 0;
    out.retain(|f| {
        let keep = f.first >= reach;
        reach = reach.max(f.last);
        keep
    });
    adjust_spans(toks, &mut out);
    codes::drop_code_parts(toks, &mut out);
    bounds::open_bounds(toks, &mut out);
    let mut out: Vec<TimeMatch> = out
        .into_iter()
        .map(|f| TimeMatch {
            start: toks[f.first].start,
            end: toks[f.last - 1].end,
            kind: f.kind,
            value: f.value,
            modifier: f.modifier,
        })
        .collect();
    // Russian expressions, where the text has Cyrillic words: they replace the English
    // matches inside them (the bare year of "за девять месяцев 2022 года").
    if toks.iter().any(|t| t.kind == TokKind::Word && t.norm.starts_with(|c: char| matches!(c, 'а'..='я' | 'ё'))) {
        let russian = russian::find(toks, reference);
        if !russian.is_empty() {
            out.retain(|e| !russian.iter().any(|r| r.start < e.end && e.start < r.end));
            out.extend(russian);
            out.sort_by_key(|t| t.start);
        }
    }
    out
}

struct Found {
    /// "the" may be dropped from the span's start.
    trim_the: bool,
    first: usize,
    last: usize,
    kind: TimeKind,
    value: Option<TimeValue>,
    modifier: Option<&'static str>,
}

/// "from 2019 to 2023", "between March and May 2024", "2 July to 10 July": two absolute
/// expressions joined by a connector become one period.
fn combine_ranges(toks: &[Tok<'_>], found: Vec<Found>, reference: Option<Date>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        if let Some(prev) = out.last_mut() {
            let between = &toks[prev.last..f.first];
            let opener = prev.first > 0 && (toks[prev.first - 1].is("from") || toks[prev.first - 1].is("between"));
            // ("to the 28th of June": the article may come between.)
            let between = match between {
                [t, the] if the.is("the") => std::slice::from_ref(t),
                _ => between,
            };
            let joined = match between {
                [t] if t.is("to") || t.is("through") || t.is("until") || t.is("till") || t.is("thru") => true,
                [t] if t.is("and") => opener && toks[prev.first - 1].is("between"),
                [t] if t.is_punct('-') || t.is_punct('–') || t.is_punct('—') || t.is_punct('~') => true,
                _ => false,
            };
            if joined {
                if let (Some(a), Some(b)) = (prev.value, f.value) {
                    let (a0, _) = a.ends();
                    let (_, b1) = b.ends();
                    // "March and May 2024": the first borrows the second's year; "from November
                    // to March 2024": November of the year before. (February 29 only where the
                    // year has one.)
                    let (a0, b1) = if a0.year != b1.year && a0.month.is_some() && prev_lacks_year(toks, prev) {
                        let in_year = |year: i32| Some(Partial { year, ..a0 }).filter(Partial::is_valid);
                        let first_moves =
                            in_year(b1.year).filter(|p| *p <= b1).or_else(|| in_year(b1.year - 1)).map(|p| (p, b1));
                        // "2/29-3/1": two days without a year may instead both be of the first
                        // one's year; the shorter period wins.
                        let second_moves = Some(Partial { year: a0.year, ..b1 })
                            .filter(|p| prev_lacks_year(toks, &f) && p.is_valid() && *p >= a0)
                            .map(|p| (a0, p));
                        let length = |(a, b): (Partial, Partial)| b.first_day().to_days() - a.first_day().to_days();
                        match (first_moves, second_moves) {
                            (Some(x), Some(y)) if length(y) < length(x) => y,
                            (Some(x), _) | (None, Some(x)) => x,
                            (None, None) => {
                                out.push(f);
                                continue;
                            }
                        }
                    } else {
                        (a0, b1)
                    };
                    if a0 <= b1 {
                        prev.value = Some(TimeValue::Range(a0, b1));
                        prev.kind = TimeKind::Period;
                        prev.last = f.last;
                        if opener {
                            prev.first -= 1;
                        }
                        continue;
                    }
                }
            }
        }
        out.push(f);
    }
    // "from January to date", "between Jan 2019 and now", "since March until now": up to the
    // reference date.
    if let Some(r) = reference {
        for f in &mut out {
            let before = f.first.checked_sub(1).map(|k| &toks[k]);
            let between = before.is_some_and(|t| t.is("between"));
            let opener = between || before.is_some_and(|t| t.is("from"));
            let link = toks
                .get(f.last)
                .is_some_and(|t| t.is("to") || t.is("until") || t.is("till") || (t.is("and") && between));
            let now = toks.get(f.last + 1).is_some_and(|t| t.is("now") || t.is("date"));
            // "between now and November 15th", "from now until the end of the year"
            if f.first >= 3 && toks[f.first - 2].is("now") {
                let (open, link) = (&toks[f.first - 3], &toks[f.first - 1]);
                let paired = (open.is("between") && link.is("and"))
                    || (open.is("from") && (link.is("to") || link.is("until") || link.is("till")));
                if let (true, Some(v)) = (paired, f.value) {
                    let (_, b1) = v.ends();
                    let start = Partial::from(r);
                    // The end is ahead: a day or month without its year is the coming one.
                    let ahead = Some(Partial { year: b1.year + 1, ..b1 }).filter(Partial::is_valid);
                    let b1 = match ahead {
                        Some(p) if b1 < start && b1.month.is_some() && prev_lacks_year(toks, f) => p,
                        _ => b1,
                    };
                    if start <= b1 {
                        f.value = Some(TimeValue::Range(start, b1));
                        f.kind = TimeKind::Period;
                        f.first -= 3;
                        continue;
                    }
                }
            }
            if let (true, true, true, Some(v)) = (opener, link, now, f.value) {
                let (a0, _) = v.ends();
                let end = Partial::from(r);
                if a0 <= end {
                    f.value = Some(TimeValue::Range(a0, end));
                    f.kind = TimeKind::Period;
                    f.last += 2;
                    f.first -= 1;
                }
            }
        }
    }
    out
}

/// Span conventions: "from"/"between" belong to a period ("from 2014-2018"), "year" to a year
/// ("the calendar year 2008"), and "the" does not lead a relative unit ("the next quarter").
fn adjust_spans(toks: &[Tok<'_>], found: &mut [Found]) {
    for f in found.iter_mut() {
        if f.kind == TimeKind::Period
            && (f.first >= 1)
            && (toks[f.first - 1].is("from") || toks[f.first - 1].is("between"))
        {
            f.first -= 1;
        }
        if (f.first >= 1) && toks[f.first - 1].is("year") && toks[f.first].kind == TokKind::Num {
            f.first -= 1;
            if (f.first >= 1) && (toks[f.first - 1].is("calendar") || toks[f.first - 1].is("fiscal")) {
                f.first -= 1;
            }
        }
        // "the next decade" keeps its article, as "the 1990s" does.
        let decades = toks[f.last - 1].is("decade") || toks[f.last - 1].is("decades");
        if toks[f.first].is("the") && f.trim_the && f.last > f.first + 1 && !decades {
            f.first += 1;
        }
        // "for the last 3 months", "over the past two quarters": the span is the period itself.
        let lead = |k: usize| toks[k].is("for") || toks[k].is("over") || toks[k].is("during") || toks[k].is("in");
        let direction = |k: usize| {
            ["last", "past", "previous", "next", "coming", "following", "upcoming"]
                .iter()
                .any(|w| toks.get(k).is_some_and(|t| t.is(w)))
        };
        // ("in the 5 upcoming years": the count may come first.)
        let counted = f.last > f.first + 4 && direction(f.first + 3);
        if f.last > f.first + 3 && lead(f.first) && toks[f.first + 1].is("the") && (direction(f.first + 2) || counted) {
            // ("for the last four months of 2021": a part of a named period keeps its article.)
            let part_of = toks[f.first..f.last].iter().any(|t| t.is("of"));
            f.first += if decades || part_of { 1 } else { 2 };
        }
        // A sentence's final period after an abbreviated month ("in Aug.") is not part of it.
        if f.last > f.first + 1 && toks[f.last - 1].is_punct('.') && toks.get(f.last).is_none_or(|t| t.space_before) {
            let dot_ends_sentence = toks.get(f.last).is_none_or(|t| t.capitalized || t.kind != TokKind::Word);
            if dot_ends_sentence {
                f.last -= 1;
            }
        }
    }
}

/// "early 2023", "mid-2022", "the end of 2000": the third of the year they name.
fn apply_modifier(value: Option<TimeValue>, modifier: Option<&'static str>) -> Option<TimeValue> {
    let v = value?;
    let TimeValue::Point(p) = v else { return Some(v) };
    if p.month.is_some() {
        return Some(v);
    }
    let (m1, m2) = match modifier {
        Some("early") => (1, 4),
        Some("mid") => (5, 8),
        Some("late") | Some("end") => (9, 12),
        _ => return Some(v),
    };
    Some(TimeValue::Range(Partial::month(p.year, m1), Partial::month(p.year, m2)))
}

fn prev_lacks_year(toks: &[Tok<'_>], f: &Found) -> bool {
    // "this May", "last March" name their year as surely as "May 2018".
    !toks[f.first..f.last]
        .iter()
        .any(|t| t.kind == TokKind::Num && t.digits() == 4 || t.is("this") || t.is("last") || t.is("next"))
}

/// What an expression says before it is resolved.
#[derive(Debug, Clone, Copy)]
enum Spec {
    Abs(Partial),
    AbsRange(Partial, Partial),
    /// A day of a month, year by tense.
    DayMonth(u8, u8),
    /// A month: offset None = by tense, Some(k) = k years relative ("last May" = the last one).
    Month(u8, Rel),
    Weekday(u8, Rel),
    Days(i64),
    Unit(Unit, i64),
    /// Months m1..=m2 of a year.
    Months(u8, u8, YearRef),
    /// A day range in a month of a year.
    DayRange(u8, u8, u8, YearRef),
    /// The last n years up to the reference year (both included).
    PastYears(i64),
    PastMonths(i64),
    /// n units before the reference.
    Ago(Unit, i64),
    /// n units after the reference.
    After(Unit, i64),
    Since(Partial),
    /// A day of the month, month and year by tense ("on the 4th").
    DayOfMonth(u8),
    /// A weekday that falls on a day of the month ("Monday 21").
    WeekdayDay(u8, u8),
    /// A weekday beside a day and month without a year ("Friday, June 15"): the year nearest
    /// the reference in which they agree.
    WeekdayDate(u8, u8, u8),
    /// n units from an anchor `days` away from the reference ("two days after tomorrow").
    Offset(Unit, i64, i64),
    /// "in N units": a point after the reference (future) or the last N units (past).
    InUnits(Unit, i64),
    /// n units from the time expression that starts at a token ("3 days after January 12th").
    OffsetFrom(Unit, i64, usize),
    /// The n whole units before (negative) or after the current one ("the last 2 quarters").
    Units(Unit, i64),
    Quarter(u8, YearRef),
    Half(u8, YearRef),
    /// "the year to date": from January 1 of the reference year to the reference date.
    YearToDate,
    /// "earlier this year" (false): from the unit's start to the reference date; "later this
    /// month" (true): from the reference date to the unit's end.
    PartOf(Unit, bool),
    /// A weekday of the week `k` weeks from the current one ("Tuesday of next week").
    WeekdayOfWeek(u8, i64),
    /// From the reference date n units ahead, or back when n < 0 ("within 9 months", "the 5
    /// upcoming years").
    Window(Unit, i64),
    /// n units from the first day of the time expression that starts at a token, that day
    /// included ("for three days starting Monday", "the week beginning February 4").
    Lasting(Unit, i64, usize),
    /// Whole units inside the period that starts at a token: n of them from the `index`-th on
    /// (1-based), counted from its start, or from its end when `index` < 0 ("the first ten days
    /// of March", "the third month of 2021", "the last 3 weeks of this year").
    PartOfPeriod(Unit, i64, i64, usize),
    /// The expression that starts at a token, read as the coming one ("next 12 May").
    Coming(usize),
    /// A holiday: in the year of the tense, or the last or next one ("last Easter").
    Holiday(holidays::Rule, Rel),
    /// ISO week n of a year ("week 31").
    IsoWeek(u8, YearRef),
    /// A weekend, weeks from the reference's or by tense.
    Weekend(weeks::WeekOffset),
    /// Monday to Friday, weeks from the reference's.
    WorkWeek(i64),
    /// The weekend around the holiday named at a token.
    HolidayWeekend(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rel {
    ByTense,
    Last,
    This,
    Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    /// Two weeks, from a Monday.
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
}

#[derive(Debug, Clone, Copy)]
enum YearRef {
    Abs(i32),
    Rel(i32),
    /// No year given: by tense.
    ByTense,
}

struct Cx<'a> {
    toks: &'a [Tok<'a>],
    reference: Option<Date>,
}

type Hit = (usize, Spec, TimeKind, Option<&'static str>);

impl Cx<'_> {
    fn t(&self, i: usize) -> Option<&Tok<'_>> {
        self.toks.get(i)
    }

    fn word(&self, i: usize, w: &str) -> bool {
        self.t(i).is_some_and(|t| t.is(w))
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.t(i).is_some_and(|t| t.is_punct(c))
    }

    fn dash(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| t.is_punct('-') || t.is_punct('–') || t.is_punct('—'))
    }

    /// A dash or slash written onto the token before it, as inside "23/Sep/2020".
    fn tight_separator(&self, i: usize) -> bool {
        (self.dash(i) || self.punct(i, '/')) && self.t(i).is_some_and(|t| !t.space_before)
    }

    /// A month name at `i` (with its period): (month, next index). Capitalized, or "may" only
    /// when capitalized.
    fn month(&self, i: usize) -> Option<(u8, usize)> {
        let t = self.t(i)?;
        if t.kind != TokKind::Word {
            return None;
        }
        let m = month_from_name(&t.norm)?;
        // Abbreviations need capitals or a period ("Mar." vs "mar"); "may" needs a capital.
        if t.norm == "may" && !t.capitalized {
            return None;
        }
        let after_day = i > 0 && self.t(i - 1).is_some_and(|p| p.kind == TokKind::Num && p.digits() <= 2);
        let attached = self.t(i + 1).is_some_and(|n| (n.is_punct('/') || n.is_punct('-')) && !n.space_before);
        let abbreviated = ["mar", "jan", "jun", "sep", "sept", "oct", "dec", "nov", "aug", "apr", "feb", "jul"]
            .contains(&t.norm.as_ref());
        if abbreviated && !t.capitalized && !after_day && !attached {
            return None;
        }
        // The period of "Nov." belongs to the month; after "June" it ends the sentence.
        let next =
            if abbreviated && self.punct(i + 1, '.') && !self.t(i + 1).unwrap().space_before { i + 2 } else { i + 1 };
        Some((m, next))
    }

    fn day(&self, i: usize) -> Option<u8> {
        let t = self.t(i)?;
        (t.kind == TokKind::Num && t.digits() <= 2 && (1..=31).contains(&t.value)).then_some(t.value as u8)
    }

    fn year_num(&self, i: usize) -> Option<i32> {
        let t = self.t(i)?;
        (t.kind == TokKind::Num && t.digits() == 4 && !t.ordinal && (1000..=2999).contains(&t.value))
            .then_some(t.value as i32)
    }

    /// A count: digits or a small number word ("three", "eleven").
    fn count(&self, i: usize) -> Option<i64> {
        let t = self.t(i)?;
        match t.kind {
            TokKind::Num if t.digits() <= 3 && !t.ordinal => Some(t.value as i64),
            // "a week ago", "within a month", "a year later": one, but only where the phrase
            // is plainly a time ("for a year" and "in a year" are left alone).
            TokKind::Word if t.is("a") || t.is("an") => {
                let singular = self.unit(i + 1).is_some() && !self.t(i + 1)?.norm.ends_with('s');
                let anchored = ["ago", "later", "earlier", "starting", "beginning", "commencing"]
                    .iter()
                    .any(|w| self.word(i + 2, w))
                    || (i > 0 && self.word(i - 1, "for") && self.lasting_anchor(i + 2, true).is_some())
                    || (i > 0 && self.word(i - 1, "within"))
                    // "in a week", "in a fortnight": a day that far ahead.
                    || (i > 0
                        && self.word(i - 1, "in")
                        && matches!(self.unit(i + 1), Some(Unit::Day | Unit::Week | Unit::Fortnight)));
                (singular && anchored).then_some(1)
            }
            TokKind::Word => small_number_word(&t.norm).map(|n| n as i64),
            _ => None,
        }
    }

    fn unit(&self, i: usize) -> Option<Unit> {
        let t = self.t(i)?;
        Some(match t.norm.as_ref() {
            "day" | "days" => Unit::Day,
            "week" | "weeks" => Unit::Week,
            "fortnight" | "fortnights" => Unit::Fortnight,
            "month" | "months" => Unit::Month,
            "quarter" | "quarters" => Unit::Quarter,
            "year" | "years" => Unit::Year,
            "decade" | "decades" => Unit::Decade,
            _ => return None,
        })
    }

    fn rel_word(&self, i: usize) -> Option<Rel> {
        let t = self.t(i)?;
        Some(match t.norm.as_ref() {
            "last" | "past" | "previous" => Rel::Last,
            "this" | "current" => Rel::This,
            "next" | "coming" | "upcoming" | "following" => Rel::Next,
            _ => return None,
        })
    }

    /// "Tuesday of next week", "Tuesday next week", "next week on Tuesday", "this week Monday".
    fn weekday_of_week(&self, i: usize) -> Option<Hit> {
        let week_at = |k: usize| -> Option<(i64, usize)> {
            let k = if self.word(k, "the") { k + 1 } else { k };
            let off = match self.rel_word(k)? {
                Rel::Last => -1,
                Rel::This => 0,
                Rel::Next => 1,
                Rel::ByTense => return None,
            };
            self.word(k + 1, "week").then_some((off, k + 2))
        };
        // A weekday written out, or a capitalized abbreviation ("Mon", "Tue").
        let weekday = |k: usize| {
            let t = self.t(k).filter(|t| t.kind == TokKind::Word)?;
            weekday_from_name(&t.norm).filter(|_| t.capitalized || t.norm.len() >= 6)
        };
        if let Some(wd) = weekday(i) {
            let k = if self.word(i + 1, "of") { i + 2 } else { i + 1 };
            if let Some((off, end)) = week_at(k) {
                return Some((end, Spec::WeekdayOfWeek(wd, off), TimeKind::Relative, None));
            }
        }
        let (off, k) = week_at(i)?;
        let k = if self.dash(k) || self.word(k, "on") { k + 1 } else { k };
        let wd = weekday(k)?;
        Some((k + 1, Spec::WeekdayOfWeek(wd, off), TimeKind::Relative, None))
    }

    /// The century of a year written with two digits: the nearest one that is not more than
    /// ten years ahead of the reference (of 2024: "34" is 2034, "87" is 1987).
    fn two_digit_year(&self, yy: i32) -> i32 {
        let now = self.reference.map_or(2000, |r| r.year());
        let century = now / 100 * 100;
        let y = century + yy;
        if y > now + 10 {
            y - 100
        } else if y + 100 <= now + 10 {
            y + 100
        } else {
            y
        }
    }

    /// A year reference after `i`: "2024", "of 2024", "of this year", "last year" ...
    fn year_ref(&self, mut i: usize) -> Option<(YearRef, usize)> {
        // "April of 87", "15 April of '87": two digits after "of", ending the phrase.
        if self.word(i, "of") {
            let k = if self.t(i + 1).is_some_and(|t| t.is_punct('\'') || t.is_punct('’')) { i + 2 } else { i + 1 };
            let ends = self.t(k + 1).is_none_or(|n| n.kind == TokKind::Punct && !n.is_punct('%'));
            if let Some(t) = self.t(k).filter(|t| t.kind == TokKind::Num && t.digits() == 2 && !t.ordinal && ends) {
                return Some((YearRef::Abs(self.two_digit_year(t.value as i32)), k + 1));
            }
        }
        let tight_separator = self.tight_separator(i) && self.year_num(i + 1).is_some();
        if self.punct(i, ',') || self.word(i, "of") || self.word(i, "in") || tight_separator {
            i += 1;
        }
        if let Some(y) = self.year_num(i) {
            return Some((YearRef::Abs(y), i + 1));
        }
        if let Some((y, end)) = self.year_words(i) {
            return Some((YearRef::Abs(y), end));
        }
        let mut j = i;
        if self.word(j, "the") {
            j += 1;
        }
        let off = match self.rel_word(j) {
            Some(Rel::Last) => -1,
            Some(Rel::This) => 0,
            Some(Rel::Next) => 1,
            _ => return None,
        };
        self.word(j + 1, "year").then_some((YearRef::Rel(off), j + 2))
    }

    /// The best expression starting at token `i`.
    fn at(&self, i: usize) -> Option<Hit> {
        let t = self.t(i)?;
        let mut best: Option<Hit> = None;
        let mut consider = |h: Option<Hit>| {
            if let Some(h) = h {
                if best.as_ref().is_none_or(|b| h.0 > b.0) {
                    best = Some(h);
                }
            }
        };
        match t.kind {
            TokKind::Num => {
                consider(self.short_numeric(i));
                // "90 s", "90s": a decade of the 1900s
                if t.digits() == 2 && t.value % 10 == 0 && self.word(i + 1, "s") {
                    let y = 1900 + t.value as i32;
                    consider(Some((
                        i + 2,
                        Spec::AbsRange(Partial::year(y), Partial::year(y + 9)),
                        TimeKind::Absolute,
                        None,
                    )));
                }
                consider(self.century(i));
                consider(self.numeric_date(i));
                consider(self.day_first(i));
                consider(self.year_forms(i));
                consider(self.count_forms(i));
                consider(self.nth_unit_of(i));
                consider(self.fiscal_year(i));
                consider(self.months_of_year(i));
            }
            // "a week ago": only a unit after "a" is worth a look.
            TokKind::Word if t.is("a") || t.is("an") => {
                if self.unit(i + 1).is_some() {
                    consider(self.count_forms(i));
                }
            }
            // Holidays' first words ("christmas", "new") are kept out of `may_start`: "new"
            // is too common to try every pattern on.
            TokKind::Word if !may_start(&t.norm) => {
                if holidays::may_start(&t.norm) {
                    consider(self.holiday(i));
                    consider(self.holiday_weekend(i));
                }
                if t.is("weekend") || t.is("that") || t.is("workweek") {
                    consider(self.weekend(i));
                }
                // "invested $5 billion to date": up to the reference day ("up to date" and
                // "out of date" are no times).
                // ("to date 1", "to date from 2010" name a field called date.)
                let field = self.t(i + 2).is_some_and(|n| n.kind == TokKind::Num || n.is("from"));
                if (t.is("to") || t.is("till"))
                    && self.word(i + 1, "date")
                    && !field
                    && !(i > 0 && (self.word(i - 1, "up") || self.word(i - 1, "out")))
                {
                    consider(Some((i + 2, Spec::Days(0), TimeKind::Period, Some("until"))));
                }
            }
            // A preposition or article leads a time only into another word that may start
            // one ("in March", "the previous year", "over the past decade"), a unit ("the day
            // before"), "a" ("for a week") or a number: "in talks" and "the president" are
            // passed over without trying every pattern.
            TokKind::Word
                if LEADS_ONLY.contains(&t.norm.as_ref())
                    && self.t(i + 1).is_some_and(|n| {
                        n.kind == TokKind::Word && !may_start(&n.norm) && !n.is("a") && !n.is("an")
                    })
                    && self.unit(i + 1).is_none() => {}
            TokKind::Word => {
                if let Some(p) = DECADE_WORDS.iter().position(|w| t.is(w)) {
                    let y = 1920 + 10 * p as i32;
                    consider(Some((
                        i + 1,
                        Spec::AbsRange(Partial::year(y), Partial::year(y + 9)),
                        TimeKind::Absolute,
                        None,
                    )));
                }
                consider(self.month_first(i));
                consider(self.weekday_of_week(i));
                consider(self.relative_words(i));
                consider(self.periods(i));
                consider(self.modified(i));
                consider(self.count_forms(i));
                consider(self.quarter(i));
                consider(self.day_word_first(i));
                consider(self.week_beginning(i));
                consider(self.nth_unit_of(i));
                consider(self.this_or_next(i));
                if small_number_word(&t.norm).is_some() {
                    consider(self.lone_year_words(i));
                    consider(self.cardinal_then_month(i));
                }
                consider(self.week_number(i));
                consider(self.weekend(i));
                let next_holiday = || self.t(i + 1).is_some_and(|n| holidays::may_start(&n.norm));
                if holidays::may_start(&t.norm) || self.rel_word(i).is_some() && next_holiday() {
                    consider(self.holiday(i));
                    consider(self.holiday_weekend(i));
                }
            }
            TokKind::Punct => {
                // "'90s"
                if (t.is_punct('\'') || t.is_punct('’'))
                    && self.t(i + 1).is_some_and(|n| n.digits() == 2)
                    && self.word(i + 2, "s")
                {
                    let y = self.t(i + 1).unwrap().value as i32;
                    let century = if y <= 30 { 2000 } else { 1900 };
                    consider(Some((
                        i + 3,
                        Spec::AbsRange(Partial::year(century + y), Partial::year(century + y + 9)),
                        TimeKind::Absolute,
                        None,
                    )));
                }
            }
        }
        best
    }

    /// 2024-05-23, 23.05.2024, 5/23/2024, 20240523.
    fn numeric_date(&self, i: usize) -> Option<Hit> {
        let a = self.t(i)?;
        let tight = |k: usize| self.t(k).is_some_and(|t| !t.space_before);
        if a.digits() == 4 && self.punct(i + 1, '-') && tight(i + 1) && tight(i + 2) {
            let (m, d) = (self.t(i + 2)?, self.t(i + 4)?);
            // ("2018-7-6": ISO order with the zeros left out.)
            let one_or_two = |t: &Tok<'_>| (1..=2).contains(&t.digits());
            if one_or_two(m) && self.punct(i + 3, '-') && tight(i + 3) && tight(i + 4) && one_or_two(d) {
                let p = Partial::day(a.value as i32, m.value as u8, d.value as u8)?;
                return Some((i + 5, Spec::Abs(p), TimeKind::Absolute, None));
            }
        }
        if a.digits() == 8 && !a.ordinal {
            let v = a.value;
            let (y, m, d) = ((v / 10000) as i32, ((v / 100) % 100) as u8, (v % 100) as u8);
            if (1900..=2100).contains(&y) {
                if let Some(p) = Partial::day(y, m, d) {
                    return Some((i + 1, Spec::Abs(p), TimeKind::Absolute, None));
                }
            }
        }
        if (1..=2).contains(&a.digits()) {
            // "12-2015": a month and its year.
            if self.punct(i + 1, '-') && tight(i + 1) && tight(i + 2) && (1..=12).contains(&a.value) {
                let y = self.year_num(i + 2).filter(|_| !self.punct(i + 3, '-') || !tight(i + 3));
                if let Some(y) = y {
                    return Some((i + 3, Spec::Abs(Partial::month(y, a.value as u8)), TimeKind::Absolute, None));
                }
            }
            for sep in ['.', '/', '-'] {
                if self.punct(i + 1, sep)
                    && tight(i + 1)
                    && tight(i + 2)
                    && self.punct(i + 3, sep)
                    && tight(i + 3)
                    && tight(i + 4)
                {
                    let b = self.t(i + 2)?;
                    let c = self.t(i + 4)?;
                    // With dashes only a four-digit year: "10-1-18" is more often a score or a code.
                    let year_digits = if sep == '-' { c.digits() == 4 } else { c.digits() == 4 || c.digits() == 2 };
                    if !(1..=2).contains(&b.digits()) || !year_digits {
                        continue;
                    }
                    let year = if c.digits() == 4 { c.value as i32 } else { self.two_digit_year(c.value as i32) };
                    let (x, y) = (a.value as u8, b.value as u8);
                    // Dots are day.month; slashes and dashes month/day unless the first cannot
                    // be a month.
                    let (d, m) = if sep == '.' || x > 12 { (x, y) } else { (y, x) };
                    let p = Partial::day(year, m, d)?;
                    return Some((i + 5, Spec::Abs(p), TimeKind::Absolute, None));
                }
            }
        }
        None
    }

    /// "23 May 2024", "23rd of May", "15-16 April 2011", "23 May".
    fn day_first(&self, i: usize) -> Option<Hit> {
        let d = self.day(i)?;
        // Part of an amount, not a day: the decimals of "6,107.31 August", the "$12" of
        // "$12 December 27".
        if i > 0 {
            let p = self.t(i - 1)?;
            let tight = !self.t(i)?.space_before;
            let decimals =
                tight && (p.is_punct('.') || p.is_punct(',')) && i > 1 && self.t(i - 2)?.kind == TokKind::Num;
            if decimals || ["$", "€", "£", "¥"].iter().any(|c| p.norm == *c) {
                return None;
            }
        }
        // "23/Sep/2020", "23-Sep-2020": separators on both sides of the month, then a year.
        if self.tight_separator(i + 1) {
            if let Some((m, after)) = self.month_any_case(i + 2) {
                if self.tight_separator(after) {
                    if let Some(y) =
                        self.year_num(after + 1).filter(|_| self.t(after + 1).is_some_and(|t| !t.space_before))
                    {
                        return Some((after + 2, Spec::Abs(Partial::day(y, m, d)?), TimeKind::Absolute, None));
                    }
                }
            }
        }
        let mut j = i + 1;
        // "15-16 April": a second day.
        let mut d2 = None;
        // "3 to 5 September", "between 3 and 5 September"
        let joiner = self.word(j, "to") || (self.word(j, "and") && i > 0 && self.word(i - 1, "between"));
        let day_range = self.dash(j)
            || (joiner && (self.month(j + 2).is_some() || (self.word(j + 2, "of") && self.month(j + 3).is_some())));
        if day_range && self.day(j + 1).is_some() {
            d2 = self.day(j + 1);
            j += 2;
        }
        if self.word(j, "of") || (self.dash(j) && self.t(j).is_some_and(|t| !t.space_before)) {
            j += 1;
        }
        let (m, next) = self.month(j)?;
        let mut end = next;
        let yr = self.year_ref(next);
        let year = match yr {
            Some((YearRef::Abs(y), e)) => {
                end = e;
                Some(y)
            }
            _ => None,
        };
        if let Some(d2) = d2 {
            let yref = year.map_or(YearRef::ByTense, YearRef::Abs);
            if d2 > d {
                return Some((end, Spec::DayRange(m, d, d2, yref), TimeKind::Period, None));
            }
            return None;
        }
        match year {
            Some(y) => Some((end, Spec::Abs(Partial::day(y, m, d)?), TimeKind::Absolute, None)),
            None => Some((end, Spec::DayMonth(m, d), TimeKind::Relative, None)),
        }
    }

    /// "May 23, 2024", "May 23", "April 15-16, 2011", "May 2024", "May", "January-September ...".
    fn month_first(&self, i: usize) -> Option<Hit> {
        let (m, next) = self.month(i)?;
        // "Dec-2018", "Dec/2018"; "Sep-23-2020"
        if self.tight_separator(next) {
            if let Some(y) = self.year_num(next + 1) {
                return Some((next + 2, Spec::Abs(Partial::month(y, m)), TimeKind::Absolute, None));
            }
            // "Oct/2": a day after a slash, nothing after it.
            if let (Some(d), true) = (self.day(next + 1), self.punct(next, '/')) {
                let more = self.t(next + 2).is_some_and(|t| !t.space_before && t.kind != TokKind::Word);
                if !more {
                    return Some((next + 2, Spec::DayMonth(m, d), TimeKind::Relative, None));
                }
            }
            if let (Some(d), true) = (self.day(next + 1), self.tight_separator(next + 2)) {
                if let Some(y) = self.year_num(next + 3).filter(|_| self.t(next + 3).is_some_and(|t| !t.space_before)) {
                    return Some((next + 4, Spec::Abs(Partial::day(y, m, d)?), TimeKind::Absolute, None));
                }
            }
        }
        // "October, 1st", "february twenty second", "January first 2000", "June the 28th"
        let k = if self.punct(next, ',') && self.t(next + 1).is_some_and(|t| t.ordinal) { next + 1 } else { next };
        let k = if self.word(k, "the") && self.day_word(k + 1).is_some() { k + 1 } else { k };
        if let Some((d, after)) = self.day_word(k).filter(|_| self.day(k).is_none() || k != next) {
            let (year, end) = match self.year_ref(after) {
                Some((YearRef::Abs(y), e)) => (Some(y), e),
                _ => (None, after),
            };
            return match year {
                Some(y) => Some((end, Spec::Abs(Partial::day(y, m, d)?), TimeKind::Absolute, None)),
                None => Some((end, Spec::DayMonth(m, d), TimeKind::Relative, None)),
            };
        }
        // Month range: "January-September of this year", "Jan-Feb 2017".
        if self.dash(next) || self.word(next, "to") {
            if let Some((m2, n2)) = self.month(next + 1) {
                let (yref, end) = self.year_ref(n2).unwrap_or((YearRef::ByTense, n2));
                if m2 >= m {
                    return Some((end, Spec::Months(m, m2, yref), TimeKind::Period, None));
                }
                // "November-February 2017": across the turn of the year.
                if let YearRef::Abs(y) = yref {
                    let range = Spec::AbsRange(Partial::month(y - 1, m), Partial::month(y, m2));
                    return Some((end, range, TimeKind::Period, None));
                }
            }
        }
        if let Some(d) = self.day(next) {
            let mut j = next + 1;
            let mut d2 = None;
            if self.dash(j) && self.day(j + 1).is_some() {
                d2 = self.day(j + 1);
                j += 2;
            } else if ["through", "to", "till", "until"].iter().any(|w| self.word(j, w)) {
                // "April 9th through 17th"
                if let Some((e, k)) = self.day_word(j + 1).filter(|(_, k)| self.month(*k).is_none()) {
                    d2 = Some(e);
                    j = k;
                }
            }
            let yr = self.year_ref(j).filter(|(y, _)| matches!(y, YearRef::Abs(_)));
            let (year, end) = match yr {
                Some((YearRef::Abs(y), e)) => (Some(y), e),
                _ => (None, j),
            };
            // "May 2024" is month-year, not a day: a 4-digit "day" cannot happen (day() checks).
            if let Some(d2) = d2 {
                if d2 > d {
                    let yref = year.map_or(YearRef::ByTense, YearRef::Abs);
                    return Some((end, Spec::DayRange(m, d, d2, yref), TimeKind::Period, None));
                }
            }
            return match year {
                Some(y) => Some((end, Spec::Abs(Partial::day(y, m, d)?), TimeKind::Absolute, None)),
                None => Some((end, Spec::DayMonth(m, d), TimeKind::Relative, None)),
            };
        }
        if let Some((YearRef::Abs(y), end)) = self.year_ref(next) {
            return Some((end, Spec::Abs(Partial::month(y, m)), TimeKind::Absolute, None));
        }
        if let Some(hit) = self.month_then_cardinal(m, next) {
            return Some(hit);
        }
        // A bare month name needs a lead-in to be a date ("in May", "last May", "since June").
        // "mid-November": the lead-in before a hyphen.
        let back = if i >= 2 && self.dash(i - 1) && !self.t(i)?.space_before { 2 } else { 1 };
        let prev = i.checked_sub(back).and_then(|k| self.t(k));
        if prev.is_some_and(|p| {
            [
                "in", "since", "during", "until", "by", "of", "from", "early", "late", "mid", "end", "through",
                "between", "after", "before",
            ]
            .contains(&p.norm.as_ref())
        }) {
            return Some((next, Spec::Month(m, Rel::ByTense), TimeKind::Relative, None));
        }
        // The second of two months: "between August and October", "from Nov to March".
        let paired = prev.is_some_and(|p| ["and", "or", "to", "till", "-", "–"].contains(&p.norm.as_ref()))
            && i >= 2
            && self.month(i - 2).is_some();
        paired.then_some((next, Spec::Month(m, Rel::ByTense), TimeKind::Relative, None))
    }

    /// Years, year ranges and decades: "2019", "2016-2017", "2016–17", "1990s".
    fn year_forms(&self, i: usize) -> Option<Hit> {
        let y = self.year_num(i)?;
        let t = self.t(i)?;
        // "2019-aug-1", "2019/aug/01"
        if self.tight_separator(i + 1) {
            if let Some((m, after)) = self.month_any_case(i + 2) {
                if (self.dash(after) || self.punct(after, '/')) && self.day(after + 1).is_some() {
                    let d = self.day(after + 1)?;
                    return Some((after + 2, Spec::Abs(Partial::day(y, m, d)?), TimeKind::Absolute, None));
                }
            }
        }
        // "2017 q1", "2019-H2"
        let k = if self.dash(i + 1) && !self.t(i + 1).unwrap().space_before { i + 2 } else { i + 1 };
        if let Some(t2) = self.t(k) {
            if (t2.is("q") || t2.is("h")) && self.t(k + 1).is_some_and(|n| !n.space_before && n.digits() == 1) {
                let n = self.t(k + 1).unwrap().value as u8;
                if t2.is("q") && (1..=4).contains(&n) {
                    return Some((k + 2, Spec::Quarter(n, YearRef::Abs(y)), TimeKind::Period, None));
                }
                if t2.is("h") && (1..=2).contains(&n) {
                    return Some((k + 2, Spec::Half(n, YearRef::Abs(y)), TimeKind::Period, None));
                }
            }
        }
        // "2015-3", "2015-03": year and month (a two-digit month only with its zero)
        if self.dash(i + 1) && !self.t(i + 1).unwrap().space_before {
            if let Some(n) = self.t(i + 2).filter(|n| !n.space_before && n.kind == TokKind::Num) {
                // "2011-12" is a range of years; "2015-12" can only be a month.
                let as_year = y / 100 * 100 + n.value as i32;
                let month_like = (n.digits() == 1 || (n.digits() == 2 && (n.norm.starts_with('0') || as_year <= y)))
                    && (1..=12).contains(&n.value);
                if month_like && !self.dash(i + 3) {
                    return Some((i + 3, Spec::Abs(Partial::month(y, n.value as u8)), TimeKind::Absolute, None));
                }
            }
        }
        // "1990s", "1990 s"
        if self.word(i + 1, "s") && y % 10 == 0 {
            return Some((i + 2, Spec::AbsRange(Partial::year(y), Partial::year(y + 9)), TimeKind::Absolute, None));
        }
        if !self.plausible_year(i) {
            return None;
        }
        // "2016-2017", "2016–17", "2011-14"
        if self.dash(i + 1) && self.t(i + 2).is_some_and(|n| !n.space_before || !self.t(i + 1).unwrap().space_before) {
            let n = self.t(i + 2)?;
            let y2 = match n.digits() {
                4 => Some(n.value as i32),
                2 => Some(y / 100 * 100 + n.value as i32),
                _ => None,
            };
            if let Some(y2) = y2.filter(|&y2| y2 > y && y2 - y <= 50) {
                return Some((i + 3, Spec::AbsRange(Partial::year(y), Partial::year(y2)), TimeKind::Period, None));
            }
        }
        let _ = t;
        Some((i + 1, Spec::Abs(Partial::year(y)), TimeKind::Absolute, None))
    }

    /// A 4-digit number that reads as a year here.
    fn plausible_year(&self, i: usize) -> bool {
        let y = self.t(i).unwrap().value;
        // Beyond 2100 only right after a word that asks for a time ("by 2150", "in 2150").
        let far_ahead = (2101..=2199).contains(&y)
            && i.checked_sub(1)
                .and_then(|k| self.t(k))
                .is_some_and(|p| ["in", "by", "until", "till", "before", "after"].iter().any(|w| p.is(w)));
        if !(1900..=2100).contains(&y) && !far_ahead {
            return false;
        }
        if let Some(p) = i.checked_sub(1).and_then(|k| self.t(k)) {
            // Money and identifiers: "$2019", "No. 2019", "#2019"; names: "Vision 2050".
            if p.kind == TokKind::Punct
                && ["$", "€", "£", "¥", "#", "№", "+", "×"].contains(&p.norm.as_ref())
                && !p.space_before
            {
                return false;
            }
            if p.kind == TokKind::Punct && ["$", "€", "£", "#"].contains(&p.norm.as_ref()) {
                return false;
            }
            let time_word = [
                "in", "since", "of", "by", "from", "to", "until", "till", "during", "before", "after", "between",
                "and", "for", "year", "early", "mid", "late", "end", "summer", "spring", "autumn", "winter", "fall",
                "through", "the", "on", "at", "as", "till",
            ];
            if p.kind == TokKind::Word
                && p.capitalized
                && month_from_name(&p.norm).is_none()
                && !time_word.contains(&p.norm.as_ref())
            {
                let sentence_start = i < 2 || self.t(i - 2).is_some_and(|q| q.is_punct('.'));
                if !sentence_start {
                    return false;
                }
            }
            if p.kind == TokKind::Word
                && ["usd", "eur", "rub", "kzt", "tenge", "us", "page", "no", "number", "room", "flight", "route"]
                    .contains(&p.norm.as_ref())
            {
                return false;
            }
        }
        // After a preposition of time the year is one, whatever follows: "In 2023 Kazakhstan's
        // exports", "by 2030 China will".
        let after_preposition = i.checked_sub(1).and_then(|k| self.t(k)).is_some_and(|p| {
            ["in", "since", "by", "during", "until", "till", "before", "after", "through"].iter().any(|w| p.is(w))
        });
        if let Some(n) = self.t(i + 1) {
            if n.kind == TokKind::Word
                && n.capitalized
                && n.space_before
                && month_from_name(&n.norm).is_none()
                && !after_preposition
            {
                return false; // "the 2030 Agenda", "2050 Strategy"
            }
            let units = [
                "people",
                "tons",
                "tonnes",
                "km",
                "kilometers",
                "kilometres",
                "companies",
                "million",
                "billion",
                "thousand",
                "units",
                "persons",
                "visas",
                "tourists",
                "students",
                "dollars",
                "hectares",
                "meters",
                "metres",
                "mw",
                "kg",
                "percent",
                "per",
                "projects",
                "jobs",
                "vehicles",
                "cars",
                "trucks",
                "containers",
                "barrels",
                "cubic",
                "seats",
                "flights",
                "residents",
                "workers",
                "bln",
                "mln",
            ];
            if n.kind == TokKind::Word && (units.contains(&n.norm.as_ref()) || crate::amount::is_currency_word(&n.norm))
            {
                return false;
            }
            if n.is_punct('%') {
                return false;
            }
            // "1,992 people", "1900.1 USD": a thousands group or decimals follow.
            let digits_follow = self.t(i + 2).is_some_and(|m| m.kind == TokKind::Num && !m.space_before);
            if (n.is_punct(',') && digits_follow && self.t(i + 2).is_some_and(|m| m.digits() == 3))
                || (n.is_punct('.') && !n.space_before && digits_follow)
            {
                return false;
            }
        }
        true
    }

    /// "three days ago", "in 10 years", "the first nine months of 2014", "11 months of 2021".
    fn count_forms(&self, i: usize) -> Option<Hit> {
        // "in/over/during/for the past/last N units"
        let mut j = i;
        let lead = ["in", "over", "during", "for", "within"].iter().any(|w| self.word(j, w));
        if lead {
            j += 1;
        }
        if self.word(j, "the") {
            j += 1;
        }
        let mut past = false;
        let mut ahead = false;
        if self.word(j, "past") || self.word(j, "last") || self.word(j, "previous") {
            past = true;
            j += 1;
        } else if self.word(j, "next") || self.word(j, "coming") || self.word(j, "following") {
            // "the next two decades", "over the next five years", "the coming three quarters"
            ahead = true;
            j += 1;
        }
        let mut first = false;
        if self.word(j, "first") {
            first = true;
            j += 1;
        }
        let n = self.count(j)?;
        // "the 5 upcoming years", "the 10 previous weeks": a window from or to the reference.
        if !past && !ahead && !first {
            let sign = match self.t(j + 1).map(|t| t.norm.as_ref()) {
                Some("upcoming" | "next" | "coming" | "following") => 1,
                Some("past" | "previous" | "last") => -1,
                _ => 0,
            };
            let plural = self.t(j + 2).is_some_and(|t| t.norm.ends_with('s'));
            if let (true, true, Some(unit)) = (sign != 0, plural, self.unit(j + 2)) {
                return Some((j + 3, Spec::Window(unit, sign * n), TimeKind::Period, None));
            }
        }
        let unit = self.unit(j + 1)?;
        let after_unit = j + 2;
        // "the first ten days of March", "the last 3 weeks of this year"
        if (first || past) && matches!(unit, Unit::Day | Unit::Week) && self.word(after_unit, "of") && !lead {
            let (end, _, _, _) = self.at(after_unit + 1)?;
            let index = if first { 1 } else { -1 };
            return Some((end, Spec::PartOfPeriod(unit, index, n, after_unit + 1), TimeKind::Period, None));
        }
        if first || (unit == Unit::Month && (self.word(after_unit, "of") || self.year_num(after_unit).is_some())) {
            if unit != Unit::Month || !(1..=12).contains(&n) {
                return None;
            }
            let (yref, end) = self.year_ref(after_unit).unwrap_or((YearRef::Rel(0), after_unit));
            let start = if lead { i } else { j.min(i) };
            // "the last four months of 2021" are its final four.
            let months =
                if past && !first { Spec::Months(13 - n as u8, 12, yref) } else { Spec::Months(1, n as u8, yref) };
            return Some((end, months, TimeKind::Period, None)).map(|h| (h.0.max(start + 1), h.1, h.2, h.3));
        }
        let anchor = |k: usize| -> Option<i64> {
            Some(match self.t(k)?.norm.as_ref() {
                "today" | "now" => 0,
                "tomorrow" => 1,
                "yesterday" => -1,
                _ => return None,
            })
        };
        // "for 3 days from today", "for a week, from 20 December", "two weeks starting May 20",
        // "three days beginning on Monday": a stretch of time from a day on.
        if let Some(k) = self.lasting_anchor(after_unit, self.word(i, "for")) {
            // "for" belongs to the span only where, without it, "3 days from today" would be a
            // day; before "starting", the span begins at the count (found from the next token).
            let from = !["starting", "beginning", "commencing"].iter().any(|w| self.word(after_unit, w));
            if i < j && !from {
                return None;
            }
            if let Some((end, _, _, _)) = self.at(k) {
                return Some((end, Spec::Lasting(unit, n, k), TimeKind::Period, None));
            }
        }
        for (w, sign) in [("after", 1), ("from", 1), ("before", -1)] {
            if self.word(after_unit, w) {
                // "in two days from today": the day is "two days from today" (found from the
                // next token).
                if lead {
                    return None;
                }
                if let Some(a) = anchor(after_unit + 1) {
                    return Some((after_unit + 2, Spec::Offset(unit, sign * n, a), TimeKind::Relative, None));
                }
                // "3 days after January 12th", "2 weeks before May 13 1999"
                if let Some((end, _, _, _)) = self.at(after_unit + 1) {
                    return Some((end, Spec::OffsetFrom(unit, sign * n, after_unit + 1), TimeKind::Relative, None));
                }
            }
        }
        // "the last 2 quarters", "the next 7 quarters", "the next two decades"
        // "within 9 months", "within the next five years": from the reference date on.
        if self.word(i, "within") && !past {
            return Some((after_unit, Spec::Window(unit, n), TimeKind::Period, None));
        }
        if ahead {
            return Some((after_unit, Spec::Units(unit, n), TimeKind::Period, None));
        }
        if matches!(unit, Unit::Quarter | Unit::Decade) && past {
            return Some((after_unit, Spec::Units(unit, -n), TimeKind::Period, None));
        }
        if self.word(i, "in") && !past && !first && matches!(unit, Unit::Day | Unit::Week | Unit::Fortnight) {
            return Some((after_unit, Spec::InUnits(unit, n), TimeKind::Relative, None));
        }
        // "three years ago"; "a year earlier" (before the reference here; the sentence's own
        // year, where it names one, re-anchors it in the mentions step).
        if self.word(after_unit, "ago") || self.word(after_unit, "earlier") && !lead {
            return Some((after_unit + 1, Spec::Ago(unit, n), TimeKind::Relative, None));
        }
        if self.word(after_unit, "later") || self.word(after_unit, "from") && self.word(after_unit + 1, "now") {
            let end = if self.word(after_unit, "later") { after_unit + 1 } else { after_unit + 2 };
            return Some((end, Spec::After(unit, n), TimeKind::Relative, None));
        }
        if (lead || past) && i < j && (past || self.word(i, "in") || self.word(i, "over") || self.word(i, "during")) {
            let spec = match unit {
                Unit::Year => Spec::PastYears(n),
                Unit::Month => Spec::PastMonths(n),
                Unit::Decade => Spec::PastYears(n * 10),
                _ => return None,
            };
            // Future tense turns "in 10 years" into a point after the reference.
            return Some((after_unit, spec, TimeKind::Period, None));
        }
        None
    }

    /// Where the day a stretch of time starts from begins, after its length: "starting (from|on)
    /// X", "beginning (on) X", "commencing (on) X"; and, after "for", "from X" and ", from X".
    fn lasting_anchor(&self, k: usize, after_for: bool) -> Option<usize> {
        if ["starting", "beginning", "commencing"].iter().any(|w| self.word(k, w)) {
            let on = self.word(k + 1, "on") || self.word(k + 1, "from");
            return Some(if on { k + 2 } else { k + 1 });
        }
        if !after_for {
            return None;
        }
        let k = if self.punct(k, ',') { k + 1 } else { k };
        self.word(k, "from").then_some(k + 1)
    }

    /// "the week beginning February 4", "the week starting on Monday", "w/c 4 Feb": seven days.
    fn week_beginning(&self, i: usize) -> Option<Hit> {
        let k = if self.word(i, "the") { i + 1 } else { i };
        let anchor = if self.word(k, "week") {
            self.lasting_anchor(k + 1, false)?
        } else if self.word(k, "w") && self.tight_separator(k + 1) && self.word(k + 2, "c") {
            k + 3
        } else {
            return None;
        };
        let (end, _, _, _) = self.at(anchor)?;
        Some((end, Spec::Lasting(Unit::Week, 1, anchor), TimeKind::Period, None))
    }

    /// today, yesterday, tomorrow, last/this/next week|month|year|May|Tuesday, on Tuesday.
    fn relative_words(&self, i: usize) -> Option<Hit> {
        let t = self.t(i)?;
        let simple = match t.norm.as_ref() {
            "today" => Some(0),
            "yesterday" => Some(-1),
            "tomorrow" => Some(1),
            "tonight" => Some(0),
            _ => None,
        };
        if let Some(days) = simple {
            return Some((i + 1, Spec::Days(days), TimeKind::Relative, None));
        }
        if t.is("the") && self.word(i + 1, "day") {
            if self.word(i + 2, "before") && self.word(i + 3, "yesterday") {
                return Some((i + 4, Spec::Days(-2), TimeKind::Relative, None));
            }
            if self.word(i + 2, "after") && self.word(i + 3, "tomorrow") {
                return Some((i + 4, Spec::Days(2), TimeKind::Relative, None));
            }
            // "the day before" / "the day after" with nothing after them: of the story's own day.
            // ("the day before the summit" is of the summit, which is not known here.)
            let alone = self.t(i + 3).is_none_or(|n| n.kind == TokKind::Punct && !n.is_punct('\''));
            if alone && (self.word(i + 2, "before") || self.word(i + 2, "after")) {
                let days = if self.word(i + 2, "before") { -1 } else { 1 };
                return Some((i + 3, Spec::Days(days), TimeKind::Relative, None));
            }
        }
        let mut j = i;
        if t.is("the") {
            j += 1;
        }
        if let Some(rel) = self.rel_word(j) {
            // "this calendar year": the year (a fiscal year is not, and is left alone).
            if self.word(j + 1, "calendar") && self.word(j + 2, "year") {
                let off = match rel {
                    Rel::Last => -1,
                    Rel::Next => 1,
                    Rel::This | Rel::ByTense => 0,
                };
                return Some((j + 3, Spec::Unit(Unit::Year, off), TimeKind::Relative, None));
            }
            if let Some(unit) = self.unit(j + 1).filter(|_| self.t(j + 1).is_some_and(|u| !u.norm.ends_with('s'))) {
                let off = match rel {
                    Rel::Last => -1,
                    Rel::This => 0,
                    Rel::Next => 1,
                    Rel::ByTense => 0,
                };
                // "over the past decade", "in the last decade": the ten years up to now; only
                // a bare "last decade" is the previous calendar one (the 2010s in 2025).
                let ten_years = unit == Unit::Decade && off == -1 && (t.is("the") || self.word(j, "past"));
                if ten_years {
                    return Some((j + 2, Spec::PastYears(10), TimeKind::Period, None));
                }
                return Some((j + 2, Spec::Unit(unit, off), TimeKind::Relative, None));
            }
            if let Some((m, next)) = self.month(j + 1) {
                return Some((next, Spec::Month(m, rel), TimeKind::Relative, None));
            }
            if let Some(wd) = self.t(j + 1).filter(|w| w.kind == TokKind::Word).and_then(|w| weekday_from_name(&w.norm))
            {
                // "this friday 5/12": the date that follows wins.
                if let Some(h) = self.date_after_weekday(j + 2, wd) {
                    return Some(h);
                }
                return Some((j + 2, Spec::Weekday(wd, rel), TimeKind::Relative, None));
            }
        }
        // "on Tuesday", "Tuesday" (capitalized), "Monday, Aug. 16" is taken by month_first.
        if t.kind == TokKind::Word {
            if let Some(wd) = weekday_from_name(&t.norm) {
                // "Monday, Aug. 16", "Tue May 9", "Monday 21": the date that follows wins.
                if let Some(h) = self.date_after_weekday(i + 1, wd) {
                    return Some(h);
                }
                if t.capitalized && t.norm.len() >= 6 {
                    return Some((i + 1, Spec::Weekday(wd, Rel::ByTense), TimeKind::Relative, None));
                }
            }
        }
        // "on the 4th", "on the 21st"
        if t.is("on") && self.word(i + 1, "the") {
            if let Some(d) = self.t(i + 2).filter(|d| d.ordinal && (1..=31).contains(&d.value)).map(|d| d.value as u8) {
                // ("on the 15th day of next month" is a day of that month.)
                if self.month(i + 3).is_none() && !self.word(i + 3, "of") && self.unit(i + 3).is_none() {
                    return Some((i + 3, Spec::DayOfMonth(d), TimeKind::Relative, None));
                }
            }
        }
        None
    }

    /// "since 1992", "the first half of 2023".
    fn periods(&self, i: usize) -> Option<Hit> {
        if self.word(i, "since") {
            // ("since the end of 1989" is bounded on its part, in bounds.rs.)
            let (end, spec, _, modifier) = self.at(i + 1)?;
            if modifier.is_some() {
                return None;
            }
            let p = match spec {
                Spec::Abs(p) => p,
                Spec::AbsRange(p, _) => p,
                _ => return None,
            };
            return Some((end, Spec::Since(p), TimeKind::Period, Some("since")));
        }
        let mut j = i;
        if self.word(j, "the") {
            j += 1;
        }
        // "the year to date", "year-to-date"
        if self.word(j, "year") {
            let joined = |k: usize, w: &str| self.dash(k) && self.t(k + 1).is_some_and(|t| t.is(w) && !t.space_before);
            if self.word(j + 1, "to") && self.word(j + 2, "date") {
                return Some((j + 3, Spec::YearToDate, TimeKind::Period, None));
            }
            if joined(j + 1, "to") && joined(j + 3, "date") {
                return Some((j + 5, Spec::YearToDate, TimeKind::Period, None));
            }
        }
        let ord = |k: usize| -> Option<u8> {
            let t = self.t(k)?;
            Some(match t.norm.as_ref() {
                "first" => 1,
                "second" => 2,
                "third" => 3,
                "fourth" => 4,
                _ if t.ordinal && (1..=4).contains(&t.value) => t.value as u8,
                _ => return None,
            })
        };
        let n = ord(j)?;
        let (is_half, k) = if self.word(j + 1, "half") {
            // "the first half-year of 2019", "the first half year"
            if self.dash(j + 2) && self.word(j + 3, "year") {
                (true, j + 4)
            } else if self.word(j + 2, "year") {
                (true, j + 3)
            } else {
                (true, j + 2)
            }
        } else if self.word(j + 1, "quarter") {
            (false, j + 2)
        } else {
            return None;
        };
        let (yref, end) = match self.year_ref(k) {
            Some(x) => x,
            None if self.word(k, "of") && self.word(k + 1, "the") && self.word(k + 2, "year") => {
                (YearRef::Rel(0), k + 3)
            }
            None => (YearRef::ByTense, k),
        };
        if is_half {
            (n <= 2).then_some((end, Spec::Half(n, yref), TimeKind::Period, None))
        } else {
            Some((end, Spec::Quarter(n, yref), TimeKind::Period, None))
        }
    }

    /// "Q1 2024", "H1 2015", "Q3"; fiscal years ("FY2023", "FY 2022/23", "fiscal 2022",
    /// "fiscal year 2018/19"); "9M 2023" (the first nine months, as business reports write).
    fn quarter(&self, i: usize) -> Option<Hit> {
        if let Some(hit) = self.fiscal_year(i) {
            return Some(hit);
        }
        let t = self.t(i)?;
        let (q, half) = match t.norm.as_ref() {
            "q" => (true, false),
            "h" => (false, true),
            _ => return None,
        };
        let n = self.t(i + 1).filter(|n| !n.space_before && n.digits() == 1)?.value as u8;
        let (yref, end) = self.year_ref(i + 2).unwrap_or((YearRef::ByTense, i + 2));
        if q && (1..=4).contains(&n) {
            return Some((end, Spec::Quarter(n, yref), TimeKind::Period, None));
        }
        if half && (1..=2).contains(&n) {
            return Some((end, Spec::Half(n, yref), TimeKind::Period, None));
        }
        None
    }

    /// "FY2023", "FY 2022/23", "fiscal 2022", "fiscal year 2018/19": the year, or the two
    /// calendar years a split fiscal year touches (its months depend on the country).
    fn fiscal_year(&self, i: usize) -> Option<Hit> {
        let (end, spec, kind, modifier) = self.fiscal_year_named(i)?;
        // "the 2018/19 fiscal year ending in March", "FY2023 ending March": the twelve months
        // up to that month of its last year.
        let k = if self.punct(end, ',') { end + 1 } else { end };
        if self.word(k, "ending") || self.word(k, "ended") {
            let at = if self.word(k + 1, "in") || self.word(k + 1, "on") { k + 2 } else { k + 1 };
            if let Some((m, after)) = self.month(at) {
                let last = match spec {
                    Spec::AbsRange(_, b) => b.year,
                    Spec::Abs(p) => p.year,
                    _ => return Some((end, spec, kind, modifier)),
                };
                let first = if m == 12 { Partial::month(last, 1) } else { Partial::month(last - 1, m + 1) };
                return Some((after, Spec::AbsRange(first, Partial::month(last, m)), kind, modifier));
            }
        }
        Some((end, spec, kind, modifier))
    }

    /// A fiscal year as named: "the 2018/19 fiscal year", "FY2023", "fiscal 2022/23".
    fn fiscal_year_named(&self, i: usize) -> Option<Hit> {
        // "the 2018/19 fiscal year": the years first.
        if let Some(first) = self.year_num(i) {
            let split = self.t(i + 1).is_some_and(|t| (t.is_punct('/') || t.is_punct('-')) && !t.space_before);
            let second = self.t(i + 2).filter(|t| split && t.kind == TokKind::Num && !t.space_before).map(|t| {
                if t.digits() == 2 {
                    first / 100 * 100 + t.value as i32
                } else {
                    t.value as i32
                }
            })?;
            if second != first + 1 || !self.word(i + 3, "fiscal") {
                return None;
            }
            let end = if self.word(i + 4, "year") { i + 5 } else { i + 4 };
            return Some((end, Spec::AbsRange(Partial::year(first), Partial::year(second)), TimeKind::Period, None));
        }
        let k = if self.word(i, "fy") {
            i + 1
        } else if self.word(i, "fiscal") {
            if self.word(i + 1, "year") {
                i + 2
            } else {
                i + 1
            }
        } else {
            return None;
        };
        let first = match self.year_num(k) {
            Some(y) => y,
            // "FY23"
            None if self.word(i, "fy") => {
                let t = self.t(k).filter(|t| t.kind == TokKind::Num && t.digits() == 2 && !t.space_before)?;
                2000 + t.value as i32
            }
            None => return None,
        };
        // "2022/23", "2022-2023": the second year of a split fiscal year.
        if self.t(k + 1).is_some_and(|t| (t.is_punct('/') || t.is_punct('-')) && !t.space_before) {
            if let Some(t) = self.t(k + 2).filter(|t| t.kind == TokKind::Num && !t.space_before) {
                let second = match t.digits() {
                    2 => first / 100 * 100 + t.value as i32,
                    4 => t.value as i32,
                    _ => 0,
                };
                if second == first + 1 {
                    let spec = Spec::AbsRange(Partial::year(first), Partial::year(second));
                    return Some((k + 3, spec, TimeKind::Period, None));
                }
            }
        }
        Some((k + 1, Spec::Abs(Partial::year(first)), TimeKind::Period, None))
    }

    /// "9M 2023", "6M 2024": the first n months of the year.
    fn months_of_year(&self, i: usize) -> Option<Hit> {
        let n = self.t(i).filter(|t| t.kind == TokKind::Num && (1..=12).contains(&t.value) && !t.ordinal)?.value as u8;
        self.t(i + 1).filter(|m| m.norm == "m" && !m.space_before)?;
        let y = self.year_num(i + 2)?;
        Some((i + 3, Spec::Months(1, n, YearRef::Abs(y)), TimeKind::Period, None))
    }

    /// "early 2023", "mid-2022", "late May", "the end of 2024", "the beginning of March".
    fn modified(&self, i: usize) -> Option<Hit> {
        // "earlier this year", "later this month": the part of the current unit before or after
        // the reference date.
        if self.word(i, "earlier") || self.word(i, "later") {
            let (end, spec, _, _) = self.at(i + 1)?;
            return match spec {
                Spec::Unit(unit @ (Unit::Week | Unit::Month | Unit::Year), 0) => {
                    Some((end, Spec::PartOf(unit, self.word(i, "later")), TimeKind::Period, None))
                }
                _ => None,
            };
        }
        let (modifier, k) = match self.t(i)?.norm.as_ref() {
            "early" => ("early", i + 1),
            "late" => ("late", i + 1),
            "mid" => ("mid", if self.dash(i + 1) { i + 2 } else { i + 1 }),
            "the"
                if ["end", "beginning", "start", "middle"].iter().any(|w| self.word(i + 1, w))
                    && self.word(i + 2, "of") =>
            {
                let m = match self.t(i + 1)?.norm.as_ref() {
                    "end" => "end",
                    "middle" => "mid",
                    _ => "early",
                };
                (m, i + 3)
            }
            // Headline style, without "the": "end of this year", "start of 2024".
            "end" | "beginning" | "start" | "middle" if self.word(i + 1, "of") => {
                let m = match self.t(i)?.norm.as_ref() {
                    "end" => "end",
                    "middle" => "mid",
                    _ => "early",
                };
                (m, i + 2)
            }
            _ => return None,
        };
        // "by the end of the year", "end of month": the current one.
        let current = || {
            let j = if self.word(k, "the") { k + 1 } else { k };
            let unit = if self.word(j, "year") {
                Unit::Year
            } else if self.word(j, "month") {
                Unit::Month
            } else {
                return None;
            };
            Some((j + 1, Spec::Unit(unit, 0), TimeKind::Relative, None))
        };
        let (end, spec, kind, _) = self.at(k).or_else(current)?;
        match spec {
            Spec::Abs(_) | Spec::Month(..) | Spec::Unit(Unit::Year | Unit::Month, _) => {
                Some((end, spec, kind, Some(modifier)))
            }
            _ => None,
        }
    }

    /// A month name in any case (inside numeric dates such as "2019-aug-01").
    fn month_any_case(&self, i: usize) -> Option<(u8, usize)> {
        let t = self.t(i).filter(|t| t.kind == TokKind::Word && !t.space_before)?;
        month_from_name(&t.norm).map(|m| (m, i + 1))
    }

    /// A date right after a weekday (an optional comma or bracket between): the weekday's date.
    fn date_after_weekday(&self, k: usize, wd: u8) -> Option<Hit> {
        let k = if self.punct(k, ',') || self.punct(k, '-') || self.punct(k, '(') { k + 1 } else { k };
        let h = self
            .month_first(k)
            .or_else(|| self.day_first(k))
            .or_else(|| self.numeric_date(k))
            .or_else(|| self.short_numeric(k))
            .or_else(|| self.day_word_first(k));
        if let Some(h) = h {
            let end = if self.punct(h.0, ')') { h.0 + 1 } else { h.0 };
            // "Friday, June 15": the weekday picks the year the date does not write. (With a
            // year written, the date wins: a wrong weekday is the likelier slip.)
            let spec = match h.1 {
                Spec::DayMonth(m, d) => Spec::WeekdayDate(wd, m, d),
                spec => spec,
            };
            return Some((end, spec, h.2, h.3));
        }
        // "Tuesday the 11th", "Wednesday the thirty first"
        if self.word(k, "the") {
            if let Some((d, next)) = self.day_word(k + 1) {
                return Some((next, Spec::WeekdayDay(wd, d), TimeKind::Relative, None));
            }
        }
        // "Monday 21"
        let d = self.t(k).filter(|d| d.kind == TokKind::Num && d.digits() <= 2 && (1..=31).contains(&d.value))?;
        if self.t(k + 1).is_some_and(|n| n.kind == TokKind::Word && !n.capitalized && n.norm != "s") {
            return None;
        }
        Some((k + 1, Spec::WeekdayDay(wd, d.value as u8), TimeKind::Relative, None))
    }

    /// "22/04", "10/1" (no year): month/day, or day/month when the first cannot be a month.
    fn short_numeric(&self, i: usize) -> Option<Hit> {
        let a = self.t(i)?;
        let tight = |k: usize| self.t(k).is_some_and(|t| !t.space_before);
        if !(1..=2).contains(&a.digits()) || !self.punct(i + 1, '/') || !tight(i + 1) || !tight(i + 2) {
            return None;
        }
        let b = self.t(i + 2).filter(|b| (1..=2).contains(&b.digits()))?;
        if self.punct(i + 3, '/') || (self.dash(i + 3) && tight(i + 3)) && self.t(i + 4).is_none_or(|n| n.digits() > 2)
        {
            return None;
        }
        if i > 0 && self.t(i - 1).is_some_and(|p| (p.is_punct('/') || p.kind == TokKind::Num) && !a.space_before) {
            return None;
        }
        let (x, y) = (a.value as u8, b.value as u8);
        let (m, d) = if x > 12 { (y, x) } else { (x, y) };
        Date::new(2000, m, d)?;
        Some((i + 3, Spec::DayMonth(m, d), TimeKind::Relative, None))
    }

    /// "15th century", "the 21st century".
    fn century(&self, i: usize) -> Option<Hit> {
        let t = self.t(i)?;
        if !t.ordinal || !(1..=30).contains(&t.value) || !self.word(i + 1, "century") {
            return None;
        }
        let start = (t.value as i32 - 1) * 100;
        Some((i + 2, Spec::AbsRange(Partial::year(start), Partial::year(start + 99)), TimeKind::Absolute, None))
    }

    /// A day written as an ordinal word or number: "second", "twenty second", "twenty-first", "1st".
    fn day_word(&self, i: usize) -> Option<(u8, usize)> {
        let t = self.t(i)?;
        if t.kind == TokKind::Num && t.ordinal && (1..=31).contains(&t.value) {
            return Some((t.value as u8, i + 1));
        }
        if t.kind != TokKind::Word {
            return None;
        }
        let ord = |w: &str| -> Option<u8> { ORDINALS.iter().position(|o| *o == w).map(|p| p as u8 + 1) };
        if let Some(d) = ord(&t.norm) {
            return Some((d, i + 1));
        }
        let tens = match t.norm.as_ref() {
            "twenty" => 20,
            "thirty" => 30,
            _ => return None,
        };
        let k = if self.dash(i + 1) { i + 2 } else { i + 1 };
        let unit = ord(&self.t(k)?.norm).filter(|u| *u < 10)?;
        let d = tens + unit;
        (d <= 31).then_some((d, k + 1))
    }

    /// "the third month of 2021", "the 15th day of next month", "the twenty third day of
    /// September", "the last week of July": one unit counted from the start (or the end) of a
    /// period.
    fn nth_unit_of(&self, i: usize) -> Option<Hit> {
        let lead = if self.word(i, "the") { i + 1 } else { i };
        let (index, next) = match self.day_word(lead) {
            Some((d, next)) => (i64::from(d), next),
            None if self.word(lead, "last") => (-1, lead + 1),
            None => return None,
        };
        let unit = self.unit(next).filter(|u| match u {
            Unit::Month => index <= 12,
            Unit::Week => index <= 53,
            Unit::Day => true,
            _ => false,
        })?;
        let singular = !self.t(next)?.norm.ends_with('s');
        if !singular || !self.word(next + 1, "of") {
            return None;
        }
        let (end, _, _, _) = self.at(next + 2)?;
        Some((end, Spec::PartOfPeriod(unit, index, 1, next + 2), TimeKind::Absolute, None))
    }

    /// A day of the month written alone, as the other end of a range or list: "17", "17th",
    /// "seventeenth", "the seventeenth". (day, first token, next token)
    fn bare_day(&self, k: usize) -> Option<(u8, usize, usize)> {
        let at = if self.word(k, "the") { k + 1 } else { k };
        let t = self.t(at)?;
        let (d, next) = match t.kind {
            TokKind::Num if t.digits() <= 2 && (1..=31).contains(&t.value) => (t.value as u8, at + 1),
            TokKind::Word => self.day_word(at)?,
            _ => return None,
        };
        // "to 17 May" (a date of its own), "to 17 percent", "17 days": not a bare day.
        const MEASURES: &[&str] = &["percent", "per", "pc", "times", "million", "billion", "thousand", "of"];
        let bound = match self.t(next) {
            None => true,
            Some(n) if n.kind == TokKind::Punct => !(n.is_punct('-') || n.is_punct('/') || n.is_punct('%')),
            Some(n) if n.kind == TokKind::Word => {
                self.month(next).is_none() && self.unit(next).is_none() && !MEASURES.contains(&n.norm.as_ref())
            }
            Some(_) => false,
        };
        bound.then_some((d, k, next))
    }

    /// A day written alone beside a full date shares its month: "April 9 through 17", "April
    /// ninth to the seventeenth" (into the next month when the second day is smaller: "April 27
    /// to May 3" written "April 27 to the 3rd"), "from 9 to 17 April", "between the ninth and
    /// the seventeenth of April"; and "18 and 19 June" are two days.
    fn bare_day_partners(&self, found: &mut Vec<Found>) {
        let toks = self.toks;
        let link = |k: usize, between: bool| {
            toks.get(k).is_some_and(|t| {
                ["to", "through", "thru", "till", "until"].iter().any(|w| t.is(w))
                    || t.is_punct('-')
                    || t.is_punct('–')
                    || (between && t.is("and"))
            })
        };
        let mut extra: Vec<Found> = Vec::new();
        for n in 0..found.len() {
            let Some(TimeValue::Point(p)) = found[n].value else { continue };
            let (Some(m), Some(d)) = (p.month, p.day) else { continue };
            let next_first = found.get(n + 1).map_or(usize::MAX, |g| g.first);
            let prev_last = if n > 0 { found[n - 1].last } else { 0 };
            let f = &mut found[n];
            let opener = |k: usize| k > 0 && (toks[k - 1].is("from") || toks[k - 1].is("between"));
            let between = |k: usize| k > 0 && toks[k - 1].is("between");
            // Forward: "April 9 through 17".
            if link(f.last, between(f.first)) && f.last + 1 < next_first {
                if let Some((d2, _, end)) = self.bare_day(f.last + 1).filter(|&(_, _, e)| e <= next_first) {
                    let second = if d2 > d {
                        Partial::day(p.year, m, d2)
                    } else if toks[f.last].kind == TokKind::Word && !toks[f.last].is("and") {
                        // ("April 27 to the 3rd" runs into May; "7-6" is no such range.)
                        let (y2, m2) = if m == 12 { (p.year + 1, 1) } else { (p.year, m + 1) };
                        Partial::day(y2, m2, d2)
                    } else {
                        None
                    };
                    if let Some(b) = second {
                        f.value = Some(TimeValue::Range(p, b));
                        f.kind = TimeKind::Period;
                        f.last = end;
                        if opener(f.first) {
                            f.first -= 1;
                        }
                        continue;
                    }
                }
            }
            // Backward: "from 9 to 17 April", "between the ninth and the seventeenth of April",
            // "18 and 19 June".
            let Some(link_at) = f.first.checked_sub(1) else { continue };
            let list = toks[link_at].is("and") || toks[link_at].is_punct(',');
            if !(link(link_at, true) || list) {
                continue;
            }
            let starts = [link_at.checked_sub(2), link_at.checked_sub(1)];
            let Some((d1, start)) = starts
                .into_iter()
                .flatten()
                .filter(|&k| k >= prev_last)
                .find_map(|k| self.bare_day(k).filter(|&(_, _, e)| e == link_at).map(|(d1, s, _)| (d1, s)))
            else {
                continue;
            };
            let Some(a) = Partial::day(p.year, m, d1).filter(|_| d1 < d) else { continue };
            let ranged = (toks[link_at].is("and") && between(start)) || (!list && link(link_at, false));
            if ranged {
                f.value = Some(TimeValue::Range(a, p));
                f.kind = TimeKind::Period;
                f.first = if opener(start) { start - 1 } else { start };
            } else if toks[link_at].is("and") || toks[link_at].is_punct(',') {
                let first = if toks[start].is("the") { start + 1 } else { start };
                extra.push(Found {
                    trim_the: false,
                    first,
                    last: link_at,
                    kind: f.kind,
                    value: Some(TimeValue::Point(a)),
                    modifier: None,
                });
            }
        }
        if !extra.is_empty() {
            found.extend(extra);
            found.sort_by_key(|f| f.first);
        }
    }

    /// "this past Wednesday", "this coming Friday" (the inner words say which way), "this 12
    /// May" (by tense), "next 12 May" (the coming one).
    fn this_or_next(&self, i: usize) -> Option<Hit> {
        let this = self.word(i, "this");
        if !this && !self.word(i, "next") {
            return None;
        }
        let (end, spec, kind, modifier) = self.at(i + 1)?;
        let directed = ["past", "upcoming", "coming"].iter().any(|w| self.word(i + 1, w));
        match spec {
            _ if this && directed => Some((end, spec, kind, modifier)),
            Spec::DayMonth(..) | Spec::DayOfMonth(_) if this => Some((end, spec, kind, modifier)),
            Spec::DayMonth(..) | Spec::DayOfMonth(_) => Some((end, Spec::Coming(i + 1), kind, modifier)),
            _ => None,
        }
    }

    /// "second of Aug.", "the eleventh of May", "on the 4th".
    fn day_word_first(&self, i: usize) -> Option<Hit> {
        let lead = if self.word(i, "the") { i + 1 } else { i };
        let (d, next) = self.day_word(lead).filter(|_| self.t(lead).is_some_and(|t| t.kind == TokKind::Word))?;
        let k = if self.word(next, "of") { next + 1 } else { next };
        if let Some((m, after)) = self.month(k) {
            let (year, end) = match self.year_ref(after) {
                Some((YearRef::Abs(y), e)) => (Some(y), e),
                _ => (None, after),
            };
            return match year {
                Some(y) => Some((end, Spec::Abs(Partial::day(y, m, d)?), TimeKind::Absolute, None)),
                None => Some((end, Spec::DayMonth(m, d), TimeKind::Relative, None)),
            };
        }
        None
    }

    /// Whether the words before token `i` (in its sentence) put it in the future.
    fn future_context(&self, i: usize) -> bool {
        let mut k = i;
        let mut seen = 0;
        while k > 0 && seen < 8 {
            k -= 1;
            let t = &self.toks[k];
            if t.is_punct('.') || t.is_punct(';') || t.is_punct('\n') {
                break;
            }
            if t.kind == TokKind::Word {
                seen += 1;
                if FUTURE.contains(&t.norm.as_ref()) {
                    return true;
                }
                if t.norm.ends_with("ed") && t.norm.len() > 4 {
                    return false;
                }
            }
        }
        false
    }

    fn resolve(&self, spec: &Spec, future: bool) -> Option<TimeValue> {
        use TimeValue::{Point, Range};
        let r = self.reference;
        let year_of = |y: YearRef| -> Option<i32> {
            match y {
                YearRef::Abs(y) => Some(y),
                YearRef::Rel(k) => r.map(|r| r.year() + k),
                YearRef::ByTense => r.map(|r| r.year()),
            }
        };
        Some(match *spec {
            Spec::Abs(p) => Point(p),
            Spec::AbsRange(a, b) => Range(a, b),
            Spec::DayMonth(2, 29) => {
                let r = r?;
                let mut y = r.year();
                loop {
                    if let Some(date) = Date::new(y, 2, 29).filter(|x| if future { *x >= r } else { *x <= r }) {
                        break Point(date.into());
                    }
                    y += if future { 1 } else { -1 };
                    if (y - r.year()).abs() > 8 {
                        return None;
                    }
                }
            }
            Spec::DayMonth(m, d) => {
                let r = r?;
                let this = Date::new(r.year(), m, d);
                let date = match (future, this) {
                    (false, Some(t)) if t <= r => t,
                    (false, _) => Date::new(r.year() - 1, m, d)?,
                    (true, Some(t)) if t >= r => t,
                    (true, _) => Date::new(r.year() + 1, m, d)?,
                };
                Point(date.into())
            }
            Spec::Month(m, rel) => {
                let r = r?;
                let year = match rel {
                    Rel::This => r.year(),
                    Rel::Last => {
                        if m < r.month() {
                            r.year()
                        } else {
                            r.year() - 1
                        }
                    }
                    Rel::Next => {
                        if m > r.month() {
                            r.year()
                        } else {
                            r.year() + 1
                        }
                    }
                    Rel::ByTense if future => {
                        if m >= r.month() {
                            r.year()
                        } else {
                            r.year() + 1
                        }
                    }
                    Rel::ByTense => {
                        if m <= r.month() {
                            r.year()
                        } else {
                            r.year() - 1
                        }
                    }
                };
                Point(Partial::month(year, m))
            }
            Spec::Weekday(wd, rel) => {
                let r = r?;
                let diff = i64::from(wd) - i64::from(r.weekday());
                let date = match rel {
                    Rel::Last => r.add_days(if diff < 0 { diff } else { diff - 7 }),
                    Rel::Next => r.add_days(if diff > 0 { diff } else { diff + 7 }),
                    Rel::This => r.add_days(diff),
                    Rel::ByTense if future => r.add_days(if diff > 0 { diff } else { diff + 7 }),
                    Rel::ByTense => r.add_days(if diff <= 0 { diff } else { diff - 7 }),
                };
                Point(date.into())
            }
            Spec::Days(n) => Point(r?.add_days(n).into()),
            Spec::Unit(unit, off) => {
                let r = r?;
                unit_value(r, unit, off)?
            }
            Spec::Months(m1, m2, y) => {
                let y = match y {
                    YearRef::ByTense => {
                        let r = r?;
                        if future || m1 <= r.month() {
                            r.year()
                        } else {
                            r.year() - 1
                        }
                    }
                    other => year_of(other)?,
                };
                if m1 == m2 {
                    Point(Partial::month(y, m1))
                } else {
                    Range(Partial::month(y, m1), Partial::month(y, m2))
                }
            }
            Spec::DayRange(m, d1, d2, y) => {
                let y = match y {
                    YearRef::ByTense => {
                        let r = r?;
                        let this = Date::new(r.year(), m, d1)?;
                        if future || this <= r {
                            r.year()
                        } else {
                            r.year() - 1
                        }
                    }
                    other => year_of(other)?,
                };
                Range(Partial::day(y, m, d1)?, Partial::day(y, m, d2)?)
            }
            Spec::PastYears(n) => {
                let r = r?;
                if future {
                    day_offset(r, Unit::Year, n)?
                } else {
                    Range(Partial::year(r.year() - n as i32 + 1), Partial::year(r.year()))
                }
            }
            Spec::PastMonths(n) if future => day_offset(r?, Unit::Month, n)?,
            Spec::PastMonths(n) => {
                let r = r?;
                let end = Partial::month(r.year(), r.month());
                let total = r.year() as i64 * 12 + i64::from(r.month()) - 1 - (n - 1);
                let start = Partial::month((total / 12) as i32, (total % 12) as u8 + 1);
                Range(start, end)
            }
            Spec::Ago(unit, n) => unit_value(r?, unit, -n)?,
            Spec::After(unit, n) => unit_value(r?, unit, n)?,
            Spec::DayOfMonth(d) => {
                let r = r?;
                let this = Date::new(r.year(), r.month(), d);
                let date = match (future, this) {
                    (false, Some(t)) if t <= r => t,
                    (true, Some(t)) if t >= r => t,
                    (false, _) => {
                        let prev = r.add_days(-i64::from(r.day()));
                        Date::new(prev.year(), prev.month(), d)?
                    }
                    (true, _) => {
                        let next = r.add_days(i64::from(days_in_month(r.year(), r.month())) - i64::from(r.day()) + 1);
                        Date::new(next.year(), next.month(), d)?
                    }
                };
                Point(date.into())
            }
            Spec::WeekdayDate(wd, m, d) => {
                let r = r?;
                // The agreeing day nearest the reference, within a year of it (news leaves
                // the year out of recent dates only); none: the tense decides, as without
                // the weekday.
                let gap = |x: &Date| (x.to_days() - r.to_days()).abs();
                let agreeing = [r.year() - 1, r.year(), r.year() + 1]
                    .into_iter()
                    .filter_map(|y| Date::new(y, m, d))
                    .filter(|x| x.weekday() == wd && gap(x) <= 366)
                    .min_by_key(gap);
                match agreeing {
                    Some(date) => Point(date.into()),
                    None => self.resolve(&Spec::DayMonth(m, d), future)?,
                }
            }
            Spec::WeekdayDay(wd, d) => {
                let r = r?;
                // The nearest month (this one, then earlier ones) where day d is that weekday.
                let (mut y, mut m) = (r.year(), r.month());
                let mut found = None;
                for _ in 0..36 {
                    if let Some(date) = Date::new(y, m, d).filter(|x| x.weekday() == wd) {
                        found = Some(date);
                        break;
                    }
                    if m == 1 {
                        y -= 1;
                        m = 12;
                    } else {
                        m -= 1;
                    }
                }
                Point(found?.into())
            }
            Spec::Offset(unit, n, anchor) => day_offset(r?.add_days(anchor), unit, n)?,
            Spec::Coming(k) => {
                let (_, inner, _, _) = self.at(k)?;
                self.resolve(&inner, true)?
            }
            Spec::PartOfPeriod(unit, index, n, k) => {
                let (_, inner, _, _) = self.at(k)?;
                let (a, b) = self.resolve(&inner, future)?.ends();
                part_of_period(a.first_day(), b.end_exclusive().add_days(-1), unit, index, n)?
            }
            Spec::Lasting(unit, n, k) => {
                let (_, inner, _, _) = self.at(k)?;
                let (from, _) = self.resolve(&inner, future)?.ends();
                from.day?;
                let from = from.first_day();
                let (after, _) = day_offset(from, unit, n)?.ends();
                Range(from.into(), after.first_day().add_days(-1).into())
            }
            Spec::OffsetFrom(unit, n, k) => {
                let (_, inner, _, _) = self.at(k)?;
                let (from, _) = self.resolve(&inner, future)?.ends();
                day_offset(from.first_day(), unit, n)?
            }
            Spec::Units(unit, n) => {
                let r = r?;
                let (a, b) = if n < 0 { (n, -1) } else { (1, n) };
                let (first, _) = unit_value(r, unit, a)?.ends();
                let (_, last) = unit_value(r, unit, b)?.ends();
                Range(first, last)
            }
            Spec::InUnits(unit, n) => {
                let r = r?;
                if future || matches!(unit, Unit::Day | Unit::Week | Unit::Fortnight) {
                    day_offset(r, unit, n)?
                } else {
                    Range(Partial::year(r.year() - n as i32 + 1), Partial::year(r.year()))
                }
            }
            Spec::PartOf(unit, later) => {
                let r = r?;
                let (a, b) = unit_value(r, unit, 0)?.ends();
                let first = Partial::day(a.year, a.month.unwrap_or(1), a.day.unwrap_or(1))?;
                let last_month = b.month.unwrap_or(12);
                let last = Partial::day(b.year, last_month, b.day.unwrap_or(days_in_month(b.year, last_month)))?;
                if later {
                    Range(r.into(), last)
                } else {
                    Range(first, r.into())
                }
            }
            Spec::WeekdayOfWeek(wd, off) => {
                let r = r?;
                let monday = r.add_days(-i64::from(r.weekday()) + 7 * off);
                Point(monday.add_days(i64::from(wd)).into())
            }
            Spec::Window(unit, n) => {
                let r = r?;
                let (_, other) = day_offset(r, unit, n)?.ends();
                if n < 0 {
                    Range(other, r.into())
                } else {
                    Range(r.into(), other)
                }
            }
            Spec::YearToDate => {
                let r = r?;
                Range(Partial::day(r.year(), 1, 1)?, r.into())
            }
            Spec::Since(p) => match r {
                Some(r) => Range(p, Partial::year(r.year())),
                None => Point(p),
            },
            Spec::Holiday(rule, rel) => {
                let r = r?;
                let this = rule.day_in(r.year())?;
                // "last Easter" is before the reference, "next Easter" after it; without a
                // word before it, the tense says which, the reference's own day included.
                let (ahead, strict) = match rel {
                    Rel::This => return Some(Point(this.into())),
                    Rel::Next => (true, true),
                    Rel::Last => (false, true),
                    Rel::ByTense => (future, false),
                };
                let day = match (ahead, this.cmp(&r)) {
                    (true, std::cmp::Ordering::Greater) | (false, std::cmp::Ordering::Less) => this,
                    (_, std::cmp::Ordering::Equal) if !strict => this,
                    (true, _) => rule.day_in(r.year() + 1)?,
                    (false, _) => rule.day_in(r.year() - 1)?,
                };
                Point(day.into())
            }
            Spec::IsoWeek(n, y) => weeks::iso_week(year_of(y)?, n)?,
            Spec::Weekend(off) => weeks::weekend(r?, off, future),
            Spec::WorkWeek(off) => weeks::work_week(r?, off),
            Spec::HolidayWeekend(k) => {
                let (rule, _) = self.holiday_name(k)?;
                let day = match self.holiday_weekend_year(k) {
                    Some(y) => rule.day_in(y)?,
                    None => match self.resolve(&Spec::Holiday(rule, Rel::ByTense), future)? {
                        Point(p) => p.first_day(),
                        Range(..) => return None,
                    },
                };
                weeks::holiday_weekend(day)
            }
            Spec::Quarter(q, y) => {
                let y = year_of(y)?;
                Range(Partial::month(y, q * 3 - 2), Partial::month(y, q * 3))
            }
            Spec::Half(h, y) => {
                let y = year_of(y)?;
                Range(Partial::month(y, h * 6 - 5), Partial::month(y, h * 6))
            }
        })
    }
}

/// The day `n` units after `from` (before, when negative).
fn day_offset(from: Date, unit: Unit, n: i64) -> Option<TimeValue> {
    let date = match unit {
        Unit::Day => from.add_days(n),
        Unit::Week => from.add_days(7 * n),
        Unit::Fortnight => from.add_days(14 * n),
        Unit::Month | Unit::Quarter | Unit::Year | Unit::Decade => {
            let months = n * match unit {
                Unit::Month => 1,
                Unit::Quarter => 3,
                Unit::Year => 12,
                _ => 120,
            };
            let total = i64::from(from.year()) * 12 + i64::from(from.month()) - 1 + months;
            let (y, m) = (total.div_euclid(12) as i32, total.rem_euclid(12) as u8 + 1);
            Date::new(y, m, from.day().min(days_in_month(y, m)))?
        }
    };
    Some(TimeValue::Point(date.into()))
}

/// Whole units of the period `first..=last`: `n` of them from the `index`-th on (1-based),
/// counted from the end when `index` < 0. Weeks are whole Monday-Sunday weeks inside the period.
/// None where they do not fit in it.
fn part_of_period(first: Date, last: Date, unit: Unit, index: i64, n: i64) -> Option<TimeValue> {
    use TimeValue::{Point, Range};
    let (from, to) = match unit {
        Unit::Day if index > 0 => (first.add_days(index - 1), first.add_days(index - 1 + n - 1)),
        Unit::Day => (last.add_days(index + 1 - n + 1), last.add_days(index + 1)),
        // Weeks run Monday to Sunday and belong to the period that holds most of their days,
        // as ISO 8601 counts the weeks of a year: the first week holds the period's fourth day
        // ("the first week of 2015" is 29 December 2014 to 4 January 2015), the last its
        // fourth day from the end.
        Unit::Week => {
            let fourth = first.add_days(3);
            let monday = fourth.add_days(-i64::from(fourth.weekday()));
            let fourth_last = last.add_days(-3);
            let sunday = fourth_last.add_days(6 - i64::from(fourth_last.weekday()));
            if index > 0 {
                let start = monday.add_days(7 * (index - 1));
                (start, start.add_days(7 * n - 1))
            } else {
                let end = sunday.add_days(7 * (index + 1));
                (end.add_days(-(7 * n - 1)), end)
            }
        }
        Unit::Month if index > 0 && n == 1 => {
            let (Point(p), _) = (day_offset(first, Unit::Month, index - 1)?, ()) else { return None };
            let month = Partial::month(p.year, p.month?);
            return (month.first_day() >= first && month.end_exclusive().add_days(-1) <= last).then_some(Point(month));
        }
        _ => return None,
    };
    // A week may reach over the period's edge by up to three days; days and months may not.
    let (first, last) = if unit == Unit::Week { (first.add_days(-3), last.add_days(3)) } else { (first, last) };
    if from < first || to > last || to < from {
        return None;
    }
    Some(if from == to { Point(from.into()) } else { Range(from.into(), to.into()) })
}

/// The unit `off` units away from the reference: "last year" is (year, -1).
fn unit_value(r: Date, unit: Unit, off: i64) -> Option<TimeValue> {
    use TimeValue::{Point, Range};
    Some(match unit {
        Unit::Day => Point(r.add_days(off).into()),
        Unit::Week => {
            let monday = r.add_days(-i64::from(r.weekday()) + 7 * off);
            Range(monday.into(), monday.add_days(6).into())
        }
        // Two weeks from the Monday of the reference's week.
        Unit::Fortnight => {
            let monday = r.add_days(-i64::from(r.weekday()) + 14 * off);
            Range(monday.into(), monday.add_days(13).into())
        }
        Unit::Month => {
            let total = i64::from(r.year()) * 12 + i64::from(r.month()) - 1 + off;
            Point(Partial::month((total.div_euclid(12)) as i32, (total.rem_euclid(12)) as u8 + 1))
        }
        Unit::Quarter => {
            let q = i64::from(r.month() - 1) / 3;
            let total = i64::from(r.year()) * 4 + q + off;
            let (y, q) = (total.div_euclid(4) as i32, total.rem_euclid(4) as u8);
            Range(Partial::month(y, q * 3 + 1), Partial::month(y, q * 3 + 3))
        }
        Unit::Year => Point(Partial::year(r.year() + off as i32)),
        Unit::Decade => {
            let start = r.year() / 10 * 10 + 10 * off as i32;
            Range(Partial::year(start), Partial::year(start + 9))
        }
    })
}

mod bounds;
mod codes;
mod holidays;
mod russian;
#[cfg(test)]
mod tests;
mod weeks;
mod words;
