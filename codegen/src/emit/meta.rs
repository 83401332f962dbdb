//! `impl Endpoint`: the static metadata the runtime drives every call from
//! (`impl Webhook` for payloads Eko sends to the client).

use super::tokens::ident;
use crate::ir::{EndpointIr, ParamMetaIr, RustType};
use eko_spec::{
    BodyEncoding, DocumentedOutcome, Format, Location, Method, OutcomeKind, Role, StatusMatch, Type,
};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// The `Endpoint` implementation of a request type, or for a webhook the `Webhook`
/// implementation of its payload.
pub fn emit_endpoint_impl(endpoint: &EndpointIr) -> TokenStream {
    let Some(request) = &endpoint.request else {
        return emit_webhook_impl(endpoint);
    };
    let request_name = ident(&request.name);
    let data_name = ident(&endpoint.data.name);
    let id = &endpoint.spec.id;
    let name = &endpoint.spec.name;
    let method = method(endpoint.spec.method);
    let path = &endpoint.spec.path;
    let body = match endpoint.spec.body {
        BodyEncoding::Json => quote!(crate::BodyEncoding::Json),
        BodyEncoding::Multipart => quote!(crate::BodyEncoding::Multipart),
    };
    let params = endpoint.params.iter().map(param_meta);
    let outcomes = endpoint
        .outcome
        .iter()
        .flat_map(|outcome| &outcome.variants)
        .map(|variant| outcome_meta(&variant.outcome));
    let outcome_name = endpoint
        .outcome
        .as_ref()
        .map(|outcome| ident(&outcome.name));
    let request_hash = &endpoint.spec.request_hash;
    let sensitive = &endpoint.sensitive_keys;
    let files = emit_files(endpoint);
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

/// `impl Webhook`: the payload's id and the documented acknowledgement (the page's
/// example response, which is what your server answers).
fn emit_webhook_impl(endpoint: &EndpointIr) -> TokenStream {
    let data_name = ident(&endpoint.data.name);
    let id = &endpoint.spec.id;
    let acknowledgement =
        serde_json::from_str::<serde_json::Value>(&endpoint.spec.examples.response)
            .map(|value| value.to_string())
            .unwrap_or_else(|_| endpoint.spec.examples.response.trim().to_owned());
    quote! {
        impl crate::Webhook for #data_name {
            const ID: &'static str = #id;
            const ACKNOWLEDGEMENT: &'static str = #acknowledgement;
        }
    }
}

fn emit_files(endpoint: &EndpointIr) -> TokenStream {
    let Some(request) = &endpoint.request else {
        return TokenStream::new();
    };
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

fn method(method: Method) -> TokenStream {
    match method {
        Method::Get => quote!(crate::Method::Get),
        Method::Post => quote!(crate::Method::Post),
        Method::Put => quote!(crate::Method::Put),
        Method::Patch => quote!(crate::Method::Patch),
        Method::Delete => quote!(crate::Method::Delete),
    }
}

fn param_meta(param: &ParamMetaIr) -> TokenStream {
    let name = &param.name;
    let location = match param.location {
        Location::Path => quote!(crate::Location::Path),
        Location::Query => quote!(crate::Location::Query),
        Location::Body => quote!(crate::Location::Body),
    };
    let kind = match param.ty {
        Type::String => quote!(crate::Kind::String),
        Type::Number => quote!(crate::Kind::Number),
        Type::Integer => quote!(crate::Kind::Integer),
        Type::Boolean => quote!(crate::Kind::Boolean),
        Type::Array => quote!(crate::Kind::Array),
        Type::Object => quote!(crate::Kind::Object),
        Type::File => quote!(crate::Kind::File),
    };
    let required = param.required;
    let format = match param.format {
        Some(format) => {
            let variant = format_variant(format);
            quote!(Some(crate::Format::#variant))
        }
        None => quote!(None),
    };
    let role = match param.role {
        Role::Caller => quote!(crate::Role::Caller),
        Role::Config => quote!(crate::Role::Config),
        Role::ClientRef => quote!(crate::Role::ClientRef),
    };
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

fn format_variant(format: Format) -> proc_macro2::Ident {
    let name = match format {
        Format::Mobile => "Mobile",
        Format::Date => "Date",
        Format::Pan => "Pan",
        Format::Email => "Email",
        Format::Pincode => "Pincode",
        Format::Ifsc => "Ifsc",
        Format::Aadhaar => "Aadhaar",
        Format::ClientRefId => "ClientRefId",
    };
    ident(name)
}

/// One row of the runtime's outcome table.
fn outcome_meta(outcome: &DocumentedOutcome) -> TokenStream {
    let name = &outcome.slug;
    let type_id = optional_i64(outcome.response_type_id);
    let status = match outcome.status {
        StatusMatch::Exactly(status) => {
            let status = Literal::i64_unsuffixed(status);
            quote!(crate::StatusMatch::Exactly(#status))
        }
        StatusMatch::NonZero => quote!(crate::StatusMatch::NonZero),
        StatusMatch::Any => quote!(crate::StatusMatch::Any),
    };
    let kind = match outcome.kind {
        OutcomeKind::Success => quote!(crate::OutcomeKind::Success),
        OutcomeKind::NextStep => quote!(crate::OutcomeKind::NextStep),
        OutcomeKind::Refusal => quote!(crate::OutcomeKind::Refusal),
    };
    let meaning = &outcome.meaning;
    let next = match &outcome.next {
        Some(next) => quote!(Some(#next)),
        None => quote!(None),
    };
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

fn optional_i64(value: Option<i64>) -> TokenStream {
    match value {
        Some(value) => {
            let value = Literal::i64_unsuffixed(value);
            quote!(Some(#value))
        }
        None => quote!(None),
    }
}
