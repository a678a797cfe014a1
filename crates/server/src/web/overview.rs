//! `/`: how are we doing. Calls, pass rate and mean score of the period
//! with the change against the period before, the trend per day or week,
//! failures per rule, and the rules and operators that need attention.
//! An operator sees the same page over their own calls.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use callqa_store::{Bucket, GroupBy};

use super::chart::{self, Bar, Point};
use super::figures::{self, Tally};
use super::period::{Period, PeriodForm};
use super::PageRequest;
use super::{answer, link, percent, rule_title, score_text, Chrome, Params};
use crate::App;

/// One headline figure.
pub struct Kpi {
    pub label: &'static str,
    pub value: String,
    pub delta: String,
    pub class: &'static str,
}

/// A rule that fails often.
pub struct WorstRule {
    pub title: String,
    pub href: String,
    pub fails: i64,
    pub rate: String,
    /// What the standard asks, shown to operators.
    pub asks: String,
}

/// An operator with a low mean score.
pub struct WorstOperator {
    pub name: String,
    pub href: String,
    pub calls: i64,
    pub mean: String,
    pub rate: String,
}

#[derive(Template)]
#[template(path = "overview.html")]
struct Page {
    c: Chrome,
    pf: PeriodForm,
    kpis: Vec<Kpi>,
    trend: String,
    bucket_label: &'static str,
    fail_chart: String,
    worst_rules: Vec<WorstRule>,
    worst_operators: Vec<WorstOperator>,
    empty: bool,
    calls_href: String,
    recent: Vec<super::operators::Recent>,
}

fn delta(
    now: Option<f64>,
    before: Option<f64>,
    fmt: impl Fn(f64) -> String,
) -> (String, &'static str) {
    match (now, before) {
        (Some(n), Some(b)) => {
            let d = n - b;
            let class = if d > 1e-9 {
                "up"
            } else if d < -1e-9 {
                "down"
            } else {
                ""
            };
            (fmt(d), class)
        }
        _ => (String::new(), ""),
    }
}

fn kpis(ctx: &super::Ctx, now: Tally, before: Tally) -> Vec<Kpi> {
    let t = ctx.t();
    let vs = t.vs_previous;
    let sign = |d: f64| if d >= 0.0 { "+" } else { "−" };
    let calls_change =
        (before.calls > 0).then(|| (now.calls - before.calls) as f64 / before.calls as f64);
    let (cd, cc) = match calls_change {
        Some(r) => (
            format!("{}{:.0}% {vs}", sign(r), r.abs() * 100.0),
            if r > 0.0 {
                "up"
            } else if r < 0.0 {
                "down"
            } else {
                ""
            },
        ),
        None => (t.no_previous.to_string(), ""),
    };
    let (pd, pc) = delta(now.pass_rate(), before.pass_rate(), |d| {
        format!("{}{:.1} pp {vs}", sign(d), d.abs() * 100.0)
    });
    let (md, mc) = delta(now.mean(), before.mean(), |d| {
        format!("{}{:.1} {vs}", sign(d), d.abs())
    });
    vec![
        Kpi {
            label: t.calls,
            value: now.calls.to_string(),
            delta: cd,
            class: cc,
        },
        Kpi {
            label: t.pass_rate,
            value: percent(now.pass_rate()),
            delta: pd,
            class: pc,
        },
        Kpi {
            label: t.mean_score,
            value: score_text(now.mean()),
            delta: md,
            class: mc,
        },
    ]
}

/// `GET /`.
pub async fn page(
    State(app): State<Arc<App>>,
    PageRequest { ctx, params: mut p }: PageRequest,
) -> Response {
    answer(ctx, move |ctx| {
        let store = &*app.store;
        let t = ctx.t();
        let period = Period::resolve(store, ctx, &mut p)?;
        let base = super::filter(ctx, &p, &[])?;
        let cur = period.apply(base.clone());
        let calls = store.stats(&cur, period.bucket, GroupBy::Calls)?;
        let before = store.stats(&period.previous(base.clone()), Bucket::Week, GroupBy::Calls)?;
        let rules = figures::rules(&store.stats(&cur, Bucket::Week, GroupBy::Rule)?);
        let per = figures::by_bucket(&calls);
        let points: Vec<Point> = period
            .buckets()
            .into_iter()
            .map(|b| {
                let x = per.get(&b).copied().unwrap_or_default();
                Point {
                    start: b,
                    calls: x.calls,
                    mean: x.mean(),
                    pass_rate: x.pass_rate(),
                }
            })
            .collect();
        let mut carry: Vec<(&str, String)> = period.params();
        if let Some(q) = p.get("queue") {
            carry.push(("queue", q.clone()));
        }
        let carry_ref: Vec<(&str, &str)> = carry.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let mut failing: Vec<(String, figures::RuleTally)> = rules
            .iter()
            .filter(|(_, (r, _))| r.fail > 0)
            .map(|(id, (r, _))| (id.clone(), *r))
            .collect();
        failing.sort_by(|a, b| b.1.fail.cmp(&a.1.fail).then(a.0.cmp(&b.0)));
        let bars: Vec<Bar> = failing
            .iter()
            .take(12)
            .map(|(id, r)| Bar {
                label: rule_title(&app, ctx.ui, id),
                value: r.fail as f64,
                text: format!("{} · {}", r.fail, percent(r.fail_rate())),
                href: link(
                    &format!("/rules/{}", super::encode(id)),
                    &Params::new(),
                    &carry_ref,
                    &[],
                ),
            })
            .collect();
        // Rates of a handful of calls say little: when the period has
        // enough calls, only rules checked at least five times and
        // operators with at least five calls are ranked.
        let now = figures::total(&calls);
        let min = if now.calls >= 50 { 5 } else { 1 };
        let mut by_rate: Vec<_> = failing
            .iter()
            .filter(|(_, r)| r.pass + r.fail >= min)
            .cloned()
            .collect();
        by_rate.sort_by(|a, b| {
            b.1.fail_rate()
                .partial_cmp(&a.1.fail_rate())
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(b.1.fail.cmp(&a.1.fail))
        });
        let worst_rules = by_rate
            .iter()
            .take(6)
            .map(|(id, r)| WorstRule {
                title: rule_title(&app, ctx.ui, id),
                href: link(
                    &format!("/rules/{}", super::encode(id)),
                    &Params::new(),
                    &carry_ref,
                    &[],
                ),
                fails: r.fail,
                rate: percent(r.fail_rate()),
                asks: if ctx.is_operator() {
                    super::rules::rule_words(&app, ctx.ui, id).join(" ")
                } else {
                    String::new()
                },
            })
            .collect();
        let worst_operators = if ctx.is_operator() {
            Vec::new()
        } else {
            let mut ops =
                figures::operators(&store.stats(&cur, Bucket::Week, GroupBy::Operator)?);
            ops.retain(|o| o.total.calls >= min);
            ops.sort_by(|a, b| {
                a.total
                    .mean()
                    .partial_cmp(&b.total.mean())
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            ops.iter()
                .take(6)
                .map(|o| WorstOperator {
                    name: o.name.clone().unwrap_or_else(|| o.id.clone()),
                    href: link(
                        &format!("/operators/{}", super::encode(&o.id)),
                        &Params::new(),
                        &carry_ref,
                        &[],
                    ),
                    calls: o.total.calls,
                    mean: score_text(o.total.mean()),
                    rate: percent(o.total.pass_rate()),
                })
                .collect()
        };
        let title = if ctx.is_operator() {
            t.my_results
        } else {
            t.overview
        };
        let mut list_params: Vec<(&str, String)> = vec![
            ("from", super::period::day(period.from)),
            ("to", super::period::day(period.to)),
        ];
        if let Some(q) = p.get("queue") {
            list_params.push(("queue", q.clone()));
        }
        let lp: Vec<(&str, &str)> = list_params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let recent = if ctx.is_operator() {
            let page = store.list_calls(&callqa_store::ListQuery {
                filter: cur.clone(),
                limit: 10,
                cursor: None,
                with_audit: false,
            })?;
            page.calls
                .iter()
                .map(|r| super::operators::Recent::of(r, t))
                .collect()
        } else {
            Vec::new()
        };
        let page = Page {
            recent,
            c: ctx.chrome("overview", title),
            pf: PeriodForm::new(store, ctx, "/", &period, p.get("queue"))?,
            kpis: kpis(ctx, now, figures::total(&before)),
            trend: chart::trend(&points, [t.calls, t.mean_score, t.pass_rate]),
            bucket_label: match period.bucket {
                Bucket::Day => t.by_day,
                Bucket::Week => t.by_week,
            },
            fail_chart: if bars.is_empty() {
                String::new()
            } else {
                chart::bars(&bars)
            },
            worst_rules,
            worst_operators,
            empty: now.calls == 0,
            calls_href: link("/calls", &Params::new(), &lp, &[]),
        };
        ctx.render(&page)
    })
    .await
}
