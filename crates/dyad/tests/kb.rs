//! The knowledge-base commands on files: ingest (idempotent, crash-safe, refusing files that
//! are not its own), queries, export, demo.

mod util;

use std::path::Path;
use std::process::{Command, Stdio};

use util::{dyad, root, scratch};

fn samples() -> String {
    root().join("samples/articles").display().to_string()
}

fn count_documents(db: &Path) -> (usize, usize) {
    let out = dyad(&["export", "--db", db.to_str().unwrap(), "--format", "csv", "--kind", "documents"], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let ids: Vec<&str> = out.stdout.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    (ids.len(), unique.len())
}

#[test]
fn ingesting_twice_stores_once() {
    let dir = scratch("kb-twice");
    let db = dir.join("kb.db");
    let db_s = db.to_str().unwrap();
    let first = dyad(&["ingest", &samples(), "--db", db_s], None);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let (n, unique) = count_documents(&db);
    assert!(n >= 20 && n == unique, "{n} {unique}");
    assert!(first.stderr.contains(&format!("{n} new, 0 unchanged, 0 updated, 0 failed")), "{}", first.stderr);
    let second = dyad(&["ingest", &samples(), "--db", db_s], None);
    assert!(second.stderr.contains(&format!("0 new, {n} unchanged, 0 updated")), "{}", second.stderr);
    assert_eq!(count_documents(&db), (n, n));
    // $DYAD_DB names the database when --db does not.
    let env = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["partners", "KAZ", "--format", "json"])
        .env("DYAD_DB", &db)
        .output()
        .unwrap();
    let partners: serde_json::Value = serde_json::from_slice(&env.stdout).unwrap();
    assert_eq!(partners[0]["country"], "CHN");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn facts_extracted_with_their_text_are_stored_as_an_ingest_stores_them() {
    let dir = scratch("kb-facts");
    let (plain, loaded) = (dir.join("plain.db"), dir.join("loaded.db"));
    let run = dyad(&["ingest", &samples(), "--db", plain.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let facts = dyad(&["extract", "--with-text", &samples()], None);
    assert_eq!(facts.code, 0, "{}", facts.stderr);
    // A line that is not JSON, and a document whose text record is missing: one error each.
    let broken = format!(
        "{}not json\n{{\"kind\":\"document\",\"doc\":\"no-text\",\"published\":null,\"language\":\"en\"}}\n",
        facts.stdout
    );
    let path = dir.join("facts.jsonl");
    std::fs::write(&path, &broken).unwrap();
    let load = dyad(&["ingest", "--facts", path.to_str().unwrap(), "--db", loaded.to_str().unwrap()], None);
    assert_eq!(load.code, 2, "{}", load.stderr);
    let n = count_documents(&plain).0;
    assert!(load.stderr.contains(&format!("{n} new, 0 unchanged, 0 updated, 2 failed")), "{}", load.stderr);
    assert!(load.stderr.contains("facts.jsonl:") && load.stderr.contains("not JSON"), "{}", load.stderr);
    assert!(load.stderr.contains("document no-text: no text record"), "{}", load.stderr);
    // The same facts, documents, sentences and search as a plain ingest of the articles.
    for args in [
        &["export", "--format", "jsonl"][..],
        &["export", "--format", "jsonl", "--kind", "documents"],
        &["export", "--format", "jsonl", "--kind", "events", "--claims"],
        &["search", "trade", "--format", "json", "--limit", "100"],
    ] {
        let of = |db: &Path| dyad(&[args, &["--db", db.to_str().unwrap()]].concat(), None).stdout;
        let (a, b) = (of(&plain), of(&loaded));
        assert!(a.len() > 100 && a == b, "{args:?}");
    }
    // Loaded again: unchanged.
    let again = dyad(&["ingest", "--facts", "-", "--db", loaded.to_str().unwrap()], Some(&facts.stdout));
    assert!(again.stderr.contains(&format!("0 new, {n} unchanged")), "{}", again.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_run_killed_midway_loses_and_duplicates_nothing() {
    let dir = scratch("kb-kill");
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    // 1,500 articles: the samples under new names, each with its own first line.
    let texts: Vec<String> = std::fs::read_dir(root().join("samples/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    for i in 0..1500 {
        std::fs::write(corpus.join(format!("a{i:05}.txt")), format!("Copy {i}\n{}", texts[i % texts.len()])).unwrap();
    }
    let db = dir.join("kb.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", corpus.to_str().unwrap(), "--db", db.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Killed (SIGKILL) as soon as the database holds something; or it finished first, which
    // must leave the same state.
    let t0 = std::time::Instant::now();
    let wal = dir.join("kb.db-wal");
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    while t0.elapsed().as_secs() < 20 && size(&db) + size(&wal) < 300_000 {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let (after_kill, _) = count_documents(&db);
    eprintln!("{after_kill} of 1500 stored when the ingest was killed");
    let rerun = dyad(&["ingest", corpus.to_str().unwrap(), "--db", db.to_str().unwrap()], None);
    assert_eq!(rerun.code, 0, "{}", rerun.stderr);
    assert!(
        rerun.stderr.contains(&format!("{} new, {after_kill} unchanged, 0 updated, 0 failed", 1500 - after_kill)),
        "{after_kill} stored before the kill; {}",
        rerun.stderr
    );
    assert_eq!(count_documents(&db), (1500, 1500));
    let check = rusqlite::Connection::open(&db).unwrap();
    let ok: String = check.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn files_that_are_not_dyads_are_refused_and_left_as_they_were() {
    let dir = scratch("kb-foreign");
    // Another program's SQLite database.
    let other = dir.join("other.db");
    rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    // Not a database at all.
    let text = dir.join("notes.db");
    std::fs::write(&text, "these are my notes, not a database\n".repeat(200)).unwrap();
    // A dyad database of a newer schema.
    let newer = dir.join("newer.db");
    assert_eq!(dyad(&["ingest", &samples(), "--db", newer.to_str().unwrap()], None).code, 0);
    rusqlite::Connection::open(&newer).unwrap().execute_batch("PRAGMA user_version = 99;").unwrap();
    for (path, reason) in
        [(&other, "not a dyad database"), (&text, "not a SQLite database"), (&newer, "made by a newer dyad (schema 99")]
    {
        let before = std::fs::read(path).unwrap();
        for args in [vec!["ingest", "-", "--db"], vec!["figures", "--db"], vec!["export", "--db"]] {
            let mut args = args.clone();
            args.push(path.to_str().unwrap());
            let run = dyad(&args, Some("Kazakhstan and Japan held talks."));
            assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
            assert!(run.stderr.contains(reason), "{args:?}: {}", run.stderr);
            assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
            assert_eq!(std::fs::read(path).unwrap(), before, "{args:?} changed {}", path.display());
        }
    }
    // Queries on a database that does not exist say so, and create nothing.
    let missing = dir.join("missing.db");
    let run = dyad(&["profile", "KAZ", "CHN", "--db", missing.to_str().unwrap()], None);
    assert!(run.code == 1 && run.stderr.contains("no such database"), "{}", run.stderr);
    assert!(!missing.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn queries_answer_as_tables_json_and_csv_and_export_gdelt() {
    let dir = scratch("kb-queries");
    let db = dir.join("kb.db");
    let db_s = db.to_str().unwrap();
    assert_eq!(dyad(&["ingest", &samples(), "--db", db_s], None).code, 0);
    let table = dyad(&["figures", "--db", db_s, "--pair", "kaz", "chn"], None);
    assert!(table.stdout.starts_with("period  metric"), "{}", table.stdout);
    assert!(table.stdout.contains("trade_turnover"), "{}", table.stdout);
    let json = dyad(
        &["events", "--db", db_s, "--country", "KAZ", "--with", "CHN", "--type", "visit", "--format", "json"],
        None,
    );
    let claims: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let claims = claims.as_array().unwrap();
    assert!(!claims.is_empty());
    assert!(claims.iter().all(|c| c["fact"]["type"] == "VISIT" && !c["sources"].as_array().unwrap().is_empty()));
    let dates: Vec<&str> = claims.iter().filter_map(|c| c["fact"]["date"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "a timeline is in date order: {dates:?}");
    let csv = dyad(&["partners", "KAZ", "--db", db_s, "--format", "csv"], None);
    assert!(csv.stdout.starts_with("partner,events,figures,articles,latest trade turnover\n"), "{}", csv.stdout);
    let profile = dyad(&["profile", "KAZ", "CHN", "--db", db_s], None);
    for section in [
        "## Trade by period",
        "## Visits and meetings",
        "## Agreements signed and ratified",
        "## People involved",
        "## Articles read",
    ] {
        assert!(profile.stdout.contains(section), "{section}: {}", profile.stdout);
    }
    // The figures of the latest period only, said on stderr; every period with --all-figures.
    let one = dyad(&["profile", "KAZ", "CHN", "--db", db_s, "--figures", "1", "--format", "json"], None);
    let one: serde_json::Value = serde_json::from_str(&one.stdout).unwrap();
    let all = dyad(&["profile", "KAZ", "CHN", "--db", db_s, "--all-figures", "--format", "json"], None);
    let all: serde_json::Value = serde_json::from_str(&all.stdout).unwrap();
    assert_eq!((one["figures"].as_array().unwrap().len(), one["figures_complete"].as_bool()), (1, Some(false)));
    assert!(all["figures"].as_array().unwrap().len() > 1 && all["figures_complete"] == true, "{all}");
    assert_eq!(one["figure_total"], all["figure_total"]);
    let search = dyad(&["search", "customs data", "--db", db_s, "--format", "json"], None);
    let hits: serde_json::Value = serde_json::from_str(&search.stdout).unwrap();
    assert!(hits.as_array().unwrap().iter().all(|h| h["text"].as_str().unwrap().contains("customs data")));
    let gdelt = dyad(&["export", "--db", db_s, "--format", "gdelt"], None);
    let rows: Vec<Vec<&str>> = gdelt.stdout.lines().map(|l| l.split('\t').collect()).collect();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.len() == 61 && r[26].len() == 3 && r[33].parse::<usize>().unwrap() >= 1));
    // Parquet goes to a file (a Parquet file starts and ends with PAR1); not to a terminal.
    let pq = dir.join("figures.parquet");
    let run = dyad(&["export", "--db", db_s, "--format", "parquet", "-o", pq.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(&pq).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    let no_file = dyad(&["export", "--db", db_s, "--format", "parquet"], None);
    assert!(no_file.code == 1 && no_file.stderr.contains("--output FILE"), "{}", no_file.stderr);
    // JSONL export is what extract writes, documents first.
    let jsonl = dyad(&["export", "--db", db_s], None);
    let first: serde_json::Value = serde_json::from_str(jsonl.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["kind"], "document");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn demo_makes_a_fresh_database_and_says_what_to_try_next() {
    let dir = scratch("kb-demo");
    let db = dir.join("demo.db");
    for _ in 0..2 {
        let run = dyad(&["demo", "--db", db.to_str().unwrap()], None);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.contains("## Partners of KAZ") && run.stdout.contains("\nNext: "), "{}", run.stdout);
        // Fresh each time: the second run stores the samples as new again.
        assert!(run.stderr.contains(" 0 unchanged"), "{}", run.stderr);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn query_filters_take_names_refuse_what_cannot_match_and_date_undated_facts() {
    let dir = scratch("kb-filters");
    let db = dir.join("kb.db");
    let db_s = db.to_str().unwrap();
    assert_eq!(dyad(&["ingest", &samples(), "--db", db_s], None).code, 0);
    // A name or alias is the country's code.
    let by_code = dyad(&["events", "--db", db_s, "--country", "KAZ", "--format", "json"], None);
    let by_name = dyad(&["events", "--db", db_s, "--country", "kazakhstan", "--format", "json"], None);
    assert_eq!(by_code.code, 0, "{}", by_code.stderr);
    assert_eq!(by_code.stdout, by_name.stdout);
    // Values that cannot match: exit 2 and what is valid.
    for (args, valid) in [
        (&["events", "--type", "FOO"][..], "VISIT"),
        (&["figures", "--metric", "gdp"][..], "trade_turnover"),
        (&["figures", "--since", "2015-13"][..], "YYYY-MM"),
        (&["partners", "XXX"][..], "ISO3"),
    ] {
        let out = dyad(&[args, &["--db", db_s]].concat(), None);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(valid), "{args:?}: {}", out.stderr);
    }
    // Undated figures count as of their article's date; --dated-only leaves them out.
    let figures = |extra: &[&str]| -> Vec<serde_json::Value> {
        let out = dyad(&[&["figures", "--db", db_s, "--format", "json"][..], extra].concat(), None);
        assert_eq!(out.code, 0, "{}", out.stderr);
        serde_json::from_str(&out.stdout).unwrap()
    };
    let all = figures(&[]);
    let undated: Vec<&serde_json::Value> = all.iter().filter(|c| c["fact"]["period"].is_null()).collect();
    assert!(!undated.is_empty() && undated.iter().all(|c| c["as_of"].is_string()));
    let since = figures(&["--since", "2000"]);
    assert!(since.iter().any(|c| c["fact"]["period"].is_null()), "undated figures are kept, as of their article");
    let dated = figures(&["--since", "2000", "--dated-only"]);
    assert!(!dated.is_empty() && dated.iter().all(|c| !c["fact"]["period"].is_null()));
    let until = figures(&["--until", "1999"]);
    assert!(until.iter().all(|c| c["fact"]["period"].as_str().is_some_and(|p| p <= "1999~")), "{until:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_database_keeps_paths_relative_to_what_the_user_named() {
    let dir = scratch("kb-relative");
    let corpus = dir.join("corpus/sub");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("visit.txt"), "date 2024-05-23\nThe President of Kazakhstan visited Japan.\n").unwrap();
    let db = dir.join("kb.db");
    let db_s = db.to_str().unwrap();
    // The folder by its absolute path: only the part under it is kept.
    let named = dir.join("corpus").canonicalize().unwrap();
    assert_eq!(dyad(&["ingest", named.to_str().unwrap(), "--db", db_s], None).code, 0);
    let out = dyad(&["export", "--db", db_s, "--format", "csv", "--kind", "documents"], None);
    let row = out.stdout.lines().nth(1).unwrap();
    assert!(row.contains(",sub/visit.txt,"), "{row}");
    assert!(!out.stdout.contains(named.to_str().unwrap()), "{}", out.stdout);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_database_opens_in_python_sqlite3_with_documented_views() {
    let dir = scratch("kb-views");
    let db = dir.join("kb.db");
    let db_s = db.to_str().unwrap();
    assert_eq!(dyad(&["ingest", &samples(), "--db", db_s], None).code, 0);
    // The views, read with the bundled SQLite.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (n, evidence): (i64, String) = conn
        .query_row("SELECT count(*), max(evidence) FROM figure_facts WHERE metric = 'trade_turnover'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert!(n > 0 && evidence.contains("trade"), "{n} {evidence}");
    let visits: i64 = conn
        .query_row("SELECT count(*) FROM event_facts WHERE type = 'VISIT' AND from_parties LIKE '%KAZ%'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(visits > 0);
    drop(conn);
    // And with the system's SQLite, through Python's sqlite3, where python3 is installed.
    let script = format!(
        "import sqlite3; c = sqlite3.connect('file:{db_s}?mode=ro', uri=True); \
         print(c.execute('select count(*) from event_facts').fetchone()[0], \
         c.execute('select count(*) from role_facts').fetchone()[0])"
    );
    match Command::new("python3").args(["-c", &script]).stderr(Stdio::piped()).output() {
        Ok(out) if out.status.success() => {
            let counts: Vec<i64> =
                String::from_utf8_lossy(&out.stdout).split_whitespace().map(|x| x.parse().unwrap()).collect();
            assert!(counts.len() == 2 && counts[0] > 0 && counts[1] > 0, "{counts:?}");
        }
        Ok(out) => panic!("python3 could not read the database: {}", String::from_utf8_lossy(&out.stderr)),
        Err(_) => eprintln!("skipped: python3 is not installed"),
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn csv_exports_are_data_with_the_article_s_date_and_no_sql_keywords() {
    let dir = scratch("kb-csv");
    let db = dir.join("kb.db");
    let db_s = db.to_str().unwrap();
    assert_eq!(dyad(&["ingest", &samples(), "--db", db_s], None).code, 0);
    let out = dyad(&["export", "--db", db_s, "--format", "csv", "--kind", "events"], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let header: Vec<&str> = out.stdout.lines().next().unwrap().split(',').collect();
    for keyword in ["from", "to", "of"] {
        assert!(!header.contains(&keyword), "{header:?}");
    }
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
    // Every row has the article's date; a dated event has its bounds and precision.
    let rows: Vec<Vec<String>> = out
        .stdout
        .lines()
        .skip(1)
        .filter(|l| !l.contains('"'))
        .map(|l| l.split(',').map(String::from).collect())
        .collect();
    assert!(!rows.is_empty());
    for r in &rows {
        assert_eq!(r[at("published")].len(), 10, "{r:?}");
        if !r[at("date")].is_empty() {
            assert!(["day", "month", "year"].contains(&r[at("date_precision")].as_str()), "{r:?}");
            assert!(r[at("date_start")] <= r[at("date_end")], "{r:?}");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn limits_people_and_rankings() {
    let dir = scratch("kb-limits");
    let db = dir.join("kb.db");
    let db_s = db.to_str().unwrap();
    assert_eq!(dyad(&["ingest", &samples(), "--db", db_s], None).code, 0);
    let json = |args: &[&str]| -> Vec<serde_json::Value> {
        let out = dyad(&[args, &["--db", db_s, "--format", "json"]].concat(), None);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        serde_json::from_str(&out.stdout).unwrap()
    };
    let all = json(&["events", "--all"]);
    // Without a limit, the latest fifty, and stderr says so.
    let default = dyad(&["events", "--db", db_s, "--format", "json"], None);
    let shown: Vec<serde_json::Value> = serde_json::from_str(&default.stdout).unwrap();
    assert!(all.len() > 50 && shown.len() == 50, "{} {}", all.len(), shown.len());
    assert!(default.stderr.contains("--all"), "{}", default.stderr);
    let two = json(&["events", "--limit", "2"]);
    assert_eq!(two.len(), 2);
    // The latest two: no event of the whole list is later than both.
    let date = |c: &serde_json::Value| c["fact"]["date"].as_str().or(c["as_of"].as_str()).unwrap_or("").to_string();
    let kept_min = two.iter().map(date).min().unwrap();
    assert!(all.iter().filter(|c| date(c) > kept_min).count() <= 1);
    let tokayev = json(&["events", "--person", "TOKAYEV", "--all"]);
    assert!(!tokayev.is_empty() && tokayev.len() < all.len());
    assert!(tokayev.iter().all(|c| c["fact"]["persons"].to_string().contains("Tokayev")));
    // A person among a country's events: the country's events that name them.
    let named = |list: &[serde_json::Value]| -> Vec<String> {
        list.iter()
            .filter(|c| c["fact"]["persons"].to_string().contains("Tokayev"))
            .map(|c| format!("{} {}", date(c), c["fact"]["type"]))
            .collect()
    };
    let kaz = json(&["events", "--country", "KAZ", "--all"]);
    let kaz_tokayev = json(&["events", "--country", "KAZ", "--person", "tokayev", "--all"]);
    assert_eq!(named(&kaz_tokayev), named(&kaz));
    assert_eq!(kaz_tokayev.len(), named(&kaz).len());
    // A date range over a country's events: those of the whole list dated (or, undated, published)
    // within it; with --dated-only, the dated ones only.
    let in_range = |list: &[serde_json::Value], dated_only: bool| -> Vec<String> {
        list.iter()
            .filter(|c| !dated_only || c["fact"]["date"].is_string())
            .map(|c| format!("{} {}", date(c), c["fact"]["type"]))
            .filter(|d| d.as_str() >= "2019" && &d[..4] <= "2023")
            .collect()
    };
    let ranged = json(&["events", "--country", "KAZ", "--since", "2019", "--until", "2023", "--all"]);
    assert!(!ranged.is_empty());
    assert_eq!(in_range(&ranged, false), in_range(&kaz, false));
    let dated = json(&["events", "--country", "KAZ", "--since", "2019", "--until", "2023", "--dated-only", "--all"]);
    assert_eq!(in_range(&dated, true), in_range(&kaz, true));
    assert!(dated.len() < ranged.len() || ranged.iter().all(|c| c["fact"]["date"].is_string()));
    // A person's latest three are the last three of their timeline.
    let latest = json(&["events", "--person", "Tokayev", "--limit", "3"]);
    assert_eq!(named(&latest), named(&tokayev[tokayev.len() - 3..]));
    assert!(json(&["events", "--person", "Nobody Atall"]).is_empty());
    // By trade: partners with a trade figure first.
    let partners = json(&["partners", "KAZ", "--by", "trade"]);
    assert!(partners[0]["latest_trade"].is_array(), "{:?}", partners[0]);
    let table = dyad(&["partners", "KAZ", "--db", db_s], None);
    assert!(table.stdout.contains("Ranked by"), "{}", table.stdout);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn claim_exports_give_one_row_per_merged_claim_with_its_sources() {
    let dir = scratch("kb-claims");
    let db = dir.join("kb.db");
    let db_s = db.to_str().unwrap();
    assert_eq!(dyad(&["ingest", &samples(), "--db", db_s], None).code, 0);
    let claims = dyad(&["events", "--db", db_s, "--format", "json", "--all"], None);
    let n: Vec<serde_json::Value> = serde_json::from_str(&claims.stdout).unwrap();
    let out = dyad(&["export", "--db", db_s, "--claims", "--kind", "events", "--format", "csv"], None);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let header: Vec<&str> = out.stdout.lines().next().unwrap().split(',').collect();
    for c in ["sources", "docs", "urls", "first_published", "last_published"] {
        assert!(header.contains(&c), "{header:?}");
    }
    // One row per claim (rows with quoted newlines aside, none in these samples).
    assert_eq!(out.stdout.lines().count() - 1, n.len());
    let jsonl = dyad(&["export", "--db", db_s, "--claims", "--format", "jsonl"], None);
    let first: serde_json::Value = serde_json::from_str(jsonl.stdout.lines().next().unwrap()).unwrap();
    assert!(first["sources"].is_array() && first["fact"]["metric"].is_string());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn gdelt_rows_have_the_codebook_s_columns_and_ids_that_do_not_move() {
    let dir = scratch("kb-gdelt");
    let all: Vec<std::path::PathBuf> = std::fs::read_dir(root().join("samples/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    let (some, rest) = all.split_at(all.len() / 2);
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for p in some {
        std::fs::copy(p, corpus.join(p.file_name().unwrap())).unwrap();
    }
    let db = dir.join("kb.db");
    let db_s = db.to_str().unwrap();
    let rows = || -> Vec<Vec<String>> {
        let out = dyad(&["export", "--db", db_s, "--format", "gdelt"], None);
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout.lines().map(|l| l.split('\t').map(String::from).collect()).collect()
    };
    assert_eq!(dyad(&["ingest", corpus.to_str().unwrap(), "--db", db_s], None).code, 0);
    let before = rows();
    assert!(!before.is_empty());
    for r in &before {
        assert_eq!(r.len(), 61, "{r:?}");
        // SQLDATE: a real day (no 00 month or day) where the article has a date.
        assert!(r[1].is_empty() || r[1].len() == 8 && &r[1][4..6] != "00" && &r[1][6..] != "00", "{r:?}");
        assert!(!r[30].is_empty(), "GoldsteinScale: {r:?}");
    }
    // More articles: every event id seen before is still there.
    for p in rest {
        std::fs::copy(p, corpus.join(p.file_name().unwrap())).unwrap();
    }
    assert_eq!(dyad(&["ingest", corpus.to_str().unwrap(), "--db", db_s], None).code, 0);
    let after: std::collections::HashSet<String> = rows().into_iter().map(|r| r[0].clone()).collect();
    let kept = before.iter().filter(|r| after.contains(&r[0])).count();
    assert!(kept * 10 >= before.len() * 9, "{kept} of {} ids kept", before.len());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A database copied alone (no -wal or -shm file beside it) onto a read-only mount: queries
/// read it, an ingest says "read-only". Needs `unshare` (a user and mount namespace, as an
/// unprivileged user may make) to mount a folder read-only; where that is not allowed, says so
/// and checks nothing.
#[test]
fn a_database_on_a_read_only_file_system_is_read_and_storing_says_why_not() {
    if !Command::new("unshare").args(["-rm", "true"]).status().is_ok_and(|s| s.success()) {
        eprintln!("skipped: unshare -rm is not allowed here");
        return;
    }
    let dir = scratch("kb-read-only");
    let db = dir.join("kb.db");
    let db_s = db.to_str().unwrap();
    assert_eq!(dyad(&["ingest", &samples(), "--db", db_s], None).code, 0);
    // Copied alone: only the main file, as a database is carried on a stick or a disc.
    let media = dir.join("media");
    std::fs::create_dir_all(&media).unwrap();
    let export = dyad(&["export", "--db", db_s, "--format", "csv", "--kind", "documents"], None);
    let copy = Command::new("sqlite3").arg(db_s).arg(format!(".backup {}", media.join("kb.db").display())).status();
    if !copy.is_ok_and(|s| s.success()) {
        // Without the sqlite3 shell: a checkpointed copy of the file.
        std::fs::copy(&db, media.join("kb.db")).unwrap();
    }
    let bin = env!("CARGO_BIN_EXE_dyad");
    let ro = media.join("kb.db");
    let script = format!(
        "mount --bind {m} {m} && mount -o remount,ro,bind {m} && \
         {bin} export --db {db} --format csv --kind documents; echo \"query exit $?\"; \
         {bin} ingest --db {db} {samples}; echo \"ingest exit $?\"",
        m = media.display(),
        db = ro.display(),
        samples = samples()
    );
    let out = Command::new("unshare").args(["-rm", "sh", "-c", &script]).stdin(Stdio::null()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("query exit 0"), "{stdout}\n{stderr}");
    assert_eq!(stdout.lines().filter(|l| !l.contains(" exit ")).count(), export.stdout.lines().count(), "{stdout}");
    assert!(stdout.contains("ingest exit 1"), "{stdout}\n{stderr}");
    assert!(stderr.contains("read-only file system"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// One visit told in English and in Russian is one claim with both articles as its sources.
#[test]
fn a_visit_reported_in_russian_and_in_english_is_one_claim() {
    let dir = scratch("kb-two-languages");
    let db = dir.join("kb.db");
    let db_s = db.to_str().unwrap();
    let articles = concat!(
        r#"{"id":"en-visit","published":"2024-07-04","text":"Chinese President Xi Jinping arrived in Astana on July 2 for a state visit to Kazakhstan."}"#,
        "\n",
        r#"{"id":"ru-visit","published":"2024-07-04","text":"Председатель КНР Си Цзиньпин 2 июля прибыл в Астану с государственным визитом в Казахстан."}"#,
        "\n"
    );
    let file = dir.join("both.jsonl");
    std::fs::write(&file, articles).unwrap();
    let run = dyad(&["ingest", file.to_str().unwrap(), "--db", db_s], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = dyad(
        &["events", "--db", db_s, "--country", "CHN", "--with", "KAZ", "--type", "visit", "--format", "json"],
        None,
    );
    let claims: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let claims = claims.as_array().unwrap();
    assert_eq!(claims.len(), 1, "{claims:#?}");
    let docs: Vec<&str> = claims[0]["sources"].as_array().unwrap().iter().filter_map(|s| s["doc"].as_str()).collect();
    assert_eq!(docs.len(), 2, "{docs:?}");
    assert_eq!(claims[0]["fact"]["date"], "2024-07-02");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unchanged_article_is_not_extracted_again_unless_forced() {
    let dir = scratch("kb-skip");
    let db = dir.join("kb.db");
    let articles = samples();
    let ingest = |extra: &[&str]| {
        let mut args = vec!["ingest", articles.as_str(), "--db", db.to_str().unwrap()];
        args.extend_from_slice(extra);
        let run = dyad(&args, None);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stderr
    };
    let first = ingest(&[]);
    let n: usize = first.split(" new,").next().unwrap().rsplit(' ').next().unwrap().parse().unwrap();
    assert!(n >= 20, "{first}");
    // Mark every stored form as stale: an ingest that extracted again would replace them all.
    rusqlite::Connection::open(&db).unwrap().execute_batch("UPDATE documents SET digest = 'stale'").unwrap();
    let again = ingest(&[]);
    assert!(again.contains(&format!("0 new, {n} unchanged, 0 updated")), "skipped, not extracted: {again}");
    let forced = ingest(&["--force"]);
    assert!(forced.contains(&format!("0 new, 0 unchanged, {n} updated")), "extracted again: {forced}");
    std::fs::remove_dir_all(&dir).unwrap();
}
