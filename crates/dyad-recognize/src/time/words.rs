//! Dates and years written in words: "nineteen ninety six", "two thousand and fifteen",
//! "seventeen hundred thirty three", "January twenty five nineteen eighty six", "fifteen
//! August 1993", "in two thousand and twenty".
//!
//! Why: speeches, transcripts and anniversary pieces spell years out ("since nineteen ninety
//! two"), and a day written as a cardinal after its month ("May twenty nine") is how people
//! say dates aloud. Read as numbers they would be counts of nothing.
//!
//! A year in words stands alone only after a preposition and before the end of the phrase
//! ("in two thousand and fifteen", not "in two thousand cases"); a day in cardinal words only
//! with its month, and with a year or at the end of the phrase ("in March twenty countries" is
//! no date).

use super::{Cx, Hit, Partial, Spec, TimeKind, YearRef};
use crate::number::small_number_word;
use crate::token::TokKind;

/// Words a year in words may follow when it stands alone.
const LEADS: &[&str] =
    &["in", "since", "until", "till", "by", "from", "to", "through", "of", "during", "before", "after"];

/// Words that may follow a year in words that stands alone (else a noun may follow a count).
const AFTER: &[&str] = &["and", "or", "but", "when", "until", "to", "through", "before", "after", "then"];

impl Cx<'_> {
    /// The value of a number word at `k` ("five" is 5).
    fn small_word(&self, k: usize) -> Option<u32> {
        let t = self.t(k).filter(|t| t.kind == TokKind::Word)?;
        small_number_word(&t.norm).map(|v| v as u32)
    }

    /// 1 to 99 in words: "five", "fifteen", "ninety six", "ninety-six" (value, end).
    fn two_digit_words(&self, k: usize) -> Option<(u32, usize)> {
        let v = self.small_word(k).filter(|v| (1..100).contains(v))?;
        if v >= 20 && v % 10 == 0 {
            let j = if self.dash(k + 1) { k + 2 } else { k + 1 };
            if let Some(u) = self.small_word(j).filter(|u| (1..10).contains(u)) {
                return Some((v + u, j + 1));
            }
        }
        Some((v, k + 1))
    }

    /// A year in words at token `k` (year, end): "nineteen ninety six", "nineteen oh five",
    /// "seventeen hundred thirty three", "two thousand and fifteen", "twenty twenty-two".
    pub(super) fn year_words(&self, k: usize) -> Option<(i32, usize)> {
        let c = self.small_word(k)?;
        let (year, end) = if c == 2 && self.word(k + 1, "thousand") {
            // "two thousand", "two thousand and fifteen", "two thousand five"
            let j = if self.word(k + 2, "and") { k + 3 } else { k + 2 };
            match self.two_digit_words(j) {
                Some((v, e)) => (2000 + v, e),
                None => (2000, k + 2),
            }
        } else if (10..=20).contains(&c) {
            if self.word(k + 1, "hundred") {
                let j = if self.word(k + 2, "and") { k + 3 } else { k + 2 };
                match self.two_digit_words(j) {
                    Some((v, e)) => (c * 100 + v, e),
                    None => (c * 100, k + 2),
                }
            } else if self.word(k + 1, "oh") || self.word(k + 1, "o") {
                let u = self.small_word(k + 2).filter(|u| (1..10).contains(u))?;
                (c * 100 + u, k + 3)
            } else {
                let (v, e) = self.two_digit_words(k + 1).filter(|(v, _)| *v >= 10)?;
                (c * 100 + v, e)
            }
        } else {
            return None;
        };
        (1000..=2999).contains(&year).then_some((year as i32, end))
    }

    /// A day of the month in cardinal words at `k`: "five", "twenty five", "thirty-one".
    fn day_cardinal(&self, k: usize) -> Option<(u8, usize)> {
        let (d, end) = self.two_digit_words(k).filter(|(d, _)| (1..=31).contains(d))?;
        Some((d as u8, end))
    }

    /// Whether the phrase ends at token `k` (the end, or punctuation).
    fn phrase_ends(&self, k: usize) -> bool {
        self.t(k).is_none_or(|t| t.kind == TokKind::Punct && !t.is_punct('%'))
    }

    /// After a month ending before `next`: a day in cardinal words, with a year or ending the
    /// phrase ("May twenty nine", "January twenty five nineteen eighty six").
    pub(super) fn month_then_cardinal(&self, m: u8, next: usize) -> Option<Hit> {
        let (d, after) = self.day_cardinal(next)?;
        match self.year_ref(after) {
            Some((YearRef::Abs(y), e)) => Some((e, Spec::Abs(Partial::day(y, m, d)?), TimeKind::Absolute, None)),
            _ if self.phrase_ends(after) && after > next + 1 => {
                Some((after, Spec::DayMonth(m, d), TimeKind::Relative, None))
            }
            _ => None,
        }
    }

    /// "twenty five January nineteen eighty six", "on fifteen August 1993": a day in cardinal
    /// words before its month, with a year or after "on".
    pub(super) fn cardinal_then_month(&self, i: usize) -> Option<Hit> {
        let (d, next) = self.day_cardinal(i)?;
        let k = if self.word(next, "of") { next + 1 } else { next };
        let (m, after) = self.month(k)?;
        match self.year_ref(after) {
            Some((YearRef::Abs(y), e)) => Some((e, Spec::Abs(Partial::day(y, m, d)?), TimeKind::Absolute, None)),
            _ if i > 0 && self.word(i - 1, "on") => Some((after, Spec::DayMonth(m, d), TimeKind::Relative, None)),
            _ => None,
        }
    }

    /// A year in words standing alone after a preposition: "in nineteen ninety six", "since
    /// two thousand and fifteen" (the span starts at the year).
    pub(super) fn lone_year_words(&self, i: usize) -> Option<Hit> {
        if i == 0 || !LEADS.iter().any(|w| self.word(i - 1, w)) {
            return None;
        }
        let (y, end) = self.year_words(i).filter(|(_, end)| *end >= i + 2)?;
        let ends = self.phrase_ends(end) || AFTER.iter().any(|w| self.word(end, w));
        ends.then_some((end, Spec::Abs(Partial::year(y)), TimeKind::Absolute, None))
    }
}

#[cfg(test)]
mod tests {
    use crate::time::find_times;
    use crate::Date;

    fn found(text: &str) -> Vec<(String, String)> {
        find_times(text, Date::new(2024, 5, 23))
            .iter()
            .map(|t| (text[t.start..t.end].to_string(), t.iso().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn years_in_words() {
        assert_eq!(found("They met in nineteen ninety six."), [("nineteen ninety six".into(), "1996".into())]);
        assert_eq!(found("in two thousand and fifteen and then"), [("two thousand and fifteen".into(), "2015".into())]);
        assert_eq!(
            found("the plant opened in October two thousand"),
            [("October two thousand".into(), "2000-10".into())]
        );
        assert_eq!(
            found("The port opened on 6 April seventeen hundred thirty three."),
            [("6 April seventeen hundred thirty three".into(), "1733-04-06".into())]
        );
        // A count stays a count.
        assert!(found("in two thousand cases").is_empty());
    }

    #[test]
    fn days_in_cardinal_words() {
        assert_eq!(
            found("born January twenty five nineteen eighty six"),
            [("January twenty five nineteen eighty six".into(), "1986-01-25".into())]
        );
        assert_eq!(
            found("born twenty five January nineteen eighty six"),
            [("twenty five January nineteen eighty six".into(), "1986-01-25".into())]
        );
        assert_eq!(found("They will be back May twenty nine"), [("May twenty nine".into(), "2024-05-29".into())]);
        // "twenty countries" is a count after a month.
        assert_eq!(found("in March twenty countries signed"), [("March".into(), "2024-03".into())]);
    }
}
