//! Helpers shared by the integration tests: the shared captures, test
//! servers on 127.0.0.1 (ephemeral ports), running a client with a time
//! bound.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

use callqa_sources::{Message, Output};
use tokio::sync::mpsc;

/// `../shared/data/<sub>` beside the repository, or `None` (with a visible
/// message) when it is absent.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")).join(sub);
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "skipping: {} is absent (real captures live in ../shared/data)",
            p.display()
        );
        None
    }
}

pub fn data(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data")).join(name)
}

/// Every test bound: no network test runs longer than this.
pub const BOUND: Duration = Duration::from_secs(20);

/// Runs `client` (given the sender) to its end, within [`BOUND`], and
/// returns what it reported and how it ended.
pub async fn collect<F, Fut, T>(client: F) -> (Vec<Output>, T)
where
    F: FnOnce(mpsc::Sender<Output>) -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let (tx, mut rx) = mpsc::channel(1024);
    let run = client(tx);
    let gather = async move {
        let mut v = Vec::new();
        while let Some(o) = rx.recv().await {
            v.push(o);
        }
        v
    };
    let (res, outs) = tokio::time::timeout(BOUND, async { tokio::join!(run, gather) })
        .await
        .expect("the client ran past the test bound");
    (outs, res)
}

pub fn messages(outs: &[Output]) -> Vec<Message> {
    outs.iter()
        .filter_map(|o| match o {
            Output::Message(m) => Some(m.clone()),
            Output::Notice(_) => None,
        })
        .collect()
}

pub fn notices(outs: &[Output]) -> Vec<String> {
    outs.iter()
        .filter_map(|o| match o {
            Output::Notice(n) => Some(n.clone()),
            Output::Message(_) => None,
        })
        .collect()
}

/// Blocks of a `Key: value` stream (blank-line separated).
pub fn blocks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for l in text.lines().map(|l| l.trim_end_matches('\r')) {
        if l.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push_str(l);
            cur.push('\n');
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}
