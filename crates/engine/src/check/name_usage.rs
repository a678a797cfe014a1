//! `name_usage`: the operator addresses the client by name: the name from the record,
//! else the one the client introduced themself with.

use callqa_model::{Evidence, Party};

use super::shared::{client_intro, name_known};
use super::{fail, na, Decision, Kind, Liveness, Signals};
use crate::context::{clock, CallView};
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
        return fail(
            format!("the operator never addressed the client by name ({name})"),
            Vec::new(),
        );
    }
    let Some((at, tok, ev)) = client_intro(v, intro) else {
        return na("the client's name is not known");
    };
    let stem = v.an[at].analyzed.token(tok).stem.to_string();
    let name = &utts[at].text[v.an[at].analyzed.token(tok).start..v.an[at].analyzed.token(tok).end];
    for i in (at + 1..utts.len()).filter(operator) {
        let a = &v.an[i].analyzed;
        if let Some(t) = (0..a.len()).map(|k| a.token(k)).find(|t| t.stem == stem) {
            return Decision::Pass(vec![Evidence {
                speaker: Some(Party::Operator),
                start: utts[i].start,
                end: utts[i].end,
                quote: utts[i].text[t.start..t.end].to_string(),
            }]);
        }
    }
    fail(
        format!(
            "the client introduced themself as {name} at {} but the operator never used the name",
            clock(ev.start)
        ),
        vec![ev],
    )
}
