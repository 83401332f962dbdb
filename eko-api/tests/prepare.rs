//! Request building, without any network: placement of every parameter, path
//! safety, generated references, signing headers and validation.

mod common;

use common::*;
use eko_api::customer::OnboardCustomerRequest;
use eko_api::user::OnboardUserRequest;
use eko_api::{Error, Method, Number};
use serde_json::{Value, json};

const BASE: &str = "http://127.0.0.1:9/ekoapi/v3";

fn problems(error: Error) -> Vec<(String, String)> {
    match error {
        Error::Validation { problems, .. } => {
            problems.into_iter().map(|p| (p.field, p.problem)).collect()
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn onboard_customer_body_is_the_documented_example() {
    let prepared = client(BASE)
        .prepare(&example_customer().client_ref_id("REQ-20260101-001"))
        .unwrap();
    assert_eq!(prepared.method(), Method::Post);
    assert_eq!(prepared.path(), "/customer/account/9444444444");
    assert_eq!(
        prepared.url(),
        "http://127.0.0.1:9/ekoapi/v3/customer/account/9444444444"
    );
    assert!(prepared.query().is_empty());
    let expected = json!({
        "initiator_id": "9962981729",
        "client_ref_id": "REQ-20260101-001",
        "name": "Karan Garg",
        "dob": "1990-05-15",
        "residence_address": ["123 MG Road", "Bangalore", "Karnataka", "560001"]
    });
    assert_eq!(prepared.body(), Some(&expected));
    assert_eq!(prepared.client_ref_id(), Some("REQ-20260101-001"));
}

#[test]
fn signing_headers_use_the_clock_and_exact_names() {
    let prepared = client(BASE).prepare(&example_user()).unwrap();
    let names: Vec<&str> = prepared.headers().map(|(name, _)| name).collect();
    assert_eq!(
        names,
        [
            "developer_key",
            "secret-key",
            "secret-key-timestamp",
            "content-type"
        ]
    );
    assert_eq!(prepared.header("developer_key"), Some(DEVELOPER_KEY));
    assert_eq!(
        prepared.header("secret-key-timestamp"),
        Some("1700000000000")
    );
    assert_eq!(
        prepared.header("secret-key"),
        Some(expected_signature(ACCESS_KEY, "1700000000000").as_str())
    );
    assert_eq!(prepared.header("content-type"), Some("application/json"));
    assert_eq!(prepared.timestamp_ms(), NOW_MS);
}

#[test]
fn missing_client_ref_id_is_generated_for_post() {
    let first = client(BASE).prepare(&example_user()).unwrap();
    let second = client(BASE).prepare(&example_user()).unwrap();
    let id = first.client_ref_id().expect("generated");
    assert!(
        id.len() <= 20
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'),
        "{id}"
    );
    assert_eq!(first.body().unwrap()["client_ref_id"], Value::from(id));
    assert_ne!(first.client_ref_id(), second.client_ref_id());
}

#[test]
fn path_values_cannot_change_the_path() {
    let client = client(BASE);
    for (hostile, encoded) in [
        ("../../admin", "..%2F..%2Fadmin"),
        ("a/b", "a%2Fb"),
        ("x?y=1#z", "x%3Fy%3D1%23z"),
        ("%2e%2e", "%252e%252e"),
        ("a b", "a%20b"),
    ] {
        let mut lookup = TransactionLookup::new(hostile);
        lookup.user_code = "20810200".into();
        let prepared = client.prepare(&lookup).unwrap();
        assert_eq!(
            prepared.path(),
            format!("/tools/reference/transaction/{encoded}"),
            "{hostile}"
        );
        let url = url::Url::parse(prepared.url()).unwrap();
        assert_eq!(
            url.path(),
            format!("/ekoapi/v3/tools/reference/transaction/{encoded}")
        );
        assert_eq!(url.path_segments().unwrap().count(), 6, "{hostile}");
    }
    for dots in [".", "..", "", "  "] {
        let fields = problems(client.prepare(&TransactionLookup::new(dots)).unwrap_err());
        assert_eq!(fields.len(), 1, "{dots:?}: {fields:?}");
        assert_eq!(fields[0].0, "transaction_id");
    }
}

#[test]
fn get_sends_parameters_in_a_deterministic_query() {
    let mut lookup = TransactionLookup::new("T1");
    lookup.user_code = "208 10&200".into();
    lookup.include_history = Some(true);
    let prepared = client(BASE).prepare(&lookup).unwrap();
    assert_eq!(prepared.body(), None);
    assert_eq!(
        prepared.client_ref_id(),
        None,
        "GET calls get no generated reference"
    );
    let query: Vec<(&str, &str)> = prepared
        .query()
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        query,
        [
            ("initiator_id", "9962981729"),
            ("user_code", "208 10&200"),
            ("include_history", "true")
        ]
    );
    assert_eq!(
        prepared.url(),
        "http://127.0.0.1:9/ekoapi/v3/tools/reference/transaction/T1?initiator_id=9962981729&user_code=208%2010%26200&include_history=true"
    );
    lookup.client_ref_id = Some("REF-1".into());
    assert_eq!(
        client(BASE).prepare(&lookup).unwrap().client_ref_id(),
        Some("REF-1")
    );
}

#[test]
fn validation_lists_every_bad_field_by_name() {
    let request = OnboardUserRequest::new(
        eko_api::Pan::new("abcde1234f"),
        eko_api::Mobile::new("5444444444"),
        "Ramesh",
        "",
        eko_api::Email::new("ramesh@"),
        user_address(),
        // 30 February cannot even be written: a `Date` is always a real date.
        eko_api::Date::constant(1990, 2, 28),
        "Shop",
    )
    .client_ref_id("has space");
    let fields = problems(client(BASE).prepare(&request).unwrap_err());
    let names: Vec<&str> = fields.iter().map(|(field, _)| field.as_str()).collect();
    assert_eq!(
        names,
        [
            "client_ref_id",
            "pan_number",
            "mobile",
            "last_name",
            "email"
        ]
    );
    assert!(
        fields
            .iter()
            .any(|(field, problem)| field == "mobile" && problem.contains("mobile number"))
    );
    assert!(
        fields
            .iter()
            .any(|(field, problem)| field == "last_name" && problem.contains("empty"))
    );

    // A date is a `Date`, so only the mobile number can be malformed here.
    let request = OnboardCustomerRequest::new(
        eko_api::Mobile::new("944444444"),
        "Karan",
        eko_api::Date::constant(1990, 5, 15),
        address(),
    );
    let error = client(BASE).prepare(&request).unwrap_err();
    let shown = error.to_string();
    assert!(
        shown.contains("`customer_id`") && shown.contains("nothing was sent"),
        "{shown}"
    );
}

#[test]
fn validation_walks_nested_fields() {
    let request = BulkVerify {
        user_code: "20810200".into(),
        contact_email: "ops@example.com".into(),
        entries: vec![
            BankEntry {
                account: "1234".into(),
                ifsc: "SBIN0001234".into(),
                holder_pan: None,
            },
            BankEntry {
                account: "".into(),
                ifsc: "SBIN1001234".into(),
                holder_pan: Some("ABCDE12345".into()),
            },
        ],
        office_address: json!({"pincode": "56001", "owner_aadhaar": "1234"}),
    };
    let fields = problems(client(BASE).prepare(&request).unwrap_err());
    let names: Vec<&str> = fields.iter().map(|(field, _)| field.as_str()).collect();
    assert_eq!(
        names,
        [
            "entries[1].account",
            "entries[1].ifsc",
            "entries[1].holder_pan",
            "office_address.pincode",
            "office_address.owner_aadhaar"
        ]
    );
    let missing = BulkVerify {
        office_address: json!({}),
        entries: vec![],
        ..request
    };
    let fields = problems(client(BASE).prepare(&missing).unwrap_err());
    assert_eq!(
        fields,
        [(
            "office_address.pincode".to_owned(),
            "is required".to_owned()
        )]
    );
}

#[test]
fn bad_initiator_id_is_reported_as_configuration() {
    let mut config = config(BASE);
    config.initiator_id = "12345".into();
    let client = eko_api::Client::new(config).unwrap();
    let fields = problems(client.prepare(&example_user()).unwrap_err());
    assert_eq!(fields.len(), 1);
    assert_eq!(fields[0].0, "initiator_id");
    assert!(fields[0].1.contains("configuration"), "{}", fields[0].1);
}

#[test]
fn multipart_puts_fields_in_one_json_part_and_lists_files() {
    let prepared = client(BASE).prepare(&ActivateService::new()).unwrap();
    assert_eq!(prepared.method(), Method::Put);
    assert_eq!(
        prepared.body(),
        Some(&json!({
            "initiator_id": "9962981729",
            "user_code": "20810200",
            "service_code": "43",
            "office_address": {"line": "12 MG Road", "city": "Bengaluru", "pincode": "560001"}
        }))
    );
    assert_eq!(prepared.file_names(), ["pan_card", "aadhar_front"]);
    assert_eq!(prepared.header("content-type"), Some("multipart/form-data"));
    assert_eq!(
        prepared.client_ref_id(),
        None,
        "the endpoint takes no client_ref_id"
    );

    let mut invalid = ActivateService::new();
    invalid.office_address.pincode = "5600".into();
    let fields = problems(client(BASE).prepare(&invalid).unwrap_err());
    assert_eq!(fields[0].0, "office_address.pincode");
}

#[test]
fn request_hash_covers_the_named_fields_in_order() {
    let request = PayBill {
        utility_acc_no: "9999".into(),
        amount: Number::from(110),
        user_code: "20810200".into(),
        client_ref_id: Some("PAY-1".into()),
    };
    let prepared = client(BASE).prepare(&request).unwrap();
    let expected =
        eko_api::signing::request_hash(&ACCESS_KEY.into(), NOW_MS, &["9999", "110", "20810200"]);
    assert_eq!(prepared.header("request_hash"), Some(expected.expose()));
    // And independently of the crate's signing code:
    assert_eq!(
        prepared.header("request_hash").unwrap(),
        expected_signature(ACCESS_KEY, "1700000000000999911020810200")
    );
    assert!(
        client(BASE)
            .prepare(&example_user())
            .unwrap()
            .header("request_hash")
            .is_none()
    );
}
