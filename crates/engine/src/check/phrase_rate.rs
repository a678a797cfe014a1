//! `phrase_rate`: a rate limit on phrases over the whole call, per 100 words or per
//! minute of speech (filler words).

use callqa_model::Evidence;

use super::shared::precheck;
use super::{fail_counted, na, Decision, Kind, Liveness, Signals};
use crate::context::CallView;
use crate::messages::{self as msg, m, Msg, Noun};
use crate::standard::{SetMask, SpeakerSel};

/// The parameters of a `phrase_rate` check.
#[derive(Clone, Debug, PartialEq)]
pub struct PhraseRate {
    /// The phrase sets counted.
    pub sets: SetMask,
    /// Whose speech is checked (default: the operator).
    pub speaker: SpeakerSel,
    /// The limit per 100 words of the speaker.
    pub max_per_100_words: Option<f64>,
    /// The limit per minute of the speaker's speech.
    pub max_per_minute: Option<f64>,
    /// Fewer occurrences than this never fail (default 1).
    pub min_count: usize,
}

impl Kind for PhraseRate {
    const SIGNALS: Signals = Signals::TRANSCRIPT;
    const LIVENESS: Liveness = Liveness::AtEnd;

    fn decide(&self, v: &CallView) -> Decision {
        rate(
            v,
            &self.sets,
            self.speaker,
            self.max_per_100_words,
            self.max_per_minute,
            self.min_count,
        )
    }
}

fn rate(
    v: &CallView,
    sets: &SetMask,
    speaker: SpeakerSel,
    max_per_100: Option<f64>,
    max_per_minute: Option<f64>,
    min_count: usize,
) -> Decision {
    if let Some(d) = precheck(v, sets, speaker) {
        return d;
    }
    if !v.complete {
        return Decision::Pending;
    }
    let lang = v.out();
    let (mut words, mut secs) = (0usize, 0.0f64);
    let mut found: Vec<Evidence> = Vec::new();
    for (i, u) in v.utts().iter().enumerate() {
        if !speaker.accepts(u.speaker) {
            continue;
        }
        words += v.words(i);
        secs += (u.end - u.start).max(0.0);
        for m in v.matches(i, sets, false) {
            found.push(v.quote(i, m));
        }
    }
    if words == 0 {
        return na(m!(
            lang,
            Msg::NoWordsFrom,
            whose = msg::speaker_of(lang, speaker)
        ));
    }
    let count = found.len();
    let per100 = count as f64 * 100.0 / words as f64;
    let per_min = if secs > 0.0 {
        count as f64 * 60.0 / secs
    } else {
        0.0
    };
    let over100 = max_per_100.is_some_and(|m| per100 > m);
    let over_min = max_per_minute.is_some_and(|m| per_min > m);
    if (over100 || over_min) && count >= min_count.max(1) {
        let limit = match (max_per_100, max_per_minute) {
            (Some(a), _) if over100 => m!(
                lang,
                Msg::RatePer100,
                rate = format!("{per100:.1}"),
                max = a
            ),
            (_, Some(b)) => m!(
                lang,
                Msg::RatePerMinute,
                rate = format!("{per_min:.1}"),
                max = b
            ),
            _ => String::new(),
        };
        let text = m!(
            lang,
            Msg::RateOver,
            sets = sets.label_in(lang),
            times = msg::count(lang, count as u64, Noun::Time),
            words = msg::count(lang, words as u64, Noun::Word),
            limit = limit
        );
        return fail_counted(
            lang,
            text,
            found,
            |e| format!("«{}»", e.quote),
        );
    }
    found.truncate(3);
    Decision::Pass(found)
}
