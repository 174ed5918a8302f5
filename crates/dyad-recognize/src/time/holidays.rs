//! Holidays on a fixed day ("Christmas 2018", "on Nowruz", "International Workers' Day"): the
//! day they fall on, in the year written after them or, without one, the year the tense gives
//! (as "on 25 December" would).
//!
//! Why: news dates visits and signings by holidays ("the leaders met on the eve of Nowruz").
//! The names are data (`data/holidays.tsv`, embedded at build time), with their sources; only
//! holidays whose day never moves are listed.

use std::sync::OnceLock;

use super::{Cx, Hit, Partial, Spec, TimeKind};
use crate::token::tokenize;

/// One holiday: the lower-case words of one of its names, and its month and day.
struct Holiday {
    words: Vec<String>,
    month: u8,
    day: u8,
}

/// The holidays of `data/holidays.tsv`, longest names first (so "christmas eve" wins over
/// "christmas").
fn holidays() -> &'static [Holiday] {
    static LIST: OnceLock<Vec<Holiday>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut out = Vec::new();
        for line in include_str!("../../data/holidays.tsv").lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let cols: Vec<&str> = line.split('\t').collect();
            let (month, day) = (cols[0].parse().expect("holiday month"), cols[1].parse().expect("holiday day"));
            for name in cols[2].split('|') {
                let words = tokenize(name).iter().map(|t| t.norm.replace('’', "'")).collect();
                out.push(Holiday { words, month, day });
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
    /// A holiday's name at token `i`, with the year written after it if any.
    pub(super) fn holiday(&self, i: usize) -> Option<Hit> {
        // Asked at every word that may start a time: compared in place, without copies.
        let same = |t: &crate::token::Tok<'_>, w: &str| t.norm == w || (w == "'" && t.norm == "’");
        let h = holidays()
            .iter()
            .find(|h| h.words.iter().enumerate().all(|(n, w)| self.t(i + n).is_some_and(|t| same(t, w))))?;
        let end = i + h.words.len();
        match self.year_num(end) {
            Some(y) => Some((end + 1, Spec::Abs(Partial::day(y, h.month, h.day)?), TimeKind::Absolute, None)),
            None => Some((end, Spec::DayMonth(h.month, h.day), TimeKind::Relative, None)),
        }
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
    fn every_holiday_name_is_found() {
        for h in super::holidays() {
            let text = format!("It was on {} 2020.", h.words.join(" "));
            assert!(!found(&text).is_empty(), "{text}");
        }
    }
}
