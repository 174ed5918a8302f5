//! The world map of a country's partners, drawn by the server as SVG from bundled outlines
//! (`assets/world.tsv`: Natural Earth 1:110m, public domain; made by `tools/world-map.py`).
//!
//! Why on the server: the page stays readable without script, loads no tiles from elsewhere,
//! and each country is a plain link to the pair page.
//!
//! ```text
//! world_map("KAZ", &[("CHN".into(), 12.0), ("RUS".into(), 3.0)], "events and figures")
//!   -> <svg>: KAZ outlined dark, CHN shaded darkest, RUS lighter, each a link to /pair/KAZ/...
//! ```

use std::sync::OnceLock;

use crate::html::escape;

const WORLD: &str = include_str!("../assets/world.tsv");

/// One country's outline: ISO3 code, Natural Earth name, SVG path, and the path's bounds
/// (x0, y0, x1, y1), so that a cropped map draws only the countries it shows.
struct Outline {
    code: &'static str,
    name: &'static str,
    path: &'static str,
    bounds: (f64, f64, f64, f64),
}

/// The bounds of a path of absolute M/L/Z commands ("M493,93.3L494.1,93.3Z").
fn bounds(path: &str) -> (f64, f64, f64, f64) {
    let numbers: Vec<f64> =
        path.split(|c: char| c.is_ascii_alphabetic() || c == ',').filter_map(|n| n.trim().parse().ok()).collect();
    numbers.chunks_exact(2).fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |(x0, y0, x1, y1), p| {
        (x0.min(p[0]), y0.min(p[1]), x1.max(p[0]), y1.max(p[1]))
    })
}

fn outlines() -> &'static [Outline] {
    static OUTLINES: OnceLock<Vec<Outline>> = OnceLock::new();
    OUTLINES.get_or_init(|| {
        WORLD
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|l| {
                let mut c = l.splitn(3, '\t');
                let (code, name, path) = (c.next()?, c.next()?, c.next()?);
                Some(Outline { code, name, path, bounds: bounds(path) })
            })
            .collect()
    })
}

/// Five shades, lightest first, for values up to a fifth, two fifths ... of the largest.
const SHADES: [&str; 5] = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

/// A world map with `home` marked and each partner shaded by its value (events and figures,
/// say), each partner a link to its pair page with its name and value on hover. Countries with
/// no value stay grey; a value for a country without an outline (a small island state) is
/// left to the table beside the map.
pub fn world_map(home: &str, values: &[(String, f64)], what: &str) -> String {
    let max = values.iter().map(|(_, v)| *v).fold(0.0f64, f64::max);
    let mut out = format!(
        r#"<figure class="map"><svg viewBox="0 0 720 284" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"#,
        escape(&format!("Partners of {home} on a world map, shaded by {what}"))
    );
    for o in outlines() {
        let value = values.iter().find(|(c, _)| c == o.code).map(|(_, v)| *v).filter(|v| *v > 0.0);
        if o.code == home {
            out.push_str(&format!(
                r##"<path class="country home" data-iso="{}" d="{}" fill="#f2b134" stroke="#7a5300" stroke-width="0.8"><title>{}</title></path>"##,
                o.code,
                o.path,
                escape(o.name)
            ));
            continue;
        }
        match value {
            Some(v) => {
                let k = (((v / max) * 5.0).ceil() as usize).clamp(1, 5) - 1;
                out.push_str(&format!(
                    r##"<a href="/pair/{home}/{code}"><path class="country partner" data-iso="{code}" data-value="{v}" d="{}" fill="{}" stroke="#fff" stroke-width="0.4"><title>{}: {v} {}</title></path></a>"##,
                    o.path,
                    SHADES[k],
                    escape(o.name),
                    escape(what),
                    home = escape(home),
                    code = o.code,
                ));
            }
            None => out.push_str(&format!(
                r##"<path class="country" data-iso="{}" d="{}" fill="#e5e7eb" stroke="#fff" stroke-width="0.4"/>"##,
                o.code, o.path
            )),
        }
    }
    out.push_str(&format!(
        "</svg><figcaption>{} (darker: more). Each shaded country links to its pair page. Outlines: Natural Earth.</figcaption></figure>",
        escape(&format!("Partners of {home} by {what}"))
    ));
    out
}

/// A place where events happened, for [`places_map`].
pub struct EventPlace {
    /// Its name ("Astana").
    pub name: String,
    /// Latitude and longitude.
    pub lat_lon: (f64, f64),
    /// How many of the listed events happened there.
    pub events: usize,
    /// Where clicking it leads (the latest event's evidence).
    pub href: String,
}

/// The places of a pair's events on a map cropped to them and the two countries' capitals'
/// neighbourhood (at least 60 degrees wide): the two countries shaded, a dot per place sized by
/// its events, each a link. None when no event names a place with coordinates.
pub fn places_map(pair: [&str; 2], places: &[EventPlace]) -> Option<String> {
    if places.is_empty() {
        return None;
    }
    let xy = |(lat, lon): (f64, f64)| ((lon + 180.0) * 2.0, (84.0 - lat.clamp(-58.0, 84.0)) * 2.0);
    let pts: Vec<(f64, f64)> = places.iter().map(|p| xy(p.lat_lon)).collect();
    let (mut x0, mut x1) = pts.iter().fold((f64::MAX, f64::MIN), |(a, b), (x, _)| (a.min(*x), b.max(*x)));
    let (mut y0, mut y1) = pts.iter().fold((f64::MAX, f64::MIN), |(a, b), (_, y)| (a.min(*y), b.max(*y)));
    // Padded, and at least 120 units (60 degrees) wide with the map's proportions.
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let w = ((x1 - x0) + 40.0).max(120.0);
    let h = ((y1 - y0) + 40.0).max(w * 0.5);
    let w = w.max(h * 2.0);
    (x0, x1, y0, y1) = (cx - w / 2.0, cx + w / 2.0, cy - h / 2.0, cy + h / 2.0);
    let most = places.iter().map(|p| p.events).max().unwrap_or(1).max(1) as f64;
    let mut out = format!(
        r#"<figure class="map places"><svg viewBox="{x0:.1} {y0:.1} {w:.1} {h:.1}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"#,
        escape(&format!("Where the events between {} and {} happened", pair[0], pair[1]))
    );
    // Only the countries the view shows: the rest of the world is most of the bytes.
    for o in outlines().iter().filter(|o| o.bounds.0 <= x1 && o.bounds.2 >= x0 && o.bounds.1 <= y1 && o.bounds.3 >= y0)
    {
        let fill = if pair.contains(&o.code) { "#c6dbef" } else { "#e5e7eb" };
        out.push_str(&format!(
            r##"<path class="country" data-iso="{}" d="{}" fill="{fill}" stroke="#fff" stroke-width="0.3"/>"##,
            o.code, o.path
        ));
    }
    let unit = w / 120.0;
    for (p, (x, y)) in places.iter().zip(&pts) {
        let r = unit * (1.2 + 2.3 * (p.events as f64 / most).sqrt());
        out.push_str(&format!(
            r##"<a href="{}"><circle class="place" cx="{x:.2}" cy="{y:.2}" r="{r:.2}" fill="#d1242f" fill-opacity="0.75" stroke="#fff" stroke-width="{:.2}" data-events="{}"><title>{}: {} event{}</title></circle></a>"##,
            escape(&p.href),
            unit * 0.3,
            p.events,
            escape(&p.name),
            p.events,
            if p.events == 1 { "" } else { "s" }
        ));
    }
    out.push_str(&format!(
        "</svg><figcaption>{}</figcaption></figure>",
        escape("Where the events listed below happened, when their sentences name the place (a dot per place, larger for more events; each opens the latest one's evidence). Outlines: Natural Earth.")
    ));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outlines_are_whole_and_named_by_iso3() {
        let all = outlines();
        assert!(all.len() > 170, "{}", all.len());
        let mut codes: Vec<&str> = all.iter().map(|o| o.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len(), "one outline per country");
        // Every code is one the lexicon knows.
        let lex = dyad_lexicon::Lexicon::embedded();
        for o in all {
            assert!(lex.country(o.code).is_some(), "{} ({}) is no ISO3 code of the lexicon", o.code, o.name);
            assert!(o.path.starts_with('M') && o.path.ends_with('Z'), "{}", o.code);
            let (x0, y0, x1, y1) = o.bounds;
            // On the world (Fiji and Russia have parts drawn across the antimeridian, off the map).
            assert!(
                x0 < x1 && x0 < 720.0 && x1 > 0.0 && 0.0 <= y0 && y0 < y1 && y1 <= 284.0,
                "{} {:?}",
                o.code,
                o.bounds
            );
        }
        for c in ["KAZ", "CHN", "RUS", "USA", "UZB", "KGZ", "JPN", "KOR", "IND", "TUR"] {
            assert!(codes.contains(&c), "{c} has no outline");
        }
    }

    #[test]
    fn event_places_are_dots_where_they_are() {
        let place =
            |name: &str, lat_lon, events| EventPlace { name: name.into(), lat_lon, events, href: "/doc/x".into() };
        assert!(places_map(["KAZ", "CHN"], &[]).is_none());
        let svg = places_map(["KAZ", "CHN"], &[place("Astana", (51.17, 71.45), 4), place("Beijing", (39.9, 116.4), 1)])
            .unwrap();
        assert_eq!(svg.matches("<circle class=\"place\"").count(), 2);
        // Astana at longitude 71.45: x = (71.45 + 180) * 2.
        assert!(svg.contains("cx=\"502.90\""), "{svg}");
        assert!(svg.contains("Astana: 4 events") && svg.contains("Beijing: 1 event<"));
        // The view holds both dots.
        let vb: Vec<f64> = svg
            .split("viewBox=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .split(' ')
            .map(|v| v.parse().unwrap())
            .collect();
        for x in [502.9, (116.4 + 180.0) * 2.0] {
            assert!(vb[0] < x && x < vb[0] + vb[2], "{vb:?}");
        }
        assert_eq!(svg.matches("fill=\"#c6dbef\"").count(), 2, "the two countries shaded");
        // Countries far from the view are not drawn; the neighbours are.
        assert!(
            svg.contains("data-iso=\"MNG\"") && !svg.contains("data-iso=\"BRA\"") && !svg.contains("data-iso=\"USA\"")
        );
    }

    #[test]
    fn partners_are_shaded_links_and_the_rest_is_grey() {
        let svg = world_map("KAZ", &[("CHN".into(), 12.0), ("RUS".into(), 3.0), ("TUV".into(), 1.0)], "facts");
        assert!(svg.contains(r#"<a href="/pair/KAZ/CHN"><path class="country partner" data-iso="CHN""#));
        assert!(svg.contains(r#"data-iso="CHN" data-value="12" d=""#));
        assert!(svg.contains(SHADES[4]) && svg.contains(SHADES[1]), "largest darkest, a quarter lighter");
        assert_eq!(svg.matches("class=\"country home\"").count(), 1);
        assert_eq!(svg.matches("<a href").count(), 2, "Tuvalu has no outline; no link is made up");
        assert!(svg.contains("data-iso=\"USA\" d=\"") && svg.contains("#e5e7eb"));
    }
}
