//! `--retention-days`: the server deletes the calls whose start is more
//! than N days before its clock, and its stats stay equal to a
//! recomputation over the calls that are left.

mod common;

use std::sync::Arc;

use callqa_server::crosscall::{ingest, Known};
use callqa_server::{load_active, App};
use callqa_store::{Bucket, Filter, GroupBy, Store};

/// 2026-03-10T00:00:00Z.
const NOW: f64 = 1_773_100_800.0;

#[test]
fn calls_past_the_retention_limit_are_deleted_by_the_clock() {
    let store: Arc<dyn Store> = Arc::from(common::sqlite("retention"));
    let active = load_active(&*store).unwrap();
    // Generated calls start on 2026-03-02 (06:00 UTC plus up to 11 h).
    let mut calls: Vec<_> = (0..30).map(callqa_testkit::realistic_call).collect();
    for (i, c) in calls.iter_mut().enumerate() {
        let days = time::Duration::days(i as i64 % 6);
        c.started_at = c.started_at.map(|t| t + days);
    }
    ingest(
        &*store,
        &active,
        &calls,
        Known {
            now: NOW,
            grace: 0.0,
        },
    )
    .unwrap();
    let app = App::open_with_clock(store.clone(), Arc::new(|| NOW), 0.0).unwrap();
    assert_eq!(app.apply_retention().unwrap(), 0, "no limit: nothing goes");

    // Five days before 2026-03-10: the calls of 2026-03-02 to 03-04 go.
    app.set_retention_days(Some(5));
    let cutoff = NOW as i64 - 5 * 86_400;
    let old: Vec<&str> = calls
        .iter()
        .filter(|c| c.started_at.unwrap().unix_timestamp() < cutoff)
        .map(|c| c.id.as_str())
        .collect();
    assert!(!old.is_empty() && old.len() < calls.len());
    assert_eq!(app.apply_retention().unwrap(), old.len() as u64);
    assert_eq!(app.apply_retention().unwrap(), 0);
    for c in &calls {
        let stored = store.get_call(&c.id).unwrap().is_some();
        assert_eq!(stored, !old.contains(&c.id.as_str()), "{}", c.id);
    }
    let left = (calls.len() - old.len()) as i64;
    // The rollup agrees with the calls left (a min_score every call meets
    // makes the store group the calls themselves).
    let raw = Filter {
        min_score: Some(-1.0),
        ..Filter::default()
    };
    for by in [GroupBy::Calls, GroupBy::Rule, GroupBy::Operator] {
        let a = store.stats(&Filter::default(), Bucket::Day, by).unwrap();
        let b = store.stats(&raw, Bucket::Day, by).unwrap();
        let key = |r: &callqa_store::StatRow| {
            (
                r.bucket.clone(),
                r.key.clone(),
                r.sub.clone(),
                r.count,
                r.passed,
            )
        };
        assert_eq!(
            a.iter().map(key).collect::<Vec<_>>(),
            b.iter().map(key).collect::<Vec<_>>(),
            "{by:?}"
        );
    }
    let days = store
        .stats(&Filter::default(), Bucket::Day, GroupBy::Calls)
        .unwrap();
    assert_eq!(days.iter().map(|d| d.count).sum::<i64>(), left);
}
