//! Queries over the stored facts: time series, timelines, a pair's profile, a country's
//! partners, full-text search. Each answers with merged claims ([`crate::merge`]).

use std::collections::BTreeMap;

use dyad_facts::Fact;
use serde::Serialize;

use crate::db::{args, Row, Value};

use crate::merge::{merge, Claim, Source};
use crate::schema::StoredFact;
use crate::{decode_spans, SENTENCE_BITS};
use crate::{Store, StoreError};

/// Where [`Profile::event_total`] and [`PersonProfile::event_total`] stop counting (a count
/// that reaches it means "this many or more").
pub const EVENT_COUNT_CAP: usize = 10_000;

/// Filters for [`Store::figures`].
#[derive(Debug, Clone, Default)]
pub struct FigureQuery {
    /// Both countries of the pair (either direction).
    pub pair: Option<(String, String)>,
    /// One metric ("trade_turnover", "exports", ...).
    pub metric: Option<String>,
    /// Periods from this one on ("2015", "2015-06"); a figure without a period counts as of
    /// its article's publication date.
    pub since: Option<String>,
    /// Periods up to this one ("2019" includes all of 2019).
    pub until: Option<String>,
    /// Leave out figures without a period instead of dating them by their article.
    pub dated_only: bool,
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
    /// A person taking part: any part of the canonical name, any case ("tokayev").
    pub person: Option<String>,
    /// Dates from this one on; an undated event counts as of its article's publication date.
    pub since: Option<String>,
    /// Dates up to this one ("2019" includes all of 2019).
    pub until: Option<String>,
    /// Leave out undated events instead of dating them by their article.
    pub dated_only: bool,
}

/// A stored document, without its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Profile {
    /// The two countries, as asked.
    pub pair: (String, String),
    /// Figures for the pair by metric, direction and period: the claim with the most sources
    /// (marked as a conflict where others disagree).
    pub figures: Vec<Claim>,
    /// The latest visits, meetings, agreements, ratifications and other events, by date.
    pub events: Vec<Claim>,
    /// Reports of events of the pair (facts: an event reported by three articles counts three),
    /// counted up to [`EVENT_COUNT_CAP`].
    pub event_total: usize,
    /// Reports of figures of the pair (all periods, whatever the figures shown), counted up to
    /// [`EVENT_COUNT_CAP`].
    pub figure_total: usize,
    /// Whether `figures` holds every period (false: only the latest ones asked for).
    pub figures_complete: bool,
    /// People named in the pair's events, with their roles where the articles give them.
    pub people: Vec<(String, Vec<String>)>,
    /// Figures shown that other articles contradict.
    pub conflicts: usize,
    /// The latest articles read, newest first.
    pub documents: Vec<DocumentRow>,
    /// Articles behind the figures and events shown.
    pub document_total: usize,
}

/// The most reported countries, ordered pairs and people ([`Store::most_reported`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MostReported {
    /// Countries, by their events and figures with any partner.
    pub countries: Vec<String>,
    /// Ordered pairs (each direction once), by their events and figures.
    pub pairs: Vec<(String, String)>,
    /// People, by the reports of their roles.
    pub persons: Vec<String>,
}

/// A partner of a country, ranked by the events and figures they share.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

/// A person's page: roles and events, each a claim with its sources.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PersonProfile {
    /// The name, as the facts give it.
    pub name: String,
    /// Their roles (head of state of KAZ, ...), first reported first.
    pub roles: Vec<PersonRole>,
    /// Their latest events, in time order.
    pub events: Vec<Claim>,
    /// How many event reports name them in all (one event may be told by several articles),
    /// counted up to [`EVENT_COUNT_CAP`].
    pub event_total: usize,
}

/// One role of a person as the articles report it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PersonRole {
    /// The role (head_of_state, foreign_minister, ...).
    pub role: String,
    /// The country (or organization) it is of.
    pub of: String,
    /// How many reports give it.
    pub reports: usize,
    /// The earliest publication date of those reports.
    pub first: Option<String>,
    /// The latest.
    pub last: Option<String>,
    /// Its latest reports (up to five), with their sentences.
    pub sources: Vec<Source>,
}

/// A sentence that matched a search, with the facts it gave.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

/// A user's search text as a query of the sentence index (an FTS5 query in SQLite, a tsquery
/// in PostgreSQL), or none when it has no word. Cut as the index cuts
/// (letters and digits), each piece quoted: the user's text is words to find, never FTS5
/// syntax. The index keeps no positions, so "1.9 billion" finds the sentences with 1, 9 and
/// billion. A Russian word is looked for by its stem, so that any case form finds any other
/// ("Токаеву" finds "Токаев", "Токаева"): a prefix query on the stem.
fn fts_query(text: &str, postgres: bool) -> Option<String> {
    let query: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| match (dyad_lexicon::russian_search_stem(w), postgres) {
            (Some(stem), false) => format!("\"{stem}\"*"),
            (None, false) => format!("\"{w}\""),
            (Some(stem), true) => format!("{}:*", stem.to_lowercase()),
            (None, true) => w.to_lowercase(),
        })
        .collect();
    (!query.is_empty()).then(|| query.join(if postgres { " & " } else { " " }))
}

/// Where a filter's driving part begins (it must come last): a subquery of fact ids, one range
/// of a key (a pair's, a country's, a person's), that the facts are looked up from.
const DRIVER: &str = " AND /*driver*/ ";

/// The columns [`read_fact`] reads.
const FACT_COLUMNS: &str =
    "f.kind, f.type, f.date, f.value, f.unit, f.ev_start, f.ev_end, f.body, d.doc, d.published, d.url, \
     CASE WHEN ?99 THEN (SELECT CAST(substr(CAST(t.text AS BLOB), f.ev_start + 1, f.ev_end - f.ev_start) AS TEXT) \
     FROM texts t WHERE t.id = f.document_id) END, f.document_id, d.title";

/// A fact and its source from a row of [`FACT_COLUMNS`] (the evidence text is empty unless the
/// query asked for it with ?99).
fn read_fact(r: &Row) -> Result<Option<(Fact, Source)>, StoreError> {
    let (kind, kind_type, body, doc): (String, String, String, String) = (r.get(0)?, r.get(1)?, r.get(7)?, r.get(8)?);
    let (date, unit): (Option<String>, Option<String>) = (r.get(2)?, r.get(4)?);
    let ev = (r.get::<usize>(5)?, r.get::<usize>(6)?);
    let text: String = r.get::<Option<String>>(11)?.unwrap_or_default();
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
    Ok(Some((
        fact,
        Source { doc, published: r.get(9)?, url: r.get(10)?, title: r.get(13)?, evidence, row: r.get(12)? },
    )))
}

impl Store {
    /// Facts that satisfy `filter` (SQL over `f`, the facts, and `d`, the documents), with their
    /// sources; the evidence sentences only when `evidence` (they are read from the documents'
    /// text, the costly part of a large answer).
    fn facts_where(&self, filter: &str, args: &[Value], evidence: bool) -> Result<Vec<(Fact, Source)>, StoreError> {
        self.each_fact_where(filter, args, evidence, |facts| facts.collect())
    }

    /// The facts of `filter`, merged into claims as they are read.
    fn claims_where(&self, filter: &str, args: &[Value], evidence: bool) -> Result<Vec<Claim>, StoreError> {
        self.each_fact_where(filter, args, evidence, |facts| merge(facts))
    }

    /// Hands the facts of `filter` to `take` one row at a time.
    fn each_fact_where<T>(
        &self,
        filter: &str,
        args: &[Value],
        evidence: bool,
        take: impl FnOnce(&mut dyn Iterator<Item = (Fact, Source)>) -> T,
    ) -> Result<T, StoreError> {
        // A key range drives the query: the facts are looked up from its (short) list, not the
        // list checked for every fact of a kind.
        let sql = match filter.split_once(DRIVER) {
            Some((rest, pair)) => format!(
                "SELECT {FACT_COLUMNS} FROM ({pair}) p CROSS JOIN facts f ON f.id = p.fact_id \
                 JOIN documents d ON d.id = f.document_id WHERE {rest}"
            ),
            None => {
                format!("SELECT {FACT_COLUMNS} FROM facts f JOIN documents d ON d.id = f.document_id WHERE {filter}")
            }
        };
        let mut args = args.to_vec();
        args.resize(98, Value::Null);
        args.push(Value::from(evidence));
        // Rows are merged as they are read: a query over every figure holds the claims, never
        // also a list of all its rows.
        let mut failed = None;
        let out = self.db.stream(&sql, &args, |rows| {
            let mut facts = std::iter::from_fn(|| loop {
                match rows.next()?.and_then(|r| read_fact(&r)) {
                    Ok(Some(fact)) => return Some(fact),
                    Ok(None) => continue,
                    Err(e) => {
                        failed = Some(e);
                        return None;
                    }
                }
            });
            take(&mut facts)
        })?;
        match failed {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }

    /// Fills in the evidence sentences of the claims' sources.
    pub fn fill_evidence(&self, claims: &mut [Claim]) -> Result<(), StoreError> {
        let sql = "SELECT CAST(substr(CAST(text AS BLOB), ?2 + 1, ?3 - ?2) AS TEXT) FROM texts WHERE id = ?1";
        for c in claims {
            for s in &mut c.sources {
                if s.evidence.text.is_empty() && s.evidence.end > s.evidence.start {
                    let (a, b) = (s.evidence.start as i64, s.evidence.end as i64);
                    s.evidence.text = self.db.query_one(sql, args![s.row, a, b], |r| r.get(0))?;
                }
            }
            let text = c.sources.first().map(|s| s.evidence.text.clone()).unwrap_or_default();
            match &mut c.fact {
                Fact::Role(r) => r.evidence.text = text,
                Fact::Event(e) => e.evidence.text = text,
                Fact::Figure(f) => f.evidence.text = text,
                Fact::Document(_) => {}
            }
        }
        Ok(())
    }

    /// SQL for "the fact involves both countries": one range of the pairs' key, newest first, at
    /// most `limit`. Binds ?n, ?n+1, ?n+2.
    fn pair_filter(
        &self,
        kind: &str,
        a: &str,
        b: &str,
        n: usize,
        limit: Option<usize>,
        args: &mut Vec<Value>,
    ) -> Result<String, StoreError> {
        args.push(Value::Text(a.to_string()));
        args.push(Value::Text(b.to_string()));
        args.push(Value::Text(kind.to_string()));
        let limit = limit.map(|l| format!(" ORDER BY date DESC LIMIT {l}")).unwrap_or_default();
        Ok(format!(
            "{DRIVER}SELECT fact_id FROM fact_pairs WHERE a = ?{n} AND b = ?{m} AND kind = ?{k}{limit}",
            m = n + 1,
            k = n + 2
        ))
    }

    /// The ids of the newest `limit` facts of `kind` that name country `a` (by the key's date,
    /// undated last), within `when`: the newest `limit` keys of each of its partners, merged.
    /// Each partner's are one backward range of the pairs' key, so the cost is the number of
    /// partners times `limit`, whatever the number of the country's reports; no index of the
    /// country's keys by date is kept (ingest would pay a page write for each of its keys).
    fn country_newest_keys(&self, a: &str, kind: &str, when: &When<'_>, limit: usize) -> Result<Vec<i64>, StoreError> {
        // The partners: a walk over the distinct second columns of the country's keys.
        let partners: Vec<String> = self.db.query(
            "WITH RECURSIVE partners(b) AS (
                 SELECT min(b) FROM fact_pairs WHERE a = ?1
                 UNION ALL
                 SELECT (SELECT min(b) FROM fact_pairs WHERE a = ?1 AND b > partners.b) FROM partners
                 WHERE partners.b IS NOT NULL)
             SELECT b FROM partners WHERE b IS NOT NULL",
            args![a],
            |r| r.get(0),
        )?;
        let mut keys: Vec<(String, i64)> = Vec::new();
        for b in partners {
            let mut args = vec![Value::Text(a.to_string()), Value::Text(b), Value::Text(kind.to_string())];
            let mut range = when.key_range(&mut args);
            // Once `limit` keys are found, a partner's older keys cannot be among the newest.
            if keys.len() >= limit {
                args.push(Value::Text(keys[limit - 1].0.clone()));
                range.push_str(&format!(" AND date >= ?{}", args.len()));
            }
            let sql = format!(
                "SELECT date, fact_id FROM fact_pairs WHERE a = ?1 AND b = ?2 AND kind = ?3{range} \
                 ORDER BY date DESC, fact_id DESC LIMIT {limit}"
            );
            keys.extend(self.db.query(&sql, &args, |r| Ok((r.get(0)?, r.get(1)?)))?);
            // Newest first; a fact of three countries has a key under each of two partners.
            keys.sort_unstable_by(|x, y| y.cmp(x));
            keys.dedup();
            keys.truncate(limit);
        }
        Ok(keys.into_iter().map(|(_, id)| id).collect())
    }

    /// The people named by events whose name contains `part` (any case): a walk over the
    /// distinct names of `event_persons`' key, a seek per name, not a read of every event.
    fn persons_like(&self, part: &str) -> Result<Vec<String>, StoreError> {
        let sql = "WITH RECURSIVE names(person) AS (
                 SELECT min(person) FROM event_persons
                 UNION ALL
                 SELECT (SELECT min(person) FROM event_persons WHERE person > names.person) FROM names
                 WHERE names.person IS NOT NULL)
             SELECT person FROM names WHERE person LIKE ?1";
        let pattern = format!("%{}%", part.replace(['%', '_'], ""));
        self.db.query(sql, args![pattern], |r| r.get(0))
    }

    /// How many facts of `kind` involve both countries, counted up to `cap`.
    fn pair_count(&self, kind: &str, a: &str, b: &str, cap: usize) -> Result<usize, StoreError> {
        self.db.query_one(
            "SELECT count(*) FROM (SELECT 1 FROM fact_pairs WHERE a = ?1 AND b = ?2 AND kind = ?3 LIMIT ?4) x",
            args![a, b, kind, cap],
            |r| r.get(0),
        )
    }

    /// Figures as a time series: claims ordered by metric, pair and period, with evidence.
    pub fn figures(&self, q: &FigureQuery) -> Result<Vec<Claim>, StoreError> {
        self.figure_claims(q, true)
    }

    fn figure_claims(&self, q: &FigureQuery, evidence: bool) -> Result<Vec<Claim>, StoreError> {
        self.figure_claims_limited(q, evidence, None)
    }

    /// Figures, from at most the `limit` latest reports (by period) of the pair, or of each
    /// metric when no pair is given.
    fn figure_claims_limited(
        &self,
        q: &FigureQuery,
        evidence: bool,
        limit: Option<usize>,
    ) -> Result<Vec<Claim>, StoreError> {
        let mut filter = String::from("f.kind = 'figure'");
        let mut args: Vec<Value> = Vec::new();
        type_and_since(&mut filter, &mut args, q.metric.clone(), &When::of(&q.since, &q.until, q.dated_only));
        if let Some((a, b)) = &q.pair {
            let pair = self.pair_filter("figure", a, b, args.len() + 1, limit, &mut args)?;
            filter.push_str(&pair);
        } else if let Some(l) = limit {
            // Each metric's newest reports: one range of (kind, type, date) read backwards.
            let metrics: Vec<&str> = match &q.metric {
                Some(m) => vec![m.as_str()],
                None => dyad_facts::METRICS.to_vec(),
            };
            let parts: Vec<String> = metrics
                .iter()
                .map(|m| {
                    args.push(Value::Text(m.to_string()));
                    format!(
                        "SELECT fact_id FROM (SELECT id AS fact_id FROM facts WHERE kind = 'figure' AND type = ?{} ORDER BY date DESC LIMIT {l}) x",
                        args.len()
                    )
                })
                .collect();
            filter.push_str(&format!("{DRIVER}{}", parts.join(" UNION ALL ")));
        }
        let mut claims = self.claims_where(&filter, &args, evidence)?;
        claims.sort_by(|a, b| figure_order(&a.fact, &b.fact));
        Ok(claims)
    }

    /// The figures of the `limit` latest periods of a query (a figure without a period dated by
    /// its article), in series order, with evidence. Without `until`, the newest reports are
    /// read first, more only when they hold fewer than `limit` figures: a pair or a metric with
    /// a hundred thousand reports costs what one with a few hundred does.
    pub fn latest_figures(&self, q: &FigureQuery, limit: usize) -> Result<Vec<Claim>, StoreError> {
        let mut kept = self.latest_figure_claims(q, limit)?;
        self.fill_evidence(&mut kept)?;
        Ok(kept)
    }

    /// [`Store::latest_figures`] without the evidence sentences.
    fn latest_figure_claims(&self, q: &FigureQuery, limit: usize) -> Result<Vec<Claim>, StoreError> {
        let claims =
            self.newest_reports(limit, q.until.is_none(), |reports| self.figure_claims_limited(q, false, reports))?;
        let kept = keep_latest(claims, limit);
        // The kept periods again, every report of them: a figure's sources and the other
        // values of its period are never only those of the newest reports.
        let mut periods: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for c in &kept {
            if let Fact::Figure(f) = &c.fact {
                if let Some(p) = &f.period {
                    periods.entry(f.metric.clone()).or_default().push(p.clone());
                }
            }
        }
        let mut full = if periods.is_empty() { Vec::new() } else { self.figure_claims_of_periods(q, &periods)? };
        full.extend(kept.into_iter().filter(|c| matches!(&c.fact, Fact::Figure(f) if f.period.is_none())));
        full.sort_by(|a, b| figure_order(&a.fact, &b.fact));
        Ok(keep_latest(full, limit))
    }

    /// Every figure of a query of the given periods of each metric: a few ranges of the pair's
    /// key (or of each metric's), whatever the number of the query's other reports.
    fn figure_claims_of_periods(
        &self,
        q: &FigureQuery,
        periods: &BTreeMap<String, Vec<String>>,
    ) -> Result<Vec<Claim>, StoreError> {
        let mut filter = String::from("f.kind = 'figure'");
        let mut args: Vec<Value> = Vec::new();
        type_and_since(&mut filter, &mut args, q.metric.clone(), &When::of(&q.since, &q.until, q.dated_only));
        let mut parts = Vec::new();
        for (metric, list) in periods {
            args.push(Value::Text(metric.clone()));
            let m = args.len();
            let list = names_list(list, &mut args);
            parts.push(match &q.pair {
                Some(_) => format!("SELECT CAST(?{m} AS TEXT) AS metric, value AS period FROM json_each(?{list})"),
                None => format!(
                    "SELECT id AS fact_id FROM facts WHERE kind = 'figure' AND type = ?{m} \
                     AND date IN (SELECT value FROM json_each(?{list}))"
                ),
            });
        }
        let driver = match &q.pair {
            Some((a, b)) => {
                args.push(Value::Text(a.clone()));
                args.push(Value::Text(b.clone()));
                let (a, b) = (args.len() - 1, args.len());
                // The pair's keys of each period (the metric is checked on the facts).
                format!(
                    "SELECT DISTINCT k.fact_id FROM ({}) w CROSS JOIN fact_pairs k \
                     ON k.a = ?{a} AND k.b = ?{b} AND k.kind = 'figure' AND k.date = w.period",
                    parts.join(" UNION ")
                )
            }
            None => parts.join(" UNION ALL "),
        };
        filter.push_str(&format!("{DRIVER}{driver}"));
        self.claims_where(&filter, &args, false).map(|mut c| {
            c.retain(|c| matches!(&c.fact, Fact::Figure(f) if f.period.as_ref().is_some_and(|p| periods.get(&f.metric).is_some_and(|l| l.contains(p)))));
            c
        })
    }

    /// The claims of `read` from its newest reports: ten per claim asked, four times as many
    /// while they give fewer than `limit` claims and there may be more, then all (`None`).
    /// With `by_newest` false, all at once.
    fn newest_reports(
        &self,
        limit: usize,
        by_newest: bool,
        read: impl Fn(Option<usize>) -> Result<Vec<Claim>, StoreError>,
    ) -> Result<Vec<Claim>, StoreError> {
        if !by_newest {
            return read(None);
        }
        let mut reports = limit.max(1) * 10;
        loop {
            let claims = read(Some(reports))?;
            let read_rows: usize = claims.iter().map(|c| c.sources.len()).sum();
            // Fewer sources than reports asked: every report was read (a report adds one
            // source, or none when its article already gave the claim, which only makes the
            // test read once more).
            if claims.len() >= limit || read_rows < reports || reports >= NEWEST_MAX {
                return if claims.len() >= limit || read_rows < reports { Ok(claims) } else { read(None) };
            }
            reports *= 4;
        }
    }

    /// Events as a timeline: claims ordered by date (undated last), with evidence.
    pub fn events(&self, q: &EventQuery) -> Result<Vec<Claim>, StoreError> {
        self.event_claims(q, true)
    }

    /// The claims of [`Store::events`] without their evidence sentences, for a list that shows
    /// a page of them ([`Store::fill_evidence`] reads a page's).
    pub fn events_without_evidence(&self, q: &EventQuery) -> Result<Vec<Claim>, StoreError> {
        self.event_claims(q, false)
    }

    fn event_claims(&self, q: &EventQuery, evidence: bool) -> Result<Vec<Claim>, StoreError> {
        self.event_claims_limited(q, evidence, None)
    }

    /// Events, from at most the `limit` latest reports when both countries are given.
    fn event_claims_limited(
        &self,
        q: &EventQuery,
        evidence: bool,
        limit: Option<usize>,
    ) -> Result<Vec<Claim>, StoreError> {
        let mut filter = String::from("f.kind = 'event'");
        let mut args: Vec<Value> = Vec::new();
        let when = When::of(&q.since, &q.until, q.dated_only);
        type_and_since(&mut filter, &mut args, q.kind.as_deref().map(str::to_uppercase), &when);
        // The names a person filter matches, found in the short list of people the events name;
        // their events are then one range of `event_persons`' key per name.
        let persons = match &q.person {
            Some(p) => Some(self.persons_like(p)?),
            None => None,
        };
        let latest = |l: Option<usize>| l.map(|l| format!(" ORDER BY date DESC LIMIT {l}")).unwrap_or_default();
        // One key range drives the query (the facts are looked up from its list): the pair's,
        // else the country's, else the person's; the others are filters checked against it.
        let driver = match (&q.country, &q.with) {
            (Some(a), Some(b)) => self.pair_filter("event", a, b, args.len() + 1, limit, &mut args)?,
            (Some(c), None) | (None, Some(c)) => match limit {
                // With a limit, the country's latest reports by the key's date order (undated,
                // '', last), merged from each partner's newest keys: never all its facts.
                Some(l) => {
                    let ids = self.country_newest_keys(c, "event", &when, l)?;
                    args.push(Value::Text(serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into())));
                    format!("{DRIVER}SELECT CAST(value AS BIGINT) AS fact_id FROM json_each(?{})", args.len())
                }
                None => {
                    args.push(Value::Text(c.clone()));
                    // (A fact of three countries has two keys under each: DISTINCT counts it once.)
                    format!(
                        "{DRIVER}SELECT DISTINCT fact_id FROM fact_pairs WHERE a = ?{} AND kind = 'event'{}",
                        args.len(),
                        when.key_range(&mut args)
                    )
                }
            },
            (None, None) => String::new(),
        };
        if let Some(names) = &persons {
            let list = format!("SELECT value FROM json_each(?{})", names_list(names, &mut args));
            if driver.is_empty() {
                filter.push_str(&format!(
                    "{DRIVER}SELECT DISTINCT fact_id FROM (SELECT fact_id FROM event_persons WHERE person IN ({list}){}{}) x",
                    when.key_range(&mut args),
                    latest(limit)
                ));
            } else {
                filter.push_str(&format!(" AND f.id IN (SELECT fact_id FROM event_persons WHERE person IN ({list}))"));
            }
        }
        filter.push_str(&driver);
        let mut claims = self.claims_where(&filter, &args, evidence)?;
        claims.sort_by_key(|c| event_order(&c.fact));
        Ok(claims)
    }

    /// The latest `limit` events of a query, in time order (undated ones after the dated, when
    /// too few are dated), with evidence. With one or two countries and no type, person or
    /// `until`, only
    /// the newest reports are read (ten per event asked, enough for the articles that report
    /// one event on its days), so that a country with a hundred thousand reports costs what
    /// one with a hundred does.
    pub fn latest_events(&self, q: &EventQuery, limit: usize) -> Result<Vec<Claim>, StoreError> {
        // The newest reports of the key range that drives the query (the countries', or else the
        // person's) are its latest events. `since` and `dated_only` keep them newest; a type,
        // `until`, or a person filter over a country's reports could leave none of them, so
        // those read every report.
        let plain = q.kind.is_none() && q.until.is_none();
        let countries = q.country.is_some() || q.with.is_some();
        let by_newest = plain && countries != q.person.is_some();
        let recent = self.newest_reports(limit, by_newest, |reports| self.event_claims_limited(q, false, reports))?;
        let mut latest = latest_of(recent, limit);
        self.fill_evidence(&mut latest)?;
        Ok(latest)
    }

    /// The first `limit` figures of a query in time-series order, with evidence: the evidence
    /// sentences are read for those only, which keeps a query over every figure of a large
    /// knowledge base to the memory of the facts themselves.
    pub fn first_figures(&self, q: &FigureQuery, limit: usize) -> Result<Vec<Claim>, StoreError> {
        // Claims come in metric order, so without a metric they are read one metric at a time,
        // until `limit` are found: the first page of every figure costs what one metric costs.
        let metrics: Vec<String> = match &q.metric {
            Some(m) => vec![m.clone()],
            None => {
                self.db.query("SELECT DISTINCT type FROM facts WHERE kind = 'figure' ORDER BY type", args![], |r| {
                    r.get(0)
                })?
            }
        };
        let mut claims = Vec::new();
        for metric in metrics {
            if claims.len() >= limit {
                break;
            }
            claims.extend(self.figure_claims(&FigureQuery { metric: Some(metric), ..q.clone() }, false)?);
        }
        claims.truncate(limit);
        self.fill_evidence(&mut claims)?;
        Ok(claims)
    }

    /// The relationship of `a` and `b` on one page: the figures as a time series (per metric,
    /// direction and period, the claim most sources give, marked where others disagree) of the
    /// latest `figure_limit` periods (`None`: all of them), the latest `limit` events, the people
    /// they name, and the latest `limit` articles.
    ///
    /// With a `figure_limit` the work is that of what is shown, as `figures --pair` is: a pair
    /// reported by a hundred thousand articles costs what one with a few hundred does.
    pub fn profile(&self, a: &str, b: &str, limit: usize, figure_limit: Option<usize>) -> Result<Profile, StoreError> {
        let q = FigureQuery { pair: Some((a.into(), b.into())), ..Default::default() };
        let all_figures = match figure_limit {
            Some(n) => self.latest_figure_claims(&q, n)?,
            None => self.figure_claims(&q, false)?,
        };
        let figures_complete = figure_limit.is_none_or(|n| all_figures.len() < n);
        let figure_total = self.pair_count("figure", a, b, EVENT_COUNT_CAP)?;
        // Per metric, direction, unit and period: the claim most sources give.
        let mut best: BTreeMap<(String, String, String, String, String), Claim> = BTreeMap::new();
        for c in all_figures {
            let Fact::Figure(f) = &c.fact else { continue };
            let key =
                (f.metric.clone(), f.from.clone(), f.to.clone(), f.unit.clone(), f.period.clone().unwrap_or_default());
            match best.get(&key) {
                Some(b) if b.sources.len() >= c.sources.len() => {}
                _ => {
                    best.insert(key, c);
                }
            }
        }
        let mut figures: Vec<Claim> = best.into_values().collect();
        figures.sort_by(|a, b| figure_order(&a.fact, &b.fact));
        // The latest events: claims merged from the newest reports, read as `latest_events`
        // reads them (more only while too few events come out), dated ones newest first.
        let pair = EventQuery { country: Some(a.into()), with: Some(b.into()), ..Default::default() };
        let recent = self.newest_reports(limit, true, |reports| self.event_claims_limited(&pair, false, reports))?;
        let event_total = self.pair_count("event", a, b, EVENT_COUNT_CAP)?;
        let mut events = latest_of(recent, limit);
        let mut docs: BTreeMap<String, Option<String>> = BTreeMap::new();
        let mut people: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for c in figures.iter().chain(&events) {
            for s in &c.sources {
                docs.insert(s.doc.clone(), s.published.clone());
            }
        }
        for c in &events {
            if let Fact::Event(e) = &c.fact {
                for p in &e.persons {
                    people.entry(p.clone()).or_default();
                }
            }
        }
        let document_total = docs.len();
        let mut latest: Vec<(Option<String>, String)> = docs.into_iter().map(|(d, p)| (p, d)).collect();
        latest.sort_by(|x, y| y.cmp(x));
        latest.truncate(limit);
        let ids: Vec<String> = latest.into_iter().map(|(_, d)| d).collect();
        // Roles of the people named, as the shown events' articles give them.
        let mut shown_docs: Vec<String> = events.iter().flat_map(|c| c.sources.iter().map(|s| s.doc.clone())).collect();
        shown_docs.sort();
        shown_docs.dedup();
        if !people.is_empty() && !shown_docs.is_empty() {
            let args: Vec<Value> = shown_docs.iter().map(|d| Value::Text(d.clone())).collect();
            let marks = (1..=args.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(",");
            // (`+f.kind`: found through the documents, not by scanning every role.)
            let filter = format!("+f.kind = 'role' AND d.doc IN ({marks})");
            for (fact, _) in self.facts_where(&filter, &args, false)? {
                if let Fact::Role(r) = fact {
                    if let Some(list) = people.get_mut(&r.person) {
                        let role = format!("{} ({})", r.role, r.of);
                        if !list.contains(&role) {
                            list.push(role);
                        }
                    }
                }
            }
        }
        self.fill_evidence(&mut figures)?;
        self.fill_evidence(&mut events)?;
        let conflicts = figures.iter().filter(|c| c.conflict).count();
        let documents = self.documents(&ids)?;
        Ok(Profile {
            pair: (a.into(), b.into()),
            figures,
            events,
            event_total,
            figure_total,
            figures_complete,
            people: people.into_iter().collect(),
            conflicts,
            documents,
            document_total,
        })
    }

    /// Documents by id, newest first.
    pub fn documents(&self, ids: &[String]) -> Result<Vec<DocumentRow>, StoreError> {
        let mut out = Vec::new();
        for id in ids {
            let sql = "SELECT doc, published, title, source, url FROM documents WHERE doc = ?1";
            if let Some(row) = self.db.query_opt(sql, args![id], document_row)? {
                out.push(row);
            }
        }
        out.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.doc.cmp(&b.doc)));
        Ok(out)
    }

    /// Event reports per year and type, oldest year first: of a pair, or of a country with any
    /// partner (`with` None; each event once). Counts kept by ingest (`event_years`).
    pub fn event_years(&self, country: &str, with: Option<&str>) -> Result<Vec<(String, String, usize)>, StoreError> {
        // A database of an older schema opened read-only has no counts until its next ingest.
        if !self.has_tables(&["event_years"])? {
            return Ok(Vec::new());
        }
        self.db.query(
            "SELECT year, type, reports FROM event_years WHERE a = ?1 AND b = ?2 AND reports > 0 ORDER BY year, type",
            args![country, with.unwrap_or("*")],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }

    /// A person as the articles report them: their roles (merged, with sources; the index by
    /// name finds them) and their latest `limit` visits, meetings and other events.
    pub fn person(&self, name: &str, limit: usize) -> Result<PersonProfile, StoreError> {
        // Roles from the counts kept by ingest, each with its five latest reports.
        let mut roles: Vec<PersonRole> = self.db.query(
            "SELECT role, of, reports, first, last FROM person_roles WHERE person = ?1 AND reports > 0
             ORDER BY coalesce(first, ''), role, of",
            args![name],
            |r| {
                Ok(PersonRole {
                    role: r.get(0)?,
                    of: r.get(1)?,
                    reports: r.get(2)?,
                    first: r.get(3)?,
                    last: r.get(4)?,
                    sources: Vec::new(),
                })
            },
        )?;
        for role in &mut roles {
            let mut latest = Vec::new();
            self.each_fact_where(
                "f.id IN (SELECT id FROM facts WHERE kind = 'role' AND json_extract(body, '$.person') = ?1
                    AND type = ?2 AND json_extract(body, '$.of') = ?3 ORDER BY id DESC LIMIT 5)",
                &[Value::Text(name.to_string()), Value::Text(role.role.clone()), Value::Text(role.of.clone())],
                true,
                |facts| latest.extend(facts.into_iter().map(|(_, s)| s)),
            )?;
            role.sources = latest;
        }
        // The newest reports only (ten per event asked, as `latest_events` reads), newest
        // first by the key's date; the undated ('') come last.
        let total: usize = self.db.query_one(
            "SELECT count(*) FROM (SELECT 1 FROM event_persons WHERE person = ?1 LIMIT ?2) x",
            args![name, EVENT_COUNT_CAP],
            |r| r.get(0),
        )?;
        let mut events = self.claims_where(
            &format!("f.kind = 'event'{DRIVER}SELECT fact_id FROM event_persons WHERE person = ?1 ORDER BY date DESC LIMIT ?2"),
            args![name, limit * 10],
            true,
        )?;
        events.sort_by_key(|c| event_order(&c.fact));
        let kept = events.len();
        let events = events.split_off(kept.saturating_sub(limit));
        Ok(PersonProfile { name: name.to_string(), roles, events, event_total: total })
    }

    /// The partners of `country`, most events and figures first: counts kept by ingest
    /// (`pair_stats`), and each partner's latest trade turnover read from the newest few of
    /// the pair's trade figures, so that the work grows with the partners, not the articles.
    pub fn partners(&self, country: &str) -> Result<Vec<Partner>, StoreError> {
        // A database of an older schema opened read-only has no counts yet (the next ingest
        // adds them): they are counted from the facts.
        let sql = if self.has_tables(&["pair_stats"])? {
            "SELECT b, events, figures, documents FROM pair_stats WHERE a = ?1 AND (events > 0 OR figures > 0)"
                .to_string()
        } else {
            format!(
                "SELECT b, events, figures, documents FROM ({}) x WHERE a = ?1",
                crate::schema::PAIR_STATS_FROM_FACTS
            )
        };
        let rows: Vec<(String, i64, i64, i64)> =
            self.db.query(&sql, args![country], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        let trade = "SELECT p.date, f.value FROM fact_pairs p JOIN facts f ON f.id = p.fact_id
             WHERE p.a = ?1 AND p.b = ?2 AND p.kind = 'figure' AND p.date <> ''
               AND f.type = 'trade_turnover' AND f.unit = 'USD'
             ORDER BY p.date DESC LIMIT 50";
        let mut out = Vec::new();
        for (partner, events, figures, sources) in rows {
            let reported: Vec<(String, f64)> =
                self.db.query(trade, args![country, &partner], |r| Ok((r.get(0)?, r.get(1)?)))?;
            // The latest period, and of its values the one most articles give (the first
            // of those on a tie).
            let latest_trade = reported.first().map(|(period, _)| {
                let values: Vec<f64> = reported.iter().filter(|(p, _)| p == period).map(|(_, v)| *v).collect();
                let best = values
                    .iter()
                    .copied()
                    .max_by_key(|v| values.iter().filter(|w| crate::merge::same_value(*v, **w)).count())
                    .unwrap_or(0.0);
                (period.clone(), best)
            });
            out.push(Partner {
                country: partner,
                events: events as usize,
                figures: figures as usize,
                sources: sources as usize,
                latest_trade,
            });
        }
        out.sort_by(|a, b| (b.events + b.figures).cmp(&(a.events + a.figures)).then_with(|| a.country.cmp(&b.country)));
        Ok(out)
    }

    /// Sentences that contain every word of `text` (SQLite FTS5, case and order ignored; a
    /// Russian word in any of its case forms), the most recently stored first, with their facts.
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        self.search_page(text, limit, 0)
    }

    /// How many sentences contain every word of `text`, counted up to `cap` (a count past it
    /// is reported as `cap + 1`, "more than cap").
    pub fn search_count(&self, text: &str, cap: usize) -> Result<usize, StoreError> {
        let Some(query) = fts_query(text, self.db.is_postgres()) else { return Ok(0) };
        self.db.query_one(
            "SELECT count(*) FROM (SELECT 1 FROM sentence_index WHERE sentence_index MATCH ?1 LIMIT ?2) x",
            args![query, cap + 1],
            |r| r.get(0),
        )
    }

    /// The sentences of [`Store::search`] from the `offset`-th on, for paging: the most
    /// recently stored articles' first (FTS5 walks its index backwards and stops at the page).
    /// The index keeps no word positions (`detail=none`, a third of the size), so FTS5's bm25
    /// rank is the same for every match and cannot order them; recency can, and a word in half
    /// the articles of a large knowledge base costs one page, not a sort of every match.
    pub fn search_page(&self, text: &str, limit: usize, offset: usize) -> Result<Vec<SearchHit>, StoreError> {
        let Some(query) = fts_query(text, self.db.is_postgres()) else { return Ok(Vec::new()) };
        let ids: Vec<i64> = self.db.query(
            "SELECT rowid FROM sentence_index WHERE sentence_index MATCH ?1 ORDER BY rowid DESC LIMIT ?2 OFFSET ?3",
            args![query, limit, offset],
            |r| r.get(0),
        )?;
        self.hits(ids)
    }

    /// Search hits of sentence ids: each sentence with its document and facts.
    fn hits(&self, ids: Vec<i64>) -> Result<Vec<SearchHit>, StoreError> {
        let doc_sql =
            "SELECT d.doc, d.published, t.text, t.sentences FROM documents d JOIN texts t ON t.id = d.id WHERE d.id = ?1";
        let mut out = Vec::new();
        for rowid in ids {
            let (id, n) = (rowid >> SENTENCE_BITS, (rowid & ((1 << SENTENCE_BITS) - 1)) as usize);
            let (doc, published, text, spans): (String, Option<String>, String, Vec<u8>) =
                self.db.query_one(doc_sql, args![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
            let Some(&(start, end)) = decode_spans(&spans).get(n) else { continue };
            let facts = self
                .facts_where(
                    "f.document_id = ?1 AND f.ev_start >= ?2 AND f.ev_end <= ?3",
                    &[Value::Integer(id), Value::Integer(start as i64), Value::Integer(end as i64)],
                    true,
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
    pub fn each_fact(&self, kind: &str, mut each: impl FnMut(Fact, Source)) -> Result<(), StoreError> {
        let sql = format!(
            "SELECT {FACT_COLUMNS} FROM facts f JOIN documents d ON d.id = f.document_id WHERE f.kind = ?1 ORDER BY f.id"
        );
        let mut args = vec![Value::from(kind)];
        args.resize(98, Value::Null);
        args.push(Value::from(true));
        self.db.stream(&sql, &args, |rows| {
            for r in rows {
                if let Some((f, source)) = read_fact(&r?)? {
                    each(f, source);
                }
            }
            Ok(())
        })?
    }

    /// One document with its text and facts (evidence included), or None.
    pub fn document(&self, doc: &str) -> Result<Option<(DocumentRow, String, Vec<Fact>)>, StoreError> {
        let row = self.db.query_opt(
            "SELECT d.doc, d.published, d.title, d.source, d.url, d.id, t.text FROM documents d
                 JOIN texts t ON t.id = d.id WHERE d.doc = ?1",
            args![doc],
            |r| Ok((r.get::<i64>(5)?, document_row(r)?, r.get::<String>(6)?)),
        )?;
        let Some((id, row, text)) = row else { return Ok(None) };
        let facts = self.facts_where("f.document_id = ?1 ORDER BY f.id", &[Value::Integer(id)], true)?;
        let mut facts: Vec<Fact> = facts.into_iter().map(|(f, _)| f).collect();
        facts.insert(
            0,
            Fact::Document(dyad_facts::DocumentFact {
                doc: row.doc.clone(),
                published: row.published.clone(),
                title: row.title.clone(),
                language: "en".into(),
                url: row.url.clone(),
            }),
        );
        Ok(Some((row, text, facts)))
    }

    /// A page of documents, newest first.
    pub fn document_page(&self, limit: usize, offset: usize) -> Result<Vec<DocumentRow>, StoreError> {
        self.db.query(
            "SELECT doc, published, title, source, url FROM documents ORDER BY published DESC, doc LIMIT ?1 OFFSET ?2",
            args![limit, offset],
            document_row,
        )
    }

    /// Countries by the number of event and figure facts that name them, most first.
    pub fn countries(&self, limit: usize) -> Result<Vec<(String, usize)>, StoreError> {
        self.db.query(
            "SELECT a, count(DISTINCT fact_id) FROM fact_pairs WHERE kind IN ('event', 'figure')
             GROUP BY a ORDER BY 2 DESC, a LIMIT ?1",
            args![limit],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// The most reported countries, ordered pairs and people, most first, at most `limit` of
    /// each: the pages an analyst opens first (the server computes them ahead of their visits).
    /// Read from the counts ingest keeps; none for a database of an older schema.
    pub fn most_reported(&self, limit: usize) -> Result<MostReported, StoreError> {
        if !self.has_tables(&["pair_stats", "person_roles"])? {
            return Ok(MostReported::default());
        }
        let countries = self.db.query(
            "SELECT a FROM pair_stats GROUP BY a ORDER BY sum(events + figures) DESC, a LIMIT ?1",
            args![limit],
            |r| r.get(0),
        )?;
        let pairs = self.db.query(
            "SELECT a, b FROM pair_stats WHERE events + figures > 0 ORDER BY events + figures DESC, a, b LIMIT ?1",
            args![limit],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let persons = self.db.query(
            "SELECT person FROM person_roles GROUP BY person ORDER BY sum(reports) DESC, person LIMIT ?1",
            args![limit],
            |r| r.get(0),
        )?;
        Ok(MostReported { countries, pairs, persons })
    }

    /// Every stored document, in the order they were stored.
    pub fn all_documents(&self, mut each: impl FnMut(DocumentRow)) -> Result<(), StoreError> {
        self.db.stream("SELECT doc, published, title, source, url FROM documents ORDER BY id", args![], |rows| {
            for r in rows {
                each(document_row(&r?)?);
            }
            Ok(())
        })?
    }

    /// Whether the tables exist: a SQLite file of an older schema opened read-only may lack
    /// the counts ingest keeps (PostgreSQL stores always have them).
    fn has_tables(&self, names: &[&str]) -> Result<bool, StoreError> {
        if self.db.is_postgres() {
            return Ok(true);
        }
        let found: usize = self.db.query_one(
            "SELECT count(*) FROM sqlite_master WHERE name IN (SELECT value FROM json_each(?1))",
            args![serde_json::to_string(names).unwrap_or_default()],
            |r| r.get(0),
        )?;
        Ok(found == names.len())
    }
}

/// The most reports [`Store::newest_reports`] reads by date before it reads them all.
const NEWEST_MAX: usize = 100_000;

/// The `n` latest claims (by their date or period, else the date they hold by), in the order
/// they came.
fn keep_latest(claims: Vec<Claim>, n: usize) -> Vec<Claim> {
    if n >= claims.len() {
        return claims;
    }
    let when = |c: &Claim| {
        let own = match &c.fact {
            Fact::Figure(f) => f.period.clone(),
            Fact::Event(e) => e.date.clone(),
            _ => None,
        };
        own.or_else(|| c.as_of.clone()).unwrap_or_default()
    };
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(when(&claims[i])));
    let keep: std::collections::BTreeSet<usize> = order.into_iter().take(n).collect();
    claims.into_iter().enumerate().filter(|(i, _)| keep.contains(i)).map(|(_, c)| c).collect()
}

/// `names` as one SQL parameter (a JSON array) for `IN (SELECT value FROM json_each(?n))`,
/// bound after `args`; returns the parameter's number.
fn names_list(names: &[String], args: &mut Vec<Value>) -> usize {
    args.push(Value::Text(serde_json::to_string(names).unwrap_or_else(|_| "[]".into())));
    args.len()
}

/// The latest `limit` of claims in time order (undated last): the last dated ones, or, when
/// fewer are dated, all of those and then undated ones.
fn latest_of(claims: Vec<Claim>, limit: usize) -> Vec<Claim> {
    let dated = claims.iter().filter(|c| event_date(&c.fact).is_some()).count();
    if dated >= limit {
        claims[dated - limit..dated].to_vec()
    } else {
        let undated = (limit - dated).min(claims.len() - dated);
        claims[..dated + undated].to_vec()
    }
}

/// The time filters of a query.
struct When<'a> {
    since: Option<&'a str>,
    until: Option<&'a str>,
    dated_only: bool,
}

impl<'a> When<'a> {
    fn of(since: &'a Option<String>, until: &'a Option<String>, dated_only: bool) -> When<'a> {
        When { since: since.as_deref(), until: until.as_deref(), dated_only }
    }

    /// The part of a key's `date` column (the fact's date, '' when undated) that can hold the
    /// dates asked for: a range of the key instead of all of it. The undated stay in unless
    /// only dated facts are asked for (their article's date is checked on the facts).
    fn key_range(&self, args: &mut Vec<Value>) -> String {
        if self.since.is_none() && self.until.is_none() && !self.dated_only {
            return String::new();
        }
        let mut range = vec!["date <> ''".to_string()];
        if let Some(s) = self.since {
            args.push(Value::Text(s.to_string()));
            range.push(format!("date >= ?{}", args.len()));
        }
        if let Some(u) = self.until {
            // "2019" takes every date that starts with 2019: '~' sorts after every date's '-'.
            args.push(Value::Text(format!("{u}~")));
            range.push(format!("date <= ?{}", args.len()));
        }
        let dated = range.join(" AND ");
        if self.dated_only {
            format!(" AND {dated}")
        } else {
            format!(" AND (date = '' OR ({dated}))")
        }
    }
}

/// Adds "the type is `kind_type`" and the time filters to a filter, as bound values. A fact
/// without a date is dated by its article's publication date (the date it held by), unless
/// only dated facts are asked for; "until 2019" takes every date that starts with 2019.
fn type_and_since(filter: &mut String, args: &mut Vec<Value>, kind_type: Option<String>, when: &When<'_>) {
    if let Some(t) = kind_type {
        args.push(Value::Text(t));
        filter.push_str(&format!(" AND f.type = ?{}", args.len()));
    }
    if when.dated_only {
        filter.push_str(" AND f.date IS NOT NULL");
    }
    let date = "coalesce(f.date, d.published)";
    if let Some(s) = when.since {
        args.push(Value::Text(s.to_string()));
        filter.push_str(&format!(" AND {date} >= ?{}", args.len()));
    }
    if let Some(u) = when.until {
        args.push(Value::Text(u.to_string()));
        let n = args.len();
        filter.push_str(&format!(" AND substr({date}, 1, length(CAST(?{n} AS TEXT))) <= ?{n}"));
    }
}

/// A document from the columns `doc, published, title, source, url`.
fn document_row(r: &Row) -> Result<DocumentRow, StoreError> {
    Ok(DocumentRow { doc: r.get(0)?, published: r.get(1)?, title: r.get(2)?, source: r.get(3)?, url: r.get(4)? })
}

/// Figures by metric, pair, period and value.
fn figure_order(a: &Fact, b: &Fact) -> std::cmp::Ordering {
    match (a, b) {
        (Fact::Figure(x), Fact::Figure(y)) => (&x.metric, &x.from, &x.to, &x.period)
            .cmp(&(&y.metric, &y.from, &y.to, &y.period))
            .then(x.value.total_cmp(&y.value)),
        _ => std::cmp::Ordering::Equal,
    }
}

fn event_order(f: &Fact) -> (bool, String, String) {
    match f {
        Fact::Event(e) => (e.date.is_none(), e.date.clone().unwrap_or_default(), e.kind.clone()),
        _ => Default::default(),
    }
}

fn event_date(f: &Fact) -> Option<&str> {
    match f {
        Fact::Event(e) => e.date.as_deref(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::{NewDocument, Store};

    #[test]
    fn search_pages_cover_every_match_once_newest_first() {
        let mut s = Store::open_in_memory().unwrap();
        let docs: Vec<NewDocument> = (0..30)
            .map(|i| {
                let text = if i % 3 == 0 { format!("Talks {i} in Almaty.") } else { format!("Talks {i} in Astana.") };
                NewDocument::new(&format!("d{i:02}"), &text, None, None, None, vec![(0, text.len())], Vec::new())
            })
            .collect();
        s.ingest(&docs).unwrap();
        let mut paged = Vec::new();
        for offset in (0..24).step_by(4) {
            paged.extend(s.search_page("astana", 4, offset).unwrap().into_iter().map(|h| h.doc));
        }
        let newest_first: Vec<String> = (0..30).rev().filter(|i| i % 3 != 0).map(|i| format!("d{i:02}")).collect();
        assert_eq!(paged, newest_first);
        assert_eq!(s.search_count("astana", 100).unwrap(), 20);
    }
}
