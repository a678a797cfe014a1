//! Cross-call rules at ingest: each call of a request is decided against
//! the stored history and the request's own calls; a verdict whose window
//! is still open by the server's clock is stored `pending` (scored `n/a`)
//! with the time it waits for. Pending calls are decided again when a
//! later call of their client comes in (yesterday's dropped call judged by
//! today's call-back) and, by [`decide_due`], when their window closes.
//! A call that arrives late, behind the clock's horizon, decides again the
//! stored calls whose already-decided windows it falls in (see `late`).
//!
//! The clock: every call that started more than `grace` seconds before
//! now is taken to be stored (calls reach the server that late at most).

use std::collections::{BTreeSet, HashSet};

use callqa_engine::history::{Both, CallFacts, History, MemoryHistory};
use callqa_engine::Horizon;
use callqa_model::{call_from_str, Call, Outcome};
use callqa_store::{RecordRow, Store, StoreError, StoreHistory, StoredCall};

use crate::{audit, late, Active};

/// How many due calls one pass of [`decide_due`] reads at a time.
const DUE_BATCH: usize = 500;

/// What the clock says: the history is known until `now - grace`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Known {
    /// The server's clock, Unix seconds.
    pub now: f64,
    /// How late a call may reach the server after it started, seconds.
    pub grace: f64,
}

impl Known {
    /// The system clock with the default grace.
    pub fn system() -> Known {
        Known {
            now: (crate::system_clock())(),
            grace: crate::GRACE_SECS,
        }
    }

    pub(crate) fn horizon(&self) -> Horizon {
        Horizon::until(self.now - self.grace)
    }
}

/// Audits and stores the calls of one request, and decides again the
/// pending calls of their clients. Returns how many earlier calls were
/// decided again.
pub fn ingest(
    store: &dyn Store,
    active: &Active,
    calls: &[Call],
    known: Known,
) -> Result<usize, StoreError> {
    let mut batch = MemoryHistory::new();
    for c in calls {
        batch.insert(CallFacts::of(c));
    }
    let ids: HashSet<String> = calls.iter().map(|c| c.id.clone()).collect();
    let fresh = decide_all(store, active, calls, &ids, &batch, known)?;
    let stored_history = StoreHistory::new(store, ids.iter().cloned());
    let history = Both(&stored_history, &batch);
    let clients: BTreeSet<&str> = calls.iter().filter_map(|c| c.client.link_key()).collect();
    let mut earlier = Vec::new();
    let mut again: HashSet<String> = ids.clone();
    for client in clients {
        for row in store.pending_of_client(client)? {
            if again.insert(row.id.clone()) {
                earlier.push(redecide(store, active, &row, &history, known)?);
            }
        }
    }
    // Late calls re-open the decided windows they fall in.
    let facts: Vec<CallFacts> = calls.iter().map(CallFacts::of).collect();
    for row in late::affected(store, &active.standard, &facts, &again, known)? {
        earlier.push(redecide(store, active, &row, &history, known)?);
    }
    stored_history.finish()?;
    store.put_calls(&fresh, false)?;
    // A re-decision keeps the call's audits of other revisions. Were the
    // server to stop between the two writes, the call stays pending and is
    // decided at its next chance.
    store.put_calls(&earlier, true)?;
    Ok(earlier.len())
}

/// Audits the calls of one request on every core, in order, each thread
/// with its own view of the stored history (without the calls being
/// replaced) beside the request's own calls.
fn decide_all(
    store: &dyn Store,
    active: &Active,
    calls: &[Call],
    skip: &HashSet<String>,
    batch: &MemoryHistory,
    known: Known,
) -> Result<Vec<StoredCall>, StoreError> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per = calls.len().div_ceil(threads).max(1);
    let decide = |chunk: &[Call]| -> Result<Vec<StoredCall>, StoreError> {
        let stored_history = StoreHistory::new(store, skip.iter().cloned());
        let history = Both(&stored_history, batch);
        let out = chunk
            .iter()
            .map(|c| {
                audit::decide(
                    &active.standard,
                    active.revision,
                    c,
                    &history,
                    known.horizon(),
                )
            })
            .collect();
        stored_history.finish()?;
        Ok(out)
    };
    if calls.len() <= per {
        return decide(calls);
    }
    std::thread::scope(|scope| {
        let parts: Vec<_> = calls
            .chunks(per)
            .map(|chunk| scope.spawn(move || decide(chunk)))
            .collect();
        let mut out = Vec::with_capacity(calls.len());
        for p in parts {
            out.extend(
                p.join()
                    .map_err(|_| StoreError::Data("an audit thread panicked".into()))??,
            );
        }
        Ok(out)
    })
}

fn redecide(
    store: &dyn Store,
    active: &Active,
    row: &RecordRow,
    history: &dyn History,
    known: Known,
) -> Result<StoredCall, StoreError> {
    let call = call_from_str(&row.record)
        .map_err(|e| StoreError::Data(format!("stored call {:?} does not read: {e}", row.id)))?;
    crate::disputes::redecide(
        store,
        &active.standard,
        active.revision,
        &call,
        history,
        known.horizon(),
    )
}

/// Decides the pending calls whose windows closed by the clock; returns
/// how many were decided (a call may stay pending on another rule).
pub fn decide_due(store: &dyn Store, active: &Active, known: Known) -> Result<usize, StoreError> {
    let until = known.now - known.grace;
    let mut done = 0;
    loop {
        let rows = store.pending_due(until, DUE_BATCH)?;
        if rows.is_empty() {
            return Ok(done);
        }
        let history = StoreHistory::new(store, []);
        let decided: Vec<StoredCall> = rows
            .iter()
            .map(|row| redecide(store, active, row, &history, known))
            .collect::<Result<_, _>>()?;
        history.finish()?;
        let progress = decided
            .iter()
            .filter(|c| c.pending_until.is_none_or(|t| t >= until))
            .count();
        store.put_calls(&decided, true)?;
        done += progress;
        if progress == 0 || rows.len() < DUE_BATCH {
            return Ok(done);
        }
    }
}

/// The rules of an audit left open (scored `n/a` "undecided").
pub(crate) fn undecided(audit: &callqa_model::CallAudit) -> Vec<String> {
    audit
        .verdicts
        .iter()
        .filter(|v| v.outcome == Outcome::NotApplicable && v.reason.as_deref() == Some("undecided"))
        .map(|v| v.rule.clone())
        .collect()
}
