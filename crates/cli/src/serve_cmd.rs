//! `callqa serve`: opens the store, starts the HTTP API and stops cleanly
//! on Ctrl-C or SIGTERM (requests in flight are finished). Also the store
//! location options every store command shares.

use std::sync::Arc;

use anyhow::Context;
use callqa_store::{hash_token, new_token, Role, Store, TokenInfo};
use clap::Args;

use crate::Status;

/// Where the store is: `--data DIR` (SQLite, the default `./callqa-data`)
/// or `--db postgres://…`.
#[derive(Debug, Args)]
pub struct StoreArgs {
    /// Data directory of the embedded SQLite store.
    #[arg(
        long,
        value_name = "DIR",
        default_value = "callqa-data",
        conflicts_with = "db"
    )]
    pub data: String,
    /// A PostgreSQL URL (postgres://user@host:port/db) instead of --data.
    #[arg(long, value_name = "URL")]
    pub db: Option<String>,
}

impl StoreArgs {
    pub fn open(&self) -> anyhow::Result<Box<dyn Store>> {
        let location = self.db.as_deref().unwrap_or(&self.data);
        if let Some(url) = &self.db {
            if !url.starts_with("postgres://") && !url.starts_with("postgresql://") {
                anyhow::bail!("--db: {url:?} is not a postgres:// url");
            }
        }
        callqa_store::open(location).with_context(|| format!("opening the store {location:?}"))
    }
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
}

pub fn run(args: &ServeArgs) -> anyhow::Result<Status> {
    let store: Arc<dyn Store> = Arc::from(args.store.open()?);
    if store.list_tokens()?.is_empty() {
        let token = new_token()?;
        store.create_token(
            &TokenInfo {
                name: "admin".into(),
                role: Role::Admin,
                operator: None,
                queues: vec![],
                created_at: now(),
            },
            &hash_token(&token),
        )?;
        eprintln!("callqa serve: an empty store; created the admin token (shown once):");
        eprintln!("{token}");
    }
    let app = callqa_server::App::open(store)?;
    app.set_retention_days(args.retention_days);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&args.listen)
            .await
            .with_context(|| format!("--listen: cannot listen on {:?}", args.listen))?;
        let addr = listener.local_addr()?;
        eprintln!(
            "callqa serve: listening on http://{addr} (standard revision {})",
            app.active().revision
        );
        callqa_server::serve(app.clone(), listener, callqa_server::shutdown_signal()).await?;
        eprintln!("callqa serve: stopped");
        Ok::<_, anyhow::Error>(())
    })?;
    // The store is dropped here, outside the async runtime: the PostgreSQL
    // client owns a runtime of its own, which may not be dropped inside one.
    drop(runtime);
    drop(app);
    Ok(Status::Ok)
}

pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
