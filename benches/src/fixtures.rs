//! What every benchmark shares: sandbox credentials, the example requests, and the
//! example responses, read from the spec so they are Eko's documented bodies.

use std::fs;
use std::path::{Path, PathBuf};

/// Eko's public sandbox developer key.
pub const DEVELOPER_KEY: &str = "becbbce45f79c6f5109f848acd540567";
/// Eko's public sandbox access key.
pub const ACCESS_KEY: &str = "d2fe1d99-6298-4af2-8cc5-d97dcf46df30";
/// The sandbox initiator.
pub const INITIATOR_ID: &str = "9962981729";
/// The customer of the doc examples.
pub const CUSTOMER_ID: &str = "9444444444";
/// The name of the doc example.
pub const NAME: &str = "Karan Garg";
/// The date of birth of the doc example.
pub const DOB: &str = "1990-05-15";
/// The vehicle of the Vehicle RC doc example.
pub const VEHICLE_NUMBER: &str = "HR26DA8398";

/// The address of the doc example.
pub fn address() -> Vec<String> {
    ["123 MG Road", "Bangalore", "Karnataka", "560001"]
        .map(String::from)
        .to_vec()
}

/// Onboard Customer with the doc's example values.
pub fn onboard_customer() -> eko_api::customer::OnboardCustomerRequest {
    eko_api::customer::OnboardCustomerRequest::new(
        eko_api::Mobile::new(CUSTOMER_ID),
        NAME,
        DOB.parse::<eko_api::Date>()
            .expect("the documented date is real"),
        address(),
    )
}

/// Get Customer Information for the doc's example customer.
pub fn get_customer_info() -> eko_api::customer::GetCustomerInfoRequest {
    eko_api::customer::GetCustomerInfoRequest::new(eko_api::Mobile::new(CUSTOMER_ID))
}

/// A client with sandbox credentials for the API at `base_url`.
pub fn client(base_url: &str) -> eko_api::Client {
    let config = eko_api::Config::new(
        eko_api::Environment::Custom(base_url.to_owned()),
        eko_api::DeveloperKey::new(DEVELOPER_KEY),
        eko_api::AccessKey::new(ACCESS_KEY),
        INITIATOR_ID,
    );
    eko_api::Client::new(config).unwrap_or_else(|error| panic!("bench configuration: {error}"))
}

/// The workspace's `spec/endpoints` folder.
pub fn endpoints_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/endpoints")
}

/// The example response of the endpoint `group/id`, as the spec holds it.
pub fn example_response(group: &str, id: &str) -> Result<String, String> {
    let path = endpoints_dir().join(group).join(format!("{id}.toml"));
    example_response_of(&path)
}

fn example_response_of(path: &Path) -> Result<String, String> {
    let text = fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))?;
    let table: toml::Table = text
        .parse()
        .map_err(|error| format!("{}: {error}", path.display()))?;
    table
        .get("examples")
        .and_then(|examples| examples.get("response"))
        .and_then(toml::Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("{}: no examples.response", path.display()))
}

/// `(group, id, length)` of the endpoint with the longest example response.
pub fn largest_example() -> Result<(String, String, usize), String> {
    let mut largest: Option<(String, String, usize)> = None;
    let root = endpoints_dir();
    let groups = fs::read_dir(&root).map_err(|error| format!("{}: {error}", root.display()))?;
    for group in groups.flatten() {
        let Ok(files) = fs::read_dir(group.path()) else {
            continue;
        };
        for file in files.flatten() {
            let path = file.path();
            if path.extension().is_none_or(|extension| extension != "toml") {
                continue;
            }
            let length = example_response_of(&path)?.len();
            if largest.as_ref().is_none_or(|(_, _, most)| length > *most) {
                let name = |path: &Path| {
                    path.file_stem()
                        .map(|stem| stem.to_string_lossy().into_owned())
                        .unwrap_or_default()
                };
                largest = Some((name(&group.path()), name(&path), length));
            }
        }
    }
    largest.ok_or_else(|| format!("{}: no endpoints", root.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The micro benchmark decodes Vehicle RC as the largest example response; when
    /// the spec changes which one is largest, this says so.
    #[test]
    fn vehicle_rc_has_the_largest_example_response() {
        let (group, id, _) = largest_example().unwrap();
        assert_eq!((group.as_str(), id.as_str()), ("kyc", "vehicle-rc"));
    }

    #[test]
    fn examples_decode_through_the_client() {
        let body = example_response("customer", "onboard-customer").unwrap();
        let response =
            eko_api::decode_response::<eko_api::customer::OnboardCustomerRequest>(200, body)
                .unwrap();
        assert_eq!(response.status, 2129);
        let body = example_response("kyc", "vehicle-rc").unwrap();
        assert!(eko_api::decode_response::<eko_api::kyc::VehicleRcRequest>(200, body).is_ok());
    }
}
