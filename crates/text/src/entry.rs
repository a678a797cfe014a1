//! Parsing one phrase entry of a set into its compiled parts.
//!
//! Owns the entry syntax: plain phrases, `{placeholder}` and `{any}`,
//! `word*`, `*part*` and `!word`, and the hyphen variants of a phrase
//! ("mm-hmm" also as "mm hmm"); the pattern syntax (`…` gaps, `[optional]`,
//! `(a | b)`, `@set`, `=form`, ` + ` in any order, a final `?`) is parsed by
//! `pattern.rs`. Building the automata is `phrase.rs`.

use crate::cache::WordInfo;
use crate::error::PhraseError;
use crate::normalize::normalized;
use crate::Analyzer;

/// Whether a one-word entry is a censored word ("f***", "s**t", "sh*t"), read
/// like the transcript's censored words (all one word) and no wildcard: a
/// run of two or more `*`, or a `*` between two letters, not at its start.
/// `fuck*`, `*fuck*` and `motherf*` stay wildcards.
fn masked_word(phrase: &str) -> bool {
    let chars: Vec<char> = phrase.chars().collect();
    !phrase.starts_with('*')
        && !phrase.contains(char::is_whitespace)
        && (phrase.contains("**")
            || chars.windows(3).any(|w| {
                w[1] == '*'
                    && crate::tokenize::is_word_char(w[0])
                    && crate::tokenize::is_word_char(w[2])
            }))
}

/// One element of a phrase before the vocabulary assigns term ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum RawElem {
    /// A word: its normalised form, stem and whether it is a negation word.
    Word {
        norm: String,
        stem: String,
        negation: bool,
    },
    /// `{name}`.
    Slot(String),
    /// `{any}`.
    Any,
}

/// A parsed entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Entry {
    /// A phrase; hyphenated words give a second variant split at the hyphen.
    Phrase(Vec<Vec<RawElem>>),
    /// `word*`: the normalised prefix.
    Prefix(String),
    /// `*part*`: the normalised part.
    Contains(String),
    /// `*ending`: the normalised ending; the word must have at least
    /// [`SUFFIX_MIN_STEM`] letters before it.
    Suffix(String),
    /// `!word`: normalised form and stem of the exception.
    Exception(String, String),
    /// An entry with pattern syntax.
    Pattern(crate::pattern::RawPattern),
}

/// Letters a word must have before the ending of a `*ending` wildcard: the
/// ending is then a suffix, not the whole root («*очка» is «посылочка»,
/// «заявочка», not «точка», «дочка», «бочка»).
pub(crate) const SUFFIX_MIN_STEM: usize = 3;

/// The hyphens that join the parts of a word («кто-то», «ինչ-որ»).
pub(crate) const HYPHENS: [char; 4] = ['-', '\u{2010}', '\u{2011}', '\u{058A}'];

/// Parses the entry `raw` of set `set`.
/// `memo` keeps the bracket chunks of pattern entries parsed so far.
pub(crate) fn parse_entry(
    analyzer: &Analyzer,
    set: &str,
    raw: &str,
    memo: &mut crate::pattern::AltMemo,
) -> Result<Entry, PhraseError> {
    let phrase = raw.trim();
    let bad = |make: fn(String, String) -> PhraseError| make(set.to_string(), raw.to_string());
    if phrase.is_empty() {
        return Err(PhraseError::Empty {
            set: set.to_string(),
        });
    }
    if crate::pattern::is_pattern(phrase) {
        return crate::pattern::parse_pattern(analyzer, set, raw, memo).map(Entry::Pattern);
    }
    let multi_word = phrase.split_whitespace().nth(1).is_some();
    if (phrase.contains('*') && !masked_word(phrase)) || phrase.starts_with('!') {
        if multi_word {
            return Err(bad(|set, phrase| PhraseError::WildcardInMultiWord {
                set,
                phrase,
            }));
        }
        let bad_wildcard = || bad(|set, phrase| PhraseError::BadWildcard { set, phrase });
        let no_words = || bad(|set, phrase| PhraseError::NoWords { set, phrase });
        if let Some(word) = phrase.strip_prefix('!') {
            if word.contains('*') {
                return Err(bad_wildcard());
            }
            let info = WordInfo::compute(analyzer.language(), word);
            if info.norm().is_empty() {
                return Err(no_words());
            }
            return Ok(Entry::Exception(info.norm().into(), info.stem().into()));
        }
        let (inner, kind) = match phrase.strip_prefix('*') {
            Some(rest) => match rest.strip_suffix('*') {
                Some(inner) => (inner, crate::phrase::WildKind::Contains),
                None => (rest, crate::phrase::WildKind::Suffix),
            },
            None => match phrase.strip_suffix('*') {
                Some(inner) => (inner, crate::phrase::WildKind::Prefix),
                None => return Err(bad_wildcard()),
            },
        };
        if inner.contains('*') {
            return Err(bad_wildcard());
        }
        let norm = normalized(inner);
        if norm.is_empty() {
            return Err(no_words());
        }
        return Ok(match kind {
            crate::phrase::WildKind::Prefix => Entry::Prefix(norm),
            crate::phrase::WildKind::Contains => Entry::Contains(norm),
            crate::phrase::WildKind::Suffix => Entry::Suffix(norm),
        });
    }

    let Some(elems) = parse_phrase(analyzer, phrase, false) else {
        return Err(bad(|set, phrase| PhraseError::UnknownPlaceholder {
            set,
            phrase,
        }));
    };
    if elems.is_empty() {
        return Err(bad(|set, phrase| PhraseError::NoWords { set, phrase }));
    }
    let mut variants = vec![elems];
    if phrase.contains(HYPHENS) {
        if let Some(split) = parse_phrase(analyzer, phrase, true) {
            if !split.is_empty() && !variants.contains(&split) {
                variants.push(split);
            }
        }
    }
    Ok(Entry::Phrase(variants))
}

/// Splits a phrase into words and placeholders; `None` on a bad placeholder.
pub(crate) fn parse_phrase(
    analyzer: &Analyzer,
    phrase: &str,
    split_hyphens: bool,
) -> Option<Vec<RawElem>> {
    let mut elems = Vec::new();
    let mut rest = phrase;
    loop {
        let brace = rest.find(['{', '}']);
        let literal = &rest[..brace.unwrap_or(rest.len())];
        push_words(analyzer, literal, split_hyphens, &mut elems);
        let Some(brace) = brace else {
            return Some(elems);
        };
        if rest[brace..].starts_with('}') {
            return None;
        }
        let after = &rest[brace + 1..];
        let close = after.find('}')?;
        let name = &after[..close];
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return None;
        }
        elems.push(if name == "any" {
            RawElem::Any
        } else {
            RawElem::Slot(name.to_string())
        });
        rest = &after[close + 1..];
    }
}

pub(crate) fn push_words(
    analyzer: &Analyzer,
    literal: &str,
    split_hyphens: bool,
    elems: &mut Vec<RawElem>,
) {
    let literal = if split_hyphens {
        std::borrow::Cow::Owned(literal.replace(HYPHENS, " "))
    } else {
        std::borrow::Cow::Borrowed(literal)
    };
    // Loading the default standard analyses tens of thousands of short
    // literals: one reused buffer per thread instead of a fresh `Analyzed`
    // (two allocations) per literal.
    ANALYZED.with(|analyzed| {
        let analyzed = &mut *analyzed.borrow_mut();
        analyzer.analyze_into(&literal, analyzed);
        elems.reserve(analyzed.len());
        for i in 0..analyzed.len() {
            let token = analyzed.token(i);
            elems.push(RawElem::Word {
                norm: token.norm.to_string(),
                stem: token.stem.to_string(),
                negation: analyzed.is_negation(i),
            });
        }
    });
}

thread_local! {
    /// [`push_words`]'s analysis buffer.
    static ANALYZED: std::cell::RefCell<crate::Analyzed> = Default::default();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Language;

    fn parse(raw: &str) -> Result<Entry, PhraseError> {
        parse_entry(
            &Analyzer::new(Language::Ru),
            "s",
            raw,
            &mut crate::pattern::AltMemo::default(),
        )
    }

    #[test]
    fn errors() {
        let cases: &[(&str, &str)] = &[
            ("", "empty phrase in set \"s\""),
            ("   ", "empty phrase in set \"s\""),
            ("--", "phrase \"--\" in set \"s\" normalises to no words"),
            ("«»", "phrase \"«»\" in set \"s\" normalises to no words"),
            ("*", "phrase \"*\" in set \"s\" normalises to no words"),
            ("*а*б", "unsupported wildcard \"*а*б\" in set \"s\" (expected \"word*\", \"*ending\" or \"*part*\")"),
            ("*а**", "unsupported wildcard \"*а**\" in set \"s\" (expected \"word*\", \"*ending\" or \"*part*\")"),
            ("*--*", "phrase \"*--*\" in set \"s\" normalises to no words"),
            ("плохое слово*", "wildcard in multi-word phrase \"плохое слово*\" in set \"s\" (wildcards and exceptions are single words)"),
            ("!не это", "wildcard in multi-word phrase \"!не это\" in set \"s\" (wildcards and exceptions are single words)"),
            ("меня зовут {Имя}", "unknown placeholder in phrase \"меня зовут {Имя}\" in set \"s\" (expected \"{name}\" with a-z and _)"),
            ("меня зовут {}", "unknown placeholder in phrase \"меня зовут {}\" in set \"s\" (expected \"{name}\" with a-z and _)"),
            ("меня зовут {name", "unknown placeholder in phrase \"меня зовут {name\" in set \"s\" (expected \"{name}\" with a-z and _)"),
            ("name}", "unknown placeholder in phrase \"name}\" in set \"s\" (expected \"{name}\" with a-z and _)"),
        ];
        for (raw, message) in cases {
            let error = parse(raw).unwrap_err();
            assert_eq!(error.to_string(), *message, "{raw:?}");
        }
    }

    #[test]
    fn kinds() {
        assert_eq!(parse("Пизд*").unwrap(), Entry::Prefix("пизд".into()));
        assert_eq!(parse("*БЛЯ*").unwrap(), Entry::Contains("бля".into()));
        assert_eq!(parse("*очка").unwrap(), Entry::Suffix("очка".into()));
        assert!(matches!(parse("!хлеб").unwrap(), Entry::Exception(n, _) if n == "хлеб"));
        let Entry::Phrase(variants) = parse("меня зовут {operator_name}").unwrap() else {
            panic!("not a phrase");
        };
        assert_eq!(variants.len(), 1);
        assert_eq!(variants[0][2], RawElem::Slot("operator_name".into()));
        let Entry::Phrase(variants) = parse("{any}").unwrap() else {
            panic!("not a phrase");
        };
        assert_eq!(variants, vec![vec![RawElem::Any]]);
        let Entry::Phrase(variants) = parse("э-э").unwrap() else {
            panic!("not a phrase");
        };
        assert_eq!(variants.len(), 2, "joined «э» and split «э э»");
    }

    /// A censored word is read as the transcript's censored words are (one
    /// word for all), not as a wildcard.
    #[test]
    fn masked_words() {
        for raw in ["f***", "s**t", "sh*t", "а*б", "խ***", "F**"] {
            let Entry::Phrase(variants) = parse(raw).unwrap() else {
                panic!("{raw:?} is not a phrase");
            };
            let [RawElem::Word { norm, .. }] = variants[0].as_slice() else {
                panic!("{raw:?}: {variants:?}");
            };
            assert_eq!(norm, crate::normalize::MASKED_WORD, "{raw:?}");
        }
        for (raw, wildcard) in [
            ("fuck*", true),
            ("*fuck*", true),
            ("motherf*", true),
            ("f*", true),
        ] {
            let entry = parse(raw).unwrap();
            assert_eq!(
                matches!(
                    entry,
                    Entry::Prefix(_) | Entry::Contains(_) | Entry::Suffix(_)
                ),
                wildcard,
                "{raw:?}"
            );
        }
    }
}
