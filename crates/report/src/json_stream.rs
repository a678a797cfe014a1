//! The `json` document written call by call: the same bytes as
//! [`crate::write_json`] (see its `# Format`), without holding the batch.
//! Each audit is pretty-printed on its own and indented to its place in
//! the `calls` array; the summary follows at the end.

use std::io::{self, Write};

use callqa_model::CallAudit;

use crate::json::{SummaryJson, SCHEMA_VERSION};
use crate::summary::Summary;

/// Writes one JSON document as audits come in.
pub(crate) struct JsonStream {
    /// Audits as output v1 (`schema_version` 1).
    v1: bool,
    calls: usize,
    buf: Vec<u8>,
}

impl JsonStream {
    pub(crate) fn new(v1: bool) -> JsonStream {
        JsonStream {
            v1,
            calls: 0,
            buf: Vec::with_capacity(4096),
        }
    }

    /// Writes one element of `calls` (and the document's opening before the
    /// first one).
    pub(crate) fn add<W: Write>(&mut self, w: &mut W, audit: &CallAudit) -> io::Result<()> {
        let version = if self.v1 { 1 } else { SCHEMA_VERSION };
        if self.calls == 0 {
            write!(w, "{{\n  \"schema_version\": {version},\n  \"calls\": [\n")?;
        } else {
            w.write_all(b",\n")?;
        }
        self.calls += 1;
        self.buf.clear();
        if self.v1 {
            serde_json::to_writer_pretty(&mut self.buf, &callqa_model::V1(audit))
        } else {
            serde_json::to_writer_pretty(&mut self.buf, audit)
        }
        .map_err(io::Error::from)?;
        write_indented(w, &self.buf, b"    ", true)
    }

    /// Closes `calls` and writes the summary and the final newline.
    pub(crate) fn finish<W: Write>(&mut self, w: &mut W, summary: &Summary) -> io::Result<()> {
        let version = if self.v1 { 1 } else { SCHEMA_VERSION };
        if self.calls == 0 {
            write!(
                w,
                "{{\n  \"schema_version\": {version},\n  \"calls\": [],\n"
            )?;
        } else {
            w.write_all(b"\n  ],\n")?;
        }
        w.write_all(b"  \"summary\": ")?;
        self.buf.clear();
        serde_json::to_writer_pretty(&mut self.buf, &SummaryJson::new(summary))
            .map_err(io::Error::from)?;
        // The summary's first line follows its key; the rest are indented.
        write_indented(w, &self.buf, b"  ", false)?;
        w.write_all(b"\n}\n")
    }
}

/// Writes pretty-printed JSON with `indent` before each line (the first
/// too when `first_too`). A JSON string never holds a raw line break, so
/// splitting at `\n` only ever splits between tokens.
fn write_indented<W: Write>(
    w: &mut W,
    json: &[u8],
    indent: &[u8],
    first_too: bool,
) -> io::Result<()> {
    for (i, line) in json.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            w.write_all(b"\n")?;
        }
        if i > 0 || first_too {
            w.write_all(indent)?;
        }
        w.write_all(line)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::audits;

    fn streamed(audits: &[CallAudit]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut summary = Summary::new();
        let mut s = JsonStream::new(false);
        for a in audits {
            summary.add(a);
            s.add(&mut out, a).unwrap();
        }
        s.finish(&mut out, &summary).unwrap();
        out
    }

    fn whole(audits: &[CallAudit]) -> Vec<u8> {
        let mut summary = Summary::new();
        audits.iter().for_each(|a| summary.add(a));
        let mut out = Vec::new();
        crate::write_json(&mut out, audits, &summary).unwrap();
        out
    }

    #[test]
    fn same_bytes_as_the_whole_document() {
        let audits = audits();
        for n in 0..=audits.len() {
            let (a, b) = (streamed(&audits[..n]), whole(&audits[..n]));
            assert_eq!(
                String::from_utf8(a).unwrap(),
                String::from_utf8(b).unwrap(),
                "{n} calls"
            );
        }
    }
}
