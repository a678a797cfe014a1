//! Hashing for the word caches and the phrase vocabulary: FxHash from
//! `rustc-hash` (the hasher rustc uses), plus the two word digests the hot
//! path compares.
//!
//! Owns only hashing; keys are short words chosen by the program, not an
//! attacker-controlled flood, and the caches are bounded.

use std::hash::Hasher;

pub(crate) use rustc_hash::{FxHashMap, FxHasher};

/// The 64-bit hash of a word that keys the word caches (its length mixed
/// in, so a prefix never collides with the word by construction).
#[inline]
pub(crate) fn word_hash(word: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write_usize(word.len());
    hasher.write(word.as_bytes());
    hasher.finish()
}

/// A 32-bit hash of a short string, to reject unequal words by one integer
/// comparison before comparing the strings.
#[inline]
pub(crate) fn word_tag(word: &str) -> u32 {
    (word_hash(word) >> 32) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_words_equal_digests_unequal_mostly_not() {
        assert_eq!(word_hash("договор"), word_hash(&String::from("договор")));
        let words = ["договор", "договора", "договоры", "a", "b", "ab", "ba", ""];
        let tags: std::collections::HashSet<u32> = words.iter().map(|w| word_tag(w)).collect();
        assert_eq!(tags.len(), words.len());
    }
}
