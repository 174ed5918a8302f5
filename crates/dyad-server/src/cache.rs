//! Answers to GET requests kept in memory until the database changes: a pair's page is the same
//! for every analyst who opens it until the next ingest, by this server or by any other process
//! ([`dyad_store::Store::data_version`] tells). The key is the path and the query parameters the
//! routes read, in a fixed order: "?x=1" or a reordered query is the same answer, not a new
//! computation (unknown parameters would otherwise let any client make every request a miss).
//!
//! After another process changes the database, the pages (not the `/api/` answers) computed
//! before the change are kept aside as stale, and served while the most visited pages are
//! computed again (`warm.rs`, a few seconds; never past [`STALE_MAX`]): an analyst sees the
//! knowledge base as it was a few seconds ago instead of waiting behind forty first visits.
//! An ingest through this server, and every `/api/` answer, is fresh at once.

use std::collections::{HashMap, VecDeque};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body, Bytes, HttpBody as _};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use dyad_store::Store;

/// The query parameters that some route reads. Others change no answer.
const PARAMETERS: &[&str] = &[
    "country", "e", "fformat", "format", "fpage", "fsince", "fsort", "funtil", "kind", "limit", "metric", "modality",
    "offset", "page", "pair", "person", "q", "s", "since", "sort", "text", "type", "until", "with",
];

/// A parameter's name, percent-decoded as the routes read it ("%6Cimit" is "limit").
fn decoded_name(param: &str) -> String {
    let raw = param.split('=').next().unwrap_or("").as_bytes();
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match raw[i] {
            b'%' if i + 2 < raw.len() => match (hex(raw[i + 1]), hex(raw[i + 2])) {
                (Some(a), Some(b)) => {
                    out.push((a * 16 + b) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The cache key of a request: its path and the known parameters, ordered by name (the order
/// of one name's repeats kept).
fn cache_key(uri: &axum::http::Uri) -> String {
    let mut params: Vec<(String, &str)> = uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| (decoded_name(p), p))
        .filter(|(name, _)| PARAMETERS.contains(&name.as_str()))
        .collect();
    params.sort_by(|a, b| a.0.cmp(&b.0));
    if params.is_empty() {
        return uri.path().to_string();
    }
    let kept: Vec<&str> = params.iter().map(|(_, p)| *p).collect();
    format!("{}?{}", uri.path(), kept.join("&"))
}

/// The bytes of all kept answers together (the pages computed ahead, `warm.rs`, are 0.1-0.3 MB
/// each at 100,000 articles), and the largest answer kept; a larger one is sent as it is made
/// and not kept.
const BYTES: usize = 64 << 20;
/// The longest a stale page is served after the change that made it stale.
pub(crate) const STALE_MAX: Duration = Duration::from_secs(30);
const LARGEST: usize = 1 << 20;
/// Most answers being computed tracked at once.
const ENTRIES: usize = 512;

/// The cache, and the connection that watches the database for commits.
pub(crate) struct Cache {
    inner: Mutex<Inner>,
    /// One lock per answer being computed: requests for the same page wait for the first one
    /// instead of all computing it at once.
    computing: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    /// How many times the kept answers have been forgotten because the database changed.
    generation: AtomicU64,
    /// Whether pages kept before a change may be served until they are computed again (only
    /// when the server computes them again: `--warm` above 0).
    serve_stale: bool,
}

/// Marks a request that must be answered from the database as it is now, never from a stale
/// page: the server's own computing of pages ahead (a client cannot set it).
#[derive(Clone, Copy)]
pub(crate) struct Fresh;

struct Inner {
    watch: Store,
    version: i64,
    answers: HashMap<String, (Option<HeaderValue>, Bytes)>,
    /// Keys in the order they were kept: the oldest go first when the bytes run out.
    order: VecDeque<String>,
    bytes: usize,
    /// The pages kept before the database last changed, and when it did.
    stale: HashMap<String, (Option<HeaderValue>, Bytes)>,
    stale_at: Option<Instant>,
}

impl Inner {
    fn clear(&mut self) {
        self.answers.clear();
        self.order.clear();
        self.bytes = 0;
    }

    /// The database changed: the pages kept become the stale ones (unless stale ones from a
    /// change moments ago are still held: they stay, and the answers computed since go), the
    /// `/api/` answers go.
    fn changed(&mut self) {
        let fresh = self.stale_at.is_some_and(|t| t.elapsed() < STALE_MAX);
        if !fresh {
            self.stale = std::mem::take(&mut self.answers);
            self.stale.retain(|k, _| !k.starts_with("/api/"));
            self.stale_at = Some(Instant::now());
        }
        self.clear();
    }
}

impl Cache {
    pub(crate) fn new(db: &Path, serve_stale: bool) -> Result<Cache, dyad_store::StoreError> {
        let watch = Store::open_read_only(db)?;
        let version = watch.data_version()?;
        Ok(Cache {
            inner: Mutex::new(Inner {
                watch,
                version,
                answers: HashMap::new(),
                order: VecDeque::new(),
                bytes: 0,
                stale: HashMap::new(),
                stale_at: None,
            }),
            computing: Mutex::new(HashMap::new()),
            generation: AtomicU64::new(0),
            serve_stale,
        })
    }

    /// The kept answer for `key`, if the database has not changed since.
    fn get(&self, key: &str) -> Option<(Option<HeaderValue>, Bytes)> {
        let mut inner = self.inner.lock().ok()?;
        let version: i64 = inner.watch.data_version().ok()?;
        if version != inner.version {
            inner.version = version;
            inner.changed();
            self.generation.fetch_add(1, Ordering::SeqCst);
            return None;
        }
        inner.answers.get(key).cloned()
    }

    /// The page kept for `key` before the database last changed, until the pages have been
    /// computed again and for at most [`STALE_MAX`].
    fn stale(&self, key: &str) -> Option<(Option<HeaderValue>, Bytes)> {
        if !self.serve_stale {
            return None;
        }
        let inner = self.inner.lock().ok()?;
        inner.stale_at.filter(|t| t.elapsed() < STALE_MAX)?;
        inner.stale.get(key).cloned()
    }

    /// Forgets the stale pages: the most visited ones have been computed again.
    pub(crate) fn drop_stale(&self) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.stale.clear();
            inner.stale_at = None;
        }
    }

    /// Forgets the kept answers if the database has changed since they were computed, and
    /// returns the generation: a number that grows with each change seen.
    pub(crate) fn poll(&self) -> u64 {
        let _ = self.get("");
        self.generation()
    }

    /// The number of changes seen so far.
    pub(crate) fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Keeps an answer, forgetting the oldest ones until all fit in [`BYTES`].
    fn put(&self, key: String, content_type: Option<HeaderValue>, body: Bytes) {
        let Ok(mut inner) = self.inner.lock() else { return };
        let size = key.len() + body.len();
        if let Some((_, old)) = inner.answers.remove(&key) {
            inner.bytes -= key.len() + old.len();
            inner.order.retain(|k| k != &key);
        }
        while inner.bytes + size > BYTES {
            let Some(oldest) = inner.order.pop_front() else { break };
            if let Some((_, old)) = inner.answers.remove(&oldest) {
                inner.bytes -= oldest.len() + old.len();
            }
        }
        inner.bytes += size;
        inner.order.push_back(key.clone());
        inner.answers.insert(key, (content_type, body));
    }

    /// The bytes kept (tests).
    #[cfg(test)]
    fn kept_bytes(&self) -> usize {
        self.inner.lock().map(|i| i.bytes).unwrap_or(0)
    }

    /// The lock of the answer for `key`.
    fn computing(&self, key: &str) -> Option<Arc<tokio::sync::Mutex<()>>> {
        let mut map = self.computing.lock().ok()?;
        if map.len() >= ENTRIES {
            map.retain(|_, l| Arc::strong_count(l) > 1);
        }
        Some(map.entry(key.to_string()).or_default().clone())
    }

    /// Forgets every answer, stale ones too (after an ingest by this server, whose client
    /// expects to see what it sent).
    pub(crate) fn clear(&self) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.clear();
            inner.stale.clear();
            inner.stale_at = None;
        }
        self.generation.fetch_add(1, Ordering::SeqCst);
    }
}

/// Serves a GET from the cache when it can, and keeps successful answers.
pub(crate) async fn layer(State(state): State<crate::AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET {
        return next.run(req).await;
    }
    let key = cache_key(req.uri());
    let answer = |(content_type, body): (Option<HeaderValue>, Bytes)| {
        let mut res = Response::new(Body::from(body));
        if let Some(ct) = content_type {
            res.headers_mut().insert(header::CONTENT_TYPE, ct);
        }
        res
    };
    let kept = |state: &crate::AppState| state.cache.get(&key).map(answer);
    if let Some(res) = kept(&state) {
        return res;
    }
    if req.extensions().get::<Fresh>().is_none() {
        if let Some(res) = state.cache.stale(&key).map(answer) {
            return res;
        }
    }
    let lock = state.cache.computing(&key);
    let _computing = match &lock {
        Some(l) => Some(l.lock().await),
        None => None,
    };
    // Another request may have computed it while this one waited.
    if let Some(res) = kept(&state) {
        return res;
    }
    let res = next.run(req).await;
    if res.status() != StatusCode::OK {
        return res;
    }
    // A large answer (or one of unknown size) goes out as it is, unkept.
    let size = res.body().size_hint().exact().and_then(|n| usize::try_from(n).ok());
    if size.is_none_or(|n| n > LARGEST) {
        return res;
    }
    let (parts, body) = res.into_parts();
    match to_bytes(body, LARGEST).await {
        Ok(bytes) => {
            state.cache.put(key, parts.headers.get(header::CONTENT_TYPE).cloned(), bytes.clone());
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "the answer could not be read").into_response(),
    }
}

#[cfg(test)]
mod bound_tests {
    use super::*;

    #[test]
    fn kept_answers_stay_within_their_bytes_oldest_forgotten_first() {
        let dir = std::env::temp_dir().join(format!("dyad-cache-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("c.db");
        drop(Store::open(&db).unwrap());
        let cache = Cache::new(&db, false).unwrap();
        let answer = Bytes::from(vec![b'x'; LARGEST]);
        for i in 0..100 {
            cache.put(format!("/page/{i}"), None, answer.clone());
            assert!(cache.kept_bytes() <= BYTES, "{} bytes kept", cache.kept_bytes());
        }
        assert!(cache.get("/page/0").is_none(), "the oldest answer was forgotten");
        assert!(cache.get("/page/99").is_some(), "the newest answer is kept");
        // The same key again replaces, never doubles.
        let before = cache.kept_bytes();
        cache.put("/page/99".into(), None, answer.clone());
        assert_eq!(cache.kept_bytes(), before);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[cfg(test)]
mod stale_tests {
    use super::*;

    /// After another process's change, a page kept before it is served until the pages have
    /// been computed again; an `/api/` answer never; this server's own ingest drops them; a
    /// server that does not compute pages again serves none.
    #[test]
    fn stale_pages_are_served_only_until_recomputed_and_never_for_the_api() {
        let dir = std::env::temp_dir().join(format!("dyad-stale-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("c.db");
        let writer = Store::open(&db).unwrap();
        writer.execute_batch("CREATE TABLE t (x)").unwrap();
        let cache = Cache::new(&db, true).unwrap();
        let page = || (None, Bytes::from_static(b"old"));
        cache.put("/pair/KAZ/CHN".into(), None, page().1);
        cache.put("/api/documents".into(), None, page().1);
        let g = cache.generation();
        writer.execute_batch("INSERT INTO t VALUES (1)").unwrap();
        assert!(cache.get("/pair/KAZ/CHN").is_none(), "changed: not fresh");
        assert_eq!(cache.generation(), g + 1);
        assert_eq!(cache.stale("/pair/KAZ/CHN"), Some(page()));
        assert!(cache.stale("/api/documents").is_none(), "API answers are always fresh");
        // Another change moments later keeps the stale pages (the pages computed since go).
        cache.put("/pair/KAZ/CHN".into(), None, Bytes::from_static(b"between"));
        writer.execute_batch("INSERT INTO t VALUES (2)").unwrap();
        assert!(cache.get("/pair/KAZ/CHN").is_none());
        assert_eq!(cache.stale("/pair/KAZ/CHN"), Some(page()));
        // Recomputed: the stale pages are forgotten.
        cache.drop_stale();
        assert!(cache.stale("/pair/KAZ/CHN").is_none());
        // This server's ingest: nothing stale is served after it.
        cache.put("/pair/KAZ/CHN".into(), None, page().1);
        writer.execute_batch("INSERT INTO t VALUES (3)").unwrap();
        assert!(cache.get("/pair/KAZ/CHN").is_none());
        cache.clear();
        assert!(cache.stale("/pair/KAZ/CHN").is_none());
        // Without computing pages again (--warm 0), nothing stale.
        let plain = Cache::new(&db, false).unwrap();
        plain.put("/pair/KAZ/CHN".into(), None, page().1);
        writer.execute_batch("INSERT INTO t VALUES (4)").unwrap();
        assert!(plain.get("/pair/KAZ/CHN").is_none() && plain.stale("/pair/KAZ/CHN").is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[cfg(test)]
mod key_tests {
    use super::cache_key;

    fn key(uri: &str) -> String {
        cache_key(&uri.parse().unwrap())
    }

    #[test]
    fn unknown_and_reordered_parameters_are_one_key() {
        assert_eq!(key("/country/KAZ?x=1"), "/country/KAZ");
        assert_eq!(key("/country/KAZ?x=2&y=3"), key("/country/KAZ"));
        assert_eq!(key("/api/events?limit=5&country=KAZ"), key("/api/events?country=KAZ&limit=5"));
        // A parameter a route reads, however its name is written, stays in the key.
        assert_ne!(key("/api/events?%6Cimit=5"), key("/api/events"));
        assert_ne!(key("/api/events?limit=5"), key("/api/events?limit=6"));
        // The lists' filters and downloads (listing.rs) are parameters the pages read.
        for p in [
            "format=csv",
            "modality=planned",
            "page=2",
            "person=Xi",
            "sort=oldest",
            "fsince=2019",
            "fpage=2",
            "fformat=csv",
        ] {
            assert_ne!(key(&format!("/pair/KAZ/CHN?{p}")), key("/pair/KAZ/CHN"), "{p}");
        }
    }
}
