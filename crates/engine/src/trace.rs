//! Tracing one rule on one call, for `callqa standard explain`: the call's
//! language, the windows the rule looks at (which utterances, which
//! times), and every match of the rule's phrase sets in them, with the
//! entry that matched and how. The verdict itself comes from the ordinary
//! evaluation; a trace only shows what it read.

use callqa_model::{Call, Lang, Party};

use crate::check::Check;
use crate::context::{clock, Analysis, CallView, Prepared};
use crate::evaluate::not_applicable;
use crate::standard::{model_language, EventSel, SetMask, SpeakerSel, Standard, Window};

/// What one rule read on one call.
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    /// The language the call was matched in.
    pub language: Lang,
    /// When the conversation started (the answer, else the first speech), s.
    pub connect: f64,
    /// When the call ended (its last event or speech), s.
    pub end: f64,
    /// Why the rule does not apply to the call, from its `when` and the
    /// signals it needs (`None`: it applies).
    pub not_applicable: Option<String>,
    /// The windows the rule looks at, in the order the check reads them.
    pub windows: Vec<TraceWindow>,
    /// Every utterance of the call, with the matches of the rule's sets.
    pub utterances: Vec<TracedUtterance>,
}

/// One part of the call a rule looks at.
#[derive(Clone, Debug, PartialEq)]
pub struct TraceWindow {
    /// The window in words: «the opening (0:04–0:12)», «the 30 s before
    /// the hold_start at 1:05».
    pub label: String,
    /// The standard's window, when the check cuts one (not around events).
    pub window: Option<Window>,
    /// The event a window is cut around: its selector, its time, how many
    /// seconds, and whether the window is before it (else after it).
    pub around: Option<(EventSel, f64, f64, bool)>,
    /// First start and last end of its utterances.
    pub span: Option<(f64, f64)>,
    /// Whose speech counts.
    pub speaker: SpeakerSel,
    /// The utterances in it (indices into [`Trace::utterances`]).
    pub utterances: Vec<usize>,
}

/// One utterance, with what the rule's sets matched in it.
#[derive(Clone, Debug, PartialEq)]
pub struct TracedUtterance {
    /// Who spoke.
    pub speaker: Party,
    /// Start, seconds from the start of the record.
    pub start: f64,
    /// End, seconds.
    pub end: f64,
    /// The text as received.
    pub text: String,
    /// Matches of the rule's phrase sets, in text order.
    pub matches: Vec<TracedMatch>,
}

/// One match of a phrase set.
#[derive(Clone, Debug, PartialEq)]
pub struct TracedMatch {
    /// The set's name.
    pub set: String,
    /// The entry that matched, as written in the standard.
    pub entry: String,
    /// How it matched: «matched «спасибо … за терпение» with 2 words between».
    pub how: String,
    /// The matched words of the utterance.
    pub quote: String,
    /// Whether a negation stands before it («не могу помочь»).
    pub negated: bool,
}

/// The phrase sets a check reads, in the order its parameters list them.
pub fn check_sets(check: &Check) -> Vec<&SetMask> {
    match check {
        Check::PhraseRequired(c) => vec![&c.sets],
        Check::PhraseForbidden(c) => vec![&c.sets],
        Check::PhraseRate(c) => vec![&c.sets],
        Check::NotOnly(c) => vec![&c.sets],
        Check::PhraseOrder(c) => vec![&c.first, &c.then],
        Check::TimeOfDay(c) => c.periods.iter().map(|p| &p.sets).collect(),
        Check::BeforeEvent(c) => vec![&c.sets],
        Check::AfterEvent(c) => vec![&c.sets],
        Check::NameUsage(c) => vec![&c.address, &c.intro, &c.own_intro, &c.ask],
        Check::AskName(c) => vec![&c.sets, &c.intro],
        Check::TriggerResponse(c) => vec![&c.trigger, &c.response],
        Check::HangupBy(c) => c.profanity.iter().chain(c.warning.iter()).collect(),
        Check::ProfanityProtocol(c) => vec![&c.profanity, &c.warning],
        _ => Vec::new(),
    }
}

impl Standard {
    /// What the enabled rule `rule_id` reads on `call`; `None` when the
    /// standard has no such enabled rule.
    pub fn trace(&self, rule_id: &str, call: &Call) -> Option<Trace> {
        let rule = self.rule(rule_id)?;
        let prepared = Prepared::new(self, call);
        let analyses: Vec<Analysis> = call
            .utterances
            .iter()
            .map(|u| prepared.analyze(self, &u.text))
            .collect();
        let view = CallView::new(
            self,
            call,
            &analyses,
            prepared.lang,
            &prepared.unknown,
            true,
        );
        let sets = check_sets(&rule.check);
        let utterances = call
            .utterances
            .iter()
            .zip(&analyses)
            .map(|(u, a)| TracedUtterance {
                speaker: u.speaker,
                start: u.start,
                end: u.end,
                text: u.text.clone(),
                matches: a
                    .matches
                    .iter()
                    .filter(|m| sets.iter().any(|s| s.contains(m.set.0 as usize)))
                    .map(|m| (m, self.book(model_language(m.lang))))
                    .map(|(m, book)| TracedMatch {
                        set: book.set_name(m.set).to_string(),
                        entry: book.entry_text(m).to_string(),
                        how: book.explain(m),
                        quote: u.text.get(m.start..m.end).unwrap_or(&u.text).to_string(),
                        negated: m.negated,
                    })
                    .collect(),
            })
            .collect();
        Some(Trace {
            language: prepared.lang,
            connect: view.connect,
            end: view.end,
            not_applicable: not_applicable(rule, call, prepared.lang, self.report_language()),
            windows: windows(&view, &rule.check),
            utterances,
        })
    }
}

fn span(view: &CallView, utts: &[usize]) -> Option<(f64, f64)> {
    Some((
        view.utts()[*utts.first()?].start,
        view.utts()[*utts.last()?].end,
    ))
}

fn one(view: &CallView, window: &Window, speaker: SpeakerSel) -> TraceWindow {
    let utts = view.window(window, speaker);
    let span = span(view, &utts);
    let times = span
        .map(|(a, b)| format!(" ({}–{})", clock(a), clock(b)))
        .unwrap_or_default();
    TraceWindow {
        label: format!("{}{times}", window.label()),
        window: Some(window.clone()),
        around: None,
        span,
        speaker,
        utterances: utts,
    }
}

/// A window around the event at `at`: `within` seconds before it, or the
/// first words after it.
fn around(
    view: &CallView,
    (sel, at, within, before): (EventSel, f64, f64, bool),
    speaker: SpeakerSel,
) -> TraceWindow {
    let utts = view.utts();
    let utterances: Vec<usize> = if before {
        (0..utts.len())
            .filter(|&i| {
                let u = &utts[i];
                speaker.accepts(u.speaker) && u.start <= at + 0.5 && u.end >= at - within
            })
            .collect()
    } else {
        (0..utts.len())
            .find(|&i| speaker.accepts(utts[i].speaker) && utts[i].start >= at - 0.5)
            .into_iter()
            .collect()
    };
    let label = if before {
        format!("the {within} s before the {} at {}", sel.name(), clock(at))
    } else {
        format!(
            "the first words within {within} s after the {} at {}",
            sel.name(),
            clock(at)
        )
    };
    TraceWindow {
        label,
        window: None,
        around: Some((sel, at, within, before)),
        span: span(view, &utterances),
        speaker,
        utterances,
    }
}

fn event_times(view: &CallView, sel: EventSel) -> Vec<f64> {
    view.call
        .events
        .iter()
        .filter(|e| crate::check::shared::event_matches(&e.kind, sel))
        .map(|e| e.at)
        .collect()
}

/// The windows a check reads, as the check's own decision cuts them.
fn windows(view: &CallView, check: &Check) -> Vec<TraceWindow> {
    match check {
        Check::PhraseRequired(c) => vec![one(view, &c.window, c.speaker)],
        Check::PhraseForbidden(c) => vec![one(view, &c.window, c.speaker)],
        Check::PhraseOrder(c) => vec![one(view, &c.window, c.speaker)],
        Check::TimeOfDay(c) => vec![one(view, &c.window, c.speaker)],
        Check::PhraseRate(c) => vec![one(view, &Window::Call, c.speaker)],
        Check::NotOnly(c) => vec![one(view, &Window::FirstTurns(1), c.speaker)],
        Check::BeforeEvent(c) => event_times(view, c.event)
            .into_iter()
            .map(|t| around(view, (c.event, t, c.within, true), c.speaker))
            .collect(),
        Check::AfterEvent(c) => event_times(view, c.event)
            .into_iter()
            .map(|t| around(view, (c.event, t, c.within, false), c.speaker))
            .collect(),
        Check::NameUsage(_) | Check::AskName(_) => {
            vec![one(view, &Window::Call, SpeakerSel::Only(Party::Operator))]
        }
        Check::TriggerResponse(_) | Check::ProfanityProtocol(_) | Check::HangupBy(_) => {
            vec![one(view, &Window::Call, SpeakerSel::Any)]
        }
        Check::SpeechPace(c) => vec![one(view, &Window::Call, c.speaker)],
        _ => Vec::new(),
    }
}
