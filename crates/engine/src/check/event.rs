//! Checks about telephony events: words expected before or after an event
//! (permission before a hold, thanks after it, announcing a transfer), hold
//! length, how often something happened, ring count at answer, and who
//! ended the call.

use callqa_model::{Direction, EventKind, Evidence, Party};

use super::{dialog, fail, na, Decision};
use crate::context::{clock, CallView};
use crate::standard::{EventSel, HangupPolicy, SetMask, SpeakerSel};

fn event_matches(kind: &EventKind, sel: EventSel) -> bool {
    matches!(
        (kind, sel),
        (EventKind::Answer, EventSel::Answer)
            | (EventKind::HoldStart, EventSel::HoldStart | EventSel::Hold)
            | (EventKind::HoldEnd, EventSel::HoldEnd)
            | (EventKind::Transfer { .. }, EventSel::Transfer)
            | (EventKind::Hangup { .. }, EventSel::Hangup)
            | (EventKind::Drop, EventSel::Drop)
    )
}

fn times(v: &CallView, sel: EventSel) -> Vec<f64> {
    v.call
        .events
        .iter()
        .filter(|e| event_matches(&e.kind, sel))
        .map(|e| e.at)
        .collect()
}

fn noun(sel: EventSel) -> &'static str {
    match sel {
        EventSel::HoldStart | EventSel::Hold => "hold",
        EventSel::HoldEnd => "end of a hold",
        EventSel::Transfer => "transfer",
        EventSel::Answer => "answer",
        EventSel::Hangup => "hangup",
        EventSel::Drop => "dropped line",
    }
}

fn event_evidence(what: &str, at: f64) -> Evidence {
    Evidence {
        speaker: None,
        start: at,
        end: at,
        quote: format!("{what} at {}", clock(at)),
    }
}

/// The times of the events a phrase check is about, or why the check does
/// not run: no such event (yet), or no phrases in the call's language.
fn event_times(v: &CallView, sel: EventSel, sets: &SetMask) -> Result<Vec<f64>, Decision> {
    let at = times(v, sel);
    if at.is_empty() {
        return Err(if v.complete {
            na(format!("no {} on this call", noun(sel)))
        } else {
            Decision::Pending
        });
    }
    if !v.mask_usable(sets) {
        return Err(na(format!(
            "the standard has no «{}» phrases in {}",
            sets.label(),
            v.lang.as_str()
        )));
    }
    Ok(at)
}

pub(super) fn before(
    v: &CallView,
    sel: EventSel,
    within: f64,
    sets: &SetMask,
    speaker: SpeakerSel,
) -> Decision {
    let at = match event_times(v, sel, sets) {
        Ok(at) => at,
        Err(d) => return d,
    };
    let mut evidence = Vec::new();
    for &t in &at {
        let from = t - within;
        let near: Vec<usize> = (0..v.utts().len())
            .filter(|&i| {
                let u = &v.utts()[i];
                speaker.accepts(u.speaker) && u.start <= t + 0.5 && u.end >= from
            })
            .collect();
        match near
            .iter()
            .find_map(|&i| v.matches(i, sets, true).next().map(|m| v.quote(i, m)))
        {
            Some(e) => evidence.push(e),
            None => {
                if !v.complete && v.now < t + 10.0 {
                    return Decision::Pending;
                }
                let said = if near.is_empty() {
                    format!(
                        "{} said nothing in the {within} s before it",
                        speaker.label()
                    )
                } else {
                    format!(
                        "{} said «{}»",
                        speaker.label(),
                        v.said(&near[near.len().saturating_sub(2)..])
                    )
                };
                let mut ev = vec![event_evidence(noun(sel), t)];
                ev.extend(near.last().map(|&i| v.utt_evidence(i)));
                return fail(
                    format!(
                        "no «{}» before the {} at {}: {said}",
                        sets.label(),
                        noun(sel),
                        clock(t)
                    ),
                    ev,
                );
            }
        }
    }
    if !v.complete {
        return Decision::Pending;
    }
    Decision::Pass(evidence)
}

pub(super) fn after(
    v: &CallView,
    sel: EventSel,
    within: f64,
    sets: &SetMask,
    speaker: SpeakerSel,
) -> Decision {
    let at = match event_times(v, sel, sets) {
        Ok(at) => at,
        Err(d) => return d,
    };
    let utts = v.utts();
    let mut evidence = Vec::new();
    let mut checked = 0;
    for &t in &at {
        let Some(first) =
            (0..utts.len()).find(|&i| speaker.accepts(utts[i].speaker) && utts[i].start >= t - 0.5)
        else {
            if !v.complete {
                return Decision::Pending;
            }
            continue; // the call ended without more words from the speaker
        };
        checked += 1;
        // The speaker's words from there until the other side takes a turn.
        let mut turn = vec![first];
        for (i, u) in utts.iter().enumerate().skip(first + 1) {
            if speaker.accepts(u.speaker) {
                turn.push(i);
            } else if !v.an[i].backchannel {
                break;
            }
        }
        let late = utts[first].start > t + within;
        let hit = if late {
            None
        } else {
            turn.iter()
                .find_map(|&i| v.matches(i, sets, true).next().map(|m| v.quote(i, m)))
        };
        match hit {
            Some(e) => evidence.push(e),
            None => {
                let turn_complete = turn.last().is_some_and(|&l| l + 1 < utts.len());
                if !v.complete && !turn_complete && !late {
                    return Decision::Pending;
                }
                let msg = if late {
                    format!(
                        "after the {} at {} {} first spoke only {:.0} s later: «{}» — no «{}»",
                        noun(sel),
                        clock(t),
                        speaker.label(),
                        utts[first].start - t,
                        v.said(&turn),
                        sets.label()
                    )
                } else {
                    format!(
                        "after the {} at {} {}'s first words were «{}» — no «{}»",
                        noun(sel),
                        clock(t),
                        speaker.label(),
                        v.said(&turn),
                        sets.label()
                    )
                };
                return fail(
                    msg,
                    vec![event_evidence(noun(sel), t), v.utt_evidence(first)],
                );
            }
        }
    }
    if !v.complete {
        return Decision::Pending;
    }
    if checked == 0 {
        return na(format!(
            "{} did not speak after the {}",
            speaker.label(),
            noun(sel)
        ));
    }
    Decision::Pass(evidence)
}

pub(super) fn hold_duration(v: &CallView, max_secs: f64) -> Decision {
    for &(s, e) in &v.holds {
        let ongoing = !v.complete && e >= v.end;
        let len = if ongoing { v.now - s } else { e - s };
        if len > max_secs {
            let msg = format!(
                "a hold from {} lasted {:.0} s (limit {max_secs:.0} s)",
                clock(s),
                len
            );
            return fail(msg, vec![event_evidence("hold", s)]);
        }
    }
    if !v.complete {
        return Decision::Pending;
    }
    if v.holds.is_empty() {
        return na("no hold on this call");
    }
    let longest = v.holds.iter().map(|(s, e)| e - s).fold(0.0, f64::max);
    Decision::Pass(vec![Evidence {
        speaker: None,
        start: v.holds[0].0,
        end: v.holds[0].1,
        quote: format!("longest hold {longest:.0} s"),
    }])
}

pub(super) fn count(v: &CallView, sel: EventSel, max: usize) -> Decision {
    let at = times(v, sel);
    if at.len() > max {
        let ev = at.iter().map(|&t| event_evidence(noun(sel), t)).collect();
        return fail(format!("{} × {} (at most {max})", at.len(), noun(sel)), ev);
    }
    if !v.complete {
        return Decision::Pending;
    }
    if at.is_empty() {
        return na(format!("no {} on this call", noun(sel)));
    }
    Decision::Pass(at.iter().map(|&t| event_evidence(noun(sel), t)).collect())
}

pub(super) fn answer_speed(v: &CallView, max_rings: u32) -> Decision {
    let cycle = v.std.settings.ring_cycle_secs;
    let limit = max_rings as f64 * cycle;
    let ring_at = v
        .call
        .events
        .iter()
        .find(|e| matches!(e.kind, EventKind::Ring))
        .map(|e| e.at)
        .unwrap_or(0.0);
    match v.answer {
        Some(a) => {
            let rings = ((a - ring_at) / cycle).floor() as u64 + 1;
            let ev = vec![Evidence {
                speaker: None,
                start: a,
                end: a,
                quote: format!("answered on ring {rings} ({:.1} s)", a - ring_at),
            }];
            if rings <= max_rings as u64 {
                Decision::Pass(ev)
            } else {
                fail(
                    format!(
                        "answered on ring {rings} ({:.1} s); the limit is ring {max_rings}",
                        a - ring_at
                    ),
                    ev,
                )
            }
        }
        None => {
            let rang = if v.complete {
                v.end - ring_at
            } else {
                v.now - ring_at
            };
            if rang > limit {
                let ev = vec![event_evidence("end of ringing", ring_at + rang)];
                return fail(
                    format!("not answered: it rang {rang:.0} s, past ring {max_rings}"),
                    ev,
                );
            }
            if !v.complete {
                return Decision::Pending;
            }
            na(format!(
                "missed call that rang {rang:.0} s, less than {max_rings} rings"
            ))
        }
    }
}

pub(super) fn hangup_by(
    v: &CallView,
    policy: HangupPolicy,
    profanity: Option<&SetMask>,
    warning: Option<&SetMask>,
) -> Decision {
    if !v.complete {
        return Decision::Pending;
    }
    let Some(last) = v.call.events.last() else {
        return na("no telephony events");
    };
    let by = match last.kind {
        EventKind::Hangup { by } => by,
        EventKind::Drop => return na("the line dropped; nobody hung up"),
        _ => return na("the record does not say who ended the call"),
    };
    let ev = vec![Evidence {
        speaker: Some(by),
        start: last.at,
        end: last.at,
        quote: format!("{} hung up at {}", by.as_str(), clock(last.at)),
    }];
    let expected = match policy {
        HangupPolicy::Any => return Decision::Pass(ev),
        HangupPolicy::ClientFirstOnInbound => match v.call.direction {
            Direction::Outbound => return na("outbound call; the policy covers inbound calls"),
            Direction::Inbound => Party::Client,
        },
        HangupPolicy::InitiatorEnds => v.call.direction.initiator(),
    };
    if by == expected {
        return Decision::Pass(ev);
    }
    if by == Party::Operator {
        if let (Some(p), Some(w)) = (profanity, warning) {
            if let Ok(mut proof) = dialog::protocol_followed(v, p, w) {
                proof.extend(ev);
                return Decision::Pass(proof);
            }
        }
    }
    let msg = match (by, v.call.direction) {
        (Party::Operator, Direction::Inbound) => format!(
            "the operator hung up first on an inbound call, at {}",
            clock(last.at)
        ),
        _ => format!(
            "the {} hung up; the {} should end this {} call",
            by.as_str(),
            expected.as_str(),
            v.call.direction.as_str()
        ),
    };
    fail(msg, ev)
}
