//! Disputes, manual marks, the audit log and calibration over real HTTP
//! (the server on 127.0.0.1 with an ephemeral port, ureq as the client):
//! an operator disputes its own verdict and not another's; a supervisor
//! overturns it and the call's score, lists and stats follow; a mark of a
//! weighted `[[manual]]` item counts; the audit log says who, when, what,
//! before and after; a re-score under a revision that drops a disputed
//! rule keeps the disputes and marks and flags the changed one; a
//! calibration's agreement matches a hand-computed example. On SQLite
//! and, with `CALLQA_TEST_PG_URL`, on PostgreSQL.

use std::sync::Arc;
use std::time::Duration;

use callqa_server::App;
use callqa_store::*;
use callqa_testkit as synth;
use serde_json::{json, Value};

fn sqlite(name: &str) -> Box<dyn Store> {
    let dir = std::env::temp_dir().join(format!("callqa-disputes-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    Box::new(SqliteStore::open_dir(&dir).expect("open sqlite"))
}

fn postgres(name: &str) -> Option<Box<dyn Store>> {
    let Ok(url) = std::env::var("CALLQA_TEST_PG_URL") else {
        eprintln!("skipped: CALLQA_TEST_PG_URL is not set (.ci/postgres.sh starts a server)");
        return None;
    };
    let schema = format!("disputes_{name}");
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .expect("drop schema");
    Some(Box::new(
        PgStore::connect_in_schema(&url, Some(&schema)).expect("open postgres"),
    ))
}

macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[test] fn $name() { super::$name(super::sqlite(stringify!($name))); })*
        }
        mod on_postgres {
            $(#[test] fn $name() {
                if let Some(s) = super::postgres(stringify!($name)) { super::$name(s); }
            })*
        }
    };
}

both!(
    disputes_marks_and_rescore_over_http,
    calibration_agreement_on_a_hand_computed_example
);

struct Served {
    base: String,
    store: Arc<dyn Store>,
    agent: ureq::Agent,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Served {
    fn start(store: Box<dyn Store>) -> Served {
        let store: Arc<dyn Store> = Arc::from(store);
        let app = App::open(store.clone()).unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                callqa_server::serve(app, listener, async {
                    let _ = rx.await;
                })
                .await
                .unwrap();
            });
        });
        let addr = addr_rx.recv().unwrap();
        Served {
            base: format!("http://{addr}"),
            store,
            agent: ureq::AgentBuilder::new()
                .timeout(Duration::from_secs(60))
                .build(),
            stop: Some(tx),
            thread: Some(thread),
        }
    }

    /// A token (and a user of the same name) with this role.
    fn token(&self, name: &str, role: Role, operator: Option<&str>, queues: &[&str]) -> String {
        let token = new_token().unwrap();
        let queues: Vec<String> = queues.iter().map(|q| q.to_string()).collect();
        self.store
            .create_token(
                &TokenInfo {
                    name: name.into(),
                    role,
                    operator: operator.map(str::to_string),
                    queues: queues.clone(),
                    created_at: "2026-12-01T00:00:00Z".into(),
                },
                &hash_token(&token),
            )
            .unwrap();
        self.store
            .create_user(&User {
                name: name.into(),
                role,
                operator: operator.map(str::to_string),
                queues,
                created_at: "2026-12-01T00:00:00Z".into(),
                has_password: false,
            })
            .unwrap();
        token
    }

    /// `(status, body as json)`.
    fn send(&self, method: &str, path: &str, token: &str, body: Option<&str>) -> (u16, Value) {
        let req = self
            .agent
            .request(method, &format!("{}{path}", self.base))
            .set("Authorization", &format!("Bearer {token}"));
        let res = match body {
            Some(b) => req.set("Content-Type", "application/json").send_string(b),
            None => req.call(),
        };
        let r = match res {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("{method} {path}: {e}"),
        };
        let status = r.status();
        let text = r.into_string().unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    fn ok(&self, method: &str, path: &str, token: &str, body: Option<&str>) -> Value {
        let (status, v) = self.send(method, path, token, body);
        assert!(
            (200..300).contains(&status),
            "{method} {path}: {status} {v}"
        );
        v
    }

    fn rescore(&self, admin: &str) {
        let job = self.ok("POST", "/api/v1/rescore", admin, None)["job"].clone();
        for _ in 0..600 {
            let j = self.ok("GET", &format!("/api/v1/jobs/{job}"), admin, None);
            match j["state"].as_str() {
                Some("done") => return,
                Some("failed") => panic!("rescore failed: {j}"),
                _ => std::thread::sleep(Duration::from_millis(100)),
            }
        }
        panic!("rescore did not finish");
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The default standard with `manner.smile` weighted 10 (marks count),
/// and `disabled` rules switched off.
fn standard(disabled: &[&str]) -> String {
    let mut toml = callqa_standard::DEFAULT_STANDARD_TOML.replace(
        "id = \"manner.smile\"\nsection = \"conversation\"\n",
        "id = \"manner.smile\"\nsection = \"conversation\"\nweight = 10\n",
    );
    for rule in disabled {
        let line = format!("[[rule]]\nid = \"{rule}\"\n");
        assert!(toml.contains(&line), "{rule}");
        toml = toml.replace(&line, &format!("{line}enabled = false\n"));
    }
    toml
}

/// 24 calls, even ones op-1's in `sales`, odd ones op-2's in `support`.
fn seed(s: &Served, admin: &str) -> Vec<Value> {
    s.ok("PUT", "/api/v1/standard", admin, Some(&standard(&[])));
    let mut calls: Vec<Value> = (0..24)
        .map(|i| serde_json::to_value(synth::call(i)).unwrap())
        .collect();
    for (i, c) in calls.iter_mut().enumerate() {
        c["operator"]["id"] = json!(if i % 2 == 0 { "op-1" } else { "op-2" });
        c["tags"] = json!({"queue": if i % 2 == 0 { "sales" } else { "support" }});
    }
    s.ok(
        "POST",
        "/api/v1/calls",
        admin,
        Some(&serde_json::to_string(&calls).unwrap()),
    );
    calls
}

fn verdict<'a>(audit: &'a Value, rule: &str) -> &'a Value {
    audit["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["rule"] == rule)
        .unwrap_or_else(|| panic!("no verdict {rule}"))
}

fn disputes_marks_and_rescore_over_http(store: Box<dyn Store>) {
    let s = Served::start(store);
    let admin = s.token("root", Role::Admin, None, &[]);
    let boss = s.token("boss", Role::Supervisor, None, &["sales"]);
    let other_boss = s.token("other", Role::Supervisor, None, &["support"]);
    let anna = s.token("anna", Role::Operator, Some("op-1"), &[]);
    let calls = seed(&s, &admin);

    // An op-1 call that failed two non-critical rules and nothing critical.
    let (id, audit, rules) = calls
        .iter()
        .step_by(2)
        .find_map(|c| {
            let id = c["id"].as_str().unwrap().to_string();
            let d = s.ok("GET", &format!("/api/v1/calls/{id}"), &admin, None);
            let fails: Vec<&Value> = d["audit"]["verdicts"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|v| v["outcome"] == "fail" && v["manual"] != true)
                .collect();
            let critical = fails.iter().any(|v| v["severity"] == "critical");
            let rules: Vec<String> = fails
                .iter()
                .map(|v| v["rule"].as_str().unwrap().to_string())
                .collect();
            (!critical && rules.len() >= 2).then(|| (id, d["audit"].clone(), rules))
        })
        .expect("an op-1 call failing two non-critical rules");
    let other_call = calls[1]["id"].as_str().unwrap();
    let score0 = audit["score"].as_f64().unwrap();
    let overview = |token: &str| s.ok("GET", "/api/v1/stats/overview", token, None);
    let stats0 = overview(&admin);

    // The operator disputes its own verdicts, not another's, not unknown ones.
    let body = |rule: &str| json!({"rule": rule, "comment": "i did that"}).to_string();
    let (st, _) = s.send(
        "POST",
        &format!("/api/v1/calls/{other_call}/disputes"),
        &anna,
        Some(&body(&rules[0])),
    );
    assert_eq!(st, 403);
    let (st, _) = s.send(
        "POST",
        &format!("/api/v1/calls/{id}/disputes"),
        &anna,
        Some(&body("no.such.rule")),
    );
    assert_eq!(st, 404);
    let (st, _) = s.send(
        "POST",
        "/api/v1/calls/nope/disputes",
        &anna,
        Some(&body(&rules[0])),
    );
    assert_eq!(st, 404);
    let d1 = s.ok(
        "POST",
        &format!("/api/v1/calls/{id}/disputes"),
        &anna,
        Some(&body(&rules[0])),
    )["id"]
        .clone();
    let d2 = s.ok(
        "POST",
        &format!("/api/v1/calls/{id}/disputes"),
        &anna,
        Some(&body(&rules[1])),
    )["id"]
        .clone();
    let (st, _) = s.send(
        "POST",
        &format!("/api/v1/calls/{id}/disputes"),
        &anna,
        Some(&body(&rules[0])),
    );
    assert_eq!(st, 409, "a second open dispute of the same verdict");

    // Lists: open ones; the operator sees its own, the other queue's supervisor none.
    let open = s.ok("GET", "/api/v1/disputes?state=open", &anna, None);
    assert_eq!(open["disputes"].as_array().unwrap().len(), 2, "{open}");
    let none = s.ok("GET", "/api/v1/disputes", &other_boss, None);
    assert!(none["disputes"].as_array().unwrap().is_empty(), "{none}");

    // Deciding: not the operator, not the other queue's supervisor.
    let decide =
        |decision: &str| json!({"decision": decision, "comment": "listened to it"}).to_string();
    let (st, _) = s.send(
        "POST",
        &format!("/api/v1/disputes/{d1}/decision"),
        &anna,
        Some(&decide("overturned")),
    );
    assert_eq!(st, 403);
    let (st, _) = s.send(
        "POST",
        &format!("/api/v1/disputes/{d1}/decision"),
        &other_boss,
        Some(&decide("overturned")),
    );
    assert_eq!(st, 403);
    let (st, _) = s.send(
        "POST",
        &format!("/api/v1/disputes/{d1}/decision"),
        &boss,
        Some(&decide("maybe")),
    );
    assert_eq!(st, 400);
    s.ok(
        "POST",
        &format!("/api/v1/disputes/{d1}/decision"),
        &boss,
        Some(&decide("overturned")),
    );
    s.ok(
        "POST",
        &format!("/api/v1/disputes/{d2}/decision"),
        &boss,
        Some(&decide("overturned")),
    );
    let (st, _) = s.send(
        "POST",
        &format!("/api/v1/disputes/{d1}/decision"),
        &boss,
        Some(&decide("upheld")),
    );
    assert_eq!(st, 409, "decided once");

    // The overturned verdicts count as pass: score, lists and stats follow.
    let detail = s.ok("GET", &format!("/api/v1/calls/{id}"), &anna, None);
    let score1 = detail["audit"]["score"].as_f64().unwrap();
    assert!(score1 > score0, "{score0} → {score1}");
    for r in &rules[..2] {
        assert_eq!(verdict(&detail["audit"], r)["outcome"], "pass");
    }
    assert_eq!(detail["disputes"].as_array().unwrap().len(), 2);
    assert_eq!(detail["disputes"][0]["decision"], "overturned");
    let listed = s.ok(
        "GET",
        &format!("/api/v1/calls?rule={}", rules[0]),
        &admin,
        None,
    );
    assert!(
        !listed["calls"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == id.as_str()),
        "the call no longer fails {}",
        rules[0]
    );
    let stats1 = overview(&admin);
    assert_ne!(stats0, stats1, "stats follow the new score");

    // A mark of the weighted manual item counts; a non-item is refused.
    let mark = |item: &str, outcome: &str| {
        json!({"item": item, "outcome": outcome, "comment": "flat voice"}).to_string()
    };
    let (st, _) = s.send(
        "POST",
        &format!("/api/v1/calls/{id}/manual"),
        &anna,
        Some(&mark("manner.smile", "fail")),
    );
    assert_eq!(st, 403);
    let (st, _) = s.send(
        "POST",
        &format!("/api/v1/calls/{id}/manual"),
        &boss,
        Some(&mark(&rules[2.min(rules.len() - 1)], "fail")),
    );
    assert_eq!(st, 400);
    s.ok(
        "POST",
        &format!("/api/v1/calls/{id}/manual"),
        &boss,
        Some(&mark("manner.smile", "fail")),
    );
    let detail = s.ok("GET", &format!("/api/v1/calls/{id}"), &admin, None);
    assert_eq!(verdict(&detail["audit"], "manner.smile")["outcome"], "fail");
    let score2 = detail["audit"]["score"].as_f64().unwrap();
    assert!(
        score2 < score1,
        "a failed weighted item lowers the score: {score1} → {score2}"
    );

    // The audit log: who, when, what, before, after.
    let (st, _) = s.send("GET", "/api/v1/audit-log", &anna, None);
    assert_eq!(st, 403);
    let log = s.ok("GET", &format!("/api/v1/audit-log?call={id}"), &admin, None);
    let entries = log["entries"].as_array().unwrap();
    let whats: Vec<&str> = entries
        .iter()
        .map(|e| e["what"].as_str().unwrap())
        .collect();
    assert_eq!(
        whats,
        [
            "manual.mark",
            "dispute.decide",
            "dispute.decide",
            "dispute.open",
            "dispute.open"
        ]
    );
    let first_decision = &entries[2];
    assert_eq!(first_decision["who"], "boss");
    assert!(first_decision["at"].as_str().unwrap().starts_with("20"));
    assert_eq!(first_decision["before"]["state"], "open");
    assert_eq!(first_decision["after"]["decision"], "overturned");
    assert_eq!(
        first_decision["before"]["call_standing"]["score"].as_f64(),
        Some(score0)
    );
    assert_eq!(entries[0]["before"]["mark"], Value::Null);
    assert_eq!(entries[0]["after"]["mark"]["outcome"], "fail");
    assert_eq!(
        entries[0]["after"]["call_standing"]["score"].as_f64(),
        Some(score2)
    );

    // A re-score under the same rules keeps everything and flags nothing.
    s.rescore(&admin);
    let detail = s.ok("GET", &format!("/api/v1/calls/{id}"), &admin, None);
    assert_eq!(
        detail["audit"]["score"].as_f64(),
        Some(score2),
        "{}",
        detail["audit"]
    );
    assert!(detail["disputes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["needs_review"] == false));

    // A revision without the first disputed rule: the second dispute and
    // the mark still count, the first is flagged for review.
    s.ok(
        "PUT",
        "/api/v1/standard",
        &admin,
        Some(&standard(&[&rules[0]])),
    );
    s.rescore(&admin);
    let detail = s.ok("GET", &format!("/api/v1/calls/{id}"), &admin, None);
    assert_eq!(verdict(&detail["audit"], &rules[1])["outcome"], "pass");
    assert_eq!(verdict(&detail["audit"], "manner.smile")["outcome"], "fail");
    let flagged = s.ok("GET", "/api/v1/disputes?needs_review=true", &boss, None);
    let flagged: Vec<&Value> = flagged["disputes"].as_array().unwrap().iter().collect();
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert_eq!(flagged[0]["rule"], rules[0].as_str());
    assert_eq!(flagged[0]["state"], "decided");
    assert_eq!(flagged[0]["machine_outcome"], "none", "the rule is gone");
    let log = s.ok(
        "GET",
        &format!("/api/v1/audit-log?call={id}&limit=1"),
        &admin,
        None,
    );
    assert_eq!(log["entries"][0]["what"], "dispute.flag");
    assert_eq!(log["entries"][0]["who"], "rescore");
    assert_eq!(log["entries"][0]["before"]["needs_review"], false);

    // A flagged dispute may be decided again; that clears the flag.
    let f1 = flagged[0]["id"].clone();
    let again = s.ok(
        "POST",
        &format!("/api/v1/disputes/{f1}/decision"),
        &boss,
        Some(&decide("upheld")),
    );
    assert_eq!(
        (again["needs_review"].clone(), again["decision"].clone()),
        (json!(false), json!("upheld"))
    );
    let (st, _) = s.send(
        "POST",
        &format!("/api/v1/disputes/{f1}/decision"),
        &boss,
        Some(&decide("upheld")),
    );
    assert_eq!(st, 409);
    s.rescore(&admin);
    let flagged = s.ok("GET", "/api/v1/disputes?needs_review=true", &admin, None);
    assert!(
        flagged["disputes"].as_array().unwrap().is_empty(),
        "{flagged}"
    );
    let detail = s.ok("GET", &format!("/api/v1/calls/{id}"), &admin, None);
    assert_eq!(verdict(&detail["audit"], &rules[1])["outcome"], "pass");
}

fn calibration_agreement_on_a_hand_computed_example(store: Box<dyn Store>) {
    let s = Served::start(store);
    let admin = s.token("root", Role::Admin, None, &[]);
    let graders: Vec<String> = ["ann", "bob", "cy"]
        .iter()
        .map(|g| s.token(g, Role::Supervisor, None, &[]))
        .collect();
    let outsider = s.token("dan", Role::Supervisor, None, &[]);
    let calls = seed(&s, &admin);
    let ids: Vec<&str> = calls[..4]
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let rule = "greeting.hello";
    let (st, _) = s.send(
        "POST",
        "/api/v1/calibrations",
        &admin,
        Some(&json!({"calls": ["nope"], "graders": ["ann"]}).to_string()),
    );
    assert_eq!(st, 404);
    let (st, _) = s.send(
        "POST",
        "/api/v1/calibrations",
        &admin,
        Some(&json!({"calls": ids, "graders": ["ann", "zed"]}).to_string()),
    );
    assert_eq!(st, 400);
    let k = s.ok(
        "POST",
        "/api/v1/calibrations",
        &admin,
        Some(&json!({"calls": ids, "graders": ["ann", "bob", "cy"]}).to_string()),
    )["id"]
        .clone();
    // Each call: ann, bob, cy. Pairs agreeing 3+1+3+1 = 8 of 12;
    // Fleiss' κ = (2/3 − 1/2) / (1 − 1/2) = 1/3 (see calibration.rs).
    let table = [
        ["pass", "pass", "pass"],
        ["pass", "pass", "fail"],
        ["fail", "fail", "fail"],
        ["pass", "fail", "fail"],
    ];
    let grade = |token: &str, call: &str, outcome: &str| {
        s.send(
            "POST",
            &format!("/api/v1/calibrations/{k}/grades"),
            token,
            Some(&json!({"call": call, "rule": rule, "outcome": outcome}).to_string()),
        )
    };
    assert_eq!(grade(&outsider, ids[0], "pass").0, 403, "not a grader");
    assert_eq!(
        grade(&graders[0], calls[5]["id"].as_str().unwrap(), "pass").0,
        400,
        "not in the session"
    );
    for (call, row) in ids.iter().zip(&table) {
        for (g, outcome) in graders.iter().zip(row) {
            assert_eq!(grade(g, call, outcome).0, 200);
        }
    }
    let machine: Vec<String> = ids
        .iter()
        .map(|id| {
            let d = s.ok("GET", &format!("/api/v1/calls/{id}"), &admin, None);
            verdict(&d["audit"], rule)["outcome"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let same = ids
        .iter()
        .enumerate()
        .map(|(i, _)| table[i].iter().filter(|o| **o == machine[i]).count())
        .sum::<usize>();
    let report = s.ok("GET", &format!("/api/v1/calibrations/{k}"), &admin, None);
    let r = &report["rules"][0];
    assert_eq!(r["rule"], rule);
    assert_eq!(r["pairs"], 12);
    assert_eq!(r["agreement"].as_f64(), Some(0.667));
    assert_eq!(r["fleiss_kappa"].as_f64(), Some(0.333));
    assert_eq!(r["cohen_kappa"], Value::Null);
    assert_eq!(r["machine"]["grades"], 12);
    let share = ((same as f64 / 12.0) * 1000.0).round() / 1000.0;
    assert_eq!(r["machine"]["agreement"].as_f64(), Some(share));
}
