//! A store written before migration 11 (JSON as text, the audit in
//! `calls` as well as `audits`, search terms stored in the FTS table)
//! opens, migrates and answers as before; its rows are rewritten in the
//! compact form only when they are stored again.

use super::*;
use crate::{Filter, ListQuery};

fn stored(seed: u64, revision: i64) -> StoredCall {
    let call = callqa_testkit::call(seed);
    let audit = callqa_standard::builtin().audit_call(&call);
    StoredCall::new(&call, &audit, revision)
}

/// What `put_one` wrote at schema version 10, for one call under two
/// revisions (the current one last).
fn put_old(tx: &rusqlite::Transaction<'_>, old: &StoredCall, cur: &StoredCall) {
    let failed = serde_json::to_string(&cur.failed_rules).unwrap();
    tx.execute(
        "INSERT INTO calls (id, started, started_at, day, week, direction, language, operator, \
         operator_name, queue, duration, score, scored, passed, failed_rules, revision, record, \
         audit, pending_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, NULL)",
        params![
            cur.id,
            cur.started,
            cur.started_at,
            cur.day,
            cur.week,
            cur.direction,
            cur.language,
            cur.operator,
            cur.operator_name,
            cur.queue,
            cur.duration,
            cur.score.unwrap_or(0.0),
            cur.passed as i64,
            failed,
            cur.revision,
            cur.record,
            cur.audit
        ],
    )
    .unwrap();
    let seq = tx.last_insert_rowid();
    for (rule, outcome) in &cur.verdicts {
        tx.execute(
            "INSERT INTO verdicts (seq, rule, outcome, started) VALUES (?, ?, ?, ?)",
            params![seq, rule, outcome, cur.started],
        )
        .unwrap();
    }
    rollup_share(tx, seq, 1).unwrap();
    tx.execute(
        "INSERT INTO calls_fts (rowid, terms) VALUES (?, ?)",
        params![seq, cur.search],
    )
    .unwrap();
    for a in [old, cur] {
        tx.execute(
            "INSERT INTO audits (call_id, revision, audit) VALUES (?, ?, ?)",
            params![a.id, a.revision, a.audit],
        )
        .unwrap();
    }
}

fn old_store(path: &Path, calls: &[(StoredCall, StoredCall)]) {
    let mut conn = connect(path).unwrap();
    for (i, sql) in MIGRATIONS.iter().enumerate().take(10) {
        conn.execute_batch(sql).unwrap();
        conn.pragma_update(None, "user_version", i + 1).unwrap();
    }
    let tx = conn.transaction().unwrap();
    for (old, cur) in calls {
        put_old(&tx, old, cur);
    }
    tx.commit().unwrap();
}

fn searched(s: &SqliteStore, q: &str) -> Vec<String> {
    let filter = Filter {
        q: Some(q.into()),
        ..Filter::default()
    };
    let page = s
        .list_calls(&ListQuery {
            filter,
            limit: 10,
            cursor: None,
            with_audit: true,
        })
        .unwrap();
    page.calls.into_iter().map(|c| c.id).collect()
}

#[test]
fn a_store_of_schema_ten_opens_and_answers_as_before() {
    let dir = std::env::temp_dir().join(format!("callqa-compact-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("callqa.sqlite3");
    let pairs: Vec<(StoredCall, StoredCall)> = (1..=3)
        .map(|seed| (stored(seed, 1), stored(seed, 2)))
        .collect();
    old_store(&path, &pairs);

    let s = SqliteStore::open_file(&path).unwrap();
    let version: usize = s
        .reader()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, MIGRATIONS.len());
    let (_, first) = &pairs[0];
    let detail = s.get_call(&first.id).unwrap().unwrap();
    assert_eq!(
        (
            detail.record.as_str(),
            detail.audit.as_str(),
            detail.revision
        ),
        (first.record.as_str(), first.audit.as_str(), 2)
    );
    let rows = s.records_after(&Filter::default(), 0, 10).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].record, first.record);
    let diff = s.audit_pairs(1, 2, "", 10).unwrap();
    assert_eq!(diff.len(), 3);
    assert!(diff
        .iter()
        .any(|p| p.call == first.id && p.to == first.audit));
    // Search reads the rebuilt index: a word of the first call finds it.
    let word = first.search.split(' ').next().unwrap().to_string();
    let found = searched(&s, &word);
    assert!(found.contains(&first.id), "{word:?} found {found:?}");
    assert_eq!(s.count_calls(&Filter::default()).unwrap(), 3);

    // Stored again: packed, its old search terms gone, the diff kept.
    let other = stored(40, 2);
    let mut again = other.clone();
    again.id = first.id.clone();
    s.put_calls(&[again.clone()], true).unwrap();
    let kind: String = s
        .reader()
        .query_row(
            "SELECT typeof(a.audit) || ' ' || typeof(c.record) || ' ' || c.audit FROM calls c \
             JOIN audits a ON a.call_id = c.id AND a.revision = 2 WHERE c.id = ?",
            [&first.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kind, "blob blob ");
    assert_eq!(s.get_call(&first.id).unwrap().unwrap().record, again.record);
    let only_old: Vec<&str> = first
        .search
        .split(' ')
        .filter(|t| !other.search.split(' ').any(|o| o == *t))
        .collect();
    if let Some(t) = only_old.first() {
        assert!(!searched(&s, t).contains(&first.id), "{t:?} still finds it");
    }
    assert_eq!(s.audit_pairs(1, 2, "", 10).unwrap().len(), 3);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every page of a search, newest first, through the window `window`.
fn search_pages(s: &SqliteStore, q: &str, window: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let page = s
            .list_in_window(
                &ListQuery {
                    filter: Filter {
                        q: Some(q.into()),
                        ..Filter::default()
                    },
                    limit: 3,
                    cursor,
                    with_audit: false,
                },
                window,
            )
            .unwrap();
        out.extend(page.calls.into_iter().map(|c| c.id));
        match page.next {
            Some(n) => cursor = Some(n),
            None => return out,
        }
    }
}

#[test]
fn a_search_through_a_small_window_pages_like_the_index() {
    let dir = std::env::temp_dir().join(format!("callqa-window-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let s = SqliteStore::open_dir(&dir).unwrap();
    let calls: Vec<StoredCall> = (0..40).map(|seed| stored(seed, 1)).collect();
    s.put_calls(&calls, false).unwrap();
    // A word in every call, one in some: windows that fill a page, that
    // do not, and one as large as the store give the same pages.
    let common = calls[0].search.split(' ').next().unwrap().to_string();
    let some = calls[7]
        .search
        .split(' ')
        .find(|t| calls.iter().filter(|c| c.search.contains(t)).count() < 20)
        .unwrap_or("оплат")
        .to_string();
    for word in [common.as_str(), some.as_str(), "nowhere"] {
        let whole = search_pages(&s, word, 1000);
        for window in [1, 4, 10] {
            assert_eq!(
                search_pages(&s, word, window),
                whole,
                "{word:?} window {window}"
            );
        }
        if word != "nowhere" {
            assert!(!whole.is_empty(), "{word:?} finds nothing");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
