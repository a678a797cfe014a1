//! Live evaluation: a call's events and utterances arrive one by one, and
//! each rule's verdict is reported as soon as no later data can change it
//! (a forbidden word at once, a missing greeting when the opening is over).
//! The rest is decided when the call ends. Early verdicts are the verdicts
//! the batch audit gives on the whole call.

use std::sync::Arc;

use callqa_model::{Call, Event, Utterance, Verdict};

use std::borrow::Cow;

use crate::check::Pushed;
use crate::context::{
    push_turn, sample_bytes, Analysis, CallView, Prepared, Reach, Turn, LANGUAGE_SAMPLE_BYTES,
};
use crate::crosscall::Evaluated;
use crate::evaluate::{evaluate_open, evaluate_pushed};
use crate::standard::Standard;

/// A call in progress. It owns a handle on the compiled standard, so a
/// server can swap the active revision while older calls finish on theirs.
pub struct Session {
    std: Arc<Standard>,
    call: Call,
    prepared: Option<Prepared>,
    analyses: Vec<Analysis>,
    /// Turns of the speech so far, grown per utterance.
    turns: Vec<Turn>,
    reach: Reach,
    slots: Vec<Option<Verdict>>,
    /// Rules already run on the call so far (each then re-runs only when
    /// a pushed message can change it).
    tried: Vec<bool>,
    /// Utterances received before the language is settled (a call without
    /// `language` is detected from the same sample as in a batch audit), and
    /// the bytes of that sample so far.
    unsettled: Vec<Utterance>,
    sample: usize,
}

impl Session {
    /// Starts a live call. `header` carries the call's fields; its events and
    /// utterances, if any, are taken as already received.
    pub fn new(std: Arc<Standard>, header: Call) -> Session {
        let mut call = header;
        let events = std::mem::take(&mut call.events);
        let utterances = std::mem::take(&mut call.utterances);
        let mut s = Session {
            call,
            prepared: None,
            analyses: Vec::new(),
            turns: Vec::new(),
            reach: Reach::default(),
            slots: vec![None; std.rules.len()],
            tried: vec![false; std.rules.len()],
            unsettled: Vec::new(),
            sample: 0,
            std,
        };
        for e in events {
            s.call.events.push(e);
        }
        for u in utterances {
            s.add_utterance(u);
        }
        s
    }

    fn add_utterance(&mut self, u: Utterance) {
        if self.prepared.is_none() {
            // The language is the batch audit's: the record's, else detected
            // from the first utterances up to the sample size. Until then
            // the speech waits (no rule reads it).
            self.sample += sample_bytes(&u.text);
            self.unsettled.push(u);
            if self.call.language.is_none() && self.sample <= LANGUAGE_SAMPLE_BYTES {
                return;
            }
            self.settle();
            return;
        }
        self.analyze(u);
    }

    /// Fixes the language on the utterances received so far and analyses
    /// them.
    fn settle(&mut self) {
        let waiting = std::mem::take(&mut self.unsettled);
        self.call.utterances.extend(waiting.iter().cloned());
        self.prepared = Some(Prepared::new(&self.std, &self.call));
        self.call.utterances.clear();
        for u in waiting {
            self.analyze(u);
        }
    }

    fn analyze(&mut self, u: Utterance) {
        let p = self.prepared.as_ref().expect("the language is settled");
        let analysis = p.analyze(&self.std, &u.text);
        push_turn(
            &mut self.turns,
            self.analyses.len(),
            &u,
            analysis.backchannel,
        );
        self.reach.push(&u, analysis.backchannel);
        self.analyses.push(analysis);
        self.call.utterances.push(u);
    }

    /// Adds an event; returns the verdicts it decided.
    pub fn push_event(&mut self, event: Event) -> Vec<Verdict> {
        self.call.events.push(event);
        self.decide(Pushed::Event)
    }

    /// Adds an utterance (in order of `start`); returns the verdicts it
    /// decided.
    pub fn push_utterance(&mut self, utterance: Utterance) -> Vec<Verdict> {
        self.add_utterance(utterance);
        match self.call.utterances.len() {
            0 => Vec::new(), // waits for the language
            n => self.decide(Pushed::Utterance(n - 1)),
        }
    }

    /// Re-runs the open rules the pushed message can affect.
    fn decide(&mut self, pushed: Pushed) -> Vec<Verdict> {
        let before: Vec<bool> = self.slots.iter().map(Option::is_some).collect();
        match &self.prepared {
            Some(p) => {
                let view = CallView::with_turns(
                    &self.std,
                    &self.call,
                    &self.analyses,
                    p.lang,
                    &p.unknown,
                    false,
                    Cow::Borrowed(&self.turns),
                    self.reach,
                );
                evaluate_pushed(
                    &self.std,
                    &view,
                    &mut self.slots,
                    &mut self.tried,
                    pushed,
                    |_| true,
                );
            }
            None => {
                // Without speech only rules that read no transcript can be
                // decided; text rules would wrongly see "no transcript".
                let lang = self.call.language.unwrap_or(self.std.fallback_language);
                let view = CallView::new(&self.std, &self.call, &[], lang, &[], false);
                evaluate_pushed(
                    &self.std,
                    &view,
                    &mut self.slots,
                    &mut self.tried,
                    pushed,
                    |rule| !rule.check.signals().transcript,
                );
            }
        }
        newly(&before, &self.slots)
    }

    /// The verdicts decided so far, in rule order.
    pub fn decided(&self) -> impl Iterator<Item = &Verdict> {
        self.slots.iter().flatten()
    }

    /// Ends the call: decides every per-call rule on the whole call, exactly
    /// as a batch audit does. An early verdict keeps its outcome; its message
    /// and evidence now cover the whole call («3 × slang», not the first
    /// one). Push the result into a [`crate::Batch`] for the cross-call
    /// rules and the score.
    pub fn finish(mut self) -> Evaluated {
        if !self.unsettled.is_empty() {
            self.settle();
        }
        let lang = self
            .prepared
            .as_ref()
            .map(|p| p.lang)
            .unwrap_or(self.call.language.unwrap_or(self.std.fallback_language));
        let unknown = self
            .prepared
            .as_ref()
            .map(|p| p.unknown.as_slice())
            .unwrap_or(&[]);
        let view = CallView::new(&self.std, &self.call, &self.analyses, lang, unknown, true);
        let mut slots = vec![None; self.std.rules.len()];
        evaluate_open(&self.std, &view, &mut slots);
        self.std.close_cross_call_na(&self.call, lang, &mut slots);
        for (early, last) in self.slots.iter().zip(&slots) {
            if let (Some(e), Some(l)) = (early, last) {
                debug_assert_eq!(
                    e.outcome, l.outcome,
                    "rule {} was decided early as {:?}",
                    e.rule, e.outcome
                );
            }
        }
        Evaluated::new(&self.call, lang, slots)
    }

    /// Metadata learnt after the start (live `update`): replaces the
    /// operator or the client, adds or replaces tags. Verdicts already
    /// decided stay as they are.
    pub fn update(
        &mut self,
        operator: Option<callqa_model::Operator>,
        client: Option<callqa_model::Client>,
        tags: std::collections::BTreeMap<String, String>,
    ) {
        if let Some(op) = operator {
            self.call.operator = op;
        }
        if let Some(c) = client {
            self.call.client = c;
        }
        self.call.tags.extend(tags);
    }

    /// The phrase sets `text` says (matches not under a negation), as set
    /// indices: what live prompts read. Matched as the call's utterances are
    /// (its language and placeholders); before the first utterance, the
    /// language is detected from `text` itself, as the session will.
    pub fn sets_in(&self, text: &str) -> Vec<usize> {
        let said = |p: &Prepared| {
            let a = p.analyze(&self.std, text);
            let mut sets: Vec<usize> = a
                .matches
                .iter()
                .filter(|m| !m.negated)
                .map(|m| m.set.0 as usize)
                .collect();
            sets.sort_unstable();
            sets.dedup();
            sets
        };
        match &self.prepared {
            Some(p) => said(p),
            None => {
                let mut call = self.call.clone();
                call.utterances.push(Utterance {
                    speaker: callqa_model::Party::Operator,
                    start: 0.0,
                    end: 0.0,
                    text: text.to_string(),
                    words: Vec::new(),
                });
                said(&Prepared::new(&self.std, &call))
            }
        }
    }

    /// The phrase sets the last pushed utterance says, like [`Session::sets_in`]
    /// without analysing the text again.
    pub fn last_sets(&self) -> Vec<usize> {
        let Some(a) = self.analyses.last() else {
            return Vec::new();
        };
        let mut sets: Vec<usize> = a
            .matches
            .iter()
            .filter(|m| !m.negated)
            .map(|m| m.set.0 as usize)
            .collect();
        sets.sort_unstable();
        sets.dedup();
        sets
    }

    /// The call's fields as received so far.
    pub fn call(&self) -> &Call {
        &self.call
    }
}

fn newly(before: &[bool], slots: &[Option<Verdict>]) -> Vec<Verdict> {
    before
        .iter()
        .zip(slots)
        .filter(|(b, s)| !**b && s.is_some())
        .filter_map(|(_, s)| s.clone())
        .collect()
}
