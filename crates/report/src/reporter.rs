//! [`Reporter`]: the one entry point that writes any [`Format`], fed one
//! audit at a time, so a caller never matches on formats. Streaming formats
//! (table, jsonl, csv) write each call as it comes; a summary is kept only
//! for the formats that end with one (table, json, html); nothing holds the
//! whole batch (html keeps its worst calls, a bounded number).

use std::io::{self, Write};

use callqa_model::CallAudit;

use crate::csv_report::CsvWriter;
use crate::format::{Details, Format};
use crate::html::{HtmlOptions, HtmlReport};
use crate::json::write_jsonl;
use crate::json_stream::JsonStream;
use crate::summary::Summary;
use crate::table::{write_table_call, write_table_summary, TableOptions};

/// How a [`Reporter`] lays out each format; each format reads its own part.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReportOptions {
    /// Colour, detail level and width of `table`.
    pub table: TableOptions,
    /// The bound of `html`.
    pub html: HtmlOptions,
    /// The rule ids that get a column in `csv`, in order (the standard's
    /// rules); empty: those of the first audit.
    pub csv_rules: Vec<String>,
}

impl ReportOptions {
    /// The defaults: plain 80-column table with every verdict, 200 calls in
    /// HTML, CSV columns from the first audit.
    pub fn new() -> Self {
        ReportOptions::default()
    }

    /// With these table options.
    pub fn table(mut self, table: TableOptions) -> Self {
        self.table = table;
        self
    }

    /// With these HTML options.
    pub fn html(mut self, html: HtmlOptions) -> Self {
        self.html = html;
        self
    }

    /// With these CSV rule columns.
    pub fn csv_rules(mut self, rules: Vec<String>) -> Self {
        self.csv_rules = rules;
        self
    }
}

/// Writes a report in any [`Format`] to `W`, one audit at a time.
///
/// ```
/// use callqa_report::{Format, ReportOptions, Reporter};
/// # let audits: Vec<callqa_model::CallAudit> = Vec::new();
/// let mut reporter = Reporter::new(Format::Csv, Vec::new(), ReportOptions::new());
/// for audit in &audits {
///     reporter.add(audit)?;
/// }
/// let bytes = reporter.finish(0)?;
/// assert!(bytes.starts_with("\u{feff}call,".as_bytes()));
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// Pass `&mut out` as `W` to keep using `out`, or an [`crate::Output`] and
/// commit what [`Reporter::finish`] gives back. Every error is the writer's
/// [`io::Error`]; after one, the reporter should be dropped.
pub struct Reporter<W: Write> {
    out: W,
    summary: Option<Summary>,
    kind: Kind,
}

enum Kind {
    Table {
        opts: TableOptions,
        /// With [`Details::Auto`]: the first calls, held until it is known
        /// whether the batch is small enough to show in full.
        held: Option<Vec<CallAudit>>,
    },
    Jsonl,
    JsonlV1,
    Json(JsonStream),
    Csv(CsvWriter),
    Html(Box<HtmlReport>),
}

impl<W: Write> Reporter<W> {
    /// A reporter of `format` writing to `out`. Nothing is written yet.
    pub fn new(format: Format, out: W, opts: ReportOptions) -> Reporter<W> {
        let kind = match format {
            Format::Table => Kind::Table {
                opts: opts.table,
                held: (opts.table.details == Details::Auto).then(Vec::new),
            },
            Format::Jsonl => Kind::Jsonl,
            Format::JsonlV1 => Kind::JsonlV1,
            Format::Json => Kind::Json(JsonStream::new(false)),
            Format::JsonV1 => Kind::Json(JsonStream::new(true)),
            Format::Csv => Kind::Csv(CsvWriter::new(opts.csv_rules)),
            Format::Html => Kind::Html(Box::new(HtmlReport::new(opts.html))),
        };
        Reporter {
            out,
            summary: format.needs_summary().then(Summary::new),
            kind,
        }
    }

    /// Reports one call: written at once by `table` (unless
    /// [`Details::Auto`] is still deciding), `jsonl`, `csv` and `json`;
    /// gathered for the page by `html`.
    pub fn add(&mut self, audit: &CallAudit) -> io::Result<()> {
        if let Some(s) = &mut self.summary {
            s.add(audit);
        }
        let out = &mut self.out;
        match &mut self.kind {
            Kind::Table { opts, held } => match held {
                Some(calls) => {
                    calls.push(audit.clone());
                    if calls.len() > Details::AUTO_ALL_UP_TO {
                        opts.details = Details::Failed;
                        for a in calls.iter() {
                            write_table_call(&mut *out, a, opts)?;
                        }
                        *held = None;
                    }
                    Ok(())
                }
                None => write_table_call(out, audit, opts),
            },
            Kind::Jsonl => write_jsonl(out, audit),
            Kind::JsonlV1 => crate::json::write_jsonl_v1(out, audit),
            Kind::Json(j) => j.add(out, audit),
            Kind::Csv(c) => c.add(out, audit),
            Kind::Html(h) => {
                h.add(audit);
                Ok(())
            }
        }
    }

    /// Writes one call's record made by [`render_call`] for this
    /// reporter's format (`jsonl`, `jsonl-v1`), as [`Reporter::add`] would
    /// have written it; any other format is refused.
    pub fn add_rendered(&mut self, record: &[u8]) -> io::Result<()> {
        match self.kind {
            Kind::Jsonl | Kind::JsonlV1 => self.out.write_all(record),
            _ => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "this report format does not take records rendered one by one",
            )),
        }
    }

    /// Ends the report — the summary of `table`, `json` and `html`, with
    /// `unreadable` inputs (that have no audit) counted where the format
    /// shows it — flushes, and gives the writer back.
    pub fn finish(mut self, unreadable: usize) -> io::Result<W> {
        let summary = self.summary.take().unwrap_or_default();
        let out = &mut self.out;
        match self.kind {
            Kind::Table { mut opts, held } => {
                if let Some(calls) = held {
                    // Small batch: every verdict.
                    opts.details = Details::All;
                    for a in &calls {
                        write_table_call(&mut *out, a, &opts)?;
                    }
                }
                write_table_summary(&mut *out, &summary, unreadable, &opts)?;
            }
            Kind::Jsonl | Kind::JsonlV1 => {}
            Kind::Json(mut j) => j.finish(out, &summary)?,
            Kind::Csv(mut c) => c.finish(out)?,
            Kind::Html(h) => h.write(out, &summary, unreadable)?,
        }
        self.out.flush()?;
        Ok(self.out)
    }

    /// The writer, to check its state (e.g. [`crate::Output::is_broken`]).
    pub fn get_ref(&self) -> &W {
        &self.out
    }

    /// The calls added so far, when the format keeps a summary.
    pub fn summary(&self) -> Option<&Summary> {
        self.summary.as_ref()
    }
}

/// Renders the record of one call in `format` into `out`, when that record
/// depends on the call alone (`jsonl`, `jsonl-v1`), so that it can be made
/// on any thread and written in order with [`Reporter::add_rendered`];
/// `None` (and nothing written) for the other formats.
pub fn render_call(format: Format, audit: &CallAudit, out: &mut Vec<u8>) -> Option<io::Result<()>> {
    match format {
        Format::Jsonl => Some(write_jsonl(out, audit)),
        Format::JsonlV1 => Some(crate::json::write_jsonl_v1(out, audit)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{audit, audits, fail, pass};

    fn report(format: Format, opts: ReportOptions, audits: &[CallAudit]) -> String {
        let mut r = Reporter::new(format, Vec::new(), opts);
        for a in audits {
            r.add(a).unwrap();
        }
        String::from_utf8(r.finish(1).unwrap()).unwrap()
    }

    /// Every format through the reporter gives what its own writer gives.
    #[test]
    fn each_format_matches_its_writer() {
        let audits = audits();
        let mut summary = Summary::new();
        audits.iter().for_each(|a| summary.add(a));
        let table_opts = TableOptions::default();

        let mut table = Vec::new();
        for a in &audits {
            write_table_call(&mut table, a, &table_opts).unwrap();
        }
        write_table_summary(&mut table, &summary, 1, &table_opts).unwrap();
        let opts = ReportOptions::new().table(table_opts);
        assert_eq!(
            report(Format::Table, opts.clone(), &audits).as_bytes(),
            table
        );

        let mut jsonl = Vec::new();
        audits
            .iter()
            .for_each(|a| write_jsonl(&mut jsonl, a).unwrap());
        assert_eq!(
            report(Format::Jsonl, opts.clone(), &audits).as_bytes(),
            jsonl
        );

        let mut json = Vec::new();
        crate::write_json(&mut json, &audits, &summary).unwrap();
        assert_eq!(report(Format::Json, opts.clone(), &audits).as_bytes(), json);

        let html = report(Format::Html, opts.clone(), &audits);
        assert!(html.contains("<div class=\"n\">1</div><div class=\"l\">unreadable inputs</div>"));

        let csv = report(Format::Csv, opts, &audits);
        assert_eq!(csv.lines().count(), 4);
    }

    #[test]
    fn only_summary_formats_keep_a_summary() {
        for format in Format::ALL {
            let mut r = Reporter::new(format, Vec::new(), ReportOptions::new());
            r.add(&audits()[0]).unwrap();
            assert_eq!(r.summary().is_some(), format.needs_summary(), "{format}");
        }
    }

    #[test]
    fn records_rendered_apart_are_the_bytes_add_writes() {
        for format in Format::ALL {
            let mut added = Reporter::new(format, Vec::new(), ReportOptions::new());
            let mut rendered = Reporter::new(format, Vec::new(), ReportOptions::new());
            let mut record = Vec::new();
            for a in audits() {
                added.add(&a).unwrap();
                record.clear();
                match render_call(format, &a, &mut record) {
                    Some(done) => {
                        done.unwrap();
                        rendered.add_rendered(&record).unwrap();
                    }
                    None => {
                        assert!(record.is_empty(), "{format}");
                        assert!(rendered.add_rendered(b"{}\n").is_err(), "{format}");
                        rendered.add(&a).unwrap();
                    }
                }
            }
            let (added, rendered) = (added.finish(0).unwrap(), rendered.finish(0).unwrap());
            assert!(!added.is_empty(), "{format}");
            assert_eq!(added, rendered, "{format}");
        }
        let mut record = Vec::new();
        render_call(Format::Jsonl, &audits()[0], &mut record)
            .unwrap()
            .unwrap();
        assert!(record.ends_with(b"}\n") && record.starts_with(b"{"));
    }

    #[test]
    fn streaming_formats_write_each_call_at_once() {
        for format in [Format::Table, Format::Jsonl, Format::Csv] {
            let mut r = Reporter::new(format, Vec::new(), ReportOptions::new());
            r.add(&audits()[0]).unwrap();
            let after_one = r.get_ref().len();
            assert!(after_one > 0, "{format}");
            r.add(&audits()[1]).unwrap();
            assert!(r.get_ref().len() > after_one, "{format}");
        }
    }

    fn auto() -> ReportOptions {
        ReportOptions::new().table(TableOptions {
            details: Details::Auto,
            ..TableOptions::default()
        })
    }

    #[test]
    fn auto_details_show_a_small_batch_in_full() {
        let text = report(Format::Table, auto(), &audits());
        assert!(
            text.contains("  · outbound.time_check  inbound call"),
            "{text}"
        );
        let all = ReportOptions::new().table(TableOptions::default());
        assert_eq!(text, report(Format::Table, all, &audits()));
    }

    #[test]
    fn auto_details_show_failures_only_above_twenty_calls() {
        let calls: Vec<CallAudit> = (0..=Details::AUTO_ALL_UP_TO)
            .map(|i| {
                audit(
                    &format!("c{i}"),
                    Some("op"),
                    50.0,
                    true,
                    vec![pass("ok.rule", &[]), fail("bad.rule", "m", &[])],
                )
            })
            .collect();
        let mut r = Reporter::new(Format::Table, Vec::new(), auto());
        for a in &calls[..Details::AUTO_ALL_UP_TO] {
            r.add(a).unwrap();
        }
        assert!(r.get_ref().is_empty(), "held while undecided");
        r.add(&calls[Details::AUTO_ALL_UP_TO]).unwrap();
        let text = String::from_utf8(r.get_ref().clone()).unwrap();
        assert_eq!(text.matches("✗ bad.rule").count(), 21);
        assert!(!text.contains("ok.rule"), "passes are left out");
    }
}
