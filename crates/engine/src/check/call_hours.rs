//! `call_hours`: outbound calls only within the allowed local hours of weekdays and
//! weekends.

use callqa_model::Evidence;
use time::Weekday;

use super::{fail, na, Decision, Kind, Liveness, Signals};
use crate::context::CallView;
use crate::messages::{self as msg, m, Msg};
use crate::standard::Hours;

/// The parameters of a `call_hours` check.
#[derive(Clone, Debug, PartialEq)]
pub struct CallHours {
    /// Allowed hours Monday to Friday; `None` = no calls.
    pub weekdays: Hours,
    /// Allowed hours on Saturday and Sunday; `None` = no calls.
    pub weekends: Hours,
}

impl Kind for CallHours {
    const SIGNALS: Signals = Signals::HEADER;
    const LIVENESS: Liveness = Liveness::Early;

    fn decide(&self, v: &CallView) -> Decision {
        call_hours(v, self.weekdays, self.weekends)
    }
}

fn call_hours(v: &CallView, weekdays: Hours, weekends: Hours) -> Decision {
    let lang = v.out();
    let Some(start) = v.call.started_at else {
        return na(m!(lang, Msg::NoStartTime));
    };
    let weekend = matches!(start.weekday(), Weekday::Saturday | Weekday::Sunday);
    let hours = if weekend { weekends } else { weekdays };
    let minute = start.hour() as u32 * 60 + start.minute() as u32;
    let when = m!(
        lang,
        Msg::LocalTime,
        day = msg::weekday(lang, start.weekday()),
        time = format!("{:02}:{:02}", start.hour(), start.minute())
    );
    let ev = vec![Evidence::fact(
        0.0,
        0.0,
        m!(lang, Msg::CallStarted, when = when),
    )];
    match hours {
        None => fail(
            m!(
                lang,
                Msg::NoCallsOnDays,
                when = when,
                days = m!(lang, if weekend { Msg::Weekends } else { Msg::Weekdays })
            ),
            ev,
        ),
        Some((from, to)) if minute >= from && minute < to => Decision::Pass(ev),
        Some((from, to)) => fail(
            m!(
                lang,
                Msg::OutsideHours,
                when = when,
                from = format!("{:02}:{:02}", from / 60, from % 60),
                to = format!("{:02}:{:02}", to / 60, to % 60)
            ),
            ev,
        ),
    }
}
