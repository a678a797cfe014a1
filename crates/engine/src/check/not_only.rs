//! `not_only`: the speaker's first turn must not consist only of these phrases (a bare
//! «Алло», «Да» instead of a greeting).

use super::shared::precheck;
use super::{fail, na, Decision, Kind, Liveness, Signals};
use crate::context::{consists_only_of, CallView};
use crate::messages::{self as msg, m, Msg};
use crate::standard::{SetMask, SpeakerSel};

/// The parameters of a `not_only` check.
#[derive(Clone, Debug, PartialEq)]
pub struct NotOnly {
    /// The phrases that alone are not enough.
    pub sets: SetMask,
    /// Whose speech is checked (default: the operator).
    pub speaker: SpeakerSel,
}

impl Kind for NotOnly {
    const SIGNALS: Signals = Signals::TRANSCRIPT;
    const LIVENESS: Liveness = Liveness::Early;

    fn decide(&self, v: &CallView) -> Decision {
        not_only(v, &self.sets, self.speaker)
    }
}

fn not_only(v: &CallView, sets: &SetMask, speaker: SpeakerSel) -> Decision {
    if let Some(d) = precheck(v, sets, speaker) {
        return d;
    }
    let mut own = v.turns.iter().filter(|t| speaker.accepts(t.speaker));
    let Some(first) = own.next() else {
        return if v.complete {
            na(m!(
                v.out(),
                Msg::NoTurnOf,
                whose = msg::speaker_of(v.out(), speaker)
            ))
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
            m!(
                v.out(),
                Msg::BareAnswer,
                who = msg::speaker(v.out(), speaker),
                said = said
            ),
            vec![v.utt_evidence(first.utts[0])],
        );
    }
    Decision::Pass(vec![v.utt_evidence(first.utts[0])])
}
