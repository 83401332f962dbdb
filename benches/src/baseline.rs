//! The hand-written client eko-api is measured against: what a careful engineer
//! writes for two of Eko's calls without the bindings.
//!
//! Same HTTP stack and settings as eko-api's transport (reqwest, rustls, connect
//! timeout, user agent, no redirects, no retries, a timeout per call); the HMAC is
//! keyed once per client with the base64 text of the access key and cloned per
//! call; the body is a typed struct written straight to bytes; the response is
//! decoded in one pass into a typed envelope, and Eko's success rule (status 0, or
//! the documented 2129 "Validate the OTP") is applied. It does not validate input
//! or scrub echoed secrets: that is the work eko-api adds, and the benchmark shows
//! what it costs.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A client for Onboard Customer and Get Customer Information.
pub struct Baseline {
    http: reqwest::Client,
    base_url: String,
    developer_key: HeaderValue,
    /// HMAC-SHA256 keyed with the base64 text of the access key.
    mac: Hmac<Sha256>,
    initiator_id: String,
    /// Makes `client_ref_id`s unique within a millisecond.
    sequence: AtomicU64,
}

/// Eko's response envelope with a typed payload.
#[derive(Debug, Deserialize)]
pub struct Envelope<T> {
    /// 0, or a documented outcome such as 2129.
    pub status: i64,
    /// Server text.
    #[serde(default)]
    pub message: String,
    /// What to branch on.
    #[serde(default)]
    pub response_type_id: Option<i64>,
    /// Eko's response status id.
    #[serde(default)]
    pub response_status_id: Option<i64>,
    /// The payload.
    #[serde(default = "Option::default")]
    pub data: Option<T>,
}

/// The payload of Onboard Customer and of Get Customer Information.
#[derive(Debug, Default, Deserialize)]
pub struct CustomerData {
    /// Intent of the next step.
    pub intent_id: Option<i64>,
    /// OTP session reference.
    pub otp_ref_id: Option<String>,
    /// KYC request reference.
    pub kyc_request_id: Option<String>,
}

#[derive(Serialize)]
struct OnboardCustomerBody<'a> {
    initiator_id: &'a str,
    client_ref_id: &'a str,
    name: &'a str,
    dob: &'a str,
    residence_address: &'a [String],
}

/// Why a call failed.
#[derive(Debug)]
pub enum BaselineError {
    /// No complete response.
    Transport(reqwest::Error),
    /// A non-2xx status.
    Http(u16),
    /// The body was not the envelope.
    Decode(serde_json::Error),
    /// Eko refused the call.
    Api {
        /// Envelope status.
        status: i64,
        /// Server text.
        message: String,
    },
}

impl fmt::Display for BaselineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BaselineError::Transport(error) => write!(f, "transport: {error}"),
            BaselineError::Http(status) => write!(f, "HTTP {status}"),
            BaselineError::Decode(error) => write!(f, "decode: {error}"),
            BaselineError::Api { status, message } => write!(f, "status {status}: {message}"),
        }
    }
}

impl Baseline {
    /// A client for the API at `base_url`.
    pub fn new(
        base_url: &str,
        developer_key: &str,
        access_key: &str,
        initiator_id: &str,
    ) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .user_agent("eko-baseline/0.1")
            .redirect(reqwest::redirect::Policy::none())
            .retry(reqwest::retry::never())
            .build()
            .map_err(|error| error.to_string())?;
        let mut developer_key =
            HeaderValue::from_str(developer_key).map_err(|error| error.to_string())?;
        developer_key.set_sensitive(true);
        let key_text = STANDARD.encode(access_key);
        let mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key_text.as_bytes())
            .map_err(|error| error.to_string())?;
        Ok(Baseline {
            http,
            base_url: base_url.trim_end_matches('/').to_owned(),
            developer_key,
            mac,
            initiator_id: initiator_id.to_owned(),
            sequence: AtomicU64::new(0),
        })
    }

    /// Onboard Customer.
    pub async fn onboard_customer(
        &self,
        customer_id: &str,
        name: &str,
        dob: &str,
        residence_address: &[String],
    ) -> Result<Envelope<CustomerData>, BaselineError> {
        let url = format!(
            "{}/customer/account/{}",
            self.base_url,
            utf8_percent_encode(customer_id, NON_ALPHANUMERIC)
        );
        let timestamp = now_ms();
        let client_ref = self.client_ref_id(timestamp);
        let body = OnboardCustomerBody {
            initiator_id: &self.initiator_id,
            client_ref_id: client_ref_text(&client_ref),
            name,
            dob,
            residence_address,
        };
        let body = serde_json::to_vec(&body).map_err(BaselineError::Decode)?;
        let request = self
            .http
            .post(url)
            .headers(self.signed_headers(timestamp))
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .body(body);
        self.call(request).await
    }

    /// Get Customer Information.
    pub async fn get_customer_info(
        &self,
        customer_id: &str,
    ) -> Result<Envelope<CustomerData>, BaselineError> {
        let url = format!(
            "{}/customer/profile/{}?initiator_id={}",
            self.base_url,
            utf8_percent_encode(customer_id, NON_ALPHANUMERIC),
            utf8_percent_encode(&self.initiator_id, NON_ALPHANUMERIC)
        );
        let request = self.http.get(url).headers(self.signed_headers(now_ms()));
        self.call(request).await
    }

    async fn call(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<Envelope<CustomerData>, BaselineError> {
        let response = request
            .timeout(Duration::from_secs(30))
            .send()
            .await
            .map_err(BaselineError::Transport)?;
        let status = response.status();
        if !status.is_success() {
            return Err(BaselineError::Http(status.as_u16()));
        }
        let body = response.bytes().await.map_err(BaselineError::Transport)?;
        let envelope: Envelope<CustomerData> =
            serde_json::from_slice(&body).map_err(BaselineError::Decode)?;
        let documented = envelope.status == 2129 && envelope.response_type_id == Some(2129);
        if envelope.status != 0 && !documented {
            return Err(BaselineError::Api {
                status: envelope.status,
                message: envelope.message,
            });
        }
        Ok(envelope)
    }

    fn signed_headers(&self, timestamp_ms: u64) -> HeaderMap {
        let mut mac = self.mac.clone();
        let digits = timestamp_ms.to_string();
        mac.update(digits.as_bytes());
        let mut signature = HeaderValue::from_str(&STANDARD.encode(mac.finalize().into_bytes()))
            .unwrap_or_else(|_| HeaderValue::from_static(""));
        signature.set_sensitive(true);
        let mut headers = HeaderMap::with_capacity(4);
        headers.insert("developer_key", self.developer_key.clone());
        headers.insert("secret-key", signature);
        headers.insert(
            "secret-key-timestamp",
            HeaderValue::from_str(digits.as_str()).unwrap_or_else(|_| HeaderValue::from_static("")),
        );
        headers
    }

    /// 20 characters: the millisecond clock and a sequence number, both in decimal.
    fn client_ref_id(&self, timestamp_ms: u64) -> [u8; 20] {
        let sequence = self.sequence.fetch_add(1, Ordering::Relaxed) % 10_000_000;
        let mut id = [b'0'; 20];
        write_decimal(&mut id[..13], timestamp_ms % 10_000_000_000_000);
        write_decimal(&mut id[13..], sequence);
        id
    }
}

fn client_ref_text(id: &[u8; 20]) -> &str {
    // Only ASCII digits are ever written into it.
    std::str::from_utf8(id).unwrap_or_default()
}

fn write_decimal(slot: &mut [u8], mut value: u64) {
    for byte in slot.iter_mut().rev() {
        *byte = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
        })
}
