//! A figure's pair and direction: exports and imports from the reporter ("X's exports to Y",
//! the dateline's country); investment, companies and tourists from the source (the subject
//! of "invested", the adjective of the investors, the demonym of the tourists) to the host
//! ("in", "into", "to", "visited"); the focus pair where the sentence names fewer than two.
//!
//! ```text
//! Japanese companies invested $9 billion in Vietnam.   -> investment JPN -> VNM
//! ```

use super::*;

impl Sentence<'_> {
    /// The ordered pair of a figure.
    pub(crate) fn figure_pair(&self, metric: &str, a: &AmountMatch) -> Option<(String, String)> {
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
                // ("host_before" cues: "in Vietnam", "в экономику Казахстана".)
                let host = self.after_preposition(self.rules.cues("host_before"));
                // "South Korea has so far invested ... in": the subject of the verb invests.
                let subject = (metric == "investment")
                    .then(|| self.rules.cues("invest_verb").iter().find_map(|v| self.subject_of(v)))
                    .flatten();
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
                let reach = self.ahead(a.end, 80);
                let near: Vec<&Party> = self.parties.iter().filter(|p| p.start >= a.end && p.start <= reach).collect();
                let from_near = near.iter().find(|p| {
                    let b = self.lower_between(self.behind(p.start, 12), p.start);
                    b.trim_end().ends_with(" from") || (metric == "tourists" && b.trim_end().ends_with(" of"))
                });
                let visited_near =
                    near.iter().find(|p| self.lower_between(self.behind(p.start, 10), p.start).contains("visited"));
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
                        .within(Span { start: a.end, end: self.ahead(a.end, 24) })
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
                        .within(Span { start: a.end, end: self.ahead(a.end, 20) })
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
    pub(crate) fn subject_of(&self, stem: &str) -> Option<String> {
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
    pub(crate) fn possessor_of(&self, words: &[&str]) -> Option<String> {
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
    pub(crate) fn after_preposition<S: AsRef<str>>(&self, preps: &[S]) -> Option<String> {
        for p in self.parties {
            let before = self.lower_between(self.behind(p.start, 16), p.start);
            let before = before.trim_end().trim_end_matches("the").trim_end();
            if preps.iter().any(|w| ends_with_word(before, w.as_ref())) {
                return Some(p.country.clone());
            }
        }
        None
    }

    /// A nationality adjective before investors, companies, tourists or investments (the
    /// `owner_nouns` cues: "Japanese companies", "российских прямых инвестиций").
    pub(crate) fn adjective_source(&self) -> Option<String> {
        let nouns = self.rules.cues("owner_nouns");
        for m in self.mentions.within(self.sentence).filter(|m| m.kind == Kind::Country) {
            let after = self.lower_between(m.end, self.ahead(m.end, 24));
            let is_adjective = m.text.chars().last().is_some_and(|c| c.is_lowercase())
                && self.lex.country(&m.id).is_none_or(|c| c.name != m.text);
            if is_adjective
                && nouns.iter().any(|n| {
                    let n = n.as_str();
                    after.trim_start().starts_with(n) || after.split_whitespace().take(3).any(|w| w.starts_with(n))
                })
            {
                return m.country.clone();
            }
        }
        None
    }
}
