//! Importers: telephony records and speech-recognition output become
//! callqa call records (`callqa_model::Call`, format v1).
//!
//! Telephony sources give the events of a call (ring, answer, hold,
//! transfer, hangup and who hung up); transcript sources give its
//! utterances. [`import`] reads both, recognises each file's format from its
//! content, joins transcripts to calls by call id and returns the records
//! plus every problem found, naming file and line. One bad record never
//! stops the import.
//!
//! ```no_run
//! use callqa_import::{import, ImportOptions, Sources};
//! let sources = Sources {
//!     events: vec!["Master.csv".into()],
//!     transcripts: vec!["transcripts/".into()],
//! };
//! let out = import(&sources, &ImportOptions::default());
//! for p in &out.problems {
//!     eprintln!("{p}");
//! }
//! println!("{} calls", out.calls.len());
//! ```
//!
//! Per-format pages are in `docs/import/`.
#![deny(missing_docs)]

use std::path::{Path, PathBuf};

use callqa_model::Call;
use time::OffsetDateTime;

pub mod ami;
pub mod asterisk_cdr;
pub mod asterisk_cel;
pub mod aws;
pub mod clock;
pub mod detect;
pub mod encoding;
pub mod error;
pub mod freeswitch;
mod groups;
pub mod hvb;
pub mod join;
pub mod parts;
pub mod roles;
pub mod speechkit;
pub mod subtitles;
pub mod table;
pub mod vosk;
pub mod whisper;

pub use clock::Zone;
pub use detect::Format;
pub use error::{ImportProblem, OptionsError, Severity};
pub use parts::{EventCall, Transcript};
pub use roles::Mapping;

/// The input files. Directories are read recursively (sorted by name;
/// hidden entries and symlinked directories skipped).
#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// Telephony records (CDR, CEL, AMI logs, FreeSWITCH CDRs).
    pub events: Vec<PathBuf>,
    /// Transcripts; also accepts telephony files.
    pub transcripts: Vec<PathBuf>,
}

/// How to read the sources.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Operator/client rules, thresholds, channel map (`--map`).
    pub mapping: Mapping,
    /// Zone of time stamps without a UTC offset (`--timezone`); UTC, with a
    /// warning, when unset.
    pub timezone: Option<Zone>,
    /// Forced text encoding (`--encoding`); else UTF-8 (BOM aware) with
    /// Windows-1251 recognised.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Forced formats (`--from`): a telephony format applies to the event
    /// files, a transcript format to the transcript files.
    pub from: Vec<Format>,
}

/// The result of an import.
#[derive(Clone, Debug, Default)]
pub struct Import {
    /// One record per call, telephony calls first (in input order), then
    /// transcript-only calls (by id). Every record satisfies the model's
    /// invariants.
    pub calls: Vec<Call>,
    /// Warnings and errors, each naming its file and line or call.
    pub problems: Vec<ImportProblem>,
}

impl Import {
    /// True when nothing went wrong (warnings allowed).
    pub fn is_clean(&self) -> bool {
        !self.problems.iter().any(ImportProblem::is_error)
    }
}

/// Per-file parsing state: the file name for problems, the zone, and the
/// problems found so far.
#[derive(Debug)]
pub struct ParseCtx<'a> {
    /// The file being parsed, as given; named in every problem.
    pub file: &'a str,
    /// The `--timezone` for stamps without a UTC offset; `None` reads them as UTC (with one warning per file).
    pub zone: Option<&'a Zone>,
    /// The problems found in this file so far.
    pub problems: Vec<ImportProblem>,
    warned_utc: bool,
}

impl<'a> ParseCtx<'a> {
    /// A fresh state for `file`, with no problems yet.
    pub fn new(file: &'a str, zone: Option<&'a Zone>) -> Self {
        ParseCtx {
            file,
            zone,
            problems: Vec::new(),
            warned_utc: false,
        }
    }

    /// The file name without directories and extension, for made-up ids.
    pub fn file_stem(&self) -> String {
        detect::id_from_name(self.file).0
    }

    /// Records an error at `line` (1-based, when the format has lines) of this file.
    pub fn error(&mut self, line: Option<usize>, message: impl Into<String>) {
        self.problems
            .push(ImportProblem::error(self.file, line, message));
    }

    /// Records a warning at `line` (1-based, when the format has lines) of this file.
    pub fn warning(&mut self, line: Option<usize>, message: impl Into<String>) {
        self.problems
            .push(ImportProblem::warning(self.file, line, message));
    }

    /// Parses a time stamp, reporting a bad one (as an error) and, once per
    /// file, a local stamp read as UTC for want of `--timezone`.
    pub fn stamp(&mut self, raw: &str, line: Option<usize>) -> Option<OffsetDateTime> {
        match clock::parse(raw, self.zone) {
            Some(s) => {
                if !s.had_offset && self.zone.is_none() && !self.warned_utc {
                    self.warned_utc = true;
                    self.warning(
                        line,
                        format!(
                            "time stamp {raw:?} has no UTC offset; read as UTC (set --timezone, e.g. \"Europe/Moscow\")"
                        ),
                    );
                }
                Some(s.at)
            }
            None => {
                self.error(line, format!("bad time stamp {raw:?}"));
                None
            }
        }
    }
}

/// What one file held.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The telephony calls found (from event sources).
    pub calls: Vec<EventCall>,
    /// The transcripts found (from speech-recognition sources).
    pub transcripts: Vec<Transcript>,
    /// Every problem met while parsing the file.
    pub problems: Vec<ImportProblem>,
}

/// Parses the text of one file in the given format. `name` is used in
/// problems and, for transcripts, as the call id when the content has none.
/// Never panics, whatever the text.
pub fn parse_text(format: Format, name: &str, text: &str, opts: &ImportOptions) -> Parsed {
    let mut ctx = ParseCtx::new(name, opts.timezone.as_ref());
    let mut out = Parsed::default();
    let (stem_id, channel) = detect::id_from_name(name);
    let mut transcript = |mut t: Transcript| {
        if t.id.is_empty() {
            t.id = stem_id.clone();
        }
        if t.channel.is_none() {
            t.channel = channel;
        }
        t.file = name.to_string();
        t
    };
    match format {
        Format::AsteriskCdr => out.calls = asterisk_cdr::parse(text, &mut ctx),
        Format::AsteriskCel => out.calls = asterisk_cel::parse(text, &mut ctx),
        Format::AsteriskAmi => out.calls = ami::parse(text, &mut ctx),
        Format::Freeswitch => out.calls = freeswitch::parse(text, &mut ctx),
        Format::Whisper => {
            out.transcripts = whisper::parse(text, &mut ctx)
                .into_iter()
                .map(&mut transcript)
                .collect()
        }
        Format::Vosk => {
            out.transcripts = vosk::parse(text, &mut ctx)
                .into_iter()
                .map(&mut transcript)
                .collect()
        }
        Format::Speechkit => {
            out.transcripts = speechkit::parse(text, &mut ctx)
                .into_iter()
                .map(&mut transcript)
                .collect()
        }
        Format::Aws => {
            out.transcripts = aws::parse(text, &mut ctx)
                .into_iter()
                .map(&mut transcript)
                .collect()
        }
        Format::Vtt | Format::Srt => {
            out.transcripts = subtitles::parse(text, format == Format::Vtt, &mut ctx)
                .into_iter()
                .map(&mut transcript)
                .collect()
        }
        Format::Hvb => {
            out.transcripts = hvb::parse(text, None, &mut ctx)
                .into_iter()
                .map(&mut transcript)
                .collect()
        }
    }
    out.problems = ctx.problems;
    out
}

/// Files that travel with exports but hold no records (README, LICENSE,
/// Markdown); skipped when walking a directory, read when named.
fn is_documentation(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    [
        "README",
        "LICENSE",
        "LICENCE",
        "COPYING",
        "NOTICE",
        "CHANGELOG",
    ]
    .iter()
    .any(|p| upper.starts_with(p))
        || [".MD", ".PDF", ".HTML", ".PNG", ".JPG"]
            .iter()
            .any(|e| upper.ends_with(e))
}

/// The files of the given paths: a directory is walked by the model's one
/// walker ([`callqa_model::walk`]: sorted by name, hidden entries and
/// symlinked directories skipped, so a link loop reads nothing twice),
/// without documentation files; a file is taken as given.
fn expand(paths: &[PathBuf], problems: &mut Vec<ImportProblem>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        for found in callqa_model::walk::files(p) {
            match found {
                Ok(path) => {
                    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    if !is_documentation(name) {
                        out.push(path);
                    }
                }
                Err(e) => problems.push(ImportProblem::error(
                    &e.path().display().to_string(),
                    None,
                    e.message(),
                )),
            }
        }
    }
    out
}

/// Reads, recognises and parses one file.
pub fn parse_file(path: &Path, forced: Option<Format>, opts: &ImportOptions) -> Parsed {
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Parsed {
                problems: vec![ImportProblem::error(
                    &name,
                    None,
                    format!("cannot read: {e}"),
                )],
                ..Parsed::default()
            }
        }
    };
    let decoded = match encoding::decode(&bytes, opts.encoding) {
        Ok(d) => d,
        Err(msg) => {
            return Parsed {
                problems: vec![ImportProblem::error(&name, None, msg)],
                ..Parsed::default()
            }
        }
    };
    let format = match forced.or_else(|| detect::detect(&name, &decoded.text)) {
        Some(f) => f,
        None => {
            return Parsed {
                problems: vec![ImportProblem::error(
                    &name,
                    None,
                    format!(
                        "cannot tell the format from the content; force it with --from (one of {})",
                        Format::names()
                    ),
                )],
                ..Parsed::default()
            }
        }
    };
    let mut parsed = if format == Format::Hvb {
        let meta = hvb::metadata_beside(path);
        let mut ctx = ParseCtx::new(&name, opts.timezone.as_ref());
        let (stem_id, _) = detect::id_from_name(&name);
        let ts = hvb::parse(&decoded.text, meta.as_deref(), &mut ctx)
            .into_iter()
            .map(|mut t| {
                if t.id.is_empty() {
                    t.id = stem_id.clone();
                }
                t.file = name.clone();
                t
            })
            .collect();
        Parsed {
            transcripts: ts,
            problems: ctx.problems,
            ..Parsed::default()
        }
    } else {
        parse_text(format, &name, &decoded.text, opts)
    };
    if let Some(enc) = decoded.guessed {
        parsed.problems.insert(
            0,
            ImportProblem::warning(
                &name,
                None,
                format!("not UTF-8; read as {enc} (set --encoding to override)"),
            ),
        );
    }
    parsed
}

/// Imports the text of one file already in memory, in the given format:
/// [`parse_text`] and then the same joining, repair and validation as
/// [`import`], so every returned call passes `callqa audit` (the fuzz
/// targets and property tests hold it to that).
pub fn import_text(format: Format, name: &str, text: &str, opts: &ImportOptions) -> Import {
    let parsed = parse_text(format, name, text, opts);
    let mut problems = parsed.problems;
    let calls = join::join(
        parsed.calls,
        parsed.transcripts,
        &opts.mapping,
        !format.is_telephony(),
        &mut problems,
    );
    Import { calls, problems }
}

/// Imports every source and joins transcripts to calls.
pub fn import(sources: &Sources, opts: &ImportOptions) -> Import {
    let mut problems = Vec::new();
    let event_files = expand(&sources.events, &mut problems);
    let transcript_files = expand(&sources.transcripts, &mut problems);
    let forced_events = opts.from.iter().copied().find(|f| f.is_telephony());
    let forced_transcripts = opts.from.iter().copied().find(|f| !f.is_telephony());
    let mut calls = Vec::new();
    let mut transcripts = Vec::new();
    let files = event_files
        .iter()
        .map(|p| (p, forced_events))
        .chain(transcript_files.iter().map(|p| (p, forced_transcripts)));
    for (path, forced) in files {
        if detect::is_companion(path) {
            continue;
        }
        let parsed = parse_file(path, forced, opts);
        calls.extend(parsed.calls);
        transcripts.extend(parsed.transcripts);
        problems.extend(parsed.problems);
    }
    let have_transcripts = !sources.transcripts.is_empty();
    let calls = join::join(
        calls,
        transcripts,
        &opts.mapping,
        have_transcripts,
        &mut problems,
    );
    Import { calls, problems }
}

#[cfg(test)]
mod doc_tests {
    use super::is_documentation;

    #[test]
    fn documentation_files_are_recognised_by_name() {
        for name in [
            "README.md",
            "LICENSE-GPL-3.0.txt",
            "licence",
            "notes.md",
            "COPYING",
        ] {
            assert!(is_documentation(name), "{name}");
        }
        for name in [
            "Master.csv",
            "fs_esl_CHANNEL_HANGUP_COMPLETE_hold15s.txt",
            "call.json",
            "a.vtt",
        ] {
            assert!(!is_documentation(name), "{name}");
        }
    }
}
