//! Exports: facts as table rows ([`rows`]: CSV cells and column types), written as Parquet
//! ([`parquet`]), and events as rows of the GDELT 2.0 event table ([`gdelt`]).

pub mod gdelt;
pub mod parquet;
pub mod rows;

pub use self::gdelt::{gdelt_rows, mention_rows, ActionGeo, Gazetteer, GDELT_COLUMNS, MENTION_COLUMNS};
pub use self::parquet::ParquetRows;
pub use self::rows::{
    claim_header, claim_row, column_type, csv_field, csv_header, csv_row, date_bounds, document_row, Col, CLAIM_COLUMNS,
};
