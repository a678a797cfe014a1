//! The per-day rollup `stats/*` reads instead of the calls and their
//! verdicts: one row per (day, queue, operator, operator name, rule,
//! outcome) with a count, passed calls and the sum of scores. Rows with an
//! empty rule count calls; the others count verdicts. Both backends keep
//! it in the transaction that writes a call: the stored call's share is
//! taken out before it is replaced and the new one's added after, so a
//! put, a replace and a re-score leave it equal to a fresh `GROUP BY`.
//! Only call rows carry the operator's name (`stats/operators` shows it);
//! verdict rows have the empty text there, so an operator known by
//! several names does not multiply them. A missing queue or operator name
//! is the empty text in the rollup (the key must not be NULL to be
//! unique); groups whose count falls to zero stay as rows and are left
//! out by `HAVING SUM(n) > 0`.

use crate::query::{numbered, Dialect};

/// The migration step that creates the rollup and fills it from the calls
/// already stored (the same text on both backends).
pub(crate) const MIGRATION: &str = r#"
CREATE TABLE rollup (
    day TEXT NOT NULL,
    week TEXT NOT NULL,
    queue TEXT NOT NULL,
    operator TEXT NOT NULL,
    operator_name TEXT NOT NULL,
    rule TEXT NOT NULL,
    outcome TEXT NOT NULL,
    n BIGINT NOT NULL,
    passed BIGINT NOT NULL,
    score_sum DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (rule, outcome, day, queue, operator, operator_name)
);
CREATE TABLE rollup_rules (
    day TEXT NOT NULL,
    week TEXT NOT NULL,
    queue TEXT NOT NULL,
    rule TEXT NOT NULL,
    outcome TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (day, queue, rule, outcome)
);
INSERT INTO rollup_rules (day, week, queue, rule, outcome, n)
SELECT c.day, MAX(c.week), COALESCE(c.queue, ''), v.rule, v.outcome, COUNT(*)
FROM verdicts v JOIN calls c ON c.seq = v.seq
GROUP BY c.day, COALESCE(c.queue, ''), v.rule, v.outcome;
INSERT INTO rollup (day, week, queue, operator, operator_name, rule, outcome, n, passed, score_sum)
SELECT day, MAX(week), COALESCE(queue, ''), operator, COALESCE(operator_name, ''), '', '',
       COUNT(*), SUM(passed), SUM(score)
FROM calls GROUP BY day, COALESCE(queue, ''), operator, COALESCE(operator_name, '');
INSERT INTO rollup (day, week, queue, operator, operator_name, rule, outcome, n, passed, score_sum)
SELECT c.day, MAX(c.week), COALESCE(c.queue, ''), c.operator, '', v.rule, v.outcome, COUNT(*), 0, 0
FROM verdicts v JOIN calls c ON c.seq = v.seq
GROUP BY c.day, COALESCE(c.queue, ''), c.operator, v.rule, v.outcome;
"#;

const UPSERT: &str =
    " ON CONFLICT (day, queue, operator, operator_name, rule, outcome) DO UPDATE SET \
     n = rollup.n + excluded.n, passed = rollup.passed + excluded.passed, \
     score_sum = rollup.score_sum + excluded.score_sum, scored = rollup.scored + excluded.scored";

/// Adds (`sign` 1) or takes out (`sign` -1) the share of the stored call
/// `seq`: its call row and its verdicts. Two statements; the first takes
/// `sign, sign, sign as f64, sign, seq`, the others `sign, seq`. The third
/// keeps `rollup_rules`, the verdict counts without the operator that
/// `stats/rules` reads when no operator is asked for.
pub(crate) fn share(dialect: Dialect) -> [String; 3] {
    let calls = format!(
        "INSERT INTO rollup (day, week, queue, operator, operator_name, rule, outcome, n, passed, \
         score_sum, scored) SELECT day, week, COALESCE(queue, ''), operator, COALESCE(operator_name, ''), \
         '', '', CAST(? AS BIGINT), CAST(? AS BIGINT) * passed, CAST(? AS DOUBLE PRECISION) * score, \
         CAST(? AS BIGINT) * scored FROM calls WHERE seq = ?{UPSERT}"
    );
    let verdicts = format!(
        "INSERT INTO rollup (day, week, queue, operator, operator_name, rule, outcome, n, passed, \
         score_sum) SELECT c.day, c.week, COALESCE(c.queue, ''), c.operator, '', v.rule, v.outcome, CAST(? AS BIGINT), 0, 0 \
         FROM verdicts v JOIN calls c ON c.seq = v.seq WHERE v.seq = ?{UPSERT}"
    );
    let rules = "INSERT INTO rollup_rules (day, week, queue, rule, outcome, n) \
         SELECT c.day, c.week, COALESCE(c.queue, ''), v.rule, v.outcome, CAST(? AS BIGINT) \
         FROM verdicts v JOIN calls c ON c.seq = v.seq WHERE v.seq = ? \
         ON CONFLICT (day, queue, rule, outcome) DO UPDATE SET n = rollup_rules.n + excluded.n"
        .to_string();
    match dialect {
        Dialect::Sqlite => [calls, verdicts, rules],
        Dialect::Postgres => [numbered(&calls), numbered(&verdicts), numbered(&rules)],
    }
}
