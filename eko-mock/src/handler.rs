//! The one request handler: route, authenticate, read, validate, answer.

use crate::app::App;
use crate::auth;
use crate::choose::{Sent, choose};
use crate::delivery;
use crate::envelope;
use crate::flows;
use crate::http_error::HttpError;
use crate::inputs;
use crate::routing::{self, Routed};
use crate::status_callback;
use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use eko_spec::{BodyEncoding, Endpoint, Location, Method};
use std::sync::Arc;

/// Largest JSON body accepted.
pub const MAX_JSON_BODY: usize = 2 * 1024 * 1024;
/// Largest multipart body accepted: the JSON part plus the files.
pub const MAX_MULTIPART_BODY: usize = MAX_JSON_BODY + 5 * 1024 * 1024;

/// Serves every request the router receives.
pub(crate) async fn handle(State(app): State<Arc<App>>, request: Request) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    match serve(&app, request).await {
        Ok(response) => {
            tracing::info!(%method, %path, http_status = response.status().as_u16(), "answered");
            response
        }
        Err(error) => {
            tracing::info!(%method, %path, http_status = error.status.as_u16(), reason = %error.message, "refused");
            error.into_response()
        }
    }
}

async fn serve(app: &Arc<App>, request: Request) -> Result<Response, HttpError> {
    let path = request.uri().path().to_owned();
    let below_base = path
        .strip_prefix(app.base_path.as_str())
        .filter(|rest| rest.is_empty() || rest.starts_with('/'));
    let Some(below_base) = below_base else {
        return Err(HttpError::new(
            StatusCode::NOT_FOUND,
            format!("nothing is served at {path}"),
        ));
    };
    let candidates =
        match routing::route(&app.catalog.routes, request.method().as_str(), below_base) {
            Routed::Found(candidates) => candidates,
            Routed::MethodNotAllowed { allowed } => {
                return Err(HttpError::method_not_allowed(allowed));
            }
            Routed::NotFound => {
                return Err(HttpError::new(
                    StatusCode::NOT_FOUND,
                    format!("no endpoint is served at {path}"),
                ));
            }
            Routed::BadPath => {
                return Err(HttpError::bad_request(
                    "the path is not valid percent-encoded UTF-8",
                ));
            }
        };
    // Endpoints sharing a method and path share their encoding too, so the first
    // decides how the body is read.
    let Some(first) = candidates.first().map(|candidate| candidate.route.endpoint) else {
        return Err(HttpError::new(
            StatusCode::NOT_FOUND,
            format!("no endpoint is served at {path}"),
        ));
    };
    auth::check(request.headers(), &app.config, auth::now_ms())
        .map_err(|failure| HttpError::new(StatusCode::FORBIDDEN, failure.message()))?;

    let query = inputs::query(request.uri())?;
    let (body, files) = read_body(first, request).await?;
    let sent = Sent { query, body, files };
    let Some(chosen) = choose(candidates, sent, app.catalog, &app.config.initiator_id) else {
        return Err(HttpError::new(
            StatusCode::NOT_FOUND,
            format!("no endpoint is served at {path}"),
        ));
    };
    if !chosen.invalid.is_empty() {
        return Ok(Json(envelope::invalid_params(&chosen.invalid)).into_response());
    }
    let endpoint = chosen.route.endpoint;
    let example = chosen
        .route
        .example
        .as_ref()
        .map_err(|error| HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, error))?;
    let answer = flows::answer(app, endpoint, example, &chosen.inputs);
    let due = status_callback::follow_up(
        &mut app.state(),
        app.catalog.status_callback,
        app.config.callback_url.as_deref(),
        endpoint,
        &chosen.inputs,
        &answer,
        auth::now_ms(),
    );
    if let Some(due) = due {
        delivery::dispatch(app, due);
    }
    Ok(Json(answer).into_response())
}

type BodyParts = (
    serde_json::Map<String, serde_json::Value>,
    std::collections::BTreeMap<String, inputs::Upload>,
);

/// Reads the body the endpoint's encoding calls for, after checking its content type.
/// GET requests and endpoints without body parameters may come without one.
async fn read_body(endpoint: &Endpoint, request: Request) -> Result<BodyParts, HttpError> {
    let takes_body = endpoint
        .params
        .iter()
        .any(|param| param.location == Location::Body);
    if endpoint.method == Method::Get {
        return Ok(BodyParts::default());
    }
    let expected = match endpoint.body {
        BodyEncoding::Json => "application/json",
        BodyEncoding::Multipart => "multipart/form-data",
    };
    let unsupported = || {
        HttpError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("the content-type must be {expected}"),
        )
    };
    let (parts, body) = request.into_parts();
    let media = media_type(&parts.headers);
    if media.as_deref().is_some_and(|media| media != expected) {
        return Err(unsupported());
    }
    let limit = match endpoint.body {
        BodyEncoding::Json => MAX_JSON_BODY,
        BodyEncoding::Multipart => MAX_MULTIPART_BODY,
    };
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|_| {
        HttpError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than {limit} bytes"),
        )
    })?;
    if media.is_none() {
        return if bytes.is_empty() && !takes_body {
            Ok(BodyParts::default())
        } else {
            Err(unsupported())
        };
    }
    match endpoint.body {
        BodyEncoding::Json => Ok((inputs::json_body(&bytes)?, Default::default())),
        BodyEncoding::Multipart => inputs::multipart_body(endpoint, parts, bytes).await,
    }
}

/// The media type of `content-type`, lowercased, without parameters.
fn media_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let media = value.split(';').next().unwrap_or_default().trim();
    Some(media.to_ascii_lowercase())
}
