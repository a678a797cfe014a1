//! Audit output v1: the verdict of every rule of a standard on one call.
//! These types are the public machine contract (`audit --format jsonl`);
//! fields are added, never renamed.

use serde::Serialize;

use crate::call::Party;

/// How much a rule's failure matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The call fails whatever its score.
    Critical,
    /// A serious breach: counts against the score with the rule's weight.
    Major,
    /// A small breach: counts against the score with the rule's (by default lower) weight.
    Minor,
}

impl Severity {
    /// The lower-case name used in standards and audit output: `critical`, `major` or `minor`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Major => "major",
            Severity::Minor => "minor",
        }
    }

    /// The weight a rule of this severity has unless the standard says
    /// otherwise.
    pub fn default_weight(self) -> f64 {
        match self {
            Severity::Critical | Severity::Major => 10.0,
            Severity::Minor => 5.0,
        }
    }
}

/// What one rule concluded about one call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Outcome {
    /// The call meets the rule.
    #[serde(rename = "pass")]
    Pass,
    /// The call breaks the rule; the verdict carries a message.
    #[serde(rename = "fail")]
    Fail,
    /// The rule does not apply to this call (written `n/a`); the verdict carries a reason.
    #[serde(rename = "n/a")]
    NotApplicable,
}

impl Outcome {
    /// The string of the output format: `pass`, `fail` or `n/a`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::NotApplicable => "n/a",
        }
    }
}

/// Words or an event that back a verdict: who, when, and what was said.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    /// Who spoke the quoted words; absent when the evidence is an event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Party>,
    /// Start of the quoted words or the event, in seconds since `started_at`.
    pub start: f64,
    /// End of the quoted words or the event, in seconds since `started_at`.
    pub end: f64,
    /// The words as they stand in the transcript (a slice of the original
    /// text), or a short description of the event.
    pub quote: String,
}

/// The result of one rule of the standard on one call.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Verdict {
    /// The id of the rule, such as `greeting.company`.
    pub rule: String,
    /// Whether the call passed, failed or the rule did not apply.
    pub outcome: Outcome,
    /// The rule's severity as the standard sets it.
    pub severity: Severity,
    /// The rule's weight in the score (the standard's value, else the severity's default).
    pub weight: f64,
    /// Why the rule failed, for a supervisor; always set on `fail`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Why the rule does not apply; always set on `n/a`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The words or events that back the outcome; empty when there are none to show.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// The result of auditing one call against one standard.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CallAudit {
    /// The id of the audited call.
    pub call: String,
    /// `{standard id}@{revision}`.
    pub standard: String,
    /// 100 × passed weight / applicable weight, one decimal; 100 when no
    /// rule applied.
    pub score: f64,
    /// False when any critical rule failed.
    pub passed: bool,
    /// Context a report needs without the call record at hand.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    /// One verdict per rule of the standard, in the standard's order.
    pub verdicts: Vec<Verdict>,
}
