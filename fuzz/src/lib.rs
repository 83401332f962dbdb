//! What each fuzz target does with its input, and what must hold for every input.
//!
//! The targets in `fuzz_targets/` are one line each; the work is here, so that the
//! three share one build and one loaded spec.
//!
//! - [`decode_response`]: a response body, decoded as one endpoint's response.
//! - [`spec_loader`]: an endpoint (or `shared.toml`) file, loaded and validated as
//!   `codegen` does; what validation and the IR accept must generate.
//! - [`page_importer`]: a doc page, converted as `cargo xtask import` converts each
//!   page; what the importer accepts must render as a spec file and, when it passes
//!   the checks `plan` makes before writing, generate.
//!
//! None of them may panic, whatever the input.

use eko_api::{Endpoint, Error, Webhook};
use eko_spec::Bundle;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

#[allow(dead_code, deprecated, clippy::all)]
#[path = "../../tests/generated/examples.rs"]
#[rustfmt::skip]
#[macro_use]
mod examples;

/// The workspace root (the folder holding `spec/`).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("fuzz/ lies in the workspace")
        .to_path_buf()
}

/// The spec in `spec/`, loaded once.
fn bundle() -> &'static Bundle {
    static BUNDLE: OnceLock<Bundle> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        codegen::load_spec(&workspace_root().join("spec"))
            .unwrap_or_else(|errors| panic!("spec/ does not load: {errors}"))
    })
}

// ---------------------------------------------------------------------------------
// decode_response

/// The webhook payload, decoded with `parse_webhook` when its id heads the input.
type WebhookPayload = eko_api::qr::QrTransactionStatusCallbackData;

macro_rules! endpoint_table {
    ($(($name:ident, $id:literal)),* $(,)?) => {
        /// Every endpoint id, in the order of `for_each_endpoint!`.
        pub const ENDPOINT_IDS: &[&str] = &[$($id),*];

        /// Decodes `body` as the response of the endpoint at `index` of [`ENDPOINT_IDS`].
        fn decode_endpoint(index: usize, http_status: u16, body: &str) {
            let mut at = 0usize;
            $(
                if index == at {
                    return decode_as(examples::$name, http_status, body);
                }
                at += 1;
            )*
            let _ = at;
        }
    };
}
for_each_endpoint!(endpoint_table);

/// Input: a first line `<endpoint-id> <http-status>` (e.g. `onboard-customer 200`),
/// then the response body. An id that names no endpoint picks one by its bytes, and
/// a missing or bad status is 200; the webhook's id decodes the body as its payload.
///
/// Must hold: decoding never panics; `Ok` only for a 2xx whose `status` is 0 or a
/// documented outcome, with the body kept as received; `Api` only for the others;
/// every error displays; the typed `data` encodes again.
pub fn decode_response(data: &[u8]) {
    let (head, body) = split_first_line(data);
    let head = String::from_utf8_lossy(head);
    let mut words = head.split_whitespace();
    let id = words.next().unwrap_or_default();
    let http_status = words
        .next()
        .and_then(|word| word.parse().ok())
        .unwrap_or(200);
    if id == WebhookPayload::ID {
        parse_webhook_checked(body);
        return;
    }
    let index = ENDPOINT_IDS
        .iter()
        .position(|known| *known == id)
        .unwrap_or_else(|| {
            id.bytes()
                .fold(0usize, |sum, byte| sum.wrapping_add(byte.into()))
                % ENDPOINT_IDS.len()
        });
    decode_endpoint(index, http_status, &String::from_utf8_lossy(body));
}

fn split_first_line(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|byte| *byte == b'\n') {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[]),
    }
}

fn parse_webhook_checked(body: &[u8]) {
    match eko_api::parse_webhook::<WebhookPayload>(body) {
        Ok(payload) => {
            serde_json::to_string(&payload).expect("a decoded webhook payload encodes");
        }
        Err(error) => {
            assert!(matches!(error, Error::Webhook { .. }), "{error:?}");
            let _ = error.to_string();
        }
    }
}

/// The check of [`decode_response`] for one endpoint type, named by its example builder.
fn decode_as<E>(_example: fn() -> E, http_status: u16, body: &str)
where
    E: Endpoint,
    E::Data: serde::Serialize + std::fmt::Debug,
    E::Outcome: std::fmt::Debug,
{
    let meta = E::META;
    match eko_api::decode_response::<E>(http_status, body) {
        Ok(response) => {
            assert!(
                (200..300).contains(&http_status),
                "Ok for HTTP {http_status}"
            );
            assert!(
                succeeds(meta, response.status, response.response_type_id),
                "{}: Ok for status {} / {:?}",
                meta.id,
                response.status,
                response.response_type_id
            );
            assert_eq!(response.raw_body, body);
            assert_eq!(response.http_status, http_status);
            serde_json::to_string(&response.data).expect("decoded data encodes");
            let _ = format!("{response:?}");
        }
        Err(error) => {
            match &error {
                Error::Api {
                    status,
                    response_type_id,
                    http_status: sent,
                    ..
                } => {
                    assert!((200..300).contains(sent));
                    assert!(
                        !succeeds(meta, *status, *response_type_id),
                        "{}: Api error for the documented outcome {status} / {response_type_id:?}",
                        meta.id
                    );
                }
                Error::Http { status, .. } => assert!(!(200..300).contains(status)),
                Error::Decode { .. } => {}
                other => panic!("{}: unexpected error kind {other:?}", meta.id),
            }
            assert_eq!(error.endpoint(), Some(meta.id));
            // Errors withhold the values of sensitive keys, and keep the rest.
            if meta.sensitive.is_empty() {
                assert_eq!(error.body(), Some(body));
            } else {
                assert!(error.body().is_some());
            }
            let _ = error.to_string();
        }
    }
    // The typed outcome agrees with the outcome table, and never panics.
    if let Ok(outcome) = eko_api::decode_outcome::<E>(http_status, body) {
        use eko_api::Outcome as _;
        assert_eq!(
            outcome.documented_index(),
            meta.outcome_index(outcome.status(), outcome.response_type_id()),
            "{}: the variant disagrees with the outcome table",
            meta.id
        );
        let _ = format!("{outcome:?}");
    }
}

/// The success rule of `Client::send`: a documented success or next step, or an
/// unlisted status 0.
fn succeeds(meta: &eko_api::EndpointMeta, status: i64, response_type_id: Option<i64>) -> bool {
    match meta.outcome_index(status, response_type_id) {
        Some(index) => meta.outcomes[index].kind != eko_api::OutcomeKind::Refusal,
        None => status == 0,
    }
}

// ---------------------------------------------------------------------------------
// spec_loader

/// A spec folder of its own for this process: the real `shared.toml` and
/// `groups.toml`, and one endpoint file the input is written to.
fn scratch_spec() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("eko-fuzz-spec-{}", std::process::id()));
        let spec = workspace_root().join("spec");
        fs::create_dir_all(dir.join("endpoints/fuzz")).expect("scratch spec folder");
        for file in ["shared.toml", "groups.toml"] {
            fs::copy(spec.join(file), dir.join(file)).expect("copy of the shared spec files");
        }
        dir
    })
}

/// Input: the text of a spec file, normally an endpoint's (`spec/endpoints/<group>/<id>.toml`).
///
/// It is loaded three ways, none of which may panic: by `codegen::load_spec` from a
/// spec folder holding it as its one endpoint file; deserialized as an endpoint and
/// validated with the real `shared.toml`; deserialized as `shared.toml` and validated
/// with every real endpoint. What validation and the IR accept must generate: the
/// generator's output must parse as Rust (a failure there is a name that slipped
/// past both).
pub fn spec_loader(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let dir = scratch_spec();
    let file = dir.join("endpoints/fuzz/input.toml");
    fs::write(&file, text).expect("scratch endpoint file");
    if let Err(errors) = codegen::load_spec(dir) {
        let _ = errors.to_string();
    }

    let real = bundle();
    if let Ok(endpoint) = toml::from_str::<eko_spec::Endpoint>(text) {
        let candidate = Bundle {
            shared: real.shared.clone(),
            endpoints: vec![endpoint],
        };
        must_generate_if_valid(&candidate);
    }
    if let Ok(mut shared) = toml::from_str::<eko_spec::Shared>(text) {
        if shared.groups.is_empty() {
            shared.groups = real.shared.groups.clone();
        }
        let candidate = Bundle {
            shared,
            endpoints: real.endpoints.clone(),
        };
        for problem in codegen::validate::validate(&candidate) {
            let _ = problem.to_string();
        }
    }
}

/// What the generator promises: a spec that passes validation and builds its IR (the
/// import checks both before it writes anything) emits Rust that parses. Problems
/// found on the way must display.
///
/// Validation alone does not promise it: it misses Rust names that two fields' nested
/// types derive alike (`shop_state_list` and `shopStateList`, or a payload field
/// `data`), which only the IR sees. The fuzzers found that; the import now builds the
/// IR too (`xtask/tests/import_generates.rs`).
fn must_generate_if_valid(bundle: &Bundle) {
    let problems = codegen::validate::validate(bundle);
    if !problems.is_empty() {
        for problem in problems {
            let _ = problem.to_string();
        }
        return;
    }
    if let Err(errors) = codegen::ir::build(bundle) {
        let _ = errors.to_string();
        return;
    }
    if let Err(errors) = codegen::render_endpoints(bundle) {
        panic!("a spec that validates and builds its IR does not generate: {errors}");
    }
}

// ---------------------------------------------------------------------------------
// page_importer

fn importer() -> &'static xtask::import::PageImporter {
    static IMPORTER: OnceLock<xtask::import::PageImporter> = OnceLock::new();
    IMPORTER.get_or_init(|| {
        xtask::import::PageImporter::load(&workspace_root().join("spec"))
            .unwrap_or_else(|failure| panic!("spec/ does not load for the importer: {failure}"))
    })
}

/// Input: a doc page, optionally headed by a line `<docs-version>/<page>.md` naming
/// it (which decides the overrides that apply); otherwise it is `fuzz-page.md` of the
/// docs version the spec follows.
///
/// The page is converted as a dry run of `cargo xtask import` converts it (parse,
/// build, overrides, complete). Must hold: no panic; every problem displays; an
/// endpoint it produces renders as its spec file or says why not; and if it passes
/// the generator's validation and IR (as `plan` checks), it generates.
pub fn page_importer(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let followed = &bundle().shared.docs_version;
    let (version, file, page) = match text.split_once('\n') {
        Some((head, rest)) if is_page_name(head) => {
            let (version, file) = head.split_once('/').expect("checked by is_page_name");
            (version, file, rest)
        }
        _ => (followed.as_str(), "fuzz-page.md", text),
    };
    match importer().import_page(file, version, page, xtask::import::Mode::DryRun) {
        Ok((endpoint, warnings)) => {
            for warning in warnings {
                let _ = warning.to_string();
            }
            let candidate = importer().bundle(vec![endpoint]);
            for endpoint in &candidate.endpoints {
                let _ = xtask::import::PageImporter::render(endpoint);
            }
            must_generate_if_valid(&candidate);
        }
        Err(problems) => {
            for problem in problems {
                let _ = problem.to_string();
            }
        }
    }
}

/// `2026-08-22/onboard-customer.md`: a docs folder and a page file name.
fn is_page_name(line: &str) -> bool {
    let Some((version, file)) = line.split_once('/') else {
        return false;
    };
    let simple = |part: &str| {
        !part.is_empty()
            && part.bytes().all(|byte| {
                byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_' || byte == b'.'
            })
    };
    simple(version) && simple(file) && file.ends_with(".md") && file.len() > 3
}
