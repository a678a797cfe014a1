//! The query paths added for scale: the per-day rollup behind `stats/*`
//! agrees with a fresh `GROUP BY` over the calls and verdicts after puts,
//! replaces and re-scores; a list by rule pages like any other list.

use super::*;

/// The stats of `f` from the rollup and from the calls themselves (a
/// `min_score` every call meets makes the store group the calls).
pub(crate) fn agree(s: &dyn Store, f: &Filter, what: &str) {
    let raw = Filter {
        min_score: Some(-1.0),
        ..f.clone()
    };
    for bucket in [Bucket::Day, Bucket::Week] {
        for by in [GroupBy::Calls, GroupBy::Rule, GroupBy::Operator] {
            let a = s.stats(f, bucket, by).unwrap();
            let b = s.stats(&raw, bucket, by).unwrap();
            assert_eq!(a.len(), b.len(), "{what} {bucket:?} {by:?}: {a:?}\n{b:?}");
            assert!(!a.is_empty(), "{what} {bucket:?} {by:?}: no rows");
            for (x, y) in a.iter().zip(&b) {
                let key = (&x.bucket, &x.key, &x.sub, x.count, x.passed);
                assert_eq!(
                    key,
                    (&y.bucket, &y.key, &y.sub, y.count, y.passed),
                    "{what}"
                );
                assert!(
                    (x.score_sum - y.score_sum).abs() < 1e-6,
                    "{what}: {x:?} {y:?}"
                );
            }
        }
    }
}

fn filters() -> Vec<(Filter, &'static str)> {
    vec![
        (Filter::default(), "everything"),
        (
            Filter {
                queue: Some("sales".into()),
                ..Filter::default()
            },
            "a queue",
        ),
        (
            Filter {
                from: Some("2026-03-03".into()),
                to: Some("2026-03-06".into()),
                ..Filter::default()
            },
            "a day range",
        ),
        (
            Filter {
                scope_queues: Some(vec!["support".into(), "sales".into()]),
                ..Filter::default()
            },
            "a supervisor's queues",
        ),
    ]
}

pub(crate) fn stats_rollup_agrees_after_put_replace_and_rescore(s: &dyn Store) {
    let queues = ["support", "sales", "billing"];
    let mut calls: Vec<StoredCall> = (0..30)
        .map(|i| stored(&call(i, 1 + (i % 8) as u32, 9, queues[(i % 3) as usize]), 1))
        .collect();
    // One call has no queue and no operator name: the rollup's empty text.
    calls[4].queue = None;
    calls[4].operator_name = None;
    s.put_calls(&calls, false).unwrap();
    for (f, what) in filters() {
        agree(s, &f, what);
    }
    let operator = Filter {
        operator: Some(calls[0].operator.clone()),
        ..Filter::default()
    };
    agree(s, &operator, "an operator");

    // New records: another day, queue and operator; the old groups shrink.
    let mut replaced = Vec::new();
    for c in calls.iter().take(10) {
        let mut r = c.clone();
        r.day = "2026-03-20".into();
        r.week = "2026-03-16".into();
        r.queue = Some("sales".into());
        r.operator = "op-moved".into();
        r.operator_name = Some("Moved".into());
        replaced.push(r);
    }
    s.put_calls(&replaced, false).unwrap();
    // A re-score: other outcomes and scores, the record kept.
    let mut rescored = Vec::new();
    for c in calls.iter().skip(10).take(10) {
        let mut r = c.clone();
        r.revision = 2;
        r.passed = !r.passed;
        r.score = r.score.map(|s| 100.0 - s);
        for (_, outcome) in &mut r.verdicts {
            *outcome = if outcome == "pass" { "fail" } else { "pass" }.into();
        }
        rescored.push(r);
    }
    s.put_calls(&rescored, true).unwrap();
    for (f, what) in filters() {
        agree(s, &f, what);
    }
    agree(s, &operator, "an operator after replaces");
    let days = s
        .stats(&Filter::default(), Bucket::Day, GroupBy::Calls)
        .unwrap();
    assert_eq!(days.iter().map(|d| d.count).sum::<i64>(), 30);
    assert!(days
        .iter()
        .any(|d| d.bucket == "2026-03-20" && d.count == 10));
    let moved = Filter {
        operator: Some("op-moved".into()),
        ..Filter::default()
    };
    let ops = s.stats(&moved, Bucket::Week, GroupBy::Operator).unwrap();
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].sub.as_deref(), Some("Moved"));
    assert_eq!(ops[0].count, 10);
}

/// A list by rule and outcome (read off the verdicts' own index) pages
/// through the same calls, in the same order, as the calls' own filter.
pub(crate) fn rule_lists_page_newest_first(s: &dyn Store) {
    let calls: Vec<StoredCall> = (0..40)
        .map(|i| stored(&call(i, 1 + (i % 9) as u32, 8 + (i % 5) as u32, "q"), 1))
        .collect();
    s.put_calls(&calls, false).unwrap();
    let (rule, outcome) = calls[0].verdicts[0].clone();
    let f = Filter {
        rule: Some(rule.clone()),
        outcome: Some(outcome.clone()),
        ..Filter::default()
    };
    let mut expected: Vec<&StoredCall> = calls
        .iter()
        .filter(|c| c.verdicts.iter().any(|(r, o)| *r == rule && *o == outcome))
        .collect();
    // Newest first; equal starts by storage order, latest first.
    expected.reverse();
    expected.sort_by_key(|c| std::cmp::Reverse(c.started));
    let ids: Vec<String> = expected.iter().map(|c| c.id.clone()).collect();
    assert!(ids.len() > 7, "more than one page: {}", ids.len());
    assert_eq!(all(s, f.clone()), ids);
    let sales = Filter {
        queue: Some("nowhere".into()),
        ..f
    };
    assert!(all(s, sales).is_empty());
}
