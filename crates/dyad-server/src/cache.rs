//! Answers to GET requests kept in memory until the database changes: a pair's page is the same
//! for every analyst who opens it until the next ingest, by this server or by any other process
//! (SQLite's `PRAGMA data_version` tells).

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rusqlite::{Connection, OpenFlags};

/// Most answers kept, and the largest one kept.
const ENTRIES: usize = 512;
const LARGEST: usize = 2 << 20;

/// The cache, and the connection that watches the database for commits.
pub(crate) struct Cache {
    inner: Mutex<Inner>,
    /// One lock per answer being computed: requests for the same page wait for the first one
    /// instead of all computing it at once.
    computing: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

struct Inner {
    watch: Connection,
    version: i64,
    answers: HashMap<String, (Option<HeaderValue>, Bytes)>,
}

impl Cache {
    pub(crate) fn new(db: &Path) -> rusqlite::Result<Cache> {
        let watch =
            Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        let version = watch.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok(Cache {
            inner: Mutex::new(Inner { watch, version, answers: HashMap::new() }),
            computing: Mutex::new(HashMap::new()),
        })
    }

    /// The kept answer for `key`, if the database has not changed since.
    fn get(&self, key: &str) -> Option<(Option<HeaderValue>, Bytes)> {
        let mut inner = self.inner.lock().ok()?;
        let version: i64 = inner.watch.query_row("PRAGMA data_version", [], |r| r.get(0)).ok()?;
        if version != inner.version {
            inner.version = version;
            inner.answers.clear();
            return None;
        }
        inner.answers.get(key).cloned()
    }

    fn put(&self, key: String, content_type: Option<HeaderValue>, body: Bytes) {
        if let Ok(mut inner) = self.inner.lock() {
            if inner.answers.len() >= ENTRIES {
                inner.answers.clear();
            }
            inner.answers.insert(key, (content_type, body));
        }
    }

    /// The lock of the answer for `key`.
    fn computing(&self, key: &str) -> Option<Arc<tokio::sync::Mutex<()>>> {
        let mut map = self.computing.lock().ok()?;
        if map.len() >= ENTRIES {
            map.retain(|_, l| Arc::strong_count(l) > 1);
        }
        Some(map.entry(key.to_string()).or_default().clone())
    }

    /// Forgets every answer (after an ingest by this server).
    pub(crate) fn clear(&self) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.answers.clear();
        }
    }
}

/// Serves a GET from the cache when it can, and keeps successful answers.
pub(crate) async fn layer(State(state): State<crate::AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET {
        return next.run(req).await;
    }
    let key = req.uri().to_string();
    let kept = |state: &crate::AppState| {
        state.cache.get(&key).map(|(content_type, body)| {
            let mut res = Response::new(Body::from(body));
            if let Some(ct) = content_type {
                res.headers_mut().insert(header::CONTENT_TYPE, ct);
            }
            res
        })
    };
    if let Some(res) = kept(&state) {
        return res;
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
    let (parts, body) = res.into_parts();
    match to_bytes(body, LARGEST).await {
        Ok(bytes) => {
            state.cache.put(key, parts.headers.get(header::CONTENT_TYPE).cloned(), bytes.clone());
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "answer too large").into_response(),
    }
}
