//! The pipeline's last step: a validated bundle lowered to the IR, and the IR emitted
//! as the generated files. The spec itself reaches no emitter; only the mock's copy of
//! it is written as it is, and the OpenAPI export reads it (its types are JSON
//! Schema's, not Rust's).

use crate::emit::{self, GeneratedFile, MOCK_BUNDLE};
use crate::error::SpecErrors;
use crate::ir;
use eko_spec::Bundle;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Every generated file for `bundle`, in a stable order.
///
/// `manifest` is the current text of [`emit::LIBRARY_MANIFEST`]; its feature block is
/// replaced.
pub fn generate(bundle: &Bundle, manifest: &str) -> Result<Vec<GeneratedFile>, SpecErrors> {
    let ir = ir::build(bundle)?;
    let mut files = emit::library_files(&ir)?;
    files.push(GeneratedFile {
        path: PathBuf::from(MOCK_BUNDLE),
        contents: bundle.to_json(),
    });
    files.push(emit::examples_file(&ir)?);
    files.push(emit::manifest_file(manifest, &ir)?);
    files.push(GeneratedFile {
        path: PathBuf::from(crate::openapi::OPENAPI_FILE),
        contents: crate::openapi::render(bundle),
    });
    Ok(files)
}

/// The generated Rust of each endpoint alone (what a snapshot pins), formatted, by id.
pub fn render_endpoints(bundle: &Bundle) -> Result<BTreeMap<String, String>, SpecErrors> {
    emit::endpoint_sources(&ir::build(bundle)?)
}
