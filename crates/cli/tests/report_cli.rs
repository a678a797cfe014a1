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
