use super::*;

fn r(y: i32, m: u8, d: u8) -> Option<Date> {
    Date::new(y, m, d)
}

/// (text of the match, ISO value) for every expression in `text`.
fn found(text: &str, reference: Option<Date>) -> Vec<(String, String)> {
    find_times(text, reference)
        .into_iter()
        .map(|m| (text[m.start..m.end].to_string(), m.iso().unwrap_or_else(|| "?".into())))
        .collect()
}

fn one(text: &str, reference: Option<Date>) -> String {
    let f = found(text, reference);
    assert_eq!(f.len(), 1, "{text:?} gave {f:?}");
    f[0].1.clone()
}

#[test]
fn absolute_dates() {
    let r0 = r(2024, 5, 23);
    assert_eq!(one("on 23 May 2024 in Astana", r0), "2024-05-23");
    assert_eq!(one("on May 23, 2024 in Astana", r0), "2024-05-23");
    assert_eq!(one("dated 2024-05-23.", r0), "2024-05-23");
    assert_eq!(one("dated 23.05.2024.", r0), "2024-05-23");
    assert_eq!(one("in May 2024", r0), "2024-05");
    assert_eq!(one("in 2024", r0), "2024");
    // After a preposition of time, a name after the year does not make it a name's number.
    assert_eq!(one("In 2023 Kazakhstan's exports grew", r0), "2023");
    assert_eq!(one("by 2030 China plans to", r0), "2030");
    assert_eq!(one("in the 1990s", r0), "1990/1999");
    // Modified years resolve to a third of the year.
    assert_eq!(one("in early 2023", r0), "2023-01/2023-04");
    assert_eq!(one("by mid-2022", r0), "2022-05/2022-08");
    assert_eq!(one("at the end of 2000", r0), "2000-09/2000-12");
    assert_eq!(one("Nov. 5, 2023", None), "2023-11-05");
}

#[test]
fn relative_dates() {
    let wed = r(2022, 1, 26);
    assert_eq!(one("today", wed), "2022-01-26");
    assert_eq!(one("yesterday", wed), "2022-01-25");
    assert_eq!(one("the summit on Tuesday", wed), "2022-01-25");
    assert_eq!(one("last year", wed), "2021");
    assert_eq!(one("this year", wed), "2022");
    assert_eq!(one("next year", wed), "2023");
    let r0 = r(2024, 5, 23);
    assert_eq!(one("He arrived on May 23.", r0), "2024-05-23");
    assert_eq!(one("He arrived on December 17.", r0), "2023-12-17");
    assert_eq!(one("He will arrive on December 17.", r0), "2024-12-17");
    assert_eq!(one("at a forum last May", r0), "2023-05");
    assert_eq!(one("In February, Tokayev signed a law", r0), "2024-02");
    assert_eq!(one("He visited in June.", r0), "2023-06");
    assert_eq!(one("He will visit in June.", r0), "2024-06");
    assert_eq!(one("two years ago", r0), "2022");
    assert_eq!(found("last year", None), [("last year".to_string(), "?".to_string())]);
}

#[test]
fn periods() {
    let r0 = r(2017, 12, 25);
    assert_eq!(one("for January-September of this year", r0), "2017-01/2017-09");
    assert_eq!(one("in 11 months of 2021", r0), "2021-01/2021-11");
    assert_eq!(one("in the first half of 2023", r0), "2023-01/2023-06");
    assert_eq!(one("in the first half-year of 2019", r0), "2019-01/2019-06");
    assert_eq!(one("exports in FY2023 rose", r0), "2023");
    assert_eq!(one("exports in FY 2022/23 rose", r0), "2022/2023");
    assert_eq!(one("in fiscal 2022 trade grew", r0), "2022");
    assert_eq!(one("in the 2018/19 fiscal year", r0), "2018/2019");
    assert_eq!(one("in fiscal year 2018-19", r0), "2018/2019");
    assert_eq!(one("trade in 9M 2023 grew", r0), "2023-01/2023-09");
    assert_eq!(one("in the second half year of 2019", r0), "2019-07/2019-12");
    assert_eq!(one("in Q1 2024", r0), "2024-01/2024-03");
    assert_eq!(one("in H1 2015", r0), "2015-01/2015-06");
    assert_eq!(one("in 2016-2017", r0), "2016/2017");
    assert_eq!(one("in 10 years China has invested", r0), "2008/2017");
    assert_eq!(one("over the past five years", r0), "2013/2017");
    assert_eq!(one("since 1992", r0), "1992/2017");
    assert_eq!(one("from 2019 to 2023", r0), "2019/2023");
    assert_eq!(one("between 2019 and 2023", r0), "2019/2023");
    assert_eq!(one("on April 15-16, 2011", r0), "2011-04-15/2011-04-16");
    assert_eq!(one("in the first eight months of 2009", r0), "2009-01/2009-08");
    assert_eq!(one("in the first three months of this year", r0), "2017-01/2017-03");
}

#[test]
fn numbers_that_are_not_dates() {
    let r0 = r(2024, 5, 23);
    assert!(found("the 2030 Agenda for Sustainable Development", r0).is_empty());
    assert!(found("in the 2030 Agenda", r0).is_empty(), "the article, not the preposition, is before it");
    assert!(found("under Vision 2050", r0).is_empty());
    assert!(found("1,992 people and 2019 tourists", r0).is_empty());
    assert!(found("it cost $2019", r0).is_empty());
    assert!(found("the mayor may agree", r0).is_empty());
}

#[test]
fn year_to_date_runs_from_january_first_to_the_reference() {
    let r0 = r(2025, 9, 10);
    let f = found("Exports rose 12% in the year to date; year-to-date imports fell.", r0);
    assert_eq!(
        f,
        [
            ("year to date".to_string(), "2025-01-01/2025-09-10".to_string()),
            ("year-to-date".to_string(), "2025-01-01/2025-09-10".to_string())
        ]
    );
    // Without a reference date there is nothing to resolve against.
    assert!(found("in the year to date", None).iter().all(|(_, v)| v == "?"));
}

#[test]
fn spans_leave_out_the_preposition_and_the_sentence_period() {
    let r0 = r(2024, 5, 23);
    assert_eq!(found("Trade grew for the last 3 months.", r0)[0].0, "last 3 months");
    assert_eq!(found("Talks were held on 19 June. Then", r0)[0].0, "19 June");
    // The period of an abbreviated month stays when the date goes on.
    assert_eq!(found("signed on Nov. 5, 2023 in Tokyo", r0)[0], ("Nov. 5, 2023".to_string(), "2023-11-05".to_string()));
}

#[test]
fn month_modifiers_and_final_months() {
    let r0 = r(2025, 9, 10);
    assert_eq!(found("The forum opened in mid-November.", r0), [("mid-November".to_string(), "2024-11".to_string())]);
    assert_eq!(one("Trade for the last four months of 2024 grew.", r0), "2024-09/2024-12");
    assert_eq!(one("Trade for the first four months of 2024 grew.", r0), "2024-01/2024-04");
}

#[test]
fn a_number_before_a_currency_name_is_not_a_year() {
    let r0 = r(2025, 9, 10);
    assert_eq!(found("The deal was worth 1900 euros last year.", r0), [("last year".to_string(), "2024".to_string())]);
    assert_eq!(found("It cost 2020 tenge.", r0), []);
}

#[test]
fn end_of_without_the() {
    let r0 = r(2025, 9, 10);
    assert_eq!(
        found("The plant opens by end of this year.", r0)[0],
        ("by end of this year".to_string(), "2025-09/2025-12".to_string())
    );
    assert_eq!(found("Start of 2024 saw growth.", r0)[0], ("Start of 2024".to_string(), "2024-01/2024-04".to_string()));
    // "end of" before something that is not a time is nothing.
    assert_eq!(found("the end of the talks", r0), []);
}

#[test]
fn periods_up_to_now() {
    let r0 = r(2025, 9, 10);
    assert_eq!(
        found("Exports from January to date reached $2 billion.", r0),
        [("from January to date".to_string(), "2025-01/2025-09-10".to_string())]
    );
    assert_eq!(one("Trade between Jan 2019 and now doubled.", r0), "2019-01/2025-09-10");
    // Without "from" or "between" the month stands alone.
    assert_eq!(found("In January to date nothing", r0)[0], ("January".to_string(), "2025-01".to_string()));
}

#[test]
fn the_next_n_units_follow_the_current_one() {
    let r0 = r(2025, 9, 10);
    assert_eq!(one("Trade should double over the next five years.", r0), "2026/2030");
    assert_eq!(
        found("It will grow in the next two decades.", r0)[0],
        ("the next two decades".to_string(), "2030/2049".to_string())
    );
    assert_eq!(one("Talks resume in the next 3 days.", r0), "2025-09-11/2025-09-13");
    assert_eq!(one("Sales for the coming two quarters", r0), "2025-10/2026-03");
}

#[test]
fn month_ranges_across_the_turn_of_the_year() {
    let r0 = r(2025, 9, 10);
    assert_eq!(one("The season ran November-February 2024.", r0), "2023-11/2024-02");
    assert_eq!(one("The season ran from November to March 2024.", r0), "2023-11/2024-03");
    assert_eq!(one("The season ran from January to March 2024.", r0), "2024-01/2024-03");
}

#[test]
fn year_ranges_with_a_tilde() {
    assert_eq!(one("Exports grew in 2014~2018.", r(2025, 1, 1)), "2014/2018");
}

#[test]
fn earlier_and_later_parts_of_the_current_unit() {
    let r0 = r(2025, 9, 10);
    assert_eq!(
        found("The deal was signed earlier this year.", r0)[0],
        ("earlier this year".to_string(), "2025-01-01/2025-09-10".to_string())
    );
    assert_eq!(one("He will visit later this month.", r0), "2025-09-10/2025-09-30");
    // "later" without a current unit is not a time.
    assert_eq!(found("Three days later, talks resumed.", r0).iter().filter(|(t, _)| t.starts_with("later")).count(), 0);
}

#[test]
fn in_n_months_looks_ahead_in_the_future_tense() {
    let r0 = r(2025, 9, 10);
    assert_eq!(one("The plant will open in six months.", r0), "2026-03-10");
    assert_eq!(one("Trade grew 5% in six months.", r0), "2025-04/2025-09");
}

#[test]
fn the_digits_of_an_amount_are_not_a_day() {
    let r0 = r(2025, 9, 10);
    assert_eq!(found("Trade reached 6,107.31 August 2024 figures.", r0)[0].0, "August 2024");
    assert_eq!(found("It sold for $12 December 27.", r0)[0].0, "December 27");
    assert_eq!(one("Signed on 12 December 2024.", r0), "2024-12-12");
}

#[test]
fn dates_with_the_month_between_separators() {
    let r0 = r(2025, 9, 10);
    assert_eq!(one("Filed 23/Sep/2020 in Almaty", r0), "2020-09-23");
    assert_eq!(one("Filed 23-Sep-2020 in Almaty", r0), "2020-09-23");
    assert_eq!(one("Filed Sep-23-2020 in Almaty", r0), "2020-09-23");
    assert_eq!(one("Filed Dec-2018 in Almaty", r0), "2018-12");
}

#[test]
fn a_borrowed_year_never_makes_an_invalid_day() {
    // February 29 cannot take 2019 from the end of the range; the range is then not made.
    let f = found("2/29-3/1", r(2019, 6, 1));
    assert!(f.iter().all(|(_, v)| !v.contains("2019-02-29")), "{f:?}");
    assert_eq!(one("from 2/28 to 3/1", r(2019, 6, 1)), "2019-02-28/2019-03-01");
}

#[test]
fn every_resolved_value_is_a_real_calendar_value() {
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
    for reference in [r(2019, 6, 1), r(2020, 2, 29), r(2024, 12, 31)] {
        for m in 1..=12u8 {
            for d in 1..=31u8 {
                let name = MONTHS[usize::from(m - 1)];
                for text in [
                    format!("{m}/{d}-3/1"),
                    format!("from {d} {name} to 5 March 2021"),
                    format!("between {name} {d} and February 29, 2024"),
                    format!("on {name} {d}"),
                    format!("{d}-{d} {name}"),
                ] {
                    for t in find_times(&text, reference) {
                        if let Some(v) = t.value {
                            let (a, b) = v.ends();
                            assert!(a.is_valid() && b.is_valid() && a <= b, "{text:?} gave {v:?}");
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn periods_from_now() {
    let r0 = r(2025, 9, 10);
    assert_eq!(
        found("Work runs between now and November 15.", r0),
        [("between now and November 15".to_string(), "2025-09-10/2025-11-15".to_string())]
    );
    assert_eq!(one("from now until the end of 2026", r0), "2025-09-10/2026-12");
}

#[test]
fn within_n_units_and_ranges_from_a_named_month() {
    let r0 = r(2025, 9, 10);
    assert_eq!(one("The plant will be built within 9 months.", r0), "2025-09-10/2026-06-10");
    assert_eq!(found("within the next five years", r0)[0].1, "2025-09-10/2030-09-10");
    assert_eq!(one("from last May to March 2027", r0), "2025-05/2027-03");
}

#[test]
fn a_weekday_of_a_named_week() {
    // 2025-09-10 is a Wednesday.
    let r0 = r(2025, 9, 10);
    assert_eq!(one("Talks resume on Tuesday of next week.", r0), "2025-09-16");
    assert_eq!(one("Talks resume Tuesday next week.", r0), "2025-09-16");
    assert_eq!(one("Talks resume next week on Friday.", r0), "2025-09-19");
    assert_eq!(one("Talks began this week Monday.", r0), "2025-09-08");
    assert_eq!(one("Talks began on Monday of last week.", r0), "2025-09-01");
}

#[test]
fn windows_counted_before_their_direction() {
    let r0 = r(2025, 9, 10);
    assert_eq!(
        found("in the 5 upcoming years", r0)[0],
        ("5 upcoming years".to_string(), "2025-09-10/2030-09-10".to_string())
    );
    // A count before "next week" is not a window: "we will be only 3 next week".
    assert_eq!(found("We will be only 3 next week.", r0)[0].0, "next week");
    assert_eq!(found("over the 10 previous weeks", r0)[0].1, "2025-07-02/2025-09-10");
}

#[test]
fn day_ranges_with_between_and_month_slash_day() {
    let r0 = r(2025, 9, 10);
    assert_eq!(
        found("The forum runs between 3 and 5 September 2025.", r0)[0],
        ("between 3 and 5 September 2025".to_string(), "2025-09-03/2025-09-05".to_string())
    );
    assert_eq!(one("filed Oct/2 in Astana", r0), "2024-10-02");
    assert_eq!(one("filed Oct/2024 in Astana", r0), "2024-10");
}

#[test]
fn the_end_of_the_year_is_the_current_one() {
    let r0 = r(2025, 9, 10);
    assert_eq!(
        found("The plant will open by the end of the year.", r0)[0],
        ("by the end of the year".to_string(), "2025-09/2025-12".to_string())
    );
    assert_eq!(one("Talks are due by end of year.", r0), "2025-09/2025-12");
    assert_eq!(one("They met at the beginning of the year.", r0), "2025-01/2025-04");
    assert_eq!(one("He will visit at the end of the month.", r0), "2025-09");
}

#[test]
fn a_single_unit_written_with_a() {
    let r0 = r(2025, 9, 10);
    assert_eq!(one("The ministers met a week ago.", r0), "2025-09-01/2025-09-07");
    assert_eq!(one("Within a month, the talks resumed.", r0), "2025-09-10/2025-10-10");
    assert!(found("He worked there for a year.", r0).is_empty());
}

#[test]
fn the_past_decade_is_the_last_ten_years() {
    let r0 = r(2025, 9, 10);
    assert_eq!(one("Trade doubled over the past decade.", r0), "2016/2025");
    assert_eq!(one("Trade doubled in the last decade.", r0), "2016/2025");
    assert_eq!(one("Trade doubled last decade.", r0), "2010/2019");
}

#[test]
fn stretches_of_time_from_a_day() {
    let r0 = r(2024, 5, 23); // a Thursday
    let f = |t: &str| found(t, r0);
    let pair = |a: &str, b: &str| vec![(a.to_string(), b.to_string())];
    assert_eq!(
        f("he will be in Tokyo for three days starting Monday"),
        pair("three days starting Monday", "2024-05-27/2024-05-29")
    );
    assert_eq!(
        f("he was in Tokyo for three days starting Monday"),
        pair("three days starting Monday", "2024-05-20/2024-05-22")
    );
    assert_eq!(
        f("the talks run for two days from tomorrow"),
        pair("for two days from tomorrow", "2024-05-24/2024-05-25")
    );
    assert_eq!(
        f("the border will stay shut for a week, from 3 June"),
        pair("for a week, from 3 June", "2024-06-03/2024-06-09")
    );
    assert_eq!(
        f("it opens the week beginning 10 June 2024"),
        pair("the week beginning 10 June 2024", "2024-06-10/2024-06-16")
    );
    assert_eq!(
        f("will open in the week commencing on 10 June"),
        pair("the week commencing on 10 June", "2024-06-10/2024-06-16")
    );
    assert_eq!(
        f("two months starting 31 January 2025"),
        pair("two months starting 31 January 2025", "2025-01-31/2025-03-30")
    );
    // Without "for", "three days from today" stays a day; "in" does not lead it.
    assert_eq!(f("in three days from today"), pair("three days from today", "2024-05-26"));
    // A stretch needs a day to start from: "a week starting" alone is nothing.
    assert!(f("a week starting soon").is_empty());
}

#[test]
fn parts_of_a_period() {
    let r0 = r(2024, 5, 23);
    let f = |t: &str| found(t, r0);
    let pair = |a: &str, b: &str| vec![(a.to_string(), b.to_string())];
    // Weeks belong to the period holding most of their days (ISO 8601's rule for years).
    assert_eq!(f("in the first week of 2015"), pair("the first week of 2015", "2014-12-29/2015-01-04"));
    assert_eq!(f("during the last week of July 2016"), pair("the last week of July 2016", "2016-07-25/2016-07-31"));
    assert_eq!(f("the last week of 2019"), pair("the last week of 2019", "2019-12-23/2019-12-29"));
    assert_eq!(
        f("in the first ten days of March 2024"),
        pair("the first ten days of March 2024", "2024-03-01/2024-03-10")
    );
    assert_eq!(f("during the last 5 days of 2023"), pair("the last 5 days of 2023", "2023-12-27/2023-12-31"));
    // Whole Monday-Sunday weeks: 2021 began on a Friday, so its first week began on 4 January.
    assert_eq!(f("the first 2 weeks of 2021"), pair("the first 2 weeks of 2021", "2021-01-04/2021-01-17"));
    assert_eq!(f("the last 3 weeks of 2019"), pair("the last 3 weeks of 2019", "2019-12-09/2019-12-29"));
    assert_eq!(f("the third month of 2021"), pair("the third month of 2021", "2021-03"));
    assert_eq!(f("on the 15th day of next month"), pair("the 15th day of next month", "2024-06-15"));
    // A part that does not fit in its period is nothing.
    assert_eq!(f("the 31st day of February 2023"), pair("the 31st day of February 2023", "?"));
    assert!(f("the 13th month of 2021").iter().all(|(t, _)| !t.contains("13th")));
}

#[test]
fn a_day_alone_beside_a_date_shares_its_month() {
    let r0 = r(2024, 5, 23);
    let f = |t: &str| found(t, r0);
    let pair = |a: &str, b: &str| vec![(a.to_string(), b.to_string())];
    assert_eq!(f("the forum ran April 9 through 17"), pair("April 9 through 17", "2024-04-09/2024-04-17"));
    assert_eq!(f("the forum ran from 9 to 17 April"), pair("from 9 to 17 April", "2024-04-09/2024-04-17"));
    assert_eq!(
        f("between the ninth and the seventeenth of April 2023"),
        pair("between the ninth and the seventeenth of April 2023", "2023-04-09/2023-04-17")
    );
    // Into the next month when the second day is smaller, with a word between them.
    assert_eq!(f("from April 27 to the 3rd"), pair("from April 27 to the 3rd", "2024-04-27/2024-05-03"));
    // "18 and 19 June" are two days, not a period.
    assert_eq!(
        f("talks on 18 and 19 June 2023"),
        vec![("18".to_string(), "2023-06-18".to_string()), ("19 June 2023".to_string(), "2023-06-19".to_string())]
    );
    // A number that is no day stays out: "April 9 to 17 percent", "on 9 May to 3 ministers".
    assert_eq!(f("rose from April 9 to 17 percent"), pair("April 9", "2024-04-09"));
}

#[test]
fn paired_months_dashed_dates_and_this_or_next() {
    let r0 = r(2024, 5, 23); // a Thursday
    let f = |t: &str| found(t, r0);
    let pair = |a: &str, b: &str| vec![(a.to_string(), b.to_string())];
    // The second month of a pair needs no lead-in of its own.
    assert_eq!(f("exports fell between February and April"), pair("between February and April", "2024-02/2024-04"));
    assert_eq!(
        f("visits in February and April"),
        vec![("February".to_string(), "2024-02".to_string()), ("April".to_string(), "2024-04".to_string())]
    );
    // A name that is also a month stays a name without a month beside it.
    assert!(f("Foreign Minister April Smith and June Lee").is_empty());
    // Dashes with a four-digit year; month and year alone.
    assert_eq!(f("signed on 05-23-2024"), pair("05-23-2024", "2024-05-23"));
    assert_eq!(f("signed on 23-05-2024"), pair("23-05-2024", "2024-05-23"));
    assert_eq!(f("a score of 10-1-18"), vec![]);
    // "until" opens the range before it (bounds.rs); the value stays the month.
    assert_eq!(f("valid until 12-2025"), pair("until 12-2025", "2025-12"));
    // "this past", "this coming", "next" before a day.
    assert_eq!(f("on this past Wednesday"), pair("this past Wednesday", "2024-05-22"));
    assert_eq!(f("on this upcoming Friday"), pair("this upcoming Friday", "2024-05-24"));
    assert_eq!(f("they met next 6th of April"), pair("next 6th of April", "2025-04-06"));
}

#[test]
fn more_day_forms() {
    let r0 = r(2024, 5, 23); // a Thursday
    let f = |t: &str| found(t, r0);
    let pair = |a: &str, b: &str| vec![(a.to_string(), b.to_string())];
    // Two-digit years after "of", and in numeric dates: the century that is not more than ten
    // years ahead of the reference.
    assert_eq!(f("founded in April of 87"), pair("April of 87", "1987-04"));
    assert_eq!(f("due on 03/18/31"), pair("03/18/31", "2031-03-18"));
    assert_eq!(f("born 03/18/40"), pair("03/18/40", "1940-03-18"));
    assert_eq!(f("in April of 12 districts"), pair("April", "2024-04"));
    // A weekday and "the" ordinal; ISO order without zeros.
    assert_eq!(f("they met on Tuesday the 14th"), pair("Tuesday the 14th", "2024-05-14"));
    assert_eq!(f("Friday 2024-5-3"), pair("Friday 2024-5-3", "2024-05-03"));
    // "the day before/after" alone is of the story's day; before a noun it is not.
    assert_eq!(f("He had arrived the day before."), pair("the day before", "2024-05-22"));
    assert!(f("He arrived the day before the summit.").is_empty());
    // Years beyond 2100 only after a word that asks for a time.
    assert_eq!(f("carbon neutral by 2150"), pair("2150", "2150"));
    assert!(f("some 2150 delegates").is_empty());
    assert_eq!(f("in this calendar year"), pair("this calendar year", "2024"));
    // Ranges: "the" after the connector, a month with "the" before its day, and two days
    // without a year kept in the first one's year where only it has the day.
    assert_eq!(
        f("from 26 June 2020 to the 28th of June 2020"),
        pair("from 26 June 2020 to the 28th of June 2020", "2020-06-26/2020-06-28")
    );
    assert_eq!(f("He arrived on June the 28th."), pair("June the 28th", "2023-06-28"));
    // (In 2025, February 29 is that of 2024; March 1 follows it, not a year later.)
    assert_eq!(found("2/29-3/1", r(2025, 5, 23)), pair("2/29-3/1", "2024-02-29/2024-03-01"));
    assert_eq!(found("2/29-3/1", r(2019, 9, 18)), pair("2/29-3/1", "2016-02-29/2016-03-01"));
    assert_eq!(f("in the last four months of 2021"), pair("the last four months of 2021", "2021-09/2021-12"));
}

#[test]
fn a_weekday_beside_a_date_picks_its_year() {
    let r0 = r(2024, 5, 23);
    // 28 May is a Tuesday in 2024: the weekday picks the year, whatever the tense says.
    assert_eq!(found("They met on Tuesday, May 28.", r0), [("Tuesday, May 28".to_string(), "2024-05-28".to_string())]);
    // 15 June is a Thursday in 2023, within a year of the reference: not 2024 (a Saturday).
    assert_eq!(
        found("The summit opens on Thursday, June 15.", r0),
        [("Thursday, June 15".to_string(), "2023-06-15".to_string())]
    );
    // No agreeing year near the reference: the tense decides.
    assert_eq!(found("They met on Monday, June 16.", r0), [("Monday, June 16".to_string(), "2023-06-16".to_string())]);
    // A written year wins over a weekday that disagrees with it.
    assert_eq!(
        found("They met on Monday, June 15, 2018.", r0),
        [("Monday, June 15, 2018".to_string(), "2018-06-15".to_string())]
    );
}

#[test]
fn a_fiscal_year_ending_in_a_month() {
    let r0 = r(2024, 5, 23);
    assert_eq!(
        found("Profit rose in the 2018/19 fiscal year ending in March.", r0),
        [("2018/19 fiscal year ending in March".to_string(), "2018-04/2019-03".to_string())]
    );
    assert_eq!(found("in FY2023 ending June", r0), [("FY2023 ending June".to_string(), "2022-07/2023-06".to_string())]);
}
