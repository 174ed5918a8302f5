//! Text in: turns paths (files, folders, `-` for standard input) into [`Source`]s, one per
//! article, lazily and in a stable order, and reports every input it cannot use as a
//! [`Problem`] naming the file (and line) and the reason, without stopping the others.
//!
//! Formats, by extension: `.txt` (and any explicitly named file of another extension) as plain
//! text; `.html`/`.htm` through [`html::extract`]; `.jsonl` as one article a line
//! (`id`, `text` or `html`, optional `published`, `url`, `title`); `.warc`/`.warc.gz` web
//! archives as one article per HTML response record (see `warc.rs`). In folders, only those
//! extensions are read, recursively, sorted by name.
//!
//! ```
//! use dyad_input::{Inputs, Item, Options};
//! let dir = std::env::temp_dir().join("dyad-input-doc");
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("a.txt"), "Astana, 1 May 2024. Hello.").unwrap();
//! let items: Vec<Item> = Inputs::new(vec![dir.join("a.txt").into()], Options::default()).collect();
//! assert!(matches!(&items[0], Item::Source(s) if s.id == "a"));
//! ```
#![warn(missing_docs)]

pub mod html;
mod warc;

use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One article, ready for the pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The document id: a file's name without extension, or a JSONL line's `id`.
    pub id: String,
    /// Where it came from: a path, `path:line` for JSONL, or `-` for standard input.
    pub origin: String,
    /// Where it came from, relative to the folder named on the command line (a file named
    /// directly: its name), `name:line` for JSONL: what a store keeps and shows, without the
    /// user's own folders.
    pub name: String,
    /// The text the facts' byte offsets point into.
    pub text: String,
    /// Publication date from metadata (JSONL `published`, HTML meta), as written.
    pub published: Option<String>,
    /// The article's URL, when the input gives one.
    pub url: Option<String>,
    /// The title from metadata, when the input gives one.
    pub title: Option<String>,
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The input was used anyway (e.g. invalid UTF-8 decoded lossily).
    Warning,
    /// The input (or that JSONL line) was not used.
    Error,
}

/// An input that could not be used as it was: one line on standard error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Warning or error.
    pub severity: Severity,
    /// The path (or `-`).
    pub origin: String,
    /// The 1-based line, for JSONL.
    pub line: Option<usize>,
    /// What was wrong, in words.
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(line) => write!(f, "{level}: {}:{line}: {}", self.origin, self.reason),
            None => write!(f, "{level}: {}: {}", self.origin, self.reason),
        }
    }
}

/// What reading the inputs yields, in input order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// An article.
    Source(Source),
    /// Something wrong with an input.
    Problem(Problem),
}

/// Reading options.
#[derive(Debug, Clone)]
pub struct Options {
    /// Largest document (a file, or one JSONL line) read, in bytes; larger ones are refused.
    pub max_doc_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_doc_bytes: 16 * 1024 * 1024 }
    }
}

/// The inputs as a lazy iterator of [`Item`]s: folders are listed when reached and JSONL files
/// are read a line at a time, so memory does not grow with the number or size of inputs.
pub struct Inputs {
    /// Paths still to read, each with the folder its name is relative to.
    pending: VecDeque<(PathBuf, PathBuf)>,
    /// Folders and files already read, by their canonical path: a symbolic link loop, or a
    /// file reached twice, is read once.
    seen: std::collections::HashSet<u128>,
    /// Document ids given out: a second document with one of them is reported and skipped.
    ids: std::collections::HashSet<u128>,
    queue: VecDeque<Item>,
    jsonl: Option<JsonlReader>,
    warc: Option<warc::WarcReader>,
    options: Options,
}

struct JsonlReader {
    origin: String,
    name: String,
    stem: String,
    reader: Box<dyn BufRead>,
    line: usize,
}

impl Inputs {
    /// Inputs over these paths (`-` is standard input).
    pub fn new(paths: Vec<PathBuf>, options: Options) -> Inputs {
        let with_root = |p: PathBuf| {
            let root = if p.is_dir() { p.clone() } else { p.parent().map(PathBuf::from).unwrap_or_default() };
            (p, root)
        };
        Inputs {
            pending: paths.into_iter().map(with_root).collect(),
            seen: Default::default(),
            ids: Default::default(),
            queue: VecDeque::new(),
            jsonl: None,
            warc: None,
            options,
        }
    }

    fn open_path(&mut self, path: PathBuf, root: PathBuf) {
        let origin = path.display().to_string();
        let name = path.strip_prefix(&root).map_or_else(|_| origin.clone(), |r| r.display().to_string());
        if origin == "-" {
            // The kind from the first bytes, without reading on: JSONL is a stream of documents,
            // read a line at a time however long the stream (the size limit is per document).
            let mut reader = BufReader::with_capacity(1 << 16, io::stdin());
            let kind = match reader.fill_buf().map(|b| b.iter().find(|b| !b.is_ascii_whitespace()).copied()) {
                Ok(Some(b'{')) => Kind::Jsonl,
                Ok(Some(b'<')) => Kind::Html,
                Ok(_) => Kind::Text,
                Err(e) => {
                    self.problem(Severity::Error, &origin, None, format!("cannot read: {e}"));
                    return;
                }
            };
            if kind == Kind::Jsonl {
                self.jsonl = Some(JsonlReader {
                    name: origin.clone(),
                    origin,
                    stem: "stdin".into(),
                    reader: Box::new(reader),
                    line: 0,
                });
                return;
            }
            let mut bytes = Vec::new();
            let limit = self.options.max_doc_bytes as u64 + 1;
            if let Err(e) = reader.take(limit).read_to_end(&mut bytes) {
                self.problem(Severity::Error, &origin, None, format!("cannot read: {e}"));
                return;
            }
            self.decode(origin.clone(), origin, "stdin".into(), kind, bytes);
            return;
        }
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                self.problem(Severity::Error, &origin, None, format!("cannot read: {}", io_reason(&e)));
                return;
            }
        };
        // Read each folder and file once: "a/link -> a" would walk without end.
        if let Ok(canonical) = std::fs::canonicalize(&path) {
            if !self.seen.insert(fingerprint(canonical.as_os_str().as_encoded_bytes())) {
                let what = if meta.is_dir() { "a folder" } else { "a file" };
                let reason = format!("skipped: {what} already read (a symbolic link to it, or a loop)");
                self.problem(Severity::Warning, &origin, None, reason);
                return;
            }
        }
        if meta.is_dir() {
            match list_dir(&path) {
                Ok(files) => {
                    for f in files.into_iter().rev() {
                        self.pending.push_front((f, root.clone()));
                    }
                }
                Err(e) => {
                    self.problem(Severity::Error, &origin, None, format!("cannot list folder: {}", io_reason(&e)))
                }
            }
            return;
        }
        // A FIFO, socket or device would block the run or never end: regular files only.
        if !meta.is_file() {
            self.problem(
                Severity::Error,
                &origin,
                None,
                "skipped: not a regular file (a FIFO, socket or device)".into(),
            );
            return;
        }
        let kind = Kind::of(&path);
        // The document id: the path under the folder named, without its extension ("sub/visit"
        // for corpus/sub/visit.txt), so that a/article.txt and b/article.txt stay apart.
        let stem = Path::new(&name).with_extension("").to_string_lossy().replace('\\', "/");
        let stem = if stem.is_empty() { origin.clone() } else { stem };
        if kind == Kind::Jsonl {
            match File::open(&path) {
                Ok(f) => {
                    self.jsonl = Some(JsonlReader { origin, name, stem, reader: Box::new(BufReader::new(f)), line: 0 })
                }
                Err(e) => self.problem(Severity::Error, &origin, None, format!("cannot read: {}", io_reason(&e))),
            }
            return;
        }
        if let Kind::Warc { gzip } = kind {
            match File::open(&path) {
                Ok(f) => self.warc = Some(warc::WarcReader::new(origin, name, Box::new(f), gzip)),
                Err(e) => self.problem(Severity::Error, &origin, None, format!("cannot read: {}", io_reason(&e))),
            }
            return;
        }
        if meta.len() > self.options.max_doc_bytes as u64 {
            let reason = format!(
                "skipped: {} bytes is over the limit of {} bytes for one document (--max-doc-bytes)",
                meta.len(),
                self.options.max_doc_bytes
            );
            self.problem(Severity::Error, &origin, None, reason);
            return;
        }
        match std::fs::read(&path) {
            Ok(bytes) => self.decode(origin, name, stem, kind, bytes),
            Err(e) => self.problem(Severity::Error, &origin, None, format!("cannot read: {}", io_reason(&e))),
        }
    }

    fn decode(&mut self, origin: String, name: String, id: String, kind: Kind, bytes: Vec<u8>) {
        if bytes.len() > self.options.max_doc_bytes {
            let reason = format!(
                "skipped: over the limit of {} bytes for one document (--max-doc-bytes)",
                self.options.max_doc_bytes
            );
            self.problem(Severity::Error, &origin, None, reason);
            return;
        }
        if looks_binary(&bytes) {
            self.problem(Severity::Error, &origin, None, "skipped: binary file (NUL bytes), not text".into());
            return;
        }
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                self.problem(
                    Severity::Warning,
                    &origin,
                    None,
                    format!("invalid UTF-8 at byte {at}: decoded with replacement characters"),
                );
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
        if text.trim().is_empty() {
            self.problem(Severity::Error, &origin, None, "skipped: empty file".into());
            return;
        }
        let source = match kind {
            Kind::Html => {
                let page = html::extract(&text);
                if page.text.trim().is_empty() {
                    self.problem(Severity::Error, &origin, None, "skipped: no article text in the HTML".into());
                    return;
                }
                Source { id, origin, name, text: page.text, published: page.published, url: None, title: page.title }
            }
            _ => Source { id, origin, name, text, published: None, url: None, title: None },
        };
        self.queue.push_back(Item::Source(source));
    }

    fn next_jsonl(&mut self) -> Option<Item> {
        let max = self.options.max_doc_bytes;
        let r = self.jsonl.as_mut()?;
        let mut buf = Vec::new();
        loop {
            buf.clear();
            r.line += 1;
            let line_no = r.line;
            // Read at most max+1 bytes of the line, then skip the rest of an over-long line.
            let n = match (&mut r.reader).take(max as u64 + 1).read_until(b'\n', &mut buf) {
                Ok(n) => n,
                Err(e) => {
                    let origin = r.origin.clone();
                    self.jsonl = None;
                    return Some(problem(Severity::Error, &origin, Some(line_no), format!("cannot read: {e}")));
                }
            };
            if n == 0 {
                self.jsonl = None;
                return None;
            }
            if buf.len() > max && buf.last() != Some(&b'\n') {
                // The rest of the line is passed over a buffer at a time, not held.
                let _ = skip_line(&mut r.reader);
                return Some(problem(
                    Severity::Error,
                    &r.origin,
                    Some(line_no),
                    format!("skipped: line over the limit of {max} bytes for one document (--max-doc-bytes)"),
                ));
            }
            if buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Some(parse_jsonl_line(&r.origin, &r.name, &r.stem, line_no, &buf));
        }
    }

    fn problem(&mut self, severity: Severity, origin: &str, line: Option<usize>, reason: String) {
        self.queue.push_back(problem(severity, origin, line, reason));
    }
}

fn problem(severity: Severity, origin: &str, line: Option<usize>, reason: String) -> Item {
    Item::Problem(Problem { severity, origin: origin.to_string(), line, reason })
}

impl Iterator for Inputs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let item = self.next_item()?;
        // Two documents with one id would overwrite each other in a store: the second is
        // reported, not read.
        Some(match item {
            Item::Source(s) if !self.ids.insert(fingerprint(s.id.as_bytes())) => {
                let reason = format!("skipped: a document with the id {:?} was read before in this run", s.id);
                problem(Severity::Error, &s.origin, None, reason)
            }
            other => other,
        })
    }
}

impl Inputs {
    fn next_item(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.queue.pop_front() {
                return Some(item);
            }
            if self.jsonl.is_some() {
                if let Some(item) = self.next_jsonl() {
                    return Some(item);
                }
                continue;
            }
            if let Some(w) = self.warc.as_mut() {
                match w.next(self.options.max_doc_bytes) {
                    Some(item) => return Some(item),
                    None => self.warc = None,
                }
                continue;
            }
            let (path, root) = self.pending.pop_front()?;
            self.open_path(path, root);
        }
    }
}

fn parse_jsonl_line(origin: &str, name: &str, stem: &str, line: usize, bytes: &[u8]) -> Item {
    let err = |reason: String| problem(Severity::Error, origin, Some(line), reason);
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return err(format!("skipped: not valid JSON ({e})")),
    };
    let Some(obj) = value.as_object() else {
        return err("skipped: not a JSON object".into());
    };
    let field = |name: &str| obj.get(name).and_then(|v| v.as_str()).map(str::to_string);
    let id = match obj.get("id") {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => format!("{stem}-{line}"),
    };
    let mut title = field("title");
    let mut published = field("published");
    let text = if let Some(t) = field("text") {
        t
    } else if let Some(h) = field("html") {
        let page = html::extract(&h);
        title = title.or(page.title);
        published = published.or(page.published);
        page.text
    } else {
        return err("skipped: no \"text\" or \"html\" field".into());
    };
    if text.trim().is_empty() {
        return err("skipped: empty text".into());
    }
    let (origin, name) = (format!("{origin}:{line}"), format!("{name}:{line}"));
    Item::Source(Source { id, origin, name, text, published, url: field("url"), title })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
    Jsonl,
    Warc { gzip: bool },
}

impl Kind {
    fn of(path: &Path) -> Kind {
        let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        if name.ends_with(".warc") {
            return Kind::Warc { gzip: false };
        }
        if name.ends_with(".warc.gz") {
            return Kind::Warc { gzip: true };
        }
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("html" | "htm" | "xhtml") => Kind::Html,
            Some("jsonl" | "ndjson") => Kind::Jsonl,
            _ => Kind::Text,
        }
    }

    fn readable_in_folder(path: &Path) -> bool {
        matches!(Kind::of(path), Kind::Warc { .. })
            || matches!(
                path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
                Some("txt" | "html" | "htm" | "xhtml" | "jsonl" | "ndjson")
            )
    }
}

/// The readable files and subfolders of a folder, sorted by name.
fn list_dir(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false)
            || (entry.file_type().map(|t| t.is_symlink()).unwrap_or(false) && path.is_dir());
        if is_dir || Kind::readable_in_folder(&path) {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// Passes over the rest of a line (through its newline) without keeping it.
fn skip_line(r: &mut dyn BufRead) -> io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|b| *b == b'\n') {
            Some(i) => {
                r.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                r.consume(n);
            }
        }
    }
}

/// A 128-bit fingerprint of a path or an id, for the sets of those already read: a million
/// inputs cost 16 bytes each there, not their paths' and ids' strings (two keyed SipHashes; two
/// different strings share one with a chance of about 2^-128 a pair).
fn fingerprint(bytes: &[u8]) -> u128 {
    use std::hash::{Hash, Hasher};
    let half = |salt: u8| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        salt.hash(&mut h);
        bytes.hash(&mut h);
        h.finish() as u128
    };
    (half(1) << 64) | half(2)
}

fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("dyad-input-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn read(paths: Vec<PathBuf>) -> Vec<Item> {
        Inputs::new(paths, Options { max_doc_bytes: 1000 }).collect()
    }

    #[test]
    fn folders_are_read_recursively_in_name_order() {
        let dir = tmp("order");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("b.txt"), "B text").unwrap();
        std::fs::write(dir.join("a.html"), "<p>A text</p>").unwrap();
        std::fs::write(dir.join("sub/c.txt"), "C text").unwrap();
        std::fs::write(dir.join("notes.tsv"), "ignored").unwrap();
        let ids: Vec<String> = read(vec![dir])
            .into_iter()
            .map(|i| match i {
                Item::Source(s) => s.id,
                Item::Problem(p) => panic!("{p}"),
            })
            .collect();
        assert_eq!(ids, ["a", "b", "sub/c"], "ids are the paths under the folder named");
    }

    #[test]
    fn each_bad_input_is_one_problem_and_the_rest_go_on() {
        let dir = tmp("bad");
        std::fs::write(dir.join("1-empty.txt"), "  \n").unwrap();
        std::fs::write(dir.join("2-binary.txt"), b"\x7fELF\0\0\x01").unwrap();
        std::fs::write(dir.join("3-latin1.txt"), b"Caf\xe9 in Astana").unwrap();
        std::fs::write(dir.join("4-big.txt"), "x".repeat(2000)).unwrap();
        std::fs::write(dir.join("5-good.txt"), "Good text").unwrap();
        std::fs::write(dir.join("6.jsonl"), "{\"id\":\"j1\",\"text\":\"one\"}\n{oops\n\n{\"id\":\"j3\"}\n").unwrap();
        let items = read(vec![dir.clone(), dir.join("missing.txt")]);
        let lines: Vec<String> = items
            .iter()
            .map(|i| match i {
                Item::Source(s) => format!("doc {} {}", s.id, s.text),
                Item::Problem(p) => p.to_string().replace(&dir.display().to_string(), "D"),
            })
            .collect();
        assert_eq!(lines[0], "error: D/1-empty.txt: skipped: empty file");
        assert_eq!(lines[1], "error: D/2-binary.txt: skipped: binary file (NUL bytes), not text");
        assert!(lines[2].starts_with("warning: D/3-latin1.txt: invalid UTF-8 at byte 3"), "{}", lines[2]);
        assert_eq!(lines[3], "doc 3-latin1 Caf\u{fffd} in Astana");
        assert!(lines[4].starts_with("error: D/4-big.txt: skipped: 2000 bytes is over the limit"), "{}", lines[4]);
        assert_eq!(lines[5], "doc 5-good Good text");
        assert_eq!(lines[6], "doc j1 one");
        assert!(lines[7].starts_with("error: D/6.jsonl:2: skipped: not valid JSON"), "{}", lines[7]);
        assert_eq!(lines[8], "error: D/6.jsonl:4: skipped: no \"text\" or \"html\" field");
        assert!(lines[9].ends_with("missing.txt: cannot read: no such file or folder"), "{}", lines[9]);
        assert_eq!(lines.len(), 10);
    }

    #[test]
    fn jsonl_metadata_and_html_field() {
        let dir = tmp("meta");
        std::fs::write(
            dir.join("x.jsonl"),
            "{\"id\":7,\"html\":\"<title>T</title><p>Body</p>\",\"published\":\"2024-01-02\",\"url\":\"u\"}\n",
        )
        .unwrap();
        let items = read(vec![dir.join("x.jsonl")]);
        let Item::Source(s) = &items[0] else { panic!() };
        assert_eq!((s.id.as_str(), s.text.as_str()), ("7", "Body"));
        assert_eq!(s.title.as_deref(), Some("T"));
        assert_eq!(s.published.as_deref(), Some("2024-01-02"));
        assert_eq!(s.url.as_deref(), Some("u"));
        assert_eq!(s.origin, format!("{}:1", dir.join("x.jsonl").display()));
    }

    #[test]
    fn an_over_long_jsonl_line_is_skipped_and_the_next_read() {
        let dir = tmp("longline");
        let long = format!("{{\"id\":\"a\",\"text\":\"{}\"}}\n{{\"id\":\"b\",\"text\":\"ok\"}}\n", "y".repeat(3000));
        std::fs::write(dir.join("l.jsonl"), long).unwrap();
        let items = read(vec![dir.join("l.jsonl")]);
        assert!(matches!(&items[0], Item::Problem(p) if p.line == Some(1)));
        assert!(matches!(&items[1], Item::Source(s) if s.id == "b"));
        assert_eq!(items.len(), 2);
    }
}
