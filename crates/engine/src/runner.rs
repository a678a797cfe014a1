//! The parallel batch runner: calls in, audits out as soon as each is
//! decided, on long-lived worker threads.
//!
//! The calling thread reads the calls (any iterator: a file reader, an
//! importer, a socket) and hands them to `jobs` workers that evaluate the
//! per-call rules; results are put back in input order and pushed into a
//! [`CrossCalls`]. Each decided audit goes back to the workers for the
//! caller's finishing step ([`Runner::run_then`]: redaction, rendering the
//! report record), and the finished results reach the sink in an order that
//! depends only on the input, never on `jobs` or timing. The calling
//! thread thus only reads, decides the cross-call rules and hands results
//! on. At most [`IN_FLIGHT_PER_JOB`] × `jobs` jobs are in flight, so memory
//! is bounded by that window plus the compact records the cross-call rules
//! keep.

use std::collections::{BTreeMap, VecDeque};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use callqa_model::{Call, CallAudit};

use crate::batch::CrossCalls;
use crate::crosscall::Evaluated;
use crate::standard::Standard;

/// Jobs in flight per worker: enough to keep workers busy while the
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

/// Work for a worker, numbered in its kind's order.
enum Job {
    Evaluate(u64, Call),
    Finish(u64, CallAudit),
}

/// A worker's result; `Gone` when a worker stops by a panic.
enum Done<T> {
    Evaluated(u64, Box<Evaluated>),
    Finished(u64, T),
    Gone,
}

/// Tells the calling thread that a worker died, so that it stops waiting
/// for the job that worker held (the panic is re-raised when the scope
/// ends).
struct Farewell<'a, T>(&'a mpsc::Sender<Done<T>>);

impl<T> Drop for Farewell<'_, T> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let _ = self.0.send(Done::Gone);
        }
    }
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
        cross: CrossCalls,
        calls: I,
        sink: &mut dyn FnMut(CallAudit) -> Result<(), E>,
    ) -> Result<RunStats, E>
    where
        I: IntoIterator<Item = Call>,
    {
        self.run_then(cross, calls, &|audit| audit, sink)
    }

    /// As [`Runner::run`], with `then` applied to every decided audit on
    /// the workers (redacting it, rendering its report record) before the
    /// sink gets the result, in the same order as `run` gives the audits.
    pub fn run_then<I, T, E>(
        &self,
        mut cross: CrossCalls,
        calls: I,
        then: &(dyn Fn(CallAudit) -> T + Sync),
        sink: &mut dyn FnMut(T) -> Result<(), E>,
    ) -> Result<RunStats, E>
    where
        I: IntoIterator<Item = Call>,
        T: Send,
    {
        let mut stats = RunStats::default();
        if self.jobs > 1 {
            return self.parallel(cross, calls, then, sink);
        }
        let mut decided = Vec::new();
        for call in calls {
            let e = self.std.evaluate_call(&call);
            drop(call);
            cross.push(e, &mut decided);
            stats.most_held = stats.most_held.max(cross.held());
            for audit in decided.drain(..) {
                count(&mut stats, &audit);
                sink(then(audit))?;
            }
        }
        stats.out_of_order = cross.out_of_order();
        cross.finish(&mut decided);
        for audit in decided.drain(..) {
            count(&mut stats, &audit);
            sink(then(audit))?;
        }
        Ok(stats)
    }

    /// Evaluates and finishes on `jobs` long-lived workers; the calling
    /// thread reads, decides the cross-call rules in input order and gives
    /// the finished results to `sink` in the order they were decided.
    fn parallel<I, T, E>(
        &self,
        cross: CrossCalls,
        calls: I,
        then: &(dyn Fn(CallAudit) -> T + Sync),
        sink: &mut dyn FnMut(T) -> Result<(), E>,
    ) -> Result<RunStats, E>
    where
        I: IntoIterator<Item = Call>,
        T: Send,
    {
        let cap = self.jobs * IN_FLIGHT_PER_JOB;
        let (work_tx, work_rx) = mpsc::sync_channel::<Job>(cap);
        let work_rx = Mutex::new(work_rx);
        let (done_tx, done_rx) = mpsc::channel::<Done<T>>();
        std::thread::scope(|s| {
            for _ in 0..self.jobs {
                let done_tx = done_tx.clone();
                let work_rx = &work_rx;
                let std = &self.std;
                s.spawn(move || {
                    let _farewell = Farewell(&done_tx);
                    loop {
                        let job = work_rx.lock().map(|rx| rx.recv());
                        let Ok(Ok(job)) = job else { break };
                        let done = match job {
                            Job::Evaluate(seq, call) => {
                                Done::Evaluated(seq, Box::new(std.evaluate_call(&call)))
                            }
                            Job::Finish(seq, audit) => Done::Finished(seq, then(audit)),
                        };
                        if done_tx.send(done).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(done_tx);
            let mut flow = Flow {
                cross: Some(cross),
                work_tx,
                done_rx,
                stats: RunStats::default(),
                evaluated: BTreeMap::new(),
                finished: BTreeMap::new(),
                decided: Vec::new(),
                to_finish: VecDeque::new(),
                sent: (0, 0),
                next: (0, 0),
                gone: false,
            };
            let outcome = flow.drive(calls, cap, sink);
            let stats = flow.stats;
            // Workers stop when the work channel closes; results of a
            // failed run are dropped with the receiver.
            drop(flow);
            outcome.map(|()| stats)
        })
    }
}

/// The calling thread's side of a parallel run.
struct Flow<T> {
    /// Taken at the end of the input, to finish it.
    cross: Option<CrossCalls>,
    work_tx: mpsc::SyncSender<Job>,
    done_rx: mpsc::Receiver<Done<T>>,
    stats: RunStats,
    /// Evaluated calls waiting for the ones before them.
    evaluated: BTreeMap<u64, Box<Evaluated>>,
    /// Finished results waiting for the ones before them.
    finished: BTreeMap<u64, T>,
    decided: Vec<CallAudit>,
    /// Decided audits not yet given to a worker.
    to_finish: VecDeque<CallAudit>,
    /// Jobs sent and results delivered: (evaluations, finishes).
    sent: (u64, u64),
    next: (u64, u64),
    /// A worker died: nothing more is sent or waited for.
    gone: bool,
}

impl<T> Flow<T> {
    fn in_flight(&self) -> u64 {
        (self.sent.0 - self.next.0) + (self.sent.1 - self.next.1)
    }

    fn drive<I, E>(
        &mut self,
        calls: I,
        cap: usize,
        sink: &mut dyn FnMut(T) -> Result<(), E>,
    ) -> Result<(), E>
    where
        I: IntoIterator<Item = Call>,
    {
        for call in calls {
            // Keep the window bounded: wait for a result first.
            while !self.gone && self.in_flight() >= cap as u64 {
                self.wait(sink)?;
            }
            if self.gone || self.work_tx.send(Job::Evaluate(self.sent.0, call)).is_err() {
                return Ok(());
            }
            self.sent.0 += 1;
            while let Ok(done) = self.done_rx.try_recv() {
                self.take(done);
            }
            self.deliver(sink)?;
        }
        while !self.gone && self.next.0 < self.sent.0 {
            self.wait(sink)?;
        }
        if self.gone {
            return Ok(());
        }
        if let Some(cross) = self.cross.take() {
            self.stats.out_of_order = cross.out_of_order();
            cross.finish(&mut self.decided);
        }
        self.queue_decided();
        self.deliver(sink)?;
        while !self.gone && self.next.1 < self.sent.1 {
            self.wait(sink)?;
        }
        Ok(())
    }

    /// Blocks for one result, then delivers what is in order.
    fn wait<E>(&mut self, sink: &mut dyn FnMut(T) -> Result<(), E>) -> Result<(), E> {
        match self.done_rx.recv() {
            Ok(done) => self.take(done),
            Err(_) => self.gone = true,
        }
        self.deliver(sink)
    }

    fn take(&mut self, done: Done<T>) {
        match done {
            Done::Evaluated(seq, e) => {
                self.evaluated.insert(seq, e);
            }
            Done::Finished(seq, t) => {
                self.finished.insert(seq, t);
            }
            Done::Gone => self.gone = true,
        }
    }

    fn queue_decided(&mut self) {
        for audit in self.decided.drain(..) {
            count(&mut self.stats, &audit);
            self.to_finish.push_back(audit);
        }
    }

    /// Pushes the evaluated calls that are next in input order, sends the
    /// decided audits to the workers and gives the finished results that
    /// are next to the sink.
    fn deliver<E>(&mut self, sink: &mut dyn FnMut(T) -> Result<(), E>) -> Result<(), E> {
        while let Some(cross) = &mut self.cross {
            let Some(e) = self.evaluated.remove(&self.next.0) else {
                break;
            };
            self.next.0 += 1;
            cross.push(*e, &mut self.decided);
            self.stats.most_held = self.stats.most_held.max(cross.held());
            self.queue_decided();
        }
        while !self.gone {
            let Some(audit) = self.to_finish.pop_front() else {
                break;
            };
            // The workers take jobs without waiting on anything, so a full
            // queue empties.
            if self.work_tx.send(Job::Finish(self.sent.1, audit)).is_err() {
                self.gone = true;
                break;
            }
            self.sent.1 += 1;
        }
        while let Some(t) = self.finished.remove(&self.next.1) {
            self.next.1 += 1;
            sink(t)?;
        }
        Ok(())
    }
}

fn count(stats: &mut RunStats, audit: &CallAudit) {
    stats.calls += 1;
    stats.failed += usize::from(!audit.passed);
}
