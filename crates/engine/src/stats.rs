//! Work counters for cost tests: how many check decisions this thread ran.
//! A test counts work done (decisions per pushed message), never seconds.

use std::cell::Cell;

thread_local! {
    static DECISIONS: Cell<u64> = const { Cell::new(0) };
}

pub(crate) fn count_decision() {
    DECISIONS.with(|d| d.set(d.get() + 1));
}

/// How many check decisions this thread has run so far. For cost tests.
#[doc(hidden)]
pub fn decisions_run() -> u64 {
    DECISIONS.with(Cell::get)
}
