//! `callqa listen` and `callqa adapt`: live sources on the customer's own
//! network, written to stdout as live protocol v2 JSON Lines so that
//! `callqa listen ami … | callqa live` audits calls while they happen.
//!
//! - `listen ami`: an Asterisk Manager Interface client;
//! - `listen esl`: a FreeSWITCH event socket client;
//! - `listen vosk`: streams a WAV file to a Vosk server;
//! - `adapt aws|deepgram|assemblyai|speechkit`: recogniser answers relayed
//!   by the customer's bridge (one JSON object per line) into utterances.
//!
//! Notices (logins, lost connections) go to stderr; the exit status is 2
//! when the source stopped on an error or a line was refused.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use callqa_import::{Mapping, Zone};
use callqa_model::Party;
use callqa_sources::adapt::{AdaptConfig, Adapter, Kind};
use callqa_sources::{ami, esl, vosk, Output, Reconnect};
use clap::{Args, Subcommand, ValueEnum};
use tokio::sync::mpsc;

use crate::Status;

#[derive(Debug, Subcommand)]
pub enum ListenCommand {
    /// Asterisk: log in to the manager interface (AMI) and follow calls.
    Ami(AmiArgs),
    /// FreeSWITCH: connect to the inbound event socket and follow calls.
    Esl(EslArgs),
    /// Stream a WAV file to a Vosk server and print its utterances (stereo:
    /// one connection per channel).
    Vosk(VoskArgs),
}

#[derive(Debug, Args)]
pub struct PbxArgs {
    /// The importer's mapping file (which legs are operators).
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// Time zone of time stamps without a UTC offset (CEL EventTime).
    #[arg(long, value_name = "TZ")]
    pub timezone: Option<String>,
    /// Give up after this many failed connection attempts in a row
    /// (default: retry for ever, waiting 0.5 s doubling up to 30 s).
    #[arg(long, value_name = "N")]
    pub retries: Option<u32>,
}

#[derive(Debug, Args)]
pub struct AmiArgs {
    #[arg(long)]
    pub host: String,
    #[arg(long, default_value_t = 5038)]
    pub port: u16,
    /// The manager user (`[user]` in manager.conf).
    #[arg(long)]
    pub user: String,
    /// A file holding the manager secret (kept off the command line).
    #[arg(long, value_name = "FILE")]
    pub secret_file: PathBuf,
    #[command(flatten)]
    pub pbx: PbxArgs,
}

#[derive(Debug, Args)]
pub struct EslArgs {
    #[arg(long)]
    pub host: String,
    #[arg(long, default_value_t = 8021)]
    pub port: u16,
    /// A file holding the event socket password (`event_socket.conf.xml`).
    #[arg(long, value_name = "FILE")]
    pub password_file: PathBuf,
    #[command(flatten)]
    pub pbx: PbxArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SpeakerArg {
    Operator,
    Client,
}

impl SpeakerArg {
    fn party(self) -> Party {
        match self {
            SpeakerArg::Operator => Party::Operator,
            SpeakerArg::Client => Party::Client,
        }
    }
}

#[derive(Debug, Args)]
pub struct VoskArgs {
    /// The server, e.g. ws://127.0.0.1:2700.
    #[arg(long)]
    pub url: String,
    /// 16-bit PCM WAV, mono or stereo.
    #[arg(long, value_name = "FILE")]
    pub wav: PathBuf,
    /// The call the utterances belong to.
    #[arg(long)]
    pub call: String,
    /// Who speaks in a mono file.
    #[arg(long, value_enum, default_value_t = SpeakerArg::Operator)]
    pub speaker: SpeakerArg,
    /// Who speaks on channel 1 of a stereo file (channel 0 is the other).
    #[arg(long, value_enum, default_value_t = SpeakerArg::Client)]
    pub channel1: SpeakerArg,
    /// Seconds on the call's clock where the audio starts.
    #[arg(long, default_value_t = 0.0)]
    pub offset: f64,
    /// Send the audio as fast as the server answers, not at speech pace.
    #[arg(long)]
    pub fast: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Recogniser {
    Aws,
    Deepgram,
    Assemblyai,
    Speechkit,
}

#[derive(Debug, Args)]
pub struct AdaptArgs {
    /// Whose answers the lines are.
    #[arg(value_enum)]
    pub recogniser: Recogniser,
    /// The answers, one JSON object per line; `-`/nothing for stdin.
    #[arg(value_name = "INPUT")]
    pub input: Option<PathBuf>,
    /// The call id, unless a line is `{"call": …, "message": …}`.
    #[arg(long)]
    pub call: String,
    /// Seconds on the call's clock where the recogniser's 0 lies.
    #[arg(long, default_value_t = 0.0)]
    pub offset: f64,
    /// The speaker of answers without a channel.
    #[arg(long, value_enum, default_value_t = SpeakerArg::Operator)]
    pub speaker: SpeakerArg,
    /// Who speaks on channel 1 (channel 0 is the other).
    #[arg(long, value_enum, default_value_t = SpeakerArg::Client)]
    pub channel1: SpeakerArg,
    /// A corrected copy follows each final answer (AssemblyAI
    /// `format_turns`, SpeechKit text normalisation): wait for it.
    #[arg(long)]
    pub refined: bool,
}

fn read_secret(path: &Path, what: &str) -> Result<String> {
    let s = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the {what} file {}", path.display()))?;
    let s = s.trim_end_matches(['\r', '\n']).to_string();
    if s.is_empty() {
        return Err(anyhow!("the {what} file {} is empty", path.display()));
    }
    Ok(s)
}

fn pbx_options(a: &PbxArgs) -> Result<(Mapping, Option<Zone>, Reconnect)> {
    let mapping = match &a.map {
        None => Mapping::default(),
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read the mapping file {}", p.display()))?;
            Mapping::from_toml(&p.display().to_string(), &text)?
        }
    };
    let zone = match &a.timezone {
        None => None,
        Some(tz) => Some(Zone::parse(tz).ok_or_else(|| anyhow!("unknown time zone {tz:?}"))?),
    };
    let reconnect = Reconnect {
        attempts: a.retries,
        ..Reconnect::default()
    };
    Ok((mapping, zone, reconnect))
}

/// Writes outputs as they come: messages to stdout (flushed each), notices
/// to stderr.
async fn write_out(mut rx: mpsc::Receiver<Output>) -> Result<()> {
    let mut out = std::io::stdout().lock();
    while let Some(o) = rx.recv().await {
        match o {
            Output::Message(m) => {
                writeln!(out, "{}", m.to_line())?;
                out.flush()?;
            }
            Output::Notice(n) => eprintln!("callqa: {n}"),
        }
    }
    Ok(())
}

pub fn listen(cmd: &ListenCommand) -> Result<Status> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the network runtime")?;
    let (tx, rx) = mpsc::channel(1024);
    let source = async move {
        match cmd {
            ListenCommand::Ami(a) => {
                let secret = read_secret(&a.secret_file, "secret")?;
                let (mapping, zone, reconnect) = pbx_options(&a.pbx)?;
                let mut cfg =
                    ami::AmiConfig::new(&format!("{}:{}", a.host, a.port), &a.user, &secret);
                cfg.mapping = mapping;
                cfg.zone = zone;
                cfg.reconnect = reconnect;
                ami::run(&cfg, tx).await?;
            }
            ListenCommand::Esl(a) => {
                let password = read_secret(&a.password_file, "password")?;
                let (mapping, zone, reconnect) = pbx_options(&a.pbx)?;
                let mut cfg = esl::EslConfig::new(&format!("{}:{}", a.host, a.port), &password);
                cfg.mapping = mapping;
                cfg.zone = zone;
                cfg.reconnect = reconnect;
                esl::run(&cfg, tx).await?;
            }
            ListenCommand::Vosk(a) => {
                let channels = vosk::read_wav(&a.wav)?;
                let stereo = channels.len() > 1;
                let runs = channels.iter().enumerate().take(2).map(|(i, audio)| {
                    let speaker = match (stereo, i) {
                        (false, _) => a.speaker.party(),
                        (true, 1) => a.channel1.party(),
                        (true, _) => a.channel1.party().other(),
                    };
                    let mut cfg = vosk::VoskConfig::new(&a.url, &a.call, speaker);
                    cfg.prefix = if stereo {
                        format!("{i}-")
                    } else {
                        String::new()
                    };
                    cfg.offset = a.offset;
                    cfg.realtime = !a.fast;
                    cfg.chunk = Duration::from_millis(200);
                    let tx = tx.clone();
                    async move { vosk::run(&cfg, audio, &tx).await }
                });
                for r in futures_util::future::join_all(runs).await {
                    r?;
                }
            }
        }
        Ok::<(), anyhow::Error>(())
    };
    let (res, written) = rt.block_on(async { tokio::join!(source, write_out(rx)) });
    written?;
    res?;
    Ok(Status::Ok)
}

pub fn adapt(a: &AdaptArgs) -> Result<Status> {
    let kind = match a.recogniser {
        Recogniser::Aws => Kind::Aws,
        Recogniser::Deepgram => Kind::Deepgram,
        Recogniser::Assemblyai => Kind::AssemblyAi,
        Recogniser::Speechkit => Kind::SpeechKit,
    };
    let mut cfg = AdaptConfig::new(&a.call);
    cfg.offset = a.offset;
    cfg.speaker = a.speaker.party();
    cfg.channels.insert(1, a.channel1.party());
    cfg.channels.insert(0, a.channel1.party().other());
    cfg.refined = a.refined;
    let mut adapter = Adapter::new(kind, cfg);
    let (name, input): (String, Box<dyn BufRead>) = match &a.input {
        Some(p) if p.as_os_str() != "-" => {
            let f =
                std::fs::File::open(p).with_context(|| format!("cannot read {}", p.display()))?;
            (p.display().to_string(), Box::new(BufReader::new(f)))
        }
        _ => (
            "stdin".into(),
            Box::new(BufReader::new(std::io::stdin().lock())),
        ),
    };
    let mut out = std::io::stdout().lock();
    let mut problems = 0usize;
    for (n, line) in input.lines().enumerate() {
        let line = line.with_context(|| format!("{name}:{}: cannot read the line", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        match adapter.line(&line) {
            Ok(msgs) => {
                for m in msgs {
                    writeln!(out, "{}", m.to_line())?;
                }
                out.flush()?;
            }
            Err(e) => {
                problems += 1;
                eprintln!("callqa: {name}:{}: {e}", n + 1);
            }
        }
    }
    Ok(if problems > 0 {
        Status::BadInput
    } else {
        Status::Ok
    })
}
