//! The spreadsheet format (`--format csv`): one row per call, written as the
//! audits come in. The layout is documented on [`CsvWriter`].

use std::io::{self, Write};

use callqa_model::{CallAudit, Outcome, Severity};

/// The byte order mark that makes Excel read the file as UTF-8 (without it,
/// Cyrillic and Armenian text opens as mojibake).
const BOM: &[u8] = "\u{feff}".as_bytes();

/// The columns before the per-rule ones.
const FIXED: [&str; 8] = [
    "call",
    "operator",
    "standard",
    "score",
    "raw_score",
    "passed",
    "failed_rules",
    "critical_failed",
];

/// Writes audits as CSV rows.
///
/// # Format
///
/// UTF-8 with a byte order mark, comma-separated, CRLF line ends, fields
/// quoted when they hold a comma, quote or line break (RFC 4180). The
/// header row names the columns:
///
/// `call,operator,standard,score,raw_score,passed,failed_rules,critical_failed,{rule…}`
///
/// - `score` has one decimal, empty when no rule applied; `raw_score` is
///   the score before an auto-fail; `passed` is `true` or `false`.
/// - `failed_rules` is the ids of every failed rule, space-separated, and
///   `critical_failed` the same for critical rules only.
/// - then one column per rule, named by its id, holding `pass`, `fail`,
///   `n/a`, or nothing when the audit has no verdict for it. The rules are
///   those given to [`CsvWriter::new`], or else those of the first audit, in
///   its order; a later audit's rule outside them still shows in
///   `failed_rules`.
///
/// Text that a spreadsheet would take for a formula (starting with `=`,
/// `+`, `-`, `@`, tab or carriage return) is prefixed with `'`.
pub(crate) struct CsvWriter {
    rules: Vec<String>,
    header_written: bool,
}

impl CsvWriter {
    /// A writer with these rule columns (empty: those of the first audit).
    pub(crate) fn new(rules: Vec<String>) -> CsvWriter {
        CsvWriter {
            rules,
            header_written: false,
        }
    }

    /// Writes one call's row (after the BOM and header, the first time).
    pub(crate) fn add<W: Write>(&mut self, w: &mut W, audit: &CallAudit) -> io::Result<()> {
        if !self.header_written {
            if self.rules.is_empty() {
                self.rules = audit.verdicts.iter().map(|v| v.rule.clone()).collect();
            }
            self.write_header(w)?;
        }
        let failed = |critical_only: bool| -> String {
            let ids: Vec<&str> = audit
                .verdicts
                .iter()
                .filter(|v| v.outcome == Outcome::Fail)
                .filter(|v| !critical_only || v.severity == Severity::Critical)
                .map(|v| v.rule.as_str())
                .collect();
            ids.join(" ")
        };
        let mut record: Vec<String> = vec![
            defuse(&audit.call),
            defuse(audit.operator.as_deref().unwrap_or("")),
            defuse(&audit.standard),
            audit.score.map(|s| format!("{s:.1}")).unwrap_or_default(),
            audit
                .raw_score
                .map(|s| format!("{s:.1}"))
                .unwrap_or_default(),
            audit.passed.to_string(),
            defuse(&failed(false)),
            defuse(&failed(true)),
        ];
        for rule in &self.rules {
            let outcome = audit
                .verdicts
                .iter()
                .find(|v| &v.rule == rule)
                .map_or("", |v| v.outcome.as_str());
            record.push(outcome.to_owned());
        }
        write_row(w, &record)
    }

    /// Finishes the file: a batch without calls still gets its header.
    pub(crate) fn finish<W: Write>(&mut self, w: &mut W) -> io::Result<()> {
        if !self.header_written {
            self.write_header(w)?;
        }
        Ok(())
    }

    fn write_header<W: Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.header_written = true;
        w.write_all(BOM)?;
        let header: Vec<String> = FIXED
            .iter()
            .map(|s| (*s).to_owned())
            .chain(self.rules.iter().map(|r| defuse(r)))
            .collect();
        write_row(w, &header)
    }
}

/// Writes one quoted CSV record to `w` (through a writer that lives for
/// the row, so that each row reaches `w` as it is written).
fn write_row<W: Write>(w: &mut W, record: &[String]) -> io::Result<()> {
    let mut row = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .buffer_capacity(1024)
        .from_writer(w);
    row.write_record(record).map_err(csv_error)?;
    row.flush()
}

fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Text a spreadsheet must show as text, not evaluate as a formula.
fn defuse(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{audit, audits, fail, pass};

    fn render(audits: &[CallAudit], rules: Vec<String>) -> String {
        let mut out = Vec::new();
        let mut w = CsvWriter::new(rules);
        for a in audits {
            w.add(&mut out, a).unwrap();
        }
        w.finish(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn golden() {
        let expected = "\u{feff}\
call,operator,standard,score,raw_score,passed,failed_rules,critical_failed,greeting.company,hold.thanks,outbound.time_check\r
2026-03-02-000117,op-17,ru-default@1,84.6,84.6,true,hold.thanks,,pass,fail,n/a\r
2026-03-02-000118,op-17,ru-default@1,100.0,100.0,true,,,pass,n/a,n/a\r
2026-03-02-000119,op-3,ru-default@1,50.0,50.0,false,greeting.company hold.thanks,greeting.company,fail,fail,n/a\r
";
        assert_eq!(render(&audits(), Vec::new()), expected);
    }

    #[test]
    fn quoting_cyrillic_and_formulas() {
        let a = audit(
            "звонок, \"первый\"\nстрока",
            Some("=HYPERLINK(\"http://x\")"),
            70.0,
            true,
            vec![pass("greeting.company", &[]), fail("r", "m", &[])],
        );
        let text = render(&[a], vec!["r".into(), "missing".into()]);
        let mut lines = text.split("\r\n");
        assert!(lines.next().unwrap().ends_with("critical_failed,r,missing"));
        assert_eq!(
            lines.next().unwrap(),
            "\"звонок, \"\"первый\"\"\nстрока\",\"'=HYPERLINK(\"\"http://x\"\")\",ru-default@1,70.0,70.0,true,r,,fail,"
        );
        // Read back with a CSV parser, the fields are the original ones.
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[0], "звонок, \"первый\"\nстрока");
        assert_eq!(&row[1], "'=HYPERLINK(\"http://x\")");
    }

    #[test]
    fn empty_batch_has_bom_and_header() {
        let text = render(&[], vec!["a".into()]);
        assert_eq!(
            text,
            "\u{feff}call,operator,standard,score,raw_score,passed,failed_rules,critical_failed,a\r\n"
        );
    }
}
