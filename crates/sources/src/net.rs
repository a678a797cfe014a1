//! What the network clients share: where their output goes, how they
//! reconnect, and reading with a deadline.

use std::time::Duration;

use tokio::sync::mpsc;

use crate::error::SourceError;
use crate::protocol::Message;

/// What a running client reports.
// Nearly every output is a message; boxing it would cost an allocation each.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    /// A v2 message for the engine.
    Message(Message),
    /// Something the operator of the client should know (a lost
    /// connection, a skipped block); lower-case, for stderr.
    Notice(String),
}

/// How a client reconnects after the connection drops: waits `initial`,
/// doubling up to `max`, and gives up after `attempts` failures in a row
/// (`None`: never). A successful login resets the count.
#[derive(Clone, Debug)]
pub struct Reconnect {
    /// The wait before the first reconnect (default 0.5 s).
    pub initial: Duration,
    /// The longest wait between attempts (default 30 s).
    pub max: Duration,
    /// How many failures in a row to accept before giving up; `None` (the default) never gives up.
    pub attempts: Option<u32>,
}

impl Default for Reconnect {
    fn default() -> Self {
        Reconnect {
            initial: Duration::from_millis(500),
            max: Duration::from_secs(30),
            attempts: None,
        }
    }
}

impl Reconnect {
    /// The wait before attempt `n` (1-based) after a failure.
    pub fn delay(&self, n: u32) -> Duration {
        let factor = 2u32.saturating_pow(n.saturating_sub(1).min(20));
        self.initial.saturating_mul(factor).min(self.max)
    }
}

/// Sends `m`, failing when the consumer is gone.
pub(crate) async fn emit(tx: &mpsc::Sender<Output>, m: Output) -> Result<(), SourceError> {
    tx.send(m).await.map_err(|_| SourceError::Closed)
}

/// After a session ended: `Err` to stop for good, else waits as `policy`
/// says and returns to try again. `failures` counts failures in a row.
pub(crate) async fn after_session(
    addr: &str,
    policy: &Reconnect,
    tx: &mpsc::Sender<Output>,
    s: Session,
    failures: &mut u32,
) -> Result<(), SourceError> {
    let err = match s {
        Session::Fatal(e) => return Err(e),
        Session::Lost { logged_in, error } => {
            if logged_in {
                *failures = 0;
            }
            error
        }
    };
    *failures += 1;
    if let Some(max) = policy.attempts {
        if *failures > max {
            return Err(SourceError::GaveUp {
                addr: addr.to_string(),
                attempts: *failures,
                last: err,
            });
        }
    }
    let wait = policy.delay(*failures);
    emit(
        tx,
        Output::Notice(format!(
            "{addr}: {err}; reconnecting in {:.1} s",
            wait.as_secs_f64()
        )),
    )
    .await?;
    tokio::time::sleep(wait).await;
    Ok(())
}

/// How one connection ended.
pub(crate) enum Session {
    /// Stop for good (login refused, consumer gone).
    Fatal(SourceError),
    /// The connection failed or dropped; reconnect.
    Lost { logged_in: bool, error: String },
}

/// A read with a deadline.
pub(crate) async fn timed<T>(
    addr: &str,
    doing: &'static str,
    after: Duration,
    f: impl std::future::Future<Output = T>,
) -> Result<T, SourceError> {
    tokio::time::timeout(after, f)
        .await
        .map_err(|_| SourceError::Timeout {
            addr: addr.to_string(),
            doing,
            after,
        })
}
