//! `callqa train quiz|sim`: operator training generated from the standard
//! (crates/train owns it); this module reads the arguments, wires the
//! terminal or the `--answers`/`--script` file, prints the summary or
//! `--json`, and with `--to URL` posts the result to `POST
//! /api/v1/training`.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use callqa_model::Lang;
use callqa_standard::DEFAULT_STANDARD_TOML;
use callqa_train::{quiz, scenarios, session, sim, TrainingResult};
use clap::{Args, Subcommand};
use serde_json::Value;

use crate::args::LangChoice;
use crate::standard_cmd::load;
use crate::Status;

/// Options every training takes.
#[derive(Debug, Args)]
pub struct TrainCommon {
    /// The standard file; the built-in default when absent.
    #[arg(long, value_name = "FILE")]
    pub standard: Option<PathBuf>,
    /// The training's language (default: the standard's report_language).
    #[arg(long, value_enum)]
    pub lang: Option<LangChoice>,
    /// Print the result as JSON on stdout (the questions and the call go
    /// to stderr).
    #[arg(long)]
    pub json: bool,
    /// Send the result to a callqa server (`POST URL/api/v1/training`).
    #[arg(long, value_name = "URL", requires = "operator")]
    pub to: Option<String>,
    /// The API token for --to (default: the CALLQA_TOKEN environment variable).
    #[arg(long, value_name = "TOKEN", requires = "to")]
    pub token: Option<String>,
    /// The trainee's operator id (as on their calls).
    #[arg(long, value_name = "ID")]
    pub operator: Option<String>,
}

/// `callqa train …`.
#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// A quiz on the standard's rules and phrases: situations with one
    /// right phrase and three wrong ones, and "what is wrong with this
    /// opening?"; each answer explained by the rule it is about.
    Quiz {
        #[command(flatten)]
        common: TrainCommon,
        /// How many questions.
        #[arg(long, default_value_t = 10, value_name = "N")]
        questions: usize,
        /// The seed that picks and orders the questions (default: a new
        /// one each time, printed so the same quiz can be taken again).
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
        /// Read the answers from a file, one per line (1-4), instead of
        /// the keyboard.
        #[arg(long, value_name = "FILE")]
        answers: Option<PathBuf>,
    },
    /// A simulated call: a scripted client, you type the operator's lines
    /// (and /hold, /unhold, /hangup…); the engine scores each line and the
    /// whole call. Without SCENARIO, lists the scenarios.
    Sim {
        /// hold, swear, colleague, drop or no-time.
        #[arg(value_name = "SCENARIO")]
        scenario: Option<String>,
        #[command(flatten)]
        common: TrainCommon,
        /// Read the operator's lines and commands from a file instead of
        /// the keyboard.
        #[arg(long, value_name = "FILE")]
        script: Option<PathBuf>,
    },
}

fn lang_of(c: Option<LangChoice>, fallback: Lang) -> Lang {
    match c {
        Some(LangChoice::Ru) => Lang::Ru,
        Some(LangChoice::En) => Lang::En,
        Some(LangChoice::Hy) => Lang::Hy,
        None => fallback,
    }
}

fn standard_text(path: Option<&Path>) -> Result<String> {
    Ok(match path {
        None => DEFAULT_STANDARD_TOML.to_string(),
        Some(p) => {
            std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?
        }
    })
}

/// A training error as anyhow's; an I/O error stays one (a closed pipe on
/// stdout ends the command quietly, as everywhere in the CLI).
fn lift(e: Box<dyn std::error::Error>) -> anyhow::Error {
    match e.downcast::<std::io::Error>() {
        Ok(io) => anyhow::Error::from(*io),
        Err(e) => anyhow::anyhow!("{e}"),
    }
}

fn open(path: &Path) -> Result<Box<dyn BufRead>> {
    let f = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    Ok(Box::new(BufReader::new(f)))
}

pub fn run(cmd: &TrainCommand) -> Result<Status> {
    match cmd {
        TrainCommand::Quiz {
            common,
            questions,
            seed,
            answers,
        } => run_quiz(common, *questions, *seed, answers.as_deref()),
        TrainCommand::Sim {
            scenario,
            common,
            script,
        } => run_sim(scenario.as_deref(), common, script.as_deref()),
    }
}

fn run_quiz(
    c: &TrainCommon,
    n: usize,
    seed: Option<u64>,
    answers: Option<&Path>,
) -> Result<Status> {
    if n == 0 {
        anyhow::bail!("--questions: 0 is no quiz; give 1 or more");
    }
    let Some(std) = load(c.standard.as_deref())? else {
        return Ok(Status::BadInput);
    };
    let text = standard_text(c.standard.as_deref())?;
    let lang = lang_of(c.lang, std.report_language());
    let seed = seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64 % 1_000_000)
    });
    let questions = quiz::generate(&std, &text, lang, seed, n);
    if questions.is_empty() {
        anyhow::bail!("the standard gives no quiz questions in {}: its phrase sets have no entries the model calls can use", lang.as_str());
    }
    let mut out: Box<dyn Write> = if c.json {
        Box::new(std::io::stderr())
    } else {
        Box::new(std::io::stdout())
    };
    writeln!(out, "{} ({}), --seed {seed}", std.title(), std.label())?;
    let name = answers.map(|p| p.display().to_string());
    let mut input: Box<dyn BufRead> = match answers {
        Some(p) => open(p)?,
        None => Box::new(std::io::stdin().lock()),
    };
    let result = session::take_quiz(
        &questions,
        seed,
        lang,
        &mut input,
        name.as_deref(),
        &mut out,
    )
    .map_err(lift)?;
    let mut r = TrainingResult::of_quiz(&std, lang, result);
    r.operator = c.operator.clone();
    writeln!(out, "\n{}", session::quiz_summary(&r, lang))?;
    drop(out);
    report(c, &r)
}

fn run_sim(id: Option<&str>, c: &TrainCommon, script: Option<&Path>) -> Result<Status> {
    let Some(std) = load(c.standard.as_deref())? else {
        return Ok(Status::BadInput);
    };
    let lang = lang_of(c.lang, std.report_language());
    let Some(id) = id else {
        let mut out = std::io::stdout().lock();
        for id in scenarios::IDS {
            let s = scenarios::scenario(id).expect("listed scenario");
            writeln!(out, "{id}\n    {}", scenarios::tr(&s.brief, lang))?;
        }
        return Ok(Status::Ok);
    };
    let Some(scenario) = scenarios::scenario(id) else {
        anyhow::bail!(
            "no scenario {id:?}: the scenarios are {}",
            scenarios::IDS.join(", ")
        );
    };
    let text = standard_text(c.standard.as_deref())?;
    let operator = c.operator.clone().unwrap_or_else(|| "trainee".into());
    let mut out: Box<dyn Write> = if c.json {
        Box::new(std::io::stderr())
    } else {
        Box::new(std::io::stdout())
    };
    let name = script.map(|p| p.display().to_string());
    let mut input: Box<dyn BufRead> = match script {
        Some(p) => open(p)?,
        None => Box::new(std::io::stdin().lock()),
    };
    let result = sim::Sim::new(std.clone(), &text, scenario, lang, &operator, &mut out)
        .run(sim::Input {
            reader: &mut input,
            file: name.as_deref(),
        })
        .map_err(lift)?;
    writeln!(out, "\n{}", sim::summary(&std, &text, &result, lang))?;
    drop(out);
    let mut r = TrainingResult::of_sim(&std, lang, result);
    r.operator = c.operator.clone();
    report(c, &r)
}

/// Prints `--json`, posts with `--to`; exit 1 when the training was not
/// passed.
fn report(c: &TrainCommon, r: &TrainingResult) -> Result<Status> {
    if c.json {
        let mut out = std::io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, r)?;
        writeln!(out)?;
    }
    if let Some(to) = &c.to {
        post(to, c.token.as_deref(), r)?;
    }
    Ok(if r.passed {
        Status::Ok
    } else {
        Status::SomeFailed
    })
}

fn post(to: &str, token: Option<&str>, r: &TrainingResult) -> Result<()> {
    let base = to.trim_end_matches('/');
    if !base.starts_with("http://") && !base.starts_with("https://") {
        anyhow::bail!("--to: {base:?} is not an http:// address");
    }
    let token = match token {
        Some(t) => t.to_string(),
        None => std::env::var("CALLQA_TOKEN").map_err(|_| {
            anyhow::anyhow!("--to needs a token: give --token TOKEN or set CALLQA_TOKEN")
        })?,
    };
    let url = format!("{base}/api/v1/training");
    let body = serde_json::to_string(r).context("cannot encode the result")?;
    match ureq::post(&url)
        .set("Authorization", &format!("Bearer {token}"))
        .set("Content-Type", "application/json")
        .send_string(&body)
    {
        Ok(res) => {
            let text = res
                .into_string()
                .context("cannot read the server's answer")?;
            let v: Value =
                serde_json::from_str(&text).context("the server's answer is not json")?;
            eprintln!("{url}: result {} stored", v["id"]);
            Ok(())
        }
        Err(ureq::Error::Status(code, res)) => {
            let text = res.into_string().unwrap_or_default();
            let msg = serde_json::from_str::<Value>(&text)
                .ok()
                .and_then(|v| v["error"].as_str().map(str::to_string))
                .unwrap_or(text);
            anyhow::bail!("{url}: {code}: {msg}");
        }
        Err(e) => Err(e).with_context(|| format!("cannot reach {url}")),
    }
}
