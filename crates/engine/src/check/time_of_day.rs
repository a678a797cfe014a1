//! `time_of_day`: a time-specific greeting («доброе утро») must fit the local time
//! the call was answered.

use super::shared::{grows_only, local_hour, pushed_match, window_closes};
use super::{fail, na, Decision, Kind, Liveness, Pushed, Signals};
use crate::context::CallView;
use crate::messages::{m, Msg};
use crate::standard::{Period, SpeakerSel, Window};

/// The parameters of a `time_of_day` check.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeOfDay {
    /// The greetings of each part of the day, with its hours.
    pub periods: Vec<Period>,
    /// Whose speech is checked (default: the operator).
    pub speaker: SpeakerSel,
    /// Which part of the call is checked (default: the whole call).
    pub window: Window,
}

impl Kind for TimeOfDay {
    const SIGNALS: Signals = Signals::TRANSCRIPT;
    const LIVENESS: Liveness = Liveness::Early;

    /// Decided by the first time-specific greeting, or when the window
    /// closes.
    fn affected_by(&self, v: &CallView, pushed: Pushed) -> bool {
        window_closes(&self.window)
            || self
                .periods
                .iter()
                .any(|p| pushed_match(v, pushed, &p.sets, self.speaker))
    }

    fn decide(&self, v: &CallView) -> Decision {
        time_of_day(v, &self.periods, self.speaker, &self.window)
    }
}

fn in_period(hour: f64, p: &Period) -> bool {
    if p.from <= p.to {
        hour >= p.from && hour < p.to
    } else {
        hour >= p.from || hour < p.to
    }
}

fn time_of_day(
    v: &CallView,
    periods: &[Period],
    speaker: SpeakerSel,
    window: &Window,
) -> Decision {
    let lang = v.out();
    let Some(start) = v.call.started_at else {
        return na(m!(lang, Msg::NoStartTime));
    };
    let utts = v.window(window, speaker);
    for &i in &utts {
        let hit = v.an[i].matches.iter().filter(|m| !m.negated).find_map(|m| {
            periods
                .iter()
                .find(|p| p.sets.contains(m.set.0 as usize))
                .map(|p| (m, p))
        });
        if let Some((m, p)) = hit {
            // A greeting in the last seconds or the closing so far may drop
            // out of the window when the call goes on.
            if !v.complete && !grows_only(window) {
                return Decision::Pending;
            }
            let hour = local_hour(start, v.connect);
            let e = v.quote(i, m);
            if periods
                .iter()
                .filter(|q| q.sets.contains(m.set.0 as usize))
                .any(|q| in_period(hour, q))
            {
                return Decision::Pass(vec![e]);
            }
            let h = hour.floor() as u32;
            let mins = ((hour - hour.floor()) * 60.0).round() as u32;
            let text = m!(
                lang,
                Msg::GreetingWrongTime,
                quote = e.quote,
                at = format!("{h:02}:{mins:02}"),
                sets = p.sets.label_in(lang),
                from = format!("{:02}", p.from),
                to = format!("{:02}", p.to)
            );
            return fail(text, vec![e]);
        }
    }
    if !v.window_closed(window, speaker) {
        return Decision::Pending;
    }
    na(m!(lang, Msg::NoTimedGreeting))
}
