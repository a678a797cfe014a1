//! The ESL client: connects to FreeSWITCH's inbound event socket (port
//! 8021 by default), answers `auth/request` with `auth <password>`, checks
//! the `+OK`, subscribes with `event plain` to the channel events and turns
//! each event through [`EslCalls`] into v2 messages. A dropped connection
//! is retried with backoff, the calls in progress are kept; a refused
//! password stops the client.

use std::time::Duration;

use callqa_import::{Mapping, Zone};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

use super::calls::EslCalls;
use super::frame::{EslMessage, Framer};
use crate::error::SourceError;
use crate::net::{after_session, emit, timed, Output, Reconnect, Session};

/// The events subscribed to.
pub const EVENTS: &str = "CHANNEL_CREATE CHANNEL_ANSWER CHANNEL_HOLD CHANNEL_UNHOLD CHANNEL_BRIDGE CHANNEL_UNBRIDGE CHANNEL_HANGUP_COMPLETE";

/// Where and how to connect.
#[derive(Clone, Debug)]
pub struct EslConfig {
    /// `host:port`.
    pub addr: String,
    /// The event socket password (`event_socket.conf.xml`); must not contain a line break.
    pub password: String,
    /// Who is the operator (`--map`), as for `callqa import`.
    pub mapping: Mapping,
    /// Zone of time stamps without an offset.
    pub zone: Option<Zone>,
    /// When and how often to reconnect after the connection drops.
    pub reconnect: Reconnect,
    /// How long to wait for the connection, the greeting and the answer to `auth`.
    pub login_timeout: Duration,
}

impl EslConfig {
    /// A configuration for `addr` with this password, no mapping, no zone, the default reconnect policy and a 10 s login timeout.
    pub fn new(addr: &str, password: &str) -> EslConfig {
        EslConfig {
            addr: addr.to_string(),
            password: password.to_string(),
            mapping: Mapping::default(),
            zone: None,
            reconnect: Reconnect::default(),
            login_timeout: Duration::from_secs(10),
        }
    }
}

/// Runs the client until the password is refused, the consumer goes away
/// or the reconnect policy gives up.
pub async fn run(cfg: &EslConfig, tx: mpsc::Sender<Output>) -> Result<(), SourceError> {
    if cfg.password.contains(['\r', '\n']) {
        return Err(SourceError::Input {
            what: "password".into(),
            message: "contains a line break".into(),
        });
    }
    let mut calls = EslCalls::new(cfg.mapping.clone(), cfg.zone.clone());
    let mut failures = 0;
    loop {
        let s = session(cfg, &mut calls, &tx).await;
        after_session(&cfg.addr, &cfg.reconnect, &tx, s, &mut failures).await?;
    }
}

struct Conn {
    sock: TcpStream,
    framer: Framer,
    buf: Vec<u8>,
}

impl Conn {
    /// The next message; `Err` is why the connection is unusable.
    async fn next(&mut self) -> Result<EslMessage, String> {
        loop {
            match self.framer.next_message() {
                Ok(Some(m)) => return Ok(m),
                Ok(None) => {}
                Err(e) => return Err(e.to_string()),
            }
            match self.sock.read(&mut self.buf).await {
                Ok(0) => return Err("the server closed the connection".into()),
                Ok(n) => self.framer.push(&self.buf[..n]),
                Err(e) => return Err(format!("connection lost: {e}")),
            }
        }
    }

    /// The next `command/reply`, within the login timeout.
    async fn reply(&mut self, cfg: &EslConfig, doing: &'static str) -> Result<EslMessage, Session> {
        loop {
            let m = match timed(&cfg.addr, doing, cfg.login_timeout, self.next()).await {
                Ok(Ok(m)) => m,
                Ok(Err(e)) => {
                    return Err(Session::Lost {
                        logged_in: false,
                        error: e,
                    })
                }
                Err(e) => {
                    return Err(Session::Lost {
                        logged_in: false,
                        error: e.to_string(),
                    })
                }
            };
            if m.header("Content-Type") == "command/reply" {
                return Ok(m);
            }
        }
    }
}

async fn session(cfg: &EslConfig, calls: &mut EslCalls, tx: &mpsc::Sender<Output>) -> Session {
    let addr = cfg.addr.as_str();
    let lost = |error: String| Session::Lost {
        logged_in: false,
        error,
    };
    let sock = match timed(
        addr,
        "connecting",
        cfg.login_timeout,
        TcpStream::connect(addr),
    )
    .await
    {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => return lost(format!("cannot connect: {e}")),
        Err(e) => return lost(e.to_string()),
    };
    let mut c = Conn {
        sock,
        framer: Framer::new(),
        buf: vec![0u8; 16 * 1024],
    };
    let first = match timed(
        addr,
        "waiting for auth/request",
        cfg.login_timeout,
        c.next(),
    )
    .await
    {
        Ok(Ok(m)) => m,
        Ok(Err(e)) => return lost(e),
        Err(e) => return lost(e.to_string()),
    };
    if first.header("Content-Type") != "auth/request" {
        return Session::Fatal(SourceError::Protocol {
            addr: addr.to_string(),
            protocol: "the FreeSWITCH event socket",
            sent: first
                .headers
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect::<Vec<_>>()
                .join("\n"),
        });
    }
    let auth = format!("auth {}\n\n", cfg.password);
    if let Err(e) = c.sock.write_all(auth.as_bytes()).await {
        return lost(format!("cannot send auth: {e}"));
    }
    let r = match c.reply(cfg, "authenticating").await {
        Ok(r) => r,
        Err(s) => return s,
    };
    if !r.header("Reply-Text").starts_with("+OK") {
        return Session::Fatal(SourceError::Login {
            addr: addr.to_string(),
            user: "auth".into(),
            message: r.header("Reply-Text").to_string(),
        });
    }
    let sub = format!("event plain {EVENTS}\n\n");
    if let Err(e) = c.sock.write_all(sub.as_bytes()).await {
        return lost(format!("cannot subscribe: {e}"));
    }
    let r = match c.reply(cfg, "subscribing").await {
        Ok(r) => r,
        Err(s) => return s,
    };
    if !r.header("Reply-Text").starts_with("+OK") {
        return Session::Fatal(SourceError::Protocol {
            addr: addr.to_string(),
            protocol: "the FreeSWITCH event socket",
            sent: r.header("Reply-Text").to_string(),
        });
    }
    if emit(
        tx,
        Output::Notice(format!("{addr}: subscribed to {EVENTS}")),
    )
    .await
    .is_err()
    {
        return Session::Fatal(SourceError::Closed);
    }
    loop {
        let m = match c.next().await {
            Ok(m) => m,
            Err(e) => {
                return Session::Lost {
                    logged_in: true,
                    error: e,
                }
            }
        };
        match m.header("Content-Type") {
            "text/event-plain" => {
                for msg in calls.feed(&m.body) {
                    if emit(tx, Output::Message(msg)).await.is_err() {
                        return Session::Fatal(SourceError::Closed);
                    }
                }
            }
            "text/disconnect-notice" => {
                return Session::Lost {
                    logged_in: true,
                    error: "the server sent a disconnect notice".into(),
                }
            }
            _ => {}
        }
    }
}
