//! Tests as data: each line of `tests/rules/*.jsonl` is a sentence written by the team, the
//! document date, and the facts it must and must not give. A `must` fact matches a produced fact
//! when every field it names is equal (`parties` compares the union of `from` and `to` as a
//! set; `pair` the two sides of a figure as a set; a value within 2%).

use dyad_document::{Document, Meta};
use dyad_facts::Extractor;
use dyad_lexicon::Lexicon;
use serde_json::Value;

fn matches(want: &Value, got: &Value) -> bool {
    let obj = want.as_object().expect("an object");
    obj.iter().all(|(k, v)| match k.as_str() {
        "parties" => {
            let mut have: Vec<String> = got["from"]
                .as_array()
                .into_iter()
                .flatten()
                .chain(got["to"].as_array().into_iter().flatten())
                .filter_map(|x| x.as_str().map(String::from))
                .collect();
            let mut need: Vec<String> = v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect();
            have.sort();
            have.dedup();
            need.sort();
            have == need
        }
        "pair" => {
            let mut have =
                vec![got["from"].as_str().unwrap_or("").to_string(), got["to"].as_str().unwrap_or("").to_string()];
            let mut need: Vec<String> = v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect();
            have.sort();
            need.sort();
            have == need
        }
        "value" => {
            got["value"].as_f64().is_some_and(|g| (g - v.as_f64().unwrap()).abs() <= 0.02 * v.as_f64().unwrap().abs())
        }
        "attributes" => v.as_object().unwrap().iter().all(|(ak, av)| got["attributes"][ak] == *av),
        _ => got.get(k).unwrap_or(&Value::Null) == v,
    })
}

fn run(file: &str, cases: &str) -> Vec<String> {
    let extractor = Extractor::new(Lexicon::embedded());
    let mut failures = Vec::new();
    for (n, line) in cases.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{file}:{}: {e}", n + 1));
        let meta = Meta { published: case["published"].as_str().map(String::from), ..Meta::default() };
        let doc = Document::new("t", case["text"].as_str().unwrap(), meta);
        let facts: Vec<Value> = extractor.extract(&doc).iter().map(|f| serde_json::to_value(f).unwrap()).collect();
        for want in case["must"].as_array().into_iter().flatten() {
            if !facts.iter().any(|f| matches(want, f)) {
                failures.push(format!("{file}:{} {}: missing {want}\n  got {facts:?}", n + 1, case["name"]));
            }
        }
        for not in case["must_not"].as_array().into_iter().flatten() {
            if let Some(f) = facts.iter().find(|f| matches(not, f)) {
                failures.push(format!("{file}:{} {}: must not give {not}\n  got {f}", n + 1, case["name"]));
            }
        }
    }
    failures
}

/// The rule families, each with its file of cases (one per module of `src/relations`), and the
/// off-topic news that must give no interstate facts.
const FILES: &[(&str, &str)] = &[
    ("visits.jsonl", include_str!("rules/visits.jsonl")),
    ("meetings.jsonl", include_str!("rules/meetings.jsonl")),
    ("agreements.jsonl", include_str!("rules/agreements.jsonl")),
    ("relations.jsonl", include_str!("rules/relations.jsonl")),
    ("figures.jsonl", include_str!("rules/figures.jsonl")),
    ("russian.jsonl", include_str!("rules/russian.jsonl")),
    ("off-topic.jsonl", include_str!("rules/off-topic.jsonl")),
];

#[test]
fn every_rule_family_gives_and_withholds_what_its_cases_say() {
    let failures: Vec<String> = FILES.iter().flat_map(|(name, cases)| run(name, cases)).collect();
    assert!(failures.is_empty(), "{} failing cases:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_case_file_is_run() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(FILES.iter().any(|(f, _)| *f == name), "tests/rules/{name} is not in FILES");
    }
}
