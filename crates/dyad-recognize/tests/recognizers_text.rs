//! An independent check against Microsoft Recognizers-Text's English test cases (MIT), read
//! from `../shared/external/recognizers-text/` beside the repository (skipped, with a message,
//! where that folder is absent).
//!
//! A case passes when dyad finds exactly the expected spans and resolves each to an expected
//! value. Cases out of scope for news are listed in `recognizers-text-excluded.tsv` with a
//! reason each. The pass rates are printed (`cargo test -p dyad-recognize --test
//! recognizers_text -- --nocapture`) and held by a ratchet: they may rise, never fall.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use dyad_recognize::amount::{find_amounts, Unit};
use dyad_recognize::number::find_numbers;
use dyad_recognize::time::{find_times, TimeValue};
use dyad_recognize::Date;
use serde_json::Value;

/// The lowest pass rates allowed (the ratchet): raise them when dyad gets better.
const FLOORS: [(&str, f64); 4] = [("date", 0.752), ("currency", 0.937), ("number", 0.901), ("percent", 1.0)];

fn folder() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/external/recognizers-text");
    dir.is_dir().then_some(dir)
}

fn load(dir: &Path, name: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    serde_json::from_str::<Vec<Value>>(text).unwrap()
}

fn excluded() -> HashSet<(String, String)> {
    include_str!("recognizers-text-excluded.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut c = l.split('\t');
            (c.next().unwrap().to_string(), c.next().unwrap_or("").to_string())
        })
        .collect()
}

/// Char offsets (RT counts characters; `End` is inclusive) of a byte span.
fn char_span(text: &str, start: usize, end: usize) -> (i64, i64) {
    let s = text[..start].chars().count() as i64;
    let e = text[..end].chars().count() as i64 - 1;
    (s, e)
}

fn expected_span(r: &Value) -> (i64, i64) {
    (r["Start"].as_i64().unwrap(), r["End"].as_i64().unwrap())
}

struct Tally {
    model: &'static str,
    passed: usize,
    total: usize,
    excluded: usize,
    failures: Vec<String>,
}

impl Tally {
    fn new(model: &'static str) -> Tally {
        Tally { model, passed: 0, total: 0, excluded: 0, failures: Vec::new() }
    }

    /// Counts one case: excluded by the list, or passed, or failed with `Err(what was found
    /// against what was wanted)`.
    fn count(&mut self, skip: &HashSet<(String, String)>, input: &str, judge: impl FnOnce() -> Result<(), String>) {
        if skip.contains(&(self.model.to_string(), input.to_string())) {
            self.excluded += 1;
            return;
        }
        self.total += 1;
        match judge() {
            Ok(()) => self.passed += 1,
            Err(diff) => self.failures.push(format!("{input:?} -> {diff}")),
        }
    }

    fn rate(&self) -> f64 {
        self.passed as f64 / self.total.max(1) as f64
    }

    fn report(&self) {
        eprintln!(
            "recognizers-text {:<8} {:>4}/{:<4} passed ({:.1}%), {} excluded as out of scope for news",
            self.model,
            self.passed,
            self.total,
            100.0 * self.rate(),
            self.excluded
        );
        if std::env::var_os("DYAD_SHOW_FAILURES").is_some() {
            for f in &self.failures {
                eprintln!("  FAIL {f}");
            }
        }
    }
}

fn time_matches(v: &TimeValue, r: &Value) -> bool {
    let (start, end) = v.bounds();
    let kind = r["TypeName"].as_str().unwrap();
    r["Resolution"]["values"].as_array().unwrap().iter().any(|val| {
        if kind == "datetimeV2.date" {
            let (a, b) = v.ends();
            a == b && a.day.is_some() && val["value"].as_str() == Some(&start.to_string())
        } else {
            // dyad's ranges include their last point ("2014-2018" is 2014 to 2018 inclusive);
            // the suite also writes them ending where the last point starts. Both count.
            let (_, last) = v.ends();
            let ends = [end.to_string(), last.first_day().to_string()];
            val["start"].as_str() == Some(&start.to_string())
                && val["end"].as_str().is_some_and(|e| ends.iter().any(|x| x == e))
        }
    })
}

fn check_dates(dir: &Path, skip: &HashSet<(String, String)>) -> Tally {
    let mut t = Tally::new("date");
    for case in load(dir, "DateTimeModel.json") {
        let results = case["Results"].as_array().cloned().unwrap_or_default();
        let all_dates = !results.is_empty()
            && results
                .iter()
                .all(|r| matches!(r["TypeName"].as_str(), Some("datetimeV2.date" | "datetimeV2.daterange")));
        if !all_dates {
            continue;
        }
        let input = case["Input"].as_str().unwrap();
        t.count(skip, input, || {
            let reference =
                case["Context"]["ReferenceDateTime"].as_str().and_then(|s| Date::parse_iso(&s[..10.min(s.len())]));
            let found = find_times(input, reference);
            let ok = found.len() == results.len()
                && found.iter().zip(&results).all(|(f, r)| {
                    char_span(input, f.start, f.end) == expected_span(r) && f.value.is_some_and(|v| time_matches(&v, r))
                });
            if ok {
                return Ok(());
            }
            let got: Vec<String> =
                found.iter().map(|f| format!("{:?}={}", &input[f.start..f.end], f.iso().unwrap_or_default())).collect();
            let want: Vec<String> = results
                .iter()
                .map(|r| {
                    let v = &r["Resolution"]["values"][0];
                    format!(
                        "{:?}={}",
                        r["Text"].as_str().unwrap_or(""),
                        v["value"].as_str().map(String::from).unwrap_or_else(|| format!(
                            "{}..{}",
                            v["start"].as_str().unwrap_or("?"),
                            v["end"].as_str().unwrap_or("?")
                        ))
                    )
                })
                .collect();
            Err(format!("{got:?} WANT {want:?}"))
        });
    }
    t
}

/// Recognizers-Text unit names and the ISO codes that count as the same currency.
fn currency_codes(unit: &str) -> &'static [&'static str] {
    match unit {
        "Dollar" | "United States dollar" => &["USD"],
        "Euro" => &["EUR"],
        "Chinese yuan" => &["CNY"],
        "Pound" | "British pound" => &["GBP"],
        "Canadian dollar" => &["CAD"],
        "Japanese yen" => &["JPY"],
        "Franc" => &["CHF", "FRF"],
        "Swiss franc" => &["CHF"],
        "Australian dollar" => &["AUD"],
        "Bitcoin" => &["BTC"],
        "Turkish lira" => &["TRY"],
        "Rupee" => &["INR"],
        "Mexican peso" => &["MXN"],
        "Finnish markka" => &["FIM"],
        "Hong Kong dollar" => &["HKD"],
        "Peseta" => &["ESP"],
        "Netherlands guilder" => &["NLG"],
        "Costa Rican colón" => &["CRC"],
        "Georgian lari" => &["GEL"],
        "Lao kip" => &["LAK"],
        "Sri Lankan rupee" => &["LKR"],
        "New Zealand dollar" => &["NZD"],
        _ => &[],
    }
}

fn want(results: &[Value]) -> String {
    let w: Vec<String> = results
        .iter()
        .map(|r| {
            format!("{:?}={} {}", r["Text"].as_str().unwrap_or(""), r["Resolution"]["value"], r["Resolution"]["unit"])
        })
        .collect();
    format!("{w:?}")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

fn check_currency(dir: &Path, skip: &HashSet<(String, String)>) -> Tally {
    let mut t = Tally::new("currency");
    for case in load(dir, "CurrencyModel.json") {
        let input = case["Input"].as_str().unwrap();
        t.count(skip, input, || {
            let results = case["Results"].as_array().cloned().unwrap_or_default();
            let found: Vec<_> =
                find_amounts(input).into_iter().filter(|a| matches!(a.unit, Unit::Currency(_))).collect();
            let ok = found.len() == results.len()
                && found.iter().zip(&results).all(|(f, r)| {
                    let value = r["Resolution"]["value"].as_str().and_then(|v| v.parse::<f64>().ok());
                    let unit = r["Resolution"]["unit"].as_str().unwrap_or("");
                    char_span(input, f.start, f.end) == expected_span(r)
                        && value.is_some_and(|v| close(f.value, v))
                        && currency_codes(unit).contains(&f.unit.code())
                });
            if ok {
                return Ok(());
            }
            let got: Vec<String> =
                found.iter().map(|f| format!("{:?}={} {}", &input[f.start..f.end], f.value, f.unit.code())).collect();
            Err(format!("{got:?} WANT {}", want(&results)))
        });
    }
    t
}

fn check_numbers(dir: &Path, skip: &HashSet<(String, String)>) -> Tally {
    let mut t = Tally::new("number");
    for case in load(dir, "NumberModel.json") {
        let input = case["Input"].as_str().unwrap();
        t.count(skip, input, || {
            let results = case["Results"].as_array().cloned().unwrap_or_default();
            let found: Vec<(usize, usize, f64)> =
                find_numbers(input).into_iter().map(|n| (n.start, n.end, n.value)).collect();
            values_match(input, &found, &results, |v| v)
        });
    }
    t
}

fn check_percent(dir: &Path, skip: &HashSet<(String, String)>) -> Tally {
    let mut t = Tally::new("percent");
    for case in load(dir, "PercentModel.json") {
        let input = case["Input"].as_str().unwrap();
        t.count(skip, input, || {
            let results = case["Results"].as_array().cloned().unwrap_or_default();
            let found: Vec<(usize, usize, f64)> = find_amounts(input)
                .into_iter()
                .filter(|a| a.unit == Unit::Percent)
                .map(|a| (a.start, a.end, a.value))
                .collect();
            values_match(input, &found, &results, |v| v.trim_end_matches('%'))
        });
    }
    t
}

/// Numbers and percentages: each found (start, end, value) against the expected text and
/// value (`clean` strips what the suite writes around the number).
fn values_match(
    input: &str,
    found: &[(usize, usize, f64)],
    results: &[Value],
    clean: impl Fn(&str) -> &str,
) -> Result<(), String> {
    let ok = found.len() == results.len()
        && found.iter().zip(results).all(|(&(start, end, value), r)| {
            let want = r["Resolution"]["value"].as_str().and_then(|v| clean(v).parse::<f64>().ok());
            char_span(input, start, end) == expected_span(r) && want.is_some_and(|v| close(value, v))
        });
    if ok {
        return Ok(());
    }
    let got: Vec<String> =
        found.iter().map(|&(start, end, value)| format!("{:?}={}", &input[start..end], value)).collect();
    Err(format!("{got:?} WANT {}", want(results)))
}

#[test]
fn pass_rates_do_not_fall() {
    let Some(dir) = folder() else {
        eprintln!("skipped: ../shared/external/recognizers-text is not beside the repository");
        return;
    };
    let skip = excluded();
    let tallies =
        [check_dates(&dir, &skip), check_currency(&dir, &skip), check_numbers(&dir, &skip), check_percent(&dir, &skip)];
    for t in &tallies {
        t.report();
    }
    for (t, (model, floor)) in tallies.iter().zip(FLOORS) {
        assert_eq!(t.model, model);
        assert!(t.rate() >= floor, "{model}: pass rate {:.3} fell below the ratchet {floor}", t.rate());
    }
}
