//! Untrusted JSON → [`Call`]: the validating reader of call record format v1
//! (`shared/spec/call-record.md`).
//!
//! The record is walked by hand rather than derived, so that every problem
//! names its field path and quotes the bad value, and so that *all* the
//! problems of a call are reported at once:
//!
//! ```text
//! events[3].at: 12.0 is earlier than events[2].at 40.0; utterances[0].speaker: unknown speaker "agnt" (expected "operator" or "client")
//! ```
//!
//! # Decisions
//!
//! - Unknown fields are ignored (forward compatibility); `null` on an
//!   optional field means absent.
//! - `id`, `operator.id` and `client.id` are strings, but JSON integers are
//!   accepted and converted to their decimal text (telephony exports often
//!   number calls); floats are rejected. A string id must not be blank.
//! - `events` and `utterances` may be absent (a transcript alone, a missed
//!   call without a transcript). `utterances[].text` is required but may be
//!   empty.
//! - `tags` values are strings; JSON numbers and booleans are accepted and
//!   kept as their JSON text.
//! - A hold still open at `hangup`/`drop` is allowed (the client may hang up
//!   while on hold); a nested `hold_start` or an unmatched `hold_end` is not.
//! - `words[].conf`, when present, is between 0 and 1. Word timings are not
//!   checked against their utterance (recognisers are often slightly off).
//! - `client.number` is not checked to be E.164: importers normalise it.
//! - Sizes are bounded by [`crate::limits`].
//!
//! This module does not read files: see [`crate::read`].

mod direct;
mod raw;
mod timeline;
pub(crate) mod value;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::call::{Call, Client, Direction, Lang, Operator};
use crate::limits::{MAX_FIELD_ERRORS, MAX_RECORD_BYTES, MAX_STRING_BYTES, MAX_TAGS};
use raw::{Id, RawCall, RawClient, RawOperator, Slot, TagValue, Tags, Text};
use value::{Found, Path, Short};

/// One problem of a call: the field path (`events[3].at`, empty for the
/// record itself) and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    path: String,
    message: String,
}

impl FieldError {
    /// The field path, e.g. `utterances[0].speaker`; empty when the problem
    /// is the record as a whole (not an object, not JSON).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong, lower-case, quoting the bad value.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Every problem found in one call record. Displays as the field errors
/// joined by `; ` (at most [`MAX_FIELD_ERRORS`] of them, then
/// `and N more problems`); the call id is not part of the text, see
/// [`CallError::id`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallError {
    id: Option<String>,
    errors: Vec<FieldError>,
    omitted: usize,
}

impl CallError {
    fn whole(message: String) -> CallError {
        CallError {
            id: None,
            errors: vec![FieldError {
                path: String::new(),
                message,
            }],
            omitted: 0,
        }
    }

    /// The call's id, when the record had a valid one.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The field errors kept (the first [`MAX_FIELD_ERRORS`]).
    pub fn errors(&self) -> &[FieldError] {
        &self.errors
    }

    /// How many problems were found in total, kept or not.
    pub fn count(&self) -> usize {
        self.errors.len() + self.omitted
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{e}")?;
        }
        if self.omitted > 0 {
            write!(f, "; and {} more problems", self.omitted)?;
        }
        Ok(())
    }
}

impl std::error::Error for CallError {}

/// The problems collected while walking one record.
#[derive(Default)]
pub(crate) struct Errors {
    list: Vec<FieldError>,
    omitted: usize,
}

impl Errors {
    pub(crate) fn add(&mut self, path: Path<'_>, message: impl fmt::Display) {
        if self.list.len() >= MAX_FIELD_ERRORS {
            self.omitted += 1;
        } else {
            self.list.push(FieldError {
                path: path.to_string(),
                message: message.to_string(),
            });
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty() && self.omitted == 0
    }

    pub(crate) fn into_call_error(self, id: Option<String>) -> CallError {
        CallError {
            id,
            errors: self.list,
            omitted: self.omitted,
        }
    }
}

/// Parses one call record from JSON text.
///
/// # Errors
///
/// A [`CallError`] with one whole-record error when the text is not JSON
/// (or larger than [`MAX_RECORD_BYTES`]), else every field problem found.
pub fn call_from_str(text: &str) -> Result<Call, CallError> {
    call_from_slice(text.as_bytes())
}

/// Parses one call record from JSON bytes (UTF-8; a leading BOM is
/// skipped).
///
/// # Errors
///
/// As [`call_from_str`]; bytes that are not UTF-8 are a JSON error.
pub fn call_from_slice(bytes: &[u8]) -> Result<Call, CallError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.len() > MAX_RECORD_BYTES {
        return Err(CallError::whole(format!(
            "the record is {} bytes, more than the limit of {MAX_RECORD_BYTES}",
            bytes.len()
        )));
    }
    if let Some(result) = fast_from_slice(bytes) {
        return result;
    }
    if let Some(message) = crate::encoding::not_utf8(bytes, None) {
        return Err(CallError::whole(message));
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(value) => call_from_value(value),
        Err(e) => Err(CallError::whole(format!("not valid json: {e}"))),
    }
}

/// Builds a call from a parsed JSON value, cloning its strings. Prefer
/// [`call_from_value`] when the value is not needed afterwards.
///
/// # Errors
///
/// Every field problem found, see the module docs for the rules.
pub fn call_from_json(value: &Value) -> Result<Call, CallError> {
    call_from_value(value.clone())
}

/// Builds a call from a parsed JSON value, moving its strings (no copies).
///
/// # Errors
///
/// Every field problem found, see the module docs for the rules.
pub fn call_from_value(value: Value) -> Result<Call, CallError> {
    match value {
        Value::Object(map) => validate(RawCall::from_map(map)),
        other => Err(CallError::whole(format!(
            "expected a call object, found {}",
            Found(&other)
        ))),
    }
}

/// The fast path: the record straight into its intermediate form and
/// validated, or `None` when it must go through the `Value` path (which
/// gives the same result for every record the fast path takes, and the
/// precise errors for the others). `bytes` is one record, BOM removed.
pub(crate) fn fast_from_slice(bytes: &[u8]) -> Option<Result<Call, CallError>> {
    // serde_json does not check the UTF-8 of strings it skips; checking the
    // whole record once here also lets it skip the per-string check.
    // simdutf8 checks Cyrillic and Armenian text several times faster than
    // `std::str::from_utf8`, with the same answer.
    let text = simdutf8::basic::from_utf8(bytes).ok()?;
    raw::from_str(text).map(validate)
}

/// The fast path alone, for tests and benchmarks: `None` when the record
/// would go through the `Value` path. Not a stable API.
#[doc(hidden)]
pub fn call_from_slice_fast(bytes: &[u8]) -> Option<Result<Call, CallError>> {
    fast_from_slice(bytes)
}

/// The fast path with serde's derived reader alone (the hand-written one
/// skipped), for benchmarks: `None` when the record would go through the
/// `Value` path. Not a stable API.
#[doc(hidden)]
pub fn call_from_slice_serde(bytes: &[u8]) -> Option<Result<Call, CallError>> {
    let text = simdutf8::basic::from_utf8(bytes).ok()?;
    raw::from_str_serde(text).map(validate)
}

/// The hand-written reader of the common record shape held to serde's
/// derived reader, for tests and fuzzing: `Ok(true)` when the hand-written
/// reader took `bytes` and gave what serde's gives, `Ok(false)` when it
/// left them to serde (or they are not UTF-8), `Err` saying how the two
/// disagree. `bytes` is one record, BOM removed. Not a stable API.
#[doc(hidden)]
pub fn check_direct_reader(bytes: &[u8]) -> Result<bool, String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(false);
    };
    match (direct::read(text), raw::from_str_serde(text)) {
        (None, _) => Ok(false),
        // `Debug` tells -0.0 from 0.0, which `==` does not.
        (Some(d), Some(s)) if d == s && format!("{d:?}") == format!("{s:?}") => Ok(true),
        (Some(d), Some(s)) => Err(format!("direct {d:?}\nserde  {s:?}")),
        (Some(d), None) => Err(format!("direct took what serde refuses: {d:?}")),
    }
}

/// The one validator: the intermediate form (from either path) → a call,
/// or every problem found, in field order.
pub(crate) fn validate(raw: RawCall<'_>) -> Result<Call, CallError> {
    let mut errs = Errors::default();
    let root = Path::Root;
    let at = |name| Path::Field(&root, name);

    let id = match raw.id.present() {
        None => missing(&mut errs, at("id")),
        Some(v) => id_string(v, at("id"), &mut errs),
    };
    let direction = match raw.direction.present() {
        None => missing(&mut errs, at("direction")),
        Some(v) => direction(v, at("direction"), &mut errs),
    };
    let started_at = raw
        .started_at
        .present()
        .and_then(|v| started_at(v, at("started_at"), &mut errs));
    let language = raw
        .language
        .present()
        .and_then(|v| language(v, at("language"), &mut errs));
    let company = opt_string(raw.company, at("company"), &mut errs);
    let department = opt_string(raw.department, at("department"), &mut errs);
    let operator = match raw.operator.present() {
        None => missing(&mut errs, at("operator")),
        Some(v) => operator(v, at("operator"), &mut errs),
    };
    let client = raw
        .client
        .present()
        .and_then(|v| client(v, at("client"), &mut errs))
        .unwrap_or_default();
    let tags = raw
        .tags
        .present()
        .map(|v| tags(v, at("tags"), &mut errs))
        .unwrap_or_default();
    let events = timeline::events(raw.events.present(), &mut errs);
    let utterances = timeline::utterances(raw.utterances.present(), &mut errs);

    match (id, direction, operator) {
        (Some(id), Some(direction), Some(operator)) if errs.is_empty() => Ok(Call {
            id,
            direction,
            started_at,
            language,
            company,
            department,
            operator,
            client,
            tags,
            events,
            utterances,
        }),
        (id, ..) => Err(errs.into_call_error(id)),
    }
}

pub(crate) fn missing<T>(errs: &mut Errors, path: Path<'_>) -> Option<T> {
    errs.add(path, "missing");
    None
}

/// A string no longer than `max` bytes.
pub(crate) fn string(
    v: Result<Text<'_>, Value>,
    path: Path<'_>,
    errs: &mut Errors,
    max: usize,
) -> Option<String> {
    match v {
        Ok(s) if s.as_str().len() <= max => Some(s.into_string()),
        Ok(s) => {
            errs.add(
                path,
                format_args!(
                    "{} is {} bytes, more than the limit of {max}",
                    Short(s.as_str()),
                    s.as_str().len()
                ),
            );
            None
        }
        Err(other) => {
            errs.add(
                path,
                format_args!("expected a string, found {}", Found(&other)),
            );
            None
        }
    }
}

pub(crate) fn opt_string(v: Slot<Text<'_>>, path: Path<'_>, errs: &mut Errors) -> Option<String> {
    v.present()
        .and_then(|v| string(v, path, errs, MAX_STRING_BYTES))
}

/// An id: a non-blank string, or a JSON integer taken as its decimal text.
fn id_string(v: Result<Id<'_>, Value>, path: Path<'_>, errs: &mut Errors) -> Option<String> {
    match v {
        Ok(Id::Text(s)) if s.as_str().trim().is_empty() => {
            errs.add(path, format_args!("{:?} is blank", s.as_str()));
            None
        }
        Ok(Id::Text(s)) => string(Ok(s), path, errs, MAX_STRING_BYTES),
        Ok(Id::Int(n)) => Some(n),
        Err(other) => {
            errs.add(
                path,
                format_args!("expected a string or an integer, found {}", Found(&other)),
            );
            None
        }
    }
}

fn direction(v: Result<Text<'_>, Value>, path: Path<'_>, errs: &mut Errors) -> Option<Direction> {
    match v.as_ref().map(Text::as_str) {
        Ok("inbound") => Some(Direction::Inbound),
        Ok("outbound") => Some(Direction::Outbound),
        Ok(s) => {
            errs.add(
                path,
                format_args!(
                    "unknown direction {} (expected \"inbound\" or \"outbound\")",
                    Short(s)
                ),
            );
            None
        }
        Err(v) => {
            errs.add(
                path,
                format_args!("expected \"inbound\" or \"outbound\", found {}", Found(v)),
            );
            None
        }
    }
}

fn started_at(
    v: Result<Text<'_>, Value>,
    path: Path<'_>,
    errs: &mut Errors,
) -> Option<OffsetDateTime> {
    match v.as_ref().map(Text::as_str) {
        Ok(s) => match OffsetDateTime::parse(s, &Rfc3339).or_else(|e| leap_second(s).ok_or(e)) {
            Ok(t) => Some(t),
            Err(_) => {
                errs.add(
                    path,
                    format_args!("{} is not an RFC 3339 time with offset", Short(s)),
                );
                None
            }
        },
        Err(v) => {
            errs.add(
                path,
                format_args!("expected an RFC 3339 time string, found {}", Found(v)),
            );
            None
        }
    }
}

/// RFC 3339 allows a leap second (`23:59:60`, at any offset); the `time`
/// crate takes it only at 23:59:60 UTC. It is read as the last nanosecond
/// of second 59, which keeps the local date and time-of-day rules right.
fn leap_second(s: &str) -> Option<OffsetDateTime> {
    let i = s.find('T').or_else(|| s.find('t'))?;
    let (date, time) = s.split_at(i + 1);
    let rest = time.strip_prefix(|c: char| c.is_ascii_digit())?;
    let rest = rest.strip_prefix(|c: char| c.is_ascii_digit())?;
    let hour = &time[..time.len() - rest.len()];
    let rest = rest.strip_prefix(':')?;
    let (mm, rest) = rest.split_at_checked(2)?;
    let rest = rest.strip_prefix(":60")?;
    // The fraction, if any, is dropped: the second is pinned to its end.
    let offset = rest.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let fixed = format!("{date}{hour}:{mm}:59.999999999{offset}");
    OffsetDateTime::parse(&fixed, &Rfc3339).ok()
}

fn language(v: Result<Text<'_>, Value>, path: Path<'_>, errs: &mut Errors) -> Option<Lang> {
    match v.as_ref().map(Text::as_str) {
        Ok(s) => {
            let lang = Lang::from_tag(s);
            if lang.is_none() {
                errs.add(
                    path,
                    format_args!(
                        "unknown language {} (expected \"ru\", \"en\" or \"hy\")",
                        Short(s)
                    ),
                );
            }
            lang
        }
        Err(v) => {
            errs.add(
                path,
                format_args!("expected a language tag string, found {}", Found(v)),
            );
            None
        }
    }
}

/// An object field: its fields, or `None` after reporting the wrong type.
fn object<T>(v: Result<T, Value>, path: Path<'_>, errs: &mut Errors) -> Option<T> {
    match v {
        Ok(m) => Some(m),
        Err(other) => {
            errs.add(
                path,
                format_args!("expected an object, found {}", Found(&other)),
            );
            None
        }
    }
}

fn operator(
    v: Result<RawOperator<'_>, Value>,
    path: Path<'_>,
    errs: &mut Errors,
) -> Option<Operator> {
    let m = object(v, path, errs)?;
    let id_path = Path::Field(&path, "id");
    let id = match m.id.present() {
        None => missing(errs, id_path),
        Some(v) => id_string(v, id_path, errs),
    };
    let name = opt_string(m.name, Path::Field(&path, "name"), errs);
    Some(Operator { id: id?, name })
}

fn client(v: Result<RawClient<'_>, Value>, path: Path<'_>, errs: &mut Errors) -> Option<Client> {
    let m = object(v, path, errs)?;
    let id =
        m.id.present()
            .and_then(|v| id_string(v, Path::Field(&path, "id"), errs));
    let name = opt_string(m.name, Path::Field(&path, "name"), errs);
    let number = opt_string(m.number, Path::Field(&path, "number"), errs);
    let third_party = match m.third_party.present() {
        None => None,
        Some(Ok(b)) => Some(b),
        Some(Err(other)) => {
            errs.add(
                Path::Field(&path, "third_party"),
                format_args!("expected true or false, found {}", Found(&other)),
            );
            None
        }
    };
    Some(Client {
        id,
        name,
        number,
        third_party,
    })
}

fn tags(v: Result<Tags<'_>, Value>, path: Path<'_>, errs: &mut Errors) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Some(m) = object(v, path, errs) else {
        return out;
    };
    if m.len() > MAX_TAGS {
        errs.add(
            path,
            format_args!("{} tags is more than the limit of {MAX_TAGS}", m.len()),
        );
        return out;
    }
    for (key, value) in m {
        let p = Path::Key(&path, key.as_str());
        if key.as_str().len() > MAX_STRING_BYTES {
            errs.add(
                path,
                format_args!(
                    "tag name {} is longer than the limit of {MAX_STRING_BYTES} bytes",
                    Short(key.as_str())
                ),
            );
            continue;
        }
        let value = match value.into_result() {
            Ok(TagValue::Scalar(s)) => Some(s),
            Ok(TagValue::Text(s)) => string(Ok(s), p, errs, MAX_STRING_BYTES),
            Err(other) => {
                errs.add(
                    p,
                    format_args!("expected a string, found {}", Found(&other)),
                );
                None
            }
        };
        if let Some(value) = value {
            out.insert(key.into_string(), value);
        }
    }
    out
}
