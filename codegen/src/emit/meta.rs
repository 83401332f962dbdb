//! `impl Endpoint`: the static metadata the runtime drives every call from
//! (`impl Webhook` for payloads Eko sends to the client).

use super::tokens::ident;
use crate::ir::{
    CallMetaIr, EndpointIr, MetaIr, OutcomeMetaIr, ParamMetaIr, RuntimeValue, RustType, StructIr,
    WebhookMetaIr,
};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{ToTokens, quote};

/// The `Endpoint` implementation of a request type, or for a webhook the `Webhook`
/// implementation of its payload.
pub fn emit_endpoint_impl(endpoint: &EndpointIr) -> TokenStream {
    let data_name = ident(&endpoint.data.name);
    match (&endpoint.meta, &endpoint.request, &endpoint.outcome) {
        (MetaIr::Call(meta), Some(request), Some(outcome)) => {
            let request_name = ident(&request.name);
            let outcome_name = ident(&outcome.name);
            let files = emit_files(request);
            emit_call_impl(meta, &request_name, &data_name, &outcome_name, files)
        }
        (MetaIr::Webhook(webhook), _, _) => emit_webhook_impl(webhook, &data_name),
        // The IR gives every call a request and an outcome enum.
        (MetaIr::Call(_), _, _) => TokenStream::new(),
    }
}

fn emit_call_impl(
    meta: &CallMetaIr,
    request_name: &Ident,
    data_name: &Ident,
    outcome_name: &Ident,
    files: TokenStream,
) -> TokenStream {
    let CallMetaIr {
        id,
        name,
        path,
        request_hash,
        sensitive,
        ..
    } = meta;
    let method = runtime_value(&meta.method);
    let body = runtime_value(&meta.body);
    let params = meta.params.iter().map(param_meta);
    let outcomes = meta.outcomes.iter().map(outcome_meta);
    quote! {
        impl crate::Endpoint for #request_name {
            type Data = #data_name;
            type Outcome = #outcome_name;
            const META: &'static crate::EndpointMeta = &crate::EndpointMeta {
                id: #id,
                name: #name,
                method: #method,
                path: #path,
                body: #body,
                params: &[#(#params),*],
                outcomes: &[#(#outcomes),*],
                request_hash: &[#(#request_hash),*],
                sensitive: &[#(#sensitive),*],
            };
            #files
        }
    }
}

/// `impl Webhook`: the payload's id and the documented acknowledgement.
fn emit_webhook_impl(webhook: &WebhookMetaIr, data_name: &Ident) -> TokenStream {
    let id = &webhook.id;
    let acknowledgement = &webhook.acknowledgement;
    quote! {
        impl crate::Webhook for #data_name {
            const ID: &'static str = #id;
            const ACKNOWLEDGEMENT: &'static str = #acknowledgement;
        }
    }
}

fn emit_files(request: &StructIr) -> TokenStream {
    let files: Vec<_> = request
        .fields
        .iter()
        .filter(|field| field.ty == RustType::File)
        .collect();
    if files.is_empty() {
        return TokenStream::new();
    }
    let required = files.iter().filter(|field| field.required).map(|field| {
        let name = ident(&field.rust);
        let wire = &field.wire;
        quote!((#wire, &self.#name))
    });
    let optional: Vec<TokenStream> = files
        .iter()
        .filter(|field| !field.required)
        .map(|field| {
            let name = ident(&field.rust);
            let wire = &field.wire;
            quote!(if let Some(file) = &self.#name { files.push((#wire, file)); })
        })
        .collect();
    let body = if optional.is_empty() {
        quote!(vec![#(#required),*])
    } else {
        quote! {
            let mut files = vec![#(#required),*];
            #(#optional)*
            files
        }
    };
    quote! {
        fn files(&self) -> Vec<(&'static str, &crate::FilePart)> {
            #body
        }
    }
}

/// `crate::Enum::Variant`, or `crate::Enum::Variant(argument)`.
fn runtime_value(value: &RuntimeValue) -> TokenStream {
    let enum_name = ident(value.enum_name);
    let variant = ident(value.variant);
    match value.argument {
        Some(argument) => {
            let argument = Literal::i64_unsuffixed(argument);
            quote!(crate::#enum_name::#variant(#argument))
        }
        None => quote!(crate::#enum_name::#variant),
    }
}

fn param_meta(param: &ParamMetaIr) -> TokenStream {
    let name = &param.name;
    let location = runtime_value(&param.location);
    let kind = runtime_value(&param.kind);
    let required = param.required;
    let format = optional(param.format.as_ref().map(runtime_value));
    let role = runtime_value(&param.role);
    let fields = param.fields.iter().map(param_meta);
    quote! {
        crate::ParamMeta {
            name: #name,
            location: #location,
            kind: #kind,
            required: #required,
            format: #format,
            role: #role,
            fields: &[#(#fields),*],
        }
    }
}

/// One row of the runtime's outcome table.
fn outcome_meta(outcome: &OutcomeMetaIr) -> TokenStream {
    let name = &outcome.name;
    let type_id = optional(
        outcome
            .response_type_id
            .map(|id| Literal::i64_unsuffixed(id).into_token_stream()),
    );
    let status = runtime_value(&outcome.status);
    let kind = runtime_value(&outcome.kind);
    let meaning = &outcome.meaning;
    let next = optional(outcome.next.as_ref().map(|next| quote!(#next)));
    quote! {
        crate::OutcomeMeta {
            name: #name,
            response_type_id: #type_id,
            status: #status,
            kind: #kind,
            meaning: #meaning,
            next: #next,
        }
    }
}

/// `Some(value)` or `None`.
fn optional(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    }
}
