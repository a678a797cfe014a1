//! One conformance suite for every store backend: each test body runs on
//! SQLite (a fresh data directory) and on PostgreSQL (a fresh schema in the
//! database named by `CALLQA_TEST_PG_URL`; skipped with a message when it is
//! unset — `.ci/postgres.sh` starts one).

use callqa_model::{call_from_str, Call, CallAudit};
use callqa_store::*;
use callqa_testkit as synth;

#[path = "conformance/rollup.rs"]
mod rollup;
use rollup::{rule_lists_page_newest_first, stats_rollup_agrees_after_put_replace_and_rescore};
#[path = "conformance/training.rs"]
mod training;
use training::training_results_per_operator_newest_first;
#[path = "conformance/disputes.rs"]
mod disputes;
use disputes::{
    calibrations_keep_calls_graders_and_one_grade_per_key,
    disputes_are_listed_by_state_and_scope_and_decided_once,
    marks_replace_per_item_and_audit_log_pages_newest_first,
    retention_takes_the_disputes_and_marks_of_deleted_calls,
};
#[path = "conformance/retention.rs"]
mod retention;
use retention::retention_deletes_old_calls_and_everything_of_them;
#[path = "conformance/users.rs"]
mod users;
use users::{
    sessions_expire_and_end, settings_are_replaced, sign_in_links_are_used_once_within_ten_minutes,
    users_have_roles_and_argon2_passwords,
};

fn sqlite(name: &str) -> Box<dyn Store> {
    let dir = std::env::temp_dir().join(format!("callqa-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    Box::new(SqliteStore::open_dir(&dir).expect("open sqlite"))
}

fn postgres(name: &str) -> Option<Box<dyn Store>> {
    let Ok(url) = std::env::var("CALLQA_TEST_PG_URL") else {
        eprintln!("skipped: CALLQA_TEST_PG_URL is not set (.ci/postgres.sh starts a server)");
        return None;
    };
    let schema = format!("t_{name}");
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .expect("drop schema");
    Some(Box::new(
        PgStore::connect_in_schema(&url, Some(&schema)).expect("open postgres"),
    ))
}

macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[test] fn $name() { super::$name(&*super::sqlite(stringify!($name))); })*
        }
        mod on_postgres {
            $(#[test] fn $name() {
                if let Some(s) = super::postgres(stringify!($name)) { super::$name(&*s); }
            })*
        }
    };
}

conformance!(
    put_get_and_replace_by_id,
    list_is_newest_first_with_keyset_pages,
    filters_and_role_scopes,
    full_text_search_on_stemmed_tokens,
    stats_by_day_week_rule_and_operator,
    facts_by_client_and_time_range,
    audits_are_kept_per_revision,
    standards_are_numbered_revisions,
    tokens_are_stored_hashed_and_revocable,
    jobs_record_progress,
    records_come_in_storage_order,
    stats_rollup_agrees_after_put_replace_and_rescore,
    rule_lists_page_newest_first,
    training_results_per_operator_newest_first,
    retention_deletes_old_calls_and_everything_of_them,
    users_have_roles_and_argon2_passwords,
    sessions_expire_and_end,
    sign_in_links_are_used_once_within_ten_minutes,
    settings_are_replaced,
    pending_calls_are_counted,
    prompts_are_counted_per_rule_and_trigger,
    disputes_are_listed_by_state_and_scope_and_decided_once,
    marks_replace_per_item_and_audit_log_pages_newest_first,
    calibrations_keep_calls_graders_and_one_grade_per_key,
    retention_takes_the_disputes_and_marks_of_deleted_calls,
    dashboard_reads_group_by_operator_and_queue,
);

fn pending_calls_are_counted(s: &dyn Store) {
    assert_eq!(s.count_pending().unwrap(), 0);
    let (a, b) = (synth::call(1), synth::call(2));
    let rule = vec!["callback_missed".to_string()];
    s.put_calls(&[stored(&a, 1).pending(1e10, &rule), stored(&b, 1)], false)
        .unwrap();
    assert_eq!(s.count_pending().unwrap(), 1);
    // Decided: stored again without a pending verdict.
    s.put_calls(&[stored(&a, 1)], true).unwrap();
    assert_eq!(s.count_pending().unwrap(), 0);
}

fn audit(call: &Call) -> CallAudit {
    callqa_standard::builtin().audit_call(call)
}

/// A synthetic call moved to `day` (2026-03-DD) at `hour`, with a queue.
fn call(seed: u64, day: u32, hour: u32, queue: &str) -> Call {
    let mut c = synth::call(seed);
    let t = c.started_at.unwrap();
    let when = time::Date::from_calendar_date(2026, time::Month::March, day as u8)
        .unwrap()
        .with_hms(hour as u8, 0, 0)
        .unwrap()
        .assume_offset(t.offset());
    c.started_at = Some(when);
    c.tags.insert("queue".into(), queue.into());
    c
}

fn stored(c: &Call, rev: i64) -> StoredCall {
    StoredCall::new(c, &audit(c), rev)
}

fn all(s: &dyn Store, filter: Filter) -> Vec<String> {
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let page = s
            .list_calls(&ListQuery {
                filter: filter.clone(),
                limit: 7,
                cursor,
                with_audit: false,
            })
            .unwrap();
        out.extend(page.calls.into_iter().map(|c| c.id));
        match page.next {
            Some(n) => cursor = Some(n),
            None => return out,
        }
    }
}

fn put_get_and_replace_by_id(s: &dyn Store) {
    let c = call(1, 2, 10, "support");
    s.put_calls(&[stored(&c, 1)], false).unwrap();
    let got = s.get_call(&c.id).unwrap().expect("stored");
    assert_eq!(got.record, serde_json::to_string(&c).unwrap());
    assert_eq!(call_from_str(&got.record).unwrap().id, c.id);
    assert_eq!(got.audit, serde_json::to_string(&audit(&c)).unwrap());
    assert!(s.get_call("nope").unwrap().is_none());

    let mut changed = c.clone();
    changed.operator.id = "op-new".into();
    s.put_calls(&[stored(&changed, 2)], false).unwrap();
    assert_eq!(s.count_calls(&Filter::default()).unwrap(), 1);
    let got = s.get_call(&c.id).unwrap().unwrap();
    assert_eq!(got.revision, 2);
    assert_eq!(call_from_str(&got.record).unwrap().operator.id, "op-new");
    let f = Filter {
        operator: Some(c.operator.id.clone()),
        ..Filter::default()
    };
    assert_eq!(s.count_calls(&f).unwrap(), 0, "the replaced row is gone");
}

fn list_is_newest_first_with_keyset_pages(s: &dyn Store) {
    let calls: Vec<StoredCall> = (0..25)
        .map(|i| stored(&call(i, 1 + (i % 9) as u32, 8 + (i % 5) as u32, "q"), 1))
        .collect();
    s.put_calls(&calls, false).unwrap();
    let ids = all(s, Filter::default());
    assert_eq!(ids.len(), 25);
    // Newest first, across pages.
    let started: Vec<i64> = ids
        .iter()
        .map(|id| calls.iter().find(|c| &c.id == id).unwrap().started)
        .collect();
    assert!(started.windows(2).all(|w| w[0] >= w[1]), "{started:?}");
    let first = s
        .list_calls(&ListQuery {
            filter: Filter::default(),
            limit: 25,
            cursor: None,
            with_audit: true,
        })
        .unwrap();
    assert_eq!(first.next, None);
    assert_eq!(first.calls.len(), 25);
    assert!(first.calls.iter().all(|c| c.audit.is_some()));
    assert!(first.calls[0].started_at.is_some());
}

fn filters_and_role_scopes(s: &dyn Store) {
    let mut calls = Vec::new();
    for i in 0..30u64 {
        let mut c = call(
            i,
            1 + (i % 10) as u32,
            9,
            if i % 3 == 0 { "sales" } else { "support" },
        );
        if i % 4 == 0 {
            c.direction = callqa_model::Direction::Outbound;
        }
        calls.push(stored(&c, 1));
    }
    s.put_calls(&calls, false).unwrap();
    let count = |f: Filter| s.count_calls(&f).unwrap() as usize;
    let expect = |p: &dyn Fn(&StoredCall) -> bool| calls.iter().filter(|c| p(c)).count();

    let op = calls[0].operator.clone();
    assert_eq!(
        count(Filter {
            operator: Some(op.clone()),
            ..Filter::default()
        }),
        expect(&|c| c.operator == op)
    );
    assert_eq!(
        count(Filter {
            queue: Some("sales".into()),
            ..Filter::default()
        }),
        10
    );
    assert_eq!(
        count(Filter {
            direction: Some("outbound".into()),
            ..Filter::default()
        }),
        8
    );
    assert_eq!(
        count(Filter {
            from: Some("2026-03-03".into()),
            to: Some("2026-03-04".into()),
            ..Filter::default()
        }),
        expect(&|c| c.day.as_str() >= "2026-03-03" && c.day.as_str() <= "2026-03-04")
    );
    assert_eq!(
        count(Filter {
            passed: Some(true),
            ..Filter::default()
        }),
        expect(&|c| c.passed)
    );
    assert_eq!(
        count(Filter {
            min_score: Some(50.0),
            max_score: Some(90.0),
            ..Filter::default()
        }),
        expect(&|c| c.score.is_some_and(|s| (50.0..=90.0).contains(&s)))
    );
    let failed_rule = calls
        .iter()
        .flat_map(|c| c.failed_rules.iter())
        .next()
        .expect("some rule failed on synthetic calls")
        .clone();
    assert_eq!(
        count(Filter {
            rule: Some(failed_rule.clone()),
            outcome: Some("fail".into()),
            ..Filter::default()
        }),
        expect(&|c| c.failed_rules.contains(&failed_rule))
    );
    assert_eq!(
        count(Filter {
            rule: Some(failed_rule.clone()),
            outcome: Some("pass".into()),
            ..Filter::default()
        }),
        expect(&|c| c
            .verdicts
            .iter()
            .any(|(r, o)| r == &failed_rule && o == "pass"))
    );
    // An operator's scope wins over whatever operator the query asks for.
    let other = calls
        .iter()
        .find(|c| c.operator != op)
        .unwrap()
        .operator
        .clone();
    assert_eq!(
        count(Filter {
            operator: Some(other),
            scope_operator: Some(op.clone()),
            ..Filter::default()
        }),
        0
    );
    let mine = all(
        s,
        Filter {
            scope_operator: Some(op.clone()),
            ..Filter::default()
        },
    );
    assert_eq!(mine.len(), expect(&|c| c.operator == op));
    assert_eq!(
        count(Filter {
            scope_queues: Some(vec!["sales".into(), "none".into()]),
            ..Filter::default()
        }),
        10
    );
    assert_eq!(
        count(Filter {
            scope_queues: Some(vec![]),
            ..Filter::default()
        }),
        0
    );
}

fn text_call(id: &str, lang: &str, text: &str) -> Call {
    call_from_str(&format!(
        r#"{{"id": "{id}", "direction": "inbound", "started_at": "2026-03-02T09:00:00+03:00",
            "language": "{lang}", "operator": {{"id": "op-1"}},
            "events": [{{"at": 0, "type": "ring"}}, {{"at": 1, "type": "answer"}}, {{"at": 30, "type": "hangup", "by": "client"}}],
            "utterances": [{{"speaker": "client", "start": 2, "end": 5, "text": "{text}"}}]}}"#
    ))
    .unwrap()
}

fn full_text_search_on_stemmed_tokens(s: &dyn Store) {
    let calls = [
        text_call(
            "ru-1",
            "ru",
            "Здравствуйте, у меня не проходит оплата картой",
        ),
        text_call("ru-2", "ru", "Хочу вернуть деньги за заказ"),
        text_call(
            "en-1",
            "en",
            "My payments keep failing, the card is blocked",
        ),
        text_call("en-2", "en", "I would like a refund for my order"),
        text_call("hy-1", "hy", "Բարև ձեզ, վճարումը չի անցնում"),
    ];
    let stored: Vec<_> = calls.iter().map(|c| stored(c, 1)).collect();
    s.put_calls(&stored, false).unwrap();
    let q = |text: &str| {
        let mut ids = all(
            s,
            Filter {
                q: Some(text.into()),
                ..Filter::default()
            },
        );
        ids.sort();
        ids
    };
    assert_eq!(q("оплату"), ["ru-1"], "another case form of «оплата»");
    assert_eq!(q("ОПЛАТА картой"), ["ru-1"]);
    assert_eq!(
        q("оплата заказ"),
        Vec::<String>::new(),
        "every term must occur"
    );
    assert_eq!(q("payment"), ["en-1"]);
    assert_eq!(q("orders"), ["en-2"]);
    assert_eq!(q("вернуть"), ["ru-2"]);
    assert_eq!(q("վճարումը"), ["hy-1"]);
    assert_eq!(q("nothing-like-this"), Vec::<String>::new());
    // Re-storing a call re-indexes it.
    let mut c = calls[1].clone();
    c.utterances[0].text = "оплата прошла".into();
    s.put_calls(&[super_stored(&c)], false).unwrap();
    assert_eq!(q("оплата"), ["ru-1", "ru-2"]);
    assert_eq!(q("деньги"), Vec::<String>::new());
}

fn super_stored(c: &Call) -> StoredCall {
    stored(c, 1)
}

fn stats_by_day_week_rule_and_operator(s: &dyn Store) {
    let mut calls: Vec<StoredCall> = (0..20)
        .map(|i| stored(&call(i, 1 + (i % 10) as u32, 12, "q"), 1))
        .collect();
    // Some calls had no applicable rule: no score, out of the means.
    for c in calls.iter_mut().step_by(3) {
        c.score = None;
        c.passed = true;
    }
    s.put_calls(&calls, false).unwrap();
    // A replace keeps the rollup's count of scored calls right.
    let mut again = calls[0].clone();
    again.score = Some(40.0);
    again.passed = false;
    s.put_calls(std::slice::from_ref(&again), false).unwrap();
    calls[0] = again;
    let f = Filter::default();
    let days = s.stats(&f, Bucket::Day, GroupBy::Calls).unwrap();
    assert_eq!(days.len(), 10);
    assert!(days.windows(2).all(|w| w[0].bucket < w[1].bucket));
    for d in &days {
        let these: Vec<_> = calls.iter().filter(|c| c.day == d.bucket).collect();
        assert_eq!(d.count as usize, these.len());
        assert_eq!(d.passed as usize, these.iter().filter(|c| c.passed).count());
        let sum: f64 = these.iter().filter_map(|c| c.score).sum();
        assert!((d.score_sum - sum).abs() < 1e-6);
        let scored = these.iter().filter(|c| c.score.is_some()).count();
        assert_eq!(d.scored as usize, scored);
        assert_eq!(d.key, None);
    }
    let weeks = s.stats(&f, Bucket::Week, GroupBy::Calls).unwrap();
    // 2026-03-01 is a Sunday: days 1..10 fall in the weeks of Feb 23, Mar 2, Mar 9.
    let starts: Vec<&str> = weeks.iter().map(|w| w.bucket.as_str()).collect();
    assert_eq!(starts, ["2026-02-23", "2026-03-02", "2026-03-09"]);
    assert_eq!(weeks.iter().map(|w| w.count).sum::<i64>(), 20);

    let rules = s.stats(&f, Bucket::Week, GroupBy::Rule).unwrap();
    let verdicts: usize = calls.iter().map(|c| c.verdicts.len()).sum();
    assert_eq!(
        rules.iter().map(|r| r.count).sum::<i64>() as usize,
        verdicts
    );
    let rule = &calls[0].verdicts[0].0;
    let fails = rules
        .iter()
        .filter(|r| r.key.as_deref() == Some(rule) && r.sub.as_deref() == Some("fail"))
        .map(|r| r.count)
        .sum::<i64>() as usize;
    assert_eq!(
        fails,
        calls
            .iter()
            .filter(|c| c.verdicts.iter().any(|(r, o)| r == rule && o == "fail"))
            .count()
    );
    let ops = s.stats(&f, Bucket::Day, GroupBy::Operator).unwrap();
    assert_eq!(ops.iter().map(|r| r.count).sum::<i64>(), 20);
    assert!(ops
        .iter()
        .all(|r| r.key.as_deref().unwrap().starts_with("op-")));
    let scoped = s
        .stats(
            &Filter {
                scope_operator: Some(calls[0].operator.clone()),
                ..Filter::default()
            },
            Bucket::Day,
            GroupBy::Operator,
        )
        .unwrap();
    assert!(scoped
        .iter()
        .all(|r| r.key.as_deref() == Some(&calls[0].operator)));
}

fn facts_by_client_and_time_range(s: &dyn Store) {
    let mut calls = Vec::new();
    for i in 0..6u64 {
        let mut c = call(i, 2, 8 + i as u32, "q");
        c.started_at = c.started_at.map(|t| t.replace_offset(time::UtcOffset::UTC));
        c.client.id = Some(if i < 4 { "cl-a" } else { "cl-b" }.into());
        if i == 1 {
            c.events.last_mut().unwrap().kind = callqa_model::EventKind::Drop;
        }
        if i == 2 {
            c.events
                .retain(|e| !matches!(e.kind, callqa_model::EventKind::Answer));
        }
        calls.push(stored(&c, 1));
    }
    let mut anonymous = call(9, 2, 9, "q");
    anonymous.client = Default::default();
    calls.push(stored(&anonymous, 1));
    s.put_calls(&calls, false).unwrap();
    let t0 = calls[0].started;
    let a = s.facts_for_client("cl-a", t0, t0 + 2 * 3600).unwrap();
    let ids: Vec<&str> = a.iter().map(|f| f.call.as_str()).collect();
    assert_eq!(ids, [calls[0].id.as_str(), &calls[1].id, &calls[2].id]);
    assert!(a[1].dropped && a[1].answered && !a[1].missed);
    assert!(a[2].missed && !a[2].answered);
    assert!(!a[0].dropped && !a[0].missed);
    assert_eq!(a[0].direction, "inbound");
    assert_eq!(a[0].operator, calls[0].operator);
    assert_eq!(s.facts_for_client("cl-b", 0, i64::MAX).unwrap().len(), 2);
    assert!(s.facts_for_client("cl-z", 0, i64::MAX).unwrap().is_empty());
}

fn audits_are_kept_per_revision(s: &dyn Store) {
    let c = call(3, 2, 9, "q");
    let first = stored(&c, 1);
    s.put_calls(std::slice::from_ref(&first), false).unwrap();
    let mut second = stored(&c, 2);
    second.audit = second.audit.replace("ru-default", "changed");
    s.put_calls(&[second.clone()], true).unwrap();
    let pairs = s.audit_pairs(1, 2, "", 10).unwrap();
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0].call, c.id);
    assert_eq!(pairs[0].from, first.audit);
    assert_eq!(pairs[0].to, second.audit);
    assert!(s.audit_pairs(1, 2, &c.id, 10).unwrap().is_empty());
    assert_eq!(s.get_call(&c.id).unwrap().unwrap().revision, 2);
    // A new record (not a re-score) drops the audits of the old one.
    s.put_calls(&[stored(&c, 2)], false).unwrap();
    assert!(s.audit_pairs(1, 2, "", 10).unwrap().is_empty());
}

fn standards_are_numbered_revisions(s: &dyn Store) {
    assert_eq!(s.get_standard(None).unwrap(), None);
    assert_eq!(s.put_standard("a = 1").unwrap(), 1);
    assert_eq!(s.put_standard("a = 2").unwrap(), 2);
    assert_eq!(s.get_standard(None).unwrap().unwrap().toml, "a = 2");
    let one = s.get_standard(Some(1)).unwrap().unwrap();
    assert_eq!((one.revision, one.toml.as_str()), (1, "a = 1"));
    assert_eq!(s.get_standard(Some(3)).unwrap(), None);
}

fn tokens_are_stored_hashed_and_revocable(s: &dyn Store) {
    let token = new_token().unwrap();
    assert!(token.starts_with("cqa_") && token.len() == 68);
    assert_ne!(token, new_token().unwrap());
    let info = TokenInfo {
        name: "anna".into(),
        role: Role::Operator,
        operator: Some("op-1".into()),
        queues: vec![],
        created_at: "2026-03-02T00:00:00Z".into(),
    };
    s.create_token(&info, &hash_token(&token)).unwrap();
    let sup = TokenInfo {
        name: "boss".into(),
        role: Role::Supervisor,
        operator: None,
        queues: vec!["sales".into(), "vip".into()],
        created_at: "2026-03-02T00:00:00Z".into(),
    };
    s.create_token(&sup, &hash_token("other")).unwrap();
    let err = s.create_token(&info, &hash_token("x")).unwrap_err();
    assert_eq!(err.to_string(), "a token named \"anna\" already exists");
    assert_eq!(
        s.token_by_hash(&hash_token(&token)).unwrap(),
        Some(info.clone())
    );
    assert_eq!(
        s.token_by_hash(&token).unwrap(),
        None,
        "only the hash opens"
    );
    assert_eq!(s.list_tokens().unwrap(), vec![info, sup]);
    assert!(s.revoke_token("anna").unwrap());
    assert!(!s.revoke_token("anna").unwrap());
    assert_eq!(s.token_by_hash(&hash_token(&token)).unwrap(), None);
}

fn jobs_record_progress(s: &dyn Store) {
    let id = s.create_job("rescore", 10).unwrap();
    let mut job = s.get_job(id).unwrap().unwrap();
    assert_eq!(
        (job.state.as_str(), job.done, job.total),
        ("running", 0, 10)
    );
    job.done = 10;
    job.state = "done".into();
    s.update_job(&job).unwrap();
    assert_eq!(s.get_job(id).unwrap().unwrap(), job);
    assert_ne!(s.create_job("rescore", 1).unwrap(), id);
    assert_eq!(s.get_job(id + 100).unwrap(), None);
}

fn records_come_in_storage_order(s: &dyn Store) {
    let calls: Vec<StoredCall> = (0..12).map(|i| stored(&call(i, 5, 9, "q"), 1)).collect();
    s.put_calls(&calls, false).unwrap();
    let mut seen = Vec::new();
    let mut after = 0;
    loop {
        let rows = s.records_after(&Filter::default(), after, 5).unwrap();
        let Some(last) = rows.last() else { break };
        after = last.seq;
        seen.extend(rows.into_iter().map(|r| r.id));
    }
    let ids: Vec<String> = calls.iter().map(|c| c.id.clone()).collect();
    assert_eq!(seen, ids);
    // A re-score keeps each call's place.
    s.put_calls(&calls[..3], true).unwrap();
    let again: Vec<String> = s
        .records_after(&Filter::default(), 0, 100)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(again, ids);
}

fn prompt(call: &str, id: &str, op: &str, queue: &str, followed: Option<bool>) -> PromptRow {
    PromptRow {
        call: call.into(),
        prompt: id.into(),
        rule: Some(format!("rule.{id}")),
        trigger: format!("trigger_{id}"),
        operator: Some(op.into()),
        queue: Some(queue.into()),
        shown_at: 1_772_440_000.25,
        followed,
    }
}

fn prompts_are_counted_per_rule_and_trigger(s: &dyn Store) {
    assert!(s.prompt_stats(&PromptScope::default()).unwrap().is_empty());
    // Shown, then decided: one row per call and prompt.
    s.put_prompt(&prompt("c1", "hold", "op1", "sales", None))
        .unwrap();
    s.put_prompt(&prompt("c1", "hold", "op1", "sales", Some(true)))
        .unwrap();
    // A later put without an outcome keeps the decided one.
    s.put_prompt(&prompt("c1", "hold", "op1", "sales", None))
        .unwrap();
    s.put_prompt(&prompt("c2", "hold", "op2", "support", Some(false)))
        .unwrap();
    s.put_prompt(&prompt("c2", "greet", "op2", "support", None))
        .unwrap();
    let mut no_rule = prompt("c3", "greet", "op1", "sales", Some(true));
    no_rule.rule = None;
    s.put_prompt(&no_rule).unwrap();
    let stat = |rule: Option<&str>, id: &str, shown, decided, followed| PromptStat {
        rule: rule.map(str::to_string),
        trigger: format!("trigger_{id}"),
        prompt: id.into(),
        shown,
        decided,
        followed,
    };
    assert_eq!(
        s.prompt_stats(&PromptScope::default()).unwrap(),
        [
            stat(None, "greet", 1, 1, 1),
            stat(Some("rule.greet"), "greet", 1, 0, 0),
            stat(Some("rule.hold"), "hold", 2, 2, 1),
        ]
    );
    let op1 = PromptScope {
        operator: Some("op1".into()),
        queues: None,
    };
    assert_eq!(
        s.prompt_stats(&op1).unwrap(),
        [
            stat(None, "greet", 1, 1, 1),
            stat(Some("rule.hold"), "hold", 1, 1, 1)
        ]
    );
    let support = PromptScope {
        operator: None,
        queues: Some(vec!["support".into()]),
    };
    assert_eq!(
        s.prompt_stats(&support).unwrap(),
        [
            stat(Some("rule.greet"), "greet", 1, 0, 0),
            stat(Some("rule.hold"), "hold", 1, 1, 0),
        ]
    );
    let none = PromptScope {
        operator: None,
        queues: Some(vec![]),
    };
    assert!(s.prompt_stats(&none).unwrap().is_empty());
    let c1 = s.prompts_of_call("c1").unwrap();
    assert_eq!(c1, [prompt("c1", "hold", "op1", "sales", Some(true))]);
    assert!(s.prompts_of_call("nobody").unwrap().is_empty());
}

/// The dashboard's grouped reads equal the same figures added up from
/// the stored calls, off the rollup (days, queue, operator) and off the
/// calls (any other filter).
fn dashboard_reads_group_by_operator_and_queue(s: &dyn Store) {
    use callqa_store::{Calibration, CountBy, RuleCount};
    use std::collections::BTreeMap;
    let calls: Vec<StoredCall> = (0..24)
        .map(|i| {
            let q = ["support", "sales", "vip"][(i % 3) as usize];
            stored(&call(i, 1 + (i % 6) as u32, 9 + (i % 5) as u32, q), 1)
        })
        .collect();
    s.put_calls(&calls, false).unwrap();
    let expect = |by: CountBy, keep: &dyn Fn(&StoredCall) -> bool| {
        let mut m: BTreeMap<(String, String, String), i64> = BTreeMap::new();
        for c in calls.iter().filter(|c| keep(c)) {
            let key = match by {
                CountBy::Operator => c.operator.clone(),
                CountBy::Queue => c.queue.clone().unwrap(),
            };
            for (r, o) in &c.verdicts {
                *m.entry((key.clone(), r.clone(), o.clone())).or_default() += 1;
            }
        }
        m.into_iter()
            .map(|((key, rule, outcome), count)| RuleCount {
                key,
                rule,
                outcome,
                count,
            })
            .collect::<Vec<_>>()
    };
    let days = Filter {
        from: Some("2026-03-02".into()),
        to: Some("2026-03-05".into()),
        ..Filter::default()
    };
    let in_days = |c: &StoredCall| c.day.as_str() >= "2026-03-02" && c.day.as_str() <= "2026-03-05";
    for by in [CountBy::Operator, CountBy::Queue] {
        assert_eq!(
            s.rule_counts(&Filter::default(), by).unwrap(),
            expect(by, &|_| true)
        );
        assert_eq!(s.rule_counts(&days, by).unwrap(), expect(by, &in_days));
    }
    // A filter the rollup does not answer reads the calls.
    let inbound = Filter {
        direction: Some("inbound".into()),
        ..days.clone()
    };
    let is_in = |c: &StoredCall| in_days(c) && c.direction == "inbound";
    assert_eq!(
        s.rule_counts(&inbound, CountBy::Queue).unwrap(),
        expect(CountBy::Queue, &is_in)
    );
    let op = calls[0].operator.clone();
    let mine = Filter {
        scope_operator: Some(op.clone()),
        ..Filter::default()
    };
    assert_eq!(
        s.rule_counts(&mine, CountBy::Queue).unwrap(),
        expect(CountBy::Queue, &|c| c.operator == op)
    );
    // The selectors: distinct queues and operators, in scope.
    assert_eq!(
        s.queues(&Filter::default()).unwrap(),
        ["sales", "support", "vip"]
    );
    let theirs: Vec<String> = {
        let mut q: Vec<String> = calls
            .iter()
            .filter(|c| c.operator == op)
            .filter_map(|c| c.queue.clone())
            .collect();
        q.sort();
        q.dedup();
        q
    };
    assert_eq!(s.queues(&mine).unwrap(), theirs);
    // Every operator once, by id, under one of the names its calls give.
    let listed = s.operators(&Filter::default()).unwrap();
    let mut ids: Vec<String> = calls.iter().map(|c| c.operator.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(listed.iter().map(|o| o.0.clone()).collect::<Vec<_>>(), ids);
    for (id, name) in &listed {
        assert!(calls
            .iter()
            .any(|c| &c.operator == id && &c.operator_name == name));
    }
    let just: Vec<String> = s
        .operators(&mine)
        .unwrap()
        .into_iter()
        .map(|o| o.0)
        .collect();
    assert_eq!(just, std::slice::from_ref(&op));
    // Calibrations, newest first.
    assert!(s.list_calibrations(10).unwrap().is_empty());
    for (n, c) in calls.iter().take(3).enumerate() {
        s.create_calibration(&Calibration {
            id: 0,
            calls: vec![c.id.clone()],
            graders: vec!["ann".into(), "bob".into()],
            created_by: "sup".into(),
            created_at: format!("2026-03-0{}T10:00:00Z", n + 1),
        })
        .unwrap();
    }
    let listed = s.list_calibrations(2).unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed[0].id > listed[1].id);
    assert_eq!(listed[0].calls, [calls[2].id.clone()]);
    assert_eq!(listed[0].graders, ["ann", "bob"]);
}
