//! Rust names for spec names: one place decides case, keywords and clashes.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords that can be used as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing `_`.
const RESERVED: &[&str] = &["crate", "self", "super", "Self"];

// `CLIENT_METHODS`: derived from the runtime's sources by `build.rs`, which says why.
include!(concat!(env!("OUT_DIR"), "/client_methods.rs"));

/// The snake_case field (or argument) name for a wire name: `createdAt` → `created_at`,
/// `transaction-reference` → `transaction_reference`, `type` → `r#type`.
pub fn field_name(wire: &str) -> String {
    let mut snake = wire.to_snake_case();
    if snake.is_empty() {
        snake = "field".to_owned();
    }
    if snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake.insert_str(0, "n_");
    }
    if RESERVED.contains(&snake.as_str()) {
        snake.push('_');
    } else if RAW_KEYWORDS.contains(&snake.as_str()) {
        snake.insert_str(0, "r#");
    }
    snake
}

/// The setter of an optional field: the field's own name, except where that would
/// clash with the constructor `new`.
pub fn setter_name(field: &str) -> String {
    if unraw(field) == "new" {
        "set_new".to_owned()
    } else {
        field.to_owned()
    }
}

/// The client method for an endpoint id: `onboard-customer` → `onboard_customer`.
pub fn method_name(id: &str) -> String {
    let name = field_name(id);
    if CLIENT_METHODS.contains(&name.as_str()) {
        format!("{name}_endpoint")
    } else {
        name
    }
}

/// A type name from name parts: `["dmt-get-recipients", "recipient"]` → `DmtGetRecipientsRecipient`.
pub fn type_name(parts: &[&str]) -> String {
    let mut name: String = parts
        .iter()
        .map(|part| part.to_upper_camel_case())
        .collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'N');
    }
    name
}

/// Whether `name` is usable as a module or feature name.
pub fn is_snake_ident(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !RAW_KEYWORDS.contains(&name)
        && !RESERVED.contains(&name)
}

/// Whether `id` is a doc slug: lowercase words joined by `-`.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// The identifier token text without a raw prefix, e.g. for a setter doc.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_become_rust_names() {
        assert_eq!(field_name("createdAt"), "created_at");
        assert_eq!(field_name("transaction-reference"), "transaction_reference");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("2fa"), "n_2fa");
        assert_eq!(field_name("otpOptionalSumNeft"), "otp_optional_sum_neft");
        assert_eq!(method_name("e-challan"), "e_challan");
        assert_eq!(method_name("send"), "send_endpoint");
        assert_eq!(
            (setter_name("r#type"), setter_name("new")),
            ("r#type".to_owned(), "set_new".to_owned())
        );
        assert_eq!(
            type_name(&["dmt-get-recipients", "recipient", "Item"]),
            "DmtGetRecipientsRecipientItem"
        );
    }

    #[test]
    fn slugs_and_idents() {
        assert!(is_slug("onboard-customer") && !is_slug("Onboard") && !is_slug("a--b"));
        assert!(is_snake_ident("customer") && !is_snake_ident("type") && !is_snake_ident("Kyc"));
    }
}
