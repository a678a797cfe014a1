//! Disputes of verdicts, supervisors' marks of `[[manual]]` items, the
//! audit log of every such change, and calibration sessions (several
//! graders grading the same calls): the row types, both backends'
//! migrations and their SQL. The `Store` methods are the `// disputes,
//! marks, audit log, calibration` block of each backend, which calls the
//! `sqlite` and `pg` functions here. Every column is text or a 64-bit
//! integer, so both backends read rows the same way.

/// A dispute of one verdict of one call.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dispute {
    /// Its id (0 on a dispute not stored yet).
    pub id: i64,
    /// The call's id.
    pub call: String,
    /// The disputed rule's id.
    pub rule: String,
    /// The call's operator id (for an operator's own list).
    pub operator: String,
    /// The call's queue (for a supervisor's queues).
    pub queue: Option<String>,
    /// Who opened it (a user or token name).
    pub opened_by: String,
    /// Why.
    pub comment: String,
    /// When (RFC 3339).
    pub opened_at: String,
    /// `open` or `decided`.
    pub state: String,
    /// `upheld` or `overturned` once decided.
    pub decision: Option<String>,
    /// Who decided.
    pub decided_by: Option<String>,
    /// The decider's comment.
    pub decision_comment: Option<String>,
    /// When it was decided (RFC 3339).
    pub decided_at: Option<String>,
    /// The machine's outcome of the rule when disputed (`pass`, `fail`, `n/a`).
    pub machine_outcome: String,
    /// A re-score changed the machine's outcome of the disputed verdict.
    pub needs_review: bool,
}

/// Which disputes a list selects (set fields are combined with AND; the
/// `scope_*` fields are the caller's role limits).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DisputeQuery {
    /// `open` or `decided`.
    pub state: Option<String>,
    /// Only disputes of this call.
    pub call: Option<String>,
    /// Only disputes of this operator's calls.
    pub operator: Option<String>,
    /// Only disputes of this rule.
    pub rule: Option<String>,
    /// Only disputes of calls of this queue.
    pub queue: Option<String>,
    /// Only disputes flagged for review after a re-score.
    pub needs_review: Option<bool>,
    /// An operator's own id.
    pub scope_operator: Option<String>,
    /// A supervisor's queues.
    pub scope_queues: Option<Vec<String>>,
    /// At most this many, newest first (0 = no limit).
    pub limit: usize,
}

/// A supervisor's mark of a `[[manual]]` item on one call (one per call
/// and item; a later mark replaces it).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ManualMark {
    /// The call's id.
    pub call: String,
    /// The `[[manual]]` item's id.
    pub item: String,
    /// `pass` or `fail`.
    pub outcome: String,
    /// The supervisor's note.
    pub comment: String,
    /// Who marked it.
    pub marked_by: String,
    /// When (RFC 3339).
    pub marked_at: String,
}

/// One change in the audit log.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AuditEntry {
    /// Its id, in the order written (0 before it is stored).
    pub id: i64,
    /// When (RFC 3339).
    pub at: String,
    /// Who (a user or token name).
    pub who: String,
    /// What: `dispute.open`, `dispute.decide`, `manual.mark`, `calibration.create`, `calibration.grade`.
    pub what: String,
    /// The call it concerns, if any.
    pub call: Option<String>,
    /// The state before, as JSON.
    pub before: String,
    /// The state after, as JSON.
    pub after: String,
}

/// A calibration session: these graders grade these calls.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Calibration {
    /// Its id (0 before it is stored).
    pub id: i64,
    /// The call ids to grade.
    pub calls: Vec<String>,
    /// The user names who grade.
    pub graders: Vec<String>,
    /// Who created it.
    pub created_by: String,
    /// When (RFC 3339).
    pub created_at: String,
}

/// One grader's outcome of one rule of one call in a calibration (a
/// later grade of the same rule replaces it).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grade {
    /// The calibration's id.
    pub calibration: i64,
    /// The call's id.
    pub call: String,
    /// The rule or `[[manual]]` item id.
    pub rule: String,
    /// The grader's name.
    pub grader: String,
    /// `pass`, `fail` or `n/a`.
    pub outcome: String,
}

macro_rules! tables {
    ($id:literal) => {
        concat!(
            r#"
CREATE TABLE disputes (
    id "#,
            $id,
            r#",
    call TEXT NOT NULL,
    rule TEXT NOT NULL,
    operator TEXT NOT NULL,
    queue TEXT,
    opened_by TEXT NOT NULL,
    comment TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    state TEXT NOT NULL,
    decision TEXT,
    decided_by TEXT,
    decision_comment TEXT,
    decided_at TEXT,
    machine_outcome TEXT NOT NULL,
    needs_review BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX disputes_call ON disputes (call);
CREATE INDEX disputes_state ON disputes (state, id);
CREATE TABLE manual_marks (
    call TEXT NOT NULL,
    item TEXT NOT NULL,
    outcome TEXT NOT NULL,
    comment TEXT NOT NULL,
    marked_by TEXT NOT NULL,
    marked_at TEXT NOT NULL,
    PRIMARY KEY (call, item)
);
CREATE TABLE audit_log (
    id "#,
            $id,
            r#",
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    what TEXT NOT NULL,
    call TEXT,
    before TEXT NOT NULL,
    after TEXT NOT NULL
);
CREATE INDEX audit_log_call ON audit_log (call, id);
CREATE TABLE calibrations (
    id "#,
            $id,
            r#",
    calls TEXT NOT NULL,
    graders TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE calibration_grades (
    calibration BIGINT NOT NULL,
    call TEXT NOT NULL,
    rule TEXT NOT NULL,
    grader TEXT NOT NULL,
    outcome TEXT NOT NULL,
    PRIMARY KEY (calibration, call, rule, grader)
);
"#
        )
    };
}

/// SQLite: the five tables.
pub(crate) const SQLITE_MIGRATION: &str = tables!("INTEGER PRIMARY KEY AUTOINCREMENT");

/// PostgreSQL: the same tables.
pub(crate) const PG_MIGRATION: &str = tables!("BIGSERIAL PRIMARY KEY");

const DISPUTE_COLUMNS: &str = "id, call, rule, operator, queue, opened_by, comment, opened_at, \
    state, decision, decided_by, decision_comment, decided_at, machine_outcome, needs_review";

/// The WHERE clause of a dispute list with `?` placeholders and its values.
fn dispute_where(q: &DisputeQuery) -> (String, Vec<String>) {
    let mut cond = vec!["1 = 1".to_string()];
    let mut vals = Vec::new();
    let mut eq = |col: &str, v: &Option<String>| {
        if let Some(v) = v {
            cond.push(format!("{col} = ?"));
            vals.push(v.clone());
        }
    };
    eq("state", &q.state);
    eq("call", &q.call);
    eq("operator", &q.operator);
    eq("rule", &q.rule);
    eq("queue", &q.queue);
    eq("operator", &q.scope_operator);
    if let Some(qs) = &q.scope_queues {
        if qs.is_empty() {
            cond.push("1 = 0".into());
        } else {
            cond.push(format!("queue IN ({})", vec!["?"; qs.len()].join(", ")));
            vals.extend(qs.iter().cloned());
        }
    }
    if let Some(r) = q.needs_review {
        cond.push(format!("needs_review = {}", r as i64));
    }
    let mut sql = format!(
        "SELECT {DISPUTE_COLUMNS} FROM disputes WHERE {} ORDER BY id DESC",
        cond.join(" AND ")
    );
    if q.limit > 0 {
        sql.push_str(&format!(" LIMIT {}", q.limit));
    }
    (sql, vals)
}

fn list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

fn json_list(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

macro_rules! dispute_from {
    ($r:expr, $get:ident) => {
        Dispute {
            id: $r.$get(0)?,
            call: $r.$get(1)?,
            rule: $r.$get(2)?,
            operator: $r.$get(3)?,
            queue: $r.$get(4)?,
            opened_by: $r.$get(5)?,
            comment: $r.$get(6)?,
            opened_at: $r.$get(7)?,
            state: $r.$get(8)?,
            decision: $r.$get(9)?,
            decided_by: $r.$get(10)?,
            decision_comment: $r.$get(11)?,
            decided_at: $r.$get(12)?,
            machine_outcome: $r.$get(13)?,
            needs_review: $r.$get::<_, i64>(14)? != 0,
        }
    };
}

const INSERT_DISPUTE: &str = "INSERT INTO disputes (call, rule, operator, queue, opened_by, \
    comment, opened_at, state, decision, decided_by, decision_comment, decided_at, \
    machine_outcome, needs_review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
const UPDATE_DISPUTE: &str = "UPDATE disputes SET state = ?, decision = ?, decided_by = ?, \
    decision_comment = ?, decided_at = ?, machine_outcome = ?, needs_review = ? \
    WHERE id = ? AND state = ?";
const PUT_MARK: &str = "INSERT INTO manual_marks (call, item, outcome, comment, marked_by, \
    marked_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (call, item) DO UPDATE SET \
    outcome = excluded.outcome, comment = excluded.comment, marked_by = excluded.marked_by, \
    marked_at = excluded.marked_at";
const MARKS_OF: &str = "SELECT call, item, outcome, comment, marked_by, marked_at \
    FROM manual_marks WHERE call = ? ORDER BY item";
const INSERT_LOG: &str =
    "INSERT INTO audit_log (at, who, what, call, before, after) VALUES (?, ?, ?, ?, ?, ?)";
const LOG_COLUMNS: &str = "SELECT id, at, who, what, call, before, after FROM audit_log";
const INSERT_CALIBRATION: &str =
    "INSERT INTO calibrations (calls, graders, created_by, created_at) VALUES (?, ?, ?, ?)";
const GET_CALIBRATION: &str =
    "SELECT id, calls, graders, created_by, created_at FROM calibrations WHERE id = ?";
const PUT_GRADE: &str = "INSERT INTO calibration_grades (calibration, call, rule, grader, \
    outcome) VALUES (?, ?, ?, ?, ?) ON CONFLICT (calibration, call, rule, grader) \
    DO UPDATE SET outcome = excluded.outcome";
const GRADES_OF: &str = "SELECT calibration, call, rule, grader, outcome FROM calibration_grades \
    WHERE calibration = ? ORDER BY call, rule, grader";

/// The audit log's query: newest first, optionally one call's, at most
/// `limit` rows before the id `before` (0 = from the newest).
fn log_sql(call: Option<&str>, before: i64, limit: usize) -> String {
    let mut cond = vec!["1 = 1".to_string()];
    if call.is_some() {
        cond.push("call = ?".into());
    }
    if before > 0 {
        cond.push(format!("id < {before}"));
    }
    format!(
        "{LOG_COLUMNS} WHERE {} ORDER BY id DESC LIMIT {}",
        cond.join(" AND "),
        limit.max(1)
    )
}

/// The SQL of the SQLite backend.
pub(crate) mod sqlite {
    use super::*;
    use crate::error::{Context, StoreError};
    use rusqlite::{params, params_from_iter, Connection, OptionalExtension};

    pub(crate) fn put_dispute(c: &Connection, d: &Dispute) -> Result<i64, StoreError> {
        c.execute(
            INSERT_DISPUTE,
            params![
                d.call,
                d.rule,
                d.operator,
                d.queue,
                d.opened_by,
                d.comment,
                d.opened_at,
                d.state,
                d.decision,
                d.decided_by,
                d.decision_comment,
                d.decided_at,
                d.machine_outcome,
                d.needs_review as i64
            ],
        )
        .ctx("storing a dispute")?;
        Ok(c.last_insert_rowid())
    }

    pub(crate) fn update_dispute(
        c: &Connection,
        d: &Dispute,
        was: &str,
    ) -> Result<bool, StoreError> {
        let n = c
            .execute(
                UPDATE_DISPUTE,
                params![
                    d.state,
                    d.decision,
                    d.decided_by,
                    d.decision_comment,
                    d.decided_at,
                    d.machine_outcome,
                    d.needs_review as i64,
                    d.id,
                    was
                ],
            )
            .ctx("updating a dispute")?;
        Ok(n == 1)
    }

    pub(crate) fn get_dispute(c: &Connection, id: i64) -> Result<Option<Dispute>, StoreError> {
        c.query_row(
            &format!("SELECT {DISPUTE_COLUMNS} FROM disputes WHERE id = ?"),
            [id],
            |r| Ok(dispute_from!(r, get)),
        )
        .optional()
        .ctx("reading a dispute")
    }

    pub(crate) fn list_disputes(
        c: &Connection,
        q: &DisputeQuery,
    ) -> Result<Vec<Dispute>, StoreError> {
        let (sql, vals) = dispute_where(q);
        let mut st = c.prepare(&sql).ctx("listing disputes")?;
        let rows = st
            .query_map(params_from_iter(vals.iter()), |r| Ok(dispute_from!(r, get)))
            .ctx("listing disputes")?;
        rows.collect::<Result<_, _>>().ctx("listing disputes")
    }

    pub(crate) fn put_mark(c: &Connection, m: &ManualMark) -> Result<(), StoreError> {
        c.execute(
            PUT_MARK,
            params![
                m.call,
                m.item,
                m.outcome,
                m.comment,
                m.marked_by,
                m.marked_at
            ],
        )
        .ctx("storing a manual mark")?;
        Ok(())
    }

    pub(crate) fn marks_of(c: &Connection, call: &str) -> Result<Vec<ManualMark>, StoreError> {
        let mut st = c.prepare(MARKS_OF).ctx("reading manual marks")?;
        let rows = st
            .query_map([call], |r| {
                Ok(ManualMark {
                    call: r.get(0)?,
                    item: r.get(1)?,
                    outcome: r.get(2)?,
                    comment: r.get(3)?,
                    marked_by: r.get(4)?,
                    marked_at: r.get(5)?,
                })
            })
            .ctx("reading manual marks")?;
        rows.collect::<Result<_, _>>().ctx("reading manual marks")
    }

    pub(crate) fn log(c: &Connection, e: &AuditEntry) -> Result<i64, StoreError> {
        c.execute(
            INSERT_LOG,
            params![e.at, e.who, e.what, e.call, e.before, e.after],
        )
        .ctx("writing the audit log")?;
        Ok(c.last_insert_rowid())
    }

    pub(crate) fn read_log(
        c: &Connection,
        call: Option<&str>,
        before: i64,
        limit: usize,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let mut st = c
            .prepare(&log_sql(call, before, limit))
            .ctx("reading the audit log")?;
        let rows = st
            .query_map(params_from_iter(call.iter()), |r| {
                Ok(AuditEntry {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    who: r.get(2)?,
                    what: r.get(3)?,
                    call: r.get(4)?,
                    before: r.get(5)?,
                    after: r.get(6)?,
                })
            })
            .ctx("reading the audit log")?;
        rows.collect::<Result<_, _>>().ctx("reading the audit log")
    }

    pub(crate) fn create_calibration(c: &Connection, k: &Calibration) -> Result<i64, StoreError> {
        c.execute(
            INSERT_CALIBRATION,
            params![
                json_list(&k.calls),
                json_list(&k.graders),
                k.created_by,
                k.created_at
            ],
        )
        .ctx("storing a calibration")?;
        Ok(c.last_insert_rowid())
    }

    pub(crate) fn get_calibration(
        c: &Connection,
        id: i64,
    ) -> Result<Option<Calibration>, StoreError> {
        c.query_row(GET_CALIBRATION, [id], |r| {
            Ok(Calibration {
                id: r.get(0)?,
                calls: list(&r.get::<_, String>(1)?),
                graders: list(&r.get::<_, String>(2)?),
                created_by: r.get(3)?,
                created_at: r.get(4)?,
            })
        })
        .optional()
        .ctx("reading a calibration")
    }

    pub(crate) fn put_grade(c: &Connection, g: &Grade) -> Result<(), StoreError> {
        c.execute(
            PUT_GRADE,
            params![g.calibration, g.call, g.rule, g.grader, g.outcome],
        )
        .ctx("storing a grade")?;
        Ok(())
    }

    pub(crate) fn grades_of(c: &Connection, id: i64) -> Result<Vec<Grade>, StoreError> {
        let mut st = c.prepare(GRADES_OF).ctx("reading grades")?;
        let rows = st
            .query_map([id], |r| {
                Ok(Grade {
                    calibration: r.get(0)?,
                    call: r.get(1)?,
                    rule: r.get(2)?,
                    grader: r.get(3)?,
                    outcome: r.get(4)?,
                })
            })
            .ctx("reading grades")?;
        rows.collect::<Result<_, _>>().ctx("reading grades")
    }
}

/// The SQL of the PostgreSQL backend.
#[path = "disputes_pg.rs"]
pub(crate) mod pg;
