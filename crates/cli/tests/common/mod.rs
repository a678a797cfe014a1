//! Running the `callqa` binary from integration tests: from the repository
//! root (so `examples/` resolves), with arguments and optionally stdin.
//! Each test crate uses part of it.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The binary under test.
pub fn callqa() -> Command {
    Command::new(env!("CARGO_BIN_EXE_callqa"))
}

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `callqa ARGS` in the repository root.
pub fn run(args: &[&str]) -> Output {
    callqa()
        .current_dir(root())
        .args(args)
        .output()
        .expect("callqa runs")
}

/// Runs `callqa ARGS` with `input` on stdin.
pub fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut child = callqa()
        .current_dir(root())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("callqa runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}
