//! The environments' base URLs, as constants the runtime's `Environment` reads.

use crate::docs;
use eko_spec::Shared;
use heck::ToShoutySnakeCase;

/// One environment's base URL constant.
#[derive(Debug, Clone, PartialEq)]
pub struct EnvironmentIr {
    /// The constant, e.g. `STAGING_BASE_URL`.
    pub constant: String,
    /// The base URL.
    pub url: String,
    /// Its doc line (already escaped).
    pub doc: String,
}

/// Every environment, in name order.
pub(super) fn lower(shared: &Shared) -> Vec<EnvironmentIr> {
    shared
        .environments
        .iter()
        .map(|(name, environment)| EnvironmentIr {
            constant: format!("{}_BASE_URL", name.to_shouty_snake_case()),
            url: environment.base_url.clone(),
            doc: format!(
                " Base URL of `{name}`: {}",
                docs::escape(&environment.description)
            ),
        })
        .collect()
}
