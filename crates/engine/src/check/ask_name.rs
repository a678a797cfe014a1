//! `ask_name`: when the client's name is unknown, the operator asks for it.

use callqa_model::Party;

use super::shared::{client_intro, name_known, pushed_match};
use super::{fail, na, Decision, Kind, Liveness, Pushed, Signals};
use crate::context::CallView;
use crate::messages::{self as msg, m, Msg};
use crate::standard::{SetMask, SpeakerSel};

/// The parameters of a `ask_name` check.
#[derive(Clone, Debug, PartialEq)]
pub struct AskName {
    /// Phrases that ask for the name.
    pub sets: SetMask,
    /// The client's self-introduction, which makes asking unnecessary; may be empty.
    pub intro: SetMask,
}

impl Kind for AskName {
    const SIGNALS: Signals = Signals::TRANSCRIPT;
    const LIVENESS: Liveness = Liveness::Early;

    /// Asking passes at once; not asking is final only at the end.
    fn affected_by(&self, v: &CallView, pushed: Pushed) -> bool {
        pushed_match(v, pushed, &self.sets, SpeakerSel::Only(Party::Operator))
    }

    fn decide(&self, v: &CallView) -> Decision {
        ask_name(v, &self.sets, &self.intro)
    }
}

fn ask_name(v: &CallView, sets: &SetMask, intro: &SetMask) -> Decision {
    if name_known(v).is_some() {
        return na(m!(v.out(), Msg::NameKnown));
    }
    if !v.complete {
        // Asking passes at once; not asking is only final at the end.
        for (i, u) in v.utts().iter().enumerate() {
            if u.speaker == Party::Operator {
                if let Some(m) = v.matches(i, sets, true).next() {
                    return Decision::Pass(vec![v.quote(i, m)]);
                }
            }
        }
        return Decision::Pending;
    }
    if let Some((_, _, ev)) = client_intro(v, intro) {
        return na(m!(v.out(), Msg::ClientIntroduced, quote = ev.quote));
    }
    for (i, u) in v.utts().iter().enumerate() {
        if u.speaker == Party::Operator {
            if let Some(m) = v.matches(i, sets, true).next() {
                return Decision::Pass(vec![v.quote(i, m)]);
            }
        }
    }
    if !v.utts().iter().any(|u| u.speaker == Party::Operator) {
        let whose = msg::whose(v.out(), Party::Operator);
        return na(m!(v.out(), Msg::NoSpeechFrom, whose = whose));
    }
    fail(m!(v.out(), Msg::NameNotAsked), Vec::new())
}
