//! `callqa standard explain RULE [--standard FILE] [--call FILE] [--lang
//! ru|en|hy]`: what a rule checks, its parameters and phrase sets, and with
//! a call the step-by-step reason for its verdict (`callqa_booklet::explain`).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use callqa_report::escape_message as esc;
use clap::Args;

use crate::args::LangChoice;
use crate::standard_cmd::{lang_of, load_with_text, read_calls};
use crate::Status;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule's id (`callqa standard rules` lists them).
    #[arg(value_name = "RULE")]
    pub rule: String,
    /// The standard file; the built-in default when absent.
    #[arg(long, value_name = "FILE")]
    pub standard: Option<PathBuf>,
    /// A call record (.json or .jsonl): explain the rule's verdict on it.
    #[arg(long, value_name = "FILE")]
    pub call: Option<PathBuf>,
    /// Which call of the file, by id (default: the first).
    #[arg(long, value_name = "ID", requires = "call")]
    pub id: Option<String>,
    /// The language of the explanation (default: the standard's report_language).
    #[arg(long, value_enum)]
    pub lang: Option<LangChoice>,
}

pub fn run(a: &ExplainArgs) -> Result<Status> {
    let Some((std, text)) = load_with_text(a.standard.as_deref())? else {
        return Ok(Status::BadInput);
    };
    let call = match &a.call {
        None => None,
        Some(path) => {
            let (calls, bad) = read_calls(std::slice::from_ref(path));
            let found = match &a.id {
                Some(id) => calls.into_iter().find(|c| &c.id == id),
                None => calls.into_iter().next(),
            };
            match found {
                Some(c) => Some(c),
                None => {
                    let what = match &a.id {
                        Some(id) => Some(format!("no call with id {id:?}")),
                        // The reader said why.
                        None if bad => None,
                        None => Some("no call in the file".to_string()),
                    };
                    if let Some(what) = what {
                        callqa_report::eprint_message(format_args!("{}: {what}", path.display()));
                    }
                    return Ok(Status::BadInput);
                }
            }
        }
    };
    let lang = lang_of(a.lang, &std);
    // The verdict's message comes in the explanation's language too.
    let std = if lang == std.report_language() {
        std
    } else {
        let mut own = (*std).clone();
        own.set_report_language(lang);
        std::sync::Arc::new(own)
    };
    match callqa_booklet::explain(&std, &text, &a.rule, call.as_ref(), lang) {
        Ok(out) => {
            std::io::stdout().lock().write_all(esc(&out).as_bytes())?;
            Ok(Status::Ok)
        }
        Err(e) => {
            let file = a
                .standard
                .as_ref()
                .map(|p| format!("{}: ", p.display()))
                .unwrap_or_default();
            callqa_report::eprint_message(format_args!("{file}{e}"));
            Ok(Status::BadInput)
        }
    }
}
