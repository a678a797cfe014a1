//! What can go wrong in a source: each error names what failed and quotes
//! the bad value.

use std::time::Duration;

/// An error that stops a source.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("cannot connect to {addr}: {message}")]
    Connect { addr: String, message: String },
    #[error("{addr} refused the login of {user:?}: {message:?}")]
    Login {
        addr: String,
        user: String,
        message: String,
    },
    #[error("{addr} does not speak {protocol}: it sent {sent:?}")]
    Protocol {
        addr: String,
        protocol: &'static str,
        sent: String,
    },
    #[error("gave up on {addr} after {attempts} failed attempts in a row; the last: {last}")]
    GaveUp {
        addr: String,
        attempts: u32,
        last: String,
    },
    #[error("{addr}: no answer within {:.1} s while {doing}", .after.as_secs_f64())]
    Timeout {
        addr: String,
        doing: &'static str,
        after: Duration,
    },
    #[error("{what}: {message}")]
    Input { what: String, message: String },
    #[error("the consumer of the messages went away")]
    Closed,
}
