//! Small helpers of the call parser: field paths that are only formatted
//! when there is an error, and short descriptions of bad JSON values for the
//! messages.

use std::fmt;

use serde_json::Value;

/// A field path such as `events[3].at`, built on the stack as the parser
/// descends and turned into text only for an error.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Path<'a> {
    Root,
    Field(&'a Path<'a>, &'static str),
    Index(&'a Path<'a>, usize),
    /// A map key (`tags.queue`, or `tags["odd key"]` when not identifier-like).
    Key(&'a Path<'a>, &'a str),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Path::Root => Ok(()),
            Path::Field(Path::Root, name) => f.write_str(name),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
            Path::Key(parent, key) => {
                let plain = !key.is_empty()
                    && key
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
                match (parent, plain) {
                    (Path::Root, true) => f.write_str(key),
                    (_, true) => write!(f, "{parent}.{key}"),
                    (_, false) => write!(f, "{parent}[{}]", Short(key)),
                }
            }
        }
    }
}

/// Longest quoted string in a message, in characters.
const QUOTE_CHARS: usize = 60;

/// A string quoted with `{:?}`, cut after [`QUOTE_CHARS`] characters.
pub(crate) struct Short<'a>(pub(crate) &'a str);

impl fmt::Display for Short<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.char_indices().nth(QUOTE_CHARS) {
            None => write!(f, "{:?}", self.0),
            Some((cut, _)) => write!(f, "{:?}…", &self.0[..cut]),
        }
    }
}

/// What a JSON value is, for "expected …, found …": `null`, `true`,
/// `number 12.5`, `string "NaN"`, `an array`, `an object`.
pub(crate) struct Found<'a>(pub(crate) &'a Value);

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => write!(f, "number {n}"),
            Value::String(s) => write!(f, "string {}", Short(s)),
            Value::Array(_) => f.write_str("an array"),
            Value::Object(_) => f.write_str("an object"),
        }
    }
}
