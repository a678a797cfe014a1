//! `/calls`: the call list with every filter of the API (days, operator,
//! queue, direction, language, score band, passed, rule and outcome, text
//! search), newest first, a keyset page at a time (the API's cursor).

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use callqa_store::{Cursor, Filter, ListQuery};

use super::period::known;
use super::PageRequest;
use super::{answer, encode, link, rule_title, when, Chrome, PageError};
use crate::App;

/// A call in the list.
pub struct Row {
    pub href: String,
    pub when: String,
    pub operator: String,
    pub queue: String,
    pub direction: &'static str,
    pub language: String,
    pub duration: String,
    pub score: String,
    pub score_class: &'static str,
    pub failed: Vec<String>,
    pub more: usize,
}

/// The filter form's current values.
#[derive(Default)]
pub struct Form {
    pub from: String,
    pub to: String,
    pub operator: String,
    pub queue: String,
    pub direction: String,
    pub language: String,
    pub band: String,
    pub passed: String,
    pub rule: String,
    pub outcome: String,
    pub q: String,
}

#[derive(Template)]
#[template(path = "calls.html")]
struct Page {
    c: Chrome,
    form: Form,
    queues: Vec<String>,
    operators: Vec<(String, String)>,
    rules: Vec<(String, String)>,
    rows: Vec<Row>,
    next: Option<String>,
    first: Option<String>,
}

/// The score band's `min_score` and `max_score`.
fn band(v: &str) -> Result<(f64, f64), PageError> {
    Ok(match v {
        "low" => (0.0, 49.99),
        "mid" => (50.0, 69.99),
        "good" => (70.0, 89.99),
        "top" => (90.0, 100.0),
        _ => {
            return Err(PageError::status(
                StatusCode::BAD_REQUEST,
                format!("band: {v:?} is not low, mid, good or top"),
            ))
        }
    })
}

/// `GET /calls`.
pub async fn page(
    State(app): State<Arc<App>>,
    PageRequest { ctx, params: p }: PageRequest,
) -> Response {
    answer(ctx, move |ctx| {
        let store = &*app.store;
        let t = ctx.t();
        let mut f: Filter = super::filter(ctx, &p, &["cursor", "band"])?;
        if let Some(b) = p.get("band") {
            let (lo, hi) = band(b)?;
            f.min_score = f.min_score.or(Some(lo));
            f.max_score = f.max_score.or(Some(hi));
        }
        let cursor = match p.get("cursor") {
            Some(c) => Some(Cursor::decode(c).ok_or_else(|| {
                PageError::status(
                    StatusCode::BAD_REQUEST,
                    format!("cursor: {c:?} is not a cursor"),
                )
            })?),
            None => None,
        };
        let page = store.list_calls(&ListQuery {
            filter: f,
            limit: 50,
            cursor,
            with_audit: false,
        })?;
        let rows = page
            .calls
            .iter()
            .map(|r| Row {
                href: format!("/calls/{}", encode(&r.id)),
                when: when(r.started_at.as_deref()),
                operator: r
                    .operator_name
                    .clone()
                    .unwrap_or_else(|| r.operator.clone()),
                queue: r.queue.clone().unwrap_or_default(),
                direction: if r.direction == "outbound" {
                    t.outbound
                } else {
                    t.inbound
                },
                language: r.language.clone().unwrap_or_default(),
                duration: super::clock(r.duration),
                score: super::score_text(r.score),
                score_class: super::score_class(r.score, r.passed),
                failed: r
                    .failed_rules
                    .iter()
                    .take(3)
                    .map(|id| rule_title(&app, ctx.ui, id))
                    .collect(),
                more: r.failed_rules.len().saturating_sub(3),
            })
            .collect();
        let next = page
            .next
            .map(|c| link("/calls", &p, &[("cursor", &c.encode())], &[]));
        let first = cursor.map(|_| link("/calls", &p, &[], &["cursor"]));
        let get = |k: &str| p.get(k).cloned().unwrap_or_default();
        let form = Form {
            from: get("from"),
            to: get("to"),
            operator: get("operator"),
            queue: get("queue"),
            direction: get("direction"),
            language: get("language"),
            band: get("band"),
            passed: get("passed"),
            rule: get("rule"),
            outcome: get("outcome"),
            q: get("q"),
        };
        let (queues, mut operators) = known(store, ctx)?;
        if !form.operator.is_empty() && !operators.iter().any(|o| o.0 == form.operator) {
            operators.push((form.operator.clone(), form.operator.clone()));
        }
        let rules = app
            .active()
            .standard
            .rules()
            .iter()
            .map(|r| (r.id.clone(), rule_title(&app, ctx.ui, &r.id)))
            .collect();
        let page = Page {
            c: ctx.chrome("calls", t.calls),
            form,
            queues,
            operators: if ctx.is_operator() {
                Vec::new()
            } else {
                operators
            },
            rules,
            rows,
            next,
            first,
        };
        ctx.render(&page)
    })
    .await
}
