//! The per-thread word cache: raw word → (norm, stem, negation).
//!
//! Stemming dominates the cost of analysis, and call-centre speech reuses a
//! small vocabulary, so every thread keeps a bounded map per language. It is
//! lock-free (thread-local) and keeps `Analyzer` a plain `Copy`-like value
//! that is `Send + Sync`. The map is cleared when it reaches
//! [`MAX_WORDS`]; that bounds memory on adversarial input.

use std::cell::RefCell;

use crate::hash::FxHashMap;
use crate::negation::is_negation;
use crate::normalize::normalize_word;
use crate::stem::stem_into;
use crate::Language;

/// Words cached per thread and language before the cache is cleared.
pub(crate) const MAX_WORDS: usize = 64 * 1024;

/// What the analyzer knows about one raw word.
pub(crate) struct WordInfo {
    /// `norm` followed by `stem` in one allocation.
    text: Box<str>,
    norm_len: usize,
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
        let mut text = String::with_capacity(raw.len() * 2);
        normalize_word(raw, &mut text);
        let norm_len = text.len();
        if norm_len > 0 {
            let norm = text.clone();
            stem_into(lang, &norm, &mut text);
        }
        let negation = is_negation(lang, &text[..norm_len]);
        WordInfo {
            text: text.into_boxed_str(),
            norm_len,
            negation,
            book: 0,
            term: Term::NONE,
        }
    }

    pub(crate) fn norm(&self) -> &str {
        &self.text[..self.norm_len]
    }

    pub(crate) fn stem(&self) -> &str {
        &self.text[self.norm_len..]
    }
}

type Cache = FxHashMap<Box<str>, WordInfo>;

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
        if let Some(info) = self.map.get_mut(raw) {
            return f(info);
        }
        if self.map.len() >= MAX_WORDS {
            self.map.clear();
        }
        let mut info = WordInfo::compute(self.lang, raw);
        let result = f(&mut info);
        self.map.insert(raw.into(), info);
        result
    }
}
