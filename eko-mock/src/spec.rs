//! The spec bundle the mock serves, embedded at build time.

use std::sync::LazyLock;

/// The spec bundle the mock serves, as written by `cargo xtask codegen`.
const SPEC_JSON: &str = include_str!("../spec.json");

/// The spec the mock serves: shared definitions and every endpoint.
///
/// The bundle is checked in and regenerated together with the client, so it always
/// parses; should it ever not, the mock serves an empty spec (every path is a 404)
/// and logs why, rather than panicking inside a server.
pub fn bundle() -> &'static eko_spec::Bundle {
    static BUNDLE: LazyLock<eko_spec::Bundle> = LazyLock::new(|| {
        eko_spec::Bundle::from_json(SPEC_JSON).unwrap_or_else(|error| {
            tracing::error!(%error, "the embedded spec bundle does not parse; serving nothing");
            eko_spec::Bundle {
                shared: empty_shared(),
                endpoints: Vec::new(),
            }
        })
    });
    &BUNDLE
}

fn empty_shared() -> eko_spec::Shared {
    eko_spec::Shared {
        docs_version: String::new(),
        environments: Default::default(),
        auth_headers: Vec::new(),
        common_params: Vec::new(),
        envelope: Vec::new(),
        status_codes: Vec::new(),
        formats: Vec::new(),
        groups: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_embedded_bundle_parses() {
        assert!(eko_spec::Bundle::from_json(super::SPEC_JSON).is_ok());
        assert!(!super::bundle().endpoints.is_empty());
    }
}
