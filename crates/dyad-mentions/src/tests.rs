use super::*;
use dyad_document::Meta;

fn roles(text: &str, published: Option<&str>) -> Vec<String> {
    let meta = Meta { published: published.map(String::from), ..Meta::default() };
    let doc = Document::new("t", text, meta);
    find(&doc, Lexicon::embedded()).roles.iter().map(|r| format!("{} {} {}", r.person, r.role, r.of)).collect()
}

#[test]
fn title_before_the_name() {
    assert_eq!(
        roles("President of Kazakhstan, Kassym-Jomart Tokayev, spoke.", None),
        ["Kassym-Jomart Tokayev head_of_state KAZ"]
    );
    assert_eq!(roles("Indian Prime Minister Manmohan Singh arrived.", None), ["Manmohan Singh head_of_government IND"]);
    assert_eq!(roles("Tokyo Governor Yuriko Koike met him.", None), ["Yuriko Koike official JPN"]);
    assert_eq!(
        roles("Singapore’s Non-Resident Ambassador to Kazakhstan Zulkifli bin Baharudin said.", None),
        ["Zulkifli bin Baharudin ambassador SGP"]
    );
    assert_eq!(
        roles("Ambassador of India to the Republic of Kazakhstan Shubhdarshini Tripathi met journalists.", None),
        ["Shubhdarshini Tripathi ambassador IND"]
    );
}

#[test]
fn combined_titles_give_every_role() {
    assert_eq!(
        roles("Deputy Prime Minister – Minister of Foreign Affairs of Kazakhstan Aibek Testov met the press.", None),
        ["Aibek Testov deputy_head_of_government KAZ", "Aibek Testov foreign_minister KAZ"]
    );
    assert_eq!(
        roles("Japanese Deputy Prime Minister and Minister of Finance Tarō Asō visited.", None),
        ["Tarō Asō deputy_head_of_government JPN", "Tarō Asō minister JPN"]
    );
}

#[test]
fn portfolios_and_lists_share_the_country() {
    assert_eq!(
        roles("He met Prime Minister of Kazakhstan Karim Massimov, Minister of Energy Bolat Testov and Minister for Investments and Development Asset Issekeshev.", None),
        [
            "Karim Massimov head_of_government KAZ",
            "Bolat Testov minister KAZ",
            "Asset Issekeshev minister KAZ"
        ]
    );
    assert_eq!(roles("Turkish Industry and Trade Minister, Nihat Ergun, said.", None), ["Nihat Ergun minister TUR"]);
}

#[test]
fn title_after_the_name() {
    assert_eq!(
        roles("The Delhi talks were led by Mukhtar Tileuberdi, the foreign minister of Kazakhstan, last spring.", None),
        ["Mukhtar Tileuberdi foreign_minister KAZ"]
    );
    assert_eq!(
        roles("According to Baek Joo-hyun, South Korea’s ambassador to Kazakhstan, many came.", None),
        ["Baek Joo-hyun ambassador KOR"]
    );
}

#[test]
fn organizations_and_their_heads() {
    let text = "A memorandum was signed with the Institute of Strategic and International Studies of Malaysia.\n\
                The Chairman of the Institute, Dr. Mohd Faiz Abdullah, and the director of the Kazakhstan Institute for Strategic Studies, Yerkin Tukumov, spoke. Tukumov said more.";
    assert_eq!(
        roles(text, None),
        ["Mohd Faiz Abdullah head_of_organization MYS", "Yerkin Tukumov head_of_organization KAZ"]
    );
    let doc = Document::new("t", text, Meta::default());
    let found = find(&doc, Lexicon::embedded());
    assert!(found.items.iter().any(|m| m.via == "family-name" && m.id == "Yerkin Tukumov"));
}

#[test]
fn lexicon_people_and_counterparts() {
    assert_eq!(roles("President Tokayev said.", None), ["Kassym-Jomart Tokayev head_of_state KAZ"]);
    assert_eq!(
        roles(
            "Erdogan welcomed his Kazakh counterpart Kassym-Jomart Tokayev to the presidential complex.",
            Some("2022-05-10")
        ),
        ["Kassym-Jomart Tokayev head_of_state KAZ"]
    );
    assert_eq!(roles("Emperor Naruhito of Japan received him.", None), ["Naruhito head_of_state JPN"]);
}

#[test]
fn no_role_without_a_name_or_a_country() {
    assert!(roles("The Kazakh Foreign Minister also said that trade grew.", None).is_empty());
    assert!(roles("Korean medical tourism businessman Dong-Il Lim told reporters.", None).is_empty());
    assert!(roles(
        "the Kazakhstan Institute under the President of the Republic of Kazakhstan and the Institute",
        None
    )
    .is_empty());
}

#[test]
fn office_references_resolve_to_the_holder() {
    let doc =
        Document::new("t", " date 2017-12-25 The Head of State made nine visits. Kazakhstan grew.", Meta::default());
    let found = find(&doc, Lexicon::embedded());
    let office: Vec<&Mention> = found.items.iter().filter(|m| m.via == "office").collect();
    assert_eq!(office.len(), 1);
    assert_eq!((office[0].text.as_str(), office[0].id.as_str()), ("Head of State", "Nursultan Nazarbayev"));
}

#[test]
fn the_previous_year_is_the_year_before_the_one_the_sentence_names() {
    let doc = |text: &str| Document::new("d", text, Meta { published: Some("2024-11-10".into()), ..Meta::default() });
    let times = |text: &str| -> Vec<String> {
        let d = doc(text);
        crate::find(&d, Lexicon::embedded()).times.iter().filter_map(|t| t.iso()).collect()
    };
    assert_eq!(times("In 2022, trade grew 12% compared with the previous year."), ["2022", "2021"]);
    assert_eq!(
        times("In January-March 2021 trade rose 9% over the same period of the previous year."),
        ["2021-01/2021-03", "2020-01/2020-03"]
    );
    assert_eq!(
        times("In January-September 2023 exports rose 20% over the same period last year."),
        ["2023-01/2023-09", "2022-01/2022-09"]
    );
    assert_eq!(times("In 2022, trade grew 12%; a year earlier it fell."), ["2022", "2021"]);
    // "last year" alone is the year before the article's.
    assert_eq!(times("In January-September 2023 exports rose; last year they fell."), ["2023-01/2023-09", "2023"]);
    // With no year in the sentence, the article's date is the reference.
    assert_eq!(times("Trade grew 5% compared with the previous year."), ["2023"]);
    // A year in another sentence does not count.
    assert_eq!(times("In 2022, trade grew. It fell compared with the previous year."), ["2022", "2023"]);
}

#[test]
fn a_counterpart_holds_the_post_of_the_person_before_it() {
    assert_eq!(
        roles(
            "Japanese Foreign Minister Yoko Kamikawa met her Peruvian counterpart, Javier Gonzalez-Olaechea.",
            Some("2024-05-10")
        ),
        ["Yōko Kamikawa foreign_minister JPN", "Javier Gonzalez-Olaechea foreign_minister PER"]
    );
}

#[test]
fn an_organization_name_ends_at_its_country() {
    assert_eq!(
        roles("Vice-Chairman of the Senate of Kazakhstan Askar Shakirov met the delegation.", Some("2023-02-21")),
        ["Askar Shakirov official KAZ"]
    );
}
