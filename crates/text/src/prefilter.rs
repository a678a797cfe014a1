//! Skipping pattern entries whose words are not in the utterance.
//!
//! Owns [`required_terms`] (per pattern: for each item that must match, the
//! terms one of which must be in the text) and [`Scratch`], the per-thread
//! set of an utterance's terms with a memo per pattern, so that a pattern
//! anchored on a common word («вы», "you") is tried at its starts only when
//! the rest of its words occur at all. Reused across utterances: no
//! allocation per utterance once warm. Term ids are dense (a book's
//! vocabulary), so the set is a stamp per term: one load to test, one store
//! to add, nothing to clear between utterances.

use std::cell::RefCell;

use crate::pattern::{Atom, Item};

/// For each item of `parts` that is not optional and whose alternatives all
/// begin with a word: the terms of those first words. A text without one
/// of them for some item cannot match.
pub(crate) fn required_terms(parts: &[Vec<Item>]) -> Vec<Box<[u32]>> {
    let mut out = Vec::new();
    for item in parts.iter().flatten().filter(|item| !item.optional) {
        let mut terms = Vec::with_capacity(item.alts.len());
        let all_words = item.alts.iter().all(|alt| match alt.first() {
            Some(Atom::Word(term)) | Some(Atom::Exact(term, _)) => {
                terms.push(*term);
                true
            }
            _ => false,
        });
        if all_words && !terms.is_empty() {
            terms.sort_unstable();
            terms.dedup();
            out.push(terms.into_boxed_slice());
        }
    }
    out
}

/// The terms of the current utterance and which patterns can match it.
#[derive(Default)]
pub(crate) struct Scratch {
    /// Per term id: the generation of the last utterance that had it, and
    /// the last token it is at there.
    present: Vec<(u32, u32)>,
    /// Per pattern index: (generation, viable).
    memo: Vec<(u32, bool)>,
    generation: u32,
    /// The book's patterns without a first word that the current utterance
    /// may match, each with the last token it can start at (filled by the
    /// matcher, kept here to reuse its buffer).
    pub(crate) floating: Vec<(u32, u32)>,
}

impl Scratch {
    /// Starts an utterance with these terms, for a book of `patterns`.
    /// Term ids outside `0..vocab` (words no phrase has) are never
    /// required, so they are not recorded.
    pub(crate) fn begin(
        &mut self,
        terms: impl Iterator<Item = u32>,
        vocab: usize,
        patterns: usize,
    ) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.memo.clear();
            self.present.clear();
            self.generation = 1;
        }
        if self.memo.len() < patterns {
            self.memo.resize(patterns, (0, false));
        }
        if self.present.len() < vocab {
            self.present.resize(vocab, (0, 0));
        }
        let generation = self.generation;
        for (pos, term) in terms.enumerate() {
            if let Some(stamp) = self.present.get_mut(term as usize) {
                *stamp = (generation, pos as u32);
            }
        }
    }

    /// The current utterance has `term`.
    #[inline]
    fn has(&self, term: u32) -> bool {
        self.present
            .get(term as usize)
            .is_some_and(|&(stamp, _)| stamp == self.generation)
    }

    /// The last token of the current utterance that a pattern needing
    /// `required` (and viable here) can start at: a match lies at its start
    /// and after, so each required item needs one of its terms there — the
    /// earliest of the items' last occurrences (`u32::MAX` when nothing is
    /// required).
    pub(crate) fn latest_start(&self, required: &[Box<[u32]>]) -> u32 {
        let last = |t: u32| match self.present.get(t as usize) {
            Some(&(stamp, pos)) if stamp == self.generation => Some(pos),
            _ => None,
        };
        required
            .iter()
            .map(|group| group.iter().filter_map(|&t| last(t)).max().unwrap_or(0))
            .min()
            .unwrap_or(u32::MAX)
    }

    /// Whether pattern `index`, needing `required`, can match the utterance.
    #[inline]
    pub(crate) fn viable(&mut self, index: usize, required: &[Box<[u32]>]) -> bool {
        let (generation, viable) = self.memo[index];
        if generation == self.generation {
            return viable;
        }
        let viable = required
            .iter()
            .all(|group| group.iter().any(|&t| self.has(t)));
        self.memo[index] = (self.generation, viable);
        viable
    }
}

thread_local! {
    pub(crate) static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

#[cfg(test)]
mod tests {
    use crate::{Language, PhraseBookBuilder, Slots};

    #[test]
    fn patterns_still_match_and_optional_or_slot_items_are_not_required() {
        let entries: Vec<String> = [
            "(you'll | you will) be (transferred | connected)",
            "[please] hold …2 line",
            "my name is {operator_name}",
        ]
        .iter()
        .map(|e| e.to_string())
        .collect();
        let mut builder = PhraseBookBuilder::new(Language::En, 6);
        builder.add_set("s", &entries, true).unwrap();
        let book = builder.build();
        let mut slots = Slots::new();
        slots.set_name(book.analyzer(), "operator_name", "Anna");
        for (text, n) in [
            ("You'll be transferred now", 1),
            ("you will be connected", 1),
            ("you will be fine", 0),
            ("hold the line", 1),
            ("my name is anna", 1),
            ("my name is", 0),
        ] {
            let found = book.find(&book.analyze(text), &slots);
            assert_eq!(found.len(), n, "{text}");
        }
    }
}
