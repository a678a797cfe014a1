//! `callqa audit` redacts what it reports when the standard has a
//! `[privacy]` section (the default standard has one), `--no-redact` shows
//! the words as spoken, and the verdicts are the same either way.

use std::path::PathBuf;
use std::process::Command;

fn call_with_a_card() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("callqa-privacy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/ru-inbound-hold-no-thanks-asr.json");
    let mut call: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(src).unwrap()).unwrap();
    let hold_end = call["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "hold_end")
        .unwrap()["at"]
        .as_f64()
        .unwrap();
    // The operator's first words after the hold (quoted by hold.thanks)
    // carry a card number and a phone number spoken as words.
    let first = call["utterances"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|u| u["speaker"] == "operator" && u["start"].as_f64().unwrap() >= hold_end)
        .unwrap();
    first["text"] = "так записала номер карты 4276 3800 1234 5679 и телефон восемь \
                     девятьсот шестнадцать сто двадцать три"
        .into();
    let path = dir.join("call.json");
    std::fs::write(&path, call.to_string()).unwrap();
    path
}

fn audit(path: &PathBuf, extra: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_callqa"))
        .args(["audit", "--format", "jsonl"])
        .args(extra)
        .arg(path)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    serde_json::from_str(text.lines().next().expect("one audit")).unwrap()
}

#[test]
fn reports_are_redacted_unless_no_redact_and_verdicts_stay() {
    let path = call_with_a_card();
    let redacted = audit(&path, &[]);
    let plain = audit(&path, &["--no-redact"]);
    let text = |a: &serde_json::Value| a.to_string();
    assert!(!text(&redacted).contains("4276"), "{}", text(&redacted));
    assert!(text(&redacted).contains("⟨card⟩"), "{}", text(&redacted));
    assert!(text(&redacted).contains("⟨phone⟩"), "{}", text(&redacted));
    assert!(text(&plain).contains("4276 3800 1234 5679"));
    assert_eq!(redacted["score"], plain["score"]);
    let outcomes = |a: &serde_json::Value| -> Vec<(String, String)> {
        a["verdicts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| (v["rule"].to_string(), v["outcome"].to_string()))
            .collect()
    };
    assert_eq!(outcomes(&redacted), outcomes(&plain));
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}
