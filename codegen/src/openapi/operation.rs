//! One OpenAPI operation per method and path.
//!
//! Eko documents some calls on more than one page (a refund under QR and under
//! payments; a status lookup that several product pages describe, some of them since
//! removed). OpenAPI allows one operation per method and path, so those pages share
//! one: the current page with the first id leads (its id is the `operationId`), the
//! operation accepts what any of them documents (a parameter is required only when
//! every page requires it), and the others are listed in `x-eko-also-documented-as`.
//! Pages may name a path parameter differently (`{transaction_ref}`,
//! `{transaction-reference}`); the leading page's names are used.

use super::components::{self, reference};
use super::outcomes;
use super::schema::{self, Side};
use crate::names;
use eko_spec::{BodyEncoding, Endpoint, EndpointKind, Location, Param, Shared, Type};
use serde_json::{Map, Value, json};

/// The endpoints answering at one method and path, the leading one first.
pub struct Operation<'a> {
    /// Every endpoint documented at this method and path; the first leads.
    pub endpoints: Vec<&'a Endpoint>,
}

impl<'a> Operation<'a> {
    /// The endpoint whose id and words the operation takes.
    pub fn lead(&self) -> &'a Endpoint {
        self.endpoints[0]
    }
}

/// The call endpoints grouped by method and path, sorted by path then method.
pub fn group(endpoints: &[Endpoint]) -> Vec<Operation<'_>> {
    let mut calls: Vec<&Endpoint> = endpoints
        .iter()
        .filter(|endpoint| endpoint.kind == EndpointKind::Call)
        .collect();
    calls.sort_by_cached_key(|endpoint| {
        (
            route(&endpoint.path),
            endpoint.method,
            endpoint.is_removed(),
            endpoint.id.clone(),
        )
    });
    let mut operations: Vec<Operation<'_>> = Vec::new();
    for endpoint in calls {
        match operations.last_mut() {
            Some(operation)
                if route(&operation.lead().path) == route(&endpoint.path)
                    && operation.lead().method == endpoint.method =>
            {
                operation.endpoints.push(endpoint);
            }
            _ => operations.push(Operation {
                endpoints: vec![endpoint],
            }),
        }
    }
    operations
}

/// The path with its parameter names blanked (`/a/{}/b`): what a server routes on.
fn route(path: &str) -> String {
    let mut route = String::with_capacity(path.len());
    let mut in_token = false;
    for character in path.chars() {
        match character {
            '{' => {
                in_token = true;
                route.push('{');
            }
            '}' => {
                in_token = false;
                route.push('}');
            }
            _ if in_token => {}
            _ => route.push(character),
        }
    }
    route
}

/// The operation object; its schemas go into `schemas`.
pub fn build(
    operation: &Operation<'_>,
    shared: &Shared,
    schemas: &mut Map<String, Value>,
) -> Value {
    let lead = operation.lead();
    let params = merged_params(&operation.endpoints);
    let mut object = Map::new();
    object.insert("operationId".into(), Value::String(lead.id.clone()));
    object.insert("summary".into(), Value::String(lead.name.clone()));
    object.insert(
        "description".into(),
        Value::String(
            lead.description
                .clone()
                .unwrap_or_else(|| lead.summary.clone()),
        ),
    );
    object.insert("tags".into(), json!([lead.group]));
    if operation
        .endpoints
        .iter()
        .all(|endpoint| endpoint.is_removed())
    {
        object.insert("deprecated".into(), Value::Bool(true));
    }
    object.insert("externalDocs".into(), json!({ "url": lead.source.url }));
    let parameters = parameters(lead, &params);
    if !parameters.is_empty() {
        object.insert("parameters".into(), Value::Array(parameters));
    }
    if let Some(body) = request_body(operation, &params, schemas) {
        object.insert("requestBody".into(), body);
    }
    object.insert("responses".into(), responses(operation, shared, schemas));
    provenance(&mut object, lead);
    object.insert("x-eko-outcomes".into(), outcomes::table(lead));
    let others: Vec<Value> = operation.endpoints[1..]
        .iter()
        .map(|other| also(other))
        .collect();
    if !others.is_empty() {
        object.insert("x-eko-also-documented-as".into(), Value::Array(others));
    }
    Value::Object(object)
}

/// A webhook: the payload Eko POSTs to the caller's server.
pub fn webhook(endpoint: &Endpoint, schemas: &mut Map<String, Value>) -> Value {
    let name = names::type_name(&[&endpoint.id, "data"]);
    schemas.insert(
        name.clone(),
        schema::data(&endpoint.response, &endpoint.value_lists, &endpoint.summary),
    );
    let mut object = Map::new();
    object.insert("operationId".into(), Value::String(endpoint.id.clone()));
    object.insert("summary".into(), Value::String(endpoint.name.clone()));
    if let Some(description) = &endpoint.description {
        object.insert("description".into(), Value::String(description.clone()));
    }
    object.insert("tags".into(), json!([endpoint.group]));
    object.insert("externalDocs".into(), json!({ "url": endpoint.source.url }));
    let mut content = json!({ "schema": reference(&name) });
    if let Some(example) = parse(&endpoint.examples.response) {
        content["examples"] =
            json!({ endpoint.id.clone(): { "summary": endpoint.name, "value": example } });
    }
    object.insert(
        "requestBody".into(),
        json!({ "required": true, "content": { "application/json": content } }),
    );
    object.insert(
        "responses".into(),
        json!({ "200": { "description": "Acknowledges receipt; Eko retries otherwise." } }),
    );
    provenance(&mut object, endpoint);
    json!({ "post": Value::Object(object) })
}

/// When the endpoint appeared, left the docs, and its former ids.
fn provenance(object: &mut Map<String, Value>, endpoint: &Endpoint) {
    object.insert(
        "x-eko-since".into(),
        Value::String(endpoint.lifecycle.since.clone()),
    );
    if let Some(removed) = &endpoint.lifecycle.removed {
        object.insert("x-eko-removed-in".into(), Value::String(removed.clone()));
    }
    if !endpoint.lifecycle.renamed_from.is_empty() {
        let ids: Vec<&str> = endpoint
            .lifecycle
            .renamed_from
            .iter()
            .map(|alias| alias.id.as_str())
            .collect();
        object.insert("x-eko-former-ids".into(), json!(ids));
    }
    if !endpoint.request_hash.is_empty() {
        object.insert("x-eko-request-hash".into(), json!(endpoint.request_hash));
    }
}

/// Another page documenting the same call, with its own outcomes.
fn also(endpoint: &Endpoint) -> Value {
    let mut entry = Map::new();
    entry.insert("id".into(), Value::String(endpoint.id.clone()));
    entry.insert("summary".into(), Value::String(endpoint.name.clone()));
    entry.insert("url".into(), Value::String(endpoint.source.url.clone()));
    if endpoint.is_removed() {
        entry.insert("deprecated".into(), Value::Bool(true));
    }
    provenance(&mut entry, endpoint);
    entry.insert("x-eko-outcomes".into(), outcomes::table(endpoint));
    Value::Object(entry)
}

/// A parameter of the operation: the first page's name and words; a value any page
/// documents (pages that disagree give an `anyOf`); required only when every page
/// requires it.
struct MergedParam<'a> {
    param: &'a Param,
    schema: Value,
    required: bool,
}

fn merged_params<'a>(endpoints: &[&'a Endpoint]) -> Vec<MergedParam<'a>> {
    let mut merged: Vec<MergedParam<'a>> = Vec::new();
    for (index, endpoint) in endpoints.iter().enumerate() {
        for param in &endpoint.params {
            // Path parameters are positional; the leading page names them.
            if index > 0 && param.location == Location::Path {
                continue;
            }
            let schema = schema::param(param, &endpoint.value_lists, &param.name);
            let known = merged.iter_mut().find(|known| {
                known.param.name == param.name && known.param.location == param.location
            });
            match known {
                Some(known) => widen(&mut known.schema, schema),
                None => {
                    let required_everywhere = endpoints.iter().all(|endpoint| {
                        endpoint.params.iter().any(|other| {
                            other.name == param.name
                                && other.location == param.location
                                && other.required
                        })
                    });
                    merged.push(MergedParam {
                        param,
                        schema,
                        required: param.location == Location::Path || required_everywhere,
                    });
                }
            }
        }
    }
    merged
}

/// Makes `schema` also accept what `other` accepts.
fn widen(schema: &mut Value, other: Value) {
    if *schema == other {
        return;
    }
    match schema.get_mut("anyOf").and_then(Value::as_array_mut) {
        Some(branches) if !branches.contains(&other) => branches.push(other),
        Some(_) => {}
        None => *schema = json!({ "anyOf": [schema.take(), other] }),
    }
}

/// Path and query parameters, plus the optional `request_hash` header.
fn parameters(lead: &Endpoint, params: &[MergedParam<'_>]) -> Vec<Value> {
    let mut parameters: Vec<Value> = params
        .iter()
        .filter(|merged| merged.param.location != Location::Body)
        .map(|merged| {
            let location = match merged.param.location {
                Location::Path => "path",
                _ => "query",
            };
            let mut parameter = json!({
                "name": merged.param.name,
                "in": location,
                "required": merged.required,
                "schema": merged.schema,
            });
            if !merged.param.description.is_empty() {
                parameter["description"] = merged.param.description.clone().into();
            }
            parameter
        })
        .collect();
    if !lead.request_hash.is_empty() {
        parameters.push(json!({
            "name": "request_hash",
            "in": "header",
            "required": false,
            "description": format!(
                "Optional integrity signature: base64(HMAC-SHA256) over the timestamp followed by {}.",
                lead.request_hash.join(", ")
            ),
            "schema": { "type": "string" },
        }));
    }
    parameters
}

/// The body: a JSON object, or for uploads a multipart form whose `form-data` part
/// is the JSON object and whose other parts are the files, and no others.
fn request_body(
    operation: &Operation<'_>,
    params: &[MergedParam<'_>],
    schemas: &mut Map<String, Value>,
) -> Option<Value> {
    let lead = operation.lead();
    let body: Vec<&MergedParam<'_>> = params
        .iter()
        .filter(|merged| merged.param.location == Location::Body)
        .collect();
    if body.is_empty() {
        return None;
    }
    let (files, fields): (Vec<&MergedParam<'_>>, Vec<&MergedParam<'_>>) = body
        .iter()
        .partition(|merged| merged.param.ty == Type::File);
    let name = names::type_name(&[&lead.id, "request"]);
    let mut object = object_of(&fields, &lead.summary);
    if let Some(pages) = per_page(operation, &fields) {
        object["anyOf"] = pages;
    }
    schemas.insert(name.clone(), object);
    let required = body.iter().any(|merged| merged.required);
    let examples = request_examples(operation);
    let content = match lead.body {
        BodyEncoding::Json => {
            let mut media = json!({ "schema": reference(&name) });
            if !examples.is_empty() {
                media["examples"] = Value::Object(examples);
            }
            json!({ "application/json": media })
        }
        BodyEncoding::Multipart => {
            // The JSON travels as the text of one part. Described as a string whose
            // content is JSON of the fields' schema (`contentMediaType`,
            // `contentSchema`), the part validates in tools that treat every part as
            // text, as Prism does, and the schema of its content is still there.
            let mut properties = Map::new();
            let mut required_parts = vec![Value::from("form-data")];
            properties.insert(
                "form-data".into(),
                json!({
                    "type": "string",
                    "contentMediaType": "application/json",
                    "contentSchema": reference(&name),
                    "description": "The non-file fields, as JSON text.",
                }),
            );
            for file in &files {
                properties.insert(file.param.name.clone(), file.schema.clone());
                if file.required {
                    required_parts.push(Value::String(file.param.name.clone()));
                }
            }
            // The parts are exactly these: a part name is a header parameter, so a free
            // name (control characters and all) is not even well-formed multipart.
            json!({ "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": properties,
                    "required": required_parts,
                    "additionalProperties": false,
                },
            } })
        }
    };
    Some(json!({ "required": required, "content": content }))
}

/// An object schema of body fields.
fn object_of(fields: &[&MergedParam<'_>], description: &str) -> Value {
    let mut object = Map::new();
    object.insert("type".into(), "object".into());
    object.insert("description".into(), description.into());
    schema::properties(
        &mut object,
        fields
            .iter()
            .map(|merged| (&merged.param.name, merged.schema.clone(), merged.required)),
    );
    Value::Object(object)
}

/// What each page of a shared operation requires beyond the merged fields, as the
/// branches of an `anyOf`: a body is valid when some page takes it, and pages differ
/// in what they require and in a field's type (`integer` on one, `number` on
/// another), which the merged fields alone over-accept. `None` when one page takes
/// everything the merged fields accept. (Path and query parameters have no such
/// construct in OpenAPI; the pages sharing an operation agree enough on them.)
fn per_page<'a>(operation: &Operation<'a>, fields: &[&MergedParam<'_>]) -> Option<Value> {
    if operation.endpoints.len() < 2 {
        return None;
    }
    let body_fields = |endpoint: &'a Endpoint| {
        endpoint
            .params
            .iter()
            .filter(|param| param.location == Location::Body && param.ty != Type::File)
    };
    // The rule each page gives a field, without its words.
    let rule = |endpoint: &Endpoint, param: &Param| {
        assertions(schema::param(param, &endpoint.value_lists, &param.name))
    };
    let disputed = |name: &str| {
        let mut rules = operation.endpoints.iter().flat_map(|endpoint| {
            body_fields(endpoint)
                .filter(|param| param.name == name)
                .map(|param| rule(endpoint, param))
        });
        let first = rules.next();
        rules.any(|other| Some(other) != first)
    };
    let mut branches = Vec::new();
    for endpoint in &operation.endpoints {
        let mut properties = Map::new();
        let mut required = Vec::new();
        for param in body_fields(endpoint) {
            if disputed(&param.name) {
                properties.insert(param.name.clone(), rule(endpoint, param));
            }
            let merged_required = fields
                .iter()
                .any(|merged| merged.param.name == param.name && merged.required);
            if param.required && !merged_required {
                required.push(Value::String(param.name.clone()));
            }
        }
        if properties.is_empty() && required.is_empty() {
            return None;
        }
        let mut branch = Map::new();
        branch.insert("title".into(), Value::String(endpoint.id.clone()));
        if !properties.is_empty() {
            branch.insert("properties".into(), Value::Object(properties));
        }
        if !required.is_empty() {
            branch.insert("required".into(), Value::Array(required));
        }
        branches.push(Value::Object(branch));
    }
    Some(Value::Array(branches))
}

/// `schema` without its annotations (descriptions, examples, `x-eko-*`): what it accepts.
fn assertions(mut schema: Value) -> Value {
    fn strip(value: &mut Value) {
        match value {
            Value::Object(object) => {
                object.retain(|key, _| {
                    !matches!(key.as_str(), "description" | "examples" | "title")
                        && !key.starts_with("x-")
                });
                for (key, child) in object.iter_mut() {
                    if !matches!(key.as_str(), "const" | "enum") {
                        strip(child);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut schema);
    schema
}

/// Each page's example request, named by its id, as a client following the
/// parameter tables sends it: pages often write a text field's example as a number
/// (`"otp": 123456`) though their table types it as text.
fn request_examples(operation: &Operation<'_>) -> Map<String, Value> {
    operation
        .endpoints
        .iter()
        .filter_map(|endpoint| {
            let mut value = parse(endpoint.examples.request.as_deref()?)?;
            as_documented(&mut value, &endpoint.params);
            Some((
                endpoint.id.clone(),
                json!({ "summary": endpoint.name, "value": value }),
            ))
        })
        .collect()
}

/// Rewrites the scalars of `value` into the types `params` give them.
fn as_documented(value: &mut Value, params: &[Param]) {
    let Some(object) = value.as_object_mut() else {
        return;
    };
    for param in params {
        let Some(field) = object.get_mut(&param.name) else {
            continue;
        };
        match param.ty {
            Type::String if field.is_number() || field.is_boolean() => {
                *field = Value::String(field.to_string());
            }
            Type::Number | Type::Integer | Type::Boolean if field.is_string() => {
                let text = field.as_str().unwrap_or_default().to_owned();
                *field = schema::typed(&text, param.ty);
            }
            Type::Object => as_documented(field, &param.fields),
            Type::Array => {
                for item in field.as_array_mut().into_iter().flatten() {
                    as_documented(item, &param.fields);
                }
            }
            _ => {}
        }
    }
}

/// The 200 answer (the envelope around the typed `data`, with every page's example)
/// and the shared answers for other HTTP statuses.
fn responses(
    operation: &Operation<'_>,
    shared: &Shared,
    schemas: &mut Map<String, Value>,
) -> Value {
    let lead = operation.lead();
    let data_name = names::type_name(&[&lead.id, "data"]);
    let mut fields = Vec::new();
    for endpoint in &operation.endpoints {
        for field in &endpoint.response {
            if !fields
                .iter()
                .any(|known: &&eko_spec::ResponseField| known.path == field.path)
            {
                fields.push(field);
            }
        }
    }
    let fields: Vec<eko_spec::ResponseField> = fields.into_iter().cloned().collect();
    schemas.insert(
        data_name.clone(),
        schema::data(
            &fields,
            &lead.value_lists,
            &format!("Payload (`data`) of {}.", lead.name),
        ),
    );
    let envelope_name = names::type_name(&[&lead.id, "response"]);
    schemas.insert(
        envelope_name.clone(),
        envelope(shared, &operation.endpoints, &data_name),
    );
    let examples: Map<String, Value> = operation
        .endpoints
        .iter()
        .filter_map(|endpoint| {
            let value = super::answer_example(endpoint)?;
            let mut example = json!({ "summary": endpoint.name, "value": value });
            if let Some(note) = &endpoint.examples.response_note {
                example["description"] = note.clone().into();
            }
            Some((endpoint.id.clone(), example))
        })
        .collect();
    let mut media = json!({ "schema": reference(&envelope_name) });
    if !examples.is_empty() {
        media["examples"] = Value::Object(examples);
    }
    let mut responses = Map::new();
    responses.insert(
        "200".into(),
        json!({
            "description": "The envelope: `status` and `response_type_id` tell the outcome (see `x-eko-outcomes`); business refusals arrive here too.",
            "content": { "application/json": media },
        }),
    );
    for status in components::http_responses(shared).keys() {
        responses.insert(
            status.clone(),
            json!({ "$ref": format!("#/components/responses/{}", components::response_name(status)) }),
        );
    }
    Value::Object(responses)
}

/// The envelope of one operation's answers.
fn envelope(shared: &Shared, endpoints: &[&Endpoint], data: &str) -> Value {
    let mut properties = Map::new();
    for field in &shared.envelope {
        let schema = match field.name.as_str() {
            "data" => {
                let mut schema = reference(data);
                schema["description"] = field.description.clone().into();
                schema
            }
            "response_type_id" => outcomes::response_type_id(endpoints, &field.description),
            _ => {
                let mut schema = schema::plain(field.ty, Side::Response);
                schema["description"] = field.description.clone().into();
                schema
            }
        };
        properties.insert(field.name.clone(), schema);
    }
    json!({ "type": "object", "properties": properties, "required": ["status"] })
}

/// A documented example, parsed; the spec's validation guarantees it is JSON.
pub(super) fn parse(text: &str) -> Option<Value> {
    serde_json::from_str(text).ok()
}
