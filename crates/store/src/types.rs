//! The plain data the store takes and gives back: filters, pages, rows,
//! facts, tokens, jobs, standard revisions.

use serde::Serialize;

/// What a list, count, stats or export query selects. Every field is
/// optional; set fields are combined with AND. `scope_*` fields are the
/// caller's role limits (an operator's own id, a supervisor's queues) and
/// are applied whatever the other fields say.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// First local day (`YYYY-MM-DD`, the call's own offset), inclusive.
    pub from: Option<String>,
    /// Last local day, inclusive.
    pub to: Option<String>,
    pub operator: Option<String>,
    pub queue: Option<String>,
    pub direction: Option<String>,
    pub language: Option<String>,
    pub passed: Option<bool>,
    pub min_score: Option<f64>,
    pub max_score: Option<f64>,
    /// A rule id; with `outcome`, calls where that rule had that outcome,
    /// else calls where it failed.
    pub rule: Option<String>,
    pub outcome: Option<String>,
    /// Full-text search: free text, analysed into stemmed tokens; every
    /// token must occur in the transcript.
    pub q: Option<String>,
    pub scope_operator: Option<String>,
    pub scope_queues: Option<Vec<String>>,
}

/// Where a page starts: after the call with this start time and storage
/// sequence (newest first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub started: i64,
    pub seq: i64,
}

impl Cursor {
    /// The opaque text form handed to clients: `{started}.{seq}`.
    pub fn encode(&self) -> String {
        format!("{}.{}", self.started, self.seq)
    }

    pub fn decode(text: &str) -> Option<Cursor> {
        let (a, b) = text.split_once('.')?;
        Some(Cursor {
            started: a.parse().ok()?,
            seq: b.parse().ok()?,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ListQuery {
    pub filter: Filter,
    /// 1..=1000.
    pub limit: usize,
    pub cursor: Option<Cursor>,
    /// Also fetch each call's audit JSON (exports).
    pub with_audit: bool,
}

/// One call in a list, as `GET /api/v1/calls` shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CallRow {
    pub id: String,
    pub started_at: Option<String>,
    pub direction: String,
    pub language: Option<String>,
    pub operator: String,
    pub operator_name: Option<String>,
    pub queue: Option<String>,
    pub duration: f64,
    pub score: f64,
    pub passed: bool,
    pub failed_rules: Vec<String>,
    #[serde(skip)]
    pub audit: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub calls: Vec<CallRow>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<Cursor>,
}

/// One stored call with its current audit.
#[derive(Clone, Debug, PartialEq)]
pub struct CallDetail {
    /// The call record as JSON.
    pub record: String,
    /// Audit output as JSON.
    pub audit: String,
    /// The standard revision that produced the audit.
    pub revision: i64,
}

/// A stored record for re-scoring.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordRow {
    pub seq: i64,
    pub id: String,
    pub record: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bucket {
    Day,
    Week,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    /// Calls per bucket.
    Calls,
    /// Verdicts per bucket, rule and outcome.
    Rule,
    /// Calls per bucket and operator.
    Operator,
}

/// One group of [`Store::stats`](crate::Store::stats), in bucket order then
/// key order.
#[derive(Clone, Debug, PartialEq)]
pub struct StatRow {
    /// First day of the bucket, `YYYY-MM-DD`.
    pub bucket: String,
    /// The rule or operator id (`GroupBy::Rule`, `GroupBy::Operator`).
    pub key: Option<String>,
    /// The outcome (`GroupBy::Rule`) or operator name (`GroupBy::Operator`).
    pub sub: Option<String>,
    pub count: i64,
    /// Passed calls (`Calls`, `Operator`).
    pub passed: i64,
    /// Sum of scores (`Calls`, `Operator`), for averages.
    pub score_sum: f64,
}

/// What cross-call rules need of one stored call.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Facts {
    pub call: String,
    /// `client.id`, else `client.number`.
    pub client: String,
    /// Unix seconds of `started_at`.
    pub started: i64,
    pub direction: String,
    pub answered: bool,
    /// The line dropped (the last event is `drop`).
    pub dropped: bool,
    /// Never answered (and had telephony events).
    pub missed: bool,
    pub operator: String,
    /// Unix seconds of `started_at` with its fraction.
    pub start: f64,
    /// The call has telephony events at all.
    pub has_events: bool,
    /// Seconds after the start when the line dropped.
    pub dropped_at: Option<f64>,
    /// Seconds after the start when the call ended.
    pub ended_at: f64,
}

/// The same call's audits under two revisions.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditPair {
    pub call: String,
    pub from: String,
    pub to: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StandardRevision {
    pub revision: i64,
    pub toml: String,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// What a token may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Supervisor,
    Operator,
    Ingest,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Supervisor => "supervisor",
            Role::Operator => "operator",
            Role::Ingest => "ingest",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "admin" => Some(Role::Admin),
            "supervisor" => Some(Role::Supervisor),
            "operator" => Some(Role::Operator),
            "ingest" => Some(Role::Ingest),
            _ => None,
        }
    }
}

/// A token's name and rights (never the token itself).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TokenInfo {
    pub name: String,
    pub role: Role,
    /// The operator id an `operator` token is linked to.
    pub operator: Option<String>,
    /// A supervisor's queues; empty = all.
    pub queues: Vec<String>,
    pub created_at: String,
}

/// A background job (a re-score) and its progress.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    /// `running`, `done` or `failed`.
    pub state: String,
    pub done: u64,
    pub total: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}
