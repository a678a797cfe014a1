//! Every simulator scenario, scripted to pass and to fail: the engine's
//! audit of the simulated call decides, with the rule the failing script
//! breaks named.

use callqa_model::{Lang, Outcome};
use callqa_standard::DEFAULT_STANDARD_TOML;
use callqa_train::scenarios;
use callqa_train::sim::{Input, Sim, SimResult};

fn play(id: &str, lang: Lang, script: &str) -> (SimResult, String) {
    let std = callqa_standard::builtin();
    let mut out = Vec::new();
    let sc = scenarios::scenario(id).expect("scenario");
    let sim = Sim::new(std, DEFAULT_STANDARD_TOML, sc, lang, "op-1", &mut out);
    let mut reader = script.as_bytes();
    let r = sim
        .run(Input {
            reader: &mut reader,
            file: Some("script.txt"),
        })
        .expect("script runs");
    (r, String::from_utf8(out).unwrap())
}

fn failed(r: &SimResult) -> Vec<String> {
    r.audits
        .iter()
        .flat_map(|a| a.verdicts.iter())
        .filter(|v| v.outcome == Outcome::Fail)
        .map(|v| v.rule.clone())
        .collect()
}

fn passes(id: &str, lang: Lang, script: &str) {
    let (r, out) = play(id, lang, script);
    assert!(
        r.passed() && failed(&r).is_empty(),
        "{id} {lang:?}: {:?}\n{out}",
        failed(&r)
    );
}

fn fails(id: &str, lang: Lang, script: &str, rule: &str) {
    let (r, out) = play(id, lang, script);
    assert!(
        failed(&r).contains(&rule.to_string()),
        "{id} {lang:?}: wanted {rule}, got {:?}\n{out}",
        failed(&r)
    );
}

const HOLD_RU: &str = "Доброе утро, компания «Ромашка», меня зовут Анна. Чем могу помочь?
Ольга, могу я попросить вас подождать? Мне нужно проверить платёж.
/hold
/unhold
Спасибо за ожидание, Ольга. Второе списание отменено, деньги вернутся завтра.
Могу ли я ещё чем-то помочь? Спасибо за звонок, всего доброго!
";

#[test]
fn hold_passes_and_fails() {
    passes("hold", Lang::Ru, HOLD_RU);
    fails(
        "hold",
        Lang::Ru,
        &HOLD_RU.replace(
            "Ольга, могу я попросить вас подождать? Мне нужно проверить платёж.",
            "Ольга, сейчас проверю.",
        ),
        "hold.permission",
    );
    fails(
        "hold",
        Lang::Ru,
        &HOLD_RU.replace("Спасибо за ожидание, Ольга.", "Ольга."),
        "hold.thanks",
    );
}

const HOLD_EN: &str = "Good morning, Greenfield, my name is Anna. How can I help you?
Olga, may I put you on hold? I need to check the payment.
/hold
/unhold
Thank you for holding, Olga. The second charge is cancelled, the money will be back tomorrow.
Is there anything else I can help you with? Thank you for calling, goodbye!
";

const HOLD_HY: &str = "Բարի առավոտ, «Արարատ» ընկերություն, իմ անունը Աննա է։ Ինչո՞վ կարող եմ օգնել։
Օլգա, կարո՞ղ եմ խնդրել սպասել։ Պետք է ստուգեմ վճարումը։
/hold
/unhold
Շնորհակալություն սպասելու համար, Օլգա։ Երկրորդ գանձումը չեղարկված է։
Էլ ինչո՞վ կարող եմ օգնել։ Շնորհակալություն զանգի համար, ցտեսություն։
";

#[test]
fn hold_in_english_and_armenian() {
    passes("hold", Lang::En, HOLD_EN);
    passes("hold", Lang::Hy, HOLD_HY);
    fails(
        "hold",
        Lang::En,
        &HOLD_EN.replace("/unhold\n", "/wait 90\n/unhold\n"),
        "hold.max_duration",
    );
}

const SWEAR_RU: &str = "Доброе утро, компания «Ромашка», меня зовут Анна. Чем могу помочь?
Я понимаю ваше недовольство. Если вы продолжите выражаться, я буду вынуждена прервать разговор.
Олег, я проверила линию: мастер приедет сегодня до шести вечера.
Могу ли я ещё чем-то помочь? Спасибо за звонок, всего доброго!
";

#[test]
fn swearing_client_passes_and_fails() {
    let (r, out) = play("swear", Lang::Ru, SWEAR_RU);
    assert!(
        r.passed() && failed(&r).is_empty(),
        "{:?}\n{out}",
        failed(&r)
    );
    // The client calms down only after the warning.
    assert!(out.contains("Клиент: Ладно, извините"), "{out}");
    // Hanging up on the client without a warning breaks the protocol.
    let hung_up = "Доброе утро, компания «Ромашка», меня зовут Анна. Чем могу помочь?\n/hangup До свидания.\n";
    fails("swear", Lang::Ru, hung_up, "closing.profanity_protocol");
    // Answering in kind is a critical failure.
    let (r, _) = play(
        "swear",
        Lang::Ru,
        "Доброе утро, компания «Ромашка», меня зовут Анна. Чем могу помочь?\nСам ты дерьмо.\n",
    );
    assert!(!r.passed());
    assert!(failed(&r).contains(&"speech.profanity".to_string()));
}

const COLLEAGUE_RU: &str = "Доброе утро, компания «Ромашка», меня зовут Анна. Чем могу помочь?
Ольга, Пётр Иванович в отпуске до понедельника. Могу я вам помочь или передать ему сообщение?
Хорошо, я передам, он вам перезвонит в понедельник.
Могу ли я ещё чем-то помочь? Спасибо за звонок, всего доброго!
";

#[test]
fn colleague_away_passes_and_fails() {
    passes("colleague", Lang::Ru, COLLEAGUE_RU);
    fails(
        "colleague",
        Lang::Ru,
        &COLLEAGUE_RU
            .replace(" Могу я вам помочь или передать ему сообщение?", "")
            .replace(
                "Хорошо, я передам, он вам перезвонит в понедельник.",
                "Позвоните в понедельник.",
            ),
        "colleague.unavailable",
    );
}

const DROP_RU: &str = "Доброе утро, Ольга! Меня зовут Анна, компания «Ромашка». Я звоню по поводу вашей записи на завтра. Вам удобно сейчас говорить?
Напоминаю, что вы записаны на завтра на десять утра.
/callback
Ольга, это снова Анна из компании «Ромашка», связь прервалась. Я звоню по поводу вашей записи. Вам удобно говорить?
Вы записаны на завтра на десять утра.
Могу ли я ещё чем-то помочь? Спасибо, всего доброго!
";

#[test]
fn dropped_line_passes_with_a_call_back_and_fails_without() {
    let (r, out) = play("drop", Lang::Ru, DROP_RU);
    assert_eq!(r.audits.len(), 2, "{out}");
    assert!(
        r.passed() && failed(&r).is_empty(),
        "{:?}\n{out}",
        failed(&r)
    );
    let without = DROP_RU.split("/callback").next().unwrap().to_string() + "/quit\n";
    fails("drop", Lang::Ru, &without, "callback.after_drop");
}

const NO_TIME_RU: &str = "Доброе утро, Ольга! Меня зовут Анна, компания «Ромашка». Я звоню по поводу нового тарифа. Вам удобно сейчас говорить?
Понимаю. Когда вам удобно, чтобы я перезвонила?
Хорошо, перезвоню завтра после шести. Спасибо, всего доброго!
";

const NO_TIME_EN: &str = "Good morning, Olga! This is Anna from Greenfield. I'm calling about our new plan. Is this a good time to talk?
I understand. When would be a convenient time to call you back?
Certainly, I will call you back tomorrow after six. Thank you, goodbye!
";

const NO_TIME_HY: &str = "Բարի առավոտ, Օլգա։ Իմ անունը Աննա է, «Արարատ» ընկերությունից։ Զանգում եմ նոր սակագնի վերաբերյալ։ Հարմա՞ր է խոսել։
Հասկանում եմ։ Ե՞րբ է ձեզ հարմար, որ հետ զանգեմ։
Լավ, կզանգեմ վաղը ժամը վեցից հետո։ Շնորհակալություն, ցտեսություն։
";

#[test]
fn no_time_passes_and_fails() {
    passes("no-time", Lang::Ru, NO_TIME_RU);
    passes("no-time", Lang::En, NO_TIME_EN);
    passes("no-time", Lang::Hy, NO_TIME_HY);
    let no_check = NO_TIME_RU
        .replace(" Вам удобно сейчас говорить?", "")
        .replace(
            "Когда вам удобно, чтобы я перезвонила?",
            "Я перезвоню вам завтра после шести.",
        );
    fails("no-time", Lang::Ru, &no_check, "outbound.time_check");
    fails(
        "no-time",
        Lang::Ru,
        &NO_TIME_RU
            .replace(
                "Понимаю. Когда вам удобно, чтобы я перезвонила?",
                "Понимаю, но это займёт минуту.",
            )
            .replace(
                "Хорошо, перезвоню завтра после шести. Спасибо, всего доброго!",
                "Спасибо, всего доброго!",
            ),
        "outbound.reschedule",
    );
}

#[test]
fn a_wrong_command_names_the_script_line() {
    let std = callqa_standard::builtin();
    let mut out = Vec::new();
    let sim = Sim::new(
        std,
        DEFAULT_STANDARD_TOML,
        scenarios::scenario("hold").unwrap(),
        Lang::En,
        "op-1",
        &mut out,
    );
    let mut reader = "Hello\n/holdd\n".as_bytes();
    let err = sim
        .run(Input {
            reader: &mut reader,
            file: Some("s.txt"),
        })
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "s.txt:2: unknown command \"/holdd\"; /help lists the commands"
    );
}

#[test]
fn a_goodbye_skips_to_the_clients_goodbye() {
    let script = "Доброе утро, компания «Ромашка», меня зовут Анна. Чем могу помочь?\nОльга, мы вернём деньги. Спасибо за звонок, до свидания!\n";
    let (r, out) = play("hold", Lang::Ru, script);
    assert!(
        out.ends_with("Клиент: До свидания.\n   (клиент положил трубку)\n"),
        "{out}"
    );
    let events = &r.calls[0].events;
    assert_eq!(
        events.last().unwrap().kind,
        callqa_model::EventKind::Hangup {
            by: callqa_model::Party::Client
        }
    );
}

const SWEAR_EN: &str = "Good morning, Greenfield, my name is Anna. How can I help you?
I understand you are upset. I will have to end this call if you continue to swear.
Oleg, I checked your line: a technician will come today before six.
Is there anything else I can help you with? Thank you for calling, goodbye!
";

const SWEAR_HY: &str =
    "Բարի առավոտ, «Արարատ» ընկերություն, իմ անունը Աննա է։ Ինչո՞վ կարող եմ օգնել։
Հասկանում եմ ձեզ։ Եթե շարունակեք հայհոյել, ստիպված կլինեմ ընդհատել զրույցը։
Օլեգ, վարպետը կգա այսօր մինչև ժամը վեցը։
Էլ ինչո՞վ կարող եմ օգնել։ Շնորհակալություն զանգի համար, ցտեսություն։
";

const COLLEAGUE_EN: &str = "Good morning, Greenfield, my name is Anna. How can I help you?
Olga, Peter is on holiday until Monday. Can I help you, or shall I take a message?
Certainly, I will pass it on, he will call you back on Monday.
Is there anything else I can help you with? Thank you for calling, goodbye!
";

const COLLEAGUE_HY: &str = "Բարի առավոտ, «Արարատ» ընկերություն, իմ անունը Աննա է։ Ինչո՞վ կարող եմ օգնել։
Օլգա, Պետրոսը արձակուրդում է մինչև երկուշաբթի։ Կարո՞ղ եմ ես օգնել, թե՞ փոխանցեմ նրան հաղորդագրություն։
Լավ, կփոխանցեմ, նա ձեզ հետ կզանգի երկուշաբթի։
Էլ ինչո՞վ կարող եմ օգնել։ Շնորհակալություն զանգի համար, ցտեսություն։
";

const DROP_EN: &str = "Good morning, Olga! This is Anna from Greenfield. I'm calling about your appointment tomorrow. Is this a good time to talk?
Your appointment is tomorrow at ten.
/callback
Olga, it's Anna from Greenfield again, the line dropped. I'm calling about your appointment. Is this a good time to talk?
Your appointment is tomorrow at ten.
Is there anything else I can help you with? Thank you, goodbye!
";

const DROP_HY: &str = "Բարի առավոտ, Օլգա։ Իմ անունը Աննա է, «Արարատ» ընկերությունից։ Զանգում եմ ձեր վաղվա գրանցման վերաբերյալ։ Հարմա՞ր է խոսել։
Ձեր գրանցումը վաղն է, ժամը տասին։
/callback
Օլգա, նորից Աննան է «Արարատ» ընկերությունից, կապը խզվեց։ Զանգում եմ ձեր գրանցման վերաբերյալ։ Հարմա՞ր է խոսել։
Ձեր գրանցումը վաղն է, ժամը տասին։
Էլ ինչո՞վ կարող եմ օգնել։ Շնորհակալություն, ցտեսություն։
";

#[test]
fn every_scenario_passes_in_english_and_armenian() {
    for (id, lang, script) in [
        ("swear", Lang::En, SWEAR_EN),
        ("swear", Lang::Hy, SWEAR_HY),
        ("colleague", Lang::En, COLLEAGUE_EN),
        ("colleague", Lang::Hy, COLLEAGUE_HY),
        ("drop", Lang::En, DROP_EN),
        ("drop", Lang::Hy, DROP_HY),
    ] {
        passes(id, lang, script);
    }
}

#[test]
fn the_client_swears_in_every_language() {
    // Hanging up at once on a client who swore breaks the protocol: the
    // engine saw the client's profanity in each language.
    let openings = [
        (
            Lang::Ru,
            "Доброе утро, компания «Ромашка», меня зовут Анна. Чем могу помочь?",
        ),
        (
            Lang::En,
            "Good morning, Greenfield, my name is Anna. How can I help you?",
        ),
        (
            Lang::Hy,
            "Բարի առավոտ, «Արարատ» ընկերություն, իմ անունը Աննա է։ Ինչո՞վ կարող եմ օգնել։",
        ),
    ];
    for (lang, opening) in openings {
        fails(
            "swear",
            lang,
            &format!("{opening}\n/hangup\n"),
            "closing.profanity_protocol",
        );
    }
}

#[test]
fn a_transfer_is_announced_or_fails() {
    let opening = "Доброе утро, компания «Ромашка», меня зовут Анна. Чем могу помочь?\n";
    let announced = format!("{opening}Ольга, соединяю вас с бухгалтерией.\n/transfer\n");
    let (r, out) = play("colleague", Lang::Ru, &announced);
    let outcome = |r: &SimResult, id: &str| {
        r.audits[0]
            .verdicts
            .iter()
            .find(|v| v.rule == id)
            .map(|v| v.outcome)
    };
    assert_eq!(
        outcome(&r, "transfer.announce"),
        Some(Outcome::Pass),
        "{out}"
    );
    // The client hangs up with the colleague, not the operator first.
    assert_eq!(
        outcome(&r, "closing.who_hangs_up"),
        Some(Outcome::Pass),
        "{out}"
    );
    fails(
        "colleague",
        Lang::Ru,
        &format!("{opening}Ольга, минуту.\n/transfer\n"),
        "transfer.announce",
    );
}
