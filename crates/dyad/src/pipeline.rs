//! Inputs -> documents -> mentions -> facts, streamed in batches so that memory stays flat,
//! with the documents of a batch worked on in parallel and written in input order.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use dyad_document::{Document, Meta};
use dyad_facts::Extractor;
use dyad_input::{Inputs, Item, Options, Severity, Source};
use dyad_lexicon::Lexicon;
use dyad_recognize::amount::Unit;
use dyad_recognize::time::TimeKind;
use dyad_recognize::Date;
use dyad_store::load::TextRecord;
use serde_json::json;

/// How a run went.
pub struct Outcome {
    /// Inputs (files or JSONL lines) that could not be used.
    pub failed: usize,
}

/// The input reader for these paths.
pub fn options(paths: &[PathBuf], max_doc_bytes: usize) -> Inputs {
    Inputs::new(paths.to_vec(), Options { max_doc_bytes })
}

/// Documents per batch and job: enough to keep the threads busy, small enough to stay flat.
const BATCH_PER_JOB: usize = 32;

pub fn document(source: Source, ref_date: Option<Date>) -> Document {
    let meta = Meta {
        published: source.published.or_else(|| ref_date.map(|d| d.to_string())),
        title: source.title,
        url: source.url,
        origin: Some(source.origin),
    };
    let mut doc = Document::new(source.id, source.text, meta);
    if doc.published.is_none() {
        doc.published = ref_date;
    }
    doc
}

/// Reads the inputs in batches, turns each source into output lines with `work` (in parallel
/// over `jobs` threads), and writes the lines in input order.
fn run(inputs: Inputs, jobs: usize, work: &(dyn Fn(Source) -> Vec<u8> + Sync)) -> io::Result<Outcome> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let outcome = run_batches(inputs, jobs, work, |chunks| {
        for chunk in chunks {
            out.write_all(&chunk)?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(outcome)
}

/// Reads the inputs in batches, turns each source into a `T` with `work` (in parallel over
/// `jobs` threads) and hands each batch's results, in input order, to `sink`. Inputs that cannot
/// be read get one line on standard error and are counted as failed.
pub fn run_batches<T: Send>(
    inputs: Inputs,
    jobs: usize,
    work: &(dyn Fn(Source) -> T + Sync),
    mut sink: impl FnMut(Vec<T>) -> io::Result<()>,
) -> io::Result<Outcome> {
    let mut failed = 0;
    let mut batch: Vec<Source> = Vec::new();
    let batch_size = jobs * BATCH_PER_JOB;
    for item in inputs {
        match item {
            Item::Source(s) => {
                batch.push(s);
                if batch.len() >= batch_size {
                    sink(process(std::mem::take(&mut batch), jobs, work))?;
                }
            }
            Item::Problem(p) => {
                if p.severity == Severity::Error {
                    failed += 1;
                }
                eprintln!("dyad: {p}");
            }
        }
    }
    if !batch.is_empty() {
        sink(process(batch, jobs, work))?;
    }
    Ok(Outcome { failed })
}

/// The outputs of a batch, in order. The workers take the next document as each finishes one
/// (a shared counter), rather than a fixed share each: one long article does not leave the
/// other workers idle while it is extracted.
fn process<T: Send>(batch: Vec<Source>, jobs: usize, work: &(dyn Fn(Source) -> T + Sync)) -> Vec<T> {
    if jobs <= 1 || batch.len() <= 1 {
        return batch.into_iter().map(work).collect();
    }
    let n = batch.len();
    let items: Vec<std::sync::Mutex<Option<Source>>> =
        batch.into_iter().map(|s| std::sync::Mutex::new(Some(s))).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..jobs.min(n))
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= n {
                            return out;
                        }
                        let source = items[i].lock().expect("no worker panics holding it").take();
                        if let Some(source) = source {
                            out.push((i, work(source)));
                        }
                    }
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("a worker thread panicked")).collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, t)| t).collect()
}

pub fn extractor(lex: &Lexicon, rules: Option<dyad_facts::rules::Rules>) -> Extractor<'_> {
    match rules {
        Some(r) => Extractor::with_rules(lex, r),
        None => Extractor::new(lex),
    }
}

/// `dyad extract`: facts JSONL, each document's followed by its text record with `with_text`.
pub fn extract(
    lex: &Lexicon,
    rules: Option<dyad_facts::rules::Rules>,
    inputs: Inputs,
    jobs: usize,
    with_text: bool,
) -> io::Result<Outcome> {
    let extractor = extractor(lex, rules);
    run(inputs, jobs, &|source| {
        let origin = source.origin.clone();
        let (name, url) = (source.name.clone(), source.url.clone());
        // A bug on one document must not stop the others: it becomes one error line.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let doc = document(source, None);
            // Facts JSONL runs to about twice the article's size (evidence sentences included).
            let mut lines = Vec::with_capacity(2 * doc.text.len() + 256);
            for fact in extractor.extract(&doc) {
                fact.write_json_line(&mut lines);
            }
            if with_text {
                let sentences = doc.sentences.iter().map(|s| (s.start, s.end)).collect();
                TextRecord::new(&doc.id, &doc.text, sentences, url, Some(name)).write_json_line(&mut lines);
            }
            lines
        }));
        result.unwrap_or_else(|_| {
            eprintln!("dyad: error: {origin}: internal error while extracting (please report it); skipped");
            Vec::new()
        })
    })
}

/// `dyad explain`: each fact with its reason, and the near misses, as text.
pub fn explain(
    lex: &Lexicon,
    rules: Option<dyad_facts::rules::Rules>,
    inputs: Inputs,
    only: Option<usize>,
) -> io::Result<Outcome> {
    let extractor = extractor(lex, rules);
    run(inputs, 1, &|source| {
        let doc = document(source, None);
        let explanation = extractor.explain(&doc);
        let mut out = format!("== {} ({} facts)\n", doc.id, explanation.facts.len());
        for (n, (fact, why)) in explanation.facts.iter().enumerate() {
            if only.is_some_and(|k| k != n + 1) {
                continue;
            }
            out.push_str(&format!("[{}] {}\n    why: {}\n", n + 1, fact.to_json(), why));
        }
        if only.is_none() && !explanation.near.is_empty() {
            out.push_str("-- sentences whose triggers gave no fact\n");
            for (ev, why) in &explanation.near {
                let text: String = ev.text.chars().take(160).collect();
                out.push_str(&format!("  {}..{} {:?}\n    {}\n", ev.start, ev.end, text, why));
            }
        }
        out.into_bytes()
    })
}

/// `dyad tag`: one JSON object per mention.
pub fn tag(lex: &Lexicon, inputs: Inputs, ref_date: Option<Date>) -> io::Result<Outcome> {
    run(inputs, 1, &|source| {
        let doc = document(source, ref_date);
        let mentions = dyad_mentions::find(&doc, lex);
        let mut tags: Vec<(usize, serde_json::Value)> = Vec::new();
        for m in &mentions.items {
            let mut v = serde_json::to_value(m).expect("mentions serialize");
            v["doc"] = json!(doc.id);
            tags.push((m.start, v));
        }
        for t in &mentions.times {
            let kind = match t.kind {
                TimeKind::Period => "period",
                _ => "date",
            };
            let mut v = json!({"doc": doc.id, "type": kind, "start": t.start, "end": t.end,
                "text": &doc.text[t.start..t.end], "value": t.iso()});
            if let Some(m) = t.modifier {
                v["modifier"] = json!(m);
            }
            if let Some(r) = t.open_range() {
                v["range"] = json!(r);
            }
            tags.push((t.start, v));
        }
        for a in &mentions.amounts {
            let kind = match a.unit {
                Unit::Currency(_) => "amount",
                Unit::Percent => "percent",
                Unit::Ratio => "ratio",
                Unit::Count(_) => "count",
            };
            let mut v = json!({"doc": doc.id, "type": kind, "start": a.start, "end": a.end,
                "text": &doc.text[a.start..a.end], "value": a.value, "unit": a.unit.code(),
                "qualifier": a.qualifier.as_str()});
            if let Unit::Count(Some(noun)) = &a.unit {
                v["noun"] = json!(noun);
            }
            if a.number != (a.start..a.end) {
                v["number"] = json!({"start": a.number.start, "end": a.number.end,
                    "text": &doc.text[a.number.clone()], "value": a.number_value});
            }
            tags.push((a.start, v));
        }
        // Units named with no value beside them ("the dollar rose"): shown, never a figure.
        for w in dyad_recognize::unit_words::find_unit_words(&doc.text, &mentions.amounts) {
            tags.push((
                w.start,
                json!({"doc": doc.id, "type": "unit", "start": w.start, "end": w.end,
                "text": &doc.text[w.start..w.end], "value": null, "unit": w.unit.code()}),
            ));
        }
        tags.sort_by_key(|t| t.0);
        let mut lines = String::new();
        for (_, v) in tags {
            lines.push_str(&v.to_string());
            lines.push('\n');
        }
        lines.into_bytes()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(id: usize, text: &str) -> Source {
        Source {
            id: format!("d{id}"),
            origin: String::new(),
            name: String::new(),
            text: text.into(),
            published: None,
            url: None,
            title: None,
        }
    }

    #[test]
    fn workers_take_the_next_document_and_the_outputs_keep_the_input_order() {
        // The first document is slow: it is done only once every other one is (or after 10 s).
        // With fixed halves its worker would still hold nineteen of them; taking the next
        // document as each finishes, the other worker does all 39 meanwhile.
        let batch: Vec<Source> = (0..40).map(|i| source(i, if i == 0 { "slow" } else { "fast" })).collect();
        let by = std::sync::Mutex::new(Vec::new());
        let out = process(batch, 2, &|s: Source| {
            if s.text == "slow" {
                let t0 = std::time::Instant::now();
                while by.lock().unwrap().len() < 39 && t0.elapsed() < std::time::Duration::from_secs(10) {
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
            }
            by.lock().unwrap().push((s.id.clone(), std::thread::current().id()));
            s.id
        });
        assert_eq!(out, (0..40).map(|i| format!("d{i}")).collect::<Vec<_>>());
        let by = by.into_inner().unwrap();
        let slow_thread = by.iter().find(|(id, _)| id == "d0").unwrap().1;
        let on_slow = by.iter().filter(|(_, t)| *t == slow_thread).count();
        assert_eq!(on_slow, 1, "the worker with the slow document took no other: {by:?}");
    }
}
