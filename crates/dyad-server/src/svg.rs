//! Charts drawn by the server as SVG: no script, readable without one.

use crate::html::escape;

/// One point of a series: its label (a period), value, and where clicking it leads.
pub struct Point {
    /// The period, as the x-axis label.
    pub label: String,
    /// The value.
    pub value: f64,
    /// A link (the point's sources).
    pub href: String,
    /// Shown on hover: the value in words and its sources.
    pub title: String,
}

/// A series: a name and points in x order.
pub struct Series {
    /// Its name, in the legend.
    pub name: String,
    /// Points, in x order.
    pub points: Vec<Point>,
}

const W: f64 = 720.0;
const H: f64 = 300.0;
const LEFT: f64 = 64.0;
const BOTTOM: f64 = 40.0;
const TOP: f64 = 16.0;
const COLORS: [&str; 4] = ["#1f6feb", "#d1242f", "#1a7f37", "#9a6700"];

/// A line chart of the series over the union of their labels (sorted), each point a link.
pub fn line_chart(series: &[Series], caption: &str) -> String {
    let mut labels: Vec<&str> = series.iter().flat_map(|s| s.points.iter().map(|p| p.label.as_str())).collect();
    labels.sort_unstable();
    labels.dedup();
    let max = series.iter().flat_map(|s| s.points.iter().map(|p| p.value)).fold(0.0f64, f64::max);
    if labels.is_empty() || max <= 0.0 {
        return String::from("<p class=\"empty\">No figures to chart.</p>");
    }
    let top = nice_ceiling(max);
    let x = |label: &str| {
        let i = labels.iter().position(|l| *l == label).unwrap_or(0) as f64;
        let n = (labels.len().max(2) - 1) as f64;
        LEFT + 8.0 + i * (W - LEFT - 24.0) / n
    };
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v / top);
    let mut out = format!(
        r#"<figure class="chart"><svg viewBox="0 0 {W} {H}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"#,
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
    let every = labels.len().div_ceil(10);
    for (i, l) in labels.iter().enumerate().filter(|(i, _)| i % every == 0) {
        let _ = i;
        out.push_str(&format!(
            r#"<text class="tick" x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
            x(l),
            H - BOTTOM + 18.0,
            escape(l)
        ));
    }
    for (n, s) in series.iter().enumerate() {
        let color = COLORS[n % COLORS.len()];
        let path: Vec<String> = s.points.iter().map(|p| format!("{:.1},{:.1}", x(&p.label), y(p.value))).collect();
        out.push_str(&format!(
            r#"<polyline class="series" fill="none" stroke="{color}" points="{}"/>"#,
            path.join(" ")
        ));
        for p in &s.points {
            out.push_str(&format!(
                r#"<a href="{}" class="point"><circle cx="{:.1}" cy="{:.1}" r="5" fill="{color}"><title>{}</title></circle></a>"#,
                escape(&p.href),
                x(&p.label),
                y(p.value),
                escape(&p.title)
            ));
        }
        out.push_str(&format!(
            r#"<rect x="{}" y="{}" width="10" height="10" fill="{color}"/><text class="legend" x="{}" y="{}">{}</text>"#,
            LEFT + 8.0 + 150.0 * n as f64,
            H - 14.0,
            LEFT + 22.0 + 150.0 * n as f64,
            H - 5.0,
            escape(&s.name)
        ));
    }
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

    #[test]
    fn a_chart_has_a_linked_point_per_value_and_escapes_labels() {
        let s = Series {
            name: "trade <KAZ-SGP>".into(),
            points: vec![
                Point {
                    label: "2022".into(),
                    value: 1.2e9,
                    href: "/pair/KAZ/SGP?p=2022".into(),
                    title: "1.2 bn".into(),
                },
                Point {
                    label: "2023".into(),
                    value: 1.6e9,
                    href: "/pair/KAZ/SGP?p=2023&x=1".into(),
                    title: "1.6 bn".into(),
                },
            ],
        };
        let svg = line_chart(&[s], "Trade");
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("href=\"/pair/KAZ/SGP?p=2023&amp;x=1\""));
        assert!(svg.contains("trade &lt;KAZ-SGP&gt;"));
        assert_eq!(nice_ceiling(1.6e9), 2e9);
        assert_eq!(short_number(1.5e9), "1.5 bn");
    }
}
