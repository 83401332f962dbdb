//! How generated `Debug` implementations show a personal or secret field (PAN,
//! Aadhaar, OTP, account number, biometric data): whether it is there, never what it is.

use crate::redact::REDACTED;
use std::fmt;

/// Shows `[redacted]` for a present value and `None` for an absent one.
pub(crate) struct Hidden(bool);

impl Hidden {
    /// The stand-in for a value that is there or not.
    pub(crate) fn new(present: bool) -> Hidden {
        Hidden(present)
    }
}

impl fmt::Debug for Hidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0 { REDACTED } else { "None" })
    }
}

/// Replaces the value of every key in `keys`, at any depth, with [`REDACTED`].
pub(crate) fn scrub_value(value: &mut serde_json::Value, keys: &[&str]) {
    if keys.is_empty() {
        return;
    }
    match value {
        serde_json::Value::Object(map) => scrub_map(map, keys),
        serde_json::Value::Array(items) => {
            for item in items {
                scrub_value(item, keys);
            }
        }
        _ => {}
    }
}

/// [`scrub_value`] over the entries of a map.
pub(crate) fn scrub_map(map: &mut serde_json::Map<String, serde_json::Value>, keys: &[&str]) {
    for (key, value) in map.iter_mut() {
        if keys.contains(&key.as_str()) && !value.is_null() {
            *value = serde_json::Value::from(REDACTED);
        } else {
            scrub_value(value, keys);
        }
    }
}

/// A JSON body with the values of `keys` redacted. A body that is not JSON cannot be
/// searched by key; it is replaced by a note of its length when any key is sensitive.
pub(crate) fn scrub_text<'a>(body: &'a str, keys: &[&str]) -> std::borrow::Cow<'a, str> {
    if keys.is_empty() || !keys.iter().any(|key| body.contains(key)) {
        return std::borrow::Cow::Borrowed(body);
    }
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(mut value) => {
            scrub_value(&mut value, keys);
            std::borrow::Cow::Owned(value.to_string())
        }
        Err(_) => std::borrow::Cow::Owned(format!(
            "[{} bytes withheld: not JSON, and the endpoint carries personal data]",
            body.len()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scrubs_keys_at_any_depth_and_leaves_the_rest() {
        let keys = ["aadhar", "otp"];
        let body = json!({"data": {"aadhar": "123456789012", "list": [{"otp": 4321, "name": "A"}], "mobile": "9"}, "otp": null});
        let scrubbed = scrub_text(&body.to_string(), &keys).into_owned();
        assert!(
            !scrubbed.contains("123456789012") && !scrubbed.contains("4321"),
            "{scrubbed}"
        );
        assert!(scrubbed.contains("\"name\":\"A\"") && scrubbed.contains("\"mobile\":\"9\""));
        assert!(!scrub_text("<html>aadhar 1234</html>", &keys).contains("1234"));
        assert_eq!(scrub_text("plain text", &keys), "plain text");
        assert_eq!(scrub_text("{\"aadhar\":1}", &[]), "{\"aadhar\":1}");
    }
}
