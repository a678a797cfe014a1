//! The dashboard: HTML pages served by `callqa serve` beside the API, for
//! supervisors and operators. Every page reads the store through the same
//! filter parsing (`queries::filter`) and role scope (`auth::scope`) the
//! JSON API uses, so a page never shows what the API would not answer.
//!
//! Owns the routes, who is asking (an unauthorised page redirects to
//! `/login?next=…`), the interface language (`?lang=` remembered in a
//! cookie), the reporting period, and the page chrome every template
//! extends. Pages: `overview` (`/`), `rules`, `operators` (and `/queues`),
//! `calls` (the list), `call` (one call; `review` its disputes, manual
//! marks and history), `calibration` (sessions of graders), `booklet` (`/standard`); `chart`
//! draws the inline SVG, `figures` adds up stats rows, `assets` serves the
//! embedded CSS and JS.

mod assets;
mod booklet;
mod calibration;
mod call;
mod calls;
mod chart;
mod figures;
pub(crate) mod i18n;
mod i18n_review;
mod live;
mod operators;
mod overview;
mod period;
mod review;
mod rules;
mod sections;
mod timeline;

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use callqa_store::{Filter, Role, TokenInfo};

use crate::auth::{authorize, scope, Need};
use crate::{ApiError, App};
use i18n::{Ui, Words};

/// The cookie that remembers the interface language.
pub const LANG_COOKIE: &str = "callqa_lang";

/// The dashboard's routes (merged into the API router).
pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/", get(overview::page))
        .route("/rules", get(rules::list))
        .route("/rules/{id}", get(rules::one))
        .route("/operators", get(operators::list))
        .route("/operators/{id}", get(operators::one))
        .route("/queues", get(operators::queues))
        .route("/calls", get(calls::page))
        .route("/calls/{id}", get(call::page))
        .route("/calls/{id}/dispute", post(review::dispute))
        .route("/calls/{id}/mark", post(review::mark))
        .route("/disputes/{id}/decide", post(review::decide))
        .route(
            "/calibration",
            get(calibration::list).post(calibration::create),
        )
        .route("/calibration/{id}", get(calibration::one))
        .route("/calibration/{id}/grade", post(calibration::grade))
        .route("/standard", get(booklet::page))
        .route("/live", get(live::page))
        .route("/static/{file}", get(assets::file))
}

/// Query parameters of a page, empty values dropped (an HTML form sends
/// every field, filled or not).
pub type Params = HashMap<String, String>;

/// Who asks, in which language, for which page.
#[derive(Clone)]
pub struct Ctx {
    /// The principal, as the API's `authorize` found it.
    pub who: TokenInfo,
    /// The interface language.
    pub ui: Ui,
    /// The server clock at the request, Unix seconds.
    pub now: f64,
    /// Whether `?lang=` asked for it now (then the answer sets the cookie).
    set_lang: bool,
    /// The path and query of the request (for the language switch).
    uri: Uri,
}

impl Ctx {
    /// The strings of the interface language.
    pub fn t(&self) -> &'static Words {
        self.ui.words()
    }

    /// Whether the principal sees only one operator's calls.
    pub fn is_operator(&self) -> bool {
        self.who.role == Role::Operator
    }

    /// A filter narrowed to what the principal may see.
    pub fn scoped(&self, mut f: Filter) -> Filter {
        scope(&self.who, &mut f);
        f
    }

    /// Whether the principal may see a call of this operator and queue
    /// (the rule `GET /api/v1/calls/{id}` applies).
    pub fn may_see(&self, operator: &str, queue: Option<&str>) -> bool {
        crate::auth::may_see(&self.who, operator, queue)
    }

    /// The chrome of a page: navigation, who is signed in, the language
    /// switch.
    pub fn chrome(&self, nav: &'static str, title: impl Into<String>) -> Chrome {
        let t = self.t();
        let role = match self.who.role {
            Role::Admin => t.role_admin,
            Role::Supervisor => t.role_supervisor,
            _ => t.role_operator,
        };
        let who = match (&self.who.operator, self.who.role) {
            (Some(op), Role::Operator) => format!("{} ({role}, {op})", self.who.name),
            _ => format!("{} ({role})", self.who.name),
        };
        Chrome {
            t,
            lang: self.ui.code(),
            nav,
            title: title.into(),
            who,
            operator: self.is_operator(),
            to_ru: self.with_lang("ru"),
            to_en: self.with_lang("en"),
            css: assets::url("app.css"),
            js: assets::url("app.js"),
        }
    }

    fn with_lang(&self, code: &str) -> String {
        let mut pairs: Vec<(String, String)> = self
            .uri
            .query()
            .map(|q| {
                url_pairs(q)
                    .into_iter()
                    .filter(|(k, _)| k != "lang")
                    .collect()
            })
            .unwrap_or_default();
        pairs.push(("lang".into(), code.into()));
        format!("{}?{}", self.uri.path(), encode_pairs(&pairs))
    }

    /// An HTML answer; sets the language cookie when `?lang=` chose it.
    pub fn html(&self, body: String) -> Response {
        let mut res = (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "private, no-cache"),
            ],
            body,
        )
            .into_response();
        if self.set_lang {
            let cookie = format!(
                "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                self.ui.code()
            );
            if let Ok(v) = cookie.parse() {
                res.headers_mut().insert(header::SET_COOKIE, v);
            }
        }
        res
    }

    /// Renders a template into an HTML answer.
    pub fn render(&self, page: &impl Template) -> Result<Response, PageError> {
        let body = page
            .render()
            .map_err(|e| PageError::status(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        Ok(self.html(body))
    }

    /// The error page in this language.
    pub fn fail(&self, e: PageError) -> Response {
        e.page(self.ui)
    }
}

/// Runs a page's store work and rendering off the async threads; an
/// error becomes the error page in the principal's language.
pub async fn answer(
    ctx: Ctx,
    f: impl FnOnce(&Ctx) -> Result<Response, PageError> + Send + 'static,
) -> Response {
    let c = ctx.clone();
    match tokio::task::spawn_blocking(move || f(&c)).await {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => ctx.fail(e),
        Err(e) => ctx.fail(PageError::status(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("worker failed: {e}"),
        )),
    }
}

/// Runs a form post: who asks ([`begin`], with `params` as the request's
/// parameters), then `f` off the async threads; the browser is sent to the
/// page `f` returns, and an error becomes the error page.
pub async fn submit(
    app: &Arc<App>,
    headers: &HeaderMap,
    uri: &Uri,
    mut params: Params,
    f: impl FnOnce(&Ctx) -> Result<String, PageError> + Send + 'static,
) -> Response {
    let ctx = match begin(app, headers, uri, &mut params).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    answer(ctx, move |ctx| {
        f(ctx).map(|to| Redirect::to(&to).into_response())
    })
    .await
}

/// What every page template shows around its content.
pub struct Chrome {
    /// The strings of the page's language.
    pub t: &'static Words,
    /// `ru` or `en`.
    pub lang: &'static str,
    /// Which navigation entry is current.
    pub nav: &'static str,
    /// The page title.
    pub title: String,
    /// Who is signed in, for the header.
    pub who: String,
    /// The principal is an operator (no operators' or queues' pages).
    pub operator: bool,
    /// This page in Russian.
    pub to_ru: String,
    /// This page in English.
    pub to_en: String,
    /// The stylesheet's URL (with its content hash).
    pub css: String,
    /// The script's URL (with its content hash).
    pub js: String,
}

/// Why a page is not shown.
#[derive(Debug)]
pub enum PageError {
    /// Not signed in: go to the sign-in page, then back here.
    SignIn(String),
    /// An error page with this status and message.
    Status(StatusCode, String),
}

impl PageError {
    /// An error page.
    pub fn status(code: StatusCode, message: impl Into<String>) -> PageError {
        PageError::Status(code, message.into())
    }

    /// A 404 page.
    pub fn not_found(message: impl Into<String>) -> PageError {
        PageError::status(StatusCode::NOT_FOUND, message)
    }

    fn page(self, ui: Ui) -> Response {
        match self {
            PageError::SignIn(next) => {
                Redirect::to(&format!("/login?next={}", encode(&next))).into_response()
            }
            PageError::Status(code, message) => {
                let t = ui.words();
                let title = match code {
                    StatusCode::NOT_FOUND => t.not_found,
                    StatusCode::FORBIDDEN => t.forbidden,
                    StatusCode::BAD_REQUEST => t.bad_request,
                    _ => t.error,
                };
                let page = ErrorPage {
                    lang: ui.code(),
                    title,
                    message,
                    back: t.back_home,
                    css: assets::url("app.css"),
                };
                let body = page.render().unwrap_or_else(|_| title.to_string());
                (
                    code,
                    [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                    body,
                )
                    .into_response()
            }
        }
    }
}

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> PageError {
        PageError::Status(e.status, e.messages.join("; "))
    }
}

impl From<callqa_store::StoreError> for PageError {
    fn from(e: callqa_store::StoreError) -> PageError {
        ApiError::from(e).into()
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    lang: &'static str,
    title: &'static str,
    message: String,
    back: &'static str,
    css: String,
}

/// A page request, extracted before the handler runs: who asks and in
/// which language ([`begin`]) and the query's parameters without `lang`
/// and empty values. A request that may not see the page never reaches the
/// handler: it gets the sign-in redirect or the error page.
pub struct PageRequest {
    /// Who asks, in which language.
    pub ctx: Ctx,
    /// The query's parameters.
    pub params: Params,
}

impl FromRequestParts<Arc<App>> for PageRequest {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &Arc<App>,
    ) -> Result<PageRequest, Response> {
        let Query(mut params) = Query::<Params>::from_request_parts(parts, app)
            .await
            .map_err(IntoResponse::into_response)?;
        let ctx = begin(app, &parts.headers, &parts.uri, &mut params).await?;
        Ok(PageRequest { ctx, params })
    }
}

/// Who asks and in which language: the API's `authorize` (no credentials
/// → a redirect to `/login?next=…`, a role that may not read → 403), the
/// language from `?lang=`, the cookie or the standard. Removes `lang` and
/// empty values from `params`.
pub async fn begin(
    app: &Arc<App>,
    headers: &HeaderMap,
    uri: &Uri,
    params: &mut Params,
) -> Result<Ctx, Response> {
    params.retain(|_, v| !v.trim().is_empty());
    let asked = params.remove("lang").and_then(|v| Ui::parse(&v));
    let ui = asked
        .or_else(|| cookie(headers, LANG_COOKIE).and_then(|v| Ui::parse(&v)))
        .unwrap_or_else(|| Ui::of(app.active().standard.report_language()));
    match authorize(app, headers, Need::Read).await {
        Ok(who) => Ok(Ctx {
            who,
            ui,
            now: app.known().now,
            set_lang: asked.is_some(),
            uri: uri.clone(),
        }),
        Err(e) if e.status == StatusCode::UNAUTHORIZED => {
            let next = uri
                .path_and_query()
                .map_or("/".to_string(), |p| p.as_str().to_string());
            Err(PageError::SignIn(next).page(ui))
        }
        Err(e) => Err(PageError::from(e).page(ui)),
    }
}

/// A cookie's value from the request headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The API filter of a page's parameters (`page_keys` are the page's own,
/// like `period` or `cursor`), narrowed to what the principal may see.
pub fn filter(ctx: &Ctx, p: &Params, page_keys: &[&str]) -> Result<Filter, PageError> {
    let f = crate::queries::filter(p, page_keys)?;
    Ok(ctx.scoped(f))
}

/// Percent-encodes a query value.
pub fn encode(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn decode(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn url_pairs(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|s| !s.is_empty())
        .map(|kv| match kv.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(kv), String::new()),
        })
        .collect()
}

/// A query string of pairs, values encoded.
pub fn encode_pairs(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A link to `path` with these parameters (sorted, so links are stable),
/// `set` replacing or adding some and `drop` removing others.
pub fn link(path: &str, p: &Params, set: &[(&str, &str)], drop: &[&str]) -> String {
    let mut pairs: Vec<(String, String)> = p
        .iter()
        .filter(|(k, _)| !drop.contains(&k.as_str()) && !set.iter().any(|(s, _)| s == k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    pairs.extend(
        set.iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.to_string(), v.to_string())),
    );
    pairs.sort();
    if pairs.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", encode_pairs(&pairs))
    }
}

/// A rule's title in the interface language (its id when the standard
/// does not know it).
pub fn rule_title(app: &App, ui: Ui, id: &str) -> String {
    app.active()
        .standard
        .rule(id)
        .map(|r| r.titles.get(ui.lang()).unwrap_or(&r.title).to_string())
        .unwrap_or_else(|| id.to_string())
}

/// `12.3` as a score, or a dash.
pub fn score_text(v: Option<f64>) -> String {
    v.map_or("—".into(), |x| format!("{x:.1}"))
}

/// `83%` as a rate, or a dash.
pub fn percent(v: Option<f64>) -> String {
    match v {
        None => "—".into(),
        Some(x) if x > 0.0 && x < 0.095 => format!("{:.1}%", x * 100.0),
        Some(x) => format!("{:.0}%", x * 100.0),
    }
}

/// `4:05` from seconds.
pub fn clock(secs: f64) -> String {
    let s = secs.max(0.0).round() as i64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// `2026-03-02 09:15` from an RFC 3339 time (its own offset).
pub fn when(started: Option<&str>) -> String {
    match started {
        Some(s) if s.len() >= 16 => format!("{} {}", &s[..10], &s[11..16]),
        Some(s) => s.to_string(),
        None => "—".into(),
    }
}

/// The CSS class of a score: good, fair or poor.
pub fn score_class(v: Option<f64>, passed: bool) -> &'static str {
    let Some(v) = v else {
        return "na";
    };
    if !passed {
        "poor"
    } else if v >= 90.0 {
        "good"
    } else {
        "fair"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_round_trip() {
        let v = "/calls?q=добрый день&x=<a>";
        assert_eq!(decode(&encode(v)), v);
        assert_eq!(
            url_pairs("a=1&b=%D0%B4+x&c"),
            vec![
                ("a".to_string(), "1".to_string()),
                ("b".to_string(), "д x".to_string()),
                ("c".to_string(), String::new()),
            ]
        );
    }

    #[test]
    fn links_replace_and_drop_parameters() {
        let p: Params = [("queue", "sales"), ("cursor", "1.2")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(
            link("/calls", &p, &[("queue", "a b")], &["cursor"]),
            "/calls?queue=a%20b"
        );
        assert_eq!(link("/", &Params::new(), &[], &[]), "/");
        assert_eq!(percent(Some(0.001)), "0.1%");
        assert_eq!(percent(Some(0.0)), "0%");
        assert_eq!(percent(Some(0.57)), "57%");
    }
}
