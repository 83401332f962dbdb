//! The environments' base URLs, so the runtime's `Environment` reads them from the spec.

use super::tokens::ident;
use crate::docs;
use eko_spec::Shared;
use heck::ToShoutySnakeCase;
use proc_macro2::TokenStream;
use quote::quote;

/// `generated/environments.rs`: one `<NAME>_BASE_URL` constant per environment.
pub fn emit_environments(shared: &Shared) -> TokenStream {
    let constants = shared.environments.iter().map(|(name, environment)| {
        let constant = ident(&format!("{}_BASE_URL", name.to_shouty_snake_case()));
        let url = &environment.base_url;
        let doc = format!(
            " Base URL of `{name}`: {}",
            docs::escape(&environment.description)
        );
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
