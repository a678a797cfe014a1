//! The call page's review panel over the real router: the operator's
//! dispute form, a supervisor's decide buttons and manual-item marks,
//! each posting a plain HTML form that changes the stored audit exactly
//! as the JSON API does, and refused to whom the API refuses it.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use callqa_server::App;
use callqa_store::{hash_token, DisputeQuery, Role, SqliteStore, Store, TokenInfo};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

struct Site {
    app: Arc<App>,
}

impl Site {
    fn new(name: &str) -> Site {
        let dir = std::env::temp_dir().join(format!("callqa-review-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let store: Arc<dyn Store> = Arc::new(SqliteStore::open_dir(&dir).expect("open sqlite"));
        for (name, role, op) in [
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
        Site {
            app: App::open(store).expect("app"),
        }
    }

    async fn send(&self, req: Request<Body>) -> (StatusCode, Option<String>, String) {
        let res = callqa_server::router(self.app.clone())
            .oneshot(req)
            .await
            .expect("answer");
        let status = res.status();
        let location = res
            .headers()
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_string());
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        (
            status,
            location,
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }

    async fn get(&self, path: &str, who: &str) -> String {
        let req = Request::get(path)
            .header(header::AUTHORIZATION, format!("Bearer tok-{who}"))
            .body(Body::empty())
            .unwrap();
        let (status, _, body) = self.send(req).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        body
    }

    async fn form(&self, path: &str, who: &str, form: &str) -> (StatusCode, Option<String>) {
        let req = Request::post(path)
            .header(header::AUTHORIZATION, format!("Bearer tok-{who}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form.to_string()))
            .unwrap();
        let (status, location, _) = self.send(req).await;
        (status, location)
    }

    async fn outcome(&self, rule: &str) -> (String, Value) {
        let body = self.get("/api/v1/calls/c-1", "sup").await;
        let v: Value = serde_json::from_str(&body).unwrap();
        let o = v["audit"]["verdicts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["rule"] == rule)
            .unwrap()["outcome"]
            .as_str()
            .unwrap()
            .to_string();
        (o, v["audit"]["score"].clone())
    }
}

fn call(id: &str, operator: &str) -> Value {
    json!({
        "id": id,
        "direction": "inbound",
        "started_at": "2026-03-02T10:00:00+03:00",
        "language": "ru",
        "tags": {"queue": "support"},
        "operator": {"id": operator, "name": "Анна"},
        "client": {"number": "+79035550142"},
        "events": [{"at": 0.0, "type": "ring"}, {"at": 4.0, "type": "answer"},
                   {"at": 60.0, "type": "hangup", "by": "client"}],
        "utterances": [
            {"speaker": "operator", "start": 4.5, "end": 5.2, "text": "Алло."},
            {"speaker": "client", "start": 6.0, "end": 9.0, "text": "Не проходит оплата."},
            {"speaker": "operator", "start": 41.0, "end": 44.0, "text": "Так, смотрите, всё готово."}
        ]
    })
}

#[tokio::test]
async fn the_call_page_disputes_decides_and_marks_through_forms() {
    let s = Site::new("forms");
    let req = Request::post("/api/v1/calls")
        .header(header::AUTHORIZATION, "Bearer tok-sup")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!([call("c-1", "op-1"), call("c-2", "op-2")]).to_string(),
        ))
        .unwrap();
    assert_eq!(s.send(req).await.0, StatusCode::OK);
    let rule = "greeting.no_bare_hello";
    assert_eq!(s.outcome(rule).await.0, "fail");

    // The operator's page: a dispute form offering the failed rule, no decide or mark forms.
    let page = s.get("/calls/c-1", "op1").await;
    assert!(page.contains("action=\"/calls/c-1/dispute\""), "{page}");
    assert!(page.contains(&format!("<option value=\"{rule}\"")));
    assert!(!page.contains("/decide\"") && !page.contains("action=\"/calls/c-1/mark\""));

    // Another operator may not dispute it; its own operator may.
    let form = format!("rule={rule}&comment=I+said+hello");
    assert_eq!(
        s.form("/calls/c-1/dispute", "op2", &form).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, location) = s.form("/calls/c-1/dispute", "op1", &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/calls/c-1#review"));
    let d = s.app.store.list_disputes(&DisputeQuery::default()).unwrap();
    assert_eq!((d.len(), d[0].opened_by.as_str()), (1, "op1"));

    // The supervisor's page: decide buttons and the manual items.
    let page = s.get("/calls/c-1", "sup").await;
    let decide = format!("/disputes/{}/decide", d[0].id);
    assert!(page.contains(&decide), "{page}");
    assert!(page.contains("id=\"mark-manner.smile\""));
    let overturn = "decision=overturned&comment=heard+it&call=c-1";
    assert_eq!(
        s.form(&decide, "op1", overturn).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        s.form(&decide, "sup", overturn).await.0,
        StatusCode::SEE_OTHER
    );
    assert_eq!(s.outcome(rule).await.0, "pass", "overturned counts as pass");

    // Marks: the supervisor's counts, an operator's is refused.
    let mark = "item=manner.smile&outcome=fail&comment=flat";
    assert_eq!(
        s.form("/calls/c-1/mark", "op1", mark).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        s.form("/calls/c-1/mark", "sup", mark).await.0,
        StatusCode::SEE_OTHER
    );
    assert_eq!(s.outcome("manner.smile").await.0, "fail");
    let page = s.get("/calls/c-1", "op1").await;
    assert!(
        page.contains(">overturned<") || page.contains(">отменён<"),
        "{page}"
    );
    // The history is a supervisor's (as the audit log): three changes,
    // newest first, each with who and when; the decision moved the score.
    assert!(
        !page.contains("id=\"history\""),
        "an operator has no history panel"
    );
    let page = s.get("/calls/c-1?lang=en", "sup").await;
    let history = &page[page.find("id=\"history\"").expect("a history panel")..];
    let whats: Vec<&str> = history
        .split("data-what=\"")
        .skip(1)
        .map(|x| &x[..x.find('"').unwrap()])
        .collect();
    assert_eq!(whats, ["manual.mark", "dispute.decide", "dispute.open"]);
    assert!(history.contains("<td class=\"by\">op1</td>"), "{history}");
    assert!(history.contains("<td class=\"by\">sup</td>"));
    assert!(history.contains("<time datetime=\"20"));
    assert!(history.contains("dispute decided</b>") && history.contains("→"));
    assert!(history.contains("— heard it") && history.contains("— I said hello"));
}

#[tokio::test]
async fn a_calibration_is_drawn_graded_and_reported_through_forms() {
    let s = Site::new("calibration");
    let req = Request::post("/api/v1/calls")
        .header(header::AUTHORIZATION, "Bearer tok-sup")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!([call("c-1", "op-1"), call("c-2", "op-2")]).to_string(),
        ))
        .unwrap();
    assert_eq!(s.send(req).await.0, StatusCode::OK);
    for name in ["sup", "op1"] {
        s.app
            .store
            .create_user(&callqa_store::User {
                name: name.into(),
                role: if name == "sup" {
                    Role::Supervisor
                } else {
                    Role::Operator
                },
                operator: (name == "op1").then(|| "op-1".to_string()),
                queues: vec![],
                created_at: "2026-03-01T00:00:00Z".into(),
                has_password: false,
            })
            .unwrap();
    }
    // An operator may not start one; the page is not theirs.
    let form = "period=custom&from=2026-03-01&to=2026-03-31&size=2&graders=sup";
    assert_eq!(
        s.form("/calibration", "op1", form).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, location) = s.form("/calibration", "sup", "size=0&graders=sup").await;
    assert_eq!((status, location), (StatusCode::BAD_REQUEST, None));
    let (status, location) = s.form("/calibration", "sup", form).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let at = location.expect("the session's page");
    let id: i64 = at.trim_start_matches("/calibration/").parse().unwrap();
    let k = s.app.store.get_calibration(id).unwrap().unwrap();
    let mut calls = k.calls.clone();
    calls.sort();
    assert_eq!(
        (calls, k.graders.clone()),
        (
            vec!["c-1".to_string(), "c-2".into()],
            vec!["sup".to_string()]
        )
    );
    let page = s.get(&at, "sup").await;
    assert!(page.contains("name=\"r:greeting.no_bare_hello\""), "{page}");
    // The grader grades against the machine on one rule: the report says 0%.
    let grade = "call=c-1&r%3Agreeting.no_bare_hello=pass&r%3Agreeting.company=";
    let (status, location) = s.form(&format!("{at}/grade"), "sup", grade).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.unwrap().starts_with(&format!("{at}#call-")));
    let grades = s.app.store.grades_of(id).unwrap();
    assert_eq!(grades.len(), 1, "the empty select is not a grade");
    let page = s.get(&format!("{at}?lang=en"), "sup").await;
    let row = &page[page
        .find("data-rule=\"greeting.no_bare_hello\"")
        .expect("a report row")..];
    assert!(
        row.contains("<td class=\"num machine\">0% (1)</td>"),
        "{row}"
    );
    assert!(row.contains("graders and machine disagree"));
    // The operator is no grader: not found.
    let req = Request::get(&at)
        .header(header::AUTHORIZATION, "Bearer tok-op1")
        .body(Body::empty())
        .unwrap();
    assert_eq!(s.send(req).await.0, StatusCode::NOT_FOUND);
}
