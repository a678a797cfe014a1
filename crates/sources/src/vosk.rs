//! The Vosk-server WebSocket client: sends the audio of a WAV file the
//! user gives (16-bit PCM, each channel on its own connection) as binary
//! frames after a `{"config": {"sample_rate": …}}` frame, ends with
//! `{"eof": 1}`, and turns the server's answers into v2 utterances:
//! `{"partial": "…"}` is the utterance in progress (Vosk may still change
//! any of it: stable prefix 0), `{"result": [words], "text": "…"}` is its
//! final text, after which the next segment begins.

use std::path::Path;
use std::time::Duration;

use callqa_model::{Party, Utterance, Word};
use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message as Ws;

use crate::error::SourceError;
use crate::net::{emit, timed, Output};
use crate::protocol::{Message, UtteranceMsg};
use crate::record::round_us;
use crate::stable::chars;

/// The audio of one channel.
#[derive(Clone, Debug, PartialEq)]
pub struct Audio {
    /// Samples per second.
    pub sample_rate: u32,
    /// The channel's 16-bit PCM samples.
    pub samples: Vec<i16>,
}

/// Reads a WAV file into one [`Audio`] per channel. Only 16-bit integer
/// PCM is accepted (what Vosk takes).
pub fn read_wav(path: &Path) -> Result<Vec<Audio>, SourceError> {
    let bad = |message: String| SourceError::Input {
        what: path.display().to_string(),
        message,
    };
    let mut r = hound::WavReader::open(path).map_err(|e| bad(format!("not a WAV file: {e}")))?;
    let spec = r.spec();
    if spec.sample_format != hound::SampleFormat::Int || spec.bits_per_sample != 16 {
        return Err(bad(format!(
            "{} {}-bit audio; Vosk takes 16-bit PCM (convert with `sox in.wav -b 16 out.wav`)",
            if spec.sample_format == hound::SampleFormat::Int {
                "integer"
            } else {
                "float"
            },
            spec.bits_per_sample
        )));
    }
    let n = usize::from(spec.channels.max(1));
    let mut out = vec![
        Audio {
            sample_rate: spec.sample_rate,
            samples: Vec::new(),
        };
        n
    ];
    for (i, s) in r.samples::<i16>().enumerate() {
        let s = s.map_err(|e| bad(format!("bad sample {i}: {e}")))?;
        out[i % n].samples.push(s);
    }
    Ok(out)
}

/// Vosk answers → utterance messages, for one channel.
#[derive(Debug)]
pub struct VoskStream {
    call: String,
    speaker: Party,
    /// Prefix of segment ids (the channel), so two channels never clash.
    prefix: String,
    offset: f64,
    n: u64,
    /// Where the segment in progress began (the end of the last result).
    seg_start: f64,
    sent_partial: bool,
    last_partial: String,
}

impl VoskStream {
    /// A stream for one channel of `call` spoken by `speaker`; segment ids start with `prefix`, and `offset` is the second on the call's clock where the audio starts.
    pub fn new(call: &str, speaker: Party, prefix: &str, offset: f64) -> VoskStream {
        VoskStream {
            call: call.to_string(),
            speaker,
            prefix: prefix.to_string(),
            offset,
            n: 0,
            seg_start: 0.0,
            sent_partial: false,
            last_partial: String::new(),
        }
    }

    fn msg(&self, start: f64, end: f64, text: String, words: Vec<Word>, fin: bool) -> Message {
        let stable = if fin { chars(&text) } else { 0 };
        Message::Utterance(UtteranceMsg {
            call: self.call.clone(),
            utterance: Utterance {
                speaker: self.speaker,
                start: round_us(start + self.offset),
                end: round_us(end.max(start) + self.offset),
                text,
                words,
            },
            segment: Some(format!("{}{}", self.prefix, self.n)),
            is_final: fin,
            stable_chars: stable,
        })
    }

    /// One text answer, `heard` seconds of audio sent so far.
    pub fn answer(&mut self, text: &str, heard: f64) -> Result<Vec<Message>, String> {
        let v: Value = serde_json::from_str(text).map_err(|e| {
            let shown: String = text.chars().take(60).collect();
            format!("vosk answer is not JSON ({e}): {shown:?}")
        })?;
        if let Some(p) = v.get("partial") {
            let p = p
                .as_str()
                .ok_or_else(|| format!("vosk partial: {p} is not text"))?
                .trim()
                .to_string();
            if p.is_empty() || p == self.last_partial {
                return Ok(Vec::new());
            }
            self.last_partial = p.clone();
            self.sent_partial = true;
            return Ok(vec![self.msg(self.seg_start, heard, p, Vec::new(), false)]);
        }
        let Some(t) = v.get("text") else {
            return Ok(Vec::new()); // e.g. an empty `{}` answer
        };
        let t = t
            .as_str()
            .ok_or_else(|| format!("vosk text: {t} is not text"))?
            .trim()
            .to_string();
        let mut words = Vec::new();
        if let Some(ws) = v.get("result") {
            let ws = ws
                .as_array()
                .ok_or_else(|| format!("vosk result: {ws} is not a list of words"))?;
            for (i, w) in ws.iter().enumerate() {
                let num = |k: &str| -> Result<Option<f64>, String> {
                    match w.get(k) {
                        None => Ok(None),
                        Some(x) => x
                            .as_f64()
                            .filter(|f| f.is_finite())
                            .map(Some)
                            .ok_or_else(|| format!("vosk result[{i}].{k}: {x} is not a number")),
                    }
                };
                words.push(Word {
                    w: w.get("word")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                    start: num("start")?.map(|s| round_us(s + self.offset)),
                    end: num("end")?.map(|s| round_us(s + self.offset)),
                    conf: num("conf")?,
                });
            }
        }
        if t.is_empty() && !self.sent_partial {
            return Ok(Vec::new());
        }
        let start = words
            .first()
            .and_then(|w| w.start)
            .map(|s| s - self.offset)
            .unwrap_or(self.seg_start);
        let end = words
            .last()
            .and_then(|w| w.end)
            .map(|s| s - self.offset)
            .unwrap_or(heard);
        let m = self.msg(start, end, t, words, true);
        self.n += 1;
        self.seg_start = end.max(start);
        self.sent_partial = false;
        self.last_partial.clear();
        Ok(vec![m])
    }
}

/// How to stream one channel.
#[derive(Clone, Debug)]
pub struct VoskConfig {
    /// `ws://host:2700`.
    pub url: String,
    /// The id of the call the utterances belong to.
    pub call: String,
    /// Who speaks on this channel.
    pub speaker: Party,
    /// Segment id prefix (`"0-"` for channel 0).
    pub prefix: String,
    /// Seconds on the call's clock where the audio starts.
    pub offset: f64,
    /// Audio per frame.
    pub chunk: Duration,
    /// Send at the pace of speech (as a live call does) rather than as
    /// fast as the server answers.
    pub realtime: bool,
    /// How long to wait for each answer.
    pub timeout: Duration,
}

impl VoskConfig {
    /// A configuration streaming to `url` for `call` and `speaker`: no prefix, offset 0, 200 ms frames, at the pace of speech, 30 s answer timeout.
    pub fn new(url: &str, call: &str, speaker: Party) -> VoskConfig {
        VoskConfig {
            url: url.to_string(),
            call: call.to_string(),
            speaker,
            prefix: String::new(),
            offset: 0.0,
            chunk: Duration::from_millis(200),
            realtime: true,
            timeout: Duration::from_secs(30),
        }
    }
}

/// Streams `audio` to the server and sends the utterances; ends when the
/// server closes after the last answer.
pub async fn run(
    cfg: &VoskConfig,
    audio: &Audio,
    tx: &mpsc::Sender<Output>,
) -> Result<(), SourceError> {
    let url = cfg.url.as_str();
    let proto = |e: tokio_tungstenite::tungstenite::Error| SourceError::Connect {
        addr: url.to_string(),
        message: e.to_string(),
    };
    let (mut ws, _) = timed(
        url,
        "connecting",
        cfg.timeout,
        tokio_tungstenite::connect_async(url),
    )
    .await?
    .map_err(proto)?;
    let config = format!(
        "{{\"config\": {{\"sample_rate\": {}, \"words\": 1}}}}",
        audio.sample_rate
    );
    ws.send(Ws::text(config)).await.map_err(proto)?;
    let mut stream = VoskStream::new(&cfg.call, cfg.speaker, &cfg.prefix, cfg.offset);
    let per = ((audio.sample_rate as f64 * cfg.chunk.as_secs_f64()).round() as usize).max(1);
    let mut sent = 0usize;
    let rate = f64::from(audio.sample_rate.max(1));
    let handle = |stream: &mut VoskStream,
                  m: Ws,
                  heard: f64|
     -> Result<Vec<Message>, SourceError> {
        match m {
            Ws::Text(t) => stream
                .answer(t.as_str(), heard)
                .map_err(|e| SourceError::Protocol {
                    addr: url.to_string(),
                    protocol: "the Vosk server protocol",
                    sent: e,
                }),
            _ => Ok(Vec::new()),
        }
    };
    for chunk in audio.samples.chunks(per) {
        let bytes: Vec<u8> = chunk.iter().flat_map(|s| s.to_le_bytes()).collect();
        ws.send(Ws::binary(bytes)).await.map_err(proto)?;
        sent += chunk.len();
        let heard = sent as f64 / rate;
        let answer = timed(url, "waiting for an answer", cfg.timeout, ws.next()).await?;
        let Some(answer) = answer else {
            return Err(SourceError::Protocol {
                addr: url.to_string(),
                protocol: "the Vosk server protocol",
                sent: "a close before the end of the audio".into(),
            });
        };
        for m in handle(&mut stream, answer.map_err(proto)?, heard)? {
            emit(tx, Output::Message(m)).await?;
        }
        if cfg.realtime {
            tokio::time::sleep(Duration::from_secs_f64(chunk.len() as f64 / rate)).await;
        }
    }
    ws.send(Ws::text("{\"eof\" : 1}")).await.map_err(proto)?;
    let heard = sent as f64 / rate;
    while let Some(m) = timed(url, "waiting for the last answer", cfg.timeout, ws.next()).await? {
        let m = m.map_err(proto)?;
        if matches!(m, Ws::Close(_)) {
            break;
        }
        for m in handle(&mut stream, m, heard)? {
            emit(tx, Output::Message(m)).await?;
        }
    }
    Ok(())
}
