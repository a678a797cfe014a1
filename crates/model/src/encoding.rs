//! Naming the encoding of input that is not UTF-8. Call records are UTF-8
//! (`shared/spec/call-record.md`); a file saved as UTF-16 or Windows-1251
//! gets a message that says so and how to convert it, instead of a JSON
//! syntax error about "invalid unicode code points".

/// The UTF-16 variant `bytes` starts with: by its byte order mark, or by a
/// NUL beside the first `{`/`[` (UTF-16 without a mark).
pub(crate) fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] | [b'{' | b'[', 0, ..] => Some("UTF-16 little-endian"),
        [0xFE, 0xFF, ..] | [0, b'{' | b'[', ..] => Some("UTF-16 big-endian"),
        _ => None,
    }
}

/// The message for text in UTF-16.
pub(crate) fn utf16_message(which: &str) -> String {
    format!(
        "the input is {which}, but call records are UTF-8: convert it (e.g. `iconv -f UTF-16 -t UTF-8`)"
    )
}

/// When `bytes` is not UTF-8: where the first bad byte is and, when the
/// bytes look like it, that they are Windows-1251. `None` for UTF-8.
/// `origin` is the line and column where `bytes` start in the file (`None`:
/// the position is given within `bytes`, by column on its first line).
pub(crate) fn not_utf8(bytes: &[u8], origin: Option<(u64, u64)>) -> Option<String> {
    let err = std::str::from_utf8(bytes).err()?;
    let at = err.valid_up_to();
    let line_start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64;
    let col = (at - line_start + 1) as u64;
    let place = match origin {
        Some((l, c)) if line == 1 => format!("line {l} column {}", c + col - 1),
        Some((l, _)) => format!("line {} column {col}", l + line - 1),
        None if line > 1 => format!("line {line} column {col}"),
        None => format!("column {col}"),
    };
    let byte = bytes[at];
    if let Some(which) = utf16(bytes) {
        return Some(utf16_message(which));
    }
    let high: Vec<u8> = bytes.iter().copied().filter(|&b| b >= 0x80).collect();
    // Windows-1251 Cyrillic letters are 0xC0–0xFF, Ё/ё 0xA8/0xB8; in UTF-8
    // they would come in lead/continuation pairs instead.
    let cyrillic = high
        .iter()
        .filter(|&&b| b >= 0xC0 || b == 0xA8 || b == 0xB8)
        .count();
    let guess = if high.len() >= 3 && cyrillic * 5 >= high.len() * 4 {
        "; it looks like Windows-1251 (cp1251): convert it (e.g. `iconv -f cp1251 -t utf-8`)"
    } else {
        "; convert the file to UTF-8"
    };
    Some(format!(
        "not utf-8: byte 0x{byte:02x} at {place} is not valid UTF-8, and call records are UTF-8{guess}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_named() {
        // "Привет" in Windows-1251.
        let cp = b"{\"id\": \"\xcf\xf0\xe8\xe2\xe5\xf2\"}";
        assert_eq!(
            not_utf8(cp, None).unwrap(),
            "not utf-8: byte 0xcf at column 9 is not valid UTF-8, and call records are UTF-8; it looks like Windows-1251 (cp1251): convert it (e.g. `iconv -f cp1251 -t utf-8`)"
        );
        assert_eq!(not_utf8("{\"id\": \"Привет\"}".as_bytes(), None), None);
        assert!(not_utf8(b"{\n\x99\x99", None)
            .unwrap()
            .contains("line 2 column 1"));
        assert!(not_utf8(b"{\x99", Some((7, 3)))
            .unwrap()
            .contains("line 7 column 4"));
        assert_eq!(utf16(b"\xff\xfe{\0"), Some("UTF-16 little-endian"));
        assert_eq!(utf16(b"\0{\0\""), Some("UTF-16 big-endian"));
        assert_eq!(utf16(b"{\"a\""), None);
    }
}
