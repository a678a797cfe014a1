//! Repair mode of the timeline rules, for importers: a built [`Call`]
//! whose timeline breaks the rules is fixed where a fix is safe (sort,
//! clamp, drop), and every kind of fix is returned as a [`Repair`] note so
//! that the importer can report it. What cannot be fixed here (blank ids,
//! sizes over the limits) is left for [`super::validate_call`] to report.
//!
//! After [`repair`], the timeline part of [`super::validate_call`] always
//! passes (a property test checks it on random timelines).

use std::fmt;

use crate::call::{Call, Event, EventKind, Utterance};
use crate::limits::MAX_SECONDS;

/// What kind of fix a [`Repair`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RepairKind {
    /// Events or utterances dropped: a time that is not finite or above
    /// [`MAX_SECONDS`].
    TimeOutOfRange,
    /// Negative times set to 0.
    NegativeTime,
    /// Events sorted by time.
    EventsSorted,
    /// Extra `hangup`/`drop` events dropped (the last one is kept).
    ExtraEnd,
    /// Events later than the `hangup`/`drop` moved to its time.
    AfterEnd,
    /// A `drop` added at the last event: the record had no end.
    EndAdded,
    /// A nested `hold_start` or an unmatched `hold_end` dropped.
    UnpairedHold,
    /// Utterances whose end was before their start: end set to start.
    EndBeforeStart,
    /// Utterances sorted by start.
    UtterancesSorted,
    /// Word times dropped (out of range, or end before start).
    WordTimes,
    /// Word confidences outside 0..1 dropped.
    WordConfidence,
}

impl RepairKind {
    /// A short snake_case name (for tags such as `import.repaired`).
    pub fn name(self) -> &'static str {
        match self {
            RepairKind::TimeOutOfRange => "time_out_of_range",
            RepairKind::NegativeTime => "negative_time",
            RepairKind::EventsSorted => "events_sorted",
            RepairKind::ExtraEnd => "extra_end",
            RepairKind::AfterEnd => "after_end",
            RepairKind::EndAdded => "end_added",
            RepairKind::UnpairedHold => "unpaired_hold",
            RepairKind::EndBeforeStart => "end_before_start",
            RepairKind::UtterancesSorted => "utterances_sorted",
            RepairKind::WordTimes => "word_times",
            RepairKind::WordConfidence => "word_confidence",
        }
    }
}

/// One kind of fix made by [`repair`], with how many elements it touched
/// and the first of them, e.g. `utterances[1].end: 2.0 is earlier than
/// start 5.0; end set to start (and 2 more utterances)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    /// What was fixed.
    pub kind: RepairKind,
    /// How many elements this fix touched (at least 1).
    pub count: usize,
    /// Lower-case, naming the first element fixed and quoting its value.
    pub note: String,
}

impl fmt::Display for Repair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.note)
    }
}

/// Collects fixes by kind, keeping the note of the first element of each
/// and the word for the elements (`event`, `utterance`, `word`).
#[derive(Default)]
struct Notes(Vec<(Repair, &'static str)>);

impl Notes {
    fn add(&mut self, kind: RepairKind, what: &'static str, note: impl FnOnce() -> String) {
        match self.0.iter_mut().find(|(r, _)| r.kind == kind) {
            Some((r, _)) => r.count += 1,
            None => self.0.push((
                Repair {
                    kind,
                    count: 1,
                    note: note(),
                },
                what,
            )),
        }
    }

    /// The repairs in kind order; a note of several elements ends with
    /// `(and 2 more events)`.
    fn finish(self) -> Vec<Repair> {
        let mut out: Vec<Repair> = self
            .0
            .into_iter()
            .map(|(mut r, what)| {
                if r.count > 1 {
                    let more = r.count - 1;
                    let s = if more == 1 { "" } else { "s" };
                    r.note.push_str(&format!(" (and {more} more {what}{s})"));
                }
                r
            })
            .collect();
        out.sort_by_key(|r| r.kind);
        out
    }
}

fn in_range(x: f64) -> bool {
    x.is_finite() && x <= MAX_SECONDS
}

fn is_end(kind: &EventKind) -> bool {
    matches!(kind, EventKind::Hangup { .. } | EventKind::Drop)
}

/// Fixes what can be fixed in the timeline of `call` and says what was
/// fixed (empty: nothing was wrong). See [`RepairKind`] for the fixes.
pub fn repair(call: &mut Call) -> Vec<Repair> {
    let mut notes = Notes::default();
    repair_events(&mut call.events, &mut notes);
    repair_utterances(&mut call.utterances, &mut notes);
    notes.finish()
}

fn repair_events(events: &mut Vec<Event>, notes: &mut Notes) {
    let mut kept = Vec::with_capacity(events.len());
    for (i, mut e) in std::mem::take(events).into_iter().enumerate() {
        if !in_range(e.at) {
            notes.add(RepairKind::TimeOutOfRange, "event", || {
                format!("events[{i}].at: {:?} is out of range; event dropped", e.at)
            });
            continue;
        }
        if e.at < 0.0 {
            notes.add(RepairKind::NegativeTime, "event", || {
                format!("events[{i}].at: {:?} is negative; set to 0", e.at)
            });
            e.at = 0.0;
        }
        kept.push(e);
    }
    if let Some(i) = kept.windows(2).position(|w| w[1].at < w[0].at) {
        let (a, b) = (kept[i + 1].at, kept[i].at);
        notes.add(RepairKind::EventsSorted, "event", || {
            format!(
                "events: {a:?} is earlier than the event before it at {b:?}; events sorted by time"
            )
        });
        kept.sort_by(|a, b| a.at.total_cmp(&b.at));
    }
    let terminal = kept
        .iter()
        .rposition(|e| is_end(&e.kind))
        .map(|i| kept.remove(i));
    let terminal = match terminal {
        Some(t) => Some(t),
        None => kept.last().map(|last| {
            let (at, name) = (last.at, last.kind.type_name());
            notes.add(RepairKind::EndAdded, "event", || {
                format!("events: the last event is {name:?} and the call never ends; \"drop\" added at {at:?}")
            });
            Event {
                at,
                kind: EventKind::Drop,
            }
        }),
    };
    let end_at = terminal.as_ref().map_or(f64::INFINITY, |t| t.at);
    let mut open_hold = false;
    let mut out = Vec::with_capacity(kept.len() + 1);
    for mut e in kept {
        let name = e.kind.type_name();
        if is_end(&e.kind) {
            notes.add(RepairKind::ExtraEnd, "event", || {
                format!(
                    "events: a {name:?} at {:?} before the call's last end; dropped",
                    e.at
                )
            });
            continue;
        }
        if e.at > end_at {
            notes.add(RepairKind::AfterEnd, "event", || {
                format!(
                    "events: a {name:?} at {:?} after the call ended at {end_at:?}; moved to the end",
                    e.at
                )
            });
            e.at = end_at;
        }
        match e.kind {
            EventKind::HoldStart if open_hold => {
                notes.add(RepairKind::UnpairedHold, "event", || {
                    format!(
                        "events: a hold_start at {:?} while a hold is open; dropped",
                        e.at
                    )
                });
                continue;
            }
            EventKind::HoldEnd if !open_hold => {
                notes.add(RepairKind::UnpairedHold, "event", || {
                    format!(
                        "events: a hold_end at {:?} without a hold_start; dropped",
                        e.at
                    )
                });
                continue;
            }
            EventKind::HoldStart => open_hold = true,
            EventKind::HoldEnd => open_hold = false,
            _ => {}
        }
        out.push(e);
    }
    out.extend(terminal);
    *events = out;
}

fn repair_utterances(utterances: &mut Vec<Utterance>, notes: &mut Notes) {
    let mut kept = Vec::with_capacity(utterances.len());
    for (i, mut u) in std::mem::take(utterances).into_iter().enumerate() {
        if !in_range(u.start) || !in_range(u.end) {
            notes.add(RepairKind::TimeOutOfRange, "utterance", || {
                format!(
                    "utterances[{i}]: start {:?} or end {:?} is out of range; utterance dropped",
                    u.start, u.end
                )
            });
            continue;
        }
        if u.start < 0.0 || u.end < 0.0 {
            notes.add(RepairKind::NegativeTime, "utterance", || {
                format!(
                    "utterances[{i}]: start {:?} or end {:?} is negative; set to 0",
                    u.start, u.end
                )
            });
            u.start = u.start.max(0.0);
            u.end = u.end.max(0.0);
        }
        if u.end < u.start {
            notes.add(RepairKind::EndBeforeStart, "utterance", || {
                format!(
                    "utterances[{i}].end: {:?} is earlier than start {:?}; end set to start",
                    u.end, u.start
                )
            });
            u.end = u.start;
        }
        for (j, w) in u.words.iter_mut().enumerate() {
            let bad_time = w.start.is_some_and(|x| !in_range(x) || x < 0.0)
                || w.end.is_some_and(|x| !in_range(x) || x < 0.0)
                || matches!((w.start, w.end), (Some(s), Some(e)) if e < s);
            if bad_time {
                notes.add(RepairKind::WordTimes, "word", || {
                    format!(
                        "utterances[{i}].words[{j}]: start {:?} and end {:?} are not a time span; word times dropped",
                        w.start, w.end
                    )
                });
                w.start = None;
                w.end = None;
            }
            if let Some(c) = w.conf.filter(|c| !(0.0..=1.0).contains(c)) {
                notes.add(RepairKind::WordConfidence, "word", || {
                    format!(
                        "utterances[{i}].words[{j}].conf: {c:?} is not between 0 and 1; dropped"
                    )
                });
                w.conf = None;
            }
        }
        kept.push(u);
    }
    if let Some(i) = kept.windows(2).position(|w| w[1].start < w[0].start) {
        let (a, b) = (kept[i + 1].start, kept[i].start);
        notes.add(RepairKind::UtterancesSorted, "utterance", || {
            format!("utterances: start {a:?} is earlier than the utterance before it at {b:?}; utterances sorted by start")
        });
        kept.sort_by(|a, b| a.start.total_cmp(&b.start));
    }
    *utterances = kept;
}
