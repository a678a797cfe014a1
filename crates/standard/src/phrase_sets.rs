//! The `[phrases.NAME]` tables: each set's phrases per language, read and
//! built into one phrase book per language, with the placeholder a set
//! needs a value for (`{company}`, `{client_name}`).

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use callqa_model::Lang;
use callqa_text::PhraseBookBuilder;

use crate::diagnostic::escape;
use crate::read::{Reader, Table, S};
use callqa_engine::*;

const SET_KEYS: &[&str] = &["description", "fuzzy", "ru", "en", "hy"];

pub(crate) type Books = (
    Vec<(Lang, callqa_text::PhraseBook)>,
    HashMap<(Lang, usize), String>,
);

pub(crate) fn read_phrase_sets(
    r: &mut Reader,
    sets: BTreeMap<String, (Range<usize>, Table)>,
    settings: &Settings,
) -> Books {
    struct Set {
        name: String,
        span: Range<usize>,
        fuzzy: bool,
        by_lang: Vec<Vec<S<String>>>,
    }
    let mut read = Vec::new();
    for (name, (span, mut t)) in sets {
        let place = format!("phrases.{name}");
        if let Some(v) = t.take("description") {
            r.localized(&format!("{place}.description"), v);
        }
        let fuzzy = t
            .take("fuzzy")
            .and_then(|v| r.flag(&format!("{place}.fuzzy"), v))
            .map(|b| *b.get_ref())
            .unwrap_or(true);
        let by_lang = Lang::ALL
            .iter()
            .map(|l| {
                t.take(l.as_str())
                    .and_then(|v| r.texts(&format!("{place}.{}", l.as_str()), v))
                    .map(|l| l.into_inner())
                    .unwrap_or_default()
            })
            .collect();
        r.unknown_keys(
            &mut t,
            &format!("[{}]", escape(&place)),
            SET_KEYS,
            "ru, en, hy, fuzzy or description",
        );
        read.push(Set {
            name,
            span,
            fuzzy,
            by_lang,
        });
    }
    let mut books = Vec::new();
    let mut requires = HashMap::new();
    for (li, lang) in Lang::ALL.into_iter().enumerate() {
        let mut builder = PhraseBookBuilder::new(text_language(lang), settings.fuzzy_min_letters);
        for (i, set) in read.iter().enumerate() {
            let entries = &set.by_lang[li];
            let phrases: Vec<String> = entries.iter().map(|e| e.get_ref().clone()).collect();
            if let Some(p) = common_placeholder(&phrases) {
                requires.insert((lang, i), p);
            }
            match builder.add_set(&set.name, &phrases, set.fuzzy) {
                Ok(id) => debug_assert_eq!(id.0 as usize, i),
                Err(err) => {
                    let text = err.to_string();
                    let span = entries
                        .iter()
                        .find(|e| text.contains(e.get_ref().as_str()))
                        .map(|e| e.span())
                        .unwrap_or_else(|| set.span.clone());
                    r.error(
                        format!("phrases.{}.{}: {text}", set.name, lang.as_str()),
                        span,
                    );
                    // Keep indices aligned with the other languages.
                    let _ = builder.add_set(&set.name, &[], true);
                }
            }
        }
        // An `@group` names a set that does not exist: point at the entry.
        for err in builder.unknown_groups() {
            let text = err.to_string();
            let span = read
                .iter()
                .flat_map(|set| set.by_lang[li].iter())
                .find(|e| text.contains(e.get_ref().as_str()))
                .map(|e| e.span())
                .unwrap_or(0..0);
            r.error(format!("phrases ({}): {text}", lang.as_str()), span);
        }
        books.push((lang, builder.build()));
    }
    (books, requires)
}

/// A placeholder (other than `{any}`) that every phrase of a set contains:
/// without its value the set can never match («компания {company}»).
fn common_placeholder(phrases: &[String]) -> Option<String> {
    let names = |p: &str| -> Vec<String> {
        p.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(n, _)| n.trim().to_string()))
            .filter(|n| n != "any")
            .collect()
    };
    let first = names(phrases.first()?);
    first
        .into_iter()
        .find(|n| phrases.iter().all(|p| names(p).contains(n)))
}
