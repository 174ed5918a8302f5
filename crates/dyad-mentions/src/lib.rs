//! Mentions: every country, capital, city, organization, region, person and title a
//! [`Document`] names, with byte spans and canonical ids, and the positions the text gives
//! people ([`RoleClaim`]).
//!
//! How people are found:
//! - names of the lexicon, in any listed spelling ("Tokaev" is Kassym-Jomart Tokayev);
//! - names next to a title ("the director of the Kazakhstan Institute for Strategic Studies,
//!   Yerkin Tukumov"; "Mukhtar Tileuberdi, the foreign minister of Kazakhstan"), the title's
//!   country read from its modifier ("Kazakh", "Japan's", "Tokyo"), its complement ("of India",
//!   "of the Russian Federation", "of the Institute"), or the person's record in the lexicon;
//! - later mentions by family name ("Tukumov"), linked to the full name;
//! - office references ("the Head of State", "the Kazakh President"), linked to the office
//!   holder on the document's date, or to a holder the document already named.
//!
//! ```
//! use dyad_document::{Document, Meta};
//! use dyad_lexicon::Lexicon;
//! let doc = Document::new("d", "Foreign Minister of Japan Yoko Kamikawa met Murat Nurtleu.", Meta::default());
//! let found = dyad_mentions::find(&doc, Lexicon::embedded());
//! assert_eq!(found.roles[0].person, "Yōko Kamikawa");
//! assert_eq!((found.roles[0].role.as_str(), found.roles[0].of.as_str()), ("foreign_minister", "JPN"));
//! ```
#![warn(missing_docs)]

mod dateline;
mod names;
mod orgs;
mod russian_names;
mod titles;

use dyad_document::{Document, Span};
use dyad_lexicon::{CountryForm, Lexicon, Target};
use dyad_recognize::amount::{find_amounts_in, AmountMatch};
use dyad_recognize::time::{find_times_in, Partial, TimeMatch, TimeValue};
use dyad_recognize::token::tokenize_lowered;
use serde::Serialize;

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A country by name or adjective.
    Country,
    /// A capital or seat of government (stands for the government).
    Capital,
    /// Another city (a place in a country).
    Place,
    /// An organization (international, or national by its name's shape).
    Organization,
    /// A region or group of countries.
    Region,
    /// A person.
    Person,
    /// A title (position).
    Title,
}

/// One mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// What it names.
    #[serde(rename = "type")]
    pub kind: Kind,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The text as written.
    pub text: String,
    /// Canonical id: ISO3 code, organization or region code, a person's full name, or a role.
    pub id: String,
    /// The country it belongs to: a person's, a national organization's, a title's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// How it was recognized: `lexicon`, `title`, `shape`, `family-name`, `office`.
    pub via: &'static str,
}

/// A person's position as the text gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleClaim {
    /// Canonical full name.
    pub person: String,
    /// A role of facts JSONL v1.
    pub role: String,
    /// ISO3 code of the country served, or an organization code.
    pub of: String,
    /// The title's span.
    pub title: Span,
    /// The name's span.
    pub name: Span,
    /// The sentence.
    pub sentence: Span,
}

/// Everything found in one document.
#[derive(Debug, Clone, Default)]
pub struct Mentions {
    /// Mentions, ordered by start offset.
    pub items: Vec<Mention>,
    /// Positions of named people, in the text order of their titles.
    pub roles: Vec<RoleClaim>,
    /// Time expressions, resolved against the document's date, in text order.
    pub times: Vec<TimeMatch>,
    /// Amounts of money, percentages, ratios and counts, in text order.
    pub amounts: Vec<AmountMatch>,
    /// The country of the dateline ("KUALA LUMPUR: ..."), where the story was filed.
    pub dateline: Option<String>,
}

impl Mentions {
    /// Mentions within a span.
    pub fn within(&self, span: Span) -> impl Iterator<Item = &Mention> {
        let first = self.items.partition_point(|m| m.start < span.start);
        self.items[first..].iter().take_while(move |m| m.start < span.end).filter(move |m| m.end <= span.end)
    }
}

/// Finds the mentions of `doc`.
pub fn find(doc: &Document, lex: &Lexicon) -> Mentions {
    let text = doc.text.as_str();
    let mut items = Vec::new();
    for hit in lex.find(text) {
        let (kind, id, country, via) = match hit.target {
            Target::Country { code, form } => {
                let kind = match form {
                    CountryForm::Name | CountryForm::Adjective => Kind::Country,
                    CountryForm::Capital => Kind::Capital,
                    CountryForm::Place => Kind::Place,
                };
                (kind, code.to_string(), Some(code.to_string()), "lexicon")
            }
            Target::Organization(code) => (Kind::Organization, code.to_string(), None, "lexicon"),
            Target::Region(code) => (Kind::Region, code.to_string(), None, "lexicon"),
            Target::Person(i) => {
                let p = &lex.people[i];
                let country = doc
                    .published
                    .and_then(|d| p.terms_at(d).next().map(|t| t.country.clone()))
                    .unwrap_or_else(|| p.country().to_string());
                (Kind::Person, p.name.clone(), Some(country), "lexicon")
            }
        };
        items.push(Mention {
            kind,
            start: hit.start,
            end: hit.end,
            text: text[hit.start..hit.end].to_string(),
            id,
            country,
            via,
        });
    }
    orgs::find_organizations(doc, &mut items);
    sort(&mut items);
    let dateline = dateline::dateline_country(doc, &items);
    let roles = titles::find_roles(doc, lex, &mut items, dateline.as_deref());
    debug_assert!(roles.windows(2).all(|w| w[0].title.start <= w[1].title.start), "roles out of text order");
    names::link_family_names(doc, &mut items);
    sort(&mut items);
    let lower = text.to_ascii_lowercase();
    let toks = tokenize_lowered(text, &lower);
    let mut times = find_times_in(&toks, doc.published);
    // In text order, as the amounts are: later stages look them up by position.
    times.sort_by_key(|t| t.start);
    anchor_previous_years(doc, &mut times);
    let spans: Vec<(usize, usize)> = times.iter().map(|t| (t.start, t.end)).collect();
    let amounts = find_amounts_in(text, &toks, &spans);
    Mentions { items, roles, times, amounts, dateline }
}

/// "In 2022 trade grew 12% compared with the previous year": a year before is the year before
/// the one the sentence names (2021), not before the article's date; "over the same period of
/// the previous year" after "January-March 2021" is January-March 2020.
fn anchor_previous_years(doc: &Document, times: &mut [TimeMatch]) {
    const PHRASES: [&str; 5] = ["previous year", "preceding year", "prior year", "year before", "year earlier"];
    for k in 0..times.len() {
        let t = &times[k];
        let text = doc.text[t.start..t.end].to_ascii_lowercase();
        // "the same period last year" is anchored like "the same period of the previous year".
        let last_year = text == "last year";
        if !last_year && !PHRASES.iter().any(|p| text.contains(p)) {
            continue;
        }
        let Some(sentence) = doc.sentence_at(t.start) else { continue };
        // The nearest time before it in the sentence with a year written out.
        let anchor =
            times[..k].iter().rev().take_while(|a| a.start >= sentence.start).find(|a| {
                doc.text[a.start..a.end].bytes().filter(u8::is_ascii_digit).count() >= 4 && a.value.is_some()
            });
        let Some(value) = anchor.and_then(|a| a.value) else { continue };
        let before = doc.text[sentence.start..t.start].to_ascii_lowercase();
        let lead_in = before.trim_end();
        let lead_in = lead_in.strip_suffix("the").unwrap_or(lead_in).trim_end();
        let lead_in = lead_in.strip_suffix("of").or_else(|| lead_in.strip_suffix("in")).unwrap_or(lead_in).trim_end();
        let same_period = ["same period", "same months", "same time"].iter().any(|p| lead_in.ends_with(p));
        if last_year && !same_period {
            continue;
        }
        let shift = |p: Partial| {
            // 29 February has no day in the year before.
            let day = match (p.month, p.day) {
                (Some(2), Some(29)) => Some(28),
                (_, d) => d,
            };
            Partial { year: p.year - 1, month: p.month, day }
        };
        times[k].value = Some(if same_period {
            match value {
                TimeValue::Point(p) => TimeValue::Point(shift(p)),
                TimeValue::Range(a, b) => TimeValue::Range(shift(a), shift(b)),
            }
        } else {
            TimeValue::Point(Partial::year(value.ends().0.year - 1))
        });
    }
}

pub(crate) fn sort(items: &mut Vec<Mention>) {
    items.sort_by_key(|a| (a.start, std::cmp::Reverse(a.end)));
    // Drop a mention wholly inside a person mention (the lexicon's "Abe" inside "Shinzō Abe").
    let mut keep: Vec<Mention> = Vec::with_capacity(items.len());
    for m in items.drain(..) {
        if let Some(last) = keep.last() {
            if last.kind == Kind::Person && m.kind == Kind::Person && m.start >= last.start && m.end <= last.end {
                continue;
            }
            if last.start == m.start && last.end == m.end && last.kind == m.kind {
                continue;
            }
        }
        keep.push(m);
    }
    *items = keep;
}

#[cfg(test)]
mod tests;
