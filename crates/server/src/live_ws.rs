//! `GET /api/v1/live`: live protocol v2 over a WebSocket, one message a
//! text frame, for tokens of role `ingest` or `admin`. Each socket runs its
//! own engine hub (`callqa_engine::live::Hub`) on the standard active when
//! it connected: verdicts as decided, prompts, errors (`frame` = the frame
//! number from 1) go back on the socket; the server's monotonic clock
//! ticks the calls of a stream that sends no ticks of its own. A call that
//! ends is stored through the ingest path (`crosscall::ingest`, the same
//! audit as `POST /api/v1/calls`); its prompts and their outcomes are
//! recorded in the store (`prompts.rs`). `GET /api/v1/live/calls` lists
//! the calls in progress on every socket that the token may see.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use callqa_engine::live::{Hub, Out};
use callqa_model::{Call, Outcome};
use callqa_store::{Role, TokenInfo};
use serde::Serialize;
use serde_json::{json, Value};

use crate::auth::{authorize, Need};
use crate::{blocking, crosscall, prompts, ApiError, App};

/// How often the server's clock ticks the calls of a socket.
pub const TICK_EVERY: Duration = Duration::from_millis(100);

/// A call in progress on some socket.
#[derive(Clone, Debug, Serialize)]
pub struct LiveCall {
    /// The call id.
    pub id: String,
    /// `inbound` or `outbound`.
    pub direction: String,
    /// The operator id (`unknown` until an `update` names it).
    pub operator: String,
    /// The queue, when known.
    pub queue: Option<String>,
    /// The call's own start time, when it says.
    pub started_at: Option<String>,
    /// Prompts shown so far.
    pub prompts: u64,
    /// The text of the latest prompt shown, in the report language.
    pub last_prompt: Option<String>,
    /// Rules decided `fail` so far.
    pub failed_rules: Vec<String>,
}

/// The calls in progress on every socket, by socket and call id.
#[derive(Default)]
pub struct Registry {
    calls: Mutex<HashMap<(u64, String), LiveCall>>,
    next_socket: std::sync::atomic::AtomicU64,
}

impl Registry {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(u64, String), LiveCall>> {
        self.calls.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The calls in progress that `who` may see, by id.
    pub fn visible(&self, who: &TokenInfo) -> Vec<LiveCall> {
        let mut out: Vec<LiveCall> = self
            .lock()
            .values()
            .filter(|c| may_see(who, c))
            .cloned()
            .collect();
        out.sort_by(|a, b| a.id.as_bytes().cmp(b.id.as_bytes()));
        out
    }
}

fn may_see(who: &TokenInfo, c: &LiveCall) -> bool {
    crate::auth::may_see(who, &c.operator, c.queue.as_deref())
}

fn live_call(id: &str, call: &Call) -> LiveCall {
    LiveCall {
        id: id.to_string(),
        direction: serde_json::to_value(call.direction)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        operator: call.operator.id.clone(),
        queue: call.tags.get("queue").cloned(),
        started_at: call.started_at.and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        }),
        prompts: 0,
        last_prompt: None,
        failed_rules: Vec::new(),
    }
}

/// `GET /api/v1/live`: upgrades to the live protocol.
pub async fn socket(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    let who = authorize(&app, &headers, Need::Ingest).await?;
    if !matches!(who.role, Role::Ingest | Role::Admin) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!(
                "a {} token may not stream live calls (ingest or admin)",
                who.role.as_str()
            ),
        ));
    }
    Ok(ws
        .max_message_size(callqa_model::limits::MAX_RECORD_BYTES + 1)
        .on_upgrade(move |s| run(app, s)))
}

/// `GET /api/v1/live/calls`: the calls in progress this token may see.
pub async fn calls(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let who = authorize(&app, &headers, Need::Read).await?;
    Ok(Json(json!({ "calls": app.live.visible(&who) })))
}

/// One socket's state.
struct Stream {
    app: Arc<App>,
    /// The standard the socket's hub runs on (active when it connected).
    std: Arc<callqa_standard::Standard>,
    hub: Hub,
    socket: u64,
    /// Per call: operator and queue, for prompt rows (kept after the call
    /// ends, until its last outcome is recorded).
    who: HashMap<String, (Option<String>, Option<String>)>,
    started: Instant,
    /// The latest store write, which the next one waits for.
    storing: Option<tokio::task::JoinHandle<()>>,
    /// Store failures, sent back as `error` messages.
    failed: tokio::sync::mpsc::UnboundedSender<Out>,
}

async fn run(app: Arc<App>, mut ws: WebSocket) {
    let socket = app
        .live
        .next_socket
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let std = app.active().standard.clone();
    let (failed, mut failures) = tokio::sync::mpsc::unbounded_channel();
    let mut s = Stream {
        hub: Hub::new(std.clone()).keep_finished(),
        std,
        app,
        socket,
        who: HashMap::new(),
        started: Instant::now(),
        storing: None,
        failed,
    };
    let mut tick = tokio::time::interval(TICK_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut frame = 0u64;
    let mut out = Vec::new();
    loop {
        tokio::select! {
            msg = ws.recv() => {
                let Some(Ok(msg)) = msg else { break };
                let bytes: &[u8] = match &msg {
                    Message::Text(t) => t.as_bytes(),
                    Message::Binary(_) => {
                        frame += 1;
                        out.push(Out::Error {
                            call: None,
                            line: None,
                            frame: Some(frame),
                            message: "a binary frame: live messages are JSON text frames".into(),
                        });
                        if s.send(&mut ws, &mut out).await.is_err() { break }
                        continue;
                    }
                    Message::Close(_) => break,
                    _ => continue,
                };
                frame += 1;
                s.hub.wall_tick(s.started.elapsed().as_secs_f64(), &mut out);
                let opened = s.hub.open_calls();
                if let Err(e) = s.hub.push_line(bytes, &mut out) {
                    out.push(e.to_out(None, Some(frame)));
                }
                if s.hub.open_calls() != opened || bytes_say_update(bytes) {
                    s.sync();
                }
            }
            _ = tick.tick() => {
                s.hub.wall_tick(s.started.elapsed().as_secs_f64(), &mut out);
            }
            Some(e) = failures.recv() => out.push(e),
        }
        if s.send(&mut ws, &mut out).await.is_err() {
            break;
        }
    }
    // The socket is gone: calls still open are over as they stand.
    s.hub.finish(&mut out);
    let _ = s.send(&mut ws, &mut out).await;
    if let Some(last) = s.storing.take() {
        let _ = last.await;
    }
    s.app.live.lock().retain(|(sock, _), _| *sock != s.socket);
}

/// Whether a frame may be an `update` (operator or queue learnt later).
fn bytes_say_update(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"\"update\"")
}

impl Stream {
    /// Brings the registry up to date with the hub's open calls.
    fn sync(&mut self) {
        let mut reg = self.app.live.lock();
        let open: HashMap<&str, &Call> = self.hub.calls().collect();
        reg.retain(|(sock, id), _| *sock != self.socket || open.contains_key(id.as_str()));
        for (id, call) in open {
            let fresh = live_call(id, call);
            self.who.insert(
                id.to_string(),
                (Some(fresh.operator.clone()), fresh.queue.clone()),
            );
            reg.entry((self.socket, id.to_string()))
                .and_modify(|c| {
                    c.operator = fresh.operator.clone();
                    c.queue = fresh.queue.clone();
                })
                .or_insert(fresh);
        }
    }

    /// Sends the messages, records prompts and stores the calls that ended.
    async fn send(&mut self, ws: &mut WebSocket, out: &mut Vec<Out>) -> Result<(), axum::Error> {
        if out.is_empty() {
            return Ok(());
        }
        let mut rows = Vec::new();
        let now = (self.app.clock)();
        for m in out.iter() {
            match m {
                Out::Prompt { call, .. } | Out::PromptOutcome { call, .. } => {
                    let (operator, queue) = self.who.get(call).cloned().unwrap_or_default();
                    if let Some(row) = prompts::row(&self.std, m, operator, queue, now) {
                        rows.push(row);
                    }
                    if let Out::Prompt { text, .. } = m {
                        if let Some(c) = self.app.live.lock().get_mut(&(self.socket, call.clone()))
                        {
                            c.prompts += 1;
                            c.last_prompt = Some(text.clone());
                        }
                    }
                }
                Out::Verdict { call, data, .. } if data.outcome == Outcome::Fail => {
                    if let Some(c) = self.app.live.lock().get_mut(&(self.socket, call.clone())) {
                        c.failed_rules.push(data.rule.clone());
                    }
                }
                Out::Audit { call, .. } => {
                    self.app.live.lock().remove(&(self.socket, call.clone()));
                    self.who.remove(call);
                }
                _ => {}
            }
        }
        for m in out.drain(..) {
            let text = serde_json::to_string(&m).unwrap_or_else(|e| {
                json!({"type": "error", "message": format!("cannot encode a message: {e}")})
                    .to_string()
            });
            ws.send(Message::Text(text.into())).await?;
        }
        let finished = self.hub.take_finished();
        if finished.is_empty() && rows.is_empty() {
            return Ok(());
        }
        // Stored beside the socket, in order (one writer per socket), so
        // the next frame is not held up by the store; a failure comes back
        // as an `error` message.
        let app = self.app.clone();
        let failed = self.failed.clone();
        let previous = self.storing.take();
        self.storing = Some(tokio::spawn(async move {
            if let Some(p) = previous {
                let _ = p.await;
            }
            let ids: Vec<String> = finished.iter().map(|c| c.id.clone()).collect();
            let stored = blocking(move || {
                for r in &rows {
                    app.store.put_prompt(r)?;
                }
                if !finished.is_empty() {
                    let active = app.active();
                    crosscall::ingest(&*app.store, &active, &finished, app.known())?;
                }
                Ok(())
            })
            .await;
            if let Err(e) = stored {
                let _ = failed.send(Out::Error {
                    call: (ids.len() == 1).then(|| ids[0].clone()),
                    line: None,
                    frame: None,
                    message: format!(
                        "storing live calls {}: {}",
                        ids.join(", "),
                        e.messages.join("; ")
                    ),
                });
            }
        }));
        Ok(())
    }
}
