//! Applying overrides to a page's draft: check each flaw against the page as
//! published, then make the change.

use super::{Change, Field, Flaw, Override};
use crate::import::draft::Draft;
use crate::import::error::ImportError;
use crate::import::example::{drop_keys, example_in_field_order, example_text, values_at};
use eko_spec::{Param, Type};
use serde_json::Value;

/// Applies every override that names this draft's page: checks each flaw against the
/// page as published, then applies the changes and records the override's name.
pub fn apply(draft: &mut Draft, overrides: &[Override]) -> Result<(), Vec<ImportError>> {
    let slug = draft.endpoint.id.clone();
    let published = draft.clone();
    let mut errors = Vec::new();
    for item in overrides {
        for entry in item
            .apply
            .iter()
            .filter(|entry| entry.pages.contains(&slug))
        {
            let problems = flaw_problems(&published, &entry.flaw);
            if !problems.is_empty() {
                for (line, problem) in problems {
                    errors.push(published.error(
                        line,
                        format!(
                            "override `{}` ({}:{}) no longer matches the page: {problem}; if the page was \
                             corrected, delete the override",
                            item.name, item.file, entry.line
                        ),
                    ));
                }
                continue;
            }
            match change(draft, &entry.flaw, &entry.change) {
                Ok(()) => {
                    if !draft.endpoint.fixes.contains(&item.name) {
                        draft.endpoint.fixes.push(item.name.clone());
                    }
                }
                Err(problem) => errors.push(published.error(
                    published.lines.title,
                    format!(
                        "override `{}` ({}:{}): {problem}",
                        item.name, item.file, entry.line
                    ),
                )),
            }
        }
    }
    draft.endpoint.fixes.sort();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// How the published page differs from the flaw the override expects, as (line, problem).
fn flaw_problems(page: &Draft, flaw: &Flaw) -> Vec<(usize, String)> {
    let mut problems = Vec::new();
    for name in &flaw.params {
        let line = page.param_line(name);
        let Some(param) = page
            .endpoint
            .params
            .iter()
            .find(|param| &param.name == name)
        else {
            problems.push((line, format!("the page has no parameter `{name}`")));
            continue;
        };
        if let Some(ty) = flaw.ty
            && param.ty != ty
        {
            problems.push((
                line,
                format!(
                    "parameter `{name}` has type {} instead of {}",
                    param.ty.as_str(),
                    ty.as_str()
                ),
            ));
        }
        if let Some(example) = &flaw.example
            && param.example.as_ref() != Some(example)
        {
            problems.push((
                line,
                format!(
                    "parameter `{name}` has example `{}` instead of `{example}`",
                    param.example.as_deref().unwrap_or("")
                ),
            ));
        }
        if let Some(text) = &flaw.description_contains
            && !param.description.contains(text.as_str())
        {
            problems.push((
                line,
                format!("the description of parameter `{name}` no longer mentions `{text}`"),
            ));
        }
    }
    for path in &flaw.response {
        let line = page.response_line(path);
        match page
            .endpoint
            .response
            .iter()
            .find(|field| &field.path == path)
        {
            None => problems.push((
                line,
                format!("the response table has no field `data.{path}`"),
            )),
            Some(field) => {
                if let Some(ty) = flaw.ty
                    && field.ty != ty
                {
                    problems.push((
                        line,
                        format!(
                            "response field `data.{path}` has type {} instead of {}",
                            field.ty.as_str(),
                            ty.as_str()
                        ),
                    ));
                }
            }
        }
    }
    if let Some(path) = &flaw.path
        && &page.endpoint.path != path
    {
        problems.push((
            page.lines.request_line,
            format!("the path is `{}` instead of `{path}`", page.endpoint.path),
        ));
    }
    let data = page
        .response_example
        .get("data")
        .cloned()
        .unwrap_or(Value::Null);
    for path in &flaw.undocumented {
        if page.lines.response.contains_key(path) {
            problems.push((
                page.response_line(path),
                format!("the response table now lists `data.{path}`"),
            ));
        } else if values_at(&data, path).is_empty() {
            problems.push((
                page.lines.response_example,
                format!("the example response no longer shows `data.{path}`"),
            ));
        }
    }
    for key in &flaw.request_example_keys {
        let line = page.lines.request_example.unwrap_or(page.lines.title);
        if !page
            .request_example
            .as_ref()
            .is_some_and(|request| request.contains_key(key))
        {
            problems.push((line, format!("the example request no longer shows `{key}`")));
        } else if page.endpoint.params.iter().any(|param| &param.name == key) {
            problems.push((line, format!("`{key}` is now a documented parameter")));
        }
    }
    for key in &flaw.beside_envelope {
        let in_table = page.beside_envelope.iter().any(|field| &field.path == key);
        if !in_table && !page.response_example.contains_key(key) {
            problems.push((
                page.lines.response_table,
                format!("neither the response table nor the example response shows `{key}` beside the envelope any more"),
            ));
        }
    }
    problems
}

fn change(draft: &mut Draft, flaw: &Flaw, change: &Change) -> Result<(), String> {
    let request = draft.request_example.clone();
    for name in &flaw.params {
        let param = draft
            .endpoint
            .params
            .iter_mut()
            .find(|param| &param.name == name)
            .ok_or_else(|| format!("no parameter `{name}`"))?;
        let shown = request.as_ref().and_then(|request| request.get(name));
        if let Some(ty) = change.ty {
            param.ty = ty;
        }
        if let Some(items) = change.items {
            param.items = Some(items);
        }
        if let Some(format) = change.format {
            param.format = Some(format);
        }
        if change.semantic.is_some() {
            param.semantic = change.semantic;
        }
        param.sensitive |= change.sensitive;
        if !change.fields.is_empty() {
            param.fields = change
                .fields
                .iter()
                .map(|field| field_param(field, param, shown))
                .collect();
            // The override must not silently drop keys the page's example now shows.
            let shown_keys = shown
                .map(crate::import::example::elements)
                .unwrap_or_default()
                .into_iter()
                .filter_map(Value::as_object)
                .flat_map(|object| object.keys());
            for key in shown_keys {
                if !change.fields.iter().any(|field| &field.name == key) {
                    return Err(format!(
                        "its `fields` for `{name}` lack `{key}`, which the example request shows; add it to the override"
                    ));
                }
            }
        }
        if change.example_from_request {
            let shown =
                shown.ok_or_else(|| format!("the example request does not show `{name}`"))?;
            param.example = Some(example_in_field_order(param, shown));
        }
    }
    for path in &flaw.response {
        let field = draft
            .endpoint
            .response
            .iter_mut()
            .find(|field| &field.path == path);
        let field = field.ok_or_else(|| format!("no response field `data.{path}`"))?;
        if let Some(ty) = change.ty {
            field.ty = ty;
        }
        if change.semantic.is_some() {
            field.semantic = change.semantic;
        }
        field.sensitive |= change.sensitive;
    }
    if let Some(kind) = change.kind {
        draft.endpoint.kind = kind;
    }
    if let Some(body) = change.body {
        draft.endpoint.body = body;
    }
    if let Some(former) = &change.renamed_from {
        // Group and version are filled in by the lifecycle step, from the spec as it was.
        draft.endpoint.lifecycle.renamed_from.push(eko_spec::Alias {
            id: former.clone(),
            group: String::new(),
            version: String::new(),
        });
    }
    if change.add_undocumented {
        add_undocumented(draft, &flaw.undocumented, change.ty)?;
    }
    draft.maps.extend(change.maps.iter().cloned());
    if change.drop_from_request_example {
        let text = draft
            .endpoint
            .examples
            .request
            .as_deref()
            .unwrap_or_default();
        let text = drop_keys(text, &flaw.request_example_keys)?;
        if let Some(request) = &mut draft.request_example {
            for key in &flaw.request_example_keys {
                request.remove(key);
            }
        }
        draft.endpoint.examples.request = Some(text);
    }
    if change.into_data {
        // Moved rows go first, as on the page, where they precede the `data.` rows.
        let mut moved = Vec::new();
        for key in &flaw.beside_envelope {
            if let Some(index) = draft
                .beside_envelope
                .iter()
                .position(|field| &field.path == key)
            {
                let field = draft.beside_envelope.remove(index);
                // Some pages list the field in both places; the `data` row is the one kept.
                if draft
                    .endpoint
                    .response
                    .iter()
                    .any(|known| known.path == field.path)
                {
                    draft.into_data.insert(key.clone());
                    continue;
                }
                if let Some(&line) = draft.lines.beside.get(key) {
                    draft.lines.response.insert(key.clone(), line);
                }
                moved.push(field);
            }
            draft.into_data.insert(key.clone());
        }
        draft.endpoint.response.splice(0..0, moved);
    }
    Ok(())
}

/// A key of an object parameter as a nested [`Param`]; its example comes from the
/// example request (the first element, for an array of objects).
fn field_param(field: &Field, parent: &Param, shown: Option<&Value>) -> Param {
    let object = match shown {
        Some(Value::Array(items)) => items.first(),
        other => other,
    };
    let example = object
        .and_then(|object| object.get(&field.name))
        .map(example_text);
    Param {
        name: field.name.clone(),
        location: parent.location,
        ty: field.ty,
        required: field.required,
        description: field.description.clone(),
        example,
        format: field.format,
        items: field.items,
        fields: Vec::new(),
        undocumented: false,
        semantic: None,
        sensitive: false,
        constant: None,
    }
}

/// Adds example-only paths explicitly, typed `ty` when the override gives one (the
/// general rule in `undocumented.rs` adds the rest, typed from the example).
fn add_undocumented(draft: &mut Draft, paths: &[String], ty: Option<Type>) -> Result<(), String> {
    let data = draft
        .response_example
        .get("data")
        .cloned()
        .unwrap_or(Value::Null);
    for path in paths {
        if let Some((parent, _)) = path.rsplit_once('.') {
            let parent_type = draft
                .endpoint
                .response
                .iter()
                .find(|field| field.path == parent)
                .map(|field| field.ty);
            if !matches!(parent_type, Some(Type::Object | Type::Array)) {
                return Err(format!(
                    "`{path}` is listed before its parent `{parent}` (or the parent is not an object)"
                ));
            }
        }
        let field = crate::import::undocumented::example_only_field(path, ty, &data);
        draft.endpoint.response.push(field);
    }
    Ok(())
}
