//! The gazetteer: coordinates and GDELT's codes (FIPS 10-4 country, ADM1) of the capitals and
//! cities the lexicon names, and of each country, from GeoNames (`data/places.tsv`, written by
//! `tools/gazetteer.py`; GeoNames data is CC BY 4.0).
//!
//! Why: event-data tools place events by these columns (GDELT's ActionGeo_*), and maps need
//! coordinates. A palace ("Akorda") stands at its capital. A place named in Russian, in any
//! case ("в Астане"), is found by its English name (`data/ru/places.tsv`).
//!
//! ```
//! let lex = dyad_lexicon::Lexicon::embedded();
//! let astana = lex.place("KAZ", "astana").unwrap();
//! assert_eq!(lex.place("KAZ", "Астане"), Some(astana));
//! assert_eq!((astana.fips.as_str(), astana.geonames_id), ("KZ", 1526273));
//! assert_eq!(lex.country_place("JPN").unwrap().fips, "JA");
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::Lexicon;

/// A place of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// ISO3 code of its country.
    pub country: String,
    /// GeoNames' name ("Astana" for the lexicon's "Nur-Sultan" and "Akorda").
    pub name: String,
    /// GeoNames id.
    pub geonames_id: u64,
    /// Latitude and longitude (none for a country).
    pub lat_lon: Option<(f64, f64)>,
    /// FIPS 10-4 country code ("KZ", "CH" for China, "JA" for Japan).
    pub fips: String,
    /// ADM1 code: the FIPS country code and GeoNames' admin1 code ("KZ05").
    pub adm1: String,
}

/// (ISO3, lower-case lexicon name; "" for the country) to place.
fn table() -> &'static HashMap<(String, String), Place> {
    static TABLE: OnceLock<HashMap<(String, String), Place>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../data/places.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                let lat_lon = c.get(4).and_then(|a| a.parse().ok()).zip(c.get(5).and_then(|b| b.parse().ok()));
                let place = Place {
                    country: c[0].to_string(),
                    name: c.get(2)?.to_string(),
                    geonames_id: c.get(3)?.parse().ok()?,
                    lat_lon,
                    fips: c.get(6)?.to_string(),
                    adm1: c.get(7)?.to_string(),
                };
                Some(((c[0].to_string(), c[1].to_lowercase()), place))
            })
            .collect()
    })
}

/// A Russian place name as the Russian table keys it: each word's search stem ("Нур-Султане"
/// -> "нур-султан", "Москве" -> "москв", as "Москва").
fn russian_key(name: &str) -> String {
    name.split_whitespace()
        .map(|w| crate::russian_search_stem(w).unwrap_or_else(|| w.to_lowercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// (ISO3, key of the Russian name) to the English name of the lexicon.
fn russian_table() -> &'static HashMap<(String, String), &'static str> {
    static TABLE: OnceLock<HashMap<(String, String), &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../data/ru/places.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut c = l.split('\t');
                let (iso3, ru, en) = (c.next()?, c.next()?, c.next()?);
                Some(((iso3.to_string(), russian_key(ru)), en))
            })
            .collect()
    })
}

impl Lexicon {
    /// The place a country's capital, seat or city of the lexicon is, by the lexicon's name
    /// (any case), or by its Russian name in any grammatical case.
    pub fn place(&self, country: &str, name: &str) -> Option<&'static Place> {
        let found = table().get(&(country.to_string(), name.to_lowercase()));
        found.or_else(|| {
            let english = russian_table().get(&(country.to_string(), russian_key(name)))?;
            table().get(&(country.to_string(), english.to_lowercase()))
        })
    }

    /// The country itself as a place (its FIPS code; no coordinates).
    pub fn country_place(&self, country: &str) -> Option<&'static Place> {
        table().get(&(country.to_string(), String::new()))
    }
}

#[cfg(test)]
mod tests {
    use crate::Lexicon;

    #[test]
    fn every_place_is_a_lexicon_country_s_and_every_capital_is_placed() {
        let lex = Lexicon::embedded();
        for (iso3, name) in super::table().keys() {
            let c = lex.country(iso3).unwrap_or_else(|| panic!("{iso3} is not a lexicon country"));
            let listed = c.capitals.iter().chain(&c.places).any(|p| p.to_lowercase() == *name);
            assert!(name.is_empty() || listed, "{name:?} is not a place of {iso3} in countries.tsv");
        }
        // The capitals of the countries dyad reads most about have coordinates.
        for (iso3, capital) in
            [("KAZ", "Astana"), ("CHN", "Beijing"), ("RUS", "Moscow"), ("UZB", "Tashkent"), ("USA", "Washington")]
        {
            assert!(lex.place(iso3, capital).and_then(|p| p.lat_lon).is_some(), "{capital}");
        }
    }

    /// Every capital and city of the Russian lexicon has its English name in `ru/places.tsv`,
    /// and that name is a place of the same country in the gazetteer.
    #[test]
    fn every_russian_place_is_a_gazetteer_place_in_any_case() {
        let lex = Lexicon::embedded();
        for ((iso3, key), english) in super::russian_table() {
            assert!(lex.place(iso3, english).is_some(), "{english} ({key}) of {iso3} is not in places.tsv");
        }
        for line in include_str!("../data/ru/countries.tsv").lines().filter(|l| !l.starts_with('#')) {
            let c: Vec<&str> = line.split('\t').collect();
            let places = c.iter().skip(3).flat_map(|col| col.split('|')).filter(|p| !p.trim().is_empty());
            for p in places {
                assert!(lex.place(c[0], p).is_some(), "{p} of {} has no line in ru/places.tsv", c[0]);
            }
        }
        // Case forms find the place as the nominative does.
        for (iso3, form, english) in [
            ("KAZ", "Астане", "Astana"),
            ("KAZ", "Нур-Султане", "Nur-Sultan"),
            ("RUS", "Москве", "Moscow"),
            ("CHN", "Пекине", "Beijing"),
            ("UZB", "Ташкента", "Tashkent"),
            ("AZE", "Баку", "Baku"),
        ] {
            assert_eq!(lex.place(iso3, form), lex.place(iso3, english), "{form}");
            assert!(lex.place(iso3, form).is_some(), "{form}");
        }
        assert!(lex.place("KAZ", "Москве").is_none(), "a place of another country is not this one's");
    }
}
