//! `callqa bench`: generates N five-minute calls (about 60 utterances each;
//! by default the realistic corpus of `callqa-testkit`, where about one
//! utterance in three has a word never seen before), then measures on one
//! core, in the same run:
//!
//! - the project's floor: reading the calls from JSON Lines and tokenising
//!   every utterance (what any tool must do to look at the words);
//! - the comparison floor: `rg -j1 --count-matches -F -i -f PHRASES FILE`,
//!   where PHRASES is every phrase entry of the standard, one a line
//!   (`callqa standard phrases`); skipped with a message without `rg`;
//! - the audit: reading the same calls and applying the full standard,
//!   cross-call rules and scores included.
//!
//! Every audit round starts with empty word caches (a fresh thread, the
//! shared caches cleared), so the corpus's new words cost what they cost
//! in a real run. It prints calls per second and the ratios audit / floor;
//! machines are noisy, so the ratios are the figures to compare between runs, and each
//! figure is the best of `--rounds`. `--write FILE` keeps the generated
//! calls for inspection.

use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, ensure, Context, Result};
use callqa_model::{read_reader, Format};
use callqa_standard::Batch;
use callqa_testkit::Novelty;
use callqa_text::{Language, SharedWordCache};

use crate::args::{BenchArgs, Corpus};
use crate::Status;

pub fn run(args: &BenchArgs) -> Result<Status> {
    ensure!(args.calls > 0, "--calls must be at least 1");
    let Some(std) = crate::standard_cmd::load(args.standard.as_deref())? else {
        return Ok(Status::BadInput);
    };
    let Some(phrases) = crate::standard_cmd::phrase_entries(args.standard.as_deref())? else {
        return Ok(Status::BadInput);
    };
    let rounds = args.rounds.max(1);
    let mut jsonl = Vec::new();
    let mut utterances = 0usize;
    let mut novelty = Novelty::new();
    for i in 0..args.calls {
        let call = match args.corpus {
            Corpus::Realistic => callqa_testkit::realistic_call(i as u64),
            Corpus::Scripted => callqa_testkit::call(i as u64),
        };
        utterances += call.utterances.len();
        for u in &call.utterances {
            novelty.add(&u.text);
        }
        serde_json::to_writer(&mut jsonl, &call)?;
        jsonl.push(b'\n');
    }
    // `read_reader` wants a `'static` source; the bench is the process.
    let data: &'static [u8] = Box::leak(jsonl.into_boxed_slice());
    if let Some(path) = &args.write {
        std::fs::write(path, data).with_context(|| format!("writing {}", path.display()))?;
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} {} calls, {} utterances ({:.1} per call), {:.1} MB of JSON Lines; one core, best of {rounds}",
        args.calls,
        match args.corpus {
            Corpus::Realistic => "realistic",
            Corpus::Scripted => "scripted",
        },
        utterances,
        utterances as f64 / args.calls as f64,
        data.len() as f64 / 1e6,
    )?;
    writeln!(
        out,
        "utterances with a word not seen before: {:.1} % ({} distinct words)",
        novelty.rate() * 100.0,
        novelty.distinct_words()
    )?;

    let mut floor_best = f64::MAX;
    let mut audit_best = f64::MAX;
    let mut tokens = 0usize;
    let mut failed_rules = 0usize;
    let mut computed_words = 0u64;
    for _ in 0..rounds {
        let t = Instant::now();
        let mut n = 0usize;
        let mut calls = 0usize;
        for call in read_reader("bench.jsonl", data, Format::JsonLines) {
            let call = call?;
            calls += 1;
            for u in &call.utterances {
                n += callqa_text::tokenize(&u.text).count();
            }
        }
        floor_best = floor_best.min(t.elapsed().as_secs_f64());
        ensure!(
            calls == args.calls,
            "floor read {calls} calls, expected {}",
            args.calls
        );
        tokens = black_box(n);

        // Every round starts cold, as a run over new calls does: the shared
        // word caches are emptied and the audit runs on a fresh thread (whose
        // own word cache is empty). Else rounds after the first would hit
        // on every word of the corpus they saw before.
        for lang in [Language::Ru, Language::En, Language::Hy] {
            SharedWordCache::global(lang).clear();
        }
        let misses_before = word_misses();
        let (audits, secs) = std::thread::scope(|scope| {
            scope
                .spawn(|| -> Result<_> {
                    let t = Instant::now();
                    let mut batch = Batch::new(std.clone());
                    for call in read_reader("bench.jsonl", data, Format::JsonLines) {
                        batch.add(&call?);
                    }
                    let audits = batch.finish();
                    Ok((audits, t.elapsed().as_secs_f64()))
                })
                .join()
                .map_err(|_| anyhow::anyhow!("the audit thread panicked"))?
        })?;
        audit_best = audit_best.min(secs);
        computed_words = word_misses() - misses_before;
        ensure!(
            audits.len() == args.calls,
            "audit gave {} results, expected {}",
            audits.len(),
            args.calls
        );
        ensure!(
            audits
                .iter()
                .all(|a| a.verdicts.len() == std.rules().len() + std.manual_items().len()),
            "a call is missing verdicts"
        );
        failed_rules = audits
            .iter()
            .flat_map(|a| &a.verdicts)
            .filter(|v| v.outcome == callqa_model::Outcome::Fail)
            .count();
    }
    let rg = rg_floor(data, &phrases, args.write.as_deref(), rounds)?;

    let cps = |secs: f64| args.calls as f64 / secs;
    writeln!(
        out,
        "floor (read + tokenise):   {:>9.0} calls/s  ({tokens} tokens)",
        cps(floor_best)
    )?;
    match &rg {
        Ok((secs, matches, version)) => writeln!(
            out,
            "rg -F -i ({} phrases):   {:>9.0} calls/s  ({matches} matches; {version})",
            phrases.len(),
            cps(*secs)
        )?,
        Err(why) => writeln!(out, "rg floor skipped: {why}")?,
    }
    writeln!(
        out,
        "audit ({}, {} rules): {:>9.0} calls/s  ({failed_rules} failed verdicts, \
         {:.1} words normalised and stemmed per call)",
        std.label(),
        std.rules().len(),
        cps(audit_best),
        computed_words as f64 / args.calls as f64
    )?;
    write!(
        out,
        "audit time / floor time: {:.2}×",
        audit_best / floor_best
    )?;
    if let Ok((secs, _, _)) = &rg {
        write!(out, "   audit time / rg time: {:.2}×", audit_best / secs)?;
    }
    writeln!(out)?;
    Ok(Status::Ok)
}

/// Words computed from scratch so far (misses of the shared word caches).
fn word_misses() -> u64 {
    [Language::Ru, Language::En, Language::Hy]
        .into_iter()
        .map(|lang| SharedWordCache::global(lang).stats().misses)
        .sum()
}

/// Best-of-`rounds` wall time (and the version line) of `rg -j1 --count-matches -F -i -f PHRASES
/// FILE` over the corpus, and its match count; `Err(why)` (not an error of
/// the bench) when `rg` cannot be run.
fn rg_floor(
    data: &[u8],
    phrases: &[String],
    written: Option<&Path>,
    rounds: usize,
) -> Result<std::result::Result<(f64, u64, String), String>> {
    let version = match Command::new("rg")
        .arg("--version")
        .stderr(Stdio::null())
        .output()
    {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("rg")
            .to_string(),
        _ => {
            return Ok(Err(
                "`rg` (ripgrep) is not installed (Debian: apt-get install ripgrep)".into(),
            ))
        }
    };
    let dir = TempDir::new()?;
    let phrase_file = dir.0.join("phrases.txt");
    let mut text = phrases.join("\n");
    text.push('\n');
    std::fs::write(&phrase_file, text)?;
    let corpus = match written {
        Some(path) => path.to_path_buf(),
        None => {
            let path = dir.0.join("calls.jsonl");
            std::fs::write(&path, data)?;
            path
        }
    };
    let mut best = f64::MAX;
    let mut matches = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        let output = Command::new("rg")
            .args(["-j1", "--count-matches", "-F", "-i", "-f"])
            .arg(&phrase_file)
            .arg(&corpus)
            .stderr(Stdio::inherit())
            .output()
            .context("running rg")?;
        best = best.min(t.elapsed().as_secs_f64());
        // Exit 1 is "no match", a valid (if odd) result.
        if !matches!(output.status.code(), Some(0 | 1)) {
            bail!("rg failed: {}", output.status);
        }
        let count = String::from_utf8_lossy(&output.stdout);
        let count = count.trim();
        matches = if count.is_empty() {
            0
        } else {
            count
                .parse()
                .with_context(|| format!("rg printed {count:?}, expected a count"))?
        };
    }
    Ok(Ok((best, matches, version)))
}

/// A scratch directory removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<TempDir> {
        let path = std::env::temp_dir().join(format!("callqa-bench-{}", std::process::id()));
        std::fs::create_dir_all(&path).with_context(|| format!("creating {}", path.display()))?;
        Ok(TempDir(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
