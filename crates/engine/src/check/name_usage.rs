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

/// Whether match `m` of utterance `i` is no address of the client: the
/// operator's own name in their self-introduction, or a name said as a
/// common word.
fn not_an_address(v: &CallView, i: usize, c: &NameUsage, m: &Match) -> bool {
    in_own_intro(v, i, &c.own_intro, m)
        || (v.lang == Lang::Ru && ru_name_as_word(&v.utts()[i].text, m))
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
    let token = v.an[at].analyzed.token(tok);
    let (start, end) = match v.lang {
        // "My name's Margaret Wilson": the surname belongs to the name
        Lang::En => super::names_en::intro_name_span(&utts[at].text, &v.an[at].analyzed, tok),
        _ => (token.start, token.end),
    };
    let name = &utts[at].text[start..end];
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
