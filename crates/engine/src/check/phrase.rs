//! Phrase checks over a window of one speaker's speech: a phrase that must
//! be said, phrases that must not, a rate limit, a bare answer, the order of
//! two phrases, and greetings that must fit the time of day.

use callqa_model::Evidence;
use time::OffsetDateTime;

use super::{fail, na, Decision};
use crate::context::{consists_only_of, CallView};
use crate::standard::{Period, SetMask, SpeakerSel, Window};

/// Shared n/a reasons of phrase checks: no transcript, no phrases in this
/// language, the speaker never spoke.
pub(super) fn precheck(v: &CallView, sets: &SetMask, speaker: SpeakerSel) -> Option<Decision> {
    if !v.mask_usable(sets) {
        return Some(na(format!(
            "the standard has no «{}» phrases in {}",
            sets.label(),
            v.lang.as_str()
        )));
    }
    if let Some(missing) = v.missing_value(sets) {
        return Some(na(match missing {
            "company" => "the company name is not known: give `company` in the call record or [company] names in the standard".to_string(),
            "client_name" => "the client's name is not known".to_string(),
            other => format!("no value for {{{other}}} on this call"),
        }));
    }
    if v.complete && !v.utts().iter().any(|u| speaker.accepts(u.speaker)) {
        return Some(na(format!(
            "no speech from {} in the transcript",
            speaker.label()
        )));
    }
    None
}

pub(super) fn required(
    v: &CallView,
    sets: &SetMask,
    speaker: SpeakerSel,
    window: &Window,
    negation: bool,
) -> Decision {
    if let Some(d) = precheck(v, sets, speaker) {
        return d;
    }
    let utts = v.window(window, speaker);
    let mut negated: Option<Evidence> = None;
    for &i in &utts {
        for m in v.matches(i, sets, false) {
            if negation && m.negated {
                negated.get_or_insert_with(|| v.utt_evidence(i));
                continue;
            }
            // A phrase in the closing so far may drop out of the closing
            // when the call goes on; only windows that grow are final.
            if !v.complete && !grows_only(window) {
                return Decision::Pending;
            }
            return Decision::Pass(vec![v.quote(i, m)]);
        }
    }
    if !v.window_closed(window, speaker) {
        return Decision::Pending;
    }
    if utts.is_empty() {
        return fail(
            format!("{} said nothing in {}", speaker.label(), window.label()),
            Vec::new(),
        );
    }
    if let Some(e) = negated {
        return fail(
            format!(
                "in {} {} said «{}» only in the negative: «{}»",
                window.label(),
                speaker.label(),
                sets.label(),
                e.quote
            ),
            vec![e],
        );
    }
    fail(
        format!(
            "no «{}» phrase from {} in {}: «{}»",
            sets.label(),
            speaker.label(),
            window.label(),
            v.said(&utts)
        ),
        vec![v.utt_evidence(utts[0])],
    )
}

/// Every set of the mask must be said in the window («меня зовут Анна» and
/// «компания Ромашка»); the failure names the sets that are missing.
pub(super) fn required_all(
    v: &CallView,
    sets: &SetMask,
    speaker: SpeakerSel,
    window: &Window,
    negation: bool,
) -> Decision {
    let mut evidence = Vec::new();
    let mut missing = Vec::new();
    let mut pending = false;
    for (&idx, name) in sets.ids.iter().zip(sets.names.iter()) {
        let one = SetMask::new(&[idx], vec![name.clone()]);
        match required(v, &one, speaker, window, negation) {
            Decision::Pass(e) => evidence.extend(e),
            Decision::Fail(..) => missing.push(name.as_str()),
            Decision::Pending => pending = true,
            na @ Decision::NotApplicable(_) => return na,
        }
    }
    if !missing.is_empty() {
        let utts = v.window(window, speaker);
        let said = if utts.is_empty() {
            String::from("nothing")
        } else {
            format!("«{}»", v.said(&utts))
        };
        let ev = utts
            .first()
            .map(|&i| vec![v.utt_evidence(i)])
            .unwrap_or_default();
        return fail(
            format!(
                "no «{}» from {} in {}: {said}",
                missing.join("», «"),
                speaker.label(),
                window.label()
            ),
            ev,
        );
    }
    if pending {
        return Decision::Pending;
    }
    Decision::Pass(evidence)
}

/// Windows whose content only grows as the call goes on, so a violation
/// seen early stays a violation.
fn grows_only(window: &Window) -> bool {
    matches!(
        window,
        Window::Call
            | Window::Opening
            | Window::FirstTurns(_)
            | Window::FirstSecs(_)
            | Window::After(_)
    )
}

pub(super) fn forbidden(
    v: &CallView,
    sets: &SetMask,
    speaker: SpeakerSel,
    window: &Window,
    max: usize,
) -> Decision {
    if let Some(d) = precheck(v, sets, speaker) {
        return d;
    }
    let utts = v.window(window, speaker);
    let mut found: Vec<Evidence> = Vec::new();
    for &i in &utts {
        for m in v.matches(i, sets, false) {
            found.push(v.quote(i, m));
        }
    }
    if found.len() > max {
        if !v.complete && !grows_only(window) {
            return Decision::Pending;
        }
        let quotes: Vec<String> = found
            .iter()
            .take(5)
            .map(|e| format!("«{}»", e.quote))
            .collect();
        let limit = if max == 0 {
            String::new()
        } else {
            format!(" (at most {max} allowed)")
        };
        let msg = format!(
            "{} × «{}» from {}{limit}: {}",
            found.len(),
            sets.label(),
            speaker.label(),
            quotes.join(", ")
        );
        found.truncate(5);
        return fail(msg, found);
    }
    if !v.window_closed(window, speaker) {
        return Decision::Pending;
    }
    Decision::Pass(Vec::new())
}

pub(super) fn rate(
    v: &CallView,
    sets: &SetMask,
    speaker: SpeakerSel,
    max_per_100: Option<f64>,
    max_per_minute: Option<f64>,
    min_count: usize,
) -> Decision {
    if let Some(d) = precheck(v, sets, speaker) {
        return d;
    }
    if !v.complete {
        return Decision::Pending;
    }
    let (mut words, mut secs) = (0usize, 0.0f64);
    let mut found: Vec<Evidence> = Vec::new();
    for (i, u) in v.utts().iter().enumerate() {
        if !speaker.accepts(u.speaker) {
            continue;
        }
        words += v.words(i);
        secs += (u.end - u.start).max(0.0);
        for m in v.matches(i, sets, false) {
            found.push(v.quote(i, m));
        }
    }
    if words == 0 {
        return na(format!("no words from {}", speaker.label()));
    }
    let count = found.len();
    let per100 = count as f64 * 100.0 / words as f64;
    let per_min = if secs > 0.0 {
        count as f64 * 60.0 / secs
    } else {
        0.0
    };
    let over100 = max_per_100.is_some_and(|m| per100 > m);
    let over_min = max_per_minute.is_some_and(|m| per_min > m);
    if (over100 || over_min) && count >= min_count.max(1) {
        let quotes: Vec<String> = found
            .iter()
            .take(6)
            .map(|e| format!("«{}»", e.quote))
            .collect();
        let limit = match (max_per_100, max_per_minute) {
            (Some(a), _) if over100 => format!("{per100:.1} per 100 words, limit {a}"),
            (_, Some(b)) => format!("{per_min:.1} per minute, limit {b}"),
            _ => String::new(),
        };
        found.truncate(6);
        return fail(
            format!(
                "{count} × «{}» in {words} words ({limit}): {}",
                sets.label(),
                quotes.join(", ")
            ),
            found,
        );
    }
    found.truncate(3);
    Decision::Pass(found)
}

pub(super) fn not_only(v: &CallView, sets: &SetMask, speaker: SpeakerSel) -> Decision {
    if let Some(d) = precheck(v, sets, speaker) {
        return d;
    }
    let mut own = v.turns.iter().filter(|t| speaker.accepts(t.speaker));
    let Some(first) = own.next() else {
        return if v.complete {
            na(format!("no turn of {}", speaker.label()))
        } else {
            Decision::Pending
        };
    };
    let first_done = v.complete || v.turns.last().is_some_and(|t| !std::ptr::eq(t, first));
    if !first_done {
        return Decision::Pending;
    }
    let bare = first
        .utts
        .iter()
        .all(|&i| consists_only_of(&v.an[i].analyzed, &v.an[i].matches, |s| sets.contains(s)));
    if bare {
        let said = v.said(&first.utts);
        return fail(
            format!(
                "{} answered with a bare «{said}» instead of a greeting",
                speaker.label()
            ),
            vec![v.utt_evidence(first.utts[0])],
        );
    }
    Decision::Pass(vec![v.utt_evidence(first.utts[0])])
}

/// Position of the first match of `sets` in the window: (utterance, token).
fn first_match(v: &CallView, utts: &[usize], sets: &SetMask) -> Option<(usize, usize, Evidence)> {
    utts.iter().find_map(|&i| {
        v.matches(i, sets, true)
            .next()
            .map(|m| (i, m.first_token, v.quote(i, m)))
    })
}

pub(super) fn order(
    v: &CallView,
    first: &SetMask,
    then: &SetMask,
    speaker: SpeakerSel,
    window: &Window,
) -> Decision {
    if let Some(d) = precheck(v, first, speaker) {
        return d;
    }
    if !v.window_closed(window, speaker) {
        return Decision::Pending;
    }
    let utts = v.window(window, speaker);
    let (Some(a), Some(b)) = (first_match(v, &utts, first), first_match(v, &utts, then)) else {
        return na(format!(
            "not both «{}» and «{}» were said in {}",
            first.label(),
            then.label(),
            window.label()
        ));
    };
    if (a.0, a.1) < (b.0, b.1) {
        Decision::Pass(vec![a.2, b.2])
    } else {
        let msg = format!(
            "«{}» came before «{}»: «{}» then «{}»",
            then.label(),
            first.label(),
            b.2.quote,
            a.2.quote
        );
        fail(msg, vec![b.2, a.2])
    }
}

/// Local hour with minutes as a fraction, from `started_at` + `offset` s.
pub(crate) fn local_hour(start: OffsetDateTime, offset: f64) -> f64 {
    let t = start + time::Duration::seconds_f64(offset.clamp(0.0, 1e7));
    t.hour() as f64 + t.minute() as f64 / 60.0
}

fn in_period(hour: f64, p: &Period) -> bool {
    if p.from <= p.to {
        hour >= p.from && hour < p.to
    } else {
        hour >= p.from || hour < p.to
    }
}

pub(super) fn time_of_day(
    v: &CallView,
    periods: &[Period],
    speaker: SpeakerSel,
    window: &Window,
) -> Decision {
    let Some(start) = v.call.started_at else {
        return na("the call has no start time");
    };
    let utts = v.window(window, speaker);
    for &i in &utts {
        let hit = v.an[i].matches.iter().filter(|m| !m.negated).find_map(|m| {
            periods
                .iter()
                .find(|p| p.sets.contains(m.set.0 as usize))
                .map(|p| (m, p))
        });
        if let Some((m, p)) = hit {
            let hour = local_hour(start, v.connect);
            let e = v.quote(i, m);
            if periods
                .iter()
                .filter(|q| q.sets.contains(m.set.0 as usize))
                .any(|q| in_period(hour, q))
            {
                return Decision::Pass(vec![e]);
            }
            let h = hour.floor() as u32;
            let mins = ((hour - hour.floor()) * 60.0).round() as u32;
            let msg = format!(
                "«{}» at {h:02}:{mins:02} local time; «{}» is for {:02}–{:02}",
                e.quote,
                p.sets.label(),
                p.from,
                p.to
            );
            return fail(msg, vec![e]);
        }
    }
    if !v.window_closed(window, speaker) {
        return Decision::Pending;
    }
    na("no time-specific greeting was said")
}
