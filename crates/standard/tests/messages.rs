//! Messages for people: one example call's verdict messages, n/a reasons
//! and computed facts in Russian (the default standard's report language)
//! and in English (`Standard::set_report_language`, `callqa audit --lang`),
//! against the text a supervisor should read. Quotes stay as spoken.

mod support;

use std::path::PathBuf;

use callqa_model::{read_inputs, CallAudit, EvidenceKind, Lang, Outcome};
use callqa_standard::Standard;
use support::*;

fn example(name: &str) -> callqa_model::Call {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    read_inputs(&[path])
        .next()
        .expect("one call")
        .expect("a valid call")
}

/// The audit's messages: «rule: message» of each failure, «rule: n/a:
/// reason» of each reason, «rule: fact: text» of each computed fact.
fn lines(a: &CallAudit) -> Vec<String> {
    let mut out = Vec::new();
    for v in &a.verdicts {
        if v.manual {
            continue;
        }
        if let Some(m) = &v.message {
            out.push(format!("{}: {m}", v.rule));
        }
        if v.outcome == Outcome::NotApplicable {
            if let Some(r) = &v.reason {
                out.push(format!("{}: n/a: {r}", v.rule));
            }
        }
        for e in v.evidence.iter().filter(|e| e.kind == EvidenceKind::Fact) {
            out.push(format!("{}: fact: {}", v.rule, e.quote));
        }
    }
    out
}

fn in_language(lang: Lang) -> Standard {
    let mut std = (*builtin()).clone();
    std.set_report_language(lang);
    std
}

const RU: &[&str] = &[
        "answer.speed: fact: ответ на 3-м гудке (12,4 с)",
        "greeting.time_of_day: n/a: приветствие по времени суток не прозвучало",
        "outbound.introduce: n/a: входящий звонок; правило для исходящих",
        "outbound.time_check: n/a: входящий звонок; правило для исходящих",
        "outbound.purpose: n/a: входящий звонок; правило для исходящих",
        "outbound.reschedule: n/a: входящий звонок; правило для исходящих",
        "outbound.calling_hours: n/a: входящий звонок; правило для исходящих",
        "outbound.wrong_number: n/a: входящий звонок; правило для исходящих",
        "outbound.repeat_calls: n/a: входящий звонок; правило для исходящих",
        "hold.reason: до удержания в 0:33 не прозвучало: оператор объясняет, почему клиенту нужно подождать; оператор сказал: «Ну, значит, так, номер договорчика подскажите? Ага, щас. Минуточку подождите, не отключай…»",
        "hold.reason: fact: удержание в 0:33",
        "hold.max_duration: удержание с 0:33 длилось 85 с (допустимо 60 с)",
        "hold.max_duration: fact: удержание в 0:33",
        "transfer.count: n/a: в этом звонке не было перевода",
        "transfer.announce: n/a: в этом звонке не было перевода",
        "speech.fillers: слова-паразиты и запинки: 8 раз на 60 слов (13,3 на 100 слов, допустимо 3): «Ну», «значит», «Короче», «как бы», «Э-э» и ещё 3",
        "speech.diminutives: уменьшительно-ласкательные формы («минуточку», «документик») — 4 раза у оператора: «договорчика», «Минуточку», «заявочка», «денежка»",
        "speech.slang: жаргон, сленг и усечённые формы — 3 раза у оператора: «Ага», «щас», «норм»",
        "speech.pace: fact: 136 слов в минуту за 19 с",
        "client.ask_name: n/a: клиент представился сам: «меня зовут Светлана»",
        "colleague.unavailable: n/a: у оператора не прозвучало: оператор говорит, что нужного сотрудника нет на месте",
        "closing.who_hangs_up: fact: клиент положил трубку в 2:28",
        "closing.profanity_protocol: n/a: клиент не ругался",
        "callback.after_drop: n/a: связь не обрывалась",
        "missed.callback: n/a: на звонок ответили",
];

const EN: &[&str] = &[
        "answer.speed: fact: answered on ring 3 (12.4 s)",
        "greeting.time_of_day: n/a: no time-specific greeting was said",
        "outbound.introduce: n/a: inbound call; the rule is for outbound calls",
        "outbound.time_check: n/a: inbound call; the rule is for outbound calls",
        "outbound.purpose: n/a: inbound call; the rule is for outbound calls",
        "outbound.reschedule: n/a: inbound call; the rule is for outbound calls",
        "outbound.calling_hours: n/a: inbound call; the rule is for outbound calls",
        "outbound.wrong_number: n/a: inbound call; the rule is for outbound calls",
        "outbound.repeat_calls: n/a: inbound call; the rule is for outbound calls",
        "hold.reason: not heard before the hold at 0:33: the operator explains why the client has to wait; the operator said «Ну, значит, так, номер договорчика подскажите? Ага, щас. Минуточку подождите, не отключай…»",
        "hold.reason: fact: hold at 0:33",
        "hold.max_duration: a hold from 0:33 lasted 85 s (limit 60 s)",
        "hold.max_duration: fact: hold at 0:33",
        "transfer.count: n/a: no transfer on this call",
        "transfer.announce: n/a: no transfer on this call",
        "speech.fillers: filler words and hesitations: 8 times in 60 words (13.3 per 100 words, limit 3): «Ну», «значит», «Короче», «как бы», «Э-э» and 3 more",
        "speech.diminutives: diminutive forms (\"минуточку\", \"документик\") — 4 times from the operator: «договорчика», «Минуточку», «заявочка», «денежка»",
        "speech.slang: slang, jargon and clipped forms — 3 times from the operator: «Ага», «щас», «норм»",
        "speech.pace: fact: 136 words per minute over 19 s",
        "client.ask_name: n/a: the client introduced themself: «меня зовут Светлана»",
        "colleague.unavailable: n/a: not heard from the operator: the operator says the requested colleague is away",
        "closing.who_hangs_up: fact: the client hung up at 2:28",
        "closing.profanity_protocol: n/a: the client used no profanity",
        "callback.after_drop: n/a: the line did not drop",
        "missed.callback: n/a: the call was answered",
];

#[test]
fn one_calls_messages_read_as_a_supervisor_writes_them_in_russian_and_english() {
    let call = example("ru-inbound-fillers-diminutives.json");
    let ru = builtin().audit_call(&call);
    assert_eq!(lines(&ru), RU, "ru");
    assert_eq!(lines(&in_language(Lang::Ru).audit_call(&call)), RU);
    let en = in_language(Lang::En).audit_call(&call);
    assert_eq!(lines(&en), EN, "en");
    // The outcomes and the quotes do not depend on the language.
    for (a, b) in ru.verdicts.iter().zip(&en.verdicts) {
        assert_eq!(a.outcome, b.outcome, "{}", a.rule);
        let quotes = |v: &callqa_model::Verdict| -> Vec<String> {
            v.evidence
                .iter()
                .filter(|e| e.kind == EvidenceKind::Quote)
                .map(|e| e.quote.clone())
                .collect()
        };
        assert_eq!(quotes(a), quotes(b), "{}", a.rule);
    }
}

#[test]
fn armenian_messages_come_in_armenian() {
    let call = example("ru-inbound-fillers-diminutives.json");
    let hy = in_language(Lang::Hy).audit_call(&call);
    let fillers = find(&hy, "speech.fillers");
    let msg = fillers.message.unwrap();
    assert!(
        msg.starts_with("մակաբույծ բառեր և կմկմոց՝ 8 անգամ 60 բառում"),
        "{msg}"
    );
    assert!(msg.contains("և ևս 3"), "{msg}");
    assert_eq!(find(&hy, "speech.fillers").title, "Քիչ մակաբույծ բառեր");
}

#[test]
fn a_set_description_may_be_one_text_or_one_per_language() {
    let toml = callqa_standard::DEFAULT_STANDARD_TOML.replace(
        "description = { ru = \"Слова-паразиты и запинки.\", en = \"Filler words and hesitations.\", hy = \"Մակաբույծ բառեր և կմկմոց։\" }",
        "description = \"Filler words.\"",
    );
    assert_ne!(toml, callqa_standard::DEFAULT_STANDARD_TOML);
    let one = standard(&toml);
    let call = example("ru-inbound-fillers-diminutives.json");
    let msg = find(&one.audit_call(&call), "speech.fillers")
        .message
        .unwrap();
    assert!(msg.starts_with("filler words: 8 раз на 60 слов"), "{msg}");
}
