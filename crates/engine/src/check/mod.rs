//! Deciding one check on one call. Each family of checks lives in its own
//! file; [`decide`] dispatches. A check returns [`Decision::Pending`] only
//! while the call is still in progress and more data could change the
//! outcome; on a complete call every check decides.

mod dialog;
mod event;
mod phrase;
mod timing;

use callqa_model::Evidence;

use crate::context::CallView;
use crate::standard::Check;

#[derive(Debug)]
pub(crate) enum Decision {
    Pass(Vec<Evidence>),
    Fail(String, Vec<Evidence>),
    NotApplicable(String),
    Pending,
}

pub(crate) fn na(reason: impl Into<String>) -> Decision {
    Decision::NotApplicable(reason.into())
}

pub(crate) fn fail(message: impl Into<String>, evidence: Vec<Evidence>) -> Decision {
    Decision::Fail(message.into(), evidence)
}

/// Decides a per-call check (cross-call checks are decided by `Batch`).
pub(crate) fn decide(check: &Check, v: &CallView) -> Decision {
    use Check::*;
    match check {
        PhraseRequired {
            sets,
            speaker,
            window,
            negation,
            all: false,
        } => phrase::required(v, sets, *speaker, window, *negation),
        PhraseRequired {
            sets,
            speaker,
            window,
            negation,
            all: true,
        } => phrase::required_all(v, sets, *speaker, window, *negation),
        PhraseForbidden {
            sets,
            speaker,
            window,
            max,
        } => phrase::forbidden(v, sets, *speaker, window, *max),
        PhraseRate {
            sets,
            speaker,
            max_per_100_words,
            max_per_minute,
            min_count,
        } => phrase::rate(
            v,
            sets,
            *speaker,
            *max_per_100_words,
            *max_per_minute,
            *min_count,
        ),
        NotOnly { sets, speaker } => phrase::not_only(v, sets, *speaker),
        PhraseOrder {
            first,
            then,
            speaker,
            window,
        } => phrase::order(v, first, then, *speaker, window),
        TimeOfDay {
            periods,
            speaker,
            window,
        } => phrase::time_of_day(v, periods, *speaker, window),
        BeforeEvent {
            event,
            within,
            sets,
            speaker,
        } => event::before(v, *event, *within, sets, *speaker),
        AfterEvent {
            event,
            within,
            sets,
            speaker,
        } => event::after(v, *event, *within, sets, *speaker),
        EventDuration { max_secs } => event::hold_duration(v, *max_secs),
        EventCount { event, max } => event::count(v, *event, *max),
        AnswerSpeed { max_rings } => event::answer_speed(v, *max_rings),
        CallHours { weekdays, weekends } => timing::call_hours(v, *weekdays, *weekends),
        SpeechPace {
            min_wpm,
            max_wpm,
            min_utterance_secs,
            speaker,
        } => timing::pace(v, *min_wpm, *max_wpm, *min_utterance_secs, *speaker),
        Interruptions {
            max,
            min_into_secs,
            min_before_end_secs,
        } => timing::interruptions(v, *max, *min_into_secs, *min_before_end_secs),
        DeadAir { max_secs } => timing::dead_air(v, *max_secs),
        NameUsage { address, intro } => dialog::name_usage(v, address, intro),
        AskName { sets, intro } => dialog::ask_name(v, sets, intro),
        TriggerResponse {
            trigger,
            trigger_speaker,
            response,
            response_speaker,
            within,
        } => dialog::trigger_response(
            v,
            trigger,
            *trigger_speaker,
            response,
            *response_speaker,
            *within,
        ),
        HangupBy {
            policy,
            profanity,
            warning,
        } => event::hangup_by(v, *policy, profanity.as_ref(), warning.as_ref()),
        ProfanityProtocol { profanity, warning } => {
            dialog::profanity_protocol(v, profanity, warning)
        }
        CallbackAfterDrop { .. }
        | MissedCallback { .. }
        | RepeatCalls { .. }
        | ContactFrequency { .. } => Decision::Pending,
    }
}

/// Whether a check reads the transcript, the events, or both; a call
/// without that signal gets `n/a` with the reason.
pub(crate) fn needs_transcript(check: &Check) -> bool {
    use Check::*;
    !matches!(
        check,
        EventDuration { .. }
            | EventCount { .. }
            | AnswerSpeed { .. }
            | CallHours { .. }
            | HangupBy { .. }
            | CallbackAfterDrop { .. }
            | MissedCallback { .. }
            | RepeatCalls { .. }
            | ContactFrequency { .. }
    )
}

pub(crate) fn needs_events(check: &Check) -> bool {
    use Check::*;
    matches!(
        check,
        BeforeEvent { .. }
            | AfterEvent { .. }
            | EventDuration { .. }
            | EventCount { .. }
            | AnswerSpeed { .. }
            | HangupBy { .. }
            | CallbackAfterDrop { .. }
            | MissedCallback { .. }
    )
}
