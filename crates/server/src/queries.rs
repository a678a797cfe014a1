//! Reading: `GET /api/v1/calls` (filters, keyset pages, newest first),
//! `GET /api/v1/calls/{id}`, `GET /api/v1/stats/overview|rules|operators`
//! by day or week, and the CSV (UTF-8 with BOM, for Excel) and JSONL
//! exports. Every query is narrowed to what the token may see.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use callqa_store::{Bucket, CallRow, Cursor, Filter, GroupBy, ListQuery};
use serde_json::{json, Value};

use crate::auth::{authorize, scope, Need};
use crate::{blocking, ApiError, App};

type Params = Query<HashMap<String, String>>;

fn date(name: &str, v: &str) -> Result<String, ApiError> {
    let ok = v.len() == 10
        && time::Date::parse(v, time::macros::format_description!("[year]-[month]-[day]")).is_ok();
    if ok {
        Ok(v.to_string())
    } else {
        Err(ApiError::bad_request(format!(
            "{name}: {v:?} is not a date (expected YYYY-MM-DD)"
        )))
    }
}

fn number(name: &str, v: &str) -> Result<f64, ApiError> {
    v.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| ApiError::bad_request(format!("{name}: {v:?} is not a number")))
}

/// The contract's filters from query parameters; unknown ones are errors.
pub fn filter(p: &HashMap<String, String>, extra: &[&str]) -> Result<Filter, ApiError> {
    let mut f = Filter::default();
    for (k, v) in p {
        let v = v.as_str();
        match k.as_str() {
            "from" => f.from = Some(date(k, v)?),
            "to" => f.to = Some(date(k, v)?),
            "operator" => f.operator = Some(v.into()),
            "queue" => f.queue = Some(v.into()),
            "direction" if v == "inbound" || v == "outbound" => f.direction = Some(v.into()),
            "direction" => {
                return Err(ApiError::bad_request(format!(
                    "direction: {v:?} is not inbound or outbound"
                )))
            }
            "language" => f.language = Some(v.into()),
            "passed" => {
                f.passed = Some(match v {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => {
                        return Err(ApiError::bad_request(format!(
                            "passed: {v:?} is not true or false"
                        )))
                    }
                })
            }
            "min_score" => f.min_score = Some(number(k, v)?),
            "max_score" => f.max_score = Some(number(k, v)?),
            "rule" => f.rule = Some(v.into()),
            "outcome" if matches!(v, "pass" | "fail" | "n/a") => f.outcome = Some(v.into()),
            "outcome" => {
                return Err(ApiError::bad_request(format!(
                    "outcome: {v:?} is not pass, fail or n/a"
                )))
            }
            "q" => f.q = Some(v.into()).filter(|q: &String| !q.trim().is_empty()),
            _ if extra.contains(&k.as_str()) => {}
            _ => return Err(ApiError::bad_request(format!("unknown parameter {k:?}"))),
        }
    }
    Ok(f)
}

pub async fn list(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(p): Params,
) -> Result<Json<Value>, ApiError> {
    let who = authorize(&app, &headers, Need::Read).await?;
    let mut filter = filter(&p, &["limit", "cursor"])?;
    scope(&who, &mut filter);
    let limit = match p.get("limit") {
        None => 100,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=1000).contains(n))
            .ok_or_else(|| {
                ApiError::bad_request(format!("limit: {v:?} is not a number from 1 to 1000"))
            })?,
    };
    let cursor = match p.get("cursor") {
        None => None,
        Some(c) => Some(
            Cursor::decode(c)
                .ok_or_else(|| ApiError::bad_request(format!("cursor: {c:?} is not a cursor")))?,
        ),
    };
    let store = app.store.clone();
    let page = blocking(move || {
        Ok(store.list_calls(&ListQuery {
            filter,
            limit,
            cursor,
            with_audit: false,
        })?)
    })
    .await?;
    Ok(Json(json!({
        "calls": page.calls,
        "next": page.next.map(|c| c.encode()),
    })))
}

pub async fn one(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let who = authorize(&app, &headers, Need::Read).await?;
    let store = app.store.clone();
    let key = id.clone();
    let (detail, disputes) = blocking(move || {
        let d = store.get_call(&key)?;
        let disputes = store.list_disputes(&callqa_store::DisputeQuery {
            call: Some(key.clone()),
            ..Default::default()
        })?;
        Ok((d, disputes))
    })
    .await?;
    let detail = detail.ok_or_else(|| ApiError::not_found(format!("no call {id:?}")))?;
    let call: Value = serde_json::from_str(&detail.record)
        .map_err(|e| ApiError::internal(format!("stored record of {id:?}: {e}")))?;
    let audit: Value = serde_json::from_str(&detail.audit)
        .map_err(|e| ApiError::internal(format!("stored audit of {id:?}: {e}")))?;
    let operator = call["operator"]["id"].as_str().unwrap_or("");
    let queue = call["tags"]["queue"].as_str();
    if !crate::auth::may_see(&who, operator, queue) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!("call {id:?} is not one this token may see"),
        ));
    }
    Ok(Json(json!({
        "call": call,
        "audit": audit,
        "revision": detail.revision,
        "disputes": disputes.iter().map(crate::disputes::dispute_json).collect::<Vec<_>>(),
    })))
}

fn average(sum: f64, n: i64) -> Value {
    if n == 0 {
        Value::Null
    } else {
        json!(((sum / n as f64) * 10.0).round() / 10.0)
    }
}

/// The figures of a group of calls. A call with no score (nothing
/// applied; it always counts as passed) stays out of the pass rate and the
/// average and is counted as `not_scored`.
fn calls_figures(
    count: i64,
    passed: i64,
    score_sum: f64,
    scored: i64,
) -> serde_json::Map<String, Value> {
    let not_scored = count - scored;
    let passed = passed - not_scored;
    let mut m = serde_json::Map::new();
    m.insert("calls".into(), json!(count));
    m.insert("passed".into(), json!(passed));
    m.insert("not_scored".into(), json!(not_scored));
    m.insert(
        "pass_rate".into(),
        if scored == 0 {
            Value::Null
        } else {
            json!((passed as f64 / scored as f64 * 1000.0).round() / 1000.0)
        },
    );
    m.insert("average_score".into(), average(score_sum, scored));
    m
}

pub async fn stats(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(kind): Path<String>,
    Query(p): Params,
) -> Result<Json<Value>, ApiError> {
    let who = authorize(&app, &headers, Need::Read).await?;
    let by = match kind.as_str() {
        "overview" => GroupBy::Calls,
        "rules" => GroupBy::Rule,
        "operators" => GroupBy::Operator,
        _ => {
            return Err(ApiError::not_found(format!(
                "no stats {kind:?} (overview, rules, operators)"
            )))
        }
    };
    let bucket = match p.get("bucket").map(String::as_str) {
        None | Some("day") => Bucket::Day,
        Some("week") => Bucket::Week,
        Some(b) => {
            return Err(ApiError::bad_request(format!(
                "bucket: {b:?} is not day or week"
            )))
        }
    };
    let mut filter = filter(&p, &["bucket"])?;
    scope(&who, &mut filter);
    let store = app.store.clone();
    let rows = blocking(move || Ok(store.stats(&filter, bucket, by)?)).await?;
    let mut buckets: Vec<(String, Vec<&callqa_store::StatRow>)> = Vec::new();
    for r in &rows {
        match buckets.last_mut() {
            Some((b, v)) if *b == r.bucket => v.push(r),
            _ => buckets.push((r.bucket.clone(), vec![r])),
        }
    }
    let shape = |rows: &[&callqa_store::StatRow]| -> serde_json::Map<String, Value> {
        match by {
            GroupBy::Calls => {
                let (n, p, s, k) = rows.iter().fold((0, 0, 0.0, 0), |(n, p, s, k), r| {
                    (n + r.count, p + r.passed, s + r.score_sum, k + r.scored)
                });
                calls_figures(n, p, s, k)
            }
            GroupBy::Rule => {
                let mut per: BTreeMap<&str, [i64; 3]> = BTreeMap::new();
                for r in rows {
                    let e = per.entry(r.key.as_deref().unwrap_or("")).or_default();
                    match r.sub.as_deref() {
                        Some("pass") => e[0] += r.count,
                        Some("fail") => e[1] += r.count,
                        _ => e[2] += r.count,
                    }
                }
                let list: Vec<Value> = per
                    .into_iter()
                    .map(|(rule, [p, f, na])| {
                        let rate = if p + f == 0 {
                            Value::Null
                        } else {
                            json!((f as f64 / (p + f) as f64 * 1000.0).round() / 1000.0)
                        };
                        json!({"rule": rule, "pass": p, "fail": f, "n/a": na, "fail_rate": rate})
                    })
                    .collect();
                let mut m = serde_json::Map::new();
                m.insert("rules".into(), Value::Array(list));
                m
            }
            GroupBy::Operator => {
                let mut per: BTreeMap<&str, (String, i64, i64, f64, i64)> = BTreeMap::new();
                for r in rows {
                    let e = per.entry(r.key.as_deref().unwrap_or("")).or_default();
                    if e.0.is_empty() {
                        e.0 = r.sub.clone().unwrap_or_default();
                    }
                    e.1 += r.count;
                    e.2 += r.passed;
                    e.3 += r.score_sum;
                    e.4 += r.scored;
                }
                let list: Vec<Value> = per
                    .into_iter()
                    .map(|(op, (name, n, p, s, k))| {
                        let mut m = calls_figures(n, p, s, k);
                        m.insert("operator".into(), json!(op));
                        m.insert(
                            "operator_name".into(),
                            if name.is_empty() {
                                Value::Null
                            } else {
                                json!(name)
                            },
                        );
                        Value::Object(m)
                    })
                    .collect();
                let mut m = serde_json::Map::new();
                m.insert("operators".into(), Value::Array(list));
                m
            }
        }
    };
    let out: Vec<Value> = buckets
        .iter()
        .map(|(start, rows)| {
            let mut m = shape(rows);
            m.insert("start".into(), json!(start));
            Value::Object(m)
        })
        .collect();
    let all: Vec<&callqa_store::StatRow> = rows.iter().collect();
    Ok(Json(
        json!({"buckets": out, "total": Value::Object(shape(&all))}),
    ))
}

/// Every call of a filter, page by page.
fn each_call(
    app: &App,
    filter: Filter,
    with_audit: bool,
    mut f: impl FnMut(CallRow),
) -> Result<(), ApiError> {
    let mut cursor = None;
    loop {
        let page = app.store.list_calls(&ListQuery {
            filter: filter.clone(),
            limit: 1000,
            cursor,
            with_audit,
        })?;
        page.calls.into_iter().for_each(&mut f);
        match page.next {
            Some(c) => cursor = Some(c),
            None => return Ok(()),
        }
    }
}

fn csv_field(out: &mut String, v: &str) {
    if v.contains([',', '"', '\n', '\r', ';']) {
        out.push('"');
        out.push_str(&v.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(v);
    }
}

/// The CSV of calls: UTF-8 with a byte-order mark (Excel then reads
/// Cyrillic right), CRLF line ends, one row per call.
pub fn csv(rows: &[CallRow]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str("id,started_at,direction,language,operator,operator_name,queue,duration,score,passed,failed_rules\r\n");
    for r in rows {
        let fields = [
            r.id.clone(),
            r.started_at.clone().unwrap_or_default(),
            r.direction.clone(),
            r.language.clone().unwrap_or_default(),
            r.operator.clone(),
            r.operator_name.clone().unwrap_or_default(),
            r.queue.clone().unwrap_or_default(),
            format!("{:.1}", r.duration),
            r.score.map(|s| format!("{s:.1}")).unwrap_or_default(),
            r.passed.to_string(),
            r.failed_rules.join(" "),
        ];
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_field(&mut out, f);
        }
        out.push_str("\r\n");
    }
    out
}

pub async fn export_csv(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(p): Params,
) -> Result<Response, ApiError> {
    let who = authorize(&app, &headers, Need::Read).await?;
    let mut filter = filter(&p, &[])?;
    scope(&who, &mut filter);
    let body = blocking(move || {
        let mut rows = Vec::new();
        each_call(&app, filter, false, |r| rows.push(r))?;
        Ok(csv(&rows))
    })
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"calls.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

pub async fn export_jsonl(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(p): Params,
) -> Result<Response, ApiError> {
    let who = authorize(&app, &headers, Need::Read).await?;
    let mut filter = filter(&p, &[])?;
    scope(&who, &mut filter);
    let body = blocking(move || {
        let mut out = String::new();
        each_call(&app, filter, true, |r| {
            if let Some(a) = r.audit {
                out.push_str(&a);
                out.push('\n');
            }
        })?;
        Ok(out)
    })
    .await?;
    Ok(([(header::CONTENT_TYPE, "application/x-ndjson")], body).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn filters_are_read_and_bad_values_named() {
        let f = filter(
            &params(&[
                ("from", "2026-03-01"),
                ("passed", "false"),
                ("min_score", "70"),
            ]),
            &[],
        )
        .unwrap();
        assert_eq!(f.from.as_deref(), Some("2026-03-01"));
        assert_eq!(f.passed, Some(false));
        assert_eq!(f.min_score, Some(70.0));
        let err = |p: &[(&str, &str)]| filter(&params(p), &[]).unwrap_err().messages[0].clone();
        assert_eq!(
            err(&[("from", "2026-3-1")]),
            r#"from: "2026-3-1" is not a date (expected YYYY-MM-DD)"#
        );
        assert_eq!(
            err(&[("passed", "yes")]),
            r#"passed: "yes" is not true or false"#
        );
        assert_eq!(
            err(&[("min_score", "NaN")]),
            r#"min_score: "NaN" is not a number"#
        );
        assert_eq!(err(&[("colour", "red")]), r#"unknown parameter "colour""#);
    }

    #[test]
    fn csv_has_a_bom_and_quotes_what_excel_would_split() {
        let row = CallRow {
            id: "c,1".into(),
            started_at: None,
            direction: "inbound".into(),
            language: Some("ru".into()),
            operator: "op-1".into(),
            operator_name: Some("Анна \"Аня\" Смирнова".into()),
            queue: None,
            duration: 61.25,
            score: Some(84.6),
            passed: true,
            failed_rules: vec!["a.b".into(), "c.d".into()],
            audit: None,
        };
        let text = csv(&[row]);
        let mut lines = text.split("\r\n");
        assert!(lines.next().unwrap().starts_with("\u{feff}id,"));
        assert_eq!(
            lines.next().unwrap(),
            "\"c,1\",,inbound,ru,op-1,\"Анна \"\"Аня\"\" Смирнова\",,61.2,84.6,true,a.b c.d"
        );
    }
}
