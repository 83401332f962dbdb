//! The promise to crates that depend on `eko-api`: when Eko renames or removes an
//! endpoint, a caller's code keeps compiling and working. Every former name is called
//! through the real client against the mock with its request typed by the former type
//! name; every endpoint of the first docs version we followed is still reachable.

// The point of this file is to use deprecated names.
#![allow(deprecated)]

use eko_api::Outcome as _;
use eko_tests::{bundle, start_mock, workspace_root};
use std::collections::BTreeSet;

macro_rules! former_name_tests {
    ($(($method:ident, $example:ident, $module:ident, $request:ident, $id:literal)),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $method() {
                let (_server, client) = start_mock().await;
                // The former type name still names the request type...
                let request: eko_api::$module::$request = eko_tests::examples::$example();
                // ...and the former method still sends it.
                let response = client
                    .$method(&request)
                    .await
                    .unwrap_or_else(|error| panic!("{}: the former name failed: {error}", $id));
                assert!(response.status() == 0 || response.response_type_id().is_some(), "{}", $id);
                assert!(eko_api::Outcome::documented(&response).is_some(), "{}: the documented example is a documented outcome", $id);
            }
        )*
    };
}

eko_tests::for_each_former_name!(former_name_tests);

/// Ids the generated API answers to: endpoints and the former names of renamed ones.
fn reachable_ids() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for endpoint in &bundle().endpoints {
        ids.insert(endpoint.id.clone());
        ids.extend(
            endpoint
                .lifecycle
                .renamed_from
                .iter()
                .map(|alias| alias.id.clone()),
        );
    }
    ids
}

#[test]
fn every_endpoint_of_every_docs_version_we_hold_is_still_reachable() {
    let docs = workspace_root().join("../shared/eko-docs");
    let Ok(folders) = std::fs::read_dir(&docs) else {
        println!("note: {} is absent; nothing to compare", docs.display());
        return;
    };
    let reachable = reachable_ids();
    let mut checked = 0;
    for folder in folders.flatten().filter(|entry| entry.path().is_dir()) {
        for page in std::fs::read_dir(folder.path())
            .expect("docs folder")
            .flatten()
        {
            let name = page.file_name().to_string_lossy().into_owned();
            let Some(id) = name.strip_suffix(".md") else {
                continue;
            };
            assert!(
                reachable.contains(id),
                "`{id}` (in {}) is neither an endpoint nor a former name: callers of it would break",
                folder.file_name().to_string_lossy()
            );
            checked += 1;
        }
    }
    assert!(checked > 0);
}

#[test]
fn the_crate_names_the_docs_version_it_was_generated_from() {
    assert_eq!(eko_api::DOCS_VERSION, bundle().shared.docs_version);
}

#[test]
fn removed_endpoints_are_still_served_and_deprecated() {
    let removed: Vec<&str> = bundle()
        .endpoints
        .iter()
        .filter(|endpoint| endpoint.is_removed())
        .map(|endpoint| endpoint.id.as_str())
        .collect();
    assert!(removed.contains(&"setup-callback-url"), "{removed:?}");
    // Each is generated with a deprecation naming the version that dropped it.
    for id in removed {
        let endpoint = bundle()
            .endpoints
            .iter()
            .find(|endpoint| endpoint.id == id)
            .unwrap();
        let module = std::fs::read_to_string(
            workspace_root().join(format!("eko-api/src/generated/{}.rs", endpoint.group)),
        )
        .expect("module");
        let note = format!(
            "Eko's docs of {} no longer have `{id}`",
            endpoint.lifecycle.removed.as_deref().unwrap_or_default()
        );
        assert!(module.contains(&note), "{id}: no deprecation note");
    }
}
