//! The story's frame: what sentences read and update as the article goes on.
//!
//! A sentence names its own parties, period and date where it can; where it does not, the
//! story supplies them. The **focus** is the pair the title and lead are about (a meeting with
//! one named side is with the other); the **dateline** is where the story was filed (a named
//! visitor with no destination went there); the **frame** is the period the last figure was
//! of ("In the same year, trade amounted to ..."); and an undated event takes the story's day
//! (the day just told, the visit it happened during, or the article's own date in the lead).
//!
//! ```text
//! In 2023, Singapore welcomed 2.3 million Indonesian tourists.     -> frame.period = 2023
//! In the same year, bilateral trade amounted to $69 billion.       -> period 2023 from the frame
//! ```

use super::*;

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
    pub(crate) fn after_figures(&mut self, figures: &[FigureClaim]) {
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
    // With one country named, a capital supplies the other: "X arrived in Astana".
    let partner = partner.or_else(|| {
        mentions
            .items
            .iter()
            .filter(|m| m.kind == Kind::Capital)
            .filter_map(|m| m.country.clone())
            .find(|c| Some(c.as_str()) != home.as_deref())
    });
    // A capital or city in the first 40 bytes of the body is the dateline.
    let body = dyad_document::date_marker_len(&doc.text);
    let dateline = mentions
        .items
        .iter()
        .find(|m| m.start >= body && m.start < body + 40 && matches!(m.kind, Kind::Capital | Kind::Place))
        .and_then(|m| m.country.clone());
    Focus { home, partner, dateline: mentions.dateline.clone().or(dateline) }
}

/// Dates for events whose sentence names none: a day or month named in the two sentences
/// before (a story told in order: "On December 18, ... Then, ..."), else the date of a visit of
/// the same pair (a meeting or signing during it), else, in the lead, the article's own date.
pub(crate) fn fill_dates(doc: &Document, mentions: &Mentions, body_start: usize, events: &mut [EventClaim]) {
    // Per pair, the date of its first dated visit (a table: a long document has thousands).
    let mut visits: std::collections::HashMap<Vec<String>, String> = std::collections::HashMap::new();
    for (p, d) in events
        .iter()
        .filter(|e| e.kind == "VISIT" && e.modality.is_none())
        .filter_map(|e| {
            let mut p: Vec<String> = e.from.iter().chain(&e.to).cloned().collect();
            p.sort();
            e.date.clone().map(|d| (p, d))
        })
        // A visit years before the article ("his first visit was in 2015") is not the one an
        // undated meeting of today's story happened during.
        .filter(|(_, d)| recent(d, doc.published))
    {
        visits.entry(p).or_insert(d);
    }
    // The lead: the first sentences of prose (a line of 60 bytes or more), whatever menus and
    // headlines a scraped page puts before them.
    let first_prose = doc.sentences.iter().position(|s| s.end - s.start >= 60).unwrap_or(0);
    let lead_end = first_prose.max(1) + 4;
    // The events the text dates itself: (type, pair, date).
    let explicit: Vec<(String, Vec<String>, String)> = events
        .iter()
        .filter(|e| e.modality.is_none())
        .filter_map(|e| {
            let mut p: Vec<String> = e.from.iter().chain(&e.to).cloned().collect();
            p.sort();
            e.date.clone().map(|d| (e.kind.clone(), p, d))
        })
        .collect();
    let published = doc.published.map(|d| d.to_string());
    // The last dated event so far: (its pair, its date, its sentence index).
    let mut last: Option<(Vec<String>, String, usize)> = None;
    for e in events.iter_mut() {
        let index = doc.sentences.partition_point(|s| s.start < e.sentence.start);
        let index = if doc.sentences.get(index).is_some_and(|s| s.start == e.sentence.start) { index } else { 0 };
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
        let lower = doc.text[e.sentence.start..e.sentence.end].to_ascii_lowercase();
        let continues = ["then", "later", "afterwards", "after that", "subsequently"]
            .iter()
            .any(|w| lower.strip_prefix(w).is_some_and(|rest| rest.starts_with([',', ' '])));
        let back = if continues { 10 } else { 2 };
        let window_start = doc.sentences[index.saturating_sub(back)].start.max(body_start);
        // A dateline ("3 March 2019, Policy Review") gives the article's date, not the story's.
        let dateline = |t: &TimeMatch| {
            let line = doc.sentence_at(t.start).map_or(0, |s| s.end - s.start);
            line < 80 && t.value.is_some_and(|v| Some(v.ends().0.iso()) == published)
        };
        // The times are in text order: those of the window only.
        let times = &mentions.times;
        let lo = times.partition_point(|t| t.start < window_start);
        let window = lo..times.partition_point(|t| t.start < e.sentence.start).max(lo);
        let narrative = times[window]
            .iter()
            .filter(|t| t.end <= e.sentence.start && !dateline(t))
            .filter_map(|t| match t.value? {
                TimeValue::Point(p) if p.month.is_some() => Some(p.iso()),
                _ => None,
            })
            // "His first visit was in March 2015. The two sides signed ...": a day long before
            // the article is the story's day only when the story says it goes on ("Then, ...").
            .rfind(|d| continues || recent(d, doc.published));
        let visit = visits.get(&pair).cloned();
        // In the lead, the article's own date; but a meeting told in the lead and elsewhere
        // with its day a few days before ("on Thursday" in Friday's paper) is that meeting.
        let lead = (index < lead_end).then_some(doc.published).flatten().map(|p| {
            explicit
                .iter()
                .find(|(k, q, d)| *k == e.kind && *q == pair && days_apart(d, p).is_some_and(|n| n <= 3))
                .map_or_else(|| p.to_string(), |(_, _, d)| d.clone())
        });
        // "The meeting ended with the signing of 14 documents": the event just told, when it
        // was between the same pair a few sentences before.
        let refers_back = ["the meeting", "the talks", "the negotiations", "the visit", "the summit"]
            .iter()
            .any(|w| lower.contains(w));
        let previous = last
            .as_ref()
            .filter(|(p, _, i)| refers_back && *p == pair && index.saturating_sub(*i) <= 3)
            .map(|(_, d, _)| d.clone());
        let (date, from) = if narrative.is_some() {
            (narrative, "a day the story named just before")
        } else if previous.is_some() {
            (previous, "the event the sentence refers back to")
        } else if visit.is_some() {
            (visit, "the visit of the same pair it happened during")
        } else if lead.is_some() {
            (lead, "the article's own date (the event is told in the lead)")
        } else {
            // "This is his second state visit to India": told in the present, it is the
            // article's own time, to the month (the day is not said).
            let present = [" is ", " are ", " has ", " have ", " comes ", " arrives ", " begins "]
                .iter()
                .any(|w| lower.contains(w));
            let month = doc.published.filter(|_| present && e.kind == "VISIT").map(|p| p.to_string()[..7].to_string());
            (month, "the article's month (the visit is told in the present)")
        };
        e.date = date;
        if let Some(d) = &e.date {
            if !e.why.is_empty() {
                e.why.push_str(&format!("; date {d} from the story: {from}"));
            }
            last = Some((pair, d.clone(), index));
        }
    }
}

impl Sentence<'_> {
    /// Whether the sentence names the two sides as a pair: "the two leaders", "both sides",
    /// "the two countries' delegations", "the two nations".
    pub(crate) fn names_the_pair(&self) -> bool {
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
    pub(crate) fn other(&self, country: &str) -> Option<String> {
        let (h, p) = (self.focus.home.as_deref()?, self.focus.partner.as_deref()?);
        if country == h {
            Some(p.to_string())
        } else if country == p {
            Some(h.to_string())
        } else {
            None
        }
    }
}

/// Whether an ISO date (at any precision) falls within about two months before or after the
/// article's date (always, when the article has none).
pub(crate) fn recent(iso: &str, published: Option<dyad_recognize::Date>) -> bool {
    let Some(p) = published else { return true };
    let year: i32 = iso.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
    let month: i32 =
        iso.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(if year == p.year() { p.month() as i32 } else { 6 });
    let months = (p.year() - year) * 12 + p.month() as i32 - month;
    (-2..=2).contains(&months)
}

/// Drops an event told in the headline when the body tells the same one ("UK signs £3 billion
/// in deals with Kazakhstan" above "Britain and Kazakhstan signed deals ... on Tuesday"): the
/// body has its date.
pub(crate) fn drop_headline_repeats(doc: &Document, events: &mut Vec<EventClaim>) {
    let Some(title) = doc.title.as_deref() else { return };
    let is_title = |e: &EventClaim| doc.slice(e.sentence).trim() == title.trim();
    let key = |e: &EventClaim| {
        let mut p: Vec<String> = e.from.iter().chain(&e.to).cloned().collect();
        p.sort();
        (e.kind.clone(), p, e.modality.clone())
    };
    let body: std::collections::HashSet<_> = events.iter().filter(|e| !is_title(e)).map(key).collect();
    events.retain(|e| !is_title(e) || !body.contains(&key(e)));
}

/// How many days apart a full ISO date and a day are (none for a month or a year).
pub(crate) fn days_apart(iso: &str, day: dyad_recognize::Date) -> Option<i64> {
    if iso.len() != 10 {
        return None;
    }
    let d = dyad_recognize::date::parse_date_prefix(iso)?.date;
    Some((d.to_days() - day.to_days()).abs())
}
