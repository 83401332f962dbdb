//! A loopback HTTP/1.1 server answering like Eko: the documented example envelopes
//! of Onboard Customer (POST) and Get Customer Information (GET).
//!
//! It runs on a runtime and threads of its own, so the call benchmark's client
//! thread counts only the clients' allocations, and it answers both clients alike:
//! it reads the whole request body, refuses a call without the signing headers
//! (403), and sends a prepared body.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::net::SocketAddr;

/// The example bodies the server answers with.
#[derive(Clone)]
struct Bodies {
    onboard_customer: Bytes,
    get_customer_info: Bytes,
}

/// Starts the server on a loopback port, on `threads` worker threads of its own,
/// and returns its base URL. It serves until the process ends.
pub fn start(threads: usize) -> Result<String, String> {
    let bodies = Bodies {
        onboard_customer: crate::fixtures::example_response("customer", "onboard-customer")?.into(),
        get_customer_info: crate::fixtures::example_response("customer", "get-customer-info")?
            .into(),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads.max(1))
        .thread_name("bench-server")
        .enable_all()
        .build()
        .map_err(|error| format!("server runtime: {error}"))?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(SocketAddr::from((
            [127, 0, 0, 1],
            0,
        ))))
        .map_err(|error| format!("bind: {error}"))?;
    let address = listener
        .local_addr()
        .map_err(|error| format!("address: {error}"))?;
    let router = Router::new()
        .route("/customer/account/{customer_id}", post(onboard_customer))
        .route("/customer/profile/{customer_id}", get(get_customer_info))
        .with_state(bodies);
    std::thread::Builder::new()
        .name("bench-server-main".into())
        .spawn(move || {
            if let Err(error) = runtime.block_on(async { axum::serve(listener, router).await }) {
                eprintln!("bench server stopped: {error}");
            }
        })
        .map_err(|error| format!("server thread: {error}"))?;
    Ok(format!("http://{address}"))
}

async fn onboard_customer(
    State(bodies): State<Bodies>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    answer(&headers, !body.is_empty(), bodies.onboard_customer)
}

async fn get_customer_info(State(bodies): State<Bodies>, headers: HeaderMap) -> Response {
    answer(&headers, true, bodies.get_customer_info)
}

fn answer(headers: &HeaderMap, has_body: bool, envelope: Bytes) -> Response {
    let signed = ["developer_key", "secret-key", "secret-key-timestamp"]
        .iter()
        .all(|name| headers.contains_key(*name));
    if !signed || !has_body {
        return StatusCode::FORBIDDEN.into_response();
    }
    ([(header::CONTENT_TYPE, "application/json")], envelope).into_response()
}
