//! Redaction in the store changes no verdict: the examples and generated
//! calls with card numbers, phone numbers and digit runs spoken into them
//! (Russian and English) are ingested, their stored records and audits are
//! redacted, and re-scoring the stored (redacted) text gives every call
//! the same outcome on every rule and the same score as the audit of the
//! raw text. Over both store backends (PostgreSQL when
//! `CALLQA_TEST_PG_URL` is set).

mod common;

use std::collections::HashSet;

use callqa_engine::Horizon;
use callqa_model::{call_from_str, CallAudit};
use callqa_server::crosscall::{ingest, Known};
use callqa_server::{load_active, rescore};
use callqa_store::{Filter, Store};
use common::{calls_with_numbers, raw_audits, CARD, CARD_EN, CARD_RU};
use serde_json::Value;

macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[test] fn $name() { super::$name(&*super::common::sqlite(stringify!($name))); })*
        }
        mod on_postgres {
            $(#[test] fn $name() {
                if let Some(s) = super::common::postgres(stringify!($name)) { super::$name(&*s); }
            })*
        }
    };
}

both!(a_rescore_of_the_redacted_text_changes_no_verdict);

/// `(rule, outcome)` of every verdict, the score and whether it passed.
fn outcomes(a: &Value) -> (Vec<(String, String)>, Option<f64>, bool) {
    let verdicts = a["verdicts"].as_array().expect("verdicts");
    (
        verdicts
            .iter()
            .map(|v| (v["rule"].to_string(), v["outcome"].to_string()))
            .collect(),
        a["score"].as_f64(),
        a["passed"].as_bool().expect("passed"),
    )
}

fn raw(a: &CallAudit) -> Value {
    serde_json::to_value(a).expect("an audit serialises")
}

fn stored_audit(s: &dyn Store, id: &str) -> Value {
    let detail = s.get_call(id).unwrap().expect("stored");
    serde_json::from_str(&detail.audit).unwrap_or_else(|e| panic!("{id}: {e}"))
}

fn a_rescore_of_the_redacted_text_changes_no_verdict(s: &dyn Store) {
    let active = load_active(s).unwrap();
    assert!(
        active.standard.privacy().declared(),
        "the default standard has a [privacy] section"
    );
    let calls = calls_with_numbers(120);
    let ids: HashSet<&str> = calls.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), calls.len(), "call ids are unique");
    // Every window has closed by the clock: nothing stays pending.
    let known = Known::system();
    let raws = raw_audits(
        &active.standard,
        &calls,
        Horizon::until(known.now - known.grace),
    );
    ingest(s, &active, &calls, known).unwrap();

    let mut redacted = 0;
    for (call, want) in calls.iter().zip(&raws) {
        let detail = s.get_call(&call.id).unwrap().expect("stored");
        let stored = call_from_str(&detail.record).unwrap();
        if detail.record.contains("⟨card⟩") {
            redacted += 1;
        }
        for secret in [CARD, "4276 3800 1234 5679", CARD_RU, CARD_EN] {
            assert!(
                !detail.record.contains(secret) && !detail.audit.contains(secret),
                "{}: {secret:?} is stored",
                call.id
            );
        }
        // Word counts and timings are kept.
        for (u, r) in call.utterances.iter().zip(&stored.utterances) {
            assert_eq!(
                u.text.split_whitespace().count(),
                r.text.split_whitespace().count()
            );
            // (JSON keeps a time to within a rounding of its last digit.)
            assert!((u.start - r.start).abs() < 1e-9 && (u.end - r.end).abs() < 1e-9);
            assert_eq!(u.words.len(), r.words.len());
        }
        assert_eq!(
            outcomes(&stored_audit(s, &call.id)),
            outcomes(&raw(want)),
            "{}: the audit at ingest",
            call.id
        );
    }
    assert!(
        redacted >= calls.len() / 2,
        "the calls with numbers are stored redacted ({redacted} of {})",
        calls.len()
    );

    let job = s.create_job("rescore", 0).unwrap();
    let done = rescore::run(
        s,
        &active.standard,
        active.revision,
        &Filter::default(),
        job,
    )
    .unwrap();
    assert_eq!(done, calls.len() as u64);
    for (call, want) in calls.iter().zip(&raws) {
        assert_eq!(
            outcomes(&stored_audit(s, &call.id)),
            outcomes(&raw(want)),
            "{}: the re-score of the stored text",
            call.id
        );
    }
}
