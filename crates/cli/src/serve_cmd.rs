//! `callqa serve`: opens the store, starts the HTTP API and stops cleanly
//! on Ctrl-C or SIGTERM (requests in flight are finished). On the first
//! start with no users it creates the user `admin` and prints a one-time
//! sign-in link; it records its base URL for `callqa login-link`. Also the
//! store location options every store command shares, and the log setup.

use std::sync::Arc;

use anyhow::Context;
use callqa_store::{Role, Store, User, BASE_URL_SETTING, LINK_SECS};
use clap::{Args, ValueEnum};

use crate::user_cmd::{check_base_url, login_link};

use crate::Status;

/// Where the store is: `--data DIR` (SQLite, the default `./callqa-data`)
/// or `--db postgres://…`.
#[derive(Debug, Args)]
pub struct StoreArgs {
    /// Data directory of the embedded SQLite store [default: callqa-data].
    #[arg(long, value_name = "DIR", conflicts_with = "db")]
    pub data: Option<String>,
    /// A PostgreSQL URL (postgres://user@host:port/db) instead of --data.
    #[arg(long, value_name = "URL")]
    pub db: Option<String>,
}

impl StoreArgs {
    /// The SQLite data directory: `--data` or `callqa-data`.
    pub fn data_dir(&self) -> &str {
        self.data.as_deref().unwrap_or("callqa-data")
    }

    pub fn open(&self) -> anyhow::Result<Box<dyn Store>> {
        let location = self.db.as_deref().unwrap_or(self.data_dir());
        if let Some(url) = &self.db {
            if !url.starts_with("postgres://") && !url.starts_with("postgresql://") {
                anyhow::bail!("--db: {url:?} is not a postgres:// url");
            }
        }
        callqa_store::open(location).with_context(|| format!("opening the store {location:?}"))
    }
}

/// How the request log and other server messages are written to stderr.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One human-readable line per event.
    Text,
    /// One JSON object per line.
    Json,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// Address to listen on (port 0: any free port, printed at start).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Delete calls whose start is more than N days before now, with their
    /// audits and figures (at start, then every hour).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub retention_days: Option<u32>,
    /// The address users reach the server at, for sign-in links
    /// (default: http://LISTEN-ADDRESS).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The log's format on stderr: one line per request (method, route,
    /// status, milliseconds; never transcript text).
    #[arg(long, value_enum, default_value = "text")]
    pub log_format: LogFormat,
    /// A demo: a temporary data directory (or --data DIR) with the example
    /// calls and a generated month of calls, users admin, supervisor and
    /// operator, and a sign-in link for each printed on stdout.
    #[arg(long, conflicts_with = "db")]
    pub demo: bool,
    /// How many calls the demo generates.
    #[arg(long, value_name = "N", default_value_t = crate::demo::DEMO_CALLS, hide = true)]
    pub demo_calls: usize,
}

/// Sends `tracing` events (the request log, warnings) to stderr.
pub fn init_logging(format: LogFormat) {
    let builder = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(tracing_subscriber::filter::LevelFilter::INFO);
    // A second call (never in the binary) keeps the first subscriber.
    let _ = match format {
        LogFormat::Text => builder.with_ansi(false).try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}

pub fn run(args: &ServeArgs) -> anyhow::Result<Status> {
    init_logging(args.log_format);
    if args.demo {
        return crate::demo::run(args);
    }
    let base_url = args.base_url.as_deref().map(check_base_url).transpose()?;
    let store: Arc<dyn Store> = Arc::from(args.store.open()?);
    let first_admin = store.list_users()?.is_empty();
    if first_admin {
        store.create_user(&User {
            name: "admin".into(),
            role: Role::Admin,
            operator: None,
            queues: vec![],
            created_at: now(),
            has_password: false,
        })?;
    }
    let app = callqa_server::App::open(store.clone())?;
    app.set_retention_days(args.retention_days);
    // Store calls stay outside the async runtime (the PostgreSQL client
    // runs one of its own), so the socket is bound first.
    let listener = bind(&args.listen)?;
    // Ctrl-C and SIGTERM are caught from before the address is printed.
    let runtime = runtime()?;
    let shutdown = shutdown_signal(&runtime)?;
    let addr = listener.local_addr()?;
    let base = base_url.unwrap_or_else(|| format!("http://{addr}"));
    store.set_setting(BASE_URL_SETTING, &base)?;
    eprintln!(
        "callqa serve: listening on http://{addr} (standard revision {})",
        app.active().revision
    );
    if first_admin {
        let link = login_link(&*store, "admin", None, &base, true, LINK_SECS)?;
        eprintln!(
            "callqa serve: an empty store; created the user admin. \
             Sign in within 10 minutes (one use): {link}"
        );
        eprintln!("callqa serve: later links: callqa login-link --user admin");
    }
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        callqa_server::serve(app.clone(), listener, shutdown).await?;
        eprintln!("callqa serve: stopped");
        Ok::<_, anyhow::Error>(())
    })?;
    // The store is dropped here, outside the async runtime: the PostgreSQL
    // client owns a runtime of its own, which may not be dropped inside one.
    drop(runtime);
    drop(app);
    drop(store);
    Ok(Status::Ok)
}

/// Binds the listening socket (non-blocking, for tokio).
pub fn bind(listen: &str) -> anyhow::Result<std::net::TcpListener> {
    let listener = std::net::TcpListener::bind(listen)
        .with_context(|| format!("--listen: cannot listen on {listen:?}"))?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

/// A future that resolves on Ctrl-C or SIGTERM, listening from now on
/// (a signal that comes before the server runs is not lost).
pub fn shutdown_signal(
    rt: &tokio::runtime::Runtime,
) -> anyhow::Result<std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let _entered = rt.enter();
        let mut term = signal(SignalKind::terminate()).context("catching SIGTERM")?;
        let mut int = signal(SignalKind::interrupt()).context("catching Ctrl-C")?;
        Ok(Box::pin(async move {
            tokio::select! {
                _ = term.recv() => {},
                _ = int.recv() => {},
            }
        }))
    }
    #[cfg(not(unix))]
    {
        let _ = rt;
        Ok(Box::pin(callqa_server::shutdown_signal()))
    }
}

/// The async runtime the server runs on.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
