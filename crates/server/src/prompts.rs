//! Live prompts on the server: the store row of a `prompt` or
//! `prompt_outcome` message the live socket sent, and `GET
//! /api/v1/stats/prompts` — per rule, trigger and prompt, how often shown
//! and how often the operator then did what it asked within its window,
//! narrowed to what the token may see (an operator: its own calls; a
//! supervisor with queues: those queues).

use std::sync::Arc;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use callqa_engine::live::Out;
use callqa_standard::Standard;
use callqa_store::{PromptRow, PromptScope, Role};
use serde_json::{json, Value};

use crate::auth::{authorize, Need};
use crate::{blocking, ApiError, App};

/// The row to record for a prompt (`followed` unknown) or its outcome;
/// `None` for any other message. `now` is the server's Unix time.
pub fn row(
    std: &Standard,
    m: &Out,
    operator: Option<String>,
    queue: Option<String>,
    now: f64,
) -> Option<PromptRow> {
    let (call, id, rule, followed) = match m {
        Out::Prompt { call, id, rule, .. } => (call, id, rule, None),
        Out::PromptOutcome {
            call,
            id,
            rule,
            followed,
            ..
        } => (call, id, rule, Some(*followed)),
        _ => return None,
    };
    let trigger = std
        .prompts()
        .iter()
        .find(|p| p.id == *id)
        .and_then(|p| p.trigger.as_ref())
        .map_or("unknown", |t| t.name());
    Some(PromptRow {
        call: call.clone(),
        prompt: id.clone(),
        rule: rule.clone(),
        trigger: trigger.to_string(),
        operator: operator.filter(|o| o != "unknown"),
        queue,
        shown_at: now,
        followed,
    })
}

/// `GET /api/v1/stats/prompts`.
pub async fn stats(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let who = authorize(&app, &headers, Need::Read).await?;
    let scope = match who.role {
        Role::Operator => PromptScope {
            operator: Some(who.operator.clone().unwrap_or_default()),
            queues: None,
        },
        Role::Supervisor if !who.queues.is_empty() => PromptScope {
            operator: None,
            queues: Some(who.queues.clone()),
        },
        _ => PromptScope::default(),
    };
    let store = app.store.clone();
    let rows = blocking(move || Ok(store.prompt_stats(&scope)?)).await?;
    let prompts: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "rule": r.rule,
                "trigger": r.trigger,
                "prompt": r.prompt,
                "shown": r.shown,
                "decided": r.decided,
                "followed": r.followed,
                "followed_share": if r.decided == 0 {
                    Value::Null
                } else {
                    json!((r.followed as f64 / r.decided as f64 * 1000.0).round() / 1000.0)
                },
            })
        })
        .collect();
    Ok(Json(json!({ "prompts": prompts })))
}
