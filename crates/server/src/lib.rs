//! callqa-server: `callqa serve`, the HTTP API of
//! `shared/spec/server-api.md` over a [`callqa_store::Store`].
//!
//! [`App::open`] loads the active standard (storing the built-in one as
//! revision 1 of an empty store); [`serve`] answers on a listener until the
//! shutdown future resolves, then finishes the requests in flight. Every
//! write is committed before it is answered.
//!
//! Modules: `auth` (tokens and roles), `ingest` (`POST /api/v1/calls`),
//! `queries` (lists, one call, stats, exports), `standards` (revisions,
//! diff, re-scoring jobs), `training` (operators' training results),
//! `rescore` (the re-scoring loop, shared with `callqa rescore`), `audit`
//! (every call into the engine and the redaction of what is stored),
//! `retention` (deleting calls past `--retention-days`), `openapi`,
//! `signin` (users' sign-in links, password form and sessions),
//! `metrics` (`/metrics` and the request log), `live_ws` (the live socket
//! and the calls in progress), `prompts` (live prompts in the store and
//! their figures), `web` (the dashboard's HTML pages), `disputes`
//! (disputes, manual marks and the audit log), `calibration` (graders'
//! agreement).
#![deny(missing_docs)]

pub mod audit;
mod auth;
pub mod calibration;
pub mod crosscall;
pub mod disputes;
mod error;
mod ingest;
mod late;
pub mod live_ws;
pub mod metrics;
mod openapi;
pub mod prompts;
mod queries;
pub mod rescore;
pub mod retention;
pub mod signin;
mod standards;
mod training;
mod web;

use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, RwLock};

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use callqa_standard::Standard;
use callqa_store::{Store, StoreError};

pub use error::ApiError;

/// The standard calls are audited with, and its store revision.
pub struct Active {
    /// The store revision number of the active standard.
    pub revision: i64,
    /// The compiled standard every new call is audited with.
    pub standard: std::sync::Arc<Standard>,
}

/// The server's clock, Unix seconds (a test sets its own).
pub type Clock = Arc<dyn Fn() -> f64 + Send + Sync>;

/// How late a call may reach the server after it started, by default:
/// cross-call windows are closed that long after they end.
pub const GRACE_SECS: f64 = 300.0;

/// What every request handler shares.
pub struct App {
    /// Where calls, audits, standards, tokens and jobs are kept.
    pub store: Arc<dyn Store>,
    active: RwLock<Arc<Active>>,
    clock: Clock,
    grace: f64,
    /// Calls older than this many days are deleted; 0 = kept for ever.
    retention_days: AtomicU32,
    /// The process's counters for `/metrics`.
    pub metrics: metrics::Metrics,
    /// The calls in progress on the live sockets.
    pub live: live_ws::Registry,
}

impl App {
    /// Loads the active standard from the store, storing the built-in one
    /// first when the store has none.
    pub fn open(store: Arc<dyn Store>) -> anyhow::Result<Arc<App>> {
        App::open_with_clock(store, system_clock(), GRACE_SECS)
    }

    /// [`App::open`] with a clock and a grace period for cross-call
    /// windows.
    pub fn open_with_clock(
        store: Arc<dyn Store>,
        clock: Clock,
        grace: f64,
    ) -> anyhow::Result<Arc<App>> {
        let active = load_active(&*store)?;
        Ok(Arc::new(App {
            store,
            active: RwLock::new(Arc::new(active)),
            clock,
            grace,
            retention_days: AtomicU32::new(0),
            metrics: metrics::Metrics::default(),
            live: live_ws::Registry::default(),
        }))
    }

    /// What the clock says of the history now.
    pub fn known(&self) -> crosscall::Known {
        crosscall::Known {
            now: (self.clock)(),
            grace: self.grace,
        }
    }

    /// Decides the pending calls whose windows closed by the clock.
    pub fn decide_due(&self) -> Result<usize, StoreError> {
        let n = crosscall::decide_due(&*self.store, &self.active(), self.known())?;
        metrics::Metrics::add(&self.metrics.audited, n);
        Ok(n)
    }

    /// Keeps calls for `days` days by the clock (`None`: for ever); a
    /// running [`serve`] deletes older ones at start and every hour.
    pub fn set_retention_days(&self, days: Option<u32>) {
        self.retention_days
            .store(days.unwrap_or(0), Ordering::Relaxed);
    }

    /// Deletes the calls past the retention limit now, if there is one;
    /// returns how many were deleted.
    pub fn apply_retention(&self) -> Result<u64, StoreError> {
        match self.retention_days.load(Ordering::Relaxed) {
            0 => Ok(0),
            days => retention::run(&*self.store, (self.clock)(), days),
        }
    }

    /// The standard in force now; a later activation does not change the returned copy.
    pub fn active(&self) -> Arc<Active> {
        self.active
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn set_active(&self, active: Active) {
        *self.active.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(active);
    }
}

/// The system clock.
pub fn system_clock() -> Clock {
    Arc::new(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64())
    })
}

/// How often the server decides the pending calls whose windows closed.
const DUE_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

/// The active standard of a store (the built-in one is stored as revision
/// 1 when there is none).
pub fn load_active(store: &dyn Store) -> anyhow::Result<Active> {
    let rev = match store.get_standard(None)? {
        Some(r) => r,
        None => {
            store.put_standard(audit::builtin_toml())?;
            store
                .get_standard(None)?
                .ok_or_else(|| StoreError::Data("the stored standard is gone".into()))?
        }
    };
    let standard = audit::compile(&format!("standard revision {}", rev.revision), &rev.toml)
        .map_err(|errs| anyhow::anyhow!("{}", errs.join("\n")))?;
    Ok(Active {
        revision: rev.revision,
        standard,
    })
}

/// Every route of the API.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/api/v1/calls", post(ingest::post_calls).get(queries::list))
        .route("/api/v1/calls/{id}", get(queries::one))
        .route("/api/v1/stats/prompts", get(prompts::stats))
        .route("/api/v1/stats/{kind}", get(queries::stats))
        .route("/api/v1/live", get(live_ws::socket))
        .route("/api/v1/live/calls", get(live_ws::calls))
        .route("/api/v1/export.csv", get(queries::export_csv))
        .route("/api/v1/export.jsonl", get(queries::export_jsonl))
        .route(
            "/api/v1/standard",
            get(standards::get_standard).put(standards::put_standard),
        )
        .route("/api/v1/standard/diff", get(standards::diff))
        .route("/api/v1/rescore", post(standards::rescore))
        .route("/api/v1/jobs/{id}", get(standards::job))
        .route("/api/v1/openapi.json", get(openapi::document))
        .route(
            "/api/v1/training",
            post(training::post_training).get(training::list_training),
        )
        .route("/login", get(signin::login_page).post(signin::login))
        .route("/logout", post(signin::logout))
        .route("/metrics", get(metrics::metrics))
        .route("/api/v1/calls/{id}/disputes", post(disputes::post_dispute))
        .route("/api/v1/calls/{id}/manual", post(disputes::post_mark))
        .route("/api/v1/disputes", get(disputes::list))
        .route(
            "/api/v1/disputes/{id}/decision",
            post(disputes::post_decision),
        )
        .route("/api/v1/audit-log", get(disputes::audit_log))
        .route("/api/v1/calibrations", post(calibration::post_calibration))
        .route(
            "/api/v1/calibrations/{id}",
            get(calibration::get_calibration),
        )
        .route(
            "/api/v1/calibrations/{id}/grades",
            post(calibration::post_grade),
        )
        .merge(web::routes())
        // Last: it times and logs the routes above (a route added after
        // it would be neither counted nor logged).
        .route_layer(axum::middleware::from_fn_with_state(
            app.clone(),
            metrics::track,
        ))
        .layer(DefaultBodyLimit::max(256 * 1024 * 1024))
        .with_state(app)
}

/// Answers on `listener` until `shutdown` resolves; requests in flight are
/// finished first.
pub async fn serve(
    app: Arc<App>,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let due = app.clone();
    let ticker = tokio::spawn(async move {
        let mut every = tokio::time::interval(DUE_EVERY);
        loop {
            every.tick().await;
            let app = due.clone();
            match tokio::task::spawn_blocking(move || app.decide_due()).await {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::warn!("deciding pending calls: {e}"),
                Err(e) => tracing::warn!("deciding pending calls: {e}"),
            }
        }
    });
    let old = app.clone();
    let retention = tokio::spawn(async move {
        // The first tick is at once: the limit applies from the start.
        let mut every = tokio::time::interval(retention::EVERY);
        loop {
            every.tick().await;
            let app = old.clone();
            match tokio::task::spawn_blocking(move || app.apply_retention()).await {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::warn!("deleting calls past the retention limit: {e}"),
                Err(e) => tracing::warn!("deleting calls past the retention limit: {e}"),
            }
        }
    });
    // Live answers are small frames: Nagle's algorithm would hold each
    // back for the peer's delayed ACK (~40 ms).
    use axum::serve::ListenerExt;
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::warn!("TCP_NODELAY: {e}");
        }
    });
    let routes = router(app).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let served = axum::serve(listener, routes)
        .with_graceful_shutdown(shutdown)
        .await;
    ticker.abort();
    retention.abort();
    served
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Runs blocking store or engine work off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?
}
