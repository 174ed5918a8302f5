//! Computing the most visited pages before anyone asks: when the server starts, and again once
//! the database has changed (an ingest by this server or by another process) and stayed quiet.
//!
//! Why: a page of a large knowledge base takes 20-100 ms to compute and is then served from the
//! answer cache in about a millisecond. Without this, the first minutes after a start or an
//! ingest are the slow ones: at 100,000 articles and 200 requests/s, the first visits of forty
//! pages queue for the workers and the 99th percentile is over half a second. The pages most
//! likely to be opened are those of the most reported countries, pairs and people, which ingest
//! keeps counts of (`Store::most_reported`).
//!
//! ```text
//! dyad serve --db kb.db --warm 300
//! dyad: computed 300 pages ahead of their visits in 9.8 s
//! dyad: serving kb.db on http://127.0.0.1:8080/
//! ```

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use axum::Router;
use dyad_store::MostReported;
use tower::ServiceExt;

use crate::html::url_part;
use crate::AppState;

/// How long the database must have stayed unchanged before its pages are computed again: an
/// ingest commits every few hundred articles, and warming between its commits would be undone.
const QUIET: Duration = Duration::from_secs(2);
/// The longest wait for quiet: a long ingest still gets its pages computed now and then.
const QUIET_MAX: Duration = Duration::from_secs(10);

/// The pages to compute, most likely first: the home page, then the most reported countries,
/// pairs and people in turn, `limit` in all.
pub(crate) fn paths(m: &MostReported, limit: usize) -> Vec<String> {
    let mut out = vec!["/".to_string()];
    let mut countries = m.countries.iter().map(|c| format!("/country/{}", url_part(c)));
    let mut pairs = m.pairs.iter().map(|(a, b)| format!("/pair/{}/{}", url_part(a), url_part(b)));
    let mut persons = m.persons.iter().map(|p| format!("/person/{}", url_part(p)));
    // Two pairs for each country and person: there are many more pairs than countries.
    loop {
        let before = out.len();
        out.extend(countries.next());
        out.extend(pairs.next());
        out.extend(pairs.next());
        out.extend(persons.next());
        if out.len() == before || out.len() >= limit {
            break;
        }
    }
    out.truncate(limit);
    out
}

/// Computes the `limit` most likely pages through the whole stack (so that each is kept by the
/// answer cache as a visit would keep it), one at a time (a visitor waits behind at most one).
/// Returns how many were computed.
pub(crate) async fn warm(app: &Router, state: &AppState, limit: usize) -> usize {
    if limit == 0 {
        return 0;
    }
    // Of each kind at most `limit`: the interleaving takes what it needs.
    let most = match state.read(move |st| st.most_reported(limit)).await {
        Ok(m) => m,
        Err(e) => {
            eprintln!("dyad: the pages to compute ahead could not be read: {}", e.0);
            return 0;
        }
    };
    let mut done = 0;
    for path in paths(&most, limit) {
        let Ok(mut req) = Request::get(path.as_str()).body(Body::empty()) else { continue };
        req.extensions_mut().insert(crate::cache::Fresh);
        match app.clone().oneshot(req).await {
            Ok(res) if res.status().is_success() => done += 1,
            Ok(res) => eprintln!("dyad: computing {path} ahead gave {}", res.status()),
            Err(e) => match e {},
        }
    }
    done
}

/// Watches the database for changes and, once one has been followed by [`QUIET`] without
/// another (or after [`QUIET_MAX`]), computes the pages again; meanwhile the pages kept from
/// before the change are served (`cache.rs`), and forgotten once they have been computed.
/// Runs until the server stops.
pub(crate) async fn keep_warm(app: Router, state: AppState, limit: usize) {
    if limit == 0 {
        return;
    }
    let mut warmed = state.cache.generation();
    loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let now = state.cache.poll();
        if now == warmed {
            continue;
        }
        // Quiet: no further change for a while (each change restarts the wait).
        let mut seen = now;
        let (start, mut since) = (Instant::now(), Instant::now());
        while since.elapsed() < QUIET && start.elapsed() < QUIET_MAX {
            tokio::time::sleep(Duration::from_millis(250)).await;
            let g = state.cache.poll();
            if g != seen {
                seen = g;
                since = Instant::now();
            }
        }
        warmed = seen;
        let t = Instant::now();
        let n = warm(&app, &state, limit).await;
        state.cache.drop_stale();
        eprintln!("dyad: the database changed; computed {n} pages again in {:.1} s", t.elapsed().as_secs_f64());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_pairs_and_people_take_turns_up_to_the_limit() {
        let m = MostReported {
            countries: vec!["KAZ".into(), "CHN".into()],
            pairs: vec![("KAZ".into(), "CHN".into()), ("CHN".into(), "KAZ".into()), ("KAZ".into(), "UZB".into())],
            persons: vec!["Xi Jinping".into()],
        };
        assert_eq!(
            paths(&m, 100),
            [
                "/",
                "/country/KAZ",
                "/pair/KAZ/CHN",
                "/pair/CHN/KAZ",
                "/person/Xi%20Jinping",
                "/country/CHN",
                "/pair/KAZ/UZB"
            ]
        );
        assert_eq!(paths(&m, 3), ["/", "/country/KAZ", "/pair/KAZ/CHN"]);
        assert_eq!(paths(&MostReported::default(), 10), ["/"]);
    }
}
