//! `callqa standard test [FILE]`: runs the standard's `[[test]]` cases and
//! prints every expected outcome that came out otherwise — expected, got,
//! the message and the evidence — then `N passed, N failed`. Text from
//! the file and the calls is escaped for the terminal.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use callqa_report::escape_terminal as esc;

use crate::standard_cmd::load;
use crate::Status;

pub fn run(file: Option<&Path>) -> Result<Status> {
    let Some(std) = load(file)? else {
        return Ok(Status::BadInput);
    };
    let base = file
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let results = callqa_booklet::run_tests(&std, &base);
    let mut out = std::io::stdout().lock();
    let (mut passed, mut failed) = (0usize, 0usize);
    for case in &results {
        if case.passed() {
            passed += 1;
            continue;
        }
        failed += 1;
        writeln!(out, "FAIL {}", esc(&case.id))?;
        if let Some(e) = &case.error {
            writeln!(out, "  {}", esc(e))?;
        }
        for m in &case.mismatches {
            writeln!(
                out,
                "  {} on call {}: expected {}, got {}",
                esc(&m.rule),
                esc(&m.call),
                m.expected,
                m.got
            )?;
            if let Some(msg) = &m.message {
                writeln!(out, "    {}", esc(msg))?;
            }
            for e in &m.evidence {
                writeln!(out, "    {}", esc(e))?;
            }
        }
    }
    if results.is_empty() {
        writeln!(out, "{}: no [[test]] cases", std.label())?;
    }
    writeln!(out, "{passed} passed, {failed} failed")?;
    Ok(if failed > 0 {
        Status::SomeFailed
    } else {
        Status::Ok
    })
}
