//! Signing in to the dashboard: `GET /login?once=…&next=…` (a sign-in
//! link made by `callqa login-link`), `GET /login` (a small password form
//! in Russian or English), `POST /login` (checks the argon2 password) and
//! `POST /logout`. A sign-in starts a session: a random cookie value
//! `callqa_session` (HttpOnly, SameSite=Lax, `Secure` when the configured
//! base URL is https), stored as its SHA-256 with an expiry; `auth` reads
//! it back into the same principal a token gives.

use std::sync::{Arc, OnceLock};

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Form;
use callqa_store::{
    hash_password, hash_token, new_secret, verify_password, BASE_URL_SETTING, SESSION_SECS,
};
use serde::Deserialize;

use crate::{blocking, ApiError, App};

/// The session cookie's name.
pub const COOKIE: &str = "callqa_session";

/// The value of the session cookie of a request, if it sent one.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, v)| *k == COOKIE && !v.is_empty())
        .map(|(_, v)| v.trim_matches('"').to_string())
}

/// Where to go after sign-in: a path on this site (starting with one `/`,
/// no scheme or host, no backslash or control character), else `/`.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.chars().any(char::is_control) =>
        {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}

/// The words of the sign-in page in one language.
struct Texts {
    lang: &'static str,
    title: &'static str,
    name: &'static str,
    password: &'static str,
    submit: &'static str,
    link_bad: &'static str,
    wrong: &'static str,
    other_lang: &'static str,
    other_name: &'static str,
}

const RU: Texts = Texts {
    lang: "ru",
    title: "Вход",
    name: "Имя пользователя",
    password: "Пароль",
    submit: "Войти",
    link_bad:
        "Ссылка для входа устарела или уже использована. Попросите новую или войдите с паролем.",
    wrong: "Неверное имя пользователя или пароль.",
    other_lang: "en",
    other_name: "English",
};

const EN: Texts = Texts {
    lang: "en",
    title: "Sign in",
    name: "User name",
    password: "Password",
    submit: "Sign in",
    link_bad: "This sign-in link has expired or was already used. Ask for a new one or sign in with a password.",
    wrong: "Wrong user name or password.",
    other_lang: "ru",
    other_name: "Русский",
};

/// `lang=ru|en` when given, else the first of Russian or English the
/// browser's `Accept-Language` names, else Russian.
fn texts(lang: Option<&str>, headers: &HeaderMap) -> &'static Texts {
    match lang {
        Some("en") => return &EN,
        Some("ru") => return &RU,
        _ => {}
    }
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let first = accept
        .split(',')
        .map(|t| t.trim().split(';').next().unwrap_or(""))
        .find(|t| t.starts_with("ru") || t.starts_with("en"));
    match first {
        Some(t) if t.starts_with("en") => &EN,
        _ => &RU,
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    t: &'static Texts,
    next: &'a str,
    name: &'a str,
    error: Option<&'static str>,
    other_href: String,
}

/// Percent-encodes a query value (`/` stays as it is).
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn form(
    status: StatusCode,
    t: &'static Texts,
    next: &str,
    name: &str,
    error: Option<&'static str>,
) -> Response {
    let page = LoginPage {
        t,
        next,
        name,
        error,
        other_href: format!("/login?lang={}&next={}", t.other_lang, encode(next)),
    };
    match page.render() {
        Ok(html) => {
            let mut res = (status, Html(html)).into_response();
            private(&mut res);
            res
        }
        Err(e) => ApiError::internal(format!("rendering the sign-in page: {e}")).into_response(),
    }
}

/// Sign-in answers are never cached and never leak the link in a referrer.
fn private(res: &mut Response) {
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
}

fn redirect(to: &str, cookie: &str) -> Result<Response, ApiError> {
    let mut res = StatusCode::SEE_OTHER.into_response();
    let h = res.headers_mut();
    h.insert(
        header::LOCATION,
        HeaderValue::from_str(to).map_err(|_| ApiError::bad_request("bad next path"))?,
    );
    h.insert(
        header::SET_COOKIE,
        HeaderValue::from_str(cookie)
            .map_err(|_| ApiError::internal("the session cookie is not a header value"))?,
    );
    private(&mut res);
    Ok(res)
}

/// Starts a session of `user` and sends the browser on to `next`.
async fn start_session(app: &Arc<App>, user: String, next: &str) -> Result<Response, ApiError> {
    let secret = new_secret()?;
    let hash = hash_token(&secret);
    let now = (app.clock)() as i64;
    let store = app.store.clone();
    let secure = blocking(move || {
        store.create_session(&hash, &user, now, now + SESSION_SECS)?;
        tracing::info!(user = %user, "signed in");
        Ok(store
            .setting(BASE_URL_SETTING)?
            .is_some_and(|u| u.starts_with("https://")))
    })
    .await?;
    let cookie = format!(
        "{COOKIE}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SESSION_SECS}{}",
        if secure { "; Secure" } else { "" }
    );
    redirect(next, &cookie)
}

/// The query of `GET /login`.
#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    once: Option<String>,
    next: Option<String>,
    lang: Option<String>,
}

/// `GET /login`: uses a sign-in link (`once`), else shows the password form.
pub async fn login_page(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(q): Query<LoginQuery>,
) -> Response {
    let t = texts(q.lang.as_deref(), &headers);
    let next = safe_next(q.next.as_deref());
    let Some(once) = q.once else {
        return form(StatusCode::OK, t, &next, "", None);
    };
    let store = app.store.clone();
    let now = (app.clock)() as i64;
    let user = blocking(move || Ok(store.use_login_link(&hash_token(&once), now)?)).await;
    let result = match user {
        Ok(Some(u)) => start_session(&app, u.name, &next).await,
        Ok(None) => Ok(form(
            StatusCode::UNAUTHORIZED,
            t,
            &next,
            "",
            Some(t.link_bad),
        )),
        Err(e) => Err(e),
    };
    result.unwrap_or_else(IntoResponse::into_response)
}

/// The fields of the password form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    name: String,
    password: String,
    next: Option<String>,
    lang: Option<String>,
}

/// A hash no password matches quickly: checked for unknown users so that
/// an unknown name costs as long as a wrong password.
fn decoy() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_password("callqa decoy").unwrap_or_default())
}

/// `POST /login`: checks the name and password and starts a session.
pub async fn login(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Response {
    let t = texts(f.lang.as_deref(), &headers);
    let next = safe_next(f.next.as_deref());
    let store = app.store.clone();
    let (name, password) = (f.name.trim().to_string(), f.password);
    let who = name.clone();
    let ok = blocking(move || {
        let phc = store.password_of(&who)?;
        let matches = verify_password(&password, phc.as_deref().unwrap_or(decoy()));
        Ok(matches && phc.is_some())
    })
    .await;
    let result = match ok {
        Ok(true) => start_session(&app, name, &next).await,
        Ok(false) => {
            tracing::info!("a sign-in with a wrong name or password");
            Ok(form(
                StatusCode::UNAUTHORIZED,
                t,
                &next,
                &name,
                Some(t.wrong),
            ))
        }
        Err(e) => Err(e),
    };
    result.unwrap_or_else(IntoResponse::into_response)
}

/// `POST /logout`: ends the session and clears the cookie.
pub async fn logout(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    if let Some(cookie) = session_cookie(&headers) {
        let store = app.store.clone();
        if let Err(e) = blocking(move || Ok(store.delete_session(&hash_token(&cookie))?)).await {
            return e.into_response();
        }
    }
    let clear = format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    redirect("/login", &clear).unwrap_or_else(IntoResponse::into_response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(
            safe_next(Some("/calls?operator=op-1")),
            "/calls?operator=op-1"
        );
        for bad in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "calls",
            "/a\nb",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn the_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "theme=dark; callqa_session=abc123; x=y".parse().unwrap(),
        );
        assert_eq!(session_cookie(&h).as_deref(), Some("abc123"));
        h.insert(header::COOKIE, "callqa_session=".parse().unwrap());
        assert_eq!(session_cookie(&h), None);
    }

    #[test]
    fn the_page_speaks_the_browsers_language() {
        let mut h = HeaderMap::new();
        assert_eq!(texts(None, &h).lang, "ru");
        h.insert(
            header::ACCEPT_LANGUAGE,
            "de-DE,en-US;q=0.8,ru;q=0.5".parse().unwrap(),
        );
        assert_eq!(texts(None, &h).lang, "en");
        assert_eq!(texts(Some("ru"), &h).lang, "ru");
    }

    #[test]
    fn the_form_escapes_what_it_shows() {
        let html = LoginPage {
            t: &EN,
            next: "/\"><script>",
            name: "<b>",
            error: Some(EN.wrong),
            other_href: format!("/login?lang=ru&next={}", encode("/a b&c")),
        }
        .render()
        .unwrap();
        assert!(
            !html.contains("<script>") && !html.contains("<b>"),
            "{html}"
        );
        assert!(html.contains("next=/a%20b%26c"), "{html}");
        assert!(html.contains("Wrong user name or password."));
    }
}
