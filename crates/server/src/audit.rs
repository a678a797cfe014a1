//! Every call into the audit engine lives here (compiling a standard,
//! auditing one call, comparing two standards' rules), so the engine's
//! split into `callqa-engine` touches this one file. Also where a call
//! becomes its stored form: audited on the text as received, then the
//! record and the audit's quotes redacted per the standard's `[privacy]`
//! section, so the store (its records, audits and search index) never
//! holds the raw text.

use callqa_engine::history::History;
use callqa_engine::{Horizon, Mark, Override};
use callqa_model::{Call, CallAudit, Outcome};
use callqa_privacy::{Config, Redactor};
use callqa_store::StoredCall;
use std::sync::Arc;

use callqa_standard::{Standard, StandardError, DEFAULT_STANDARD_TOML};

/// The TOML of the built-in standard, stored as revision 1 of an empty
/// store.
pub fn builtin_toml() -> &'static str {
    DEFAULT_STANDARD_TOML
}

/// Compiles a standard, or gives every problem, each rendered on its own
/// (`standard.toml:LINE:COL: message` with the line and a hint).
pub fn compile(name: &str, toml: &str) -> Result<Arc<Standard>, Vec<String>> {
    callqa_standard::from_toml(name, toml).map_err(|e| {
        e.diagnostics
            .iter()
            .map(|d| {
                StandardError {
                    path: e.path.clone(),
                    source_text: e.source_text.clone(),
                    diagnostics: vec![d.clone()],
                }
                .to_string()
            })
            .collect()
    })
}

/// Audits one call with a standard; cross-call rules see this call alone.
pub fn audit(standard: &Standard, call: &Call) -> CallAudit {
    standard.audit_call(call)
}

/// The redactor the standard's `[privacy]` section asks for; `None` when
/// the standard has no such section (nothing is redacted then).
pub fn redactor(std: &Standard) -> Option<Redactor> {
    let p = std.privacy();
    p.declared().then(|| {
        Redactor::new(Config {
            card: p.is_on("card"),
            phone: p.is_on("phone"),
            email: p.is_on("email"),
            passport: p.is_on("passport"),
            snils: p.is_on("snils"),
            inn: p.is_on("inn"),
            number: p.is_on("number"),
            spoken_digits: p.is_on("spoken_digits"),
        })
    })
}

/// The stored form of a call and its audit: both redacted when the
/// standard asks for it (the audit already read the text as received).
fn stored(std: &Standard, call: &Call, audit: &CallAudit, revision: i64) -> StoredCall {
    match redactor(std) {
        None => StoredCall::new(call, audit, revision),
        Some(r) => {
            let mut call = call.clone();
            let mut audit = audit.clone();
            r.redact_call(&mut call);
            r.redact_audit(&mut audit);
            StoredCall::new(&call, &audit, revision)
        }
    }
}

/// Audits one call with its cross-call rules decided against `history` at
/// `horizon`, in its stored (redacted) form: a rule whose window is still
/// open is `pending` with the time it waits for.
pub fn decide(
    std: &Standard,
    revision: i64,
    call: &Call,
    history: &dyn History,
    horizon: Horizon,
) -> StoredCall {
    decide_with(std, revision, call, history, horizon, &Adjust::default()).0
}

/// What supervisors changed on one call: marks of `[[manual]]` items and
/// overturned verdicts (see `disputes`).
#[derive(Clone, Debug, Default)]
pub struct Adjust {
    /// Marks of `[[manual]]` items.
    pub marks: Vec<Mark>,
    /// Verdicts overturned by a decided dispute.
    pub overrides: Vec<Override>,
}

/// [`decide`], then the machine's audit re-scored with `adjust` through
/// the engine's `rescore_with` (marks of items and overrides of rules the
/// revision no longer has are left out); also gives the machine's outcome
/// of every rule before the adjustment.
pub fn decide_with(
    std: &Standard,
    revision: i64,
    call: &Call,
    history: &dyn History,
    horizon: Horizon,
    adjust: &Adjust,
) -> (StoredCall, Vec<(String, Outcome)>) {
    let mut e = std.evaluate_call(call);
    let wait = std.decide_cross_calls(&mut e, history, horizon);
    let mut audit = std.audit_of(e);
    let machine: Vec<(String, Outcome)> = audit
        .verdicts
        .iter()
        .map(|v| (v.rule.clone(), v.outcome))
        .collect();
    if !adjust.marks.is_empty() || !adjust.overrides.is_empty() {
        let has = |rule: &str, manual: bool| {
            audit
                .verdicts
                .iter()
                .any(|v| v.rule == rule && v.manual == manual)
        };
        let marks: Vec<Mark> = adjust
            .marks
            .iter()
            .filter(|m| has(&m.item, true))
            .cloned()
            .collect();
        let overrides: Vec<Override> = adjust
            .overrides
            .iter()
            .filter(|o| has(&o.rule, false))
            .cloned()
            .collect();
        if let Ok(adjusted) = std.rescore_with(&audit, &marks, &overrides) {
            audit = adjusted;
        }
    }
    let Some(until) = wait else {
        return (stored(std, call, &audit, revision), machine);
    };
    let open = crate::crosscall::undecided(&audit);
    let when = time::OffsetDateTime::from_unix_timestamp(until.floor() as i64)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| format!("{until:.0}"));
    for v in &mut audit.verdicts {
        if open.contains(&v.rule) {
            v.reason = Some(format!("pending: the window is open until {when}"));
        }
    }
    (
        stored(std, call, &audit, revision).pending(until, &open),
        machine,
    )
}

/// Rule ids added, removed and changed (any setting) from `a` to `b`.
pub fn rule_changes(a: &Standard, b: &Standard) -> (Vec<String>, Vec<String>, Vec<String>) {
    let added = b
        .rules()
        .iter()
        .filter(|r| a.rule(&r.id).is_none())
        .map(|r| r.id.clone())
        .collect();
    let removed = a
        .rules()
        .iter()
        .filter(|r| b.rule(&r.id).is_none())
        .map(|r| r.id.clone())
        .collect();
    let changed = a
        .rules()
        .iter()
        .filter_map(|r| {
            let other = b.rule(&r.id)?;
            (format!("{r:?}") != format!("{other:?}")).then(|| r.id.clone())
        })
        .collect();
    (added, removed, changed)
}
