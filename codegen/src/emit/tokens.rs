//! Small token helpers shared by the emitters.

use crate::ir::{RustType, StructIr};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// An identifier, raw (`r#type`) where the name says so.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[deprecated(note = "...")]`, or nothing.
pub fn deprecated(note: Option<&str>) -> TokenStream {
    match note {
        Some(note) => quote! { #[deprecated(note = #note)] },
        None => TokenStream::new(),
    }
}

/// `#[doc = "..."]` attributes for doc lines.
pub fn docs(lines: &[String]) -> TokenStream {
    quote! { #(#[doc = #lines])* }
}

/// The Rust type, as seen from inside `eko-api` (`crate::` paths).
pub fn rust_type(ty: &RustType) -> TokenStream {
    match ty {
        RustType::String => quote!(String),
        RustType::Number => quote!(crate::Number),
        RustType::Integer => quote!(i64),
        RustType::Boolean => quote!(bool),
        RustType::Vec(item) => {
            let item = rust_type(item);
            quote!(Vec<#item>)
        }
        RustType::Named(name) | RustType::Enum(name) => {
            let name = ident(name);
            quote!(#name)
        }
        RustType::Identifier(name) => {
            let name = ident(name);
            quote!(crate::#name)
        }
        RustType::Date => quote!(crate::Date),
        RustType::JsonMap => quote!(serde_json::Map<String, serde_json::Value>),
        RustType::JsonValue => quote!(serde_json::Value),
        RustType::File => quote!(crate::FilePart),
    }
}

/// A struct's fields as the runtime's `impl_request!` and `impl_payload!` take them:
/// `index => field: "wire"` in struct order, then the wire names of the sensitive ones.
pub fn field_listing(item: &StructIr) -> (Vec<TokenStream>, Vec<&str>) {
    let listed = item
        .fields
        .iter()
        .enumerate()
        .map(|(index, field)| {
            let index = Literal::usize_unsuffixed(index);
            let field_name = ident(&field.rust);
            let wire = &field.wire;
            quote!(#index => #field_name: #wire)
        })
        .collect();
    let sensitive = item
        .fields
        .iter()
        .filter(|field| field.sensitive)
        .map(|field| field.wire.as_str())
        .collect();
    (listed, sensitive)
}
