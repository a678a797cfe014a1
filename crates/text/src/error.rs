//! Errors of phrase-set compilation.
//!
//! Owns [`PhraseError`]. Messages follow the project style: lower case, no
//! final period, the offending phrase quoted with `{:?}`.

/// A phrase entry that cannot be compiled.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PhraseError {
    /// The entry is empty or only whitespace.
    #[error("empty phrase in set {set:?}")]
    Empty {
        /// The set the entry belongs to.
        set: String,
    },
    /// The entry has no letters or digits after normalisation (e.g. `"--"`).
    #[error("phrase {phrase:?} in set {set:?} normalises to no words")]
    NoWords {
        /// The set the entry belongs to.
        set: String,
        /// The entry as written.
        phrase: String,
    },
    /// `word*`, `*part*` or `!word` used in an entry of several words.
    #[error("wildcard in multi-word phrase {phrase:?} in set {set:?} (wildcards and exceptions are single words)")]
    WildcardInMultiWord {
        /// The set the entry belongs to.
        set: String,
        /// The entry as written.
        phrase: String,
    },
    /// A `*` somewhere other than the end (`word*`), the start (`*ending`)
    /// or both ends (`*part*`).
    #[error("unsupported wildcard {phrase:?} in set {set:?} (expected \"word*\", \"*ending\" or \"*part*\")")]
    BadWildcard {
        /// The set the entry belongs to.
        set: String,
        /// The entry as written.
        phrase: String,
    },
    /// A `{…}` that is not a placeholder name of `[a-z_]+`, or a stray brace.
    #[error("unknown placeholder in phrase {phrase:?} in set {set:?} (expected \"{{name}}\" with a-z and _)")]
    UnknownPlaceholder {
        /// The set the entry belongs to.
        set: String,
        /// The entry as written.
        phrase: String,
    },
    /// An entry with pattern syntax that does not parse.
    #[error("bad pattern {phrase:?} in set {set:?}: {why}")]
    BadPattern {
        /// The set the entry belongs to.
        set: String,
        /// The entry as written.
        phrase: String,
        /// What is wrong.
        why: String,
    },
    /// `@name` names no phrase set of the standard.
    #[error(
        "phrase {phrase:?} in set {set:?} uses @{group}, but there is no phrase set {group:?}"
    )]
    UnknownGroup {
        /// The set the entry belongs to.
        set: String,
        /// The entry as written.
        phrase: String,
        /// The set name after `@`.
        group: String,
    },
}
