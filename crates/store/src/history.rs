//! The store as the engine's [`History`]: the facts of stored calls,
//! looked up by client and start time through the `facts (client,
//! started)` index, and the calls whose cross-call verdicts still wait
//! (`calls.pending_until`, a partial index).
//!
//! The index holds whole seconds; a lookup widens the range to the whole
//! seconds around it and [`Query::matches`] makes the exact boundary test,
//! so the store and a batch in memory agree on every boundary.

use std::cell::RefCell;
use std::collections::HashSet;

use callqa_engine::history::{CallFacts, History, Query};

use crate::types::Facts;
use crate::{Store, StoreError};

/// Migration 4: the seconds cross-call rules read (start with its
/// fraction, drop and end offsets, whether the call had events) and the
/// time a call's verdicts wait for. Rows stored before it are filled in
/// from their records when the store opens.
pub(crate) const MIGRATION: &str = r#"
ALTER TABLE facts ADD COLUMN start DOUBLE PRECISION;
ALTER TABLE facts ADD COLUMN has_events BIGINT NOT NULL DEFAULT 0;
ALTER TABLE facts ADD COLUMN dropped_at DOUBLE PRECISION;
ALTER TABLE facts ADD COLUMN ended_at DOUBLE PRECISION;
ALTER TABLE calls ADD COLUMN pending_until DOUBLE PRECISION;
CREATE INDEX calls_pending ON calls (pending_until) WHERE pending_until IS NOT NULL;
"#;

/// The facts of calls stored before migration 4: `(call id, record)` rows
/// whose `start` is still NULL.
pub(crate) const UNFILLED: &str = "SELECT f.call_id, c.record FROM facts f \
     JOIN calls c ON c.id = f.call_id WHERE f.start IS NULL";

/// Cross-call lookups in a store. A store error cannot cross the engine's
/// seam; the first one is kept and [`StoreHistory::finish`] returns it,
/// so a decision made on a failed lookup is never stored.
pub struct StoreHistory<'a> {
    store: &'a dyn Store,
    skip: HashSet<String>,
    error: RefCell<Option<StoreError>>,
}

impl<'a> StoreHistory<'a> {
    /// The stored calls, without those in `skip` (calls a request is
    /// replacing, looked up in the request's own history instead).
    pub fn new(store: &'a dyn Store, skip: impl IntoIterator<Item = String>) -> StoreHistory<'a> {
        StoreHistory {
            store,
            skip: skip.into_iter().collect(),
            error: RefCell::new(None),
        }
    }

    /// The first store error of a lookup, if any.
    pub fn finish(self) -> Result<(), StoreError> {
        match self.error.into_inner() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// The engine's summary of stored facts.
pub fn call_facts(f: Facts) -> CallFacts {
    CallFacts {
        id: f.call,
        client: Some(f.client),
        outbound: f.direction == "outbound",
        start: Some(f.start),
        answered: f.answered,
        has_events: f.has_events,
        dropped_at: f.dropped_at,
        ended_at: f.ended_at,
    }
}

impl History for StoreHistory<'_> {
    fn calls_of(&self, q: &Query<'_>, out: &mut Vec<CallFacts>) -> usize {
        if self.error.borrow().is_some() || q.from.is_nan() || q.to.is_nan() || q.from > q.to {
            return 0;
        }
        let from = q.from.floor().max(i64::MIN as f64) as i64;
        let to = q.to.floor().min(i64::MAX as f64) as i64;
        let rows = match self.store.facts_for_client(q.client, from, to) {
            Ok(rows) => rows,
            Err(e) => {
                *self.error.borrow_mut() = Some(e);
                return 0;
            }
        };
        let mut matching: Vec<CallFacts> = rows
            .into_iter()
            .filter(|f| !self.skip.contains(&f.call))
            .map(call_facts)
            .filter(|f| q.matches(f))
            .collect();
        // Whole seconds sort by the database; the fraction and ties by id.
        matching.sort_by(|a, b| {
            a.start
                .unwrap_or(0.0)
                .total_cmp(&b.start.unwrap_or(0.0))
                .then_with(|| a.id.cmp(&b.id))
        });
        let n = matching.len();
        out.extend(matching.into_iter().take(q.limit));
        n
    }
}

/// The pending calls of one client (parameter: the client).
pub(crate) const PENDING_OF_CLIENT: &str = "SELECT c.seq, c.id, c.record FROM facts f \
     JOIN calls c ON c.id = f.call_id WHERE f.client = ? AND c.pending_until IS NOT NULL \
     ORDER BY c.seq";

/// Pending calls due before a time (parameters: the time, the limit).
pub(crate) const PENDING_DUE: &str = "SELECT seq, id, record FROM calls \
     WHERE pending_until IS NOT NULL AND pending_until < ? ORDER BY pending_until, seq LIMIT ?";

/// Fills one unfilled row (parameters: start, has_events, dropped_at,
/// ended_at, call id).
pub(crate) const FILL: &str = "UPDATE facts SET start = ?, has_events = ?, dropped_at = ?, \
     ended_at = ? WHERE call_id = ?";

/// The facts of a stored record, for [`FILL`].
pub(crate) fn refill(id: &str, record: &str) -> Result<Facts, StoreError> {
    let call = callqa_model::call_from_str(record)
        .map_err(|e| StoreError::Data(format!("stored call {id:?} does not read: {e}")))?;
    crate::index::facts_of(&call)
        .ok_or_else(|| StoreError::Data(format!("stored call {id:?} has no client to link by")))
}
