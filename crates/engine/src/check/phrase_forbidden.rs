//! `phrase_forbidden`: phrases that must not be said (more than `max` times) in a window:
//! slang, an incompetent «не знаю», parasite words.

use callqa_model::Evidence;

use super::shared::{grows_only, precheck, pushed_match, window_closes};
use super::{fail_counted, Decision, Kind, Liveness, Pushed, Signals};
use crate::context::CallView;
use crate::messages::{self as msg, m, Msg, Noun};
use crate::standard::{SetMask, SpeakerSel, Window};

/// The parameters of a `phrase_forbidden` check.
#[derive(Clone, Debug, PartialEq)]
pub struct PhraseForbidden {
    /// The forbidden phrase sets.
    pub sets: SetMask,
    /// Whose speech is checked (default: the operator).
    pub speaker: SpeakerSel,
    /// Which part of the call is checked (default: the whole call).
    pub window: Window,
    /// How many occurrences are allowed (default 0).
    pub max: usize,
}

impl Kind for PhraseForbidden {
    const SIGNALS: Signals = Signals::TRANSCRIPT;
    const LIVENESS: Liveness = Liveness::Early;

    /// Only a new match can add an occurrence; a window that closes can
    /// pass it with time.
    fn affected_by(&self, v: &CallView, pushed: Pushed) -> bool {
        window_closes(&self.window)
            || (grows_only(&self.window) && pushed_match(v, pushed, &self.sets, self.speaker))
    }

    fn decide(&self, v: &CallView) -> Decision {
        forbidden(v, &self.sets, self.speaker, &self.window, self.max)
    }
}

fn forbidden(
    v: &CallView,
    sets: &SetMask,
    speaker: SpeakerSel,
    window: &Window,
    max: usize,
) -> Decision {
    if let Some(d) = precheck(v, sets, speaker) {
        return d;
    }
    let utts = v.window(window, speaker);
    let mut found: Vec<Evidence> = Vec::new();
    for &i in &utts {
        for m in v.matches(i, sets, false) {
            found.push(v.quote(i, m));
        }
    }
    if found.len() > max {
        if !v.complete && !grows_only(window) {
            return Decision::Pending;
        }
        let lang = v.out();
        let limit = if max == 0 {
            String::new()
        } else {
            m!(lang, Msg::AtMostAllowed, max = max)
        };
        let text = m!(
            lang,
            Msg::Forbidden,
            sets = sets.label_in(lang),
            times = msg::count(lang, found.len() as u64, Noun::Time),
            whose = msg::speaker_of(lang, speaker),
            limit = limit
        );
        return fail_counted(lang, text, found, |e| format!("«{}»", e.quote));
    }
    if !v.window_closed(window, speaker) {
        return Decision::Pending;
    }
    Decision::Pass(Vec::new())
}
