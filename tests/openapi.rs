//! The OpenAPI export: fresh, deterministic, complete, and carrying the spec's types.
//! The independent tools (validators, Prism, Schemathesis) run in `.ci/run`; these
//! tests pin what the export itself promises.

// Endpoints Eko removed stay in the spec (deprecated) until pruned.
#![allow(deprecated)]

use eko_spec::{Bundle, EndpointKind};
use eko_tests::{bundle, workspace_root};
use serde_json::Value;

fn document() -> Value {
    codegen::openapi::document(bundle())
}

/// Every operation of the document with its method and path.
fn operations(document: &Value) -> Vec<(&str, &str, &Value)> {
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("path item") {
            operations.push((path.as_str(), method.as_str(), operation));
        }
    }
    operations
}

fn operation<'a>(document: &'a Value, id: &str) -> &'a Value {
    operations(document)
        .into_iter()
        .map(|(_, _, operation)| operation)
        .find(|operation| operation["operationId"] == id)
        .unwrap_or_else(|| panic!("no operation `{id}`"))
}

/// Follows a local `$ref`.
fn resolve<'a>(document: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(reference) => document
            .pointer(reference.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("dangling {reference}")),
        None => schema,
    }
}

/// Same as `cargo xtask openapi --check`.
#[test]
fn checked_in_document_matches_the_spec() {
    let only = Some(codegen::openapi::OPENAPI_FILE);
    if let Err(diff) = xtask::generate::check_selected(&workspace_root(), only) {
        panic!("{diff}");
    }
}

#[test]
fn exporting_twice_gives_identical_bytes() {
    let first = codegen::openapi::render(bundle());
    let second = codegen::openapi::render(&bundle().clone());
    assert_eq!(first, second);
}

/// The whole export of one endpoint, so that a change to the exporter's shape shows
/// up as a readable diff.
#[test]
fn export_of_one_endpoint() {
    let mut small: Bundle = bundle().clone();
    small
        .endpoints
        .retain(|endpoint| endpoint.id == "onboard-customer");
    insta::assert_snapshot!(codegen::openapi::render(&small));
}

#[test]
fn every_endpoint_is_an_operation_or_a_webhook() {
    let document = document();
    let mut exported: Vec<String> = Vec::new();
    for (_, _, operation) in operations(&document) {
        exported.push(operation["operationId"].as_str().expect("id").to_owned());
        for other in operation["x-eko-also-documented-as"]
            .as_array()
            .into_iter()
            .flatten()
        {
            exported.push(other["id"].as_str().expect("id").to_owned());
        }
    }
    for endpoint in &bundle().endpoints {
        match endpoint.kind {
            EndpointKind::Call => assert!(
                exported.contains(&endpoint.id),
                "{} is not exported",
                endpoint.id
            ),
            EndpointKind::Webhook => assert!(
                document["webhooks"].get(&endpoint.id).is_some(),
                "webhook {} is not exported",
                endpoint.id
            ),
        }
    }
    let calls = bundle()
        .endpoints
        .iter()
        .filter(|endpoint| endpoint.kind == EndpointKind::Call)
        .count();
    assert_eq!(exported.len(), calls, "an endpoint is exported twice");
}

#[test]
fn operation_ids_are_unique_and_paths_unambiguous() {
    let document = document();
    let mut ids: Vec<&str> = operations(&document)
        .iter()
        .map(|(_, _, operation)| operation["operationId"].as_str().expect("id"))
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "duplicate operationId");

    let mut routes: Vec<String> = operations(&document)
        .iter()
        .map(|(path, method, _)| {
            let route: String = path
                .split('/')
                .map(|part| if part.starts_with('{') { "{}" } else { part })
                .collect::<Vec<_>>()
                .join("/");
            format!("{method} {route}")
        })
        .collect();
    let count = routes.len();
    routes.sort();
    routes.dedup();
    assert_eq!(routes.len(), count, "two operations route the same way");
}

#[test]
fn each_operation_carries_its_documented_outcomes() {
    let document = document();
    for endpoint in &bundle().endpoints {
        if endpoint.kind != EndpointKind::Call {
            continue;
        }
        let documented = endpoint.documented_outcomes();
        let table = operations(&document)
            .into_iter()
            .find_map(|(_, _, operation)| {
                if operation["operationId"] == endpoint.id.as_str() {
                    return Some(&operation["x-eko-outcomes"]);
                }
                operation["x-eko-also-documented-as"]
                    .as_array()?
                    .iter()
                    .find(|other| other["id"] == endpoint.id.as_str())
                    .map(|other| &other["x-eko-outcomes"])
            })
            .expect("exported");
        let names: Vec<&str> = table
            .as_array()
            .expect("a table")
            .iter()
            .map(|outcome| outcome["name"].as_str().expect("name"))
            .collect();
        let expected: Vec<&str> = documented
            .iter()
            .map(|outcome| outcome.slug.as_str())
            .collect();
        assert_eq!(names, expected, "{}", endpoint.id);
    }
    let verify = operation(&document, "onboard-customer");
    let outcome = &verify["x-eko-outcomes"][0];
    assert_eq!(outcome["response_type_id"], 2129);
    assert_eq!(outcome["kind"], "next-step");
}

#[test]
fn identifiers_are_text_amounts_exact_and_sensitive_fields_marked() {
    let document = document();
    let body = |id: &str| {
        let operation = operation(&document, id);
        let content = &operation["requestBody"]["content"];
        let media = content
            .get("application/json")
            .or_else(|| content.get("multipart/form-data"))
            .expect("a body");
        resolve(&document, &media["schema"]).clone()
    };
    // The page types the account number `number`; it travels as text.
    let verification = body("bank-account-verification");
    let account = &verification["properties"]["bank_account"];
    assert_eq!(account["type"], "string", "{account}");
    assert_eq!(account["x-eko-sensitive"], true, "{account}");

    // Amounts point at the exact decimal type, never a float format.
    let amounts = document.to_string();
    assert!(
        !amounts.contains("\"format\":\"double\"") && !amounts.contains("\"format\":\"float\"")
    );
    let amount = &document["components"]["schemas"]["Amount"];
    assert_eq!(amount["format"], "decimal");
    let pattern = regex::Regex::new(amount["pattern"].as_str().expect("pattern")).expect("a regex");
    let pattern = |text: &str| pattern.is_match(text);
    assert!(pattern("110.00") && pattern("110") && !pattern("1e3"));

    // Formatted identifiers point at their patterned schema.
    let onboard = operation(&document, "onboard-customer");
    let customer = &onboard["parameters"][0]["schema"];
    assert_eq!(customer["$ref"], "#/components/schemas/Mobile");
    assert_eq!(
        document["components"]["schemas"]["Mobile"]["pattern"],
        "^[6-9][0-9]{9}$"
    );
}

#[test]
fn deprecated_value_lists_signing_and_servers() {
    let document = document();
    // An endpoint Eko removed, alone at its route, is deprecated.
    for endpoint in bundle().endpoints.iter().filter(|e| e.is_removed()) {
        for (_, _, operation) in operations(&document) {
            if operation["operationId"] == endpoint.id.as_str() {
                assert_eq!(operation["deprecated"], true, "{}", endpoint.id);
            }
        }
    }
    // Value lists are enums.
    let with_values = document.to_string().matches("\"x-eko-values\"").count();
    let lists: usize = bundle()
        .endpoints
        .iter()
        .map(|endpoint| endpoint.value_lists.len())
        .sum();
    assert!(
        lists > 0 && with_values >= lists / 2,
        "{with_values} of {lists}"
    );
    // Every call is signed with the three headers, together.
    let requirement = &document["security"][0];
    for scheme in ["developer_key", "secret_key", "secret_key_timestamp"] {
        assert!(requirement.get(scheme).is_some(), "{scheme}");
        let header = &document["components"]["securitySchemes"][scheme];
        assert_eq!(header["in"], "header");
    }
    let servers: Vec<&str> = document["servers"]
        .as_array()
        .expect("servers")
        .iter()
        .map(|server| server["url"].as_str().expect("url"))
        .collect();
    assert_eq!(
        servers,
        [
            "https://staging.eko.in/ekoapi/v3",
            "https://api.eko.in/ekoicici/v3"
        ]
    );
    assert_eq!(
        document["info"]["version"],
        bundle().shared.docs_version.as_str()
    );
}

/// A field added to the spec shows up in the export, and nothing else changes: the
/// export's diff across a docs update reads like the changelog.
#[test]
fn a_new_optional_field_is_one_added_property() {
    let before = document();
    let mut changed = bundle().clone();
    let endpoint = changed
        .endpoints
        .iter_mut()
        .find(|endpoint| endpoint.id == "onboard-customer")
        .expect("endpoint");
    let mut field = endpoint.params.last().expect("a param").clone();
    field.name = "nickname".into();
    field.required = false;
    field.ty = eko_spec::Type::String;
    field.items = None;
    endpoint.params.push(field);
    let after = codegen::openapi::document(&changed);
    let schema = "/components/schemas/OnboardCustomerRequest/properties";
    let mut added = after.pointer(schema).expect("properties").clone();
    let nickname = added
        .as_object_mut()
        .expect("object")
        .remove("nickname")
        .expect("the new field is exported");
    assert_eq!(nickname["type"], "string");
    assert_eq!(&added, before.pointer(schema).expect("properties"));
    let mut rest = after.clone();
    *rest.pointer_mut(schema).expect("properties") = before.pointer(schema).unwrap().clone();
    assert_eq!(rest, before, "only the new property differs");
}

/// Every HTTP status the mock answers a served method and path with is among the
/// operation's documented answers (a 405 for another method has no operation to sit
/// under), and an upload takes exactly its documented parts: what Schemathesis
/// checks against eko-mock (`scripts/openapi/schemathesis.sh`).
#[test]
fn every_answer_the_mock_gives_is_documented_and_uploads_take_only_their_parts() {
    let document = document();
    for (path, method, operation) in operations(&document) {
        let responses = operation["responses"].as_object().expect("responses");
        // 200 the envelope; 400 malformed; 403 signing; 404 unknown reference;
        // 408 a body that stops arriving; 413 too large; 415 another content type.
        for status in ["200", "400", "403", "404", "408", "413", "415"] {
            assert!(
                responses.contains_key(status),
                "{method} {path} does not list {status}"
            );
        }
        if let Some(upload) = operation.pointer("/requestBody/content/multipart~1form-data") {
            assert_eq!(
                upload["schema"]["additionalProperties"], false,
                "{method} {path}"
            );
        }
    }
}

/// The schema of the JSON body field `field` of the operation `id`.
fn body_field(document: &Value, id: &str, field: &str) -> Value {
    let operation = operation(document, id);
    let content = &operation["requestBody"]["content"];
    let schema = match content.get("application/json") {
        Some(media) => resolve(document, &media["schema"]),
        None => resolve(
            document,
            &content["multipart/form-data"]["schema"]["properties"]["form-data"]["contentSchema"],
        ),
    };
    schema["properties"][field].clone()
}

/// Eko reads an empty value as a missing one (so does the mock: "is required", "must not
/// be empty"), so the document never calls an empty required value valid; and an
/// amount a page types `integer` is whole, as the mock checks it.
#[test]
fn required_values_are_never_empty_and_integer_amounts_are_whole() {
    let document = document();
    let name = body_field(&document, "onboard-customer", "name");
    assert_eq!(name["minLength"], 1, "{name}");
    let address = body_field(&document, "onboard-customer", "residence_address");
    assert_eq!(address["minItems"], 1, "{address}");
    assert_eq!(address["items"]["minLength"], 1, "{address}");
    let optional = body_field(&document, "onboard-customer", "client_ref_id");
    assert!(optional.get("minLength").is_none(), "{optional}");

    let upload = operation(&document, "activate-aeps-fingpay");
    let parts = &upload["requestBody"]["content"]["multipart/form-data"]["schema"]["properties"];
    assert_eq!(parts["pan_card"]["minLength"], 1, "{parts}");

    let amount = body_field(&document, "aeps-initiate-settlement", "amount");
    assert_eq!(amount["$ref"], "#/components/schemas/Amount", "{amount}");
    assert_eq!(amount["multipleOf"], 1, "{amount}");
    let whole = regex::Regex::new(amount["pattern"].as_str().expect("a pattern")).expect("a regex");
    assert!(whole.is_match("110") && !whole.is_match("110.50"));
    let decimal = body_field(&document, "dmt-initiate-transfer", "amount");
    assert!(decimal.get("multipleOf").is_none(), "{decimal}");
}

/// Pages sharing an operation differ in what they require and in a field's type; the
/// body is valid when one page takes it (the mock answers as the page whose validation
/// passes), not whenever the merged fields accept it.
#[test]
fn pages_sharing_an_operation_keep_their_own_rules() {
    let document = document();
    let refund = operation(&document, "initiate-refund");
    let schema = resolve(
        &document,
        &refund["requestBody"]["content"]["application/json"]["schema"],
    );
    let branches = schema["anyOf"].as_array().expect("one branch per page");
    let branch = |id: &str| {
        branches
            .iter()
            .find(|branch| branch["title"] == id)
            .unwrap_or_else(|| panic!("no branch for {id}: {schema}"))
    };
    assert_eq!(
        branch("qr-initiate-refund")["required"],
        serde_json::json!(["otp_ref_id", "service_code", "state"])
    );
    assert_eq!(
        branch("initiate-refund")["properties"]["service_code"]["type"],
        "integer"
    );
    assert!(branch("initiate-refund").get("required").is_none());
    // One page taking everything the merged fields accept needs no branches.
    let vpa = operation(&document, "upi-validate-vpa");
    let vpa = resolve(
        &document,
        &vpa["requestBody"]["content"]["application/json"]["schema"],
    );
    assert!(vpa.get("anyOf").is_none(), "{vpa}");
}
