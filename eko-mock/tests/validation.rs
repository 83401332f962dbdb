//! Parameter validation answers like Eko: HTTP 200, a non-zero `status`,
//! `response_type_id` -1 and an `invalid_params` map naming every bad field.

mod common;

use common::{endpoint, json_request, path_of, send};
use eko_mock::MockConfig;
use serde_json::{Value, json};

fn documented_body(id: &str) -> Value {
    serde_json::from_str(endpoint(id).examples.request.as_deref().unwrap()).unwrap()
}

#[tokio::test]
async fn every_bad_field_is_named() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let onboard_customer = endpoint("onboard-customer");
    let mut body = documented_body("onboard-customer");
    body["dob"] = json!("1990-02-30");
    body["residence_address"] = json!("not a list");
    body["client_ref_id"] = json!("has spaces/slash");
    body.as_object_mut().unwrap().remove("name");
    let uri = format!(
        "{}{}",
        config.base_path,
        path_of(onboard_customer, &[("customer_id", "12345")])
    );
    let reply = send(&router, json_request(&config, "POST", &uri, &body)).await;

    assert_eq!(reply.status, 200);
    assert_ne!(reply.json["status"], 0);
    assert_eq!(reply.json["response_type_id"], -1);
    let invalid = reply.json["invalid_params"]
        .as_object()
        .expect("an invalid_params map");
    let mut fields: Vec<&str> = invalid.keys().map(String::as_str).collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "client_ref_id",
            "customer_id",
            "dob",
            "name",
            "residence_address"
        ]
    );
    assert!(
        invalid
            .values()
            .all(|message| message.as_str().is_some_and(|text| !text.is_empty()))
    );
}

#[tokio::test]
async fn wrong_types_are_reported() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let mut body = documented_body("onboard-user");
    body["first_name"] = json!({"nested": true});
    body["residence_address"] = json!(["an", "array"]);
    body["shop_name"] = json!(false);
    let uri = format!("{}{}", config.base_path, endpoint("onboard-user").path);
    let reply = send(&router, json_request(&config, "POST", &uri, &body)).await;
    let invalid = reply.json["invalid_params"]
        .as_object()
        .expect("an invalid_params map");
    assert!(invalid.contains_key("first_name"), "{invalid:?}");
    assert!(invalid.contains_key("shop_name"), "{invalid:?}");
    assert!(invalid.contains_key("residence_address"), "{invalid:?}");
}

#[tokio::test]
async fn empty_required_values_count_as_missing() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let mut body = documented_body("onboard-user");
    body["first_name"] = json!("");
    body["last_name"] = json!(null);
    body["residence_address"] = json!([]);
    let uri = format!("{}{}", config.base_path, endpoint("onboard-user").path);
    let reply = send(&router, json_request(&config, "POST", &uri, &body)).await;
    let invalid = reply.json["invalid_params"]
        .as_object()
        .expect("an invalid_params map");
    let mut fields: Vec<&str> = invalid.keys().map(String::as_str).collect();
    fields.sort_unstable();
    assert_eq!(fields, ["first_name", "last_name", "residence_address"]);
}

#[tokio::test]
async fn another_initiator_is_a_business_error() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let mut body = documented_body("onboard-user");
    body["initiator_id"] = json!("9000000001");
    let uri = format!("{}{}", config.base_path, endpoint("onboard-user").path);
    let reply = send(&router, json_request(&config, "POST", &uri, &body)).await;
    assert_eq!(reply.status, 200);
    assert_ne!(reply.json["status"], 0);
    assert!(
        reply.json["invalid_params"]["initiator_id"].is_string(),
        "{}",
        reply.json
    );
}

#[tokio::test]
async fn format_messages_use_the_spec_description() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let mut body = documented_body("onboard-user");
    body["pan_number"] = json!("abcde1234f");
    let uri = format!("{}{}", config.base_path, endpoint("onboard-user").path);
    let reply = send(&router, json_request(&config, "POST", &uri, &body)).await;
    let pan = eko_mock::bundle()
        .shared
        .formats
        .iter()
        .find(|format| format.name == eko_spec::Format::Pan)
        .unwrap();
    assert_eq!(
        reply.json["invalid_params"]["pan_number"],
        format!("must be {}", pan.description)
    );
}

/// The `invalid_params` of the answer to a signed multipart request of `payload`.
async fn multipart_invalid_params(
    router: &axum::Router,
    config: &MockConfig,
    endpoint: &eko_spec::Endpoint,
    uri: &str,
    boundary: &str,
    payload: String,
) -> serde_json::Map<String, Value> {
    let request = common::signed(config, endpoint.method.as_str(), uri)
        .header(
            axum::http::header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(axum::body::Body::from(payload))
        .unwrap();
    let reply = send(router, request).await;
    reply.json["invalid_params"]
        .as_object()
        .expect("an invalid_params map")
        .clone()
}

#[tokio::test]
async fn multipart_endpoints_need_their_file_parts() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let multipart = eko_mock::bundle().endpoints.iter().filter(|endpoint| {
        endpoint.kind == eko_spec::EndpointKind::Call
            && endpoint.body == eko_spec::BodyEncoding::Multipart
    });
    for endpoint in multipart {
        let body = common::example_request_body(endpoint);
        let boundary = "only-json";
        let payload = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"form-data\"\r\n\r\n{}\r\n--{boundary}--\r\n",
            Value::Object(body)
        );
        let uri = format!("{}{}", config.base_path, path_of(endpoint, &[]));
        let invalid =
            multipart_invalid_params(&router, &config, endpoint, &uri, boundary, payload).await;
        for file in endpoint
            .params
            .iter()
            .filter(|param| param.ty == eko_spec::Type::File && param.required)
        {
            assert!(
                invalid.contains_key(&file.name),
                "{}: {invalid:?}",
                endpoint.id
            );
        }
        let non_files: Vec<&String> = invalid
            .keys()
            .filter(|name| {
                !endpoint
                    .params
                    .iter()
                    .any(|param| &param.name == *name && param.ty == eko_spec::Type::File)
            })
            .collect();
        assert!(
            non_files.is_empty(),
            "{}: the JSON part was not read: {non_files:?}",
            endpoint.id
        );
    }
}

/// The document lists an upload's parts exactly (`additionalProperties: false`): a part
/// that is neither `form-data` nor one of the endpoint's files is refused by name, a
/// field sent as a plain form part included.
#[tokio::test]
async fn multipart_parts_the_endpoint_does_not_take_are_refused() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let upload = endpoint("activate-aeps-fingpay");
    let body = common::example_request_body(upload);
    let boundary = "extra-parts";
    let mut payload = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"form-data\"\r\n\r\n{}\r\n",
        Value::Object(body)
    );
    for file in upload
        .params
        .iter()
        .filter(|param| param.ty == eko_spec::Type::File)
    {
        payload.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"a.pdf\"\r\n\r\n%PDF\r\n",
            file.name
        ));
    }
    payload.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"modelname\"\r\n\r\nMorpho\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"selfie\"; filename=\"me.jpg\"\r\n\r\nJPEG\r\n--{boundary}--\r\n"
    ));
    let uri = format!(
        "{}{}",
        config.base_path,
        path_of(upload, &[("user_code", "20810200")])
    );
    let invalid = multipart_invalid_params(&router, &config, upload, &uri, boundary, payload).await;
    let names: Vec<&str> = invalid.keys().map(String::as_str).collect();
    assert_eq!(names, ["modelname", "selfie"], "{invalid:?}");
}
