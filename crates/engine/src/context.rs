//! The view of one call that every check reads: its language, each
//! utterance analysed once with the matches of every phrase set, turns
//! (backchannels neither break nor make a turn), and the windows of the
//! standard (opening, closing, first/last seconds…). Built once per call in
//! batch mode, and over the part received so far in a live [`Session`].
//!
//! [`Session`]: crate::Session

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use callqa_model::{Call, EventKind, Evidence, Lang, Party, Utterance};
use callqa_text::{detect_language, Analyzed, Match, PhraseBook, Slots};

use crate::codeswitch::{self, Others};
use crate::slot_cache::SlotKey;
use crate::standard::{model_language, SetMask, SpeakerSel, Standard, Window};

/// One utterance after analysis: tokens and every phrase-set match.
#[derive(Debug)]
pub(crate) struct Analysis {
    pub analyzed: Analyzed,
    pub matches: Vec<Match>,
    pub backchannel: bool,
}

/// Per-call matching state: language, book and placeholder values.
pub(crate) struct Prepared {
    pub lang: Lang,
    /// Shared with the other calls of the same names (see [`SlotCache`]).
    ///
    /// [`SlotCache`]: crate::slot_cache::SlotCache
    pub slots: Arc<Slots>,
    /// Placeholders this call gives no value for.
    pub unknown: Vec<&'static str>,
    /// The other languages with a book of their own: a clause in one of
    /// their scripts is matched with it too (see [`codeswitch`]).
    ///
    /// [`codeswitch`]: crate::codeswitch
    others: Others,
    /// What the placeholder values are built from, for the other books.
    key: SlotKey,
    /// The other books' placeholder values, by [`Lang::ALL`] index, made
    /// when a clause of theirs first appears.
    other_slots: [OnceLock<Arc<Slots>>; 3],
}

impl Prepared {
    pub fn new(std: &Standard, call: &Call) -> Prepared {
        let lang = call
            .language
            .unwrap_or_else(|| detect(call).unwrap_or(std.fallback_language));
        let companies: Vec<&str> = call
            .company
            .iter()
            .chain(std.company_names.iter())
            .map(String::as_str)
            .filter(|n| !n.trim().is_empty())
            .collect();
        let operator = call
            .operator
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        let client = client_name(call);
        let mut unknown = Vec::new();
        if companies.is_empty() {
            unknown.push("company");
        }
        if client.is_none() {
            unknown.push("client_name");
        }
        let key = SlotKey {
            lang,
            companies: companies.iter().map(|c| c.to_string()).collect(),
            operator: operator.map(str::to_string),
            client: client.map(str::to_string),
        };
        let slots = std.slot_cache.get(&key, || build_slots(std, &key));
        let own = std.book(lang) as *const PhraseBook;
        let others = std
            .books
            .iter()
            .filter(|(l, book)| *l != lang && !std::ptr::eq(book, own))
            .fold(0, |bits, (l, _)| bits | codeswitch::bit(*l));
        Prepared {
            lang,
            slots,
            unknown,
            others,
            key,
            other_slots: Default::default(),
        }
    }

    pub fn analyze(&self, std: &Standard, text: &str) -> Analysis {
        let book = std.book(self.lang);
        let analyzed = book.analyze(text);
        let mut matches = book.find(&analyzed, &self.slots);
        if self.others != 0 && codeswitch::may_switch(text, self.others) {
            self.add_other_languages(std, text, &analyzed, &mut matches);
        }
        let backchannel = match std.settings.backchannels {
            Some(set) => consists_only_of(&analyzed, &matches, |s| s == set) && analyzed.len() <= 4,
            None => false,
        };
        Analysis {
            analyzed,
            matches,
            backchannel,
        }
    }

    /// Adds the matches of the clauses written in another language's
    /// script, found with that language's book, to `matches` (kept in the
    /// order `find` gives: by first token, then set).
    #[cold]
    fn add_other_languages(
        &self,
        std: &Standard,
        text: &str,
        analyzed: &Analyzed,
        matches: &mut Vec<Match>,
    ) {
        let clauses = codeswitch::clauses(text, analyzed, self.lang, self.others);
        if clauses.is_empty() {
            return;
        }
        let mut more = Vec::new();
        for clause in &clauses {
            let book = std.book(clause.lang);
            let slots = self.slots_of(std, clause.lang);
            codeswitch::matches_in(text, analyzed, clause, book, slots, matches, &mut more);
        }
        if !more.is_empty() {
            matches.extend(more);
            matches.sort_by_key(|m| (m.first_token, m.set));
        }
    }

    /// The placeholder values for the book of `lang`.
    fn slots_of(&self, std: &Standard, lang: Lang) -> &Slots {
        let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        self.other_slots[index].get_or_init(|| {
            let key = SlotKey {
                lang,
                ..self.key.clone()
            };
            std.slot_cache.get(&key, || build_slots(std, &key))
        })
    }
}

/// The placeholder values of a call, analysed with the book of `key.lang`.
fn build_slots(std: &Standard, key: &SlotKey) -> Slots {
    let analyzer = std.book(key.lang).analyzer();
    let mut slots = Slots::new();
    if !key.companies.is_empty() {
        let companies: Vec<&str> = key.companies.iter().map(String::as_str).collect();
        slots.set_company(analyzer, "company", &companies);
    }
    match &key.operator {
        Some(name) => slots.set_name(analyzer, "operator_name", name),
        None => slots.set_any("operator_name"),
    }
    if let Some(name) = &key.client {
        slots.set_name(analyzer, "client_name", name);
    }
    slots
}

/// The client's name from the record, unless it is empty or a caller-ID
/// placeholder ("Client", "Unknown", «Клиент», digits only): a placeholder
/// is no name, so the name is learnt from the call or asked for.
pub(crate) fn client_name(call: &Call) -> Option<&str> {
    call.client
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !is_placeholder_name(n))
}

/// Names a PBX or CRM puts where it knows no name.
const PLACEHOLDER_NAMES: &[&str] = &[
    "client",
    "customer",
    "caller",
    "unknown",
    "anonymous",
    "private",
    "n/a",
    "none",
    "клиент",
    "абонент",
    "неизвестно",
    "неизвестный",
    "аноним",
    "հաճախորդ",
    "անհայտ",
    "բաժանորդ",
];

/// Whether a caller-ID name is no name: empty, a placeholder word, or
/// digits and phone punctuation only (`+7 (495) 123-45-67`).
pub(crate) fn is_placeholder_name(name: &str) -> bool {
    let name = name.trim();
    if !name.chars().any(char::is_alphabetic) {
        return true;
    }
    let lower = name.to_lowercase();
    PLACEHOLDER_NAMES.contains(&lower.as_str())
}

/// How much of the transcript language detection reads: utterances from
/// the first until their texts (each with one separator) pass this many
/// bytes. A live session without a `language` settles it at the same point.
pub(crate) const LANGUAGE_SAMPLE_BYTES: usize = 2000;

/// The bytes of `text` in the language sample.
pub(crate) fn sample_bytes(text: &str) -> usize {
    text.len() + 1
}

fn detect(call: &Call) -> Option<Lang> {
    let mut sample = String::new();
    for u in &call.utterances {
        sample.push_str(&u.text);
        sample.push(' ');
        if sample.len() > LANGUAGE_SAMPLE_BYTES {
            break;
        }
    }
    detect_language(&sample).map(model_language)
}

/// Whether every token of the text is covered by a match of the given sets
/// (and there is at least one token).
pub(crate) fn consists_only_of(
    a: &Analyzed,
    matches: &[Match],
    in_set: impl Fn(usize) -> bool,
) -> bool {
    if a.is_empty() {
        return false;
    }
    let mut covered = 0usize; // tokens [0, covered) are covered
    let mut ms: Vec<&Match> = matches
        .iter()
        .filter(|m| in_set(m.set.0 as usize))
        .collect();
    ms.sort_by_key(|m| m.first_token);
    for m in ms {
        if m.first_token > covered {
            return false;
        }
        covered = covered.max(m.end_token);
    }
    covered >= a.len()
}

/// Running extremes of the speech so far, kept as utterances arrive so a
/// live push reads them in O(1) instead of scanning the call.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reach {
    /// Latest end of any utterance (0 without speech).
    pub end: f64,
    /// Latest end of the utterances before the last one (−∞ before the
    /// second utterance).
    pub end_before_last: f64,
    /// Latest end of all utterances (−∞ without speech).
    all_end: f64,
    /// Latest end of a client utterance.
    pub client_end: f64,
    /// Latest start of an operator utterance that is not a backchannel.
    pub operator_start: f64,
}

impl Default for Reach {
    fn default() -> Reach {
        Reach {
            end: 0.0,
            end_before_last: f64::NEG_INFINITY,
            all_end: f64::NEG_INFINITY,
            client_end: f64::NEG_INFINITY,
            operator_start: f64::NEG_INFINITY,
        }
    }
}

impl Reach {
    /// Adds one utterance.
    pub fn push(&mut self, u: &Utterance, backchannel: bool) {
        self.end_before_last = self.all_end;
        self.all_end = self.all_end.max(u.end);
        self.end = self.end.max(u.end);
        match u.speaker {
            Party::Client => self.client_end = self.client_end.max(u.end),
            Party::Operator if !backchannel => {
                self.operator_start = self.operator_start.max(u.start)
            }
            Party::Operator => {}
        }
    }
}

/// Adds utterance `i` to the turns. A backchannel answers the other side's
/// turn; said first, or after one's own turn, it is a turn like any other
/// («Да?» as the first words after answer is a bare answer).
pub(crate) fn push_turn(turns: &mut Vec<Turn>, i: usize, u: &Utterance, backchannel: bool) {
    if backchannel && turns.last().is_some_and(|t| t.speaker != u.speaker) {
        return;
    }
    match turns.last_mut() {
        Some(t) if t.speaker == u.speaker => {
            t.utts.push(i);
            t.end = t.end.max(u.end);
        }
        _ => turns.push(Turn {
            speaker: u.speaker,
            utts: vec![i],
            start: u.start,
            end: u.end,
        }),
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Turn {
    pub speaker: Party,
    pub utts: Vec<usize>,
    pub start: f64,
    pub end: f64,
}

/// Everything a check may read about one call.
pub(crate) struct CallView<'a> {
    pub std: &'a Standard,
    pub call: &'a Call,
    pub an: &'a [Analysis],
    pub lang: Lang,
    pub turns: Cow<'a, [Turn]>,
    /// Time of `answer`; `None` on a missed call or without events.
    pub answer: Option<f64>,
    /// When the conversation starts: `answer`, else the first utterance.
    pub connect: f64,
    /// When the call ends (last event, else last speech).
    pub end: f64,
    /// Holds as `(start, end)`; an unfinished hold ends at `end`.
    pub holds: Vec<(f64, f64)>,
    /// Latest time covered by the data so far.
    pub now: f64,
    /// Whether the call is complete (batch, or a live call that ended).
    pub complete: bool,
    /// Placeholders without a value on this call.
    pub unknown: &'a [&'static str],
    /// Running extremes of the speech.
    pub reach: Reach,
}

impl<'a> CallView<'a> {
    pub fn new(
        std: &'a Standard,
        call: &'a Call,
        an: &'a [Analysis],
        lang: Lang,
        unknown: &'a [&'static str],
        complete: bool,
    ) -> CallView<'a> {
        let utts = &call.utterances[..an.len().min(call.utterances.len())];
        let mut turns: Vec<Turn> = Vec::new();
        let mut reach = Reach::default();
        for (i, u) in utts.iter().enumerate() {
            push_turn(&mut turns, i, u, an[i].backchannel);
            reach.push(u, an[i].backchannel);
        }
        CallView::with_turns(
            std,
            call,
            an,
            lang,
            unknown,
            complete,
            Cow::Owned(turns),
            reach,
        )
    }

    /// A view over turns built as the utterances arrived (a live session
    /// keeps them with [`push_turn`] instead of rebuilding them per push).
    #[allow(clippy::too_many_arguments)]
    pub fn with_turns(
        std: &'a Standard,
        call: &'a Call,
        an: &'a [Analysis],
        lang: Lang,
        unknown: &'a [&'static str],
        complete: bool,
        turns: Cow<'a, [Turn]>,
        reach: Reach,
    ) -> CallView<'a> {
        let utts = &call.utterances[..an.len().min(call.utterances.len())];
        let answer = call.answered_at();
        let first_speech = utts.first().map(|u| u.start).unwrap_or(0.0);
        let connect = answer.unwrap_or(first_speech);
        // As `call.ended_at()`, from the running extremes.
        let end = call
            .events
            .last()
            .map(|e| e.at)
            .unwrap_or(0.0)
            .max(reach.end);
        let mut holds = Vec::new();
        let mut open: Option<f64> = None;
        for e in &call.events {
            match e.kind {
                EventKind::HoldStart => open = Some(e.at),
                EventKind::HoldEnd => {
                    if let Some(s) = open.take() {
                        holds.push((s, e.at));
                    }
                }
                _ => {}
            }
        }
        if let Some(s) = open {
            holds.push((s, end));
        }
        let now = end;
        CallView {
            std,
            call,
            an,
            lang,
            turns,
            answer,
            connect,
            end,
            holds,
            now,
            complete,
            unknown,
            reach,
        }
    }

    /// The language messages are written in (the report language).
    pub fn out(&self) -> Lang {
        self.std.report_language()
    }

    pub fn utts(&self) -> &'a [callqa_model::Utterance] {
        &self.call.utterances[..self.an.len().min(self.call.utterances.len())]
    }

    /// Utterance indices of `speaker` in the window, in time order.
    pub fn window(&self, window: &Window, speaker: SpeakerSel) -> Vec<usize> {
        let utts = self.utts();
        let of = |i: &usize| speaker.accepts(utts[*i].speaker);
        match window {
            Window::Call => (0..utts.len()).filter(of).collect(),
            Window::Opening => self.opening(speaker),
            Window::Closing => self.closing(speaker),
            Window::FirstTurns(n) => self
                .turns
                .iter()
                .filter(|t| speaker.accepts(t.speaker))
                .take(*n)
                .flat_map(|t| t.utts.iter().copied())
                .collect(),
            Window::FirstSecs(s) => (0..utts.len())
                .filter(of)
                .filter(|&i| utts[i].start <= self.connect + s)
                .collect(),
            Window::LastSecs(s) => (0..utts.len())
                .filter(of)
                .filter(|&i| utts[i].end >= self.end - s)
                .collect(),
            Window::After(mask) => {
                match (0..utts.len()).find(|&i| self.matches(i, mask, false).next().is_some()) {
                    Some(first) => (first..utts.len()).filter(of).collect(),
                    None => Vec::new(),
                }
            }
        }
    }

    fn opening(&self, speaker: SpeakerSel) -> Vec<usize> {
        let limit = self.connect + self.std.settings.opening_secs;
        let mut out = Vec::new();
        let mut first = true;
        for t in self.turns.iter().filter(|t| speaker.accepts(t.speaker)) {
            if t.end < self.connect - 1.0 {
                continue;
            }
            if first || t.start <= limit {
                out.extend(t.utts.iter().copied());
            }
            first = false;
        }
        out
    }

    /// The last turns and seconds of the call, after the opening turn: on
    /// a short call the closing starts where the speaker's first turn of
    /// the opening ends, so a greeting («Добрый вечер») is never taken as
    /// the farewell. Later turns inside `opening_secs` stay available to
    /// the closing when they are also the last ones (a 20 s call that says
    /// goodbye 12 s in still has its goodbye).
    fn closing(&self, speaker: SpeakerSel) -> Vec<usize> {
        let utts = self.utts();
        let after = self
            .turns
            .iter()
            .filter(|t| speaker.accepts(t.speaker))
            .find(|t| t.end >= self.connect - 1.0)
            .and_then(|t| t.utts.last())
            .map_or(0, |&i| i + 1);
        let n = self.std.settings.closing_turns;
        let own: Vec<&Turn> = self
            .turns
            .iter()
            .filter(|t| speaker.accepts(t.speaker))
            .collect();
        let mut out: Vec<usize> = own[own.len().saturating_sub(n)..]
            .iter()
            .flat_map(|t| t.utts.iter().copied())
            .collect();
        let since = self.end - self.std.settings.closing_secs;
        out.extend(
            (0..utts.len()).filter(|&i| speaker.accepts(utts[i].speaker) && utts[i].end >= since),
        );
        out.retain(|&i| i >= after);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether the party has not said a word so far.
    pub fn silent(&self, party: Party) -> bool {
        !self.utts().iter().any(|u| u.speaker == party)
    }

    /// Whether no further speech can enter the window (so a missing phrase
    /// is final) given the data so far.
    pub fn window_closed(&self, window: &Window, speaker: SpeakerSel) -> bool {
        if self.complete {
            return true;
        }
        let last_start = self
            .utts()
            .last()
            .map(|u| u.start)
            .unwrap_or(f64::NEG_INFINITY);
        match window {
            Window::Opening => {
                // The first own turn is over once the other side took a
                // turn, and no later own turn can start in time once speech
                // past the limit has arrived.
                let limit = self.connect + self.std.settings.opening_secs;
                let own = |t: &&Turn| speaker.accepts(t.speaker);
                let Some(last) = self.turns.last() else {
                    return false;
                };
                let own_turns = self.turns.iter().filter(own).count();
                let last_done =
                    !speaker.accepts(last.speaker) || (own_turns >= 2 && last.start > limit);
                own_turns >= 1 && last_start > limit && last_done
            }
            Window::FirstTurns(n) => {
                self.turns
                    .iter()
                    .filter(|t| speaker.accepts(t.speaker))
                    .count()
                    > *n
            }
            Window::FirstSecs(s) => last_start > self.connect + s,
            _ => false,
        }
    }

    /// Matches of `mask` in utterance `i`; with `skip_negated`, matches
    /// preceded by a negation are left out.
    pub fn matches<'m>(
        &'m self,
        i: usize,
        mask: &'m SetMask,
        skip_negated: bool,
    ) -> impl Iterator<Item = &'m Match> + 'm {
        self.an[i]
            .matches
            .iter()
            .filter(move |m| mask.contains(m.set.0 as usize) && !(skip_negated && m.negated))
    }

    /// The placeholder every set of the mask needs and this call lacks
    /// (`company` when neither the call nor the standard names one).
    pub fn missing_value(&self, mask: &SetMask) -> Option<&'static str> {
        let mut missing = None;
        for i in mask.indices() {
            match self.std.requires.get(&(self.lang, i)) {
                Some(p) => match self.unknown.iter().find(|u| **u == p) {
                    Some(u) => missing = Some(*u),
                    None => return None,
                },
                None => return None,
            }
        }
        missing
    }

    /// Whether any set of the mask has phrases in the call's language.
    pub fn mask_usable(&self, mask: &SetMask) -> bool {
        let book = self.std.book(self.lang);
        mask.indices()
            .any(|i| !book.set_is_empty(callqa_text::SetId(i as u32)))
    }

    /// The words of match `m` in utterance `i` as evidence, naming the
    /// language of the entry when it is not the call's.
    pub fn quote(&self, i: usize, m: &Match) -> Evidence {
        let u = &self.utts()[i];
        let e = Evidence::quote(
            u.speaker,
            u.start,
            u.end,
            u.text.get(m.start..m.end).unwrap_or(&u.text),
        );
        // Against the book the call is matched with: a call in a
        // language without one is matched with the fallback book.
        if m.lang == self.std.book(self.lang).language() {
            e
        } else {
            e.in_language(model_language(m.lang))
        }
    }

    /// The whole utterance as evidence, shortened to about 120 characters.
    pub fn utt_evidence(&self, i: usize) -> Evidence {
        let u = &self.utts()[i];
        Evidence::quote(u.speaker, u.start, u.end, shorten(&u.text, 120))
    }

    /// The words of the utterances, shortened, for messages.
    pub fn said(&self, utts: &[usize]) -> String {
        let mut s = String::new();
        for &i in utts.iter().take(3) {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(self.utts()[i].text.trim());
        }
        shorten(&s, 90)
    }

    pub fn words(&self, i: usize) -> usize {
        self.an[i].analyzed.len()
    }
}

pub(crate) fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// Seconds as `m:ss` for messages.
pub(crate) fn clock(secs: f64) -> String {
    let s = secs.max(0.0).floor() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}
