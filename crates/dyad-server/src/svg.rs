//! Charts drawn by the server as SVG: no script, readable without one.

use crate::html::escape;

/// One point of a series: the span of time its value is for, the value, and where clicking it
/// leads.
pub struct Point {
    /// The first instant of its period, in years ("2023-07" is 2023.5).
    pub start: f64,
    /// The instant after its period ends, in years ("2023" ends at 2024.0).
    pub end: f64,
    /// The value.
    pub value: f64,
    /// Whether the value is exact; a value reported as "over", "about", a target or a forecast
    /// is drawn hollow, its span dashed.
    pub exact: bool,
    /// A link (the point's sources).
    pub href: String,
    /// Shown on hover: the period, the value in words and its sources.
    pub title: String,
}

/// A series: a name and points.
pub struct Series {
    /// Its name, in the legend.
    pub name: String,
    /// Points, in any order.
    pub points: Vec<Point>,
}

const W: f64 = 720.0;
const H: f64 = 300.0;
const LEFT: f64 = 64.0;
const BOTTOM: f64 = 56.0;
const TOP: f64 = 16.0;
const COLORS: [&str; 5] = ["#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df"];

/// The span of a figure's period in years: "2023" is 2023.0..2024.0, "2024-01/2024-06"
/// 2024.0..2024.5, "2023-10" 2023.75..2023.833; `None` for an open or unreadable period.
pub fn period_span(period: &str) -> Option<(f64, f64)> {
    fn point(p: &str) -> Option<(f64, f64)> {
        let parts: Vec<&str> = p.split('-').collect();
        let year: f64 = parts.first()?.parse::<u16>().ok()?.into();
        match parts.len() {
            1 => Some((year, year + 1.0)),
            2 | 3 => {
                let m: f64 = parts[1].parse::<u8>().ok().filter(|m| (1..=12).contains(m))?.into();
                let (a, b) = (year + (m - 1.0) / 12.0, year + m / 12.0);
                if parts.len() == 2 {
                    return Some((a, b));
                }
                let d: f64 = parts[2].parse::<u8>().ok().filter(|d| (1..=31).contains(d))?.into();
                Some((a + (d - 1.0) / 365.0, a + d / 365.0))
            }
            _ => None,
        }
    }
    match period.split_once('/') {
        Some((a, b)) => {
            let (s, _) = point(a)?;
            let (_, e) = point(b)?;
            (e > s).then_some((s, e))
        }
        None => point(period),
    }
}

/// A chart of the series on a time axis: each value drawn over the span of its period (a
/// year, a half, January to November) with a marker at its middle that links to its sources;
/// values of equal, touching spans joined by a line, and a missing period left as a gap.
pub fn time_chart(series: &[Series], caption: &str) -> String {
    let all = || series.iter().flat_map(|s| s.points.iter());
    let max = all().map(|p| p.value).fold(0.0f64, f64::max);
    if all().next().is_none() || max <= 0.0 {
        return String::from("<p class=\"empty\">No figures with a period to chart.</p>");
    }
    let t0 = all().map(|p| p.start).fold(f64::INFINITY, f64::min).floor();
    let t1 = all().map(|p| p.end).fold(f64::NEG_INFINITY, f64::max).ceil().max(t0 + 1.0);
    let top = nice_ceiling(max);
    let x = |t: f64| LEFT + 8.0 + (t - t0) / (t1 - t0) * (W - LEFT - 24.0);
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v / top);
    let mut out = format!(
        r#"<figure class="chart"><svg viewBox="0 0 {W} {H}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg" data-t0="{t0}" data-t1="{t1}">"#,
        escape(caption)
    );
    for k in 0..=4 {
        let v = top * k as f64 / 4.0;
        out.push_str(&format!(
            r#"<line class="grid" x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}"/><text class="tick" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            W - 8.0,
            LEFT - 6.0,
            y(v) + 4.0,
            escape(&short_number(v)),
            y = y(v)
        ));
    }
    // A tick at each year's start, the year's label at its middle (every k-th when many).
    let years = (t1 - t0) as usize;
    let every = years.div_ceil(12).max(1);
    for k in 0..=years {
        let t = t0 + k as f64;
        out.push_str(&format!(
            r#"<line class="tick-line" x1="{x:.1}" x2="{x:.1}" y1="{}" y2="{}"/>"#,
            H - BOTTOM,
            H - BOTTOM + 5.0,
            x = x(t)
        ));
        if k < years && k % every == 0 {
            out.push_str(&format!(
                r#"<text class="tick" x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
                x(t + 0.5),
                H - BOTTOM + 18.0,
                t as i64
            ));
        }
    }
    for (n, s) in series.iter().enumerate() {
        let color = COLORS[n % COLORS.len()];
        let mut points: Vec<&Point> = s.points.iter().collect();
        points.sort_by(|a, b| a.start.total_cmp(&b.start).then(a.end.total_cmp(&b.end)));
        // Lines join values of spans of one length that touch: 2021, 2022, 2023; not 2019 to
        // 2022 over the missing years, nor a year to a half.
        let mut run: Vec<&Point> = Vec::new();
        let mut runs: Vec<Vec<&Point>> = Vec::new();
        for p in &points {
            let joins = run.last().is_some_and(|q: &&Point| {
                (p.start - q.end).abs() < 0.01 && ((p.end - p.start) - (q.end - q.start)).abs() < 0.01
            });
            if !joins && !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
            run.push(p);
        }
        runs.push(run);
        for r in runs.iter().filter(|r| r.len() > 1) {
            let path: Vec<String> =
                r.iter().map(|p| format!("{:.1},{:.1}", x((p.start + p.end) / 2.0), y(p.value))).collect();
            out.push_str(&format!(
                r#"<polyline class="series" fill="none" stroke="{color}" points="{}"/>"#,
                path.join(" ")
            ));
        }
        for p in &points {
            let dash = if p.exact { "" } else { r#" stroke-dasharray="4 3""# };
            let fill = if p.exact { color } else { "#fff" };
            out.push_str(&format!(
                r#"<line class="span" x1="{:.1}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="{color}" stroke-width="3" stroke-opacity="0.45"{dash}/>"#,
                x(p.start) + 1.0,
                x(p.end) - 1.0,
                y = y(p.value)
            ));
            out.push_str(&format!(
                r#"<a href="{}" class="point"><circle cx="{:.1}" cy="{:.1}" r="5" fill="{fill}" stroke="{color}" stroke-width="2" data-start="{:.4}" data-end="{:.4}" data-exact="{}"><title>{}</title></circle></a>"#,
                escape(&p.href),
                x((p.start + p.end) / 2.0),
                y(p.value),
                p.start,
                p.end,
                p.exact,
                escape(&p.title)
            ));
        }
        out.push_str(&format!(
            r#"<rect x="{}" y="{}" width="10" height="10" fill="{color}"/><text class="legend" x="{}" y="{}">{}</text>"#,
            LEFT + 8.0 + 190.0 * n as f64,
            H - 24.0,
            LEFT + 22.0 + 190.0 * n as f64,
            H - 15.0,
            escape(&s.name)
        ));
    }
    out.push_str(&format!(
        r##"<circle cx="{}" cy="{}" r="4" fill="#fff" stroke="#555" stroke-width="2"/><text class="legend" x="{}" y="{}">hollow, dashed: over, about, a target or a forecast; a bar spans the period</text>"##,
        LEFT + 13.0,
        H - 5.0,
        LEFT + 22.0,
        H - 1.0,
    ));
    out.push_str(&format!("</svg><figcaption>{}</figcaption></figure>", escape(caption)));
    out
}

/// 1, 2, 2.5 or 5 times a power of ten, at or above `v`.
fn nice_ceiling(v: f64) -> f64 {
    let p = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * p).find(|c| *c >= v).unwrap_or(10.0 * p)
}

/// "1.5 bn", "640 mn", "15k".
pub fn short_number(v: f64) -> String {
    let (d, u) = match v.abs() {
        a if a >= 1e12 => (v / 1e12, " tn"),
        a if a >= 1e9 => (v / 1e9, " bn"),
        a if a >= 1e6 => (v / 1e6, " mn"),
        a if a >= 1e3 => (v / 1e3, "k"),
        _ => (v, ""),
    };
    let s = format!("{d:.2}");
    format!("{}{u}", s.trim_end_matches('0').trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(period: &str, value: f64, exact: bool) -> Point {
        let (start, end) = period_span(period).unwrap();
        Point { start, end, value, exact, href: format!("/doc/a?p={period}&x=1"), title: period.into() }
    }

    #[test]
    fn periods_have_their_spans_in_years() {
        assert_eq!(period_span("2023"), Some((2023.0, 2024.0)));
        assert_eq!(period_span("2024-01/2024-06"), Some((2024.0, 2024.5)));
        assert_eq!(period_span("2023-07"), Some((2023.5, 2023.0 + 7.0 / 12.0)));
        assert_eq!(period_span("2015/.."), None);
        assert_eq!(period_span("2024-13"), None);
    }

    #[test]
    fn points_sit_in_proportion_to_their_dates_and_gaps_stay_gaps() {
        let s = Series {
            name: "trade <KAZ-SGP>".into(),
            points: vec![
                point("2015", 1e9, true),
                point("2018", 1.2e9, true),
                point("2019", 1.6e9, false),
                point("2020-01/2020-06", 0.9e9, true),
            ],
        };
        let svg = time_chart(&[s], "Trade");
        let cx: Vec<f64> =
            svg.split("<circle cx=\"").skip(1).map(|c| c.split('"').next().unwrap().parse().unwrap()).collect();
        // Four points and the legend's marker; 2015 to 2018 is three times 2018 to 2019.
        assert_eq!(cx.len(), 5, "{svg}");
        assert!(((cx[1] - cx[0]) - 3.0 * (cx[2] - cx[1])).abs() < 0.5, "{cx:?}");
        // Jan-Jun 2020 sits at the first quarter of 2020, half a year and a quarter after 2019's middle.
        assert!(((cx[3] - cx[2]) - 0.75 * (cx[2] - cx[1])).abs() < 0.5, "{cx:?}");
        // One line only: 2018-2019 (2015 is apart, the half year is another span).
        assert_eq!(svg.matches("<polyline").count(), 1);
        // "over" and the like are hollow and dashed.
        assert_eq!(svg.matches("data-exact=\"false\"").count(), 1);
        assert_eq!(svg.matches("stroke-dasharray").count(), 1);
        assert!(svg.contains("href=\"/doc/a?p=2019&amp;x=1\""));
        assert!(svg.contains("trade &lt;KAZ-SGP&gt;"));
        assert!(time_chart(&[], "none").contains("No figures"));
        assert_eq!(nice_ceiling(1.6e9), 2e9);
        assert_eq!(short_number(1.5e9), "1.5 bn");
    }
}
