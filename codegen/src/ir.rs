//! The intermediate representation: the spec lowered to what emitting needs.
//!
//! Every decision about Rust names, types, `Option` or not, nested types, docs and
//! what is sensitive is made here, so the emitters only translate the IR to tokens
//! (the serde attributes and derive lists that follow from those are spelled out by
//! the emitters).

mod alias;
mod environments;
mod example;
mod meta;
mod method_docs;
mod outcome;
mod overview;
mod request;
mod response;
mod types;
mod value_enum;

pub use environments::EnvironmentIr;
pub use meta::{CallMetaIr, MetaIr, OutcomeMetaIr, ParamMetaIr, RuntimeValue, WebhookMetaIr};
pub use method_docs::MethodDocsIr;
pub use outcome::{NextMethods, OTHER_VARIANT, OutcomeEnumIr, OutcomeVariantIr};
pub use value_enum::{OTHER_VALUE, ValueEnumIr, ValueVariantIr};

use crate::error::{SpecError, SpecErrors};
use crate::names;
use eko_spec::{Bundle, Endpoint, EndpointKind, Format, Method, Param, Role};
use serde_json::{Map, Value};
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
    /// The environments' base URLs, in name order.
    pub environments: Vec<EnvironmentIr>,
}

/// A product group: a module and a cargo feature.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// Module and feature name.
    pub id: String,
    /// Title and description in one line (already escaped).
    pub summary: String,
    /// The module's overview: its feature, its endpoints, its former names (already escaped).
    pub docs: Vec<String>,
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

/// One endpoint, ready to emit: every name, type and doc line decided.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointIr {
    /// Stable id: the doc slug.
    pub id: String,
    /// The product group (module and feature) it lives in.
    pub group: String,
    /// A call the client makes, or a webhook Eko makes.
    pub kind: EndpointKind,
    /// HTTP method.
    pub method: Method,
    /// Path template.
    pub path: String,
    /// The docs version that no longer has it.
    pub removed: Option<String>,
    /// Its former ids.
    pub renamed_from: Vec<String>,
    /// Name of the method on `Client`.
    pub client_method: String,
    /// The doc lines of the `Client` method.
    pub method_docs: MethodDocsIr,
    /// Its row in the table of the module's overview.
    pub overview_row: String,
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
    /// What the runtime knows of it.
    pub meta: MetaIr,
    /// The documented example value of each top-level request parameter, by wire
    /// name, or why the example cannot be read.
    pub example: Result<Map<String, Value>, String>,
    /// The doc line of the function building the example request.
    pub example_doc: String,
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
    /// The setter of an optional field.
    pub fn setter(&self) -> String {
        names::setter_name(&self.rust)
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
    let lowered_all: Vec<(&Endpoint, EndpointIr)> = bundle
        .endpoints
        .iter()
        .map(|endpoint| (endpoint, lower_endpoint(endpoint, &context)))
        .collect();
    for group in &bundle.shared.groups {
        let mut endpoints = Vec::new();
        let mut type_owners: BTreeMap<String, String> = BTreeMap::new();
        for (_, endpoint) in lowered_all
            .iter()
            .filter(|(_, endpoint)| endpoint.group == group.id)
        {
            for name in endpoint.type_names() {
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
            endpoints.push(endpoint.clone());
        }
        let aliases = alias::aliases_in(&group.id, &lowered_all, &context);
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
                summary: overview::summary(group),
                docs: overview::module_docs(group, &endpoints, &aliases),
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
            environments: environments::lower(&bundle.shared),
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

impl Module {
    /// How many calls the module has that Eko's docs still list.
    pub fn current_calls(&self) -> usize {
        self.endpoints
            .iter()
            .filter(|endpoint| endpoint.kind == EndpointKind::Call && endpoint.deprecated.is_none())
            .count()
    }
}

/// What lowering one endpoint needs from the rest of the spec.
struct Context<'a> {
    roles: &'a BTreeMap<&'a str, Role>,
    formats: &'a Formats<'a>,
    next_methods: &'a NextMethods,
}

fn lower_endpoint(endpoint: &Endpoint, context: &Context) -> EndpointIr {
    let role_of = |param: &Param| {
        context
            .roles
            .get(param.name.as_str())
            .copied()
            .unwrap_or(Role::Caller)
    };
    let mut nested = Vec::new();
    let value_enums = value_enum::lower(endpoint);
    let mut request = (endpoint.kind == EndpointKind::Call).then(|| {
        request::lower(
            endpoint,
            &role_of,
            context.formats,
            &value_enums,
            &mut nested,
        )
    });
    let mut data = response::lower(endpoint, &value_enums, &mut nested);
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
    let outcome = request
        .as_ref()
        .map(|_| outcome::lower(endpoint, context.next_methods));
    let documented = outcome
        .iter()
        .flat_map(|outcome| &outcome.variants)
        .map(|variant| &variant.outcome);
    let client_method = names::method_name(&endpoint.id);
    EndpointIr {
        id: endpoint.id.clone(),
        group: endpoint.group.clone(),
        kind: endpoint.kind,
        method: endpoint.method,
        path: endpoint.path.clone(),
        removed: endpoint.lifecycle.removed.clone(),
        renamed_from: endpoint
            .lifecycle
            .renamed_from
            .iter()
            .map(|alias| alias.id.clone())
            .collect(),
        method_docs: method_docs::lower(endpoint, outcome.as_ref(), deprecated.as_deref()),
        overview_row: overview::row(endpoint, &client_method, &data.name),
        client_method,
        meta: meta::lower(endpoint, documented, &role_of),
        example: example::values(endpoint),
        example_doc: format!(" {}, with the documented example values.", endpoint.name),
        request,
        data,
        outcome,
        nested,
        value_enums,
        deprecated,
    }
}
