//! Live prompts in the store: one row per prompt shown in a live call (call,
//! prompt id, rule, trigger, operator, queue, when shown) with whether the
//! operator then did what it asked (`followed`: unknown until decided), and
//! the per rule and trigger figures of `GET /api/v1/stats/prompts`. The SQL
//! is the same on both backends but for placeholders and column types.

use serde::Serialize;

/// A prompt shown in a live call.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PromptRow {
    /// The call id.
    pub call: String,
    /// The prompt's id in the standard.
    pub prompt: String,
    /// The rule it is about, when it names one.
    pub rule: Option<String>,
    /// Its trigger (`hold_started_without_permission`…).
    pub trigger: String,
    /// The call's operator, when known.
    pub operator: Option<String>,
    /// The call's queue, when known.
    pub queue: Option<String>,
    /// When it was shown, Unix seconds.
    pub shown_at: f64,
    /// Whether the operator did what it asked in time; `None` until decided
    /// (or for a prompt that asks nothing).
    pub followed: Option<bool>,
}

/// Figures of one prompt: how often shown, decided and followed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PromptStat {
    /// The rule it is about, when it names one.
    pub rule: Option<String>,
    /// Its trigger.
    pub trigger: String,
    /// The prompt's id.
    pub prompt: String,
    /// Times shown.
    pub shown: u64,
    /// Times its follow-up was decided (followed or not).
    pub decided: u64,
    /// Times followed in time.
    pub followed: u64,
}

/// Which prompts the figures count: an operator's own, a supervisor's
/// queues, or all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PromptScope {
    /// Only this operator's calls.
    pub operator: Option<String>,
    /// Only calls of these queues.
    pub queues: Option<Vec<String>>,
}

/// The SQLite migration (appended last).
pub(crate) const SQLITE_MIGRATION: &str = r#"
CREATE TABLE live_prompts (
    call_id TEXT NOT NULL,
    prompt TEXT NOT NULL,
    rule TEXT,
    trigger_type TEXT NOT NULL,
    operator TEXT,
    queue TEXT,
    shown_at REAL NOT NULL,
    followed INTEGER,
    PRIMARY KEY (call_id, prompt)
);
CREATE INDEX live_prompts_rule ON live_prompts (rule, trigger_type, prompt);
"#;

/// The PostgreSQL migration (appended last): `shown_at` needs `DOUBLE
/// PRECISION`, `real` is too narrow for Unix seconds.
pub(crate) const PG_MIGRATION: &str = r#"
CREATE TABLE live_prompts (
    call_id TEXT NOT NULL,
    prompt TEXT NOT NULL,
    rule TEXT,
    trigger_type TEXT NOT NULL,
    operator TEXT,
    queue TEXT,
    shown_at DOUBLE PRECISION NOT NULL,
    followed BIGINT,
    PRIMARY KEY (call_id, prompt)
);
CREATE INDEX live_prompts_rule ON live_prompts (rule, trigger_type, prompt);
"#;

/// Inserts a shown prompt or, when the call already has it, updates it;
/// a decided `followed` is never turned back to unknown.
pub(crate) const UPSERT: &str = "INSERT INTO live_prompts \
    (call_id, prompt, rule, trigger_type, operator, queue, shown_at, followed) \
    VALUES (?, ?, ?, ?, ?, ?, ?, ?) \
    ON CONFLICT (call_id, prompt) DO UPDATE SET \
    rule = excluded.rule, trigger_type = excluded.trigger_type, \
    operator = COALESCE(excluded.operator, live_prompts.operator), \
    queue = COALESCE(excluded.queue, live_prompts.queue), \
    followed = COALESCE(excluded.followed, live_prompts.followed)";

/// A call's prompts in the order shown.
pub(crate) const OF_CALL: &str =
    "SELECT call_id, prompt, rule, trigger_type, operator, queue, shown_at, followed \
    FROM live_prompts WHERE call_id = ? ORDER BY shown_at, prompt";

/// The figures query for a scope, with its parameters in order.
pub(crate) fn stats_sql(scope: &PromptScope) -> (String, Vec<String>) {
    let mut sql = String::from(
        "SELECT rule, trigger_type, prompt, COUNT(*), \
         SUM(CASE WHEN followed IS NULL THEN 0 ELSE 1 END), \
         SUM(CASE WHEN followed = 1 THEN 1 ELSE 0 END) \
         FROM live_prompts WHERE 1 = 1",
    );
    let mut params = Vec::new();
    if let Some(op) = &scope.operator {
        sql.push_str(" AND operator = ?");
        params.push(op.clone());
    }
    if let Some(queues) = &scope.queues {
        if queues.is_empty() {
            sql.push_str(" AND 1 = 0");
        } else {
            sql.push_str(" AND queue IN (");
            sql.push_str(&vec!["?"; queues.len()].join(", "));
            sql.push(')');
            params.extend(queues.iter().cloned());
        }
    }
    sql.push_str(" GROUP BY rule, trigger_type, prompt");
    (sql, params)
}

/// Rule, then trigger, then prompt, by bytes: the same order on both
/// backends whatever their collation.
pub(crate) fn sort(rows: &mut [PromptStat]) {
    rows.sort_by(|a, b| {
        (
            a.rule.as_deref().map(str::as_bytes),
            a.trigger.as_bytes(),
            a.prompt.as_bytes(),
        )
            .cmp(&(
                b.rule.as_deref().map(str::as_bytes),
                b.trigger.as_bytes(),
                b.prompt.as_bytes(),
            ))
    });
}
