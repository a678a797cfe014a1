//! Fuzz target: random standards evaluated on random calls. The bytes
//! decode (`common/draw.rs`) into a standard file valid by construction —
//! rules of every check type with random parameters, windows, applicability
//! and phrase sets with every kind of entry (`common/gen_standard.rs`) —
//! and a few valid call records linked by client (`common/gen_calls.rs`).
//!
//! Asserts: the front end compiles the standard; nothing panics; every
//! audit has one verdict per rule, a score in 0..=100, a message on every
//! fail, a reason on every n/a, and evidence inside the call; the batch
//! audit of the calls together gives each call the verdicts of its own
//! audit on every per-call rule; the live hub, fed the calls' protocol
//! lines interleaved (version 1 lines or growing segments), reports no
//! error, early verdicts with the outcomes of the batch audit, and at `end`
//! exactly the batch audit. Then a corrupted copy of the standard: loading
//! it must not panic, its errors must render, and when it still loads the
//! calls are audited again.
//!
//! Run with `fuzz/run-all.sh 600 evaluate`; CI only builds it. With
//! `CALLQA_FUZZ_SHOW=1` set, a run on one input prints the standard and the
//! calls it decodes to.

#![no_main]

#[path = "common/draw.rs"]
mod draw;
#[path = "common/gen_calls.rs"]
mod gen_calls;
#[path = "common/gen_standard.rs"]
mod gen_standard;
#[path = "common/lexicon.rs"]
mod lexicon;

use std::sync::Arc;

use callqa_engine::live::{Hub, Out};
use callqa_model::{Call, CallAudit, Outcome};
use callqa_standard::{Batch, Standard};
use draw::Draw;
use libfuzzer_sys::fuzz_target;

/// Slack for times that went through JSON text.
const EPS: f64 = 1e-6;

fn check_audit(std: &Standard, call: &Call, a: &CallAudit) {
    assert_eq!(a.call, call.id);
    assert_eq!(a.verdicts.len(), std.rules().len(), "one verdict per rule");
    let in_range = |s: Option<f64>| s.is_none_or(|s| s.is_finite() && (0.0..=100.0).contains(&s));
    assert!(in_range(a.score), "score {:?} out of range", a.score);
    assert!(
        in_range(a.raw_score),
        "raw score {:?} out of range",
        a.raw_score
    );
    // A call no rule applied to has no score, and one with a score had
    // something applicable.
    let applied = a
        .verdicts
        .iter()
        .any(|v| v.outcome != Outcome::NotApplicable);
    assert!(
        a.score.is_none() || applied,
        "a score with nothing applicable"
    );
    let end = call.ended_at();
    for (v, rule) in a.verdicts.iter().zip(std.rules()) {
        assert_eq!(v.rule, rule.id, "verdicts in rule order");
        assert!(v.weight.is_finite() && v.weight >= 0.0);
        match v.outcome {
            Outcome::Fail => assert!(v.message.is_some(), "{}: fail without a message", v.rule),
            Outcome::NotApplicable => {
                assert!(v.reason.is_some(), "{}: n/a without a reason", v.rule)
            }
            Outcome::Pass => {}
        }
        for e in &v.evidence {
            assert!(
                e.start.is_finite()
                    && e.end.is_finite()
                    && e.start >= -EPS
                    && e.start <= e.end + EPS
                    && e.end <= end + EPS,
                "{}: evidence {}..{} outside the call 0..{end}: {:?}",
                v.rule,
                e.start,
                e.end,
                e.quote
            );
        }
    }
}

/// Per-call rules (not the cross-call ones) give the same verdicts alone
/// and in a batch.
fn same_per_call(std: &Standard, alone: &CallAudit, batch: &CallAudit) {
    for ((a, b), rule) in alone.verdicts.iter().zip(&batch.verdicts).zip(std.rules()) {
        if !rule.check.signals().history {
            assert_eq!(a, b, "rule {} alone and in the batch", rule.id);
        }
    }
}

/// The calls' live lines, interleaved by the fuzz bytes; each call's lines
/// stay in order.
fn interleave(d: &mut Draw, streams: Vec<Vec<String>>) -> Vec<String> {
    let mut next = vec![0usize; streams.len()];
    let mut out = Vec::new();
    loop {
        let open: Vec<usize> = (0..streams.len())
            .filter(|&i| next[i] < streams[i].len())
            .collect();
        if open.is_empty() {
            return out;
        }
        let i = open[d.n(0, open.len() as u32 - 1) as usize];
        out.push(streams[i][next[i]].clone());
        next[i] += 1;
    }
}

fn live(std: &Arc<Standard>, d: &mut Draw, calls: &[serde_json::Value], alone: &[CallAudit]) {
    let segments = d.flag();
    let streams = calls
        .iter()
        .map(|c| gen_calls::live_lines(c, segments))
        .collect();
    let lines = interleave(d, streams);
    let mut hub = Hub::new(std.clone());
    let mut out = Vec::new();
    for l in &lines {
        if let Err(e) = hub.push_line(l.as_bytes(), &mut out) {
            panic!("the hub refuses a valid line: {e}\n{l}");
        }
    }
    assert_eq!(hub.open_calls(), 0);
    let mut audits = 0;
    for m in &out {
        match m {
            Out::Error { .. } => panic!("live error on valid lines: {m:?}"),
            Out::Verdict { call, data, .. } => {
                let want = alone
                    .iter()
                    .find(|a| &a.call == call)
                    .and_then(|a| a.verdicts.iter().find(|v| v.rule == data.rule))
                    .expect("an early verdict of a known call and rule");
                assert_eq!(
                    data.outcome, want.outcome,
                    "rule {} decided early on {call}",
                    data.rule
                );
            }
            Out::Audit { call, data } => {
                audits += 1;
                let want = alone.iter().find(|a| &a.call == call).expect("known call");
                let (got, want) = (
                    serde_json::to_string(data).unwrap(),
                    serde_json::to_string(want).unwrap(),
                );
                assert_eq!(got, want, "live and batch audits of {call}");
            }
            _ => {}
        }
    }
    assert_eq!(audits, calls.len(), "one audit per call");
}

fn audit_all(std: &Arc<Standard>, calls: &[Call]) -> Vec<CallAudit> {
    let alone: Vec<CallAudit> = calls.iter().map(|c| std.audit_call(c)).collect();
    for (c, a) in calls.iter().zip(&alone) {
        check_audit(std, c, a);
    }
    let mut batch = Batch::new(std.clone());
    for c in calls {
        batch.add(c);
    }
    let together = batch.finish();
    assert_eq!(together.len(), calls.len());
    for b in &together {
        let i = calls
            .iter()
            .position(|c| c.id == b.call)
            .expect("known call");
        check_audit(std, &calls[i], b);
        same_per_call(std, &alone[i], b);
    }
    alone
}

/// A copy of `text` with one line replaced, dropped or doubled, or cut.
fn corrupt(d: &mut Draw, text: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let i = d.n(0, lines.len() as u32 - 1) as usize;
    match d.n(0, 4) {
        0 => lines[i] = d.raw(40),
        1 => {
            lines.remove(i);
        }
        2 => {
            let l = lines[i].clone();
            lines.insert(i, l);
        }
        3 => {
            let cut: String = lines[i].chars().take(d.n(0, 30) as usize).collect();
            lines[i] = format!("{cut}{}", d.raw(8));
        }
        _ => lines.truncate(i),
    }
    lines.join("\n")
}

fuzz_target!(|data: &[u8]| {
    let mut d = Draw::new(data);
    let (toml, _) = gen_standard::standard(&mut d);
    let std = match callqa_standard::from_toml("fuzz.toml", &toml) {
        Ok(s) => s,
        Err(e) => panic!("a valid standard is refused:\n{e}\n--- file ---\n{toml}"),
    };
    let values: Vec<serde_json::Value> = (0..d.n(1, 4) as usize)
        .map(|i| gen_calls::call(&mut d, i))
        .collect();
    let calls: Vec<Call> = values
        .iter()
        .map(|v| {
            let text = v.to_string();
            callqa_model::call_from_str(&text)
                .unwrap_or_else(|e| panic!("a valid call is refused: {e}\n{text}"))
        })
        .collect();
    if std::env::var_os("CALLQA_FUZZ_SHOW").is_some() {
        // To read a crash: CALLQA_FUZZ_SHOW=1 …/evaluate artifacts/evaluate/crash-…
        eprintln!("{toml}");
        for v in &values {
            eprintln!("{v}");
        }
    }
    let alone = audit_all(&std, &calls);
    live(&std, &mut d, &values, &alone);

    let bad = corrupt(&mut d, &toml);
    match callqa_standard::from_toml("fuzz.toml", &bad) {
        Ok(s) => {
            audit_all(&s, &calls);
        }
        Err(e) => {
            let shown = e.to_string();
            assert!(shown.starts_with("fuzz.toml"), "{shown}");
        }
    }
});
