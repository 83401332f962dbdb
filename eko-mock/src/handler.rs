//! The HTTP face of one mock: the router, and the one handler every request goes
//! through. Route, authenticate, read, validate, answer, then hand a status callback
//! that became due to delivery.

use crate::app::App;
use crate::auth;
use crate::choose::{Sent, choose};
use crate::envelope;
use crate::flows::{self, Rules};
use crate::http_error::HttpError;
use crate::inputs;
use crate::routing::{self, Routed};
use crate::scenario;
use crate::status_callback;
use axum::Json;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The router serving `app`.
pub(crate) fn router(app: Arc<App>) -> axum::Router {
    axum::Router::new().fallback(handle).with_state(app)
}

/// Serves every request the router receives, within the configured request timeout.
async fn handle(State(app): State<Arc<App>>, request: Request) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let timeout = app.config.request_timeout;
    let served = match tokio::time::timeout(timeout, serve(&app, request)).await {
        Ok(served) => served,
        // Only a body that stops arriving takes this long; the connection is not reused.
        Err(_) => Err(HttpError::new(
            StatusCode::REQUEST_TIMEOUT,
            format!("the request did not arrive in full within {timeout:?}"),
        )),
    };
    match served {
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
    let not_found = || {
        HttpError::new(
            StatusCode::NOT_FOUND,
            format!("no endpoint is served at {path}"),
        )
    };
    let Some(below_base) = path
        .strip_prefix(app.base_path.as_str())
        .filter(|rest| rest.is_empty() || rest.starts_with('/'))
    else {
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
            Routed::NotFound => return Err(not_found()),
            Routed::BadPath => {
                return Err(HttpError::bad_request(
                    "the path is not valid percent-encoded UTF-8",
                ));
            }
        };
    // Endpoints sharing a method and path share their encoding too, so the first
    // decides how the body is read.
    let Some(first) = candidates.first().map(|candidate| candidate.route.endpoint) else {
        return Err(not_found());
    };
    auth::check(request.headers(), &app.config, auth::now_ms())
        .map_err(|failure| HttpError::new(failure.status(), failure.message()))?;
    let wanted = scenario::requested(request.headers())?;

    let query = inputs::query(request.uri())?;
    let parts = inputs::body(first, request).await?;
    let sent = Sent {
        query,
        body: parts.body,
        files: parts.files,
        unknown_parts: parts.unknown_parts,
    };
    let Some(chosen) = choose(candidates, sent, app.catalog, &app.config.initiator_id) else {
        return Err(not_found());
    };
    if !chosen.invalid.is_empty() {
        return Ok(Json(envelope::invalid_params(&chosen.invalid)).into_response());
    }
    if let Some(wanted) = wanted {
        let answer = scenario::answer(chosen.route, &wanted, &chosen.inputs)?;
        return Ok(Json(answer).into_response());
    }
    let endpoint = chosen.route.endpoint;
    let example = chosen
        .route
        .example
        .as_ref()
        .map_err(|error| HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, error))?;
    let rules = Rules {
        seeds: &app.catalog.seeds,
        test_otp: &app.config.test_otp,
    };
    let (answer, due) = {
        let mut state = app.state();
        let answer = flows::answer(&mut state, &rules, endpoint, example, &chosen.inputs);
        let due = status_callback::follow_up(
            &mut state,
            app.catalog.status_callback,
            app.config.callback_url.as_deref(),
            endpoint,
            &chosen.inputs,
            &answer,
            auth::now_ms(),
        );
        (answer, due)
    };
    if let Some(due) = due {
        app.dispatcher.dispatch(due);
    }
    Ok(Json(answer).into_response())
}
