//! The response envelope, and how an answer becomes a typed outcome or a response.
//!
//! Eko answers HTTP 200 for business results too, so the meaning is read from the
//! envelope's `status` and `response_type_id`, against the endpoint's documented
//! outcomes ([`crate::EndpointMeta::outcomes`], from the spec):
//!
//! - [`crate::Client::call`] (and every generated endpoint method) gives the
//!   endpoint's outcome enum: the documented outcome's variant, or `Other`.
//! - [`crate::Client::send`] applies **the success rule**: a documented success or
//!   next step (Onboard Customer's "2129 Validate the OTP"), or an unlisted `status`
//!   0, is a [`Response`]; a documented refusal or any other `status` is an
//!   [`Error::Api`].
//!
//! Either way a non-2xx HTTP status is an [`Error::Http`], and nothing is decided per
//! endpoint by hand.

use crate::outcome::{Outcome, OutcomeMeta};
use crate::redact::Redactor;
use crate::sensitive;
use crate::{EndpointMeta, Error, lenient};
use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

/// A successful call: the envelope, the typed `data`, and what is needed to
/// reconcile or audit it.
///
/// `Debug` hides the values of the endpoint's sensitive keys (PAN, Aadhaar, OTP, ...)
/// in `raw_body`, `extra` and an undecoded `data`; the fields themselves keep what was
/// sent, for the caller.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct Response<T> {
    /// Envelope `status`: 0, or a documented non-zero outcome such as 2129.
    pub status: i64,
    /// Envelope `message`.
    pub message: String,
    /// Envelope `response_status_id`.
    pub response_status_id: Option<i64>,
    /// Envelope `response_type_id`; the generated outcome enums branch on it for you.
    pub response_type_id: Option<i64>,
    /// Envelope `invalid_params`: field → server's message (non-text values as JSON);
    /// empty when absent.
    pub invalid_params: BTreeMap<String, String>,
    /// The typed payload; `T::default()` when the response had none.
    pub data: T,
    /// The `client_ref_id` that was sent.
    pub client_ref_id: Option<String>,
    /// HTTP status (a 2xx).
    pub http_status: u16,
    /// Envelope keys other than the five above, as sent (secrets removed).
    pub extra: Map<String, Value>,
    /// The body as received (secrets removed).
    pub raw_body: String,
    /// Attempts made, including retries (0 for [`decode_response`]).
    pub attempts: u32,
    /// Time from the start of the call to the answer.
    pub elapsed: Duration,
    /// The endpoint's sensitive keys, which `Debug` hides.
    pub(crate) sensitive: &'static [&'static str],
}

impl<T: fmt::Debug + 'static> fmt::Debug for Response<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys = self.sensitive;
        let mut extra = self.extra.clone();
        sensitive::scrub_map(&mut extra, keys);
        let mut out = f.debug_struct("Response");
        out.field("status", &self.status)
            .field("message", &self.message)
            .field("response_status_id", &self.response_status_id)
            .field("response_type_id", &self.response_type_id)
            .field("invalid_params", &self.invalid_params);
        // Typed payloads hide their own sensitive fields; raw JSON is scrubbed here.
        match (&self.data as &dyn std::any::Any).downcast_ref::<Value>() {
            Some(raw) => {
                let mut raw = raw.clone();
                sensitive::scrub_value(&mut raw, keys);
                out.field("data", &raw)
            }
            None => out.field("data", &self.data),
        };
        out.field("client_ref_id", &self.client_ref_id)
            .field("http_status", &self.http_status)
            .field("extra", &extra)
            .field("raw_body", &sensitive::scrub_text(&self.raw_body, keys))
            .field("attempts", &self.attempts)
            .field("elapsed", &self.elapsed)
            .finish()
    }
}

impl<T> Response<T> {
    /// Whether `status` is 0, i.e. the call is complete rather than at a documented
    /// intermediate step (such as an OTP to validate).
    pub fn is_complete(&self) -> bool {
        self.status == 0
    }

    /// Envelope `status` as one of the codes every endpoint shares (0 success, 2129
    /// "Validate the OTP", ...); [`crate::BusinessStatus::Other`] for the rest. The
    /// endpoint's outcome enum is the finer, per-endpoint view.
    pub fn business_status(&self) -> crate::BusinessStatus {
        crate::BusinessStatus::from_json(Value::from(self.status))
    }

    /// The same response with another payload.
    pub fn with_data<U>(self, data: U) -> Response<U> {
        Response {
            status: self.status,
            message: self.message,
            response_status_id: self.response_status_id,
            response_type_id: self.response_type_id,
            invalid_params: self.invalid_params,
            data,
            client_ref_id: self.client_ref_id,
            http_status: self.http_status,
            extra: self.extra,
            raw_body: self.raw_body,
            attempts: self.attempts,
            elapsed: self.elapsed,
            sensitive: self.sensitive,
        }
    }
}

#[derive(Deserialize)]
struct Envelope {
    #[serde(default, deserialize_with = "lenient::integer")]
    status: Option<i64>,
    #[serde(default, deserialize_with = "lenient::string")]
    message: Option<String>,
    #[serde(default, deserialize_with = "lenient::integer")]
    response_status_id: Option<i64>,
    #[serde(default, deserialize_with = "lenient::integer")]
    response_type_id: Option<i64>,
    #[serde(default)]
    data: Value,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

/// What a call produced, before the endpoint and reference are attached.
pub(crate) struct Received<'a> {
    pub(crate) meta: &'static EndpointMeta,
    pub(crate) client_ref_id: Option<&'a str>,
    pub(crate) http_status: u16,
    pub(crate) attempts: u32,
    pub(crate) elapsed: Duration,
    /// The body, lossily decoded as UTF-8, secrets already removed.
    pub(crate) body: String,
    /// Whether secrets were found in (and removed from) the body. When none were,
    /// no decoded string can hold one (the body search reads one level of escaping
    /// deeper than a string's would), so decoded strings are not searched again.
    pub(crate) had_secrets: bool,
    /// Where the body stopped being UTF-8, if it did.
    pub(crate) invalid_utf8_at: Option<usize>,
    /// The response's `content-type`, if any.
    pub(crate) content_type: Option<&'a str>,
    /// The wait asked for in `Retry-After`, if any.
    pub(crate) retry_after: Option<Duration>,
    /// Removes the call's secrets from decoded text.
    pub(crate) redactor: &'a Redactor<'a>,
}

impl Received<'_> {
    /// Applies the success rule and decodes `data` as `D`: a documented success or
    /// next step, or an unlisted `status` 0, is `Ok`; a documented refusal or an
    /// unlisted non-zero `status` is [`Error::Api`]. Secrets are removed from every
    /// decoded string as well (the body had them removed before decoding).
    pub(crate) fn interpret<D: DeserializeOwned + Default>(self) -> Result<Response<D>, Error> {
        let received = self.checked()?;
        if let Some((status, direct)) = received.decode_direct::<D>()
            && received.meta.succeeds(status, direct.response_type_id)
        {
            return Ok(received.direct_response(status, direct));
        }
        let (received, status, envelope) = received.open()?;
        if !received.meta.succeeds(status, envelope.response_type_id) {
            let outcome = received
                .meta
                .outcome_index(status, envelope.response_type_id)
                .map(|index| &received.meta.outcomes[index]);
            return Err(received.api_error(status, envelope, outcome));
        }
        received.typed(status, envelope)
    }

    /// Classifies the envelope as one of `O`'s documented outcomes (decoding `data`
    /// as its payload) or as `O`'s catch-all with `data` as sent.
    pub(crate) fn classify<O: Outcome>(self) -> Result<O, Error> {
        let received = self.checked()?;
        if let Some((status, direct)) = received.decode_direct::<O::Data>()
            && let Some(index) = received.meta.outcome_index(status, direct.response_type_id)
        {
            let response = received.direct_response(status, direct);
            return Ok(documented::<O>(index, response));
        }
        let (received, status, envelope) = received.open()?;
        match received
            .meta
            .outcome_index(status, envelope.response_type_id)
        {
            Some(index) => {
                let response = received.typed::<O::Data>(status, envelope)?;
                Ok(documented::<O>(index, response))
            }
            None => Ok(O::from_other(received.untyped(status, envelope))),
        }
    }

    /// A 2xx answer whose body is UTF-8, or the error saying which it is not.
    fn checked(self) -> Result<Self, Error> {
        if !(200..300).contains(&self.http_status) {
            return Err(self.http_error());
        }
        if let Some(offset) = self.invalid_utf8_at {
            return Err(self.decode_error(
                ".".to_owned(),
                format!("the body is not UTF-8 text (invalid byte at offset {offset}), so it is not JSON"),
            ));
        }
        Ok(self)
    }

    /// The general path: the envelope decoded with the JSON path of any failing value,
    /// secrets removed from what was decoded, and its `status`.
    fn open(self) -> Result<(Self, i64, Envelope), Error> {
        let mut envelope = self.parse_envelope()?;
        if let Some(message) = &mut envelope.message {
            self.redactor.string(message);
        }
        self.redactor.value(&mut envelope.data);
        self.redactor.map(&mut envelope.extra);
        let Some(status) = envelope.status else {
            return Err(self.decode_error(
                "status".to_owned(),
                "missing: the body is not an Eko response envelope".to_owned(),
            ));
        };
        Ok((self, status, envelope))
    }

    /// The response of the one-pass decode.
    fn direct_response<D: Default>(self, status: i64, direct: Direct<D>) -> Response<D> {
        Response {
            status,
            message: direct.message.unwrap_or_default(),
            response_status_id: direct.response_status_id,
            response_type_id: direct.response_type_id,
            invalid_params: invalid_params(direct.extra.get("invalid_params")),
            data: direct.data.unwrap_or_default(),
            client_ref_id: self.client_ref_id.map(str::to_owned),
            http_status: self.http_status,
            extra: direct.extra,
            raw_body: self.body,
            attempts: self.attempts,
            elapsed: self.elapsed,
            sensitive: self.meta.sensitive,
        }
    }

    /// The response with `data` decoded as `D`.
    fn typed<D: DeserializeOwned + Default>(
        self,
        status: i64,
        mut envelope: Envelope,
    ) -> Result<Response<D>, Error> {
        let data = with_fields_beside_envelope(std::mem::take(&mut envelope.data), &envelope.extra);
        match decode_data::<D>(data) {
            Ok(data) => Ok(self.response(status, envelope, data)),
            Err((path, message)) => Err(self.decode_error(path, message)),
        }
    }

    /// The response with `data` as sent (fields beside the envelope joined in).
    fn untyped(self, status: i64, mut envelope: Envelope) -> Response<Value> {
        let data = with_fields_beside_envelope(std::mem::take(&mut envelope.data), &envelope.extra);
        self.response(status, envelope, data)
    }

    fn response<D>(self, status: i64, envelope: Envelope, data: D) -> Response<D> {
        Response {
            status,
            message: envelope.message.unwrap_or_default(),
            response_status_id: envelope.response_status_id,
            response_type_id: envelope.response_type_id,
            invalid_params: invalid_params(envelope.extra.get("invalid_params")),
            data,
            client_ref_id: self.client_ref_id.map(str::to_owned),
            http_status: self.http_status,
            extra: envelope.extra,
            raw_body: self.body,
            attempts: self.attempts,
            elapsed: self.elapsed,
            sensitive: self.meta.sensitive,
        }
    }

    /// The common case in one pass over the body, with `data` decoded straight into
    /// `D`: an envelope without secrets in it, whose payload decodes and has no fields
    /// beside the envelope. `None` for anything else, which the general path then
    /// decodes (or reports, with the JSON path of the failing value).
    fn decode_direct<D: DeserializeOwned>(&self) -> Option<(i64, Direct<D>)> {
        if self.had_secrets {
            return None;
        }
        let deserializer = &mut serde_json::Deserializer::from_str(&self.body);
        let direct = deserializer
            .deserialize_map(DirectVisitor(PhantomData))
            .ok()?;
        deserializer.end().ok()?;
        let status = direct.status?;
        let beside = direct.extra.keys().any(|key| key != "invalid_params");
        (!beside).then_some((status, direct))
    }

    fn parse_envelope(&self) -> Result<Envelope, Error> {
        let deserializer = &mut serde_json::Deserializer::from_str(&self.body);
        let envelope = serde_path_to_error::deserialize::<_, Envelope>(&mut *deserializer)
            .map_err(|error| {
                let path = error.path().to_string();
                self.decode_error(path, self.with_content_type(error.into_inner().to_string()))
            })?;
        deserializer.end().map_err(|error| {
            self.decode_error(".".to_owned(), self.with_content_type(error.to_string()))
        })?;
        Ok(envelope)
    }

    /// A decode failure's message, naming the content type when it was not JSON:
    /// that is usually the cause (an HTML error page from a gateway). A JSON
    /// envelope is read whatever the content type says, since Eko's back ends do not
    /// always label it.
    fn with_content_type(&self, message: String) -> String {
        match self.content_type {
            Some(content_type) if !content_type.to_ascii_lowercase().contains("json") => {
                format!("{message} (the response's content type is `{content_type}`, not JSON)")
            }
            _ => message,
        }
    }

    /// The body as an error keeps it: errors are printed and logged, so the values of
    /// the endpoint's sensitive keys are withheld (everything else is kept).
    fn withheld_body(&mut self) -> String {
        let body = std::mem::take(&mut self.body);
        let scrubbed = match sensitive::scrub_text(&body, self.meta.sensitive) {
            std::borrow::Cow::Owned(scrubbed) => Some(scrubbed),
            std::borrow::Cow::Borrowed(_) => None,
        };
        scrubbed.unwrap_or(body)
    }

    /// [`Received::withheld_body`] without giving up the body.
    fn withheld_body_ref(&self) -> String {
        sensitive::scrub_text(&self.body, self.meta.sensitive).into_owned()
    }

    fn http_error(mut self) -> Error {
        let message = serde_json::from_str::<Value>(&self.body)
            .ok()
            .and_then(|value| {
                value
                    .get("message")
                    .and_then(|message| lenient::string(message).ok().flatten())
            })
            .map(|message| self.redactor.text(&message).into_owned());
        Error::Http {
            endpoint: self.meta.id,
            client_ref_id: self.client_ref_id.map(str::to_owned),
            status: self.http_status,
            message,
            body: self.withheld_body(),
            attempts: self.attempts,
            elapsed: self.elapsed,
            retry_after: self.retry_after,
        }
    }

    /// [`Error::Api`] with everything the answer has, as [`Outcome::into_result`] makes
    /// it: `data` as sent, fields beside the envelope joined.
    fn api_error(
        self,
        status: i64,
        envelope: Envelope,
        outcome: Option<&'static OutcomeMeta>,
    ) -> Error {
        let meta = self.meta;
        crate::outcome::api_error(meta, outcome, self.untyped(status, envelope))
    }

    fn decode_error(&self, path: String, message: String) -> Error {
        Error::Decode {
            endpoint: self.meta.id,
            client_ref_id: self.client_ref_id.map(str::to_owned),
            http_status: self.http_status,
            path,
            message,
            body: self.withheld_body_ref(),
            attempts: self.attempts,
            elapsed: self.elapsed,
        }
    }
}

/// `data` of an answer's body as Eko sent it, fields beside the envelope joined (as an
/// unlisted answer's `data` is); `None` for a body that is no envelope.
pub(crate) fn data_as_sent(raw_body: &str) -> Option<Value> {
    let envelope: Envelope = serde_json::from_str(raw_body).ok()?;
    Some(with_fields_beside_envelope(envelope.data, &envelope.extra))
}

/// Some endpoints put payload fields beside the envelope instead of inside `data`
/// (e.g. `tx_status` on transaction calls; the importer describes them with the payload).
/// They are copied into `data` where it lacks them, so the typed payload has them
/// wherever Eko put them; [`Response::extra`] still holds them as sent.
pub(crate) fn with_fields_beside_envelope(data: Value, extra: &Map<String, Value>) -> Value {
    let beside = extra
        .iter()
        .filter(|(key, _)| key.as_str() != "invalid_params");
    match data {
        Value::Object(mut fields) => {
            for (key, value) in beside {
                fields.entry(key.clone()).or_insert_with(|| value.clone());
            }
            Value::Object(fields)
        }
        empty if is_empty_payload(&empty) && extra.keys().any(|key| key != "invalid_params") => {
            Value::Object(
                beside
                    .map(|(key, value)| (key.clone(), value.clone()))
                    .collect(),
            )
        }
        other => other,
    }
}

fn is_empty_payload(data: &Value) -> bool {
    match data {
        Value::Null => true,
        Value::String(text) => text.is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    }
}

/// The variant of documented outcome `index`, or `Other` with the payload re-encoded
/// should the outcome enum lack it (it never does for generated code).
fn documented<O: Outcome>(index: usize, response: Response<O::Data>) -> O {
    O::from_documented(index, response).unwrap_or_else(|response| {
        let data = serde_json::to_value(&response.data).unwrap_or(Value::Null);
        O::from_other(response.with_data(data))
    })
}

/// Decodes a response body as [`crate::Client::send`] would, for bodies obtained
/// another way (stored, replayed or received through a proxy): the success rule of
/// `E`, lenient `data`. The result carries no `client_ref_id`, since none was sent,
/// and counts 0 attempts.
pub fn decode_response<E: crate::Endpoint>(
    http_status: u16,
    body: impl Into<String>,
) -> Result<Response<E::Data>, Error> {
    stored::<E>(http_status, body.into(), &Redactor::empty()).interpret()
}

/// Decodes a response body as [`crate::Client::call`] would: `E`'s typed outcome.
/// Like [`decode_response`], it carries no `client_ref_id` and counts 0 attempts.
pub fn decode_outcome<E: crate::Endpoint>(
    http_status: u16,
    body: impl Into<String>,
) -> Result<E::Outcome, Error> {
    stored::<E>(http_status, body.into(), &Redactor::empty()).classify()
}

fn stored<'a, E: crate::Endpoint>(
    http_status: u16,
    body: String,
    redactor: &'a Redactor<'a>,
) -> Received<'a> {
    Received {
        meta: E::META,
        client_ref_id: None,
        http_status,
        attempts: 0,
        elapsed: Duration::ZERO,
        body,
        had_secrets: false,
        invalid_utf8_at: None,
        content_type: None,
        retry_after: None,
        redactor,
    }
}

/// A success envelope read in one pass (see [`Received::decode_direct`]).
struct Direct<D> {
    status: Option<i64>,
    message: Option<String>,
    response_status_id: Option<i64>,
    response_type_id: Option<i64>,
    data: Option<D>,
    extra: Map<String, Value>,
}

struct DirectVisitor<D>(PhantomData<D>);

impl<'de, D: Deserialize<'de>> Visitor<'de> for DirectVisitor<D> {
    type Value = Direct<D>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an Eko response envelope")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut direct = Direct {
            status: None,
            message: None,
            response_status_id: None,
            response_type_id: None,
            data: None,
            extra: Map::new(),
        };
        let mut seen = [false; 5];
        while let Some(key) = map.next_key::<Key>()? {
            // A repeated envelope key is left to the general path.
            if let Some(index) = key.index() {
                if seen[index] {
                    return Err(de::Error::custom("repeated envelope key"));
                }
                seen[index] = true;
            }
            match key {
                Key::Status => direct.status = map.next_value::<Integer>()?.0,
                Key::Message => direct.message = map.next_value::<Text>()?.0,
                Key::ResponseStatusId => direct.response_status_id = map.next_value::<Integer>()?.0,
                Key::ResponseTypeId => direct.response_type_id = map.next_value::<Integer>()?.0,
                Key::Data => direct.data = map.next_value::<Option<D>>()?,
                Key::Other(name) => {
                    direct.extra.insert(name, map.next_value()?);
                }
            }
        }
        Ok(direct)
    }
}

/// An envelope key; only keys beside the five are copied.
enum Key {
    Status,
    Message,
    ResponseStatusId,
    ResponseTypeId,
    Data,
    Other(String),
}

impl Key {
    fn index(&self) -> Option<usize> {
        match self {
            Key::Status => Some(0),
            Key::Message => Some(1),
            Key::ResponseStatusId => Some(2),
            Key::ResponseTypeId => Some(3),
            Key::Data => Some(4),
            Key::Other(_) => None,
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<De: Deserializer<'de>>(deserializer: De) -> Result<Self, De::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                Ok(match key {
                    "status" => Key::Status,
                    "message" => Key::Message,
                    "response_status_id" => Key::ResponseStatusId,
                    "response_type_id" => Key::ResponseTypeId,
                    "data" => Key::Data,
                    other => Key::Other(other.to_owned()),
                })
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// An envelope number, read as the general path reads it ([`lenient::integer`]).
struct Integer(Option<i64>);

impl<'de> Deserialize<'de> for Integer {
    fn deserialize<De: Deserializer<'de>>(deserializer: De) -> Result<Self, De::Error> {
        lenient::integer(deserializer).map(Integer)
    }
}

/// An envelope text, read as the general path reads it ([`lenient::string`]).
struct Text(Option<String>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<De: Deserializer<'de>>(deserializer: De) -> Result<Self, De::Error> {
        lenient::string(deserializer).map(Text)
    }
}

/// `data` as `D`. Absent, `null`, `""` and `[]` (which PHP back ends send for an
/// empty object) all mean "no payload".
pub(crate) fn decode_data<D: DeserializeOwned + Default>(
    data: Value,
) -> Result<D, (String, String)> {
    if is_empty_payload(&data) {
        return Ok(D::default());
    }
    serde_path_to_error::deserialize::<_, D>(data).map_err(|error| {
        let path = error.path().to_string();
        let path = match path.as_str() {
            "." => "data".to_owned(),
            nested if nested.starts_with('[') => format!("data{nested}"),
            nested => format!("data.{nested}"),
        };
        (path, error.into_inner().to_string())
    })
}

/// `invalid_params` as field → message; non-text messages are kept as JSON text.
fn invalid_params(value: Option<&Value>) -> BTreeMap<String, String> {
    let text = |value: &Value| match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    match value {
        Some(Value::Object(fields)) => fields
            .iter()
            .map(|(field, message)| (field.clone(), text(message)))
            .collect(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(index, item)| (index.to_string(), text(item)))
            .collect(),
        Some(Value::String(message)) if !message.is_empty() => {
            BTreeMap::from([(String::new(), message.clone())])
        }
        _ => BTreeMap::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BodyEncoding, Method, OutcomeKind, OutcomeMeta, StatusMatch};

    static META: EndpointMeta = EndpointMeta {
        id: "onboard-customer",
        name: "Onboard Customer",
        method: Method::Post,
        path: "/customer/account/{customer_id}",
        body: BodyEncoding::Json,
        params: &[],
        outcomes: &[OutcomeMeta {
            name: "validate-the-otp",
            response_type_id: Some(2129),
            status: StatusMatch::Exactly(2129),
            kind: OutcomeKind::NextStep,
            meaning: "Validate the OTP",
            next: None,
        }],
        request_hash: &[],
        sensitive: &[],
    };

    #[derive(Debug, Default, PartialEq, Deserialize)]
    struct Data {
        #[serde(default, deserialize_with = "crate::lenient::integer")]
        intent_id: Option<i64>,
    }

    static NO_SECRETS: Redactor = Redactor::empty();

    fn received(status: u16, body: &str) -> Received<'static> {
        Received {
            meta: &META,
            client_ref_id: Some("REF"),
            http_status: status,
            attempts: 1,
            elapsed: Duration::from_millis(5),
            body: body.to_owned(),
            had_secrets: false,
            invalid_utf8_at: None,
            content_type: Some("application/json"),
            retry_after: None,
            redactor: &NO_SECRETS,
        }
    }

    #[test]
    fn fields_beside_the_envelope_reach_data() {
        let body = r#"{"status":0,"message":"ok","intent_id":"7","data":{"other":1}}"#;
        let response = received(200, body).interpret::<Data>().unwrap();
        assert_eq!(response.data.intent_id, Some(7));
        assert_eq!(response.extra.get("intent_id"), Some(&Value::from("7")));
        let inside_wins = r#"{"status":0,"message":"ok","intent_id":"7","data":{"intent_id":8}}"#;
        assert_eq!(
            received(200, inside_wins)
                .interpret::<Data>()
                .unwrap()
                .data
                .intent_id,
            Some(8)
        );
        let no_data = r#"{"status":0,"message":"ok","intent_id":9}"#;
        assert_eq!(
            received(200, no_data)
                .interpret::<Data>()
                .unwrap()
                .data
                .intent_id,
            Some(9)
        );
    }

    #[test]
    fn documented_outcome_and_zero_are_ok_with_stringly_numbers() {
        let response = received(200, r#"{"status":"2129","response_type_id":"2129","message":"Validate the OTP","data":{"intent_id":"19"},"tx":1}"#)
            .interpret::<Data>()
            .unwrap();
        assert_eq!((response.status, response.data.intent_id), (2129, Some(19)));
        assert_eq!(response.extra.get("tx"), Some(&Value::from(1)));
        assert!(!response.is_complete());
        let response = received(200, r#"{"status":0,"message":"ok","data":[]}"#)
            .interpret::<Data>()
            .unwrap();
        assert_eq!(response.data, Data::default());
        assert!(response.is_complete());
    }

    #[test]
    fn other_statuses_are_api_errors_with_invalid_params() {
        let body = r#"{"status":1,"message":"Invalid params","response_type_id":"-1","invalid_params":{"dob":"Invalid date"},"data":{"x":1}}"#;
        match received(200, body).interpret::<Data>().unwrap_err() {
            Error::Api {
                status,
                invalid_params,
                response_type_id,
                data,
                client_ref_id,
                ..
            } => {
                assert_eq!((status, response_type_id), (1, Some(-1)));
                assert_eq!(
                    invalid_params.get("dob").map(String::as_str),
                    Some("Invalid date")
                );
                assert_eq!(data["x"], 1);
                assert_eq!(client_ref_id.as_deref(), Some("REF"));
            }
            other => panic!("{other:?}"),
        }
    }

    /// The one-pass decode is only a shortcut: the general path (taken when secrets
    /// were found) gives the same response for every body the shortcut accepts.
    #[test]
    fn direct_and_general_decoding_agree() {
        for body in [
            r#"{"status":0,"message":"ok","data":{"intent_id":"7","other":[1,{"a":null}]}}"#,
            r#"{"status":"2129","response_type_id":2129,"message":"Validate","data":null,"invalid_params":{"x":"y"}}"#,
            r#"{"response_status_id":1,"status":0,"message":5,"tx":1,"data":{"intent_id":2}}"#,
            r#"{"status":0,"message":"ok","data":[]}"#,
            r#"{"status":0,"status":1}"#,
            r#"{"status":0,"data":{"intent_id":"many"}}"#,
        ] {
            let direct = received(200, body).interpret::<Data>();
            let mut general = received(200, body);
            general.had_secrets = true;
            let general = general.interpret::<Data>();
            assert_eq!(format!("{direct:?}"), format!("{general:?}"), "{body}");
        }
    }

    #[test]
    fn bad_bodies_are_decode_errors_with_paths() {
        match received(200, r#"{"status":0,"data":{"intent_id":"many"}}"#)
            .interpret::<Data>()
            .unwrap_err()
        {
            Error::Decode { path, .. } => assert_eq!(path, "data.intent_id"),
            other => panic!("{other:?}"),
        }
        match received(200, r#"{"status":0,"data":{"intent"#)
            .interpret::<Data>()
            .unwrap_err()
        {
            Error::Decode { message, .. } => assert!(message.contains("EOF"), "{message}"),
            other => panic!("{other:?}"),
        }
        match received(200, r#"{"message":"hi"}"#)
            .interpret::<Data>()
            .unwrap_err()
        {
            Error::Decode { path, .. } => assert_eq!(path, "status"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            received(200, r#"{"status":0} trailing"#).interpret::<Data>(),
            Err(Error::Decode { .. })
        ));
    }

    #[test]
    fn non_2xx_keeps_body_and_message() {
        match received(403, r#"{"message":"Forbidden"}"#)
            .interpret::<Data>()
            .unwrap_err()
        {
            Error::Http {
                status,
                message,
                body,
                ..
            } => {
                assert_eq!((status, message.as_deref()), (403, Some("Forbidden")));
                assert!(body.contains("Forbidden"));
            }
            other => panic!("{other:?}"),
        }
    }
}
