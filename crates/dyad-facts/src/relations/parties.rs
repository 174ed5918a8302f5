//! Parties: the countries a sentence names as acting, and who stands for them.
//!
//! A party is a country named, or by adjective, capital (its government), person (the country
//! they serve) or organization (its country). Not parties: a country inside a title ("the
//! Ambassador of Turkey to Kazakhstan X": X is the party), a capital after "in"/"at" (where,
//! not who), and a country that is the topic of talks ("discussed the situation around North
//! Korea").
//!
//! ```text
//! Kazakh President Tokayev met Uzbek Foreign Minister Saidov in Tashkent.  -> KAZ, UZB
//! ```

use super::*;

/// A party mentioned in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Party {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) country: String,
    pub(crate) kind: Kind,
    pub(crate) person: Option<String>,
}

/// The country a mention stands for, when it is a party.
pub(crate) fn party_country(m: &Mention) -> Option<&str> {
    let country = m.country.as_deref();
    match m.kind {
        Kind::Country | Kind::Capital | Kind::Person => country,
        Kind::Organization => country.filter(|c| c.len() == 3 && c.bytes().all(|x| x.is_ascii_uppercase())),
        _ => None,
    }
}

/// Whether `before` ends with the word "in" or "at", in any case.
pub(crate) fn preceded_by_in_or_at(before: &str) -> bool {
    let b = before.trim_end().as_bytes();
    let n = b.len();
    n >= 2
        && (b[n - 2..].eq_ignore_ascii_case(b"in") || b[n - 2..].eq_ignore_ascii_case(b"at"))
        && (n == 2 || b[n - 3].is_ascii_whitespace())
}

pub(crate) fn parties_in(doc: &Document, mentions: &Mentions, span: Span) -> Vec<Party> {
    // "the Ambassador of Turkey to Kazakhstan Evren Dagdelen": the countries between a title and
    // its holder describe the post; the holder is the party.
    let in_title = |m: &Mention| {
        mentions.roles.iter().any(|r| {
            let (a, b) =
                if r.title.start < r.name.start { (r.title.start, r.name.start) } else { (r.name.end, r.title.end) };
            m.kind != Kind::Person && m.start >= a && m.end <= b
        })
    };
    mentions
        .within(span)
        .filter(|m| !in_title(m))
        .filter(|m| {
            // A capital after "in"/"at" is where something happened, not who did it.
            m.kind != Kind::Capital || !preceded_by_in_or_at(&doc.text[span.start..m.start])
        })
        // "discussed the situation around North Korea": a topic, not a party.
        .filter(|m| !is_topic(&doc.text[span.start..m.start]))
        .filter_map(|m| {
            let country = party_country(m)?.to_string();
            Some(Party {
                start: m.start,
                end: m.end,
                country,
                kind: m.kind,
                person: (m.kind == Kind::Person).then(|| m.id.clone()),
            })
        })
        .collect()
}

/// Whether the words before a country make it the topic of talks: "the situation in", "the
/// crisis around", "tensions between", "the conflict in", "the settlement in".
pub(crate) fn is_topic(before: &str) -> bool {
    let mut from = before.len().saturating_sub(40);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let tail = before[from..].to_lowercase();
    let tail = tail.trim_end();
    let tail = tail.strip_suffix("the").unwrap_or(tail).trim_end();
    let nouns = ["situation", "crisis", "conflict", "war", "tensions", "settlement", "developments", "events"];
    let preps = [" in", " around", " on", " over", " between", " regarding", " related to"];
    preps.iter().any(|p| tail.strip_suffix(p).is_some_and(|rest| nouns.iter().any(|n| rest.trim_end().ends_with(n))))
}

impl Sentence<'_> {
    pub(crate) fn persons(&self, countries: &[String]) -> Vec<String> {
        distinct(self.parties.iter().filter(|p| countries.contains(&p.country)).filter_map(|p| p.person.clone()))
    }

    /// Members of a region named as a party ("the Central Asia – China summit").
    pub(crate) fn region_members(&self, t: &TriggerHit) -> Vec<String> {
        self.mentions
            .within(self.sentence)
            .filter(|m| m.kind == Kind::Region)
            // The region names the meeting itself: "the Central Asia – China summit".
            .filter(|m| m.end <= t.start && t.start - m.end <= 30)
            .filter_map(|m| self.lex.region(&m.id))
            .flat_map(|r| r.members.iter().cloned())
            .collect()
    }

    /// Whether a country mention is an adjective or demonym ("Kazakh", "Koreans"), not a name.
    pub(crate) fn is_adjective(&self, m: &Mention) -> bool {
        m.kind == Kind::Country
            && self.lex.country(&m.id).is_some_and(|k| {
                k.adjectives.iter().any(|a| m.text == *a || m.text.strip_suffix('s') == Some(a.as_str()))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::{is_topic, preceded_by_in_or_at};

    #[test]
    fn in_or_at_must_be_a_whole_word_before_the_place() {
        assert!(preceded_by_in_or_at("The talks were held in "));
        assert!(preceded_by_in_or_at("Talks AT"));
        assert!(preceded_by_in_or_at("in"));
        assert!(!preceded_by_in_or_at("Berlin "));
        assert!(!preceded_by_in_or_at("The ministers met "));
        assert!(!preceded_by_in_or_at("t"));
    }

    #[test]
    fn a_country_after_the_situation_in_is_a_topic() {
        assert!(is_topic("They discussed the situation around "));
        assert!(is_topic("and tensions between "));
        assert!(is_topic("the crisis in the "));
        assert!(!is_topic("The president of "));
        assert!(!is_topic("talks in "));
    }
}
