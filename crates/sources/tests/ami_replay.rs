//! The AMI client against a test AMI server on 127.0.0.1 that replays
//! sessions: the recorded panoramisk captures (`../shared/data`, skipped
//! with a message when absent) and sessions written from the Asterisk AMI
//! documentation (`tests/data/ami/`, see its README). The messages the
//! client produces, folded into call records, must equal what
//! `callqa_import`'s AMI importer makes of the same session.

mod common;

use std::path::Path;
use std::time::Duration;

use callqa_import::{import, ImportOptions, Mapping, Sources};
use callqa_model::{Call, EventKind, Party};
use callqa_sources::ami::{self, AmiConfig};
use callqa_sources::fold::fold;
use callqa_sources::{Message, Reconnect, SourceError};
use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

const USER: &str = "callqa";
const SECRET: &str = "s3cret";

/// A test AMI server: one connection per script, each gets the banner,
/// the login checked, then the script's blocks, then the connection is
/// closed. Returns the address and, at the end, the user names that logged
/// in.
async fn ami_server(conns: Vec<Vec<String>>) -> (String, JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let task = tokio::spawn(async move {
        let mut logins = Vec::new();
        for script in conns {
            let Ok(Ok((mut sock, _))) = tokio::time::timeout(BOUND, listener.accept()).await else {
                break;
            };
            sock.write_all(b"Asterisk Call Manager/5.0.1\r\n")
                .await
                .unwrap();
            let mut req = Vec::new();
            let mut buf = [0u8; 512];
            while !req.windows(4).any(|w| w == b"\r\n\r\n") && req.len() < 4096 {
                let n = sock.read(&mut buf).await.unwrap();
                if n == 0 {
                    break;
                }
                req.extend_from_slice(&buf[..n]);
            }
            let req = String::from_utf8_lossy(&req).to_string();
            let field = |k: &str| {
                req.lines()
                    .find_map(|l| l.strip_prefix(&format!("{k}: ")))
                    .unwrap_or("")
                    .trim()
                    .to_string()
            };
            assert_eq!(field("Action"), "Login", "{req}");
            let id = field("ActionID");
            if field("Username") != USER || field("Secret") != SECRET {
                let r = format!(
                    "Response: Error\r\nActionID: {id}\r\nMessage: Authentication failed\r\n\r\n"
                );
                sock.write_all(r.as_bytes()).await.unwrap();
                continue;
            }
            logins.push(field("Username"));
            let r = format!(
                "Response: Success\r\nActionID: {id}\r\nMessage: Authentication accepted\r\n\r\n"
            );
            sock.write_all(r.as_bytes()).await.unwrap();
            for b in script {
                let wire = b.replace('\n', "\r\n") + "\r\n";
                sock.write_all(wire.as_bytes()).await.unwrap();
            }
            sock.shutdown().await.ok();
        }
        logins
    });
    (addr, task)
}

fn mapping(toml: &str) -> Mapping {
    Mapping::from_toml("test.toml", toml).unwrap()
}

fn quick() -> Reconnect {
    Reconnect {
        initial: Duration::from_millis(10),
        max: Duration::from_millis(40),
        attempts: Some(1),
    }
}

/// What the importer makes of the file.
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

/// Replays `path`'s event blocks, cut into `parts` connections (the
/// client must reconnect between them), and returns the messages.
async fn replay(path: &Path, map: &str, parts: usize) -> Vec<Message> {
    let text = std::fs::read_to_string(path).unwrap();
    let events: Vec<String> = blocks(&text)
        .into_iter()
        .filter(|b| b.starts_with("Event:"))
        .collect();
    let per = events.len().div_ceil(parts).max(1);
    let conns: Vec<Vec<String>> = events.chunks(per).map(|c| c.to_vec()).collect();
    let n = conns.len();
    let (addr, server) = ami_server(conns).await;
    let mut cfg = AmiConfig::new(&addr, USER, SECRET);
    cfg.mapping = mapping(map);
    cfg.reconnect = quick();
    let (outs, res) = collect(|tx| async move { ami::run(&cfg, tx).await }).await;
    // The server is gone after its last script: the client gives up.
    assert!(matches!(res, Err(SourceError::GaveUp { .. })), "{res:?}");
    assert_eq!(server.await.unwrap().len(), n, "one login per connection");
    if n > 1 {
        assert!(
            notices(&outs).iter().any(|m| m.contains("reconnecting")),
            "{:?}",
            notices(&outs)
        );
    }
    messages(&outs)
}

fn records(msgs: &[Message]) -> Vec<Call> {
    fold(msgs)
        .into_iter()
        .map(|(id, r)| r.unwrap_or_else(|e| panic!("call {id}: {e}\n{msgs:#?}")))
        .collect()
}

async fn same_as_import(path: &Path, map: &str, parts: usize) -> Vec<Message> {
    let msgs = replay(path, map, parts).await;
    let live = records(&msgs);
    let batch = imported(path, map);
    assert_eq!(live, batch, "{}: live ≠ import\n{msgs:#?}", path.display());
    msgs
}

#[tokio::test]
async fn panoramisk_recorded_sessions_equal_the_import() {
    let Some(dir) = shared("panoramisk-ami-fixtures") else {
        return;
    };
    let msgs = same_as_import(
        &dir.join("originate_with_events.yaml"),
        "operators = [\"SIP/ddddd*\"]",
        2,
    )
    .await;
    let c = &records(&msgs)[0];
    assert_eq!(
        c.events.last().map(|e| &e.kind),
        Some(&EventKind::Hangup { by: Party::Client })
    );
    // Captures that end mid-call give no call, live or imported.
    for f in ["agent_loggued_in.yaml", "queue_status.yaml"] {
        let msgs = same_as_import(&dir.join(f), "", 1).await;
        assert!(
            !msgs.iter().any(|m| matches!(m, Message::End { .. })),
            "{f}: {msgs:?}"
        );
    }
}

#[tokio::test]
async fn documented_queue_call_learns_the_agent_later_and_equals_the_import() {
    let path = data("ami/queue_hold_caller_hangs_up.ami");
    let msgs = same_as_import(&path, "operators = [\"PJSIP/1*\"]", 3).await;
    // The start comes when the call joins the queue, before any agent.
    let Message::Start { call } = &msgs[0] else {
        panic!("{:?}", msgs[0])
    };
    assert_eq!(call.operator, None);
    assert_eq!(call.tags["queue"], "support");
    let agent = msgs.iter().position(
        |m| matches!(m, Message::Update(u) if u.operator.as_ref().is_some_and(|o| o.id == "1003")),
    );
    let answer = msgs
        .iter()
        .position(|m| matches!(m, Message::Event { event, .. } if event.kind == EventKind::Answer));
    assert!(agent.is_some() && agent < answer, "{msgs:#?}");
    let c = &records(&msgs)[0];
    let kinds: Vec<&str> = c.events.iter().map(|e| e.kind.type_name()).collect();
    assert_eq!(
        kinds,
        ["ring", "answer", "hold_start", "hold_end", "hangup"]
    );
    assert_eq!(c.events[2].at, 50.0);
    assert_eq!(c.events[3].at, 112.41);
    assert_eq!(c.events[4].kind, EventKind::Hangup { by: Party::Client });
    // Each event goes out as soon as its AMI event came, not at the end.
    let hold = msgs.iter().position(
        |m| matches!(m, Message::Event { event, .. } if event.kind == EventKind::HoldStart),
    );
    let last_update = msgs.iter().rposition(|m| matches!(m, Message::Update(_)));
    assert!(hold < last_update, "{msgs:#?}");
}

#[tokio::test]
async fn documented_blind_transfer_and_holding_bridge_equal_the_import() {
    let msgs = same_as_import(
        &data("ami/blind_transfer_agent_hangs_up.ami"),
        "operators = [\"PJSIP/1*\"]",
        2,
    )
    .await;
    let c = &records(&msgs)[0];
    assert!(c.events.iter().any(|e| e.kind
        == EventKind::Transfer {
            to: Some("1002".into())
        }));
    assert_eq!(
        c.events.last().unwrap().kind,
        EventKind::Hangup {
            by: Party::Operator
        }
    );
    let msgs = same_as_import(
        &data("ami/holding_bridge_outbound.ami"),
        "operators = [\"PJSIP/1*\"]",
        1,
    )
    .await;
    let c = &records(&msgs)[0];
    assert_eq!(c.direction, callqa_model::Direction::Outbound);
    let kinds: Vec<&str> = c.events.iter().map(|e| e.kind.type_name()).collect();
    assert_eq!(
        kinds,
        ["ring", "answer", "hold_start", "hold_end", "hangup"]
    );
}

#[tokio::test]
async fn a_refused_login_stops_the_client_and_quotes_the_reason() {
    let (addr, _server) = ami_server(vec![vec![]]).await;
    let mut cfg = AmiConfig::new(&addr, USER, "wrong");
    cfg.reconnect = quick();
    let (_, res) = collect(|tx| async move { ami::run(&cfg, tx).await }).await;
    let e = res.unwrap_err();
    assert!(matches!(e, SourceError::Login { .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        format!("{addr} refused the login of \"callqa\": \"Authentication failed\"")
    );
}

#[tokio::test]
async fn nothing_listening_gives_up_after_the_attempts() {
    // Bind and drop: a port nobody listens on.
    let addr = {
        let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
        l.local_addr().unwrap().to_string()
    };
    let mut cfg = AmiConfig::new(&addr, USER, SECRET);
    cfg.reconnect = Reconnect {
        attempts: Some(2),
        ..quick()
    };
    let (outs, res) = collect(|tx| async move { ami::run(&cfg, tx).await }).await;
    let e = res.unwrap_err().to_string();
    assert!(
        e.starts_with(&format!("gave up on {addr} after 3 failed attempts")),
        "{e}"
    );
    assert_eq!(notices(&outs).len(), 2, "{outs:?}");
}

#[test]
fn a_call_is_read_again_only_after_meaningful_events() {
    // The cost of following a call: one importer read per event that can
    // change it, not per block (the recorded originate has ~700 blocks of
    // VarSet, Newexten and AGIExec).
    let Some(dir) = shared("panoramisk-ami-fixtures") else {
        return;
    };
    let text = std::fs::read_to_string(dir.join("originate_with_events.yaml")).unwrap();
    let mut calls = ami::AmiCalls::new(mapping("operators = [\"SIP/ddddd*\"]"), None);
    let blocks: Vec<String> = blocks(&text)
        .into_iter()
        .filter(|b| b.starts_with("Event:"))
        .collect();
    let mut ended = 0;
    for b in &blocks {
        let msgs = calls.feed(&ami::frame::Block::parse(b));
        ended += msgs
            .iter()
            .filter(|m| matches!(m, Message::End { .. }))
            .count();
    }
    assert_eq!(ended, 1);
    assert_eq!(calls.open_calls(), 0);
    assert!(blocks.len() > 700, "{}", blocks.len());
    assert!(
        calls.reads() <= 45,
        "{} reads for {} blocks",
        calls.reads(),
        blocks.len()
    );
}
