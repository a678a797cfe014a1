//! `callqa backup OUT`: copies a SQLite store into the new file OUT with
//! SQLite's online backup API (a consistent snapshot, also while `callqa
//! serve` writes), then opens the copy and counts its calls. A PostgreSQL
//! store is backed up with PostgreSQL's own `pg_dump`: with `--db` the
//! command prints how and exits 2.

use std::path::{Path, PathBuf};

use callqa_store::{Filter, SqliteStore, Store};
use clap::Args;

use crate::serve_cmd::StoreArgs;
use crate::Status;

#[derive(Debug, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// The new file to write (restore: put it in a data directory as callqa.sqlite3).
    #[arg(value_name = "OUT")]
    pub out: PathBuf,
}

pub fn run(args: &BackupArgs) -> anyhow::Result<Status> {
    if let Some(url) = &args.store.db {
        let out = args.out.display();
        callqa_report::eprint_message(format_args!(
            "callqa backup copies SQLite stores; back up PostgreSQL with pg_dump:\n  \
             pg_dump --format=custom --file={out} '{url}'\n\
             and restore with:\n  pg_restore --dbname='URL' {out}"
        ));
        return Ok(Status::BadInput);
    }
    let dir = Path::new(args.store.data_dir());
    let file = dir.join("callqa.sqlite3");
    if !file.is_file() {
        anyhow::bail!(
            "no store in {}: {} is missing",
            dir.display(),
            file.display()
        );
    }
    let store = SqliteStore::open_file(&file)?;
    store.backup_to(&args.out)?;
    drop(store);
    let copy = SqliteStore::open_file(&args.out)?;
    let calls = copy.count_calls(&Filter::default())?;
    eprintln!(
        "backed up {} into {} ({calls} calls)",
        file.display(),
        args.out.display()
    );
    Ok(Status::Ok)
}
