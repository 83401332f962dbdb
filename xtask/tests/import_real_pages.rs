//! `spec/` against Eko's published pages: `cargo xtask import --check` must pass, and the
//! generator must load what the importer wrote. Skipped (with a note) when the pages
//! are not checked out next to the workspace.

#[path = "fixtures/support.rs"]
#[allow(dead_code)] // each test crate uses part of the shared helpers
mod support;

use eko_spec::{BodyEncoding, EndpointKind, Type};
use std::path::PathBuf;
use support::crate_dir;

/// The docs folder of the version `spec/` follows, when Eko's pages are checked out.
fn docs() -> Option<PathBuf> {
    match xtask::import::cli::followed_docs(&spec_dir()) {
        Ok(folder) => Some(folder),
        Err(problem) => {
            println!("note: {problem}; skipping the check against Eko's pages");
            None
        }
    }
}

fn spec_dir() -> PathBuf {
    crate_dir().join("../spec")
}

#[test]
fn spec_matches_the_published_pages() {
    let Some(docs) = docs() else { return };
    let (plan, differences) =
        xtask::import::check(&spec_dir(), &[docs]).unwrap_or_else(|failure| panic!("{failure}"));
    assert_eq!(plan.pages, 112);
    let report: Vec<String> = differences.iter().map(ToString::to_string).collect();
    assert!(
        report.is_empty(),
        "spec/ differs from the pages; run `cargo xtask import`:\n{}",
        report.join("\n")
    );
}

#[test]
fn the_generator_loads_every_imported_endpoint_with_its_fixes() {
    if docs().is_none() {
        return;
    }
    let bundle = codegen::load_spec(&spec_dir()).unwrap_or_else(|errors| panic!("{errors}"));
    // The 112 current pages, plus 16 endpoints Eko removed, kept deprecated.
    assert_eq!(bundle.endpoints.len(), 128);
    assert_eq!(
        bundle
            .endpoints
            .iter()
            .filter(|endpoint| endpoint.is_removed())
            .count(),
        16
    );
    let endpoint = |id: &str| {
        bundle
            .endpoints
            .iter()
            .find(|endpoint| endpoint.id == id)
            .expect(id)
    };

    let fingpay = endpoint("activate-aeps-fingpay");
    let former: Vec<&str> = fingpay
        .lifecycle
        .renamed_from
        .iter()
        .map(|alias| alias.id.as_str())
        .collect();
    assert_eq!(former, ["aeps-activate-fingpay"]);
    assert_eq!(fingpay.lifecycle.since, "2026-06-22");
    assert_eq!(fingpay.body, BodyEncoding::Multipart);
    let files: Vec<&str> = fingpay
        .params
        .iter()
        .filter(|param| param.ty == Type::File)
        .map(|param| param.name.as_str())
        .collect();
    assert_eq!(files, ["pan_card", "aadhar_front", "aadhar_back"]);
    let office = fingpay
        .params
        .iter()
        .find(|param| param.name == "office_address")
        .expect("office_address");
    let keys: Vec<&str> = office
        .fields
        .iter()
        .map(|field| field.name.as_str())
        .collect();
    assert_eq!(keys, ["line", "city", "state", "state_id", "pincode"]);

    assert_eq!(
        endpoint("qr-transaction-status-callback").kind,
        EndpointKind::Webhook
    );
    let otp_ref = endpoint("verify-customer-otp")
        .params
        .iter()
        .find(|param| param.name == "otp_ref_id");
    assert_eq!(otp_ref.map(|param| param.ty), Some(Type::String));
    assert!(
        endpoint("onboard-customer")
            .response
            .iter()
            .any(|field| field.path == "kyc_request_id")
    );
    assert!(
        endpoint("aeps-fingpay-cash-withdrawal")
            .response
            .iter()
            .any(|field| field.path == "tx_status")
    );
    for id in ["bulk-bank-account-verification", "pan-bulk-verify"] {
        let entries = endpoint(id)
            .params
            .iter()
            .find(|param| param.name == "entries")
            .expect("entries");
        assert_eq!(entries.items, Some(Type::Object), "{id}");
        assert!(!entries.fields.is_empty(), "{id}");
    }
}

#[test]
fn every_docs_version_we_hold_reads_without_error() {
    let root = xtask::import::cli::docs_root();
    let Ok(folders) = std::fs::read_dir(&root) else {
        println!("note: {} is absent; skipping", root.display());
        return;
    };
    let mut versions: Vec<PathBuf> = folders
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    versions.sort();
    assert!(!versions.is_empty());
    for folder in versions {
        // The same as `cargo xtask import --dry-run <folder>`: overrides that do not fit
        // another version are reported, never errors; anything else unreadable fails.
        let plan = xtask::import::plan(
            &spec_dir(),
            std::slice::from_ref(&folder),
            xtask::import::Mode::DryRun,
        )
        .unwrap_or_else(|failure| panic!("{}: {failure}", folder.display()));
        assert!(
            plan.pages > 100,
            "{}: {} pages",
            folder.display(),
            plan.pages
        );
    }
}
