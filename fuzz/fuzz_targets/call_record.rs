//! Fuzz target: arbitrary bytes → the call parser and the batch reader in
//! every format. Neither may panic, loop forever or use unbounded memory;
//! every error must render.
//!
//! Run with `cargo fuzz run call_record`; CI only builds it.

#![no_main]

use std::io::Cursor;

use callqa_model::{call_from_slice, read_reader, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = call_from_slice(data) {
        assert!(e.count() > 0 && !e.to_string().is_empty());
    }
    for format in [Format::Auto, Format::Json, Format::JsonLines] {
        // Each item consumes at least one byte of input.
        let items = read_reader("fuzz", Cursor::new(data.to_vec()), format);
        for item in items.take(data.len() + 1) {
            if let Err(e) = item {
                assert!(!e.to_string().is_empty());
            }
        }
    }
});
