//! The machine formats: JSON Lines (one audit output revision 2 object per
//! call, or v1 for old consumers) and one JSON document for a whole batch
//! with its summary.
//!
//! The shapes are documented on [`write_jsonl`] and [`write_json`].

use std::io::{self, Write};

use callqa_model::{CallAudit, Severity};
use serde::Serialize;

use crate::compact::to_compact;
use crate::summary::Summary;

/// The version of the [`write_json`] document: 2 since its `calls` are
/// audit output revision 2 (`json-v1` writes version 1 with v1 audits).
pub const SCHEMA_VERSION: u32 = 2;

/// The most-failed rules listed per operator in JSON and HTML.
pub(crate) const TOP_RULES: usize = 5;

/// Writes one audit as a compact JSON line and a newline.
///
/// # Format
///
/// Exactly the `Serialize` form of [`CallAudit`]: audit output revision 2
/// (`schemas/audit-output.v2.schema.json`), optional fields left out when
/// empty.
///
/// The line is written with a single `write_all`, so concurrent writers of
/// whole lines do not interleave within a line. The bytes are those of
/// `serde_json::to_vec`, made by a serializer with faster string escaping
/// (`compact.rs`) into a per-thread buffer reused from line to line.
pub fn write_jsonl<W: Write>(w: W, audit: &CallAudit) -> io::Result<()> {
    write_line(w, audit)
}

/// Writes one audit as a compact audit output v1 line
/// ([`callqa_model::V1`]) and a newline, for old consumers.
pub fn write_jsonl_v1<W: Write>(w: W, audit: &CallAudit) -> io::Result<()> {
    write_line(w, &callqa_model::V1(audit))
}

fn write_line<W: Write, T: Serialize>(mut w: W, audit: &T) -> io::Result<()> {
    thread_local! {
        static LINE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    LINE.with(|line| {
        // A writer that calls back into `write_jsonl` on this thread (no
        // real one does) gets a buffer of its own.
        let mut own = Vec::new();
        let mut shared = line.try_borrow_mut();
        let line = match shared.as_deref_mut() {
            Ok(line) => line,
            Err(_) => &mut own,
        };
        line.clear();
        to_compact(line, audit)?;
        line.push(b'\n');
        let result = w.write_all(line);
        if line.capacity() > 1 << 20 {
            *line = Vec::new();
        }
        result
    })
}

/// Writes the whole batch as one JSON document, followed by a newline.
///
/// # Format
///
/// One pretty-printed object:
///
/// ```json
/// {
///   "schema_version": 2,
///   "calls": [ {audit output revision 2}, … ],
///   "summary": {
///     "calls": 3,
///     "passed": 2,
///     "failed": 1,
///     "not_scored": 0,
///     "mean_score": 78.2,
///     "rules": [
///       {"rule": "hold.thanks", "severity": "major",
///        "pass": 0, "fail": 2, "n/a": 1, "fail_rate": 1.0}
///     ],
///     "operators": [
///       {"operator": "op-3", "calls": 1, "mean_score": 50.0, "failed": 1,
///        "most_failed_rules": [{"rule": "greeting.company", "fail": 1}]}
///     ]
///   }
/// }
/// ```
///
/// - `mean_score` (batch and operator) is rounded to one decimal like
///   `score`; `null` when no call was scored. Calls with no score
///   (`not_scored`) are out of `passed`, `failed` and the means.
/// - `rules` lists every rule seen, most failures first, then by id;
///   `severity` is that of the rule's first verdict. `fail_rate` is
///   `fail / (pass + fail)` between 0 and 1, rounded to four decimals, and
///   `null` when the rule never applied.
/// - `operators` is ordered by operator id; `operator` is `null` for calls
///   whose audit names none. `failed` counts calls that did not pass;
///   `most_failed_rules` lists up to 5 rules, most failures first.
///
/// Like the audit output, this shape only ever gains fields; a change that
/// is not an addition bumps `schema_version`.
pub fn write_json<W: Write>(mut w: W, audits: &[CallAudit], summary: &Summary) -> io::Result<()> {
    let doc = Document {
        schema_version: SCHEMA_VERSION,
        calls: audits,
        summary: SummaryJson::new(summary),
    };
    serde_json::to_writer_pretty(&mut w, &doc).map_err(io::Error::from)?;
    w.write_all(b"\n")
}

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    calls: &'a [CallAudit],
    summary: SummaryJson<'a>,
}

#[derive(Serialize)]
pub(crate) struct SummaryJson<'a> {
    calls: usize,
    passed: usize,
    failed: usize,
    not_scored: usize,
    mean_score: Option<f64>,
    rules: Vec<RuleJson<'a>>,
    operators: Vec<OperatorJson<'a>>,
}

#[derive(Serialize)]
struct RuleJson<'a> {
    rule: &'a str,
    severity: Severity,
    pass: usize,
    fail: usize,
    #[serde(rename = "n/a")]
    not_applicable: usize,
    fail_rate: Option<f64>,
}

#[derive(Serialize)]
struct OperatorJson<'a> {
    operator: Option<&'a str>,
    calls: usize,
    mean_score: Option<f64>,
    failed: usize,
    most_failed_rules: Vec<RuleFails<'a>>,
}

#[derive(Serialize)]
struct RuleFails<'a> {
    rule: &'a str,
    fail: usize,
}

impl<'a> SummaryJson<'a> {
    pub(crate) fn new(s: &'a Summary) -> Self {
        SummaryJson {
            calls: s.calls(),
            passed: s.passed(),
            failed: s.failed(),
            not_scored: s.not_scored(),
            mean_score: s.mean_score().map(|m| round(m, 1)),
            rules: s
                .rules()
                .into_iter()
                .map(|r| RuleJson {
                    rule: &r.rule,
                    severity: r.severity,
                    pass: r.pass,
                    fail: r.fail,
                    not_applicable: r.not_applicable,
                    fail_rate: r.fail_rate().map(|f| round(f, 4)),
                })
                .collect(),
            operators: s
                .operators()
                .map(|o| OperatorJson {
                    operator: o.operator.as_deref(),
                    calls: o.calls,
                    mean_score: o.mean_score().map(|m| round(m, 1)),
                    failed: o.failed,
                    most_failed_rules: o
                        .most_failed_rules(TOP_RULES)
                        .into_iter()
                        .map(|(rule, fail)| RuleFails { rule, fail })
                        .collect(),
                })
                .collect(),
        }
    }
}

fn round(x: f64, decimals: i32) -> f64 {
    let k = 10f64.powi(decimals);
    (x * k).round() / k
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{audits, spec_call};
    use serde_json::{json, Value};

    #[test]
    fn jsonl_golden() {
        let mut out = Vec::new();
        write_jsonl(&mut out, &spec_call()).unwrap();
        let expected = concat!(
            r#"{"call":"2026-03-02-000117","standard":"ru-default@1","score":84.6,"raw_score":84.6,"passed":true,"sections":{},"operator":"op-17","duration":0.0,"talk_time":null,"verdicts":["#,
            r#"{"rule":"greeting.company","outcome":"pass","severity":"critical","weight":10.0,"evidence":[{"kind":"quote","speaker":"operator","start":10.1,"end":13.1,"quote":"компания «Ромашка»"}]},"#,
            r#"{"rule":"hold.thanks","outcome":"fail","severity":"major","weight":10.0,"message":"after the hold that ended at 1:35 the operator's first words were «Так, смотрите» — no thanks for waiting","evidence":[{"kind":"quote","speaker":"operator","start":96.0,"end":99.0,"quote":"Так, смотрите"}]},"#,
            r#"{"rule":"outbound.time_check","outcome":"n/a","severity":"minor","weight":5.0,"reason":"inbound call"}]}"#,
            "\n"
        );
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn jsonl_v1_golden() {
        let mut out = Vec::new();
        write_jsonl_v1(&mut out, &spec_call()).unwrap();
        let expected = concat!(
            r#"{"call":"2026-03-02-000117","standard":"ru-default@1","score":84.6,"passed":true,"operator":"op-17","verdicts":["#,
            r#"{"rule":"greeting.company","outcome":"pass","severity":"critical","weight":10.0,"evidence":[{"speaker":"operator","start":10.1,"end":13.1,"quote":"компания «Ромашка»"}]},"#,
            r#"{"rule":"hold.thanks","outcome":"fail","severity":"major","weight":10.0,"message":"after the hold that ended at 1:35 the operator's first words were «Так, смотрите» — no thanks for waiting","evidence":[{"speaker":"operator","start":96.0,"end":99.0,"quote":"Так, смотрите"}]},"#,
            r#"{"rule":"outbound.time_check","outcome":"n/a","severity":"minor","weight":5.0,"reason":"inbound call"}]}"#,
            "\n"
        );
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn jsonl_is_one_line_per_call() {
        let mut out = Vec::new();
        for a in &audits() {
            write_jsonl(&mut out, a).unwrap();
        }
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        for (line, a) in lines.iter().zip(audits()) {
            let v: Value = serde_json::from_str(line).unwrap();
            assert_eq!(v, serde_json::to_value(&a).unwrap());
        }
    }

    #[test]
    fn json_document_shape() {
        let audits = audits();
        let mut summary = Summary::new();
        audits.iter().for_each(|a| summary.add(a));
        let mut out = Vec::new();
        write_json(&mut out, &audits, &summary).unwrap();
        assert!(out.ends_with(b"}\n"));
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["schema_version"], 2);
        assert_eq!(v["calls"], serde_json::to_value(&audits).unwrap());
        assert_eq!(
            v["summary"],
            json!({
                "calls": 3, "passed": 2, "failed": 1, "not_scored": 0, "mean_score": 78.2,
                "rules": [
                    {"rule": "hold.thanks", "severity": "major",
                     "pass": 0, "fail": 2, "n/a": 1, "fail_rate": 1.0},
                    {"rule": "greeting.company", "severity": "critical",
                     "pass": 2, "fail": 1, "n/a": 0, "fail_rate": 0.3333},
                    {"rule": "outbound.time_check", "severity": "minor",
                     "pass": 0, "fail": 0, "n/a": 3, "fail_rate": null},
                ],
                "operators": [
                    {"operator": "op-17", "calls": 2, "mean_score": 92.3, "failed": 0,
                     "most_failed_rules": [{"rule": "hold.thanks", "fail": 1}]},
                    {"operator": "op-3", "calls": 1, "mean_score": 50.0, "failed": 1,
                     "most_failed_rules": [
                        {"rule": "greeting.company", "fail": 1},
                        {"rule": "hold.thanks", "fail": 1}]},
                ],
            })
        );
    }

    #[test]
    fn empty_batch() {
        let mut out = Vec::new();
        write_json(&mut out, &[], &Summary::new()).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["calls"], json!([]));
        assert_eq!(v["summary"]["mean_score"], Value::Null);
        assert_eq!(v["summary"]["rules"], json!([]));
    }

    #[test]
    fn write_errors_keep_their_kind() {
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let err = write_jsonl(Broken, &spec_call()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        let err = write_json(Broken, &[spec_call()], &Summary::new()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
    }
}
