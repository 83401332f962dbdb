//! The contract between generated endpoint code and the runtime.
//!
//! Generated code declares *what* an endpoint is (a request struct that serializes to
//! its wire names, plus static [`EndpointMeta`]); the runtime decides *how* to send it:
//! validation, path building, query/body placement, signing, retries and decoding all
//! live once in the runtime and are driven by this metadata.

use crate::{Outcome, OutcomeMeta};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A request type for one Eko endpoint.
///
/// The request serializes (with serde) to a JSON object keyed by wire names, holding
/// every caller-supplied parameter — path, query and body alike. The runtime splits
/// the object by [`ParamMeta::location`]. File parts are not serialized; they are
/// returned by [`Endpoint::files`].
pub trait Endpoint: Serialize + Send + Sync {
    /// The response's `data` payload.
    type Data: DeserializeOwned + Serialize + Default + Send + 'static;

    /// The endpoint's typed outcome: a variant per documented outcome, and `Other`.
    type Outcome: Outcome<Data = Self::Data>;

    /// Static description of the endpoint.
    const META: &'static EndpointMeta;

    /// File parts of a multipart request, by wire name, in documented order.
    fn files(&self) -> Vec<(&'static str, &crate::FilePart)> {
        Vec::new()
    }
}

/// Static description of an endpoint, generated from the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndpointMeta {
    /// Stable id (the doc slug), e.g. `onboard-customer`.
    pub id: &'static str,
    /// Display name, e.g. `Onboard Customer`.
    pub name: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template below the base URL, e.g. `/customer/account/{customer_id}`.
    pub path: &'static str,
    /// How the body travels.
    pub body: BodyEncoding,
    /// Every documented parameter, in doc order.
    pub params: &'static [ParamMeta],
    /// Documented outcomes, in the order of the endpoint's outcome enum's variants.
    pub outcomes: &'static [OutcomeMeta],
    /// Body fields that make up the optional `request_hash` header, in order; empty
    /// when the endpoint takes none.
    pub request_hash: &'static [&'static str],
    /// Keys whose values are personal or secret data (PAN, Aadhaar, OTP, account
    /// number, ...), in requests and responses: hidden wherever the runtime shows a
    /// body (`Debug` of a response, errors).
    pub sensitive: &'static [&'static str],
}

impl EndpointMeta {
    /// The parameter with this wire name, if documented.
    pub fn param(&self, name: &str) -> Option<&'static ParamMeta> {
        self.params.iter().find(|param| param.name == name)
    }

    /// The `initiator_id` parameter (filled from the configuration), if the endpoint takes one.
    pub fn initiator_param(&self) -> Option<&'static ParamMeta> {
        self.params.iter().find(|param| param.role == Role::Config)
    }

    /// The `client_ref_id` parameter, if the endpoint takes one.
    pub fn client_ref_param(&self) -> Option<&'static ParamMeta> {
        self.params
            .iter()
            .find(|param| param.role == Role::ClientRef)
    }
}

/// HTTP method of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET: parameters in the query string; retried on transient failures.
    Get,
    /// POST: never re-sent automatically.
    Post,
    /// PUT: never re-sent automatically.
    Put,
    /// PATCH: never re-sent automatically.
    Patch,
    /// DELETE: parameters in the path and query string; never re-sent automatically.
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
}

/// How the body of a non-GET request travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodyEncoding {
    /// One JSON object.
    Json,
    /// `multipart/form-data`: a JSON part named `form-data` with the non-file fields,
    /// then one part per file.
    Multipart,
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Location {
    /// A `{token}` of the path template.
    Path,
    /// The query string.
    Query,
    /// The body.
    Body,
}

/// The documented type of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Text.
    String,
    /// Decimal number.
    Number,
    /// Whole number.
    Integer,
    /// `true`/`false`.
    Boolean,
    /// List.
    Array,
    /// Map.
    Object,
    /// Uploaded file.
    File,
}

/// How the runtime treats a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Supplied by the caller.
    Caller,
    /// Filled from the client configuration (`initiator_id`).
    Config,
    /// The caller's reference (`client_ref_id`); generated when absent on non-GET calls.
    ClientRef,
}

/// Input formats checked before any request is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Ten digits starting 6–9.
    Mobile,
    /// A real calendar date as `YYYY-MM-DD`.
    Date,
    /// PAN, e.g. `ABCDE1234F`.
    Pan,
    /// Email address.
    Email,
    /// Six digits.
    Pincode,
    /// IFSC, e.g. `SBIN0001234`.
    Ifsc,
    /// Twelve digits.
    Aadhaar,
    /// 1–20 of `[A-Za-z0-9_-]`.
    ClientRefId,
}

/// Static description of one parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamMeta {
    /// Wire name.
    pub name: &'static str,
    /// Where it travels.
    pub location: Location,
    /// Documented type.
    pub kind: Kind,
    /// Whether it must be present (and, for strings, non-empty).
    pub required: bool,
    /// A format to validate, where one applies.
    pub format: Option<Format>,
    /// How the runtime treats it.
    pub role: Role,
    /// For objects and arrays of objects: the documented keys, validated the same way.
    pub fields: &'static [ParamMeta],
}
