//! Facts JSONL back into documents to store: what `dyad ingest --facts` reads.
//!
//! What: `dyad extract --with-text` writes, after each article's facts, one `text` record with
//! the text the evidence offsets point into and its sentences; [`FactsReader`] groups the lines
//! of each document (they come together, as `extract` writes them) into a [`NewDocument`].
//!
//! Why: an archive extracted elsewhere (a Spark job over many machines, `examples/spark/`) is
//! loaded without extracting it again. The store needs the text, not only the facts: evidence
//! sentences, search and the document pages are cut from it.
//!
//! Example, two lines of one document (the facts as `extract` writes them, then its text):
//!
//! ```text
//! {"kind":"document","doc":"a1","published":"2024-02-10","language":"en"}
//! {"kind":"text","doc":"a1","text":"Kazakhstan and ...","sentences":[[0,57]],"url":null,"source":"a1.txt"}
//! ```
//!
//! A line that is not JSON, a document without its text record, or offsets outside the text is
//! one error naming the input and line; the reader goes on with the next document.

use std::io::BufRead;

use dyad_facts::Fact;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::NewDocument;

/// The `kind` of the record that carries a document's text.
pub const TEXT_KIND: &str = "text";

/// A document's text as `dyad extract --with-text` writes it, one JSON line after its facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextRecord {
    /// Always [`TEXT_KIND`].
    pub kind: String,
    /// The document id, as its facts have it.
    pub doc: String,
    /// The text all offsets point into.
    pub text: String,
    /// Sentence spans (byte offsets into `text`).
    pub sentences: Vec<(usize, usize)>,
    /// Its URL, when known.
    pub url: Option<String>,
    /// What it was read from (a path as given, `path:line`), when known.
    pub source: Option<String>,
}

impl TextRecord {
    /// The record of a document's text.
    pub fn new(
        doc: &str,
        text: &str,
        sentences: Vec<(usize, usize)>,
        url: Option<String>,
        source: Option<String>,
    ) -> Self {
        TextRecord { kind: TEXT_KIND.into(), doc: doc.into(), text: text.into(), sentences, url, source }
    }

    /// Appends the record as one JSON line, with its newline.
    pub fn write_json_line(&self, out: &mut Vec<u8>) {
        serde_json::to_writer(&mut *out, self).expect("text records serialize");
        out.push(b'\n');
    }
}

/// Reads facts JSONL with text records, one document at a time (see the module documentation).
pub struct FactsReader<R> {
    lines: std::io::Lines<R>,
    origin: String,
    line: usize,
    /// A line read that belongs to the next document: its number and value.
    next: Option<(usize, Value)>,
    /// An error read after a whole document, told after it.
    error: Option<String>,
}

impl<R: BufRead> FactsReader<R> {
    /// A reader of `input`, named `origin` in its error messages.
    pub fn new(input: R, origin: &str) -> Self {
        FactsReader { lines: input.lines(), origin: origin.into(), line: 0, next: None, error: None }
    }

    /// The next line that is a JSON object with a `doc`, or an error for one that is not.
    fn read(&mut self) -> Option<Result<(usize, Value), String>> {
        loop {
            let text = match self.lines.next()? {
                Ok(t) => t,
                Err(e) => return Some(Err(format!("{}: {e}", self.origin))),
            };
            self.line += 1;
            if text.trim().is_empty() {
                continue;
            }
            return Some(match serde_json::from_str::<Value>(&text) {
                Ok(v) if v.get("doc").and_then(Value::as_str).is_some() => Ok((self.line, v)),
                Ok(_) => Err(format!("{}:{}: a record without a \"doc\"; skipped", self.origin, self.line)),
                Err(e) => Err(format!("{}:{}: not JSON ({e}); skipped", self.origin, self.line)),
            });
        }
    }
}

impl<R: BufRead> Iterator for FactsReader<R> {
    type Item = Result<NewDocument, String>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.error.take() {
            return Some(Err(e));
        }
        let (first, value) = match self.next.take() {
            Some(x) => x,
            None => match self.read()? {
                Ok(x) => x,
                Err(e) => return Some(Err(e)),
            },
        };
        let doc = value["doc"].as_str().unwrap_or_default().to_string();
        let mut records = vec![(first, value)];
        loop {
            match self.read() {
                Some(Ok((n, v))) if v["doc"].as_str() == Some(doc.as_str()) => records.push((n, v)),
                Some(Ok(other)) => {
                    self.next = Some(other);
                    break;
                }
                // A broken line after a document's text record (its last): the document is
                // whole. Before it: the document is not whole, so not stored.
                Some(Err(e)) if records.iter().any(|(_, v)| v["kind"] == TEXT_KIND) => {
                    self.error = Some(e);
                    break;
                }
                Some(Err(e)) => {
                    self.skip(&doc);
                    return Some(Err(format!("{e} (and document {doc} with it)")));
                }
                None => break,
            }
        }
        Some(document(&doc, records).map_err(|e| format!("{}:{first}: document {doc}: {e}; skipped", self.origin)))
    }
}

impl<R: BufRead> FactsReader<R> {
    /// Reads on past the rest of `doc`'s lines.
    fn skip(&mut self, doc: &str) {
        while let Some(r) = self.read() {
            if let Ok((n, v)) = r {
                if v["doc"].as_str() != Some(doc) {
                    self.next = Some((n, v));
                    return;
                }
            }
        }
    }
}

/// One document's records as the store takes them.
fn document(doc: &str, records: Vec<(usize, Value)>) -> Result<NewDocument, String> {
    let mut text: Option<TextRecord> = None;
    let mut facts = Vec::new();
    for (n, v) in records {
        match v["kind"].as_str() {
            Some(TEXT_KIND) => {
                text = Some(serde_json::from_value(v).map_err(|e| format!("its text record (line {n}): {e}"))?);
            }
            Some("document" | "figure" | "event" | "role") => {
                facts.push(serde_json::from_value::<Fact>(v).map_err(|e| format!("line {n}: {e}"))?);
            }
            // Kinds a later version may add are not stored by this one.
            _ => {}
        }
    }
    let Some(t) = text else {
        return Err("no text record (write the facts with `dyad extract --with-text`)".into());
    };
    let fits = |(s, e): (usize, usize)| s <= e && t.text.is_char_boundary(s) && t.text.is_char_boundary(e);
    if !t.sentences.iter().all(|&span| fits(span)) {
        return Err("a sentence outside its text".into());
    }
    let outside = facts.iter().find(|f| match f {
        Fact::Figure(x) => !fits((x.evidence.start, x.evidence.end)),
        Fact::Event(x) => !fits((x.evidence.start, x.evidence.end)),
        Fact::Role(x) => !fits((x.evidence.start, x.evidence.end)),
        Fact::Document(_) => false,
    });
    if outside.is_some() {
        return Err("evidence outside its text".into());
    }
    Ok(NewDocument::new(doc, &t.text, t.source, t.url, None, t.sentences, facts))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{"kind":"document","doc":"a","published":"2024-02-10","title":null,"language":"en"}"#;

    fn text(doc: &str, t: &str) -> String {
        let mut out = Vec::new();
        TextRecord::new(doc, t, vec![(0, t.len())], None, Some(format!("{doc}.txt"))).write_json_line(&mut out);
        String::from_utf8(out).unwrap()
    }

    fn read(input: &str) -> Vec<Result<NewDocument, String>> {
        FactsReader::new(input.as_bytes(), "in.jsonl").collect()
    }

    #[test]
    fn a_documents_lines_become_one_document_with_its_text() {
        let role = r#"{"kind":"role","doc":"a","person":"Murat Nurtleu","role":"foreign_minister","of":"KAZ","evidence":{"start":0,"end":9,"text":"Minister."},"confidence":0.9}"#;
        let input = format!("{DOC}\n{role}\n{}{}", text("a", "Minister."), text("b", "Nothing."));
        let docs = read(&input);
        assert_eq!(docs.len(), 2);
        let a = docs[0].as_ref().unwrap();
        assert_eq!((a.doc.as_str(), a.text.as_str(), a.facts.len()), ("a", "Minister.", 2));
        assert_eq!((a.published.as_deref(), a.source.as_deref()), (Some("2024-02-10"), Some("a.txt")));
        assert_eq!(docs[1].as_ref().unwrap().facts.len(), 0);
    }

    #[test]
    fn bad_lines_and_documents_are_one_error_each_and_the_rest_go_on() {
        let role = r#"{"kind":"role","doc":"c","person":"X Y","role":"minister","of":"KAZ","evidence":{"start":0,"end":99,"text":"?"},"confidence":0.9}"#;
        let input = format!(
            "{DOC}\nnot json\n{}{}{role}\n{}{}",
            text("a", "A."),
            text("b", "B."),
            text("c", "C."),
            text("d", "D.")
        );
        let docs = read(&input);
        let errors: Vec<&String> = docs.iter().filter_map(|d| d.as_ref().err()).collect();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("in.jsonl:2: not JSON") && errors[0].contains("document a"), "{}", errors[0]);
        assert!(errors[1].contains("document c: evidence outside its text"), "{}", errors[1]);
        let stored: Vec<&str> = docs.iter().filter_map(|d| d.as_ref().ok()).map(|d| d.doc.as_str()).collect();
        assert_eq!(stored, ["b", "d"]);
        let no_text = read(&format!("{DOC}\n"));
        assert!(no_text[0].as_ref().unwrap_err().contains("no text record"));
    }
}
