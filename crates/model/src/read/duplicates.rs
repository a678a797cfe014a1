//! Call ids seen in one batch, so that a second record with the same id is
//! refused with both places named: call ids are unique in a batch
//! (`shared/spec/call-record.md`), and auditing a call twice would count it
//! twice in every summary and cross-call rule.
//!
//! Compact: a hash map from each id to where it was first read (a file
//! number and a position), with each file name kept once; no calls are
//! kept. The batch reader ([`super::Inputs`]) uses it for the whole batch;
//! a server can keep one per request.

use std::collections::HashMap;
use std::fmt;

use super::Position;

/// Where an id was first read: its file and position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FirstSeen<'a> {
    /// The file the id was first read from.
    pub file: &'a str,
    /// Where in that file the record with the id is.
    pub position: Position,
}

impl fmt::Display for FirstSeen<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.file)?;
        match self.position {
            Position::File => Ok(()),
            Position::Line(n) => write!(f, ":{n}"),
            Position::Index(i) => write!(f, "[{i}]"),
        }
    }
}

/// The ids of one batch and where each was first read.
#[derive(Debug, Default)]
pub struct DuplicateIds {
    files: Vec<Box<str>>,
    first: HashMap<Box<str>, (usize, Position)>,
}

impl DuplicateIds {
    /// An empty set.
    pub fn new() -> DuplicateIds {
        DuplicateIds::default()
    }

    /// Records `id` as read at `file` `position`. Returns `None` the first
    /// time, else where it was first read (and keeps that first place).
    pub fn check(&mut self, id: &str, file: &str, position: Position) -> Option<FirstSeen<'_>> {
        if let Some(&(f, p)) = self.first.get(id) {
            return Some(FirstSeen {
                file: &self.files[f],
                position: p,
            });
        }
        if self.files.last().is_none_or(|last| **last != *file) {
            self.files.push(file.into());
        }
        self.first
            .insert(id.into(), (self.files.len() - 1, position));
        None
    }

    /// How many distinct ids were seen.
    pub fn len(&self) -> usize {
        self.first.len()
    }

    /// True when no id was seen yet.
    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_place_is_kept() {
        let mut d = DuplicateIds::new();
        assert_eq!(d.check("a", "x.jsonl", Position::Line(1)), None);
        assert_eq!(d.check("b", "y.json", Position::Index(0)), None);
        let seen = d.check("a", "y.json", Position::Index(3)).unwrap();
        assert_eq!(seen.to_string(), "x.jsonl:1");
        assert_eq!(
            d.check("a", "z.json", Position::File).unwrap().to_string(),
            "x.jsonl:1"
        );
        assert_eq!(d.len(), 2);
    }
}
