//! Synthetic, realistic calls for benchmarks and property tests: five-minute
//! conversations of about 60 utterances in Russian, English or Armenian,
//! with greetings, holds, transfers, fillers and closings mixed the way real
//! calls mix them. Deterministic for a given seed, so benchmark runs compare
//! like with like.

use callqa_model::{Call, Client, Direction, Event, EventKind, Lang, Operator, Party, Utterance};
use time::macros::datetime;

/// A small deterministic PRNG (xorshift64*), enough for test data.
pub struct Rng(u64);

impl Rng {
    /// A generator for a seed; the same seed gives the same numbers.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// `true` with the given chance in percent.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// One of the items.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

struct Lines {
    opening: &'static [&'static str],
    operator: &'static [&'static str],
    client: &'static [&'static str],
    hold_ask: &'static [&'static str],
    hold_thanks: &'static [&'static str],
    fillers: &'static [&'static str],
    closing: &'static [&'static str],
    client_bye: &'static [&'static str],
    company: &'static str,
    names: &'static [&'static str],
}

const RU: Lines = Lines {
    opening: &[
        "Добрый день, компания «Ромашка», меня зовут {op}. Чем могу помочь?",
        "здравствуйте компания ромашка оператор {op} слушаю вас",
        "Доброе утро! Компания Ромашка, {op}, чем могу быть полезна?",
    ],
    operator: &[
        "Подскажите, пожалуйста, номер вашего договора.",
        "Я вижу ваш платёж, он поступил вчера вечером.",
        "Сейчас проверю информацию по вашей заявке.",
        "Да, конечно, я оформлю перерасчёт за прошлый месяц.",
        "Уточните, пожалуйста, адрес доставки.",
        "Ваша заявка зарегистрирована, номер придёт в смс.",
        "К сожалению, тариф сменить можно только с первого числа.",
        "Я передам ваше обращение в технический отдел.",
        "Специалист свяжется с вами в течение двух рабочих дней.",
        "понимаю вас давайте разберёмся вместе",
        "Стоимость услуги составляет четыреста девяносто рублей в месяц.",
        "Вы можете оплатить через личный кабинет или в отделении банка.",
    ],
    client: &[
        "Здравствуйте, у меня не проходит оплата по карте.",
        "Номер договора сто двадцать три четыреста пятьдесят шесть.",
        "а когда деньги вернут на карту",
        "Мне вчера приходило сообщение о задолженности, но я всё оплатил.",
        "Да, адрес тот же, улица Ленина, дом пять.",
        "Хорошо, понятно, а можно сменить тариф?",
        "угу",
        "Понятно, спасибо.",
        "а если я не успею до конца месяца",
        "Да, подожду.",
    ],
    hold_ask: &["Могу я попросить вас подождать на линии, мне нужно уточнить информацию?"],
    hold_thanks: &["Спасибо за ожидание! Я уточнила информацию."],
    fillers: &["ну", "э-э", "как бы", "значит"],
    closing: &[
        "Могу ли я ещё чем-то помочь? Спасибо за обращение в компанию Ромашка, всего доброго!",
        "Есть ли у вас ещё вопросы? Благодарю за звонок, до свидания.",
    ],
    client_bye: &["Нет, спасибо, до свидания.", "нет всё спасибо"],
    company: "Ромашка",
    names: &[
        "Анна Смирнова",
        "Ольга Иванова",
        "Мария Петрова",
        "Елена Козлова",
    ],
};

const EN: Lines = Lines {
    opening: &[
        "Good morning, thank you for calling Harper Valley Bank, my name is {op}. How can I help you?",
        "hello harper valley bank this is {op} how may i help you today",
    ],
    operator: &[
        "Could you please confirm your account number?",
        "I can see the payment, it was posted yesterday.",
        "Let me check the status of your request.",
        "I have updated your mailing address.",
        "The fee will be refunded within three business days.",
        "I understand, let's sort this out together.",
        "You can also make the transfer in our mobile app.",
        "Your new card will arrive in five to seven days.",
    ],
    client: &[
        "Hi, I'd like to check my balance please.",
        "Sure, it's four five six seven eight.",
        "mm hmm",
        "okay that makes sense",
        "And when will the refund show up?",
        "Thanks, that's helpful.",
    ],
    hold_ask: &["May I put you on hold for a moment while I check that?"],
    hold_thanks: &["Thank you for holding, I have the details now."],
    fillers: &["um", "uh", "you know"],
    closing: &["Is there anything else I can help you with? Thank you for calling, have a great day, goodbye."],
    client_bye: &["No, that's all, thanks. Bye."],
    company: "Harper Valley Bank",
    names: &["Mary Johnson", "John Miller", "Linda Brown"],
};

const HY: Lines = Lines {
    opening: &["Բարև ձեզ, «Արև» ընկերություն, իմ անունը {op} է։ Ինչո՞վ կարող եմ օգնել։"],
    operator: &[
        "Խնդրում եմ, ասեք ձեր պայմանագրի համարը։",
        "Ես տեսնում եմ ձեր վճարումը, այն ստացվել է երեկ։",
        "Հիմա կստուգեմ ձեր հայտի կարգավիճակը։",
        "Ձեր հայտը գրանցված է։",
        "Մասնագետը կզանգահարի ձեզ երկու աշխատանքային օրվա ընթացքում։",
    ],
    client: &[
        "Բարև ձեզ, ես չեմ կարողանում վճարել։",
        "Լավ, հասկանալի է։",
        "հա",
        "Իսկ ե՞րբ կվերադարձնեք գումարը։",
    ],
    hold_ask: &["Կարո՞ղ եք մի փոքր սպասել գծի վրա, պետք է ճշտեմ տեղեկությունը։"],
    hold_thanks: &["Շնորհակալություն սպասելու համար։"],
    fillers: &["էէ", "ըըը"],
    closing: &["Էլ ինչո՞վ կարող եմ օգնել։ Շնորհակալություն զանգի համար, ցտեսություն։"],
    client_bye: &["Ոչ, շնորհակալություն, ցտեսություն։"],
    company: "Արև",
    names: &["Աննա Հակոբյան", "Արմեն Սարգսյան"],
};

/// One realistic five-minute call (about 60 utterances). `seed` picks the
/// language (70 % ru, 20 % en, 10 % hy), the operator and what happens.
pub fn call(seed: u64) -> Call {
    let mut rng = Rng::new(seed);
    let (lang, lines) = match rng.below(10) {
        0..=6 => (Lang::Ru, &RU),
        7 | 8 => (Lang::En, &EN),
        _ => (Lang::Hy, &HY),
    };
    let op_name = rng.pick(lines.names);
    let first = op_name.split_whitespace().next().unwrap_or(op_name);
    let answer = 3.0 + rng.below(12) as f64;
    let mut events = vec![
        Event {
            at: 0.0,
            kind: EventKind::Ring,
        },
        Event {
            at: answer,
            kind: EventKind::Answer,
        },
    ];
    let mut utts = Vec::new();
    let mut t = answer + 0.4;
    let mut say = |speaker: Party, text: String, t: &mut f64, rng: &mut Rng| {
        let words = text.split_whitespace().count().max(1) as f64;
        let dur = words / 2.4 + 0.3;
        utts.push(Utterance {
            speaker,
            start: *t,
            end: *t + dur,
            text,
            words: Vec::new(),
        });
        *t += dur + 0.3 + rng.below(8) as f64 / 10.0;
    };
    say(
        Party::Operator,
        rng.pick(lines.opening).replace("{op}", first),
        &mut t,
        &mut rng,
    );
    let hold_at = if rng.chance(40) {
        20 + rng.below(20)
    } else {
        usize::MAX
    };
    let mut n = 1;
    while t < 285.0 && n < 80 {
        if n == hold_at {
            say(
                Party::Operator,
                rng.pick(lines.hold_ask).to_string(),
                &mut t,
                &mut rng,
            );
            say(
                Party::Client,
                rng.pick(lines.client).to_string(),
                &mut t,
                &mut rng,
            );
            events.push(Event {
                at: t,
                kind: EventKind::HoldStart,
            });
            t += 10.0 + rng.below(40) as f64;
            events.push(Event {
                at: t,
                kind: EventKind::HoldEnd,
            });
            t += 0.5;
            say(
                Party::Operator,
                rng.pick(lines.hold_thanks).to_string(),
                &mut t,
                &mut rng,
            );
        }
        let speaker = if n % 2 == 1 {
            Party::Client
        } else {
            Party::Operator
        };
        let mut text = match speaker {
            Party::Client => rng.pick(lines.client).to_string(),
            Party::Operator => rng.pick(lines.operator).to_string(),
        };
        if speaker == Party::Operator && rng.chance(15) {
            text = format!("{} {}", rng.pick(lines.fillers), text);
        }
        say(speaker, text, &mut t, &mut rng);
        n += 1;
    }
    say(
        Party::Operator,
        rng.pick(lines.closing).to_string(),
        &mut t,
        &mut rng,
    );
    say(
        Party::Client,
        rng.pick(lines.client_bye).to_string(),
        &mut t,
        &mut rng,
    );
    events.push(Event {
        at: t + 1.0,
        kind: EventKind::Hangup { by: Party::Client },
    });
    let offset = match lang {
        Lang::Ru => time::UtcOffset::from_hms(3, 0, 0),
        Lang::En => time::UtcOffset::from_hms(-5, 0, 0),
        Lang::Hy => time::UtcOffset::from_hms(4, 0, 0),
    }
    .expect("valid offset");
    let started = datetime!(2026-03-02 06:00 UTC) + time::Duration::seconds((seed % 40_000) as i64);
    Call {
        id: format!("synth-{seed:06}"),
        direction: Direction::Inbound,
        started_at: Some(started.to_offset(offset)),
        language: Some(lang),
        company: Some(lines.company.to_string()),
        department: None,
        operator: Operator {
            id: format!("op-{}", seed % 17),
            name: Some(op_name.to_string()),
        },
        client: Client {
            id: Some(format!("cl-{}", seed % 5003)),
            ..Client::default()
        },
        tags: Default::default(),
        events,
        utterances: utts,
    }
}
