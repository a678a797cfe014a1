//! Operators' training results: `POST /api/v1/training` stores what
//! `callqa train --to URL` sends (a quiz or a simulated call), `GET
//! /api/v1/training?operator=ID` lists an operator's results, newest
//! first. Admin, supervisor and ingest tokens may post for any operator;
//! an operator token posts and reads only its own results.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use callqa_store::{Role, TokenInfo, TrainingRecord};
use serde_json::{json, Value};

use crate::auth::{authorize, Need};
use crate::{blocking, ApiError, App};

/// At most this many results in one answer (`limit`).
const MAX_LIMIT: usize = 1000;

fn own_only(who: &TokenInfo, operator: &str) -> Result<(), ApiError> {
    if who.role == Role::Operator && who.operator.as_deref() != Some(operator) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!("an operator token may only use its own training results, not {operator:?}'s"),
        ));
    }
    Ok(())
}

fn text<'a>(v: &'a Value, field: &str) -> Result<&'a str, ApiError> {
    match v.get(field) {
        None | Some(Value::Null) => Err(ApiError::bad_request(format!("{field}: missing"))),
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s),
        Some(other) => Err(ApiError::bad_request(format!(
            "{field}: {other} is not a non-empty string"
        ))),
    }
}

/// Checks a posted result and takes its figures.
fn record(body: &[u8]) -> Result<TrainingRecord, ApiError> {
    let v: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("the body is not json: {e}")))?;
    if !v.is_object() {
        return Err(ApiError::bad_request(
            "the body must be one training result (a json object)",
        ));
    }
    let kind = text(&v, "kind")?;
    if kind != "quiz" && kind != "simulator" {
        return Err(ApiError::bad_request(format!(
            "kind: {kind:?} is neither \"quiz\" nor \"simulator\""
        )));
    }
    let language = text(&v, "language")?;
    if !["ru", "en", "hy"].contains(&language) {
        return Err(ApiError::bad_request(format!(
            "language: {language:?} is not ru, en or hy"
        )));
    }
    let score = match v.get("score") {
        Some(s) => s
            .as_f64()
            .filter(|s| (0.0..=100.0).contains(s))
            .ok_or_else(|| {
                ApiError::bad_request(format!("score: {s} is not a number from 0 to 100"))
            })?,
        None => return Err(ApiError::bad_request("score: missing")),
    };
    let passed = match v.get("passed") {
        Some(Value::Bool(b)) => *b,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "passed: {other} is not true or false"
            )))
        }
        None => return Err(ApiError::bad_request("passed: missing")),
    };
    Ok(TrainingRecord {
        id: 0,
        operator: text(&v, "operator")?.to_string(),
        kind: kind.to_string(),
        standard: text(&v, "standard")?.to_string(),
        language: language.to_string(),
        score,
        passed,
        taken_at: String::new(),
        result: v.to_string(),
    })
}

/// `POST /api/v1/training`.
pub async fn post_training(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let who = authorize(&app, &headers, Need::Train).await?;
    let rec = record(&body)?;
    own_only(&who, &rec.operator)?;
    let store = app.store.clone();
    let id = blocking(move || Ok(store.put_training(&rec)?)).await?;
    Ok(Json(json!({ "id": id })))
}

/// `GET /api/v1/training?operator=ID[&limit=N]`.
pub async fn list_training(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(p): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    let who = authorize(&app, &headers, Need::Read).await?;
    let operator = match (p.get("operator"), who.role) {
        (Some(o), _) => o.clone(),
        (None, Role::Operator) => who.operator.clone().unwrap_or_default(),
        (None, _) => return Err(ApiError::bad_request("operator: missing (an operator id)")),
    };
    own_only(&who, &operator)?;
    let limit = match p.get("limit") {
        None => 100,
        Some(l) => l
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| {
                ApiError::bad_request(format!(
                    "limit: {l:?} is not a number from 1 to {MAX_LIMIT}"
                ))
            })?,
    };
    let store = app.store.clone();
    let op = operator.clone();
    let rows = blocking(move || Ok(store.training_of(&op, limit)?)).await?;
    let results: Vec<Value> = rows
        .into_iter()
        .map(|r| {
            json!({
                "id": r.id,
                "kind": r.kind,
                "standard": r.standard,
                "language": r.language,
                "score": r.score,
                "passed": r.passed,
                "taken_at": r.taken_at,
                "result": serde_json::from_str::<Value>(&r.result).unwrap_or(Value::Null),
            })
        })
        .collect();
    Ok(Json(json!({ "operator": operator, "results": results })))
}

#[cfg(test)]
mod tests {
    use super::record;

    #[test]
    fn a_posted_result_names_the_bad_field() {
        let ok = br#"{"kind":"quiz","operator":"op-1","standard":"s@1","language":"ru","score":80,"passed":true}"#;
        assert_eq!(record(ok).unwrap().score, 80.0);
        let cases: &[(&[u8], &str)] = &[
            (
                b"[1]",
                "the body must be one training result (a json object)",
            ),
            (
                br#"{"kind":"exam"}"#,
                "kind: \"exam\" is neither \"quiz\" nor \"simulator\"",
            ),
            (
                br#"{"kind":"quiz","language":"de"}"#,
                "language: \"de\" is not ru, en or hy",
            ),
            (
                br#"{"kind":"quiz","language":"ru","score":120,"passed":true}"#,
                "score: 120 is not a number from 0 to 100",
            ),
            (
                br#"{"kind":"quiz","language":"ru","score":50,"passed":true,"operator":""}"#,
                "operator: \"\" is not a non-empty string",
            ),
        ];
        for (body, want) in cases {
            let e = record(body).unwrap_err();
            assert_eq!(e.messages, vec![want.to_string()]);
        }
    }
}
