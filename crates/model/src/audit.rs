//! Audit output v1: the verdict of every rule of a standard on one call.
//! These types are the public machine contract (`audit --format jsonl`);
//! fields are added, never renamed.

use serde::Serialize;

use crate::call::Party;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The call fails whatever its score.
    Critical,
    Major,
    Minor,
}

impl Severity {
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Outcome {
    #[serde(rename = "pass")]
    Pass,
    #[serde(rename = "fail")]
    Fail,
    #[serde(rename = "n/a")]
    NotApplicable,
}

impl Outcome {
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Party>,
    pub start: f64,
    pub end: f64,
    /// The words as they stand in the transcript (a slice of the original
    /// text), or a short description of the event.
    pub quote: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Verdict {
    pub rule: String,
    pub outcome: Outcome,
    pub severity: Severity,
    pub weight: f64,
    /// Why the rule failed, for a supervisor; always set on `fail`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Why the rule does not apply; always set on `n/a`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// The result of auditing one call against one standard.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CallAudit {
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
    pub verdicts: Vec<Verdict>,
}
