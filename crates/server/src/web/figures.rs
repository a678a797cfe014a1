//! Adds up the rows of `Store::stats` for the pages: calls, passes and
//! scores per bucket or in all; verdicts per rule; calls per operator.

use std::collections::{BTreeMap, HashMap};

use callqa_store::StatRow;

/// Calls, passed calls and the sum of their scores.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tally {
    /// Calls counted.
    pub calls: i64,
    /// Calls that passed.
    pub passed: i64,
    /// Sum of the calls' scores.
    pub score_sum: f64,
    /// Calls with a score: a call with none (no rule applied) counts as
    /// passed in the store and stays out of the pass rate and the mean,
    /// as in the API's stats.
    pub scored: i64,
}

impl Tally {
    fn add(&mut self, r: &StatRow) {
        self.calls += r.count;
        self.passed += r.passed;
        self.score_sum += r.score_sum;
        self.scored += r.scored;
    }

    /// Passed calls per call, or `None` without calls.
    pub fn pass_rate(&self) -> Option<f64> {
        let passed = self.passed - (self.calls - self.scored);
        (self.scored > 0).then(|| passed as f64 / self.scored as f64)
    }

    /// The mean score, or `None` without calls.
    pub fn mean(&self) -> Option<f64> {
        (self.scored > 0).then(|| self.score_sum / self.scored as f64)
    }
}

/// A rule's verdicts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RuleTally {
    /// Passed verdicts.
    pub pass: i64,
    /// Failed verdicts.
    pub fail: i64,
    /// Verdicts where the rule did not apply.
    pub na: i64,
}

impl RuleTally {
    /// Failures per call the rule applied to, or `None` when it never did.
    pub fn fail_rate(&self) -> Option<f64> {
        let applied = self.pass + self.fail;
        (applied > 0).then(|| self.fail as f64 / applied as f64)
    }
}

/// The total of `GroupBy::Calls` or `GroupBy::Operator` rows.
pub fn total(rows: &[StatRow]) -> Tally {
    let mut t = Tally::default();
    rows.iter().for_each(|r| t.add(r));
    t
}

/// Calls per bucket start.
pub fn by_bucket(rows: &[StatRow]) -> HashMap<String, Tally> {
    let mut out: HashMap<String, Tally> = HashMap::new();
    for r in rows {
        out.entry(r.bucket.clone()).or_default().add(r);
    }
    out
}

/// Verdicts per rule (`GroupBy::Rule` rows), and per rule and bucket.
pub fn rules(rows: &[StatRow]) -> BTreeMap<String, (RuleTally, HashMap<String, RuleTally>)> {
    let mut out: BTreeMap<String, (RuleTally, HashMap<String, RuleTally>)> = BTreeMap::new();
    for r in rows {
        let rule = r.key.clone().unwrap_or_default();
        let e = out.entry(rule).or_default();
        let b = e.1.entry(r.bucket.clone()).or_default();
        for t in [&mut e.0, b] {
            match r.sub.as_deref() {
                Some("pass") => t.pass += r.count,
                Some("fail") => t.fail += r.count,
                _ => t.na += r.count,
            }
        }
    }
    out
}

/// One operator's calls in all and per bucket.
#[derive(Clone, Debug, Default)]
pub struct Operator {
    /// The operator id.
    pub id: String,
    /// The operator's name, when the records give one.
    pub name: Option<String>,
    /// In all.
    pub total: Tally,
    /// Per bucket start.
    pub buckets: HashMap<String, Tally>,
}

/// Operators (`GroupBy::Operator` rows), by id.
pub fn operators(rows: &[StatRow]) -> Vec<Operator> {
    let mut out: BTreeMap<String, Operator> = BTreeMap::new();
    for r in rows {
        let id = r.key.clone().unwrap_or_default();
        let e = out.entry(id.clone()).or_insert_with(|| Operator {
            id,
            ..Operator::default()
        });
        if e.name.is_none() {
            e.name = r.sub.clone().filter(|n| !n.is_empty());
        }
        e.total.add(r);
        e.buckets.entry(r.bucket.clone()).or_default().add(r);
    }
    out.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(bucket: &str, key: &str, sub: &str, count: i64, passed: i64, sum: f64) -> StatRow {
        StatRow {
            bucket: bucket.into(),
            key: Some(key.into()),
            sub: Some(sub.into()),
            count,
            passed,
            score_sum: sum,
            scored: count,
        }
    }

    #[test]
    fn rules_and_operators_add_up_per_bucket() {
        let r = rules(&[
            row("2026-03-01", "a", "fail", 2, 0, 0.0),
            row("2026-03-01", "a", "pass", 6, 0, 0.0),
            row("2026-03-02", "a", "fail", 1, 0, 0.0),
            row("2026-03-02", "a", "n/a", 4, 0, 0.0),
        ]);
        let (all, per) = &r["a"];
        assert_eq!((all.pass, all.fail, all.na), (6, 3, 4));
        assert_eq!(all.fail_rate(), Some(3.0 / 9.0));
        assert_eq!(per["2026-03-02"].fail_rate(), Some(1.0));
        let ops = operators(&[
            row("2026-03-01", "op-1", "Анна", 2, 1, 150.0),
            row("2026-03-02", "op-1", "", 2, 2, 170.0),
        ]);
        assert_eq!(ops.len(), 1);
        assert_eq!(ops[0].name.as_deref(), Some("Анна"));
        assert_eq!(ops[0].total.mean(), Some(80.0));
        assert_eq!(ops[0].total.pass_rate(), Some(0.75));
        assert_eq!(Tally::default().mean(), None);
        // A call nothing applied to is out of the mean and the pass rate.
        let mut unscored = row("2026-03-01", "op-2", "", 2, 2, 90.0);
        unscored.scored = 1;
        let t = total(&[unscored]);
        assert_eq!((t.mean(), t.pass_rate()), (Some(90.0), Some(1.0)));
    }
}
