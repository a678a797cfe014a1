//! The phrase entries of a standard file as an operator would say them:
//! the `[phrases.*]` lists of the TOML text, per set and language, with
//! pattern syntax turned into plain words and placeholders filled with the
//! training call's names. Entries that cannot be said as written (wildcards,
//! exceptions, synonym groups) are left out.

use std::collections::BTreeMap;

use callqa_model::Lang;

/// Set name → language → sayable entries, in file order.
#[derive(Clone, Debug, Default)]
pub struct Entries {
    sets: BTreeMap<String, BTreeMap<Lang, Vec<String>>>,
}

/// The names a training call fills placeholders with.
#[derive(Clone, Copy, Debug)]
pub struct Names<'a> {
    /// `{company}`.
    pub company: &'a str,
    /// `{operator_name}`.
    pub operator: &'a str,
    /// `{client_name}`.
    pub client: &'a str,
}

impl Entries {
    /// Reads the `[phrases.*]` tables of a standard file's text. A text that
    /// does not parse gives no entries (the standard was validated when it
    /// was loaded; a quiz then simply has fewer questions).
    pub fn from_toml(text: &str) -> Entries {
        let mut out = Entries::default();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let Ok(file) = text.parse::<toml::Table>() else {
            return out;
        };
        let Some(sets) = file.get("phrases").and_then(toml::Value::as_table) else {
            return out;
        };
        for (name, set) in sets {
            for lang in [Lang::Ru, Lang::En, Lang::Hy] {
                let list = set.get(lang.as_str()).and_then(toml::Value::as_array);
                let said: Vec<String> = list
                    .into_iter()
                    .flatten()
                    .filter_map(toml::Value::as_str)
                    .map(str::to_string)
                    .collect();
                out.sets.entry(name.clone()).or_default().insert(lang, said);
            }
        }
        out
    }

    /// The sayable entries of a set in a language, placeholders filled.
    pub fn sayable(&self, set: &str, lang: Lang, names: Names<'_>) -> Vec<String> {
        let Some(list) = self.sets.get(set).and_then(|m| m.get(&lang)) else {
            return Vec::new();
        };
        let mut out: Vec<String> = list.iter().filter_map(|e| plain(e, names)).collect();
        out.dedup();
        out
    }
}

/// An entry as words to say, or `None` when it cannot be said as written.
pub fn plain(entry: &str, names: Names<'_>) -> Option<String> {
    let e = entry.trim();
    if e.is_empty()
        || e.contains('*')
        || e.starts_with('!')
        || e.contains('@')
        || e.contains('|')
        || e.contains("{any}")
    {
        return None;
    }
    // `[optional]` words are left out; `…`, `…5` and `...` gaps closed.
    let mut s = String::new();
    let mut depth = 0usize;
    for c in e.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '(' | ')' | '=' => {}
            _ => s.push(c),
        }
    }
    let s = s.replace("...", " ").replace('…', " ");
    let s: String = s
        .split_whitespace()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(" ");
    let s = s
        .replace("{company}", names.company)
        .replace("{operator_name}", names.operator)
        .replace("{client_name}", names.client);
    if s.contains('{') || s.split_whitespace().next().is_none() {
        return None;
    }
    Some(capitalize(s.trim()))
}

/// The first letter in upper case.
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const N: Names<'static> = Names {
        company: "Ромашка",
        operator: "Анна",
        client: "Иван",
    };

    #[test]
    fn patterns_become_plain_words() {
        assert_eq!(
            plain("чем … могу [вам] помочь?", N).as_deref(),
            Some("Чем могу помочь?")
        );
        assert_eq!(
            plain("компания {company}", N).as_deref(),
            Some("Компания Ромашка")
        );
        assert_eq!(plain("пизд*", N), None);
        assert_eq!(plain("@thanks_word + @waiting_word", N), None);
        assert_eq!(plain("(да | нет)", N), None);
        assert_eq!(
            plain("подождите …5 минут", N).as_deref(),
            Some("Подождите минут")
        );
    }
}
