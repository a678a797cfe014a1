//! `hangup_by`: who may end the call (the client first on inbound calls, the
//! initiator, anyone), with the profanity protocol as the exception.

use callqa_model::{Call, Direction, EventKind, Evidence, Lang, Party};

use super::shared::{hangup_unknown, protocol_followed};
use super::{fail, na, Decision, Kind, Liveness, Signals};
use crate::context::{clock, CallView};
use crate::messages::{self as msg, m, Msg};
use crate::standard::{HangupPolicy, SetMask};

/// The parameters of a `hangup_by` check.
#[derive(Clone, Debug, PartialEq)]
pub struct HangupBy {
    /// Who should end the call.
    pub policy: HangupPolicy,
    /// Profanity phrases, for the exception.
    pub profanity: Option<SetMask>,
    /// The operator's warning phrases, for the exception.
    pub warning: Option<SetMask>,
}

impl Kind for HangupBy {
    const SIGNALS: Signals = Signals::EVENTS;
    const LIVENESS: Liveness = Liveness::AtEnd;

    fn unknown_signal(&self, call: &Call, lang: Lang) -> Option<String> {
        hangup_unknown(call, lang)
    }

    fn decide(&self, v: &CallView) -> Decision {
        hangup_by(v, self.policy, self.profanity.as_ref(), self.warning.as_ref())
    }
}

fn hangup_by(
    v: &CallView,
    policy: HangupPolicy,
    profanity: Option<&SetMask>,
    warning: Option<&SetMask>,
) -> Decision {
    if !v.complete {
        return Decision::Pending;
    }
    let lang = v.out();
    let Some(last) = v.call.events.last() else {
        return na(m!(lang, Msg::NoEvents));
    };
    let by = match last.kind {
        EventKind::Hangup { by } => by,
        EventKind::Drop => return na(m!(lang, Msg::LineDropped)),
        _ => return na(m!(lang, Msg::EnderUnknown)),
    };
    let ev = vec![Evidence::fact(
        last.at,
        last.at,
        m!(lang, Msg::HungUp, who = msg::who(lang, by), at = clock(last.at)),
    )
    .about(by)];
    let expected = match policy {
        HangupPolicy::Any => return Decision::Pass(ev),
        HangupPolicy::ClientFirstOnInbound => match v.call.direction {
            Direction::Outbound => return na(m!(lang, Msg::OutboundNotCovered)),
            Direction::Inbound => Party::Client,
        },
        HangupPolicy::InitiatorEnds => v.call.direction.initiator(),
    };
    if by == expected {
        return Decision::Pass(ev);
    }
    if by == Party::Operator {
        if let (Some(p), Some(w)) = (profanity, warning) {
            if let Ok(mut proof) = protocol_followed(v, p, w) {
                proof.extend(ev);
                return Decision::Pass(proof);
            }
        }
    }
    let text = match (by, v.call.direction) {
        (Party::Operator, Direction::Inbound) => {
            m!(lang, Msg::OperatorHungUpInbound, at = clock(last.at))
        }
        _ => m!(
            lang,
            Msg::WrongEnder,
            who = msg::who(lang, by),
            expected = msg::who(lang, expected),
            direction = msg::direction(lang, v.call.direction)
        ),
    };
    fail(text, ev)
}
