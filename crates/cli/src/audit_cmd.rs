//! `callqa audit`: wires the readers and importers to the engine's batch
//! runner and the runner's audits to the report writer. Each audit is
//! written as soon as it is decided; input problems are printed as they
//! are met and never stop the batch.
//!
//! Inputs that can be read twice (files and directories) get a first pass
//! that collects only each call's compact cross-call facts, so that the
//! cross-call verdicts do not depend on the order calls are read in;
//! stdin and other streams are audited in one pass, taken in time order.

use std::io::{self, IsTerminal};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Result;
use callqa_engine::{CallFacts, CrossCalls, Runner};
use callqa_model::{read_inputs, Call, CallAudit};
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
    let cross = if rereadable {
        let mut cross = CrossCalls::complete(std.clone());
        for call in &imported {
            cross.add_facts(CallFacts::of(call));
        }
        // Problems are reported by the second pass, in place.
        for call in read_inputs(&args.inputs).flatten() {
            cross.add_facts(CallFacts::of(&call));
        }
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
    let calls = imported
        .into_iter()
        .chain(read_inputs(&args.inputs).filter_map(|item| match item {
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
