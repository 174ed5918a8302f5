//! WARC files (`.warc`, `.warc.gz`), the format of web archives such as Common Crawl's CC-NEWS:
//! each `response` record whose HTTP payload is HTML becomes one article, its text taken by
//! [`crate::html::extract`], its URL the record's `WARC-Target-URI` and, when the page names no
//! publication date, the record's `WARC-Date` (the day it was fetched) stands in.
//!
//! Why here and not with a WARC crate: the framing is a header block and a `Content-Length`
//! (ISO 28500), which this reads a record at a time from a stream, so memory stays that of one
//! record however large the archive; the gzip members (one per record, as archives write them)
//! are undone by `flate2`'s multi-member decoder. A record that cannot be read is one problem,
//! and the reader goes on at the next `WARC/` line.
//!
//! ```text
//! WARC/1.1
//! WARC-Type: response
//! WARC-Target-URI: https://example.org/news/1
//! WARC-Date: 2024-06-03T10:00:00Z
//! WARC-Record-ID: <urn:uuid:...>
//! Content-Type: application/http; msgtype=response
//! Content-Length: 1234
//!
//! HTTP/1.1 200 OK
//! Content-Type: text/html; charset=utf-8
//!
//! <html>...</html>
//! ```

use std::io::{self, BufRead, Read};

use crate::{html, problem, Item, Severity, Source};

/// A WARC file being read, one record at a time.
pub(crate) struct WarcReader {
    pub(crate) origin: String,
    pub(crate) name: String,
    pub(crate) reader: Box<dyn BufRead>,
    /// The number of the record last read (from 1), for problems and ids.
    record: usize,
}

/// The header fields of a record that an article needs.
#[derive(Default)]
struct Header {
    kind: String,
    uri: Option<String>,
    date: Option<String>,
    id: Option<String>,
    content_type: String,
    length: Option<usize>,
}

impl WarcReader {
    /// A reader of `reader` (gzip-compressed when `gzip`).
    pub(crate) fn new(origin: String, name: String, reader: Box<dyn Read>, gzip: bool) -> WarcReader {
        let reader: Box<dyn Read> =
            if gzip { Box::new(flate2::read::MultiGzDecoder::new(io::BufReader::new(reader))) } else { reader };
        WarcReader { origin, name, reader: Box::new(io::BufReader::with_capacity(1 << 16, reader)), record: 0 }
    }

    /// The next article or problem, or `None` at the end of the file. Records of other types
    /// (`warcinfo`, `request`, `metadata`) and payloads that are not HTML are passed over.
    pub(crate) fn next(&mut self, max_doc_bytes: usize) -> Option<Item> {
        loop {
            let header = match self.header() {
                Ok(Some(h)) => h,
                Ok(None) => return None,
                Err(reason) => {
                    let item = self.problem(reason);
                    // On at the next record: the framing of this one cannot be trusted (a read
                    // error here ends the file at the next call).
                    let _ = self.skip_to_next_record();
                    return Some(item);
                }
            };
            let Some(length) = header.length else {
                let item = self.problem("skipped: no Content-Length".into());
                let _ = self.skip_to_next_record();
                return Some(item);
            };
            if header.kind != "response" || !header.content_type.starts_with("application/http") {
                if let Err(e) = self.skip(length) {
                    return Some(self.problem(format!("cannot read: {e}")));
                }
                continue;
            }
            if length > max_doc_bytes.saturating_add(64 * 1024) {
                let item = self.problem(format!(
                    "skipped: {length} bytes is over the limit of {max_doc_bytes} bytes for one document (--max-doc-bytes)"
                ));
                if let Err(e) = self.skip(length) {
                    return Some(self.problem(format!("cannot read: {e}")));
                }
                return Some(item);
            }
            let mut block = vec![0u8; length];
            if let Err(e) = self.reader.read_exact(&mut block) {
                return Some(self.problem(format!("skipped: the record ends before its Content-Length ({e})")));
            }
            match self.article(&header, &block) {
                Ok(Some(source)) => return Some(Item::Source(source)),
                Ok(None) => continue,
                Err(reason) => return Some(self.problem(reason)),
            }
        }
    }

    /// The header block of the next record (`None` at the end of the file).
    fn header(&mut self) -> Result<Option<Header>, String> {
        let mut line = String::new();
        // Blank lines between records.
        loop {
            line.clear();
            match read_line(&mut self.reader, &mut line) {
                Ok(0) => return Ok(None),
                Ok(_) if line.trim().is_empty() => continue,
                Ok(_) => break,
                Err(e) => {
                    self.record += 1;
                    return Err(format!("cannot read: {e}"));
                }
            }
        }
        self.record += 1;
        if !line.starts_with("WARC/") {
            return Err(format!("skipped: not a WARC record (it begins {:?})", cut(line.trim_end(), 40)));
        }
        let mut h = Header::default();
        loop {
            line.clear();
            match read_line(&mut self.reader, &mut line) {
                Ok(0) => return Err("skipped: the file ends inside a record's header".into()),
                Ok(_) => {}
                Err(e) => return Err(format!("cannot read: {e}")),
            }
            let l = line.trim_end_matches(['\r', '\n']);
            if l.is_empty() {
                return Ok(Some(h));
            }
            let Some((field, value)) = l.split_once(':') else { continue };
            let value = value.trim().to_string();
            match field.trim().to_ascii_lowercase().as_str() {
                "warc-type" => h.kind = value,
                "warc-target-uri" => h.uri = Some(value.trim_matches(['<', '>']).to_string()),
                "warc-date" => h.date = Some(value),
                "warc-record-id" => h.id = Some(value),
                "content-type" => h.content_type = value.to_ascii_lowercase(),
                "content-length" => {
                    h.length =
                        Some(value.parse().map_err(|_| format!("skipped: Content-Length {value:?} is not a number"))?)
                }
                _ => {}
            }
        }
    }

    /// The article of a response record's block (an HTTP response), `None` when it is not an
    /// HTML page with a status of 200.
    fn article(&self, h: &Header, block: &[u8]) -> Result<Option<Source>, String> {
        let Some(split) =
            find(block, b"\r\n\r\n").map(|i| (i, i + 4)).or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)))
        else {
            return Err("skipped: the HTTP response has no end of its headers".into());
        };
        let head = String::from_utf8_lossy(&block[..split.0]);
        let mut lines = head.lines();
        let status = lines.next().unwrap_or("");
        if status.split_whitespace().nth(1) != Some("200") {
            return Ok(None);
        }
        let field = |name: &str| {
            head.lines().skip(1).find_map(|l| {
                let (f, v) = l.split_once(':')?;
                f.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_ascii_lowercase())
            })
        };
        if field("content-type").is_some_and(|t| !t.contains("html")) {
            return Ok(None);
        }
        let mut body = block[split.1..].to_vec();
        if field("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
            body = dechunk(&body).ok_or("skipped: a chunked HTTP body that does not end right")?;
        }
        if field("content-encoding").is_some_and(|t| t.contains("gzip")) {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&body[..])
                .read_to_end(&mut out)
                .map_err(|e| format!("skipped: a gzip HTTP body that cannot be undone ({e})"))?;
            body = out;
        }
        let page = html::extract(&String::from_utf8_lossy(&body));
        if page.text.trim().is_empty() {
            return Err("skipped: no article text in the HTML".into());
        }
        // The record's id names the article ("<urn:uuid:...>"), else the file and record number.
        let id = match &h.id {
            Some(id) => id.trim_matches(['<', '>']).trim_start_matches("urn:uuid:").to_string(),
            None => format!("{}-{}", self.name, self.record),
        };
        let fetched = h.date.as_deref().and_then(|d| d.get(..10)).map(str::to_string);
        Ok(Some(Source {
            id,
            origin: format!("{}#{}", self.origin, self.record),
            name: format!("{}#{}", self.name, self.record),
            text: page.text,
            published: page.published.or(fetched),
            url: h.uri.clone(),
            title: page.title,
        }))
    }

    fn problem(&self, reason: String) -> Item {
        problem(Severity::Error, &format!("{}#{}", self.origin, self.record), None, reason)
    }

    fn skip(&mut self, n: usize) -> io::Result<()> {
        let copied = io::copy(&mut (&mut self.reader).take(n as u64), &mut io::sink())?;
        if copied < n as u64 {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the file ends inside a record"));
        }
        Ok(())
    }

    /// Passes over lines until the next one that begins a record (left unread).
    fn skip_to_next_record(&mut self) -> io::Result<()> {
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() || buf.starts_with(b"WARC/") {
                return Ok(());
            }
            crate::skip_line(&mut self.reader)?;
        }
    }
}

/// One line (through its newline) of at most 64 KB: a header line past that is not WARC.
fn read_line(r: &mut dyn BufRead, line: &mut String) -> io::Result<usize> {
    let mut bytes = Vec::new();
    let n = r.take(64 * 1024).read_until(b'\n', &mut bytes)?;
    line.push_str(&String::from_utf8_lossy(&bytes));
    Ok(n)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn cut(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// An HTTP body sent in chunks, joined (`None` when a chunk's size is not hexadecimal or runs
/// past the end).
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let eol = find(body, b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..eol]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        body = &body[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body.strip_prefix(b"\r\n").unwrap_or(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A WARC record of `kind` with this block, as an archive writes it.
    pub(crate) fn record(kind: &str, uri: &str, id: &str, content_type: &str, block: &str) -> String {
        format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-06-03T10:00:00Z\r\n\
             WARC-Record-ID: <urn:uuid:{id}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    }

    fn page(body: &str) -> String {
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}")
    }

    fn read_all(bytes: Vec<u8>, gzip: bool) -> Vec<Item> {
        let mut r = WarcReader::new("a.warc".into(), "a.warc".into(), Box::new(io::Cursor::new(bytes)), gzip);
        std::iter::from_fn(|| r.next(1 << 20)).collect()
    }

    #[test]
    fn responses_with_html_are_articles_and_other_records_are_passed_over() {
        let html = "<html><head><title>Talks</title></head><body><p>Kazakhstan and Singapore held talks in Astana.</p></body></html>";
        let warc = [
            record("warcinfo", "", "0", "application/warc-fields", "software: test\r\n"),
            record(
                "request",
                "https://a.example/1",
                "1",
                "application/http; msgtype=request",
                "GET /1 HTTP/1.1\r\n\r\n",
            ),
            record("response", "https://a.example/1", "2", "application/http; msgtype=response", &page(html)),
            record(
                "response",
                "https://a.example/pdf",
                "3",
                "application/http; msgtype=response",
                "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n%PDF",
            ),
            record(
                "response",
                "https://a.example/404",
                "4",
                "application/http",
                "HTTP/1.1 404 Not Found\r\n\r\n<p>no</p>",
            ),
        ]
        .concat();
        let items = read_all(warc.into_bytes(), false);
        assert_eq!(items.len(), 1, "{items:?}");
        let Item::Source(s) = &items[0] else { panic!("{items:?}") };
        assert_eq!(
            (s.id.as_str(), s.url.as_deref(), s.title.as_deref()),
            ("2", Some("https://a.example/1"), Some("Talks"))
        );
        assert_eq!(s.published.as_deref(), Some("2024-06-03"), "the fetch date stands in");
        assert!(s.text.contains("held talks in Astana"));
        assert_eq!(s.origin, "a.warc#3");
    }

    #[test]
    fn gzip_members_chunked_and_compressed_bodies_are_undone() {
        use flate2::write::GzEncoder;
        use std::io::Write;
        let gz = |b: &[u8]| {
            let mut e = GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(b).unwrap();
            e.finish().unwrap()
        };
        let html = "<p>The ministers of Kazakhstan and Japan met in Tokyo on May 2, 2024.</p>";
        let chunked = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{}\r\n{:x}\r\n{}\r\n0\r\n\r\n",
            10,
            &html[..10],
            html.len() - 10,
            &html[10..]
        );
        let mut zipped_head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        zipped_head.extend(gz(html.as_bytes()));
        let mut second = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://b.example/2\r\nContent-Type: application/http\r\nContent-Length: {}\r\n\r\n",
            zipped_head.len()
        )
        .into_bytes();
        second.extend(&zipped_head);
        second.extend(b"\r\n\r\n");
        // One gzip member a record, as archives are written.
        let mut file = gz(record("response", "https://b.example/1", "c1", "application/http", &chunked).as_bytes());
        file.extend(gz(&second));
        let items = read_all(file, true);
        assert_eq!(items.len(), 2, "{items:?}");
        for (item, id) in items.iter().zip(["c1", "a.warc-2"]) {
            let Item::Source(s) = item else { panic!("{item:?}") };
            assert_eq!(s.id, id);
            assert!(s.text.contains("met in Tokyo on May 2, 2024"), "{}", s.text);
        }
    }

    #[test]
    fn a_malformed_record_is_one_problem_and_the_next_is_read() {
        let good = record(
            "response",
            "https://c.example/1",
            "g",
            "application/http",
            &page("<p>Kazakhstan and China signed an agreement in Beijing.</p>"),
        );
        let bad_length = "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\nwhatever\r\n\r\n";
        let short = "WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 99999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>cut</p>";
        let warc = format!("garbage line\n{good}{bad_length}{good}{short}");
        let items = read_all(warc.into_bytes(), false);
        let lines: Vec<String> = items
            .iter()
            .map(|i| match i {
                Item::Source(s) => format!("article {}", s.origin),
                Item::Problem(p) => p.to_string(),
            })
            .collect();
        assert_eq!(lines.len(), 5, "{lines:#?}");
        assert!(lines[0].contains("a.warc#1") && lines[0].contains("not a WARC record"), "{}", lines[0]);
        assert_eq!(lines[1], "article a.warc#2");
        assert!(lines[2].contains("a.warc#3") && lines[2].contains("is not a number"), "{}", lines[2]);
        assert_eq!(lines[3], "article a.warc#4");
        assert!(lines[4].contains("ends before its Content-Length"), "{}", lines[4]);
    }
}
