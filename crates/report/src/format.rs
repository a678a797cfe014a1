//! The names of the output formats and of the table's detail levels, as the
//! command line spells them. This file only parses and prints names; each
//! renderer lives in its own module.

use std::fmt;
use std::str::FromStr;

/// An output format of `callqa audit`.
///
/// Parses from (and displays as) `table`, `json`, `jsonl`, `csv` and
/// `html`, so a clap argument can use it directly through [`FromStr`] with
/// [`Format::NAMES`] as its possible values and [`Format::description`] as
/// their help. [`crate::Reporter`] writes every format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// The terminal table for people ([`crate::write_table_call`],
    /// [`crate::write_table_summary`]).
    Table,
    /// One JSON document for the whole batch ([`crate::write_json`]).
    Json,
    /// One audit (output revision 2) per line ([`crate::write_jsonl`]).
    Jsonl,
    /// One audit as output v1 per line, for old consumers
    /// ([`crate::write_jsonl_v1`]).
    JsonlV1,
    /// The `json` document with v1 audits (`schema_version` 1).
    JsonV1,
    /// A self-contained HTML page ([`crate::write_html`]).
    Html,
    /// One spreadsheet row per call (UTF-8 with a byte order mark).
    Csv,
}

impl Format {
    /// Every format, in the order of [`Format::NAMES`].
    pub const ALL: [Format; 7] = [
        Format::Table,
        Format::Json,
        Format::Jsonl,
        Format::Csv,
        Format::Html,
        Format::JsonlV1,
        Format::JsonV1,
    ];

    /// The names [`Format::from_str`] accepts.
    pub const NAMES: [&'static str; 7] = [
        "table", "json", "jsonl", "csv", "html", "jsonl-v1", "json-v1",
    ];

    /// The command-line name of the format.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::JsonlV1 => "jsonl-v1",
            Format::JsonV1 => "json-v1",
            Format::Html => "html",
            Format::Csv => "csv",
        }
    }

    /// One line saying what the format is for, as `--help` shows it.
    pub fn description(self) -> &'static str {
        match self {
            Format::Table => "a block per call and a summary, for the terminal",
            Format::Json => "one JSON document: every audit and the summary",
            Format::Jsonl => "one audit per line (audit output revision 2), for programs",
            Format::JsonlV1 => "one audit per line as audit output v1, for old consumers",
            Format::JsonV1 => "the json document with audit output v1, for old consumers",
            Format::Csv => "one row per call with a column per rule, for spreadsheets",
            Format::Html => "one self-contained page: summary, charts, the worst failed calls",
        }
    }

    /// Whether each call is shown as it comes in (`table`, `jsonl`, `csv`);
    /// `json` and `html` are usable only once the batch is complete.
    pub fn is_streaming(self) -> bool {
        matches!(
            self,
            Format::Table | Format::Jsonl | Format::JsonlV1 | Format::Csv
        )
    }

    /// Whether the format ends with the batch summary (`table`, `json`,
    /// `html`); for the others [`crate::Reporter`] computes none.
    pub fn needs_summary(self) -> bool {
        matches!(
            self,
            Format::Table | Format::Json | Format::JsonV1 | Format::Html
        )
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = ParseNameError;

    fn from_str(s: &str) -> Result<Format, ParseNameError> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| ParseNameError::new("format", s, &Format::NAMES))
    }
}

/// Which verdicts the table prints under each call's header line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Details {
    /// Every verdict for a batch of up to [`Details::AUTO_ALL_UP_TO`]
    /// calls, failures only for a larger one. [`crate::Reporter`] holds the
    /// first calls back until it knows which (at most 21 of them);
    /// [`crate::write_table_call`] alone treats it as `All`.
    Auto,
    /// Every verdict: passes, failures and `n/a`.
    #[default]
    All,
    /// Failures only.
    Failed,
    /// The header line alone.
    None,
}

impl Details {
    /// Every level, in the order of [`Details::NAMES`].
    pub const ALL: [Details; 4] = [Details::Auto, Details::All, Details::Failed, Details::None];

    /// The names [`Details::from_str`] accepts.
    pub const NAMES: [&'static str; 4] = ["auto", "all", "failed", "none"];

    /// The largest batch that [`Details::Auto`] shows in full.
    pub const AUTO_ALL_UP_TO: usize = 20;

    /// The command-line name of the level.
    pub fn as_str(self) -> &'static str {
        match self {
            Details::Auto => "auto",
            Details::All => "all",
            Details::Failed => "failed",
            Details::None => "none",
        }
    }
}

impl fmt::Display for Details {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Details {
    type Err = ParseNameError;

    fn from_str(s: &str) -> Result<Details, ParseNameError> {
        Details::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| ParseNameError::new("detail level", s, &Details::NAMES))
    }
}

/// A name that is not one of [`Format::NAMES`] or [`Details::NAMES`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseNameError {
    what: &'static str,
    given: String,
    expected: &'static [&'static str],
}

impl ParseNameError {
    fn new(what: &'static str, given: &str, expected: &'static [&'static str]) -> Self {
        ParseNameError {
            what,
            given: given.to_owned(),
            expected,
        }
    }
}

impl fmt::Display for ParseNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} {:?} (expected one of ",
            self.what, self.given
        )?;
        for (i, name) in self.expected.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{name:?}")?;
        }
        f.write_str(")")
    }
}

impl std::error::Error for ParseNameError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (f, name) in Format::ALL.into_iter().zip(Format::NAMES) {
            assert_eq!(f.to_string(), name);
            assert_eq!(name.parse::<Format>().unwrap(), f);
        }
        for (d, name) in Details::ALL.into_iter().zip(Details::NAMES) {
            assert_eq!(d.to_string(), name);
            assert_eq!(name.parse::<Details>().unwrap(), d);
        }
    }

    #[test]
    fn unknown_name_lists_the_choices() {
        let err = "xml".parse::<Format>().unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"unknown format "xml" (expected one of "table", "json", "jsonl", "csv", "html", "jsonl-v1", "json-v1")"#
        );
        let err = "some".parse::<Details>().unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"unknown detail level "some" (expected one of "auto", "all", "failed", "none")"#
        );
    }
}
