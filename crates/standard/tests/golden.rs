//! Golden test: the built-in default standard on `examples/`, against the
//! verdicts written by hand from the rule catalog in
//! `examples/expected.toml` (not generated from the engine's output).

use std::collections::BTreeMap;
use std::path::PathBuf;

use callqa_model::{read_inputs, Outcome};
use callqa_standard::Batch;
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    call: Vec<ExpectedCall>,
}

#[derive(Deserialize)]
struct ExpectedCall {
    id: String,
    passed: bool,
    /// The score (audit output revision 2); absent = no rule applied
    /// (`score` null).
    score: Option<f64>,
    verdicts: BTreeMap<String, String>,
}

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

#[test]
fn default_standard_decides_the_examples_as_the_catalog_says() {
    let text = std::fs::read_to_string(examples().join("expected.toml")).unwrap();
    let expected: Expected = toml::from_str(&text).unwrap();
    let std = callqa_standard::builtin();
    let mut batch = Batch::new(std.clone());
    let mut ids = Vec::new();
    for call in read_inputs(&[examples()]) {
        let call = call.expect("every example is a valid call record");
        ids.push(call.id.clone());
        batch.add(&call);
    }
    let audits = batch.finish();
    assert!(
        audits.len() >= 12,
        "at least 12 example calls, got {}",
        audits.len()
    );
    let mut problems = Vec::new();
    for exp in &expected.call {
        let Some(audit) = audits.iter().find(|a| a.call == exp.id) else {
            problems.push(format!("{}: no such call in examples/", exp.id));
            continue;
        };
        if audit.passed != exp.passed {
            problems.push(format!(
                "{}: passed = {}, expected {}",
                exp.id, audit.passed, exp.passed
            ));
        }
        if audit.score != exp.score {
            problems.push(format!(
                "{}: score = {:?}, expected {:?}",
                exp.id, audit.score, exp.score
            ));
        }
        assert_eq!(
            audit.verdicts.len(),
            std.rules().len() + std.manual_items().len(),
            "{}: one verdict per rule and per manual item",
            exp.id
        );
        for v in &audit.verdicts {
            if v.manual {
                assert_eq!(v.outcome, Outcome::NotApplicable, "{}: unmarked", v.rule);
                continue;
            }
            let want = exp
                .verdicts
                .get(&v.rule)
                .map(String::as_str)
                .unwrap_or("<missing>");
            if v.outcome.as_str() != want {
                let why = v.message.as_deref().or(v.reason.as_deref()).unwrap_or("");
                problems.push(format!(
                    "{} {}: got {}, expected {want} ({why})",
                    exp.id,
                    v.rule,
                    v.outcome.as_str()
                ));
            }
            if v.outcome == Outcome::Fail {
                assert!(
                    v.message.is_some(),
                    "{} {}: a failure carries a message",
                    exp.id,
                    v.rule
                );
            }
        }
    }
    for id in &ids {
        assert!(
            expected.call.iter().any(|e| &e.id == id),
            "{id}: example without expectations"
        );
    }
    assert!(
        problems.is_empty(),
        "{} mismatches:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
