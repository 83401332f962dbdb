//! Open enums for documented value lists: one per list that documents a scalar field
//! of the endpoint, a variant per value, and `Other` for values the docs do not list.

use crate::docs;
use crate::names;
use eko_spec::{DocumentedValue, Endpoint, Type, ValueList};
use heck::ToUpperCamelCase;

/// The name of the catch-all variant.
pub const OTHER_VALUE: &str = "Other";

/// An open enum for one value list.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueEnumIr {
    /// Type name, e.g. `GetUserServicesServiceStatus`.
    pub name: String,
    /// Doc lines (already escaped).
    pub docs: Vec<String>,
    /// Whether the field is documented as a number, so codes travel as numbers.
    pub numeric: bool,
    /// One per documented value, in page order.
    pub variants: Vec<ValueVariantIr>,
    /// The list as the spec states it.
    pub list: ValueList,
}

/// One documented value.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueVariantIr {
    /// Variant name, e.g. `Activated`.
    pub name: String,
    /// The code as it travels, e.g. `1`.
    pub code: String,
    /// The label the docs give, e.g. `ACTIVATED`.
    pub label: Option<String>,
    /// Doc lines (already escaped).
    pub docs: Vec<String>,
}

impl ValueEnumIr {
    /// The variant whose code is `code`, if documented.
    pub fn variant_for(&self, code: &str) -> Option<&ValueVariantIr> {
        self.variants.iter().find(|variant| variant.code == code)
    }
}

/// The enums of `endpoint`'s value lists that document one of its scalar fields.
pub fn lower(endpoint: &Endpoint) -> Vec<ValueEnumIr> {
    endpoint
        .value_lists
        .iter()
        .filter_map(|list| {
            let ty = field_type(endpoint, list)?;
            Some(lower_list(
                &endpoint.id,
                list,
                matches!(ty, Type::Number | Type::Integer),
            ))
        })
        .collect()
}

/// The enum for the field at `path`, if a value list documents it.
pub fn enum_for<'a>(enums: &'a [ValueEnumIr], path: &str) -> Option<&'a ValueEnumIr> {
    enums.iter().find(|item| item.list.applies_to(path))
}

/// The type of the first scalar field the list documents: a top-level parameter or
/// a response field.
fn field_type(endpoint: &Endpoint, list: &ValueList) -> Option<Type> {
    let params = endpoint
        .params
        .iter()
        .map(|param| (param.name.as_str(), param.ty));
    let response = endpoint
        .response
        .iter()
        .map(|field| (field.path.as_str(), field.ty));
    params
        .chain(response)
        .find(|(path, ty)| ty.is_enumerable() && list.applies_to(path))
        .map(|(_, ty)| ty)
}

fn lower_list(endpoint_id: &str, list: &ValueList, numeric: bool) -> ValueEnumIr {
    let mut taken = vec![OTHER_VALUE.to_owned()];
    let variants = list
        .values
        .iter()
        .map(|value| {
            let mut name = variant_name(value);
            if taken.contains(&name) {
                name = format!("{name}{}", value.code.to_upper_camel_case());
            }
            taken.push(name.clone());
            ValueVariantIr {
                name,
                code: value.code.clone(),
                label: value.label.clone(),
                docs: value_docs(value),
            }
        })
        .collect();
    let mut lines = docs::lines([format!(
        "{} (`{}`): the values Eko documents for it.",
        list.title, list.field
    )
    .as_str()]);
    if let Some(description) = &list.description {
        lines.push(String::new());
        lines.extend(docs::lines([description.as_str()]));
    }
    lines.push(String::new());
    lines.push(" A value the docs do not list decodes into `Other`, kept exactly as it arrived and sent back unchanged, so the enum is `#[non_exhaustive]`: Eko documenting a new value adds a variant.".to_owned());
    ValueEnumIr {
        name: names::type_name(&[endpoint_id, &list.title]),
        docs: lines,
        numeric,
        variants,
        list: list.clone(),
    }
}

/// The envelope's business `status` codes that `spec/shared.toml` documents, as the
/// open enum `BusinessStatus`.
pub fn business_status(shared: &eko_spec::Shared) -> ValueEnumIr {
    let list = ValueList {
        field: "status".to_owned(),
        title: "Business status".to_owned(),
        description: Some(
            "The envelope's `status`: 0 is success; the others Eko documents for every endpoint are next steps. Each endpoint's outcome enum tells them apart further by `response_type_id`.".to_owned(),
        ),
        label_field: None,
        values: shared
            .status_codes
            .iter()
            .filter(|code| code.kind == eko_spec::StatusKind::Business)
            .map(|code| DocumentedValue {
                code: code.code.to_string(),
                label: None,
                meaning: code.meaning.clone(),
            })
            .collect(),
    };
    let mut item = lower_list("", &list, true);
    item.name = "BusinessStatus".to_owned();
    item
}

/// From the label (`ACTIVATED` → `Activated`), else the head of the meaning
/// (`Refund Pending` → `RefundPending`, `not applicable — …` → `NotApplicable`).
fn variant_name(value: &DocumentedValue) -> String {
    let source = match &value.label {
        Some(label) => label.to_lowercase(),
        None => value
            .meaning
            .split(['—', '(', ',', ';', ':', '.'])
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" "),
    };
    let name: String = source
        .to_upper_camel_case()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Code{}", value.code.to_upper_camel_case())
    } else if name == OTHER_VALUE {
        "OtherValue".to_owned()
    } else {
        name
    }
}

fn value_docs(value: &DocumentedValue) -> Vec<String> {
    let code = match &value.label {
        Some(label) => format!("`{}` (`{label}`)", value.code),
        None => format!("`{}`", value.code),
    };
    docs::lines([format!("{code}: {}", value.meaning).as_str()])
}
