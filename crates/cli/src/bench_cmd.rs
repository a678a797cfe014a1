//! `callqa bench`: generates N realistic five-minute calls (about 60
//! utterances each), then measures on one core, in the same run:
//!
//! - the floor: reading the calls from JSON Lines and tokenising every
//!   utterance (what any tool must do to look at the words);
//! - the audit: reading the same calls and applying the full standard,
//!   cross-call rules and scores included.
//!
//! It prints calls per second for both and their ratio; machines are noisy,
//! so the ratio is the figure to compare between runs, and each figure is
//! the best of `--rounds`.

use std::hint::black_box;
use std::io::Write;
use std::time::Instant;

use anyhow::{ensure, Result};
use callqa_model::{read_reader, Format};
use callqa_standard::{synth, Batch};

use crate::args::BenchArgs;
use crate::Status;

pub fn run(args: &BenchArgs) -> Result<Status> {
    ensure!(args.calls > 0, "--calls must be at least 1");
    let Some(std) = crate::standard_cmd::load(args.standard.as_deref())? else {
        return Ok(Status::BadInput);
    };
    let mut jsonl = Vec::new();
    let mut utterances = 0usize;
    for i in 0..args.calls {
        let call = synth::call(i as u64);
        utterances += call.utterances.len();
        serde_json::to_writer(&mut jsonl, &call)?;
        jsonl.push(b'\n');
    }
    let data: &'static [u8] = Box::leak(jsonl.into_boxed_slice());
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} calls, {} utterances ({:.1} per call), {:.1} MB of JSON Lines; one core, best of {}",
        args.calls,
        utterances,
        utterances as f64 / args.calls as f64,
        data.len() as f64 / 1e6,
        args.rounds.max(1)
    )?;

    let mut floor_best = f64::MAX;
    let mut audit_best = f64::MAX;
    let mut tokens = 0usize;
    let mut failed_rules = 0usize;
    for _ in 0..args.rounds.max(1) {
        let t = Instant::now();
        let mut n = 0usize;
        let mut calls = 0usize;
        for call in read_reader("bench.jsonl", data, Format::JsonLines) {
            let call = call?;
            calls += 1;
            for u in &call.utterances {
                n += callqa_text::tokenize(&u.text).count();
            }
        }
        floor_best = floor_best.min(t.elapsed().as_secs_f64());
        ensure!(
            calls == args.calls,
            "floor read {calls} calls, expected {}",
            args.calls
        );
        tokens = black_box(n);

        let t = Instant::now();
        let mut batch = Batch::new(std.clone());
        for call in read_reader("bench.jsonl", data, Format::JsonLines) {
            batch.add(&call?);
        }
        let audits = batch.finish();
        audit_best = audit_best.min(t.elapsed().as_secs_f64());
        ensure!(
            audits.len() == args.calls,
            "audit gave {} results, expected {}",
            audits.len(),
            args.calls
        );
        ensure!(
            audits.iter().all(|a| a.verdicts.len() == std.rules().len()),
            "a call is missing verdicts"
        );
        failed_rules = audits
            .iter()
            .flat_map(|a| &a.verdicts)
            .filter(|v| v.outcome == callqa_model::Outcome::Fail)
            .count();
    }
    let floor_cps = args.calls as f64 / floor_best;
    let audit_cps = args.calls as f64 / audit_best;
    writeln!(
        out,
        "floor (read + tokenise): {floor_cps:>9.0} calls/s  ({tokens} tokens)"
    )?;
    writeln!(
        out,
        "audit ({}, {} rules): {audit_cps:>9.0} calls/s  ({failed_rules} failed verdicts)",
        std.label(),
        std.rules().len()
    )?;
    writeln!(
        out,
        "audit time / floor time: {:.2}×",
        audit_best / floor_best
    )?;
    Ok(Status::Ok)
}
