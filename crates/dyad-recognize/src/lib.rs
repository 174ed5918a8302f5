//! Recognizers and normalizers for the quantities of news about international relations:
//! calendar dates, time expressions and periods ([`time`]), numbers ([`number`]) and amounts of
//! money, percentages and counts ([`amount`]), units named without a value ([`unit_words`]), each found with a byte span and resolved to the
//! forms of facts JSONL v1.
//!
//! ```
//! use dyad_recognize::date::{parse_date_prefix, Date};
//! let m = parse_date_prefix("25 December 2017, Astana").unwrap();
//! assert_eq!(m.date, Date::new(2017, 12, 25).unwrap());
//! assert_eq!(m.len, "25 December 2017".len());
//! ```
#![warn(missing_docs)]

pub mod amount;
pub mod date;
pub mod fasthash;
pub mod number;
pub mod time;
pub mod token;
pub mod unit_words;

pub use date::Date;
