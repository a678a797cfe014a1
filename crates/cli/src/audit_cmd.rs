//! `callqa audit`: wires the readers and importers to the engine's batch
//! runner and the runner's audits to the report writer. Each audit is
//! written as soon as it is decided; input problems are printed as they
//! are met and never stop the batch.
//!
//! Inputs that can be read twice (files and directories) get a first pass
//! that collects each call's compact cross-call facts, so that the
//! cross-call verdicts do not depend on the order calls are read in; up to
//! [`KEPT_ITEMS`] calls it also keeps what it read, so such inputs are
//! parsed once. stdin and other streams are audited in one pass, taken in
//! time order.

use std::io::{self, IsTerminal};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Result;
use callqa_engine::{CallFacts, CrossCalls, Runner};
use callqa_model::{read_inputs, Call, CallAudit, InputError};
use callqa_report::TableOptions;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::args::{AuditArgs, ColorChoice};
use crate::Status;

pub fn run(args: &AuditArgs) -> Result<Status> {
    if args.inputs.is_empty() && args.events.is_empty() && args.transcripts.is_empty() {
        anyhow::bail!("no input: give call record files or directories, `-` for stdin, or --events/--transcripts");
    }
    if let Some(location) = &args.store {
        return crate::audit_store::run(args, location);
    }
    let Some(mut std) = crate::standard_cmd::load(args.standard.as_deref())? else {
        return Ok(Status::BadInput);
    };
    // The audit is written in the language asked for: titles, verdict
    // messages, n/a reasons and computed facts (quotes stay as spoken).
    if let Some(lang) = args.lang.map(|l| l.lang()) {
        if lang != std.report_language() {
            std::sync::Arc::make_mut(&mut std).set_report_language(lang);
        }
    }
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    // Check the output first: a bad --out is reported before the audit.
    if let Some(out) = &args.out {
        callqa_report::check_out_path(out)?;
    }
    let out = callqa_report::Output::open(args.out.as_deref())?;
    let mut problems = 0usize;
    let quiet = args.quiet;
    let mut report_problem = |msg: &dyn std::fmt::Display| {
        problems += 1;
        if !quiet {
            callqa_report::eprint_message(msg);
        }
    };

    let imported = import(args, &mut report_problem)?;
    let rereadable = args.inputs.iter().all(|p| is_rereadable(p));
    let mut kept = None;
    let cross = if rereadable {
        let mut cross = CrossCalls::complete(std.clone());
        for call in &imported {
            cross.add_facts(CallFacts::of(call));
        }
        kept = first_pass(read_inputs(&args.inputs), &mut cross, KEPT_ITEMS);
        cross
    } else {
        CrossCalls::new(std.clone())
    };

    let progress = Progress::new();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => out.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let opts = callqa_report::ReportOptions::new()
        .table(TableOptions {
            color,
            details: args.details.details(),
            width: terminal_width().unwrap_or(100),
            lang: std.report_language(),
        })
        .html(callqa_report::HtmlOptions {
            lang: std.report_language(),
            ..Default::default()
        })
        .csv_rules(std.rules().iter().map(|r| r.id.clone()).collect());
    let mut reporter = callqa_report::Reporter::new(args.format, out, opts);
    let redactor = if args.no_redact {
        None
    } else {
        callqa_server::audit::redactor(&std)
    };
    let format = args.format;
    // On the workers: the audit read the text as received, the report shows
    // it redacted; a jsonl record is rendered there too, so the calling
    // thread only reads, decides cross-call rules and writes bytes.
    let finish = move |mut audit: CallAudit| -> Finished {
        if let Some(r) = &redactor {
            r.redact_audit(&mut audit);
        }
        let mut record = Vec::new();
        match callqa_report::render_call(format, &audit, &mut record) {
            Some(Ok(())) => Finished::Record(record),
            Some(Err(e)) => Finished::Failed(e),
            None => Finished::Audit(Box::new(audit)),
        }
    };
    let mut written = 0usize;
    // The audit pass: the calls the first pass kept, else the inputs read
    // again; either way the same items in the same order, so problems are
    // reported in place, as they are met.
    let items: Box<dyn Iterator<Item = Result<Call, InputError>>> = match kept {
        Some(items) => Box::new(items.into_iter()),
        None => Box::new(read_inputs(&args.inputs)),
    };
    let calls = imported
        .into_iter()
        .chain(items.filter_map(|item| match item {
            Ok(call) => Some(call),
            Err(e) => {
                report_problem(&e);
                None
            }
        }));
    let stats = Runner::new(std, jobs).run_then(cross, calls, &finish, &mut |done| {
        match done {
            Finished::Record(bytes) => reporter.add_rendered(&bytes)?,
            Finished::Audit(audit) => reporter.add(&audit)?,
            Finished::Failed(e) => return Err(e.into()),
        }
        written += 1;
        progress.tick(written);
        Ok::<(), anyhow::Error>(())
    })?;
    progress.finish();
    if stats.out_of_order > 0 && !args.quiet {
        callqa_report::eprint_message(format_args!(
            "note: {} calls on the input stream started before a call read earlier; \
             cross-call rules on a stream take it in time order (give files or directories \
             to audit calls in any order)",
            stats.out_of_order
        ));
    }
    if stats.calls == 0 && problems == 0 {
        anyhow::bail!("no calls found in the inputs");
    }
    reporter.finish(problems)?.commit()?;

    Ok(if problems > 0 {
        Status::BadInput
    } else if stats.failed > 0 {
        Status::SomeFailed
    } else {
        Status::Ok
    })
}

/// Items (calls and input problems) a first pass keeps for the audit pass,
/// so that inputs of up to this many are read and parsed once, not twice;
/// a larger input is read again instead, which keeps memory bounded (a
/// five-minute call holds some 15 KB).
const KEPT_ITEMS: usize = 2_048;

/// The first pass over re-readable inputs: adds every call's cross-call
/// facts to `cross` and returns the items read, in order, when there are
/// at most `keep` of them (`None`: read the inputs again).
fn first_pass(
    items: impl Iterator<Item = Result<Call, InputError>>,
    cross: &mut CrossCalls,
    keep: usize,
) -> Option<Vec<Result<Call, InputError>>> {
    let mut kept = Some(Vec::new());
    for item in items {
        if let Ok(call) = &item {
            cross.add_facts(CallFacts::of(call));
        }
        if let Some(list) = &mut kept {
            if list.len() < keep {
                list.push(item);
            } else {
                kept = None;
            }
        }
    }
    kept
}

/// An audit made ready for the report on a worker.
enum Finished {
    /// Its record, for a format that writes each call on its own.
    Record(Vec<u8>),
    /// The redacted audit, for a format that needs the reporter's state.
    Audit(Box<CallAudit>),
    Failed(io::Error),
}

/// Calls from `--events`/`--transcripts`, with their problems reported.
pub(crate) fn import(
    args: &AuditArgs,
    report_problem: &mut dyn FnMut(&dyn std::fmt::Display),
) -> Result<Vec<Call>> {
    if args.events.is_empty() && args.transcripts.is_empty() {
        return Ok(Vec::new());
    }
    let import = crate::import_cmd::ImportArgs {
        events: args.events.clone(),
        transcripts: args.transcripts.clone(),
        map: args.map.clone(),
        from: args.from.clone(),
        timezone: args.timezone.clone(),
        encoding: args.encoding.clone(),
        out: None,
        push: Default::default(),
    };
    let imported = callqa_import::import(&import.sources(), &import.options()?);
    for p in &imported.problems {
        if p.is_error() {
            report_problem(p);
        } else if !args.quiet {
            callqa_report::eprint_message(p);
        }
    }
    Ok(imported.calls)
}

/// A regular file or a directory can be read a second time; stdin, pipes
/// and devices cannot.
fn is_rereadable(path: &Path) -> bool {
    path.as_os_str() != "-" && std::fs::metadata(path).is_ok_and(|m| m.is_file() || m.is_dir())
}

fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS")
        .ok()?
        .parse()
        .ok()
        .filter(|w| *w >= 40)
}

/// A progress bar on stderr that appears only when the batch takes longer
/// than a second and stderr is a terminal.
struct Progress {
    bar: ProgressBar,
    started: Instant,
}

impl Progress {
    fn new() -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos} calls audited ({per_sec})")
                .expect("valid template"),
        );
        Progress {
            bar,
            started: Instant::now(),
        }
    }

    fn tick(&self, done: usize) {
        if done % 256 != 0 {
            return;
        }
        if self.bar.is_hidden()
            && self.started.elapsed() > Duration::from_secs(1)
            && io::stderr().is_terminal()
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        self.bar.set_position(done as u64);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use callqa_model::{read_reader, Format};

    /// Two calls around a bad line, as a reader yields them.
    fn items() -> Vec<Result<Call, InputError>> {
        let mut text = serde_json::to_string(&callqa_testkit::call(1)).unwrap();
        text.push_str("\n{\"bad json\n");
        text.push_str(&serde_json::to_string(&callqa_testkit::call(2)).unwrap());
        text.push('\n');
        read_reader("calls.jsonl", std::io::Cursor::new(text), Format::JsonLines).collect()
    }

    #[test]
    fn the_first_pass_keeps_every_item_in_order_up_to_its_bound() {
        let items = items();
        assert_eq!(items.len(), 3);
        let mut cross = CrossCalls::complete(callqa_standard::builtin());
        let kept = first_pass(items.into_iter(), &mut cross, 3).expect("3 items are kept");
        let ids: Vec<_> = kept
            .iter()
            .map(|i| i.as_ref().map(|c| c.id.clone()).map_err(|e| e.to_string()))
            .collect();
        assert_eq!(ids[0].as_deref(), Ok(callqa_testkit::call(1).id.as_str()));
        assert!(
            ids[1].as_ref().unwrap_err().contains("calls.jsonl:2"),
            "{ids:?}"
        );
        assert_eq!(ids[2].as_deref(), Ok(callqa_testkit::call(2).id.as_str()));
        assert_eq!(cross.history().len(), 2);
    }

    #[test]
    fn past_its_bound_the_first_pass_keeps_nothing_but_all_facts() {
        let mut cross = CrossCalls::complete(callqa_standard::builtin());
        assert!(first_pass(items().into_iter(), &mut cross, 2).is_none());
        assert_eq!(cross.history().len(), 2);
    }
}
