//! What the training says about a rule, from the standard itself: its
//! title and description in the language, the booklet's plain sentence,
//! and which phrase sets it recommends or forbids.

use callqa_engine::{Check, Rule, SetMask};
use callqa_model::Lang;

use crate::phrases::{Entries, Names};

/// The phrase sets a rule asks for and the ones it forbids.
pub fn roles(check: &Check) -> (Vec<String>, Vec<String>) {
    let n = |m: &SetMask| m.names.clone();
    match check {
        Check::PhraseRequired(c) => (n(&c.sets), vec![]),
        Check::BeforeEvent(c) => (n(&c.sets), vec![]),
        Check::AfterEvent(c) => (n(&c.sets), vec![]),
        Check::AskName(c) => (n(&c.sets), vec![]),
        Check::TriggerResponse(c) => (n(&c.response), vec![]),
        Check::ProfanityProtocol(c) => (n(&c.warning), vec![]),
        Check::PhraseForbidden(c) => (vec![], n(&c.sets)),
        Check::PhraseRate(c) => (vec![], n(&c.sets)),
        Check::NotOnly(c) => (vec![], n(&c.sets)),
        _ => (vec![], vec![]),
    }
}

/// The rule's title as the standard gives it for `lang`; when it has one
/// only in another language, the booklet's sentence in `lang`.
pub fn label(rule: &Rule, lang: Lang, entries: &Entries, names: Names<'_>) -> String {
    if let Some(t) = rule.titles.exact(lang) {
        return t.to_string();
    }
    if lang == Lang::En {
        return rule.title.clone();
    }
    sentence(rule, lang, entries, names)
}

/// The booklet's plain sentence for the rule, its phrase sets named by
/// their first entries.
pub fn sentence(rule: &Rule, lang: Lang, entries: &Entries, names: Names<'_>) -> String {
    // Critical forbidden words are named by their set, not quoted.
    let quote = !(rule.severity == callqa_model::Severity::Critical
        && matches!(rule.check, Check::PhraseForbidden(_)));
    let sets = |m: &SetMask| {
        m.names
            .iter()
            .map(
                |s| match entries.sayable(s, lang, names).first().filter(|_| quote) {
                    Some(first) => format!("«{first}»"),
                    None => format!("«{s}»"),
                },
            )
            .collect::<Vec<_>>()
            .join(", ")
    };
    callqa_booklet::sentence(&rule.check, lang, &sets)
}

/// The explanation shown after an answer: the rule's title, its
/// description and its sentence, in `lang` where the standard has it.
pub fn explain(rule: &Rule, lang: Lang, entries: &Entries, names: Names<'_>) -> String {
    let title = rule.titles.get(lang).unwrap_or(&rule.title);
    let mut s = format!("{} ({})", title, rule.id);
    if let Some(d) = rule.descriptions.get(lang).filter(|d| !d.is_empty()) {
        s.push_str(": ");
        s.push_str(d);
    }
    let plain = sentence(rule, lang, entries, names);
    if !plain.is_empty() {
        s.push_str("\n   ");
        s.push_str(&plain);
    }
    s
}
