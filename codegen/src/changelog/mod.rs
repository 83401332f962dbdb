//! The spec changelog: what a re-import of Eko's docs changes for a Rust caller of
//! the generated `eko-api`, and the semver bump that implies.
//!
//! Both specs are lowered to the IR first, because what breaks a caller is the
//! generated Rust (struct fields, `new` arguments, client methods, cargo features),
//! not the spec fields themselves: a wire rename to the same Rust name breaks nothing,
//! an optional parameter added to an exhaustive struct does.
//!
//! ```text
//! before, after: Bundle ──compare──▶ Changelog ──render_section──▶ section (Markdown)
//!   (both lowered with ir::build)      └──verdict──▶ next_version
//! CHANGELOG.md, section ──upsert_section──▶ CHANGELOG.md (keyed by docs version)
//! ```
//!
//! The rules for which field changes break callers live in [`Surface`], so that
//! marking the generated structs `#[non_exhaustive]` is a one-line policy change.

mod endpoints;
mod features;
mod fields;
mod file;
mod items;
mod lines;
mod model;
mod outcomes;
mod render;
mod surface;
mod verdict;

pub use file::{section_docs_version, upsert_section};
pub use lines::{line, rust_type_name};
pub use model::{
    Category, Change, ChangeKind, Changelog, EndpointChange, FeatureChange, FieldChange, FieldWhat,
    Impact, OutcomeChange,
};
pub use render::{CRATE_NAME, render_section};
pub use surface::Surface;
pub use verdict::{Counts, Verdict, VersionError, next_version};

use crate::error::SpecErrors;
use crate::ir;
use eko_spec::Bundle;

/// Compares the spec before and after a re-import, as a Rust caller of the generated
/// crate sees it under the `surface` rules.
///
/// Both bundles are lowered with [`ir::build`]; its errors (e.g. clashing type names)
/// are returned as they are. The bundles are expected as [`crate::load_spec`] returns
/// them, i.e. validated.
pub fn compare(before: &Bundle, after: &Bundle, surface: Surface) -> Result<Changelog, SpecErrors> {
    let before_ir = ir::build(before)?;
    let after_ir = ir::build(after)?;
    let mut changes = features::diff(&before_ir, &after_ir);
    changes.extend(endpoints::diff(&before_ir, &after_ir, surface));
    sort(&mut changes);
    Ok(Changelog {
        from_docs: before.shared.docs_version.clone(),
        to_docs: after.shared.docs_version.clone(),
        changes,
    })
}

fn sort(changes: &mut [Change]) {
    changes.sort_by_cached_key(Change::sort_key);
}
