//! Shared fixtures for the runtime's integration tests: sandbox credentials, a
//! fixed clock, an independent signature implementation, and hand-written
//! endpoints covering what the two generated ones do not (GET, multipart, nested
//! fields, `request_hash`).
#![allow(dead_code, reason = "each test file uses a different subset")]

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use eko_api::{
    BodyEncoding, Client, Config, Endpoint, EndpointMeta, Environment, FilePart, Format, Kind,
    Location, Method, OutcomeKind, OutcomeMeta, ParamMeta, RetryPolicy, Role, StatusMatch,
};
use hmac::{Hmac, KeyInit, Mac};
use serde::Serialize;
use std::time::Duration;

pub const DEVELOPER_KEY: &str = "becbbce45f79c6f5109f848acd540567";
pub const ACCESS_KEY: &str = "d2fe1d99-6298-4af2-8cc5-d97dcf46df30";
pub const INITIATOR_ID: &str = "9962981729";
pub const NOW_MS: u64 = 1_700_000_000_000;

/// Sandbox credentials against `base_url`, a fixed clock and near-instant retries.
pub fn config(base_url: &str) -> Config {
    Config::new(
        Environment::Custom(base_url.to_owned()),
        eko_api::DeveloperKey::new(DEVELOPER_KEY),
        eko_api::AccessKey::new(ACCESS_KEY),
        INITIATOR_ID,
    )
    .with_clock(|| NOW_MS)
    .with_retry(
        RetryPolicy::default().with_backoff(Duration::from_millis(1), Duration::from_millis(5)),
    )
}

/// The documented example address, as Onboard Customer and Onboard User send it.
pub fn address() -> Vec<String> {
    ["123 MG Road", "Bangalore", "Karnataka", "560001"]
        .map(String::from)
        .to_vec()
}

/// Onboard Customer with the doc's example values and no `client_ref_id`.
#[cfg(feature = "customer")]
pub fn example_customer() -> eko_api::customer::OnboardCustomerRequest {
    eko_api::customer::OnboardCustomerRequest::new(
        eko_api::Mobile::new("9444444444"),
        "Karan Garg",
        eko_api::Date::constant(1990, 5, 15),
        address(),
    )
}

/// The documented example address of Onboard User (an object since the 2026-08-22 docs).
#[cfg(feature = "user")]
pub fn user_address() -> eko_api::user::OnboardUserResidenceAddress {
    eko_api::user::OnboardUserResidenceAddress::new(
        "Eko India",
        "Gurgaon",
        "Haryana",
        eko_api::Pincode::new("122002"),
        "Banswara",
        "Mongol",
    )
}

/// Onboard User with the doc's example values and no `client_ref_id`.
#[cfg(feature = "user")]
pub fn example_user() -> eko_api::user::OnboardUserRequest {
    eko_api::user::OnboardUserRequest::new(
        eko_api::Pan::new("ABCDE1234F"),
        eko_api::Mobile::new("9876543210"),
        "Ramesh",
        "Kumar",
        eko_api::Email::new("ramesh@example.com"),
        user_address(),
        eko_api::Date::constant(1990, 5, 15),
        "Ramesh Mobile Store",
    )
}

pub fn client(base_url: &str) -> Client {
    Client::new(config(base_url)).expect("test configuration is valid")
}

/// The `secret-key` Eko expects, computed here without the crate's signing code.
pub fn expected_signature(access_key: &str, timestamp: &str) -> String {
    let key_text = STANDARD.encode(access_key.as_bytes());
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(key_text.as_bytes()).unwrap();
    mac.update(timestamp.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

const fn param(name: &'static str, location: Location, kind: Kind, required: bool) -> ParamMeta {
    ParamMeta {
        name,
        location,
        kind,
        required,
        format: None,
        role: Role::Caller,
        fields: &[],
    }
}

const INITIATOR_IN_BODY: ParamMeta = ParamMeta {
    format: Some(Format::Mobile),
    role: Role::Config,
    ..param("initiator_id", Location::Body, Kind::String, true)
};
const CLIENT_REF: ParamMeta = ParamMeta {
    format: Some(Format::ClientRefId),
    role: Role::ClientRef,
    ..param("client_ref_id", Location::Body, Kind::String, false)
};

/// A GET lookup with a path token and query parameters.
#[derive(Debug, Clone, Serialize)]
pub struct TransactionLookup {
    pub transaction_id: String,
    pub user_code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_ref_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_history: Option<bool>,
}

#[derive(Debug, Default, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TransactionData {
    #[serde(default, deserialize_with = "eko_api::lenient::string")]
    pub tx_status: Option<String>,
    #[serde(default, deserialize_with = "eko_api::lenient::number")]
    pub amount: Option<eko_api::Number>,
}

impl Endpoint for TransactionLookup {
    type Data = TransactionData;
    type Outcome = eko_api::IndexedOutcome<Self>;
    const META: &'static EndpointMeta = &EndpointMeta {
        id: "transaction-lookup",
        name: "Transaction Lookup",
        method: Method::Get,
        path: "/tools/reference/transaction/{transaction_id}",
        body: BodyEncoding::Json,
        params: &[
            param("transaction_id", Location::Path, Kind::String, true),
            ParamMeta {
                location: Location::Query,
                ..INITIATOR_IN_BODY
            },
            param("user_code", Location::Query, Kind::String, true),
            ParamMeta {
                location: Location::Query,
                ..CLIENT_REF
            },
            param("include_history", Location::Query, Kind::Boolean, false),
        ],
        outcomes: &[],
        request_hash: &[],
        sensitive: &[],
    };
}

impl TransactionLookup {
    pub fn new(transaction_id: &str) -> Self {
        TransactionLookup {
            transaction_id: transaction_id.to_owned(),
            user_code: "20810200".to_owned(),
            client_ref_id: None,
            include_history: None,
        }
    }
}

/// A multipart upload with a nested object and two files.
#[derive(Debug, Clone, Serialize)]
pub struct ActivateService {
    pub user_code: String,
    pub service_code: String,
    pub office_address: OfficeAddress,
    #[serde(skip)]
    pub pan_card: FilePart,
    #[serde(skip)]
    pub aadhar_front: Option<FilePart>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OfficeAddress {
    pub line: String,
    pub city: String,
    pub pincode: String,
}

impl Endpoint for ActivateService {
    type Data = serde_json::Map<String, serde_json::Value>;
    type Outcome = eko_api::IndexedOutcome<Self>;
    const META: &'static EndpointMeta = &EndpointMeta {
        id: "activate-service",
        name: "Activate Service",
        method: Method::Put,
        path: "/user/service/activate",
        body: BodyEncoding::Multipart,
        params: &[
            INITIATOR_IN_BODY,
            param("user_code", Location::Body, Kind::String, true),
            param("service_code", Location::Body, Kind::String, true),
            ParamMeta {
                fields: &[
                    param("line", Location::Body, Kind::String, true),
                    param("city", Location::Body, Kind::String, true),
                    ParamMeta {
                        format: Some(Format::Pincode),
                        ..param("pincode", Location::Body, Kind::String, true)
                    },
                ],
                ..param("office_address", Location::Body, Kind::Object, true)
            },
            param("pan_card", Location::Body, Kind::File, true),
            param("aadhar_front", Location::Body, Kind::File, false),
        ],
        outcomes: &[OutcomeMeta {
            name: "activated",
            response_type_id: None,
            status: StatusMatch::Exactly(0),
            kind: OutcomeKind::Success,
            meaning: "Activated",
            next: None,
        }],
        request_hash: &[],
        sensitive: &[],
    };

    fn files(&self) -> Vec<(&'static str, &FilePart)> {
        let mut files = vec![("pan_card", &self.pan_card)];
        if let Some(front) = &self.aadhar_front {
            files.push(("aadhar_front", front));
        }
        files
    }
}

impl ActivateService {
    pub fn new() -> Self {
        ActivateService {
            user_code: "20810200".to_owned(),
            service_code: "43".to_owned(),
            office_address: OfficeAddress {
                line: "12 MG Road".into(),
                city: "Bengaluru".into(),
                pincode: "560001".into(),
            },
            pan_card: FilePart::new("pan.pdf", "application/pdf", b"%PDF-1.4 pan".to_vec()),
            aadhar_front: Some(FilePart::new(
                "front.jpg",
                "image/jpeg",
                vec![0xFF, 0xD8, 0xFF, 0xE0],
            )),
        }
    }
}

/// A POST with a list of nested objects, for validation paths like `entries[1].ifsc`.
#[derive(Debug, Clone, Serialize)]
pub struct BulkVerify {
    pub user_code: String,
    pub contact_email: String,
    pub entries: Vec<BankEntry>,
    pub office_address: serde_json::Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct BankEntry {
    pub account: String,
    pub ifsc: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder_pan: Option<String>,
}

impl Endpoint for BulkVerify {
    type Data = serde_json::Map<String, serde_json::Value>;
    type Outcome = eko_api::IndexedOutcome<Self>;
    const META: &'static EndpointMeta = &EndpointMeta {
        id: "bulk-verify",
        name: "Bulk Verify",
        method: Method::Post,
        path: "/tools/kyc/bank/bulk",
        body: BodyEncoding::Json,
        params: &[
            INITIATOR_IN_BODY,
            param("user_code", Location::Body, Kind::String, true),
            CLIENT_REF,
            ParamMeta {
                format: Some(Format::Email),
                ..param("contact_email", Location::Body, Kind::String, true)
            },
            ParamMeta {
                fields: &[
                    param("account", Location::Body, Kind::String, true),
                    ParamMeta {
                        format: Some(Format::Ifsc),
                        ..param("ifsc", Location::Body, Kind::String, true)
                    },
                    ParamMeta {
                        format: Some(Format::Pan),
                        ..param("holder_pan", Location::Body, Kind::String, false)
                    },
                ],
                ..param("entries", Location::Body, Kind::Array, true)
            },
            ParamMeta {
                fields: &[
                    ParamMeta {
                        format: Some(Format::Pincode),
                        ..param("pincode", Location::Body, Kind::String, true)
                    },
                    ParamMeta {
                        format: Some(Format::Aadhaar),
                        ..param("owner_aadhaar", Location::Body, Kind::String, false)
                    },
                ],
                ..param("office_address", Location::Body, Kind::Object, true)
            },
        ],
        outcomes: &[],
        request_hash: &[],
        sensitive: &[],
    };
}

/// A payment whose docs ask for a `request_hash` over three body fields.
#[derive(Debug, Clone, Serialize)]
pub struct PayBill {
    pub utility_acc_no: String,
    pub amount: eko_api::Number,
    pub user_code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_ref_id: Option<String>,
}

impl Endpoint for PayBill {
    type Data = serde_json::Map<String, serde_json::Value>;
    type Outcome = eko_api::IndexedOutcome<Self>;
    const META: &'static EndpointMeta = &EndpointMeta {
        id: "pay-bill",
        name: "Pay Bill",
        method: Method::Post,
        path: "/customer/payment/bbps",
        body: BodyEncoding::Json,
        params: &[
            INITIATOR_IN_BODY,
            param("utility_acc_no", Location::Body, Kind::String, true),
            param("amount", Location::Body, Kind::Number, true),
            param("user_code", Location::Body, Kind::String, true),
            CLIENT_REF,
        ],
        outcomes: &[],
        request_hash: &["utility_acc_no", "amount", "user_code"],
        sensitive: &[],
    };
}

/// A one-shot HTTP server on loopback that answers the first request with exactly
/// `response` (raw bytes, possibly malformed or cut short) and then closes the
/// connection. Returns its base URL.
pub async fn raw_server(response: Vec<u8>) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let Ok((mut socket, _)) = listener.accept().await else {
            return;
        };
        let mut request = Vec::new();
        let mut buffer = [0_u8; 4096];
        // Read the head and as much body as Content-Length announces.
        loop {
            let Ok(read) = socket.read(&mut buffer).await else {
                return;
            };
            if read == 0 {
                return;
            }
            request.extend_from_slice(&buffer[..read]);
            let text = String::from_utf8_lossy(&request);
            if let Some(head_end) = text.find("\r\n\r\n") {
                let length = text[..head_end]
                    .lines()
                    .find_map(|line| {
                        line.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                    })
                    .unwrap_or(0);
                if request.len() >= head_end + 4 + length {
                    break;
                }
            }
        }
        let _ = socket.write_all(&response).await;
        let _ = socket.shutdown().await;
    });
    format!("http://{address}")
}
