//! The dashboard's pages over a real SQLite store and the real router:
//! who may open what (an operator only their own calls, no credentials →
//! the sign-in redirect), every page rendering, filters narrowing the
//! list, evidence highlighted, text from calls escaped, the language
//! chosen and remembered, the static files cached.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use callqa_server::App;
use callqa_store::{hash_token, Role, SqliteStore, Store, TokenInfo};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

/// 2026-03-05T12:00:00Z.
const NOW: f64 = 1_772_712_000.0;

struct Site {
    app: Arc<App>,
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Site {
    fn new(name: &str) -> Site {
        let dir = std::env::temp_dir().join(format!("callqa-web-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let store: Arc<dyn Store> = Arc::new(SqliteStore::open_dir(&dir).expect("open sqlite"));
        for (name, role, op) in [
            ("admin", Role::Admin, None),
            ("sup", Role::Supervisor, None),
            ("op1", Role::Operator, Some("op-1")),
            ("op2", Role::Operator, Some("op-2")),
        ] {
            let info = TokenInfo {
                name: name.into(),
                role,
                operator: op.map(str::to_string),
                queues: Vec::new(),
                created_at: "2026-03-01T00:00:00Z".into(),
            };
            store
                .create_token(&info, &hash_token(&format!("tok-{name}")))
                .expect("token");
        }
        let app = App::open_with_clock(store, Arc::new(|| NOW), 300.0).expect("app");
        Site { app }
    }

    async fn send(&self, req: Request<Body>) -> Answer {
        let res = callqa_server::router(self.app.clone())
            .oneshot(req)
            .await
            .expect("answer");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    async fn get(&self, path: &str, who: Option<&str>) -> Answer {
        let mut req = Request::get(path);
        if let Some(w) = who {
            req = req.header(header::AUTHORIZATION, format!("Bearer tok-{w}"));
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    async fn post_calls(&self, calls: &[Value]) {
        let req = Request::post("/api/v1/calls")
            .header(header::AUTHORIZATION, "Bearer tok-admin")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(Value::Array(calls.to_vec()).to_string()))
            .unwrap();
        let a = self.send(req).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let v: Value = serde_json::from_str(&a.body).unwrap();
        assert_eq!(v["accepted"], calls.len(), "{}", a.body);
    }
}

/// A call of `operator` on `day` (March 2026) whose operator opens with a
/// bare «Алло» (so `greeting.no_bare_hello` fails with that quote).
fn call(id: &str, operator: &str, name: &str, queue: &str, day: u32, said: &str) -> Value {
    json!({
        "id": id,
        "direction": "inbound",
        "started_at": format!("2026-03-{day:02}T10:00:00+03:00"),
        "language": "ru",
        "company": "Ромашка",
        "tags": {"queue": queue},
        "operator": {"id": operator, "name": name},
        "client": {"number": "+79035550142"},
        "events": [
            {"at": 0.0, "type": "ring"}, {"at": 4.0, "type": "answer"},
            {"at": 30.0, "type": "hold_start"}, {"at": 40.0, "type": "hold_end"},
            {"at": 60.0, "type": "hangup", "by": "client"}
        ],
        "utterances": [
            {"speaker": "operator", "start": 4.5, "end": 5.2, "text": "Алло."},
            {"speaker": "client", "start": 6.0, "end": 9.0, "text": said},
            {"speaker": "operator", "start": 41.0, "end": 44.0, "text": "Так, смотрите, всё готово."}
        ]
    })
}

async fn site(name: &str) -> Site {
    let s = Site::new(name);
    s.post_calls(&[
        call(
            "c-1",
            "op-1",
            "Анна Смирнова",
            "support",
            2,
            "Здравствуйте, не проходит оплата.",
        ),
        call(
            "c-2",
            "op-1",
            "Анна Смирнова",
            "sales",
            3,
            "Хочу узнать про тариф.",
        ),
        call(
            "c-3",
            "op-2",
            "<script>alert(\"x\")</script>",
            "support",
            4,
            "Код <b>жирный</b> & ещё",
        ),
    ])
    .await;
    s
}

#[tokio::test]
async fn without_credentials_a_page_redirects_to_sign_in_and_back() {
    let s = site("signin").await;
    let a = s.get("/calls?queue=sales", None).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(
        a.headers[header::LOCATION],
        "/login?next=/calls%3Fqueue%3Dsales"
    );
    let a = s.get("/calls", Some("nobody")).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    // The API itself still answers 401, never a redirect.
    assert_eq!(
        s.get("/api/v1/calls", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn every_page_renders_for_a_supervisor() {
    let s = site("pages").await;
    for path in [
        "/",
        "/?period=7&queue=support",
        "/?from=2026-03-01&to=2026-03-04",
        "/rules",
        "/rules/greeting.no_bare_hello",
        "/operators",
        "/operators?sort=name&dir=desc",
        "/operators/op-1",
        "/queues",
        "/calls",
        "/calls/c-1",
        "/standard",
    ] {
        let a = s.get(path, Some("sup")).await;
        assert_eq!(a.status, StatusCode::OK, "{path}: {}", a.body);
        assert!(a.body.starts_with("<!doctype html>"), "{path}");
        assert_eq!(
            a.headers[header::CONTENT_TYPE],
            "text/html; charset=utf-8",
            "{path}"
        );
    }
    let home = s.get("/", Some("sup")).await.body;
    assert!(home.contains(r#"<svg class="chart trend""#), "trend chart");
    assert!(
        home.contains(r#"<svg class="chart bars""#),
        "failures per rule"
    );
    assert!(home.contains("/operators/op-2"), "worst operators link");
    let queues = s.get("/queues", Some("sup")).await.body;
    assert!(queues.contains("support") && queues.contains("sales"));
    assert!(
        !queues.contains("Анна Смирнова"),
        "no operators on the queues page"
    );
    let ops = s.get("/operators", Some("sup")).await.body;
    assert!(ops.contains("Анна Смирнова"), "names shown");
}

#[tokio::test]
async fn an_operator_sees_only_their_own_calls() {
    let s = site("scope").await;
    let list = s.get("/calls", Some("op1")).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("/calls/c-1") && list.body.contains("/calls/c-2"));
    assert!(
        !list.body.contains("/calls/c-3"),
        "another operator's call listed"
    );
    // Asking for another operator's calls by filter still shows only one's own.
    let list = s.get("/calls?operator=op-2", Some("op1")).await;
    assert!(!list.body.contains("/calls/c-3"));
    assert_eq!(
        s.get("/calls/c-3", Some("op1")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        s.get("/calls/c-1", Some("op1")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        s.get("/operators/op-2", Some("op1")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        s.get("/operators/op-1", Some("op1")).await.status,
        StatusCode::OK
    );
    let home = s.get("/", Some("op1")).await.body;
    assert!(!home.contains("/operators/op-2"));
    assert!(
        !home.contains("href=\"/operators\""),
        "no operators page in the menu"
    );
    let ops = s.get("/operators", Some("op1")).await.body;
    assert!(!ops.contains("op-2"));
    // A failed rule on the operator's own call says what the standard asks.
    let own = s.get("/calls/c-1", Some("op1")).await.body;
    assert!(
        own.contains("class=\"asks\""),
        "the standard's words on a failed rule"
    );
}

#[tokio::test]
async fn text_from_calls_is_escaped() {
    let s = site("escape").await;
    for path in [
        "/calls",
        "/calls/c-3",
        "/operators",
        "/",
        "/rules/greeting.no_bare_hello",
    ] {
        let a = s.get(path, Some("sup")).await;
        assert_eq!(a.status, StatusCode::OK, "{path}");
        assert!(
            !a.body.contains("<script>alert"),
            "{path} lets a script through"
        );
        assert!(!a.body.contains("<b>жирный"), "{path}");
    }
    let call = s.get("/calls/c-3", Some("sup")).await.body;
    assert!(
        call.contains("&lt;b&gt;жирный&lt;/b&gt; &amp; ещё"),
        "transcript escaped"
    );
    let at = call.find("alert(").expect("the name is shown");
    let before = &call[..at];
    assert!(
        before.ends_with("&#60;script&#62;") || before.ends_with("&lt;script&gt;"),
        "{}",
        &call[at - 20..at + 30]
    );
    let bad = s.get("/calls?from=%3Cx%3E", Some("sup")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(!bad.body.contains("<x>"), "{}", bad.body);
}

#[tokio::test]
async fn a_call_page_highlights_the_evidence_where_it_was_said() {
    let s = site("evidence").await;
    let page = s.get("/calls/c-1", Some("sup")).await.body;
    assert!(
        page.contains(r#"<mark class="ev" data-verdict="greeting.no_bare_hello""#),
        "bare «Алло» highlighted"
    );
    assert!(
        page.contains(r#"id="v-greeting.no_bare_hello""#),
        "the verdict it points to"
    );
    assert!(page.contains(r#"<svg class="timeline""#));
    assert!(page.contains(r#"class="hold""#), "the hold on the timeline");
}

#[tokio::test]
async fn filters_narrow_the_list_and_pages_follow_the_cursor() {
    let s = site("filters").await;
    let all = s.get("/calls", Some("sup")).await.body;
    assert_eq!(all.matches("<tr class=\"call\">").count(), 3);
    let q = s.get("/calls?queue=sales", Some("sup")).await.body;
    assert_eq!(q.matches("<tr class=\"call\">").count(), 1);
    assert!(q.contains("/calls/c-2"));
    let op = s
        .get("/calls?operator=op-2&band=low&direction=", Some("sup"))
        .await;
    assert_eq!(op.status, StatusCode::OK, "{}", op.body);
    assert!(!op.body.contains("/calls/c-1"));
    let text = s
        .get("/calls?q=%D1%82%D0%B0%D1%80%D0%B8%D1%84", Some("sup"))
        .await
        .body;
    assert!(
        text.contains("/calls/c-2") && !text.contains("/calls/c-1"),
        "search «тариф»"
    );
}

#[tokio::test]
async fn the_language_comes_from_the_standard_then_the_choice_is_remembered() {
    let s = site("lang").await;
    let ru = s.get("/", Some("sup")).await;
    assert!(ru.body.contains("<html lang=\"ru\">") && ru.body.contains("Обзор"));
    let en = s.get("/?lang=en", Some("sup")).await;
    assert!(en.body.contains("<html lang=\"en\">") && en.body.contains("Overview"));
    let cookie = en.headers[header::SET_COOKIE].to_str().unwrap().to_string();
    assert!(cookie.starts_with("callqa_lang=en;"), "{cookie}");
    let again = s
        .send(
            Request::get("/rules")
                .header(header::AUTHORIZATION, "Bearer tok-sup")
                .header(header::COOKIE, "callqa_lang=en")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(again.body.contains("Failure rate"));
    assert!(!again.headers.contains_key(header::SET_COOKIE));
}

#[tokio::test]
async fn static_files_are_built_in_and_cached() {
    let s = Site::new("static");
    let css = s.get("/static/app.css", None).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(
        css.headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert!(css.body.contains(".kpi"));
    assert_eq!(s.get("/static/app.js", None).await.status, StatusCode::OK);
    assert_eq!(
        s.get("/static/nothing.js", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn training_results_appear_on_the_operators_page() {
    let s = site("training").await;
    let page = s.get("/operators/op-1", Some("op1")).await.body;
    assert!(page.contains("Результатов обучения пока нет."), "{page}");
    s.app
        .store
        .put_training(&callqa_store::TrainingRecord {
            id: 0,
            operator: "op-1".into(),
            kind: "simulator".into(),
            standard: "callqa-default@1".into(),
            language: "ru".into(),
            score: 87.5,
            passed: true,
            taken_at: String::new(),
            result: "{}".into(),
        })
        .expect("a training result is stored");
    let page = s.get("/operators/op-1", Some("op1")).await.body;
    assert!(page.contains("тренировочный звонок"), "{page}");
    assert!(page.contains(">88<"), "the score shown: {page}");
    assert!(page.contains("сдано"));
    // Another operator's page shows none of it.
    let other = s.get("/operators/op-2", Some("sup")).await.body;
    assert!(other.contains("Результатов обучения пока нет."));
}

/// The (title, score) pairs of a page's `section-score` blocks.
fn section_scores(page: &str) -> Vec<(String, String)> {
    page.split("<div class=\"section-score\">")
        .skip(1)
        .map(|part| {
            let texts: Vec<&str> = part
                .split('>')
                .filter_map(|x| x.split('<').next())
                .filter(|x| !x.trim().is_empty())
                .take(2)
                .collect();
            (texts[0].to_string(), texts[1].to_string())
        })
        .collect()
}

#[tokio::test]
async fn scorecards_show_section_scores_pooled_like_a_calls() {
    let s = site("sections").await;
    // op-2 has one call: its pooled section scores are that call's.
    let call = s.get("/calls/c-3?lang=en", Some("sup")).await.body;
    let card = s
        .get("/operators/op-2?lang=en&period=90", Some("sup"))
        .await
        .body;
    let (of_call, of_card) = (section_scores(&call), section_scores(&card));
    assert!(of_call.len() >= 3, "{call}");
    assert_eq!(of_card, of_call);
    assert!(of_card.iter().any(|(_, v)| v != "—"), "some section scored");
    // The operators' table: a sortable column per section, a cell per
    // section in each row, names shown.
    let ops = s
        .get("/operators?lang=en&period=90", Some("sup"))
        .await
        .body;
    assert!(ops.contains("sort=s.opening"), "{ops}");
    assert!(ops.contains(">Answering the call<"));
    let rows = ops.split("<tr><td>").skip(1).count();
    assert_eq!(rows, 2, "one row per operator");
    assert_eq!(
        ops.matches("<td class=\"num sec\">").count(),
        2 * of_call.len()
    );
    let sorted = s
        .get(
            "/operators?lang=en&period=90&sort=s.opening&dir=desc",
            Some("sup"),
        )
        .await;
    assert_eq!(sorted.status, StatusCode::OK);
    // Per queue on its own page, with the same sections.
    let queues = s.get("/queues?lang=en&period=90", Some("sup")).await.body;
    assert_eq!(
        queues.matches("Answering the call").count(),
        2,
        "a section table per queue (support, sales)"
    );
}
