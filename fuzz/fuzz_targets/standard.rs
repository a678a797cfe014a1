//! Fuzzes reading a standard file: arbitrary bytes, taken as UTF-8 text,
//! through `callqa_standard::from_toml` (TOML parsing, validation with spans,
//! compilation of phrase books). It must never panic, and every error must
//! render (`file:line:column` positions inside the text).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match callqa_standard::from_toml("fuzz.toml", text) {
        Ok(std) => {
            let _ = std.label();
        }
        Err(e) => {
            let shown = e.to_string();
            assert!(shown.starts_with("fuzz.toml"), "{shown}");
        }
    }
});
