//! callqa-store: where `callqa serve` keeps its history.
//!
//! One trait, [`Store`], with two implementations that answer every query
//! the same way: [`SqliteStore`] (an embedded database file in a data
//! directory: WAL, migrations, `busy_timeout`; the zero-configuration
//! default) and [`PgStore`] (PostgreSQL). The conformance suite in
//! `tests/conformance.rs` runs the same test bodies over both.
//!
//! Stored per call: the call record, its current audit (JSON), the figures
//! lists and stats filter on, one row per verdict, the facts cross-call
//! rules need ([`Facts`], looked up by client and time range through an
//! index), every earlier audit per standard revision (for diffs), and the
//! transcript as callqa's own normalised and stemmed tokens for full-text
//! search (FTS5 on SQLite, `to_tsvector('simple', …)` with a GIN index on
//! PostgreSQL, fed the same tokens so both give the same answers). SQLite
//! keeps a call's record and audits zstd-compressed (`packed`), the current
//! audit once (in the audits by revision) and the search terms only in a
//! contentless FTS5 index (about 10 KB a call in all). Beside
//! the calls: standards as numbered revisions, API tokens (SHA-256 of the
//! random token), background jobs, operators' training results, and
//! disputes, manual marks, the audit log and calibrations (`disputes`).
//!
//! [`open`] picks the backend from a location: `postgres://…` or a
//! directory.
#![deny(missing_docs)]

mod dashboard;
mod disputes;
mod error;
mod history;
mod index;
mod packed;
mod pg;
mod prompts;
mod query;
mod retention;
mod rollup;
mod sqlite;
mod sqlite_write;
mod token;
mod training;
mod types;
mod users;

pub use dashboard::{CountBy, RuleCount};
pub use disputes::{AuditEntry, Calibration, Dispute, DisputeQuery, Grade, ManualMark};
pub use error::StoreError;
pub use history::{call_facts, StoreHistory};
pub use index::{search_terms, StoredCall, PENDING};
pub use pg::PgStore;
pub use prompts::{PromptRow, PromptScope, PromptStat};
pub use sqlite::SqliteStore;
pub use token::{hash_token, new_token};
pub use training::TrainingRecord;
pub use types::{
    AuditPair, Bucket, CallDetail, CallRow, Cursor, Facts, Filter, GroupBy, Job, ListQuery, Page,
    RecordRow, Role, StandardRevision, StatRow, TokenInfo,
};
pub use users::{
    check_user_name, hash_password, new_secret, verify_password, User, BASE_URL_SETTING, LINK_SECS,
    SESSION_SECS,
};

/// What every backend does. Writes are committed before the method
/// returns, so whatever a caller acknowledges survives a crash.
pub trait Store: Send + Sync {
    /// Stores calls in one transaction, replacing any stored call with the
    /// same id (its record, audit, verdicts, facts and search text). With
    /// `keep_history` (a re-score) the audits of other revisions are kept;
    /// without it (a new record) they are dropped, since they judged an
    /// older record.
    fn put_calls(&self, calls: &[StoredCall], keep_history: bool) -> Result<(), StoreError>;
    /// One call: record, current audit, revision.
    fn get_call(&self, id: &str) -> Result<Option<CallDetail>, StoreError>;
    /// Calls matching a filter, newest first, one page at a time.
    fn list_calls(&self, query: &ListQuery) -> Result<Page, StoreError>;
    /// How many calls match a filter.
    fn count_calls(&self, filter: &Filter) -> Result<u64, StoreError>;
    /// Records in storage order (oldest stored first) after `after` (a
    /// `RecordRow::seq`), for re-scoring.
    fn records_after(
        &self,
        filter: &Filter,
        after: i64,
        limit: usize,
    ) -> Result<Vec<RecordRow>, StoreError>;
    /// Grouped figures for stats: per bucket (day or week), and per rule
    /// and outcome or per operator when asked.
    fn stats(
        &self,
        filter: &Filter,
        bucket: Bucket,
        by: GroupBy,
    ) -> Result<Vec<StatRow>, StoreError>;
    /// Facts of the calls of one client whose start lies in `[from, to]`
    /// (Unix seconds), oldest first: the store's side of the engine's
    /// history seam for cross-call rules.
    fn facts_for_client(&self, client: &str, from: i64, to: i64) -> Result<Vec<Facts>, StoreError>;
    /// The calls of one client with a verdict still `pending`, in storage
    /// order.
    fn pending_of_client(&self, client: &str) -> Result<Vec<RecordRow>, StoreError>;
    /// Up to `limit` calls whose pending verdicts wait for a Unix time
    /// before `before`, the earliest first.
    fn pending_due(&self, before: f64, limit: usize) -> Result<Vec<RecordRow>, StoreError>;
    /// Audits of the same calls under two revisions, by call id, after
    /// `after` (a call id).
    fn audit_pairs(
        &self,
        from: i64,
        to: i64,
        after: &str,
        limit: usize,
    ) -> Result<Vec<AuditPair>, StoreError>;

    /// Stores a standard's TOML as the next revision and makes it active;
    /// returns the revision number.
    fn put_standard(&self, toml: &str) -> Result<i64, StoreError>;
    /// A revision, or the active (latest) one for `None`.
    fn get_standard(&self, revision: Option<i64>) -> Result<Option<StandardRevision>, StoreError>;

    /// Stores a token's hash with its role; the name must be new.
    fn create_token(&self, info: &TokenInfo, hash: &str) -> Result<(), StoreError>;
    /// The token with this hash, unless revoked.
    fn token_by_hash(&self, hash: &str) -> Result<Option<TokenInfo>, StoreError>;
    /// Every token that is not revoked, by name.
    fn list_tokens(&self) -> Result<Vec<TokenInfo>, StoreError>;
    /// Revokes a token by name; false when there is none.
    fn revoke_token(&self, name: &str) -> Result<bool, StoreError>;

    /// A new job in state `running`; returns its id.
    fn create_job(&self, kind: &str, total: u64) -> Result<i64, StoreError>;
    /// Saves a job's state, progress and error under its id.
    fn update_job(&self, job: &Job) -> Result<(), StoreError>;
    /// The job with this id, or `None` when there is none.
    fn get_job(&self, id: i64) -> Result<Option<Job>, StoreError>;

    // training results
    /// Stores a training result (its `id` and `taken_at` are set here);
    /// returns its id.
    fn put_training(&self, record: &TrainingRecord) -> Result<i64, StoreError>;
    /// The operator's training results, newest first, at most `limit`.
    fn training_of(&self, operator: &str, limit: usize) -> Result<Vec<TrainingRecord>, StoreError>;
    // retention

    /// Deletes every call whose `started_at` is before `before` (Unix
    /// seconds) with all that was stored of it: its audits of every
    /// revision, verdicts, facts, search terms and its share of the stats
    /// rollup (so stats stay equal to a recomputation). Calls without a
    /// `started_at` have no age and are kept. Commits in batches; returns
    /// how many calls were deleted.
    fn delete_calls_before(&self, before: i64) -> Result<u64, StoreError>;
    // users, sessions and sign-in links
    /// Stores a user (without a password); the name must be new.
    fn create_user(&self, user: &User) -> Result<(), StoreError>;
    /// The user with this name.
    fn get_user(&self, name: &str) -> Result<Option<User>, StoreError>;
    /// Every user, by name.
    fn list_users(&self) -> Result<Vec<User>, StoreError>;
    /// Sets a user's password hash (PHC string) and ends the user's
    /// sessions; false when there is no such user.
    fn set_password(&self, name: &str, phc: &str) -> Result<bool, StoreError>;
    /// A user's password hash, `None` when there is no user or no password.
    fn password_of(&self, name: &str) -> Result<Option<String>, StoreError>;
    /// Stores a session (the SHA-256 of its cookie value) of a user until
    /// `expires` (Unix seconds); drops sessions expired by `now`.
    fn create_session(
        &self,
        hash: &str,
        user: &str,
        now: i64,
        expires: i64,
    ) -> Result<(), StoreError>;
    /// The user of a session that has not expired by `now`.
    fn session_user(&self, hash: &str, now: i64) -> Result<Option<User>, StoreError>;
    /// Ends a session; false when there was none.
    fn delete_session(&self, hash: &str) -> Result<bool, StoreError>;
    /// Stores a sign-in link (the SHA-256 of its secret) for a user until
    /// `expires`; `once` links are gone after their first use. Drops links
    /// expired by `now`.
    fn create_login_link(
        &self,
        hash: &str,
        user: &str,
        now: i64,
        expires: i64,
        once: bool,
    ) -> Result<(), StoreError>;
    /// Uses a sign-in link: its user when it exists and has not expired by
    /// `now` (a `once` link is deleted in the same step, so two requests
    /// never both use it).
    fn use_login_link(&self, hash: &str, now: i64) -> Result<Option<User>, StoreError>;
    /// Stores a setting (replacing its value).
    fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError>;
    /// A setting's value.
    fn setting(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// How many calls have a verdict still pending (the queue depth
    /// `/metrics` reports).
    fn count_pending(&self) -> Result<u64, StoreError>;
    // live prompts
    /// Records a prompt shown in a live call, or its outcome: one row per
    /// call and prompt id, replaced by a later put (a decided `followed`
    /// stays decided).
    fn put_prompt(&self, row: &PromptRow) -> Result<(), StoreError>;
    /// Per rule, trigger and prompt: how often shown, decided and followed,
    /// in the scope; ordered by rule, trigger and prompt.
    fn prompt_stats(&self, scope: &PromptScope) -> Result<Vec<PromptStat>, StoreError>;
    /// The prompts recorded for one call, in the order shown.
    fn prompts_of_call(&self, call: &str) -> Result<Vec<PromptRow>, StoreError>;
    // disputes, marks, audit log, calibration
    /// Stores a new dispute; returns its id.
    fn put_dispute(&self, dispute: &Dispute) -> Result<i64, StoreError>;
    /// Saves a dispute's state, decision and review flag when its stored
    /// state is still `was` (so two decisions never both win); false when
    /// it is not (or there is no such dispute).
    fn update_dispute(&self, dispute: &Dispute, was: &str) -> Result<bool, StoreError>;
    /// The dispute with this id.
    fn get_dispute(&self, id: i64) -> Result<Option<Dispute>, StoreError>;
    /// The disputes a query selects, newest first.
    fn list_disputes(&self, query: &DisputeQuery) -> Result<Vec<Dispute>, StoreError>;
    /// Stores a manual mark, replacing the call's earlier mark of the item.
    fn put_mark(&self, mark: &ManualMark) -> Result<(), StoreError>;
    /// A call's manual marks, by item.
    fn marks_of_call(&self, call: &str) -> Result<Vec<ManualMark>, StoreError>;
    /// Appends to the audit log; returns the entry's id.
    fn append_audit_log(&self, entry: &AuditEntry) -> Result<i64, StoreError>;
    /// The audit log newest first: at most `limit` entries with an id
    /// below `before` (0 = from the newest), only `call`'s when given.
    fn audit_log(
        &self,
        call: Option<&str>,
        before: i64,
        limit: usize,
    ) -> Result<Vec<AuditEntry>, StoreError>;
    /// Stores a calibration session; returns its id.
    fn create_calibration(&self, calibration: &Calibration) -> Result<i64, StoreError>;
    /// The calibration with this id.
    fn get_calibration(&self, id: i64) -> Result<Option<Calibration>, StoreError>;
    /// Stores a grade, replacing the grader's earlier grade of the rule.
    fn put_grade(&self, grade: &Grade) -> Result<(), StoreError>;
    /// A calibration's grades by call, rule and grader.
    fn grades_of(&self, calibration: i64) -> Result<Vec<Grade>, StoreError>;

    // dashboard reads (the web pages at a million calls; `dashboard.rs`):
    // grouped in one statement each, off the rollup where it answers.
    /// Verdicts per operator or queue, rule and outcome of the calls a
    /// filter selects, sorted by key, rule and outcome.
    fn rule_counts(&self, filter: &Filter, by: CountBy) -> Result<Vec<RuleCount>, StoreError>;
    /// The distinct queues of the calls a filter selects, sorted.
    fn queues(&self, filter: &Filter) -> Result<Vec<String>, StoreError>;
    /// The distinct operators (id, name when known) of the calls a filter
    /// selects, by id.
    fn operators(&self, filter: &Filter) -> Result<Vec<(String, Option<String>)>, StoreError>;
    /// The newest `limit` calibrations, newest first.
    fn list_calibrations(&self, limit: usize) -> Result<Vec<Calibration>, StoreError>;
}

/// Opens the store at a location: a `postgres://` or `postgresql://` URL,
/// else a data directory (created when missing) holding `callqa.sqlite3`.
pub fn open(location: &str) -> Result<Box<dyn Store>, StoreError> {
    if location.starts_with("postgres://") || location.starts_with("postgresql://") {
        Ok(Box::new(PgStore::connect(location)?))
    } else {
        Ok(Box::new(SqliteStore::open_dir(std::path::Path::new(
            location,
        ))?))
    }
}
