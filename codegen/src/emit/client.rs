//! The typed method on `Client` for each endpoint.

use super::tokens::ident;
use crate::ir::{AliasIr, EndpointIr};
use proc_macro2::TokenStream;
use quote::quote;

/// The deprecated items that keep a former name of an endpoint compiling: a type
/// alias per type, and (for calls) the former client method.
pub fn emit_alias(alias: &AliasIr, module: &str) -> TokenStream {
    let note = &alias.note;
    let target = ident(&alias.target_module);
    // An alias in another group's module needs that group's feature too.
    let cfg = (alias.target_module != module).then(|| {
        let feature = &alias.target_module;
        quote! { #[cfg(feature = #feature)] }
    });
    let types = alias.types.iter().map(|(former, current)| {
        let former = ident(former);
        let current = ident(current);
        let doc = format!(
            " Former name of [`{current}`](crate::{}::{current}).",
            alias.target_module
        );
        quote! {
            #[doc = #doc]
            #cfg
            #[deprecated(note = #note)]
            pub type #former = crate::#target::#current;
        }
    });
    let method = match (&alias.request, &alias.target_method, &alias.outcome) {
        (Some(request), Some(target_method), Some(outcome)) => {
            let method = ident(&alias.client_method);
            let request = ident(request);
            let outcome = ident(outcome);
            let doc = format!(
                " Former name of [`Client::{target_method}`](crate::Client::{target_method}), kept so that callers keep compiling."
            );
            quote! {
                #cfg
                impl crate::Client {
                    #[doc = #doc]
                    #[deprecated(note = #note)]
                    pub async fn #method(&self, request: &crate::#target::#request) -> Result<crate::#target::#outcome, crate::Error> {
                        self.call(request).await
                    }
                }
            }
        }
        _ => TokenStream::new(),
    };
    quote! { #(#types)* #method }
}

/// `impl Client { pub async fn <endpoint>(...) }`; nothing for webhooks.
pub fn emit_client_method(endpoint: &EndpointIr) -> TokenStream {
    let (Some(request), Some(outcome)) = (&endpoint.request, &endpoint.outcome) else {
        return TokenStream::new();
    };
    let method = ident(&endpoint.client_method);
    let request_name = ident(&request.name);
    let outcome_name = ident(&outcome.name);
    let lines = method_docs(endpoint);
    let deprecated = super::tokens::deprecated(endpoint.deprecated.as_deref());
    quote! {
        impl crate::Client {
            #(#[doc = #lines])*
            #deprecated
            pub async fn #method(&self, request: &#request_name) -> Result<#outcome_name, crate::Error> {
                self.call(request).await
            }
        }
    }
}

/// The IR's doc lines, with the example request between its head and tail.
fn method_docs(endpoint: &EndpointIr) -> Vec<String> {
    let mut out = endpoint.method_docs.head.clone();
    if let Ok(request) = super::examples::example_request(&endpoint.group, endpoint) {
        let call = ident(&endpoint.client_method);
        out.push(String::new());
        out.push(" # Example".into());
        out.push(String::new());
        out.push(" With the values of Eko's example request:".into());
        out.push(String::new());
        out.push(" ```no_run".into());
        out.push(format!(" # #[cfg(feature = \"{}\")]", endpoint.group));
        out.push(" # #[allow(deprecated)]".into());
        out.push(
            " # async fn example(client: eko_api::Client) -> Result<(), eko_api::Error> {".into(),
        );
        out.push(" use eko_api::Outcome as _;".into());
        for line in super::format_statement(quote! { let request = #request; }).lines() {
            out.push(format!(" {line}"));
        }
        out.push(format!(" let outcome = client.{call}(&request).await?;"));
        out.push(
            " println!(\"{:?}: {}\", outcome.documented().map(|o| o.name), outcome.message());"
                .into(),
        );
        out.push(" # Ok(()) }".into());
        out.push(" ```".into());
    }
    out.extend(endpoint.method_docs.tail.iter().cloned());
    out
}
