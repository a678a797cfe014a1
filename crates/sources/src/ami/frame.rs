//! AMI framing: the manager socket sends one banner line (`Asterisk Call
//! Manager/5.0.1`) and then blocks of `Key: value` lines ended by a blank
//! line (CRLF or LF). The [`Framer`] cuts any byte stream into those
//! blocks, whatever it holds: a block longer than [`MAX_BLOCK`] is skipped
//! with an error, bytes that are not UTF-8 are replaced, nothing panics.

/// The longest block accepted (bytes); real events are a few hundred.
pub const MAX_BLOCK: usize = 64 * 1024;

/// One `Key: value` block, keys as sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Block {
    /// The `(key, value)` pairs in the order sent.
    pub fields: Vec<(String, String)>,
}

impl Block {
    /// The value of `key` (ASCII case-insensitive), `""` when absent.
    pub fn get(&self, key: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// The block as text, one `Key: value` line each, as the importer
    /// reads AMI logs.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for (k, v) in &self.fields {
            s.push_str(k);
            s.push_str(": ");
            s.push_str(v);
            s.push('\n');
        }
        s
    }

    /// Parses the lines of one block; lines without a `:` are kept out.
    pub fn parse(text: &str) -> Block {
        let fields = text
            .lines()
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        Block { fields }
    }
}

/// What the framer found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Frame {
    /// The greeting line, e.g. `Asterisk Call Manager/5.0.1`.
    Banner(String),
    /// A complete `Key: value` block.
    Block(Block),
    /// A block over [`MAX_BLOCK`] bytes, skipped.
    TooLong(usize),
}

/// Cuts a byte stream into AMI frames.
#[derive(Debug, Default)]
pub struct Framer {
    buf: Vec<u8>,
    /// Bytes of an over-long block dropped so far; skipping to its end.
    skipping: Option<usize>,
    started: bool,
}

fn block_end(buf: &[u8]) -> Option<(usize, usize)> {
    // The first blank line: "\n\n" or "\n\r\n"; returns (content end, next start).
    let mut i = 0;
    while let Some(p) = buf[i..].iter().position(|b| *b == b'\n') {
        let nl = i + p;
        let rest = &buf[nl + 1..];
        if rest.first() == Some(&b'\n') {
            return Some((nl, nl + 2));
        }
        if rest.starts_with(b"\r\n") {
            return Some((nl, nl + 3));
        }
        i = nl + 1;
    }
    None
}

impl Framer {
    /// A framer with nothing buffered.
    pub fn new() -> Framer {
        Framer::default()
    }

    /// Adds bytes read from the socket.
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next complete frame, if any.
    pub fn next_frame(&mut self) -> Option<Frame> {
        loop {
            if !self.started {
                let nl = self.buf.iter().position(|b| *b == b'\n')?;
                let line = String::from_utf8_lossy(&self.buf[..nl]).trim().to_string();
                if line.starts_with("Asterisk Call Manager") {
                    self.started = true;
                    self.buf.drain(..=nl);
                    return Some(Frame::Banner(line));
                }
                self.started = true;
            }
            // Blank lines between blocks.
            let lead = self
                .buf
                .iter()
                .take_while(|b| **b == b'\r' || **b == b'\n')
                .count();
            self.buf.drain(..lead);
            match block_end(&self.buf) {
                Some((end, next)) => {
                    if let Some(dropped) = self.skipping.take() {
                        self.buf.drain(..next);
                        return Some(Frame::TooLong(dropped + next));
                    }
                    if end > MAX_BLOCK {
                        self.buf.drain(..next);
                        return Some(Frame::TooLong(next));
                    }
                    let text = String::from_utf8_lossy(&self.buf[..end]).into_owned();
                    self.buf.drain(..next);
                    let block = Block::parse(&text);
                    if block.fields.is_empty() {
                        continue;
                    }
                    return Some(Frame::Block(block));
                }
                None => {
                    if self.buf.len() > MAX_BLOCK {
                        // Keep the last byte: it may start the blank line.
                        let keep = self.buf.len() - 2;
                        *self.skipping.get_or_insert(0) += keep;
                        self.buf.drain(..keep);
                    }
                    return None;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(chunks: &[&[u8]]) -> Vec<Frame> {
        let mut f = Framer::new();
        let mut out = Vec::new();
        for c in chunks {
            f.push(c);
            while let Some(x) = f.next_frame() {
                out.push(x);
            }
        }
        out
    }

    #[test]
    fn banner_then_blocks_split_anywhere() {
        let all = b"Asterisk Call Manager/5.0.1\r\nResponse: Success\r\nMessage: Authentication accepted\r\n\r\nEvent: Hold\r\nUniqueid: 1.2\r\n\r\n";
        for cut in 0..all.len() {
            let out = frames(&[&all[..cut], &all[cut..]]);
            assert_eq!(out.len(), 3, "cut at {cut}: {out:?}");
            assert_eq!(out[0], Frame::Banner("Asterisk Call Manager/5.0.1".into()));
            let Frame::Block(b) = &out[2] else { panic!() };
            assert_eq!(b.get("event"), "Hold");
            assert_eq!(b.get("UNIQUEID"), "1.2");
        }
    }

    #[test]
    fn an_over_long_block_is_skipped_and_the_next_one_read() {
        let mut big = b"Event: VarSet\nValue: ".to_vec();
        big.extend(std::iter::repeat_n(b'x', MAX_BLOCK + 10));
        big.extend_from_slice(b"\n\nEvent: Hangup\nUniqueid: 9\n\n");
        let out = frames(&[
            b"Asterisk Call Manager/2.10.3\n",
            &big[..5000],
            &big[5000..],
        ]);
        assert!(
            matches!(out[1], Frame::TooLong(n) if n > MAX_BLOCK),
            "{:?}",
            out[1]
        );
        let Frame::Block(b) = &out[2] else { panic!() };
        assert_eq!(b.get("Event"), "Hangup");
    }
}
