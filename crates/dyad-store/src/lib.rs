//! The knowledge base: documents, their sentences and facts in one SQLite file, and the
//! claims that merge the facts of many articles (each with every source).
//!
//! - [`Store::open`] creates or migrates a database; a file that is not dyad's, or of a newer
//!   schema, is refused before anything is written.
//! - [`Store::ingest`] stores a batch of extracted documents in one transaction: a document seen
//!   before with the same text is left alone, one whose text changed has its sentences and facts
//!   replaced. A run killed at any point leaves the last committed batch and nothing of the next.
//! - Queries ([`Store::figures`], [`Store::events`], [`Store::profile`], [`Store::partners`],
//!   [`Store::search`]) return claims: facts that agree by the scorer's match rules, merged
//!   ([`merge`]).
//!
//! ```
//! use dyad_store::{Store, NewDocument};
//! let mut store = Store::open_in_memory().unwrap();
//! let doc = NewDocument::new("d1", "Text.", None, None, None, vec![(0, 5)], vec![]);
//! let summary = store.ingest(&[doc.clone()]).unwrap();
//! assert_eq!((summary.new, summary.unchanged), (1, 0));
//! assert_eq!(store.ingest(&[doc]).unwrap().unchanged, 1);
//! ```
#![warn(missing_docs)]

pub mod export;
pub mod filters;
pub mod load;
pub mod merge;
mod query;
mod schema;

use std::path::Path;

use dyad_facts::Fact;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};

pub use query::{
    DocumentRow, EventQuery, FigureQuery, MostReported, Partner, PersonProfile, PersonRole, Profile, SearchHit,
    EVENT_COUNT_CAP,
};

/// What went wrong, in words a user can act on.
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError(describe(&e))
    }
}

/// SQLite's error, with the reasons a user can fix named plainly.
fn describe(e: &rusqlite::Error) -> String {
    use rusqlite::ffi::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => "the disk is full (nothing of this batch was stored)".into(),
        Some(ErrorCode::ReadOnly) => "the database is read-only (nothing was stored)".into(),
        Some(ErrorCode::NotADatabase) => "not a SQLite database".into(),
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
            "the database is in use by another dyad process".into()
        }
        Some(ErrorCode::CannotOpen) => "cannot open the database file".into(),
        _ => e.to_string(),
    }
}

/// A document to store: what the pipeline made of one article.
#[derive(Debug, Clone)]
pub struct NewDocument {
    /// The id facts carry in `doc`.
    pub doc: String,
    /// Where it came from (a path, `path:line`, `-`).
    pub source: Option<String>,
    /// Its URL, when known.
    pub url: Option<String>,
    /// Its title, when known.
    pub title: Option<String>,
    /// Its publication date (ISO), when known.
    pub published: Option<String>,
    /// The text all offsets point into.
    pub text: String,
    /// Sentence spans (byte offsets into `text`).
    pub sentences: Vec<(usize, usize)>,
    /// Its facts, as `dyad extract` writes them (the document fact may be among them).
    pub facts: Vec<Fact>,
    /// A digest of what the facts were extracted from (the input and the extractor), when the
    /// caller keeps one: a later ingest of the same input by the same extractor can then skip
    /// extracting it ([`Store::input_digest`]).
    pub input_digest: Option<String>,
}

impl NewDocument {
    /// A document with its text, sentences and facts; title and date come from its document
    /// fact when it has one.
    pub fn new(
        doc: &str,
        text: &str,
        source: Option<String>,
        url: Option<String>,
        published: Option<String>,
        sentences: Vec<(usize, usize)>,
        facts: Vec<Fact>,
    ) -> NewDocument {
        let fact = facts.iter().find_map(|f| match f {
            Fact::Document(d) => Some(d),
            _ => None,
        });
        NewDocument {
            doc: doc.to_string(),
            source,
            url: url.or_else(|| fact.and_then(|d| d.url.clone())),
            title: fact.and_then(|d| d.title.clone()),
            published: published.or_else(|| fact.and_then(|d| d.published.clone())),
            text: text.to_string(),
            sentences,
            facts,
            input_digest: None,
        }
    }

    /// A digest of what is stored for this document: its text, metadata and facts. The same
    /// digest means there is nothing to update.
    fn digest(&self) -> String {
        let mut h = Fnv::default();
        for part in [Some(self.text.as_str()), self.url.as_deref(), self.title.as_deref(), self.published.as_deref()] {
            h.write(part.unwrap_or("\u{0}").as_bytes());
            h.write(&[0xff]);
        }
        for f in &self.facts {
            h.write(f.to_json().as_bytes());
        }
        format!("{:016x}{:08x}", h.0, self.text.len())
    }
}

/// 64-bit FNV-1a: enough to tell whether one document's stored form changed.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// What one ingest call did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct IngestSummary {
    /// Documents stored for the first time.
    pub new: usize,
    /// Documents already stored as they are.
    pub unchanged: usize,
    /// Documents whose text or facts changed: the old sentences and facts were replaced.
    pub updated: usize,
}

impl std::ops::AddAssign for IngestSummary {
    fn add_assign(&mut self, o: IngestSummary) {
        self.new += o.new;
        self.unchanged += o.unchanged;
        self.updated += o.updated;
    }
}

/// A read-only connection to an existing database. On a read-only file system (a DVD, a
/// read-only mount, a container layer) SQLite cannot make the shared-memory file a WAL database
/// is read through, so the file is opened as immutable: nothing can change it there.
pub fn read_only_connection(path: &Path) -> Result<Connection, StoreError> {
    if !path.exists() {
        return Err(StoreError("no such database (run `dyad ingest` or `dyad demo` first)".into()));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    // The first read is where a missing shared-memory file shows.
    match conn.query_row("PRAGMA schema_version", [], |r| r.get::<_, i64>(0)) {
        Ok(_) => Ok(conn),
        Err(e) if on_read_only_media(path) => {
            drop(conn);
            let uri = format!("file:{}?immutable=1", uri_path(path));
            Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI).map_err(|_| e.into())
        }
        Err(e) => Err(e.into()),
    }
}

/// Whether `path` is on a file system mounted read-only.
fn on_read_only_media(path: &Path) -> bool {
    std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .is_err_and(|e| e.kind() == std::io::ErrorKind::ReadOnlyFilesystem)
}

/// A path as the path of a `file:` URI (RFC 3986: '%', '?' and '#' escaped).
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A dyad knowledge base.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens the database at `path`, creating it or bringing its schema up to date. A file that
    /// is not a dyad database, or one of a newer schema, is refused and left as it was.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let named = |e: StoreError| {
            if on_read_only_media(path) {
                return StoreError(format!(
                    "{}: the database is on a read-only file system: queries and `dyad serve` can read it, \
                     storing needs a writable copy",
                    path.display()
                ));
            }
            StoreError(format!("{}: {}", path.display(), e.0))
        };
        let conn = Connection::open(path).map_err(|e| named(e.into()))?;
        Store::prepare(conn, true).map_err(named)
    }

    /// Opens an existing database for queries only: it is never written to.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let named = |e: StoreError| StoreError(format!("{}: {}", path.display(), e.0));
        let conn = read_only_connection(path).map_err(named)?;
        Store::prepare(conn, false).map_err(named)
    }

    /// A handle that stops this connection's running query from another thread (the query then
    /// fails with "interrupted"): a server calls it when the client that asked has gone.
    pub fn interrupt_handle(&self) -> rusqlite::InterruptHandle {
        self.conn.get_interrupt_handle()
    }

    /// The SQLite connection, for SQL this API does not offer (the tables are in `schema.rs`).
    /// Read through it only: a write behind the store's back can break the invariants ingest
    /// keeps (one claim per merged fact, the search index in step with the texts).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// A database in memory (tests, examples).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::prepare(Connection::open_in_memory()?, true)
    }

    fn prepare(conn: Connection, writable: bool) -> Result<Store, StoreError> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        schema::check(&conn)?;
        if writable {
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            schema::migrate(&conn)?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // 32 MB of page cache: a busy pair's facts are spread over the file.
        conn.pragma_update(None, "cache_size", -32768)?;
        Ok(Store { conn })
    }

    /// Sets the connection's page cache (32 MB unless set): a large ingest keeps a
    /// transaction's changed pages in memory until it commits.
    pub fn set_cache_mb(&self, mb: usize) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "cache_size", -((mb * 1024) as i64))?;
        Ok(())
    }

    /// A stored document's input digest (see [`NewDocument::input_digest`]): what an ingest
    /// compares before extracting. One lookup of the document's key, so that the cost of an
    /// ingest follows its articles, not the size of the base (a map of every stored digest
    /// read first was 100 MB and seconds at a million articles).
    pub fn input_digest(&self, doc: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT input_digest FROM documents WHERE doc = ?1")?
            .query_row([doc], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// Stores a batch of documents in one transaction (see the crate documentation).
    pub fn ingest(&mut self, docs: &[NewDocument]) -> Result<IngestSummary, StoreError> {
        let tx = self.conn.transaction()?;
        let mut summary = IngestSummary::default();
        let mut keys = KeyRows::default();
        for d in docs {
            let digest = d.digest();
            let old: Option<(i64, String)> = tx
                .query_row("SELECT id, digest FROM documents WHERE doc = ?1", [&d.doc], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match old {
                Some((id, h)) if h == digest => {
                    // Nothing to store again; the input's digest is kept for the next time.
                    if d.input_digest.is_some() {
                        tx.prepare_cached("UPDATE documents SET input_digest = ?2 WHERE id = ?1")?
                            .execute(params![id, d.input_digest])?;
                    }
                    summary.unchanged += 1;
                    continue;
                }
                Some((id, _)) => {
                    // (The batch's keys first: this document may be one of them.)
                    keys.write(&tx)?;
                    delete_pairs(&tx, id)?;
                    tx.execute(
                        "DELETE FROM sentence_index WHERE rowid BETWEEN ?1 AND ?2",
                        [id << SENTENCE_BITS, (id << SENTENCE_BITS) + MAX_SENTENCES - 1],
                    )?;
                    tx.execute("DELETE FROM documents WHERE id = ?1", [id])?;
                    summary.updated += 1;
                }
                None => summary.new += 1,
            }
            insert_document(&tx, d, &digest, &mut keys)?;
        }
        keys.write(&tx)?;
        tx.commit()?;
        Ok(summary)
    }

    /// The number of documents stored.
    pub fn document_count(&self) -> Result<usize, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))? as usize)
    }

    /// SQLite's own consistency check, then dyad's: every country pair is stored both ways round
    /// and belongs to a stored fact ("ok" when the file is sound).
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        let sqlite: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if sqlite != "ok" {
            return Ok(sqlite);
        }
        // Every pair is stored both ways round, and only for facts that exist.
        let one_way: i64 = self.conn.query_row(
            "SELECT count(*) FROM fact_pairs p WHERE NOT EXISTS (SELECT 1 FROM fact_pairs q
             WHERE q.a = p.b AND q.b = p.a AND q.kind = p.kind AND q.date = p.date AND q.fact_id = p.fact_id)",
            [],
            |r| r.get(0),
        )?;
        let orphans: i64 = self.conn.query_row(
            "SELECT count(*) FROM fact_pairs p WHERE NOT EXISTS (SELECT 1 FROM facts f WHERE f.id = p.fact_id)",
            [],
            |r| r.get(0),
        )?;
        // The partners' counts kept by ingest are those of the facts.
        let stale: i64 = self.conn.query_row(
            &format!(
                "SELECT count(*) FROM ({}) r FULL OUTER JOIN pair_stats s ON s.a = r.a AND s.b = r.b
                 WHERE r.a IS NULL OR s.a IS NULL OR r.events <> s.events OR r.figures <> s.figures
                    OR r.documents <> s.documents",
                schema::PAIR_STATS_FROM_FACTS
            ),
            [],
            |r| r.get(0),
        )?;
        // Every event names its people in event_persons, and no one else.
        let unnamed: i64 = self.conn.query_row(
            "SELECT count(*) FROM (SELECT p.value AS person, coalesce(f.date, '') AS date, f.id AS fact_id
                FROM facts f, json_each(f.body, '$.persons') p WHERE f.kind = 'event') r
             FULL OUTER JOIN event_persons e ON e.person = r.person AND e.date = r.date AND e.fact_id = r.fact_id
             WHERE r.person IS NULL OR e.person IS NULL",
            [],
            |r| r.get(0),
        )?;
        let stale_roles: i64 = self.conn.query_row(
            &format!(
                "SELECT count(*) FROM ({}) r FULL OUTER JOIN person_roles p
                   ON p.person = r.person AND p.role = r.role AND p.of = r.of
                 WHERE r.person IS NULL OR p.person IS NULL OR r.reports <> p.reports
                    OR r.first IS NOT p.first OR r.last IS NOT p.last",
                schema::PERSON_ROLES_FROM_FACTS
            ),
            [],
            |r| r.get(0),
        )?;
        let stale_years: i64 = self.conn.query_row(
            &format!(
                "SELECT count(*) FROM ({}) r FULL OUTER JOIN event_years s
                   ON s.a = r.a AND s.b = r.b AND s.year = r.year AND s.type = r.type
                 WHERE r.a IS NULL OR s.a IS NULL OR r.reports <> s.reports",
                schema::EVENT_YEARS_FROM_FACTS
            ),
            [],
            |r| r.get(0),
        )?;
        Ok(match (one_way, orphans, stale, stale_years + unnamed + stale_roles) {
            (0, 0, 0, 0) => "ok".into(),
            _ => format!(
                "{one_way} country pairs stored one way round only, {orphans} of facts that are gone, \
                 {stale} partner counts and {stale_years} yearly event counts that differ from the facts, \
                 {unnamed} people of events not indexed as they are, {stale_roles} people's roles that differ"
            ),
        })
    }
}

/// Deletes the country pairs of a document's facts, by their keys.
fn delete_pairs(tx: &rusqlite::Transaction<'_>, document_id: i64) -> Result<(), StoreError> {
    let mut facts = tx.prepare_cached(
        "SELECT id, kind, type, date, value, unit, ev_start, ev_end, body FROM facts WHERE document_id = ?1",
    )?;
    let mut delete = tx.prepare_cached(
        "DELETE FROM fact_pairs WHERE a = ?1 AND b = ?2 AND kind = ?3 AND date = ?4 AND fact_id = ?5",
    )?;
    let mut unname = tx.prepare_cached("DELETE FROM event_persons WHERE person = ?1 AND date = ?2 AND fact_id = ?3")?;
    let mut unrole =
        tx.prepare_cached("UPDATE person_roles SET reports = reports - 1 WHERE person = ?1 AND role = ?2 AND of = ?3")?;
    // The first and last dates again, from the role's reports in the other documents.
    let mut refirst = tx.prepare_cached(
        "UPDATE person_roles SET (first, last) = (SELECT min(d.published), max(d.published)
             FROM facts f JOIN documents d ON d.id = f.document_id
             WHERE f.kind = 'role' AND json_extract(f.body, '$.person') = ?1 AND f.type = ?2
               AND json_extract(f.body, '$.of') = ?3 AND f.document_id <> ?4)
         WHERE person = ?1 AND role = ?2 AND of = ?3",
    )?;
    let mut counts = PairCounts::default();
    let mut rows = facts.query([document_id])?;
    while let Some(r) = rows.next()? {
        let (id, kind, kind_type, body): (i64, String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(8)?);
        let (date, unit): (Option<String>, Option<String>) = (r.get(3)?, r.get(5)?);
        let stored = schema::StoredFact {
            kind: &kind,
            kind_type: &kind_type,
            date: date.as_deref(),
            value: r.get(4)?,
            unit: unit.as_deref(),
            ev: (r.get::<_, i64>(6)? as usize, r.get::<_, i64>(7)? as usize),
            body: &body,
        };
        let fact = stored.to_fact("", "");
        let Some(row) = fact.as_ref().and_then(schema::FactRow::of) else { continue };
        for (a, b) in row.pairs() {
            delete.execute(params![a, b, row.kind, row.date.as_deref().unwrap_or(""), id])?;
        }
        for person in row.persons() {
            unname.execute(params![person, row.date.as_deref().unwrap_or(""), id])?;
        }
        if let Some(Fact::Role(r)) = &fact {
            unrole.execute(params![r.person, r.role, r.of])?;
            refirst.execute(params![r.person, r.role, r.of, document_id])?;
        }
        counts.add_fact(&row);
    }
    tx.execute("DELETE FROM person_roles WHERE reports <= 0 AND person IN (SELECT json_extract(body, '$.person') FROM facts WHERE document_id = ?1 AND kind = 'role')", [document_id])?;
    counts.apply(tx, -1)
}

/// A document's event and figure facts per ordered pair of different countries, and its
/// dated events per pair, year and type: what it adds to `pair_stats` and `event_years` (or
/// takes away when it is replaced).
#[derive(Default)]
struct PairCounts {
    pairs: std::collections::HashMap<(String, String), (i64, i64)>,
    years: std::collections::HashMap<(String, String, String, String), i64>,
}

impl PairCounts {
    /// A fact's counts: per pair of its countries, and (for a dated event) per country and
    /// year once, with the partner "*", whatever the number of its other countries.
    fn add_fact(&mut self, row: &schema::FactRow) {
        let year = (row.kind == "event").then(|| row.date.as_deref().and_then(|d| d.get(..4))).flatten();
        for (a, b) in row.pairs() {
            self.add(a, b, row.kind, year.filter(|_| a != b).map(|y| (y, row.kind_type.as_str())));
        }
        if let Some(y) = year {
            for c in &row.countries {
                *self.years.entry((c.clone(), "*".into(), y.into(), row.kind_type.clone())).or_default() += 1;
            }
        }
    }

    fn add(&mut self, a: &str, b: &str, kind: &str, year: Option<(&str, &str)>) {
        if a == b || !matches!(kind, "event" | "figure") {
            return;
        }
        if let Some((y, t)) = year {
            *self.years.entry((a.into(), b.into(), y.into(), t.into())).or_default() += 1;
        }
        let e = self.pairs.entry((a.to_string(), b.to_string())).or_default();
        if kind == "event" {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
    }

    /// Adds (`sign` 1) or takes away (-1) the counts, the document counting once per pair.
    fn apply(self, tx: &rusqlite::Transaction<'_>, sign: i64) -> Result<(), StoreError> {
        let mut upsert = tx.prepare_cached(
            "INSERT INTO pair_stats (a, b, events, figures, documents) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (a, b) DO UPDATE SET events = events + ?3, figures = figures + ?4, documents = documents + ?5",
        )?;
        let mut empty = tx.prepare_cached("DELETE FROM pair_stats WHERE a = ?1 AND b = ?2 AND documents <= 0")?;
        for ((a, b), (events, figures)) in self.pairs {
            upsert.execute(params![a, b, sign * events, sign * figures, sign])?;
            if sign < 0 {
                empty.execute(params![a, b])?;
            }
        }
        let mut year = tx.prepare_cached(
            "INSERT INTO event_years (a, b, year, type, reports) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (a, b, year, type) DO UPDATE SET reports = reports + ?5",
        )?;
        let mut none = tx.prepare_cached(
            "DELETE FROM event_years WHERE a = ?1 AND b = ?2 AND year = ?3 AND type = ?4 AND reports <= 0",
        )?;
        for ((a, b, y, t), n) in self.years {
            year.execute(params![a, b, y, t, sign * n])?;
            if sign < 0 {
                none.execute(params![a, b, y, t])?;
            }
        }
        Ok(())
    }
}

/// Sentence numbers take the low bits of a sentence's row id in the search index.
pub(crate) const SENTENCE_BITS: i64 = 16;
/// Sentences of one document that are indexed for search (the rest are stored, not indexed).
pub(crate) const MAX_SENTENCES: i64 = 1 << SENTENCE_BITS;

/// Sentence spans as stored: little-endian u32 pairs.
pub(crate) fn encode_spans(spans: &[(usize, usize)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(spans.len() * 8);
    for &(s, e) in spans {
        out.extend_from_slice(&(s as u32).to_le_bytes());
        out.extend_from_slice(&(e as u32).to_le_bytes());
    }
    out
}

/// The spans of [`encode_spans`].
pub(crate) fn decode_spans(blob: &[u8]) -> Vec<(usize, usize)> {
    blob.chunks_exact(8)
        .map(|c| {
            let n = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
            (n(&c[..4]), n(&c[4..]))
        })
        .collect()
}

/// The rows of a batch's facts in the key-only tables (`fact_pairs`, `event_persons`), written in
/// key order at the end of the batch. In a large base each key lands on a page of its own;
/// written in document order, a page was changed, pushed out of the cache and read again many
/// times a batch; in key order each page is visited once (issue 16: ingest at 100k articles
/// against 10k).
#[derive(Default)]
struct KeyRows {
    pairs: Vec<(String, String, &'static str, String, i64)>,
    persons: Vec<(String, String, i64)>,
}

impl KeyRows {
    fn write(&mut self, tx: &rusqlite::Transaction<'_>) -> Result<(), StoreError> {
        self.pairs.sort_unstable();
        self.persons.sort_unstable();
        let mut pair = tx.prepare_cached(
            "INSERT OR IGNORE INTO fact_pairs (a, b, kind, date, fact_id) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (a, b, kind, date, id) in self.pairs.drain(..) {
            pair.execute(params![a, b, kind, date, id])?;
        }
        let mut name =
            tx.prepare_cached("INSERT OR IGNORE INTO event_persons (person, date, fact_id) VALUES (?1, ?2, ?3)")?;
        for (person, date, id) in self.persons.drain(..) {
            name.execute(params![person, date, id])?;
        }
        Ok(())
    }
}

fn insert_document(
    tx: &rusqlite::Transaction<'_>,
    d: &NewDocument,
    digest: &str,
    keys: &mut KeyRows,
) -> Result<(), StoreError> {
    if d.text.len() > u32::MAX as usize {
        return Err(StoreError(format!("{}: larger than 4 GB", d.doc)));
    }
    let spans: Vec<(usize, usize)> =
        d.sentences.iter().copied().filter(|&(s, e)| s <= e && d.text.get(s..e).is_some()).collect();
    tx.prepare_cached(
        "INSERT INTO documents (doc, source, url, title, published, digest, input_digest)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![d.doc, d.source, d.url, d.title, d.published, digest, d.input_digest])?;
    let id = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO texts (id, text, sentences) VALUES (?1, ?2, ?3)")?.execute(params![
        id,
        d.text,
        encode_spans(&spans)
    ])?;
    {
        let mut index = tx.prepare_cached("INSERT INTO sentence_index (rowid, text) VALUES (?1, ?2)")?;
        for (n, &(s, e)) in spans.iter().enumerate().take(MAX_SENTENCES as usize) {
            index.execute(params![(id << SENTENCE_BITS) + n as i64, &d.text[s..e]])?;
        }
    }
    let mut fact = tx.prepare_cached(
        "INSERT INTO facts (document_id, kind, type, date, value, unit, ev_start, ev_end, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut role = tx.prepare_cached(
        "INSERT INTO person_roles (person, role, of, reports, first, last) VALUES (?1, ?2, ?3, 1, ?4, ?4)
         ON CONFLICT (person, role, of) DO UPDATE SET reports = reports + 1,
             first = CASE WHEN excluded.first IS NOT NULL AND (first IS NULL OR excluded.first < first)
                          THEN excluded.first ELSE first END,
             last = CASE WHEN excluded.last IS NOT NULL AND (last IS NULL OR excluded.last > last)
                         THEN excluded.last ELSE last END",
    )?;
    let mut counts = PairCounts::default();
    for f in &d.facts {
        let Some(row) = schema::FactRow::of(f) else { continue };
        fact.execute(params![
            id,
            row.kind,
            row.kind_type,
            row.date,
            row.value,
            row.unit,
            row.ev.0 as i64,
            row.ev.1 as i64,
            row.body
        ])?;
        let fact_id = tx.last_insert_rowid();
        let date = row.date.as_deref().unwrap_or("");
        for (a, b) in row.pairs() {
            keys.pairs.push((a.to_string(), b.to_string(), row.kind, date.to_string(), fact_id));
        }
        for person in row.persons() {
            keys.persons.push((person.to_string(), date.to_string(), fact_id));
        }
        if let Fact::Role(r) = f {
            role.execute(params![r.person, r.role, r.of, d.published])?;
        }
        counts.add_fact(&row);
    }
    counts.apply(tx, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(n: usize) -> Vec<NewDocument> {
        (0..n)
            .map(|i| {
                let text = format!("Document {i}. {}", "Kazakhstan and Japan held talks in Astana. ".repeat(40));
                NewDocument::new(&format!("d{i}"), &text, None, None, None, vec![(0, text.len())], vec![])
            })
            .collect()
    }

    #[test]
    fn a_full_disk_stores_nothing_of_the_batch_and_says_so() {
        let path = std::env::temp_dir().join(format!("dyad-full-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let mut store = Store::open(&path).unwrap();
        store.ingest(&docs(2)).unwrap();
        // The file may not grow past what it has: as a full disk does to a write.
        let pages: i64 = store.conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
        store.conn.pragma_update(None, "max_page_count", pages + 2).unwrap();
        let err = store.ingest(&docs(200)).unwrap_err();
        assert!(err.0.contains("the disk is full"), "{err}");
        assert_eq!(store.document_count().unwrap(), 2);
        assert_eq!(store.integrity_check().unwrap(), "ok");
        drop(store);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }

    #[test]
    fn a_read_only_database_is_refused_for_writing() {
        let path = std::env::temp_dir().join(format!("dyad-ro-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        Store::open(&path).unwrap().ingest(&docs(1)).unwrap();
        let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let mut store = Store { conn };
        let err = store.ingest(&docs(3)).unwrap_err();
        assert!(err.0.contains("read-only"), "{err}");
        assert_eq!(store.document_count().unwrap(), 1);
        drop(store);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
}
