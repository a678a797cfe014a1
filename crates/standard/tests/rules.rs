//! Every rule of the default standard, as a table of calls and the outcome
//! the rule catalog (`shared/spec/default-standard.md`) asks for: at least
//! one pass, one fail and one n/a each. Rules that are off by default
//! (`greeting.order`, `collection.*`) run on the default standard with every
//! rule switched on. Cases are Russian first, with English, Armenian and
//! ASR-style text (lower case, no punctuation, a misspelling, other word
//! forms).

mod support;

use callqa_model::{Outcome, Party};
use support::*;

/// A missed inbound call that rang `secs` seconds and was hung up by the
/// client.
fn missed(secs: f64) -> CallB {
    CallB::inbound("ru")
        .client_id("cl-1")
        .hangup(secs, Party::Client)
}

// ------------------------------------------------------------- Answering --

#[test]
fn answer_speed_counts_rings_of_five_seconds() {
    check_rule(
        &builtin(),
        "answer.speed",
        vec![
            ("answer at 9.8 s is ring 2", polite_ru().build(), PASS),
            (
                "answer at 14.9 s is ring 3",
                CallB::inbound("ru")
                    .answer(14.9)
                    .hangup(60.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "answer at 15.0 s is ring 4",
                CallB::inbound("ru")
                    .answer(15.0)
                    .hangup(60.0, Party::Client)
                    .build(),
                FAIL,
            ),
            (
                "answer at 26 s is ring 6",
                CallB::inbound("ru")
                    .answer(26.0)
                    .hangup(60.0, Party::Client)
                    .build(),
                FAIL,
            ),
            (
                "missed call that rang 20 s, past ring 3",
                missed(20.0).build(),
                FAIL,
            ),
            (
                "missed call that rang 12 s, less than 3 rings",
                missed(12.0).build(),
                NA,
            ),
            (
                "outbound call",
                outbound_ru(&["Добрый день, меня зовут Анна, компания Ромашка."]).build(),
                NA,
            ),
        ],
    );
}

#[test]
fn greeting_no_bare_hello_fails_a_first_turn_of_only_alo() {
    check_rule(
        &builtin(),
        "greeting.no_bare_hello",
        vec![
            (
                "full greeting",
                opening_ru("Добрый день, компания «Ромашка», меня зовут Анна.").build(),
                PASS,
            ),
            (
                "алло as part of a greeting",
                opening_ru("Алло, здравствуйте, компания Ромашка!").build(),
                PASS,
            ),
            ("bare «Алло?»", opening_ru("Алло?").build(), FAIL),
            ("ASR «да слушаю»", opening_ru("да слушаю").build(), FAIL),
            (
                "bare «Слушаю.» split in two segments",
                opening_ru("Алло.").op(5.0, 6.0, "Слушаю.").build(),
                FAIL,
            ),
            (
                "en bare Hello?",
                CallB::inbound("en")
                    .answer(3.0)
                    .op(3.3, 4.0, "Hello?")
                    .client(4.5, 8.0, "Hi, I have a question about my card.")
                    .hangup(20.0, Party::Client)
                    .build(),
                FAIL,
            ),
            (
                "hy bare «Այո՞»",
                CallB::inbound("hy")
                    .answer(3.0)
                    .op(3.3, 4.0, "Այո՞")
                    .client(4.5, 8.0, "Բարև ձեզ, ինտերնետը չի աշխատում։")
                    .hangup(20.0, Party::Client)
                    .build(),
                FAIL,
            ),
            ("missed call", missed(12.0).build(), NA),
            ("outbound call", outbound_ru(&["Алло?"]).build(), NA),
        ],
    );
}

#[test]
fn greeting_hello_needs_a_greeting_in_the_opening() {
    check_rule(
        &builtin(),
        "greeting.hello",
        vec![
            (
                "«Добрый день»",
                opening_ru("Добрый день, компания «Ромашка», меня зовут Анна.").build(),
                PASS,
            ),
            (
                "ASR lower case without punctuation",
                opening_ru("здравствуйте компания ромашка меня зовут анна").build(),
                PASS,
            ),
            (
                "«Приветствую вас»",
                opening_ru("Приветствую вас! Компания Ромашка.").build(),
                PASS,
            ),
            (
                "greeting in a second operator turn within 15 s",
                CallB::inbound("ru")
                    .answer(4.0)
                    .op(4.4, 5.0, "Алло.")
                    .client(5.5, 7.0, "Алло, это Ромашка?")
                    .op(7.5, 10.0, "Ой, здравствуйте, да, компания Ромашка.")
                    .client(10.5, 12.0, "У меня вопрос.")
                    .hangup(30.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "ASR misspelling «здраствуйте»",
                opening_ru("здраствуйте кампания ромашка").build(),
                PASS,
            ),
            // "Thank you for calling" alone is no greeting (the blind writers
            // fail it, as ru/hy have no «спасибо за звонок» greeting); the
            // catalog's example is "Hello, thank you for calling"
            (
                "en thank you for calling, no greeting",
                CallB::inbound("en")
                    .company("Harper Valley National Bank")
                    .answer(3.0)
                    .op(
                        3.3,
                        8.0,
                        "Thank you for calling Harper Valley, this is Jennifer.",
                    )
                    .client(8.5, 10.0, "Hi.")
                    .hangup(20.0, Party::Client)
                    .build(),
                FAIL,
            ),
            (
                "en hello, thank you for calling",
                CallB::inbound("en")
                    .company("Harper Valley National Bank")
                    .answer(3.0)
                    .op(
                        3.3,
                        8.0,
                        "Hello, thank you for calling Harper Valley, this is Jennifer.",
                    )
                    .client(8.5, 10.0, "Hi.")
                    .hangup(20.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "hy «Բարև ձեզ»",
                CallB::inbound("hy")
                    .answer(3.0)
                    .op(3.3, 8.0, "Բարև ձեզ, «Արև» ընկերություն։")
                    .client(8.5, 10.0, "Բարև։")
                    .hangup(20.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "no greeting word",
                opening_ru("Компания Ромашка, меня зовут Анна, чем могу помочь?").build(),
                FAIL,
            ),
            (
                "greeting only after the opening",
                operator_says(&[
                    "Компания Ромашка.",
                    TEN_WORDS,
                    TEN_WORDS,
                    "Здравствуйте ещё раз.",
                ])
                .build(),
                FAIL,
            ),
            ("missed call", missed(12.0).build(), NA),
            (
                "no transcript",
                CallB::inbound("ru")
                    .answer(4.0)
                    .hangup(60.0, Party::Client)
                    .build(),
                NA,
            ),
        ],
    );
}

#[test]
fn greeting_time_of_day_must_fit_the_local_hour() {
    let at = |time: &str, greeting: &str| {
        opening_ru(greeting)
            .started(&format!("2026-03-02T{time}+03:00"))
            .build()
    };
    check_rule(
        &builtin(),
        "greeting.time_of_day",
        vec![
            (
                "«Добрый день» at 14:15",
                at("14:15:00", "Добрый день, компания Ромашка."),
                PASS,
            ),
            (
                "«Доброе утро» at 09:41",
                at("09:41:00", "Доброе утро, компания Ромашка."),
                PASS,
            ),
            (
                "«Добрый вечер» at 19:30",
                at("19:30:00", "Добрый вечер, компания Ромашка."),
                PASS,
            ),
            (
                "«доброй ночи» at 02:00",
                at("02:00:00", "доброй ночи компания ромашка"),
                PASS,
            ),
            (
                "«Доброе утро» at 14:15",
                at("14:15:00", "Доброе утро, компания Ромашка."),
                FAIL,
            ),
            (
                "«Добрый вечер» at 10:00",
                at("10:00:00", "Добрый вечер, компания Ромашка."),
                FAIL,
            ),
            (
                "«Добрый день» at 11:59:58, answered after noon",
                at("11:59:58", "Добрый день, компания Ромашка."),
                PASS,
            ),
            (
                "«Доброе утро» at 11:59:58, answered after noon",
                at("11:59:58", "Доброе утро, компания Ромашка."),
                FAIL,
            ),
            (
                "en good morning in the evening",
                CallB::inbound("en")
                    .started("2026-03-02T19:00:00-05:00")
                    .answer(3.0)
                    .op(3.3, 6.0, "Good morning, Harper Valley Bank.")
                    .client(6.5, 8.0, "Hi.")
                    .hangup(20.0, Party::Client)
                    .build(),
                FAIL,
            ),
            (
                "hy «Բարի օր» in the afternoon",
                CallB::inbound("hy")
                    .started("2026-03-02T14:30:00+04:00")
                    .answer(3.0)
                    .op(3.3, 6.0, "Բարի օր, «Արև»։")
                    .client(6.5, 8.0, "Բարև։")
                    .hangup(20.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "«Здравствуйте» is not time-specific",
                at("14:15:00", "Здравствуйте, компания Ромашка."),
                NA,
            ),
            ("missed call", missed(12.0).build(), NA),
        ],
    );
}

#[test]
fn greeting_company_needs_the_company_name_in_any_case_form() {
    check_rule(
        &builtin(),
        "greeting.company",
        vec![
            (
                "«компания «Ромашка»»",
                opening_ru("Добрый день, компания «Ромашка».").build(),
                PASS,
            ),
            (
                "other case «в компанию \"Ромашку\"»",
                opening_ru("Вы позвонили в компанию \"Ромашку\", здравствуйте.").build(),
                PASS,
            ),
            (
                "ASR «кампания ромашка»",
                opening_ru("здравствуйте кампания ромашка").build(),
                PASS,
            ),
            (
                "en first two words of a three-word name",
                CallB::inbound("en")
                    .company("Harper Valley National Bank")
                    .answer(3.0)
                    .op(3.3, 8.0, "Good morning, Harper Valley, this is Jennifer.")
                    .client(8.5, 10.0, "Hi.")
                    .hangup(20.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "hy company name with Armenian quotes",
                CallB::inbound("hy")
                    .company("Նաիրի Տելեկոմ")
                    .answer(3.0)
                    .op(3.3, 8.0, "Բարի օր, «Նաիրի Տելեկոմ»։")
                    .client(8.5, 10.0, "Բարև։")
                    .hangup(20.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "no company name",
                opening_ru("Добрый день, меня зовут Анна.").build(),
                FAIL,
            ),
            (
                "a different company",
                opening_ru("Добрый день, компания Василёк.").build(),
                FAIL,
            ),
            (
                "outbound call",
                outbound_ru(&["Добрый день, компания Ромашка."]).build(),
                NA,
            ),
        ],
    );
}

#[test]
fn greeting_self_intro_needs_the_operators_own_name() {
    check_rule(
        &builtin(),
        "greeting.self_intro",
        vec![
            (
                "«меня зовут Анна»",
                opening_ru("Добрый день, компания Ромашка, меня зовут Анна.").build(),
                PASS,
            ),
            (
                "«с вами Анна»",
                opening_ru("Добрый день, с вами Анна.").build(),
                PASS,
            ),
            (
                "«оператор Анна» in ASR",
                opening_ru("здравствуйте оператор анна").build(),
                PASS,
            ),
            (
                "en my name is",
                CallB::inbound("en")
                    .operator_name("Jennifer Hayes")
                    .answer(3.0)
                    .op(3.3, 8.0, "Hello, my name is Jennifer.")
                    .client(8.5, 10.0, "Hi.")
                    .hangup(20.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "hy «Իմ անունը Աննա է»",
                CallB::inbound("hy")
                    .operator_name("Աննա Հակոբյան")
                    .answer(3.0)
                    .op(3.3, 8.0, "Բարև ձեզ, իմ անունը Աննա է։")
                    .client(8.5, 10.0, "Բարև։")
                    .hangup(20.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "no name",
                opening_ru("Добрый день, компания Ромашка.").build(),
                FAIL,
            ),
            (
                "someone else's name",
                opening_ru("Добрый день, меня зовут Мария.").build(),
                FAIL,
            ),
            ("missed call", missed(12.0).build(), NA),
        ],
    );
}

#[test]
fn greeting_offer_help_does_not_count_negated_offers() {
    check_rule(
        &builtin(),
        "greeting.offer_help",
        vec![
            (
                "«Чем могу помочь?»",
                opening_ru("Добрый день, компания Ромашка. Чем могу помочь?").build(),
                PASS,
            ),
            (
                "«Слушаю вас внимательно»",
                opening_ru("Добрый день, Ромашка, слушаю вас внимательно.").build(),
                PASS,
            ),
            (
                "«Готова вам помочь»",
                opening_ru("Здравствуйте, Ромашка, Анна, готова вам помочь.").build(),
                PASS,
            ),
            (
                "en how can I help you",
                CallB::inbound("en")
                    .answer(3.0)
                    .op(3.3, 8.0, "Hello, how can I help you today?")
                    .client(8.5, 10.0, "Hi.")
                    .hangup(20.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "hy «Ինչո՞վ կարող եմ օգնել»",
                CallB::inbound("hy")
                    .answer(3.0)
                    .op(3.3, 8.0, "Բարև ձեզ։ Ինչո՞վ կարող եմ օգնել։")
                    .client(8.5, 10.0, "Բարև։")
                    .hangup(20.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "negated «я не готова вам помочь»",
                opening_ru("Здравствуйте, Ромашка. Я не готова вам помочь.").build(),
                FAIL,
            ),
            (
                "«я не могу вам помочь»",
                opening_ru("Здравствуйте, Ромашка. Я не могу вам помочь.").build(),
                FAIL,
            ),
            (
                "no offer",
                opening_ru("Добрый день, компания Ромашка.").build(),
                FAIL,
            ),
            ("missed call", missed(12.0).build(), NA),
        ],
    );
}

#[test]
fn greeting_order_wants_the_company_before_the_greeting_when_enabled() {
    assert!(builtin().rule("greeting.order").is_none(), "off by default");
    check_rule(
        &all_enabled(),
        "greeting.order",
        vec![
            (
                "company first",
                opening_ru("Компания Ромашка, здравствуйте, меня зовут Анна.").build(),
                PASS,
            ),
            (
                "greeting first",
                opening_ru("Здравствуйте, компания Ромашка, меня зовут Анна.").build(),
                FAIL,
            ),
            (
                "no company name",
                opening_ru("Здравствуйте, меня зовут Анна.").build(),
                NA,
            ),
            ("missed call", missed(12.0).build(), NA),
        ],
    );
}

// -------------------------------------------------------------- Outbound --

#[test]
fn outbound_introduce_needs_self_and_company() {
    check_rule(
        &builtin(),
        "outbound.introduce",
        vec![
            (
                "self and company",
                outbound_ru(&["Добрый день, меня зовут Анна, компания «Ромашка»."]).build(),
                PASS,
            ),
            (
                "ASR «это анна из компании ромашка»",
                outbound_ru(&["добрый день это анна из компании ромашка"]).build(),
                PASS,
            ),
            (
                "only the name",
                outbound_ru(&["Добрый день, меня зовут Анна."]).build(),
                FAIL,
            ),
            (
                "only the company",
                outbound_ru(&["Добрый день, компания Ромашка."]).build(),
                FAIL,
            ),
            ("inbound call", polite_ru().build(), NA),
        ],
    );
}

#[test]
fn outbound_time_check_within_the_first_three_operator_turns() {
    let neutral = "Мы обновили условия обслуживания.";
    check_rule(
        &builtin(),
        "outbound.time_check",
        vec![
            (
                "asked in turn 2",
                outbound_ru(&[
                    "Добрый день, меня зовут Анна, компания Ромашка.",
                    "Вам удобно сейчас говорить?",
                ])
                .build(),
                PASS,
            ),
            (
                "ASR «есть минутка»",
                outbound_ru(&["добрый день анна компания ромашка есть минутка"]).build(),
                PASS,
            ),
            (
                "en is this a good time",
                CallB::outbound("en")
                    .answer(5.0)
                    .client(5.3, 6.0, "Hello?")
                    .op(
                        6.5,
                        10.0,
                        "Hi, this is Jennifer from Harper Valley Bank. Is this a good time?",
                    )
                    .client(10.5, 11.0, "Sure.")
                    .hangup(30.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "hy «Հարմա՞ր է խոսել»",
                CallB::outbound("hy")
                    .answer(5.0)
                    .client(5.3, 6.0, "Ալո։")
                    .op(6.5, 10.0, "Բարև ձեզ, Աննան է «Արև»-ից։ Հարմա՞ր է խոսել։")
                    .client(10.5, 11.0, "Այո։")
                    .hangup(30.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "asked only in turn 4",
                outbound_ru(&[
                    "Добрый день, меня зовут Анна, компания Ромашка.",
                    neutral,
                    neutral,
                    "Вам удобно сейчас говорить?",
                ])
                .build(),
                FAIL,
            ),
            (
                "never asked",
                outbound_ru(&["Добрый день, меня зовут Анна, компания Ромашка.", neutral]).build(),
                FAIL,
            ),
            ("inbound call", polite_ru().build(), NA),
        ],
    );
}

#[test]
fn outbound_purpose_within_sixty_seconds_of_answer() {
    let mut late = vec!["Добрый день, меня зовут Анна, компания Ромашка."];
    late.extend(std::iter::repeat_n("Мы обновили условия обслуживания.", 9));
    late.push("Звоню по поводу вашей заявки на подключение.");
    check_rule(
        &builtin(),
        "outbound.purpose",
        vec![
            (
                "«звоню по поводу вашей заявки»",
                outbound_ru(&[
                    "Добрый день, меня зовут Анна, компания Ромашка.",
                    "Звоню по поводу вашей заявки на подключение.",
                ])
                .build(),
                PASS,
            ),
            (
                "en I'm calling about",
                CallB::outbound("en")
                    .answer(5.0)
                    .client(5.3, 6.0, "Hello?")
                    .op(
                        6.5,
                        10.0,
                        "Hi, this is Jennifer. I'm calling about your card.",
                    )
                    .client(10.5, 11.0, "Sure.")
                    .hangup(30.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "purpose only 66 s after answer",
                outbound_ru(&late).build(),
                FAIL,
            ),
            ("inbound call", polite_ru().build(), NA),
        ],
    );
}

#[test]
fn outbound_reschedule_when_the_client_cannot_talk() {
    let call = |client_says: &str, op_answers: &str| {
        CallB::outbound("ru")
            .answer(5.0)
            .client(5.3, 6.0, "Алло.")
            .op(
                6.5,
                10.0,
                "Добрый день, меня зовут Анна, компания Ромашка. Вам удобно говорить?",
            )
            .client(10.5, 13.0, client_says)
            .op(13.5, 17.0, op_answers)
            .client(17.5, 18.0, "До свидания.")
            .hangup(19.0, Party::Client)
            .build()
    };
    check_rule(
        &builtin(),
        "outbound.reschedule",
        vec![
            (
                "agreed a time",
                call(
                    "Мне сейчас неудобно, я за рулём.",
                    "Когда вам будет удобно, чтобы я перезвонила?",
                ),
                PASS,
            ),
            (
                "ASR «перезвоните позже» / «я вам перезвоню»",
                call("перезвоните позже", "хорошо я вам перезвоню через час"),
                PASS,
            ),
            (
                "no time agreed",
                call("Перезвоните позже, пожалуйста.", "Хорошо, до свидания."),
                FAIL,
            ),
            (
                "«Нет, сейчас неудобно» without a time",
                call("Нет, сейчас неудобно.", "Хорошо, до свидания."),
                FAIL,
            ),
            (
                "en negated «not a bad time»",
                CallB::outbound("en")
                    .answer(5.0)
                    .client(5.3, 6.0, "Hello?")
                    .op(
                        6.5,
                        10.0,
                        "Hi, this is Jennifer from Harper Valley Bank. Is this a good time?",
                    )
                    .client(10.5, 12.0, "No no, it's not a bad time.")
                    .op(12.5, 15.0, "Great, I'm calling about your card.")
                    .hangup(30.0, Party::Client)
                    .build(),
                NA,
            ),
            (
                "client can talk",
                call("Да, слушаю вас.", "Звоню по поводу вашей заявки."),
                NA,
            ),
            ("inbound call", polite_ru().build(), NA),
        ],
    );
}

#[test]
fn outbound_calling_hours_are_weekdays_nine_to_eight_local_time() {
    let at = |t: &str| {
        outbound_ru(&["Добрый день, меня зовут Анна, компания Ромашка."])
            .started(t)
            .build()
    };
    check_rule(
        &builtin(),
        "outbound.calling_hours",
        vec![
            ("Monday 14:15", at("2026-03-02T14:15:00+03:00"), PASS),
            ("Monday 09:00", at("2026-03-02T09:00:00+03:00"), PASS),
            ("Monday 19:59", at("2026-03-02T19:59:00+03:00"), PASS),
            ("Monday 08:59", at("2026-03-02T08:59:00+03:00"), FAIL),
            ("Monday 20:00", at("2026-03-02T20:00:00+03:00"), FAIL),
            ("Saturday 12:00", at("2026-03-07T12:00:00+03:00"), FAIL),
            ("Sunday 12:00", at("2026-03-08T12:00:00+03:00"), FAIL),
            (
                "06:30 UTC is 06:30 local in +00:00",
                at("2026-03-02T06:30:00+00:00"),
                FAIL,
            ),
            (
                "the same instant is 09:30 local in +03:00",
                at("2026-03-02T09:30:00+03:00"),
                PASS,
            ),
            (
                "no start time",
                outbound_ru(&["Добрый день."]).no_start_time().build(),
                NA,
            ),
            ("inbound call", polite_ru().build(), NA),
        ],
    );
}

#[test]
fn outbound_wrong_number_needs_an_apology() {
    let call = |client_says: &str, op_answers: &str| {
        CallB::outbound("ru")
            .answer(5.0)
            .client(5.3, 6.0, "Алло.")
            .op(6.5, 10.0, "Добрый день, могу я услышать Сергея?")
            .client(10.5, 13.0, client_says)
            .op(13.5, 17.0, op_answers)
            .hangup(18.0, Party::Operator)
            .build()
    };
    check_rule(
        &builtin(),
        "outbound.wrong_number",
        vec![
            (
                "«Извините за беспокойство»",
                call("Вы ошиблись номером.", "Извините за беспокойство."),
                PASS,
            ),
            (
                "ASR «не туда попали» / «прошу прощения»",
                call("вы не туда попали", "прошу прощения"),
                PASS,
            ),
            ("no apology", call("Вы ошиблись номером.", "Понятно."), FAIL),
            (
                "en no apology",
                CallB::outbound("en")
                    .answer(5.0)
                    .client(5.3, 6.0, "Hello?")
                    .op(6.5, 9.0, "Hi, is this Patricia?")
                    .client(9.5, 11.0, "No, wrong number.")
                    .op(11.5, 12.0, "Okay.")
                    .hangup(13.0, Party::Operator)
                    .build(),
                FAIL,
            ),
            (
                "«Нет, вы ошиблись номером» is a wrong number",
                call("Нет, вы ошиблись номером.", "Прошу прощения."),
                PASS,
            ),
            (
                "«Нет, вы ошиблись номером» without apology",
                call("Нет, вы ошиблись номером.", "Понятно."),
                FAIL,
            ),
            (
                "right number",
                call("Да, это я.", "Звоню по поводу вашей заявки."),
                NA,
            ),
        ],
    );
}

#[test]
fn outbound_repeat_calls_fails_the_third_call_within_24_hours() {
    let call = |id: &str, start: &str, client: &str| {
        outbound_ru(&["Добрый день, меня зовут Анна, компания Ромашка."])
            .id(id)
            .client_id(client)
            .started(start)
            .build()
    };
    let calls = vec![
        call("first", "2026-03-02T10:00:00+03:00", "cl-1"),
        call("second", "2026-03-02T14:00:00+03:00", "cl-1"),
        call("third", "2026-03-02T18:00:00+03:00", "cl-1"),
        call("other-client", "2026-03-02T18:30:00+03:00", "cl-2"),
        call("next-day", "2026-03-03T19:00:00+03:00", "cl-1"),
        polite_ru().id("inbound").client_id("cl-1").build(),
    ];
    let audits = audit_batch(&builtin(), &calls);
    let got: Vec<(String, Outcome)> = audits
        .iter()
        .map(|a| (a.call.clone(), find(a, "outbound.repeat_calls").outcome))
        .collect();
    let want = [
        ("first", PASS),
        ("second", PASS),
        ("third", FAIL),
        ("other-client", PASS),
        ("next-day", PASS),
        ("inbound", NA),
    ];
    for ((id, o), (wid, wo)) in got.iter().zip(want) {
        assert_eq!((id.as_str(), *o), (wid, wo), "outbound.repeat_calls");
    }
    let third = find(&audits[2], "outbound.repeat_calls");
    assert!(explain(&third).contains("first") && explain(&third).contains("second"));
}

// ---------------------------------------------------------- During a call --

/// An answered call with two holds; `before1`/`before2` are said before
/// each hold, `after1`/`after2` after it (starting 1 s after the hold end).
fn two_holds(before1: &str, before2: &str, after1: &str, after2: &str) -> CallB {
    opening_ru("Добрый день, компания Ромашка, меня зовут Анна. Чем могу помочь?")
        .hangup(200.0, Party::Client)
        .op(28.0, 32.0, before1)
        .client(32.5, 33.5, "Да, конечно.")
        .hold(34.0, 60.0)
        .op(61.0, 65.0, after1)
        .client(65.5, 70.0, "Хорошо, а что с оплатой за март?")
        .op(70.5, 75.0, before2)
        .client(75.5, 76.0, "Угу.")
        .hold(76.5, 110.0)
        .op(111.0, 116.0, after2)
        .client(116.5, 118.0, "Понятно, спасибо.")
        .op(
            118.5,
            123.0,
            "Могу ли я ещё чем-то помочь? Спасибо за звонок, всего доброго!",
        )
        .client(123.5, 124.0, "До свидания.")
}

const ASK: &str = "Могу я попросить вас подождать? Мне нужно уточнить информацию.";
const THANKS: &str = "Спасибо за ожидание. Заказ уже передан курьеру.";

#[test]
fn hold_permission_before_every_hold() {
    check_rule(
        &builtin(),
        "hold.permission",
        vec![
            (
                "asked before both holds",
                two_holds(
                    ASK,
                    "Оставайтесь, пожалуйста, на линии, я проверю оплату.",
                    THANKS,
                    THANKS,
                )
                .build(),
                PASS,
            ),
            (
                "ASR lower case",
                two_holds(
                    "вы можете подождать я уточню",
                    "подождите пожалуйста я проверю",
                    THANKS,
                    THANKS,
                )
                .build(),
                PASS,
            ),
            (
                "word form «подождёте»",
                two_holds(
                    "Вы подождёте минуту? Я уточню.",
                    "Подождёте ещё немного? Мне нужно проверить.",
                    THANKS,
                    THANKS,
                )
                .build(),
                PASS,
            ),
            (
                "second hold without asking",
                two_holds(ASK, "Сейчас посмотрю оплату за март.", THANKS, THANKS).build(),
                FAIL,
            ),
            (
                "asked more than 30 s before the hold",
                operator_says(&["Добрый день, компания Ромашка.", ASK])
                    .client(
                        15.5,
                        44.0,
                        "Да, а ещё у меня вопрос по тарифу, он сейчас какой, я забыла.",
                    )
                    .hold(45.0, 90.0)
                    .hangup(200.0, Party::Client)
                    .build(),
                FAIL,
            ),
            (
                "en may I put you on hold",
                CallB::inbound("en")
                    .answer(3.0)
                    .op(3.3, 6.0, "Hello, Harper Valley Bank.")
                    .client(6.5, 9.0, "Hi, I lost my card.")
                    .op(9.5, 12.0, "May I put you on hold while I check?")
                    .hold(13.0, 40.0)
                    .op(41.0, 43.0, "Thank you for holding.")
                    .hangup(60.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "no hold",
                opening_ru("Добрый день, компания Ромашка.").build(),
                NA,
            ),
            ("missed call", missed(12.0).build(), NA),
        ],
    );
}

#[test]
fn hold_reason_is_given_with_the_request() {
    check_rule(
        &builtin(),
        "hold.reason",
        vec![
            (
                "reason before both holds",
                two_holds(
                    ASK,
                    "Подождите, пожалуйста, мне нужно проверить оплату.",
                    THANKS,
                    THANKS,
                )
                .build(),
                PASS,
            ),
            (
                "no reason before the second hold",
                two_holds(ASK, "Подождите, пожалуйста.", THANKS, THANKS).build(),
                FAIL,
            ),
            (
                "no hold",
                opening_ru("Добрый день, компания Ромашка.").build(),
                NA,
            ),
        ],
    );
}

#[test]
fn hold_thanks_after_every_hold() {
    check_rule(
        &builtin(),
        "hold.thanks",
        vec![
            (
                "thanked after both holds",
                two_holds(
                    ASK,
                    ASK,
                    THANKS,
                    "Благодарим, что дождались. Оплата прошла.",
                )
                .build(),
                PASS,
            ),
            (
                "ASR «спасибо за ожидание»",
                two_holds(
                    ASK,
                    ASK,
                    "спасибо за ожидание заказ у курьера",
                    "спасибо за ожидание оплата прошла",
                )
                .build(),
                PASS,
            ),
            (
                "hy thanks",
                CallB::inbound("hy")
                    .answer(3.0)
                    .op(3.3, 6.0, "Բարև ձեզ։")
                    .client(6.5, 9.0, "Բարև։")
                    .op(9.5, 12.0, "Խնդրում եմ սպասեք, ճշտեմ։")
                    .hold(13.0, 40.0)
                    .op(41.0, 44.0, "Շնորհակալություն սպասելու համար։")
                    .hangup(60.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "no thanks after the second hold",
                two_holds(ASK, ASK, THANKS, "Так, смотрите, оплата прошла.").build(),
                FAIL,
            ),
            (
                "thanks only 20 s after the hold",
                opening_ru("Добрый день, компания Ромашка.")
                    .op(28.0, 32.0, ASK)
                    .hold(34.0, 60.0)
                    .op(80.0, 83.0, "Спасибо за ожидание.")
                    .hangup(200.0, Party::Client)
                    .build(),
                FAIL,
            ),
            (
                "ASR misspelling «ожыдание»",
                two_holds(ASK, ASK, THANKS, "спасибо за ожыдание оплата прошла").build(),
                PASS,
            ),
            (
                "no hold",
                opening_ru("Добрый день, компания Ромашка.").build(),
                NA,
            ),
        ],
    );
}

#[test]
fn hold_max_duration_is_sixty_seconds_per_hold() {
    let holds = |a: (f64, f64), b: (f64, f64)| {
        opening_ru("Добрый день.")
            .hold(a.0, a.1)
            .hold(b.0, b.1)
            .hangup(300.0, Party::Client)
            .build()
    };
    check_rule(
        &builtin(),
        "hold.max_duration",
        vec![
            (
                "two holds of 50 s",
                holds((30.0, 80.0), (100.0, 150.0)),
                PASS,
            ),
            (
                "a hold of exactly 60 s",
                holds((30.0, 90.0), (100.0, 110.0)),
                PASS,
            ),
            (
                "the second hold 61 s",
                holds((30.0, 40.0), (100.0, 161.0)),
                FAIL,
            ),
            ("no hold", opening_ru("Добрый день.").build(), NA),
        ],
    );
}

#[test]
fn transfer_count_at_most_two() {
    let transfers = |n: usize| {
        let mut b = opening_ru("Добрый день.").hangup(300.0, Party::Client);
        for i in 0..n {
            b = b.transfer(100.0 + 20.0 * i as f64);
        }
        b.build()
    };
    check_rule(
        &builtin(),
        "transfer.count",
        vec![
            ("one transfer", transfers(1), PASS),
            ("two transfers", transfers(2), PASS),
            ("three transfers", transfers(3), FAIL),
            ("no transfer", transfers(0), NA),
        ],
    );
}

#[test]
fn transfer_announce_within_thirty_seconds_before() {
    let announced = |text: &str| {
        opening_ru("Добрый день.")
            .op(28.0, 31.0, text)
            .transfer(33.0)
            .hangup(60.0, Party::Client)
            .build()
    };
    check_rule(
        &builtin(),
        "transfer.announce",
        vec![
            (
                "«Соединяю вас с бухгалтерией»",
                announced("Соединяю вас с бухгалтерией."),
                PASS,
            ),
            (
                "ASR «переведу ваш звонок»",
                announced("сейчас переведу ваш звонок специалисту"),
                PASS,
            ),
            (
                "en I'll transfer you",
                CallB::inbound("en")
                    .answer(3.0)
                    .op(3.3, 6.0, "Hello, Harper Valley Bank.")
                    .client(6.5, 9.0, "I need the mortgage team.")
                    .op(9.5, 12.0, "Sure, I'll transfer you now.")
                    .transfer(13.0)
                    .hangup(20.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "announced 45 s before",
                opening_ru("Добрый день.")
                    .op(28.0, 31.0, "Соединяю вас с бухгалтерией.")
                    .client(
                        31.5,
                        60.0,
                        "Подождите, а ещё вопрос по тарифу, я хотела уточнить какой у меня тариф.",
                    )
                    .transfer(76.0)
                    .hangup(90.0, Party::Client)
                    .build(),
                FAIL,
            ),
            ("not announced", announced("Одну минуту."), FAIL),
            (
                "two transfers 18 s apart, only the first announced",
                opening_ru("Добрый день.")
                    .op(25.0, 30.0, "Сейчас соединю вас с отделом гарантии.")
                    .transfer(31.5)
                    .op(36.0, 39.0, "Отдел гарантии, слушаю.")
                    .op(
                        44.0,
                        49.0,
                        "Гарантию обслуживает сервисный центр производителя.",
                    )
                    .transfer(49.8)
                    .hangup(90.0, Party::Client)
                    .build(),
                FAIL,
            ),
            (
                "two transfers 18 s apart, each announced",
                opening_ru("Добрый день.")
                    .op(25.0, 30.0, "Сейчас соединю вас с отделом гарантии.")
                    .transfer(31.5)
                    .op(36.0, 39.0, "Отдел гарантии, слушаю.")
                    .op(44.0, 49.0, "Соединяю вас с сервисным центром.")
                    .transfer(49.8)
                    .hangup(90.0, Party::Client)
                    .build(),
                PASS,
            ),
            ("no transfer", opening_ru("Добрый день.").build(), NA),
        ],
    );
}

const TEN_WORDS: &str = "Ваша заявка зарегистрирована и передана в отдел доставки сегодня утром.";

#[test]
fn speech_fillers_fail_over_three_per_hundred_words_and_at_least_three() {
    // 5 × 10 words + 3 fillers = 53 words: 5.7 per 100, 3 in all → fail.
    let mut dense = vec![TEN_WORDS; 5];
    dense.push("ну короче типа");
    // 12 × 10 words + 3 fillers: 2.4 per 100 → pass.
    let mut sparse = vec![TEN_WORDS; 12];
    sparse.push("ну короче типа");
    check_rule(
        &builtin(),
        "speech.fillers",
        vec![
            (
                "no fillers",
                operator_says(&[TEN_WORDS, TEN_WORDS]).build(),
                PASS,
            ),
            ("3 fillers in 53 words", operator_says(&dense).build(), FAIL),
            (
                "3 fillers in 123 words",
                operator_says(&sparse).build(),
                PASS,
            ),
            (
                "2 fillers in 11 words: rate high, count low",
                operator_says(&[
                    "ну в общем ваша заявка зарегистрирована сегодня утром и передана курьеру",
                ])
                .build(),
                PASS,
            ),
            (
                "ASR «ээээ» and «как бы» in a short call",
                operator_says(&[
                    "ээээ ваша заявка как бы зарегистрирована",
                    "ну вот значит передана курьеру",
                ])
                .build(),
                FAIL,
            ),
            (
                "en um uh you know",
                CallB::inbound("en")
                    .answer(2.0)
                    .op(2.5, 8.0, "Um, so, uh, your card is, you know, blocked now.")
                    .client(8.5, 9.0, "Okay.")
                    .hangup(12.0, Party::Client)
                    .build(),
                FAIL,
            ),
            (
                "only the client spoke",
                CallB::inbound("ru")
                    .answer(2.0)
                    .client(2.5, 5.0, "Ну короче типа алло")
                    .hangup(8.0, Party::Client)
                    .build(),
                NA,
            ),
            ("missed call", missed(12.0).build(), NA),
        ],
    );
}

#[test]
fn speech_diminutives_fail_on_one() {
    check_rule(
        &builtin(),
        "speech.diminutives",
        vec![
            ("polite call", polite_ru().build(), PASS),
            (
                "«Минуточку»",
                operator_says(&["Минуточку, сейчас посмотрю."]).build(),
                FAIL,
            ),
            (
                "word form «заявочку»",
                operator_says(&["Я оформлю вашу заявочку сегодня."]).build(),
                FAIL,
            ),
            (
                "ASR «секундочку подождите»",
                operator_says(&["секундочку подождите"]).build(),
                FAIL,
            ),
            (
                // English has diminutive phrases since the paraphrase corpus
                // (teeny, wee, hubby, …); it used to be n/a here.
                "an English diminutive («a teeny moment»)",
                CallB::inbound("en")
                    .answer(2.0)
                    .op(
                        2.5,
                        5.0,
                        "Hello, Harper Valley Bank. Just a teeny moment, please.",
                    )
                    .hangup(8.0, Party::Client)
                    .build(),
                FAIL,
            ),
            ("missed call", missed(12.0).build(), NA),
        ],
    );
}

#[test]
fn speech_slang_fails_on_one() {
    check_rule(
        &builtin(),
        "speech.slang",
        vec![
            ("polite call", polite_ru().build(), PASS),
            (
                "«щас»",
                operator_says(&["Щас посмотрю вашу заявку."]).build(),
                FAIL,
            ),
            ("«ок» in ASR", operator_says(&["ок записала"]).build(), FAIL),
            (
                "en gonna",
                CallB::inbound("en")
                    .answer(2.0)
                    .op(2.5, 5.0, "Yeah, I'm gonna check that.")
                    .hangup(8.0, Party::Client)
                    .build(),
                FAIL,
            ),
            (
                "client slang does not count",
                operator_says(&["Добрый день, компания Ромашка."])
                    .client(9.5, 10.5, "щас норм")
                    .build(),
                PASS,
            ),
            ("missed call", missed(12.0).build(), NA),
        ],
    );
}

#[test]
fn speech_profanity_is_critical_and_ignores_false_friends() {
    let swore = operator_says(&["Да блядь, я же проверяю."]).build();
    check_rule(
        &builtin(),
        "speech.profanity",
        vec![
            ("polite call", polite_ru().build(), PASS),
            ("words sharing letters with profanity", operator_says(&["Употребляя хлеб, ребёнок заплатил сто рубля, их требовать не надо, оскорблять тоже."]).build(), PASS),
            ("operator swore", swore.clone(), FAIL),
            ("ASR word form «охуеть»", operator_says(&["ну охуеть теперь"]).build(), FAIL),
            ("client profanity is not the operator's", operator_says(&["Добрый день."]).client(9.5, 10.5, "Да пошли вы нахуй.").build(), PASS),
            ("missed call", missed(12.0).build(), NA),
        ],
    );
    let audit = builtin().audit_call(&swore);
    assert!(!audit.passed, "a critical failure fails the call");
}

#[test]
fn speech_rudeness_fails_on_one() {
    check_rule(
        &builtin(),
        "speech.rudeness",
        vec![
            ("polite call", polite_ru().build(), PASS),
            (
                "«Девушка, я же вам сказала»",
                operator_says(&["Девушка, я же вам сказала, заявка принята."]).build(),
                FAIL,
            ),
            (
                "ASR «это не мои проблемы»",
                operator_says(&["это не мои проблемы"]).build(),
                FAIL,
            ),
            (
                "en calm down",
                CallB::inbound("en")
                    .answer(2.0)
                    .op(2.5, 5.0, "Calm down, please.")
                    .hangup(8.0, Party::Client)
                    .build(),
                FAIL,
            ),
            ("missed call", missed(12.0).build(), NA),
        ],
    );
}

#[test]
fn speech_pace_between_80_and_190_words_per_minute() {
    let timed = |secs: f64, text: &str| {
        CallB::inbound("ru")
            .answer(2.0)
            .op(2.5, 2.5 + secs, text)
            .client(3.0 + secs, 4.0 + secs, "Понятно.")
            .hangup(6.0 + secs, Party::Client)
            .build()
    };
    check_rule(
        &builtin(),
        "speech.pace",
        vec![
            // 10 words in 4 s = 150 wpm.
            ("150 wpm", timed(4.0, TEN_WORDS), PASS),
            // 20 words in 4 s = 300 wpm.
            (
                "300 wpm",
                timed(4.0, &format!("{TEN_WORDS} {TEN_WORDS}")),
                FAIL,
            ),
            // 4 words in 6 s = 40 wpm.
            (
                "40 wpm",
                timed(6.0, "Ваша заявка уже зарегистрирована."),
                FAIL,
            ),
            (
                "only utterances shorter than 3 s",
                timed(2.0, TEN_WORDS),
                NA,
            ),
            ("missed call", missed(12.0).build(), NA),
        ],
    );
}

#[test]
fn client_name_usage_when_the_name_is_known_or_given() {
    check_rule(
        &builtin(),
        "client.name_usage",
        vec![
            (
                "known name, other case «Ивана Петровича»",
                operator_says(&["Для Ивана Петровича заявка уже готова."])
                    .client_name("Иван Петрович")
                    .build(),
                PASS,
            ),
            ("known name used", polite_ru().build(), PASS),
            (
                "client gave the name and the operator used it",
                opening_ru("Добрый день, компания Ромашка.").build(),
                PASS,
            ),
            (
                "en client gave the name",
                CallB::inbound("en")
                    .answer(2.0)
                    .op(2.5, 5.0, "Hello, Harper Valley Bank.")
                    .client(5.5, 8.0, "Hi, my name is Patricia Brown.")
                    .op(8.5, 11.0, "Thank you, Patricia.")
                    .hangup(14.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "known name never said",
                operator_says(&["Заявка уже готова."])
                    .client_name("Иван Петрович")
                    .build(),
                FAIL,
            ),
            (
                "given name never used",
                CallB::inbound("ru")
                    .answer(2.0)
                    .op(2.5, 5.0, "Добрый день.")
                    .client(5.5, 8.0, "Меня зовут Ольга.")
                    .op(8.5, 11.0, "Слушаю вас.")
                    .hangup(14.0, Party::Client)
                    .build(),
                FAIL,
            ),
            (
                "no name known or given",
                operator_says(&["Заявка уже готова."]).build(),
                NA,
            ),
        ],
    );
}

#[test]
fn client_name_usage_is_no_own_introduction_nor_a_common_word() {
    let named = |lines: &[&str], operator: &str, client: &str| {
        operator_says(lines)
            .operator_name(operator)
            .client_name(client)
            .build()
    };
    check_rule(
        &builtin(),
        "client.name_usage",
        vec![
            (
                "the operator's own «меня зовут Анна» to a client Анна",
                named(
                    &["Добрый день, меня зовут Анна.", "Заявка готова."],
                    "Анна Смирнова",
                    "Анна Белова",
                ),
                FAIL,
            ),
            (
                "«с вами говорит Анна» and no address later",
                named(
                    &["С вами говорит Анна, слушаю вас."],
                    "Анна Смирнова",
                    "Анна Белова",
                ),
                FAIL,
            ),
            (
                "own introduction, then «Анна, заявка готова»",
                named(
                    &["Меня зовут Анна.", "Анна, заявка готова."],
                    "Анна Смирнова",
                    "Анна Белова",
                ),
                PASS,
            ),
            (
                "the client's name in the same turn as the introduction",
                named(
                    &["Анна, добрый день, меня зовут Анна."],
                    "Анна Смирнова",
                    "Анна Белова",
                ),
                PASS,
            ),
            (
                "another operator name: «меня зовут Ольга» is no address of Анна",
                named(
                    &["Меня зовут Ольга.", "Заявка готова."],
                    "Ольга Петрова",
                    "Анна Белова",
                ),
                FAIL,
            ),
            (
                "«Есть надежда, что…» to a client Надежда",
                named(
                    &["Есть надежда, что посылка придёт завтра."],
                    "Анна Смирнова",
                    "Надежда",
                ),
                FAIL,
            ),
            (
                "«Надежда, посылка придёт завтра»",
                named(
                    &["Надежда, посылка придёт завтра."],
                    "Анна Смирнова",
                    "Надежда",
                ),
                PASS,
            ),
            (
                "ASR «этот роман вам понравится» to a client Роман",
                named(&["этот роман вам понравится"], "Анна Смирнова", "Роман"),
                FAIL,
            ),
            (
                "ASR «роман ваш заказ готов»",
                named(&["роман ваш заказ готов"], "Анна Смирнова", "Роман"),
                PASS,
            ),
            (
                "«Евгения, подскажите…» to a client Евгений",
                named(
                    &["Евгения, подскажите номер заказа."],
                    "Анна Смирнова",
                    "Евгений Павлов",
                ),
                FAIL,
            ),
            (
                "no client name: the operator's «меня зовут Анна» gives none",
                operator_says(&["Меня зовут Анна.", "Заявка готова."])
                    .operator_name("Анна Смирнова")
                    .build(),
                NA,
            ),
        ],
    );
}

#[test]
fn client_ask_name_when_nobody_knows_it() {
    check_rule(
        &builtin(),
        "client.ask_name",
        vec![
            (
                "«Как я могу к вам обращаться?»",
                operator_says(&["Добрый день.", "Как я могу к вам обращаться?"]).build(),
                PASS,
            ),
            (
                "ASR «представьтесь пожалуйста»",
                operator_says(&["представьтесь пожалуйста"]).build(),
                PASS,
            ),
            (
                "never asked",
                operator_says(&["Добрый день.", "Заявка уже готова."]).build(),
                FAIL,
            ),
            (
                "name in the record",
                operator_says(&["Добрый день."])
                    .client_name("Иван Петрович")
                    .build(),
                NA,
            ),
            (
                "the client introduced themself",
                opening_ru("Добрый день, компания Ромашка.").build(),
                NA,
            ),
            (
                // The introduction answers the question; a live session
                // passes the rule when the operator asks (fuzz `evaluate`).
                "asked, then the client introduced themself",
                opening_ru("Добрый день, компания Ромашка. Как я могу к вам обращаться?").build(),
                PASS,
            ),
        ],
    );
}

#[test]
fn listening_interruptions_respect_the_edges() {
    // Client utterances of 10 s every 20 s; the operator starts `offsets[i]`
    // into the i-th one.
    let talk_over = |offsets: &[f64]| {
        let mut b = CallB::inbound("ru")
            .answer(1.0)
            .op(1.5, 4.0, "Добрый день, компания Ромашка.");
        for (i, off) in offsets.iter().enumerate() {
            let s = 10.0 + 20.0 * i as f64;
            b = b
                .client(
                    s,
                    s + 10.0,
                    "Я вам сейчас расскажу всё по порядку, что у меня случилось с оплатой.",
                )
                .op(
                    s + off,
                    s + off + 1.0,
                    "Понятно, давайте уточним номер договора.",
                );
        }
        b.hangup(10.0 + 20.0 * offsets.len() as f64, Party::Client)
            .build()
    };
    check_rule(
        &builtin(),
        "listening.interruptions",
        vec![
            ("two interruptions", talk_over(&[2.0, 5.0]), PASS),
            ("three interruptions", talk_over(&[2.0, 5.0, 8.0]), FAIL),
            (
                "0.35 s into the client's words counts",
                talk_over(&[0.35, 0.35, 0.35]),
                FAIL,
            ),
            (
                "0.25 s into the client's words does not",
                talk_over(&[0.25, 0.25, 0.25]),
                PASS,
            ),
            (
                "0.55 s before the client's end counts",
                talk_over(&[9.45, 9.45, 9.45]),
                FAIL,
            ),
            (
                "0.45 s before the client's end does not",
                talk_over(&[9.55, 9.55, 9.55]),
                PASS,
            ),
            (
                "only the operator spoke",
                CallB::inbound("ru")
                    .answer(2.0)
                    .op(2.5, 5.0, "Алло, вас не слышно.")
                    .hangup(8.0, Party::Operator)
                    .build(),
                NA,
            ),
        ],
    );
}

#[test]
fn silence_dead_air_excludes_holds() {
    check_rule(
        &builtin(),
        "silence.dead_air",
        vec![
            ("gaps under 10 s, 40 s hold", polite_ru().build(), PASS),
            (
                "a 13.5 s pause between turns",
                opening_ru("Добрый день.")
                    .op(40.0, 43.0, "Так, вижу вашу заявку.")
                    .hangup(45.0, Party::Client)
                    .build(),
                FAIL,
            ),
            (
                "a 12 s pause after answer",
                CallB::inbound("ru")
                    .answer(2.0)
                    .op(14.0, 16.0, "Добрый день.")
                    .client(16.5, 18.0, "Здравствуйте.")
                    .hangup(19.0, Party::Client)
                    .build(),
                FAIL,
            ),
            (
                "a 30 s silence that is a hold",
                CallB::inbound("ru")
                    .answer(2.0)
                    .op(2.5, 5.0, "Подождите, пожалуйста.")
                    .hold(5.5, 35.0)
                    .op(36.0, 38.0, "Спасибо за ожидание.")
                    .client(38.5, 39.0, "Да.")
                    .hangup(39.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "8 s of silence after a hold",
                CallB::inbound("ru")
                    .answer(2.0)
                    .op(2.5, 5.0, "Подождите, пожалуйста.")
                    .hold(6.0, 30.0)
                    .op(38.0, 40.0, "Спасибо за ожидание.")
                    .client(40.5, 41.0, "Да.")
                    .hangup(41.0, Party::Client)
                    .build(),
                PASS,
            ),
            (
                "12 s of silence after a hold",
                CallB::inbound("ru")
                    .answer(2.0)
                    .op(2.5, 5.0, "Подождите, пожалуйста.")
                    .hold(6.0, 30.0)
                    .op(42.0, 44.0, "Спасибо за ожидание.")
                    .client(44.5, 45.0, "Да.")
                    .hangup(45.0, Party::Client)
                    .build(),
                FAIL,
            ),
            ("missed call", missed(12.0).build(), NA),
        ],
    );
}

#[test]
fn colleague_unavailable_needs_an_offer_in_the_same_or_next_turn() {
    let call = |first: &str, next: &str| {
        CallB::inbound("ru")
            .answer(2.0)
            .op(2.5, 5.0, "Добрый день, компания Ромашка.")
            .client(5.5, 8.0, "Соедините меня с Сергеем Ивановичем.")
            .op(8.5, 11.0, first)
            .client(11.5, 13.0, "А когда он будет?")
            .op(13.5, 16.0, next)
            .client(16.5, 17.0, "Ладно, до свидания.")
            .hangup(18.0, Party::Client)
            .build()
    };
    // The colleague is away, the operator answers, a transfer, and the
    // next department speaks.
    let transferred = |before: &str, after: &str| {
        CallB::inbound("ru")
            .answer(2.0)
            .op(2.5, 5.0, "Добрый день, компания Ромашка.")
            .client(5.5, 8.0, "Соедините меня с Сергеем Ивановичем.")
            .op(8.5, 11.0, "Сергея Ивановича сейчас нет на месте.")
            .client(11.5, 13.0, "А кто-нибудь другой?")
            .op(13.5, 14.0, before)
            .transfer(14.5)
            .op(16.0, 18.0, after)
            .client(18.5, 19.0, "Ладно, до свидания.")
            .hangup(20.0, Party::Client)
            .build()
    };
    check_rule(
        &builtin(),
        "colleague.unavailable",
        vec![
            (
                "offer in the same turn",
                call(
                    "Сергея Ивановича сейчас нет на месте. Что ему передать?",
                    "После обеда.",
                ),
                PASS,
            ),
            (
                "offer in the next turn",
                call("Он на совещании.", "Он вам перезвонит после обеда."),
                PASS,
            ),
            ("no offer", call("Он в отпуске.", "Через неделю."), FAIL),
            ("nobody was away", call("Соединяю.", "Через минуту."), NA),
            (
                "the next department's offer after a transfer is no offer of this operator",
                transferred("Минуту.", "Отдел продаж, чем могу помочь?"),
                FAIL,
            ),
            (
                "an offer before the transfer still counts",
                transferred(
                    "Могу соединить вас с его коллегой.",
                    "Отдел продаж, слушаю вас.",
                ),
                PASS,
            ),
        ],
    );
}

// ------------------------------------------------------------ The closing --

#[test]
fn closing_further_help_in_the_closing() {
    let close =
        |text: &str| operator_says(&["Добрый день, компания Ромашка.", TEN_WORDS, text]).build();
    check_rule(
        &builtin(),
        "closing.further_help",
        vec![
            (
                "«Могу ли я ещё чем-то помочь?»",
                close("Могу ли я ещё чем-то помочь?"),
                PASS,
            ),
            (
                "ASR «могу ли я еще чем то помочь»",
                close("могу ли я еще чем то помочь"),
                PASS,
            ),
            (
                "en anything else",
                CallB::inbound("en")
                    .answer(2.0)
                    .op(1.0, 1.5, "Hello, how can I help?")
                    .client(1.6, 2.4, "I just wanted to check.")
                    .op(2.5, 5.0, "Is there anything else I can help you with?")
                    .client(5.5, 6.0, "No.")
                    .hangup(8.0, Party::Client)
                    .build(),
                PASS,
            ),
            ("not asked", close("Всего доброго."), FAIL),
            (
                "asked only early in a long call",
                operator_says(&[
                    "Могу ли я ещё чем-то помочь?",
                    TEN_WORDS,
                    TEN_WORDS,
                    TEN_WORDS,
                    TEN_WORDS,
                    TEN_WORDS,
                    TEN_WORDS,
                    "Всего доброго.",
                ])
                .build(),
                FAIL,
            ),
            ("missed call", missed(12.0).build(), NA),
            (
                "no transcript",
                CallB::inbound("ru")
                    .answer(2.0)
                    .hangup(60.0, Party::Client)
                    .build(),
                NA,
            ),
        ],
    );
}

#[test]
fn closing_thanks_in_the_closing() {
    let close =
        |text: &str| operator_says(&["Добрый день, компания Ромашка.", TEN_WORDS, text]).build();
    check_rule(
        &builtin(),
        "closing.thanks",
        vec![
            ("«Спасибо за звонок»", close("Спасибо за звонок!"), PASS),
            (
                "word form «благодарим за обращение»",
                close("Благодарим за обращение."),
                PASS,
            ),
            (
                "hy «Շնորհակալություն»",
                CallB::inbound("hy")
                    .answer(2.0)
                    .op(1.0, 1.5, "Բարև ձեզ։")
                    .client(1.6, 2.4, "Շնորհակալ եմ։")
                    .op(2.5, 5.0, "Շնորհակալություն զանգի համար։")
                    .client(5.5, 6.0, "Ցտեսություն։")
                    .hangup(8.0, Party::Client)
                    .build(),
                PASS,
            ),
            ("no thanks", close("Всего доброго."), FAIL),
            ("missed call", missed(12.0).build(), NA),
        ],
    );
}

#[test]
fn closing_farewell_in_the_closing() {
    let close =
        |text: &str| operator_says(&["Добрый день, компания Ромашка.", TEN_WORDS, text]).build();
    check_rule(
        &builtin(),
        "closing.farewell",
        vec![
            ("«До свидания»", close("До свидания!"), PASS),
            ("ASR «всего доброго»", close("спасибо всего доброго"), PASS),
            (
                "hy «Ցտեսություն»",
                CallB::inbound("hy")
                    .answer(2.0)
                    .op(1.0, 1.5, "Բարև ձեզ։")
                    .client(1.6, 2.4, "Շնորհակալ եմ։")
                    .op(2.5, 5.0, "Ցտեսություն։")
                    .client(5.5, 6.0, "Ցտեսություն։")
                    .hangup(8.0, Party::Client)
                    .build(),
                PASS,
            ),
            ("no goodbye", close("Спасибо за звонок."), FAIL),
            ("missed call", missed(12.0).build(), NA),
        ],
    );
}

/// A call where the client swears (`swears` lines, in order, between the
/// operator's `replies`) and then `by` hangs up.
fn abusive(lines: &[(Party, &str)], by: Party) -> CallB {
    let mut b = CallB::inbound("ru").answer(2.0).op(
        2.5,
        5.0,
        "Добрый день, компания Ромашка, меня зовут Анна.",
    );
    let mut t = 5.5;
    for (who, text) in lines {
        b = match who {
            Party::Client => b.client(t, t + 3.0, text),
            Party::Operator => b.op(t, t + 3.0, text),
        };
        t += 3.5;
    }
    b.hangup(t, by)
}

const WARN: &str = "Если вы продолжите в таком тоне, я буду вынуждена прервать разговор.";
const SWEAR: &str = "Да вы там совсем охуели, блядь!";
const SWEAR_AGAIN: &str = "Да пошли вы нахуй.";

#[test]
fn closing_who_hangs_up_allows_the_operator_only_after_the_profanity_protocol() {
    check_rule(
        &builtin(),
        "closing.who_hangs_up",
        vec![
            ("client hung up", polite_ru().build(), PASS),
            (
                "operator hung up first",
                polite_ru().hangup(113.8, Party::Operator).build(),
                FAIL,
            ),
            (
                "operator ended after warning and a second swear",
                abusive(
                    &[
                        (Party::Client, SWEAR),
                        (Party::Operator, WARN),
                        (Party::Client, SWEAR_AGAIN),
                    ],
                    Party::Operator,
                )
                .build(),
                PASS,
            ),
            (
                "operator ended after a warning, no second swear",
                abusive(
                    &[
                        (Party::Client, SWEAR),
                        (Party::Operator, WARN),
                        (Party::Client, "Ладно, извините."),
                    ],
                    Party::Operator,
                )
                .build(),
                FAIL,
            ),
            (
                "operator ended without warning",
                abusive(
                    &[(Party::Client, SWEAR), (Party::Client, SWEAR_AGAIN)],
                    Party::Operator,
                )
                .build(),
                FAIL,
            ),
            (
                "line dropped",
                opening_ru("Добрый день.").dropped(30.0).build(),
                NA,
            ),
            (
                "outbound call ended by the operator",
                outbound_ru(&["Добрый день."])
                    .hangup(30.0, Party::Operator)
                    .build(),
                NA,
            ),
        ],
    );
}

#[test]
fn closing_profanity_protocol_warn_then_end_only_after_a_second_swear() {
    check_rule(
        &builtin(),
        "closing.profanity_protocol",
        vec![
            (
                "warned, swore again, operator ended",
                abusive(
                    &[
                        (Party::Client, SWEAR),
                        (Party::Operator, WARN),
                        (Party::Client, SWEAR_AGAIN),
                    ],
                    Party::Operator,
                )
                .build(),
                PASS,
            ),
            (
                "client swore and hung up",
                abusive(&[(Party::Client, SWEAR)], Party::Client).build(),
                PASS,
            ),
            (
                "operator ended without warning",
                abusive(&[(Party::Client, SWEAR)], Party::Operator).build(),
                FAIL,
            ),
            (
                "warned, client calmed down, operator ended",
                abusive(
                    &[
                        (Party::Client, SWEAR),
                        (Party::Operator, WARN),
                        (Party::Client, "Хорошо, извините."),
                    ],
                    Party::Operator,
                )
                .build(),
                FAIL,
            ),
            (
                "en warned, swore again",
                CallB::inbound("en")
                    .answer(2.0)
                    .op(2.5, 4.0, "Hello.")
                    .client(4.5, 6.0, "This is fucking useless.")
                    .op(
                        6.5,
                        9.0,
                        "Sir, I will have to end this call if you continue.",
                    )
                    .client(9.5, 11.0, "Oh fuck off.")
                    .hangup(12.0, Party::Operator)
                    .build(),
                PASS,
            ),
            ("client never swore", polite_ru().build(), NA),
        ],
    );
}

// ------------------------------------------------------------ Cross-call --

fn outbound_at(id: &str, start: &str) -> CallB {
    outbound_ru(&["Добрый день, меня зовут Анна, компания Ромашка. Вам удобно говорить?"])
        .id(id)
        .client_id("cl-1")
        .started(start)
}

#[test]
fn callback_after_drop_within_five_minutes_of_an_operator_call() {
    // The drop happens 60 s into a call placed at 10:00:00.
    let dropped = |id: &str| {
        outbound_at(id, "2026-03-02T10:00:00+03:00")
            .dropped(60.0)
            .build()
    };
    let decide = |calls: Vec<callqa_model::Call>| {
        let audits = audit_batch(&builtin(), &calls);
        let v = find(&audits[0], "callback.after_drop");
        check_shape(&v);
        v.outcome
    };
    // 10:01:00 drop; back at 10:05:30 (4.5 min) passes, 10:06:30 fails.
    assert_eq!(
        decide(vec![
            dropped("d"),
            outbound_at("back", "2026-03-02T10:05:30+03:00").build()
        ]),
        PASS
    );
    assert_eq!(
        decide(vec![
            dropped("d"),
            outbound_at("late", "2026-03-02T10:06:30+03:00").build()
        ]),
        FAIL
    );
    // The input must reach past the window to tell "nobody called back"
    // (call-record.md: a window still open at the end of the input is n/a).
    assert_eq!(decide(vec![dropped("d")]), NA, "window still open");
    let alone = audit_batch(&builtin(), &[dropped("d")]);
    assert_eq!(
        find(&alone[0], "callback.after_drop").reason.as_deref(),
        Some("окно правила ещё не закрылось, а входные данные закончились")
    );
    assert_eq!(
        decide(vec![
            dropped("d"),
            outbound_at("other", "2026-03-02T10:03:00+03:00")
                .client_id("cl-2")
                .build(),
            outbound_at("later", "2026-03-02T10:30:00+03:00")
                .client_id("cl-3")
                .build()
        ]),
        FAIL,
        "a call to another client is no call-back"
    );
    let inbound_drop = polite_ru().dropped(114.0).build();
    assert_eq!(
        decide(vec![inbound_drop]),
        NA,
        "inbound drops are the client's to redial"
    );
    assert_eq!(
        decide(vec![outbound_at("ok", "2026-03-02T10:00:00+03:00").build()]),
        NA,
        "no drop"
    );
}

#[test]
fn missed_callback_within_thirty_minutes_and_pings_are_exempt() {
    let missed_at = |secs: f64| {
        missed(secs)
            .id("missed")
            .started("2026-03-02T10:00:00+03:00")
            .build()
    };
    let decide = |calls: Vec<callqa_model::Call>| {
        let audits = audit_batch(&builtin(), &calls);
        let v = find(&audits[0], "missed.callback");
        check_shape(&v);
        v.outcome
    };
    assert_eq!(
        decide(vec![
            missed_at(20.0),
            outbound_at("back", "2026-03-02T10:20:00+03:00").build()
        ]),
        PASS
    );
    assert_eq!(
        decide(vec![
            missed_at(20.0),
            outbound_at("late", "2026-03-02T10:40:00+03:00").build()
        ]),
        FAIL
    );
    assert_eq!(
        decide(vec![missed_at(20.0)]),
        NA,
        "window still open at the end of the input"
    );
    assert_eq!(
        decide(vec![
            missed_at(20.0),
            outbound_at("elsewhere", "2026-03-02T11:00:00+03:00")
                .client_id("cl-other")
                .build()
        ]),
        FAIL,
        "never called back"
    );
    assert_eq!(
        decide(vec![missed_at(3.0)]),
        NA,
        "a ping under one ring cycle"
    );
    assert_eq!(
        decide(vec![polite_ru().id("answered").build()]),
        NA,
        "answered call"
    );
    assert_eq!(
        decide(vec![outbound_at("out", "2026-03-02T10:00:00+03:00").build()]),
        NA,
        "outbound call"
    );
}

// ------------------------------------------------- Debt collection profile --

#[test]
fn collection_third_party_must_not_hear_about_the_debt() {
    assert!(
        builtin().rule("collection.third_party").is_none(),
        "off by default"
    );
    let call = |third: bool, text: &str| {
        outbound_ru(&["Добрый день, меня зовут Анна, компания Ромашка.", text])
            .third_party(third)
            .build()
    };
    check_rule(
        &all_enabled(),
        "collection.third_party",
        vec![
            (
                "no debt words",
                call(
                    true,
                    "Передайте, пожалуйста, Ивану, чтобы он нам перезвонил.",
                ),
                PASS,
            ),
            (
                "«задолженность» to a third party",
                call(true, "У Ивана задолженность по кредиту."),
                FAIL,
            ),
            (
                "en overdue",
                CallB::outbound("en")
                    .third_party(true)
                    .answer(2.0)
                    .op(2.5, 5.0, "His payment is overdue.")
                    .hangup(8.0, Party::Client)
                    .build(),
                FAIL,
            ),
            (
                "the debtor himself",
                call(false, "У вас задолженность по кредиту."),
                NA,
            ),
        ],
    );
    let audit = all_enabled().audit_call(&call(true, "У Ивана задолженность по кредиту."));
    assert!(!audit.passed, "critical");
}

#[test]
fn collection_frequency_limits_answered_calls_per_day_and_week() {
    let std = all_enabled();
    assert!(
        builtin().rule("collection.frequency").is_none(),
        "off by default"
    );
    let outcomes = |starts: &[&str]| -> Vec<Outcome> {
        let calls: Vec<_> = starts
            .iter()
            .enumerate()
            .map(|(i, s)| outbound_at(&format!("c{i}"), s).build())
            .collect();
        audit_batch(&std, &calls)
            .iter()
            .map(|a| find(a, "collection.frequency").outcome)
            .collect()
    };
    assert_eq!(
        outcomes(&["2026-03-02T10:00:00+03:00", "2026-03-02T15:00:00+03:00"]),
        vec![PASS, FAIL],
        "two answered calls in one day"
    );
    assert_eq!(
        outcomes(&[
            "2026-03-02T10:00:00+03:00",
            "2026-03-04T10:00:00+03:00",
            "2026-03-06T10:00:00+03:00"
        ]),
        vec![PASS, PASS, FAIL],
        "three answered calls in one week"
    );
    assert_eq!(
        outcomes(&["2026-03-02T10:00:00+03:00", "2026-03-10T10:00:00+03:00"]),
        vec![PASS, PASS]
    );
    let unanswered = outbound_at("u", "2026-03-02T10:00:00+03:00")
        .unanswered()
        .no_transcript()
        .build();
    assert_eq!(
        verdict(&std, &unanswered, "collection.frequency").outcome,
        NA
    );
}

#[test]
fn collection_hours_are_wider_than_business_hours() {
    let at = |t: &str| outbound_at("c", t).build();
    check_rule(
        &all_enabled(),
        "collection.hours",
        vec![
            ("Monday 08:30", at("2026-03-02T08:30:00+03:00"), PASS),
            ("Monday 21:59", at("2026-03-02T21:59:00+03:00"), PASS),
            ("Monday 22:00", at("2026-03-02T22:00:00+03:00"), FAIL),
            ("Monday 07:59", at("2026-03-02T07:59:00+03:00"), FAIL),
            ("Saturday 10:00", at("2026-03-07T10:00:00+03:00"), PASS),
            ("Saturday 08:30", at("2026-03-07T08:30:00+03:00"), FAIL),
            ("Sunday 20:00", at("2026-03-08T20:00:00+03:00"), FAIL),
            ("inbound call", polite_ru().build(), NA),
        ],
    );
}

// -------------------------------------------------------- Missing signals --

#[test]
fn a_call_without_transcript_makes_text_rules_not_applicable() {
    let call = CallB::inbound("ru")
        .answer(4.0)
        .hold(30.0, 50.0)
        .hangup(120.0, Party::Client)
        .build();
    let audit = builtin().audit_call(&call);
    for rule in [
        "greeting.hello",
        "greeting.company",
        "greeting.offer_help",
        "speech.fillers",
        "speech.slang",
        "speech.pace",
        "hold.permission",
        "hold.thanks",
        "closing.farewell",
        "colleague.unavailable",
        "listening.interruptions",
    ] {
        let v = find(&audit, rule);
        assert_eq!(v.outcome, NA, "{rule}: {}", explain(&v));
        assert_eq!(v.reason.as_deref(), Some("нет расшифровки"), "{rule}");
    }
    // Event rules still decide.
    assert_eq!(find(&audit, "answer.speed").outcome, PASS);
    assert_eq!(find(&audit, "hold.max_duration").outcome, PASS);
    assert_eq!(find(&audit, "closing.who_hangs_up").outcome, PASS);
}

#[test]
fn a_call_without_events_makes_event_rules_not_applicable() {
    let call = polite_ru().no_events().build();
    let audit = builtin().audit_call(&call);
    for rule in [
        "answer.speed",
        "hold.permission",
        "hold.thanks",
        "hold.max_duration",
        "transfer.count",
        "transfer.announce",
        "closing.who_hangs_up",
        "missed.callback",
    ] {
        let v = find(&audit, rule);
        assert_eq!(v.outcome, NA, "{rule}: {}", explain(&v));
        check_shape(&v);
    }
    // Text rules still decide.
    assert_eq!(find(&audit, "greeting.hello").outcome, PASS);
    assert_eq!(find(&audit, "closing.farewell").outcome, PASS);
}

#[test]
fn the_polite_call_passes_every_applicable_rule() {
    let audit = builtin().audit_call(&polite_ru().build());
    let failed: Vec<String> = audit
        .verdicts
        .iter()
        .filter(|v| v.outcome == FAIL)
        .map(|v| format!("{}: {}", v.rule, explain(v)))
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    assert_eq!(audit.score, Some(100.0));
    assert!(audit.passed);
    let std = builtin();
    assert_eq!(
        audit.verdicts.len(),
        std.rules().len() + std.manual_items().len()
    );
}

#[test]
fn every_rule_of_the_default_standard_has_a_table_here() {
    let source = include_str!("rules.rs");
    for rule in all_enabled().rules() {
        assert!(
            source.contains(&format!("\"{}\"", rule.id)),
            "no test for {}",
            rule.id
        );
    }
    assert_eq!(builtin().rules().len() + 4, all_enabled().rules().len());
}

/// An inbound call where the client asks for a colleague and the operator
/// answers with `away` and then `next`.
fn colleague_call(away: &str, next: &str) -> CallB {
    CallB::inbound("ru")
        .company("Ромашка")
        .answer(3.0)
        .op(3.3, 6.0, "Компания «Ромашка», здравствуйте.")
        .client(6.5, 10.0, "Здравствуйте, мне нужна Светлана Игоревна.")
        .op(10.5, 14.0, away)
        .client(14.5, 16.0, "А когда она выйдет?")
        .op(16.5, 20.0, next)
        .hangup(23.0, Party::Client)
}

/// «Светланы Игоревны нет, она в отпуске»: «нет» before a subject pronoun
/// is the predicate "is absent", no negation of «в отпуске»; «она не в
/// отпуске» still negates.
#[test]
fn colleague_unavailable_after_net_and_a_pronoun() {
    let std = builtin();
    check_rule(
        &std,
        "colleague.unavailable",
        vec![
            (
                "ASR «светланы игоревны нет она в отпуске», no offer",
                colleague_call(
                    "светланы игоревны нет она в отпуске",
                    "не знаю это вам надо в отдел реструктуризации",
                )
                .build(),
                FAIL,
            ),
            (
                "«нет, он в отпуске», then a message offered",
                colleague_call("Нет, он в отпуске.", "Через неделю. Что ему передать?").build(),
                PASS,
            ),
            (
                "«она не в отпуске»: a real negation, nobody is away",
                colleague_call("Она не в отпуске.", "Соединяю.").build(),
                NA,
            ),
        ],
    );
}
