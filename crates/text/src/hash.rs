//! A small, fast, non-cryptographic hasher (FxHash) for the word caches.
//!
//! Owns only hashing; keys are short words chosen by the program, not an
//! attacker-controlled flood, and the caches are bounded.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The FxHash function used by rustc.
#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, mut bytes: &[u8]) {
        while bytes.len() >= 8 {
            let (head, rest) = bytes.split_at(8);
            let mut word = [0u8; 8];
            word.copy_from_slice(head);
            self.add(u64::from_le_bytes(word));
            bytes = rest;
        }
        if bytes.len() >= 4 {
            let (head, rest) = bytes.split_at(4);
            let mut word = [0u8; 4];
            word.copy_from_slice(head);
            self.add(u64::from(u32::from_le_bytes(word)));
            bytes = rest;
        }
        for &b in bytes {
            self.add(u64::from(b));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits weak, and the table picks buckets
        // by them: bring the well-mixed high bits down (as rustc-hash 2 does).
        self.hash.rotate_left(26)
    }
}

pub(crate) type FxBuildHasher = BuildHasherDefault<FxHasher>;
pub(crate) type FxHashMap<K, V> = HashMap<K, V, FxBuildHasher>;

/// A 32-bit hash of a short string, to reject unequal words by one integer
/// comparison before comparing the strings.
pub(crate) fn word_tag(word: &str) -> u32 {
    let mut hasher = FxHasher::default();
    hasher.write_usize(word.len());
    hasher.write(word.as_bytes());
    (hasher.finish() >> 32) as u32
}
