//! Re-scoring: every stored call matching a filter is audited again with
//! a standard revision, in storage order, in committed batches, with the
//! job's progress written after each batch; the next batch is audited
//! while the last one is written. Cross-call rules are decided
//! against the stored history by the system clock, as at ingest. The earlier audits stay, per
//! revision, for the diff; a call's manual marks and overturned verdicts
//! are applied again (`disputes::redecide`). Used by `POST /api/v1/rescore` and `callqa
//! rescore`.

use callqa_model::call_from_str;
use callqa_standard::Standard;
use callqa_store::{Filter, Job, RecordRow, Store, StoreError, StoreHistory, StoredCall};

use crate::crosscall::Known;

const BATCH: usize = 500;

/// Re-scores the calls of `filter` under `revision`, updating job `job`;
/// returns how many calls were re-scored. A record that no longer reads
/// fails the job with its id.
pub fn run(
    store: &dyn Store,
    standard: &Standard,
    revision: i64,
    filter: &Filter,
    job: i64,
) -> Result<u64, StoreError> {
    let total = store.count_calls(filter)?;
    let mut progress = Job {
        id: job,
        kind: "rescore".into(),
        state: "running".into(),
        done: 0,
        total,
        error: None,
    };
    store.update_job(&progress)?;
    // Audits of the next batch run while the last one is written: the
    // writer commits each batch (and the job's progress) on its own thread.
    let result = std::thread::scope(|scope| -> Result<(), StoreError> {
        let (send, batches) = std::sync::mpsc::sync_channel::<Vec<StoredCall>>(1);
        let progress = &mut progress;
        let writer = scope.spawn(move || -> Result<(), StoreError> {
            for batch in batches {
                store.put_calls(&batch, true)?;
                progress.done += batch.len() as u64;
                store.update_job(progress)?;
            }
            Ok(())
        });
        let read = (|| -> Result<(), StoreError> {
            let mut after = 0;
            loop {
                let rows = store.records_after(filter, after, BATCH)?;
                let Some(last) = rows.last() else {
                    return Ok(());
                };
                after = last.seq;
                let batch = audit_rows(store, standard, revision, &rows)?;
                if send.send(batch).is_err() {
                    // The writer stopped: its error is the one to report.
                    return Ok(());
                }
            }
        })();
        drop(send);
        let written = writer
            .join()
            .map_err(|_| StoreError::Data("the re-score writer panicked".into()))?;
        read.and(written)
    });
    match result {
        Ok(()) => {
            progress.state = "done".into();
            progress.total = progress.total.max(progress.done);
            store.update_job(&progress)?;
            Ok(progress.done)
        }
        Err(e) => {
            progress.state = "failed".into();
            progress.error = Some(e.to_string());
            store.update_job(&progress)?;
            Err(e)
        }
    }
}

/// Audits stored records on every core, keeping their order.
fn audit_rows(
    store: &dyn Store,
    standard: &Standard,
    revision: i64,
    rows: &[RecordRow],
) -> Result<Vec<StoredCall>, StoreError> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per = rows.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let parts: Vec<_> = rows
            .chunks(per)
            .map(|chunk| {
                scope.spawn(move || {
                    let history = StoreHistory::new(store, []);
                    let horizon = Known::system().horizon();
                    let audited = chunk
                        .iter()
                        .map(|row| {
                            let call = call_from_str(&row.record).map_err(|e| {
                                StoreError::Data(format!(
                                    "stored call {:?} does not read: {e}",
                                    row.id
                                ))
                            })?;
                            crate::disputes::redecide(
                                store, standard, revision, &call, &history, horizon,
                            )
                        })
                        .collect::<Result<Vec<_>, StoreError>>()?;
                    history.finish()?;
                    Ok(audited)
                })
            })
            .collect();
        let mut out = Vec::with_capacity(rows.len());
        for p in parts {
            out.extend(
                p.join()
                    .map_err(|_| StoreError::Data("an audit thread panicked".into()))??,
            );
        }
        Ok(out)
    })
}
