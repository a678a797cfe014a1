//! One input being read: format detection, JSON Lines by line, and `.json`
//! files (one object, an array, or objects one after another) by a byte
//! scanner that finds where each top-level value ends without parsing it,
//! so that arrays stream element by element and every element is parsed on
//! its own (a bad element is skipped, the next one still read).

use std::io::{self, BufRead, Cursor, Read};

use std::sync::Arc;

use super::record::{parse_record, Record};
use super::{Format, InputError, Position};
use crate::call::Call;
use crate::limits::MAX_RECORD_BYTES;

/// Where the record just split off starts; its bytes are in `Source::buf`.
#[derive(Clone, Copy)]
struct Span {
    at: Position,
    /// Line and column of its first byte, for a record that is not a JSON
    /// Lines line (to make serde_json's positions absolute).
    origin: Option<(u64, u64)>,
}

/// A record split off (its bytes in `Source::buf`), or a problem.
type Item = Result<Span, InputError>;

enum State {
    Start(Format),
    Lines {
        seen_record: bool,
        /// Lines before the first record that do not start one.
        junk: u8,
    },
    Array {
        index: u64,
    },
    /// Top-level values one after another; `many` is false for a `.json`
    /// file, which holds one.
    Values {
        many: bool,
        count: u64,
    },
    Done,
}

pub(crate) struct Source {
    name: Arc<str>,
    reader: Box<dyn BufRead + Send>,
    state: State,
    /// Line and column (1-based, in bytes) of the next unread byte.
    line: u64,
    col: u64,
    buf: Vec<u8>,
    /// Where the last record read starts.
    last: Position,
}

/// Lines before the first record that may fail to start one (a `# exported
/// …` header, a title) and are reported and skipped; one more and the file
/// is not JSON Lines at all.
const MAX_LEADING_JUNK: u8 = 3;

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// `reader.take(cap).read_until(b'\n', out)`, with the line end found by
/// the `memchr` crate: std's `read_until` scans a byte at a time (about 1.5
/// instructions per byte of input under callgrind), `memchr` a vector at a
/// time, and every byte of a JSON Lines input is scanned here.
pub(super) fn read_until_newline(
    reader: &mut impl BufRead,
    cap: usize,
    out: &mut Vec<u8>,
) -> io::Result<usize> {
    let mut read = 0;
    while read < cap {
        let avail = match reader.fill_buf() {
            Ok(avail) => avail,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            break;
        }
        let avail = &avail[..avail.len().min(cap - read)];
        let (used, done) = match memchr::memchr(b'\n', avail) {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        out.extend_from_slice(&avail[..used]);
        reader.consume(used);
        read += used;
        if done {
            break;
        }
    }
    Ok(read)
}

/// Where a scanned value starts and its bytes (empty when it was too large).
struct Scanned {
    line: u64,
    col: u64,
    too_big: bool,
}

impl Source {
    pub(crate) fn new(name: String, reader: Box<dyn BufRead + Send>, format: Format) -> Source {
        Source {
            name: name.into(),
            reader,
            state: State::Start(format),
            line: 1,
            col: 1,
            buf: Vec::new(),
            last: Position::File,
        }
    }

    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// Where the record last returned starts.
    pub(crate) fn last_position(&self) -> Position {
        self.last
    }

    /// The next call, parsed here.
    pub(crate) fn next(&mut self) -> Option<Result<Call, InputError>> {
        let split = self.next_split()?;
        Some(split.and_then(|span| parse_record(&self.name, &self.buf, span.at, span.origin)))
    }

    /// The next record, split off but not parsed (its bytes moved out).
    ///
    /// The buffer itself goes with the record, so the next one is read
    /// into a fresh one: a record is copied once on this thread (out of
    /// the reader's buffer), not twice, and this thread is the serial part
    /// of a parallel audit.
    pub(crate) fn next_record(&mut self) -> Option<Result<Record, InputError>> {
        let split = self.next_split()?;
        Some(split.map(|span| Record {
            file: self.name.clone(),
            position: span.at,
            origin: span.origin,
            bytes: std::mem::take(&mut self.buf),
        }))
    }

    fn next_split(&mut self) -> Option<Item> {
        let item = match self.state {
            State::Done => return None,
            State::Start(format) => self.start(format),
            State::Lines { .. } => self.next_line(),
            State::Array { .. } => self.next_element(),
            State::Values { .. } => self.next_value(),
        };
        if let Some(Err(e)) = &item {
            if e.is_fatal() {
                self.state = State::Done;
            }
        }
        if item.is_none() {
            self.state = State::Done;
        }
        item
    }

    fn fatal(&self, position: Position, message: String) -> Option<Item> {
        Some(Err(InputError::file_error(&self.name, position, message)))
    }

    fn io_error(&self, e: io::Error) -> Option<Item> {
        Some(Err(InputError::io(
            &self.name,
            Position::Line(self.line),
            e,
        )))
    }

    /// Skips the BOM, then picks the reading state for `format`.
    fn start(&mut self, format: Format) -> Option<Item> {
        match self.reader.fill_buf() {
            Ok(b) if b.starts_with(b"\xEF\xBB\xBF") => self.reader.consume(3),
            Ok(b) => {
                if let Some(which) = crate::encoding::utf16(b) {
                    return self.fatal(Position::File, crate::encoding::utf16_message(which));
                }
            }
            Err(e) => return self.io_error(e),
        }
        if format == Format::JsonLines {
            self.state = State::Lines {
                seen_record: false,
                junk: 0,
            };
            return self.next_line();
        }
        let first = match self.skip_space() {
            Ok(Some(b)) => b,
            Ok(None) => return None,
            Err(e) => return self.io_error(e),
        };
        match (first, format) {
            (b'[', _) => {
                self.bump();
                self.state = State::Array { index: 0 };
                self.next_element()
            }
            (b'{', Format::Json) => {
                self.state = State::Values {
                    many: false,
                    count: 0,
                };
                self.next_value()
            }
            (_, Format::Json) => self.fatal(
                Position::Line(self.line),
                format!(
                    "not a json call file: it starts with {:?} (expected '{{' or '[')",
                    char::from(first)
                ),
            ),
            _ => {
                // Auto: JSON Lines unless the first line is the start of a
                // longer (pretty-printed) value. The line is put back.
                let (line, col) = (self.line, self.col);
                let mut first_line = Vec::new();
                if let Err(e) = self.read_line(&mut first_line) {
                    return self.io_error(e);
                }
                let pretty = matches!(
                    serde_json::from_slice::<serde::de::IgnoredAny>(&first_line),
                    Err(e) if e.is_eof()
                );
                let rest = std::mem::replace(&mut self.reader, Box::new(io::empty()));
                self.reader = Box::new(Cursor::new(first_line).chain(rest));
                self.line = line;
                self.col = col;
                if pretty {
                    self.state = State::Values {
                        many: true,
                        count: 0,
                    };
                    self.next_value()
                } else {
                    self.state = State::Lines {
                        seen_record: false,
                        junk: 0,
                    };
                    self.next_line()
                }
            }
        }
    }

    /// Reads one line (with its `\n`) into `out`, at most
    /// [`MAX_RECORD_BYTES`] + 1 bytes; a longer line is skipped to its end
    /// and `out` left longer than the limit. Returns whether a line was read.
    fn read_line(&mut self, out: &mut Vec<u8>) -> io::Result<bool> {
        out.clear();
        let n = read_until_newline(&mut self.reader, MAX_RECORD_BYTES + 1, out)?;
        if n == 0 {
            return Ok(false);
        }
        self.line += 1;
        self.col = 1;
        if out.len() > MAX_RECORD_BYTES && out.last() != Some(&b'\n') {
            loop {
                let avail = self.reader.fill_buf()?;
                if avail.is_empty() {
                    break;
                }
                match memchr::memchr(b'\n', avail) {
                    Some(i) => {
                        self.reader.consume(i + 1);
                        break;
                    }
                    None => {
                        let len = avail.len();
                        self.reader.consume(len);
                    }
                }
            }
        }
        Ok(true)
    }

    fn next_line(&mut self) -> Option<Item> {
        let mut line = std::mem::take(&mut self.buf);
        let item = self.next_line_in(&mut line);
        self.buf = line;
        item
    }

    fn next_line_in(&mut self, line: &mut Vec<u8>) -> Option<Item> {
        loop {
            match self.read_line(line) {
                Ok(true) => {}
                Ok(false) => return None,
                Err(e) => return self.io_error(e),
            }
            // read_line has moved to the next line.
            let at = Position::Line(self.line - 1);
            if line.len() > MAX_RECORD_BYTES {
                return Some(Err(InputError::record(
                    &self.name,
                    at,
                    format!("the line is longer than the limit of {MAX_RECORD_BYTES} bytes"),
                )));
            }
            while matches!(line.last(), Some(b'\n' | b'\r')) {
                line.pop();
            }
            let Some(first) = line.iter().position(|&b| !is_space(b)) else {
                continue;
            };
            if let State::Lines { seen_record, junk } = &mut self.state {
                if !*seen_record && !matches!(line[first], b'{' | b'[') {
                    let shown = String::from_utf8_lossy(&line[first..line.len().min(first + 20)])
                        .into_owned();
                    *junk += 1;
                    if *junk > MAX_LEADING_JUNK {
                        return self.fatal(
                            at,
                            format!(
                                "not a json lines file: none of its first {} lines starts a record (this one starts with {shown:?})",
                                MAX_LEADING_JUNK + 1
                            ),
                        );
                    }
                    return Some(Err(InputError::record(
                        &self.name,
                        at,
                        format!("not a call record: the line starts with {shown:?}, not '{{'; line skipped"),
                    )));
                }
                *seen_record = true;
            }
            self.last = at;
            return Some(Ok(Span { at, origin: None }));
        }
    }

    /// Consumes one byte known to be in the buffer (not a newline).
    fn bump(&mut self) {
        self.reader.consume(1);
        self.col += 1;
    }

    /// Skips white space; returns the next byte (not consumed), or `None` at
    /// the end.
    fn skip_space(&mut self) -> io::Result<Option<u8>> {
        loop {
            let avail = self.reader.fill_buf()?;
            if avail.is_empty() {
                return Ok(None);
            }
            let mut found = None;
            let mut used = 0;
            for &b in avail {
                if !is_space(b) {
                    found = Some(b);
                    break;
                }
                used += 1;
                if b == b'\n' {
                    self.line += 1;
                    self.col = 1;
                } else {
                    self.col += 1;
                }
            }
            self.reader.consume(used);
            if found.is_some() {
                return Ok(found);
            }
        }
    }

    /// Reads the JSON value that starts at the next (non-space) byte into
    /// `out`, finding its end by brackets and strings only. `Ok(None)` when
    /// the input ends inside it.
    fn scan(&mut self, out: &mut Vec<u8>) -> io::Result<Option<Scanned>> {
        out.clear();
        let start = Scanned {
            line: self.line,
            col: self.col,
            too_big: false,
        };
        let mut scanned = start;
        let mut depth: u64 = 0;
        let mut in_string = false;
        let mut escaped = false;
        let mut scalar: Option<bool> = None;
        loop {
            let avail = self.reader.fill_buf()?;
            if avail.is_empty() {
                // Only a bare scalar may end with the input.
                return Ok(if scalar == Some(true) {
                    Some(scanned)
                } else {
                    None
                });
            }
            let scalar_value =
                *scalar.get_or_insert_with(|| !matches!(avail[0], b'{' | b'[' | b'"'));
            let mut end = None;
            for (i, &b) in avail.iter().enumerate() {
                if scalar_value {
                    if matches!(b, b',' | b']' | b'}') || is_space(b) {
                        end = Some(i);
                        break;
                    }
                } else if in_string {
                    if escaped {
                        escaped = false;
                    } else if b == b'\\' {
                        escaped = true;
                    } else if b == b'"' {
                        in_string = false;
                        if depth == 0 {
                            end = Some(i + 1);
                        }
                    }
                } else {
                    match b {
                        b'"' => in_string = true,
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                end = Some(i + 1);
                            }
                        }
                        _ => {}
                    }
                }
                if b == b'\n' {
                    self.line += 1;
                    self.col = 1;
                } else {
                    self.col += 1;
                }
                if end.is_some() {
                    break;
                }
            }
            // A stray ',' ']' or '}' where a value should start is taken as
            // the (invalid) value, so that reading always moves on.
            let used = match end {
                Some(0) if out.is_empty() => 1,
                Some(i) => i,
                None => avail.len(),
            };
            if !scanned.too_big {
                if out.len() + used > MAX_RECORD_BYTES {
                    scanned.too_big = true;
                    *out = Vec::new();
                } else {
                    out.extend_from_slice(&avail[..used]);
                }
            }
            self.reader.consume(used);
            if end.is_some() {
                return Ok(Some(scanned));
            }
        }
    }

    /// Scans and parses the value at the next byte.
    fn scan_and_parse(&mut self, at: Position) -> Option<Item> {
        let mut bytes = std::mem::take(&mut self.buf);
        let start_line = self.line;
        let item = match self.scan(&mut bytes) {
            Err(e) => self.io_error(e),
            Ok(None) => self.fatal(
                at,
                format!("the input ends inside the value that starts at line {start_line}"),
            ),
            Ok(Some(s)) if s.too_big => Some(Err(InputError::record(
                &self.name,
                at,
                format!(
                    "the record at line {} is larger than the limit of {MAX_RECORD_BYTES} bytes",
                    s.line
                ),
            ))),
            Ok(Some(s)) => {
                self.last = at;
                Some(Ok(Span {
                    at,
                    origin: Some((s.line, s.col)),
                }))
            }
        };
        self.buf = bytes;
        item
    }

    fn next_element(&mut self) -> Option<Item> {
        let State::Array { index } = self.state else {
            return None;
        };
        let next = match self.skip_space() {
            Ok(b) => b,
            Err(e) => return self.io_error(e),
        };
        match (next, index) {
            (None, _) => {
                return self.fatal(
                    Position::Line(self.line),
                    "the input ends inside the top-level array (no closing ']')".to_owned(),
                )
            }
            (Some(b']'), _) => {
                self.bump();
                return self.expect_end("the top-level array");
            }
            (Some(b','), 1..) => {
                self.bump();
                match self.skip_space() {
                    Ok(Some(b']')) | Ok(None) => {
                        return self.fatal(
                            Position::Line(self.line),
                            format!("expected a call after ',' following [{}]", index - 1),
                        )
                    }
                    Ok(Some(_)) => {}
                    Err(e) => return self.io_error(e),
                }
            }
            (Some(_), 0) => {}
            (Some(b), _) => {
                return self.fatal(
                    Position::Line(self.line),
                    format!(
                        "expected ',' or ']' after [{}], found {:?}",
                        index - 1,
                        char::from(b)
                    ),
                )
            }
        }
        self.state = State::Array { index: index + 1 };
        self.scan_and_parse(Position::Index(index))
    }

    fn next_value(&mut self) -> Option<Item> {
        let State::Values { many, count } = self.state else {
            return None;
        };
        match self.skip_space() {
            Ok(None) => return None,
            Ok(Some(_)) if !many && count > 0 => return self.expect_end("the call"),
            Ok(Some(_)) => {}
            Err(e) => return self.io_error(e),
        }
        self.state = State::Values {
            many,
            count: count + 1,
        };
        let at = if many {
            Position::Line(self.line)
        } else {
            Position::File
        };
        self.scan_and_parse(at)
    }

    /// After the last value: only white space may follow.
    fn expect_end(&mut self, what: &str) -> Option<Item> {
        match self.skip_space() {
            Ok(None) => None,
            Ok(Some(b)) => self.fatal(
                Position::Line(self.line),
                format!("unexpected {:?} after {what}", char::from(b)),
            ),
            Err(e) => self.io_error(e),
        }
    }
}
