//! A card number spoken in a call reaches no output of the server: not
//! the stored record or audit (nor any byte of the data directory), not
//! the call detail, the list, the search index, the CSV or JSONL export,
//! a re-score, nor the server's `tracing` output, which this test
//! captures at every level.

mod common;

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{header, Request};
use callqa_server::App;
use callqa_store::{hash_token, Role, SqliteStore, Store, TokenInfo};
use common::{CARD, CARD_RU};
use serde_json::Value;
use tower::ServiceExt;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Every event and span field, as text, at every level.
struct Capture {
    out: Arc<Mutex<String>>,
    next: AtomicU64,
}

struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, "{}={value} ", field.name());
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, "{}={value:?} ", field.name());
    }
}

impl Capture {
    fn push(&self, meta: &Metadata, record: impl FnOnce(&mut Fields)) {
        let mut out = self.out.lock().unwrap_or_else(|p| p.into_inner());
        let _ = write!(out, "{} {}: ", meta.level(), meta.target());
        record(&mut Fields(&mut out));
        out.push('\n');
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        self.push(span.metadata(), |f| span.record(f));
        Id::from_u64(self.next.fetch_add(1, Ordering::Relaxed))
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut out = self.out.lock().unwrap_or_else(|p| p.into_inner());
        values.record(&mut Fields(&mut out));
        out.push('\n');
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        self.push(event.metadata(), |f| event.record(f));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

const TOKEN: &str = "test-admin-token";

/// The operator reads the card back in the greeting (which a rule quotes
/// as evidence); the client dictates it digit by digit, and in words.
fn call_json() -> String {
    let words: Vec<Value> = CARD_RU
        .split(' ')
        .enumerate()
        .map(|(i, w)| serde_json::json!({"w": w, "start": 20.0 + i as f64 * 0.3, "end": 20.25 + i as f64 * 0.3}))
        .collect();
    serde_json::json!({
        "id": "leak-1",
        "direction": "inbound",
        "started_at": "2026-03-02T10:00:00+03:00",
        "language": "ru",
        "operator": {"id": "op-1", "name": "Анна"},
        "client": {"id": "cl-1"},
        "utterances": [
            {"speaker": "operator", "start": 1.0, "end": 6.0,
             "text": "Добрый день, компания Ромашка, меня зовут Анна, карта 4276 3800 1234 5679 у вас?"},
            {"speaker": "client", "start": 7.0, "end": 12.0,
             "text": format!("Да, номер {CARD}, телефон +7 916 123-45-67")},
            {"speaker": "client", "start": 20.0, "end": 25.0, "text": CARD_RU, "words": words},
            {"speaker": "operator", "start": 26.0, "end": 30.0,
             "text": "Спасибо за звонок, всего доброго, до свидания."}
        ]
    })
    .to_string()
}

async fn send(app: &Arc<App>, method: &str, uri: &str, body: Option<String>) -> (u16, String) {
    let req = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.map_or_else(Body::empty, Body::from))
        .expect("a request");
    let resp = callqa_server::router(app.clone())
        .oneshot(req)
        .await
        .expect("an answer");
    let status = resp.status().as_u16();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .expect("a body");
    (status, String::from_utf8(bytes.to_vec()).expect("utf-8"))
}

/// Forms of the card (and the phone) that must appear nowhere.
const SECRETS: &[&str] = &[
    CARD,
    "4276 3800 1234 5679",
    "3800 1234",
    CARD_RU,
    "ноль ноль один",
    "916 123-45-67",
];

fn assert_clean(what: &str, text: &str) {
    for s in SECRETS {
        assert!(!text.contains(s), "{what} holds {s:?}:\n{text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spoken_card_number_reaches_no_output() {
    let logs = Arc::new(Mutex::new(String::new()));
    tracing::subscriber::set_global_default(Capture {
        out: logs.clone(),
        next: AtomicU64::new(1),
    })
    .expect("the only subscriber of this test binary");

    let dir = common::data_dir("leaks");
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open_dir(&dir).expect("open sqlite"));
    store
        .create_token(
            &TokenInfo {
                name: "admin".into(),
                role: Role::Admin,
                operator: None,
                queues: vec![],
                created_at: "2026-03-02T00:00:00Z".into(),
            },
            &hash_token(TOKEN),
        )
        .unwrap();
    let app = App::open(store.clone()).unwrap();

    let (status, answer) = send(&app, "POST", "/api/v1/calls", Some(call_json())).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        serde_json::from_str::<Value>(&answer).unwrap()["accepted"],
        1
    );

    // The stored record and audit.
    let detail = store.get_call("leak-1").unwrap().expect("stored");
    assert_clean("the stored record", &detail.record);
    assert_clean("the stored audit", &detail.audit);
    assert!(detail.record.contains("⟨card⟩"), "{}", detail.record);
    assert!(
        detail.audit.contains("⟨card⟩"),
        "the greeting's evidence quote is redacted: {}",
        detail.audit
    );

    // What the API serves.
    let (status, one) = send(&app, "GET", "/api/v1/calls/leak-1", None).await;
    assert_eq!(status, 200, "{one}");
    assert_clean("the call detail", &one);
    assert!(one.contains("⟨card⟩"), "{one}");
    let (_, list) = send(&app, "GET", "/api/v1/calls", None).await;
    assert!(list.contains("leak-1"), "{list}");
    assert_clean("the call list", &list);
    let (_, found) = send(&app, "GET", &format!("/api/v1/calls?q={CARD}"), None).await;
    assert!(
        !found.contains("leak-1"),
        "the search index holds the card: {found}"
    );
    let (_, csv) = send(&app, "GET", "/api/v1/export.csv", None).await;
    assert!(csv.contains("leak-1"), "{csv}");
    assert_clean("the CSV export", &csv);
    let (_, jsonl) = send(&app, "GET", "/api/v1/export.jsonl", None).await;
    assert!(
        jsonl.contains("leak-1") && jsonl.contains("⟨card⟩"),
        "{jsonl}"
    );
    assert_clean("the JSONL export", &jsonl);

    // A re-score reads the stored text and stores the same.
    let (status, job) = send(&app, "POST", "/api/v1/rescore", None).await;
    assert_eq!(status, 200, "{job}");
    let id = serde_json::from_str::<Value>(&job).unwrap()["job"].clone();
    let mut state = String::new();
    for _ in 0..200 {
        let (_, j) = send(&app, "GET", &format!("/api/v1/jobs/{id}"), None).await;
        state = serde_json::from_str::<Value>(&j).unwrap()["state"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        if state != "running" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(state, "done");
    let (_, one) = send(&app, "GET", "/api/v1/calls/leak-1", None).await;
    assert_clean("the call detail after a re-score", &one);

    // Every byte the store wrote.
    drop(app);
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for s in SECRETS {
            assert!(!text.contains(s), "{} holds {s:?}", path.display());
        }
    }

    // The server's log output: captured (the ingest line), and clean.
    let logs = logs.lock().unwrap().clone();
    assert!(
        logs.contains("ingest") && logs.contains("accepted=1"),
        "{logs}"
    );
    assert_clean("the server's log output", &logs);
}
