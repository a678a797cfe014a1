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

/// The client's introduction makes asking unnecessary only when it came
/// before the operator asked (an introduction after the question is the
/// answer to it), so the verdict on the whole call is the one a live
/// session gives when the operator asks.
fn ask_name(v: &CallView, sets: &SetMask, intro: &SetMask) -> Decision {
    if name_known(v).is_some() {
        return na(m!(v.out(), Msg::NameKnown));
    }
    let ask = v
        .utts()
        .iter()
        .enumerate()
        .filter(|(_, u)| u.speaker == Party::Operator)
        .find_map(|(i, _)| v.matches(i, sets, true).next().map(|m| (i, v.quote(i, m))));
    let first = client_intro(v, intro).filter(|(at, _, _)| ask.as_ref().is_none_or(|(i, _)| at < i));
    if !v.complete {
        // Asking passes at once; not asking is only final at the end.
        return match ask {
            Some((_, ev)) if first.is_none() => Decision::Pass(vec![ev]),
            _ => Decision::Pending,
        };
    }
    if let Some((_, _, ev)) = first {
        return na(m!(v.out(), Msg::ClientIntroduced, quote = ev.quote));
    }
    if let Some((_, ev)) = ask {
        return Decision::Pass(vec![ev]);
    }
    if !v.utts().iter().any(|u| u.speaker == Party::Operator) {
        let whose = msg::whose(v.out(), Party::Operator);
        return na(m!(v.out(), Msg::NoSpeechFrom, whose = whose));
    }
    fail(m!(v.out(), Msg::NameNotAsked), Vec::new())
}
