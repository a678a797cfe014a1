//! The parallel batch runner: calls in, audits out as soon as each is
//! decided, on long-lived worker threads.
//!
//! The calling thread reads the calls (any iterator: a file reader, an
//! importer, a socket) and hands them to `jobs` workers that evaluate the
//! per-call rules; results are put back in input order and pushed into a
//! [`CrossCalls`], whose decided audits go to the sink in an order that
//! depends only on the input, never on `jobs` or timing. At most
//! [`IN_FLIGHT_PER_JOB`] × `jobs` calls are in flight, so memory is bounded
//! by that window plus the compact records the cross-call rules keep.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use callqa_model::{Call, CallAudit};

use crate::batch::CrossCalls;
use crate::crosscall::Evaluated;
use crate::standard::Standard;

/// Calls in flight per worker: enough to keep workers busy while the
/// reader parses, small enough to bound memory.
pub const IN_FLIGHT_PER_JOB: usize = 32;

/// What a run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunStats {
    /// Calls audited.
    pub calls: usize,
    /// Audits that did not pass.
    pub failed: usize,
    /// The most audits held at once, waiting on a cross-call window.
    pub most_held: usize,
    /// One-pass runs: linked calls that came out of time order.
    pub out_of_order: usize,
}

/// Evaluates calls on worker threads and decides the cross-call rules.
pub struct Runner {
    std: Arc<Standard>,
    jobs: usize,
}

impl Runner {
    /// A runner on `jobs` worker threads (at least one; one evaluates on
    /// the calling thread).
    pub fn new(std: Arc<Standard>, jobs: usize) -> Runner {
        Runner {
            std,
            jobs: jobs.max(1),
        }
    }

    /// Audits every call of `calls` and gives each audit to `sink` as soon
    /// as `cross` decides it; finishes `cross` at the end of the input.
    /// Stops at the first error of the sink (a closed output) and returns
    /// it.
    pub fn run<I, E>(
        &self,
        mut cross: CrossCalls,
        calls: I,
        sink: &mut dyn FnMut(CallAudit) -> Result<(), E>,
    ) -> Result<RunStats, E>
    where
        I: IntoIterator<Item = Call>,
    {
        let mut stats = RunStats::default();
        let mut decided = Vec::new();
        if self.jobs == 1 {
            for call in calls {
                let e = self.std.evaluate_call(&call);
                drop(call);
                cross.push(e, &mut decided);
                drain(&cross, &mut decided, &mut stats, sink)?;
            }
        } else {
            self.parallel(calls, &mut |e| {
                cross.push(e, &mut decided);
                drain(&cross, &mut decided, &mut stats, sink)
            })?;
        }
        stats.out_of_order = cross.out_of_order();
        cross.finish(&mut decided);
        drain_all(&mut decided, &mut stats, sink)?;
        Ok(stats)
    }

    /// Evaluates on `jobs` long-lived workers; `next` gets the results in
    /// input order.
    fn parallel<I, E>(
        &self,
        calls: I,
        next: &mut dyn FnMut(Evaluated) -> Result<(), E>,
    ) -> Result<(), E>
    where
        I: IntoIterator<Item = Call>,
    {
        let cap = self.jobs * IN_FLIGHT_PER_JOB;
        let (work_tx, work_rx) = mpsc::sync_channel::<(u64, Call)>(cap);
        let work_rx = Mutex::new(work_rx);
        let (done_tx, done_rx) = mpsc::channel::<(u64, Evaluated)>();
        std::thread::scope(|s| {
            for _ in 0..self.jobs {
                let done_tx = done_tx.clone();
                let work_rx = &work_rx;
                let std = &self.std;
                s.spawn(move || loop {
                    let job = work_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((seq, call))) = job else { break };
                    if done_tx.send((seq, std.evaluate_call(&call))).is_err() {
                        break;
                    }
                });
            }
            drop(done_tx);
            let mut reorder: BTreeMap<u64, Evaluated> = BTreeMap::new();
            let (mut sent, mut next_seq) = (0u64, 0u64);
            let mut deliver =
                |reorder: &mut BTreeMap<u64, Evaluated>, next_seq: &mut u64| -> Result<(), E> {
                    while let Some(e) = reorder.remove(next_seq) {
                        *next_seq += 1;
                        next(e)?;
                    }
                    Ok(())
                };
            let mut outcome = Ok(());
            let mut workers_gone = false;
            for call in calls {
                // Keep the window bounded: wait for a result first.
                while sent - next_seq >= cap as u64 {
                    match done_rx.recv() {
                        Ok((seq, e)) => {
                            reorder.insert(seq, e);
                        }
                        // Every worker stopped (a panic, re-raised when
                        // the scope ends): send no more.
                        Err(_) => {
                            workers_gone = true;
                            break;
                        }
                    }
                    if let Err(err) = deliver(&mut reorder, &mut next_seq) {
                        outcome = Err(err);
                        break;
                    }
                }
                if outcome.is_err() || workers_gone || work_tx.send((sent, call)).is_err() {
                    break;
                }
                sent += 1;
                while let Ok((seq, e)) = done_rx.try_recv() {
                    reorder.insert(seq, e);
                }
                if let Err(err) = deliver(&mut reorder, &mut next_seq) {
                    outcome = Err(err);
                    break;
                }
            }
            drop(work_tx);
            if outcome.is_ok() {
                for (seq, e) in done_rx.iter() {
                    reorder.insert(seq, e);
                    if let Err(err) = deliver(&mut reorder, &mut next_seq) {
                        outcome = Err(err);
                        break;
                    }
                }
            }
            // Workers stop when the work channel closes; results of a
            // failed run are dropped with the receiver.
            drop(done_rx);
            outcome
        })
    }
}

fn drain<E>(
    cross: &CrossCalls,
    decided: &mut Vec<CallAudit>,
    stats: &mut RunStats,
    sink: &mut dyn FnMut(CallAudit) -> Result<(), E>,
) -> Result<(), E> {
    stats.most_held = stats.most_held.max(cross.held());
    drain_all(decided, stats, sink)
}

fn drain_all<E>(
    decided: &mut Vec<CallAudit>,
    stats: &mut RunStats,
    sink: &mut dyn FnMut(CallAudit) -> Result<(), E>,
) -> Result<(), E> {
    for audit in decided.drain(..) {
        stats.calls += 1;
        stats.failed += usize::from(!audit.passed);
        sink(audit)?;
    }
    Ok(())
}
