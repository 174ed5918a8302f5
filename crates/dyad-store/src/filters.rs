//! Query filter values, checked where the user types them (the CLI's arguments, the server's
//! parameters): a country by ISO3 code, name or
//! alias ("KAZ", "Kazakhstan", "kazakhstan"), an event type, a metric, a date or period
//! ("2015", "2015-06", "2015-06-01").
//!
//! Why: a filter that cannot match ("--type FOO", "--since 2015-13") used to print "(nothing
//! found)" and exit 0, which reads as "no such facts". A value that cannot be one is refused
//! with exit 2 and what would be valid, by clap's own error path.
//!
//! ```text
//! $ dyad events --type FOO
//! error: invalid value 'FOO' for '--type <TYPE>': not an event type; one of VISIT, MEET, ...
//! ```

use dyad_lexicon::Lexicon;

/// A country's ISO3 code from a code, a name or an alias of the embedded lexicon.
pub fn country(s: &str) -> Result<String, String> {
    let lex = Lexicon::embedded();
    let want = s.trim();
    if lex.country(&want.to_uppercase()).is_some() {
        return Ok(want.to_uppercase());
    }
    let lower = want.to_lowercase();
    lex.countries
        .iter()
        .find(|c| c.name.to_lowercase() == lower || c.aliases.iter().any(|a| a.to_lowercase() == lower))
        .map(|c| c.code.clone())
        .ok_or_else(|| "not a country: give an ISO3 code (KAZ) or an English name (Kazakhstan)".to_string())
}

/// An event type, in upper case.
pub fn event_type(s: &str) -> Result<String, String> {
    let up = s.trim().to_uppercase();
    if dyad_facts::EVENT_TYPES.contains(&up.as_str()) {
        Ok(up)
    } else {
        Err(format!("not an event type; one of {}", dyad_facts::EVENT_TYPES.join(", ")))
    }
}

/// A figure metric, in lower case.
pub fn metric(s: &str) -> Result<String, String> {
    let low = s.trim().to_lowercase();
    if dyad_facts::METRICS.contains(&low.as_str()) {
        Ok(low)
    } else {
        Err(format!("not a metric; one of {}", dyad_facts::METRICS.join(", ")))
    }
}

/// A year, a month or a day: "2015", "2015-06", "2015-06-01".
pub fn period(s: &str) -> Result<String, String> {
    let err = || "not a date or period: YYYY, YYYY-MM or YYYY-MM-DD".to_string();
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u32>().ok()).flatten()
    };
    match parts[..] {
        [y] => num(y, 4).map(|_| s.trim().to_string()).ok_or_else(err),
        [y, m] => {
            num(y, 4).zip(num(m, 2).filter(|m| (1..=12).contains(m))).map(|_| s.trim().to_string()).ok_or_else(err)
        }
        [_, _, _] => dyad_recognize::Date::parse_iso(s.trim()).map(|_| s.trim().to_string()).ok_or_else(err),
        _ => Err(err()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_by_code_name_and_alias() {
        assert_eq!(country("kaz").unwrap(), "KAZ");
        assert_eq!(country("Kazakhstan").unwrap(), "KAZ");
        assert_eq!(country("south korea").unwrap(), "KOR");
        assert!(country("XXX").is_err());
    }

    #[test]
    fn values_that_cannot_match_are_refused() {
        assert_eq!(event_type("visit").unwrap(), "VISIT");
        assert!(event_type("FOO").unwrap_err().contains("VISIT, MEET"));
        assert_eq!(metric("Exports").unwrap(), "exports");
        assert!(metric("gdp").unwrap_err().contains("trade_turnover"));
        assert_eq!(period("2015-06").unwrap(), "2015-06");
        assert!(period("2015-13").is_err());
        assert!(period("2015-02-30").is_err());
        assert!(period("15").is_err());
    }
}
