//! Per-call values of placeholders (`{company}`, `{operator_name}`, …).
//!
//! Owns [`Slots`]: the analysed alternatives of each placeholder. Matching a
//! placeholder inside a phrase is `find.rs`. `{any}` is built in and never
//! stored here.

use crate::{Analyzed, Analyzer, Language};

/// What one placeholder matches in one call.
#[derive(Clone, Debug)]
pub(crate) enum SlotValue {
    /// Any one word.
    Any,
    /// One of these word sequences (each non-empty).
    Variants(Vec<Vec<SlotWord>>),
}

/// One word of a placeholder value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SlotWord {
    stem: Box<str>,
    key: Box<str>,
    /// Tags of `stem` and `key` (as the analyzer stores them per token).
    tags: (u32, u32),
}

impl SlotWord {
    /// Whether token `i` of `text` is this word: the same stem, or the same
    /// name key («Иван»/«Ивана»/«Ивану»). The tags decide most tokens with
    /// one integer comparison each.
    #[inline]
    pub(crate) fn matches(&self, lang: Language, text: &Analyzed, i: usize) -> bool {
        let tags = text.tokens[i].tags;
        (tags.0 == self.tags.0 && *self.stem == *text.stem(i))
            || (tags.1 == self.tags.1 && *self.key == *name_key(lang, text.norm(i)))
    }
}

/// Russian case endings of names, stripped to compare «Иван»/«Ивана»/«Ивану»
/// (Snowball stems «Иван» to «ива» but «Ивану» to «иван»).
const RU_NAME_ENDINGS: &[&str] = &[
    "ами", "ой", "ом", "ем", "ою", "ею", "ам", "ах", "ы", "а", "я", "у", "ю", "е", "и", "й", "ь",
];

/// The form of a name word used to compare names in any grammatical case.
pub(crate) fn name_key(lang: Language, norm: &str) -> &str {
    if lang != Language::Ru {
        return norm;
    }
    for ending in RU_NAME_ENDINGS {
        if let Some(rest) = norm.strip_suffix(ending) {
            if rest.chars().count() >= 2 {
                return rest;
            }
        }
    }
    norm
}

/// Values of placeholders for one call.
///
/// A placeholder that is not set never matches. Values are analysed with the
/// book's analyzer and compared by stem, so «Ивана Петровича» in a transcript
/// matches the variant «Иван Петрович».
///
/// # Examples
///
/// ```
/// use callqa_text::{Language, PhraseBookBuilder, Slots};
///
/// let mut builder = PhraseBookBuilder::new(Language::Ru, 0);
/// let id = builder.add_set("intro", &["меня зовут {operator_name}".to_string()], false).unwrap();
/// let book = builder.build();
/// let mut slots = Slots::new();
/// slots.set(book.analyzer(), "operator_name", &["Анна"]);
/// let text = book.analyzer().analyze("Меня зовут Анна, чем помочь?");
/// assert_eq!(book.find(&text, &slots)[0].set, id);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Slots {
    entries: Vec<(String, SlotValue)>,
}

impl Slots {
    /// Slots with every placeholder unset.
    pub fn new() -> Slots {
        Slots::default()
    }

    /// Sets placeholder `name` (without braces) to any of `variants`.
    ///
    /// Each variant may have several words («Иван Петрович»); variants with
    /// no words are ignored, so an empty list makes the placeholder never
    /// match. Replaces an earlier value.
    pub fn set(&mut self, analyzer: &Analyzer, name: &str, variants: &[&str]) {
        let mut stems = Vec::with_capacity(variants.len());
        for variant in variants {
            let analyzed = analyzer.analyze(variant);
            if analyzed.is_empty() {
                continue;
            }
            let lang = analyzer.language();
            let words: Vec<SlotWord> = (0..analyzed.len())
                .map(|i| {
                    let t = analyzed.token(i);
                    SlotWord {
                        stem: t.stem.into(),
                        key: name_key(lang, t.norm).into(),
                        tags: analyzed.tokens[i].tags,
                    }
                })
                .collect();
            if !stems.contains(&words) {
                stems.push(words);
            }
        }
        // Longest first: a full name wins over the first name alone.
        stems.sort_by_key(|words| std::cmp::Reverse(words.len()));
        self.put(name, SlotValue::Variants(stems));
    }

    /// Makes placeholder `name` match any one word.
    pub fn set_any(&mut self, name: &str) {
        self.put(name, SlotValue::Any);
    }

    /// Makes placeholder `name` unset again (never matches).
    pub fn unset(&mut self, name: &str) {
        self.entries.retain(|(n, _)| n != name);
    }

    fn put(&mut self, name: &str, value: SlotValue) {
        match self.entries.iter_mut().find(|(n, _)| n == name) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((name.to_string(), value)),
        }
    }

    pub(crate) fn get(&self, name: &str) -> Option<&SlotValue> {
        self.entries
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value)
    }
}
