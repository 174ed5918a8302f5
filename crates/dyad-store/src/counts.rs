//! The counts ingest keeps beside the facts (`pair_stats`, `event_years`, `person_roles`):
//! gathered over a whole batch, then written once, in key order, at its end.
//!
//! Why at the end and in order: on PostgreSQL several `dyad ingest` processes write at once and
//! share these rows (every writer of Chinese news adds to KAZ-CHN). A transaction that updated
//! them article by article held KAZ-CHN while it waited for KAZ-JPN, and another the other way
//! round: a deadlock. Taken in one order by every writer, after all of a batch's other rows,
//! a count row is only ever waited for, never waited for in a circle. It is also one write per
//! row and batch instead of one per article.
//!
//! Example: a batch of two articles that both report KAZ-CHN trade adds (0 events, 2 figures,
//! 2 documents) to the rows KAZ-CHN and CHN-KAZ of `pair_stats`, one upsert each.

use std::collections::{BTreeMap, HashMap};

use dyad_facts::Fact;

use crate::db::{args, Db};
use crate::schema::FactRow;
use crate::StoreError;

/// What a batch adds to (or takes from) the kept counts.
#[derive(Default)]
pub(crate) struct Counts {
    /// Per ordered pair of different countries: events, figures, documents.
    pairs: BTreeMap<(String, String), (i64, i64, i64)>,
    /// Per pair (or country and "*"), year and event type: reports.
    years: BTreeMap<(String, String, String, String), i64>,
    /// Per person, role and country.
    roles: BTreeMap<(String, String, String), RoleCount>,
}

/// A role's reports added or taken away, and the publication dates of those added.
#[derive(Default)]
struct RoleCount {
    reports: i64,
    first: Option<String>,
    last: Option<String>,
    /// Some report was taken away: the first and last dates are read again from the facts.
    removed: bool,
}

impl Counts {
    /// A document's facts added (`sign` 1) or taken away (-1); the document counts once per
    /// pair, whatever the number of its facts of the pair.
    pub fn document(&mut self, facts: &[Fact], published: Option<&str>, sign: i64) {
        let mut pairs: HashMap<(String, String), (i64, i64)> = HashMap::new();
        for f in facts {
            let Some(row) = FactRow::of(f) else { continue };
            self.fact(&row, &mut pairs, sign);
            if let Fact::Role(r) = f {
                let c = self.roles.entry((r.person.clone(), r.role.clone(), r.of.clone())).or_default();
                c.reports += sign;
                if sign < 0 {
                    c.removed = true;
                } else if let Some(p) = published {
                    if c.first.as_deref().is_none_or(|f| p < f) {
                        c.first = Some(p.to_string());
                    }
                    if c.last.as_deref().is_none_or(|l| p > l) {
                        c.last = Some(p.to_string());
                    }
                }
            }
        }
        for (pair, (events, figures)) in pairs {
            let e = self.pairs.entry(pair).or_default();
            *e = (e.0 + sign * events, e.1 + sign * figures, e.2 + sign);
        }
    }

    /// A fact's counts: per pair of its countries, and (for a dated event) per country and
    /// year once, with the partner "*", whatever the number of its other countries.
    fn fact(&mut self, row: &FactRow, pairs: &mut HashMap<(String, String), (i64, i64)>, sign: i64) {
        let year = (row.kind == "event").then(|| row.date.as_deref().and_then(|d| d.get(..4))).flatten();
        for (a, b) in row.pairs() {
            if a == b || !matches!(row.kind, "event" | "figure") {
                continue;
            }
            if let Some(y) = year {
                *self.years.entry((a.into(), b.into(), y.into(), row.kind_type.clone())).or_default() += sign;
            }
            let e = pairs.entry((a.to_string(), b.to_string())).or_default();
            match row.kind {
                "event" => e.0 += 1,
                _ => e.1 += 1,
            }
        }
        if let Some(y) = year {
            for c in &row.countries {
                *self.years.entry((c.clone(), "*".into(), y.into(), row.kind_type.clone())).or_default() += sign;
            }
        }
    }

    /// Writes the batch's counts, in key order, once the batch's facts are stored (the dates of
    /// a role some report of which was taken away are read from them); rows left at zero go.
    pub fn apply(&mut self, db: &Db) -> Result<(), StoreError> {
        for ((a, b), (events, figures, documents)) in std::mem::take(&mut self.pairs) {
            db.execute(
                "INSERT INTO pair_stats (a, b, events, figures, documents) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (a, b) DO UPDATE SET events = pair_stats.events + ?3,
                     figures = pair_stats.figures + ?4, documents = pair_stats.documents + ?5",
                args![a.as_str(), b.as_str(), events, figures, documents],
            )?;
            if documents <= 0 {
                db.execute("DELETE FROM pair_stats WHERE a = ?1 AND b = ?2 AND documents <= 0", args![a, b])?;
            }
        }
        for ((a, b, y, t), n) in std::mem::take(&mut self.years) {
            db.execute(
                "INSERT INTO event_years (a, b, year, type, reports) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (a, b, year, type) DO UPDATE SET reports = event_years.reports + ?5",
                args![a.as_str(), b.as_str(), y.as_str(), t.as_str(), n],
            )?;
            if n <= 0 {
                db.execute(
                    "DELETE FROM event_years WHERE a = ?1 AND b = ?2 AND year = ?3 AND type = ?4 AND reports <= 0",
                    args![a, b, y, t],
                )?;
            }
        }
        for ((person, role, of), c) in std::mem::take(&mut self.roles) {
            db.execute(
                "INSERT INTO person_roles (person, role, of, reports, first, last) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (person, role, of) DO UPDATE SET reports = person_roles.reports + ?4,
                     first = CASE WHEN excluded.first IS NOT NULL AND (person_roles.first IS NULL
                                  OR excluded.first < person_roles.first)
                             THEN excluded.first ELSE person_roles.first END,
                     last = CASE WHEN excluded.last IS NOT NULL AND (person_roles.last IS NULL
                                 OR excluded.last > person_roles.last)
                            THEN excluded.last ELSE person_roles.last END",
                args![person.as_str(), role.as_str(), of.as_str(), c.reports, &c.first, &c.last],
            )?;
            if c.removed {
                // The first and last dates again, from the reports that are left.
                db.execute(
                    "UPDATE person_roles SET (first, last) = (SELECT min(d.published), max(d.published)
                         FROM facts f JOIN documents d ON d.id = f.document_id
                         WHERE f.kind = 'role' AND json_extract(f.body, '$.person') = ?1 AND f.type = ?2
                           AND json_extract(f.body, '$.of') = ?3)
                     WHERE person = ?1 AND role = ?2 AND of = ?3",
                    args![person.as_str(), role.as_str(), of.as_str()],
                )?;
                db.execute(
                    "DELETE FROM person_roles WHERE person = ?1 AND role = ?2 AND of = ?3 AND reports <= 0",
                    args![person, role, of],
                )?;
            }
        }
        Ok(())
    }
}
