//! The general rule for what a value is, beyond the type its page gives it.
//!
//! Eko's tables type some identifiers `number` (`bank_account`, `recipient_id`, `otp`),
//! which would drop an account number's leading zeros and round long references; they
//! never say which values are money or personal data. Field names do, consistently
//! across every page: this rule reads them and marks each parameter and response field
//! in the spec as
//! - an **identifier** (text, whatever the page says: a `number` one is retyped
//!   `string`),
//! - an **amount** (an exact decimal in Rust),
//! - **sensitive** (PAN, Aadhaar, OTP, account number, biometric data: hidden from
//!   `Debug` and logs).
//!
//! Each endpoint's inferences are one line of the import report; an override can
//! correct a field the names mislead about.

use super::draft::Draft;
use eko_spec::{Param, ResponseField, Semantic, Type};
use heck::ToSnakeCase;

/// What the rule found on one endpoint, for its report line.
#[derive(Default)]
struct Found {
    identifiers: Vec<String>,
    retyped: Vec<String>,
    amounts: Vec<String>,
    sensitive: Vec<String>,
    constants: Vec<String>,
}

/// Marks every parameter and response field of the draft and reports what it marked.
pub fn mark(draft: &mut Draft) {
    let mut found = Found::default();
    for param in &mut draft.endpoint.params {
        mark_param(param, "", &mut found);
    }
    for field in &mut draft.endpoint.response {
        mark_response(field, &mut found);
    }
    let mut parts = Vec::new();
    for (label, names) in [
        ("identifiers", &found.identifiers),
        ("retyped number → string as identifiers", &found.retyped),
        ("amounts", &found.amounts),
        ("sensitive", &found.sensitive),
        ("constants the request sets itself", &found.constants),
    ] {
        if !names.is_empty() {
            parts.push(format!("{label}: {}", names.join(", ")));
        }
    }
    if !parts.is_empty() {
        let line = draft.lines.title;
        draft.warn(
            line,
            format!("inferred from field names — {}", parts.join("; ")),
        );
    }
}

fn mark_param(param: &mut Param, prefix: &str, found: &mut Found) {
    let path = format!("{prefix}{}", param.name);
    let (semantic, sensitive) = infer(&param.name, param.ty);
    apply(&path, &mut param.ty, &mut param.semantic, semantic, found);
    param.sensitive |= sensitive;
    if sensitive {
        found.sensitive.push(path.clone());
    }
    if param.constant.is_none()
        && let Some(value) = fixed_value(&param.description)
    {
        found.constants.push(format!("{path} = {value}"));
        param.constant = Some(value);
    }
    let prefix = format!("{path}.");
    for child in &mut param.fields {
        mark_param(child, &prefix, found);
    }
}

fn mark_response(field: &mut ResponseField, found: &mut Found) {
    let name = field
        .path
        .rsplit('.')
        .next()
        .unwrap_or(&field.path)
        .to_owned();
    let path = format!("data.{}", field.path);
    let (semantic, sensitive) = infer(&name, field.ty);
    apply(&path, &mut field.ty, &mut field.semantic, semantic, found);
    field.sensitive |= sensitive;
    if sensitive {
        found.sensitive.push(path);
    }
}

fn apply(
    path: &str,
    ty: &mut Type,
    current: &mut Option<Semantic>,
    inferred: Option<Semantic>,
    found: &mut Found,
) {
    // An override's word stands.
    if current.is_some() {
        return;
    }
    *current = inferred;
    match inferred {
        Some(Semantic::Identifier) => {
            if matches!(*ty, Type::Number | Type::Integer) {
                *ty = Type::String;
                found.retyped.push(path.to_owned());
            } else {
                found.identifiers.push(path.to_owned());
            }
        }
        Some(Semantic::Amount) => found.amounts.push(path.to_owned()),
        None => {}
    }
}

/// The one value a description allows: "Fixed value: 80 (...)", "Fixed value. Send 1.".
fn fixed_value(description: &str) -> Option<String> {
    let rest = &description[description.find("Fixed value")? + "Fixed value".len()..];
    let rest = rest.trim_start_matches(['.', ':', ' ']);
    let rest = rest.strip_prefix("Send ").unwrap_or(rest);
    let value: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!value.is_empty()).then_some(value)
}

/// Catalogue codes named `*_id` that are numbers by nature, not references.
const CODE_IDS: &[&str] = &[
    "intent", "response", "status", "type", "data", "operator", "bank", "location", "state",
    "category", "service", "circle", "district", "channel", "product", "shop",
];

/// Words that make a value money.
const MONEY: &[&str] = &[
    "amount",
    "fee",
    "fees",
    "gst",
    "tds",
    "balance",
    "limit",
    "commission",
    "commision",
    "charge",
    "charges",
    "fine",
    "mrp",
    "price",
    "cashback",
    "surcharge",
];

/// `(semantic, sensitive)` for a field named `name` of type `ty`; only scalars count.
fn infer(name: &str, ty: Type) -> (Option<Semantic>, bool) {
    if !matches!(ty, Type::String | Type::Number | Type::Integer) {
        return (None, false);
    }
    let snake = name.to_snake_case();
    let words: Vec<&str> = snake.split('_').filter(|word| !word.is_empty()).collect();
    let has = |word: &str| words.contains(&word);
    let describes_state = [
        "type", "status", "required", "count", "score", "holder", "name", "card", "front", "back",
        "enabled", "verified",
    ]
    .iter()
    .any(|word| has(word));

    let account = (has("account") || has("acc")) && !describes_state;
    let pan = has("pan") && !describes_state;
    let aadhaar = (has("aadhar") || has("aadhaar")) && !describes_state;
    let otp = snake == "otp";
    let biometric = has("pid") || has("piddata") || has("biometric");
    let sensitive = account
        || pan
        || aadhaar
        || otp
        || biometric
        || has("cvv")
        || has("password")
        || snake == "pin";

    let reference_id = words.last() == Some(&"id")
        && words.len() > 1
        && !CODE_IDS.contains(&words[words.len() - 2]);
    let identifier = account
        || pan
        || aadhaar
        || otp
        || ((has("mobile") || has("phone")) && !describes_state)
        || (has("ifsc") && !describes_state)
        || has("pincode")
        || (has("pin") && has("code"))
        || snake == "user_code"
        || snake == "tid"
        || has("utr")
        || has("rrn")
        || has("ref")
        || (has("reference") && !describes_state)
        || reference_id
        || (words.last() == Some(&"number") && !describes_state)
        || ["gstin", "cin", "din", "vpa", "epic"].contains(&snake.as_str());
    let money = !identifier && words.iter().any(|word| MONEY.contains(word)) && !describes_state;
    let semantic = if identifier {
        Some(Semantic::Identifier)
    } else if money && matches!(ty, Type::Number | Type::Integer) {
        Some(Semantic::Amount)
    } else {
        None
    };
    (semantic, sensitive)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_text_and_codes_stay_numbers() {
        for name in [
            "bank_account",
            "recipient_id",
            "otp",
            "customer_id",
            "user_code",
            "ifsc",
            "pan_number",
            "aadhar",
            "tid",
            "bank_ref_num",
            "reference_id",
            "bulk_reference_id",
            "consentId",
            "pincode",
            "registration_number",
            "recipient_mobile",
            "utr",
        ] {
            assert_eq!(
                infer(name, Type::Number).0,
                Some(Semantic::Identifier),
                "{name}"
            );
        }
        for name in [
            "intent_id",
            "operator_id",
            "bank_id",
            "state_id",
            "data_type_id",
            "ifsc_status",
            "pan_required",
            "account_status_code",
            "beneficiary_account_type",
            "kyc_state",
        ] {
            assert_ne!(
                infer(name, Type::Number).0,
                Some(Semantic::Identifier),
                "{name}"
            );
        }
    }

    #[test]
    fn fixed_values_are_read_from_descriptions() {
        assert_eq!(
            fixed_value("Fixed value: 80 (PayPoint service code for refunds). e.g. 80").as_deref(),
            Some("80")
        );
        assert_eq!(
            fixed_value("Identifier type. Fixed value: mobile_number. e.g. mobile_number")
                .as_deref(),
            Some("mobile_number")
        );
        assert_eq!(
            fixed_value("Fixed value. Send 1. e.g. 1").as_deref(),
            Some("1")
        );
        assert_eq!(
            fixed_value("Code of the service to activate. Use 58 for CMS."),
            None
        );
    }

    #[test]
    fn money_and_personal_data() {
        for name in [
            "amount",
            "total_amount",
            "fee",
            "gst",
            "next_allowed_limit",
            "balance",
            "tds",
        ] {
            assert_eq!(
                infer(name, Type::Number).0,
                Some(Semantic::Amount),
                "{name}"
            );
        }
        assert_eq!(
            infer("amount", Type::String).0,
            None,
            "text amounts keep their type"
        );
        for name in [
            "pan_number",
            "aadhar",
            "otp",
            "bank_account",
            "piddata",
            "account",
        ] {
            assert!(infer(name, Type::String).1, "{name} is sensitive");
        }
        for name in ["mobile", "ifsc", "pan_required", "otp_ref_id", "amount"] {
            assert!(!infer(name, Type::String).1, "{name} is not sensitive");
        }
        assert_eq!(infer("pan_card", Type::File), (None, false));
    }
}
