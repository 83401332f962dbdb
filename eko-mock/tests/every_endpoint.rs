//! Every served endpoint answers its documented example request with its documented
//! outcome, over raw HTTP, and every webhook stays unserved.

mod common;

use common::{documented_outcome, example_request, outcome_of, send};
use eko_mock::MockConfig;
use eko_spec::EndpointKind;

#[tokio::test]
async fn every_documented_example_request_succeeds() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let mut served = 0;
    for endpoint in eko_mock::bundle()
        .endpoints
        .iter()
        .filter(|endpoint| endpoint.kind == EndpointKind::Call)
    {
        let reply = send(&router, example_request(&config, endpoint)).await;
        assert_eq!(reply.status, 200, "{}: {}", endpoint.id, reply.json);
        assert!(
            reply.json.get("invalid_params").is_none(),
            "{}: {}",
            endpoint.id,
            reply.json
        );
        // The page's own outcome proves the request reached the page's endpoint, even
        // where several endpoints share a method and path.
        assert_eq!(
            outcome_of(&reply.json),
            documented_outcome(endpoint),
            "{}: {}",
            endpoint.id,
            reply.json
        );
        assert!(
            reply.json["data"].is_object()
                || reply.json["data"].is_array()
                // Some pages put the payload beside the envelope instead of in `data`.
                || reply.json.as_object().is_some_and(|reply| {
                    reply.keys().any(|key| {
                        ![
                            "status",
                            "message",
                            "response_status_id",
                            "response_type_id",
                            "data",
                        ]
                        .contains(&key.as_str())
                    })
                }),
            "{}: {}",
            endpoint.id,
            reply.json
        );
        served += 1;
    }
    assert!(served > 0, "the spec serves no endpoint");
}

#[tokio::test]
async fn documented_examples_succeed_again_and_again() {
    // Seeded example values must not be used up (e.g. the documented OTP session).
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    for endpoint in eko_mock::bundle()
        .endpoints
        .iter()
        .filter(|endpoint| endpoint.kind == EndpointKind::Call)
    {
        for _ in 0..2 {
            let reply = send(&router, example_request(&config, endpoint)).await;
            assert_eq!(
                outcome_of(&reply.json),
                documented_outcome(endpoint),
                "{}: {}",
                endpoint.id,
                reply.json
            );
        }
    }
}

#[tokio::test]
async fn webhooks_are_not_served() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    for endpoint in eko_mock::bundle()
        .endpoints
        .iter()
        .filter(|endpoint| endpoint.kind == EndpointKind::Webhook)
    {
        let served_elsewhere = eko_mock::bundle()
            .endpoints
            .iter()
            .any(|other| other.kind == EndpointKind::Call && other.path == endpoint.path);
        if served_elsewhere {
            continue;
        }
        let reply = send(&router, example_request(&config, endpoint)).await;
        assert_eq!(reply.status, 404, "{}", endpoint.id);
    }
}
