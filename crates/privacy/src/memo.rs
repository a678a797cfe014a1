//! What recent audit texts redacted to, kept by one [`Redactor`].
//!
//! The texts an audit quotes repeat across calls far more than within one:
//! verdict messages and reasons come from templates, and phrase quotes are
//! the standard's phrases as said («здравствуйте», «компания ромашка»). On
//! 500 realistic calls the audits quote 11,532 texts per-call distinct but
//! only 322 distinct in all, and checking a text (the pre-check over its
//! words, then the scan) costs thousands of instructions where looking it
//! up costs tens. The result of a text depends only on the text and the
//! configuration, which a redactor never changes. At most [`CAPACITY`]
//! texts are kept; a clone starts empty.
//!
//! [`Redactor`]: crate::Redactor

use std::sync::{Mutex, MutexGuard};

use rustc_hash::FxHashMap;

use crate::Redacted;

/// Texts kept before the memo is emptied and starts again.
pub(crate) const CAPACITY: usize = 4096;

/// Text → its redaction (`None`: nothing in it is redacted).
pub(crate) type Results = FxHashMap<Box<str>, Option<Redacted>>;

#[derive(Default)]
pub(crate) struct Memo {
    map: Mutex<Results>,
}

impl Memo {
    pub fn lock(&self) -> MutexGuard<'_, Results> {
        // A panic while holding the lock leaves a consistent map.
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds results, emptying the memo first when it is full.
    pub fn add(&self, results: impl IntoIterator<Item = (Box<str>, Option<Redacted>)>) {
        let mut map = self.lock();
        for (text, r) in results {
            if map.len() >= CAPACITY {
                map.clear();
            }
            map.insert(text, r);
        }
    }
}

impl Clone for Memo {
    fn clone(&self) -> Memo {
        Memo::default()
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo")
            .field("texts", &self.lock().len())
            .finish()
    }
}
