//! Onboards the documented example customer and prints the typed outcome.
//!
//! Reads `EKO_DEVELOPER_KEY`, `EKO_ACCESS_KEY`, `EKO_INITIATOR_ID` and `EKO_ENV`
//! (`staging` by default) or `EKO_BASE_URL`, plus optional `EKO_TIMEOUT_MS`. With
//! Eko's public sandbox credentials:
//!
//! ```sh
//! EKO_DEVELOPER_KEY=becbbce45f79c6f5109f848acd540567 \
//! EKO_ACCESS_KEY=d2fe1d99-6298-4af2-8cc5-d97dcf46df30 \
//! EKO_INITIATOR_ID=9962981729 \
//! cargo run -p eko-api --example onboard_customer
//! ```
//!
//! Exits with status 1 and the error's message when the call fails.

use eko_api::customer::{OnboardCustomerOutcome, OnboardCustomerRequest};
use eko_api::{Client, Outcome as _};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), eko_api::Error> {
    let client = Client::from_env()?;
    let address = ["123 MG Road", "Bangalore", "Karnataka", "560001"]
        .map(String::from)
        .to_vec();
    let request = OnboardCustomerRequest::new(
        eko_api::Mobile::new("9444444444"),
        "Karan Garg",
        eko_api::Date::constant(1990, 5, 15),
        address,
    );

    let outcome = client.onboard_customer(&request).await?;
    println!("message:            {}", outcome.message());
    println!(
        "client_ref_id:      {}",
        outcome.client_ref_id().unwrap_or("-")
    );
    match outcome {
        OnboardCustomerOutcome::ValidateTheOtp(response) => {
            println!(
                "otp_ref_id:         {}",
                response.data.otp_ref_id.as_deref().unwrap_or("-")
            );
            println!("next step: verify the OTP sent to the customer, passing otp_ref_id");
        }
        // Anything the docs do not list for this call: refusals become `Error::Api`.
        other => {
            let response = other.into_result()?;
            println!("answered without an OTP step: {}", response.message);
        }
    }
    Ok(())
}
