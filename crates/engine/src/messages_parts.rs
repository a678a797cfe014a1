//! The parts messages share, in the form each template needs: a count with
//! its noun («3 раза», «5 слов», "1 time", «5 բառ»), who spoke, where in
//! the call, which event, the call's direction and the weekday.

use callqa_model::{Direction, Lang, Party};

use crate::standard::{EventSel, SpeakerSel, Window};

/// What a counted noun counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Noun {
    /// «3 раза», "3 times".
    Time,
    /// «5 слов», "5 words".
    Word,
    /// «2 гудка», "2 rings".
    Ring,
    /// «2 исходящих звонка», "2 outbound calls".
    OutboundCall,
    /// «4 состоявшихся звонка», "4 answered calls".
    AnsweredCall,
    /// «24 часа», "24 hours".
    Hour,
    /// «7 дней», "7 days".
    Day,
}

impl Noun {
    /// Every noun.
    pub const ALL: &'static [Noun] = &[
        Noun::Time,
        Noun::Word,
        Noun::Ring,
        Noun::OutboundCall,
        Noun::AnsweredCall,
        Noun::Hour,
        Noun::Day,
    ];

    /// Russian forms for 1, 2–4 and 5+ («слово», «слова», «слов»).
    pub(crate) fn ru(self) -> [&'static str; 3] {
        match self {
            Noun::Time => ["раз", "раза", "раз"],
            Noun::Word => ["слово", "слова", "слов"],
            Noun::Ring => ["гудок", "гудка", "гудков"],
            Noun::OutboundCall => ["исходящий звонок", "исходящих звонка", "исходящих звонков"],
            Noun::AnsweredCall => [
                "состоявшийся звонок",
                "состоявшихся звонка",
                "состоявшихся звонков",
            ],
            Noun::Hour => ["час", "часа", "часов"],
            Noun::Day => ["день", "дня", "дней"],
        }
    }

    /// English singular and plural.
    pub(crate) fn en(self) -> [&'static str; 2] {
        match self {
            Noun::Time => ["time", "times"],
            Noun::Word => ["word", "words"],
            Noun::Ring => ["ring", "rings"],
            Noun::OutboundCall => ["outbound call", "outbound calls"],
            Noun::AnsweredCall => ["answered call", "answered calls"],
            Noun::Hour => ["hour", "hours"],
            Noun::Day => ["day", "days"],
        }
    }

    /// Armenian: a noun after a numeral stays singular («5 բառ»).
    pub(crate) fn hy(self) -> &'static str {
        match self {
            Noun::Time => "անգամ",
            Noun::Word => "բառ",
            Noun::Ring => "ազդանշան",
            Noun::OutboundCall => "ելքային զանգ",
            Noun::AnsweredCall => "կայացած զանգ",
            Noun::Hour => "ժամ",
            Noun::Day => "օր",
        }
    }
}

/// Which of the Russian forms a count takes: 0 for 1, 21, 101; 1 for 2–4,
/// 22–24; 2 for 5–20, 25–30, 11–14.
pub fn ru_plural(n: u64) -> usize {
    let (d, h) = (n % 10, n % 100);
    if d == 1 && h != 11 {
        0
    } else if (2..=4).contains(&d) && !(12..=14).contains(&h) {
        1
    } else {
        2
    }
}

/// `n` with its noun in the form the number takes: «3 раза», «5 слов»,
/// "1 time", «5 բառ».
pub fn count(lang: Lang, n: u64, noun: Noun) -> String {
    match lang {
        Lang::Ru => format!("{n} {}", noun.ru()[ru_plural(n)]),
        Lang::En => format!("{n} {}", noun.en()[usize::from(n != 1)]),
        Lang::Hy => format!("{n} {}", noun.hy()),
    }
}

/// The party as the subject of a sentence: «оператор», "the operator",
/// «օպերատորը».
pub fn who(lang: Lang, p: Party) -> &'static str {
    match (lang, p) {
        (Lang::Ru, Party::Operator) => "оператор",
        (Lang::Ru, Party::Client) => "клиент",
        (Lang::En, Party::Operator) => "the operator",
        (Lang::En, Party::Client) => "the client",
        (Lang::Hy, Party::Operator) => "օպերատորը",
        (Lang::Hy, Party::Client) => "հաճախորդը",
    }
}

/// The party owning something: «(речи) оператора», "(speech from) the
/// operator", «օպերատորի (խոսք)».
pub fn whose(lang: Lang, p: Party) -> &'static str {
    match (lang, p) {
        (Lang::Ru, Party::Operator) => "оператора",
        (Lang::Ru, Party::Client) => "клиента",
        (Lang::En, _) => who(lang, p),
        (Lang::Hy, Party::Operator) => "օպերատորի",
        (Lang::Hy, Party::Client) => "հաճախորդի",
    }
}

/// [`who`] for a speaker selection («кто-либо» for either party).
pub fn speaker(lang: Lang, s: SpeakerSel) -> &'static str {
    match s {
        SpeakerSel::Only(p) => who(lang, p),
        SpeakerSel::Any => match lang {
            Lang::Ru => "кто-либо",
            Lang::En => "anyone",
            Lang::Hy => "որևէ մեկը",
        },
    }
}

/// [`whose`] for a speaker selection.
pub fn speaker_of(lang: Lang, s: SpeakerSel) -> &'static str {
    match s {
        SpeakerSel::Only(p) => whose(lang, p),
        SpeakerSel::Any => match lang {
            Lang::Ru => "кого-либо",
            Lang::En => "anyone",
            Lang::Hy => "որևէ մեկի",
        },
    }
}

/// Where in the call, with its preposition: «в начале разговора», "in the
/// opening", «զրույցի սկզբում». `sets` names the sets of `Window::After`.
pub fn in_window(lang: Lang, w: &Window, sets: &str) -> String {
    match (lang, w) {
        (Lang::Ru, Window::Call) => "за весь звонок".into(),
        (Lang::Ru, Window::Opening) => "в начале разговора".into(),
        (Lang::Ru, Window::Closing) => "в конце разговора".into(),
        (Lang::Ru, Window::FirstTurns(1)) => "в первой реплике".into(),
        (Lang::Ru, Window::FirstTurns(n)) => format!("в первых {n} репликах"),
        (Lang::Ru, Window::FirstSecs(s)) => format!("в первые {s} с"),
        (Lang::Ru, Window::LastSecs(s)) => format!("в последние {s} с"),
        (Lang::Ru, Window::After(_)) => format!("в речи после: {sets}"),
        (Lang::En, Window::Call) => "in the call".into(),
        (Lang::En, Window::Opening) => "in the opening".into(),
        (Lang::En, Window::Closing) => "in the closing".into(),
        (Lang::En, Window::FirstTurns(1)) => "in the first turn".into(),
        (Lang::En, Window::FirstTurns(n)) => format!("in the first {n} turns"),
        (Lang::En, Window::FirstSecs(s)) => format!("in the first {s} s"),
        (Lang::En, Window::LastSecs(s)) => format!("in the last {s} s"),
        (Lang::En, Window::After(_)) => format!("in the speech after: {sets}"),
        (Lang::Hy, Window::Call) => "ամբողջ զանգի ընթացքում".into(),
        (Lang::Hy, Window::Opening) => "զրույցի սկզբում".into(),
        (Lang::Hy, Window::Closing) => "զրույցի վերջում".into(),
        (Lang::Hy, Window::FirstTurns(1)) => "առաջին ռեպլիկում".into(),
        (Lang::Hy, Window::FirstTurns(n)) => format!("առաջին {n} ռեպլիկներում"),
        (Lang::Hy, Window::FirstSecs(s)) => format!("առաջին {s} վ-ում"),
        (Lang::Hy, Window::LastSecs(s)) => format!("վերջին {s} վ-ում"),
        (Lang::Hy, Window::After(_)) => format!("խոսքում՝ հետո՝ {sets}"),
    }
}

/// The sets a `Window::After` is after, in `lang` (empty for the others).
pub fn window_sets(w: &Window, lang: Lang) -> String {
    match w {
        Window::After(m) => m.label_in(lang),
        _ => String::new(),
    }
}

/// The event as a noun: «удержание», "hold", «սպասման դնել».
pub fn event(lang: Lang, sel: EventSel) -> &'static str {
    match (lang, sel) {
        (Lang::Ru, EventSel::HoldStart | EventSel::Hold) => "удержание",
        (Lang::Ru, EventSel::HoldEnd) => "окончание удержания",
        (Lang::Ru, EventSel::Transfer) => "перевод",
        (Lang::Ru, EventSel::Answer) => "ответ",
        (Lang::Ru, EventSel::Hangup) => "завершение звонка",
        (Lang::Ru, EventSel::Drop) => "обрыв связи",
        (Lang::En, EventSel::HoldStart | EventSel::Hold) => "hold",
        (Lang::En, EventSel::HoldEnd) => "end of a hold",
        (Lang::En, EventSel::Transfer) => "transfer",
        (Lang::En, EventSel::Answer) => "answer",
        (Lang::En, EventSel::Hangup) => "hangup",
        (Lang::En, EventSel::Drop) => "dropped line",
        (Lang::Hy, EventSel::HoldStart | EventSel::Hold) => "սպասման դնել",
        (Lang::Hy, EventSel::HoldEnd) => "սպասման ավարտ",
        (Lang::Hy, EventSel::Transfer) => "փոխանցում",
        (Lang::Hy, EventSel::Answer) => "պատասխան",
        (Lang::Hy, EventSel::Hangup) => "զանգի ավարտ",
        (Lang::Hy, EventSel::Drop) => "կապի խզում",
    }
}

/// The event after «до/после» (genitive: «удержания») or before «հետո /
/// առաջ» (ablative: «սպասման դնելուց»); English as [`event`].
pub fn event_rel(lang: Lang, sel: EventSel) -> &'static str {
    match (lang, sel) {
        (Lang::Ru, EventSel::HoldStart | EventSel::Hold) => "удержания",
        (Lang::Ru, EventSel::HoldEnd) => "окончания удержания",
        (Lang::Ru, EventSel::Transfer) => "перевода",
        (Lang::Ru, EventSel::Answer) => "ответа",
        (Lang::Ru, EventSel::Hangup) => "завершения звонка",
        (Lang::Ru, EventSel::Drop) => "обрыва связи",
        (Lang::En, _) => event(lang, sel),
        (Lang::Hy, EventSel::HoldStart | EventSel::Hold) => "սպասման դնելուց",
        (Lang::Hy, EventSel::HoldEnd) => "սպասման ավարտից",
        (Lang::Hy, EventSel::Transfer) => "փոխանցումից",
        (Lang::Hy, EventSel::Answer) => "պատասխանից",
        (Lang::Hy, EventSel::Hangup) => "զանգի ավարտից",
        (Lang::Hy, EventSel::Drop) => "կապի խզումից",
    }
}

/// The call's direction as an adjective: «входящий», "inbound",
/// «մուտքային».
pub fn direction(lang: Lang, d: Direction) -> &'static str {
    match (lang, d) {
        (Lang::Ru, Direction::Inbound) => "входящий",
        (Lang::Ru, Direction::Outbound) => "исходящий",
        (Lang::En, Direction::Inbound) => "inbound",
        (Lang::En, Direction::Outbound) => "outbound",
        (Lang::Hy, Direction::Inbound) => "մուտքային",
        (Lang::Hy, Direction::Outbound) => "ելքային",
    }
}

/// The weekday as [`Msg::LocalTime`] needs it; Russian with its
/// preposition and in the accusative («во вторник», «в среду»).
pub fn weekday(lang: Lang, d: time::Weekday) -> &'static str {
    let i = d.number_days_from_monday() as usize;
    let names: [&str; 7] = match lang {
        Lang::Ru => [
            "в понедельник",
            "во вторник",
            "в среду",
            "в четверг",
            "в пятницу",
            "в субботу",
            "в воскресенье",
        ],
        Lang::En => [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ],
        Lang::Hy => [
            "երկուշաբթի",
            "երեքշաբթի",
            "չորեքշաբթի",
            "հինգշաբթի",
            "ուրբաթ",
            "շաբաթ",
            "կիրակի",
        ],
    };
    names[i]
}
