//! `callqa phrases suggest --rule RULE CALLS…`: the utterances in a rule's
//! window, across many calls, that nearly say one of the rule's
//! recommended phrases where the window has none of that set — grouped by their normalised text,
//! most frequent first, each with its count, an example call and the key
//! words of the nearest entry found and missing. How a QA manager grows a
//! phrase set from real calls instead of guessing.

use std::collections::HashMap;

use callqa_engine::Standard;
use callqa_model::Call;

use crate::phrases::{did_you_mean, nearest, Near, PhraseCatalog};
use crate::sentence::phrase_roles;

/// One group of near-miss utterances.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The normalised text (lower case, marks dropped) the group shares.
    pub normalized: String,
    /// The text as first said.
    pub text: String,
    /// How many utterances said it.
    pub count: usize,
    /// The first call that said it.
    pub example_call: String,
    /// The set whose entry it nearly says.
    pub set: String,
    /// That entry, with its key words found and missing.
    pub near: Near,
}

/// The near misses of rule `rule` over `calls`, most frequent first. An
/// unknown rule, or one without recommended phrases, is an error.
pub fn suggest(
    std: &Standard,
    catalog: &PhraseCatalog,
    rule: &str,
    calls: &[Call],
) -> Result<Vec<Suggestion>, String> {
    let Some(r) = std.rule(rule) else {
        let hint = did_you_mean(rule, std.rules().iter().map(|r| r.id.as_str()))
            .map(|c| format!("; did you mean «{c}»?"))
            .unwrap_or_default();
        return Err(format!(
            "no enabled rule «{rule}» in the standard {}{hint}",
            std.label()
        ));
    };
    let (say, _) = phrase_roles(&r.check);
    if say.is_empty() {
        return Err(format!(
            "rule «{rule}» ({}) has no recommended phrases to grow",
            r.check.name()
        ));
    }
    let mut groups: HashMap<String, Suggestion> = HashMap::new();
    let mut order = 0usize;
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    for call in calls {
        let Some(trace) = std.trace(rule, call) else {
            continue;
        };
        if trace.not_applicable.is_some() {
            continue;
        }
        let analyzer = std.book(trace.language).analyzer();
        let mut seen: Vec<usize> = Vec::new();
        for w in &trace.windows {
            // Only the sets the window lacks: where the rule found the
            // phrase, another way of saying it changes nothing.
            let lacking: Vec<&String> = say
                .iter()
                .filter(|set| {
                    !w.utterances.iter().any(|&i| {
                        trace.utterances[i]
                            .matches
                            .iter()
                            .any(|m| !m.negated && &m.set == *set)
                    })
                })
                .collect();
            if lacking.is_empty() {
                continue;
            }
            for &i in &w.utterances {
                if seen.contains(&i) {
                    continue;
                }
                seen.push(i);
                let u = &trace.utterances[i];
                let best = lacking
                    .iter()
                    .flat_map(|set| {
                        nearest(std, catalog, set, trace.language, &u.text, 1)
                            .into_iter()
                            .map(move |n| (*set, n))
                    })
                    .min_by_key(|(_, n)| n.missing.len());
                let Some((set, near)) = best else {
                    continue;
                };
                let normalized: String = analyzer
                    .analyze(&u.text)
                    .tokens()
                    .map(|t| t.norm)
                    .collect::<Vec<_>>()
                    .join(" ");
                first_seen.entry(normalized.clone()).or_insert_with(|| {
                    order += 1;
                    order
                });
                groups
                    .entry(normalized.clone())
                    .and_modify(|g| g.count += 1)
                    .or_insert_with(|| Suggestion {
                        normalized,
                        text: u.text.trim().to_string(),
                        count: 1,
                        example_call: call.id.clone(),
                        set: set.clone(),
                        near,
                    });
            }
        }
    }
    let mut out: Vec<Suggestion> = groups.into_values().collect();
    out.sort_by_key(|g| (std::cmp::Reverse(g.count), first_seen[&g.normalized]));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(id: &str, closing: &str) -> Call {
        callqa_model::call_from_str(&format!(
            r#"{{"id":"{id}","started_at":"2025-03-03T10:00:00+03:00","direction":"inbound","language":"en",
            "operator":{{"id":"op-1","name":"Sam"}},"client":{{"id":"cl-1"}},
            "events":[{{"at":0,"type":"ring"}},{{"at":4,"type":"answer"}},{{"at":65,"type":"hangup","by":"client"}}],
            "utterances":[{{"speaker":"operator","start":4.5,"end":7,"text":"Hello, Acme, Sam speaking."}},
                          {{"speaker":"client","start":7.5,"end":10,"text":"I have a question."}},
                          {{"speaker":"operator","start":60,"end":63,"text":"{closing}"}}]}}"#
        ))
        .expect("call")
    }

    #[test]
    fn near_misses_are_grouped_and_counted() {
        let std = callqa_standard::builtin();
        let catalog = PhraseCatalog::from_toml(callqa_standard::DEFAULT_STANDARD_TOML);
        let calls = [
            call("a", "Have I solved your problem?"),
            call("b", "have i solved your problem"),
            call("c", "Is there anything else?"),
            call("d", "Have we fixed your problem now?"),
        ];
        let s = suggest(&std, &catalog, "closing.further_help", &calls).expect("suggestions");
        assert_eq!(
            s.first().map(|g| (g.count, g.example_call.as_str())),
            Some((2, "a")),
            "{s:?}"
        );
        assert!(
            s.iter().all(|g| g.example_call != "c"),
            "a match is no near miss: {s:?}"
        );
        assert!(s.iter().all(|g| !g.near.found.is_empty()), "{s:?}");
    }

    #[test]
    fn rules_without_phrases_to_grow_are_errors() {
        let std = callqa_standard::builtin();
        let catalog = PhraseCatalog::default();
        let e = suggest(&std, &catalog, "answer.speed", &[]).expect_err("no phrases");
        assert!(e.contains("no recommended phrases"), "{e}");
        let e = suggest(&std, &catalog, "closing.thank", &[]).expect_err("unknown");
        assert!(e.contains("did you mean «closing.thanks»"), "{e}");
    }
}
