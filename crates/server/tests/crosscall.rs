//! Cross-call rules at ingest over both store backends: a verdict whose
//! window is open is stored `pending`, decided by a later request's call
//! of the same client or by the clock once the window closes; a call that
//! arrives late re-opens the decided windows it falls in. PostgreSQL
//! runs in a fresh schema of `CALLQA_TEST_PG_URL` (skipped with a message
//! when it is unset — `.ci/postgres.sh` starts one).

use callqa_model::{call_from_str, Call};
use callqa_server::crosscall::{decide_due, ingest, Known};
use callqa_server::load_active;
use callqa_store::{Filter, PgStore, SqliteStore, Store};
use serde_json::Value;

fn sqlite(name: &str) -> Box<dyn Store> {
    let dir = std::env::temp_dir().join(format!("callqa-server-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    Box::new(SqliteStore::open_dir(&dir).expect("open sqlite"))
}

fn postgres(name: &str) -> Option<Box<dyn Store>> {
    let Ok(url) = std::env::var("CALLQA_TEST_PG_URL") else {
        eprintln!("skipped: CALLQA_TEST_PG_URL is not set (.ci/postgres.sh starts a server)");
        return None;
    };
    let schema = format!("srv_{name}");
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .expect("drop schema");
    Some(Box::new(
        PgStore::connect_in_schema(&url, Some(&schema)).expect("open postgres"),
    ))
}

macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[test] fn $name() { super::$name(&*super::sqlite(stringify!($name))); })*
        }
        mod on_postgres {
            $(#[test] fn $name() {
                if let Some(s) = super::postgres(stringify!($name)) { super::$name(&*s); }
            })*
        }
    };
}

both!(
    a_later_call_back_decides_a_pending_drop,
    a_missed_call_fails_when_its_window_closes,
    a_late_call_back_reopens_a_drop_the_clock_failed,
    a_late_earlier_call_reopens_a_later_calls_repeat_limit,
    an_on_time_call_reopens_nothing_decided,
);

/// 2026-03-02T10:00:00+03:00.
const T0: f64 = 1_772_434_800.0;

fn record(id: &str, direction: &str, client: &str, start: &str, events: &str, said: &str) -> Call {
    let text = format!(
        r#"{{"id": "{id}", "direction": "{direction}", "started_at": "{start}",
            "language": "ru", "operator": {{"id": "op-1"}}, "client": {{"id": "{client}"}},
            "events": {events}, "utterances": {said}}}"#
    );
    call_from_str(&text).unwrap_or_else(|e| panic!("{id}: {e}"))
}

const GREETING: &str = r#"[{"speaker": "operator", "start": 6, "end": 10,
    "text": "Добрый день, меня зовут Анна, компания Ромашка."}]"#;

fn dropped(id: &str, start: &str) -> Call {
    let events = r#"[{"at": 0, "type": "ring"}, {"at": 5, "type": "answer"},
        {"at": 60, "type": "drop"}]"#;
    record(id, "outbound", "cl-1", start, events, GREETING)
}

fn answered(id: &str, start: &str) -> Call {
    let events = r#"[{"at": 0, "type": "ring"}, {"at": 5, "type": "answer"},
        {"at": 40, "type": "hangup", "by": "client"}]"#;
    record(id, "outbound", "cl-1", start, events, GREETING)
}

fn missed(id: &str, start: &str) -> Call {
    let events = r#"[{"at": 0, "type": "ring"}, {"at": 40, "type": "hangup", "by": "client"}]"#;
    record(id, "inbound", "cl-2", start, events, "[]")
}

/// The stored verdict of `rule` on call `id`: outcome and reason.
fn verdict(s: &dyn Store, id: &str, rule: &str) -> (String, String) {
    let detail = s.get_call(id).unwrap().expect("stored");
    let audit: Value = serde_json::from_str(&detail.audit).unwrap();
    let v = audit["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["rule"] == rule)
        .unwrap_or_else(|| panic!("{id} has no verdict of {rule}"));
    let text = |k: &str| v[k].as_str().unwrap_or_default().to_string();
    (text("outcome"), text("reason"))
}

/// How many calls have `outcome` on `rule`, as the list filter sees them.
fn with_outcome(s: &dyn Store, rule: &str, outcome: &str) -> u64 {
    s.count_calls(&Filter {
        rule: Some(rule.into()),
        outcome: Some(outcome.into()),
        ..Filter::default()
    })
    .unwrap()
}

fn at(now: f64) -> Known {
    Known { now, grace: 0.0 }
}

fn a_later_call_back_decides_a_pending_drop(s: &dyn Store) {
    let active = load_active(s).unwrap();
    let rule = "callback.after_drop";
    // The line drops at 10:01; two minutes later nobody has called back yet.
    let d1 = dropped("d1", "2026-03-02T10:00:00+03:00");
    assert_eq!(ingest(s, &active, &[d1], at(T0 + 180.0)).unwrap(), 0);
    let (outcome, reason) = verdict(s, "d1", rule);
    assert_eq!(outcome, "n/a", "a pending verdict scores as n/a");
    assert!(
        reason.starts_with("pending: the window is open until 2026-03-02T07:06:00Z"),
        "{reason}"
    );
    assert_eq!(with_outcome(s, rule, "pending"), 1);
    // A later request: the call-back 3 minutes after the drop.
    let back = answered("back1", "2026-03-02T10:04:00+03:00");
    assert_eq!(
        ingest(s, &active, &[back], at(T0 + 600.0)).unwrap(),
        1,
        "d1 decided again"
    );
    let (outcome, reason) = verdict(s, "d1", rule);
    assert_eq!((outcome.as_str(), reason.as_str()), ("pass", ""));
    assert_eq!(with_outcome(s, rule, "pending"), 0);
    assert_eq!(with_outcome(s, rule, "pass"), 1);
    // Nothing is left for the clock.
    assert_eq!(decide_due(s, &active, at(T0 + 7200.0)).unwrap(), 0);
}

fn a_missed_call_fails_when_its_window_closes(s: &dyn Store) {
    let active = load_active(s).unwrap();
    let rule = "missed.callback";
    let m1 = missed("m1", "2026-03-02T10:00:00+03:00");
    ingest(s, &active, &[m1], at(T0 + 60.0)).unwrap();
    assert_eq!(verdict(s, "m1", rule).0, "n/a");
    assert_eq!(with_outcome(s, rule, "pending"), 1);
    // Ten minutes on, the 30-minute window is still open.
    assert_eq!(decide_due(s, &active, at(T0 + 600.0)).unwrap(), 0);
    assert_eq!(with_outcome(s, rule, "pending"), 1);
    // Past 10:30:40 nobody called back: the rule fails.
    assert_eq!(decide_due(s, &active, at(T0 + 1900.0)).unwrap(), 1);
    let (outcome, _) = verdict(s, "m1", rule);
    assert_eq!(outcome, "fail");
    assert_eq!(with_outcome(s, rule, "pending"), 0);
    assert_eq!(with_outcome(s, rule, "fail"), 1);
}

fn a_late_call_back_reopens_a_drop_the_clock_failed(s: &dyn Store) {
    let active = load_active(s).unwrap();
    let rule = "callback.after_drop";
    let d1 = dropped("d1", "2026-03-02T10:00:00+03:00");
    ingest(s, &active, &[d1], at(T0 + 180.0)).unwrap();
    // Two hours on, the 5-minute window has closed with nobody calling back.
    assert_eq!(decide_due(s, &active, at(T0 + 7200.0)).unwrap(), 1);
    assert_eq!(verdict(s, "d1", rule).0, "fail");
    // The call-back placed at 10:04 reaches the server only now (a
    // recogniser's backlog): d1 is decided again with it.
    let back = answered("back1", "2026-03-02T10:04:00+03:00");
    assert_eq!(ingest(s, &active, &[back], at(T0 + 10_000.0)).unwrap(), 1);
    let (outcome, reason) = verdict(s, "d1", rule);
    assert_eq!((outcome.as_str(), reason.as_str()), ("pass", ""));
    assert_eq!(with_outcome(s, rule, "fail"), 0);
    assert_eq!(with_outcome(s, rule, "pass"), 1);
    // A late call outside the window changes nothing.
    let later = answered("back2", "2026-03-02T11:00:00+03:00");
    assert_eq!(ingest(s, &active, &[later], at(T0 + 20_000.0)).unwrap(), 0);
    assert_eq!(verdict(s, "d1", rule).0, "pass");
}

fn a_late_earlier_call_reopens_a_later_calls_repeat_limit(s: &dyn Store) {
    let active = load_active(s).unwrap();
    let rule = "outbound.repeat_calls";
    // Two outbound calls to cl-1, decided at once (a day later): the
    // second has one earlier call in 24 h, within the limit.
    let o2 = answered("o2", "2026-03-02T12:00:00+03:00");
    let o3 = answered("o3", "2026-03-02T14:00:00+03:00");
    ingest(s, &active, &[o2, o3], at(T0 + 86_400.0)).unwrap();
    assert_eq!(verdict(s, "o3", rule).0, "pass");
    // The 11:00 call arrives late: o3 now has two earlier calls.
    let o1 = answered("o1", "2026-03-02T11:00:00+03:00");
    assert_eq!(ingest(s, &active, &[o1], at(T0 + 90_000.0)).unwrap(), 2);
    assert_eq!(verdict(s, "o3", rule).0, "fail");
    assert_eq!(verdict(s, "o2", rule).0, "pass");
    assert_eq!(with_outcome(s, rule, "fail"), 1);
}

fn an_on_time_call_reopens_nothing_decided(s: &dyn Store) {
    let active = load_active(s).unwrap();
    // Calls reach this server up to 10 minutes after they start.
    let late_by = |now: f64| Known { now, grace: 600.0 };
    let d1 = dropped("d1", "2026-03-02T10:00:00+03:00");
    let back = answered("back1", "2026-03-02T10:03:00+03:00");
    ingest(s, &active, &[d1, back], late_by(T0 + 800.0)).unwrap();
    assert_eq!(verdict(s, "d1", "callback.after_drop").0, "pass");
    // A second call-back, on time (its start is past the horizon): no
    // decided verdict is re-opened.
    let again = answered("back2", "2026-03-02T10:05:00+03:00");
    assert_eq!(
        ingest(s, &active, &[again], late_by(T0 + 850.0)).unwrap(),
        0
    );
    assert_eq!(verdict(s, "d1", "callback.after_drop").0, "pass");
}
