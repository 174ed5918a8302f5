//! A Russian name in the nominative: "встретился с Айбеком Смаиловым" names Айбек Смаилов.
//!
//! Why: a name found after a title is in whatever case the sentence puts it ("министром
//! торговли Говардом Латником", "Президента Индии Пронаб Гумар Мукерджи"), and a fact must
//! name the person as a reader would look them up. The lexicon's people are mapped whole
//! (`dyad-lexicon`'s Russian forms); for others, the masculine case endings are undone by the
//! suffix rules below, each with its own test. Feminine and indeclinable names are left as
//! written (a wrong rule would damage a name that was right).
//!
//! Example: "Айбеком Смаиловым" -> "Айбек Смаилов"; a soft stem ("Рапилем") is left as
//! written, its surname still undone ("Жошыбаевым" -> "Жошыбаев").

/// (ending, what replaces it, the letters the stem must end with (any of; empty: a consonant)).
const RULES: &[(&str, &str, &[&str])] = &[
    // Surnames in -ов/-ев/-ин: Смаиловым, Жошыбаева, Токаеву, Путине.
    ("ым", "", &["ов", "ев", "ёв", "ин", "ын"]),
    ("а", "", &["ов", "ев", "ёв", "ин", "ын"]),
    ("у", "", &["ов", "ев", "ёв", "ин", "ын"]),
    // Names ending in a consonant, instrumental: Айбеком, Латником.
    ("ом", "", &[]),
    // ... in -й: Сергеем, Андреем.
    ("ем", "й", &["е", "а", "у"]),
];

const VOWELS: &str = "аеёиоуыэюяь";

/// One word in the nominative, by the first rule that applies.
fn word(w: &str) -> String {
    for (ending, replace, stems) in RULES {
        let Some(stem) = w.strip_suffix(ending) else { continue };
        if stem.chars().count() < 3 {
            continue;
        }
        let fits = if stems.is_empty() {
            stem.chars().last().is_some_and(|c| !VOWELS.contains(c))
        } else {
            stems.iter().any(|s| stem.ends_with(s))
        };
        if fits {
            return format!("{stem}{replace}");
        }
    }
    w.to_string()
}

/// The nominative of a Cyrillic name; other names as written.
pub(crate) fn nominative(name: &str) -> String {
    if !name.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}')) {
        return name.to_string();
    }
    name.split(' ').map(word).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::nominative;

    #[test]
    fn masculine_case_endings_are_undone_and_other_names_left() {
        assert_eq!(nominative("Айбеком Смаиловым"), "Айбек Смаилов");
        assert_eq!(nominative("Говардом Латником"), "Говард Латник");
        assert_eq!(nominative("Сергеем Лавровым"), "Сергей Лавров");
        assert_eq!(nominative("Токаеву"), "Токаев");
        assert_eq!(nominative("Марко Рубио"), "Марко Рубио");
        assert_eq!(nominative("Анна Ким"), "Анна Ким");
        assert_eq!(nominative("Ху Хэпин"), "Ху Хэпин");
        assert_eq!(nominative("Xi Jinping"), "Xi Jinping");
    }
}
