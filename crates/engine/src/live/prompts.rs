//! Live prompts of one call: watches what arrives (events, speech and its
//! phrase sets, verdicts, the clock), fires the standard's `[[prompt]]`
//! triggers, shows each prompt at most once per call and at most one
//! prompt per gap of the call's clock, and decides whether the operator did
//! what the prompt asked within its window (`prompt_outcome`). It reads
//! what the session already knows and never feeds it: prompts change no
//! verdict.

use std::sync::Arc;

use callqa_model::{Event, EventKind, Outcome, Party, Severity, Verdict};

use super::protocol::Out;
use crate::sections::{FollowAction, Prompt, Trigger};
use crate::standard::{EventSel, SetMask, Standard};

/// The default gap between two prompts of one call, seconds of its clock.
pub const PROMPT_GAP_SECS: f64 = 5.0;

/// Speech the prompts have seen: who, when, which phrase sets.
struct Heard {
    speaker: Party,
    start: f64,
    end: f64,
    sets: Vec<usize>,
    /// The open segment it comes from (its stable text), replaced when the
    /// segment is sent again.
    segment: Option<String>,
}

/// A shown prompt waiting for its follow-up.
struct Waiting {
    prompt: usize,
    at: f64,
    until: f64,
}

/// The prompt state of one live call.
pub(crate) struct CallPrompts {
    std: Arc<Standard>,
    gap: f64,
    /// Per prompt of the standard: fired (shown, queued or dropped).
    fired: Vec<bool>,
    last_shown: Option<f64>,
    /// Fired while the gap was not over: (prompt, fired at).
    queued: Vec<(usize, f64)>,
    waiting: Vec<Waiting>,
    heard: Vec<Heard>,
    answered_at: Option<f64>,
    hold_since: Option<f64>,
}

fn said(sets: &[usize], mask: &SetMask) -> bool {
    sets.iter().any(|&s| mask.contains(s))
}

impl CallPrompts {
    pub(crate) fn new(std: Arc<Standard>, gap: f64) -> CallPrompts {
        let n = std.prompts().len();
        CallPrompts {
            std,
            gap,
            fired: vec![false; n],
            last_shown: None,
            queued: Vec::new(),
            waiting: Vec::new(),
            heard: Vec::new(),
            answered_at: None,
            hold_since: None,
        }
    }

    /// Whether the standard has any prompt with a trigger (else the call
    /// keeps no prompt state worth feeding).
    pub(crate) fn active(std: &Standard) -> bool {
        std.prompts().iter().any(|p| p.trigger.is_some())
    }

    /// A telephony event, as it arrives.
    pub(crate) fn event(&mut self, call: &str, e: &Event, out: &mut Vec<Out>) {
        match e.kind {
            EventKind::Answer => {
                self.answered_at.get_or_insert(e.at);
            }
            EventKind::HoldStart => {
                self.hold_since = Some(e.at);
                for i in 0..self.std.prompts().len() {
                    if let Some(Trigger::HoldStartedWithoutPermission {
                        phrases,
                        before_secs,
                    }) = &self.std.prompts()[i].trigger
                    {
                        let asked = self.heard.iter().any(|h| {
                            h.speaker == Party::Operator
                                && h.start <= e.at
                                && h.end >= e.at - before_secs
                                && said(&h.sets, phrases)
                        });
                        if !asked {
                            self.fire(call, i, e.at, out);
                        }
                    }
                }
            }
            EventKind::HoldEnd => self.hold_since = None,
            _ => {}
        }
        let sel = match e.kind {
            EventKind::Answer => EventSel::Answer,
            EventKind::HoldStart => EventSel::HoldStart,
            EventKind::HoldEnd => EventSel::HoldEnd,
            EventKind::Transfer { .. } => EventSel::Transfer,
            EventKind::Hangup { .. } => EventSel::Hangup,
            EventKind::Drop => EventSel::Drop,
            _ => return,
        };
        let std = self.std.clone();
        self.follow(call, out, e.at, |w| match &std.prompts()[w.prompt].follow {
            Some(f) => f.action == FollowAction::Event(sel) && e.at >= w.at,
            None => false,
        });
    }

    /// Speech, as it arrives: a final (`segment` `None`) or the stable
    /// text of an open segment, with the phrase sets it says.
    pub(crate) fn speech(
        &mut self,
        call: &str,
        speaker: Party,
        (start, end): (f64, f64),
        sets: Vec<usize>,
        segment: Option<&str>,
        out: &mut Vec<Out>,
    ) {
        let std = self.std.clone();
        if let Some(id) = segment {
            self.heard.retain(|h| h.segment.as_deref() != Some(id));
        }
        for (i, p) in std.prompts().iter().enumerate() {
            let fires = match &p.trigger {
                Some(Trigger::ClientSwore { phrases, warning }) => {
                    speaker == Party::Client
                        && said(&sets, phrases)
                        && !self
                            .heard
                            .iter()
                            .any(|h| h.speaker == Party::Operator && said(&h.sets, warning))
                }
                Some(Trigger::ClientAskedForAbsentColleague {
                    phrases,
                    speaker: s,
                }) => s.accepts(speaker) && said(&sets, phrases),
                _ => false,
            };
            if fires {
                self.fire(call, i, end, out);
            }
        }
        self.follow(call, out, end, |w| match &std.prompts()[w.prompt].follow {
            Some(f) => match &f.action {
                FollowAction::Say {
                    phrases,
                    speaker: s,
                } => s.accepts(speaker) && end >= w.at && said(&sets, phrases),
                FollowAction::Event(_) => false,
            },
            None => false,
        });
        if !sets.is_empty() {
            self.heard.push(Heard {
                speaker,
                start,
                end,
                sets,
                segment: segment.map(str::to_string),
            });
        }
    }

    /// A verdict the session decided.
    pub(crate) fn verdict(&mut self, call: &str, at: f64, v: &Verdict, out: &mut Vec<Out>) {
        if v.outcome != Outcome::Fail {
            return;
        }
        for i in 0..self.std.prompts().len() {
            if let Some(Trigger::RuleFailed { rule }) = &self.std.prompts()[i].trigger {
                if *rule == v.rule {
                    self.fire(call, i, at, out);
                }
            }
        }
    }

    /// The call's clock reached `now`: time triggers, queued prompts and
    /// follow-up windows that closed.
    pub(crate) fn clock(&mut self, call: &str, now: f64, out: &mut Vec<Out>) {
        for i in 0..self.std.prompts().len() {
            let due = match &self.std.prompts()[i].trigger {
                Some(Trigger::HoldLongerThan { secs }) => {
                    self.hold_since.map(|t| t + secs).filter(|&t| now >= t)
                }
                Some(Trigger::NoGreetingAfter { secs, phrases }) => {
                    self.answered_at.map(|t| t + secs).filter(|&t| {
                        now >= t
                            && !self.heard.iter().any(|h| {
                                h.speaker == Party::Operator
                                    && h.start <= t
                                    && said(&h.sets, phrases)
                            })
                    })
                }
                _ => None,
            };
            if due.is_some() {
                self.fire(call, i, now, out);
            }
        }
        self.release_queued(call, now, out);
        let closed: Vec<usize> = (0..self.waiting.len())
            .filter(|&k| now > self.waiting[k].until)
            .collect();
        for k in closed.into_iter().rev() {
            let w = self.waiting.remove(k);
            self.outcome(call, &w, w.until, false, out);
        }
    }

    /// The call ended at `at`: every follow-up still open was not done.
    pub(crate) fn end(&mut self, call: &str, at: f64, out: &mut Vec<Out>) {
        self.queued.clear();
        for w in std::mem::take(&mut self.waiting) {
            self.outcome(call, &w, at.min(w.until), false, out);
        }
    }

    fn fire(&mut self, call: &str, i: usize, at: f64, out: &mut Vec<Out>) {
        if self.fired[i] {
            return;
        }
        self.fired[i] = true;
        match self.last_shown {
            Some(last) if at < last + self.gap => self.queued.push((i, at)),
            _ => self.show(call, i, at, out),
        }
    }

    fn release_queued(&mut self, call: &str, now: f64, out: &mut Vec<Out>) {
        while let Some(&(i, fired_at)) = self.queued.first() {
            let next = self.last_shown.map_or(now, |l| l + self.gap);
            if now < next {
                return;
            }
            self.queued.remove(0);
            let at = now;
            // Past its window it would be stale: dropped, never shown.
            if at <= fired_at + self.std.prompts()[i].window() {
                self.show(call, i, at, out);
            }
        }
    }

    fn show(&mut self, call: &str, i: usize, at: f64, out: &mut Vec<Out>) {
        let p: &Prompt = &self.std.prompts()[i];
        let lang = self.std.report_language();
        self.last_shown = Some(at);
        let until = at + p.window();
        out.push(Out::Prompt {
            call: call.to_string(),
            at,
            id: p.id.clone(),
            rule: p.rule.clone(),
            text: p.text.get(lang).unwrap_or_default().to_string(),
            severity: p
                .rule
                .as_deref()
                .and_then(|r| self.std.rule(r))
                .map_or(Severity::Minor, |r| r.severity),
            expires_at: until,
        });
        if p.follow.is_some() {
            self.waiting.push(Waiting {
                prompt: i,
                at,
                until,
            });
        }
    }

    /// Decides the waiting prompts `done` accepts as followed at `at`.
    fn follow(&mut self, call: &str, out: &mut Vec<Out>, at: f64, done: impl Fn(&Waiting) -> bool) {
        let mut k = 0;
        while k < self.waiting.len() {
            if at <= self.waiting[k].until && done(&self.waiting[k]) {
                let w = self.waiting.remove(k);
                self.outcome(call, &w, at, true, out);
            } else {
                k += 1;
            }
        }
    }

    fn outcome(&self, call: &str, w: &Waiting, at: f64, followed: bool, out: &mut Vec<Out>) {
        let p = &self.std.prompts()[w.prompt];
        out.push(Out::PromptOutcome {
            call: call.to_string(),
            at,
            id: p.id.clone(),
            rule: p.rule.clone(),
            followed,
        });
    }
}
