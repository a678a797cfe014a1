//! Short training calls the engine audits: a model call per language (an
//! inbound call with a hold, an outbound call the client has no time for),
//! each operator line a named *slot* a question may fill with a candidate
//! phrase. The quiz asks the engine, never a list of its own, whether a
//! phrase is right: it builds the call with the phrase in its slot and
//! audits it.

use std::collections::BTreeSet;

use callqa_engine::Standard;
use callqa_model::{Call, Client, Direction, Event, EventKind, Lang, Operator, Outcome, Party};
use callqa_model::{CallAudit, Utterance};

use crate::phrases::Names;

/// One step of a training call.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    /// An operator line; `slot` names it for questions.
    Op(&'static str, &'static str),
    /// A client line.
    Cl(&'static str),
    /// A telephony event at the current time.
    Ev(Ev),
    /// Seconds pass in silence (on hold).
    Wait(f64),
}

/// The events a training call has.
#[derive(Clone, Copy, Debug)]
pub enum Ev {
    /// `hold_start`.
    HoldStart,
    /// `hold_end`.
    HoldEnd,
}

/// A model call: what it is and its steps.
#[derive(Clone, Debug)]
pub struct Template {
    /// `inbound` or `outbound`.
    pub direction: Direction,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

/// The names used on training calls in a language.
pub fn names(lang: Lang) -> Names<'static> {
    match lang {
        Lang::Ru => Names {
            company: "Ромашка",
            operator: "Анна",
            client: "Иван",
        },
        Lang::En => Names {
            company: "Greenfield",
            operator: "Anna",
            client: "John",
        },
        Lang::Hy => Names {
            company: "Արարատ",
            operator: "Աննա",
            client: "Արամ",
        },
    }
}

/// The model calls of a language; with every slot at its default each
/// passes the default standard.
pub fn templates(lang: Lang) -> Vec<Template> {
    use Step::*;
    let (inbound, outbound): (Vec<Step>, Vec<Step>) = match lang {
        Lang::Ru => (
            vec![
                Op("opening", "Доброе утро, компания «Ромашка», меня зовут Анна. Чем могу помочь?"),
                Cl("Здравствуйте, меня зовут Иван. У меня вопрос по счёту за февраль."),
                Op("hold_ask", "Иван, могу я попросить вас подождать? Мне нужно уточнить начисления."),
                Cl("Да, конечно."),
                Ev(self::Ev::HoldStart),
                Wait(20.0),
                Ev(self::Ev::HoldEnd),
                Op("hold_back", "Спасибо за ожидание."),
                Op("middle", "Ошибку в счёте исправили, перерасчёт будет сделан в течение трёх дней."),
                Cl("Хорошо, спасибо."),
                Op("further", "Могу ли я ещё чем-то помочь?"),
                Cl("Нет, это всё."),
                Op("thanks", "Спасибо за звонок."),
                Op("farewell", "Всего доброго!"),
                Cl("До свидания."),
            ],
            vec![
                Op("intro", "Доброе утро, Иван! Меня зовут Анна, компания «Ромашка». Я звоню по поводу вашей заявки."),
                Op("time_check", "Вам удобно сейчас говорить?"),
                Cl("Мне сейчас неудобно, я занят."),
                Op("reschedule", "Когда вам удобно, чтобы я перезвонила?"),
                Cl("Завтра в десять."),
                Op("closing", "Хорошо, перезвоню завтра в десять. Спасибо, всего доброго!"),
                Cl("До свидания."),
            ],
        ),
        Lang::En => (
            vec![
                Op("opening", "Good morning, Greenfield, my name is Anna. How can I help you?"),
                Cl("Hi, my name is John. I have a question about my February bill."),
                Op("hold_ask", "John, may I put you on hold? I need to check the charges."),
                Cl("Sure."),
                Ev(self::Ev::HoldStart),
                Wait(20.0),
                Ev(self::Ev::HoldEnd),
                Op("hold_back", "Thank you for holding."),
                Op("middle", "We corrected the bill, the refund will arrive within three days."),
                Cl("Great, thanks."),
                Op("further", "Is there anything else I can help you with?"),
                Cl("No, that's all."),
                Op("thanks", "Thank you for calling."),
                Op("farewell", "Goodbye!"),
                Cl("Bye."),
            ],
            vec![
                Op("intro", "Good morning, John! This is Anna from Greenfield. I'm calling about your application."),
                Op("time_check", "Is this a good time to talk?"),
                Cl("Not a good time, I'm busy right now."),
                Op("reschedule", "When would be a convenient time to call you back?"),
                Cl("Tomorrow at ten."),
                Op("closing", "Certainly, I will call you back tomorrow at ten. Thank you, goodbye!"),
                Cl("Bye."),
            ],
        ),
        Lang::Hy => (
            vec![
                Op("opening", "Բարի առավոտ, «Արարատ» ընկերություն, իմ անունը Աննա է։ Ինչո՞վ կարող եմ օգնել։"),
                Cl("Բարև ձեզ, իմ անունը Արամ է։ Հարց ունեմ փետրվարի հաշվի վերաբերյալ։"),
                Op("hold_ask", "Արամ, կարո՞ղ եմ խնդրել սպասել։ Պետք է ճշտեմ հաշվարկները։"),
                Cl("Այո, իհարկե։"),
                Ev(self::Ev::HoldStart),
                Wait(20.0),
                Ev(self::Ev::HoldEnd),
                Op("hold_back", "Շնորհակալություն սպասելու համար։"),
                Op("middle", "Հաշիվը ուղղեցինք, վերահաշվարկը կլինի երեք օրվա ընթացքում։"),
                Cl("Լավ, շնորհակալություն։"),
                Op("further", "Էլ ինչո՞վ կարող եմ օգնել։"),
                Cl("Ոչ, այսքանը։"),
                Op("thanks", "Շնորհակալություն զանգի համար։"),
                Op("farewell", "Ցտեսություն։"),
                Cl("Ցտեսություն։"),
            ],
            vec![
                Op("intro", "Բարի առավոտ, Արամ։ Իմ անունը Աննա է, «Արարատ» ընկերությունից։ Զանգում եմ ձեր հայտի վերաբերյալ։"),
                Op("time_check", "Հարմա՞ր է խոսել։"),
                Cl("Հիմա հարմար չէ, զբաղված եմ։"),
                Op("reschedule", "Ե՞րբ է ձեզ հարմար, որ հետ զանգեմ։"),
                Cl("Վաղը ժամը տասին։"),
                Op("closing", "Լավ, կզանգեմ վաղը ժամը տասին։ Շնորհակալություն, ցտեսություն։"),
                Cl("Ցտեսություն։"),
            ],
        ),
    };
    vec![
        Template {
            direction: Direction::Inbound,
            steps: inbound,
        },
        Template {
            direction: Direction::Outbound,
            steps: outbound,
        },
    ]
}

/// Seconds one utterance of `text` lasts: 0.4 s a word (150 words a
/// minute, the middle of the pace rule), at least one second.
pub fn duration(text: &str) -> f64 {
    (text.split_whitespace().count() as f64 * 0.4).max(1.0)
}

/// A call header for training: the names of `lang`, a weekday morning.
pub fn header(id: &str, lang: Lang, direction: Direction) -> Call {
    let n = names(lang);
    Call {
        id: id.to_string(),
        direction,
        started_at: Some(time::macros::datetime!(2026-03-02 10:00 +03:00)),
        language: Some(lang),
        company: Some(n.company.to_string()),
        department: None,
        operator: Operator {
            id: "trainee".into(),
            name: Some(n.operator.to_string()),
        },
        client: Client {
            id: Some("training-client".into()),
            name: (direction == Direction::Outbound).then(|| n.client.to_string()),
            number: Some("+70000000000".into()),
            ..Client::default()
        },
        tags: Default::default(),
        events: Vec::new(),
        utterances: Vec::new(),
    }
}

/// Builds the template's call with `slot` said as `text` (`None`: not said
/// at all); every other slot keeps its default.
pub fn build(t: &Template, lang: Lang, slot: &str, text: Option<&str>) -> Call {
    let mut call = header("training", lang, t.direction);
    call.events.push(Event {
        at: 0.0,
        kind: EventKind::Ring,
    });
    call.events.push(Event {
        at: 2.0,
        kind: EventKind::Answer,
    });
    let mut now = 2.5;
    let say = |call: &mut Call, now: &mut f64, speaker: Party, text: &str| {
        let d = duration(text);
        call.utterances.push(Utterance {
            speaker,
            start: *now,
            end: *now + d,
            text: text.to_string(),
            words: Vec::new(),
        });
        *now += d + 0.6;
    };
    for step in &t.steps {
        match *step {
            Step::Op(name, default) => {
                let said = if name == slot { text } else { Some(default) };
                if let Some(s) = said {
                    say(&mut call, &mut now, Party::Operator, s);
                }
            }
            Step::Cl(s) => say(&mut call, &mut now, Party::Client, s),
            Step::Ev(e) => call.events.push(Event {
                at: now,
                kind: match e {
                    Ev::HoldStart => EventKind::HoldStart,
                    Ev::HoldEnd => EventKind::HoldEnd,
                },
            }),
            Step::Wait(s) => now += s,
        }
    }
    call.events.push(Event {
        at: now + 0.5,
        kind: EventKind::Hangup { by: Party::Client },
    });
    call
}

/// The engine's audit of one training call.
pub fn audit(std: &Standard, call: &Call) -> CallAudit {
    std.audit_call(call)
}

/// Ids of the rules that failed.
pub fn failed(a: &CallAudit) -> BTreeSet<String> {
    a.verdicts
        .iter()
        .filter(|v| v.outcome == Outcome::Fail)
        .map(|v| v.rule.clone())
        .collect()
}

/// The outcome of one rule in an audit.
pub fn outcome(a: &CallAudit, rule: &str) -> Option<Outcome> {
    a.verdicts
        .iter()
        .find(|v| v.rule == rule)
        .map(|v| v.outcome)
}
