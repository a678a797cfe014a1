//! `POST /api/v1/calls`: a call record, an array of them, or JSON Lines.
//! Each call is validated with the CLI's messages, audited with the active
//! standard and stored; the whole request is one committed transaction,
//! answered only after the commit. Within one body the first call of an id
//! is taken and each later one is an error; a later request replaces.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::Json;
use callqa_model::{call_from_value, Call};
use serde::Serialize;
use serde_json::Value;

use crate::auth::{authorize, Need};
use crate::metrics::Metrics;
use crate::{blocking, crosscall, ApiError, App};

#[derive(Debug, Serialize)]
pub struct IngestError {
    /// Array position (from 0), or line number (from 1) for JSON Lines.
    pub index: usize,
    /// The call id, when the record had one.
    pub call: Option<String>,
    pub message: String,
}

#[derive(Debug, Serialize)]
pub struct IngestAnswer {
    pub accepted: usize,
    pub errors: Vec<IngestError>,
}

/// One item of a body: its index and its JSON, or why it is not JSON.
type Item = (usize, Result<Value, String>);

/// Splits a body into items.
fn items(headers: &HeaderMap, body: &[u8]) -> Result<Vec<Item>, ApiError> {
    let text = std::str::from_utf8(body)
        .map_err(|e| ApiError::bad_request(format!("the body is not utf-8: {e}")))?;
    let ndjson = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.contains("ndjson") || t.contains("jsonl") || t.contains("json-seq"));
    if !ndjson {
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Array(items)) => {
                return Ok(items
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| (i, Ok(v)))
                    .collect())
            }
            Ok(v) => return Ok(vec![(0, Ok(v))]),
            // Several lines that are not one JSON value: read as JSON Lines.
            Err(_) if text.trim().lines().count() > 1 => {}
            Err(e) => return Err(ApiError::bad_request(format!("the body is not json: {e}"))),
        }
    }
    Ok(text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            (
                i + 1,
                serde_json::from_str(l).map_err(|e| format!("not json: {e}")),
            )
        })
        .collect())
}

pub async fn post_calls(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<IngestAnswer>, ApiError> {
    authorize(&app, &headers, Need::Ingest).await?;
    let items = items(&headers, &body).inspect_err(|_| {
        Metrics::add(&app.metrics.ingest_errors, 1);
    })?;
    let app2 = app.clone();
    let answer = blocking(move || {
        let mut errors = Vec::new();
        let mut calls: Vec<Call> = Vec::new();
        let mut first: HashMap<String, usize> = HashMap::new();
        for (index, item) in items {
            let id_of = |v: &Value| v.get("id").and_then(Value::as_str).map(str::to_string);
            let value = match item {
                Ok(v) => v,
                Err(message) => {
                    errors.push(IngestError {
                        index,
                        call: None,
                        message,
                    });
                    continue;
                }
            };
            let id = id_of(&value);
            match call_from_value(value) {
                Ok(call) => {
                    if let Some(at) = first.get(&call.id) {
                        errors.push(IngestError {
                            index,
                            call: Some(call.id.clone()),
                            message: format!(
                                "duplicate call id {:?} (first at index {at}); the first is taken",
                                call.id
                            ),
                        });
                    } else {
                        first.insert(call.id.clone(), index);
                        calls.push(call);
                    }
                }
                Err(e) => errors.push(IngestError {
                    index,
                    call: id,
                    message: e.to_string(),
                }),
            }
        }
        let active = app2.active();
        let redecided = crosscall::ingest(&*app2.store, &active, &calls, app2.known())?;
        // Counts only: what the server logs never holds transcript text.
        tracing::info!(
            accepted = calls.len(),
            errors = errors.len(),
            redecided,
            revision = active.revision,
            "ingest"
        );
        let m = &app2.metrics;
        Metrics::add(&m.ingested, calls.len());
        Metrics::add(&m.audited, calls.len() + redecided);
        Metrics::add(&m.ingest_errors, errors.len());
        Ok(IngestAnswer {
            accepted: calls.len(),
            errors,
        })
    })
    .await?;
    Ok(Json(answer))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(ctype: &str, body: &str) -> Vec<(usize, bool)> {
        let mut h = HeaderMap::new();
        h.insert(header::CONTENT_TYPE, ctype.parse().unwrap());
        items(&h, body.as_bytes())
            .unwrap()
            .into_iter()
            .map(|(i, v)| (i, v.is_ok()))
            .collect()
    }

    #[test]
    fn a_body_is_one_record_an_array_or_json_lines() {
        assert_eq!(kinds("application/json", r#"{"id": "a"}"#), [(0, true)]);
        assert_eq!(
            kinds("application/json", r#"[{"id": "a"}, 3]"#),
            [(0, true), (1, true)]
        );
        // JSON Lines count lines from 1 and skip blank ones.
        assert_eq!(
            kinds("application/x-ndjson", "{\"id\": \"a\"}\n\nnope\n"),
            [(1, true), (3, false)]
        );
        // Lines sent as application/json are still read as lines.
        assert_eq!(
            kinds("application/json", "{\"id\": \"a\"}\n{\"id\": \"b\"}\n"),
            [(1, true), (2, true)]
        );
        let mut h = HeaderMap::new();
        h.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
        let err = items(&h, b"{oops").unwrap_err();
        assert!(
            err.messages[0].starts_with("the body is not json: "),
            "{:?}",
            err.messages
        );
    }
}
