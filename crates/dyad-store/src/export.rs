//! Exports: facts as CSV rows, and events as rows of the GDELT 2.0 event table.

use dyad_facts::Fact;

/// CSV columns for each kind of fact.
pub fn csv_header(kind: &str) -> &'static [&'static str] {
    match kind {
        "role" => &["doc", "person", "role", "of", "evidence_start", "evidence_end", "evidence", "confidence"],
        "event" => &[
            "doc",
            "type",
            "from",
            "to",
            "date",
            "persons",
            "cameo",
            "plover",
            "modality",
            "evidence_start",
            "evidence_end",
            "evidence",
            "confidence",
        ],
        "figure" => &[
            "doc",
            "metric",
            "from",
            "to",
            "value",
            "unit",
            "qualifier",
            "period",
            "change_pct",
            "compared_to",
            "evidence_start",
            "evidence_end",
            "evidence",
            "confidence",
        ],
        _ => &["doc", "published", "title", "source", "url"],
    }
}

/// One CSV row of a fact, in [`csv_header`]'s order (lists joined with `;`).
pub fn csv_row(fact: &Fact) -> Vec<String> {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    match fact {
        Fact::Role(r) => vec![
            r.doc.clone(),
            r.person.clone(),
            r.role.clone(),
            r.of.clone(),
            r.evidence.start.to_string(),
            r.evidence.end.to_string(),
            r.evidence.text.clone(),
            r.confidence.to_string(),
        ],
        Fact::Event(e) => vec![
            e.doc.clone(),
            e.kind.clone(),
            e.from.join(";"),
            e.to.join(";"),
            opt(&e.date),
            e.persons.join(";"),
            e.cameo.clone(),
            e.plover.clone(),
            opt(&e.modality),
            e.evidence.start.to_string(),
            e.evidence.end.to_string(),
            e.evidence.text.clone(),
            e.confidence.to_string(),
        ],
        Fact::Figure(f) => vec![
            f.doc.clone(),
            f.metric.clone(),
            f.from.clone(),
            f.to.clone(),
            f.value.to_string(),
            f.unit.clone(),
            f.qualifier.clone(),
            opt(&f.period),
            num(f.change_pct),
            opt(&f.compared_to),
            f.evidence.start.to_string(),
            f.evidence.end.to_string(),
            f.evidence.text.clone(),
            f.confidence.to_string(),
        ],
        Fact::Document(d) => vec![d.doc.clone(), opt(&d.published), opt(&d.title), String::new(), opt(&d.url)],
    }
}

/// One CSV row of a document, in [`csv_header`]`("document")`'s order.
pub fn document_row(d: crate::DocumentRow) -> Vec<String> {
    vec![
        d.doc,
        d.published.unwrap_or_default(),
        d.title.unwrap_or_default(),
        d.source.unwrap_or_default(),
        d.url.unwrap_or_default(),
    ]
}

/// A CSV field, quoted where it must be (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The GDELT 2.0 event table's 61 columns, in order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// CAMEO's quad class of an event code: 1 verbal cooperation, 2 material cooperation, 3 verbal
/// conflict, 4 material conflict.
fn quad_class(root: u32) -> u32 {
    match root {
        1..=5 => 1,
        6..=9 => 2,
        10..=14 => 3,
        _ => 4,
    }
}

/// The GDELT row of an event merged from `articles` articles (None for other facts). Actor 1 is
/// the first `from` party, actor 2 the first `to` party; a multilateral event gives one row per
/// pair of parties (see [`gdelt_rows`]). Dates without a day leave SQLDATE's day as 00.
pub fn gdelt_rows(id: u64, fact: &Fact, articles: usize, source_url: &str, added: &str) -> Vec<Vec<String>> {
    let Fact::Event(e) = fact else { return Vec::new() };
    let date = e.date.clone().unwrap_or_default();
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    let sqldate = format!("{:0<8}", digits);
    let year = digits.get(..4).unwrap_or("").to_string();
    let month_year = if digits.len() >= 6 { digits[..6].to_string() } else { String::new() };
    let fraction = match (year.parse::<f64>(), digits.get(4..6).and_then(|m| m.parse::<f64>().ok())) {
        (Ok(y), Some(m)) => format!("{:.4}", y + (m - 1.0) / 12.0),
        (Ok(y), None) => format!("{y:.4}"),
        _ => String::new(),
    };
    let root: u32 = e.cameo.get(..2).and_then(|r| r.parse().ok()).unwrap_or(0);
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    let (from, to): (Vec<&str>, Vec<&str>) = if e.to.is_empty() {
        // A meeting of several parties: every pair once.
        let all: Vec<&str> = e.from.iter().map(String::as_str).collect();
        (all.clone(), all)
    } else {
        (e.from.iter().map(String::as_str).collect(), e.to.iter().map(String::as_str).collect())
    };
    for a in &from {
        for b in &to {
            if a != b && !pairs.contains(&(b, a)) && !pairs.contains(&(a, b)) {
                pairs.push((a, b));
            }
        }
    }
    pairs
        .into_iter()
        .enumerate()
        .map(|(n, (a, b))| {
            let mut row = vec![String::new(); GDELT_COLUMNS.len()];
            row[0] = (id * 100 + n as u64).to_string();
            row[1] = sqldate.clone();
            row[2] = month_year.clone();
            row[3] = year.clone();
            row[4] = fraction.clone();
            row[5] = a.to_string();
            row[7] = a.to_string();
            row[15] = b.to_string();
            row[17] = b.to_string();
            row[25] = "1".into();
            row[26] = e.cameo.clone();
            row[27] = e.cameo.get(..3).unwrap_or(&e.cameo).to_string();
            row[28] = e.cameo.get(..2).unwrap_or(&e.cameo).to_string();
            row[29] = quad_class(root).to_string();
            row[31] = articles.to_string();
            row[32] = articles.to_string();
            row[33] = articles.to_string();
            row[59] = added.to_string();
            row[60] = source_url.to_string();
            row
        })
        .collect()
}

/// The type of each CSV column in Parquet.
#[derive(Clone, Copy)]
enum Col {
    Text,
    Int,
    Float,
}

fn column_type(name: &str) -> Col {
    match name {
        "evidence_start" | "evidence_end" => Col::Int,
        "value" | "change_pct" | "confidence" => Col::Float,
        _ => Col::Text,
    }
}

/// Writes rows of one kind (cells as [`csv_row`] gives them) as a Parquet file: strings, 64-bit
/// integers for offsets, doubles for values; empty cells are nulls; lists stay `;`-joined.
pub struct ParquetRows<W: std::io::Write + Send> {
    writer: parquet::arrow::ArrowWriter<W>,
    schema: std::sync::Arc<arrow_schema::Schema>,
    rows: Vec<Vec<String>>,
}

/// Rows per Parquet row group batch.
const PARQUET_BATCH: usize = 8192;

impl<W: std::io::Write + Send> ParquetRows<W> {
    /// A writer for facts of `kind` ("role", "event", "figure", "document").
    pub fn new(out: W, kind: &str) -> Result<ParquetRows<W>, crate::StoreError> {
        use arrow_schema::{DataType, Field, Schema};
        let fields: Vec<Field> = csv_header(kind)
            .iter()
            .map(|name| {
                let t = match column_type(name) {
                    Col::Text => DataType::Utf8,
                    Col::Int => DataType::Int64,
                    Col::Float => DataType::Float64,
                };
                Field::new(*name, t, true)
            })
            .collect();
        let schema = std::sync::Arc::new(Schema::new(fields));
        let props = parquet::file::properties::WriterProperties::builder()
            .set_compression(parquet::basic::Compression::SNAPPY)
            .build();
        let writer = parquet::arrow::ArrowWriter::try_new(out, schema.clone(), Some(props))
            .map_err(|e| crate::StoreError(format!("parquet: {e}")))?;
        Ok(ParquetRows { writer, schema, rows: Vec::new() })
    }

    /// Adds a row.
    pub fn push(&mut self, row: Vec<String>) -> Result<(), crate::StoreError> {
        self.rows.push(row);
        if self.rows.len() >= PARQUET_BATCH {
            self.flush_rows()?;
        }
        Ok(())
    }

    fn flush_rows(&mut self) -> Result<(), crate::StoreError> {
        use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.rows);
        let columns: Vec<ArrayRef> = self
            .schema
            .fields()
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let cells = rows.iter().map(|r| r.get(i).map(String::as_str).filter(|c| !c.is_empty()));
                let array: ArrayRef = match column_type(f.name()) {
                    Col::Text => std::sync::Arc::new(cells.collect::<StringArray>()),
                    Col::Int => std::sync::Arc::new(
                        cells.map(|c| c.and_then(|c| c.parse::<i64>().ok())).collect::<Int64Array>(),
                    ),
                    Col::Float => std::sync::Arc::new(
                        cells.map(|c| c.and_then(|c| c.parse::<f64>().ok())).collect::<Float64Array>(),
                    ),
                };
                array
            })
            .collect();
        let batch = RecordBatch::try_new(self.schema.clone(), columns)
            .map_err(|e| crate::StoreError(format!("parquet: {e}")))?;
        self.writer.write(&batch).map_err(|e| crate::StoreError(format!("parquet: {e}")))
    }

    /// Writes what is left and the file's footer.
    pub fn finish(mut self) -> Result<(), crate::StoreError> {
        self.flush_rows()?;
        self.writer.close().map_err(|e| crate::StoreError(format!("parquet: {e}")))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parquet_reads_back_with_the_arrow_reader() {
        use arrow_array::{Array, Float64Array, StringArray};
        let path = std::env::temp_dir().join(format!("dyad-parquet-{}.parquet", std::process::id()));
        let mut w = ParquetRows::new(std::fs::File::create(&path).unwrap(), "figure").unwrap();
        let row = |value: &str, period: &str| {
            let mut r = vec![String::new(); csv_header("figure").len()];
            r[0] = "d1".into();
            r[1] = "trade_turnover".into();
            r[4] = value.into();
            r[7] = period.into();
            r
        };
        w.push(row("1600000000", "2023")).unwrap();
        w.push(row("2.5", "")).unwrap();
        w.finish().unwrap();
        let file = std::fs::File::open(&path).unwrap();
        let reader =
            parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap();
        let batches: Vec<_> = reader.map(Result::unwrap).collect();
        let b = &batches[0];
        assert_eq!(b.num_rows(), 2);
        let values = b.column_by_name("value").unwrap().as_any().downcast_ref::<Float64Array>().unwrap();
        assert_eq!((values.value(0), values.value(1)), (1.6e9, 2.5));
        let periods = b.column_by_name("period").unwrap().as_any().downcast_ref::<StringArray>().unwrap();
        assert_eq!(periods.value(0), "2023");
        assert!(periods.is_null(1));
        std::fs::remove_file(&path).unwrap();
    }
}
