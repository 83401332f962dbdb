//! `cargo run -p eko-mock --example mobile_otp`: the Mobile OTP verification flow,
//! offline against the embedded mock, as a `match` on each call's typed outcome.
//!
//! Send an OTP → verify what the customer typed → validate the token that the
//! verification returned. A mistyped OTP is one of the documented outcomes of the
//! verify call, not an error: the flow asks again. The mock does not keep OTPs for
//! this flow, so the example asks it for that documented refusal once, with the
//! [`eko_mock::OUTCOME_HEADER`] header, to walk through the branch.

use eko_api::mobile_otp_verification::{
    MobileOtpSendOutcome, MobileOtpSendRequest, MobileOtpValidateTokenOutcome,
    MobileOtpValidateTokenRequest, MobileOtpVerifyOutcome, MobileOtpVerifyRequest,
};
use eko_api::{CallOptions, Client, Config, Environment, Outcome};
use eko_mock::{MockConfig, MockServer, OUTCOME_HEADER};
use std::process::ExitCode;

/// The documented outcome of Mobile OTP Verify that the mock gives for the first try.
const MISTYPED: &str = "incorrect-or-expired-otp";

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("\nmobile OTP flow stopped: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mock = MockServer::start(MockConfig::default()).await?;
    let settings = mock.config();
    let client = Client::new(Config::new(
        Environment::Custom(mock.base_url()),
        eko_api::DeveloperKey::new(settings.developer_key.clone()),
        eko_api::AccessKey::new(settings.access_key.clone()),
        settings.initiator_id.clone(),
    ))?;
    let mobile = "9002336768";

    println!("1. Send an OTP to {mobile}");
    let request = MobileOtpSendRequest::new("12345", eko_api::Mobile::new(mobile));
    match client.mobile_otp_send(&request).await? {
        MobileOtpSendOutcome::OtpHasBeenSent(response) => println!(
            "   sent; it expires at {}",
            response.data.otp_expiry_timestamp.as_deref().unwrap_or("-")
        ),
        other => return Err(unexpected(other)),
    }

    println!("2. Verify the OTP the customer typed");
    let mut token = None;
    for (attempt, typed) in ["9999", "3643"].into_iter().enumerate() {
        let request = MobileOtpVerifyRequest::new(typed, eko_api::Mobile::new(mobile));
        let options = if attempt == 0 {
            CallOptions::new().with_header(OUTCOME_HEADER, MISTYPED)
        } else {
            CallOptions::new()
        };
        match client.call_with(&request, options).await? {
            MobileOtpVerifyOutcome::OtpVerificationSuccessful(response) => {
                println!("   {typed}: verified");
                token = response.data.otp_verification_token;
                break;
            }
            MobileOtpVerifyOutcome::IncorrectOrExpiredOtp(response) => {
                println!(
                    "   {typed}: \"{}\"; asking the customer again",
                    response.message
                );
            }
            other => return Err(unexpected(other)),
        }
    }
    let token = token.ok_or("the OTP was never verified")?;

    println!("3. Validate the verification token before trusting it");
    let request = MobileOtpValidateTokenRequest::new(&token);
    match client.mobile_otp_validate_token(&request).await? {
        MobileOtpValidateTokenOutcome::OtpVerificationTokenIsValid(response) => println!(
            "   valid for {}",
            response.data.mobile.as_deref().unwrap_or("-")
        ),
        MobileOtpValidateTokenOutcome::TokenTimedOut(_) => {
            println!("   the token is too old: verify a new OTP");
        }
        other => return Err(unexpected(other)),
    }
    println!("\nDone: {mobile} is verified.");
    Ok(())
}

/// An answer the flow cannot continue from, as an error keeping all Eko sent.
fn unexpected<O: Outcome>(answer: O) -> Box<dyn std::error::Error> {
    match answer.into_result() {
        Err(error) => error.into(),
        Ok(response) => format!("the flow does not continue from \"{}\"", response.message).into(),
    }
}
