//! `GET /api/v1/live` with a real WebSocket client (tokio-tungstenite): a
//! hold started without asking gets «Спросите разрешения…» in answer to
//! that very frame; calls that end are stored exactly as the ingest path
//! stores the same records (same audit as batch); prompts and their
//! outcomes reach `GET /api/v1/stats/prompts`; `GET /api/v1/live/calls`
//! lists the calls in progress; only ingest and admin tokens may stream.

use std::sync::Arc;
use std::time::Duration;

use callqa_model::Call;
use callqa_server::{crosscall, App};
use callqa_store::{hash_token, Role, SqliteStore, Store, TokenInfo};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

fn store(name: &str) -> Arc<dyn Store> {
    let dir = std::env::temp_dir().join(format!("callqa-live-ws-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    Arc::new(SqliteStore::open_dir(&dir).expect("open sqlite"))
}

fn token(store: &dyn Store, name: &str, role: Role, operator: Option<&str>) -> String {
    let token = format!("tok-{name}-0123456789abcdef");
    let info = TokenInfo {
        name: name.into(),
        role,
        operator: operator.map(str::to_string),
        queues: Vec::new(),
        created_at: "2026-03-02T00:00:00Z".into(),
    };
    store.create_token(&info, &hash_token(&token)).unwrap();
    token
}

/// Serves `store` on a free loopback port; returns the address.
async fn serve(store: Arc<dyn Store>) -> (Arc<App>, String) {
    let app = App::open(store).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let a = app.clone();
    tokio::spawn(async move {
        callqa_server::serve(a, listener, std::future::pending())
            .await
            .unwrap();
    });
    (app, addr)
}

async fn connect(addr: &str, token: Option<&str>) -> Result<Ws, String> {
    let mut req = format!("ws://{addr}/api/v1/live")
        .into_client_request()
        .unwrap();
    if let Some(t) = token {
        req.headers_mut()
            .insert("authorization", format!("Bearer {t}").parse().unwrap());
    }
    match tokio_tungstenite::connect_async(req).await {
        Ok((ws, _)) => Ok(ws),
        Err(tokio_tungstenite::tungstenite::Error::Http(r)) => Err(r.status().as_u16().to_string()),
        Err(e) => Err(e.to_string()),
    }
}

async fn send(ws: &mut Ws, v: &Value) {
    ws.send(Message::text(v.to_string())).await.unwrap();
}

/// The next message, or `None` after `wait` without one.
async fn next(ws: &mut Ws, wait: Duration) -> Option<Value> {
    loop {
        match tokio::time::timeout(wait, ws.next()).await {
            Ok(Some(Ok(Message::Text(t)))) => return Some(serde_json::from_str(&t).unwrap()),
            Ok(Some(Ok(_))) => continue,
            _ => return None,
        }
    }
}

/// Reads until a message of `kind` (returning it and those before it).
async fn until(ws: &mut Ws, kind: &str) -> (Value, Vec<Value>) {
    let mut seen = Vec::new();
    loop {
        let m = next(ws, Duration::from_secs(10))
            .await
            .unwrap_or_else(|| panic!("no {kind} message; got {seen:?}"));
        if m["type"] == kind {
            return (m, seen);
        }
        seen.push(m);
    }
}

async fn get(addr: &str, path: &str, token: &str) -> (u16, Value) {
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let req = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.unwrap();
    let text = String::from_utf8(buf).unwrap();
    let status: u16 = text[9..12].parse().unwrap();
    let body = text.split("\r\n\r\n").nth(1).unwrap_or("");
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

/// A page's status and HTML.
async fn page(addr: &str, path: &str, token: &str) -> (u16, String) {
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let req = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.unwrap();
    let text = String::from_utf8_lossy(&buf).to_string();
    let status: u16 = text[9..12].parse().unwrap();
    (status, text)
}

fn start(id: &str) -> Value {
    json!({"type": "start", "call": {"id": id, "direction": "inbound", "language": "ru",
        "started_at": "2026-03-02T11:00:00+03:00", "operator": {"id": "op1"}}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hold_without_asking_gets_the_prompt_with_that_frame() {
    let store = store("hold");
    let ingest = token(&*store, "feeder", Role::Ingest, None);
    let admin = token(&*store, "boss", Role::Admin, None);
    let (_app, addr) = serve(store.clone()).await;
    let mut ws = connect(&addr, Some(&ingest)).await.unwrap();
    let c = "live-hold";
    for m in [
        start(c),
        json!({"type": "event", "call": c, "event": {"at": 1.0, "type": "answer"}}),
        json!({"type": "utterance", "call": c, "utterance": {"speaker": "operator", "start": 1.5, "end": 5.0,
            "text": "Добрый день, компания Ромашка, меня зовут Анна, чем могу помочь?"}}),
        json!({"type": "utterance", "call": c, "utterance": {"speaker": "client", "start": 5.5, "end": 8.0,
            "text": "Где мой заказ?"}}),
    ] {
        send(&mut ws, &m).await;
    }
    // Nothing prompts before the hold.
    while let Some(m) = next(&mut ws, Duration::from_millis(300)).await {
        assert_ne!(m["type"], "prompt", "{m}");
    }
    let (_, listed) = get(&addr, "/api/v1/live/calls", &admin).await;
    assert_eq!(listed["calls"][0]["id"], c, "{listed}");
    assert_eq!(listed["calls"][0]["operator"], "op1");

    let sent = std::time::Instant::now();
    send(
        &mut ws,
        &json!({"type": "event", "call": c, "event": {"at": 10.0, "type": "hold_start"}}),
    )
    .await;
    // The answer to that one frame carries the prompt: nothing else is sent.
    let (prompt, before) = until(&mut ws, "prompt").await;
    eprintln!("hold_start → prompt in {:?}", sent.elapsed());
    assert!(before.iter().all(|m| m["type"] == "verdict"), "{before:?}");
    assert!(
        prompt["text"]
            .as_str()
            .unwrap()
            .starts_with("Спросите разрешения"),
        "{prompt}"
    );
    assert_eq!(prompt["id"], "hold.ask_permission");
    assert_eq!(prompt["call"], c);
    assert_eq!(prompt["at"], 10.0);
    // The dashboard's live view shows the call with the prompt to whoever
    // may see it, not to another operator.
    let (status, html) = page(&addr, "/live", &admin).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains(c) && html.contains("Спросите разрешения"),
        "{html}"
    );
    let other = token(&*store, "op2", Role::Operator, Some("op2"));
    let own = token(&*store, "op1", Role::Operator, Some("op1"));
    let (_, html) = page(&addr, "/live", &other).await;
    assert!(!html.contains(c), "another operator sees the call: {html}");
    let (_, html) = page(&addr, "/live", &own).await;
    assert!(
        html.contains("Спросите разрешения"),
        "the operator's own prompt: {html}"
    );

    // Back from hold with thanks: the prompt was followed.
    send(
        &mut ws,
        &json!({"type": "event", "call": c, "event": {"at": 30.0, "type": "hold_end"}}),
    )
    .await;
    send(
        &mut ws,
        &json!({"type": "utterance", "call": c, "utterance": {"speaker": "operator",
        "start": 30.5, "end": 33.0, "text": "Спасибо за ожидание, ваш заказ в пути."}}),
    )
    .await;
    let (outcome, _) = until(&mut ws, "prompt_outcome").await;
    assert_eq!(outcome["followed"], true, "{outcome}");
    send(&mut ws, &json!({"type": "end", "call": c, "at": 40.0})).await;
    let (audit, _) = until(&mut ws, "audit").await;
    assert_eq!(audit["call"], c);
    // Stored once the call ended; the figures count the prompt.
    let mut stats = Value::Null;
    for _ in 0..100 {
        stats = get(&addr, "/api/v1/stats/prompts", &admin).await.1;
        if stats["prompts"].as_array().is_some_and(|a| !a.is_empty())
            && store.get_call(c).unwrap().is_some()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        stats["prompts"],
        json!([{"rule": "hold.permission", "trigger": "hold_started_without_permission",
            "prompt": "hold.ask_permission", "shown": 1, "decided": 1, "followed": 1,
            "followed_share": 1.0}]),
        "{stats}"
    );
    let rows = store.prompts_of_call(c).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].operator.as_deref(), Some("op1"));
    let (_, listed) = get(&addr, "/api/v1/live/calls", &admin).await;
    assert_eq!(listed["calls"], json!([]), "{listed}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_ingest_and_admin_tokens_may_stream() {
    let store = store("auth");
    let operator = token(&*store, "op", Role::Operator, Some("op1"));
    let supervisor = token(&*store, "sup", Role::Supervisor, None);
    let admin = token(&*store, "adm", Role::Admin, None);
    let (_app, addr) = serve(store.clone()).await;
    assert_eq!(connect(&addr, None).await.err().as_deref(), Some("401"));
    assert_eq!(
        connect(&addr, Some("nonsense")).await.err().as_deref(),
        Some("401")
    );
    assert_eq!(
        connect(&addr, Some(&operator)).await.err().as_deref(),
        Some("403")
    );
    assert_eq!(
        connect(&addr, Some(&supervisor)).await.err().as_deref(),
        Some("403")
    );
    let mut ws = connect(&addr, Some(&admin)).await.unwrap();
    // A bad frame gets an error naming the frame; the socket goes on.
    ws.send(Message::text("not json")).await.unwrap();
    let (err, _) = until(&mut ws, "error").await;
    assert_eq!(err["frame"], 1, "{err}");
    send(&mut ws, &start("ok")).await;
    send(&mut ws, &json!({"type": "end", "call": "ok"})).await;
    until(&mut ws, "audit").await;
    // An operator sees no stats of others' calls, and no calls in progress.
    let (status, listed) = get(&addr, "/api/v1/live/calls", &operator).await;
    assert_eq!((status, listed), (200, json!({"calls": []})));
}

/// The lines that stream `call` in time order (v1 style).
fn lines(call: &Call) -> Vec<Value> {
    let mut header = serde_json::to_value(call).unwrap();
    header.as_object_mut().unwrap().remove("events");
    header.as_object_mut().unwrap().remove("utterances");
    let mut items: Vec<(f64, Value)> = Vec::new();
    for e in &call.events {
        items.push((e.at, json!({"type": "event", "call": call.id, "event": e})));
    }
    for u in &call.utterances {
        items.push((
            u.start,
            json!({"type": "utterance", "call": call.id,
            "utterance": {"speaker": u.speaker, "start": u.start, "end": u.end, "text": u.text}}),
        ));
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = vec![json!({"type": "start", "call": header})];
    out.extend(items.into_iter().map(|(_, v)| v));
    out.push(json!({"type": "end", "call": call.id}));
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finished_live_calls_are_stored_like_ingested_ones() {
    let live_store = store("stored-live");
    let batch_store = store("stored-batch");
    let ingest = token(&*live_store, "feeder", Role::Ingest, None);
    let (app, addr) = serve(live_store.clone()).await;
    let calls: Vec<Call> = (0..6u64)
        .map(|s| {
            let c = callqa_testkit::realistic_call(s);
            callqa_model::call_from_str(&serde_json::to_string(&c).unwrap()).unwrap()
        })
        .collect();
    // Two sockets, calls interleaved on each.
    let mut a = connect(&addr, Some(&ingest)).await.unwrap();
    let mut b = connect(&addr, Some(&ingest)).await.unwrap();
    let streams: Vec<Vec<Value>> = calls.iter().map(lines).collect();
    let longest = streams.iter().map(Vec::len).max().unwrap();
    for i in 0..longest {
        for (k, s) in streams.iter().enumerate() {
            if let Some(m) = s.get(i) {
                send(if k % 2 == 0 { &mut a } else { &mut b }, m).await;
            }
        }
    }
    let mut audits = std::collections::HashMap::new();
    for ws in [&mut a, &mut b] {
        while audits.len() < calls.len() {
            match next(ws, Duration::from_secs(5)).await {
                Some(m) if m["type"] == "audit" => {
                    audits.insert(m["call"].as_str().unwrap().to_string(), m["data"].clone());
                }
                Some(m) => assert_ne!(m["type"], "error", "{m}"),
                None => break,
            }
        }
    }
    assert_eq!(audits.len(), calls.len());
    // The same records through the ingest path, into another store.
    let batch_app = App::open(batch_store.clone()).unwrap();
    crosscall::ingest(
        &*batch_store,
        &batch_app.active(),
        &calls,
        batch_app.known(),
    )
    .unwrap();
    let std = app.active().standard.clone();
    for c in &calls {
        let mut stored = None;
        for _ in 0..100 {
            stored = live_store.get_call(&c.id).unwrap();
            if stored.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let live = stored.unwrap_or_else(|| panic!("{} was not stored", c.id));
        let want = batch_store.get_call(&c.id).unwrap().unwrap();
        assert_eq!(live.record, want.record, "{}", c.id);
        assert_eq!(live.audit, want.audit, "{}", c.id);
        // And the socket's audit is the batch audit of the call alone.
        assert_eq!(
            audits[&c.id],
            serde_json::to_value(std.audit_call(c)).unwrap(),
            "{}",
            c.id
        );
    }
}
