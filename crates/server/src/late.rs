//! Late calls re-open decided verdicts. A call that reaches the server
//! after its start is already behind the clock's horizon (`now - grace`)
//! may fall inside cross-call windows that were decided without it: an
//! earlier dropped or missed call's call-back window (decided `fail` by
//! the clock), or the look-back of a later call's repeat-call or
//! contact-frequency limit. [`affected`] finds those stored calls so that
//! ingest decides them again with the late call in the history.

use std::collections::HashSet;

use callqa_engine::history::CallFacts;
use callqa_engine::Check;
use callqa_standard::Standard;
use callqa_store::{Facts, RecordRow, Store, StoreError};

use crate::crosscall::Known;

/// A call is assumed to last less than a day: how far before a late call
/// an earlier call's call-back window may have opened, beyond its length.
const LONGEST_CALL: f64 = 86_400.0;
/// The longest look-back of a contact-frequency limit (per month).
const FREQUENCY_REACH: f64 = 30.0 * 86_400.0;

/// How far the standard's cross-call rules reach, in seconds; `None` for
/// a kind of rule the standard does not have.
#[derive(Clone, Copy, Debug, Default)]
struct Reach {
    after_drop: Option<f64>,
    missed: Option<f64>,
    repeat: Option<f64>,
    frequency: Option<f64>,
}

fn reach(std: &Standard) -> Reach {
    let mut r = Reach::default();
    let max = |a: Option<f64>, b: f64| Some(a.map_or(b, |a| a.max(b)));
    for rule in std.rules() {
        match &rule.check {
            Check::CallbackAfterDrop(c) => r.after_drop = max(r.after_drop, c.within_secs),
            Check::MissedCallback(c) => r.missed = max(r.missed, c.within_secs),
            Check::RepeatCalls(c) => r.repeat = max(r.repeat, c.period_secs),
            Check::ContactFrequency(_) => r.frequency = Some(FREQUENCY_REACH),
            _ => {}
        }
    }
    r
}

/// Whether the late call `l` (starting at `s`) falls in a window that
/// decided the stored call `x`.
fn reaches(r: &Reach, l: &CallFacts, s: f64, x: &Facts) -> bool {
    let within = |from: f64, to: f64| from <= s && s <= to;
    let after_drop = l.outbound
        && x.dropped_at.zip(r.after_drop).is_some_and(|(drop, w)| {
            let t = x.start + drop;
            within(t, t + w)
        });
    let missed = l.outbound
        && x.missed
        && r.missed
            .is_some_and(|w| within(x.start, x.start + x.ended_at + w));
    let repeat = l.outbound
        && x.direction == "outbound"
        && r.repeat.is_some_and(|p| within(x.start - p, x.start));
    let frequency =
        l.answered && x.answered && r.frequency.is_some_and(|p| within(x.start - p, x.start));
    after_drop || missed || repeat || frequency
}

/// The stored calls (not in `skip`) whose cross-call verdicts the late
/// calls among `calls` may change. A call is late when it started before
/// the clock's horizon.
pub(crate) fn affected(
    store: &dyn Store,
    std: &Standard,
    calls: &[CallFacts],
    skip: &HashSet<String>,
    known: Known,
) -> Result<Vec<RecordRow>, StoreError> {
    let r = reach(std);
    let longest = |a: Option<f64>, b: Option<f64>| {
        a.into_iter()
            .chain(b)
            .fold(None, |m: Option<f64>, w| Some(m.map_or(w, |m| m.max(w))))
    };
    let back = longest(r.after_drop, r.missed).map_or(0.0, |w| w + LONGEST_CALL);
    let ahead = longest(r.repeat, r.frequency).unwrap_or(0.0);
    if back == 0.0 && ahead == 0.0 {
        return Ok(Vec::new());
    }
    let horizon = known.now - known.grace;
    let mut ids: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for l in calls {
        let (Some(s), Some(client)) = (l.start, l.client.as_deref()) else {
            continue;
        };
        if s >= horizon {
            continue;
        }
        let from = (s - back).floor() as i64;
        let to = (s + ahead).ceil() as i64;
        for x in store.facts_for_client(client, from, to)? {
            if !skip.contains(&x.call) && !seen.contains(&x.call) && reaches(&r, l, s, &x) {
                seen.insert(x.call.clone());
                ids.push(x.call);
            }
        }
    }
    let mut rows = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(detail) = store.get_call(&id)? {
            rows.push(RecordRow {
                seq: 0,
                id,
                record: detail.record,
            });
        }
    }
    Ok(rows)
}
