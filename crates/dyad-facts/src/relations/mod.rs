//! Events and figures: who did what with whom, and how much.
//!
//! The rules work sentence by sentence on the mentions, times and amounts of `dyad-mentions`
//! and the triggers of `rules/`, and read what the story around the sentence has set
//! (`discourse`: the focus pair, the dateline, the current period, the story's day). One
//! module per rule family, each opening with what it does and an example:
//!
//! | module | what |
//! |---|---|
//! | `discourse` | the story's frame: focus pair, dateline, current period, dates of undated events |
//! | `parties` | which countries a sentence names as acting, and who stands for them |
//! | `events` | the event loop: triggers checked by family, dated, modality, attributes |
//! | `visits`, `meetings`, `agreements` | the sides of each family (relations use meetings') |
//! | `dates`, `modality` | an event's date from its sentence; planned, negated, hypothetical |
//! | `figures` | metric, pair and direction, value and qualifier, period |
//! | `merge` | each event and figure once per document |
//!
//! ```text
//! In January-September 2021 trade between Chile and Korea grew 9% to $4.1 billion.
//! Shipments from Korea came to $1.2 billion over the same months.
//!   -> trade_turnover CHL-KOR 4.1e9 2021-01/2021-09; exports KOR->CHL 1.2e9 2021-01/2021-09
//! ```

mod agreements;
mod cameo;
mod dates;
mod discourse;
mod events;
mod figures;
mod meetings;
mod merge;
mod modality;
mod parties;
mod visits;
mod visits_ru;

pub use discourse::{focus, Focus, Frame};

use agreements::has_word;
use discourse::{drop_headline_repeats, fill_dates};
use figures::count_metric;
use merge::{dedupe_figures, merge_events};
use parties::{parties_in, party_country, Party};

use dyad_document::{Document, Span};
use dyad_lexicon::Lexicon;
use dyad_mentions::{Kind, Mention, Mentions};
use dyad_recognize::amount::{AmountMatch, Qualifier, Unit};
use dyad_recognize::time::{TimeMatch, TimeValue};

use crate::rules::{Actor, Rules, Trigger, TriggerHit};

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

/// Whether `text` is `word` or ends with a space and `word`.
pub(crate) fn ends_with_word(text: &str, word: &str) -> bool {
    text == word || text.strip_suffix(word).is_some_and(|rest| rest.ends_with(' '))
}

/// A sentence in lower case, and whether it keeps the text's byte offsets (so that a slice of
/// it is the lower case of the same slice of the text). ASCII text (most English news) is done
/// the fast way; other text keeps its offsets too when every letter's lower case is as long as
/// the letter (curly quotes, dashes, accented Latin and Cyrillic letters all are), which spares
/// the rules a lower-cased copy per look.
fn lowercase(text: &str) -> (String, bool) {
    if text.is_ascii() {
        return (text.to_ascii_lowercase(), true);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        // Capital sigma depends on its position in the word: left to the full algorithm.
        let mut low = c.to_lowercase();
        match (low.next(), low.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() && c != 'Σ' => out.push(l),
            _ => return (text.to_lowercase(), false),
        }
    }
    (out, true)
}

pub(crate) fn distinct(codes: impl IntoIterator<Item = String>) -> Vec<String> {
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
        let mut lower: Option<(String, bool)> = None;
        if let (None, Some(i), false) = (metric_here, previous_metric, previous_regional) {
            let (lower, _) = lower.get_or_insert_with(|| lowercase(&doc.text[sentence.start..sentence.end]));
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
        // Modality cues alone ("will", "may", "if") give nothing without an event or metric
        // trigger, or a count that names its metric by its noun.
        let acts = triggers.iter().any(|t| !matches!(t.trigger, Trigger::Modality(_)));
        if !acts && !amounts.iter().any(|a| matches!(a.unit, Unit::Count(_))) {
            continue;
        }
        let parties = parties_in(doc, mentions, sentence);
        let (lower, same_offsets) = lower.unwrap_or_else(|| lowercase(&doc.text[sentence.start..sentence.end]));
        let cx = Sentence {
            explain,
            same_offsets,
            lower,
            doc,
            sentence,
            parties: &parties,
            times: &times,
            amounts: &amounts,
            mentions,
            focus: &focus,
            frame: &frame,
            comparison_times: std::cell::OnceCell::new(),
            names_a_deal: std::cell::OnceCell::new(),
            party_actors: std::cell::OnceCell::new(),
            instrument: std::cell::OnceCell::new(),
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
    drop_headline_repeats(doc, &mut events);
    (merge_events(events, doc.published), dedupe_figures(figures), near)
}

pub(crate) struct Sentence<'a> {
    /// Write the reasons of claims in words (for `explain`).
    explain: bool,
    /// The sentence in lower case, made once.
    lower: String,
    /// The sentence's lower case has the same byte offsets as its text.
    same_offsets: bool,
    doc: &'a Document,
    sentence: Span,
    parties: &'a [Party],
    times: &'a [&'a TimeMatch],
    amounts: &'a [&'a AmountMatch],
    mentions: &'a Mentions,
    focus: &'a Focus,
    /// What the story has set so far: the period its figures are of.
    frame: &'a Frame,
    /// Worked out once per sentence when first asked: where its comparison times start, and
    /// whether it names a deal.
    comparison_times: std::cell::OnceCell<Vec<usize>>,
    names_a_deal: std::cell::OnceCell<bool>,
    /// Whom each party stands for (see `parties.rs`), worked out when first asked.
    party_actors: std::cell::OnceCell<Vec<(Option<Actor>, bool)>>,
    /// The instrument the sentence names (see `agreements.rs`), worked out when first asked.
    instrument: std::cell::OnceCell<Option<&'static str>>,
    rules: &'a Rules,
    lex: &'a Lexicon,
}

impl Sentence<'_> {
    /// The byte `n` characters after `pos`, within the sentence: the rules' windows are
    /// counted in characters, so that a Cyrillic text (two bytes a letter) reaches as far.
    fn ahead(&self, pos: usize, n: usize) -> usize {
        let end = self.sentence.end.min(self.doc.text.len());
        if pos >= end {
            return end;
        }
        let rest = self.doc.text.get(pos..end).unwrap_or("");
        rest.char_indices().nth(n).map_or(end, |(i, _)| pos + i)
    }

    /// The byte `n` characters before `pos`, within the sentence.
    fn behind(&self, pos: usize, n: usize) -> usize {
        let start = self.sentence.start;
        if pos <= start || n == 0 {
            return pos.max(start);
        }
        if pos <= start {
            return start;
        }
        let before = self.doc.text.get(start..pos).unwrap_or("");
        before.char_indices().rev().nth(n.saturating_sub(1)).map_or(start, |(i, _)| start + i)
    }

    /// How many characters lie between two bytes of the sentence.
    fn chars_between(&self, a: usize, b: usize) -> usize {
        if b <= a {
            return 0;
        }
        self.doc.text.get(a..b).map_or(b - a, |s| s.chars().count())
    }

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
        // A lower case that keeps the offsets gives a slice of it, without allocating.
        if self.same_offsets {
            return std::borrow::Cow::Borrowed(&self.lower[a - self.sentence.start..b - self.sentence.start]);
        }
        std::borrow::Cow::Owned(text[a..b].to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::ends_with_word;

    #[test]
    fn a_word_at_the_end_is_whole() {
        assert!(ends_with_word("a visit to", "to"));
        assert!(ends_with_word("to", "to"));
        assert!(!ends_with_word("a visit into", "to"));
        assert!(!ends_with_word("", "to"));
    }
}
