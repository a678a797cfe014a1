//! `name_usage`: the operator addresses the client by name: the name from the record,
//! else the one the client introduced themself with or gave when the
//! operator asked for it. The operator's own name
//! inside their self-introduction («меня зовут Ольга» to a client Ольга) is
//! no address, nor is a Russian name that is also a common word said as the
//! word («Есть надежда, что…» to a client Надежда).

use callqa_model::{Lang, Party};
use callqa_text::{Match, Slots};

use super::shared::{answered_name, client_intro, name_known};
use super::{fail, na, Decision, Kind, Liveness, Signals};
use crate::context::{clock, CallView};
use crate::messages::{m, Msg};
use crate::standard::SetMask;

/// The parameters of a `name_usage` check.
#[derive(Clone, Debug, PartialEq)]
pub struct NameUsage {
    /// Phrases that address the client by name («{client_name}»).
    pub address: SetMask,
    /// The client's self-introduction («меня зовут {any}»); may be empty.
    pub intro: SetMask,
    /// The operator's own self-introduction («меня зовут {operator_name}»);
    /// may be empty. An address inside a longer match of it is the
    /// operator's own name, not the client's.
    pub own_intro: SetMask,
    /// The operator's question for the client's name («как к вам
    /// обращаться?»); may be empty. The client's short answer to it
    /// («Марина.», "It's Fiona Walsh.") makes the name known.
    pub ask: SetMask,
}

impl Kind for NameUsage {
    const SIGNALS: Signals = Signals::TRANSCRIPT;
    const LIVENESS: Liveness = Liveness::AtEnd;

    fn decide(&self, v: &CallView) -> Decision {
        name_usage(v, self)
    }
}

/// Whether `m` lies inside a longer match of the operator's own
/// self-introduction in utterance `i` (the name in «меня зовут Ольга»).
fn in_own_intro(v: &CallView, i: usize, own_intro: &SetMask, m: &Match) -> bool {
    v.matches(i, own_intro, false).any(|s| {
        s.first_token <= m.first_token
            && m.end_token <= s.end_token
            && s.end_token - s.first_token > m.end_token - m.first_token
    })
}

/// Russian first names that are also common words («надежда», «роман»,
/// «вера», «любовь»): the beginnings of their case forms.
const RU_NAME_WORDS: &[&str] = &[
    "надежд", "роман", "вер", "любов", "любв", "лев", "льв", "роз", "лили", "слав", "лад", "калин",
    "лиан", "злат", "виктори", "марин", "маргарит", "вероник",
];

/// Words after which such a name is the common word in raw lower-case ASR
/// text («есть надежда», «этот роман», «с верой»).
const RU_NOUN_MARKERS: &[&str] = &[
    "этот", "эта", "это", "этого", "этой", "эту", "этим", "тот", "та", "того", "той", "мой", "моя",
    "мою", "моей", "наш", "наша", "нашу", "нашей", "ваш", "ваша", "вашу", "вашей", "есть", "нет",
    "без", "с", "со", "в", "во", "на", "о", "об", "про", "и", "новый", "новая", "хороший",
    "хорошая", "большая", "большой", "последний", "последняя", "последнюю", "какой", "какая",
    "такой", "такая", "целый", "вся", "весь", "одна", "один", "никакой", "никакая", "любимый",
    "любимая", "интересный", "первый", "первая", "всякая", "всякий", "слабая", "последней",
];

/// Whether the match is a Russian name that is also a common word, said as
/// the word: in lower case in a text that uses capitals («Есть надежда,
/// что…»), or in lower-case ASR text right after a word that makes it a
/// noun («есть надежда что…», «этот роман»).
fn ru_name_as_word(text: &str, m: &Match) -> bool {
    let Some(word) = text.get(m.start..m.end).and_then(|w| w.split_whitespace().next()) else {
        return false;
    };
    let lower = word.to_lowercase().replace('ё', "е");
    let letters = lower.chars().count();
    let is_name_word = RU_NAME_WORDS
        .iter()
        .any(|w| lower.starts_with(w) && letters <= w.chars().count() + 3);
    if !is_name_word {
        return false;
    }
    if text.chars().any(char::is_uppercase) {
        return word.chars().next().is_some_and(char::is_lowercase);
    }
    let before = text[..m.start]
        .split_whitespace()
        .last()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase());
    before.is_some_and(|b| RU_NOUN_MARKERS.contains(&b.as_str()))
}

/// Case forms of Russian names that are also common words in that form
/// only («марка» is Марк in the genitive and a brand or a stamp): an
/// address is said in the nominative, so in lower case these are the word.
const RU_FORM_WORDS: &[&str] = &["марка", "марку", "маркой", "марке", "марки"];

/// Words that make a name right after them someone other than the client:
/// a colleague or a third party spoken of («наш мастер Игорь», «ваш
/// менеджер Ольга»).
const RU_ROLE_WORDS: &[&str] = &[
    "мастер", "мастера", "менеджер", "менеджера", "специалист", "специалиста", "сотрудник",
    "сотрудница", "сотрудника", "коллега", "коллеги", "инженер", "инженера", "техник", "курьер",
    "курьера", "врач", "врача", "доктор", "доктора", "юрист", "юриста", "консультант",
    "консультанта", "оператор", "оператора", "бригадир", "водитель", "агент", "экспедитор",
    "руководитель", "начальник", "наш", "наша", "нашего", "нашей", "директор", "администратор",
    "монтажник", "замерщик", "представитель", "дизайнер", "бухгалтер", "координатор",
];

/// Words that make a name right after them part of a place name: a street,
/// an avenue or a square named after someone («на улицу Марины Цветаевой»
/// to a client Марина, «проспект Мира»).
const RU_PLACE_WORDS: &[&str] = &[
    "улица", "улицу", "улице", "улицы", "улицей", "ул", "проспект", "проспекта", "проспекте",
    "проспектом", "площадь", "площади", "переулок", "переулка", "переулке", "бульвар",
    "бульвара", "бульваре", "набережная", "набережной", "проезд", "проезда", "проезде",
    "шоссе", "имени", "им",
];

/// Words after which, with no mark between, such a name is the common word
/// («Надежда есть», «Вера помогает»).
const RU_WORD_AFTER: &[&str] = &["есть", "остаётся", "остается", "появилась", "умирает"];

/// Whether the Russian match is no address: a name form that is only a
/// common word in lower case («марка машины» to a client Марк), a name
/// right after a role word («наш мастер Игорь» to a client Игорь), or a
/// name-word followed by a word that makes it the noun («Надежда есть», in
/// punctuated text any lower-case word: «Вера в успех»).
fn ru_not_an_address(text: &str, m: &Match) -> bool {
    let Some(word) = text.get(m.start..m.end).and_then(|w| w.split_whitespace().next()) else {
        return false;
    };
    let lower = word.to_lowercase();
    if RU_FORM_WORDS.contains(&lower.as_str()) && word.chars().next().is_some_and(char::is_lowercase)
    {
        return true;
    }
    let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let before = text[..m.start].split_whitespace().last();
    // a mark right before the name («мастер, Игорь…») makes it an address again
    if let Some(b) = before.filter(|b| b.chars().last().is_some_and(char::is_alphanumeric)) {
        if RU_ROLE_WORDS.contains(&clean(b).as_str()) {
            return true;
        }
    }
    if ru_after_place_word(&text[..m.start]) {
        return true;
    }
    let after = text.get(m.end..).unwrap_or_default();
    let next = after.split_whitespace().next().filter(|_| after.starts_with(' '));
    let name_word = RU_NAME_WORDS.iter().any(|w| lower.replace('ё', "е").starts_with(w));
    if !name_word {
        return false;
    }
    // In punctuated text an address stands apart («Вера, …», «Вера
    // Николаевна, …»); a lower-case word right after it makes it the noun
    // («Вера в успех у нас есть»).
    let punctuated = text.chars().any(char::is_uppercase);
    next.is_some_and(|n| {
        RU_WORD_AFTER.contains(&clean(n).as_str())
            || (punctuated && n.chars().next().is_some_and(char::is_lowercase))
    })
}

/// Whether the text before a name ends with a place word («на улицу
/// Марины Цветаевой», «проспект Мира»): the name is part of a place name.
fn ru_after_place_word(before: &str) -> bool {
    before
        .split_whitespace()
        .last()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .is_some_and(|w| RU_PLACE_WORDS.contains(&w.as_str()))
}

/// Whether match `m` of utterance `i` is no address of the client: the
/// operator's own name in their self-introduction, or a name said as a
/// common word or of someone else.
fn not_an_address(v: &CallView, i: usize, c: &NameUsage, m: &Match) -> bool {
    in_own_intro(v, i, &c.own_intro, m)
        || (v.lang == Lang::En && super::names_en::not_an_address(&v.utts()[i].text, m.start, m.end))
        || (v.lang == Lang::Ru
            && (ru_name_as_word(&v.utts()[i].text, m) || ru_not_an_address(&v.utts()[i].text, m)))
}

/// The name the client gave, from its token `tok`: in text with capitals
/// also the capitalised words right after it with no mark between, up to
/// three in all («Кравец Геннадий Павлович» — a surname first, so the
/// operator's «Геннадий Павлович» is the client's name; "Fiona Walsh").
fn given_name<'t>(text: &'t str, an: &callqa_text::Analyzed, tok: usize) -> &'t str {
    const NAME_WORDS: usize = 3;
    let first = an.token(tok);
    let mut end = first.end;
    if text.chars().any(char::is_lowercase) && text.chars().any(char::is_uppercase) {
        for t in (tok + 1..an.len()).take(NAME_WORDS - 1) {
            let next = an.token(t);
            let gap = text.get(end..next.start).unwrap_or_default();
            let word = text.get(next.start..next.end).unwrap_or_default();
            if !gap.chars().all(char::is_whitespace)
                || !word.chars().next().is_some_and(char::is_uppercase)
            {
                break;
            }
            end = next.end;
        }
    }
    text.get(first.start..end).unwrap_or_default()
}

fn name_usage(v: &CallView, c: &NameUsage) -> Decision {
    let (address, intro) = (&c.address, &c.intro);
    if !v.complete {
        return Decision::Pending;
    }
    let utts = v.utts();
    let operator = |i: &usize| utts[*i].speaker == Party::Operator;
    if let Some(name) = name_known(v) {
        for i in (0..utts.len()).filter(operator) {
            let mut found = v.matches(i, address, false);
            if let Some(m) = found.find(|m| !not_an_address(v, i, c, m)) {
                return Decision::Pass(vec![v.quote(i, m)]);
            }
        }
        return fail(m!(v.out(), Msg::NeverUsedName, name = name), Vec::new());
    }
    let Some((at, tok, ev)) = client_intro(v, intro).or_else(|| answered_name(v, &c.ask)) else {
        return na(m!(v.out(), Msg::ClientNameUnknown));
    };
    let name = match v.lang {
        // "My name's Margaret Wilson": the surname belongs to the name
        Lang::En => {
            let (start, end) =
                super::names_en::intro_name_span(&utts[at].text, &v.an[at].analyzed, tok);
            &utts[at].text[start..end]
        }
        Lang::Hy => super::intro_hy::given_name(&v.an[at].analyzed, &utts[at].text, tok),
        _ => given_name(&utts[at].text, &v.an[at].analyzed, tok),
    };
    // The name as the client gave it, in every form the record's name
    // would match (case forms, short forms, other scripts).
    let book = v.std.book(v.lang);
    let mut slots = Slots::new();
    slots.set_name(book.analyzer(), "client_name", name);
    for i in (at + 1..utts.len()).filter(operator) {
        let found = book.find(&v.an[i].analyzed, &slots);
        if let Some(m) = found.iter().find(|m| {
            address.contains(m.set.0 as usize) && !not_an_address(v, i, c, m)
        }) {
            return Decision::Pass(vec![v.quote(i, m)]);
        }
    }
    fail(
        m!(
            v.out(),
            Msg::IntroducedNameUnused,
            name = name,
            at = clock(ev.start)
        ),
        vec![ev],
    )
}

#[cfg(test)]
mod tests {
    use super::ru_after_place_word;

    #[test]
    fn a_name_after_a_place_word_is_part_of_a_place_name() {
        let cases = [
            ("Доставка будет на улицу ", true),
            ("Мы на проспекте ", true),
            ("это переулок ", true),
            ("на ул. ", true),
            ("Библиотека имени ", true),
            ("Спасибо, ", false),
            ("Скажите, ", false),
            ("", false),
            ("улица Мира, ", false),
        ];
        for (before, want) in cases {
            assert_eq!(ru_after_place_word(before), want, "{before:?}");
        }
    }
}
