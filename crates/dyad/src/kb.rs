//! The knowledge-base commands: `ingest`, `figures`, `events`, `profile`, `partners`, `search`,
//! `export` and `demo`. The work is in `dyad-store`; this is how it shows on a terminal.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use dyad_facts::{Fact, FigureFact};
use dyad_input::{Inputs, Options};
use dyad_lexicon::Lexicon;
use dyad_store::merge::Claim;
use dyad_store::{EventQuery, FigureQuery, IngestSummary, NewDocument, Store};

use crate::pipeline::{self, Outcome};
use crate::table::{human, Table};

/// How query results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for reading.
    Table,
    /// One JSON document.
    Json,
    /// CSV with a header row.
    Csv,
}

/// The database a command uses: `--db`, else `$DYAD_DB`, else `dyad.db`.
pub fn db_path(db: Option<PathBuf>) -> PathBuf {
    db.or_else(|| std::env::var_os("DYAD_DB").map(PathBuf::from)).unwrap_or_else(|| PathBuf::from("dyad.db"))
}

fn store_err(e: dyad_store::StoreError) -> io::Error {
    io::Error::other(e.0)
}

/// `dyad ingest`: extracts and stores the inputs, batch by batch, one transaction each.
/// Documents written in one transaction by `ingest` (see there).
const COMMIT_DOCS: usize = 4096;
/// Text written in one transaction by `ingest`, at most (and one document more).
const COMMIT_BYTES: usize = 64 * 1024 * 1024;
/// The page cache of the ingest's connection, in MB: a transaction's changed pages stay in it
/// until the commit instead of spilling to the log while it runs.
const INGEST_CACHE_MB: usize = 128;

pub fn ingest(
    lex: &Lexicon,
    rules: Option<dyad_facts::rules::Rules>,
    paths: &[PathBuf],
    max_doc_bytes: usize,
    jobs: usize,
    db: &Path,
    skip_unchanged: bool,
) -> io::Result<Outcome> {
    let mut store = Store::open(db).map_err(store_err)?;
    store.set_cache_mb(INGEST_CACHE_MB).map_err(store_err)?;
    // What each stored article was extracted from: one that comes again unchanged is counted,
    // not extracted (re-ingesting a corpus costs reading it, not extracting it).
    // (A connection of its own, shared by the jobs: a lookup is microseconds, an extraction
    // a millisecond.)
    let known = match skip_unchanged {
        true => Some(std::sync::Mutex::new(Store::open_read_only(db).map_err(store_err)?)),
        false => None,
    };
    let extractor = pipeline::extractor(lex, rules);
    let total = total_bytes(paths);
    let started = Instant::now();
    let progress = io::stderr().is_terminal();
    let (mut docs, mut bytes) = (0usize, 0u64);
    let mut summary = IngestSummary::default();
    let inputs = Inputs::new(paths.to_vec(), Options { max_doc_bytes });
    let work = |source: dyad_input::Source| -> Option<Ingested> {
        let input_digest = input_digest(&source);
        if let Some(known) = &known {
            let stored = known.lock().unwrap_or_else(|e| e.into_inner()).input_digest(&source.id);
            if stored.ok().flatten().as_ref() == Some(&input_digest) {
                return Some(Ingested::Unchanged(source.text.len()));
            }
        }
        let origin = source.origin.clone();
        // Stored relative to what the user named: no home folders in the database or on the web.
        let name = source.name.clone();
        let url = source.url.clone();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let doc = pipeline::document(source, None);
            let facts = extractor.extract(&doc);
            let sentences = doc.sentences.iter().map(|s| (s.start, s.end)).collect();
            let mut new = NewDocument::new(&doc.id, &doc.text, Some(name.clone()), url, None, sentences, facts);
            new.input_digest = Some(input_digest.clone());
            Ingested::Extracted(Box::new(new))
        }));
        result
            .inspect_err(|_| {
                eprintln!("dyad: error: {origin}: internal error while extracting (please report it); skipped")
            })
            .ok()
    };
    let mut pending = Pending::new(&mut store, db);
    let outcome = pipeline::run_batches(inputs, jobs, &work, |batch| {
        for item in batch.into_iter().flatten() {
            docs += 1;
            match item {
                Ingested::Unchanged(len) => {
                    bytes += len as u64;
                    summary.unchanged += 1;
                }
                Ingested::Extracted(d) => {
                    bytes += d.text.len() as u64;
                    pending.push(*d)?;
                }
            }
        }
        if progress {
            eprint!("\r{}", progress_line(docs, bytes, total, started.elapsed().as_secs_f64()));
        }
        Ok(())
    })?;
    summary += pending.finish()?;
    if progress {
        eprintln!();
    }
    report(db, &summary, outcome.failed, bytes, started);
    Ok(outcome)
}

/// Documents waiting for a transaction of their own until there are COMMIT_DOCS of them (or
/// COMMIT_BYTES of text): a page of a large index that several of them change is written once,
/// not once a batch. In a large knowledge base each document's keys land on pages of their own,
/// so the pages a commit writes grow with the documents in it, not the base's size, only when
/// many documents share a commit (at 100k articles, 512 a commit wrote 4.8 times the log frames
/// of a 10k base; BENCHMARKS.md). A crash loses only uncommitted documents, which a re-run adds.
struct Pending<'a> {
    store: &'a mut Store,
    db: &'a Path,
    docs: Vec<NewDocument>,
    bytes: usize,
    summary: IngestSummary,
}

impl<'a> Pending<'a> {
    fn new(store: &'a mut Store, db: &'a Path) -> Self {
        Pending { store, db, docs: Vec::new(), bytes: 0, summary: IngestSummary::default() }
    }

    /// Adds a document, and commits when the transaction is full.
    fn push(&mut self, d: NewDocument) -> io::Result<()> {
        self.bytes += d.text.len();
        self.docs.push(d);
        if self.docs.len() >= COMMIT_DOCS || self.bytes >= COMMIT_BYTES {
            self.commit()?;
        }
        Ok(())
    }

    fn commit(&mut self) -> io::Result<()> {
        if !self.docs.is_empty() {
            self.summary += self
                .store
                .ingest(&self.docs)
                .map_err(|e| io::Error::other(format!("{}: {}", dyad_store::display_name(self.db), e.0)))?;
        }
        self.docs.clear();
        self.bytes = 0;
        Ok(())
    }

    /// Commits what is left; what all the commits stored.
    fn finish(mut self) -> io::Result<IngestSummary> {
        self.commit()?;
        Ok(self.summary)
    }
}

/// The line an ingest ends with: what it stored, and how fast.
fn report(db: &Path, summary: &IngestSummary, failed: usize, bytes: u64, started: Instant) {
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "dyad: {}: {} new, {} unchanged, {} updated, {} failed ({:.1} MB in {:.1} s, {:.1} MB/s)",
        dyad_store::display_name(db),
        summary.new,
        summary.unchanged,
        summary.updated,
        failed,
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs.max(1e-9)
    );
}

/// `dyad ingest --facts`: facts JSONL that `dyad extract --with-text` wrote (on this machine or
/// by a Spark job over many), stored without extracting again, in the same transactions as
/// `ingest`'s. A line or document that cannot be stored is one error line; the rest go on.
pub fn ingest_facts(paths: &[PathBuf], db: &Path) -> io::Result<Outcome> {
    let mut store = Store::open(db).map_err(store_err)?;
    store.set_cache_mb(INGEST_CACHE_MB).map_err(store_err)?;
    let started = Instant::now();
    let (mut failed, mut bytes) = (0usize, 0u64);
    let mut pending = Pending::new(&mut store, db);
    for path in facts_files(paths, &mut failed) {
        let name = path.display().to_string();
        let input: Box<dyn io::BufRead> = if name == "-" {
            Box::new(io::stdin().lock())
        } else {
            match std::fs::File::open(&path) {
                Ok(f) => Box::new(io::BufReader::with_capacity(1 << 16, f)),
                Err(e) => {
                    eprintln!("dyad: error: {name}: {e}; skipped");
                    failed += 1;
                    continue;
                }
            }
        };
        for d in dyad_store::load::FactsReader::new(input, &name) {
            match d {
                Ok(d) => {
                    bytes += d.text.len() as u64;
                    pending.push(d)?;
                }
                Err(e) => {
                    eprintln!("dyad: error: {e}");
                    failed += 1;
                }
            }
        }
    }
    let summary = pending.finish()?;
    report(db, &summary, failed, bytes, started);
    Ok(Outcome { failed })
}

/// The facts files of `paths`: files as named, the `.jsonl` files under folders (in name
/// order), `-`. A path that cannot be read is an error line and counted in `failed`.
fn facts_files(paths: &[PathBuf], failed: &mut usize) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out)?;
            } else if p.extension().is_some_and(|e| e == "jsonl") {
                out.push(p);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            if let Err(e) = walk(p, &mut out) {
                eprintln!("dyad: error: {}: {e}; skipped", p.display());
                *failed += 1;
            }
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// An article read by `ingest`: extracted, or known unchanged (its text's length).
enum Ingested {
    Extracted(Box<NewDocument>),
    Unchanged(usize),
}

/// A digest of what an article's facts are extracted from: its id, text and metadata, and this
/// build (version and commit; a build with other rules or lexicon files does not skip).
fn input_digest(s: &dyad_input::Source) -> String {
    // 64-bit FNV-1a over the parts, each closed by a byte no UTF-8 text holds.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let build = concat!(env!("CARGO_PKG_VERSION"), "+", env!("DYAD_COMMIT"));
    for part in [
        Some(build),
        Some(s.id.as_str()),
        Some(s.text.as_str()),
        s.url.as_deref(),
        s.title.as_deref(),
        s.published.as_deref(),
        Some(s.name.as_str()),
    ] {
        for b in part.unwrap_or("\u{0}").bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}{:08x}", s.text.len())
}

/// "1,234 documents  12.3 MB  5.6 MB/s  ETA 0:42"
fn progress_line(docs: usize, bytes: u64, total: Option<u64>, secs: f64) -> String {
    let rate = bytes as f64 / 1e6 / secs.max(1e-9);
    let eta = total.filter(|&t| t > bytes && rate > 0.0).map(|t| {
        let left = ((t - bytes) as f64 / 1e6 / rate).round() as u64;
        format!("  ETA {}:{:02}", left / 60, left % 60)
    });
    format!("{docs} documents  {:.1} MB  {rate:.1} MB/s{}   ", bytes as f64 / 1e6, eta.unwrap_or_default())
}

/// The size of the files under `paths` (None when reading standard input).
fn total_bytes(paths: &[PathBuf]) -> Option<u64> {
    fn walk(p: &Path) -> u64 {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                std::fs::read_dir(p).map(|rd| rd.filter_map(|e| e.ok()).map(|e| walk(&e.path())).sum()).unwrap_or(0)
            }
            Ok(m) => m.len(),
            Err(_) => 0,
        }
    }
    if paths.iter().any(|p| p.as_os_str() == "-") {
        return None;
    }
    Some(paths.iter().map(|p| walk(p)).sum())
}

/// Writes `value` as JSON, or the table as text or CSV.
fn emit(format: Format, table: &Table, value: &impl serde::Serialize) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, value)?;
            writeln!(out)?;
        }
        Format::Csv => table.write_csv(&mut out)?,
        Format::Table if table.is_empty() => writeln!(out, "(nothing found)")?,
        Format::Table => table.write_text(&mut out)?,
    }
    out.flush()
}

fn sources_cell(c: &Claim) -> String {
    c.sources.len().to_string()
}

/// A date or period cell: the fact's own, else "as of" its article's date (an empty cell in
/// data, where the `as_of` field of the JSON has it).
fn when(own: Option<&str>, c: &Claim, data: bool) -> String {
    match (own, &c.as_of) {
        (Some(d), _) => d.to_string(),
        (None, _) if data => String::new(),
        (None, Some(a)) => format!("as of {a}"),
        (None, None) => "?".into(),
    }
}

/// Figures as a table: for reading (`data` false: "1.6 bn", "?" for no period) or as data
/// (CSV: the value as a number, an empty cell for no period). A conflict lists the other values
/// reported, each with its documents.
fn figure_table(claims: &[Claim], data: bool) -> Table {
    let value = |v: f64| if data { format!("{v}") } else { human(v) };
    let mut t = Table::new(&[
        "period",
        "metric",
        "from",
        "to",
        "value",
        "unit",
        "qualifier",
        "sources",
        if data { "other_values" } else { "other values" },
    ]);
    for c in claims {
        if let Fact::Figure(f) = &c.fact {
            let others: Vec<String> =
                c.others.iter().map(|o| format!("{} ({})", value(o.value), o.docs.join(", "))).collect();
            t.row(vec![
                when(f.period.as_deref(), c, data),
                f.metric.clone(),
                f.from.clone(),
                f.to.clone(),
                value(f.value),
                f.unit.clone(),
                f.qualifier.clone(),
                sources_cell(c),
                others.join("; "),
            ]);
        }
    }
    t
}

/// Events as a table, for reading or as data (see [`figure_table`]).
fn event_table(claims: &[Claim], data: bool) -> Table {
    let mut t = Table::new(&["date", "type", "from", "to", "modality", "persons", "sources", "evidence"]);
    for c in claims {
        if let Fact::Event(e) = &c.fact {
            t.row(vec![
                when(e.date.as_deref(), c, data),
                e.kind.clone(),
                e.from.join(" "),
                e.to.join(" "),
                e.modality.clone().unwrap_or_default(),
                e.persons.join("; "),
                sources_cell(c),
                e.evidence.text.clone(),
            ]);
        }
    }
    t
}

/// A pair's profile as one table of data: figures then events, one claim a row.
fn profile_table(p: &dyad_store::Profile) -> Table {
    let mut t = Table::new(&[
        "kind",
        "date",
        "what",
        "from_parties",
        "to_parties",
        "value",
        "unit",
        "qualifier",
        "modality",
        "persons",
        "sources",
        "evidence",
    ]);
    for c in p.figures.iter().chain(&p.events) {
        let row = match &c.fact {
            Fact::Figure(f) => vec![
                "figure".into(),
                when(f.period.as_deref(), c, true),
                f.metric.clone(),
                f.from.clone(),
                f.to.clone(),
                format!("{}", f.value),
                f.unit.clone(),
                f.qualifier.clone(),
                String::new(),
                String::new(),
                sources_cell(c),
                f.evidence.text.clone(),
            ],
            Fact::Event(e) => vec![
                "event".into(),
                when(e.date.as_deref(), c, true),
                e.kind.clone(),
                e.from.join(";"),
                e.to.join(";"),
                String::new(),
                String::new(),
                String::new(),
                e.modality.clone().unwrap_or_default(),
                e.persons.join(";"),
                sources_cell(c),
                e.evidence.text.clone(),
            ],
            _ => continue,
        };
        t.row(row);
    }
    t
}

/// `dyad figures`: at most `limit` claims, those of the latest periods (in series order); all
/// with `None`.
pub fn figures(db: &Path, q: FigureQuery, limit: Option<usize>, format: Format) -> io::Result<()> {
    let store = Store::open_read_only(db).map_err(store_err)?;
    let claims = match limit {
        Some(n) => store.latest_figures(&q, n).map_err(store_err)?,
        None => store.figures(&q).map_err(store_err)?,
    };
    if limit == Some(claims.len()) {
        eprintln!("dyad: the figures of the latest {} periods; --limit N or --all for more", claims.len());
    }
    emit(format, &figure_table(&claims, format == Format::Csv), &claims)
}

/// `dyad events`: at most `limit` claims, the latest (dated by their own date or, undated, by
/// their article's), in time order; all with `None`.
pub fn events(db: &Path, q: EventQuery, limit: Option<usize>, format: Format) -> io::Result<()> {
    let store = Store::open_read_only(db).map_err(store_err)?;
    // With a limit, only the newest reports are read (see `Store::latest_events`): the work
    // depends on what is shown, not on the size of the knowledge base.
    let claims = match limit {
        Some(n) => store.latest_events(&q, n).map_err(store_err)?,
        None => store.events(&q).map_err(store_err)?,
    };
    if limit == Some(claims.len()) {
        eprintln!("dyad: the latest {} events; --limit N or --all for more", claims.len());
    }
    emit(format, &event_table(&claims, format == Format::Csv), &claims)
}

/// `dyad profile A B`: the figures of the latest `figures` periods (all with `None`), the latest
/// `limit` events and articles.
pub fn profile(db: &Path, a: &str, b: &str, limit: usize, figures: Option<usize>, format: Format) -> io::Result<()> {
    let store = Store::open_read_only(db).map_err(store_err)?;
    let (a, b) = (a.to_uppercase(), b.to_uppercase());
    let p = store.profile(&a, &b, limit, figures).map_err(store_err)?;
    if let (false, Some(n)) = (p.figures_complete, figures) {
        eprintln!("dyad: the figures of the latest {n} periods; --figures N or --all-figures for more");
    }
    if format != Format::Table {
        // One table for CSV: every claim, figures then events, a `kind` column telling which.
        if format == Format::Csv {
            return profile_table(&p).write_csv(&mut io::stdout().lock());
        }
        return emit(format, &figure_table(&p.figures, false), &p);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    writeln!(
        out,
        "{a} - {b}: {}{} event reports (the latest {} events below); {}{} figure reports, {} figures by period below{}, {} contradicted by other articles\n",
        p.event_total,
        if p.event_total >= dyad_store::EVENT_COUNT_CAP { "+" } else { "" },
        p.events.len(),
        p.figure_total,
        if p.figure_total >= dyad_store::EVENT_COUNT_CAP { "+" } else { "" },
        p.figures.len(),
        if p.figures_complete { "" } else { " (the latest periods)" },
        p.conflicts
    )?;
    let trade: Vec<Claim> = p
        .figures
        .iter()
        .filter(|c| matches!(&c.fact, Fact::Figure(FigureFact { metric, .. }) if ["trade_turnover", "exports", "imports"].contains(&metric.as_str())))
        .cloned()
        .collect();
    let other: Vec<Claim> = p.figures.iter().filter(|c| !trade.contains(c)).cloned().collect();
    let section = |out: &mut io::BufWriter<io::StdoutLock>, title: &str, t: Table| -> io::Result<()> {
        writeln!(out, "## {title}")?;
        if t.is_empty() {
            writeln!(out, "(none)\n")
        } else {
            t.write_text(out)?;
            writeln!(out)
        }
    };
    section(&mut out, "Trade by period", figure_table(&trade, false))?;
    section(&mut out, "Investment, deals, tourists, companies", figure_table(&other, false))?;
    let of_type = |types: &[&str]| -> Vec<Claim> {
        p.events
            .iter()
            .filter(|c| matches!(&c.fact, Fact::Event(e) if types.contains(&e.kind.as_str())))
            .cloned()
            .collect()
    };
    section(&mut out, "Visits and meetings", event_table(&of_type(&["VISIT", "MEET"]), false))?;
    section(&mut out, "Agreements signed and ratified", event_table(&of_type(&["AGREE", "RATIFY"]), false))?;
    section(
        &mut out,
        "Other events",
        event_table(&of_type(&["RELATIONS", "PRAISE", "INTEND", "INVITE", "AID", "OPEN"]), false),
    )?;
    let mut people = Table::new(&["person", "roles"]);
    for (name, roles) in &p.people {
        people.row(vec![name.clone(), roles.join("; ")]);
    }
    section(&mut out, "People involved", people)?;
    let conflicts: Vec<Claim> = p.figures.iter().filter(|c| c.conflict).cloned().collect();
    section(&mut out, "Conflicting figures", figure_table(&conflicts, false))?;
    let mut docs = Table::new(&["published", "doc", "title"]);
    for d in &p.documents {
        docs.row(vec![d.published.clone().unwrap_or_default(), d.doc.clone(), d.title.clone().unwrap_or_default()]);
    }
    let title = format!("Articles read (the latest {} of {})", p.documents.len(), p.document_total);
    section(&mut out, &title, docs)?;
    out.flush()
}

/// `dyad partners A`.
/// How `dyad partners` ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PartnerRank {
    /// Events and figures shared, most first.
    Facts,
    /// Articles that report the two together, most first.
    Articles,
    /// The latest trade turnover (latest period, then largest value); partners without one last.
    Trade,
}

/// `dyad partners A`: ranked as `by` says (the table says so under it), at most `limit`.
pub fn partners(db: &Path, country: &str, by: PartnerRank, limit: usize, format: Format) -> io::Result<()> {
    let store = Store::open_read_only(db).map_err(store_err)?;
    let mut list = store.partners(&country.to_uppercase()).map_err(store_err)?;
    match by {
        PartnerRank::Facts => {}
        PartnerRank::Articles => list.sort_by(|a, b| b.sources.cmp(&a.sources).then_with(|| a.country.cmp(&b.country))),
        PartnerRank::Trade => list.sort_by(|a, b| {
            let key = |p: &dyad_store::Partner| p.latest_trade.clone();
            match (key(a), key(b)) {
                (Some((pa, va)), Some((pb, vb))) => pb.cmp(&pa).then(vb.total_cmp(&va)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.country.cmp(&b.country),
            }
        }),
    }
    list.truncate(limit);
    emit(format, &partner_table(&list), &list)?;
    if format == Format::Table && !list.is_empty() {
        let how = match by {
            PartnerRank::Facts => "events and figures shared, most first (--by articles, --by trade)",
            PartnerRank::Articles => "articles reporting both, most first",
            PartnerRank::Trade => "latest trade turnover: latest period, then largest value; none last",
        };
        println!("Ranked by {how}.");
    }
    Ok(())
}

fn partner_table(list: &[dyad_store::Partner]) -> Table {
    let mut t = Table::new(&["partner", "events", "figures", "articles", "latest trade turnover"]);
    for p in list {
        t.row(vec![
            p.country.clone(),
            p.events.to_string(),
            p.figures.to_string(),
            p.sources.to_string(),
            p.latest_trade.as_ref().map(|(period, v)| format!("{} USD ({period})", human(*v))).unwrap_or_default(),
        ]);
    }
    t
}

/// `dyad search TEXT`.
pub fn search(db: &Path, text: &str, limit: usize, format: Format) -> io::Result<()> {
    let store = Store::open_read_only(db).map_err(store_err)?;
    let hits = store.search(text, limit).map_err(store_err)?;
    let mut t = Table::new(&["published", "doc", "sentence", "facts"]);
    for h in &hits {
        let facts: Vec<String> = h
            .facts
            .iter()
            .map(|f| match f {
                Fact::Event(e) => {
                    format!("{} {}>{} {}", e.kind, e.from.join("+"), e.to.join("+"), e.date.as_deref().unwrap_or("?"))
                }
                Fact::Figure(x) => format!("{} {}-{} {} {}", x.metric, x.from, x.to, human(x.value), x.unit),
                Fact::Role(r) => format!("{}: {} of {}", r.person, r.role, r.of),
                Fact::Document(_) => String::new(),
            })
            .collect();
        t.row(vec![h.published.clone().unwrap_or_default(), h.doc.clone(), h.text.clone(), facts.join("; ")]);
    }
    emit(format, &t, &hits)
}

/// What `dyad export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Facts JSONL, as `dyad extract` writes it.
    Jsonl,
    /// CSV, one kind of fact (figures by default).
    Csv,
    /// Events as GDELT 2.0 event-table rows (tab-separated, no header), merged across articles.
    Gdelt,
    /// The GDELT 2.0 mentions table of those events: one row per article, with the evidence.
    GdeltMentions,
    /// Parquet, one kind of fact (figures by default), the CSV columns typed; needs --output.
    Parquet,
}

/// Which facts `dyad export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportKind {
    /// Figures.
    Figures,
    /// Events.
    Events,
    /// Roles.
    Roles,
    /// Documents.
    Documents,
}

impl ExportKind {
    fn fact_kind(self) -> &'static str {
        match self {
            ExportKind::Figures => "figure",
            ExportKind::Events => "event",
            ExportKind::Roles => "role",
            ExportKind::Documents => "document",
        }
    }
}

/// `dyad export --claims`: one row per merged claim of figures (the default) or events, as
/// JSONL (the claim as `--format json` of the queries gives it), CSV or Parquet.
pub fn export_claims(
    db: &Path,
    format: ExportFormat,
    kind: Option<ExportKind>,
    output: Option<&Path>,
) -> io::Result<()> {
    let store = Store::open_read_only(db).map_err(store_err)?;
    let kind = kind.unwrap_or(ExportKind::Figures);
    let claims = match kind {
        ExportKind::Figures => store.figures(&FigureQuery::default()),
        ExportKind::Events => store.events(&EventQuery::default()),
        _ => return Err(io::Error::other("--claims exports figures or events")),
    }
    .map_err(store_err)?;
    let header = dyad_store::export::claim_header(kind.fact_kind());
    let write_to = |out: &mut dyn Write| -> io::Result<()> {
        match format {
            ExportFormat::Jsonl => {
                for c in &claims {
                    serde_json::to_writer(&mut *out, c)?;
                    writeln!(out)?;
                }
            }
            ExportFormat::Csv => {
                writeln!(out, "{}", header.join(","))?;
                for c in &claims {
                    let cells: Vec<String> =
                        dyad_store::export::claim_row(c).iter().map(|x| dyad_store::export::csv_field(x)).collect();
                    writeln!(out, "{}", cells.join(","))?;
                }
            }
            _ => return Err(io::Error::other("--claims writes jsonl, csv or parquet")),
        }
        out.flush()
    };
    match (format, output) {
        (ExportFormat::Parquet, Some(path)) => write_whole(path, |file| {
            let mut w = dyad_store::export::ParquetRows::with_columns(file, &header).map_err(store_err)?;
            for c in &claims {
                w.push(dyad_store::export::claim_row(c)).map_err(store_err)?;
            }
            w.finish().map_err(store_err)
        }),
        (ExportFormat::Parquet, None) => {
            Err(io::Error::other("--format parquet writes a file: give it with --output FILE"))
        }
        (_, Some(path)) => write_whole(path, |file| write_to(&mut io::BufWriter::new(file))),
        (_, None) => write_to(&mut io::BufWriter::new(io::stdout().lock())),
    }
}

/// `dyad export`, to standard output or to `output`.
pub fn export(db: &Path, format: ExportFormat, kind: Option<ExportKind>, output: Option<&Path>) -> io::Result<()> {
    let store = Store::open_read_only(db).map_err(store_err)?;
    if format == ExportFormat::Parquet {
        let Some(path) = output else {
            return Err(io::Error::other("--format parquet writes a file: give it with --output FILE"));
        };
        return export_parquet(&store, kind.unwrap_or(ExportKind::Figures), path);
    }
    if let Some(path) = output {
        return write_whole(path, |file| {
            export_to(&store, format, kind, &mut io::BufWriter::with_capacity(1 << 16, file))
        });
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    export_to(&store, format, kind, &mut out)?;
    out.flush()
}

/// Writes a file under a temporary name beside it, renamed when complete: no half-written file
/// is ever under its name, and a failed export leaves nothing.
fn write_whole(path: &Path, write: impl FnOnce(std::fs::File) -> io::Result<()>) -> io::Result<()> {
    let part = PathBuf::from(format!("{}.part", path.display()));
    let file = std::fs::File::create(&part).map_err(|e| io::Error::other(format!("{}: {e}", part.display())))?;
    match write(file) {
        Ok(()) => std::fs::rename(&part, path),
        Err(e) => {
            let _ = std::fs::remove_file(&part);
            Err(e)
        }
    }
}

fn export_parquet(store: &Store, kind: ExportKind, path: &Path) -> io::Result<()> {
    write_whole(path, |file| parquet_rows(store, kind, file).map_err(store_err))
}

/// One kind's rows as Parquet into `file`.
fn parquet_rows(store: &Store, kind: ExportKind, file: std::fs::File) -> Result<(), dyad_store::StoreError> {
    let mut w = dyad_store::export::ParquetRows::new(file, kind.fact_kind())?;
    let mut failed = Ok(());
    if kind == ExportKind::Documents {
        store.all_documents(|d| {
            if failed.is_ok() {
                failed = w.push(dyad_store::export::document_row(d));
            }
        })?;
    } else {
        store.each_fact(kind.fact_kind(), |f, source| {
            if failed.is_ok() {
                failed = w.push(dyad_store::export::csv_row(&f, &source));
            }
        })?;
    }
    failed?;
    w.finish()
}

fn export_to(store: &Store, format: ExportFormat, kind: Option<ExportKind>, out: &mut impl Write) -> io::Result<()> {
    let mut failed: io::Result<()> = Ok(());
    let mut write = |out: &mut dyn Write, line: &[u8]| {
        if failed.is_ok() {
            failed = out.write_all(line);
        }
    };
    match format {
        ExportFormat::Jsonl => {
            let kinds: Vec<ExportKind> = match kind {
                Some(k) => vec![k],
                None => vec![ExportKind::Documents, ExportKind::Roles, ExportKind::Events, ExportKind::Figures],
            };
            for k in kinds {
                if k == ExportKind::Documents {
                    store
                        .all_documents(|d| {
                            let fact = Fact::Document(dyad_facts::DocumentFact {
                                doc: d.doc,
                                published: d.published,
                                title: d.title,
                                language: "en".into(),
                                url: d.url,
                            });
                            let mut line = Vec::new();
                            fact.write_json_line(&mut line);
                            write(out, &line);
                        })
                        .map_err(store_err)?;
                } else {
                    store
                        .each_fact(k.fact_kind(), |f, _| {
                            let mut line = Vec::new();
                            f.write_json_line(&mut line);
                            write(out, &line);
                        })
                        .map_err(store_err)?;
                }
            }
        }
        ExportFormat::Csv => {
            let k = kind.unwrap_or(ExportKind::Figures);
            let header = dyad_store::export::csv_header(k.fact_kind());
            write(out, format!("{}\n", header.join(",")).as_bytes());
            let mut row = |cells: Vec<String>, out: &mut dyn Write| {
                let cells: Vec<String> = cells.iter().map(|c| dyad_store::export::csv_field(c)).collect();
                write(out, format!("{}\n", cells.join(",")).as_bytes());
            };
            if k == ExportKind::Documents {
                store.all_documents(|d| row(dyad_store::export::document_row(d), out)).map_err(store_err)?;
            } else {
                store
                    .each_fact(k.fact_kind(), |f, source| row(dyad_store::export::csv_row(&f, &source), out))
                    .map_err(store_err)?;
            }
        }
        ExportFormat::Gdelt | ExportFormat::GdeltMentions => {
            if kind.is_some_and(|k| k != ExportKind::Events) {
                return Err(io::Error::other("--format gdelt exports events only"));
            }
            let added = today_compact();
            let lex = dyad_lexicon::Lexicon::embedded();
            let name = |code: &str| -> Option<String> {
                lex.country(code).map(|c| c.name.clone()).or_else(|| lex.organization(code).map(|o| o.name.clone()))
            };
            let place = |e: &dyad_facts::EventFact| gdelt_place(lex, e);
            let gazetteer = dyad_store::export::Gazetteer { name: &name, place: &place };
            let claims = store.events(&EventQuery::default()).map_err(store_err)?;
            for c in &claims {
                let rows = if format == ExportFormat::Gdelt {
                    dyad_store::export::gdelt_rows(c, &gazetteer, &added)
                } else {
                    dyad_store::export::mention_rows(c, &gazetteer)
                };
                for r in rows {
                    write(out, format!("{}\n", r.join("\t")).as_bytes());
                }
            }
        }
        ExportFormat::Parquet => unreachable!("written by export_parquet"),
    }
    failed?;
    out.flush()
}

/// Where an event happened, for GDELT: the capital or city its sentence names (a world city,
/// with coordinates), else the host country of a visit.
fn gdelt_place(lex: &dyad_lexicon::Lexicon, e: &dyad_facts::EventFact) -> Option<dyad_store::export::ActionGeo> {
    let text = |k: &str| e.attributes.get(k).and_then(|v| v.as_str());
    let country_name = |c: &str| lex.country(c).map(|c| c.name.clone()).unwrap_or_default();
    if let (Some(place), Some(country)) = (text("place"), text("place_country")) {
        if let Some(p) = lex.place(country, place) {
            return Some(dyad_store::export::ActionGeo {
                kind: 4,
                full_name: format!("{}, {}", p.name, country_name(country)),
                country_code: p.fips.clone(),
                adm1: p.adm1.clone(),
                lat_lon: p.lat_lon,
                feature_id: p.geonames_id.to_string(),
            });
        }
    }
    let host = e.to.first().filter(|_| e.kind == "VISIT")?;
    let p = lex.country_place(host)?;
    Some(dyad_store::export::ActionGeo {
        kind: 1,
        full_name: country_name(host),
        country_code: p.fips.clone(),
        adm1: p.fips.clone(),
        lat_lon: None,
        feature_id: p.fips.clone(),
    })
}

/// Now as GDELT's DATEADDED (YYYYMMDDHHMMSS, UTC).
fn today_compact() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let day = dyad_recognize::Date::from_days((secs / 86_400) as i64);
    let s = secs % 86_400;
    format!("{:04}{:02}{:02}{:02}{:02}{:02}", day.year(), day.month(), day.day(), s / 3600, s % 3600 / 60, s % 60)
}

/// The bundled sample articles (name, text), embedded at build time.
const SAMPLES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/samples.rs"));

/// `dyad demo`: the bundled samples into a fresh database, then a profile and a partners table.
pub fn demo(lex: &Lexicon, db: &Path) -> io::Result<Outcome> {
    if dyad_store::is_postgres_url(db) {
        return Err(io::Error::other("the demo makes a fresh SQLite file: give --db a file name"));
    }
    // A fresh database: an earlier demo's is replaced; any other file is left alone.
    if db.exists() {
        Store::open_read_only(db).map_err(|e| io::Error::other(format!("{} (choose another file with --db)", e.0)))?;
        for suffix in ["", "-wal", "-shm"] {
            let p = PathBuf::from(format!("{}{suffix}", db.display()));
            if p.exists() {
                std::fs::remove_file(&p)?;
            }
        }
    }
    let dir = std::env::temp_dir().join(format!("dyad-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    for (name, text) in SAMPLES {
        std::fs::write(dir.join(name), text)?;
    }
    let outcome = ingest(lex, None, std::slice::from_ref(&dir), 16 * 1024 * 1024, 1, db, true);
    let _ = std::fs::remove_dir_all(&dir);
    let outcome = outcome?;
    let store = Store::open_read_only(db).map_err(store_err)?;
    // The country the samples are most about, and its first partner.
    let focus = "KAZ";
    let partners = store.partners(focus).map_err(store_err)?;
    let Some(top) = partners.first() else {
        return Ok(outcome);
    };
    println!();
    profile(db, focus, &top.country, 20, Some(50), Format::Table)?;
    println!("## Partners of {focus}");
    partner_table(&partners).write_text(&mut io::stdout().lock())?;
    let shown = db.display();
    println!(
        "\nNext: `dyad events --db {shown} --country {focus} --type VISIT`, `dyad search --db {shown} \"trade\"`, \
         `dyad figures --db {shown} --pair {focus} {} --format csv`, or `dyad ingest YOUR_ARTICLES/ --db {shown}`.",
        top.country
    );
    Ok(outcome)
}

/// `dyad serve`: the HTTP API and pages over the database, ingesting posted articles with this
/// lexicon and the embedded rules.
pub fn serve(lex: &'static Lexicon, config: dyad_server::Config) -> io::Result<Outcome> {
    let extractor = std::sync::Arc::new(pipeline::extractor(lex, None));
    let ingest: dyad_server::Ingest =
        std::sync::Arc::new(move |store: &mut Store, articles: Vec<dyad_server::Article>| {
            let docs: Vec<NewDocument> = articles
                .into_iter()
                .map(|a| {
                    let (text, title, published) = match (a.text, a.html) {
                        (Some(t), _) => (t, a.title, a.published),
                        (None, Some(h)) => {
                            let page = dyad_input::html::extract(&h);
                            (page.text, a.title.or(page.title), a.published.or(page.published))
                        }
                        (None, None) => (String::new(), a.title, a.published),
                    };
                    let source = dyad_input::Source {
                        id: a.id,
                        origin: "api".into(),
                        name: "api".into(),
                        text,
                        published,
                        url: a.url,
                        title,
                    };
                    let url = source.url.clone();
                    let doc = pipeline::document(source, None);
                    let facts = extractor.extract(&doc);
                    let sentences = doc.sentences.iter().map(|s| (s.start, s.end)).collect();
                    NewDocument::new(&doc.id, &doc.text, Some("api".into()), url, None, sentences, facts)
                })
                .collect();
            store.ingest(&docs).map_err(|e| e.0)
        });
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(dyad_server::serve(config, Some(ingest)))?;
    Ok(Outcome { failed: 0 })
}
