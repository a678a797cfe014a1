//! callqa-privacy: redaction of personal data in what callqa stores,
//! exports, logs and renders (the server contract's Privacy section).
//!
//! Card numbers, phone numbers, e-mails, passport / SNILS / INN numbers and
//! runs of four or more digits — written or spoken as words in Russian or
//! English («девятьсот шестнадцать сто двадцать три…», "nine one six oh…") —
//! are replaced by a typed placeholder (`⟨card⟩`, `⟨phone⟩`…) **per word**,
//! so word counts and word timings stay as they were and no verdict that
//! counts words or reads timings changes. Times, prices, years and
//! quantities the rules read («в десять тридцать», «1500 рублей», «2026»,
//! «две тысячи») are left alone. The Luhn check labels a card; a run of
//! card length that fails it is still redacted, as `⟨number⟩`.
//!
//! The audit runs on the text as received; redact the call and its audit
//! afterwards, before storing or rendering them:
//!
//! ```
//! use callqa_privacy::{Config, Redactor};
//! let r = Redactor::new(Config::default());
//! let out = r.redact_text("Карта 4276 3800 1234 5679, спасибо.");
//! assert_eq!(out.text, "Карта ⟨card⟩ ⟨card⟩ ⟨card⟩ ⟨card⟩, спасибо.");
//! ```

#![deny(missing_docs)]

mod luhn;
mod memo;
mod scan;
mod spoken;

use rustc_hash::{FxHashMap, FxHashSet};

use callqa_model::{Call, CallAudit};

/// What a placeholder stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Kind {
    /// A payment card number (card length; the Luhn check passes, or the
    /// words before it say «карта» / "card").
    Card,
    /// A phone number.
    Phone,
    /// An e-mail address.
    Email,
    /// A passport number (named as one just before it).
    Passport,
    /// A SNILS number (named as one just before it).
    Snils,
    /// An INN (taxpayer) number (named as one just before it).
    Inn,
    /// Any other run of four or more digits.
    Number,
}

impl Kind {
    /// The placeholder that replaces each word of a finding.
    pub fn placeholder(self) -> &'static str {
        match self {
            Kind::Card => "⟨card⟩",
            Kind::Phone => "⟨phone⟩",
            Kind::Email => "⟨email⟩",
            Kind::Passport => "⟨passport⟩",
            Kind::Snils => "⟨snils⟩",
            Kind::Inn => "⟨inn⟩",
            Kind::Number => "⟨number⟩",
        }
    }

    /// The kind's name, as the standard's `[privacy]` section spells it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Card => "card",
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::Passport => "passport",
            Kind::Snils => "snils",
            Kind::Inn => "inn",
            Kind::Number => "number",
        }
    }

    /// Every kind, in placeholder order.
    pub const ALL: [Kind; 7] = [
        Kind::Card,
        Kind::Phone,
        Kind::Email,
        Kind::Passport,
        Kind::Snils,
        Kind::Inn,
        Kind::Number,
    ];
}

/// Which redactions are on. `Default` turns every one on, as the default
/// standard's `[privacy]` section does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Card numbers.
    pub card: bool,
    /// Phone numbers.
    pub phone: bool,
    /// E-mail addresses.
    pub email: bool,
    /// Passport numbers.
    pub passport: bool,
    /// SNILS numbers.
    pub snils: bool,
    /// INN numbers.
    pub inn: bool,
    /// Other runs of four or more digits.
    pub number: bool,
    /// Whether digit runs spoken as words count (not only written digits).
    pub spoken_digits: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            card: true,
            phone: true,
            email: true,
            passport: true,
            snils: true,
            inn: true,
            number: true,
            spoken_digits: true,
        }
    }
}

impl Config {
    /// Whether findings of this kind are redacted.
    pub fn enabled(&self, kind: Kind) -> bool {
        match kind {
            Kind::Card => self.card,
            Kind::Phone => self.phone,
            Kind::Email => self.email,
            Kind::Passport => self.passport,
            Kind::Snils => self.snils,
            Kind::Inn => self.inn,
            Kind::Number => self.number,
        }
    }
}

/// A redacted text and what was found in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redacted {
    /// The text with each word of a finding replaced by its placeholder
    /// (the punctuation around the word kept).
    pub text: String,
    /// The kind of each finding, in text order.
    pub found: Vec<Kind>,
}

/// How many findings of each kind a call or an audit had redacted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    counts: [usize; 7],
}

impl Counts {
    fn add(&mut self, found: &[Kind]) {
        for k in found {
            self.counts[Kind::ALL.iter().position(|a| a == k).unwrap_or(6)] += 1;
        }
    }

    /// Findings of one kind.
    pub fn get(&self, kind: Kind) -> usize {
        self.counts[Kind::ALL.iter().position(|a| *a == kind).unwrap_or(6)]
    }

    /// All findings.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// Redacts texts, calls and audits with one configuration. Cheap to build,
/// `Send + Sync`. It remembers what recent audit texts redacted to (see
/// [`Redactor::redact_audit`]); a clone starts without that memory.
#[derive(Clone, Debug, Default)]
pub struct Redactor {
    config: Config,
    memo: memo::Memo,
}

impl Redactor {
    /// A redactor with the given configuration.
    pub fn new(config: Config) -> Redactor {
        Redactor {
            config,
            memo: memo::Memo::default(),
        }
    }

    /// The configuration in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Redacts one text.
    pub fn redact_text(&self, text: &str) -> Redacted {
        self.redact_found(text).unwrap_or_else(|| Redacted {
            text: text.to_string(),
            found: Vec::new(),
        })
    }

    /// The redacted text, or `None` when nothing in it is redacted (no copy
    /// is made then).
    fn redact_found(&self, text: &str) -> Option<Redacted> {
        if !scan::may_find(text) {
            return None;
        }
        let words = scan::words(text);
        let findings = scan::scan(text, &words, &self.config);
        if findings.is_empty() {
            return None;
        }
        let mut out = String::with_capacity(text.len());
        let mut pos = 0;
        for f in &findings {
            for w in &words[f.words.clone()] {
                out.push_str(&text[pos..w.core.start]);
                out.push_str(f.kind.placeholder());
                pos = w.core.end;
            }
        }
        out.push_str(&text[pos..]);
        Some(Redacted {
            text: out,
            found: findings.iter().map(|f| f.kind).collect(),
        })
    }

    /// Redacts a call record in place: every utterance's text and its
    /// recognised words (word by word, so their timings stay). Names, ids
    /// and numbers in the record's own fields are left as they are: the
    /// rules and the store link calls by them.
    pub fn redact_call(&self, call: &mut Call) -> Counts {
        let mut counts = Counts::default();
        for u in &mut call.utterances {
            let r = self.redact_text(&u.text);
            counts.add(&r.found);
            u.text = r.text;
            if u.words.is_empty() {
                continue;
            }
            // The words are redacted as one text, so a number spoken over
            // several words is seen whole; a word with spaces inside breaks
            // the one-to-one mapping and is redacted on its own.
            let joined: Vec<&str> = u.words.iter().map(|w| w.w.as_str()).collect();
            if joined.iter().any(|w| w.split_whitespace().count() != 1) {
                for w in &mut u.words {
                    w.w = self.redact_text(&w.w).text;
                }
                continue;
            }
            let r = self.redact_text(&joined.join(" "));
            for (w, new) in u.words.iter_mut().zip(r.text.split(' ')) {
                w.w = new.to_string();
            }
        }
        counts
    }

    /// Redacts what an audit quotes: evidence quotes, messages and reasons.
    ///
    /// Verdicts often quote the same utterance (a greeting is evidence of
    /// several rules) and audits the same texts (messages, phrases): each
    /// distinct text is scanned once per audit, and not again while the
    /// redactor remembers it; texts are only rewritten when some text had
    /// something redacted (most audits have none: nothing is copied then).
    pub fn redact_audit(&self, audit: &mut CallAudit) -> Counts {
        let mut counts = Counts::default();
        // The texts with findings, each once; found with borrowed keys.
        let mut by_text: FxHashMap<String, Redacted> = FxHashMap::default();
        {
            let mut seen: FxHashSet<&str> = FxHashSet::default();
            let mut new: Vec<&str> = Vec::new();
            {
                let memo = self.memo.lock();
                for text in audit_texts(audit) {
                    if seen.insert(text) {
                        match memo.get(text) {
                            Some(Some(r)) => {
                                by_text.insert(text.to_string(), r.clone());
                            }
                            Some(None) => {}
                            None => new.push(text),
                        }
                    }
                }
            }
            // Scanned without the lock, so workers never wait on a scan.
            let results: Vec<(Box<str>, Option<Redacted>)> = new
                .into_iter()
                .map(|text| (Box::from(text), self.redact_found(text)))
                .collect();
            for (text, r) in &results {
                if let Some(r) = r {
                    by_text.insert(text.to_string(), r.clone());
                }
            }
            self.memo.add(results);
        }
        if by_text.is_empty() {
            return counts;
        }
        let mut apply = |s: &mut String| {
            if let Some(r) = by_text.get(s.as_str()) {
                counts.add(&r.found);
                s.clone_from(&r.text);
            }
        };
        for v in &mut audit.verdicts {
            if let Some(m) = &mut v.message {
                apply(m);
            }
            if let Some(r) = &mut v.reason {
                apply(r);
            }
            for e in &mut v.evidence {
                apply(&mut e.quote);
            }
        }
        counts
    }
}

/// Every text an audit quotes, in the order [`Redactor::redact_audit`]
/// rewrites them: per verdict its message, its reason, its evidence quotes.
fn audit_texts(audit: &CallAudit) -> impl Iterator<Item = &str> {
    audit.verdicts.iter().flat_map(|v| {
        v.message
            .as_deref()
            .into_iter()
            .chain(v.reason.as_deref())
            .chain(v.evidence.iter().map(|e| e.quote.as_str()))
    })
}
