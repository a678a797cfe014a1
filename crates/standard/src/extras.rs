//! The keys format version 2 adds: `report_language`, `pass_score`,
//! `[[section]]`, a rule's `section`, `[[manual]]` items, `[privacy]`, and
//! the `[[test]]` tables (read in `test_cases.rs`); `[[prompt]]` tables
//! are read in `prompts.rs`, after the phrase sets. A version 1 file that
//! uses one is told it needs `version = 2`; it keeps its version 1 meaning
//! (no pass mark, the catalog's default sections).

use std::ops::Range;

use callqa_model::Lang;

use crate::compile::{missing, non_negative, required_text};
use crate::diagnostic::{escape, suggest, Diagnostic};
use crate::read::{Reader, Table};
use callqa_engine::*;

/// Top-level keys only version 2 reads.
pub(crate) const TOP_V2: &[&str] = &[
    "report_language",
    "pass_score",
    "section",
    "manual",
    "privacy",
    "test",
    "prompt",
];

/// The catalog's default sections (Revision 2): id, Russian and English
/// titles, and the rule-id prefixes that belong to each.
const DEFAULT_SECTIONS: &[(&str, &str, &str, &[&str])] = &[
    (
        "opening",
        "Ответ на звонок",
        "Answering the call",
        &["answer.speed", "greeting."],
    ),
    (
        "outbound",
        "Исходящий звонок",
        "Outbound call",
        &["outbound."],
    ),
    (
        "conversation",
        "Во время разговора",
        "During the conversation",
        &[
            "speech.",
            "silence.dead_air",
            "listening.interruptions",
            "client.name_usage",
            "client.ask_name",
            "colleague.unavailable",
        ],
    ),
    (
        "hold",
        "Удержание и перевод",
        "Hold and transfer",
        &["hold.", "transfer."],
    ),
    (
        "closing",
        "Завершение разговора",
        "Closing the call",
        &["closing."],
    ),
    (
        "callbacks",
        "Перезвоны",
        "Call-backs",
        &["callback.after_drop", "missed.callback"],
    ),
    (
        "collection",
        "Взыскание",
        "Debt collection",
        &["collection."],
    ),
];

/// The section of a rule that names none: by the catalog's table, else
/// `other`.
pub(crate) fn default_section(rule_id: &str) -> &'static str {
    DEFAULT_SECTIONS
        .iter()
        .find(|(_, _, _, prefixes)| {
            prefixes.iter().any(|p| {
                if p.ends_with('.') {
                    rule_id.starts_with(p)
                } else {
                    rule_id == *p
                }
            })
        })
        .map(|s| s.0)
        .unwrap_or("other")
}

fn default_sections() -> Vec<Section> {
    DEFAULT_SECTIONS
        .iter()
        .map(|(id, ru, en, _)| {
            let mut title = Localized::default();
            title.set(Lang::Ru, *ru);
            title.set(Lang::En, *en);
            Section {
                id: id.to_string(),
                title,
                weight: None,
            }
        })
        .collect()
}

pub(crate) fn needs_v2(key: &str, span: Range<usize>) -> Diagnostic {
    Diagnostic::new(format!("{key} needs version = 2"), Some(span))
        .with_help("set version = 2 at the top of the file (docs/standard-format.md, \"Version 2\"), or remove this key")
}

/// Rule ids that `[[test]]` and `[[prompt]]` entries name, checked once
/// every rule is read.
pub(crate) struct RuleRefs(pub(crate) Vec<(String, Range<usize>)>);

/// Reads the version 2 keys of the top level (after `version`).
pub(crate) fn read_head(
    r: &mut Reader,
    top: &mut Table,
    version: u32,
    fallback: Lang,
) -> (FormatExtras, RuleRefs) {
    let mut extras = FormatExtras::version_1(fallback, default_sections());
    let mut refs = RuleRefs(Vec::new());
    if version < 2 {
        for (key, span) in top.keys() {
            if TOP_V2.contains(&key.as_str()) {
                top.take(&key);
                r.push(needs_v2(&key, span));
            }
        }
        return (extras, refs);
    }
    extras.version = version;
    extras.pass_score = Some(80.0);
    if let Some(l) = top
        .take("report_language")
        .and_then(|v| r.text("report_language", v))
    {
        match Lang::from_tag(l.get_ref()) {
            Some(lang) => extras.report_language = lang,
            None => r.push(
                Diagnostic::new(
                    format!("unknown language \"{}\"", escape(l.get_ref())),
                    Some(l.span()),
                )
                .with_help("expected \"ru\", \"en\" or \"hy\""),
            ),
        }
    }
    if let Some(p) = top
        .take("pass_score")
        .and_then(|v| r.number("pass_score", v))
    {
        let x = *p.get_ref();
        if !(0.0..=100.0).contains(&x) {
            r.error(
                format!("pass_score must be from 0 to 100, got {x}"),
                p.span(),
            );
        }
        extras.pass_score = Some(x);
    }
    if let Some(v) = top.take("section") {
        let tables = r.tables("section", v);
        extras.sections = read_sections(r, tables);
    }
    if let Some(v) = top.take("manual") {
        for mut t in r.tables("manual", v) {
            if let Some(item) = read_manual(r, &mut t, &extras.sections) {
                if extras.manual.iter().any(|m| m.id == item.id) {
                    r.error(
                        format!("duplicate manual item id \"{}\"", escape(&item.id)),
                        t.span.clone(),
                    );
                }
                extras.manual.push(item);
            }
        }
    }
    if let Some(mut t) = top.take("privacy").and_then(|v| r.table("privacy", v)) {
        extras.privacy.declare();
        for name in Privacy::NAMES {
            if let Some(b) = t
                .take(name)
                .and_then(|v| r.flag(&format!("privacy.{name}"), v))
            {
                extras.privacy.set(name, *b.get_ref());
            }
        }
        r.unknown_keys(
            &mut t,
            "[privacy]",
            Privacy::NAMES,
            "a redaction: card, phone, email, passport, snils, inn, number or spoken_digits",
        );
    }
    if let Some(v) = top.take("test") {
        for mut t in r.tables("test", v) {
            if let Some(case) = crate::test_cases::read_test(r, &mut t, &mut refs) {
                extras.tests.push(case);
            }
        }
    }
    (extras, refs)
}

fn read_sections(r: &mut Reader, tables: Vec<Table>) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for mut t in tables {
        let id = required_text(r, &mut t, "id", "section ", "id = \"opening\"");
        let title = match t.take("title") {
            Some(v) => r.localized("section.title", v),
            None => {
                missing(
                    r,
                    &t,
                    "title",
                    "section ",
                    "title = { ru = \"Ответ на звонок\", en = \"Answering the call\" }",
                );
                None
            }
        };
        let weight = t
            .take("weight")
            .and_then(|v| r.number("section.weight", v))
            .map(|w| non_negative(r, &w, "section.weight"));
        r.unknown_keys(
            &mut t,
            "[[section]]",
            &["id", "title", "weight"],
            "id, title or weight",
        );
        if let (Some(id), Some(title)) = (id, title) {
            if out.iter().any(|s| s.id == *id.get_ref()) {
                r.error(
                    format!("duplicate section id \"{}\"", escape(id.get_ref())),
                    id.span(),
                );
            }
            out.push(Section {
                id: id.into_inner(),
                title,
                weight,
            });
        }
    }
    out
}

fn section_ref(r: &mut Reader, id: &crate::read::S<String>, sections: &[Section]) -> bool {
    if sections.iter().any(|s| s.id == *id.get_ref()) {
        return true;
    }
    let help = match suggest(id.get_ref(), sections.iter().map(|s| s.id.as_str())) {
        Some(near) => format!("did you mean \"{near}\"?"),
        None => format!(
            "the sections are {}",
            sections
                .iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    r.push(
        Diagnostic::new(
            format!("unknown section \"{}\"", escape(id.get_ref())),
            Some(id.span()),
        )
        .with_help(help),
    );
    false
}

fn read_manual(r: &mut Reader, t: &mut Table, sections: &[Section]) -> Option<ManualItem> {
    let id = required_text(r, t, "id", "manual item ", "id = \"manner.smile\"");
    let section = required_text(
        r,
        t,
        "section",
        "manual item ",
        "section = \"conversation\"",
    );
    let title = match t.take("title") {
        Some(v) => r.localized("manual.title", v),
        None => {
            missing(r, t, "title", "manual item ", "title = \"Улыбка в голосе\"");
            None
        }
    };
    let description = t
        .take("description")
        .and_then(|v| r.localized("manual.description", v))
        .unwrap_or_default();
    let weight = t
        .take("weight")
        .and_then(|v| r.number("manual.weight", v))
        .map(|w| non_negative(r, &w, "manual.weight"))
        .unwrap_or(0.0);
    r.unknown_keys(
        t,
        "[[manual]]",
        &["id", "section", "title", "description", "weight"],
        "id, section, title, description or weight",
    );
    let section = section.filter(|s| section_ref(r, s, sections))?;
    Some(ManualItem {
        id: id?.into_inner(),
        section: section.into_inner(),
        title: title?,
        description,
        weight,
    })
}

/// A rule's `section` (version 2), checked against the sections; a rule
/// without one belongs to its default section, which a file with its own
/// `[[section]]` list must then have.
pub(crate) fn rule_section(
    r: &mut Reader,
    t: &mut Table,
    id: &str,
    head: &FormatExtras,
) -> Option<String> {
    if head.version < 2 {
        return None;
    }
    match t.take("section").and_then(|v| r.text("section", v)) {
        Some(s) => section_ref(r, &s, &head.sections).then(|| s.into_inner()),
        None => {
            let default = default_section(id);
            let known = head.sections.iter().any(|s| s.id == default);
            if !known && default != "other" {
                r.push(
                    Diagnostic::new(
                        format!("rule \"{}\" belongs to no section", escape(id)),
                        Some(t.span.clone()),
                    )
                    .with_help(format!(
                        "its default section \"{default}\" is not among the [[section]] tables; give section = \"…\""
                    )),
                );
            }
            None
        }
    }
}

/// Checks the rule ids that tests and prompts name.
pub(crate) fn read_tail(r: &mut Reader, refs: &RuleRefs, rule_ids: &[String]) {
    for (rule, span) in &refs.0 {
        if !rule_ids.contains(rule) {
            let help = match suggest(rule, rule_ids.iter().map(String::as_str)) {
                Some(near) => format!("did you mean \"{near}\"?"),
                None => "name the id of a [[rule]] of this file".to_string(),
            };
            r.push(
                Diagnostic::new(
                    format!("unknown rule \"{}\"", escape(rule)),
                    Some(span.clone()),
                )
                .with_help(help),
            );
        }
    }
}

/// The sections to keep: the standard's, plus `other` when a rule fell
/// into it.
pub(crate) fn used_sections(head: &FormatExtras, rules: &[Rule]) -> Vec<Section> {
    let mut out = head.sections.clone();
    if rules.iter().any(|r| r.section == "other") && !out.iter().any(|s| s.id == "other") {
        let mut title = Localized::default();
        title.set(Lang::Ru, "Прочее");
        title.set(Lang::En, "Other");
        out.push(Section {
            id: "other".into(),
            title,
            weight: None,
        });
    }
    out
}
