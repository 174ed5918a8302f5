//! A bound on the work that answers cost: at most `workers` answers are computed at once, at most
//! `queue` more wait for their turn (each no longer than the timeout), and the rest are told
//! `503 Service Unavailable` with `Retry-After` at once.
//!
//! Why: a page that is not in the answer cache can cost a second and a hundred megabytes on a
//! large knowledge base; without a bound, clients that ask for a new page each time (a new
//! `limit`, a new `since`) make the server compute all of them together until it runs out of
//! memory. Kept answers never pass the gate (the cache layer answers them first), so a page
//! already computed stays fast while the gate is full. A request whose client leaves while it
//! waits simply stops waiting; one whose client leaves during the work has its database query
//! interrupted (`AppState::read`).
//!
//! Example: with 2 workers and a queue of 32, 64 clients asking for new pages get 34 answers
//! computed in turn and 30 quick 503s, and the server's memory is that of two answers.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

/// The gate's counters.
pub(crate) struct Gate {
    work: Semaphore,
    waiting: AtomicUsize,
    queue: usize,
    timeout: Duration,
}

impl Gate {
    pub(crate) fn new(workers: usize, queue: usize, timeout: Duration) -> Gate {
        Gate { work: Semaphore::new(workers.max(1)), waiting: AtomicUsize::new(0), queue, timeout }
    }
}

/// Counts a waiting request while it waits, even when its future is dropped.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Runs a request when a worker is free; answers 503 when too many wait.
pub(crate) async fn layer(State(gate): State<Arc<Gate>>, req: Request, next: Next) -> Response {
    if gate.waiting.fetch_add(1, Ordering::SeqCst) >= gate.queue + gate.work.available_permits() {
        gate.waiting.fetch_sub(1, Ordering::SeqCst);
        return busy();
    }
    let waiting = Waiting(&gate.waiting);
    let permit = match tokio::time::timeout(gate.timeout, gate.work.acquire()).await {
        Ok(Ok(p)) => p,
        _ => return busy(),
    };
    drop(waiting);
    let res = next.run(req).await;
    drop(permit);
    res
}

fn busy() -> Response {
    let mut res = (StatusCode::SERVICE_UNAVAILABLE, "the server is busy: try again in a moment\n").into_response();
    res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::routing::get;
    use tower::ServiceExt;

    /// A router whose one page waits until told to finish.
    fn app(gate: Arc<Gate>, go: Arc<tokio::sync::Notify>) -> axum::Router {
        axum::Router::new()
            .route(
                "/slow",
                get(move || async move {
                    go.notified().await;
                    "done"
                }),
            )
            .layer(axum::middleware::from_fn_with_state(gate, layer))
    }

    async fn status(app: &axum::Router) -> StatusCode {
        app.clone().oneshot(Request::get("/slow").body(Body::empty()).unwrap()).await.unwrap().status()
    }

    #[tokio::test]
    async fn past_the_queue_requests_are_refused_and_a_left_waiter_frees_its_place() {
        let gate = Arc::new(Gate::new(1, 1, Duration::from_secs(30)));
        let go = Arc::new(tokio::sync::Notify::new());
        let app = app(gate.clone(), go.clone());
        // One is computed, one waits: the third is refused at once.
        let first = tokio::spawn({
            let app = app.clone();
            async move { status(&app).await }
        });
        let second = tokio::spawn({
            let app = app.clone();
            async move { status(&app).await }
        });
        while gate.waiting.load(Ordering::SeqCst) < 1 || gate.work.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        assert_eq!(status(&app).await, StatusCode::SERVICE_UNAVAILABLE);
        // The waiting client leaves: its place is free again.
        second.abort();
        let _ = second.await;
        assert_eq!(gate.waiting.load(Ordering::SeqCst), 0);
        go.notify_one();
        assert_eq!(first.await.unwrap(), StatusCode::OK);
        assert_eq!(gate.work.available_permits(), 1);
    }
}
