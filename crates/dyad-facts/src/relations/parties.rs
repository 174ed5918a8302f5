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

/// Whether a country mention is an adjective or demonym ("Kazakh", "Koreans"), not a name.
pub(crate) fn is_adjective(lex: &Lexicon, m: &Mention) -> bool {
    // A Russian adjective is written in lower case ("российский"), a country's name is not.
    let russian_adjective = m.text.chars().next().is_some_and(|c| matches!(c, 'а'..='я' | 'ё'));
    m.kind == Kind::Country
        && (russian_adjective
            || lex.country(&m.id).is_some_and(|k| {
                k.adjectives.iter().any(|a| m.text == *a || m.text.strip_suffix('s') == Some(a.as_str()))
            }))
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
    // (Only the roles whose title or name is in the span: one pass over the document's roles per
    // sentence, not one per mention.)
    // The roles are in the text order of their titles, and a title and its holder lie within
    // one sentence (at most 2000 bytes): the window of roles near the span is found by binary
    // search, not by a scan of every role of the document for every sentence.
    const ROLE_EXTENT: usize = 2000;
    let first = mentions.roles.partition_point(|r| r.title.start + ROLE_EXTENT < span.start);
    let near: Vec<&dyad_mentions::RoleClaim> = mentions.roles[first..]
        .iter()
        .take_while(|r| r.title.start < span.end + ROLE_EXTENT)
        .filter(|r| r.title.start.min(r.name.start) < span.end && r.title.end.max(r.name.end) > span.start)
        .collect();
    let in_title = |m: &Mention| {
        near.iter().any(|r| {
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
        .filter_map(|m| {
            let country = party_country(m)?.to_string();
            // "discussed the situation around North Korea": a topic, not a party.
            if is_topic(&doc.text[span.start..m.start]) {
                return None;
            }
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
    // Read backwards a word at a time, without copying: this runs for every party.
    let (mut rest, mut word) = last_word(before);
    if word.eq_ignore_ascii_case("the") {
        (rest, word) = last_word(rest);
    }
    let preps = ["in", "around", "on", "over", "between", "regarding", "to"];
    let Some(prep) = preps.iter().find(|p| word.eq_ignore_ascii_case(p)) else { return false };
    (rest, word) = last_word(rest);
    // "issues related to North Korea": the noun comes before "related".
    if *prep == "to" {
        if !word.eq_ignore_ascii_case("related") {
            return false;
        }
        (_, word) = last_word(rest);
    }
    let nouns = ["situation", "crisis", "conflict", "war", "tensions", "settlement", "developments", "events"];
    nouns.iter().any(|n| word.eq_ignore_ascii_case(n))
}

/// The text before the last word, and the last word (letters and digits).
fn last_word(text: &str) -> (&str, &str) {
    let text = text.trim_end();
    let start = text
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    (&text[..start], &text[start..])
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
        is_adjective(self.lex, m)
    }

    /// Whether a party is a country adjective ("турецкий лидер", "the Kazakh side").
    pub(crate) fn is_adjective_party(&self, p: &Party) -> bool {
        self.mentions.within(Span { start: p.start, end: p.end }).any(|m| m.start == p.start && self.is_adjective(m))
    }

    /// Whom the `i`-th party stands for, by the noun after it (`rules/actors.tsv`), and whether
    /// it is an adjective ("Kazakh"), not a name: worked out for all parties of the sentence
    /// the first time a rule asks.
    pub(crate) fn actor(&self, i: usize) -> (Option<Actor>, bool) {
        let all = self.party_actors.get_or_init(|| {
            self.parties
                .iter()
                .map(|p| {
                    if p.kind == Kind::Person {
                        return (None, false);
                    }
                    let after = self.lower_between(p.end, p.end + 40);
                    let after = after.strip_prefix("'s").or_else(|| after.strip_prefix("’s")).unwrap_or(&after);
                    let adjective = p.kind == Kind::Country && {
                        let text = &self.doc.text[p.start..p.end];
                        self.lex.country(&p.country).is_some_and(|k| {
                            k.adjectives.iter().any(|a| text == a || text.strip_suffix('s') == Some(a.as_str()))
                        })
                    };
                    (self.rules.actor_after(after), adjective)
                })
                .collect()
        });
        all.get(i).copied().unwrap_or((None, false))
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
        assert!(is_topic("the events related to "));
        assert!(!is_topic("a visit to "));
        assert!(!is_topic("the Warsaw in "));
    }
}
