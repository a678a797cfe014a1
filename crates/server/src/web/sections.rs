//! The scorecards' section scores and most failed rules, from the store's
//! verdict counts per operator or queue (`Store::rule_counts`, one
//! grouped read for every operator at once).
//!
//! A section's score over a period pools its verdicts the way a call's
//! section score is computed (catalog, "Revision 2 decisions", Scores):
//! 100 × weight of the passed verdicts / weight of the applicable ones
//! (passed or failed), with each rule's and `[[manual]]` item's weight in
//! the active standard; `None` when nothing of weight applied. Overturned
//! verdicts count as passed and marked items as marked, since the store
//! keeps the adjusted verdicts.

use std::collections::BTreeMap;

use callqa_standard::Standard;
use callqa_store::RuleCount;

/// One key's (operator's or queue's) verdicts per rule: (pass, fail).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts {
    per_rule: BTreeMap<String, (i64, i64)>,
}

impl Counts {
    /// The rules failed at least once, most failures first (then by id),
    /// with their failures.
    pub fn most_failed(&self, n: usize) -> Vec<(String, i64)> {
        let mut v: Vec<(String, i64)> = self
            .per_rule
            .iter()
            .filter(|(_, (_, fail))| *fail > 0)
            .map(|(id, (_, fail))| (id.clone(), *fail))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }

    /// Every section's pooled score, in the standard's order.
    pub fn section_scores(&self, std: &Standard) -> Vec<Option<f64>> {
        let sections = std.sections();
        let mut sums = vec![(0.0f64, 0.0f64); sections.len()];
        for (rule, (pass, fail)) in &self.per_rule {
            let (section, weight) = match std.rule(rule) {
                Some(r) => (r.section.as_str(), r.weight),
                None => match std.manual_items().iter().find(|m| &m.id == rule) {
                    Some(m) => (m.section.as_str(), m.weight),
                    None => continue,
                },
            };
            if let Some(i) = sections.iter().position(|s| s.id == section) {
                sums[i].0 += weight * *pass as f64;
                sums[i].1 += weight * (*pass + *fail) as f64;
            }
        }
        sums.into_iter()
            .map(|(passed, applicable)| {
                (applicable > 0.0).then(|| (1000.0 * passed / applicable).round() / 10.0)
            })
            .collect()
    }
}

/// The counts by key (operator id or queue).
pub fn by_key(rows: &[RuleCount]) -> BTreeMap<String, Counts> {
    let mut out: BTreeMap<String, Counts> = BTreeMap::new();
    for r in rows {
        let e = out
            .entry(r.key.clone())
            .or_default()
            .per_rule
            .entry(r.rule.clone())
            .or_default();
        match r.outcome.as_str() {
            "pass" => e.0 += r.count,
            "fail" => e.1 += r.count,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &str, rule: &str, outcome: &str, count: i64) -> RuleCount {
        RuleCount {
            key: key.into(),
            rule: rule.into(),
            outcome: outcome.into(),
            count,
        }
    }

    #[test]
    fn sections_pool_the_weighted_verdicts_of_their_rules() {
        let std = crate::audit::compile("default", crate::audit::builtin_toml())
            .expect("the default standard");
        let (i, section) = std
            .sections()
            .iter()
            .enumerate()
            .find(|(_, s)| std.rules_in(&s.id).count() >= 2)
            .expect("a section of two rules");
        let rules: Vec<_> = std.rules_in(&section.id).collect();
        let (a, b) = (rules[0], rules[1]);
        let rows = [
            row("op-1", &a.id, "pass", 3),
            row("op-1", &a.id, "fail", 1),
            row("op-1", &b.id, "fail", 2),
            row("op-1", &b.id, "n/a", 5),
            row("op-2", &a.id, "n/a", 4),
        ];
        let counts = by_key(&rows);
        let want = 100.0 * (3.0 * a.weight) / (4.0 * a.weight + 2.0 * b.weight);
        let got = counts["op-1"].section_scores(&std)[i].expect("scored");
        assert!((got - want).abs() < 0.05, "{got} vs {want}");
        // Nothing applied: no score; a section without verdicts neither.
        assert_eq!(counts["op-2"].section_scores(&std)[i], None);
        assert!(counts["op-1"]
            .section_scores(&std)
            .iter()
            .enumerate()
            .all(|(j, s)| j == i || s.is_none()));
        assert_eq!(
            counts["op-1"].most_failed(5),
            vec![(b.id.clone(), 2), (a.id.clone(), 1)]
        );
    }
}
