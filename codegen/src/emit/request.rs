//! Request structs and their constructors and setters.
//!
//! Their `Debug` (sensitive fields redacted), `PartialEq` and `Serialize` come from
//! the runtime's `impl_request!`, which is told each field's index, Rust name and wire
//! name and which are sensitive: the generic code behind it is compiled once, not once
//! per struct as serde's and std's derives would be. What a field's type is decides how
//! it is written (an unset `Option` and a file are left out).

use super::tokens::{docs, ident, rust_type};
use crate::ir::{FieldIr, RustType, StructIr};
use crate::names;
use proc_macro2::TokenStream;
use quote::quote;

/// Clippy's default limit; beyond it a constructor needs an explicit allowance.
const CLIPPY_MAX_ARGUMENTS: usize = 7;

/// The struct definition of a request (or of an object nested in one).
pub fn emit_request_struct(item: &StructIr) -> TokenStream {
    let name = ident(&item.name);
    let item_docs = docs(&item.docs);
    let default = item.derives_default().then(|| quote!(Default,));
    let fields = item.fields.iter().map(emit_request_field);
    let deprecated = super::tokens::deprecated(item.deprecated.as_deref());
    let (listed, sensitive) = super::tokens::field_listing(item);
    quote! {
        #item_docs
        #deprecated
        #[derive(Clone, #default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
        crate::request_fields::impl_request!(#name, { #(#listed),* }, sensitive: [#(#sensitive),*]);
    }
}

fn emit_request_field(field: &FieldIr) -> TokenStream {
    let name = ident(&field.rust);
    let field_docs = docs(&field.docs);
    let ty = rust_type(&field.ty);
    if let Some(value) = &field.constant {
        // Private: the request always sends the one value the docs allow.
        let note = format!(" Always `{value}`: the only value the docs allow, set by `new`.");
        return quote! { #field_docs #[doc = ""] #[doc = #note] #name: #ty, };
    }
    if field.required {
        quote! { #field_docs pub #name: #ty, }
    } else {
        quote! { #field_docs pub #name: Option<#ty>, }
    }
}

/// `new` taking the required fields, and one setter per optional field.
pub fn emit_builder(item: &StructIr) -> TokenStream {
    let name = ident(&item.name);
    let required: Vec<&FieldIr> = item.required_fields().collect();
    let args = required.iter().map(|field| {
        let arg = ident(&field.rust);
        let ty = argument_type(&field.ty);
        quote!(#arg: #ty)
    });
    let inits = item.fields.iter().map(|field| {
        let field_name = ident(&field.rust);
        if let Some(value) = &field.constant {
            let value = constant_expr(&field.ty, value);
            return quote!(#field_name: #value);
        }
        match (field.required, converts(&field.ty)) {
            (true, true) => quote!(#field_name: #field_name.into()),
            (true, false) => quote!(#field_name),
            (false, _) => quote!(#field_name: None),
        }
    });
    let allow = (required.len() > CLIPPY_MAX_ARGUMENTS)
        .then(|| quote!(#[allow(clippy::too_many_arguments, reason = "every documented required parameter is an argument")]));
    let setters = item.optional_fields().map(emit_setter);
    let mut new_docs = vec![
        " Creates it from the required fields; set optional ones with the setters.".to_owned(),
    ];
    if !required.is_empty() {
        new_docs.push(String::new());
        new_docs.push(" # Arguments".to_owned());
        new_docs.push(String::new());
        for field in &required {
            let summary = field.docs.first().map_or("", |line| line.trim());
            new_docs.push(format!(" - `{}`: {summary}", names::unraw(&field.rust)));
        }
    }
    quote! {
        impl #name {
            #(#[doc = #new_docs])*
            #allow
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits),* }
            }
            #(#setters)*
        }
    }
}

/// The expression of a constant field's one value.
fn constant_expr(ty: &RustType, value: &str) -> TokenStream {
    match (ty, value.parse::<i64>()) {
        (RustType::Integer, Ok(whole)) => {
            let literal = proc_macro2::Literal::i64_suffixed(whole);
            quote!(#literal)
        }
        (RustType::Number, Ok(whole)) => {
            let literal = proc_macro2::Literal::i64_suffixed(whole);
            quote!(crate::Number::from(#literal))
        }
        _ => quote!(#value.to_owned()),
    }
}

/// Text and decimal arguments take anything that converts (`&str`, `500`).
fn converts(ty: &RustType) -> bool {
    matches!(ty, RustType::String | RustType::Number)
}

fn argument_type(ty: &RustType) -> TokenStream {
    match ty {
        RustType::String => quote!(impl Into<String>),
        RustType::Number => quote!(impl Into<crate::Number>),
        other => rust_type(other),
    }
}

fn emit_setter(field: &FieldIr) -> TokenStream {
    let field_name = ident(&field.rust);
    let setter = ident(&field.setter());
    let ty = argument_type(&field.ty);
    let value = if converts(&field.ty) {
        quote!(value.into())
    } else {
        quote!(value)
    };
    // The field's own documentation (meaning, format, example), then what it does.
    let mut lines = field.docs.clone();
    lines.push(String::new());
    lines.push(format!(" Sets `{}`.", field.wire));
    quote! {
        #(#[doc = #lines])*
        pub fn #setter(mut self, value: #ty) -> Self {
            self.#field_name = Some(#value);
            self
        }
    }
}
