//! The data model of the Eko API spec.
//!
//! `spec/shared.toml` deserializes into [`Shared`], each `spec/endpoints/<group>/<id>.toml`
//! into [`Endpoint`]. The generator loads and validates these; the mock server embeds
//! the same model as a JSON [`Bundle`]. Field order within every list is the order of
//! the upstream doc page, so a regenerated file diffs cleanly against the previous one.

mod outcomes;

pub use outcomes::{DocumentedOutcome, OTHER_SLUG, OutcomeKind, StatusMatch};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything the generator and the mock need: the shared definitions plus every endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    /// Definitions every endpoint shares.
    pub shared: Shared,
    /// Endpoints, sorted by id.
    pub endpoints: Vec<Endpoint>,
}

/// `spec/shared.toml`: what every endpoint has in common.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shared {
    /// The version of Eko's docs the spec was imported from: the name of its dated
    /// folder, e.g. `2026-08-22`. Written by `cargo xtask import` of a whole folder.
    pub docs_version: String,
    /// Named environments, e.g. `staging` and `production`.
    pub environments: BTreeMap<String, Environment>,
    /// Headers sent on every request.
    pub auth_headers: Vec<Header>,
    /// Parameters with a meaning beyond the single endpoint (initiator, client reference, ...).
    pub common_params: Vec<CommonParam>,
    /// The fields of the response envelope that wraps every `data` payload.
    pub envelope: Vec<EnvelopeField>,
    /// Status values the docs name.
    pub status_codes: Vec<StatusCode>,
    /// Input formats the client and the mock validate.
    pub formats: Vec<FormatDef>,
    /// Product groups; each becomes a module and a cargo feature. Kept in
    /// `spec/groups.toml`, which the importer maintains; never removed, so that a
    /// consumer's cargo features keep compiling.
    #[serde(default)]
    pub groups: Vec<Group>,
}

/// A deployment of the API.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    /// Base URL that endpoint paths are appended to.
    pub base_url: String,
    /// What the environment is for.
    pub description: String,
}

/// A request header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Exact header name on the wire.
    pub name: String,
    /// Whether every request must carry it.
    pub required: bool,
    /// What the header carries.
    pub description: String,
}

/// A parameter that the runtime treats specially wherever an endpoint declares it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommonParam {
    /// Wire name.
    pub name: String,
    /// How the runtime fills or treats it.
    pub role: Role,
    /// What the parameter means.
    pub description: String,
}

/// How a common parameter is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Supplied by the caller on each call.
    Caller,
    /// Filled from the client's configuration (`initiator_id`); not a request field.
    Config,
    /// The caller's idempotency/reconciliation reference; generated when absent on non-GET calls.
    ClientRef,
}

/// One field of the response envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvelopeField {
    /// Wire name.
    pub name: String,
    /// Documented type.
    #[serde(rename = "type")]
    pub ty: Type,
    /// What the field means.
    pub description: String,
    /// Known from Eko's behaviour, not from the pages: their response tables never list
    /// it (the `invalid_params` of a validation failure), so the importer does not
    /// expect it there.
    #[serde(default, skip_serializing_if = "is_default")]
    pub beyond_pages: bool,
}

/// A status value the docs name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusCode {
    /// Where the code appears.
    pub kind: StatusKind,
    /// The numeric value.
    pub code: i64,
    /// What it means.
    pub meaning: String,
}

/// Where a status code appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusKind {
    /// The HTTP status line.
    Http,
    /// The envelope's `status` field.
    Business,
}

/// A named input format with its rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormatDef {
    /// Format id, as used in `Param::format`.
    pub name: Format,
    /// The rule, as a regular expression over the whole value.
    pub pattern: String,
    /// A human description used in error messages.
    pub description: String,
    /// Values that must pass.
    pub valid: Vec<String>,
    /// Values that must fail.
    pub invalid: Vec<String>,
}

/// Input formats with a validation rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Indian mobile number: ten digits starting 6–9.
    Mobile,
    /// Calendar date `YYYY-MM-DD` that exists.
    Date,
    /// Permanent Account Number.
    Pan,
    /// Email address.
    Email,
    /// Six-digit postal code.
    Pincode,
    /// Indian Financial System Code.
    Ifsc,
    /// Twelve-digit Aadhaar number.
    Aadhaar,
    /// Caller reference: 1–20 of `[A-Za-z0-9_-]`.
    ClientRefId,
}

/// `spec/groups.toml`: the product groups, kept apart from `shared.toml` because the
/// importer maintains them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupsFile {
    /// Every group, in file order.
    #[serde(default)]
    pub groups: Vec<Group>,
}

/// The file of product groups, below the spec folder.
pub const GROUPS_FILE: &str = "groups.toml";

/// The file of [`Shared`], relative to the spec folder.
pub const SHARED_FILE: &str = "shared.toml";

/// A product group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Module and feature name (snake_case).
    pub id: String,
    /// Display title.
    pub title: String,
    /// What the group covers.
    pub description: String,
    /// Eko product pages (`https://eps.eko.in/products/<name>.md`) whose endpoints belong here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<String>,
    /// Doc slugs that link no product page but belong here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<String>,
}

/// `spec/endpoints/<group>/<id>.toml`: one documented endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    /// Stable id: the doc slug, e.g. `onboard-customer`.
    pub id: String,
    /// Display name, e.g. `Onboard Customer`.
    pub name: String,
    /// One-sentence summary.
    pub summary: String,
    /// Longer description, if the page has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Product group id (see [`Shared::groups`]).
    pub group: String,
    /// Whether this is a call the client makes or a webhook Eko makes to the client.
    #[serde(default, skip_serializing_if = "is_default")]
    pub kind: EndpointKind,
    /// HTTP method.
    pub method: Method,
    /// Path template below the environment's base URL, e.g. `/customer/account/{customer_id}`.
    pub path: String,
    /// How the body travels.
    #[serde(default, skip_serializing_if = "is_default")]
    pub body: BodyEncoding,
    /// Where the facts came from.
    pub source: Source,
    /// When the endpoint appeared in, was renamed in, or left Eko's docs.
    pub lifecycle: Lifecycle,
    /// Request parameters in doc order.
    #[serde(default)]
    pub params: Vec<Param>,
    /// The `data` payload of the response, as dotted paths in doc order.
    #[serde(default)]
    pub response: Vec<ResponseField>,
    /// Documented outcomes: envelope values the page shows as a normal result.
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
    /// Documented error scenarios.
    #[serde(default)]
    pub errors: Vec<ErrorScenario>,
    /// The page's `Response types` table: every `response_type_id` it documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response_types: Vec<ResponseType>,
    /// Documented value lists of response or request fields (e.g. the values of
    /// `service_status_list[].status`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub value_lists: Vec<ValueList>,
    /// Callouts and sections the importer keeps as prose, in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// Documented example payloads.
    pub examples: Examples,
    /// Body fields whose values, after the timestamp, form the message of the optional
    /// `request_hash` header, in order. Empty when the endpoint takes none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_hash: Vec<String>,
    /// Names of the overrides (see `spec/overrides/`) applied to this endpoint by the importer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<String>,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// Who calls whom.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndpointKind {
    /// The client calls Eko.
    #[default]
    Call,
    /// Eko calls the client's server; only the payload type is generated.
    Webhook,
}

/// HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// GET: parameters in the query string; safe to retry.
    Get,
    /// POST: JSON body.
    Post,
    /// PUT: JSON or multipart body.
    Put,
    /// PATCH: JSON body.
    Patch,
    /// DELETE: parameters in the path and query string.
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// The method for its name on the wire (`GET`, `POST`, ...).
    pub fn parse(name: &str) -> Option<Method> {
        [
            Method::Get,
            Method::Post,
            Method::Put,
            Method::Patch,
            Method::Delete,
        ]
        .into_iter()
        .find(|method| method.as_str() == name)
    }
}

/// How the non-path, non-query parameters travel.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyEncoding {
    /// A JSON object.
    #[default]
    Json,
    /// `multipart/form-data`: one JSON part named `form-data` with the non-file fields,
    /// then one part per file.
    Multipart,
}

/// Provenance of an endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Canonical URL of the doc page.
    pub url: String,
    /// Doc page file name, e.g. `onboard-customer.md`.
    pub page: String,
    /// Publication of the docs, e.g. `2026-06-22`.
    pub version: String,
    /// The product page the doc page links, e.g. `aeps-api` (none for some pages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
}

/// An endpoint's history across docs versions, so that a removed or renamed endpoint
/// stays available to callers (deprecated) instead of disappearing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lifecycle {
    /// The docs version in which the endpoint (under any of its names) first appeared.
    pub since: String,
    /// The docs version whose pages no longer have the endpoint; it is then generated
    /// as `#[deprecated]` until `cargo xtask prune` deletes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<String>,
    /// Earlier names of the endpoint, oldest first; each stays as a deprecated alias.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renamed_from: Vec<Alias>,
}

/// A former name of an endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    /// The former id (doc slug).
    pub id: String,
    /// The group the former endpoint was generated in.
    pub group: String,
    /// The docs version that introduced the new name.
    pub version: String,
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// A `{token}` in the path template.
    Path,
    /// The query string.
    Query,
    /// The request body.
    Body,
}

/// Documented types. Pages type uploads `file` (older pages typed them `string`; the
/// importer reads those as `file` when their description says multipart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Type {
    /// Text.
    String,
    /// A decimal number; may arrive as a string such as `"110.00"`.
    Number,
    /// A whole number; may arrive as a string.
    Integer,
    /// `true`/`false`.
    Boolean,
    /// A list; see `items`.
    Array,
    /// A map; see `fields`.
    Object,
    /// An uploaded file (multipart part).
    File,
}

impl Type {
    /// Every type, as the pages and the spec write them.
    pub const ALL: [Type; 7] = [
        Type::String,
        Type::Number,
        Type::Integer,
        Type::Boolean,
        Type::Array,
        Type::Object,
        Type::File,
    ];

    /// Text, a number or a boolean: a value without parts.
    pub fn is_scalar(self) -> bool {
        matches!(
            self,
            Type::String | Type::Number | Type::Integer | Type::Boolean
        )
    }

    /// A scalar whose documented values make an enum: text or a number (a boolean's
    /// two values need no list).
    pub fn is_enumerable(self) -> bool {
        matches!(self, Type::String | Type::Number | Type::Integer)
    }

    /// The type as the spec writes it, e.g. `integer`.
    pub fn as_str(self) -> &'static str {
        match self {
            Type::String => "string",
            Type::Number => "number",
            Type::Integer => "integer",
            Type::Boolean => "boolean",
            Type::Array => "array",
            Type::Object => "object",
            Type::File => "file",
        }
    }

    /// The type a page's table cell names, or what is wrong with it.
    pub fn parse(text: &str) -> Result<Type, String> {
        Type::ALL
            .into_iter()
            .find(|ty| ty.as_str() == text)
            .ok_or_else(|| {
                format!(
                    "unknown type `{text}` (known: string, number, integer, boolean, array, object, file)"
                )
            })
    }
}

/// A request parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    /// Wire name, exactly as documented.
    pub name: String,
    /// Where it travels.
    #[serde(rename = "in")]
    pub location: Location,
    /// Documented type.
    #[serde(rename = "type")]
    pub ty: Type,
    /// Whether the caller must supply it.
    pub required: bool,
    /// What it means.
    pub description: String,
    /// The page's example value, as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    /// A validated format, where one applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// For `array`: the element type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Type>,
    /// For `object`, or `array` of `object`: the keys.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Param>,
    /// Only the page's example request shows it; no parameter table lists it.
    #[serde(default, skip_serializing_if = "is_default")]
    pub undocumented: bool,
    /// What the value is beyond its wire type (an identifier, an amount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub semantic: Option<Semantic>,
    /// Personal or secret data (PAN, Aadhaar, OTP, account number, biometrics): never
    /// shown by `Debug` or logs.
    #[serde(default, skip_serializing_if = "is_default")]
    pub sensitive: bool,
    /// The one value the page allows ("Fixed value: 80"), as text: the request sets it
    /// itself and the caller never passes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constant: Option<String>,
}

/// A field of the response `data` tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseField {
    /// Dotted path below `data`, e.g. `recipient.recipient_id`; array children are written
    /// as `parent.child`, as on the pages.
    pub path: String,
    /// Documented type.
    #[serde(rename = "type")]
    pub ty: Type,
    /// What it means.
    pub description: String,
    /// Marked ⭐ (verifiable) on the page.
    #[serde(default, skip_serializing_if = "is_default")]
    pub verifiable: bool,
    /// For `array` without documented children: the element type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Type>,
    /// Only the page's example response shows it; the response table does not list it.
    #[serde(default, skip_serializing_if = "is_default")]
    pub undocumented: bool,
    /// What the value is beyond its wire type (an identifier, an amount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub semantic: Option<Semantic>,
    /// Personal or secret data: never shown by `Debug` or logs.
    #[serde(default, skip_serializing_if = "is_default")]
    pub sensitive: bool,
}

/// What a value is, beyond its wire type; the importer infers it from names and
/// descriptions (and reports it), an override can correct it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Semantic {
    /// An identifier (mobile number, account number, IFSC, PAN, reference): text,
    /// whatever type the page gives, since leading zeros and length matter.
    Identifier,
    /// Money: an exact decimal, never a float.
    Amount,
}

/// An envelope the page documents as a normal result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Envelope `status`.
    pub status: i64,
    /// Envelope `response_type_id`, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_type_id: Option<i64>,
    /// Envelope `message`.
    pub message: String,
}

/// A documented error scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorScenario {
    /// HTTP status the page gives.
    pub http_status: u16,
    /// The `response_type_id` the scenario answers with, when the page gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_type_id: Option<i64>,
    /// What happened.
    pub scenario: String,
}

/// A row of a page's `Response types` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseType {
    /// The `response_type_id`.
    pub id: i64,
    /// What it means.
    pub meaning: String,
    /// The endpoint (doc slug) to call next, when the page links one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// The documented values of one field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueList {
    /// The field, as the page names it, e.g. `service_status_list[].status`.
    pub field: String,
    /// The section's title, e.g. `Service status`.
    pub title: String,
    /// The section's prose, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The field that carries each value's label, e.g. `status_desc`, when the table
    /// has a label column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_field: Option<String>,
    /// The values in page order.
    pub values: Vec<DocumentedValue>,
}

impl ValueList {
    /// Whether the list documents the field at `path` (a parameter name or a dotted
    /// response path such as `service_status_list.status`). Array levels may be
    /// written `list[].key`, and a bare name, as value-list sections often give it,
    /// names that field at any depth.
    pub fn applies_to(&self, path: &str) -> bool {
        let field = self.field.replace("[]", "");
        let path = path.replace("[]", "");
        field == path || (!field.contains('.') && path.rsplit('.').next() == Some(field.as_str()))
    }
}

/// One documented value of a field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentedValue {
    /// The value as it travels, e.g. `1`.
    pub code: String,
    /// Its label in the label column, e.g. `ACTIVATED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// What it means.
    pub meaning: String,
}

/// Prose the importer keeps: a callout (`> [!NOTE]`) or a section it does not know.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// `note`, `important`, `warning`, `tip`, `caution` for callouts; `section` for a
    /// section the importer keeps as prose.
    pub kind: String,
    /// The section's heading (sections only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The Markdown text.
    pub text: String,
}

/// Example payloads as JSON text, exactly as documented (pretty-printed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// The example request body, when the page has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<String>,
    /// The example response.
    pub response: String,
    /// The page's words about the example response (e.g. which outcome it shows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_note: Option<String>,
}

impl Endpoint {
    /// Whether Eko's current docs no longer have the endpoint.
    pub fn is_removed(&self) -> bool {
        self.lifecycle.removed.is_some()
    }

    /// Path tokens in template order, e.g. `["customer_id"]`.
    pub fn path_tokens(&self) -> Vec<&str> {
        let mut tokens = Vec::new();
        let mut rest = self.path.as_str();
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    tokens.push(&after[..close]);
                    rest = &after[close + 1..];
                }
                None => break,
            }
        }
        tokens
    }
}

impl Bundle {
    /// Parses the JSON form of a bundle.
    pub fn from_json(text: &str) -> Result<Bundle, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The JSON form of a bundle: stable key order, pretty-printed.
    pub fn to_json(&self) -> String {
        let mut text =
            serde_json::to_string_pretty(self).expect("the spec model always serializes");
        text.push('\n');
        text
    }
}
