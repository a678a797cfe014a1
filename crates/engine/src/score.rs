//! The score of a call: 100 × weight of passed rules / weight of applicable
//! rules (one decimal; 100 when no rule applied), and `passed` = no critical
//! rule failed.

use callqa_model::{Outcome, Severity, Verdict};

/// `(score, passed)` of a call's verdicts.
pub fn score(verdicts: &[Verdict]) -> (f64, bool) {
    let (mut passed, mut applicable) = (0.0, 0.0);
    let mut ok = true;
    for v in verdicts {
        match v.outcome {
            Outcome::Pass => {
                passed += v.weight;
                applicable += v.weight;
            }
            Outcome::Fail => {
                applicable += v.weight;
                ok &= v.severity != Severity::Critical;
            }
            Outcome::NotApplicable => {}
        }
    }
    let score = if applicable > 0.0 {
        (1000.0 * passed / applicable).round() / 10.0
    } else {
        100.0
    };
    (score, ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(outcome: Outcome, severity: Severity, weight: f64) -> Verdict {
        Verdict {
            rule: "r".into(),
            outcome,
            severity,
            weight,
            message: None,
            reason: None,
            evidence: vec![],
        }
    }

    #[test]
    fn weights_and_critical() {
        use Outcome::*;
        use Severity::*;
        assert_eq!(score(&[]), (100.0, true));
        assert_eq!(
            score(&[v(Pass, Major, 10.0), v(Fail, Minor, 5.0)]),
            (66.7, true)
        );
        assert_eq!(
            score(&[v(Pass, Major, 10.0), v(NotApplicable, Minor, 5.0)]),
            (100.0, true)
        );
        assert_eq!(
            score(&[v(Pass, Major, 10.0), v(Fail, Critical, 10.0)]),
            (50.0, false)
        );
        assert_eq!(score(&[v(Fail, Minor, 0.0)]), (100.0, true));
    }
}
