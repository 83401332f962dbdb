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
            "unknown-type.md:30: parameter `user_code`: unknown type `text` (known: string, number, integer, boolean, array, object)",
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
fn a_flaw_without_an_override_stops_the_import() {
    // The fixture page needs its override; without it the `[object Object]` example is an error.
    let spec = TempSpec::new();
    std::fs::remove_file(spec.dir.join("overrides/shop-address-keys.toml"))
        .expect("remove override");
    let inputs = [fixture("pages/2030-01-01")];
    let Err(Failure::Invalid(errors)) = import::import(&spec.dir, &inputs) else {
        panic!("expected an error")
    };
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "register-shop.md:39: parameter `address` is an object whose keys the page names only in prose (its example \
          reads `[object Object]`); add an override in spec/overrides/ giving its `fields`"
        ]
    );
    assert!(spec.endpoint_files().is_empty());
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
