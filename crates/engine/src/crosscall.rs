//! Auditing calls together: per-call evaluation, then the cross-call rules
//! (a call-back after a dropped line or a missed call, repeated outbound
//! calls, contact frequency limits) over the calls given to one run, linked
//! by `client.id`, else `client.number`. Scores are computed last, once
//! every verdict is known.

use std::collections::HashMap;
use std::sync::Arc;

use callqa_model::{Call, CallAudit, Direction, EventKind, Evidence, Lang, Verdict};

use crate::check::{CallbackAfterDrop, ContactFrequency, Decision, MissedCallback, RepeatCalls};
use crate::context::{clock, Analysis, CallView, Prepared};
use crate::evaluate::{evaluate_open, from_decision, na_verdict, not_applicable};
use crate::score::score;
use crate::standard::{Check, Rule, Standard};

/// What cross-call rules need to know of a call.
#[derive(Clone, Debug)]
pub(crate) struct Facts {
    id: String,
    client: Option<String>,
    direction: Direction,
    /// Unix time of `started_at`, in seconds.
    start: Option<f64>,
    answered: bool,
    has_events: bool,
    /// Seconds after start when the line dropped.
    dropped_at: Option<f64>,
    ended_at: f64,
}

impl Facts {
    fn of(call: &Call) -> Facts {
        Facts {
            id: call.id.clone(),
            client: call.client.link_key().map(str::to_string),
            direction: call.direction,
            start: call
                .started_at
                .map(|t| t.unix_timestamp() as f64 + t.nanosecond() as f64 / 1e9),
            answered: call.answered_at().is_some(),
            has_events: call.has_events(),
            dropped_at: call
                .events
                .last()
                .filter(|e| matches!(e.kind, EventKind::Drop))
                .map(|e| e.at),
            ended_at: call.ended_at(),
        }
    }
}

/// One call evaluated on its own, waiting for the cross-call rules.
#[derive(Debug)]
pub struct Evaluated {
    pub(crate) call_id: String,
    pub(crate) operator: String,
    pub(crate) slots: Vec<Option<Verdict>>,
    pub(crate) facts: Facts,
}

impl Standard {
    /// Evaluates every per-call rule on a complete call. `Evaluated` is
    /// `Send`, so calls can be evaluated on several threads and collected
    /// into one [`Batch`].
    pub fn evaluate_call(&self, call: &Call) -> Evaluated {
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
        let mut slots = vec![None; self.rules.len()];
        evaluate_open(self, &view, &mut slots);
        self.close_cross_call_na(call, prepared.lang, &mut slots);
        Evaluated::new(call, slots)
    }

    pub(crate) fn close_cross_call_na(
        &self,
        call: &Call,
        lang: Lang,
        slots: &mut [Option<Verdict>],
    ) {
        for (rule, slot) in self.rules.iter().zip(slots.iter_mut()) {
            if slot.is_none() && rule.check.is_cross_call() {
                if let Some(reason) = not_applicable(rule, call, lang) {
                    *slot = Some(na_verdict(rule, reason));
                }
            }
        }
    }

    /// Audits one call on its own (cross-call rules see only this call).
    pub fn audit_call(&self, call: &Call) -> CallAudit {
        finish_calls(self, vec![self.evaluate_call(call)])
            .pop()
            .expect("one call in, one audit out")
    }
}

impl Evaluated {
    pub(crate) fn new(call: &Call, slots: Vec<Option<Verdict>>) -> Evaluated {
        Evaluated {
            call_id: call.id.clone(),
            operator: call.operator.id.clone(),
            slots,
            facts: Facts::of(call),
        }
    }
}

/// The calls of one audit run, for the rules that look across calls.
pub struct Batch {
    std: Arc<Standard>,
    calls: Vec<Evaluated>,
}

impl Batch {
    pub fn new(std: Arc<Standard>) -> Batch {
        Batch {
            std,
            calls: Vec::new(),
        }
    }

    /// Evaluates and adds a call.
    pub fn add(&mut self, call: &Call) {
        let e = self.std.evaluate_call(call);
        self.push(e);
    }

    pub fn push(&mut self, evaluated: Evaluated) {
        self.calls.push(evaluated);
    }

    pub fn len(&self) -> usize {
        self.calls.len()
    }

    pub fn is_empty(&self) -> bool {
        self.calls.is_empty()
    }

    /// Decides the cross-call rules and scores every call, in the order the
    /// calls were added.
    pub fn finish(self) -> Vec<CallAudit> {
        finish_calls(&self.std, self.calls)
    }
}

fn finish_calls(std: &Standard, calls: Vec<Evaluated>) -> Vec<CallAudit> {
    let facts: Vec<Facts> = calls.iter().map(|c| c.facts.clone()).collect();
    let mut by_client: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, f) in facts.iter().enumerate() {
        if let Some(k) = &f.client {
            by_client.entry(k.as_str()).or_default().push(i);
        }
    }
    let mut out = Vec::with_capacity(calls.len());
    for (i, mut c) in calls.into_iter().enumerate() {
        for (rule, slot) in std.rules.iter().zip(c.slots.iter_mut()) {
            if slot.is_none() {
                let others: &[usize] = c
                    .facts
                    .client
                    .as_deref()
                    .and_then(|k| by_client.get(k))
                    .map_or(&[], |v| v);
                let d = decide_cross(std, rule, i, &facts, others);
                *slot = Some(
                    from_decision(rule, d).unwrap_or_else(|| na_verdict(rule, "undecided".into())),
                );
            }
        }
        let verdicts: Vec<Verdict> = c.slots.into_iter().flatten().collect();
        let (score, passed) = score(&verdicts);
        out.push(CallAudit {
            call: c.call_id,
            standard: std.label(),
            score,
            passed,
            operator: Some(c.operator).filter(|o| !o.is_empty()),
            verdicts,
        });
    }
    out
}

fn call_evidence(f: &Facts, what: String) -> Evidence {
    Evidence {
        speaker: None,
        start: 0.0,
        end: 0.0,
        quote: format!("{what}: call {}", f.id),
    }
}

fn decide_cross(
    std: &Standard,
    rule: &Rule,
    me: usize,
    all: &[Facts],
    same_client: &[usize],
) -> Decision {
    use crate::check::{fail, na};
    let f = &all[me];
    let Some(start) = f.start else {
        return na("the call has no start time");
    };
    if f.client.is_none() {
        return na("the record has no client id or number to link calls");
    }
    let others = || {
        same_client
            .iter()
            .copied()
            .filter(move |&j| j != me)
            .map(|j| &all[j])
    };
    match &rule.check {
        Check::CallbackAfterDrop(CallbackAfterDrop {
            within_secs,
            initiator,
        }) => {
            let Some(drop) = f.dropped_at else {
                return na("the line did not drop");
            };
            if f.direction.initiator() != *initiator {
                return na(format!(
                    "the {} placed the call and redials after a drop",
                    f.direction.initiator().as_str()
                ));
            }
            let t = start + drop;
            let back = others()
                .filter(|o| o.direction == Direction::Outbound)
                .filter_map(|o| o.start.map(|s| (s, o)))
                .filter(|(s, _)| *s >= t && *s <= t + within_secs)
                .min_by(|a, b| a.0.total_cmp(&b.0));
            match back {
                Some((s, o)) => Decision::Pass(vec![call_evidence(
                    o,
                    format!("called back {} after the drop", clock(s - t)),
                )]),
                None => fail(
                    format!(
                        "the line dropped at {} and nobody called the client back within {}",
                        clock(drop),
                        clock(*within_secs)
                    ),
                    Vec::new(),
                ),
            }
        }
        Check::MissedCallback(MissedCallback { within_secs }) => {
            if !f.has_events {
                return na("no telephony events to tell a missed call");
            }
            if f.answered || f.direction != Direction::Inbound {
                return na("not a missed inbound call");
            }
            if f.ended_at < std.settings.ring_cycle_secs {
                return na(format!(
                    "a ping: it rang {:.0} s, less than one ring",
                    f.ended_at
                ));
            }
            let t = start + f.ended_at;
            let back = others()
                .filter(|o| o.direction == Direction::Outbound)
                .filter_map(|o| o.start.map(|s| (s, o)))
                .filter(|(s, _)| *s >= start && *s <= t + within_secs)
                .min_by(|a, b| a.0.total_cmp(&b.0));
            match back {
                Some((s, o)) => Decision::Pass(vec![call_evidence(
                    o,
                    format!("called back {} after the missed call", clock(s - t)),
                )]),
                None => fail(
                    format!("missed call not called back within {}", clock(*within_secs)),
                    Vec::new(),
                ),
            }
        }
        Check::RepeatCalls(RepeatCalls { max, period_secs }) => {
            if f.direction != Direction::Outbound {
                return na("not an outbound call");
            }
            let before: Vec<&Facts> = others()
                .filter(|o| o.direction == Direction::Outbound)
                .filter(|o| {
                    o.start.is_some_and(|s| {
                        s < start && s >= start - period_secs || (s == start && o.id < f.id)
                    })
                })
                .collect();
            if before.len() >= *max {
                let ids: Vec<&str> = before.iter().map(|o| o.id.as_str()).collect();
                fail(
                    format!(
                        "{} outbound calls to this client in the {:.0} h before this one ({}); at most {} allowed",
                        before.len(),
                        period_secs / 3600.0,
                        ids.join(", "),
                        max.saturating_sub(1)
                    ),
                    Vec::new(),
                )
            } else {
                Decision::Pass(Vec::new())
            }
        }
        Check::ContactFrequency(ContactFrequency {
            per_day,
            per_week,
            per_month,
        }) => {
            if !f.answered {
                return na("the call was not answered");
            }
            let count = |secs: f64| {
                1 + others()
                    .filter(|o| o.answered)
                    .filter(|o| {
                        o.start.is_some_and(|s| {
                            (s < start || (s == start && o.id < f.id)) && s > start - secs
                        })
                    })
                    .count()
            };
            for (limit, secs, what) in [
                (*per_day, 86400.0, "24 hours"),
                (*per_week, 7.0 * 86400.0, "7 days"),
                (*per_month, 30.0 * 86400.0, "30 days"),
            ] {
                let n = count(secs);
                if n > limit {
                    return fail(
                        format!(
                            "{n} answered calls to this debtor within {what}; the limit is {limit}"
                        ),
                        Vec::new(),
                    );
                }
            }
            Decision::Pass(Vec::new())
        }
        _ => na("not a cross-call rule"),
    }
}
