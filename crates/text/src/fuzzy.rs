//! One-edit tolerance for long words («кампания» for «компания»).
//!
//! Owns [`FuzzyIndex`], a deletion-neighbourhood index (SymSpell style) of the
//! phrase vocabulary of fuzzy sets, and a per-thread cache of word answers
//! for texts analysed without the book.
//! A query generates the word and its one-character deletions and looks each
//! up, then verifies candidates with an optimal-string-alignment distance of
//! at most 1; there is no scan over the vocabulary. Both the normalised form
//! and the stem are indexed, so a typo that changes how the stemmer strips a
//! suffix still matches by the whole word.

use std::cell::RefCell;

use crate::cache::Term;
use crate::hash::FxHashMap;

/// Index of vocabulary terms that may be matched with one edit.
#[derive(Clone, Debug, Default)]
pub(crate) struct FuzzyIndex {
    /// Word or one-deletion variant → term ids.
    keys: FxHashMap<Box<str>, Vec<u32>>,
    /// Term id → (norm, stem) of the term as chars.
    terms: Vec<(Vec<char>, Vec<char>)>,
    /// Term slot → the caller's id.
    ids: Vec<u32>,
}

impl FuzzyIndex {
    pub(crate) fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Adds a term with id `id` (its stem's id in the vocabulary).
    pub(crate) fn insert(&mut self, id: u32, norm: &str, stem: &str) {
        let slot = self.terms.len() as u32;
        let norm_chars: Vec<char> = norm.chars().collect();
        let stem_chars: Vec<char> = stem.chars().collect();
        for chars in [&norm_chars, &stem_chars] {
            for key in neighbourhood(chars) {
                let ids = self.keys.entry(key.into()).or_default();
                if !ids.contains(&slot) {
                    ids.push(slot);
                }
            }
        }
        self.terms.push((norm_chars, stem_chars));
        self.ids.push(id);
    }

    /// The id of a term within one edit of the word `norm` (or its `stem`).
    pub(crate) fn query(&self, norm: &str, stem: &str) -> Option<u32> {
        let norm_chars: Vec<char> = norm.chars().collect();
        let stem_chars: Vec<char> = stem.chars().collect();
        for (side, chars) in [(0, &norm_chars), (1, &stem_chars)] {
            for key in neighbourhood(chars) {
                let Some(slots) = self.keys.get(key.as_str()) else {
                    continue;
                };
                for &slot in slots {
                    let (term_norm, term_stem) = &self.terms[slot as usize];
                    let term = if side == 0 { term_norm } else { term_stem };
                    if within_one_edit(chars, term) {
                        return Some(self.ids[slot as usize]);
                    }
                }
            }
        }
        None
    }
}

/// The word itself and every variant with one character deleted.
fn neighbourhood(chars: &[char]) -> Vec<String> {
    let mut out = Vec::with_capacity(chars.len() + 1);
    out.push(chars.iter().collect());
    for skip in 0..chars.len() {
        let variant: String = chars
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != skip)
            .map(|(_, c)| c)
            .collect();
        if !out.contains(&variant) {
            out.push(variant);
        }
    }
    out
}

/// Whether `a` and `b` differ by at most one insertion, deletion,
/// substitution or transposition of adjacent characters.
pub(crate) fn within_one_edit(a: &[char], b: &[char]) -> bool {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match b.len() - a.len() {
        0 => {
            let diffs: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            match diffs.as_slice() {
                [] | [_] => true,
                [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
                _ => false,
            }
        }
        1 => {
            let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
            a[prefix..] == b[prefix + 1..]
        }
        _ => false,
    }
}

/// Books cached per thread before the oldest is dropped.
const MAX_BOOKS: usize = 4;
/// Words cached per thread and book before that book's cache is cleared.
const MAX_WORDS: usize = 32 * 1024;

thread_local! {
    static CACHE: RefCell<Vec<BookCache>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with this thread's cache of fuzzy answers for the book `book_uid`.
///
/// The thread-local is touched once per utterance; `f` calls
/// [`BookCache::get_or_insert_with`] per word.
pub(crate) fn with_book_cache<R>(book_uid: u64, f: impl FnOnce(&mut BookCache) -> R) -> R {
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let pos = match cache.iter().position(|book| book.uid == book_uid) {
            Some(pos) => pos,
            None => {
                if cache.len() >= MAX_BOOKS {
                    cache.remove(0);
                }
                cache.push(BookCache {
                    uid: book_uid,
                    map: FxHashMap::default(),
                });
                cache.len() - 1
            }
        };
        f(&mut cache[pos])
    })
}

/// Cached answers of one book for texts not analysed with it: normalised
/// word → its [`Term`] (the fuzzy query is the costly part).
pub(crate) struct BookCache {
    uid: u64,
    map: FxHashMap<Box<str>, Term>,
}

impl BookCache {
    /// The cached answer for `norm`, computed by `compute` on a miss.
    pub(crate) fn get_or_insert_with(
        &mut self,
        norm: &str,
        compute: impl FnOnce() -> Term,
    ) -> Term {
        if let Some(&hit) = self.map.get(norm) {
            return hit;
        }
        if self.map.len() >= MAX_WORDS {
            self.map.clear();
        }
        let hit = compute();
        self.map.insert(norm.into(), hit);
        hit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn one_edit() {
        let cases = [
            ("компания", "кампания", true),
            ("компания", "компания", true),
            ("компания", "компаня", true),
            ("компания", "компанния", true),
            ("компания", "копманя", false),
            ("компания", "комапния", true),
            ("компания", "кампаня", false),
            ("abc", "abcde", false),
        ];
        for (a, b, expected) in cases {
            assert_eq!(within_one_edit(&chars(a), &chars(b)), expected, "{a} {b}");
        }
    }

    #[test]
    fn index_finds_neighbours() {
        let mut index = FuzzyIndex::default();
        index.insert(7, "компания", "компан");
        index.insert(9, "здравствуйте", "здравств");
        assert_eq!(index.query("кампания", "кампан"), Some(7));
        assert_eq!(index.query("здраствуйте", "здраств"), Some(9));
        assert_eq!(index.query("магазин", "магазин"), None);
    }
}
