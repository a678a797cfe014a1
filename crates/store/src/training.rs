//! Training results (`callqa train --to URL`): one row per quiz or
//! simulated call, with the figures a list shows and the whole result as
//! JSON. The migrations of both backends and the row type live here; the
//! `Store` methods are the `// training results` block of each backend.

/// A stored training result.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainingRecord {
    /// Its id (0 on a record not stored yet).
    pub id: i64,
    /// The operator id it belongs to.
    pub operator: String,
    /// `quiz` or `simulator`.
    pub kind: String,
    /// `{standard id}@{revision}` the training came from.
    pub standard: String,
    /// The training's language (`ru`, `en`, `hy`).
    pub language: String,
    /// 0–100.
    pub score: f64,
    /// Whether the trainee passed.
    pub passed: bool,
    /// When the server stored it (RFC 3339, UTC; set by the store).
    pub taken_at: String,
    /// The whole result as the trainee's `callqa train --json` gave it.
    pub result: String,
}

/// SQLite: the training table, newest first per operator.
pub(crate) const SQLITE_MIGRATION: &str = r#"
CREATE TABLE training (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    operator TEXT NOT NULL,
    kind TEXT NOT NULL,
    standard TEXT NOT NULL,
    language TEXT NOT NULL,
    score REAL NOT NULL,
    passed INTEGER NOT NULL,
    taken_at TEXT NOT NULL,
    result TEXT NOT NULL
);
CREATE INDEX training_operator ON training (operator, id DESC);
"#;

/// PostgreSQL: the same table.
pub(crate) const PG_MIGRATION: &str = r#"
CREATE TABLE training (
    id BIGSERIAL PRIMARY KEY,
    operator TEXT NOT NULL,
    kind TEXT NOT NULL,
    standard TEXT NOT NULL,
    language TEXT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    passed BOOLEAN NOT NULL,
    taken_at TEXT NOT NULL,
    result TEXT NOT NULL
);
CREATE INDEX training_operator ON training (operator, id DESC);
"#;
