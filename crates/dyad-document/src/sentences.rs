//! Sentence splitting tuned for news: a line break always ends a sentence (headlines, datelines
//! and paragraphs); `.`, `!` and `?` end one when followed by space and a capital, a digit or a
//! quote, except after abbreviations ("Dr.", "Nov.", "U.S.") and initials ("S. Jaishankar").

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
    while i < b.len() {
        // Most bytes cannot end a sentence: skip to the next one that can.
        match b[i..].iter().position(|&c| matches!(c, b'\n' | b'.' | b'!' | b'?')) {
            Some(k) => i += k,
            None => break,
        }
        let c = b[i];
        if c == b'\n' {
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

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
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
}
