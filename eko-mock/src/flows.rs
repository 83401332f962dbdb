//! The endpoints whose answers depend on earlier calls: the onboarding flow.
//!
//! Everything else answers from the spec alone. These are keyed by endpoint id, and an
//! id missing from the spec simply never matches, so the mock serves any spec.
//!
//! - Onboard User issues a fresh `user_code`, which every later call accepts.
//! - Onboard Customer records the customer and issues an `otp_ref_id`.
//! - Verify Customer OTP needs an `otp_ref_id` issued for that customer and the test
//!   OTP ([`crate::TEST_OTP`] by default); the session is used up on success.
//! - Get Customer Information knows onboarded customers (and issues a new OTP session
//!   for them, as Eko does) and reports everyone else as not enrolled.
//!
//! Values from the documented examples are always known, so every example request
//! succeeds as-is: the docs' `user_code`s, `customer_id`s and `otp_ref_id`s (the last
//! valid for any customer).

use crate::catalog::Seeds;
use crate::envelope::{self, BusinessError};
use crate::inputs::Inputs;
use crate::state::{Customer, OtpSession, State};
use eko_spec::Endpoint;
use serde_json::Value;

/// Endpoint id of Onboard User.
pub(crate) const ONBOARD_USER: &str = "onboard-user";
/// Endpoint id of Onboard Customer.
pub(crate) const ONBOARD_CUSTOMER: &str = "onboard-customer";
/// Endpoint id of Verify Customer OTP.
pub(crate) const VERIFY_CUSTOMER_OTP: &str = "verify-customer-otp";
/// Endpoint id of Get Customer Information.
pub(crate) const GET_CUSTOMER_INFO: &str = "get-customer-info";

/// How many random draws to try for an unused id before accepting a duplicate.
const FRESH_ID_ATTEMPTS: usize = 64;

/// What the flows go by besides their state: the values the documented examples use,
/// which are always known, and the OTP that verifies.
pub(crate) struct Rules<'a> {
    pub(crate) seeds: &'a Seeds,
    pub(crate) test_otp: &'a str,
}

/// The answer to a valid request: the example, echoed and adjusted by the flow the
/// endpoint belongs to, or the business error the flow reports.
pub(crate) fn answer(
    state: &mut State,
    rules: &Rules<'_>,
    endpoint: &Endpoint,
    example: &Value,
    inputs: &Inputs,
) -> Value {
    if let Some(user_code) = inputs.text(endpoint, "user_code")
        && !rules.seeds.user_codes.contains(&user_code)
        && !state.users.contains(&user_code)
    {
        return envelope::USER_NOT_FOUND.envelope();
    }
    let mut response = envelope::from_example(example, endpoint, inputs);
    let flow = match endpoint.id.as_str() {
        ONBOARD_USER => onboard_user(rules, state, &mut response),
        ONBOARD_CUSTOMER => onboard_customer(state, endpoint, inputs, &mut response),
        VERIFY_CUSTOMER_OTP => verify_customer_otp(rules, state, endpoint, inputs, &mut response),
        GET_CUSTOMER_INFO => get_customer_info(rules, state, endpoint, inputs, &mut response),
        _ => Ok(()),
    };
    match flow {
        Ok(()) => response,
        Err(error) => error.envelope(),
    }
}

fn onboard_user(
    rules: &Rules<'_>,
    state: &mut State,
    response: &mut Value,
) -> Result<(), BusinessError> {
    let taken = |code: &String| rules.seeds.user_codes.contains(code) || state.users.contains(code);
    let user_code = fresh_id(
        || rand::random_range(30_000_000u32..40_000_000).to_string(),
        taken,
    );
    state.users.insert(user_code.clone(), ());
    envelope::set_data(response, "user_code", Value::String(user_code));
    Ok(())
}

fn onboard_customer(
    state: &mut State,
    endpoint: &Endpoint,
    inputs: &Inputs,
    response: &mut Value,
) -> Result<(), BusinessError> {
    let Some(customer_id) = inputs.text(endpoint, "customer_id") else {
        return Ok(());
    };
    state.customers.insert(
        customer_id.clone(),
        Customer {
            name: inputs.text(endpoint, "name"),
        },
    );
    let otp_ref_id = open_otp_session(state, customer_id);
    envelope::set_data(response, "otp_ref_id", Value::String(otp_ref_id));
    Ok(())
}

fn verify_customer_otp(
    rules: &Rules<'_>,
    state: &mut State,
    endpoint: &Endpoint,
    inputs: &Inputs,
    response: &mut Value,
) -> Result<(), BusinessError> {
    let customer_id = inputs.text(endpoint, "customer_id").unwrap_or_default();
    let otp_ref_id = inputs.text(endpoint, "otp_ref_id").unwrap_or_default();
    let documented = rules.seeds.otp_ref_ids.contains(&otp_ref_id);
    let issued = state
        .otp_sessions
        .get(&otp_ref_id)
        .is_some_and(|session| session.customer_id == customer_id);
    if !documented && !issued {
        return Err(envelope::OTP_SESSION_NOT_FOUND);
    }
    if inputs.text(endpoint, "otp").as_deref() != Some(rules.test_otp) {
        return Err(envelope::WRONG_OTP);
    }
    state.otp_sessions.remove(&otp_ref_id);
    let name = match state.customers.get_mut(&customer_id) {
        Some(customer) => customer.name.clone(),
        None => {
            state
                .customers
                .insert(customer_id.clone(), Customer { name: None });
            None
        }
    };
    replace_data(
        response,
        "customer_profile.mobile",
        Value::String(customer_id),
    );
    if let Some(name) = name {
        replace_data(
            response,
            "customer_profile.name",
            Value::String(name.clone()),
        );
        replace_data(response, "sender_name", Value::String(name));
    }
    Ok(())
}

fn get_customer_info(
    rules: &Rules<'_>,
    state: &mut State,
    endpoint: &Endpoint,
    inputs: &Inputs,
    response: &mut Value,
) -> Result<(), BusinessError> {
    let customer_id = inputs.text(endpoint, "customer_id").unwrap_or_default();
    let enrolled =
        rules.seeds.customer_ids.contains(&customer_id) || state.customers.contains(&customer_id);
    if !enrolled {
        return Err(envelope::CUSTOMER_NOT_ENROLLED);
    }
    let otp_ref_id = open_otp_session(state, customer_id);
    replace_data(response, "otp_ref_id", Value::String(otp_ref_id));
    Ok(())
}

/// Issues an `otp_ref_id` for `customer_id`. It is all digits, so that it fits both the
/// string the onboarding pages return and the integer the verification page takes.
fn open_otp_session(state: &mut State, customer_id: String) -> String {
    let taken = |id: &String| state.otp_sessions.contains(id);
    let otp_ref_id = fresh_id(
        || rand::random_range(10_000_000u64..100_000_000).to_string(),
        taken,
    );
    state
        .otp_sessions
        .insert(otp_ref_id.clone(), OtpSession { customer_id });
    otp_ref_id
}

fn fresh_id(mut draw: impl FnMut() -> String, taken: impl Fn(&String) -> bool) -> String {
    let mut candidate = draw();
    for _ in 1..FRESH_ID_ATTEMPTS {
        if !taken(&candidate) {
            break;
        }
        candidate = draw();
    }
    candidate
}

/// Sets `data.<path>` only where the documented example has it, keeping the shape.
fn replace_data(response: &mut Value, path: &str, value: Value) {
    if envelope::get_data(response, path).is_some() {
        envelope::set_data(response, path, value);
    }
}
