#![no_main]
//! Fuzzes format recognition and then the recognised parser.

use callqa_import::{detect, encoding, parse_text, ImportOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(d) = encoding::decode(data, None) {
        if let Some(f) = detect::detect("fuzz", &d.text) {
            let _ = parse_text(f, "fuzz", &d.text, &ImportOptions::default());
        }
    }
});
