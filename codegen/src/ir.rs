//! The intermediate representation: the spec lowered to what emitting needs.
//!
//! Every decision about Rust names, `Option` or not, nested types, serde attributes
//! and derives is made here, so the emitters only translate the IR to tokens.

mod outcome;
mod value_enum;

pub use outcome::{NextMethods, OTHER_VARIANT, OutcomeEnumIr, OutcomeVariantIr};
pub use value_enum::{OTHER_VALUE, ValueEnumIr, ValueVariantIr};

use crate::error::{SpecError, SpecErrors};
use crate::names;
use eko_spec::{
    Bundle, Endpoint, EndpointKind, Format, Location, Param, ResponseField, Role, Semantic, Type,
};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The whole generated API.
#[derive(Debug, Clone, PartialEq)]
pub struct Ir {
    /// One module per product group that has endpoints (or aliases), sorted by id.
    pub modules: Vec<Module>,
    /// Every group's cargo feature, sorted: groups are never removed, so a feature
    /// stays defined even when its module has nothing left.
    pub features: Vec<String>,
    /// The docs version the spec follows.
    pub docs_version: String,
    /// The envelope's documented business `status` codes.
    pub business_status: ValueEnumIr,
}

/// A product group: a module and a cargo feature.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// Module and feature name.
    pub id: String,
    /// Display title.
    pub title: String,
    /// What the group covers.
    pub description: String,
    /// Endpoints sorted by id.
    pub endpoints: Vec<EndpointIr>,
    /// Former names of endpoints that lived in this group, sorted by former id.
    pub aliases: Vec<AliasIr>,
}

/// A former name of an endpoint: deprecated type aliases and client method.
#[derive(Debug, Clone, PartialEq)]
pub struct AliasIr {
    /// The former id.
    pub id: String,
    /// The former client method.
    pub client_method: String,
    /// The endpoint's current id.
    pub target_id: String,
    /// The current client method (`None` for webhooks).
    pub target_method: Option<String>,
    /// The module the endpoint lives in now.
    pub target_module: String,
    /// (former type name, current type name), request first.
    pub types: Vec<(String, String)>,
    /// The current request type (`None` for webhooks) and data type.
    pub request: Option<String>,
    /// The current data type.
    pub data: String,
    /// The current outcome type (`None` for webhooks).
    pub outcome: Option<String>,
    /// The `#[deprecated]` note.
    pub note: String,
}

/// One endpoint, ready to emit: the decisions made for it, beside the spec facts
/// (id, method, path, outcomes, ...) that emitters read from `spec` directly.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointIr {
    /// The endpoint as the spec states it.
    pub spec: Endpoint,
    /// Name of the method on `Client`.
    pub client_method: String,
    /// The request type; `None` for webhooks.
    pub request: Option<StructIr>,
    /// The response `data` type (for a webhook: its payload).
    pub data: StructIr,
    /// The outcome enum; `None` for webhooks.
    pub outcome: Option<OutcomeEnumIr>,
    /// Nested types of the request and the response, in order of first use.
    pub nested: Vec<StructIr>,
    /// Open enums of the endpoint's documented value lists.
    pub value_enums: Vec<ValueEnumIr>,
    /// Every documented parameter, for the runtime's metadata.
    pub params: Vec<ParamMetaIr>,
    /// Wire keys of sensitive parameters and response fields, sorted, for the runtime.
    pub sensitive_keys: Vec<String>,
    /// The `#[deprecated]` note, when Eko's docs no longer have the endpoint.
    pub deprecated: Option<String>,
}

/// Which side of the wire a struct is on; decides derives and serde attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Built by the caller, serialized.
    Request,
    /// Decoded leniently; every field optional; unknown keys kept.
    Response,
}

/// A struct to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct StructIr {
    /// Type name.
    pub name: String,
    /// Doc lines (already escaped).
    pub docs: Vec<String>,
    /// Request or response side.
    pub side: Side,
    /// Fields in doc order.
    pub fields: Vec<FieldIr>,
    /// The `#[deprecated]` note, when the endpoint it belongs to left Eko's docs.
    pub deprecated: Option<String>,
}

impl StructIr {
    /// Fields the constructor takes, in order.
    pub fn required_fields(&self) -> impl Iterator<Item = &FieldIr> {
        self.fields
            .iter()
            .filter(|field| field.required && field.constant.is_none())
    }

    /// Optional fields, each with a setter.
    pub fn optional_fields(&self) -> impl Iterator<Item = &FieldIr> {
        self.fields
            .iter()
            .filter(|field| !field.required && field.constant.is_none())
    }

    /// Whether any field holds personal or secret data, so `Debug` is hand-made.
    pub fn has_sensitive_fields(&self) -> bool {
        self.fields.iter().any(|field| field.sensitive)
    }

    /// Whether the struct can derive `Default` (no required fields, and no constant
    /// that `Default` would leave empty).
    pub fn derives_default(&self) -> bool {
        self.side == Side::Response
            || self
                .fields
                .iter()
                .all(|field| !field.required && field.constant.is_none())
    }

    /// The name of the map that keeps undocumented keys (response side).
    pub fn extra_field_name(&self) -> &'static str {
        if self.fields.iter().any(|field| field.rust == "extra") {
            "extra_fields"
        } else {
            "extra"
        }
    }
}

/// A struct field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldIr {
    /// Rust name (may be raw, e.g. `r#type`).
    pub rust: String,
    /// Wire name.
    pub wire: String,
    /// Rust type, before `Option` wrapping.
    pub ty: RustType,
    /// Request side: a constructor argument rather than an `Option`.
    pub required: bool,
    /// Doc lines (already escaped).
    pub docs: Vec<String>,
    /// Personal or secret data: `Debug` shows `[redacted]` instead of the value.
    pub sensitive: bool,
    /// Request side: the one value the docs allow, as text. The field is private,
    /// set by `new`, and neither an argument nor a setter.
    pub constant: Option<String>,
}

impl FieldIr {
    /// Whether serde needs `rename` (raw identifiers are unraw'd by serde itself).
    pub fn needs_rename(&self) -> bool {
        names::unraw(&self.rust) != self.wire
    }
}

/// Rust types the generator uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    /// `String`.
    String,
    /// `crate::Number`.
    Number,
    /// `i64`.
    Integer,
    /// `bool`.
    Boolean,
    /// `Vec<T>`.
    Vec(Box<RustType>),
    /// A generated struct.
    Named(String),
    /// A generated open enum of documented values.
    Enum(String),
    /// An identifier type of the runtime (`crate::Mobile`, `crate::Pan`, ...), by name.
    Identifier(&'static str),
    /// `crate::Date`, a calendar date.
    Date,
    /// `serde_json::Map<String, serde_json::Value>`: an object whose keys are undocumented.
    JsonMap,
    /// `serde_json::Value`: array elements of undocumented type.
    JsonValue,
    /// `crate::FilePart` (request side, multipart only).
    File,
}

/// Metadata of one parameter, as the runtime sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamMetaIr {
    /// Wire name.
    pub name: String,
    /// Where it travels (nested fields inherit their parent's).
    pub location: Location,
    /// Documented type.
    pub ty: Type,
    /// Whether it is required.
    pub required: bool,
    /// Format to validate.
    pub format: Option<Format>,
    /// Runtime role.
    pub role: Role,
    /// Nested keys.
    pub fields: Vec<ParamMetaIr>,
}

/// Each format's description (from `spec/shared.toml`), quoted in parameter docs.
type Formats<'a> = BTreeMap<Format, &'a str>;

/// Lowers a validated bundle.
pub fn build(bundle: &Bundle) -> Result<Ir, SpecErrors> {
    let roles: BTreeMap<&str, Role> = bundle
        .shared
        .common_params
        .iter()
        .map(|param| (param.name.as_str(), param.role))
        .collect();
    let formats: Formats = bundle
        .shared
        .formats
        .iter()
        .map(|format| (format.name, format.description.as_str()))
        .collect();
    let next_methods: NextMethods = bundle
        .endpoints
        .iter()
        .filter(|endpoint| endpoint.kind == EndpointKind::Call)
        .map(|endpoint| (endpoint.id.clone(), names::method_name(&endpoint.id)))
        .collect();
    let context = Context {
        roles: &roles,
        formats: &formats,
        next_methods: &next_methods,
    };
    let mut errors = Vec::new();
    let mut modules = Vec::new();
    let lowered_all: Vec<EndpointIr> = bundle
        .endpoints
        .iter()
        .map(|endpoint| lower_endpoint(endpoint, &context))
        .collect();
    for group in &bundle.shared.groups {
        let mut endpoints = Vec::new();
        let mut type_owners: BTreeMap<String, String> = BTreeMap::new();
        for lowered in lowered_all
            .iter()
            .filter(|endpoint| endpoint.spec.group == group.id)
            .cloned()
        {
            let endpoint = &lowered.spec;
            for name in lowered.type_names() {
                if let Some(other) = type_owners.insert(name.clone(), endpoint.id.clone()) {
                    errors.push(SpecError {
                        file: PathBuf::from(format!(
                            "endpoints/{}/{}.toml",
                            endpoint.group, endpoint.id
                        )),
                        endpoint: Some(endpoint.id.clone()),
                        field: None,
                        message: format!(
                            "the generated type `{name}` clashes with one of endpoint `{other}`"
                        ),
                    });
                }
            }
            endpoints.push(lowered);
        }
        let aliases = aliases_in(&group.id, &lowered_all, &context);
        for alias in &aliases {
            for (name, _) in &alias.types {
                if let Some(other) = type_owners.insert(name.clone(), alias.id.clone()) {
                    errors.push(SpecError {
                        file: PathBuf::from(format!("endpoints/{}/{}.toml", alias.target_module, alias.target_id)),
                        endpoint: Some(alias.target_id.clone()),
                        field: Some("lifecycle.renamed_from".into()),
                        message: format!(
                            "the alias `{name}` of former name `{}` clashes with a type of `{other}`",
                            alias.id
                        ),
                    });
                }
            }
        }
        if !endpoints.is_empty() || !aliases.is_empty() {
            modules.push(Module {
                id: group.id.clone(),
                title: group.title.clone(),
                description: group.description.clone(),
                endpoints,
                aliases,
            });
        }
    }
    modules.sort_by(|a, b| a.id.cmp(&b.id));
    let mut features: Vec<String> = bundle
        .shared
        .groups
        .iter()
        .map(|group| group.id.clone())
        .collect();
    features.sort();
    if errors.is_empty() {
        Ok(Ir {
            modules,
            features,
            docs_version: bundle.shared.docs_version.clone(),
            business_status: value_enum::business_status(&bundle.shared),
        })
    } else {
        Err(SpecErrors(errors))
    }
}

impl EndpointIr {
    /// Every type name this endpoint defines.
    pub fn type_names(&self) -> impl Iterator<Item = &String> {
        self.request
            .iter()
            .chain(std::iter::once(&self.data))
            .chain(&self.nested)
            .map(|item| &item.name)
            .chain(self.value_enums.iter().map(|item| &item.name))
            .chain(self.outcome.iter().map(|outcome| &outcome.name))
    }
}

/// The aliases of every endpoint whose former name lived in `group`.
fn aliases_in(group: &str, endpoints: &[EndpointIr], context: &Context) -> Vec<AliasIr> {
    let mut aliases = Vec::new();
    for endpoint in endpoints {
        for alias in endpoint
            .spec
            .lifecycle
            .renamed_from
            .iter()
            .filter(|alias| alias.group == group)
        {
            // The former names are the names the current shape would have under the
            // former id: lowering it again under that id gives them in the same order.
            let mut former = endpoint.spec.clone();
            former.id = alias.id.clone();
            let former = lower_endpoint(&former, context);
            let types = former
                .type_names()
                .cloned()
                .zip(endpoint.type_names().cloned())
                .collect();
            let target = match &endpoint.request {
                Some(_) => format!("`Client::{}`", endpoint.client_method),
                None => format!("`{}`", endpoint.data.name),
            };
            aliases.push(AliasIr {
                id: alias.id.clone(),
                client_method: former.client_method,
                target_id: endpoint.spec.id.clone(),
                target_method: endpoint
                    .request
                    .as_ref()
                    .map(|_| endpoint.client_method.clone()),
                target_module: endpoint.spec.group.clone(),
                types,
                request: endpoint
                    .request
                    .as_ref()
                    .map(|request| request.name.clone()),
                data: endpoint.data.name.clone(),
                outcome: endpoint
                    .outcome
                    .as_ref()
                    .map(|outcome| outcome.name.clone()),
                note: format!(
                    "Eko renamed `{}` to `{}` in its docs of {}; use {target}",
                    alias.id, endpoint.spec.id, alias.version
                ),
            });
        }
    }
    aliases.sort_by(|a, b| a.id.cmp(&b.id));
    aliases
}

/// What lowering one endpoint needs from the rest of the spec.
struct Context<'a> {
    roles: &'a BTreeMap<&'a str, Role>,
    formats: &'a Formats<'a>,
    next_methods: &'a NextMethods,
}

fn lower_endpoint(endpoint: &Endpoint, context: &Context) -> EndpointIr {
    let formats = context.formats;
    let role_of = |param: &Param| {
        context
            .roles
            .get(param.name.as_str())
            .copied()
            .unwrap_or(Role::Caller)
    };
    let mut nested = Vec::new();
    let value_enums = value_enum::lower(endpoint);
    let request = (endpoint.kind == EndpointKind::Call).then(|| {
        let fields = endpoint
            .params
            .iter()
            .filter(|param| role_of(param) != Role::Config)
            .map(|param| {
                let mut field =
                    request_field(&endpoint.id, param, role_of(param), formats, &mut nested);
                if let Some(values) = value_enum::enum_for(&value_enums, &param.name)
                    .filter(|_| value_enum::is_scalar(param.ty))
                {
                    field.ty = RustType::Enum(values.name.clone());
                }
                field
            })
            .collect();
        StructIr {
            name: names::type_name(&[&endpoint.id, "request"]),
            docs: request_docs(endpoint),
            side: Side::Request,
            fields,
            deprecated: None,
        }
    });
    let mut data = response_struct(endpoint, &value_enums, &mut nested);
    let mut request = request;
    let deprecated = endpoint.lifecycle.removed.as_ref().map(|version| {
        format!(
            "Eko's docs of {version} no longer have `{}`; the call may stop working. `cargo xtask prune` deletes it.",
            endpoint.id
        )
    });
    for item in request
        .iter_mut()
        .chain([&mut data])
        .chain(nested.iter_mut())
    {
        item.deprecated.clone_from(&deprecated);
    }
    let params = endpoint
        .params
        .iter()
        .map(|param| param_meta(param, param.location, role_of(param)))
        .collect();
    let outcome = request
        .as_ref()
        .map(|_| outcome::lower(endpoint, context.next_methods));
    EndpointIr {
        spec: endpoint.clone(),
        client_method: names::method_name(&endpoint.id),
        request,
        data,
        outcome,
        nested,
        value_enums,
        params,
        sensitive_keys: sensitive_keys(endpoint),
        deprecated,
    }
}

/// The wire keys (last path segment) of every sensitive parameter and response field.
fn sensitive_keys(endpoint: &Endpoint) -> Vec<String> {
    fn params(list: &[Param], out: &mut std::collections::BTreeSet<String>) {
        for param in list {
            if param.sensitive {
                out.insert(param.name.clone());
            }
            params(&param.fields, out);
        }
    }
    let mut keys = std::collections::BTreeSet::new();
    params(&endpoint.params, &mut keys);
    for field in endpoint.response.iter().filter(|field| field.sensitive) {
        keys.insert(
            field
                .path
                .rsplit('.')
                .next()
                .unwrap_or(&field.path)
                .to_owned(),
        );
    }
    keys.into_iter().collect()
}

fn param_meta(param: &Param, location: Location, role: Role) -> ParamMetaIr {
    ParamMetaIr {
        name: param.name.clone(),
        location,
        ty: param.ty,
        required: param.required,
        format: param.format,
        role,
        fields: param
            .fields
            .iter()
            .map(|child| param_meta(child, location, Role::Caller))
            .collect(),
    }
}

fn request_docs(endpoint: &Endpoint) -> Vec<String> {
    let method = names::method_name(&endpoint.id);
    let mut docs =
        crate::docs::lines([
            format!("Request of {}: {}", endpoint.name, endpoint.summary).as_str(),
        ]);
    docs.push(String::new());
    docs.push(format!(
        " Required parameters are arguments of `new`; optional ones have setters. Send it with [`crate::Client::{method}`]."
    ));
    docs
}

/// A request field; nested objects become request-side structs pushed to `nested`.
fn request_field(
    owner: &str,
    param: &Param,
    role: Role,
    formats: &Formats,
    nested: &mut Vec<StructIr>,
) -> FieldIr {
    let rust = names::field_name(&param.name);
    let ty = request_type(&[owner, &param.name], param, formats, nested);
    let mut docs = param_docs(param, formats);
    if role == Role::ClientRef {
        docs.push(String::new());
        docs.push(
            " Left unset on a POST or PUT, the client generates one; the response or error tells which was sent."
                .to_owned(),
        );
    }
    FieldIr {
        rust,
        wire: param.name.clone(),
        ty,
        required: param.required,
        docs,
        sensitive: param.sensitive,
        constant: param.constant.clone(),
    }
}

fn request_type(
    path: &[&str],
    param: &Param,
    formats: &Formats,
    nested: &mut Vec<StructIr>,
) -> RustType {
    match param.ty {
        Type::String => format_type(param.format).unwrap_or(RustType::String),
        Type::Number => RustType::Number,
        // Money is an exact decimal even where the page says `integer`.
        Type::Integer if param.semantic == Some(Semantic::Amount) => RustType::Number,
        Type::Integer => RustType::Integer,
        Type::Boolean => RustType::Boolean,
        Type::File => RustType::File,
        Type::Object if param.fields.is_empty() => RustType::JsonMap,
        Type::Object => RustType::Named(request_struct(path, param, formats, nested)),
        Type::Array => {
            let item = match param.items {
                Some(Type::Object) if !param.fields.is_empty() => {
                    let mut item_path = path.to_vec();
                    item_path.push("item");
                    RustType::Named(request_struct(&item_path, param, formats, nested))
                }
                Some(Type::Object) => RustType::JsonMap,
                Some(Type::String) => RustType::String,
                Some(Type::Number) => RustType::Number,
                Some(Type::Integer) => RustType::Integer,
                Some(Type::Boolean) => RustType::Boolean,
                Some(Type::Array | Type::File) | None => RustType::JsonValue,
            };
            RustType::Vec(Box::new(item))
        }
    }
}

/// The runtime type of a request string with a validated format, where one exists:
/// identifiers that recur across endpoints get types of their own, so that passing one
/// in another's place does not compile; dates are dates.
fn format_type(format: Option<Format>) -> Option<RustType> {
    Some(match format? {
        Format::Mobile => RustType::Identifier("Mobile"),
        Format::Pan => RustType::Identifier("Pan"),
        Format::Aadhaar => RustType::Identifier("Aadhaar"),
        Format::Ifsc => RustType::Identifier("Ifsc"),
        Format::Pincode => RustType::Identifier("Pincode"),
        Format::Email => RustType::Identifier("Email"),
        Format::Date => RustType::Date,
        Format::ClientRefId => return None,
    })
}

fn request_struct(
    path: &[&str],
    param: &Param,
    formats: &Formats,
    nested: &mut Vec<StructIr>,
) -> String {
    let name = names::type_name(path);
    let at = nested.len();
    let fields = param
        .fields
        .iter()
        .map(|child| {
            let mut child_path = path.to_vec();
            child_path.push(&child.name);
            let ty = request_type(&child_path, child, formats, nested);
            FieldIr {
                rust: names::field_name(&child.name),
                wire: child.name.clone(),
                ty,
                required: child.required,
                docs: param_docs(child, formats),
                sensitive: child.sensitive,
                constant: child.constant.clone(),
            }
        })
        .collect();
    let docs = crate::docs::lines([format!("`{}`: {}", param.name, param.description).as_str()]);
    nested.insert(
        at,
        StructIr {
            name: name.clone(),
            docs,
            side: Side::Request,
            fields,
            deprecated: None,
        },
    );
    name
}

fn param_docs(param: &Param, formats: &Formats) -> Vec<String> {
    let mut notes = Vec::new();
    if names::unraw(&names::field_name(&param.name)) != param.name {
        notes.push(format!("Sent as `{}`.", param.name));
    }
    if let Some(description) = param.format.and_then(|format| formats.get(&format)) {
        notes.push(format!("Checked before sending: {description}."));
    }
    if let Some(example) = param
        .example
        .as_deref()
        .filter(|example| !example.trim().is_empty())
    {
        notes.push(format!("Example: `{}`.", example.replace('`', "'")));
    }
    let notes = notes.join(" ");
    crate::docs::lines([param.description.as_str(), notes.as_str()])
}

/// The `data` struct and its nested types, built from the dotted response paths.
fn response_struct(
    endpoint: &Endpoint,
    enums: &[ValueEnumIr],
    nested: &mut Vec<StructIr>,
) -> StructIr {
    let tree = Tree::from_fields(&endpoint.response);
    let summary = match endpoint.kind {
        EndpointKind::Call => format!("Payload (`data`) of the {} response.", endpoint.name),
        EndpointKind::Webhook => {
            format!(
                "Payload of {}: Eko POSTs it to your callback URL.",
                endpoint.name
            )
        }
    };
    let fields = response_fields(&[&endpoint.id], &tree, enums, nested);
    StructIr {
        name: names::type_name(&[&endpoint.id, "data"]),
        docs: crate::docs::lines([
            summary.as_str(),
            "Every field is optional and read leniently (numbers may arrive as strings); keys the docs do not list are kept in the extra map.",
        ]),
        side: Side::Response,
        fields,
        deprecated: None,
    }
}

/// Response fields grouped by parent path.
struct Tree<'a> {
    field: Option<&'a ResponseField>,
    children: Vec<(String, Tree<'a>)>,
}

impl<'a> Tree<'a> {
    fn from_fields(fields: &'a [ResponseField]) -> Tree<'a> {
        let mut root = Tree {
            field: None,
            children: Vec::new(),
        };
        for field in fields {
            let segments: Vec<&str> = field.path.split('.').collect();
            root.insert(&segments, field);
        }
        root
    }

    fn insert(&mut self, segments: &[&str], field: &'a ResponseField) {
        let Some((first, rest)) = segments.split_first() else {
            return;
        };
        let position = self.children.iter().position(|(name, _)| name == first);
        let child = match position {
            Some(index) => &mut self.children[index].1,
            None => {
                self.children.push((
                    (*first).to_owned(),
                    Tree {
                        field: None,
                        children: Vec::new(),
                    },
                ));
                &mut self.children.last_mut().expect("just pushed").1
            }
        };
        if rest.is_empty() {
            child.field = Some(field);
        } else {
            child.insert(rest, field);
        }
    }
}

fn response_fields(
    path: &[&str],
    tree: &Tree<'_>,
    enums: &[ValueEnumIr],
    nested: &mut Vec<StructIr>,
) -> Vec<FieldIr> {
    let mut fields = Vec::new();
    for (name, child) in &tree.children {
        let Some(field) = child.field else { continue };
        let mut child_path = path.to_vec();
        child_path.push(name);
        let ty = match field.ty {
            ty if value_enum::is_scalar(ty)
                && value_enum::enum_for(enums, &field.path).is_some() =>
            {
                let values = value_enum::enum_for(enums, &field.path).expect("checked above");
                RustType::Enum(values.name.clone())
            }
            Type::String | Type::File => RustType::String,
            Type::Number => RustType::Number,
            Type::Integer if field.semantic == Some(Semantic::Amount) => RustType::Number,
            Type::Integer => RustType::Integer,
            Type::Boolean => RustType::Boolean,
            Type::Object if child.children.is_empty() => RustType::JsonMap,
            Type::Object => {
                RustType::Named(response_nested(&child_path, field, child, enums, nested))
            }
            Type::Array if !child.children.is_empty() => {
                child_path.push("item");
                RustType::Vec(Box::new(RustType::Named(response_nested(
                    &child_path,
                    field,
                    child,
                    enums,
                    nested,
                ))))
            }
            Type::Array => RustType::Vec(Box::new(match field.items {
                Some(Type::String) => RustType::String,
                Some(Type::Number | Type::Integer) => RustType::Number,
                Some(Type::Boolean) => RustType::Boolean,
                Some(Type::Object) => RustType::JsonMap,
                Some(Type::Array | Type::File) | None => RustType::JsonValue,
            })),
        };
        let mut notes = Vec::new();
        if field.verifiable {
            notes.push("Marked verifiable in the docs.".to_owned());
        }
        if names::unraw(&names::field_name(name)) != name {
            notes.push(format!("Received as `{name}`."));
        }
        let notes = notes.join(" ");
        fields.push(FieldIr {
            rust: names::field_name(name),
            wire: name.clone(),
            ty,
            required: false,
            docs: crate::docs::lines([field.description.as_str(), notes.as_str()]),
            sensitive: field.sensitive,
            constant: None,
        });
    }
    fields
}

fn response_nested(
    path: &[&str],
    field: &ResponseField,
    tree: &Tree<'_>,
    enums: &[ValueEnumIr],
    nested: &mut Vec<StructIr>,
) -> String {
    let name = names::type_name(path);
    let at = nested.len();
    let fields = response_fields(path, tree, enums, nested);
    let docs = crate::docs::lines([format!("`{}`: {}", field.path, field.description).as_str()]);
    nested.insert(
        at,
        StructIr {
            name: name.clone(),
            docs,
            side: Side::Response,
            fields,
            deprecated: None,
        },
    );
    name
}
