//! Documented value lists as open enums: codes decode as numbers or text, labels
//! decode too, and a value the docs do not list survives a round trip unchanged.

use eko_api::aeps::{AepsInitiateSettlementPaymentMode, AepsInitiateSettlementRequest};
use eko_api::dmt::DmtInitiateTransferTxStatus;
use eko_api::user::{
    GetUserServicesOutcome, GetUserServicesRequest, GetUserServicesServiceStatus,
    GetUserServicesVerificationStatus,
};
use eko_api::{Outcome, decode_outcome};
use serde_json::{Value, json};

fn decode<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("an open enum decodes any value")
}

#[test]
fn codes_decode_as_numbers_text_or_labels() {
    for value in [
        json!(1),
        json!("1"),
        json!(" 1 "),
        json!("ACTIVATED"),
        json!("activated"),
    ] {
        assert_eq!(
            decode::<GetUserServicesServiceStatus>(value.clone()),
            GetUserServicesServiceStatus::Activated,
            "{value}"
        );
    }
    let pending = GetUserServicesServiceStatus::Pending;
    assert_eq!(
        (pending.code(), pending.label()),
        (Some("2"), Some("PENDING"))
    );
    // A numeric field's documented value travels as its number.
    assert_eq!(serde_json::to_value(&pending).unwrap(), json!(2));
    // A text field's documented value travels as text.
    assert_eq!(
        serde_json::to_value(DmtInitiateTransferTxStatus::Awaited).unwrap(),
        json!("2")
    );
}

#[test]
fn the_shared_business_status_codes_are_an_open_enum() {
    let body = json!({"status": "2129", "response_type_id": 2129, "message": "Validate the OTP", "data": {}});
    let outcome = decode_outcome::<GetUserServicesRequest>(200, body.to_string()).unwrap();
    let response = outcome.as_parts().unwrap_err();
    assert_eq!(
        response.business_status(),
        eko_api::BusinessStatus::ValidateTheOtp
    );
    assert_eq!(
        eko_api::BusinessStatus::from_json(json!(463)),
        eko_api::BusinessStatus::Other(json!(463))
    );
}

#[test]
fn undocumented_values_round_trip_unchanged() {
    for value in [
        json!(7),
        json!("SUSPENDED"),
        json!(1.5),
        json!({"state": 9}),
        json!(null),
        json!(""),
    ] {
        let decoded = decode::<GetUserServicesVerificationStatus>(value.clone());
        assert_eq!(
            decoded,
            GetUserServicesVerificationStatus::Other(value.clone())
        );
        assert_eq!(decoded.code(), None);
        assert_eq!(serde_json::to_value(&decoded).unwrap(), value);
    }
}

#[test]
fn a_response_field_with_a_value_list_is_typed_and_keeps_new_values() {
    let body = json!({"status": 0, "response_type_id": 1299, "message": "ok", "data": {
        "service_status_list": [
            {"service_code": "43", "status": 1, "status_desc": "ACTIVATED", "verification_status": "2"},
            {"service_code": "52", "status": 9, "status_desc": "FROZEN", "verification_status": 3}
        ]
    }});
    let outcome = decode_outcome::<GetUserServicesRequest>(200, body.to_string()).unwrap();
    let GetUserServicesOutcome::StatusOfServicesForThisUser(response) = &outcome else {
        panic!("expected the documented success, got {outcome:?}");
    };
    let entries = response.data.service_status_list.as_ref().unwrap();
    assert_eq!(
        entries[0].status,
        Some(GetUserServicesServiceStatus::Activated)
    );
    assert_eq!(
        entries[0].verification_status,
        Some(GetUserServicesVerificationStatus::Rejected)
    );
    assert_eq!(
        entries[1].status,
        Some(GetUserServicesServiceStatus::Other(json!(9)))
    );
    let again = serde_json::to_value(&outcome.into_result().unwrap().data).unwrap();
    assert_eq!(again["service_status_list"][1]["status"], json!(9));
}

#[test]
fn a_request_field_with_a_value_list_sends_the_documented_code() {
    let request = AepsInitiateSettlementRequest::new(
        "20810200",
        500,
        "10042",
        AepsInitiateSettlementPaymentMode::Imps,
    );
    let body = serde_json::to_value(&request).unwrap();
    assert_eq!(body["payment_mode"], json!(5));
    let other = AepsInitiateSettlementPaymentMode::from_json(json!(21));
    assert_eq!(other.to_json(), json!(21));
}
