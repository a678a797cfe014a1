//! `phrase_order`: when both are said, `first` must come before `then` (introduce
//! yourself, then state the purpose).

use callqa_model::Evidence;

use super::shared::{precheck, window_closes};
use super::{fail, na, Decision, Kind, Liveness, Pushed, Signals};
use crate::context::CallView;
use crate::messages::{self as msg, m, Msg};
use crate::standard::{SetMask, SpeakerSel, Window};

/// The parameters of a `phrase_order` check.
#[derive(Clone, Debug, PartialEq)]
pub struct PhraseOrder {
    /// The phrases that must come first.
    pub first: SetMask,
    /// The phrases that must come after them.
    pub then: SetMask,
    /// Whose speech is checked (default: the operator).
    pub speaker: SpeakerSel,
    /// Which part of the call is checked (default: the whole call).
    pub window: Window,
}

impl Kind for PhraseOrder {
    const SIGNALS: Signals = Signals::TRANSCRIPT;
    const LIVENESS: Liveness = Liveness::Early;

    /// Decided when its window closes; other windows wait for the end.
    fn affected_by(&self, _v: &CallView, pushed: Pushed) -> bool {
        matches!(pushed, Pushed::Event) || window_closes(&self.window)
    }

    fn decide(&self, v: &CallView) -> Decision {
        order(v, &self.first, &self.then, self.speaker, &self.window)
    }
}

/// Position of the first match of `sets` in the window: (utterance, token).
fn first_match(v: &CallView, utts: &[usize], sets: &SetMask) -> Option<(usize, usize, Evidence)> {
    utts.iter().find_map(|&i| {
        v.matches(i, sets, true)
            .next()
            .map(|m| (i, m.first_token, v.quote(i, m)))
    })
}

fn order(
    v: &CallView,
    first: &SetMask,
    then: &SetMask,
    speaker: SpeakerSel,
    window: &Window,
) -> Decision {
    if let Some(d) = precheck(v, first, speaker) {
        return d;
    }
    if !v.window_closed(window, speaker) {
        return Decision::Pending;
    }
    let utts = v.window(window, speaker);
    let (Some(a), Some(b)) = (first_match(v, &utts, first), first_match(v, &utts, then)) else {
        let lang = v.out();
        return na(m!(
            lang,
            Msg::NotBothSaid,
            window = msg::in_window(lang, window, &msg::window_sets(window, lang)),
            first = first.label_in(lang),
            then = then.label_in(lang)
        ));
    };
    if (a.0, a.1) < (b.0, b.1) {
        Decision::Pass(vec![a.2, b.2])
    } else {
        let lang = v.out();
        let text = m!(
            lang,
            Msg::WrongOrder,
            early = b.2.quote,
            early_sets = then.label_in(lang),
            late = a.2.quote,
            late_sets = first.label_in(lang)
        );
        fail(text, vec![b.2, a.2])
    }
}
