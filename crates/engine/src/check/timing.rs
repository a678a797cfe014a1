//! Checks from timings alone: business hours of the call, speech rate,
//! talking over the client, and dead air.

use callqa_model::{Evidence, Party};
use time::Weekday;

use super::{fail, na, Decision};
use crate::context::{clock, CallView};
use crate::standard::{Hours, SpeakerSel};

pub(super) fn call_hours(v: &CallView, weekdays: Hours, weekends: Hours) -> Decision {
    let Some(start) = v.call.started_at else {
        return na("the call has no start time");
    };
    let weekend = matches!(start.weekday(), Weekday::Saturday | Weekday::Sunday);
    let hours = if weekend { weekends } else { weekdays };
    let minute = start.hour() as u32 * 60 + start.minute() as u32;
    let when = format!(
        "{} {:02}:{:02} local time",
        start.weekday(),
        start.hour(),
        start.minute()
    );
    let ev = vec![Evidence {
        speaker: None,
        start: 0.0,
        end: 0.0,
        quote: format!("started {when}"),
    }];
    match hours {
        None => fail(
            format!(
                "the call started on {when}; no calls are allowed on {}",
                if weekend { "weekends" } else { "weekdays" }
            ),
            ev,
        ),
        Some((from, to)) if minute >= from && minute < to => Decision::Pass(ev),
        Some((from, to)) => fail(
            format!(
                "the call started on {when}, outside {:02}:{:02}–{:02}:{:02}",
                from / 60,
                from % 60,
                to / 60,
                to % 60
            ),
            ev,
        ),
    }
}

pub(super) fn pace(
    v: &CallView,
    min_wpm: f64,
    max_wpm: f64,
    min_secs: f64,
    speaker: SpeakerSel,
) -> Decision {
    if !v.complete {
        return Decision::Pending;
    }
    let (mut words, mut secs) = (0usize, 0.0);
    let mut sample = None;
    for (i, u) in v.utts().iter().enumerate() {
        let len = u.end - u.start;
        if speaker.accepts(u.speaker) && len >= min_secs {
            words += v.words(i);
            secs += len;
            sample.get_or_insert(i);
        }
    }
    let Some(sample) = sample else {
        return na(format!(
            "no utterance of {} lasting {min_secs} s or more",
            speaker.label()
        ));
    };
    let wpm = words as f64 * 60.0 / secs;
    let ev = vec![Evidence {
        speaker: v.utts()[sample].speaker.into(),
        start: v.utts()[sample].start,
        end: v.utts()[sample].end,
        quote: format!("{wpm:.0} words per minute over {secs:.0} s"),
    }];
    if wpm < min_wpm {
        fail(
            format!(
                "{} spoke {wpm:.0} words per minute — dragging (at least {min_wpm:.0})",
                speaker.label()
            ),
            ev,
        )
    } else if wpm > max_wpm {
        fail(
            format!(
                "{} spoke {wpm:.0} words per minute — rushed (at most {max_wpm:.0})",
                speaker.label()
            ),
            ev,
        )
    } else {
        Decision::Pass(ev)
    }
}

pub(super) fn interruptions(
    v: &CallView,
    max: usize,
    min_into: f64,
    min_before_end: f64,
) -> Decision {
    let utts = v.utts();
    let has = |p: Party| utts.iter().any(|u| u.speaker == p);
    if v.complete && !(has(Party::Operator) && has(Party::Client)) {
        return na("the transcript does not have both sides");
    }
    let mut found: Vec<Evidence> = Vec::new();
    for (i, op) in utts.iter().enumerate() {
        if op.speaker != Party::Operator || v.an[i].backchannel {
            continue;
        }
        let over = utts.iter().any(|c| {
            c.speaker == Party::Client
                && op.start >= c.start + min_into
                && op.start <= c.end - min_before_end
        });
        if over {
            found.push(v.utt_evidence(i));
        }
    }
    if found.len() > max {
        let n = found.len();
        let at: Vec<String> = found.iter().take(5).map(|e| clock(e.start)).collect();
        found.truncate(5);
        return fail(
            format!(
                "the operator talked over the client {n} times (at most {max}): at {}",
                at.join(", ")
            ),
            found,
        );
    }
    if !v.complete {
        return Decision::Pending;
    }
    found.truncate(3);
    Decision::Pass(found)
}

pub(super) fn dead_air(v: &CallView, max_secs: f64) -> Decision {
    let utts = v.utts();
    if v.complete && v.answer.is_none() && v.call.has_events() {
        return na("the call was not answered");
    }
    let mut covered = v.connect;
    let mut worst: Option<(f64, f64)> = None;
    for u in utts {
        if u.start > covered {
            // Time on hold is not dead air.
            let mut gap = u.start - covered;
            for &(s, e) in &v.holds {
                let overlap = (e.min(u.start) - s.max(covered)).max(0.0);
                gap -= overlap;
            }
            if gap > max_secs && worst.is_none_or(|(a, b)| gap > b - a) {
                worst = Some((covered, covered + gap));
            }
        }
        covered = covered.max(u.end);
    }
    if let Some((a, b)) = worst {
        let ev = vec![Evidence {
            speaker: None,
            start: a,
            end: b,
            quote: format!("silence {}–{}", clock(a), clock(b)),
        }];
        return fail(
            format!(
                "{:.0} s of silence from {} (limit {max_secs:.0} s)",
                b - a,
                clock(a)
            ),
            ev,
        );
    }
    if !v.complete {
        return Decision::Pending;
    }
    Decision::Pass(Vec::new())
}
