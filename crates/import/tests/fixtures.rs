//! One fixture per format and quirk (written for this project, following
//! each format's field lists), imported end to end.

mod util;

use callqa_import::{detect, Format, Severity};
use callqa_model::{Direction, EventKind, Party};
use util::*;

fn errs(out: &callqa_import::Import) -> Vec<String> {
    out.problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect()
}

#[test]
fn every_fixture_is_recognised_from_its_content() {
    let cases = [
        ("cdr_master_cp1251.csv", Format::AsteriskCdr),
        ("cel_custom.csv", Format::AsteriskCel),
        ("ami_queue_hold.log", Format::AsteriskAmi),
        ("fs_callcenter.json", Format::Freeswitch),
        ("rec-1709360104.1.ch0.json", Format::Whisper),
        ("outbound-call-7.json", Format::Whisper),
        ("vosk-call-8.json", Format::Vosk),
        ("sk2-call-9.json", Format::Speechkit),
        ("sk3-call-10.ndjson", Format::Speechkit),
        ("aws-call-11.json", Format::Aws),
        ("aws-analytics-call-12.json", Format::Aws),
        ("call-13.vtt", Format::Vtt),
        ("call-14.srt", Format::Srt),
        ("hvb-call-15.json", Format::Hvb),
    ];
    for (name, want) in cases {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let text = callqa_import::encoding::decode(&bytes, None).unwrap().text;
        // Content decides: the same text under a neutral name.
        assert_eq!(detect::detect("input", &text), Some(want), "{name}");
    }
}

#[test]
fn cdr_windows_1251_crlf_quotes_and_bad_row() {
    let out = run(&[fixture("cdr_master_cp1251.csv")], &[], &opts(""));
    assert!(out
        .problems
        .iter()
        .any(|p| p.message.contains("windows-1251")));
    let e = errs(&out);
    assert_eq!(e.len(), 1, "{e:?}");
    // The userfield holds a quoted CRLF: the bad row is on line 4.
    assert!(
        e[0].ends_with("cdr_master_cp1251.csv:4: bad time stamp \"not a date\""),
        "{e:?}"
    );
    assert_eq!(out.calls.len(), 2);
    let c = &out.calls[0];
    assert_eq!(c.client.name.as_deref(), Some("Иван Петров"));
    assert_eq!(c.client.number.as_deref(), Some("+79161234567"));
    assert_eq!(c.direction, Direction::Inbound); // Queue
    assert_eq!(c.operator.id, "SIP/1001");
    assert_eq!(c.tags["queue"], "support");
    assert_eq!(c.tags["import.hold"], "unknown");
    assert_eq!(answered_at(c), Some(10.0));
    let missed = &out.calls[1];
    assert_eq!(answered_at(missed), None);
    // With --encoding forced the guess warning goes away.
    let mut o = opts("");
    o.encoding = callqa_import::encoding::encoding_for_label("cp1251");
    o.timezone = callqa_import::Zone::parse("Europe/Moscow");
    let out = run(&[fixture("cdr_master_cp1251.csv")], &[], &o);
    assert!(!out.problems.iter().any(|p| p.severity == Severity::Warning));
    assert_eq!(out.calls[0].started_at.unwrap().offset().whole_hours(), 3);
}

#[test]
fn cel_custom_csv_hold_transfer_hangupsource_and_transcript_join() {
    let out = run(
        &[fixture("cel_custom.csv")],
        &[fixture("rec-1709360104.1.ch0.json")],
        &opts(""),
    );
    assert!(errs(&out).is_empty(), "{:?}", errs(&out));
    assert_eq!(out.calls.len(), 1);
    let c = &out.calls[0];
    assert_eq!(c.direction, Direction::Inbound);
    assert_eq!(c.operator.id, "1001");
    assert_eq!(c.operator.name.as_deref(), Some("Anna"));
    assert_eq!(answered_at(c), Some(10.0));
    assert_eq!(holds(c), vec![(56.0, 86.5)]);
    assert!(c.events.iter().any(|e| e.kind
        == EventKind::Transfer {
            to: Some("2002".into())
        }));
    assert_eq!(hangup_by(c), Some(Party::Client));
    assert_eq!(c.started_at.unwrap().offset().whole_hours(), 3);
    // Recording starts at the answer (10 s); the channel-0 file is the operator's.
    let u: Vec<(f64, &str)> = c
        .utterances
        .iter()
        .map(|u| (u.start, u.text.as_str()))
        .collect();
    assert_eq!(u[0].0, 10.5);
    assert!(u[0].1.starts_with("Добрый день"));
    assert_eq!(c.utterances[0].words[0].start, Some(10.5));
    // 60 s → 70 s on the call: inside the hold (56–86.5): dropped; the
    // no_speech_prob 0.9 one is dropped too; "Спасибо за ожидание" at 90 s kept.
    assert_eq!(c.utterances.len(), 2, "{:?}", c.utterances);
    assert_eq!(
        c.tags["import.dropped"],
        "1 segments inside hold, 1 segments with no_speech_prob above 0.60"
    );
    // Only channel 0 was given: the client's half is missing, and said so.
    assert_eq!(c.tags["import.missing_channel"], "1 (client)");
    assert!(out
        .problems
        .iter()
        .any(|p| p.message.contains("stereo pair")));
}

#[test]
fn ami_hold_queue_agent_hung_up() {
    let out = run(&[fixture("ami_queue_hold.log")], &[], &opts(""));
    assert!(errs(&out).is_empty(), "{:?}", errs(&out));
    let c = &out.calls[0];
    assert_eq!(c.id, "1709370000.10");
    assert_eq!(c.direction, Direction::Inbound);
    assert_eq!(c.operator.id, "1002");
    assert_eq!(c.tags["queue"], "support");
    assert_eq!(answered_at(c), Some(6.25));
    // Hold and MusicOnHold overlap: one hold.
    assert_eq!(holds(c), vec![(30.0, 45.0)]);
    assert_eq!(hangup_by(c), Some(Party::Operator)); // AgentComplete Reason: agent
    assert!((c.ended_at() - 90.2).abs() < 1e-6);
}

#[test]
fn freeswitch_callcenter_hold_total_only() {
    let out = run(&[fixture("fs_callcenter.json")], &[], &opts(""));
    assert!(errs(&out).is_empty(), "{:?}", errs(&out));
    let c = &out.calls[0];
    assert_eq!(c.direction, Direction::Inbound);
    assert_eq!(c.operator.id, "1003");
    assert_eq!(c.client.number.as_deref(), Some("+79161112233"));
    assert_eq!(c.tags["queue"], "support");
    assert_eq!(holds(c), vec![(50.0, 70.0)]);
    assert_eq!(hangup_by(c), Some(Party::Client)); // recv_bye on the A-leg
}

#[test]
fn transcripts_without_events() {
    let out = run(
        &[],
        &[
            fixture("outbound-call-7.json"),
            fixture("vosk-call-8.json"),
            fixture("sk2-call-9.json"),
            fixture("sk3-call-10.ndjson"),
            fixture("aws-call-11.json"),
            fixture("aws-analytics-call-12.json"),
            fixture("call-13.vtt"),
            fixture("call-14.srt"),
            fixture("hvb-call-15.json"),
        ],
        &opts("default_direction = \"outbound\"\n[speakers]\nunused = \"client\""),
    );
    let by = |id: &str| {
        out.calls
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("{id}: {:?}", out.calls))
    };
    for c in &out.calls {
        assert!(c.events.is_empty() || c.id == "hvb-call-15", "{}", c.id);
    }
    // WhisperX: SPEAKER_01 speaks first; on an outbound call that is the client.
    let c = by("outbound-call-7");
    assert_eq!(c.started_at, None);
    assert_eq!(c.tags["import.events"], "none");
    assert_eq!(c.utterances[0].speaker, Party::Client);
    assert_eq!(c.utterances[1].speaker, Party::Operator); // speaker from its words
    assert_eq!(c.utterances[0].words[1].start, None); // word without times kept
    assert!(c.tags["import.speakers"].contains("SPEAKER_01 → client"));
    // Vosk: no speakers in a mono file → reported, not guessed.
    let c = by("vosk-call-8");
    assert!(c.utterances.is_empty());
    assert!(out.problems.iter().any(
        |p| p.file.ends_with("vosk-call-8.json") && p.message.contains("cannot tell who spoke")
    ));
    // SpeechKit v2: tags 1 and 2 are channels 0 (operator) and 1 (client).
    let c = by("sk2-call-9");
    assert_eq!(
        (c.utterances[0].speaker, c.utterances[0].start),
        (Party::Operator, 0.88)
    );
    assert_eq!(c.utterances[1].speaker, Party::Client);
    // SpeechKit v3: the refinement's normalised text wins.
    let c = by("sk3-call-10");
    assert_eq!(c.utterances[0].text, "Добрый день, компания «Ромашка».");
    assert_eq!(c.utterances[1].speaker, Party::Client);
    // AWS channels and Call Analytics roles.
    let c = by("aws-call-11");
    assert_eq!(c.utterances[0].text, "Hello, Acme bank.");
    assert_eq!(c.utterances[1].speaker, Party::Client);
    let c = by("aws-analytics-call-12");
    assert_eq!(c.utterances[0].speaker, Party::Operator);
    assert_eq!(c.utterances[1].start, 2.5);
    // WebVTT voices, two lines of one voice joined.
    let c = by("call-13");
    assert_eq!(c.utterances[1].text, "Здравствуйте! У меня вопрос.");
    assert_eq!(c.utterances[1].speaker, Party::Client);
    // SRT prefixes; the broken cue is reported with its line.
    let c = by("call-14");
    assert_eq!(c.utterances[0].speaker, Party::Operator);
    assert_eq!(c.utterances[0].text, "Добрый день!");
    assert!(out
        .problems
        .iter()
        .any(|p| p.to_string().contains("call-14.srt:10: bad cue timing")));
    // HVB without metadata: human transcript when present, else the ASR one.
    let c = by("hvb-call-15");
    assert_eq!(c.utterances[1].text, "hi there");
    assert_eq!(c.utterances[0].text, "hello this is acme");
    assert_eq!(c.direction, Direction::Inbound);
}

#[test]
fn calls_without_transcripts_say_so() {
    let out = run(
        &[fixture("fs_callcenter.json")],
        &[fixture("call-13.vtt")],
        &opts(""),
    );
    let c = out
        .calls
        .iter()
        .find(|c| c.id.starts_with("0f0e4c1e"))
        .unwrap();
    assert_eq!(c.tags["import.transcript"], "none");
    assert!(c.utterances.is_empty());
}

#[test]
fn forced_format_and_unknown_format() {
    let mut o = opts("");
    o.from = vec![Format::Vtt];
    let out = run(&[], &[fixture("call-13.vtt")], &o);
    assert_eq!(out.calls.len(), 1);
    let dir = std::env::temp_dir().join("callqa-import-unknown");
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("notes.txt");
    std::fs::write(&f, "hello\nworld\n").unwrap();
    let out = run(&[f], &[], &opts(""));
    assert!(errs(&out)[0].contains("--from"), "{:?}", errs(&out));
}

/// A cheap stand-in for the fuzz targets in `cargo test`: every prefix and
/// a byte-flipped copy of every fixture, through every parser, must not
/// panic.
#[test]
fn truncated_and_mangled_inputs_never_panic() {
    let formats = [
        Format::AsteriskCdr,
        Format::AsteriskCel,
        Format::AsteriskAmi,
        Format::Freeswitch,
        Format::Whisper,
        Format::Vosk,
        Format::Speechkit,
        Format::Aws,
        Format::Vtt,
        Format::Srt,
        Format::Hvb,
    ];
    let o = callqa_import::ImportOptions::default();
    for e in std::fs::read_dir(fixture("")).unwrap() {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        let step = (bytes.len() / 40).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            let mut variants = vec![bytes[..cut].to_vec()];
            let mut flipped = bytes.clone();
            flipped[cut] ^= 0x5a;
            variants.push(flipped);
            for v in variants {
                let text = String::from_utf8_lossy(&v);
                for f in formats {
                    let _ = callqa_import::parse_text(f, "x", &text, &o);
                }
            }
        }
    }
}
