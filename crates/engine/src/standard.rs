//! The compiled standard: immutable, `Send + Sync`, built once from a file
//! and shared by every audit. It holds the rules with their parameters
//! resolved and one phrase book (one automaton) per language.

use std::collections::HashMap;

use callqa_model::{Lang, Party, Severity};
use callqa_text::{Language, PhraseBook};

pub use crate::check::Check;
use crate::sections::{Localized, ManualItem, Privacy, Prompt, Section, TestCase};
use crate::slot_cache::SlotCache;

/// Settings that shape windows and matching for every rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Length of one ring (tone and pause), seconds.
    pub ring_cycle_secs: f64,
    /// Operator turns starting this soon after the answer are the opening, seconds.
    pub opening_secs: f64,
    /// Speech ending this close to the end of the call is the closing, seconds.
    pub closing_secs: f64,
    /// The speaker's last N turns are the closing.
    pub closing_turns: usize,
    /// Index of the backchannel phrase set, when the standard names one.
    pub backchannels: Option<usize>,
    /// Words this long may match with one edit (0 = never).
    pub fuzzy_min_letters: usize,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            ring_cycle_secs: 5.0,
            opening_secs: 15.0,
            closing_secs: 30.0,
            closing_turns: 2,
            backchannels: None,
            fuzzy_min_letters: 6,
        }
    }
}

/// A set of phrase-set indices, as a bit mask for a cheap test per match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetMask {
    bits: Vec<u64>,
    /// Set indices and names in the order the rule lists them.
    pub ids: Vec<usize>,
    /// The set names, in the same order.
    pub names: Vec<String>,
    /// How messages name the sets (their descriptions, per language), in
    /// the same order; empty = by name.
    pub labels: Vec<Localized>,
}

impl SetMask {
    /// A mask of the given set indices, with their names for messages.
    pub fn new(indices: &[usize], names: Vec<String>) -> SetMask {
        let mut bits = Vec::new();
        for &i in indices {
            if bits.len() <= i / 64 {
                bits.resize(i / 64 + 1, 0);
            }
            bits[i / 64] |= 1 << (i % 64);
        }
        SetMask {
            bits,
            ids: indices.to_vec(),
            names,
            labels: Vec::new(),
        }
    }

    /// The same mask, named in messages by `labels` (one per set).
    pub fn with_labels(mut self, labels: Vec<Localized>) -> SetMask {
        self.labels = labels;
        self
    }

    #[inline]
    /// Whether the set is in the mask.
    pub fn contains(&self, set: usize) -> bool {
        self.bits
            .get(set / 64)
            .is_some_and(|w| w & (1 << (set % 64)) != 0)
    }

    /// The set indices, in the order the rule lists them.
    pub fn indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.ids.iter().copied()
    }

    /// The sets for English messages: their descriptions («the operator
    /// offers help»), else their names.
    pub fn label(&self) -> String {
        self.label_in(Lang::En)
    }

    /// The sets for messages in `lang`: their descriptions in that language
    /// (else in the one given), else their names.
    pub fn label_in(&self, lang: Lang) -> String {
        if self.labels.len() == self.names.len() && !self.labels.is_empty() {
            let texts: Vec<&str> = self
                .labels
                .iter()
                .zip(&self.names)
                .map(|(l, n)| l.get(lang).unwrap_or(n))
                .collect();
            texts.join("; ")
        } else {
            self.names.join(", ")
        }
    }
}

/// Whose speech a check looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpeakerSel {
    /// Only this party.
    Only(Party),
    /// Either party.
    Any,
}

impl SpeakerSel {
    /// Whether speech by `p` counts.
    pub fn accepts(self, p: Party) -> bool {
        match self {
            SpeakerSel::Only(q) => p == q,
            SpeakerSel::Any => true,
        }
    }

    /// «the operator», «the client», «anyone», for messages.
    pub fn label(self) -> &'static str {
        match self {
            SpeakerSel::Only(Party::Operator) => "the operator",
            SpeakerSel::Only(Party::Client) => "the client",
            SpeakerSel::Any => "anyone",
        }
    }
}

/// Which part of the call a phrase check looks at.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Window {
    /// The whole call.
    Call,
    /// The opening: the first turn and turns starting within `opening_secs`.
    Opening,
    /// The closing: the last turns and the last `closing_secs`.
    Closing,
    /// The speaker's first N turns.
    FirstTurns(usize),
    /// Speech starting within N seconds of the connection.
    FirstSecs(f64),
    /// Speech ending within the last N seconds.
    LastSecs(f64),
    /// Speech from the first phrase of the set on.
    After(SetMask),
}

impl Window {
    /// The window in messages: «the opening», «the first 2 turns».
    pub fn label(&self) -> String {
        match self {
            Window::Call => "the call".into(),
            Window::Opening => "the opening".into(),
            Window::Closing => "the closing".into(),
            Window::FirstTurns(1) => "the first turn".into(),
            Window::FirstTurns(n) => format!("the first {n} turns"),
            Window::FirstSecs(s) => format!("the first {s} s"),
            Window::LastSecs(s) => format!("the last {s} s"),
            Window::After(m) => format!("the speech after «{}»", m.label()),
        }
    }
}

/// The telephony events a check can be about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EventSel {
    /// The call was answered.
    Answer,
    /// A hold started.
    HoldStart,
    /// A hold ended.
    HoldEnd,
    /// The call was transferred.
    Transfer,
    /// Someone hung up.
    Hangup,
    /// The line dropped.
    Drop,
    /// A hold from `hold_start` to `hold_end`.
    Hold,
}

impl EventSel {
    /// The selector a standard file names (`"hold_start"`).
    pub fn parse(s: &str) -> Option<EventSel> {
        Some(match s {
            "answer" => EventSel::Answer,
            "hold_start" => EventSel::HoldStart,
            "hold_end" => EventSel::HoldEnd,
            "transfer" => EventSel::Transfer,
            "hangup" => EventSel::Hangup,
            "drop" => EventSel::Drop,
            "hold" => EventSel::Hold,
            _ => return None,
        })
    }

    /// The name a standard file uses.
    pub fn name(self) -> &'static str {
        match self {
            EventSel::Answer => "answer",
            EventSel::HoldStart => "hold_start",
            EventSel::HoldEnd => "hold_end",
            EventSel::Transfer => "transfer",
            EventSel::Hangup => "hangup",
            EventSel::Drop => "drop",
            EventSel::Hold => "hold",
        }
    }
}

/// A time-of-day greeting period: local hours `[from, to)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Period {
    /// The greetings of the period.
    pub sets: SetMask,
    /// First local hour of the period.
    pub from: f64,
    /// Hour the period ends (exclusive); may wrap past midnight.
    pub to: f64,
}

/// Daily hours as minutes since midnight, `[from, to)`; `None` = no hours.
pub type Hours = Option<(u32, u32)>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// How soon a response must follow its trigger.
#[non_exhaustive]
pub enum ResponseWithin {
    /// Anywhere later in the call.
    RestOfCall,
    /// In the responder's same or next turn.
    SameOrNextTurn,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// Who may end the call.
#[non_exhaustive]
pub enum HangupPolicy {
    /// On inbound calls the client hangs up first; outbound is n/a.
    ClientFirstOnInbound,
    /// Whoever placed the call ends it.
    InitiatorEnds,
    /// Anyone may end the call.
    Any,
}

/// Which calls a rule applies to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct When {
    /// Only calls in this direction.
    pub direction: Option<callqa_model::Direction>,
    /// Only answered (`true`) or missed (`false`) calls.
    pub answered: Option<bool>,
    /// Only calls in these languages (empty = any).
    pub languages: Vec<Lang>,
    /// Only calls with these tags.
    pub tags: Vec<(String, String)>,
    /// Only calls where the client is (`true`) or is not a third party.
    pub third_party: Option<bool>,
    /// Only calls whose line dropped (`true`) or did not (`false`): the
    /// closing rules are `n/a` on a dropped line, nobody could close.
    pub dropped: Option<bool>,
    /// `n/a` when one of these rules (ids of per-call rules) applied to
    /// the call, whatever its outcome (`outbound.wrong_number`: the client
    /// said it is a wrong number).
    pub unless_applied: Vec<String>,
    /// `n/a` when one of these rules passed on the call
    /// (`outbound.reschedule`: the client could not talk and a new time
    /// was agreed).
    pub unless_passed: Vec<String>,
}

impl When {
    /// Whether applicability depends on other rules' verdicts.
    pub fn has_dependencies(&self) -> bool {
        !self.unless_applied.is_empty() || !self.unless_passed.is_empty()
    }
}

/// One rule of the standard, compiled.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// Stable key in reports (`greeting.hello`).
    pub id: String,
    /// The title (the plain one, or the first language's); see `titles`.
    pub title: String,
    /// The description (plain or first language's); see `descriptions`.
    pub description: String,
    /// The title per language.
    pub titles: Localized,
    /// The description per language.
    pub descriptions: Localized,
    /// The section the rule belongs to.
    pub section: String,
    /// How bad a failure is.
    pub severity: Severity,
    /// Weight in the call score.
    pub weight: f64,
    /// Where the rule comes from (a clause of the company's standard).
    pub source: Option<String>,
    /// Which calls the rule applies to.
    pub when: When,
    /// What the rule checks.
    pub check: Check,
}

/// A compiled standard: immutable once built, shared as `Arc<Standard>` by
/// every audit, session and worker (a server swaps the active revision by
/// swapping the `Arc`). The standard file's front end (`callqa-standard`)
/// builds one from [`StandardParts`]; the engine knows no file format.
#[derive(Clone, Debug)]
pub struct Standard {
    pub(crate) id: String,
    pub(crate) revision: u32,
    pub(crate) title: String,
    pub(crate) fallback_language: Lang,
    pub(crate) settings: Settings,
    pub(crate) company_names: Vec<String>,
    pub(crate) set_names: Vec<String>,
    pub(crate) rules: Vec<Rule>,
    pub(crate) books: Vec<(Lang, PhraseBook)>,
    pub(crate) requires: HashMap<(Lang, usize), String>,
    pub(crate) format: FormatExtras,
    /// Placeholder values of recent calls' names (not part of the
    /// standard's meaning: a clone starts with an empty cache).
    pub(crate) slot_cache: SlotCache,
}

/// Everything a compiled standard is made of, as the front end resolved it.
#[derive(Debug)]
pub struct StandardParts {
    /// The standard's id.
    pub id: String,
    /// Its revision.
    pub revision: u32,
    /// Its title (in the report language).
    pub title: String,
    /// The language assumed for a call whose language is neither given nor
    /// detectable.
    pub fallback_language: Lang,
    /// Settings of windows and matching.
    pub settings: Settings,
    /// Names and aliases of the company the operator may say.
    pub company_names: Vec<String>,
    /// Phrase set names, indexed like the sets of every book.
    pub set_names: Vec<String>,
    /// Enabled rules, in file order.
    pub rules: Vec<Rule>,
    /// One phrase book per language; the first is the fallback for a
    /// language without one.
    pub books: Vec<(Lang, PhraseBook)>,
    /// Phrase sets whose every phrase needs a placeholder value, by
    /// language and set index: `{company}`, `{client_name}`.
    pub requires: HashMap<(Lang, usize), String>,
    /// What format version 2 adds around the rules.
    pub format: FormatExtras,
}

/// What a version 2 standard file adds around its rules. A version 1 file
/// gets [`FormatExtras::version_1`]: no pass mark, the default sections,
/// nothing else.
#[derive(Clone, Debug, PartialEq)]
pub struct FormatExtras {
    /// The file's format version (1 or 2).
    pub version: u32,
    /// The language of messages and reports.
    pub report_language: Lang,
    /// The pass mark; `None` in version 1 (passed unless a critical rule
    /// failed).
    pub pass_score: Option<f64>,
    /// The sections, in booklet order.
    pub sections: Vec<Section>,
    /// Items a supervisor marks by hand.
    pub manual: Vec<ManualItem>,
    /// Which redactions are on.
    pub privacy: Privacy,
    /// The standard's test cases.
    pub tests: Vec<TestCase>,
    /// Live prompts (reserved).
    pub prompts: Vec<Prompt>,
}

impl FormatExtras {
    /// The meaning of a version 1 file.
    pub fn version_1(fallback_language: Lang, sections: Vec<Section>) -> FormatExtras {
        FormatExtras {
            version: 1,
            report_language: fallback_language,
            pass_score: None,
            sections,
            manual: Vec::new(),
            privacy: Privacy::default(),
            tests: Vec::new(),
            prompts: Vec::new(),
        }
    }
}

impl Standard {
    /// Assembles a compiled standard. `parts.books` must not be empty.
    pub fn new(parts: StandardParts) -> Standard {
        assert!(!parts.books.is_empty(), "a standard needs a phrase book");
        Standard {
            id: parts.id,
            revision: parts.revision,
            title: parts.title,
            fallback_language: parts.fallback_language,
            settings: parts.settings,
            company_names: parts.company_names,
            set_names: parts.set_names,
            rules: parts.rules,
            books: parts.books,
            requires: parts.requires,
            format: parts.format,
            slot_cache: SlotCache::default(),
        }
    }

    /// `{id}@{revision}`, as audit output names the standard.
    pub fn label(&self) -> String {
        format!("{}@{}", self.id, self.revision)
    }

    /// The standard's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Its revision; bumped when the rules change.
    pub fn revision(&self) -> u32 {
        self.revision
    }

    /// Its title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The language assumed when a call's is neither given nor detectable.
    pub fn fallback_language(&self) -> Lang {
        self.fallback_language
    }

    /// Settings of windows and matching.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Names of the company the operator may say, besides the call's own.
    pub fn company_names(&self) -> &[String] {
        &self.company_names
    }

    /// Phrase set names, indexed like the sets of every book.
    pub fn set_names(&self) -> &[String] {
        &self.set_names
    }

    /// Enabled rules, in file order; every audit has one verdict per rule
    /// in this order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The phrase book of a language (the first book when it has none).
    pub fn book(&self, lang: Lang) -> &PhraseBook {
        self.books
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, b)| b)
            .unwrap_or(&self.books[0].1)
    }

    /// Every language with a phrase book.
    pub fn languages(&self) -> impl Iterator<Item = Lang> + '_ {
        self.books.iter().map(|(l, _)| *l)
    }

    /// The rule with this id, if it is enabled.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The file's format version (1 or 2).
    pub fn format_version(&self) -> u32 {
        self.format.version
    }

    /// The language of messages and reports (version 2 `report_language`;
    /// version 1: the fallback language).
    pub fn report_language(&self) -> Lang {
        self.format.report_language
    }

    /// The same standard reporting in `lang`: rule titles and every
    /// verdict message of its audits come in that language (`callqa audit
    /// --lang`).
    pub fn set_report_language(&mut self, lang: Lang) {
        self.format.report_language = lang;
    }

    /// The pass mark: 80 unless the file says otherwise; `None` for a
    /// version 1 file (passed unless a critical rule failed).
    pub fn pass_score(&self) -> Option<f64> {
        self.format.pass_score
    }

    /// The sections in booklet order (the catalog's defaults unless the
    /// file gives `[[section]]` tables).
    pub fn sections(&self) -> &[Section] {
        &self.format.sections
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.format.sections.iter().find(|s| s.id == id)
    }

    /// Enabled rules of one section, in file order.
    pub fn rules_in<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Rule> + 'a {
        self.rules.iter().filter(move |r| r.section == section)
    }

    /// Items a supervisor marks by hand (`[[manual]]`).
    pub fn manual_items(&self) -> &[ManualItem] {
        &self.format.manual
    }

    /// Which redactions of personal data are on (`[privacy]`).
    pub fn privacy(&self) -> &Privacy {
        &self.format.privacy
    }

    /// The standard's `[[test]]` cases, run by `callqa standard test`.
    pub fn test_cases(&self) -> &[TestCase] {
        &self.format.tests
    }

    /// Live prompts (`[[prompt]]`, reserved for live assist).
    pub fn prompts(&self) -> &[Prompt] {
        &self.format.prompts
    }
}

/// The text crate's language for a call-record language.
pub fn text_language(lang: Lang) -> Language {
    match lang {
        Lang::Ru => Language::Ru,
        Lang::En => Language::En,
        Lang::Hy => Language::Hy,
    }
}

/// The call-record language for a text-crate language.
pub fn model_language(lang: Language) -> Lang {
    match lang {
        Language::Ru => Lang::Ru,
        Language::En => Lang::En,
        Language::Hy => Lang::Hy,
    }
}
