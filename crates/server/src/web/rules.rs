//! `/rules`: every rule of the active standard with its failure rate over
//! the period and its trend; `/rules/{id}`: what the rule asks for, in the
//! standard's words, and the calls that failed it with the evidence quoted.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use callqa_model::Severity;
use callqa_store::{Cursor, GroupBy, ListQuery};
use serde_json::Value;

use super::chart::{self, Point};
use super::figures::{self, RuleTally};
use super::i18n::{Ui, Words};
use super::period::{Period, PeriodForm};
use super::PageRequest;
use super::{answer, encode, link, percent, when, Chrome, PageError};
use crate::App;

/// The severity's word and CSS class.
pub fn severity(t: &'static Words, s: Severity) -> (&'static str, &'static str) {
    match s {
        Severity::Critical => (t.critical, "sev-critical"),
        Severity::Major => (t.major, "sev-major"),
        _ => (t.minor, "sev-minor"),
    }
}

/// What a rule asks for, in the standard's words: its description in
/// the language, then the check in plain words (the booklet's sentence).
pub fn rule_words(app: &App, ui: Ui, id: &str) -> Vec<String> {
    let active = app.active();
    let Some(rule) = active.standard.rule(id) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(d) = rule.descriptions.get(ui.lang()).filter(|d| !d.is_empty()) {
        out.push(d.to_string());
    }
    let names = |m: &callqa_engine::SetMask| {
        m.names
            .iter()
            .map(|n| format!("«{}»", n.replace('_', " ")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let s = callqa_booklet::sentence(&rule.check, ui.lang(), &names).replace("….", "…");
    if !s.is_empty() && !out.contains(&s) {
        out.push(s);
    }
    out
}

/// One rule's row.
pub struct Row {
    pub id: String,
    pub title: String,
    pub href: String,
    pub section: String,
    pub severity: &'static str,
    pub sev_class: &'static str,
    pub checked: i64,
    pub fails: i64,
    pub rate: String,
    pub spark: String,
}

#[derive(Template)]
#[template(path = "rules.html")]
struct ListPage {
    c: Chrome,
    pf: PeriodForm,
    rows: Vec<Row>,
}

/// `GET /rules`.
pub async fn list(
    State(app): State<Arc<App>>,
    PageRequest { ctx, params: mut p }: PageRequest,
) -> Response {
    answer(ctx, move |ctx| {
        let store = &*app.store;
        let t = ctx.t();
        let period = Period::resolve(store, ctx, &mut p)?;
        let f = period.apply(super::filter(ctx, &p, &[])?);
        let stats = figures::rules(&store.stats(&f, period.bucket, GroupBy::Rule)?);
        let buckets = period.buckets();
        let carry: Vec<(&str, String)> = period.params();
        let carry: Vec<(&str, &str)> = carry.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let active = app.active();
        let mut rows: Vec<Row> = active
            .standard
            .rules()
            .iter()
            .map(|r| {
                let (all, per) = stats.get(&r.id).cloned().unwrap_or_default();
                let series: Vec<Option<f64>> = buckets
                    .iter()
                    .map(|b| per.get(b).and_then(RuleTally::fail_rate))
                    .collect();
                let (sev, class) = severity(t, r.severity);
                Row {
                    id: r.id.clone(),
                    title: r.titles.get(ctx.ui.lang()).unwrap_or(&r.title).to_string(),
                    href: link(&format!("/rules/{}", encode(&r.id)), &p, &carry, &[]),
                    section: active
                        .standard
                        .section(&r.section)
                        .and_then(|s| s.title.get(ctx.ui.lang()).map(str::to_string))
                        .unwrap_or_else(|| r.section.clone()),
                    severity: sev,
                    sev_class: class,
                    checked: all.pass + all.fail,
                    fails: all.fail,
                    rate: percent(all.fail_rate()),
                    spark: chart::sparkline(&series, 1.0, "fails"),
                }
            })
            .collect();
        rows.sort_by(|a, b| {
            let ra = stats
                .get(&a.id)
                .and_then(|x| x.0.fail_rate())
                .unwrap_or(-1.0);
            let rb = stats
                .get(&b.id)
                .and_then(|x| x.0.fail_rate())
                .unwrap_or(-1.0);
            rb.partial_cmp(&ra)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(b.fails.cmp(&a.fails))
        });
        let page = ListPage {
            c: ctx.chrome("rules", t.rules),
            pf: PeriodForm::new(store, ctx, "/rules", &period, p.get("queue"))?,
            rows,
        };
        ctx.render(&page)
    })
    .await
}

/// A quoted piece of evidence, or a computed fact.
pub struct Quote {
    pub who: &'static str,
    pub at: String,
    pub text: String,
}

/// A verdict's evidence as people read it.
pub fn quotes(t: &'static Words, verdict: &Value) -> Vec<Quote> {
    verdict["evidence"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            let who = match e["speaker"].as_str() {
                Some("operator") => t.speaker_operator,
                Some("client") => t.speaker_client,
                _ => "",
            };
            let at = e["start"].as_f64().or(e["at"].as_f64()).unwrap_or(0.0);
            Quote {
                who,
                at: super::clock(at),
                text: e["quote"]
                    .as_str()
                    .or(e["text"].as_str())
                    .unwrap_or("")
                    .to_string(),
            }
        })
        .collect()
}

/// A call that failed the rule.
pub struct Failed {
    pub href: String,
    pub when: String,
    pub operator: String,
    pub score: String,
    pub score_class: &'static str,
    pub message: String,
    pub quotes: Vec<Quote>,
}

#[derive(Template)]
#[template(path = "rule.html")]
struct OnePage {
    c: Chrome,
    pf: PeriodForm,
    id: String,
    severity: &'static str,
    sev_class: &'static str,
    words: Vec<String>,
    checked: i64,
    fails: i64,
    rate: String,
    trend: String,
    calls: Vec<Failed>,
    next: Option<String>,
    first: Option<String>,
}

/// `GET /rules/{id}`.
pub async fn one(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    PageRequest { ctx, params: mut p }: PageRequest,
) -> Response {
    answer(ctx, move |ctx| {
        let store = &*app.store;
        let t = ctx.t();
        let active = app.active();
        let rule = active.standard.rule(&id).ok_or_else(|| {
            PageError::not_found(format!("no rule {id:?} in the active standard"))
        })?;
        let period = Period::resolve(store, ctx, &mut p)?;
        let cursor = match p.remove("cursor") {
            Some(c) => Some(Cursor::decode(&c).ok_or_else(|| {
                PageError::status(
                    axum::http::StatusCode::BAD_REQUEST,
                    format!("cursor: {c:?} is not a cursor"),
                )
            })?),
            None => None,
        };
        p.remove("rule");
        p.remove("outcome");
        let base = period.apply(super::filter(ctx, &p, &[])?);
        let stats = figures::rules(&store.stats(
            &callqa_store::Filter {
                rule: None,
                ..base.clone()
            },
            period.bucket,
            GroupBy::Rule,
        )?);
        let (all, per) = stats.get(&id).cloned().unwrap_or_default();
        let points: Vec<Point> = period
            .buckets()
            .into_iter()
            .map(|b| {
                let x = per.get(&b).copied().unwrap_or_default();
                Point {
                    start: b,
                    calls: x.pass + x.fail,
                    mean: x.fail_rate().map(|r| r * 100.0),
                    pass_rate: None,
                }
            })
            .collect();
        let mut f = base;
        f.rule = Some(id.clone());
        f.outcome = Some("fail".into());
        let page = store.list_calls(&ListQuery {
            filter: f,
            limit: 25,
            cursor,
            with_audit: true,
        })?;
        let calls = page
            .calls
            .iter()
            .map(|row| {
                let audit: Value = row
                    .audit
                    .as_deref()
                    .and_then(|a| serde_json::from_str(a).ok())
                    .unwrap_or(Value::Null);
                let verdict = audit["verdicts"]
                    .as_array()
                    .and_then(|v| v.iter().find(|v| v["rule"] == id.as_str()))
                    .cloned()
                    .unwrap_or(Value::Null);
                Failed {
                    href: format!("/calls/{}#v-{}", encode(&row.id), encode(&id)),
                    when: when(row.started_at.as_deref()),
                    operator: row
                        .operator_name
                        .clone()
                        .unwrap_or_else(|| row.operator.clone()),
                    score: super::score_text(row.score),
                    score_class: super::score_class(row.score, row.passed),
                    message: verdict["message"].as_str().unwrap_or("").to_string(),
                    quotes: quotes(t, &verdict),
                }
            })
            .collect();
        let (sev, class) = severity(t, rule.severity);
        let here = format!("/rules/{}", encode(&id));
        let carry: Vec<(&str, String)> = period.params();
        let carry: Vec<(&str, &str)> = carry.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let next = page.next.map(|c| {
            let mut s = carry.clone();
            let enc = c.encode();
            s.push(("cursor", &enc));
            link(&here, &p, &s, &[])
        });
        let first = cursor.map(|_| link(&here, &p, &carry, &["cursor"]));
        let title = rule
            .titles
            .get(ctx.ui.lang())
            .unwrap_or(&rule.title)
            .to_string();
        let page = OnePage {
            c: ctx.chrome("rules", title),
            pf: PeriodForm::new(store, ctx, "", &period, p.get("queue"))?,
            id: id.clone(),
            severity: sev,
            sev_class: class,
            words: rule_words(&app, ctx.ui, &id),
            checked: all.pass + all.fail,
            fails: all.fail,
            rate: percent(all.fail_rate()),
            trend: chart::trend(&points, [t.checked, t.fail_rate, t.fail_rate]),
            calls,
            next,
            first,
        };
        ctx.render(&page)
    })
    .await
}
