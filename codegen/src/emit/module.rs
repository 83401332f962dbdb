//! One file per product group, the `generated/mod.rs` that declares them, and the
//! matching cargo features.

use super::tokens::ident;
use super::{FEATURES_BEGIN, FEATURES_END, emit_endpoint};
use crate::docs;
use crate::ir::{Ir, Module};
use eko_spec::EndpointKind;
use proc_macro2::TokenStream;
use quote::quote;

/// `generated/mod.rs`: each group's module behind its feature.
pub fn emit_mod_rs(ir: &Ir) -> TokenStream {
    let modules = ir.modules.iter().map(|module| {
        let name = ident(&module.id);
        let feature = &module.id;
        let doc = format!(
            " {}: {}",
            docs::escape(&module.title),
            docs::escape(&module.description)
        );
        quote! {
            #[doc = #doc]
            #[cfg(feature = #feature)]
            #[rustfmt::skip]
            pub mod #name;
        }
    });
    let version = &ir.docs_version;
    let version_doc = format!(
        " The version of Eko's API docs these bindings were generated from: the date Eko published them ({version})."
    );
    quote! {
        //! Endpoint modules generated from `spec/`, one per product group, each behind
        //! the cargo feature of the same name. They are formatted by the generator
        //! (prettyplease), so rustfmt leaves them alone.
        #[rustfmt::skip]
        pub(crate) mod environments;
        #[rustfmt::skip]
        mod status;
        pub use status::BusinessStatus;
        #[doc = #version_doc]
        pub const DOCS_VERSION: &str = #version;
        #(#modules)*
    }
}

/// A group's module: its overview and every endpoint's items.
pub fn emit_module(module: &Module) -> TokenStream {
    let mut lines = docs::lines([module.title.as_str(), module.description.as_str()]);
    lines[0] = format!(" # {}", docs::escape(&module.title));
    lines.push(String::new());
    lines.push(format!(
        " Enabled by the `{}` cargo feature (on by default).",
        module.id
    ));
    lines.push(String::new());
    lines.push(" | Client method | Endpoint | HTTP |".into());
    lines.push(" | --- | --- | --- |".into());
    for endpoint in &module.endpoints {
        let mut call = match endpoint.spec.kind {
            EndpointKind::Call => format!(
                "[`Client::{0}`](crate::Client::{0})",
                endpoint.client_method
            ),
            EndpointKind::Webhook => format!(
                "webhook: [`{0}`](crate::{1}::{0})",
                endpoint.data.name, module.id
            ),
        };
        if let Some(version) = &endpoint.spec.lifecycle.removed {
            call = format!("{call} (deprecated: gone from the docs of {version})");
        }
        lines.push(format!(
            " | {call} | {} | `{} {}` |",
            docs::escape(&endpoint.spec.name),
            endpoint.spec.method.as_str(),
            endpoint.spec.path
        ));
    }
    if !module.aliases.is_empty() {
        lines.push(String::new());
        lines.push(" Former names, kept as deprecated aliases:".into());
        lines.push(String::new());
        for alias in &module.aliases {
            lines.push(format!(
                " - `{}` → [`{}`](crate::{}::{})",
                alias.id, alias.target_id, alias.target_module, alias.data
            ));
        }
    }
    let items = module.endpoints.iter().map(emit_endpoint);
    let aliases = module
        .aliases
        .iter()
        .map(|alias| super::client::emit_alias(alias, &module.id));
    quote! {
        #(#![doc = #lines])*
        // Removed endpoints stay generated, deprecated, for their callers; the module's
        // own uses of them are not what the deprecation warns about.
        #![allow(deprecated)]
        #(#items)*
        #(#aliases)*
    }
}

/// `manifest` with its generated feature block replaced by one feature per group.
pub fn splice_features(manifest: &str, ir: &Ir) -> Result<String, String> {
    let (Some(begin), Some(end)) = (manifest.find(FEATURES_BEGIN), manifest.find(FEATURES_END))
    else {
        return Err(format!(
            "the manifest lacks the `{FEATURES_BEGIN}` / `{FEATURES_END}` markers"
        ));
    };
    if end < begin {
        return Err(format!("`{FEATURES_END}` comes before `{FEATURES_BEGIN}`"));
    }
    let ids: Vec<&str> = ir.features.iter().map(String::as_str).collect();
    let quoted: Vec<String> = ids.iter().map(|id| format!("\"{id}\"")).collect();
    let mut block = format!("{FEATURES_BEGIN}\ndefault = [{}]\n", quoted.join(", "));
    for id in &ids {
        block.push_str(&format!("{id} = []\n"));
    }
    Ok(format!("{}{block}{}", &manifest[..begin], &manifest[end..]))
}
