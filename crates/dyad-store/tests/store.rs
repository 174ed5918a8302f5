//! The store on real extractions of our own sentences: ingest, re-ingest, change, queries.
//! Each test runs on SQLite, and on PostgreSQL when `DYAD_TEST_POSTGRES` names a server (CI
//! starts one): the two engines must give the same answers.

use std::path::Path;

use dyad_document::{Document, Meta};
use dyad_facts::{Extractor, Fact};
use dyad_store::{EventQuery, FigureQuery, NewDocument, Store};

/// A new, empty store on each engine the tests run on.
fn stores(test: &str) -> Vec<Store> {
    let mut out = vec![Store::open_in_memory().unwrap()];
    if let Some(url) = postgres_database(test) {
        out.push(Store::open(Path::new(&url)).unwrap());
    }
    out
}

/// The URL of a new, empty PostgreSQL database for one test, on the server that
/// `DYAD_TEST_POSTGRES` names (a URL of one of its databases); none when it is not set, which
/// CI does not allow.
fn postgres_database(test: &str) -> Option<String> {
    let Ok(base) = std::env::var("DYAD_TEST_POSTGRES") else {
        assert!(std::env::var_os("CI").is_none(), "CI runs the store's tests on PostgreSQL: set DYAD_TEST_POSTGRES");
        return None;
    };
    let name = format!("dyad_{test}_{}", std::process::id());
    let mut admin = postgres::Client::connect(&base, postgres::NoTls).expect("DYAD_TEST_POSTGRES: a server");
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name}")).unwrap();
    admin.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
    Some(format!("{}/{name}", base.rsplit_once('/').expect("a URL with a database").0))
}

fn doc(id: &str, text: &str) -> NewDocument {
    let d = Document::new(id, text, Meta::default());
    let facts = Extractor::new(dyad_lexicon::Lexicon::embedded()).extract(&d);
    let sentences = d.sentences.iter().map(|s| (s.start, s.end)).collect();
    NewDocument::new(id, text, Some(format!("{id}.txt")), None, None, sentences, facts)
}

const A: &str = " date 2024-02-10 Kazakhstan and Singapore held talks in Astana on February 9. \
                 Trade turnover between Kazakhstan and Singapore reached $1.6 billion in 2023.";
const B: &str = " date 2024-02-12 Bilateral trade between Singapore and Kazakhstan amounted to $1.61 billion in 2023. \
                 The ministers of Kazakhstan and Singapore held talks in Astana on February 9.";
const C: &str = " date 2024-03-01 Trade turnover between Kazakhstan and Singapore reached $1.9 billion in 2023.";

#[test]
fn the_same_article_twice_is_stored_once_and_a_changed_one_replaces_its_facts() {
    for mut s in stores("the_same_article_twice_is_stored_once_an") {
        let first = s.ingest(&[doc("a", A), doc("b", B)]).unwrap();
        assert_eq!((first.new, first.unchanged, first.updated), (2, 0, 0));
        let again = s.ingest(&[doc("a", A), doc("b", B)]).unwrap();
        assert_eq!((again.new, again.unchanged, again.updated), (0, 2, 0));
        assert_eq!(s.document_count().unwrap(), 2);
        let q = FigureQuery { pair: Some(("KAZ".into(), "SGP".into())), ..Default::default() };
        let before = s.figures(&q).unwrap();
        assert_eq!(before.len(), 1, "{before:#?}");
        assert_eq!(before[0].sources.len(), 2);
        // Article b now says something else: its old figure is gone, the new one is there.
        let changed = s.ingest(&[doc("b", C)]).unwrap();
        assert_eq!(changed.updated, 1);
        let after = s.figures(&q).unwrap();
        assert_eq!(after.len(), 2, "{after:#?}");
        assert!(after.iter().all(|c| c.conflict && c.sources.len() == 1));
        // Search finds the new sentence, not the old one.
        assert_eq!(s.search("1.9 billion", 10).unwrap().len(), 1);
        assert!(s.search("amounted", 10).unwrap().is_empty());
        assert_eq!(s.integrity_check().unwrap(), "ok");
    }
}

#[test]
fn an_article_changed_within_one_batch_keeps_only_its_last_facts() {
    // The batch's country pairs are written at its end: the first version's must not outlive it.
    for mut s in stores("an_article_changed_within_one_batch_keep") {
        let run = s.ingest(&[doc("a", A), doc("b", B), doc("a", C)]).unwrap();
        assert_eq!((run.new, run.updated), (2, 1));
        let q = FigureQuery { pair: Some(("KAZ".into(), "SGP".into())), ..Default::default() };
        let mut values: Vec<(f64, usize)> = s
            .figures(&q)
            .unwrap()
            .iter()
            .map(|c| match &c.fact {
                Fact::Figure(f) => (f.value, c.sources.len()),
                _ => (0.0, 0),
            })
            .collect();
        values.sort_by(|x, y| x.0.total_cmp(&y.0));
        assert_eq!(values, [(1.61e9, 1), (1.9e9, 1)]);
        assert_eq!(s.integrity_check().unwrap(), "ok");
    }
}

#[test]
fn queries_merge_across_articles_and_keep_the_evidence() {
    for mut s in stores("queries_merge_across_articles_and_keep_t") {
        s.ingest(&[doc("a", A), doc("b", B)]).unwrap();
        let events = s
            .events(&EventQuery { country: Some("SGP".into()), kind: Some("MEET".into()), ..Default::default() })
            .unwrap();
        assert_eq!(events.len(), 1, "{events:#?}");
        assert_eq!(events[0].sources.len(), 2);
        let Fact::Event(e) = &events[0].fact else { panic!() };
        assert_eq!(e.date.as_deref(), Some("2024-02-09"));
        assert!(events[0].sources.iter().all(|src| src.evidence.text.contains("held talks in Astana")));
        let hits = s.search("trade turnover", 10).unwrap();
        assert_eq!(hits.len(), 1);
        assert!(matches!(&hits[0].facts[0], Fact::Figure(f) if f.metric == "trade_turnover"));
        // Words the user types are words, not FTS5 syntax.
        assert!(s.search("\"NEAR( AND", 10).unwrap().is_empty());
        let p = s.profile("SGP", "KAZ", 20, None).unwrap();
        assert_eq!((p.figures.len(), p.events.len(), p.documents.len(), p.conflicts), (1, 1, 2, 0));
        let partners = s.partners("KAZ").unwrap();
        assert_eq!(partners[0].country, "SGP");
        assert_eq!(partners[0].latest_trade, Some(("2023".into(), 1.6e9)));
        // Exported facts read back as `extract` wrote them.
        let mut figures = Vec::new();
        s.each_fact("figure", |f, _| figures.push(f)).unwrap();
        let original = doc("a", A).facts.into_iter().find(|f| matches!(f, Fact::Figure(_))).unwrap();
        assert_eq!(figures[0], original);
        // Every kind comes back as it went in.
        for kind in ["role", "event", "figure"] {
            let mut back = Vec::new();
            s.each_fact(kind, |f, _| back.push(f)).unwrap();
            let went_in: Vec<Fact> = [doc("a", A), doc("b", B)]
                .into_iter()
                .flat_map(|d| d.facts)
                .filter(|f| match f {
                    Fact::Role(_) => kind == "role",
                    Fact::Event(_) => kind == "event",
                    Fact::Figure(_) => kind == "figure",
                    Fact::Document(_) => false,
                })
                .collect();
            assert_eq!(back, went_in, "{kind}");
        }
    }
}

#[test]
fn a_russian_word_is_found_in_any_of_its_case_forms() {
    for mut s in stores("a_russian_word_is_found_in_any_of_its_ca") {
        let ru = " date 2024-05-27 Президент Казахстана Касым-Жомарт Токаев провел переговоры с Шавкатом Мирзиёевым. \
                  Встреча прошла в Астане.";
        s.ingest(&[doc("ru", ru)]).unwrap();
        // The text has "Казахстана", "Токаев", "Встреча", "Астане"; each is asked for in another form.
        for asked in ["Казахстан", "Казахстаном", "Токаеву", "встречу", "Астана", "Мирзиёев", "переговорах"]
        {
            assert_eq!(s.search(asked, 10).unwrap().len(), 1, "{asked}");
        }
        // Two words must both be there, in whatever forms.
        assert_eq!(s.search("Токаевым Астаной", 10).unwrap().len(), 0, "not in one sentence");
        assert_eq!(s.search("Токаевым Казахстан", 10).unwrap().len(), 1);
        assert!(s.search("Узбекистан", 10).unwrap().is_empty());
    }
}

#[test]
fn partners_counts_are_kept_by_ingest_and_agree_with_the_facts() {
    let dir = std::env::temp_dir().join(format!("dyad-pair-stats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("kb.db");
    let _ = std::fs::remove_file(&path);
    let mut places = vec![path.clone()];
    places.extend(postgres_database("partners_counts").map(std::path::PathBuf::from));
    let sgp = |s: &Store| s.partners("KAZ").unwrap().into_iter().find(|p| p.country == "SGP").unwrap();
    for place in places {
        let mut s = Store::open(&place).unwrap();
        s.ingest(&[doc("a", A), doc("b", B)]).unwrap();
        let p = sgp(&s);
        assert_eq!((p.events, p.figures, p.sources), (2, 2, 2), "{p:?}");
        assert_eq!(p.latest_trade, Some(("2023".into(), 1.6e9)));
        // Article b is replaced by one with only a figure: its event goes from the counts.
        s.ingest(&[doc("b", C)]).unwrap();
        let p = sgp(&s);
        assert_eq!((p.events, p.figures, p.sources), (1, 2, 2), "{p:?}");
        assert_eq!(s.integrity_check().unwrap(), "ok");
        // A count that no longer matches the facts is found by the integrity check.
        s.execute_batch("UPDATE pair_stats SET events = 99 WHERE a = 'KAZ' AND b = 'SGP'").unwrap();
        let check = s.integrity_check().unwrap();
        assert!(check.contains("1 partner counts and 0 yearly"), "{check}");
        s.execute_batch("UPDATE pair_stats SET events = 1 WHERE a = 'KAZ' AND b = 'SGP'").unwrap();
        if s.is_postgres() {
            continue;
        }
        // A database of the schema before the counts (version 2) gets them when opened.
        s.execute_batch(
            "DROP TABLE pair_stats; DROP INDEX facts_by_person_role; DROP TABLE event_years; DROP TABLE event_persons;
             DROP TABLE person_roles; ALTER TABLE documents DROP COLUMN input_digest;
             PRAGMA user_version = 2;",
        )
        .unwrap();
        drop(s);
        let s = Store::open(&path).unwrap();
        assert_eq!((sgp(&s).events, sgp(&s).figures, sgp(&s).sources), (1, 2, 2));
        assert_eq!(s.integrity_check().unwrap(), "ok");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn events_per_year_are_kept_by_ingest_for_pairs_and_countries() {
    for mut s in stores("events_per_year_are_kept_by_ingest_for_p") {
        let three = " date 2023-06-01 Kazakhstan, Singapore and Malaysia held talks in Astana on May 30, 2023.";
        s.ingest(&[doc("a", A), doc("b", B), doc("t", three)]).unwrap();
        let pair = s.event_years("KAZ", Some("SGP")).unwrap();
        assert_eq!(pair, [("2023".to_string(), "MEET".to_string(), 1), ("2024".into(), "MEET".into(), 2)], "{pair:?}");
        // A country's events count once each, however many countries they name.
        let kaz = s.event_years("KAZ", None).unwrap();
        assert_eq!(kaz, [("2023".to_string(), "MEET".to_string(), 1), ("2024".into(), "MEET".into(), 2)], "{kaz:?}");
        assert_eq!(s.event_years("MYS", Some("SGP")).unwrap().len(), 1);
        // Replacing an article takes its events away.
        s.ingest(&[doc("b", C)]).unwrap();
        assert_eq!(s.event_years("KAZ", Some("SGP")).unwrap()[1].2, 1);
        assert_eq!(s.integrity_check().unwrap(), "ok");
        s.execute_batch("UPDATE event_years SET reports = 5 WHERE a = 'KAZ' AND b = '*'").unwrap();
        assert!(s.integrity_check().unwrap().contains("yearly event counts that differ"));
    }
}

#[test]
fn a_countrys_latest_events_are_the_newest_of_all_its_partners() {
    // Read partner by partner and merged: the newest two of four, across three partners, a
    // meeting of three countries once, an older one of the latest partner left out.
    for mut s in stores("a_countrys_latest_events_are_the_newest") {
        s.ingest(&[
            doc("sg", " date 2021-05-02 Kazakhstan and Singapore held talks in Astana on May 1, 2021."),
            doc("my", " date 2022-05-02 Kazakhstan and Malaysia held talks in Astana on May 1, 2022."),
            doc("three", " date 2023-06-01 Kazakhstan, Singapore and Malaysia held talks in Astana on May 30, 2023."),
            doc("cn", " date 2020-05-02 Kazakhstan and China held talks in Beijing on May 1, 2020."),
        ])
        .unwrap();
        let q = EventQuery { country: Some("KAZ".into()), ..Default::default() };
        let dates = |limit| -> Vec<String> {
            s.latest_events(&q, limit)
                .unwrap()
                .iter()
                .map(|c| match &c.fact {
                    Fact::Event(e) => e.date.clone().unwrap_or_default(),
                    other => panic!("{other:?}"),
                })
                .collect()
        };
        assert_eq!(dates(2), ["2022-05-01", "2023-05-30"]);
        assert_eq!(dates(10), ["2020-05-01", "2021-05-01", "2022-05-01", "2023-05-30"]);
        // The partner's side reads the same keys from the other end.
        let q = EventQuery { country: Some("MYS".into()), ..Default::default() };
        assert_eq!(s.latest_events(&q, 10).unwrap().len(), 2);
    }
}

#[test]
fn a_persons_events_are_indexed_by_ingest() {
    for mut s in stores("a_persons_events_are_indexed_by_ingest") {
        let a =
            " date 2024-05-27 President Kassym-Jomart Tokayev met President Shavkat Mirziyoyev of Uzbekistan in Astana.";
        s.ingest(&[doc("a", a)]).unwrap();
        let p = s.person("Shavkat Mirziyoyev", 10).unwrap();
        assert_eq!(p.event_total, 1, "{p:#?}");
        assert_eq!((p.roles[0].role.as_str(), p.roles[0].of.as_str(), p.roles[0].reports), ("head_of_state", "UZB", 1));
        assert_eq!(p.roles[0].first.as_deref(), Some("2024-05-27"));
        assert_eq!(p.roles[0].sources.len(), 1);
        // A later article adds a report and moves the last date; replacing it moves it back.
        let later = " date 2025-03-02 President Shavkat Mirziyoyev of Uzbekistan arrived in Astana.";
        s.ingest(&[doc("b", later)]).unwrap();
        let r = &s.person("Shavkat Mirziyoyev", 10).unwrap().roles[0];
        assert_eq!((r.reports, r.first.as_deref(), r.last.as_deref()), (2, Some("2024-05-27"), Some("2025-03-02")));
        s.ingest(&[doc("b", " date 2025-03-02 No one was named.")]).unwrap();
        let r = &s.person("Shavkat Mirziyoyev", 10).unwrap().roles[0];
        assert_eq!((r.reports, r.last.as_deref()), (1, Some("2024-05-27")));
        assert_eq!(s.integrity_check().unwrap(), "ok");
        assert_eq!(s.integrity_check().unwrap(), "ok");
        // Replaced by an article that names no one: the person has no events left.
        s.ingest(&[doc("a", " date 2024-05-27 Kazakhstan and Uzbekistan held talks.")]).unwrap();
        assert_eq!(s.person("Shavkat Mirziyoyev", 10).unwrap().event_total, 0);
        assert_eq!(s.integrity_check().unwrap(), "ok");
        s.execute_batch("INSERT INTO event_persons VALUES ('Nobody', '', 12345)").unwrap();
        assert!(s.integrity_check().unwrap().contains("1 people of events not indexed"));
    }
}

#[test]
fn the_latest_figures_are_found_behind_many_reports_of_one() {
    for mut s in stores("the_latest_figures_are_found_behind_many") {
        // Forty articles repeat the 2023 figure; two older years are told once each.
        let mut docs: Vec<NewDocument> = (0..40).map(|i| doc(&format!("r{i}"), C)).collect();
        docs.push(doc(
            "y19",
            " date 2020-02-01 Trade turnover between Kazakhstan and Singapore reached $0.9 billion in 2019.",
        ));
        docs.push(doc(
            "y20",
            " date 2021-02-01 Trade turnover between Kazakhstan and Singapore reached $1.1 billion in 2020.",
        ));
        s.ingest(&docs).unwrap();
        let q = FigureQuery { pair: Some(("SGP".into(), "KAZ".into())), ..Default::default() };
        let periods = |claims: Vec<dyad_store::merge::Claim>| -> Vec<String> {
            claims
                .iter()
                .map(|c| match &c.fact {
                    Fact::Figure(f) => f.period.clone().unwrap_or_default(),
                    _ => String::new(),
                })
                .collect()
        };
        // Ten reports per figure asked are all of 2023 at first: the read grows until it has three.
        assert_eq!(periods(s.latest_figures(&q, 3).unwrap()), ["2019", "2020", "2023"]);
        // The latest figure read from its newest ten reports still has all forty as sources.
        let one = s.latest_figures(&q, 1).unwrap();
        assert_eq!((periods(one.clone()), one[0].sources.len()), (vec!["2023".to_string()], 40));
        let all = s.latest_figures(&q, 3).unwrap();
        assert_eq!(all.iter().find(|c| c.sources.len() > 1).map(|c| c.sources.len()), Some(40));
        assert!(all.iter().all(|c| !c.sources[0].evidence.text.is_empty()));
        // Without a pair, the newest reports of each metric.
        let any = FigureQuery::default();
        assert_eq!(periods(s.latest_figures(&any, 2).unwrap()), ["2020", "2023"]);
        // A profile shows the figures of the latest periods asked for, and counts every report.
        let p = s.profile("KAZ", "SGP", 20, Some(2)).unwrap();
        assert_eq!(
            (periods(p.figures.clone()), p.figures_complete, p.figure_total),
            (vec!["2020".into(), "2023".into()], false, 42)
        );
        assert_eq!(p.figures[1].sources.len(), 40);
        assert!(p.figures.iter().all(|c| !c.sources[0].evidence.text.is_empty()));
        let p = s.profile("KAZ", "SGP", 20, None).unwrap();
        assert_eq!(
            (periods(p.figures), p.figures_complete),
            (vec!["2019".to_string(), "2020".into(), "2023".into()], true)
        );
    }
}

#[test]
fn the_most_reported_pages_come_first() {
    for mut s in stores("the_most_reported_pages_come_first") {
        assert_eq!(s.most_reported(5).unwrap(), dyad_store::MostReported::default(), "an empty base has none");
        let d =
            " date 2024-05-02 President Kassym-Jomart Tokayev of Kazakhstan met Chinese President Xi Jinping in Astana. \
                 Trade between Kazakhstan and China reached $41 billion in 2023. \
                 Kazakhstan and Japan signed a memorandum on energy in Tokyo.";
        s.ingest(&[doc("a", A), doc("b", B), doc("c", d)]).unwrap();
        let m = s.most_reported(2).unwrap();
        // Singapore's two events and two figures put KAZ-SGP (both ways) first; KAZ leads the countries.
        assert_eq!(m.pairs, vec![("KAZ".to_string(), "SGP".to_string()), ("SGP".to_string(), "KAZ".to_string())]);
        assert_eq!(m.countries.first().map(String::as_str), Some("KAZ"));
        assert_eq!(m.countries.len(), 2);
        assert!(m.persons.iter().any(|p| p == "Kassym-Jomart Tokayev") && m.persons.len() <= 2, "{:?}", m.persons);
    }
}
