//! The command line's report side, run as a user would: `--help` tells the
//! exit codes and formats, `-j` is bounded, `--format csv` opens in a
//! spreadsheet, and a closed stderr or stdout never panics.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn callqa() -> Command {
    Command::new(env!("CARGO_BIN_EXE_callqa"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> Output {
    callqa()
        .current_dir(root())
        .args(args)
        .output()
        .expect("callqa runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn help_lists_exit_codes_and_formats() {
    for args in [&["--help"][..], &["audit", "--help"]] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0));
        let help = text(&out.stdout);
        assert!(help.contains("Exit status:"), "{help}");
        assert!(help.contains("1  some call failed"), "{help}");
        assert!(help.contains("2  usage error"), "{help}");
    }
    let help = text(&run(&["audit", "--help"]).stdout);
    for format in ["table", "json", "jsonl", "csv", "html"] {
        assert!(help.contains(&format!("- {format}:")), "{format}: {help}");
    }
}

#[test]
fn jobs_has_an_upper_bound() {
    for (bad, why) in [
        ("5000", "between 1 and 1024"),
        ("0", "between 1 and 1024"),
        ("two", "whole number"),
    ] {
        let out = run(&["audit", "-j", bad, "examples"]);
        assert_eq!(out.status.code(), Some(2), "-j {bad}");
        let err = text(&out.stderr);
        assert!(err.contains(why), "{err}");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn csv_has_a_bom_and_a_row_per_call() {
    let out = run(&["audit", "--format", "csv", "examples"]);
    assert!(out.stdout.starts_with("\u{feff}call,operator,".as_bytes()));
    let jsonl = run(&["audit", "--format", "jsonl", "examples"]);
    let calls = text(&jsonl.stdout).lines().count();
    assert!(calls > 0);
    assert_eq!(text(&out.stdout).matches("\r\n").count(), calls + 1);
    assert_eq!(out.status.code(), jsonl.status.code());
}

/// A pipe whose reader has already exited: every write to it fails with
/// `EPIPE`, deterministically.
fn closed_pipe() -> Stdio {
    let mut reader = Command::new("true")
        .stdin(Stdio::piped())
        .spawn()
        .expect("`true` runs");
    let write_end = reader.stdin.take().unwrap();
    reader.wait().unwrap();
    Stdio::from(write_end)
}

#[test]
fn a_closed_stderr_does_not_panic() {
    // No input: an error message for stderr, which is closed.
    let status = callqa()
        .current_dir(root())
        .arg("audit")
        .stdout(Stdio::null())
        .stderr(closed_pipe())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2), "not 101 (a panic)");
}

/// Issue 14 (6): a broken pipe (`callqa audit … | head -1`) exited 0 even
/// when calls failed (1) or had input errors (2).
#[test]
fn a_closed_stdout_keeps_the_exit_status_of_the_audit() {
    let status = |args: &[&str]| {
        callqa()
            .current_dir(root())
            .args(args)
            .stdout(closed_pipe())
            .stderr(Stdio::null())
            .status()
            .unwrap()
            .code()
    };
    let open = run(&["audit", "--format", "jsonl", "examples"])
        .status
        .code();
    assert_eq!(open, Some(1), "a critical rule fails in the examples");
    assert_eq!(status(&["audit", "--format", "jsonl", "examples"]), Some(1));
    let dir = std::env::temp_dir().join(format!("callqa-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.jsonl");
    std::fs::write(&bad, "{\"id\": 3}\n").unwrap();
    let code = status(&[
        "audit",
        "--format",
        "jsonl",
        "examples",
        bad.to_str().unwrap(),
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, Some(2), "an input error outranks failed calls");
}

/// Issue 14 (5): a bad `--out` path was reported only after the whole
/// batch was audited; it is refused before, and nothing is written.
#[test]
fn a_bad_out_path_is_refused_before_the_audit() {
    let out = run(&["audit", "--out", "/nonexistent-dir/report.json", "examples"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("/nonexistent-dir"), "{err}");
    assert!(out.stdout.is_empty());
}

/// Issue 14 (8): a file name with terminal escapes reached the terminal
/// raw in the error about the file.
#[cfg(unix)]
#[test]
fn escapes_in_a_file_name_are_shown_escaped_in_its_error() {
    let dir = std::env::temp_dir().join(format!("callqa-esc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("x\u{1b}]0;pwned\u{7}.jsonl");
    std::fs::write(&bad, "{\"id\": 3}\n").unwrap();
    let out = run(&["audit", bad.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("\\x1b]0;pwned\\x07"), "{err}");
    assert!(!err.contains("callqa: callqa:"), "one prefix: {err}");
}
