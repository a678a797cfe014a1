//! Running a standard's `[[test]]` cases: each case's calls are audited
//! together (so cross-call rules see one another), and every expected
//! outcome is compared with the verdict the engine gave.

use std::path::Path;
use std::sync::Arc;

use callqa_engine::{Batch, Standard, TestCallSource, TestCase};
use callqa_model::{Call, CallAudit, Verdict};

/// One expected outcome that came out otherwise.
#[derive(Clone, Debug, PartialEq)]
pub struct Mismatch {
    /// The call the verdict is about.
    pub call: String,
    /// The rule.
    pub rule: String,
    /// What the case expects: `pass`, `fail` or `n/a`.
    pub expected: String,
    /// What the engine said (`pass`, `fail`, `n/a`, or `missing`).
    pub got: String,
    /// The failure message or the `n/a` reason.
    pub message: Option<String>,
    /// The evidence of the verdict: `[12.3 s operator] «…»`.
    pub evidence: Vec<String>,
}

/// The result of one test case.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseResult {
    /// The case's id.
    pub id: String,
    /// How many outcomes were checked.
    pub checked: usize,
    /// Those that came out otherwise.
    pub mismatches: Vec<Mismatch>,
    /// Why the case could not run (a call record that does not load).
    pub error: Option<String>,
}

impl CaseResult {
    /// Whether every expected outcome came out.
    pub fn passed(&self) -> bool {
        self.error.is_none() && self.mismatches.is_empty()
    }
}

/// Runs every test case of `std`. Paths of call records are relative to
/// `base` (the standard file's folder).
pub fn run_tests(std: &Arc<Standard>, base: &Path) -> Vec<CaseResult> {
    std.test_cases()
        .iter()
        .map(|case| run_case(std, case, base))
        .collect()
}

fn load(source: &TestCallSource, base: &Path) -> Result<Call, String> {
    match source {
        TestCallSource::Inline(call) => Ok((**call).clone()),
        TestCallSource::Path(p) => {
            let path = base.join(p);
            let bytes = std::fs::read(&path)
                .map_err(|e| format!("cannot read call record {}: {e}", path.display()))?;
            callqa_model::call_from_slice(&bytes)
                .map_err(|e| format!("call record {}: {e}", path.display()))
        }
    }
}

fn run_case(std: &Arc<Standard>, case: &TestCase, base: &Path) -> CaseResult {
    let mut result = CaseResult {
        id: case.id.clone(),
        checked: 0,
        mismatches: Vec::new(),
        error: None,
    };
    let mut calls = Vec::with_capacity(case.calls.len());
    for c in &case.calls {
        match load(&c.source, base) {
            Ok(call) => calls.push(call),
            Err(e) => {
                result.error = Some(e);
                return result;
            }
        }
    }
    let mut batch = Batch::new(std.clone());
    for call in &calls {
        batch.add(call);
    }
    let audits = batch.finish();
    let last = case.calls.len().saturating_sub(1);
    for (i, (c, audit)) in case.calls.iter().zip(&audits).enumerate() {
        let case_expect = if i == last { &case.expect[..] } else { &[] };
        for (rule, expected) in c.expect.iter().chain(case_expect) {
            result.checked += 1;
            if let Some(m) = compare(audit, rule, expected) {
                result.mismatches.push(m);
            }
        }
    }
    result
}

fn compare(audit: &CallAudit, rule: &str, expected: &str) -> Option<Mismatch> {
    let verdict: Option<&Verdict> = audit.verdicts.iter().find(|v| v.rule == rule);
    let got = verdict.map(|v| v.outcome.as_str()).unwrap_or("missing");
    if got == expected {
        return None;
    }
    Some(Mismatch {
        call: audit.call.clone(),
        rule: rule.to_string(),
        expected: expected.to_string(),
        got: got.to_string(),
        message: verdict.and_then(|v| v.message.clone().or_else(|| v.reason.clone())),
        evidence: verdict
            .map(|v| {
                v.evidence
                    .iter()
                    .map(|e| {
                        let who = e
                            .speaker
                            .map(|p| format!(" {}", p.as_str()))
                            .unwrap_or_default();
                        format!("[{:.1} s{who}] «{}»", e.start, e.quote)
                    })
                    .collect()
            })
            .unwrap_or_default(),
    })
}
