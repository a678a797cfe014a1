//! Tabular inputs shared by the CDR and CEL readers: CSV through the `csv`
//! crate (quoted fields with embedded quotes, commas and newlines; CRLF) and
//! the `|`-separated dumps `psql` prints (optional `---+---` rule line,
//! `(N rows)` footer, ragged trailing `|`).

/// One row and the 1-based line it starts on.
#[derive(Clone, Debug)]
pub struct Row {
    /// The 1-based line of the row in its file.
    pub line: usize,
    /// The row's fields, in column order, unquoted.
    pub fields: Vec<String>,
}

/// Reads CSV without treating any row as a header.
pub fn csv_rows(text: &str) -> Result<Vec<Row>, (usize, String)> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    // The csv crate's own line count lags behind on CRLF input: count from
    // byte offsets instead (the record starts after any line terminator).
    let bytes = text.as_bytes();
    let (mut counted_to, mut newlines) = (0usize, 0usize);
    let mut line_at = |byte: usize| -> usize {
        let mut start = byte.min(bytes.len());
        while start < bytes.len() && (bytes[start] == b'\r' || bytes[start] == b'\n') {
            start += 1;
        }
        if start > counted_to {
            newlines += bytes[counted_to..start]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            counted_to = start;
        }
        newlines + 1
    };
    for rec in rdr.records() {
        match rec {
            Ok(r) => {
                let line = r
                    .position()
                    .map(|p| line_at(p.byte() as usize))
                    .unwrap_or(0);
                if r.len() == 1 && r.get(0).is_some_and(|f| f.trim().is_empty()) {
                    continue;
                }
                out.push(Row {
                    line,
                    fields: r.iter().map(|f| f.to_string()).collect(),
                });
            }
            Err(e) => {
                let line = e
                    .position()
                    .map(|p| line_at(p.byte() as usize))
                    .unwrap_or(0);
                return Err((line, format!("bad CSV: {e}")));
            }
        }
    }
    Ok(out)
}

/// Reads a `|`-separated dump; the first non-empty line is the header.
/// Returns the lower-cased header and the rows (the last column absorbs any
/// extra `|`, so JSON in `extra` survives).
pub fn psv_rows(text: &str) -> (Vec<String>, Vec<Row>) {
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        let t = line.trim();
        if t.is_empty() || (t.starts_with('(') && t.ends_with(')')) {
            continue;
        }
        if t.starts_with('-') && t.chars().all(|c| c == '-' || c == '+' || c == ' ') {
            continue;
        }
        match &header {
            None => {
                let h: Vec<String> = t
                    .split('|')
                    .map(|s| s.trim().to_ascii_lowercase())
                    .collect();
                header = Some(h);
            }
            Some(h) => {
                let n = h
                    .iter()
                    .rposition(|c| !c.is_empty())
                    .map(|i| i + 1)
                    .unwrap_or(1);
                let mut fields: Vec<String> =
                    t.splitn(n, '|').map(|s| s.trim().to_string()).collect();
                if let Some(last) = fields.last_mut() {
                    let trimmed = last.trim_end_matches('|').trim().to_string();
                    *last = trimmed;
                }
                rows.push(Row {
                    line: i + 1,
                    fields,
                });
            }
        }
    }
    (header.unwrap_or_default(), rows)
}

/// A file cut off in the middle of its last row: no final newline, and the
/// row has fewer fields than the row before it (or than the header's
/// `columns` when it is the only row; 0: unknown) or ends inside a quoted
/// field. That row is reported with its line and dropped; the rows before
/// it are kept.
pub(crate) fn drop_truncated_tail(
    text: &str,
    mut rows: Vec<Row>,
    columns: usize,
    ctx: &mut crate::ParseCtx,
) -> Vec<Row> {
    if text.ends_with('\n') {
        return rows;
    }
    let expected = match rows.len() {
        0 => return rows,
        1 => columns,
        n => rows[n - 2].fields.len(),
    };
    let Some(last) = rows.last() else {
        return rows;
    };
    let start = text
        .match_indices('\n')
        .nth(last.line.saturating_sub(2))
        .map_or(0, |(i, _)| i + 1);
    let open_quote = last.line > 0 && text[start..].matches('"').count() % 2 == 1;
    let why = if open_quote {
        "inside a quoted field of this row".to_string()
    } else if last.fields.len() < expected {
        format!(
            "in the middle of this row ({} of {expected} fields)",
            last.fields.len()
        )
    } else {
        return rows;
    };
    ctx.error(
        Some(last.line),
        format!(
            "the file ends {why}, with no final newline: it looks truncated; row skipped, the rows before it are imported"
        ),
    );
    rows.pop();
    rows
}

/// Column lookup by name.
#[derive(Clone, Debug)]
pub struct Columns(Vec<String>);

impl Columns {
    /// Columns from a header's names, trimmed and lower-cased.
    pub fn new(names: Vec<String>) -> Self {
        Columns(
            names
                .into_iter()
                .map(|s| s.trim().to_ascii_lowercase())
                .collect(),
        )
    }

    /// How many columns the header has.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when the header has no columns.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The position of the column named `name` (lower-case), or `None` when the header lacks it.
    pub fn idx(&self, name: &str) -> Option<usize> {
        self.0.iter().position(|c| c == name)
    }

    /// The field of `row` in the column named `name` (lower-case); empty when the column or the field is missing.
    pub fn get<'r>(&self, row: &'r Row, name: &str) -> &'r str {
        self.idx(name)
            .and_then(|i| row.fields.get(i))
            .map(|s| s.as_str())
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_lines_are_one_based_and_count_embedded_newlines() {
        let rows = csv_rows("a,b\r\n\"x\ny\",2\r\nlast,3\r\n").unwrap();
        let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 4]);
        assert_eq!(rows[1].fields[0], "x\ny");
    }

    #[test]
    fn a_short_last_row_without_a_final_newline_is_reported_and_dropped() {
        let text = "a,b,c\n1,2,3\n4,5";
        let rows = csv_rows(text).unwrap();
        let mut ctx = crate::ParseCtx::new("t.csv", None);
        let kept = drop_truncated_tail(text, rows, 3, &mut ctx);
        assert_eq!(kept.len(), 2);
        assert_eq!(
            ctx.problems[0].to_string(),
            "t.csv:3: the file ends in the middle of this row (2 of 3 fields), with no final newline: it looks truncated; row skipped, the rows before it are imported"
        );
        let whole = "a,b,c\n1,2,3\n4,5\n";
        let rows = csv_rows(whole).unwrap();
        assert_eq!(drop_truncated_tail(whole, rows, 3, &mut ctx).len(), 3);
    }

    #[test]
    fn psv_dump() {
        let (h, rows) = psv_rows(" a | b \n---+---\n 1 | {\"x\":\"|\"}\n(1 row)\n");
        assert_eq!(h, vec!["a", "b"]);
        assert_eq!(rows[0].fields, vec!["1", "{\"x\":\"|\"}"]);
        assert_eq!(rows[0].line, 3);
    }
}
