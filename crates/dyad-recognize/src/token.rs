//! A small tokenizer shared by the recognizers: words (lower-cased copy kept), numbers (with
//! their digits, and an ordinal suffix folded in: "23rd"), and single punctuation marks, each
//! with its byte span. Token text is borrowed from the input unless it had to be lower-cased.

use std::borrow::Cow;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (and inner apostrophes or periods of abbreviations are separate tokens).
    Word,
    /// ASCII digits, possibly followed by an ordinal suffix.
    Num,
    /// Anything else that is not white space (one character).
    Punct,
}

/// One token.
#[derive(Debug, Clone)]
pub struct Tok<'a> {
    /// Kind.
    pub kind: TokKind,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Lower-cased text (for words); the digits (for numbers); the character (punctuation).
    pub norm: Cow<'a, str>,
    /// For numbers: the value of the digits (saturating).
    pub value: u64,
    /// For numbers: an ordinal suffix followed ("23rd").
    pub ordinal: bool,
    /// White space (or nothing) before this token and after the previous one.
    pub space_before: bool,
    /// For words: the first letter is upper-case.
    pub capitalized: bool,
}

impl Tok<'_> {
    /// Whether this is the word `w` (lower-case).
    pub fn is(&self, w: &str) -> bool {
        self.kind == TokKind::Word && self.norm == w
    }

    /// Whether this is the punctuation mark `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct && self.norm.starts_with(c) && self.norm.chars().count() == 1
    }

    /// The number of digits of a number token.
    pub fn digits(&self) -> usize {
        if self.kind == TokKind::Num {
            self.norm.len()
        } else {
            0
        }
    }
}

/// Tokenizes `text`.
pub fn tokenize(text: &str) -> Vec<Tok<'_>> {
    tokenize_impl(text, None)
}

/// Tokenizes `text`, taking the lower-case forms of ASCII words from `lower`, which must be
/// `text.to_ascii_lowercase()` (same length, same byte offsets). One lower-cased copy of the
/// whole text saves an allocation for every capitalized word.
///
/// # Panics
/// If `lower` is not as long as `text`.
pub fn tokenize_lowered<'a>(text: &'a str, lower: &'a str) -> Vec<Tok<'a>> {
    assert_eq!(text.len(), lower.len(), "`lower` must be text.to_ascii_lowercase()");
    tokenize_impl(text, Some(lower))
}

fn tokenize_impl<'a>(text: &'a str, lower: Option<&'a str>) -> Vec<Tok<'a>> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let b = text.as_bytes();
    let mut i = 0;
    let mut space = true;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let digits = &text[start..i];
            let mut ordinal = false;
            if i + 1 < b.len() + 1 {
                let rest = &b[i..];
                if rest.len() >= 2 {
                    let two = [rest[0].to_ascii_lowercase(), rest[1].to_ascii_lowercase()];
                    let after = rest.get(2);
                    if matches!(&two, b"st" | b"nd" | b"rd" | b"th") && after.is_none_or(|c| !c.is_ascii_alphanumeric())
                    {
                        ordinal = true;
                        i += 2;
                    }
                }
            }
            let value = digits.bytes().fold(0u64, |v, d| v.saturating_mul(10).saturating_add(u64::from(d - b'0')));
            out.push(Tok {
                kind: TokKind::Num,
                start,
                end: i,
                norm: Cow::Borrowed(digits),
                value,
                ordinal,
                space_before: space,
                capitalized: false,
            });
            space = false;
            continue;
        }
        let ch = if c < 0x80 { char::from(c) } else { text[i..].chars().next().unwrap() };
        if ch.is_alphabetic() {
            let start = i;
            // Whether the word is ASCII and has a capital, learnt in the one scan.
            let mut ascii = true;
            let mut upper = false;
            while i < b.len() {
                // ASCII letters without decoding; other characters decoded once.
                if b[i].is_ascii_alphabetic() {
                    upper |= b[i].is_ascii_uppercase();
                    i += 1;
                    continue;
                }
                if b[i] < 0x80 {
                    break;
                }
                let ch = text[i..].chars().next().unwrap();
                if ch.is_alphabetic() {
                    ascii = false;
                    upper |= ch.is_uppercase();
                    i += ch.len_utf8();
                } else {
                    break;
                }
            }
            let word = &text[start..i];
            out.push(Tok {
                kind: TokKind::Word,
                start,
                end: i,
                norm: match (upper, ascii, lower) {
                    (false, _, _) => Cow::Borrowed(word),
                    (true, true, Some(l)) => Cow::Borrowed(&l[start..i]),
                    (true, true, None) => Cow::Owned(word.to_ascii_lowercase()),
                    (true, false, _) => Cow::Owned(word.to_lowercase()),
                },
                value: 0,
                ordinal: false,
                space_before: space,
                capitalized: if ch.is_ascii() { ch.is_ascii_uppercase() } else { ch.is_uppercase() },
            });
            space = false;
            continue;
        }
        if ch.is_whitespace() {
            space = true;
            i += ch.len_utf8();
            continue;
        }
        out.push(Tok {
            kind: TokKind::Punct,
            start: i,
            end: i + ch.len_utf8(),
            norm: Cow::Borrowed(&text[i..i + ch.len_utf8()]),
            value: 0,
            ordinal: false,
            space_before: space,
            capitalized: false,
        });
        space = false;
        i += ch.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        let t = tokenize("On 23rd May, US$1.5bn – ok");
        let norms: Vec<&str> = t.iter().map(|t| t.norm.as_ref()).collect();
        assert_eq!(norms, ["on", "23", "may", ",", "us", "$", "1", ".", "5", "bn", "–", "ok"]);
        assert!(t[1].ordinal);
        assert_eq!((t[1].start, t[1].end), (3, 7));
        assert!(!t[6].space_before && !t[5].capitalized);
    }

    #[test]
    fn lowered_tokens_are_the_same_tokens_without_copies() {
        let text = "President Tokayev met ÉMILE in Astana on 3rd June; ÖSTERREICH said 2,5 bn.";
        let lower = text.to_ascii_lowercase();
        let a = tokenize(text);
        let b = tokenize_lowered(text, &lower);
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!((x.kind, x.start, x.end, x.norm.as_ref()), (y.kind, y.start, y.end, y.norm.as_ref()));
            assert_eq!(
                (x.space_before, x.capitalized, x.value, x.ordinal),
                (y.space_before, y.capitalized, y.value, y.ordinal)
            );
        }
        // An ASCII word borrows from `lower`; a non-ASCII capitalized word is still lower-cased.
        assert!(matches!(b[0].norm, Cow::Borrowed("president")));
        assert_eq!(b[3].norm, "émile");
    }
}
