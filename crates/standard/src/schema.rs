//! The standard file exactly as written (format version 1): serde structs
//! that mirror the TOML, with spans on the leaves that validation may need
//! to point at. Nothing here is interpreted; `compile.rs` turns a
//! [`StandardFile`] into a runnable [`crate::Standard`].
//!
//! Every struct denies unknown keys, so a typo (`severty`) is an error with
//! its position, not a silently ignored setting. The schema avoids serde's
//! `untagged`/`flatten`, which lose spans: `check` is one flat table whose
//! `type` decides which of its keys are allowed (checked in `compile.rs`).

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

pub type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardFile {
    pub version: S<i64>,
    pub id: S<String>,
    pub revision: Option<S<i64>>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub fallback_language: Option<S<String>>,
    #[serde(default)]
    pub settings: SettingsDef,
    #[serde(default)]
    pub company: CompanyDef,
    #[serde(default)]
    pub phrases: BTreeMap<String, S<PhraseSetDef>>,
    #[serde(default, rename = "rule")]
    pub rules: Vec<S<RuleDef>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsDef {
    pub ring_cycle_secs: Option<S<f64>>,
    pub opening_secs: Option<S<f64>>,
    pub closing_secs: Option<S<f64>>,
    pub closing_turns: Option<S<i64>>,
    pub backchannels: Option<S<String>>,
    pub fuzzy_min_letters: Option<S<i64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyDef {
    #[serde(default)]
    pub names: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseSetDef {
    pub description: Option<String>,
    pub fuzzy: Option<bool>,
    pub ru: Option<Vec<S<String>>>,
    pub en: Option<Vec<S<String>>>,
    pub hy: Option<Vec<S<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub id: S<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub severity: S<String>,
    pub weight: Option<S<f64>>,
    pub enabled: Option<bool>,
    pub source: Option<String>,
    pub when: Option<S<WhenDef>>,
    pub check: S<CheckDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhenDef {
    pub direction: Option<S<String>>,
    pub answered: Option<bool>,
    pub languages: Option<Vec<S<String>>>,
    pub tags: Option<BTreeMap<String, String>>,
    pub third_party: Option<bool>,
}

/// One flat table for every check type; `compile.rs` knows which keys each
/// type takes and reports the others.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckDef {
    #[serde(rename = "type")]
    pub kind: S<String>,
    pub phrases: Option<S<Vec<S<String>>>>,
    pub speaker: Option<S<String>>,
    pub window: Option<S<toml::Value>>,
    pub negation: Option<S<bool>>,
    pub all: Option<S<bool>>,
    pub max: Option<S<f64>>,
    pub max_per_100_words: Option<S<f64>>,
    pub max_per_minute: Option<S<f64>>,
    pub min_count: Option<S<f64>>,
    pub turn: Option<S<String>>,
    pub first: Option<S<Vec<S<String>>>>,
    pub then: Option<S<Vec<S<String>>>>,
    pub periods: Option<S<Vec<S<PeriodDef>>>>,
    pub event: Option<S<String>>,
    pub within_secs: Option<S<f64>>,
    pub max_secs: Option<S<f64>>,
    pub max_rings: Option<S<f64>>,
    pub weekdays: Option<S<String>>,
    pub weekends: Option<S<String>>,
    pub min_wpm: Option<S<f64>>,
    pub max_wpm: Option<S<f64>>,
    pub min_utterance_secs: Option<S<f64>>,
    pub min_into_secs: Option<S<f64>>,
    pub min_before_end_secs: Option<S<f64>>,
    pub intro: Option<S<Vec<S<String>>>>,
    pub trigger: Option<S<Vec<S<String>>>>,
    pub trigger_speaker: Option<S<String>>,
    pub response: Option<S<Vec<S<String>>>>,
    pub response_speaker: Option<S<String>>,
    pub within: Option<S<String>>,
    pub policy: Option<S<String>>,
    pub profanity: Option<S<Vec<S<String>>>>,
    pub warning: Option<S<Vec<S<String>>>>,
    pub initiator: Option<S<String>>,
    pub period_secs: Option<S<f64>>,
    pub per_day: Option<S<f64>>,
    pub per_week: Option<S<f64>>,
    pub per_month: Option<S<f64>>,
}

impl CheckDef {
    /// The keys that are set, with their spans, for "does not apply to this
    /// check type" diagnostics.
    pub fn keys_present(&self) -> Vec<(&'static str, std::ops::Range<usize>)> {
        let mut out = Vec::new();
        macro_rules! key {
            ($($f:ident),*) => {$(
                if let Some(v) = &self.$f { out.push((stringify!($f), v.span())); }
            )*};
        }
        key!(
            phrases,
            speaker,
            window,
            negation,
            max,
            max_per_100_words,
            max_per_minute,
            min_count,
            turn,
            first,
            then,
            periods,
            event,
            within_secs,
            max_secs,
            max_rings,
            weekdays,
            weekends,
            min_wpm,
            max_wpm,
            min_utterance_secs,
            min_into_secs,
            min_before_end_secs,
            intro,
            trigger,
            trigger_speaker,
            response,
            response_speaker,
            within,
            policy,
            profanity,
            warning,
            initiator,
            period_secs,
            per_day,
            per_week,
            per_month
        );
        out
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodDef {
    pub phrases: S<String>,
    pub from: S<f64>,
    pub to: S<f64>,
}
