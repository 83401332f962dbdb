//! Every documented outcome of every endpoint, through the real client and real HTTP:
//! the mock is asked for each outcome by name (`x-eko-mock-outcome`), and the answer
//! must land in that outcome's variant with everything the server sent.

// Endpoints Eko removed stay generated (deprecated) and tested until pruned.
#![allow(deprecated)]

use eko_api::{CallOptions, Client, Endpoint, Outcome, PreparedRequest};
use eko_mock::OUTCOME_HEADER;
use eko_tests::{endpoint, start_mock};
use serde_json::Value;

/// Asks for `name` and checks that the answer is that variant, losing nothing.
async fn check<O: Outcome>(client: &Client, prepared: &PreparedRequest, id: &str, name: &str) {
    let options = CallOptions::new().with_header(OUTCOME_HEADER, name);
    let answer: O = client
        .call_prepared(prepared, options)
        .await
        .unwrap_or_else(|error| panic!("{id}: outcome `{name}` failed: {error}"));
    assert_eq!(
        answer.documented().map(|outcome| outcome.name),
        Some(name),
        "{id}: the answer for `{name}` landed elsewhere"
    );
    let Ok(response) = answer.as_parts() else {
        panic!("{id}: `{name}` arrived as Other");
    };
    let sent: Value = serde_json::from_str(&response.raw_body).expect("the mock sends JSON");
    assert_eq!(
        Some(response.status),
        sent["status"].as_i64(),
        "{id}/{name}: status"
    );
    assert_eq!(
        response.response_type_id,
        sent["response_type_id"].as_i64(),
        "{id}/{name}: response_type_id"
    );
    assert_eq!(
        Some(response.message.as_str()),
        sent["message"].as_str(),
        "{id}/{name}: message"
    );
    assert_eq!(
        answer.client_ref_id(),
        prepared.client_ref_id(),
        "{id}/{name}: client_ref_id"
    );
    // Every key of `data` survives decoding: documented ones as fields, the rest in
    // the payload's map of undocumented keys.
    let decoded = serde_json::to_value(&response.data).expect("data re-encodes");
    if let Some(keys) = sent["data"].as_object() {
        for key in keys.keys() {
            assert!(
                decoded.get(key).is_some() || sent["data"][key].is_null(),
                "{id}/{name}: data key `{key}` lost in {decoded}"
            );
        }
    }
}

/// Every documented outcome of the endpoint `request` is for, one call each.
async fn check_all<E: Endpoint>(request: &E, id: &str) {
    let (_server, client) = start_mock().await;
    let prepared = client
        .prepare(request)
        .expect("the example request is valid");
    let documented = endpoint(id).documented_outcomes();
    assert_eq!(
        documented.len(),
        E::META.outcomes.len(),
        "{id}: the generated outcome table"
    );
    for outcome in &documented {
        check::<E::Outcome>(&client, &prepared, id, &outcome.slug).await;
    }
}

macro_rules! every_outcome_tests {
    ($(($name:ident, $id:literal)),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $name() {
                check_all(&eko_tests::examples::$name(), $id).await;
            }
        )*
    };
}

eko_tests::for_each_endpoint!(every_outcome_tests);
