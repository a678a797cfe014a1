//! Who is asking: the bearer token, looked up by its SHA-256, and what its
//! role may do. No credentials or an unknown token → 401; a role that may
//! not do this → 403.

use axum::http::{header, HeaderMap, StatusCode};
use callqa_store::{hash_token, Filter, Role, TokenInfo};

use crate::{blocking, ApiError, App};

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

pub async fn authorize(
    app: &std::sync::Arc<App>,
    headers: &HeaderMap,
    need: Need,
) -> Result<TokenInfo, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "no credentials: send Authorization: Bearer TOKEN",
            )
        })?
        .to_string();
    let store = app.store.clone();
    let info = blocking(move || Ok(store.token_by_hash(&hash_token(&token))?))
        .await?
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "unknown or revoked token"))?;
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
            format!("a {} token may not do this", info.role.as_str()),
        ));
    }
    Ok(info)
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
