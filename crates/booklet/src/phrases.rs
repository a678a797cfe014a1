//! The phrase sets as a QA manager edits them: each set's description and
//! entries as written in the file ([`PhraseCatalog`]), whether and how a
//! sentence matches a set ([`try_set`]), and the nearest entries of a set
//! to a sentence that does not match it ([`nearest`]): which key words of
//! the entry were found in the sentence and which were not.
//!
//! Key words of an entry: its words, each `(a | b)` as one word said either
//! way, each `@group` as one word said as any plain entry of the group;
//! `[optional]` words, placeholders, `…` gaps and a final `?` are not key
//! words. A key word is found when a word of the sentence has its stem, or
//! (for words of six or more letters) is one edit away from it, as fuzzy
//! matching does.

use std::collections::BTreeMap;

use callqa_engine::{text_language, Standard};
use callqa_model::Lang;
use callqa_text::{detect_language, Analyzed, Analyzer, Slots};

/// A phrase set as written: its description and entries per language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SetText {
    /// `description = …` of the set as written: the text, or each
    /// language's in turn (`ru: …; en: …`) for `{ ru = "…", en = "…" }`.
    pub description: Option<String>,
    /// The description per language.
    pub descriptions: callqa_engine::Localized,
    /// Entries per language (`Lang::ALL` order: ru, en, hy), in file order.
    pub entries: [Vec<String>; 3],
}

impl SetText {
    /// The entries of one language.
    pub fn entries(&self, lang: Lang) -> &[String] {
        &self.entries[lang_index(lang)]
    }

    /// The description in `lang` (else the one given).
    pub fn description_in(&self, lang: Lang) -> Option<&str> {
        self.descriptions.get(lang)
    }
}

fn lang_index(lang: Lang) -> usize {
    Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)
}

/// Every `[phrases.NAME]` set of a standard file, by name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PhraseCatalog {
    /// The sets by name.
    pub sets: BTreeMap<String, SetText>,
}

impl PhraseCatalog {
    /// Reads the sets of a standard's TOML text (a file that does not
    /// parse has none: compile it first for the errors).
    pub fn from_toml(text: &str) -> PhraseCatalog {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut out = PhraseCatalog::default();
        let Ok(file) = text.parse::<toml::Table>() else {
            return out;
        };
        let Some(sets) = file.get("phrases").and_then(toml::Value::as_table) else {
            return out;
        };
        for (name, set) in sets {
            let mut s = SetText::default();
            match set.get("description") {
                Some(toml::Value::String(d)) => {
                    s.description = Some(d.clone());
                    s.descriptions = callqa_engine::Localized::plain(d.clone());
                }
                Some(toml::Value::Table(t)) => {
                    let mut shown = Vec::new();
                    for lang in Lang::ALL {
                        if let Some(d) = t.get(lang.as_str()).and_then(toml::Value::as_str) {
                            s.descriptions.set(lang, d);
                            shown.push(format!("{}: {d}", lang.as_str()));
                        }
                    }
                    s.description = (!shown.is_empty()).then(|| shown.join("; "));
                }
                _ => {}
            }
            for (i, lang) in Lang::ALL.iter().enumerate() {
                s.entries[i] = set
                    .get(lang.as_str())
                    .and_then(toml::Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(toml::Value::as_str)
                    .map(str::to_string)
                    .collect();
            }
            out.sets.insert(name.clone(), s);
        }
        out
    }

    /// The set `name`.
    pub fn set(&self, name: &str) -> Option<&SetText> {
        self.sets.get(name)
    }
}

/// The closest of `candidates` to a mistyped `name`, for «did you mean».
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(name, c), c))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_string())
}

/// One key word of an entry: the ways it may be said (each a run of
/// stems that must all be found) and how the entry writes it.
#[derive(Clone, Debug)]
struct KeyWord {
    shown: String,
    /// Alternatives, each as (norm, stem) words.
    alts: Vec<Vec<(String, String)>>,
}

impl KeyWord {
    /// A content word: said in some way with a word of four or more
    /// letters (not «я», «за», "for", "you").
    fn is_content(&self) -> bool {
        self.alts
            .iter()
            .any(|a| a.iter().any(|w| w.0.chars().count() >= 4))
    }
}

/// Whether an entry uses pattern syntax or is a wildcard or exception.
fn is_plain(entry: &str) -> bool {
    !entry.contains(['…', '[', '(', '@', '=', '*', '!', '+']) && !entry.contains("...")
}

fn words_of(analyzer: &Analyzer, text: &str) -> Vec<(String, String)> {
    analyzer
        .analyze(text)
        .tokens()
        .map(|t| (t.norm.to_string(), t.stem.to_string()))
        .collect()
}

/// The key words of an entry; `None` for a wildcard or an exception,
/// which have no words to be near to.
fn key_words(
    entry: &str,
    lang: Lang,
    analyzer: &Analyzer,
    catalog: &PhraseCatalog,
) -> Option<Vec<KeyWord>> {
    let e = entry.trim();
    if e.contains('*') || e.starts_with('!') {
        return None;
    }
    let e = e.strip_suffix('?').unwrap_or(e);
    let mut out = Vec::new();
    let mut rest = e;
    while let Some(c) = rest.chars().next() {
        let (piece, after) = match c {
            '[' => {
                let end = rest.find(']').map_or(rest.len(), |i| i + 1);
                rest = &rest[end..];
                continue;
            }
            '{' => {
                let end = rest.find('}').map_or(rest.len(), |i| i + 1);
                rest = &rest[end..];
                continue;
            }
            '(' => {
                let end = rest.find(')').map_or(rest.len(), |i| i + 1);
                (&rest[..end], &rest[end..])
            }
            _ if c.is_whitespace() || c == '+' || c == '…' || c == '.' || c.is_ascii_digit() => {
                rest = &rest[c.len_utf8()..];
                continue;
            }
            _ => {
                let end = rest
                    .find(|ch: char| ch.is_whitespace() || "[{(+…".contains(ch))
                    .unwrap_or(rest.len());
                (&rest[..end], &rest[end..])
            }
        };
        rest = after;
        let alts: Vec<Vec<(String, String)>> = if let Some(inner) = piece.strip_prefix('(') {
            inner
                .trim_end_matches(')')
                .split('|')
                .map(|a| words_of(analyzer, &strip_slots(a)))
                .filter(|w| !w.is_empty())
                .collect()
        } else if let Some(group) = piece.strip_prefix('@') {
            catalog
                .set(group)
                .map(|s| {
                    s.entries(lang)
                        .iter()
                        .filter(|x| is_plain(x))
                        .map(|x| words_of(analyzer, &strip_slots(x)))
                        .filter(|w| !w.is_empty())
                        .collect()
                })
                .unwrap_or_default()
        } else {
            let w = words_of(analyzer, piece.trim_start_matches('='));
            // A plain word the analyzer splits («чем-то») stays one key word.
            if w.is_empty() {
                continue;
            }
            vec![w]
        };
        if !alts.is_empty() {
            out.push(KeyWord {
                shown: piece.trim_start_matches('=').to_string(),
                alts,
            });
        }
    }
    Some(out)
}

fn strip_slots(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether a word of the sentence is the key word's word: the same stem,
/// or one edit away on words of six or more letters.
fn same_word(have: &(String, String), want: &(String, String)) -> bool {
    have.1 == want.1
        || (want.0.chars().count() >= 6
            && have.0.chars().count() >= 6
            && strsim::levenshtein(&have.0, &want.0) <= 1)
}

fn found(key: &KeyWord, sentence: &[(String, String)]) -> bool {
    key.alts
        .iter()
        .any(|alt| alt.iter().all(|w| sentence.iter().any(|h| same_word(h, w))))
}

/// An entry of a set that a sentence nearly says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Near {
    /// The entry as written.
    pub entry: String,
    /// Its key words found in the sentence, as the entry writes them.
    pub found: Vec<String>,
    /// Its key words not found.
    pub missing: Vec<String>,
    /// Its placeholders (`{operator_name}`): a value the words alone do
    /// not show.
    pub placeholders: Vec<String>,
}

/// The `{placeholder}`s of an entry, `{any}` aside.
fn placeholders(entry: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = entry;
    while let Some(at) = rest.find('{') {
        let Some(len) = rest[at..].find('}') else {
            break;
        };
        let p = &rest[at..at + len + 1];
        if p != "{any}" && !out.iter().any(|x| x == p) {
            out.push(p.to_string());
        }
        rest = &rest[at + len + 1..];
    }
    out
}

impl Near {
    /// «found: спасибо, за; missing: ожидание», or, when every key word is
    /// there, why the entry still does not match.
    pub fn describe(&self, lang: Lang) -> String {
        let ru = lang == Lang::Ru;
        if self.missing.is_empty() && !self.placeholders.is_empty() {
            let p = self.placeholders.join(", ");
            return if ru {
                format!("все слова есть, но нет значения {p} на своём месте")
            } else {
                format!("every key word is there, but not the value of {p} in its place")
            };
        }
        if self.missing.is_empty() {
            return if ru {
                "все слова есть, но не так, как требует фраза (порядок, слова между, одно предложение, вопрос или отрицание)".into()
            } else {
                "every key word is there, but not as the entry needs (order, words between, one sentence, a question, or a negation)".into()
            };
        }
        let (f, m) = if ru {
            ("найдено", "нет")
        } else {
            ("found", "missing")
        };
        let found = if self.found.is_empty() {
            "—".to_string()
        } else {
            self.found.join(", ")
        };
        format!("{f}: {found}; {m}: {}", self.missing.join(", "))
    }
}

/// The entries of `set` in `lang` that `text` nearly says, nearest first
/// (at most `limit`): two or more of an entry's key words are found, and
/// at least half of its content words (of four or more letters), one at
/// least.
pub fn nearest(
    std: &Standard,
    catalog: &PhraseCatalog,
    set: &str,
    lang: Lang,
    text: &str,
    limit: usize,
) -> Vec<Near> {
    let Some(s) = catalog.set(set) else {
        return Vec::new();
    };
    let analyzer = std.book(lang).analyzer();
    let sentence = words_of(analyzer, text);
    let mut out: Vec<(usize, usize, Near)> = Vec::new();
    for (n, entry) in s.entries(lang).iter().enumerate() {
        // An entry written twice is shown once.
        if s.entries(lang)[..n].contains(entry) {
            continue;
        }
        // A `not:` entry is a near-miss the set rejects, never a nearest entry.
        if entry.trim_start().to_lowercase().starts_with("not:") {
            continue;
        }
        let Some(keys) = key_words(entry, lang, analyzer, catalog) else {
            continue;
        };
        if keys.len() < 2 {
            continue;
        }
        let (hit, miss): (Vec<&KeyWord>, Vec<&KeyWord>) =
            keys.iter().partition(|k| found(k, &sentence));
        let content = keys.iter().filter(|k| k.is_content()).count();
        let content_hit = hit.iter().filter(|k| k.is_content()).count();
        if hit.len() < 2 || content_hit == 0 || content_hit * 2 < content {
            continue;
        }
        out.push((
            hit.len(),
            keys.len(),
            Near {
                entry: entry.clone(),
                found: hit.iter().map(|k| k.shown.clone()).collect(),
                missing: miss.iter().map(|k| k.shown.clone()).collect(),
                placeholders: placeholders(entry),
            },
        ));
    }
    // Fewest missing first, then the larger share found, then file order.
    out.sort_by(|a, b| {
        (a.1 - a.0)
            .cmp(&(b.1 - b.0))
            .then((b.0 * a.1).cmp(&(a.0 * b.1)))
    });
    out.into_iter().take(limit).map(|(_, _, n)| n).collect()
}

/// One match of a set in a sentence tried with [`try_set`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TryMatch {
    /// The entry that matched.
    pub entry: String,
    /// How: «matched «спасибо … за терпение» with 2 words between».
    pub how: String,
    /// The matched words.
    pub quote: String,
    /// Whether a negation stands before it (a rule that checks negation
    /// does not count it).
    pub negated: bool,
}

/// What [`try_set`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tried {
    /// The language the sentence was matched in.
    pub lang: Lang,
    /// Matches of the set.
    pub matches: Vec<TryMatch>,
    /// Without a match: the nearest entries.
    pub near: Vec<Near>,
}

/// The language of `text`: `lang` if given, else detected, else the
/// standard's fallback.
pub fn text_lang(std: &Standard, text: &str, lang: Option<Lang>) -> Lang {
    lang.or_else(|| detect_language(text).map(callqa_engine::model_language))
        .unwrap_or(std.fallback_language())
}

/// Whether and how `text` matches the set `set` (the caller checked the
/// set exists). Placeholders accept any word, and `{company}` also the
/// standard's company names.
pub fn try_set(
    std: &Standard,
    catalog: &PhraseCatalog,
    set: &str,
    text: &str,
    lang: Option<Lang>,
) -> Tried {
    let lang = text_lang(std, text, lang);
    let book = std.book(lang);
    debug_assert_eq!(book.language(), text_language(lang));
    let analyzed: Analyzed = book.analyze(text);
    let mut slots = Slots::new();
    for p in ["operator_name", "client_name", "company"] {
        slots.set_any(p);
    }
    let companies: Vec<&str> = std.company_names().iter().map(String::as_str).collect();
    if !companies.is_empty() {
        slots.set_company(book.analyzer(), "company", &companies);
    }
    let id = book.set_id(set);
    let matches: Vec<TryMatch> = book
        .find(&analyzed, &slots)
        .iter()
        .filter(|m| Some(m.set) == id)
        .map(|m| TryMatch {
            entry: book.entry_text(m).to_string(),
            how: book.explain(m),
            quote: text.get(m.start..m.end).unwrap_or(text).to_string(),
            negated: m.negated,
        })
        .collect();
    let near = if matches.is_empty() {
        nearest(std, catalog, set, lang, text, 3)
    } else {
        Vec::new()
    };
    Tried {
        lang,
        matches,
        near,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> PhraseCatalog {
        PhraseCatalog::from_toml(callqa_standard::DEFAULT_STANDARD_TOML)
    }

    #[test]
    fn the_catalog_has_descriptions_and_entries_per_language() {
        let c = catalog();
        let g = c.set("greeting").expect("greeting set");
        assert!(g.description.as_deref().unwrap_or("").contains("Greeting"));
        assert!(g.entries(Lang::Ru).iter().any(|e| e == "здравствуйте"));
        assert!(!g.entries(Lang::En).is_empty());
    }

    #[test]
    fn sentences_match_or_come_near() {
        let std = callqa_standard::builtin();
        let c = catalog();
        // (set, text, lang, matches, a near entry's missing words contain)
        let table: &[(&str, &str, Lang, bool, Option<&str>)] = &[
            ("greeting", "Здравствуйте!", Lang::Ru, true, None),
            ("farewell", "Всего доброго!", Lang::Ru, true, None),
            (
                "hold_thanks",
                "Спасибо вам огромное за терпение",
                Lang::Ru,
                true,
                None,
            ),
            (
                "hold_thanks",
                "thanks for calling",
                Lang::En,
                false,
                Some("holding"),
            ),
            ("greeting", "Quelle heure est-il", Lang::En, false, None),
        ];
        for &(set, text, lang, matches, missing) in table {
            let t = try_set(&std, &c, set, text, Some(lang));
            assert_eq!(!t.matches.is_empty(), matches, "{set} {text}: {t:?}");
            if let Some(word) = missing {
                assert!(
                    t.near.iter().any(|n| n.missing.iter().any(|m| m == word)),
                    "{set} {text}: {t:?}"
                );
            }
            if !matches && missing.is_none() {
                assert!(t.near.is_empty(), "{set} {text}: {t:?}");
            }
        }
    }

    #[test]
    fn key_words_skip_optional_words_placeholders_and_gaps() {
        let std = callqa_standard::builtin();
        let c = catalog();
        let a = std.book(Lang::Ru).analyzer();
        let shown = |e: &str| -> Vec<String> {
            key_words(e, Lang::Ru, a, &c)
                .expect("words")
                .into_iter()
                .map(|k| k.shown)
                .collect()
        };
        assert_eq!(shown("чем … могу [вам] помочь?"), ["чем", "могу", "помочь"]);
        assert_eq!(shown("компания {company}"), ["компания"]);
        assert_eq!(
            shown("(спасибо | благодарю) …5 за ожидание"),
            ["(спасибо | благодарю)", "за", "ожидание"]
        );
        assert_eq!(
            shown("@thanks_word + @waiting_word"),
            ["@thanks_word", "@waiting_word"]
        );
        assert!(key_words("пизд*", Lang::Ru, a, &c).is_none());
    }

    #[test]
    fn did_you_mean_finds_the_closest_name() {
        let names = ["greeting.hello", "greeting.company", "closing.farewell"];
        assert_eq!(
            did_you_mean("greeting.helo", names).as_deref(),
            Some("greeting.hello")
        );
        assert_eq!(did_you_mean("zzz", names), None);
    }
}
