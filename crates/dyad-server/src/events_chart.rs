//! Events over time: a bar per year, stacked by event type, drawn by the server as SVG; each
//! part of a bar links to the list of those events (that type, that year).
//!
//! Why: how often two countries meet, visit and sign, and when that changed, is what an analyst
//! reads first; counts kept by ingest (`Store::event_years`) make it cheap at any size.
//!
//! ```text
//! [("2019", "VISIT", 2), ("2019", "MEET", 3), ("2022", "AGREE", 1)]
//!   -> bars at 2019 (2 + 3) and 2022 (1), an empty place for 2020 and 2021
//! ```

use crate::html::escape;
use crate::svg::short_number;

const W: f64 = 720.0;
const H: f64 = 220.0;
const LEFT: f64 = 48.0;
const BOTTOM: f64 = 48.0;
const TOP: f64 = 12.0;

/// The colour of an event type; types past these share the last.
fn color(kind: &str) -> &'static str {
    match kind {
        "VISIT" => "#1f6feb",
        "MEET" => "#1a7f37",
        "AGREE" => "#9a6700",
        "RATIFY" => "#8250df",
        "RELATIONS" => "#bf3989",
        _ => "#6e7781",
    }
}

/// The chart of `(year, type, reports)` rows; `link(year, type)` is where a bar's part leads.
pub fn events_chart(rows: &[(String, String, usize)], caption: &str, link: impl Fn(&str, &str) -> String) -> String {
    let years: Vec<i32> = rows.iter().filter_map(|(y, _, _)| y.parse().ok()).collect();
    let (Some(&first), Some(&last)) = (years.iter().min(), years.iter().max()) else {
        return String::from("<p class=\"empty\">No dated events to chart.</p>");
    };
    let span = (last - first + 1) as f64;
    let total = |y: i32| rows.iter().filter(|(r, _, _)| r.parse() == Ok(y)).map(|(_, _, n)| *n).sum::<usize>();
    let max = (first..=last).map(total).max().unwrap_or(1).max(1) as f64;
    let slot = (W - LEFT - 16.0) / span;
    let bar = (slot * 0.7).min(40.0);
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v / max);
    let mut out = format!(
        r#"<figure class="chart events-chart"><svg viewBox="0 0 {W} {H}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"#,
        escape(caption)
    );
    for k in 0..=2 {
        let v = (max * k as f64 / 2.0).round();
        out.push_str(&format!(
            r#"<line class="grid" x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}"/><text class="tick" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            W - 8.0,
            LEFT - 6.0,
            y(v) + 4.0,
            short_number(v),
            y = y(v)
        ));
    }
    let every = (span as usize).div_ceil(14).max(1);
    let mut kinds: Vec<&str> = Vec::new();
    for year in first..=last {
        let x = LEFT + 8.0 + (year - first) as f64 * slot + (slot - bar) / 2.0;
        if ((year - first) as usize).is_multiple_of(every) {
            out.push_str(&format!(
                r#"<text class="tick" x="{:.1}" y="{}" text-anchor="middle">{year}</text>"#,
                x + bar / 2.0,
                H - BOTTOM + 16.0
            ));
        }
        let mut base = 0.0;
        for (_, kind, n) in rows.iter().filter(|(r, _, _)| r.parse() == Ok(year)) {
            if !kinds.contains(&kind.as_str()) {
                kinds.push(kind);
            }
            let (top, bottom) = (y(base + *n as f64), y(base));
            out.push_str(&format!(
                r#"<a href="{}"><rect class="bar" x="{x:.1}" y="{top:.1}" width="{bar:.1}" height="{:.1}" fill="{}" data-year="{year}" data-type="{}" data-reports="{n}"><title>{year}: {n} {} report{}</title></rect></a>"#,
                escape(&link(&year.to_string(), kind)),
                (bottom - top).max(0.5),
                color(kind),
                escape(kind),
                escape(kind),
                if *n == 1 { "" } else { "s" }
            ));
            base += *n as f64;
        }
    }
    for (i, kind) in kinds.iter().enumerate() {
        let x = LEFT + 8.0 + 96.0 * i as f64;
        out.push_str(&format!(
            r#"<rect x="{x}" y="{}" width="10" height="10" fill="{}"/><text class="legend" x="{}" y="{}">{}</text>"#,
            H - 20.0,
            color(kind),
            x + 14.0,
            H - 11.0,
            escape(kind)
        ));
    }
    out.push_str(&format!("</svg><figcaption>{}</figcaption></figure>", escape(caption)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_per_year_stacked_by_type_with_gaps_kept() {
        let rows = vec![
            ("2019".to_string(), "MEET".to_string(), 3),
            ("2019".into(), "VISIT".into(), 2),
            ("2022".into(), "AGREE".into(), 1),
        ];
        let svg = events_chart(&rows, "Events", |y, t| format!("?type={t}&since={y}&until={y}"));
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), 3);
        let x = |year: &str| -> f64 {
            let at = svg.find(&format!("data-year=\"{year}\"")).unwrap();
            let before = &svg[..at];
            let x = before.rfind(" x=\"").unwrap();
            before[x + 4..].split('"').next().unwrap().parse().unwrap()
        };
        // 2022 is three slots after 2019: 2020 and 2021 stay empty places.
        let slot = (W - LEFT - 16.0) / 4.0;
        assert!((x("2022") - x("2019") - 3.0 * slot).abs() < 0.2, "{} {}", x("2019"), x("2022"));
        assert!(svg.contains("href=\"?type=VISIT&amp;since=2019&amp;until=2019\""));
        assert!(events_chart(&[], "none", |_, _| String::new()).contains("No dated events"));
    }
}
