//! The language a document is written in, from its letters and its commonest words.
//!
//! Cyrillic text is Russian unless it carries the letters only Kazakh (ә, ғ, қ, ң, ө, ұ, ү, һ,
//! і) or Uzbek (ў, қ, ғ, ҳ without the Kazakh ones) use often; Latin text is English, French,
//! German, Spanish, Turkish or Uzbek when it has accented letters and that language's function
//! words clearly outnumber the English ones (Latin text without such evidence, a headline say,
//! is English); other scripts are `und` (undetermined). A page mixing languages takes the
//! one most of its letters are in. Only the first 8 KB (and of those, the first 100 short words; a first kilobyte of Latin letters only ends the count) are read: enough for an article, and the
//! cost stays flat for a long one. dyad's rules exist for English; facts are drawn only from
//! documents whose language they are written for, so a French article gives none rather than
//! wrong ones.
//!
//! ```
//! assert_eq!(dyad_document::language::detect("The two presidents met in Astana and signed a treaty."), "en");
//! assert_eq!(dyad_document::language::detect("Президенты двух стран провели переговоры в Астане."), "ru");
//! ```

/// How much of a document is read to decide its language.
const SAMPLE: usize = 8 * 1024;

/// How many short words vote on a Latin-script language.
const WORDS: usize = 100;

/// Function words of the Latin-script languages news about the region comes in.
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    ("en", &["the", "and", "of", "to", "in", "is", "that", "with", "for", "was", "on", "by"]),
    ("fr", &["le", "la", "les", "des", "et", "est", "une", "du", "dans", "pour", "que", "sur"]),
    ("de", &["der", "die", "und", "das", "den", "ist", "mit", "von", "nicht", "des", "auf", "ein"]),
    ("es", &["el", "los", "las", "y", "que", "una", "por", "con", "para", "del", "se", "en"]),
    ("tr", &["ve", "bir", "bu", "ile", "için", "da", "de", "olarak", "olan", "çok", "daha", "ise"]),
    ("uz", &["va", "bilan", "uchun", "bu", "bo'yicha", "ham", "yil", "davlat", "o'rtasida", "qilish"]),
];

/// The ISO 639-1 code of the document's main language, or `und`.
pub fn detect(text: &str) -> &'static str {
    let mut cut = text.len().min(SAMPLE);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let sample = &text[..cut];
    let (mut latin, mut cyrillic, mut other) = (0usize, 0usize, 0usize);
    let (mut kazakh, mut uzbek, mut accented) = (0usize, 0usize, 0usize);
    let bytes = sample.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A first kilobyte of Latin letters only is Latin text: no need to read on.
        if i >= 1024 && cyrillic == 0 && other == 0 && latin > 300 {
            break;
        }
        let b = bytes[i];
        // ASCII letters by byte; other letters decoded (this runs over every document).
        if b < 0x80 {
            latin += usize::from(b.is_ascii_alphabetic());
            i += 1;
            continue;
        }
        let c = sample[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        if !c.is_alphabetic() {
            continue;
        }
        match c {
            'À'..='ɏ' => {
                latin += 1;
                accented += 1;
            }
            'Ѐ'..='ӿ' => {
                cyrillic += 1;
                match c.to_lowercase().next().unwrap_or(c) {
                    'ә' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' | 'і' => kazakh += 1,
                    'ў' | 'ҳ' => uzbek += 1,
                    _ => {}
                }
            }
            _ => other += 1,
        }
    }
    if cyrillic > latin && cyrillic > other {
        // A few letters can be names or quotes; a language uses its own letters throughout.
        return if kazakh * 100 > cyrillic {
            "kk"
        } else if uzbek * 100 > cyrillic {
            "uz"
        } else {
            "ru"
        };
    }
    if latin <= other || latin == 0 {
        return "und";
    }
    // French, German, Spanish and Turkish text has accented letters within a kilobyte; Latin
    // text without any is English (and the word vote, the costly part, is skipped).
    if accented == 0 {
        return "en";
    }
    // The first couple of hundred short words are enough to vote: each lower-cased on the
    // stack and looked up in one sorted table of every language's function words.
    static TABLE: std::sync::OnceLock<Vec<(&'static str, usize)>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t: Vec<(&'static str, usize)> =
            FUNCTION_WORDS.iter().enumerate().flat_map(|(k, (_, list))| list.iter().map(move |w| (*w, k))).collect();
        t.sort();
        t
    });
    let mut counts = [0usize; FUNCTION_WORDS.len()];
    let words = sample.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty() && w.len() <= 9);
    for word in words.take(WORDS) {
        let mut buf = [0u8; 9];
        for (b, c) in buf.iter_mut().zip(word.bytes()) {
            *b = c.to_ascii_lowercase();
        }
        let Ok(key) = std::str::from_utf8(&buf[..word.len()]) else { continue };
        let from = table.partition_point(|(w, _)| *w < key);
        for (_, k) in table[from..].iter().take_while(|(w, _)| *w == key) {
            counts[*k] += 1;
        }
        // A dozen English function words settle it: English text with accented names.
        if counts[0] >= 12 {
            return "en";
        }
    }
    // English unless another language's words clearly outnumber it: headlines and short
    // lines have few function words, and English is what the rules read.
    let (best, n) = counts.iter().enumerate().max_by_key(|(_, n)| **n).map(|(k, n)| (k, *n)).unwrap_or((0, 0));
    if n > counts[0] * 2 && n >= 3 {
        FUNCTION_WORDS[best].0
    } else {
        "en"
    }
}

#[cfg(test)]
mod tests {
    use super::detect;

    #[test]
    fn languages_by_letters_and_words() {
        assert_eq!(detect("The two presidents met in Astana and signed a treaty on trade."), "en");
        assert_eq!(detect("Товарооборот между Казахстаном и Китаем вырос на 20%."), "ru");
        assert_eq!(detect("Қазақстан мен Қытай арасындағы тауар айналымы өсті."), "kk");
        assert_eq!(detect("Les deux présidents se sont rencontrés à Paris et ont signé des accords."), "fr");
        assert_eq!(detect("Die beiden Präsidenten trafen sich in Berlin und unterzeichneten das Abkommen."), "de");
        assert_eq!(detect("Los dos presidentes se reunieron en Madrid y firmaron un acuerdo de cooperación económica para el comercio."), "es");
        assert_eq!(detect("President Erdoğan and President Tokayev met in Ankara and the two signed a treaty on the protection of investments in the region."), "en");
        assert_eq!(detect("两国元首举行会谈。"), "und");
        assert_eq!(detect(""), "und");
        assert_eq!(detect("Tokayev arrives in Rome"), "en", "a headline without function words");
    }

    #[test]
    fn a_mixed_page_takes_its_main_language() {
        let text = "Kazinform. Президент Казахстана Касым-Жомарт Токаев провел переговоры с президентом \
                    Узбекистана в Ташкенте. Стороны подписали соглашения.";
        assert_eq!(detect(text), "ru");
        assert_eq!(detect("President Tokayev (Токаев) met the Uzbek leader in Tashkent on Monday."), "en");
    }
}
