//! Every endpoint through the real client and real HTTP against the mock server,
//! stamped out from the spec by `for_each_endpoint!`: the documented example request
//! goes in, and the documented outcome comes back typed.

// Endpoints Eko removed stay generated (deprecated) and tested until pruned.
#![allow(deprecated)]

use eko_api::Outcome as _;
use eko_tests::{endpoint, start_mock};

/// The envelope the docs show for this endpoint's example.
fn documented(id: &str) -> (i64, Option<i64>) {
    let example: serde_json::Value =
        serde_json::from_str(&endpoint(id).examples.response).expect("example is JSON");
    let status = example
        .get("status")
        .and_then(serde_json::Value::as_i64)
        .unwrap_or(0);
    (
        status,
        example
            .get("response_type_id")
            .and_then(serde_json::Value::as_i64),
    )
}

macro_rules! end_to_end_tests {
    ($(($name:ident, $id:literal)),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $name() {
                let (_server, client) = start_mock().await;
                let request = eko_tests::examples::$name();
                let response = client
                    .$name(&request)
                    .await
                    .unwrap_or_else(|error| panic!("{}: the documented request failed: {error}", $id));
                let (status, response_type_id) = documented($id);
                assert_eq!(response.status(), status, "{}: status", $id);
                assert_eq!(response.response_type_id(), response_type_id, "{}: response_type_id", $id);
                // The documented example is a documented outcome, so it lands in its named variant.
                let expected = endpoint($id).outcome_of(status, response_type_id).map(|outcome| outcome.slug);
                assert_eq!(response.documented().map(|outcome| outcome.name.to_owned()), expected, "{}: variant", $id);
            }
        )*
    };
}

eko_tests::for_each_endpoint!(end_to_end_tests);
