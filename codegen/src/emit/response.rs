//! Response `data` structs: lenient, all-optional, keeping undocumented keys.
//!
//! Their `Clone`, `Debug` (sensitive fields redacted), `Deserialize`, `PartialEq` and
//! `Serialize` come from the runtime's `impl_payload!`, which is told only each field's
//! index and wire name and which are sensitive: the generic code behind it is compiled
//! once, not once per struct as serde's and std's derives would be.

use super::tokens::{docs, ident, rust_type};
use crate::ir::{FieldIr, StructIr};
use proc_macro2::TokenStream;
use quote::quote;

/// The struct definition of a response payload (or of an object nested in one).
pub fn emit_response_struct(item: &StructIr) -> TokenStream {
    let name = ident(&item.name);
    let item_docs = docs(&item.docs);
    let fields = item.fields.iter().map(emit_response_field);
    let extra = ident(item.extra_field_name());
    let deprecated = super::tokens::deprecated(item.deprecated.as_deref());
    let (wire, sensitive) = super::tokens::field_listing(item);
    quote! {
        #item_docs
        #deprecated
        #[derive(Default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            /// Keys the docs do not list, kept so nothing the server said is lost.
            pub #extra: serde_json::Map<String, serde_json::Value>,
        }
        crate::payload::impl_payload!(#name, #extra, { #(#wire),* }, sensitive: [#(#sensitive),*]);
    }
}

fn emit_response_field(field: &FieldIr) -> TokenStream {
    let name = ident(&field.rust);
    let field_docs = docs(&field.docs);
    let ty = rust_type(&field.ty);
    quote! {
        #field_docs
        pub #name: Option<#ty>,
    }
}
