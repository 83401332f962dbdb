//! The overview a group module opens with: its title, its feature, a table of its
//! endpoints and the former names it keeps.

use super::{AliasIr, EndpointIr};
use crate::docs;
use eko_spec::{Endpoint, EndpointKind, Group};

/// The overview's table row of one endpoint, whose client method and payload type
/// are already named.
pub(super) fn row(endpoint: &Endpoint, client_method: &str, data: &str) -> String {
    let mut call = match endpoint.kind {
        EndpointKind::Call => {
            format!("[`Client::{client_method}`](crate::Client::{client_method})")
        }
        EndpointKind::Webhook => format!("webhook: [`{data}`](crate::{}::{data})", endpoint.group),
    };
    if let Some(version) = &endpoint.lifecycle.removed {
        call = format!("{call} (deprecated: gone from the docs of {version})");
    }
    format!(
        " | {call} | {} | `{} {}` |",
        docs::escape(&endpoint.name),
        endpoint.method.as_str(),
        endpoint.path
    )
}

/// The module's inner doc lines.
pub(super) fn module_docs(
    group: &Group,
    endpoints: &[EndpointIr],
    aliases: &[AliasIr],
) -> Vec<String> {
    let mut lines = docs::lines([group.title.as_str(), group.description.as_str()]);
    lines[0] = format!(" # {}", docs::escape(&group.title));
    lines.push(String::new());
    lines.push(format!(
        " Enabled by the `{}` cargo feature (on by default).",
        group.id
    ));
    lines.push(String::new());
    lines.push(" | Client method | Endpoint | HTTP |".into());
    lines.push(" | --- | --- | --- |".into());
    lines.extend(
        endpoints
            .iter()
            .map(|endpoint| endpoint.overview_row.clone()),
    );
    if !aliases.is_empty() {
        lines.push(String::new());
        lines.push(" Former names, kept as deprecated aliases:".into());
        lines.push(String::new());
        for alias in aliases {
            lines.push(format!(
                " - `{}` → [`{}`](crate::{}::{})",
                alias.id, alias.target_id, alias.target_module, alias.data
            ));
        }
    }
    lines
}

/// The group's title and description in one line (already escaped).
pub(super) fn summary(group: &Group) -> String {
    format!(
        "{}: {}",
        docs::escape(&group.title),
        docs::escape(&group.description)
    )
}
