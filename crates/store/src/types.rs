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
    /// Only calls handled by this operator id.
    pub operator: Option<String>,
    /// Only calls that came through this queue.
    pub queue: Option<String>,
    /// Only `inbound` or only `outbound` calls.
    pub direction: Option<String>,
    /// Only calls in this language (`ru`, `en`, `hy`).
    pub language: Option<String>,
    /// Only passed (true) or only failed (false) calls.
    pub passed: Option<bool>,
    /// Only calls scoring at least this much (0 to 100).
    pub min_score: Option<f64>,
    /// Only calls scoring at most this much (0 to 100).
    pub max_score: Option<f64>,
    /// A rule id; with `outcome`, calls where that rule had that outcome,
    /// else calls where it failed.
    pub rule: Option<String>,
    /// With `rule`: `pass`, `fail` or `n/a`.
    pub outcome: Option<String>,
    /// Full-text search: free text, analysed into stemmed tokens; every
    /// token must occur in the transcript.
    pub q: Option<String>,
    /// The caller's role limit: an operator token sees only this operator id's calls.
    pub scope_operator: Option<String>,
    /// The caller's role limit: a supervisor sees only calls of these queues (`None` = no limit).
    pub scope_queues: Option<Vec<String>>,
}

/// Where a page starts: after the call with this start time and storage
/// sequence (newest first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    /// Unix seconds of the last listed call's `started_at`.
    pub started: i64,
    /// The storage sequence number of the last listed call.
    pub seq: i64,
}

impl Cursor {
    /// The opaque text form handed to clients: `{started}.{seq}`.
    pub fn encode(&self) -> String {
        format!("{}.{}", self.started, self.seq)
    }

    /// Reads the text form `{started}.{seq}`; `None` when it is not two integers joined by a dot.
    pub fn decode(text: &str) -> Option<Cursor> {
        let (a, b) = text.split_once('.')?;
        Some(Cursor {
            started: a.parse().ok()?,
            seq: b.parse().ok()?,
        })
    }
}

/// One page of a call list: what to select, how many, from where.
#[derive(Clone, Debug, PartialEq)]
pub struct ListQuery {
    /// Which calls to list.
    pub filter: Filter,
    /// 1..=1000.
    pub limit: usize,
    /// Where the page starts; `None` for the first page.
    pub cursor: Option<Cursor>,
    /// Also fetch each call's audit JSON (exports).
    pub with_audit: bool,
}

/// One call in a list, as `GET /api/v1/calls` shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CallRow {
    /// The call's id.
    pub id: String,
    /// The call's `started_at` as RFC 3339 text, with its own offset.
    pub started_at: Option<String>,
    /// `inbound` or `outbound`.
    pub direction: String,
    /// The language code (`ru`, `en`, `hy`), given or detected.
    pub language: Option<String>,
    /// The operator's id.
    pub operator: String,
    /// The operator's name, when the record gives it.
    pub operator_name: Option<String>,
    /// The queue or line the call came through, when known.
    pub queue: Option<String>,
    /// Length of the call in seconds since `started_at`.
    pub duration: f64,
    /// The audit score, 0 to 100; `None` when no rule applied.
    pub score: Option<f64>,
    /// Whether the call passed the audit.
    pub passed: bool,
    /// Ids of the rules the call failed.
    pub failed_rules: Vec<String>,
    /// The call's audit JSON, only when the query asked for it (`with_audit`); never serialised.
    #[serde(skip)]
    pub audit: Option<String>,
}

/// One page of a call list, newest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// The calls of this page.
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
    /// The storage sequence number (the order calls were stored in).
    pub seq: i64,
    /// The call's id.
    pub id: String,
    /// The call record as JSON.
    pub record: String,
}

/// How stats group calls in time (by each call's local day).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bucket {
    /// One bucket per local day.
    Day,
    /// One bucket per week, starting on Monday.
    Week,
}

/// What a stats query counts per bucket.
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
    /// Calls (`Calls`, `Operator`) or verdicts (`Rule`) in the group.
    pub count: i64,
    /// Passed calls (`Calls`, `Operator`).
    pub passed: i64,
    /// Sum of scores (`Calls`, `Operator`), for averages.
    pub score_sum: f64,
    /// Calls with a score (`Calls`, `Operator`): the divisor of averages;
    /// `count - scored` calls were not scored.
    pub scored: i64,
}

/// What cross-call rules need of one stored call.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Facts {
    /// The call's id.
    pub call: String,
    /// `client.id`, else `client.number`.
    pub client: String,
    /// Unix seconds of `started_at`.
    pub started: i64,
    /// `inbound` or `outbound`.
    pub direction: String,
    /// The call was answered.
    pub answered: bool,
    /// The line dropped (the last event is `drop`).
    pub dropped: bool,
    /// Never answered (and had telephony events).
    pub missed: bool,
    /// The operator's id.
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
    /// The call's id.
    pub call: String,
    /// The audit JSON under the earlier revision.
    pub from: String,
    /// The audit JSON under the later revision.
    pub to: String,
}

/// One stored revision of the standard.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StandardRevision {
    /// The revision number, counted from 1.
    pub revision: i64,
    /// The standard's TOML text as stored.
    pub toml: String,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// What a token may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything: tokens, standards, re-scoring, every call.
    Admin,
    /// Sees all calls, or only those of its queues when it has some.
    Supervisor,
    /// Sees only the calls, scores and disputes of its linked operator id.
    Operator,
    /// May only submit calls and live streams (PBX and recogniser feeders).
    Ingest,
}

impl Role {
    /// The lower-case name used in the API and the store: `admin`, `supervisor`, `operator` or `ingest`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Supervisor => "supervisor",
            Role::Operator => "operator",
            Role::Ingest => "ingest",
        }
    }

    /// The role named by its lower-case name; `None` for any other text.
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
    /// The token's unique name, given when it was created.
    pub name: String,
    /// What the token may do.
    pub role: Role,
    /// The operator id an `operator` token is linked to.
    pub operator: Option<String>,
    /// A supervisor's queues; empty = all.
    pub queues: Vec<String>,
    /// When the token was created, RFC 3339, UTC.
    pub created_at: String,
}

/// A background job (a re-score) and its progress.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Job {
    /// The job's id.
    pub id: i64,
    /// What the job does (`rescore`).
    pub kind: String,
    /// `running`, `done` or `failed`.
    pub state: String,
    /// Units of work finished so far (calls re-scored).
    pub done: u64,
    /// Units of work in all.
    pub total: u64,
    /// Why the job failed; set only in state `failed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}
