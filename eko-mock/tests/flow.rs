//! The onboarding flow with fresh values, over raw HTTP: state carries ids from one
//! call to the next, and unknown ids are business errors.

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

    async fn onboard_user(&self, parent_user_code: &str) -> Value {
        let mut body = Flow::documented_body("onboard-user");
        body["user_code"] = json!(parent_user_code);
        self.post("onboard-user", "", body).await
    }

    async fn onboard_customer(&self, user_code: &str, customer_id: &str, name: &str) -> Value {
        let mut body = Flow::documented_body("onboard-customer");
        body["user_code"] = json!(user_code);
        body["name"] = json!(name);
        self.post("onboard-customer", customer_id, body).await
    }

    async fn verify(
        &self,
        user_code: &str,
        customer_id: &str,
        otp_ref_id: &Value,
        otp: &str,
    ) -> Value {
        let mut body = Flow::documented_body("verify-customer-otp");
        body["user_code"] = json!(user_code);
        body["otp_ref_id"] = otp_ref_id.clone();
        body["otp"] = json!(otp);
        self.post("verify-customer-otp", customer_id, body).await
    }

    async fn customer_info(&self, user_code: &str, customer_id: &str) -> Value {
        let endpoint = endpoint("get-customer-info");
        let uri = format!(
            "{}{}?initiator_id={}&user_code={user_code}",
            self.config.base_path,
            path_of(endpoint, &[("customer_id", customer_id)]),
            self.config.initiator_id
        );
        let request = signed(&self.config, "GET", &uri)
            .body(axum::body::Body::empty())
            .unwrap();
        let reply = send(&self.router, request).await;
        assert_eq!(reply.status, 200, "{}", reply.json);
        reply.json
    }
}

/// The user code the mock knows from the start (the docs' example agent).
fn documented_user_code() -> String {
    "20810200".to_owned()
}

#[tokio::test]
async fn onboard_user_issues_a_fresh_code_that_later_calls_accept() {
    let flow = Flow::new(MockConfig::default());
    let first = flow.onboard_user(&documented_user_code()).await;
    let second = flow.onboard_user(&documented_user_code()).await;
    assert_eq!(first["status"], 0, "{first}");
    let code = first["data"]["user_code"]
        .as_str()
        .expect("a user_code")
        .to_owned();
    assert_ne!(first["data"]["user_code"], second["data"]["user_code"]);
    assert_ne!(code, documented_user_code());

    // The new retailer can onboard a customer, and can itself onboard a user.
    let customer = flow.onboard_customer(&code, "9811111111", "Asha Rao").await;
    assert_eq!(customer["status"], 2129, "{customer}");
    assert_eq!(flow.onboard_user(&code).await["status"], 0);
}

#[tokio::test]
async fn the_whole_onboarding_flow_with_fresh_values() {
    let flow = Flow::new(MockConfig::default());
    let customer_id = "9822222222";
    let user = flow.onboard_user(&documented_user_code()).await;
    let user_code = user["data"]["user_code"].as_str().unwrap().to_owned();

    // Not enrolled before onboarding.
    let before = flow.customer_info(&user_code, customer_id).await;
    assert_eq!(before["response_type_id"], 308, "{before}");
    assert_ne!(before["status"], 0);

    let onboarded = flow
        .onboard_customer(&user_code, customer_id, "Asha Rao")
        .await;
    assert_eq!(onboarded["status"], 2129, "{onboarded}");
    let otp_ref_id = onboarded["data"]["otp_ref_id"].clone();
    assert!(otp_ref_id.is_string(), "{onboarded}");

    let wrong = flow
        .verify(&user_code, customer_id, &otp_ref_id, "000000")
        .await;
    assert_eq!(wrong["response_type_id"], 9003, "{wrong}");

    // The session is tied to its customer.
    let elsewhere = flow
        .verify(&user_code, "9833333333", &otp_ref_id, eko_mock::TEST_OTP)
        .await;
    assert_eq!(elsewhere["response_type_id"], 9004, "{elsewhere}");

    let verified = flow
        .verify(&user_code, customer_id, &otp_ref_id, eko_mock::TEST_OTP)
        .await;
    assert_eq!(verified["status"], 0, "{verified}");
    assert_eq!(verified["data"]["customer_profile"]["name"], "Asha Rao");
    assert_eq!(verified["data"]["customer_profile"]["mobile"], customer_id);
    assert_eq!(verified["data"]["sender_name"], "Asha Rao");

    // A session is used up by a successful verification.
    let again = flow
        .verify(&user_code, customer_id, &otp_ref_id, eko_mock::TEST_OTP)
        .await;
    assert_eq!(again["response_type_id"], 9004, "{again}");

    // Enrolled afterwards, with a new session that verifies too.
    let after = flow.customer_info(&user_code, customer_id).await;
    assert_eq!(after["status"], 2129, "{after}");
    let new_ref = after["data"]["otp_ref_id"].clone();
    assert_ne!(new_ref, otp_ref_id);
    let reverified = flow
        .verify(&user_code, customer_id, &new_ref, eko_mock::TEST_OTP)
        .await;
    assert_eq!(reverified["status"], 0, "{reverified}");
}

#[tokio::test]
async fn a_made_up_otp_session_is_rejected() {
    let flow = Flow::new(MockConfig::default());
    let reply = flow
        .verify(
            &documented_user_code(),
            "9844444444",
            &json!("12121212"),
            eko_mock::TEST_OTP,
        )
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
    let onboarded = flow
        .onboard_customer(&documented_user_code(), customer_id, "Asha Rao")
        .await;
    let otp_ref_id = onboarded["data"]["otp_ref_id"].clone();
    let default_otp = flow
        .verify(
            &documented_user_code(),
            customer_id,
            &otp_ref_id,
            eko_mock::TEST_OTP,
        )
        .await;
    assert_eq!(default_otp["response_type_id"], 9003);
    let configured = flow
        .verify(&documented_user_code(), customer_id, &otp_ref_id, "654321")
        .await;
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
