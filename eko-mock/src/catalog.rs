//! Everything the mock derives from the spec bundle, computed once per process.

use crate::formats::FormatRules;
use crate::scalar::scalar_text;
use eko_spec::{Bundle, DocumentedOutcome, Endpoint, EndpointKind, Role};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// One served endpoint with its path split for matching.
pub(crate) struct Route {
    pub(crate) endpoint: &'static Endpoint,
    pub(crate) segments: Vec<Segment>,
    /// The documented example response, parsed; the error text when it does not parse.
    pub(crate) example: Result<Value, String>,
    /// Parameter name → the values the page's examples give it, as text.
    pub(crate) documented: HashMap<String, HashSet<String>>,
    /// The documented outcomes, which a request may ask for by name.
    pub(crate) outcomes: Vec<DocumentedOutcome>,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    Literal(String),
    Param(String),
}

impl Route {
    pub(crate) fn new(endpoint: &'static Endpoint) -> Route {
        let segments = split_path(&endpoint.path)
            .map(|segment| {
                match segment
                    .strip_prefix('{')
                    .and_then(|rest| rest.strip_suffix('}'))
                {
                    Some(name) => Segment::Param(name.to_owned()),
                    None => Segment::Literal(segment.to_owned()),
                }
            })
            .collect();
        let example = serde_json::from_str::<Value>(&endpoint.examples.response)
            .map_err(|error| {
                format!(
                    "the documented example response of {} is not JSON: {error}",
                    endpoint.id
                )
            })
            .and_then(|value| {
                if value.is_object() {
                    Ok(value)
                } else {
                    Err(format!(
                        "the documented example response of {} is not a JSON object",
                        endpoint.id
                    ))
                }
            });
        Route {
            endpoint,
            segments,
            example,
            documented: documented_values(endpoint),
            outcomes: endpoint.documented_outcomes(),
        }
    }

    /// How many literal segments the template has: more literals means a more specific route.
    pub(crate) fn specificity(&self) -> usize {
        self.segments
            .iter()
            .filter(|segment| matches!(segment, Segment::Literal(_)))
            .count()
    }
}

/// The values each parameter takes in the endpoint's examples: its own example and
/// its value in the example request.
fn documented_values(endpoint: &Endpoint) -> HashMap<String, HashSet<String>> {
    let request = endpoint
        .examples
        .request
        .as_deref()
        .and_then(|text| serde_json::from_str::<Value>(text).ok());
    let mut documented: HashMap<String, HashSet<String>> = HashMap::new();
    for param in &endpoint.params {
        let values = documented.entry(param.name.clone()).or_default();
        values.extend(param.example.clone());
        if let Some(text) = request
            .as_ref()
            .and_then(|request| request.get(&param.name))
            .and_then(scalar_text)
        {
            values.insert(text);
        }
    }
    documented
}

/// The segments of a path, ignoring one trailing slash.
pub(crate) fn split_path(path: &str) -> impl Iterator<Item = &str> {
    let path = path.strip_prefix('/').unwrap_or(path);
    let path = path.strip_suffix('/').unwrap_or(path);
    path.split('/').filter(move |_| !path.is_empty())
}

/// Values the documented examples use, so that every example request succeeds as-is.
pub(crate) struct Seeds {
    /// `user_code`s of documented retailers.
    pub(crate) user_codes: HashSet<String>,
    /// `otp_ref_id`s of documented OTP sessions; valid for any customer.
    pub(crate) otp_ref_ids: HashSet<String>,
    /// `customer_id`s of documented, enrolled customers.
    pub(crate) customer_ids: HashSet<String>,
}

impl Seeds {
    fn collect(endpoints: &[Endpoint]) -> Seeds {
        let mut found: HashMap<&str, HashSet<String>> = HashMap::new();
        const KEYS: [&str; 3] = ["user_code", "otp_ref_id", "customer_id"];
        for endpoint in endpoints {
            for param in &endpoint.params {
                for key in KEYS {
                    if param.name == key
                        && let Some(example) = &param.example
                    {
                        found.entry(key).or_default().insert(example.clone());
                    }
                }
            }
            let documents = [
                endpoint.examples.request.as_deref(),
                Some(endpoint.examples.response.as_str()),
            ];
            for document in documents.into_iter().flatten() {
                if let Ok(value) = serde_json::from_str::<Value>(document) {
                    for key in KEYS {
                        collect_values(&value, key, found.entry(key).or_default());
                    }
                }
            }
        }
        let mut take = |key: &str| found.remove(key).unwrap_or_default();
        Seeds {
            user_codes: take("user_code"),
            otp_ref_ids: take("otp_ref_id"),
            customer_ids: take("customer_id"),
        }
    }
}

/// Adds the text of every scalar stored under `key`, at any depth of `value`.
fn collect_values(value: &Value, key: &str, into: &mut HashSet<String>) {
    match value {
        Value::Object(map) => {
            for (name, child) in map {
                if name == key
                    && let Some(text) = scalar_text(child)
                    && !text.is_empty()
                {
                    into.insert(text);
                }
                collect_values(child, key, into);
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|item| collect_values(item, key, into)),
        _ => {}
    }
}

/// The compiled spec.
pub(crate) struct Catalog {
    pub(crate) routes: Vec<Route>,
    pub(crate) formats: FormatRules,
    pub(crate) seeds: Seeds,
    /// The webhook whose fields a transaction status callback carries, if the spec has one.
    pub(crate) status_callback: Option<&'static Endpoint>,
    roles: HashMap<String, Role>,
}

impl Catalog {
    fn new(bundle: &'static Bundle) -> Catalog {
        let routes = bundle
            .endpoints
            .iter()
            .filter(|endpoint| endpoint.kind == EndpointKind::Call)
            .map(Route::new)
            .collect();
        let roles = bundle
            .shared
            .common_params
            .iter()
            .map(|param| (param.name.clone(), param.role))
            .collect();
        Catalog {
            routes,
            formats: FormatRules::new(&bundle.shared.formats),
            seeds: Seeds::collect(&bundle.endpoints),
            status_callback: find_webhook(&bundle.endpoints),
            roles,
        }
    }

    /// How the spec says to treat a parameter of this name.
    pub(crate) fn role(&self, name: &str) -> Role {
        self.roles.get(name).copied().unwrap_or(Role::Caller)
    }
}

/// The spec's transaction status callback: the first webhook whose payload has a `tid`.
fn find_webhook(endpoints: &[Endpoint]) -> Option<&Endpoint> {
    endpoints.iter().find(|endpoint| {
        endpoint.kind == EndpointKind::Webhook
            && endpoint.response.iter().any(|field| field.path == "tid")
    })
}

/// The catalog of the embedded bundle.
pub(crate) fn catalog() -> &'static Catalog {
    static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog::new(crate::spec::bundle()));
    &CATALOG
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_call_endpoint_has_a_route_and_a_usable_example() {
        let catalog = catalog();
        let calls = crate::bundle()
            .endpoints
            .iter()
            .filter(|endpoint| endpoint.kind == EndpointKind::Call)
            .count();
        assert_eq!(catalog.routes.len(), calls);
        for route in &catalog.routes {
            assert!(route.example.is_ok(), "{:?}", route.example);
            let params: Vec<&str> = route
                .segments
                .iter()
                .filter_map(|segment| match segment {
                    Segment::Param(name) => Some(name.as_str()),
                    Segment::Literal(_) => None,
                })
                .collect();
            assert_eq!(
                params,
                route.endpoint.path_tokens(),
                "{}",
                route.endpoint.id
            );
        }
    }

    #[test]
    fn split_path_ignores_the_edges() {
        assert_eq!(
            split_path("/a/{b}/c/").collect::<Vec<_>>(),
            ["a", "{b}", "c"]
        );
        assert_eq!(split_path("/").count(), 0);
        assert_eq!(split_path("").count(), 0);
    }

    #[test]
    fn seeds_hold_the_documented_retailer() {
        let seeds = &catalog().seeds;
        let documented = crate::bundle()
            .endpoints
            .iter()
            .flat_map(|endpoint| &endpoint.params)
            .find(|param| param.name == "user_code")
            .and_then(|param| param.example.clone());
        if let Some(user_code) = documented {
            assert!(seeds.user_codes.contains(&user_code));
        }
    }

    #[test]
    fn collects_nested_values() {
        let value =
            serde_json::json!({"a": {"user_code": 42}, "b": [{"user_code": "x"}], "user_code": ""});
        let mut found = HashSet::new();
        collect_values(&value, "user_code", &mut found);
        assert_eq!(found, HashSet::from(["42".to_owned(), "x".to_owned()]));
    }
}
