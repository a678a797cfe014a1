//! Skipping pattern entries whose words are not in the utterance.
//!
//! Owns [`required_terms`] (per pattern: for each item that must match, the
//! terms one of which must be in the text), [`StartIndex`] (where patterns
//! may start, and the words that index them) and [`Scratch`], the
//! per-thread set of an utterance's terms with a memo per pattern.
//!
//! A pattern anchored on its first words is indexed under the terms of its
//! *rarest* required item (the item whose terms the book's patterns need
//! least often), not under its first word: «вы», "you" start hundreds of
//! patterns, and most utterances that have «вы» lack the rest of their
//! words. Per utterance only the patterns indexed under one of its terms
//! are looked at; those whose every required item occurs are tried at each
//! token where one of their first words stands. Reused across utterances:
//! no allocation per utterance once warm. Term ids are dense (a book's
//! vocabulary), so the set is a stamp per term: one load to test, one store
//! to add, nothing to clear between utterances.

use std::cell::RefCell;

use crate::pattern::{first_terms, Atom, Item, Pattern};

/// For each item of `parts` that is not optional and whose alternatives all
/// begin with a word: the terms of those first words. A text without one
/// of them for some item cannot match.
pub(crate) fn required_terms(parts: &[Vec<Item>]) -> Vec<Required> {
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
            out.push(Required {
                bits: TermBits::of_terms(&terms),
                terms: terms.into_boxed_slice(),
            });
        }
    }
    out
}

/// One required item of a pattern: the terms one of which the text must
/// have, and their [`TermBits`] to rule most texts out without walking
/// them.
#[derive(Clone, Debug)]
pub(crate) struct Required {
    pub(crate) bits: TermBits,
    pub(crate) terms: Box<[u32]>,
}

impl std::ops::Deref for Required {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        &self.terms
    }
}

/// A set of term ids by `id % 256`: the terms an item's alternatives can
/// start with, all ids when one starts with a placeholder (or is empty). A
/// token whose term is not in the set starts none of the alternatives.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TermBits([u64; 4]);

impl TermBits {
    /// The first terms of `alts`.
    pub(crate) fn of_starts(alts: &[Vec<Atom>]) -> TermBits {
        let mut bits = [0u64; 4];
        for alt in alts {
            match alt.first() {
                Some(Atom::Word(t)) | Some(Atom::Exact(t, _)) => {
                    bits[(*t as usize / 64) % 4] |= 1 << (t % 64);
                }
                _ => return TermBits([u64::MAX; 4]),
            }
        }
        TermBits(bits)
    }

    /// Exactly the bits of `terms`.
    pub(crate) fn of_terms(terms: &[u32]) -> TermBits {
        let mut bits = TermBits([0; 4]);
        for &t in terms {
            bits.add(t);
        }
        bits
    }

    #[inline]
    fn add(&mut self, term: u32) {
        self.0[(term as usize / 64) % 4] |= 1 << (term % 64);
    }

    /// Whether `term` may be in the set.
    #[inline]
    pub(crate) fn may_have(&self, term: u32) -> bool {
        self.0[(term as usize / 64) % 4] & (1 << (term % 64)) != 0
    }

    /// Whether the two sets may share a term (false: they share none).
    #[inline]
    fn meets(&self, other: &TermBits) -> bool {
        (self.0[0] & other.0[0])
            | (self.0[1] & other.0[1])
            | (self.0[2] & other.0[2])
            | (self.0[3] & other.0[3])
            != 0
    }
}

/// Marks "no further token" in [`Scratch`]'s occurrence chains.
const NONE: u32 = u32::MAX;

/// Where a book's pattern entries may start, and which words index them.
#[derive(Debug, Default)]
pub(crate) struct StartIndex {
    /// Per pattern: the terms a match may start with (sorted, distinct);
    /// empty for floating patterns.
    pub(crate) firsts: Vec<Box<[u32]>>,
    /// Term id → the anchored patterns whose rarest required item has it,
    /// each with the [`TermBits`] of its second rarest item (all bits when
    /// it has none): a pattern whose second item misses the utterance is
    /// passed over right in the loop over the triggers, without a call.
    triggers: Vec<Vec<(u32, TermBits)>>,
    /// Anchored patterns that require no term: looked at in every text.
    untriggered: Vec<u32>,
    /// Patterns that may start with a placeholder: tried at every token.
    pub(crate) floating: Vec<u32>,
}

impl StartIndex {
    /// The index of `patterns` over a vocabulary of `vocab` terms.
    ///
    /// Sorts each pattern's required items rarest first, so that checking
    /// them against an utterance stops at the first one missing.
    pub(crate) fn new(patterns: &mut [Pattern], vocab: usize) -> StartIndex {
        // How many required items of all patterns have each term: a term
        // that many patterns need is a common word.
        let mut needed = vec![0u32; vocab];
        for group in patterns.iter().flat_map(|p| &p.required) {
            for &t in group.iter() {
                needed[t as usize] += 1;
            }
        }
        let rarity =
            |group: &[u32]| -> u64 { group.iter().map(|&t| u64::from(needed[t as usize])).sum() };
        for pattern in patterns.iter_mut() {
            pattern.required.sort_by_key(|group| rarity(group));
        }
        let mut index = StartIndex {
            triggers: vec![Vec::new(); vocab],
            ..StartIndex::default()
        };
        for (i, pattern) in patterns.iter().enumerate() {
            let mut terms = Vec::new();
            let anchored = pattern
                .parts
                .iter()
                .all(|part| first_terms(part, &mut terms));
            if !anchored {
                index.floating.push(i as u32);
                index.firsts.push(Box::default());
                continue;
            }
            terms.sort_unstable();
            terms.dedup();
            index.firsts.push(terms.into_boxed_slice());
            match pattern.required.first() {
                Some(group) => {
                    let second = pattern
                        .required
                        .get(1)
                        .map_or(TermBits([u64::MAX; 4]), |g| g.bits);
                    for &t in group.iter() {
                        index.triggers[t as usize].push((i as u32, second));
                    }
                }
                None => index.untriggered.push(i as u32),
            }
        }
        index
    }
}

/// The terms of the current utterance and which patterns can match it.
#[derive(Default)]
pub(crate) struct Scratch {
    /// Per term id: the generation of the last utterance that had it, and
    /// the first and the last token it is at there.
    present: Vec<(u32, u32, u32)>,
    /// Per token of the current utterance: its term, and the next token
    /// with the same term ([`NONE`] after the last).
    terms: Vec<u32>,
    next: Vec<u32>,
    /// Per pattern index: (generation, viable).
    memo: Vec<(u32, bool)>,
    generation: u32,
    /// The [`TermBits`] of the current utterance's terms: a required item
    /// whose bits miss these has none of its terms here, which rejects
    /// most patterns looked at (82 % of them on the realistic bench
    /// corpus) with a few ANDs instead of a probe per term of the item.
    bits: TermBits,
    /// The book's patterns without a first word that the current utterance
    /// may match, each with the last token it can start at (filled by the
    /// matcher, kept here to reuse its buffer).
    pub(crate) floating: Vec<(u32, u32)>,
    /// The anchored patterns to try, as `start << 32 | pattern`, sorted
    /// (filled by [`Scratch::anchored_starts`]).
    pub(crate) starts: Vec<u64>,
    /// Anchored patterns looked at since the thread started (their words
    /// checked against the utterance): what the index saves, for tests.
    pub(crate) looked_at: u64,
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
            self.present.resize(vocab, (0, 0, 0));
        }
        let generation = self.generation;
        self.terms.clear();
        self.next.clear();
        let mut bits = TermBits([0; 4]);
        for (pos, term) in terms.enumerate() {
            let pos = pos as u32;
            self.terms.push(term);
            self.next.push(NONE);
            if let Some(stamp) = self.present.get_mut(term as usize) {
                bits.add(term);
                if stamp.0 == generation {
                    self.next[stamp.2 as usize] = pos;
                    stamp.2 = pos;
                } else {
                    *stamp = (generation, pos, pos);
                }
            }
        }
        self.bits = bits;
    }

    /// The current utterance has `term`.
    #[inline]
    fn has(&self, term: u32) -> bool {
        self.present
            .get(term as usize)
            .is_some_and(|&(stamp, _, _)| stamp == self.generation)
    }

    /// The last token of the current utterance that a pattern needing
    /// `required` (and viable here) can start at: a match lies at its start
    /// and after, so each required item needs one of its terms there — the
    /// earliest of the items' last occurrences (`u32::MAX` when nothing is
    /// required).
    pub(crate) fn latest_start(&self, required: &[Required]) -> u32 {
        let last = |t: u32| match self.present.get(t as usize) {
            Some(&(stamp, _, pos)) if stamp == self.generation => Some(pos),
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
    pub(crate) fn viable(&mut self, index: usize, required: &[Required]) -> bool {
        self.viable_past(index, required, 0)
    }

    /// [`Scratch::viable`] when the first `known` items of `required` are
    /// known to occur.
    #[inline]
    fn viable_past(&mut self, index: usize, required: &[Required], known: usize) -> bool {
        let (generation, viable) = self.memo[index];
        if generation == self.generation {
            return viable;
        }
        let viable = required
            .get(known..)
            .unwrap_or_default()
            .iter()
            .all(|group| group.bits.meets(&self.bits) && group.iter().any(|&t| self.has(t)));
        self.memo[index] = (self.generation, viable);
        viable
    }

    /// Fills [`Scratch::starts`] with every (token, anchored pattern) pair
    /// where the pattern's words all occur in the utterance and one of its
    /// first words stands at the token, sorted by token. Only the patterns
    /// indexed under the utterance's distinct terms are looked at.
    pub(crate) fn anchored_starts(&mut self, index: &StartIndex, patterns: &[Pattern]) {
        let mut starts = std::mem::take(&mut self.starts);
        starts.clear();
        let generation = self.generation;
        for pos in 0..self.terms.len() {
            let term = self.terms[pos];
            // Each distinct term once: at its first token.
            let first_here = self
                .present
                .get(term as usize)
                .is_some_and(|&(stamp, first, _)| stamp == generation && first as usize == pos);
            if first_here {
                // Hot path: most patterns triggered here lack their second
                // word; that and the memo are checked before any call.
                for &(p, second) in &index.triggers[term as usize] {
                    self.looked_at += 1;
                    if second.meets(&self.bits) && self.memo[p as usize].0 != generation {
                        // The term that triggered `p` is of its rarest item.
                        self.push_starts(p, 1, index, patterns, &mut starts);
                    }
                }
            }
        }
        for &p in &index.untriggered {
            self.looked_at += 1;
            if self.memo[p as usize].0 != generation {
                self.push_starts(p, 0, index, patterns, &mut starts);
            }
        }
        starts.sort_unstable();
        self.starts = starts;
    }

    /// Adds the starts of anchored pattern `p`, not yet looked at in this
    /// utterance (a pattern is indexed under every term of its rarest
    /// item), when it is viable; its first `known` required items are known
    /// to occur.
    fn push_starts(
        &mut self,
        p: u32,
        known: usize,
        index: &StartIndex,
        patterns: &[Pattern],
        starts: &mut Vec<u64>,
    ) {
        let required = &patterns[p as usize].required;
        if !self.viable_past(p as usize, required, known) {
            return;
        }
        for &f in index.firsts[p as usize].iter() {
            let Some(&(stamp, first, _)) = self.present.get(f as usize) else {
                continue;
            };
            if stamp != self.generation {
                continue;
            }
            let mut k = first;
            while k != NONE {
                starts.push(u64::from(k) << 32 | u64::from(p));
                k = self.next[k as usize];
            }
        }
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

    #[test]
    fn patterns_are_looked_at_only_when_their_rarest_word_occurs() {
        // Twenty patterns start with «you»; each needs its own rare word.
        let entries: Vec<String> = (0..20)
            .map(|i| {
                format!(
                    "you … (zorbl{} | quax{})",
                    (b'a' + i) as char,
                    (b'a' + i) as char
                )
            })
            .collect();
        let mut builder = PhraseBookBuilder::new(Language::En, 6);
        builder.add_set("s", &entries, true).unwrap();
        let book = builder.build();
        let slots = Slots::new();
        let looked_at = || super::SCRATCH.with(|s| s.borrow().looked_at);
        let before = looked_at();
        let text = book.analyze("you know you will be fine, you see");
        assert!(book.find(&text, &slots).is_empty());
        assert_eq!(looked_at() - before, 0, "no pattern has its rare word here");
        let before = looked_at();
        let text = book.analyze("you know, you said zorblc");
        assert_eq!(book.find(&text, &slots).len(), 1);
        assert_eq!(looked_at() - before, 1, "only the pattern needing «zorblc»");
    }

    #[test]
    fn term_bits_never_rule_out_a_group_that_shares_a_term() {
        use super::TermBits;
        // Every pair of small term sets over ids that collide mod 256.
        let sets: Vec<Vec<u32>> = (0..64u32)
            .map(|i| {
                (0..(i % 5) + 1)
                    .map(|k| (i * 37 + k * 256 + k) % 1500)
                    .collect()
            })
            .collect();
        for a in &sets {
            for b in &sets {
                let shared = a.iter().any(|t| b.contains(t));
                let (x, y) = (TermBits::of_terms(a), TermBits::of_terms(b));
                assert!(!shared || x.meets(&y), "{a:?} {b:?}");
            }
        }
        assert!(!TermBits::of_terms(&[1]).meets(&TermBits::of_terms(&[2])));
    }

    #[test]
    fn term_bits_keep_every_first_term_and_placeholders_keep_all() {
        use super::TermBits;
        use crate::pattern::Atom;
        let alts: Vec<Vec<Atom>> = [3u32, 70, 300, 1000]
            .iter()
            .map(|&t| vec![Atom::Word(t), Atom::Any])
            .collect();
        let bits = TermBits::of_starts(&alts);
        for t in [3u32, 70, 300, 1000] {
            assert!(bits.may_have(t));
        }
        let kept = (0..256u32).filter(|&t| bits.may_have(t)).count();
        assert_eq!(kept, 4, "one bit per first term");
        let mut with_slot = alts.clone();
        with_slot.push(vec![Atom::Slot("company".into())]);
        let all = TermBits::of_starts(&with_slot);
        assert!((0..1000u32).all(|t| all.may_have(t)));
    }
}
