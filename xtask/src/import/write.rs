//! Endpoint → the bytes of its spec file.

use eko_spec::Endpoint;
use std::path::PathBuf;

/// Folder of endpoint files, below the spec folder.
pub const ENDPOINTS_DIR: &str = "endpoints";

/// Where an endpoint's file goes, relative to the spec folder.
pub fn relative_path(endpoint: &Endpoint) -> PathBuf {
    PathBuf::from(ENDPOINTS_DIR)
        .join(&endpoint.group)
        .join(format!("{}.toml", endpoint.id))
}

/// The file's text: a provenance comment, then the endpoint as pretty TOML. Identical
/// endpoints give identical bytes.
pub fn render(endpoint: &Endpoint) -> Result<String, String> {
    let body =
        toml::to_string_pretty(endpoint).map_err(|error| format!("cannot serialize: {error}"))?;
    let text = format!(
        "# Imported from {} by cargo xtask import; do not hand-edit — fix the page or add an override in spec/overrides/.\n{body}",
        endpoint.source.url
    );
    // The file must read back as exactly this endpoint, or a later load would see
    // something the import never checked.
    match toml::from_str::<Endpoint>(&text) {
        Ok(read_back) if read_back == *endpoint => Ok(text),
        Ok(_) => Err("the written TOML does not read back as the same endpoint".into()),
        Err(error) => Err(format!(
            "the written TOML does not parse: {}",
            error.message()
        )),
    }
}
