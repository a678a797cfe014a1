//! callqa-report: renders audit results ([`callqa_model::CallAudit`]) for people and for
//! machines. It formats; it never audits, reads input or decides exit
//! codes, and it does not detect terminals (the caller says whether to
//! colour and how wide to be).
//!
//! | [`Format`] | writer | streaming |
//! |---|---|---|
//! | `table` | [`write_table_call`] per call, then [`write_table_summary`] | yes |
//! | `jsonl` | [`write_jsonl`] per call (audit output v1) | yes |
//! | `json` | [`write_json`] (see its `# Format`) | no |
//! | `html` | [`write_html`] | no |
//!
//! Every writer takes any [`std::io::Write`] (pass `&mut out` to keep using
//! `out`) and returns [`std::io::Result`], so a broken pipe surfaces as
//! [`std::io::ErrorKind::BrokenPipe`] for the caller to handle.
//!
//! # Example
//!
//! ```
//! use callqa_model::CallAudit;
//! use callqa_report::{write_table_call, write_table_summary, Summary, TableOptions};
//!
//! fn report(audits: &[CallAudit], unreadable: usize) -> std::io::Result<()> {
//!     let mut out = std::io::stdout().lock();
//!     let opts = TableOptions { color: false, ..TableOptions::default() };
//!     let mut summary = Summary::new();
//!     for audit in audits {
//!         write_table_call(&mut out, audit, &opts)?;
//!         summary.add(audit);
//!     }
//!     write_table_summary(&mut out, &summary, unreadable, &opts)
//! }
//! # report(&[], 0).unwrap();
//! ```

#![deny(missing_docs)]

mod compact;
mod format;
mod html;
mod json;
mod summary;
mod table;
#[cfg(test)]
mod testdata;
mod width;

#[cfg(test)]
mod compact_tests;
#[cfg(test)]
mod table_tests;

pub use format::{Details, Format, ParseNameError};
pub use html::write_html;
pub use json::{write_json, write_jsonl, SCHEMA_VERSION};
pub use summary::{OperatorStats, RuleStats, Summary};
pub use table::{write_table_call, write_table_summary, TableOptions};

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
    }
}
