//! Signing in over real HTTP: the server on 127.0.0.1 with an ephemeral
//! port and a clock the test moves, a real HTTP client (ureq, redirects
//! off, cookies by hand). A sign-in link starts a session once; the
//! session cookie gives the user's role reach on every API route (an
//! operator sees only its calls, a supervisor only its queues); expired
//! or used links, expired, signed-out or made-up cookies are 401; the
//! password form signs in and never redirects off the site; `/metrics`
//! counts what happened. On SQLite and, with `CALLQA_TEST_PG_URL`, on
//! PostgreSQL.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use callqa_server::App;
use callqa_store::*;
use callqa_testkit as synth;
use serde_json::Value;

fn sqlite(name: &str) -> Box<dyn Store> {
    let dir = std::env::temp_dir().join(format!("callqa-signin-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    Box::new(SqliteStore::open_dir(&dir).expect("open sqlite"))
}

fn postgres(name: &str) -> Option<Box<dyn Store>> {
    let Ok(url) = std::env::var("CALLQA_TEST_PG_URL") else {
        eprintln!("skipped: CALLQA_TEST_PG_URL is not set (.ci/postgres.sh starts a server)");
        return None;
    };
    let schema = format!("signin_{name}");
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
    sessions_give_each_role_its_reach,
    links_and_cookies_expire_and_end
);

/// A served instance with a clock the test sets.
struct Served {
    base: String,
    store: Arc<dyn Store>,
    now: Arc<AtomicI64>,
    agent: ureq::Agent,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Served {
    fn start(store: Box<dyn Store>) -> Served {
        let store: Arc<dyn Store> = Arc::from(store);
        let now = Arc::new(AtomicI64::new(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs() as i64,
        ));
        let clock_now = now.clone();
        let app = App::open_with_clock(
            store.clone(),
            Arc::new(move || clock_now.load(Ordering::SeqCst) as f64),
            300.0,
        )
        .unwrap();
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
            now,
            agent: ureq::AgentBuilder::new()
                .redirects(0)
                .timeout(Duration::from_secs(60))
                .build(),
            stop: Some(tx),
            thread: Some(thread),
        }
    }

    fn now(&self) -> i64 {
        self.now.load(Ordering::SeqCst)
    }

    /// `(status, headers we care about, body)`; `auth` is `Bearer …`,
    /// `cookie` a session value, or empty.
    fn request(&self, method: &str, path: &str, auth: &str, form: Option<&str>) -> Answer {
        let mut req = self.agent.request(method, &format!("{}{path}", self.base));
        if let Some(token) = auth.strip_prefix("Bearer ") {
            req = req.set("Authorization", &format!("Bearer {token}"));
        } else if !auth.is_empty() {
            req = req.set("Cookie", &format!("theme=dark; callqa_session={auth}"));
        }
        let res = match form {
            Some(f) if f.starts_with('[') => {
                req.set("Content-Type", "application/json").send_string(f)
            }
            Some(f) => req
                .set("Content-Type", "application/x-www-form-urlencoded")
                .send_string(f),
            None => req.call(),
        };
        let r = match res {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("{method} {path}: {e}"),
        };
        Answer {
            status: r.status(),
            location: r.header("Location").map(str::to_string),
            cookie: r.header("Set-Cookie").map(str::to_string),
            body: r.into_string().unwrap(),
        }
    }

    /// A sign-in link's secret for `user`, made `ago` seconds ago.
    fn link(&self, user: &str, ago: i64, once: bool) -> String {
        let secret = new_secret().unwrap();
        let made = self.now() - ago;
        self.store
            .create_login_link(&hash_token(&secret), user, made, made + LINK_SECS, once)
            .unwrap();
        secret
    }

    /// Signs in with a link; the session cookie's value.
    fn sign_in(&self, user: &str) -> String {
        let a = self.request(
            "GET",
            &format!("/login?once={}", self.link(user, 0, true)),
            "",
            None,
        );
        assert_eq!(a.status, 303, "{}", a.body);
        a.session()
    }

    fn ids(&self, auth: &str) -> Vec<String> {
        let a = self.request("GET", "/api/v1/calls?limit=1000", auth, None);
        assert_eq!(a.status, 200, "{}", a.body);
        let v: Value = serde_json::from_str(&a.body).unwrap();
        v["calls"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
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

struct Answer {
    status: u16,
    location: Option<String>,
    cookie: Option<String>,
    body: String,
}

impl Answer {
    fn session(&self) -> String {
        let c = self.cookie.as_deref().expect("a Set-Cookie header");
        for attr in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=43200"] {
            assert!(c.split("; ").any(|a| a == attr), "{attr} missing: {c}");
        }
        let value = c
            .split(';')
            .next()
            .unwrap()
            .strip_prefix("callqa_session=")
            .expect("the session cookie");
        assert_eq!(value.len(), 64, "{c}");
        value.to_string()
    }
}

fn user(name: &str, role: Role, operator: Option<&str>, queues: &[&str]) -> User {
    User {
        name: name.into(),
        role,
        operator: operator.map(str::to_string),
        queues: queues.iter().map(|q| q.to_string()).collect(),
        created_at: "2026-12-01T00:00:00Z".into(),
        has_password: false,
    }
}

/// Users admin, anna (operator op-1) and boss (supervisor of `sales`), an
/// admin token, and 34 calls of 17 operators, queues `sales` and `support`
/// alternating.
fn seeded(store: Box<dyn Store>) -> (Served, String) {
    let s = Served::start(store);
    s.store
        .create_user(&user("admin", Role::Admin, None, &[]))
        .unwrap();
    s.store
        .create_user(&user("anna", Role::Operator, Some("op-1"), &[]))
        .unwrap();
    s.store
        .create_user(&user("boss", Role::Supervisor, None, &["sales"]))
        .unwrap();
    let token = new_token().unwrap();
    s.store
        .create_token(
            &TokenInfo {
                name: "feeder".into(),
                role: Role::Admin,
                operator: None,
                queues: vec![],
                created_at: "2026-12-01T00:00:00Z".into(),
            },
            &hash_token(&token),
        )
        .unwrap();
    let mut calls: Vec<Value> = (0..34)
        .map(|i| serde_json::to_value(synth::call(i)).unwrap())
        .collect();
    for (i, c) in calls.iter_mut().enumerate() {
        c["tags"] = serde_json::json!({"queue": if i % 2 == 0 { "sales" } else { "support" }});
    }
    let body = serde_json::to_string(&calls).unwrap();
    let bearer = format!("Bearer {token}");
    let a = s.request("POST", "/api/v1/calls", &bearer, Some(&body));
    assert_eq!(a.status, 200, "{}", a.body);
    (s, bearer)
}

fn sessions_give_each_role_its_reach(store: Box<dyn Store>) {
    let (s, bearer) = seeded(store);

    // An operator signed in by link lands on `next` and sees only its calls.
    let link = s.link("anna", 0, true);
    let a = s.request(
        "GET",
        &format!("/login?once={link}&next=/calls%3Fday%3D1"),
        "",
        None,
    );
    assert_eq!(a.status, 303, "{}", a.body);
    assert_eq!(a.location.as_deref(), Some("/calls?day=1"));
    let anna = a.session();
    assert_eq!(s.ids(&anna), ["synth-000018", "synth-000001"]);
    assert_eq!(
        s.request("GET", "/api/v1/calls/synth-000001", &anna, None)
            .status,
        200
    );
    assert_eq!(
        s.request("GET", "/api/v1/calls/synth-000002", &anna, None)
            .status,
        403
    );
    let a = s.request("POST", "/api/v1/rescore", &anna, None);
    assert_eq!(a.status, 403);
    assert!(
        a.body.contains("a operator user may not do this"),
        "{}",
        a.body
    );

    // The link was used once.
    let again = s.request("GET", &format!("/login?once={link}"), "", None);
    assert_eq!(again.status, 401);
    assert!(
        again.body.contains("Ссылка для входа устарела"),
        "{}",
        again.body
    );
    assert!(again.cookie.is_none());

    // A supervisor sees only its queue and may not change the standard.
    let boss = s.sign_in("boss");
    let sales = s.ids(&boss);
    assert_eq!(sales.len(), 17);
    assert_eq!(
        s.request("GET", "/api/v1/calls/synth-000001", &boss, None)
            .status,
        403
    );
    assert_eq!(
        s.request("GET", "/api/v1/jobs/1", &boss, None).status,
        404,
        "a supervisor may read jobs"
    );
    assert_eq!(
        s.request("PUT", "/api/v1/standard", &boss, Some("x = 1"))
            .status,
        403
    );

    // The admin signs in with a password; `next` never leaves the site.
    s.store
        .set_password("admin", &hash_password("пароль admin").unwrap())
        .unwrap();
    let wrong = s.request(
        "POST",
        "/login",
        "",
        Some("name=admin&password=wrong&next=%2F&lang=en"),
    );
    assert_eq!(wrong.status, 401);
    assert!(
        wrong.body.contains("Wrong user name or password."),
        "{}",
        wrong.body
    );
    let nobody = s.request("POST", "/login", "", Some("name=nobody&password=x"));
    assert_eq!(nobody.status, 401);
    let a = s.request(
        "POST",
        "/login",
        "",
        Some("name=admin&password=%D0%BF%D0%B0%D1%80%D0%BE%D0%BB%D1%8C+admin&next=%2F%2Fevil.example"),
    );
    assert_eq!(a.status, 303, "{}", a.body);
    assert_eq!(a.location.as_deref(), Some("/"));
    let admin = a.session();
    assert_eq!(s.ids(&admin).len(), 34);
    // A token and a session of the same role see the same.
    assert_eq!(s.ids(&admin), s.ids(&bearer));

    // The form itself, in the browser's language.
    let mut form = s.agent.get(&format!("{}/login?next=/x", s.base));
    form = form.set("Accept-Language", "en-GB,en;q=0.9");
    let html = form.call().unwrap().into_string().unwrap();
    assert!(
        html.contains("<form method=\"post\" action=\"/login\">"),
        "{html}"
    );
    assert!(html.contains("name=\"next\" value=\"/x\""), "{html}");
    assert!(html.contains("User name"), "{html}");

    // `/metrics` from loopback needs no token and counts what happened.
    let m = s.request("GET", "/metrics", "", None);
    assert_eq!(m.status, 200);
    for line in [
        "callqa_calls_ingested_total 34",
        "callqa_ingest_errors_total 0",
        r#"callqa_http_requests_total{method="GET",route="/login",status="303"} 2"#,
        r#"callqa_http_requests_total{method="POST",route="/login",status="401"} 2"#,
        r#"callqa_http_requests_total{method="GET",route="/api/v1/calls/{id}",status="403"} 2"#,
    ] {
        assert!(
            m.body.lines().any(|l| l == line),
            "{line} not in\n{}",
            m.body
        );
    }
    assert!(!m.body.contains("synth-0000"), "no call ids in the metrics");
}

fn links_and_cookies_expire_and_end(store: Box<dyn Store>) {
    let (s, _) = seeded(store);
    assert_eq!(s.request("GET", "/api/v1/calls", "", None).status, 401);
    let made_up = "0".repeat(64);
    assert_eq!(
        s.request("GET", "/api/v1/calls", &made_up, None).status,
        401
    );

    // A link older than ten minutes does nothing.
    let old = s.link("anna", LINK_SECS, true);
    let a = s.request("GET", &format!("/login?once={old}"), "", None);
    assert_eq!(a.status, 401);
    let nearly = s.link("anna", LINK_SECS - 5, true);
    assert_eq!(
        s.request("GET", &format!("/login?once={nearly}"), "", None)
            .status,
        303
    );
    assert_eq!(
        s.request("GET", "/login?once=not-a-link", "", None).status,
        401
    );

    // A session ends when it expires…
    let anna = s.sign_in("anna");
    assert_eq!(s.ids(&anna).len(), 2);
    s.now.fetch_add(SESSION_SECS, Ordering::SeqCst);
    let a = s.request("GET", "/api/v1/calls", &anna, None);
    assert_eq!(a.status, 401);
    assert!(a.body.contains("sign in again"), "{}", a.body);

    // …and on sign-out, which clears the cookie.
    let boss = s.sign_in("boss");
    assert_eq!(s.ids(&boss).len(), 17);
    let out = s.request("POST", "/logout", &boss, None);
    assert_eq!(out.status, 303);
    assert_eq!(out.location.as_deref(), Some("/login"));
    assert!(
        out.cookie.as_deref().unwrap().contains("Max-Age=0"),
        "{:?}",
        out.cookie
    );
    assert_eq!(s.request("GET", "/api/v1/calls", &boss, None).status, 401);

    // A new password ends the user's sessions.
    let boss = s.sign_in("boss");
    s.store
        .set_password("boss", &hash_password("new").unwrap())
        .unwrap();
    assert_eq!(s.request("GET", "/api/v1/calls", &boss, None).status, 401);
}
