//! Helpers that several check types share: the common `n/a` reasons of
//! phrase checks, event times and their names, the client's
//! self-introduction, the profanity protocol, and the signals an importer
//! may mark unknown.

use callqa_model::{Call, EventKind, Evidence, Lang, Party};
use callqa_text::{Analyzed, Match};
use time::OffsetDateTime;

use super::{na, Decision};
use crate::context::{clock, CallView};
use crate::messages::{self as msg, m, Msg};
use crate::standard::{model_language, EventSel, SetMask, SpeakerSel, Window};

/// Importers tag what their source cannot tell (`import.hold = "unknown"`
/// for Asterisk CDRs, holds known only as a total); a check about holds is
/// `n/a` rather than passing on a guess.
pub(super) fn hold_unknown(call: &Call, event: EventSel, lang: Lang) -> Option<String> {
    if !matches!(
        event,
        EventSel::Hold | EventSel::HoldStart | EventSel::HoldEnd
    ) {
        return None;
    }
    match call.tags.get("import.hold").map(String::as_str) {
        Some("unknown") => Some(m!(lang, Msg::HoldUnknown)),
        Some(h) if h.starts_with("total only") => Some(m!(lang, Msg::HoldTotalOnly, tag = h)),
        _ => None,
    }
}

/// `import.hangup_by = "unknown"`: the source does not say who hung up.
pub(super) fn hangup_unknown(call: &Call, lang: Lang) -> Option<String> {
    (call.tags.get("import.hangup_by").map(String::as_str) == Some("unknown"))
        .then(|| m!(lang, Msg::HangupUnknown))
}

/// Shared n/a reasons of phrase checks: no transcript, no phrases in this
/// language, the speaker never spoke.
pub(super) fn precheck(v: &CallView, sets: &SetMask, speaker: SpeakerSel) -> Option<Decision> {
    let lang = v.out();
    if !v.mask_usable(sets) {
        return Some(no_phrases(v, sets));
    }
    if let Some(missing) = v.missing_value(sets) {
        return Some(na(match missing {
            "company" => m!(lang, Msg::CompanyUnknown),
            "client_name" => m!(lang, Msg::ClientNameUnknown),
            other => m!(lang, Msg::NoValue, key = format!("{{{other}}}")),
        }));
    }
    if !v.utts().iter().any(|u| speaker.accepts(u.speaker)) {
        // Live, a speaker who has not spoken yet may never speak: the
        // verdict on the whole call is then this n/a, not a pass or a fail
        // of a window that closed in silence.
        if !v.complete {
            return Some(Decision::Pending);
        }
        return Some(na(m!(
            lang,
            Msg::NoSpeechFrom,
            whose = msg::speaker_of(lang, speaker)
        )));
    }
    None
}

/// Windows whose content only grows as the call goes on, so a violation
/// seen early stays a violation.
pub(super) fn grows_only(window: &Window) -> bool {
    matches!(
        window,
        Window::Call
            | Window::Opening
            | Window::FirstTurns(_)
            | Window::FirstSecs(_)
            | Window::After(_)
    )
}

/// Local hour with minutes as a fraction, from `started_at` + `offset` s.
pub(super) fn local_hour(start: OffsetDateTime, offset: f64) -> f64 {
    let t = start + time::Duration::seconds_f64(offset.clamp(0.0, 1e7));
    t.hour() as f64 + t.minute() as f64 / 60.0
}

pub(crate) fn event_matches(kind: &EventKind, sel: EventSel) -> bool {
    matches!(
        (kind, sel),
        (EventKind::Answer, EventSel::Answer)
            | (EventKind::HoldStart, EventSel::HoldStart | EventSel::Hold)
            | (EventKind::HoldEnd, EventSel::HoldEnd)
            | (EventKind::Transfer { .. }, EventSel::Transfer)
            | (EventKind::Hangup { .. }, EventSel::Hangup)
            | (EventKind::Drop, EventSel::Drop)
    )
}

pub(super) fn times(v: &CallView, sel: EventSel) -> Vec<f64> {
    v.call
        .events
        .iter()
        .filter(|e| event_matches(&e.kind, sel))
        .map(|e| e.at)
        .collect()
}

/// `n/a`: the standard has no phrases of the sets in the call's language.
pub(super) fn no_phrases(v: &CallView, sets: &SetMask) -> Decision {
    let lang = v.out();
    na(m!(
        lang,
        Msg::NoPhrasesInLang,
        lang = v.lang.as_str(),
        sets = sets.label_in(lang)
    ))
}

/// The fact «удержание в 3:21» / "hold at 3:21".
pub(super) fn event_evidence(lang: Lang, what: &str, at: f64) -> Evidence {
    Evidence::fact(at, at, m!(lang, Msg::EventAt, event = what, at = clock(at)))
}

/// `n/a`: no such event on the call.
pub(super) fn no_event(lang: Lang, sel: EventSel) -> Decision {
    na(m!(
        lang,
        Msg::NoEvent,
        event = msg::event(lang, sel),
        event_rel = msg::event_rel(lang, sel)
    ))
}

/// The times of the events a phrase check is about, or why the check does
/// not run: no such event (yet), or no phrases in the call's language.
pub(super) fn event_times(
    v: &CallView,
    sel: EventSel,
    sets: &SetMask,
) -> Result<Vec<f64>, Decision> {
    let at = times(v, sel);
    if at.is_empty() {
        return Err(if v.complete {
            no_event(v.out(), sel)
        } else {
            Decision::Pending
        });
    }
    if !v.mask_usable(sets) {
        return Err(no_phrases(v, sets));
    }
    Ok(at)
}

/// The client's self-introduction: the utterance and the name token (the
/// word the entry's `{any}` stood for: «Иван» in «меня зовут Иван», «Михаил»
/// in «меня Михаил зовут», «Павел» in «это Павел беспокоит»; in Armenian the
/// word before the copula of «Կարենն եմ», see `intro_hy`).
pub(super) fn client_intro(v: &CallView, intro: &SetMask) -> Option<(usize, usize, Evidence)> {
    if intro.names.is_empty() {
        return None;
    }
    (0..v.utts().len())
        .filter(|&i| v.utts()[i].speaker == Party::Client)
        .find_map(|i| {
            let (an, text) = (&v.an[i].analyzed, &v.utts()[i].text);
            v.matches(i, intro, true).find_map(|m| {
                // the language of the entry: «меня зовут Ольга» in an
                // Armenian call is read as Russian
                let lang = model_language(m.lang);
                let book = v.std.book(lang);
                let tok = match lang {
                    // "This is Sam speaking": the name is not the last word
                    Lang::En => Some(super::names_en::intro_name_token(
                        an,
                        m.first_token,
                        m.end_token,
                    )),
                    Lang::Hy => super::intro_hy::intro_name_token(an, text, m),
                    _ => named_token(an, text, lang, m, book.entry_text(m)),
                }?;
                Some((i, tok, v.quote(i, m)))
            })
        })
}

/// The `{any}` word of match `m` of `entry` (see [`intro_name_token`]),
/// `None` when Russian text with capitals has it in lower case: «это меня
/// очень беспокоит» names nobody.
fn named_token(an: &Analyzed, text: &str, lang: Lang, m: &Match, entry: &str) -> Option<usize> {
    let tok = intro_name_token(an, m, entry);
    let t = an.token(tok);
    let word = text.get(t.start..t.end).unwrap_or_default();
    let capitals = lang == Lang::Ru && text.chars().any(char::is_uppercase);
    (!capitals || word.chars().next().is_some_and(char::is_uppercase)).then_some(tok)
}

/// The token of match `m` that the entry's `{any}` stood for: the first
/// matched word that is no word of the entry itself («меня», «зовут»,
/// "speaking"); the last matched word when every word is one of the
/// entry's (an entry that ends in `{any}` and repeats a word).
fn intro_name_token(an: &Analyzed, m: &Match, entry: &str) -> usize {
    // compared by their letters only: "it's", "name's", «моё»
    let letters = |w: &str| -> String {
        w.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .map(|c| if c == 'ё' { 'е' } else { c })
            .collect()
    };
    let own: Vec<String> = entry
        .split(|c: char| c.is_whitespace() || "()[]|=…^$?+:".contains(c))
        .filter(|w| !w.is_empty() && !w.starts_with('{'))
        .map(letters)
        .collect();
    (m.first_token..m.end_token)
        .find(|&t| {
            let norm = letters(an.token(t).norm);
            !own.contains(&norm)
        })
        .unwrap_or(m.end_token.saturating_sub(1))
}

/// Words a client says before the name itself in a short answer to the
/// operator's question («это Марина», "it's Tom Bradly", «Նարեկ եմ»).
const ANSWER_LEAD: &[&str] = &[
    "sorry",
    "no",
    "нет",
    "извините",
    "it's",
    "its",
    "it",
    "is",
    "this",
    "i'm",
    "im",
    "i",
    "am",
    "my",
    "name",
    "name's",
    "names",
    "yes",
    "yeah",
    "yep",
    "sure",
    "oh",
    "um",
    "uh",
    "er",
    "hi",
    "hello",
    "so",
    "okay",
    "ok",
    "the",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "это",
    "я",
    "меня",
    "зовут",
    "моё",
    "мое",
    "имя",
    "да",
    "ну",
    "а",
    "э",
    "так",
    "фамилия",
    "моя",
    "այո",
    "հա",
    "ես",
    "իմ",
    "անունս",
    "անունը",
];

/// Words that begin an answer which is no name («конечно», "why", «ինչու»).
const NOT_A_NAME: &[&str] = &[
    "конечно",
    "хорошо",
    "ладно",
    "сейчас",
    "минуту",
    "секунду",
    "подождите",
    "почему",
    "не",
    "какая",
    "какой",
    "какое",
    "какие",
    "кто",
    "что",
    "чего",
    "вам",
    "вы",
    "зачем",
    "неважно",
    "никак",
    "обойдётесь",
    "обойдетесь",
    "what",
    "why",
    "wait",
    "hold",
    "fine",
    "just",
    "one",
    "not",
    "ինչ",
    "ինչու",
    "լավ",
    "հիմա",
    "չէ",
    "ոչ",
];

/// The client's name given as the answer to the operator's question for it:
/// the client's next turn after an operator utterance matching `ask`, a
/// short one (a first sentence of at most `ANSWER_WORDS` words, «Марина.»,
/// "It's Fiona Walsh.") whose first word after [`ANSWER_LEAD`] is taken as
/// the name (capitalised, when the text has capitals); as
/// [`client_intro`] gives it (utterance, token, evidence).
pub(super) fn answered_name(v: &CallView, ask: &SetMask) -> Option<(usize, usize, Evidence)> {
    const ANSWER_WORDS: usize = 5;
    if ask.names.is_empty() {
        return None;
    }
    let utts = v.utts();
    let asked = (0..utts.len())
        .filter(|&i| utts[i].speaker == Party::Operator)
        .find(|&i| v.matches(i, ask, true).next().is_some())?;
    let reply = (asked + 1..utts.len()).find(|&j| utts[j].speaker == Party::Client)?;
    let an = &v.an[reply].analyzed;
    let u = &utts[reply];
    // The first sentence or clause of the answer ("It's Darnell Brooks. I'm
    // the account holder."); in a text with capitals the name has one.
    let cut = u
        .text
        .find(['.', '!', '?', ',', '։'])
        .unwrap_or(u.text.len());
    let words = an.tokens().take_while(|t| t.end <= cut).count();
    // A question back («Ի՞նչ տարբերություն», "Why?") gives no name.
    let question = u.text[..cut].contains('՞') || u.text[cut..].starts_with('?');
    if words == 0 || question {
        return None;
    }
    let capitals = u.text.chars().any(char::is_uppercase);
    let mut tok = an
        .tokens()
        .take(words.min(ANSWER_WORDS))
        .position(|t| !ANSWER_LEAD.contains(&t.norm) && t.norm.chars().all(char::is_alphabetic))?;
    // A longer answer is a name only when a Russian name and patronymic
    // open it («валентина петровна улица мира дом четырнадцать»: a
    // recogniser's text with no marks) or come in it after what else was
    // asked («лицевой счёт ноль два сорок семь петрова наталья игоревна»).
    let named = v.lang == Lang::Ru
        && tok + 1 < an.len()
        && callqa_text::is_patronymic(an.token(tok + 1).norm);
    if words > ANSWER_WORDS && !named {
        tok = ru_name_with_patronymic(v.lang, an)?;
    }
    let t = an.token(tok);
    let word = &u.text[t.start..t.end];
    if NOT_A_NAME.contains(&t.norm) {
        return None;
    }
    if capitals && !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let ev = Evidence::quote(u.speaker, u.start, u.end, &u.text[t.start..]);
    Some((reply, tok, ev))
}

/// In a Russian answer, the first word of its first 20 followed by a
/// patronymic («… петрова наталья игоревна» gives «наталья»).
fn ru_name_with_patronymic(lang: Lang, an: &Analyzed) -> Option<usize> {
    const REACH: usize = 20;
    if lang != Lang::Ru {
        return None;
    }
    (0..an.len().min(REACH).saturating_sub(1)).find(|&k| {
        an.token(k).norm.chars().all(char::is_alphabetic)
            && callqa_text::is_patronymic(an.token(k + 1).norm)
    })
}

/// The client's name from the record (a caller-ID placeholder is none).
pub(super) fn name_known<'a>(v: &CallView<'a>) -> Option<&'a str> {
    crate::context::client_name(v.call)
}

/// `import.missing_channel`: the importer found only one party's channel.
/// A check of how the two parties take turns (silences, interruptions)
/// cannot be judged on one side alone.
pub(super) fn missing_channel(call: &Call, lang: Lang) -> Option<String> {
    call.tags
        .get("import.missing_channel")
        .map(|c| m!(lang, Msg::MissingChannel, tag = c))
}

/// `n/a` when a complete call has speech of one party only (its channel
/// or its speech is missing), as [`missing_channel`] says for a tag.
pub(super) fn one_sided(v: &CallView) -> Option<Decision> {
    if !v.complete || v.utts().is_empty() {
        return None;
    }
    [Party::Client, Party::Operator]
        .into_iter()
        .find(|&p| v.silent(p))
        .map(|p| na(m!(v.out(), Msg::OneSided, whose = msg::whose(v.out(), p))))
}

/// Whether the operator warned the client about profanity and the client
/// swore again after the warning; the evidence of both on success, or why
/// not.
pub(super) fn protocol_followed(
    v: &CallView,
    profanity: &SetMask,
    warning: &SetMask,
) -> Result<Vec<Evidence>, String> {
    let utts = v.utts();
    let swore: Vec<(usize, Evidence)> = (0..utts.len())
        .filter(|&i| utts[i].speaker == Party::Client)
        .filter_map(|i| {
            v.matches(i, profanity, false)
                .next()
                .map(|m| (i, v.quote(i, m)))
        })
        .collect();
    let lang = v.out();
    let Some((first, _)) = swore.first() else {
        return Err(m!(lang, Msg::NoProfanity));
    };
    let warn = (*first..utts.len())
        .filter(|&i| utts[i].speaker == Party::Operator)
        .find_map(|i| {
            v.matches(i, warning, false)
                .next()
                .map(|m| (i, v.quote(i, m)))
        });
    let Some((wi, wev)) = warn else {
        return Err(m!(lang, Msg::SworeNoWarning, at = clock(swore[0].1.start)));
    };
    match swore.iter().find(|(i, _)| *i > wi) {
        Some((_, again)) => Ok(vec![swore[0].1.clone(), wev, again.clone()]),
        None => Err(m!(
            lang,
            Msg::WarnedNoRepeat,
            at = clock(wev.start),
            quote = wev.quote
        )),
    }
}

/// Whether a window can close while the call goes on (so time passing,
/// not only a new match, can settle a check over it).
pub(super) fn window_closes(window: &Window) -> bool {
    matches!(
        window,
        Window::Opening | Window::FirstTurns(_) | Window::FirstSecs(_)
    )
}

/// Whether the pushed utterance has a match of the sets from the speaker.
/// Events always count as affecting: they are few.
pub(super) fn pushed_match(
    v: &CallView,
    pushed: super::Pushed,
    sets: &SetMask,
    speaker: SpeakerSel,
) -> bool {
    match pushed {
        super::Pushed::Event => true,
        super::Pushed::Utterance(i) => {
            i < v.an.len()
                && speaker.accepts(v.utts()[i].speaker)
                && v.matches(i, sets, false).next().is_some()
        }
    }
}

#[cfg(test)]
mod tests {
    use callqa_model::Lang;
    use callqa_text::{Analyzer, Language};

    use super::ru_name_with_patronymic;

    #[test]
    fn a_russian_name_with_its_patronymic_is_found_later_in_an_answer() {
        let cases = [
            (
                "лицевой счёт ноль два сорок семь петрова наталья игоревна",
                Some("наталья"),
            ),
            ("Счёт 0247891, Петрова Наталья Игоревна.", Some("наталья")),
            ("валентина петровна улица мира", Some("валентина")),
            ("лицевой счёт ноль два сорок семь восемьсот", None),
            ("улица мира дом четырнадцать квартира два", None),
        ];
        let analyzer = Analyzer::new(Language::Ru);
        for (text, want) in cases {
            let an = analyzer.analyze(text);
            let got = ru_name_with_patronymic(Lang::Ru, &an).map(|k| an.token(k).norm);
            assert_eq!(got, want, "{text}");
        }
        let an = analyzer.analyze("петрова наталья игоревна");
        assert_eq!(ru_name_with_patronymic(Lang::En, &an), None);
    }
}
