//! Who is asking: the bearer token, looked up by its SHA-256, or else the
//! dashboard's session cookie (see `signin`), and what its role may do.
//! No credentials, an unknown token or an expired session → 401; a role
//! that may not do this → 403.

use axum::http::{header, HeaderMap, StatusCode};
use callqa_store::{hash_token, Filter, Role, TokenInfo};

use crate::{blocking, signin, ApiError, App};

/// What a request needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Posting calls: admin, supervisor, ingest.
    Ingest,
    /// Reading calls, stats, exports, the standard: admin, supervisor,
    /// operator (its own calls).
    Read,
    /// Changing the standard, re-scoring: admin.
    Admin,
    /// Diffs and jobs: admin, supervisor.
    Supervise,
    /// Posting a training result: every role (an operator only its own).
    Train,
}

/// Who is asking and whether they may do `need`: a bearer token or the
/// dashboard's session cookie, either giving the same principal (role,
/// operator, queues).
pub async fn authorize(
    app: &std::sync::Arc<App>,
    headers: &HeaderMap,
    need: Need,
) -> Result<TokenInfo, ApiError> {
    let (info, kind) = principal(app, headers).await?;
    let allowed = match need {
        Need::Ingest => matches!(info.role, Role::Admin | Role::Supervisor | Role::Ingest),
        Need::Read => matches!(info.role, Role::Admin | Role::Supervisor | Role::Operator),
        Need::Admin => info.role == Role::Admin,
        Need::Supervise => matches!(info.role, Role::Admin | Role::Supervisor),
        Need::Train => true,
    };
    if !allowed {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!("a {} {kind} may not do this", info.role.as_str()),
        ));
    }
    Ok(info)
}

/// The principal of a request and what it came with (`token` or
/// `user`): the bearer token when there is one, else the session cookie.
pub(crate) async fn principal(
    app: &std::sync::Arc<App>,
    headers: &HeaderMap,
) -> Result<(TokenInfo, &'static str), ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    let store = app.store.clone();
    if let Some(token) = token {
        let info = blocking(move || Ok(store.token_by_hash(&hash_token(&token))?))
            .await?
            .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "unknown or revoked token"))?;
        return Ok((info, "token"));
    }
    let Some(cookie) = signin::session_cookie(headers) else {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "no credentials: send Authorization: Bearer TOKEN or sign in at /login",
        ));
    };
    let now = (app.clock)() as i64;
    let user = blocking(move || Ok(store.session_user(&hash_token(&cookie), now)?))
        .await?
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "the session has expired or was signed out: sign in again at /login",
            )
        })?;
    Ok((user.principal(), "user"))
}

/// Whether a principal may see one call of `operator` in `queue`: an
/// operator only its own, a supervisor with queues only those — the same
/// reach [`scope`] gives lists. The API's call detail, the dashboard's call
/// page and the live registry all ask here.
pub fn may_see(who: &TokenInfo, operator: &str, queue: Option<&str>) -> bool {
    match who.role {
        Role::Operator => who.operator.as_deref() == Some(operator),
        Role::Supervisor if !who.queues.is_empty() => {
            queue.is_some_and(|q| who.queues.iter().any(|w| w == q))
        }
        _ => true,
    }
}

/// Narrows a filter to what the token may see.
pub fn scope(info: &TokenInfo, filter: &mut Filter) {
    match info.role {
        Role::Operator => {
            filter.scope_operator = Some(info.operator.clone().unwrap_or_default());
        }
        Role::Supervisor if !info.queues.is_empty() => {
            filter.scope_queues = Some(info.queues.clone());
        }
        _ => {}
    }
}
