//! Derives the names the runtime's `Client` already has from the runtime's own sources,
//! so that the generator can keep endpoints' method names clear of them.
//!
//! Why here rather than a hand-kept list checked by a test, or a parse at generation
//! time: a list derived when `codegen` is built cannot go stale (every change to the
//! runtime's sources rebuilds it), and `ir::build` stays a function of the spec alone,
//! with no files to find, so the fuzz targets, the changelog (which lowers old specs)
//! and scratch copies of the workspace get the same names without being told where the
//! runtime lives.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::{env, fs};

/// The runtime type whose methods an endpoint's method must not collide with.
const CLIENT: &str = "Client";

fn main() {
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let runtime = manifest_dir.join("../eko-api/src");
    let mut names = BTreeSet::new();
    for file in sources(&runtime) {
        println!("cargo::rerun-if-changed={}", file.display());
        let text = fs::read_to_string(&file)
            .unwrap_or_else(|error| panic!("reading {}: {error}", file.display()));
        let parsed = syn::parse_file(&text)
            .unwrap_or_else(|error| panic!("parsing {}: {error}", file.display()));
        collect(&parsed.items, &file, &mut names);
    }
    assert!(
        !names.is_empty(),
        "no methods of `{CLIENT}` found below {}",
        runtime.display()
    );
    let list: Vec<String> = names.iter().map(|name| format!("{name:?}")).collect();
    let out =
        PathBuf::from(env::var_os("OUT_DIR").expect("set by cargo")).join("client_methods.rs");
    fs::write(
        out,
        format!(
            "/// Methods the runtime's `Client` already has (derived by `build.rs` from\n\
             /// `eko-api/src`); an endpoint may not take these names.\n\
             pub const CLIENT_METHODS: &[&str] = &[{}];\n",
            list.join(", ")
        ),
    )
    .expect("writing the list of client methods");
}

/// Every hand-written source file of the runtime: the generated modules are left out,
/// since their methods are the ones being named. A new file is declared in a file
/// already watched, so watching the files (not the folders, which would include the
/// generated code) is enough to notice it.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let entries =
        fs::read_dir(dir).unwrap_or_else(|error| panic!("reading {}: {error}", dir.display()));
    for entry in entries {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            if path.file_name().is_some_and(|name| name != "generated") {
                files.extend(sources(&path));
            }
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The names of `Client`'s methods among `items`: every function of an inherent `impl`
/// (of any visibility: a private one collides as much as a public one), of a trait
/// `impl`, and of the derives on the struct (a generated method would shadow them).
fn collect(items: &[syn::Item], file: &Path, names: &mut BTreeSet<String>) {
    for item in items {
        match item {
            syn::Item::Impl(block) if is_client(&block.self_ty) => {
                names.extend(block.items.iter().filter_map(|item| match item {
                    syn::ImplItem::Fn(function) => Some(function.sig.ident.to_string()),
                    _ => None,
                }));
            }
            syn::Item::Struct(item) if item.ident == CLIENT => {
                for derive in derives(&item.attrs) {
                    let methods = derived_methods(&derive).unwrap_or_else(|| {
                        panic!(
                            "{}: `{CLIENT}` derives `{derive}`, whose methods build.rs does not know; add them to `derived_methods`",
                            file.display()
                        )
                    });
                    names.extend(methods.iter().map(|name| (*name).to_owned()));
                }
            }
            syn::Item::Mod(module) => {
                if let Some((_, items)) = &module.content {
                    collect(items, file, names);
                }
            }
            _ => {}
        }
    }
}

/// Whether the type is `Client` (`Client`, `crate::Client`, `super::Client`).
fn is_client(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|segment| segment.ident == CLIENT),
        _ => false,
    }
}

/// The trait names in `#[derive(...)]` attributes.
fn derives(attrs: &[syn::Attribute]) -> Vec<String> {
    let mut names = Vec::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("derive")) {
        attr.parse_nested_meta(|meta| {
            if let Some(last) = meta.path.segments.last() {
                names.push(last.ident.to_string());
            }
            Ok(())
        })
        .expect("a derive lists paths");
    }
    names
}

/// The methods a standard derive gives a type.
fn derived_methods(derive: &str) -> Option<&'static [&'static str]> {
    Some(match derive {
        "Clone" => &["clone", "clone_from"],
        "Copy" | "Eq" => &[],
        "Debug" => &["fmt"],
        "Default" => &["default"],
        "PartialEq" => &["eq", "ne"],
        "Hash" => &["hash", "hash_slice"],
        "PartialOrd" => &["partial_cmp", "lt", "le", "gt", "ge"],
        "Ord" => &["cmp", "max", "min", "clamp"],
        _ => return None,
    })
}
