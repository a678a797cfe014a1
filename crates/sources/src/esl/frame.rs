//! Event Socket framing: each message is a block of `Key: value` headers
//! ended by a blank line, followed by `Content-Length` bytes of body when
//! that header is given. An event in plain format (`Content-Type:
//! text/event-plain`) carries its own `Key: url-encoded value` headers in
//! the body. The [`Framer`] cuts any byte stream into messages without
//! panicking; over-long headers or bodies are errors.

/// The longest header block accepted (bytes).
pub const MAX_HEADERS: usize = 64 * 1024;
/// The longest body accepted (bytes); a verbose CHANNEL_HANGUP_COMPLETE is
/// about 15 KB.
pub const MAX_BODY: usize = 4 * 1024 * 1024;

/// One message from the socket.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EslMessage {
    /// The header lines as `(name, value)` pairs, in the order sent.
    pub headers: Vec<(String, String)>,
    /// The body (`Content-Length` bytes), empty when there is none.
    pub body: String,
}

impl EslMessage {
    /// The value of a header (ASCII case-insensitive), `""` when absent.
    pub fn header(&self, key: &str) -> &str {
        get(&self.headers, key)
    }
}

pub(crate) fn get<'a>(fields: &'a [(String, String)], key: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// `Key: value` lines of a header block or a plain event body (values as
/// sent, still url-encoded in a body).
pub fn fields(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// A framing error: the stream cannot be read on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    /// The header block grew past the limit without ending.
    #[error("event socket headers longer than {MAX_HEADERS} bytes")]
    HeadersTooLong,
    /// A `Content-Length` (quoted) that is not a number or is over the limit.
    #[error("event socket Content-Length {0:?} is not a length of at most {MAX_BODY} bytes")]
    BadLength(String),
}

/// Cuts a byte stream into [`EslMessage`]s.
#[derive(Debug, Default)]
pub struct Framer {
    buf: Vec<u8>,
    pending: Option<(Vec<(String, String)>, usize)>,
}

fn blank_line(buf: &[u8]) -> Option<(usize, usize)> {
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

    /// Appends bytes read from the socket; [`Framer::next_message`] cuts them into messages.
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next complete message, `Ok(None)` when more bytes are needed.
    pub fn next_message(&mut self) -> Result<Option<EslMessage>, FrameError> {
        loop {
            if let Some((headers, len)) = self.pending.take() {
                if self.buf.len() < len {
                    self.pending = Some((headers, len));
                    return Ok(None);
                }
                let body = String::from_utf8_lossy(&self.buf[..len]).into_owned();
                self.buf.drain(..len);
                return Ok(Some(EslMessage { headers, body }));
            }
            let lead = self
                .buf
                .iter()
                .take_while(|b| **b == b'\r' || **b == b'\n')
                .count();
            self.buf.drain(..lead);
            let Some((end, next)) = blank_line(&self.buf) else {
                if self.buf.len() > MAX_HEADERS {
                    return Err(FrameError::HeadersTooLong);
                }
                return Ok(None);
            };
            if end > MAX_HEADERS {
                return Err(FrameError::HeadersTooLong);
            }
            let headers = fields(&String::from_utf8_lossy(&self.buf[..end]));
            self.buf.drain(..next);
            if headers.is_empty() {
                continue;
            }
            let raw = get(&headers, "Content-Length").to_string();
            if raw.is_empty() {
                return Ok(Some(EslMessage {
                    headers,
                    body: String::new(),
                }));
            }
            match raw.parse::<usize>() {
                Ok(n) if n <= MAX_BODY => self.pending = Some((headers, n)),
                _ => return Err(FrameError::BadLength(raw)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_with_and_without_bodies_split_anywhere() {
        let body = "Event-Name: CHANNEL_ANSWER\nUnique-ID: u1\n\n";
        let all = format!(
            "Content-Type: auth/request\n\nContent-Type: command/reply\nReply-Text: +OK accepted\n\nContent-Length: {}\nContent-Type: text/event-plain\n\n{body}",
            body.len()
        );
        let all = all.as_bytes();
        for cut in 0..all.len() {
            let mut f = Framer::new();
            let mut out = Vec::new();
            for part in [&all[..cut], &all[cut..]] {
                f.push(part);
                while let Some(m) = f.next_message().unwrap() {
                    out.push(m);
                }
            }
            assert_eq!(out.len(), 3, "cut {cut}");
            assert_eq!(out[0].header("content-type"), "auth/request");
            assert_eq!(out[1].header("Reply-Text"), "+OK accepted");
            assert_eq!(out[2].body, body);
            assert_eq!(get(&fields(&out[2].body), "Unique-ID"), "u1");
        }
    }

    #[test]
    fn a_bad_length_is_an_error_quoting_it() {
        let mut f = Framer::new();
        f.push(b"Content-Length: -5\n\n");
        assert_eq!(
            f.next_message().unwrap_err().to_string(),
            "event socket Content-Length \"-5\" is not a length of at most 4194304 bytes"
        );
    }
}
