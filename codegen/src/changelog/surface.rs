//! The policy of what a field change does to the generated Rust surface.

use super::{FieldChange, FieldWhat, Impact};
use crate::ir::Side;

/// Whether callers can build the generated structs with struct literals, which decides
/// whether adding a field breaks them (cargo-semver-checks' `constructible_struct_adds_field`).
///
/// Every generated struct is `#[non_exhaustive]` (since eko-api 0.4.0), so
/// [`Surface::current`] has both flags `false`: an added optional request field or an
/// added response field is additive; the rest stays breaking either way. The flags
/// remain so that the changelog can still judge a comparison with exhaustive structs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Surface {
    /// Request structs (and their nested structs) can be built with a struct literal.
    pub request_structs_exhaustive: bool,
    /// Response data structs (and their nested structs) can be built with a struct
    /// literal (they derive `Default` and have only `pub` fields).
    pub response_structs_exhaustive: bool,
}

impl Surface {
    /// The surface `codegen` generates today: every struct is `#[non_exhaustive]`.
    pub fn current() -> Surface {
        Surface {
            request_structs_exhaustive: false,
            response_structs_exhaustive: false,
        }
    }

    /// What a field change means for callers under this surface.
    pub fn field_impact(&self, change: &FieldChange) -> Impact {
        match (&change.what, change.side) {
            // A new `new` argument breaks every caller, exhaustive or not.
            (FieldWhat::Added { required: true, .. }, Side::Request) => Impact::Breaking,
            (FieldWhat::Added { .. }, Side::Request) => {
                breaking_if(self.request_structs_exhaustive)
            }
            (FieldWhat::Added { .. }, Side::Response) => {
                breaking_if(self.response_structs_exhaustive)
            }
            // Removals, retypes and required <-> optional change a field's type, `new`'s
            // arity or a setter: breaking whatever the struct attributes.
            (
                FieldWhat::Removed { .. }
                | FieldWhat::Retyped { .. }
                | FieldWhat::MadeRequired { .. }
                | FieldWhat::MadeOptional { .. }
                | FieldWhat::ExtraRenamed { .. },
                _,
            ) => Impact::Breaking,
        }
    }
}

impl Default for Surface {
    fn default() -> Self {
        Surface::current()
    }
}

fn breaking_if(exhaustive: bool) -> Impact {
    if exhaustive {
        Impact::Breaking
    } else {
        Impact::Additive
    }
}
