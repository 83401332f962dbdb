//! Facts the pages imply without stating: input formats and array element types.
//!
//! Formats are assigned conservatively — a wrong format would block valid calls — so a
//! name or description only proposes one, and it is kept only when the page's own
//! example satisfies the format's rule from `spec/shared.toml`.

use super::example::{element_type, values_at};
use eko_spec::{Format, Param, ResponseField, Shared, Type};
use regex::Regex;
use serde_json::{Map, Value};

/// The format rules of `spec/shared.toml`, compiled.
pub struct Formats {
    rules: Vec<(Format, Regex)>,
}

impl Formats {
    /// Compiles every format's pattern.
    pub fn new(shared: &Shared) -> Result<Formats, String> {
        let mut rules = Vec::new();
        for format in &shared.formats {
            let regex = Regex::new(&format.pattern).map_err(|error| {
                format!("format `{:?}` has an invalid pattern: {error}", format.name)
            })?;
            rules.push((format.name, regex));
        }
        Ok(Formats { rules })
    }

    /// Whether `value` satisfies `format` (`None` when shared.toml does not define it).
    pub fn matches(&self, format: Format, value: &str) -> Option<bool> {
        self.rules
            .iter()
            .find(|(name, _)| *name == format)
            .map(|(_, regex)| regex.is_match(value))
    }

    /// The format a string parameter evidently has: proposed by its name or description,
    /// confirmed by its example.
    pub fn infer(&self, param: &Param) -> Option<Format> {
        if param.ty != Type::String {
            return None;
        }
        let example = param.example.as_deref()?;
        proposals(&param.name, &param.description)
            .into_iter()
            .find(|format| self.matches(*format, example) == Some(true))
    }
}

/// Formats a parameter's name or description suggests, most specific first.
fn proposals(name: &str, description: &str) -> Vec<Format> {
    let name = name.to_ascii_lowercase();
    let lower = description.to_ascii_lowercase();
    let mut found = Vec::new();
    if name == "client_ref_id" {
        found.push(Format::ClientRefId);
    }
    if lower.contains("yyyy-mm-dd") {
        found.push(Format::Date);
    }
    if name.contains("ifsc") || lower.contains("ifsc") {
        found.push(Format::Ifsc);
    }
    if name == "pan"
        || name.starts_with("pan_")
        || name.ends_with("_pan")
        || has_word(description, "PAN")
    {
        found.push(Format::Pan);
    }
    if name.contains("email") || lower.contains("email") {
        found.push(Format::Email);
    }
    if name.contains("pincode")
        || name.contains("pin_code")
        || lower.contains("pincode")
        || lower.contains("pin code")
    {
        found.push(Format::Pincode);
    }
    if name.contains("aadhaar") || name.contains("aadhar") || lower.contains("aadhaar number") {
        found.push(Format::Aadhaar);
    }
    if name.contains("mobile") || lower.contains("mobile number") {
        found.push(Format::Mobile);
    }
    found
}

/// Whether `word` occurs in `text` delimited by non-alphanumerics.
fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|part| part == word)
}

/// The element type of an array parameter, from the example request.
pub fn param_items(param: &Param, request: Option<&Map<String, Value>>) -> Option<Type> {
    let shown = request?.get(&param.name)?;
    element_type(&[shown])
}

/// Element types for response arrays whose children the spec does not list.
pub fn response_items(fields: &mut [ResponseField], data: &Value) {
    let parents: Vec<String> = fields
        .iter()
        .filter_map(|field| {
            field
                .path
                .rsplit_once('.')
                .map(|(parent, _)| parent.to_owned())
        })
        .collect();
    for field in fields.iter_mut() {
        if field.ty == Type::Array && field.items.is_none() && !parents.contains(&field.path) {
            field.items = element_type(&values_at(data, &field.path));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared() -> Shared {
        let text = std::fs::read_to_string(crate::workspace_root().join("spec/shared.toml"))
            .expect("shared.toml");
        toml::from_str(&text).expect("shared.toml parses")
    }

    fn param(name: &str, description: &str, example: &str) -> Param {
        Param {
            name: name.into(),
            location: eko_spec::Location::Body,
            ty: Type::String,
            required: true,
            description: description.into(),
            example: Some(example.into()),
            format: None,
            items: None,
            fields: Vec::new(),
            undocumented: false,
            semantic: None,
            sensitive: false,
            constant: None,
        }
    }

    #[test]
    fn a_format_is_kept_only_when_the_example_satisfies_it() {
        let formats = Formats::new(&shared()).expect("patterns compile");
        let infer = |name, description, example| formats.infer(&param(name, description, example));
        assert_eq!(
            infer(
                "customer_id",
                "Customer's 10-digit mobile number.",
                "9444444444"
            ),
            Some(Format::Mobile)
        );
        assert_eq!(
            infer("otp", "OTP sent to the customer's mobile number.", "123456"),
            None
        );
        assert_eq!(
            infer("dob", "Date of birth in YYYY-MM-DD format.", "1990-05-15"),
            Some(Format::Date)
        );
        assert_eq!(
            infer("dob", "Date of birth in YYYY-MM-DD format.", "15-05-1990"),
            None
        );
        assert_eq!(
            infer("pan_number", "PAN of the agent.", "ABCDE1234F"),
            Some(Format::Pan)
        );
        assert_eq!(
            infer("company", "Company name (not a PANEL).", "ABCDE1234F"),
            None
        );
        assert_eq!(
            infer("client_ref_id", "Your reference.", "REQ-1"),
            Some(Format::ClientRefId)
        );
    }
}
