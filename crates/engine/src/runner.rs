//! The parallel batch runner: calls in, audits out as soon as each is
//! decided, on long-lived worker threads.
//!
//! The calling thread takes the items (any iterator: records split off a
//! file, calls from an importer or a socket) and hands them to `jobs`
//! workers that read them into calls ([`Runner::run_read`]: parsing and
//! validating a record) and evaluate the per-call rules; results are put
//! back in input order, admitted or refused there (duplicate ids, input
//! problems reported in place), and pushed into a [`CrossCalls`]. Each
//! decided audit goes back to the workers for the caller's finishing step
//! ([`Runner::run_then`]: redaction, rendering the report record), and the
//! finished results reach the sink in an order that depends only on the
//! input, never on `jobs` or timing. The calling thread thus only splits
//! the input, decides the cross-call rules and hands results on.
//! [`Runner::map_in_order`] is the same machinery for a plain function (a
//! first pass that reads every record for its facts). At most
//! [`IN_FLIGHT_PER_JOB`] × `jobs` jobs are in flight, so memory is bounded
//! by that window plus the compact records the cross-call rules keep.

use std::collections::{BTreeMap, VecDeque};
use std::convert::Infallible;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use callqa_model::{Call, CallAudit};

use crate::batch::CrossCalls;
use crate::crosscall::Evaluated;
use crate::standard::Standard;

/// Jobs in flight per worker: enough to keep workers busy while the
/// reader parses (a worker holds up to [`JOBS_PER_TAKE`] of them), small
/// enough to bound memory.
pub const IN_FLIGHT_PER_JOB: usize = 64;

/// Jobs a worker takes at once when they are queued, and whose results it
/// sends back as one message: every hand-over between threads that finds
/// the other side asleep costs a wake-up in the kernel (3.5 futex calls
/// per call at `-j 2` when jobs went one by one, 2 with batches of 4), and
/// a batch shares it.
const JOBS_PER_TAKE: usize = 16;

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

/// Work for a worker, numbered in its kind's order. Jobs move by value
/// through a bounded channel: a box per audit would only add an allocation.
#[allow(clippy::large_enum_variant)]
enum Job<R> {
    Evaluate(u64, R),
    /// A call whose cross-call rules are decided: made its audit
    /// ([`Standard::audit_of`]) and finished on the worker.
    Finish(u64, Evaluated),
}

/// An item read and evaluated (with what the caller's admission needs),
/// or the problem reading it.
type Read<K, P> = Result<(Box<Evaluated>, K), P>;

/// A worker's result (sent in batches); `Gone` when a worker stops by a
/// panic. A finished result says whether its audit passed, for the
/// run's counts.
enum Done<T, K, P> {
    Evaluated(u64, Read<K, P>),
    Finished(u64, bool, T),
    Gone,
}

/// Tells the calling thread that a worker died, so that it stops waiting
/// for the job that worker held (the panic is re-raised when the scope
/// ends): sends `gone` on the way out of a panic.
struct Farewell<'a, M> {
    tx: &'a mpsc::Sender<M>,
    gone: fn() -> M,
}

impl<M> Drop for Farewell<'_, M> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let _ = self.tx.send((self.gone)());
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
        cross: CrossCalls,
        calls: I,
        then: &(dyn Fn(CallAudit) -> T + Sync),
        sink: &mut dyn FnMut(T) -> Result<(), E>,
    ) -> Result<RunStats, E>
    where
        I: IntoIterator<Item = Call>,
        T: Send,
    {
        self.run_read(
            cross,
            calls,
            &|call| Ok::<_, Infallible>((call, ())),
            &mut |_| true,
            then,
            sink,
        )
    }

    /// As [`Runner::run_then`] over items that still have to be read into
    /// calls: `read` runs on the workers (parsing and validating a record)
    /// and gives the call with a key `K` (where it was read, its id);
    /// `admit` gets every key or problem `P` on the calling thread, in
    /// input order, and says whether the call counts (false: a duplicate id
    /// or a problem, which `admit` reports; the call is then left out as
    /// if never read). Admitted calls are decided and finished as `run_then`
    /// does, so the output is the same as reading every item first.
    pub fn run_read<I, K, P, T, E>(
        &self,
        mut cross: CrossCalls,
        items: I,
        read: &(dyn Fn(I::Item) -> Result<(Call, K), P> + Sync),
        admit: &mut dyn FnMut(Result<K, P>) -> bool,
        then: &(dyn Fn(CallAudit) -> T + Sync),
        sink: &mut dyn FnMut(T) -> Result<(), E>,
    ) -> Result<RunStats, E>
    where
        I: IntoIterator,
        I::Item: Send,
        K: Send,
        P: Send,
        T: Send,
    {
        if self.jobs > 1 {
            return self.parallel(cross, items, read, admit, then, sink);
        }
        let mut stats = RunStats::default();
        let mut decided = Vec::new();
        for item in items {
            let Some(call) = admitted(read(item), admit) else {
                continue;
            };
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

    /// Reads and evaluates, then finishes, on `jobs` long-lived workers;
    /// the calling thread admits, decides the cross-call rules in input
    /// order and gives the finished results to `sink` in the order they
    /// were decided.
    fn parallel<I, K, P, T, E>(
        &self,
        cross: CrossCalls,
        items: I,
        read: &(dyn Fn(I::Item) -> Result<(Call, K), P> + Sync),
        admit: &mut dyn FnMut(Result<K, P>) -> bool,
        then: &(dyn Fn(CallAudit) -> T + Sync),
        sink: &mut dyn FnMut(T) -> Result<(), E>,
    ) -> Result<RunStats, E>
    where
        I: IntoIterator,
        I::Item: Send,
        K: Send,
        P: Send,
        T: Send,
    {
        let cap = self.jobs * IN_FLIGHT_PER_JOB;
        let (work_tx, work_rx) = mpsc::sync_channel::<Job<I::Item>>(cap);
        let work_rx = Mutex::new(work_rx);
        let (done_tx, done_rx) = mpsc::channel::<Vec<Done<T, K, P>>>();
        // The audits are built with the standard the cross-call rules were
        // decided with, as `CrossCalls::push` builds them.
        let audit_std = cross.standard().clone();
        std::thread::scope(|s| {
            for _ in 0..self.jobs {
                let done_tx = done_tx.clone();
                let work_rx = &work_rx;
                let std = &self.std;
                let audit_std = &audit_std;
                s.spawn(move || {
                    let _farewell = Farewell {
                        tx: &done_tx,
                        gone: || vec![Done::Gone],
                    };
                    loop {
                        let jobs = take_jobs(work_rx);
                        if jobs.is_empty() {
                            break;
                        }
                        let done = jobs
                            .into_iter()
                            .map(|job| match job {
                                Job::Evaluate(seq, item) => Done::Evaluated(
                                    seq,
                                    read(item).map(|(call, key)| {
                                        (Box::new(std.evaluate_call(&call)), key)
                                    }),
                                ),
                                Job::Finish(seq, e) => {
                                    let audit = audit_std.audit_of(e);
                                    Done::Finished(seq, audit.passed, then(audit))
                                }
                            })
                            .collect();
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
            let outcome = flow.drive(items, cap, admit, sink);
            let stats = flow.stats;
            // Workers stop when the work channel closes; results of a
            // failed run are dropped with the receiver.
            drop(flow);
            outcome.map(|()| stats)
        })
    }

    /// `f` of every item, given to `sink` in input order, computed on
    /// `jobs` workers (on the calling thread when `jobs` is 1) with at most
    /// [`IN_FLIGHT_PER_JOB`] × `jobs` items in flight. Stops at the first
    /// error of the sink.
    pub fn map_in_order<I, U, E>(
        &self,
        items: I,
        f: &(dyn Fn(I::Item) -> U + Sync),
        sink: &mut dyn FnMut(U) -> Result<(), E>,
    ) -> Result<(), E>
    where
        I: IntoIterator,
        I::Item: Send,
        U: Send,
    {
        if self.jobs == 1 {
            for item in items {
                sink(f(item))?;
            }
            return Ok(());
        }
        let cap = self.jobs * IN_FLIGHT_PER_JOB;
        let (work_tx, work_rx) = mpsc::sync_channel::<(u64, I::Item)>(cap);
        let work_rx = Mutex::new(work_rx);
        let (done_tx, done_rx) = mpsc::channel::<Option<Vec<(u64, U)>>>();
        std::thread::scope(|s| {
            for _ in 0..self.jobs {
                let done_tx = done_tx.clone();
                let work_rx = &work_rx;
                s.spawn(move || {
                    let _farewell = Farewell {
                        tx: &done_tx,
                        gone: || None,
                    };
                    loop {
                        let jobs = take_jobs(work_rx);
                        if jobs.is_empty() {
                            break;
                        }
                        let done = jobs.into_iter().map(|(seq, item)| (seq, f(item)));
                        if done_tx.send(Some(done.collect())).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(done_tx);
            let mut waiting = BTreeMap::new();
            let (mut sent, mut next) = (0u64, 0u64);
            // Keeps a result; false when a worker died (the scope
            // re-raises its panic).
            let take = |done: Option<Vec<(u64, U)>>, waiting: &mut BTreeMap<u64, U>| match done {
                Some(done) => {
                    waiting.extend(done);
                    true
                }
                None => false,
            };
            for item in items {
                while sent - next >= cap as u64 {
                    if !take(done_rx.recv().ok().flatten(), &mut waiting) {
                        return Ok(());
                    }
                    give_in_order(&mut waiting, &mut next, sink)?;
                }
                if work_tx.send((sent, item)).is_err() {
                    return Ok(());
                }
                sent += 1;
                while let Ok(done) = done_rx.try_recv() {
                    if !take(done, &mut waiting) {
                        return Ok(());
                    }
                }
                give_in_order(&mut waiting, &mut next, sink)?;
            }
            drop(work_tx);
            while next < sent {
                if !take(done_rx.recv().ok().flatten(), &mut waiting) {
                    return Ok(());
                }
                give_in_order(&mut waiting, &mut next, sink)?;
            }
            Ok(())
        })
    }
}

/// The next jobs for a worker: one, waited for, and as many more as are
/// queued up to [`JOBS_PER_TAKE`]; none when the work channel is closed.
fn take_jobs<J>(work_rx: &Mutex<mpsc::Receiver<J>>) -> Vec<J> {
    let Ok(rx) = work_rx.lock() else {
        return Vec::new();
    };
    let Ok(first) = rx.recv() else {
        return Vec::new();
    };
    let mut jobs = Vec::with_capacity(JOBS_PER_TAKE);
    jobs.push(first);
    while jobs.len() < JOBS_PER_TAKE {
        match rx.try_recv() {
            Ok(job) => jobs.push(job),
            Err(_) => break,
        }
    }
    jobs
}

/// What was read, when `admit` lets it in (it sees every key and problem).
fn admitted<X, K, P>(
    read: Result<(X, K), P>,
    admit: &mut dyn FnMut(Result<K, P>) -> bool,
) -> Option<X> {
    match read {
        Ok((x, key)) => admit(Ok(key)).then_some(x),
        Err(p) => {
            admit(Err(p));
            None
        }
    }
}

/// Gives `sink` the waiting results that are next in order.
fn give_in_order<U, E>(
    waiting: &mut BTreeMap<u64, U>,
    next: &mut u64,
    sink: &mut dyn FnMut(U) -> Result<(), E>,
) -> Result<(), E> {
    while let Some(u) = waiting.remove(next) {
        *next += 1;
        sink(u)?;
    }
    Ok(())
}

/// The calling thread's side of a parallel run.
struct Flow<R, T, K, P> {
    /// Taken at the end of the input, to finish it.
    cross: Option<CrossCalls>,
    work_tx: mpsc::SyncSender<Job<R>>,
    done_rx: mpsc::Receiver<Vec<Done<T, K, P>>>,
    stats: RunStats,
    /// Read (and evaluated) items waiting for the ones before them.
    evaluated: BTreeMap<u64, Read<K, P>>,
    /// Finished results waiting for the ones before them, with whether
    /// their audit passed.
    finished: BTreeMap<u64, (bool, T)>,
    decided: Vec<Evaluated>,
    /// Decided calls not yet given to a worker.
    to_finish: VecDeque<Evaluated>,
    /// Jobs sent and results delivered: (evaluations, finishes).
    sent: (u64, u64),
    next: (u64, u64),
    /// A worker died: nothing more is sent or waited for.
    gone: bool,
}

impl<R, T, K, P> Flow<R, T, K, P> {
    fn in_flight(&self) -> u64 {
        (self.sent.0 - self.next.0) + (self.sent.1 - self.next.1)
    }

    fn drive<I, E>(
        &mut self,
        items: I,
        cap: usize,
        admit: &mut dyn FnMut(Result<K, P>) -> bool,
        sink: &mut dyn FnMut(T) -> Result<(), E>,
    ) -> Result<(), E>
    where
        I: IntoIterator<Item = R>,
    {
        for item in items {
            // Keep the window bounded: wait for a result first.
            while !self.gone && self.in_flight() >= cap as u64 {
                self.wait(admit, sink)?;
            }
            if self.gone || self.work_tx.send(Job::Evaluate(self.sent.0, item)).is_err() {
                return Ok(());
            }
            self.sent.0 += 1;
            while let Ok(done) = self.done_rx.try_recv() {
                self.take(done);
            }
            self.deliver(admit, sink)?;
        }
        while !self.gone && self.next.0 < self.sent.0 {
            self.wait(admit, sink)?;
        }
        if self.gone {
            return Ok(());
        }
        if let Some(cross) = self.cross.take() {
            self.stats.out_of_order = cross.out_of_order();
            cross.finish_decided(&mut self.decided);
        }
        self.queue_decided();
        self.deliver(admit, sink)?;
        while !self.gone && self.next.1 < self.sent.1 {
            self.wait(admit, sink)?;
        }
        Ok(())
    }

    /// Blocks for one result, then delivers what is in order.
    fn wait<E>(
        &mut self,
        admit: &mut dyn FnMut(Result<K, P>) -> bool,
        sink: &mut dyn FnMut(T) -> Result<(), E>,
    ) -> Result<(), E> {
        match self.done_rx.recv() {
            Ok(done) => self.take(done),
            Err(_) => self.gone = true,
        }
        self.deliver(admit, sink)
    }

    fn take(&mut self, done: Vec<Done<T, K, P>>) {
        for done in done {
            match done {
                Done::Evaluated(seq, e) => {
                    self.evaluated.insert(seq, e);
                }
                Done::Finished(seq, passed, t) => {
                    self.finished.insert(seq, (passed, t));
                }
                Done::Gone => self.gone = true,
            }
        }
    }

    fn queue_decided(&mut self) {
        self.to_finish.extend(self.decided.drain(..));
    }

    /// Admits and pushes the evaluated calls that are next in input order,
    /// sends the decided audits to the workers and gives the finished
    /// results that are next to the sink.
    fn deliver<E>(
        &mut self,
        admit: &mut dyn FnMut(Result<K, P>) -> bool,
        sink: &mut dyn FnMut(T) -> Result<(), E>,
    ) -> Result<(), E> {
        while let Some(cross) = &mut self.cross {
            let Some(read) = self.evaluated.remove(&self.next.0) else {
                break;
            };
            self.next.0 += 1;
            let Some(e) = admitted(read, admit) else {
                continue;
            };
            cross.push_decided(*e, &mut self.decided);
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
        while let Some((passed, t)) = self.finished.remove(&self.next.1) {
            self.next.1 += 1;
            self.stats.calls += 1;
            self.stats.failed += usize::from(!passed);
            sink(t)?;
        }
        Ok(())
    }
}

fn count(stats: &mut RunStats, audit: &CallAudit) {
    stats.calls += 1;
    stats.failed += usize::from(!audit.passed);
}
