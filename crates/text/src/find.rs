//! Running a [`PhraseBook`] over an analysed utterance.
//!
//! Owns [`Match`] and [`PhraseBook::find`]: fuzzy substitution of misspelled
//! words, the anchor scan, verification of placeholders around anchors,
//! template phrases, pattern entries, wildcards, negation (clause scope,
//! fixed forms), and the per-set leftmost-longest selection. Compiling the
//! book is `phrase.rs`.
//!
//! # Selection
//!
//! Within one set, matches are chosen leftmost first, then longest. When
//! several entries of the set match exactly the same words, a reading that
//! is not negated wins over a negated one, whatever order the entries are
//! written in («вас не (отвлекаю | беспокою)» beats «вас …2 отвлекаю» on
//! «вас не отвлекаю»); among equal readings the entry written first is the
//! one the evidence names. Matches of different sets never compete.

use crate::analyzer::Analyzed;
use crate::cache::Term;
use crate::fuzzy::with_book_cache;
use crate::negation::{is_contrast, is_fixed_form, negates_after, opens_clause, scope_ends_at};
use crate::pattern::{Atom, Pattern, Probe};
use crate::phrase::{Elem, Inner, Phrase, SetId, WildKind};
use crate::slots::{SlotValue, SlotWord, Slots, Value};
use crate::{Language, PhraseBook};

/// Tokens before a match that are searched for a negation word (in the
/// same clause).
pub const NEGATION_WINDOW: usize = 2;

/// Tokens after a match (in the same clause) searched for a negated modal
/// («перезвонить вам не получится»).
pub const NEGATION_AFTER: usize = 3;

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
    /// The match is negated and the phrase itself has no negation word: a
    /// negation word within [`NEGATION_WINDOW`] tokens before it in the
    /// same clause («я не могу вам помочь»), one among the words a pattern
    /// let through, or a negated modal right after it in the clause
    /// («перезвонить вам не получится»). Fixed forms with a positive
    /// meaning («не могли бы вы», "don't go anywhere") never negate.
    pub negated: bool,
    /// The entry that matched (see [`PhraseBook::entry_text`]).
    pub entry: u32,
    /// Other words inside the match that a pattern let through.
    pub skipped: usize,
    /// The language of the book whose entry matched: a call in one
    /// language may say a clause in another («Спасибо за ожидание» in an
    /// Armenian call), matched with that language's book.
    pub lang: Language,
}

/// The terms the matcher compares: carried by the tokens when the text was
/// analysed with this book, else resolved here.
struct View<'a> {
    text: &'a Analyzed,
    own: Option<Vec<Term>>,
}

impl View<'_> {
    #[inline]
    fn term(&self, i: usize) -> Term {
        match &self.own {
            None => self.text.tokens[i].term,
            Some(terms) => terms[i],
        }
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
            own: (text.book != book.uid).then(|| book.resolve_all(text)),
        };
        // Candidates are collected as (set, first, end); `start`/`end` and
        // `negated` are filled in after selection.
        book.anchors.scan(
            |i| view.term(i).id,
            text.len(),
            |pattern, first, end| {
                for &index in &book.pattern_info[pattern as usize].phrases {
                    let phrase = &book.phrases[index as usize];
                    if let Some((from, to)) = book.verify(phrase, &view, slots, first, end) {
                        out.push(candidate(
                            phrase.set,
                            phrase.entry,
                            from,
                            to,
                            phrase.negation,
                        ));
                    }
                }
            },
        );
        for &index in &book.templates {
            let phrase = &book.phrases[index as usize];
            match phrase.elems.as_slice() {
                // `{company}`, `{client_name}`: the value is looked up once.
                [Elem::Slot(name)] => match slots.get(name) {
                    None => {}
                    // A lone placeholder that stands for any word says
                    // nothing: it never matches.
                    Some(SlotValue::Any) => {}
                    Some(SlotValue::Variants(variants)) => {
                        for first in 0..text.len() {
                            if let Some(len) = book.variant_at(variants, text, first) {
                                out.push(candidate(
                                    phrase.set,
                                    phrase.entry,
                                    first,
                                    first + len,
                                    phrase.negation,
                                ));
                            }
                        }
                    }
                },
                elems => {
                    if let Some(Elem::Slot(name)) = elems.first() {
                        if slots.get(name).is_none() {
                            continue;
                        }
                    }
                    for first in 0..text.len() {
                        if let Some(to) = book.match_forward(elems, &view, slots, first, false) {
                            out.push(candidate(
                                phrase.set,
                                phrase.entry,
                                first,
                                to,
                                phrase.negation,
                            ));
                        }
                    }
                }
            }
        }
        if let Some(automaton) = &book.wildcards {
            if book.wild_per_word {
                let mut word = String::new();
                for token in (0..text.len()).filter(|&i| view.term(i).wild) {
                    word.clear();
                    word.push(' ');
                    word.push_str(text.norm(token));
                    word.push(' ');
                    for found in automaton.find_overlapping_iter(word.as_str()) {
                        book.push_wild(found.pattern().as_usize(), text, token, out);
                    }
                }
            } else {
                let mut norms = String::from(" ");
                let mut starts = Vec::with_capacity(text.len());
                for i in 0..text.len() {
                    starts.push(norms.len());
                    norms.push_str(text.norm(i));
                    norms.push(' ');
                }
                for found in automaton.find_overlapping_iter(norms.as_str()) {
                    let at = match book.wild_info[found.pattern().as_usize()].0 {
                        WildKind::Prefix => found.start() + 1,
                        WildKind::Contains | WildKind::Suffix => found.start(),
                    };
                    let token = starts.partition_point(|&s| s <= at).saturating_sub(1);
                    book.push_wild(found.pattern().as_usize(), text, token, out);
                }
            }
        }
        book.find_patterns(&view, slots, out);
        crate::veto::apply(out, &book.is_veto);
        // Negation is decided for every candidate before selection, so that
        // selection can prefer a positive reading of the same words.
        for found in out.iter_mut() {
            // `negated` holds "the phrase has a negation" until here;
            // pattern matches carry their final value.
            if !book.is_pattern_entry[found.entry as usize] {
                let own = found.negated;
                found.negated = !own && book.negated_around(text, found);
            }
        }
        select(out);
        let lang = book.analyzer.language();
        for found in out.iter_mut() {
            found.lang = lang;
            found.start = text.tokens[found.first_token].start;
            found.end = text.tokens[found.end_token - 1].end;
        }
    }

    /// The entry of a match as written in the standard.
    ///
    /// # Panics
    ///
    /// When `m` is not a match of this book.
    pub fn entry_text(&self, m: &Match) -> &str {
        &self.inner.entries[m.entry as usize].1
    }

    /// How a match matched, for evidence: «спасибо … за терпение» with 2
    /// words between.
    ///
    /// # Panics
    ///
    /// When `m` is not a match of this book.
    pub fn explain(&self, m: &Match) -> String {
        let entry = self.entry_text(m);
        match m.skipped {
            0 => format!("matched «{entry}»"),
            1 => format!("matched «{entry}» with 1 word between"),
            n => format!("matched «{entry}» with {n} words between"),
        }
    }
}

/// The pattern matcher's view of one text.
struct PatternProbe<'a> {
    book: &'a Inner,
    view: &'a View<'a>,
    slots: &'a Slots,
    fuzzy: bool,
}

impl Probe for PatternProbe<'_> {
    fn len(&self) -> usize {
        self.view.text.len()
    }

    #[inline]
    fn atom(&self, atom: &Atom, pos: usize) -> Option<usize> {
        let text = self.view.text;
        match atom {
            Atom::Word(term) => {
                let have = self.view.term(pos);
                (have.id == *term && (self.fuzzy || !have.fuzzy)).then_some(1)
            }
            Atom::Exact(term, norm) => {
                let have = self.view.term(pos);
                (have.id == *term && !have.fuzzy && *text.norm(pos) == **norm).then_some(1)
            }
            Atom::Any => Some(1),
            Atom::Slot(name) => match self.slots.get(name)? {
                SlotValue::Any => Some(1),
                SlotValue::Variants(variants) => self.book.variant_at(variants, text, pos),
            },
        }
    }

    fn breaks_before(&self, pos: usize) -> bool {
        self.view.text.sentence_starts(pos)
    }

    fn clause_before(&self, pos: usize) -> bool {
        self.view.text.clause_starts(pos)
    }

    fn negation(&self, pos: usize) -> bool {
        self.view.text.tokens[pos].negation
            && !is_fixed_form(self.book.analyzer.language(), self.view.text, pos)
    }

    #[inline]
    fn term(&self, pos: usize) -> u32 {
        self.view.term(pos).id
    }
}

impl Inner {
    /// Adds the matches of pattern entries to `out`.
    fn find_patterns(&self, view: &View<'_>, slots: &Slots, out: &mut Vec<Match>) {
        if self.patterns.is_empty() {
            return;
        }
        let text = view.text;
        let mut probe = PatternProbe {
            book: self,
            view,
            slots,
            fuzzy: false,
        };
        crate::prefilter::SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            scratch.begin(
                (0..text.len()).map(|i| view.term(i).id),
                self.vocab.len(),
                self.patterns.len(),
            );
            // Patterns without a first word are tried at every token: keep
            // the ones whose words the utterance has, once, in book order,
            // with the last token each can start at.
            let mut floating = std::mem::take(&mut scratch.floating);
            floating.clear();
            for &index in &self.starts.floating {
                let required = &self.patterns[index as usize].required;
                if scratch.viable(index as usize, required) {
                    floating.push((index, scratch.latest_start(required)));
                }
            }
            scratch.anchored_starts(&self.starts, &self.patterns);
            self.try_patterns(&mut probe, &scratch.starts, &floating, out);
            scratch.floating = floating;
        });
    }

    /// Tries the anchored patterns at their `starts` (`token << 32 |
    /// pattern`, sorted, from [`crate::prefilter::Scratch::anchored_starts`])
    /// and the floating ones at every token up to their latest start. The
    /// order of the matches found does not matter: selection sorts them.
    fn try_patterns(
        &self,
        probe: &mut PatternProbe<'_>,
        starts: &[u64],
        floating: &[(u32, u32)],
        out: &mut Vec<Match>,
    ) {
        let text = probe.view.text;
        // The end of the sentence of a start: the same for every pattern
        // tried there, found once per start.
        let mut limit = (usize::MAX, 0);
        for &key in starts {
            let (start, index) = ((key >> 32) as usize, key as u32);
            if limit.0 != start {
                limit = (start, Pattern::sentence_end(&*probe, start));
            }
            self.try_at(probe, index, start, limit.1, out);
        }
        if floating.is_empty() {
            return;
        }
        for start in 0..text.len() {
            let mut limit = None;
            for &(index, latest) in floating {
                if start > latest as usize {
                    continue;
                }
                let limit = *limit.get_or_insert_with(|| Pattern::sentence_end(&*probe, start));
                self.try_at(probe, index, start, limit, out);
            }
        }
    }

    /// Adds the match of pattern `index` starting at token `start`, within
    /// the sentence ending before `limit`, if there is one.
    #[inline]
    fn try_at(
        &self,
        probe: &mut PatternProbe<'_>,
        index: u32,
        start: usize,
        limit: usize,
        out: &mut Vec<Match>,
    ) {
        let text = probe.view.text;
        let pattern = &self.patterns[index as usize];
        if pattern.sentence_start && !text.sentence_starts(start) {
            return;
        }
        probe.fuzzy = self.sets[pattern.set.0 as usize].fuzzy;
        let Some(found) = pattern.match_within(&*probe, start, limit) else {
            return;
        };
        if found.end <= found.start {
            return;
        }
        if pattern.question && !text.in_question(found.start) {
            return;
        }
        if pattern.sentence_end && found.end < text.len() && !text.sentence_starts(found.end) {
            return;
        }
        // the end of the text counts as a mark after the match
        if !pattern
            .end_mark
            .holds(found.end >= text.len() || text.clause_starts(found.end))
        {
            return;
        }
        let mut m = Match {
            set: pattern.set,
            first_token: found.start,
            end_token: found.end,
            start: 0,
            end: 0,
            negated: false,
            entry: pattern.entry,
            skipped: found.skipped,
            lang: self.analyzer.language(),
        };
        m.negated = !pattern.negation && (found.negated_inside || self.negated_around(text, &m));
        out.push(m);
    }

    /// A negation in the same clause just before the match, or a negated
    /// modal just after it.
    fn negated_around(&self, text: &Analyzed, m: &Match) -> bool {
        let lang = self.analyzer.language();
        let first = m.first_token;
        let mut k = first;
        while k > 0 && first - k < NEGATION_WINDOW {
            if text.clause_starts(k) || opens_clause(lang, text.norm(k)) {
                break;
            }
            k -= 1;
            if is_contrast(text.norm(k)) {
                break;
            }
            if text.tokens[k].negation
                && !is_fixed_form(lang, text, k)
                && !(k + 1..first).any(|j| scope_ends_at(lang, text.norm(k), text.norm(j)))
            {
                return true;
            }
        }
        let mut k = m.end_token;
        while k < text.len() && k - m.end_token < NEGATION_AFTER {
            if text.clause_starts(k) {
                break;
            }
            if negates_after(lang, text, k) {
                return true;
            }
            k += 1;
        }
        false
    }
}

fn candidate(set: SetId, entry: u32, first: usize, end: usize, phrase_negation: bool) -> Match {
    Match {
        set,
        first_token: first,
        end_token: end,
        start: 0,
        end: 0,
        negated: phrase_negation,
        entry,
        skipped: 0,
        // The book's language is written after selection.
        lang: Language::Ru,
    }
}

/// Keeps the leftmost-longest non-overlapping matches of each set, sorted by
/// `(first_token, set)`.
///
/// Entries of one set that match the same words are one reading of those
/// words, so the order they are written in must not decide the verdict:
/// among them a match that is not negated wins over a negated one (the
/// words are negated only when every entry that matches them says so), and
/// then the entry written first is the one the evidence names.
fn select(out: &mut Vec<Match>) {
    if out.len() > 1 {
        out.sort_unstable_by_key(|m| {
            (
                m.set,
                m.first_token,
                std::cmp::Reverse(m.end_token),
                m.negated,
                m.entry,
            )
        });
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

impl Inner {
    fn slot_word(&self, word: &SlotWord, text: &Analyzed, i: usize) -> bool {
        word.matches(self.analyzer.language(), text, i)
    }

    /// The length of the first (longest) variant that matches at `pos`.
    #[inline]
    fn variant_at(&self, value: &Value, text: &Analyzed, pos: usize) -> Option<usize> {
        value.at(self.analyzer.language(), text, pos)
    }

    /// The terms of a text analysed without this book.
    fn resolve_all(&self, text: &Analyzed) -> Vec<Term> {
        with_book_cache(self.uid, |cache| {
            (0..text.len())
                .map(|i| {
                    let norm = text.norm(i);
                    cache.get_or_insert_with(norm, || self.resolve(norm, text.stem(i)))
                })
                .collect()
        })
    }

    /// Adds the sets of wildcard `pattern` that match word `token`, unless
    /// the word is one of a set's exceptions.
    fn push_wild(&self, pattern: usize, text: &Analyzed, token: usize, out: &mut Vec<Match>) {
        let (norm, stem) = (text.norm(token), text.stem(token));
        let (kind, min_letters, ref sets) = self.wild_info[pattern];
        // An ending says what a word is only of a common noun: a short word
        // is its root («точка»), a proper noun is a name («Пятёрочка»), and
        // so are the words right after a kind of shop («магазин дочки
        // сыночки», lower case in a recogniser's text).
        if kind == WildKind::Suffix
            && (norm.chars().count() < min_letters
                || text.is_proper(token)
                || (self.analyzer.language() == Language::Ru
                    && crate::names_ru::ru_in_venue_name(text, token)))
        {
            return;
        }
        for &(set, entry) in sets {
            let info = &self.sets[set.0 as usize];
            if !info
                .exceptions
                .iter()
                .any(|(n, s)| **n == *norm || **s == *stem)
            {
                out.push(candidate(set, entry, token, token + 1, false));
            }
        }
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
        if !fuzzy && (first..end).any(|i| view.term(i).fuzzy) {
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
                Elem::Word(term) => {
                    if pos >= text.len() {
                        return None;
                    }
                    let have = view.term(pos);
                    if have.id != *term || (!fuzzy && have.fuzzy) {
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
                    SlotValue::Variants(variants) => pos += self.variant_at(variants, text, pos)?,
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
            Elem::Word(term) => {
                let ok = pos > 0 && {
                    let have = view.term(pos - 1);
                    have.id == *term && (fuzzy || !have.fuzzy)
                };
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
