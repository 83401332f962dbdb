//! Following Eko from one docs version to the next, on fixture versions: `2030-01-01`
//! in the older page layout, `2030-02-01` in the newer one (response types, value
//! lists, callouts, an unknown section, a `file` type, DELETE and PATCH, a new product
//! and a page without one). One page is renamed (same call, new slug) and one is gone.

#[path = "fixtures/support.rs"]
#[allow(dead_code)] // each test crate uses part of the shared helpers
mod support;

use eko_spec::{BodyEncoding, Endpoint, Location, Method, Type};
use std::fs;
use support::{TempSpec, fixture};
use xtask::import::{self, Failure, Mode};

fn version(name: &str) -> Vec<std::path::PathBuf> {
    vec![fixture(&format!("pages/{name}"))]
}

fn endpoint(spec: &TempSpec, relative: &str) -> Endpoint {
    toml::from_str(&spec.read(relative)).expect("a written file is a valid endpoint")
}

/// A spec at the first fixture version, ready for the second: the overrides of the
/// first version's pages are gone with their pages, as a maintainer would leave them.
fn spec_after_first_version() -> TempSpec {
    let spec = TempSpec::new();
    import::import(&spec.dir, &version("2030-01-01")).expect("first version imports");
    for name in ["shop-address-keys", "undocumented-response-fields"] {
        fs::remove_file(spec.dir.join(format!("overrides/{name}.toml"))).expect("remove override");
    }
    spec
}

#[test]
fn an_override_for_a_page_gone_in_the_new_version_stops_the_import() {
    let spec = TempSpec::new();
    import::import(&spec.dir, &version("2030-01-01")).expect("first version imports");
    let Err(Failure::Invalid(errors)) = import::import(&spec.dir, &version("2030-02-01")) else {
        panic!("an override naming a vanished page must fail the import")
    };
    assert!(
        errors.iter().any(|error| error
            .problem
            .contains("override `shop-address-keys` names page `register-shop`")),
        "{errors:?}"
    );
    // A dry run reports the same thing without failing, and writes nothing.
    let plan = import::plan(&spec.dir, &version("2030-02-01"), Mode::DryRun).expect("dry run");
    assert!(
        plan.warnings
            .iter()
            .any(|warning| warning.problem.contains("shop-address-keys"))
    );
    assert!(!spec.dir.join("endpoints/shop_lifecycle").exists());
}

#[test]
fn renamed_removed_and_new_endpoints_are_recorded() {
    let spec = spec_after_first_version();
    let (plan, written) =
        import::import(&spec.dir, &version("2030-02-01")).expect("second version imports");
    assert_eq!(plan.version.as_deref(), Some("2030-02-01"));
    assert_eq!(
        plan.renamed,
        [(
            "get-branch-hours".to_owned(),
            "get-branch-timings".to_owned()
        )]
    );
    assert_eq!(plan.removed, ["register-shop"]);
    assert_eq!(plan.added, ["close-shop", "upload-shop-photo"]);
    assert_eq!(
        written.deleted,
        [std::path::PathBuf::from(
            "endpoints/utilities/get-branch-hours.toml"
        )]
    );

    let renamed = endpoint(&spec, "endpoints/utilities/get-branch-timings.toml");
    assert_eq!(renamed.lifecycle.since, "2030-01-01");
    assert_eq!(renamed.lifecycle.renamed_from.len(), 1);
    let alias = &renamed.lifecycle.renamed_from[0];
    assert_eq!(
        (
            alias.id.as_str(),
            alias.group.as_str(),
            alias.version.as_str()
        ),
        ("get-branch-hours", "utilities", "2030-02-01")
    );

    let removed = endpoint(&spec, "endpoints/user/register-shop.toml");
    assert_eq!(removed.lifecycle.removed.as_deref(), Some("2030-02-01"));
    assert_eq!(removed.lifecycle.since, "2030-01-01");

    let fresh = endpoint(&spec, "endpoints/shop_lifecycle/close-shop.toml");
    assert_eq!(fresh.lifecycle.since, "2030-02-01");
    assert!(
        spec.read("shared.toml")
            .contains("docs_version = \"2030-02-01\"")
    );
    let groups = spec.read("groups.toml");
    assert!(groups.contains("id = \"shop_lifecycle\""), "{groups}");
    assert!(groups.contains("id = \"other\""), "{groups}");
    assert!(
        groups.contains("id = \"payout\""),
        "groups are never dropped:\n{groups}"
    );

    // Importing the same version again changes nothing.
    let (_, again) = import::import(&spec.dir, &version("2030-02-01")).expect("re-import");
    assert!(
        again.written.is_empty() && again.deleted.is_empty(),
        "{again:?}"
    );
}

#[test]
fn the_newer_page_layout_is_read_completely() {
    let spec = spec_after_first_version();
    let (plan, _) =
        import::import(&spec.dir, &version("2030-02-01")).expect("second version imports");
    let close = endpoint(&spec, "endpoints/shop_lifecycle/close-shop.toml");
    assert_eq!(close.method, Method::Delete);
    assert_eq!(close.source.product.as_deref(), Some("shop-lifecycle-api"));

    // An empty `e.g.` is no example.
    let reason = close
        .params
        .iter()
        .find(|param| param.name == "reason_code")
        .expect("reason_code");
    assert_eq!(reason.example, None);
    assert_eq!(reason.description, "Why the shop closes.");

    // An object shown only as `[object Object]` gets its keys from the example request;
    // keys the description names are required when the object is.
    let handover = close
        .params
        .iter()
        .find(|param| param.name == "handover")
        .expect("handover");
    assert_eq!(handover.location, Location::Body);
    let keys: Vec<(&str, Type, bool)> = handover
        .fields
        .iter()
        .map(|field| (field.name.as_str(), field.ty, field.required))
        .collect();
    assert_eq!(
        keys,
        [("name", Type::String, true), ("mobile", Type::String, true)]
    );
    assert_eq!(
        handover.fields[1].format,
        Some(eko_spec::Format::Mobile),
        "formats are inferred for inferred keys"
    );
    assert_eq!(
        handover.example.as_deref(),
        Some(r#"{"name":"Asha","mobile":"9876543210"}"#)
    );

    // Response types with their next step, and error scenarios with their ids.
    let types: Vec<(i64, Option<&str>)> = close
        .response_types
        .iter()
        .map(|item| (item.id, item.next.as_deref()))
        .collect();
    assert_eq!(types, [(1701, None), (1702, Some("get-branch-timings"))]);
    let errors: Vec<(u16, Option<i64>)> = close
        .errors
        .iter()
        .map(|error| (error.http_status, error.response_type_id))
        .collect();
    assert_eq!(errors, [(200, Some(1702)), (404, None)]);

    // A value list documented before the parameter tables, with its label column.
    let list = &close.value_lists[0];
    assert_eq!(list.field, "shop_state_list[].state");
    assert_eq!(list.title, "Shop state");
    assert_eq!(list.label_field.as_deref(), Some("state_desc"));
    let values: Vec<(&str, Option<&str>)> = list
        .values
        .iter()
        .map(|value| (value.code.as_str(), value.label.as_deref()))
        .collect();
    assert_eq!(values, [("0", Some("CLOSED")), ("1", Some("OPEN"))]);

    // Callouts and the unknown section are kept as prose, and the section is reported.
    let kinds: Vec<(&str, Option<&str>)> = close
        .notes
        .iter()
        .map(|note| (note.kind.as_str(), note.title.as_deref()))
        .collect();
    assert!(kinds.contains(&("note", None)), "{kinds:?}");
    assert!(
        kinds.contains(&("section", Some("Rate limits"))),
        "{kinds:?}"
    );
    let limits = close
        .notes
        .iter()
        .find(|note| note.title.as_deref() == Some("Rate limits"))
        .expect("kept");
    assert!(
        limits.text.contains("At most 10 closures per minute."),
        "{}",
        limits.text
    );
    let report: Vec<String> = plan.warnings.iter().map(ToString::to_string).collect();
    assert!(
        report
            .iter()
            .any(|line| line.contains("unknown section `## Rate limits` kept as prose")),
        "{report:#?}"
    );

    // Fields only the example shows: optional, typed from the example, marked, reported.
    let closed_at = close
        .response
        .iter()
        .find(|field| field.path == "closed_at")
        .expect("closed_at");
    assert!(closed_at.undocumented);
    assert_eq!(closed_at.ty, Type::String);
    assert!(
        report
            .iter()
            .any(|line| line.contains("`data.closed_at` is only in the example response")),
        "{report:#?}"
    );
    assert!(
        close
            .response
            .iter()
            .any(|field| field.path == "shop_state_list.state_desc" && field.undocumented)
    );
    assert_eq!(
        close.examples.response_note.as_deref(),
        Some("`response_type_id` `1701` — Shop closed.")
    );

    // A `file` field makes the body multipart; a page without a product lands in `other`.
    let upload = endpoint(&spec, "endpoints/other/upload-shop-photo.toml");
    assert_eq!(upload.method, Method::Patch);
    assert_eq!(upload.body, BodyEncoding::Multipart);
    assert!(
        upload
            .params
            .iter()
            .any(|param| param.name == "photo" && param.ty == Type::File)
    );
    assert!(upload.notes.iter().any(|note| note.kind == "important"));
}

#[test]
fn the_new_version_generates_with_deprecations_and_aliases() {
    let spec = spec_after_first_version();
    import::import(&spec.dir, &version("2030-02-01")).expect("second version imports");
    let bundle = codegen::load_spec(&spec.dir).unwrap_or_else(|errors| panic!("{errors}"));
    let manifest =
        fs::read_to_string(xtask::workspace_root().join("eko-api/Cargo.toml")).expect("manifest");
    let files = codegen::generate(&bundle, &manifest).unwrap_or_else(|errors| panic!("{errors}"));
    let file = |name: &str| {
        files
            .iter()
            .find(|file| file.path.ends_with(name))
            .unwrap_or_else(|| panic!("{name} is generated"))
            .contents
            .clone()
    };
    let utilities = file("generated/utilities.rs");
    assert!(
        utilities.contains(
            "pub type GetBranchHoursRequest = crate::utilities::GetBranchTimingsRequest;"
        ),
        "{utilities}"
    );
    assert!(
        utilities.contains("pub async fn get_branch_hours("),
        "{utilities}"
    );
    assert!(
        utilities.contains(
            "Eko renamed `get-branch-hours` to `get-branch-timings` in its docs of 2030-02-01"
        ),
        "{utilities}"
    );
    let user = file("generated/user.rs");
    assert!(
        user.contains("Eko's docs of 2030-02-01 no longer have `register-shop`"),
        "{user}"
    );
    assert!(file("generated/mod.rs").contains("pub const DOCS_VERSION: &str = \"2030-02-01\";"));
    assert!(file("generated/shop_lifecycle.rs").contains("pub async fn close_shop("));
    let manifest = file("eko-api/Cargo.toml");
    for feature in [
        "shop_lifecycle = []",
        "other = []",
        "payout = []",
        "user = []",
    ] {
        assert!(manifest.contains(feature), "{feature} missing:\n{manifest}");
    }
}

#[test]
fn prune_deletes_removed_endpoints_and_former_names() {
    let spec = spec_after_first_version();
    import::import(&spec.dir, &version("2030-02-01")).expect("second version imports");
    let planned = xtask::prune::prune(&spec.dir, true).expect("prune --check");
    assert_eq!(
        planned.deleted,
        [std::path::PathBuf::from(
            "endpoints/user/register-shop.toml"
        )]
    );
    assert!(
        spec.dir.join("endpoints/user/register-shop.toml").exists(),
        "--check deletes nothing"
    );
    let pruned = xtask::prune::prune(&spec.dir, false).expect("prune");
    assert_eq!(pruned, planned);
    assert!(!spec.dir.join("endpoints/user/register-shop.toml").exists());
    let renamed = endpoint(&spec, "endpoints/utilities/get-branch-timings.toml");
    assert!(renamed.lifecycle.renamed_from.is_empty());
    // The pruned spec still matches the pages it follows, apart from what pruning removed.
    codegen::load_spec(&spec.dir).unwrap_or_else(|errors| panic!("{errors}"));
}
