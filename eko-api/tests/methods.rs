//! DELETE and PATCH, which Eko's newer pages may use: each reaches the server with its
//! own method, path, query and JSON body, signed like any call, and — not being a GET —
//! is never re-sent, whatever the server answers.

mod common;

use common::*;
use eko_api::{BodyEncoding, Endpoint, EndpointMeta, Kind, Location, Method, ParamMeta, Role};
use serde::Serialize;
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const fn param(name: &'static str, location: Location, required: bool) -> ParamMeta {
    ParamMeta {
        name,
        location,
        kind: Kind::String,
        required,
        format: None,
        role: Role::Caller,
        fields: &[],
    }
}

/// A call with a path token, a query parameter and a body parameter.
#[derive(Debug, Clone, Serialize)]
struct ShopCall<const PATCH: bool> {
    shop_id: String,
    reason: String,
    note: String,
}

impl<const PATCH: bool> Endpoint for ShopCall<PATCH> {
    type Data = serde_json::Map<String, serde_json::Value>;
    type Outcome = eko_api::IndexedOutcome<Self>;
    const META: &'static EndpointMeta = &EndpointMeta {
        id: "shop-call",
        name: "Shop Call",
        method: if PATCH { Method::Patch } else { Method::Delete },
        path: "/user/shop/{shop_id}",
        body: BodyEncoding::Json,
        params: &[
            param("shop_id", Location::Path, true),
            param("reason", Location::Query, true),
            param("note", Location::Body, true),
        ],
        outcomes: &[],
        request_hash: &[],
        sensitive: &[],
    };
}

fn call<const PATCH: bool>() -> ShopCall<PATCH> {
    ShopCall {
        shop_id: "7001".into(),
        reason: "moved".into(),
        note: "keys returned".into(),
    }
}

async fn server(status: u16) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(status)
                .set_body_json(json!({"status": 0, "message": "ok", "data": {}})),
        )
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn delete_and_patch_reach_the_server_as_themselves() {
    for (method, patch) in [("DELETE", false), ("PATCH", true)] {
        let server = server(200).await;
        let client = client(&format!("{}/ekoapi/v3", server.uri()));
        if patch {
            client.send(&call::<true>()).await.expect("PATCH succeeds");
        } else {
            client
                .send(&call::<false>())
                .await
                .expect("DELETE succeeds");
        }
        let requests = server.received_requests().await.expect("recording is on");
        assert_eq!(requests.len(), 1);
        let sent = &requests[0];
        assert_eq!(sent.method.as_str(), method);
        assert_eq!(sent.url.path(), "/ekoapi/v3/user/shop/7001");
        assert_eq!(sent.url.query(), Some("reason=moved"));
        let body: serde_json::Value = sent.body_json().expect("a JSON body");
        assert_eq!(body["note"], "keys returned", "{method}");
        assert_eq!(
            body["initiator_id"],
            json!(null),
            "{method}: not declared, not filled"
        );
        assert!(
            sent.headers.get("secret-key").is_some(),
            "{method} is signed"
        );
    }
}

#[tokio::test]
async fn delete_is_never_re_sent() {
    let server = server(503).await;
    let client = client(&format!("{}/ekoapi/v3", server.uri()));
    let error = client
        .send(&call::<false>())
        .await
        .expect_err("a 503 is an error");
    assert_eq!(
        server.received_requests().await.expect("recording").len(),
        1,
        "{error}"
    );
}
