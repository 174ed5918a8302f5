//! The schema in PostgreSQL: the tables of SQLite's schema at the same version, in
//! PostgreSQL's types, and how a shared database is created and brought up to date.
//!
//! Why this way: the store's SQL is one for both engines ([`crate::db`]), so the tables, their
//! keys and the order of their text columns must be SQLite's: text columns compare byte by
//! byte (`COLLATE "C"`, SQLite's BINARY), whatever the server's locale. The version lives in
//! `dyad_meta` (SQLite keeps it in `PRAGMA user_version`). PostgreSQL stores began at version 8;
//! each later SQLite migration gets its step here too (a test holds the two versions equal).
//!
//! Several `dyad ingest` processes may start at once on an empty database: whoever holds the
//! advisory lock creates the tables, the others then find them made.

use crate::db::{args, Db};
use crate::StoreError;

/// Each step: the version it brings the schema to, and its SQL.
const MIGRATIONS: &[(i64, &str)] = &[(8, BASE), (9, "DROP INDEX IF EXISTS fact_pairs_latest;")];

/// The whole schema of version 8 (SQLite's migrations 1 to 8 at once).
const BASE: &str = r#"
CREATE TABLE dyad_meta (application_id BIGINT NOT NULL, version BIGINT NOT NULL);
CREATE TABLE documents (
    id BIGSERIAL PRIMARY KEY,
    doc TEXT COLLATE "C" NOT NULL UNIQUE,
    source TEXT COLLATE "C",
    url TEXT COLLATE "C",
    title TEXT COLLATE "C",
    published TEXT COLLATE "C",
    digest TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    input_digest TEXT
);
CREATE TABLE texts (
    id BIGINT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    sentences BYTEA NOT NULL
);
-- One row per sentence, rowid = document id * 65536 + sentence number: its words only, as
-- SQLite's contentless index keeps them (the sentence is cut from texts.text).
CREATE TABLE sentence_index (rowid BIGINT PRIMARY KEY, terms TSVECTOR NOT NULL);
CREATE INDEX sentence_index_terms ON sentence_index USING GIN (terms);
CREATE TABLE facts (
    id BIGSERIAL PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT COLLATE "C" NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    date TEXT COLLATE "C",
    value DOUBLE PRECISION,
    unit TEXT COLLATE "C",
    ev_start BIGINT NOT NULL,
    ev_end BIGINT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX facts_by_document ON facts(document_id);
CREATE INDEX facts_by_kind ON facts(kind, type, date);
CREATE INDEX facts_by_person_role ON facts(((body)::jsonb ->> 'person'), type, ((body)::jsonb ->> 'of'))
    WHERE kind = 'role';
CREATE TABLE fact_pairs (
    a TEXT COLLATE "C" NOT NULL,
    b TEXT COLLATE "C" NOT NULL,
    kind TEXT COLLATE "C" NOT NULL,
    date TEXT COLLATE "C" NOT NULL,
    fact_id BIGINT NOT NULL,
    PRIMARY KEY (a, b, kind, date, fact_id)
);
CREATE INDEX fact_pairs_latest ON fact_pairs(a, kind, date);
CREATE TABLE pair_stats (
    a TEXT COLLATE "C" NOT NULL,
    b TEXT COLLATE "C" NOT NULL,
    events BIGINT NOT NULL,
    figures BIGINT NOT NULL,
    documents BIGINT NOT NULL,
    PRIMARY KEY (a, b)
);
CREATE TABLE event_years (
    a TEXT COLLATE "C" NOT NULL,
    b TEXT COLLATE "C" NOT NULL,
    year TEXT COLLATE "C" NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    reports BIGINT NOT NULL,
    PRIMARY KEY (a, b, year, type)
);
CREATE TABLE event_persons (
    person TEXT COLLATE "C" NOT NULL,
    date TEXT COLLATE "C" NOT NULL,
    fact_id BIGINT NOT NULL,
    PRIMARY KEY (person, date, fact_id)
);
CREATE TABLE person_roles (
    person TEXT COLLATE "C" NOT NULL,
    role TEXT COLLATE "C" NOT NULL,
    of TEXT COLLATE "C" NOT NULL,
    reports BIGINT NOT NULL,
    first TEXT COLLATE "C",
    last TEXT COLLATE "C",
    PRIMARY KEY (person, role, of)
);
-- The views of SQLite's version 2, for people who read the base with psql or a BI tool.
CREATE VIEW figure_facts AS
SELECT d.doc, d.published, d.url, f.type AS metric,
    f.body::jsonb ->> 'from' AS from_party, f.body::jsonb ->> 'to' AS to_party,
    f.value, f.unit, f.body::jsonb ->> 'qualifier' AS qualifier, f.date AS period,
    (f.body::jsonb ->> 'change_pct')::float8 AS change_pct, f.body::jsonb ->> 'compared_to' AS compared_to,
    convert_from(substring(convert_to(t.text, 'UTF8') FROM (f.ev_start + 1)::int FOR (f.ev_end - f.ev_start)::int), 'UTF8') AS evidence,
    (f.body::jsonb ->> 'confidence')::float8 AS confidence
FROM facts f JOIN documents d ON d.id = f.document_id JOIN texts t ON t.id = d.id
WHERE f.kind = 'figure';
CREATE VIEW event_facts AS
SELECT d.doc, d.published, d.url, f.type AS type,
    (SELECT string_agg(value, ';') FROM jsonb_array_elements_text(f.body::jsonb -> 'from')) AS from_parties,
    (SELECT string_agg(value, ';') FROM jsonb_array_elements_text(f.body::jsonb -> 'to')) AS to_parties,
    f.date, (SELECT string_agg(value, ';') FROM jsonb_array_elements_text(f.body::jsonb -> 'persons')) AS persons,
    f.body::jsonb ->> 'cameo' AS cameo, f.body::jsonb ->> 'plover' AS plover,
    f.body::jsonb ->> 'modality' AS modality, f.body::jsonb ->> 'attributes' AS attributes,
    convert_from(substring(convert_to(t.text, 'UTF8') FROM (f.ev_start + 1)::int FOR (f.ev_end - f.ev_start)::int), 'UTF8') AS evidence,
    (f.body::jsonb ->> 'confidence')::float8 AS confidence
FROM facts f JOIN documents d ON d.id = f.document_id JOIN texts t ON t.id = d.id
WHERE f.kind = 'event';
CREATE VIEW role_facts AS
SELECT d.doc, d.published, d.url, f.body::jsonb ->> 'person' AS person, f.type AS role,
    f.body::jsonb ->> 'of' AS of_party,
    convert_from(substring(convert_to(t.text, 'UTF8') FROM (f.ev_start + 1)::int FOR (f.ev_end - f.ev_start)::int), 'UTF8') AS evidence,
    (f.body::jsonb ->> 'confidence')::float8 AS confidence
FROM facts f JOIN documents d ON d.id = f.document_id JOIN texts t ON t.id = d.id
WHERE f.kind = 'role';
"#;

/// The schema version the last step makes.
fn version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.0)
}

/// Refuses a database of other tables, or of a newer dyad; creates or migrates dyad's tables
/// when `writable`, else requires them.
pub(crate) fn prepare(db: &Db, writable: bool) -> Result<(), StoreError> {
    db.transaction(|| {
        if writable {
            // One process at a time past this point; the lock ends with the transaction.
            db.query_one("SELECT pg_advisory_xact_lock(?1)", args![super::APPLICATION_ID], |_| Ok(()))?;
        }
        let tables: i64 = db.query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()",
            args![],
            |r| r.get(0),
        )?;
        let ours: bool =
            db.query_one("SELECT to_regclass('dyad_meta') IS NOT NULL", args![], |r| r.get::<i64>(0))? != 0;
        let at: i64 = match (tables, ours) {
            (0, _) => 0,
            (_, false) => {
                return Err(StoreError("not a dyad database (another program's tables); left as it was".into()))
            }
            (_, true) => {
                let (id, v): (i64, i64) =
                    db.query_one("SELECT application_id, version FROM dyad_meta", args![], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })?;
                if id != super::APPLICATION_ID {
                    return Err(StoreError("not a dyad database; left as it was".into()));
                }
                v
            }
        };
        if at > version() {
            return Err(StoreError(format!(
                "made by a newer dyad (schema {at}; this one knows up to {}); left as it was",
                version()
            )));
        }
        if !writable {
            return match at {
                0 => Err(StoreError("no dyad tables in this database (run `dyad ingest` with it first)".into())),
                _ => Ok(()),
            };
        }
        for (to, sql) in MIGRATIONS.iter().filter(|(to, _)| *to > at) {
            db.batch(sql)?;
            db.execute("DELETE FROM dyad_meta", args![])?;
            db.execute(
                "INSERT INTO dyad_meta (application_id, version) VALUES (?1, ?2)",
                args![super::APPLICATION_ID, *to],
            )?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn postgres_schema_is_at_sqlites_version() {
        assert_eq!(super::version(), super::super::VERSION);
    }
}
