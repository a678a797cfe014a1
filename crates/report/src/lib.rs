//! callqa-report: renders audit results ([`callqa_model::CallAudit`]) for people and for
//! machines, and owns the way a report reaches its reader: the output
//! file that is replaced only when complete, a closed pipe that is not an
//! error, and text escaped before it reaches a terminal. It formats; it
//! never audits, reads input or decides exit codes, and it does not detect
//! terminals (the caller says whether to colour and how wide to be).
//!
//! [`Reporter`] is the entry point: created from a [`Format`] and
//! [`ReportOptions`], fed one audit at a time, finished with the count of
//! unreadable inputs.
//!
//! | [`Format`] | module | per call | summary |
//! |---|---|---|---|
//! | `table` | [`write_table_call`], [`write_table_summary`] | written at once | yes |
//! | `jsonl` | [`write_jsonl`] (audit output revision 2) | written at once | no |
//! | `jsonl-v1` | [`write_jsonl_v1`] (audit output v1) | written at once | no |
//! | `csv` | one row per call (see `csv_report.rs`) | written at once | no |
//! | `json` | same bytes as [`write_json`] | written at once | at the end |
//! | `json-v1` | the same with v1 audits, `schema_version` 1 | written at once | at the end |
//! | `html` | [`write_html`]: bounded page | worst calls kept | yes |
//!
//! Every writer takes any [`std::io::Write`] (pass `&mut out` to keep using
//! `out`) and returns [`std::io::Result`]. [`Output`] is the writer for
//! stdout and `--out` files; [`check_out_path`] checks an `--out` path
//! before the work starts; [`eprint_message`] writes a message to stderr
//! without panicking and with [`escape_message`] applied.
//!
//! # Example
//!
//! ```no_run
//! use callqa_model::CallAudit;
//! use callqa_report::{Format, Output, ReportOptions, Reporter};
//!
//! fn report(audits: &[CallAudit], unreadable: usize) -> std::io::Result<()> {
//!     let mut reporter = Reporter::new(Format::Table, Output::stdout(), ReportOptions::new());
//!     for audit in audits {
//!         reporter.add(audit)?;
//!     }
//!     reporter.finish(unreadable)?.commit()
//! }
//! # report(&[], 0).unwrap();
//! ```

#![deny(missing_docs)]

mod compact;
mod csv_report;
mod format;
mod html;
mod html_charts;
mod json;
mod json_stream;
pub mod labels;
mod output;
mod reporter;
mod summary;
mod table;
mod terminal;
#[cfg(test)]
mod testdata;
mod width;

#[cfg(test)]
mod compact_tests;
#[cfg(test)]
mod table_tests;

pub use format::{Details, Format, ParseNameError};
pub use html::{write_html, HtmlOptions};
pub use json::{write_json, write_jsonl, write_jsonl_v1, SCHEMA_VERSION};
pub use output::{check_out_path, OutPathError, Output};
pub use reporter::{render_call, ReportOptions, Reporter};
pub use summary::{OperatorStats, RuleStats, Summary};
pub use table::{write_table_call, write_table_summary, TableOptions};
pub use terminal::{eprint_message, escape_message, escape_terminal, print_stdout};

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_are_send_and_sync() {
        assert_send_sync::<Format>();
        assert_send_sync::<Details>();
        assert_send_sync::<ParseNameError>();
        assert_send_sync::<Summary>();
        assert_send_sync::<RuleStats>();
        assert_send_sync::<OperatorStats>();
        assert_send_sync::<TableOptions>();
        assert_send_sync::<HtmlOptions>();
        assert_send_sync::<ReportOptions>();
        assert_send_sync::<Reporter<Vec<u8>>>();
        assert_send_sync::<Output>();
        assert_send_sync::<OutPathError>();
    }
}
