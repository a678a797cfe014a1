//! `callqa live` on the documented sample stream (`docs/live/sample.jsonl`)
//! and on a stream with bad lines: every call gets its audit, a bad line
//! gets an `error` message and the stream goes on.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn live(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_callqa"))
        .current_dir(root())
        .arg("live")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("callqa runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn messages(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn the_documented_sample_streams_two_calls_to_their_audits() {
    let out = live(&["docs/live/sample.jsonl"], b"");
    // live-2 (slang, no closing) scores 45.5, below the pass mark 80: a
    // call did not pass, so the exit code is 1 (Revision 2 decisions).
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let msgs = messages(&out);
    assert!(msgs.iter().all(|m| m["type"] != "error"));
    let audit = |id: &str| {
        msgs.iter()
            .position(|m| m["type"] == "audit" && m["call"] == id)
            .unwrap_or_else(|| panic!("no audit of {id}"))
    };
    let (a1, a2) = (audit("live-1"), audit("live-2"));
    assert_eq!(msgs[a1]["data"]["passed"], true);
    assert_eq!(msgs[a2]["data"]["passed"], false);
    assert_eq!(msgs[a2]["data"]["score"], 45.5);
    assert_eq!(msgs[a1]["data"]["operator"], "op-1", "learnt from update");
    let slang = msgs
        .iter()
        .position(|m| {
            m["type"] == "verdict" && m["call"] == "live-2" && m["data"]["rule"] == "speech.slang"
        })
        .expect("slang decided live");
    assert_eq!(msgs[slang]["at"], 8.0);
    assert!(slang < a1 && slang < a2, "decided before either call ended");
    // The greeting was decided on the final text of segment a1, which came
    // after a later final of the client (reordered).
    let hello = msgs
        .iter()
        .find(|m| m["call"] == "live-1" && m["data"]["rule"] == "greeting.company")
        .unwrap();
    assert_eq!(hello["data"]["outcome"], "pass");
    assert_eq!(hello["data"]["evidence"][0]["end"], 11.0, "the final text");
}

#[test]
fn bad_lines_get_an_error_and_the_other_calls_go_on() {
    let sample = std::fs::read(root().join("docs/live/sample.jsonl")).unwrap();
    let mut input = Vec::new();
    for (i, line) in sample.split(|&b| b == b'\n').enumerate() {
        input.extend_from_slice(line);
        input.push(b'\n');
        if i == 3 {
            input.extend_from_slice(b"{\"type\":\"event\",\"call\":\"live-1\xff\"}\n");
            input.extend_from_slice(b"{\"type\":\"bogus\"}\n");
        }
    }
    let out = live(&[], &input);
    assert_eq!(out.status.code(), Some(2), "bad lines are input errors");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("stdin:5: not valid UTF-8"), "{stderr}");
    assert!(stderr.contains("stdin:6: not a live envelope"), "{stderr}");
    let msgs = messages(&out);
    let errors: Vec<&serde_json::Value> = msgs.iter().filter(|m| m["type"] == "error").collect();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0]["line"], 5);
    let audits = msgs.iter().filter(|m| m["type"] == "audit").count();
    assert_eq!(audits, 2, "both calls still get their audit");
}
