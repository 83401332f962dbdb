//! [`Page`] → a [`Draft`] endpoint: the page's facts mapped onto the spec model, checked
//! for consistency with `spec/shared.toml`, before any override or inference.

use super::draft::{Draft, Lines};
use super::error::ImportError;
use super::page::{Page, Row};
use super::parse::PRODUCT_PREFIX;
use super::response::{json_object, outcome, response_fields};
use super::tables;
use eko_spec::{
    BodyEncoding, Endpoint, EndpointKind, ErrorScenario, Examples, Lifecycle, Location, Method,
    Note, Param, Shared, Source, Type,
};
use std::collections::BTreeSet;

const API_REFERENCE: &str = " API Reference";

/// Maps a parsed page onto the spec model. Reports every problem found on the page.
pub fn build(page: &Page, shared: &Shared) -> Result<Draft, Vec<ImportError>> {
    let mut errors = Vec::new();
    let fail = |line: usize, problem: String| ImportError::new(&page.file, line, problem);
    let id = page
        .file
        .strip_suffix(".md")
        .unwrap_or(&page.file)
        .to_owned();
    let mut lines = Lines {
        title: page.title.line,
        request_line: page.request_line.line,
        response_table: page.response.line,
        request_example: page.example_request.as_ref().map(|block| block.line),
        response_example: page.example_response.line,
        ..Lines::default()
    };

    let canonical_slug = page.canonical.value.rsplit('/').next().unwrap_or_default();
    if canonical_slug != id {
        errors.push(fail(
            page.canonical.line,
            format!(
                "the canonical address `{}` does not end in the page's name `{id}`",
                page.canonical.value
            ),
        ));
    }
    let name = match page.title.value.strip_suffix(API_REFERENCE) {
        Some(name) if !name.trim().is_empty() => name.trim().to_owned(),
        _ => {
            errors.push(fail(
                page.title.line,
                format!(
                    "the title `{}` does not end in `{API_REFERENCE}`",
                    page.title.value
                ),
            ));
            page.title.value.clone()
        }
    };
    let summary = page.summary.clone().unwrap_or_else(|| {
        errors.push(fail(
            page.request_line.line,
            "no summary paragraph after the method line".into(),
        ));
        String::new()
    });

    let (method_text, url) = &page.request_line.value;
    let method = Method::parse(method_text).unwrap_or_else(|| {
        errors.push(fail(
            page.request_line.line,
            format!(
                "method `{method_text}` is not an HTTP method the spec supports (GET, POST, PUT, PATCH, DELETE)"
            ),
        ));
        Method::Post
    });
    let path = endpoint_path(url, shared).unwrap_or_else(|problem| {
        errors.push(fail(page.request_line.line, problem));
        String::new()
    });
    let product = product_of(page);

    let mut params: Vec<Param> = Vec::new();
    for table in &page.param_tables {
        for row in &table.table.rows {
            let param = match param(&page.file, row, table.location) {
                Ok(param) => param,
                Err(error) => {
                    errors.push(error);
                    continue;
                }
            };
            if lines.params.insert(param.name.clone(), row.line).is_some() {
                errors.push(fail(
                    row.line,
                    format!("parameter `{}` is listed twice", param.name),
                ));
                continue;
            }
            if let Err(problem) = place_param(&mut params, param) {
                errors.push(fail(row.line, problem));
            }
        }
    }
    check_path_tokens(&path, &params, page, &mut errors);
    check_headers(page, shared, &mut errors);
    let (response, beside_envelope) = response_fields(page, shared, &mut lines, &mut errors);

    let request_example = page.example_request.as_ref().and_then(|block| {
        json_object(&page.file, block.line, &block.text, "example request")
            .map_err(|error| errors.push(error))
            .ok()
    });
    let response_example = json_object(
        &page.file,
        page.example_response.line,
        &page.example_response.text,
        "example response",
    )
    .map_err(|error| errors.push(error))
    .unwrap_or_default();
    let outcomes = outcome(&response_example)
        .map_err(|problem| errors.push(fail(page.example_response.line, problem)));
    let scenarios = error_scenarios(page, &mut errors);
    let response_types = tables::response_types(page, &mut errors);
    let value_lists = tables::value_lists(page, &mut errors);
    let notes = page
        .notes
        .iter()
        .map(|note| Note {
            kind: note.kind.clone(),
            title: note.title.clone(),
            text: note.text.clone(),
        })
        .collect();

    if !errors.is_empty() {
        return Err(errors);
    }
    let endpoint = Endpoint {
        id,
        name,
        summary,
        description: page.description.clone(),
        // Decided once every page is read: see `groups.rs`.
        group: String::new(),
        kind: EndpointKind::Call,
        method,
        path,
        body: BodyEncoding::Json,
        source: Source {
            url: page.canonical.value.clone(),
            page: page.file.clone(),
            version: page.version.clone(),
            product,
        },
        lifecycle: Lifecycle {
            since: page.version.clone(),
            ..Lifecycle::default()
        },
        params,
        response,
        outcomes: outcomes.unwrap_or_default().into_iter().collect(),
        errors: scenarios,
        response_types,
        value_lists,
        notes,
        examples: Examples {
            request: page
                .example_request
                .as_ref()
                .map(|block| block.text.clone()),
            response: page.example_response.text.clone(),
            response_note: page.example_response_note.clone(),
        },
        request_hash: Vec::new(),
        fixes: Vec::new(),
    };
    Ok(Draft {
        endpoint,
        page: page.file.clone(),
        lines,
        request_example,
        response_example,
        beside_envelope,
        maps: BTreeSet::new(),
        into_data: BTreeSet::new(),
        warnings: page.warnings.clone(),
    })
}

/// The path below whichever environment's base URL the page's URL starts with.
fn endpoint_path(url: &str, shared: &Shared) -> Result<String, String> {
    for environment in shared.environments.values() {
        if let Some(path) = url.strip_prefix(environment.base_url.as_str())
            && path.starts_with('/')
        {
            return Ok(path.to_owned());
        }
    }
    let bases: Vec<String> = shared
        .environments
        .iter()
        .map(|(name, environment)| format!("{name}: {}", environment.base_url))
        .collect();
    Err(format!(
        "URL `{url}` does not start with a known base URL ({})",
        bases.join(", ")
    ))
}

/// The product the page links, e.g. `aeps-api` for `https://eps.eko.in/products/aeps-api.md`.
fn product_of(page: &Page) -> Option<String> {
    page.product.as_ref().map(|link| {
        let name = link
            .value
            .strip_prefix(PRODUCT_PREFIX)
            .unwrap_or(&link.value);
        name.strip_suffix(".md").unwrap_or(name).to_owned()
    })
}

fn param(file: &str, row: &Row, location: Location) -> Result<Param, ImportError> {
    let [name, ty, required, description] = &row.cells[..] else {
        return Err(ImportError::new(
            file,
            row.line,
            "a parameter row needs 4 cells".to_owned(),
        ));
    };
    if name.is_empty() || name.contains(char::is_whitespace) {
        return Err(ImportError::new(
            file,
            row.line,
            format!("`{name}` is not a parameter name"),
        ));
    }
    let ty = Type::parse(ty).map_err(|problem| {
        ImportError::new(file, row.line, format!("parameter `{name}`: {problem}"))
    })?;
    let required = match required.as_str() {
        "yes" => true,
        "no" => false,
        other => {
            return Err(ImportError::new(
                file,
                row.line,
                format!("parameter `{name}`: `Required` must be `yes` or `no`, found `{other}`"),
            ));
        }
    };
    let (description, example) = split_example(description);
    Ok(Param {
        name: name.clone(),
        location,
        ty,
        required,
        description,
        example,
        format: None,
        items: None,
        fields: Vec::new(),
        undocumented: false,
        semantic: None,
        sensitive: false,
        constant: None,
    })
}

/// Adds a parameter row. A row named `parent[].child` (or `parent.child`) describes a
/// key of the objects in array `parent` (or of object `parent`) listed above it.
fn place_param(params: &mut Vec<Param>, mut param: Param) -> Result<(), String> {
    let full = param.name.clone();
    let split = match (full.find("[]."), full.find('.')) {
        (Some(array), Some(dot)) if array < dot => {
            Some((&full[..array], &full[array + 3..], Type::Array))
        }
        (_, Some(dot)) => Some((&full[..dot], &full[dot + 1..], Type::Object)),
        _ => None,
    };
    let Some((parent, child, container)) = split else {
        params.push(param);
        return Ok(());
    };
    let found = params
        .iter_mut()
        .find(|known| known.name == parent && known.location == param.location);
    match found {
        Some(known) if known.ty == container => {
            param.name = child.to_owned();
            if container == Type::Array {
                known.items = Some(Type::Object);
            }
            place_param(&mut known.fields, param)
        }
        _ => Err(format!(
            "row `{full}` describes a key of `{parent}`, but no {} parameter `{parent}` is listed above it",
            if container == Type::Array {
                "array"
            } else {
                "object"
            }
        )),
    }
}

/// `"Text. e.g. VALUE"` → (`"Text."`, `Some("VALUE")`), split at the last ` e.g. `.
/// A bare `e.g.` with nothing after it is no example.
pub fn split_example(cell: &str) -> (String, Option<String>) {
    let cell = cell.trim();
    if let Some(description) = cell
        .strip_suffix(" e.g.")
        .or((cell == "e.g.").then_some(""))
    {
        return (description.trim().to_owned(), None);
    }
    match cell.rsplit_once(" e.g. ") {
        Some((description, example)) if !example.trim().is_empty() => (
            description.trim().to_owned(),
            Some(example.trim().to_owned()),
        ),
        Some((description, _)) => (description.trim().to_owned(), None),
        None => (cell.to_owned(), None),
    }
}

fn check_path_tokens(path: &str, params: &[Param], page: &Page, errors: &mut Vec<ImportError>) {
    let probe = path_tokens(path);
    let in_path: BTreeSet<&str> = params
        .iter()
        .filter(|param| param.location == Location::Path)
        .map(|param| param.name.as_str())
        .collect();
    let line = page.request_line.line;
    for token in &probe {
        if !in_path.contains(token.as_str()) {
            errors.push(ImportError::new(
                &page.file,
                line,
                format!("path token `{{{token}}}` has no path parameter"),
            ));
        }
    }
    for name in in_path {
        if !probe.iter().any(|token| token == name) {
            errors.push(ImportError::new(
                &page.file,
                line,
                format!("path parameter `{name}` does not appear in the URL as `{{{name}}}`"),
            ));
        }
    }
}

/// `{token}`s of a path template, in order.
fn path_tokens(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}'))
        .map(|(token, _)| token.to_owned())
        .collect()
}

fn check_headers(page: &Page, shared: &Shared, errors: &mut Vec<ImportError>) {
    let expected: Vec<&str> = shared
        .auth_headers
        .iter()
        .map(|header| header.name.as_str())
        .collect();
    let Some(table) = &page.headers else {
        errors.push(ImportError::new(
            &page.file,
            page.title.line,
            "the page has no `## Headers` section",
        ));
        return;
    };
    let found: Vec<&str> = table
        .rows
        .iter()
        .filter_map(|row| row.cells.first())
        .map(String::as_str)
        .collect();
    if found != expected {
        errors.push(ImportError::new(
            &page.file,
            table.line,
            format!(
                "the headers [{}] differ from spec/shared.toml auth_headers [{}]; a header change is a spec \
                 change: update shared.toml and the runtime",
                found.join(", "),
                expected.join(", ")
            ),
        ));
    }
}

fn error_scenarios(page: &Page, errors: &mut Vec<ImportError>) -> Vec<ErrorScenario> {
    match &page.errors {
        Some(table) => tables::error_scenarios(&page.file, table, errors),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_is_split_at_the_last_marker() {
        assert_eq!(
            split_example("Model (e.g. A) e.g. Morpho 1300E3"),
            (
                "Model (e.g. A)".to_owned(),
                Some("Morpho 1300E3".to_owned())
            )
        );
        assert_eq!(
            split_example("No example."),
            ("No example.".to_owned(), None)
        );
        assert_eq!(
            split_example("Bank code. e.g."),
            ("Bank code.".to_owned(), None)
        );
    }
}
