//! Checks about what one side says in answer to the other: using and asking
//! the client's name, reacting to a trigger (an inconvenient time, a wrong
//! number, a colleague who is away), and the profanity protocol (warn, and
//! end the call only if the client swears again).

use callqa_model::{Evidence, Party};

use super::{fail, na, Decision};
use crate::context::{clock, CallView};
use crate::standard::{ResponseWithin, SetMask, SpeakerSel};

/// The client's self-introduction: the utterance and the name token (the
/// last word of the matched phrase, e.g. «меня зовут Иван»).
fn client_intro(v: &CallView, intro: &SetMask) -> Option<(usize, usize, Evidence)> {
    if intro.names.is_empty() {
        return None;
    }
    (0..v.utts().len())
        .filter(|&i| v.utts()[i].speaker == Party::Client)
        .find_map(|i| {
            v.matches(i, intro, true)
                .next()
                .map(|m| (i, m.end_token.saturating_sub(1), v.quote(i, m)))
        })
}

fn name_known<'a>(v: &CallView<'a>) -> Option<&'a str> {
    v.call
        .client
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
}

pub(super) fn name_usage(v: &CallView, address: &SetMask, intro: &SetMask) -> Decision {
    if !v.complete {
        return Decision::Pending;
    }
    let utts = v.utts();
    let operator = |i: &usize| utts[*i].speaker == Party::Operator;
    if let Some(name) = name_known(v) {
        for i in (0..utts.len()).filter(operator) {
            if let Some(m) = v.matches(i, address, false).next() {
                return Decision::Pass(vec![v.quote(i, m)]);
            }
        }
        return fail(
            format!("the operator never addressed the client by name ({name})"),
            Vec::new(),
        );
    }
    let Some((at, tok, ev)) = client_intro(v, intro) else {
        return na("the client's name is not known");
    };
    let stem = v.an[at].analyzed.token(tok).stem.to_string();
    let name = &utts[at].text[v.an[at].analyzed.token(tok).start..v.an[at].analyzed.token(tok).end];
    for i in (at + 1..utts.len()).filter(operator) {
        let a = &v.an[i].analyzed;
        if let Some(t) = (0..a.len()).map(|k| a.token(k)).find(|t| t.stem == stem) {
            return Decision::Pass(vec![Evidence {
                speaker: Some(Party::Operator),
                start: utts[i].start,
                end: utts[i].end,
                quote: utts[i].text[t.start..t.end].to_string(),
            }]);
        }
    }
    fail(
        format!(
            "the client introduced themself as {name} at {} but the operator never used the name",
            clock(ev.start)
        ),
        vec![ev],
    )
}

pub(super) fn ask_name(v: &CallView, sets: &SetMask, intro: &SetMask) -> Decision {
    if name_known(v).is_some() {
        return na("the client's name is known from the record");
    }
    if !v.complete {
        // Asking passes at once; not asking is only final at the end.
        for (i, u) in v.utts().iter().enumerate() {
            if u.speaker == Party::Operator {
                if let Some(m) = v.matches(i, sets, true).next() {
                    return Decision::Pass(vec![v.quote(i, m)]);
                }
            }
        }
        return Decision::Pending;
    }
    if let Some((_, _, ev)) = client_intro(v, intro) {
        return na(format!("the client introduced themself: «{}»", ev.quote));
    }
    for (i, u) in v.utts().iter().enumerate() {
        if u.speaker == Party::Operator {
            if let Some(m) = v.matches(i, sets, true).next() {
                return Decision::Pass(vec![v.quote(i, m)]);
            }
        }
    }
    if !v.utts().iter().any(|u| u.speaker == Party::Operator) {
        return na("no operator speech in the transcript");
    }
    fail(
        "the client's name was unknown and the operator never asked for it",
        Vec::new(),
    )
}

pub(super) fn trigger_response(
    v: &CallView,
    trigger: &SetMask,
    trigger_speaker: SpeakerSel,
    response: &SetMask,
    response_speaker: SpeakerSel,
    within: ResponseWithin,
) -> Decision {
    let utts = v.utts();
    let Some((ti, tev)) = (0..utts.len())
        .filter(|&i| trigger_speaker.accepts(utts[i].speaker))
        .find_map(|i| {
            v.matches(i, trigger, true)
                .next()
                .map(|m| (i, v.quote(i, m)))
        })
    else {
        return if v.complete {
            na(format!(
                "no «{}» from {}",
                trigger.label(),
                trigger_speaker.label()
            ))
        } else {
            Decision::Pending
        };
    };
    let candidates: Vec<usize> = match within {
        ResponseWithin::RestOfCall => (ti..utts.len())
            .filter(|&i| response_speaker.accepts(utts[i].speaker))
            .collect(),
        ResponseWithin::SameOrNextTurn => {
            let turn_of = |i: usize| v.turns.iter().position(|t| t.utts.contains(&i));
            let mut out = Vec::new();
            if let Some(t) = turn_of(ti) {
                let own = v.turns[t..]
                    .iter()
                    .filter(|t| response_speaker.accepts(t.speaker))
                    .take(2);
                for turn in own {
                    out.extend(turn.utts.iter().copied().filter(|&i| i >= ti));
                }
            }
            out
        }
    };
    for &i in &candidates {
        if let Some(m) = v.matches(i, response, true).next() {
            return Decision::Pass(vec![tev, v.quote(i, m)]);
        }
    }
    if !v.complete {
        return Decision::Pending;
    }
    let msg = format!(
        "{} said «{}» at {} but {} did not follow with «{}»",
        trigger_speaker.label(),
        tev.quote,
        clock(tev.start),
        response_speaker.label(),
        response.label()
    );
    fail(msg, vec![tev])
}

/// Whether the operator warned the client about profanity and the client
/// swore again after the warning; the evidence of both on success, or why
/// not.
pub(super) fn protocol_followed(
    v: &CallView,
    profanity: &SetMask,
    warning: &SetMask,
) -> Result<Vec<Evidence>, String> {
    let utts = v.utts();
    let swore: Vec<(usize, Evidence)> = (0..utts.len())
        .filter(|&i| utts[i].speaker == Party::Client)
        .filter_map(|i| {
            v.matches(i, profanity, false)
                .next()
                .map(|m| (i, v.quote(i, m)))
        })
        .collect();
    let Some((first, _)) = swore.first() else {
        return Err("the client used no profanity".into());
    };
    let warn = (*first..utts.len())
        .filter(|&i| utts[i].speaker == Party::Operator)
        .find_map(|i| {
            v.matches(i, warning, false)
                .next()
                .map(|m| (i, v.quote(i, m)))
        });
    let Some((wi, wev)) = warn else {
        return Err(format!(
            "the client swore at {} but the operator never warned before ending the call",
            clock(swore[0].1.start)
        ));
    };
    match swore.iter().find(|(i, _)| *i > wi) {
        Some((_, again)) => Ok(vec![swore[0].1.clone(), wev, again.clone()]),
        None => Err(format!(
            "the operator warned at {} («{}») but the client did not swear again before the operator ended the call",
            clock(wev.start),
            wev.quote
        )),
    }
}

pub(super) fn profanity_protocol(v: &CallView, profanity: &SetMask, warning: &SetMask) -> Decision {
    if !v.complete {
        return Decision::Pending;
    }
    let swore = (0..v.utts().len())
        .filter(|&i| v.utts()[i].speaker == Party::Client)
        .find_map(|i| v.matches(i, profanity, false).next().map(|m| v.quote(i, m)));
    let Some(first) = swore else {
        return na("the client used no profanity");
    };
    let operator_ended = matches!(
        v.call.events.last().map(|e| &e.kind),
        Some(callqa_model::EventKind::Hangup {
            by: Party::Operator
        })
    );
    if !operator_ended {
        return Decision::Pass(vec![first]);
    }
    match protocol_followed(v, profanity, warning) {
        Ok(ev) => Decision::Pass(ev),
        Err(msg) => fail(msg, vec![first]),
    }
}
