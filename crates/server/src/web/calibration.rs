//! `/calibration`: calibration sessions on the dashboard, over the same
//! code as the API (`crate::calibration`). A supervisor picks a sample (a
//! number of calls drawn at random from the period's calls, by queue and
//! operator when chosen) and names the graders; `/calibration/{id}` gives
//! each grader a form per call to grade its rules by hand (the machine's
//! verdicts are not shown while grading, so they do not lead), and to a
//! supervisor the report: per rule, how often the graders agree with each
//! other (share of agreeing pairs, Cohen's or Fleiss' kappa) and with the
//! machine. Plain HTML forms; every grade is in the audit log.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use axum::Form;
use callqa_store::{ListQuery, Role};
use serde_json::Value;

use super::period::{Period, PeriodForm};
use super::PageRequest;
use super::{answer, encode, percent, rule_title, submit, when, Chrome, Ctx, PageError, Params};
use crate::App;

/// Calls drawn from at most this many of the period's newest.
const POOL: usize = 2000;
/// The largest sample.
const MAX_SAMPLE: usize = 50;
/// Sessions listed.
const LISTED: usize = 50;

fn supervises(ctx: &Ctx) -> bool {
    matches!(ctx.who.role, Role::Admin | Role::Supervisor)
}

/// One session in the list.
pub struct Listed {
    pub id: i64,
    pub href: String,
    pub created_at: String,
    pub created_by: String,
    pub calls: usize,
    pub graders: String,
}

#[derive(Template)]
#[template(path = "calibrations.html")]
struct ListPage {
    c: Chrome,
    pf: PeriodForm,
    operators: Vec<(String, String)>,
    users: Vec<String>,
    me: String,
    sessions: Vec<Listed>,
}

/// `GET /calibration`.
pub async fn list(
    State(app): State<Arc<App>>,
    PageRequest { ctx, params: mut p }: PageRequest,
) -> Response {
    answer(ctx, move |ctx| {
        if !supervises(ctx) {
            return Err(PageError::not_found("no such page"));
        }
        let store = &*app.store;
        let t = ctx.t();
        if !p.contains_key("period") && !p.contains_key("from") {
            p.insert("period".into(), "30".into());
        }
        let period = Period::resolve(store, ctx, &mut p)?;
        let sessions = store
            .list_calibrations(LISTED)?
            .into_iter()
            .map(|k| Listed {
                id: k.id,
                href: format!("/calibration/{}", k.id),
                created_at: when(Some(&k.created_at)),
                created_by: k.created_by,
                calls: k.calls.len(),
                graders: k.graders.join(", "),
            })
            .collect();
        let page = ListPage {
            c: ctx.chrome("calibration", t.review.calibrations),
            pf: PeriodForm::new(store, ctx, "/calibration", &period, p.get("queue"))?,
            operators: super::period::known(store, ctx)?.1,
            users: store.list_users()?.into_iter().map(|u| u.name).collect(),
            me: ctx.who.name.clone(),
            sessions,
        };
        ctx.render(&page)
    })
    .await
}

type Fields = HashMap<String, String>;

fn field(f: &Fields, name: &str) -> String {
    f.get(name)
        .map(|v| v.trim().to_string())
        .unwrap_or_default()
}

/// Draws `n` of `ids` at random (a fresh random key per draw).
pub fn sample(mut ids: Vec<String>, n: usize) -> Vec<String> {
    let key = std::collections::hash_map::RandomState::new();
    ids.sort_by_key(|id| key.hash_one(id));
    ids.truncate(n);
    ids
}

fn bad(message: String) -> PageError {
    PageError::status(StatusCode::BAD_REQUEST, message)
}

/// `POST /calibration` (`period`/`from`/`to`, `queue`, `operator`,
/// `size`, `graders`): a new session, then its page.
pub async fn create(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    uri: Uri,
    Form(f): Form<Fields>,
) -> Response {
    let a = app.clone();
    submit(&app, &headers, &uri, f.clone(), move |ctx| {
        let app = a;
        if !supervises(ctx) {
            return Err(PageError::status(
                StatusCode::FORBIDDEN,
                "only a supervisor starts a calibration",
            ));
        }
        let size_text = field(&f, "size");
        let size: usize = size_text
            .parse()
            .ok()
            .filter(|n| (1..=MAX_SAMPLE).contains(n))
            .ok_or_else(|| {
                bad(format!(
                    "size: {size_text:?} is not a number from 1 to {MAX_SAMPLE}"
                ))
            })?;
        let graders: Vec<String> = field(&f, "graders")
            .split([',', ' ', ';'])
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .map(str::to_string)
            .fold(Vec::new(), |mut v, g| {
                if !v.contains(&g) {
                    v.push(g);
                }
                v
            });
        if graders.is_empty() {
            return Err(bad("graders: name at least one user".into()));
        }
        let mut p: Params = f
            .into_iter()
            .filter(|(k, v)| {
                !v.trim().is_empty()
                    && matches!(k.as_str(), "period" | "from" | "to" | "queue" | "operator")
            })
            .collect();
        let period = Period::resolve(&*app.store, ctx, &mut p)?;
        let filter = period.apply(super::filter(ctx, &p, &[])?);
        let pool = app.store.list_calls(&ListQuery {
            filter,
            limit: POOL,
            cursor: None,
            with_audit: false,
        })?;
        let ids: Vec<String> = pool.calls.into_iter().map(|r| r.id).collect();
        if ids.is_empty() {
            return Err(bad("no calls in the period to sample".into()));
        }
        let id = crate::calibration::create(&app, &ctx.who, sample(ids, size), graders)?;
        Ok(format!("/calibration/{id}"))
    })
    .await
}

/// One rule of a call in a grader's form.
pub struct GradeRow {
    pub rule: String,
    pub title: String,
    /// The grader's grade so far, or empty.
    pub mine: String,
}

/// One call of the session.
pub struct SessionCall {
    pub n: usize,
    pub id: String,
    pub href: String,
    pub facts: String,
    pub rows: Vec<GradeRow>,
    pub graded: usize,
}

/// One rule of the report.
pub struct ReportRow {
    pub title: String,
    pub rule: String,
    pub calls: String,
    pub agreement: String,
    pub kappa: String,
    pub machine: String,
    /// `poor` when graders or machine agree on fewer than 7 in 10, else `good`.
    pub class: &'static str,
}

#[derive(Template)]
#[template(path = "calibration.html")]
struct SessionPage {
    c: Chrome,
    id: i64,
    created: String,
    graders: String,
    grader: bool,
    supervise: bool,
    calls: Vec<SessionCall>,
    grades: i64,
    report: Vec<ReportRow>,
}

fn session_id(id: &str) -> Result<i64, PageError> {
    id.parse()
        .map_err(|_| PageError::not_found(format!("no calibration {id:?}")))
}

fn kappa_text(v: &Value) -> String {
    v["cohen_kappa"]
        .as_f64()
        .or(v["fleiss_kappa"].as_f64())
        .map_or("—".into(), |k| format!("{k:.2}"))
}

/// `GET /calibration/{id}`.
pub async fn one(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    PageRequest { ctx, .. }: PageRequest,
) -> Response {
    answer(ctx, move |ctx| {
        let t = ctx.t();
        let w = t.review;
        let id = session_id(&id)?;
        let missing = || PageError::not_found(format!("no calibration {id}"));
        let k = app.store.get_calibration(id)?.ok_or_else(missing)?;
        let grader = k.graders.contains(&ctx.who.name);
        let supervise = supervises(ctx);
        if !grader && !supervise {
            return Err(missing());
        }
        let grades = app.store.grades_of(id)?;
        let mut calls = Vec::new();
        for (n, call) in k.calls.iter().enumerate() {
            let Some(detail) = app.store.get_call(call)? else {
                continue;
            };
            let record: Value = serde_json::from_str(&detail.record).unwrap_or(Value::Null);
            let audit: Value = serde_json::from_str(&detail.audit).unwrap_or(Value::Null);
            let mine: HashMap<&str, &str> = grades
                .iter()
                .filter(|g| &g.call == call && g.grader == ctx.who.name)
                .map(|g| (g.rule.as_str(), g.outcome.as_str()))
                .collect();
            let rows: Vec<GradeRow> = audit["verdicts"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v["rule"].as_str())
                .map(|r| GradeRow {
                    rule: r.to_string(),
                    title: rule_title(&app, ctx.ui, r),
                    mine: mine.get(r).map(|o| o.to_string()).unwrap_or_default(),
                })
                .collect();
            let facts = format!(
                "{} · {} · {}",
                when(record["started_at"].as_str()),
                record["operator"]["name"]
                    .as_str()
                    .or(record["operator"]["id"].as_str())
                    .unwrap_or(""),
                record["tags"]["queue"].as_str().unwrap_or(t.queue_none),
            );
            calls.push(SessionCall {
                n: n + 1,
                href: format!("/calls/{}", encode(call)),
                id: call.clone(),
                facts,
                graded: mine.len(),
                rows,
            });
        }
        let report = if supervise {
            let r = crate::calibration::report(&app, id)?;
            r["rules"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|v| {
                    let rule = v["rule"].as_str().unwrap_or("").to_string();
                    let agree = v["agreement"].as_f64();
                    let machine = v["machine"]["agreement"].as_f64();
                    let low = agree.is_some_and(|a| a < 0.7) || machine.is_some_and(|m| m < 0.7);
                    ReportRow {
                        title: rule_title(&app, ctx.ui, &rule),
                        calls: v["calls"].to_string(),
                        agreement: format!("{} ({} {})", percent(agree), v["pairs"], w.pairs),
                        kappa: kappa_text(v),
                        machine: format!("{} ({})", percent(machine), v["machine"]["grades"]),
                        class: if low { "poor" } else { "good" },
                        rule,
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let page = SessionPage {
            c: ctx.chrome("calibration", format!("{} {id}", w.calibration)),
            id,
            created: format!(
                "{} {} · {}",
                w.created_by,
                k.created_by,
                when(Some(&k.created_at))
            ),
            graders: k.graders.join(", "),
            grader,
            supervise,
            calls,
            grades: grades.len() as i64,
            report,
        };
        ctx.render(&page)
    })
    .await
}

/// `POST /calibration/{id}/grade` (`call`, and `r:RULE` = `pass`, `fail`
/// or `n/a` per graded rule; empty ones are left ungraded).
pub async fn grade(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
    Form(f): Form<Fields>,
) -> Response {
    let a = app.clone();
    submit(&app, &headers, &uri, Params::new(), move |c| {
        let app = a;
        let id = session_id(&id)?;
        let call = field(&f, "call");
        let mut rules: Vec<(&str, &str)> = f
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix("r:")?, v.trim())))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        rules.sort();
        for (rule, outcome) in rules {
            crate::calibration::grade(&app, &c.who, id, &call, rule, outcome)?;
        }
        let k = app.store.get_calibration(id)?;
        let n = k
            .and_then(|k| k.calls.iter().position(|x| *x == call))
            .map_or(0, |i| i + 1);
        Ok(format!("/calibration/{id}#call-{n}"))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sample_is_drawn_from_the_pool_without_repeats() {
        let ids: Vec<String> = (0..100).map(|i| format!("c-{i}")).collect();
        let s = sample(ids.clone(), 10);
        assert_eq!(s.len(), 10);
        let mut d = s.clone();
        d.sort();
        d.dedup();
        assert_eq!(d.len(), 10);
        assert!(s.iter().all(|x| ids.contains(x)));
        assert_eq!(sample(ids[..3].to_vec(), 10).len(), 3);
        // Two draws differ (the chance that 10 of 100 come out the same is nil).
        assert_ne!(sample(ids.clone(), 10), sample(ids, 10));
    }
}
