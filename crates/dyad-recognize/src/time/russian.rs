//! Russian time expressions: "16 марта 1992 года", "в январе-апреле 2022 года", "за девять
//! месяцев 2023 года", "в первом полугодии", "в третьем квартале", "в прошлом году", "на ноябрь
//! 2025-го", "с 13 по 15 мая", "с 2015 года" (a period up to now, as "since 2015").
//!
//! Why apart from the English matchers: Russian inflects month names ("март", "марта", "марте")
//! and puts the year after the month with "года"; the words are matched by stem, the numbers of
//! months by their forms ("девять", "девяти"). A relative expression ("в прошлом году") has a
//! value only with a reference date, as in English.
//!
//! Example: "за девять месяцев 2022 года" is 2022-01/2022-09.

use super::{Partial, TimeKind, TimeMatch, TimeValue};
use crate::token::{Tok, TokKind};
use crate::Date;

/// The month a Russian month word names, in any case.
pub(crate) fn month(w: &str) -> Option<u8> {
    const STEMS: [(&str, u8); 11] = [
        ("январ", 1),
        ("феврал", 2),
        ("март", 3),
        ("апрел", 4),
        ("июн", 6),
        ("июл", 7),
        ("август", 8),
        ("сентябр", 9),
        ("октябр", 10),
        ("ноябр", 11),
        ("декабр", 12),
    ];
    if matches!(w, "май" | "мая" | "мае" | "маю" | "маем") {
        return Some(5);
    }
    STEMS.iter().find(|(s, _)| w.starts_with(s) && w.chars().count() <= s.chars().count() + 2).map(|&(_, m)| m)
}

/// A count of months in words or digits ("девять", "девяти", "9").
fn count(t: &Tok<'_>) -> Option<u8> {
    if t.kind == TokKind::Num {
        return u8::try_from(t.value).ok().filter(|n| (1..=12).contains(n));
    }
    // The number words are the amounts' (`number::small_number_word`, Russian forms included).
    crate::number::small_number_word(&t.norm).and_then(|n| u8::try_from(n).ok()).filter(|n| (2..=12).contains(n))
}

/// A year in figures at `i`, with what follows it ("года", "году", "г.", "-го"): (year, end).
fn year_at(toks: &[Tok<'_>], i: usize) -> Option<(i32, usize)> {
    let t = toks.get(i)?;
    if t.kind != TokKind::Num || t.norm.len() != 4 || !(1900..=2100).contains(&t.value) {
        return None;
    }
    let mut end = i + 1;
    match toks.get(end).map(|t| t.norm.as_ref()) {
        Some("года" | "году" | "год" | "гг" | "г") => end += 1,
        Some("-") if toks.get(end + 1).is_some_and(|t| t.norm == "го" || t.norm == "м") => end += 2,
        _ => {}
    }
    if toks.get(end - 1).is_some_and(|t| t.norm == "г" || t.norm == "гг")
        && toks.get(end).is_some_and(|t| t.norm == ".")
    {
        end += 1;
    }
    Some((t.value as i32, end))
}

/// "этого года", "текущего года", "прошлого года": the year the words name, from `reference`.
fn named_year(toks: &[Tok<'_>], i: usize, reference: Option<Date>) -> Option<(Option<i32>, usize)> {
    let w = toks.get(i)?.norm.as_ref();
    let y = toks.get(i + 1)?.norm.as_ref();
    if !matches!(y, "года" | "году" | "год") {
        return None;
    }
    let shift = match w {
        "этого" | "этом" | "текущего" | "текущем" | "нынешнего" | "нынешнем" | "этот" | "текущий" => {
            0
        }
        "прошлого" | "прошлом" | "прошлый" => -1,
        "следующего" | "следующем" | "следующий" | "будущего" | "будущем" => {
            1
        }
        _ => return None,
    };
    Some((reference.map(|r| r.year() + shift), i + 2))
}

fn point(year: i32, month: Option<u8>, day: Option<u8>) -> TimeValue {
    TimeValue::Point(Partial { year, month, day })
}

fn months(year: i32, a: u8, b: u8) -> TimeValue {
    TimeValue::Range(Partial { year, month: Some(a), day: None }, Partial { year, month: Some(b), day: None })
}

/// Every Russian time expression in `toks`, in text order.
pub(crate) fn find(toks: &[Tok<'_>], reference: Option<Date>) -> Vec<TimeMatch> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match at(toks, i, reference) {
            Some((end, kind, value)) => {
                // "с 2015 года": from a point on, up to the reference date, as English "since".
                let since = matches!(toks[i].norm.as_ref(), "с" | "со")
                    && matches!(value, Some(TimeValue::Point(_)) | None)
                    && kind == TimeKind::Period;
                let value = match (since, value, reference) {
                    (true, Some(TimeValue::Point(p)), Some(r)) => {
                        Some(TimeValue::Range(p, Partial { year: r.year(), month: None, day: None }))
                    }
                    (_, v, _) => v,
                };
                let modifier = since.then_some("since");
                out.push(TimeMatch { start: toks[i].start, end: toks[end - 1].end, kind, value, modifier });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

type Found = (usize, TimeKind, Option<TimeValue>);

/// The ordinal of a half or quarter: "первом" 1, "втором" 2, "третьем" 3, "четвертом" 4.
fn ordinal(w: &str) -> Option<u8> {
    [("перв", 1), ("втор", 2), ("трет", 3), ("четверт", 4), ("четвёрт", 4)]
        .iter()
        .find(|(stem, _)| w.starts_with(stem) && w.chars().count() <= stem.chars().count() + 3)
        .map(|&(_, n)| n)
}

fn at(toks: &[Tok<'_>], i: usize, reference: Option<Date>) -> Option<Found> {
    let t = &toks[i];
    let word = t.norm.as_ref();
    // с 13 по 15 мая 2024 года; с января по март 2024 года; с 2015 года; с марта 2022 года.
    if matches!(word, "с" | "со") {
        return from_to(toks, i, reference);
    }
    // 16 марта 1992 года; 16 марта (a year only with a reference date).
    if t.kind == TokKind::Num && (1..=31).contains(&t.value) && t.norm.len() <= 2 {
        let m = toks.get(i + 1).and_then(|n| month(&n.norm))?;
        let day = Some(t.value as u8);
        return Some(match year_at(toks, i + 2) {
            Some((y, end)) => (end, TimeKind::Absolute, Some(point(y, Some(m), day))),
            None => (i + 2, TimeKind::Relative, reference.map(|r| point(r.year(), Some(m), day))),
        });
    }
    // январе-апреле 2022 года; марте 2023 года; ноябрь 2025-го.
    if let Some(m) = month(word) {
        let (m2, next) = match (toks.get(i + 1), toks.get(i + 2)) {
            (Some(d), Some(n)) if d.norm == "-" || d.norm == "–" => match month(&n.norm) {
                Some(m2) => (Some(m2), i + 3),
                None => (None, i + 1),
            },
            _ => (None, i + 1),
        };
        let (year, end) = match year_at(toks, next) {
            Some((y, end)) => (Some(y), end),
            None => {
                let (y, end) = named_year(toks, next, reference)?;
                (y, end)
            }
        };
        let value = year.map(|y| match m2 {
            Some(m2) => months(y, m, m2),
            None => point(y, Some(m), None),
        });
        return Some((end, if m2.is_some() { TimeKind::Period } else { TimeKind::Absolute }, value));
    }
    // за девять месяцев 2022 года; за 4 месяца текущего года.
    if word == "за" {
        let n = count(toks.get(i + 1)?)?;
        if !toks.get(i + 2)?.norm.starts_with("месяц") {
            return None;
        }
        let (year, end) = match year_at(toks, i + 3) {
            Some((y, end)) => (Some(y), end),
            None => named_year(toks, i + 3, reference)?,
        };
        return Some((end, TimeKind::Period, year.map(|y| months(y, 1, n))));
    }
    // в первом полугодии 2024 года; в третьем квартале 2023 года.
    if let Some(n) = ordinal(word) {
        let noun = toks.get(i + 1)?.norm.as_ref();
        let (a, b) = if noun.starts_with("полугоди") && n <= 2 {
            (6 * n - 5, 6 * n)
        } else if noun.starts_with("квартал") {
            (3 * n - 2, 3 * n)
        } else {
            return None;
        };
        let (year, end) = match year_at(toks, i + 2) {
            Some((y, end)) => (Some(y), end),
            None => match named_year(toks, i + 2, reference) {
                Some(x) => x,
                None => (reference.map(|r| r.year()), i + 2),
            },
        };
        return Some((end, TimeKind::Period, year.map(|y| months(y, a, b))));
    }
    // в прошлом году, в этом году.
    if let Some((year, end)) = named_year(toks, i, reference) {
        return Some((end, TimeKind::Relative, year.map(|y| point(y, None, None))));
    }
    // в 2021 году, 2023 год.
    if let Some((y, end)) = year_at(toks, i) {
        if end > i + 1 {
            return Some((end, TimeKind::Absolute, Some(point(y, None, None))));
        }
    }
    None
}

/// "с 13 по 15 мая [2024 года]", "с января по март 2024 года": a range; "с 2015 года", "с марта
/// 2022 года": the point a period starts from (made a "since" period by `find`).
fn from_to(toks: &[Tok<'_>], i: usize, reference: Option<Date>) -> Option<Found> {
    let a = toks.get(i + 1)?;
    let day = |t: &Tok<'_>| {
        (t.kind == TokKind::Num && (1..=31).contains(&t.value) && t.norm.len() <= 2).then_some(t.value as u8)
    };
    let po = |k: usize| toks.get(k).is_some_and(|t| t.norm == "по");
    // с 13 по 15 мая; с 30 апреля по 2 мая.
    if let Some(d1) = day(a) {
        let (m1, k) = match toks.get(i + 2).and_then(|t| month(&t.norm)) {
            Some(m) => (Some(m), i + 3),
            None => (None, i + 2),
        };
        if !po(k) {
            return None;
        }
        let d2 = day(toks.get(k + 1)?)?;
        let m2 = month(&toks.get(k + 2)?.norm)?;
        let (year, end) = match year_at(toks, k + 3) {
            Some((y, end)) => (Some(y), end),
            None => (reference.map(|r| r.year()), k + 3),
        };
        let value = year.map(|y| {
            TimeValue::Range(
                Partial { year: y, month: Some(m1.unwrap_or(m2)), day: Some(d1) },
                Partial { year: y, month: Some(m2), day: Some(d2) },
            )
        });
        return Some((end, TimeKind::Period, value));
    }
    // с января по март 2024 года; с марта 2022 года.
    if let Some(m1) = month(&a.norm) {
        if po(i + 2) {
            let m2 = month(&toks.get(i + 3)?.norm)?;
            let (y, end) = year_at(toks, i + 4)?;
            return Some((end, TimeKind::Period, Some(months(y, m1, m2))));
        }
        let (y, end) = year_at(toks, i + 2)?;
        return Some((end, TimeKind::Period, Some(point(y, Some(m1), None))));
    }
    // с 2015 года (the year word is needed: "с 2000 участников" is no time).
    let (y, end) = year_at(toks, i + 1)?;
    (end > i + 2).then_some((end, TimeKind::Period, Some(point(y, None, None))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn iso(text: &str, reference: Option<Date>) -> Vec<(String, Option<String>)> {
        let toks = tokenize(text);
        find(&toks, reference)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.value.map(|v| v.iso())))
            .collect()
    }

    #[test]
    fn russian_dates_months_and_periods() {
        let s = |a: &str, b: &str| (a.to_string(), Some(b.to_string()));
        assert_eq!(iso("16 марта 1992 года", None), [s("16 марта 1992 года", "1992-03-16")]);
        assert_eq!(iso("в январе-апреле 2022 года", None), [s("январе-апреле 2022 года", "2022-01/2022-04")]);
        assert_eq!(iso("за девять месяцев 2023 года", None), [s("за девять месяцев 2023 года", "2023-01/2023-09")]);
        assert_eq!(iso("в первом полугодии 2024 года", None), [s("первом полугодии 2024 года", "2024-01/2024-06")]);
        assert_eq!(iso("В 2021 году", None), [s("2021 году", "2021")]);
        assert_eq!(iso("на ноябрь 2025-го", None), [s("ноябрь 2025-го", "2025-11")]);
        let r = Date::new(2025, 11, 26);
        assert_eq!(iso("в прошлом году", r), [s("прошлом году", "2024")]);
        assert_eq!(iso("за шесть месяцев этого года", r), [s("за шесть месяцев этого года", "2025-01/2025-06")]);
        // Without a reference date a relative time has no value; a day without a year neither.
        assert_eq!(iso("в прошлом году", None), [("прошлом году".to_string(), None)]);
        assert_eq!(iso("27 мая", None), [("27 мая".to_string(), None)]);
        assert_eq!(iso("в третьем квартале 2023 года", None), [s("третьем квартале 2023 года", "2023-07/2023-09")]);
        assert_eq!(iso("в четвертом квартале", r), [s("четвертом квартале", "2025-10/2025-12")]);
        assert_eq!(iso("с 13 по 15 мая", r), [s("с 13 по 15 мая", "2025-05-13/2025-05-15")]);
        assert_eq!(
            iso("с 30 апреля по 2 мая 2024 года", r),
            [s("с 30 апреля по 2 мая 2024 года", "2024-04-30/2024-05-02")]
        );
        assert_eq!(iso("с января по март 2024 года", r), [s("с января по март 2024 года", "2024-01/2024-03")]);
        assert_eq!(iso("с 2015 года", r), [s("с 2015 года", "2015/2025")]);
        assert_eq!(iso("с марта 2022 года", None), [s("с марта 2022 года", "2022-03")]);
        // "с" is also "with": a number of people is no time.
        assert!(iso("встреча с 2000 участниками", r).is_empty());
        // Not months: "мальчик", "марш".
        assert!(iso("марш мальчиков", None).is_empty());
    }
}
