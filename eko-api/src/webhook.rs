//! Payloads Eko POSTs to your server (webhooks), such as transaction status callbacks.
//!
//! The generated payload types implement [`Webhook`]; decode a delivered body with
//! [`parse_webhook`] and answer with [`Webhook::ACKNOWLEDGEMENT`]. Decoding is as
//! lenient as for responses: numbers may arrive as strings, undocumented keys are
//! kept, and the payload fields are read whether Eko sends them at the top level or
//! inside a `data` object (the docs list them as `data.*`).

use crate::Error;
use crate::response::with_fields_beside_envelope;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A payload type of one of Eko's webhooks.
pub trait Webhook: DeserializeOwned + Default {
    /// The webhook's id in the spec, e.g. `qr-transaction-status-callback`.
    const ID: &'static str;
    /// The body your endpoint answers (with HTTP 200) to acknowledge receipt, as documented.
    const ACKNOWLEDGEMENT: &'static str;
}

/// Decodes a webhook body that Eko delivered.
///
/// Verify where the request came from before trusting it (Eko signs callbacks with the
/// same headers as calls; check them as your deployment requires).
pub fn parse_webhook<W: Webhook>(body: &[u8]) -> Result<W, Error> {
    let failure = |path: String, message: String| Error::Webhook {
        webhook: W::ID,
        path,
        message,
        body: String::from_utf8_lossy(body).into_owned(),
    };
    let value: Value =
        serde_json::from_slice(body).map_err(|error| failure(".".to_owned(), error.to_string()))?;
    let Value::Object(mut fields) = value else {
        return Err(failure(
            ".".to_owned(),
            "the payload is not a JSON object".to_owned(),
        ));
    };
    let data = fields.remove("data").unwrap_or(Value::Null);
    let payload = with_fields_beside_envelope(data, &fields);
    serde_path_to_error::deserialize(payload)
        .map_err(|error| failure(error.path().to_string(), error.into_inner().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Default, Deserialize)]
    struct Payload {
        #[serde(default, deserialize_with = "crate::lenient::number")]
        amount: Option<crate::Number>,
        #[serde(default, deserialize_with = "crate::lenient::string")]
        client_ref_id: Option<String>,
    }

    impl Webhook for Payload {
        const ID: &'static str = "test-callback";
        const ACKNOWLEDGEMENT: &'static str = r#"{"status":200}"#;
    }

    #[test]
    fn reads_fields_at_the_top_level_or_inside_data() {
        let flat: Payload = parse_webhook(br#"{"amount":"110.00","client_ref_id":"R1"}"#).unwrap();
        assert_eq!(flat.amount.unwrap().as_str(), "110.00");
        let nested: Payload =
            parse_webhook(br#"{"status":0,"data":{"amount":5,"client_ref_id":"R2"}}"#).unwrap();
        assert_eq!(nested.client_ref_id.as_deref(), Some("R2"));
    }

    #[test]
    fn bad_payloads_name_the_webhook_and_path() {
        let error = parse_webhook::<Payload>(br#"{"data":{"amount":"lots"}}"#).unwrap_err();
        let text = error.to_string();
        assert!(
            text.contains("test-callback") && text.contains("amount"),
            "{text}"
        );
        assert!(parse_webhook::<Payload>(b"not json").is_err());
        assert!(parse_webhook::<Payload>(b"[1,2]").is_err());
    }
}
