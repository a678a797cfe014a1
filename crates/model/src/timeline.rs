//! The rules of a call's timeline, in one place: `events[]` (times in
//! range and non-decreasing, holds paired, nothing after `hangup`/`drop`,
//! the last event ends the call) and `utterances[]` (times in range,
//! `end >= start`, sorted by start; word times and confidences).
//!
//! Three modes share these rules and their messages:
//!
//! - **strict**: the parser ([`crate::parse`]) and [`validate_call`] (a
//!   built [`Call`], e.g. an importer's output) report every broken rule;
//! - **repair**: [`repair`] fixes what can be fixed (sorts, clamps, drops)
//!   and returns a [`Repair`] note for each kind of fix, for importers;
//!   whatever it cannot fix, [`validate_call`] still reports;
//! - **incremental**: [`TimelineState`] checks one pushed event or
//!   utterance against the call so far in O(1) (words: O(words)), for live
//!   input. A rejected push leaves the state as it was.
//!
//! The same bad timeline gets the same message in every mode:
//!
//! ```
//! use callqa_model::{Event, EventKind, TimelineState};
//!
//! let mut t = TimelineState::new();
//! for (at, kind) in [(0.0, EventKind::Ring), (2.0, EventKind::Answer), (5.0, EventKind::HoldStart)] {
//!     t.push_event(&Event { at, kind }).unwrap();
//! }
//! let err = t.push_event(&Event { at: 9.0, kind: EventKind::HoldStart }).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "events[3].type: hold_start while the hold started at events[2] is still open"
//! );
//! assert_eq!(t.events(), 3); // the bad event was not taken
//! ```

mod repair;
#[cfg(test)]
mod tests;

use crate::call::{Call, Event, EventKind, Utterance, Word};
use crate::limits::{
    MAX_EVENTS, MAX_SECONDS, MAX_STRING_BYTES, MAX_TAGS, MAX_TEXT_BYTES, MAX_UTTERANCES,
    MAX_WORDS_PER_UTTERANCE,
};
use crate::parse::value::{Path, Short};
use crate::parse::{CallError, Errors};

pub use repair::{repair, Repair, RepairKind};

/// A time in seconds after `started_at`: finite, ≥ 0 and at most
/// [`MAX_SECONDS`]; `None` after reporting why not.
pub(crate) fn seconds(x: f64, path: Path<'_>, errs: &mut Errors) -> Option<f64> {
    if !x.is_finite() {
        errs.add(path, format_args!("{x:?} is not a finite number"));
        None
    } else if x < 0.0 {
        errs.add(path, format_args!("{x:?} is negative"));
        None
    } else if x > MAX_SECONDS {
        errs.add(
            path,
            format_args!(
                "{x:?} is more than the limit of {MAX_SECONDS:?} seconds (about 115 days)"
            ),
        );
        None
    } else {
        Some(x)
    }
}

/// The rules of one word, once its times have passed [`seconds`]: `end`
/// not before `start`, `conf` between 0 and 1.
pub(crate) fn word_rules(
    start: Option<f64>,
    end: Option<f64>,
    conf: Option<f64>,
    ip: &Path<'_>,
    errs: &mut Errors,
) {
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            errs.add(
                Path::Field(ip, "end"),
                format_args!("{end:?} is earlier than start {start:?}"),
            );
        }
    }
    if let Some(c) = conf {
        if !(0.0..=1.0).contains(&c) {
            errs.add(
                Path::Field(ip, "conf"),
                format_args!("{c:?} is not between 0 and 1"),
            );
        }
    }
}

/// A string no longer than `max` bytes.
fn string_limit(s: &str, max: usize, path: Path<'_>, errs: &mut Errors) {
    if s.len() > max {
        errs.add(
            path,
            format_args!(
                "{} is {} bytes, more than the limit of {max}",
                Short(s),
                s.len()
            ),
        );
    }
}

/// The timeline of a call so far: what the next event or utterance is
/// checked against. Small and `Copy`; see the module docs.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TimelineState {
    events: usize,
    prev_at: Option<(usize, f64)>,
    open_hold: Option<usize>,
    ended: Option<(usize, &'static str)>,
    last_type: Option<&'static str>,
    utterances: usize,
    prev_start: Option<(usize, f64)>,
}

impl TimelineState {
    /// The state of a call with no events and no utterances.
    pub fn new() -> TimelineState {
        TimelineState::default()
    }

    /// Events taken so far.
    pub fn events(&self) -> usize {
        self.events
    }

    /// Utterances taken so far.
    pub fn utterances(&self) -> usize {
        self.utterances
    }

    /// Whether a `hangup` or `drop` was taken (any later event is refused).
    pub fn is_ended(&self) -> bool {
        self.ended.is_some()
    }

    /// Whether a hold is open (a `hold_start` without its `hold_end`).
    pub fn in_hold(&self) -> bool {
        self.open_hold.is_some()
    }

    /// Checks `event` as the next element of `events[]` and takes it.
    ///
    /// # Errors
    ///
    /// Every rule it breaks, with the messages of the strict parser (paths
    /// `events[N].…`, N the number of events taken so far). The state is
    /// then unchanged.
    pub fn push_event(&mut self, event: &Event) -> Result<(), CallError> {
        let mut next = *self;
        let mut errs = Errors::default();
        let root = Path::Root;
        let path = Path::Field(&root, "events");
        let i = self.events;
        if i >= MAX_EVENTS {
            errs.add(
                path,
                format_args!("{} events is more than the limit of {MAX_EVENTS}", i + 1),
            );
        }
        let ip = Path::Index(&path, i);
        next.begin_event();
        let at = seconds(event.at, Path::Field(&ip, "at"), &mut errs);
        next.event_at(i, at, &ip, &mut errs);
        if let EventKind::Transfer { to: Some(to) } = &event.kind {
            string_limit(to, MAX_STRING_BYTES, Path::Field(&ip, "to"), &mut errs);
        }
        next.event_kind(i, &event.kind, &ip, &mut errs);
        next.events = i + 1;
        commit(self, next, errs)
    }

    /// Checks `utterance` as the next element of `utterances[]` and takes
    /// it.
    ///
    /// # Errors
    ///
    /// As [`TimelineState::push_event`], with paths `utterances[N].…`.
    pub fn push_utterance(&mut self, utterance: &Utterance) -> Result<(), CallError> {
        let mut next = *self;
        let mut errs = Errors::default();
        let root = Path::Root;
        let path = Path::Field(&root, "utterances");
        let i = self.utterances;
        if i >= MAX_UTTERANCES {
            errs.add(
                path,
                format_args!(
                    "{} utterances is more than the limit of {MAX_UTTERANCES}",
                    i + 1
                ),
            );
        }
        let ip = Path::Index(&path, i);
        let start = seconds(utterance.start, Path::Field(&ip, "start"), &mut errs);
        let end = seconds(utterance.end, Path::Field(&ip, "end"), &mut errs);
        next.utterance_times(i, start, end, &ip, &mut errs);
        string_limit(
            &utterance.text,
            MAX_TEXT_BYTES,
            Path::Field(&ip, "text"),
            &mut errs,
        );
        words(&utterance.words, &ip, &mut errs);
        next.utterances = i + 1;
        commit(self, next, errs)
    }

    /// Checks that the events taken end the call (the last one is a
    /// `hangup` or `drop`; no events at all is fine).
    ///
    /// # Errors
    ///
    /// The strict parser's message for a call that does not end.
    pub fn finish(&self) -> Result<(), CallError> {
        let mut errs = Errors::default();
        self.finish_events(&mut errs);
        if errs.is_empty() {
            Ok(())
        } else {
            Err(errs.into_call_error(None))
        }
    }

    /// A new element of `events[]` starts (its type is not known yet).
    pub(crate) fn begin_event(&mut self) {
        self.last_type = None;
    }

    /// The order rule for the time of `events[i]` (`None`: the time was
    /// missing or bad, already reported).
    pub(crate) fn event_at(&mut self, i: usize, at: Option<f64>, ip: &Path<'_>, errs: &mut Errors) {
        let Some(at) = at else { return };
        if let Some((j, prev)) = self.prev_at {
            if at < prev {
                errs.add(
                    Path::Field(ip, "at"),
                    format_args!("{at:?} is earlier than events[{j}].at {prev:?}"),
                );
            }
        }
        self.prev_at = Some((i, at));
    }

    /// The rules for the type of `events[i]`: nothing after the end, holds
    /// paired.
    pub(crate) fn event_kind(
        &mut self,
        i: usize,
        kind: &EventKind,
        ip: &Path<'_>,
        errs: &mut Errors,
    ) {
        let type_path = Path::Field(ip, "type");
        let name = kind.type_name();
        self.last_type = Some(name);
        if let Some((j, end)) = self.ended {
            errs.add(
                type_path,
                format_args!("{name:?} after the call ended with {end:?} at events[{j}]"),
            );
        }
        match kind {
            EventKind::HoldStart => match self.open_hold {
                Some(j) => errs.add(
                    type_path,
                    format_args!("hold_start while the hold started at events[{j}] is still open"),
                ),
                None => self.open_hold = Some(i),
            },
            EventKind::HoldEnd if self.open_hold.take().is_none() => {
                errs.add(type_path, "hold_end without a hold_start before it")
            }
            EventKind::Hangup { .. } | EventKind::Drop if self.ended.is_none() => {
                self.ended = Some((i, name))
            }
            _ => {}
        }
    }

    /// After the last element of `events[]` (`count` elements, parsed or
    /// not): the last one must end the call.
    pub(crate) fn set_event_count(&mut self, count: usize) {
        self.events = count;
    }

    pub(crate) fn finish_events(&self, errs: &mut Errors) {
        if let (Some(last), None) = (self.last_type, self.ended) {
            let root = Path::Root;
            let path = Path::Field(&root, "events");
            errs.add(
                Path::Field(&Path::Index(&path, self.events - 1), "type"),
                format_args!(
                    "the last event is {last:?} but a call ends with \"hangup\" or \"drop\""
                ),
            );
        }
    }

    /// The rules for the times of `utterances[i]` once each passed
    /// [`seconds`]: `end >= start`, starts non-decreasing.
    pub(crate) fn utterance_times(
        &mut self,
        i: usize,
        start: Option<f64>,
        end: Option<f64>,
        ip: &Path<'_>,
        errs: &mut Errors,
    ) {
        if let (Some(start), Some(end)) = (start, end) {
            if end < start {
                errs.add(
                    Path::Field(ip, "end"),
                    format_args!("{end:?} is earlier than start {start:?}"),
                );
            }
        }
        if let Some(start) = start {
            if let Some((j, prev)) = self.prev_start {
                if start < prev {
                    errs.add(
                        Path::Field(ip, "start"),
                        format_args!("{start:?} is earlier than utterances[{j}].start {prev:?}"),
                    );
                }
            }
            self.prev_start = Some((i, start));
        }
    }
}

fn commit(state: &mut TimelineState, next: TimelineState, errs: Errors) -> Result<(), CallError> {
    if errs.is_empty() {
        *state = next;
        Ok(())
    } else {
        Err(errs.into_call_error(None))
    }
}

/// The rules of `words[]` of the utterance at `parent`.
fn words(words: &[Word], parent: &Path<'_>, errs: &mut Errors) {
    let path = Path::Field(parent, "words");
    if words.len() > MAX_WORDS_PER_UTTERANCE {
        errs.add(
            path,
            format_args!(
                "{} words is more than the limit of {MAX_WORDS_PER_UTTERANCE}",
                words.len()
            ),
        );
        return;
    }
    for (i, w) in words.iter().enumerate() {
        let ip = Path::Index(&path, i);
        string_limit(&w.w, MAX_STRING_BYTES, Path::Field(&ip, "w"), errs);
        let start = w
            .start
            .and_then(|x| seconds(x, Path::Field(&ip, "start"), errs));
        let end = w
            .end
            .and_then(|x| seconds(x, Path::Field(&ip, "end"), errs));
        word_rules(start, end, w.conf, &ip, errs);
    }
}

/// An id: not blank, not longer than [`MAX_STRING_BYTES`].
fn id_rules(id: &str, path: Path<'_>, errs: &mut Errors) {
    if id.trim().is_empty() {
        errs.add(path, format_args!("{id:?} is blank"));
    } else {
        string_limit(id, MAX_STRING_BYTES, path, errs);
    }
}

/// Strict mode on a built call: every rule of the call record format that
/// the parser checks and a [`Call`] value can break (blank ids, string and
/// size limits, the timeline rules), with the parser's messages. A call
/// that passes serialises to a record that [`crate::call_from_str`]
/// accepts.
///
/// # Errors
///
/// Every problem found, in field order.
pub fn validate_call(call: &Call) -> Result<(), CallError> {
    let mut errs = Errors::default();
    let root = Path::Root;
    let at = |name| Path::Field(&root, name);
    id_rules(&call.id, at("id"), &mut errs);
    for (name, v) in [("company", &call.company), ("department", &call.department)] {
        if let Some(s) = v {
            string_limit(s, MAX_STRING_BYTES, at(name), &mut errs);
        }
    }
    let op = at("operator");
    id_rules(&call.operator.id, Path::Field(&op, "id"), &mut errs);
    if let Some(name) = &call.operator.name {
        string_limit(name, MAX_STRING_BYTES, Path::Field(&op, "name"), &mut errs);
    }
    let cl = at("client");
    if let Some(id) = &call.client.id {
        id_rules(id, Path::Field(&cl, "id"), &mut errs);
    }
    for (name, v) in [("name", &call.client.name), ("number", &call.client.number)] {
        if let Some(s) = v {
            string_limit(s, MAX_STRING_BYTES, Path::Field(&cl, name), &mut errs);
        }
    }
    let tags = at("tags");
    if call.tags.len() > MAX_TAGS {
        errs.add(
            tags,
            format_args!(
                "{} tags is more than the limit of {MAX_TAGS}",
                call.tags.len()
            ),
        );
    } else {
        for (k, v) in &call.tags {
            if k.len() > MAX_STRING_BYTES {
                errs.add(
                    tags,
                    format_args!(
                        "tag name {} is longer than the limit of {MAX_STRING_BYTES} bytes",
                        Short(k)
                    ),
                );
            } else {
                string_limit(v, MAX_STRING_BYTES, Path::Key(&tags, k), &mut errs);
            }
        }
    }
    let mut state = TimelineState::new();
    let events = at("events");
    if call.events.len() > MAX_EVENTS {
        errs.add(
            events,
            format_args!(
                "{} events is more than the limit of {MAX_EVENTS}",
                call.events.len()
            ),
        );
    } else {
        for (i, e) in call.events.iter().enumerate() {
            let ip = Path::Index(&events, i);
            state.begin_event();
            let t = seconds(e.at, Path::Field(&ip, "at"), &mut errs);
            state.event_at(i, t, &ip, &mut errs);
            if let EventKind::Transfer { to: Some(to) } = &e.kind {
                string_limit(to, MAX_STRING_BYTES, Path::Field(&ip, "to"), &mut errs);
            }
            state.event_kind(i, &e.kind, &ip, &mut errs);
        }
        state.set_event_count(call.events.len());
        state.finish_events(&mut errs);
    }
    let utts = at("utterances");
    if call.utterances.len() > MAX_UTTERANCES {
        errs.add(
            utts,
            format_args!(
                "{} utterances is more than the limit of {MAX_UTTERANCES}",
                call.utterances.len()
            ),
        );
    } else {
        for (i, u) in call.utterances.iter().enumerate() {
            let ip = Path::Index(&utts, i);
            let start = seconds(u.start, Path::Field(&ip, "start"), &mut errs);
            let end = seconds(u.end, Path::Field(&ip, "end"), &mut errs);
            state.utterance_times(i, start, end, &ip, &mut errs);
            string_limit(&u.text, MAX_TEXT_BYTES, Path::Field(&ip, "text"), &mut errs);
            words(&u.words, &ip, &mut errs);
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        let id = (!call.id.trim().is_empty() && call.id.len() <= MAX_STRING_BYTES)
            .then(|| call.id.clone());
        Err(errs.into_call_error(id))
    }
}
