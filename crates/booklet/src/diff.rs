//! `callqa standard diff OLD NEW [--calls …]`: what changed between two
//! revisions of a standard file — header fields (`pass_score`, revision,
//! languages), settings, sections, rules (added, removed, enabled,
//! disabled, each parameter old → new, severity, weight, section), phrase
//! entries added and removed per set and language, test cases — and, over
//! calls, which verdicts and scores change. Read from both files' TOML as
//! written, with the compiled standards for what the file leaves to
//! defaults (a rule's weight and section).

use std::collections::BTreeMap;
use std::sync::Arc;

use callqa_engine::{Batch, Standard};
use callqa_model::{Call, CallAudit, Lang};

use crate::phrases::PhraseCatalog;

/// One field that changed: `None` where it is absent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The field: `pass_score`, `check.max_rings`, `settings.opening_secs`.
    pub field: String,
    /// The old value as the file writes it.
    pub old: Option<String>,
    /// The new value.
    pub new: Option<String>,
}

/// What happened to a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleStatus {
    /// Only in the new file.
    Added,
    /// Only in the old file.
    Removed,
    /// Disabled before, enabled now.
    Enabled,
    /// Enabled before, disabled now.
    Disabled,
    /// In both, with other fields changed.
    Changed,
}

impl RuleStatus {
    /// `added`, `removed`, `enabled`, `disabled`, `changed`.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleStatus::Added => "added",
            RuleStatus::Removed => "removed",
            RuleStatus::Enabled => "enabled",
            RuleStatus::Disabled => "disabled",
            RuleStatus::Changed => "changed",
        }
    }
}

/// A rule that differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleDiff {
    /// The rule's id.
    pub id: String,
    /// What happened to it.
    pub status: RuleStatus,
    /// Its fields that changed (for rules in both files).
    pub changes: Vec<Change>,
}

/// A phrase set that differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetDiff {
    /// The set's name.
    pub set: String,
    /// `added`, `removed` or `changed`.
    pub status: &'static str,
    /// Entries only in the new file, with their language.
    pub added: Vec<(Lang, String)>,
    /// Entries only in the old file.
    pub removed: Vec<(Lang, String)>,
    /// The description, when it changed.
    pub description: Option<Change>,
}

/// Everything that differs between two standard files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StandardDiff {
    /// `id@revision` of the old and the new standard.
    pub labels: (String, String),
    /// Header fields, settings, company names and privacy switches.
    pub header: Vec<Change>,
    /// `[[section]]`, `[[manual]]` and `[[test]]` tables added, removed or
    /// changed, by `kind id`.
    pub tables: Vec<Change>,
    /// Rules that differ, in the new file's order, removed ones last.
    pub rules: Vec<RuleDiff>,
    /// Phrase sets that differ, by name.
    pub phrases: Vec<SetDiff>,
}

impl StandardDiff {
    /// Whether the two files mean the same.
    pub fn is_empty(&self) -> bool {
        self.header.is_empty()
            && self.tables.is_empty()
            && self.rules.is_empty()
            && self.phrases.is_empty()
    }
}

fn parse(text: &str) -> toml::Table {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.parse::<toml::Table>().unwrap_or_default()
}

/// Every scalar or array under `v` as `prefix.key = value`.
fn flatten(prefix: &str, v: &toml::Value, out: &mut BTreeMap<String, String>) {
    match v {
        toml::Value::Table(t) => {
            for (k, v) in t {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        other => {
            out.insert(prefix.to_string(), other.to_string());
        }
    }
}

fn compare(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) -> Vec<Change> {
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| old.get(*k) != new.get(*k))
        .map(|k| Change {
            field: k.clone(),
            old: old.get(k).cloned(),
            new: new.get(k).cloned(),
        })
        .collect()
}

fn flat_of(t: &toml::Table, skip: &[&str]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (k, v) in t.iter().filter(|(k, _)| !skip.contains(&k.as_str())) {
        flatten(k, v, &mut out);
    }
    out
}

/// The tables of an array of tables (`[[rule]]`) by their `id`, in order.
fn by_id(file: &toml::Table, key: &str) -> Vec<(String, toml::Table)> {
    file.get(key)
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(toml::Value::as_table)
        .map(|t| {
            let id = t
                .get("id")
                .and_then(toml::Value::as_str)
                .unwrap_or("?")
                .to_string();
            (id, t.clone())
        })
        .collect()
}

fn enabled(t: &toml::Table) -> bool {
    t.get("enabled")
        .and_then(toml::Value::as_bool)
        .unwrap_or(true)
}

/// What differs between the standard files `old_text` (compiled: `old`)
/// and `new_text` (`new`).
pub fn diff(old: &Standard, old_text: &str, new: &Standard, new_text: &str) -> StandardDiff {
    let (of, nf) = (parse(old_text), parse(new_text));
    let mut d = StandardDiff {
        labels: (old.label(), new.label()),
        ..StandardDiff::default()
    };
    let skip = ["phrases", "rule", "test", "manual", "section"];
    d.header = compare(&flat_of(&of, &skip), &flat_of(&nf, &skip));
    for kind in ["section", "manual", "test"] {
        let (o, n) = (by_id(&of, kind), by_id(&nf, kind));
        for (id, t) in &n {
            match o.iter().find(|(i, _)| i == id) {
                None => d.tables.push(Change {
                    field: format!("{kind} {id}"),
                    old: None,
                    new: Some("added".into()),
                }),
                Some((_, ot)) if ot != t => d.tables.push(Change {
                    field: format!("{kind} {id}"),
                    old: Some("changed".into()),
                    new: Some("changed".into()),
                }),
                Some(_) => {}
            }
        }
        for (id, _) in o.iter().filter(|(i, _)| !n.iter().any(|(j, _)| j == i)) {
            d.tables.push(Change {
                field: format!("{kind} {id}"),
                old: Some("removed".into()),
                new: None,
            });
        }
    }
    let (or, nr) = (by_id(&of, "rule"), by_id(&nf, "rule"));
    for (id, nt) in &nr {
        let Some((_, ot)) = or.iter().find(|(i, _)| i == id) else {
            d.rules.push(RuleDiff {
                id: id.clone(),
                status: RuleStatus::Added,
                changes: Vec::new(),
            });
            continue;
        };
        let mut changes = compare(
            &flat_of(ot, &["id", "enabled"]),
            &flat_of(nt, &["id", "enabled"]),
        );
        // What the files leave to defaults: the weight of a severity, the
        // section of an id.
        if let (Some(a), Some(b)) = (old.rule(id), new.rule(id)) {
            let has = |f: &str, c: &[Change]| c.iter().any(|x| x.field == f);
            if a.weight != b.weight && !has("weight", &changes) {
                changes.push(Change {
                    field: "weight".into(),
                    old: Some(a.weight.to_string()),
                    new: Some(b.weight.to_string()),
                });
            }
            if a.section != b.section && !has("section", &changes) {
                changes.push(Change {
                    field: "section".into(),
                    old: Some(a.section.clone()),
                    new: Some(b.section.clone()),
                });
            }
        }
        let status = match (enabled(ot), enabled(nt)) {
            (false, true) => RuleStatus::Enabled,
            (true, false) => RuleStatus::Disabled,
            _ if changes.is_empty() => continue,
            _ => RuleStatus::Changed,
        };
        d.rules.push(RuleDiff {
            id: id.clone(),
            status,
            changes,
        });
    }
    for (id, _) in or.iter().filter(|(i, _)| !nr.iter().any(|(j, _)| j == i)) {
        d.rules.push(RuleDiff {
            id: id.clone(),
            status: RuleStatus::Removed,
            changes: Vec::new(),
        });
    }
    d.phrases = phrase_diff(
        &PhraseCatalog::from_toml(old_text),
        &PhraseCatalog::from_toml(new_text),
    );
    d
}

fn phrase_diff(old: &PhraseCatalog, new: &PhraseCatalog) -> Vec<SetDiff> {
    let mut names: Vec<&String> = old.sets.keys().chain(new.sets.keys()).collect();
    names.sort();
    names.dedup();
    let mut out = Vec::new();
    for name in names {
        let (o, n) = (old.set(name), new.set(name));
        let mut s = SetDiff {
            set: name.clone(),
            status: match (o, n) {
                (None, _) => "added",
                (_, None) => "removed",
                _ => "changed",
            },
            added: Vec::new(),
            removed: Vec::new(),
            description: None,
        };
        for lang in Lang::ALL {
            let oe = o.map(|s| s.entries(lang)).unwrap_or(&[]);
            let ne = n.map(|s| s.entries(lang)).unwrap_or(&[]);
            s.added.extend(
                ne.iter()
                    .filter(|e| !oe.contains(e))
                    .map(|e| (lang, e.clone())),
            );
            s.removed.extend(
                oe.iter()
                    .filter(|e| !ne.contains(e))
                    .map(|e| (lang, e.clone())),
            );
        }
        let (od, nd) = (
            o.and_then(|s| s.description.clone()),
            n.and_then(|s| s.description.clone()),
        );
        if o.is_some() && n.is_some() && od != nd {
            s.description = Some(Change {
                field: "description".into(),
                old: od,
                new: nd,
            });
        }
        if s.status != "changed"
            || !s.added.is_empty()
            || !s.removed.is_empty()
            || s.description.is_some()
        {
            out.push(s);
        }
    }
    out
}

/// One verdict that comes out otherwise under the new standard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerdictChange {
    /// The call's id.
    pub call: String,
    /// The rule's id.
    pub rule: String,
    /// The old outcome (`pass`, `fail`, `n/a`, or `absent`).
    pub old: String,
    /// The new outcome.
    pub new: String,
    /// The new verdict's message or reason.
    pub why: Option<String>,
}

/// A call's score under both standards.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreChange {
    /// The call's id.
    pub call: String,
    /// Old score (`None`: not scored, nothing applied) and whether the
    /// call passed.
    pub old: (Option<f64>, bool),
    /// New score and whether it passed.
    pub new: (Option<f64>, bool),
}

/// What the new standard changes on a set of calls.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CallsDiff {
    /// The calls audited.
    pub calls: usize,
    /// Verdicts that differ, call by call in input order.
    pub verdicts: Vec<VerdictChange>,
    /// Calls whose score or pass differs.
    pub scores: Vec<ScoreChange>,
    /// Mean score before and after, over the calls that have a score.
    pub mean: (f64, f64),
    /// Calls with a score before and after (the means' denominators).
    pub scored: (usize, usize),
    /// Calls passed before and after.
    pub passed: (usize, usize),
}

fn outcome(a: &CallAudit, rule: &str) -> (String, Option<String>) {
    match a.verdicts.iter().find(|v| v.rule == rule) {
        Some(v) => (
            v.outcome.as_str().to_string(),
            v.message.clone().or_else(|| v.reason.clone()),
        ),
        None => ("absent".into(), None),
    }
}

fn audit_all(std: &Arc<Standard>, calls: &[Call]) -> Vec<CallAudit> {
    let mut batch = Batch::new(std.clone());
    for c in calls {
        batch.add(c);
    }
    batch.finish()
}

/// Audits `calls` together under both standards (cross-call rules see
/// all of them) and compares the verdicts and scores.
pub fn diff_calls(old: &Arc<Standard>, new: &Arc<Standard>, calls: &[Call]) -> CallsDiff {
    let (a, b) = (audit_all(old, calls), audit_all(new, calls));
    let mut out = CallsDiff {
        calls: calls.len(),
        ..CallsDiff::default()
    };
    let mut rules: Vec<&str> = new.rules().iter().map(|r| r.id.as_str()).collect();
    rules.extend(
        old.rules()
            .iter()
            .map(|r| r.id.as_str())
            .filter(|id| new.rule(id).is_none()),
    );
    for (x, y) in a.iter().zip(&b) {
        for rule in &rules {
            let (o, _) = outcome(x, rule);
            let (n, why) = outcome(y, rule);
            if o != n {
                out.verdicts.push(VerdictChange {
                    call: y.call.clone(),
                    rule: rule.to_string(),
                    old: o,
                    new: n,
                    why,
                });
            }
        }
        if x.score != y.score || x.passed != y.passed {
            out.scores.push(ScoreChange {
                call: y.call.clone(),
                old: (x.score, x.passed),
                new: (y.score, y.passed),
            });
        }
        if let Some(v) = x.score {
            out.mean.0 += v;
            out.scored.0 += 1;
        }
        if let Some(v) = y.score {
            out.mean.1 += v;
            out.scored.1 += 1;
        }
        out.passed.0 += usize::from(x.passed);
        out.passed.1 += usize::from(y.passed);
    }
    if out.scored.0 > 0 {
        out.mean.0 /= out.scored.0 as f64;
    }
    if out.scored.1 > 0 {
        out.mean.1 /= out.scored.1 as f64;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = callqa_standard::DEFAULT_STANDARD_TOML;

    /// The default standard with each `(old, new)` text replaced once.
    fn edited(edits: &[(&str, &str)]) -> String {
        let mut s = BASE.to_string();
        for (a, b) in edits {
            assert!(s.contains(a), "no {a:?} in the default standard");
            s = s.replacen(a, b, 1);
        }
        s
    }

    fn compiled(text: &str) -> Arc<Standard> {
        callqa_standard::from_toml("test.toml", text)
            .unwrap_or_else(|e| panic!("does not compile: {:?}", e.diagnostics))
    }

    #[test]
    fn file_changes_are_listed() {
        let old = compiled(BASE);
        // (edits, the diff's text must contain)
        type Edits<'a> = &'a [(&'a str, &'a str)];
        let table: &[(Edits, &[&str])] = &[
            (
                &[("pass_score = 80", "pass_score = 85")],
                &["pass_score: 80 → 85"],
            ),
            (
                &[("revision = 1", "revision = 2")],
                &["callqa-default@1 → callqa-default@2", "revision: 1 → 2"],
            ),
            (
                &[(
                    "check = { type = \"answer_speed\", max_rings = 3 }",
                    "check = { type = \"answer_speed\", max_rings = 2 }",
                )],
                &["answer.speed changed", "check.max_rings: 3 → 2"],
            ),
            (
                &[(
                    "severity = \"minor\"\nenabled = false",
                    "severity = \"minor\"\nenabled = true",
                )],
                &["greeting.order enabled"],
            ),
            (
                &[(
                    "  \"здравствуйте\",\n",
                    "  \"здравствуйте\",\n  \"приветики\",\n",
                )],
                &["greeting changed", "+ ru «приветики»"],
            ),
            (&[("\"здрасте\", ", "")], &["- ru «здрасте»"]),
            (
                &[(
                    "«օքեյ»)։\" }\nseverity = \"minor\"\nsource = \"000\"",
                    "«օքեյ»)։\" }\nseverity = \"major\"\nsource = \"000\"",
                )],
                &[
                    "speech.slang changed",
                    "severity: \"minor\" → \"major\"",
                    "weight: 5 → 10",
                ],
            ),
            (
                &[(
                    "[[rule]]\nid = \"collection.hours\"",
                    "[[rule]]\nid = \"collection.time\"",
                )],
                &["collection.time added", "collection.hours removed"],
            ),
            (
                &[("ring_cycle_secs = 5.0", "ring_cycle_secs = 6.0")],
                &["settings.ring_cycle_secs: 5.0 → 6.0"],
            ),
            (
                &[("id = \"ru-bare-hello\"", "id = \"ru-bare-alo\"")],
                &["test ru-bare-alo added", "test ru-bare-hello removed"],
            ),
        ];
        for (edits, pieces) in table {
            let text = edited(edits);
            let d = diff(&old, BASE, &compiled(&text), &text);
            let out = crate::diff_render::diff_text(&d, None);
            for p in *pieces {
                assert!(out.contains(p), "{edits:?}: no {p:?} in\n{out}");
            }
        }
        let same = diff(&old, BASE, &old, BASE);
        assert!(same.is_empty(), "{same:?}");
    }

    #[test]
    fn verdicts_and_scores_that_change_on_calls() {
        let old = compiled(BASE);
        let text = edited(&[(
            "check = { type = \"answer_speed\", max_rings = 3 }",
            "check = { type = \"answer_speed\", max_rings = 1 }",
        )]);
        let new = compiled(&text);
        let call = callqa_model::call_from_str(
            r#"{"id":"late","started_at":"2025-03-03T10:00:00+03:00","direction":"inbound","language":"ru",
            "operator":{"id":"op-1","name":"Анна"},"client":{"id":"cl-1"},
            "events":[{"at":0,"type":"ring"},{"at":8,"type":"answer"},{"at":60,"type":"hangup","by":"client"}],
            "utterances":[{"speaker":"operator","start":8.5,"end":11,"text":"Добрый день, меня зовут Анна."}]}"#,
        )
        .expect("call");
        let c = diff_calls(&old, &new, std::slice::from_ref(&call));
        assert_eq!(c.calls, 1);
        assert_eq!(
            c.verdicts
                .iter()
                .map(|v| (v.rule.as_str(), v.old.as_str(), v.new.as_str()))
                .collect::<Vec<_>>(),
            [("answer.speed", "pass", "fail")]
        );
        assert_eq!(c.scores.len(), 1);
        assert!(c.mean.1 < c.mean.0, "{c:?}");
        let same = diff_calls(&old, &old, &[call]);
        assert!(same.verdicts.is_empty() && same.scores.is_empty());
        let json = crate::diff_render::diff_json(&diff(&old, BASE, &new, &text), Some(&c));
        assert_eq!(json["calls"]["verdicts_changed"], 1);
        assert_eq!(json["rules"][0]["id"], "answer.speed");
    }
}
