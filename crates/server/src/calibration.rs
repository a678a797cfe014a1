//! Calibration (`server-api.md`, "Calibration"): a supervisor names calls
//! and graders; each grader grades rules of those calls by hand; the
//! session's figures show, per rule, how far the graders agree with each
//! other and with the machine.
//!
//! Per rule: `pairs` = pairs of graders who both graded the same call,
//! `agreement` = share of those pairs with the same outcome; with two
//! graders Cohen's kappa over the calls both graded, with three or more
//! Fleiss' kappa over the calls every grader graded (`null` where
//! undefined: no such call, or chance agreement is already 1); `machine`
//! = share of grades equal to the stored verdict's outcome.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use callqa_store::{AuditEntry, Calibration, Grade, Role, TokenInfo};
use serde_json::{json, Value};

use crate::auth::{authorize, Need};
use crate::disputes::{call_parts, may_touch};
use crate::{blocking, ApiError, App};

const OUTCOMES: [&str; 3] = ["pass", "fail", "n/a"];

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Share of grader pairs agreeing over `items` (each item: the graders'
/// outcomes); `(pairs, agreeing)`.
pub fn pair_agreement(items: &[Vec<&str>]) -> (usize, usize) {
    let (mut pairs, mut agree) = (0, 0);
    for item in items {
        for i in 0..item.len() {
            for j in i + 1..item.len() {
                pairs += 1;
                agree += usize::from(item[i] == item[j]);
            }
        }
    }
    (pairs, agree)
}

/// Cohen's kappa of two graders' outcomes of the same items; `None` when
/// there are none or chance agreement is 1.
pub fn cohen_kappa(pairs: &[(&str, &str)]) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let po = pairs.iter().filter(|(a, b)| a == b).count() as f64 / n;
    let pe: f64 = OUTCOMES
        .iter()
        .map(|k| {
            let a = pairs.iter().filter(|(x, _)| x == k).count() as f64 / n;
            let b = pairs.iter().filter(|(_, y)| y == k).count() as f64 / n;
            a * b
        })
        .sum();
    (pe < 1.0).then(|| (po - pe) / (1.0 - pe))
}

/// Fleiss' kappa of items each graded by the same number (≥ 2) of
/// graders; `None` when there are none or chance agreement is 1.
pub fn fleiss_kappa(items: &[Vec<&str>]) -> Option<f64> {
    let raters = items.first()?.len();
    if raters < 2 || items.iter().any(|i| i.len() != raters) {
        return None;
    }
    let (n, big_n) = (raters as f64, items.len() as f64);
    let mut totals = [0.0; 3];
    let mut p_bar = 0.0;
    for item in items {
        let mut agree = 0.0;
        for (k, total) in OUTCOMES.iter().zip(totals.iter_mut()) {
            let c = item.iter().filter(|o| *o == k).count() as f64;
            *total += c;
            agree += c * c;
        }
        p_bar += (agree - n) / (n * (n - 1.0));
    }
    p_bar /= big_n;
    let pe: f64 = totals.iter().map(|t| (t / (big_n * n)).powi(2)).sum();
    (pe < 1.0).then(|| (p_bar - pe) / (1.0 - pe))
}

/// The figures of a calibration: per rule, agreement between graders and
/// with the machine (`machine`: call → rule → outcome).
pub fn figures(
    graders: &[String],
    grades: &[Grade],
    machine: &HashMap<String, HashMap<String, String>>,
) -> Vec<Value> {
    // rule → call → grader → outcome
    let mut by_rule: BTreeMap<&str, BTreeMap<&str, BTreeMap<&str, &str>>> = BTreeMap::new();
    for g in grades {
        by_rule
            .entry(&g.rule)
            .or_default()
            .entry(&g.call)
            .or_default()
            .insert(&g.grader, &g.outcome);
    }
    by_rule
        .iter()
        .map(|(rule, calls)| {
            let items: Vec<Vec<&str>> = calls
                .values()
                .map(|g| g.values().copied().collect())
                .collect();
            let (pairs, agree) = pair_agreement(&items);
            let everyone: Vec<Vec<&str>> = calls
                .values()
                .filter(|g| graders.iter().all(|n| g.contains_key(n.as_str())))
                .map(|g| graders.iter().map(|n| g[n.as_str()]).collect())
                .collect();
            let cohen = (graders.len() == 2)
                .then(|| {
                    let both: Vec<(&str, &str)> = everyone.iter().map(|v| (v[0], v[1])).collect();
                    cohen_kappa(&both)
                })
                .flatten();
            let fleiss = (graders.len() >= 3)
                .then(|| fleiss_kappa(&everyone))
                .flatten();
            let (mut graded, mut same) = (0usize, 0usize);
            for (call, g) in calls {
                let Some(m) = machine.get(*call).and_then(|r| r.get(*rule)) else {
                    continue;
                };
                for o in g.values() {
                    graded += 1;
                    same += usize::from(o == m);
                }
            }
            json!({
                "rule": rule,
                "calls": calls.len(),
                "pairs": pairs,
                "agreement": (pairs > 0).then(|| round3(agree as f64 / pairs as f64)),
                "cohen_kappa": cohen.map(round3),
                "fleiss_kappa": fleiss.map(round3),
                "machine": {
                    "grades": graded,
                    "agreement": (graded > 0).then(|| round3(same as f64 / graded as f64)),
                },
            })
        })
        .collect()
}

fn strings(v: &Value, name: &str) -> Result<Vec<String>, ApiError> {
    let list = v[name]
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| {
            ApiError::bad_request(format!("{name}: expected a non-empty list of strings"))
        })?;
    let mut out: Vec<String> = Vec::new();
    for x in list {
        let s = x.as_str().filter(|s| !s.trim().is_empty()).ok_or_else(|| {
            ApiError::bad_request(format!("{name}: {x} is not a non-empty string"))
        })?;
        if !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    }
    Ok(out)
}

fn log(
    app: &App,
    who: &TokenInfo,
    what: &str,
    call: Option<&str>,
    after: Value,
) -> Result<(), ApiError> {
    app.store.append_audit_log(&AuditEntry {
        id: 0,
        at: crate::disputes::now_text(app),
        who: who.name.clone(),
        what: what.into(),
        call: call.map(str::to_string),
        before: "null".into(),
        after: after.to_string(),
    })?;
    Ok(())
}

/// Creates a calibration (the core of `POST /api/v1/calibrations`).
pub fn create(
    app: &App,
    who: &TokenInfo,
    calls: Vec<String>,
    graders: Vec<String>,
) -> Result<i64, ApiError> {
    for id in &calls {
        let (operator, queue, _) = call_parts(&*app.store, id)?;
        if !may_touch(who, &operator, queue.as_deref()) {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                format!("call {id:?} is not one this token may see"),
            ));
        }
    }
    for g in &graders {
        if app.store.get_user(g)?.is_none() {
            return Err(ApiError::bad_request(format!("graders: no user {g:?}")));
        }
    }
    let mut k = Calibration {
        id: 0,
        calls,
        graders,
        created_by: who.name.clone(),
        created_at: crate::disputes::now_text(app),
    };
    k.id = app.store.create_calibration(&k)?;
    log(
        app,
        who,
        "calibration.create",
        None,
        json!({"id": k.id, "calls": k.calls, "graders": k.graders}),
    )?;
    Ok(k.id)
}

/// Stores a grade (the core of `POST /api/v1/calibrations/{id}/grades`).
pub fn grade(
    app: &App,
    who: &TokenInfo,
    id: i64,
    call: &str,
    rule: &str,
    outcome: &str,
) -> Result<(), ApiError> {
    let k = app
        .store
        .get_calibration(id)?
        .ok_or_else(|| ApiError::not_found(format!("no calibration {id}")))?;
    if !k.graders.contains(&who.name) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!("{:?} is not a grader of calibration {id}", who.name),
        ));
    }
    if !k.calls.iter().any(|c| c == call) {
        return Err(ApiError::bad_request(format!(
            "call: {call:?} is not in calibration {id}"
        )));
    }
    if !OUTCOMES.contains(&outcome) {
        return Err(ApiError::bad_request(format!(
            "outcome: {outcome:?} is not pass, fail or n/a"
        )));
    }
    let (_, _, audit) = call_parts(&*app.store, call)?;
    let known = audit["verdicts"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|v| v["rule"] == rule);
    if !known {
        return Err(ApiError::bad_request(format!(
            "rule: call {call:?} has no verdict of {rule:?}"
        )));
    }
    app.store.put_grade(&Grade {
        calibration: id,
        call: call.into(),
        rule: rule.into(),
        grader: who.name.clone(),
        outcome: outcome.into(),
    })?;
    log(
        app,
        who,
        "calibration.grade",
        Some(call),
        json!({"calibration": id, "rule": rule, "outcome": outcome}),
    )
}

/// A calibration and its figures (the core of `GET /api/v1/calibrations/{id}`).
pub fn report(app: &App, id: i64) -> Result<Value, ApiError> {
    let k = app
        .store
        .get_calibration(id)?
        .ok_or_else(|| ApiError::not_found(format!("no calibration {id}")))?;
    let grades = app.store.grades_of(id)?;
    let mut machine: HashMap<String, HashMap<String, String>> = HashMap::new();
    for call in &k.calls {
        if let Ok((_, _, audit)) = call_parts(&*app.store, call) {
            let rules = audit["verdicts"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| {
                    Some((
                        v["rule"].as_str()?.to_string(),
                        v["outcome"].as_str()?.to_string(),
                    ))
                })
                .collect();
            machine.insert(call.clone(), rules);
        }
    }
    Ok(json!({
        "id": k.id,
        "calls": k.calls,
        "graders": k.graders,
        "created_by": k.created_by,
        "created_at": k.created_at,
        "grades": grades.len(),
        "rules": figures(&k.graders, &grades, &machine),
    }))
}

fn body(bytes: &[u8]) -> Result<Value, ApiError> {
    let v: Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request(format!("the body is not json: {e}")))?;
    v.is_object()
        .then_some(v)
        .ok_or_else(|| ApiError::bad_request("the body must be a json object"))
}

fn calibration_id(id: &str) -> Result<i64, ApiError> {
    id.parse()
        .map_err(|_| ApiError::not_found(format!("no calibration {id:?}")))
}

/// `POST /api/v1/calibrations` (admin, supervisor).
pub async fn post_calibration(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    bytes: axum::body::Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let who = authorize(&app, &headers, Need::Supervise).await?;
    let v = body(&bytes)?;
    let calls = strings(&v, "calls")?;
    let graders = strings(&v, "graders")?;
    let id = blocking(move || create(&app, &who, calls, graders)).await?;
    Ok((StatusCode::CREATED, Json(json!({"id": id}))))
}

/// `POST /api/v1/calibrations/{id}/grades` (the named graders only).
pub async fn post_grade(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    bytes: axum::body::Bytes,
) -> Result<Json<Value>, ApiError> {
    let who = authorize(&app, &headers, Need::Train).await?;
    if who.role == Role::Ingest {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "an ingest token may not grade",
        ));
    }
    let id = calibration_id(&id)?;
    let v = body(&bytes)?;
    let text = |name: &str| -> Result<String, ApiError> {
        v[name]
            .as_str()
            .filter(|s| !s.trim().is_empty())
            .map(str::to_string)
            .ok_or_else(|| {
                ApiError::bad_request(format!("{name}: missing or not a non-empty string"))
            })
    };
    let (call, rule, outcome) = (text("call")?, text("rule")?, text("outcome")?);
    blocking(move || grade(&app, &who, id, &call, &rule, &outcome)).await?;
    Ok(Json(json!({"ok": true})))
}

/// `GET /api/v1/calibrations/{id}` (admin, supervisor).
pub async fn get_calibration(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    authorize(&app, &headers, Need::Supervise).await?;
    let id = calibration_id(&id)?;
    Ok(Json(blocking(move || report(&app, id)).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cohen_on_a_hand_computed_table() {
        // 10 calls: both pass 4, both fail 3, A pass B fail 2, A fail B pass 1.
        // po = 0.7; A pass 0.6, B pass 0.5 → pe = 0.3 + 0.2 = 0.5; κ = 0.4.
        let mut v = vec![("pass", "pass"); 4];
        v.extend(vec![("fail", "fail"); 3]);
        v.extend(vec![("pass", "fail"); 2]);
        v.push(("fail", "pass"));
        assert!((cohen_kappa(&v).unwrap() - 0.4).abs() < 1e-9);
        assert_eq!(cohen_kappa(&[("pass", "pass"), ("pass", "pass")]), None);
        assert_eq!(cohen_kappa(&[]), None);
    }

    #[test]
    fn fleiss_on_a_hand_computed_table() {
        // 3 graders, 4 calls: (p,p,p) (p,p,f) (f,f,f) (p,f,f).
        // P_i = 1, 1/3, 1, 1/3 → P̄ = 2/3; p(pass) = 6/12, p(fail) = 6/12 →
        // Pe = 0.5; κ = (2/3 − 1/2) / (1/2) = 1/3.
        let items = vec![
            vec!["pass", "pass", "pass"],
            vec!["pass", "pass", "fail"],
            vec!["fail", "fail", "fail"],
            vec!["pass", "fail", "fail"],
        ];
        assert!((fleiss_kappa(&items).unwrap() - 1.0 / 3.0).abs() < 1e-9);
        // pairs: 3 + 1 + 3 + 1 = 8 agreeing of 12.
        assert_eq!(pair_agreement(&items), (12, 8));
        assert_eq!(fleiss_kappa(&[vec!["pass", "pass"]]), None);
    }
}
