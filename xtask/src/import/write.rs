//! Endpoint → the bytes of its spec file.

use eko_spec::{Endpoint, Group, GroupsFile};
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

/// `groups.toml` with `groups`: the file's leading comment kept, the groups rewritten.
pub fn render_groups(current: &str, groups: &[Group]) -> Result<String, String> {
    let header: String = current
        .lines()
        .take_while(|line| line.starts_with('#') || line.trim().is_empty())
        .map(|line| format!("{line}\n"))
        .collect();
    let file = GroupsFile {
        groups: groups.to_vec(),
    };
    let body =
        toml::to_string_pretty(&file).map_err(|error| format!("cannot serialize: {error}"))?;
    let text = format!("{}\n\n{body}", header.trim_end());
    match toml::from_str::<GroupsFile>(&text) {
        Ok(read_back) if read_back == file => Ok(text),
        _ => Err("the written groups do not read back as the same groups".into()),
    }
}

/// `shared.toml` with its `docs_version = "..."` line set to `version`; the rest of the
/// hand-written file, comments included, is kept byte for byte.
pub fn set_docs_version(current: &str, version: &str) -> Result<String, String> {
    let mut found = false;
    let mut out = String::with_capacity(current.len());
    for line in current.split_inclusive('\n') {
        if line.starts_with("docs_version") && line.contains('=') {
            found = true;
            out.push_str(&format!("docs_version = \"{version}\"\n"));
        } else {
            out.push_str(line);
        }
    }
    if found {
        Ok(out)
    } else {
        Err("shared.toml has no top-level `docs_version = \"...\"` line".into())
    }
}
