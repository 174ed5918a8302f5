//! Accepting connections: a limit on how many are open, and deadlines on the slow parts of a
//! request, so that idle or deliberately slow clients cannot hold the server.
//!
//! Why: a socket that sends nothing, or a header one byte a second ("slowloris"), costs the
//! client nothing and the server a file descriptor for as long as it waits. Here:
//! - a request's header must arrive within the timeout, and a kept-alive connection waits for its
//!   next request no longer than that (hyper's header timeout covers both);
//! - when more than half the connections are open, new ones get a fifth of the timeout, so that
//!   a flood of idle sockets is shed within seconds while ordinary clients see no change;
//! - past the connection limit, a new connection is answered `503 Service Unavailable` with
//!   `Retry-After` at once and closed, instead of waiting unanswered (the request body deadline
//!   is the ingest route's: see `api::ingest`).
//!
//! Example: `dyad serve --timeout 10 --max-connections 2000`; 5,000 idle sockets leave the server
//! answering, and each of them is closed within two seconds.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

/// The answer past the connection limit.
const FULL: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n\
Retry-After: 5\r\nConnection: close\r\nContent-Length: 43\r\n\r\ntoo many connections open: try again later\n";

/// Connection limits and deadlines.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections open at once; more are answered 503 and closed.
    pub max_connections: usize,
    /// The time a request's header, a request's body, or a kept-alive connection's next request
    /// may take.
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_connections: default_max_connections(), timeout: Duration::from_secs(10) }
    }
}

/// The connection limit a process can hold: its file-descriptor limit, raised to the hard limit
/// where allowed, less a reserve for the database and logs.
pub fn default_max_connections() -> usize {
    let open_files = raise_open_file_limit().unwrap_or(1024);
    open_files.saturating_sub(64).clamp(16, 16_384) as usize
}

/// Raises the soft limit of open files to the hard one and returns it (Unix), as servers do.
#[cfg(unix)]
fn raise_open_file_limit() -> Option<u64> {
    // SAFETY: getrlimit/setrlimit read and write one plain struct owned by this frame.
    unsafe {
        let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
            return None;
        }
        if lim.rlim_cur < lim.rlim_max {
            let raised = libc::rlimit { rlim_cur: lim.rlim_max.min(65_536), rlim_max: lim.rlim_max };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                lim.rlim_cur = raised.rlim_cur;
            }
        }
        #[allow(clippy::unnecessary_cast)] // rlim_t is not u64 on every Unix
        Some(lim.rlim_cur as u64)
    }
}

#[cfg(not(unix))]
fn raise_open_file_limit() -> Option<u64> {
    None
}

/// Accepts connections until `stop` completes.
pub(crate) async fn run(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    stop: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let open = Arc::new(Semaphore::new(limits.max_connections));
    tokio::pin!(stop);
    loop {
        let accepted = tokio::select! {
            _ = &mut stop => return Ok(()),
            a = listener.accept() => a,
        };
        let stream = match accepted {
            Ok((s, _)) => s,
            // Out of file descriptors, or a connection reset before it was accepted: wait a
            // little and go on; the server must not stop for it.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let Ok(permit) = open.clone().try_acquire_owned() else {
            tokio::spawn(refuse(stream));
            continue;
        };
        // Under pressure, a new connection has less time to say what it wants.
        let busy = open.available_permits() < limits.max_connections / 2;
        let timeout = if busy { limits.timeout / 5 } else { limits.timeout };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new()).header_read_timeout(timeout).max_buf_size(64 * 1024);
            let _ = http.serve_connection(TokioIo::new(stream), service).await;
            drop(permit);
        });
    }
}

/// Answers 503 to a connection past the limit, without reading it, and closes it.
async fn refuse(mut stream: TcpStream) {
    let _ = tokio::time::timeout(Duration::from_secs(1), stream.write_all(FULL)).await;
}

#[cfg(test)]
mod tests {
    use super::FULL;

    #[test]
    fn the_refusal_is_a_well_formed_response() {
        let text = std::str::from_utf8(FULL).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        let length: usize = head.lines().find_map(|l| l.strip_prefix("Content-Length: ")).unwrap().parse().unwrap();
        assert_eq!(length, body.len());
        assert!(head.starts_with("HTTP/1.1 503 "));
    }

    #[test]
    fn the_default_limit_leaves_room_for_the_database() {
        let n = super::default_max_connections();
        assert!((16..=16_384).contains(&n), "{n}");
    }
}
