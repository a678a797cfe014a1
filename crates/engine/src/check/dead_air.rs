//! `dead_air`: no silence longer than `max_secs` once the call is connected (time on
//! hold is not silence).

use callqa_model::{Call, Evidence, Lang, Party};

use super::shared::{missing_channel, one_sided};
use super::{fail, na, Decision, Kind, Liveness, Pushed, Signals};
use crate::context::{clock, CallView};
use crate::messages::{m, Msg};

/// The parameters of a `dead_air` check.
#[derive(Clone, Debug, PartialEq)]
pub struct DeadAir {
    /// The longest silence allowed, in seconds (default 10).
    pub max_secs: f64,
}

impl Kind for DeadAir {
    const SIGNALS: Signals = Signals::TRANSCRIPT;
    const LIVENESS: Liveness = Liveness::Early;

    fn unknown_signal(&self, call: &Call, lang: Lang) -> Option<String> {
        missing_channel(call, lang)
    }

    /// A new silence can only end at the new utterance.
    fn affected_by(&self, v: &CallView, pushed: Pushed) -> bool {
        let Pushed::Utterance(i) = pushed else {
            return true;
        };
        let utts = v.utts();
        let Some(new) = utts.get(i) else {
            return false;
        };
        let covered = if i + 1 == utts.len() {
            v.connect.max(v.reach.end_before_last)
        } else {
            utts[..i].iter().fold(v.connect, |c, u| c.max(u.end))
        };
        new.start - covered > self.max_secs
    }

    fn decide(&self, v: &CallView) -> Decision {
        dead_air(v, self.max_secs)
    }
}

fn dead_air(v: &CallView, max_secs: f64) -> Decision {
    let utts = v.utts();
    if v.complete && v.answer.is_none() && v.call.has_events() {
        return na(m!(v.out(), Msg::NotAnswered));
    }
    if let Some(d) = one_sided(v) {
        return d;
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
    // A silence while one party has not spoken yet may be that party's
    // missing channel: the call's end tells.
    if !v.complete && (v.silent(Party::Client) || v.silent(Party::Operator)) {
        return Decision::Pending;
    }
    if let Some((a, b)) = worst {
        let ev = vec![Evidence::fact(
            a,
            b,
            m!(v.out(), Msg::SilenceFact, from = clock(a), to = clock(b)),
        )];
        return fail(
            m!(
                v.out(),
                Msg::Silence,
                secs = format!("{:.0}", b - a),
                from = clock(a),
                max = format!("{max_secs:.0}")
            ),
            ev,
        );
    }
    if !v.complete {
        return Decision::Pending;
    }
    Decision::Pass(Vec::new())
}
