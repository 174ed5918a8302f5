//! Open-ended ranges: a time with one end left open by the words around it. "after 2018",
//! "later than 2020" and "more than two weeks after today" start after it; "since June",
//! "starting on January 7th", "2012 or later" and "as early as next year" start with it;
//! "before 2019", "no later than 1 January 2010" end before it; "until April 27th" and "as late
//! as tomorrow" end with it.
//!
//! Why: news dates a measure or a ban by one bound ("tariffs in force since 2018", "troops to
//! leave before the end of 2021"), and a reader who is given "2018" alone gets the wrong period.
//! The expression keeps the value it names (so rules reading the value see what they saw
//! before), its span grows over the bound words, and its `modifier` says which end is open:
//! "after", "before", "until", and "from" for a start that includes the value ("starting on
//! March 3" dates a visit's first day). "since" stays the word's own: a period running up to
//! now, which the fact rules treat as cumulative. [`TimeMatch::open_range`] writes the range in
//! ISO 8601 style: "2019/.." or "../2017".
//!
//! A bound on a part of a period ("before the end of 2019", "since late July", "after mid
//! May", "by the end of this month") bounds the part: its value becomes the part (the last
//! third of a year, days 1-15, 10-20 or 16 to the end of a month), and "before the end of X"
//! and "by the end of X" run until X's last day, "after the beginning of X" from its first,
//! "more than two weeks before today" ends before that day.

use super::{Found, Partial, TimeMatch};
use crate::token::{Tok, TokKind};

/// Lead phrases (lower-case words) and the bound they make.
const LEADS: &[(&[&str], &str)] = &[
    (&["no", "later", "than"], "until"),
    (&["not", "later", "than"], "until"),
    (&["later", "than"], "after"),
    (&["greater", "than"], "after"),
    (&["no", "earlier", "than"], "from"),
    (&["not", "earlier", "than"], "from"),
    (&["earlier", "than"], "before"),
    (&["after"], "after"),
    (&["before"], "before"),
    (&["until"], "until"),
    (&["till"], "until"),
    (&["as", "late", "as"], "until"),
    (&["as", "early", "as"], "from"),
    (&["starting", "on"], "from"),
    (&["starting", "from"], "from"),
    (&["starting"], "from"),
    (&["beginning", "on"], "from"),
    (&["beginning", "from"], "from"),
    (&["beginning"], "from"),
    (&["since"], "since"),
];

/// Trailing phrases: "2012 or later", "1/1/2016 and after", "2016 and greater".
const TRAILS: &[(&[&str], &str)] = &[
    (&["or", "later"], "from"),
    (&["and", "later"], "from"),
    (&["or", "after"], "from"),
    (&["and", "after"], "from"),
    (&["and", "greater"], "from"),
    (&["or", "greater"], "from"),
    (&["or", "earlier"], "until"),
    (&["and", "earlier"], "until"),
    (&["or", "before"], "until"),
    (&["and", "before"], "until"),
];

/// Lead phrases that bound only a part of a period ("by the end of 2025").
const PART_LEADS: &[(&[&str], &str)] = &[(&["by"], "until")];

/// Grows each found time over the bound words before or after it, and marks the open end.
/// A time that already has another modifier (a "since" period) keeps it.
pub(super) fn open_bounds(toks: &[Tok<'_>], found: &mut [Found]) {
    let mut floor = 0;
    for k in 0..found.len() {
        let next_first = found.get(k + 1).map(|f| f.first);
        let f = &mut found[k];
        let part = f.modifier.filter(|m| matches!(*m, "early" | "mid" | "late" | "end"));
        // One day, month or year, or a part of one: a range ("between 2015 and 2018") has
        // both its ends.
        let point = matches!(f.value, Some(super::TimeValue::Point(_)));
        let free = f.modifier.is_none() && point || part.is_some() && f.value.is_some();
        if free {
            // "before the year 2019": the article may stand between the bound and the time.
            let at = if f.first > floor && toks[f.first - 1].is("the") { f.first - 1 } else { f.first };
            let leads = LEADS.iter().chain(if part.is_some() { PART_LEADS } else { &[] });
            let more_than = ends_at(toks, f.first, &["more", "than"], floor);
            if let Some((words, bound)) = leads.clone().find(|(w, _)| ends_at(toks, at, w, floor)) {
                f.first = at - words.len();
                f.modifier = Some(bound);
                if let Some(part) = part {
                    f.modifier = Some(bound_of_part(bound, part));
                    f.value = part_value(f.value, part);
                }
            } else if let Some(bound) = more_than.then(|| offset_bound(&toks[f.first..f.last])).flatten() {
                // "more than 2 weeks before today": before that day; "after": from it.
                f.first -= 2;
                f.modifier = Some(bound);
            } else if let Some((words, bound)) =
                TRAILS.iter().find(|(w, _)| part.is_none() && trails(toks, f.last, w, next_first))
            {
                f.last += words.len();
                f.modifier = Some(bound);
            }
        }
        floor = f.last;
    }
}

/// The bound a lead word puts on a part of a period: "before the end of X" runs until X's end,
/// "after the beginning of X" from its start.
fn bound_of_part(bound: &'static str, part: &str) -> &'static str {
    match (bound, part) {
        ("before", "end") => "until",
        ("after", "early") => "from",
        _ => bound,
    }
}

/// The part of a month a modifier names, as days (early 1-15, mid 10-20, late and end 16 to
/// the last); a year's part is already its months (see `apply_modifier`).
fn part_value(value: Option<super::TimeValue>, part: &str) -> Option<super::TimeValue> {
    let v = value?;
    let super::TimeValue::Point(p) = v else { return Some(v) };
    let (Some(m), None) = (p.month, p.day) else { return Some(v) };
    let last = crate::date::days_in_month(p.year, m);
    let (a, b) = match part {
        "early" => (1, 15),
        "mid" => (10, 20),
        _ => (16, last),
    };
    Some(super::TimeValue::Range(Partial::day(p.year, m, a)?, Partial::day(p.year, m, b)?))
}

/// "2 weeks before today" is bounded before it, "2 weeks after today" from it.
fn offset_bound(span: &[Tok<'_>]) -> Option<&'static str> {
    if span.iter().any(|t| t.is("before") || t.is("ago") || t.is("earlier")) {
        Some("before")
    } else if span.iter().any(|t| t.is("after") || t.is("from") || t.is("later")) {
        Some("from")
    } else {
        None
    }
}

/// Whether `words` end just before token `at`, after token `floor`.
fn ends_at(toks: &[Tok<'_>], at: usize, words: &[&str], floor: usize) -> bool {
    at >= floor + words.len()
        && words.iter().enumerate().all(|(n, w)| toks[at - words.len() + n].is(w))
        && toks[at - words.len()..at].iter().all(|t| t.kind == TokKind::Word)
}

/// Whether the trailing `words` start at token `at` and close the phrase: not when a time
/// follows them ("2010 to 2018 or before 2000"), and "and after"/"or before" only at the end
/// of a clause ("1/1/2016 and after my work is done" is a date and a clause).
fn trails(toks: &[Tok<'_>], at: usize, words: &[&str], next_time: Option<usize>) -> bool {
    let after = at + words.len();
    let leads_on = matches!(words[1], "after" | "before");
    starts_at(toks, at, words, next_time.unwrap_or(toks.len()))
        && Some(after) != next_time
        && (!leads_on || toks.get(after).is_none_or(|t| t.kind == TokKind::Punct))
}

/// Whether `words` start at token `at`, before token `limit`.
fn starts_at(toks: &[Tok<'_>], at: usize, words: &[&str], limit: usize) -> bool {
    at + words.len() <= limit && words.iter().enumerate().all(|(n, w)| toks[at + n].is(w))
}

/// The period just before or after `p`, at its precision (a year, a month or a day).
fn step(p: Partial, forward: bool) -> Partial {
    let d: i32 = if forward { 1 } else { -1 };
    match (p.month, p.day) {
        (Some(_), Some(_)) => {
            Partial::from(if forward { p.first_day().add_days(1) } else { p.first_day().add_days(-1) })
        }
        (Some(m), None) => {
            let months = p.year * 12 + i32::from(m) - 1 + d;
            Partial::month(months.div_euclid(12), (months.rem_euclid(12) + 1) as u8)
        }
        _ => Partial::year(p.year + d),
    }
}

impl TimeMatch {
    /// The open-ended range the expression names, ISO 8601 style, when one of its ends is open:
    /// "after 2018" is "2019/..", "since June 2020" "2020-06/..", "before 2019" "../2018",
    /// "until April 27th" "../2024-04-27". `None` for a closed time.
    pub fn open_range(&self) -> Option<String> {
        let (first, last) = self.value?.ends();
        Some(match self.modifier? {
            "since" | "from" => format!("{}/..", first.iso()),
            "after" => format!("{}/..", step(last, true).iso()),
            "before" => format!("../{}", step(first, false).iso()),
            "until" => format!("../{}", last.iso()),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::time::find_times;
    use crate::Date;

    fn open(text: &str) -> Vec<(String, Option<String>)> {
        let reference = Date::new(2024, 5, 23);
        find_times(text, reference).iter().map(|t| (text[t.start..t.end].to_string(), t.open_range())).collect()
    }

    fn one(text: &str, span: &str, range: &str) {
        assert_eq!(open(text), vec![(span.to_string(), Some(range.to_string()))], "{text}");
    }

    #[test]
    fn leads_open_one_end() {
        one("Tariffs will rise after 2025.", "after 2025", "2026/..");
        one("The troops must leave before 2027.", "before 2027", "../2026");
        one("The ban stays until March 2026.", "until March 2026", "../2026-03");
        one("Flights resumed later than 2021.", "later than 2021", "2022/..");
        one("Payments are due no later than 1 January 2026.", "no later than 1 January 2026", "../2026-01-01");
        one("Visas are free starting on 7 January 2025.", "starting on 7 January 2025", "2025-01-07/..");
        one("The deal takes effect no earlier than 2030.", "no earlier than 2030", "2030/..");
        one("It was built earlier than 1990.", "earlier than 1990", "../1989");
        one("No vote is planned before the year 2030.", "before the year 2030", "../2029");
    }

    #[test]
    fn a_start_that_includes_the_day_is_from_not_since() {
        let t = &find_times("The visit, starting on 3 March 2025, lasts three days.", Date::new(2025, 2, 1))[0];
        assert_eq!(t.modifier, Some("from"));
        let t = &find_times("Trade has doubled since 2015.", Date::new(2025, 2, 1))[0];
        assert_eq!(t.modifier, Some("since"));
    }

    #[test]
    fn trails_open_one_end() {
        one("Ships built in 2012 or later qualify.", "2012 or later", "2012/..");
        one("year 2012 or later", "year 2012 or later", "2012/..");
        one("Cars made in 2008 or earlier are banned.", "2008 or earlier", "../2008");
        assert_eq!(open("Leave on 1 March 2024 and after my return."), vec![("1 March 2024".to_string(), None)]);
        assert_eq!(
            open("Sales from 2010 to 2018 or before 2000."),
            vec![("from 2010 to 2018".to_string(), None), ("before 2000".to_string(), Some("../1999".to_string()))]
        );
    }

    #[test]
    fn to_date_runs_up_to_the_reference() {
        one("China has invested $5 billion to date.", "to date", "../2024-05-23");
        assert_eq!(open("The figures are up to date."), vec![]);
    }

    #[test]
    fn bounds_on_parts_of_periods() {
        one("Troops leave before the end of 2025.", "before the end of 2025", "../2025-12");
        one("The road opens by the end of this month.", "by the end of this month", "../2024-05-31");
        one("Flights resumed after mid-May.", "after mid-May", "2024-05-21/..");
        one("Prices have risen since late July 2023.", "since late July 2023", "2023-07-16/..");
        one("No talks were held before early September 2023.", "before early September 2023", "../2023-08-31");
        one("We have lived here since the end of 1989", "since the end of 1989", "1989-09/..");
        one("It was finished more than 2 weeks before today", "more than 2 weeks before today", "../2024-05-08");
        // Without a bound the part keeps its value.
        assert_eq!(open("It opened in late July 2023."), vec![("late July 2023".to_string(), None)]);
    }

    #[test]
    fn months_and_days_step_at_their_precision() {
        one("Talks resume after December 2024.", "after December 2024", "2025-01/..");
        one("It closed before 1 March 2024.", "before 1 March 2024", "../2024-02-29");
    }

    #[test]
    fn closed_times_and_other_words_stay_as_they_were() {
        assert_eq!(open("Trade grew in 2023."), vec![("2023".to_string(), None)]);
        // "since 1992" keeps its period up to the reference year, and says it is open.
        assert_eq!(
            open("Relations date from 1992, and since 1992 trade grew."),
            vec![("1992".to_string(), None), ("since 1992".to_string(), Some("1992/..".to_string()))]
        );
    }
}
