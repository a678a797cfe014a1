//! The simulator's scripted clients, from the situations the seeds describe:
//! a hold is needed (003), the client swears (001, 003), asks for a
//! colleague who is away (004), the line drops (000, 001, 004), the client
//! has no time on an outbound call (001, 002). Each client line is given in
//! Russian, English and Armenian; a line may have a branch taken when the
//! operator's previous line said a phrase a rule of the standard asks for.

use callqa_model::{Direction, Lang};

/// A text in ru, en and hy.
pub type Tr = [&'static str; 3];

/// The text of `lang`.
pub fn tr(t: &Tr, lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => t[0],
        Lang::En => t[1],
        Lang::Hy => t[2],
    }
}

/// One client line, said after the operator's next line.
#[derive(Clone, Debug)]
pub struct Beat {
    /// What the client says.
    pub client: Tr,
    /// Said instead when the operator's last line had a phrase this rule
    /// asks for (`hold.permission`: the operator asked to hold).
    pub branch: Option<(&'static str, Tr)>,
    /// The client hangs up after this line.
    pub hangup: bool,
    /// The line drops during the operator's next line (the trainee must
    /// call back).
    pub drop: bool,
    /// Said again (up to twice) while the operator has not said the
    /// branch's phrase: the client keeps swearing until warned.
    pub repeat: bool,
}

const fn beat(client: Tr) -> Beat {
    Beat {
        client,
        branch: None,
        hangup: false,
        drop: false,
        repeat: false,
    }
}

/// A scripted call.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// Its id on the command line (`hold`, `swear`…).
    pub id: &'static str,
    /// Who placed the call.
    pub direction: Direction,
    /// What the trainee is told before the call.
    pub brief: Tr,
    /// What the client says when the call is answered (outbound: «Алло?»).
    pub first: Option<Tr>,
    /// The client's lines, in order.
    pub beats: Vec<Beat>,
    /// The client's lines on the call back after a drop.
    pub callback: Vec<Beat>,
}

/// The ids of every scenario, in the order `callqa train sim --list` shows.
pub const IDS: &[&str] = &["hold", "swear", "colleague", "drop", "no-time"];

const BYE: Tr = ["До свидания.", "Goodbye.", "Ցտեսություն։"];

fn bye() -> Beat {
    Beat {
        hangup: true,
        ..beat(BYE)
    }
}

/// The scenario with this id.
pub fn scenario(id: &str) -> Option<Scenario> {
    let hello: Tr = ["Алло?", "Hello?", "Ալո՞"];
    Some(match id {
        "hold" => Scenario {
            id: "hold",
            direction: Direction::Inbound,
            brief: [
                "Входящий звонок в компанию «Ромашка», вас зовут Анна, 10 утра. Клиентке нужно проверить платёж: для этого поставьте её на удержание (/hold), проверьте и снимите с удержания (/unhold). Вы говорите первой.",
                "An inbound call to Greenfield; you are Anna, it is 10 a.m. The client's payment needs checking: put her on hold (/hold), check, and take her off hold (/unhold). You speak first.",
                "Մուտքային զանգ «Արարատ» ընկերություն, դուք Աննան եք, առավոտյան 10-ը։ Պետք է ստուգել վճարումը․ դրեք հաճախորդին սպասման (/hold), ստուգեք և հանեք սպասումից (/unhold)։ Դուք եք խոսում առաջինը։",
            ],
            first: None,
            beats: vec![
                beat([
                    "Здравствуйте. Меня зовут Ольга. С меня дважды списали деньги за один платёж, проверьте, пожалуйста.",
                    "Hello. My name is Olga. I was charged twice for one payment, could you check it, please?",
                    "Բարև ձեզ։ Իմ անունը Օլգա է։ Մեկ վճարման համար երկու անգամ գումար են գանձել, խնդրում եմ ստուգեք։",
                ]),
                Beat {
                    branch: Some(("hold.permission", [
                        "Да, конечно, подожду.",
                        "Sure, I'll wait.",
                        "Այո, իհարկե, կսպասեմ։",
                    ])),
                    ..beat([
                        "Э-э… А вы можете проверить? Я подожду, если нужно.",
                        "Um… can you check it? I can wait if you need me to.",
                        "Իսկ կարո՞ղ եք ստուգել։ Կսպասեմ, եթե պետք է։",
                    ])
                },
                beat([
                    "Понятно, спасибо. Больше ничего не нужно.",
                    "I see, thank you. That's all I needed.",
                    "Պարզ է, շնորհակալություն։ Ուրիշ ոչինչ պետք չէ։",
                ]),
                bye(),
            ],
            callback: Vec::new(),
        },
        "swear" => Scenario {
            id: "swear",
            direction: Direction::Inbound,
            brief: [
                "Входящий звонок в компанию «Ромашка», вас зовут Анна, 10 утра. Клиент раздражён и ругается. Не отвечайте тем же: предупредите, что прервёте разговор, если брань продолжится; положить трубку (/hangup) первой можно только после предупреждения и повторной брани. Вы говорите первой.",
                "An inbound call to Greenfield; you are Anna, it is 10 a.m. The client is angry and swears. Do not answer in kind: warn that you will end the call if it goes on; you may hang up first (/hangup) only after a warning and more swearing. You speak first.",
                "Մուտքային զանգ «Արարատ» ընկերություն, դուք Աննան եք, առավոտյան 10-ը։ Հաճախորդը նյարդայնացած է և հայհոյում է։ Նույնով մի պատասխանեք․ զգուշացրեք, որ կընդհատեք զրույցը, անջատել (/hangup) կարելի է միայն զգուշացումից և կրկնվող հայհոյանքից հետո։ Դուք եք խոսում առաջինը։",
            ],
            first: None,
            beats: vec![
                beat([
                    "Третий раз звоню! Опять нет интернета, дерьмо, а не провайдер!",
                    "Third time I'm calling! The internet is down again, this is crap, damn it!",
                    "Երրորդ անգամն եմ զանգում։ Նորից ինտերնետ չկա, սատանան տանի։",
                ]),
                Beat {
                    branch: Some(("closing.profanity_protocol", [
                        "Ладно, извините, сорвался. Меня зовут Олег. Когда почините?",
                        "All right, sorry, I lost my temper. My name is Oleg. When will you fix it?",
                        "Լավ, ներեցեք, բարկացա։ Իմ անունը Օլեգ է։ Ե՞րբ կուղղեք։",
                    ])),
                    repeat: true,
                    ..beat([
                        "Да что вы мне рассказываете! Дерьмо, а не связь!",
                        "Don't give me that! Your service is crap!",
                        "Ինձ մի պատմեք։ Սատանան տանի ձեր կապը։",
                    ])
                },
                beat([
                    "Хорошо, жду. Спасибо.",
                    "Okay, I'll wait. Thanks.",
                    "Լավ, կսպասեմ։ Շնորհակալություն։",
                ]),
                bye(),
            ],
            callback: Vec::new(),
        },
        "colleague" => Scenario {
            id: "colleague",
            direction: Direction::Inbound,
            brief: [
                "Входящий звонок в компанию «Ромашка», вас зовут Анна, 10 утра. Клиент попросит Петра Ивановича из бухгалтерии; он в отпуске до понедельника. Скажите об этом и предложите помощь, передать сообщение или перезвонить. Вы говорите первой.",
                "An inbound call to Greenfield; you are Anna, it is 10 a.m. The client will ask for Peter from accounting; he is on holiday until Monday. Say so and offer help, a message or a call back. You speak first.",
                "Մուտքային զանգ «Արարատ» ընկերություն, դուք Աննան եք, առավոտյան 10-ը։ Հաճախորդը կխնդրի հաշվապահությունից Պետրոսին, նա արձակուրդում է մինչև երկուշաբթի։ Ասեք դա և առաջարկեք օգնություն, հաղորդագրություն կամ հետզանգ։ Դուք եք խոսում առաջինը։",
            ],
            first: None,
            beats: vec![
                beat([
                    "Здравствуйте, меня зовут Ольга. Соедините меня, пожалуйста, с Петром Ивановичем из бухгалтерии.",
                    "Hello, my name is Olga. Could you put me through to Peter in accounting, please?",
                    "Բարև ձեզ, իմ անունը Օլգա է։ Խնդրում եմ միացրեք ինձ հաշվապահությունից Պետրոսի հետ։",
                ]),
                Beat {
                    branch: Some(("colleague.unavailable", [
                        "Да, передайте, пожалуйста, чтобы он мне перезвонил.",
                        "Yes, please ask him to call me back.",
                        "Այո, խնդրում եմ փոխանցեք, որ ինձ հետ զանգի։",
                    ])),
                    ..beat([
                        "И что мне теперь делать?",
                        "So what do I do now?",
                        "Իսկ հիմա ի՞նչ անեմ։",
                    ])
                },
                beat([
                    "Спасибо, это всё.",
                    "Thank you, that's all.",
                    "Շնորհակալություն, այսքանը։",
                ]),
                bye(),
            ],
            callback: Vec::new(),
        },
        "drop" => Scenario {
            id: "drop",
            direction: Direction::Outbound,
            brief: [
                "Исходящий звонок клиенту Ольге от компании «Ромашка», вас зовут Анна, 10 утра: напомнить о записи на завтра. Посреди разговора связь оборвётся — вы звонили, значит, перезвонить (/callback) должны вы, не позже чем через 5 минут.",
                "An outbound call from Greenfield to the client Olga; you are Anna, it is 10 a.m.: a reminder of tomorrow's appointment. The line will drop mid-call: you placed the call, so you call back (/callback) within 5 minutes.",
                "Ելքային զանգ «Արարատ» ընկերությունից հաճախորդ Օլգային, դուք Աննան եք, առավոտյան 10-ը․ հիշեցում վաղվա գրանցման մասին։ Զրույցի ընթացքում կապը կխզվի․ զանգողը դուք եք, ուրեմն հետ զանգեք (/callback) 5 րոպեի ընթացքում։",
            ],
            first: Some(hello),
            beats: vec![Beat {
                drop: true,
                ..beat([
                    "Да, удобно, слушаю вас.",
                    "Yes, it's fine, go ahead.",
                    "Այո, հարմար է, լսում եմ։",
                ])
            }],
            callback: vec![
                beat([
                    "Да, что-то связь прервалась. Так что там с записью?",
                    "Yes, the line broke. So what about the appointment?",
                    "Այո, կապը խզվեց։ Իսկ ի՞նչ է գրանցման հետ։",
                ]),
                beat([
                    "Хорошо, буду. Спасибо.",
                    "Okay, I'll be there. Thanks.",
                    "Լավ, կգամ։ Շնորհակալություն։",
                ]),
                bye(),
            ],
        },
        "no-time" => Scenario {
            id: "no-time",
            direction: Direction::Outbound,
            brief: [
                "Исходящий звонок клиенту Ольге от компании «Ромашка», вас зовут Анна, 10 утра: предложить новый тариф. Представьтесь, назовите компанию и цель звонка, спросите, удобно ли говорить. Клиентке неудобно — договоритесь, когда перезвонить.",
                "An outbound call from Greenfield to the client Olga; you are Anna, it is 10 a.m.: offering a new plan. Introduce yourself and the company, say why you call, ask whether it is a good time. It is not: agree when to call back.",
                "Ելքային զանգ «Արարատ» ընկերությունից հաճախորդ Օլգային, դուք Աննան եք, առավոտյան 10-ը․ նոր սակագնի առաջարկ։ Ներկայացեք, ասեք ընկերությունը և զանգի նպատակը, հարցրեք՝ հարմար է խոսել։ Հարմար չէ․ պայմանավորվեք, երբ հետ զանգել։",
            ],
            first: Some(hello),
            beats: vec![
                beat([
                    "Ой, мне сейчас неудобно, я за рулём.",
                    "Oh, it's not a good time, I'm driving.",
                    "Հիմա հարմար չէ, մեքենա եմ վարում։",
                ]),
                Beat {
                    branch: Some(("outbound.reschedule", [
                        "Давайте завтра после шести.",
                        "Tomorrow after six, please.",
                        "Վաղը ժամը վեցից հետո։",
                    ])),
                    ..beat([
                        "Я же говорю, мне неудобно сейчас.",
                        "I told you, it's not a good time.",
                        "Ասում եմ՝ հիմա հարմար չէ։",
                    ])
                },
                bye(),
            ],
            callback: Vec::new(),
        },
        _ => return None,
    })
}
