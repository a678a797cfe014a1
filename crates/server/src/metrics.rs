//! Operations: `GET /metrics` in the Prometheus text format (calls
//! ingested, audited, ingest errors, the pending queue depth, and per
//! route the request count by status and a latency histogram) and the
//! request log — one `tracing` line per request with method, route
//! template, status and milliseconds. Neither ever holds a transcript, a
//! query string or a credential: routes are the router's templates
//! (`/api/v1/calls/{id}`), never the request's path.
//!
//! `/metrics` answers peers on loopback without credentials; anyone else
//! needs an admin or supervisor token (or session).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::{authorize, Need};
use crate::{blocking, ApiError, App};

/// Upper bounds of the latency histogram's buckets, seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// What one route has answered.
#[derive(Debug, Default)]
struct RouteStats {
    by_status: BTreeMap<u16, u64>,
    /// Requests per bucket (not cumulative; the text output sums them).
    buckets: [u64; BUCKETS.len()],
    sum: f64,
    count: u64,
}

/// The counters of one server process.
#[derive(Debug, Default)]
pub struct Metrics {
    /// Calls accepted by `POST /api/v1/calls`.
    pub ingested: AtomicU64,
    /// Calls audited: at ingest, decided again (pending verdicts) and re-scored.
    pub audited: AtomicU64,
    /// Calls (or whole bodies) `POST /api/v1/calls` refused.
    pub ingest_errors: AtomicU64,
    routes: Mutex<BTreeMap<(String, String), RouteStats>>,
}

impl Metrics {
    /// Adds `n` to a counter.
    pub fn add(counter: &AtomicU64, n: usize) {
        counter.fetch_add(n as u64, Ordering::Relaxed);
    }

    /// Records one answered request.
    pub fn observe(&self, method: &str, route: &str, status: u16, secs: f64) {
        let mut routes = self.routes.lock().unwrap_or_else(|p| p.into_inner());
        let r = routes
            .entry((method.to_string(), route.to_string()))
            .or_default();
        *r.by_status.entry(status).or_default() += 1;
        if let Some(i) = BUCKETS.iter().position(|&b| secs <= b) {
            r.buckets[i] += 1;
        }
        r.sum += secs;
        r.count += 1;
    }

    /// Everything in the Prometheus text exposition format 0.0.4.
    pub fn render(&self, pending: u64) -> String {
        let mut out = String::new();
        let mut counter = |name: &str, help: &str, kind: &str, value: u64| {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}"
            );
        };
        counter(
            "callqa_calls_ingested_total",
            "Calls accepted by POST /api/v1/calls.",
            "counter",
            self.ingested.load(Ordering::Relaxed),
        );
        counter(
            "callqa_calls_audited_total",
            "Calls audited: at ingest, decided again and re-scored.",
            "counter",
            self.audited.load(Ordering::Relaxed),
        );
        counter(
            "callqa_ingest_errors_total",
            "Calls or bodies POST /api/v1/calls refused.",
            "counter",
            self.ingest_errors.load(Ordering::Relaxed),
        );
        counter(
            "callqa_pending_calls",
            "Stored calls with a cross-call verdict still pending.",
            "gauge",
            pending,
        );
        let routes = self.routes.lock().unwrap_or_else(|p| p.into_inner());
        out.push_str(
            "# HELP callqa_http_requests_total HTTP requests answered, by route and status.\n",
        );
        out.push_str("# TYPE callqa_http_requests_total counter\n");
        for ((method, route), r) in routes.iter() {
            for (status, n) in &r.by_status {
                let _ = writeln!(
                    out,
                    "callqa_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{status}\"}} {n}",
                    label(method),
                    label(route)
                );
            }
        }
        out.push_str("# HELP callqa_http_request_duration_seconds Time to answer, by route.\n");
        out.push_str("# TYPE callqa_http_request_duration_seconds histogram\n");
        for ((method, route), r) in routes.iter() {
            let labels = format!("method=\"{}\",route=\"{}\"", label(method), label(route));
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(r.buckets) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "callqa_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "callqa_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}\n\
                 callqa_http_request_duration_seconds_sum{{{labels}}} {}\n\
                 callqa_http_request_duration_seconds_count{{{labels}}} {}",
                r.count, r.sum, r.count
            );
        }
        out
    }
}

/// A label value with `\`, `"` and newlines escaped.
fn label(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The middleware that times and logs every request and counts it.
pub async fn track(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().as_str().to_string();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |m| m.as_str())
        .to_string();
    let res = next.run(req).await;
    let secs = started.elapsed().as_secs_f64();
    let status = res.status().as_u16();
    app.metrics.observe(&method, &route, status, secs);
    tracing::info!(
        target: "callqa::http",
        method = %method,
        route = %route,
        status,
        ms = (secs * 1e4).round() / 10.0,
        "request"
    );
    res
}

/// `GET /metrics`.
pub async fn metrics(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    req: Request,
) -> Result<Response, ApiError> {
    let loopback = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .is_some_and(|c| c.0.ip().is_loopback());
    if !loopback {
        authorize(&app, &headers, Need::Supervise).await?;
    }
    let store = app.store.clone();
    let pending = blocking(move || Ok(store.count_pending()?)).await?;
    let mut res = app.metrics.render(pending).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_format_has_counters_and_cumulative_buckets() {
        let m = Metrics::default();
        Metrics::add(&m.ingested, 3);
        m.observe("GET", "/api/v1/calls/{id}", 200, 0.003);
        m.observe("GET", "/api/v1/calls/{id}", 200, 0.2);
        m.observe("GET", "/api/v1/calls/{id}", 404, 20.0);
        let text = m.render(7);
        for line in [
            "callqa_calls_ingested_total 3",
            "callqa_pending_calls 7",
            "# TYPE callqa_pending_calls gauge",
            r#"callqa_http_requests_total{method="GET",route="/api/v1/calls/{id}",status="200"} 2"#,
            r#"callqa_http_requests_total{method="GET",route="/api/v1/calls/{id}",status="404"} 1"#,
            r#"callqa_http_request_duration_seconds_bucket{method="GET",route="/api/v1/calls/{id}",le="0.001"} 0"#,
            r#"callqa_http_request_duration_seconds_bucket{method="GET",route="/api/v1/calls/{id}",le="0.005"} 1"#,
            r#"callqa_http_request_duration_seconds_bucket{method="GET",route="/api/v1/calls/{id}",le="10"} 2"#,
            r#"callqa_http_request_duration_seconds_bucket{method="GET",route="/api/v1/calls/{id}",le="+Inf"} 3"#,
            r#"callqa_http_request_duration_seconds_count{method="GET",route="/api/v1/calls/{id}"} 3"#,
        ] {
            assert!(text.lines().any(|l| l == line), "{line} not in\n{text}");
        }
        assert_eq!(label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
