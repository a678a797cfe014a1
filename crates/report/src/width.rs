//! Terminal text: making untrusted text safe to print, measuring it in
//! columns, and fitting it into a width by truncating or word-wrapping.
//!
//! Width is counted in characters, not bytes, so Russian and Armenian text
//! lines up; combining marks and zero-width characters count as 0 and are
//! never split from their base character. East Asian wide characters are
//! deliberately not handled (callqa's languages have none), which keeps the
//! crate free of Unicode tables.

use std::borrow::Cow;

/// Replaces what must not reach a terminal verbatim: line breaks and tabs
/// become spaces (a verdict is laid out on our lines, not the transcript's),
/// other control characters (ESC of an ANSI sequence, bell, C1 codes) become
/// `�`, so a transcript cannot restyle or rewrite the supervisor's terminal.
pub(crate) fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => ' ',
                c if c.is_control() => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// Whether `c` takes no column of its own.
fn is_zero_width(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'   // combining diacritical marks (й as и + ̆)
        | '\u{0483}'..='\u{0489}' // Cyrillic combining marks
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{200B}'..='\u{200F}' // zero-width space, joiners, direction marks
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}' // variation selectors
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{FEFF}')
}

/// The columns `s` takes on a terminal.
pub(crate) fn width(s: &str) -> usize {
    s.chars().filter(|&c| !is_zero_width(c)).count()
}

/// The longest prefix of `s` that fits in `max` columns, with the zero-width
/// characters that follow it.
fn prefix(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        if !is_zero_width(c) {
            if used == max {
                return &s[..i];
            }
            used += 1;
        }
    }
    s
}

/// `s` cut to `max` columns, ending in `…` when something was cut.
pub(crate) fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let kept = prefix(s, max - 1).trim_end();
    Cow::Owned(format!("{kept}…"))
}

/// Splits `s` into lines: the first at most `first` columns wide, the others
/// at most `rest`. Breaks at spaces; a word longer than a line is split.
/// Lines carry no leading or trailing spaces. Widths below 1 count as 1.
pub(crate) fn wrap(s: &str, first: usize, rest: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    let limit = |lines: &Vec<String>| if lines.is_empty() { first } else { rest }.max(1);

    for word in s.split(' ').filter(|w| !w.is_empty()) {
        let mut word = word;
        let mut word_width = width(word);
        loop {
            let max = limit(&lines);
            let sep = usize::from(line_width > 0);
            if line_width + sep + word_width <= max {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                line_width += sep + word_width;
                break;
            }
            if line_width > 0 {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
                continue;
            }
            // The word alone is wider than a line: split it.
            let head = prefix(word, max);
            lines.push(head.to_owned());
            word = &word[head.len()..];
            word_width = width(word);
            if word.is_empty() {
                break;
            }
        }
    }
    if line_width > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_counts_characters_not_bytes() {
        assert_eq!(width("Так, смотрите"), 13);
        assert_eq!(width("Բարև ձեզ"), 8);
        // и + combining breve is one column.
        assert_eq!(width("и\u{0306}ога"), 4);
        assert_eq!(width(""), 0);
    }

    #[test]
    fn truncate_keeps_whole_characters() {
        assert_eq!(truncate("Так, смотрите", 20), "Так, смотрите");
        assert_eq!(truncate("Так, смотрите", 13), "Так, смотрите");
        assert_eq!(truncate("Так, смотрите", 8), "Так, см…");
        // No space before the ellipsis.
        assert_eq!(truncate("Так, смотрите", 6), "Так,…");
        assert_eq!(truncate("и\u{0306}ога", 2), "и\u{0306}…");
        assert_eq!(truncate("abc", 1), "…");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn wrap_at_spaces_with_hanging_widths() {
        let lines = wrap("оператор не поблагодарил клиента за ожидание", 12, 20);
        assert_eq!(
            lines,
            ["оператор не", "поблагодарил клиента", "за ожидание"]
        );
        for l in &lines {
            assert!(width(l) <= 20);
        }
    }

    #[test]
    fn wrap_splits_overlong_words() {
        assert_eq!(wrap("Здравствуйте", 5, 5), ["Здрав", "ствуй", "те"]);
        assert_eq!(wrap("а Здравствуйте", 3, 5), ["а", "Здрав", "ствуй", "те"]);
        assert_eq!(wrap("", 5, 5), [""]);
        assert_eq!(wrap("  a   b  ", 10, 10), ["a b"]);
    }

    #[test]
    fn sanitize_neutralises_control_characters() {
        assert_eq!(sanitize("a\nb\tc"), "a b c");
        assert_eq!(sanitize("\u{1b}[31mred"), "\u{FFFD}[31mred");
        assert!(matches!(sanitize("plain"), Cow::Borrowed(_)));
    }
}
