//! Titles and the people who hold them.
//!
//! A title chain is one or more titles joined by "and", a dash or a slash ("Deputy Prime
//! Minister – Minister of Foreign Affairs"), with its complements ("of Finance", "of the
//! Republic of Kazakhstan", "to India") and its modifiers ("Kazakh", "Japan's", "Tokyo",
//! "Industry and Trade"). The holder is the name right after the chain ("... Yoko Kamikawa"),
//! or, failing that, the name right before it and a comma ("Mukhtar Tileuberdi, the foreign
//! minister of Kazakhstan"). A chain with no name that names an office of a country ("the
//! Head of State", "the Kazakh President") refers to the office holder.

use dyad_document::{Document, Span};
use dyad_lexicon::{Lexicon, Title, TitleHit};

use crate::names::{name_after, name_before, skip_honorifics, word_before};
use crate::{Kind, Mention, RoleClaim};

/// Words between a modifier and a title that change nothing.
const SKIPPABLE: &[&str] = &[
    "the",
    "The",
    "then",
    "former",
    "First",
    "first",
    "new",
    "newly",
    "his",
    "her",
    "its",
    "their",
    "current",
    "incumbent",
];

/// Separators that join two titles held by one person.
const JOINS: &[&str] = &[" – ", " - ", " — ", " and ", " & ", "/", " / ", "-"];

struct Chain<'a> {
    titles: Vec<TitleHit<'a>>,
    /// Start including modifiers.
    left: usize,
    /// End including complements.
    right: usize,
    country: Option<String>,
    /// The organization the title is of, when it is of one: (id or code, its country).
    organization: Option<(String, Option<String>)>,
}

pub(crate) fn find_roles(
    doc: &Document,
    lex: &Lexicon,
    items: &mut Vec<Mention>,
    dateline: Option<&str>,
) -> Vec<RoleClaim> {
    let text = doc.text.as_str();
    let hits = lex.find_titles(text);
    let mut claims = Vec::new();
    let mut new_items = Vec::new();
    let mut unnamed: Vec<Chain> = Vec::new();
    let mut used = vec![false; hits.len()];
    // (end of the last name, its country): lists share a country ("Prime Minister of
    // Kazakhstan Karim Massimov, Minister for Investments ... Asset Issekeshev").
    let mut previous: Option<(usize, Option<String>)> = None;
    // The outlet's country: the dateline's, else the country named most.
    let home = dateline.map(str::to_string).or_else(|| home_country(items));
    let hit_starts: std::collections::HashSet<usize> = hits.iter().map(|h| h.start).collect();
    for i in 0..hits.len() {
        if used[i] {
            continue;
        }
        let Some(sentence) = doc.sentence_at(hits[i].start) else {
            continue;
        };
        let mut chain = build_chain(text, &hits, i, &mut used, items, lex);
        // "Председатель КНР": a title that names its country is that country's, whatever
        // stands before it ("в Акорде Председателя КНР").
        if let Some(c) = chain.titles.iter().find_map(|t| t.title.country.clone()) {
            chain.country = Some(c);
        }
        let blocked =
            |p: usize| starting_in(items, p, p + 1).iter().any(|m| m.kind != Kind::Person) || hit_starts.contains(&p);
        // The holder: a name after the chain, else before it.
        let mut name: Option<Span> = None;
        // "Prime Minister (PM) Shehbaz Sharif": an abbreviation in brackets is the title again.
        let right = chain.right + bracketed_abbreviation(&text[chain.right..]);
        let after = text[right..]
            .strip_prefix(", ")
            .map(|_| right + 2)
            .or_else(|| text[right..].strip_prefix(' ').map(|_| right + 1));
        if let Some(p) = after.map(|p| skip_honorifics(text, p)).filter(|&p| p < sentence.end) {
            name = person_at(items, p).or_else(|| name_after(text, p, &blocked));
        }
        if name.is_none() {
            if let Some(e) = text[..chain.left].strip_suffix(", ").map(|s| s.len()) {
                if e > sentence.start {
                    name = person_ending_at(items, e).or_else(|| name_before(text, e, &blocked));
                }
            }
        }
        let Some(name) = name.filter(|n| n.start >= sentence.start && n.end <= sentence.end) else {
            unnamed.push(chain);
            continue;
        };
        // After the name: "Emperor Naruhito of Japan", "Mukhtar Tileuberdi of Kazakhstan".
        if chain.country.is_none() && chain.organization.is_none() {
            chain.country = country_of_phrase(text, name.end, items);
        }
        let name_text = &text[name.start..name.end];
        let lexicon_person = starting_in(items, name.start.saturating_sub(NAME_REACH), name.start + 1)
            .iter()
            .find(|m| m.kind == Kind::Person && m.start <= name.start && name.end <= m.end && m.via == "lexicon")
            .map(|m| m.id.clone())
            .or_else(|| lex.person_by_name(name_text).map(|p| p.name.clone()));
        let person_country = lexicon_person.as_deref().and_then(|n| lex.person_named(n)).map(|p| {
            doc.published
                .and_then(|d| p.terms_at(d).next().map(|t| t.country.clone()))
                .unwrap_or_else(|| p.country().to_string())
        });
        if chain.country.is_none() && chain.organization.is_none() {
            chain.country = person_country.clone();
        }
        // "Prime Minister Datuk Seri Anwar Ibrahim" with no country anywhere near: a national
        // office named bare is the home country's, as a newspaper writes of its own government.
        if chain.country.is_none() && chain.organization.is_none() && lexicon_person.is_none() {
            let previous_shares = previous
                .as_ref()
                .is_some_and(|(end, _)| matches!(&text[(*end).min(chain.left)..chain.left], ", " | " and " | ", and "));
            if !previous_shares && chain.titles.iter().all(|t| is_national_office(t.title)) {
                chain.country = home.clone();
            }
        }
        if chain.country.is_none() && chain.organization.is_none() {
            if let Some((end, country)) = &previous {
                let gap = &text[*end..chain.left];
                if matches!(gap, ", " | " and " | ", and ") {
                    chain.country = country.clone();
                }
            }
        }
        let person = lexicon_person.clone().unwrap_or_else(|| crate::russian_names::nominative(name_text));
        for t in &chain.titles {
            // "Kamikawa met her Peruvian counterpart, X": a counterpart the lexicon does not
            // know holds the post of the person named before it in the sentence.
            // (The claims are in text order: those of this sentence are the last ones.)
            let counterpart_of = claims
                .iter()
                .rev()
                .take_while(|c: &&RoleClaim| c.sentence == sentence)
                .find(|c: &&RoleClaim| Some(&c.of) != chain.country.as_ref())
                .map(|c| c.role.clone());
            let found = role_of(t.title, &chain, lexicon_person.as_deref(), doc, lex).or_else(|| {
                let country = chain.country.clone()?;
                (t.title.of_country.as_deref() == Some("lexicon")).then_some((counterpart_of?, country))
            });
            let Some((role, of)) = found else {
                continue;
            };
            new_items.push(Mention {
                kind: Kind::Title,
                start: t.start,
                end: t.end,
                text: text[t.start..t.end].to_string(),
                id: role.clone(),
                country: Some(of.clone()),
                via: "title",
            });
            claims.push(RoleClaim {
                person: person.clone(),
                role,
                of,
                title: Span { start: t.start, end: t.end },
                name,
                sentence,
            });
        }
        if lexicon_person.is_none() {
            let country = chain.country.clone().or_else(|| chain.organization.as_ref().and_then(|o| o.1.clone()));
            new_items.push(Mention {
                kind: Kind::Person,
                start: name.start,
                end: name.end,
                text: name_text.to_string(),
                id: person.clone(),
                country,
                via: "title",
            });
        }
        previous = Some((name.end, chain.country.clone()));
    }
    items.extend(new_items);
    crate::sort(items);
    office_references(doc, lex, items, &unnamed);
    claims
}

/// The length of " (PM)" or " (FM)" at the start of `rest`: an abbreviation in brackets.
fn bracketed_abbreviation(rest: &str) -> usize {
    let Some(inner) = rest.strip_prefix(" (") else { return 0 };
    let Some(close) = inner.find(')') else { return 0 };
    let abbr = &inner[..close];
    let ok = (1..=6).contains(&abbr.len()) && abbr.bytes().all(|b| b.is_ascii_uppercase() || b == b'.');
    if ok {
        2 + close + 1
    } else {
        0
    }
}

/// Whether a title is a national office that a bare mention gives to the home country: heads of
/// state and government, their deputies, ministers, and officials of a government (not of a
/// province, a city or an organization).
fn is_national_office(title: &Title) -> bool {
    let national = ["head_of_state", "head_of_government", "deputy_head_of_government", "foreign_minister", "minister"];
    match title.of_country.as_deref() {
        Some(r) if national.contains(&r) => true,
        Some("official") => title.of_organization.is_none() && !SUBNATIONAL.iter().any(|w| title.phrase.contains(w)),
        _ => false,
    }
}

/// Title words of provinces, cities and legislatures' members: not a national office.
const SUBNATIONAL: &[&str] = &["Governor", "Mayor", "Akim", "Senator", "Deputy of"];

/// A person mention at `p`, or one that covers it ("Emperor Naruhito" in the lexicon).
/// The longest a name or title phrase runs: mentions that may hold a position start at most
/// this far before it. (Look-ups search this window of the mentions, sorted by start, rather
/// than all of them: a long document has many titles and many mentions, and scanning every
/// mention for every title made the work grow with the square of the length.)
const NAME_REACH: usize = 300;

/// The mentions starting in `from..to` (the mentions are sorted by start).
fn starting_in(items: &[Mention], from: usize, to: usize) -> &[Mention] {
    let a = items.partition_point(|m| m.start < from);
    let b = items.partition_point(|m| m.start < to);
    &items[a..b.max(a)]
}

fn person_at(items: &[Mention], p: usize) -> Option<Span> {
    starting_in(items, p.saturating_sub(NAME_REACH), p + 1)
        .iter()
        .find(|m| m.kind == Kind::Person && m.start <= p && p < m.end)
        .map(|m| Span { start: m.start, end: m.end })
}

fn person_ending_at(items: &[Mention], e: usize) -> Option<Span> {
    starting_in(items, e.saturating_sub(NAME_REACH), e)
        .iter()
        .find(|m| m.kind == Kind::Person && m.end == e)
        .map(|m| Span { start: m.start, end: m.end })
}

fn build_chain<'a>(
    text: &str,
    hits: &[TitleHit<'a>],
    first: usize,
    used: &mut [bool],
    items: &[Mention],
    lex: &Lexicon,
) -> Chain<'a> {
    let mut chain = Chain {
        titles: vec![hits[first]],
        left: hits[first].start,
        right: hits[first].end,
        country: None,
        organization: None,
    };
    used[first] = true;
    let mut k = first;
    loop {
        complements(text, &mut chain, items, lex);
        let rest = &text[chain.right..];
        let next = JOINS.iter().find_map(|j| {
            rest.starts_with(j).then(|| chain.right + j.len()).and_then(|p| {
                let p = if text[p..].starts_with("the ") { p + 4 } else { p };
                // (The hits are in text order: the search stops at the position.)
                hits.iter()
                    .enumerate()
                    .skip(k + 1)
                    .take_while(|(_, h)| h.start <= p)
                    .find(|(_, h)| h.start == p)
                    .map(|(i, _)| i)
            })
        });
        match next {
            Some(j) => {
                used[j] = true;
                chain.titles.push(hits[j]);
                chain.right = hits[j].end;
                k = j;
            }
            None => break,
        }
    }
    modifiers(text, &mut chain, items, lex);
    chain
}

/// Whether the text at `at` starts with a Cyrillic letter.
fn is_cyrillic_at(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
}

/// "of Finance", "for Investments and Development", "of the Republic of Kazakhstan", "to India".
fn complements(text: &str, chain: &mut Chain, items: &[Mention], lex: &Lexicon) {
    loop {
        let rest = &text[chain.right..];
        let last = chain.titles.last().unwrap().title;
        let is_minister = last.phrase.ends_with("Minister");
        let mut moved = false;
        for prep in [" of ", " for "] {
            if let Some(after) = rest.strip_prefix(prep) {
                let at = chain.right + prep.len();
                if is_minister {
                    if let Some(n) = lex.portfolio_at(after) {
                        chain.right = at + n;
                        moved = true;
                        break;
                    }
                }
                let at = if text[at..].starts_with("the ") { at + 4 } else { at };
                if let Some(m) = starting_in(items, at, at + 1).iter().find(|m| m.kind != Kind::Person) {
                    match m.kind {
                        Kind::Country | Kind::Capital if chain.country.is_none() => chain.country = m.country.clone(),
                        Kind::Organization if chain.organization.is_none() && chain.country.is_none() => {
                            chain.organization = Some((m.id.clone(), m.country.clone()))
                        }
                        _ => {}
                    }
                    chain.right = m.end;
                    moved = true;
                    break;
                }
            }
        }
        // A Russian minister's portfolio is the genitive after the title, in lower case:
        // "министр культуры и туризма КНР", "министром торговли Говардом Латником".
        if !moved && is_minister && chain.titles.last().is_some_and(|t| is_cyrillic_at(text, t.start)) {
            let mut end = chain.right;
            for _ in 0..5 {
                let next = &text[end..];
                let Some(word) = next.strip_prefix(' ') else { break };
                let len = word.find(|c: char| !c.is_alphabetic()).unwrap_or(word.len());
                let w = &word[..len];
                let lower_cyrillic = w.chars().next().is_some_and(|c| matches!(c, 'а'..='я' | 'ё'));
                if len == 0
                    || !lower_cyrillic
                    || starting_in(items, end + 1, end + 2).iter().any(|m| m.kind != Kind::Person)
                {
                    break;
                }
                end += 1 + len;
            }
            if end > chain.right {
                chain.right = end;
                continue;
            }
        }
        // Russian puts the country after the title in the genitive, with no preposition:
        // "президент Казахстана", "министр иностранных дел РФ".
        if !moved && rest.starts_with(' ') {
            let at = chain.right + 1;
            if let Some(m) = starting_in(items, at, at + 1).iter().find(|m| {
                matches!(m.kind, Kind::Country | Kind::Capital | Kind::Organization)
                    && m.text.chars().next().is_some_and(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
            }) {
                match m.kind {
                    Kind::Organization if chain.organization.is_none() && chain.country.is_none() => {
                        chain.organization = Some((m.id.clone(), m.country.clone()))
                    }
                    Kind::Country | Kind::Capital if chain.country.is_none() => chain.country = m.country.clone(),
                    _ => {}
                }
                chain.right = m.end;
                moved = true;
            }
        }
        if !moved {
            if let Some(after) = rest.strip_prefix(" to ") {
                let at = chain.right + 4;
                let at = if after.starts_with("the ") { at + 4 } else { at };
                if let Some(m) = starting_in(items, at, at + 1).iter().find(|m| m.kind == Kind::Country) {
                    chain.right = m.end;
                    moved = true;
                }
            }
        }
        if !moved {
            return;
        }
    }
}

/// "Kazakh", "Japan's", "Tokyo", "Industry and Trade" before the first title.
fn modifiers(text: &str, chain: &mut Chain, items: &[Mention], lex: &Lexicon) {
    let mut left = chain.left;
    // A portfolio before "Minister": "Industry and Trade Minister".
    if chain.titles[0].title.phrase.ends_with("Minister") {
        if let Some(start) = text[..left].strip_suffix(' ').and_then(|before| lex.portfolio_ending_at(before)) {
            left = start;
        }
    }
    loop {
        let before = &text[..left];
        let Some(w) = word_before(text, before.trim_end().len()).filter(|_| before.ends_with(' ')) else {
            break;
        };
        if SKIPPABLE.contains(&w.text) {
            left = w.start;
            continue;
        }
        // A country, capital or organization, possibly possessive.
        let mut end = left - 1;
        for poss in ["'s", "’s"] {
            if text[..end].ends_with(poss) {
                end -= poss.len();
            }
        }
        if chain.country.is_none() && chain.organization.is_none() {
            if let Some(m) = starting_in(items, end.saturating_sub(NAME_REACH), end)
                .iter()
                .find(|m| m.end == end && m.kind != Kind::Person && m.kind != Kind::Region)
            {
                match m.kind {
                    Kind::Organization => chain.organization = Some((m.id.clone(), m.country.clone())),
                    _ => chain.country = m.country.clone(),
                }
                left = m.start;
                continue;
            }
        }
        break;
    }
    chain.left = left;
}

/// " of Japan" right after `pos`: the country.
fn country_of_phrase(text: &str, pos: usize, items: &[Mention]) -> Option<String> {
    let at = pos + text[pos..].strip_prefix(" of ").map(|_| 4)?;
    let at = if text[at..].starts_with("the ") { at + 4 } else { at };
    starting_in(items, at, at + 1).iter().find(|m| m.kind == Kind::Country).and_then(|m| m.country.clone())
}

/// The role a title gives and what it is of.
fn role_of(
    title: &Title,
    chain: &Chain,
    person: Option<&str>,
    doc: &Document,
    lex: &Lexicon,
) -> Option<(String, String)> {
    if let Some((org, org_country)) = &chain.organization {
        let role = title.of_organization.clone().or_else(|| title.of_country.clone())?;
        let of = org_country.clone().or_else(|| lex.organization(org).map(|o| o.code.clone()))?;
        return Some((role, of));
    }
    let country = chain.country.clone()?;
    let role = title.of_country.clone()?;
    if role == "lexicon" {
        let p = lex.person_named(person?)?;
        let term = match doc.published {
            Some(d) => p.terms_at(d).next()?,
            None => {
                let mut offices: Vec<&str> = p.terms.iter().map(|t| t.office.as_str()).collect();
                offices.dedup();
                if offices.len() != 1 {
                    return None;
                }
                p.terms.first()?
            }
        };
        return Some((term.office.clone(), term.country.clone()));
    }
    Some((role, country))
}

/// Offices named without a name ("the Head of State", "the Kazakh President"): the holder on
/// the document's date, or a holder the document names.
fn office_references(doc: &Document, lex: &Lexicon, items: &mut Vec<Mention>, unnamed: &[Chain]) {
    let home = home_country(items);
    // Without a date, the office's holder is the first person named in the document who ever
    // held it: one table of (country, office) -> person, made once for the document.
    let mut named_holders: std::collections::HashMap<(&str, &str), &str> = std::collections::HashMap::new();
    if doc.published.is_none() {
        for m in items.iter().filter(|m| m.kind == Kind::Person && m.via == "lexicon") {
            for t in lex.person_named(&m.id).map(|p| p.terms.as_slice()).unwrap_or_default() {
                named_holders.entry((t.country.as_str(), t.office.as_str())).or_insert(m.id.as_str());
            }
        }
    }
    let mut found = Vec::new();
    for chain in unnamed {
        if chain.titles.len() != 1 || chain.organization.is_some() {
            continue;
        }
        let t = chain.titles[0].title;
        let Some(office) = t.of_country.as_deref().filter(|o| dyad_lexicon::OFFICES.contains(o)) else {
            continue;
        };
        let explicit = chain.country.is_some();
        let is_head_of_state_phrase = t.phrase.starts_with("Head of");
        let Some(country) = chain.country.clone().or_else(|| home.clone().filter(|_| is_head_of_state_phrase)) else {
            continue;
        };
        if !explicit && !is_head_of_state_phrase {
            continue;
        }
        let holder = match doc.published {
            Some(d) => lex.holder(&country, office, d).map(|p| p.name.clone()),
            None => named_holders.get(&(country.as_str(), office)).map(|id| id.to_string()),
        };
        if let Some(name) = holder {
            let start = chain.left
                + if doc.text[chain.left..].starts_with("the ") || doc.text[chain.left..].starts_with("The ") {
                    4
                } else {
                    0
                };
            found.push(Mention {
                kind: Kind::Person,
                start,
                end: chain.right,
                text: doc.text[start..chain.right].to_string(),
                id: name,
                country: Some(country),
                via: "office",
            });
        }
    }
    items.extend(found);
}

/// The country the document names most (first on a tie).
fn home_country(items: &[Mention]) -> Option<String> {
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    for (i, m) in items.iter().enumerate().filter(|(_, m)| matches!(m.kind, Kind::Country | Kind::Capital)) {
        let Some(c) = &m.country else { continue };
        match counts.iter_mut().find(|x| &x.0 == c) {
            Some(x) => x.1 += 1,
            None => counts.push((c.clone(), 1, i)),
        }
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2))).map(|x| x.0)
}
