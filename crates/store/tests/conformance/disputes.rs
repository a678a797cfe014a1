//! Disputes, manual marks, the audit log and calibrations: stored, listed
//! by state and role scope, decided once, replaced per key.

use callqa_store::{AuditEntry, Calibration, Dispute, DisputeQuery, Grade, ManualMark, Store};

fn dispute(call: &str, rule: &str, op: &str, queue: &str) -> Dispute {
    Dispute {
        call: call.into(),
        rule: rule.into(),
        operator: op.into(),
        queue: Some(queue.into()),
        opened_by: op.into(),
        comment: "i did greet".into(),
        opened_at: "2026-03-02T10:00:00Z".into(),
        state: "open".into(),
        machine_outcome: "fail".into(),
        ..Dispute::default()
    }
}

fn ids(s: &dyn Store, q: DisputeQuery) -> Vec<i64> {
    s.list_disputes(&q).unwrap().iter().map(|d| d.id).collect()
}

pub fn disputes_are_listed_by_state_and_scope_and_decided_once(s: &dyn Store) {
    let a = s
        .put_dispute(&dispute("c1", "greeting", "op1", "sales"))
        .unwrap();
    let b = s
        .put_dispute(&dispute("c2", "farewell", "op2", "support"))
        .unwrap();
    let c = s
        .put_dispute(&dispute("c1", "farewell", "op1", "sales"))
        .unwrap();
    assert_eq!(ids(s, DisputeQuery::default()), vec![c, b, a]);
    let mine = DisputeQuery {
        scope_operator: Some("op1".into()),
        ..DisputeQuery::default()
    };
    assert_eq!(ids(s, mine), vec![c, a]);
    let queues = DisputeQuery {
        scope_queues: Some(vec!["support".into()]),
        ..DisputeQuery::default()
    };
    assert_eq!(ids(s, queues), vec![b]);
    let none = DisputeQuery {
        scope_queues: Some(vec![]),
        ..DisputeQuery::default()
    };
    assert!(ids(s, none).is_empty());

    let mut d = s.get_dispute(a).unwrap().expect("stored");
    assert_eq!(
        d,
        Dispute {
            id: a,
            ..dispute("c1", "greeting", "op1", "sales")
        }
    );
    d.state = "decided".into();
    d.decision = Some("overturned".into());
    d.decided_by = Some("boss".into());
    d.decision_comment = Some("heard it".into());
    d.decided_at = Some("2026-03-02T11:00:00Z".into());
    assert!(s.update_dispute(&d, "open").unwrap());
    assert!(!s.update_dispute(&d, "open").unwrap(), "decided twice");
    assert_eq!(s.get_dispute(a).unwrap().unwrap(), d);
    assert_eq!(s.get_dispute(9999).unwrap(), None);

    let open = DisputeQuery {
        state: Some("open".into()),
        ..DisputeQuery::default()
    };
    assert_eq!(ids(s, open), vec![c, b]);
    let decided = DisputeQuery {
        state: Some("decided".into()),
        call: Some("c1".into()),
        ..DisputeQuery::default()
    };
    assert_eq!(ids(s, decided), vec![a]);
    let by_rule = DisputeQuery {
        rule: Some("farewell".into()),
        limit: 1,
        ..DisputeQuery::default()
    };
    assert_eq!(ids(s, by_rule), vec![c]);

    d.needs_review = true;
    assert!(s.update_dispute(&d, "decided").unwrap());
    let review = DisputeQuery {
        needs_review: Some(true),
        ..DisputeQuery::default()
    };
    assert_eq!(ids(s, review), vec![a]);
}

pub fn marks_replace_per_item_and_audit_log_pages_newest_first(s: &dyn Store) {
    let mark = |item: &str, outcome: &str| ManualMark {
        call: "c1".into(),
        item: item.into(),
        outcome: outcome.into(),
        comment: "listened".into(),
        marked_by: "boss".into(),
        marked_at: "2026-03-02T10:00:00Z".into(),
    };
    s.put_mark(&mark("tone", "pass")).unwrap();
    s.put_mark(&mark("empathy", "fail")).unwrap();
    s.put_mark(&mark("tone", "fail")).unwrap();
    assert_eq!(
        s.marks_of_call("c1").unwrap(),
        vec![mark("empathy", "fail"), mark("tone", "fail")]
    );
    assert!(s.marks_of_call("c2").unwrap().is_empty());

    let entry = |call: Option<&str>, n: u32| AuditEntry {
        id: 0,
        at: format!("2026-03-02T10:0{n}:00Z"),
        who: "boss".into(),
        what: "manual.mark".into(),
        call: call.map(str::to_string),
        before: "null".into(),
        after: format!("{{\"n\":{n}}}"),
    };
    let e1 = s.append_audit_log(&entry(Some("c1"), 1)).unwrap();
    let e2 = s.append_audit_log(&entry(None, 2)).unwrap();
    let e3 = s.append_audit_log(&entry(Some("c1"), 3)).unwrap();
    let all: Vec<i64> = s
        .audit_log(None, 0, 10)
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(all, vec![e3, e2, e1]);
    let page: Vec<i64> = s
        .audit_log(None, e3, 1)
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(page, vec![e2]);
    let of_c1 = s.audit_log(Some("c1"), 0, 10).unwrap();
    assert_eq!(of_c1.len(), 2);
    assert_eq!(
        of_c1[1],
        AuditEntry {
            id: e1,
            ..entry(Some("c1"), 1)
        }
    );
}

pub fn calibrations_keep_calls_graders_and_one_grade_per_key(s: &dyn Store) {
    let k = Calibration {
        id: 0,
        calls: vec!["c1".into(), "c2".into()],
        graders: vec!["ann".into(), "bob".into()],
        created_by: "boss".into(),
        created_at: "2026-03-02T10:00:00Z".into(),
    };
    let id = s.create_calibration(&k).unwrap();
    assert_eq!(
        s.get_calibration(id).unwrap(),
        Some(Calibration { id, ..k })
    );
    assert_eq!(s.get_calibration(id + 100).unwrap(), None);
    let grade = |call: &str, grader: &str, outcome: &str| Grade {
        calibration: id,
        call: call.into(),
        rule: "greeting".into(),
        grader: grader.into(),
        outcome: outcome.into(),
    };
    s.put_grade(&grade("c2", "bob", "pass")).unwrap();
    s.put_grade(&grade("c1", "ann", "pass")).unwrap();
    s.put_grade(&grade("c1", "ann", "fail")).unwrap();
    assert_eq!(
        s.grades_of(id).unwrap(),
        vec![grade("c1", "ann", "fail"), grade("c2", "bob", "pass")]
    );
    assert!(s.grades_of(id + 100).unwrap().is_empty());
}

pub fn retention_takes_the_disputes_and_marks_of_deleted_calls(s: &dyn Store) {
    let (old, new) = (
        crate::call(1, 1, 10, "sales"),
        crate::call(2, 9, 10, "sales"),
    );
    s.put_calls(&[crate::stored(&old, 1), crate::stored(&new, 1)], false)
        .unwrap();
    for c in [&old, &new] {
        s.put_dispute(&dispute(&c.id, "greeting", "op1", "sales"))
            .unwrap();
        s.put_mark(&ManualMark {
            call: c.id.clone(),
            item: "tone".into(),
            outcome: "pass".into(),
            ..ManualMark::default()
        })
        .unwrap();
    }
    // 2026-03-05T00:00:00Z: the March 1 call goes, the March 9 one stays.
    assert_eq!(s.delete_calls_before(1_772_668_800).unwrap(), 1);
    let left: Vec<String> = s
        .list_disputes(&DisputeQuery::default())
        .unwrap()
        .into_iter()
        .map(|d| d.call)
        .collect();
    assert_eq!(left, vec![new.id.clone()]);
    assert!(s.marks_of_call(&old.id).unwrap().is_empty());
    assert_eq!(s.marks_of_call(&new.id).unwrap().len(), 1);
}
