//! `conformance URL`: every endpoint's documented example request, built with the
//! typed API and sent by `eko-api` to the server at URL, which is meant to be Prism
//! validating against our `openapi.json` (`scripts/openapi/conformance.sh`).
//!
//! Prism started with `--errors` answers a request that violates the document with a
//! 4xx and a body listing the violations; any such answer fails the run. Each call asks
//! Prism for the page's own example answer (`Prefer: example=<id>`), which the typed
//! client must then decode.

// Endpoints Eko removed stay generated (deprecated) and are checked until pruned.
#![allow(deprecated)]

use eko_api::{CallOptions, Client, Endpoint, Outcome};
use std::process::ExitCode;

/// What one call showed.
struct Report {
    id: &'static str,
    route: String,
    verdict: Result<String, String>,
}

async fn check<E: Endpoint>(client: &Client, request: &E, id: &'static str) -> Report {
    let route = format!("{} {}", E::META.method.as_str(), E::META.path);
    // Pages without an example answer leave Prism to build one from the schema.
    let options = match codegen::openapi::answer_example(eko_tests::endpoint(id)) {
        Some(_) => CallOptions::new().with_header("prefer", format!("example={id}")),
        None => CallOptions::new(),
    };
    let verdict = match client.call_with(request, options).await {
        Ok(outcome) => Ok(outcome
            .documented()
            .map_or("an answer the docs do not list", |meta| meta.name)
            .to_owned()),
        Err(error) => Err(match (error.http_status(), error.body()) {
            (Some(status), Some(body)) => format!("HTTP {status}: {body}"),
            _ => error.to_string(),
        }),
    };
    Report { id, route, verdict }
}

macro_rules! check_every_endpoint {
    ($(($name:ident, $id:literal)),* $(,)?) => {
        async fn check_every_endpoint(client: &Client) -> Vec<Report> {
            vec![$(check(client, &eko_tests::examples::$name(), $id).await),*]
        }
    };
}

eko_tests::for_each_endpoint!(check_every_endpoint);

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let Some(url) = std::env::args().nth(1) else {
        eprintln!("usage: conformance URL   (the base URL of Prism mocking openapi.json)");
        return ExitCode::from(2);
    };
    // Prism checks that the signing headers are present; the mock's sandbox
    // credentials are as good as any.
    let client = eko_tests::client_for(url, &eko_mock::MockConfig::default());
    let reports = check_every_endpoint(&client).await;
    let mut failures = 0;
    for report in &reports {
        match &report.verdict {
            Ok(outcome) => println!("ok    {:<45} {:<55} {outcome}", report.id, report.route),
            Err(problem) => {
                failures += 1;
                println!("FAIL  {:<45} {:<55} {problem}", report.id, report.route);
            }
        }
    }
    println!(
        "conformance: {} example requests sent through eko-api, {} accepted, {failures} rejected",
        reports.len(),
        reports.len() - failures
    );
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
