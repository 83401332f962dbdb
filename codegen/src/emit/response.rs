//! Response `data` structs: lenient, all-optional, keeping undocumented keys.

use super::tokens::{docs, ident, rename, rust_type};
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
    let debug = super::debug::derived_debug(item);
    let redacting_debug = super::debug::emit_redacting_debug(item, Some(item.extra_field_name()));
    quote! {
        #item_docs
        #deprecated
        #[derive(#debug Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            /// Keys the docs do not list, kept so nothing the server said is lost.
            #[serde(flatten)]
            pub #extra: serde_json::Map<String, serde_json::Value>,
        }
        #redacting_debug
    }
}

fn emit_response_field(field: &FieldIr) -> TokenStream {
    let name = ident(&field.rust);
    let field_docs = docs(&field.docs);
    let rename = rename(field);
    let ty = rust_type(&field.ty);
    let decoder = field.ty.lenient_decoder();
    let decode = match decoder {
        Some(path) => {
            quote!(#[serde(default, deserialize_with = #path, skip_serializing_if = "Option::is_none")])
        }
        None => quote!(#[serde(default, skip_serializing_if = "Option::is_none")]),
    };
    quote! {
        #field_docs
        #rename
        #decode
        pub #name: Option<#ty>,
    }
}
