//! The standard as revisions: `GET`/`PUT /api/v1/standard`, the diff of
//! two revisions (changed rules and the verdicts that changed), and
//! re-scoring as a background job with `GET /api/v1/jobs/{id}`.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::auth::{authorize, Need};
use crate::queries::filter;
use crate::{audit, blocking, rescore, Active, ApiError, App};

pub async fn get_standard(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(p): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    authorize(&app, &headers, Need::Read).await?;
    let revision = match p.get("revision") {
        None => None,
        Some(v) => Some(
            v.parse::<i64>()
                .map_err(|_| ApiError::bad_request(format!("revision: {v:?} is not a number")))?,
        ),
    };
    let store = app.store.clone();
    let rev = blocking(move || Ok(store.get_standard(revision)?))
        .await?
        .ok_or_else(|| {
            ApiError::not_found(format!("no standard revision {}", revision.unwrap_or(0)))
        })?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/toml; charset=utf-8".to_string(),
            ),
            (
                header::HeaderName::from_static("x-callqa-revision"),
                rev.revision.to_string(),
            ),
        ],
        rev.toml,
    )
        .into_response())
}

pub async fn put_standard(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    authorize(&app, &headers, Need::Admin).await?;
    let text = String::from_utf8(body.to_vec())
        .map_err(|e| ApiError::bad_request(format!("the standard is not utf-8: {e}")))?;
    let app2 = app.clone();
    let revision = blocking(move || {
        let standard = audit::compile("standard.toml", &text).map_err(|messages| ApiError {
            status: StatusCode::BAD_REQUEST,
            messages,
        })?;
        let revision = app2.store.put_standard(&text)?;
        app2.set_active(Active { revision, standard });
        Ok(revision)
    })
    .await?;
    Ok(Json(json!({ "revision": revision })))
}

fn revision_param(p: &HashMap<String, String>, name: &str) -> Result<i64, ApiError> {
    let v = p
        .get(name)
        .ok_or_else(|| ApiError::bad_request(format!("{name}: missing (a revision number)")))?;
    v.parse()
        .map_err(|_| ApiError::bad_request(format!("{name}: {v:?} is not a revision number")))
}

/// At most this many changed verdicts are listed (all are counted).
const DIFF_LIST: usize = 1000;

pub async fn diff(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(p): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    authorize(&app, &headers, Need::Supervise).await?;
    let from = revision_param(&p, "from")?;
    let to = revision_param(&p, "to")?;
    let out = blocking(move || {
        let load = |n: i64| -> Result<std::sync::Arc<callqa_standard::Standard>, ApiError> {
            let rev = app
                .store
                .get_standard(Some(n))?
                .ok_or_else(|| ApiError::not_found(format!("no standard revision {n}")))?;
            audit::compile(&format!("revision {n}"), &rev.toml).map_err(|m| ApiError {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                messages: m,
            })
        };
        let (a, b) = (load(from)?, load(to)?);
        let (added, removed, changed) = audit::rule_changes(&a, &b);
        let mut listed = Vec::new();
        let mut by_rule: BTreeMap<String, u64> = BTreeMap::new();
        let (mut calls, mut changed_calls) = (0u64, 0u64);
        let mut after = String::new();
        loop {
            let pairs = app.store.audit_pairs(from, to, &after, 500)?;
            let Some(last) = pairs.last() else { break };
            after = last.call.clone();
            for pair in &pairs {
                calls += 1;
                let outcomes = |text: &str| -> HashMap<String, String> {
                    let v: Value = serde_json::from_str(text).unwrap_or(Value::Null);
                    v["verdicts"]
                        .as_array()
                        .map(|vs| {
                            vs.iter()
                                .map(|x| {
                                    (
                                        x["rule"].as_str().unwrap_or("").to_string(),
                                        x["outcome"].as_str().unwrap_or("").to_string(),
                                    )
                                })
                                .collect()
                        })
                        .unwrap_or_default()
                };
                let (old, new) = (outcomes(&pair.from), outcomes(&pair.to));
                let mut rules: Vec<&String> = old.keys().chain(new.keys()).collect();
                rules.sort();
                rules.dedup();
                let mut any = false;
                for rule in rules {
                    let (o, n) = (old.get(rule), new.get(rule));
                    if o != n {
                        any = true;
                        *by_rule.entry(rule.clone()).or_default() += 1;
                        if listed.len() < DIFF_LIST {
                            listed
                                .push(json!({"call": pair.call, "rule": rule, "from": o, "to": n}));
                        }
                    }
                }
                changed_calls += any as u64;
            }
        }
        Ok(json!({
            "from": from,
            "to": to,
            "rules": {"added": added, "removed": removed, "changed": changed},
            "calls_compared": calls,
            "calls_changed": changed_calls,
            "verdicts_changed_by_rule": by_rule,
            "verdicts": listed,
        }))
    })
    .await?;
    Ok(Json(out))
}

pub async fn rescore(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(p): Query<HashMap<String, String>>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    authorize(&app, &headers, Need::Admin).await?;
    let mut params = p;
    if !body.is_empty() {
        let v: Value = serde_json::from_slice(&body)
            .map_err(|e| ApiError::bad_request(format!("the body is not json: {e}")))?;
        for key in ["from", "to"] {
            if let Some(s) = v.get(key).and_then(Value::as_str) {
                params.insert(key.into(), s.into());
            }
        }
    }
    let f = filter(&params, &[])?;
    let store = app.store.clone();
    let f2 = f.clone();
    let job = blocking(move || {
        let total = store.count_calls(&f2)?;
        Ok(store.create_job("rescore", total)?)
    })
    .await?;
    let active = app.active();
    let store = app.store.clone();
    tokio::task::spawn_blocking(move || {
        match rescore::run(&*store, &active.standard, active.revision, &f, job) {
            Ok(n) => crate::metrics::Metrics::add(&app.metrics.audited, n as usize),
            Err(e) => tracing::error!("rescore job {job}: {e}"),
        }
    });
    Ok(Json(json!({ "job": job })))
}

pub async fn job(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    authorize(&app, &headers, Need::Supervise).await?;
    let store = app.store.clone();
    let job = blocking(move || Ok(store.get_job(id)?))
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no job {id}")))?;
    Ok(Json(serde_json::to_value(job).unwrap_or(Value::Null)))
}
