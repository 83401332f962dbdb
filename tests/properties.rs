//! Properties of request building for arbitrary field values (proptest), on
//! representative generated request types: Onboard Customer (path token, JSON body,
//! array), Onboard User (nested address object), BBPS Recharge Plans and Transaction
//! Inquiry (GET: path token and query string), Activate Service for User (two free-text
//! path tokens) and Activate AePS Fingpay (multipart with files and nested objects).
//!
//! - **Round trip**: valid values prepare, and the body (sent as JSON text and parsed
//!   back) or the query string (parsed back from the URL) holds exactly those values.
//! - **Validation**: arbitrary text in every field either prepares or fails with
//!   `Error::Validation` listing exactly the fields that break a documented rule
//!   (required, format, path token); it never panics.
//! - **Path and query**: no path-parameter value changes the path's fixed segments,
//!   adds a segment, a query parameter or a fragment; no query value adds a parameter.
//! - **Headers**: whatever the values, the prepared headers are exactly the documented
//!   ones, with no control character in any value; a configured developer key that
//!   could break a header line is refused by `Client::new`.

use eko_api::aeps::{
    ActivateAepsFingpayAddressAsPerProof, ActivateAepsFingpayOfficeAddress,
    ActivateAepsFingpayRequest,
};
use eko_api::bbps::BbpsRechargePlansRequest;
use eko_api::customer::OnboardCustomerRequest;
use eko_api::transactions::TransactionInquiryRequest;
use eko_api::user::{ActivateUserServiceRequest, OnboardUserRequest, OnboardUserResidenceAddress};
use eko_api::{
    BodyEncoding, Client, Config, Endpoint, Environment, Error, FilePart, Format, PreparedRequest,
};
use percent_encoding::percent_decode_str;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::sync::OnceLock;

const BASE: &str = "http://127.0.0.1:9/ekoapi/v3";
const BASE_PATH: &str = "/ekoapi/v3";
const DEVELOPER_KEY: &str = "becbbce45f79c6f5109f848acd540567";
const ACCESS_KEY: &str = "d2fe1d99-6298-4af2-8cc5-d97dcf46df30";
const INITIATOR_ID: &str = "9962981729";

/// Cases per property: enough to hit every generator branch, few enough for a debug
/// build on two cores.
const CASES: u32 = 256;

fn client() -> &'static Client {
    static CLIENT: OnceLock<Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        let config = Config::new(
            Environment::Custom(BASE.to_owned()),
            eko_api::DeveloperKey::new(DEVELOPER_KEY),
            eko_api::AccessKey::new(ACCESS_KEY),
            INITIATOR_ID,
        );
        Client::new(config).expect("client builds")
    })
}

// ---------------------------------------------------------------------------------
// Values

fn mobile() -> impl Strategy<Value = String> {
    "[6-9][0-9]{9}"
}

fn date() -> impl Strategy<Value = String> {
    (1900u32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(year, month, day)| format!("{year:04}-{month:02}-{day:02}"))
}

fn pan() -> impl Strategy<Value = String> {
    "[A-Z]{5}[0-9]{4}[A-Z]"
}

fn email() -> impl Strategy<Value = String> {
    "[a-z0-9._+-]{1,10}@[a-z0-9-]{1,10}\\.[a-z]{2,5}"
}

fn pincode() -> impl Strategy<Value = String> {
    "[0-9]{6}"
}

fn ifsc() -> impl Strategy<Value = String> {
    "[A-Z]{4}0[A-Z0-9]{6}"
}

fn aadhaar() -> impl Strategy<Value = String> {
    "[0-9]{12}"
}

fn client_ref() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_-]{1,20}"
}

/// Pieces that break URLs, headers and JSON when not escaped.
const NASTY: &[&str] = &[
    "",
    " ",
    "\t",
    ".",
    "..",
    "/",
    "../..",
    "%2e%2e",
    "%2F",
    "%",
    "a/b",
    "?x=1",
    "&y=2",
    "=",
    "#frag",
    "\\",
    "//evil.example",
    "http://evil.example/",
    "\r\nX-Injected: 1",
    "\n",
    "\0",
    "\u{7f}",
    "\u{2028}",
    "é",
    "\u{1F600}",
    "\"",
    "{}",
    "9876543210",
    "2026-02-29",
    "ABCDE1234F",
];

/// Any text: arbitrary Unicode, printable ASCII, or pieces of [`NASTY`] joined.
fn text() -> impl Strategy<Value = String> {
    let piece = proptest::sample::select(NASTY).prop_map(str::to_owned);
    prop_oneof![
        any::<String>(),
        "[ -~]{0,24}",
        vec(piece, 1..4).prop_map(|pieces| pieces.concat()),
    ]
}

/// Text a required free-text field accepts: not blank.
fn filled() -> impl Strategy<Value = String> {
    text().prop_filter("not blank", |value| !value.trim().is_empty())
}

/// A free-text path token: not blank, not a dot segment.
fn token() -> impl Strategy<Value = String> {
    filled().prop_filter("not a dot segment", |value| value != "." && value != "..")
}

fn file() -> impl Strategy<Value = FilePart> {
    (text(), vec(any::<u8>(), 0..64))
        .prop_map(|(name, bytes)| FilePart::new(name, "application/pdf", bytes))
}

// ---------------------------------------------------------------------------------
// What every prepared request must satisfy

/// Headers: exactly the documented ones, in order, with the configured key and no
/// control characters; the URL: the base, the prepared path (nothing resolved away)
/// and the prepared query, with no fragment.
fn check_wire(prepared: &PreparedRequest) -> Result<(), TestCaseError> {
    let meta = prepared.endpoint();
    let mut expected = vec!["developer_key", "secret-key", "secret-key-timestamp"];
    if !meta.request_hash.is_empty() {
        expected.push("request_hash");
    }
    expected.push("content-type");
    let names: Vec<&str> = prepared.headers().map(|(name, _)| name).collect();
    prop_assert_eq!(names, expected);
    for (name, value) in prepared.headers() {
        prop_assert!(
            !value.chars().any(char::is_control),
            "header {} carries a control character: {:?}",
            name,
            value
        );
    }
    prop_assert_eq!(prepared.header("developer_key"), Some(DEVELOPER_KEY));
    let timestamp = prepared.header("secret-key-timestamp").unwrap_or_default();
    prop_assert!(timestamp.bytes().all(|byte| byte.is_ascii_digit()));
    let content_type = match meta.body {
        BodyEncoding::Json => "application/json",
        BodyEncoding::Multipart => "multipart/form-data",
    };
    prop_assert_eq!(prepared.header("content-type"), Some(content_type));

    let url = url::Url::parse(prepared.url()).expect("the prepared URL parses");
    prop_assert_eq!(url.path(), format!("{BASE_PATH}{}", prepared.path()));
    prop_assert_eq!(url.fragment(), None);
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    prop_assert_eq!(pairs.as_slice(), prepared.query());
    Ok(())
}

/// The prepared path is the template with each `{token}` replaced by one segment
/// that decodes to the token's value: same segment count, same fixed segments, and
/// no segment the URL would resolve (`.`, `..`) or split (`/`, `?`, `#`).
fn check_path(prepared: &PreparedRequest, values: &[(&str, &str)]) -> Result<(), TestCaseError> {
    let template: Vec<&str> = prepared.endpoint().path.split('/').collect();
    let path: Vec<&str> = prepared.path().split('/').collect();
    prop_assert_eq!(
        path.len(),
        template.len(),
        "segments of {}",
        prepared.path()
    );
    for (segment, expected) in path.iter().zip(&template) {
        match expected
            .strip_prefix('{')
            .and_then(|rest| rest.strip_suffix('}'))
        {
            Some(token) => {
                let value = values
                    .iter()
                    .find(|(name, _)| *name == token)
                    .map(|(_, value)| *value)
                    .expect("a value for every token");
                prop_assert!(!segment.contains(['/', '?', '#']));
                prop_assert!(*segment != "." && *segment != "..");
                let decoded = percent_decode_str(segment).decode_utf8().expect("UTF-8");
                prop_assert_eq!(decoded.as_ref(), value);
            }
            None => prop_assert_eq!(segment, expected),
        }
    }
    Ok(())
}

/// The JSON body as it travels: written as text and parsed back, it must be the same.
fn body_on_the_wire(prepared: &PreparedRequest) -> Result<Value, TestCaseError> {
    let body = prepared.body().expect("a body");
    let text = serde_json::to_string(body).expect("the body encodes");
    let parsed: Value = serde_json::from_str(&text).expect("the body parses back");
    prop_assert_eq!(&parsed, body);
    Ok(parsed)
}

/// `Ok` exactly when no field breaks a rule; otherwise a validation error listing
/// exactly the fields in `bad`, each with a reason, all named by the message.
fn check_validation<E: Endpoint>(
    request: &E,
    bad: BTreeSet<String>,
) -> Result<Option<PreparedRequest>, TestCaseError> {
    match client().prepare(request) {
        Ok(prepared) => {
            prop_assert!(bad.is_empty(), "prepared although {bad:?} are invalid");
            check_wire(&prepared)?;
            Ok(Some(prepared))
        }
        Err(Error::Validation { endpoint, problems }) => {
            prop_assert_eq!(endpoint, E::META.id);
            let listed: BTreeSet<String> = problems
                .iter()
                .map(|problem| problem.field.clone())
                .collect();
            prop_assert_eq!(&listed, &bad);
            prop_assert_eq!(listed.len(), problems.len(), "a field listed twice");
            prop_assert!(problems.iter().all(|problem| !problem.problem.is_empty()));
            let message = Error::Validation { endpoint, problems }.to_string();
            for field in &bad {
                prop_assert!(message.contains(field.as_str()), "{message}");
            }
            Ok(None)
        }
        Err(other) => Err(TestCaseError::fail(format!(
            "expected Ok or a validation error, got {other:?}"
        ))),
    }
}

/// Collects the names of fields that break their rule.
#[derive(Default)]
struct Bad(BTreeSet<String>);

impl Bad {
    fn required(mut self, field: &str, value: &str) -> Self {
        if value.trim().is_empty() {
            self.0.insert(field.to_owned());
        }
        self
    }

    fn format(mut self, field: &str, format: Format, value: &str) -> Self {
        if !format.accepts(value) {
            self.0.insert(field.to_owned());
        }
        self
    }

    fn optional_format(self, field: &str, format: Format, value: Option<&str>) -> Self {
        match value {
            Some(value) => self.format(field, format, value),
            None => self,
        }
    }

    fn path_token(mut self, field: &str, value: &str) -> Self {
        if value.trim().is_empty() || value == "." || value == ".." {
            self.0.insert(field.to_owned());
        }
        self
    }
}

// ---------------------------------------------------------------------------------
// Onboard Customer: path token, JSON body, array of text

fn onboard_customer(
    customer_id: &str,
    name: &str,
    dob: &str,
    address: &[String],
    reference: Option<&str>,
) -> OnboardCustomerRequest {
    let request = OnboardCustomerRequest::new(
        eko_api::Mobile::new(customer_id),
        name,
        dob.parse::<eko_api::Date>()
            .expect("strategies make real dates"),
        address.to_vec(),
    );
    match reference {
        Some(reference) => request.client_ref_id(reference),
        None => request,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn onboard_customer_values_travel_unchanged(
        customer_id in mobile(),
        name in filled(),
        dob in date(),
        address in vec(text(), 0..4),
        reference in option::of(client_ref()),
    ) {
        let request = onboard_customer(&customer_id, &name, &dob, &address, reference.as_deref());
        let prepared = client().prepare(&request).expect("valid values prepare");
        check_wire(&prepared)?;
        prop_assert_eq!(prepared.path(), format!("/customer/account/{customer_id}"));
        prop_assert!(prepared.query().is_empty());
        let sent_reference = prepared.client_ref_id().expect("a POST always has a reference");
        if let Some(reference) = &reference {
            prop_assert_eq!(sent_reference, reference.as_str());
        }
        prop_assert!(Format::ClientRefId.accepts(sent_reference));
        let expected = json!({
            "initiator_id": INITIATOR_ID,
            "client_ref_id": sent_reference,
            "name": name,
            "dob": dob,
            "residence_address": address,
        });
        prop_assert_eq!(body_on_the_wire(&prepared)?, expected);
    }

    #[test]
    fn onboard_customer_validation_lists_the_bad_fields(
        customer_id in prop_oneof![mobile(), text()],
        name in text(),
        dob in date(),
        address in vec(text(), 0..3),
        reference in option::of(prop_oneof![client_ref(), text()]),
    ) {
        let request = onboard_customer(&customer_id, &name, &dob, &address, reference.as_deref());
        let bad = Bad::default()
            .format("customer_id", Format::Mobile, &customer_id)
            .optional_format("client_ref_id", Format::ClientRefId, reference.as_deref())
            .required("name", &name)
            .format("dob", Format::Date, &dob);
        if let Some(prepared) = check_validation(&request, bad.0)? {
            check_path(&prepared, &[("customer_id", &customer_id)])?;
        }
    }
}

// ---------------------------------------------------------------------------------
// Onboard User: nested address object

#[derive(Debug, Clone)]
struct User {
    pan: String,
    mobile: String,
    first_name: String,
    last_name: String,
    email: String,
    /// line, city, state, pincode, district, area
    address: [String; 6],
    dob: String,
    shop_name: String,
    reference: Option<String>,
}

impl User {
    fn request(&self) -> OnboardUserRequest {
        let [line, city, state, pincode, district, area] = &self.address;
        let address = OnboardUserResidenceAddress::new(
            line,
            city,
            state,
            eko_api::Pincode::new(pincode),
            district,
            area,
        );
        let request = OnboardUserRequest::new(
            eko_api::Pan::new(&self.pan),
            eko_api::Mobile::new(&self.mobile),
            &self.first_name,
            &self.last_name,
            eko_api::Email::new(&self.email),
            address,
            self.dob
                .parse::<eko_api::Date>()
                .expect("strategies make real dates"),
            &self.shop_name,
        );
        match &self.reference {
            Some(reference) => request.client_ref_id(reference),
            None => request,
        }
    }

    fn bad(&self) -> BTreeSet<String> {
        let [line, city, state, pincode, district, area] = &self.address;
        Bad::default()
            .optional_format(
                "client_ref_id",
                Format::ClientRefId,
                self.reference.as_deref(),
            )
            .format("pan_number", Format::Pan, &self.pan)
            .format("mobile", Format::Mobile, &self.mobile)
            .required("first_name", &self.first_name)
            .required("last_name", &self.last_name)
            .format("email", Format::Email, &self.email)
            .required("residence_address.line", line)
            .required("residence_address.city", city)
            .required("residence_address.state", state)
            .format("residence_address.pincode", Format::Pincode, pincode)
            .required("residence_address.district", district)
            .required("residence_address.area", area)
            .format("dob", Format::Date, &self.dob)
            .required("shop_name", &self.shop_name)
            .0
    }
}

fn valid_user() -> impl Strategy<Value = User> {
    (
        (pan(), mobile(), filled(), filled(), email()),
        (filled(), filled(), filled(), pincode(), filled(), filled()),
        (date(), filled(), option::of(client_ref())),
    )
        .prop_map(
            |(
                (pan, mobile, first_name, last_name, email),
                (line, city, state, pincode, district, area),
                (dob, shop_name, reference),
            )| User {
                pan,
                mobile,
                first_name,
                last_name,
                email,
                address: [line, city, state, pincode, district, area],
                dob,
                shop_name,
                reference,
            },
        )
}

fn any_user() -> impl Strategy<Value = User> {
    (
        (
            prop_oneof![pan(), text()],
            prop_oneof![mobile(), text()],
            text(),
            text(),
        ),
        (prop_oneof![email(), text()], text(), text(), text()),
        (prop_oneof![pincode(), text()], text(), text()),
        (
            // A date is a `Date`: text that is not one cannot be passed at all.
            date(),
            text(),
            option::of(prop_oneof![client_ref(), text()]),
        ),
    )
        .prop_map(
            |(
                (pan, mobile, first_name, last_name),
                (email, line, city, state),
                (pincode, district, area),
                (dob, shop_name, reference),
            )| User {
                pan,
                mobile,
                first_name,
                last_name,
                email,
                address: [line, city, state, pincode, district, area],
                dob,
                shop_name,
                reference,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn onboard_user_values_travel_unchanged(user in valid_user()) {
        let prepared = client().prepare(&user.request()).expect("valid values prepare");
        check_wire(&prepared)?;
        prop_assert_eq!(prepared.path(), "/user/network/eps-agent");
        let [line, city, state, pincode, district, area] = &user.address;
        let expected = json!({
            "initiator_id": INITIATOR_ID,
            "client_ref_id": prepared.client_ref_id().expect("a POST always has a reference"),
            "pan_number": user.pan,
            "mobile": user.mobile,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "residence_address": {
                "line": line, "city": city, "state": state,
                "pincode": pincode, "district": district, "area": area,
            },
            "dob": user.dob,
            "shop_name": user.shop_name,
        });
        prop_assert_eq!(body_on_the_wire(&prepared)?, expected);
    }

    #[test]
    fn onboard_user_validation_lists_the_bad_fields(user in any_user()) {
        check_validation(&user.request(), user.bad())?;
    }
}

// ---------------------------------------------------------------------------------
// GET: a path token and free-text query values

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn get_query_values_travel_unchanged_and_add_no_parameter(
        customer_mobile in mobile(),
        operator in filled(),
        circle in filled(),
        reference in option::of(client_ref()),
    ) {
        let mut request = BbpsRechargePlansRequest::new(eko_api::Mobile::new(&customer_mobile), &operator, &circle);
        if let Some(reference) = &reference {
            request = request.client_ref_id(reference);
        }
        let prepared = client().prepare(&request).expect("valid values prepare");
        check_wire(&prepared)?;
        prop_assert_eq!(prepared.body(), None);
        prop_assert_eq!(
            prepared.path(),
            format!("/customer/payment/bbps/recharge/{customer_mobile}/operator/plans")
        );
        let mut expected = vec![("initiator_id".to_owned(), INITIATOR_ID.to_owned())];
        if let Some(reference) = reference {
            expected.push(("client_ref_id".to_owned(), reference));
        }
        expected.push(("phone_operator_code".to_owned(), operator));
        expected.push(("circleid".to_owned(), circle));
        // check_wire has parsed these back from the URL.
        prop_assert_eq!(prepared.query(), expected.as_slice());
    }

    #[test]
    fn get_path_token_changes_neither_path_nor_query(reference_value in text()) {
        let request = TransactionInquiryRequest::new(&reference_value);
        let bad = Bad::default().path_token("transaction-reference", &reference_value);
        if let Some(prepared) = check_validation(&request, bad.0)? {
            check_path(&prepared, &[("transaction-reference", &reference_value)])?;
            let names: Vec<&str> = prepared.query().iter().map(|(name, _)| name.as_str()).collect();
            prop_assert_eq!(names, ["initiator_id"]);
        }
    }

    #[test]
    fn two_path_tokens_stay_in_their_segments(
        user_code in prop_oneof![token(), text()],
        service_code in prop_oneof![token(), text()],
    ) {
        let request = ActivateUserServiceRequest::new(&user_code, &service_code);
        let bad = Bad::default()
            .path_token("user_code", &user_code)
            .path_token("service_code", &service_code);
        if let Some(prepared) = check_validation(&request, bad.0)? {
            check_path(&prepared, &[("user_code", &user_code), ("service_code", &service_code)])?;
            prop_assert!(prepared.query().is_empty());
            let body = body_on_the_wire(&prepared)?;
            let mut keys: Vec<&str> = body.as_object().expect("an object").keys().map(String::as_str).collect();
            keys.sort_unstable();
            prop_assert_eq!(keys, ["client_ref_id", "initiator_id"]);
        }
    }
}

// ---------------------------------------------------------------------------------
// Multipart: files, nested objects, a path token

#[derive(Debug, Clone)]
struct Fingpay {
    user_code: String,
    /// modelname, devicenumber, account, shop_type, latlong
    texts: [String; 5],
    ifsc: String,
    aadhaar: String,
    /// line, city, state, state_id, pincode
    office: [String; 5],
    proof: [String; 5],
    files: [FilePart; 3],
}

impl Fingpay {
    fn request(&self) -> ActivateAepsFingpayRequest {
        let [modelname, devicenumber, account, shop_type, latlong] = &self.texts;
        let [line, city, state, state_id, pincode] = &self.office;
        let office = ActivateAepsFingpayOfficeAddress::new(
            line,
            city,
            state,
            state_id,
            eko_api::Pincode::new(pincode),
        );
        let [line, city, state, state_id, pincode] = &self.proof;
        let proof = ActivateAepsFingpayAddressAsPerProof::new(
            line,
            city,
            state,
            state_id,
            eko_api::Pincode::new(pincode),
        );
        let [pan_card, aadhar_front, aadhar_back] = self.files.clone();
        ActivateAepsFingpayRequest::new(
            &self.user_code,
            modelname,
            devicenumber,
            account,
            eko_api::Ifsc::new(&self.ifsc),
            shop_type,
            office,
            proof,
            eko_api::Aadhaar::new(&self.aadhaar),
            pan_card,
            aadhar_front,
            aadhar_back,
            latlong,
        )
    }

    fn bad(&self) -> BTreeSet<String> {
        let [modelname, devicenumber, account, shop_type, latlong] = &self.texts;
        let mut bad = Bad::default()
            .path_token("user_code", &self.user_code)
            .required("modelname", modelname)
            .required("devicenumber", devicenumber)
            .required("account", account)
            .format("ifsc", Format::Ifsc, &self.ifsc)
            .required("shop_type", shop_type)
            .format("aadhar", Format::Aadhaar, &self.aadhaar)
            .required("latlong", latlong);
        for (name, [line, city, state, state_id, pincode]) in [
            ("office_address", &self.office),
            ("address_as_per_proof", &self.proof),
        ] {
            bad = bad
                .required(&format!("{name}.line"), line)
                .required(&format!("{name}.city"), city)
                .required(&format!("{name}.state"), state)
                .required(&format!("{name}.state_id"), state_id)
                .format(&format!("{name}.pincode"), Format::Pincode, pincode);
        }
        bad.0
    }
}

fn address(
    free: BoxedStrategy<String>,
    pin: BoxedStrategy<String>,
) -> impl Strategy<Value = [String; 5]> {
    (free.clone(), free.clone(), free.clone(), free, pin)
        .prop_map(|(line, city, state, state_id, pincode)| [line, city, state, state_id, pincode])
}

fn fingpay(valid: bool) -> impl Strategy<Value = Fingpay> {
    let free = || {
        if valid {
            filled().boxed()
        } else {
            text().boxed()
        }
    };
    let pick = |good: BoxedStrategy<String>| {
        if valid {
            good
        } else {
            prop_oneof![good, text()].boxed()
        }
    };
    (
        if valid {
            token().boxed()
        } else {
            prop_oneof![token(), text()].boxed()
        },
        (free(), free(), free(), free(), free()),
        pick(ifsc().boxed()),
        pick(aadhaar().boxed()),
        address(free(), pick(pincode().boxed())),
        address(free(), pick(pincode().boxed())),
        (file(), file(), file()),
    )
        .prop_map(
            |(user_code, (a, b, c, d, e), ifsc, aadhaar, office, proof, (f, g, h))| Fingpay {
                user_code,
                texts: [a, b, c, d, e],
                ifsc,
                aadhaar,
                office,
                proof,
                files: [f, g, h],
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES / 2))]

    #[test]
    fn multipart_values_travel_unchanged(fingpay in fingpay(true)) {
        let prepared = client().prepare(&fingpay.request()).expect("valid values prepare");
        check_wire(&prepared)?;
        check_path(&prepared, &[("user_code", &fingpay.user_code)])?;
        prop_assert_eq!(prepared.encoding(), BodyEncoding::Multipart);
        prop_assert_eq!(prepared.file_names(), ["pan_card", "aadhar_front", "aadhar_back"]);
        let [modelname, devicenumber, account, shop_type, latlong] = &fingpay.texts;
        let object = |[line, city, state, state_id, pincode]: &[String; 5]| json!({
            "line": line, "city": city, "state": state, "state_id": state_id, "pincode": pincode,
        });
        let expected = json!({
            "initiator_id": INITIATOR_ID,
            "client_ref_id": prepared.client_ref_id().expect("a PUT always has a reference"),
            "modelname": modelname,
            "devicenumber": devicenumber,
            "account": account,
            "ifsc": fingpay.ifsc,
            "shop_type": shop_type,
            "office_address": object(&fingpay.office),
            "address_as_per_proof": object(&fingpay.proof),
            "aadhar": fingpay.aadhaar,
            "latlong": latlong,
        });
        prop_assert_eq!(body_on_the_wire(&prepared)?, expected);
    }

    #[test]
    fn multipart_validation_lists_the_bad_fields(fingpay in fingpay(false)) {
        if let Some(prepared) = check_validation(&fingpay.request(), fingpay.bad())? {
            check_path(&prepared, &[("user_code", &fingpay.user_code)])?;
        }
    }
}

// ---------------------------------------------------------------------------------
// Configuration values: the developer key is a header, the initiator id a parameter

/// What an HTTP header value may hold: visible characters, spaces and tabs.
fn header_text(value: &str) -> bool {
    value
        .chars()
        .all(|ch| ch == '\t' || (ch >= ' ' && ch != '\u{7f}'))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES / 4))]

    #[test]
    fn configuration_values_inject_no_header_and_no_parameter(
        developer_key in prop_oneof![Just(DEVELOPER_KEY.to_owned()), text()],
        initiator_id in prop_oneof![mobile(), text()],
    ) {
        let config = Config::new(
            Environment::Custom(BASE.to_owned()),
            eko_api::DeveloperKey::new(developer_key.as_str()),
            eko_api::AccessKey::new(ACCESS_KEY),
            initiator_id.as_str());
        let usable = !developer_key.trim().is_empty()
            && !initiator_id.trim().is_empty()
            && header_text(&developer_key);
        let client = match Client::new(config) {
            Ok(client) => client,
            Err(Error::Config { .. }) => {
                prop_assert!(!usable, "a usable configuration was refused");
                return Ok(());
            }
            Err(other) => return Err(TestCaseError::fail(format!("{other:?}"))),
        };
        prop_assert!(usable, "an unusable configuration was accepted");
        match client.prepare(&TransactionInquiryRequest::new("12971397")) {
            Ok(prepared) => {
                prop_assert!(Format::Mobile.accepts(&initiator_id));
                for (name, value) in prepared.headers() {
                    prop_assert!(!value.contains(['\r', '\n', '\0']), "header {}: {:?}", name, value);
                }
                prop_assert_eq!(prepared.header("developer_key"), Some(developer_key.as_str()));
                let url = url::Url::parse(prepared.url()).expect("the prepared URL parses");
                let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
                prop_assert_eq!(pairs, [("initiator_id".to_owned(), initiator_id)]);
            }
            Err(Error::Validation { problems, .. }) => {
                prop_assert!(!Format::Mobile.accepts(&initiator_id));
                let fields: Vec<&str> = problems.iter().map(|problem| problem.field.as_str()).collect();
                prop_assert_eq!(fields, ["initiator_id"]);
            }
            Err(other) => return Err(TestCaseError::fail(format!("{other:?}"))),
        }
    }
}
