//! `dyad extract` and `dyad ingest` on web archives: a `.warc.gz` laid out as Common Crawl's
//! CC-NEWS writes it (a warcinfo record, then request, response and metadata records, one gzip
//! member each), with our own article text, and a damaged record among good ones.

mod util;

use std::io::Write;

use util::{dyad, lines, scratch};

/// One gzip member.
fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// A record with CC-NEWS's header fields.
fn record(kind: &str, id: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2024-05-21T08:14:02Z\r\nWARC-Record-ID: <urn:uuid:{id}>\r\n\
         Content-Length: {}\r\nContent-Type: {content_type}\r\nWARC-Warcinfo-ID: <urn:uuid:info-0001>\r\n\
         WARC-IP-Address: 192.0.2.7\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Payload-Digest: sha1:AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHH\r\nWARC-Identified-Payload-Type: text/html\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn response(html: &str) -> Vec<u8> {
    // CC-NEWS keeps the HTTP headers; the body is stored decoded, its original encoding
    // renamed to X-Crawler-Content-Encoding.
    format!(
        "HTTP/1.1 200 OK\r\nDate: Tue, 21 May 2024 08:14:02 GMT\r\nContent-Type: text/html; charset=UTF-8\r\n\
         X-Crawler-Content-Encoding: gzip\r\nX-Crawler-Content-Length: 5120\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    )
    .into_bytes()
}

const VISIT: &str = "<html><head><title>Tokayev in Seoul</title>\
    <meta property=\"article:published_time\" content=\"2024-05-20T10:00:00+05:00\"></head><body>\
    <article><p>President of Kazakhstan Kassym-Jomart Tokayev arrived in Seoul on a state visit on May 20, 2024.</p>\
    <p>Trade turnover between Kazakhstan and South Korea reached $6.4 billion in 2023.</p></article></body></html>";
const UNDATED: &str = "<html><head><title>Astana talks</title></head><body><article>\
    <p>Kazakhstan and Japan signed an agreement on energy cooperation in Astana.</p></article></body></html>";

fn archive() -> Vec<u8> {
    let mut file = gz(&record("warcinfo", "info-0001", "", "application/warc-fields", b"software: test\r\n"));
    file.extend(gz(&record(
        "request",
        "req-0001",
        "https://news.example/kz-kr",
        "application/http; msgtype=request",
        b"GET /kz-kr HTTP/1.1\r\nHost: news.example\r\n\r\n",
    )));
    file.extend(gz(&record(
        "response",
        "resp-0001",
        "https://news.example/kz-kr",
        "application/http; msgtype=response",
        &response(VISIT),
    )));
    file.extend(gz(&record(
        "metadata",
        "meta-0001",
        "https://news.example/kz-kr",
        "application/warc-fields",
        b"fetchTimeMs: 120\r\n",
    )));
    // A damaged record: its length is not a number.
    file.extend(gz(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: ten\r\n\r\n0123456789\r\n\r\n"));
    file.extend(gz(&record(
        "response",
        "resp-0002",
        "https://news.example/kz-jp",
        "application/http; msgtype=response",
        &response(UNDATED),
    )));
    file
}

#[test]
fn a_cc_news_archive_gives_its_articles_and_one_line_for_a_damaged_record() {
    let dir = scratch("warc");
    let path = dir.join("CC-NEWS-20240521081402-00001.warc.gz");
    std::fs::write(&path, archive()).unwrap();
    let run = dyad(&["extract", path.to_str().unwrap()], None);
    assert_eq!(run.code, 2, "one record failed: {}", run.stderr);
    let err: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(err.len(), 1, "{}", run.stderr);
    assert!(err[0].contains(".warc.gz#5") && err[0].contains("not a number"), "{}", err[0]);
    let facts = lines(&run.stdout);
    let docs: Vec<&serde_json::Value> = facts.iter().filter(|f| f["kind"] == "document").collect();
    assert_eq!(docs.len(), 2, "{}", run.stdout);
    assert_eq!(docs[0]["doc"], "resp-0001");
    assert_eq!(docs[0]["url"], "https://news.example/kz-kr");
    assert!(docs[0]["published"].as_str().unwrap().starts_with("2024-05-20"), "{}", docs[0]);
    // No date in the page: the day it was fetched stands in.
    assert_eq!(docs[1]["published"], "2024-05-21", "{}", docs[1]);
    assert!(facts.iter().any(|f| f["kind"] == "event" && f["type"] == "VISIT" && f["doc"] == "resp-0001"));
    assert!(facts.iter().any(|f| f["kind"] == "figure" && f["value"].as_f64() == Some(6.4e9)));
    // Into the knowledge base, and again: nothing twice.
    let db = dir.join("kb.db");
    for _ in 0..2 {
        let ingest = dyad(&["ingest", path.to_str().unwrap(), "--db", db.to_str().unwrap()], None);
        assert!(ingest.stderr.contains("not a number"), "{}", ingest.stderr);
    }
    let events = dyad(&["events", "--db", db.to_str().unwrap(), "--format", "json"], None);
    let claims: Vec<serde_json::Value> = serde_json::from_str(&events.stdout).unwrap();
    assert!(claims.iter().any(|c| c["sources"][0]["url"] == "https://news.example/kz-kr"), "{}", events.stdout);
    assert!(claims.iter().all(|c| c["sources"].as_array().unwrap().len() == 1));
    std::fs::remove_dir_all(&dir).unwrap();
}
