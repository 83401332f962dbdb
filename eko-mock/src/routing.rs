//! Matching a request's method and path to an endpoint of the spec.
//!
//! The mock matches paths itself instead of registering one axum route per endpoint:
//! two templates that differ only in a parameter's name would make axum's router panic
//! at startup, and the mock must take whatever the spec contains.

use crate::catalog::{Route, Segment, split_path};
use eko_spec::Method;
use percent_encoding::percent_decode_str;
use std::collections::BTreeMap;

/// An endpoint that serves a request's method and path, with its path parameters.
pub(crate) struct Candidate<'a> {
    pub(crate) route: &'a Route,
    pub(crate) path_params: BTreeMap<String, String>,
}

/// The outcome of routing one request.
pub(crate) enum Routed<'a> {
    /// Endpoints that serve this method and path, most specific template first; more
    /// than one when the spec documents several endpoints at the same place (Eko tells
    /// them apart by what is sent; see the `choose` module).
    Found(Vec<Candidate<'a>>),
    /// Endpoints serve this path, but not with this method.
    MethodNotAllowed { allowed: Vec<Method> },
    /// No endpoint serves this path.
    NotFound,
    /// The path has a percent-escape that does not decode to UTF-8.
    BadPath,
}

/// Finds the endpoints for `method` and `path` (the part below the base path). When
/// templates of different shapes match, only those with the most literal segments
/// count, so that `/a/search` beats `/a/{id}`.
pub(crate) fn route<'a>(routes: &'a [Route], method: &str, path: &str) -> Routed<'a> {
    let mut decoded = Vec::new();
    for raw in split_path(path) {
        match percent_decode_str(raw).decode_utf8() {
            Ok(text) => decoded.push(text.into_owned()),
            Err(_) => return Routed::BadPath,
        }
    }
    let matching: Vec<&Route> = routes
        .iter()
        .filter(|route| path_matches(route, &decoded))
        .collect();
    let same_method: Vec<&Route> = matching
        .iter()
        .copied()
        .filter(|route| route.endpoint.method.as_str() == method)
        .collect();
    if let Some(best) = same_method.iter().map(|route| route.specificity()).max() {
        let candidates = same_method
            .into_iter()
            .filter(|route| route.specificity() == best)
            .map(|route| Candidate {
                route,
                path_params: path_params(route, &decoded),
            })
            .collect();
        return Routed::Found(candidates);
    }
    if matching.is_empty() {
        return Routed::NotFound;
    }
    let mut allowed: Vec<Method> = matching.iter().map(|route| route.endpoint.method).collect();
    allowed.sort();
    allowed.dedup();
    Routed::MethodNotAllowed { allowed }
}

fn path_params(route: &Route, decoded: &[String]) -> BTreeMap<String, String> {
    route
        .segments
        .iter()
        .zip(decoded)
        .filter_map(|(segment, value)| match segment {
            Segment::Param(name) => Some((name.clone(), value.clone())),
            Segment::Literal(_) => None,
        })
        .collect()
}

fn path_matches(route: &Route, decoded: &[String]) -> bool {
    route.segments.len() == decoded.len()
        && route
            .segments
            .iter()
            .zip(decoded)
            .all(|(segment, value)| match segment {
                Segment::Literal(literal) => literal == value,
                Segment::Param(_) => !value.is_empty(),
            })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::catalog;

    fn first_route_with_param() -> Option<&'static Route> {
        catalog().routes.iter().find(|route| {
            route
                .segments
                .iter()
                .any(|segment| matches!(segment, Segment::Param(_)))
        })
    }

    fn concrete_path(route: &Route, value: &str) -> String {
        route
            .segments
            .iter()
            .map(|segment| match segment {
                Segment::Literal(literal) => format!("/{literal}"),
                Segment::Param(_) => format!("/{value}"),
            })
            .collect()
    }

    #[test]
    fn every_route_is_reachable_at_its_own_path() {
        let routes = &catalog().routes;
        for route in routes {
            let path = concrete_path(route, "9444444444");
            match super::route(routes, route.endpoint.method.as_str(), &path) {
                Routed::Found(candidates) => assert!(
                    candidates
                        .iter()
                        .any(|candidate| candidate.route.endpoint.id == route.endpoint.id),
                    "{} is not among the candidates at {path}",
                    route.endpoint.id
                ),
                _ => panic!("{} is not reachable at {path}", route.endpoint.id),
            }
        }
    }

    #[test]
    fn decodes_path_params() {
        let Some(route) = first_route_with_param() else {
            return;
        };
        let path = concrete_path(route, "a%20b");
        match super::route(&catalog().routes, route.endpoint.method.as_str(), &path) {
            Routed::Found(candidates) => {
                assert!(candidates.iter().all(|candidate| {
                    candidate.path_params.values().all(|value| value == "a b")
                }))
            }
            _ => panic!("not found"),
        }
        let path = concrete_path(route, "%FF");
        assert!(matches!(
            super::route(&catalog().routes, route.endpoint.method.as_str(), &path),
            Routed::BadPath
        ));
    }

    #[test]
    fn wrong_method_and_unknown_path() {
        let routes = &catalog().routes;
        let route = &routes[0];
        let path = concrete_path(route, "1");
        match super::route(routes, "DELETE", &path) {
            Routed::MethodNotAllowed { allowed } => {
                assert!(allowed.contains(&route.endpoint.method))
            }
            _ => panic!("expected 405"),
        }
        assert!(matches!(
            super::route(routes, "GET", "/no/such/endpoint/here"),
            Routed::NotFound
        ));
    }
}
