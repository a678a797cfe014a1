//! A [`StandardDiff`] and a [`CallsDiff`] as text for a QA manager or as
//! JSON for a script.

use std::fmt::Write;

use serde_json::{json, Value};

use crate::diff::{CallsDiff, Change, StandardDiff};

fn value(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("(none)")
}

fn change(c: &Change) -> String {
    format!("{}: {} → {}", c.field, value(&c.old), value(&c.new))
}

/// The diff as text, with the calls' part when there is one.
pub fn diff_text(d: &StandardDiff, calls: Option<&CallsDiff>) -> String {
    let mut out = String::new();
    writeln!(out, "{} → {}", d.labels.0, d.labels.1).ok();
    if d.is_empty() {
        writeln!(out, "no differences in rules, phrases or settings").ok();
    }
    if !d.header.is_empty() {
        writeln!(out, "\nstandard:").ok();
        for c in &d.header {
            writeln!(out, "  {}", change(c)).ok();
        }
    }
    if !d.rules.is_empty() {
        writeln!(out, "\nrules:").ok();
        for r in &d.rules {
            writeln!(out, "  {} {}", r.id, r.status.as_str()).ok();
            for c in &r.changes {
                writeln!(out, "    {}", change(c)).ok();
            }
        }
    }
    if !d.phrases.is_empty() {
        writeln!(out, "\nphrases:").ok();
        for s in &d.phrases {
            writeln!(out, "  {} {}", s.set, s.status).ok();
            if let Some(c) = &s.description {
                writeln!(out, "    {}", change(c)).ok();
            }
            for (l, e) in &s.added {
                writeln!(out, "    + {} «{e}»", l.as_str()).ok();
            }
            for (l, e) in &s.removed {
                writeln!(out, "    - {} «{e}»", l.as_str()).ok();
            }
        }
    }
    if !d.tables.is_empty() {
        writeln!(out, "\nsections, manual items and test cases:").ok();
        for c in &d.tables {
            let what = match (&c.old, &c.new) {
                (None, _) => "added",
                (_, None) => "removed",
                _ => "changed",
            };
            writeln!(out, "  {} {what}", c.field).ok();
        }
    }
    if let Some(c) = calls {
        writeln!(out, "\ncalls:").ok();
        let mut last = "";
        for v in &c.verdicts {
            if v.call != last {
                writeln!(out, "  {}", v.call).ok();
                last = &v.call;
            }
            let why = v
                .why
                .as_deref()
                .map(|w| format!(" — {w}"))
                .unwrap_or_default();
            writeln!(out, "    {}: {} → {}{why}", v.rule, v.old, v.new).ok();
        }
        for s in &c.scores {
            let pass = |p: bool| if p { "passed" } else { "failed" };
            let score =
                |v: Option<f64>| v.map_or_else(|| "not scored".to_string(), |v| v.to_string());
            writeln!(
                out,
                "  {}: score {} → {} ({} → {})",
                s.call,
                score(s.old.0),
                score(s.new.0),
                pass(s.old.1),
                pass(s.new.1)
            )
            .ok();
        }
        let changed_calls = {
            let mut ids: Vec<&str> = c.verdicts.iter().map(|v| v.call.as_str()).collect();
            ids.dedup();
            ids.len()
        };
        let n =
            |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
        writeln!(
            out,
            "\n{}, {} changed on {}, mean score {:.1} → {:.1}, passed {} → {}",
            n(c.calls, "call", "calls"),
            n(c.verdicts.len(), "verdict", "verdicts"),
            n(changed_calls, "call", "calls"),
            c.mean.0,
            c.mean.1,
            c.passed.0,
            c.passed.1
        )
        .ok();
    }
    out
}

fn change_json(c: &Change) -> Value {
    json!({"field": c.field, "old": c.old, "new": c.new})
}

/// The diff as one JSON object.
pub fn diff_json(d: &StandardDiff, calls: Option<&CallsDiff>) -> Value {
    let mut v = json!({
        "old": d.labels.0,
        "new": d.labels.1,
        "standard": d.header.iter().map(change_json).collect::<Vec<_>>(),
        "tables": d.tables.iter().map(change_json).collect::<Vec<_>>(),
        "rules": d.rules.iter().map(|r| json!({
            "id": r.id,
            "status": r.status.as_str(),
            "changes": r.changes.iter().map(change_json).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "phrases": d.phrases.iter().map(|s| json!({
            "set": s.set,
            "status": s.status,
            "added": s.added.iter().map(|(l, e)| json!({"lang": l.as_str(), "entry": e})).collect::<Vec<_>>(),
            "removed": s.removed.iter().map(|(l, e)| json!({"lang": l.as_str(), "entry": e})).collect::<Vec<_>>(),
            "description": s.description.as_ref().map(change_json),
        })).collect::<Vec<_>>(),
    });
    if let Some(c) = calls {
        v["calls"] = json!({
            "calls": c.calls,
            "verdicts_changed": c.verdicts.len(),
            "mean_score": {"old": c.mean.0, "new": c.mean.1},
            "passed": {"old": c.passed.0, "new": c.passed.1},
            "verdicts": c.verdicts.iter().map(|x| json!({
                "call": x.call, "rule": x.rule, "old": x.old, "new": x.new, "why": x.why,
            })).collect::<Vec<_>>(),
            "scores": c.scores.iter().map(|s| json!({
                "call": s.call,
                "old": {"score": s.old.0, "passed": s.old.1},
                "new": {"score": s.new.0, "passed": s.new.1},
            })).collect::<Vec<_>>(),
        });
    }
    v
}
