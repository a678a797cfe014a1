//! The Vosk-server client against a test WebSocket server on 127.0.0.1
//! that replays answers written from the Vosk documentation
//! (`tests/data/vosk/`, see its README), one per audio frame, the last one
//! after `{"eof" : 1}`.

mod common;

use std::time::Duration;

use callqa_model::Party;
use callqa_sources::fold::fold;
use callqa_sources::vosk::{self, read_wav, Audio, VoskConfig};
use callqa_sources::{CallHead, Message, SourceError};
use common::*;
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::Message as Ws;

/// Answers each binary frame with the next scripted answer, the rest
/// after `eof`; returns the config frame and the audio bytes received.
async fn vosk_server(answers: Vec<String>) -> (String, tokio::task::JoinHandle<(String, usize)>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        let (sock, _) = listener.accept().await.unwrap();
        let mut ws = tokio_tungstenite::accept_async(sock).await.unwrap();
        let mut config = String::new();
        let mut bytes = 0usize;
        let mut next = answers.into_iter();
        while let Some(Ok(m)) = ws.next().await {
            match m {
                Ws::Text(t) if t.contains("config") => config = t.to_string(),
                Ws::Text(t) if t.contains("eof") => {
                    for a in next.by_ref() {
                        ws.send(Ws::text(a)).await.unwrap();
                    }
                    ws.close(None).await.ok();
                    break;
                }
                Ws::Binary(b) => {
                    bytes += b.len();
                    let a = next.next().unwrap_or_else(|| "{\"partial\" : \"\"}".into());
                    ws.send(Ws::text(a)).await.unwrap();
                }
                _ => {}
            }
        }
        (config, bytes)
    });
    (url, task)
}

fn answers() -> Vec<String> {
    std::fs::read_to_string(data("vosk/answers.jsonl"))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn partials_and_results_become_segments_with_final_and_stable_chars() {
    // A 16 kHz mono WAV of 1.4 s: 7 frames of 200 ms.
    let dir = std::env::temp_dir().join(format!("callqa-vosk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let wav = dir.join("op.wav");
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 16_000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut w = hound::WavWriter::create(&wav, spec).unwrap();
    for i in 0..22_400 {
        w.write_sample(((i as f32 / 8.0).sin() * 3000.0) as i16)
            .unwrap();
    }
    w.finalize().unwrap();
    let audio = read_wav(&wav).unwrap();
    assert_eq!(audio.len(), 1);
    let (url, server) = vosk_server(answers()).await;
    let mut cfg = VoskConfig::new(&url, "c1", Party::Operator);
    cfg.realtime = false;
    cfg.offset = 5.0;
    cfg.timeout = Duration::from_secs(5);
    let (outs, res) = collect(|tx| async move { vosk::run(&cfg, &audio[0], &tx).await }).await;
    res.unwrap();
    let (config, bytes) = server.await.unwrap();
    assert_eq!(
        config,
        "{\"config\": {\"sample_rate\": 16000, \"words\": 1}}"
    );
    assert_eq!(bytes, 44_800);
    let msgs = messages(&outs);
    let shape: Vec<(String, bool, usize, String)> = msgs
        .iter()
        .map(|m| {
            let Message::Utterance(u) = m else {
                panic!("{m:?}")
            };
            (
                u.segment.clone().unwrap(),
                u.is_final,
                u.stable_chars,
                u.utterance.text.clone(),
            )
        })
        .collect();
    let s = |a: &str, b, c, d: &str| (a.to_string(), b, c, d.to_string());
    assert_eq!(
        shape,
        [
            s("0", false, 0, "добрый"),
            s("0", false, 0, "добрый день"),
            s("0", true, 20, "добрый день компания"),
            s("1", false, 0, "чем могу"),
            s("1", true, 15, "чем могу помочь"),
        ]
    );
    let Message::Utterance(u) = &msgs[2] else {
        panic!()
    };
    assert_eq!((u.utterance.start, u.utterance.end), (5.21, 6.71));
    assert_eq!(u.utterance.words[1].start, Some(5.69));
    // A partial runs from the end of the last result to the audio sent.
    let Message::Utterance(p) = &msgs[3] else {
        panic!()
    };
    assert_eq!(
        (p.utterance.start, p.utterance.end),
        (6.71, 6.4f64.max(6.71))
    );
    let mut all = vec![Message::Start {
        call: CallHead {
            id: "c1".into(),
            direction: callqa_model::Direction::Inbound,
            started_at: None,
            language: None,
            company: None,
            department: None,
            operator: None,
            client: Default::default(),
            tags: Default::default(),
        },
    }];
    all.extend(msgs);
    let c = fold(&all).remove(0).1.unwrap();
    assert_eq!(c.utterances.len(), 2);
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn a_bad_answer_is_an_error_quoting_it() {
    let (url, _server) = vosk_server(vec!["{\"partial\": 7}".into()]).await;
    let mut cfg = VoskConfig::new(&url, "c1", Party::Client);
    cfg.realtime = false;
    cfg.timeout = Duration::from_secs(5);
    let audio = Audio {
        sample_rate: 8000,
        samples: vec![0; 800],
    };
    let (_, res) = collect(|tx| async move { vosk::run(&cfg, &audio, &tx).await }).await;
    let e = res.unwrap_err();
    assert!(matches!(e, SourceError::Protocol { .. }), "{e:?}");
    assert!(
        e.to_string().ends_with("\"vosk partial: 7 is not text\""),
        "{e}"
    );
}

#[test]
fn a_wav_that_is_not_16_bit_pcm_is_refused_by_name() {
    let dir = std::env::temp_dir().join(format!("callqa-vosk-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("f.wav");
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 8000,
        bits_per_sample: 32,
        sample_format: hound::SampleFormat::Float,
    };
    let mut w = hound::WavWriter::create(&p, spec).unwrap();
    w.write_sample(0.5f32).unwrap();
    w.finalize().unwrap();
    let e = read_wav(&p).unwrap_err().to_string();
    assert!(
        e.contains("float 32-bit audio; Vosk takes 16-bit PCM"),
        "{e}"
    );
    std::fs::write(&p, b"RIFF nonsense").unwrap();
    let e = read_wav(&p).unwrap_err().to_string();
    assert!(
        e.starts_with(&format!("{}: not a WAV file", p.display())),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
