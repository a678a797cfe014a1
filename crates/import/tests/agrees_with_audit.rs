//! An importer never writes what `callqa audit` rejects: each input of the
//! reliability review that once gave a record audit refused is now
//! repaired with a note, or refused with its file and line. Every call
//! here is also serialised and read back through the strict parser, and a
//! property test holds random transcripts and CEL files to the same rule.

mod util;

use callqa_import::{import_text, Format, Import, ImportOptions};
use callqa_model::call_from_str;
use proptest::prelude::*;
use util::fixture;

/// Every call of the import, as `callqa import` writes it, read back by
/// the strict parser.
fn assert_audit_accepts(out: &Import) {
    for call in &out.calls {
        let line = serde_json::to_string(call).unwrap();
        if let Err(e) = call_from_str(&line) {
            panic!("audit rejects the imported call {line}: {e}");
        }
    }
}

fn messages(out: &Import) -> Vec<String> {
    out.problems.iter().map(|p| p.to_string()).collect()
}

fn aws_with(edit: impl Fn(&mut serde_json::Value)) -> String {
    let text = std::fs::read_to_string(fixture("aws-call-11.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    edit(&mut v);
    v.to_string()
}

#[test]
fn aws_words_with_end_before_start_or_bad_confidence_are_repaired_with_a_note() {
    let text = aws_with(|v| {
        let items = &mut v["results"]["channel_labels"]["channels"][0]["items"];
        items[2]["start_time"] = "2.0".into();
        items[3]["alternatives"][0]["confidence"] = "1.99".into();
    });
    let out = import_text(
        Format::Aws,
        "call-11.json",
        &text,
        &ImportOptions::default(),
    );
    assert_audit_accepts(&out);
    assert_eq!(out.calls.len(), 1);
    let msgs = messages(&out).join("\n");
    assert!(msgs.contains("word times dropped"), "{msgs}");
    assert!(
        msgs.contains("1.99 is not between 0 and 1; dropped"),
        "{msgs}"
    );
    let tag = &out.calls[0].tags["import.repaired"];
    assert!(tag.contains("word_times"), "{tag}");
}

#[test]
fn cel_rows_without_any_id_are_refused_with_their_line() {
    let text = std::fs::read_to_string(fixture("cel_custom.csv")).unwrap();
    let blank = text.replace("1709360104.1", "").replace("1709360106.2", "");
    let out = import_text(
        Format::AsteriskCel,
        "cel_blank.csv",
        &blank,
        &ImportOptions::default(),
    );
    assert_audit_accepts(&out);
    assert!(out.calls.iter().all(|c| !c.id.is_empty()));
    let msgs = messages(&out);
    assert!(
        msgs.iter().any(|m| m.starts_with("cel_blank.csv:1: ")
            && m.contains("blank uniqueid and linkedid; row skipped")),
        "{msgs:?}"
    );
}

#[test]
fn a_cel_file_cut_mid_row_reports_the_line_and_keeps_the_rows_before() {
    let text = std::fs::read_to_string(fixture("cel_custom.csv")).unwrap();
    let cut = &text[..text.len() / 2];
    let cut_line = cut.lines().count();
    let out = import_text(
        Format::AsteriskCel,
        "cel_trunc.csv",
        cut,
        &ImportOptions::default(),
    );
    assert_audit_accepts(&out);
    assert_eq!(out.calls.len(), 1, "the rows before the cut make a call");
    let msgs = messages(&out);
    assert!(
        msgs.iter().any(|m| m.starts_with(&format!(
            "cel_trunc.csv:{cut_line}: the file ends inside a quoted field of this row"
        ))),
        "{msgs:?}"
    );
    assert!(!out.is_clean());
}

#[test]
fn whisper_times_near_the_float_limit_never_become_null() {
    let text = r#"{"segments":[{"start":0.5,"end":1.0,"text":"алло","speaker":"SPEAKER_00"},{"start":1e303,"end":1e303,"text":"x","speaker":"SPEAKER_00"}]}"#;
    let out = import_text(
        Format::Whisper,
        "call-1.json",
        text,
        &ImportOptions::default(),
    );
    assert_audit_accepts(&out);
    assert_eq!(out.calls[0].utterances.len(), 1);
    let msgs = messages(&out).join("\n");
    assert!(
        msgs.contains("start 1e303 or end 1e303 is out of range; utterance dropped"),
        "{msgs}"
    );
}

#[test]
fn subtitle_times_keep_their_sign_are_bounded_and_end_before_start_is_noted() {
    let srt = "1\n00:00:05,000 --> 00:00:02,000\nOperator: Добрый день\n\n\
               2\n-00:00:01,000 --> 00:00:03,000\nClient: алло\n\n\
               3\n99999999:00:00,000 --> 99999999:00:01,000\nClient: да\n\n\
               4\n00:00:06,000 --> 00:00:07,000\nClient: слушаю\n";
    let out = import_text(Format::Srt, "call-2.srt", srt, &ImportOptions::default());
    assert_audit_accepts(&out);
    let msgs = messages(&out);
    assert_eq!(
        msgs,
        [
            "call-2.srt:2: warning: cue \"00:00:05,000 --> 00:00:02,000\" ends before it starts; its end is set to its start",
            "call-2.srt:6: bad cue timing \"-00:00:01,000 --> 00:00:03,000\": \"-00:00:01,000\" is negative; cue skipped",
            "call-2.srt:10: bad cue timing \"99999999:00:00,000 --> 99999999:00:01,000\": \"99999999:00:00,000\" is more than the limit of 10000000 seconds; cue skipped",
        ]
    );
    let starts: Vec<f64> = out.calls[0].utterances.iter().map(|u| u.start).collect();
    assert_eq!(starts, [5.0, 6.0]);
}

/// Times as a recogniser might print them, absurd ones included.
fn any_time() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => 0.0..50.0f64,
        1 => -10.0..0.0f64,
        1 => Just(1e303),
        1 => Just(1.7e308),
        1 => 1e6..1e8f64,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whisper segments with any times, confidences and words.
    #[test]
    fn whisper_output_always_passes_audit(
        segs in prop::collection::vec(
            (any_time(), any_time(), -1.0..2.0f64, any_time(), any_time(), 0usize..3),
            0..8,
        )
    ) {
        let segments: Vec<serde_json::Value> = segs
            .iter()
            .map(|(s, e, p, ws, we, sp)| serde_json::json!({
                "start": s, "end": e, "text": "да нет", "speaker": format!("SPEAKER_0{sp}"),
                "words": [{"word": "да", "start": ws, "end": we, "probability": p}],
            }))
            .collect();
        let text = serde_json::json!({"segments": segments}).to_string();
        let out = import_text(Format::Whisper, "p.json", &text, &ImportOptions::default());
        assert_audit_accepts(&out);
    }

    /// AWS items with any times and confidences.
    #[test]
    fn aws_output_always_passes_audit(
        items in prop::collection::vec((any_time(), any_time(), -1.0..2.0f64, 0usize..2), 0..8)
    ) {
        let text = aws_with(|v| {
            for (ch, channel) in v["results"]["channel_labels"]["channels"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .enumerate()
            {
                channel["items"] = items
                    .iter()
                    .filter(|i| i.3 == ch)
                    .map(|(s, e, c, _)| serde_json::json!({
                        "type": "pronunciation",
                        "alternatives": [{"confidence": c.to_string(), "content": "да"}],
                        "start_time": s.to_string(),
                        "end_time": e.to_string(),
                    }))
                    .collect();
            }
        });
        let out = import_text(Format::Aws, "p.json", &text, &ImportOptions::default());
        assert_audit_accepts(&out);
    }

    /// CEL files with rows shuffled, dropped, cut or with ids blanked.
    #[test]
    fn cel_output_always_passes_audit(
        order in prop::collection::vec(0usize..9, 0..14),
        blank in prop::collection::vec(any::<bool>(), 9),
        cut in 0usize..2000,
    ) {
        let text = std::fs::read_to_string(fixture("cel_custom.csv")).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let mut out = String::new();
        for &i in &order {
            let line = lines[i % lines.len()];
            if blank[i % blank.len()] {
                out.push_str(&line.replace("1709360104.1", "").replace("1709360106.2", ""));
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
        let mut end = cut.min(out.len());
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        let out = import_text(Format::AsteriskCel, "p.csv", &out[..end], &ImportOptions::default());
        assert_audit_accepts(&out);
    }
}

/// Issue 14 (1): SpeechKit words whose end is before their start, or whose
/// confidence is outside 0..1, gave records audit rejected.
#[test]
fn speechkit_words_with_end_before_start_or_bad_confidence_are_repaired_with_a_note() {
    let text = std::fs::read_to_string(fixture("sk2-call-9.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let words = &mut v["response"]["chunks"][0]["alternatives"][0]["words"];
    words[0]["startTime"] = "1.300s".into(); // ends at 1.16 s
    words[1]["confidence"] = 1.99.into();
    let out = import_text(
        Format::Speechkit,
        "call-9.json",
        &v.to_string(),
        &ImportOptions::default(),
    );
    assert_audit_accepts(&out);
    assert_eq!(out.calls.len(), 1);
    let msgs = messages(&out).join("\n");
    assert!(
        msgs.contains("1.99 is not between 0 and 1; dropped"),
        "{msgs}"
    );
    assert!(msgs.contains("word times dropped"), "{msgs}");
}

/// Issue 14 (7), WebVTT: the same cue timing rules as SRT.
#[test]
fn webvtt_times_keep_their_sign_and_are_bounded() {
    let vtt = "WEBVTT\n\n-00:00:01.000 --> 00:00:03.000\n<v Client>алло\n\n\
               99999999:00:00.000 --> 99999999:00:01.000\n<v Client>да\n\n\
               00:00:06.000 --> 00:00:07.000\n<v Client>слушаю\n";
    let out = import_text(Format::Vtt, "call-3.vtt", vtt, &ImportOptions::default());
    assert_audit_accepts(&out);
    let msgs = messages(&out).join("\n");
    assert!(msgs.contains("call-3.vtt:3: "), "{msgs}");
    assert!(
        msgs.contains(r#""-00:00:01.000" is negative; cue skipped"#),
        "{msgs}"
    );
    assert!(
        msgs.contains("is more than the limit of 10000000 seconds; cue skipped"),
        "{msgs}"
    );
    let starts: Vec<f64> = out.calls[0].utterances.iter().map(|u| u.start).collect();
    assert_eq!(starts, [6.0]);
}
