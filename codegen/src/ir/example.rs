//! The documented example value of each request parameter, by wire name: what the
//! typed example requests (tests, method docs) are built from.

use eko_spec::{Endpoint, Location};
use serde_json::{Map, Value};

/// The example values of `endpoint`'s top-level parameters, or why there are none.
///
/// Values come from the example body; path and query parameters (and GET endpoints,
/// which have no example body) take the example text of their parameter.
pub(super) fn values(endpoint: &Endpoint) -> Result<Map<String, Value>, String> {
    let mut values: Map<String, Value> = match &endpoint.examples.request {
        Some(text) => {
            serde_json::from_str(text).map_err(|error| format!("example request: {error}"))?
        }
        None => Map::new(),
    };
    let mut seen = std::collections::BTreeSet::new();
    for param in &endpoint.params {
        // A field looks up the first parameter of its name only.
        if !seen.insert(param.name.as_str()) || values.contains_key(&param.name) {
            continue;
        }
        let from_text = endpoint.examples.request.is_none() || param.location != Location::Body;
        if let Some(text) = param.example.as_deref().filter(|_| from_text) {
            values.insert(param.name.clone(), Value::String(text.to_owned()));
        }
    }
    Ok(values)
}
