//! The dateline: the place a story was filed from, at the head of its first paragraph
//! ("KUALA LUMPUR: ...", "ASTANA (Agency) — ...", "TASHKENT, October 19. ...", "London: ...").
//!
//! Its country is the outlet's side of the story: a title named bare ("Prime Minister X",
//! "the Foreign Minister") is that country's office, and an event told with one party takes
//! the other from the story around it.
//!
//! ```text
//! date 2025-01-27 KUALA LUMPUR: Prime Minister ... hosted ...   -> MYS
//! ```

use dyad_document::Document;

use crate::{Kind, Mention};

/// How many sentences from the top a dateline is looked for in (headlines, bylines and photo
/// credits come first on scraped pages).
const HEAD_SENTENCES: usize = 12;

/// The country of the dateline, if a sentence near the top opens with a place and a dateline
/// separator.
pub(crate) fn dateline_country(doc: &Document, items: &[Mention]) -> Option<String> {
    for s in doc.sentences.iter().take(HEAD_SENTENCES) {
        let line = &doc.text[s.start..s.end];
        let skip = dyad_document::date_marker_len(line);
        let at = s.start + skip + (line[skip..].len() - line[skip..].trim_start().len());
        let Some(m) = items.iter().find(|m| m.start == at) else { continue };
        if !matches!(m.kind, Kind::Capital | Kind::Place | Kind::Country) {
            continue;
        }
        let rest = &doc.text[m.end..s.end];
        let separated = [",", ":", " (", " –", " —", " - ", " -", "/"].iter().any(|p| rest.starts_with(p));
        // A place in capitals is a dateline whatever follows; in title case it needs a separator
        // ("London: Britain and ...", not "London hosted ...").
        let capitals = m.text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        if separated || (capitals && m.kind != Kind::Country && rest.starts_with(' ')) {
            return m.country.clone();
        }
    }
    None
}
