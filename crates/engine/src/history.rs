//! What cross-call rules know of other calls: [`CallFacts`], the compact,
//! serialisable summary of one call (tens of bytes, never its audit), and
//! the [`History`] seam that looks them up by client and time. The
//! in-memory [`MemoryHistory`] of a batch is one implementation; a store
//! with yesterday's calls is another.
//!
//! Lookups are indexed: one ordered map per client, keyed by start time and
//! call id, so a query costs the calls of that client in that time range,
//! never a scan of all calls.

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::sync::Arc;

use callqa_model::{Call, Direction, EventKind};
use serde::{Deserialize, Serialize};

/// What cross-call rules need to know of a call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CallFacts {
    /// The call id.
    pub id: String,
    /// The link key: `client.id`, else `client.number`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<String>,
    /// Placed by the company (`outbound`) rather than the client.
    pub outbound: bool,
    /// Unix time of `started_at`, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<f64>,
    /// The call has an `answer` event.
    pub answered: bool,
    /// The call has telephony events at all (a missed call needs them).
    pub has_events: bool,
    /// Seconds after start when the line dropped (the last event is `drop`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dropped_at: Option<f64>,
    /// Seconds after start when the call ended (its ring time, when missed).
    pub ended_at: f64,
}

impl CallFacts {
    /// The summary of a complete call.
    pub fn of(call: &Call) -> CallFacts {
        CallFacts {
            id: call.id.clone(),
            client: call.client.link_key().map(str::to_string),
            outbound: call.direction == Direction::Outbound,
            start: call
                .started_at
                .map(|t| t.unix_timestamp() as f64 + t.nanosecond() as f64 / 1e9),
            answered: call.answered_at().is_some(),
            has_events: call.has_events(),
            dropped_at: call
                .events
                .last()
                .filter(|e| matches!(e.kind, EventKind::Drop))
                .map(|e| e.at),
            ended_at: call.ended_at(),
        }
    }

    /// The call's direction.
    pub fn direction(&self) -> Direction {
        if self.outbound {
            Direction::Outbound
        } else {
            Direction::Inbound
        }
    }

    /// Unix time when the call ended, when it has a start time.
    pub fn end(&self) -> Option<f64> {
        self.start.map(|s| s + self.ended_at)
    }
}

/// Which calls a [`Query`] counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Only {
    /// Outbound calls only.
    pub outbound: bool,
    /// Answered calls only.
    pub answered: bool,
}

impl Only {
    fn admits(&self, f: &CallFacts) -> bool {
        (!self.outbound || f.outbound) && (!self.answered || f.answered)
    }
}

/// A lookup: the calls of one client that started within `from..=to`
/// (Unix seconds), optionally without one call and, at `to` exactly, only
/// those whose id sorts before `before_id` (ties of equal start times are
/// broken by id, so the answer does not depend on input order).
#[derive(Clone, Copy, Debug)]
pub struct Query<'a> {
    /// The link key of the client.
    pub client: &'a str,
    /// Earliest start, inclusive.
    pub from: f64,
    /// Latest start, inclusive.
    pub to: f64,
    /// Which calls count.
    pub only: Only,
    /// A call left out (the one asking).
    pub exclude: Option<&'a str>,
    /// At `to` exactly, only ids below this one count.
    pub before_id: Option<&'a str>,
    /// How many of the matching calls to copy out, earliest first.
    pub limit: usize,
}

impl Query<'_> {
    /// Whether `f` (a call of this client) matches: the one test every
    /// [`History`] applies, so that stores agree on the boundaries.
    pub fn matches(&self, f: &CallFacts) -> bool {
        let Some(s) = f.start else { return false };
        s >= self.from
            && s <= self.to
            && self.only.admits(f)
            && self.exclude != Some(f.id.as_str())
            && !(s == self.to && self.before_id.is_some_and(|b| f.id.as_str() >= b))
    }
}

/// The calls cross-call rules may look at. Object-safe: a batch, a store
/// or both behind one `&dyn History`.
pub trait History {
    /// Counts the calls that match `q` and appends the first `q.limit` of
    /// them, in order of (start, id), to `out`.
    fn calls_of(&self, q: &Query<'_>, out: &mut Vec<CallFacts>) -> usize;
}

/// Start times as ordered keys (finite by construction: the model rejects
/// non-finite times).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Start(f64);

impl Eq for Start {}

impl PartialOrd for Start {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Start {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// The calls of one batch, indexed by client and start time. A call is kept
/// once per id (a call added again replaces the earlier summary). Each id
/// and client key is stored once: about 100 bytes a call.
#[derive(Default)]
pub struct MemoryHistory {
    /// Client keys, interned.
    clients: HashMap<Box<str>, u32>,
    client_keys: Vec<Box<str>>,
    /// Per client (by interned index): its calls by (start, id).
    by_client: Vec<BTreeMap<(Start, Arc<str>), Kept>>,
    /// Where each id is, to replace it.
    index: HashMap<Arc<str>, (u32, Start)>,
    /// The latest moment any call reaches (its end), Unix seconds.
    latest: Option<f64>,
}

/// What is kept of a call beside its key.
#[derive(Clone, Copy)]
struct Kept {
    outbound: bool,
    answered: bool,
    has_events: bool,
    dropped_at: Option<f64>,
    ended_at: f64,
}

impl MemoryHistory {
    /// An empty history.
    pub fn new() -> MemoryHistory {
        MemoryHistory::default()
    }

    /// Adds a call's summary. Calls without a client key or start time are
    /// never looked up and are not kept, but their end still counts for
    /// [`MemoryHistory::latest`].
    pub fn insert(&mut self, facts: CallFacts) {
        if let Some(end) = facts.end() {
            self.latest = Some(self.latest.map_or(end, |l| l.max(end)));
        }
        let (Some(client), Some(start)) = (facts.client.as_deref(), facts.start) else {
            return;
        };
        if let Some((key, (old_client, old_start))) = self.index.remove_entry(facts.id.as_str()) {
            self.by_client[old_client as usize].remove(&(old_start, key));
        }
        let c = match self.clients.get(client) {
            Some(&c) => c,
            None => {
                let c = self.client_keys.len() as u32;
                self.clients.insert(client.into(), c);
                self.client_keys.push(client.into());
                self.by_client.push(BTreeMap::new());
                c
            }
        };
        let id: Arc<str> = facts.id.as_str().into();
        self.index.insert(id.clone(), (c, Start(start)));
        let kept = Kept {
            outbound: facts.outbound,
            answered: facts.answered,
            has_events: facts.has_events,
            dropped_at: facts.dropped_at,
            ended_at: facts.ended_at,
        };
        self.by_client[c as usize].insert((Start(start), id), kept);
    }

    /// How many calls are kept.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether no call is kept.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The latest end of any call added, Unix seconds.
    pub fn latest(&self) -> Option<f64> {
        self.latest
    }
}

impl History for MemoryHistory {
    fn calls_of(&self, q: &Query<'_>, out: &mut Vec<CallFacts>) -> usize {
        let Some(&c) = self.clients.get(q.client) else {
            return 0;
        };
        if q.from > q.to || q.from.is_nan() || q.to.is_nan() {
            return 0;
        }
        let calls = &self.by_client[c as usize];
        let client = &self.client_keys[c as usize];
        let lo = Bound::Included((Start(q.from), Arc::<str>::from("")));
        let mut n = 0;
        let in_range = calls
            .range((lo, Bound::Unbounded))
            .take_while(|((s, _), _)| s.0 <= q.to);
        for ((start, id), k) in in_range {
            let f = CallFacts {
                id: id.to_string(),
                client: Some(client.to_string()),
                outbound: k.outbound,
                start: Some(start.0),
                answered: k.answered,
                has_events: k.has_events,
                dropped_at: k.dropped_at,
                ended_at: k.ended_at,
            };
            if q.matches(&f) {
                if n < q.limit {
                    out.push(f);
                }
                n += 1;
            }
        }
        n
    }
}

/// Two histories as one: a store of earlier calls and the running batch.
/// Counts add up, so a call must be in only one of them.
pub struct Both<'a>(pub &'a dyn History, pub &'a dyn History);

impl History for Both<'_> {
    fn calls_of(&self, q: &Query<'_>, out: &mut Vec<CallFacts>) -> usize {
        let at = out.len();
        let n = self.0.calls_of(q, out) + self.1.calls_of(q, out);
        out[at..].sort_by(|a, b| {
            a.start
                .unwrap_or(0.0)
                .total_cmp(&b.start.unwrap_or(0.0))
                .then_with(|| a.id.cmp(&b.id))
        });
        out.truncate(at + q.limit);
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(id: &str, client: &str, start: f64, outbound: bool) -> CallFacts {
        CallFacts {
            id: id.into(),
            client: Some(client.into()),
            outbound,
            start: Some(start),
            answered: true,
            has_events: true,
            dropped_at: None,
            ended_at: 60.0,
        }
    }

    fn q(client: &str, from: f64, to: f64) -> Query<'_> {
        Query {
            client,
            from,
            to,
            only: Only::default(),
            exclude: None,
            before_id: None,
            limit: 10,
        }
    }

    #[test]
    fn lookups_see_only_the_client_and_the_range() {
        let mut h = MemoryHistory::new();
        h.insert(facts("a", "c1", 100.0, true));
        h.insert(facts("b", "c1", 200.0, false));
        h.insert(facts("c", "c2", 150.0, true));
        h.insert(facts("d", "c1", 300.0, true));
        let mut out = Vec::new();
        assert_eq!(h.calls_of(&q("c1", 100.0, 200.0), &mut out), 2);
        let ids: Vec<&str> = out.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        let mut only_out = q("c1", 0.0, 1000.0);
        only_out.only.outbound = true;
        only_out.limit = 1;
        out.clear();
        assert_eq!(h.calls_of(&only_out, &mut out), 2, "a and d are outbound");
        assert_eq!(out.len(), 1, "limit copies the earliest only");
        assert_eq!(out[0].id, "a");
        assert_eq!(h.calls_of(&q("nobody", 0.0, 1e12), &mut out), 0);
        assert_eq!(h.latest(), Some(360.0));
    }

    #[test]
    fn ties_at_the_upper_bound_are_broken_by_id_and_ids_replace() {
        let mut h = MemoryHistory::new();
        h.insert(facts("a", "c1", 100.0, true));
        h.insert(facts("c", "c1", 100.0, true));
        let mut tie = q("c1", 0.0, 100.0);
        tie.before_id = Some("b");
        tie.exclude = Some("b");
        assert_eq!(
            h.calls_of(&tie, &mut Vec::new()),
            1,
            "only a sorts before b"
        );
        h.insert(facts("a", "c1", 500.0, true));
        assert_eq!(h.len(), 2);
        assert_eq!(h.calls_of(&q("c1", 0.0, 100.0), &mut Vec::new()), 1);
    }

    #[test]
    fn facts_round_trip_through_json_in_tens_of_bytes() {
        let f = facts("2026-03-02-000117", "cl-5521", 1.77e9, false);
        let text = serde_json::to_string(&f).unwrap();
        assert!(text.len() < 160, "{text}");
        assert_eq!(serde_json::from_str::<CallFacts>(&text).unwrap(), f);
    }
}
