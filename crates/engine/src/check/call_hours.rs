//! `call_hours`: outbound calls only within the allowed local hours of weekdays and
//! weekends.

use callqa_model::Evidence;
use time::Weekday;

use super::{fail, na, Decision, Kind, Liveness, Signals};
use crate::context::CallView;
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
    let Some(start) = v.call.started_at else {
        return na("the call has no start time");
    };
    let weekend = matches!(start.weekday(), Weekday::Saturday | Weekday::Sunday);
    let hours = if weekend { weekends } else { weekdays };
    let minute = start.hour() as u32 * 60 + start.minute() as u32;
    let when = format!(
        "{} {:02}:{:02} local time",
        start.weekday(),
        start.hour(),
        start.minute()
    );
    let ev = vec![Evidence::fact(0.0, 0.0, format!("started {when}"))];
    match hours {
        None => fail(
            format!(
                "the call started on {when}; no calls are allowed on {}",
                if weekend { "weekends" } else { "weekdays" }
            ),
            ev,
        ),
        Some((from, to)) if minute >= from && minute < to => Decision::Pass(ev),
        Some((from, to)) => fail(
            format!(
                "the call started on {when}, outside {:02}:{:02}–{:02}:{:02}",
                from / 60,
                from % 60,
                to / 60,
                to % 60
            ),
            ev,
        ),
    }
}
