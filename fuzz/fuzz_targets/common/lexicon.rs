//! The small vocabulary random standards and random calls share, so that
//! phrase sets drawn from it match (and miss) the words calls say.

pub const RU: &[&str] = &[
    "здравствуйте",
    "добрый",
    "день",
    "компания",
    "ромашка",
    "спасибо",
    "за",
    "ожидание",
    "меня",
    "зовут",
    "анна",
    "до",
    "свидания",
    "угу",
    "да",
    "не",
    "могу",
    "помочь",
    "хлеб",
    "минуту",
    "подождите",
    "алло",
    "перезвоню",
    "вам",
    "завтра",
    "блин",
    "типа",
    "удобно",
    "говорить",
    "благодарю",
    "терпение",
    "отключайтесь",
    "пиздец",
    "ольга",
    "викторовна",
];

pub const EN: &[&str] = &[
    "hello",
    "good",
    "morning",
    "thanks",
    "for",
    "waiting",
    "my",
    "name",
    "is",
    "bye",
    "mm",
    "hmm",
    "yes",
    "not",
    "can",
    "help",
    "hold",
    "please",
    "damn",
    "call",
    "back",
    "you",
    "patience",
    "don't",
    "hang",
    "up",
    "william",
    "bill",
    "greenfield",
    "insurance",
];

pub const HY: &[&str] = &[
    "բարև",
    "ձեզ",
    "շնորհակալություն",
    "սպասելու",
    "համար",
    "ցտեսություն",
    "այո",
    "չեմ",
    "կարող",
    "մի",
    "րոպե",
    "լիլիթ",
    "արարատ",
    "օգնել",
];

/// The words of a language tag (`ru`, `en`, `hy`).
pub fn words(lang: &str) -> &'static [&'static str] {
    match lang {
        "en" => EN,
        "hy" => HY,
        _ => RU,
    }
}

pub const LANGS: &[&str] = &["ru", "en", "hy"];
pub const COMPANIES: &[&str] = &["Ромашка", "Greenfield Insurance", "Արարատ", "Арбат-Сервис"];
pub const PEOPLE: &[&str] = &[
    "Анна",
    "Ольга Викторовна",
    "William Smith",
    "Լիլիթ",
    "Александр",
    "Olga",
    "Bill",
];
pub const PUNCT: &[&str] = &["", "", "", ",", ".", "?", "!", "…", ";", "։", "՞", " —"];

/// `s` as a TOML basic string (JSON string escapes are valid TOML).
pub fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}
