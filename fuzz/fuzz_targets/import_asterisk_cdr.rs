#![no_main]
//! Fuzzes the asterisk_cdr importer: any text must parse without panicking.

use callqa_import::{encoding, parse_text, Format, ImportOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(d) = encoding::decode(data, None) {
        let _ = parse_text(
            Format::AsteriskCdr,
            "fuzz",
            &d.text,
            &ImportOptions::default(),
        );
    }
});
