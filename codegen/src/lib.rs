//! The bindings generator: loads `spec/`, validates it, lowers it to an IR that answers
//! every naming and typing question, and emits Rust with `quote`, formatted by
//! `prettyplease`.
//!
//! ```text
//! spec/*.toml ──load──▶ eko_spec::Bundle ──validate──▶ ──ir::build──▶ Ir ──emit──▶ files
//! ```
//!
//! Output is deterministic: endpoints and groups are sorted, nothing depends on the
//! clock or on hash order, so generating twice gives identical bytes.

pub mod changelog;
pub mod docs;
pub mod emit;
pub mod error;
mod generate;
pub mod ir;
pub mod load;
pub mod names;
pub mod openapi;
pub mod validate;

pub use emit::GeneratedFile;
pub use error::{SpecError, SpecErrors};
pub use generate::{generate, render_endpoints};
pub use load::load_spec;
