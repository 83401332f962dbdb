//! Transport-level refusals (400, 403, 404, 405, 413, 415, 500): a small JSON body
//! `{"status": <http status>, "message": "..."}` instead of an Eko envelope, because
//! the request never reached an endpoint.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use eko_spec::Method;
use serde_json::json;

/// A request refused before any endpoint logic ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HttpError {
    pub(crate) status: StatusCode,
    pub(crate) message: String,
    /// Methods to list in `Allow` on a 405.
    pub(crate) allow: Vec<Method>,
}

impl HttpError {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> HttpError {
        HttpError {
            status,
            message: message.into(),
            allow: Vec::new(),
        }
    }

    pub(crate) fn bad_request(message: impl Into<String>) -> HttpError {
        HttpError::new(StatusCode::BAD_REQUEST, message)
    }

    pub(crate) fn method_not_allowed(allow: Vec<Method>) -> HttpError {
        let names: Vec<&str> = allow.iter().map(|method| method.as_str()).collect();
        let message = format!("this path only accepts {}", names.join(", "));
        HttpError {
            status: StatusCode::METHOD_NOT_ALLOWED,
            message,
            allow,
        }
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let body = Json(json!({ "status": self.status.as_u16(), "message": self.message }));
        let mut response = (self.status, body).into_response();
        if !self.allow.is_empty() {
            let names: Vec<&str> = self.allow.iter().map(|method| method.as_str()).collect();
            if let Ok(value) = HeaderValue::from_str(&names.join(", ")) {
                response.headers_mut().insert(header::ALLOW, value);
            }
        }
        response
    }
}
