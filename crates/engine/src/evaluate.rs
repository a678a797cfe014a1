//! Applying every rule of a standard to one call: applicability (`when`),
//! missing signals (no transcript, no events) as `n/a` with the reason, then
//! the check itself. Shared by batch audits and live sessions.

use callqa_model::{Call, Direction, EventKind, Lang, Outcome, Verdict};

use crate::check::{Decision, Liveness, Pushed};
use crate::context::CallView;
use crate::messages::{m, Msg};
use crate::standard::{Rule, Standard};

/// On a call still in progress: whether the rule's applicability can still
/// change (the answer, the first words or the first event may yet come).
fn may_apply_later(rule: &Rule, call: &Call) -> bool {
    let w = &rule.when;
    (w.answered.is_some() && call.answered_at().is_none())
        || (w.dropped.is_some() && !ended(call))
        || (!w.languages.is_empty() && call.language.is_none() && call.utterances.is_empty())
        || (rule.check.signals().transcript && call.utterances.is_empty())
        || (rule.check.signals().events && !call.has_events())
}

/// Whether the call's end (a hangup or a dropped line) is in the record.
fn ended(call: &Call) -> bool {
    call.events
        .iter()
        .any(|e| matches!(e.kind, EventKind::Hangup { .. } | EventKind::Drop))
}

/// Why the rule does not apply to this call (in `lang`), if it does not;
/// `out` is the language the reason is written in.
pub(crate) fn not_applicable(rule: &Rule, call: &Call, lang: Lang, out: Lang) -> Option<String> {
    let w = &rule.when;
    if let Some(d) = w.direction {
        if d != call.direction {
            return Some(match d {
                Direction::Inbound => m!(out, Msg::WhenInboundOnly),
                Direction::Outbound => m!(out, Msg::WhenOutboundOnly),
            });
        }
    }
    if let Some(want) = w.answered {
        if call.has_events() {
            let answered = call.answered_at().is_some();
            if answered != want {
                return Some(if answered {
                    m!(out, Msg::WhenAnswered)
                } else {
                    m!(out, Msg::WhenMissed)
                });
            }
        } else if !want {
            return Some(m!(out, Msg::NoEventsForMissed));
        }
    }
    if !w.languages.is_empty() && !w.languages.contains(&lang) {
        return Some(m!(
            out,
            Msg::WhenLanguage,
            lang = lang.as_str(),
            langs = langs(&w.languages)
        ));
    }
    for (k, v) in &w.tags {
        if call.tags.get(k) != Some(v) {
            return Some(m!(out, Msg::WhenTag, tag = format!("{k} = \"{v}\"")));
        }
    }
    if let Some(tp) = w.third_party {
        if call.client.third_party.unwrap_or(false) != tp {
            return Some(if tp {
                m!(out, Msg::WhenDebtor)
            } else {
                m!(out, Msg::WhenThirdParty)
            });
        }
    }
    if let Some(want) = w.dropped {
        let dropped = call
            .events
            .iter()
            .any(|e| matches!(e.kind, EventKind::Drop));
        if dropped != want {
            return Some(if dropped {
                m!(out, Msg::WhenDropped)
            } else {
                m!(out, Msg::LineDidNotDrop)
            });
        }
    }
    let signals = rule.check.signals();
    if signals.transcript && call.utterances.is_empty() {
        return Some(m!(out, Msg::NoTranscript));
    }
    if signals.events && !call.has_events() {
        return Some(m!(out, Msg::NoEvents));
    }
    rule.check.unknown_signal(call, out)
}

/// On a complete call: why the rule is `n/a` because of another rule's
/// verdict (`when.unless_applied`, `when.unless_passed`). The named rules
/// have no dependencies themselves (the front end checks), so deciding them
/// here is one level deep.
fn dependent_na(std: &Standard, rule: &Rule, view: &CallView) -> Option<String> {
    let outcome = |id: &str| -> Option<Outcome> {
        let other = std.rules.iter().find(|r| r.id == id)?;
        if other.check.is_cross_call() {
            return None;
        }
        if not_applicable(other, view.call, view.lang, view.out()).is_some() {
            return Some(Outcome::NotApplicable);
        }
        from_decision(other, other.check.decide(view)).map(|v| v.outcome)
    };
    // The other rule is named by its title in the audit's language, as a
    // supervisor knows it, not by its id.
    let title = |id: &str| -> String {
        let lang = view.out();
        std.rules.iter().find(|r| r.id == id).map_or_else(
            || id.to_string(),
            |r| format!("«{}»", r.titles.get(lang).unwrap_or(&r.title)),
        )
    };
    for id in &rule.when.unless_applied {
        if outcome(id).is_some_and(|o| o != Outcome::NotApplicable) {
            return Some(m!(view.out(), Msg::UnlessApplied, rule = title(id)));
        }
    }
    for id in &rule.when.unless_passed {
        if outcome(id) == Some(Outcome::Pass) {
            return Some(m!(view.out(), Msg::UnlessPassed, rule = title(id)));
        }
    }
    None
}

fn langs(l: &[Lang]) -> String {
    l.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(", ")
}

pub(crate) fn verdict(rule: &Rule, outcome: Outcome) -> Verdict {
    Verdict::new(rule.id.clone(), outcome, rule.severity, rule.weight)
}

pub(crate) fn na_verdict(rule: &Rule, reason: String) -> Verdict {
    Verdict {
        reason: Some(reason),
        ..verdict(rule, Outcome::NotApplicable)
    }
}

pub(crate) fn from_decision(rule: &Rule, d: Decision) -> Option<Verdict> {
    Some(match d {
        Decision::Pass(evidence) => Verdict {
            evidence,
            ..verdict(rule, Outcome::Pass)
        },
        Decision::Fail(message, evidence, more) => Verdict {
            message: Some(message),
            evidence,
            more,
            ..verdict(rule, Outcome::Fail)
        },
        Decision::NotApplicable(reason) => na_verdict(rule, reason),
        Decision::Pending => return None,
    })
}

/// Decides the per-call rules still open in `decided` (cross-call rules are
/// left to the batch). On a complete call every per-call slot is filled.
pub(crate) fn evaluate_open(std: &Standard, view: &CallView, decided: &mut [Option<Verdict>]) {
    for (rule, slot) in std.rules.iter().zip(decided.iter_mut()) {
        if slot.is_some() || rule.check.is_cross_call() {
            continue;
        }
        if !view.complete && may_apply_later(rule, view.call) {
            continue;
        }
        if let Some(reason) = not_applicable(rule, view.call, view.lang, view.out()) {
            *slot = Some(na_verdict(rule, reason));
            continue;
        }
        if rule.when.has_dependencies() {
            // Another rule's verdict can change until the call ends.
            if !view.complete {
                continue;
            }
            if let Some(reason) = dependent_na(std, rule, view) {
                *slot = Some(na_verdict(rule, reason));
                continue;
            }
        }
        *slot = from_decision(rule, rule.check.decide(view));
    }
}

/// Live evaluation after one pushed message: decides the open per-call
/// rules that `want` selects, skipping what cannot have changed. A rule
/// that was already run on the call so far (`tried`) is not run again when
/// it decides only at the end, nor when its kind says the pushed message
/// cannot affect it. The result equals [`evaluate_open`] on the same view.
pub(crate) fn evaluate_pushed(
    std: &Standard,
    view: &CallView,
    decided: &mut [Option<Verdict>],
    tried: &mut [bool],
    pushed: Pushed,
    want: impl Fn(&Rule) -> bool,
) {
    let rules = std
        .rules
        .iter()
        .zip(decided.iter_mut())
        .zip(tried.iter_mut());
    for ((rule, slot), tried) in rules {
        if slot.is_some() || rule.check.is_cross_call() || !want(rule) {
            continue;
        }
        if may_apply_later(rule, view.call) || rule.when.has_dependencies() {
            continue;
        }
        if *tried {
            match rule.check.liveness() {
                Liveness::Early if rule.check.affected_by(view, pushed) => {}
                _ => continue,
            }
        }
        *tried = true;
        if let Some(reason) = not_applicable(rule, view.call, view.lang, view.out()) {
            *slot = Some(na_verdict(rule, reason));
            continue;
        }
        *slot = from_decision(rule, rule.check.decide(view));
    }
}
