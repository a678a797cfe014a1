//! Users, sign-in links, `serve --demo` and `backup` end to end: the real
//! binary, a real HTTP client (ureq, redirects off, the cookie by hand).
//! The first start of an empty store prints a one-time link for `admin`;
//! `callqa login-link` uses the base URL the server recorded; `user add`,
//! `passwd` and `list`; the demo prints three links that work and keeps
//! each user to its reach; a backup opens with the same calls.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use callqa_store::{Filter, ListQuery, SqliteStore, Store, StoredCall};
use common::{callqa, run, run_stdin};
use serde_json::Value;

fn temp(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("callqa-signin-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir.display().to_string()
}

/// A running `callqa serve …` and the lines it printed, as they come.
struct Running {
    child: Child,
    stdout: mpsc::Receiver<String>,
    stderr: mpsc::Receiver<String>,
}

fn lines(r: impl std::io::Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(r).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                // Keep draining so the server never blocks on a full pipe.
                continue;
            }
        }
    });
    rx
}

impl Running {
    fn start(args: &[&str]) -> Running {
        let mut child = callqa()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start callqa");
        let stdout = lines(child.stdout.take().unwrap());
        let stderr = lines(child.stderr.take().unwrap());
        Running {
            child,
            stdout,
            stderr,
        }
    }

    /// The next line on stdout or stderr that starts with `prefix`: the rest.
    fn wait_for(&self, on_stdout: bool, prefix: &str) -> String {
        let rx = if on_stdout {
            &self.stdout
        } else {
            &self.stderr
        };
        loop {
            let line = rx
                .recv_timeout(Duration::from_secs(600))
                .unwrap_or_else(|_| panic!("no line starting with {prefix:?}"));
            if let Some(rest) = line.strip_prefix(prefix) {
                return rest.to_string();
            }
        }
    }

    fn stop(&mut self) {
        let ok = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status()
            .unwrap()
            .success();
        assert!(ok);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "{status}");
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .redirects(0)
        .timeout(Duration::from_secs(120))
        .build()
}

/// Opens a sign-in link: `(status, Location, session cookie value)`.
fn open_link(url: &str) -> (u16, Option<String>, Option<String>) {
    let r = match agent().get(url).call() {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{url}: {e}"),
    };
    let cookie = r
        .header("Set-Cookie")
        .and_then(|c| c.split(';').next())
        .and_then(|c| c.strip_prefix("callqa_session="))
        .map(str::to_string);
    (r.status(), r.header("Location").map(str::to_string), cookie)
}

/// `GET base/api/v1/calls?limit=1000` with a session cookie.
fn calls(base: &str, cookie: &str) -> (u16, Vec<Value>) {
    let res = agent()
        .get(&format!("{base}/api/v1/calls?limit=1000"))
        .set("Cookie", &format!("callqa_session={cookie}"))
        .call();
    match res {
        Ok(r) => {
            let v: Value = serde_json::from_str(&r.into_string().unwrap()).unwrap();
            (200, v["calls"].as_array().unwrap().clone())
        }
        Err(ureq::Error::Status(code, _)) => (code, vec![]),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn the_demo_prints_three_links_that_work() {
    let mut demo = Running::start(&[
        "serve",
        "--demo",
        "--listen",
        "127.0.0.1:0",
        "--demo-calls",
        "300",
    ]);
    let dir = demo.wait_for(false, "callqa demo: data in ");
    let dir = dir.trim_end_matches(" (removed on exit)").to_string();
    let base = demo.wait_for(true, "callqa demo: listening on ");
    assert!(
        base.starts_with("http://127.0.0.1:") && !base.ends_with(":0"),
        "{base}"
    );
    let admin = demo.wait_for(true, "sign-in as admin: ");
    let supervisor = demo.wait_for(true, "sign-in as supervisor: ");
    let operator_line = demo.wait_for(true, "sign-in as operator (");
    let (operator, op_link) = operator_line.split_once("): ").unwrap();
    for link in [&admin, &supervisor, op_link] {
        assert!(link.starts_with(&format!("{base}/login?once=")), "{link}");
    }

    let mut seen = Vec::new();
    for link in [&admin, &supervisor, op_link] {
        let (status, location, cookie) = open_link(link);
        assert_eq!(status, 303, "{link}");
        assert_eq!(location.as_deref(), Some("/"));
        let (status, list) = calls(&base, &cookie.unwrap());
        assert_eq!(status, 200);
        seen.push(list);
        // A newcomer who reloads gets in again.
        assert_eq!(open_link(link).0, 303);
    }
    // 300 generated calls and the examples; admin and supervisor see all.
    assert!(seen[0].len() > 300, "{}", seen[0].len());
    assert_eq!(seen[0].len(), seen[1].len());
    let mine = &seen[2];
    assert!(!mine.is_empty() && mine.len() < seen[0].len());
    assert!(mine.iter().all(|c| c["operator"] == operator), "{mine:?}");
    // The month ends today: the newest call is less than two days old.
    let newest = seen[0][0]["started_at"].as_str().unwrap();
    let t = time::OffsetDateTime::parse(newest, &time::format_description::well_known::Rfc3339)
        .unwrap();
    assert!(
        time::OffsetDateTime::now_utc() - t < time::Duration::days(2),
        "{newest}"
    );

    demo.stop();
    assert!(!std::path::Path::new(&dir).exists(), "{dir} is left behind");
}

#[test]
fn the_first_start_signs_in_admin_once_and_login_link_knows_the_address() {
    let data = temp("first");
    let mut serve = Running::start(&["serve", "--listen", "127.0.0.1:0", "--data", &data]);
    let base = serve.wait_for(false, "callqa serve: listening on ");
    let base = base.split_whitespace().next().unwrap().to_string();
    let line = serve.wait_for(
        false,
        "callqa serve: an empty store; created the user admin.",
    );
    let link = line.rsplit(' ').next().unwrap().to_string();
    assert!(link.starts_with(&format!("{base}/login?once=")), "{link}");
    let (status, _, cookie) = open_link(&link);
    assert_eq!(status, 303);
    assert_eq!(calls(&base, &cookie.unwrap()).0, 200);
    assert_eq!(open_link(&link).0, 401, "the first link is used once");

    // Users.
    let out = run(&[
        "user",
        "add",
        "anna",
        "--role",
        "operator",
        "--operator",
        "op-1",
        "--data",
        &data,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["user", "add", "bob", "--role", "operator", "--data", &data]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--operator"));
    let out = run(&["user", "add", "anna", "--role", "admin", "--data", &data]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a user named \"anna\" already exists"));
    let out = run_stdin(&["user", "passwd", "anna", "--data", &data], "short\n");
    assert_eq!(out.status.code(), Some(2));
    let out = run_stdin(
        &["user", "passwd", "anna", "--data", &data],
        "long enough пароль\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = String::from_utf8(run(&["user", "list", "--data", &data]).stdout).unwrap();
    assert!(list.contains("anna\toperator\top-1\t-\tset\t"), "{list}");
    assert!(list.contains("admin\tadmin\t-\t-\t-\t"), "{list}");

    // The password form.
    let res = agent().post(&format!("{base}/login")).send_form(&[
        ("name", "anna"),
        ("password", "long enough пароль"),
        ("next", "/x"),
    ]);
    let r = res.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.header("Location"), Some("/x"));

    // login-link: the recorded base URL, `next`, one use.
    let out = run(&[
        "login-link",
        "--user",
        "anna",
        "--next",
        "/calls?day=2",
        "--data",
        &data,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let url = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(url.starts_with(&format!("{base}/login?once=")), "{url}");
    assert!(url.ends_with("&next=/calls%3Fday%3D2"), "{url}");
    let (status, location, _) = open_link(&url);
    assert_eq!((status, location.as_deref()), (303, Some("/calls?day=2")));
    assert_eq!(open_link(&url).0, 401);
    let out = run(&["login-link", "--user", "nobody", "--data", &data]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no user named \"nobody\""));
    let out = run(&[
        "login-link",
        "--user",
        "anna",
        "--next",
        "https://evil.example",
        "--data",
        &data,
    ]);
    assert_eq!(out.status.code(), Some(2));

    serve.stop();
    // A second start creates no second admin link.
    let mut again = Running::start(&["serve", "--listen", "127.0.0.1:0", "--data", &data]);
    again.wait_for(false, "callqa serve: listening on ");
    again.stop();
    let rest: Vec<String> = again.stderr.try_iter().collect();
    assert!(
        !rest.iter().any(|l| l.contains("created the user admin")),
        "{rest:?}"
    );
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn the_json_log_has_one_line_per_request_without_query_text() {
    let data = temp("log");
    let mut serve = Running::start(&[
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--data",
        &data,
        "--log-format",
        "json",
    ]);
    let base = serve.wait_for(false, "callqa serve: listening on ");
    let base = base.split_whitespace().next().unwrap().to_string();
    let line = serve.wait_for(
        false,
        "callqa serve: an empty store; created the user admin.",
    );
    let (_, _, cookie) = open_link(line.rsplit(' ').next().unwrap());
    let r = agent()
        .get(&format!("{base}/api/v1/calls?q=secretword"))
        .set("Cookie", &format!("callqa_session={}", cookie.unwrap()))
        .call()
        .unwrap();
    assert_eq!(r.status(), 200);
    let _ = agent()
        .get(&format!("{base}/api/v1/calls/nope-4111"))
        .call();
    serve.stop();
    let rest: Vec<String> = serve.stderr.try_iter().collect();
    let requests: Vec<Value> = rest
        .iter()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["fields"]["message"] == "request")
        .collect();
    let routes: Vec<(String, u64)> = requests
        .iter()
        .map(|v| {
            let f = &v["fields"];
            assert!(f["ms"].as_f64().is_some(), "{v}");
            (
                format!(
                    "{} {}",
                    f["method"].as_str().unwrap(),
                    f["route"].as_str().unwrap()
                ),
                f["status"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        routes,
        [
            ("GET /login".to_string(), 303),
            ("GET /api/v1/calls".to_string(), 200),
            ("GET /api/v1/calls/{id}".to_string(), 401),
        ]
    );
    let all = rest.join("\n");
    assert!(
        !all.contains("secretword") && !all.contains("nope-4111"),
        "{all}"
    );
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn a_backup_opens_with_the_same_calls() {
    let data = temp("backup");
    let out_file = format!("{data}-copy.sqlite3");
    let _ = std::fs::remove_file(&out_file);
    {
        let store = SqliteStore::open_dir(std::path::Path::new(&data)).unwrap();
        let standard = callqa_standard::builtin();
        let calls: Vec<StoredCall> = (0..40)
            .map(|s| {
                let c = callqa_testkit::call(s);
                StoredCall::new(&c, &standard.audit_call(&c), 1)
            })
            .collect();
        store.put_calls(&calls, false).unwrap();
    }
    let out = run(&["backup", &out_file, "--data", &data]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("(40 calls)"));

    let ids = |s: &dyn Store| {
        let page = s
            .list_calls(&ListQuery {
                filter: Filter::default(),
                limit: 1000,
                cursor: None,
                with_audit: true,
            })
            .unwrap();
        page.calls
            .into_iter()
            .map(|c| (c.id, c.score, c.audit))
            .collect::<Vec<_>>()
    };
    let original = SqliteStore::open_dir(std::path::Path::new(&data)).unwrap();
    let copy = SqliteStore::open_file(std::path::Path::new(&out_file)).unwrap();
    assert_eq!(ids(&copy).len(), 40);
    assert_eq!(ids(&copy), ids(&original));
    assert_eq!(
        copy.get_call("synth-000007").unwrap().unwrap().record,
        original.get_call("synth-000007").unwrap().unwrap().record
    );

    // Never over an existing file; PostgreSQL is pg_dump's job.
    let out = run(&["backup", &out_file, "--data", &data]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("exists"));
    let out = run(&["backup", "x.dump", "--db", "postgres://u@127.0.0.1:1/db"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("pg_dump --format=custom"));
    let out = run(&["backup", &out_file, "--data", &format!("{data}-missing")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store in"));
    drop((original, copy));
    let _ = std::fs::remove_dir_all(&data);
    let _ = std::fs::remove_file(&out_file);
}
