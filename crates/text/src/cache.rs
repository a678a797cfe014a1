//! The per-thread word cache: raw word → (norm, stem, negation).
//!
//! Stemming dominates the cost of analysis, and call-centre speech reuses a
//! small vocabulary, so every thread keeps a bounded map per language. It is
//! lock-free (thread-local) and keeps `Analyzer` a plain `Copy`-like value
//! that is `Send + Sync`. The map is cleared when it reaches
//! [`MAX_WORDS`]; that bounds memory on adversarial input.

use std::cell::RefCell;

use crate::hash::{word_hash, word_tag, FxHashMap};
use crate::negation::is_negation;
use crate::normalize::normalize_word;
use crate::slots::name_key;
use crate::stem::stem_into;
use crate::Language;

/// Words cached per thread and language before the cache is cleared.
pub(crate) const MAX_WORDS: usize = 64 * 1024;

/// What the analyzer knows about one raw word.
pub(crate) struct WordInfo {
    /// The raw word, `norm` and `stem` back to back in one allocation.
    text: Box<str>,
    raw_len: usize,
    norm_len: usize,
    /// [`word_tag`] of the stem and of the name key (see `slots.rs`).
    pub(crate) tags: (u32, u32),
    pub(crate) negation: bool,
    /// The uid of the book `term` was resolved for (`0`: none yet).
    pub(crate) book: u64,
    /// What that book says about this word.
    pub(crate) term: Term,
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
        let mut text = String::with_capacity(raw.len() * 3);
        text.push_str(raw);
        let mut norm = String::with_capacity(raw.len());
        normalize_word(raw, &mut norm);
        text.push_str(&norm);
        if !norm.is_empty() {
            stem_into(lang, &norm, &mut text);
        }
        let negation = is_negation(lang, &norm);
        let stem = &text[raw.len() + norm.len()..];
        let tags = (word_tag(stem), word_tag(name_key(lang, &norm)));
        WordInfo {
            tags,
            text: text.into_boxed_str(),
            raw_len: raw.len(),
            norm_len: norm.len(),
            negation,
            book: 0,
            term: Term::NONE,
        }
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
}

/// Keyed by the 64-bit hash of the raw word, so a probe compares integers
/// and touches one heap block (the entry's `text`, which starts with the
/// raw word to confirm the hit). A word whose hash collides with a cached
/// different word is computed afresh every time, never confused with it.
type Cache = FxHashMap<u64, WordInfo>;

thread_local! {
    static CACHES: RefCell<[Cache; 3]> = RefCell::new(Default::default());
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
        };
        f(&mut cache)
    })
}

/// The cache of one language, borrowed for one utterance.
pub(crate) struct WordCache<'a> {
    lang: Language,
    map: &'a mut Cache,
}

impl WordCache<'_> {
    /// Calls `f` with the info for `raw`, computing and caching it on a miss.
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
        let mut info = WordInfo::compute(self.lang, raw);
        let result = f(&mut info);
        self.map.insert(hash, info);
        result
    }
}
