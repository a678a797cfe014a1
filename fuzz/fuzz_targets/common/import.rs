//! What every importer fuzz target asserts: any bytes import without a
//! panic, every problem renders, and every call the import returns, written
//! as `callqa import` writes it, is accepted by the strict parser that
//! `callqa audit` uses (an importer never writes what audit rejects).

use callqa_import::{encoding, import_text, Format, ImportOptions};

pub fn check(format: Format, data: &[u8]) {
    let Ok(decoded) = encoding::decode(data, None) else {
        return;
    };
    let out = import_text(format, "fuzz", &decoded.text, &ImportOptions::default());
    for p in &out.problems {
        assert!(!p.to_string().is_empty());
    }
    for call in &out.calls {
        let line = serde_json::to_string(call).expect("an imported call serialises");
        if let Err(e) = callqa_model::call_from_str(&line) {
            panic!("audit rejects an imported call: {e}\n{line}");
        }
    }
}
