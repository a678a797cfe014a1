//! The command line, as clap derive structs. Parsing only; `main.rs` and the
//! command modules turn these into work.

use std::path::PathBuf;

use callqa_report::{Details, Format};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Checks every phone call against a company's telephone standard.
///
/// Exit status: 0 when every call passed, 1 when some call failed (a
/// critical rule failed), 2 on a usage error or bad input (the rest of the
/// batch is still audited).
#[derive(Debug, Parser)]
#[command(name = "callqa", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Audit call records against the standard (the built-in default unless
    /// --standard is given).
    Audit(AuditArgs),
    /// Work with standard files: check one, print the built-in default,
    /// list the rules.
    #[command(subcommand)]
    Standard(StandardCommand),
    /// Convert telephony records and speech-recognition output into call
    /// records (JSON Lines).
    Import(crate::import_cmd::ImportArgs),
    /// Audit calls while they happen: read a stream of events and
    /// utterances (JSON Lines) and print each verdict as soon as it is
    /// decided.
    Live(LiveArgs),
    /// Follow calls on a PBX or a recogniser and print live protocol v2
    /// messages (JSON Lines) for `callqa live`.
    #[command(subcommand)]
    Listen(crate::listen_cmd::ListenCommand),
    /// Turn a cloud recogniser's answers (relayed by your bridge, one JSON
    /// object per line) into live protocol v2 utterances.
    Adapt(crate::listen_cmd::AdaptArgs),
    /// Measure audit throughput on generated five-minute calls, next to the
    /// floor (reading and tokenising the same calls) on one core.
    Bench(BenchArgs),
    /// Serve the HTTP API over a store of calls, audits and standards.
    Serve(crate::serve_cmd::ServeArgs),
    /// Create, list and revoke API tokens of a store.
    #[command(subcommand)]
    Token(crate::token_cmd::TokenCommand),
    /// Re-score the stored calls with the store's active standard.
    Rescore(crate::rescore_cmd::RescoreArgs),
    /// Work with phrase sets: list their entries, try a sentence on a set,
    /// find the near misses of a rule in real calls.
    #[command(subcommand)]
    Phrases(crate::phrases_cmd::PhrasesCommand),
    /// Measure the server at scale: ingest generated calls over HTTP,
    /// re-score them, time list and stats queries (run in release mode).
    ServeBench(crate::serve_bench_cmd::ServeBenchArgs),
    /// Operator training from the standard: a quiz on its rules and
    /// phrases, and simulated calls with a scripted client.
    #[command(subcommand)]
    Train(crate::train_cmd::TrainCommand),
    /// Add, list and set passwords of the people who sign in to the dashboard.
    #[command(subcommand)]
    User(crate::user_cmd::UserCommand),
    /// Print a sign-in link for a user: valid 10 minutes, one use.
    LoginLink(crate::user_cmd::LoginLinkArgs),
    /// Copy a SQLite store into a new file while the server may run.
    Backup(crate::backup_cmd::BackupArgs),
    /// Load-test the live socket: N concurrent simulated calls at real-time
    /// pace, event-to-prompt and event-to-verdict latency, server memory.
    LiveBench(crate::live_bench_cmd::LiveBenchArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DetailsChoice {
    /// Every verdict for batches of up to 20 calls, failures only above.
    Auto,
    All,
    Failed,
    None,
}

#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub struct AuditArgs {
    /// Call records: .json (one call or an array), .jsonl, directories, or
    /// `-` for stdin.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The standard file (TOML); the built-in default when absent.
    #[arg(long, value_name = "FILE")]
    pub standard: Option<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = FormatParser)]
    pub format: Format,
    /// The language of rule titles in the report (default: the standard's
    /// report_language, `ru` for the default standard).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<LangChoice>,
    /// Write the report to FILE instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Which verdicts the table shows per call.
    #[arg(long, value_enum, default_value_t = DetailsChoice::Auto)]
    pub details: DetailsChoice,
    /// Colour in the table: auto = only on a terminal and without NO_COLOR.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Threads that evaluate calls (default: all cores; at most 1024).
    #[arg(long, short = 'j', value_name = "N", value_parser = parse_jobs)]
    pub jobs: Option<usize>,
    /// Telephony records to import and audit with the inputs (Asterisk
    /// CDR/CEL/AMI, FreeSWITCH).
    #[arg(long, value_name = "FILE")]
    pub events: Vec<PathBuf>,
    /// Transcripts to import and audit (Whisper, Vosk, SpeechKit, AWS,
    /// WebVTT, SRT…), files or directories.
    #[arg(long, value_name = "PATH")]
    pub transcripts: Vec<PathBuf>,
    /// The importer's mapping file (operators, channels, time zone).
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// Force an importer format (see `callqa import --help`).
    #[arg(long, value_name = "FORMAT")]
    pub from: Vec<String>,
    /// Time zone of imported time stamps without a UTC offset.
    #[arg(long, value_name = "TZ")]
    pub timezone: Option<String>,
    /// Text encoding of imported files (e.g. "windows-1251").
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Don't print input problems, only count them.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Show card and phone numbers and other personal data as spoken, even
    /// when the standard's `[privacy]` section redacts them (a company's own use).
    #[arg(long)]
    pub no_redact: bool,
    /// Store the calls in a store instead of printing a report: a data
    /// directory or a postgres:// URL, as `callqa serve` takes them. The
    /// calls are audited with the store's active standard, cross-call rules
    /// against its history, as `POST /api/v1/calls` does.
    #[arg(long, value_name = "DIR|URL", conflicts_with_all = ["out", "format", "no_redact"])]
    pub store: Option<String>,
}

// --- report: help text, --format values, -j bound ---

/// Shown after `--help` of `callqa` and `callqa audit`.
const EXIT_CODES: &str = "\
Exit status:
  0  every call passed (other commands: success)
  1  some call failed: a critical rule failed
  2  usage error, bad standard file, or bad input (the rest of the batch is
     still audited)
A closed output pipe (`callqa audit … | head`) keeps the status of the calls.";

/// The most threads `-j` accepts.
pub const MAX_JOBS: usize = 1024;

fn parse_jobs(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (1..=MAX_JOBS).contains(&n) => Ok(n),
        Ok(_) => Err(format!("must be between 1 and {MAX_JOBS}, got {s:?}")),
        Err(_) => Err(format!("must be a whole number of threads, got {s:?}")),
    }
}

/// `--format`: parses a [`Format`] and lists every one, with its
/// description, in `--help`.
#[derive(Clone, Copy, Debug)]
struct FormatParser;

impl clap::builder::TypedValueParser for FormatParser {
    type Value = Format;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Format, clap::Error> {
        let inner =
            clap::builder::PossibleValuesParser::new(self.possible_values().into_iter().flatten());
        let name = inner.parse_ref(cmd, arg, value)?;
        name.parse::<Format>()
            .map_err(|e| clap::Error::raw(clap::error::ErrorKind::InvalidValue, e))
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(Format::ALL.into_iter().map(|f| {
            clap::builder::PossibleValue::new(f.as_str()).help(f.description())
        })))
    }
}

impl DetailsChoice {
    /// The level for [`callqa_report::Reporter`], which decides `auto` itself
    /// as the calls come in.
    pub fn details(self) -> Details {
        match self {
            DetailsChoice::Auto => Details::Auto,
            DetailsChoice::All => Details::All,
            DetailsChoice::Failed => Details::Failed,
            DetailsChoice::None => Details::None,
        }
    }
}

// --- end report ---

#[derive(Debug, Subcommand)]
pub enum StandardCommand {
    /// Validate a standard file and report every problem with its position.
    Check {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Print the built-in default standard (a starting point for your own).
    Show,
    /// Print every phrase entry of a standard exactly as written, one a
    /// line (all sets, ru then en then hy): the pattern file of
    /// `rg -F -i -f`, the floor `callqa bench` compares with.
    Phrases {
        /// The standard file; the built-in default when absent.
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Run the standard's `[[test]]` cases and report every expected
    /// outcome that came out otherwise (exit 1 on failures, 2 on a bad file).
    Test {
        /// The standard file; the built-in default when absent.
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Write the standard as a booklet for people: sections as chapters,
    /// each rule in plain words with its parameters and phrases.
    Render {
        /// The standard file; the built-in default when absent.
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
        /// md or html.
        #[arg(long, value_enum, default_value_t = BookletFormatChoice::Md)]
        format: BookletFormatChoice,
        /// The booklet's language (default: the standard's report_language).
        #[arg(long, value_enum)]
        lang: Option<LangChoice>,
    },
    /// What a rule checks, in plain words, with its parameters and phrase
    /// sets; with --call, the step-by-step reason for its verdict on that
    /// call (the window, the utterances, what matched or nearly matched).
    Explain(crate::standard_explain::ExplainArgs),
    /// What changed between two standard files (rules, parameters,
    /// phrases, pass_score); with --calls, which verdicts and scores change.
    Diff(crate::standard_diff::DiffArgs),
    /// List the rules of a standard: id, severity, weight, title.
    Rules {
        /// The standard file; the built-in default when absent.
        #[arg(long, value_name = "FILE")]
        standard: Option<PathBuf>,
    },
}

/// `callqa standard render --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BookletFormatChoice {
    /// Markdown.
    Md,
    /// One self-contained HTML page.
    Html,
}

/// A language of the standard's texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangChoice {
    Ru,
    En,
    Hy,
}

impl LangChoice {
    /// The call-record language.
    pub fn lang(self) -> callqa_model::Lang {
        match self {
            LangChoice::Ru => callqa_model::Lang::Ru,
            LangChoice::En => callqa_model::Lang::En,
            LangChoice::Hy => callqa_model::Lang::Hy,
        }
    }
}

/// Which generated calls `callqa bench` measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Corpus {
    /// Generated prose with names, numbers and misspellings: about one
    /// utterance in three has a word not seen before.
    Realistic,
    /// A few dozen scripted lines repeated: word caches always hit.
    Scripted,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// How many calls to generate.
    #[arg(long, default_value_t = 2000)]
    pub calls: usize,
    /// Which calls to generate.
    #[arg(long, value_enum, default_value_t = Corpus::Realistic)]
    pub corpus: Corpus,
    /// Also write the generated calls to FILE as JSON Lines (to audit or
    /// inspect them).
    #[arg(long, value_name = "FILE")]
    pub write: Option<PathBuf>,
    /// Repetitions; the best of each is reported.
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// The standard file; the built-in default when absent.
    #[arg(long, value_name = "FILE")]
    pub standard: Option<PathBuf>,
    /// Least seconds (of a call's clock) between two prompts of one call.
    #[arg(long, value_name = "SECS", default_value_t = callqa_engine::live::PROMPT_GAP_SECS)]
    pub prompt_gap: f64,
}

#[derive(Debug, Args)]
pub struct LiveArgs {
    /// The stream: a JSON Lines file, or `-`/nothing for stdin.
    #[arg(value_name = "INPUT")]
    pub input: Option<PathBuf>,
    /// The standard file; the built-in default when absent.
    #[arg(long, value_name = "FILE")]
    pub standard: Option<PathBuf>,
    /// Least seconds (of a call's clock) between two prompts of one call.
    #[arg(long, value_name = "SECS", default_value_t = callqa_engine::live::PROMPT_GAP_SECS)]
    pub prompt_gap: f64,
}
