//! One connection to either engine the store runs on: an embedded SQLite file (the default) or
//! a PostgreSQL server that a team shares (`--db postgres://...`).
//!
//! Why one layer of SQL, not two stores: every query, the ingest and the counts it keeps are
//! written once, so that the two engines give the same answers by construction and a fix made
//! for one is made for both. The store's SQL is SQLite's; [`postgres_sql`] rewrites the few
//! things PostgreSQL spells differently (numbered parameters, JSON functions, the full-text
//! index, byte offsets into a text) and the parameters take the type PostgreSQL asks for
//! ([`Value`]'s `ToSql`).
//!
//! ```text
//! SELECT person FROM facts WHERE json_extract(body, '$.person') = ?2 AND type = ?1
//!   -> SELECT person FROM facts WHERE ((body)::jsonb ->> 'person') = $2 AND type = $1
//! ```

use std::cell::RefCell;
use std::collections::HashMap;
use std::error::Error;

use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{FromSql, IsNull, ToSql, Type};

use crate::StoreError;

/// A value bound to a query or read from a row, as SQLite types them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}
impl From<&String> for Value {
    fn from(s: &String) -> Value {
        Value::Text(s.clone())
    }
}
impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Integer(n)
    }
}
impl From<usize> for Value {
    fn from(n: usize) -> Value {
        Value::Integer(n as i64)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Integer(b as i64)
    }
}
impl From<f64> for Value {
    fn from(x: f64) -> Value {
        Value::Real(x)
    }
}
impl From<Vec<u8>> for Value {
    fn from(b: Vec<u8>) -> Value {
        Value::Blob(b)
    }
}
impl<T: Clone + Into<Value>> From<&Option<T>> for Value {
    fn from(v: &Option<T>) -> Value {
        v.clone().map_or(Value::Null, Into::into)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

/// The values of a query's parameters `?1`, `?2`, ... in order.
macro_rules! args {
    ($($x:expr),* $(,)?) => { &[$(crate::db::Value::from($x)),*][..] };
}
pub(crate) use args;

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::ValueRef;
        Ok(rusqlite::types::ToSqlOutput::Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Integer(n) => ValueRef::Integer(*n),
            Value::Real(x) => ValueRef::Real(*x),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

type BoxError = Box<dyn Error + Sync + Send>;

/// A parameter in the type PostgreSQL infers for it: SQLite's loose types (an integer used as a
/// truth value, a number compared with a text) are converted here, once.
impl ToSql for Value {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, BoxError> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(n) => match *ty {
                Type::BOOL => (*n != 0).to_sql(ty, out),
                Type::INT2 => i16::try_from(*n)?.to_sql(ty, out),
                Type::INT4 => i32::try_from(*n)?.to_sql(ty, out),
                Type::FLOAT4 => (*n as f32).to_sql(ty, out),
                Type::FLOAT8 => (*n as f64).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR | Type::UNKNOWN => n.to_string().to_sql(&Type::TEXT, out),
                _ => n.to_sql(&Type::INT8, out),
            },
            Value::Real(x) => match *ty {
                Type::FLOAT4 => (*x as f32).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => x.to_string().to_sql(&Type::TEXT, out),
                _ => x.to_sql(&Type::FLOAT8, out),
            },
            Value::Text(s) => match *ty {
                Type::JSONB => {
                    out.extend_from_slice(&[1]);
                    out.extend_from_slice(s.as_bytes());
                    Ok(IsNull::No)
                }
                Type::INT8 => s.parse::<i64>()?.to_sql(ty, out),
                Type::INT4 => s.parse::<i32>()?.to_sql(ty, out),
                _ => {
                    out.extend_from_slice(s.as_bytes());
                    Ok(IsNull::No)
                }
            },
            Value::Blob(b) => b.as_slice().to_sql(&Type::BYTEA, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// A column read from PostgreSQL as the SQLite value it stands for.
impl<'a> FromSql<'a> for Value {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Value, BoxError> {
        Ok(match *ty {
            Type::BOOL => Value::Integer(bool::from_sql(ty, raw)? as i64),
            Type::INT2 => Value::Integer(i16::from_sql(ty, raw)?.into()),
            Type::INT4 => Value::Integer(i32::from_sql(ty, raw)?.into()),
            Type::INT8 => Value::Integer(i64::from_sql(ty, raw)?),
            Type::FLOAT4 => Value::Real(f32::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
            Type::BYTEA => Value::Blob(raw.to_vec()),
            Type::JSONB => Value::Text(String::from_utf8(raw.get(1..).unwrap_or_default().to_vec())?),
            _ => Value::Text(String::from_utf8(raw.to_vec())?),
        })
    }

    fn from_sql_null(_: &Type) -> Result<Value, BoxError> {
        Ok(Value::Null)
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// One row of an answer.
pub(crate) struct Row(Vec<Value>);

impl Row {
    /// Column `i` as a `T`.
    pub fn get<T: FromValue>(&self, i: usize) -> Result<T, StoreError> {
        T::from_value(self.0.get(i).unwrap_or(&Value::Null))
            .ok_or_else(|| StoreError(format!("column {i}: unexpected {:?}", self.0.get(i))))
    }
}

/// What a column can be read as.
pub(crate) trait FromValue: Sized {
    fn from_value(v: &Value) -> Option<Self>;
}

impl FromValue for i64 {
    fn from_value(v: &Value) -> Option<i64> {
        match v {
            Value::Integer(n) => Some(*n),
            Value::Real(x) => Some(*x as i64),
            _ => None,
        }
    }
}
impl FromValue for usize {
    fn from_value(v: &Value) -> Option<usize> {
        i64::from_value(v).map(|n| n.max(0) as usize)
    }
}
impl FromValue for f64 {
    fn from_value(v: &Value) -> Option<f64> {
        match v {
            Value::Integer(n) => Some(*n as f64),
            Value::Real(x) => Some(*x),
            _ => None,
        }
    }
}
impl FromValue for String {
    fn from_value(v: &Value) -> Option<String> {
        match v {
            Value::Text(s) => Some(s.clone()),
            Value::Integer(n) => Some(n.to_string()),
            Value::Real(x) => Some(x.to_string()),
            _ => None,
        }
    }
}
impl FromValue for Vec<u8> {
    fn from_value(v: &Value) -> Option<Vec<u8>> {
        match v {
            Value::Blob(b) => Some(b.clone()),
            Value::Text(s) => Some(s.as_bytes().to_vec()),
            _ => None,
        }
    }
}
impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: &Value) -> Option<Option<T>> {
        match v {
            Value::Null => Some(None),
            v => T::from_value(v).map(Some),
        }
    }
}

/// A connection to one of the two engines.
pub(crate) enum Db {
    Sqlite(rusqlite::Connection),
    Postgres(Box<RefCell<Pg>>),
}

/// A PostgreSQL connection and its prepared statements (by the store's SQL text).
pub(crate) struct Pg {
    /// Always there but while it is dropped ([`Pg`]'s `Drop`).
    client: Option<postgres::Client>,
    statements: HashMap<String, (postgres::Statement, Vec<usize>)>,
}

impl Drop for Pg {
    /// Closing the connection blocks as every call does (see [`blocking`]).
    fn drop(&mut self) {
        let client = self.client.take();
        blocking(move || drop(client));
    }
}

impl Pg {
    pub fn new(client: postgres::Client) -> Pg {
        Pg { client: Some(client), statements: HashMap::new() }
    }

    fn client(&mut self) -> &mut postgres::Client {
        self.client.as_mut().expect("a connection until dropped")
    }

    /// What cancels this connection's running query from another thread.
    pub fn cancel_token(&self) -> postgres::CancelToken {
        self.client.as_ref().expect("a connection until dropped").cancel_token()
    }

    fn statement(&mut self, sql: &str) -> Result<(postgres::Statement, Vec<usize>), StoreError> {
        blocking(|| self.prepare(sql))
    }

    fn prepare(&mut self, sql: &str) -> Result<(postgres::Statement, Vec<usize>), StoreError> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let (text, order) = postgres_sql(sql);
        let stmt =
            self.client().prepare(&text).map_err(|e| StoreError(format!("{}\n  in: {text}", describe_pg(&e))))?;
        if self.statements.len() > 512 {
            self.statements.clear();
        }
        self.statements.insert(sql.to_string(), (stmt.clone(), order.clone()));
        Ok((stmt, order))
    }
}

/// Runs a call of the synchronous PostgreSQL client. The client blocks on a runtime of its
/// own, which tokio forbids on a thread that runs async tasks (the server's request handlers
/// check the cache and open stores there): such a call is made on a thread of its own, unless
/// the caller said its thread may block ([`on_blocking_thread`]).
pub(crate) fn blocking<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    if MAY_BLOCK.get() || tokio::runtime::Handle::try_current().is_err() {
        return f();
    }
    std::thread::scope(|s| s.spawn(f).join().expect("a PostgreSQL call panicked"))
}

thread_local! {
    static MAY_BLOCK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` on a thread that may block although it belongs to an async runtime (tokio's
/// `spawn_blocking` threads): the store's PostgreSQL calls in `f` are made right there, not
/// each on a thread of its own.
pub fn on_blocking_thread<T>(f: impl FnOnce() -> T) -> T {
    let before = MAY_BLOCK.replace(true);
    let out = f();
    MAY_BLOCK.set(before);
    out
}

const NULL: Value = Value::Null;

/// The parameters of a rewritten statement: `$k` is the `order[k-1]`-th of `args`.
fn ordered<'a>(args: &'a [Value], order: &[usize]) -> Vec<&'a Value> {
    order.iter().map(|&i| args.get(i).unwrap_or(&NULL)).collect()
}

fn sqlite_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    use rusqlite::types::ValueRef;
    let n = r.as_ref().column_count();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(match r.get_ref(i)? {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(n) => Value::Integer(n),
            ValueRef::Real(x) => Value::Real(x),
            ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        });
    }
    Ok(Row(out))
}

fn pg_row(r: &postgres::Row) -> Result<Row, StoreError> {
    (0..r.len()).map(|i| r.try_get::<_, Value>(i).map_err(pg_error)).collect::<Result<_, _>>().map(Row)
}

fn pg_error(e: postgres::Error) -> StoreError {
    StoreError(describe_pg(&e))
}

/// PostgreSQL's error in words: the server's message when it sent one.
pub(crate) fn describe_pg(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(d) => format!("PostgreSQL: {}", d.message()),
        None => format!("PostgreSQL: {e}"),
    }
}

/// Whether a PostgreSQL error means "try the transaction again": a deadlock between writers,
/// a serialization failure, or a key another writer stored meanwhile.
pub(crate) fn is_retryable(e: &StoreError) -> bool {
    ["deadlock detected", "could not serialize", "duplicate key value"].iter().any(|m| e.0.contains(m))
}

impl Db {
    /// Whether this is PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        matches!(self, Db::Postgres(_))
    }

    /// Runs a statement; the number of rows it changed.
    pub fn execute(&self, sql: &str, args: &[Value]) -> Result<usize, StoreError> {
        match self {
            Db::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                bind(&mut stmt, args)?;
                Ok(stmt.raw_execute()?)
            }
            Db::Postgres(p) => {
                let mut p = p.borrow_mut();
                let (stmt, order) = p.statement(sql)?;
                let params = ordered(args, &order);
                let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|v| *v as &(dyn ToSql + Sync)).collect();
                let client = p.client();
                Ok(blocking(|| client.execute(&stmt, &refs)).map_err(pg_error)? as usize)
            }
        }
    }

    /// Inserts a row and gives its `id`; with `unique` (a unique column), none when a row of
    /// that key is there (stored meanwhile by another writer: PostgreSQL waits for its
    /// transaction). On SQLite, the plain statement and the last row id: a `RETURNING` or
    /// `ON CONFLICT` clause opens a statement savepoint, and at each one the full-text index
    /// writes out what it holds in memory (a flush per article made ingest twice as slow).
    pub fn insert(&self, sql: &str, args: &[Value], unique: Option<&str>) -> Result<Option<i64>, StoreError> {
        match self {
            Db::Sqlite(c) => {
                self.execute(sql, args)?;
                Ok(Some(c.last_insert_rowid()))
            }
            Db::Postgres(_) => {
                let sql = match unique {
                    Some(column) => format!("{sql} ON CONFLICT ({column}) DO NOTHING RETURNING id"),
                    None => format!("{sql} RETURNING id"),
                };
                self.query_opt(&sql, args, |r| r.get(0))
            }
        }
    }

    /// Each row of a query, read by `f`.
    pub fn query<T>(
        &self,
        sql: &str,
        args: &[Value],
        mut f: impl FnMut(&Row) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        self.stream(sql, args, |rows| {
            let mut out = Vec::new();
            for r in rows {
                out.push(f(&r?)?);
            }
            Ok(out)
        })?
    }

    /// The first row of a query, if any.
    pub fn query_opt<T>(
        &self,
        sql: &str,
        args: &[Value],
        f: impl FnOnce(&Row) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        self.stream(sql, args, |rows| rows.next().transpose()?.as_ref().map(f).transpose())?
    }

    /// The first row of a query, which must have one.
    pub fn query_one<T>(
        &self,
        sql: &str,
        args: &[Value],
        f: impl FnOnce(&Row) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.query_opt(sql, args, f)?.ok_or_else(|| StoreError("a query gave no row".into()))
    }

    /// Hands the rows of a query to `take` as they are read (an export of a million facts
    /// holds one at a time). `take` must not query this connection again.
    pub fn stream<T>(
        &self,
        sql: &str,
        args: &[Value],
        take: impl FnOnce(&mut dyn Iterator<Item = Result<Row, StoreError>>) -> T,
    ) -> Result<T, StoreError> {
        match self {
            Db::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                bind(&mut stmt, args)?;
                let mut rows = stmt.raw_query();
                let mut it = std::iter::from_fn(|| match rows.next() {
                    Ok(Some(r)) => Some(sqlite_row(r).map_err(StoreError::from)),
                    Ok(None) => None,
                    Err(e) => Some(Err(e.into())),
                });
                Ok(take(&mut it))
            }
            Db::Postgres(p) => {
                let mut p = p.borrow_mut();
                let (stmt, order) = p.statement(sql)?;
                let params = ordered(args, &order);
                if !MAY_BLOCK.get() && tokio::runtime::Handle::try_current().is_ok() {
                    // Inside a runtime: every row read would block; all are read at once.
                    let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|v| *v as &(dyn ToSql + Sync)).collect();
                    let client = p.client();
                    let rows = blocking(|| client.query(&stmt, &refs)).map_err(pg_error)?;
                    return Ok(take(&mut rows.iter().map(pg_row)));
                }
                let rows = p.client().query_raw(&stmt, params).map_err(pg_error)?;
                let mut it = rows.iterator().map(|r| r.map_err(pg_error).and_then(|r| pg_row(&r)));
                Ok(take(&mut it))
            }
        }
    }

    /// Runs statements without parameters (schema changes).
    pub fn batch(&self, sql: &str) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Db::Postgres(p) => {
                let mut p = p.borrow_mut();
                let client = p.client();
                blocking(|| client.batch_execute(sql)).map_err(pg_error)
            }
        }
    }

    /// Runs `f` in a transaction: committed when it succeeds, rolled back when it fails.
    pub fn transaction<T>(&self, f: impl FnOnce() -> Result<T, StoreError>) -> Result<T, StoreError> {
        self.batch("BEGIN")?;
        match f() {
            Ok(v) => {
                self.batch("COMMIT").inspect_err(|_| {
                    let _ = self.batch("ROLLBACK");
                })?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.batch("ROLLBACK");
                Err(e)
            }
        }
    }
}

fn bind(stmt: &mut rusqlite::CachedStatement<'_>, args: &[Value]) -> Result<(), StoreError> {
    let n = stmt.parameter_count();
    for (i, a) in args.iter().enumerate().take(n) {
        stmt.raw_bind_parameter(i + 1, a)?;
    }
    Ok(())
}

/// The store's SQLite SQL as PostgreSQL reads it, and the order of its parameters: `$k` is the
/// `order[k-1]`-th value bound (`?99` alone becomes `$1`: PostgreSQL must know every
/// parameter's type, so none may go unused).
pub(crate) fn postgres_sql(sql: &str) -> (String, Vec<usize>) {
    let mut s = sql.replace(" CROSS JOIN ", " JOIN ").replace("+f.kind", "f.kind");
    if let Some(rest) = s.strip_prefix("INSERT OR IGNORE INTO ") {
        s = format!("INSERT INTO {rest} ON CONFLICT DO NOTHING");
    }
    s = s.replace("sentence_index MATCH ?1", "terms @@ to_tsquery('simple', ?1)");
    s = s.replace(" LIKE ?", " ILIKE ?");
    s = rewrite_calls(&s, "json_extract(", |args| {
        let (col, key) = json_args(args)?;
        Some(format!("(({col})::jsonb ->> '{key}')"))
    });
    s = rewrite_calls(&s, "json_each(", |args| match json_args(args) {
        Some((col, key)) => Some(format!("jsonb_array_elements_text(({col})::jsonb -> '{key}')")),
        None => Some(format!("jsonb_array_elements_text(({})::jsonb)", args.trim())),
    });
    // A byte range of a text: SQLite casts to a blob; PostgreSQL converts to bytes and back.
    s = rewrite_calls(&s, "CAST(substr(CAST(", |args| {
        let (inner, rest) = args.split_once(" AS BLOB), ")?;
        let rest = rest.strip_suffix(") AS TEXT")?;
        let (from, len) = rest.split_once(", ")?;
        Some(format!(
            "convert_from(substring(convert_to({inner}, 'UTF8') FROM ({from})::int FOR ({len})::int), 'UTF8')"
        ))
    });
    number_parameters(&s)
}

/// `json_extract`'s and `json_each`'s arguments `X, '$.key'` as (X, key).
fn json_args(args: &str) -> Option<(&str, &str)> {
    let (col, path) = args.rsplit_once(", '$.")?;
    Some((col.trim(), path.strip_suffix('\'')?))
}

/// Replaces each call `name(args)` (balanced parentheses) by what `f` makes of its arguments.
fn rewrite_calls(sql: &str, name: &str, f: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(at) = rest.find(name) {
        out.push_str(&rest[..at]);
        let after = &rest[at + name.len()..];
        // The call's end: where the parentheses opened by `name` close.
        let opened = name.matches('(').count() as i32;
        let mut depth = opened;
        let mut end = None;
        for (i, c) in after.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        match end.and_then(|e| f(&after[..e]).map(|r| (e, r))) {
            Some((e, replaced)) => {
                out.push_str(&replaced);
                rest = &after[e + 1..];
            }
            None => {
                out.push_str(name);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `?n` parameters as `$k`, numbered in the order of `n`, outside quoted strings.
fn number_parameters(sql: &str) -> (String, Vec<usize>) {
    let mut used: Vec<usize> = Vec::new();
    let bytes = sql.as_bytes();
    let mut quoted = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => quoted = !quoted,
            b'?' if !quoted => {
                let digits = bytes[i + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
                if let Ok(n) = sql[i + 1..i + 1 + digits].parse::<usize>() {
                    used.push(n - 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    used.sort_unstable();
    used.dedup();
    let mut out = String::with_capacity(sql.len());
    let mut quoted = false;
    let mut chars = sql.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\'' {
            quoted = !quoted;
        }
        if c == '?' && !quoted {
            let digits = sql[i + 1..].bytes().take_while(|b| b.is_ascii_digit()).count();
            if let Ok(n) = sql[i + 1..i + 1 + digits].parse::<usize>() {
                let k = used.binary_search(&(n - 1)).unwrap_or(0) + 1;
                out.push_str(&format!("${k}"));
                for _ in 0..digits {
                    chars.next();
                }
                continue;
            }
        }
        out.push(c);
    }
    (out, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_numbered_in_order_and_gaps_closed() {
        let (sql, order) = postgres_sql("SELECT a FROM t WHERE x = ?3 AND y = '?1' AND z = ?99 AND w = ?3");
        assert_eq!(sql, "SELECT a FROM t WHERE x = $1 AND y = '?1' AND z = $2 AND w = $1");
        assert_eq!(order, vec![2, 98]);
    }

    #[test]
    fn sqlite_functions_are_rewritten() {
        let (sql, _) = postgres_sql(
            "SELECT json_extract(f.body, '$.person'), value FROM json_each(?1) \
             WHERE CAST(substr(CAST(t.text AS BLOB), f.ev_start + 1, f.ev_end - f.ev_start) AS TEXT) <> ''",
        );
        assert_eq!(
            sql,
            "SELECT ((f.body)::jsonb ->> 'person'), value FROM jsonb_array_elements_text(($1)::jsonb) \
             WHERE convert_from(substring(convert_to(t.text, 'UTF8') FROM (f.ev_start + 1)::int \
             FOR (f.ev_end - f.ev_start)::int), 'UTF8') <> ''"
        );
        let (sql, _) = postgres_sql("SELECT p.value FROM facts f, json_each(f.body, '$.persons') p");
        assert_eq!(sql, "SELECT p.value FROM facts f, jsonb_array_elements_text((f.body)::jsonb -> 'persons') p");
    }
}
