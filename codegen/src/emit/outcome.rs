//! The outcome enum of an endpoint and its `Outcome` implementation.

use super::tokens::{docs, ident};
use crate::ir::{EndpointIr, OTHER_VARIANT, OutcomeEnumIr};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// `pub enum <Endpoint>Outcome { ... }` and `impl Outcome`; nothing for webhooks.
pub fn emit_outcome(endpoint: &EndpointIr) -> TokenStream {
    let (Some(outcome), Some(request)) = (&endpoint.outcome, &endpoint.request) else {
        return TokenStream::new();
    };
    let definition =
        emit_outcome_enum(outcome, &endpoint.data.name, endpoint.deprecated.as_deref());
    let implementation = emit_outcome_impl(outcome, &endpoint.data.name, &request.name);
    quote! { #definition #implementation }
}

fn emit_outcome_enum(outcome: &OutcomeEnumIr, data: &str, deprecated: Option<&str>) -> TokenStream {
    let name = ident(&outcome.name);
    let data = ident(data);
    let enum_docs = docs(&outcome.docs);
    let deprecated = super::tokens::deprecated(deprecated);
    let variants = outcome.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let variant_docs = docs(&variant.docs);
        quote! { #variant_docs #variant_name(crate::Response<#data>), }
    });
    let other = ident(OTHER_VARIANT);
    let other_docs = docs(&outcome.other_docs);
    quote! {
        #enum_docs
        #[non_exhaustive]
        // Built once per call and matched by value; boxing the payloads would only make
        // the patterns clumsier.
        #[allow(clippy::large_enum_variant)]
        #deprecated
        pub enum #name {
            #(#variants)*
            #other_docs
            #other(crate::Response<serde_json::Value>),
        }
    }
}

/// The runtime's `impl_outcome!` with the variants in table order (it implements
/// `Outcome`, `Debug`, `Clone` and `PartialEq`).
fn emit_outcome_impl(outcome: &OutcomeEnumIr, data: &str, request: &str) -> TokenStream {
    let name = ident(&outcome.name);
    let data = ident(data);
    let request = ident(request);
    let names = outcome.variants.iter().map(|variant| ident(&variant.name));
    let indices = (0..outcome.variants.len()).map(Literal::usize_unsuffixed);
    quote! {
        crate::outcome::impl_outcome!(#name for #request, #data { #(#indices => #names),* });
    }
}
