//! What a version 2 standard adds around its rules: texts per language,
//! the sections (chapters of the booklet, units of the section scores),
//! items a supervisor marks by hand, which redactions are on, and the test
//! cases and prompts that later features fill. The engine stores them; the
//! front end reads them from the file.

use callqa_model::Lang;

/// A text in one or more languages: `title = "…"` or `title = { ru = "…",
/// en = "…" }` in the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Localized {
    plain: Option<String>,
    by_lang: Vec<(Lang, String)>,
}

impl Localized {
    /// The same text in every language.
    pub fn plain(text: impl Into<String>) -> Localized {
        Localized {
            plain: Some(text.into()),
            by_lang: Vec::new(),
        }
    }

    /// Sets the text of one language.
    pub fn set(&mut self, lang: Lang, text: impl Into<String>) {
        self.by_lang.retain(|(l, _)| *l != lang);
        self.by_lang.push((lang, text.into()));
    }

    /// The text in `lang`: its own, else the plain text, else the first
    /// language given; `None` when there is no text at all.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        self.by_lang
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, t)| t.as_str())
            .or(self.plain.as_deref())
            .or(self.by_lang.first().map(|(_, t)| t.as_str()))
    }

    /// The text given for exactly this language, without falling back.
    pub fn exact(&self, lang: Lang) -> Option<&str> {
        self.by_lang
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, t)| t.as_str())
    }

    /// The same texts, each passed through `f` (placeholders filled from a
    /// rule's parameters).
    pub fn map(&self, f: impl Fn(&str) -> String) -> Localized {
        Localized {
            plain: self.plain.as_deref().map(&f),
            by_lang: self.by_lang.iter().map(|(l, t)| (*l, f(t))).collect(),
        }
    }

    /// Whether no text is given.
    pub fn is_empty(&self) -> bool {
        self.plain.is_none() && self.by_lang.is_empty()
    }
}

/// A section of the standard: a chapter of the booklet and the unit of a
/// section score.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Stable key (`opening`, `hold`…), named by rules and manual items.
    pub id: String,
    /// Its title per language.
    pub title: Localized,
    /// Weight of the section score in the call score; `None` = the call
    /// score stays rule-weighted.
    pub weight: Option<f64>,
}

/// An item a machine cannot check (smiling, a notepad at hand), documented
/// in the standard and marked by a supervisor.
#[derive(Clone, Debug, PartialEq)]
pub struct ManualItem {
    /// Stable key, like a rule id.
    pub id: String,
    /// The section it belongs to.
    pub section: String,
    /// Its title per language.
    pub title: Localized,
    /// Its description per language.
    pub description: Localized,
    /// Weight of a supervisor's mark in the score; 0 (the default) =
    /// documented, not scored.
    pub weight: f64,
}

/// Which redactions of personal data are on (`[privacy]`), by name:
/// `card`, `phone`, `email`, `passport`, `snils`, `inn`, `number`,
/// `spoken_digits`. Every redaction is on unless the standard turns it off.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Privacy {
    off: Vec<String>,
    declared: bool,
}

impl Privacy {
    /// The redaction names the `[privacy]` table takes.
    pub const NAMES: &'static [&'static str] = &[
        "card",
        "phone",
        "email",
        "passport",
        "snils",
        "inn",
        "number",
        "spoken_digits",
    ];

    /// Turns a redaction on or off.
    pub fn set(&mut self, name: &str, on: bool) {
        self.off.retain(|n| n != name);
        if !on {
            self.off.push(name.to_string());
        }
    }

    /// Whether a redaction is on.
    pub fn is_on(&self, name: &str) -> bool {
        !self.off.iter().any(|n| n == name)
    }

    /// Marks the standard as having a `[privacy]` section: what it stores,
    /// exports and reports is then redacted.
    pub fn declare(&mut self) {
        self.declared = true;
    }

    /// Whether the standard has a `[privacy]` section.
    pub fn declared(&self) -> bool {
        self.declared
    }
}

/// A `[[test]]` case of the standard: one or more calls (several for the
/// cross-call rules) and the verdicts they must get, run by `callqa
/// standard test`.
#[derive(Clone, Debug, PartialEq)]
pub struct TestCase {
    /// Names the case in reports.
    pub id: String,
    /// What the case shows.
    pub description: Option<String>,
    /// The calls, audited together in this order.
    pub calls: Vec<TestCall>,
    /// The expected outcome per rule id on the case's last call: `pass`,
    /// `fail` or `n/a`.
    pub expect: Vec<(String, String)>,
}

/// One call of a test case.
#[derive(Clone, Debug, PartialEq)]
pub struct TestCall {
    /// Where the call comes from.
    pub source: TestCallSource,
    /// Outcomes expected on this call (besides the case's `expect`, which
    /// is about the last call).
    pub expect: Vec<(String, String)>,
}

/// A test call: written in the standard file, or a call record on disk.
#[derive(Clone, Debug, PartialEq)]
pub enum TestCallSource {
    /// A call record, a path relative to the standard file.
    Path(String),
    /// A call written inline, already validated as a call record.
    Inline(Box<callqa_model::Call>),
}

/// A `[[prompt]]` entry: a hint shown to the operator in a live call.
/// Reserved: read and kept; live assist fills its meaning.
#[derive(Clone, Debug, PartialEq)]
pub struct Prompt {
    /// Stable key.
    pub id: String,
    /// The rule the prompt helps with, if any.
    pub rule: Option<String>,
    /// The text per language.
    pub text: Localized,
}
