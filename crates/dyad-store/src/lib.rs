//! The knowledge base: documents, their sentences and facts in one SQLite file (or a shared
//! PostgreSQL database, `db.rs`, `--db postgres://...`), and the
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

mod counts;
mod db;
pub mod export;
pub mod filters;
pub mod load;
pub mod merge;
mod query;
mod schema;

use std::path::Path;

use counts::Counts;
pub use db::on_blocking_thread;
use db::{args, Db};
use dyad_facts::Fact;
use rusqlite::{Connection, OpenFlags};

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
    db: Db,
}

/// Whether `--db` names a PostgreSQL database (`postgres://` or `postgresql://`) rather than a
/// SQLite file.
pub fn is_postgres_url(db: &Path) -> bool {
    db.to_str().is_some_and(|s| s.starts_with("postgres://") || s.starts_with("postgresql://"))
}

/// A database's name for messages: a file's path, or a PostgreSQL URL without its password.
pub fn display_name(db: &Path) -> String {
    let s = db.to_string_lossy();
    match (is_postgres_url(db), s.split_once("://")) {
        (true, Some((scheme, rest))) => match rest.split_once('@') {
            Some((user, host)) => format!("{scheme}://{}@{host}", user.split(':').next().unwrap_or("")),
            None => s.into_owned(),
        },
        _ => db.display().to_string(),
    }
}

/// Stops the query a [`Store`] is running, from another thread ([`Store::interrupt_handle`]).
pub enum Interrupt {
    /// A SQLite connection's.
    Sqlite(rusqlite::InterruptHandle),
    /// A PostgreSQL connection's: a cancel request sent to the server.
    Postgres(postgres::CancelToken),
}

impl Interrupt {
    /// Stops the running query (it then fails); nothing happens when none runs.
    pub fn interrupt(&self) {
        match self {
            Interrupt::Sqlite(h) => h.interrupt(),
            Interrupt::Postgres(t) => {
                let _ = db::blocking(|| t.cancel_query(postgres::NoTls));
            }
        }
    }
}

impl Store {
    /// Opens the database at `path`, creating it or bringing its schema up to date. A file that
    /// is not a dyad database, or one of a newer schema, is refused and left as it was.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if is_postgres_url(path) {
            return Store::open_postgres(path, true);
        }
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
        if is_postgres_url(path) {
            return Store::open_postgres(path, false);
        }
        let named = |e: StoreError| StoreError(format!("{}: {}", path.display(), e.0));
        let conn = read_only_connection(path).map_err(named)?;
        Store::prepare(conn, false).map_err(named)
    }

    /// A handle that stops this connection's running query from another thread (the query then
    /// fails with "interrupted"): a server calls it when the client that asked has gone.
    pub fn interrupt_handle(&self) -> Interrupt {
        match &self.db {
            Db::Sqlite(c) => Interrupt::Sqlite(c.get_interrupt_handle()),
            Db::Postgres(p) => Interrupt::Postgres(p.borrow().cancel_token()),
        }
    }

    /// The SQLite connection (None on PostgreSQL), for SQL this API does not offer (the tables
    /// are in `schema/`). Read through it only: a write behind the store's back can break the
    /// invariants ingest keeps (one claim per merged fact, the search index in step with the
    /// texts).
    pub fn connection(&self) -> Option<&Connection> {
        match &self.db {
            Db::Sqlite(c) => Some(c),
            Db::Postgres(_) => None,
        }
    }

    /// Whether the store is a PostgreSQL database.
    pub fn is_postgres(&self) -> bool {
        self.db.is_postgres()
    }

    /// Runs SQL statements without parameters on either engine: for tests that break a base on
    /// purpose, and repairs. The same warning as [`Store::connection`]'s holds.
    pub fn execute_batch(&self, sql: &str) -> Result<(), StoreError> {
        self.db.batch(sql)
    }

    /// Connects to the PostgreSQL database at `url`, creating dyad's tables in it or bringing
    /// them up to date when `writable` (a database with other tables is refused).
    fn open_postgres(url: &Path, writable: bool) -> Result<Store, StoreError> {
        let named = |e: StoreError| StoreError(format!("{}: {}", display_name(url), e.0));
        let client = db::blocking(|| postgres::Client::connect(&url.to_string_lossy(), postgres::NoTls))
            .map_err(|e| named(StoreError(db::describe_pg(&e))))?;
        let db = Db::Postgres(Box::new(std::cell::RefCell::new(db::Pg::new(client))));
        schema::postgres::prepare(&db, writable).map_err(named)?;
        Ok(Store { db })
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
        Ok(Store { db: Db::Sqlite(conn) })
    }

    /// Sets the connection's page cache (32 MB unless set): a large ingest keeps a
    /// transaction's changed pages in memory until it commits.
    pub fn set_cache_mb(&self, mb: usize) -> Result<(), StoreError> {
        if let Db::Sqlite(c) = &self.db {
            c.pragma_update(None, "cache_size", -((mb * 1024) as i64))?;
        }
        Ok(())
    }

    /// A stored document's input digest (see [`NewDocument::input_digest`]): what an ingest
    /// compares before extracting. One lookup of the document's key, so that the cost of an
    /// ingest follows its articles, not the size of the base (a map of every stored digest
    /// read first was 100 MB and seconds at a million articles).
    pub fn input_digest(&self, doc: &str) -> Result<Option<String>, StoreError> {
        Ok(self.db.query_opt("SELECT input_digest FROM documents WHERE doc = ?1", args![doc], |r| r.get(0))?.flatten())
    }

    /// Stores a batch of documents in one transaction (see the crate documentation). On
    /// PostgreSQL, where other writers may store the same articles at the same time, a batch
    /// that meets one of theirs (a deadlock, a document they stored first) is done again.
    pub fn ingest(&mut self, docs: &[NewDocument]) -> Result<IngestSummary, StoreError> {
        let mut attempt = 0;
        loop {
            match self.db.transaction(|| ingest_batch(&self.db, docs)) {
                Err(e) if self.db.is_postgres() && db::is_retryable(&e) && attempt < 20 => attempt += 1,
                other => return other,
            }
        }
    }

    /// A number that changes whenever another connection (another process, or another store
    /// of this one) commits a change: SQLite's `PRAGMA data_version`; on PostgreSQL the newest
    /// document's row id (every new or replaced article gets a new one). What a cache of
    /// answers checks before it serves one.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        match &self.db {
            Db::Sqlite(c) => Ok(c.query_row("PRAGMA data_version", [], |r| r.get(0))?),
            Db::Postgres(_) => self.db.query_one("SELECT coalesce(max(id), 0) FROM documents", args![], |r| r.get(0)),
        }
    }

    /// The number of documents stored.
    pub fn document_count(&self) -> Result<usize, StoreError> {
        self.db.query_one("SELECT count(*) FROM documents", args![], |r| r.get(0))
    }

    /// SQLite's own consistency check, then dyad's: every country pair is stored both ways round
    /// and belongs to a stored fact ("ok" when the file is sound).
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        if let Db::Sqlite(c) = &self.db {
            let sqlite: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            if sqlite != "ok" {
                return Ok(sqlite);
            }
        }
        let count = |sql: &str| -> Result<i64, StoreError> { self.db.query_one(sql, args![], |r| r.get(0)) };
        // Every pair is stored both ways round, and only for facts that exist.
        let one_way: i64 = count(
            "SELECT count(*) FROM fact_pairs p WHERE NOT EXISTS (SELECT 1 FROM fact_pairs q
             WHERE q.a = p.b AND q.b = p.a AND q.kind = p.kind AND q.date = p.date AND q.fact_id = p.fact_id)",
        )?;
        let orphans: i64 =
            count("SELECT count(*) FROM fact_pairs p WHERE NOT EXISTS (SELECT 1 FROM facts f WHERE f.id = p.fact_id)")?;
        // The partners' counts kept by ingest are those of the facts.
        let stale: i64 = count(&format!(
            "SELECT count(*) FROM ({}) r FULL OUTER JOIN pair_stats s ON s.a = r.a AND s.b = r.b
                 WHERE r.a IS NULL OR s.a IS NULL OR r.events <> s.events OR r.figures <> s.figures
                    OR r.documents <> s.documents",
            schema::PAIR_STATS_FROM_FACTS
        ))?;
        // Every event names its people in event_persons, and no one else.
        let unnamed = count(
            "SELECT count(*) FROM (SELECT p.value AS person, coalesce(f.date, '') AS date, f.id AS fact_id
                FROM facts f, json_each(f.body, '$.persons') p WHERE f.kind = 'event') r
             FULL OUTER JOIN event_persons e ON e.person = r.person AND e.date = r.date AND e.fact_id = r.fact_id
             WHERE r.person IS NULL OR e.person IS NULL",
        )?;
        let stale_roles: i64 = count(&format!(
            "SELECT count(*) FROM ({}) r FULL OUTER JOIN person_roles p
                   ON p.person = r.person AND p.role = r.role AND p.of = r.of
                 WHERE r.person IS NULL OR p.person IS NULL OR r.reports <> p.reports
                    OR r.first IS DISTINCT FROM p.first OR r.last IS DISTINCT FROM p.last",
            schema::PERSON_ROLES_FROM_FACTS
        ))?;
        let stale_years: i64 = count(&format!(
            "SELECT count(*) FROM ({}) r FULL OUTER JOIN event_years s
                   ON s.a = r.a AND s.b = r.b AND s.year = r.year AND s.type = r.type
                 WHERE r.a IS NULL OR s.a IS NULL OR r.reports <> s.reports",
            schema::EVENT_YEARS_FROM_FACTS
        ))?;
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

/// Stores a batch in the transaction that is open (see [`Store::ingest`]).
fn ingest_batch(db: &Db, docs: &[NewDocument]) -> Result<IngestSummary, StoreError> {
    if db.is_postgres() {
        claim_documents(db, docs)?;
    }
    let mut summary = IngestSummary::default();
    let mut keys = KeyRows::default();
    let mut counts = Counts::default();
    for d in docs {
        let digest = d.digest();
        let old: Option<(i64, String)> =
            db.query_opt("SELECT id, digest FROM documents WHERE doc = ?1", args![&d.doc], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        match old {
            Some((id, h)) if h == digest => {
                // Nothing to store again; the input's digest is kept for the next time.
                if d.input_digest.is_some() {
                    db.execute("UPDATE documents SET input_digest = ?2 WHERE id = ?1", args![id, &d.input_digest])?;
                }
                summary.unchanged += 1;
                continue;
            }
            Some((id, _)) => {
                // (The batch's keys first: this document may be one of them.)
                keys.write(db)?;
                delete_pairs(db, id, &mut counts)?;
                db.execute(
                    "DELETE FROM sentence_index WHERE rowid BETWEEN ?1 AND ?2",
                    args![id << SENTENCE_BITS, (id << SENTENCE_BITS) + MAX_SENTENCES - 1],
                )?;
                db.execute("DELETE FROM documents WHERE id = ?1", args![id])?;
                summary.updated += 1;
            }
            None => summary.new += 1,
        }
        if !insert_document(db, d, &digest, &mut keys, &mut counts)? {
            // Another writer stored it since it was looked up (PostgreSQL: the unique key
            // waited for that writer's transaction).
            summary.new -= 1;
            summary.unchanged += 1;
        }
    }
    keys.write(db)?;
    counts.apply(db)?;
    Ok(summary)
}

/// Takes, in one order, a lock on each of the batch's documents that lasts until the batch
/// commits (PostgreSQL's advisory locks, by a hash of the document's id): a writer that meets
/// another's article waits for that writer's batch to end, then finds the article stored.
/// Without them two writers each inserting what the other already had waited for each other.
fn claim_documents(db: &Db, docs: &[NewDocument]) -> Result<(), StoreError> {
    let mut keys: Vec<i64> = docs
        .iter()
        .map(|d| {
            let mut h = Fnv::default();
            h.write(d.doc.as_bytes());
            h.0 as i64
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    for k in keys {
        db.query_one("SELECT pg_advisory_xact_lock(?1)", args![k], |_| Ok(()))?;
    }
    Ok(())
}

/// Deletes the country pairs of a document's facts, by their keys.
fn delete_pairs(db: &Db, document_id: i64, counts: &mut Counts) -> Result<(), StoreError> {
    type Row = (i64, String, String, Option<String>, Option<f64>, Option<String>, i64, i64, String);
    let facts: Vec<Row> = db.query(
        "SELECT id, kind, type, date, value, unit, ev_start, ev_end, body FROM facts WHERE document_id = ?1",
        args![document_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?)),
    )?;
    let mut gone = Vec::new();
    for (id, kind, kind_type, date, value, unit, ev_start, ev_end, body) in facts {
        let stored = schema::StoredFact {
            kind: &kind,
            kind_type: &kind_type,
            date: date.as_deref(),
            value,
            unit: unit.as_deref(),
            ev: (ev_start as usize, ev_end as usize),
            body: &body,
        };
        let fact = stored.to_fact("", "");
        let Some(row) = fact.as_ref().and_then(schema::FactRow::of) else { continue };
        let date = row.date.as_deref().unwrap_or("");
        for (a, b) in row.pairs() {
            db.execute(
                "DELETE FROM fact_pairs WHERE a = ?1 AND b = ?2 AND kind = ?3 AND date = ?4 AND fact_id = ?5",
                args![a, b, row.kind, date, id],
            )?;
        }
        for person in row.persons() {
            db.execute(
                "DELETE FROM event_persons WHERE person = ?1 AND date = ?2 AND fact_id = ?3",
                args![person, date, id],
            )?;
        }
        gone.extend(fact);
    }
    counts.document(&gone, None, -1);
    Ok(())
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
    fn write(&mut self, db: &Db) -> Result<(), StoreError> {
        self.pairs.sort_unstable();
        self.persons.sort_unstable();
        if db.is_postgres() {
            // One statement each, the rows still in key order.
            if !self.pairs.is_empty() {
                db.execute(
                    "INSERT INTO fact_pairs (a, b, kind, date, fact_id)
                     SELECT r ->> 0, r ->> 1, r ->> 2, r ->> 3, (r ->> 4)::bigint
                     FROM jsonb_array_elements(CAST(?1 AS jsonb)) r ON CONFLICT DO NOTHING",
                    args![serde_json::to_string(&self.pairs).expect("strings and numbers")],
                )?;
            }
            if !self.persons.is_empty() {
                db.execute(
                    "INSERT INTO event_persons (person, date, fact_id)
                     SELECT r ->> 0, r ->> 1, (r ->> 2)::bigint
                     FROM jsonb_array_elements(CAST(?1 AS jsonb)) r ON CONFLICT DO NOTHING",
                    args![serde_json::to_string(&self.persons).expect("strings and numbers")],
                )?;
            }
            self.pairs.clear();
            self.persons.clear();
            return Ok(());
        }
        for (a, b, kind, date, id) in self.pairs.drain(..) {
            db.execute(
                "INSERT OR IGNORE INTO fact_pairs (a, b, kind, date, fact_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                args![a, b, kind, date, id],
            )?;
        }
        for (person, date, id) in self.persons.drain(..) {
            db.execute(
                "INSERT OR IGNORE INTO event_persons (person, date, fact_id) VALUES (?1, ?2, ?3)",
                args![person, date, id],
            )?;
        }
        Ok(())
    }
}

/// Stores one document, its text, sentences and facts; false when another writer stored a
/// document of its id first (then nothing of it is written).
fn insert_document(
    db: &Db,
    d: &NewDocument,
    digest: &str,
    keys: &mut KeyRows,
    counts: &mut Counts,
) -> Result<bool, StoreError> {
    if d.text.len() > u32::MAX as usize {
        return Err(StoreError(format!("{}: larger than 4 GB", d.doc)));
    }
    let spans: Vec<(usize, usize)> =
        d.sentences.iter().copied().filter(|&(s, e)| s <= e && d.text.get(s..e).is_some()).collect();
    let id = db.insert(
        "INSERT INTO documents (doc, source, url, title, published, digest, input_digest)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        args![&d.doc, &d.source, &d.url, &d.title, &d.published, digest, &d.input_digest],
        Some("doc"),
    )?;
    let Some(id) = id else { return Ok(false) };
    db.execute(
        "INSERT INTO texts (id, text, sentences) VALUES (?1, ?2, ?3)",
        args![id, &d.text, encode_spans(&spans)],
    )?;
    let sentences = spans
        .iter()
        .enumerate()
        .take(MAX_SENTENCES as usize)
        .map(|(n, &(s, e))| ((id << SENTENCE_BITS) + n as i64, &d.text[s..e]));
    if db.is_postgres() {
        // All the sentences in one statement (a round trip each was most of an article's time).
        // PostgreSQL's parser keeps "1.9" or "co-operation" whole; SQLite's index cuts them
        // into words, and so does a search: the sentence is handed over cut the same way.
        let rows: Vec<(i64, String)> = sentences.map(|(rowid, text)| (rowid, search_words(text))).collect();
        db.execute(
            "INSERT INTO sentence_index (rowid, terms) SELECT (r ->> 0)::bigint, to_tsvector('simple', r ->> 1)
             FROM jsonb_array_elements(CAST(?1 AS jsonb)) r",
            args![serde_json::to_string(&rows).expect("numbers and strings")],
        )?;
    } else {
        for (rowid, text) in sentences {
            db.execute("INSERT INTO sentence_index (rowid, text) VALUES (?1, ?2)", args![rowid, text])?;
        }
    }
    let rows: Vec<schema::FactRow> = d.facts.iter().filter_map(schema::FactRow::of).collect();
    let ids = insert_facts(db, id, &rows)?;
    for (row, fact_id) in rows.iter().zip(ids) {
        let date = row.date.as_deref().unwrap_or("");
        for (a, b) in row.pairs() {
            keys.pairs.push((a.to_string(), b.to_string(), row.kind, date.to_string(), fact_id));
        }
        for person in row.persons() {
            keys.persons.push((person.to_string(), date.to_string(), fact_id));
        }
    }
    counts.document(&d.facts, d.published.as_deref(), 1);
    Ok(true)
}

/// Stores a document's facts, in order; their ids. On PostgreSQL two statements whatever their
/// number (the ids drawn from the sequence, then every row at once): a round trip per fact
/// was most of an article's time there.
fn insert_facts(db: &Db, document_id: i64, rows: &[schema::FactRow]) -> Result<Vec<i64>, StoreError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    if db.is_postgres() {
        let ids: Vec<i64> =
            db.query("SELECT nextval('facts_id_seq') FROM generate_series(1, ?1)", args![rows.len()], |r| r.get(0))?;
        let json: Vec<serde_json::Value> = rows
            .iter()
            .zip(&ids)
            .map(|(r, id)| {
                serde_json::json!([id, r.kind, r.kind_type, r.date, r.value, r.unit, r.ev.0, r.ev.1, r.body])
            })
            .collect();
        db.execute(
            "INSERT INTO facts (id, document_id, kind, type, date, value, unit, ev_start, ev_end, body)
             SELECT (r ->> 0)::bigint, ?1, r ->> 1, r ->> 2, r ->> 3, (r ->> 4)::float8, r ->> 5,
                 (r ->> 6)::bigint, (r ->> 7)::bigint, r ->> 8
             FROM jsonb_array_elements(CAST(?2 AS jsonb)) r",
            args![document_id, serde_json::Value::Array(json).to_string()],
        )?;
        return Ok(ids);
    }
    rows.iter()
        .map(|row| {
            db.insert(
                "INSERT INTO facts (document_id, kind, type, date, value, unit, ev_start, ev_end, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                args![
                    document_id,
                    row.kind,
                    &row.kind_type,
                    &row.date,
                    row.value,
                    &row.unit,
                    row.ev.0,
                    row.ev.1,
                    &row.body
                ],
                None,
            )?
            .ok_or_else(|| StoreError("a fact was not stored".into()))
        })
        .collect()
}

/// A sentence as the words a search looks for (letters and digits), lower case, one space
/// apart: what PostgreSQL indexes.
pub(crate) fn search_words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").to_lowercase()
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
        let conn = store.connection().unwrap();
        let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
        conn.pragma_update(None, "max_page_count", pages + 2).unwrap();
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
        let mut store = Store { db: Db::Sqlite(conn) };
        let err = store.ingest(&docs(3)).unwrap_err();
        assert!(err.0.contains("read-only"), "{err}");
        assert_eq!(store.document_count().unwrap(), 1);
        drop(store);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
}
