//! Every call into the audit engine lives here (compiling a standard,
//! auditing one call, comparing two standards' rules), so the engine's
//! split into `callqa-engine` touches this one file.

use callqa_model::{Call, CallAudit};
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

/// Audits one call with a standard. Cross-call rules see this call alone
/// until the engine's history seam reads the store's facts.
pub fn audit(standard: &Standard, call: &Call) -> CallAudit {
    standard.audit_call(call)
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
