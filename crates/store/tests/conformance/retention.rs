//! Retention: `delete_calls_before` deletes the calls that started before
//! a time with everything stored of them (audits of every revision,
//! verdicts, facts, search terms, pending marks) and takes them out of the
//! stats rollup, which stays equal to a recomputation; calls without a
//! start, and newer ones, stay.

use super::rollup::agree;
use super::*;

pub(crate) fn retention_deletes_old_calls_and_everything_of_them(s: &dyn Store) {
    let queues = ["support", "sales", "billing"];
    // Days 1 to 8 of March 2026, three queues.
    let mut calls: Vec<StoredCall> = (0..40)
        .map(|i| stored(&call(i, 1 + (i % 8) as u32, 9, queues[(i % 3) as usize]), 1))
        .collect();
    // An old call waits on a cross-call window.
    calls[0] = calls[0]
        .clone()
        .pending(1.0e10, &["callback.after_drop".to_string()]);
    let mut undated = synth::call(900);
    undated.started_at = None;
    calls.push(stored(&undated, 1));
    s.put_calls(&calls, false).unwrap();
    // A re-score keeps a second audit of every call.
    let rescored: Vec<StoredCall> = calls
        .iter()
        .map(|c| StoredCall {
            revision: 2,
            ..c.clone()
        })
        .collect();
    s.put_calls(&rescored, true).unwrap();

    // 2026-03-05T00:00:00Z: calls of March 1 to 4 (in their own offsets) go.
    let cutoff = 1_772_668_800;
    let (old, kept): (Vec<&StoredCall>, Vec<&StoredCall>) = calls
        .iter()
        .partition(|c| c.started_at.is_some() && c.started < cutoff);
    assert!(!old.is_empty() && kept.len() > 1, "both sides are tested");
    assert!(old.iter().any(|c| c.id == calls[0].id));

    assert_eq!(s.delete_calls_before(cutoff).unwrap(), old.len() as u64);
    assert_eq!(
        s.delete_calls_before(cutoff).unwrap(),
        0,
        "nothing is left to delete"
    );

    for c in &old {
        assert!(s.get_call(&c.id).unwrap().is_none(), "{} is gone", c.id);
        let f = c.facts.as_ref().expect("synthetic calls have a client");
        let facts = s
            .facts_for_client(&f.client, f.started - 1, f.started + 1)
            .unwrap();
        assert!(facts.iter().all(|x| x.call != c.id), "{}: facts", c.id);
    }
    for c in &kept {
        assert!(s.get_call(&c.id).unwrap().is_some(), "{} stays", c.id);
    }
    assert_eq!(
        s.count_calls(&Filter::default()).unwrap(),
        kept.len() as u64
    );
    let mut listed = all(s, Filter::default());
    listed.sort();
    let mut want: Vec<String> = kept.iter().map(|c| c.id.clone()).collect();
    want.sort();
    assert_eq!(listed, want);
    let records: Vec<String> = s
        .records_after(&Filter::default(), 0, 1000)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(records.len(), kept.len());
    assert!(s.pending_due(f64::MAX, 100).unwrap().is_empty());
    let pairs: Vec<String> = s
        .audit_pairs(1, 2, "", 1000)
        .unwrap()
        .into_iter()
        .map(|p| p.call)
        .collect();
    assert_eq!(pairs.len(), kept.len(), "the audits of both revisions went");
    // The search index: a term of a deleted call finds only kept calls.
    let term = old[0].search.split_whitespace().next().expect("a term");
    let found = all(
        s,
        Filter {
            q: Some(term.to_string()),
            ..Filter::default()
        },
    );
    let with_term = kept
        .iter()
        .filter(|c| c.search.split_whitespace().any(|t| t == term))
        .count();
    assert_eq!(found.len(), with_term, "search for {term:?}");
    // Verdict lists and stats agree with the calls that are left.
    let failed = Filter {
        rule: Some(old[0].verdicts[0].0.clone()),
        outcome: Some(old[0].verdicts[0].1.clone()),
        ..Filter::default()
    };
    assert!(all(s, failed).iter().all(|id| want.contains(id)));
    agree(s, &Filter::default(), "after retention");
    agree(
        s,
        &Filter {
            queue: Some("sales".into()),
            ..Filter::default()
        },
        "a queue after retention",
    );
    let days = s
        .stats(&Filter::default(), Bucket::Day, GroupBy::Calls)
        .unwrap();
    assert_eq!(days.iter().map(|d| d.count).sum::<i64>(), kept.len() as i64);
}
