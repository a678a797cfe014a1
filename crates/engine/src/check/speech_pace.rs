//! `speech_pace`: the speaker's words per minute over utterances long enough to
//! measure must be within bounds.

use callqa_model::Evidence;

use super::{fail, na, Decision, Kind, Liveness, Signals};
use crate::context::CallView;
use crate::messages::{self as msg, m, Msg, Noun};
use crate::standard::SpeakerSel;

/// The parameters of a `speech_pace` check.
#[derive(Clone, Debug, PartialEq)]
pub struct SpeechPace {
    /// Slower is dragging (default 80).
    pub min_wpm: f64,
    /// Faster is rushed (default 190).
    pub max_wpm: f64,
    /// Shorter utterances are not measured (default 3).
    pub min_utterance_secs: f64,
    /// Whose speech is checked (default: the operator).
    pub speaker: SpeakerSel,
}

impl Kind for SpeechPace {
    const SIGNALS: Signals = Signals::TRANSCRIPT;
    const LIVENESS: Liveness = Liveness::AtEnd;

    fn decide(&self, v: &CallView) -> Decision {
        pace(
            v,
            self.min_wpm,
            self.max_wpm,
            self.min_utterance_secs,
            self.speaker,
        )
    }
}

fn pace(
    v: &CallView,
    min_wpm: f64,
    max_wpm: f64,
    min_secs: f64,
    speaker: SpeakerSel,
) -> Decision {
    if !v.complete {
        return Decision::Pending;
    }
    let lang = v.out();
    let (mut words, mut secs) = (0usize, 0.0);
    let mut sample = None;
    for (i, u) in v.utts().iter().enumerate() {
        let len = u.end - u.start;
        if speaker.accepts(u.speaker) && len >= min_secs {
            words += v.words(i);
            secs += len;
            sample.get_or_insert(i);
        }
    }
    let Some(sample) = sample else {
        return na(m!(
            lang,
            Msg::NoLongUtterance,
            whose = msg::speaker_of(lang, speaker),
            secs = min_secs
        ));
    };
    let wpm = words as f64 * 60.0 / secs;
    let per_min = msg::count(lang, wpm.round() as u64, Noun::Word);
    let ev = vec![Evidence::fact(
        v.utts()[sample].start,
        v.utts()[sample].end,
        m!(
            lang,
            Msg::PaceFact,
            words = per_min,
            secs = format!("{secs:.0}")
        ),
    )
    .about(v.utts()[sample].speaker)];
    if wpm < min_wpm {
        fail(
            m!(
                lang,
                Msg::PaceSlow,
                who = msg::speaker(lang, speaker),
                words = per_min,
                min = format!("{min_wpm:.0}")
            ),
            ev,
        )
    } else if wpm > max_wpm {
        fail(
            m!(
                lang,
                Msg::PaceFast,
                who = msg::speaker(lang, speaker),
                words = per_min,
                max = format!("{max_wpm:.0}")
            ),
            ev,
        )
    } else {
        Decision::Pass(ev)
    }
}
