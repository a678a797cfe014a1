//! `/live`: the calls in progress on the live socket (`GET /api/v1/live`)
//! that the user may see — an operator only their own — with the prompts
//! shown and the rules decided `fail` so far. The page reloads itself every
//! three seconds (no script needed); the figures come from the server's
//! registry of live calls, the same one `GET /api/v1/live/calls` answers.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::PageRequest;
use super::{answer, rule_title, when, Chrome};
use crate::App;

/// One call in progress as the page shows it.
pub struct Row {
    pub id: String,
    pub direction: &'static str,
    pub operator: String,
    pub queue: String,
    pub started: String,
    pub prompts: u64,
    pub last_prompt: Option<String>,
    pub failed: Vec<String>,
}

#[derive(Template)]
#[template(path = "live.html")]
struct Page {
    c: Chrome,
    calls: Vec<Row>,
}

/// `GET /live`.
pub async fn page(State(app): State<Arc<App>>, PageRequest { ctx, .. }: PageRequest) -> Response {
    answer(ctx, move |ctx| {
        let t = ctx.t();
        let calls = app
            .live
            .visible(&ctx.who)
            .into_iter()
            .map(|c| Row {
                direction: if c.direction == "outbound" {
                    t.outbound
                } else {
                    t.inbound
                },
                started: when(c.started_at.as_deref()),
                queue: c.queue.unwrap_or_default(),
                failed: c
                    .failed_rules
                    .iter()
                    .map(|r| rule_title(&app, ctx.ui, r))
                    .collect(),
                id: c.id,
                operator: c.operator,
                prompts: c.prompts,
                last_prompt: c.last_prompt,
            })
            .collect();
        ctx.render(&Page {
            c: ctx.chrome("live", t.live.to_string()),
            calls,
        })
    })
    .await
}
