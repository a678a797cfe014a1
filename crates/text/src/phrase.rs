//! Compiling named phrase sets into one matcher per language.
//!
//! Owns [`PhraseBookBuilder`], [`PhraseBook`] and [`SetId`]: the vocabulary,
//! the Aho-Corasick automaton over stems, the wildcard automaton over
//! normalised forms, placeholder templates and the fuzzy index. Running the
//! matcher over an utterance is `find.rs`.
//!
//! # Design
//!
//! Every phrase word gets a term id (its stem in the vocabulary). Every
//! phrase is compiled to its longest run of literal words (the *anchor*), and
//! the anchors of all sets go into one trie over term ids. An utterance
//! analysed with [`PhraseBook::analyze`] carries a term id per token
//! (resolved once per distinct word and thread, fuzzy substitutes included),
//! so one walk from each token finds the anchor candidates of every set with
//! integer lookups. Placeholders and `{any}` around the anchor are verified
//! token by token; phrases made only of placeholders are tried at each token
//! (a lone `{slot}` with its value looked up once). Wildcards (`word*`,
//! `*part*`) use an Aho-Corasick automaton over normalised words, run once
//! per distinct word and remembered as a flag on the word.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::cache::{Term, NO_TERM};
use crate::entry::{parse_entry, Entry, RawElem};
use crate::error::PhraseError;
use crate::fuzzy::FuzzyIndex;
use crate::hash::FxHashMap;
use crate::pattern::{AltMemo, Pattern, RawAlt, RawPattern};
use crate::pattern_build::compile_patterns;
use crate::{Analyzed, Analyzer, Language};

/// The id of a phrase set inside one [`PhraseBook`], in the order added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SetId(pub u32);

/// One element of a compiled phrase.
#[derive(Clone, Debug)]
pub(crate) enum Elem {
    /// A word compared by stem, as its term id.
    Word(u32),
    /// A placeholder, by name.
    Slot(Box<str>),
    /// `{any}`.
    Any,
}

#[derive(Clone, Debug)]
pub(crate) struct Phrase {
    pub(crate) set: SetId,
    pub(crate) elems: Vec<Elem>,
    /// Element range of the anchor (literal words), empty for templates.
    pub(crate) anchor: (usize, usize),
    /// The phrase has a negation word itself («не за что»).
    pub(crate) negation: bool,
    /// The entry it was written as.
    pub(crate) entry: u32,
}

#[derive(Clone, Debug)]
pub(crate) struct SetInfo {
    pub(crate) name: String,
    pub(crate) fuzzy: bool,
    pub(crate) empty: bool,
    /// `!word` exceptions: (norm, stem).
    pub(crate) exceptions: Vec<(Box<str>, Box<str>)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WildKind {
    Prefix,
    Contains,
    /// `*ending`: the word ends so, after at least
    /// [`crate::entry::SUFFIX_MIN_STEM`] other letters.
    Suffix,
}

/// One wildcard pattern: its kind, the letters a word needs at least (a
/// `*ending`'s ending and [`crate::entry::SUFFIX_MIN_STEM`]; 0 for the
/// others) and the sets and entries it belongs to.
pub(crate) type WildInfo = (WildKind, usize, Vec<(SetId, u32)>);

/// Builds a [`PhraseBook`] from named phrase sets of one language.
///
/// # Examples
///
/// ```
/// use callqa_text::{Language, PhraseBookBuilder, Slots};
///
/// let mut builder = PhraseBookBuilder::new(Language::Ru, 6);
/// let thanks = builder.add_set("thanks", &["спасибо за ожидание".into(), "благодарю".into()], true).unwrap();
/// let book = builder.build();
/// let text = book.analyzer().analyze("Благодарим вас за ожидание");
/// let matches = book.find(&text, &Slots::new());
/// assert_eq!(matches.len(), 1);
/// assert_eq!(matches[0].set, thanks);
/// ```
#[derive(Clone, Debug)]
pub struct PhraseBookBuilder {
    analyzer: Analyzer,
    fuzzy_min_letters: usize,
    sets: Vec<SetInfo>,
    /// (set, entry, elements with words still as raw strings)
    phrases: Vec<(SetId, u32, Vec<RawElem>)>,
    wildcards: Vec<(SetId, WildKind, String, u32)>,
    /// Pattern entries: (set, entry, parsed).
    patterns: Vec<(SetId, u32, RawPattern)>,
    /// Every entry as written, with its set.
    entries: Vec<(SetId, Box<str>)>,
    /// Entry id → a `not:` entry (see `veto.rs`).
    vetoes: Vec<bool>,
    /// Bracket chunks of pattern entries parsed so far.
    alt_memo: AltMemo,
}

impl PhraseBookBuilder {
    /// A builder for `lang`; words of `fuzzy_min_letters` or more letters may
    /// match with one edit in fuzzy sets (`0` turns fuzzy matching off).
    pub fn new(lang: Language, fuzzy_min_letters: usize) -> PhraseBookBuilder {
        PhraseBookBuilder {
            analyzer: Analyzer::new(lang),
            fuzzy_min_letters,
            sets: Vec::new(),
            phrases: Vec::new(),
            wildcards: Vec::new(),
            patterns: Vec::new(),
            entries: Vec::new(),
            vetoes: Vec::new(),
            alt_memo: AltMemo::default(),
        }
    }

    /// `@name` references to sets that do not exist (checked before
    /// [`PhraseBookBuilder::build`], when every set has been added).
    pub fn unknown_groups(&self) -> Vec<PhraseError> {
        let mut out = Vec::new();
        for (set, entry, pattern) in &self.patterns {
            for part in &pattern.parts {
                for item in part {
                    for alt in &item.alts {
                        if let RawAlt::Group(name) = alt {
                            if !self.sets.iter().any(|s| s.name == *name) {
                                out.push(PhraseError::UnknownGroup {
                                    set: self.sets[set.0 as usize].name.clone(),
                                    phrase: self.entries[*entry as usize].1.to_string(),
                                    group: name.clone(),
                                });
                            }
                        }
                    }
                }
            }
        }
        out
    }

    /// Adds the set `name` with `phrases` and returns its id.
    ///
    /// Adding a name again adds the phrases to the existing set (its `fuzzy`
    /// flag stays as first given). An empty `phrases` list makes a set that
    /// exists but is empty for this language (see [`PhraseBook::set_is_empty`]).
    ///
    /// # Errors
    ///
    /// On the first bad entry: empty, normalising to no words, a wildcard or
    /// exception in a multi-word entry, a malformed wildcard, or a brace that
    /// is not a `{name}` placeholder of `[a-z_]+`. The set is not changed.
    pub fn add_set(
        &mut self,
        name: &str,
        phrases: &[String],
        fuzzy: bool,
    ) -> Result<SetId, PhraseError> {
        let (analyzer, memo) = (&self.analyzer, &mut self.alt_memo);
        let entries = phrases
            .iter()
            .map(|raw| {
                let body = crate::veto::strip(raw).unwrap_or(raw);
                let entry = parse_entry(analyzer, name, body, memo)?;
                if crate::veto::strip(raw).is_some()
                    && !matches!(entry, Entry::Phrase(_) | Entry::Pattern(_))
                {
                    return Err(PhraseError::BadPattern {
                        set: name.to_string(),
                        phrase: raw.to_string(),
                        why: "a not: entry is a phrase or a pattern, not a wildcard".to_string(),
                    });
                }
                Ok(entry)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let id = match self.sets.iter().position(|set| set.name == name) {
            Some(pos) => SetId(pos as u32),
            None => {
                self.sets.push(SetInfo {
                    name: name.to_string(),
                    fuzzy,
                    empty: true,
                    exceptions: Vec::new(),
                });
                SetId(self.sets.len() as u32 - 1)
            }
        };
        let set = &mut self.sets[id.0 as usize];
        for (raw, entry) in phrases.iter().zip(entries) {
            let index = self.entries.len() as u32;
            self.entries.push((id, raw.trim().into()));
            let veto = crate::veto::strip(raw).is_some();
            self.vetoes.push(veto);
            match entry {
                Entry::Phrase(variants) => {
                    set.empty &= veto;
                    for elems in variants {
                        self.phrases.push((id, index, elems));
                    }
                }
                Entry::Pattern(pattern) => {
                    set.empty &= veto;
                    self.patterns.push((id, index, pattern));
                }
                Entry::Prefix(norm) => {
                    set.empty = false;
                    self.wildcards.push((id, WildKind::Prefix, norm, index));
                }
                Entry::Contains(norm) => {
                    set.empty = false;
                    self.wildcards.push((id, WildKind::Contains, norm, index));
                }
                Entry::Suffix(norm) => {
                    set.empty = false;
                    self.wildcards.push((id, WildKind::Suffix, norm, index));
                }
                Entry::Exception(norm, stem) => set.exceptions.push((norm.into(), stem.into())),
            }
        }
        Ok(id)
    }

    /// Compiles the sets into an immutable [`PhraseBook`].
    ///
    /// # Panics
    ///
    /// Only if the automata cannot be built, which needs far more phrases
    /// than a standard has (the automaton's state id space is exhausted).
    pub fn build(self) -> PhraseBook {
        static NEXT_UID: AtomicU64 = AtomicU64::new(1);
        let fuzzy_on = self.fuzzy_min_letters > 0;
        let mut vocab: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut fuzzy = FuzzyIndex::default();
        let mut fuzzy_seen: FxHashMap<Box<str>, ()> = FxHashMap::default();
        let mut phrases = Vec::with_capacity(self.phrases.len());
        let mut pattern_ids: FxHashMap<Vec<u32>, u32> = FxHashMap::default();
        let mut patterns: Vec<Vec<u32>> = Vec::new();
        let mut pattern_info: Vec<PatternInfo> = Vec::new();
        let mut templates = Vec::new();

        let fuzzy_min_letters = self.fuzzy_min_letters;
        let mut intern = |norm: &str, stem: &str, set_fuzzy: bool| -> u32 {
            // Probe before inserting: most calls find the word, and a miss
            // only then pays for the boxed key.
            let term = match vocab.get(stem) {
                Some(&term) => term,
                None => {
                    let next = vocab.len() as u32;
                    vocab.insert(stem.into(), next);
                    next
                }
            };
            if set_fuzzy
                && norm.chars().count() >= fuzzy_min_letters
                && !fuzzy_seen.contains_key(norm)
                && fuzzy_seen.insert(norm.into(), ()).is_none()
            {
                fuzzy.insert(term, norm, stem);
            }
            term
        };
        let mut compiled_patterns = compile_patterns(
            &self.sets,
            &self.phrases,
            &self.patterns,
            &self.vetoes,
            fuzzy_on,
            &mut intern,
        );
        for (set, entry, raw) in self.phrases {
            let set_fuzzy = fuzzy_on && self.sets[set.0 as usize].fuzzy;
            let mut elems = Vec::with_capacity(raw.len());
            let mut negation = false;
            for elem in raw {
                elems.push(match elem {
                    RawElem::Word {
                        norm,
                        stem,
                        negation: neg,
                    } => {
                        negation |= neg;
                        Elem::Word(intern(&norm, &stem, set_fuzzy))
                    }
                    RawElem::Slot(name) => Elem::Slot(name.into()),
                    RawElem::Any => Elem::Any,
                });
            }
            let anchor = longest_word_run(&elems);
            let index = phrases.len() as u32;
            if anchor.0 == anchor.1 {
                templates.push(index);
            } else {
                let pattern: Vec<u32> = elems[anchor.0..anchor.1]
                    .iter()
                    .filter_map(|elem| match elem {
                        Elem::Word(term) => Some(*term),
                        _ => None,
                    })
                    .collect();
                let next = patterns.len() as u32;
                let id = *pattern_ids.entry(pattern.clone()).or_insert(next);
                if id == next {
                    patterns.push(pattern);
                    pattern_info.push(PatternInfo {
                        phrases: Vec::new(),
                    });
                }
                pattern_info[id as usize].phrases.push(index);
            }
            phrases.push(Phrase {
                set,
                elems,
                anchor,
                negation,
                entry,
            });
        }
        let mut is_pattern_entry = vec![false; self.entries.len()];
        for pattern in &compiled_patterns {
            is_pattern_entry[pattern.entry as usize] = true;
        }
        let starts = crate::prefilter::StartIndex::new(&mut compiled_patterns, vocab.len());

        let mut wild_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut wild_patterns: Vec<String> = Vec::new();
        let mut wild_info: Vec<WildInfo> = Vec::new();
        for (set, kind, norm, entry) in self.wildcards {
            let min_letters = match kind {
                WildKind::Suffix => norm.chars().count() + crate::entry::SUFFIX_MIN_STEM,
                WildKind::Prefix | WildKind::Contains => 0,
            };
            let pattern = match kind {
                WildKind::Prefix => format!(" {norm}"),
                WildKind::Contains => norm,
                WildKind::Suffix => format!("{norm} "),
            };
            let next = wild_patterns.len() as u32;
            let id = *wild_ids.entry(pattern.clone()).or_insert(next);
            if id == next {
                wild_patterns.push(pattern);
                wild_info.push((kind, min_letters, Vec::new()));
            }
            let sets = &mut wild_info[id as usize].2;
            if !sets.iter().any(|(s, _)| *s == set) {
                sets.push((set, entry));
            }
        }

        let wild_per_word = wild_patterns
            .iter()
            .all(|p| !p.trim_matches(' ').contains(' '));
        let anchors = Trie::new(vocab.len(), &patterns);
        PhraseBook {
            inner: Arc::new(Inner {
                analyzer: self.analyzer,
                uid: NEXT_UID.fetch_add(1, Ordering::Relaxed),
                fuzzy_min_letters: self.fuzzy_min_letters,
                sets: self.sets,
                phrases,
                anchors,
                pattern_info,
                templates,
                wildcards: automaton(&wild_patterns),
                wild_per_word,
                wild_info,
                vocab,
                fuzzy,
                patterns: compiled_patterns,
                starts,
                is_pattern_entry,
                entries: self.entries,
                is_veto: self.vetoes,
            }),
        }
    }
}

fn automaton(patterns: &[String]) -> Option<AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    let kind = if patterns.len() <= 20_000 {
        Some(AhoCorasickKind::DFA)
    } else {
        None
    };
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(kind)
        .build(patterns)
        .expect("phrase automaton fits its state id space");
    Some(automaton)
}

/// The first longest run of consecutive words.
fn longest_word_run(elems: &[Elem]) -> (usize, usize) {
    let mut best = (0, 0);
    let mut start = 0;
    for (i, elem) in elems.iter().enumerate() {
        if matches!(elem, Elem::Word(_)) {
            if i + 1 - start > best.1 - best.0 {
                best = (start, i + 1);
            }
        } else {
            start = i + 1;
        }
    }
    best
}

/// A trie of anchors over term ids: each token starts a walk that follows
/// the terms of the next tokens, so one pass finds every anchor occurrence
/// (overlapping ones included) with integer lookups only.
#[derive(Clone, Debug, Default)]
pub(crate) struct Trie {
    /// Term id → node after the first word ([`NO_NODE`]: no anchor starts so).
    first: Vec<u32>,
    /// (node, term) → next node.
    next: FxHashMap<(u32, u32), u32>,
    /// Node → the anchor (pattern id) ending there, or [`NO_NODE`].
    ends: Vec<u32>,
}

pub(crate) const NO_NODE: u32 = u32::MAX;

impl Trie {
    fn new(terms: usize, patterns: &[Vec<u32>]) -> Trie {
        let mut trie = Trie {
            first: vec![NO_NODE; terms],
            next: FxHashMap::default(),
            ends: Vec::new(),
        };
        for (id, pattern) in patterns.iter().enumerate() {
            let mut node = NO_NODE;
            for &term in pattern {
                let fresh = trie.ends.len() as u32;
                let slot = if node == NO_NODE {
                    &mut trie.first[term as usize]
                } else {
                    trie.next.entry((node, term)).or_insert(NO_NODE)
                };
                if *slot == NO_NODE {
                    *slot = fresh;
                    trie.ends.push(NO_NODE);
                }
                node = *slot;
            }
            if node != NO_NODE {
                trie.ends[node as usize] = id as u32;
            }
        }
        trie
    }

    /// Calls `hit(pattern, first, end)` for every anchor at tokens
    /// `first..end`, by `first` then length.
    #[inline]
    pub(crate) fn scan(
        &self,
        terms: impl Fn(usize) -> u32,
        len: usize,
        mut hit: impl FnMut(u32, usize, usize),
    ) {
        for first in 0..len {
            let term = terms(first);
            let Some(&start) = self.first.get(term as usize) else {
                continue;
            };
            let mut node = start;
            let mut end = first + 1;
            while node != NO_NODE {
                let pattern = self.ends[node as usize];
                if pattern != NO_NODE {
                    hit(pattern, first, end);
                }
                if end >= len || self.next.is_empty() {
                    break;
                }
                let term = terms(end);
                if term == NO_TERM {
                    break;
                }
                node = self.next.get(&(node, term)).copied().unwrap_or(NO_NODE);
                end += 1;
            }
        }
    }
}

#[derive(Clone, Debug)]
pub(crate) struct PatternInfo {
    /// Phrases with this anchor.
    pub(crate) phrases: Vec<u32>,
}

/// Immutable, compiled phrase sets of one language; see [`PhraseBook::find`].
///
/// `Send + Sync` and cheap to clone (the data is shared).
#[derive(Clone, Debug)]
pub struct PhraseBook {
    pub(crate) inner: Arc<Inner>,
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) analyzer: Analyzer,
    /// Unique per built book: keys the per-thread fuzzy cache.
    pub(crate) uid: u64,
    pub(crate) fuzzy_min_letters: usize,
    pub(crate) sets: Vec<SetInfo>,
    pub(crate) phrases: Vec<Phrase>,
    /// Anchors of all phrases as term sequences.
    pub(crate) anchors: Trie,
    pub(crate) pattern_info: Vec<PatternInfo>,
    /// Phrases without literal words (`{company}`, `{any}`).
    pub(crate) templates: Vec<u32>,
    /// Wildcards over joined normalised forms.
    pub(crate) wildcards: Option<AhoCorasick>,
    /// No wildcard can span words, so wildcards are matched per word.
    pub(crate) wild_per_word: bool,
    /// Per wildcard pattern: its kind, the letters a word needs at least
    /// (a `*ending`'s ending and [`crate::entry::SUFFIX_MIN_STEM`]; 0 for
    /// the others) and the sets and entries it belongs to.
    pub(crate) wild_info: Vec<WildInfo>,
    /// Stem → term id of every phrase word.
    pub(crate) vocab: FxHashMap<Box<str>, u32>,
    pub(crate) fuzzy: FuzzyIndex,
    /// Pattern entries.
    pub(crate) patterns: Vec<Pattern>,
    /// Where pattern entries may start and which words index them.
    pub(crate) starts: crate::prefilter::StartIndex,
    /// Every entry as written, with its set.
    pub(crate) entries: Vec<(SetId, Box<str>)>,
    /// Entry id → the entry is a pattern.
    pub(crate) is_pattern_entry: Vec<bool>,
    /// Entry id → the entry is a `not:` entry.
    pub(crate) is_veto: Vec<bool>,
}

impl Inner {
    /// What the word with normalised form `norm` and stem `stem` is to this
    /// book: its term, or the term one edit away in a fuzzy set, and whether
    /// a wildcard matches it.
    ///
    /// A stem in the vocabulary gets no one-edit substitute, so whether a
    /// word counts as a misspelling depends on every set's words (see
    /// `tests/independence.rs` and "Misspellings and the standard's
    /// vocabulary" in `docs/standard-format.md`).
    pub(crate) fn resolve(&self, norm: &str, stem: &str) -> Term {
        let (id, fuzzy) = match self.vocab.get(stem) {
            Some(&id) => (id, false),
            None if !self.fuzzy.is_empty()
                && norm.len() >= self.fuzzy_min_letters
                && norm.chars().count() >= self.fuzzy_min_letters =>
            {
                match self.fuzzy.query(norm, stem) {
                    Some(id) => (id, true),
                    None => (NO_TERM, false),
                }
            }
            None => (NO_TERM, false),
        };
        let wild = self.wild_per_word
            && self.wildcards.as_ref().is_some_and(|automaton| {
                let mut word = String::with_capacity(norm.len() + 2);
                word.push(' ');
                word.push_str(norm);
                word.push(' ');
                automaton.is_match(word.as_str())
            });
        Term { id, fuzzy, wild }
    }
}

impl PhraseBook {
    /// The language of the book.
    pub fn language(&self) -> Language {
        self.inner.analyzer.language()
    }

    /// The analyzer to analyse utterances (and slot values) with.
    pub fn analyzer(&self) -> &Analyzer {
        &self.inner.analyzer
    }

    /// Analyses `text` like [`Analyzer::analyze`] and also records what
    /// each word is to this book, so [`PhraseBook::find`] on the result
    /// compares term ids instead of strings. The answers are cached per
    /// thread with the word, so this costs about the same as `analyze`.
    pub fn analyze(&self, text: &str) -> Analyzed {
        let mut out = Analyzed::default();
        self.analyze_into(text, &mut out);
        out
    }

    /// Like [`PhraseBook::analyze`], but reuses the buffers of `out`.
    pub fn analyze_into(&self, text: &str, out: &mut Analyzed) {
        let inner = &*self.inner;
        inner.analyzer.analyze_with(text, out, inner.uid, |info| {
            if info.book != inner.uid {
                info.term = inner.resolve(info.norm(), info.stem());
                info.book = inner.uid;
            }
            info.term
        });
    }

    /// The id of the set `name`.
    pub fn set_id(&self, name: &str) -> Option<SetId> {
        self.inner
            .sets
            .iter()
            .position(|set| set.name == name)
            .map(|pos| SetId(pos as u32))
    }

    /// The name of set `id`.
    ///
    /// # Panics
    ///
    /// When `id` is not from this book.
    pub fn set_name(&self, id: SetId) -> &str {
        &self.inner.sets[id.0 as usize].name
    }

    /// The number of sets.
    pub fn set_count(&self) -> usize {
        self.inner.sets.len()
    }

    /// Whether set `id` has no phrases (or wildcards) for this language.
    ///
    /// # Panics
    ///
    /// When `id` is not from this book.
    pub fn set_is_empty(&self, id: SetId) -> bool {
        self.inner.sets[id.0 as usize].empty
    }
}
