//! Per-call values of placeholders (`{company}`, `{operator_name}`, …).
//!
//! Owns [`Slots`]: the analysed alternatives of each placeholder, with the
//! person-name and company-name forms of [`Slots::set_name`] and
//! [`Slots::set_company`] (short forms, patronymics, other scripts, ASR
//! spellings; the tables are `names.rs`). Matching a placeholder inside a
//! phrase is `find.rs`. `{any}` is built in and never stored here.

use crate::company_en::en_company_forms;
use crate::company_hy::{
    hy_initials, hy_latin_acronyms_spelled, hy_latin_brand_forms, hy_numbers_spelled,
    HY_GENERIC_TAILS, HY_KIND_ADJECTIVES,
};
use crate::hash::word_tag;
use crate::names::ru_short_forms_of_latin;
use crate::names::{
    budget, clipped_forms, has_spelling_key, hy_ending_has_spelling_key, hy_english_reading,
    hy_has_ending, hy_letters_spelled, hy_strip_ending, is_patronymic, loose_key, loose_key_whole,
    other_forms, patronymic_root, ru_gender_form, ru_numbers_spelled, ru_other_gender,
    ru_without_legal_form, short_keys_differ, skeleton, skeleton_lead, spelling_key, within,
};
use crate::names_en::{
    calendar_word, family_name_first, heard_after_title, heard_forms, heard_surname, is_title,
    modal_before_subject, split_surname, verb_before, with_titles,
};
use crate::names_hy::hy_readings_of_latin;
use crate::names_ru::{
    ru_acronyms_spelled, ru_brand_without_kind, ru_english_reading, ru_latin_acronyms_read,
    ru_readings_of_latin, ru_umlauts_read,
};
use crate::{Analyzed, Analyzer, Language};

/// What one placeholder matches in one call.
#[derive(Clone, Debug)]
pub(crate) enum SlotValue {
    /// Any one word.
    Any,
    /// One of these word sequences (each non-empty).
    Variants(Box<Value>),
}

/// The forms one placeholder value matches.
#[derive(Clone, Debug, Default)]
pub(crate) struct Value {
    /// Word sequences compared word by word, longest first.
    pub(crate) words: Vec<Vec<SlotWord>>,
    /// The name's patronymic (its name key): a different patronymic right
    /// after the first name means another person.
    patronymic: Option<Box<str>>,
    /// A Russian first name of a masculine/feminine pair: the other one's
    /// nominative («евгения» for Евгений), which is another person: a
    /// code of [`ru_other_gender`] (one byte keeps the value small).
    other_gender: Option<u8>,
    /// Loose forms: (skeleton of the joined words, words) for company
    /// names (ASR spellings, split or joined words).
    joined: Vec<(String, usize)>,
    /// Person names: compare words by [`loose_key`] too (other scripts).
    loose_words: bool,
    /// An English first name of a full name: right after a form of address
    /// ("Mr Samuels") that word is someone's surname, not this name.
    en_first_name: Option<Box<SlotWord>>,
    /// An English surname of a full name (normalised): right after a form
    /// of address it also matches as a recogniser mishears it ("mr carta"
    /// for Carter, "miss okafur" for Okafor).
    en_surname: Option<Box<str>>,
    /// What a token must have to start any match (see [`Value::may_start`]).
    first: FirstWords,
}

/// The first words of a value's variants and joined forms, reduced to what
/// one token is checked against before the variants are tried: most tokens
/// of an utterance start no match, and are rejected here by a few integer
/// comparisons instead of each variant's name keys and skeletons.
#[derive(Clone, Debug, Default)]
struct FirstWords {
    /// One bit per stem tag and per name-key tag below (`tag % 64`): most
    /// tokens are rejected by one bit test instead of scanning the tags.
    stem_bits: u64,
    key_bits: u64,
    /// The same for `sounds` and `leads` (by [`char_bit`]).
    sound_bits: u64,
    lead_bits: u64,
    /// Stem tags of the first words (same stem).
    stems: Vec<u32>,
    /// Name-key tags of the first words and of their fleeting-vowel keys.
    keys: Vec<u32>,
    /// Armenian first words of 3 or more letters: a token that starts with
    /// one may be it with an article or case ending.
    hy_bases: Vec<Box<str>>,
    /// First letters of the spelling keys of loosely compared first words.
    sounds: Vec<Option<char>>,
    /// Skeleton leads of loosely compared first words and of the joined
    /// skeletons.
    leads: Vec<char>,
    /// The distinct first words of the variants, in variant order.
    words: Vec<SlotWord>,
}

impl std::ops::Deref for Value {
    type Target = [Vec<SlotWord>];
    fn deref(&self) -> &Self::Target {
        &self.words
    }
}

/// One word of a placeholder value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SlotWord {
    stem: Box<str>,
    key: Box<str>,
    norm: Box<str>,
    /// [`loose_key`] and [`loose_key_whole`] of the word.
    loose: Box<str>,
    loose_whole: Box<str>,
    /// The first skeleton letter: a token with another one is no loose match.
    lead: Option<char>,
    /// A Russian word with a fleeting vowel («ветер», «Павел»): its name key
    /// without it («ветр», «павл»), the key of its other case forms
    /// («Ветра», «Павла»).
    fleeting: Option<Box<str>>,
    /// A name written in the language's own script: its spelling key when
    /// it has 4 or more letters, so that ASR spellings of the same name
    /// match (Conor = Connor, Наталия = Наталья).
    sound: Option<Box<str>>,
    /// Tags of `stem` and `key` (as the analyzer stores them per token).
    tags: (u32, u32),
}

impl SlotWord {
    /// Whether token `i` of `text` is this word: the same stem, or the same
    /// name key («Иван»/«Ивана»/«Ивану»), or the word with an Armenian
    /// article or case ending («Լիլիթը»). The tags decide most tokens with
    /// one integer comparison each.
    #[inline]
    pub(crate) fn matches(&self, lang: Language, text: &Analyzed, i: usize) -> bool {
        let tags = text.tokens[i].tags;
        (tags.0 == self.tags.0 && *self.stem == *text.stem(i))
            || (tags.1 == self.tags.1 && *self.key == *name_key(lang, text.norm(i)))
            || self
                .fleeting
                .as_deref()
                .is_some_and(|key| key == name_key(lang, text.norm(i)))
            || (lang == Language::Hy
                && self.norm.chars().count() >= 3
                && hy_has_ending(text.norm(i), &self.norm))
    }

    /// Whether token `i` is this word in another script or spelling.
    fn matches_loosely(&self, text: &Analyzed, i: usize) -> bool {
        self.matches_loosely_keyed(text, i, &mut None)
    }

    /// [`SlotWord::matches_loosely`] with the token's loose keys computed
    /// at most once into `keys` (`None` until then), for checking one token
    /// against many words.
    fn matches_loosely_keyed(
        &self,
        text: &Analyzed,
        i: usize,
        keys: &mut Option<[String; 2]>,
    ) -> bool {
        let norm = text.norm(i);
        let leads = text.tokens[i].leads;
        if let Some(sound) = &self.sound {
            let Some(lead) = leads.spelling else {
                return false;
            };
            // Hot path (a token is checked against every first word whose
            // lead letter some first word shares): a spelling key starts
            // with the word's spelling lead, so another lead rules the
            // whole word out without walking its letters, and the word
            // without an Armenian ending too unless its lead can differ
            // (see `hy_lead_may_differ`).
            let same_lead = lead == sound.chars().next();
            return (same_lead && has_spelling_key(norm, sound))
                || ((same_lead || hy_lead_may_differ(norm))
                    && hy_ending_has_spelling_key(norm, sound));
        }
        if self.lead.is_none() || leads.skeleton != self.lead || norm.chars().nth(1).is_none() {
            return false;
        }
        let keys = keys.get_or_insert_with(|| [loose_key(norm), loose_key_whole(norm)]);
        keys.iter().any(|key| {
            [&self.loose, &self.loose_whole].iter().any(|own| {
                within(key, own, budget(key.len().max(own.len())))
                    && (key.len() > 2 || own.len() > 2 || !short_keys_differ(norm, &self.norm))
            })
        })
    }
}

impl Value {
    /// The number of tokens from `pos` this value covers, if it matches.
    ///
    /// Hot path: the `{company}` and name templates ask at every token, and
    /// most tokens fail [`Value::may_start`]; that test is inlined into the
    /// callers, the rest of the matching is not.
    #[inline(always)]
    pub(crate) fn at(&self, lang: Language, text: &Analyzed, pos: usize) -> Option<usize> {
        if pos >= text.len() || (self.en_surname.is_none() && !self.may_start(text, pos)) {
            return None;
        }
        self.at_token(lang, text, pos)
    }

    /// [`Value::at`] at a token of the text, past its quick rejection.
    #[inline(never)]
    fn at_token(&self, lang: Language, text: &Analyzed, pos: usize) -> Option<usize> {
        // "mr carta" for Carter: checked before `may_start`, which knows
        // only the letters the record's spellings start with
        if let Some(surname) = self.en_surname.as_deref() {
            if lang == Language::En
                && pos > 0
                && !text.clause_starts(pos)
                && is_title(text.norm(pos - 1))
                && heard_surname(text.norm(pos), surname)
            {
                return Some(1);
            }
        }
        if !self.may_start(text, pos) {
            return None;
        }
        if self.loose_words && lang == Language::En && pos > 0 && !text.clause_starts(pos) {
            let prev = text.norm(pos - 1);
            if verb_before(prev)
                || (is_title(prev)
                    && self
                        .en_first_name
                        .as_ref()
                        .is_some_and(|w| w.matches(lang, text, pos)))
            {
                return None;
            }
        }
        // "how may I help" to an operator May, "will you" to a client Will
        if self.loose_words
            && lang == Language::En
            && pos + 1 < text.len()
            && !text.clause_starts(pos + 1)
            && modal_before_subject(text.norm(pos), text.norm(pos + 1))
        {
            return None;
        }
        if self
            .other_gender
            .is_some_and(|other| ru_gender_form(other) == text.norm(pos))
        {
            return None;
        }
        let mut loose_hit = None;
        // "started on March first" names no Marcus: a month or a weekday
        // is a name only exactly (names_en::calendar_word)
        let loose = self.loose_words && !(lang == Language::En && calendar_word(text.norm(pos)));
        // No variant's first word is this token: only a joined form can
        // match (the distinct first words are checked once each).
        let variants = if self.first_word_at(lang, text, pos) {
            &self.words[..]
        } else {
            &[]
        };
        for words in variants {
            if pos + words.len() > text.len() {
                continue;
            }
            let exact = words
                .iter()
                .enumerate()
                .all(|(j, w)| w.matches(lang, text, pos + j));
            if exact {
                if self.other_patronymic(lang, text, pos + words.len(), words.len()) {
                    return None;
                }
                return Some(words.len());
            }
            if loose
                && loose_hit.is_none()
                && words.iter().enumerate().all(|(j, w)| {
                    w.matches(lang, text, pos + j) || w.matches_loosely(text, pos + j)
                })
                && !self.other_patronymic(lang, text, pos + words.len(), words.len())
            {
                loose_hit = Some(words.len());
            }
        }
        if loose_hit.is_some() {
            return loose_hit;
        }
        self.joined_at(lang, text, pos)
    }

    /// Whether the first word of some variant matches token `pos` (exactly,
    /// or loosely for person names): when none does, no variant matches
    /// there. Each distinct first word is checked once, and the token's
    /// loose keys are computed once for all of them.
    fn first_word_at(&self, lang: Language, text: &Analyzed, pos: usize) -> bool {
        let mut keys = None;
        self.first.words.iter().any(|w| {
            w.matches(lang, text, pos)
                || (self.loose_words && w.matches_loosely_keyed(text, pos, &mut keys))
        })
    }

    /// Whether token `pos` passes every check the first word of some variant
    /// or joined form makes: false means [`Value::at`] finds nothing there.
    /// The tags of the token are those of the book's language, as in
    /// [`SlotWord::matches`].
    ///
    /// Hot path (every token, for every placeholder template): each list is
    /// behind one bit test, and the text is sliced only for Armenian bases.
    #[inline(always)]
    fn may_start(&self, text: &Analyzed, pos: usize) -> bool {
        let first = &self.first;
        let token = &text.tokens[pos];
        let tags = token.tags;
        if (bit(tags.0) & first.stem_bits != 0 && first.stems.contains(&tags.0))
            || (bit(tags.1) & first.key_bits != 0 && first.keys.contains(&tags.1))
        {
            return true;
        }
        if !first.hy_bases.is_empty() {
            let norm = text.norm(pos);
            if first.hy_bases.iter().any(|base| norm.starts_with(&**base)) {
                return true;
            }
        }
        let leads = token.leads;
        if leads.spelling.is_some_and(|lead| {
            char_bit(lead) & first.sound_bits != 0 && first.sounds.contains(&lead)
        }) {
            return true;
        }
        leads
            .skeleton
            .is_some_and(|c| char_bit(Some(c)) & first.lead_bits != 0 && first.leads.contains(&c))
    }

    /// Fills [`Value::first`] from the variants and joined forms.
    fn with_first_words(mut self, lang: Language) -> Value {
        let mut first = FirstWords::default();
        for word in self.words.iter().filter_map(|words| words.first()) {
            if !first.words.contains(word) {
                first.words.push(word.clone());
            }
            first.stems.push(word.tags.0);
            first.keys.push(word.tags.1);
            if let Some(key) = &word.fleeting {
                first.keys.push(word_tag(key));
            }
            if lang == Language::Hy && word.norm.chars().count() >= 3 {
                first.hy_bases.push(word.norm.clone());
            }
            if self.loose_words {
                match (&word.sound, word.lead) {
                    (Some(sound), _) => first.sounds.push(sound.chars().next()),
                    (None, Some(lead)) => first.leads.push(lead),
                    (None, None) => {}
                }
            }
        }
        for (skel, _) in &self.joined {
            first.leads.extend(skel.chars().next());
        }
        for tags in [&mut first.stems, &mut first.keys] {
            tags.sort_unstable();
            tags.dedup();
        }
        first.stem_bits = first.stems.iter().fold(0, |bits, &t| bits | bit(t));
        first.key_bits = first.keys.iter().fold(0, |bits, &t| bits | bit(t));
        first.sound_bits = first.sounds.iter().fold(0, |bits, &c| bits | char_bit(c));
        first.lead_bits = first
            .leads
            .iter()
            .fold(0, |bits, &c| bits | char_bit(Some(c)));
        first.hy_bases.sort_unstable();
        first.hy_bases.dedup();
        first.sounds.sort_unstable();
        first.sounds.dedup();
        first.leads.sort_unstable();
        first.leads.dedup();
        self.first = first;
        self
    }

    /// A patronymic other than the value's stands at token `next`, after a
    /// match of `len` words (the first name alone). One letter off in a
    /// long patronymic is a recogniser's spelling of the same one
    /// («Сергевна» for «Сергеевна»), not another person.
    fn other_patronymic(&self, lang: Language, text: &Analyzed, next: usize, len: usize) -> bool {
        let Some(own) = &self.patronymic else {
            return false;
        };
        if len != 1 || next >= text.len() || !is_patronymic(text.norm(next)) {
            return false;
        }
        let word = text.norm(next);
        if in_script(lang, word) == in_script(lang, own) {
            // «Сергевна» for «Сергеевна»: a long patronymic one letter off
            // is the same one.
            let key = name_key(lang, word);
            return *key != **own && !(own.chars().count() >= 6 && within(key, own, 1));
        }
        // «Արմեն Սերգեևիչ» for «Армен Сергеевич»: the same patronymic in
        // another script.
        let (a, b) = (
            loose_key(patronymic_root(word)),
            loose_key(patronymic_root(own)),
        );
        !within(&a, &b, budget(a.len().max(b.len())))
    }

    /// Company names as a recogniser writes them: the joined skeleton of
    /// one to (words + 2) tokens within a few edits of the name's.
    ///
    /// Armenian also takes a short Latin brand of three skeleton letters
    /// written in its own script, letter for letter («Վիվայից» for `Viva`):
    /// with no edit allowed, as for every name this short. A name with
    /// digits matches only with the same digits («ավտոսերվիս» alone is not
    /// «Ավտոսերվիս 24», though two letters off is within the budget).
    fn joined_at(&self, lang: Language, text: &Analyzed, pos: usize) -> Option<usize> {
        if self.joined.is_empty() {
            return None;
        }
        let min_letters = if lang == Language::Hy { 3 } else { 4 };
        let lead = text.tokens[pos].leads.skeleton?;
        let mut best = None;
        // The joined skeleton of tokens `pos..=pos + k` is the same for
        // every form: it is built once, a token at a time as far as some
        // form reads, with `ends[k]` its length after token `pos + k`, and
        // `alts[k]` the same with that token's Armenian case ending
        // stripped (computed when a form first asks).
        let mut joined = String::new();
        let mut ends: Vec<usize> = Vec::new();
        let mut alts: Vec<Option<Option<String>>> = Vec::new();
        for (skel, words) in &self.joined {
            if !skel.starts_with(lead) {
                continue;
            }
            let target = trim_vowels(skel);
            let letters = target.chars().count();
            let max = budget(letters);
            let has_digits = target.bytes().any(|b| b.is_ascii_digit());
            let same_digits = |s: &str| {
                !has_digits
                    || s.bytes()
                        .filter(u8::is_ascii_digit)
                        .eq(target.bytes().filter(u8::is_ascii_digit))
            };
            for k in 0..(words + 2).min(text.len() - pos) {
                if k == ends.len() {
                    skeleton(text.norm(pos + k), &mut joined);
                    ends.push(joined.len());
                    alts.push(None);
                }
                // Armenian: the name's last word with a case ending
                // («ինեկո բանկից» for Ինեկոբանկ, «վեոլյա ջրից» for Վեոլիա Ջուր).
                if letters >= min_letters {
                    let before = if k == 0 { 0 } else { ends[k - 1] };
                    let alt = alts[k].get_or_insert_with(|| {
                        hy_strip_ending(text.norm(pos + k)).map(|base| {
                            let mut alt = String::with_capacity(ends[k]);
                            alt.push_str(&joined[..before]);
                            skeleton(base, &mut alt);
                            alt
                        })
                    });
                    if alt.as_deref().is_some_and(|alt| {
                        within(trim_vowels(alt), target, max) && same_digits(alt)
                    }) {
                        best = Some(best.map_or(k + 1, |b: usize| b.max(k + 1)));
                        break;
                    }
                }
                let trimmed = trim_vowels(&joined[..ends[k]]);
                if trimmed.len() > target.len() + 2 {
                    break;
                }
                // Skeletons are ASCII: `within` fails on lengths further
                // apart than `max`, checked here before it reads the letters.
                if letters >= min_letters
                    && trimmed.len().abs_diff(target.len()) <= max
                    && within(trimmed, target, max)
                    && same_digits(trimmed)
                {
                    best = Some(best.map_or(k + 1, |b: usize| b.max(k + 1)));
                    break;
                }
            }
        }
        best
    }
}

/// Whether the spelling lead of `norm` without an ending (4 or more
/// letters left) may differ from that of `norm`: only when its first three
/// letters all may spell nothing. The spelling of a letter depends on the
/// letters before it and on the next one, and for the first three letters
/// the next one is the same with or without the ending, so one of them
/// that spells a letter spells the same lead in both.
fn hy_lead_may_differ(norm: &str) -> bool {
    norm.chars()
        .take(3)
        .all(|c| matches!(c, 'հ' | 'ե' | 'h' | 'ь' | 'ъ' | 'e' | '\0'))
}

/// The bit of a first letter in [`FirstWords::sound_bits`] and `lead_bits`
/// (no letter: bit 0).
#[inline]
fn char_bit(c: Option<char>) -> u64 {
    1 << (c.map_or(0, u32::from) % 64)
}

/// The bit of a tag in [`FirstWords::stem_bits`] and `key_bits`.
#[inline]
fn bit(tag: u32) -> u64 {
    1 << (tag % 64)
}

fn trim_vowels(s: &str) -> &str {
    let t = s.trim_end_matches(['a', 'e', 'i', 'u']);
    if t.len() < 3 {
        s
    } else {
        t
    }
}

/// First names of this many letters or more also match split in two by a
/// recogniser.
const JOINED_NAME_LETTERS: usize = 7;

/// Russian case endings of names, stripped to compare «Иван»/«Ивана»/«Ивану»
/// (Snowball stems «Иван» to «ива» but «Ивану» to «иван»).
const RU_NAME_ENDINGS: &[&str] = &[
    "ами", "ой", "ом", "ем", "ою", "ею", "ам", "ах", "ы", "а", "я", "у", "ю", "е", "и", "й", "ь",
];

/// The form of a name word used to compare names in any grammatical case.
pub(crate) fn name_key(lang: Language, norm: &str) -> &str {
    if lang != Language::Ru {
        return norm;
    }
    for ending in RU_NAME_ENDINGS {
        if let Some(rest) = norm.strip_suffix(ending) {
            if rest.chars().count() >= 2 {
                return rest;
            }
        }
    }
    norm
}

/// Armenian names compare by the whole word with its article or case
/// ending (`SlotWord::matches`), never by the stem: the stemmer cuts
/// «Գոհար» to «գոհ» (content) and «Կարեն» to a stem «կարելի» (possible)
/// shares, so a common word would count as the client's name.
fn hy_names_by_whole_word(words: &mut [Vec<SlotWord>]) {
    for word in words.iter_mut().flatten() {
        if *word.stem != *word.norm {
            word.stem = word.norm.clone();
            word.tags.0 = word_tag(&word.norm);
        }
    }
}

/// Analyses each variant into slot words, longest first (a full name wins
/// over the first name alone), without duplicates.
fn analyze_variants(analyzer: &Analyzer, variants: &[&str]) -> Vec<Vec<SlotWord>> {
    let lang = analyzer.language();
    let mut out: Vec<Vec<SlotWord>> = Vec::with_capacity(variants.len());
    for variant in variants {
        let analyzed = analyzer.analyze(variant);
        if analyzed.is_empty() {
            continue;
        }
        let words: Vec<SlotWord> = (0..analyzed.len())
            .map(|i| {
                let t = analyzed.token(i);
                SlotWord {
                    stem: t.stem.into(),
                    key: name_key(lang, t.norm).into(),
                    norm: t.norm.into(),
                    loose: loose_key(t.norm).into(),
                    loose_whole: loose_key_whole(t.norm).into(),
                    // Names are compared loosely only when written in
                    // another script than the language's (`Olga` on a
                    // Russian call); the same script has its case forms.
                    lead: (!in_script(lang, t.norm))
                        .then(|| skeleton_lead(t.norm))
                        .flatten(),
                    fleeting: (lang == Language::Ru)
                        .then(|| without_fleeting_vowel(t.norm))
                        .flatten()
                        .map(Into::into),
                    sound: (in_script(lang, t.norm) && t.norm.chars().nth(3).is_some())
                        .then(|| spelling_key(t.norm).into()),
                    tags: analyzed.tokens[i].tags,
                }
            })
            .collect();
        if !out.contains(&words) {
            out.push(words);
        }
    }
    out.sort_by_key(|words| std::cmp::Reverse(words.len()));
    out
}

/// A Russian noun whose last syllable has a fleeting vowel («ветер» →
/// «ветр», «Павел» → «павл», «звонок» → «звонк»): the word without it, when
/// it ends in consonant, «е»/«о», consonant and keeps three letters.
fn without_fleeting_vowel(norm: &str) -> Option<String> {
    let chars: Vec<char> = norm.chars().collect();
    let n = chars.len();
    let consonant = |c: char| ('а'..='я').contains(&c) && !"аеиоуыэюяйьъ".contains(c);
    (n >= 4
        && consonant(chars[n - 1])
        && matches!(chars[n - 2], 'е' | 'о')
        && consonant(chars[n - 3]))
    .then(|| chars[..n - 2].iter().chain(&chars[n - 1..]).collect())
}

/// Whether the word is written in the script of `lang`.
fn in_script(lang: Language, norm: &str) -> bool {
    let Some(c) = norm.chars().find(|c| c.is_alphabetic()) else {
        return true;
    };
    match lang {
        Language::Ru => ('\u{0400}'..='\u{04FF}').contains(&c),
        Language::En => c.is_ascii_alphabetic(),
        Language::Hy => ('\u{0530}'..='\u{058F}').contains(&c),
    }
}

/// Values of placeholders for one call.
///
/// A placeholder that is not set never matches. Values are analysed with the
/// book's analyzer and compared by stem, so «Ивана Петровича» in a transcript
/// matches the variant «Иван Петрович».
///
/// # Examples
///
/// ```
/// use callqa_text::{Language, PhraseBookBuilder, Slots};
///
/// let mut builder = PhraseBookBuilder::new(Language::Ru, 0);
/// let id = builder.add_set("intro", &["меня зовут {operator_name}".to_string()], false).unwrap();
/// let book = builder.build();
/// let mut slots = Slots::new();
/// slots.set(book.analyzer(), "operator_name", &["Анна"]);
/// let text = book.analyzer().analyze("Меня зовут Анна, чем помочь?");
/// assert_eq!(book.find(&text, &slots)[0].set, id);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Slots {
    entries: Vec<(String, SlotValue)>,
}

/// Each word of a company name as it is said when it is a Latin brand
/// (`hy_english_reading`: `Ucom` «Յուքոմ», `Greenline` «Գրինլայն», which the
/// skeleton also matches in Cyrillic); other words as they are.
fn latin_brands_read(words: &[&str]) -> Vec<String> {
    words
        .iter()
        .map(|w| hy_english_reading(w).unwrap_or_else(|| (*w).to_string()))
        .collect()
}

/// Adds the name as read (`read`, word by word) when it differs from the
/// name as written (`words`).
fn push_if_read_differs(variants: &mut Vec<String>, read: &[String], words: &[&str]) {
    let read = read.join(" ");
    if read != words.join(" ") {
        variants.push(read);
    }
}

impl Slots {
    /// Slots with every placeholder unset.
    pub fn new() -> Slots {
        Slots::default()
    }

    /// Sets placeholder `name` (without braces) to any of `variants`.
    ///
    /// Each variant may have several words («Иван Петрович»); variants with
    /// no words are ignored, so an empty list makes the placeholder never
    /// match. Replaces an earlier value.
    pub fn set(&mut self, analyzer: &Analyzer, name: &str, variants: &[&str]) {
        let value = Value {
            words: analyze_variants(analyzer, variants),
            ..Value::default()
        }
        .with_first_words(analyzer.language());
        self.put(name, SlotValue::Variants(Box::new(value)));
    }

    /// Sets placeholder `name` to a person's name as the call record gives
    /// it («Ольга Сергеевна», "William Carter", «Լիլիթ Հակոբյան», `Olga`).
    ///
    /// It matches the full name, the first name (also as a recogniser
    /// spells it: Conor for Connor, «Наталия» for «Наталья», «anna maria»
    /// for Annamaria), the first two words of a longer name, the last word when it is a surname (not a patronymic),
    /// the usual short forms of the first name (Саша for Александр, Bill
    /// for William, and back), a Latin first name clipped to half its
    /// length or more (Raj for Rajesh), every case form (Russian endings, Armenian
    /// articles and case endings: Լիլիթը, Լիլիթի), and the name written in
    /// another script (`Olga` = «Ольга» = «Օլգա»). When the record gives a
    /// patronymic, the first name followed by another patronymic («Ольга
    /// Викторовна» for «Ольга Сергеевна») does not match. A record name in
    /// surname-first order («Ким Александр Викторович») is read as «Александр
    /// Викторович Ким».
    pub fn set_name(&mut self, analyzer: &Analyzer, name: &str, full: &str) {
        // "O'Brien, Kevin": a record's "Surname, First names" is the name
        // "Kevin O'Brien"
        let reordered;
        let full = match full.split_once(',') {
            Some((last, first))
                if !last.trim().is_empty() && !first.trim().is_empty() && !first.contains(',') =>
            {
                reordered = format!("{} {}", first.trim(), last.trim());
                reordered.as_str()
            }
            _ => full,
        };
        let mut words: Vec<&str> = full.split_whitespace().collect();
        let mut norms: Vec<String> = words
            .iter()
            .map(|w| {
                let a = analyzer.analyze(w);
                a.tokens().map(|t| t.norm.to_string()).collect::<String>()
            })
            .collect();
        // «Ким Александр Викторович»: surname first (the order of official
        // records); the first name and patronymic are the middle and last.
        if words.len() == 3 && is_patronymic(&norms[2]) && !is_patronymic(&norms[1]) {
            words.rotate_left(1);
            norms.rotate_left(1);
        }
        let mut variants: Vec<String> = Vec::new();
        if !words.is_empty() {
            variants.push(words.join(" "));
            variants.push(words[0].to_string());
            if words.len() >= 3 {
                variants.push(words[..2].join(" "));
            }
        }
        let lang = analyzer.language();
        let patronymic = norms.get(1).filter(|n| is_patronymic(n)).cloned();
        if words.len() >= 2 && !norms.last().is_some_and(|n| is_patronymic(n)) {
            variants.push(words[words.len() - 1].to_string());
        }
        if let Some(first) = norms.first() {
            for short in other_forms(first) {
                variants.push(short.to_string());
                if let Some(p) = &patronymic {
                    variants.push(format!("{short} {p}"));
                }
            }
            variants.extend(clipped_forms(first));
            if lang == Language::Ru {
                // `Olga` in the record, «Оля» said
                variants.extend(ru_short_forms_of_latin(first).iter().map(|f| f.to_string()));
                // `William` in the record, «Уильям» said
                variants.extend(ru_readings_of_latin(first).iter().map(|f| f.to_string()));
            }
        }
        if lang == Language::Hy {
            // `John Smith` in the record, «Ջոնն եմ», «պարոն Ջոն» said
            let read: Vec<Vec<String>> = words.iter().map(|w| hy_readings_of_latin(w)).collect();
            if read.iter().any(|r| !r.is_empty()) {
                let full: Vec<String> = words
                    .iter()
                    .zip(&read)
                    .map(|(w, r)| r.first().cloned().unwrap_or_else(|| w.to_string()))
                    .collect();
                variants.push(full.join(" "));
                variants.extend(read.first().into_iter().flatten().cloned());
                if words.len() >= 2 && !norms.last().is_some_and(|n| is_patronymic(n)) {
                    variants.extend(read.last().into_iter().flatten().cloned());
                }
            }
        }
        if lang == Language::Ru {
            // `Thomas Müller`: «господин Мюллер»
            for w in &words {
                variants.extend(ru_umlauts_read(w));
            }
        }
        if let Some(first) = norms.first() {
            if lang == Language::En {
                let heard = heard_forms(first).iter().filter(|f| f.len() >= 4);
                variants.extend(heard.map(|f| f.to_string()));
            }
        }
        if lang == Language::En && words.len() >= 2 {
            if let Some(last) = norms.last() {
                for form in heard_forms(last).iter().chain(heard_after_title(last)) {
                    variants.extend(with_titles(form));
                }
            }
            if let Some(raw) = words.last() {
                for form in split_surname(raw) {
                    variants.extend(with_titles(&form));
                }
            }
        }
        let refs: Vec<&str> = variants.iter().map(String::as_str).collect();
        // A long first name a recogniser splits («anna maria» for
        // Annamaria) is matched by its joined skeleton, like company names.
        let joined = norms
            .first()
            .filter(|first| first.chars().count() >= JOINED_NAME_LETTERS)
            .map(|first| {
                let mut skel = String::new();
                skeleton(first, &mut skel);
                vec![(skel, 1)]
            })
            .unwrap_or_default();
        let other_gender = norms
            .first()
            .filter(|_| lang == Language::Ru)
            .and_then(|first| ru_other_gender(first));
        let mut name_words = analyze_variants(analyzer, &refs);
        if lang == Language::Hy {
            hy_names_by_whole_word(&mut name_words);
        }
        let value = Value {
            words: name_words,
            patronymic: patronymic.map(|p| name_key(lang, &p).into()),
            other_gender,
            joined,
            loose_words: true,
            // "Mr Nguyen" for Nguyen Van Minh: a family name written first
            en_first_name: words
                .first()
                .filter(|_| lang == Language::En && words.len() >= 2)
                .filter(|_| !norms.first().is_some_and(|n| family_name_first(n)))
                .and_then(|first| analyze_variants(analyzer, &[first]).pop())
                .and_then(|mut w| w.pop())
                .map(Box::new),
            en_surname: norms
                .last()
                .filter(|_| lang == Language::En && words.len() >= 2)
                .map(|last| last.as_str().into()),
            first: FirstWords::default(),
        }
        .with_first_words(lang);
        self.put(name, SlotValue::Variants(Box::new(value)));
    }

    /// Sets placeholder `name` to company names: each in any case form, and
    /// as a recogniser writes it — split or joined words and a few letters
    /// off, by a phonetic skeleton ("green field insurance" = Greenfield
    /// Insurance, «арбат сервиз» = «Арбат-Сервис», «Արարատի» = «Արարատ»).
    /// In English also without its legal form or the kind of company after
    /// the brand ("Bluebell" for Bluebell Broadband), as a possessive
    /// ("Northgate's") and with acronyms spelled ("h s b c" for HSBC).
    /// A name of three or more words also matches by its first two; in
    /// Russian a name of two words also in the other order («банк Восход»)
    /// and by its brand alone when the other part is a kind of company
    /// («Медлайн» for «МедЛайн Клиник», «Арбат» for «Арбат-Сервис»), and
    /// numbers also as words («Теле2» = «теле два»).
    pub fn set_company(&mut self, analyzer: &Analyzer, name: &str, names: &[&str]) {
        let mut variants: Vec<String> = Vec::new();
        for full in names {
            let words: Vec<&str> = full.split_whitespace().collect();
            if words.is_empty() {
                continue;
            }
            variants.push(words.join(" "));
            if words.len() >= 3 {
                variants.push(words[..2].join(" "));
            }
            if analyzer.language() == Language::Hy {
                // `Ucom` said «Յուքոմ», `Beeline` said «Բիլայն»
                let read = latin_brands_read(&words);
                // `Beeline Armenia` said «Բիլայնի թեժ գիծ»: the name without
                // the country, the legal form or the kind of company
                if let [lead @ .., kind] = &words[..] {
                    if !lead.is_empty() && HY_GENERIC_TAILS.contains(&kind.to_lowercase().as_str())
                    {
                        variants.push(lead.join(" "));
                        variants.push(read[..lead.len()].join(" "));
                    }
                }
                // `Team Telecom Armenia` said «թիմ թելեքոմից»: the first two
                // words as read
                if words.len() >= 3 {
                    variants.push(read[..2].join(" "));
                }
                // `Տեխսապորտ 24` said «Տեխսապորտ քսանչորս»
                variants.extend(hy_numbers_spelled(full));
                push_if_read_differs(&mut variants, &read, &words);
                // «Արարատի ապահովագրական …» for Արարատ Ապահովագրություն
                if let [brand, kind] = words[..] {
                    let kind = kind.to_lowercase();
                    if let Some((_, adj)) = HY_KIND_ADJECTIVES.iter().find(|(k, _)| *k == kind) {
                        variants.push(format!("{brand} {adj}"));
                    }
                }
                // «վիվա էմ տե էսից» for Վիվա-ՄՏՍ: its acronym spelled out
                variants.extend(hy_letters_spelled(full));
                // `Menu.am` said «Menu», `Evocabank` «Էվոկա»
                variants.extend(hy_latin_brand_forms(full));
            }
            if analyzer.language() == Language::En {
                // "Bluebell" for Bluebell Broadband, "Northgate's", "h s b c"
                variants.extend(en_company_forms(full));
            }
            if analyzer.language() == Language::Ru {
                variants.extend(ru_numbers_spelled(full));
                // `ЖЭУ №5` said «ЖЭУ номер пять»
                if full.contains('№') {
                    variants.extend(ru_numbers_spelled(&full.replace('№', " номер ")));
                }
                // `МТС` said «эм тэ эс»
                variants.extend(ru_acronyms_spelled(full));
                // `DNS` written «ДНС», `DPD` said «ди пи ди»
                variants.extend(ru_latin_acronyms_read(full));
                // `МедЛайн Клиник` said «Медлайн», `Арбат-Сервис` «Арбат»
                variants.extend(ru_brand_without_kind(full));
                // `Greenline` said «Гринлайн»: a Latin brand read as
                // Russians say it (the skeleton then matches the Cyrillic)
                push_if_read_differs(&mut variants, &latin_brands_read(&words), &words);
                // `Wildberries` said «вайлдберриз»
                let ru_read: Vec<String> = words
                    .iter()
                    .map(|w| ru_english_reading(w).unwrap_or_else(|| (*w).to_string()))
                    .collect();
                push_if_read_differs(&mut variants, &ru_read, &words);
                // «ООО «Северный ветер»» is said «Северный ветер»
                if let Some(bare) = ru_without_legal_form(full) {
                    let bare_words: Vec<&str> = bare.split_whitespace().collect();
                    if bare_words.len() >= 3 {
                        variants.push(bare_words[..2].join(" "));
                    }
                    variants.push(bare);
                }
                // «банк Восход» for «Восход Банк»: Russian puts the kind
                // of company before or after its name
                if let [a, b] = words[..] {
                    variants.push(format!("{b} {a}"));
                }
            }
        }
        let refs: Vec<&str> = variants.iter().map(String::as_str).collect();
        let mut words = analyze_variants(analyzer, &refs);
        let joined = words
            .iter()
            .map(|ws| {
                let mut skel = String::new();
                for w in ws {
                    skeleton(&w.norm, &mut skel);
                }
                (skel, ws.len())
            })
            .collect();
        if analyzer.language() == Language::Hy {
            // «ՀԷՑ-ի թեժ գիծն է» for Հայաստանի Էլեկտրական Ցանցեր: the initials
            // of a name of three or more words, in any case form (never
            // compared loosely: three letters are too few).
            let mut initials: Vec<String> =
                names.iter().filter_map(|full| hy_initials(full)).collect();
            // and spelled out: «հա է ցա» for «ՀԷՑ»
            let spelled: Vec<String> = initials
                .iter()
                .flat_map(|i| hy_letters_spelled(i))
                .collect();
            initials.extend(spelled);
            // «այ դի բանկ» for IDBank
            initials.extend(
                names
                    .iter()
                    .flat_map(|full| hy_latin_acronyms_spelled(full)),
            );
            let refs: Vec<&str> = initials.iter().map(String::as_str).collect();
            for variant in analyze_variants(analyzer, &refs) {
                if !words.contains(&variant) {
                    words.push(variant);
                }
            }
        }
        let value = Value {
            words,
            patronymic: None,
            other_gender: None,
            joined,
            loose_words: false,
            en_first_name: None,
            en_surname: None,
            first: FirstWords::default(),
        }
        .with_first_words(analyzer.language());
        self.put(name, SlotValue::Variants(Box::new(value)));
    }

    /// Whether placeholder `name` has a value (a word list or any word).
    pub fn is_set(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Makes placeholder `name` match any one word.
    pub fn set_any(&mut self, name: &str) {
        self.put(name, SlotValue::Any);
    }

    /// Makes placeholder `name` unset again (never matches).
    pub fn unset(&mut self, name: &str) {
        self.entries.retain(|(n, _)| n != name);
    }

    fn put(&mut self, name: &str, value: SlotValue) {
        match self.entries.iter_mut().find(|(n, _)| n == name) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((name.to_string(), value)),
        }
    }

    pub(crate) fn get(&self, name: &str) -> Option<&SlotValue> {
        self.entries
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value)
    }
}

#[cfg(test)]
mod tests {
    use super::hy_lead_may_differ;
    use crate::names::{spelling_lead, HY_ENDINGS};

    /// The shortcut in `SlotWord::matches_loosely_keyed` is exact: a word
    /// with an ending whose stem of 4 or more letters spells another lead
    /// is always flagged (every word of 4 and 5 letters from the letters
    /// that spell nothing or depend on their neighbours).
    #[test]
    fn a_stem_keeps_the_spelling_lead_unless_flagged() {
        let letters = ['հ', 'ե', 'վ', 'ւ', 'ա', 'h', 't', 'ь'];
        let mut words = vec![String::new()];
        let mut checked = 0;
        for len in 1..=5 {
            words = words
                .iter()
                .flat_map(|w| letters.iter().map(move |c| format!("{w}{c}")))
                .collect();
            if len < 4 {
                continue;
            }
            for word in &words {
                for ending in HY_ENDINGS {
                    let norm = format!("{word}{ending}");
                    if spelling_lead(word) != spelling_lead(&norm) {
                        assert!(hy_lead_may_differ(&norm), "{norm}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 0, "the letters reach the case the check guards");
    }
}
