//! The schema, its version and migrations, and how a fact becomes a row.
//!
//! A dyad database carries `PRAGMA application_id` = [`APPLICATION_ID`] and its schema version
//! in `PRAGMA user_version`. Migrations run in order, each in its own transaction, so a database
//! is always at one version or the next.

use dyad_facts::Fact;
use rusqlite::Connection;

use crate::StoreError;

pub(crate) mod postgres;

/// "dyad" in ASCII: what marks a SQLite file as a dyad database.
pub(crate) const APPLICATION_ID: i64 = 0x6479_6164;

/// Each step brings the schema from its index to the next version (step 0 makes version 1).
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    doc TEXT NOT NULL UNIQUE,
    source TEXT,
    url TEXT,
    title TEXT,
    published TEXT,
    digest TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
-- The text apart from the metadata, so that a lookup of a document's name and date reads a
-- small row.
CREATE TABLE texts (
    id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    -- Sentence spans: (start, end) byte offsets as little-endian u32 pairs.
    sentences BLOB NOT NULL
);
-- One row per sentence, rowid = document id * 65536 + sentence number. Contentless: the index
-- keeps only which sentences hold a term (no positions); the sentence is cut from texts.text.
CREATE VIRTUAL TABLE sentence_index USING fts5(text, content='', contentless_delete=1, detail=none);
CREATE TABLE facts (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    type TEXT NOT NULL,
    date TEXT,
    value REAL,
    unit TEXT,
    ev_start INTEGER NOT NULL,
    ev_end INTEGER NOT NULL,
    -- The fact's other fields as JSON (none of the columns above, no nulls or empty lists).
    body TEXT NOT NULL
);
CREATE INDEX facts_by_document ON facts(document_id);
CREATE INDEX facts_by_kind ON facts(kind, type, date);
-- Each fact's pairs of countries, both ways round ((A, B) and (B, A)), with its kind and date
-- ('' when undated); a fact of one country is the pair (A, A). A pair's figures, or its latest
-- events, are one range of the key; a country's facts are the range of its code.
CREATE TABLE fact_pairs (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    -- No foreign key: a secondary index by fact would double the table. A document's pairs are
    -- deleted by their key, recomputed from its facts (Store::ingest).
    fact_id INTEGER NOT NULL,
    PRIMARY KEY (a, b, kind, date, fact_id)
) WITHOUT ROWID;
"#,
    r#"
-- Version 2: views for people who open the database with sqlite3, Python or datasette: one row
-- per fact with its article's date and URL and the evidence sentence, lists joined with ';'.
CREATE VIEW figure_facts AS
SELECT d.doc, d.published, d.url, f.type AS metric,
    json_extract(f.body, '$.from') AS from_party, json_extract(f.body, '$.to') AS to_party,
    f.value, f.unit, json_extract(f.body, '$.qualifier') AS qualifier, f.date AS period,
    json_extract(f.body, '$.change_pct') AS change_pct, json_extract(f.body, '$.compared_to') AS compared_to,
    CAST(substr(CAST(t.text AS BLOB), f.ev_start + 1, f.ev_end - f.ev_start) AS TEXT) AS evidence,
    json_extract(f.body, '$.confidence') AS confidence
FROM facts f JOIN documents d ON d.id = f.document_id JOIN texts t ON t.id = d.id
WHERE f.kind = 'figure';
CREATE VIEW event_facts AS
SELECT d.doc, d.published, d.url, f.type AS type,
    (SELECT group_concat(value, ';') FROM json_each(f.body, '$.from')) AS from_parties,
    (SELECT group_concat(value, ';') FROM json_each(f.body, '$.to')) AS to_parties,
    f.date, (SELECT group_concat(value, ';') FROM json_each(f.body, '$.persons')) AS persons,
    json_extract(f.body, '$.cameo') AS cameo, json_extract(f.body, '$.plover') AS plover,
    json_extract(f.body, '$.modality') AS modality, json_extract(f.body, '$.attributes') AS attributes,
    CAST(substr(CAST(t.text AS BLOB), f.ev_start + 1, f.ev_end - f.ev_start) AS TEXT) AS evidence,
    json_extract(f.body, '$.confidence') AS confidence
FROM facts f JOIN documents d ON d.id = f.document_id JOIN texts t ON t.id = d.id
WHERE f.kind = 'event';
CREATE VIEW role_facts AS
SELECT d.doc, d.published, d.url, json_extract(f.body, '$.person') AS person, f.type AS role,
    json_extract(f.body, '$.of') AS of_party,
    CAST(substr(CAST(t.text AS BLOB), f.ev_start + 1, f.ev_end - f.ev_start) AS TEXT) AS evidence,
    json_extract(f.body, '$.confidence') AS confidence
FROM facts f JOIN documents d ON d.id = f.document_id JOIN texts t ON t.id = d.id
WHERE f.kind = 'role';
"#,
    r#"
-- Version 3: what a country page shows of each partner, kept up to date by ingest instead of
-- counted per request (Store::partners): per ordered pair of different countries, its event
-- and figure facts and the documents that report any of them.
CREATE TABLE pair_stats (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    events INTEGER NOT NULL,
    figures INTEGER NOT NULL,
    documents INTEGER NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
INSERT INTO pair_stats (a, b, events, figures, documents)
SELECT p.a, p.b, sum(p.kind = 'event'), sum(p.kind = 'figure'), count(DISTINCT f.document_id)
FROM fact_pairs p JOIN facts f ON f.id = p.fact_id
WHERE p.a <> p.b AND p.kind IN ('event', 'figure')
GROUP BY p.a, p.b;
"#,
    r#"
-- Version 4: a person's roles found by name (the person page), not by reading every role.
CREATE INDEX facts_by_person ON facts(json_extract(body, '$.person')) WHERE kind = 'role';
"#,
    r#"
-- Version 5: event reports per ordered pair, year and type, kept by ingest: the "events over
-- time" charts of the country and pair pages read a few rows, not every event. b = '*' counts
-- a country's events once each, whatever the number of their other countries.
CREATE TABLE event_years (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    year TEXT NOT NULL,
    type TEXT NOT NULL,
    reports INTEGER NOT NULL,
    PRIMARY KEY (a, b, year, type)
) WITHOUT ROWID;
INSERT INTO event_years (a, b, year, type, reports)
SELECT p.a, p.b, substr(p.date, 1, 4), f.type, count(*)
FROM fact_pairs p JOIN facts f ON f.id = p.fact_id
WHERE p.a <> p.b AND p.kind = 'event' AND p.date <> ''
GROUP BY p.a, p.b, substr(p.date, 1, 4), f.type;
INSERT INTO event_years (a, b, year, type, reports)
SELECT p.a, '*', substr(p.date, 1, 4), f.type, count(DISTINCT p.fact_id)
FROM fact_pairs p JOIN facts f ON f.id = p.fact_id
WHERE p.kind = 'event' AND p.date <> ''
GROUP BY p.a, substr(p.date, 1, 4), f.type;
"#,
    r#"
-- Version 6: the events that name a person (the person page), kept by ingest beside the facts
-- with their date ('' when undated), so that a person's latest events are one range of the key
-- read newest first, not a look into every event; and a country's latest facts of a kind by
-- date, whoever the partner (the country page's latest events).
CREATE TABLE event_persons (
    person TEXT NOT NULL,
    date TEXT NOT NULL,
    fact_id INTEGER NOT NULL,
    PRIMARY KEY (person, date, fact_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO event_persons (person, date, fact_id)
SELECT p.value, coalesce(f.date, ''), f.id FROM facts f, json_each(f.body, '$.persons') p WHERE f.kind = 'event';
CREATE INDEX fact_pairs_latest ON fact_pairs(a, kind, date);
-- A person's roles as the person page shows them, kept by ingest: how many reports give each
-- role, and the first and last dates they were published on.
CREATE TABLE person_roles (
    person TEXT NOT NULL,
    role TEXT NOT NULL,
    of TEXT NOT NULL,
    reports INTEGER NOT NULL,
    first TEXT,
    last TEXT,
    PRIMARY KEY (person, role, of)
) WITHOUT ROWID;
INSERT INTO person_roles (person, role, of, reports, first, last)
SELECT json_extract(f.body, '$.person'), f.type, json_extract(f.body, '$.of'), count(*), min(d.published), max(d.published)
FROM facts f JOIN documents d ON d.id = f.document_id
WHERE f.kind = 'role'
GROUP BY 1, 2, 3;
"#,
    r#"
-- Version 7: what a document's facts were extracted from (its input and the extractor), so that
-- re-ingesting an unchanged article does not extract it again.
ALTER TABLE documents ADD COLUMN input_digest TEXT;
"#,
    r#"
-- Version 8: a person's latest reports of one role (the person page's sources for each role,
-- and the first and last dates a re-ingest recomputes) are one range of this index, newest
-- last; version 4's index by person alone made each a read of all the person's roles.
CREATE INDEX facts_by_person_role ON facts(json_extract(body, '$.person'), type, json_extract(body, '$.of'))
    WHERE kind = 'role';
DROP INDEX facts_by_person;
"#,
    r#"
-- Version 9: no index of a country's keys by date across its partners. Each new key landed on a
-- page of its own in it (dates are spread over decades), so it cost ingest as much as the pairs'
-- own key; a country's latest events are now the newest keys of each partner, merged.
DROP INDEX IF EXISTS fact_pairs_latest;
"#,
];

/// The rows of `person_roles` computed from the facts (the integrity check's reference).
pub(crate) const PERSON_ROLES_FROM_FACTS: &str = "SELECT json_extract(f.body, '$.person') AS person, f.type AS role,
    json_extract(f.body, '$.of') AS of, count(*) AS reports, min(d.published) AS first, max(d.published) AS last
    FROM facts f JOIN documents d ON d.id = f.document_id WHERE f.kind = 'role' GROUP BY 1, 2, 3";

/// The rows of `event_years` computed from the facts (the integrity check's reference).
pub(crate) const EVENT_YEARS_FROM_FACTS: &str = "SELECT p.a, p.b, substr(p.date, 1, 4) AS year, f.type,
    count(*) AS reports FROM fact_pairs p JOIN facts f ON f.id = p.fact_id
    WHERE p.a <> p.b AND p.kind = 'event' AND p.date <> ''
    GROUP BY p.a, p.b, substr(p.date, 1, 4), f.type
    UNION ALL SELECT p.a, '*', substr(p.date, 1, 4), f.type, count(DISTINCT p.fact_id)
    FROM fact_pairs p JOIN facts f ON f.id = p.fact_id
    WHERE p.kind = 'event' AND p.date <> ''
    GROUP BY p.a, substr(p.date, 1, 4), f.type";

/// The counts of `pair_stats` computed from the facts (the migration's and the integrity
/// check's reference).
pub(crate) const PAIR_STATS_FROM_FACTS: &str =
    "SELECT p.a, p.b, sum(CASE WHEN p.kind = 'event' THEN 1 ELSE 0 END) AS events,
    sum(CASE WHEN p.kind = 'figure' THEN 1 ELSE 0 END) AS figures, count(DISTINCT f.document_id) AS documents
    FROM fact_pairs p JOIN facts f ON f.id = p.fact_id
    WHERE p.a <> p.b AND p.kind IN ('event', 'figure')
    GROUP BY p.a, p.b";

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

/// A fact as stored: lookup columns, the countries it involves, and the rest as JSON.
pub(crate) struct FactRow {
    pub kind: &'static str,
    pub kind_type: String,
    pub date: Option<String>,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub ev: (usize, usize),
    pub countries: Vec<String>,
    pub body: String,
}

/// The JSON keys that are columns (or the document's), per kind.
fn column_keys(kind: &str) -> &'static [&'static str] {
    match kind {
        "role" => &["kind", "doc", "role", "evidence"],
        "event" => &["kind", "doc", "type", "date", "evidence"],
        _ => &["kind", "doc", "metric", "period", "value", "unit", "evidence"],
    }
}

impl FactRow {
    /// The (A, B) pairs the fact is stored under: every ordered pair of its countries, or (A, A)
    /// for a fact of one country.
    pub fn pairs(&self) -> Vec<(&str, &str)> {
        if self.countries.len() == 1 {
            return vec![(self.countries[0].as_str(), self.countries[0].as_str())];
        }
        let mut out = Vec::new();
        for a in &self.countries {
            for b in &self.countries {
                if a != b {
                    out.push((a.as_str(), b.as_str()));
                }
            }
        }
        out
    }

    /// The people an event names (none for other kinds), read back from the body.
    pub fn persons(&self) -> Vec<String> {
        if self.kind != "event" {
            return Vec::new();
        }
        serde_json::from_str::<serde_json::Value>(&self.body)
            .ok()
            .and_then(|v| v.get("persons").cloned())
            .and_then(|p| serde_json::from_value::<Vec<String>>(p).ok())
            .unwrap_or_default()
    }

    /// None for the document fact: the documents row holds it.
    pub fn of(fact: &Fact) -> Option<FactRow> {
        let (kind, kind_type, date, value, unit, ev, countries) = match fact {
            Fact::Document(_) => return None,
            Fact::Role(r) => ("role", r.role.clone(), None, None, None, &r.evidence, vec![r.of.clone()]),
            Fact::Event(e) => {
                let mut c: Vec<String> = e.from.iter().chain(&e.to).cloned().collect();
                c.sort();
                c.dedup();
                ("event", e.kind.clone(), e.date.clone(), None, None, &e.evidence, c)
            }
            Fact::Figure(f) => {
                let c = if f.from == f.to { vec![f.from.clone()] } else { vec![f.from.clone(), f.to.clone()] };
                ("figure", f.metric.clone(), f.period.clone(), Some(f.value), Some(f.unit.clone()), &f.evidence, c)
            }
        };
        let mut v = serde_json::to_value(fact).expect("facts serialize");
        let obj = v.as_object_mut().expect("a fact is an object");
        for k in column_keys(kind) {
            obj.remove(*k);
        }
        obj.retain(|_, x| match x {
            serde_json::Value::Null => false,
            serde_json::Value::Array(a) => !a.is_empty(),
            serde_json::Value::Object(o) => !o.is_empty(),
            _ => true,
        });
        Some(FactRow { kind, kind_type, date, value, unit, ev: (ev.start, ev.end), countries, body: v.to_string() })
    }
}

/// A fact's row, as read back.
pub(crate) struct StoredFact<'a> {
    pub kind: &'a str,
    pub kind_type: &'a str,
    pub date: Option<&'a str>,
    pub value: Option<f64>,
    pub unit: Option<&'a str>,
    pub ev: (usize, usize),
    pub body: &'a str,
}

/// The JSON body of a role, as stored (see [`FactRow::of`]).
#[derive(serde::Deserialize)]
struct RoleBody {
    person: String,
    of: String,
    confidence: f64,
}

/// The JSON body of an event: empty lists and nulls were left out.
#[derive(serde::Deserialize)]
struct EventBody {
    #[serde(default)]
    from: Vec<String>,
    #[serde(default)]
    to: Vec<String>,
    #[serde(default)]
    persons: Vec<String>,
    cameo: String,
    plover: String,
    #[serde(default)]
    modality: Option<String>,
    #[serde(default)]
    attributes: serde_json::Map<String, serde_json::Value>,
    confidence: f64,
}

/// The JSON body of a figure.
#[derive(serde::Deserialize)]
struct FigureBody {
    from: String,
    to: String,
    qualifier: String,
    #[serde(default)]
    change_pct: Option<f64>,
    #[serde(default)]
    compared_to: Option<String>,
    confidence: f64,
}

impl StoredFact<'_> {
    /// The fact as `dyad extract` wrote it: columns, document id and evidence text restored.
    pub fn to_fact(&self, doc: &str, evidence_text: &str) -> Option<Fact> {
        use dyad_facts::{EventFact, Evidence, FigureFact, RoleFact};
        let evidence = Evidence { start: self.ev.0, end: self.ev.1, text: evidence_text.to_string() };
        let doc = doc.to_string();
        Some(match self.kind {
            "role" => {
                let b: RoleBody = serde_json::from_str(self.body).ok()?;
                Fact::Role(RoleFact {
                    doc,
                    person: b.person,
                    role: self.kind_type.to_string(),
                    of: b.of,
                    evidence,
                    confidence: b.confidence,
                })
            }
            "event" => {
                let b: EventBody = serde_json::from_str(self.body).ok()?;
                Fact::Event(EventFact {
                    doc,
                    kind: self.kind_type.to_string(),
                    from: b.from,
                    to: b.to,
                    date: self.date.map(String::from),
                    persons: b.persons,
                    cameo: b.cameo,
                    plover: b.plover,
                    modality: b.modality,
                    attributes: b.attributes,
                    evidence,
                    confidence: b.confidence,
                })
            }
            "figure" => {
                let b: FigureBody = serde_json::from_str(self.body).ok()?;
                Fact::Figure(FigureFact {
                    doc,
                    metric: self.kind_type.to_string(),
                    from: b.from,
                    to: b.to,
                    value: self.value?,
                    unit: self.unit?.to_string(),
                    qualifier: b.qualifier,
                    period: self.date.map(String::from),
                    change_pct: b.change_pct,
                    compared_to: b.compared_to,
                    evidence,
                    confidence: b.confidence,
                })
            }
            _ => return None,
        })
    }
}
