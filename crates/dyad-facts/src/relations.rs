//! Events and figures: who did what with whom, and how much.
//!
//! Both work sentence by sentence on the mentions, times and amounts of `dyad-mentions` and the
//! triggers of `rules/`. A party is a country: named, or by adjective, capital (the government),
//! person (the country they serve), or organization (its country). When a sentence names only
//! one party, the other is the article's focus: the pair its title and lead are about.

use dyad_document::{Document, Span};
use dyad_lexicon::Lexicon;
use dyad_mentions::{Kind, Mention, Mentions};
use dyad_recognize::amount::{AmountMatch, Qualifier, Unit};
use dyad_recognize::time::{TimeMatch, TimeValue};

use crate::rules::{Rules, Trigger, TriggerHit};

/// An event before it becomes a fact.
#[derive(Debug, Clone, PartialEq)]
pub struct EventClaim {
    /// Event type.
    pub kind: String,
    /// Acting parties.
    pub from: Vec<String>,
    /// Other parties.
    pub to: Vec<String>,
    /// ISO date at the text's precision.
    pub date: Option<String>,
    /// People taking part.
    pub persons: Vec<String>,
    /// `planned`, `negated`, `hypothetical`, or None for what happened.
    pub modality: Option<String>,
    /// CAMEO code.
    pub cameo: String,
    /// PLOVER category.
    pub plover: String,
    /// Visit kind, instrument, count.
    pub attributes: Vec<(String, serde_json::Value)>,
    /// The sentence.
    pub sentence: Span,
    /// The trigger.
    pub trigger: Span,
    /// Why the rule fired, in words: the trigger, the parties and where they came from, the date.
    pub why: String,
}

/// A figure before it becomes a fact.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureClaim {
    /// The metric.
    pub metric: String,
    /// Flow from.
    pub from: String,
    /// Flow to.
    pub to: String,
    /// Value in whole units.
    pub value: f64,
    /// ISO 4217 code or `count`.
    pub unit: String,
    /// exact, approx, over, under, target, forecast.
    pub qualifier: String,
    /// ISO period.
    pub period: Option<String>,
    /// Stated growth in percent.
    pub change_pct: Option<f64>,
    /// What the growth compares to.
    pub compared_to: Option<String>,
    /// The sentence.
    pub sentence: Span,
    /// The amount.
    pub amount: Span,
    /// Why the rule fired, in words.
    pub why: String,
}

/// A party mentioned in a sentence.
#[derive(Debug, Clone)]
struct Party {
    start: usize,
    end: usize,
    country: String,
    kind: Kind,
    person: Option<String>,
}

/// The article's focus: its home country and its partner.
#[derive(Debug, Clone, Default)]
pub struct Focus {
    /// The country the article is written from (most mentioned).
    pub home: Option<String>,
    /// The country it is about with the home country.
    pub partner: Option<String>,
    /// The country of the dateline ("ASTANA –"), where the story was filed.
    pub dateline: Option<String>,
}

/// What the story has set as it goes: the period its last figure was of, which "in the same
/// year" and "over the same months" refer to.
#[derive(Debug, Clone, Default)]
pub struct Frame {
    /// The period of the last figure with a period.
    pub period: Option<String>,
}

impl Frame {
    /// The story after a sentence's figures.
    fn after_figures(&mut self, figures: &[FigureClaim]) {
        if let Some(p) = figures.iter().rev().find(|f| f.qualifier != "target").and_then(|f| f.period.clone()) {
            self.period = Some(p);
        }
    }
}

/// Finds the focus pair from the mentions: the home country is the most mentioned country; the
/// partner the most mentioned other country of the title and first three sentences (else of the
/// whole article).
pub fn focus(doc: &Document, mentions: &Mentions) -> Focus {
    let count = |limit: usize| {
        let mut counts: Vec<(&str, usize, usize)> = Vec::new();
        for m in mentions.items.iter().filter(|m| m.start < limit && matches!(m.kind, Kind::Country | Kind::Person)) {
            let Some(c) = party_country(m) else { continue };
            let weight = if doc.sentences.first().is_some_and(|s| m.end <= s.end) { 3 } else { 1 };
            match counts.iter_mut().find(|x| x.0 == c) {
                Some(x) => x.1 += weight,
                None => counts.push((c, weight, m.start)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
        counts
    };
    let all = count(usize::MAX);
    let home = all.first().map(|c| c.0.to_string());
    let lead_end = doc.sentences.get(3).map_or(doc.text.len(), |s| s.end);
    let lead = count(lead_end);
    let partner = lead.iter().chain(all.iter()).map(|c| c.0).find(|c| Some(*c) != home.as_deref()).map(str::to_string);
    // A capital or city in the first 40 bytes of the body is the dateline.
    let body = dyad_document::date_marker_len(&doc.text);
    let dateline = mentions
        .items
        .iter()
        .find(|m| m.start >= body && m.start < body + 40 && matches!(m.kind, Kind::Capital | Kind::Place))
        .and_then(|m| m.country.clone());
    Focus { home, partner, dateline: mentions.dateline.clone().or(dateline) }
}

/// The country a mention stands for, when it is a party.
fn party_country(m: &Mention) -> Option<&str> {
    let country = m.country.as_deref();
    match m.kind {
        Kind::Country | Kind::Capital | Kind::Person => country,
        Kind::Organization => country.filter(|c| c.len() == 3 && c.bytes().all(|x| x.is_ascii_uppercase())),
        _ => None,
    }
}

/// Whether day `b` falls less than a month after day `a`.
fn within_a_month(a: dyad_recognize::time::Partial, b: dyad_recognize::time::Partial) -> bool {
    let months = (b.year - a.year) * 12 + i32::from(b.month.unwrap_or(1)) - i32::from(a.month.unwrap_or(1));
    months == 0 || months == 1 && b.day < a.day
}

/// Whether `text` is `word` or ends with a space and `word`.
fn ends_with_word(text: &str, word: &str) -> bool {
    text == word || text.strip_suffix(word).is_some_and(|rest| rest.ends_with(' '))
}

/// Whether `before` ends with the word "in" or "at", in any case.
fn preceded_by_in_or_at(before: &str) -> bool {
    let b = before.trim_end().as_bytes();
    let n = b.len();
    n >= 2
        && (b[n - 2..].eq_ignore_ascii_case(b"in") || b[n - 2..].eq_ignore_ascii_case(b"at"))
        && (n == 2 || b[n - 3].is_ascii_whitespace())
}

fn parties_in(doc: &Document, mentions: &Mentions, span: Span) -> Vec<Party> {
    // "the Ambassador of Turkey to Kazakhstan Evren Dagdelen": the countries between a title and
    // its holder describe the post; the holder is the party.
    let in_title = |m: &Mention| {
        mentions.roles.iter().any(|r| {
            let (a, b) =
                if r.title.start < r.name.start { (r.title.start, r.name.start) } else { (r.name.end, r.title.end) };
            m.kind != Kind::Person && m.start >= a && m.end <= b
        })
    };
    mentions
        .within(span)
        .filter(|m| !in_title(m))
        .filter(|m| {
            // A capital after "in"/"at" is where something happened, not who did it.
            m.kind != Kind::Capital || !preceded_by_in_or_at(&doc.text[span.start..m.start])
        })
        // "discussed the situation around North Korea": a topic, not a party.
        .filter(|m| !is_topic(&doc.text[span.start..m.start]))
        .filter_map(|m| {
            let country = party_country(m)?.to_string();
            Some(Party {
                start: m.start,
                end: m.end,
                country,
                kind: m.kind,
                person: (m.kind == Kind::Person).then(|| m.id.clone()),
            })
        })
        .collect()
}

/// Whether the words before a country make it the topic of talks: "the situation in", "the
/// crisis around", "tensions between", "the conflict in", "the settlement in".
fn is_topic(before: &str) -> bool {
    let mut from = before.len().saturating_sub(40);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let tail = before[from..].to_lowercase();
    let tail = tail.trim_end();
    let tail = tail.strip_suffix("the").unwrap_or(tail).trim_end();
    let nouns = ["situation", "crisis", "conflict", "war", "tensions", "settlement", "developments", "events"];
    let preps = [" in", " around", " on", " over", " between", " regarding", " related to"];
    preps.iter().any(|p| tail.strip_suffix(p).is_some_and(|rest| nouns.iter().any(|n| rest.trim_end().ends_with(n))))
}

fn distinct(codes: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in codes {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Runs the event and figure rules over a document.
pub fn extract(
    doc: &Document,
    mentions: &Mentions,
    rules: &Rules,
    lex: &Lexicon,
) -> (Vec<EventClaim>, Vec<FigureClaim>) {
    let (events, figures, _) = run(doc, mentions, rules, lex, false);
    (events, figures)
}

/// A sentence whose triggers gave no fact, and what the rules saw there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMiss {
    /// The sentence.
    pub sentence: Span,
    /// What fired and what was missing.
    pub why: String,
}

/// [`extract`], with the reason of each claim (`why`) and the sentences that came close.
pub fn extract_explained(
    doc: &Document,
    mentions: &Mentions,
    rules: &Rules,
    lex: &Lexicon,
) -> (Vec<EventClaim>, Vec<FigureClaim>, Vec<NearMiss>) {
    run(doc, mentions, rules, lex, true)
}

/// The rules over a document; the reasons in words are written only when `explain` is set.
fn run(
    doc: &Document,
    mentions: &Mentions,
    rules: &Rules,
    lex: &Lexicon,
    explain: bool,
) -> (Vec<EventClaim>, Vec<FigureClaim>, Vec<NearMiss>) {
    let mut near = Vec::new();
    let focus = focus(doc, mentions);
    let mut events = Vec::new();
    let mut figures = Vec::new();
    let body_start = dyad_document::date_marker_len(&doc.text);
    let mut previous_metric: Option<usize> = None;
    let mut previous_regional = false;
    let mut frame = Frame::default();
    for &sentence in &doc.sentences {
        let mut triggers = rules.find(&doc.text, sentence.start, sentence.end);
        let metric_here = triggers.iter().find_map(|t| match t.trigger {
            Trigger::Metric(i) if rules.metrics[i].metric != "deal_value" => Some(i),
            _ => None,
        });
        // "Last year, it amounted to $643.8 million": the metric of the sentence before (unless
        // that sentence was about a region: "trade with Asian countries ... this figure is").
        let regional_here = mentions.within(sentence).any(|m| m.kind == Kind::Region);
        if let (None, Some(i), false) = (metric_here, previous_metric, previous_regional) {
            let lower = doc.text[sentence.start..sentence.end].to_lowercase();
            let anaphoric: &[&str] = &[
                "the figure",
                "this figure",
                "its value",
                "the indicator",
                "this indicator",
                "target of",
                "our target",
                "the target",
                "it amounted",
                "it reached",
                "it stood",
                "it grew",
                "it totaled",
                "it totalled",
                "it rose",
            ];
            if anaphoric.iter().any(|w| lower.contains(w)) {
                triggers.push(TriggerHit { start: sentence.start, end: sentence.start, trigger: Trigger::Metric(i) });
            }
        }
        // An anaphoric sentence passes its borrowed metric on: "its value ..." then "the figure ...".
        let borrowed = triggers.iter().find_map(|t| match t.trigger {
            Trigger::Metric(i) if t.start == t.end => Some(i),
            _ => None,
        });
        previous_metric = metric_here.or(borrowed);
        previous_regional = metric_here.is_some() && regional_here;
        if triggers.is_empty() {
            continue;
        }
        let parties = parties_in(doc, mentions, sentence);
        // The leading "date YYYY-MM-DD" marker is the document's, not the sentence's.
        // Times and amounts are in text order: only those from the sentence's start on are looked at.
        let from = sentence.start.max(body_start);
        let times: Vec<&TimeMatch> = mentions.times[mentions.times.partition_point(|t| t.start < from)..]
            .iter()
            .take_while(|t| t.start < sentence.end)
            .filter(|t| t.end <= sentence.end)
            .collect();
        let amounts: Vec<&AmountMatch> = mentions.amounts
            [mentions.amounts.partition_point(|a| a.start < sentence.start)..]
            .iter()
            .take_while(|a| a.start < sentence.end)
            .filter(|a| a.end <= sentence.end)
            .collect();
        let lower = doc.text[sentence.start..sentence.end].to_lowercase();
        let ascii = doc.text[sentence.start..sentence.end].is_ascii();
        let cx = Sentence {
            explain,
            ascii,
            lower,
            doc,
            sentence,
            parties: &parties,
            times: &times,
            amounts: &amounts,
            mentions,
            focus: &focus,
            frame: &frame,
            rules,
            lex,
        };
        let (e0, f0) = (events.len(), figures.len());
        cx.events(&triggers, &mut events);
        cx.figures(&triggers, &mut figures);
        frame.after_figures(&figures[f0..]);
        if explain && events.len() == e0 && figures.len() == f0 {
            let fired: Vec<String> = triggers
                .iter()
                .filter_map(|t| match t.trigger {
                    Trigger::Event(i) => Some(format!("{} {:?}", rules.events[i].kind, &doc.text[t.start..t.end])),
                    Trigger::Metric(i) => Some(format!("{} {:?}", rules.metrics[i].metric, &doc.text[t.start..t.end])),
                    Trigger::Modality(_) => None,
                })
                .collect();
            if !fired.is_empty() {
                let named = distinct(parties.iter().map(|p| p.country.clone()));
                near.push(NearMiss {
                    sentence,
                    why: format!(
                        "triggers {}; parties named: {}; amounts: {}",
                        fired.join(", "),
                        if named.is_empty() { "none".into() } else { named.join(", ") },
                        amounts.len()
                    ),
                });
            }
        }
    }
    fill_dates(doc, mentions, body_start, &mut events);
    (merge_events(events), dedupe_figures(figures), near)
}

struct Sentence<'a> {
    /// Write the reasons of claims in words (for `explain`).
    explain: bool,
    /// The sentence in lower case, made once.
    lower: String,
    /// The sentence is ASCII (its lower case has the same byte offsets).
    ascii: bool,
    doc: &'a Document,
    sentence: Span,
    parties: &'a [Party],
    times: &'a [&'a TimeMatch],
    amounts: &'a [&'a AmountMatch],
    mentions: &'a Mentions,
    focus: &'a Focus,
    /// What the story has set so far: the period its figures are of.
    frame: &'a Frame,
    rules: &'a Rules,
    lex: &'a Lexicon,
}

impl Sentence<'_> {
    fn lower_between(&self, a: usize, b: usize) -> std::borrow::Cow<'_, str> {
        let text = &self.doc.text;
        let mut a = a.max(self.sentence.start).min(text.len());
        let mut b = b.min(self.sentence.end).max(a);
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        while !text.is_char_boundary(b) {
            b += 1;
        }
        // An ASCII sentence lower-cased keeps its offsets: a slice of it, without allocating.
        if self.ascii {
            return std::borrow::Cow::Borrowed(&self.lower[a - self.sentence.start..b - self.sentence.start]);
        }
        std::borrow::Cow::Owned(text[a..b].to_lowercase())
    }

    /// The time expression nearest the trigger: an event's date.
    fn date_near(&self, at: usize) -> Option<String> {
        let t =
            self.times.iter().filter(|t| t.value.is_some() && !self.belongs_to_a_figure(t, at)).min_by_key(|t| {
                let d = if t.start >= at { t.start - at } else { at.saturating_sub(t.end) };
                d + if t.start < at { 1 } else { 0 }
            })?;
        let v = t.value?;
        Some(match v {
            TimeValue::Point(p) => p.iso(),
            TimeValue::Range(a, _) if t.modifier == Some("since") => a.iso(),
            // A stay of a few days ("May 30 to June 2"): the day it began.
            TimeValue::Range(a, b) if a.day.is_some() && b.day.is_some() && within_a_month(a, b) => a.iso(),
            // A stretch of one year ("earlier this year"): the year, not a false first day.
            TimeValue::Range(a, b) if a.day.is_some() && a.year == b.year => a.year.to_string(),
            TimeValue::Range(..) => return None,
        })
    }

    /// Whether a time dates a figure or a report, not the event of the trigger at `at`: "At
    /// the talks, Tokayev noted that trade grew 24% to \$20 billion in 2024" (the year of the
    /// trade, said in a clause after the trigger), "\$4.6 billion in 2022".
    fn belongs_to_a_figure(&self, t: &TimeMatch, at: usize) -> bool {
        let attached = self.amounts.iter().any(|a| {
            let (x, y) = if t.start >= a.end { (a.end, t.start) } else { (t.end, a.phrase_start) };
            y >= x && y - x <= 12 && !self.lower_between(x, y).contains(',')
        });
        let reported = t.start > at && {
            let between = self.lower_between(at, t.start);
            [" noted that", " said that", " stressed that", " recalled that", " added that", " noted", " said"]
                .iter()
                .any(|w| between.contains(w))
                && self.amounts.iter().any(|a| a.start > at)
        };
        attached || reported
    }

    fn modality(&self, trigger: &TriggerHit, triggers: &[TriggerHit]) -> Option<String> {
        // Cues in the same clause before the trigger, or a future date.
        let clause_start = self.doc.text[self.sentence.start..trigger.start]
            .rfind([';', ':'])
            .map_or(self.sentence.start, |i| self.sentence.start + i);
        for t in triggers
            .iter()
            .filter(|t| t.start >= clause_start && t.start < trigger.start && trigger.start.saturating_sub(t.end) < 60)
        {
            // A cue inside a time expression is not one ("last May" is not "may").
            let in_time = self.times.iter().any(|x| x.start <= t.start && t.end <= x.end);
            if let (Trigger::Modality(i), false) = (t.trigger, in_time) {
                return Some(self.rules.modalities[i].clone());
            }
        }
        // "a meeting ... set for Wednesday", "talks to be held next month"
        let after = self.lower_between(trigger.end, trigger.end + 60);
        for cue in [
            "set for",
            "scheduled for",
            "to be held",
            "will be held",
            "planned for",
            "slated for",
            "is expected",
            "are expected",
        ] {
            if after.contains(cue) {
                return Some("planned".into());
            }
        }
        None
    }

    fn persons(&self, countries: &[String]) -> Vec<String> {
        distinct(self.parties.iter().filter(|p| countries.contains(&p.country)).filter_map(|p| p.person.clone()))
    }

    fn events(&self, triggers: &[TriggerHit], out: &mut Vec<EventClaim>) {
        let has = |kind: &str| {
            triggers.iter().any(|t| matches!(t.trigger, Trigger::Event(i) if self.rules.events[i].kind == kind))
        };
        for t in triggers {
            let Trigger::Event(i) = t.trigger else { continue };
            let rule = &self.rules.events[i];
            let kind = rule.kind.as_str();
            // "signed a law ratifying": the signing is the ratification.
            if kind == "AGREE" && has("RATIFY") {
                continue;
            }
            // Tourists and citizens who visited are a figure, not a state visit.
            let people_count = |a: &&&AmountMatch| match &a.unit {
                Unit::Count(Some(n)) => count_metric(n) == Some("tourists") || self.visiting_people(a, n).is_some(),
                Unit::Count(None) => self.visiting_people(a, "").is_some(),
                _ => false,
            };
            if kind == "VISIT" && self.amounts.iter().any(|a| people_count(&a) && a.end <= t.start) {
                continue;
            }
            let noun = self.doc.text[t.start..t.end].to_lowercase();
            if ["meeting", "meetings", "talks", "summit", "visit", "visits"].contains(&noun.as_str())
                && self.refers_back(t)
            {
                continue;
            }
            let lower_sentence = &self.lower;
            if kind == "AGREE"
                && instrument(lower_sentence).is_none()
                && !has_word(lower_sentence, &["pact", "accord", "deal", "deals"])
            {
                continue;
            }
            if kind == "RELATIONS" && !(lower_sentence.contains("relations") || lower_sentence.contains("ties")) {
                continue;
            }
            let weak = ["discussed", "received", "receives", "conversation", "sidelines"].contains(&noun.as_str());
            if weak {
                let people =
                    distinct(self.parties.iter().filter(|p| p.kind == Kind::Person).map(|p| p.country.clone()));
                let sides = [
                    "the sides",
                    "the parties",
                    "the leaders",
                    "the ministers",
                    "the presidents",
                    "delegations",
                    "counterpart",
                ];
                if people.len() < 2 && !sides.iter().any(|s| lower_sentence.contains(s)) {
                    continue;
                }
            }
            let (from, to) = match kind {
                "VISIT" => match self.visit_parties(t) {
                    Some(p) => p,
                    None => continue,
                },
                "RATIFY" => {
                    let all = distinct(self.parties.iter().map(|p| p.country.clone()));
                    let Some(first) = all.first().cloned().or_else(|| self.focus.home.clone()) else { continue };
                    let other = all.iter().find(|c| **c != first).cloned().or_else(|| self.other(&first));
                    let Some(other) = other else { continue };
                    (vec![first], vec![other])
                }
                "MEET" | "AGREE" | "RELATIONS" => {
                    let people =
                        distinct(self.parties.iter().filter(|p| p.kind == Kind::Person).map(|p| p.country.clone()));
                    let officials = [
                        "president",
                        "leader",
                        "minister",
                        "side",
                        "delegation",
                        "counterpart",
                        "government",
                        "official",
                        "ambassador",
                        "prime",
                        "foreign",
                        "deputy",
                        "head",
                        "premier",
                        "authorities",
                        "parliament",
                        "company",
                        "companies",
                        "institute",
                        "business",
                        "-",
                    ];
                    let commercial = ["business", "company", "companies", "investor", "entrepreneur"];
                    let counted = self.parties.iter().filter(|p| {
                        let m = self.mentions.within(Span { start: p.start, end: p.end }).find(|m| m.start == p.start);
                        let adjective = m.is_some_and(|m| self.is_adjective(m));
                        let after = self.lower_between(p.end, p.end + 24);
                        let first = after.split_whitespace().next().unwrap_or("");
                        // "the Chinese business people met ...": at a meeting, traders are no side.
                        if adjective && kind == "MEET" && commercial.iter().any(|c| first.starts_with(c)) {
                            return false;
                        }
                        !adjective
                            || officials.iter().any(|o| {
                                after.trim_start().starts_with(o)
                                    || after.split_whitespace().take(2).any(|w| w.starts_with(o))
                            })
                    });
                    let counted: Vec<&Party> = counted.collect();
                    // "met with Kazakhstani journalists": the other side is named right after the
                    // trigger, and is not a state ("Kazakh-South Korean ties" later on is no side).
                    let non_official_side = self.parties.iter().any(|p| {
                        p.start >= t.end
                            && p.start - t.end <= 40
                            && !counted.iter().any(|c| c.start == p.start && c.end == p.end)
                    });
                    let mut all =
                        if people.len() >= 2 { people } else { distinct(counted.iter().map(|p| p.country.clone())) };
                    all.extend(self.region_members(t));
                    // "The two leaders held talks", "both sides signed": the story's pair.
                    if all.len() < 2 && self.names_the_pair() {
                        if let (Some(h), Some(p)) = (self.focus.home.clone(), self.focus.partner.clone()) {
                            if all.iter().all(|c| *c == h || *c == p) {
                                all = vec![h, p];
                            }
                        }
                    }
                    let all = distinct(all);
                    match all.len() {
                        0 if kind == "AGREE" && instrument(&self.lower).is_some() => {
                            match (self.focus.home.clone(), self.focus.partner.clone()) {
                                (Some(h), Some(p)) => (vec![h], vec![p]),
                                _ => continue,
                            }
                        }
                        0 => continue,
                        1 if kind == "MEET"
                            && (non_official_side || !self.parties.iter().any(|p| p.kind == Kind::Person))
                            && !self.names_the_pair() =>
                        {
                            continue
                        }
                        1 => match self.other(&all[0]) {
                            Some(o) => (vec![all[0].clone()], vec![o]),
                            None => continue,
                        },
                        _ => (vec![all[0].clone()], all[1..].to_vec()),
                    }
                }
                _ => {
                    let all = distinct(self.parties.iter().map(|p| p.country.clone()));
                    if all.len() < 2 {
                        continue;
                    }
                    (vec![all[0].clone()], all[1..].to_vec())
                }
            };
            if from.is_empty() || to.is_empty() || from == to {
                continue;
            }
            let date = self.date_near(t.start);
            let mut countries = from.clone();
            countries.extend(to.iter().cloned());
            let mut attributes = Vec::new();
            let lower = &self.lower;
            if kind == "VISIT" {
                for v in ["state", "official", "working"] {
                    if lower.match_indices(v).any(|(i, _)| lower[i + v.len()..].starts_with(" visit")) {
                        attributes.push(("visit".to_string(), serde_json::json!(v)));
                        break;
                    }
                }
            }
            if kind == "AGREE" {
                if let Some(inst) = instrument(lower) {
                    attributes.push(("instrument".to_string(), serde_json::json!(inst)));
                }
                if let Some(a) = self.amounts.iter().find(|a| matches!(&a.unit, Unit::Count(Some(n)) if ["documents", "agreements", "memoranda", "contracts", "deals"].contains(&n.as_str()))) {
                    attributes.push(("count".to_string(), serde_json::json!(a.value as u64)));
                }
            }
            let groups: Vec<Vec<String>> =
                if kind == "VISIT" { to.iter().map(|d| vec![d.clone()]).collect() } else { vec![to] };
            let why = if !self.explain {
                String::new()
            } else {
                let parties_said: Vec<String> = self
                    .parties
                    .iter()
                    .filter(|p| countries.contains(&p.country))
                    .map(|p| format!("{:?} ({})", &self.doc.text[p.start..p.end], p.country))
                    .collect();
                let focus_used = countries.iter().any(|c| !self.parties.iter().any(|p| p.country == *c));
                let date_said = self
                    .times
                    .iter()
                    .filter(|x| x.iso() == date)
                    .map(|x| format!("{:?}", &self.doc.text[x.start..x.end]))
                    .next()
                    .unwrap_or_else(|| "none in the sentence".into());
                format!(
                    "{kind} rule (CAMEO {}): trigger {:?}; parties named {}{}; date {}",
                    rule.cameo,
                    &self.doc.text[t.start..t.end],
                    if parties_said.is_empty() { "none".to_string() } else { parties_said.join(", ") },
                    if focus_used { ", the other taken from the article's focus pair" } else { "" },
                    date_said
                )
            };
            for to in groups {
                out.push(EventClaim {
                    why: why.clone(),
                    kind: kind.to_string(),
                    from: from.clone(),
                    to,
                    date: date.clone(),
                    persons: self.persons(&countries),
                    modality: self.modality(t, triggers),
                    cameo: rule.cameo.clone(),
                    plover: rule.plover.clone(),
                    attributes: attributes.clone(),
                    sentence: self.sentence,
                    trigger: Span { start: t.start, end: t.end },
                });
            }
        }
    }

    /// Whether the sentence names the two sides as a pair: "the two leaders", "both sides",
    /// "the two countries' delegations", "the two nations".
    fn names_the_pair(&self) -> bool {
        let nouns = [
            "leaders",
            "sides",
            "countries",
            "nations",
            "presidents",
            "ministers",
            "heads",
            "governments",
            "delegations",
            "states",
            "parties",
            "premiers",
            "prime ministers",
        ];
        ["the two ", "both "].iter().any(|d| {
            self.lower.match_indices(d).any(|(i, _)| {
                let after = &self.lower[i + d.len()..];
                nouns.iter().any(|n| after.starts_with(n))
            })
        })
    }

    /// The other country of the focus pair.
    fn other(&self, country: &str) -> Option<String> {
        let (h, p) = (self.focus.home.as_deref()?, self.focus.partner.as_deref()?);
        if country == h {
            Some(p.to_string())
        } else if country == p {
            Some(h.to_string())
        } else {
            None
        }
    }

    /// Members of a region named as a party ("the Central Asia – China summit").
    fn region_members(&self, t: &TriggerHit) -> Vec<String> {
        self.mentions
            .within(self.sentence)
            .filter(|m| m.kind == Kind::Region)
            // The region names the meeting itself: "the Central Asia – China summit".
            .filter(|m| m.end <= t.start && t.start - m.end <= 30)
            .filter_map(|m| self.lex.region(&m.id))
            .flat_map(|r| r.members.iter().cloned())
            .collect()
    }

    /// Whether a country mention is an adjective or demonym ("Kazakh", "Koreans"), not a name.
    fn is_adjective(&self, m: &Mention) -> bool {
        m.kind == Kind::Country
            && self.lex.country(&m.id).is_some_and(|k| {
                k.adjectives.iter().any(|a| m.text == *a || m.text.strip_suffix('s') == Some(a.as_str()))
            })
    }

    /// Whether a trigger word refers back to an event told already: "the meeting", "this visit".
    fn refers_back(&self, t: &TriggerHit) -> bool {
        let before = self.lower_between(t.start.saturating_sub(20), t.start);
        let words: Vec<&str> = before.split_whitespace().rev().take(2).collect();
        let lower_word = self.doc.text[t.start..].chars().next().is_some_and(|c| c.is_lowercase());
        match words.first() {
            Some(&("recent" | "latest" | "previous" | "last")) => lower_word,
            // "the meeting was attended by the presidents of X, Y and Z" is a report.
            Some(&("the" | "this" | "that")) => {
                let after = distinct(self.parties.iter().filter(|p| p.start >= t.end).map(|p| p.country.clone()));
                lower_word && after.len() < 2
            }
            _ => false,
        }
    }

    /// Visitor and destination of a visit trigger.
    fn visit_parties(&self, t: &TriggerHit) -> Option<(Vec<String>, Vec<String>)> {
        // The visitor: "the visit of/by X", else the nearest person before the trigger, else the
        // nearest party before it that is not a place it went to ("to X", "in X").
        let located = |p: &Party| {
            let before = self.lower_between(p.start.saturating_sub(8), p.start);
            let before = before.trim_end();
            ["to", "in", "at", "into", "from"].iter().any(|w| ends_with_word(before, w))
        };
        // "the visit of the President of the People's Republic of China Xi Jinping to ...": the
        // first person after "of"/"by" before any "to".
        let after_of = self.parties.iter().find(|p| {
            let gap = self.lower_between(t.end, p.start);
            let gap = gap.trim_start();
            p.start >= t.end
                && (gap.starts_with("of ") || gap.starts_with("by "))
                && (p.start - t.end <= 24 || p.kind == Kind::Person && p.start - t.end <= 100 && !gap.contains(" to "))
        });
        // "During his visit to Tashkent, Prime Minister Alikhan Smailov met ...": with a
        // possessive and no one before, the visitor is the first person after.
        let possessive = {
            let before = self.lower_between(t.start.saturating_sub(24), t.start);
            before.split_whitespace().rev().take(3).any(|w| matches!(w, "his" | "her" | "their"))
        };
        let person_after =
            possessive.then(|| self.parties.iter().find(|p| p.start >= t.end && p.kind == Kind::Person)).flatten();
        // "visiting Indonesian President Prabowo Subianto": the person right after.
        let visiting = self.lower_between(t.start, t.end) == "visiting";
        let person_after = person_after.or_else(|| {
            visiting
                .then(|| {
                    self.parties.iter().find(|p| p.start >= t.end && p.kind == Kind::Person && p.start - t.end <= 60)
                })
                .flatten()
        });
        let person_visitor = after_of.filter(|p| p.kind == Kind::Person).is_some()
            || person_after.is_some()
            || self.parties.iter().any(|p| p.end <= t.start && p.kind == Kind::Person && t.start - p.end < 40);
        let visitor = after_of
            .or(person_after.filter(|_| visiting))
            .or_else(|| {
                self.parties.iter().rev().find(|p| p.end <= t.start && p.kind == Kind::Person && t.start - p.end < 120)
            })
            .or(person_after)
            .or_else(|| self.parties.iter().rev().find(|p| p.end <= t.start && p.kind != Kind::Place && !located(p)))
            .map(|p| p.country.clone());
        // Destinations: places and countries after the trigger ("to China, Japan and Iran").
        let after: Vec<&Mention> = self
            .mentions
            .within(Span { start: t.end, end: self.sentence.end })
            .filter(|m| matches!(m.kind, Kind::Country | Kind::Capital | Kind::Place))
            .collect();
        let mut destinations: Vec<String> = Vec::new();
        let mut last_end = t.end;
        for m in after {
            let gap = self.lower_between(last_end, m.start);
            let joined = destinations.is_empty() && gap.split_whitespace().count() <= 6
                || gap.trim().trim_start_matches(',').trim().is_empty()
                || [",", "and", ", and", "the", ", the", "and the", "to", ", to", "to the"].contains(&gap.trim());
            if !joined {
                break;
            }
            // "the Kazakh President arrived in Japan": an adjective of the visitor is not a place.
            if let Some(c) = m.country.clone() {
                // An adjective is a destination only in "the Kazakh capital".
                let adjective = self.is_adjective(m);
                let capital_follows = self.lower_between(m.end, m.end + 9).trim_start().starts_with("capital");
                if !adjective || capital_follows {
                    destinations.push(c);
                }
            }
            last_end = m.end;
        }
        // "a five-day China trip", "his Beijing visit": a place named right before the trigger.
        if destinations.is_empty() {
            let before = self.lower_between(t.start.saturating_sub(3), t.start);
            if let Some(m) = self
                .mentions
                .within(Span { start: t.start.saturating_sub(40), end: t.start })
                .filter(|m| matches!(m.kind, Kind::Country | Kind::Capital) && !self.is_adjective(m))
                .find(|m| m.end + 1 == t.start && before.ends_with(' '))
            {
                destinations.extend(m.country.clone());
            }
        }
        let destinations = distinct(destinations);
        // "Yoon held talks with Tokayev ... during a state visit to Kazakhstan": the visitor is
        // the person who is not from the destination.
        let visitor = match (&visitor, destinations.first()) {
            (Some(v), Some(d)) if v == d => self
                .parties
                .iter()
                .rev()
                .find(|p| p.end <= t.start && p.kind == Kind::Person && p.country != *d)
                .map(|p| p.country.clone())
                .or(visitor),
            _ => visitor,
        };
        let visitor_named = visitor.is_some() && person_visitor;
        // No visitor named: the home country, unless it is where the visits went.
        let visitor = visitor.or_else(|| self.focus.home.clone().filter(|h| !destinations.contains(h)))?;
        // "described the visit as...": a visit without a destination is told elsewhere.
        let mut destinations: Vec<String> = destinations.into_iter().filter(|d| *d != visitor).collect();
        // "hosted a high tea for visiting President X", "Nazarbayev's visit prompted ...": a
        // named visitor and no destination went where the story is: the dateline's country,
        // else the other side of the story's pair.
        let trigger_word = self.lower_between(t.start, t.end);
        let noun = !matches!(trigger_word.as_ref(), "visited" | "visits" | "visit to");
        let after = self.lower_between(t.end, t.end + 4);
        let org_before = self
            .mentions
            .within(Span { start: t.start.saturating_sub(40), end: t.start })
            .any(|m| m.kind == Kind::Organization && m.end + 1 >= t.start);
        if destinations.is_empty() && visitor_named && noun && !after.starts_with(" to ") && !org_before {
            let host = self.focus.dateline.clone().filter(|d| *d != visitor).or_else(|| self.other(&visitor));
            destinations.extend(host);
        }
        if destinations.is_empty() {
            return None;
        }
        Some((vec![visitor], destinations))
    }

    fn figures(&self, triggers: &[TriggerHit], out: &mut Vec<FigureClaim>) {
        let metric_hits: Vec<(&TriggerHit, usize)> = triggers
            .iter()
            .filter_map(|t| match t.trigger {
                Trigger::Metric(i) => Some((t, i)),
                _ => None,
            })
            .collect();
        // Counts name their metric by their noun ("90,000 Chinese visited"); money needs a word.
        if metric_hits.is_empty() && !self.amounts.iter().any(|a| matches!(a.unit, Unit::Count(_))) {
            return;
        }
        // A figure between a country and a region is not bilateral.
        let regional = self.mentions.within(self.sentence).any(|m| m.kind == Kind::Region)
            && distinct(self.parties.iter().map(|p| p.country.clone())).len() < 2;
        if regional {
            return;
        }
        let conversions = conversions(&self.doc.text, self.amounts);
        for (k, a) in self.amounts.iter().enumerate() {
            // "£3 billion (4.2 billion euros, $4.6 billion)": the same figure in other money.
            if conversions[k] {
                continue;
            }
            let money = matches!(a.unit, Unit::Currency(_));
            let count_metric = match &a.unit {
                Unit::Count(Some(noun)) => count_metric(noun).or_else(|| self.visiting_people(a, noun)),
                Unit::Count(None) => self.visiting_people(a, ""),
                _ => None,
            };
            if !money && count_metric.is_none() {
                continue;
            }
            // The metric: for counts, the noun; for money, the nearest money trigger before the
            // amount (or after it, within the sentence).
            let metric = match count_metric {
                Some(m) => m.to_string(),
                None => {
                    // The nearest money metric before the amount wins; "worth", "deal" and the
                    // like (deal_value) only when no other metric is named in the clause.
                    let specific = metric_hits.iter().filter(|(t, i)| {
                        let m = &self.rules.metrics[*i];
                        m.money
                            && m.metric != "deal_value"
                            && t.end <= a.start
                            && !self.lower_between(t.end, a.start).contains(';')
                    });
                    let nearest_specific = specific.max_by_key(|(t, _)| t.end).map(|(t, i)| (*t, *i));
                    let deal_after = metric_hits.iter().any(|(t, i)| {
                        self.rules.metrics[*i].metric == "deal_value" && t.start >= a.end && t.start - a.end <= 2
                    });
                    let candidates = metric_hits.iter().filter(|(_, i)| self.rules.metrics[*i].money);
                    let best = candidates
                        .min_by_key(|(t, i)| {
                            let before = t.end <= a.start;
                            let d = if before { a.start - t.end } else { t.start.saturating_sub(a.end) * 3 };
                            // "signed ... worth" is a deal only when the word is close.
                            let penalty =
                                if self.rules.metrics[*i].metric == "deal_value" && d > 40 { 1000 } else { 0 };
                            d + penalty
                        })
                        .map(|(t, i)| (*t, *i));
                    // "$50 billion in investment", "a $62 million agreement": the word right
                    // after the amount names it.
                    let named_after = metric_hits.iter().find(|(t, i)| {
                        self.rules.metrics[*i].money && t.start >= a.end && {
                            let gap = self.lower_between(a.end, t.start);
                            NAMING_GAPS.contains(&gap.trim())
                        }
                    });
                    let named_after = named_after.map(|(t, i)| (*t, *i));
                    // "£3 billion in trade deals": the deal word after the trade word names it.
                    let named_after = named_after.map(|(t, i)| {
                        let next = self.lower_between(t.end, t.end + 12);
                        let deal = metric_hits.iter().find(|(d, k)| {
                            self.rules.metrics[*k].metric == "deal_value" && d.start > t.end && d.start <= t.end + 2
                        });
                        match deal {
                            Some((d, k)) if !next.trim().is_empty() => (*d, *k),
                            _ => (t, i),
                        }
                    });
                    let Some((t, i)) = named_after.or(nearest_specific).or(best) else { continue };
                    let m = &self.rules.metrics[i].metric;
                    // "the investment forum, where 24 documents were signed ... amounting to $1.7
                    // billion": a signing between the topic word and the amount.
                    let between = self.lower_between(t.end, a.start);
                    let signed_between = ["signed", "inked", "concluded"].iter().any(|w| between.contains(w));
                    let deal_word_near = metric_hits.iter().any(|(d, k)| {
                        self.rules.metrics[*k].metric == "deal_value" && d.end <= a.start && a.start - d.end <= 16
                    });
                    if named_after.is_some() {
                        m.clone()
                    } else if (signed_between && deal_word_near)
                        || (deal_after && nearest_specific.is_none())
                        || self.signed_for(a)
                    {
                        "deal_value".to_string()
                    } else if m == "deal_value" && (t.end > a.start || a.start - t.end > 40) {
                        continue;
                    } else {
                        m.clone()
                    }
                }
            };
            let tail = self.lower_between(a.end, a.end + 40);
            if tail.contains("in the region") {
                continue;
            }
            // "a grant of RMB 500 million", "a $2 billion loan": aid and credit, not investment.
            let head = self.lower_between(a.phrase_start.saturating_sub(24), a.phrase_start);
            let credit = ["grant", "loan", "credit", "aid", "assistance", "donation"];
            if metric == "investment"
                && credit.iter().any(|w| head.contains(w) || tail.split_whitespace().take(2).any(|x| x.starts_with(w)))
            {
                continue;
            }
            // "goods worth $700 million": a worth is a deal only where something is signed or
            // agreed in the sentence.
            if metric == "deal_value" && !self.names_a_deal() {
                continue;
            }
            let Some((from, to)) = self.figure_pair(&metric, a) else { continue };
            let lower = &self.lower;
            let qualifier = self.figure_qualifier(a, lower);
            let (change_pct, compared_to) = self.change(a);
            let period = if matches!(qualifier.as_str(), "target" | "forecast") {
                self.deadline(a)
            } else {
                self.comparison_period(a, out).or_else(|| self.period(a, &metric))
            };
            let compared_to = compared_to.or_else(|| {
                let same_period = [
                    "same period last year",
                    "a year before",
                    "a year earlier",
                    "previous year",
                    "year before",
                    "same period a year",
                ];
                if change_pct.is_some() && same_period.iter().any(|p| lower.contains(p)) {
                    period.as_deref().map(|p| shift_years(p, -1))
                } else {
                    None
                }
            });
            let why = if !self.explain {
                String::new()
            } else {
                format!(
                    "{metric} rule: amount {:?} ({} {}), metric named by the sentence, pair {from} -> {to}, period {}",
                    &self.doc.text[a.start..a.end],
                    a.value,
                    a.unit.code(),
                    period.as_deref().unwrap_or("not stated")
                )
            };
            out.push(FigureClaim {
                why,
                metric,
                from,
                to,
                value: a.value,
                unit: a.unit.code().to_string(),
                qualifier,
                period,
                change_pct,
                compared_to,
                sentence: self.sentence,
                amount: Span { start: a.start, end: a.end },
            });
        }
    }

    /// "40,000 South Koreans visited Kazakhstan", "15,000 citizens of Kazakhstan visited Korea":
    /// people who visited are tourists.
    fn visiting_people(&self, a: &AmountMatch, noun: &str) -> Option<&'static str> {
        // "90,000 Chinese visited": with a demonym before the verb, the verb is taken as the noun.
        let people = noun.is_empty()
            || ["citizens", "people", "nationals", "residents", "travellers", "visited"].contains(&noun);
        let after = self.lower_between(a.end, a.end + 60);
        (people && after.contains("visited")).then_some("tourists")
    }

    fn figure_qualifier(&self, a: &AmountMatch, lower: &str) -> String {
        let before = self.lower_between(a.phrase_start.saturating_sub(60), a.phrase_start);
        let target = [
            "target",
            "bring",
            "bringing",
            "increase trade",
            "increase the trade",
            "to increase",
            "up to",
            "aim to reach",
            "aims to reach",
            "reach the target",
        ];
        let forecast =
            ["expected to", "forecast", "projected", "is set to reach", "will reach", "will exceed", "could reach"];
        if before.contains("target of")
            || lower[..].contains("target") && before.contains("reach")
            || (before.contains("increase") || before.contains("bring") || before.contains("target"))
                && target.iter().any(|w| before.match_indices(w).any(|(i, _)| before[i + w.len()..].starts_with(' ')))
        {
            return "target".into();
        }
        // "agreed to double bilateral trade to $28 billion", "will boost trade to $15 billion":
        // a verb of raising in its base form, and "to" before the amount.
        let raise = ["double ", "triple ", "boost ", "raise ", "lift ", "increase ", "expand ", "bring ", "push "];
        if before.trim_end().ends_with(" to") && raise.iter().any(|w| before.contains(w)) {
            return "target".into();
        }
        // "committed to invest $10 billion", "pledged to invest": money promised, not spent.
        let promise = ["to invest", "pledged", "committed to", "will invest", "plans to invest", "intends to invest"];
        let near = self.lower_between(a.phrase_start.saturating_sub(24), a.phrase_start);
        if promise.iter().any(|w| near.contains(w)) {
            return "target".into();
        }
        if forecast.iter().any(|w| before.contains(w)) {
            return "forecast".into();
        }
        match a.qualifier {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::Over => "over",
            Qualifier::Under => "under",
        }
        .into()
    }

    /// A stated growth: a percentage after a growth word, and what it compares to.
    fn change(&self, money: &AmountMatch) -> (Option<f64>, Option<String>) {
        let Some(p) = self.amounts.iter().find(|p| p.unit == Unit::Percent) else { return (None, None) };
        let lower = &self.lower;
        let growth = ["increase", "grew", "grow", "rose", "rise", "up ", "more", "higher", "jump", "surge", "growth"];
        if !growth.iter().any(|g| lower.contains(g)) {
            return (None, None);
        }
        let _ = money;
        let compared = self
            .times
            .iter()
            .filter(|t| t.start > p.start)
            .find(|t| {
                let gap = self.lower_between(p.end, t.start);
                gap.contains("compared")
                    || gap.contains("than")
                    || gap.contains(" from")
                    || gap.contains("since")
                    || gap.trim() == "over"
                    || gap.trim() == "on"
                    || gap.trim() == "against"
            })
            .and_then(|t| t.iso());
        let value = if lower.contains("decreas") || lower.contains("fell") || lower.contains("declin") {
            -p.value
        } else {
            p.value
        };
        (Some(value), compared)
    }

    fn period(&self, a: &AmountMatch, metric: &str) -> Option<String> {
        let t = self
            .times
            .iter()
            .filter(|t| t.value.is_some())
            .filter(|t| !self.is_comparison_time(t))
            // "in 2013 – USD 1.2 billion, in 2014 USD 2.3 billion": not across a clause.
            // (A time before the amount governs the clauses after it: "Last year, trade reached
            // $1.6 billion, with exports at $1.5 billion".)
            .filter(|t| t.start < a.end || !crosses_clause(&self.lower_between(a.end, t.start)))
            .min_by_key(|t| {
                if t.start >= a.end {
                    // After the amount only when attached: "$4.67 billion in 2022".
                    let gap = self.lower_between(a.end, t.start);
                    let attached = ["in", "for", "during", "over", "as of", "by", "of", "through"]
                        .iter()
                        .any(|w| gap.trim() == *w || gap.trim().ends_with(&format!(" {w}")));
                    (t.start - a.end) * if attached { 1 } else { 3 }
                } else {
                    a.start.saturating_sub(t.end)
                }
            });
        // "In the same year, bilateral trade amounted to ...": the period the story set.
        let Some(t) = t else {
            return self.refers_to_story_period().then(|| self.frame.period.clone()).flatten();
        };
        // "since 2015, when trade amounted to $1.83 billion": the year itself.
        if t.modifier == Some("since") && self.lower_between(t.end, t.end + 8).starts_with(", when") {
            return t.value.map(|v| v.ends().0.iso());
        }
        // Cumulative stocks "since 1993" have no period of their own.
        if t.modifier == Some("since") && matches!(metric, "investment" | "companies") {
            return None;
        }
        t.iso()
    }

    /// Whether the sentence's figures are of the period the story set: "In the same year, ...",
    /// "Over the same months, ..." (not "more than in the same period last year", a comparison).
    fn refers_to_story_period(&self) -> bool {
        [
            "in the same year",
            "in that year",
            "that same year",
            "over the same period",
            "in the same period",
            "over the same months",
            "during the same period",
        ]
        .iter()
        .filter_map(|w| self.lower.find(w).map(|i| (i, w.len())))
        .any(|(i, n)| {
            let before = &self.lower[..i];
            let after = self.lower[i + n..].trim_start();
            !before.trim_end().ends_with("than")
                && !before.trim_end().ends_with("compared")
                && !["last year", "of last year", "a year", "of the previous", "in 20", "of 20"]
                    .iter()
                    .any(|x| after.starts_with(x))
        })
    }

    /// Whether the sentence names a deal: an instrument, a contract or deal, or a signing.
    fn names_a_deal(&self) -> bool {
        let words = [
            "sign",
            "inked",
            "concluded",
            "sealed",
            "deal",
            "contract",
            "agreement",
            "memorand",
            "mou",
            "project",
            "documents",
            "investment commitments",
        ];
        words.iter().any(|w| self.lower.contains(w))
    }

    /// Whether a time is what a growth compares with: "compared to 2018", "more than in 2019",
    /// "up 16.8 percent over 2016".
    fn is_comparison_time(&self, t: &TimeMatch) -> bool {
        let before = self.lower_between(t.start.saturating_sub(16), t.start);
        if before.contains("compared") || before.contains("than ") {
            return true;
        }
        let after_percent = self.amounts.iter().any(|p| {
            p.unit == Unit::Percent && p.end <= t.start && {
                let gap = self.lower_between(p.end, t.start);
                ["over", "on", "against", "over the same period of", "from"].contains(&gap.trim())
            }
        });
        after_percent
    }

    /// "signed trade deals worth £3 billion", "MoUs for Saudi investment worth $2.8 billion were
    /// signed": money said to be the worth of what is signed in the same clause.
    fn signed_for(&self, a: &AmountMatch) -> bool {
        let before = self.lower_between(self.sentence.start, a.phrase_start);
        let clause = before.rsplit([';', '.']).next().unwrap_or("");
        let worth = ["worth", "worth of", "valued at", "amounting to", "total amount of", "totalling", "totaling"];
        let introduced = worth.iter().any(|w| clause.trim_end().ends_with(w));
        let after = self.lower_between(a.end, a.end + 40);
        let signed_after =
            ["were signed", "was signed", "have been signed", "had been signed"].iter().any(|w| after.contains(w));
        let Some(at) =
            ["signed", "inked", "concluded", "sealed", "signing"].iter().filter_map(|w| clause.rfind(w)).max()
        else {
            return introduced && signed_after;
        };
        // Not when the clause goes on to tell a level: "signed ..., and trade reached $X".
        let level = ["reached", "amounted", "stood", "totaled", "totalled", "grew", "rose", "increased", "exceeded"];
        introduced && !level.iter().any(|w| clause[at..].contains(w))
    }

    /// A target's period: the deadline the sentence gives ("by 2025", "within two years",
    /// "over the next five years"), as the year it falls in; none for the day it was said.
    fn deadline(&self, a: &AmountMatch) -> Option<String> {
        let published = self.doc.published.map(|d| d.year());
        self.times
            .iter()
            .filter(|t| !self.is_comparison_time(t))
            .filter_map(|t| {
                let (start, end) = t.value?.ends();
                // A day (the day it was said) is no deadline; a year or a window is.
                if start == end && end.day.is_some() {
                    return None;
                }
                if published.is_some_and(|y| end.year < y) {
                    return None;
                }
                Some((t, end.year))
            })
            .min_by_key(|(t, _)| if t.start >= a.end { t.start - a.end } else { a.start.saturating_sub(t.end) })
            .map(|(_, y)| y.to_string())
    }

    /// "an increase from RM101.99 billion during the same period in 2023": a value a growth
    /// starts from is a figure of the earlier period, the sentence's period moved to that year.
    fn comparison_period(&self, a: &AmountMatch, so_far: &[FigureClaim]) -> Option<String> {
        let before = self.lower_between(a.phrase_start.saturating_sub(30), a.phrase_start);
        let from = ["increase from", "rise from", "up from", "growth from", "compared with", "compared to", "against"];
        if !from.iter().any(|w| before.trim_end().ends_with(w)) {
            return None;
        }
        let main = so_far.iter().rev().find(|f| f.sentence == self.sentence && f.amount.end <= a.start)?;
        let period = main.period.as_deref()?;
        let year: i32 = period.get(..4)?.parse().ok()?;
        let named =
            self.times.iter().filter(|t| t.start >= a.end).filter_map(|t| t.value.map(|v| v.ends().0.year)).next();
        Some(shift_years(period, named.unwrap_or(year - 1) - year))
    }

    /// The ordered pair of a figure.
    fn figure_pair(&self, metric: &str, a: &AmountMatch) -> Option<(String, String)> {
        let countries = distinct(self.parties.iter().map(|p| p.country.clone()));
        let home = self.focus.home.clone();
        let (x, y) = match countries.len() {
            0 => (home.clone()?, self.focus.partner.clone()?),
            1 => {
                let c = countries[0].clone();
                let o = self.other(&c).or_else(|| {
                    if Some(&c) != home.as_ref() {
                        home.clone()
                    } else {
                        self.focus.partner.clone()
                    }
                })?;
                (c, o)
            }
            _ => (countries[0].clone(), countries[1].clone()),
        };
        if x == y {
            return None;
        }
        let lower = &self.lower;
        let _ = a;
        // Who is the source: the party before "'s exports", "invested in", "tourists from".
        let pair = |src: &str, dst: &str| (src.to_string(), dst.to_string());
        Some(match metric {
            "trade_turnover" | "deal_value" => pair(&x, &y),
            "exports" | "imports" => {
                // "X's exports to Y", "imports from Y": the possessor is the reporter.
                let dateline = self.focus.dateline.clone().filter(|d| *d == x || *d == y);
                let reporter = self
                    .possessor_of(&["export", "import"])
                    .or(dateline)
                    .unwrap_or_else(|| home.clone().unwrap_or(x.clone()));
                let other = if reporter == x { y.clone() } else { x.clone() };
                if metric == "exports" {
                    pair(&reporter, &other)
                } else {
                    pair(&other, &reporter)
                }
            }
            "investment" | "companies" | "tourists" => {
                // The recipient or host follows "in"/"into"/"to"; else the adjective of the
                // investors, companies or tourists is the source; else the home country hosts.
                let host = self.after_preposition(&["economy of", "economies of", "in", "into", "to", "visited"]);
                // "South Korea has so far invested ... in": the subject of the verb invests.
                let subject = (metric == "investment").then(|| self.subject_of("invest")).flatten();
                let source_adj = subject.or_else(|| self.adjective_source());
                let (src, dst) = match (source_adj, host) {
                    (Some(s), Some(h)) if s != h => (s, h),
                    (Some(s), _) => {
                        let h = if s == x { y.clone() } else { x.clone() };
                        (s, h)
                    }
                    (None, Some(h)) => {
                        let s = if h == x { y.clone() } else { x.clone() };
                        (s, h)
                    }
                    (None, None) => {
                        let h = home.clone().unwrap_or(x.clone());
                        let s = if h == x { y.clone() } else { x.clone() };
                        (s, h)
                    }
                };
                // Near the amount: "15,000 tourists from Kazakhstan visited Malaysia",
                // "$9 billion in investments from Japan".
                let near: Vec<&Party> =
                    self.parties.iter().filter(|p| p.start >= a.end && p.start - a.end <= 80).collect();
                let from_near = near.iter().find(|p| {
                    let b = self.lower_between(p.start.saturating_sub(12), p.start);
                    b.trim_end().ends_with(" from") || (metric == "tourists" && b.trim_end().ends_with(" of"))
                });
                let visited_near =
                    near.iter().find(|p| self.lower_between(p.start.saturating_sub(10), p.start).contains("visited"));
                if let Some(s) = from_near {
                    let d = visited_near.map(|v| v.country.clone()).filter(|d| *d != s.country).unwrap_or_else(|| {
                        if s.country == x {
                            y.clone()
                        } else {
                            x.clone()
                        }
                    });
                    return Some(pair(&s.country, &d));
                }
                // "1.4 million Singaporean tourists": the demonym of the counted people.
                if metric == "tourists" {
                    let demonym = self
                        .mentions
                        .within(Span { start: a.end, end: (a.end + 24).min(self.sentence.end) })
                        .find(|m| m.kind == Kind::Country && self.is_adjective(m))
                        .and_then(|m| m.country.clone());
                    if let Some(s) = demonym {
                        let d = if s == x { y.clone() } else { x.clone() };
                        if s != d {
                            return Some(pair(&s, &d));
                        }
                    }
                }
                if let Some(v) = visited_near {
                    // "40,000 South Koreans visited Kazakhstan": the demonym is the origin.
                    let demonym = self
                        .mentions
                        .within(Span { start: a.end, end: (a.end + 20).min(self.sentence.end) })
                        .find(|m| m.kind == Kind::Country && self.is_adjective(m))
                        .and_then(|m| m.country.clone());
                    if let Some(s) = demonym.or_else(|| self.adjective_source()).filter(|s| *s != v.country) {
                        return Some(pair(&s, &v.country));
                    }
                }
                let _ = lower;
                pair(&src, &dst)
            }
            _ => pair(&x, &y),
        })
    }

    /// The party that is the subject of a verb starting with `stem`: "South Korea has so far
    /// invested", "China invested" (only auxiliaries and adverbs between).
    fn subject_of(&self, stem: &str) -> Option<String> {
        let at = self.lower.find(&format!(" {stem}"))? + 1;
        let abs = self.sentence.start + at;
        let p = self.parties.iter().rev().find(|p| p.end <= abs)?;
        let between = self.lower_between(p.end, abs);
        let fillers = [
            "has",
            "have",
            "had",
            "so",
            "far",
            "already",
            "also",
            "now",
            "in",
            "total",
            "directly",
            "reportedly",
            ",",
            "'s",
            "’s",
        ];
        between.split_whitespace().all(|w| fillers.contains(&w)).then(|| p.country.clone())
    }

    /// The country right before "'s export..." or as the subject of "invested".
    fn possessor_of(&self, words: &[&str]) -> Option<String> {
        let lower = &self.lower;
        for w in words {
            let Some(at) = lower.find(w) else { continue };
            let abs = self.sentence.start + at;
            if let Some(p) = self.parties.iter().rev().find(|p| p.end <= abs && abs - p.end <= 12) {
                return Some(p.country.clone());
            }
        }
        None
    }

    /// The country named right after one of `preps` ("in Kazakhstan", "to Japan").
    fn after_preposition(&self, preps: &[&str]) -> Option<String> {
        for p in self.parties {
            let before = self.lower_between(p.start.saturating_sub(16), p.start);
            let before = before.trim_end().trim_end_matches("the").trim_end();
            if preps.iter().any(|w| ends_with_word(before, w)) {
                return Some(p.country.clone());
            }
        }
        None
    }

    /// A nationality adjective before investors, companies, tourists or investments.
    fn adjective_source(&self) -> Option<String> {
        let nouns =
            ["compan", "investor", "investment", "tourist", "firm", "enterprise", "capital", "business", "contractor"];
        for m in self.mentions.within(self.sentence).filter(|m| m.kind == Kind::Country) {
            let after = self.lower_between(m.end, m.end + 24);
            let is_adjective = m.text.chars().last().is_some_and(|c| c.is_lowercase())
                && self.lex.country(&m.id).is_none_or(|c| c.name != m.text);
            if is_adjective
                && nouns.iter().any(|n| {
                    after.trim_start().starts_with(n) || after.split_whitespace().take(3).any(|w| w.starts_with(n))
                })
            {
                return m.country.clone();
            }
        }
        None
    }
}

/// What may stand between an amount and the metric word after it: "$50 billion in
/// investment", "$30 billion in annual bilateral trade", "a $62 million agreement".
const NAMING_GAPS: &[&str] =
    &["", "in", "of", "in annual", "in annual bilateral", "in bilateral", "in new", "in direct", "in total"];

/// Whether text between an amount and a time crosses into another clause.
fn crosses_clause(between: &str) -> bool {
    [";", ", while", ", with", ", whereas", ", and ", " and in ", ", in ", ", compared", ", up from", ", down from"]
        .iter()
        .any(|w| between.contains(w))
}

/// Which amounts repeat the one before them in other money: "(4.2 billion euros, $4.6
/// billion)", "RM106.06 billion (USD23.2 billion)".
fn conversions(text: &str, amounts: &[&AmountMatch]) -> Vec<bool> {
    let mut out = vec![false; amounts.len()];
    for k in 1..amounts.len() {
        let (prev, a) = (amounts[k - 1], amounts[k]);
        if !matches!((&prev.unit, &a.unit), (Unit::Currency(x), Unit::Currency(y)) if x != y) {
            continue;
        }
        let gap = text.get(prev.end..a.phrase_start).unwrap_or("").trim();
        let gap = gap.trim_end_matches(|c: char| c.is_alphabetic() || c == ' ').trim();
        out[k] = gap == "(" || gap == "/" || (out[k - 1] && (gap == "," || gap == ";"));
    }
    out
}

/// A period moved by `years`: "2018-01/2018-03" by -1 is "2017-01/2017-03".
fn shift_years(period: &str, years: i32) -> String {
    period
        .split('/')
        .map(|part| match part.get(..4).and_then(|y| y.parse::<i32>().ok()) {
            Some(y) => format!("{:04}{}", y + years, &part[4..]),
            None => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The instrument an agreement sentence names, most specific first ("MoUs" is a memorandum).
fn instrument(lower: &str) -> Option<&'static str> {
    INSTRUMENTS
        .iter()
        .copied()
        .find(|i| lower.contains(i))
        .or_else(|| has_word(lower, &["mou", "mous", "mous"]).then_some("memorandum"))
}

/// Whether `lower` has one of `words` as a whole word.
fn has_word(lower: &str, words: &[&str]) -> bool {
    lower.split(|c: char| !c.is_alphanumeric()).any(|w| words.contains(&w))
}

/// Instruments named in agreement sentences, most specific first.
const INSTRUMENTS: &[&str] = &[
    "joint statement",
    "joint declaration",
    "declaration",
    "memorandum of understanding",
    "memorandum",
    "treaty",
    "action plan",
    "roadmap",
    "road map",
    "protocol",
    "contract",
    "agreements",
    "agreement",
    "documents",
    "document",
];

fn count_metric(noun: &str) -> Option<&'static str> {
    let n = noun.trim_end_matches('s');
    match n {
        "compan" | "companie" | "company" | "firm" | "enterprise" | "joint venture" | "venture" | "business" => {
            Some("companies")
        }
        "tourist" | "visitor" | "traveller" | "traveler" => Some("tourists"),
        _ => None,
    }
}

/// Dates for events whose sentence names none: a day or month named in the two sentences
/// before (a story told in order: "On December 18, ... Then, ..."), else the date of a visit of
/// the same pair (a meeting or signing during it), else, in the lead, the article's own date.
fn fill_dates(doc: &Document, mentions: &Mentions, body_start: usize, events: &mut [EventClaim]) {
    let visits: Vec<(Vec<String>, String)> = events
        .iter()
        .filter(|e| e.kind == "VISIT" && e.modality.is_none())
        .filter_map(|e| {
            let mut p: Vec<String> = e.from.iter().chain(&e.to).cloned().collect();
            p.sort();
            e.date.clone().map(|d| (p, d))
        })
        .collect();
    // The last dated event so far: (its pair, its date, its sentence index).
    let mut last: Option<(Vec<String>, String, usize)> = None;
    for e in events.iter_mut() {
        let index = doc.sentences.iter().position(|s| s.start == e.sentence.start).unwrap_or(0);
        let mut pair: Vec<String> = e.from.iter().chain(&e.to).cloned().collect();
        pair.sort();
        if let (Some(d), None) = (&e.date, &e.modality) {
            last = Some((pair, d.clone(), index));
            continue;
        }
        if e.date.is_some() || e.modality.is_some() || !matches!(e.kind.as_str(), "VISIT" | "MEET" | "AGREE") {
            continue;
        }
        // "Then, ...", "Later, ...": the story goes on from the last day it named, however
        // many sentences (quotes, background) came between.
        let lower = doc.text[e.sentence.start..e.sentence.end].to_lowercase();
        let continues = ["then", "later", "afterwards", "after that", "subsequently"]
            .iter()
            .any(|w| lower.strip_prefix(w).is_some_and(|rest| rest.starts_with([',', ' '])));
        let back = if continues { 10 } else { 2 };
        let window_start = doc.sentences[index.saturating_sub(back)].start.max(body_start);
        // A dateline ("3 March 2019, Policy Review") gives the article's date, not the story's.
        let dateline = |t: &TimeMatch| {
            let line = doc.sentence_at(t.start).map_or(0, |s| s.end - s.start);
            line < 80 && t.value.is_some_and(|v| Some(v.ends().0.iso()) == doc.published.map(|d| d.to_string()))
        };
        let narrative = mentions
            .times
            .iter()
            .filter(|t| t.start >= window_start && t.end <= e.sentence.start && !dateline(t))
            .filter_map(|t| match t.value? {
                TimeValue::Point(p) if p.month.is_some() => Some(p.iso()),
                _ => None,
            })
            .next_back();
        let visit = visits.iter().find(|(p, _)| *p == pair).map(|(_, d)| d.clone());
        let lead = (index < 5).then(|| doc.published.map(|d| d.to_string())).flatten();
        // "The meeting ended with the signing of 14 documents": the event just told, when it
        // was between the same pair a few sentences before.
        let refers_back = ["the meeting", "the talks", "the negotiations", "the visit", "the summit"]
            .iter()
            .any(|w| lower.contains(w));
        let previous = last
            .as_ref()
            .filter(|(p, _, i)| refers_back && *p == pair && index.saturating_sub(*i) <= 3)
            .map(|(_, d, _)| d.clone());
        e.date = narrative.or(previous).or(visit).or(lead);
        if let Some(d) = &e.date {
            last = Some((pair, d.clone(), index));
        }
    }
}

/// Within a document, each event once: the same type and parties with compatible dates are
/// one event with the most precise date.
fn merge_events(events: Vec<EventClaim>) -> Vec<EventClaim> {
    let key = |x: &EventClaim| {
        let mut parties: Vec<String> = x.from.iter().chain(&x.to).cloned().collect();
        parties.sort();
        let directed = matches!(x.kind.as_str(), "VISIT" | "RATIFY");
        (
            x.kind.clone(),
            if directed { x.from.join(",") + ">" + &x.to.join(",") } else { parties.join(",") },
            x.modality.clone(),
        )
    };
    let mut out: Vec<EventClaim> = Vec::new();
    // The key of each event in `out`, made once.
    let mut keys = Vec::new();
    for e in events {
        let k = key(&e);
        let compatible = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(a), Some(b)) => a.starts_with(b.as_str()) || b.starts_with(a.as_str()),
            (None, None) => true,
            _ => false,
        };
        if let Some(prev) =
            out.iter_mut().zip(&keys).find(|(p, pk)| **pk == k && compatible(&p.date, &e.date)).map(|(p, _)| p)
        {
            if e.date.as_ref().map_or(0, String::len) > prev.date.as_ref().map_or(0, String::len) {
                prev.date = e.date.clone();
            }
            for p in e.persons {
                if !prev.persons.contains(&p) {
                    prev.persons.push(p);
                }
            }
            for a in e.attributes {
                if !prev.attributes.iter().any(|x| x.0 == a.0) {
                    prev.attributes.push(a);
                }
            }
            continue;
        }
        out.push(e);
        keys.push(k);
    }
    // An undated mention of an event that is also told with its date is the same event.
    let dated: Vec<(String, Vec<String>)> = out
        .iter()
        .filter(|e| e.date.is_some())
        .map(|e| {
            let mut p: Vec<String> = e.from.iter().chain(&e.to).cloned().collect();
            p.sort();
            (e.kind.clone(), p)
        })
        .collect();
    out.retain(|e| {
        if e.date.is_some() || e.modality.is_some() {
            return true;
        }
        let mut p: Vec<String> = e.from.iter().chain(&e.to).cloned().collect();
        p.sort();
        !dated.contains(&(e.kind.clone(), p))
    });
    out
}

/// Within a document, each figure once; a figure told without a period ("UK signs £3 billion
/// in deals" in a headline) that the story tells with one elsewhere is that one.
fn dedupe_figures(figures: Vec<FigureClaim>) -> Vec<FigureClaim> {
    let same_value = |p: &FigureClaim, f: &FigureClaim| {
        p.metric == f.metric
            && p.unit == f.unit
            && (p.from == f.from && p.to == f.to || p.from == f.to && p.to == f.from && p.metric == "trade_turnover")
            && (p.value - f.value).abs() <= 0.02 * f.value.abs()
    };
    let mut out: Vec<FigureClaim> = Vec::new();
    for f in &figures {
        let same = out.iter().any(|p| same_value(p, f) && p.period == f.period && p.from == f.from);
        if !same {
            out.push(f.clone());
        }
    }
    let dated: Vec<FigureClaim> = out.iter().filter(|f| f.period.is_some()).cloned().collect();
    out.retain(|f| f.period.is_some() || !dated.iter().any(|d| same_value(d, f)));
    out
}

#[cfg(test)]
mod tests {
    use super::{ends_with_word, preceded_by_in_or_at, within_a_month};
    use dyad_recognize::time::Partial;

    #[test]
    fn a_few_days_are_within_a_month() {
        let d = |y, m, d| Partial::day(y, m, d).unwrap();
        assert!(within_a_month(d(2024, 5, 30), d(2024, 6, 2)));
        assert!(within_a_month(d(2024, 5, 1), d(2024, 5, 31)));
        assert!(!within_a_month(d(2024, 1, 1), d(2024, 9, 10)));
        assert!(!within_a_month(d(2024, 5, 2), d(2024, 6, 2)));
    }

    #[test]
    fn a_word_at_the_end_is_whole() {
        assert!(ends_with_word("a visit to", "to"));
        assert!(ends_with_word("to", "to"));
        assert!(!ends_with_word("a visit into", "to"));
        assert!(!ends_with_word("", "to"));
    }

    #[test]
    fn in_or_at_must_be_a_whole_word_before_the_place() {
        assert!(preceded_by_in_or_at("The talks were held in "));
        assert!(preceded_by_in_or_at("Talks AT"));
        assert!(preceded_by_in_or_at("in"));
        assert!(!preceded_by_in_or_at("Berlin "));
        assert!(!preceded_by_in_or_at("The ministers met "));
        assert!(!preceded_by_in_or_at("t"));
    }
}
