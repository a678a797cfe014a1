//! [`Summary`]: the aggregate of a batch of audits (totals, per rule, per
//! operator) that every report format ends with. It only counts; rounding
//! and layout belong to the renderers.

use std::collections::BTreeMap;

use callqa_model::{CallAudit, Outcome, Severity};

/// Totals over a batch of [`CallAudit`]s, fed one audit at a time so that a
/// streamed report can keep it beside its output.
///
/// ```
/// use callqa_report::Summary;
/// # let audits: Vec<callqa_model::CallAudit> = Vec::new();
/// let mut summary = Summary::new();
/// for audit in &audits {
///     summary.add(audit);
/// }
/// assert_eq!(summary.calls(), audits.len());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    calls: usize,
    passed: usize,
    scored: usize,
    score_sum: f64,
    rules: BTreeMap<String, RuleStats>,
    operators: BTreeMap<Option<String>, OperatorStats>,
}

impl Summary {
    /// An empty summary.
    pub fn new() -> Self {
        Summary::default()
    }

    /// Counts one audited call.
    pub fn add(&mut self, audit: &CallAudit) {
        self.calls += 1;
        if let Some(score) = audit.score {
            self.scored += 1;
            self.score_sum += score;
            if audit.passed {
                self.passed += 1;
            }
        }

        for v in &audit.verdicts {
            let stats = self
                .rules
                .entry(v.rule.clone())
                .or_insert_with(|| RuleStats {
                    rule: v.rule.clone(),
                    severity: v.severity,
                    pass: 0,
                    fail: 0,
                    not_applicable: 0,
                });
            match v.outcome {
                Outcome::Pass => stats.pass += 1,
                Outcome::Fail => stats.fail += 1,
                Outcome::NotApplicable => stats.not_applicable += 1,
            }
        }

        let op = self
            .operators
            .entry(audit.operator.clone())
            .or_insert_with(|| OperatorStats {
                operator: audit.operator.clone(),
                calls: 0,
                failed: 0,
                scored: 0,
                score_sum: 0.0,
                rule_fails: BTreeMap::new(),
            });
        op.calls += 1;
        if let Some(score) = audit.score {
            op.scored += 1;
            op.score_sum += score;
            if !audit.passed {
                op.failed += 1;
            }
        }
        for v in audit.verdicts.iter().filter(|v| v.outcome == Outcome::Fail) {
            *op.rule_fails.entry(v.rule.clone()).or_insert(0) += 1;
        }
    }

    /// The number of calls added.
    pub fn calls(&self) -> usize {
        self.calls
    }

    /// The scored calls whose audit `passed`.
    pub fn passed(&self) -> usize {
        self.passed
    }

    /// The calls whose audit did not pass.
    pub fn failed(&self) -> usize {
        self.scored - self.passed
    }

    /// The calls with no score (no rule applied): out of every mean and
    /// pass rate.
    pub fn not_scored(&self) -> usize {
        self.calls - self.scored
    }

    /// The mean score of the scored calls, unrounded; `None` before the
    /// first scored call.
    pub fn mean_score(&self) -> Option<f64> {
        mean(self.score_sum, self.scored)
    }

    /// Every rule seen, most failures first, then by rule id.
    pub fn rules(&self) -> Vec<&RuleStats> {
        let mut rules: Vec<&RuleStats> = self.rules.values().collect();
        rules.sort_by(|a, b| b.fail.cmp(&a.fail).then_with(|| a.rule.cmp(&b.rule)));
        rules
    }

    /// The counts of one rule.
    pub fn rule(&self, rule: &str) -> Option<&RuleStats> {
        self.rules.get(rule)
    }

    /// Every operator seen, by operator id; calls without an operator come
    /// first.
    pub fn operators(&self) -> impl Iterator<Item = &OperatorStats> {
        self.operators.values()
    }

    /// The counts of one operator (`None`: calls without an operator).
    pub fn operator(&self, operator: Option<&str>) -> Option<&OperatorStats> {
        self.operators.get(&operator.map(str::to_owned))
    }
}

/// How one rule fared over the batch.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleStats {
    /// The rule id.
    pub rule: String,
    /// The severity of the rule's first verdict in the batch.
    pub severity: Severity,
    /// Calls where the rule passed.
    pub pass: usize,
    /// Calls where the rule failed.
    pub fail: usize,
    /// Calls where the rule did not apply.
    pub not_applicable: usize,
}

impl RuleStats {
    /// The calls the rule applied to (`pass + fail`).
    pub fn applicable(&self) -> usize {
        self.pass + self.fail
    }

    /// `fail / (pass + fail)`, between 0 and 1; `None` when the rule never
    /// applied.
    pub fn fail_rate(&self) -> Option<f64> {
        mean(self.fail as f64, self.applicable())
    }
}

/// How one operator fared over the batch.
#[derive(Clone, Debug, PartialEq)]
pub struct OperatorStats {
    /// The operator id; `None` for calls whose audit names no operator.
    pub operator: Option<String>,
    /// Calls audited.
    pub calls: usize,
    /// Calls whose audit did not pass.
    pub failed: usize,
    /// Calls with a score.
    pub scored: usize,
    score_sum: f64,
    rule_fails: BTreeMap<String, usize>,
}

impl OperatorStats {
    /// The mean score of the operator's scored calls, unrounded; `None`
    /// when none was scored.
    pub fn mean_score(&self) -> Option<f64> {
        mean(self.score_sum, self.scored)
    }

    /// The rules this operator failed, most failures first (then by rule
    /// id), at most `n` of them, each with its failure count.
    pub fn most_failed_rules(&self, n: usize) -> Vec<(&str, usize)> {
        let mut rules: Vec<(&str, usize)> = self
            .rule_fails
            .iter()
            .map(|(rule, &count)| (rule.as_str(), count))
            .collect();
        rules.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        rules.truncate(n);
        rules
    }
}

fn mean(sum: f64, count: usize) -> Option<f64> {
    (count > 0).then(|| sum / count as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{audit, audits, fail, na, pass};

    #[test]
    fn totals() {
        let mut s = Summary::new();
        assert_eq!(s.mean_score(), None);
        for a in &audits() {
            s.add(a);
        }
        assert_eq!(s.calls(), 3);
        assert_eq!(s.passed(), 2);
        assert_eq!(s.failed(), 1);
        let mean = s.mean_score().unwrap();
        assert!((mean - (84.6 + 100.0 + 50.0) / 3.0).abs() < 1e-9, "{mean}");
    }

    #[test]
    fn per_rule_counts_sorted_by_failures() {
        let mut s = Summary::new();
        for a in &audits() {
            s.add(a);
        }
        let rules: Vec<(&str, usize, usize, usize)> = s
            .rules()
            .iter()
            .map(|r| (r.rule.as_str(), r.fail, r.pass, r.not_applicable))
            .collect();
        assert_eq!(
            rules,
            [
                ("hold.thanks", 2, 0, 1),
                ("greeting.company", 1, 2, 0),
                ("outbound.time_check", 0, 0, 3),
            ]
        );
        let hold = s.rule("hold.thanks").unwrap();
        assert_eq!(hold.fail_rate(), Some(1.0));
        assert_eq!(
            s.rule("greeting.company").unwrap().fail_rate(),
            Some(1.0 / 3.0)
        );
        assert_eq!(s.rule("outbound.time_check").unwrap().fail_rate(), None);
        assert_eq!(
            s.rule("greeting.company").unwrap().severity,
            Severity::Critical
        );
    }

    #[test]
    fn per_operator_mean_failed_and_most_failed_rules() {
        let mut s = Summary::new();
        for a in &audits() {
            s.add(a);
        }
        let op17 = s.operator(Some("op-17")).unwrap();
        assert_eq!(op17.calls, 2);
        assert_eq!(op17.failed, 0);
        assert!((op17.mean_score().unwrap() - 92.3).abs() < 1e-9);
        assert_eq!(op17.most_failed_rules(3), [("hold.thanks", 1)]);

        let op3 = s.operator(Some("op-3")).unwrap();
        assert_eq!((op3.calls, op3.failed), (1, 1));
        assert_eq!(op3.mean_score(), Some(50.0));
        assert_eq!(
            op3.most_failed_rules(3),
            [("greeting.company", 1), ("hold.thanks", 1)]
        );
        assert_eq!(op3.most_failed_rules(1), [("greeting.company", 1)]);

        let ids: Vec<Option<&str>> = s.operators().map(|o| o.operator.as_deref()).collect();
        assert_eq!(ids, [Some("op-17"), Some("op-3")]);
    }

    #[test]
    fn calls_without_operator_are_grouped() {
        let mut s = Summary::new();
        let mut a = audit(
            "x",
            None,
            70.0,
            true,
            vec![pass("r", &[]), fail("q", "m", &[])],
        );
        s.add(&a);
        a.score = Some(90.0);
        s.add(&a);
        s.add(&audit("y", None, 100.0, true, vec![na("r", "no")]));
        let none = s.operator(None).unwrap();
        assert_eq!(none.calls, 3);
        assert!((none.mean_score().unwrap() - 260.0 / 3.0).abs() < 1e-9);
        let mut unscored = audit("z", None, 0.0, true, vec![na("r", "no")]);
        unscored.score = None;
        unscored.raw_score = None;
        s.add(&unscored);
        let none = s.operator(None).unwrap();
        assert_eq!((none.calls, none.scored), (4, 3));
        assert!((none.mean_score().unwrap() - 260.0 / 3.0).abs() < 1e-9);
        assert_eq!((s.not_scored(), s.failed()), (1, 0));
        assert_eq!(none.most_failed_rules(5), [("q", 2)]);
        let r = s.rule("r").unwrap();
        assert_eq!(
            (r.pass, r.fail, r.not_applicable, r.applicable()),
            (2, 0, 2, 2)
        );
    }
}
