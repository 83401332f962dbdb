//! The changelog's data: changes, their impact and the subsection they belong to.

use super::{Counts, Verdict, line};
use crate::ir::{OutcomeVariantIr, RustType, Side};
use eko_spec::{EndpointKind, Method};

/// Every change between two specs, in the order the Markdown lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct Changelog {
    /// `Shared::docs_version` of the spec before.
    pub from_docs: String,
    /// `Shared::docs_version` of the spec after.
    pub to_docs: String,
    /// Sorted by category, group, endpoint id, field, then rendered line.
    pub changes: Vec<Change>,
}

impl Changelog {
    /// The semver class of the whole section: the strongest API impact of its changes.
    pub fn verdict(&self) -> Verdict {
        Verdict::of(self.changes.iter().map(|change| change.impact))
    }

    /// How many changes have each impact.
    pub fn counts(&self) -> Counts {
        Counts::of(self.changes.iter().map(|change| change.impact))
    }
}

/// One line of the changelog.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// What it means for a caller.
    pub impact: Impact,
    /// The product group (cargo feature) it concerns; for a deleted endpoint, the group
    /// it was in.
    pub group: String,
    /// The endpoint id it concerns (the new id of a renamed one); `None` for features.
    pub endpoint: Option<String>,
    /// What changed.
    pub kind: ChangeKind,
}

/// What a change means for a Rust caller of `eko-api`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Impact {
    /// Code that compiled against the previous release may not compile.
    Breaking,
    /// New API; existing code keeps compiling.
    Additive,
    /// Same API, different runtime behaviour (e.g. a response that was `Ok` is now an
    /// error). Listed, but not counted for the semver verdict.
    Behaviour,
    /// No API change, listed for the reviewer (e.g. a request now goes to another path).
    Info,
}

/// The Markdown subsection a change is listed under, in document order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Cargo features (product groups).
    Features,
    /// Whole endpoints.
    Endpoints,
    /// Fields of request structs.
    RequestParameters,
    /// Fields of response data structs.
    ResponseFields,
    /// Documented outcomes, response types and error scenarios.
    Outcomes,
}

/// What changed.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeKind {
    /// A cargo feature (product group module).
    Feature(FeatureChange),
    /// A whole endpoint.
    Endpoint(EndpointChange),
    /// A field of a request or response struct.
    Field(FieldChange),
    /// A documented outcome, response type or error scenario.
    Outcome(OutcomeChange),
}

/// A change to the set of cargo features (one per group module).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeatureChange {
    /// A product group gained its first endpoint: a new module and cargo feature.
    Added,
    /// A product group lost its module and cargo feature.
    Removed,
}

/// A change to a whole endpoint.
#[derive(Debug, Clone, PartialEq)]
pub enum EndpointChange {
    /// A new endpoint.
    Added {
        /// Call or webhook.
        kind: EndpointKind,
        /// The `Client` method (calls only).
        client_method: Option<String>,
        /// The data (or webhook payload) type.
        data_type: String,
        /// HTTP method.
        method: Method,
        /// Path template.
        path: String,
    },
    /// Eko's docs dropped the endpoint; it stays generated, `#[deprecated]`.
    Deprecated {
        /// The docs version that no longer has it.
        removed_in: String,
        /// What stays: `Client::<method>` of a call, the payload type of a webhook.
        kept: String,
    },
    /// An endpoint that was deprecated is back in Eko's docs.
    Restored {
        /// `Client::<method>` of a call, the payload type of a webhook.
        kept: String,
    },
    /// The endpoint's id changed; its old names stay as deprecated aliases.
    Renamed {
        /// The former id.
        from: String,
        /// The former top-level names (`Client::old`, `group::OldRequest`, ...).
        old_items: Vec<String>,
        /// Former names that no longer resolve.
        unresolved: Vec<String>,
    },
    /// Deprecated aliases of a former name that the previous release had are gone.
    AliasDropped {
        /// The former id.
        from: String,
        /// The former names that no longer resolve.
        items: Vec<String>,
    },
    /// The endpoint left the spec without a successor.
    Deleted {
        /// The names that are gone.
        items: Vec<String>,
    },
    /// The endpoint moved to another product group (module and feature).
    Moved {
        /// The group it was in.
        from_group: String,
        /// Former names that no longer resolve.
        unresolved: Vec<String>,
    },
    /// A call became a webhook or the reverse.
    KindChanged {
        /// The kind before.
        before: EndpointKind,
        /// The kind after.
        after: EndpointKind,
        /// Former names that no longer resolve.
        unresolved: Vec<String>,
    },
    /// The HTTP method or path changed: no API change, but requests go elsewhere.
    RouteChanged {
        /// `METHOD /path` before.
        before: String,
        /// `METHOD /path` after.
        after: String,
    },
}

/// A change to one field of a generated struct (top-level or nested).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// Request or response side.
    pub side: Side,
    /// The struct the field is in (its current name).
    pub owner: String,
    /// Rust field names from the endpoint's request or data struct down, joined by `.`.
    pub path: String,
    /// What happened to it.
    pub what: FieldWhat,
}

/// What happened to a field.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldWhat {
    /// A new field.
    Added {
        /// Its type, before `Option` wrapping.
        ty: RustType,
        /// A `new` argument rather than an `Option` with a setter (request side).
        required: bool,
    },
    /// The field is gone.
    Removed {
        /// Its type, before `Option` wrapping.
        ty: RustType,
        /// Whether it was a `new` argument.
        required: bool,
    },
    /// The field's Rust type changed.
    Retyped {
        /// The type before, before `Option` wrapping.
        before: RustType,
        /// The type after, before `Option` wrapping.
        after: RustType,
    },
    /// An optional request field became a `new` argument.
    MadeRequired {
        /// Its type, before `Option` wrapping.
        ty: RustType,
    },
    /// A `new` argument became an optional field with a setter.
    MadeOptional {
        /// Its type, before `Option` wrapping.
        ty: RustType,
    },
    /// The map of undocumented keys changed its name, because a documented field took
    /// (or gave up) the name `extra`.
    ExtraRenamed {
        /// The name before.
        before: String,
        /// The name after.
        after: String,
    },
}

/// A change to an endpoint's outcome enum.
#[derive(Debug, Clone, PartialEq)]
pub enum OutcomeChange {
    /// A documented outcome appeared: a new variant (such answers arrived as `Other`).
    VariantAdded {
        /// The outcome enum.
        enum_name: String,
        /// The new variant.
        variant: Box<OutcomeVariantIr>,
    },
    /// A documented outcome disappeared: its variant is gone (such answers now
    /// arrive as `Other`).
    VariantRemoved {
        /// The outcome enum.
        enum_name: String,
        /// The variant as it was.
        variant: Box<OutcomeVariantIr>,
    },
    /// A variant kept its name but matches, means or leads elsewhere.
    VariantChanged {
        /// The outcome enum.
        enum_name: String,
        /// The variant before.
        before: Box<OutcomeVariantIr>,
        /// The variant after.
        after: Box<OutcomeVariantIr>,
    },
    /// An error row without a `response_type_id` appeared (documentation only).
    UnidentifiedAdded(String),
    /// An error row without a `response_type_id` disappeared.
    UnidentifiedRemoved(String),
}

impl Change {
    /// The subsection the change is listed under.
    pub fn category(&self) -> Category {
        match &self.kind {
            ChangeKind::Feature(_) => Category::Features,
            ChangeKind::Endpoint(_) => Category::Endpoints,
            ChangeKind::Field(field) => match field.side {
                Side::Request => Category::RequestParameters,
                Side::Response => Category::ResponseFields,
            },
            ChangeKind::Outcome(_) => Category::Outcomes,
        }
    }

    /// Category, group, endpoint, field path; the rendered line breaks the remaining
    /// ties, so the order never depends on the order the diff found changes in.
    pub(super) fn sort_key(&self) -> (Category, String, String, String, String) {
        let path = match &self.kind {
            ChangeKind::Field(field) => field.path.clone(),
            _ => String::new(),
        };
        (
            self.category(),
            self.group.clone(),
            self.endpoint.clone().unwrap_or_default(),
            path,
            line(self),
        )
    }
}

impl From<FeatureChange> for ChangeKind {
    fn from(change: FeatureChange) -> Self {
        ChangeKind::Feature(change)
    }
}

impl From<EndpointChange> for ChangeKind {
    fn from(change: EndpointChange) -> Self {
        ChangeKind::Endpoint(change)
    }
}

impl From<FieldChange> for ChangeKind {
    fn from(change: FieldChange) -> Self {
        ChangeKind::Field(change)
    }
}

impl From<OutcomeChange> for ChangeKind {
    fn from(change: OutcomeChange) -> Self {
        ChangeKind::Outcome(change)
    }
}
