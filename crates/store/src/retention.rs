//! Retention: what `Store::delete_calls_before` runs on both backends (the
//! same statements, numbered for PostgreSQL). Calls go in batches of
//! [`BATCH`], each batch one transaction: the oldest first, each call's
//! rollup share taken out before its rows are deleted, and rollup groups
//! left at zero dropped at the end.

use crate::query::{numbered, Dialect};

/// Calls deleted per transaction.
pub(crate) const BATCH: i64 = 1000;

/// Up to `BATCH` calls (`seq`, `id`) that started before `?` (Unix
/// seconds), the oldest first; calls without `started_at` have no age.
const OLDEST: &str = "SELECT seq, id FROM calls WHERE started < ? AND started_at IS NOT NULL \
     ORDER BY started, seq LIMIT ?";

/// What is deleted of one call, by `seq` (`BY_SEQ`) or by id (`BY_ID`),
/// after its rollup share is taken out. The calls row goes last.
const BY_SEQ: &[&str] = &["DELETE FROM verdicts WHERE seq = ?"];
const BY_ID: &[&str] = &[
    "DELETE FROM facts WHERE call_id = ?",
    "DELETE FROM audits WHERE call_id = ?",
    "DELETE FROM disputes WHERE call = ?",
    "DELETE FROM manual_marks WHERE call = ?",
];
const CALL: &str = "DELETE FROM calls WHERE seq = ?";
/// SQLite keeps the search terms in an FTS5 table by the call's rowid.
pub(crate) const SQLITE_FTS: &str = "DELETE FROM calls_fts WHERE rowid = ?";

/// Rollup groups no call counts any more.
pub(crate) const EMPTY_GROUPS: &[&str] = &[
    "DELETE FROM rollup WHERE n = 0",
    "DELETE FROM rollup_rules WHERE n = 0",
];

/// The statements in a backend's dialect.
pub(crate) struct Statements {
    pub oldest: String,
    pub by_seq: Vec<String>,
    pub by_id: Vec<String>,
    pub call: String,
}

pub(crate) fn statements(dialect: Dialect) -> Statements {
    let d = |s: &str| match dialect {
        Dialect::Sqlite => s.to_string(),
        Dialect::Postgres => numbered(s),
    };
    Statements {
        oldest: d(OLDEST),
        by_seq: BY_SEQ.iter().map(|s| d(s)).collect(),
        by_id: BY_ID.iter().map(|s| d(s)).collect(),
        call: d(CALL),
    }
}
