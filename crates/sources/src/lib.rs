//! callqa-sources: live sources for `callqa live`. Each turns what runs on
//! the customer's own network into live protocol v2 input messages
//! ([`protocol`]):
//!
//! - [`ami`]: an Asterisk Manager Interface client (login, events → ring,
//!   answer, hold, transfer, hangup with who hung up; reconnects);
//! - [`esl`]: a FreeSWITCH Event Socket client (inbound socket, the
//!   `CHANNEL_*` events);
//! - [`vosk`]: a Vosk-server WebSocket client (audio in, utterances out);
//! - [`adapt`]: message-format adapters for cloud recognisers (AWS
//!   Transcribe streaming, Deepgram, AssemblyAI v3, Yandex SpeechKit v3),
//!   fed by the customer's own bridge: callqa makes no cloud calls.
//!
//! The PBX clients read each call with the importers' own parsers
//! (`callqa_import`), so a live call and an imported log of the same call
//! give the same record ([`fold`] rebuilds records from messages; the
//! replay tests compare them).
#![deny(missing_docs)]

pub mod adapt;
pub mod ami;
pub mod error;
pub mod esl;

pub mod fold;
pub mod net;
pub mod protocol;
pub mod record;
pub mod stable;

pub mod tracker;
pub mod vosk;

pub use error::SourceError;
pub use net::{Output, Reconnect};
pub use protocol::{CallHead, Message, Update, UtteranceMsg};
