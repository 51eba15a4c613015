//! The router: the API and page routes, the body-size and time limits, and JSON error bodies.

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;

use super::state::AppState;
use super::{api, page};

/// A request that cannot be answered: a status and a one-line cause, sent as
/// `{"error": "..."}` by the API (the page renders it as HTML).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    pub(crate) status: StatusCode,
    pub(crate) message: String,
}

impl Failure {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Failure {
        Failure { status, message: message.into() }
    }

    pub(crate) fn bad_request(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, message)
    }

    pub(crate) fn unprocessable(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::UNPROCESSABLE_ENTITY, message)
    }

    pub(crate) fn internal(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (self.status, Json(serde_json::json!({ "error": self.message }))).into_response()
    }
}

/// Joins an error and its sources on one line (`file.docx: not a readable .docx file: ...`).
pub(crate) fn one_line(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message.replace(['\n', '\r'], " ")
}

/// Builds the whole application: the API under `/api`, the page at the root.
pub(crate) fn router(state: Arc<AppState>) -> Router {
    let timeout = state.limits.timeout;
    let max_body = state.limits.max_body_bytes;
    Router::new()
        .route("/api/check", post(api::check))
        .route("/api/records/{*id}", get(api::record))
        .route("/api/stats", get(api::stats))
        .route("/api/scan", post(api::scan))
        .route("/api/openapi.json", get(api::openapi))
        .route("/", get(page::home))
        .route("/check", get(page::check_get).post(page::check_post))
        .route("/records/{*id}", get(page::record))
        .route("/assets/page.css", get(page::stylesheet))
        .route("/assets/page.js", get(page::script))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(max_body))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, timeout))
        .layer(middleware::from_fn(error_bodies))
        .layer(CatchPanicLayer::custom(panic_response))
        .with_state(state)
}

/// A handler that panicked answers 500; the server goes on.
fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    Failure::internal("internal error: the request failed unexpectedly").into_response()
}

async fn not_found(request: Request) -> Response {
    let path = request.uri().path().to_string();
    if path.starts_with("/api/") {
        return Failure::new(StatusCode::NOT_FOUND, format!("no such endpoint: {path}"))
            .into_response();
    }
    page::not_found(&path)
}

/// Gives a body to the error responses that have none (a wrong method, a time-out, a body
/// over the limit): `{"error": "..."}` under `/api`, a line of text elsewhere.
async fn error_bodies(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let method = request.method().clone();
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error())
        || response.headers().contains_key(header::CONTENT_TYPE)
    {
        return response;
    }
    let cause = match status {
        StatusCode::SERVICE_UNAVAILABLE => "the request took too long and was stopped".to_string(),
        StatusCode::PAYLOAD_TOO_LARGE => "the request body is too large".to_string(),
        StatusCode::METHOD_NOT_ALLOWED => match response.headers().get(header::ALLOW) {
            Some(allowed) => format!(
                "method {method} not allowed here (use {})",
                allowed.to_str().unwrap_or("another method")
            ),
            None => format!("method {method} not allowed here"),
        },
        other => other.canonical_reason().unwrap_or("error").to_lowercase(),
    };
    let (mut parts, _) = response.into_parts();
    if api {
        parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        let body = serde_json::json!({ "error": cause }).to_string();
        return Response::from_parts(parts, body.into());
    }
    parts
        .headers
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    Response::from_parts(parts, format!("{cause}\n").into())
}
