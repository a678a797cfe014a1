//! `callqa audit INPUT… --store DIR|URL`: the calls go straight into a
//! store through the server's ingest path (`crosscall::ingest`: audited
//! with the store's active standard on every core, cross-call rules
//! decided against the stored history, redacted per the standard's
//! `[privacy]` section), 500 calls to a committed transaction, instead of
//! a report. Reading runs beside the audit and the write. As in one ingest
//! request, the first call of an id is taken and each later one is an
//! input problem; a call already in the store is replaced.

use std::collections::HashSet;
use std::sync::mpsc::sync_channel;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};
use callqa_model::{read_inputs, Call};

use crate::args::AuditArgs;
use crate::Status;

/// Calls per transaction, as one ingest request of `serve-bench`.
const BATCH: usize = 500;

pub fn run(args: &AuditArgs, location: &str) -> Result<Status> {
    if args.standard.is_some() {
        anyhow::bail!(
            "--store audits with the store's active standard (PUT /api/v1/standard changes it): \
             leave out --standard"
        );
    }
    let store: Arc<dyn callqa_store::Store> = Arc::from(
        callqa_store::open(location).with_context(|| format!("opening the store {location:?}"))?,
    );
    let app = callqa_server::App::open(store)?;
    let quiet = args.quiet;
    let mut problems = 0usize;
    let mut report = |msg: &dyn std::fmt::Display| {
        problems += 1;
        if !quiet {
            callqa_report::eprint_message(msg);
        }
    };
    let imported = crate::audit_cmd::import(args, &mut report)?;
    let started = Instant::now();
    let (send, batches) = sync_channel::<Vec<Call>>(2);
    let stored = std::thread::scope(|scope| -> Result<usize> {
        let app = &app;
        let writer = scope.spawn(move || -> Result<usize> {
            let mut stored = 0;
            for batch in batches {
                callqa_server::crosscall::ingest(&*app.store, &app.active(), &batch, app.known())
                    .with_context(|| format!("storing calls into {location:?}"))?;
                stored += batch.len();
            }
            Ok(stored)
        });
        let mut seen: HashSet<String> = HashSet::new();
        let mut batch = Vec::with_capacity(BATCH);
        let calls = imported
            .into_iter()
            .map(Ok)
            .chain(read_inputs(&args.inputs));
        for item in calls {
            match item {
                Err(e) => report(&e),
                Ok(call) if !seen.insert(call.id.clone()) => report(&format_args!(
                    "duplicate call id {:?}: the first is taken",
                    call.id
                )),
                Ok(call) => {
                    batch.push(call);
                    if batch.len() == BATCH && send.send(std::mem::take(&mut batch)).is_err() {
                        break;
                    }
                }
            }
        }
        if !batch.is_empty() {
            let _ = send.send(batch);
        }
        drop(send);
        writer
            .join()
            .map_err(|_| anyhow::anyhow!("the store writer panicked"))?
    })?;
    let secs = started.elapsed().as_secs_f64();
    if !quiet {
        eprintln!(
            "stored {stored} calls in {location} in {secs:.1} s ({:.0} calls/s)",
            stored as f64 / secs.max(1e-9)
        );
    }
    if stored == 0 && problems == 0 {
        anyhow::bail!("no calls found in the inputs");
    }
    Ok(if problems > 0 {
        Status::BadInput
    } else {
        Status::Ok
    })
}
