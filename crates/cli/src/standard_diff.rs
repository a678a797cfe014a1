//! `callqa standard diff OLD NEW [--calls FILE|DIR…] [--format text|json]`:
//! what changed between two standard files and, over calls, which verdicts
//! and scores change (`callqa_booklet::diff`, `diff_calls`). Exit 0 when
//! both files compile and every call was read.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use callqa_report::escape_message as esc;
use clap::{Args, ValueEnum};

use crate::standard_cmd::{load_with_text, read_calls};
use crate::Status;

/// `--format` of `callqa standard diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Lines for a person.
    Text,
    /// One JSON object.
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The current standard file.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The revision to compare with it.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Call records (files or directories) to audit with both.
    #[arg(long, value_name = "FILE|DIR", num_args = 1..)]
    pub calls: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

pub fn run(a: &DiffArgs) -> Result<Status> {
    let Some((old, old_text)) = load_with_text(Some(&a.old))? else {
        return Ok(Status::BadInput);
    };
    let Some((new, new_text)) = load_with_text(Some(&a.new))? else {
        return Ok(Status::BadInput);
    };
    let d = callqa_booklet::diff(&old, &old_text, &new, &new_text);
    let mut bad = false;
    let calls = if a.calls.is_empty() {
        None
    } else {
        let (calls, had_bad) = read_calls(&a.calls);
        bad = had_bad;
        Some(callqa_booklet::diff_calls(&old, &new, &calls))
    };
    let mut out = std::io::stdout().lock();
    match a.format {
        DiffFormat::Text => {
            out.write_all(esc(&callqa_booklet::diff_text(&d, calls.as_ref())).as_bytes())?
        }
        DiffFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &callqa_booklet::diff_json(&d, calls.as_ref()))?;
            writeln!(out)?;
        }
    }
    Ok(if bad { Status::BadInput } else { Status::Ok })
}
