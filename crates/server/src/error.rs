//! API errors: a status and lower-case messages, answered as
//! `{"error": "all of them", "errors": ["each", …]}` (a bad standard
//! has one message per problem).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use callqa_store::StoreError;

/// An error answer: an HTTP status and a JSON body `{"error": …, "errors": […]}`.
#[derive(Debug)]
pub struct ApiError {
    /// The HTTP status of the answer.
    pub status: StatusCode,
    /// Lower-case messages, one per problem; `error` joins them with newlines.
    pub messages: Vec<String>,
}

impl ApiError {
    /// An error with this status and one message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            messages: vec![message.into()],
        }
    }

    /// A 400 Bad Request: the request itself is wrong.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// A 404 Not Found: the call, standard revision or job does not exist.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// A 500 Internal Server Error, such as a store failure.
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        tracing::error!("store: {e}");
        ApiError::internal(format!("store: {e}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": self.messages.join("\n"),
            "errors": self.messages,
        });
        (self.status, Json(body)).into_response()
    }
}
