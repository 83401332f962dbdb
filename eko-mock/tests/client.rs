//! The real client against a mock on a real loopback socket: signing, base URL
//! handling and typed decoding agree end to end.

use eko_api::customer::{
    GetCustomerInfoOutcome, GetCustomerInfoRequest, OnboardCustomerRequest,
    VerifyCustomerOtpOutcome, VerifyCustomerOtpRequest,
};
use eko_api::user::OnboardUserRequest;
use eko_api::{Client, Config, Environment, Error};
use eko_mock::{MockConfig, MockServer};

const DOCUMENTED_USER_CODE: &str = "20810200";

fn client_for(server: &MockServer) -> Client {
    let mock = server.config();
    let config = Config::new(
        Environment::Custom(server.base_url()),
        eko_api::DeveloperKey::new(mock.developer_key.clone()),
        eko_api::AccessKey::new(mock.access_key.clone()),
        mock.initiator_id.clone(),
    );
    Client::new(config).expect("the client builds")
}

fn onboard_user() -> OnboardUserRequest {
    OnboardUserRequest::new(
        eko_api::Pan::new("ABCDE1234F"),
        eko_api::Mobile::new("9876543210"),
        "Ramesh",
        "Kumar",
        eko_api::Email::new("ramesh@example.com"),
        eko_api::user::OnboardUserResidenceAddress::new(
            "Eko India",
            "Gurgaon",
            "Haryana",
            eko_api::Pincode::new("122002"),
            "Banswara",
            "Mongol",
        ),
        eko_api::Date::constant(1990, 5, 15),
        "Ramesh Mobile Store",
    )
}

fn onboard_customer(customer_id: &str) -> OnboardCustomerRequest {
    OnboardCustomerRequest::new(
        eko_api::Mobile::new(customer_id),
        "Karan Garg",
        eko_api::Date::constant(1990, 5, 15),
        vec!["Bangalore".into()],
    )
}

#[tokio::test]
async fn base_url_points_at_the_served_api() {
    let server = MockServer::start(MockConfig::default()).await.unwrap();
    let url = server.base_url();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/ekoapi/v3"),
        "{url}"
    );
    assert_eq!(server.address().ip().to_string(), "127.0.0.1");
}

#[tokio::test]
async fn a_fresh_user_onboards_a_customer() {
    let server = MockServer::start(MockConfig::default()).await.unwrap();
    let client = client_for(&server);
    let user = client
        .onboard_user(&onboard_user())
        .await
        .and_then(eko_api::Outcome::into_result)
        .expect("Onboard User succeeds");
    assert_eq!(user.status, 0);
    let user_code = user.data.user_code.expect("a fresh user_code");
    assert_ne!(user_code, DOCUMENTED_USER_CODE);
    assert_eq!(
        user.data.initiator_id.as_deref(),
        Some(server.config().initiator_id.as_str())
    );

    let customer = client
        .onboard_customer(&onboard_customer("9811122233"))
        .await
        .and_then(eko_api::Outcome::into_result)
        .expect("a documented outcome");
    assert_eq!(customer.status, 2129);
    assert!(customer.data.otp_ref_id.is_some_and(|id| !id.is_empty()));
}

#[tokio::test]
async fn wrong_keys_come_back_as_http_403() {
    let server = MockServer::start(MockConfig::default()).await.unwrap();
    let mock = server.config();
    let config = Config::new(
        Environment::Custom(server.base_url()),
        eko_api::DeveloperKey::new(mock.developer_key.clone()),
        eko_api::AccessKey::new("not-the-access-key"),
        mock.initiator_id.clone(),
    );
    let client = Client::new(config).unwrap();
    match client
        .onboard_user(&onboard_user())
        .await
        .and_then(eko_api::Outcome::into_result)
    {
        Err(Error::Http { status, .. }) => assert_eq!(status, 403),
        other => panic!("expected HTTP 403, got {other:?}"),
    }
}

#[tokio::test]
async fn another_initiator_comes_back_with_invalid_params() {
    let server = MockServer::start(MockConfig::default()).await.unwrap();
    let mock = server.config();
    let config = Config::new(
        Environment::Custom(server.base_url()),
        eko_api::DeveloperKey::new(mock.developer_key.clone()),
        eko_api::AccessKey::new(mock.access_key.clone()),
        "9000000001",
    );
    let client = Client::new(config).unwrap();
    match client
        .onboard_user(&onboard_user())
        .await
        .and_then(eko_api::Outcome::into_result)
    {
        Err(Error::Api {
            invalid_params,
            response_type_id,
            ..
        }) => {
            assert_eq!(response_type_id, Some(-1));
            assert!(
                invalid_params.contains_key("initiator_id"),
                "{invalid_params:?}"
            );
        }
        other => panic!("expected invalid_params, got {other:?}"),
    }
}

#[tokio::test]
async fn a_dropped_server_stops_answering() {
    let server = MockServer::start(MockConfig::default()).await.unwrap();
    let client = client_for(&server);
    assert!(
        client
            .onboard_user(&onboard_user())
            .await
            .and_then(eko_api::Outcome::into_result)
            .is_ok()
    );
    let address = server.address();
    drop(server);
    // Graceful shutdown closes the listener; a new connection is refused.
    let mut refused = false;
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(address).await.is_err() {
            refused = true;
            break;
        }
        tokio::task::yield_now().await;
    }
    assert!(refused, "the listener is still open after drop");
}

#[tokio::test]
async fn the_onboarding_flow_through_the_client() {
    let server = MockServer::start(MockConfig::default()).await.unwrap();
    let client = client_for(&server);
    let customer_id = "9812312312";
    let user = client
        .onboard_user(&onboard_user())
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap();
    assert!(user.data.user_code.is_some());

    // The documented next step for an unknown customer, as its own variant.
    match client
        .get_customer_info(&GetCustomerInfoRequest::new(eko_api::Mobile::new(
            customer_id,
        )))
        .await
    {
        Ok(GetCustomerInfoOutcome::CustomerNotEnrolled(response)) => {
            assert_ne!(response.status, 0);
        }
        other => panic!("expected not enrolled, got {other:?}"),
    }

    let customer = client
        .onboard_customer(&onboard_customer(customer_id))
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap();
    let otp_ref_id = customer.data.otp_ref_id.unwrap();

    let wrong =
        VerifyCustomerOtpRequest::new(eko_api::Mobile::new(customer_id), &otp_ref_id).otp("999999");
    // The docs list no wrong-OTP outcome for this call: the mock's own id arrives as
    // `Other`, and `into_result` makes it the error that keeps it.
    let answer = client.verify_customer_otp(&wrong).await.unwrap();
    assert!(
        matches!(&answer, VerifyCustomerOtpOutcome::Other(response) if response.response_type_id == Some(9003)),
        "expected a wrong-OTP answer, got {answer:?}"
    );
    match eko_api::Outcome::into_result(answer) {
        Err(Error::Api {
            response_type_id,
            outcome: None,
            ..
        }) => assert_eq!(response_type_id, Some(9003)),
        other => panic!("expected a wrong-OTP error, got {other:?}"),
    }

    let right = VerifyCustomerOtpRequest::new(eko_api::Mobile::new(customer_id), &otp_ref_id)
        .otp(eko_mock::TEST_OTP);
    let verified = client
        .verify_customer_otp(&right)
        .await
        .and_then(eko_api::Outcome::into_result)
        .expect("the test OTP verifies");
    assert_eq!(verified.status, 0);
    let profile = verified.data.customer_profile.expect("a customer profile");
    assert_eq!(profile.name.as_deref(), Some("Karan Garg"));
    assert_eq!(profile.mobile.as_deref(), Some(customer_id));

    let info = client
        .get_customer_info(&GetCustomerInfoRequest::new(eko_api::Mobile::new(
            customer_id,
        )))
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap();
    assert_eq!(info.status, 2129);
    assert!(info.data.otp_ref_id.is_some_and(|id| id != otp_ref_id));
}
