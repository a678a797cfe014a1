//! The PostgreSQL side of `disputes`: the same statements, numbered.

use super::*;
use crate::error::{Context, StoreError};
use crate::query::numbered;
use postgres::types::ToSql;
use postgres::Client;

pub(crate) fn put_dispute(c: &mut Client, d: &Dispute) -> Result<i64, StoreError> {
    let review = d.needs_review as i64;
    Ok(c.query_one(
        &format!("{} RETURNING id", numbered(INSERT_DISPUTE)),
        &[
            &d.call,
            &d.rule,
            &d.operator,
            &d.queue,
            &d.opened_by,
            &d.comment,
            &d.opened_at,
            &d.state,
            &d.decision,
            &d.decided_by,
            &d.decision_comment,
            &d.decided_at,
            &d.machine_outcome,
            &review,
        ],
    )
    .ctx("storing a dispute")?
    .get(0))
}

pub(crate) fn update_dispute(c: &mut Client, d: &Dispute, was: &str) -> Result<bool, StoreError> {
    let review = d.needs_review as i64;
    let n = c
        .execute(
            &numbered(UPDATE_DISPUTE),
            &[
                &d.state,
                &d.decision,
                &d.decided_by,
                &d.decision_comment,
                &d.decided_at,
                &d.machine_outcome,
                &review,
                &d.id,
                &was,
            ],
        )
        .ctx("updating a dispute")?;
    Ok(n == 1)
}

fn dispute(r: &postgres::Row) -> Result<Dispute, postgres::Error> {
    Ok(dispute_from!(r, try_get))
}

pub(crate) fn get_dispute(c: &mut Client, id: i64) -> Result<Option<Dispute>, StoreError> {
    c.query_opt(
        &format!("SELECT {DISPUTE_COLUMNS} FROM disputes WHERE id = $1"),
        &[&id],
    )
    .ctx("reading a dispute")?
    .map(|r| dispute(&r))
    .transpose()
    .ctx("reading a dispute")
}

pub(crate) fn list_disputes(c: &mut Client, q: &DisputeQuery) -> Result<Vec<Dispute>, StoreError> {
    let (sql, vals) = dispute_where(q);
    let params: Vec<&(dyn ToSql + Sync)> = vals.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
    c.query(&numbered(&sql), &params)
        .ctx("listing disputes")?
        .iter()
        .map(dispute)
        .collect::<Result<_, _>>()
        .ctx("listing disputes")
}

pub(crate) fn put_mark(c: &mut Client, m: &ManualMark) -> Result<(), StoreError> {
    c.execute(
        &numbered(PUT_MARK),
        &[
            &m.call,
            &m.item,
            &m.outcome,
            &m.comment,
            &m.marked_by,
            &m.marked_at,
        ],
    )
    .ctx("storing a manual mark")?;
    Ok(())
}

pub(crate) fn marks_of(c: &mut Client, call: &str) -> Result<Vec<ManualMark>, StoreError> {
    Ok(c.query(&numbered(MARKS_OF), &[&call])
        .ctx("reading manual marks")?
        .iter()
        .map(|r| ManualMark {
            call: r.get(0),
            item: r.get(1),
            outcome: r.get(2),
            comment: r.get(3),
            marked_by: r.get(4),
            marked_at: r.get(5),
        })
        .collect())
}

pub(crate) fn log(c: &mut Client, e: &AuditEntry) -> Result<i64, StoreError> {
    Ok(c.query_one(
        &format!("{} RETURNING id", numbered(INSERT_LOG)),
        &[&e.at, &e.who, &e.what, &e.call, &e.before, &e.after],
    )
    .ctx("writing the audit log")?
    .get(0))
}

pub(crate) fn read_log(
    c: &mut Client,
    call: Option<&str>,
    before: i64,
    limit: usize,
) -> Result<Vec<AuditEntry>, StoreError> {
    let params: Vec<&(dyn ToSql + Sync)> = call.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
    Ok(c.query(&numbered(&log_sql(call, before, limit)), &params)
        .ctx("reading the audit log")?
        .iter()
        .map(|r| AuditEntry {
            id: r.get(0),
            at: r.get(1),
            who: r.get(2),
            what: r.get(3),
            call: r.get(4),
            before: r.get(5),
            after: r.get(6),
        })
        .collect())
}

pub(crate) fn create_calibration(c: &mut Client, k: &Calibration) -> Result<i64, StoreError> {
    Ok(c.query_one(
        &format!("{} RETURNING id", numbered(INSERT_CALIBRATION)),
        &[
            &json_list(&k.calls),
            &json_list(&k.graders),
            &k.created_by,
            &k.created_at,
        ],
    )
    .ctx("storing a calibration")?
    .get(0))
}

pub(crate) fn get_calibration(c: &mut Client, id: i64) -> Result<Option<Calibration>, StoreError> {
    Ok(c.query_opt(&numbered(GET_CALIBRATION), &[&id])
        .ctx("reading a calibration")?
        .map(|r| Calibration {
            id: r.get(0),
            calls: list(r.get(1)),
            graders: list(r.get(2)),
            created_by: r.get(3),
            created_at: r.get(4),
        }))
}

pub(crate) fn put_grade(c: &mut Client, g: &Grade) -> Result<(), StoreError> {
    c.execute(
        &numbered(PUT_GRADE),
        &[&g.calibration, &g.call, &g.rule, &g.grader, &g.outcome],
    )
    .ctx("storing a grade")?;
    Ok(())
}

pub(crate) fn grades_of(c: &mut Client, id: i64) -> Result<Vec<Grade>, StoreError> {
    Ok(c.query(&numbered(GRADES_OF), &[&id])
        .ctx("reading grades")?
        .iter()
        .map(|r| Grade {
            calibration: r.get(0),
            call: r.get(1),
            rule: r.get(2),
            grader: r.get(3),
            outcome: r.get(4),
        })
        .collect())
}
