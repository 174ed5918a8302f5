//! The [`Document`]: an article's text, which it owns, with its sentences (byte spans), its
//! title and its own publication date. Every later stage points into `Document::text` by byte
//! offsets, so evidence can always be shown in place.
//!
//! ```
//! use dyad_document::{Document, Meta};
//! let doc = Document::new("a1", "Tokayev visits Seoul\n\nPublished: 25 December 2017\n\nIt went well. Dr. Lee agreed.", Meta::default());
//! assert_eq!(doc.published.unwrap().to_string(), "2017-12-25");
//! assert_eq!(doc.title.as_deref(), Some("Tokayev visits Seoul"));
//! assert_eq!(doc.sentences.len(), 4);
//! ```
#![warn(missing_docs)]

pub mod language;
mod published;
mod sentences;

use dyad_recognize::Date;

pub use published::{date_marker_len, find_published};

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// What the input said about the article besides its text.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// Publication date as given (ISO date or timestamp, or any full date form).
    pub published: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Where the text came from (path, `path:line`, `-`).
    pub origin: Option<String>,
}

/// An article ready for mention finding.
#[derive(Debug, Clone)]
pub struct Document {
    /// The id facts carry in `doc`.
    pub id: String,
    /// The text all offsets point into.
    pub text: String,
    /// The title, from metadata or the first line when it reads as a headline.
    pub title: Option<String>,
    /// The article's own date, from metadata or the text.
    pub published: Option<Date>,
    /// URL, when known.
    pub url: Option<String>,
    /// Origin (path), when known.
    pub origin: Option<String>,
    /// Sentences, in order, covering the text without overlap (blank runs left out).
    pub sentences: Vec<Span>,
    /// The main language, ISO 639-1 (`en`, `ru`, ...) or `und` ([`language::detect`]).
    pub language: &'static str,
}

impl Document {
    /// Builds a document: splits sentences and finds the title and publication date.
    pub fn new(id: impl Into<String>, text: impl Into<String>, meta: Meta) -> Document {
        let text = text.into();
        let published =
            meta.published.as_deref().and_then(published::parse_meta_date).or_else(|| find_published(&text));
        let title = meta.title.filter(|t| !t.trim().is_empty()).or_else(|| headline(&text));
        let sentences = sentences::split(&text);
        let language = language::detect(&text);
        Document { id: id.into(), text, title, published, url: meta.url, origin: meta.origin, sentences, language }
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// The sentence that contains byte `offset` (the last sentence starting at or before it).
    pub fn sentence_at(&self, offset: usize) -> Option<Span> {
        let i = self.sentences.partition_point(|s| s.start <= offset);
        (i > 0).then(|| self.sentences[i - 1]).filter(|s| offset < s.end)
    }
}

/// Lines that scraped pages put before the headline.
const NOT_HEADLINES: &[&str] = &[
    "skip to main content",
    "skip to content",
    "what's new",
    "what’s new",
    "print this post",
    "main menu",
    "menu",
    "home",
    "news",
];

/// The first line, when it reads as a headline: short, several words, no closing period, and
/// not page furniture. A leading `date YYYY-MM-DD` marker is skipped.
fn headline(text: &str) -> Option<String> {
    for line in text.lines().take(6) {
        let mut line = line.trim();
        if let Some(rest) = published::strip_date_marker(line) {
            line = rest.trim();
        }
        if line.is_empty() {
            continue;
        }
        let lower = line.to_lowercase();
        if NOT_HEADLINES.contains(&lower.as_str()) || lower.starts_with("images |") || lower.starts_with("main page") {
            continue;
        }
        let words = line.split_whitespace().count();
        let looks_like_headline = (3..=30).contains(&words)
            && line.len() <= 220
            && !line.ends_with('.')
            && !line.ends_with(':')
            && line.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '“');
        if looks_like_headline && published::line_date(line).is_none() {
            return Some(line.to_string());
        }
        return None;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_rules() {
        assert_eq!(
            headline("Skip to main content\n\nKazakhstan and Oman sign a deal\n\nBody."),
            Some("Kazakhstan and Oman sign a deal".into())
        );
        assert_eq!(headline(" date 2024-01-02 What's new\n\nA B C headline here"), Some("A B C headline here".into()));
        assert_eq!(headline("The president arrived in Doha on Monday for talks."), None);
        assert_eq!(headline("3 March 2019, Policy Review"), None);
    }

    #[test]
    fn sentence_lookup() {
        let doc = Document::new("x", "One two. Three four.", Meta::default());
        assert_eq!(doc.sentence_at(10).map(|s| doc.slice(s)), Some("Three four."));
        assert_eq!(doc.sentence_at(0).map(|s| doc.slice(s)), Some("One two."));
    }

    #[test]
    fn metadata_date_wins() {
        let meta = Meta { published: Some("2024-03-02T09:00:00+05:00".into()), ..Meta::default() };
        let doc = Document::new("x", "Published: 25 December 2017", meta);
        assert_eq!(doc.published.unwrap().to_string(), "2024-03-02");
    }
}
