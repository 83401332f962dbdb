//! The spec changelog engine against fixture specs: `release/before` is the base that
//! most tests change in code; `release/after` is a whole re-import rendered in full.

use codegen::changelog::{
    Change, ChangeKind, Changelog, EndpointChange, FeatureChange, FieldChange, FieldWhat, Impact,
    OutcomeChange, Surface, Verdict, compare, line, next_version, render_section,
    section_docs_version, upsert_section,
};
use codegen::ir::{RustType, Side};
use eko_spec::{
    Alias, Bundle, Endpoint, EndpointKind, ErrorScenario, Group, Location, Method, Outcome, Param,
    ResponseField, ResponseType, Type,
};
use std::path::Path;

fn fixture(case: &str, side: &str) -> Bundle {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/changelog")
        .join(case)
        .join(side);
    codegen::load_spec(&dir).unwrap_or_else(|errors| panic!("{}: {errors}", dir.display()))
}

fn base() -> Bundle {
    fixture("release", "before")
}

/// `base()` changed by `edit`, under a newer docs version.
fn edited(edit: impl FnOnce(&mut Bundle)) -> Bundle {
    let mut after = base();
    after.shared.docs_version = "2026-07-20".to_owned();
    edit(&mut after);
    after.endpoints.sort_by(|a, b| a.id.cmp(&b.id));
    after
}

fn endpoint<'a>(bundle: &'a mut Bundle, id: &str) -> &'a mut Endpoint {
    bundle
        .endpoints
        .iter_mut()
        .find(|endpoint| endpoint.id == id)
        .unwrap_or_else(|| panic!("no endpoint `{id}` in the fixture"))
}

fn changelog_on(surface: Surface, edit: impl FnOnce(&mut Bundle)) -> Changelog {
    compare(&base(), &edited(edit), surface).expect("both fixtures lower")
}

fn changelog(edit: impl FnOnce(&mut Bundle)) -> Changelog {
    changelog_on(Surface::current(), edit)
}

fn lines(changelog: &Changelog) -> Vec<String> {
    changelog.changes.iter().map(line).collect()
}

/// The only change; fails listing all of them otherwise.
fn single(changelog: &Changelog) -> &Change {
    match changelog.changes.as_slice() {
        [change] => change,
        _ => panic!("expected one change, got {:#?}", lines(changelog)),
    }
}

fn body_param(name: &str, ty: Type, required: bool) -> Param {
    Param {
        name: name.to_owned(),
        location: Location::Body,
        ty,
        required,
        description: format!("The {name}."),
        example: None,
        format: None,
        items: None,
        fields: Vec::new(),
        undocumented: false,
        semantic: None,
        sensitive: false,
        constant: None,
    }
}

fn response_field(path: &str, ty: Type) -> ResponseField {
    ResponseField {
        path: path.to_owned(),
        ty,
        description: format!("The {path}."),
        verifiable: false,
        items: None,
        undocumented: false,
        semantic: None,
        sensitive: false,
    }
}

fn field_change(change: &Change) -> &FieldChange {
    match &change.kind {
        ChangeKind::Field(field) => field,
        other => panic!("expected a field change, got {other:?}"),
    }
}

#[test]
fn the_same_spec_has_no_changes() {
    let log = compare(&base(), &base(), Surface::current()).unwrap();
    assert_eq!(log.changes, []);
    assert_eq!(log.verdict(), Verdict::Compatible);
}

#[test]
fn an_added_endpoint_is_additive() {
    let log = changelog(|after| {
        let mut added = endpoint(after, "setup-callback-url").clone();
        added.id = "setup-webhook-url".to_owned();
        added.method = Method::Post;
        added.path = "/user/webhook".to_owned();
        after.endpoints.push(added);
    });
    let change = single(&log);
    assert_eq!(
        change,
        &Change {
            impact: Impact::Additive,
            group: "user".to_owned(),
            endpoint: Some("setup-webhook-url".to_owned()),
            kind: ChangeKind::Endpoint(EndpointChange::Added {
                kind: EndpointKind::Call,
                client_method: Some("setup_webhook_url".to_owned()),
                data_type: "SetupWebhookUrlData".to_owned(),
                method: Method::Post,
                path: "/user/webhook".to_owned(),
            }),
        }
    );
    assert_eq!(
        line(change),
        "**additive** `setup-webhook-url` added: `Client::setup_webhook_url` (`POST /user/webhook`)."
    );
    assert_eq!(log.verdict(), Verdict::Additive);
}

#[test]
fn an_endpoint_removed_upstream_is_deprecated_not_deleted() {
    let log = changelog(|after| {
        endpoint(after, "setup-callback-url").lifecycle.removed = Some("2026-07-20".to_owned());
    });
    let change = single(&log);
    assert_eq!(change.impact, Impact::Additive);
    assert_eq!(
        change.kind,
        ChangeKind::Endpoint(EndpointChange::Deprecated {
            removed_in: "2026-07-20".to_owned(),
            kept: "Client::setup_callback_url".to_owned(),
        })
    );
    assert_eq!(
        line(change),
        "**additive** `setup-callback-url` deprecated: Eko removed it in 2026-07-20; `Client::setup_callback_url` stays, `#[deprecated]`."
    );
}

/// Renames `from` to `to` and records the alias, as the importer does.
fn rename(after: &mut Bundle, from: &str, to: &str) {
    let renamed = endpoint(after, from);
    renamed.lifecycle.renamed_from.push(Alias {
        id: from.to_owned(),
        group: renamed.group.clone(),
        version: "2026-07-20".to_owned(),
    });
    renamed.id = to.to_owned();
}

#[test]
fn a_renamed_endpoint_keeps_its_old_names_as_aliases() {
    let log = changelog(|after| rename(after, "get-customer-info", "customer-profile"));
    let change = single(&log);
    assert_eq!(change.impact, Impact::Additive);
    assert_eq!(change.endpoint.as_deref(), Some("customer-profile"));
    assert_eq!(
        change.kind,
        ChangeKind::Endpoint(EndpointChange::Renamed {
            from: "get-customer-info".to_owned(),
            old_items: vec![
                "Client::get_customer_info".to_owned(),
                "customer::GetCustomerInfoRequest".to_owned(),
                "customer::GetCustomerInfoData".to_owned(),
                "customer::GetCustomerInfoOutcome".to_owned(),
            ],
            unresolved: Vec::new(),
        })
    );
    assert_eq!(log.verdict(), Verdict::Additive);
}

#[test]
fn a_rename_compares_nested_types_across_the_new_prefix() {
    // `OnboardCustomerContact` and `RegisterCustomerContact` are the same type after
    // the rename (one aliases the other), so only the rename and the real change show.
    let log = changelog(|after| {
        let renamed = endpoint(after, "onboard-customer");
        renamed.params[5].fields[0].required = false;
        rename(after, "onboard-customer", "register-customer");
    });
    assert_eq!(
        lines(&log),
        [
            "**additive** `register-customer` renamed from `onboard-customer`: the old names `Client::onboard_customer`, `customer::OnboardCustomerRequest`, `customer::OnboardCustomerData`, `customer::OnboardCustomerOutcome` stay as `#[deprecated]` aliases.",
            "**breaking** `register-customer`: `contact.email` made optional: `RegisterCustomerContact::new` no longer takes it; the field is `Option<String>` instead of `String`, with a setter.",
        ]
    );
}

#[test]
fn a_rename_without_an_alias_is_a_deletion_and_an_addition() {
    let log =
        changelog(|after| endpoint(after, "get-customer-info").id = "customer-profile".into());
    let kinds: Vec<(Impact, &str)> = log
        .changes
        .iter()
        .map(|change| {
            let name = match &change.kind {
                ChangeKind::Endpoint(EndpointChange::Added { .. }) => "added",
                ChangeKind::Endpoint(EndpointChange::Deleted { .. }) => "deleted",
                _ => "other",
            };
            (change.impact, name)
        })
        .collect();
    assert_eq!(
        kinds,
        [(Impact::Additive, "added"), (Impact::Breaking, "deleted")]
    );
    assert_eq!(log.verdict(), Verdict::Breaking);
}

#[test]
fn dropping_the_aliases_of_a_former_name_is_breaking() {
    let before = fixture("release", "after");
    let mut after = before.clone();
    endpoint(&mut after, "customer-profile")
        .lifecycle
        .renamed_from
        .clear();
    let log = compare(&before, &after, Surface::current()).unwrap();
    let change = single(&log);
    assert_eq!(change.impact, Impact::Breaking);
    assert_eq!(
        line(change),
        "**breaking** `customer-profile`: the deprecated aliases of its former name `get-customer-info` are gone: `Client::get_customer_info`, `customer::GetCustomerInfoRequest`, `customer::GetCustomerInfoData`, `customer::GetCustomerInfoOutcome` no longer resolve."
    );
}

#[test]
fn a_deleted_endpoint_is_breaking() {
    let log = changelog(|after| after.endpoints.retain(|e| e.id != "setup-callback-url"));
    let change = single(&log);
    assert_eq!(change.impact, Impact::Breaking);
    assert_eq!(change.group, "user");
    assert_eq!(
        line(change),
        "**breaking** `setup-callback-url` deleted from the spec (not renamed): `Client::setup_callback_url`, `user::SetupCallbackUrlRequest`, `user::SetupCallbackUrlData`, `user::SetupCallbackUrlOutcome` are gone."
    );
    assert_eq!(log.verdict(), Verdict::Breaking);
}

#[test]
fn an_optional_parameter_added_breaks_only_exhaustive_request_structs() {
    let add_dob = |after: &mut Bundle| {
        let onboard = endpoint(after, "onboard-customer");
        onboard.params.push(body_param("dob", Type::String, false));
    };
    let exhaustive = changelog_on(
        Surface {
            request_structs_exhaustive: true,
            ..Surface::current()
        },
        add_dob,
    );
    let change = single(&exhaustive);
    assert_eq!(
        field_change(change),
        &FieldChange {
            side: Side::Request,
            owner: "OnboardCustomerRequest".to_owned(),
            path: "dob".to_owned(),
            what: FieldWhat::Added {
                ty: RustType::String,
                required: false,
            },
        }
    );
    assert_eq!(change.impact, Impact::Breaking);
    assert_eq!(
        line(change),
        "**breaking** `onboard-customer`: optional `dob` (`Option<String>`) added to `OnboardCustomerRequest`, with a setter; struct literals of `OnboardCustomerRequest` must now name it."
    );

    // What the generator makes today: `#[non_exhaustive]` structs.
    let log = changelog(add_dob);
    assert_eq!(single(&log).impact, Impact::Additive);
    assert_eq!(
        line(single(&log)),
        "**additive** `onboard-customer`: optional `dob` (`Option<String>`) added to `OnboardCustomerRequest`, with a setter."
    );
    assert_eq!(log.verdict(), Verdict::Additive);
}

#[test]
fn a_required_parameter_added_is_breaking_on_any_surface() {
    let add_pan = |after: &mut Bundle| {
        let onboard = endpoint(after, "onboard-customer");
        onboard.params.push(body_param("pan", Type::String, true));
    };
    let non_exhaustive = Surface {
        request_structs_exhaustive: false,
        response_structs_exhaustive: false,
    };
    for surface in [Surface::current(), non_exhaustive] {
        let log = changelog_on(surface, add_pan);
        let change = single(&log);
        assert_eq!(change.impact, Impact::Breaking, "{surface:?}");
        assert_eq!(
            line(change),
            "**breaking** `onboard-customer`: required `pan` (`String`) added to `OnboardCustomerRequest`: `OnboardCustomerRequest::new` takes it as a new argument."
        );
    }
}

#[test]
fn a_retyped_parameter_is_breaking() {
    let log = changelog(|after| {
        let address = &mut endpoint(after, "onboard-customer").params[4];
        assert_eq!(address.name, "residence_address");
        address.ty = Type::Object;
        address.items = None;
        address.fields = vec![body_param("line1", Type::String, true)];
    });
    let change = single(&log);
    assert_eq!(
        field_change(change).what,
        FieldWhat::Retyped {
            before: RustType::Vec(Box::new(RustType::String)),
            after: RustType::Named("OnboardCustomerResidenceAddress".to_owned()),
        }
    );
    assert_eq!(
        line(change),
        "**breaking** `onboard-customer`: `residence_address` retyped `Vec<String>` → `OnboardCustomerResidenceAddress` (in `OnboardCustomerRequest`)."
    );
}

#[test]
fn a_parameter_made_required_or_optional_is_breaking() {
    let log = changelog(|after| {
        let onboard = endpoint(after, "onboard-customer");
        onboard.params[5].required = true;
        onboard.params[3].required = false;
    });
    let whats: Vec<(&str, &FieldWhat, Impact)> = log
        .changes
        .iter()
        .map(|change| {
            let field = field_change(change);
            (field.path.as_str(), &field.what, change.impact)
        })
        .collect();
    let contact = RustType::Named("OnboardCustomerContact".to_owned());
    assert_eq!(
        whats,
        [
            (
                "contact",
                &FieldWhat::MadeRequired { ty: contact },
                Impact::Breaking
            ),
            (
                "name",
                &FieldWhat::MadeOptional {
                    ty: RustType::String
                },
                Impact::Breaking
            ),
        ]
    );
}

#[test]
fn a_wire_name_that_keeps_its_rust_name_is_no_change() {
    let log = changelog(|after| endpoint(after, "onboard-customer").params[3].name = "Name".into());
    assert_eq!(lines(&log), Vec::<String>::new());
}

#[test]
fn a_response_field_added_breaks_only_constructible_data_structs() {
    let add_fields = |after: &mut Bundle| {
        let lookup = endpoint(after, "get-customer-info");
        lookup
            .response
            .push(response_field("kyc_request_id", Type::String));
        let onboard = endpoint(after, "onboard-customer");
        onboard
            .response
            .push(response_field("state.label", Type::String));
    };
    let exhaustive = Surface {
        response_structs_exhaustive: true,
        ..Surface::current()
    };
    let log = changelog_on(exhaustive, add_fields);
    assert_eq!(
        lines(&log),
        [
            "**breaking** `get-customer-info`: `kyc_request_id` (`Option<String>`) added to `GetCustomerInfoData`; struct literals of `GetCustomerInfoData` must now name it.",
            "**breaking** `onboard-customer`: `state.label` (`Option<String>`) added to `OnboardCustomerState`; struct literals of `OnboardCustomerState` must now name it.",
        ]
    );
    // What the generator makes today: `#[non_exhaustive]` structs.
    let log = changelog(add_fields);
    assert!(
        log.changes.iter().all(|c| c.impact == Impact::Additive),
        "{:#?}",
        lines(&log)
    );
}

#[test]
fn response_fields_removed_or_retyped_are_breaking() {
    let log = changelog(|after| {
        let onboard = endpoint(after, "onboard-customer");
        onboard.response.retain(|field| field.path != "customer_id");
        onboard.response[1].ty = Type::Number;
    });
    assert_eq!(
        lines(&log),
        [
            "**breaking** `onboard-customer`: `customer_id` (`Option<String>`) removed from `OnboardCustomerData`.",
            "**breaking** `onboard-customer`: `state.code` retyped `i64` → `Number` (in `OnboardCustomerState`).",
        ]
    );
}

#[test]
fn a_new_outcome_is_additive_and_a_vanished_one_breaking() {
    let log = changelog(|after| {
        let lookup = endpoint(after, "get-customer-info");
        lookup.outcomes = vec![Outcome {
            status: 2131,
            response_type_id: Some(2131),
            message: "Validate OTP".to_owned(),
        }];
        lookup.response_types.push(ResponseType {
            id: 2131,
            meaning: "OTP sent".to_owned(),
            next: Some("verify-customer-otp".to_owned()),
        });
        lookup.errors.clear();
    });
    assert_eq!(
        lines(&log),
        [
            "**additive** `get-customer-info`: outcome `GetCustomerInfoOutcome::OtpSent` added (next step, `status` 2131, `response_type_id` 2131): such an answer arrived as `Other` before.",
            // Without its error row, the response type that leads nowhere is no longer a refusal.
            "**behaviour** `get-customer-info`: outcome `GetCustomerInfoOutcome::CustomerNotEnrolled`: now next step, any `status`, `response_type_id` 308 (was refusal, any `status`, `response_type_id` 308); its listed scenarios changed.",
            "**breaking** `get-customer-info`: outcome `GetCustomerInfoOutcome::ValidateTheOtp` removed (next step, `status` 2129, `response_type_id` 2129): such an answer now arrives as `Other`.",
        ]
    );
    assert_eq!(log.verdict(), Verdict::Breaking);
}

#[test]
fn an_added_outcome_alone_is_an_additive_patch_release() {
    let log = changelog(|after| {
        endpoint(after, "onboard-customer")
            .errors
            .push(ErrorScenario {
                http_status: 200,
                response_type_id: Some(347),
                scenario: "Customer already exists".to_owned(),
            });
    });
    let change = single(&log);
    assert_eq!(change.impact, Impact::Additive);
    assert!(matches!(
        &change.kind,
        ChangeKind::Outcome(OutcomeChange::VariantAdded { variant, .. }) if variant.name == "CustomerAlreadyExists"
    ));
    assert_eq!(log.verdict(), Verdict::Additive);
    // Before 1.0 an additive release bumps the patch number.
    assert_eq!(next_version("0.3.0", log.verdict()).unwrap(), "0.3.1");
}

#[test]
fn an_outcome_that_changes_kind_is_behaviour() {
    let log = changelog(|after| {
        let lookup = endpoint(after, "get-customer-info");
        lookup.response_types[0].next = Some("onboard-customer".to_owned());
    });
    // The name stays; linking a next step makes the refusal a next step, which
    // `send` and `into_result` answer with `Ok`: a behaviour change, the API stays.
    assert_eq!(
        lines(&log),
        [
            "**behaviour** `get-customer-info`: outcome `GetCustomerInfoOutcome::CustomerNotEnrolled`: now next step, any `status`, `response_type_id` 308 (was refusal, any `status`, `response_type_id` 308); leads to `onboard-customer`."
        ]
    );
    assert_eq!(log.verdict(), Verdict::Compatible);
}

#[test]
fn a_route_change_is_listed_without_api_change() {
    let log = changelog(|after| {
        let setup = endpoint(after, "setup-callback-url");
        setup.method = Method::Post;
        setup.path = "/user/callback-url".to_owned();
    });
    let change = single(&log);
    assert_eq!(change.impact, Impact::Info);
    assert_eq!(
        line(change),
        "**no API change** `setup-callback-url` moved on the wire: `PUT /user/callback` → `POST /user/callback-url`; callers' requests go to the new route."
    );
    assert_eq!(log.verdict(), Verdict::Compatible);
}

#[test]
fn a_call_that_becomes_a_webhook_loses_its_method_and_request() {
    let log = changelog(|after| {
        let setup = endpoint(after, "setup-callback-url");
        setup.kind = EndpointKind::Webhook;
        setup.params.clear();
    });
    let change = single(&log);
    assert_eq!(
        change.kind,
        ChangeKind::Endpoint(EndpointChange::KindChanged {
            before: EndpointKind::Call,
            after: EndpointKind::Webhook,
            unresolved: vec![
                "Client::setup_callback_url".to_owned(),
                "user::SetupCallbackUrlRequest".to_owned(),
                "user::SetupCallbackUrlOutcome".to_owned(),
            ],
        })
    );
    assert_eq!(change.impact, Impact::Breaking);
}

#[test]
fn an_endpoint_moved_to_another_group_is_breaking() {
    let log = changelog(|after| endpoint(after, "setup-callback-url").group = "customer".into());
    let change = single(&log);
    assert_eq!(change.impact, Impact::Breaking);
    assert_eq!(
        line(change),
        "**breaking** `setup-callback-url` moved from group `user` to `customer` (module and feature `customer`): `user::SetupCallbackUrlRequest`, `user::SetupCallbackUrlData`, `user::SetupCallbackUrlOutcome` no longer resolve."
    );
}

fn kyc_group() -> Group {
    Group {
        id: "kyc".to_owned(),
        title: "Verification".to_owned(),
        description: "Identity checks.".to_owned(),
        products: Vec::new(),
        pages: Vec::new(),
    }
}

#[test]
fn a_new_group_adds_a_feature_and_a_removed_one_breaks() {
    let log = changelog(|after| after.shared.groups.push(kyc_group()));
    let change = single(&log);
    assert_eq!(
        (change.impact, &change.group, &change.kind),
        (
            Impact::Additive,
            &"kyc".to_owned(),
            &ChangeKind::Feature(FeatureChange::Added)
        )
    );
    assert_eq!(line(change), "**additive** feature `kyc` added.");

    let log = changelog(|after| {
        after.shared.groups.retain(|group| group.id != "user");
        after.endpoints.retain(|endpoint| endpoint.group != "user");
    });
    let features: Vec<String> = log
        .changes
        .iter()
        .filter(|change| matches!(change.kind, ChangeKind::Feature(_)))
        .map(line)
        .collect();
    assert_eq!(
        features,
        ["**breaking** feature `user` removed: `features = [\"user\"]` no longer resolves."]
    );
}

#[test]
fn versions_bump_by_the_verdict() {
    let cases = [
        ("0.1.0", Verdict::Breaking, "0.2.0"),
        ("0.1.3", Verdict::Additive, "0.1.4"),
        ("0.1.3", Verdict::Compatible, "0.1.4"),
        ("0.9.2", Verdict::Breaking, "0.10.0"),
        ("1.2.3", Verdict::Breaking, "2.0.0"),
        ("1.2.3", Verdict::Additive, "1.3.0"),
        ("1.2.3", Verdict::Compatible, "1.2.4"),
    ];
    for (current, verdict, next) in cases {
        assert_eq!(
            next_version(current, verdict).as_deref(),
            Ok(next),
            "{current} {verdict:?}"
        );
    }
    for bad in ["1.2", "1.2.3.4", "1.2.x", "1.2.3-rc.1", "+1.2.3", ""] {
        assert!(next_version(bad, Verdict::Additive).is_err(), "{bad:?}");
    }
}

const RELEASE_SECTION: &str = "\
## eko-api 0.2.0 — Eko docs 2026-07-20 (from 2026-06-22)

Semver: **breaking** (0.1.0 → 0.2.0): 3 breaking, 6 additive changes. Also listed: 1 note without API change.

### Cargo features

- **additive** feature `kyc` added.

### Endpoints

- **additive** `customer-profile` renamed from `get-customer-info`: the old names `Client::get_customer_info`, `customer::GetCustomerInfoRequest`, `customer::GetCustomerInfoData`, `customer::GetCustomerInfoOutcome` stay as `#[deprecated]` aliases.
- **no API change** `onboard-customer` moved on the wire: `POST /customer/account/{customer_id}` → `POST /customer/account/{customer_id}/onboard`; callers' requests go to the new route.
- **additive** `mobile-otp-send` added: `Client::mobile_otp_send` (`POST /tools/kyc/mobile/otp`).
- **additive** `setup-callback-url` deprecated: Eko removed it in 2026-07-20; `Client::setup_callback_url` stays, `#[deprecated]`.

### Request parameters

- **additive** `onboard-customer`: optional `dob` (`Option<String>`) added to `OnboardCustomerRequest`, with a setter.
- **breaking** `onboard-customer`: `residence_address` retyped `Vec<String>` → `OnboardCustomerResidenceAddress` (in `OnboardCustomerRequest`).

### Response fields

- **additive** `customer-profile`: `kyc_request_id` (`Option<String>`) added to `CustomerProfileData`.
- **breaking** `onboard-customer`: `state.code` retyped `i64` → `String` (in `OnboardCustomerState`).

### Outcomes

- **breaking** `customer-profile`: outcome `CustomerProfileOutcome::ValidateTheOtp` removed (next step, `status` 2129, `response_type_id` 2129): such an answer now arrives as `Other`.
";

#[test]
fn the_release_fixture_renders_as_expected() {
    let log = compare(
        &fixture("release", "before"),
        &fixture("release", "after"),
        Surface::current(),
    )
    .unwrap();
    let section = render_section(&log, "0.1.0").unwrap();
    assert_eq!(section, RELEASE_SECTION, "got:\n{section}");
}

const INTRO: &str = "# Changelog\n\nGenerated sections, newest first.\n";

#[test]
fn changelog_sections_are_keyed_by_docs_version() {
    let older = "## eko-api 0.1.0 — Eko docs 2026-06-22 (from 2026-05-01)\n\nSemver: ...\n";
    let file = upsert_section(INTRO, "2026-06-22", older);
    assert_eq!(file, format!("{INTRO}\n{older}"));

    let newer = RELEASE_SECTION;
    let once = upsert_section(&file, "2026-07-20", newer);
    assert_eq!(once, format!("{INTRO}\n{newer}\n{older}"));
    assert_eq!(
        upsert_section(&once, "2026-07-20", newer),
        once,
        "idempotent"
    );

    // Re-rendering an import replaces its section, wherever it is.
    let revised = newer.replace("0.2.0", "0.3.0");
    let replaced = upsert_section(&once, "2026-07-20", &revised);
    assert_eq!(replaced, format!("{INTRO}\n{revised}\n{older}"));
    let revised_older = older.replace("Semver: ...", "Semver: revised");
    assert_eq!(
        upsert_section(&replaced, "2026-06-22", &revised_older),
        format!("{INTRO}\n{revised}\n{revised_older}")
    );
}

#[test]
fn a_new_changelog_file_gets_a_title() {
    let section = "## eko-api 0.1.1 — Eko docs 2026-07-20 (from 2026-06-22)\n\nSemver: x\n";
    let file = upsert_section("", "2026-07-20", section);
    assert_eq!(file, format!("# Changelog\n\n{section}"));
    assert_eq!(upsert_section(&file, "2026-07-20", section), file);
}

#[test]
fn section_headings_name_their_docs_version() {
    assert_eq!(
        section_docs_version("## eko-api 0.2.0 — Eko docs 2026-07-20 (from 2026-06-22)"),
        Some("2026-07-20")
    );
    assert_eq!(section_docs_version("### Endpoints"), None);
    assert_eq!(section_docs_version("## Unreleased"), None);
}
