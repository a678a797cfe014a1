#![no_main]
//! Fuzzes the speechkit importer: any bytes import without a panic, and every
//! call it returns passes the strict parser `callqa audit` uses (see
//! `common/import.rs`).

use callqa_import::Format;
use libfuzzer_sys::fuzz_target;

#[path = "common/import.rs"]
mod import;

fuzz_target!(|data: &[u8]| import::check(Format::Speechkit, data));
