//! The public names the generated crate defines, so that a renamed, moved or deleted
//! endpoint can be checked for names callers used that no longer resolve.

use crate::ir::{AliasIr, EndpointIr, Ir};
use eko_spec::EndpointKind;
use std::collections::BTreeSet;
use std::fmt;

/// A name a caller can write.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Item {
    /// A method of `Client` (they all live on the one type, whatever the module).
    Method(String),
    /// A type in a group module: `eko_api::<module>::<name>`.
    Type {
        /// The group module.
        module: String,
        /// The type name.
        name: String,
    },
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Item::Method(name) => write!(f, "Client::{name}"),
            Item::Type { module, name } => write!(f, "{module}::{name}"),
        }
    }
}

/// The names callers reach an endpoint by: its client method, request type and
/// outcome enum (calls only) and its data type. Nested types are left to the field
/// diff, which reports the field whose type they are.
pub(super) fn top_level(endpoint: &EndpointIr) -> Vec<Item> {
    let module = &endpoint.group;
    let mut items = Vec::new();
    if endpoint.kind == EndpointKind::Call {
        items.push(Item::Method(endpoint.client_method.clone()));
    }
    items.extend(
        endpoint
            .request
            .iter()
            .map(|request| ty(module, &request.name)),
    );
    items.push(ty(module, &endpoint.data.name));
    items.extend(
        endpoint
            .outcome
            .iter()
            .map(|outcome| ty(module, &outcome.name)),
    );
    items
}

/// Every name the generated crate resolves: each endpoint's types and method, plus the
/// deprecated aliases of former names, in the module of the group they lived in.
pub(super) fn resolvable(ir: &Ir) -> BTreeSet<Item> {
    let mut items = BTreeSet::new();
    for module in &ir.modules {
        for endpoint in &module.endpoints {
            items.extend(top_level(endpoint));
            let nested = endpoint.nested.iter().map(|nested| &nested.name);
            items.extend(nested.map(|name| ty(&module.id, name)));
        }
        for alias in &module.aliases {
            items.extend(alias_items(&module.id, alias));
        }
    }
    items
}

/// The former client method (calls only) and the former name of every type.
pub(super) fn alias_items(module: &str, alias: &AliasIr) -> Vec<Item> {
    let method = alias
        .target_method
        .as_ref()
        .map(|_| Item::Method(alias.client_method.clone()));
    let types = alias.types.iter().map(|(former, _)| ty(module, former));
    method.into_iter().chain(types).collect()
}

fn ty(module: &str, name: &str) -> Item {
    Item::Type {
        module: module.to_owned(),
        name: name.to_owned(),
    }
}

/// `items` that `resolvable` lacks, as text.
pub(super) fn unresolved(items: &[Item], resolvable: &BTreeSet<Item>) -> Vec<String> {
    items
        .iter()
        .filter(|item| !resolvable.contains(item))
        .map(Item::to_string)
        .collect()
}

/// `items` as text.
pub(super) fn texts(items: &[Item]) -> Vec<String> {
    items.iter().map(Item::to_string).collect()
}
