//! `profanity_protocol`: when the client swears, the operator warns, and ends the call only
//! if the client swears again.

use callqa_model::{Call, Lang, Party};

use super::shared::{hangup_unknown, protocol_followed};
use super::{fail, na, Decision, Kind, Liveness, Signals};
use crate::context::CallView;
use crate::messages::{m, Msg};
use crate::standard::SetMask;

/// The parameters of a `profanity_protocol` check.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfanityProtocol {
    /// Profanity phrases.
    pub profanity: SetMask,
    /// The operator's warning phrases.
    pub warning: SetMask,
}

impl Kind for ProfanityProtocol {
    const SIGNALS: Signals = Signals::TRANSCRIPT;
    const LIVENESS: Liveness = Liveness::AtEnd;

    fn unknown_signal(&self, call: &Call, lang: Lang) -> Option<String> {
        hangup_unknown(call, lang)
    }

    fn decide(&self, v: &CallView) -> Decision {
        profanity_protocol(v, &self.profanity, &self.warning)
    }
}

fn profanity_protocol(v: &CallView, profanity: &SetMask, warning: &SetMask) -> Decision {
    if !v.complete {
        return Decision::Pending;
    }
    let swore = (0..v.utts().len())
        .filter(|&i| v.utts()[i].speaker == Party::Client)
        .find_map(|i| v.matches(i, profanity, false).next().map(|m| v.quote(i, m)));
    let Some(first) = swore else {
        return na(m!(v.out(), Msg::NoProfanity));
    };
    let operator_ended = matches!(
        v.call.events.last().map(|e| &e.kind),
        Some(callqa_model::EventKind::Hangup {
            by: Party::Operator
        })
    );
    if !operator_ended {
        return Decision::Pass(vec![first]);
    }
    match protocol_followed(v, profanity, warning) {
        Ok(ev) => Decision::Pass(ev),
        Err(msg) => fail(msg, vec![first]),
    }
}
