//! Text that reaches a terminal: escaping what could drive it (ANSI and OSC
//! escape sequences, bells, carriage returns, bidirectional overrides) and
//! writing messages to stderr without panicking when stderr is closed.
//!
//! Call ids, operator ids, file names and transcript quotes come from the
//! outside: a call id `x\u{1b}]0;PWNED\u{7}y` would retitle the
//! supervisor's terminal if printed raw. [`escape_terminal`] writes such
//! characters as visible escapes (`x\x1b]0;PWNED\x07y`), so the text stays
//! readable and nothing is lost.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::io::{self, Write};

/// Whether `c` must not reach a terminal as it is: C0 and C1 control
/// characters, DEL, and the Unicode bidirectional embeddings, overrides and
/// isolates that reorder what is shown ("Trojan Source").
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char) {
    let _ = match c {
        '\n' => out.write_str("\\n"),
        '\r' => out.write_str("\\r"),
        '\t' => out.write_str("\\t"),
        c if (c as u32) < 0x100 => write!(out, "\\x{:02x}", c as u32),
        c => write!(out, "\\u{{{:x}}}", c as u32),
    };
}

/// `s` with every character that could control a terminal written as a
/// visible escape: `\n`, `\r`, `\t`, `\x1b` (C0, DEL and C1 codes) and
/// `\u{202e}` (bidirectional controls). Borrowed when there is none.
///
/// ```
/// use callqa_report::escape_terminal;
/// assert_eq!(escape_terminal("x\u{1b}]0;PWNED\u{7}y"), r"x\x1b]0;PWNED\x07y");
/// assert_eq!(escape_terminal("Так, смотрите"), "Так, смотрите");
/// ```
pub fn escape_terminal(s: &str) -> Cow<'_, str> {
    escape_except(s, |_| false)
}

/// Like [`escape_terminal`] but keeps line breaks (`\n`): for messages of
/// several lines, such as a diagnostic with its source line and caret.
pub fn escape_message(s: &str) -> Cow<'_, str> {
    escape_except(s, |c| c == '\n')
}

fn escape_except(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) && !keep(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// For the table layout: line breaks and tabs become spaces (a verdict is
/// laid out on our lines, not the transcript's); every other unsafe
/// character is escaped as by [`escape_terminal`].
pub(crate) fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_unsafe(c) => push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Writes `callqa: {message}` and a line break to stderr, with
/// [`escape_message`] applied to the whole message (file names and ids
/// inside it included).
///
/// Never panics: when stderr is closed (`callqa audit … 2>&1 | head -2`)
/// the message is dropped, unlike `eprintln!`, which panics and turns the
/// exit code into 101. Returns whether the message was written.
pub fn eprint_message(message: impl fmt::Display) -> bool {
    let text = format!("callqa: {message}\n");
    write_all_quietly(&mut io::stderr().lock(), escape_message(&text).as_bytes())
}

/// Writes `text` to stdout as it is and flushes; `false` when stdout is
/// closed or failed, never a panic (unlike `println!`).
pub fn print_stdout(text: &str) -> bool {
    let mut out = io::stdout().lock();
    write_all_quietly(&mut out, text.as_bytes()) && out.flush().is_ok()
}

fn write_all_quietly(w: &mut impl Write, bytes: &[u8]) -> bool {
    w.write_all(bytes).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc_title_sequence_is_made_visible() {
        assert_eq!(
            escape_terminal("x\u{1b}]0;PWNED\u{7}y"),
            "x\\x1b]0;PWNED\\x07y"
        );
        assert_eq!(escape_terminal("\u{1b}[2J\r\n\t"), "\\x1b[2J\\r\\n\\t");
        // DEL and a C1 control (CSI as one code point).
        assert_eq!(escape_terminal("a\u{7f}b\u{9b}c"), "a\\x7fb\\x9bc");
    }

    #[test]
    fn bidi_overrides_are_escaped() {
        assert_eq!(
            escape_terminal("file\u{202e}gpj.exe"),
            "file\\u{202e}gpj.exe"
        );
        assert_eq!(escape_terminal("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
    }

    #[test]
    fn clean_text_is_borrowed() {
        for s in ["plain", "Так, смотрите", "Բարև ձեզ", "«Ромашка» — ok", ""]
        {
            assert!(matches!(escape_terminal(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn messages_keep_their_line_breaks_only() {
        assert_eq!(
            escape_message("bad key\n  line 3\u{1b}[31m\n  ^"),
            "bad key\n  line 3\\x1b[31m\n  ^"
        );
        assert_eq!(escape_message("a\rb"), "a\\rb");
    }

    #[test]
    fn sanitize_spaces_layout_characters_and_escapes_the_rest() {
        assert_eq!(sanitize("a\nb\tc\rd"), "a b c d");
        assert_eq!(sanitize("\u{1b}[31mred"), "\\x1b[31mred");
        assert!(matches!(sanitize("plain"), Cow::Borrowed(_)));
    }
}
