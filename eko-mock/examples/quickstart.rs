//! `cargo run --example quickstart`: the onboarding flow end to end through the real
//! client.
//!
//! With no `EKO_*` variables set it starts the embedded mock on a free loopback port
//! and needs no network and no credentials. With `EKO_DEVELOPER_KEY`,
//! `EKO_ACCESS_KEY`, `EKO_INITIATOR_ID` (and `EKO_ENV` or `EKO_BASE_URL`) set it runs
//! the same flow against that server; `EKO_USER_CODE` then names your retailer,
//! `EKO_CUSTOMER_ID` the customer's mobile number and `EKO_OTP` the OTP they received.
//!
//! The flow follows the docs' next steps, as a `match` on each call's typed outcome:
//! Onboard User → Get Customer Information (not enrolled) → Onboard Customer (validate
//! the OTP) → Verify Customer OTP → Get Customer Information, printing each step's
//! documented outcome and the fields that matter.

use eko_api::customer::{
    GetCustomerInfoOutcome, GetCustomerInfoRequest, OnboardCustomerOutcome, OnboardCustomerRequest,
    VerifyCustomerOtpOutcome, VerifyCustomerOtpRequest,
};
use eko_api::user::{OnboardUserOutcome, OnboardUserRequest, OnboardUserResidenceAddress};
use eko_api::{Client, Config, Environment, Outcome, OutcomeKind};
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
        eko_api::DeveloperKey::new(settings.developer_key.clone()),
        eko_api::AccessKey::new(settings.access_key.clone()),
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
        eko_api::Pan::new("ABCDE1234F"),
        eko_api::Mobile::new(random_mobile()),
        "Ramesh",
        "Kumar",
        eko_api::Email::new("ramesh@example.com"),
        OnboardUserResidenceAddress::new(
            "Eko India",
            "Gurgaon",
            "Haryana",
            eko_api::Pincode::new("122002"),
            "Banswara",
            "Mongol",
        ),
        eko_api::Date::constant(1990, 5, 15),
        "Ramesh Mobile Store",
    );
    let answer = client.onboard_user(&request).await?;
    show(&answer);
    let user_code = match answer {
        OnboardUserOutcome::UserOnboardingSuccessfull(response) => response
            .data
            .user_code
            .ok_or("Onboard User returned no user_code")?,
        other => return Err(unexpected(other)),
    };
    field("user_code", &user_code);

    step(
        2,
        "Get Customer Information",
        "is the customer enrolled already?",
    );
    let request = GetCustomerInfoRequest::new(eko_api::Mobile::new(&target.customer_id));
    let answer = client.get_customer_info(&request).await?;
    show(&answer);
    let mut otp_ref_id = match answer {
        // The docs' next step for an unknown customer is Onboard Customer.
        GetCustomerInfoOutcome::CustomerNotEnrolled(_) => None,
        // An enrolled customer is answered with a fresh OTP session to validate.
        GetCustomerInfoOutcome::ValidateTheOtp(response) => response.data.otp_ref_id,
        other => return Err(unexpected(other)),
    };

    if otp_ref_id.is_none() {
        step(
            3,
            "Onboard Customer",
            "register the customer; an OTP is sent to them",
        );
        let request = OnboardCustomerRequest::new(
            eko_api::Mobile::new(&target.customer_id),
            "Karan Garg",
            eko_api::Date::constant(1990, 5, 15),
            address(),
        );
        let answer = client.onboard_customer(&request).await?;
        show(&answer);
        otp_ref_id = match answer {
            OnboardCustomerOutcome::ValidateTheOtp(response) => response.data.otp_ref_id,
            other => return Err(unexpected(other)),
        };
    }
    let otp_ref_id = otp_ref_id.ok_or("no otp_ref_id to validate")?;
    field("customer_id", &target.customer_id);
    field("otp_ref_id", &otp_ref_id);

    step(
        4,
        "Verify Customer OTP",
        "confirm the customer with the OTP they received",
    );
    let request =
        VerifyCustomerOtpRequest::new(eko_api::Mobile::new(&target.customer_id), &otp_ref_id)
            .otp(&target.otp);
    let answer = client.verify_customer_otp(&request).await?;
    show(&answer);
    match answer {
        VerifyCustomerOtpOutcome::Success(response) => {
            if let Some(profile) = &response.data.customer_profile {
                field("name", profile.name.as_deref().unwrap_or("-"));
                field("mobile", profile.mobile.as_deref().unwrap_or("-"));
                field(
                    "next_allowed_limit",
                    profile.next_allowed_limit.as_deref().unwrap_or("-"),
                );
            }
        }
        // Documented next steps: the customer is enrolled, with KYC still to do.
        VerifyCustomerOtpOutcome::NewCustomer(_) => field("next", "validate the Aadhaar"),
        VerifyCustomerOtpOutcome::AadhaarValidated(_) => field("next", "submit the PAN"),
        other => return Err(unexpected(other)),
    }

    step(5, "Get Customer Information", "look the customer up again");
    let request = GetCustomerInfoRequest::new(eko_api::Mobile::new(&target.customer_id));
    let answer = client.get_customer_info(&request).await?;
    show(&answer);
    match answer {
        GetCustomerInfoOutcome::ValidateTheOtp(response) => {
            field("enrolled", "yes");
            field(
                "otp_ref_id",
                response.data.otp_ref_id.as_deref().unwrap_or("-"),
            );
        }
        other => return Err(unexpected(other)),
    }

    println!(
        "\nDone: the customer {} is onboarded by retailer {user_code}.",
        target.customer_id
    );
    Ok(())
}

fn step(number: u32, name: &str, purpose: &str) {
    println!("\n{number}. {name}: {purpose}");
}

/// Which documented outcome Eko answered with, in the docs' words.
fn show<O: Outcome>(answer: &O) {
    match answer.documented() {
        Some(outcome) => {
            let kind = match outcome.kind {
                OutcomeKind::Success => "done",
                OutcomeKind::NextStep => "next step",
                OutcomeKind::Refusal => "refused",
                _ => "answered",
            };
            println!("   {kind}: {} · \"{}\"", outcome.meaning, answer.message());
        }
        None => println!("   not in the docs: \"{}\"", answer.message()),
    }
}

/// An answer the flow cannot continue from: Eko's refusal (or an answer its docs do
/// not list), as an error that keeps everything Eko sent.
fn unexpected<O: Outcome>(answer: O) -> Box<dyn std::error::Error> {
    match answer.into_result() {
        Err(error) => error.into(),
        Ok(response) => format!("the flow does not continue from \"{}\"", response.message).into(),
    }
}

fn field(name: &str, value: &str) {
    println!("   {name:<20} {value}");
}

/// A valid, most likely unused Indian mobile number, so that each run onboards afresh.
fn random_mobile() -> String {
    format!("9{:09}", rand::random_range(0..1_000_000_000u32))
}
