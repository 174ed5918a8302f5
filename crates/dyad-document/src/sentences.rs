//! Sentence splitting tuned for news: a line break ends a sentence (headlines, datelines and
//! paragraphs), except in hard-wrapped text, where a break inside a sentence is only a wrap
//! ("French President Emmanuel\nMacron held talks"); `.`, `!` and `?` end one when followed by
//! space and a capital, a digit or a quote, except after abbreviations ("Dr.", "Nov.", "U.S.")
//! and initials ("S. Jaishankar").

use crate::Span;

/// Words that end with a period without ending a sentence (compared case-insensitively).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "lt", "col", "sgt", "capt", "jr", "sr", "no", "nos", "vs", "etc",
    "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k",
    "u.n", "inc", "ltd", "co", "corp", "gov", "sen", "rep", "h.e", "approx", "fig", "p.m", "a.m", "mt", "ft", "pp",
    "vol", "art", "para", "ave", "rs", "bln", "mln",
];

/// Splits `text` into sentence spans (trimmed of surrounding white space; empty ones dropped).
pub fn split(text: &str) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let wrapped = hard_wrapped(text);
    while i < b.len() {
        // Most bytes cannot end a sentence: skip to the next one that can.
        match b[i..].iter().position(|&c| matches!(c, b'\n' | b'.' | b'!' | b'?')) {
            Some(k) => i += k,
            None => break,
        }
        let c = b[i];
        if c == b'\n' {
            if wrapped && is_wrap(text, start, i) {
                i += 1;
                continue;
            }
            push(text, start, i, &mut out);
            start = i + 1;
        } else if matches!(c, b'.' | b'!' | b'?') {
            // Closing quotes and brackets stay with the sentence.
            let mut j = i + 1;
            loop {
                let rest = &text[j..];
                if let Some(ch) = rest.chars().next().filter(|ch| matches!(ch, '"' | '\'' | ')' | '”' | '’' | '»'))
                {
                    j += ch.len_utf8();
                } else {
                    break;
                }
            }
            // Any horizontal space, including the no-break spaces web pages put after a period.
            let horizontal = |ch: char| ch.is_whitespace() && ch != '\n';
            let after_space = text[j..].starts_with(horizontal);
            if after_space {
                let next = text[j..].trim_start_matches(horizontal);
                let opens = next.chars().next().is_some_and(|ch| {
                    ch.is_uppercase()
                        || ch.is_ascii_digit()
                        || matches!(ch, '"' | '“' | '«' | '‘' | '(' | '[' | '–' | '—')
                });
                if opens && (c != b'.' || !is_abbreviation(text, start, i)) {
                    push(text, start, j, &mut out);
                    start = j;
                    i = j;
                    continue;
                }
            }
        }
        i += 1;
    }
    push(text, start, b.len(), &mut out);
    out
}

/// Whether the text is hard-wrapped: at least three lines (and a fifth of all lines with text)
/// go on in lower case on the next line, as a sentence broken at a fixed width does. Headlines,
/// menus and paragraphs of web pages do not.
fn hard_wrapped(text: &str) -> bool {
    let mut lines = 0;
    let mut continued = 0;
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() {
            previous = None;
            continue;
        }
        lines += 1;
        if let Some(p) = previous {
            if t.starts_with(|c: char| c.is_lowercase()) && !p.ends_with(TERMINAL) {
                continued += 1;
            }
        }
        previous = Some(t);
    }
    continued >= 3 && continued * 5 >= lines
}

/// What ends a line that ends its sentence.
const TERMINAL: [char; 9] = ['.', '!', '?', ':', ';', '"', '”', '»', '\''];

/// Whether the line break at `nl` (in hard-wrapped text) only wraps the sentence begun at
/// `start`: the line does not end one, and the next line has text.
fn is_wrap(text: &str, start: usize, nl: usize) -> bool {
    let line = text[start..nl].rsplit('\n').next().unwrap_or("").trim_end();
    let next = text[nl + 1..].split('\n').next().unwrap_or("").trim();
    !line.trim().is_empty() && !next.is_empty() && !line.ends_with(TERMINAL)
}

/// The longest sentence kept whole. A longer run (a table, text without punctuation) is cut at a
/// space before the limit, so that the rules' work per sentence is bounded and a document's
/// grows linearly with its length: a 200 KB text with no full stop was one "sentence" that every
/// trigger in it scanned again.
pub const MAX_SENTENCE_BYTES: usize = 2000;

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let mut from = start;
    while end - from > MAX_SENTENCE_BYTES && !text[from..end].trim().is_empty() {
        let mut cut = from + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        // At the last space of the second half of the window, else at the limit.
        let at = text[from..cut]
            .rfind(char::is_whitespace)
            .map(|k| from + k)
            .filter(|&k| k > from + MAX_SENTENCE_BYTES / 2)
            .unwrap_or(cut);
        push_trimmed(text, from, at, out);
        from = at;
    }
    push_trimmed(text, from, end, out);
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Span { start: start + lead, end: end - trail });
    }
}

/// Whether the word ending at the period at `dot` is an abbreviation or an initial.
fn is_abbreviation(text: &str, start: usize, dot: usize) -> bool {
    let before = &text[start..dot];
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"').next().unwrap_or("");
    let word = word.trim_start_matches(['"', '“', '(']);
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true; // an initial: "S. Jaishankar"
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs_without_punctuation_are_cut_so_work_stays_linear() {
        let words = "Kazakhstan and China discussed trade in Astana ";
        let once = words.repeat(2000);
        let twice = words.repeat(4000);
        let (a, b) = (super::split(&once), super::split(&twice));
        for s in a.iter().chain(&b) {
            assert!(s.end - s.start <= super::MAX_SENTENCE_BYTES);
        }
        // Twice the text, twice the pieces (give or take one): the work per piece is bounded.
        assert!((b.len() as i64 - 2 * a.len() as i64).abs() <= 1, "{} {}", a.len(), b.len());
        // Nothing is lost: the pieces cover every word, cut at spaces.
        let joined: Vec<&str> = a.iter().map(|s| &once[s.start..s.end]).collect();
        assert_eq!(joined.join(" ").split_whitespace().count(), once.split_whitespace().count());
    }

    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        split(t).into_iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn splits_news() {
        assert_eq!(
            texts("He met Dr. Lee in Nov. 2023. Trade grew 5%. “It is good,” he said. Then S. Jaishankar spoke."),
            ["He met Dr. Lee in Nov. 2023.", "Trade grew 5%.", "“It is good,” he said.", "Then S. Jaishankar spoke."]
        );
        assert_eq!(
            texts("Headline\n\nASTANA – Body one. Body two.\n"),
            ["Headline", "ASTANA – Body one.", "Body two."]
        );
        assert_eq!(texts("It cost $1.5 billion. In 2023, more."), ["It cost $1.5 billion.", "In 2023, more."]);
        assert_eq!(texts("the U.S. Secretary of State"), ["the U.S. Secretary of State"]);
        // A no-break space after the period (common in text taken from web pages).
        assert_eq!(
            texts("They signed seven deals.\u{a0} These included a pact."),
            ["They signed seven deals.", "These included a pact."]
        );
        assert_eq!(texts("It grew.\u{2003}Then it fell."), ["It grew.", "Then it fell."]);
    }

    #[test]
    fn hard_wrapped_lines_are_joined_until_the_sentence_ends() {
        let t = "The two presidents met in Paris and\nsigned a roadmap for\nenergy, transport and education. The\nnext round is in Astana.\nA headline of its own\n";
        assert_eq!(
            texts(t),
            [
                "The two presidents met in Paris and\nsigned a roadmap for\nenergy, transport and education.",
                "The\nnext round is in Astana.",
                "A headline of its own"
            ]
        );
        // Web pages whose lines are paragraphs and headlines keep every line apart.
        assert_eq!(
            texts("Trade grows\nTrade rose by a tenth\nthe minister said"),
            ["Trade grows", "Trade rose by a tenth", "the minister said"]
        );
    }
}
