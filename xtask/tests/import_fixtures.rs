//! Importing well-formed fixture pages: the spec files written, overrides applied,
//! idempotency and `--check`.

#[path = "fixtures/support.rs"]
mod support;

use eko_spec::{BodyEncoding, Endpoint, Format, Location, Method, Type};
use std::fs;
use support::{TempSpec, fixture};
use xtask::import::{self, Difference, Failure};

fn pages() -> Vec<std::path::PathBuf> {
    vec![fixture("pages/2030-01-01")]
}

fn endpoint(spec: &TempSpec, relative: &str) -> Endpoint {
    toml::from_str(&spec.read(relative)).expect("a written file is a valid endpoint")
}

#[test]
fn a_get_page_becomes_an_endpoint_file() {
    let spec = TempSpec::new();
    import::import(&spec.dir, &pages()).expect("fixtures import");
    let text = spec.read("endpoints/utilities/get-branch-hours.toml");
    assert!(text.starts_with(
        "# Imported from https://eps.eko.in/docs/get-branch-hours by cargo xtask import; do not hand-edit"
    ));
    let endpoint = endpoint(&spec, "endpoints/utilities/get-branch-hours.toml");
    assert_eq!(endpoint.id, "get-branch-hours");
    assert_eq!(endpoint.name, "Get Branch Hours");
    assert_eq!(
        endpoint.summary,
        "Look up the opening hours of a bank branch."
    );
    assert_eq!(endpoint.description, None);
    assert_eq!(endpoint.group, "utilities");
    assert_eq!(endpoint.method, Method::Get);
    assert_eq!(endpoint.path, "/tools/reference/branch/{ifsc}/hours");
    assert_eq!(endpoint.source.page, "get-branch-hours.md");
    assert_eq!(endpoint.source.version, "2030-01-01");
    let params: Vec<(&str, Location, Option<Format>)> = endpoint
        .params
        .iter()
        .map(|param| (param.name.as_str(), param.location, param.format))
        .collect();
    assert_eq!(
        params,
        [
            ("ifsc", Location::Path, Some(Format::Ifsc)),
            ("initiator_id", Location::Query, Some(Format::Mobile)),
            ("user_code", Location::Query, None),
        ]
    );
    assert_eq!(endpoint.params[0].example.as_deref(), Some("SBIN0001234"));
    assert_eq!(endpoint.params[0].description, "IFSC code of the branch.");
    let response: Vec<(&str, Type, bool, Option<Type>)> = endpoint
        .response
        .iter()
        .map(|field| (field.path.as_str(), field.ty, field.verifiable, field.items))
        .collect();
    assert_eq!(
        response,
        [
            ("open", Type::Boolean, true, None),
            ("days", Type::Array, false, Some(Type::String))
        ]
    );
    assert_eq!(endpoint.outcomes.len(), 1);
    assert_eq!(
        (
            endpoint.outcomes[0].status,
            endpoint.outcomes[0].response_type_id
        ),
        (0, Some(1501))
    );
    assert!(endpoint.examples.request.is_none());
    assert!(
        endpoint
            .examples
            .response
            .starts_with("{\n  \"status\": 0,")
    );
    assert!(endpoint.errors.is_empty() && endpoint.fixes.is_empty());
}

#[test]
fn a_post_page_keeps_nested_params_and_response_trees_and_applies_overrides() {
    let spec = TempSpec::new();
    import::import(&spec.dir, &pages()).expect("fixtures import");
    let endpoint = endpoint(&spec, "endpoints/user/register-shop.toml");
    assert_eq!(endpoint.method, Method::Post);
    assert_eq!(endpoint.body, BodyEncoding::Json);
    assert_eq!(
        endpoint.description.as_deref(),
        Some(
            "Records the shop of an agent, with its owner and address; the `shop_id` returned identifies it later.\n\n\
             A second paragraph of description."
        )
    );
    let param = |name: &str| {
        endpoint
            .params
            .iter()
            .find(|param| param.name == name)
            .expect(name)
    };
    assert_eq!(param("owner_mobile").format, Some(Format::Mobile));
    assert_eq!(param("opened_on").format, Some(Format::Date));
    assert_eq!(param("client_ref_id").format, Some(Format::ClientRefId));
    assert_eq!(param("floor_area").ty, Type::Number);
    assert_eq!(
        (param("tags").items, param("tags").example.as_deref()),
        (Some(Type::String), Some("kirana,pharmacy"))
    );
    let address = param("address");
    assert_eq!(
        address.example.as_deref(),
        Some(r#"{"line":"5 Gandhi Market","pincode":"800001"}"#)
    );
    let keys: Vec<(&str, Option<&str>, Option<Format>)> = address
        .fields
        .iter()
        .map(|field| (field.name.as_str(), field.example.as_deref(), field.format))
        .collect();
    assert_eq!(
        keys,
        [
            ("line", Some("5 Gandhi Market"), None),
            ("pincode", Some("800001"), Some(Format::Pincode))
        ]
    );
    assert!(
        address
            .fields
            .iter()
            .all(|field| field.location == Location::Body && field.required)
    );

    let response: Vec<(&str, Type)> = endpoint
        .response
        .iter()
        .map(|field| (field.path.as_str(), field.ty))
        .collect();
    assert_eq!(
        response,
        [
            ("shop_id", Type::Number),
            ("owner", Type::Object),
            ("owner.name", Type::String),
            ("staff", Type::Array),
            ("staff.name", Type::String),
            ("staff.role", Type::String),
            ("staff.shift", Type::String),
            ("audit_ref", Type::String),
        ]
    );
    // Documented children mean no element type; the added fields say where they come from.
    assert_eq!(endpoint.response[3].items, None);
    assert!(
        endpoint.response[6]
            .description
            .starts_with("Not in the page's response table")
    );
    assert_eq!(
        endpoint.fixes,
        ["shop-address-keys", "undocumented-response-fields"]
    );
    let scenarios: Vec<(u16, &str)> = endpoint
        .errors
        .iter()
        .map(|error| (error.http_status, error.scenario.as_str()))
        .collect();
    assert_eq!(
        scenarios,
        [(400, "Missing address"), (200, "Unknown user_code")]
    );
    assert!(
        endpoint
            .examples
            .request
            .as_deref()
            .is_some_and(|text| text.contains("\"floor_area\": 12.5"))
    );
}

#[test]
fn importing_twice_changes_nothing() {
    let spec = TempSpec::new();
    let (plan, first) = import::import(&spec.dir, &pages()).expect("first import");
    assert_eq!(plan.pages, 2);
    // Both endpoint files, and shared.toml's docs version.
    assert_eq!(first.written.len(), 3);
    let before = spec.endpoint_files();
    let (_, second) = import::import(&spec.dir, &pages()).expect("second import");
    assert!(second.written.is_empty());
    assert_eq!(second.unchanged, 2);
    assert_eq!(spec.endpoint_files(), before);
}

#[test]
fn check_passes_after_import_and_reports_every_kind_of_difference() {
    let spec = TempSpec::new();
    let (_, before) = import::check(&spec.dir, &pages()).expect("check runs");
    assert_eq!(before.len(), 3, "{before:?}");
    assert_eq!(
        before[..2],
        [
            Difference::Missing {
                path: "endpoints/user/register-shop.toml".into()
            },
            Difference::Missing {
                path: "endpoints/utilities/get-branch-hours.toml".into()
            },
        ]
    );
    // Importing a whole dated folder records its version in shared.toml.
    let Difference::Changed { path, diff } = &before[2] else {
        panic!("expected shared.toml to change: {before:?}")
    };
    assert_eq!(path, &std::path::PathBuf::from("shared.toml"));
    assert!(diff.contains("+docs_version = \"2030-01-01\""), "{diff}");
    import::import(&spec.dir, &pages()).expect("import");
    let (_, after) = import::check(&spec.dir, &pages()).expect("check runs");
    assert!(after.is_empty(), "{after:?}");

    let edited = spec.dir.join("endpoints/utilities/get-branch-hours.toml");
    let text = fs::read_to_string(&edited).expect("read");
    fs::write(
        &edited,
        text.replace("name = \"Get Branch Hours\"", "name = \"Hand Edited\""),
    )
    .expect("write");
    // A stray copy in another group's folder, and an endpoint whose page is gone.
    fs::create_dir_all(spec.dir.join("endpoints/kyc")).expect("mkdir");
    fs::write(spec.dir.join("endpoints/kyc/get-branch-hours.toml"), &text).expect("write");
    let retired = text
        .replace("id = \"get-branch-hours\"", "id = \"retired-page\"")
        .replace("group = \"utilities\"", "group = \"kyc\"")
        .replace("path = \"/", "path = \"/retired/");
    fs::write(spec.dir.join("endpoints/kyc/retired-page.toml"), retired).expect("write");
    let (plan, found) = import::check(&spec.dir, &pages()).expect("check runs");
    assert_eq!(found.len(), 3, "{found:?}");
    let Difference::Changed { path, diff } = &found[0] else {
        panic!("expected the retired page to change first: {found:?}")
    };
    assert_eq!(
        path,
        &std::path::PathBuf::from("endpoints/kyc/retired-page.toml")
    );
    assert!(diff.contains("+removed = \"2030-01-01\""), "{diff}");
    assert_eq!(plan.removed, ["retired-page"]);
    let Difference::Changed { path, diff } = &found[1] else {
        panic!("expected the hand edit next: {found:?}")
    };
    assert_eq!(
        path,
        &std::path::PathBuf::from("endpoints/utilities/get-branch-hours.toml")
    );
    assert!(
        diff.contains("-name = \"Hand Edited\"\n+name = \"Get Branch Hours\"\n"),
        "{diff}"
    );
    assert!(
        matches!(&found[2], Difference::Deleted { path, .. } if path == &std::path::PathBuf::from("endpoints/kyc/get-branch-hours.toml")),
        "{found:?}"
    );

    // Importing repairs the edit, deletes the stray copy, and keeps the endpoint whose
    // page is gone, marked removed: only `cargo xtask prune` deletes it.
    let (_, written) = import::import(&spec.dir, &pages()).expect("import");
    assert_eq!(
        written.deleted,
        [std::path::PathBuf::from(
            "endpoints/kyc/get-branch-hours.toml"
        )]
    );
    let kept = fs::read_to_string(spec.dir.join("endpoints/kyc/retired-page.toml")).expect("kept");
    assert!(kept.contains("removed = \"2030-01-01\""), "{kept}");
}

#[test]
fn a_single_page_can_be_imported_on_its_own() {
    let spec = TempSpec::new();
    let page = fixture("pages/2030-01-01/get-branch-hours.md");
    let (plan, written) = import::import(&spec.dir, &[page]).expect("one page imports");
    assert_eq!((plan.pages, written.written.len()), (1, 1));
}

#[test]
fn a_brand_new_page_becomes_a_typed_client_method_without_code_edits() {
    let spec = TempSpec::new();
    import::import(&spec.dir, &pages()).expect("fixtures import");
    let bundle = codegen::load_spec(&spec.dir).unwrap_or_else(|errors| panic!("{errors}"));
    let ids: Vec<&str> = bundle
        .endpoints
        .iter()
        .map(|endpoint| endpoint.id.as_str())
        .collect();
    assert_eq!(ids, ["get-branch-hours", "register-shop"]);

    // The same generator run as `cargo xtask codegen` turns them into client methods.
    let manifest = std::fs::read_to_string(xtask::workspace_root().join("eko-api/Cargo.toml"))
        .expect("eko-api manifest");
    let files = codegen::generate(&bundle, &manifest).unwrap_or_else(|errors| panic!("{errors}"));
    let library: String = files
        .iter()
        .filter(|file| file.path.starts_with(codegen::emit::LIBRARY_DIR))
        .map(|file| file.contents.as_str())
        .collect();
    for method in [
        "pub async fn get_branch_hours(",
        "pub async fn register_shop(",
    ] {
        assert!(
            library.contains(method),
            "no `{method}` in the generated code"
        );
    }
    assert!(library.contains("impl crate::Endpoint for GetBranchHoursRequest"));
}

#[test]
fn an_override_for_a_page_missing_from_a_folder_import_is_an_error() {
    let spec = TempSpec::new();
    spec.add_override(
        "retired",
        "name = \"retired\"\nwhy = \"A page that no longer exists.\"\n\n[[apply]]\npages = [\"no-such-page\"]\n\
         flaw = { path = \"/x\" }\nchange = { kind = \"webhook\" }\n",
    );
    let Err(Failure::Invalid(errors)) = import::import(&spec.dir, &pages()) else {
        panic!("expected an error")
    };
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "spec/overrides/retired.toml:4: override `retired` names page `no-such-page`, which is not among the imported pages; the page is gone or renamed: remove or rename it in the override"
        ]
    );
    assert!(spec.endpoint_files().is_empty());
}
