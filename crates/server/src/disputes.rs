//! Disputes and manual marks (`server-api.md`, "Disputes and manual
//! marks"): an operator disputes a verdict of its own call, a supervisor
//! upholds or overturns it, and marks a call's `[[manual]]` items. An
//! overturned verdict counts as `pass`; a mark counts as the catalog's
//! Revision 2 decisions say. After each change the call is audited again
//! through the path re-scoring uses ([`redecide`]: the machine's audit,
//! then the engine's `rescore_with` with every mark and overturned
//! verdict of the call), so its score, lists and stats follow at once and
//! a later re-score keeps them. Every change is written to the audit log
//! (`GET /api/v1/audit-log`: who, when, what, before, after).

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use callqa_engine::{history::History, Horizon, Mark, Override};
use callqa_model::{call_from_str, Call, Outcome};
use callqa_standard::Standard;
use callqa_store::{
    AuditEntry, Dispute, DisputeQuery, ManualMark, Role, Store, StoreError, StoreHistory,
    StoredCall, TokenInfo,
};
use serde_json::{json, Value};

use crate::audit::{self, Adjust};
use crate::auth::{authorize, Need};
use crate::{blocking, ApiError, App};

/// The marks and overturned verdicts of a call, as the engine takes
/// them, from its marks and disputes.
fn adjust(marks: Vec<ManualMark>, disputes: &[Dispute]) -> Adjust {
    let marks = marks
        .into_iter()
        .map(|m| Mark {
            item: m.item,
            passed: m.outcome == "pass",
            note: Some(m.comment).filter(|c| !c.trim().is_empty()),
        })
        .collect();
    let overrides = disputes
        .iter()
        .filter(|d| d.state == "decided" && d.decision.as_deref() == Some("overturned"))
        .map(|d| Override {
            rule: d.rule.clone(),
            outcome: Outcome::Pass,
            note: None,
        })
        .collect();
    Adjust { marks, overrides }
}

/// The marks and overturned verdicts of a stored call.
pub fn adjust_of(store: &dyn Store, call: &str) -> Result<Adjust, StoreError> {
    let disputes = store.list_disputes(&DisputeQuery {
        call: Some(call.to_string()),
        ..DisputeQuery::default()
    })?;
    Ok(adjust(store.marks_of_call(call)?, &disputes))
}

/// Audits a stored call again (as re-scoring and cross-call decisions do)
/// with its marks and overturned verdicts applied. A dispute whose rule
/// the machine now judges otherwise than it did when disputed or last
/// reviewed (or no longer has: `none`) is flagged `needs_review`, with
/// the new machine outcome kept and the change in the audit log (who:
/// `rescore`).
pub fn redecide(
    store: &dyn Store,
    std: &Standard,
    revision: i64,
    call: &Call,
    history: &dyn History,
    horizon: Horizon,
) -> Result<StoredCall, StoreError> {
    let disputes = store.list_disputes(&DisputeQuery {
        call: Some(call.id.clone()),
        ..DisputeQuery::default()
    })?;
    let marks = store.marks_of_call(&call.id)?;
    if disputes.is_empty() && marks.is_empty() {
        return Ok(audit::decide(std, revision, call, history, horizon));
    }
    let adjust = adjust(marks, &disputes);
    let (stored, machine) = audit::decide_with(std, revision, call, history, horizon, &adjust);
    for d in disputes {
        let now = machine
            .iter()
            .find(|(rule, _)| *rule == d.rule)
            .map_or("none", |(_, o)| o.as_str());
        if now == d.machine_outcome {
            continue;
        }
        let mut flagged = d.clone();
        flagged.needs_review = true;
        flagged.machine_outcome = now.to_string();
        if store.update_dispute(&flagged, &d.state)? {
            store.append_audit_log(&AuditEntry {
                id: 0,
                at: rfc3339(horizon_now()),
                who: "rescore".into(),
                what: "dispute.flag".into(),
                call: Some(d.call.clone()),
                before: dispute_json(&d).to_string(),
                after: dispute_json(&flagged).to_string(),
            })?;
        }
    }
    Ok(stored)
}

fn horizon_now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

fn rfc3339(secs: f64) -> String {
    time::OffsetDateTime::from_unix_timestamp(secs as i64)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// The score and pass of a stored call, for the audit log.
fn standing(store: &dyn Store, call: &str) -> Result<Value, StoreError> {
    let Some(detail) = store.get_call(call)? else {
        return Ok(Value::Null);
    };
    let audit: Value = serde_json::from_str(&detail.audit).unwrap_or(Value::Null);
    Ok(json!({"score": audit["score"], "passed": audit["passed"]}))
}

/// Re-stores one call's audit under its own revision with its marks and
/// overturned verdicts (keeping its audits of other revisions).
fn restore(app: &App, id: &str) -> Result<(), ApiError> {
    let store = &*app.store;
    let detail = store
        .get_call(id)?
        .ok_or_else(|| ApiError::not_found(format!("no call {id:?}")))?;
    let call = call_from_str(&detail.record)
        .map_err(|e| ApiError::internal(format!("stored call {id:?} does not read: {e}")))?;
    let active = app.active();
    let std = if detail.revision == active.revision {
        active.standard.clone()
    } else {
        let rev = store.get_standard(Some(detail.revision))?.ok_or_else(|| {
            ApiError::internal(format!("no standard revision {}", detail.revision))
        })?;
        audit::compile(&format!("standard revision {}", rev.revision), &rev.toml)
            .map_err(|errs| ApiError::internal(errs.join("\n")))?
    };
    let history = StoreHistory::new(store, [id.to_string()]);
    let stored = redecide(
        store,
        &std,
        detail.revision,
        &call,
        &history,
        app.known().horizon(),
    )?;
    history.finish()?;
    store.put_calls(&[stored], true)?;
    Ok(())
}

pub(crate) fn now_text(app: &App) -> String {
    rfc3339((app.clock)())
}

/// A dispute as the API shows it.
pub fn dispute_json(d: &Dispute) -> Value {
    json!({
        "id": d.id,
        "call": d.call,
        "rule": d.rule,
        "operator": d.operator,
        "queue": d.queue,
        "opened_by": d.opened_by,
        "comment": d.comment,
        "opened_at": d.opened_at,
        "state": d.state,
        "decision": d.decision,
        "decided_by": d.decided_by,
        "decision_comment": d.decision_comment,
        "decided_at": d.decided_at,
        "machine_outcome": d.machine_outcome,
        "needs_review": d.needs_review,
    })
}

fn field<'a>(body: &'a Value, name: &str) -> Result<&'a str, ApiError> {
    match body.get(name) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s),
        None | Some(Value::Null) => Err(ApiError::bad_request(format!("{name}: missing"))),
        Some(other) => Err(ApiError::bad_request(format!(
            "{name}: {other} is not a non-empty string"
        ))),
    }
}

fn comment(body: &Value) -> Result<String, ApiError> {
    match body.get("comment") {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(other) => Err(ApiError::bad_request(format!(
            "comment: {other} is not a string"
        ))),
    }
}

/// Whether `who` may see and act on a call of this operator and queue:
/// an operator only its own, a supervisor only its queues.
pub(crate) fn may_touch(who: &TokenInfo, operator: &str, queue: Option<&str>) -> bool {
    match who.role {
        Role::Operator => who.operator.as_deref() == Some(operator),
        Role::Supervisor if !who.queues.is_empty() => {
            queue.is_some_and(|q| who.queues.iter().any(|w| w == q))
        }
        Role::Admin | Role::Supervisor => true,
        Role::Ingest => false,
    }
}

/// A stored call's operator, queue and audit JSON.
pub(crate) fn call_parts(
    store: &dyn Store,
    id: &str,
) -> Result<(String, Option<String>, Value), ApiError> {
    let detail = store
        .get_call(id)?
        .ok_or_else(|| ApiError::not_found(format!("no call {id:?}")))?;
    let call: Value = serde_json::from_str(&detail.record)
        .map_err(|e| ApiError::internal(format!("stored record of {id:?}: {e}")))?;
    let audit: Value = serde_json::from_str(&detail.audit)
        .map_err(|e| ApiError::internal(format!("stored audit of {id:?}: {e}")))?;
    let operator = call["operator"]["id"].as_str().unwrap_or("").to_string();
    let queue = call["tags"]["queue"].as_str().map(str::to_string);
    Ok((operator, queue, audit))
}

fn forbidden(what: String) -> ApiError {
    ApiError::new(StatusCode::FORBIDDEN, what)
}

fn log(
    store: &dyn Store,
    app: &App,
    who: &TokenInfo,
    what: &str,
    call: &str,
    before: Value,
    after: Value,
) -> Result<(), StoreError> {
    store.append_audit_log(&AuditEntry {
        id: 0,
        at: now_text(app),
        who: who.name.clone(),
        what: what.into(),
        call: Some(call.into()),
        before: before.to_string(),
        after: after.to_string(),
    })?;
    Ok(())
}

/// Opens a dispute (the core of `POST /api/v1/calls/{id}/disputes`).
pub fn open(app: &App, who: &TokenInfo, id: &str, rule: &str, text: &str) -> Result<i64, ApiError> {
    let store = &*app.store;
    let (operator, queue, audit) = call_parts(store, id)?;
    if !may_touch(who, &operator, queue.as_deref()) {
        return Err(forbidden(format!(
            "call {id:?} is not one this {} may dispute",
            who.role.as_str()
        )));
    }
    let verdict = audit["verdicts"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|v| v["rule"] == rule && v["manual"] != true)
        .ok_or_else(|| {
            ApiError::not_found(format!("call {id:?} has no verdict of rule {rule:?}"))
        })?;
    let already = store.list_disputes(&DisputeQuery {
        call: Some(id.into()),
        rule: Some(rule.into()),
        state: Some("open".into()),
        ..DisputeQuery::default()
    })?;
    if let Some(d) = already.first() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!(
                "rule {rule:?} of call {id:?} is already disputed (dispute {})",
                d.id
            ),
        ));
    }
    let mut d = Dispute {
        call: id.into(),
        rule: rule.into(),
        operator,
        queue,
        opened_by: who.name.clone(),
        comment: text.into(),
        opened_at: now_text(app),
        state: "open".into(),
        machine_outcome: verdict["outcome"].as_str().unwrap_or("n/a").into(),
        ..Dispute::default()
    };
    d.id = store.put_dispute(&d)?;
    log(
        store,
        app,
        who,
        "dispute.open",
        id,
        Value::Null,
        dispute_json(&d),
    )?;
    Ok(d.id)
}

/// Decides an open dispute (the core of `POST /api/v1/disputes/{id}/decision`).
pub fn decide(
    app: &App,
    who: &TokenInfo,
    id: i64,
    decision: &str,
    text: &str,
) -> Result<Dispute, ApiError> {
    if decision != "upheld" && decision != "overturned" {
        return Err(ApiError::bad_request(format!(
            "decision: {decision:?} is not \"upheld\" or \"overturned\""
        )));
    }
    let store = &*app.store;
    let before = store
        .get_dispute(id)?
        .ok_or_else(|| ApiError::not_found(format!("no dispute {id}")))?;
    if who.role == Role::Operator || !may_touch(who, &before.operator, before.queue.as_deref()) {
        return Err(forbidden(format!(
            "dispute {id} is not one this token may decide"
        )));
    }
    if before.state != "open" && !before.needs_review {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!(
                "dispute {id} is already decided ({})",
                before.decision.clone().unwrap_or_default()
            ),
        ));
    }
    let standing_before = standing(store, &before.call)?;
    let mut d = before.clone();
    d.state = "decided".into();
    d.decision = Some(decision.into());
    d.decided_by = Some(who.name.clone());
    d.decision_comment = Some(text.into());
    d.decided_at = Some(now_text(app));
    d.needs_review = false;
    if !store.update_dispute(&d, &before.state)? {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!("dispute {id} was decided meanwhile"),
        ));
    }
    // Also an upheld re-decision: it takes an earlier override back.
    restore(app, &d.call)?;
    let mut b = dispute_json(&before);
    b["call_standing"] = standing_before;
    let mut a = dispute_json(&d);
    a["call_standing"] = standing(store, &d.call)?;
    log(store, app, who, "dispute.decide", &d.call, b, a)?;
    Ok(d)
}

/// Marks a `[[manual]]` item of a call (the core of `POST /api/v1/calls/{id}/manual`).
pub fn mark(
    app: &App,
    who: &TokenInfo,
    id: &str,
    item: &str,
    outcome: &str,
    text: &str,
) -> Result<Value, ApiError> {
    if outcome != "pass" && outcome != "fail" {
        return Err(ApiError::bad_request(format!(
            "outcome: {outcome:?} is not \"pass\" or \"fail\""
        )));
    }
    let store = &*app.store;
    let (operator, queue, audit) = call_parts(store, id)?;
    if who.role == Role::Operator || !may_touch(who, &operator, queue.as_deref()) {
        return Err(forbidden(format!(
            "call {id:?} is not one this token may mark"
        )));
    }
    let known = app
        .active()
        .standard
        .manual_items()
        .iter()
        .any(|m| m.id == item);
    let in_audit = audit["verdicts"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|v| v["rule"] == item && v["manual"] == true);
    if !known || !in_audit {
        return Err(ApiError::bad_request(format!(
            "item: {item:?} is not a [[manual]] item of the call's standard"
        )));
    }
    let earlier = store
        .marks_of_call(id)?
        .into_iter()
        .find(|m| m.item == item);
    let standing_before = standing(store, id)?;
    let m = ManualMark {
        call: id.into(),
        item: item.into(),
        outcome: outcome.into(),
        comment: text.into(),
        marked_by: who.name.clone(),
        marked_at: now_text(app),
    };
    store.put_mark(&m)?;
    restore(app, id)?;
    let standing_after = standing(store, id)?;
    let mark_json = |m: &ManualMark| {
        json!({"item": m.item, "outcome": m.outcome, "comment": m.comment,
               "marked_by": m.marked_by, "marked_at": m.marked_at})
    };
    let before = json!({"mark": earlier.as_ref().map(mark_json), "call_standing": standing_before});
    let after = json!({"mark": mark_json(&m), "call_standing": standing_after.clone()});
    log(store, app, who, "manual.mark", id, before, after.clone())?;
    Ok(after)
}

fn body(bytes: &[u8]) -> Result<Value, ApiError> {
    let v: Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request(format!("the body is not json: {e}")))?;
    if !v.is_object() {
        return Err(ApiError::bad_request("the body must be a json object"));
    }
    Ok(v)
}

/// `POST /api/v1/calls/{id}/disputes`.
pub async fn post_dispute(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    bytes: axum::body::Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let who = authorize(&app, &headers, Need::Read).await?;
    let v = body(&bytes)?;
    let rule = field(&v, "rule")?.to_string();
    let text = comment(&v)?;
    let n = blocking(move || open(&app, &who, &id, &rule, &text)).await?;
    Ok((StatusCode::CREATED, Json(json!({"id": n}))))
}

/// `POST /api/v1/disputes/{id}/decision`.
pub async fn post_decision(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    bytes: axum::body::Bytes,
) -> Result<Json<Value>, ApiError> {
    let who = authorize(&app, &headers, Need::Supervise).await?;
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::not_found(format!("no dispute {id:?}")))?;
    let v = body(&bytes)?;
    let decision = field(&v, "decision")?.to_string();
    let text = comment(&v)?;
    let d = blocking(move || decide(&app, &who, id, &decision, &text)).await?;
    Ok(Json(dispute_json(&d)))
}

/// `POST /api/v1/calls/{id}/manual`.
pub async fn post_mark(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    bytes: axum::body::Bytes,
) -> Result<Json<Value>, ApiError> {
    let who = authorize(&app, &headers, Need::Supervise).await?;
    let v = body(&bytes)?;
    let item = field(&v, "item")?.to_string();
    let outcome = field(&v, "outcome")?.to_string();
    let text = comment(&v)?;
    Ok(Json(
        blocking(move || mark(&app, &who, &id, &item, &outcome, &text)).await?,
    ))
}

/// The list filters of `GET /api/v1/disputes`, narrowed to the caller.
fn query(who: &TokenInfo, p: &HashMap<String, String>) -> Result<DisputeQuery, ApiError> {
    let mut q = DisputeQuery {
        limit: 100,
        ..DisputeQuery::default()
    };
    for (k, v) in p {
        match k.as_str() {
            "state" if v == "open" || v == "decided" => q.state = Some(v.clone()),
            "state" => {
                return Err(ApiError::bad_request(format!(
                    "state: {v:?} is not open or decided"
                )))
            }
            "call" => q.call = Some(v.clone()),
            "operator" => q.operator = Some(v.clone()),
            "rule" => q.rule = Some(v.clone()),
            "queue" => q.queue = Some(v.clone()),
            "needs_review" => {
                q.needs_review = Some(match v.as_str() {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => {
                        return Err(ApiError::bad_request(format!(
                            "needs_review: {v:?} is not true or false"
                        )))
                    }
                })
            }
            "limit" => {
                q.limit = v
                    .parse()
                    .ok()
                    .filter(|n| (1..=1000).contains(n))
                    .ok_or_else(|| {
                        ApiError::bad_request(format!(
                            "limit: {v:?} is not a number from 1 to 1000"
                        ))
                    })?
            }
            _ => return Err(ApiError::bad_request(format!("unknown parameter {k:?}"))),
        }
    }
    match who.role {
        Role::Operator => q.scope_operator = Some(who.operator.clone().unwrap_or_default()),
        Role::Supervisor if !who.queues.is_empty() => q.scope_queues = Some(who.queues.clone()),
        _ => {}
    }
    Ok(q)
}

/// `GET /api/v1/disputes`.
pub async fn list(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(p): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    let who = authorize(&app, &headers, Need::Read).await?;
    let q = query(&who, &p)?;
    let store = app.store.clone();
    let rows = blocking(move || Ok(store.list_disputes(&q)?)).await?;
    Ok(Json(
        json!({"disputes": rows.iter().map(dispute_json).collect::<Vec<_>>()}),
    ))
}

/// `GET /api/v1/audit-log?call=ID&before=ID&limit=N` (admin, supervisor).
pub async fn audit_log(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(p): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    authorize(&app, &headers, Need::Supervise).await?;
    let mut call = None;
    let (mut before, mut limit) = (0i64, 100usize);
    for (k, v) in &p {
        match k.as_str() {
            "call" => call = Some(v.clone()),
            "before" => {
                before = v
                    .parse()
                    .map_err(|_| ApiError::bad_request(format!("before: {v:?} is not an id")))?
            }
            "limit" => {
                limit = v
                    .parse()
                    .ok()
                    .filter(|n| (1..=1000).contains(n))
                    .ok_or_else(|| {
                        ApiError::bad_request(format!(
                            "limit: {v:?} is not a number from 1 to 1000"
                        ))
                    })?
            }
            _ => return Err(ApiError::bad_request(format!("unknown parameter {k:?}"))),
        }
    }
    let store = app.store.clone();
    let rows = blocking(move || Ok(store.audit_log(call.as_deref(), before, limit)?)).await?;
    let entries: Vec<Value> = rows
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "at": e.at,
                "who": e.who,
                "what": e.what,
                "call": e.call,
                "before": serde_json::from_str::<Value>(&e.before).unwrap_or(Value::Null),
                "after": serde_json::from_str::<Value>(&e.after).unwrap_or(Value::Null),
            })
        })
        .collect();
    Ok(Json(json!({"entries": entries})))
}
