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
//!
//! On every pass this thread only splits the input into records (finding
//! line ends, or where a `.json` value ends); the workers parse them
//! ([`Record::parse`]), and the results come back in input order, where
//! duplicate ids are refused and problems reported, as they are met.

use std::convert::Infallible;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Result;
use callqa_engine::{CallFacts, CrossCalls, Runner};
use callqa_model::{read_inputs, Call, CallAudit, DuplicateIds, InputError, Position, Record};
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
    let runner = Runner::new(std.clone(), jobs);
    let mut kept = None;
    let cross = if rereadable {
        let mut cross = CrossCalls::complete(std.clone());
        for call in &imported {
            cross.add_facts(CallFacts::of(call));
        }
        kept = first_pass(&runner, &args.inputs, &mut cross, KEPT_ITEMS);
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
    let items: Box<dyn Iterator<Item = Item> + Send> = match kept {
        Some(items) => Box::new(items.into_iter().map(Item::Read)),
        None => Box::new(read_inputs(&args.inputs).records().map(|r| match r {
            Ok(record) => Item::Record(record),
            Err(e) => Item::Read(Err(e)),
        })),
    };
    let items = imported.into_iter().map(|c| Item::Read(Ok(c))).chain(items);
    let mut seen = DuplicateIds::new();
    let mut admit = |read: Result<Option<Place>, InputError>| {
        let refused = match read {
            Ok(None) => return true,
            Ok(Some(place)) => match seen.admit(&place.id, &place.file, place.position) {
                Ok(()) => return true,
                Err(e) => e,
            },
            Err(e) => e,
        };
        report_problem(&refused);
        false
    };
    let stats = runner.run_read(
        cross,
        items,
        &Item::read,
        &mut admit,
        &finish,
        &mut |done| {
            match done {
                Finished::Record(bytes) => reporter.add_rendered(&bytes)?,
                Finished::Audit(audit) => reporter.add(&audit)?,
                Finished::Failed(e) => return Err(e.into()),
            }
            written += 1;
            progress.tick(written);
            Ok::<(), anyhow::Error>(())
        },
    )?;
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
/// at most `keep` of them (`None`: read the inputs again). The records are
/// parsed on the runner's workers; duplicate ids are refused in input
/// order, as the audit pass refuses them.
fn first_pass(
    runner: &Runner,
    inputs: &[PathBuf],
    cross: &mut CrossCalls,
    keep: usize,
) -> Option<Vec<Result<Call, InputError>>> {
    let mut seen = DuplicateIds::new();
    let mut kept = Some(Vec::new());
    // On a worker: only the first `keep` calls travel back whole; of the
    // others, only their facts (the call is freed where it was parsed).
    let read = |(index, record): (usize, Result<Record, InputError>)| {
        let record = record?;
        let call = record.parse()?;
        Ok(FirstRead {
            file: record.file_shared().clone(),
            position: record.position(),
            facts: CallFacts::of(&call),
            call: (index < keep).then_some(call),
        })
    };
    let records = read_inputs(inputs).records().enumerate();
    let _ = runner.map_in_order(records, &read, &mut |read: Result<
        FirstRead,
        InputError,
    >| {
        let item = read.and_then(|r| {
            seen.admit(&r.facts.id, &r.file, r.position)?;
            cross.add_facts(r.facts);
            Ok(r.call)
        });
        if let Some(list) = &mut kept {
            match item.transpose() {
                Some(item) if list.len() < keep => list.push(item),
                _ => kept = None,
            }
        }
        Ok::<(), Infallible>(())
    });
    kept
}

/// A record read by the first pass.
struct FirstRead {
    file: Arc<str>,
    position: Position,
    facts: CallFacts,
    /// The call itself, while the input may still be small enough to keep.
    call: Option<Call>,
}

/// An item of the audit pass, moved by value to a worker (a box per call
/// would only add an allocation).
#[allow(clippy::large_enum_variant)]
enum Item {
    /// A call read already (imported, or kept by the first pass, its id
    /// checked there), or a problem to report in its place.
    Read(Result<Call, InputError>),
    /// A record to parse on a worker.
    Record(Record),
}

/// Where a call was parsed from and its id, for the duplicate-id check in
/// input order.
struct Place {
    file: Arc<str>,
    position: Position,
    id: String,
}

impl Item {
    /// On a worker: the call, with its place when its id is still to be
    /// checked.
    fn read(self) -> Result<(Call, Option<Place>), InputError> {
        match self {
            Item::Read(read) => read.map(|call| (call, None)),
            Item::Record(record) => {
                let call = record.parse()?;
                let place = Place {
                    file: record.file_shared().clone(),
                    position: record.position(),
                    id: call.id.clone(),
                };
                Ok((call, Some(place)))
            }
        }
    }
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

    /// Two calls around a bad line and a duplicate of the first, in a
    /// JSON Lines file.
    fn input() -> (tempfile::TempDir, PathBuf) {
        let one = serde_json::to_string(&callqa_testkit::call(1)).unwrap();
        let two = serde_json::to_string(&callqa_testkit::call(2)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("calls.jsonl");
        std::fs::write(&path, format!("{one}\n{{\"bad json\n{two}\n{one}\n")).unwrap();
        (dir, path)
    }

    #[test]
    fn the_first_pass_keeps_every_item_in_order_up_to_its_bound() {
        let (_dir, path) = input();
        for jobs in [1, 2] {
            let std = callqa_standard::builtin();
            let mut cross = CrossCalls::complete(std.clone());
            let runner = Runner::new(std, jobs);
            let kept = first_pass(&runner, std::slice::from_ref(&path), &mut cross, 4)
                .expect("4 items are kept");
            let ids: Vec<_> = kept
                .iter()
                .map(|i| i.as_ref().map(|c| c.id.clone()).map_err(|e| e.to_string()))
                .collect();
            assert_eq!(ids.len(), 4);
            assert_eq!(ids[0].as_deref(), Ok(callqa_testkit::call(1).id.as_str()));
            assert!(
                ids[1].as_ref().unwrap_err().contains("calls.jsonl:2"),
                "{ids:?}"
            );
            assert_eq!(ids[2].as_deref(), Ok(callqa_testkit::call(2).id.as_str()));
            let dup = ids[3].as_ref().unwrap_err();
            assert!(
                dup.contains("calls.jsonl:4") && dup.contains("already read at"),
                "{dup}"
            );
            assert_eq!(cross.history().len(), 2, "the duplicate adds no facts");
        }
    }

    #[test]
    fn past_its_bound_the_first_pass_keeps_nothing_but_all_facts() {
        let (_dir, path) = input();
        for jobs in [1, 2] {
            let std = callqa_standard::builtin();
            let mut cross = CrossCalls::complete(std.clone());
            let runner = Runner::new(std, jobs);
            assert!(first_pass(&runner, std::slice::from_ref(&path), &mut cross, 2).is_none());
            assert_eq!(cross.history().len(), 2);
        }
    }
}
