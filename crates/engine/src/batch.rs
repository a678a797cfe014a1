//! Deciding the cross-call rules of many calls: [`CrossCalls`] takes calls
//! one by one and gives each audit back as soon as it is decided, keeping
//! only the compact [`CallFacts`] of every call and the few audits whose
//! call-back window is still open; [`Batch`] is the all-in-memory form for
//! a handful of calls (tests, one live call).

use std::collections::BTreeMap;
use std::sync::Arc;

use callqa_model::{Call, CallAudit};

use crate::crosscall::{Evaluated, Horizon};
use crate::history::{Both, CallFacts, History, MemoryHistory};
use crate::standard::Standard;

/// Cross-call decisions over a stream of evaluated calls.
///
/// Two ways to feed it:
///
/// - [`CrossCalls::complete`]: the facts of every call of the input were
///   added first ([`CrossCalls::add_facts`], a first pass over re-readable
///   inputs); each pushed call is then decided at once, whatever the input
///   order.
/// - [`CrossCalls::new`]: one pass over a stream taken in time order; a
///   call whose window reaches past the latest start seen waits until a
///   later call closes it, or until [`CrossCalls::finish`].
///
/// Output order is a function of the push order only.
pub struct CrossCalls {
    std: Arc<Standard>,
    history: MemoryHistory,
    store: Option<Box<dyn History + Send + Sync>>,
    complete: bool,
    /// Every call that started before this was pushed (one-pass mode).
    known_until: f64,
    /// Audits waiting on a window, by (the time they wait for, arrival).
    held: BTreeMap<(Deadline, u64), Evaluated>,
    seq: u64,
    out_of_order: usize,
}

/// Unix seconds as an ordered key.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Deadline(f64);

impl Eq for Deadline {}

impl PartialOrd for Deadline {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Deadline {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl CrossCalls {
    /// One pass over calls in time order.
    pub fn new(std: Arc<Standard>) -> CrossCalls {
        CrossCalls {
            std,
            history: MemoryHistory::new(),
            store: None,
            complete: false,
            known_until: f64::NEG_INFINITY,
            held: BTreeMap::new(),
            seq: 0,
            out_of_order: 0,
        }
    }

    /// Calls in any order, whose facts are all added with
    /// [`CrossCalls::add_facts`] before the first push.
    pub fn complete(std: Arc<Standard>) -> CrossCalls {
        CrossCalls {
            complete: true,
            known_until: f64::INFINITY,
            ..CrossCalls::new(std)
        }
    }

    /// Earlier calls kept elsewhere (a store), looked up with the batch's
    /// own. A call must not be in both.
    pub fn with_store(mut self, store: Box<dyn History + Send + Sync>) -> CrossCalls {
        self.store = Some(store);
        self
    }

    /// Adds the facts of a call of the input (first pass).
    pub fn add_facts(&mut self, facts: CallFacts) {
        self.history.insert(facts);
    }

    /// The compact records kept.
    pub fn history(&self) -> &MemoryHistory {
        &self.history
    }

    /// How many audits wait on a window.
    pub fn held(&self) -> usize {
        self.held.len()
    }

    /// One-pass mode: how many linked calls started before a call pushed
    /// earlier (their neighbours' verdicts assume time order).
    pub fn out_of_order(&self) -> usize {
        self.out_of_order
    }

    fn horizon(&self) -> Horizon {
        if self.complete {
            Horizon::complete(self.history.latest().unwrap_or(f64::INFINITY))
        } else {
            Horizon::until(self.known_until)
        }
    }

    fn decide(&self, e: &mut Evaluated, horizon: Horizon) -> Option<f64> {
        match &self.store {
            Some(store) => {
                self.std
                    .decide_cross_calls(e, &Both(store.as_ref(), &self.history), horizon)
            }
            None => self.std.decide_cross_calls(e, &self.history, horizon),
        }
    }

    /// Adds a call; appends to `out` every audit now decided (held ones
    /// first, by the time they waited for, then this one).
    pub fn push(&mut self, e: Evaluated, out: &mut Vec<CallAudit>) {
        let mut decided = Vec::new();
        self.push_decided(e, &mut decided);
        out.extend(decided.into_iter().map(|e| self.std.audit_of(e)));
    }

    /// As [`CrossCalls::push`], but gives the decided calls before they
    /// are made audits: [`Standard::audit_of`] of each, with the standard
    /// of [`CrossCalls::standard`], is the audit `push` gives. Building the
    /// audit (titles, scores) is most of the cost of deciding a call, and
    /// this way a parallel runner does it on its workers, not on the one
    /// thread that must decide the calls in order.
    pub fn push_decided(&mut self, mut e: Evaluated, out: &mut Vec<Evaluated>) {
        if !self.complete {
            if let Some(s) = e.facts.start {
                if s < self.known_until && e.facts.client.is_some() {
                    self.out_of_order += 1;
                }
                self.known_until = self.known_until.max(s);
            }
            self.history.insert(e.facts.clone());
            self.release(out);
        }
        let seq = self.seq;
        self.seq += 1;
        match self.decide(&mut e, self.horizon()) {
            None => out.push(e),
            Some(t) => {
                self.held.insert((Deadline(t), seq), e);
            }
        }
    }

    /// The standard the audits are built with.
    pub fn standard(&self) -> &Arc<Standard> {
        &self.std
    }

    /// Decides the held calls whose windows are closed now.
    fn release(&mut self, out: &mut Vec<Evaluated>) {
        while let Some(entry) = self.held.first_entry() {
            if entry.key().0 .0 >= self.known_until {
                break;
            }
            let (key, mut e) = entry.remove_entry();
            match self.decide(&mut e, self.horizon()) {
                None => out.push(e),
                // Not expected (the window is closed), but never lose it.
                Some(t) => {
                    self.held
                        .insert((Deadline(t.max(self.known_until)), key.1), e);
                }
            }
        }
    }

    /// The input is over: decides every held audit (a window past the
    /// input's end gives `n/a` "window still open at the end of the
    /// input") and appends them to `out`, by the time they waited for.
    pub fn finish(self, out: &mut Vec<CallAudit>) {
        let std = self.std.clone();
        let mut decided = Vec::new();
        self.finish_decided(&mut decided);
        out.extend(decided.into_iter().map(|e| std.audit_of(e)));
    }

    /// As [`CrossCalls::finish`], giving the decided calls (see
    /// [`CrossCalls::push_decided`]).
    pub fn finish_decided(mut self, out: &mut Vec<Evaluated>) {
        let horizon = Horizon::complete(self.history.latest().unwrap_or(f64::INFINITY));
        for (_, mut e) in std::mem::take(&mut self.held) {
            self.decide(&mut e, horizon);
            out.push(e);
        }
    }
}

/// The calls of one audit run, all in memory, for the rules that look
/// across calls. For large batches use [`CrossCalls`], which keeps only
/// what cross-call rules need.
pub struct Batch {
    std: Arc<Standard>,
    calls: Vec<Evaluated>,
}

impl Batch {
    /// An empty batch.
    pub fn new(std: Arc<Standard>) -> Batch {
        Batch {
            std,
            calls: Vec::new(),
        }
    }

    /// Evaluates and adds a call.
    pub fn add(&mut self, call: &Call) {
        let e = self.std.evaluate_call(call);
        self.push(e);
    }

    /// Adds an evaluated call.
    pub fn push(&mut self, evaluated: Evaluated) {
        self.calls.push(evaluated);
    }

    /// How many calls were added.
    pub fn len(&self) -> usize {
        self.calls.len()
    }

    /// Whether no call was added.
    pub fn is_empty(&self) -> bool {
        self.calls.is_empty()
    }

    /// Decides the cross-call rules and scores every call, in the order the
    /// calls were added.
    pub fn finish(self) -> Vec<CallAudit> {
        let mut cross = CrossCalls::complete(self.std);
        for e in &self.calls {
            cross.add_facts(e.facts.clone());
        }
        let mut out = Vec::with_capacity(self.calls.len());
        for e in self.calls {
            cross.push(e, &mut out);
        }
        out
    }
}
