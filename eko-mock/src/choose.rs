//! Telling apart endpoints documented at the same method and path.
//!
//! Eko documents some endpoints at one shared place (transaction inquiries for six
//! products, service activation for BBPS and CMS, ...) and tells them apart by what
//! is sent. The mock picks the candidate the request fits best:
//!
//! 1. one whose validation passes, over one whose does not;
//! 2. then the one whose documented example values the request repeats most often,
//!    so that each page's example request gets that page's example answer;
//! 3. then the one with the most of its parameters present;
//! 4. then spec order.

use crate::catalog::{Catalog, Route};
use crate::inputs::{Inputs, Upload};
use crate::routing::Candidate;
use crate::scalar::scalar_text;
use crate::validate::{InvalidParams, validate};
use serde_json::{Map, Value};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

/// The endpoint a request is for, its inputs and what is wrong with them.
pub(crate) struct Chosen<'a> {
    pub(crate) route: &'a Route,
    pub(crate) inputs: Inputs,
    pub(crate) invalid: InvalidParams,
}

/// What a request carried besides its path.
pub(crate) struct Sent {
    pub(crate) query: BTreeMap<String, String>,
    pub(crate) body: Map<String, Value>,
    pub(crate) files: BTreeMap<String, Upload>,
    pub(crate) unknown_parts: BTreeSet<String>,
}

/// Picks the candidate `sent` fits best; `None` only for an empty candidate list.
pub(crate) fn choose<'a>(
    candidates: Vec<Candidate<'a>>,
    sent: Sent,
    catalog: &Catalog,
    initiator_id: &str,
) -> Option<Chosen<'a>> {
    let mut best: Option<(Score, Chosen<'a>)> = None;
    for (index, candidate) in candidates.into_iter().enumerate() {
        let inputs = Inputs {
            path: candidate.path_params,
            query: sent.query.clone(),
            body: sent.body.clone(),
            files: sent.files.clone(),
            unknown_parts: sent.unknown_parts.clone(),
        };
        let endpoint = candidate.route.endpoint;
        let invalid = validate(endpoint, &inputs, catalog, initiator_id);
        let score = (
            invalid.is_empty(),
            documented_matches(candidate.route, &inputs),
            present(candidate.route, &inputs),
            Reverse(index),
        );
        if best
            .as_ref()
            .is_none_or(|(best_score, _)| score > *best_score)
        {
            best = Some((
                score,
                Chosen {
                    route: candidate.route,
                    inputs,
                    invalid,
                },
            ));
        }
    }
    best.map(|(_, chosen)| chosen)
}

type Score = (bool, usize, usize, Reverse<usize>);

/// How many parameters carry the value the endpoint's page uses in its example.
fn documented_matches(route: &Route, inputs: &Inputs) -> usize {
    route
        .endpoint
        .params
        .iter()
        .filter(|param| {
            let Some(sent) = inputs.value(param).as_ref().and_then(scalar_text) else {
                return false;
            };
            route
                .documented
                .get(&param.name)
                .is_some_and(|values| values.contains(&sent))
        })
        .count()
}

/// How many of the endpoint's parameters the request carries.
fn present(route: &Route, inputs: &Inputs) -> usize {
    route
        .endpoint
        .params
        .iter()
        .filter(|param| inputs.value(param).is_some() || inputs.files.contains_key(&param.name))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::catalog;
    use eko_spec::{Endpoint, Examples, Location, Method, Param, Source, Type};
    use serde_json::json;

    fn param(name: &str, required: bool, example: &str) -> Param {
        Param {
            name: name.to_owned(),
            location: Location::Body,
            ty: Type::String,
            required,
            description: String::new(),
            example: Some(example.to_owned()),
            format: None,
            items: None,
            fields: Vec::new(),
            undocumented: false,
            semantic: None,
            sensitive: false,
            constant: None,
        }
    }

    /// A leaked endpoint at the shared path `/shared`, as routes hold `'static` ones.
    fn route(id: &str, params: Vec<Param>) -> Route {
        let endpoint = Endpoint {
            id: id.to_owned(),
            name: id.to_owned(),
            summary: String::new(),
            description: None,
            group: "test".to_owned(),
            kind: Default::default(),
            method: Method::Post,
            path: "/shared".to_owned(),
            body: Default::default(),
            source: Source {
                url: String::new(),
                page: String::new(),
                version: String::new(),
                product: None,
            },
            lifecycle: Default::default(),
            params,
            response: Vec::new(),
            outcomes: Vec::new(),
            errors: Vec::new(),
            response_types: Vec::new(),
            value_lists: Vec::new(),
            notes: Vec::new(),
            examples: Examples {
                request: None,
                response: "{\"status\": 0}".to_owned(),
                response_note: None,
            },
            request_hash: Vec::new(),
            fixes: Vec::new(),
        };
        Route::new(Box::leak(Box::new(endpoint)))
    }

    fn pick(routes: &[Route], body: Value) -> &str {
        let candidates = routes
            .iter()
            .map(|route| Candidate {
                route,
                path_params: BTreeMap::new(),
            })
            .collect();
        let sent = Sent {
            query: BTreeMap::new(),
            body: body.as_object().cloned().unwrap(),
            files: BTreeMap::new(),
            unknown_parts: BTreeSet::new(),
        };
        let chosen = choose(candidates, sent, catalog(), "9962981729").expect("a candidate");
        &chosen.route.endpoint.id
    }

    #[test]
    fn a_valid_candidate_beats_an_invalid_one() {
        let routes = [
            route(
                "needs-latlong",
                vec![param("code", true, "53"), param("latlong", true, "1,2")],
            ),
            route("plain", vec![param("code", true, "58")]),
        ];
        assert_eq!(pick(&routes, json!({"code": "53"})), "plain");
    }

    #[test]
    fn documented_values_pick_their_page() {
        let routes = [
            route("first", vec![param("vpa", true, "a@bank")]),
            route("second", vec![param("vpa", true, "b@bank")]),
        ];
        assert_eq!(pick(&routes, json!({"vpa": "b@bank"})), "second");
        assert_eq!(pick(&routes, json!({"vpa": "a@bank"})), "first");
    }

    #[test]
    fn then_presence_then_spec_order() {
        let routes = [
            route("first", vec![param("a", true, "1")]),
            route(
                "second",
                vec![param("a", true, "1"), param("b", false, "2")],
            ),
        ];
        assert_eq!(pick(&routes, json!({"a": "9", "b": "8"})), "second");
        assert_eq!(pick(&routes, json!({"a": "9"})), "first");
    }
}
