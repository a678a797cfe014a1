//! `/operators`: a scorecard per operator over weeks (calls, mean score,
//! pass rate, the score week by week, the rules failed most), sortable;
//! `/queues`: the same per queue, on its own page; `/operators/{id}`: one
//! operator's trend, rules and calls. An operator opens only their own.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use callqa_store::{Bucket, Filter, GroupBy, ListQuery, Store};

use super::chart::{self, Point};
use super::figures::{self, Tally};
use super::period::{known_queues, Period, PeriodForm};
use super::{
    answer, begin, encode, link, percent, rule_title, score_text, when, Chrome, Ctx, PageError,
    Params,
};
use crate::App;

/// Threads that look up the operators' most failed rules at once.
const PARALLEL: usize = 3;

/// A rule an operator or queue failed often.
pub struct Failing {
    pub title: String,
    pub href: String,
    pub fails: i64,
}

/// The rules failed most under a filter, most failures first.
fn most_failed(
    app: &App,
    ctx: &Ctx,
    f: &Filter,
    carry: &[(&str, &str)],
    n: usize,
) -> Result<Vec<Failing>, PageError> {
    let stats = figures::rules(&app.store.stats(f, Bucket::Week, GroupBy::Rule)?);
    let mut v: Vec<(String, i64)> = stats
        .into_iter()
        .filter(|(_, (r, _))| r.fail > 0)
        .map(|(id, (r, _))| (id, r.fail))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(v.into_iter()
        .take(n)
        .map(|(id, fails)| Failing {
            title: rule_title(app, ctx.ui, &id),
            href: link(
                &format!("/rules/{}", encode(&id)),
                &Params::new(),
                carry,
                &[],
            ),
            fails,
        })
        .collect())
}

/// One row of a scorecard.
pub struct Card {
    pub name: String,
    pub id: String,
    pub href: String,
    pub calls: i64,
    pub mean: String,
    pub rate: String,
    pub spark: String,
    pub weeks: Vec<(String, String)>,
    pub failing: Vec<Failing>,
    sort_mean: f64,
    sort_rate: f64,
}

fn card(
    name: String,
    id: String,
    href: String,
    total: Tally,
    weeks: &[String],
    per: &std::collections::HashMap<String, Tally>,
    failing: Vec<Failing>,
) -> Card {
    let series: Vec<Option<f64>> = weeks
        .iter()
        .map(|w| per.get(w).and_then(Tally::mean))
        .collect();
    Card {
        name,
        id,
        href,
        calls: total.calls,
        mean: score_text(total.mean()),
        rate: percent(total.pass_rate()),
        spark: chart::sparkline(&series, 100.0, "score"),
        weeks: weeks
            .iter()
            .rev()
            .take(4)
            .rev()
            .map(|w| {
                (
                    w[5..].to_string(),
                    score_text(per.get(w).and_then(Tally::mean)),
                )
            })
            .collect(),
        failing,
        sort_mean: total.mean().unwrap_or(-1.0),
        sort_rate: total.pass_rate().unwrap_or(-1.0),
    }
}

/// A sortable column header.
pub struct Column {
    pub label: &'static str,
    pub href: String,
    pub on: bool,
    pub arrow: &'static str,
    pub num: bool,
}

#[derive(Template)]
#[template(path = "operators.html")]
struct ListPage {
    c: Chrome,
    pf: PeriodForm,
    columns: Vec<Column>,
    cards: Vec<Card>,
}

fn weekly(store: &dyn Store, ctx: &Ctx, p: &mut Params) -> Result<Period, PageError> {
    p.entry("bucket".into()).or_insert_with(|| "week".into());
    if !p.contains_key("from") && !p.contains_key("period") {
        p.insert("period".into(), "90".into());
    }
    let mut period = Period::resolve(store, ctx, p)?;
    period.bucket = Bucket::Week;
    Ok(period)
}

/// `GET /operators`.
pub async fn list(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    uri: Uri,
    Query(mut p): Query<Params>,
) -> Response {
    let ctx = match begin(&app, &headers, &uri, &mut p).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    answer(ctx, move |ctx| {
        let store = &*app.store;
        let t = ctx.t();
        let sort = p.remove("sort").unwrap_or_else(|| "score".into());
        let desc = p.remove("dir").as_deref() == Some("desc");
        let period = weekly(store, ctx, &mut p)?;
        let base = period.apply(super::filter(ctx, &p, &[])?);
        let carry: Vec<(&str, String)> = period.params();
        let carry: Vec<(&str, &str)> = carry.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let weeks = period.buckets();
        let ops = figures::operators(&store.stats(&base, Bucket::Week, GroupBy::Operator)?);
        // One look-up of the rules per operator, spread over a few
        // threads (the store reads through a pool of connections).
        let failing: Vec<Result<Vec<Failing>, PageError>> = std::thread::scope(|sc| {
            let chunk = ops.len().div_ceil(PARALLEL).max(1);
            let handles: Vec<_> = ops
                .chunks(chunk)
                .map(|part| {
                    let (app, base, carry) = (&app, &base, &carry);
                    sc.spawn(move || {
                        part.iter()
                            .map(|o| {
                                let f = Filter {
                                    operator: Some(o.id.clone()),
                                    ..base.clone()
                                };
                                let mut c2 = carry.clone();
                                c2.push(("operator", &o.id));
                                most_failed(app, ctx, &f, &c2, 3)
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| {
                    h.join().unwrap_or_else(|_| {
                        vec![Err(PageError::status(
                            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                            "a worker failed",
                        ))]
                    })
                })
                .collect()
        });
        let mut cards = Vec::with_capacity(ops.len());
        for (o, failing) in ops.iter().zip(failing) {
            let failing = failing?;
            cards.push(card(
                o.name.clone().unwrap_or_else(|| o.id.clone()),
                o.id.clone(),
                link(
                    &format!("/operators/{}", encode(&o.id)),
                    &Params::new(),
                    &carry,
                    &[],
                ),
                o.total,
                &weeks,
                &o.buckets,
                failing,
            ));
        }
        cards.sort_by(|a, b| {
            let o = match sort.as_str() {
                "name" => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
                "calls" => a.calls.cmp(&b.calls),
                "pass_rate" => a.sort_rate.total_cmp(&b.sort_rate),
                _ => a.sort_mean.total_cmp(&b.sort_mean),
            };
            if desc {
                o.reverse()
            } else {
                o
            }
        });
        let mut keep = p.clone();
        for (k, v) in &carry {
            keep.insert(k.to_string(), v.to_string());
        }
        let columns = [
            ("name", t.operator, false),
            ("calls", t.calls, true),
            ("score", t.mean_score, true),
            ("pass_rate", t.pass_rate, true),
        ]
        .into_iter()
        .map(|(key, label, num)| {
            let on = sort == key;
            let dir = if on && !desc { "desc" } else { "asc" };
            Column {
                label,
                href: link("/operators", &keep, &[("sort", key), ("dir", dir)], &[]),
                on,
                arrow: match (on, desc) {
                    (true, true) => " ↓",
                    (true, false) => " ↑",
                    _ => "",
                },
                num,
            }
        })
        .collect();
        let page = ListPage {
            c: ctx.chrome("operators", t.operators),
            pf: PeriodForm::new(store, ctx, "/operators", &period, p.get("queue"))?,
            columns,
            cards,
        };
        ctx.render(&page)
    })
    .await
}

#[derive(Template)]
#[template(path = "queues.html")]
struct QueuesPage {
    c: Chrome,
    pf: PeriodForm,
    cards: Vec<Card>,
}

/// `GET /queues`.
pub async fn queues(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    uri: Uri,
    Query(mut p): Query<Params>,
) -> Response {
    let ctx = match begin(&app, &headers, &uri, &mut p).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    answer(ctx, move |ctx| {
        let store = &*app.store;
        let t = ctx.t();
        let period = weekly(store, ctx, &mut p)?;
        p.remove("queue");
        let base = period.apply(super::filter(ctx, &p, &[])?);
        let carry: Vec<(&str, String)> = period.params();
        let carry: Vec<(&str, &str)> = carry.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let weeks = period.buckets();
        let mut cards = Vec::new();
        for q in known_queues(store, ctx)? {
            let f = Filter {
                queue: Some(q.clone()),
                ..base.clone()
            };
            let rows = store.stats(&f, Bucket::Week, GroupBy::Calls)?;
            let mut c2 = carry.clone();
            c2.push(("queue", &q));
            let failing = most_failed(&app, ctx, &f, &c2, 5)?;
            cards.push(card(
                q.clone(),
                q.clone(),
                link("/", &Params::new(), &c2, &[]),
                figures::total(&rows),
                &weeks,
                &figures::by_bucket(&rows),
                failing,
            ));
        }
        let mut pf = PeriodForm::new(store, ctx, "/queues", &period, None)?;
        pf.queues.clear();
        let page = QueuesPage {
            c: ctx.chrome("queues", t.queues),
            pf,
            cards,
        };
        ctx.render(&page)
    })
    .await
}

/// A call in a short list.
pub struct Recent {
    pub href: String,
    pub when: String,
    pub queue: String,
    pub direction: &'static str,
    pub duration: String,
    pub score: String,
    pub score_class: &'static str,
    pub failed: usize,
}

impl Recent {
    /// A listed call as the short list shows it.
    pub fn of(r: &callqa_store::CallRow, t: &'static super::i18n::Words) -> Recent {
        Recent {
            href: format!("/calls/{}", encode(&r.id)),
            when: when(r.started_at.as_deref()),
            queue: r.queue.clone().unwrap_or_default(),
            direction: if r.direction == "outbound" {
                t.outbound
            } else {
                t.inbound
            },
            duration: super::clock(r.duration),
            score: super::score_text(r.score),
            score_class: super::score_class(r.score, r.passed),
            failed: r.failed_rules.len(),
        }
    }
}

#[derive(Template)]
#[template(path = "operator.html")]
struct OnePage {
    c: Chrome,
    pf: PeriodForm,
    id: String,
    kpis: Vec<(&'static str, String)>,
    trend: String,
    failing: Vec<Failing>,
    recent: Vec<Recent>,
    all_href: String,
}

/// `GET /operators/{id}`.
pub async fn one(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
    Query(mut p): Query<Params>,
) -> Response {
    let ctx = match begin(&app, &headers, &uri, &mut p).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    answer(ctx, move |ctx| {
        if ctx.is_operator() && ctx.who.operator.as_deref() != Some(id.as_str()) {
            return Err(PageError::not_found(format!("no operator {id:?}")));
        }
        let store = &*app.store;
        let t = ctx.t();
        p.remove("operator");
        let period = weekly(store, ctx, &mut p)?;
        let mut base = period.apply(super::filter(ctx, &p, &[])?);
        base.operator = Some(id.clone());
        let carry: Vec<(&str, String)> = period.params();
        let mut carry: Vec<(&str, &str)> = carry.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let rows = store.stats(&base, period.bucket, GroupBy::Operator)?;
        let ops = figures::operators(&rows);
        let op = ops.first().cloned().unwrap_or_default();
        let name = op.name.clone().unwrap_or_else(|| id.clone());
        let points: Vec<Point> = period
            .buckets()
            .into_iter()
            .map(|b| {
                let x = op.buckets.get(&b).copied().unwrap_or_default();
                Point {
                    start: b,
                    calls: x.calls,
                    mean: x.mean(),
                    pass_rate: x.pass_rate(),
                }
            })
            .collect();
        carry.push(("operator", &id));
        let failing = most_failed(&app, ctx, &base, &carry, 8)?;
        let page = store.list_calls(&ListQuery {
            filter: base.clone(),
            limit: 15,
            cursor: None,
            with_audit: false,
        })?;
        let recent = page.calls.iter().map(|r| Recent::of(r, t)).collect();
        let lp = [
            ("operator", id.as_str()),
            ("from", &super::period::day(period.from)),
            ("to", &super::period::day(period.to)),
        ];
        let page = OnePage {
            c: ctx.chrome(
                if ctx.is_operator() {
                    "overview"
                } else {
                    "operators"
                },
                name,
            ),
            pf: PeriodForm::new(store, ctx, "", &period, p.get("queue"))?,
            id: id.clone(),
            kpis: vec![
                (t.calls, op.total.calls.to_string()),
                (t.mean_score, score_text(op.total.mean())),
                (t.pass_rate, percent(op.total.pass_rate())),
            ],
            trend: chart::trend(&points, [t.calls, t.mean_score, t.pass_rate]),
            failing,
            recent,
            all_href: link("/calls", &Params::new(), &lp, &[]),
        };
        ctx.render(&page)
    })
    .await
}
