//! The cross-call rules (a call-back after a dropped line or a missed call,
//! repeated outbound calls, contact frequency limits), decided for one call
//! against a [`History`] of the others, linked by `client.id`, else
//! `client.number`.
//!
//! A decision may have to wait: a missed call's 30-minute call-back window
//! is open until the history is known past its end. [`Horizon`] says how far
//! it is known; a rule whose window reaches beyond stays pending with the
//! time it waits for. When the input is over, a window still open gives
//! `n/a` "window still open at the end of the input" (in the report
//! language: [`still_open`]). Messages name at most
//! [`NAMED`] other calls, however many there are.

use callqa_model::{Call, CallAudit, CallInfo, Evidence, Lang, Verdict};

use crate::check::{
    fail, na, CallbackAfterDrop, ContactFrequency, Decision, MissedCallback, RepeatCalls,
};
use crate::context::{clock, Analysis, CallView, Prepared};
use crate::evaluate::{evaluate_open, from_decision, na_verdict, not_applicable};
use crate::history::{CallFacts, History, Only, Query};
use crate::messages::{self as msg, m, Msg, Noun};
use crate::score::{score_verdicts, to_be_marked};
use crate::standard::{Check, Rule, Standard};

/// How many other calls a message names («c1, c2, c3 and 45 more»).
pub const NAMED: usize = 3;

/// The reason of a cross-call verdict whose window outlasts the input.
pub const STILL_OPEN: &str = "window still open at the end of the input";

/// The reason of a cross-call verdict whose window is still open when the
/// input ends, in `lang` ([`STILL_OPEN`] in English).
pub fn still_open(lang: Lang) -> String {
    m!(lang, Msg::StillOpen)
}

/// How far the history of other calls is known.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Horizon {
    /// Every call that started before this Unix time is in the history.
    pub known_until: f64,
    /// The input is over and reaches this Unix time (the latest end of a
    /// call in it): windows past it stay open for good.
    pub input_end: Option<f64>,
}

impl Horizon {
    /// The whole input is in the history; it reaches `latest`.
    pub fn complete(latest: f64) -> Horizon {
        Horizon {
            known_until: f64::INFINITY,
            input_end: Some(latest),
        }
    }

    /// Calls that started before `known_until` are in the history; more
    /// may come.
    pub fn until(known_until: f64) -> Horizon {
        Horizon {
            known_until,
            input_end: None,
        }
    }
}

/// One call evaluated on its own, waiting for the cross-call rules.
#[derive(Debug)]
pub struct Evaluated {
    pub(crate) call_id: String,
    pub(crate) operator: String,
    pub(crate) info: CallInfo,
    pub(crate) slots: Vec<Option<Verdict>>,
    pub(crate) facts: CallFacts,
}

impl Evaluated {
    pub(crate) fn new(call: &Call, lang: Lang, slots: Vec<Option<Verdict>>) -> Evaluated {
        Evaluated {
            call_id: call.id.clone(),
            operator: call.operator.id.clone(),
            info: CallInfo::of(call, Some(lang)),
            slots,
            facts: CallFacts::of(call),
        }
    }

    /// The call id.
    pub fn call_id(&self) -> &str {
        &self.call_id
    }

    /// What the cross-call rules of other calls need to know of this one.
    pub fn facts(&self) -> &CallFacts {
        &self.facts
    }

    /// Whether every rule is decided.
    pub fn is_decided(&self) -> bool {
        self.slots.iter().all(Option::is_some)
    }
}

impl Standard {
    /// Evaluates every per-call rule on a complete call. `Evaluated` is
    /// `Send`, so calls can be evaluated on several threads.
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
        Evaluated::new(call, prepared.lang, slots)
    }

    pub(crate) fn close_cross_call_na(
        &self,
        call: &Call,
        lang: Lang,
        slots: &mut [Option<Verdict>],
    ) {
        for (rule, slot) in self.rules.iter().zip(slots.iter_mut()) {
            if slot.is_none() && rule.check.is_cross_call() {
                if let Some(reason) = not_applicable(rule, call, lang, self.report_language()) {
                    *slot = Some(na_verdict(rule, reason));
                }
            }
        }
    }

    /// Audits one call on its own (cross-call rules see only this call).
    pub fn audit_call(&self, call: &Call) -> CallAudit {
        let mut e = self.evaluate_call(call);
        let mut history = crate::history::MemoryHistory::new();
        history.insert(e.facts.clone());
        let latest = history.latest().unwrap_or(f64::INFINITY);
        self.decide_cross_calls(&mut e, &history, Horizon::complete(latest));
        self.audit_of(e)
    }

    /// Decides the cross-call rules still open on `e` that `history` can
    /// decide at `horizon`. Returns `None` when every rule is decided, else
    /// the Unix time the history must be known past for the rest.
    pub fn decide_cross_calls(
        &self,
        e: &mut Evaluated,
        history: &dyn History,
        horizon: Horizon,
    ) -> Option<f64> {
        let mut wait: Option<f64> = None;
        let mut scratch = Vec::new();
        for (rule, slot) in self.rules.iter().zip(e.slots.iter_mut()) {
            if slot.is_some() {
                continue;
            }
            match decide_cross(self, rule, &e.facts, history, horizon, &mut scratch) {
                Cross::Decided(d) => {
                    *slot = Some(
                        from_decision(rule, d)
                            .unwrap_or_else(|| na_verdict(rule, "undecided".into())),
                    );
                }
                Cross::Until(t) => wait = Some(wait.map_or(t, |w: f64| w.max(t))),
            }
        }
        wait
    }

    /// Gives the audit's rule and item titles in `lang` (audits come with
    /// those of the report language); a text without that language keeps
    /// its fallback. Evidence quotes stay as spoken. Verdict messages,
    /// reasons and facts are written when the call is audited, in the
    /// report language: for all of them in another language, audit with a
    /// standard given that language ([`Standard::set_report_language`]).
    pub fn localize(&self, audit: &mut CallAudit, lang: Lang) {
        for v in &mut audit.verdicts {
            let title = if v.manual {
                self.manual_items()
                    .iter()
                    .find(|m| m.id == v.rule)
                    .and_then(|m| m.title.get(lang))
            } else {
                self.rule(&v.rule).and_then(|r| r.titles.get(lang))
            };
            if let Some(t) = title {
                v.title = t.to_string();
            }
        }
    }

    /// Scores a call whose rules are decided (a rule still open counts as
    /// `n/a` "undecided") into its audit.
    pub fn audit_of(&self, e: Evaluated) -> CallAudit {
        let lang = self.report_language();
        let mut verdicts: Vec<Verdict> = self
            .rules
            .iter()
            .zip(e.slots)
            .map(|(rule, s)| {
                let mut v = s.unwrap_or_else(|| na_verdict(rule, "undecided".into()));
                v.title = rule.titles.get(lang).unwrap_or(&rule.title).to_string();
                v
            })
            .collect();
        for m in self.manual_items() {
            let mut v = Verdict::new(
                m.id.clone(),
                callqa_model::Outcome::NotApplicable,
                callqa_model::Severity::Minor,
                m.weight,
            );
            v.title = m.title.get(lang).unwrap_or_default().to_string();
            v.reason = Some(to_be_marked(lang));
            v.manual = true;
            verdicts.push(v);
        }
        let s = score_verdicts(self, &verdicts);
        CallAudit {
            call: e.call_id,
            standard: self.label(),
            score: s.score,
            raw_score: s.raw_score,
            passed: s.passed,
            sections: s.sections,
            operator: Some(e.operator).filter(|o| !o.is_empty()),
            info: e.info,
            verdicts,
        }
    }
}

/// A cross-call decision, or the Unix time the history must be known past.
enum Cross {
    Decided(Decision),
    Until(f64),
}

fn call_evidence(lang: Lang, f: &CallFacts, what: String) -> Evidence {
    Evidence::fact(0.0, 0.0, m!(lang, Msg::OfCall, what = what, id = f.id))
}

/// «c1, c2, c3 and 45 more».
fn name_calls(lang: Lang, named: &[CallFacts], count: usize) -> String {
    let ids: Vec<&str> = named.iter().map(|f| f.id.as_str()).collect();
    let s = ids.join(", ");
    if count > ids.len() {
        m!(lang, Msg::AndMore, last = s, n = count - ids.len())
    } else {
        s
    }
}

/// A call-back window `[from, to]`: passed by the earliest outbound call of
/// the client in it, failed when the window is known to be empty.
#[allow(clippy::too_many_arguments)]
fn callback(
    lang: Lang,
    history: &dyn History,
    f: &CallFacts,
    (from, to): (f64, f64),
    horizon: Horizon,
    scratch: &mut Vec<CallFacts>,
    found: impl FnOnce(&CallFacts, f64) -> Decision,
    missing: impl FnOnce() -> Decision,
) -> Cross {
    scratch.clear();
    let q = Query {
        client: f.client.as_deref().unwrap_or_default(),
        from,
        to,
        only: Only {
            outbound: true,
            answered: false,
        },
        exclude: Some(&f.id),
        before_id: None,
        limit: 1,
    };
    history.calls_of(&q, scratch);
    if let Some(back) = scratch.first() {
        let s = back.start.unwrap_or(from);
        // An earlier call-back may still come unless the history is known
        // past this one.
        if s < horizon.known_until {
            return Cross::Decided(found(back, s));
        }
    }
    if to < horizon.known_until && horizon.input_end.is_none_or(|end| to <= end) {
        return Cross::Decided(missing());
    }
    match horizon.input_end {
        Some(_) => Cross::Decided(na(still_open(lang))),
        None => Cross::Until(to),
    }
}

fn decide_cross(
    std: &Standard,
    rule: &Rule,
    f: &CallFacts,
    history: &dyn History,
    horizon: Horizon,
    scratch: &mut Vec<CallFacts>,
) -> Cross {
    let decided = Cross::Decided;
    let lang = std.report_language();
    let Some(start) = f.start else {
        return decided(na(m!(lang, Msg::NoStartTime)));
    };
    let Some(client) = f.client.as_deref() else {
        return decided(na(m!(lang, Msg::NoClientLink)));
    };
    match &rule.check {
        Check::CallbackAfterDrop(CallbackAfterDrop {
            within_secs,
            initiator,
        }) => {
            let Some(drop) = f.dropped_at else {
                return decided(na(m!(lang, Msg::LineDidNotDrop)));
            };
            if f.direction().initiator() != *initiator {
                return decided(na(m!(
                    lang,
                    Msg::PlacedAndRedials,
                    who = msg::who(lang, f.direction().initiator())
                )));
            }
            let t = start + drop;
            callback(
                lang,
                history,
                f,
                (t, t + within_secs),
                horizon,
                scratch,
                |o, s| {
                    Decision::Pass(vec![call_evidence(
                        lang,
                        o,
                        m!(lang, Msg::CalledBackAfterDrop, after = clock(s - t)),
                    )])
                },
                || {
                    fail(
                        m!(
                            lang,
                            Msg::NoCallbackAfterDrop,
                            at = clock(drop),
                            within = clock(*within_secs)
                        ),
                        Vec::new(),
                    )
                },
            )
        }
        Check::MissedCallback(MissedCallback { within_secs }) => {
            if !f.has_events {
                return decided(na(m!(lang, Msg::NoEventsForMissed)));
            }
            if f.answered || f.outbound {
                return decided(na(m!(lang, Msg::NotMissedInbound)));
            }
            if f.ended_at < std.settings.ring_cycle_secs {
                return decided(na(m!(lang, Msg::Ping, secs = format!("{:.0}", f.ended_at))));
            }
            let t = start + f.ended_at;
            callback(
                lang,
                history,
                f,
                (start, t + within_secs),
                horizon,
                scratch,
                |o, s| {
                    Decision::Pass(vec![call_evidence(
                        lang,
                        o,
                        m!(lang, Msg::CalledBackAfterMissed, after = clock(s - t)),
                    )])
                },
                || {
                    fail(
                        m!(lang, Msg::MissedNotCalledBack, within = clock(*within_secs)),
                        Vec::new(),
                    )
                },
            )
        }
        Check::RepeatCalls(RepeatCalls { max, period_secs }) => {
            if !f.outbound {
                return decided(na(m!(lang, Msg::NotOutbound)));
            }
            if start >= horizon.known_until {
                return Cross::Until(start);
            }
            scratch.clear();
            let q = Query {
                client,
                from: start - period_secs,
                to: start,
                only: Only {
                    outbound: true,
                    answered: false,
                },
                exclude: Some(&f.id),
                before_id: Some(&f.id),
                limit: NAMED,
            };
            let before = history.calls_of(&q, scratch);
            decided(if before >= *max {
                fail(
                    m!(
                        lang,
                        Msg::RepeatCalls,
                        calls = msg::count(lang, before as u64, Noun::OutboundCall),
                        hours = format!("{:.0}", period_secs / 3600.0),
                        list = name_calls(lang, scratch, before),
                        max = max.saturating_sub(1)
                    ),
                    Vec::new(),
                )
            } else {
                Decision::Pass(Vec::new())
            })
        }
        Check::ContactFrequency(ContactFrequency {
            per_day,
            per_week,
            per_month,
        }) => {
            if !f.answered {
                return decided(na(m!(lang, Msg::NotAnswered)));
            }
            if start >= horizon.known_until {
                return Cross::Until(start);
            }
            for (limit, secs, (n, unit)) in [
                (*per_day, 86400.0, (24, Noun::Hour)),
                (*per_week, 7.0 * 86400.0, (7, Noun::Day)),
                (*per_month, 30.0 * 86400.0, (30, Noun::Day)),
            ] {
                let what = msg::count(lang, n, unit);
                let q = Query {
                    client,
                    // The window is open at its far end: a call exactly
                    // 24 h earlier is the day before.
                    from: just_after(start - secs),
                    to: start,
                    only: Only {
                        outbound: false,
                        answered: true,
                    },
                    exclude: Some(&f.id),
                    before_id: Some(&f.id),
                    limit: 0,
                };
                let n = 1 + history.calls_of(&q, scratch);
                if n > limit {
                    return decided(fail(
                        m!(
                            lang,
                            Msg::ContactFrequency,
                            calls = msg::count(lang, n as u64, Noun::AnsweredCall),
                            within = what,
                            limit = limit
                        ),
                        Vec::new(),
                    ));
                }
            }
            decided(Decision::Pass(Vec::new()))
        }
        _ => decided(na("not a cross-call rule")),
    }
}

/// The next larger `f64` (`f64::next_up`, stable only after the MSRV).
fn just_after(x: f64) -> f64 {
    if !x.is_finite() {
        x
    } else if x == 0.0 {
        f64::from_bits(1)
    } else if x > 0.0 {
        f64::from_bits(x.to_bits() + 1)
    } else {
        f64::from_bits(x.to_bits() - 1)
    }
}
