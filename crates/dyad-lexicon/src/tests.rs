use super::*;

fn lex() -> &'static Lexicon {
    Lexicon::embedded()
}

fn codes(text: &str) -> Vec<String> {
    lex()
        .find(text)
        .into_iter()
        .map(|h| match h.target {
            Target::Country { code, form } => format!("{code}:{form:?}"),
            Target::Organization(c) => format!("org:{c}"),
            Target::Region(c) => format!("region:{c}"),
            Target::Person(i) => format!("person:{}", lex().people[i].name),
        })
        .collect()
}

#[test]
fn every_iso_3166_country_is_there_once() {
    assert_eq!(lex().countries.len(), 249);
    for code in ["KAZ", "SGP", "CHN", "MYS", "JPN", "KOR", "PRK", "MNG", "RUS", "USA", "ARE", "TWN", "PSE"] {
        assert!(lex().country(code).is_some(), "{code}");
    }
}

#[test]
fn invariants_hold_for_the_embedded_data() {
    // Lexicon::load validates: codes, members, people's countries, no overlapping terms.
    load::RawLexicon::embedded().unwrap().validate().unwrap();
}

/// The Asian states (UN geoscheme), Kazakhstan's neighbours among them.
const ASIA: [&str; 49] = [
    "AFG", "ARM", "AZE", "BHR", "BGD", "BTN", "BRN", "KHM", "CHN", "CYP", "GEO", "IND", "IDN", "IRN", "IRQ", "ISR",
    "JPN", "JOR", "KAZ", "KWT", "KGZ", "LAO", "LBN", "MYS", "MDV", "MNG", "MMR", "NPL", "PRK", "OMN", "PAK", "PSE",
    "PHL", "QAT", "SAU", "SGP", "KOR", "LKA", "SYR", "TWN", "TJK", "THA", "TLS", "TUR", "TKM", "ARE", "UZB", "VNM",
    "YEM",
];
const P5: [&str; 5] = ["USA", "GBR", "FRA", "RUS", "CHN"];

#[test]
fn every_asian_state_and_permanent_member_has_a_leader_every_year_since_2000() {
    for code in ASIA.iter().chain(&P5) {
        for year in 2000..=2026 {
            if *code == "TLS" && year < 2002 {
                continue; // under UN administration until independence on 20 May 2002
            }
            let date = Date::new(year, 6, 1).unwrap();
            let leader =
                lex().holder(code, "head_of_state", date).or_else(|| lex().holder(code, "head_of_government", date));
            assert!(leader.is_some(), "no head of state or government of {code} on {date}");
        }
    }
}

#[test]
fn foreign_ministers_are_complete_for_the_core_states_since_2000() {
    // Gaps elsewhere are listed in data/README.md.
    let complete = ASIA.iter().chain(&P5).filter(|c| !["BTN", "NPL", "PSE", "TLS"].contains(c));
    for code in complete {
        for year in 2000..=2026 {
            let date = Date::new(year, 6, 1).unwrap();
            assert!(lex().holder(code, "foreign_minister", date).is_some(), "no foreign minister of {code} on {date}");
        }
    }
}

#[test]
fn office_holders_by_date() {
    let at = |c, o, y, m, d| lex().holder(c, o, Date::new(y, m, d).unwrap()).map(|p| p.name.as_str());
    assert_eq!(at("KAZ", "head_of_state", 2017, 12, 25), Some("Nursultan Nazarbayev"));
    assert_eq!(at("KAZ", "head_of_state", 2019, 3, 20), Some("Kassym-Jomart Tokayev"));
    assert_eq!(at("KAZ", "foreign_minister", 2017, 12, 25), Some("Kairat Abdrakhmanov"));
    assert_eq!(at("RUS", "head_of_government", 2010, 1, 1), Some("Vladimir Putin"));
    assert_eq!(at("JPN", "head_of_government", 2025, 12, 18), Some("Sanae Takaichi"));
    assert_eq!(at("SGP", "head_of_state", 2024, 5, 23), Some("Tharman Shanmugaratnam"));
}

#[test]
fn finds_countries_in_their_forms() {
    assert_eq!(codes("the Republic of Kazakhstan"), ["KAZ:Name"]);
    assert_eq!(codes("Kazakh-Chinese ties"), ["KAZ:Adjective", "CHN:Adjective"]);
    assert_eq!(codes("Kazakhstan-Singapore forum"), ["KAZ:Name", "SGP:Name"]);
    assert_eq!(codes("Kazakhstanis and Singaporeans"), ["KAZ:Adjective", "SGP:Adjective"]);
    assert_eq!(codes("the ROK and the US"), ["KOR:Name", "USA:Name"]);
    assert_eq!(codes("the UAE"), ["ARE:Name"]);
    assert_eq!(codes("Nur-Sultan, the Kremlin, Beijing"), ["KAZ:Capital", "RUS:Capital", "CHN:Capital"]);
    assert_eq!(codes("NUR-SULTAN – President"), ["KAZ:Capital"]);
    assert_eq!(codes("Kazakhstan’s ties with the People’s Republic of China"), ["KAZ:Name", "CHN:Name"]);
    assert_eq!(codes("Türkiye and Turkey"), ["TUR:Name", "TUR:Name"]);
}

#[test]
fn does_not_find_countries_where_there_are_none() {
    assert!(codes("US$643.8 million and 7 bln U.S. dollars").is_empty());
    assert!(codes("the South China Sea and the Indian Ocean").is_empty());
    assert!(codes("Indiana, Romania's neighbour").iter().all(|c| c == "ROU:Name"));
    assert!(codes("Air Astana flights").is_empty());
}

#[test]
fn finds_organizations_regions_and_people() {
    assert_eq!(codes("the Shanghai Cooperation Organisation (SCO)"), ["org:SCO", "org:SCO"]);
    assert_eq!(codes("five Central Asian countries"), ["region:CENTRAL_ASIA"]);
    assert_eq!(codes("Tokayev met Tokaev"), ["person:Kassym-Jomart Tokayev", "person:Kassym-Jomart Tokayev"]);
    assert_eq!(codes("Prime Minister Shinzō Abe"), ["person:Shinzō Abe"]);
    assert_eq!(codes("Prime Minister Shinzo Abe"), ["person:Shinzō Abe"]);
}

#[test]
fn titles_and_portfolios() {
    let t: Vec<(&str, Option<&str>)> = lex()
        .find_titles("Deputy Prime Minister – Minister of Foreign Affairs; the foreign minister; PM; pm")
        .iter()
        .map(|h| (h.title.phrase.as_str(), h.title.of_country.as_deref()))
        .collect();
    assert_eq!(
        t,
        [
            ("Deputy Prime Minister", Some("deputy_head_of_government")),
            ("Minister of Foreign Affairs", Some("foreign_minister")),
            ("Foreign Minister", Some("foreign_minister")),
            ("PM", Some("head_of_government")),
        ]
    );
    assert_eq!(lex().portfolio_at("Economy, Trade and industry Toshimitsu"), Some("Economy, Trade and industry".len()));
    assert_eq!(lex().portfolio_at("Energy Vladimir"), Some(6));
    assert_eq!(lex().portfolio_at("Energetic"), None);
}

#[test]
fn a_folder_extends_and_overrides() {
    let dir = std::env::temp_dir().join(format!("dyad-lex-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("people.tsv"), "Aibek Testov\tTestov\tKAZ\tforeign_minister\t1990-01-01\t1990-02-01\n")
        .unwrap();
    std::fs::write(dir.join("countries.tsv"), "KAZ\tKazakhstan\tQazaqstan Respublikasy\tKazakh\tAstana\t\n").unwrap();
    let custom = Lexicon::load(Some(&dir)).unwrap();
    assert_eq!(custom.countries.len(), 249);
    assert_eq!(custom.country("KAZ").unwrap().aliases, ["Qazaqstan Respublikasy"]);
    assert!(custom.person_named("Aibek Testov").is_some());
    std::fs::write(dir.join("people.tsv"), "Bad Row\t\tKAZ\tforeign_minister\t2020-13-01\n").unwrap();
    let err = Lexicon::load(Some(&dir)).err().unwrap().to_string();
    assert!(err.ends_with("people.tsv:1: bad start date \"2020-13-01\""), "{err}");
    std::fs::write(dir.join("people.tsv"), "Overlapper\t\tKAZ\thead_of_state\t2020-01-01\n").unwrap();
    let err = Lexicon::load(Some(&dir)).err().unwrap().to_string();
    assert!(err.contains("overlapping terms for KAZ head_of_state"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_russian_line_names_an_entry_of_the_lexicon() {
    assert_eq!(Lexicon::embedded().russian_unknown(), Vec::<String>::new());
}

#[test]
fn a_folders_russian_files_add_forms_in_every_case() {
    let dir = std::env::temp_dir().join(format!("dyad-lex-ru-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("ru")).unwrap();
    std::fs::write(dir.join("people.tsv"), "Aibek Testov\tTestov\tKAZ\tforeign_minister\t1990-01-01\t1990-02-01\n")
        .unwrap();
    std::fs::write(dir.join("ru/people.tsv"), "Aibek Testov\tАйбек Тестов|Тестов\n").unwrap();
    let custom = Lexicon::load(Some(&dir)).unwrap();
    let text = "Министр встретился с Айбеком Тестовым.";
    let hits: Vec<&str> = custom.find(text).iter().map(|h| &text[h.start..h.end]).collect();
    assert_eq!(hits, ["Айбеком Тестовым"]);
    // The embedded forms stay.
    assert!(!custom.find("Токаеву").is_empty());
    // A line naming no entry of the lexicon is an error that names the file and line.
    std::fs::write(dir.join("ru/people.tsv"), "# a comment\nNobody Known\tНекто Неизвестный\n").unwrap();
    let err = Lexicon::load(Some(&dir)).err().unwrap().to_string();
    assert!(err.contains("ru/people.tsv:2:") && err.contains("\"Nobody Known\" is no entry"), "{err}");
    std::fs::write(dir.join("ru/places.tsv"), "").unwrap();
    let err = Lexicon::load(Some(&dir)).err().unwrap().to_string();
    assert!(err.contains("unknown Russian lexicon file"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
