//! The runtime's format checks agree with `spec/shared.toml`: every documented
//! sample is accepted or rejected as the spec says, and messages use the spec's
//! descriptions. Adding a format to the spec without a check fails to compile here.

use eko_api::Format;
use eko_spec::{Format as SpecFormat, Shared};

fn runtime_format(format: SpecFormat) -> Format {
    match format {
        SpecFormat::Mobile => Format::Mobile,
        SpecFormat::Date => Format::Date,
        SpecFormat::Pan => Format::Pan,
        SpecFormat::Email => Format::Email,
        SpecFormat::Pincode => Format::Pincode,
        SpecFormat::Ifsc => Format::Ifsc,
        SpecFormat::Aadhaar => Format::Aadhaar,
        SpecFormat::ClientRefId => Format::ClientRefId,
    }
}

fn shared() -> Shared {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/shared.toml");
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|error| panic!("reading {path}: {error}"));
    toml::from_str(&text).unwrap_or_else(|error| panic!("parsing {path}: {error}"))
}

#[test]
fn every_spec_sample_is_judged_as_the_spec_says() {
    let shared = shared();
    assert!(shared.formats.len() >= 8, "the spec lists the formats");
    let mut disagreements = Vec::new();
    for definition in &shared.formats {
        let format = runtime_format(definition.name);
        assert!(
            !definition.valid.is_empty() && !definition.invalid.is_empty(),
            "{:?} has samples",
            definition.name
        );
        for sample in &definition.valid {
            if !format.accepts(sample) {
                disagreements.push(format!("{:?} rejects valid {sample:?}", definition.name));
            }
        }
        for sample in &definition.invalid {
            if format.accepts(sample) {
                disagreements.push(format!("{:?} accepts invalid {sample:?}", definition.name));
            }
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}

#[test]
fn error_messages_use_the_spec_descriptions() {
    for definition in shared().formats {
        assert_eq!(
            runtime_format(definition.name).description(),
            definition.description,
            "{:?}",
            definition.name
        );
    }
}
