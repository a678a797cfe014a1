//! `/calls/{id}`: one call as a supervisor reviews it: who, when, the
//! score and section scores, the timeline, the transcript with each failed
//! rule's evidence highlighted on the utterance where it was said (matched
//! by speaker, time and words), and every verdict with its message and
//! what the standard asks. A call the principal may not see is a 404, as
//! if it did not exist.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use serde_json::Value;

use super::rules::{quotes, rule_words, severity, Quote};
use super::timeline::{self, Mark};
use super::PageRequest;
use super::{answer, clock, encode, rule_title, when, Chrome, PageError};
use crate::App;

/// A piece of an utterance's text, highlighted when it is evidence.
pub struct Seg {
    pub text: String,
    /// The rule it is evidence of, or empty.
    pub rule: String,
    /// The rules' titles, for the tooltip.
    pub title: String,
}

/// One utterance of the transcript.
pub struct Utt {
    pub speaker: String,
    pub who: &'static str,
    pub at: String,
    pub segs: Vec<Seg>,
    /// Failed rules whose evidence is this utterance: (id, title).
    pub chips: Vec<(String, String)>,
}

/// One verdict.
pub struct Verdict {
    pub id: String,
    pub title: String,
    pub outcome: String,
    pub outcome_label: &'static str,
    pub severity: &'static str,
    pub sev_class: &'static str,
    pub weight: String,
    pub text: String,
    pub quotes: Vec<Quote>,
    pub asks: Vec<String>,
}

#[derive(Template)]
#[template(path = "call.html")]
struct Page {
    c: Chrome,
    id: String,
    facts: Vec<(&'static str, String)>,
    operator_href: String,
    score: String,
    score_class: &'static str,
    passed: bool,
    raw_score: Option<String>,
    revision: i64,
    sections: Vec<(String, String)>,
    timeline: String,
    utts: Vec<Utt>,
    failed: Vec<Verdict>,
    others: Vec<Verdict>,
    review: super::review::Review,
}

/// Characters folded for matching: lower case, `ё` as `е`.
fn fold(c: char) -> char {
    let c = c.to_lowercase().next().unwrap_or(c);
    if c == 'ё' {
        'е'
    } else {
        c
    }
}

/// Where `needle` occurs in `hay`, case-insensitively, in characters.
pub fn find(hay: &str, needle: &str) -> Option<(usize, usize)> {
    let h: Vec<char> = hay.chars().map(fold).collect();
    let n: Vec<char> = needle
        .trim()
        .trim_end_matches('…')
        .trim()
        .chars()
        .map(fold)
        .collect();
    if n.is_empty() || n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len())
        .find(|&i| h[i..i + n.len()] == n[..])
        .map(|i| (i, i + n.len()))
}

/// The utterance a quote was said in: the same speaker overlapping its
/// time whose text holds the words, else the same speaker at that time,
/// else any of that speaker's utterances holding the words. Evidence of
/// no speaker (a computed fact) is said nowhere.
pub fn locate(utts: &[Value], ev: &Value) -> Option<(usize, Option<(usize, usize)>)> {
    if ev["kind"] == "fact" {
        return None;
    }
    let quote = ev["quote"].as_str()?;
    let speaker = Some(ev["speaker"].as_str()?);
    let (s, e) = (
        ev["start"].as_f64().unwrap_or(f64::NAN),
        ev["end"].as_f64().unwrap_or(f64::NAN),
    );
    let overlaps = |u: &Value| {
        let (us, ue) = (
            u["start"].as_f64().unwrap_or(0.0),
            u["end"].as_f64().unwrap_or(0.0),
        );
        s <= ue + 0.5 && e >= us - 0.5
    };
    let same = |u: &Value| speaker.is_none() || u["speaker"].as_str() == speaker;
    let text = |u: &Value| u["text"].as_str().unwrap_or("").to_string();
    let near: Vec<usize> = (0..utts.len())
        .filter(|&i| same(&utts[i]) && overlaps(&utts[i]))
        .collect();
    for &i in &near {
        if let Some(span) = find(&text(&utts[i]), quote) {
            return Some((i, Some(span)));
        }
    }
    if let Some(&i) = near.first() {
        return Some((i, None));
    }
    (0..utts.len()).find_map(|i| {
        find(&text(&utts[i]), quote)
            .filter(|_| same(&utts[i]))
            .map(|span| (i, Some(span)))
    })
}

/// Splits a text at the highlighted spans (in characters), each with its
/// rule; a later span inside an earlier one is left out.
pub fn segments(text: &str, mut spans: Vec<(usize, usize, String, String)>) -> Vec<Seg> {
    spans.sort_by_key(|s| (s.0, std::cmp::Reverse(s.1)));
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut pos = 0;
    for (a, b, rule, title) in spans {
        if a < pos || b > chars.len() {
            continue;
        }
        if a > pos {
            out.push(Seg {
                text: chars[pos..a].iter().collect(),
                rule: String::new(),
                title: String::new(),
            });
        }
        out.push(Seg {
            text: chars[a..b].iter().collect(),
            rule,
            title,
        });
        pos = b;
    }
    if pos < chars.len() || out.is_empty() {
        out.push(Seg {
            text: chars[pos..].iter().collect(),
            rule: String::new(),
            title: String::new(),
        });
    }
    out
}

/// `GET /calls/{id}`.
pub async fn page(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    PageRequest { ctx, .. }: PageRequest,
) -> Response {
    answer(ctx, move |ctx| {
        let t = ctx.t();
        let missing = || PageError::not_found(format!("no call {id:?}"));
        let detail = app.store.get_call(&id)?.ok_or_else(missing)?;
        let record: Value = serde_json::from_str(&detail.record).map_err(|e| {
            PageError::status(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                format!("stored record of {id:?}: {e}"),
            )
        })?;
        let audit: Value = serde_json::from_str(&detail.audit).map_err(|e| {
            PageError::status(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                format!("stored audit of {id:?}: {e}"),
            )
        })?;
        let operator = record["operator"]["id"].as_str().unwrap_or("");
        let queue = record["queue"]
            .as_str()
            .or(record["tags"]["queue"].as_str());
        if !ctx.may_see(operator, queue) {
            return Err(missing());
        }
        let utt_values: &[Value] = record["utterances"]
            .as_array()
            .map_or(&[], |v| v.as_slice());
        let verdicts: &[Value] = audit["verdicts"].as_array().map_or(&[], |v| v.as_slice());
        let mut spans: Vec<Vec<(usize, usize, String, String)>> =
            vec![Vec::new(); utt_values.len()];
        let mut chips: Vec<Vec<(String, String)>> = vec![Vec::new(); utt_values.len()];
        let mut marks = Vec::new();
        for v in verdicts.iter().filter(|v| v["outcome"] == "fail") {
            let rule = v["rule"].as_str().unwrap_or("").to_string();
            let title = rule_title(&app, ctx.ui, &rule);
            for ev in v["evidence"].as_array().into_iter().flatten() {
                let at = ev["start"].as_f64().or(ev["at"].as_f64()).unwrap_or(0.0);
                marks.push(Mark {
                    at,
                    lane: ev["speaker"].as_str().unwrap_or("").to_string(),
                    label: title.clone(),
                });
                if let Some((i, span)) = locate(utt_values, ev) {
                    if let Some((a, b)) = span {
                        spans[i].push((a, b, rule.clone(), title.clone()));
                    }
                    if !chips[i].iter().any(|c| c.0 == rule) {
                        chips[i].push((rule.clone(), title.clone()));
                    }
                }
            }
        }
        let utts = utt_values
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let speaker = u["speaker"].as_str().unwrap_or("operator").to_string();
                Utt {
                    who: if speaker == "client" {
                        t.speaker_client
                    } else {
                        t.speaker_operator
                    },
                    speaker,
                    at: clock(u["start"].as_f64().unwrap_or(0.0)),
                    segs: segments(
                        u["text"].as_str().unwrap_or(""),
                        std::mem::take(&mut spans[i]),
                    ),
                    chips: std::mem::take(&mut chips[i]),
                }
            })
            .collect();
        let active = app.active();
        let mut failed = Vec::new();
        let mut others = Vec::new();
        for v in verdicts {
            let rid = v["rule"].as_str().unwrap_or("").to_string();
            let outcome = v["outcome"].as_str().unwrap_or("n/a").to_string();
            let rule = active.standard.rule(&rid);
            let (sev, class) = rule.map_or(("", ""), |r| severity(t, r.severity));
            let manual_title = active
                .standard
                .manual_items()
                .iter()
                .find(|m| m.id == rid)
                .and_then(|m| m.title.get(ctx.ui.lang()).map(str::to_string));
            let item = Verdict {
                title: manual_title.unwrap_or_else(|| rule_title(&app, ctx.ui, &rid)),
                outcome_label: match outcome.as_str() {
                    "pass" => t.pass,
                    "fail" => t.fail,
                    "pending" => t.pending,
                    _ => t.na,
                },
                severity: sev,
                sev_class: class,
                weight: v["weight"]
                    .as_f64()
                    .map(|w| format!("{w}"))
                    .unwrap_or_default(),
                text: v["message"]
                    .as_str()
                    .or(v["reason"].as_str())
                    .unwrap_or("")
                    .to_string(),
                quotes: quotes(t, v),
                asks: if outcome == "fail" {
                    rule_words(&app, ctx.ui, &rid)
                } else {
                    Vec::new()
                },
                outcome,
                id: rid,
            };
            if item.outcome == "fail" {
                failed.push(item);
            } else {
                others.push(item);
            }
        }
        let rank = |o: &str| match o {
            "pending" => 0,
            "pass" => 1,
            _ => 2,
        };
        others.sort_by_key(|v| rank(&v.outcome));
        // In the standard's order (the stored audit keeps them by id),
        // then any section the standard no longer has.
        let order = |k: &str| {
            active
                .standard
                .sections()
                .iter()
                .position(|s| s.id == k)
                .unwrap_or(usize::MAX)
        };
        let mut stored: Vec<(&String, &Value)> = audit["sections"]
            .as_object()
            .into_iter()
            .flatten()
            .collect();
        stored.sort_by_key(|(k, _)| (order(k), (*k).clone()));
        let sections = stored
            .into_iter()
            .map(|(k, v)| {
                let title = active
                    .standard
                    .section(k)
                    .and_then(|s| s.title.get(ctx.ui.lang()).map(str::to_string))
                    .unwrap_or_else(|| k.clone());
                (title, v.as_f64().map_or("—".into(), |x| format!("{x:.1}")))
            })
            .collect();
        let score = audit["score"].as_f64();
        let passed = audit["passed"].as_bool().unwrap_or(false);
        let raw = audit["raw_score"].as_f64().filter(|r| Some(*r) != score);
        let op_name = record["operator"]["name"]
            .as_str()
            .unwrap_or(operator)
            .to_string();
        let duration = audit["duration"].as_f64().unwrap_or_else(|| {
            record["events"]
                .as_array()
                .and_then(|e| e.last())
                .and_then(|e| e["at"].as_f64())
                .unwrap_or(0.0)
        });
        let direction = match record["direction"].as_str() {
            Some("outbound") => t.outbound,
            _ => t.inbound,
        };
        let client = record["client"]["name"]
            .as_str()
            .or(record["client"]["number"].as_str())
            .unwrap_or("—")
            .to_string();
        let facts = vec![
            (t.started, when(record["started_at"].as_str())),
            (t.operator, op_name.clone()),
            (t.client, client),
            (t.queue, queue.unwrap_or(t.queue_none).to_string()),
            (t.direction, direction.to_string()),
            (
                t.language,
                audit["language"]
                    .as_str()
                    .or(record["language"].as_str())
                    .unwrap_or("—")
                    .to_string(),
            ),
            (t.duration, clock(duration)),
        ];
        let review = super::review::review(&app, ctx, &id, &audit, |r| {
            active
                .standard
                .manual_items()
                .iter()
                .find(|m| m.id == r)
                .and_then(|m| m.title.get(ctx.ui.lang()).map(str::to_string))
                .unwrap_or_else(|| rule_title(&app, ctx.ui, r))
        })?;
        let page = Page {
            review,
            c: ctx.chrome("calls", format!("{} · {}", t.calls, id)),
            facts,
            operator_href: format!("/operators/{}", encode(operator)),
            score: super::score_text(score),
            score_class: super::score_class(score, passed),
            passed,
            raw_score: raw.map(|r| format!("{r:.1}")),
            revision: detail.revision,
            sections,
            timeline: timeline::svg(&record, &marks, t),
            utts,
            failed,
            others,
            id: id.clone(),
        };
        ctx.render(&page)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn evidence_is_found_in_its_utterance_whatever_the_case() {
        let utts = vec![
            json!({"speaker": "client", "start": 1.0, "end": 3.0, "text": "Алло, это банк?"}),
            json!({"speaker": "operator", "start": 3.5, "end": 6.0, "text": "Да. Ну, смотрите, ЁЛКИ тут"}),
        ];
        let ev =
            json!({"speaker": "operator", "start": 3.6, "end": 5.0, "quote": "ну, смотрите, елки"});
        assert_eq!(locate(&utts, &ev), Some((1, Some((4, 22)))));
        let elsewhere = json!({"speaker": "operator", "start": 40.0, "end": 41.0, "quote": "да"});
        assert_eq!(locate(&utts, &elsewhere), Some((1, Some((0, 2)))));
        let unsaid = json!({"speaker": "operator", "start": 4.0, "end": 5.0, "quote": "спасибо"});
        assert_eq!(locate(&utts, &unsaid), Some((1, None)));
        let fact = json!({"start": 3.6, "end": 3.6, "quote": "answered on ring 5"});
        assert_eq!(locate(&utts, &fact), None);
    }

    #[test]
    fn segments_split_around_the_evidence() {
        let s = segments("ab<c>d", vec![(2, 5, "r".into(), "R".into())]);
        let parts: Vec<(&str, &str)> = s
            .iter()
            .map(|s| (s.text.as_str(), s.rule.as_str()))
            .collect();
        assert_eq!(parts, vec![("ab", ""), ("<c>", "r"), ("d", "")]);
        assert_eq!(segments("", vec![]).len(), 1);
    }
}
