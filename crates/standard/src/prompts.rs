//! `[[prompt]]` tables (version 2): live prompts to the operator — an id,
//! the rule it helps with, its text per language, its trigger (`when = {
//! type = "…", … }`) and what the operator is asked to do (`follow = {
//! phrases = […] | event = "…", within_secs = N }`). Read after the phrase
//! sets, so triggers and follow-ups name sets by name with the same
//! diagnostics as checks.

use std::collections::HashMap;

use callqa_model::Party;

use crate::compile::{missing, positive, required_text, unknown_set};
use crate::diagnostic::{escape, suggest, Diagnostic};
use crate::extras::RuleRefs;
use crate::read::{Reader, Table, V};
use callqa_engine::*;

/// Phrase sets by name, for masks.
pub(crate) struct Sets<'a> {
    pub index: &'a HashMap<String, usize>,
    pub names: &'a [String],
}

impl Sets<'_> {
    fn mask(&self, r: &mut Reader, name: &str, v: V) -> SetMask {
        let Some(list) = r.texts(name, v) else {
            return SetMask::default();
        };
        if list.get_ref().is_empty() {
            r.error(
                format!("{name} must name at least one phrase set"),
                list.span(),
            );
        }
        let mut idx = Vec::new();
        let mut labels = Vec::new();
        for n in list.get_ref() {
            match self.index.get(n.get_ref()) {
                Some(&i) => {
                    idx.push(i);
                    labels.push(n.get_ref().clone());
                }
                None => r.push(unknown_set(n.get_ref(), n.span(), self.names)),
            }
        }
        SetMask::new(&idx, labels)
    }

    fn required(&self, r: &mut Reader, t: &mut Table, place: &str, key: &str) -> SetMask {
        match t.take(key) {
            Some(v) => self.mask(r, &format!("{place}.{key}"), v),
            None => {
                missing(
                    r,
                    t,
                    key,
                    &format!("{place} "),
                    &format!("{key} = [\"set_name\"]"),
                );
                SetMask::default()
            }
        }
    }
}

/// Reads every `[[prompt]]` table.
pub(crate) fn read_prompts(r: &mut Reader, v: V, sets: &Sets, refs: &mut RuleRefs) -> Vec<Prompt> {
    let mut out: Vec<Prompt> = Vec::new();
    for mut t in r.tables("prompt", v) {
        let span = t.span.clone();
        if let Some(p) = read_prompt(r, &mut t, sets, refs) {
            if out.iter().any(|q| q.id == p.id) {
                r.error(format!("duplicate prompt id \"{}\"", escape(&p.id)), span);
            }
            out.push(p);
        }
    }
    out
}

fn read_prompt(r: &mut Reader, t: &mut Table, sets: &Sets, refs: &mut RuleRefs) -> Option<Prompt> {
    let id = required_text(r, t, "id", "prompt ", "id = \"hold.ask_permission\"");
    let rule = t.take("rule").and_then(|v| r.text("prompt.rule", v));
    if let Some(rule) = &rule {
        refs.0.push((rule.get_ref().clone(), rule.span()));
    }
    let text = match t.take("text") {
        Some(v) => r.localized("prompt.text", v),
        None => {
            missing(
                r,
                t,
                "text",
                "prompt ",
                "text = { ru = \"Поздоровайтесь\", en = \"Greet the client\" }",
            );
            None
        }
    };
    let trigger = t
        .take("when")
        .and_then(|v| r.table("prompt.when", v))
        .and_then(|w| read_trigger(r, w, sets, refs));
    let follow = t
        .take("follow")
        .and_then(|v| r.table("prompt.follow", v))
        .and_then(|f| read_follow(r, f, sets));
    r.unknown_keys(
        t,
        "[[prompt]]",
        &["id", "rule", "text", "when", "follow"],
        "id, rule, text, when or follow",
    );
    Some(Prompt {
        id: id?.into_inner(),
        rule: rule.map(|s| s.into_inner()),
        text: text?,
        trigger,
        follow,
    })
}

fn secs(r: &mut Reader, t: &mut Table, place: &str, key: &str, example: &str) -> Option<f64> {
    match t.take(key) {
        Some(v) => r
            .number(&format!("{place}.{key}"), v)
            .map(|n| positive(r, &n, &format!("{place}.{key}"))),
        None => {
            missing(r, t, key, &format!("{place} "), example);
            None
        }
    }
}

fn speaker(r: &mut Reader, t: &mut Table, key: &str, default: SpeakerSel) -> SpeakerSel {
    let Some(s) = t.take(key).and_then(|v| r.text(key, v)) else {
        return default;
    };
    match s.get_ref().as_str() {
        "operator" => SpeakerSel::Only(Party::Operator),
        "client" => SpeakerSel::Only(Party::Client),
        "any" => SpeakerSel::Any,
        other => {
            r.push(
                Diagnostic::new(
                    format!("unknown speaker \"{}\"", escape(other)),
                    Some(s.span()),
                )
                .with_help("expected one of \"operator\", \"client\", \"any\""),
            );
            default
        }
    }
}

fn read_trigger(r: &mut Reader, mut w: Table, sets: &Sets, refs: &mut RuleRefs) -> Option<Trigger> {
    let kind = required_text(
        r,
        &mut w,
        "type",
        "prompt.when ",
        "when = { type = \"hold_longer_than\", secs = 60 }",
    )?;
    let p = "prompt.when";
    let trigger = match kind.get_ref().as_str() {
        "hold_started_without_permission" => {
            let phrases = sets.required(r, &mut w, p, "phrases");
            let before_secs = secs(r, &mut w, p, "before_secs", "before_secs = 30").unwrap_or(30.0);
            Trigger::HoldStartedWithoutPermission {
                phrases,
                before_secs,
            }
        }
        "hold_longer_than" => Trigger::HoldLongerThan {
            secs: secs(r, &mut w, p, "secs", "secs = 60").unwrap_or(60.0),
        },
        "client_swore" => Trigger::ClientSwore {
            phrases: sets.required(r, &mut w, p, "phrases"),
            warning: sets.required(r, &mut w, p, "warning"),
        },
        "no_greeting_after" => Trigger::NoGreetingAfter {
            secs: secs(r, &mut w, p, "secs", "secs = 5").unwrap_or(5.0),
            phrases: sets.required(r, &mut w, p, "phrases"),
        },
        "client_asked_for_absent_colleague" => Trigger::ClientAskedForAbsentColleague {
            phrases: sets.required(r, &mut w, p, "phrases"),
            speaker: speaker(r, &mut w, "prompt.when.speaker", SpeakerSel::Any),
        },
        "rule_failed" => {
            let rule = required_text(
                r,
                &mut w,
                "rule",
                "prompt.when ",
                "when = { type = \"rule_failed\", rule = \"greeting.hello\" }",
            )?;
            refs.0.push((rule.get_ref().clone(), rule.span()));
            Trigger::RuleFailed {
                rule: rule.into_inner(),
            }
        }
        other => {
            let help = match suggest(other, Trigger::NAMES.iter().copied()) {
                Some(near) => format!("did you mean \"{near}\"?"),
                None => format!("expected one of {}", Trigger::NAMES.join(", ")),
            };
            r.push(
                Diagnostic::new(
                    format!("unknown prompt trigger \"{}\"", escape(other)),
                    Some(kind.span()),
                )
                .with_help(help),
            );
            w.leftover();
            return None;
        }
    };
    let known: &[&str] = match &trigger {
        Trigger::HoldStartedWithoutPermission { .. } => &["type", "phrases", "before_secs"],
        Trigger::HoldLongerThan { .. } => &["type", "secs"],
        Trigger::ClientSwore { .. } => &["type", "phrases", "warning"],
        Trigger::NoGreetingAfter { .. } => &["type", "secs", "phrases"],
        Trigger::ClientAskedForAbsentColleague { .. } => &["type", "phrases", "speaker"],
        _ => &["type", "rule"],
    };
    r.unknown_keys(
        &mut w,
        &format!("when of type \"{}\"", trigger.name()),
        known,
        &known.join(", "),
    );
    Some(trigger)
}

fn read_follow(r: &mut Reader, mut f: Table, sets: &Sets) -> Option<FollowUp> {
    let p = "prompt.follow";
    let within_secs = secs(r, &mut f, p, "within_secs", "within_secs = 30");
    let action = match (f.take("phrases"), f.take("event")) {
        (Some(v), None) => FollowAction::Say {
            phrases: sets.mask(r, "prompt.follow.phrases", v),
            speaker: speaker(
                r,
                &mut f,
                "prompt.follow.speaker",
                SpeakerSel::Only(Party::Operator),
            ),
        },
        (None, Some(v)) => {
            let e = r.text("prompt.follow.event", v)?;
            match EventSel::parse(e.get_ref()) {
                Some(sel) if sel != EventSel::Hold => FollowAction::Event(sel),
                _ => {
                    r.push(
                        Diagnostic::new(
                            format!("unknown event \"{}\"", escape(e.get_ref())),
                            Some(e.span()),
                        )
                        .with_help("expected one of \"answer\", \"hold_start\", \"hold_end\", \"transfer\", \"hangup\", \"drop\""),
                    );
                    return None;
                }
            }
        }
        (Some(v), Some(_)) => {
            r.error("prompt.follow takes phrases or event, not both", v.span());
            return None;
        }
        (None, None) => {
            missing(
                r,
                &f,
                "phrases",
                "prompt.follow ",
                "follow = { phrases = [\"hold_thanks\"], within_secs = 30 }",
            );
            return None;
        }
    };
    r.unknown_keys(
        &mut f,
        p,
        &["phrases", "event", "speaker", "within_secs"],
        "phrases, event, speaker or within_secs",
    );
    Some(FollowUp {
        action,
        within_secs: within_secs?,
    })
}
