//! The score of a call (catalog, "Revision 2 decisions", Scores): the
//! section scores, the call score, the auto-fail and the pass mark, and
//! re-scoring an audit with a supervisor's marks and overturned verdicts.
//!
//! - A section's score = 100 × weight of its passed verdicts / weight of
//!   its applicable ones, one decimal; `None` when nothing of weight
//!   applied.
//! - The call's raw score is rule-weighted over every applicable verdict,
//!   unless some section has a weight: then it is the weighted mean of the
//!   sections that have a score (a section without a weight is left out).
//!   `None` when nothing of weight applied (a ping, an empty transcript).
//! - A critical failure is an auto-fail: `score` = 0, `raw_score` kept.
//! - `passed` = no critical failure and, when the standard has a pass mark
//!   (version 2), `score` ≥ `pass_score`. A call with no score passes.
//! - `[[manual]]` items are verdicts with `manual: true`: `n/a` until a
//!   supervisor marks them; a marked item of weight > 0 counts like a rule.

use callqa_model::{CallAudit, Outcome, SectionScore, Severity, Verdict};

use crate::standard::Standard;

/// The reason of a `[[manual]]` verdict nobody has marked yet, in `lang`.
pub fn to_be_marked(lang: callqa_model::Lang) -> String {
    crate::messages::render(lang, crate::messages::Msg::ToBeMarked, &[])
}

/// What the verdicts of a call add up to.
#[derive(Clone, Debug, PartialEq)]
pub struct Scored {
    /// The score after an auto-fail; `None` when nothing was scored.
    pub score: Option<f64>,
    /// The score before an auto-fail.
    pub raw_score: Option<f64>,
    /// No critical failure and the pass mark reached.
    pub passed: bool,
    /// Every section's score, in the standard's order.
    pub sections: Vec<SectionScore>,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[derive(Clone, Copy, Default)]
struct Sum {
    passed: f64,
    applicable: f64,
}

impl Sum {
    fn add(&mut self, v: &Verdict) {
        match v.outcome {
            Outcome::Pass => {
                self.passed += v.weight;
                self.applicable += v.weight;
            }
            Outcome::Fail => self.applicable += v.weight,
            Outcome::NotApplicable => {}
        }
    }

    fn score(self) -> Option<f64> {
        (self.applicable > 0.0).then(|| round1(100.0 * self.passed / self.applicable))
    }
}

/// Scores `verdicts` (one per rule of `std` and per `[[manual]]` item, in
/// any order) as the standard defines it.
pub fn score_verdicts(std: &Standard, verdicts: &[Verdict]) -> Scored {
    let sections = std.sections();
    let mut per_section = vec![Sum::default(); sections.len()];
    let mut all = Sum::default();
    let mut critical = false;
    for v in verdicts {
        all.add(v);
        critical |= v.outcome == Outcome::Fail && v.severity == Severity::Critical && !v.manual;
        let section = match std.rule(&v.rule) {
            Some(r) if !v.manual => Some(r.section.as_str()),
            _ => std
                .manual_items()
                .iter()
                .find(|m| m.id == v.rule)
                .map(|m| m.section.as_str()),
        };
        if let Some(i) = section.and_then(|s| sections.iter().position(|x| x.id == s)) {
            per_section[i].add(v);
        }
    }
    let section_scores: Vec<SectionScore> = sections
        .iter()
        .zip(&per_section)
        .map(|(s, sum)| SectionScore {
            section: s.id.clone(),
            score: sum.score(),
        })
        .collect();
    let raw = if sections.iter().any(|s| s.weight.is_some()) {
        let (mut num, mut den) = (0.0, 0.0);
        for (s, sc) in sections.iter().zip(&section_scores) {
            if let (Some(w), Some(x)) = (s.weight, sc.score) {
                num += w * x;
                den += w;
            }
        }
        (den > 0.0).then(|| round1(num / den))
    } else {
        all.score()
    };
    let score = if critical { raw.map(|_| 0.0) } else { raw };
    let mark_reached = match (score, std.pass_score()) {
        (Some(s), Some(mark)) => s >= mark,
        _ => true,
    };
    Scored {
        score,
        raw_score: raw,
        passed: !critical && mark_reached,
        sections: section_scores,
    }
}

/// A supervisor's mark of a `[[manual]]` item on one call.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// The item's id.
    pub item: String,
    /// Whether the operator met it.
    pub passed: bool,
    /// What the supervisor noted; becomes the verdict's message.
    pub note: Option<String>,
}

/// A verdict a supervisor overturned (a dispute upheld).
#[derive(Clone, Debug, PartialEq)]
pub struct Override {
    /// The rule's id.
    pub rule: String,
    /// The outcome it now has.
    pub outcome: Outcome,
    /// Why; becomes the verdict's message or reason.
    pub note: Option<String>,
}

/// Why marks or overrides could not be applied.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RescoreError {
    /// A mark names no `[[manual]]` verdict of the audit.
    #[error("mark: no manual item \"{0}\" in the audit")]
    UnknownItem(String),
    /// An override names no rule verdict of the audit.
    #[error("override: no rule \"{0}\" in the audit")]
    UnknownRule(String),
}

impl Standard {
    /// The audit re-scored with a supervisor's `marks` of `[[manual]]` items
    /// and `overrides` of rule verdicts: the verdicts change, then the
    /// section scores, the score, `raw_score` and `passed` are computed
    /// again exactly as for a fresh audit. Unmarked items stay `n/a`.
    pub fn rescore_with(
        &self,
        audit: &CallAudit,
        marks: &[Mark],
        overrides: &[Override],
    ) -> Result<CallAudit, RescoreError> {
        let mut out = audit.clone();
        for m in marks {
            let v = out
                .verdicts
                .iter_mut()
                .find(|v| v.manual && v.rule == m.item)
                .ok_or_else(|| RescoreError::UnknownItem(m.item.clone()))?;
            v.outcome = if m.passed {
                Outcome::Pass
            } else {
                Outcome::Fail
            };
            v.reason = None;
            v.message = if m.passed {
                None
            } else {
                Some(
                    m.note
                        .clone()
                        .unwrap_or_else(|| "marked as not met by a supervisor".into()),
                )
            };
        }
        for o in overrides {
            let v = out
                .verdicts
                .iter_mut()
                .find(|v| !v.manual && v.rule == o.rule)
                .ok_or_else(|| RescoreError::UnknownRule(o.rule.clone()))?;
            if v.outcome == o.outcome {
                continue;
            }
            let note = o.note.clone().unwrap_or_else(|| {
                format!("overturned by a supervisor (was {})", v.outcome.as_str())
            });
            v.outcome = o.outcome;
            v.message = None;
            v.reason = None;
            v.more = 0;
            match o.outcome {
                Outcome::Fail => v.message = Some(note),
                Outcome::NotApplicable => {
                    v.reason = Some(note);
                    v.evidence.clear();
                }
                Outcome::Pass => {}
            }
        }
        let s = score_verdicts(self, &out.verdicts);
        out.score = s.score;
        out.raw_score = s.raw_score;
        out.passed = s.passed;
        out.sections = s.sections;
        Ok(out)
    }
}
