//! Rows of one kind of fact (cells as [`super::csv_row`] gives them) written as a Parquet file,
//! typed by [`super::column_type`]: strings, 64-bit integers for offsets, doubles for values,
//! dates for days, lists of strings for parties and persons; empty cells are nulls.
//!
//! Why: pandas, Arrow, DuckDB and Spark read Parquet with its types, so no one parses "2024-05-23"
//! or splits "KAZ;CHN" again.

use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, Date32Array, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};

use super::rows::{column_type, csv_header, Col};
use crate::StoreError;

/// Rows per record batch.
const BATCH: usize = 8192;

/// A Parquet file being written, one kind of fact.
pub struct ParquetRows<W: std::io::Write + Send> {
    writer: parquet::arrow::ArrowWriter<W>,
    schema: Arc<Schema>,
    rows: Vec<Vec<String>>,
}

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError(format!("parquet: {e}"))
}

/// Days since 1970-01-01 of "YYYY-MM-DD" (Parquet's DATE).
fn epoch_days(s: &str) -> Option<i32> {
    let mut p = s.split('-').map(|x| x.parse::<i64>().ok());
    let (y, m, d) = (p.next()??, p.next()??, p.next()??);
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i32::try_from(era * 146_097 + doe - 719_468).ok()
}

impl<W: std::io::Write + Send> ParquetRows<W> {
    /// A writer for facts of `kind` ("role", "event", "figure", "document").
    pub fn new(out: W, kind: &str) -> Result<ParquetRows<W>, StoreError> {
        ParquetRows::with_columns(out, csv_header(kind))
    }

    /// A writer for rows of these columns (typed by their names, see [`column_type`]).
    pub fn with_columns(out: W, columns: &[&str]) -> Result<ParquetRows<W>, StoreError> {
        let fields: Vec<Field> = columns
            .iter()
            .map(|name| {
                let t = match column_type(name) {
                    Col::Text => DataType::Utf8,
                    Col::Int => DataType::Int64,
                    Col::Float => DataType::Float64,
                    Col::Day => DataType::Date32,
                    Col::List => DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
                };
                Field::new(*name, t, true)
            })
            .collect();
        let schema = Arc::new(Schema::new(fields));
        let props = parquet::file::properties::WriterProperties::builder()
            .set_compression(parquet::basic::Compression::SNAPPY)
            .build();
        let writer = parquet::arrow::ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(err)?;
        Ok(ParquetRows { writer, schema, rows: Vec::new() })
    }

    /// Adds a row.
    pub fn push(&mut self, row: Vec<String>) -> Result<(), StoreError> {
        self.rows.push(row);
        if self.rows.len() >= BATCH {
            self.flush_rows()?;
        }
        Ok(())
    }

    fn flush_rows(&mut self) -> Result<(), StoreError> {
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
                    Col::Text => Arc::new(cells.collect::<StringArray>()),
                    Col::Int => Arc::new(cells.map(|c| c.and_then(|c| c.parse::<i64>().ok())).collect::<Int64Array>()),
                    Col::Float => {
                        Arc::new(cells.map(|c| c.and_then(|c| c.parse::<f64>().ok())).collect::<Float64Array>())
                    }
                    Col::Day => Arc::new(cells.map(|c| c.and_then(epoch_days)).collect::<Date32Array>()),
                    Col::List => {
                        let mut b = ListBuilder::new(StringBuilder::new());
                        for c in cells {
                            for item in c.unwrap_or("").split(';').filter(|x| !x.is_empty()) {
                                b.values().append_value(item);
                            }
                            b.append(true);
                        }
                        Arc::new(b.finish())
                    }
                };
                array
            })
            .collect();
        let batch = RecordBatch::try_new(self.schema.clone(), columns).map_err(err)?;
        self.writer.write(&batch).map_err(err)
    }

    /// Writes what is left and the file's footer.
    pub fn finish(mut self) -> Result<(), StoreError> {
        self.flush_rows()?;
        self.writer.close().map_err(err)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{Array, ListArray};

    #[test]
    fn days_since_the_epoch() {
        assert_eq!(epoch_days("1970-01-01"), Some(0));
        assert_eq!(epoch_days("2024-05-23"), Some(19_866));
        assert_eq!(epoch_days("1969-12-31"), Some(-1));
    }

    #[test]
    fn parquet_reads_back_typed_with_the_arrow_reader() {
        let path = std::env::temp_dir().join(format!("dyad-parquet-{}.parquet", std::process::id()));
        let header = csv_header("event");
        let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
        let mut w = ParquetRows::new(std::fs::File::create(&path).unwrap(), "event").unwrap();
        let mut row = vec![String::new(); header.len()];
        row[at("doc")] = "d1".into();
        row[at("from_parties")] = "CHN;KAZ;UZB".into();
        row[at("date_start")] = "2024-05-01".into();
        row[at("confidence")] = "0.9".into();
        w.push(row).unwrap();
        w.push(vec![String::new(); header.len()]).unwrap();
        w.finish().unwrap();
        let file = std::fs::File::open(&path).unwrap();
        let reader =
            parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap();
        let b = reader.map(Result::unwrap).next().unwrap();
        assert_eq!(b.num_rows(), 2);
        let from = b.column_by_name("from_parties").unwrap().as_any().downcast_ref::<ListArray>().unwrap();
        let first = from.value(0);
        let first = first.as_any().downcast_ref::<StringArray>().unwrap();
        assert_eq!((first.len(), first.value(2)), (3, "UZB"));
        let start = b.column_by_name("date_start").unwrap().as_any().downcast_ref::<Date32Array>().unwrap();
        assert_eq!(start.value(0), epoch_days("2024-05-01").unwrap());
        assert!(start.is_null(1));
        let conf = b.column_by_name("confidence").unwrap().as_any().downcast_ref::<Float64Array>().unwrap();
        assert_eq!(conf.value(0), 0.9);
        std::fs::remove_file(&path).unwrap();
    }
}
