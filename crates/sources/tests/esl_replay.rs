//! The ESL client against a test FreeSWITCH event socket on 127.0.0.1
//! that replays sessions: the CGRateS `CHANNEL_HANGUP_COMPLETE` captures
//! (`../shared/data/cgrates-freeswitch-cdr`, skipped with a message when
//! absent) and sessions written from the Event Socket documentation
//! (`tests/data/esl/`, see its README). The messages, folded into call
//! records, must equal what `callqa_import`'s FreeSWITCH importer makes of
//! the same events.

mod common;

use std::path::Path;
use std::time::Duration;

use callqa_import::{import, ImportOptions, Mapping, Sources};
use callqa_model::{Call, EventKind, Party};
use callqa_sources::esl::{self, EslConfig};
use callqa_sources::fold::fold;
use callqa_sources::{Message, Reconnect, SourceError};
use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

const PASSWORD: &str = "ClueCon";

async fn read_command(sock: &mut TcpStream) -> String {
    let mut req = Vec::new();
    let mut buf = [0u8; 512];
    while !req.windows(2).any(|w| w == b"\n\n") && req.len() < 4096 {
        let n = sock.read(&mut buf).await.unwrap();
        if n == 0 {
            break;
        }
        req.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&req).trim().to_string()
}

/// A test event socket: one connection per script; each gets
/// `auth/request`, the password checked, the subscription acknowledged,
/// then the script's event bodies. Returns the subscriptions it was sent.
async fn esl_server(conns: Vec<Vec<String>>) -> (String, JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let task = tokio::spawn(async move {
        let mut subs = Vec::new();
        for script in conns {
            let Ok(Ok((mut sock, _))) = tokio::time::timeout(BOUND, listener.accept()).await else {
                break;
            };
            sock.write_all(b"Content-Type: auth/request\n\n")
                .await
                .unwrap();
            let auth = read_command(&mut sock).await;
            if auth != format!("auth {PASSWORD}") {
                sock.write_all(b"Content-Type: command/reply\nReply-Text: -ERR invalid\n\n")
                    .await
                    .unwrap();
                continue;
            }
            sock.write_all(b"Content-Type: command/reply\nReply-Text: +OK accepted\n\n")
                .await
                .unwrap();
            subs.push(read_command(&mut sock).await);
            sock.write_all(
                b"Content-Type: command/reply\nReply-Text: +OK event listener enabled plain\n\n",
            )
            .await
            .unwrap();
            for body in script {
                let body = body + "\n";
                let head = format!(
                    "Content-Length: {}\nContent-Type: text/event-plain\n\n",
                    body.len()
                );
                sock.write_all(head.as_bytes()).await.unwrap();
                sock.write_all(body.as_bytes()).await.unwrap();
            }
            sock.shutdown().await.ok();
        }
        subs
    });
    (addr, task)
}

fn quick() -> Reconnect {
    Reconnect {
        initial: Duration::from_millis(10),
        max: Duration::from_millis(40),
        attempts: Some(1),
    }
}

fn mapping(toml: &str) -> Mapping {
    Mapping::from_toml("test.toml", toml).unwrap()
}

fn imported(path: &Path, map: &str) -> Vec<Call> {
    let out = import(
        &Sources {
            events: vec![path.to_path_buf()],
            transcripts: vec![],
        },
        &ImportOptions {
            mapping: mapping(map),
            ..ImportOptions::default()
        },
    );
    assert!(out.is_clean(), "{:?}", out.problems);
    out.calls
}

async fn replay(path: &Path, map: &str, parts: usize) -> Vec<Message> {
    let text = std::fs::read_to_string(path).unwrap();
    let events = blocks(&text);
    let per = events.len().div_ceil(parts).max(1);
    let conns: Vec<Vec<String>> = events.chunks(per).map(|c| c.to_vec()).collect();
    let n = conns.len();
    let (addr, server) = esl_server(conns).await;
    let mut cfg = EslConfig::new(&addr, PASSWORD);
    cfg.mapping = mapping(map);
    cfg.reconnect = quick();
    let (outs, res) = collect(|tx| async move { esl::run(&cfg, tx).await }).await;
    assert!(matches!(res, Err(SourceError::GaveUp { .. })), "{res:?}");
    let subs = server.await.unwrap();
    assert_eq!(subs.len(), n);
    assert!(subs
        .iter()
        .all(|s| s == &format!("event plain {}", esl::client::EVENTS)));
    messages(&outs)
}

fn records(msgs: &[Message]) -> Vec<Call> {
    fold(msgs)
        .into_iter()
        .map(|(id, r)| r.unwrap_or_else(|e| panic!("call {id}: {e}\n{msgs:#?}")))
        .collect()
}

/// Live calls equal the imported calls of the same ids. The importer also
/// makes a record of each B-leg's hang-up; live, a B-leg is part of its
/// A-leg's call.
async fn same_as_import(path: &Path, map: &str, parts: usize) -> Vec<Message> {
    let msgs = replay(path, map, parts).await;
    let live = records(&msgs);
    let batch = imported(path, map);
    assert!(!live.is_empty());
    for c in &live {
        let b = batch.iter().find(|b| b.id == c.id).expect("imported too");
        assert_eq!(c, b, "{}: live ≠ import\n{msgs:#?}", path.display());
    }
    msgs
}

#[tokio::test]
async fn cgrates_hangup_events_equal_the_import() {
    let Some(dir) = shared("cgrates-freeswitch-cdr") else {
        return;
    };
    for f in [
        "fs_esl_CHANNEL_HANGUP_COMPLETE_hold15s.txt",
        "fs_esl_CHANNEL_HANGUP_COMPLETE_recv_bye.txt",
    ] {
        let msgs = same_as_import(&dir.join(f), "", 1).await;
        assert!(matches!(msgs.last(), Some(Message::End { .. })), "{f}");
    }
}

#[tokio::test]
async fn documented_hold_session_is_sent_live_and_equals_the_import() {
    let path = data("esl/inbound_hold_operator_hangs_up.esl");
    let msgs = same_as_import(&path, "operators = [\"1003\"]", 2).await;
    let c = &records(&msgs)[0];
    let kinds: Vec<&str> = c.events.iter().map(|e| e.kind.type_name()).collect();
    assert_eq!(
        kinds,
        ["ring", "answer", "hold_start", "hold_end", "hangup"]
    );
    assert_eq!((c.events[2].at, c.events[3].at), (40.0, 75.5));
    assert_eq!(
        c.events[4].kind,
        EventKind::Hangup {
            by: Party::Operator
        }
    );
    assert_eq!(c.operator.id, "1003");
    // The hold went out when CHANNEL_HOLD came, before the hang-up.
    let hold = msgs.iter().position(
        |m| matches!(m, Message::Event { event, .. } if event.kind == EventKind::HoldStart),
    );
    let end_update = msgs.iter().rposition(|m| matches!(m, Message::Update(_)));
    let lines: Vec<String> = msgs.iter().map(Message::to_line).collect();
    assert!(hold < end_update, "{lines:#?}");
}

#[tokio::test]
async fn documented_queue_call_learns_the_agent_at_the_bridge() {
    let path = data("esl/queue_agent_learnt_later.esl");
    let msgs = same_as_import(&path, "", 1).await;
    let Message::Start { call } = &msgs[0] else {
        panic!("{:?}", msgs[0])
    };
    assert_eq!(call.operator.as_ref().map(|o| o.id.as_str()), Some("5000"));
    assert!(msgs.iter().any(|m| matches!(m, Message::Update(u)
        if u.operator.as_ref().is_some_and(|o| o.id == "1007"))));
    let c = &records(&msgs)[0];
    assert_eq!(c.tags["queue"], "support");
    assert_eq!(
        c.events.last().unwrap().kind,
        EventKind::Hangup { by: Party::Client }
    );
}

#[tokio::test]
async fn a_refused_password_stops_the_client_and_quotes_the_reply() {
    let (addr, _server) = esl_server(vec![vec![]]).await;
    let mut cfg = EslConfig::new(&addr, "wrong");
    cfg.reconnect = quick();
    let (_, res) = collect(|tx| async move { esl::run(&cfg, tx).await }).await;
    assert_eq!(
        res.unwrap_err().to_string(),
        format!("{addr} refused the login of \"auth\": \"-ERR invalid\"")
    );
}
