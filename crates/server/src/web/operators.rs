//! `/operators`: a scorecard per operator over weeks (calls, mean score,
//! pass rate, section scores, the score week by week, the rules failed
//! most), sortable by any of them; `/queues`: the same per queue, on its
//! own page; `/operators/{id}`: one operator's trend, section scores,
//! rules and calls. An operator opens only their own. Each page reads the
//! calls per week grouped by operator (`Store::stats`) and the verdicts
//! grouped by operator or queue (`Store::rule_counts`): two statements,
//! however many operators.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use callqa_store::{Bucket, CountBy, Filter, GroupBy, ListQuery, Store};

use super::chart::{self, Point};
use super::figures::{self, Tally};
use super::period::{Period, PeriodForm};
use super::sections::{self, Counts};
use super::PageRequest;
use super::{
    answer, encode, link, percent, rule_title, score_text, when, Chrome, Ctx, PageError, Params,
};
use crate::App;

/// A rule an operator or queue failed often.
pub struct Failing {
    pub title: String,
    pub href: String,
    pub fails: i64,
}

/// The `n` rules failed most in `counts`, linked to their pages with
/// `carry` (the period and the operator or queue).
fn failing_of(
    app: &App,
    ctx: &Ctx,
    counts: Option<&Counts>,
    carry: &[(&str, &str)],
    n: usize,
) -> Vec<Failing> {
    counts
        .map(|c| c.most_failed(n))
        .unwrap_or_default()
        .into_iter()
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
        .collect()
}

/// The active standard's sections: (id, title in the interface language).
fn section_titles(app: &App, ctx: &Ctx) -> Vec<(String, String)> {
    app.active()
        .standard
        .sections()
        .iter()
        .map(|s| {
            let title = s.title.get(ctx.ui.lang()).unwrap_or(&s.id).to_string();
            (s.id.clone(), title)
        })
        .collect()
}

/// Section scores as a card shows them, and for sorting.
fn section_cells(app: &App, counts: Option<&Counts>) -> Vec<Option<f64>> {
    let std = &app.active().standard;
    counts.map_or_else(
        || vec![None; std.sections().len()],
        |c| c.section_scores(std),
    )
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
    /// The section scores, in the standard's order (as text, and its class).
    pub sections: Vec<(String, &'static str)>,
    sort_mean: f64,
    sort_rate: f64,
    sort_sections: Vec<f64>,
}

#[allow(clippy::too_many_arguments)]
fn card(
    name: String,
    id: String,
    href: String,
    total: Tally,
    weeks: &[String],
    per: &std::collections::HashMap<String, Tally>,
    failing: Vec<Failing>,
    sections: Vec<Option<f64>>,
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
        sort_sections: sections.iter().map(|x| x.unwrap_or(-1.0)).collect(),
        sections: sections
            .iter()
            .map(|x| {
                (
                    score_text(*x),
                    super::score_class(*x, x.is_some_and(|v| v >= 70.0)),
                )
            })
            .collect(),
        sort_mean: total.mean().unwrap_or(-1.0),
        sort_rate: total.pass_rate().unwrap_or(-1.0),
    }
}

/// A sortable column header.
pub struct Column {
    pub label: String,
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
    /// How many of the columns are section scores (the last ones).
    section_columns: usize,
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
    PageRequest { ctx, params: mut p }: PageRequest,
) -> Response {
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
        let counts = sections::by_key(&store.rule_counts(&base, CountBy::Operator)?);
        let mut cards = Vec::with_capacity(ops.len());
        for o in &ops {
            let mut c2 = carry.clone();
            c2.push(("operator", &o.id));
            let mine = counts.get(&o.id);
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
                failing_of(&app, ctx, mine, &c2, 3),
                section_cells(&app, mine),
            ));
        }
        let titles = section_titles(&app, ctx);
        cards.sort_by(|a, b| {
            let o = match sort.as_str() {
                "name" => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
                "calls" => a.calls.cmp(&b.calls),
                "pass_rate" => a.sort_rate.total_cmp(&b.sort_rate),
                key => match titles.iter().position(|(id, _)| key == format!("s.{id}")) {
                    Some(i) => a.sort_sections[i].total_cmp(&b.sort_sections[i]),
                    None => a.sort_mean.total_cmp(&b.sort_mean),
                },
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
        let mut keys: Vec<(String, String, bool)> = [
            ("name", t.operator, false),
            ("calls", t.calls, true),
            ("score", t.mean_score, true),
            ("pass_rate", t.pass_rate, true),
        ]
        .into_iter()
        .map(|(k, l, n)| (k.to_string(), l.to_string(), n))
        .collect();
        keys.extend(
            titles
                .iter()
                .map(|(id, title)| (format!("s.{id}"), title.clone(), true)),
        );
        let columns = keys
            .into_iter()
            .map(|(key, label, num)| {
                let on = sort == key;
                let dir = if on && !desc { "desc" } else { "asc" };
                Column {
                    label,
                    href: link("/operators", &keep, &[("sort", &key), ("dir", dir)], &[]),
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
            section_columns: titles.len(),
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
    sections: Vec<String>,
    cards: Vec<Card>,
}

/// `GET /queues`.
pub async fn queues(
    State(app): State<Arc<App>>,
    PageRequest { ctx, params: mut p }: PageRequest,
) -> Response {
    answer(ctx, move |ctx| {
        let store = &*app.store;
        let t = ctx.t();
        let period = weekly(store, ctx, &mut p)?;
        p.remove("queue");
        let base = period.apply(super::filter(ctx, &p, &[])?);
        let carry: Vec<(&str, String)> = period.params();
        let carry: Vec<(&str, &str)> = carry.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let weeks = period.buckets();
        // Per queue and week in one read, the verdicts per queue in another.
        let mut per: std::collections::BTreeMap<String, Vec<callqa_store::StatRow>> =
            Default::default();
        for q in store.queues(&base)? {
            per.entry(q).or_default();
        }
        let counts = sections::by_key(&store.rule_counts(&base, CountBy::Queue)?);
        for q in per.keys().cloned().collect::<Vec<_>>() {
            let f = Filter {
                queue: Some(q.clone()),
                ..base.clone()
            };
            per.insert(q, store.stats(&f, Bucket::Week, GroupBy::Calls)?);
        }
        let titles = section_titles(&app, ctx);
        let mut cards = Vec::new();
        for (q, rows) in &per {
            let mut c2 = carry.clone();
            c2.push(("queue", q));
            let mine = counts.get(q);
            cards.push(card(
                q.clone(),
                q.clone(),
                link("/", &Params::new(), &c2, &[]),
                figures::total(rows),
                &weeks,
                &figures::by_bucket(rows),
                failing_of(&app, ctx, mine, &c2, 5),
                section_cells(&app, mine),
            ));
        }
        let mut pf = PeriodForm::new(store, ctx, "/queues", &period, None)?;
        pf.queues.clear();
        let page = QueuesPage {
            c: ctx.chrome("queues", t.queues),
            pf,
            sections: titles.into_iter().map(|(_, title)| title).collect(),
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
    sections: Vec<(String, String)>,
    recent: Vec<Recent>,
    all_href: String,
    training: Vec<Trained>,
}

/// One training result (`callqa train --to URL`) on the operator's page.
pub struct Trained {
    pub when: String,
    pub kind: &'static str,
    pub score: String,
    pub passed: &'static str,
    pub class: &'static str,
}

impl Trained {
    fn of(r: &callqa_store::TrainingRecord, t: &'static super::i18n::Words) -> Trained {
        Trained {
            when: when(Some(r.taken_at.as_str())),
            kind: if r.kind == "quiz" {
                t.quiz
            } else {
                t.simulator
            },
            score: format!("{:.0}", r.score),
            passed: if r.passed {
                t.passed_word
            } else {
                t.not_passed_word
            },
            class: if r.passed { "good" } else { "poor" },
        }
    }
}

/// `GET /operators/{id}`.
pub async fn one(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    PageRequest { ctx, params: mut p }: PageRequest,
) -> Response {
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
        let counts = sections::by_key(&store.rule_counts(&base, CountBy::Operator)?);
        let mine = counts.get(&id);
        let failing = failing_of(&app, ctx, mine, &carry, 8);
        let section_scores: Vec<(String, String)> = section_titles(&app, ctx)
            .into_iter()
            .zip(section_cells(&app, mine))
            .map(|((_, title), x)| (title, score_text(x)))
            .collect();
        let page = store.list_calls(&ListQuery {
            filter: base.clone(),
            limit: 15,
            cursor: None,
            with_audit: false,
        })?;
        let recent = page.calls.iter().map(|r| Recent::of(r, t)).collect();
        let training = store
            .training_of(&id, 10)?
            .iter()
            .map(|r| Trained::of(r, t))
            .collect();
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
            sections: section_scores,
            recent,
            all_href: link("/calls", &Params::new(), &lp, &[]),
            training,
        };
        ctx.render(&page)
    })
    .await
}
