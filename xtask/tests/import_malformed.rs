//! Malformed pages and stale overrides: each error names the page, the line and the
//! problem, and nothing is written — not even the pages that were fine.

#[path = "fixtures/support.rs"]
#[allow(dead_code)] // each test crate uses part of the shared helpers
mod support;

use support::{TempSpec, fixture};
use xtask::import::{self, Failure};

/// Imports a good page together with `page` and returns the error lines.
fn errors_for(spec: &TempSpec, page: &str) -> Vec<String> {
    let inputs = [
        fixture("pages/2030-01-01/get-branch-hours.md"),
        fixture(&format!("malformed/{page}")),
    ];
    match import::import(&spec.dir, &inputs) {
        Err(Failure::Invalid(errors)) => errors.iter().map(ToString::to_string).collect(),
        Err(other) => panic!("expected page errors, got {other}"),
        Ok(_) => panic!("{page} imported without error"),
    }
}

fn assert_fails(page: &str, expected: &[&str]) {
    let spec = TempSpec::new();
    assert_eq!(errors_for(&spec, page), expected);
    assert!(
        spec.endpoint_files().is_empty(),
        "a failed import wrote files"
    );
}

#[test]
fn a_page_without_a_method_line() {
    assert_fails(
        "missing-method-line.md",
        &[
            "missing-method-line.md:13: missing method line: expected `METHOD URL` right after the title, found `GET the hours of a branch.`",
        ],
    );
}

#[test]
fn a_table_with_the_wrong_columns() {
    assert_fails(
        "wrong-columns.md",
        &[
            "wrong-columns.md:27: table under `## Query parameters` has columns [Field | Type | Description]; expected [Field | Type | Required | Description]",
        ],
    );
}

#[test]
fn an_example_that_is_not_json() {
    assert_fails(
        "invalid-json.md",
        &["invalid-json.md:65: the example response is not valid JSON: trailing comma (column 27)"],
    );
}

#[test]
fn an_unknown_type() {
    assert_fails(
        "unknown-type.md",
        &[
            "unknown-type.md:30: parameter `user_code`: unknown type `text` (known: string, number, integer, boolean, array, object, file)",
        ],
    );
}

#[test]
fn an_override_whose_flaw_is_gone() {
    let spec = TempSpec::new();
    spec.add_override(
        "ifsc-is-number",
        "name = \"ifsc-is-number\"\nwhy = \"Pretend the page typed the IFSC as an integer.\"\n\n[[apply]]\n\
         pages = [\"flaw-gone\"]\nflaw = { params = [\"ifsc\"], type = \"integer\" }\nchange = { type = \"string\" }\n",
    );
    assert_eq!(
        errors_for(&spec, "flaw-gone.md"),
        [
            "flaw-gone.md:23: override `ifsc-is-number` (spec/overrides/ifsc-is-number.toml:4) no longer matches the page: \
          parameter `ifsc` has type string instead of integer; if the page was corrected, delete the override"
        ]
    );
    assert!(spec.endpoint_files().is_empty());
}

#[test]
fn an_object_without_its_override_is_typed_from_the_example_and_reported() {
    // The fixture page names the keys of `address` only in prose; without the override
    // that describes them, the keys the example request shows are used, and reported.
    let spec = TempSpec::new();
    std::fs::remove_file(spec.dir.join("overrides/shop-address-keys.toml"))
        .expect("remove override");
    let inputs = [fixture("pages/2030-01-01")];
    let plan = import::plan(&spec.dir, &inputs, import::Mode::Follow).expect("imports");
    let warnings: Vec<String> = plan.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings.contains(&"register-shop.md:39: parameter `address`: its keys are typed from the example request".to_owned()),
        "{warnings:#?}"
    );
    let file = plan
        .files
        .iter()
        .find(|file| file.path.ends_with("register-shop.toml"))
        .expect("register-shop is planned");
    let endpoint: eko_spec::Endpoint = toml::from_str(&file.text).expect("parses");
    let address = endpoint
        .params
        .iter()
        .find(|param| param.name == "address")
        .expect("address");
    assert!(!address.fields.is_empty(), "{address:?}");
}

#[test]
fn an_invalid_override_file_is_reported_with_its_line() {
    let spec = TempSpec::new();
    spec.add_override("broken", "name = \"broken\"\nwhy = \"x\"\n\n[[apply]]\npages = [\"register-shop\"]\nflaw = { params = [\"address\"] }\nchange = { type = \"string\" }\n");
    let Err(Failure::Invalid(errors)) = import::import(&spec.dir, &[fixture("pages/2030-01-01")])
    else {
        panic!("expected an error")
    };
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "spec/overrides/broken.toml:4: `flaw.params`/`flaw.response` go with a condition on them (`type`, `example`, `description_contains`)"
        ]
    );
}

#[test]
fn a_response_types_table_with_an_unknown_column() {
    assert_fails(
        "response-types-columns.md",
        &[
            "response-types-columns.md:77: table under `## Response types` has columns [response_type_id | Meaning | Next step | Owner]; expected [response_type_id | Meaning | Next step]",
        ],
    );
}

#[test]
fn outcome_and_value_tables_in_unexpected_shapes() {
    assert_fails(
        "outcome-tables.md",
        &[
            "outcome-tables.md:24: the value table of `shop_state_list[].state` has columns [`state` | Label | Meaning]; expected [`state` | (`label field`) | Meaning]",
            "outcome-tables.md:80: the next step `ask support` is not a link to a doc page",
            "outcome-tables.md:115: the error-scenario table has columns [Status | Severity | Scenario]; expected [Status | Scenario | (response_type_id)]",
        ],
    );
}
