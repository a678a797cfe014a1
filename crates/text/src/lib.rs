//! Text analysis for callqa: normalisation, word tokens with byte offsets,
//! stemming, and one-pass matching of phrase sets.
//!
//! This crate knows nothing about calls or rules. It turns text into
//! [`Analyzed`] tokens and finds [`Match`]es of named phrase sets compiled into
//! a [`PhraseBook`].
//!
//! # Pipeline
//!
//! The same [`Analyzer`] handles phrase entries and transcripts:
//!
//! 1. [`tokenize`] splits text into words (byte spans into the original);
//!    hyphens, apostrophes and Armenian marks inside a word keep it whole.
//! 2. Each word is normalised: NFKC, lower case, «ё» → «е», inner marks
//!    dropped («э-э» → «ээ», «ինչո՞վ» → «ինչով»), letters repeated three or
//!    more times collapsed («ээээ» → «э»), a word of one repeated letter
//!    collapsed to it («ээ» → «э»).
//! 3. The normalised word is stemmed with Snowball (ru, en, hy). Results are
//!    cached per thread, so analysis costs little more than segmentation.
//!
//! # Matching
//!
//! [`PhraseBook::analyze`] analyses an utterance and records each word's
//! term id in the book (its stem in the phrase vocabulary, or the word one
//! edit away for fuzzy sets), cached per thread with the word.
//! [`PhraseBook::find`] then walks a trie of phrase anchors over those ids
//! for all sets at once, verifies placeholders around each hit, applies
//! wildcards and negation, and returns the leftmost-longest non-overlapping
//! matches of each set. A text from [`Analyzer::analyze`] works too; `find`
//! then resolves the terms itself.
//!
//! ```
//! use callqa_text::{Language, PhraseBookBuilder, Slots};
//!
//! let mut builder = PhraseBookBuilder::new(Language::Ru, 6);
//! let help = builder.add_set("offer_help", &["могу вам помочь".into()], true).unwrap();
//! let company = builder.add_set("company", &["компания {company}".into()], true).unwrap();
//! let book = builder.build();
//!
//! let mut slots = Slots::new();
//! slots.set(book.analyzer(), "company", &["Ромашка"]);
//!
//! let text = "кампания ромашка здравствуйте я не могу вам помочь";
//! let analyzed = book.analyzer().analyze(text);
//! let matches = book.find(&analyzed, &slots);
//! assert_eq!(matches.len(), 2);
//! assert_eq!((matches[0].set, &text[matches[0].start..matches[0].end]), (company, "кампания ромашка"));
//! assert_eq!(matches[1].set, help);
//! assert!(matches[1].negated);
//! ```
#![deny(missing_docs)]

mod analyzer;
mod cache;
mod company_en;
mod company_hy;
mod entry;
mod error;
mod find;
mod fuzzy;
mod hash;
mod language;
mod names;
mod names_en;
mod names_hy;
mod names_ru;
mod negation;
mod normalize;
mod pattern;
mod pattern_build;
mod phrase;
mod prefilter;
mod slots;
mod stem;
mod tokenize;
mod veto;

pub use analyzer::{Analyzed, Analyzer, Token};
pub use cache::{CacheStats, SharedWordCache, SHARED_WORDS};
pub use error::PhraseError;
pub use find::{Match, NEGATION_WINDOW};
pub use language::{detect_language, letter_language, Language};
pub use names::is_patronymic;
pub use phrase::{PhraseBook, PhraseBookBuilder, SetId};
pub use slots::Slots;
pub use tokenize::{tokenize, Tokens};
