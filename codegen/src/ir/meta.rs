//! The runtime metadata of an endpoint (`EndpointMeta`, or a webhook's id and
//! acknowledgement): the spec's facts, named as the runtime's own enums name them.

use eko_spec::{
    BodyEncoding, DocumentedOutcome, Endpoint, EndpointKind, Format, Location, Method, OutcomeKind,
    Param, Role, StatusMatch, Type,
};

/// A value of one of the runtime's metadata enums: `crate::<enum_name>::<variant>`,
/// with `argument` in parentheses where the variant holds one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuntimeValue {
    /// The runtime enum, e.g. `Kind`.
    pub enum_name: &'static str,
    /// Its variant, e.g. `String`.
    pub variant: &'static str,
    /// The variant's one number, e.g. the `0` of `StatusMatch::Exactly(0)`.
    pub argument: Option<i64>,
}

impl RuntimeValue {
    const fn of(enum_name: &'static str, variant: &'static str) -> Self {
        RuntimeValue {
            enum_name,
            variant,
            argument: None,
        }
    }
}

/// What the runtime knows of an endpoint.
#[derive(Debug, Clone, PartialEq)]
pub enum MetaIr {
    /// A call: `impl Endpoint` for its request.
    Call(Box<CallMetaIr>),
    /// A webhook: `impl Webhook` for its payload.
    Webhook(WebhookMetaIr),
}

/// `EndpointMeta` of a call.
#[derive(Debug, Clone, PartialEq)]
pub struct CallMetaIr {
    /// The endpoint id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// `Method`.
    pub method: RuntimeValue,
    /// Path template.
    pub path: String,
    /// `BodyEncoding`.
    pub body: RuntimeValue,
    /// Every documented parameter.
    pub params: Vec<ParamMetaIr>,
    /// The outcome table, in variant order.
    pub outcomes: Vec<OutcomeMetaIr>,
    /// Body fields of the `request_hash` message, in order.
    pub request_hash: Vec<String>,
    /// Wire keys of sensitive parameters and response fields, sorted.
    pub sensitive: Vec<String>,
}

/// `impl Webhook` of a payload.
#[derive(Debug, Clone, PartialEq)]
pub struct WebhookMetaIr {
    /// The endpoint id.
    pub id: String,
    /// What your server answers: the page's example response, compacted when it is JSON.
    pub acknowledgement: String,
}

/// `ParamMeta` of one parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamMetaIr {
    /// Wire name.
    pub name: String,
    /// `Location` (nested fields inherit their parent's).
    pub location: RuntimeValue,
    /// `Kind`.
    pub kind: RuntimeValue,
    /// Whether it is required.
    pub required: bool,
    /// `Format` to validate.
    pub format: Option<RuntimeValue>,
    /// `Role`.
    pub role: RuntimeValue,
    /// Nested keys.
    pub fields: Vec<ParamMetaIr>,
}

/// `OutcomeMeta`: one row of the runtime's outcome table.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeMetaIr {
    /// The outcome's kebab-case name.
    pub name: String,
    /// The `response_type_id` it matches.
    pub response_type_id: Option<i64>,
    /// `StatusMatch`.
    pub status: RuntimeValue,
    /// `OutcomeKind`.
    pub kind: RuntimeValue,
    /// What it means.
    pub meaning: String,
    /// The endpoint id of the next step.
    pub next: Option<String>,
}

/// The metadata of `endpoint`, whose documented outcomes are `outcomes` in variant
/// order; `role_of` tells each top-level parameter's role.
pub(super) fn lower<'a>(
    endpoint: &Endpoint,
    outcomes: impl Iterator<Item = &'a DocumentedOutcome>,
    role_of: &dyn Fn(&Param) -> Role,
) -> MetaIr {
    if endpoint.kind == EndpointKind::Webhook {
        return MetaIr::Webhook(WebhookMetaIr {
            id: endpoint.id.clone(),
            acknowledgement: acknowledgement(&endpoint.examples.response),
        });
    }
    MetaIr::Call(Box::new(CallMetaIr {
        id: endpoint.id.clone(),
        name: endpoint.name.clone(),
        method: method(endpoint.method),
        path: endpoint.path.clone(),
        body: match endpoint.body {
            BodyEncoding::Json => RuntimeValue::of("BodyEncoding", "Json"),
            BodyEncoding::Multipart => RuntimeValue::of("BodyEncoding", "Multipart"),
        },
        params: endpoint
            .params
            .iter()
            .map(|param| param_meta(param, param.location, role_of(param)))
            .collect(),
        outcomes: outcomes.map(outcome_meta).collect(),
        request_hash: endpoint.request_hash.clone(),
        sensitive: sensitive_keys(endpoint),
    }))
}

fn acknowledgement(example: &str) -> String {
    serde_json::from_str::<serde_json::Value>(example)
        .map(|value| value.to_string())
        .unwrap_or_else(|_| example.trim().to_owned())
}

fn method(method: Method) -> RuntimeValue {
    let variant = match method {
        Method::Get => "Get",
        Method::Post => "Post",
        Method::Put => "Put",
        Method::Patch => "Patch",
        Method::Delete => "Delete",
    };
    RuntimeValue::of("Method", variant)
}

fn param_meta(param: &Param, location: Location, role: Role) -> ParamMetaIr {
    ParamMetaIr {
        name: param.name.clone(),
        location: RuntimeValue::of(
            "Location",
            match location {
                Location::Path => "Path",
                Location::Query => "Query",
                Location::Body => "Body",
            },
        ),
        kind: RuntimeValue::of(
            "Kind",
            match param.ty {
                Type::String => "String",
                Type::Number => "Number",
                Type::Integer => "Integer",
                Type::Boolean => "Boolean",
                Type::Array => "Array",
                Type::Object => "Object",
                Type::File => "File",
            },
        ),
        required: param.required,
        format: param.format.map(format),
        role: RuntimeValue::of(
            "Role",
            match role {
                Role::Caller => "Caller",
                Role::Config => "Config",
                Role::ClientRef => "ClientRef",
            },
        ),
        fields: param
            .fields
            .iter()
            .map(|child| param_meta(child, location, Role::Caller))
            .collect(),
    }
}

fn format(format: Format) -> RuntimeValue {
    let variant = match format {
        Format::Mobile => "Mobile",
        Format::Date => "Date",
        Format::Pan => "Pan",
        Format::Email => "Email",
        Format::Pincode => "Pincode",
        Format::Ifsc => "Ifsc",
        Format::Aadhaar => "Aadhaar",
        Format::ClientRefId => "ClientRefId",
    };
    RuntimeValue::of("Format", variant)
}

fn outcome_meta(outcome: &DocumentedOutcome) -> OutcomeMetaIr {
    let status = match outcome.status {
        StatusMatch::Exactly(status) => RuntimeValue {
            argument: Some(status),
            ..RuntimeValue::of("StatusMatch", "Exactly")
        },
        StatusMatch::NonZero => RuntimeValue::of("StatusMatch", "NonZero"),
        StatusMatch::Any => RuntimeValue::of("StatusMatch", "Any"),
    };
    let kind = match outcome.kind {
        OutcomeKind::Success => "Success",
        OutcomeKind::NextStep => "NextStep",
        OutcomeKind::Refusal => "Refusal",
    };
    OutcomeMetaIr {
        name: outcome.slug.clone(),
        response_type_id: outcome.response_type_id,
        status,
        kind: RuntimeValue::of("OutcomeKind", kind),
        meaning: outcome.meaning.clone(),
        next: outcome.next.clone(),
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
