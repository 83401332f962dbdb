//! `Debug` for request structs with personal or secret fields: the derive would print
//! them, so these get an implementation that shows `[redacted]` in their place.
//! (Response payloads get theirs from the runtime's `impl_payload!`.)

use super::tokens::ident;
use crate::ir::StructIr;
use crate::names;
use proc_macro2::TokenStream;
use quote::quote;

/// `Debug` in the derive list, or nothing when [`emit_redacting_debug`] provides it.
pub fn derived_debug(item: &StructIr) -> TokenStream {
    if item.has_sensitive_fields() {
        TokenStream::new()
    } else {
        quote!(Debug,)
    }
}

/// The hand-made `Debug` of a struct with sensitive fields; nothing for the others.
pub fn emit_redacting_debug(item: &StructIr) -> TokenStream {
    if !item.has_sensitive_fields() {
        return TokenStream::new();
    }
    let name = ident(&item.name);
    let label = &item.name;
    let fields = item.fields.iter().map(|field| {
        let rust = ident(&field.rust);
        let shown = names::unraw(&field.rust);
        if field.sensitive {
            quote! { .field(#shown, &crate::sensitive::hidden(&self.#rust)) }
        } else {
            quote! { .field(#shown, &self.#rust) }
        }
    });
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label)
                    #(#fields)*
                    .finish()
            }
        }
    }
}
