//! `callqa serve` end to end: the real binary on 127.0.0.1 with an
//! ephemeral port, a real HTTP client, tokens made with `callqa token`.
//! Role reach (401, 403, an operator sees only its calls), ingest
//! semantics, standards and re-scoring, exports, and durability: calls
//! acknowledged before a `kill -9` are there after a restart, concurrent
//! ingest loses and duplicates nothing, SIGTERM finishes in-flight work.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use callqa_testkit as synth;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_callqa");

/// Where a test's store is: `--data DIR` or `--db URL`.
type Loc = Vec<String>;

fn sqlite(name: &str) -> Loc {
    let dir = std::env::temp_dir().join(format!("callqa-serve-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    vec!["--data".into(), dir.display().to_string()]
}

/// A fresh database in the PostgreSQL server of `CALLQA_TEST_PG_URL`.
fn postgres(name: &str) -> Option<Loc> {
    let Ok(url) = std::env::var("CALLQA_TEST_PG_URL") else {
        eprintln!("skipped: CALLQA_TEST_PG_URL is not set (.ci/postgres.sh starts a server)");
        return None;
    };
    // PostgreSQL names stop at 63 bytes; the first 30 of these are unique.
    let db = format!("callqa_serve_{}", &name[..name.len().min(30)]);
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    c.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
        .expect("drop database");
    c.batch_execute(&format!("CREATE DATABASE {db}"))
        .expect("create database");
    let base = &url[..url.rfind('/').expect("a database in the url")];
    Some(vec!["--db".into(), format!("{base}/{db}")])
}

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[test] fn $name() { super::$name(&super::sqlite(stringify!($name))); })*
        }
        mod on_postgres {
            $(#[test] fn $name() {
                if let Some(loc) = super::postgres(stringify!($name)) { super::$name(&loc); }
            })*
        }
    };
}

on_both!(
    tokens_and_roles_decide_who_sees_what,
    ingest_takes_the_first_of_duplicates_and_replaces_across_requests,
    a_new_standard_revision_rescores_history_and_diffs,
    exports_are_excel_friendly_csv_and_jsonl_audits,
    acknowledged_calls_survive_kill_9,
    concurrent_clients_lose_and_duplicate_nothing,
    sigterm_finishes_the_request_in_flight,
    import_to_a_server_stores_what_import_prints,
    retention_days_deletes_old_calls_at_start,
);

fn token(dir: &Loc, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .args(["token", "create"])
        .args(dir)
        .args(args)
        .output()
        .expect("run callqa token");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .last()
        .unwrap()
        .to_string()
}

struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(dir: &Loc) -> Server {
        Server::start_with(dir, &[])
    }

    fn start_with(dir: &Loc, extra: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(dir)
            .args(extra)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start callqa serve");
        let stderr = child.stderr.take().unwrap();
        let mut lines = BufReader::new(stderr).lines();
        let base = loop {
            let line = lines
                .next()
                .expect("serve printed its address")
                .expect("read stderr");
            if let Some(rest) = line.strip_prefix("callqa serve: listening on ") {
                break rest.split_whitespace().next().unwrap().to_string();
            }
        };
        // Keep draining stderr so the server never blocks on it.
        std::thread::spawn(move || lines.for_each(drop));
        Server { child, base }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(self.child.id().to_string())
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `(status, body)` of a request; `token` empty sends no credentials.
fn call(method: &str, url: &str, token: &str, body: Option<(&str, &str)>) -> (u16, String) {
    let mut req = ureq::request(method, url).timeout(Duration::from_secs(60));
    if !token.is_empty() {
        req = req.set("Authorization", &format!("Bearer {token}"));
    }
    let res = match body {
        Some((ctype, text)) => req.set("Content-Type", ctype).send_string(text),
        None => req.call(),
    };
    match res {
        Ok(r) => (r.status(), r.into_string().unwrap()),
        Err(ureq::Error::Status(code, r)) => (code, r.into_string().unwrap()),
        Err(e) => panic!("{method} {url}: {e}"),
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn calls_json(seeds: impl Iterator<Item = u64>) -> String {
    let calls: Vec<Value> = seeds
        .map(|s| serde_json::to_value(synth::call(s)).unwrap())
        .collect();
    serde_json::to_string(&calls).unwrap()
}

fn all_ids(s: &Server, token: &str, query: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut cursor = String::new();
    loop {
        let url = s.url(&format!("/calls?limit=50{query}{cursor}"));
        let (status, body) = call("GET", &url, token, None);
        assert_eq!(status, 200, "{body}");
        let v = json(&body);
        for c in v["calls"].as_array().unwrap() {
            ids.push(c["id"].as_str().unwrap().to_string());
        }
        match v["next"].as_str() {
            Some(n) => cursor = format!("&cursor={n}"),
            None => return ids,
        }
    }
}

fn tokens_and_roles_decide_who_sees_what(dir: &Loc) {
    let admin = token(dir, &["--role", "admin"]);
    let ingest = token(dir, &["--role", "ingest"]);
    let op1 = token(dir, &["--role", "operator", "--operator", "op-1"]);
    let sup = token(dir, &["--role", "supervisor", "--queues", "sales"]);
    let s = Server::start(dir);
    // Seeds 0..34: operators op-0..op-16, two calls each.
    let mut calls: Vec<Value> = (0..34)
        .map(|i| serde_json::to_value(synth::call(i)).unwrap())
        .collect();
    for (i, c) in calls.iter_mut().enumerate() {
        c["tags"] = serde_json::json!({"queue": if i % 2 == 0 { "sales" } else { "support" }});
    }
    let body = serde_json::to_string(&calls).unwrap();

    assert_eq!(call("GET", &s.url("/calls"), "", None).0, 401);
    assert_eq!(call("GET", &s.url("/calls"), "cqa_wrong", None).0, 401);
    assert_eq!(
        call(
            "POST",
            &s.url("/calls"),
            &op1,
            Some(("application/json", &body))
        )
        .0,
        403
    );
    let (status, answer) = call(
        "POST",
        &s.url("/calls"),
        &ingest,
        Some(("application/json", &body)),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(json(&answer)["accepted"], 34);
    assert_eq!(
        call("GET", &s.url("/calls"), &ingest, None).0,
        403,
        "ingest may only post"
    );

    assert_eq!(all_ids(&s, &admin, "").len(), 34);
    let mine = all_ids(&s, &op1, "");
    assert_eq!(
        mine,
        ["synth-000018", "synth-000001"],
        "newest first, op-1 only"
    );
    assert_eq!(all_ids(&s, &op1, "&operator=op-2"), Vec::<String>::new());
    assert_eq!(
        call("GET", &s.url("/calls/synth-000001"), &op1, None).0,
        200
    );
    assert_eq!(
        call("GET", &s.url("/calls/synth-000002"), &op1, None).0,
        403
    );
    let (_, stats) = call("GET", &s.url("/stats/operators"), &op1, None);
    let ops = &json(&stats)["total"]["operators"];
    assert_eq!(ops.as_array().unwrap().len(), 1);
    assert_eq!(ops[0]["operator"], "op-1");
    assert_eq!(ops[0]["calls"], 2);
    let (_, csv) = call("GET", &s.url("/export.csv"), &op1, None);
    assert_eq!(csv.lines().count(), 3, "header and two rows: {csv}");

    let sales = all_ids(&s, &sup, "");
    assert_eq!(sales.len(), 17);
    assert_eq!(
        call("GET", &s.url("/calls/synth-000001"), &sup, None).0,
        403
    );
    assert_eq!(
        call(
            "PUT",
            &s.url("/standard"),
            &sup,
            Some(("application/toml", "x = 1"))
        )
        .0,
        403
    );
    assert_eq!(call("POST", &s.url("/rescore"), &op1, None).0, 403);
    assert_eq!(call("GET", &s.url("/openapi.json"), &op1, None).0, 200);
    assert_eq!(call("GET", &format!("{}/healthz", s.base), "", None).0, 200);
}

fn ingest_takes_the_first_of_duplicates_and_replaces_across_requests(dir: &Loc) {
    let admin = token(dir, &["--role", "admin"]);
    let s = Server::start(dir);
    let one = serde_json::to_string(&synth::call(1)).unwrap();
    let mut changed = synth::call(1);
    changed.operator.id = "op-99".into();
    let changed = serde_json::to_string(&changed).unwrap();
    let bad = r#"{"id": "bad-1", "direction": "sideways", "operator": {"id": "o"}}"#;
    let lines = format!("{one}\n{changed}\n{bad}\nnot json\n");
    let (status, body) = call(
        "POST",
        &s.url("/calls"),
        &admin,
        Some(("application/x-ndjson", &lines)),
    );
    assert_eq!(status, 200, "{body}");
    let v = json(&body);
    assert_eq!(v["accepted"], 1);
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 3);
    assert_eq!(errors[0]["index"], 2);
    assert_eq!(errors[0]["call"], "synth-000001");
    assert!(errors[0]["message"]
        .as_str()
        .unwrap()
        .contains("duplicate call id"));
    assert_eq!(errors[1]["index"], 3);
    assert_eq!(errors[1]["call"], "bad-1");
    assert_eq!(
        errors[1]["message"],
        r#"direction: unknown direction "sideways" (expected "inbound" or "outbound")"#
    );
    assert_eq!(errors[2]["index"], 4);
    let (_, got) = call("GET", &s.url("/calls/synth-000001"), &admin, None);
    assert_eq!(json(&got)["call"]["operator"]["id"], "op-1");
    // A later request replaces the stored call.
    let (_, body) = call(
        "POST",
        &s.url("/calls"),
        &admin,
        Some(("application/json", &changed)),
    );
    assert_eq!(json(&body)["accepted"], 1);
    let (_, got) = call("GET", &s.url("/calls/synth-000001"), &admin, None);
    let got = json(&got);
    assert_eq!(got["call"]["operator"]["id"], "op-99");
    assert_eq!(got["audit"]["operator"], "op-99");
    assert_eq!(all_ids(&s, &admin, "").len(), 1);
    assert_eq!(call("GET", &s.url("/calls/nope"), &admin, None).0, 404);
    assert_eq!(
        call("GET", &s.url("/calls?limit=1001"), &admin, None).0,
        400
    );
    assert_eq!(
        call("GET", &s.url("/calls?from=yesterday"), &admin, None).0,
        400
    );
}

fn a_new_standard_revision_rescores_history_and_diffs(dir: &Loc) {
    let admin = token(dir, &["--role", "admin"]);
    let s = Server::start(dir);
    let body = calls_json(0..30);
    call(
        "POST",
        &s.url("/calls"),
        &admin,
        Some(("application/json", &body)),
    );
    let (status, toml) = call("GET", &s.url("/standard"), &admin, None);
    assert_eq!(status, 200);
    // Two problems in one file: both are reported, with their positions.
    let broken = toml
        .replacen("type = \"answer_speed\"", "type = \"answer_speedy\"", 1)
        .replacen("type = \"dead_air\"", "type = \"dead_airs\"", 1);
    let (status, err) = call(
        "PUT",
        &s.url("/standard"),
        &admin,
        Some(("application/toml", &broken)),
    );
    assert_eq!(status, 400);
    let errors = json(&err)["errors"].clone();
    assert_eq!(errors.as_array().unwrap().len(), 2, "{err}");
    assert!(errors[0]
        .as_str()
        .unwrap()
        .contains("unknown check type \"answer_speedy\""));
    assert!(errors[1]
        .as_str()
        .unwrap()
        .contains("unknown check type \"dead_airs\""));
    let (_, still) = call("GET", &s.url("/standard"), &admin, None);
    assert_eq!(still, toml, "a rejected standard changes nothing");
    // Revision 2: hold.thanks switched off.
    assert!(
        toml.contains("id = \"hold.thanks\""),
        "the default has hold.thanks"
    );
    let changed = toml.replacen(
        "id = \"hold.thanks\"",
        "id = \"hold.thanks\"\nenabled = false",
        1,
    );
    let (status, put) = call(
        "PUT",
        &s.url("/standard"),
        &admin,
        Some(("application/toml", &changed)),
    );
    assert_eq!(status, 200, "{put}");
    assert_eq!(json(&put)["revision"], 2);
    let (_, job) = call(
        "POST",
        &s.url("/rescore"),
        &admin,
        Some(("application/json", "{}")),
    );
    let id = json(&job)["job"].as_i64().unwrap();
    let mut state = Value::Null;
    for _ in 0..600 {
        let (_, j) = call("GET", &s.url(&format!("/jobs/{id}")), &admin, None);
        state = json(&j);
        if state["state"] != "running" {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(state["state"], "done", "{state}");
    assert_eq!(state["done"], 30);
    assert_eq!(state["total"], 30);
    let (_, d) = call("GET", &s.url("/standard/diff?from=1&to=2"), &admin, None);
    let d = json(&d);
    assert_eq!(d["rules"]["removed"], serde_json::json!(["hold.thanks"]));
    assert_eq!(d["calls_compared"], 30);
    let by_rule = d["verdicts_changed_by_rule"].as_object().unwrap();
    assert_eq!(by_rule.keys().collect::<Vec<_>>(), ["hold.thanks"]);
    assert_eq!(by_rule["hold.thanks"], 30, "every call lost the verdict");
    let (_, got) = call("GET", &s.url("/calls/synth-000003"), &admin, None);
    let got = json(&got);
    assert_eq!(got["revision"], 2);
    assert!(got["audit"]["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v["rule"] != "hold.thanks"));
    let (_, old) = call("GET", &s.url("/standard?revision=1"), &admin, None);
    assert_eq!(old, toml);
}

fn exports_are_excel_friendly_csv_and_jsonl_audits(dir: &Loc) {
    let admin = token(dir, &["--role", "admin"]);
    let s = Server::start(dir);
    call(
        "POST",
        &s.url("/calls"),
        &admin,
        Some(("application/json", &calls_json(0..10))),
    );
    let (status, csv) = call("GET", &s.url("/export.csv"), &admin, None);
    assert_eq!(status, 200);
    assert!(csv.starts_with("\u{feff}id,started_at,"));
    assert_eq!(csv.lines().count(), 11);
    let russian = (0..10)
        .map(synth::call)
        .find(|c| c.language == Some(callqa_model::Lang::Ru))
        .expect("a Russian call among the seeds");
    let name = russian.operator.name.unwrap();
    assert!(name.chars().any(|c| ('а'..='я').contains(&c)));
    assert!(csv.contains(&name), "cyrillic intact: {name}");
    let (_, jsonl) = call(
        "GET",
        &s.url("/export.jsonl?direction=inbound"),
        &admin,
        None,
    );
    let audits: Vec<Value> = jsonl.lines().map(json).collect();
    assert_eq!(audits.len(), 10);
    assert!(audits.iter().all(|a| a["verdicts"].is_array()));
    let (_, o) = call("GET", &s.url("/stats/overview?bucket=week"), &admin, None);
    assert_eq!(json(&o)["total"]["calls"], 10);
    let (_, r) = call("GET", &s.url("/stats/rules?bucket=day"), &admin, None);
    assert!(!json(&r)["total"]["rules"].as_array().unwrap().is_empty());
}

fn acknowledged_calls_survive_kill_9(dir: &Loc) {
    let admin = token(dir, &["--role", "admin"]);
    let s = Server::start(dir);
    let url = s.url("/calls");
    let tok = admin.clone();
    // One client posts batches until the server dies; it records what was
    // acknowledged.
    let feeder = std::thread::spawn(move || {
        let mut acked: Vec<String> = Vec::new();
        for batch in 0..1000u64 {
            let seeds = batch * 5..batch * 5 + 5;
            let body = calls_json(seeds.clone());
            let res = ureq::post(&url)
                .set("Authorization", &format!("Bearer {tok}"))
                .set("Content-Type", "application/json")
                .timeout(Duration::from_secs(30))
                .send_string(&body);
            match res {
                Ok(r) if r.status() == 200 => {
                    acked.extend(seeds.map(|s| format!("synth-{s:06}")));
                }
                _ => break,
            }
        }
        acked
    });
    std::thread::sleep(Duration::from_millis(1500));
    let mut s = s;
    s.child.kill().unwrap(); // SIGKILL
    s.child.wait().unwrap();
    let acked = feeder.join().unwrap();
    assert!(
        !acked.is_empty(),
        "some batches were acknowledged before the kill"
    );
    let s = Server::start(dir);
    let stored: HashSet<String> = all_ids(&s, &admin, "").into_iter().collect();
    for id in &acked {
        assert!(stored.contains(id), "acknowledged {id} was lost");
    }
}

fn concurrent_clients_lose_and_duplicate_nothing(dir: &Loc) {
    let admin = token(dir, &["--role", "admin"]);
    let s = Server::start(dir);
    let clients: Vec<_> = (0..4u64)
        .map(|c| {
            let url = s.url("/calls");
            let tok = admin.clone();
            std::thread::spawn(move || {
                // Each client sends 0..60 shifted: clients overlap by half.
                for batch in 0..6u64 {
                    let start = c * 30 + batch * 10;
                    let (status, body) = call(
                        "POST",
                        &url,
                        &tok,
                        Some(("application/json", &calls_json(start..start + 10))),
                    );
                    assert_eq!(status, 200, "{body}");
                    assert_eq!(json(&body)["accepted"], 10);
                }
            })
        })
        .collect();
    clients.into_iter().for_each(|c| c.join().unwrap());
    let ids = all_ids(&s, &admin, "");
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "no duplicates");
    assert_eq!(ids.len(), 150, "seeds 0..150, each once");
}

fn sigterm_finishes_the_request_in_flight(dir: &Loc) {
    let admin = token(dir, &["--role", "admin"]);
    let mut s = Server::start(dir);
    let url = s.url("/calls");
    let tok = admin.clone();
    let body = calls_json(0..400);
    let client =
        std::thread::spawn(move || call("POST", &url, &tok, Some(("application/json", &body))));
    std::thread::sleep(Duration::from_millis(300));
    s.signal("TERM");
    let (status, body) = client.join().unwrap();
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body)["accepted"], 400);
    let code = s.child.wait().unwrap();
    assert!(code.success(), "{code:?}");
    let s = Server::start(dir);
    assert_eq!(all_ids(&s, &admin, "").len(), 400);
}

fn import_to_a_server_stores_what_import_prints(dir: &Loc) {
    let ingest = token(dir, &["--role", "ingest"]);
    let admin = token(dir, &["--role", "admin"]);
    let s = Server::start(dir);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../import/tests/fixtures");
    let printed = Command::new(BIN)
        .arg("import")
        .arg("--transcripts")
        .arg(&fixtures)
        .output()
        .unwrap();
    let printed: Vec<Value> = String::from_utf8(printed.stdout)
        .unwrap()
        .lines()
        .map(json)
        .collect();
    assert!(printed.len() > 5);
    let no_token = Command::new(BIN)
        .arg("import")
        .arg("--transcripts")
        .arg(&fixtures)
        .args(["--to", &s.base])
        .env_remove("CALLQA_TOKEN")
        .output()
        .unwrap();
    assert_eq!(no_token.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_token.stderr).contains("--to needs a token"));
    let sent = Command::new(BIN)
        .arg("import")
        .arg("--transcripts")
        .arg(&fixtures)
        .args(["--to", &s.base])
        .env("CALLQA_TOKEN", &ingest)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&sent.stderr);
    assert!(
        stderr.contains(&format!("{} calls accepted, 0 rejected", printed.len())),
        "{stderr}"
    );
    let mut stored = all_ids(&s, &admin, "");
    stored.sort();
    let mut expect: Vec<String> = printed
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    expect.sort();
    assert_eq!(stored, expect);
}

fn retention_days_deletes_old_calls_at_start(dir: &Loc) {
    let admin = token(dir, &["--role", "admin"]);
    let s = Server::start(dir);
    // Ten calls of March 2026 and one of today.
    let mut calls: Vec<Value> = (0..10u64)
        .map(|i| serde_json::to_value(synth::call(i)).unwrap())
        .collect();
    let mut today = synth::call(99);
    today.id = "today".into();
    today.started_at = Some(time::OffsetDateTime::now_utc() - time::Duration::hours(1));
    calls.push(serde_json::to_value(today).unwrap());
    let body = serde_json::to_string(&calls).unwrap();
    let (status, answer) = call(
        "POST",
        &s.url("/calls"),
        &admin,
        Some(("application/json", &body)),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(all_ids(&s, &admin, "").len(), 11);
    drop(s);
    // Restarted with a 30-day limit, the server deletes the old calls
    // at once.
    let s = Server::start_with(dir, &["--retention-days", "30"]);
    let mut ids = all_ids(&s, &admin, "");
    for _ in 0..100 {
        if ids.len() == 1 {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        ids = all_ids(&s, &admin, "");
    }
    assert_eq!(ids, ["today"]);
}
