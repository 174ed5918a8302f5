//! Queries over the stored facts: time series, timelines, a pair's profile, a country's
//! partners, full-text search. Each answers with merged claims ([`crate::merge`]).

use std::collections::BTreeMap;

use dyad_facts::Fact;
use rusqlite::types::Value;
use serde::Serialize;

use crate::merge::{merge, Claim, Source};
use crate::schema::StoredFact;
use crate::{decode_spans, SENTENCE_BITS};
use crate::{Store, StoreError};

/// Filters for [`Store::figures`].
#[derive(Debug, Clone, Default)]
pub struct FigureQuery {
    /// Both countries of the pair (either direction).
    pub pair: Option<(String, String)>,
    /// One metric ("trade_turnover", "exports", ...).
    pub metric: Option<String>,
    /// Periods from this one on ("2015", "2015-06").
    pub since: Option<String>,
}

/// Filters for [`Store::events`].
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    /// A country among the parties.
    pub country: Option<String>,
    /// Another country among the parties.
    pub with: Option<String>,
    /// One event type ("VISIT", "AGREE", ...).
    pub kind: Option<String>,
    /// Dates from this one on.
    pub since: Option<String>,
}

/// A stored document, without its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentRow {
    /// The document id.
    pub doc: String,
    /// Its publication date.
    pub published: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// Where it came from.
    pub source: Option<String>,
    /// Its URL.
    pub url: Option<String>,
}

/// The relationship of two countries on one page.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    /// The two countries, as asked.
    pub pair: (String, String),
    /// Figures for the pair, by period.
    pub figures: Vec<Claim>,
    /// Visits, meetings, agreements, ratifications and other events, by date.
    pub events: Vec<Claim>,
    /// People named in the pair's events, with their roles where the articles give them.
    pub people: Vec<(String, Vec<String>)>,
    /// Figures that disagree with another source's.
    pub conflicts: usize,
    /// The articles read, newest first.
    pub documents: Vec<DocumentRow>,
}

/// A partner of a country, ranked by the events and figures they share.
#[derive(Debug, Clone, Serialize)]
pub struct Partner {
    /// The partner's code.
    pub country: String,
    /// Event facts they share (one per article that reports an event).
    pub events: usize,
    /// Figure facts they share.
    pub figures: usize,
    /// Articles behind them.
    pub sources: usize,
    /// The latest trade turnover: period and value in USD, when the articles give one.
    pub latest_trade: Option<(String, f64)>,
}

/// A sentence that matched a search, with the facts it gave.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// The document.
    pub doc: String,
    /// Its publication date.
    pub published: Option<String>,
    /// Byte offsets of the sentence.
    pub start: usize,
    /// End of the sentence.
    pub end: usize,
    /// The sentence.
    pub text: String,
    /// The facts whose evidence is this sentence.
    pub facts: Vec<Fact>,
}

/// The columns [`read_fact`] reads.
const FACT_COLUMNS: &str = "f.kind, f.type, f.date, f.value, f.unit, f.ev_start, f.ev_end, f.body, \
     d.doc, d.published, d.url, CAST(substr(CAST(d.text AS BLOB), f.ev_start + 1, f.ev_end - f.ev_start) AS TEXT)";

/// A fact and its source from a row of [`FACT_COLUMNS`].
fn read_fact(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<(Fact, Source)>> {
    let (kind, kind_type, body, doc): (String, String, String, String) = (r.get(0)?, r.get(1)?, r.get(7)?, r.get(8)?);
    let (date, unit): (Option<String>, Option<String>) = (r.get(2)?, r.get(4)?);
    let ev = (r.get::<_, i64>(5)? as usize, r.get::<_, i64>(6)? as usize);
    let text: String = r.get::<_, Option<String>>(11)?.unwrap_or_default();
    let stored = StoredFact {
        kind: &kind,
        kind_type: &kind_type,
        date: date.as_deref(),
        value: r.get(3)?,
        unit: unit.as_deref(),
        ev,
        body: &body,
    };
    let Some(fact) = stored.to_fact(&doc, &text) else { return Ok(None) };
    let evidence = dyad_facts::Evidence { start: ev.0, end: ev.1, text };
    Ok(Some((fact, Source { doc, published: r.get(9)?, url: r.get(10)?, evidence })))
}

impl Store {
    /// Facts that satisfy `filter` (SQL over `f`, the facts, and `d`, the documents), with their
    /// sources.
    fn facts_where(&self, filter: &str, args: &[Value]) -> Result<Vec<(Fact, Source)>, StoreError> {
        let sql = format!("SELECT {FACT_COLUMNS} FROM facts f JOIN documents d ON d.id = f.document_id WHERE {filter}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), read_fact)?;
        let mut out = Vec::new();
        for row in rows {
            out.extend(row?);
        }
        Ok(out)
    }

    /// Figures as a time series: claims ordered by metric, pair and period.
    pub fn figures(&self, q: &FigureQuery) -> Result<Vec<Claim>, StoreError> {
        let mut filter = String::from("f.kind = 'figure'");
        let mut args: Vec<Value> = Vec::new();
        if let Some((a, b)) = &q.pair {
            filter.push_str(&format!(
                " AND f.id IN (SELECT x.fact_id FROM fact_countries x JOIN fact_countries y \
                 ON y.fact_id = x.fact_id AND y.country = ?{} WHERE x.country = ?{})",
                args.len() + 1,
                args.len() + 2
            ));
            args.push(Value::Text(b.clone()));
            args.push(Value::Text(a.clone()));
        }
        if let Some(m) = &q.metric {
            args.push(Value::Text(m.clone()));
            filter.push_str(&format!(" AND f.type = ?{}", args.len()));
        }
        if let Some(s) = &q.since {
            args.push(Value::Text(s.clone()));
            filter.push_str(&format!(" AND f.date >= ?{}", args.len()));
        }
        let mut claims = merge(self.facts_where(&filter, &args)?);
        claims.sort_by_key(|c| figure_order(&c.fact));
        Ok(claims)
    }

    /// Events as a timeline: claims ordered by date (undated last).
    pub fn events(&self, q: &EventQuery) -> Result<Vec<Claim>, StoreError> {
        let mut filter = String::from("f.kind = 'event'");
        let mut args: Vec<Value> = Vec::new();
        for c in [&q.country, &q.with].into_iter().flatten() {
            args.push(Value::Text(c.clone()));
            filter.push_str(&format!(
                " AND f.id IN (SELECT fact_id FROM fact_countries WHERE country = ?{})",
                args.len()
            ));
        }
        if let Some(k) = &q.kind {
            args.push(Value::Text(k.to_uppercase()));
            filter.push_str(&format!(" AND f.type = ?{}", args.len()));
        }
        if let Some(s) = &q.since {
            args.push(Value::Text(s.clone()));
            filter.push_str(&format!(" AND f.date >= ?{}", args.len()));
        }
        let mut claims = merge(self.facts_where(&filter, &args)?);
        claims.sort_by_key(|c| event_order(&c.fact));
        Ok(claims)
    }

    /// The relationship of `a` and `b` on one page.
    pub fn profile(&self, a: &str, b: &str) -> Result<Profile, StoreError> {
        let figures = self.figures(&FigureQuery { pair: Some((a.into(), b.into())), ..Default::default() })?;
        let events =
            self.events(&EventQuery { country: Some(a.into()), with: Some(b.into()), ..Default::default() })?;
        let mut docs: Vec<String> =
            figures.iter().chain(&events).flat_map(|c| c.sources.iter().map(|s| s.doc.clone())).collect();
        docs.sort();
        docs.dedup();
        // People: those named in the events, with the roles the same articles give them.
        let mut people: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for c in &events {
            if let Fact::Event(e) = &c.fact {
                for p in &e.persons {
                    people.entry(p.clone()).or_default();
                }
            }
        }
        if !people.is_empty() {
            let names: Vec<Value> = people.keys().map(|p| Value::Text(p.clone())).collect();
            let marks = (1..=names.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(",");
            let filter = format!("f.kind = 'role' AND json_extract(f.body, '$.person') IN ({marks})");
            for c in merge(self.facts_where(&filter, &names)?) {
                if let Fact::Role(r) = &c.fact {
                    let role = format!("{} ({})", r.role, r.of);
                    let list = people.entry(r.person.clone()).or_default();
                    if !list.contains(&role) {
                        list.push(role);
                    }
                }
            }
        }
        let conflicts = figures.iter().filter(|c| c.conflict).count();
        let documents = self.documents(&docs)?;
        Ok(Profile {
            pair: (a.into(), b.into()),
            figures,
            events,
            people: people.into_iter().collect(),
            conflicts,
            documents,
        })
    }

    /// Documents by id, newest first.
    pub fn documents(&self, ids: &[String]) -> Result<Vec<DocumentRow>, StoreError> {
        let mut out = Vec::new();
        let mut stmt =
            self.conn.prepare_cached("SELECT doc, published, title, source, url FROM documents WHERE doc = ?1")?;
        for id in ids {
            let row = stmt.query_row([id], |r| {
                Ok(DocumentRow {
                    doc: r.get(0)?,
                    published: r.get(1)?,
                    title: r.get(2)?,
                    source: r.get(3)?,
                    url: r.get(4)?,
                })
            });
            if let Ok(row) = row {
                out.push(row);
            }
        }
        out.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.doc.cmp(&b.doc)));
        Ok(out)
    }

    /// The partners of `country`, most events and figures first.
    pub fn partners(&self, country: &str) -> Result<Vec<Partner>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT y.country, f.kind, count(*), count(DISTINCT f.document_id)
             FROM fact_countries x
             JOIN fact_countries y ON y.fact_id = x.fact_id AND y.country <> x.country
             JOIN facts f ON f.id = x.fact_id
             WHERE x.country = ?1 AND f.kind IN ('event', 'figure')
             GROUP BY y.country, f.kind",
        )?;
        let mut by: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
        let rows = stmt.query_map([country], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))
        })?;
        for row in rows {
            let (partner, kind, n, docs) = row?;
            let e = by.entry(partner).or_default();
            if kind == "event" {
                e.0 += n as usize;
            } else {
                e.1 += n as usize;
            }
            e.2 = e.2.max(docs as usize);
        }
        let mut out = Vec::new();
        for (partner, (events, figures, sources)) in by {
            let trade = self.figures(&FigureQuery {
                pair: Some((country.into(), partner.clone())),
                metric: Some("trade_turnover".into()),
                since: None,
            })?;
            let latest_trade = trade
                .iter()
                .filter_map(|c| match &c.fact {
                    Fact::Figure(f) if f.unit == "USD" => Some((f.period.clone()?, f.value)),
                    _ => None,
                })
                .max_by(|a, b| a.0.cmp(&b.0));
            out.push(Partner { country: partner, events, figures, sources, latest_trade });
        }
        out.sort_by(|a, b| (b.events + b.figures).cmp(&(a.events + a.figures)).then_with(|| a.country.cmp(&b.country)));
        Ok(out)
    }

    /// Sentences that contain every word of `text` (SQLite FTS5, case and order ignored), best
    /// first, with their facts.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        // Cut as the index cuts (letters and digits), each piece quoted: the user's text is words
        // to find, never FTS5 syntax. The index keeps no positions, so "1.9 billion" finds the
        // sentences with 1, 9 and billion.
        let query: Vec<String> =
            text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| format!("\"{w}\"")).collect();
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT rowid FROM sentence_index WHERE sentence_index MATCH ?1 ORDER BY rank LIMIT ?2")?;
        let ids: Vec<i64> = stmt
            .query_map(rusqlite::params![query.join(" "), limit as i64], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut doc_stmt =
            self.conn.prepare_cached("SELECT doc, published, text, sentences FROM documents WHERE id = ?1")?;
        let mut out = Vec::new();
        for rowid in ids {
            let (id, n) = (rowid >> SENTENCE_BITS, (rowid & ((1 << SENTENCE_BITS) - 1)) as usize);
            let (doc, published, text, spans): (String, Option<String>, String, Vec<u8>) =
                doc_stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
            let Some(&(start, end)) = decode_spans(&spans).get(n) else { continue };
            let facts = self
                .facts_where(
                    "f.document_id = ?1 AND f.ev_start >= ?2 AND f.ev_end <= ?3",
                    &[Value::Integer(id), Value::Integer(start as i64), Value::Integer(end as i64)],
                )?
                .into_iter()
                .map(|(f, _)| f)
                .collect();
            let text = text.get(start..end).unwrap_or("").to_string();
            out.push(SearchHit { doc, published, start, end, text, facts });
        }
        Ok(out)
    }

    /// Every stored fact of `kind` ("role", "event", "figure"; documents are
    /// [`Store::all_documents`]), document by document, in the order they were stored.
    pub fn each_fact(&self, kind: &str, mut each: impl FnMut(Fact)) -> Result<(), StoreError> {
        let sql = format!(
            "SELECT {FACT_COLUMNS} FROM facts f JOIN documents d ON d.id = f.document_id WHERE f.kind = ?1 ORDER BY f.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([kind])?;
        while let Some(r) = rows.next()? {
            if let Some((f, _)) = read_fact(r)? {
                each(f);
            }
        }
        Ok(())
    }

    /// Every stored document, in the order they were stored.
    pub fn all_documents(&self, mut each: impl FnMut(DocumentRow)) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare("SELECT doc, published, title, source, url FROM documents ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            each(DocumentRow {
                doc: r.get(0)?,
                published: r.get(1)?,
                title: r.get(2)?,
                source: r.get(3)?,
                url: r.get(4)?,
            });
        }
        Ok(())
    }
}

fn figure_order(f: &Fact) -> (String, String, String, String) {
    match f {
        Fact::Figure(x) => (
            x.metric.clone(),
            format!("{}>{}", x.from, x.to),
            x.period.clone().unwrap_or_default(),
            format!("{:020.2}", x.value),
        ),
        _ => Default::default(),
    }
}

fn event_order(f: &Fact) -> (bool, String, String) {
    match f {
        Fact::Event(e) => (e.date.is_none(), e.date.clone().unwrap_or_default(), e.kind.clone()),
        _ => Default::default(),
    }
}
