//! Eko response envelopes: documented examples made consistent with the request, and
//! the business errors the mock reports with HTTP 200.
//!
//! Eko's pages name error scenarios but rarely show their envelopes, so the values
//! below are the mock's own, chosen to be stable and distinct so that clients can
//! branch on them in tests:
//!
//! | scenario                   | `status` | `response_status_id` | `response_type_id` |
//! |----------------------------|----------|----------------------|--------------------|
//! | invalid parameters         | 1        | -1                   | -1                 |
//! | unknown `user_code`        | 1        | 1                    | 9001               |
//! | wrong OTP                  | 1        | 1                    | 9003               |
//! | unknown OTP session        | 1        | 1                    | 9004               |
//! | customer not enrolled      | 1        | 1                    | 308 (documented)   |

use crate::inputs::Inputs;
use crate::scalar::is_scalar;
use crate::validate::InvalidParams;
use eko_spec::Endpoint;
use serde_json::{Map, Value, json};

/// A business error: HTTP 200 with a non-zero `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BusinessError {
    pub(crate) response_type_id: i64,
    pub(crate) message: &'static str,
}

/// A `user_code` that names no known retailer.
pub(crate) const USER_NOT_FOUND: BusinessError = BusinessError {
    response_type_id: 9001,
    message: "User (retailer) not found",
};
/// An OTP other than the mock's test OTP.
pub(crate) const WRONG_OTP: BusinessError = BusinessError {
    response_type_id: 9003,
    message: "Wrong OTP",
};
/// An `otp_ref_id` the mock did not issue for this customer (or already used).
pub(crate) const OTP_SESSION_NOT_FOUND: BusinessError = BusinessError {
    response_type_id: 9004,
    message: "OTP session expired or not found",
};
/// Get Customer Information for a mobile number nobody onboarded.
pub(crate) const CUSTOMER_NOT_ENROLLED: BusinessError = BusinessError {
    response_type_id: 308,
    message: "Customer not enrolled; onboard the customer first",
};

impl BusinessError {
    pub(crate) fn envelope(self) -> Value {
        json!({
            "status": 1,
            "response_status_id": 1,
            "response_type_id": self.response_type_id,
            "message": self.message,
            "data": {},
        })
    }
}

/// The envelope of a request with bad parameters.
pub(crate) fn invalid_params(invalid: &InvalidParams) -> Value {
    json!({
        "status": 1,
        "response_status_id": -1,
        "response_type_id": -1,
        "message": "Invalid request parameters",
        "invalid_params": invalid,
        "data": {},
    })
}

/// The documented example response with every `data` key that shares a name with a
/// request parameter set to what the caller sent, so ids round-trip.
pub(crate) fn from_example(example: &Value, endpoint: &Endpoint, inputs: &Inputs) -> Value {
    let mut response = example.clone();
    // Some pages show an empty example (`{}`); the call still answers with an envelope.
    if let Some(object) = response.as_object_mut()
        && !object.contains_key("status")
    {
        object.insert("status".into(), Value::from(0));
        object
            .entry("message")
            .or_insert_with(|| Value::from("Success"));
        object
            .entry("data")
            .or_insert_with(|| Value::Object(Map::new()));
    }
    if let Some(data) = response.get_mut("data").and_then(Value::as_object_mut) {
        let sent: Map<String, Value> = endpoint
            .params
            .iter()
            .filter_map(|param| {
                inputs
                    .value(param)
                    .filter(is_scalar)
                    .map(|value| (param.name.clone(), value))
            })
            .collect();
        echo(data, &sent);
    }
    response
}

/// Overwrites scalar values under keys named in `sent`, in `data` and in the objects
/// nested in it. Lists are left alone: their entries describe other records (history,
/// recipients), not this request.
fn echo(data: &mut Map<String, Value>, sent: &Map<String, Value>) {
    for (key, value) in data.iter_mut() {
        match value {
            Value::Object(nested) => echo(nested, sent),
            Value::Array(_) => {}
            _ => {
                if let Some(replacement) = sent.get(key) {
                    *value = replacement.clone();
                }
            }
        }
    }
}

/// Sets `data.<path>` (dotted) in an envelope, creating objects on the way.
pub(crate) fn set_data(envelope: &mut Value, path: &str, value: Value) {
    let Some(root) = envelope.as_object_mut() else {
        return;
    };
    let mut current = root
        .entry("data")
        .or_insert_with(|| Value::Object(Map::new()));
    for key in path.split('.') {
        if !current.is_object() {
            *current = Value::Object(Map::new());
        }
        let Some(object) = current.as_object_mut() else {
            return;
        };
        current = object.entry(key).or_insert(Value::Null);
    }
    *current = value;
}

/// Reads `data.<path>` (dotted) from an envelope.
pub(crate) fn get_data<'a>(envelope: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(envelope.get("data")?, |value, key| value.get(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_and_get_nested_data() {
        let mut envelope = json!({"status": 0, "data": {"a": {"b": 1}}});
        set_data(&mut envelope, "a.c", json!("x"));
        set_data(&mut envelope, "d.e", json!(2));
        assert_eq!(
            envelope["data"],
            json!({"a": {"b": 1, "c": "x"}, "d": {"e": 2}})
        );
        assert_eq!(get_data(&envelope, "a.c"), Some(&json!("x")));
        assert_eq!(get_data(&envelope, "a.z"), None);
        let mut no_data = json!({"status": 0});
        set_data(&mut no_data, "k", json!(true));
        assert_eq!(no_data["data"], json!({"k": true}));
    }

    #[test]
    fn echo_replaces_scalars_outside_lists() {
        let mut data = json!({"client_ref_id": "doc", "nested": {"client_ref_id": "doc"}, "list": [{"client_ref_id": "doc"}], "other": 1})
            .as_object()
            .cloned()
            .unwrap();
        let sent = json!({"client_ref_id": "mine"})
            .as_object()
            .cloned()
            .unwrap();
        echo(&mut data, &sent);
        assert_eq!(
            Value::Object(data),
            json!({"client_ref_id": "mine", "nested": {"client_ref_id": "mine"}, "list": [{"client_ref_id": "doc"}], "other": 1})
        );
    }
}
