//! `callqa standard explain RULE [--call FILE]`: what a rule checks in
//! plain words (the booklet's sentence), its parameters as the file writes
//! them, its phrase sets with their descriptions and entries; with a call,
//! the step-by-step reason for the verdict: the window (which utterances,
//! which times), each utterance looked at, what matched (the entry and
//! how) or nearly matched (the key words of the nearest entries found and
//! missing), and the outcome with its message or reason.

use std::fmt::Write;

use callqa_engine::{SetMask, Standard, Trace, TraceWindow, Window};
use callqa_model::{Call, Lang, Outcome};

use crate::phrases::{did_you_mean, nearest, PhraseCatalog};
use crate::sentence::{event, phrase_roles, sentence, set_ids, who};

/// The `[[rule]]` tables of a standard's TOML text, in file order
/// (disabled ones included).
pub fn rule_tables(text: &str) -> Vec<toml::Table> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Ok(file) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    file.get("rule")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(toml::Value::as_table)
        .cloned()
        .collect()
}

/// `key = value, …` of an inline table as the file writes it.
pub(crate) fn inline(t: &toml::Table) -> String {
    t.iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn t(lang: Lang, ru: &str, en: &str) -> String {
    if lang == Lang::Ru { ru } else { en }.to_string()
}

fn clock(secs: f64) -> String {
    let s = secs.max(0.0).floor() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

/// The explanation of rule `rule` of `std` (its file's text is `text`),
/// with the reason for its verdict on `call` when one is given. An unknown
/// rule is an error that names the closest rule id.
pub fn explain(
    std: &Standard,
    text: &str,
    rule: &str,
    call: Option<&Call>,
    lang: Lang,
) -> Result<String, String> {
    let tables = rule_tables(text);
    let raw = tables
        .iter()
        .find(|r| r.get("id").and_then(toml::Value::as_str) == Some(rule));
    let compiled = std.rule(rule);
    let Some(raw) = raw else {
        if compiled.is_none() {
            let ids = tables
                .iter()
                .filter_map(|r| r.get("id").and_then(toml::Value::as_str));
            let hint = did_you_mean(rule, ids)
                .map(|c| format!("; did you mean «{c}»?"))
                .unwrap_or_default();
            return Err(format!(
                "no rule «{rule}» in the standard {}{hint} (`callqa standard rules` lists them)",
                std.label()
            ));
        }
        return Err(format!(
            "rule «{rule}» is not in the file's [[rule]] tables"
        ));
    };
    let catalog = PhraseCatalog::from_toml(text);
    let mut out = String::new();
    let Some(r) = compiled else {
        writeln!(out, "{rule}").ok();
        writeln!(
            out,
            "{}",
            t(
                lang,
                "Правило выключено (enabled = false): оно не проверяется.",
                "The rule is disabled (enabled = false): it is not checked."
            )
        )
        .ok();
        if let Some(c) = raw.get("check").and_then(toml::Value::as_table) {
            writeln!(out, "check: {}", inline(c)).ok();
        }
        return Ok(out);
    };
    let title = r.titles.get(lang).unwrap_or(&r.title);
    writeln!(
        out,
        "{} — {title} ({}, {} {}, {} {})",
        r.id,
        r.severity.as_str(),
        t(lang, "вес", "weight"),
        r.weight,
        t(lang, "раздел", "section"),
        r.section
    )
    .ok();
    if let Some(d) = r.descriptions.get(lang).filter(|d| !d.is_empty()) {
        writeln!(out, "{d}").ok();
    }
    writeln!(
        out,
        "{}",
        sentence(&r.check, lang, &|m: &SetMask| set_ids(m))
    )
    .ok();
    writeln!(out).ok();
    match raw.get("when").and_then(toml::Value::as_table) {
        Some(w) => writeln!(
            out,
            "{}: {}",
            t(lang, "Применяется", "Applies to"),
            inline(w)
        ),
        None => writeln!(
            out,
            "{}",
            t(
                lang,
                "Применяется ко всем звонкам.",
                "Applies to every call."
            )
        ),
    }
    .ok();
    if let Some(c) = raw.get("check").and_then(toml::Value::as_table) {
        writeln!(out, "{}: {}", t(lang, "Параметры", "Parameters"), inline(c)).ok();
    }
    let (say, avoid) = phrase_roles(&r.check);
    let mut all: Vec<&String> = Vec::new();
    for m in callqa_engine::check_sets(&r.check) {
        for n in &m.names {
            if !all.contains(&n) {
                all.push(n);
            }
        }
    }
    for name in all {
        let role = if say.contains(name) {
            t(lang, "рекомендуемые", "recommended")
        } else if avoid.contains(name) {
            t(lang, "запрещённые", "to avoid")
        } else {
            t(lang, "служебный", "used by the check")
        };
        writeln!(out).ok();
        let set = catalog.set(name);
        let desc = set.and_then(|s| s.description_in(lang)).unwrap_or("");
        writeln!(
            out,
            "{} «{name}» ({role}): {desc}",
            t(lang, "Набор", "Phrase set")
        )
        .ok();
        for l in Lang::ALL {
            let entries = set.map(|s| s.entries(l)).unwrap_or(&[]);
            if !entries.is_empty() {
                writeln!(
                    out,
                    "  {} ({}): {}",
                    l.as_str(),
                    entries.len(),
                    entries.join(" | ")
                )
                .ok();
            }
        }
    }
    if let Some(call) = call {
        writeln!(out).ok();
        out.push_str(&explain_call(std, &catalog, rule, call, lang, &say));
    }
    Ok(out)
}

/// The step-by-step reason for the verdict of `rule` on `call`.
fn explain_call(
    std: &Standard,
    catalog: &PhraseCatalog,
    rule: &str,
    call: &Call,
    lang: Lang,
    recommended: &[String],
) -> String {
    let mut out = String::new();
    let Some(trace) = std.trace(rule, call) else {
        return out;
    };
    let audit = std.audit_call(call);
    let verdict = audit.verdicts.iter().find(|v| v.rule == rule);
    writeln!(
        out,
        "{} {} ({}, {}–{}):",
        t(lang, "На звонке", "On call"),
        call.id,
        trace.language.as_str(),
        clock(trace.connect),
        clock(trace.end)
    )
    .ok();
    let mut step = 0;
    let mut next = || {
        step += 1;
        step
    };
    if let Some(reason) = &trace.not_applicable {
        writeln!(
            out,
            "{}. {}: {reason}",
            next(),
            t(lang, "Правило не применяется", "The rule does not apply")
        )
        .ok();
    } else {
        windows(&mut out, std, catalog, &trace, lang, recommended, &mut next);
    }
    if let Some(v) = verdict {
        let outcome = match v.outcome {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            _ => "n/a",
        };
        let why = v
            .message
            .clone()
            .or_else(|| v.reason.clone())
            .unwrap_or_else(|| t(lang, "требование выполнено", "the requirement is met"));
        writeln!(
            out,
            "{}. {}: {outcome} — {why}",
            next(),
            t(lang, "Итог", "Outcome")
        )
        .ok();
        for e in &v.evidence {
            let who = e
                .speaker
                .map(|p| format!(" {}", p.as_str()))
                .unwrap_or_default();
            // Words said are quoted; what callqa computed is shown as is.
            match e.kind {
                callqa_model::EvidenceKind::Quote => {
                    writeln!(out, "   [{}{who}] «{}»", clock(e.start), e.quote).ok()
                }
                _ => writeln!(out, "   [{}{who}] {}", clock(e.start), e.quote).ok(),
            };
        }
    }
    if std.rule(rule).is_some_and(|r| r.check.is_cross_call()) {
        writeln!(
            out,
            "   ({})",
            t(
                lang,
                "правило о нескольких звонках: здесь оно видит только этот звонок",
                "a cross-call rule: here it sees this call only"
            )
        )
        .ok();
    }
    out
}

fn windows(
    out: &mut String,
    std: &Standard,
    catalog: &PhraseCatalog,
    trace: &Trace,
    lang: Lang,
    recommended: &[String],
    next: &mut impl FnMut() -> usize,
) {
    if trace.windows.is_empty() {
        writeln!(
            out,
            "{}. {}",
            next(),
            t(
                lang,
                "Правило не читает фраз: решение по событиям и времени звонка.",
                "The rule reads no phrases: it decides on the call's events and times."
            )
        )
        .ok();
    }
    for w in &trace.windows {
        // Near misses matter only for the sets the window lacks.
        let lacking: Vec<&String> = recommended
            .iter()
            .filter(|set| {
                !w.utterances.iter().any(|&i| {
                    trace.utterances[i]
                        .matches
                        .iter()
                        .any(|m| !m.negated && &m.set == *set)
                })
            })
            .collect();
        writeln!(
            out,
            "{}. {}: {}, {} ({}: {})",
            next(),
            t(lang, "Окно", "Window"),
            window_label(w, lang),
            if lang == Lang::Ru {
                who(w.speaker, true).to_lowercase()
            } else {
                w.speaker.label().to_string()
            },
            t(lang, "реплик", "utterances"),
            w.utterances.len()
        )
        .ok();
        for &i in &w.utterances {
            let u = &trace.utterances[i];
            writeln!(
                out,
                "   [{}–{} {}] «{}»",
                clock(u.start),
                clock(u.end),
                u.speaker.as_str(),
                u.text.trim()
            )
            .ok();
            for m in &u.matches {
                let neg = if m.negated {
                    t(lang, " (с отрицанием)", " (negated)")
                } else {
                    String::new()
                };
                writeln!(out, "      «{}»: {} — «{}»{neg}", m.set, m.how, m.quote).ok();
            }
            for set in &lacking {
                for n in nearest(std, catalog, set, trace.language, &u.text, 2) {
                    writeln!(
                        out,
                        "      {} «{set}» «{}»: {}",
                        t(lang, "почти", "nearly"),
                        n.entry,
                        n.describe(lang)
                    )
                    .ok();
                }
            }
        }
    }
}

/// A window in words in the explanation's language.
fn window_label(w: &TraceWindow, lang: Lang) -> String {
    if lang != Lang::Ru {
        return w.label.clone();
    }
    let times = w
        .span
        .map(|(a, b)| format!(" ({}–{})", clock(a), clock(b)))
        .unwrap_or_default();
    if let Some((sel, at, within, before)) = w.around {
        return if before {
            format!(
                "{within} с до события «{}» в {}",
                event(sel, true),
                clock(at)
            )
        } else {
            format!(
                "первые слова в течение {within} с после события «{}» в {}",
                event(sel, true),
                clock(at)
            )
        };
    }
    let name = match &w.window {
        Some(Window::Call) => "весь разговор".to_string(),
        Some(Window::Opening) => "начало разговора".to_string(),
        Some(Window::Closing) => "конец разговора".to_string(),
        Some(Window::FirstTurns(1)) => "первая реплика".to_string(),
        Some(Window::FirstTurns(n)) => format!("первые реплики ({n})"),
        Some(Window::FirstSecs(s)) => format!("первые {s} с"),
        Some(Window::LastSecs(s)) => format!("последние {s} с"),
        Some(Window::After(m)) => format!("речь после {}", set_ids(m)),
        _ => return w.label.clone(),
    };
    format!("{name}{times}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(json: &str) -> Call {
        callqa_model::call_from_str(json).expect("call")
    }

    fn run(rule: &str, c: Option<&Call>, lang: Lang) -> Result<String, String> {
        let std = callqa_standard::builtin();
        explain(&std, callqa_standard::DEFAULT_STANDARD_TOML, rule, c, lang)
    }

    #[test]
    fn a_rule_is_explained_with_its_parameters_and_sets() {
        let text = run("answer.speed", None, Lang::Ru).expect("explained");
        assert!(text.contains("Ответить не позднее 3-го звонка."), "{text}");
        assert!(text.contains("max_rings = 3"), "{text}");
        let text = run("greeting.hello", None, Lang::En).expect("explained");
        assert!(
            text.contains("Phrase set «greeting» (recommended)"),
            "{text}"
        );
        assert!(text.contains("здравствуйте"), "{text}");
    }

    #[test]
    fn unknown_and_disabled_rules() {
        let e = run("greeting.helo", None, Lang::En).expect_err("unknown");
        assert!(e.contains("did you mean «greeting.hello»"), "{e}");
        let d = run("greeting.order", None, Lang::En).expect("disabled rule");
        assert!(d.contains("disabled"), "{d}");
    }

    #[test]
    fn a_verdict_is_explained_step_by_step() {
        let c = call(
            r#"{"id":"c1","started_at":"2025-03-03T10:00:00+03:00","direction":"inbound","language":"en","operator":{"id":"op-1","name":"Sam"},"client":{"id":"cl-1"},
            "events":[{"at":0,"type":"ring"},{"at":4,"type":"answer"},{"at":65,"type":"hangup","by":"client"}],
            "utterances":[{"speaker":"operator","start":4.5,"end":7,"text":"Yeah, what is the problem with your order"},
                          {"speaker":"client","start":7.5,"end":10,"text":"I have a question."},
                          {"speaker":"operator","start":60,"end":63,"text":"Thank you for calling. Goodbye."}]}"#,
        );
        // (rule, expected pieces of the explanation)
        let table: &[(&str, &[&str])] = &[
            (
                "greeting.hello",
                &[
                    "Window: the opening",
                    "Outcome: fail",
                    "«Yeah, what is the problem with your order»",
                ],
            ),
            ("closing.thanks", &["Window: the closing", "matched"]),
            ("answer.speed", &["reads no phrases", "Outcome: pass"]),
            ("outbound.time_check", &["does not apply", "Outcome: n/a"]),
        ];
        for (rule, pieces) in table {
            let text = run(rule, Some(&c), Lang::En).expect("explained");
            for p in *pieces {
                assert!(text.contains(p), "{rule}: no {p:?} in\n{text}");
            }
        }
    }
}
