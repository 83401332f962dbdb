//! The typed method on `Client` for each endpoint.

use super::tokens::ident;
use crate::docs;
use crate::ir::{AliasIr, EndpointIr};
use eko_spec::Type;
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

fn method_docs(endpoint: &EndpointIr) -> Vec<String> {
    let mut paragraphs = vec![format!("{}: {}", endpoint.spec.name, endpoint.spec.summary)];
    paragraphs.extend(endpoint.spec.description.clone());
    let mut out = docs::lines(paragraphs.iter().map(String::as_str));
    if let Some(note) = &endpoint.deprecated {
        out.push(String::new());
        out.push(format!(" **Deprecated:** {}", docs::escape(note)));
    }
    out.push(String::new());
    out.push(format!(
        " `{} {}` ([Eko docs](<{}>))",
        endpoint.spec.method.as_str(),
        endpoint.spec.path,
        endpoint.spec.source.url
    ));
    if let Some(outcome) = &endpoint.outcome {
        out.push(String::new());
        out.push(" # Outcomes".into());
        out.push(String::new());
        out.push(format!(
            " Answers with [`{0}`]: one variant per documented outcome, `Other` for the rest.",
            outcome.name
        ));
        out.push(String::new());
        for variant in &outcome.variants {
            out.push(format!(
                " - [`{0}::{1}`] — {2}",
                outcome.name,
                variant.name,
                variant.docs.first().map_or("", |line| line.trim_start())
            ));
        }
    }
    if !endpoint.spec.errors.is_empty() {
        out.push(String::new());
        out.push(" # Documented error scenarios".into());
        out.push(String::new());
        for error in &endpoint.spec.errors {
            out.push(format!(
                " - HTTP {}: {}",
                error.http_status,
                docs::escape(&error.scenario)
            ));
        }
    }
    if let Ok(request) = super::examples::example_request(&endpoint.spec.group, endpoint) {
        let call = ident(&endpoint.client_method);
        out.push(String::new());
        out.push(" # Example".into());
        out.push(String::new());
        out.push(" With the values of Eko's example request:".into());
        out.push(String::new());
        out.push(" ```no_run".into());
        out.push(format!(" # #[cfg(feature = \"{}\")]", endpoint.spec.group));
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
    if endpoint
        .spec
        .params
        .iter()
        .any(|param| param.ty == Type::File)
    {
        out.push(String::new());
        out.push(" Sent as `multipart/form-data`: the JSON of the other fields in a part named `form-data`, then one part per file.".into());
    }
    out
}
