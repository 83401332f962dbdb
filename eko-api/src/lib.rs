//! Typed bindings for Eko's EPS payments API.
#![doc = "(crate docs: see README)"]

mod endpoint;
mod file;
pub mod lenient;
mod number;

mod generated;

pub use endpoint::{BodyEncoding, Endpoint, EndpointMeta, Format, Kind, Location, Method, OutcomeMeta, ParamMeta, Role};
pub use file::FilePart;
pub use generated::*;
pub use number::{Number, ParseNumberError};
