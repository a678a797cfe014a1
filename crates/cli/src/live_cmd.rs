//! `callqa live`: the stdin/stdout adapter of the engine's live hub
//! (`callqa_engine::live`, protocol in `docs/live.md`). Reads JSON Lines
//! (stdin or a file), one protocol message a line, and writes the hub's
//! messages (`verdict`, `prompt`, `prompt_outcome`, `audit`, `error`) as JSON Lines, flushed after each
//! input line. A refused line — bad JSON, invalid UTF-8, over the size
//! limit — gets an `error` message on stdout and a line on stderr, and the
//! stream and every other call go on. Calls still open at the end of the
//! input are audited as they stand.

use std::io::{BufRead, BufReader, BufWriter, Write};

use anyhow::{Context, Result};
use callqa_engine::live::{Hub, Out};
use callqa_model::limits::MAX_RECORD_BYTES;

use crate::args::LiveArgs;
use crate::Status;

pub fn run(args: &LiveArgs) -> Result<Status> {
    let Some(std) = crate::standard_cmd::load(args.standard.as_deref())? else {
        return Ok(Status::BadInput);
    };
    let (name, mut input): (String, Box<dyn BufRead>) = match &args.input {
        Some(p) if p.as_os_str() != "-" => {
            let f =
                std::fs::File::open(p).with_context(|| format!("cannot read {}", p.display()))?;
            (p.display().to_string(), Box::new(BufReader::new(f)))
        }
        _ => (
            "stdin".into(),
            Box::new(BufReader::new(std::io::stdin().lock())),
        ),
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut hub = Hub::new(std).with_prompt_gap(args.prompt_gap);
    let mut messages = Vec::new();
    let mut line = Vec::new();
    let (mut problems, mut any_failed) = (0usize, false);
    let mut n = 0u64;
    loop {
        let read = read_line(&mut input, &mut line)
            .with_context(|| format!("{name}:{}: cannot read the line", n + 1))?;
        let Some(too_long) = read else { break };
        n += 1;
        let result = if too_long {
            Err(callqa_engine::live::LiveError {
                call: None,
                message: format!("the line is longer than the limit of {MAX_RECORD_BYTES} bytes"),
            })
        } else if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        } else {
            hub.push_line(trim_cr(&line), &mut messages)
        };
        if let Err(e) = result {
            problems += 1;
            eprintln!("callqa: {name}:{n}: {e}");
            messages.push(e.to_out(Some(n), None));
        }
        problems += write(&mut out, &mut messages, &mut any_failed, &name)?;
        // A live consumer wants each verdict now, not when a buffer fills.
        out.flush()?;
    }
    for id in hub.finish(&mut messages) {
        eprintln!("callqa: {name}: call \"{id}\" never ended; audited as it stands");
        problems += 1;
    }
    problems += write(&mut out, &mut messages, &mut any_failed, &name)?;
    out.flush()?;
    Ok(if problems > 0 {
        Status::BadInput
    } else if any_failed {
        Status::SomeFailed
    } else {
        Status::Ok
    })
}

/// Writes the hub's messages; returns how many were errors the hub raised
/// on its own (a late final beyond the reorder window).
fn write(
    out: &mut impl Write,
    messages: &mut Vec<Out>,
    any_failed: &mut bool,
    name: &str,
) -> Result<usize> {
    let mut errors = 0;
    for m in messages.drain(..) {
        match &m {
            Out::Audit { data, .. } => *any_failed |= !data.passed,
            Out::Error {
                line: None,
                message,
                call,
                ..
            } => {
                errors += 1;
                let call = call.as_deref().unwrap_or("?");
                eprintln!("callqa: {name}: call \"{call}\": {message}");
            }
            _ => {}
        }
        serde_json::to_writer(&mut *out, &m)?;
        out.write_all(b"\n")?;
    }
    Ok(errors)
}

/// Reads one line into `buf` (without the newline), keeping at most
/// `MAX_RECORD_BYTES` of it: `None` at the end of the input, `Some(true)`
/// when the line was longer (the rest is skipped, never held).
fn read_line(input: &mut dyn BufRead, buf: &mut Vec<u8>) -> std::io::Result<Option<bool>> {
    buf.clear();
    let (mut seen, mut too_long) = (false, false);
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(seen.then_some(too_long));
        }
        seen = true;
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        if !too_long {
            if buf.len() + part.len() > MAX_RECORD_BYTES {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(part);
            }
        }
        let used = done.unwrap_or(chunk.len());
        input.consume(used);
        if done.is_some() {
            return Ok(Some(too_long));
        }
    }
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 14 (3): one over-long line took memory in proportion to its
    /// length. The reader keeps at most the limit and drops the rest as it
    /// reads; the next line is read as usual.
    #[test]
    fn an_over_long_line_is_dropped_as_it_is_read_and_the_next_line_is_kept() {
        let mut input = vec![b'x'; MAX_RECORD_BYTES + 4096];
        input.extend_from_slice(b"\n{\"type\":\"end\",\"call\":\"c\"}\n");
        let mut reader = std::io::BufReader::with_capacity(8192, input.as_slice());
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut reader, &mut buf).unwrap(), Some(true));
        assert!(buf.is_empty(), "nothing of the long line is kept");
        assert!(
            buf.capacity() <= MAX_RECORD_BYTES,
            "held {} bytes",
            buf.capacity()
        );
        assert_eq!(read_line(&mut reader, &mut buf).unwrap(), Some(false));
        assert_eq!(buf, b"{\"type\":\"end\",\"call\":\"c\"}");
        assert_eq!(read_line(&mut reader, &mut buf).unwrap(), None);
    }
}
