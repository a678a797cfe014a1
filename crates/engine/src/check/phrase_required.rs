//! `phrase_required`: a phrase of one of the sets (with `all`, of every set) must be said in a
//! window: a greeting in the opening, a farewell in the closing.

use callqa_model::Evidence;

use super::shared::{grows_only, precheck, pushed_match, window_closes};
use super::{fail, Decision, Kind, Liveness, Pushed, Signals};
use crate::context::CallView;
use crate::messages::{self as msg, m, window_sets, Msg};
use crate::sections::Localized;
use crate::standard::{SetMask, SpeakerSel, Window};

/// The parameters of a `phrase_required` check.
#[derive(Clone, Debug, PartialEq)]
pub struct PhraseRequired {
    /// The phrase sets; one of them must be said.
    pub sets: SetMask,
    /// Whose speech is checked (default: the operator).
    pub speaker: SpeakerSel,
    /// Which part of the call is checked (default: the whole call).
    pub window: Window,
    /// Whether a negated phrase («не могу помочь») does not count.
    pub negation: bool,
    /// Whether every set must be said, not just one of them.
    pub all: bool,
}

impl Kind for PhraseRequired {
    const SIGNALS: Signals = Signals::TRANSCRIPT;
    const LIVENESS: Liveness = Liveness::Early;

    /// A pass needs a new match; a window that closes can fail it with
    /// time; a closing window is only final at the end.
    fn affected_by(&self, v: &CallView, pushed: Pushed) -> bool {
        window_closes(&self.window)
            || (grows_only(&self.window) && pushed_match(v, pushed, &self.sets, self.speaker))
    }

    fn decide(&self, v: &CallView) -> Decision {
        if self.all {
            required_all(v, &self.sets, self.speaker, &self.window, self.negation)
        } else {
            required(v, &self.sets, self.speaker, &self.window, self.negation)
        }
    }
}

fn required(
    v: &CallView,
    sets: &SetMask,
    speaker: SpeakerSel,
    window: &Window,
    negation: bool,
) -> Decision {
    if let Some(d) = precheck(v, sets, speaker) {
        return d;
    }
    let utts = v.window(window, speaker);
    let mut negated: Option<Evidence> = None;
    for &i in &utts {
        for m in v.matches(i, sets, false) {
            if negation && m.negated {
                negated.get_or_insert_with(|| v.utt_evidence(i));
                continue;
            }
            // A phrase in the closing so far may drop out of the closing
            // when the call goes on; only windows that grow are final.
            if !v.complete && !grows_only(window) {
                return Decision::Pending;
            }
            return Decision::Pass(vec![v.quote(i, m)]);
        }
    }
    if !v.window_closed(window, speaker) {
        return Decision::Pending;
    }
    let lang = v.out();
    let who = msg::speaker(lang, speaker);
    let in_window = msg::in_window(lang, window, &window_sets(window, lang));
    if utts.is_empty() {
        return fail(
            m!(lang, Msg::SaidNothingIn, who = who, window = in_window),
            Vec::new(),
        );
    }
    if let Some(e) = negated {
        return fail(
            m!(
                lang,
                Msg::OnlyNegative,
                window = in_window,
                who = who,
                quote = e.quote,
                sets = sets.label_in(lang)
            ),
            vec![e],
        );
    }
    fail(
        m!(
            lang,
            Msg::NotHeardIn,
            window = in_window,
            sets = sets.label_in(lang),
            said = m!(lang, Msg::Said, who = who, said = v.said(&utts))
        ),
        vec![v.utt_evidence(utts[0])],
    )
}

/// Every set of the mask must be said in the window («меня зовут Анна» and
/// «компания Ромашка»); the failure names the sets that are missing.
fn required_all(
    v: &CallView,
    sets: &SetMask,
    speaker: SpeakerSel,
    window: &Window,
    negation: bool,
) -> Decision {
    let mut evidence = Vec::new();
    let mut missing = Vec::new();
    let mut pending = false;
    for (k, (&idx, name)) in sets.ids.iter().zip(sets.names.iter()).enumerate() {
        let label = sets
            .labels
            .get(k)
            .cloned()
            .unwrap_or_else(|| Localized::plain(name.clone()));
        let one = SetMask::new(&[idx], vec![name.clone()]).with_labels(vec![label]);
        match required(v, &one, speaker, window, negation) {
            Decision::Pass(e) => evidence.extend(e),
            Decision::Fail(..) => missing.push(one.label_in(v.out())),
            Decision::Pending => pending = true,
            na @ Decision::NotApplicable(_) => return na,
        }
    }
    if !missing.is_empty() {
        let utts = v.window(window, speaker);
        let lang = v.out();
        let who = msg::speaker(lang, speaker);
        let said = if utts.is_empty() {
            m!(lang, Msg::SaidNothing, who = who)
        } else {
            m!(lang, Msg::Said, who = who, said = v.said(&utts))
        };
        let ev = utts
            .first()
            .map(|&i| vec![v.utt_evidence(i)])
            .unwrap_or_default();
        return fail(
            m!(
                lang,
                Msg::NotHeardIn,
                window = msg::in_window(lang, window, &window_sets(window, lang)),
                sets = missing.join("; "),
                said = said
            ),
            ev,
        );
    }
    if pending {
        return Decision::Pending;
    }
    Decision::Pass(evidence)
}
