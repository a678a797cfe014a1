//! Audit output: the verdict of every rule of a standard on one call.
//! These types are the public machine contract. Their `Serialize` writes
//! audit output revision 2 (`schemas/audit-output.v2.schema.json`, `audit
//! --format jsonl`); [`V1`] writes the same audit as output v1
//! (`schemas/audit-output.v1.schema.json`, `--format jsonl-v1`) for old
//! consumers. Fields are added, never renamed.

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

use crate::call::{Direction, Lang, Party};

/// How much a rule's failure matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The call fails whatever its score.
    Critical,
    /// A serious breach: counts against the score with the rule's weight.
    Major,
    /// A small breach: counts against the score with the rule's (by default lower) weight.
    Minor,
}

impl Severity {
    /// The lower-case name used in standards and audit output: `critical`, `major` or `minor`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Major => "major",
            Severity::Minor => "minor",
        }
    }

    /// The weight a rule of this severity has unless the standard says
    /// otherwise.
    pub fn default_weight(self) -> f64 {
        match self {
            Severity::Critical | Severity::Major => 10.0,
            Severity::Minor => 5.0,
        }
    }
}

/// What one rule concluded about one call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Outcome {
    /// The call meets the rule.
    #[serde(rename = "pass")]
    Pass,
    /// The call breaks the rule; the verdict carries a message.
    #[serde(rename = "fail")]
    Fail,
    /// The rule does not apply to this call (written `n/a`); the verdict carries a reason.
    #[serde(rename = "n/a")]
    NotApplicable,
}

impl Outcome {
    /// The string of the output format: `pass`, `fail` or `n/a`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::NotApplicable => "n/a",
        }
    }
}

/// Whether evidence quotes words said or states a fact the tool computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceKind {
    /// Words said: a slice of an utterance's text, with its speaker.
    Quote,
    /// A fact computed by the tool: a rate, a silence, an event, who hung up.
    Fact,
}

/// Words or an event that back a verdict: who, when, and what was said.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// A quote of words said, or a computed fact.
    pub kind: EvidenceKind,
    /// Who spoke the quoted words (or, for a fact, whom it is about).
    pub speaker: Option<Party>,
    /// Start of the quoted words or the fact, in seconds since `started_at`.
    pub start: f64,
    /// End of the quoted words or the fact, in seconds since `started_at`.
    pub end: f64,
    /// The words as they stand in the transcript (a slice of the original
    /// text), or the fact in words.
    pub quote: String,
    /// The language of the phrase entry the quoted words matched, when it
    /// is not the call's: an Armenian operator's «Спасибо за ожидание»
    /// matched the Russian entries of the rule (revision 2; written only
    /// then).
    pub lang: Option<Lang>,
}

impl Evidence {
    /// Words `speaker` said from `start` to `end`.
    pub fn quote(speaker: Party, start: f64, end: f64, text: impl Into<String>) -> Evidence {
        Evidence {
            kind: EvidenceKind::Quote,
            speaker: Some(speaker),
            start,
            end,
            quote: text.into(),
            lang: None,
        }
    }

    /// The same quote, matched by an entry of `lang` (a clause in another
    /// language than the call's).
    pub fn in_language(mut self, lang: Lang) -> Evidence {
        self.lang = Some(lang);
        self
    }

    /// A fact the tool computed, at `start` (to `end` for a span such as a
    /// silence).
    pub fn fact(start: f64, end: f64, text: impl Into<String>) -> Evidence {
        Evidence {
            kind: EvidenceKind::Fact,
            speaker: None,
            start,
            end,
            quote: text.into(),
            lang: None,
        }
    }

    /// The same fact, about `party` (who hung up, whose speech rate).
    pub fn about(mut self, party: Party) -> Evidence {
        self.speaker = Some(party);
        self
    }
}

/// Revision 2: `{"kind": "quote", "speaker", "start", "end", "quote"}` or
/// `{"kind": "fact", "at", "end" (a span only), "text"}`.
impl Serialize for Evidence {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Evidence", 6)?;
        m.serialize_field("kind", &self.kind)?;
        match self.kind {
            EvidenceKind::Quote => {
                if let Some(sp) = self.speaker {
                    m.serialize_field("speaker", &sp)?;
                }
                m.serialize_field("start", &self.start)?;
                m.serialize_field("end", &self.end)?;
                m.serialize_field("quote", &self.quote)?;
                if let Some(lang) = self.lang {
                    m.serialize_field("lang", &lang)?;
                }
            }
            EvidenceKind::Fact => {
                m.serialize_field("at", &self.start)?;
                if self.end > self.start {
                    m.serialize_field("end", &self.end)?;
                }
                m.serialize_field("text", &self.quote)?;
            }
        }
        m.end()
    }
}

/// The result of one rule of the standard on one call.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Verdict {
    /// The id of the rule, such as `greeting.company`.
    pub rule: String,
    /// The rule's title in the report language (revision 2); empty when
    /// the standard gives none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Whether the call passed, failed or the rule did not apply.
    pub outcome: Outcome,
    /// The rule's severity as the standard sets it.
    pub severity: Severity,
    /// The rule's weight in the score (the standard's value, else the severity's default).
    pub weight: f64,
    /// Why the rule failed, for a supervisor; always set on `fail`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Why the rule does not apply; always set on `n/a`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The words or events that back the outcome; empty when there are none to show.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Occurrences counted but not listed in `evidence` (revision 2;
    /// written when not 0): `evidence.len() + more` is the count a message
    /// gives.
    #[serde(skip_serializing_if = "is_zero")]
    pub more: usize,
    /// A `[[manual]]` item of the standard, marked by a supervisor
    /// (revision 2; written when true).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub manual: bool,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Verdict {
    /// A verdict with no message, reason or evidence.
    pub fn new(
        rule: impl Into<String>,
        outcome: Outcome,
        severity: Severity,
        weight: f64,
    ) -> Verdict {
        Verdict {
            rule: rule.into(),
            title: String::new(),
            outcome,
            severity,
            weight,
            message: None,
            reason: None,
            evidence: Vec::new(),
            more: 0,
            manual: false,
        }
    }
}

/// The score of one section of the standard on one call.
#[derive(Clone, Debug, PartialEq)]
pub struct SectionScore {
    /// The section's id (`opening`, `hold`…).
    pub section: String,
    /// 100 × weight of its passed rules / weight of its applicable rules;
    /// `None` when none applied.
    pub score: Option<f64>,
}

/// The result of auditing one call against one standard.
#[derive(Clone, Debug, PartialEq)]
pub struct CallAudit {
    /// The id of the audited call.
    pub call: String,
    /// `{standard id}@{revision}`.
    pub standard: String,
    /// The call's score, 0 to 100, one decimal: 0 after a critical failure
    /// (an auto-fail); `None` when no rule applied.
    pub score: Option<f64>,
    /// The score before an auto-fail; `None` exactly when `score` is.
    pub raw_score: Option<f64>,
    /// False when a critical rule failed or the score is below the
    /// standard's pass mark; true when nothing was scored.
    pub passed: bool,
    /// The score of every section, in the standard's order.
    pub sections: Vec<SectionScore>,
    /// The operator id, for reports without the call record at hand.
    pub operator: Option<String>,
    /// The call's facts a report needs without the call record at hand.
    pub info: CallInfo,
    /// One verdict per rule of the standard, in the standard's order, then
    /// one per `[[manual]]` item.
    pub verdicts: Vec<Verdict>,
}

/// What audit output revision 2 repeats of the call record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CallInfo {
    /// `started_at` as RFC 3339 text, when known.
    pub started_at: Option<String>,
    /// `inbound` or `outbound`.
    pub direction: Option<Direction>,
    /// The call's language, given or detected.
    pub language: Option<Lang>,
    /// The operator's name, when the record gives it.
    pub operator_name: Option<String>,
    /// The queue or line the call came through, when known.
    pub queue: Option<String>,
    /// Seconds from the first event to the end of the call.
    pub duration: f64,
    /// Seconds from `answer` to the end; `None` on a missed call.
    pub talk_time: Option<f64>,
}

impl CallInfo {
    /// What revision 2 repeats of `call`, with its language given or
    /// detected (`language`).
    pub fn of(call: &crate::Call, language: Option<Lang>) -> CallInfo {
        use time::format_description::well_known::Rfc3339;
        let first = call.events.first().map(|e| e.at).unwrap_or(0.0);
        let end = call.ended_at();
        let round = |x: f64| (x * 10.0).round() / 10.0;
        CallInfo {
            started_at: call.started_at.and_then(|t| t.format(&Rfc3339).ok()),
            direction: Some(call.direction),
            language: call.language.or(language),
            operator_name: call.operator.name.clone(),
            queue: call.tags.get("queue").cloned(),
            duration: round((end - first).max(0.0)),
            talk_time: call.answered_at().map(|a| round((end - a).max(0.0))),
        }
    }
}

impl CallAudit {
    /// Whether the call was scored (some rule applied).
    pub fn is_scored(&self) -> bool {
        self.score.is_some()
    }

    /// The score of a section, `None` when the section has no score or
    /// does not exist.
    pub fn section_score(&self, id: &str) -> Option<f64> {
        self.sections
            .iter()
            .find(|s| s.section == id)
            .and_then(|s| s.score)
    }
}

struct Sections<'a>(&'a [SectionScore]);

impl Serialize for Sections<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for sec in self.0 {
            m.serialize_entry(&sec.section, &sec.score)?;
        }
        m.end()
    }
}

/// Audit output revision 2.
impl Serialize for CallAudit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let i = &self.info;
        let mut m = s.serialize_struct("CallAudit", 15)?;
        m.serialize_field("call", &self.call)?;
        m.serialize_field("standard", &self.standard)?;
        m.serialize_field("score", &self.score)?;
        m.serialize_field("raw_score", &self.raw_score)?;
        m.serialize_field("passed", &self.passed)?;
        m.serialize_field("sections", &Sections(&self.sections))?;
        if let Some(t) = &i.started_at {
            m.serialize_field("started_at", t)?;
        }
        if let Some(d) = &i.direction {
            m.serialize_field("direction", d)?;
        }
        if let Some(l) = &i.language {
            m.serialize_field("language", l)?;
        }
        if let Some(o) = &self.operator {
            m.serialize_field("operator", o)?;
        }
        if let Some(n) = &i.operator_name {
            m.serialize_field("operator_name", n)?;
        }
        if let Some(q) = &i.queue {
            m.serialize_field("queue", q)?;
        }
        m.serialize_field("duration", &i.duration)?;
        m.serialize_field("talk_time", &i.talk_time)?;
        m.serialize_field("verdicts", &self.verdicts)?;
        m.end()
    }
}

/// An audit written as output v1 for old consumers: no revision 2 fields,
/// `score` 100 when nothing was scored (v1 has no `null` score), evidence
/// as `{speaker, start, end, quote}`, no `[[manual]]` items.
#[derive(Clone, Copy, Debug)]
pub struct V1<'a>(pub &'a CallAudit);

struct V1Verdict<'a>(&'a Verdict);
struct V1Evidence<'a>(&'a Evidence);

impl Serialize for V1<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = self.0;
        let mut m = s.serialize_struct("CallAudit", 6)?;
        m.serialize_field("call", &a.call)?;
        m.serialize_field("standard", &a.standard)?;
        m.serialize_field("score", &a.score.unwrap_or(100.0))?;
        m.serialize_field("passed", &a.passed)?;
        if let Some(o) = &a.operator {
            m.serialize_field("operator", o)?;
        }
        let verdicts: Vec<V1Verdict> = a
            .verdicts
            .iter()
            .filter(|v| !v.manual)
            .map(V1Verdict)
            .collect();
        m.serialize_field("verdicts", &verdicts)?;
        m.end()
    }
}

impl Serialize for V1Verdict<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        let mut m = s.serialize_struct("Verdict", 7)?;
        m.serialize_field("rule", &v.rule)?;
        m.serialize_field("outcome", &v.outcome)?;
        m.serialize_field("severity", &v.severity)?;
        m.serialize_field("weight", &v.weight)?;
        if let Some(x) = &v.message {
            m.serialize_field("message", x)?;
        }
        if let Some(x) = &v.reason {
            m.serialize_field("reason", x)?;
        }
        if !v.evidence.is_empty() {
            let ev: Vec<V1Evidence> = v.evidence.iter().map(V1Evidence).collect();
            m.serialize_field("evidence", &ev)?;
        }
        m.end()
    }
}

impl Serialize for V1Evidence<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.0;
        let mut m = s.serialize_struct("Evidence", 4)?;
        if let Some(sp) = e.speaker {
            m.serialize_field("speaker", &sp)?;
        }
        m.serialize_field("start", &e.start)?;
        m.serialize_field("end", &e.end)?;
        m.serialize_field("quote", &e.quote)?;
        m.end()
    }
}
