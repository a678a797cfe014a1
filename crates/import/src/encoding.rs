//! Turning the bytes of an input file into text: UTF-8 with or without BOM,
//! UTF-16 with BOM, and Windows-1251 (old Russian PBX exports), either forced
//! with `--encoding` or recognised from the bytes. Line endings are left
//! alone (every parser accepts CRLF).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1251};

/// Looks up an encoding by its WHATWG label (`utf-8`, `windows-1251`, `cp1251`).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// The decoded text, and a note when the encoding was guessed.
#[derive(Debug)]
pub struct Decoded {
    /// The file's text, decoded to UTF-8.
    pub text: String,
    /// Set when the bytes were not UTF-8 and were read as another encoding
    /// without being told to.
    pub guessed: Option<&'static str>,
}

/// Decodes `bytes`. With `forced`, that encoding is used (a BOM still wins,
/// as in browsers). Otherwise UTF-8 is expected; bytes that are not UTF-8 are
/// read as Windows-1251 when at least 80 % of their non-ASCII characters are
/// then Cyrillic letters, else an error naming the first bad byte is returned.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, String> {
    if let Some(enc) = forced {
        let (text, _, had_errors) = enc.decode(bytes);
        if had_errors && enc == UTF_8 {
            return Err(not_utf8_message(bytes));
        }
        return Ok(Decoded {
            text: text.into_owned(),
            guessed: None,
        });
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!(
                "invalid {} after its byte order mark",
                enc.name().to_ascii_lowercase()
            ));
        }
        return Ok(Decoded {
            text: text.into_owned(),
            guessed: None,
        });
    }
    if let Some(which) = utf16_without_bom(bytes) {
        return Err(format!(
            "the file looks like UTF-16 {which} without a byte order mark; set --encoding \"utf-16{}\"",
            if which == "little-endian" { "le" } else { "be" }
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_string(),
            guessed: None,
        }),
        Err(_) => {
            let (text, _, _) = WINDOWS_1251.decode(bytes);
            let (mut cyrillic, mut other) = (0usize, 0usize);
            for c in text.chars().filter(|c| !c.is_ascii()) {
                if ('\u{0400}'..='\u{04FF}').contains(&c) || c == '№' || c == '«' || c == '»' {
                    cyrillic += 1;
                } else {
                    other += 1;
                }
            }
            if cyrillic > 0 && cyrillic * 5 >= (cyrillic + other) * 4 {
                Ok(Decoded {
                    text: text.into_owned(),
                    guessed: Some("windows-1251"),
                })
            } else {
                Err(not_utf8_message(bytes))
            }
        }
    }
}

/// UTF-16 text with no byte order mark: in its first 64 bytes, most bytes
/// at odd (little-endian) or even (big-endian) offsets are NUL.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(64)];
    if head.len() < 4 {
        return None;
    }
    let nul_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = head.len() / 2;
    match (nul_at(0), nul_at(1)) {
        (even, odd) if odd * 10 >= half * 9 && even * 10 < half => Some("little-endian"),
        (even, odd) if even * 10 >= half * 9 && odd * 10 < half => Some("big-endian"),
        _ => None,
    }
}

fn not_utf8_message(bytes: &[u8]) -> String {
    let offset = match std::str::from_utf8(bytes) {
        Ok(_) => 0,
        Err(e) => e.valid_up_to(),
    };
    let byte = bytes.get(offset).copied().unwrap_or(0);
    format!(
        "not valid UTF-8 (byte 0x{byte:02x} at offset {offset}) and not recognisably Windows-1251; \
         set the encoding with --encoding (e.g. \"windows-1251\", \"koi8-r\")"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_stripped() {
        let d = decode(b"\xEF\xBB\xBFabc", None).unwrap();
        assert_eq!(d.text, "abc");
    }

    #[test]
    fn cp1251_is_guessed() {
        // "Привет" in Windows-1251
        let d = decode(b"\xcf\xf0\xe8\xe2\xe5\xf2", None).unwrap();
        assert_eq!(d.text, "Привет");
        assert_eq!(d.guessed, Some("windows-1251"));
    }

    #[test]
    fn utf16_is_read_with_a_bom_and_named_without_one() {
        let le: Vec<u8> = "Uniqueid,Channel"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let with_bom: Vec<u8> = [0xFF, 0xFE].into_iter().chain(le.iter().copied()).collect();
        assert_eq!(decode(&with_bom, None).unwrap().text, "Uniqueid,Channel");
        assert_eq!(
            decode(&le, None).unwrap_err(),
            "the file looks like UTF-16 little-endian without a byte order mark; set --encoding \"utf-16le\""
        );
        let forced = encoding_for_label("utf-16le");
        assert_eq!(decode(&le, forced).unwrap().text, "Uniqueid,Channel");
    }

    #[test]
    fn garbage_is_an_error() {
        let e = decode(b"\x99\x99\xa9\xae\x99", None).unwrap_err();
        assert!(e.contains("--encoding"), "{e}");
    }
}
