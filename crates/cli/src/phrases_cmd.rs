//! `callqa phrases list|try|suggest`: a standard's phrase entries exactly
//! as written (one set or all, as `callqa standard phrases`), whether and
//! how a sentence matches each entry of a set, and the near misses of a
//! rule's recommended phrases across real calls.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use callqa_booklet::{did_you_mean, PhraseCatalog};
use callqa_report::{escape_message as esc, escape_terminal};
use clap::Subcommand;

use crate::args::LangChoice;
use crate::standard_cmd::{lang_of, load_with_text, phrase_entries, read_calls};
use crate::Status;

#[derive(Debug, Subcommand)]
pub enum PhrasesCommand {
    /// Print phrase entries exactly as written, one a line: every set
    /// (as `callqa standard phrases`), or one set's ru, en, hy entries.
    List {
        /// The set; all sets when absent.
        #[arg(value_name = "SET")]
        set: Option<String>,
        /// The standard file; the built-in default when absent.
        #[arg(long, value_name = "FILE")]
        standard: Option<PathBuf>,
    },
    /// Whether and how a sentence matches the set: the entry that matched
    /// and how, or the nearest entries with the words found and missing
    /// (exit 1 when it does not match, like grep).
    Try {
        /// The phrase set.
        #[arg(value_name = "SET")]
        set: String,
        /// The sentence, as an operator would say it.
        #[arg(value_name = "TEXT")]
        text: String,
        /// The standard file; the built-in default when absent.
        #[arg(long, value_name = "FILE")]
        standard: Option<PathBuf>,
        /// The sentence's language (default: detected, else the standard's fallback).
        #[arg(long, value_enum)]
        lang: Option<LangChoice>,
    },
    /// The utterances in a rule's window, across the calls, that nearly
    /// say one of its recommended phrases but match none, most frequent
    /// first: what to add to the set.
    Suggest {
        /// The rule whose phrases to grow.
        #[arg(long, value_name = "RULE")]
        rule: String,
        /// Call records: files or directories.
        #[arg(value_name = "CALLS", required = true)]
        calls: Vec<PathBuf>,
        /// The standard file; the built-in default when absent.
        #[arg(long, value_name = "FILE")]
        standard: Option<PathBuf>,
        /// Show at most this many groups.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// The language of the notes (default: the standard's report_language).
        #[arg(long, value_enum)]
        lang: Option<LangChoice>,
    },
}

fn unknown_set(set: &str, catalog: &PhraseCatalog, file: &Option<PathBuf>) -> Status {
    let hint = did_you_mean(set, catalog.sets.keys().map(String::as_str))
        .map(|c| format!("; did you mean «{c}»?"))
        .unwrap_or_default();
    let file = file
        .as_ref()
        .map(|p| format!("{}: ", p.display()))
        .unwrap_or_default();
    callqa_report::eprint_message(format_args!("{file}no phrase set «{set}»{hint}"));
    Status::BadInput
}

pub fn run(cmd: &PhrasesCommand) -> Result<Status> {
    let mut out = std::io::stdout().lock();
    match cmd {
        PhrasesCommand::List {
            set: None,
            standard,
        } => {
            let Some(entries) = phrase_entries(standard.as_deref())? else {
                return Ok(Status::BadInput);
            };
            for e in entries {
                writeln!(out, "{}", escape_terminal(&e))?;
            }
        }
        PhrasesCommand::List {
            set: Some(set),
            standard,
        } => {
            let Some((_, text)) = load_with_text(standard.as_deref())? else {
                return Ok(Status::BadInput);
            };
            let catalog = PhraseCatalog::from_toml(&text);
            let Some(s) = catalog.set(set) else {
                return Ok(unknown_set(set, &catalog, standard));
            };
            for e in s.entries.iter().flatten() {
                writeln!(out, "{}", escape_terminal(e))?;
            }
        }
        PhrasesCommand::Try {
            set,
            text,
            standard,
            lang,
        } => {
            let Some((std, file)) = load_with_text(standard.as_deref())? else {
                return Ok(Status::BadInput);
            };
            let catalog = PhraseCatalog::from_toml(&file);
            let Some(s) = catalog.set(set) else {
                return Ok(unknown_set(set, &catalog, standard));
            };
            let lang = lang.map(|l| lang_of(Some(l), &std));
            let t = callqa_booklet::try_set(&std, &catalog, set, text, lang);
            let mut o = String::new();
            let desc = s.description.as_deref().unwrap_or("");
            o.push_str(&format!("«{set}» ({}): {desc}\n", t.lang.as_str()));
            for m in &t.matches {
                let neg = if m.negated {
                    " — negated: a rule that checks negation does not count it"
                } else {
                    ""
                };
                o.push_str(&format!("match: {} — «{}»{neg}\n", m.how, m.quote));
            }
            if t.matches.is_empty() {
                o.push_str(&format!(
                    "no match among {} {} entries\n",
                    s.entries(t.lang).len(),
                    t.lang.as_str()
                ));
                for n in &t.near {
                    o.push_str(&format!("nearest: «{}»: {}\n", n.entry, n.describe(t.lang)));
                }
                if t.near.is_empty() {
                    o.push_str(
                        "no entry is near: fewer than half of any entry's key words are there\n",
                    );
                }
            }
            out.write_all(esc(&o).as_bytes())?;
            return Ok(if t.matches.is_empty() {
                Status::SomeFailed
            } else {
                Status::Ok
            });
        }
        PhrasesCommand::Suggest {
            rule,
            calls,
            standard,
            limit,
            lang,
        } => {
            let Some((std, file)) = load_with_text(standard.as_deref())? else {
                return Ok(Status::BadInput);
            };
            let catalog = PhraseCatalog::from_toml(&file);
            let lang = lang_of(*lang, &std);
            let (calls, bad) = read_calls(calls);
            let groups = match callqa_booklet::suggest(&std, &catalog, rule, &calls) {
                Ok(g) => g,
                Err(e) => {
                    callqa_report::eprint_message(format_args!("{e}"));
                    return Ok(Status::BadInput);
                }
            };
            let mut o = String::new();
            let total: usize = groups.iter().map(|g| g.count).sum();
            o.push_str(&format!(
                "{rule}: {total} near misses in {} groups over {} calls\n",
                groups.len(),
                calls.len()
            ));
            for g in groups.iter().take(*limit) {
                o.push_str(&format!(
                    "{:>4} × «{}»  (e.g. call {})\n       nearest «{}» in «{}»: {}\n",
                    g.count,
                    g.text,
                    g.example_call,
                    g.near.entry,
                    g.set,
                    g.near.describe(lang)
                ));
            }
            out.write_all(esc(&o).as_bytes())?;
            if bad {
                return Ok(Status::BadInput);
            }
        }
    }
    Ok(Status::Ok)
}
