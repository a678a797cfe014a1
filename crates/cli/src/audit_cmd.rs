//! `callqa audit`: read call records (and importer sources), evaluate them
//! on all cores, decide the cross-call rules over the batch, and write the
//! report. Input problems are printed as they are met and never stop the
//! batch.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use callqa_model::{read_inputs, Call, CallAudit};
use callqa_report::{Format, Summary, TableOptions};
use callqa_standard::{Batch, Evaluated, Standard};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::args::{AuditArgs, ColorChoice};
use crate::Status;

const CHUNK: usize = 256;

pub fn run(args: &AuditArgs) -> Result<Status> {
    if args.inputs.is_empty() && args.events.is_empty() && args.transcripts.is_empty() {
        anyhow::bail!("no input: give call record files or directories, `-` for stdin, or --events/--transcripts");
    }
    let Some(std) = crate::standard_cmd::load(args.standard.as_deref())? else {
        return Ok(Status::BadInput);
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let mut problems = 0usize;
    let mut report_problem = |msg: &dyn std::fmt::Display| {
        problems += 1;
        if !args.quiet {
            eprintln!("callqa: {msg}");
        }
    };

    let progress = Progress::new();
    let mut batch = Batch::new(std.clone());
    let mut chunk: Vec<Call> = Vec::with_capacity(CHUNK);

    if !args.events.is_empty() || !args.transcripts.is_empty() {
        let import = crate::import_cmd::ImportArgs {
            events: args.events.clone(),
            transcripts: args.transcripts.clone(),
            map: args.map.clone(),
            from: args.from.clone(),
            timezone: args.timezone.clone(),
            encoding: args.encoding.clone(),
            out: None,
        };
        let imported = callqa_import::import(&import.sources(), &import.options()?);
        for p in &imported.problems {
            if p.is_error() {
                report_problem(p);
            } else if !args.quiet {
                eprintln!("callqa: {p}");
            }
        }
        for call in imported.calls {
            chunk.push(call);
            if chunk.len() == CHUNK {
                evaluate_chunk(&std, &mut chunk, jobs, &mut batch);
                progress.tick(batch.len());
            }
        }
    }
    for item in read_inputs(&args.inputs) {
        match item {
            Ok(call) => chunk.push(call),
            Err(e) => report_problem(&e),
        }
        if chunk.len() == CHUNK {
            evaluate_chunk(&std, &mut chunk, jobs, &mut batch);
            progress.tick(batch.len());
        }
    }
    evaluate_chunk(&std, &mut chunk, jobs, &mut batch);
    progress.finish();
    if batch.is_empty() && problems == 0 {
        anyhow::bail!("no calls found in the inputs");
    }
    let audits = batch.finish();
    write_report(args, &audits, problems)?;

    Ok(if problems > 0 {
        Status::BadInput
    } else if audits.iter().any(|a| !a.passed) {
        Status::SomeFailed
    } else {
        Status::Ok
    })
}

/// Evaluates the calls of a chunk on up to `jobs` threads, keeping order.
fn evaluate_chunk(std: &Standard, chunk: &mut Vec<Call>, jobs: usize, batch: &mut Batch) {
    if chunk.is_empty() {
        return;
    }
    let per = chunk.len().div_ceil(jobs);
    let results: Vec<Vec<Evaluated>> = if jobs == 1 || chunk.len() < 8 {
        vec![chunk.iter().map(|c| std.evaluate_call(c)).collect()]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = chunk
                .chunks(per)
                .map(|part| {
                    s.spawn(move || {
                        part.iter()
                            .map(|c| std.evaluate_call(c))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("evaluation thread panicked"))
                .collect()
        })
    };
    for e in results.into_iter().flatten() {
        batch.push(e);
    }
    chunk.clear();
}

fn write_report(args: &AuditArgs, audits: &[CallAudit], problems: usize) -> Result<()> {
    let (mut out, to_terminal): (Box<dyn Write>, bool) = match &args.out {
        Some(path) => {
            let f =
                File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
            (Box::new(BufWriter::new(f)), false)
        }
        None => (
            Box::new(BufWriter::new(io::stdout().lock())),
            io::stdout().is_terminal(),
        ),
    };
    let mut summary = Summary::new();
    for a in audits {
        summary.add(a);
    }
    match args.format {
        Format::Table => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none(),
            };
            let width = terminal_width().unwrap_or(100);
            let opts = TableOptions {
                color,
                details: args.details.resolve(audits.len()),
                width,
            };
            for a in audits {
                callqa_report::write_table_call(&mut out, a, &opts)?;
            }
            callqa_report::write_table_summary(&mut out, &summary, problems, &opts)?;
        }
        Format::Jsonl => {
            for a in audits {
                callqa_report::write_jsonl(&mut out, a)?;
            }
        }
        Format::Json => callqa_report::write_json(&mut out, audits, &summary)?,
        Format::Html => callqa_report::write_html(&mut out, audits, &summary)?,
        // csv has no arm of its own: the Reporter writes it (the streaming
        // runner is to use the Reporter for every format).
        format => {
            let mut r = callqa_report::Reporter::new(format, &mut out, Default::default());
            for a in audits {
                r.add(a)?;
            }
            r.finish(problems)?;
        }
    }
    out.flush()?;
    Ok(())
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
