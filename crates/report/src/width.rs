//! Measuring text in terminal columns and fitting it into a width by
//! truncating or word-wrapping, for the table.
//!
//! Columns come from the `unicode-width` crate, character by character:
//! Russian and Armenian letters take one column, East Asian wide characters
//! two, combining marks and zero-width characters none (and are never split
//! from their base character). Making the text safe to print is
//! `terminal.rs`'s job and happens before it is measured.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// The columns of one character; control characters (already escaped by
/// the time text is measured) count as none.
fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// The columns `s` takes on a terminal.
pub(crate) fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// The longest prefix of `s` that fits in `max` columns, with the zero-width
/// characters that follow it.
fn prefix(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = char_width(c);
        if w > 0 {
            if used + w > max {
                return &s[..i];
            }
            used += w;
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
            let mut head = prefix(word, max);
            if head.is_empty() {
                // One character wider than the line: it goes alone.
                let first = word.chars().next().map_or(0, char::len_utf8);
                head = prefix(&word[first..], 0);
                head = &word[..first + head.len()];
            }
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
    fn wide_characters_take_two_columns() {
        assert_eq!(width("日本"), 4);
        assert_eq!(truncate("日本語", 4), "日…");
        assert_eq!(wrap("日本語", 1, 1), ["日", "本", "語"]);
        assert_eq!(wrap("日本語", 3, 3), ["日", "本", "語"]);
    }
}
