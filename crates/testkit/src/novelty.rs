//! Measuring how new a corpus's words are.
//!
//! Owns [`Novelty`]: fed utterances in order, it counts those with at least
//! one word (tokenised and lower-cased as callqa does) not seen in any
//! earlier utterance. That is the share of utterances on which a word
//! cache misses at least once, the figure `callqa bench` prints.

use rustc_hash::FxHashSet;

/// Counts utterances that bring a word not seen before.
#[derive(Debug, Default)]
pub struct Novelty {
    seen: FxHashSet<Box<str>>,
    utterances: usize,
    novel_utterances: usize,
}

impl Novelty {
    /// A counter that has seen nothing.
    pub fn new() -> Novelty {
        Novelty::default()
    }

    /// Records one utterance; `true` when it has a new word.
    pub fn add(&mut self, text: &str) -> bool {
        self.utterances += 1;
        let mut novel = false;
        for (start, end) in callqa_text::tokenize(text) {
            let word = text[start..end].to_lowercase();
            if !self.seen.contains(word.as_str()) {
                self.seen.insert(word.into_boxed_str());
                novel = true;
            }
        }
        self.novel_utterances += usize::from(novel);
        novel
    }

    /// Utterances recorded.
    pub fn utterances(&self) -> usize {
        self.utterances
    }

    /// Utterances that had a word not seen before.
    pub fn novel_utterances(&self) -> usize {
        self.novel_utterances
    }

    /// Distinct words seen.
    pub fn distinct_words(&self) -> usize {
        self.seen.len()
    }

    /// `novel_utterances / utterances` (0 when empty).
    pub fn rate(&self) -> f64 {
        if self.utterances == 0 {
            0.0
        } else {
            self.novel_utterances as f64 / self.utterances as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_utterances_with_new_words() {
        let mut n = Novelty::new();
        assert!(n.add("Добрый день"));
        assert!(!n.add("добрый ДЕНЬ!"));
        assert!(n.add("добрый вечер"));
        assert_eq!((n.utterances(), n.novel_utterances()), (3, 2));
        assert_eq!(n.distinct_words(), 3);
    }
}
