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

/// One country's outline: ISO3 code, Natural Earth name, SVG path.
struct Outline {
    code: &'static str,
    name: &'static str,
    path: &'static str,
}

fn outlines() -> &'static [Outline] {
    static OUTLINES: OnceLock<Vec<Outline>> = OnceLock::new();
    OUTLINES.get_or_init(|| {
        WORLD
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|l| {
                let mut c = l.splitn(3, '\t');
                Some(Outline { code: c.next()?, name: c.next()?, path: c.next()? })
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
        }
        for c in ["KAZ", "CHN", "RUS", "USA", "UZB", "KGZ", "JPN", "KOR", "IND", "TUR"] {
            assert!(codes.contains(&c), "{c} has no outline");
        }
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
