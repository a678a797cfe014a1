//! From a parsed [`StandardFile`] to a runnable [`Standard`]: resolve phrase
//! set names, check every parameter's type and range, build one phrase book
//! per language. Every problem becomes a [`Diagnostic`] at the key that
//! caused it; compilation goes on to find the others.

use std::collections::HashMap;
use std::ops::Range;

use callqa_model::{Direction, Lang, Severity};
use callqa_text::PhraseBookBuilder;

use crate::diagnostic::Diagnostic;
use crate::params::CheckReader;
use crate::schema::{RuleDef, StandardFile, S};
use callqa_engine::*;

pub(crate) fn compile(
    file: StandardFile,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Standard> {
    if *file.version.get_ref() != 1 {
        diags.push(
            Diagnostic::new(
                format!("unsupported format version {}", file.version.get_ref()),
                Some(file.version.span()),
            )
            .with_help("this callqa reads version = 1"),
        );
    }
    let id = file.id.get_ref().trim().to_string();
    if id.is_empty() {
        diags.push(Diagnostic::new(
            "id must not be empty",
            Some(file.id.span()),
        ));
    }
    let revision = match &file.revision {
        None => 1,
        Some(r) if *r.get_ref() >= 1 && *r.get_ref() <= u32::MAX as i64 => *r.get_ref() as u32,
        Some(r) => {
            diags.push(
                Diagnostic::new(
                    format!("revision must be at least 1, got {}", r.get_ref()),
                    Some(r.span()),
                )
                .with_help("bump the revision each time the rules change"),
            );
            1
        }
    };
    let fallback_language = match &file.fallback_language {
        None => Lang::Ru,
        Some(l) => Lang::from_tag(l.get_ref()).unwrap_or_else(|| {
            diags.push(bad_lang(l));
            Lang::Ru
        }),
    };

    // Phrase sets: names first, so rules can refer to them.
    let set_names: Vec<String> = file.phrases.keys().cloned().collect();
    let set_index: HashMap<String, usize> = set_names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), i))
        .collect();

    let mut settings = Settings::default();
    let s = &file.settings;
    if let Some(v) = &s.ring_cycle_secs {
        settings.ring_cycle_secs = positive(v, "settings.ring_cycle_secs", diags);
    }
    if let Some(v) = &s.opening_secs {
        settings.opening_secs = non_negative(v, "settings.opening_secs", diags);
    }
    if let Some(v) = &s.closing_secs {
        settings.closing_secs = non_negative(v, "settings.closing_secs", diags);
    }
    if let Some(v) = &s.closing_turns {
        settings.closing_turns = count_i(v, "settings.closing_turns", diags);
    }
    if let Some(v) = &s.fuzzy_min_letters {
        settings.fuzzy_min_letters = count_i(v, "settings.fuzzy_min_letters", diags);
    }
    if let Some(v) = &s.backchannels {
        match set_index.get(v.get_ref()) {
            Some(&i) => settings.backchannels = Some(i),
            None => diags.push(unknown_set(v.get_ref(), v.span(), &set_names)),
        }
    }

    let mut books = Vec::new();
    let mut requires = HashMap::new();
    for lang in Lang::ALL {
        let mut builder = PhraseBookBuilder::new(text_language(lang), settings.fuzzy_min_letters);
        for (i, (name, set)) in file.phrases.iter().enumerate() {
            let set = set.get_ref();
            let entries = match lang {
                Lang::Ru => &set.ru,
                Lang::En => &set.en,
                Lang::Hy => &set.hy,
            };
            let entries = entries.as_deref().unwrap_or(&[]);
            let phrases: Vec<String> = entries.iter().map(|e| e.get_ref().clone()).collect();
            if let Some(p) = common_placeholder(&phrases) {
                requires.insert((lang, i), p);
            }
            match builder.add_set(name, &phrases, set.fuzzy.unwrap_or(true)) {
                Ok(id) => debug_assert_eq!(id.0 as usize, i),
                Err(err) => {
                    let text = err.to_string();
                    let span = entries
                        .iter()
                        .find(|e| text.contains(e.get_ref().as_str()))
                        .map(|e| e.span())
                        .unwrap_or_else(|| file.phrases[name].span());
                    diags.push(Diagnostic::new(
                        format!("phrases.{name}.{}: {text}", lang.as_str()),
                        Some(span),
                    ));
                    // Keep indices aligned with the other languages.
                    let _ = builder.add_set(name, &[], true);
                }
            }
        }
        for err in builder.unknown_groups() {
            let text = err.to_string();
            diags.push(Diagnostic::new(
                format!("phrases: {}: {text}", lang.as_str()),
                None,
            ));
        }
        books.push((lang, builder.build()));
    }

    let mut rules = Vec::new();
    let mut seen: HashMap<String, Range<usize>> = HashMap::new();
    for rule in &file.rules {
        let span = rule.span();
        let rule = rule.get_ref();
        let rid = rule.id.get_ref().clone();
        if rid.trim().is_empty() {
            diags.push(Diagnostic::new(
                "rule id must not be empty",
                Some(rule.id.span()),
            ));
        }
        if let Some(first) = seen.get(&rid) {
            let (line, _) = crate::diagnostic::line_col(text, first.start);
            diags.push(
                Diagnostic::new(format!("duplicate rule id \"{rid}\""), Some(rule.id.span())).with_help(
                    format!("the rule at line {line} already has this id; rule ids are stable keys in reports"),
                ),
            );
            continue;
        }
        seen.insert(rid.clone(), span);
        if let Some(r) = compile_rule(rule, &set_index, &set_names, diags) {
            if rule.enabled.unwrap_or(true) {
                rules.push(r);
            }
        }
    }

    let company_names = file
        .company
        .names
        .iter()
        .map(|n| n.get_ref().trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();

    if !diags.is_empty() {
        return None;
    }
    Some(Standard::new(StandardParts {
        id,
        revision,
        title: file.title.unwrap_or_default(),
        fallback_language,
        settings,
        company_names,
        set_names,
        rules,
        books,
        requires,
    }))
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

fn compile_rule(
    rule: &RuleDef,
    sets: &HashMap<String, usize>,
    set_names: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Option<Rule> {
    let before = diags.len();
    let severity = match rule.severity.get_ref().as_str() {
        "critical" => Severity::Critical,
        "major" => Severity::Major,
        "minor" => Severity::Minor,
        other => {
            diags.push(
                Diagnostic::new(
                    format!("unknown severity \"{other}\""),
                    Some(rule.severity.span()),
                )
                .with_help("expected one of \"critical\", \"major\", \"minor\""),
            );
            Severity::Minor
        }
    };
    let weight = match &rule.weight {
        None => severity.default_weight(),
        Some(w) => non_negative(w, "weight", diags),
    };
    let when = rule
        .when
        .as_ref()
        .map(|w| compile_when(w, diags))
        .unwrap_or_default();
    let mut reader = CheckReader {
        def: rule.check.get_ref(),
        sets,
        set_names,
        diags,
        used: Vec::new(),
    };
    let check = reader.compile();
    let unused: Vec<_> = rule
        .check
        .get_ref()
        .keys_present()
        .into_iter()
        .filter(|(k, _)| !reader.used.contains(k))
        .collect();
    let kind = rule.check.get_ref().kind.get_ref().clone();
    for (key, span) in unused {
        reader.diags.push(
            Diagnostic::new(
                format!("check.{key} does not apply to check type \"{kind}\""),
                Some(span),
            )
            .with_help("docs/standard-format.md lists the parameters of every check type"),
        );
    }
    if diags.len() > before {
        return None;
    }
    Some(Rule {
        id: rule.id.get_ref().clone(),
        title: rule
            .title
            .clone()
            .unwrap_or_else(|| rule.id.get_ref().clone()),
        description: rule.description.clone().unwrap_or_default(),
        severity,
        weight,
        source: rule.source.clone(),
        when,
        check: check?,
    })
}

fn compile_when(w: &S<crate::schema::WhenDef>, diags: &mut Vec<Diagnostic>) -> When {
    let w = w.get_ref();
    let direction = w
        .direction
        .as_ref()
        .and_then(|d| match d.get_ref().as_str() {
            "inbound" => Some(Direction::Inbound),
            "outbound" => Some(Direction::Outbound),
            other => {
                diags.push(
                    Diagnostic::new(format!("unknown direction \"{other}\""), Some(d.span()))
                        .with_help("expected \"inbound\" or \"outbound\""),
                );
                None
            }
        });
    let mut languages = Vec::new();
    for l in w.languages.iter().flatten() {
        match Lang::from_tag(l.get_ref()) {
            Some(lang) => languages.push(lang),
            None => diags.push(bad_lang(l)),
        }
    }
    When {
        direction,
        answered: w.answered,
        languages,
        tags: w
            .tags
            .iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        third_party: w.third_party,
    }
}

fn positive(v: &S<f64>, key: &str, diags: &mut Vec<Diagnostic>) -> f64 {
    let x = *v.get_ref();
    if !(x.is_finite() && x > 0.0) {
        diags.push(Diagnostic::new(
            format!("{key} must be greater than 0, got {x}"),
            Some(v.span()),
        ));
        return 1.0;
    }
    x
}

fn non_negative(v: &S<f64>, key: &str, diags: &mut Vec<Diagnostic>) -> f64 {
    let x = *v.get_ref();
    if !(x.is_finite() && x >= 0.0) {
        diags.push(Diagnostic::new(
            format!("{key} must be at least 0, got {x}"),
            Some(v.span()),
        ));
        return 0.0;
    }
    x
}

fn count_i(v: &S<i64>, key: &str, diags: &mut Vec<Diagnostic>) -> usize {
    let x = *v.get_ref();
    if !(0..=1_000_000).contains(&x) {
        diags.push(Diagnostic::new(
            format!("{key} must be a whole number ≥ 0, got {x}"),
            Some(v.span()),
        ));
        return 0;
    }
    x as usize
}

fn bad_lang(l: &S<String>) -> Diagnostic {
    Diagnostic::new(
        format!("unknown language \"{}\"", l.get_ref()),
        Some(l.span()),
    )
    .with_help("expected \"ru\", \"en\" or \"hy\"")
}

pub(crate) fn unknown_set(name: &str, span: Range<usize>, known: &[String]) -> Diagnostic {
    let near = known
        .iter()
        .min_by_key(|k| edit_distance(k, name))
        .filter(|k| edit_distance(k, name) <= 3);
    let help = match near {
        Some(k) => format!("did you mean \"{k}\"? phrase sets are defined as [phrases.NAME]"),
        None => "define it as [phrases.NAME] with ru/en/hy lists".to_string(),
    };
    Diagnostic::new(format!("unknown phrase set \"{name}\""), Some(span)).with_help(help)
}

/// Levenshtein distance over characters, for "did you mean" hints.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
