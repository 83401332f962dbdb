//! Which product group (Rust module and cargo feature) each endpoint belongs to.
//!
//! A group, once given, is kept: moving an endpoint to another module would break its
//! callers, so an endpoint known to the spec (under its id or a former name) stays
//! where it is. A new endpoint goes to the group that claims its product page, or to
//! the group its sibling pages (same product) already live in — which then claims the
//! product — or to a group listing its slug; a product nobody claims gets a new group,
//! and a page without any of these goes to the `other` group. Groups are only ever
//! added, so a consumer's cargo features keep compiling across docs versions.

use super::error::ImportError;
use eko_spec::{Endpoint, Group};
use heck::{ToSnakeCase, ToTitleCase};
use std::collections::BTreeMap;

/// The group of pages that link no product and that no group lists.
pub const FALLBACK_GROUP: &str = "other";

/// Assigns a group to every endpoint still without one; extends `groups` as needed.
/// Returns report lines.
pub fn assign(endpoints: &mut [Endpoint], groups: &mut Vec<Group>) -> Vec<ImportError> {
    let mut report = Vec::new();
    // Products whose pages already have a group in this import: their siblings follow.
    let mut by_sibling: BTreeMap<String, String> = BTreeMap::new();
    for endpoint in endpoints
        .iter()
        .filter(|endpoint| !endpoint.group.is_empty())
    {
        if let Some(product) = &endpoint.source.product {
            by_sibling
                .entry(product.clone())
                .or_insert_with(|| endpoint.group.clone());
        }
    }
    for endpoint in endpoints
        .iter_mut()
        .filter(|endpoint| endpoint.group.is_empty())
    {
        let product = endpoint.source.product.clone();
        let claimed = product.as_ref().and_then(|product| {
            groups
                .iter()
                .find(|group| group.products.contains(product))
                .map(|group| group.id.clone())
        });
        let listed = groups
            .iter()
            .find(|group| group.pages.contains(&endpoint.id))
            .map(|group| group.id.clone());
        let sibling = product
            .as_ref()
            .and_then(|product| by_sibling.get(product).cloned());
        let group = if let Some(group) = claimed.or(listed) {
            group
        } else if let (Some(group), Some(product)) = (sibling, &product) {
            claim(groups, &group, product);
            report.push(line(
                endpoint,
                format!("product `{product}` joins group `{group}`, where its other pages are"),
            ));
            group
        } else if let Some(product) = &product {
            let id = group_id(product);
            if !groups.iter().any(|group| group.id == id) {
                groups.push(Group {
                    id: id.clone(),
                    title: title(product),
                    description: format!("Endpoints of Eko's `{product}` product."),
                    products: Vec::new(),
                    pages: Vec::new(),
                });
                report.push(line(
                    endpoint,
                    format!(
                        "new group `{id}` (a new module and cargo feature) for product `{product}`"
                    ),
                ));
            }
            claim(groups, &id, product);
            id
        } else {
            if !groups.iter().any(|group| group.id == FALLBACK_GROUP) {
                groups.push(Group {
                    id: FALLBACK_GROUP.to_owned(),
                    title: "Other endpoints".to_owned(),
                    description: "Endpoints whose pages link no product page.".to_owned(),
                    products: Vec::new(),
                    pages: Vec::new(),
                });
            }
            report.push(line(endpoint, format!("the page links no product and no group lists it: placed in group `{FALLBACK_GROUP}`")));
            FALLBACK_GROUP.to_owned()
        };
        if let Some(product) = &product {
            by_sibling
                .entry(product.clone())
                .or_insert_with(|| group.clone());
        }
        endpoint.group = group;
    }
    report
}

fn claim(groups: &mut [Group], id: &str, product: &str) {
    if let Some(group) = groups.iter_mut().find(|group| group.id == id)
        && !group.products.iter().any(|known| known == product)
    {
        group.products.push(product.to_owned());
        group.products.sort();
    }
}

fn line(endpoint: &Endpoint, problem: String) -> ImportError {
    ImportError::new(&endpoint.source.page, 1, problem)
}

/// `mobile-otp-verification-api` → `mobile_otp_verification`.
fn group_id(product: &str) -> String {
    product
        .strip_suffix("-api")
        .unwrap_or(product)
        .to_snake_case()
}

fn title(product: &str) -> String {
    product
        .strip_suffix("-api")
        .unwrap_or(product)
        .to_title_case()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_ids_become_module_names() {
        assert_eq!(
            group_id("mobile-otp-verification-api"),
            "mobile_otp_verification"
        );
        assert_eq!(title("bank-info"), "Bank Info");
    }
}
