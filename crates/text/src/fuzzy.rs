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
//!
//! The index is keyed by 64-bit polynomial hashes of the variants, not by
//! the variants: a query computes the prefix and suffix hashes of the word
//! once and gets the hash of each deletion in O(1), so a miss costs a few
//! hash probes and allocates nothing. Equal strings have equal keys, and
//! every candidate is verified on its characters, so a hash collision can
//! only cost a comparison, never a wrong answer.

use std::cell::RefCell;

use crate::cache::Term;
use crate::hash::FxHashMap;

/// Words up to this many characters are hashed from a stack buffer; longer
/// ones (never real words) take a heap buffer.
const STACK_CHARS: usize = 48;

/// Index of vocabulary terms that may be matched with one edit.
#[derive(Clone, Debug, Default)]
pub(crate) struct FuzzyIndex {
    /// Hash of a word or one-deletion variant ([`Variants`]) → term slots.
    keys: FxHashMap<u64, Vec<u32>>,
    /// Term slot → (norm, stem) of the term as chars.
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
            Variants::new(chars).for_each(|key| {
                let slots = self.keys.entry(key).or_default();
                if !slots.contains(&slot) {
                    slots.push(slot);
                }
                false
            });
        }
        self.terms.push((norm_chars, stem_chars));
        self.ids.push(id);
    }

    /// The id of a term within one edit of the word `norm` (or its `stem`).
    pub(crate) fn query(&self, norm: &str, stem: &str) -> Option<u32> {
        let mut norm_buf = [' '; STACK_CHARS];
        let mut stem_buf = [' '; STACK_CHARS];
        let mut heap = Vec::new();
        let norm_chars = chars_of(norm, &mut norm_buf, &mut heap);
        let mut heap = Vec::new();
        let stem_chars = chars_of(stem, &mut stem_buf, &mut heap);
        for (side, chars) in [(0, norm_chars), (1, stem_chars)] {
            let mut found = None;
            Variants::new(chars).for_each(|key| {
                let Some(slots) = self.keys.get(&key) else {
                    return false;
                };
                for &slot in slots {
                    let (term_norm, term_stem) = &self.terms[slot as usize];
                    let term = if side == 0 { term_norm } else { term_stem };
                    if within_one_edit(chars, term) {
                        found = Some(self.ids[slot as usize]);
                        return true;
                    }
                }
                false
            });
            if found.is_some() {
                return found;
            }
        }
        None
    }
}

/// The characters of `word`, in `buf` when they fit, else in `heap`.
fn chars_of<'a>(
    word: &str,
    buf: &'a mut [char; STACK_CHARS],
    heap: &'a mut Vec<char>,
) -> &'a [char] {
    let mut n = 0;
    for c in word.chars() {
        if n == STACK_CHARS {
            heap.extend(word.chars());
            return heap;
        }
        buf[n] = c;
        n += 1;
    }
    &buf[..n]
}

/// The odd multiplier of the polynomial hash.
const BASE: u64 = 0x9E37_79B9_7F4A_7C15;

/// Hashes of a word and of each of its one-character deletions.
///
/// The polynomial hash `H(s) = Σ s[j]·BASEⁿ⁻¹⁻ʲ (mod 2⁶⁴)` of the word with
/// character `i` deleted is `H(s[..i])·BASEⁿ⁻¹⁻ⁱ + H(s[i+1..])`, so one pass
/// over the word gives every variant. Keys are finalised with the length
/// and a mixer so the table's buckets spread.
struct Variants<'a> {
    chars: &'a [char],
}

impl<'a> Variants<'a> {
    fn new(chars: &'a [char]) -> Variants<'a> {
        Variants { chars }
    }

    /// Calls `f` with the key of the word, then of each deletion, until `f`
    /// returns `true`. A repeated letter gives the same deletion twice.
    fn for_each(&self, mut f: impl FnMut(u64) -> bool) {
        let chars = self.chars;
        let n = chars.len();
        // suffix[i] = H(chars[i..]); built right to left, with BASE^(n-1-i).
        let mut suffix_buf = [0u64; STACK_CHARS + 1];
        let mut suffix_heap = Vec::new();
        let suffix: &mut [u64] = if n < STACK_CHARS {
            &mut suffix_buf[..=n]
        } else {
            suffix_heap.resize(n + 1, 0);
            &mut suffix_heap
        };
        let mut power = 1u64;
        for i in (0..n).rev() {
            suffix[i] =
                suffix[i + 1].wrapping_add(u64::from(chars[i]).wrapping_add(1).wrapping_mul(power));
            power = power.wrapping_mul(BASE);
        }
        if f(finish(suffix[0], n)) {
            return;
        }
        // power = BASE^(n-1-i) for deletion i, so start at BASE^(n-1).
        let mut powers = 1u64;
        for _ in 1..n {
            powers = powers.wrapping_mul(BASE);
        }
        let inverse = inverse(BASE);
        let mut prefix = 0u64;
        for i in 0..n {
            let key = prefix.wrapping_mul(powers).wrapping_add(suffix[i + 1]);
            if f(finish(key, n - 1)) {
                return;
            }
            prefix = prefix
                .wrapping_mul(BASE)
                .wrapping_add(u64::from(chars[i]).wrapping_add(1));
            powers = powers.wrapping_mul(inverse);
        }
    }
}

/// The multiplicative inverse of an odd `x` modulo 2⁶⁴ (Newton's method).
const fn inverse(x: u64) -> u64 {
    let mut y = x;
    let mut i = 0;
    while i < 6 {
        y = y.wrapping_mul(2u64.wrapping_sub(x.wrapping_mul(y)));
        i += 1;
    }
    y
}

/// Mixes the length into a polynomial hash and spreads its bits.
#[inline]
fn finish(hash: u64, len: usize) -> u64 {
    let mut h = hash ^ (len as u64).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

/// Whether `a` and `b` differ by at most one insertion, deletion,
/// substitution or transposition of adjacent characters.
pub(crate) fn within_one_edit(a: &[char], b: &[char]) -> bool {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match b.len() - a.len() {
        0 => {
            let Some(i) = (0..a.len()).find(|&i| a[i] != b[i]) else {
                return true;
            };
            // One substitution at i, or a transposition of i and i + 1.
            a[i + 1..] == b[i + 1..]
                || (i + 1 < a.len()
                    && a[i] == b[i + 1]
                    && a[i + 1] == b[i]
                    && a[i + 2..] == b[i + 2..])
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

    /// The key of the whole word, as the index stores it.
    fn key(chars: &[char]) -> u64 {
        let mut first = 0;
        Variants::new(chars).for_each(|k| {
            first = k;
            true
        });
        first
    }

    #[test]
    fn deletion_keys_are_the_keys_of_the_deleted_words() {
        for word in ["компания", "ab", "a", "", "ааб", "ինչով", "здравствуйте"]
        {
            let chars = chars(word);
            let mut keys = Vec::new();
            Variants::new(&chars).for_each(|k| {
                keys.push(k);
                false
            });
            assert_eq!(keys.len(), chars.len() + 1, "{word}");
            assert_eq!(keys[0], key(&chars), "{word}");
            for skip in 0..chars.len() {
                let mut deleted = chars.clone();
                deleted.remove(skip);
                assert_eq!(keys[skip + 1], key(&deleted), "{word} without {skip}");
            }
        }
        assert_ne!(key(&chars("ab")), key(&chars("ba")));
        assert_ne!(key(&chars("a")), key(&chars("")));
        let long: Vec<char> = "ы".repeat(STACK_CHARS + 5).chars().collect();
        let mut shorter = long.clone();
        shorter.pop();
        let mut n = 0;
        Variants::new(&long).for_each(|k| {
            n += 1;
            assert!(n == 1 || k == key(&shorter));
            false
        });
    }

    #[test]
    fn one_edit_agrees_with_the_definition() {
        // Every one-edit variant of a word is within one edit; two edits never.
        let word = chars("договор");
        let letters = chars("одвгрх");
        for i in 0..word.len() {
            for &c in &letters {
                let mut sub = word.clone();
                sub[i] = c;
                assert!(within_one_edit(&word, &sub));
                let mut ins = word.clone();
                ins.insert(i, c);
                assert!(within_one_edit(&word, &ins) && within_one_edit(&ins, &word));
            }
            let mut del = word.clone();
            del.remove(i);
            assert!(within_one_edit(&word, &del));
            if i + 1 < word.len() {
                let mut swap = word.clone();
                swap.swap(i, i + 1);
                assert!(within_one_edit(&word, &swap));
            }
        }
        assert!(!within_one_edit(&chars("договор"), &chars("дагавор")));
        assert!(!within_one_edit(&chars("договор"), &chars("дговоро")));
    }

    #[test]
    fn index_finds_neighbours() {
        let mut index = FuzzyIndex::default();
        index.insert(7, "компания", "компан");
        index.insert(9, "здравствуйте", "здравств");
        assert_eq!(index.query("кампания", "кампан"), Some(7));
        assert_eq!(index.query("здраствуйте", "здраств"), Some(9));
        assert_eq!(index.query("магазин", "магазин"), None);
        let long = "я".repeat(60);
        assert_eq!(index.query(&long, &long), None);
        let mut index = FuzzyIndex::default();
        index.insert(3, &long, &long);
        assert_eq!(index.query(&"я".repeat(59), &"я".repeat(59)), Some(3));
    }
}
