//! `callqa live-bench`: a load test of the live socket, a benchmark (not a
//! test). N simulated calls (`callqa_testkit::realistic_call`, each given
//! a hold started without asking when it has none, so every call has a
//! prompt to wait for) stream over `GET /api/v1/live` at real-time pace,
//! all at once after a short ramp: events when they happen, each utterance
//! when it ends (in start order), `end` after `--seconds` of call time.
//! Measured per answer: the time from sending the message that decided a
//! verdict or fired a prompt (or, for the ones the server's clock decides,
//! the moment that time was reached) to receiving it — p50, p99 and max of
//! event-to-prompt and event-to-verdict — and the server's memory (peak
//! RSS) and CPU seconds. Without `--url` it starts `callqa serve` on a
//! fresh data directory as a child process and measures that.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use callqa_model::{Call, EventKind};
use callqa_store::{hash_token, new_token, Role, TokenInfo};
use clap::Args;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

use crate::Status;

#[derive(Debug, Args)]
pub struct LiveBenchArgs {
    /// Concurrent simulated calls.
    #[arg(long, default_value_t = 1000)]
    pub calls: u64,
    /// The server's live socket (`ws://HOST:PORT/api/v1/live`); without it
    /// a `callqa serve` is started on a fresh data directory.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// An ingest or admin token of that server (needed with --url).
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Seconds of each call to stream (real time at --speed 1).
    #[arg(long, default_value_t = 60.0)]
    pub seconds: f64,
    /// Seconds over which the calls start.
    #[arg(long, default_value_t = 10.0)]
    pub ramp: f64,
    /// Call seconds per wall second (1 = real time).
    #[arg(long, default_value_t = 1.0)]
    pub speed: f64,
    /// Calls per socket (1: a socket per call).
    #[arg(long, default_value_t = 1)]
    pub per_socket: u64,
    /// The first call's testkit seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// One message to send at a call time, and the time it is about.
struct Item {
    /// When to send it, seconds of call time.
    send_at: f64,
    /// The `at` a verdict or prompt it decides carries.
    about: f64,
    msg: Value,
}

/// The call, trimmed to `seconds`, with a hold started without asking
/// when it has none, as messages in sending order.
fn script(mut call: Call, seconds: f64, seed: u64) -> Vec<Item> {
    call.id = format!("bench-{seed}");
    let has_hold = call
        .events
        .iter()
        .any(|e| e.kind == EventKind::HoldStart && e.at < seconds);
    if !has_hold && seconds > 30.0 {
        let at = 15.0 + (seed % 10) as f64;
        call.events.push(callqa_model::Event {
            at,
            kind: EventKind::HoldStart,
        });
        call.events.push(callqa_model::Event {
            at: at + 4.0,
            kind: EventKind::HoldEnd,
        });
        call.events.sort_by(|a, b| a.at.total_cmp(&b.at));
    }
    let mut header = serde_json::to_value(&call).unwrap_or_default();
    if let Some(obj) = header.as_object_mut() {
        obj.remove("events");
        obj.remove("utterances");
    }
    let id = call.id.clone();
    let mut items = vec![Item {
        send_at: 0.0,
        about: 0.0,
        msg: json!({"type": "start", "call": header}),
    }];
    // Events and utterances in time order (utterances by start, as v1
    // streams send them), each sent once it has happened.
    let mut timed: Vec<(f64, f64, Value)> = Vec::new();
    for e in call.events.iter().filter(|e| e.at <= seconds) {
        timed.push((e.at, e.at, json!({"type": "event", "call": id, "event": e})));
    }
    for u in call.utterances.iter().filter(|u| u.end <= seconds) {
        timed.push((
            u.start,
            u.end,
            json!({"type": "utterance", "call": id, "utterance":
                {"speaker": u.speaker, "start": u.start, "end": u.end, "text": u.text}}),
        ));
    }
    timed.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut ready = 0.0f64;
    for (_, done, msg) in timed {
        ready = ready.max(done);
        items.push(Item {
            send_at: ready,
            about: done,
            msg,
        });
    }
    items.push(Item {
        send_at: seconds.max(ready),
        about: seconds.max(ready),
        msg: json!({"type": "end", "call": id, "at": seconds.max(ready)}),
    });
    items
}

#[derive(Default)]
struct Samples {
    prompt: Vec<f64>,
    verdict: Vec<f64>,
    errors: Vec<String>,
    audits: u64,
    sent: u64,
}

/// A server started for the bench: the child process and its data.
struct Child {
    child: std::process::Child,
    dir: std::path::PathBuf,
}

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn start_server() -> anyhow::Result<(Child, String, String)> {
    let dir = std::env::temp_dir().join(format!("callqa-live-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let token = {
        let store = callqa_store::SqliteStore::open_dir(&dir)?;
        let token = new_token()?;
        use callqa_store::Store;
        store.create_token(
            &TokenInfo {
                name: "live-bench".into(),
                role: Role::Ingest,
                operator: None,
                queues: vec![],
                created_at: crate::serve_cmd::now(),
            },
            &hash_token(&token),
        )?;
        token
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let listen = format!("127.0.0.1:{port}");
    let child = std::process::Command::new(std::env::current_exe()?)
        .args(["serve", "--data"])
        .arg(&dir)
        .args(["--listen", &listen])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .context("cannot start callqa serve")?;
    let child = Child { child, dir };
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(&listen).is_err() {
        if Instant::now() > deadline {
            bail!("callqa serve did not listen on {listen} within 30 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok((child, format!("ws://{listen}/api/v1/live"), token))
}

/// VmRSS and VmHWM (peak) of a process, in MiB.
fn rss(pid: u32) -> Option<(f64, f64)> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<f64> {
        let line = s.lines().find(|l| l.starts_with(name))?;
        let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb / 1024.0)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// User + system CPU seconds of a process.
fn cpu(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    Some((f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?) / 100.0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

pub fn run(args: &LiveBenchArgs) -> anyhow::Result<Status> {
    if args.calls == 0 || args.per_socket == 0 {
        bail!("--calls and --per-socket must be at least 1");
    }
    if !(args.speed > 0.0 && args.seconds > 0.0 && args.ramp >= 0.0) {
        bail!("--speed and --seconds must be greater than 0, --ramp at least 0");
    }
    let (child, url, token) = match (&args.url, &args.token) {
        (Some(u), Some(t)) => (None, u.clone(), t.clone()),
        (Some(_), None) => bail!("--url needs --token (an ingest or admin token)"),
        (None, _) => {
            let (c, u, t) = start_server()?;
            (Some(c), u, t)
        }
    };
    let pid = child.as_ref().map(|c| c.child.id());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let samples = Arc::new(Mutex::new(Samples::default()));
    let cpu0 = pid.and_then(cpu);
    let peak = Arc::new(Mutex::new(0.0f64));
    let began = Instant::now();
    eprintln!(
        "live-bench: {} calls of {} s at {}x real time, {} per socket, ramp {} s, on {url}",
        args.calls, args.seconds, args.speed, args.per_socket, args.ramp
    );
    runtime.block_on(async {
        if let Some(pid) = pid {
            let peak = peak.clone();
            tokio::spawn(async move {
                loop {
                    if let Some((now, _)) = rss(pid) {
                        let mut p = peak.lock().unwrap_or_else(|p| p.into_inner());
                        *p = p.max(now);
                    }
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
            });
        }
        let sockets = args.calls.div_ceil(args.per_socket);
        let mut tasks = Vec::new();
        for s in 0..sockets {
            let seeds: Vec<u64> = (s * args.per_socket
                ..((s + 1) * args.per_socket).min(args.calls))
                .map(|k| args.seed + k)
                .collect();
            let delay = args.ramp * s as f64 / sockets as f64;
            tasks.push(tokio::spawn(socket(
                url.clone(),
                token.clone(),
                seeds,
                args.seconds,
                args.speed,
                delay,
                samples.clone(),
            )));
        }
        for t in tasks {
            if let Err(e) = t.await {
                samples
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .errors
                    .push(e.to_string());
            }
        }
    });
    let wall = began.elapsed().as_secs_f64();
    let mut s = std::mem::take(&mut *samples.lock().unwrap_or_else(|p| p.into_inner()));
    s.prompt.sort_by(f64::total_cmp);
    s.verdict.sort_by(f64::total_cmp);
    let ms = |v: f64| v * 1000.0;
    println!(
        "live-bench: {} calls ({} s each at {}x, {} per socket), {} messages sent, {} audits back, {:.1} s wall",
        args.calls, args.seconds, args.speed, args.per_socket, s.sent, s.audits, wall
    );
    for (name, v) in [
        ("event-to-prompt", &s.prompt),
        ("event-to-verdict", &s.verdict),
    ] {
        println!(
            "  {name}: {} samples, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            v.len(),
            ms(percentile(v, 0.5)),
            ms(percentile(v, 0.99)),
            ms(v.last().copied().unwrap_or(f64::NAN)),
        );
    }
    match pid {
        Some(pid) => {
            let hwm = rss(pid).map_or(f64::NAN, |(_, hwm)| hwm);
            let peak = *peak.lock().unwrap_or_else(|p| p.into_inner());
            let cpu = match (cpu0, cpu(pid)) {
                (Some(a), Some(b)) => format!("{:.1} CPU s", b - a),
                _ => "CPU n/a".into(),
            };
            println!(
                "  server: peak RSS {:.0} MiB (sampled {:.0} MiB), {cpu} over {:.1} s",
                hwm, peak, wall
            );
        }
        None => println!("  server: memory not measured (its own process on --url)"),
    }
    if !s.errors.is_empty() {
        println!("  {} errors, first: {}", s.errors.len(), s.errors[0]);
    }
    drop(child);
    Ok(if s.errors.is_empty() && s.audits == args.calls {
        Status::Ok
    } else {
        Status::BadInput
    })
}

/// One socket: its calls' messages at their times, and the answers.
async fn socket(
    url: String,
    token: String,
    seeds: Vec<u64>,
    seconds: f64,
    speed: f64,
    delay: f64,
    samples: Arc<Mutex<Samples>>,
) {
    let fail = |e: String| {
        samples
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .errors
            .push(e)
    };
    tokio::time::sleep(Duration::from_secs_f64(delay)).await;
    let mut req = match url.as_str().into_client_request() {
        Ok(r) => r,
        Err(e) => return fail(format!("{url}: {e}")),
    };
    match format!("Bearer {token}").parse() {
        Ok(h) => {
            req.headers_mut().insert("authorization", h);
        }
        Err(e) => return fail(format!("--token: {e}")),
    }
    let ws = match tokio_tungstenite::connect_async_with_config(req, None, true).await {
        Ok((ws, _)) => ws,
        Err(e) => return fail(format!("{url}: {e}")),
    };
    let (mut tx, mut rx) = ws.split();
    let t0 = Instant::now();
    let scripts: Vec<Vec<Item>> = seeds
        .iter()
        .map(|&s| script(callqa_testkit::realistic_call(s), seconds, s))
        .collect();
    // When each (call, at) was sent, to measure from.
    let sent: Arc<Mutex<HashMap<(String, u64), Instant>>> = Arc::default();
    let calls = seeds.len() as u64;
    let reader = {
        let sent = sent.clone();
        let samples = samples.clone();
        tokio::spawn(async move {
            let mut audits = 0;
            while let Some(Ok(msg)) = rx.next().await {
                let now = Instant::now();
                let Message::Text(text) = msg else { continue };
                let Ok(v) = serde_json::from_str::<Value>(&text) else {
                    continue;
                };
                let kind = v["type"].as_str().unwrap_or("");
                let mut s = samples.lock().unwrap_or_else(|p| p.into_inner());
                match kind {
                    "prompt" | "verdict" => {
                        let call = v["call"].as_str().unwrap_or("").to_string();
                        let at = v["at"].as_f64().unwrap_or(0.0);
                        let from = sent
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .get(&(call, at.to_bits()))
                            .copied()
                            .unwrap_or_else(|| t0 + Duration::from_secs_f64(at / speed));
                        let lat = now.saturating_duration_since(from).as_secs_f64();
                        if kind == "prompt" {
                            s.prompt.push(lat);
                        } else {
                            s.verdict.push(lat);
                        }
                    }
                    "audit" => {
                        s.audits += 1;
                        audits += 1;
                        if audits == calls {
                            break;
                        }
                    }
                    "error" => s.errors.push(text.to_string()),
                    _ => {}
                }
            }
        })
    };
    let mut all: Vec<(f64, usize, usize)> = Vec::new();
    for (c, items) in scripts.iter().enumerate() {
        for (i, it) in items.iter().enumerate() {
            all.push((it.send_at, c, i));
        }
    }
    all.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut n = 0;
    for (at, c, i) in all {
        let it = &scripts[c][i];
        tokio::time::sleep_until((t0 + Duration::from_secs_f64(at / speed)).into()).await;
        let call = it.msg["call"]
            .as_str()
            .or_else(|| it.msg["call"]["id"].as_str())
            .unwrap_or("")
            .to_string();
        sent.lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry((call, it.about.to_bits()))
            .or_insert_with(Instant::now);
        if let Err(e) = tx.send(Message::text(it.msg.to_string())).await {
            return fail(format!("sending: {e}"));
        }
        n += 1;
    }
    samples.lock().unwrap_or_else(|p| p.into_inner()).sent += n;
    if tokio::time::timeout(Duration::from_secs(60), reader)
        .await
        .is_err()
    {
        fail("no audit for every call within 60 s of the end".into());
    }
    let _ = tx.close().await;
}
