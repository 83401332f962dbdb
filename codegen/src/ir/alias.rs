//! Former names of renamed endpoints: the deprecated type aliases and client method
//! that keep their callers compiling.

use super::{AliasIr, Context, EndpointIr, lower_endpoint};
use eko_spec::Endpoint;

/// The aliases of every endpoint whose former name lived in `group`; `endpoints` pairs
/// each endpoint with its lowering.
pub(super) fn aliases_in(
    group: &str,
    endpoints: &[(&Endpoint, EndpointIr)],
    context: &Context,
) -> Vec<AliasIr> {
    let mut aliases = Vec::new();
    for (spec, endpoint) in endpoints {
        for alias in spec
            .lifecycle
            .renamed_from
            .iter()
            .filter(|alias| alias.group == group)
        {
            // The former names are the names the current shape would have under the
            // former id: lowering it again under that id gives them in the same order.
            let mut former = (*spec).clone();
            former.id = alias.id.clone();
            let former = lower_endpoint(&former, context);
            let types = former
                .type_names()
                .cloned()
                .zip(endpoint.type_names().cloned())
                .collect();
            let target = match &endpoint.request {
                Some(_) => format!("`Client::{}`", endpoint.client_method),
                None => format!("`{}`", endpoint.data.name),
            };
            aliases.push(AliasIr {
                id: alias.id.clone(),
                client_method: former.client_method,
                target_id: endpoint.id.clone(),
                target_method: endpoint
                    .request
                    .as_ref()
                    .map(|_| endpoint.client_method.clone()),
                target_module: endpoint.group.clone(),
                types,
                request: endpoint
                    .request
                    .as_ref()
                    .map(|request| request.name.clone()),
                data: endpoint.data.name.clone(),
                outcome: endpoint
                    .outcome
                    .as_ref()
                    .map(|outcome| outcome.name.clone()),
                note: format!(
                    "Eko renamed `{}` to `{}` in its docs of {}; use {target}",
                    alias.id, endpoint.id, alias.version
                ),
            });
        }
    }
    aliases.sort_by(|a, b| a.id.cmp(&b.id));
    aliases
}
