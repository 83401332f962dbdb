//! The stateful flows with fresh values, over raw HTTP: state carries ids from one
//! call to the next, and unknown ids are business errors.
//!
//! Onboarding no longer takes a `user_code` (Eko's docs of 2026-08-22), so what the
//! mock knows about retailers is observed through endpoints that still do; Get User
//! Services (`GET /user/account/services?user_code=...`) is the simplest of them.

mod common;

use axum::Router;
use common::{endpoint, json_request, path_of, send, signed};
use eko_mock::MockConfig;
use serde_json::{Value, json};

struct Flow {
    config: MockConfig,
    router: Router,
}

impl Flow {
    fn new(config: MockConfig) -> Flow {
        Flow {
            router: eko_mock::router(config.clone()),
            config,
        }
    }

    fn documented_body(id: &str) -> Value {
        serde_json::from_str(endpoint(id).examples.request.as_deref().unwrap_or("{}")).unwrap()
    }

    async fn post(&self, id: &str, customer_id: &str, body: Value) -> Value {
        let uri = format!(
            "{}{}",
            self.config.base_path,
            path_of(endpoint(id), &[("customer_id", customer_id)])
        );
        let reply = send(
            &self.router,
            json_request(&self.config, "POST", &uri, &body),
        )
        .await;
        assert_eq!(reply.status, 200, "{id}: {}", reply.json);
        reply.json
    }

    async fn get(&self, id: &str, customer_id: &str, query: &str) -> Value {
        let uri = format!(
            "{}{}?initiator_id={}{query}",
            self.config.base_path,
            path_of(endpoint(id), &[("customer_id", customer_id)]),
            self.config.initiator_id
        );
        let request = signed(&self.config, "GET", &uri)
            .body(axum::body::Body::empty())
            .unwrap();
        let reply = send(&self.router, request).await;
        assert_eq!(reply.status, 200, "{id}: {}", reply.json);
        reply.json
    }

    async fn onboard_user(&self) -> Value {
        self.post("onboard-user", "", Flow::documented_body("onboard-user"))
            .await
    }

    /// Onboards a user and returns the `user_code` the mock issued.
    async fn fresh_user_code(&self) -> String {
        let user = self.onboard_user().await;
        assert_eq!(user["status"], 0, "{user}");
        user["data"]["user_code"]
            .as_str()
            .unwrap_or_else(|| panic!("no user_code: {user}"))
            .to_owned()
    }

    async fn onboard_customer(&self, customer_id: &str, name: &str) -> Value {
        let mut body = Flow::documented_body("onboard-customer");
        body["name"] = json!(name);
        self.post("onboard-customer", customer_id, body).await
    }

    async fn verify(&self, customer_id: &str, otp_ref_id: &Value, otp: &str) -> Value {
        let mut body = Flow::documented_body("verify-customer-otp");
        body["otp_ref_id"] = otp_ref_id.clone();
        body["otp"] = json!(otp);
        self.post("verify-customer-otp", customer_id, body).await
    }

    async fn customer_info(&self, customer_id: &str) -> Value {
        self.get("get-customer-info", customer_id, "").await
    }

    /// Get User Services for `user_code`: one of the calls that check the `user_code`
    /// against the retailers the mock knows.
    async fn user_services(&self, user_code: &str) -> Value {
        self.get("get-user-services", "", &format!("&user_code={user_code}"))
            .await
    }

    /// Activate User Service for `user_code`, which travels in the path.
    async fn activate_service(&self, user_code: &str) -> Value {
        let uri = format!(
            "{}{}",
            self.config.base_path,
            path_of(
                endpoint("activate-user-service"),
                &[("user_code", user_code)]
            )
        );
        let body = Flow::documented_body("activate-user-service");
        let reply = send(&self.router, json_request(&self.config, "PUT", &uri, &body)).await;
        assert_eq!(reply.status, 200, "{}", reply.json);
        reply.json
    }
}

/// Whether the mock answered that it knows no retailer with this `user_code`.
fn is_unknown_user(reply: &Value) -> bool {
    reply["status"] != 0 && reply["response_type_id"] == 9001
}

/// Whether the mock answered Get User Services for `user_code` as for a known retailer.
fn is_known_user(reply: &Value, user_code: &str) -> bool {
    reply["status"] == 0
        && reply["response_type_id"] == 1299
        && reply["data"]["user_code"] == user_code
}

/// The user code the mock knows from the start (the docs' example agent).
fn documented_user_code() -> String {
    "20810200".to_owned()
}

#[tokio::test]
async fn onboard_user_issues_a_fresh_code_that_later_calls_accept() {
    let flow = Flow::new(MockConfig::default());
    let code = flow.fresh_user_code().await;
    let second = flow.fresh_user_code().await;
    assert_ne!(code, second);
    assert_ne!(code, documented_user_code());

    // Calls that take a user_code accept the new retailer's, in the query or the path.
    let services = flow.user_services(&code).await;
    assert!(is_known_user(&services, &code), "{services}");
    let activated = flow.activate_service(&code).await;
    assert_eq!(activated["status"], 0, "{activated}");
}

#[tokio::test]
async fn an_unknown_user_code_is_a_business_error() {
    let flow = Flow::new(MockConfig::default());
    let unknown = "11111111";
    let reply = flow.user_services(unknown).await;
    assert!(is_unknown_user(&reply), "{reply}");
    assert!(reply["message"].as_str().unwrap().contains("not found"));
    assert!(
        reply.get("invalid_params").is_none(),
        "valid, just unknown: {reply}"
    );
    // Wherever the user_code travels: here in the path.
    let reply = flow.activate_service(unknown).await;
    assert!(is_unknown_user(&reply), "{reply}");
    // The same call with the documented retailer succeeds: it is the user_code that fails.
    let known = flow.user_services(&documented_user_code()).await;
    assert!(is_known_user(&known, &documented_user_code()), "{known}");
}

#[tokio::test]
async fn the_whole_onboarding_flow_with_fresh_values() {
    let flow = Flow::new(MockConfig::default());
    let customer_id = "9822222222";

    // Not enrolled before onboarding.
    let before = flow.customer_info(customer_id).await;
    assert_eq!(before["response_type_id"], 308, "{before}");
    assert_ne!(before["status"], 0);

    let onboarded = flow.onboard_customer(customer_id, "Asha Rao").await;
    assert_eq!(onboarded["status"], 2129, "{onboarded}");
    let otp_ref_id = onboarded["data"]["otp_ref_id"].clone();
    assert!(otp_ref_id.is_string(), "{onboarded}");

    let wrong = flow.verify(customer_id, &otp_ref_id, "000000").await;
    assert_eq!(wrong["response_type_id"], 9003, "{wrong}");

    // The session is tied to its customer.
    let elsewhere = flow
        .verify("9833333333", &otp_ref_id, eko_mock::TEST_OTP)
        .await;
    assert_eq!(elsewhere["response_type_id"], 9004, "{elsewhere}");

    let verified = flow
        .verify(customer_id, &otp_ref_id, eko_mock::TEST_OTP)
        .await;
    assert_eq!(verified["status"], 0, "{verified}");
    assert_eq!(verified["data"]["customer_profile"]["name"], "Asha Rao");
    assert_eq!(verified["data"]["customer_profile"]["mobile"], customer_id);
    assert_eq!(verified["data"]["sender_name"], "Asha Rao");

    // A session is used up by a successful verification.
    let again = flow
        .verify(customer_id, &otp_ref_id, eko_mock::TEST_OTP)
        .await;
    assert_eq!(again["response_type_id"], 9004, "{again}");

    // Enrolled afterwards, with a new session that verifies too.
    let after = flow.customer_info(customer_id).await;
    assert_eq!(after["status"], 2129, "{after}");
    let new_ref = after["data"]["otp_ref_id"].clone();
    assert_ne!(new_ref, otp_ref_id);
    let reverified = flow.verify(customer_id, &new_ref, eko_mock::TEST_OTP).await;
    assert_eq!(reverified["status"], 0, "{reverified}");
}

#[tokio::test]
async fn a_made_up_otp_session_is_rejected() {
    let flow = Flow::new(MockConfig::default());
    let reply = flow
        .verify("9844444444", &json!("12121212"), eko_mock::TEST_OTP)
        .await;
    assert_eq!(reply["response_type_id"], 9004, "{reply}");
}

#[tokio::test]
async fn a_configured_test_otp_replaces_the_default() {
    let flow = Flow::new(MockConfig {
        test_otp: "654321".into(),
        ..MockConfig::default()
    });
    let customer_id = "9855555555";
    let onboarded = flow.onboard_customer(customer_id, "Asha Rao").await;
    let otp_ref_id = onboarded["data"]["otp_ref_id"].clone();
    let default_otp = flow
        .verify(customer_id, &otp_ref_id, eko_mock::TEST_OTP)
        .await;
    assert_eq!(default_otp["response_type_id"], 9003);
    let configured = flow.verify(customer_id, &otp_ref_id, "654321").await;
    assert_eq!(configured["status"], 0, "{configured}");
}

#[tokio::test]
async fn sent_ids_are_echoed_in_data() {
    // Onboard User's data repeats initiator_id; with another configured initiator the
    // answer must carry the one sent, not the documented one.
    let config = MockConfig {
        initiator_id: "9000000001".into(),
        ..MockConfig::default()
    };
    let flow = Flow::new(config);
    let mut body = Flow::documented_body("onboard-user");
    body["initiator_id"] = json!("9000000001");
    let reply = flow.post("onboard-user", "", body).await;
    assert_eq!(reply["data"]["initiator_id"], "9000000001", "{reply}");
}

#[tokio::test]
async fn routers_do_not_share_state() {
    let first = Flow::new(MockConfig::default());
    let second = Flow::new(MockConfig::default());
    let code = first.fresh_user_code().await;
    let known = first.user_services(&code).await;
    assert!(is_known_user(&known, &code), "{known}");
    let elsewhere = second.user_services(&code).await;
    assert!(is_unknown_user(&elsewhere), "{elsewhere}");
}

#[tokio::test]
async fn state_is_bounded_and_evicts_the_oldest() {
    let flow = Flow::new(MockConfig {
        state_capacity: 2,
        ..MockConfig::default()
    });
    let mut codes = Vec::new();
    for _ in 0..3 {
        codes.push(flow.fresh_user_code().await);
    }
    let evicted = flow.user_services(&codes[0]).await;
    assert!(is_unknown_user(&evicted), "{evicted}");
    for code in &codes[1..] {
        let kept = flow.user_services(code).await;
        assert!(is_known_user(&kept, code), "{kept}");
    }
    // Documented values are not state: they survive any amount of eviction.
    let documented = flow.user_services(&documented_user_code()).await;
    assert!(
        is_known_user(&documented, &documented_user_code()),
        "{documented}"
    );
}
