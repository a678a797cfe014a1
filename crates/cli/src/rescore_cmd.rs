//! `callqa rescore`: audits the stored calls again with the store's active
//! standard, in-process (no server needed), keeping earlier audits per
//! revision for the diff.

use std::time::Instant;

use callqa_store::Filter;
use clap::Args;

use crate::serve_cmd::StoreArgs;
use crate::Status;

#[derive(Debug, Args)]
pub struct RescoreArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// First local day (YYYY-MM-DD) of the calls to re-score.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last local day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}

fn day(flag: &str, v: &Option<String>) -> anyhow::Result<Option<String>> {
    let Some(v) = v else { return Ok(None) };
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(v, fmt)
        .map_err(|_| anyhow::anyhow!("{flag}: {v:?} is not a date (expected YYYY-MM-DD)"))?;
    Ok(Some(v.clone()))
}

pub fn run(args: &RescoreArgs) -> anyhow::Result<Status> {
    let filter = Filter {
        from: day("--from", &args.from)?,
        to: day("--to", &args.to)?,
        ..Filter::default()
    };
    let store = args.store.open()?;
    let active = callqa_server::load_active(&*store)?;
    let job = store.create_job("rescore", store.count_calls(&filter)?)?;
    let started = Instant::now();
    let n = callqa_server::rescore::run(&*store, &active.standard, active.revision, &filter, job)?;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "re-scored {n} calls with standard revision {} in {secs:.1} s ({:.0} calls/s)",
        active.revision,
        n as f64 / secs.max(1e-9)
    );
    Ok(Status::Ok)
}
