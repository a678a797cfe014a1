//! `callqa import`: telephony records and transcripts → call records
//! (JSON Lines of `callqa_model::Call`). All the work is in
//! `callqa_import`; this file parses the flags, writes the records and
//! prints problems as `file:line: message` on stderr.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;

/// Arguments of `callqa import` (also usable by `callqa audit` through
/// [`ImportArgs::options`] and [`ImportArgs::sources`]).
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// Telephony records: Asterisk Master.csv / CDR CSV, CEL CSV or `|` dumps,
    /// AMI event logs, FreeSWITCH JSON CDRs or ESL events (files or directories).
    #[arg(long = "events", value_name = "FILE", num_args = 1..)]
    pub events: Vec<PathBuf>,
    /// Transcripts: Whisper/faster-whisper/WhisperX JSON, Vosk, SpeechKit v2/v3,
    /// AWS Transcribe, WebVTT, SRT, Harper Valley segments (files or directories).
    #[arg(long = "transcripts", value_name = "DIR", num_args = 1..)]
    pub transcripts: Vec<PathBuf>,
    /// Mapping file: operator patterns, stereo channels, speaker labels, thresholds.
    #[arg(long = "map", value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// Force a format instead of recognising it from the content
    /// (repeatable: one telephony and one transcript format).
    #[arg(long = "from", value_name = "FORMAT")]
    pub from: Vec<String>,
    /// Time zone of time stamps without a UTC offset: IANA name ("Europe/Moscow"),
    /// "UTC" or an offset ("+03:00").
    #[arg(long = "timezone", value_name = "TZ")]
    pub timezone: Option<String>,
    /// Text encoding of the inputs (e.g. "windows-1251"); default UTF-8 with
    /// Windows-1251 recognised.
    #[arg(long = "encoding", value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Write the records here instead of stdout.
    #[arg(long = "out", short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub push: crate::push_cmd::PushArgs,
}

impl ImportArgs {
    /// The input files.
    pub fn sources(&self) -> callqa_import::Sources {
        callqa_import::Sources {
            events: self.events.clone(),
            transcripts: self.transcripts.clone(),
        }
    }

    /// The import options, checked (mapping file, time zone, encoding, formats).
    pub fn options(&self) -> anyhow::Result<callqa_import::ImportOptions> {
        use callqa_import::{Format, Mapping, OptionsError, Zone};
        let mapping = match &self.map {
            None => Mapping::default(),
            Some(p) => {
                let text =
                    std::fs::read_to_string(p).map_err(|source| OptionsError::MappingIo {
                        path: p.display().to_string(),
                        source,
                    })?;
                Mapping::from_toml(&p.display().to_string(), &text)?
            }
        };
        let timezone = match &self.timezone {
            None => None,
            Some(tz) => Some(Zone::parse(tz).ok_or_else(|| OptionsError::TimeZone(tz.clone()))?),
        };
        let encoding = match &self.encoding {
            None => None,
            Some(e) => Some(
                callqa_import::encoding::encoding_for_label(e)
                    .ok_or_else(|| OptionsError::Encoding(e.clone()))?,
            ),
        };
        let mut from = Vec::new();
        for f in &self.from {
            from.push(
                Format::from_name(f)
                    .ok_or_else(|| OptionsError::Format(f.clone(), Format::names()))?,
            );
        }
        Ok(callqa_import::ImportOptions {
            mapping,
            timezone,
            encoding,
            from,
        })
    }
}

/// Runs the import. `Ok(true)`: every input was imported without errors
/// (warnings allowed); `Ok(false)`: some records or files were skipped,
/// the rest was written; `Err`: bad options or the output failed.
pub fn run(args: &ImportArgs) -> anyhow::Result<bool> {
    if args.events.is_empty() && args.transcripts.is_empty() {
        anyhow::bail!("nothing to import: give --events FILE... and/or --transcripts DIR");
    }
    let opts = args.options()?;
    let result = callqa_import::import(&args.sources(), &opts);
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for p in &result.problems {
        let _ = writeln!(err, "{p}");
    }
    if args.push.to.is_some() {
        return Ok(crate::push_cmd::push(&args.push, &result.calls)? && result.is_clean());
    }
    let mut out: Box<dyn Write> = match &args.out {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    for call in &result.calls {
        serde_json::to_writer(&mut out, call).context("cannot write a call record")?;
        out.write_all(b"\n").context("cannot write a call record")?;
    }
    out.flush().context("cannot write the call records")?;
    Ok(result.is_clean())
}
