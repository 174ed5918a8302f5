//! Query results as a table on a terminal, or as CSV.

use std::io::{self, Write};

/// Rows under a header.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// Longest cell shown in a terminal table; longer ones end in "…".
const MAX_CELL: usize = 72;

impl Table {
    /// An empty table with these columns.
    pub fn new(header: &[&str]) -> Table {
        Table { header: header.iter().map(|h| h.to_string()).collect(), rows: Vec::new() }
    }

    /// Adds a row (as many cells as columns).
    pub fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.header.len());
        self.rows.push(cells);
    }

    /// Whether it has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Aligned columns, long cells cut.
    pub fn write_text(&self, out: &mut impl Write) -> io::Result<()> {
        let cut = |s: &str| -> String {
            let one_line = s.replace(['\n', '\r', '\t'], " ");
            if one_line.chars().count() > MAX_CELL {
                one_line.chars().take(MAX_CELL - 1).chain(std::iter::once('…')).collect()
            } else {
                one_line
            }
        };
        let cells: Vec<Vec<String>> = self.rows.iter().map(|r| r.iter().map(|c| cut(c)).collect()).collect();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for r in &cells {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        let line = |out: &mut dyn Write, r: &[String]| -> io::Result<()> {
            let mut s = String::new();
            for (i, (c, w)) in r.iter().zip(&widths).enumerate() {
                if i + 1 == r.len() {
                    s.push_str(c);
                } else {
                    s.push_str(c);
                    s.push_str(&" ".repeat(w - c.chars().count() + 2));
                }
            }
            writeln!(out, "{}", s.trim_end())
        };
        line(out, &self.header)?;
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(out, &rule)?;
        for r in &cells {
            line(out, r)?;
        }
        Ok(())
    }

    /// RFC 4180 CSV, header first.
    pub fn write_csv(&self, out: &mut impl Write) -> io::Result<()> {
        for r in std::iter::once(&self.header).chain(&self.rows) {
            let cells: Vec<String> = r.iter().map(|c| dyad_store::export::csv_field(c)).collect();
            writeln!(out, "{}", cells.join(","))?;
        }
        Ok(())
    }
}

/// A value as a reader takes it in: "1.6 bn", "643.8 mn", "15,000".
pub fn human(value: f64) -> String {
    let a = value.abs();
    let (v, unit) = if a >= 1e12 {
        (value / 1e12, " tn")
    } else if a >= 1e9 {
        (value / 1e9, " bn")
    } else if a >= 1e6 {
        (value / 1e6, " mn")
    } else {
        return group_thousands(value);
    };
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}{unit}")
}

fn group_thousands(value: f64) -> String {
    if value.fract() != 0.0 {
        return format!("{value:.2}");
    }
    let digits = format!("{}", value.abs() as u64);
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if value < 0.0 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_an_analyst_writes_them() {
        assert_eq!(human(1.6e9), "1.6 bn");
        assert_eq!(human(643.8e6), "643.8 mn");
        assert_eq!(human(15_000.0), "15,000");
        assert_eq!(human(3.2e12), "3.2 tn");
        assert_eq!(human(12.5), "12.50");
    }

    #[test]
    fn text_tables_align_and_cut_and_csv_quotes() {
        let mut t = Table::new(&["a", "long header"]);
        t.row(vec!["x".into(), "y, \"z\"".into()]);
        t.row(vec!["much longer".into(), "w".repeat(100)]);
        let mut text = Vec::new();
        t.write_text(&mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "a            long header");
        assert!(lines[3].ends_with('…') && lines[3].chars().count() == 13 + MAX_CELL);
        let mut csv = Vec::new();
        t.write_csv(&mut csv).unwrap();
        assert!(String::from_utf8(csv).unwrap().contains("x,\"y, \"\"z\"\"\"\n"));
    }
}
