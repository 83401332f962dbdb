//! How an import of a whole docs version carries each endpoint's history forward.
//!
//! The spec before the import is the memory: an endpoint keeps the version it first
//! appeared in, its former names and its group (its Rust module). An endpoint whose page
//! is gone is either renamed — a new page with the same method and path, or one an
//! override declares — or removed: then it stays in the spec, marked with the version
//! that dropped it, and is generated `#[deprecated]` until `cargo xtask prune`.

use super::error::ImportError;
use eko_spec::{Alias, Endpoint};
use std::collections::{BTreeMap, BTreeSet};

/// What the lifecycle step decided, for the report and for the files to write.
#[derive(Debug, Default)]
pub struct Decisions {
    /// Old ids whose endpoint got a new name: (old, new).
    pub renamed: Vec<(String, String)>,
    /// Old endpoints whose page is gone, now marked removed (to rewrite).
    pub removed: Vec<Endpoint>,
    /// Ids that are new in this version.
    pub added: Vec<String>,
    /// Ids whose page came back after being removed.
    pub restored: Vec<String>,
}

/// Carries history from `old` (the spec before the import) into `new` (the imported
/// endpoints). `version` is the docs version imported when a whole folder was read; only
/// then can a missing page mean a removal.
pub fn carry(
    old: &BTreeMap<String, Endpoint>,
    new: &mut [Endpoint],
    version: Option<&str>,
) -> Result<Decisions, Vec<ImportError>> {
    let mut decisions = Decisions::default();
    let mut errors = Vec::new();
    let new_ids: BTreeSet<String> = new.iter().map(|endpoint| endpoint.id.clone()).collect();

    // Renames an override declares arrive as aliases without a group or version.
    let mut declared: BTreeSet<String> = BTreeSet::new();
    for endpoint in new.iter_mut() {
        // Declared again on a later import: the spec already records the rename.
        let known = old
            .get(&endpoint.id)
            .map(|before| &before.lifecycle.renamed_from);
        endpoint.lifecycle.renamed_from.retain(|alias| {
            !(alias.group.is_empty()
                && known.is_some_and(|known| known.iter().any(|k| k.id == alias.id)))
        });
        for alias in endpoint
            .lifecycle
            .renamed_from
            .iter_mut()
            .filter(|alias| alias.group.is_empty())
        {
            match old.get(&alias.id) {
                Some(former) => {
                    alias.group = former.group.clone();
                    alias.version = version.unwrap_or(&endpoint.source.version).to_owned();
                    declared.insert(alias.id.clone());
                }
                None => errors.push(ImportError::new(
                    &endpoint.source.page,
                    1,
                    format!(
                        "an override renames `{}` to `{}`, but the spec has no endpoint `{}`",
                        alias.id, endpoint.id, alias.id
                    ),
                )),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    // Pages gone in this version: renamed when exactly one new page has the same
    // method and path (and it has no other candidate), otherwise removed.
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    if let Some(version) = version {
        let gone: Vec<&Endpoint> = old
            .values()
            .filter(|endpoint| !new_ids.contains(&endpoint.id) && !declared.contains(&endpoint.id))
            .filter(|endpoint| !endpoint.is_removed())
            .collect();
        let fresh: Vec<&Endpoint> = new
            .iter()
            .filter(|endpoint| !old.contains_key(&endpoint.id))
            .collect();
        let same_call = |a: &Endpoint, b: &Endpoint| a.method == b.method && a.path == b.path;
        for former in &gone {
            let candidates: Vec<&&Endpoint> =
                fresh.iter().filter(|e| same_call(former, e)).collect();
            let rivals = gone.iter().filter(|other| same_call(other, former)).count();
            if let [successor] = candidates[..]
                && rivals == 1
            {
                renames.insert(successor.id.clone(), former.id.clone());
            } else {
                let mut removed = (*former).clone();
                removed.lifecycle.removed = Some(version.to_owned());
                decisions.removed.push(removed);
            }
        }
        for (successor, former) in &renames {
            let endpoint = new
                .iter_mut()
                .find(|endpoint| &endpoint.id == successor)
                .expect("a rename's successor is among the imported endpoints");
            endpoint.lifecycle.renamed_from.push(Alias {
                id: former.clone(),
                group: old[former].group.clone(),
                version: version.to_owned(),
            });
            declared.insert(former.clone());
        }
    }

    for endpoint in new.iter_mut() {
        // The oldest known name decides the history: the endpoint itself, or the former
        // endpoint it was renamed from.
        let former = endpoint
            .lifecycle
            .renamed_from
            .iter()
            .rev()
            .find_map(|alias| old.get(&alias.id));
        if let Some(before) = old.get(&endpoint.id) {
            endpoint.lifecycle.since = before.lifecycle.since.clone();
            merge_aliases(
                &mut endpoint.lifecycle.renamed_from,
                &before.lifecycle.renamed_from,
            );
            endpoint.group = before.group.clone();
            if before.is_removed() {
                decisions.restored.push(endpoint.id.clone());
            }
        } else if let Some(before) = former {
            endpoint.lifecycle.since = before.lifecycle.since.clone();
            merge_aliases(
                &mut endpoint.lifecycle.renamed_from,
                &before.lifecycle.renamed_from,
            );
            endpoint.group = before.group.clone();
            let from = endpoint
                .lifecycle
                .renamed_from
                .last()
                .map(|alias| alias.id.clone())
                .unwrap_or_default();
            decisions.renamed.push((from, endpoint.id.clone()));
        } else {
            decisions.added.push(endpoint.id.clone());
        }
    }
    Ok(decisions)
}

/// `earlier` aliases go first (oldest first), without repeating one.
fn merge_aliases(current: &mut Vec<Alias>, earlier: &[Alias]) {
    let mut merged: Vec<Alias> = earlier.to_vec();
    for alias in current.drain(..) {
        if !merged.iter().any(|known| known.id == alias.id) {
            merged.push(alias);
        }
    }
    *current = merged;
}

#[cfg(test)]
mod tests {
    use super::*;
    use eko_spec::{Examples, Lifecycle, Method, Source};

    fn endpoint(id: &str, path: &str, since: &str) -> Endpoint {
        Endpoint {
            id: id.into(),
            name: id.into(),
            summary: String::new(),
            description: None,
            group: "aeps".into(),
            kind: Default::default(),
            method: Method::Post,
            path: path.into(),
            body: Default::default(),
            source: Source {
                url: String::new(),
                page: format!("{id}.md"),
                version: since.into(),
                product: None,
            },
            lifecycle: Lifecycle {
                since: since.into(),
                ..Lifecycle::default()
            },
            params: Vec::new(),
            response: Vec::new(),
            outcomes: Vec::new(),
            errors: Vec::new(),
            response_types: Vec::new(),
            value_lists: Vec::new(),
            notes: Vec::new(),
            examples: Examples {
                request: None,
                response: "{}".into(),
                response_note: None,
            },
            request_hash: Vec::new(),
            fixes: Vec::new(),
        }
    }

    #[test]
    fn a_page_with_the_same_call_is_a_rename_and_a_lost_page_a_removal() {
        let old: BTreeMap<String, Endpoint> = [
            endpoint("aeps-balance", "/aeps/balance", "v1"),
            endpoint("payout", "/payout", "v1"),
            endpoint("kept", "/kept", "v1"),
        ]
        .into_iter()
        .map(|endpoint| (endpoint.id.clone(), endpoint))
        .collect();
        let mut new = vec![
            endpoint("aeps-fingpay-balance", "/aeps/balance", "v2"),
            endpoint("kept", "/kept", "v2"),
            endpoint("fresh", "/fresh", "v2"),
        ];
        let decisions = carry(&old, &mut new, Some("v2")).unwrap();
        assert_eq!(
            decisions.renamed,
            [("aeps-balance".to_owned(), "aeps-fingpay-balance".to_owned())]
        );
        assert_eq!(new[0].lifecycle.since, "v1");
        assert_eq!(new[0].lifecycle.renamed_from[0].id, "aeps-balance");
        assert_eq!(decisions.removed.len(), 1);
        assert_eq!(
            decisions.removed[0].lifecycle.removed.as_deref(),
            Some("v2")
        );
        assert_eq!(decisions.added, ["fresh"]);
        assert_eq!(new[2].lifecycle.since, "v2");
    }

    #[test]
    fn a_declared_rename_carries_history_and_is_idempotent() {
        let old: BTreeMap<String, Endpoint> = [endpoint("old-name", "/v1/thing", "v1")]
            .into_iter()
            .map(|endpoint| (endpoint.id.clone(), endpoint))
            .collect();
        let declared = |endpoint: &mut Endpoint| {
            endpoint.lifecycle.renamed_from.push(Alias {
                id: "old-name".into(),
                group: String::new(),
                version: String::new(),
            })
        };
        let mut new = vec![endpoint("new-name", "/v2/thing", "v2")];
        declared(&mut new[0]);
        let decisions = carry(&old, &mut new, Some("v2")).unwrap();
        assert_eq!(
            decisions.renamed,
            [("old-name".to_owned(), "new-name".to_owned())]
        );
        assert!(decisions.removed.is_empty());
        assert_eq!(new[0].lifecycle.since, "v1");
        assert_eq!(new[0].lifecycle.renamed_from[0].version, "v2");
        // The next import of the same version sees the rename already recorded.
        let old: BTreeMap<String, Endpoint> =
            [(new[0].id.clone(), new[0].clone())].into_iter().collect();
        let mut again = vec![endpoint("new-name", "/v2/thing", "v2")];
        declared(&mut again[0]);
        carry(&old, &mut again, Some("v2")).unwrap();
        assert_eq!(
            again[0].lifecycle.renamed_from,
            old["new-name"].lifecycle.renamed_from
        );
    }

    #[test]
    fn two_lost_pages_on_one_call_are_removals_not_guesses() {
        let old: BTreeMap<String, Endpoint> =
            [endpoint("a", "/same", "v1"), endpoint("b", "/same", "v1")]
                .into_iter()
                .map(|endpoint| (endpoint.id.clone(), endpoint))
                .collect();
        let mut new = vec![endpoint("c", "/same", "v2")];
        let decisions = carry(&old, &mut new, Some("v2")).unwrap();
        assert!(decisions.renamed.is_empty());
        assert_eq!(decisions.removed.len(), 2);
    }
}
