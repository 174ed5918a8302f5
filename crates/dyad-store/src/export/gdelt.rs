//! Events as rows of the GDELT 2.0 event table (tab-separated, 61 columns), for tools that
//! read GDELT.

use dyad_facts::Fact;

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

/// The GDELT row of an event merged from `articles` articles (None for other facts). Actor 1 is
/// the first `from` party, actor 2 the first `to` party; a multilateral event gives one row per
/// pair of parties (see [`gdelt_rows`]). Dates without a day leave SQLDATE's day as 00.
pub fn gdelt_rows(id: u64, fact: &Fact, articles: usize, source_url: &str, added: &str) -> Vec<Vec<String>> {
    let Fact::Event(e) = fact else { return Vec::new() };
    let date = e.date.clone().unwrap_or_default();
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    let sqldate = format!("{:0<8}", digits);
    let year = digits.get(..4).unwrap_or("").to_string();
    let month_year = if digits.len() >= 6 { digits[..6].to_string() } else { String::new() };
    let fraction = match (year.parse::<f64>(), digits.get(4..6).and_then(|m| m.parse::<f64>().ok())) {
        (Ok(y), Some(m)) => format!("{:.4}", y + (m - 1.0) / 12.0),
        (Ok(y), None) => format!("{y:.4}"),
        _ => String::new(),
    };
    let root: u32 = e.cameo.get(..2).and_then(|r| r.parse().ok()).unwrap_or(0);
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    let (from, to): (Vec<&str>, Vec<&str>) = if e.to.is_empty() {
        // A meeting of several parties: every pair once.
        let all: Vec<&str> = e.from.iter().map(String::as_str).collect();
        (all.clone(), all)
    } else {
        (e.from.iter().map(String::as_str).collect(), e.to.iter().map(String::as_str).collect())
    };
    for a in &from {
        for b in &to {
            if a != b && !pairs.contains(&(b, a)) && !pairs.contains(&(a, b)) {
                pairs.push((a, b));
            }
        }
    }
    pairs
        .into_iter()
        .enumerate()
        .map(|(n, (a, b))| {
            let mut row = vec![String::new(); GDELT_COLUMNS.len()];
            row[0] = (id * 100 + n as u64).to_string();
            row[1] = sqldate.clone();
            row[2] = month_year.clone();
            row[3] = year.clone();
            row[4] = fraction.clone();
            row[5] = a.to_string();
            row[7] = a.to_string();
            row[15] = b.to_string();
            row[17] = b.to_string();
            row[25] = "1".into();
            row[26] = e.cameo.clone();
            row[27] = e.cameo.get(..3).unwrap_or(&e.cameo).to_string();
            row[28] = e.cameo.get(..2).unwrap_or(&e.cameo).to_string();
            row[29] = quad_class(root).to_string();
            row[31] = articles.to_string();
            row[32] = articles.to_string();
            row[33] = articles.to_string();
            row[59] = added.to_string();
            row[60] = source_url.to_string();
            row
        })
        .collect()
}
