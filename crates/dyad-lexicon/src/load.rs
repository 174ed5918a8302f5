//! Reading the data files: the embedded ones and a user's folder.

use std::collections::HashSet;
use std::path::Path;

use dyad_recognize::Date;

use crate::{Country, LexiconError, Organization, Person, Region, Term, Title, OFFICES, ROLES};

const COUNTRIES: &str = include_str!("../data/countries.tsv");
const ORGANIZATIONS: &str = include_str!("../data/organizations.tsv");
const REGIONS: &str = include_str!("../data/regions.tsv");
const PEOPLE: &str = include_str!("../data/people.tsv");
const TITLES: &str = include_str!("../data/titles.tsv");
const PORTFOLIOS: &str = include_str!("../data/portfolios.txt");
const BLOCKED: &str = include_str!("../data/not-countries.txt");

/// The file names a lexicon folder may hold.
pub(crate) const FILES: [&str; 7] = [
    "countries.tsv",
    "organizations.tsv",
    "regions.tsv",
    "people.tsv",
    "titles.tsv",
    "portfolios.txt",
    "not-countries.txt",
];

/// The Russian files a lexicon folder's `ru/` folder may hold (the shapes of `data/ru/`).
pub(crate) const RU_FILES: [&str; 4] = ["countries.tsv", "organizations.tsv", "people.tsv", "titles.tsv"];

/// One Russian data file: where it comes from (for errors), its name in `RU_FILES`, its text.
#[derive(Clone)]
pub(crate) struct RuFile {
    pub origin: String,
    pub name: &'static str,
    pub text: String,
}

/// The files of a lexicon folder, each with its known name, path and text, in name order; a
/// file whose name is not `known` is an error (a misspelt file must not be silently left out).
/// Hidden files, `*.md` and the subfolder `except` are passed over.
fn folder_files(
    dir: &Path,
    known: &[&'static str],
    what: &str,
    except: Option<&str>,
) -> Result<Vec<(&'static str, std::path::PathBuf, String)>, LexiconError> {
    let at = |path: &Path, reason: String| LexiconError { file: path.display().to_string(), line: None, reason };
    let listing = std::fs::read_dir(dir).map_err(|e| at(dir, format!("cannot read the folder: {e}")))?;
    let mut names: Vec<String> = listing
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && !n.ends_with(".md") && Some(n.as_str()) != except)
        .collect();
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let path = dir.join(&name);
        let Some(known) = known.iter().copied().find(|f| *f == name) else {
            return Err(at(&path, format!("unknown {what} (expected one of: {})", known.join(", "))));
        };
        let text = std::fs::read_to_string(&path).map_err(|e| at(&path, format!("cannot read: {e}")))?;
        out.push((known, path, text));
    }
    Ok(out)
}

#[derive(Default)]
pub(crate) struct RawLexicon {
    /// The Russian forms, embedded first, then a user's `ru/` files.
    pub ru: Vec<RuFile>,
    pub countries: Vec<Country>,
    pub organizations: Vec<Organization>,
    pub regions: Vec<Region>,
    pub people: Vec<Person>,
    pub titles: Vec<Title>,
    pub portfolios: HashSet<String>,
    pub blocked: Vec<String>,
}

impl RawLexicon {
    pub fn embedded() -> Result<RawLexicon, LexiconError> {
        let mut raw = RawLexicon::default();
        for (name, text) in [
            ("countries.tsv", COUNTRIES),
            ("organizations.tsv", ORGANIZATIONS),
            ("regions.tsv", REGIONS),
            ("people.tsv", PEOPLE),
            ("titles.tsv", TITLES),
            ("portfolios.txt", PORTFOLIOS),
            ("not-countries.txt", BLOCKED),
        ] {
            raw.add_file(&format!("(embedded) {name}"), name, text)?;
        }
        for (name, text) in crate::russian::EMBEDDED {
            raw.ru.push(RuFile { origin: format!("(embedded) ru/{name}"), name, text: text.to_string() });
        }
        Ok(raw)
    }

    pub fn extend_from_dir(&mut self, dir: &Path) -> Result<(), LexiconError> {
        let ru = dir.join("ru");
        for (name, path, text) in folder_files(dir, &FILES, "lexicon file", Some("ru"))? {
            self.add_file(&path.display().to_string(), name, &text)?;
        }
        // A `ru/` folder's files, in the shapes of `data/ru/`: kept as text, read with the
        // embedded ones when the Russian index is built (a line naming an entry the lexicon
        // does not have is an error there).
        if ru.is_dir() {
            for (name, path, text) in folder_files(&ru, &RU_FILES, "Russian lexicon file", None)? {
                self.ru.push(RuFile { origin: path.display().to_string(), name, text });
            }
        }
        Ok(())
    }

    fn add_file(&mut self, origin: &str, name: &str, text: &str) -> Result<(), LexiconError> {
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |reason: String| LexiconError { file: origin.to_string(), line: Some(line_no), reason };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let list = |i: usize| -> Vec<String> {
                cols.get(i)
                    .map(|c| c.split('|').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect())
                    .unwrap_or_default()
            };
            match name {
                "countries.tsv" => {
                    if cols.len() < 2 {
                        return Err(err("expected at least: iso3, name".into()));
                    }
                    let c = Country {
                        code: cols[0].to_string(),
                        name: cols[1].to_string(),
                        aliases: list(2),
                        adjectives: list(3),
                        capitals: list(4),
                        places: list(5),
                    };
                    match self.countries.iter_mut().find(|x| x.code == c.code) {
                        Some(old) => *old = c,
                        None => self.countries.push(c),
                    }
                }
                "organizations.tsv" => {
                    if cols.len() < 2 {
                        return Err(err("expected at least: code, name".into()));
                    }
                    let o = Organization {
                        code: cols[0].to_string(),
                        name: cols[1].to_string(),
                        aliases: list(2),
                        members: list(3),
                    };
                    match self.organizations.iter_mut().find(|x| x.code == o.code) {
                        Some(old) => *old = o,
                        None => self.organizations.push(o),
                    }
                }
                "regions.tsv" => {
                    if cols.len() < 2 {
                        return Err(err("expected at least: code, names".into()));
                    }
                    let r = Region { code: cols[0].to_string(), names: list(1), members: list(2) };
                    match self.regions.iter_mut().find(|x| x.code == r.code) {
                        Some(old) => *old = r,
                        None => self.regions.push(r),
                    }
                }
                "people.tsv" => {
                    if cols.len() < 5 {
                        return Err(err("expected: name, variants, country, office, start[, end]".into()));
                    }
                    let start = Date::parse_iso(cols[4]).ok_or_else(|| err(format!("bad start date {:?}", cols[4])))?;
                    let end = match cols.get(5).copied().unwrap_or("") {
                        "" => None,
                        s => Some(Date::parse_iso(s).ok_or_else(|| err(format!("bad end date {s:?}")))?),
                    };
                    if !OFFICES.contains(&cols[3]) {
                        return Err(err(format!(
                            "unknown office {:?} (expected one of {})",
                            cols[3],
                            OFFICES.join(", ")
                        )));
                    }
                    if end.is_some_and(|e| e <= start) {
                        return Err(err("a term must end after it starts".into()));
                    }
                    let term = Term { country: cols[2].to_string(), office: cols[3].to_string(), start, end };
                    let variants = list(1);
                    match self.people.iter_mut().find(|p| p.name == cols[0]) {
                        Some(p) => {
                            for v in variants {
                                if !p.variants.contains(&v) {
                                    p.variants.push(v);
                                }
                            }
                            p.terms.retain(|t| {
                                !(t.office == term.office && t.country == term.country && t.start == term.start)
                            });
                            p.terms.push(term);
                        }
                        None => self.people.push(Person { name: cols[0].to_string(), variants, terms: vec![term] }),
                    }
                }
                "titles.tsv" => {
                    if cols.len() < 3 {
                        return Err(err("expected: phrase, role of a country, role of an organization".into()));
                    }
                    let role = |s: &str| -> Result<Option<String>, LexiconError> {
                        match s {
                            "-" | "" => Ok(None),
                            r if ROLES.contains(&r) || r == "lexicon" => Ok(Some(r.to_string())),
                            r => Err(err(format!("unknown role {r:?}"))),
                        }
                    };
                    let t = Title {
                        phrase: cols[0].to_string(),
                        of_country: role(cols[1])?,
                        of_organization: role(cols[2])?,
                        country: None,
                    };
                    self.titles.retain(|x| x.phrase != t.phrase);
                    self.titles.push(t);
                }
                "portfolios.txt" => {
                    self.portfolios.insert(line.trim().to_lowercase());
                }
                "not-countries.txt" => self.blocked.push(line.trim().to_string()),
                _ => unreachable!("file names are checked by the caller"),
            }
        }
        Ok(())
    }

    /// The invariants lookups rely on.
    pub fn validate(&self) -> Result<(), LexiconError> {
        let fail = |file: &str, reason: String| Err(LexiconError { file: file.into(), line: None, reason });
        let mut codes = HashSet::new();
        for c in &self.countries {
            if c.code.len() != 3 || !c.code.bytes().all(|b| b.is_ascii_uppercase()) {
                return fail("countries.tsv", format!("{:?} is not an ISO 3166-1 alpha-3 code", c.code));
            }
            if !codes.insert(c.code.as_str()) {
                return fail("countries.tsv", format!("duplicate code {}", c.code));
            }
        }
        for o in &self.organizations {
            if codes.contains(o.code.as_str()) {
                return fail("organizations.tsv", format!("code {} is also a country code", o.code));
            }
            for m in &o.members {
                if !codes.contains(m.as_str()) {
                    return fail("organizations.tsv", format!("{}: unknown member {m}", o.code));
                }
            }
        }
        for r in &self.regions {
            for m in &r.members {
                if !codes.contains(m.as_str()) {
                    return fail("regions.tsv", format!("{}: unknown member {m}", r.code));
                }
            }
        }
        let mut terms: Vec<(&str, &str, &Term, &str)> = Vec::new();
        for p in &self.people {
            for t in &p.terms {
                if !codes.contains(t.country.as_str()) {
                    return fail("people.tsv", format!("{}: unknown country {}", p.name, t.country));
                }
                terms.push((&t.country, &t.office, t, &p.name));
            }
        }
        terms.sort_by(|a, b| (a.0, a.1, a.2.start).cmp(&(b.0, b.1, b.2.start)));
        for w in terms.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if a.0 == b.0 && a.1 == b.1 && a.2.end.is_none_or(|end| end > b.2.start) {
                return fail(
                    "people.tsv",
                    format!(
                        "overlapping terms for {} {}: {} (from {}) and {} (from {})",
                        a.0, a.1, a.3, a.2.start, b.3, b.2.start
                    ),
                );
            }
        }
        Ok(())
    }
}
