//! What the store derives from a call and its audit before writing it: the
//! columns lists and stats filter on, the verdict rows, the cross-call
//! facts, and the transcript as stemmed search tokens.

use callqa_engine::history::CallFacts;
use callqa_model::{Call, CallAudit, Lang, Outcome};
use callqa_text::{detect_language, Analyzer, Language};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

use crate::types::Facts;

/// A call ready to be written: record, audit and everything derived from
/// them. Build it with [`StoredCall::new`].
#[derive(Clone, Debug, PartialEq)]
pub struct StoredCall {
    /// The call's id.
    pub id: String,
    /// The call record as JSON.
    pub record: String,
    /// The call's audit output as JSON.
    pub audit: String,
    /// The standard revision that produced the audit.
    pub revision: i64,
    /// The call's `started_at` as RFC 3339 text, with its own offset.
    pub started_at: Option<String>,
    /// Unix seconds of `started_at` (0 when absent).
    pub started: i64,
    /// The local day of `started_at` in its own offset, `YYYY-MM-DD`.
    pub day: String,
    /// The Monday of that day's week.
    pub week: String,
    /// `inbound` or `outbound`.
    pub direction: String,
    /// The language code (`ru`, `en`, `hy`), given or detected from the text.
    pub language: Option<String>,
    /// The operator's id.
    pub operator: String,
    /// The operator's name, when the record gives it.
    pub operator_name: Option<String>,
    /// The queue or line the call came through, when known.
    pub queue: Option<String>,
    /// Length of the call in seconds since `started_at` (to the last event or utterance end).
    pub duration: f64,
    /// The audit score, 0 to 100; `None` when no rule applied (stored as
    /// `scored` = 0).
    pub score: Option<f64>,
    /// Whether the call passed the audit (no critical failure, the pass
    /// mark reached).
    pub passed: bool,
    /// Ids of the rules the call failed.
    pub failed_rules: Vec<String>,
    /// `(rule, outcome)` of every verdict.
    pub verdicts: Vec<(String, String)>,
    /// What cross-call rules need of this call; `None` when it has no client to link.
    pub facts: Option<Facts>,
    /// Stemmed tokens of every utterance, space-separated.
    pub search: String,
    /// A cross-call rule's window is open until this Unix time: the call
    /// is decided again then, or when a later call of its client comes.
    pub pending_until: Option<f64>,
}

impl StoredCall {
    /// Derives the stored form of a call audited under store revision
    /// `revision`.
    pub fn new(call: &Call, audit: &CallAudit, revision: i64) -> StoredCall {
        let record = serde_json::to_string(call).expect("a call always serialises");
        let audit_json = serde_json::to_string(audit).expect("an audit always serialises");
        let started = call.started_at.map(|t| t.unix_timestamp()).unwrap_or(0);
        let (day, week) = match call.started_at {
            Some(t) => days(t),
            None => ("0000-00-00".to_string(), "0000-00-00".to_string()),
        };
        let queue = call.tags.get("queue").cloned();
        let lang = call.language.or_else(|| {
            let text: String = call.utterances.iter().map(|u| u.text.as_str()).collect();
            detect_language(&text).map(model_lang)
        });
        let facts = facts_of(call);
        let analyzer = Analyzer::new(text_lang(lang.unwrap_or(Lang::Ru)));
        let mut search = String::new();
        for u in &call.utterances {
            push_terms(&analyzer, &u.text, &mut search);
        }
        StoredCall {
            id: call.id.clone(),
            record,
            audit: audit_json,
            revision,
            started_at: call.started_at.and_then(|t| t.format(&Rfc3339).ok()),
            started,
            day,
            week,
            direction: call.direction.as_str().to_string(),
            language: lang.map(|l| l.as_str().to_string()),
            operator: call.operator.id.clone(),
            operator_name: call.operator.name.clone(),
            queue,
            duration: call.ended_at(),
            score: audit.score,
            passed: audit.passed,
            failed_rules: audit
                .verdicts
                .iter()
                .filter(|v| v.outcome == Outcome::Fail)
                .map(|v| v.rule.clone())
                .collect(),
            verdicts: audit
                .verdicts
                .iter()
                .map(|v| (v.rule.clone(), v.outcome.as_str().to_string()))
                .collect(),
            facts,
            search,
            pending_until: None,
        }
    }

    /// Marks the verdicts of `rules` `pending` (their audit scores them
    /// `n/a`): the call waits until Unix time `until` for their windows.
    pub fn pending(mut self, until: f64, rules: &[String]) -> StoredCall {
        self.pending_until = Some(until);
        for (rule, outcome) in &mut self.verdicts {
            if rules.contains(rule) {
                *outcome = PENDING.to_string();
            }
        }
        self
    }
}

/// The verdict outcome stored for a cross-call rule whose window is open.
pub const PENDING: &str = "pending";

/// What cross-call rules need of a call, when it has a client to link by.
pub(crate) fn facts_of(call: &Call) -> Option<Facts> {
    let f = CallFacts::of(call);
    let client = f.client.clone()?;
    Some(Facts {
        call: f.id,
        client,
        started: call.started_at.map(|t| t.unix_timestamp()).unwrap_or(0),
        direction: call.direction.as_str().to_string(),
        answered: f.answered,
        dropped: f.dropped_at.is_some(),
        missed: f.has_events && !f.answered,
        operator: call.operator.id.clone(),
        start: f.start.unwrap_or(0.0),
        has_events: f.has_events,
        dropped_at: f.dropped_at,
        ended_at: f.ended_at,
    })
}

/// The search tokens of a query text, in the form [`StoredCall`] indexes
/// (normalised, stemmed, letters and digits only). The language is
/// detected from the text (Russian when it has no letters).
pub fn search_terms(text: &str) -> Vec<String> {
    let lang = detect_language(text).unwrap_or(Language::Ru);
    let mut out = String::new();
    push_terms(&Analyzer::new(lang), text, &mut out);
    out.split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Appends the stems of `text`, keeping letters and digits only so that
/// both FTS5's `unicode61` and PostgreSQL's `simple` parser see each stem
/// as exactly one word.
fn push_terms(analyzer: &Analyzer, text: &str, out: &mut String) {
    for token in analyzer.analyze(text).tokens() {
        let before = out.len();
        if !out.is_empty() {
            out.push(' ');
        }
        let start = out.len();
        out.extend(token.stem.chars().filter(|c| c.is_alphanumeric()));
        if out.len() == start {
            out.truncate(before);
        }
    }
}

fn days(t: OffsetDateTime) -> (String, String) {
    let date = t.date();
    let monday = date - Duration::days(date.weekday().number_days_from_monday() as i64);
    (ymd(date), ymd(monday))
}

fn ymd(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
}

fn text_lang(l: Lang) -> Language {
    match l {
        Lang::Ru => Language::Ru,
        Lang::En => Language::En,
        Lang::Hy => Language::Hy,
    }
}

fn model_lang(l: Language) -> Lang {
    match l {
        Language::Ru => Lang::Ru,
        Language::En => Lang::En,
        Language::Hy => Lang::Hy,
    }
}
