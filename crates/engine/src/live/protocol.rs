//! The envelopes of live protocol v2 (`shared/spec/live-protocol.md`), in
//! and out, as serde types. Version 1 streams (`start`, `event`,
//! `utterance`, `end` without the v2 fields) parse as the same messages.

use std::collections::BTreeMap;

use callqa_model::{CallAudit, Severity, Verdict};
use serde::{Deserialize, Serialize};

/// A message to the hub.
#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum In {
    /// A call begins: the call record's fields (events and utterances, if
    /// any, are taken as already received; `operator` may be missing).
    Start {
        /// The call record without (or with the first) events and utterances.
        call: serde_json::Value,
    },
    /// Metadata learnt later.
    Update {
        /// The call id.
        call: String,
        /// The operator (`{"id": …, "name": …}`).
        #[serde(default)]
        operator: Option<serde_json::Value>,
        /// The client (`{"id": …, "name": …, "number": …}`).
        #[serde(default)]
        client: Option<serde_json::Value>,
        /// The queue the call came through.
        #[serde(default)]
        queue: Option<String>,
        /// Tags to add or replace.
        #[serde(default)]
        tags: Option<BTreeMap<String, String>>,
    },
    /// A telephony event.
    Event {
        /// The call id.
        call: String,
        /// As in the call record.
        event: EventIn,
    },
    /// A recognised segment.
    Utterance {
        /// The call id.
        call: String,
        /// As in the call record.
        utterance: UtteranceIn,
        /// The segment id: the same segment may be sent again with longer
        /// or corrected text until it is final.
        #[serde(default)]
        segment: Option<String>,
        /// Whether the text is final (default true).
        #[serde(default = "yes", rename = "final")]
        is_final: bool,
        /// How many leading characters of `text` will not change.
        #[serde(default)]
        stable_chars: Option<usize>,
    },
    /// Time passes on the call's clock (or on every call's, without `call`).
    Tick {
        /// The call id; absent: every open call.
        #[serde(default)]
        call: Option<String>,
        /// Seconds on the call's clock.
        at: f64,
    },
    /// The call is over.
    End {
        /// The call id.
        call: String,
        /// Seconds on the call's clock.
        #[serde(default)]
        at: Option<f64>,
    },
}

fn yes() -> bool {
    true
}

/// An event as sent: `{"at": 6.0, "type": "answer"}`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventIn {
    /// Seconds since the call's start.
    pub at: f64,
    /// `ring`, `answer`, `hold_start`, `hold_end`, `transfer`, `hangup`, `drop`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Who hung up (`hangup`).
    #[serde(default)]
    pub by: Option<String>,
    /// Where the call went (`transfer`).
    #[serde(default)]
    pub to: Option<String>,
}

/// An utterance as sent.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UtteranceIn {
    /// `operator` or `client`.
    pub speaker: String,
    /// Seconds since the call's start.
    pub start: f64,
    /// Seconds since the call's start.
    pub end: f64,
    /// The words, as recognised.
    pub text: String,
}

/// A message from the hub.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Out {
    /// A verdict decided early; it never changes later.
    Verdict {
        /// The call id.
        call: String,
        /// Seconds on the call's clock when it was decided.
        at: f64,
        /// The verdict.
        data: Verdict,
    },
    /// Something the operator should do now: a `[[prompt]]` of the
    /// standard whose trigger fired; at most once per call and prompt, and
    /// at most one per gap of the call's clock.
    Prompt {
        /// The call id.
        call: String,
        /// Seconds on the call's clock.
        at: f64,
        /// The prompt's id, for deduplication.
        id: String,
        /// The rule it is about, when it names one.
        rule: Option<String>,
        /// The text, in the report language.
        text: String,
        /// The rule's severity.
        severity: Severity,
        /// When it stops being useful, on the call's clock.
        expires_at: f64,
    },
    /// Whether the operator did what a prompt asked within its window;
    /// sent once per shown prompt that asks something, when decided (at the
    /// latest when the window closes or the call ends). A v2 client that
    /// does not know the type skips it.
    PromptOutcome {
        /// The call id.
        call: String,
        /// Seconds on the call's clock when it was decided.
        at: f64,
        /// The prompt's id.
        id: String,
        /// The rule it is about, when it names one.
        rule: Option<String>,
        /// Done in time.
        followed: bool,
    },
    /// The call's final audit, equal to the batch audit of the same call.
    Audit {
        /// The call id.
        call: String,
        /// The audit.
        data: CallAudit,
    },
    /// A message was refused; the stream and every other call go on.
    Error {
        /// The call, when known.
        #[serde(skip_serializing_if = "Option::is_none")]
        call: Option<String>,
        /// The line of the stream (stdin).
        #[serde(skip_serializing_if = "Option::is_none")]
        line: Option<u64>,
        /// The frame of the socket.
        #[serde(skip_serializing_if = "Option::is_none")]
        frame: Option<u64>,
        /// What was wrong.
        message: String,
    },
}
