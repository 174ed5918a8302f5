//! `dyad tag`: what the engine sees.

mod util;

use util::{dyad, lines};

#[test]
fn tag_shows_countries_people_titles_and_organizations() {
    let text = "NUR-SULTAN – Kazakh President Kassym-Jomart Tokayev met the director of the Kazakhstan Institute for Strategic Studies, Yerkin Tukumov. Tukumov spoke about the SCO.";
    let run = dyad(&["tag", "-"], Some(text));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let tags = lines(&run.stdout);
    let seen: Vec<(String, String, String)> = tags
        .iter()
        .map(|t| {
            (t["type"].as_str().unwrap().into(), t["text"].as_str().unwrap().into(), t["id"].as_str().unwrap().into())
        })
        .collect();
    let has = |k: &str, t: &str, id: &str| seen.contains(&(k.into(), t.into(), id.into()));
    assert!(has("capital", "NUR-SULTAN", "KAZ"), "{seen:#?}");
    assert!(has("country", "Kazakh", "KAZ"));
    assert!(has("person", "Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev"));
    assert!(has("title", "President", "head_of_state"));
    assert!(has(
        "organization",
        "Kazakhstan Institute for Strategic Studies",
        "Kazakhstan Institute for Strategic Studies"
    ));
    assert!(has("person", "Yerkin Tukumov", "Yerkin Tukumov"));
    assert!(has("person", "Tukumov", "Yerkin Tukumov"), "a later family-name mention is linked");
    assert!(has("organization", "SCO", "SCO"));
    for t in &tags {
        let (s, e) = (t["start"].as_u64().unwrap() as usize, t["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], t["text"].as_str().unwrap());
    }
}

#[test]
fn ref_date_resolves_office_references() {
    let text = "The Head of State received the delegation in Astana. Kazakhstan welcomed it.";
    let run = dyad(&["tag", "--ref-date", "2017-06-01", "-"], Some(text));
    let tags = lines(&run.stdout);
    let office = tags.iter().find(|t| t["via"] == "office").expect("an office reference");
    assert_eq!(office["id"], "Nursultan Nazarbayev");
    let run = dyad(&["tag", "--ref-date", "2021-06-01", "-"], Some(text));
    let office = lines(&run.stdout).into_iter().find(|t| t["via"] == "office").unwrap();
    assert_eq!(office["id"], "Kassym-Jomart Tokayev");
}

#[test]
fn a_bad_ref_date_is_a_usage_error() {
    let run = dyad(&["tag", "--ref-date", "2021-13-01", "-"], Some("x"));
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("is not a date of the form YYYY-MM-DD"), "{}", run.stderr);
}

#[test]
fn a_user_lexicon_extends_the_built_in_one() {
    let dir = util::scratch("lexicon");
    std::fs::write(
        dir.join("people.tsv"),
        "Aidos Testbayev\tTestbayev\tKAZ\tforeign_minister\t1990-01-01\t1990-06-01\n",
    )
    .unwrap();
    let run = dyad(&["tag", "--lexicon", dir.to_str().unwrap(), "-"], Some("Testbayev arrived."));
    assert!(run.stdout.contains("\"id\":\"Aidos Testbayev\""), "{}", run.stdout);
    std::fs::write(dir.join("people.tsv"), "Broken\tx\tKAZ\tking\t1990-01-01\n").unwrap();
    let run = dyad(&["tag", "--lexicon", dir.to_str().unwrap(), "-"], Some("x"));
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("people.tsv:1: unknown office \"king\""), "{}", run.stderr);
}

#[test]
fn tag_shows_dates_periods_and_amounts_with_their_values() {
    let text = " date 2024-05-23 Last year, trade reached $1.6 billion, up 25 per cent, with over 140 Malaysian companies active since 1992.";
    let run = dyad(&["tag", "-"], Some(text));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let tags = lines(&run.stdout);
    let find = |kind: &str, t: &str| tags.iter().find(|v| v["type"] == kind && v["text"] == t).cloned();
    assert_eq!(find("date", "Last year").expect("last year")["value"], "2023");
    let money = find("amount", "$1.6 billion").expect("money");
    assert_eq!((money["value"].as_f64(), money["unit"].as_str()), (Some(1.6e9), Some("USD")));
    assert_eq!(find("percent", "25 per cent").expect("percent")["value"].as_f64(), Some(25.0));
    let count = find("count", "140").expect("count");
    assert_eq!((count["qualifier"].as_str(), count["noun"].as_str()), (Some("over"), Some("companies")));
    assert_eq!(find("period", "since 1992").expect("since")["value"], "1992/2024");
    let run =
        dyad(&["tag", "--ref-date", "2017-12-25", "-"], Some("In 10 years China invested more than 14 billion USD."));
    let tags = lines(&run.stdout);
    assert!(tags.iter().any(|v| v["type"] == "period" && v["value"] == "2008/2017"), "{tags:#?}");
    assert!(tags
        .iter()
        .any(|v| v["type"] == "amount" && v["value"].as_f64() == Some(14e9) && v["qualifier"] == "over"));
}
