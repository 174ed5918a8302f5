//! Events as rows of the GDELT 2.0 event table (tab-separated, 61 columns) and of its mentions
//! table (one row per article that reports an event, with the evidence sentence), for tools that
//! read GDELT.
//!
//! Column by column as the GDELT 2.0 event codebook has them, for what dyad knows:
//! GLOBALEVENTID is stable (a hash of the claim: type, parties, date, modality, and the pair),
//! so ingesting more articles does not renumber events; SQLDATE is the event's day, or, where
//! the text gives only a month or a year, the first article's date when it falls in it, else
//! the first day of that month or year; actors carry country codes, upper-case names and the
//! type GOV when office holders act; GoldsteinScale comes from `data/goldstein.tsv`;
//! NumArticles counts articles, NumSources outlets (URL hosts), NumMentions articles; SOURCEURL
//! is the first source's URL (its document id where none is known). Planned, negated and
//! hypothetical events are left out: GDELT codes what happened. ActionGeo_* is the capital or
//! city the sentence names (a world city, with GeoNames coordinates), else for a visit the host
//! country; the actors' own place columns stay empty.
//!
//! ```
//! use dyad_store::export::gdelt::goldstein;
//! assert_eq!(goldstein("042"), Some(1.9));
//! assert_eq!(goldstein("0311"), Some(5.2));
//! ```

use std::sync::OnceLock;

use dyad_facts::Fact;

use crate::merge::{Claim, Source};

/// The GDELT 2.0 event table's 61 columns, in order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// The Goldstein value of a CAMEO code, from `data/goldstein.tsv` (its base or root code's
/// when the code itself is not listed).
pub fn goldstein(code: &str) -> Option<f64> {
    static TABLE: OnceLock<Vec<(String, f64)>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        include_str!("../../data/goldstein.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let (c, v) = l.split_once('\t')?;
                Some((c.to_string(), v.trim().parse().ok()?))
            })
            .collect()
    });
    (1..=code.len()).rev().find_map(|n| table.iter().find(|(c, _)| c == &code[..n]).map(|(_, v)| *v))
}

/// CAMEO's quad class of an event code: 1 verbal cooperation, 2 material cooperation, 3 verbal
/// conflict, 4 material conflict.
fn quad_class(root: u32) -> u32 {
    match root {
        1..=5 => 1,
        6..=9 => 2,
        10..=14 => 3,
        _ => 4,
    }
}

/// FNV-1a, 64 bits: a hash that stays the same across builds and machines.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// A stable event id: 15 digits (safe in a double and in int64) from the claim and the pair.
fn event_id(e: &dyad_facts::EventFact, a: &str, b: &str) -> u64 {
    let key = format!(
        "{}|{}|{}|{}|{}|{a}|{b}",
        e.kind,
        e.from.join(","),
        e.to.join(","),
        e.date.as_deref().unwrap_or(""),
        e.modality.as_deref().unwrap_or("")
    );
    fnv(&key) % 1_000_000_000_000_000
}

/// The host of a URL ("www.reuters.com" of "https://www.reuters.com/world/..."), lower-case.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let h = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
    (!h.is_empty()).then(|| h.to_lowercase())
}

/// SQLDATE of an event: its day, or for a month or year the first article's date when it falls
/// in that month or year, else the month's or year's first day.
fn sqldate(date: Option<&str>, published: Option<&str>) -> String {
    let compact = |d: &str| d.replace('-', "");
    match (date, published) {
        (Some(d), _) if d.len() == 10 => compact(d),
        (Some(d), Some(p)) if p.len() == 10 && p.starts_with(d) => compact(p),
        (Some(d), _) if d.len() == 7 => format!("{}01", compact(d)),
        (Some(d), _) if d.len() == 4 => format!("{d}0101"),
        (None, Some(p)) if p.len() == 10 => compact(p),
        _ => String::new(),
    }
}

/// The pairs of parties a GDELT row is made for: actor 1 from `from`, actor 2 from `to`; a
/// meeting of several parties given as `from` alone gives every pair once.
fn pairs(e: &dyad_facts::EventFact) -> Vec<(String, String)> {
    let (from, to): (&[String], &[String]) = if e.to.is_empty() { (&e.from, &e.from) } else { (&e.from, &e.to) };
    let mut out: Vec<(String, String)> = Vec::new();
    for a in from {
        for b in to {
            if a != b && !out.iter().any(|(x, y)| (x == b && y == a) || (x == a && y == b)) {
                out.push((a.clone(), b.clone()));
            }
        }
    }
    out
}

/// Where an event happened, as GDELT's ActionGeo columns have it.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionGeo {
    /// 1 a country, 4 a world city.
    pub kind: u8,
    /// "Astana, Kazakhstan".
    pub full_name: String,
    /// FIPS 10-4 country code.
    pub country_code: String,
    /// ADM1 code.
    pub adm1: String,
    /// Latitude and longitude, where known.
    pub lat_lon: Option<(f64, f64)>,
    /// GeoNames id.
    pub feature_id: String,
}

/// What the GDELT export needs to know beyond the claims: a party's name ("Kazakhstan") and
/// where an event happened.
pub struct Gazetteer<'a> {
    /// A party's name by code.
    pub name: &'a dyn Fn(&str) -> Option<String>,
    /// Where an event happened.
    pub place: &'a dyn Fn(&dyad_facts::EventFact) -> Option<ActionGeo>,
}

/// The GDELT event rows of a claim (none for other facts, or for an event that did not happen:
/// planned, negated, hypothetical), one per pair of parties; `added` is DATEADDED.
pub fn gdelt_rows(claim: &Claim, gazetteer: &Gazetteer<'_>, added: &str) -> Vec<Vec<String>> {
    let name = gazetteer.name;
    let Fact::Event(e) = &claim.fact else { return Vec::new() };
    if e.modality.is_some() {
        return Vec::new();
    }
    let first = claim.sources.first();
    let sqldate = sqldate(e.date.as_deref(), first.and_then(|s| s.published.as_deref()));
    let year = sqldate.get(..4).unwrap_or("").to_string();
    let month_year = sqldate.get(..6).unwrap_or("").to_string();
    let fraction = match (year.parse::<f64>(), sqldate.get(4..6).and_then(|m| m.parse::<f64>().ok())) {
        (Ok(y), Some(m)) => format!("{:.4}", y + (m - 1.0) / 12.0),
        _ => String::new(),
    };
    let root: u32 = e.cameo.get(..2).and_then(|r| r.parse().ok()).unwrap_or(0);
    let articles = claim.sources.len();
    let mut hosts: Vec<String> =
        claim.sources.iter().map(|s| s.url.as_deref().and_then(host).unwrap_or_default()).collect();
    hosts.sort();
    hosts.dedup();
    let url =
        claim.sources.iter().find_map(|s| s.url.clone()).or_else(|| first.map(|s| s.doc.clone())).unwrap_or_default();
    let government = !e.persons.is_empty();
    let geo = (gazetteer.place)(e);
    let col = |n: &str| GDELT_COLUMNS.iter().position(|c| *c == n).expect("a GDELT column");
    pairs(e)
        .into_iter()
        .map(|(a, b)| {
            let mut row = vec![String::new(); GDELT_COLUMNS.len()];
            row[0] = event_id(e, &a, &b).to_string();
            row[1] = sqldate.clone();
            row[2] = month_year.clone();
            row[3] = year.clone();
            row[4] = fraction.clone();
            for (at, party) in [(5, &a), (15, &b)] {
                row[at] = party.clone();
                row[at + 1] = name(party).unwrap_or_default().to_uppercase();
                row[at + 2] = party.clone();
                if government {
                    row[at + 7] = "GOV".into();
                }
            }
            row[25] = "1".into();
            row[26] = e.cameo.clone();
            row[27] = e.cameo.get(..3).unwrap_or(&e.cameo).to_string();
            row[28] = e.cameo.get(..2).unwrap_or(&e.cameo).to_string();
            row[29] = quad_class(root).to_string();
            row[30] = goldstein(&e.cameo).map(|g| format!("{g:.1}")).unwrap_or_default();
            row[31] = articles.to_string();
            row[32] = hosts.len().to_string();
            row[33] = articles.to_string();
            if let Some(g) = &geo {
                row[col("ActionGeo_Type")] = g.kind.to_string();
                row[col("ActionGeo_FullName")] = g.full_name.clone();
                row[col("ActionGeo_CountryCode")] = g.country_code.clone();
                row[col("ActionGeo_ADM1Code")] = g.adm1.clone();
                if let Some((lat, lon)) = g.lat_lon {
                    row[col("ActionGeo_Lat")] = lat.to_string();
                    row[col("ActionGeo_Long")] = lon.to_string();
                }
                row[col("ActionGeo_FeatureID")] = g.feature_id.clone();
            }
            row[59] = added.to_string();
            row[60] = url.clone();
            row
        })
        .collect()
}

/// The GDELT 2.0 mentions table's columns, in order.
pub const MENTION_COLUMNS: [&str; 16] = [
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
];

/// The mentions rows of a claim: for each of its events' rows, one per article that reports
/// it, with the article's date, outlet, URL (or document id), the evidence's byte offset,
/// dyad's confidence (0-100) and, in Extras, the evidence sentence itself.
pub fn mention_rows(claim: &Claim, gazetteer: &Gazetteer<'_>) -> Vec<Vec<String>> {
    let events = gdelt_rows(claim, gazetteer, "");
    let Fact::Event(e) = &claim.fact else { return Vec::new() };
    let stamp = |d: Option<&str>| d.map(|d| format!("{}000000", d.replace('-', ""))).unwrap_or_default();
    let mut out = Vec::new();
    for ev in &events {
        let when = format!("{}000000", ev[1]);
        for s in &claim.sources {
            out.push(mention(ev[0].clone(), when.clone(), stamp(s.published.as_deref()), s, e.confidence));
        }
    }
    out
}

fn mention(id: String, event_time: String, mention_time: String, s: &Source, confidence: f64) -> Vec<String> {
    let sentence = s.evidence.text.replace(['\t', '\n', '\r'], " ");
    vec![
        id,
        event_time,
        mention_time,
        "1".into(),
        s.url.as_deref().and_then(host).unwrap_or_default(),
        s.url.clone().unwrap_or_else(|| s.doc.clone()),
        String::new(),
        String::new(),
        String::new(),
        s.evidence.start.to_string(),
        "1".into(),
        format!("{:.0}", confidence * 100.0),
        String::new(),
        String::new(),
        String::new(),
        format!("<EVIDENCE>{sentence}</EVIDENCE>"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_facts::{EventFact, Evidence};

    fn claim(date: Option<&str>, modality: Option<&str>, urls: &[Option<&str>]) -> Claim {
        let ev = Evidence { start: 10, end: 60, text: "The President of Kazakhstan visited Japan.".into() };
        Claim {
            fact: Fact::Event(EventFact {
                doc: "a".into(),
                kind: "VISIT".into(),
                from: vec!["KAZ".into()],
                to: vec!["JPN".into()],
                date: date.map(String::from),
                persons: vec!["Kassym-Jomart Tokayev".into()],
                cameo: "042".into(),
                plover: "CONSULT".into(),
                modality: modality.map(String::from),
                attributes: Default::default(),
                evidence: ev.clone(),
                confidence: 0.9,
            }),
            sources: urls
                .iter()
                .enumerate()
                .map(|(k, u)| Source {
                    doc: format!("d{k}"),
                    published: Some("2024-05-23".into()),
                    url: u.map(String::from),
                    title: None,
                    evidence: ev.clone(),
                    row: 0,
                })
                .collect(),
            conflict: false,
            others: Vec::new(),
            as_of: None,
        }
    }

    fn name(code: &str) -> Option<String> {
        Some(
            match code {
                "KAZ" => "Kazakhstan",
                "JPN" => "Japan",
                _ => return None,
            }
            .to_string(),
        )
    }

    fn tokyo(_: &EventFact) -> Option<ActionGeo> {
        Some(ActionGeo {
            kind: 4,
            full_name: "Tokyo, Japan".into(),
            country_code: "JA".into(),
            adm1: "JA40".into(),
            lat_lon: Some((35.6895, 139.69171)),
            feature_id: "1850147".into(),
        })
    }

    const G: Gazetteer<'static> = Gazetteer { name: &name, place: &tokyo };

    #[test]
    fn rows_follow_the_codebook() {
        let c =
            claim(Some("2024-05"), None, &[Some("https://www.example.kz/news/1"), Some("https://example.jp/a"), None]);
        let rows = gdelt_rows(&c, &G, "20240601000000");
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        let col = |n: &str| &r[GDELT_COLUMNS.iter().position(|c| *c == n).unwrap()];
        // A month: the article's day falls in it.
        assert_eq!(col("SQLDATE"), "20240523");
        assert_eq!((col("Actor1Name").as_str(), col("Actor1Type1Code").as_str()), ("KAZAKHSTAN", "GOV"));
        assert_eq!(col("GoldsteinScale"), "1.9");
        assert_eq!((col("NumArticles").as_str(), col("NumSources").as_str()), ("3", "3"));
        assert_eq!(col("SOURCEURL"), "https://www.example.kz/news/1");
        assert_eq!((col("ActionGeo_Type").as_str(), col("ActionGeo_CountryCode").as_str()), ("4", "JA"));
        assert_eq!(col("ActionGeo_Lat"), "35.6895");
        // The id does not depend on the claim's place in a list, nor on its sources.
        let again = gdelt_rows(&claim(Some("2024-05"), None, &[None]), &G, "x");
        assert_eq!(again[0][0], r[0]);
        assert!(r[0].len() <= 15);
    }

    #[test]
    fn what_did_not_happen_is_not_exported_and_mentions_carry_the_sentence() {
        assert!(gdelt_rows(&claim(Some("2024-05-23"), Some("planned"), &[None]), &G, "x").is_empty());
        let m = mention_rows(&claim(Some("2024-05-23"), None, &[Some("https://example.jp/a"), None]), &G);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0][4], "example.jp");
        assert_eq!(m[1][5], "d1");
        assert!(m[0][15].contains("visited Japan"));
        assert_eq!(m[0].len(), MENTION_COLUMNS.len());
    }

    #[test]
    fn sqldate_never_has_zero_month_or_day() {
        assert_eq!(sqldate(Some("2019"), Some("2020-02-03")), "20190101");
        assert_eq!(sqldate(Some("2019"), Some("2019-06-30")), "20190630");
        assert_eq!(sqldate(None, Some("2019-06-30")), "20190630");
        assert_eq!(sqldate(Some("2019-06-12"), None), "20190612");
    }
}
