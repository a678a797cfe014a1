//! Fuzz target: arbitrary bytes → the call parser and the batch reader in
//! every format. Neither may panic, loop forever or use unbounded memory;
//! every error must render. The hand-written reader of the common record
//! shape, wherever it reads the bytes, gives what serde's derived reader
//! gives. A call the parser accepts must pass the other
//! two modes of the timeline validator too: `validate_call` (what
//! importers are held to) and the incremental `TimelineState` (live input).
//!
//! Run with `cargo fuzz run call_record`; CI only builds it.

#![no_main]

use std::io::Cursor;

use callqa_model::parse::check_direct_reader;
use callqa_model::{call_from_slice, read_reader, validate_call, Format, TimelineState};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = check_direct_reader(data) {
        panic!("the hand-written reader disagrees with serde's: {e}");
    }
    match call_from_slice(data) {
        Err(e) => assert!(e.count() > 0 && !e.to_string().is_empty()),
        Ok(call) => {
            if let Err(e) = validate_call(&call) {
                panic!("the parser accepts what validate_call rejects: {e}");
            }
            let mut t = TimelineState::new();
            for e in &call.events {
                t.push_event(e).expect("live input accepts a parsed event");
            }
            for u in &call.utterances {
                t.push_utterance(u)
                    .expect("live input accepts a parsed utterance");
            }
            t.finish().expect("a parsed call ends");
        }
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
