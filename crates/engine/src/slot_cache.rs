//! The placeholder values of recent calls, kept per standard.
//!
//! Building a call's [`Slots`] analyses every form of the company names and
//! of the operator's and client's names (short forms, case forms, other
//! scripts, spelled acronyms): about 95,000 instructions per call, 4 % of
//! a realistic audit, though the calls of one contact centre repeat a few
//! company and operator names. The values depend only on the call's
//! language (its phrase book's analyzer) and those names, so they are
//! built once per distinct key and shared; the cache holds at most
//! [`CAPACITY`] keys (a stream of distinct client names only refills it).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use callqa_model::Lang;
use callqa_text::Slots;

/// Keys kept before the cache is emptied and starts again.
pub(crate) const CAPACITY: usize = 256;

/// Everything a call's placeholder values are built from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct SlotKey {
    /// The call's language: its phrase book's analyzer.
    pub lang: Lang,
    /// The company names, the call's first (empty: `{company}` is unknown).
    pub companies: Vec<String>,
    /// The operator's name (`None`: `{operator_name}` matches any word).
    pub operator: Option<String>,
    /// The client's name (`None`: `{client_name}` is unknown).
    pub client: Option<String>,
}

/// Built placeholder values by key; a clone of the standard starts empty.
#[derive(Default)]
pub(crate) struct SlotCache {
    map: Mutex<HashMap<SlotKey, Arc<Slots>>>,
    /// Values built (misses).
    built: std::sync::atomic::AtomicUsize,
}

impl SlotCache {
    /// The values of `key`, built by `build` unless they are cached. The
    /// lock is not held while building, so workers never wait on another
    /// one's build (two may build the same key once; both are equal).
    pub fn get(&self, key: &SlotKey, build: impl FnOnce() -> Slots) -> Arc<Slots> {
        if let Some(hit) = self.lock().get(key) {
            return Arc::clone(hit);
        }
        let slots = Arc::new(build());
        self.built
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut map = self.lock();
        if map.len() >= CAPACITY {
            map.clear();
        }
        map.insert(key.clone(), Arc::clone(&slots));
        slots
    }

    /// How many values were built so far.
    #[cfg(test)]
    pub fn built(&self) -> usize {
        self.built.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SlotKey, Arc<Slots>>> {
        // A panic while holding the lock leaves a consistent map.
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Clone for SlotCache {
    fn clone(&self) -> SlotCache {
        SlotCache::default()
    }
}

impl std::fmt::Debug for SlotCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SlotCache")
            .field("keys", &self.lock().len())
            .field(
                "built",
                &self.built.load(std::sync::atomic::Ordering::Relaxed),
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(client: &str) -> SlotKey {
        SlotKey {
            lang: Lang::Ru,
            companies: vec!["Ромашка".into()],
            operator: Some("Анна".into()),
            client: Some(client.into()),
        }
    }

    #[test]
    fn builds_each_key_once() {
        let cache = SlotCache::default();
        for _ in 0..3 {
            cache.get(&key("Иван"), Slots::new);
            cache.get(&key("Пётр"), Slots::new);
        }
        assert_eq!(cache.built(), 2);
    }

    #[test]
    fn stays_bounded() {
        let cache = SlotCache::default();
        for i in 0..CAPACITY * 2 + 1 {
            cache.get(&key(&i.to_string()), Slots::new);
        }
        assert!(cache.lock().len() <= CAPACITY);
        assert_eq!(cache.built(), CAPACITY * 2 + 1);
    }
}
