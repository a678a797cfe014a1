//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use callqa_import::{import, Import, ImportOptions, Mapping, Sources};
use callqa_model::{Call, EventKind, Party};

/// `../shared/data` beside the repository, or `None` (with a message) when
/// it is absent.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")).join(sub);
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "skipping: {} is absent (real captures live in ../shared/data)",
            p.display()
        );
        None
    }
}

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures")).join(name)
}

pub fn opts(mapping: &str) -> ImportOptions {
    ImportOptions {
        mapping: Mapping::from_toml("test.toml", mapping).unwrap(),
        ..ImportOptions::default()
    }
}

pub fn run(events: &[PathBuf], transcripts: &[PathBuf], o: &ImportOptions) -> Import {
    let out = import(
        &Sources {
            events: events.to_vec(),
            transcripts: transcripts.to_vec(),
        },
        o,
    );
    for c in &out.calls {
        check_invariants(c);
    }
    out
}

/// The model's invariants for every record an importer produces.
pub fn check_invariants(c: &Call) {
    for w in c.events.windows(2) {
        assert!(
            w[0].at <= w[1].at,
            "{}: events out of order: {:?}",
            c.id,
            c.events
        );
    }
    if let Some(last) = c.events.last() {
        assert!(
            matches!(last.kind, EventKind::Hangup { .. } | EventKind::Drop),
            "{}: last event {:?}",
            c.id,
            last
        );
    }
    let mut open = false;
    for e in &c.events {
        match e.kind {
            EventKind::HoldStart => {
                assert!(!open, "{}: nested hold", c.id);
                open = true;
            }
            EventKind::HoldEnd => {
                assert!(open, "{}: hold_end without start", c.id);
                open = false;
            }
            _ => {}
        }
        assert!(e.at.is_finite() && e.at >= 0.0);
    }
    assert!(!open, "{}: unclosed hold", c.id);
    for w in c.utterances.windows(2) {
        assert!(w[0].start <= w[1].start, "{}: utterances unsorted", c.id);
    }
    for u in &c.utterances {
        assert!(u.end >= u.start, "{}: end < start", c.id);
    }
    // Round-trips through JSON.
    serde_json::to_string(c).unwrap();
}

pub fn holds(c: &Call) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let mut start = None;
    for e in &c.events {
        match e.kind {
            EventKind::HoldStart => start = Some(e.at),
            EventKind::HoldEnd => out.push((start.take().unwrap(), e.at)),
            _ => {}
        }
    }
    out
}

pub fn hangup_by(c: &Call) -> Option<Party> {
    c.events.iter().find_map(|e| match e.kind {
        EventKind::Hangup { by } => Some(by),
        _ => None,
    })
}

pub fn answered_at(c: &Call) -> Option<f64> {
    c.answered_at()
}
