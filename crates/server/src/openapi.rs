//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of the routes
//! this server answers, built from one table.

use axum::Json;
use serde_json::{json, Map, Value};

const FILTERS: &[&str] = &[
    "from",
    "to",
    "operator",
    "queue",
    "direction",
    "language",
    "passed",
    "min_score",
    "max_score",
    "rule",
    "outcome",
    "q",
];

/// (path, method, summary, query parameters beyond the filters, filters?)
const ROUTES: &[(&str, &str, &str, &[&str], bool)] = &[
    (
        "/api/v1/calls",
        "post",
        "Ingest a call record, an array, or JSON Lines",
        &[],
        false,
    ),
    (
        "/api/v1/calls",
        "get",
        "List calls, newest first",
        &["limit", "cursor"],
        true,
    ),
    (
        "/api/v1/calls/{id}",
        "get",
        "One call with its audit",
        &[],
        false,
    ),
    (
        "/api/v1/stats/overview",
        "get",
        "Calls, pass rate, average score per bucket",
        &["bucket"],
        true,
    ),
    (
        "/api/v1/stats/rules",
        "get",
        "Verdicts per rule and bucket",
        &["bucket"],
        true,
    ),
    (
        "/api/v1/stats/operators",
        "get",
        "Calls and scores per operator and bucket",
        &["bucket"],
        true,
    ),
    (
        "/api/v1/export.csv",
        "get",
        "Calls as CSV (UTF-8 with BOM)",
        &[],
        true,
    ),
    (
        "/api/v1/export.jsonl",
        "get",
        "Audits as JSON Lines",
        &[],
        true,
    ),
    (
        "/api/v1/standard",
        "get",
        "The active standard's TOML",
        &["revision"],
        false,
    ),
    (
        "/api/v1/standard",
        "put",
        "Store a new standard revision and make it active",
        &[],
        false,
    ),
    (
        "/api/v1/standard/diff",
        "get",
        "Changed rules and verdicts between two revisions",
        &["from", "to"],
        false,
    ),
    (
        "/api/v1/rescore",
        "post",
        "Re-score stored calls as a background job",
        &[],
        false,
    ),
    (
        "/api/v1/jobs/{id}",
        "get",
        "A background job's state and progress",
        &[],
        false,
    ),
    (
        "/api/v1/live",
        "get",
        "Live protocol v2 over a WebSocket (ingest or admin tokens)",
        &[],
        false,
    ),
    (
        "/api/v1/live/calls",
        "get",
        "Calls in progress on the live sockets that this token may see",
        &[],
        false,
    ),
    (
        "/api/v1/stats/prompts",
        "get",
        "Live prompts per rule and trigger: shown, decided, followed",
        &[],
        false,
    ),
    ("/api/v1/openapi.json", "get", "This document", &[], false),
    (
        "/api/v1/training",
        "post",
        "Store a training result (callqa train --to URL)",
        &[],
        false,
    ),
    (
        "/api/v1/training",
        "get",
        "An operator's training results, newest first",
        &["operator", "limit"],
        false,
    ),
    (
        "/api/v1/calls/{id}/disputes",
        "post",
        "Dispute a verdict of a call (its operator, a supervisor): {rule, comment}",
        &[],
        false,
    ),
    (
        "/api/v1/disputes",
        "get",
        "Disputes, newest first (an operator sees its own)",
        &[
            "state",
            "call",
            "operator",
            "rule",
            "queue",
            "needs_review",
            "limit",
        ],
        false,
    ),
    (
        "/api/v1/disputes/{id}/decision",
        "post",
        "Uphold or overturn a dispute (supervisor): {decision, comment}",
        &[],
        false,
    ),
    (
        "/api/v1/calls/{id}/manual",
        "post",
        "Mark a [[manual]] item of a call (supervisor): {item, outcome, comment}",
        &[],
        false,
    ),
    (
        "/api/v1/audit-log",
        "get",
        "Every dispute, decision, mark and grade: who, when, what, before, after",
        &["call", "before", "limit"],
        false,
    ),
    (
        "/api/v1/calibrations",
        "post",
        "Start a calibration: {calls, graders}",
        &[],
        false,
    ),
    (
        "/api/v1/calibrations/{id}",
        "get",
        "A calibration's agreement per rule, between graders and with the machine",
        &[],
        false,
    ),
    (
        "/api/v1/calibrations/{id}/grades",
        "post",
        "A grader's outcome of a rule of a call: {call, rule, outcome}",
        &[],
        false,
    ),
    (
        "/metrics",
        "get",
        "Prometheus text metrics (no credentials from loopback)",
        &[],
        false,
    ),
];

pub async fn document() -> Json<Value> {
    let mut paths = Map::new();
    for (path, method, summary, extra, filters) in ROUTES {
        let mut params: Vec<Value> = Vec::new();
        if path.contains("{id}") {
            params.push(
                json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}),
            );
        }
        let names = extra
            .iter()
            .chain(if *filters { FILTERS } else { &[] }.iter());
        for name in names {
            params.push(json!({"name": name, "in": "query", "required": false, "schema": {"type": "string"}}));
        }
        let entry = paths
            .entry(path.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        entry[*method] = json!({
            "summary": summary,
            "parameters": params,
            "security": [{"bearer": []}, {"session": []}],
            "responses": {
                "200": {"description": "ok"},
                "400": {"description": "bad request: every problem"},
                "401": {"description": "no credentials"},
                "403": {"description": "not allowed for this token's role"}
            }
        });
    }
    Json(json!({
        "openapi": "3.1.0",
        "info": {"title": "callqa serve", "version": "1"},
        "components": {"securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer"},
            "session": {"type": "apiKey", "in": "cookie", "name": crate::signin::COOKIE}
        }},
        "paths": paths,
    }))
}
