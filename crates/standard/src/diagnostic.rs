//! Problems found in a standard file, each pointing at `file:line:column`
//! with the offending line and a hint, rendered the way rustc and ripgrep
//! show config errors. Loading collects every problem before giving up, so
//! one run shows all of them.

use std::fmt;
use std::ops::Range;

/// One problem in a standard file.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// What is wrong, lower-case, quoting the bad value.
    pub message: String,
    /// Byte range in the file, when the problem has a place.
    pub span: Option<Range<usize>>,
    /// A hint: the nearest known key, an example.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem at a byte range of the file (`None`: the whole file).
    pub fn new(message: impl Into<String>, span: Option<Range<usize>>) -> Diagnostic {
        Diagnostic {
            message: message.into(),
            span,
            help: None,
        }
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
}

/// Every problem of one standard file, with the file's name and text so it
/// can render positions and snippets.
#[derive(Clone, Debug, PartialEq)]
pub struct StandardError {
    /// The file, as messages name it.
    pub path: String,
    /// The file's text, for positions and snippets.
    pub source_text: String,
    /// Every problem found, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl std::error::Error for StandardError {}

/// The start of every line of a text, built once per rendering so that each
/// diagnostic finds its line by binary search instead of rescanning the file
/// (20,000 problems used to take 37 s).
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    /// Indexes the lines of `text` (one pass).
    pub fn new(text: &'t str) -> LineIndex<'t> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let col = self.text[start..offset].chars().count() + 1;
        (line, col)
    }

    /// The text of a 1-based line, without its line break.
    pub fn line(&self, line: usize) -> &'t str {
        count_line_scanned();
        let start = self
            .starts
            .get(line - 1)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .starts
            .get(line)
            .map(|&e| e - 1)
            .unwrap_or(self.text.len());
        self.text[start..end.max(start)].trim_end_matches('\r')
    }
}

thread_local! {
    static LINES_SCANNED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

fn count_line_scanned() {
    LINES_SCANNED.with(|n| n.set(n.get() + 1));
}

/// How many source lines this thread's renderings have read. For cost
/// tests: rendering a diagnostic reads its own line, not the file.
#[doc(hidden)]
pub fn lines_scanned() -> u64 {
    LINES_SCANNED.with(std::cell::Cell::get)
}

/// 1-based line and column (in characters) of a byte offset. For many
/// offsets in one text, build a [`LineIndex`] once.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_col(offset)
}

/// Control characters (terminal escapes among them) as `\u{1b}`, so that
/// echoing a standard's text or ids cannot drive the terminal.
pub fn escape(text: &str) -> String {
    if !text.chars().any(|c| c.is_control() && c != '\t') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() && c != '\t' {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The nearest of `known` to `word`, when it is close enough to be a typo.
pub fn suggest<'k>(word: &str, known: impl IntoIterator<Item = &'k str>) -> Option<&'k str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    known
        .into_iter()
        .map(|k| (edit_distance(k, word), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Edit distance over characters (insertions, deletions, substitutions
/// and swaps of two neighbours: «titel» is one edit from «title»), for
/// "did you mean" hints. Words are cut at 200 characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(200).collect();
    let b: Vec<char> = b.chars().take(200).collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// Longest source line echoed whole; longer lines are cut around the caret.
const MAX_ECHO: usize = 100;

/// The part of a line to echo, escaped, and where the caret goes in it:
/// `(text, caret column from 0, caret width)`.
fn echo(line: &str, col: usize, width: usize) -> (String, usize, usize) {
    let chars: Vec<char> = line.chars().collect();
    let at = (col - 1).min(chars.len());
    let (from, to) = if chars.len() <= MAX_ECHO {
        (0, chars.len())
    } else {
        let from = at.saturating_sub(MAX_ECHO / 2);
        (from, (from + MAX_ECHO).min(chars.len()))
    };
    let width = width.min(to.saturating_sub(at)).max(1);
    let mut out = String::new();
    let mut pad = 0;
    let mut caret = 0;
    if from > 0 {
        out.push('…');
        pad += 1;
    }
    for (k, &c) in chars[from..to].iter().enumerate() {
        let shown = escape(c.encode_utf8(&mut [0; 4]));
        let w = shown.chars().count();
        if from + k < at {
            pad += w;
        } else if from + k < at + width {
            caret += w;
        }
        out.push_str(&shown);
    }
    if to < chars.len() {
        out.push('…');
    }
    (out, pad, caret.max(1))
}

impl fmt::Display for StandardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let index = LineIndex::new(&self.source_text);
        let path = escape(&self.path);
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            let message = escape(&d.message);
            let Some(span) = &d.span else {
                write!(f, "{path}: {message}")?;
                if let Some(help) = &d.help {
                    write!(f, "\n   = help: {}", escape(help))?;
                }
                continue;
            };
            let (line, col) = index.line_col(span.start);
            writeln!(f, "{path}:{line}:{col}: {message}")?;
            let text = index.line(line);
            let gutter = line.to_string().len();
            let width = {
                let end = span.end.min(self.source_text.len()).max(span.start);
                let (end_line, end_col) = index.line_col(end);
                if end_line == line && end_col > col {
                    end_col - col
                } else {
                    text.chars().count().saturating_sub(col - 1).max(1)
                }
            };
            let (shown, pad, width) = echo(text, col, width);
            writeln!(f, "{:gutter$} |", "")?;
            writeln!(f, "{line} | {shown}")?;
            write!(f, "{:gutter$} | {:pad$}{}", "", "", "^".repeat(width))?;
            if let Some(help) = &d.help {
                write!(f, "\n{:gutter$} = help: {}", "", escape(help))?;
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
