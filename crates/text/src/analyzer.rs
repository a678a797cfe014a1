//! The analyzer: text → word tokens with offsets, normalised forms and stems.
//!
//! Owns [`Analyzer`], [`Analyzed`] and [`Token`]. The same analyzer is used
//! for phrase entries and transcripts, so both sides always agree. Matching
//! phrases against the tokens is `phrase.rs` / `find.rs`.

use crate::cache::{with_cache, Leads, Term, WordInfo};
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
        self.analyze_with(text, out, 0, |_| Term::NONE);
    }

    /// Analyses `text` into `out`; `term` gives each word's term for the
    /// book `book` (`0`: none).
    pub(crate) fn analyze_with(
        &self,
        text: &str,
        out: &mut Analyzed,
        book: u64,
        mut term: impl FnMut(&mut WordInfo) -> Term,
    ) {
        out.clear();
        out.book = book;
        // Norm and stem of a word are rarely longer than the word itself, so
        // this usually allocates once.
        out.words.reserve(text.len() * 2);
        out.tokens.reserve(text.len() / 6 + 1);
        let mut prev_end = 0usize;
        // The Armenian question mark is rare: look for it in words only
        // when the text has one.
        let has_asked = text.contains('\u{55E}');
        with_cache(self.lang, |cache| {
            for (start, end) in tokenize(text) {
                cache.lookup(&text[start..end], |info| {
                    let norm = info.norm();
                    if norm.is_empty() {
                        return;
                    }
                    let gap = &text[prev_end..start];
                    let mut flags = clause_flags(gap);
                    if flags & SENTENCE != 0 && self.lang == Language::En && gap.trim() == "." {
                        // "Mr. Kaur": the dot of a form of address ends no sentence
                        let title = out.tokens.last().map(|t| &text[t.start..t.end]);
                        if title.is_some_and(crate::names_en::is_abbreviated_title) {
                            flags &= !(SENTENCE | CLAUSE);
                        }
                    }
                    if let Some(last) = out.tokens.last_mut() {
                        if flags & QUESTION != 0 {
                            last.flags |= QUESTION_AFTER;
                        }
                        out.punctuated |= flags & (CLAUSE | QUESTION) != 0;
                    } else {
                        flags |= SENTENCE | CLAUSE;
                    }
                    flags &= SENTENCE | CLAUSE;
                    if looks_proper(gap, &text[start..end], flags & SENTENCE != 0) {
                        flags |= PROPER;
                    }
                    if has_asked && text[start..end].contains('\u{55E}') {
                        flags |= ASKED;
                        out.punctuated = true;
                    }
                    prev_end = end;
                    let norm_start = out.words.len() as u32;
                    let stem_start = norm_start + norm.len() as u32;
                    out.words.push_str(info.norm_stem());
                    let stem_end = out.words.len() as u32;
                    let negation = info.negation;
                    out.tokens.push(TokenInfo {
                        start,
                        end,
                        norm: (norm_start, stem_start),
                        stem: (stem_start, stem_end),
                        negation,
                        tags: info.tags,
                        leads: info.leads,
                        term: term(info),
                        flags,
                    });
                });
            }
        });
        let tail = clause_flags(&text[prev_end..]);
        if let Some(last) = out.tokens.last_mut() {
            if tail & QUESTION != 0 {
                last.flags |= QUESTION_AFTER;
            }
            out.punctuated |= tail & (CLAUSE | QUESTION) != 0;
        }
    }
}

/// A strong break (. ! ? ; … ։) stands before the token: a new sentence.
pub(crate) const SENTENCE: u8 = 1;
/// Any clause mark (the strong ones and , : — – ՝) stands before the token.
pub(crate) const CLAUSE: u8 = 2;
/// A question mark follows the token.
pub(crate) const QUESTION_AFTER: u8 = 4;
/// The word carries the Armenian question mark ՞ («ինչո՞վ»).
pub(crate) const ASKED: u8 = 8;
/// Internal: a question mark is in the gap.
const QUESTION: u8 = 16;
/// The word reads as a proper noun: capitalised inside a sentence, or
/// right after an opening quote («Пятёрочка», «Ласточка»).
pub(crate) const PROPER: u8 = 32;

/// Whether `word`, after the text `gap`, reads as a proper noun: a capital
/// letter inside a sentence (not at its start) or an opening quote right
/// before it.
fn looks_proper(gap: &str, word: &str, sentence_start: bool) -> bool {
    let quoted = gap.trim_end().ends_with(['«', '"', '„', '“', '\'']);
    quoted || (!sentence_start && word.chars().next().is_some_and(char::is_uppercase))
}

/// The clause marks in the text between two words.
fn clause_flags(gap: &str) -> u8 {
    // Most gaps are one space: no char decoding for them (every token of
    // every utterance asks).
    if gap == " " {
        return 0;
    }
    let mut flags = 0;
    for c in gap.chars() {
        match c {
            '.' | '!' | ';' | '…' | '։' | '\u{55C}' => flags |= SENTENCE | CLAUSE,
            '?' | '¿' => flags |= SENTENCE | CLAUSE | QUESTION,
            // «՞» asks the word it stands on («քանի՞ անգամ»): a question,
            // not the end of the sentence.
            '\u{55E}' => flags |= QUESTION,
            ',' | ':' | '—' | '–' | '՝' => flags |= CLAUSE,
            _ => {}
        }
    }
    flags
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct TokenInfo {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) norm: (u32, u32),
    pub(crate) stem: (u32, u32),
    pub(crate) negation: bool,
    /// Tags of the stem and the name key, for placeholder values.
    pub(crate) tags: (u32, u32),
    /// First letters of the word's phonetic keys, for placeholder values.
    pub(crate) leads: Leads,
    /// The word's term in the book of [`Analyzed::book`].
    pub(crate) term: Term,
    /// [`SENTENCE`], [`CLAUSE`], [`QUESTION_AFTER`], [`ASKED`], [`PROPER`].
    pub(crate) flags: u8,
}

/// The word tokens of one text, produced by [`Analyzer::analyze`].
#[derive(Clone, Debug, Default)]
pub struct Analyzed {
    pub(crate) tokens: Vec<TokenInfo>,
    /// Normalised form and stem of each token, back to back.
    pub(crate) words: String,
    /// The uid of the book whose terms `tokens` carry (`0`: none).
    pub(crate) book: u64,
    /// The text has clause marks (written text, not raw ASR output).
    pub(crate) punctuated: bool,
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
        self.words.clear();
        self.book = 0;
        self.punctuated = false;
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
            norm: &self.words[info.norm.0 as usize..info.norm.1 as usize],
            stem: &self.words[info.stem.0 as usize..info.stem.1 as usize],
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

    /// Whether a clause mark (, . ! ? ; : — ՝ ։) stands between tokens
    /// `i - 1` and `i` (always for the first token).
    pub fn clause_starts(&self, i: usize) -> bool {
        self.tokens[i].flags & CLAUSE != 0
    }

    /// Whether a sentence mark (. ! ? ; … ։) stands between tokens `i - 1`
    /// and `i` (always for the first token).
    pub fn sentence_starts(&self, i: usize) -> bool {
        self.tokens[i].flags & SENTENCE != 0
    }

    /// Whether the sentence around token `i` is asked as a question: a `?`
    /// ends it or a word of it carries «՞». Text without any clause marks
    /// (raw ASR output) cannot tell and counts as a question.
    pub fn in_question(&self, i: usize) -> bool {
        if !self.punctuated {
            return true;
        }
        let mut from = i;
        while from > 0 && self.tokens[from].flags & SENTENCE == 0 {
            from -= 1;
        }
        for k in from..self.len() {
            if k > from && self.tokens[k].flags & SENTENCE != 0 {
                break;
            }
            if self.tokens[k].flags & (QUESTION_AFTER | ASKED) != 0 {
                return true;
            }
        }
        false
    }

    /// Whether token `i` reads as a proper noun (see [`PROPER`]).
    pub(crate) fn is_proper(&self, i: usize) -> bool {
        self.tokens[i].flags & PROPER != 0
    }

    pub(crate) fn norm(&self, i: usize) -> &str {
        let (s, e) = self.tokens[i].norm;
        &self.words[s as usize..e as usize]
    }

    pub(crate) fn stem(&self, i: usize) -> &str {
        let (s, e) = self.tokens[i].stem;
        &self.words[s as usize..e as usize]
    }
}
