//! The general rule for values a description enumerates in prose.
//!
//! Besides its value-list sections, Eko enumerates a field's values inside its
//! description: "Transfer method: 4 = NEFT, 5 = IMPS, 13 = RTGS", "Transaction state:
//! 0=Success, 1=Fail, 2=Awaited", "Intent flag: \"19\" for sender onboarding, \"20\"
//! for Aadhaar validation". Two or more distinct `code = meaning` (or `"code" for
//! meaning`) pairs in one description make a value list for that field, which the
//! generator turns into an open enum; each use is one line of the import report. A
//! single pair ("(1 = verified)") is an example, not a list, and a field that a
//! value-list section already covers keeps the section's list.

use super::draft::Draft;
use eko_spec::{DocumentedValue, ValueList};
use regex::Regex;
use std::sync::LazyLock;

/// `4 = NEFT` / `0=Success`: a whole number, `=`, then the meaning.
static EQUALS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s(:,;—-])(-?\d+)\s*=\s*").expect("valid pattern"));
/// `"19" for sender onboarding`: a quoted code, `for`, then the meaning.
static QUOTED_FOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""([A-Za-z0-9_-]+)"\s+for\s+"#).expect("valid pattern"));

/// Adds a value list for every parameter and response field whose description
/// enumerates its values, reporting each.
pub fn add_value_lists(draft: &mut Draft) {
    let mut found = Vec::new();
    for param in &draft.endpoint.params {
        if param.ty.is_enumerable() {
            found.extend(
                list_for(&param.name, &param.description)
                    .map(|list| (list, draft.param_line(&param.name))),
            );
        }
    }
    for field in &draft.endpoint.response {
        if field.ty.is_enumerable() {
            found.extend(
                list_for(&field.path, &field.description)
                    .map(|list| (list, draft.response_line(&field.path))),
            );
        }
    }
    for (list, line) in found {
        let covered = draft
            .endpoint
            .value_lists
            .iter()
            .any(|known| known.applies_to(&list.field));
        if covered {
            continue;
        }
        let codes: Vec<&str> = list
            .values
            .iter()
            .map(|value| value.code.as_str())
            .collect();
        draft.warn(
            line,
            format!(
                "`{}` enumerates its values in its description ({}): imported as a value list",
                list.field,
                codes.join(", ")
            ),
        );
        draft.endpoint.value_lists.push(list);
    }
}

/// The value list a description enumerates, if it names two or more distinct codes.
fn list_for(field: &str, description: &str) -> Option<ValueList> {
    let pairs = pairs(&EQUALS, description).or_else(|| pairs(&QUOTED_FOR, description))?;
    let title = humanized(field.rsplit('.').next().unwrap_or(field));
    Some(ValueList {
        field: field.to_owned(),
        title,
        description: None,
        label_field: None,
        values: pairs
            .into_iter()
            .map(|(code, meaning)| DocumentedValue {
                code,
                label: None,
                meaning,
            })
            .collect(),
    })
}

/// `payment_mode` → `Payment mode`: a title for a list the page does not name.
fn humanized(name: &str) -> String {
    let words = name.replace('_', " ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().collect::<String>() + chars.as_str()
    })
}

/// The `(code, meaning)` pairs `pattern` finds, when there are two or more distinct codes.
fn pairs(pattern: &Regex, text: &str) -> Option<Vec<(String, String)>> {
    let matches: Vec<_> = pattern.captures_iter(text).collect();
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (index, captures) in matches.iter().enumerate() {
        let whole = captures.get(0)?;
        let code = captures.get(1)?.as_str().to_owned();
        let end = matches
            .get(index + 1)
            .and_then(|next| next.get(1))
            .map_or(text.len(), |next| {
                // The next code's own leading quote belongs to it.
                let start = next.start();
                if text[..start].ends_with('"') {
                    start - 1
                } else {
                    start
                }
            });
        let meaning = meaning(&text[whole.end()..end], index + 1 == matches.len());
        if meaning.is_empty() || pairs.iter().any(|(known, _)| *known == code) {
            return None;
        }
        pairs.push((code, meaning));
    }
    (pairs.len() >= 2).then_some(pairs)
}

/// A meaning without the separator before the next pair; the last one ends at the
/// sentence (or the parenthesis) that holds the list.
fn meaning(raw: &str, last: bool) -> String {
    let mut text = raw;
    if last {
        let mut depth = 0i32;
        for (at, c) in raw.char_indices() {
            match c {
                '(' => depth += 1,
                ')' if depth == 0 => {
                    text = &raw[..at];
                    break;
                }
                ')' => depth -= 1,
                '.' if depth == 0
                    && (at + 1 == raw.len() || raw[at + 1..].starts_with([' ', '\n'])) =>
                {
                    text = &raw[..at];
                    break;
                }
                _ => {}
            }
        }
    }
    text.trim()
        .trim_end_matches([',', ';', '.'])
        .trim_end_matches(" or")
        .trim_end_matches(" and")
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes_and_meanings(description: &str) -> Vec<(String, String)> {
        list_for("field", description)
            .map(|list| {
                list.values
                    .into_iter()
                    .map(|value| (value.code, value.meaning))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(code, meaning)| ((*code).to_owned(), (*meaning).to_owned()))
            .collect()
    }

    #[test]
    fn reads_the_ways_eko_enumerates() {
        assert_eq!(
            codes_and_meanings("Transfer method: 4 = NEFT, 5 = IMPS, 13 = RTGS. e.g. 5"),
            owned(&[("4", "NEFT"), ("5", "IMPS"), ("13", "RTGS")])
        );
        assert_eq!(
            codes_and_meanings(
                "Transaction state: 0=Success, 1=Fail, 2=Awaited, 3=Refund Pending, 4=Refunded, 5=On Hold."
            ),
            owned(&[
                ("0", "Success"),
                ("1", "Fail"),
                ("2", "Awaited"),
                ("3", "Refund Pending"),
                ("4", "Refunded"),
                ("5", "On Hold")
            ])
        );
        assert_eq!(
            codes_and_meanings("Allowed transfer channel (0 = IMPS, 2 = NEFT)."),
            owned(&[("0", "IMPS"), ("2", "NEFT")])
        );
        assert_eq!(
            codes_and_meanings(
                "Ops-team verification state — 0 = not applicable, 1 = verified, 2 = rejected (reason in `comments`), 3 = pending."
            ),
            owned(&[
                ("0", "not applicable"),
                ("1", "verified"),
                ("2", "rejected (reason in `comments`)"),
                ("3", "pending")
            ])
        );
        assert_eq!(
            codes_and_meanings(
                "Intent flag: \"19\" for sender onboarding, \"20\" for Aadhaar validation. e.g. 20"
            ),
            owned(&[("19", "sender onboarding"), ("20", "Aadhaar validation")])
        );
    }

    #[test]
    fn one_pair_or_prose_numbers_are_not_a_list() {
        for description in [
            "Whether the account has been penny-drop verified (1 = verified).",
            "Withdrawal amount in Indian Rupees (integer). Must be greater than 0 for cash withdrawal.",
            "Transfer channel. Defaults to 2 (NEFT); 0 for IMPS.",
            "Customer's 10-digit mobile number.",
            "0 = a, 0 = b",
        ] {
            assert!(list_for("field", description).is_none(), "{description}");
        }
    }
}
