//! `callqa standard check|show|phrases|rules`: validate a standard file,
//! print the built-in one, print its phrase entries, list rules (`test` is
//! in `standard_test.rs`, `render` in `standard_render.rs`).

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
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

/// The standard and its file's text (the built-in default's when `None`);
/// `None` (problems printed) when the file does not compile.
pub fn load_with_text(path: Option<&Path>) -> Result<Option<(Arc<Standard>, String)>> {
    let Some(std) = load(path)? else {
        return Ok(None);
    };
    let text = match path {
        None => DEFAULT_STANDARD_TOML.to_string(),
        Some(p) => {
            std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?
        }
    };
    Ok(Some((std, text)))
}

/// The calls of `inputs` (files, directories), every bad record or file
/// printed to stderr; the flag says whether any was.
pub fn read_calls(inputs: &[std::path::PathBuf]) -> (Vec<callqa_model::Call>, bool) {
    let mut calls = Vec::new();
    let mut bad = false;
    for item in callqa_model::read_inputs(inputs) {
        match item {
            Ok(c) => calls.push(c),
            Err(e) => {
                bad = true;
                callqa_report::eprint_message(format_args!("{e}"));
            }
        }
    }
    (calls, bad)
}

/// The language a `--lang` names, else the standard's report language.
pub fn lang_of(choice: Option<crate::args::LangChoice>, std: &Standard) -> callqa_model::Lang {
    use crate::args::LangChoice;
    match choice {
        Some(LangChoice::Ru) => callqa_model::Lang::Ru,
        Some(LangChoice::En) => callqa_model::Lang::En,
        Some(LangChoice::Hy) => callqa_model::Lang::Hy,
        None => std.report_language(),
    }
}

/// Every phrase entry of the standard at `path` (the built-in default when
/// `None`) exactly as written: sets in name order, each set's ru, en, hy
/// entries in file order. `None` (problems printed) when the file does not
/// compile.
pub fn phrase_entries(path: Option<&Path>) -> Result<Option<Vec<String>>> {
    if load(path)?.is_none() {
        return Ok(None);
    }
    let text = match path {
        None => DEFAULT_STANDARD_TOML.to_string(),
        Some(p) => {
            std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    // The file compiled, so its phrase sets are tables of string arrays;
    // toml's tables iterate in key order, as the sets are listed.
    let file: toml::Table =
        toml::from_str(text).context("the standard compiled but does not parse")?;
    let mut out = Vec::new();
    let sets = file.get("phrases").and_then(toml::Value::as_table);
    for set in sets.into_iter().flat_map(|t| t.values()) {
        for lang in ["ru", "en", "hy"] {
            let entries = set.get(lang).and_then(toml::Value::as_array);
            out.extend(
                entries
                    .into_iter()
                    .flatten()
                    .filter_map(|e| e.as_str().map(str::to_string)),
            );
        }
    }
    Ok(Some(out))
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
        StandardCommand::Phrases { file } => {
            let Some(entries) = phrase_entries(file.as_deref())? else {
                return Ok(Status::BadInput);
            };
            for entry in entries {
                writeln!(out, "{entry}")?;
            }
            Ok(Status::Ok)
        }
        StandardCommand::Test { file } => crate::standard_test::run(file.as_deref()),
        StandardCommand::Render { file, format, lang } => {
            crate::standard_render::run(file.as_deref(), *format, *lang)
        }
        StandardCommand::Explain(a) => crate::standard_explain::run(a),
        StandardCommand::Diff(a) => crate::standard_diff::run(a),
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
