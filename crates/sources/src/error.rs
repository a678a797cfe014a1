//! What can go wrong in a source: each error names what failed and quotes
//! the bad value.

use std::time::Duration;

/// An error that stops a source.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The TCP or WebSocket connection could not be made.
    #[error("cannot connect to {addr}: {message}")]
    Connect {
        /// The address as configured (`host:port` or a URL).
        addr: String,
        /// Why the connection failed.
        message: String,
    },
    /// The PBX refused the login.
    #[error("{addr} refused the login of {user:?}: {message:?}")]
    Login {
        /// The address as configured.
        addr: String,
        /// The user name that was refused.
        user: String,
        /// The PBX's own reason, quoted.
        message: String,
    },
    /// The peer answered, but not in the expected protocol.
    #[error("{addr} does not speak {protocol}: it sent {sent:?}")]
    Protocol {
        /// The address as configured.
        addr: String,
        /// The protocol expected (`AMI`, `the FreeSWITCH event socket`, …).
        protocol: &'static str,
        /// What the peer sent instead.
        sent: String,
    },
    /// The reconnect policy's attempts ran out.
    #[error("gave up on {addr} after {attempts} failed attempts in a row; the last: {last}")]
    GaveUp {
        /// The address as configured.
        addr: String,
        /// How many attempts failed in a row.
        attempts: u32,
        /// The error of the last attempt.
        last: String,
    },
    /// The peer did not answer in time.
    #[error("{addr}: no answer within {:.1} s while {doing}", .after.as_secs_f64())]
    Timeout {
        /// The address as configured.
        addr: String,
        /// What the client was waiting for (`connecting`, …).
        doing: &'static str,
        /// How long it waited.
        after: Duration,
    },
    /// A bad setting or input file (a password with a line break, a WAV
    /// file that is not 16-bit PCM).
    #[error("{what}: {message}")]
    Input {
        /// The setting or file at fault.
        what: String,
        /// What is wrong with it, lower-case.
        message: String,
    },
    /// The receiver of the messages was dropped, so there is no one to send to.
    #[error("the consumer of the messages went away")]
    Closed,
}
