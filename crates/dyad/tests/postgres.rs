//! The commands on a PostgreSQL knowledge base (`--db postgres://...`): the same answers as on
//! SQLite, and several `dyad ingest` processes writing into one database at once.
//!
//! These run when `DYAD_TEST_POSTGRES` names a server (the URL of one of its databases; each
//! test makes databases of its own there). CI starts one (`.ci/run`) and sets it; without it
//! the tests say so and pass, except under CI, where they fail.

mod util;

use std::path::Path;
use std::process::{Command, Stdio};

use util::{dyad, get, root, scratch, start};

/// The URL of a new, empty database, or None when no server is given.
fn database(name: &str) -> Option<String> {
    let Ok(base) = std::env::var("DYAD_TEST_POSTGRES") else {
        assert!(std::env::var_os("CI").is_none(), "CI runs the PostgreSQL tests: set DYAD_TEST_POSTGRES");
        eprintln!("DYAD_TEST_POSTGRES is not set: the PostgreSQL store is not tested");
        return None;
    };
    let name = format!("dyad_it_{name}_{}", std::process::id());
    let mut admin = postgres::Client::connect(&base, postgres::NoTls).expect("DYAD_TEST_POSTGRES: a server");
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name}")).unwrap();
    admin.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
    Some(format!("{}/{name}", base.rsplit_once('/').expect("a URL with a database").0))
}

fn samples() -> String {
    root().join("samples/articles").display().to_string()
}

/// `dyad ARGS --db DB`, which must succeed; its standard output.
fn run(args: &[&str], db: &str) -> String {
    let mut all = args.to_vec();
    all.extend(["--db", db]);
    let out = dyad(&all, None);
    assert_eq!(out.code, 0, "dyad {all:?}: {}", out.stderr);
    out.stdout
}

/// Tab-separated lines with one column emptied.
fn without_column(text: &str, column: usize) -> String {
    let blank = |line: &str| {
        let mut fields: Vec<&str> = line.split('\t').collect();
        if let Some(f) = fields.get_mut(column) {
            *f = "";
        }
        fields.join("\t")
    };
    text.lines().map(blank).collect::<Vec<_>>().join("\n")
}

/// Lines in order, for outputs whose order follows the order articles were stored in.
fn sorted(text: String) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    lines.sort();
    lines
}

#[test]
fn every_command_answers_on_postgresql_as_on_sqlite() {
    let Some(pg) = database("answers") else { return };
    let dir = scratch("pg-answers");
    let sqlite = dir.join("kb.db");
    let sqlite = sqlite.to_str().unwrap();
    run(&["ingest", &samples()], sqlite);
    run(&["ingest", &samples()], &pg);
    // Again: every article is found unchanged (the input digests are kept there too).
    let again = dyad(&["ingest", &samples(), "--db", &pg], None);
    assert!(again.stderr.contains(" 0 new, 23 unchanged, 0 updated, 0 failed"), "{}", again.stderr);
    for args in [
        vec!["figures", "--pair", "KAZ", "CHN"],
        vec!["figures", "--metric", "trade_turnover", "--since", "2015", "--until", "2023", "--format", "json"],
        vec!["events", "--country", "KAZ", "--all", "--format", "json"],
        vec!["events", "--person", "tokayev", "--type", "visit", "--format", "csv"],
        vec!["profile", "KAZ", "CHN", "--format", "json"],
        vec!["partners", "KAZ"],
        vec!["search", "trade turnover"],
        vec!["search", "Токаев"],
        vec!["export"],
        vec!["export", "--claims"],
        vec!["export", "--format", "csv", "--kind", "events"],
        vec!["export", "--format", "gdelt"],
    ] {
        // DATEADDED, the GDELT column of the export's own time, may differ by a second.
        let same = |out: String| match args.contains(&"gdelt") {
            true => without_column(&out, 59),
            false => out,
        };
        assert_eq!(same(run(&args, &pg)), same(run(&args, sqlite)), "dyad {args:?}");
    }
    // Facts extracted once and loaded (the Spark job's load step) give the same base.
    let facts = dir.join("facts.jsonl");
    let extracted = dyad(&["extract", "--with-text", &samples()], None);
    assert_eq!(extracted.code, 0, "{}", extracted.stderr);
    std::fs::write(&facts, extracted.stdout).unwrap();
    let Some(loaded) = database("loaded") else { return };
    run(&["ingest", "--facts", facts.to_str().unwrap()], &loaded);
    assert_eq!(run(&["export", "--claims"], &loaded), run(&["export", "--claims"], sqlite));
    assert_eq!(run(&["search", "Astana"], &loaded), run(&["search", "Astana"], sqlite));
    // A database of other tables is refused and left alone.
    let Some(other) = database("other") else { return };
    let mut c = postgres::Client::connect(&other, postgres::NoTls).unwrap();
    c.batch_execute("CREATE TABLE orders (id int)").unwrap();
    let refused = dyad(&["ingest", &samples(), "--db", &other], None);
    assert_ne!(refused.code, 0);
    assert!(refused.stderr.contains("not a dyad database"), "{}", refused.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_server_answers_on_postgresql_as_on_sqlite() {
    let Some(pg) = database("serve") else { return };
    let dir = scratch("pg-serve");
    let sqlite = dir.join("kb.db");
    run(&["ingest", &samples()], sqlite.to_str().unwrap());
    run(&["ingest", &samples()], &pg);
    // (Pages computed ahead and the cache's check of the database run on async threads, where
    // the synchronous PostgreSQL client may not block: the server must not fall over there.)
    let (on_pg, on_sqlite) = (start(Path::new(&pg), &["--warm", "20"]), start(&sqlite, &["--warm", "20"]));
    for path in ["/api/partners/KAZ", "/api/profile/KAZ/CHN", "/api/search?q=trade", "/pair/KAZ/CHN", "/country/KAZ"] {
        let (a, b) = (get(on_pg.port, path), get(on_sqlite.port, path));
        assert_eq!((a.status, &a.body), (200, &b.body), "{path}");
    }
    // An article stored by another process meanwhile is in the next answer.
    let before = get(on_pg.port, "/api/documents?limit=100").body;
    let one = dir.join("one.jsonl");
    std::fs::write(&one, articles(1).into_iter().next().unwrap().replace("\"c0-", "\"late-") + "\n").unwrap();
    run(&["ingest", one.to_str().unwrap()], &pg);
    let after = get(on_pg.port, "/api/documents?limit=100").body;
    assert!(!before.contains("late-") && after.contains("late-"), "{after}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Articles as JSONL lines: `copies` copies of the sample articles under ids of their own.
fn articles(copies: usize) -> Vec<String> {
    let mut names: Vec<_> = std::fs::read_dir(samples()).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    let mut out = Vec::new();
    for copy in 0..copies {
        for path in &names {
            let text = std::fs::read_to_string(path).unwrap();
            let id = format!("c{copy}-{}", path.file_stem().unwrap().to_string_lossy());
            out.push(serde_json::json!({"id": id, "text": text}).to_string());
        }
    }
    out
}

#[test]
fn four_concurrent_ingests_of_overlapping_corpora_store_each_article_once() {
    let Some(pg) = database("concurrent") else { return };
    let dir = scratch("pg-concurrent");
    let all = articles(3);
    // Four writers, each with three quarters of the articles (each article in three of them),
    // half of them in reverse order.
    let mut children = Vec::new();
    for w in 0..4 {
        let mut part: Vec<&String> = all.iter().enumerate().filter(|(i, _)| i % 4 != w).map(|(_, a)| a).collect();
        if w % 2 == 1 {
            part.reverse();
        }
        let file = dir.join(format!("part{w}.jsonl"));
        std::fs::write(&file, part.iter().map(|l| format!("{l}\n")).collect::<String>()).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_dyad"))
            .args(["ingest", file.to_str().unwrap(), "--db", &pg])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        children.push(child);
    }
    let mut new = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(out.status.success(), "{err}");
        assert!(err.contains(" 0 updated, 0 failed"), "{err}");
        let stored =
            err.split(" new, ").next().and_then(|s| s.rsplit(' ').next()).and_then(|n| n.parse::<usize>().ok());
        new += stored.unwrap_or_else(|| panic!("{err}"));
    }
    assert_eq!(new, all.len(), "each article stored by exactly one writer");
    // One ingest of all of them, into SQLite, is the reference.
    let whole = dir.join("all.jsonl");
    std::fs::write(&whole, all.iter().map(|l| format!("{l}\n")).collect::<String>()).unwrap();
    let sqlite = dir.join("kb.db");
    let sqlite = sqlite.to_str().unwrap();
    run(&["ingest", whole.to_str().unwrap()], sqlite);
    for args in [vec!["export"], vec!["export", "--claims"], vec!["export", "--format", "csv", "--kind", "documents"]] {
        let (p, s) = (sorted(run(&args, &pg)), sorted(run(&args, sqlite)));
        // (The documents' `source` is the file of the writer that stored each first.)
        let strip = |v: Vec<String>| -> Vec<String> {
            v.into_iter().map(|l| l.split(',').take(2).collect::<Vec<_>>().join(",")).collect()
        };
        match args.len() {
            5 => assert_eq!(strip(p), strip(s)),
            _ => assert_eq!(p, s, "dyad {args:?}"),
        }
    }
    // The counts ingest keeps agree with the facts, whoever wrote them.
    assert_eq!(run(&["partners", "KAZ"], &pg), run(&["partners", "KAZ"], sqlite));
    let store = dyad_store::Store::open(Path::new(&pg)).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    std::fs::remove_dir_all(&dir).unwrap();
}
