//! `dyad extract` on files: formats, bad input, exit status, parallel output, and the samples.

mod util;

use std::collections::BTreeSet;

use util::{dyad, lines, root, scratch};

#[test]
fn bad_inputs_get_one_line_each_and_the_rest_go_on() {
    let dir = scratch("bad");
    std::fs::write(dir.join("a-good.txt"), "President of Kazakhstan Kassym-Jomart Tokayev arrived.").unwrap();
    std::fs::write(dir.join("b-empty.txt"), "").unwrap();
    std::fs::write(dir.join("c-binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(dir.join("d-latin1.txt"), b"Caf\xe9 talks: Russian President Vladimir Putin spoke.").unwrap();
    std::fs::write(dir.join("e.jsonl"), "{\"id\":\"j1\",\"text\":\"Chinese President Xi Jinping spoke.\"}\nnot json\n")
        .unwrap();
    // A 50 MB file on one line: refused by size before it is read.
    let big = std::fs::File::create(dir.join("f-huge.txt")).unwrap();
    big.set_len(50 * 1024 * 1024).unwrap();
    let missing = dir.join("no-such-file.txt");
    let run = dyad(&["extract", dir.to_str().unwrap(), missing.to_str().unwrap()], None);
    assert_eq!(run.code, 2, "some inputs failed: {}", run.stderr);
    let err: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(err.len(), 6, "{}", run.stderr);
    assert!(err[0].ends_with("b-empty.txt: skipped: empty file"), "{}", err[0]);
    assert!(err[1].ends_with("c-binary.txt: skipped: binary file (NUL bytes), not text"), "{}", err[1]);
    assert!(err[2].contains("warning:") && err[2].contains("d-latin1.txt: invalid UTF-8"), "{}", err[2]);
    assert!(err[3].contains("e.jsonl:2: skipped: not valid JSON"), "{}", err[3]);
    assert!(err[4].contains("f-huge.txt: skipped: 52428800 bytes is over the limit"), "{}", err[4]);
    assert!(err[5].ends_with("no-such-file.txt: cannot read: no such file or folder"), "{}", err[5]);
    let docs: Vec<String> = lines(&run.stdout)
        .iter()
        .filter(|f| f["kind"] == "document")
        .map(|f| f["doc"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(docs, ["a-good", "d-latin1", "j1"]);
    assert!(run.stdout.contains("\"person\":\"Vladimir Putin\""));
}

#[test]
fn all_good_inputs_exit_zero_and_a_warning_alone_does_not_fail() {
    let dir = scratch("ok");
    std::fs::write(dir.join("x.txt"), b"Caf\xe9 in Astana.").unwrap();
    let run = dyad(&["extract", dir.to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1);
}

#[test]
fn standard_input_text_and_jsonl() {
    let run = dyad(&["extract", "-"], Some("Published: 2 March 2021\n\nJapanese Prime Minister Yoshihide Suga spoke."));
    assert_eq!(run.code, 0);
    let facts = lines(&run.stdout);
    assert_eq!(facts[0]["doc"], "stdin");
    assert_eq!(facts[0]["published"], "2021-03-02");
    assert_eq!(facts[1]["person"], "Yoshihide Suga");
    let run = dyad(
        &["extract"],
        Some("{\"id\":\"a\",\"text\":\"x\",\"published\":\"2020-01-02\"}\n{\"id\":\"b\",\"text\":\"y\"}\n"),
    );
    let facts = lines(&run.stdout);
    assert_eq!((facts[0]["doc"].as_str(), facts[0]["published"].as_str()), (Some("a"), Some("2020-01-02")));
    assert_eq!(facts[1]["doc"], "b");
}

#[test]
fn html_gives_the_article_text_only() {
    let dir = scratch("html");
    std::fs::write(
        dir.join("p.html"),
        "<html><head><title>T</title><script>alert('President Xi Jinping')</script></head><body>\
         <nav>Menu</nav><article><p>Russian President Vladimir Putin&nbsp;spoke.</p></article>\
         <footer>Turkish President Recep Tayyip Erdogan</footer></body></html>",
    )
    .unwrap();
    let run = dyad(&["extract", dir.join("p.html").to_str().unwrap()], None);
    assert_eq!(run.code, 0);
    let facts = lines(&run.stdout);
    let people: Vec<&str> = facts.iter().filter_map(|f| f["person"].as_str()).collect();
    assert_eq!(people, ["Vladimir Putin"]);
    assert_eq!(facts[1]["evidence"]["text"], "Russian President Vladimir Putin spoke.");
}

#[test]
fn jobs_do_not_change_the_output() {
    let samples = root().join("samples/articles");
    let one = dyad(&["extract", "--jobs", "1", samples.to_str().unwrap()], None);
    let four = dyad(&["extract", "--jobs", "4", samples.to_str().unwrap()], None);
    assert_eq!(one.code, 0);
    assert!(one.stdout.lines().count() > 40);
    assert_eq!(one.stdout, four.stdout);
}

#[test]
fn evidence_offsets_point_into_the_text() {
    let samples = root().join("samples/articles");
    let run = dyad(&["extract", samples.to_str().unwrap()], None);
    for fact in lines(&run.stdout).iter().filter(|f| f["kind"] == "role") {
        let doc = fact["doc"].as_str().unwrap();
        let path = samples.join(format!("{doc}.txt"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let (s, e) =
            (fact["evidence"]["start"].as_u64().unwrap() as usize, fact["evidence"]["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], fact["evidence"]["text"].as_str().unwrap(), "{doc}");
    }
}

/// Documents and roles of the bundled samples against their gold file: every gold fact found,
/// nothing extra (people matched by family name, as the scorer does).
#[test]
fn samples_match_their_gold_for_documents_and_roles() {
    let samples = root().join("samples");
    let run = dyad(&["extract", samples.join("articles").to_str().unwrap()], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let key = |f: &serde_json::Value| -> Option<String> {
        match f["kind"].as_str()? {
            "document" => Some(format!("{} published {}", f["doc"], f["published"])),
            "role" => {
                let family = f["person"].as_str()?.split_whitespace().last()?.to_lowercase();
                Some(format!("{} {} {} {}", f["doc"], f["role"], f["of"], dyad_fold(&family)))
            }
            _ => None,
        }
    };
    let gold_text = std::fs::read_to_string(samples.join("gold.jsonl")).unwrap();
    let gold: BTreeSet<String> = lines(&gold_text).iter().filter_map(key).collect();
    let got: BTreeSet<String> = lines(&run.stdout).iter().filter_map(key).collect();
    let missed: Vec<&String> = gold.difference(&got).collect();
    let extra: Vec<&String> = got.difference(&gold).collect();
    assert!(missed.is_empty() && extra.is_empty(), "missed {missed:#?}\nextra {extra:#?}");
}

fn dyad_fold(s: &str) -> String {
    dyad_lexicon::fold_diacritics(s)
}

#[test]
fn explain_gives_each_fact_a_reason_and_lists_near_misses() {
    let text = " date 2024-03-05 President of Mongolia Ukhnaagiin Khurelsukh arrived in Astana on March 4 for a state visit. The sides discussed many topics.";
    let run = dyad(&["explain", "-"], Some(text));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\"type\":\"VISIT\""), "{}", run.stdout);
    assert!(run.stdout.contains("why: VISIT rule (CAMEO 042): trigger \"arrived in\""), "{}", run.stdout);
    assert!(
        run.stdout.contains("why: role: title \"President\" next to the name \"Ukhnaagiin Khurelsukh\""),
        "{}",
        run.stdout
    );
    let only = dyad(&["explain", "--fact", "1", "-"], Some(text));
    assert_eq!(only.stdout.matches("why:").count(), 1, "{}", only.stdout);
}

#[test]
fn explain_uses_the_rules_folder_that_extract_uses() {
    // "called on" is no built-in trigger; a user's rules folder makes it a VISIT, and explain
    // must show the user's rule, as extract applies it.
    let dir = scratch("explain-rules");
    std::fs::write(dir.join("events.tsv"), "VISIT\t042\tCONSULT\tcalled on\n").unwrap();
    let text =
        " date 2023-10-10 Kazakh President Kassym-Jomart Tokayev called on the Emperor of Japan in Tokyo on Tuesday.";
    let rules = dir.to_str().unwrap();
    let extract = dyad(&["extract", "--rules", rules, "-"], Some(text));
    assert!(extract.stdout.contains("\"type\":\"VISIT\""), "{}", extract.stdout);
    let explain = dyad(&["explain", "--rules", rules, "-"], Some(text));
    assert_eq!(explain.code, 0, "{}", explain.stderr);
    assert!(explain.stdout.contains("why: VISIT rule (CAMEO 042): trigger \"called on\""), "{}", explain.stdout);
    let bad = dyad(&["explain", "--rules", "/nonexistent/rules", "-"], Some(text));
    assert_eq!(bad.code, 1, "{}", bad.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Events and figures of the bundled samples against their gold file, matched as the shared
/// scorer matches them (type, parties, date at the gold's precision; metric, pair, unit,
/// period, value within 2%). A floor on F1 guards against regressions.
#[test]
fn samples_events_and_figures_stay_above_their_floor() {
    let samples = root().join("samples");
    let run = dyad(&["extract", samples.join("articles").to_str().unwrap()], None);
    let pred = lines(&run.stdout);
    let gold = lines(&std::fs::read_to_string(samples.join("gold.jsonl")).unwrap());
    let alts = |v: &serde_json::Value| -> Vec<serde_json::Value> {
        match v {
            serde_json::Value::Array(a) => a.clone(),
            other => vec![other.clone()],
        }
    };
    let set = |v: &serde_json::Value| -> BTreeSet<String> {
        v.as_array().into_iter().flatten().filter_map(|x| x.as_str().map(String::from)).collect()
    };
    let event_match = |g: &serde_json::Value, p: &serde_json::Value| {
        if g["type"] != p["type"] || g["doc"] != p["doc"] {
            return false;
        }
        let undirected = matches!(g["type"].as_str(), Some("MEET" | "AGREE" | "RELATIONS"));
        let parties_ok = if undirected {
            set(&g["from"]).union(&set(&g["to"])).cloned().collect::<BTreeSet<_>>()
                == set(&p["from"]).union(&set(&p["to"])).cloned().collect::<BTreeSet<_>>()
        } else {
            set(&g["from"]) == set(&p["from"]) && set(&g["to"]) == set(&p["to"])
        };
        let date_ok = g["date"].is_null()
            || alts(&g["date"]).iter().any(|d| match (d.as_str(), p["date"].as_str()) {
                (None, _) => true,
                (Some(d), Some(pd)) => pd.starts_with(d),
                (Some(_), None) => false,
            });
        parties_ok && date_ok
    };
    let figure_match = |g: &serde_json::Value, p: &serde_json::Value| {
        let undirected = matches!(g["metric"].as_str(), Some("trade_turnover" | "deal_value"));
        let pair = |x: &serde_json::Value| {
            let mut v = vec![x["from"].as_str().unwrap_or("").to_string(), x["to"].as_str().unwrap_or("").to_string()];
            if undirected {
                v.sort();
            }
            v
        };
        g["doc"] == p["doc"]
            && g["metric"] == p["metric"]
            && g["unit"] == p["unit"]
            && pair(g) == pair(p)
            && alts(&g["period"]).contains(&p["period"])
            && (g["value"].as_f64().unwrap() - p["value"].as_f64().unwrap()).abs()
                <= 0.02 * g["value"].as_f64().unwrap()
    };
    for (kind, floor) in [("event", 0.88), ("figure", 0.99)] {
        let matcher: &dyn Fn(&serde_json::Value, &serde_json::Value) -> bool =
            if kind == "event" { &event_match } else { &figure_match };
        let scored = |f: &&serde_json::Value| f["kind"] == kind && f["modality"].is_null();
        let golds: Vec<&serde_json::Value> = gold.iter().filter(scored).collect();
        let preds: Vec<&serde_json::Value> = pred.iter().filter(scored).collect();
        let required: Vec<&&serde_json::Value> = golds.iter().filter(|g| g["optional"] != true).collect();
        let tp = required.iter().filter(|g| preds.iter().any(|p| matcher(g, p))).count();
        let fp = preds.iter().filter(|p| !golds.iter().any(|g| matcher(g, p))).count();
        let (precision, recall) = (tp as f64 / (tp + fp).max(1) as f64, tp as f64 / required.len().max(1) as f64);
        let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
        assert!(f1 >= floor, "{kind}: F1 {f1:.3} (tp {tp}, fp {fp}, gold {}) below {floor}", required.len());
    }
}

#[test]
fn version_completions_and_manual() {
    let v = dyad(&["--version"], None);
    assert!(v.code == 0 && v.stdout.starts_with("dyad ") && v.stdout.contains("(commit "), "{}", v.stdout);
    let bash = dyad(&["completions", "bash"], None);
    assert!(bash.code == 0 && bash.stdout.contains("_dyad()") && bash.stdout.contains("figures"));
    let man = dyad(&["man"], None);
    assert!(man.code == 0 && man.stdout.contains(".TH dyad 1") && man.stdout.contains("ingest"));
}

#[cfg(unix)]
#[test]
fn fifos_and_symlink_loops_are_skipped_with_one_line_each() {
    use std::process::{Command, Stdio};
    let dir = util::scratch("inputs-special");
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(corpus.join("sub")).unwrap();
    std::fs::write(corpus.join("sub/visit.txt"), "date 2024-05-23\nThe President of Kazakhstan visited Japan.\n")
        .unwrap();
    // A loop: corpus/sub/back -> corpus; and a FIFO named like an article.
    std::os::unix::fs::symlink(&corpus, corpus.join("sub/back")).unwrap();
    let fifo = corpus.join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["extract", corpus.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // It must end (a FIFO read would block it for ever); a generous bound, not a timing test.
    let t0 = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if t0.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("dyad extract did not end: it blocked on the FIFO or walked the loop");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The article once, the loop and the FIFO one line each.
    assert_eq!(stdout.matches("\"kind\":\"document\"").count(), 1, "{stdout}");
    assert_eq!(stderr.matches("already read").count(), 1, "{stderr}");
    if made {
        assert_eq!(stderr.matches("not a regular file").count(), 1, "{stderr}");
        assert_eq!(out.status.code(), Some(2));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn ids_are_unique_per_source_and_a_collision_is_reported() {
    let dir = util::scratch("inputs-ids");
    let corpus = dir.join("corpus");
    for sub in ["a", "b"] {
        std::fs::create_dir_all(corpus.join(sub)).unwrap();
        std::fs::write(corpus.join(sub).join("article.txt"), "The President of Kazakhstan visited Japan.\n").unwrap();
    }
    let lines = "{\"id\":\"x\",\"text\":\"Kazakhstan and Japan held talks.\"}\n{\"id\":\"x\",\"text\":\"Kazakhstan and China held talks.\"}\n";
    std::fs::write(dir.join("twice.jsonl"), lines).unwrap();
    let out = dyad(&["extract", corpus.to_str().unwrap(), dir.join("twice.jsonl").to_str().unwrap()], None);
    let docs: Vec<&str> = out.stdout.lines().filter(|l| l.contains("\"kind\":\"document\"")).collect();
    assert_eq!(docs.len(), 3, "{}", out.stdout);
    assert!(out.stdout.contains("\"doc\":\"a/article\"") && out.stdout.contains("\"doc\":\"b/article\""));
    assert_eq!(out.stderr.matches("read before in this run").count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("twice.jsonl:2"), "{}", out.stderr);
    assert_eq!(out.code, 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn jsonl_on_standard_input_is_limited_per_document_not_per_stream() {
    // 3,000 articles of ~90 bytes (270 KB) through a limit of 2,000 bytes per document, and one
    // over-long line in the middle: every other line is read.
    let mut stdin = String::new();
    for k in 0..3000 {
        if k == 1500 {
            stdin.push_str(&format!("{{\"id\":\"long\",\"text\":\"{}\"}}\n", "x".repeat(5000)));
        }
        stdin.push_str(&format!("{{\"id\":\"a{k}\",\"text\":\"Kazakhstan and Japan held talks on trade.\"}}\n"));
    }
    let out = dyad(&["extract", "--max-doc-bytes", "2000", "-"], Some(&stdin));
    assert_eq!(out.stdout.matches("\"kind\":\"document\"").count(), 3000, "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("stdin:1501") || out.stderr.contains("-:1501"), "{}", out.stderr);
}
