//! Recognising a file's format from its content (the extension only breaks
//! ties), and the call id and stereo channel a transcript's file name
//! carries (`1694023642.7.ch1.json`, `call-42-left.vtt`).

use std::path::Path;

use serde_json::Value;

/// Every supported input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Asterisk CDR CSV (`Master.csv`).
    AsteriskCdr,
    /// Asterisk CEL (channel event logging) CSV.
    AsteriskCel,
    /// A log of Asterisk Manager Interface events (`Event: …` blocks).
    AsteriskAmi,
    /// mod_json_cdr JSON and ESL `CHANNEL_HANGUP_COMPLETE` events.
    Freeswitch,
    /// openai-whisper, faster-whisper and WhisperX JSON.
    Whisper,
    /// Vosk recogniser JSON (a `result` word list, or `alternatives`).
    Vosk,
    /// Yandex SpeechKit v2 (JSON) and v3 (NDJSON).
    Speechkit,
    /// AWS Transcribe (channel identification, speaker labels) and Call Analytics.
    Aws,
    /// WebVTT subtitles.
    Vtt,
    /// SubRip (`.srt`) subtitles.
    Srt,
    /// Harper Valley Bank segment lists (`speaker_role`, `start_ms`, `duration_ms`).
    Hvb,
}

const ALL: [(Format, &str); 11] = [
    (Format::AsteriskCdr, "asterisk-cdr"),
    (Format::AsteriskCel, "asterisk-cel"),
    (Format::AsteriskAmi, "asterisk-ami"),
    (Format::Freeswitch, "freeswitch"),
    (Format::Whisper, "whisper"),
    (Format::Vosk, "vosk"),
    (Format::Speechkit, "speechkit"),
    (Format::Aws, "aws"),
    (Format::Vtt, "vtt"),
    (Format::Srt, "srt"),
    (Format::Hvb, "hvb"),
];

impl Format {
    /// The `--from` name.
    pub fn name(self) -> &'static str {
        ALL.iter()
            .find(|(f, _)| *f == self)
            .map(|(_, n)| *n)
            .unwrap_or("?")
    }

    /// All `--from` names, comma separated.
    pub fn names() -> String {
        ALL.iter().map(|(_, n)| *n).collect::<Vec<_>>().join(", ")
    }

    /// Parses a `--from` name (a few aliases accepted: `cdr`, `cel`, `ami`,
    /// `whisperx`, `faster-whisper`, `webvtt`, `harper-valley`).
    pub fn from_name(s: &str) -> Option<Format> {
        let s = s.trim().to_ascii_lowercase();
        let alias = match s.as_str() {
            "cdr" => "asterisk-cdr",
            "cel" => "asterisk-cel",
            "ami" => "asterisk-ami",
            "fs" | "freeswitch-json" | "freeswitch-esl" => "freeswitch",
            "whisperx" | "faster-whisper" | "openai-whisper" => "whisper",
            "yandex" | "speechkit-v2" | "speechkit-v3" => "speechkit",
            "aws-transcribe" | "transcribe" => "aws",
            "webvtt" => "vtt",
            "harper-valley" => "hvb",
            other => other,
        };
        ALL.iter().find(|(_, n)| *n == alias).map(|(f, _)| *f)
    }

    /// Telephony (events) rather than transcript.
    pub fn is_telephony(self) -> bool {
        matches!(
            self,
            Format::AsteriskCdr | Format::AsteriskCel | Format::AsteriskAmi | Format::Freeswitch
        )
    }
}

const CEL_TYPES: [&str; 8] = [
    "CHAN_START",
    "CHAN_END",
    "ANSWER",
    "HANGUP",
    "BRIDGE_ENTER",
    "BRIDGE_EXIT",
    "APP_START",
    "LINKEDID_END",
];

fn json_kind(v: &Value) -> Option<Format> {
    let o = match v {
        Value::Object(o) => o,
        Value::Array(a) => {
            let first = a.first()?;
            if first.get("speaker_role").is_some() {
                return Some(Format::Hvb);
            }
            return json_kind(first);
        }
        _ => return None,
    };
    if o.contains_key("variables") && (o.contains_key("callflow") || o.contains_key("channel_data"))
    {
        return Some(Format::Freeswitch);
    }
    if o.contains_key("segments") {
        return Some(Format::Whisper);
    }
    if o.contains_key("speaker_role") {
        return Some(Format::Hvb);
    }
    if o.contains_key("chunks") || o.get("response").is_some_and(|r| r.get("chunks").is_some()) {
        return Some(Format::Speechkit);
    }
    if let Some(r) = o.get("result") {
        if r.is_array() || o.contains_key("alternatives") {
            return Some(Format::Vosk);
        }
        if r.get("final").is_some()
            || r.get("finalRefinement").is_some()
            || r.get("partial").is_some()
            || r.get("channelTag").is_some()
        {
            return Some(Format::Speechkit);
        }
    }
    if o.contains_key("alternatives") && o.contains_key("text") {
        return Some(Format::Vosk);
    }
    if o.contains_key("final") || o.contains_key("finalRefinement") {
        return Some(Format::Speechkit);
    }
    if o.contains_key("jobName")
        || o.get("results")
            .is_some_and(|r| r.get("items").is_some() || r.get("transcripts").is_some())
        || o.contains_key("Transcript")
        || o.contains_key("JobName")
    {
        return Some(Format::Aws);
    }
    if o.contains_key("text") && o.contains_key("language") {
        return Some(Format::Whisper);
    }
    None
}

/// Recognises the format of `text`; `name` only breaks ties.
pub fn detect(name: &str, text: &str) -> Option<Format> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("WEBVTT") {
        return Some(Format::Vtt);
    }
    if t.starts_with('{') || t.starts_with('[') {
        if let Ok(v) = serde_json::from_str::<Value>(t) {
            return json_kind(&v);
        }
        // NDJSON: the first line decides.
        let first = t.lines().next().unwrap_or("");
        return serde_json::from_str::<Value>(first)
            .ok()
            .as_ref()
            .and_then(json_kind);
    }
    let mut lines = t
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty());
    let l1 = lines.next().unwrap_or("");
    let l2 = lines.next().unwrap_or("");
    if l1.trim().chars().all(|c| c.is_ascii_digit()) && l2.contains("-->") {
        return Some(Format::Srt);
    }
    if l1.contains("-->") && name.to_ascii_lowercase().ends_with(".srt") {
        return Some(Format::Srt);
    }
    if t.starts_with("Event-Name:") || t.contains("\nEvent-Name: CHANNEL_HANGUP") {
        return Some(Format::Freeswitch);
    }
    let kv_block = |l: &str| {
        ["Event:", "Action:", "Response:", "Asterisk Call Manager"]
            .iter()
            .any(|p| l.starts_with(p))
    };
    if kv_block(l1) || t.lines().take(50).any(|l| l.starts_with("Event: ")) {
        return Some(Format::AsteriskAmi);
    }
    let head = l1.to_ascii_lowercase();
    if head.contains("eventtype") {
        return Some(Format::AsteriskCel);
    }
    let first_field = l1
        .split([',', '|'])
        .next()
        .unwrap_or("")
        .trim()
        .trim_matches('"');
    if CEL_TYPES.contains(&first_field) {
        return Some(Format::AsteriskCel);
    }
    if head.contains("disposition") || head.contains("billsec") {
        return Some(Format::AsteriskCdr);
    }
    if l1.matches(',').count() >= 12 {
        let upper = l1.to_ascii_uppercase();
        if ["ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CONGESTION"]
            .iter()
            .any(|d| upper.contains(d))
        {
            return Some(Format::AsteriskCdr);
        }
    }
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".vtt") {
        return Some(Format::Vtt);
    }
    if lower.ends_with(".srt") {
        return Some(Format::Srt);
    }
    None
}

/// Files that belong to another file and are read with it (Harper Valley
/// `*.metadata.json`).
pub fn is_companion(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".metadata.json"))
}

/// The call id and stereo channel a file name carries: the base name
/// without its extensions (`.json`, `.segments.jsonl`, `.wav.json`) and
/// channel suffix (`.ch0`, `_ch1`, `-left`, `-right`, `.L`, `.R`).
pub fn id_from_name(name: &str) -> (String, Option<u32>) {
    let base = Path::new(name)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(name)
        .to_string();
    let mut stem = base.as_str();
    for ext in [
        ".json", ".jsonl", ".ndjson", ".vtt", ".srt", ".txt", ".csv", ".psv", ".log",
    ] {
        if let Some(s) = stem.strip_suffix(ext) {
            stem = s;
            break;
        }
    }
    for ext in [
        ".segments",
        ".transcript",
        ".wav",
        ".mp3",
        ".ogg",
        ".opus",
        ".flac",
        ".gsm",
    ] {
        if let Some(s) = stem.strip_suffix(ext) {
            stem = s;
        }
    }
    let lower = stem.to_ascii_lowercase();
    for sep in ['.', '_', '-'] {
        for (suffix, ch) in [
            ("ch0", 0),
            ("ch1", 1),
            ("left", 0),
            ("right", 1),
            ("l", 0),
            ("r", 1),
        ] {
            let pat = format!("{sep}{suffix}");
            if lower.ends_with(&pat) && stem.len() > pat.len() {
                return (stem[..stem.len() - pat.len()].to_string(), Some(ch));
            }
        }
    }
    (stem.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            id_from_name("dir/1694023642.7.ch1.json"),
            ("1694023642.7".into(), Some(1))
        );
        assert_eq!(
            id_from_name("call-42-left.vtt"),
            ("call-42".into(), Some(0))
        );
        assert_eq!(id_from_name("abc.segments.jsonl"), ("abc".into(), None));
        assert_eq!(Format::from_name("WhisperX"), Some(Format::Whisper));
    }
}
