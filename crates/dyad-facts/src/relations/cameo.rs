//! The CAMEO code of an intent or an opening from what the sentence says is intended or opened,
//! where the event type alone does not tell: "intends to expand trade" is intent to cooperate
//! economically (0311), "agreed to hold talks" intent to meet or negotiate (036), "opened an
//! embassy" diplomatic cooperation (050), "opened a direct flight" economic cooperation (061).
//!
//! Why: event-data users aggregate by CAMEO code and Goldstein value; one code for every
//! intent, or "share intelligence" (064) for an opened embassy, would mislead them.
//!
//! The words are looked for in the clause after the trigger (up to 80 bytes); the first group
//! that matches gives the code, else the type's code from `rules/events.tsv`.

/// Words, any of which gives the code.
type Group = (&'static [&'static str], &'static str);

/// Per type: its groups, the first that matches wins.
const REFINEMENTS: &[(&str, &[Group])] = &[
    (
        "INTEND",
        &[
            (&["meet", "talks", "negotiat", "visit", "summit", "consult"], "036"),
            (&["aid", "assist", "humanitarian", "relief"], "033"),
            (
                &["trade", "invest", "econom", "business", "industr", "energy", "transport", "logistic", "transit"],
                "0311",
            ),
            (&["military", "defen", "security"], "0312"),
        ],
    ),
    (
        "OPEN",
        &[
            (&["embassy", "consulate", "diplomatic mission", "mission"], "050"),
            (
                &[
                    "flight",
                    "route",
                    "corridor",
                    "border crossing",
                    "office",
                    "trade house",
                    "centre",
                    "center",
                    "branch",
                ],
                "061",
            ),
        ],
    ),
];

/// The CAMEO code of a `kind` event whose rule gives `code`, from the text after its trigger.
pub(crate) fn refine(kind: &str, code: &str, after_trigger: &str) -> String {
    let mut end = after_trigger.len().min(80);
    while !after_trigger.is_char_boundary(end) {
        end -= 1;
    }
    let clause = after_trigger[..end].to_lowercase();
    let Some((_, groups)) = REFINEMENTS.iter().find(|(k, _)| *k == kind) else { return code.to_string() };
    groups
        .iter()
        .find(|(words, _)| words.iter().any(|w| clause.contains(w)))
        .map_or_else(|| code.to_string(), |(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::refine;

    #[test]
    fn intents_and_openings_by_what_they_are_about() {
        assert_eq!(refine("INTEND", "030", " to expand trade and investment"), "0311");
        assert_eq!(refine("INTEND", "030", " to hold talks in Astana"), "036");
        assert_eq!(refine("INTEND", "030", " to deepen friendship"), "030");
        assert_eq!(refine("OPEN", "050", " an embassy in Kuala Lumpur"), "050");
        assert_eq!(refine("OPEN", "050", " a direct flight between the capitals"), "061");
        assert_eq!(refine("VISIT", "042", " to discuss trade"), "042");
    }
}
