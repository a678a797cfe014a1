//! Armenian readings of names written in Latin letters: a record says
//! `John Smith`, the operator says «Ջոնն եմ», the client is «պարոն Ջոն».
//! The phonetic skeleton compares most Latin names with their Armenian
//! spelling by itself (`Anna` «Աննա»), but English letters that Armenians
//! read differently (`j` is «ջ», a silent `h` after a vowel, `c` before
//! `e`/`i` is «ս») need the name respelled in Armenian letters; the
//! respelled word then takes the Armenian article and case endings like
//! any Armenian name («Ջոնը», «Ջեսիկային»).

/// The Armenian spelling of a Latin first name or surname as Armenians read
/// an English name (`john` → «ջոն», `jessica` → «ջեսսիկա», `smith` →
/// «սմիթ»), normalised (lower-case): one spelling, or two when the word
/// ends in a consonant and «e», which English names leave silent (`Kate`
/// «Քեյթ») and Armenian names written in Latin letters say (`Karine`
/// «Կարինե»). Empty unless the word is all ASCII letters, 3 or more of them.
pub(crate) fn hy_readings_of_latin(word: &str) -> Vec<String> {
    let Some(read) = hy_reading_of_latin(word) else {
        return Vec::new();
    };
    let mut out = vec![read];
    let w = word.to_lowercase();
    let b = w.as_bytes();
    let silent_e = b.len() >= 4 && b[b.len() - 1] == b'e' && !b"aeiouy".contains(&b[b.len() - 2]);
    if silent_e {
        out.push(format!("{}ե", out[0]));
    }
    out
}

fn hy_reading_of_latin(word: &str) -> Option<String> {
    let w = word.to_lowercase();
    if w.chars().count() < 3 || !w.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let b = w.as_bytes();
    let vowel = |c: u8| b"aeiouy".contains(&c);
    let mut out = String::with_capacity(w.len() * 3);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let two = |x: u8| next == Some(x);
        let (read, used) = match c {
            b's' if two(b'h') => ("շ", 2),
            b'c' if two(b'h') => ("չ", 2),
            b't' if two(b'h') => ("թ", 2),
            b'p' if two(b'h') => ("ֆ", 2),
            b'k' if two(b'h') => ("խ", 2),
            b'z' if two(b'h') => ("ժ", 2),
            b't' if two(b's') => ("ց", 2),
            b'c' if two(b'k') => ("կ", 2),
            b'q' if two(b'u') => ("քվ", 2),
            b'o' if two(b'o') => ("ու", 2),
            b'o' if two(b'u') => ("ու", 2),
            b'e' if two(b'e') || two(b'a') => ("ի", 2),
            b'a' if i == 0 => ("ա", 1),
            b'e' if i == 0 => ("է", 1),
            b'o' if i == 0 => ("օ", 1),
            b'a' => ("ա", 1),
            b'e' if next.is_none() && i >= 3 && !vowel(b[i - 1]) => ("", 1),
            b'e' => ("ե", 1),
            b'i' => ("ի", 1),
            b'o' => ("ո", 1),
            b'u' => ("ու", 1),
            b'y' if next.is_some_and(vowel) => ("յ", 1),
            b'y' => ("ի", 1),
            // «h» after a vowel and not before one is silent (John, Sarah)
            b'h' if i > 0 && vowel(b[i - 1]) && !next.is_some_and(vowel) => ("", 1),
            b'h' => ("հ", 1),
            b'j' => ("ջ", 1),
            b'c' if next.is_some_and(|n| b"eiy".contains(&n)) => ("ս", 1),
            b'c' | b'k' => ("կ", 1),
            b'q' => ("ք", 1),
            b'b' => ("բ", 1),
            b'd' => ("դ", 1),
            b'f' => ("ֆ", 1),
            b'g' => ("գ", 1),
            b'l' => ("լ", 1),
            b'm' => ("մ", 1),
            b'n' => ("ն", 1),
            b'p' => ("պ", 1),
            b'r' => ("ր", 1),
            b's' => ("ս", 1),
            b't' => ("թ", 1),
            b'v' => ("վ", 1),
            b'w' => ("ու", 1),
            b'x' => ("քս", 1),
            b'z' => ("զ", 1),
            _ => ("", 1),
        };
        out.push_str(read);
        i += used;
    }
    (out.chars().count() >= 2).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_names_read_as_armenians_say_them() {
        let cases: &[(&str, Option<&str>)] = &[
            ("John", Some("ջոն")),
            ("Jessica", Some("ջեսսիկա")),
            ("Smith", Some("սմիթ")),
            ("Hovhannisyan", Some("հովհաննիսյան")),
            ("Sarah", Some("սարա")),
            ("Anna", Some("աննա")),
            ("William", Some("ուիլլիամ")),
            ("Charles", Some("չարլես")),
            ("Kate", Some("կաթ")),
            ("Karine", Some("կարին")),
            ("Lucy", Some("լուսի")),
            // not a Latin name word
            ("Ջոն", None),
            ("Jo", None),
            ("O'Neil", None),
        ];
        for (word, want) in cases {
            assert_eq!(hy_reading_of_latin(word).as_deref(), *want, "{word}");
        }
    }

    #[test]
    fn a_final_e_is_read_both_ways() {
        assert_eq!(hy_readings_of_latin("Karine"), ["կարին", "կարինե"]);
        assert_eq!(hy_readings_of_latin("Kate"), ["կաթ", "կաթե"]);
        assert_eq!(hy_readings_of_latin("John"), ["ջոն"]);
        assert_eq!(hy_readings_of_latin("Lee"), ["լի"]);
        assert!(hy_readings_of_latin("Ani-Mari").is_empty());
    }
}
