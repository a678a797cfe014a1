//! The word caches: raw word → (norm, stem, negation, tags, book term).
//!
//! Normalising and stemming a word (and resolving it against a phrase
//! book) costs thousands of instructions, and call-centre speech reuses a
//! vocabulary, so answers are cached at two levels per language:
//!
//! 1. a per-thread map (lock-free, touched once per utterance), cleared
//!    when it reaches [`MAX_WORDS`];
//! 2. behind it, one [`SharedWordCache`] per language for the whole
//!    process, consulted only when the thread's map misses. Every worker
//!    thread — long-lived or spawned per chunk — therefore learns each word
//!    once per process, not once per thread. It is sharded (16 mutexes,
//!    held for one hash probe) and bounded by two generations per shard:
//!    when the young one fills, the old one is dropped and the young one
//!    becomes old; a hit in the old generation moves the word back.
//!
//! Both levels bound memory on adversarial input, and both only ever hold
//! answers computed from the word itself, so no cache state changes a
//! result. `Analyzer` stays a plain `Copy` value that is `Send + Sync`.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use crate::hash::{word_hash, word_tag, FxHashMap};
use crate::names::{skeleton_lead, spelling_lead};
use crate::negation::is_negation;
use crate::normalize::normalize_word;
use crate::slots::name_key;
use crate::stem::stem_into;
use crate::Language;

/// Words cached per thread and language before the cache is cleared.
pub(crate) const MAX_WORDS: usize = 64 * 1024;

/// Words the shared cache of one language holds at most.
pub const SHARED_WORDS: usize = 128 * 1024;

/// What the analyzer knows about one raw word.
#[derive(Clone)]
pub(crate) struct WordInfo {
    /// The raw word, `norm` and `stem` back to back in one allocation
    /// (shared by the thread caches and the shared cache).
    text: Arc<str>,
    raw_len: usize,
    norm_len: usize,
    /// [`word_tag`] of the stem and of the name key (see `slots.rs`).
    pub(crate) tags: (u32, u32),
    pub(crate) negation: bool,
    /// What placeholder values check a token against first.
    pub(crate) leads: Leads,
    /// The uid of the book `term` was resolved for (`0`: none yet).
    pub(crate) book: u64,
    /// What that book says about this word.
    pub(crate) term: Term,
}

/// The first letters of a word's phonetic keys, which placeholder values
/// compare before anything else (`slots.rs`): computed once per word and
/// carried by every token, not once per token and placeholder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Leads {
    /// [`skeleton_lead`] of the normalised word.
    pub(crate) skeleton: Option<char>,
    /// [`spelling_lead`] of the normalised word when it has 4 or more
    /// letters (`None`: shorter).
    pub(crate) spelling: Option<Option<char>>,
}

impl Leads {
    pub(crate) fn of(norm: &str) -> Leads {
        Leads {
            skeleton: skeleton_lead(norm),
            spelling: norm.chars().nth(3).is_some().then(|| spelling_lead(norm)),
        }
    }
}

/// A word as one phrase book sees it; stored per token of an analysis made
/// with [`crate::PhraseBook::analyze`] so matching compares integers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Term {
    /// The vocabulary term, or [`NO_TERM`].
    pub(crate) id: u32,
    /// `id` is a one-edit substitute (fuzzy sets only).
    pub(crate) fuzzy: bool,
    /// Some wildcard of the book matches the word.
    pub(crate) wild: bool,
}

/// The term id of a word that no phrase contains.
pub(crate) const NO_TERM: u32 = u32::MAX;

impl Term {
    pub(crate) const NONE: Term = Term {
        id: NO_TERM,
        fuzzy: false,
        wild: false,
    };
}

impl WordInfo {
    pub(crate) fn compute(lang: Language, raw: &str) -> WordInfo {
        // The raw word, its norm and its stem are written into two
        // per-thread buffers and copied once into the entry's `Arc<str>`:
        // a miss allocates that block only, not two `String`s besides.
        SCRATCH.with(|scratch| {
            let (text, norm) = &mut *scratch.borrow_mut();
            text.clear();
            norm.clear();
            text.push_str(raw);
            normalize_word(raw, norm);
            text.push_str(norm);
            if !norm.is_empty() {
                stem_into(lang, norm, text);
            }
            let stem = &text[raw.len() + norm.len()..];
            WordInfo {
                tags: (word_tag(stem), word_tag(name_key(lang, norm))),
                leads: Leads::of(norm),
                negation: is_negation(lang, norm),
                text: Arc::from(text.as_str()),
                raw_len: raw.len(),
                norm_len: norm.len(),
                book: 0,
                term: Term::NONE,
            }
        })
    }

    fn raw(&self) -> &str {
        &self.text[..self.raw_len]
    }

    pub(crate) fn norm(&self) -> &str {
        &self.text[self.raw_len..self.raw_len + self.norm_len]
    }

    pub(crate) fn stem(&self) -> &str {
        &self.text[self.raw_len + self.norm_len..]
    }

    /// `norm` and `stem` back to back, as an analysis stores them: one copy
    /// per token instead of two.
    pub(crate) fn norm_stem(&self) -> &str {
        &self.text[self.raw_len..]
    }
}

/// Keyed by the 64-bit hash of the raw word, so a probe compares integers
/// and touches one heap block (the entry's `text`, which starts with the
/// raw word to confirm the hit). A word whose hash collides with a cached
/// different word is computed afresh every time, never confused with it.
type Cache = FxHashMap<u64, WordInfo>;

thread_local! {
    static CACHES: RefCell<[Cache; 3]> = RefCell::new(Default::default());
    /// [`WordInfo::compute`]'s buffers: raw + norm + stem, and the norm.
    static SCRATCH: RefCell<(String, String)> = RefCell::new(Default::default());
}

/// Runs `f` with the cache of `lang` for this thread.
///
/// Use [`lookup`] inside `f` for every word of an utterance so the
/// thread-local is touched once per utterance.
pub(crate) fn with_cache<R>(lang: Language, f: impl FnOnce(&mut WordCache<'_>) -> R) -> R {
    CACHES.with(|caches| {
        let mut caches = caches.borrow_mut();
        let mut cache = WordCache {
            lang,
            map: &mut caches[lang.index()],
            shared: SharedWordCache::global(lang),
        };
        f(&mut cache)
    })
}

/// The cache of one language, borrowed for one utterance.
pub(crate) struct WordCache<'a> {
    lang: Language,
    map: &'a mut Cache,
    shared: &'static SharedWordCache,
}

impl WordCache<'_> {
    /// Calls `f` with the info for `raw`, from this thread's map, else the
    /// shared cache, else computed; `f` may record the word's term in a
    /// book, which is kept at both levels.
    pub(crate) fn lookup<R>(&mut self, raw: &str, f: impl FnOnce(&mut WordInfo) -> R) -> R {
        let hash = word_hash(raw);
        match self.map.get_mut(&hash) {
            Some(info) if info.raw() == raw => return f(info),
            Some(_) => return f(&mut WordInfo::compute(self.lang, raw)),
            None => {}
        }
        if self.map.len() >= MAX_WORDS {
            self.map.clear();
        }
        let (mut info, known) = match self.shared.get(hash, raw) {
            Some(info) => (info, true),
            None => (WordInfo::compute(self.lang, raw), false),
        };
        let before = (info.book, info.term);
        let result = f(&mut info);
        if !known || before != (info.book, info.term) {
            self.shared.put(hash, &info);
        }
        self.map.insert(hash, info);
        result
    }
}

const SHARDS: usize = 16;

/// The process-wide word cache of one language, behind every thread's own.
///
/// Threads use it on their own: any thread that analyses text looks a word
/// up here after missing its thread-local map, and adds what it computed.
/// A batch runner needs no set-up to share the vocabulary between workers;
/// [`SharedWordCache::stats`] tells how well it works (a *miss* here is a
/// word computed from scratch).
///
/// # Examples
///
/// ```
/// use callqa_text::{Analyzer, Language, SharedWordCache};
///
/// let cache = SharedWordCache::global(Language::En);
/// let before = cache.stats();
/// let text = "zyxwvut qponmlk";
/// std::thread::spawn(move || Analyzer::new(Language::En).analyze(text)).join().unwrap();
/// std::thread::spawn(move || Analyzer::new(Language::En).analyze(text)).join().unwrap();
/// let after = cache.stats();
/// // The second thread found both words the first one computed.
/// assert!(after.hits >= before.hits + 2);
/// ```
pub struct SharedWordCache {
    shards: Vec<Mutex<Shard>>,
    /// Words a shard's young generation holds before it becomes the old one.
    generation: usize,
    hits: AtomicU64,
    misses: AtomicU64,
}

#[derive(Default)]
struct Shard {
    young: Cache,
    old: Cache,
}

/// Counters of a [`SharedWordCache`] since the process started.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Lookups (after a thread's own map missed) answered by the cache.
    pub hits: u64,
    /// Lookups not answered: the word was normalised and stemmed afresh.
    pub misses: u64,
    /// Words held now.
    pub words: usize,
}

impl SharedWordCache {
    /// The cache of `lang` shared by all threads of the process
    /// ([`SHARED_WORDS`] words at most).
    pub fn global(lang: Language) -> &'static SharedWordCache {
        static GLOBAL: [OnceLock<SharedWordCache>; 3] =
            [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        GLOBAL[lang.index()].get_or_init(|| SharedWordCache::new(SHARED_WORDS))
    }

    /// An empty cache of at most `capacity` words (at least one per shard).
    pub(crate) fn new(capacity: usize) -> SharedWordCache {
        SharedWordCache {
            shards: (0..SHARDS).map(|_| Mutex::new(Shard::default())).collect(),
            generation: (capacity / SHARDS / 2).max(1),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// Hits, misses and size.
    pub fn stats(&self) -> CacheStats {
        let words = (0..SHARDS)
            .map(|i| {
                let shard = self.shard(i);
                shard.young.len() + shard.old.len()
            })
            .sum();
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            words,
        }
    }

    /// Forgets every word (threads keep their own maps).
    pub fn clear(&self) {
        for i in 0..SHARDS {
            *self.shard(i) = Shard::default();
        }
    }

    fn shard(&self, i: usize) -> std::sync::MutexGuard<'_, Shard> {
        // A panic elsewhere cannot leave a shard half-updated in a way that
        // matters: every entry is a complete answer for its word.
        self.shards[i]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn shard_of(hash: u64) -> usize {
        (hash >> 40) as usize % SHARDS
    }

    /// The cached info for `raw` (whose [`word_hash`] is `hash`).
    pub(crate) fn get(&self, hash: u64, raw: &str) -> Option<WordInfo> {
        let found = {
            let mut shard = self.shard(Self::shard_of(hash));
            match shard.young.get(&hash) {
                Some(info) => (info.raw() == raw).then(|| info.clone()),
                None => match shard.old.remove(&hash) {
                    Some(info) if info.raw() == raw => {
                        let copy = info.clone();
                        shard.insert(hash, info, self.generation);
                        Some(copy)
                    }
                    Some(other) => {
                        shard.old.insert(hash, other);
                        None
                    }
                    None => None,
                },
            }
        };
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    /// Stores `info` for its word (replacing what the slot held).
    pub(crate) fn put(&self, hash: u64, info: &WordInfo) {
        let generation = self.generation;
        self.shard(Self::shard_of(hash))
            .insert(hash, info.clone(), generation);
    }
}

impl Shard {
    fn insert(&mut self, hash: u64, info: WordInfo, generation: usize) {
        if self.young.len() >= generation && !self.young.contains_key(&hash) {
            self.old = std::mem::take(&mut self.young);
        }
        self.old.remove(&hash);
        self.young.insert(hash, info);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(word: &str) -> WordInfo {
        WordInfo::compute(Language::Ru, word)
    }

    #[test]
    fn every_token_carries_the_leads_of_its_word() {
        for (lang, text) in [
            (Language::Ru, "Ёлка Ивана Петровича и Olga Connor, ок"),
            (Language::En, "this is Conor from Romashka, ok"),
            (Language::Hy, "Լիլիթը Անի Romashka"),
        ] {
            let analyzed = crate::Analyzer::new(lang).analyze(text);
            assert!(analyzed.len() >= 3, "{text}");
            for (i, token) in analyzed.tokens.iter().enumerate() {
                let norm = analyzed.norm(i);
                assert_eq!(token.leads.skeleton, skeleton_lead(norm), "{norm}");
                let long = norm.chars().count() >= 4;
                assert_eq!(token.leads.spelling.is_some(), long, "{norm}");
                if long {
                    assert_eq!(token.leads.spelling, Some(spelling_lead(norm)), "{norm}");
                }
            }
            assert!(analyzed.tokens.iter().any(|t| t.leads.spelling.is_none()));
            assert!(analyzed.tokens.iter().any(|t| t.leads.spelling.is_some()));
        }
    }

    #[test]
    fn shared_cache_answers_and_stays_bounded() {
        let cache = SharedWordCache::new(SHARDS * 4);
        let words: Vec<String> = (0..1000).map(|i| format!("слово{i}")).collect();
        for w in &words {
            let h = word_hash(w);
            assert!(cache.get(h, w).is_none());
            cache.put(h, &info(w));
            let got = cache.get(h, w).expect("just stored");
            assert_eq!((got.norm(), got.stem()), (info(w).norm(), info(w).stem()));
            assert!(cache.stats().words <= SHARDS * 4, "{}", cache.stats().words);
        }
        let stats = cache.stats();
        assert_eq!((stats.hits, stats.misses), (1000, 1000));
        // The last words are still there; the first ones were dropped.
        let last = &words[999];
        assert!(cache.get(word_hash(last), last).is_some());
        assert!(cache.get(word_hash(&words[0]), &words[0]).is_none());
        cache.clear();
        assert_eq!(cache.stats().words, 0);
    }

    #[test]
    fn a_colliding_slot_never_answers_for_another_word() {
        let cache = SharedWordCache::new(64);
        cache.put(7, &info("договор"));
        assert!(cache.get(7, "тариф").is_none());
        assert_eq!(cache.get(7, "договор").unwrap().norm(), "договор");
    }

    #[test]
    fn threads_share_what_they_computed() {
        const _: fn() = || {
            fn send_sync<T: Send + Sync>() {}
            send_sync::<SharedWordCache>();
        };
        let word = "неповторимоеслово";
        let shared = SharedWordCache::global(Language::Ru);
        let first = std::thread::spawn(move || {
            with_cache(Language::Ru, |c| c.lookup(word, |i| i.stem().to_string()))
        })
        .join()
        .unwrap();
        let before = shared.stats();
        // A fresh thread has an empty map of its own: the shared cache answers.
        let second = std::thread::spawn(move || {
            with_cache(Language::Ru, |c| c.lookup(word, |i| i.stem().to_string()))
        })
        .join()
        .unwrap();
        assert_eq!(first, second);
        assert!(shared.stats().hits > before.hits);
        assert!(shared.get(word_hash(word), word).is_some());
    }
}
