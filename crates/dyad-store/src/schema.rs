//! The schema, its version and migrations, and how a fact becomes a row.
//!
//! A dyad database carries `PRAGMA application_id` = [`APPLICATION_ID`] and its schema version
//! in `PRAGMA user_version`. Migrations run in order, each in its own transaction, so a database
//! is always at one version or the next.

use dyad_facts::Fact;
use rusqlite::Connection;

use crate::StoreError;

/// "dyad" in ASCII: what marks a SQLite file as a dyad database.
pub(crate) const APPLICATION_ID: i64 = 0x6479_6164;

/// Each step brings the schema from its index to the next version (step 0 makes version 1).
const MIGRATIONS: &[&str] = &[r#"
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    doc TEXT NOT NULL UNIQUE,
    source TEXT,
    url TEXT,
    title TEXT,
    published TEXT,
    digest TEXT NOT NULL,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX sentences_by_document ON sentences(document_id, start);
-- Sentence text is not stored twice: the index keeps only its terms, the text is cut from
-- documents.text.
CREATE VIRTUAL TABLE sentence_index USING fts5(text, content='', contentless_delete=1);
CREATE TABLE facts (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    type TEXT,
    date TEXT,
    value REAL,
    unit TEXT,
    ev_start INTEGER NOT NULL,
    ev_end INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX facts_by_document ON facts(document_id);
CREATE INDEX facts_by_kind ON facts(kind, type, date);
CREATE TABLE fact_countries (
    country TEXT NOT NULL,
    fact_id INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (country, fact_id)
) WITHOUT ROWID;
CREATE INDEX fact_countries_by_fact ON fact_countries(fact_id);
"#];

/// The schema version this build writes.
pub(crate) const VERSION: i64 = MIGRATIONS.len() as i64;

/// Refuses a file that is not a dyad database, or of a newer schema, before anything is written.
pub(crate) fn check(conn: &Connection) -> Result<(), StoreError> {
    let id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    if id == 0 && tables == 0 {
        return Ok(());
    }
    if id != APPLICATION_ID {
        return Err(StoreError("not a dyad database (another program's SQLite file); left as it was".into()));
    }
    if version > VERSION {
        return Err(StoreError(format!(
            "made by a newer dyad (schema {version}; this one knows up to {VERSION}); left as it was"
        )));
    }
    Ok(())
}

/// Brings the schema to [`VERSION`].
pub(crate) fn migrate(conn: &Connection) -> Result<(), StoreError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (step, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let to = step as i64 + 1;
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; {sql}; PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {to}; COMMIT;"
        ))
        .inspect_err(|_| {
            let _ = conn.execute_batch("ROLLBACK");
        })?;
    }
    Ok(())
}

/// A fact as stored: lookup columns, the countries it involves, and its JSON body (without the
/// document id and the evidence text, which come back from the document row).
pub(crate) struct FactRow {
    pub kind: &'static str,
    pub kind_type: String,
    pub date: Option<String>,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub ev: (usize, usize),
    pub countries: Vec<(String, &'static str)>,
    pub body: String,
}

impl FactRow {
    /// None for the document fact: the documents row holds it.
    pub fn of(fact: &Fact) -> Option<FactRow> {
        let mut body = serde_json::to_value(fact).expect("facts serialize");
        let obj = body.as_object_mut().expect("a fact is an object");
        obj.remove("doc");
        if let Some(ev) = obj.get_mut("evidence").and_then(|e| e.as_object_mut()) {
            ev.remove("text");
        }
        let body = body.to_string();
        Some(match fact {
            Fact::Document(_) => return None,
            Fact::Role(r) => FactRow {
                kind: "role",
                kind_type: r.role.clone(),
                date: None,
                value: None,
                unit: None,
                ev: (r.evidence.start, r.evidence.end),
                countries: vec![(r.of.clone(), "of")],
                body,
            },
            Fact::Event(e) => FactRow {
                kind: "event",
                kind_type: e.kind.clone(),
                date: e.date.clone(),
                value: None,
                unit: None,
                ev: (e.evidence.start, e.evidence.end),
                countries: e
                    .from
                    .iter()
                    .map(|c| (c.clone(), "from"))
                    .chain(e.to.iter().map(|c| (c.clone(), "to")))
                    .collect(),
                body,
            },
            Fact::Figure(f) => FactRow {
                kind: "figure",
                kind_type: f.metric.clone(),
                date: f.period.clone(),
                value: Some(f.value),
                unit: Some(f.unit.clone()),
                ev: (f.evidence.start, f.evidence.end),
                countries: vec![(f.from.clone(), "from"), (f.to.clone(), "to")],
                body,
            },
        })
    }
}

/// The fact back from its row, with its document id and evidence text restored.
pub(crate) fn fact_from_row(body: &str, doc: &str, evidence_text: &str) -> Option<Fact> {
    let mut v: serde_json::Value = serde_json::from_str(body).ok()?;
    let obj = v.as_object_mut()?;
    obj.insert("doc".into(), doc.into());
    if let Some(ev) = obj.get_mut("evidence").and_then(|e| e.as_object_mut()) {
        ev.insert("text".into(), evidence_text.into());
    }
    serde_json::from_value(v).ok()
}
