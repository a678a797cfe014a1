//! Varied prose for the middle of generated calls.
//!
//! Owns [`Prose`]: per language, word lists (nouns, verbs, adjectives,
//! adverbs, function words) with their inflections, and a handful of
//! sentence shapes that combine them, so sentences rarely repeat while the
//! vocabulary stays what a contact centre hears. The noise that makes words
//! new (names, numbers, misspellings) is `noise.rs`.

use callqa_model::Lang;

use crate::noise;
use crate::Rng;

/// A noun stem and the endings it takes («договор» + «а», «ом», …).
type Paradigm = (&'static [&'static str], &'static [&'static str]);

/// The word lists of one language.
struct Words {
    nouns: &'static [Paradigm],
    verbs: &'static [Paradigm],
    adjectives: &'static [Paradigm],
    adverbs: &'static [&'static str],
    pronouns: &'static [&'static str],
    prepositions: &'static [&'static str],
    conjunctions: &'static [&'static str],
    /// Spelled-out numbers («сто двадцать»): known words, never new.
    numerals: &'static [&'static str],
}

const RU_MASC: &[&str] = &["", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах"];
const RU_FEM: &[&str] = &["а", "ы", "е", "у", "ой", "", "ам", "ами", "ах"];
const RU_NEUT: &[&str] = &["е", "я", "ю", "ем", "и", "й", "ям", "ями", "ях"];
const RU_VERB_I: &[&str] = &[
    "ить", "ю", "им", "ите", "ил", "ила", "или", "ят", "ишь", "ит",
];
const RU_VERB_E: &[&str] = &["ать", "аю", "аем", "аете", "ал", "ала", "али", "ают", "ает"];
const RU_ADJ: &[&str] = &["ый", "ая", "ое", "ые", "ого", "ой", "ому", "ым", "ых", "ую"];

const RU: Words = Words {
    nouns: &[
        (
            &[
                "договор",
                "тариф",
                "адрес",
                "номер",
                "офис",
                "банк",
                "кабинет",
                "отдел",
                "менеджер",
                "перевод",
                "кредит",
                "лимит",
                "баланс",
                "пакет",
                "сервис",
                "роутер",
                "модем",
                "счётчик",
                "платёж",
                "депозит",
                "интернет",
                "курьер",
                "заказ",
                "возврат",
                "филиал",
                "вопрос",
                "ответ",
                "код",
                "пароль",
                "логин",
                "штраф",
                "процент",
            ],
            RU_MASC,
        ),
        (
            &[
                "карт",
                "заявк",
                "услуг",
                "оплат",
                "подписк",
                "скидк",
                "доставк",
                "квартир",
                "сумм",
                "ошибк",
                "программ",
                "страниц",
                "комисси",
                "выписк",
                "задолженност",
                "квитанци",
                "линейк",
                "акци",
                "техник",
                "справк",
                "претензи",
                "гаранти",
            ],
            RU_FEM,
        ),
        (
            &[
                "приложени",
                "сообщени",
                "подключени",
                "уведомлени",
                "списани",
                "заявлени",
                "обращени",
                "отключени",
                "начислени",
                "соглашени",
                "оборудовани",
                "решени",
            ],
            RU_NEUT,
        ),
    ],
    verbs: &[
        (
            &[
                "провер",
                "подключ",
                "отправ",
                "оформ",
                "уточн",
                "измен",
                "заплат",
                "получ",
                "продл",
                "разблокир",
                "останов",
                "перезвон",
                "выпуст",
                "попрос",
                "объясн",
            ],
            RU_VERB_I,
        ),
        (
            &[
                "отключ",
                "списыв",
                "оплачив",
                "ожид",
                "понима",
                "зна",
                "дела",
                "получа",
                "отправля",
                "подтвержд",
                "вспомин",
                "начисл",
                "переда",
                "счита",
            ],
            RU_VERB_E,
        ),
    ],
    adjectives: &[(
        &[
            "нов",
            "личн",
            "мобильн",
            "платн",
            "удобн",
            "полн",
            "точн",
            "срочн",
            "обычн",
            "ежемесячн",
            "банковск",
            "прошл",
            "действующ",
            "кредитн",
            "стар",
            "лишн",
        ],
        RU_ADJ,
    )],
    adverbs: &[
        "сегодня",
        "вчера",
        "завтра",
        "уже",
        "ещё",
        "пока",
        "потом",
        "сейчас",
        "тоже",
        "очень",
        "только",
        "почему",
        "когда",
        "где",
        "вот",
        "так",
        "снова",
        "опять",
        "примерно",
        "точно",
        "наверное",
        "обычно",
        "быстро",
        "долго",
        "нормально",
    ],
    pronouns: &[
        "я",
        "мы",
        "вы",
        "он",
        "она",
        "они",
        "мне",
        "вам",
        "нам",
        "у меня",
        "у нас",
        "у вас",
    ],
    prepositions: &[
        "в",
        "на",
        "по",
        "с",
        "за",
        "для",
        "без",
        "после",
        "через",
        "до",
        "о",
        "из",
    ],
    conjunctions: &[
        "и",
        "а",
        "но",
        "потому что",
        "если",
        "что",
        "чтобы",
        "или",
        "ну вот",
    ],
    numerals: &[
        "два",
        "три",
        "пять",
        "десять",
        "двадцать",
        "сто",
        "двести",
        "пятьсот",
        "тысяча",
        "первого",
        "второго",
        "пятнадцатого",
        "тридцать",
        "сорок",
        "девяносто",
    ],
};

const EN_NOUN: &[&str] = &["", "s"];
const EN_VERB: &[&str] = &["", "s", "ed", "ing"];
const EN_ADJ: &[&str] = &[""];

const EN: Words = Words {
    nouns: &[(
        &[
            "account",
            "card",
            "payment",
            "bill",
            "order",
            "statement",
            "branch",
            "charge",
            "transfer",
            "balance",
            "device",
            "router",
            "address",
            "password",
            "plan",
            "package",
            "refund",
            "invoice",
            "subscription",
            "delivery",
            "deposit",
            "loan",
            "limit",
            "fee",
            "code",
            "number",
            "message",
            "email",
            "app",
            "website",
            "technician",
            "appointment",
            "contract",
            "discount",
            "receipt",
            "claim",
            "store",
            "service",
            "phone",
            "check",
        ],
        EN_NOUN,
    )],
    verbs: &[(
        &[
            "check", "update", "cancel", "transfer", "charge", "deliver", "process", "confirm",
            "reset", "block", "order", "call", "email", "pay", "mail", "wait", "open", "close",
            "receive", "request", "change", "sign", "activate", "report", "fix", "upgrade",
        ],
        EN_VERB,
    )],
    adjectives: &[(
        &[
            "new",
            "old",
            "monthly",
            "online",
            "wrong",
            "late",
            "extra",
            "mobile",
            "main",
            "second",
            "other",
            "recent",
            "annual",
            "small",
            "final",
            "previous",
            "automatic",
        ],
        EN_ADJ,
    )],
    adverbs: &[
        "today",
        "yesterday",
        "tomorrow",
        "already",
        "still",
        "now",
        "again",
        "also",
        "really",
        "only",
        "just",
        "maybe",
        "probably",
        "usually",
        "actually",
        "soon",
        "later",
    ],
    pronouns: &[
        "i", "we", "you", "he", "she", "they", "my", "our", "your", "it",
    ],
    prepositions: &[
        "in", "on", "for", "with", "from", "to", "after", "before", "about", "at",
    ],
    conjunctions: &["and", "but", "so", "because", "if", "or", "then", "well"],
    numerals: &[
        "two",
        "three",
        "five",
        "ten",
        "twenty",
        "hundred",
        "thousand",
        "first",
        "second",
        "fifteenth",
        "thirty",
        "forty",
        "ninety",
    ],
};

const HY_NOUN: &[&str] = &["", "ը", "ի", "ից", "ով", "ում", "ներ", "ները", "ների", "ին"];
const HY_VERB: &[&str] = &["ել", "եմ", "ում", "եցի", "եց", "եցինք", "ենք", "եք", "ես"];
const HY_ADJ: &[&str] = &[""];

const HY: Words = Words {
    nouns: &[(
        &[
            "հաշիվ",
            "քարտ",
            "վճարում",
            "պայմանագիր",
            "հայտ",
            "գումար",
            "համար",
            "հասցե",
            "ծառայություն",
            "ամիս",
            "բանկ",
            "ինտերնետ",
            "հեռախոս",
            "սակագին",
            "պարտք",
            "գրասենյակ",
            "փաստաթուղթ",
            "հաղորդագրություն",
            "տոկոս",
            "վարկ",
            "ավանդ",
            "կոդ",
        ],
        HY_NOUN,
    )],
    verbs: &[(
        &[
            "վճար",
            "ստուգ",
            "փոխ",
            "ուղարկ",
            "միացն",
            "անջատ",
            "գրանց",
            "սպաս",
            "զանգ",
            "հաստատ",
            "ստաց",
            "բաց",
            "փակ",
            "լրացն",
        ],
        HY_VERB,
    )],
    adjectives: &[(
        &[
            "նոր",
            "հին",
            "ճիշտ",
            "սխալ",
            "մեծ",
            "փոքր",
            "ամսական",
            "բջջային",
            "վերջին",
            "հաջորդ",
            "լրացուցիչ",
            "անվճար",
        ],
        HY_ADJ,
    )],
    adverbs: &[
        "այսօր",
        "երեկ",
        "վաղը",
        "արդեն",
        "դեռ",
        "հետո",
        "հիմա",
        "շատ",
        "նորից",
        "միայն",
    ],
    pronouns: &["ես", "դուք", "մենք", "նա", "նրանք", "իմ", "ձեր", "մեր"],
    prepositions: &["համար", "հետ", "մասին", "առաջ", "հետո", "մինչև"],
    conjunctions: &["և", "բայց", "որ", "եթե", "կամ", "ուրեմն"],
    numerals: &[
        "երկու",
        "երեք",
        "հինգ",
        "տասը",
        "քսան",
        "հարյուր",
        "հազար",
        "առաջին",
    ],
};

/// Generates sentences of one language.
#[derive(Clone, Copy)]
pub struct Prose {
    lang: Lang,
    words: &'static Words,
}

impl Prose {
    /// The generator for `lang`.
    pub fn new(lang: Lang) -> Prose {
        let words = match lang {
            Lang::Ru => &RU,
            Lang::En => &EN,
            Lang::Hy => &HY,
        };
        Prose { lang, words }
    }

    /// One utterance: a sentence of 3–14 words in one of several shapes,
    /// with the noise of [`noise`] (names, numbers, misspellings) applied.
    pub fn utterance(&self, rng: &mut Rng, operator: bool) -> String {
        let w = self.words;
        let mut out: Vec<String> = Vec::with_capacity(16);
        let clauses = 1 + usize::from(rng.chance(35));
        for clause in 0..clauses {
            if clause > 0 || rng.chance(20) {
                out.push(rng.pick(w.conjunctions).to_string());
            }
            match rng.below(4) {
                0 => {
                    out.push(rng.pick(w.pronouns).to_string());
                    out.push(inflect(rng, w.verbs));
                    out.push(inflect(rng, w.adjectives));
                    out.push(inflect(rng, w.nouns));
                }
                1 => {
                    out.push(rng.pick(w.adverbs).to_string());
                    out.push(inflect(rng, w.nouns));
                    out.push(inflect(rng, w.verbs));
                    out.push(rng.pick(w.prepositions).to_string());
                    out.push(inflect(rng, w.nouns));
                }
                2 => {
                    out.push(rng.pick(w.pronouns).to_string());
                    out.push(rng.pick(w.adverbs).to_string());
                    out.push(inflect(rng, w.verbs));
                    out.push(rng.pick(w.numerals).to_string());
                    out.push(inflect(rng, w.nouns));
                }
                _ => {
                    out.push(inflect(rng, w.adjectives));
                    out.push(inflect(rng, w.nouns));
                    out.push(rng.pick(w.prepositions).to_string());
                    out.push(inflect(rng, w.adjectives));
                    out.push(inflect(rng, w.nouns));
                    out.push(rng.pick(w.adverbs).to_string());
                }
            }
        }
        noise::apply(self.lang, rng, operator, &mut out);
        let mut text = out.join(" ");
        if rng.chance(60) {
            text.push(if rng.chance(20) { '?' } else { '.' });
        }
        text
    }
}

/// A word of one of `paradigms`: a stem and one of its endings.
fn inflect(rng: &mut Rng, paradigms: &[Paradigm]) -> String {
    let (stems, endings) = paradigms[rng.below(paradigms.len())];
    let mut word = rng.pick(stems).to_string();
    word.push_str(rng.pick(endings));
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_vary_and_have_words() {
        for lang in [Lang::Ru, Lang::En, Lang::Hy] {
            let prose = Prose::new(lang);
            let mut rng = Rng::new(5);
            let texts: Vec<String> = (0..200).map(|_| prose.utterance(&mut rng, true)).collect();
            let distinct: std::collections::HashSet<&String> = texts.iter().collect();
            assert!(
                distinct.len() > 190,
                "{lang:?}: {} distinct of 200",
                distinct.len()
            );
            assert!(
                texts.iter().all(|t| t.split_whitespace().count() >= 3),
                "{lang:?}"
            );
        }
    }
}
