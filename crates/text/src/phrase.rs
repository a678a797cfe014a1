//! Compiling named phrase sets into one matcher per language.
//!
//! Owns [`PhraseBookBuilder`], [`PhraseBook`] and [`SetId`]: the vocabulary,
//! the Aho-Corasick automaton over stems, the wildcard automaton over
//! normalised forms, placeholder templates and the fuzzy index. Running the
//! matcher over an utterance is `find.rs`.
//!
//! # Design
//!
//! An analysed utterance keeps its stems joined as `" s1 s2 … "`. Every
//! phrase is compiled to its longest run of literal words (the *anchor*) and
//! the anchor becomes the pattern `" a1 a2 "` of one automaton shared by all
//! sets, so one overlapping scan finds candidates of every set and the
//! surrounding spaces guarantee whole-word matches. Placeholders and `{any}`
//! around the anchor are verified token by token; phrases made only of
//! placeholders are tried at each token. Wildcards (`word*`, `*part*`) use a
//! second automaton over the joined normalised forms.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::entry::{parse_entry, Entry, RawElem};
use crate::error::PhraseError;
use crate::fuzzy::FuzzyIndex;
use crate::hash::FxHashMap;
use crate::{Analyzer, Language};

/// The id of a phrase set inside one [`PhraseBook`], in the order added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SetId(pub u32);

/// One element of a compiled phrase.
#[derive(Clone, Debug)]
pub(crate) enum Elem {
    /// A word compared by stem.
    Word(Box<str>),
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
}

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
    /// (set, elements with words still as raw strings)
    phrases: Vec<(SetId, Vec<RawElem>)>,
    wildcards: Vec<(SetId, WildKind, String)>,
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
        }
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
        let entries = phrases
            .iter()
            .map(|raw| parse_entry(&self.analyzer, name, raw))
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
        for entry in entries {
            match entry {
                Entry::Phrase(variants) => {
                    set.empty = false;
                    for elems in variants {
                        self.phrases.push((id, elems));
                    }
                }
                Entry::Prefix(norm) => {
                    set.empty = false;
                    self.wildcards.push((id, WildKind::Prefix, norm));
                }
                Entry::Contains(norm) => {
                    set.empty = false;
                    self.wildcards.push((id, WildKind::Contains, norm));
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
        let mut terms: Vec<Box<str>> = Vec::new();
        let mut fuzzy = FuzzyIndex::default();
        let mut fuzzy_seen: FxHashMap<Box<str>, ()> = FxHashMap::default();
        let mut phrases = Vec::with_capacity(self.phrases.len());
        let mut pattern_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_info: Vec<PatternInfo> = Vec::new();
        let mut templates = Vec::new();

        for (set, raw) in self.phrases {
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
                        let next = terms.len() as u32;
                        let term = *vocab.entry(stem.as_str().into()).or_insert(next);
                        if term == next {
                            terms.push(stem.as_str().into());
                        }
                        if set_fuzzy
                            && norm.chars().count() >= self.fuzzy_min_letters
                            && fuzzy_seen.insert(norm.as_str().into(), ()).is_none()
                        {
                            fuzzy.insert(term, &norm, &stem);
                        }
                        Elem::Word(stem.into())
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
                let mut pattern = String::from(" ");
                for elem in &elems[anchor.0..anchor.1] {
                    if let Elem::Word(stem) = elem {
                        pattern.push_str(stem);
                        pattern.push(' ');
                    }
                }
                let next = patterns.len() as u32;
                let id = *pattern_ids.entry(pattern.clone()).or_insert(next);
                if id == next {
                    patterns.push(pattern);
                    pattern_info.push(PatternInfo {
                        tokens: (anchor.1 - anchor.0) as u32,
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
            });
        }

        let mut wild_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut wild_patterns: Vec<String> = Vec::new();
        let mut wild_info: Vec<(WildKind, Vec<SetId>)> = Vec::new();
        for (set, kind, norm) in self.wildcards {
            let pattern = match kind {
                WildKind::Prefix => format!(" {norm}"),
                WildKind::Contains => norm,
            };
            let next = wild_patterns.len() as u32;
            let id = *wild_ids.entry(pattern.clone()).or_insert(next);
            if id == next {
                wild_patterns.push(pattern);
                wild_info.push((kind, Vec::new()));
            }
            let sets = &mut wild_info[id as usize].1;
            if !sets.contains(&set) {
                sets.push(set);
            }
        }

        PhraseBook {
            inner: Arc::new(Inner {
                analyzer: self.analyzer,
                uid: NEXT_UID.fetch_add(1, Ordering::Relaxed),
                fuzzy_min_letters: self.fuzzy_min_letters,
                sets: self.sets,
                phrases,
                words: automaton(&patterns),
                pattern_info,
                templates,
                wildcards: automaton(&wild_patterns),
                wild_info,
                vocab,
                terms,
                fuzzy,
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

#[derive(Clone, Debug)]
pub(crate) struct PatternInfo {
    /// Words in the anchor.
    pub(crate) tokens: u32,
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
    /// Anchors of all phrases over joined stems.
    pub(crate) words: Option<AhoCorasick>,
    pub(crate) pattern_info: Vec<PatternInfo>,
    /// Phrases without literal words (`{company}`, `{any}`).
    pub(crate) templates: Vec<u32>,
    /// Wildcards over joined normalised forms.
    pub(crate) wildcards: Option<AhoCorasick>,
    pub(crate) wild_info: Vec<(WildKind, Vec<SetId>)>,
    /// Stem → term id of every phrase word.
    pub(crate) vocab: FxHashMap<Box<str>, u32>,
    pub(crate) terms: Vec<Box<str>>,
    pub(crate) fuzzy: FuzzyIndex,
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
