#![no_main]
//! Fuzzes format recognition and then the recognised importer, with the
//! same assertion as every importer target (see `common/import.rs`).

use callqa_import::{detect, encoding};
use libfuzzer_sys::fuzz_target;

#[path = "common/import.rs"]
mod import;

fuzz_target!(|data: &[u8]| {
    if let Ok(d) = encoding::decode(data, None) {
        if let Some(f) = detect::detect("fuzz", &d.text) {
            import::check(f, data);
        }
    }
});
