//! Negation words per language, and where they do not negate.
//!
//! Owns the lists that decide whether a normalised word negates what follows
//! («не», "don't", «չեմ»), the fixed negative forms that are requests or
//! questions with a positive meaning («не отключайтесь», «не могли бы вы»,
//! "don't go anywhere", «մի րոպե») and the negated modals that negate what
//! came before them («перезвонить вам не получится»). Deciding whether a
//! match is negated (the clause-scoped windows) is done in `find.rs`.

use crate::{Analyzed, Language};

/// Fixed forms, as word prefixes of normalised words, whose negation word
/// does not negate: requests, polite questions and set phrases.
const RU_FIXED: &[&[&str]] = &[
    &["не", "отключа"],
    &["не", "клад"],
    &["не", "веша"],
    &["не", "бросай"],
    &["не", "уход"],
    &["не", "прерыва"],
    &["не", "переживай"],
    &["не", "беспоко"],
    &["не", "волну"],
    &["не", "торопит"],
    &["не", "спеши"],
    &["не", "за", "что"],
    &["не", "могли", "бы"],
    &["не", "могли", "ли"],
    &["не", "могла", "бы"],
    &["не", "мог", "бы"],
    &["не", "подскаж"],
    &["не", "против"],
    &["не", "возража"],
    &["не", "хотите"],
    &["не", "желаете"],
    &["не", "сложно"],
    &["не", "трудно"],
    &["не", "затрудн"],
    &["не", "откаж"],
    &["не", "забуд"],
    &["нет", "проблем"],
    // «нова нет меня зовут юлия»: a company name «НоваНет» split by a
    // recogniser, or a «нет,» answering the client; never a negated intro
    &["нет", "меня", "зовут"],
    &["не", "проблема"],
    // «Не осталось ли у вас вопросов?», «не нужно ли ещё чего-нибудь?»: a
    // polite question with «не … ли», no negation
    &["не", "остал", "ли"],
    &["не", "нужн", "ли"],
    &["ни", "в", "коем"],
];

const EN_FIXED: &[&[&str]] = &[
    &["dont", "go", "anywhere"],
    &["dont", "go", "away"],
    &["dont", "hang"],
    &["dont", "disconnect"],
    &["dont", "worry"],
    &["dont", "mind"],
    &["wouldnt", "mind"],
    &["not", "a", "problem"],
    &["no", "problem"],
    &["no", "worries"],
    &["no", "rush"],
    &["no", "bother"],
    &["no", "trouble"],
    &["no", "probs"],
    &["no", "hassle"],
    &["not", "a", "bother"],
    &["why", "dont"],
    &["couldnt", "you"],
    &["wouldnt", "you"],
    &["not", "at", "all"],
    &["never", "mind"],
];

const HY_FIXED: &[&[&str]] = &[
    &["չանջատ"],
    &["մի", "անջատ"],
    &["մի", "անհանգստ"],
    &["մի", "շտապ"],
    &["դեմ", "չեք"],
    &["դեմ", "չէք"],
    &["չեք", "առարկ"],
    &["չէիք", "սպաս"],
    &["մի", "րոպե"],
    &["մի", "վայրկյան"],
    &["մի", "քիչ"],
    &["մի", "պահ"],
    &["մի", "հարց"],
    &["մի", "փոքր"],
    &["մի", "քանի"],
    &["մի", "բան"],
    &["մի", "կողմ"],
    &["մի", "անգամ"],
    // «մի» as "one, a" before a time or a number («մի ժամից կզանգեմ»)
    &["մի", "ժամ"],
    &["մի", "օր"],
    &["մի", "շաբաթ"],
    &["մի", "ամս"],
    &["մի", "ամիս"],
    &["մի", "տարի"],
    &["մի", "կես"],
    &["մի", "երկու"],
    &["մի", "երեք"],
    &["մի", "հինգ"],
    &["մի", "տաս"],
    &["մի", "հատ"],
    &["մի", "ուրիշ"],
    &["մի", "այլ"],
    &["մի", "նոր"],
    &["խնդիր", "չկա"],
    &["ոչինչ"],
];

/// Endings of the Armenian verb forms «մի» forbids («մի զանգեք», «մի գնա»,
/// «մի խոսիր», «մի սովորեցրու»). Before any other word «մի» is "a, one"
/// («մի առաջարկով», «մի նամակ կուղարկենք»).
const HY_PROHIBITIVE_ENDINGS: &[&str] = &["եք", "էք", "աք", "իք", "իր", "ա", "ի", "ու"];

fn hy_prohibitive(next: &str) -> bool {
    HY_PROHIBITIVE_ENDINGS.iter().any(|e| next.ends_with(e))
}

/// Modals that, negated right after a phrase, negate it: the negation word
/// followed by one of these (prefixes of normalised words).
const RU_MODALS: &[&str] = &[
    "получ",
    "смог",
    "сможе",
    "удаст",
    "выйдет",
    "мог",
    "може",
    "нужн",
    "надо",
];
const EN_MODALS: &[&str] = &["possible", "able", "work"];
// «չի ստացվի» (will not work out), not «չի ստացվել» (was not received)
const HY_MODALS: &[&str] = &["կարող", "ստացվի", "ստացվում", "լինի"];
/// Single words after a phrase that negate it («… невозможно»).
const RU_AFTER: &[&str] = &["невозможно", "нельзя"];
const EN_AFTER: &[&str] = &["impossible", "unable"];
const HY_AFTER: &[&str] = &["անհնար"];

/// Words before a negation word that it negates together with the phrase
/// before them («շնորհակալություն պետք չէ», "thanks is not needed").
const HY_PRE: &[&str] = &["պետք", "հնարավոր", "կարիք"];
const EN_PRE: &[&str] = &["need", "necessary"];

/// Contrastive conjunctions: a negation before one does not reach past it
/// («Тигран сегодня нет, но я помогу»).
const BUT: &[&str] = &[
    "но",
    "однако",
    "зато",
    "but",
    "however",
    "բայց",
    "սակայն",
    "իսկ",
];

/// Russian subject pronouns: «нет» before one is the answer "no" or the
/// predicate "is absent" («Светланы Игоревны нет, она в отпуске», «нет, я
/// помогу»), a clause of its own, not a negation of the words after.
const RU_SUBJECT: &[&str] = &["я", "ты", "он", "она", "оно", "мы", "вы", "они"];

/// Armenian negated auxiliaries: with a perfect participle after them
/// they are one negated verb («կապ չի ունեցել»).
const HY_NEG_AUX: &[&str] = &[
    "չեմ",
    "չես",
    "չի",
    "չենք",
    "չեք",
    "չեն",
    "չէի",
    "չէիր",
    "չէր",
    "չէինք",
    "չէիք",
    "չէին",
];

/// Roots of Armenian modals and verbs of trying: negated, they still
/// negate the verb after them («չեմ կարողացել օգնել»).
const HY_MODAL_ROOTS: &[&str] = &["կարող", "ուզ", "ցանկաց", "հաջողվ", "հասց", "փորձ", "որոշ"];

/// Whether a negation word `neg` no longer reaches a phrase once the
/// normalised word `between` stands between them («нет» … «она»; an
/// Armenian «չի ունեցել» negates «ունեցել», not «պետք է …» after it in
/// a recogniser's text without commas).
pub(crate) fn scope_ends_at(lang: Language, neg: &str, between: &str) -> bool {
    match lang {
        Language::Ru => (neg == "нет" || neg == "нету") && RU_SUBJECT.contains(&between),
        Language::Hy => {
            HY_NEG_AUX.contains(&neg)
                && between.chars().count() >= 4
                && between.ends_with("ել")
                && !HY_MODAL_ROOTS.iter().any(|r| between.starts_with(r))
        }
        Language::En => false,
    }
}

/// Whether the normalised word is a contrastive conjunction.
pub(crate) fn is_contrast(norm: &str) -> bool {
    BUT.contains(&norm)
}

/// Russian words that open a clause of their own even where a recogniser
/// wrote no comma before them: a negation before one does not reach past
/// it («кристина сегодня не работает давайте я помогу»).
const RU_OPENERS: &[&str] = &["давайте", "давай"];

/// Whether the normalised word opens a new clause in `lang`.
pub(crate) fn opens_clause(lang: Language, norm: &str) -> bool {
    lang == Language::Ru && RU_OPENERS.contains(&norm)
}

/// Whether negation token `k` of `text` belongs to a fixed form with a
/// positive meaning.
pub(crate) fn is_fixed_form(lang: Language, text: &Analyzed, k: usize) -> bool {
    let forms = match lang {
        Language::Ru => RU_FIXED,
        Language::En => EN_FIXED,
        Language::Hy => HY_FIXED,
    };
    let word = text.norm(k);
    if lang == Language::Hy
        && word == "մի"
        && k + 1 < text.len()
        && !hy_prohibitive(text.norm(k + 1))
    {
        return true;
    }
    for form in forms {
        for (j, head) in form.iter().enumerate() {
            if j > k || !word.starts_with(head) {
                continue;
            }
            let start = k - j;
            if start + form.len() <= text.len()
                && form
                    .iter()
                    .enumerate()
                    .all(|(i, w)| text.norm(start + i).starts_with(w))
            {
                return true;
            }
        }
    }
    false
}

/// Whether token `k` (after a phrase, in its clause) negates the phrase: a
/// negation word before a modal («не получится», "not possible", «չեմ
/// կարող»), or a word like «невозможно».
pub(crate) fn negates_after(lang: Language, text: &Analyzed, k: usize) -> bool {
    let (modals, after) = match lang {
        Language::Ru => (RU_MODALS, RU_AFTER),
        Language::En => (EN_MODALS, EN_AFTER),
        Language::Hy => (HY_MODALS, HY_AFTER),
    };
    let word = text.norm(k);
    if after.iter().any(|w| word.starts_with(w)) {
        return true;
    }
    if !text.tokens[k].negation || is_fixed_form(lang, text, k) {
        return false;
    }
    let pre = match lang {
        Language::Hy => HY_PRE,
        Language::En => EN_PRE,
        Language::Ru => &[],
    };
    if k > 0 && pre.iter().any(|w| text.norm(k - 1).starts_with(w)) {
        return true;
    }
    // «չի ստացվի»: the Armenian negated auxiliary, and the modal after it.
    let next = (k + 1 < text.len()).then(|| text.norm(k + 1));
    let skip = (k + 2 < text.len()).then(|| text.norm(k + 2));
    next.into_iter()
        .chain(skip.filter(|_| lang == Language::En))
        .any(|w| modals.iter().any(|m| w.starts_with(m)))
}

const RU: &[&str] = &["не", "ни", "нет"];

// Normalised forms: apostrophes are dropped by normalisation.
const EN: &[&str] = &[
    "not", "no", "never", "dont", "cant", "cannot", "wont", "doesnt", "didnt", "isnt", "couldnt",
    "arent", "wasnt", "werent", "shouldnt", "wouldnt", "havent", "hasnt", "nt",
];

const HY_WORDS: &[&str] = &["ոչ", "մի"];

// Words starting with «չ» that are not negated verb forms.
const HY_NOT_NEGATION: &[&str] = &["չորս", "չափ", "չար", "չոր", "չամիչ", "չափազանց"];

/// A negative participle said as an adjective («չպարզաբանված հարց», an
/// unclarified question; «չլուծված խնդիր»): it describes a noun and does
/// not negate the phrase around it («Մնացե՞լ է որևէ չպարզաբանված հարց»
/// asks whether anything is left).
fn hy_negative_participle(norm: &str) -> bool {
    norm.chars().count() >= 6 && norm.ends_with("ված")
}

/// Whether the normalised word `norm` is a negation word in `lang`.
pub(crate) fn is_negation(lang: Language, norm: &str) -> bool {
    match lang {
        Language::Ru => RU.contains(&norm),
        Language::En => EN.contains(&norm),
        Language::Hy => {
            HY_WORDS.contains(&norm)
                || (norm.starts_with('չ')
                    && norm.chars().count() >= 2
                    && !HY_NOT_NEGATION.iter().any(|w| norm.starts_with(w))
                    && !hy_negative_participle(norm))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_forms_and_modals() {
        use crate::Analyzer;
        let cases = [
            (Language::Ru, "не отключайтесь пожалуйста", 0, true),
            (Language::Ru, "не могли бы вы подождать", 0, true),
            (Language::Ru, "я не могу вам помочь", 1, false),
            (Language::En, "please don't go anywhere", 1, true),
            (Language::En, "i don't know", 1, false),
            (Language::En, "no bother can you just hang on", 0, true),
            (Language::En, "no trouble at all", 0, true),
            (Language::En, "no one can help", 0, false),
            (Language::Hy, "մի րոպե սպասեք", 0, true),
            (Language::Hy, "մի զանգեք", 0, false),
            (Language::Hy, "մի ժամից կզանգեմ", 0, true),
            (Language::Hy, "զանգում եմ մի առաջարկով", 2, true),
            (Language::Hy, "մի գնա", 0, false),
            (Language::Hy, "մի խոսիր", 0, false),
            (Language::Hy, "մի երկու րոպե", 0, true),
        ];
        for (lang, text, k, fixed) in cases {
            let a = Analyzer::new(lang).analyze(text);
            assert_eq!(is_fixed_form(lang, &a, k), fixed, "{text}");
        }
        let after = [
            (Language::Ru, "перезвонить вам не получится", 2, true),
            (Language::Ru, "перезвонить вам невозможно", 2, true),
            (Language::Ru, "перезвоню вам не позже пяти", 2, false),
            (Language::En, "a call back is not possible", 4, true),
            (Language::Hy, "հետ զանգել չեմ կարող", 2, true),
        ];
        for (lang, text, k, negates) in after {
            let a = Analyzer::new(lang).analyze(text);
            assert_eq!(negates_after(lang, &a, k), negates, "{text}");
        }
    }

    #[test]
    fn armenian_negated_perfect_ends_the_scope() {
        let cases = [
            ("չի", "ունեցել", true),
            ("չեմ", "ստացել", true),
            ("չեն", "զանգել", true),
            ("չեմ", "կարողացել", false),
            ("չեմ", "ուզեցել", false),
            ("չեմ", "փորձել", false),
            ("չեմ", "կարող", false),
            ("չեմ", "ուզում", false),
            ("մի", "զանգել", false),
            ("ոչ", "ունեցել", false),
        ];
        for (neg, between, want) in cases {
            assert_eq!(
                scope_ends_at(Language::Hy, neg, between),
                want,
                "{neg} {between}"
            );
        }
        assert!(!scope_ends_at(Language::Ru, "не", "получил"));
    }

    #[test]
    fn table() {
        let cases = [
            (Language::Ru, "не", true),
            (Language::Ru, "нет", true),
            (Language::Ru, "ни", true),
            (Language::Ru, "нам", false),
            (Language::En, "dont", true),
            (Language::En, "cannot", true),
            (Language::En, "now", false),
            (Language::Hy, "չեմ", true),
            (Language::Hy, "չենք", true),
            (Language::Hy, "չի", true),
            (Language::Hy, "չէ", true),
            (Language::Hy, "ոչ", true),
            (Language::Hy, "մի", true),
            (Language::Hy, "չորս", false),
            (Language::Hy, "չպարզաբանված", false),
            (Language::Hy, "չլուծված", false),
            (Language::Hy, "չեն", true),
            (Language::Hy, "կարող", false),
        ];
        for (lang, word, expected) in cases {
            assert_eq!(is_negation(lang, word), expected, "{word:?}");
        }
    }
}
