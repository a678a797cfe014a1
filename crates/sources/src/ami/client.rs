//! The AMI client: a TCP connection to Asterisk's manager port, `Action:
//! Login` with its `Response` checked, then every event block through
//! [`AmiCalls`] into v2 messages. A dropped connection is retried with
//! backoff; the calls in progress are kept (their uniqueids outlive the
//! socket), a refused login stops the client.

use std::time::Duration;

use callqa_import::{Mapping, Zone};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

use super::calls::AmiCalls;
use super::frame::{Frame, Framer};
use crate::error::SourceError;
use crate::net::{after_session, emit, timed, Output, Reconnect, Session};

/// Where and how to connect.
#[derive(Clone, Debug)]
pub struct AmiConfig {
    /// `host:port` (the manager port is 5038 by default).
    pub addr: String,
    /// The manager user to log in as (`manager.conf`).
    pub username: String,
    /// That user's secret; must not contain a line break.
    pub secret: String,
    /// Who is the operator (`--map`), as for `callqa import`.
    pub mapping: Mapping,
    /// Zone of CEL `EventTime` stamps without an offset.
    pub zone: Option<Zone>,
    /// When and how often to reconnect after the connection drops.
    pub reconnect: Reconnect,
    /// How long to wait for the banner and the login response.
    pub login_timeout: Duration,
}

impl AmiConfig {
    /// A configuration for `addr` with these credentials, no mapping, no zone, the default reconnect policy and a 10 s login timeout.
    pub fn new(addr: &str, username: &str, secret: &str) -> AmiConfig {
        AmiConfig {
            addr: addr.to_string(),
            username: username.to_string(),
            secret: secret.to_string(),
            mapping: Mapping::default(),
            zone: None,
            reconnect: Reconnect::default(),
            login_timeout: Duration::from_secs(10),
        }
    }
}

const LOGIN_ID: &str = "callqa-login";

/// The `Action: Login` block. Values are sent on one line each: a CR or
/// LF inside them would start another header, so they are refused.
pub fn login_action(user: &str, secret: &str) -> Result<String, SourceError> {
    for (what, v) in [("username", user), ("secret", secret)] {
        if v.contains(['\r', '\n']) {
            return Err(SourceError::Input {
                what: what.to_string(),
                message: "contains a line break".to_string(),
            });
        }
    }
    Ok(format!(
        "Action: Login\r\nActionID: {LOGIN_ID}\r\nUsername: {user}\r\nSecret: {secret}\r\nEvents: on\r\n\r\n"
    ))
}

/// Runs the client until the login is refused, the consumer goes away or
/// the reconnect policy gives up.
pub async fn run(cfg: &AmiConfig, tx: mpsc::Sender<Output>) -> Result<(), SourceError> {
    let login = login_action(&cfg.username, &cfg.secret)?;
    let mut calls = AmiCalls::new(cfg.mapping.clone(), cfg.zone.clone());
    let mut failures = 0;
    loop {
        let s = session(cfg, &login, &mut calls, &tx).await;
        after_session(&cfg.addr, &cfg.reconnect, &tx, s, &mut failures).await?;
    }
}

async fn session(
    cfg: &AmiConfig,
    login: &str,
    calls: &mut AmiCalls,
    tx: &mpsc::Sender<Output>,
) -> Session {
    let lost = |logged_in: bool, error: String| Session::Lost { logged_in, error };
    let addr = cfg.addr.as_str();
    let mut sock = match timed(
        addr,
        "connecting",
        cfg.login_timeout,
        TcpStream::connect(addr),
    )
    .await
    {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => return lost(false, format!("cannot connect: {e}")),
        Err(e) => return lost(false, e.to_string()),
    };
    if let Err(e) = sock.write_all(login.as_bytes()).await {
        return lost(false, format!("cannot send the login: {e}"));
    }
    let mut framer = Framer::new();
    let mut buf = vec![0u8; 16 * 1024];
    let mut logged_in = false;
    let mut banner = false;
    loop {
        while let Some(frame) = framer.next_frame() {
            match frame {
                Frame::Banner(_) => banner = true,
                Frame::TooLong(n) => {
                    let note =
                        format!("{addr}: skipped an AMI block of {n} bytes (over the limit)");
                    if emit(tx, Output::Notice(note)).await.is_err() {
                        return Session::Fatal(SourceError::Closed);
                    }
                }
                Frame::Block(b) if !logged_in => {
                    if b.get("ActionID") != LOGIN_ID && b.get("Response").is_empty() {
                        continue; // an event before the login answer
                    }
                    if !banner && b.get("Response").is_empty() {
                        return Session::Fatal(SourceError::Protocol {
                            addr: addr.to_string(),
                            protocol: "AMI",
                            sent: b.text(),
                        });
                    }
                    if b.get("Response").eq_ignore_ascii_case("Success") {
                        logged_in = true;
                        let note = format!("{addr}: logged in as {:?}", cfg.username);
                        if emit(tx, Output::Notice(note)).await.is_err() {
                            return Session::Fatal(SourceError::Closed);
                        }
                    } else {
                        return Session::Fatal(SourceError::Login {
                            addr: addr.to_string(),
                            user: cfg.username.clone(),
                            message: b.get("Message").to_string(),
                        });
                    }
                }
                Frame::Block(b) => {
                    for m in calls.feed(&b) {
                        if emit(tx, Output::Message(m)).await.is_err() {
                            return Session::Fatal(SourceError::Closed);
                        }
                    }
                }
            }
        }
        let read = if logged_in {
            Ok(sock.read(&mut buf).await)
        } else {
            timed(addr, "logging in", cfg.login_timeout, sock.read(&mut buf)).await
        };
        match read {
            Ok(Ok(0)) => return lost(logged_in, "the server closed the connection".into()),
            Ok(Ok(n)) => framer.push(&buf[..n]),
            Ok(Err(e)) => return lost(logged_in, format!("connection lost: {e}")),
            Err(e) => return lost(logged_in, e.to_string()),
        }
    }
}
