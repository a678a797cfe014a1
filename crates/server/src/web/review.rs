//! The review panel of a call page (`templates/review.html`): the call's
//! disputes, a form for the operator to dispute a verdict, upheld /
//! overturned buttons for a supervisor, and marks of the standard's
//! `[[manual]]` items. Plain HTML forms post to the small handlers here,
//! which call the same code as the JSON API (`disputes::open`, `decide`,
//! `mark`) and answer `303` back to the call page. The session cookie is
//! `SameSite=Lax`, so another site cannot post these forms as the user.
//! Below the panel, for a supervisor (as `GET /api/v1/audit-log`), the
//! call's history: every change of the audit log with who, when, what and
//! the score before and after.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use axum::Form;
use callqa_store::{DisputeQuery, Role};
use serde_json::Value;

use super::{encode, submit, Ctx, PageError, Params};
use crate::{disputes, App};

/// One dispute as the panel lists it.
pub struct Row {
    pub id: i64,
    pub rule: String,
    pub title: String,
    pub comment: String,
    pub opened_by: String,
    pub open: bool,
    pub decision: String,
    pub decided_by: String,
    pub decision_comment: String,
    pub opened_at: String,
    pub decided_at: String,
    pub needs_review: bool,
}

/// One change of the call's history (an audit-log entry).
pub struct Entry {
    /// `dispute.open`, `dispute.decide`, `manual.mark`…
    pub what: String,
    /// What happened, in words.
    pub label: String,
    /// The rule or item concerned, with the outcome or decision, and the
    /// comment.
    pub detail: String,
    pub who: String,
    /// RFC 3339, and as shown.
    pub at: String,
    pub at_text: String,
    /// `62.5 → 75.0` when the change moved the score.
    pub score: String,
}

/// A `[[manual]]` item and how it is marked now.
pub struct Item {
    pub id: String,
    pub title: String,
    pub outcome: String,
    pub outcome_label: &'static str,
}

/// What the panel shows.
pub struct Review {
    pub disputes: Vec<Row>,
    /// Rules the principal may dispute (failed machine verdicts with no open dispute).
    pub disputable: Vec<(String, String)>,
    /// A supervisor or admin: decide buttons and marks.
    pub supervise: bool,
    pub items: Vec<Item>,
    /// The call's history, newest first (supervisors only).
    pub history: Vec<Entry>,
}

/// The panel of a call whose stored audit is `audit`.
pub fn review(
    app: &App,
    ctx: &Ctx,
    id: &str,
    audit: &Value,
    title: impl Fn(&str) -> String,
) -> Result<Review, PageError> {
    let rows = app.store.list_disputes(&DisputeQuery {
        call: Some(id.into()),
        ..DisputeQuery::default()
    })?;
    let verdicts: Vec<&Value> = audit["verdicts"].as_array().into_iter().flatten().collect();
    let open: Vec<&str> = rows
        .iter()
        .filter(|d| d.state == "open")
        .map(|d| d.rule.as_str())
        .collect();
    let disputable = verdicts
        .iter()
        .filter(|v| v["manual"] != true && v["outcome"] == "fail")
        .filter_map(|v| v["rule"].as_str())
        .filter(|r| !open.contains(r))
        .map(|r| (r.to_string(), title(r)))
        .collect();
    let supervise = matches!(ctx.who.role, Role::Admin | Role::Supervisor);
    let items = verdicts
        .iter()
        .filter(|v| v["manual"] == true)
        .filter_map(|v| {
            let rid = v["rule"].as_str()?;
            let outcome = v["outcome"].as_str().unwrap_or("n/a").to_string();
            Some(Item {
                id: rid.to_string(),
                title: title(rid),
                outcome_label: match outcome.as_str() {
                    "pass" => ctx.t().pass,
                    "fail" => ctx.t().fail,
                    _ => ctx.t().review.not_marked,
                },
                outcome,
            })
        })
        .collect();
    Ok(Review {
        disputes: rows
            .into_iter()
            .map(|d| Row {
                id: d.id,
                open: d.state == "open",
                title: title(&d.rule),
                rule: d.rule,
                comment: d.comment,
                opened_by: d.opened_by,
                decision: d.decision.unwrap_or_default(),
                decided_by: d.decided_by.unwrap_or_default(),
                decision_comment: d.decision_comment.unwrap_or_default(),
                opened_at: super::when(Some(&d.opened_at)),
                decided_at: super::when(d.decided_at.as_deref()),
                needs_review: d.needs_review,
            })
            .collect(),
        disputable,
        supervise,
        items,
        history: if supervise {
            history(app, ctx, id, &title)?
        } else {
            Vec::new()
        },
    })
}

/// How many changes of a call's history the page shows.
const HISTORY: usize = 100;

/// The score of a logged `call_standing`, as text.
fn standing(v: &Value) -> Option<String> {
    let s = &v["call_standing"];
    s.is_object()
        .then(|| super::score_text(s["score"].as_f64()))
}

/// A call's history from the audit log, newest first.
fn history(
    app: &App,
    ctx: &Ctx,
    id: &str,
    title: &dyn Fn(&str) -> String,
) -> Result<Vec<Entry>, PageError> {
    let t = ctx.t();
    let w = t.review;
    let rows = app.store.audit_log(Some(id), 0, HISTORY)?;
    Ok(rows
        .into_iter()
        .map(|e| {
            let before: Value = serde_json::from_str(&e.before).unwrap_or(Value::Null);
            let after: Value = serde_json::from_str(&e.after).unwrap_or(Value::Null);
            let outcome = |o: &str| match o {
                "pass" => t.pass,
                "fail" => t.fail,
                "n/a" => t.na,
                "overturned" => t.overturned,
                "upheld" => t.upheld,
                _ => "",
            };
            let comment = |c: &Value| {
                c.as_str()
                    .filter(|c| !c.is_empty())
                    .map(|c| format!(" — {c}"))
                    .unwrap_or_default()
            };
            let (label, detail) = match e.what.as_str() {
                "dispute.open" => (
                    w.log_dispute_open,
                    format!(
                        "«{}»{}",
                        title(after["rule"].as_str().unwrap_or("")),
                        comment(&after["comment"])
                    ),
                ),
                "dispute.decide" => (
                    w.log_dispute_decide,
                    format!(
                        "«{}»: {}{}",
                        title(after["rule"].as_str().unwrap_or("")),
                        outcome(after["decision"].as_str().unwrap_or("")),
                        comment(&after["decision_comment"])
                    ),
                ),
                "manual.mark" => (
                    w.log_manual_mark,
                    format!(
                        "«{}»: {}{}",
                        title(after["mark"]["item"].as_str().unwrap_or("")),
                        outcome(after["mark"]["outcome"].as_str().unwrap_or("")),
                        comment(&after["mark"]["comment"])
                    ),
                ),
                "calibration.grade" => (
                    w.log_calibration_grade,
                    format!(
                        "{} · «{}»: {}",
                        after["calibration"],
                        title(after["rule"].as_str().unwrap_or("")),
                        outcome(after["outcome"].as_str().unwrap_or(""))
                    ),
                ),
                "calibration.create" => (w.log_calibration_create, String::new()),
                _ => ("", e.what.clone()),
            };
            let score = match (standing(&before), standing(&after)) {
                (Some(b), Some(a)) if a != b => format!("{b} → {a}"),
                (Some(b), Some(_)) => b,
                _ => String::new(),
            };
            Entry {
                label: if label.is_empty() {
                    e.what.clone()
                } else {
                    label.to_string()
                },
                what: e.what,
                detail,
                who: e.who,
                at_text: super::when(Some(&e.at)),
                at: e.at,
                score,
            }
        })
        .collect())
}

type Fields = HashMap<String, String>;

fn get(f: &Fields, name: &str) -> String {
    f.get(name)
        .map(|v| v.trim().to_string())
        .unwrap_or_default()
}

/// Runs a form's action as the signed-in principal, then back to the call.
async fn act(
    app: Arc<App>,
    headers: HeaderMap,
    uri: Uri,
    call: String,
    f: impl FnOnce(&App, &Ctx) -> Result<(), crate::ApiError> + Send + 'static,
) -> Response {
    let a = app.clone();
    submit(&app, &headers, &uri, Params::new(), move |ctx| {
        f(&a, ctx)?;
        Ok(format!("/calls/{}#review", encode(&call)))
    })
    .await
}

/// `POST /calls/{id}/dispute` (`rule`, `comment`).
pub async fn dispute(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
    Form(f): Form<Fields>,
) -> Response {
    let call = id.clone();
    act(app, headers, uri, call, move |app, ctx| {
        disputes::open(app, &ctx.who, &id, &get(&f, "rule"), &get(&f, "comment")).map(|_| ())
    })
    .await
}

/// `POST /disputes/{id}/decide` (`decision`, `comment`, `call`).
pub async fn decide(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
    Form(f): Form<Fields>,
) -> Response {
    let call = get(&f, "call");
    act(app, headers, uri, call, move |app, ctx| {
        if !matches!(ctx.who.role, Role::Admin | Role::Supervisor) {
            return Err(crate::ApiError::new(
                axum::http::StatusCode::FORBIDDEN,
                "only a supervisor decides disputes",
            ));
        }
        disputes::decide(app, &ctx.who, id, &get(&f, "decision"), &get(&f, "comment")).map(|_| ())
    })
    .await
}

/// `POST /calls/{id}/mark` (`item`, `outcome`, `comment`).
pub async fn mark(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
    Form(f): Form<Fields>,
) -> Response {
    let call = id.clone();
    act(app, headers, uri, call, move |app, ctx| {
        let (item, outcome) = (get(&f, "item"), get(&f, "outcome"));
        disputes::mark(app, &ctx.who, &id, &item, &outcome, &get(&f, "comment")).map(|_| ())
    })
    .await
}
