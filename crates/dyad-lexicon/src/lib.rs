//! Knowledge as data: countries (every ISO 3166-1 entry, with names, adjectives and seats of
//! government), international organizations, regions, people with their terms of office,
//! titles and ministerial portfolios.
//!
//! The files in `data/` are embedded at build time ([`Lexicon::embedded`]); a folder of files
//! with the same names and formats extends or overrides them at run time ([`Lexicon::load`]).
//! `data/README.md` documents each format and where the data comes from.
//!
//! ```
//! use dyad_lexicon::{Lexicon, Target};
//! use dyad_recognize::Date;
//! let lex = Lexicon::embedded();
//! let hits = lex.find("Kazakh-Chinese talks in Astana");
//! assert!(matches!(hits[0].target, Target::Country { code, .. } if code == "KAZ"));
//! let who = lex.holder("KAZ", "head_of_state", Date::new(2017, 12, 25).unwrap()).unwrap();
//! assert_eq!(who.name, "Nursultan Nazarbayev");
//! ```
#![warn(missing_docs)]

mod fold;
mod load;
pub mod places;
mod russian;

use dyad_recognize::fasthash::FastMap as HashMap;
use std::collections::HashSet;
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use dyad_recognize::Date;

pub use fold::fold_diacritics;
pub use russian::russian_search_stem;

/// A country or territory of ISO 3166-1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code.
    pub code: String,
    /// Common English name.
    pub name: String,
    /// Official names and short forms.
    pub aliases: Vec<String>,
    /// Adjectives and demonyms.
    pub adjectives: Vec<String>,
    /// Capitals and seats of government (a palace, a ministry's street).
    pub capitals: Vec<String>,
    /// Other major cities.
    pub places: Vec<String>,
}

/// An international organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    /// Short upper-case code (`SCO`, `ASEAN`).
    pub code: String,
    /// Full name.
    pub name: String,
    /// Other names and acronyms.
    pub aliases: Vec<String>,
    /// Member countries, where listed.
    pub members: Vec<String>,
}

/// A region or group of countries named as a whole ("Central Asia").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// Code (`CENTRAL_ASIA`).
    pub code: String,
    /// Names and adjectives.
    pub names: Vec<String>,
    /// Member countries, where the region has a fixed list.
    pub members: Vec<String>,
}

/// One term in one office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The country served.
    pub country: String,
    /// `head_of_state`, `head_of_government` or `foreign_minister`.
    pub office: String,
    /// First day in office.
    pub start: Date,
    /// The day the next holder took over; `None` while in office.
    pub end: Option<Date>,
}

impl Term {
    /// Whether the term covers `date`.
    pub fn covers(&self, date: Date) -> bool {
        self.start <= date && self.end.is_none_or(|end| date < end)
    }
}

/// A person of the lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Canonical full name.
    pub name: String,
    /// Other spellings and the forms used alone ("Tokayev").
    pub variants: Vec<String>,
    /// Terms of office, in the order of the data.
    pub terms: Vec<Term>,
}

impl Person {
    /// The country the person served most recently.
    pub fn country(&self) -> &str {
        self.terms.iter().max_by_key(|t| t.start).map_or("", |t| t.country.as_str())
    }

    /// The terms that cover `date`.
    pub fn terms_at(&self, date: Date) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(move |t| t.covers(date))
    }
}

/// What a title means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The phrase, as in the data.
    pub phrase: String,
    /// The role when the title is of a country (`None`: not used so).
    pub of_country: Option<String>,
    /// The role when the title is of an organization.
    pub of_organization: Option<String>,
    /// The country the title itself names ("Председатель КНР"), when it does.
    pub country: Option<String>,
}

/// The kind of surface form a country hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CountryForm {
    /// A name or short form ("Kazakhstan", "the ROK").
    Name,
    /// An adjective or demonym ("Kazakh", "Singaporeans").
    Adjective,
    /// A capital or seat of government ("Astana", "the Kremlin").
    Capital,
    /// Another city ("Almaty").
    Place,
}

/// What a lexicon hit refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// A country, by one of its forms.
    Country {
        /// ISO3 code.
        code: &'a str,
        /// Which kind of form matched.
        form: CountryForm,
    },
    /// An organization, by code.
    Organization(&'a str),
    /// A region, by code.
    Region(&'a str),
    /// A person, by index into [`Lexicon::people`].
    Person(usize),
}

/// A lexicon entry found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<'a> {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// What it refers to.
    pub target: Target<'a>,
}

/// A title found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TitleHit<'a> {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// The title.
    pub title: &'a Title,
}

/// An error in a lexicon file: which file, which line, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// The file.
    pub file: String,
    /// The 1-based line, when the error is in one.
    pub line: Option<usize>,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.reason),
            None => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}

impl std::error::Error for LexiconError {}

/// The offices the people file records.
pub const OFFICES: [&str; 3] = ["head_of_state", "head_of_government", "foreign_minister"];

/// The roles of facts JSONL v1.
pub const ROLES: [&str; 8] = [
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "minister",
    "deputy_head_of_government",
    "ambassador",
    "head_of_organization",
    "official",
];

/// Everything dyad knows before it reads an article.
pub struct Lexicon {
    /// Countries, in data order.
    pub countries: Vec<Country>,
    /// Organizations.
    pub organizations: Vec<Organization>,
    /// Regions.
    pub regions: Vec<Region>,
    /// People.
    pub people: Vec<Person>,
    /// Titles.
    pub titles: Vec<Title>,
    /// Ministerial portfolios, lower-cased.
    pub portfolios: HashSet<String>,
    /// Phrases that hide the country words inside them.
    pub blocked: Vec<String>,
    country_index: HashMap<String, usize>,
    person_index: HashMap<String, usize>,
    /// Per country, its people's terms (person, term), in the people's data order.
    terms_by_country: HashMap<String, Vec<(usize, usize)>>,
    /// Full names and multi-word variants, without diacritics and lower-cased.
    folded_names: HashMap<String, usize>,
    entities: Matcher,
    title_matcher: AhoCorasick,
    title_targets: Vec<usize>,
    /// The Russian forms of the same entries (`russian.rs`).
    russian: russian::RussianIndex,
    /// The Russian data files the index was built from (embedded, then the user's).
    ru_files: Vec<load::RuFile>,
    /// The words portfolios are made of, lower-cased ("energy", "affairs", "development").
    portfolio_words: HashSet<String>,
}

/// Surface forms and what each refers to.
struct Matcher {
    automaton: WordStarts,
    targets: Vec<Vec<Entry>>,
}

/// An anchored automaton run only where a word starts with a byte that some pattern starts
/// with: most bytes of a text are never looked at, and a word-bounded match needs no more.
struct WordStarts {
    automaton: AhoCorasick,
    first_bytes: [bool; 256],
}

impl WordStarts {
    /// Case-sensitive: worth it where patterns start with few bytes (capitals); with
    /// case-insensitive title words, one unanchored pass was faster (measured).
    fn build<P: AsRef<str>>(patterns: &[P]) -> WordStarts {
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(patterns.iter().map(|p| p.as_ref()))
            .expect("word-start automaton builds");
        let mut first_bytes = [false; 256];
        for p in patterns {
            if let Some(&b) = p.as_ref().as_bytes().first() {
                first_bytes[b as usize] = true;
            }
        }
        WordStarts { automaton, first_bytes }
    }

    /// The leftmost-longest match that starts at each word start, left to right, never
    /// overlapping a match already given.
    fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = aho_corasick::Match> + 't {
        let bytes = text.as_bytes();
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < bytes.len() {
                let starts_word = self.first_bytes[bytes[at] as usize]
                    && text.is_char_boundary(at)
                    && !text[..at].chars().next_back().is_some_and(char::is_alphanumeric);
                if starts_word {
                    let input = aho_corasick::Input::new(text).range(at..).anchored(aho_corasick::Anchored::Yes);
                    if let Some(m) = self.automaton.find(input) {
                        at = m.end();
                        return Some(m);
                    }
                }
                at += 1;
            }
            None
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Entry {
    Country(usize, CountryForm),
    Organization(usize),
    Region(usize),
    Person(usize),
    Blocked,
}

impl Lexicon {
    /// The embedded lexicon, built once per process.
    pub fn embedded() -> &'static Lexicon {
        static EMBEDDED: OnceLock<Lexicon> = OnceLock::new();
        EMBEDDED.get_or_init(|| Lexicon::load(None).expect("the embedded lexicon is valid (tested)"))
    }

    /// The embedded lexicon extended by the files of `dir`, when given: rows of a country or
    /// organization code already known replace it; people, titles, portfolios and blocked
    /// phrases are added.
    pub fn load(dir: Option<&Path>) -> Result<Lexicon, LexiconError> {
        let mut raw = load::RawLexicon::embedded()?;
        if let Some(dir) = dir {
            raw.extend_from_dir(dir)?;
        }
        raw.validate()?;
        let lex = Lexicon::build(raw);
        // A user's Russian line must name an entry the lexicon has.
        if let Some(bad) = lex.russian_unknown().into_iter().next() {
            let (place, entry) = bad.rsplit_once(": ").unwrap_or((&bad, ""));
            let (file, line) = place.rsplit_once(':').unwrap_or((place, ""));
            return Err(LexiconError {
                file: file.to_string(),
                line: line.parse().ok(),
                reason: format!("{entry:?} is no entry of the lexicon (countries by ISO3 code, organizations by code, people by their English name, titles by the English title)"),
            });
        }
        Ok(lex)
    }

    fn build(raw: load::RawLexicon) -> Lexicon {
        let load::RawLexicon { ru, countries, organizations, regions, people, titles, portfolios, blocked } = raw;
        let country_index = countries.iter().enumerate().map(|(i, c)| (c.code.clone(), i)).collect();
        let person_index = people.iter().enumerate().map(|(i, p)| (p.name.clone(), i)).collect();
        let mut terms_by_country: HashMap<String, Vec<(usize, usize)>> = HashMap::default();
        for (i, p) in people.iter().enumerate() {
            for (k, t) in p.terms.iter().enumerate() {
                terms_by_country.entry(t.country.clone()).or_default().push((i, k));
            }
        }
        let mut folded_names = HashMap::default();
        for (i, p) in people.iter().enumerate() {
            for n in std::iter::once(&p.name).chain(&p.variants).filter(|n| n.contains(' ')) {
                folded_names.entry(fold_diacritics(n).to_lowercase()).or_insert(i);
            }
        }

        let mut forms: HashMap<String, Vec<Entry>> = HashMap::default();
        let mut add = |surface: &str, entry: Entry| {
            for variant in surface_variants(surface) {
                let list = forms.entry(variant).or_default();
                if !list.contains(&entry) {
                    list.push(entry);
                }
            }
        };
        for (i, c) in countries.iter().enumerate() {
            for n in std::iter::once(&c.name).chain(&c.aliases) {
                add(n, Entry::Country(i, CountryForm::Name));
            }
            for a in &c.adjectives {
                add(a, Entry::Country(i, CountryForm::Adjective));
            }
            for a in &c.capitals {
                add(a, Entry::Country(i, CountryForm::Capital));
            }
            for a in &c.places {
                add(a, Entry::Country(i, CountryForm::Place));
            }
        }
        for (i, o) in organizations.iter().enumerate() {
            add(&o.code, Entry::Organization(i));
            for n in std::iter::once(&o.name).chain(&o.aliases) {
                add(n, Entry::Organization(i));
            }
        }
        for (i, r) in regions.iter().enumerate() {
            for n in &r.names {
                add(n, Entry::Region(i));
            }
        }
        for (i, p) in people.iter().enumerate() {
            for n in std::iter::once(&p.name).chain(&p.variants) {
                add(n, Entry::Person(i));
            }
        }
        for b in &blocked {
            add(b, Entry::Blocked);
        }
        let mut pairs: Vec<(String, Vec<Entry>)> = forms.into_iter().collect();
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let surfaces: Vec<&String> = pairs.iter().map(|(s, _)| s).collect();
        let automaton = WordStarts::build(&surfaces);
        let entities = Matcher { automaton, targets: pairs.into_iter().map(|(_, t)| t).collect() };

        let mut title_phrases = Vec::new();
        let mut title_targets = Vec::new();
        for (i, t) in titles.iter().enumerate() {
            for v in surface_variants(&t.phrase) {
                title_phrases.push(v);
                title_targets.push(i);
            }
        }
        let title_matcher = AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&title_phrases)
            .expect("title automaton builds");
        let portfolio_words = portfolios
            .iter()
            .flat_map(|p| p.split(|c: char| !c.is_alphanumeric() && c != '-'))
            .filter(|w| !w.is_empty() && !PORTFOLIO_JOINS.contains(&w.trim()))
            .map(str::to_string)
            .collect();
        Lexicon {
            countries,
            organizations,
            regions,
            people,
            titles,
            portfolios,
            blocked,
            country_index,
            person_index,
            terms_by_country,
            folded_names,
            entities,
            title_matcher,
            title_targets,
            portfolio_words,
            russian: russian::RussianIndex::default(),
            ru_files: Vec::new(),
        }
        .with_russian(ru)
    }

    /// Adds the Russian forms (`data/ru/`, then a user's `ru/` files) of the countries,
    /// organizations, people and titles this lexicon has; a line naming an entry it does not
    /// have is left out here and reported by [`Lexicon::russian_unknown`] (the embedded data's
    /// tests check that none does; a user's such line fails [`Lexicon::load`]).
    fn with_russian(mut self, ru: Vec<load::RuFile>) -> Lexicon {
        // A Russian title that names its country ("Председатель КНР") is a title of its own:
        // the English one's roles, and the country.
        for f in ru.iter().filter(|f| f.name == "titles.tsv") {
            for r in f.text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
                let cols: Vec<&str> = r.split('\t').map(str::trim).collect();
                let (Some(english), Some(code)) = (cols.get(1), cols.get(2)) else { continue };
                if let Some(t) = self.titles.iter().find(|t| t.phrase == *english) {
                    let t = Title { phrase: cols[0].to_string(), country: Some(code.to_string()), ..t.clone() };
                    self.titles.push(t);
                }
            }
        }
        self.ru_files = ru;
        self.russian = russian::RussianIndex::build(&self.russian_entries().0);
        self
    }

    /// The Russian forms with what they name, and the lines naming unknown entries
    /// ("file:line: entry").
    fn russian_entries(&self) -> (Vec<(String, russian::RuEntry)>, Vec<String>) {
        use russian::RuEntry;
        let forms = |cell: Option<&&str>| -> Vec<String> {
            cell.map(|c| c.split('|').map(str::trim).filter(|f| !f.is_empty()).map(str::to_string).collect())
                .unwrap_or_default()
        };
        let mut out = Vec::new();
        let mut unknown = Vec::new();
        for f in &self.ru_files {
            for (n, line) in f.text.lines().enumerate() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let r: Vec<&str> = line.split('\t').map(str::trim).collect();
                let known = match f.name {
                    "countries.tsv" => self.country_index.get(r[0]).map(|&i| {
                        for (col, form) in [
                            (1, CountryForm::Name),
                            (2, CountryForm::Adjective),
                            (3, CountryForm::Capital),
                            (4, CountryForm::Place),
                        ] {
                            out.extend(forms(r.get(col)).into_iter().map(|f| (f, RuEntry::Country(i, form))));
                        }
                    }),
                    "organizations.tsv" => self.organizations.iter().position(|o| o.code == r[0]).map(|i| {
                        out.extend(forms(r.get(1)).into_iter().map(|f| (f, RuEntry::Organization(i))));
                    }),
                    "people.tsv" => self.person_index.get(r[0]).map(|&i| {
                        out.extend(forms(r.get(1)).into_iter().map(|f| (f, RuEntry::Person(i))));
                    }),
                    _ => {
                        let english = r.get(1).copied().unwrap_or("");
                        let own = r.get(2).and(self.titles.iter().position(|t| t.phrase == r[0]));
                        own.or_else(|| self.titles.iter().position(|t| t.phrase == english))
                            .map(|i| out.push((r[0].to_string(), RuEntry::Title(i))))
                    }
                };
                if known.is_none() {
                    unknown.push(format!("{}:{}: {}", f.origin, n + 1, r[0]));
                }
            }
        }
        (out, unknown)
    }

    /// Lines of the Russian data that name an entry this lexicon does not have
    /// ("file:line: entry"): none in the embedded data (tested); a user's are load errors.
    pub fn russian_unknown(&self) -> Vec<String> {
        self.russian_entries().1
    }

    /// The country with this ISO3 code.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.country_index.get(code).map(|&i| &self.countries[i])
    }

    /// The organization with this code.
    pub fn organization(&self, code: &str) -> Option<&Organization> {
        self.organizations.iter().find(|o| o.code == code)
    }

    /// The region with this code.
    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.code == code)
    }

    /// The person with this canonical name.
    pub fn person_named(&self, name: &str) -> Option<&Person> {
        self.person_index.get(name).map(|&i| &self.people[i])
    }

    /// The person who held `office` of `country` on `date`.
    pub fn holder(&self, country: &str, office: &str, date: Date) -> Option<&Person> {
        // Asked for every title in every article: the country's terms, not every person's.
        self.terms_by_country.get(country)?.iter().find_map(|&(i, k)| {
            let t = &self.people[i].terms[k];
            (t.office == office && t.covers(date)).then(|| &self.people[i])
        })
    }

    /// The person whose name or variant is exactly `name` (diacritics and case ignored).
    pub fn person_by_name(&self, name: &str) -> Option<&Person> {
        self.folded_names.get(&fold_diacritics(name).to_lowercase()).map(|&i| &self.people[i])
    }

    /// Every country, organization, region, person and blocked phrase in `text`, leftmost-longest,
    /// at word boundaries. Blocked phrases are not returned; they only hide what they cover.
    pub fn find(&self, text: &str) -> Vec<Hit<'_>> {
        let mut out = Vec::new();
        for m in self.entities.automaton.find_iter(text) {
            let (start, mut end) = (m.start(), m.end());
            let entries = &self.entities.targets[m.pattern().as_usize()];
            let Some(&entry) = entries.first() else {
                continue;
            };
            if !at_word_boundary(text, start, end) {
                // Plural demonyms: "Kazakhstanis", "Koreans".
                let plural = matches!(entry, Entry::Country(_, CountryForm::Adjective))
                    && text[end..].starts_with('s')
                    && at_word_boundary(text, start, end + 1);
                if !plural {
                    continue;
                }
                end += 1;
            }
            let target = match entry {
                Entry::Blocked => continue,
                Entry::Country(i, form) => {
                    let c = &self.countries[i];
                    if form == CountryForm::Name && is_currency_prefix(&text[start..end], &text[end..]) {
                        continue;
                    }
                    Target::Country { code: &c.code, form }
                }
                Entry::Organization(i) => Target::Organization(&self.organizations[i].code),
                Entry::Region(i) => Target::Region(&self.regions[i].code),
                Entry::Person(i) => Target::Person(i),
            };
            out.push(Hit { start, end, target });
        }
        // Russian forms: where no English entry covers them.
        let russian = self.russian.find(text);
        if !russian.is_empty() {
            for (start, end, entry) in russian {
                let target = match entry {
                    russian::RuEntry::Country(i, form) => Target::Country { code: &self.countries[i].code, form },
                    russian::RuEntry::Organization(i) => Target::Organization(&self.organizations[i].code),
                    russian::RuEntry::Person(i) => Target::Person(i),
                    russian::RuEntry::Title(_) => continue,
                };
                if !out.iter().any(|h| h.start < end && start < h.end) {
                    out.push(Hit { start, end, target });
                }
            }
            out.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        }
        out
    }

    /// Every title phrase in `text` (case-insensitive, leftmost-longest, at word boundaries).
    pub fn find_titles(&self, text: &str) -> Vec<TitleHit<'_>> {
        let mut hits: Vec<TitleHit<'_>> = self
            .title_matcher
            .find_iter(text)
            .filter(|m| at_word_boundary(text, m.start(), m.end()))
            .filter(|m| {
                // Short all-caps abbreviations ("PM", "FM", "EAM") only in capitals.
                let s = &text[m.start()..m.end()];
                s.len() > 3 || s.bytes().any(|b| b.is_ascii_lowercase()) || s.bytes().all(|b| b.is_ascii_uppercase())
            })
            .filter(|m| {
                let s = &text[m.start()..m.end()];
                let t = &self.titles[self.title_targets[m.pattern().as_usize()]];
                // An abbreviation in the data must be matched in capitals too.
                !(t.phrase.len() <= 3 && t.phrase.bytes().all(|b| b.is_ascii_uppercase())) || s == t.phrase
            })
            .map(|m| TitleHit {
                start: m.start(),
                end: m.end(),
                title: &self.titles[self.title_targets[m.pattern().as_usize()]],
            })
            .chain(self.russian.find(text).into_iter().filter_map(|(start, end, e)| match e {
                russian::RuEntry::Title(i) => Some(TitleHit { start, end, title: &self.titles[i] }),
                _ => None,
            }))
            .collect();
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        hits
    }

    /// The length of a ministerial portfolio at the start of `text` ("Energy", "Economy, Trade
    /// and Industry", "Social and Family Development"), if one starts there.
    ///
    /// A portfolio is a run of portfolio words (the words of `portfolios.txt`, any case) joined
    /// by spaces, commas, "and" or "&": tomorrow's ministries are new combinations of the same
    /// words, so the words, not the phrases, are the knowledge.
    pub fn portfolio_at(&self, text: &str) -> Option<usize> {
        let mut end = None;
        let mut pos = 0;
        for _ in 0..10 {
            let word_len = text[pos..].find(|c: char| !(c.is_alphanumeric() || c == '-')).unwrap_or(text.len() - pos);
            if word_len == 0 || !self.is_portfolio_word(&text[pos..pos + word_len]) {
                break;
            }
            end = Some(pos + word_len);
            pos += word_len;
            let Some(join) = [" and ", ", and ", " & ", ", ", " "].iter().find(|j| text[pos..].starts_with(**j)) else {
                break;
            };
            pos += join.len();
        }
        end
    }

    /// Where a portfolio that ends at the end of `text` starts ("Investment, Trade and Industry"
    /// before "Minister"), if one does.
    pub fn portfolio_ending_at(&self, text: &str) -> Option<usize> {
        let mut start = None;
        let mut end = text.len();
        for _ in 0..10 {
            let word_start = text[..end]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| c.is_alphanumeric() || c == '-')
                .last()
                .map(|(i, _)| i)?;
            if !self.is_portfolio_word(&text[word_start..end]) {
                break;
            }
            start = Some(word_start);
            let before = &text[..word_start];
            let Some(join) = [" and ", ", and ", " & ", ", ", " "].iter().find(|j| before.ends_with(**j)) else {
                break;
            };
            end = word_start - join.len();
        }
        start
    }

    fn is_portfolio_word(&self, word: &str) -> bool {
        // Lower-case words are joins or prose, except where a portfolio is written in lower case
        // after a capitalized one ("Economy, Trade and industry").
        word.len() > 1 && self.portfolio_words.contains(&word.to_lowercase())
    }
}

/// Words that join the parts of a portfolio.
const PORTFOLIO_JOINS: &[&str] = &["and", "&"];

/// The forms a surface string is matched in: as written, with a typographic apostrophe,
/// without diacritics, and in capitals (datelines) for longer names.
fn surface_variants(surface: &str) -> Vec<String> {
    let base = surface.strip_prefix("the ").unwrap_or(surface).to_string();
    let mut out = vec![base.clone()];
    let folded = fold_diacritics(&base);
    if folded != base {
        out.push(folded);
    }
    for v in out.clone() {
        if v.contains('\'') {
            out.push(v.replace('\'', "\u{2019}"));
        }
    }
    if base.chars().count() > 3 && base.chars().any(|c| c.is_lowercase()) {
        let upper: Vec<String> = out.iter().map(|v| v.to_uppercase()).collect();
        out.extend(upper);
    }
    out.sort();
    out.dedup();
    out
}

fn at_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// "US$", "U.S. dollars": the country word is part of a currency.
fn is_currency_prefix(matched: &str, rest: &str) -> bool {
    if !matches!(matched, "US" | "U.S." | "U.S" | "USA") {
        return false;
    }
    let rest = rest.trim_start();
    // Only the next word is looked at: lower-casing the rest of the document here made every
    // "US" cost the length of the text after it.
    rest.starts_with('$') || rest.get(..6).is_some_and(|w| w.eq_ignore_ascii_case("dollar"))
}

#[cfg(test)]
mod tests;
