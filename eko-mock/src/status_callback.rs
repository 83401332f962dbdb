//! Transaction status callbacks: where a retailer wants them, when one is due and
//! what it carries.
//!
//! Both decisions are read from the spec and the answer rather than from a list of
//! endpoint ids:
//!
//! - a successful non-GET call that takes a `user_code` and a `callback_url` (the
//!   deprecated Setup Callback URL) registers that URL for that `user_code`;
//! - a successful non-GET call whose answer's `data` carries a `tid` is a transaction,
//!   and is owed a callback at the caller's registered URL if its `user_code` has one,
//!   else at the mock's configured [`crate::MockConfig::callback_url`], if any.
//!
//! The callback's fields are the `response` rows of the spec's status callback webhook
//! (the first `kind = "webhook"` endpoint documenting a `tid`), nested under `data`.

use crate::envelope;
use crate::inputs::Inputs;
use crate::scalar::{is_scalar, scalar_text};
use crate::state::{CallbackRegistration, State};
use eko_spec::{Endpoint, Method, Type};
use serde_json::{Map, Value};

/// The state the callback says the transaction left: Eko's "awaiting a response"
/// (`tx_status` 2), which an initiated transaction sits in until the bank answers.
const OLD_TX_STATUS: i64 = 2;
/// The label of [`OLD_TX_STATUS`].
const OLD_TX_STATUS_DESC: &str = "Response Awaited";
/// Eko stamps times in India Standard Time, UTC+05:30.
const IST_OFFSET_SECONDS: i64 = 5 * 3600 + 30 * 60;

/// A callback owed to a retailer, not yet sent.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Due {
    /// The endpoint whose answer made the callback due.
    pub(crate) endpoint: String,
    /// The caller's `user_code`, when the transaction takes one.
    pub(crate) user_code: Option<String>,
    pub(crate) url: String,
    /// The body to POST: `{"data": {...}}`.
    pub(crate) body: Value,
}

/// Registers a callback URL or works out the callback a transaction owes, after the
/// mock answered `response` to a valid request for `endpoint`; `configured_url` is the
/// mock's own callback address.
pub(crate) fn follow_up(
    state: &mut State,
    webhook: Option<&Endpoint>,
    configured_url: Option<&str>,
    endpoint: &Endpoint,
    inputs: &Inputs,
    response: &Value,
    now_ms: u128,
) -> Option<Due> {
    if endpoint.method == Method::Get || !succeeded(response) {
        return None;
    }
    let user_code = inputs.text(endpoint, "user_code");
    if let Some(user_code) = &user_code
        && let Some(url) = inputs.text(endpoint, "callback_url")
    {
        state
            .callback_urls
            .insert(user_code.clone(), CallbackRegistration { url });
        return None;
    }
    let tid = envelope::get_data(response, "tid").and_then(scalar_text)?;
    if tid.is_empty() {
        return None;
    }
    let url = destination(state, user_code.as_ref(), configured_url)?;
    let Some(webhook) = webhook else {
        tracing::warn!(
            endpoint = %endpoint.id,
            "a status callback is due but the spec documents no status callback webhook"
        );
        return None;
    };
    Some(Due {
        endpoint: endpoint.id.clone(),
        user_code,
        url,
        body: payload(webhook, endpoint, inputs, response, now_ms),
    })
}

/// Where a transaction's callback goes. A `user_code`'s own registration wins: it is
/// the more specific request, and it keeps what clients of the deprecated Setup
/// Callback URL saw. Every other transaction, including those of endpoints that take no
/// `user_code`, goes to the configured address.
fn destination(
    state: &State,
    user_code: Option<&String>,
    configured_url: Option<&str>,
) -> Option<String> {
    user_code
        .and_then(|user_code| state.callback_urls.get(user_code))
        .map(|registration| registration.url.clone())
        .or_else(|| configured_url.map(str::to_owned))
}

/// An envelope with `status` 0 (Eko sends it as a number, sometimes as text).
fn succeeded(response: &Value) -> bool {
    response
        .get("status")
        .and_then(scalar_text)
        .is_some_and(|status| status == "0")
}

/// The callback body: every field of the webhook, under `data`. Values come from the
/// transaction's answer, else from the request, else are null; the previous state and
/// the time are the callback's own.
pub(crate) fn payload(
    webhook: &Endpoint,
    endpoint: &Endpoint,
    inputs: &Inputs,
    response: &Value,
    now_ms: u128,
) -> Value {
    let mut data = Map::new();
    for field in &webhook.response {
        let name = field.path.rsplit('.').next().unwrap_or(&field.path);
        let value = match name {
            "old_tx_status" => Value::from(OLD_TX_STATUS),
            "old_tx_status_desc" => Value::from(OLD_TX_STATUS_DESC),
            "timestamp" => Value::from(ist_timestamp(now_ms)),
            _ => envelope::get_data(response, &field.path)
                .filter(|value| !value.is_null())
                .cloned()
                .or_else(|| inputs.named(endpoint, name).filter(is_scalar))
                .unwrap_or(Value::Null),
        };
        insert_path(&mut data, &field.path, as_documented(value, field.ty));
    }
    let mut body = Map::new();
    body.insert("data".to_owned(), Value::Object(data));
    Value::Object(body)
}

/// A string field gets text even where the transaction answered a number (e.g.
/// `payment_mode`); numbers are passed on as the transaction gave them, text or not,
/// as Eko does.
fn as_documented(value: Value, ty: Type) -> Value {
    match (ty, &value) {
        (Type::String, Value::Number(_) | Value::Bool(_)) => {
            scalar_text(&value).map(Value::String).unwrap_or(value)
        }
        _ => value,
    }
}

/// Sets a dotted path in `data`, creating the objects on the way.
fn insert_path(data: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            data.insert(path.to_owned(), value);
        }
        Some((head, rest)) => {
            let child = data
                .entry(head.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if !child.is_object() {
                *child = Value::Object(Map::new());
            }
            if let Value::Object(child) = child {
                insert_path(child, rest, value);
            }
        }
    }
}

/// `YYYY-MM-DD HH:MM:SS` in India Standard Time, the format the webhook documents.
pub(crate) fn ist_timestamp(now_ms: u128) -> String {
    let seconds =
        i64::try_from(now_ms / 1000).unwrap_or(i64::MAX - IST_OFFSET_SECONDS) + IST_OFFSET_SECONDS;
    let (days, of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    )
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::catalog;
    use serde_json::json;

    fn endpoint(id: &str) -> &'static Endpoint {
        crate::bundle()
            .endpoints
            .iter()
            .find(|endpoint| endpoint.id == id)
            .unwrap_or_else(|| panic!("no endpoint {id}"))
    }

    fn body_inputs(body: Value) -> Inputs {
        Inputs {
            body: body.as_object().cloned().unwrap_or_default(),
            ..Inputs::default()
        }
    }

    #[test]
    fn formats_india_standard_time() {
        assert_eq!(ist_timestamp(0), "1970-01-01 05:30:00");
        // 2024-02-29T18:30:00Z is midnight of 1 March in India.
        assert_eq!(ist_timestamp(1_709_231_400_000), "2024-03-01 00:00:00");
        assert_eq!(ist_timestamp(1_700_000_000_999), "2023-11-15 03:43:20");
    }

    #[test]
    fn the_spec_has_a_status_callback_webhook() {
        let webhook = catalog()
            .status_callback
            .expect("a status callback webhook");
        assert_eq!(webhook.kind, eko_spec::EndpointKind::Webhook);
    }

    #[test]
    fn registration_then_a_transaction_makes_a_callback_due() {
        let mut state = State::new(4);
        let webhook = catalog().status_callback;
        let setup = endpoint("setup-callback-url");
        let registered = json!({"status": 0, "data": {}});
        let inputs = body_inputs(json!({"user_code": "20810200",
            "callback_url": "http://127.0.0.1:9/cb", "service_code": 45}));
        assert_eq!(
            follow_up(&mut state, webhook, None, setup, &inputs, &registered, 0),
            None
        );

        let transfer = endpoint("initiate-fund-transfer");
        let inputs = body_inputs(json!({"user_code": "20810200", "client_ref_id": "R-1",
            "amount": 1234, "payment_mode": 5}));
        let answer = json!({"status": 0, "data": {"tid": "99", "amount": 1234, "fee": 5,
            "client_ref_id": "R-1", "payment_mode": 5}});
        let due = follow_up(&mut state, webhook, None, transfer, &inputs, &answer, 0).expect("due");
        assert_eq!(due.url, "http://127.0.0.1:9/cb");
        assert_eq!(due.user_code.as_deref(), Some("20810200"));
        let data = &due.body["data"];
        assert_eq!(data["tid"], json!("99"));
        assert_eq!(data["amount"], json!(1234));
        assert_eq!(data["client_ref_id"], json!("R-1"));
        assert_eq!(data["payment_mode"], json!("5"));
        assert_eq!(data["old_tx_status"], json!(2));
        assert_eq!(data["timestamp"], json!("1970-01-01 05:30:00"));
        let mut keys: Vec<&str> = data
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        let mut documented: Vec<&str> = webhook
            .unwrap()
            .response
            .iter()
            .map(|field| field.path.as_str())
            .collect();
        documented.sort_unstable();
        assert_eq!(keys, documented);

        // Failures, reads and answers without a tid owe nothing.
        let failed = json!({"status": 1, "data": {"tid": "99"}});
        assert_eq!(
            follow_up(&mut state, webhook, None, transfer, &inputs, &failed, 0),
            None
        );
        let no_tid = json!({"status": 0, "data": {"amount": 1}});
        assert_eq!(
            follow_up(&mut state, webhook, None, transfer, &inputs, &no_tid, 0),
            None
        );
        let inquiry = endpoint("fund-transfer-inquiry");
        assert_eq!(
            follow_up(&mut state, webhook, None, inquiry, &inputs, &answer, 0),
            None
        );
        // Another retailer has no URL.
        let other = body_inputs(json!({"user_code": "1"}));
        assert_eq!(
            follow_up(&mut state, webhook, None, transfer, &other, &answer, 0),
            None
        );
    }

    #[test]
    fn the_configured_url_serves_every_transaction_without_a_registration() {
        let mut state = State::new(4);
        let webhook = catalog().status_callback;
        let configured = Some("http://127.0.0.1:9/configured");
        // DMT's transfer takes no user_code: only the configured address can serve it.
        let transfer = endpoint("dmt-initiate-transfer");
        let inputs = body_inputs(json!({"customer_id": "9155927131", "amount": 100,
            "client_ref_id": "R-2"}));
        let answer = json!({"status": 0, "data": {"tid": "77", "amount": 100,
            "client_ref_id": "R-2"}});
        assert_eq!(
            follow_up(&mut state, webhook, None, transfer, &inputs, &answer, 0),
            None
        );
        let due = follow_up(
            &mut state, webhook, configured, transfer, &inputs, &answer, 0,
        )
        .expect("due at the configured address");
        assert_eq!(due.url, "http://127.0.0.1:9/configured");
        assert_eq!(due.user_code, None);
        assert_eq!(due.body["data"]["tid"], json!("77"));

        // A registration overrides the configured address for its user_code only.
        let setup = endpoint("setup-callback-url");
        let registration = body_inputs(json!({"user_code": "20810200",
            "callback_url": "http://127.0.0.1:9/registered", "service_code": 45}));
        let registered = json!({"status": 0, "data": {}});
        assert_eq!(
            follow_up(
                &mut state,
                webhook,
                configured,
                setup,
                &registration,
                &registered,
                0
            ),
            None
        );
        let payout = endpoint("initiate-fund-transfer");
        let with_code = |user_code: &str| body_inputs(json!({"user_code": user_code}));
        let due = follow_up(
            &mut state,
            webhook,
            configured,
            payout,
            &with_code("20810200"),
            &answer,
            0,
        )
        .expect("due at the registration");
        assert_eq!(due.url, "http://127.0.0.1:9/registered");
        let due = follow_up(
            &mut state,
            webhook,
            configured,
            payout,
            &with_code("1"),
            &answer,
            0,
        )
        .expect("due at the configured address");
        assert_eq!(due.url, "http://127.0.0.1:9/configured");
        assert_eq!(due.user_code.as_deref(), Some("1"));
    }
}
