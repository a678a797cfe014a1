//! The time-ordered parts of a call record: `events[]` (telephony, with the
//! ordering, hold-pairing and end-of-call rules) and `utterances[]` (the
//! transcript, with optional `words[]`).

use serde_json::Value;

use super::raw::{Elem, RawEvent, RawUtterance, RawWord, Slot, Text};
use super::value::{Found, Path, Short};
use super::{missing, string, Errors};
use crate::call::{Event, EventKind, Party, Utterance, Word};
use crate::limits::{
    MAX_EVENTS, MAX_STRING_BYTES, MAX_TEXT_BYTES, MAX_UTTERANCES, MAX_WORDS_PER_UTTERANCE,
};
use crate::timeline::{self as rules, TimelineState};

const EVENT_TYPES: &str =
    r#""ring", "answer", "hold_start", "hold_end", "transfer", "hangup", "drop""#;

/// The elements of an optional array, or `None` after reporting why not.
fn array<T>(
    v: Option<Result<Vec<Elem<T>>, Value>>,
    path: Path<'_>,
    what: &str,
    limit: usize,
    errs: &mut Errors,
) -> Option<Vec<Elem<T>>> {
    match v? {
        Ok(items) if items.len() > limit => {
            errs.add(
                path,
                format_args!("{} {what} is more than the limit of {limit}", items.len()),
            );
            None
        }
        Ok(items) => Some(items),
        Err(other) => {
            errs.add(
                path,
                format_args!("expected an array, found {}", Found(&other)),
            );
            None
        }
    }
}

fn element<T>(v: Elem<T>, path: Path<'_>, what: &str, errs: &mut Errors) -> Option<T> {
    match v {
        Elem::Ok(m) => Some(m),
        Elem::Bad(other) => {
            errs.add(
                path,
                format_args!("expected {what} object, found {}", Found(&other)),
            );
            None
        }
    }
}

/// A finite number (JSON numbers always are; strings such as `"NaN"` are
/// type errors).
fn number(v: Result<f64, Value>, path: Path<'_>, errs: &mut Errors) -> Option<f64> {
    match v {
        Ok(x) => Some(x),
        Err(v) => {
            errs.add(path, format_args!("expected a number, found {}", Found(&v)));
            None
        }
    }
}

/// Seconds since `started_at`: a number within the rules of
/// [`crate::timeline`].
fn seconds(v: Result<f64, Value>, path: Path<'_>, errs: &mut Errors) -> Option<f64> {
    let x = number(v, path, errs)?;
    rules::seconds(x, path, errs)
}

fn required_seconds(
    v: Slot<f64>,
    name: &'static str,
    parent: &Path<'_>,
    errs: &mut Errors,
) -> Option<f64> {
    let path = Path::Field(parent, name);
    match v.present() {
        None => missing(errs, path),
        Some(v) => seconds(v, path, errs),
    }
}

fn party(
    v: Result<Text<'_>, Value>,
    path: Path<'_>,
    what: &str,
    errs: &mut Errors,
) -> Option<Party> {
    match v.as_ref().map(Text::as_str) {
        Ok("operator") => Some(Party::Operator),
        Ok("client") => Some(Party::Client),
        Ok(s) => {
            errs.add(
                path,
                format_args!(
                    "unknown {what} {} (expected \"operator\" or \"client\")",
                    Short(s)
                ),
            );
            None
        }
        Err(v) => {
            errs.add(
                path,
                format_args!("expected \"operator\" or \"client\", found {}", Found(v)),
            );
            None
        }
    }
}

/// `events[]`: absent means a record without telephony events.
pub(super) fn events(
    v: Option<Result<Vec<Elem<RawEvent<'_>>>, Value>>,
    errs: &mut Errors,
) -> Vec<Event> {
    let root = Path::Root;
    let path = Path::Field(&root, "events");
    let Some(items) = array(v, path, "events", MAX_EVENTS, errs) else {
        return Vec::new();
    };
    let count = items.len();
    let mut out = Vec::with_capacity(count);
    let mut state = TimelineState::new();
    for (i, item) in items.into_iter().enumerate() {
        let ip = Path::Index(&path, i);
        state.begin_event();
        let Some(m) = element(item, ip, "an event", errs) else {
            continue;
        };
        let at = required_seconds(m.at, "at", &ip, errs);
        state.event_at(i, at, &ip, errs);
        let type_path = Path::Field(&ip, "type");
        let kind = match m.kind.present() {
            None => missing(errs, type_path),
            Some(v) => event_kind(v, m.by, m.to, &ip, errs),
        };
        let Some(kind) = kind else { continue };
        state.event_kind(i, &kind, &ip, errs);
        if let Some(at) = at {
            out.push(Event { at, kind });
        }
    }
    state.set_event_count(count);
    state.finish_events(errs);
    out
}

fn event_kind(
    v: Result<Text<'_>, Value>,
    by: Slot<Text<'_>>,
    to: Slot<Text<'_>>,
    ip: &Path<'_>,
    errs: &mut Errors,
) -> Option<EventKind> {
    let type_path = Path::Field(ip, "type");
    let name = match &v {
        Ok(name) => name.as_str(),
        Err(v) => {
            errs.add(
                type_path,
                format_args!("expected an event type string, found {}", Found(v)),
            );
            return None;
        }
    };
    Some(match name {
        "ring" => EventKind::Ring,
        "answer" => EventKind::Answer,
        "hold_start" => EventKind::HoldStart,
        "hold_end" => EventKind::HoldEnd,
        "drop" => EventKind::Drop,
        "transfer" => EventKind::Transfer {
            to: to
                .present()
                .and_then(|v| string(v, Path::Field(ip, "to"), errs, MAX_STRING_BYTES)),
        },
        "hangup" => {
            let by_path = Path::Field(ip, "by");
            let by = match by.present() {
                None => {
                    errs.add(
                        by_path,
                        "missing (a hangup names who hung up: \"operator\" or \"client\")",
                    );
                    None
                }
                Some(v) => party(v, by_path, "party", errs),
            };
            EventKind::Hangup { by: by? }
        }
        other => {
            errs.add(
                type_path,
                format_args!(
                    "unknown event type {} (expected one of {EVENT_TYPES})",
                    Short(other)
                ),
            );
            return None;
        }
    })
}

/// `utterances[]`: absent means a record without a transcript.
pub(super) fn utterances(
    v: Option<Result<Vec<Elem<RawUtterance<'_>>>, Value>>,
    errs: &mut Errors,
) -> Vec<Utterance> {
    let root = Path::Root;
    let path = Path::Field(&root, "utterances");
    let Some(items) = array(v, path, "utterances", MAX_UTTERANCES, errs) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    let mut state = TimelineState::new();
    for (i, item) in items.into_iter().enumerate() {
        let ip = Path::Index(&path, i);
        let Some(m) = element(item, ip, "an utterance", errs) else {
            continue;
        };
        let speaker_path = Path::Field(&ip, "speaker");
        let speaker = match m.speaker.present() {
            None => missing(errs, speaker_path),
            Some(v) => party(v, speaker_path, "speaker", errs),
        };
        let start = required_seconds(m.start, "start", &ip, errs);
        let end = required_seconds(m.end, "end", &ip, errs);
        state.utterance_times(i, start, end, &ip, errs);
        let text_path = Path::Field(&ip, "text");
        let text = match m.text.present() {
            None => missing(errs, text_path),
            Some(v) => string(v, text_path, errs, MAX_TEXT_BYTES),
        };
        let words = words(m.words.present(), &ip, errs);
        if let (Some(speaker), Some(start), Some(end), Some(text)) = (speaker, start, end, text) {
            out.push(Utterance {
                speaker,
                start,
                end,
                text,
                words,
            });
        }
    }
    out
}

fn words(
    v: Option<Result<Vec<Elem<RawWord<'_>>>, Value>>,
    parent: &Path<'_>,
    errs: &mut Errors,
) -> Vec<Word> {
    let path = Path::Field(parent, "words");
    let Some(items) = array(v, path, "words", MAX_WORDS_PER_UTTERANCE, errs) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let ip = Path::Index(&path, i);
        let Some(m) = element(item, ip, "a word", errs) else {
            continue;
        };
        let w_path = Path::Field(&ip, "w");
        let w = match m.w.present() {
            None => missing(errs, w_path),
            Some(v) => string(v, w_path, errs, MAX_STRING_BYTES),
        };
        let start = m
            .start
            .present()
            .and_then(|v| seconds(v, Path::Field(&ip, "start"), errs));
        let end = m
            .end
            .present()
            .and_then(|v| seconds(v, Path::Field(&ip, "end"), errs));
        let conf_path = Path::Field(&ip, "conf");
        let conf = m.conf.present().and_then(|v| number(v, conf_path, errs));
        rules::word_rules(start, end, conf, &ip, errs);
        if let Some(w) = w {
            out.push(Word {
                w,
                start,
                end,
                conf,
            });
        }
    }
    out
}
