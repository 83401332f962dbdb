//! `cargo run --example quickstart`: the onboarding flow end to end through the real
//! client.
//!
//! With no `EKO_*` variables set it starts the embedded mock on a free loopback port
//! and needs no network and no credentials. With `EKO_DEVELOPER_KEY`,
//! `EKO_ACCESS_KEY`, `EKO_INITIATOR_ID` (and `EKO_ENV` or `EKO_BASE_URL`) set it runs
//! the same flow against that server; `EKO_USER_CODE` then names your retailer,
//! `EKO_CUSTOMER_ID` the customer's mobile number and `EKO_OTP` the OTP they received.
//!
//! The flow: Onboard User → Onboard Customer → Verify Customer OTP → Get Customer
//! Information, printing each step's outcome and the fields that matter.

use eko_api::customer::{GetCustomerInfoRequest, OnboardCustomerRequest, VerifyCustomerOtpRequest};
use eko_api::user::{OnboardUserRequest, OnboardUserResidenceAddress};
use eko_api::{Client, Config, Environment, Response};
use eko_mock::{MockConfig, MockServer};
use std::process::ExitCode;

/// Variables that select a real server instead of the embedded mock.
const SERVER_VARIABLES: [&str; 5] = [
    "EKO_DEVELOPER_KEY",
    "EKO_ACCESS_KEY",
    "EKO_INITIATOR_ID",
    "EKO_BASE_URL",
    "EKO_ENV",
];

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("\nquickstart stopped: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Where the flow runs and with which inputs.
struct Target {
    client: Client,
    /// Keeps the embedded mock alive for the whole flow.
    _mock: Option<MockServer>,
    customer_id: String,
    otp: String,
}

async fn connect() -> Result<Target, Box<dyn std::error::Error>> {
    let variable = |name: &str| {
        std::env::var(name)
            .ok()
            .filter(|value| !value.trim().is_empty())
    };
    if SERVER_VARIABLES.iter().any(|name| variable(name).is_some()) {
        let client = Client::from_env()?;
        println!(
            "Running against {} (from EKO_* variables).",
            client.config().environment.base_url()
        );
        return Ok(Target {
            client,
            _mock: None,
            customer_id: variable("EKO_CUSTOMER_ID").unwrap_or_else(random_mobile),
            otp: variable("EKO_OTP").unwrap_or_else(|| eko_mock::TEST_OTP.to_owned()),
        });
    }
    let mock = MockServer::start(MockConfig::default()).await?;
    let settings = mock.config();
    let config = Config::new(
        Environment::Custom(mock.base_url()),
        settings.developer_key.clone(),
        settings.access_key.clone(),
        settings.initiator_id.clone(),
    );
    let client = Client::new(config)?;
    println!(
        "No EKO_* variables set: running against the embedded mock at {}.",
        mock.base_url()
    );
    println!(
        "(Set EKO_DEVELOPER_KEY, EKO_ACCESS_KEY, EKO_INITIATOR_ID and EKO_ENV to use a real server.)"
    );
    let otp = settings.test_otp.clone();
    Ok(Target {
        client,
        _mock: Some(mock),
        customer_id: random_mobile(),
        otp,
    })
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let target = connect().await?;
    let client = &target.client;
    let address = || {
        vec![
            "123 MG Road".to_owned(),
            "Bangalore".to_owned(),
            "Karnataka".to_owned(),
            "560001".to_owned(),
        ]
    };

    step(
        1,
        "Onboard User",
        "register a retailer and get their user_code",
    );
    let request = OnboardUserRequest::new(
        "ABCDE1234F",
        random_mobile(),
        "Ramesh",
        "Kumar",
        "ramesh@example.com",
        OnboardUserResidenceAddress::new(
            "Eko India",
            "Gurgaon",
            "Haryana",
            "122002",
            "Banswara",
            "Mongol",
        ),
        "1990-05-15",
        "Ramesh Mobile Store",
    );
    let user = client.onboard_user(&request).await?;
    outcome(&user);
    let user_code = user
        .data
        .user_code
        .clone()
        .ok_or("Onboard User returned no user_code")?;
    field("user_code", &user_code);

    step(
        2,
        "Onboard Customer",
        "register a customer; an OTP is sent to them",
    );
    let request =
        OnboardCustomerRequest::new(&target.customer_id, "Karan Garg", "1990-05-15", address());
    let customer = client.onboard_customer(&request).await?;
    outcome(&customer);
    let otp_ref_id = customer
        .data
        .otp_ref_id
        .clone()
        .ok_or("Onboard Customer returned no otp_ref_id")?;
    field("customer_id", &target.customer_id);
    field("otp_ref_id", &otp_ref_id);

    step(
        3,
        "Verify Customer OTP",
        "confirm the customer with the OTP they received",
    );
    let request = VerifyCustomerOtpRequest::new(&target.customer_id, &otp_ref_id).otp(&target.otp);
    let verified = client.verify_customer_otp(&request).await?;
    outcome(&verified);
    if let Some(profile) = &verified.data.customer_profile {
        field("name", profile.name.as_deref().unwrap_or("-"));
        field("mobile", profile.mobile.as_deref().unwrap_or("-"));
        field(
            "next_allowed_limit",
            profile.next_allowed_limit.as_deref().unwrap_or("-"),
        );
    }

    step(4, "Get Customer Information", "look the customer up again");
    let request = GetCustomerInfoRequest::new(&target.customer_id);
    let info = client.get_customer_info(&request).await?;
    outcome(&info);
    // An enrolled customer is answered with a fresh OTP session rather than a profile;
    // an unknown one would have been an error (response_type_id 308).
    field("enrolled", "yes");
    field("otp_ref_id", info.data.otp_ref_id.as_deref().unwrap_or("-"));

    println!(
        "\nDone: the customer {} is onboarded by retailer {user_code}.",
        target.customer_id
    );
    Ok(())
}

fn step(number: u32, name: &str, purpose: &str) {
    println!("\n{number}. {name}: {purpose}");
}

/// The envelope: what Eko said and the id to branch on.
fn outcome<T>(response: &Response<T>) {
    let kind = if response.is_complete() {
        "done"
    } else {
        "next step"
    };
    let type_id = response
        .response_type_id
        .map_or_else(|| "-".to_owned(), |id| id.to_string());
    println!(
        "   {kind}: status {} · response_type_id {type_id} · \"{}\"",
        response.status, response.message
    );
}

fn field(name: &str, value: &str) {
    println!("   {name:<20} {value}");
}

/// A valid, most likely unused Indian mobile number, so that each run onboards afresh.
fn random_mobile() -> String {
    format!("9{:09}", rand::random_range(0..1_000_000_000u32))
}
