//! A generated corpus of contact-centre operator speech and a phrase book of
//! realistic size (~50 sets, ~1,500 phrases) for ru, en and hy.
//!
//! Provenance: written for these benchmarks from the phrases of the default
//! standard and typical operator turns; utterances are sampled from templates
//! with a fixed-seed generator, with ASR-style noise (lower case, no
//! punctuation, dropped letters, repeated fillers), so runs are reproducible.

use callqa_text::{Language, PhraseBook, PhraseBookBuilder, Slots};

/// The generator: ChaCha8 from `rand_chacha` (the PRNG of all callqa's
/// generators, see `callqa-testkit`), seeded explicitly.
pub struct Rng(rand_chacha::ChaCha8Rng);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        use rand::SeedableRng;
        Rng(rand_chacha::ChaCha8Rng::seed_from_u64(seed))
    }

    pub fn below(&mut self, n: usize) -> usize {
        use rand::Rng as _;
        self.0.random_range(0..n)
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

struct Lang {
    sets: &'static [(&'static str, &'static [&'static str])],
    /// Words to synthesise extra phrases from.
    fill: &'static [&'static str],
    templates: &'static [&'static str],
    words: &'static [&'static str],
}

const RU: Lang = Lang {
    sets: &[
        (
            "greeting",
            &[
                "здравствуйте",
                "добрый день",
                "доброе утро",
                "добрый вечер",
                "приветствую",
            ],
        ),
        (
            "company",
            &[
                "компания {company}",
                "{company}",
                "вы позвонили в {company}",
            ],
        ),
        (
            "intro",
            &[
                "меня зовут {operator_name}",
                "с вами {operator_name}",
                "оператор {operator_name}",
            ],
        ),
        (
            "offer_help",
            &[
                "чем могу помочь",
                "чем могу быть полезен",
                "могу вам помочь",
                "слушаю вас",
            ],
        ),
        (
            "hold_ask",
            &[
                "подождите пожалуйста",
                "оставайтесь на линии",
                "минуту пожалуйста",
                "можно вас попросить подождать",
            ],
        ),
        (
            "hold_thanks",
            &[
                "спасибо за ожидание",
                "благодарю за ожидание",
                "спасибо что дождались",
            ],
        ),
        (
            "filler",
            &[
                "э-э",
                "ну",
                "как бы",
                "типа",
                "короче",
                "значит",
                "эм",
                "мм",
            ],
        ),
        (
            "profanity",
            &[
                "пизд*",
                "*бля*",
                "*хуй*",
                "*хуе*",
                "!употреблять",
                "!оскорблять",
                "сука",
                "мудак*",
            ],
        ),
        (
            "closing",
            &[
                "всего доброго",
                "всего хорошего",
                "до свидания",
                "хорошего дня",
            ],
        ),
        (
            "thanks",
            &[
                "спасибо за обращение",
                "благодарю за звонок",
                "спасибо за звонок",
            ],
        ),
        (
            "anything_else",
            &[
                "могу ли я еще чем-то помочь",
                "есть ли еще вопросы",
                "остались ли вопросы",
            ],
        ),
        ("address", &["{client_name}"]),
        ("client_intro", &["меня зовут {any}", "это {any} беспокоит"]),
        (
            "ask_name",
            &[
                "как я могу к вам обращаться",
                "как вас зовут",
                "представьтесь пожалуйста",
            ],
        ),
        ("backchannel", &["угу", "да", "ага", "понятно", "хорошо"]),
        (
            "rude",
            &["не ваше дело", "сами разбирайтесь", "я же сказал"],
        ),
    ],
    fill: &[
        "заявка",
        "договор",
        "тариф",
        "оплата",
        "доставка",
        "возврат",
        "услуга",
        "карта",
        "счет",
        "баланс",
        "номер",
        "адрес",
        "заказ",
        "скидка",
        "подключение",
        "отключение",
        "проверить",
        "оформить",
        "уточнить",
        "перевести",
    ],
    templates: &[
        "{greet} компания ромашка меня зовут анна чем могу помочь",
        "{filler} подождите пожалуйста я уточню информацию по вашему {obj}",
        "спасибо за ожидание ваш {obj} оформлен {filler}",
        "я не могу вам помочь с этим {obj} к сожалению",
        "{name} могу ли я еще чем-то помочь",
        "всего доброго до свидания",
        "{filler} {filler} значит смотрите по {obj} есть вопросы",
        "да понятно хорошо угу",
        "здраствуйте кампания ромашка слушаю вас",
        "оставайтесь на линии я проверю ваш {obj} и {obj}",
        "благодарим за обращение в компанию ромашка хорошего дня",
        "как я могу к вам обращаться",
    ],
    words: &[
        "договор",
        "заказ",
        "тариф",
        "счет",
        "баланс",
        "номер",
        "платеж",
        "запрос",
    ],
};

const EN: Lang = Lang {
    sets: &[
        (
            "greeting",
            &[
                "hello",
                "good morning",
                "good afternoon",
                "good evening",
                "hi",
            ],
        ),
        (
            "company",
            &[
                "thank you for calling {company}",
                "{company}",
                "this is {company}",
            ],
        ),
        (
            "intro",
            &[
                "my name is {operator_name}",
                "this is {operator_name} speaking",
                "{operator_name} speaking",
            ],
        ),
        (
            "offer_help",
            &[
                "how can I help you",
                "how may I help you",
                "what can I do for you",
            ],
        ),
        (
            "hold_ask",
            &[
                "please hold",
                "may I put you on hold",
                "one moment please",
                "bear with me",
            ],
        ),
        (
            "hold_thanks",
            &[
                "thank you for waiting",
                "thanks for holding",
                "thank you for your patience",
            ],
        ),
        (
            "filler",
            &[
                "um", "uh", "like", "you know", "mm-hmm", "sort of", "kind of",
            ],
        ),
        (
            "profanity",
            &["fuck*", "*shit*", "damn*", "bitch*", "!shitake", "asshole"],
        ),
        (
            "closing",
            &["goodbye", "have a nice day", "have a great day", "bye"],
        ),
        (
            "thanks",
            &[
                "thank you for calling",
                "thanks for calling",
                "thank you for contacting us",
            ],
        ),
        (
            "anything_else",
            &["is there anything else", "anything else I can help with"],
        ),
        ("address", &["{client_name}"]),
        (
            "ask_name",
            &[
                "may I have your name",
                "who am I speaking with",
                "what is your name",
            ],
        ),
        ("backchannel", &["yeah", "yes", "okay", "right", "sure"]),
    ],
    fill: &[
        "order", "account", "payment", "delivery", "refund", "service", "card", "balance",
        "number", "address", "discount", "plan", "contract", "invoice", "check", "update",
        "cancel", "transfer", "confirm", "verify",
    ],
    templates: &[
        "{greet} thank you for calling romashka my name is anna how can I help you",
        "{filler} please hold while I check your {obj}",
        "thank you for waiting your {obj} is {filler} ready",
        "I can't help you with this {obj} unfortunately",
        "{name} is there anything else I can help with",
        "have a nice day goodbye",
        "{filler} {filler} so like your {obj} is fine",
        "yeah okay right sure",
        "helo thank you for caling romashka",
        "one moment please I will verify your {obj}",
    ],
    words: &[
        "order", "account", "payment", "refund", "invoice", "plan", "contract", "card",
    ],
};

const HY: Lang = Lang {
    sets: &[
        (
            "greeting",
            &["բարև ձեզ", "բարի օր", "բարի երեկո", "բարի լույս"],
        ),
        ("company", &["{company} ընկերություն", "{company}"]),
        (
            "intro",
            &["իմ անունը {operator_name} է", "ես {operator_name} եմ"],
        ),
        (
            "offer_help",
            &["ինչո՞վ կարող եմ օգնել", "ինչպե՞ս կարող եմ օգնել"],
        ),
        ("hold_ask", &["խնդրում եմ սպասեք", "մեկ րոպե խնդրեմ"]),
        (
            "hold_thanks",
            &[
                "շնորհակալություն սպասելու համար",
                "շնորհակալ եմ սպասելու համար",
            ],
        ),
        ("filler", &["էէ", "ըը", "այսինքն", "ասենք"]),
        (
            "closing",
            &["ցտեսություն", "հաջողություն", "բարի օր եմ մաղթում"],
        ),
        (
            "thanks",
            &["շնորհակալություն զանգի համար", "շնորհակալություն"],
        ),
        ("address", &["{client_name}"]),
        ("backchannel", &["այո", "հա", "լավ"]),
    ],
    fill: &[
        "պատվեր",
        "հաշիվ",
        "վճարում",
        "առաքում",
        "քարտ",
        "համար",
        "հասցե",
        "պայմանագիր",
        "սակագին",
        "ծառայություն",
        "ստուգել",
        "ձևակերպել",
        "ճշտել",
        "փոխանցել",
    ],
    templates: &[
        "{greet} ռոմաշկա ընկերություն իմ անունը աննա է ինչո՞վ կարող եմ օգնել",
        "{filler} խնդրում եմ սպասեք ես կստուգեմ ձեր {obj}",
        "շնորհակալություն սպասելու համար ձեր {obj} պատրաստ է",
        "ես չեմ կարող օգնել այդ {obj} հարցում",
        "{name} ուրիշ հարց ունե՞ք",
        "ցտեսություն բարի օր",
        "այո լավ հա",
    ],
    words: &["պատվերը", "հաշիվը", "վճարումը", "քարտը", "պայմանագիրը"],
};

fn lang_data(lang: Language) -> &'static Lang {
    match lang {
        Language::Ru => &RU,
        Language::En => &EN,
        Language::Hy => &HY,
    }
}

/// Sets and phrases per language for a book of `sets` sets and about
/// `phrases` phrases: the real sets plus synthetic two- and three-word
/// phrases («оформить заявка договор») in synthetic sets.
pub fn book(lang: Language, sets: usize, phrases: usize) -> PhraseBook {
    let data = lang_data(lang);
    let mut builder = PhraseBookBuilder::new(lang, 6);
    let mut count = 0;
    for (name, entries) in data.sets {
        let entries: Vec<String> = entries.iter().map(|e| e.to_string()).collect();
        count += entries.len();
        builder
            .add_set(name, &entries, *name != "profanity")
            .unwrap();
    }
    let synthetic = sets.saturating_sub(data.sets.len()).max(1);
    let per_set = phrases.saturating_sub(count) / synthetic;
    let mut rng = Rng::new(7);
    for set in 0..synthetic {
        let entries: Vec<String> = (0..per_set)
            .map(|i| {
                let words = 2 + i % 2;
                (0..words)
                    .map(|_| rng.pick(data.fill))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        builder
            .add_set(&format!("topic_{set}"), &entries, true)
            .unwrap();
    }
    builder.build()
}

/// Per-call placeholder values.
pub fn slots(book: &PhraseBook) -> Slots {
    let mut slots = Slots::new();
    let (company, operator, client): (&[&str], &[&str], &[&str]) = match book.language() {
        Language::Ru => (
            &["Ромашка"],
            &["Анна Иванова", "Анна"],
            &["Иван Петрович", "Иван"],
        ),
        Language::En => (
            &["Romashka"],
            &["Anna Smith", "Anna"],
            &["John Brown", "John"],
        ),
        Language::Hy => (&["Ռոմաշկա"], &["Աննա"], &["Արամ"]),
    };
    slots.set(book.analyzer(), "company", company);
    slots.set(book.analyzer(), "operator_name", operator);
    slots.set(book.analyzer(), "client_name", client);
    slots
}

/// `n` utterances of operator speech in `lang`.
pub fn utterances(lang: Language, n: usize) -> Vec<String> {
    let data = lang_data(lang);
    let (greets, fillers, names): (&[&str], &[&str], &[&str]) = match lang {
        Language::Ru => (
            &["Здравствуйте", "добрый день", "доброе утро"],
            &["э-э", "ну", "ээээ", "как бы", "вот"],
            &["Иван Петрович", "Ивана Петровича", "Анна"],
        ),
        Language::En => (
            &["Hello", "good morning", "hi"],
            &["um", "ummm", "uh", "like", "mm-hmm"],
            &["John", "Mr Brown", "John Brown"],
        ),
        Language::Hy => (
            &["Բարև ձեզ", "բարի օր"],
            &["էէ", "ըըը", "այսինքն"],
            &["Արամ", "պարոն Արամ"],
        ),
    };
    let mut rng = Rng::new(42);
    (0..n)
        .map(|_| {
            let template = rng.pick(data.templates);
            let mut out = String::with_capacity(template.len() + 32);
            for word in template.split(' ') {
                if !out.is_empty() {
                    out.push(' ');
                }
                match word {
                    "{greet}" => out.push_str(rng.pick(greets)),
                    "{filler}" => out.push_str(rng.pick(fillers)),
                    "{name}" => out.push_str(rng.pick(names)),
                    "{obj}" => out.push_str(rng.pick(data.words)),
                    _ => out.push_str(word),
                }
            }
            out
        })
        .collect()
}
