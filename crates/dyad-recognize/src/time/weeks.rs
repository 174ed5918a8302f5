//! Weeks by number and the weekend: "week 31", "week 3 of 2027", "week 27 of last year" (ISO
//! 8601 weeks, Monday to Sunday), "this weekend", "the weekend", "next workweek", "the weekend
//! of Halloween", "Thanksgiving weekend 2023".
//!
//! Why: ministries and statistics offices count weeks by number ("in week 23 exports fell"), and
//! news dates visits by the weekend ("talks over the weekend").
//!
//! Conventions: a week number without a year is of the reference's ISO year. A weekend is
//! Saturday and Sunday; "the weekend" without "this", "next" or "last" is the coming one in a
//! sentence about the future, else the latest one begun by the reference's week (on Monday to
//! Thursday the one before, from Friday this week's). A holiday's weekend takes the holiday in:
//! Saturday to Monday for a Monday holiday, Thursday to Sunday for a Thursday one. A working
//! week is Monday to Friday.

use super::{Cx, Hit, Partial, Spec, TimeKind, TimeValue, YearRef};
use crate::date::Date;
use crate::token::TokKind;

/// Which weekend or working week: `Some(k)` is k weeks from the reference's, `None` by tense.
pub(super) type WeekOffset = Option<i64>;

impl Cx<'_> {
    /// "week 31", "week 3 of 2027", "week 27 of last year", "week 10" (the span starts at "week").
    pub(super) fn week_number(&self, i: usize) -> Option<Hit> {
        if !self.word(i, "week") {
            return None;
        }
        let t = self.t(i + 1).filter(|t| t.kind == TokKind::Num && !t.ordinal && t.digits() <= 2)?;
        let n = u8::try_from(t.value).ok().filter(|n| (1..=53).contains(n))?;
        let (yref, end) = match self.year_ref(i + 2) {
            Some((y @ (YearRef::Abs(_) | YearRef::Rel(_)), e)) => (y, e),
            _ => (YearRef::ByTense, i + 2),
        };
        if let YearRef::Abs(y) = yref {
            iso_week(y, n)?;
        }
        Some((end, Spec::IsoWeek(n, yref), TimeKind::Period, None))
    }

    /// "this weekend", "the weekend", "weekend", "next workweek", "this working week".
    pub(super) fn weekend(&self, i: usize) -> Option<Hit> {
        let (off, k) = match self.rel_word(i) {
            Some(super::Rel::Last) => (Some(-1), i + 1),
            Some(super::Rel::This) => (Some(0), i + 1),
            Some(super::Rel::Next) => (Some(1), i + 1),
            _ if self.word(i, "the") || self.word(i, "that") => (None, i + 1),
            _ => (None, i),
        };
        if self.word(k, "weekend") {
            // "the weekend of Halloween"
            if self.word(k + 1, "of") {
                if let Some(h) = self.holiday_weekend_after(k + 2) {
                    return Some(h);
                }
            }
            return Some((k + 1, Spec::Weekend(off), TimeKind::Relative, None));
        }
        let work = if self.word(k, "workweek") {
            Some(k + 1)
        } else if (self.word(k, "working") || self.word(k, "work")) && self.word(k + 1, "week") {
            Some(k + 2)
        } else {
            None
        };
        let end = work.filter(|_| off.is_some())?;
        Some((end, Spec::WorkWeek(off.unwrap_or(0)), TimeKind::Relative, None))
    }

    /// A holiday, its year if written, then "weekend": "Labor Day weekend", "Halloween weekend
    /// 2021", "Labor Day 2021 weekend".
    pub(super) fn holiday_weekend(&self, i: usize) -> Option<Hit> {
        let (_, end) = self.holiday_name(i)?;
        let end = if self.year_num(end).is_some() { end + 1 } else { end };
        if !self.word(end, "weekend") {
            return None;
        }
        let after = if self.year_num(end + 1).is_some() { end + 2 } else { end + 1 };
        Some((after, Spec::HolidayWeekend(i), TimeKind::Period, None))
    }

    /// After "weekend of": a holiday and its year if written.
    fn holiday_weekend_after(&self, k: usize) -> Option<Hit> {
        let (_, end) = self.holiday_name(k)?;
        let end = if self.year_num(end).is_some() { end + 1 } else { end };
        Some((end, Spec::HolidayWeekend(k), TimeKind::Period, None))
    }

    /// The year written after the holiday at `k` or after its "weekend", if any.
    pub(super) fn holiday_weekend_year(&self, k: usize) -> Option<i32> {
        let (_, end) = self.holiday_name(k)?;
        self.year_num(end).or_else(|| self.word(end, "weekend").then(|| self.year_num(end + 1)).flatten())
    }
}

/// Monday to Sunday of ISO week `n` of `year`; None where the year has no such week.
pub(super) fn iso_week(year: i32, n: u8) -> Option<TimeValue> {
    let jan4 = Date::new(year, 1, 4)?;
    let monday = jan4.add_days(-i64::from(jan4.weekday()) + 7 * (i64::from(n) - 1));
    let next_jan4 = Date::new(year + 1, 1, 4)?;
    let next_week1 = next_jan4.add_days(-i64::from(next_jan4.weekday()));
    (monday < next_week1).then(|| TimeValue::Range(monday.into(), monday.add_days(6).into()))
}

/// The weekend `off` weeks from the reference's (by tense when None).
pub(super) fn weekend(r: Date, off: WeekOffset, future: bool) -> TimeValue {
    let saturday = r.add_days(5 - i64::from(r.weekday()));
    let off = off.unwrap_or(if future || r.weekday() >= 4 { 0 } else { -1 });
    let sat = saturday.add_days(7 * off);
    TimeValue::Range(sat.into(), sat.add_days(1).into())
}

/// Monday to Friday of the week `off` weeks from the reference's.
pub(super) fn work_week(r: Date, off: i64) -> TimeValue {
    let monday = r.add_days(-i64::from(r.weekday()) + 7 * off);
    TimeValue::Range(monday.into(), monday.add_days(4).into())
}

/// The weekend around a holiday, the holiday included.
pub(super) fn holiday_weekend(day: Date) -> TimeValue {
    let (from, to) = match day.weekday() {
        // Monday: the weekend before it.
        0 => (day.add_days(-2), day),
        // Thursday and Friday: on to Sunday.
        3 | 4 => (day, day.add_days(6 - i64::from(day.weekday()))),
        // Saturday and Sunday: their own weekend; Tuesday and Wednesday: the one before.
        5 => (day, day.add_days(1)),
        6 => (day.add_days(-1), day),
        w => (day.add_days(-(i64::from(w) + 2)), day.add_days(-(i64::from(w) + 1))),
    };
    TimeValue::Range(Partial::from(from), Partial::from(to))
}

#[cfg(test)]
mod tests {
    use crate::time::find_times;
    use crate::Date;

    fn found(text: &str, r: Date) -> Vec<(String, String)> {
        find_times(text, Some(r))
            .iter()
            .map(|t| (text[t.start..t.end].to_string(), t.iso().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn iso_week_numbers() {
        let r = Date::new(2019, 3, 2).unwrap();
        assert_eq!(found("Exports fell in week 1.", r), [("week 1".into(), "2018-12-31/2019-01-06".into())]);
        assert_eq!(found("in week 3 of 2027", r), [("week 3 of 2027".into(), "2027-01-18/2027-01-24".into())]);
        assert_eq!(
            found("in week 27 of last year", r),
            [("week 27 of last year".into(), "2018-07-02/2018-07-08".into())]
        );
        // 2020 has 53 weeks, 2019 does not.
        assert_eq!(found("week 53 of 2020", r), [("week 53 of 2020".into(), "2020-12-28/2021-01-03".into())]);
        assert!(found("week 53 of 2019", r).iter().all(|(t, _)| t != "week 53 of 2019"));
    }

    #[test]
    fn weekends() {
        let friday = Date::new(2016, 11, 11).unwrap();
        let monday = Date::new(2016, 11, 14).unwrap();
        assert_eq!(found("They met at the weekend.", friday), [("the weekend".into(), "2016-11-12/2016-11-13".into())]);
        assert_eq!(
            found("They met over the weekend.", monday),
            [("the weekend".into(), "2016-11-12/2016-11-13".into())]
        );
        assert_eq!(
            found("They will meet at the weekend.", monday),
            [("the weekend".into(), "2016-11-19/2016-11-20".into())]
        );
        assert_eq!(found("next weekend", monday), [("next weekend".into(), "2016-11-26/2016-11-27".into())]);
        assert_eq!(found("this working week", monday), [("this working week".into(), "2016-11-14/2016-11-18".into())]);
    }

    #[test]
    fn holiday_weekends_take_the_holiday_in() {
        let r = Date::new(2021, 11, 9).unwrap();
        assert_eq!(
            found("Labor Day 2021 weekend", r),
            [("Labor Day 2021 weekend".into(), "2021-09-04/2021-09-06".into())]
        );
        assert_eq!(
            found("the weekend of Thanksgiving 2023", r),
            [("the weekend of Thanksgiving 2023".into(), "2023-11-23/2023-11-26".into())]
        );
    }
}
