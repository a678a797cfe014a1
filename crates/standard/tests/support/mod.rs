//! Shared helpers of the `callqa-standard` tests: a compact builder of call
//! records so that tests read like a table, the standards under test (the
//! built-in one and the default with its disabled rules switched on), and
//! shortcuts to get one rule's verdict.
//!
//! ```ignore
//! let call = CallB::inbound("ru")
//!     .answer(9.8)
//!     .op(10.1, 13.9, "Добрый день, компания Ромашка, меня зовут Анна")
//!     .client(14.2, 18.0, "У меня не проходит оплата")
//!     .hold(62.0, 95.5)
//!     .hangup(301.2, Party::Client)
//!     .company("Ромашка")
//!     .operator_name("Анна Смирнова")
//!     .build();
//! ```
#![allow(dead_code)]

use std::sync::{Arc, OnceLock};

use callqa_model::{
    Call, CallAudit, Client, Direction, Event, EventKind, Lang, Operator, Outcome, Party,
    Utterance, Verdict,
};
use callqa_standard::{Batch, Standard, DEFAULT_STANDARD_TOML};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Monday 2 March 2026, 14:15 Moscow time: inside business hours and in the
/// «добрый день» period.
pub const MONDAY_AFTERNOON: &str = "2026-03-02T14:15:04+03:00";

/// Builder of a [`Call`]. Starts with a `ring` at 0 s; events and utterances
/// may be added in any order and are sorted by time in [`CallB::build`].
#[derive(Clone, Debug)]
pub struct CallB {
    call: Call,
}

impl CallB {
    fn new(direction: Direction, lang: &str) -> CallB {
        CallB {
            call: Call {
                id: "c1".into(),
                direction,
                started_at: Some(at(MONDAY_AFTERNOON)),
                language: Lang::from_tag(lang),
                company: None,
                department: None,
                operator: Operator {
                    id: "op-1".into(),
                    name: None,
                },
                client: Client::default(),
                tags: Default::default(),
                events: vec![Event {
                    at: 0.0,
                    kind: EventKind::Ring,
                }],
                utterances: Vec::new(),
            },
        }
    }

    /// A call from the client; `lang` is "ru", "en", "hy" or "" (none).
    pub fn inbound(lang: &str) -> CallB {
        CallB::new(Direction::Inbound, lang)
    }

    /// A call placed by the operator.
    pub fn outbound(lang: &str) -> CallB {
        CallB::new(Direction::Outbound, lang)
    }

    pub fn id(mut self, id: &str) -> CallB {
        self.call.id = id.into();
        self
    }

    /// `started_at` as RFC 3339, e.g. "2026-03-02T08:59:00+03:00".
    pub fn started(mut self, rfc3339: &str) -> CallB {
        self.call.started_at = Some(at(rfc3339));
        self
    }

    pub fn no_start_time(mut self) -> CallB {
        self.call.started_at = None;
        self
    }

    /// Drops every event, including the initial ring (a transcript-only
    /// record).
    pub fn no_events(mut self) -> CallB {
        self.call.events.clear();
        self
    }

    fn event(mut self, at: f64, kind: EventKind) -> CallB {
        self.call.events.push(Event { at, kind });
        self
    }

    pub fn answer(self, at: f64) -> CallB {
        self.event(at, EventKind::Answer)
    }

    /// A hold from `start` to `end`.
    pub fn hold(self, start: f64, end: f64) -> CallB {
        self.event(start, EventKind::HoldStart)
            .event(end, EventKind::HoldEnd)
    }

    pub fn transfer(self, at: f64) -> CallB {
        self.event(at, EventKind::Transfer { to: None })
    }

    /// Ends the call: `by` hangs up at `at`. Replaces an earlier end, so a
    /// base call can be ended differently.
    pub fn hangup(self, at: f64, by: Party) -> CallB {
        self.unended().event(at, EventKind::Hangup { by })
    }

    /// Ends the call with a failed line at `at` (replaces an earlier end).
    pub fn dropped(self, at: f64) -> CallB {
        self.unended().event(at, EventKind::Drop)
    }

    fn unended(mut self) -> CallB {
        self.call
            .events
            .retain(|e| !matches!(e.kind, EventKind::Hangup { .. } | EventKind::Drop));
        self
    }

    /// Removes the `answer` event (and so makes the call a missed one).
    pub fn unanswered(mut self) -> CallB {
        self.call
            .events
            .retain(|e| !matches!(e.kind, EventKind::Answer));
        self
    }

    /// Removes every utterance.
    pub fn no_transcript(mut self) -> CallB {
        self.call.utterances.clear();
        self
    }

    fn say(mut self, speaker: Party, start: f64, end: f64, text: &str) -> CallB {
        self.call.utterances.push(Utterance {
            speaker,
            start,
            end,
            text: text.into(),
            words: Vec::new(),
        });
        self
    }

    /// An operator utterance.
    pub fn op(self, start: f64, end: f64, text: &str) -> CallB {
        self.say(Party::Operator, start, end, text)
    }

    /// A client utterance.
    pub fn client(self, start: f64, end: f64, text: &str) -> CallB {
        self.say(Party::Client, start, end, text)
    }

    pub fn company(mut self, name: &str) -> CallB {
        self.call.company = Some(name.into());
        self
    }

    pub fn operator_name(mut self, name: &str) -> CallB {
        self.call.operator.name = Some(name.into());
        self
    }

    pub fn operator_id(mut self, id: &str) -> CallB {
        self.call.operator.id = id.into();
        self
    }

    pub fn client_name(mut self, name: &str) -> CallB {
        self.call.client.name = Some(name.into());
        self
    }

    /// `client.id`, the key that links calls across a batch.
    pub fn client_id(mut self, id: &str) -> CallB {
        self.call.client.id = Some(id.into());
        self
    }

    pub fn client_number(mut self, number: &str) -> CallB {
        self.call.client.number = Some(number.into());
        self
    }

    pub fn third_party(mut self, yes: bool) -> CallB {
        self.call.client.third_party = Some(yes);
        self
    }

    pub fn tag(mut self, key: &str, value: &str) -> CallB {
        self.call.tags.insert(key.into(), value.into());
        self
    }

    pub fn build(mut self) -> Call {
        self.call.events.sort_by(|a, b| a.at.total_cmp(&b.at));
        self.call
            .utterances
            .sort_by(|a, b| a.start.total_cmp(&b.start));
        self.call
    }
}

pub fn at(rfc3339: &str) -> OffsetDateTime {
    OffsetDateTime::parse(rfc3339, &Rfc3339).unwrap_or_else(|e| panic!("{rfc3339}: {e}"))
}

/// The built-in default standard.
pub fn builtin() -> Arc<Standard> {
    callqa_standard::builtin()
}

/// The default standard with every rule enabled (`greeting.order` and the
/// `collection.*` profile are off by default).
pub fn all_enabled() -> Arc<Standard> {
    static STD: OnceLock<Arc<Standard>> = OnceLock::new();
    STD.get_or_init(|| {
        let text = DEFAULT_STANDARD_TOML.replace("enabled = false", "enabled = true");
        callqa_standard::from_toml("all-enabled.toml", &text).unwrap_or_else(|e| panic!("{e}"))
    })
    .clone()
}

/// A standard from TOML text; panics with the rendered diagnostics.
pub fn standard(toml: &str) -> Arc<Standard> {
    callqa_standard::from_toml("test.toml", toml).unwrap_or_else(|e| panic!("{e}"))
}

/// One rule's verdict on one call audited on its own.
pub fn verdict(std: &Standard, call: &Call, rule: &str) -> Verdict {
    find(&std.audit_call(call), rule)
}

pub fn find(audit: &CallAudit, rule: &str) -> Verdict {
    audit
        .verdicts
        .iter()
        .find(|v| v.rule == rule)
        .cloned()
        .unwrap_or_else(|| panic!("{}: no verdict for {rule}", audit.call))
}

/// Audits the calls together (cross-call rules see each other).
pub fn audit_batch(std: &Arc<Standard>, calls: &[Call]) -> Vec<CallAudit> {
    let mut batch = Batch::new(std.clone());
    for c in calls {
        batch.add(c);
    }
    batch.finish()
}

/// Short outcome names for tables.
pub const PASS: Outcome = Outcome::Pass;
pub const FAIL: Outcome = Outcome::Fail;
pub const NA: Outcome = Outcome::NotApplicable;

/// One row of a rule table: what the case shows, the call, the outcome the
/// catalog asks for.
pub type Case = (&'static str, Call, Outcome);

/// Checks every row and reports all mismatches at once, with the engine's
/// message or reason, so one run shows the whole table.
pub fn check_rule(std: &Standard, rule: &str, cases: Vec<Case>) {
    assert!(std.rule(rule).is_some(), "{rule} is not in the standard");
    let mut wrong = Vec::new();
    for (label, call, want) in &cases {
        let v = verdict(std, call, rule);
        if v.outcome != *want {
            wrong.push(format!(
                "  {label}: got {}, expected {} ({})",
                v.outcome.as_str(),
                want.as_str(),
                explain(&v)
            ));
        }
        check_shape(&v);
    }
    assert!(
        wrong.is_empty(),
        "{rule}: {} of {} cases wrong:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
    for want in [PASS, FAIL, NA] {
        assert!(
            cases.iter().any(|(_, _, o)| *o == want),
            "{rule}: the table needs a {} case",
            want.as_str()
        );
    }
}

/// A failure carries a message, an n/a a reason.
pub fn check_shape(v: &Verdict) {
    match v.outcome {
        Outcome::Fail => assert!(
            v.message.as_deref().is_some_and(|m| !m.trim().is_empty()),
            "{}: fail without a message",
            v.rule
        ),
        Outcome::NotApplicable => assert!(
            v.reason.as_deref().is_some_and(|m| !m.trim().is_empty()),
            "{}: n/a without a reason",
            v.rule
        ),
        Outcome::Pass => {}
    }
}

pub fn explain(v: &Verdict) -> String {
    v.message
        .as_deref()
        .or(v.reason.as_deref())
        .unwrap_or("")
        .to_string()
}

/// A polite answered Russian inbound call that passes every applicable rule
/// of the default standard: 14:15 on a Monday, answered on ring 2, a hold
/// with permission, reason and thanks, the client's name used, a full
/// closing, the client hangs up.
pub fn polite_ru() -> CallB {
    CallB::inbound("ru")
        .company("Ромашка")
        .operator_name("Анна Смирнова")
        .client_name("Иван Петрович")
        .client_id("cl-1")
        .answer(9.8)
        .op(10.1, 14.5, "Добрый день, компания «Ромашка», меня зовут Анна. Чем могу помочь?")
        .client(15.1, 21.1, "Добрый день. У меня вопрос по счёту за февраль, там сумма больше, чем обычно.")
        .op(21.7, 30.3, "Иван Петрович, я вижу ваш лицевой счёт. Могу я попросить вас подождать пару минут? Мне нужно уточнить начисления.")
        .client(30.9, 32.4, "Да, конечно, подожду.")
        .hold(33.0, 73.0)
        .op(73.9, 81.2, "Спасибо за ожидание, Иван Петрович. В феврале к вашему тарифу добавилась услуга «Антивирус», она подключена двадцатого января.")
        .client(81.8, 84.9, "Я её не подключал. Можно её отключить?")
        .op(85.5, 94.9, "Да, я отключу её прямо сейчас и сделаю перерасчёт за февраль. Деньги вернутся на ваш лицевой счёт в течение трёх рабочих дней.")
        .client(95.5, 96.5, "Хорошо, спасибо.")
        .op(97.1, 103.2, "Услуга отключена, номер обращения четыре пять семь один. Могу ли я ещё чем-то помочь?")
        .client(103.8, 105.2, "Нет, это всё.")
        .op(105.8, 111.0, "Спасибо за обращение в компанию «Ромашка», Иван Петрович. Всего доброго, до свидания!")
        .client(111.6, 112.7, "До свидания.")
        .hangup(113.8, Party::Client)
}

/// An answered inbound call whose operator opening is `opening`, followed
/// by a short exchange and a full closing; company «Ромашка», operator Анна.
pub fn opening_ru(opening: &str) -> CallB {
    CallB::inbound("ru")
        .company("Ромашка")
        .operator_name("Анна Смирнова")
        .answer(4.0)
        .op(4.4, 8.4, opening)
        .client(
            9.0,
            13.0,
            "Здравствуйте, меня зовут Ольга, я хотела узнать про доставку.",
        )
        .op(
            13.5,
            18.0,
            "Ольга, доставка занимает два рабочих дня после оплаты заказа.",
        )
        .client(18.5, 20.0, "Понятно, спасибо.")
        .op(
            20.5,
            25.0,
            "Могу ли я ещё чем-то помочь? Спасибо за звонок, всего доброго!",
        )
        .client(25.5, 26.5, "До свидания.")
        .hangup(27.5, Party::Client)
}

/// An answered outbound call: the operator's utterances are given, the
/// client answers in between with neutral words; company «Ромашка».
pub fn outbound_ru(operator_turns: &[&str]) -> CallB {
    let mut b = CallB::outbound("ru")
        .company("Ромашка")
        .operator_name("Анна Смирнова")
        .client_id("cl-9")
        .answer(6.0)
        .client(6.3, 7.0, "Алло.");
    let mut t = 7.5;
    for text in operator_turns {
        b = b
            .op(t, t + 4.0, text)
            .client(t + 4.5, t + 6.0, "Слушаю вас.");
        t += 6.5;
    }
    b.hangup(t, Party::Client)
}

/// An answered call whose operator speech is `operator` (one utterance per
/// item, 4 s each) and whose client says short neutral lines in between.
pub fn operator_says(lines: &[&str]) -> CallB {
    let mut b = CallB::inbound("ru").answer(2.0);
    let mut t = 2.5;
    for line in lines {
        b = b
            .op(t, t + 4.0, line)
            .client(t + 4.5, t + 6.0, "Понятно, спасибо.");
        t += 6.5;
    }
    b.hangup(t + 5.0, Party::Client)
}
