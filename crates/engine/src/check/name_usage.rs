//! `name_usage`: the operator addresses the client by name: the name from the record,
//! else the one the client introduced themself with.

use callqa_model::Party;
use callqa_text::Slots;

use super::shared::{client_intro, name_known};
use super::{fail, na, Decision, Kind, Liveness, Signals};
use crate::context::{clock, CallView};
use crate::messages::{m, Msg};
use crate::standard::SetMask;

/// The parameters of a `name_usage` check.
#[derive(Clone, Debug, PartialEq)]
pub struct NameUsage {
    /// Phrases that address the client by name («{client_name}»).
    pub address: SetMask,
    /// The client's self-introduction («меня зовут {any}»); may be empty.
    pub intro: SetMask,
}

impl Kind for NameUsage {
    const SIGNALS: Signals = Signals::TRANSCRIPT;
    const LIVENESS: Liveness = Liveness::AtEnd;

    fn decide(&self, v: &CallView) -> Decision {
        name_usage(v, &self.address, &self.intro)
    }
}

fn name_usage(v: &CallView, address: &SetMask, intro: &SetMask) -> Decision {
    if !v.complete {
        return Decision::Pending;
    }
    let utts = v.utts();
    let operator = |i: &usize| utts[*i].speaker == Party::Operator;
    if let Some(name) = name_known(v) {
        for i in (0..utts.len()).filter(operator) {
            if let Some(m) = v.matches(i, address, false).next() {
                return Decision::Pass(vec![v.quote(i, m)]);
            }
        }
        return fail(m!(v.out(), Msg::NeverUsedName, name = name), Vec::new());
    }
    let Some((at, tok, ev)) = client_intro(v, intro) else {
        return na(m!(v.out(), Msg::ClientNameUnknown));
    };
    let token = v.an[at].analyzed.token(tok);
    let name = &utts[at].text[token.start..token.end];
    // The name as the client gave it, in every form the record's name
    // would match (case forms, short forms, other scripts).
    let book = v.std.book(v.lang);
    let mut slots = Slots::new();
    slots.set_name(book.analyzer(), "client_name", name);
    for i in (at + 1..utts.len()).filter(operator) {
        let found = book.find(&v.an[i].analyzed, &slots);
        if let Some(m) = found.iter().find(|m| address.contains(m.set.0 as usize)) {
            return Decision::Pass(vec![v.quote(i, m)]);
        }
    }
    fail(
        m!(
            v.out(),
            Msg::IntroducedNameUnused,
            name = name,
            at = clock(ev.start)
        ),
        vec![ev],
    )
}
