//! Running a [`PhraseBook`] over an analysed utterance.
//!
//! Owns [`Match`] and [`PhraseBook::find`]: fuzzy substitution of misspelled
//! words, the anchor scan, verification of placeholders around anchors,
//! template phrases, wildcards, negation, and the per-set leftmost-longest
//! selection. Compiling the book is `phrase.rs`.

use crate::analyzer::Analyzed;
use crate::fuzzy::with_book_cache;
use crate::phrase::{Elem, Inner, Phrase, SetId, WildKind};
use crate::slots::{SlotValue, SlotWord, Slots};
use crate::PhraseBook;

/// Tokens before a match that are searched for a negation word.
pub const NEGATION_WINDOW: usize = 2;

/// One match of a phrase set in an utterance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Match {
    /// The set that matched.
    pub set: SetId,
    /// Index of the first matched token.
    pub first_token: usize,
    /// Index just past the last matched token.
    pub end_token: usize,
    /// Byte offset of the match in the original text.
    pub start: usize,
    /// Byte offset just past the match in the original text.
    pub end: usize,
    /// A negation word stands within [`NEGATION_WINDOW`] tokens before the
    /// match and the phrase itself has none («я не могу вам помочь»).
    pub negated: bool,
}

/// The stems the matcher compares with: the utterance's own, or a copy with
/// misspelled words replaced by the vocabulary word they are one edit from.
struct View<'a> {
    text: &'a Analyzed,
    fuzzed: Option<(Analyzed, Vec<bool>)>,
}

impl View<'_> {
    fn stems(&self) -> &Analyzed {
        self.fuzzed.as_ref().map_or(self.text, |(a, _)| a)
    }

    fn substituted(&self, i: usize) -> bool {
        self.fuzzed.as_ref().is_some_and(|(_, subs)| subs[i])
    }
}

impl PhraseBook {
    /// All matches of all sets in `text`, sorted by `(first_token, set)`.
    ///
    /// Matches of different sets may overlap; within one set they are the
    /// leftmost-longest non-overlapping ones. `text` must come from
    /// [`PhraseBook::analyzer`] (or an analyzer of the same language).
    pub fn find(&self, text: &Analyzed, slots: &Slots) -> Vec<Match> {
        let mut out = Vec::new();
        self.find_into(text, slots, &mut out);
        out
    }

    /// Like [`PhraseBook::find`], but reuses `out` (cleared first).
    pub fn find_into(&self, text: &Analyzed, slots: &Slots, out: &mut Vec<Match>) {
        out.clear();
        if text.is_empty() {
            return;
        }
        let book = &*self.inner;
        let view = View {
            text,
            fuzzed: book.fuzz(text),
        };
        // Candidates are collected as (set, first, end); `start`/`end` and
        // `negated` are filled in after selection.
        if let Some(automaton) = &book.words {
            let stems = view.stems();
            for found in automaton.find_overlapping_iter(stems.stems.as_str()) {
                let info = &book.pattern_info[found.pattern().as_usize()];
                let first = token_at_stem(stems, found.start() + 1);
                let end = first + info.tokens as usize;
                for &index in &info.phrases {
                    let phrase = &book.phrases[index as usize];
                    if let Some((from, to)) = book.verify(phrase, &view, slots, first, end) {
                        out.push(candidate(phrase.set, from, to, phrase.negation));
                    }
                }
            }
        }
        for &index in &book.templates {
            let phrase = &book.phrases[index as usize];
            if let Some(Elem::Slot(name)) = phrase.elems.first() {
                if slots.get(name).is_none() {
                    continue;
                }
            }
            for first in 0..text.len() {
                if let Some(to) = book.match_forward(&phrase.elems, &view, slots, first, false) {
                    out.push(candidate(phrase.set, first, to, phrase.negation));
                }
            }
        }
        if let Some(automaton) = &book.wildcards {
            for found in automaton.find_overlapping_iter(text.norms.as_str()) {
                let (kind, sets) = &book.wild_info[found.pattern().as_usize()];
                let token = match kind {
                    WildKind::Prefix => token_at_norm(text, found.start() + 1),
                    WildKind::Contains => token_at_norm(text, found.start()),
                };
                for &set in sets {
                    let info = &book.sets[set.0 as usize];
                    let (norm, stem) = (text.norm(token), text.stem(token));
                    if !info
                        .exceptions
                        .iter()
                        .any(|(n, s)| **n == *norm || **s == *stem)
                    {
                        out.push(candidate(set, token, token + 1, false));
                    }
                }
            }
        }
        select(out);
        for found in out.iter_mut() {
            found.start = text.tokens[found.first_token].start;
            found.end = text.tokens[found.end_token - 1].end;
            // `negated` holds "the phrase has a negation" until here.
            let has_negation = found.negated;
            let window = found.first_token.saturating_sub(NEGATION_WINDOW)..found.first_token;
            found.negated = !has_negation && text.tokens[window].iter().any(|t| t.negation);
        }
    }
}

fn candidate(set: SetId, first: usize, end: usize, phrase_negation: bool) -> Match {
    Match {
        set,
        first_token: first,
        end_token: end,
        start: 0,
        end: 0,
        negated: phrase_negation,
    }
}

/// Keeps the leftmost-longest non-overlapping matches of each set, sorted by
/// `(first_token, set)`.
fn select(out: &mut Vec<Match>) {
    if out.len() > 1 {
        out.sort_unstable_by_key(|m| (m.set, m.first_token, std::cmp::Reverse(m.end_token)));
        let mut last: Option<(SetId, usize)> = None;
        out.retain(|m| {
            let keep = match last {
                Some((set, end)) => set != m.set || m.first_token >= end,
                None => true,
            };
            if keep {
                last = Some((m.set, m.end_token));
            }
            keep
        });
        out.sort_unstable_by_key(|m| (m.first_token, m.set));
    }
}

/// The token whose stem starts at byte `pos` of the joined stems.
fn token_at_stem(text: &Analyzed, pos: usize) -> usize {
    text.tokens.partition_point(|t| (t.stem.0 as usize) < pos)
}

/// The token whose normalised form contains byte `pos` of the joined norms.
fn token_at_norm(text: &Analyzed, pos: usize) -> usize {
    text.tokens
        .partition_point(|t| (t.norm.0 as usize) <= pos)
        .saturating_sub(1)
}

impl Inner {
    fn slot_word(&self, word: &SlotWord, text: &Analyzed, i: usize) -> bool {
        word.matches(self.analyzer.language(), text.stem(i), text.norm(i))
    }

    /// Replaces words that are not in the vocabulary but one edit from a
    /// word of a fuzzy set; `None` when nothing was replaced.
    fn fuzz(&self, text: &Analyzed) -> Option<(Analyzed, Vec<bool>)> {
        if self.fuzzy.is_empty() {
            return None;
        }
        let mut subs: Option<Vec<Option<u32>>> = None;
        with_book_cache(self.uid, |cache| {
            for i in 0..text.len() {
                let norm = text.norm(i);
                if norm.len() < self.fuzzy_min_letters {
                    continue;
                }
                let stem = text.stem(i);
                let found = cache.get_or_insert_with(norm, || {
                    let long = norm.chars().count() >= self.fuzzy_min_letters;
                    if !long || self.vocab.contains_key(stem) {
                        None
                    } else {
                        self.fuzzy.query(norm, stem)
                    }
                });
                if let Some(term) = found {
                    subs.get_or_insert_with(|| vec![None; text.len()])[i] = Some(term);
                }
            }
        });
        let subs = subs?;
        let mut fuzzed = Analyzed {
            tokens: text.tokens.clone(),
            ..Analyzed::default()
        };
        for (i, token) in fuzzed.tokens.iter_mut().enumerate() {
            let stem = match subs[i] {
                Some(term) => &*self.terms[term as usize],
                None => text.stem(i),
            };
            let start = fuzzed.stems.len() as u32;
            fuzzed.stems.push_str(stem);
            fuzzed.stems.push(' ');
            token.stem = (start, start + stem.len() as u32);
        }
        Some((fuzzed, subs.iter().map(Option::is_some).collect()))
    }

    /// Extends an anchor found at tokens `first..end` to the whole phrase.
    fn verify(
        &self,
        phrase: &Phrase,
        view: &View<'_>,
        slots: &Slots,
        first: usize,
        end: usize,
    ) -> Option<(usize, usize)> {
        let fuzzy = self.sets[phrase.set.0 as usize].fuzzy;
        if !fuzzy && (first..end).any(|i| view.substituted(i)) {
            return None;
        }
        let mut from = first;
        for elem in phrase.elems[..phrase.anchor.0].iter().rev() {
            from -= self.elem_len_backward(elem, view, slots, from, fuzzy)?;
        }
        let to = self.match_forward(&phrase.elems[phrase.anchor.1..], view, slots, end, fuzzy)?;
        Some((from, to))
    }

    /// Matches `elems` from token `pos` on; returns the end token.
    fn match_forward(
        &self,
        elems: &[Elem],
        view: &View<'_>,
        slots: &Slots,
        mut pos: usize,
        fuzzy: bool,
    ) -> Option<usize> {
        let text = view.text;
        for elem in elems {
            match elem {
                Elem::Word(stem) => {
                    if pos >= text.len()
                        || view.stems().stem(pos) != &**stem
                        || (!fuzzy && view.substituted(pos))
                    {
                        return None;
                    }
                    pos += 1;
                }
                Elem::Any => {
                    if pos >= text.len() {
                        return None;
                    }
                    pos += 1;
                }
                Elem::Slot(name) => match slots.get(name)? {
                    SlotValue::Any if pos < text.len() => pos += 1,
                    SlotValue::Any => return None,
                    SlotValue::Variants(variants) => {
                        let variant = variants.iter().find(|words| {
                            pos + words.len() <= text.len()
                                && words
                                    .iter()
                                    .enumerate()
                                    .all(|(j, w)| self.slot_word(w, text, pos + j))
                        })?;
                        pos += variant.len();
                    }
                },
            }
        }
        Some(pos)
    }

    /// How many tokens ending at `pos` match `elem` (placeholders before an
    /// anchor).
    fn elem_len_backward(
        &self,
        elem: &Elem,
        view: &View<'_>,
        slots: &Slots,
        pos: usize,
        fuzzy: bool,
    ) -> Option<usize> {
        let text = view.text;
        match elem {
            Elem::Word(stem) => {
                let ok = pos > 0
                    && view.stems().stem(pos - 1) == &**stem
                    && (fuzzy || !view.substituted(pos - 1));
                ok.then_some(1)
            }
            Elem::Any => (pos > 0).then_some(1),
            Elem::Slot(name) => match slots.get(name)? {
                SlotValue::Any => (pos > 0).then_some(1),
                SlotValue::Variants(variants) => variants
                    .iter()
                    .find(|words| {
                        words.len() <= pos
                            && words
                                .iter()
                                .enumerate()
                                .all(|(j, w)| self.slot_word(w, text, pos - words.len() + j))
                    })
                    .map(Vec::len),
            },
        }
    }
}
