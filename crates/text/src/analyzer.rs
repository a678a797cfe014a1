//! The analyzer: text → word tokens with offsets, normalised forms and stems.
//!
//! Owns [`Analyzer`], [`Analyzed`] and [`Token`]. The same analyzer is used
//! for phrase entries and transcripts, so both sides always agree. Matching
//! phrases against the tokens is `phrase.rs` / `find.rs`.

use crate::cache::with_cache;
use crate::tokenize::tokenize;
use crate::Language;

/// Turns text of one language into [`Analyzed`] tokens.
///
/// Cheap to create and clone; `Send + Sync`. Normalised forms and stems of
/// words are cached per thread, so analysing call-centre speech mostly costs
/// segmentation and a hash lookup per word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Analyzer {
    lang: Language,
}

impl Analyzer {
    /// An analyzer for `lang`.
    pub fn new(lang: Language) -> Analyzer {
        Analyzer { lang }
    }

    /// The language this analyzer stems for.
    pub fn language(&self) -> Language {
        self.lang
    }

    /// Analyses `text` into word tokens.
    ///
    /// # Examples
    ///
    /// ```
    /// use callqa_text::{Analyzer, Language};
    ///
    /// let text = "Компания «Ромашка», здравствуйте!";
    /// let analyzed = Analyzer::new(Language::Ru).analyze(text);
    /// assert_eq!(analyzed.len(), 3);
    /// let token = analyzed.token(1);
    /// assert_eq!(&text[token.start..token.end], "Ромашка");
    /// assert_eq!(token.norm, "ромашка");
    /// ```
    pub fn analyze(&self, text: &str) -> Analyzed {
        let mut out = Analyzed::default();
        self.analyze_into(text, &mut out);
        out
    }

    /// Like [`Analyzer::analyze`], but reuses the buffers of `out`.
    pub fn analyze_into(&self, text: &str, out: &mut Analyzed) {
        out.clear();
        with_cache(self.lang, |cache| {
            for (start, end) in tokenize(text) {
                cache.lookup(&text[start..end], |info| {
                    let norm = info.norm();
                    if norm.is_empty() {
                        return;
                    }
                    let norm_start = out.norms.len() as u32;
                    out.norms.push_str(norm);
                    out.norms.push(' ');
                    let stem_start = out.stems.len() as u32;
                    out.stems.push_str(info.stem());
                    out.stems.push(' ');
                    out.tokens.push(TokenInfo {
                        start,
                        end,
                        norm: (norm_start, norm_start + norm.len() as u32),
                        stem: (stem_start, stem_start + info.stem().len() as u32),
                        negation: info.negation,
                    });
                });
            }
        });
    }
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct TokenInfo {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) norm: (u32, u32),
    pub(crate) stem: (u32, u32),
    pub(crate) negation: bool,
}

/// The word tokens of one text, produced by [`Analyzer::analyze`].
#[derive(Clone, Debug)]
pub struct Analyzed {
    pub(crate) tokens: Vec<TokenInfo>,
    /// `" n1 n2 … "`: normalised forms, each followed by a space.
    pub(crate) norms: String,
    /// `" s1 s2 … "`: stems, each followed by a space.
    pub(crate) stems: String,
}

impl Default for Analyzed {
    fn default() -> Analyzed {
        Analyzed {
            tokens: Vec::new(),
            norms: String::from(" "),
            stems: String::from(" "),
        }
    }
}

/// One word token of an [`Analyzed`] text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// Byte offset of the word in the original text.
    pub start: usize,
    /// Byte offset just past the word in the original text.
    pub end: usize,
    /// The normalised form (lower case, «ё» → «е», no marks, repeats collapsed).
    pub norm: &'a str,
    /// The Snowball stem of `norm`.
    pub stem: &'a str,
}

impl Analyzed {
    fn clear(&mut self) {
        self.tokens.clear();
        self.norms.clear();
        self.norms.push(' ');
        self.stems.clear();
        self.stems.push(' ');
    }

    /// The number of word tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether the text has no words.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The token at index `i`.
    ///
    /// # Panics
    ///
    /// When `i >= self.len()`.
    pub fn token(&self, i: usize) -> Token<'_> {
        let info = &self.tokens[i];
        Token {
            start: info.start,
            end: info.end,
            norm: &self.norms[info.norm.0 as usize..info.norm.1 as usize],
            stem: &self.stems[info.stem.0 as usize..info.stem.1 as usize],
        }
    }

    /// All tokens in order.
    pub fn tokens(&self) -> impl ExactSizeIterator<Item = Token<'_>> + '_ {
        (0..self.len()).map(|i| self.token(i))
    }

    /// Whether token `i` is a negation word («не», "don't", «չեմ»).
    ///
    /// # Panics
    ///
    /// When `i >= self.len()`.
    pub fn is_negation(&self, i: usize) -> bool {
        self.tokens[i].negation
    }

    pub(crate) fn norm(&self, i: usize) -> &str {
        let (s, e) = self.tokens[i].norm;
        &self.norms[s as usize..e as usize]
    }

    pub(crate) fn stem(&self, i: usize) -> &str {
        let (s, e) = self.tokens[i].stem;
        &self.stems[s as usize..e as usize]
    }
}
