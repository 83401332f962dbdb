//! The open enum of a documented value list and its runtime plumbing.

use super::tokens::{deprecated, docs, ident};
use crate::ir::{OTHER_VALUE, ValueEnumIr};
use proc_macro2::TokenStream;
use quote::quote;

/// `pub enum <List> { ..., Other(Value) }` and `impl_value_list!`.
pub fn emit_value_enum(item: &ValueEnumIr, deprecation: Option<&str>) -> TokenStream {
    let name = ident(&item.name);
    let item_docs = docs(&item.docs);
    let deprecated = deprecated(deprecation);
    let variants = item.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let variant_docs = docs(&variant.docs);
        quote! { #variant_docs #variant_name, }
    });
    let other = ident(OTHER_VALUE);
    let numeric = item.numeric;
    let pairs = item.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let code = &variant.code;
        match &variant.label {
            Some(label) => quote! { #variant_name = #code / #label },
            None => quote! { #variant_name = #code },
        }
    });
    quote! {
        #item_docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #deprecated
        pub enum #name {
            #(#variants)*
            /// A value the docs do not list, exactly as it arrived.
            #other(serde_json::Value),
        }
        crate::value_list::impl_value_list!(#name, numeric: #numeric, { #(#pairs),* });
    }
}

/// `generated/status.rs`: the envelope's business `status` codes from `spec/shared.toml`.
pub fn emit_status_file(item: &ValueEnumIr) -> TokenStream {
    let status = emit_value_enum(item, None);
    quote! {
        //! The envelope's business `status` codes, from `spec/shared.toml`.
        #status
    }
}
