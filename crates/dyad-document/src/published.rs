//! The article's own date, as scraped news shows it: a leading `date 2024-05-23` marker, a
//! "Published: 25 December 2017" line, a line under the headline or byline that is (or starts
//! with) a date ("on 14 MARCH 2021", "3 March 2019, Policy Review", "2021-06-14 09:30 |
//! news.example.kz"), or a dateline with a full date ("ASTANA, May 23, 2024 (Kazinform) –").
//! A dateline without a year ("ASTANA, May 23") gives no date: the year cannot be known.

use dyad_recognize::date::{parse_date_prefix, Date};

/// Labels before a publication date.
const LABELS: &[&str] =
    &["published:", "published on", "published", "posted on", "posted:", "posted", "date:", "dated", "first published"];

/// How far into the text a byline or dateline date is looked for (lines).
const HEAD_LINES: usize = 14;

/// The publication date the text shows, if any.
pub fn find_published(text: &str) -> Option<Date> {
    // 1. A leading "date YYYY-MM-DD" marker.
    if let Some(date) = date_marker(text) {
        return Some(date);
    }
    // 2. A labelled line anywhere ("Published: 25 December 2017").
    for line in text.lines() {
        let t = line.trim();
        let lower = t.to_ascii_lowercase();
        for label in LABELS {
            if lower.starts_with(label) && lower.len() > label.len() {
                let rest = t[label.len()..].trim_start_matches([' ', ':', '\t']);
                if let Some(m) = parse_date_prefix(rest) {
                    return Some(m.date);
                }
            }
        }
    }
    // 3. Near the top: a line that is, or starts with, a date; a byline with a labelled date
    //    inside it; or a dateline with a full date.
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(HEAD_LINES) {
        if let Some(date) = line_date(line.trim()).or_else(|| byline_date(line.trim())) {
            return Some(date);
        }
        if let Some(date) = dateline_date(line.trim()) {
            return Some(date);
        }
    }
    None
}

/// The date of a `date YYYY-MM-DD` marker at the start of the text.
fn date_marker(text: &str) -> Option<Date> {
    let rest = text.trim_start().strip_prefix("date ")?.trim_start();
    parse_date_prefix(rest).map(|m| m.date)
}

/// Where the text begins after a leading `date YYYY-MM-DD` marker: its length with the space
/// before it (0 without one). The marker is the document's date, not the story's.
pub fn date_marker_len(text: &str) -> usize {
    let trimmed = text.trim_start();
    let Some(rest) = trimmed.strip_prefix("date ") else { return 0 };
    match parse_date_prefix(rest.trim_start()) {
        Some(m) => text.len() - rest.trim_start().len() + m.len,
        None => 0,
    }
}

/// The line without its leading `date YYYY-MM-DD` marker, if it has one.
pub(crate) fn strip_date_marker(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix("date ")?.trim_start();
    parse_date_prefix(rest).map(|m| &rest[m.len..])
}

/// A short line that starts with a date, optionally after "on" or "by ... on": the byline.
pub(crate) fn line_date(line: &str) -> Option<Date> {
    if line.len() > 90 {
        return None;
    }
    let lower = line.to_ascii_lowercase();
    let rest = if lower.starts_with("on ") { &line[3..] } else { line };
    let m = parse_date_prefix(rest.trim_start())?;
    // What follows the date must not be a sentence: a time, a separator, a source name.
    let tail = rest.trim_start()[m.len..].trim_start();
    let sentence_like = tail.split_whitespace().count() > 8;
    (!sentence_like).then_some(m.date)
}

/// A short byline with a label inside it: "Jane Roe Published November 19, 2024 | 03:40 PM",
/// "This story is from Nov 04, 2015". What follows the date is a time or a source, not prose.
fn byline_date(line: &str) -> Option<Date> {
    if line.len() > 90 {
        return None;
    }
    let lower = line.to_ascii_lowercase();
    for label in [" published ", " published: ", " posted ", " posted: ", " is from "] {
        let Some(at) = lower.find(label) else { continue };
        let rest = line[at + label.len()..].trim_start_matches([' ', ':']);
        let m = parse_date_prefix(rest)?;
        let tail = rest[m.len..].trim_start();
        return (tail.split_whitespace().count() <= 4).then_some(m.date);
    }
    None
}

/// "ASTANA, May 23, 2024 (Kazinform) –": an upper-case or title-case place, a comma, a full date.
fn dateline_date(line: &str) -> Option<Date> {
    let comma = line.find(',')?;
    let place = &line[..comma];
    if place.is_empty() || place.len() > 40 || !place.chars().next()?.is_uppercase() {
        return None;
    }
    if !place.split_whitespace().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase())) {
        return None;
    }
    let rest = line[comma + 1..].trim_start();
    parse_date_prefix(rest).map(|m| m.date)
}

/// A metadata date: an ISO date or timestamp, or any full date form.
pub(crate) fn parse_meta_date(s: &str) -> Option<Date> {
    let s = s.trim();
    parse_date_prefix(s).map(|m| m.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Option<String> {
        find_published(text).map(|d| d.to_string())
    }

    #[test]
    fn the_forms_scraped_news_uses() {
        assert_eq!(p(" date 2024-05-23 ASTANA—The president arrived.").as_deref(), Some("2024-05-23"));
        assert_eq!(p("Body text.\n\nPublished: 25 December 2017\n\nBlogs").as_deref(), Some("2017-12-25"));
        assert_eq!(p("Headline\n\nBY A WRITER in WORLD\non 14 MARCH 2021\n\nText.").as_deref(), Some("2021-03-14"));
        assert_eq!(p("Print This Post\n3 March 2019, Policy Review\n\nTitle").as_deref(), Some("2019-03-03"));
        assert_eq!(p("Headline\n\n2017-09-09 16:14 | www.example.az | 1\n").as_deref(), Some("2017-09-09"));
        assert_eq!(p("Headline\n\n2017-9-9 16:14 | www.example.az | 1\n").as_deref(), Some("2017-09-09"));
        assert_eq!(p("ASTANA, Nov. 5, 2023 (Kazinform) – The minister said.").as_deref(), Some("2023-11-05"));
        assert_eq!(p("Headline here\nMay 10, 2022\n\nText").as_deref(), Some("2022-05-10"));
        assert_eq!(
            p("Trade talks\nAnna Berg Published March 3, 2023 | 10:15 AM\nText.").as_deref(),
            Some("2023-03-03")
        );
        assert_eq!(p("This story is from Jan 09, 2020\n\nHeadline\n\nText.").as_deref(), Some("2020-01-09"));
    }

    #[test]
    fn no_date_where_the_text_shows_none() {
        assert_eq!(p("ASTANA, May 23 (Kazinform) - The minister said."), None);
        assert_eq!(p("On April 15-16, 2011, the prime minister made his first official visit to the country to meet the president."), None);
        assert_eq!(p("In 2014, the two leaders met twice."), None);
        assert_eq!(p("He served from 1996-1997 as a translator."), None);
        assert_eq!(p("The minister, who was posted to Seoul, met his host."), None);
    }

    #[test]
    fn a_date_opening_a_long_sentence_is_not_a_byline() {
        assert_eq!(
            p("25 December 2017 was the day the two ministers signed the agreement on visas and trade in Astana."),
            None
        );
    }
}
