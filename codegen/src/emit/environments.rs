//! The environments' base URLs, so the runtime's `Environment` reads them from the spec.

use super::tokens::ident;
use crate::ir::EnvironmentIr;
use proc_macro2::TokenStream;
use quote::quote;

/// `generated/environments.rs`: one `<NAME>_BASE_URL` constant per environment.
pub fn emit_environments(environments: &[EnvironmentIr]) -> TokenStream {
    let constants = environments.iter().map(|environment| {
        let constant = ident(&environment.constant);
        let url = &environment.url;
        let doc = &environment.doc;
        quote! {
            #[doc = #doc]
            pub const #constant: &str = #url;
        }
    });
    quote! {
        //! Base URLs of Eko's environments, from `spec/shared.toml`.
        #(#constants)*
    }
}
