//! One plain sentence per check type, in Russian or English, built from the
//! rule's parameters: «Ответить не позднее 3-го звонка», "Answer by the 3rd
//! ring". Phrase sets are named by their ids in «» — the booklet lists their
//! entries under the rule.

use callqa_engine::{
    Check, EventSel, HangupPolicy, Hours, ResponseWithin, SetMask, SpeakerSel, Window,
};
use callqa_model::{Lang, Party};

/// The sentence for a check in `lang` (Armenian falls back to English);
/// `names` says how a phrase set is named (its id, or its first entries).
pub fn sentence(check: &Check, lang: Lang, names: &dyn Fn(&SetMask) -> String) -> String {
    let sets = |m: &SetMask| names(m);
    let ru = lang == Lang::Ru;
    let t = |r: String, e: String| if ru { r } else { e };
    match check {
        Check::AnswerSpeed(c) => t(
            format!("Ответить не позднее {}-го звонка.", c.max_rings),
            format!("Answer by ring {}.", c.max_rings),
        ),
        Check::PhraseRequired(c) => {
            let which = if c.all { t("фразу из каждого набора".into(), "a phrase of each of".into()) } else { t("одну из фраз".into(), "one of the phrases".into()) };
            t(
                format!("{} говорит {} {} в {}{}.", who(c.speaker, true), which, sets(&c.sets), window(&c.window, true), if c.negation { " (фраза с отрицанием не считается)" } else { "" }),
                format!("{} says {} {} in {}{}.", who(c.speaker, false), which, sets(&c.sets), window(&c.window, false), if c.negation { " (a negated phrase does not count)" } else { "" }),
            )
        }
        Check::PhraseForbidden(c) => t(
            format!("{} не говорит {} в {}{}.", who(c.speaker, true), sets(&c.sets), window(&c.window, true), if c.max > 0 { format!(" больше {} раз", c.max) } else { String::new() }),
            format!("{} does not say {} in {}{}.", who(c.speaker, false), sets(&c.sets), window(&c.window, false), if c.max > 0 { format!(" more than {} times", c.max) } else { String::new() }),
        ),
        Check::PhraseRate(c) => {
            let mut lim = Vec::new();
            if let Some(x) = c.max_per_100_words { lim.push(t(format!("не чаще {x} на 100 слов"), format!("at most {x} per 100 words"))); }
            if let Some(x) = c.max_per_minute { lim.push(t(format!("не чаще {x} в минуту"), format!("at most {x} a minute"))); }
            t(
                format!("{}: {} — {} (меньше {} раз не считается).", who(c.speaker, true), sets(&c.sets), lim.join(", "), c.min_count),
                format!("{}: {} — {} (fewer than {} never counts).", who(c.speaker, false), sets(&c.sets), lim.join(", "), c.min_count),
            )
        }
        Check::NotOnly(c) => t(
            format!("Первая реплика — не только {}.", sets(&c.sets)),
            format!("The first turn is more than just {}.", sets(&c.sets)),
        ),
        Check::PhraseOrder(c) => t(
            format!("{} идёт раньше {} в {}.", sets(&c.first), sets(&c.then), window(&c.window, true)),
            format!("{} comes before {} in {}.", sets(&c.first), sets(&c.then), window(&c.window, false)),
        ),
        Check::TimeOfDay(c) => {
            let p: Vec<String> = c.periods.iter().map(|p| format!("{} {}–{}", sets(&p.sets), p.from, p.to)).collect();
            t(format!("Приветствие соответствует времени суток: {}.", p.join("; ")), format!("The greeting fits the time of day: {}.", p.join("; ")))
        }
        Check::BeforeEvent(c) => t(
            format!("В течение {} с перед событием «{}» {} говорит {}.", c.within, event(c.event, true), who(c.speaker, true).to_lowercase(), sets(&c.sets)),
            format!("Within {} s before each {}, {} says {}.", c.within, event(c.event, false), who(c.speaker, false).to_lowercase(), sets(&c.sets)),
        ),
        Check::AfterEvent(c) => t(
            format!("В течение {} с после события «{}» {} говорит {}.", c.within, event(c.event, true), who(c.speaker, true).to_lowercase(), sets(&c.sets)),
            format!("Within {} s after each {}, {} says {}.", c.within, event(c.event, false), who(c.speaker, false).to_lowercase(), sets(&c.sets)),
        ),
        Check::EventDuration(c) => t(format!("Удержание длится не дольше {} с.", c.max_secs), format!("A hold lasts at most {} s.", c.max_secs)),
        Check::EventCount(c) => t(
            format!("Не больше {} событий «{}» за звонок.", c.max, event(c.event, true)),
            format!("At most {} of {} in a call.", c.max, event(c.event, false)),
        ),
        Check::CallHours(c) => t(
            format!("Звонить в будни {}, в выходные {}.", hours(c.weekdays, true), hours(c.weekends, true)),
            format!("Call on weekdays {}, at weekends {}.", hours(c.weekdays, false), hours(c.weekends, false)),
        ),
        Check::SpeechPace(c) => t(
            format!("Темп речи от {} до {} слов в минуту.", c.min_wpm, c.max_wpm),
            format!("Speak at {} to {} words a minute.", c.min_wpm, c.max_wpm),
        ),
        Check::Interruptions(c) => t(format!("Перебивать клиента не больше {} раз.", c.max), format!("Interrupt the client at most {} times.", c.max)),
        Check::DeadAir(c) => t(format!("Молчание на линии не дольше {} с.", c.max_secs), format!("No silence longer than {} s.", c.max_secs)),
        Check::NameUsage(c) => t(
            format!("Если имя клиента известно, оператор обращается по имени ({}).", sets(&c.address)),
            format!("When the client's name is known, the operator uses it ({}).", sets(&c.address)),
        ),
        Check::AskName(c) => t(
            format!("Если имя неизвестно, оператор спрашивает его ({}).", sets(&c.sets)),
            format!("When the name is unknown, the operator asks for it ({}).", sets(&c.sets)),
        ),
        Check::TriggerResponse(c) => {
            let when = match c.within {
                ResponseWithin::SameOrNextTurn => t("в той же или следующей реплике".into(), "in the same or the next turn".into()),
                _ => t("дальше в разговоре".into(), "later in the call".into()),
            };
            t(
                format!("Когда {} говорит {}, {} отвечает {} {}.", who(c.trigger_speaker, true).to_lowercase(), sets(&c.trigger), who(c.response_speaker, true).to_lowercase(), sets(&c.response), when),
                format!("When {} says {}, {} answers {} {}.", who(c.trigger_speaker, false).to_lowercase(), sets(&c.trigger), who(c.response_speaker, false).to_lowercase(), sets(&c.response), when),
            )
        }
        Check::HangupBy(c) => match c.policy {
            HangupPolicy::ClientFirstOnInbound => t(
                "На входящем звонке первым кладёт трубку клиент (оператор — только после протокола нецензурной речи).".into(),
                "On an inbound call the client hangs up first (the operator only after the profanity protocol).".into(),
            ),
            HangupPolicy::InitiatorEnds => t("Разговор завершает тот, кто позвонил.".into(), "Whoever placed the call ends it.".into()),
            _ => t("Завершить разговор может любая сторона.".into(), "Either side may end the call.".into()),
        },
        Check::ProfanityProtocol(c) => t(
            format!("Если клиент ругается ({}), оператор предупреждает ({}) и завершает звонок, только если брань повторилась.", sets(&c.profanity), sets(&c.warning)),
            format!("When the client swears ({}), the operator warns ({}) and ends the call only if it happens again.", sets(&c.profanity), sets(&c.warning)),
        ),
        Check::CallbackAfterDrop(c) => t(
            format!("Если связь оборвалась, {} перезванивает в течение {}.", if c.initiator == Party::Operator { "оператор" } else { "клиент" }, dur(c.within_secs, true)),
            format!("After a dropped call, {} calls back within {}.", if c.initiator == Party::Operator { "the operator" } else { "the client" }, dur(c.within_secs, false)),
        ),
        Check::MissedCallback(c) => t(format!("На пропущенный звонок перезвонить в течение {}.", dur(c.within_secs, true)), format!("Call a missed call back within {}.", dur(c.within_secs, false))),
        Check::RepeatCalls(c) => t(
            format!("Не больше {} исходящих звонков клиенту за {}.", c.max, dur(c.period_secs, true)),
            format!("At most {} outbound calls to a client in {}.", c.max, dur(c.period_secs, false)),
        ),
        Check::ContactFrequency(c) => t(
            format!("Не чаще {} раз в день, {} в неделю, {} в месяц.", c.per_day, c.per_week, c.per_month),
            format!("At most {} a day, {} a week, {} a month.", c.per_day, c.per_week, c.per_month),
        ),
        other => t(format!("Проверка «{}».", other.name()), format!("Check \"{}\".", other.name())),
    }
}

/// The phrase sets a check's sentence names, in order: the recommended
/// (required) ones and the ones to avoid.
pub fn phrase_roles(check: &Check) -> (Vec<String>, Vec<String>) {
    let n = |m: &SetMask| m.names.clone();
    match check {
        Check::PhraseRequired(c) => (n(&c.sets), vec![]),
        Check::BeforeEvent(c) => (n(&c.sets), vec![]),
        Check::AfterEvent(c) => (n(&c.sets), vec![]),
        Check::PhraseOrder(c) => ([n(&c.first), n(&c.then)].concat(), vec![]),
        Check::TimeOfDay(c) => (c.periods.iter().flat_map(|p| n(&p.sets)).collect(), vec![]),
        Check::AskName(c) => (n(&c.sets), vec![]),
        Check::TriggerResponse(c) => (n(&c.response), vec![]),
        Check::ProfanityProtocol(c) => (n(&c.warning), vec![]),
        Check::PhraseForbidden(c) => (vec![], n(&c.sets)),
        Check::PhraseRate(c) => (vec![], n(&c.sets)),
        Check::NotOnly(c) => (vec![], n(&c.sets)),
        _ => (vec![], vec![]),
    }
}

/// The set ids in «»: «greeting», «farewell».
pub fn set_ids(m: &SetMask) -> String {
    m.names
        .iter()
        .map(|s| format!("«{s}»"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn who(s: SpeakerSel, ru: bool) -> &'static str {
    match (s, ru) {
        (SpeakerSel::Only(Party::Operator), true) => "Оператор",
        (SpeakerSel::Only(Party::Client), true) => "Клиент",
        (SpeakerSel::Any, true) => "Любая сторона",
        (SpeakerSel::Only(Party::Operator), false) => "The operator",
        (SpeakerSel::Only(Party::Client), false) => "The client",
        (SpeakerSel::Any, false) => "Either side",
    }
}

fn window(w: &Window, ru: bool) -> String {
    if !ru {
        return w.label();
    }
    match w {
        Window::Call => "течение всего разговора".into(),
        Window::Opening => "начале разговора".into(),
        Window::Closing => "конце разговора".into(),
        Window::FirstTurns(n) => format!("первых {n} репликах"),
        Window::FirstSecs(s) => format!("первые {s} с"),
        Window::LastSecs(s) => format!("последние {s} с"),
        Window::After(m) => format!("речи после {}", set_ids(m)),
        other => other.label(),
    }
}

pub(crate) fn event(e: EventSel, ru: bool) -> &'static str {
    if !ru {
        return match e {
            EventSel::HoldStart => "hold",
            EventSel::HoldEnd => "end of hold",
            EventSel::Transfer => "transfer",
            EventSel::Hangup => "hang-up",
            EventSel::Drop => "dropped line",
            EventSel::Answer => "answer",
            _ => e.name(),
        };
    }
    match e {
        EventSel::HoldStart => "удержание",
        EventSel::HoldEnd => "конец удержания",
        EventSel::Transfer => "перевод",
        EventSel::Hangup => "отбой",
        EventSel::Drop => "обрыв связи",
        EventSel::Answer => "ответ",
        _ => e.name(),
    }
}

fn hours(h: Hours, ru: bool) -> String {
    match h {
        None => {
            if ru {
                "не звонить".into()
            } else {
                "never".into()
            }
        }
        Some((a, b)) => format!("{:02}:{:02}–{:02}:{:02}", a / 60, a % 60, b / 60, b % 60),
    }
}

fn dur(secs: f64, ru: bool) -> String {
    let (n, unit) = if secs >= 86400.0 && secs % 3600.0 == 0.0 {
        (secs / 3600.0, if ru { "ч" } else { "h" })
    } else if secs >= 60.0 && secs % 60.0 == 0.0 {
        (secs / 60.0, if ru { "мин" } else { "min" })
    } else {
        (secs, if ru { "с" } else { "s" })
    };
    format!("{n} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(id: &str) -> Check {
        callqa_standard::builtin()
            .rule(id)
            .unwrap_or_else(|| panic!("rule {id}"))
            .check
            .clone()
    }

    #[test]
    fn parameters_are_in_the_sentence() {
        let ids = |m: &SetMask| set_ids(m);
        assert_eq!(
            sentence(&rule("answer.speed"), Lang::Ru, &ids),
            "Ответить не позднее 3-го звонка."
        );
        assert_eq!(
            sentence(&rule("answer.speed"), Lang::En, &ids),
            "Answer by ring 3."
        );
        assert_eq!(
            sentence(&rule("hold.max_duration"), Lang::Ru, &ids),
            "Удержание длится не дольше 60 с."
        );
        assert_eq!(
            sentence(&rule("missed.callback"), Lang::Ru, &ids),
            "На пропущенный звонок перезвонить в течение 30 мин."
        );
        assert_eq!(
            sentence(&rule("outbound.calling_hours"), Lang::En, &ids),
            "Call on weekdays 09:00–20:00, at weekends never."
        );
        let hold = sentence(&rule("hold.permission"), Lang::Ru, &ids);
        assert!(
            hold.contains("30 с") && hold.contains("«hold_request»"),
            "{hold}"
        );
    }

    #[test]
    fn every_rule_of_the_default_standard_has_a_sentence_in_both_languages() {
        let ids = |m: &SetMask| set_ids(m);
        for r in callqa_standard::builtin().rules() {
            let ru = sentence(&r.check, Lang::Ru, &ids);
            let en = sentence(&r.check, Lang::En, &ids);
            assert!(!ru.starts_with("Проверка «"), "{}: {ru}", r.id);
            assert!(!en.starts_with("Check \""), "{}: {en}", r.id);
            assert_ne!(ru, en, "{}", r.id);
        }
    }

    #[test]
    fn required_and_forbidden_sets_are_told_apart() {
        assert_eq!(
            phrase_roles(&rule("greeting.hello")),
            (vec!["greeting".to_string()], vec![])
        );
        assert_eq!(
            phrase_roles(&rule("speech.slang")),
            (vec![], vec!["slang".to_string()])
        );
    }
}
