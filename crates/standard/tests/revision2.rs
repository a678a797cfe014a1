//! The "Revision 2 decisions" of the rule catalog
//! (`shared/spec/default-standard.md`) on windows and applicability, one
//! table per decision: the opening and the closing never share an
//! utterance, closing rules on a dropped or rescheduled call, answer speed
//! without ring data, turn-taking checks with one channel missing, and
//! names the client gives during the call or a placeholder caller-ID name.

mod support;

use callqa_model::{Outcome, Party};
use support::*;

/// Monday 2 March 2026, 19:40 Moscow time: the «добрый вечер» period.
const MONDAY_EVENING: &str = "2026-03-02T19:40:00+03:00";

/// A 27 s evening call: greeting, a question, an answer, no goodbye.
fn evening_no_goodbye(lang: &str, lines: [&str; 3]) -> CallB {
    CallB::inbound(lang)
        .started(MONDAY_EVENING)
        .company("Ромашка")
        .operator_name("Анна")
        .answer(3.0)
        .op(3.3, 7.5, lines[0])
        .client(8.0, 13.0, lines[1])
        .op(13.5, 24.0, lines[2])
        .hangup(27.0, Party::Client)
}

#[test]
fn opening_and_closing_never_share_an_utterance() {
    check_rule(
        &builtin(),
        "closing.farewell",
        vec![
            (
                "27 s evening call, «Добрый вечер» only at the start",
                evening_no_goodbye(
                    "ru",
                    [
                        "Добрый вечер, компания «Ромашка», меня зовут Анна.",
                        "Подскажите, до скольки вы сегодня работаете?",
                        "Мы работаем до девяти часов.",
                    ],
                )
                .build(),
                FAIL,
            ),
            (
                "27 s Armenian evening call, «Բարի երեկո» only at the start",
                evening_no_goodbye(
                    "hy",
                    [
                        "Բարի երեկո, Ռոմաշկա ընկերություն, Աննան է։",
                        "Մինչև քանիսն եք աշխատում այսօր։",
                        "Աշխատում ենք մինչև ժամը ինը։",
                    ],
                )
                .build(),
                FAIL,
            ),
            (
                "the same short call with a goodbye after the opening",
                evening_no_goodbye(
                    "ru",
                    [
                        "Добрый вечер, компания «Ромашка», меня зовут Анна.",
                        "Подскажите, до скольки вы сегодня работаете?",
                        "Мы работаем до девяти часов. Всего доброго, до свидания!",
                    ],
                )
                .build(),
                PASS,
            ),
            (
                "a short call whose farewell follows the opening",
                opening_ru("Добрый день, компания «Ромашка», меня зовут Анна.").build(),
                PASS,
            ),
            ("a long polite call", polite_ru().build(), PASS),
            (
                "a dropped line: nobody could close",
                polite_ru().dropped(100.0).build(),
                NA,
            ),
        ],
    );
}

#[test]
fn closing_rules_are_na_on_a_dropped_line() {
    let std = builtin();
    let cut = || {
        CallB::inbound("ru")
            .company("Ромашка")
            .operator_name("Анна Смирнова")
            .client_name("Иван Петрович")
            .answer(9.8)
            .op(
                10.1,
                14.5,
                "Добрый день, компания «Ромашка», меня зовут Анна. Чем могу помочь?",
            )
            .client(15.1, 21.1, "У меня вопрос по счёту за февраль.")
            .op(
                21.7,
                30.3,
                "Иван Петрович, я вижу ваш лицевой счёт, сейчас посмотрю.",
            )
    };
    for rule in [
        "closing.further_help",
        "closing.thanks",
        "closing.farewell",
        "closing.who_hangs_up",
    ] {
        check_rule(
            &std,
            rule,
            vec![
                ("the line dropped mid-call", cut().dropped(31.0).build(), NA),
                (
                    "the operator hung up mid-call",
                    cut().hangup(31.0, Party::Operator).build(),
                    FAIL,
                ),
                ("a full closing", polite_ru().build(), PASS),
            ],
        );
    }
    let dropped = verdict(&std, &cut().dropped(31.0).build(), "closing.farewell");
    assert!(
        explain(&dropped).contains("связь оборвалась"),
        "{}",
        explain(&dropped)
    );
}

/// An outbound call where the client cannot talk; `agreed` is what the
/// operator answers; no «anything else?» follows.
fn cannot_talk(agreed: &str) -> CallB {
    outbound_ru(&[
        "Добрый день, меня зовут Анна, компания «Ромашка». Звоню по поводу вашей заявки на кредит.",
    ])
    .client(14.5, 16.0, "Мне сейчас неудобно говорить, я за рулём.")
    .op(16.5, 20.0, agreed)
    .client(20.5, 21.5, "Хорошо.")
    .hangup(23.0, Party::Client)
}

#[test]
fn further_help_is_na_when_a_new_time_was_agreed_or_the_number_was_wrong() {
    check_rule(
        &builtin(),
        "closing.further_help",
        vec![
            (
                "client could not talk, a new time agreed",
                cannot_talk("Когда вам будет удобно, чтобы я перезвонила? Давайте завтра в десять.")
                    .build(),
                NA,
            ),
            (
                "client could not talk, no new time agreed",
                cannot_talk("Понятно, спасибо за звонок, всего доброго.").build(),
                FAIL,
            ),
            (
                "wrong number",
                outbound_ru(&["Добрый день, компания «Ромашка», это Ирина Петровна?"])
                    .client(14.5, 16.0, "Нет, вы ошиблись номером.")
                    .op(16.5, 19.0, "Извините за беспокойство, всего доброго.")
                    .hangup(20.0, Party::Client)
                    .build(),
                NA,
            ),
            (
                "an ordinary outbound call asks «anything else?»",
                outbound_ru(&[
                    "Добрый день, меня зовут Анна, компания «Ромашка». Звоню по поводу вашей заявки.",
                    "Заявка одобрена. Могу ли я ещё чем-то помочь?",
                    "Спасибо за уделённое время, всего доброго!",
                ])
                .build(),
                PASS,
            ),
        ],
    );
}

#[test]
fn answer_speed_is_na_without_ring_data() {
    let quick = || {
        CallB::inbound("ru")
            .answer(4.0)
            .op(4.3, 6.0, "Компания «Ромашка», добрый день.")
            .client(6.5, 8.0, "Здравствуйте.")
            .hangup(20.0, Party::Client)
    };
    check_rule(
        &builtin(),
        "answer.speed",
        vec![
            ("a ring at 0 s, answered at 4 s", quick().build(), PASS),
            (
                "a ring at 0 s, answered at 26 s",
                quick().unanswered().answer(26.0).build(),
                FAIL,
            ),
            (
                "the importer says the source has no ringing",
                quick().tag("import.ring", "unknown").build(),
                NA,
            ),
            (
                "ring and answer at the same instant",
                CallB::inbound("ru")
                    .answer(0.0)
                    .op(0.3, 2.0, "Компания «Ромашка», добрый день.")
                    .hangup(20.0, Party::Client)
                    .build(),
                NA,
            ),
            (
                "no ring event at all",
                quick()
                    .no_events()
                    .answer(0.5)
                    .hangup(20.0, Party::Client)
                    .build(),
                NA,
            ),
        ],
    );
}

#[test]
fn turn_taking_checks_are_na_when_one_channel_is_missing() {
    // The operator speaks with a 20 s pause: dead air on a two-sided call.
    let pause = || {
        CallB::inbound("ru")
            .answer(2.0)
            .op(
                2.3,
                6.0,
                "Добрый день, компания «Ромашка», меня зовут Анна.",
            )
            .op(26.0, 30.0, "Я проверила ваш заказ, он отправлен сегодня.")
            .hangup(40.0, Party::Client)
    };
    let two_sided = || pause().client(30.5, 32.0, "Спасибо.");
    check_rule(
        &builtin(),
        "silence.dead_air",
        vec![
            (
                "a 20 s silence with both channels",
                two_sided().build(),
                FAIL,
            ),
            (
                "no client speech at all: the client's channel is missing",
                pause().build(),
                NA,
            ),
            (
                "the importer tagged the missing channel",
                two_sided().tag("import.missing_channel", "client").build(),
                NA,
            ),
            ("no long silence", polite_ru().build(), PASS),
        ],
    );
    let talk_over = || {
        CallB::inbound("ru")
            .answer(2.0)
            .client(
                3.0,
                9.0,
                "У меня не проходит оплата картой уже третий день подряд.",
            )
            .op(4.0, 5.0, "Какой картой?")
            .client(
                10.0,
                16.0,
                "Обычной, банковской, я пробовала и с телефона, и с компьютера.",
            )
            .op(11.0, 12.0, "С какого сайта?")
            .client(
                17.0,
                23.0,
                "С вашего сайта, на странице оплаты всё время пишет ошибку.",
            )
            .op(18.0, 19.0, "Какую ошибку?")
            .hangup(30.0, Party::Client)
    };
    check_rule(
        &builtin(),
        "listening.interruptions",
        vec![
            ("three interruptions", talk_over().build(), FAIL),
            (
                "the importer tagged the missing channel",
                talk_over()
                    .tag("import.missing_channel", "operator")
                    .build(),
                NA,
            ),
            (
                "no operator speech at all",
                pause()
                    .no_transcript()
                    .client(3.0, 9.0, "Алло, алло?")
                    .build(),
                NA,
            ),
            ("a polite call", polite_ru().build(), PASS),
        ],
    );
}

/// An answered call where the operator says `operator` after the client's
/// `client` line; the record gives `name` as the client's name.
fn names(name: Option<&str>, lang: &str, client: &str, operator: &str) -> CallB {
    let b = CallB::inbound(lang)
        .company("Ромашка")
        .answer(3.0)
        .op(3.3, 6.0, "Компания «Ромашка», здравствуйте.")
        .client(6.5, 10.0, client)
        .op(10.5, 15.0, operator)
        .client(15.5, 16.5, "Спасибо.")
        .hangup(18.0, Party::Client);
    match name {
        Some(n) => b.client_name(n),
        None => b,
    }
}

/// The operator asks the client's name with `ask`, the client answers
/// `answer`, the operator goes on with `operator`.
fn asked_name(lang: &str, ask: &str, answer: &str, operator: &str) -> CallB {
    CallB::inbound(lang)
        .company("Ромашка")
        .answer(3.0)
        .op(3.3, 6.0, "Компания «Ромашка», здравствуйте.")
        .client(6.5, 10.0, "Здравствуйте, у меня вопрос по счёту.")
        .op(10.5, 13.0, ask)
        .client(13.5, 15.0, answer)
        .op(15.5, 20.0, operator)
        .client(20.5, 21.5, "Спасибо.")
        .hangup(23.0, Party::Client)
}

#[test]
fn a_name_given_as_the_answer_to_the_operators_question_is_known() {
    let std = builtin();
    check_rule(
        &std,
        "client.name_usage",
        vec![
            (
                "«как к вам обращаться?» – «Марина.» – «Марина, …»",
                asked_name("ru", "Подскажите, как я могу к вам обращаться?", "Марина.", "Марина, сейчас проверю.")
                    .build(),
                PASS,
            ),
            (
                "ASR: «как к вам обращаться» – «татьяна николаевна савельева» – «татьяна николаевна …»",
                asked_name(
                    "ru",
                    "подскажите пожалуйста как к вам обращаться",
                    "татьяна николаевна савельева",
                    "татьяна николаевна вы уже наблюдались у нас",
                )
                .build(),
                PASS,
            ),
            (
                "ASR, a long answer opened by name and patronymic: «валентина петровна улица мира …» – «валентина петровна …»",
                asked_name(
                    "ru",
                    "подскажите пожалуйста как я могу к вам обращаться и какой адрес",
                    "валентина петровна улица мира дом четырнадцать во дворе у второго подъезда",
                    "валентина петровна спасибо оформила заявку",
                )
                .build(),
                PASS,
            ),
            (
                "a long answer with no patronymic gives no name: «улица мира дом четырнадцать …»",
                asked_name(
                    "ru",
                    "подскажите пожалуйста как я могу к вам обращаться и какой адрес",
                    "улица мира дом четырнадцать во дворе у второго подъезда",
                    "спасибо оформила заявку",
                )
                .build(),
                NA,
            ),
            (
                "«Какая разница, как ко мне обращаться!» gives no name «Какая»",
                asked_name(
                    "ru",
                    "Как я могу к вам обращаться?",
                    "Какая разница, как ко мне обращаться! Верните деньги!",
                    "Я понимаю, сейчас проверю.",
                )
                .build(),
                NA,
            ),
            (
                "«Представьтесь» – «Кравец Геннадий Павлович, Садовая, 12.» – «Геннадий Павлович, …»",
                asked_name(
                    "ru",
                    "Представьтесь, пожалуйста, и назовите адрес.",
                    "Кравец Геннадий Павлович, Садовая, двенадцать.",
                    "Спасибо, Геннадий Павлович, сейчас проверю.",
                )
                .build(),
                PASS,
            ),
            (
                "«Представьтесь» – «Кравец Геннадий Павлович.» – no address",
                asked_name(
                    "ru",
                    "Представьтесь, пожалуйста.",
                    "Кравец Геннадий Павлович.",
                    "Спасибо, сейчас проверю.",
                )
                .build(),
                FAIL,
            ),
            (
                "\"May I take your name?\" – \"It's Fiona Walsh.\" – \"Thank you, Fiona.\"",
                asked_name("en", "May I take your name, please?", "It's Fiona Walsh.", "Thank you, Fiona. Let me check.")
                    .build(),
                PASS,
            ),
            (
                "the answer's first sentence is the name: \"It's Darnell Brooks. I'm the account holder.\"",
                asked_name(
                    "en",
                    "And who am I speaking with?",
                    "It's Darnell Brooks. I'm the account holder.",
                    "Thanks, Darnell. I see the bill.",
                )
                .build(),
                PASS,
            ),
            (
                "the name given in the answer is never used",
                asked_name("en", "May I take your name, please?", "It's Fiona Walsh.", "Thank you. Let me check.")
                    .build(),
                FAIL,
            ),
            (
                "an answer that is no name (\"Sorry, I'd rather not.\"): no name known",
                asked_name("en", "May I take your name, please?", "Sorry, I'd rather not.", "That's fine. Let me check.")
                    .build(),
                NA,
            ),
            (
                "a question back is no name («Ի՞նչ տարբերություն»)",
                asked_name("hy", "Ինչպե՞ս կարող եմ դիմել ձեզ։", "Ի՞նչ տարբերություն։", "Լավ, հիմա կստուգեմ։")
                    .build(),
                NA,
            ),
            (
                "ASR «да конечно» is no name",
                asked_name("ru", "как к вам обращаться", "да конечно", "хорошо сейчас проверю").build(),
                NA,
            ),
            (
                "a long answer is no name",
                asked_name(
                    "ru",
                    "Как к вам обращаться?",
                    "Я бы не хотела называть себя по телефону вообще никогда",
                    "Хорошо, сейчас проверю.",
                )
                .build(),
                NA,
            ),
        ],
    );
}

/// A record name in surname-first order («Ким Александр Викторович»)
/// matches «Александр Викторович» and its short form; another patronymic
/// does not.
#[test]
fn a_surname_first_record_name_matches_first_name_and_patronymic() {
    let std = builtin();
    let call = |operator: &str| {
        names(
            Some("Ким Александр Викторович"),
            "ru",
            "Здравствуйте, у меня вопрос.",
            operator,
        )
        .build()
    };
    check_rule(
        &std,
        "client.name_usage",
        vec![
            (
                "«Александр Викторович, …»",
                call("Александр Викторович, сейчас проверю."),
                PASS,
            ),
            (
                "«Саша» (the short form)",
                call("Саша, сейчас проверю."),
                PASS,
            ),
            (
                "«Александр Петрович» (another patronymic)",
                call("Александр Петрович, сейчас проверю."),
                FAIL,
            ),
            ("no name said", call("Сейчас проверю."), FAIL),
            (
                "no record name: nothing to address",
                names(
                    None,
                    "ru",
                    "Здравствуйте, у меня вопрос.",
                    "Сейчас проверю.",
                )
                .build(),
                NA,
            ),
        ],
    );
}

#[test]
fn names_given_during_the_call_and_placeholder_caller_id_names() {
    let std = builtin();
    check_rule(
        &std,
        "client.name_usage",
        vec![
            (
                "«меня зовут Ольга», the operator says «Ольга»",
                names(
                    None,
                    "ru",
                    "Здравствуйте, меня зовут Ольга, у меня вопрос.",
                    "Ольга, сейчас всё проверю.",
                )
                .build(),
                PASS,
            ),
            (
                "«меня зовут Ольга», the operator says «Ольгу» (another case)",
                names(
                    None,
                    "ru",
                    "Здравствуйте, меня зовут Ольга.",
                    "Я записала Ольгу на завтра.",
                )
                .build(),
                PASS,
            ),
            (
                "«меня зовут Ольга», the operator never says it",
                names(
                    None,
                    "ru",
                    "Здравствуйте, меня зовут Ольга.",
                    "Сейчас всё проверю.",
                )
                .build(),
                FAIL,
            ),
            (
                "\"it's Sam\", the operator says Sam",
                names(
                    None,
                    "en",
                    "Hi, it's Sam, I have a question about my bill.",
                    "Sure, Sam, let me check.",
                )
                .build(),
                PASS,
            ),
            (
                "\"it's Sam\", the operator never says it",
                names(
                    None,
                    "en",
                    "Hi, it's Sam, I have a question about my bill.",
                    "Sure, let me check.",
                )
                .build(),
                FAIL,
            ),
            (
                "caller-ID name \"Client\" and no name given: no name known",
                names(
                    Some("Client"),
                    "en",
                    "Hello, I have a question about my bill.",
                    "Sure, let me check.",
                )
                .build(),
                NA,
            ),
            (
                "caller-ID «Клиент»: no name known",
                names(
                    Some("Клиент"),
                    "ru",
                    "Здравствуйте, у меня вопрос.",
                    "Сейчас всё проверю.",
                )
                .build(),
                NA,
            ),
            (
                "caller-ID name of digits only: no name known",
                names(
                    Some("+7 495 123-45-67"),
                    "ru",
                    "Здравствуйте, у меня вопрос.",
                    "Сейчас всё проверю.",
                )
                .build(),
                NA,
            ),
            (
                "caller-ID \"Unknown\", the client gives a name and hears it",
                names(
                    Some("Unknown"),
                    "ru",
                    "Здравствуйте, меня зовут Ольга.",
                    "Ольга, сейчас всё проверю.",
                )
                .build(),
                PASS,
            ),
            (
                "a real caller-ID name is still used",
                names(
                    Some("Olga"),
                    "ru",
                    "Здравствуйте, у меня вопрос.",
                    "Ольга, сейчас всё проверю.",
                )
                .build(),
                PASS,
            ),
        ],
    );
    // The name is the word the client's introduction leaves open, not a
    // verb after it: «меня Михаил зовут», «это Павел беспокоит».
    check_rule(
        &std,
        "client.name_usage",
        vec![
            (
                "«Меня Михаил зовут», the operator says «Михаил»",
                names(
                    None,
                    "ru",
                    "Меня Михаил зовут, хочу записаться.",
                    "Отлично, Михаил, запись подтверждена.",
                )
                .build(),
                PASS,
            ),
            (
                "«Меня Михаил зовут», the operator never says it",
                names(
                    None,
                    "ru",
                    "Меня Михаил зовут, хочу записаться.",
                    "Отлично, запись подтверждена.",
                )
                .build(),
                FAIL,
            ),
            (
                "«это павел семенов беспокоит» in ASR text, the operator says «павел»",
                names(
                    None,
                    "ru",
                    "это павел семенов беспокоит",
                    "павел сейчас посмотрю ваш заказ",
                )
                .build(),
                PASS,
            ),
            (
                "«Это Павел беспокоит», the operator says «беспокоит» only",
                names(
                    None,
                    "ru",
                    "Это Павел беспокоит, по заказу.",
                    "Вас ничего больше не беспокоит?",
                )
                .build(),
                FAIL,
            ),
            (
                "«Меня это очень беспокоит» names nobody",
                names(
                    None,
                    "ru",
                    "Меня это очень беспокоит.",
                    "Понимаю, очень неприятно.",
                )
                .build(),
                NA,
            ),
            (
                "\"it's Sam here\", the operator says Sam",
                names(
                    None,
                    "en",
                    "Hi, it's Sam here, about my order.",
                    "Thanks, Sam, what's the order number?",
                )
                .build(),
                PASS,
            ),
            (
                "\"my name's tom\" in ASR text, the operator says tom",
                names(None, "en", "yeah hi my name's tom", "hi tom how can i help").build(),
                PASS,
            ),
            (
                "«իմ անունը Աննա է», the operator says «Աննա»",
                names(
                    None,
                    "hy",
                    "Բարև, իմ անունը Աննա է։",
                    "Աննա, հիմա կստուգեմ։",
                )
                .build(),
                PASS,
            ),
        ],
    );
    // A name that is not addressed to the client: a colleague of the same
    // name, a case form that is a common word, a name-word used as a noun.
    check_rule(
        &std,
        "client.name_usage",
        vec![
            (
                "«наш мастер Игорь» to a client Игорь",
                names(
                    Some("Игорь Павлович Лебедев"),
                    "ru",
                    "Здравствуйте, у меня сломалась плита.",
                    "Вам перезвонит наш мастер Игорь.",
                )
                .build(),
                FAIL,
            ),
            (
                "«Игорь, вам перезвонит мастер» to a client Игорь",
                names(
                    Some("Игорь Павлович Лебедев"),
                    "ru",
                    "Здравствуйте, у меня сломалась плита.",
                    "Игорь, вам перезвонит мастер.",
                )
                .build(),
                PASS,
            ),
            (
                "«марка машины» to a client Марк",
                names(
                    Some("Марк Соловьёв"),
                    "ru",
                    "здравствуйте хочу записаться на ремонт",
                    "марка машины какая у вас",
                )
                .build(),
                FAIL,
            ),
            (
                "«марк какая у вас машина» to a client Марк",
                names(
                    Some("Марк Соловьёв"),
                    "ru",
                    "здравствуйте хочу записаться на ремонт",
                    "марк какая у вас машина",
                )
                .build(),
                PASS,
            ),
            (
                "«Надежда есть» to a client Надежда",
                names(
                    Some("Надежда Ивановна"),
                    "ru",
                    "Здравствуйте, мне отказали в кредите.",
                    "Надежда есть: заявку рассмотрят повторно.",
                )
                .build(),
                FAIL,
            ),
            (
                "«Надежда Ивановна, есть новости» to a client Надежда",
                names(
                    Some("Надежда Ивановна"),
                    "ru",
                    "Здравствуйте, мне отказали в кредите.",
                    "Надежда Ивановна, есть новости по заявке.",
                )
                .build(),
                PASS,
            ),
            (
                "no name known, «наш мастер Игорь» is no name given",
                names(
                    None,
                    "ru",
                    "Здравствуйте, у меня сломалась плита.",
                    "Вам перезвонит наш мастер Игорь.",
                )
                .build(),
                NA,
            ),
        ],
    );
    // With a placeholder name the operator is expected to ask the name.
    let v = verdict(
        &std,
        &names(
            Some("Unknown"),
            "ru",
            "Здравствуйте, у меня вопрос.",
            "Сейчас всё проверю.",
        )
        .build(),
        "client.ask_name",
    );
    assert_eq!(v.outcome, Outcome::Fail, "{}", explain(&v));
}

/// A `when.unless_*` that names no per-call rule of the standard is an error
/// at its place in the file; a valid one loads.
#[test]
fn rule_references_in_when_are_checked() {
    let file = |when: &str| {
        format!(
            r#"version = 1
id = "acme"

[phrases.greeting]
ru = ["здравствуйте"]

[[rule]]
id = "greeting.hello"
severity = "major"
check = {{ type = "phrase_required", phrases = ["greeting"] }}

[[rule]]
id = "closing.hello"
severity = "minor"
when = {when}
check = {{ type = "phrase_required", phrases = ["greeting"], window = "closing" }}

[[rule]]
id = "repeat"
severity = "minor"
check = {{ type = "repeat_calls", max = 2, period_secs = 86400 }}
"#
        )
    };
    let cases: Vec<(&str, &str, Option<&str>)> = vec![
        (
            "a per-call rule",
            r#"{ dropped = false, unless_passed = ["greeting.hello"] }"#,
            None,
        ),
        (
            "an unknown rule",
            r#"{ unless_applied = ["greeting.helo"] }"#,
            Some("acme.toml:15:28: unknown rule \"greeting.helo\""),
        ),
        (
            "a cross-call rule",
            r#"{ unless_passed = ["repeat"] }"#,
            Some("rule \"repeat\" is decided over the client's history"),
        ),
        (
            "a rule that depends on rules itself",
            r#"{ unless_passed = ["closing.hello"] }"#,
            Some("rule \"closing.hello\" itself depends on other rules"),
        ),
        (
            "dropped is a flag",
            r#"{ dropped = "no" }"#,
            Some("when.dropped"),
        ),
    ];
    let mut wrong = Vec::new();
    for (label, when, want) in cases {
        let got = callqa_standard::from_toml("acme.toml", &file(when));
        match (got, want) {
            (Ok(_), None) => {}
            (Err(e), Some(w)) if e.to_string().contains(w) => {}
            (Ok(_), Some(w)) => wrong.push(format!("  {label}: loaded, expected «{w}»")),
            (Err(e), _) => wrong.push(format!("  {label}: {e}")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
