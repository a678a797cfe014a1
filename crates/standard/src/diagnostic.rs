//! Problems found in a standard file, each pointing at `file:line:column`
//! with the offending line and a hint, rendered the way rustc and ripgrep
//! show config errors. Loading collects every problem before giving up, so
//! one run shows all of them.

use std::fmt;
use std::ops::Range;

/// One problem in a standard file.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub message: String,
    /// Byte range in the file, when the problem has a place.
    pub span: Option<Range<usize>>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(message: impl Into<String>, span: Option<Range<usize>>) -> Diagnostic {
        Diagnostic {
            message: message.into(),
            span,
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}

/// Every problem of one standard file, with the file's name and text so it
/// can render positions and snippets.
#[derive(Clone, Debug, PartialEq)]
pub struct StandardError {
    pub path: String,
    pub source_text: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl std::error::Error for StandardError {}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

impl fmt::Display for StandardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            let Some(span) = &d.span else {
                write!(f, "{}: {}", self.path, d.message)?;
                if let Some(help) = &d.help {
                    write!(f, "\n   = help: {help}")?;
                }
                continue;
            };
            let (line, col) = line_col(&self.source_text, span.start);
            writeln!(f, "{}:{}:{}: {}", self.path, line, col, d.message)?;
            let text = self.source_text.lines().nth(line - 1).unwrap_or("");
            let gutter = line.to_string().len();
            let width = {
                let end = span.end.min(self.source_text.len()).max(span.start);
                let (end_line, end_col) = line_col(&self.source_text, end);
                if end_line == line && end_col > col {
                    end_col - col
                } else {
                    text.chars().count().saturating_sub(col - 1).max(1)
                }
            };
            writeln!(f, "{:gutter$} |", "")?;
            writeln!(f, "{line} | {text}")?;
            write!(
                f,
                "{:gutter$} | {:pad$}{}",
                "",
                "",
                "^".repeat(width),
                pad = col - 1
            )?;
            if let Some(help) = &d.help {
                write!(f, "\n{:gutter$} = help: {help}", "")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a = 1\nб = «x»\n";
        assert_eq!(line_col(text, 0), (1, 1));
        let pos = text.find('«').unwrap();
        assert_eq!(line_col(text, pos), (2, 5));
    }

    #[test]
    fn renders_snippet_with_caret_and_help() {
        let text = "version = 1\nid = \"x\"\nrevision = -5\n";
        let start = text.find("-5").unwrap();
        let err = StandardError {
            path: "acme.toml".into(),
            source_text: text.into(),
            diagnostics: vec![Diagnostic::new(
                "revision must be at least 1, got -5",
                Some(start..start + 2),
            )
            .with_help("bump it when the rules change")],
        };
        let shown = err.to_string();
        assert_eq!(
            shown,
            "acme.toml:3:12: revision must be at least 1, got -5\n  |\n3 | revision = -5\n  |            ^^\n  = help: bump it when the rules change"
        );
    }
}
