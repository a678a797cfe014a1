//! The grouped reads the dashboard's pages need to stay fast at a million
//! calls, one statement per page part instead of one per operator or
//! queue: verdict counts per operator or queue, rule and outcome (the
//! scorecards' most failed rules and section scores), the distinct queues
//! and operators a principal may see (the selectors), and the list of
//! calibrations. Each reads the per-day rollup when it can answer the
//! filter (days, queue, operator) and the calls and their verdicts when
//! it cannot, so the answers are the same either way. The `Store` methods
//! are the `// dashboard reads` block at the end of each backend.

use crate::query::{filter_where, rollup_answers, Dialect, Sql};
use crate::types::Filter;

/// What [`RuleCount`]s are grouped by besides rule and outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountBy {
    /// The calls' operator id.
    Operator,
    /// The calls' queue (calls without a queue are left out).
    Queue,
}

/// How many verdicts of a rule had an outcome on the calls of one
/// operator or queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleCount {
    /// The operator id or the queue.
    pub key: String,
    /// The rule (or `[[manual]]` item) id.
    pub rule: String,
    /// `pass`, `fail`, `n/a` or `pending`.
    pub outcome: String,
    /// Verdicts.
    pub count: i64,
}

/// The migration of both backends (the last of their lists): an index
/// of the calls in list order that carries the figures the list filters
/// test (score band, direction, passed, language), so a list filtered by
/// them reads the index and only the matching calls' rows, newest first
/// with no sort. A score band with no call in it (the low band of a good
/// team) read every call's row before: 0.76 s at 100,000 calls. And the
/// rollup's call rows by queue and operator, so the selectors' distinct
/// queues and operators read that index alone (24 → 4 ms).
pub(crate) const MIGRATION: &str = r#"
CREATE INDEX IF NOT EXISTS calls_started_figures
    ON calls (started DESC, seq DESC, scored, score, direction, passed, language);
CREATE INDEX IF NOT EXISTS rollup_calls ON rollup (rule, queue, operator, operator_name, n);
"#;

/// Rows: key, rule, outcome, count; sorted by key, rule, outcome.
pub(crate) fn rule_counts(f: &Filter, by: CountBy, dialect: Dialect) -> Sql {
    let mut w = filter_where(f, dialect);
    let no_operator = f.operator.is_none() && f.scope_operator.is_none();
    let text = if rollup_answers(f) {
        let (table, key) = match by {
            // Per queue without an operator: the counts kept without one.
            CountBy::Queue if no_operator => ("rollup_rules", "c.queue"),
            CountBy::Queue => ("rollup", "c.queue"),
            CountBy::Operator => ("rollup", "c.operator"),
        };
        if table == "rollup" {
            w.cond("c.rule <> ''", []);
        }
        if by == CountBy::Queue {
            w.cond("c.queue <> ''", []);
        }
        format!(
            "SELECT {key}, c.rule, c.outcome, CAST(SUM(c.n) AS BIGINT) FROM {table} c{} \
             GROUP BY {key}, c.rule, c.outcome HAVING SUM(c.n) > 0 ORDER BY 1, 2, 3",
            w.text
        )
    } else {
        let key = match by {
            CountBy::Operator => "c.operator",
            CountBy::Queue => {
                w.cond("c.queue IS NOT NULL AND c.queue <> ''", []);
                "c.queue"
            }
        };
        format!(
            "SELECT {key}, v.rule, v.outcome, CAST(COUNT(*) AS BIGINT) \
             FROM verdicts v JOIN calls c ON c.seq = v.seq{} \
             GROUP BY {key}, v.rule, v.outcome ORDER BY 1, 2, 3",
            w.text
        )
    };
    Sql {
        text,
        params: w.params,
    }
    .finish(dialect)
}

/// Rows: queue; the distinct queues of the calls, sorted.
pub(crate) fn queues(f: &Filter, dialect: Dialect) -> Sql {
    let mut w = filter_where(f, dialect);
    let text = if rollup_answers(f) {
        w.cond("c.rule = '' AND c.queue <> ''", []);
        format!(
            "SELECT c.queue FROM rollup c{} GROUP BY c.queue HAVING SUM(c.n) > 0 ORDER BY 1",
            w.text
        )
    } else {
        w.cond("c.queue IS NOT NULL AND c.queue <> ''", []);
        format!("SELECT DISTINCT c.queue FROM calls c{} ORDER BY 1", w.text)
    };
    Sql {
        text,
        params: w.params,
    }
    .finish(dialect)
}

/// Rows: operator id, name (the empty text when none); by id.
pub(crate) fn operators(f: &Filter, dialect: Dialect) -> Sql {
    let mut w = filter_where(f, dialect);
    let text = if rollup_answers(f) {
        w.cond("c.rule = ''", []);
        format!(
            "SELECT c.operator, MAX(CASE WHEN c.n > 0 THEN c.operator_name ELSE '' END) \
             FROM rollup c{} GROUP BY c.operator HAVING SUM(c.n) > 0 ORDER BY 1",
            w.text
        )
    } else {
        format!(
            "SELECT c.operator, COALESCE(MAX(c.operator_name), '') FROM calls c{} \
             GROUP BY c.operator ORDER BY 1",
            w.text
        )
    };
    Sql {
        text,
        params: w.params,
    }
    .finish(dialect)
}

/// The newest calibrations first; takes the limit.
pub(crate) const LIST_CALIBRATIONS: &str =
    "SELECT id, calls, graders, created_by, created_at FROM calibrations ORDER BY id DESC LIMIT ?";

/// A stored JSON list of names.
pub(crate) fn names(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

/// An operator's name as stored (the empty text is none).
pub(crate) fn name(text: String) -> Option<String> {
    Some(text).filter(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped_reads_use_the_rollup_only_when_it_answers() {
        let f = Filter {
            from: Some("2026-03-01".into()),
            ..Filter::default()
        };
        let sql = rule_counts(&f, CountBy::Operator, Dialect::Sqlite);
        assert!(sql
            .text
            .contains("FROM rollup c WHERE c.day >= ? AND c.rule <> ''"));
        let sql = rule_counts(&f, CountBy::Queue, Dialect::Postgres);
        assert!(sql
            .text
            .contains("FROM rollup_rules c WHERE c.day >= $1 AND c.queue <> ''"));
        let searched = Filter {
            q: Some("оплата".into()),
            ..f.clone()
        };
        let sql = rule_counts(&searched, CountBy::Operator, Dialect::Sqlite);
        assert!(
            sql.text.contains("FROM verdicts v JOIN calls c"),
            "{}",
            sql.text
        );
        assert!(queues(&f, Dialect::Sqlite).text.contains("FROM rollup c"));
        assert!(operators(&searched, Dialect::Sqlite)
            .text
            .contains("FROM calls c"));
    }
}
