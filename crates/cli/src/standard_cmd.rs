//! `callqa standard check|show|rules`: validate a standard file, print the
//! built-in one, list rules.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use anyhow::Result;
use callqa_standard::{Standard, DEFAULT_STANDARD_TOML};

use crate::args::StandardCommand;
use crate::Status;

/// Loads the standard from a file, or the built-in default. A bad file is
/// printed with all its problems; the caller exits 2.
pub fn load(path: Option<&Path>) -> Result<Option<Arc<Standard>>> {
    match path {
        None => Ok(Some(callqa_standard::builtin())),
        Some(p) => match callqa_standard::from_path(p) {
            Ok(s) => Ok(Some(s)),
            Err(e) => {
                eprintln!(
                    "callqa: {} problem(s) in the standard:\n{e}",
                    e.diagnostics.len()
                );
                Ok(None)
            }
        },
    }
}

pub fn run(cmd: &StandardCommand) -> Result<Status> {
    let mut out = std::io::stdout().lock();
    match cmd {
        StandardCommand::Check { file } => match callqa_standard::from_path(file) {
            Ok(s) => {
                writeln!(
                    out,
                    "{}: ok — {} ({} rules, {} phrase sets)",
                    file.display(),
                    s.label(),
                    s.rules().len(),
                    s.set_names().len()
                )?;
                Ok(Status::Ok)
            }
            Err(e) => {
                eprintln!("{e}");
                eprintln!(
                    "callqa: {} problem(s) in {}",
                    e.diagnostics.len(),
                    file.display()
                );
                Ok(Status::BadInput)
            }
        },
        StandardCommand::Show => {
            out.write_all(DEFAULT_STANDARD_TOML.as_bytes())?;
            Ok(Status::Ok)
        }
        StandardCommand::Rules { standard } => {
            let Some(std) = load(standard.as_deref())? else {
                return Ok(Status::BadInput);
            };
            writeln!(out, "{} — {}", std.label(), std.title())?;
            for r in std.rules() {
                writeln!(
                    out,
                    "{:<28} {:<8} {:>4}  {}",
                    r.id,
                    r.severity.as_str(),
                    r.weight,
                    r.title
                )?;
            }
            Ok(Status::Ok)
        }
    }
}
