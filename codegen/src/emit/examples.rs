//! Typed example requests for the workspace tests, built from the documented values.
//!
//! Each endpoint gets a function that calls its constructor and setters with the
//! doc's example values, so the tests prove the typed API can express the documented
//! request, and a `for_each_endpoint!` macro lets tests stamp out one case per endpoint.

use super::tokens::ident;
use crate::error::{SpecError, SpecErrors};
use crate::ir::{EndpointIr, FieldIr, Ir, RustType, StructIr};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;
use std::path::PathBuf;

/// `tests/generated/examples.rs`.
pub fn emit_examples(ir: &Ir) -> Result<TokenStream, SpecErrors> {
    let mut functions = Vec::new();
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for module in &ir.modules {
        for endpoint in module
            .endpoints
            .iter()
            .filter(|endpoint| endpoint.request.is_some())
        {
            match emit_example_fn(&module.id, endpoint) {
                Ok(function) => functions.push(function),
                Err(message) => errors.push(SpecError {
                    file: PathBuf::from(format!("endpoints/{}/{}.toml", module.id, endpoint.id)),
                    endpoint: Some(endpoint.id.clone()),
                    field: None,
                    message,
                }),
            }
            let name = ident(&endpoint.client_method);
            let id = &endpoint.id;
            entries.push(quote!((#name, #id)));
        }
    }
    if !errors.is_empty() {
        return Err(SpecErrors(errors));
    }
    // Former names of calls: (former method, current example, former request type path).
    let former: Vec<TokenStream> = ir
        .modules
        .iter()
        .flat_map(|module| module.aliases.iter().map(move |alias| (module, alias)))
        .filter_map(|(module, alias)| {
            let target = alias.target_method.as_ref()?;
            let request = alias.types.first().map(|(former, _)| ident(former))?;
            let method = ident(&alias.client_method);
            let example = ident(target);
            let group = ident(&module.id);
            let id = &alias.id;
            Some(quote!((#method, #example, #group, #request, #id)))
        })
        .collect();
    Ok(quote! {
        //! Every endpoint's request, built with the typed API from the documented example values.
        // Endpoints Eko removed stay tested until they are pruned.
        #![allow(deprecated)]
        #(#functions)*

        /// Invokes `$callback! { (function, "endpoint-id"), ... }` with every endpoint,
        /// where `function` names both the example builder here and the client method.
        #[macro_export]
        macro_rules! for_each_endpoint {
            ($callback:ident) => {
                $callback! { #(#entries),* }
            };
        }

        /// Invokes `$callback! { (former_method, example, module, FormerRequest, "former-id"), ... }`
        /// with every former name of a renamed call: the deprecated method and request type
        /// that keep callers of the old name compiling, and the current example builder.
        #[macro_export]
        macro_rules! for_each_former_name {
            ($callback:ident) => {
                $callback! { #(#former),* }
            };
        }
    })
}

fn emit_example_fn(group: &str, endpoint: &EndpointIr) -> Result<TokenStream, String> {
    let Some(request) = &endpoint.request else {
        return Ok(TokenStream::new());
    };
    let construct = example_request(group, endpoint)?;
    let module = ident(group);
    let function = ident(&endpoint.client_method);
    let request_name = ident(&request.name);
    let doc = &endpoint.example_doc;
    Ok(quote! {
        #[doc = #doc]
        pub fn #function() -> eko_api::#module::#request_name {
            #construct
        }
    })
}

/// The endpoint's request built with the typed API from the documented example
/// values (`eko_api::` paths), as the tests and each method's doc example use it.
pub(super) fn example_request(group: &str, endpoint: &EndpointIr) -> Result<TokenStream, String> {
    let Some(request) = &endpoint.request else {
        return Err("a webhook has no request".to_owned());
    };
    let example = endpoint.example.as_ref().map_err(Clone::clone)?;
    let lookup = |field: &FieldIr| example.get(&field.wire).cloned();
    let module = ident(group);
    construct(request, &lookup, endpoint, &quote!(eko_api::#module))
}

/// `Type::new(required...).setter(optional)...` from the values `lookup` finds.
fn construct(
    item: &StructIr,
    lookup: &dyn Fn(&FieldIr) -> Option<Value>,
    endpoint: &EndpointIr,
    module: &TokenStream,
) -> Result<TokenStream, String> {
    let name = ident(&item.name);
    let mut args = Vec::new();
    let mut setters = Vec::new();
    for field in item.fields.iter().filter(|field| field.constant.is_none()) {
        let value = lookup(field);
        match (field.required, value) {
            (true, Some(value)) => {
                args.push(value_expr(&field.ty, &value, field, endpoint, module)?)
            }
            (true, None) if field.ty == RustType::File => args.push(file_expr(field)),
            (true, None) => {
                return Err(format!(
                    "no example value for the required field `{}`",
                    field.wire
                ));
            }
            (false, Some(value)) => {
                let setter = ident(&field.setter());
                let expr = value_expr(&field.ty, &value, field, endpoint, module)?;
                setters.push(quote!(.#setter(#expr)));
            }
            (false, None) => {}
        }
    }
    Ok(quote!(#module::#name::new(#(#args),*) #(#setters)*))
}

fn value_expr(
    ty: &RustType,
    value: &Value,
    field: &FieldIr,
    endpoint: &EndpointIr,
    module: &TokenStream,
) -> Result<TokenStream, String> {
    let wrong = || {
        format!(
            "the example value {value} of `{}` does not fit {ty:?}",
            field.wire
        )
    };
    Ok(match (ty, value) {
        (RustType::String, Value::String(text)) => quote!(#text),
        (RustType::String, Value::Number(_) | Value::Bool(_)) => {
            let text = value.to_string();
            quote!(#text)
        }
        (RustType::Number, Value::Number(number)) => match number.as_i64() {
            Some(whole) => quote!(eko_api::Number::from(#whole)),
            None => decimal(&number.to_string()),
        },
        (RustType::Number, Value::String(text)) if text.parse::<f64>().is_ok() => decimal(text),
        (RustType::Integer, Value::Number(number)) => {
            let whole = number.as_i64().ok_or_else(wrong)?;
            let literal = Literal::i64_suffixed(whole);
            quote!(#literal)
        }
        (RustType::Integer, Value::String(text)) => {
            let whole: i64 = text.trim().parse().map_err(|_| wrong())?;
            let literal = Literal::i64_suffixed(whole);
            quote!(#literal)
        }
        (RustType::Boolean, Value::Bool(flag)) => quote!(#flag),
        (RustType::Boolean, Value::String(text)) if text == "true" || text == "false" => {
            let flag = text == "true";
            quote!(#flag)
        }
        (RustType::Vec(item), Value::Array(values)) => {
            let items = values
                .iter()
                .map(|value| element_expr(item, value, field, endpoint, module))
                .collect::<Result<Vec<_>, _>>()?;
            quote!(vec![#(#items),*])
        }
        (RustType::Vec(item), Value::String(text)) if **item == RustType::String => {
            // Tables write arrays of strings as comma-separated text.
            let items = text.split(',').map(str::trim);
            quote!(vec![#(#items.to_owned()),*])
        }
        (RustType::Named(name), Value::Object(object)) => {
            let nested = endpoint
                .nested
                .iter()
                .find(|item| &item.name == name)
                .ok_or_else(wrong)?;
            let lookup = |child: &FieldIr| object.get(&child.wire).cloned();
            construct(nested, &lookup, endpoint, module)?
        }
        (RustType::Enum(name), Value::Number(_) | Value::String(_)) => {
            let values = endpoint
                .value_enums
                .iter()
                .find(|item| &item.name == name)
                .ok_or_else(wrong)?;
            let code = match value {
                Value::String(text) => text.trim().to_owned(),
                other => other.to_string(),
            };
            let type_name = ident(name);
            match values.variant_for(&code) {
                Some(variant) => {
                    let variant = ident(&variant.name);
                    quote!(#module::#type_name::#variant)
                }
                // An example outside the documented values still round-trips.
                None => {
                    let text = value.to_string();
                    quote!(#module::#type_name::from_json(serde_json::from_str(#text).expect("documented value")))
                }
            }
        }
        (RustType::Identifier(name), Value::String(_) | Value::Number(_)) => {
            let text = match value {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            let name = ident(name);
            quote!(eko_api::#name::new(#text))
        }
        (RustType::Date, Value::String(text)) => {
            let mut parts = text.trim().splitn(3, '-').map(str::parse::<i64>);
            let (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) =
                (parts.next(), parts.next(), parts.next())
            else {
                return Err(wrong());
            };
            let year = Literal::i64_unsuffixed(year);
            let month = Literal::i64_unsuffixed(month);
            let day = Literal::i64_unsuffixed(day);
            quote!(eko_api::Date::constant(#year, #month, #day))
        }
        (RustType::JsonMap, Value::Object(_)) => {
            let text = value.to_string();
            quote!(serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(#text).expect("documented object"))
        }
        (RustType::JsonValue, _) => {
            let text = value.to_string();
            quote!(serde_json::from_str::<serde_json::Value>(#text).expect("documented value"))
        }
        (RustType::File, _) => file_expr(field),
        _ => return Err(wrong()),
    })
}

fn element_expr(
    item: &RustType,
    value: &Value,
    field: &FieldIr,
    endpoint: &EndpointIr,
    module: &TokenStream,
) -> Result<TokenStream, String> {
    let expr = value_expr(item, value, field, endpoint, module)?;
    Ok(if *item == RustType::String {
        quote!(#expr.to_owned())
    } else {
        expr
    })
}

fn decimal(text: &str) -> TokenStream {
    quote!(#text.parse::<eko_api::Number>().expect("documented decimal"))
}

/// A small stand-in document: the docs show `<binary file>` where the upload goes.
fn file_expr(field: &FieldIr) -> TokenStream {
    let file_name = format!("{}.pdf", field.wire);
    let contents = format!("%PDF-1.4\n% example {} for tests\n", field.wire);
    quote!(eko_api::FilePart::new(#file_name, "application/pdf", #contents.as_bytes().to_vec()))
}
