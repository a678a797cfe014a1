//! The check types, one file each, and the registry that lists them once.
//!
//! A check type's file owns everything about it: its parameters (a public
//! struct), the signals it reads (transcript, telephony events, the call
//! history), which signals an importer may have marked unknown (and the
//! `n/a` reason then), whether it may be decided before a live call ends,
//! and its decision. The registry below generates the [`Check`] enum, the
//! table of type names and the dispatch from that list.
//!
//! Adding a check type: write `check/<name>.rs` with a parameter struct that
//! implements [`Kind`], add one line to `registry!`, and give the front end
//! (`callqa-standard`, `params.rs`) a reader for its parameters.
//!
//! A check returns [`Decision::Pending`] only while the call is still in
//! progress and more data could change the outcome; on a complete call
//! every per-call check decides.

mod intro_hy;
mod names_en;
pub(crate) mod shared;

use callqa_model::{Call, Evidence, Lang};

use crate::context::CallView;
use crate::messages::{m, Msg};

#[derive(Debug)]
pub(crate) enum Decision {
    Pass(Vec<Evidence>),
    /// The message, the evidence shown, and how many counted occurrences
    /// the evidence leaves out (`more`).
    Fail(String, Vec<Evidence>, usize),
    NotApplicable(String),
    Pending,
}

pub(crate) fn na(reason: impl Into<String>) -> Decision {
    Decision::NotApplicable(reason.into())
}

pub(crate) fn fail(message: impl Into<String>, evidence: Vec<Evidence>) -> Decision {
    Decision::Fail(message.into(), evidence, 0)
}

/// How many occurrences a failure lists at most; the rest are counted in
/// the verdict's `more` and the message's «and N more».
pub(crate) const LISTED: usize = 5;

/// A failure over counted occurrences: the first [`LISTED`] are the
/// evidence, the message's list (`shown` of each) names exactly them and
/// says «and N more» for the rest (in `lang`). `message` gets `{list}`
/// replaced.
pub(crate) fn fail_counted(
    lang: Lang,
    message: impl Into<String>,
    mut found: Vec<Evidence>,
    shown: impl Fn(&Evidence) -> String,
) -> Decision {
    let more = found.len().saturating_sub(LISTED);
    found.truncate(LISTED);
    let mut list: Vec<String> = found.iter().map(shown).collect::<Vec<_>>();
    if more > 0 {
        let last = list.pop().unwrap_or_default();
        list.push(m!(lang, Msg::AndMore, last = last, n = more));
    }
    let message = message.into().replace("{list}", &list.join(", "));
    Decision::Fail(message, found, more)
}

/// The signals a check type reads. A call without a signal the check needs
/// gets `n/a` with the reason («no transcript»).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Signals {
    /// The utterances of the call.
    pub transcript: bool,
    /// The telephony events (answer, hold, hangup…).
    pub events: bool,
    /// Other calls of the same client (cross-call checks).
    pub history: bool,
}

impl Signals {
    /// Only the call record's header (start time, direction…).
    pub const HEADER: Signals = Signals {
        transcript: false,
        events: false,
        history: false,
    };
    /// The transcript.
    pub const TRANSCRIPT: Signals = Signals {
        transcript: true,
        ..Signals::HEADER
    };
    /// The telephony events.
    pub const EVENTS: Signals = Signals {
        events: true,
        ..Signals::HEADER
    };
    /// The transcript and the telephony events.
    pub const TRANSCRIPT_AND_EVENTS: Signals = Signals {
        transcript: true,
        events: true,
        history: false,
    };
    /// Other calls of the client, and this call's events.
    pub const HISTORY_AND_EVENTS: Signals = Signals {
        events: true,
        history: true,
        transcript: false,
    };
    /// Other calls of the client.
    pub const HISTORY: Signals = Signals {
        history: true,
        ..Signals::HEADER
    };
}

/// When a check type may be decided in a live call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Liveness {
    /// As soon as the data so far settles it (a forbidden word at once, a
    /// missing greeting when the opening is over).
    Early,
    /// Only when the call ends (a rate over the whole call, who hung up);
    /// a live session does not re-run it per message. An `n/a` that holds
    /// from the start (no phrases in the call's language) is still reported
    /// at once.
    AtEnd,
    /// Over the history of the client's calls, after the call ends.
    CrossCall,
}

/// What was just added to a live call.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Pushed {
    /// The utterance with this index.
    Utterance(usize),
    /// A telephony event.
    Event,
}

/// Everything one check type knows about itself. Implemented by the
/// parameter struct of each type.
pub(crate) trait Kind {
    /// The signals the check reads.
    const SIGNALS: Signals;
    /// When it may be decided in a live call.
    const LIVENESS: Liveness;

    /// The `n/a` reason when an importer marked a signal the check needs as
    /// unknown (`import.hold = "unknown"`), in `lang`.
    fn unknown_signal(&self, _call: &Call, _lang: Lang) -> Option<String> {
        None
    }

    /// Whether what was just pushed can change an undecided verdict of an
    /// `Early` check, given the call so far. `false` saves re-running the
    /// decision; `true` is always correct.
    fn affected_by(&self, _v: &CallView, _pushed: Pushed) -> bool {
        true
    }

    /// The decision on the call so far.
    fn decide(&self, v: &CallView) -> Decision;
}

macro_rules! registry {
    ($($module:ident :: $kind:ident),* $(,)?) => {
        $(mod $module; pub use $module::$kind;)*

        /// What a rule checks, with its parameters resolved: one variant per
        /// check type, each holding that type's parameter struct.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum Check {
            $(
                #[doc = concat!("`type = \"", stringify!($module), "\"`")]
                $kind($kind),
            )*
        }

        $(impl From<$kind> for Check {
            fn from(c: $kind) -> Check {
                Check::$kind(c)
            }
        })*

        impl Check {
            /// Every check type's name, as the standard file spells it.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($module)),*];

            /// The check type's name, as the standard file spells it.
            pub fn name(&self) -> &'static str {
                match self {
                    $(Check::$kind(_) => stringify!($module),)*
                }
            }

            /// The signals the check reads.
            pub fn signals(&self) -> Signals {
                match self {
                    $(Check::$kind(_) => <$kind as Kind>::SIGNALS,)*
                }
            }

            /// When the check may be decided in a live call.
            pub fn liveness(&self) -> Liveness {
                match self {
                    $(Check::$kind(_) => <$kind as Kind>::LIVENESS,)*
                }
            }

            pub(crate) fn unknown_signal(&self, call: &Call, lang: Lang) -> Option<String> {
                match self {
                    $(Check::$kind(c) => c.unknown_signal(call, lang),)*
                }
            }

            pub(crate) fn affected_by(&self, v: &CallView, pushed: Pushed) -> bool {
                match self {
                    $(Check::$kind(c) => c.affected_by(v, pushed),)*
                }
            }

            /// Decides a per-call check (cross-call checks are decided over
            /// the client's history, in `crosscall.rs`).
            pub(crate) fn decide(&self, v: &CallView) -> Decision {
                crate::stats::count_decision();
                match self {
                    $(Check::$kind(c) => c.decide(v),)*
                }
            }
        }
    };
}

registry! {
    phrase_required::PhraseRequired,
    phrase_forbidden::PhraseForbidden,
    phrase_rate::PhraseRate,
    not_only::NotOnly,
    phrase_order::PhraseOrder,
    time_of_day::TimeOfDay,
    before_event::BeforeEvent,
    after_event::AfterEvent,
    event_duration::EventDuration,
    event_count::EventCount,
    answer_speed::AnswerSpeed,
    call_hours::CallHours,
    speech_pace::SpeechPace,
    interruptions::Interruptions,
    dead_air::DeadAir,
    name_usage::NameUsage,
    ask_name::AskName,
    trigger_response::TriggerResponse,
    hangup_by::HangupBy,
    profanity_protocol::ProfanityProtocol,
    callback_after_drop::CallbackAfterDrop,
    missed_callback::MissedCallback,
    repeat_calls::RepeatCalls,
    contact_frequency::ContactFrequency,
}

impl Check {
    /// Cross-call checks are decided over the calls of the same client.
    pub fn is_cross_call(&self) -> bool {
        self.liveness() == Liveness::CrossCall
    }
}
