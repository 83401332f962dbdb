//! The mock's modules form layers: no module reaches, directly or through others, a
//! module that depends on it. Read from the source: every `crate::` path outside
//! comments, strings and `#[cfg(test)]` modules is an edge.
//!
//! `lib.rs` declares every module, so it sits on top: a module naming one of its
//! re-exports (`crate::MockConfig`) depends on the module that defines it, and a module
//! naming an item `lib.rs` defines itself would close a cycle through `lib.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

const LIB: &str = "lib";

#[test]
fn the_modules_form_no_cycle() {
    let graph = module_graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    // The parse found something: the handler uses several modules.
    assert!(
        graph.get("handler").is_some_and(|deps| deps.len() >= 3),
        "the graph looks empty: {graph:#?}"
    );
    let cycles = cycles(&graph);
    assert!(
        cycles.is_empty(),
        "import cycles between eko-mock's modules:\n{}\n\nthe graph:\n{}",
        cycles
            .iter()
            .map(|cycle| format!("  {}", cycle.join(" -> ")))
            .collect::<Vec<_>>()
            .join("\n"),
        render(&graph)
    );
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let graph: Graph = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(module, deps)| {
        (
            module.to_owned(),
            deps.into_iter().map(str::to_owned).collect(),
        )
    })
    .collect();
    assert_eq!(cycles(&graph), [["a", "b", "c", "a"]]);
    let code =
        blank("let s = \"crate::x {\"; // crate::y\nuse crate::{z::W, q};\n/* crate::p */ '{';");
    assert!(!code.contains("crate::x") && !code.contains("crate::y") && !code.contains("crate::p"));
    assert_eq!(paths(&code), ["z", "q"]);
    let code = blank(
        "fn f() {}\n#[cfg(test)]\nmod tests {\n use crate::t; fn g() { '}'; }\n}\nuse crate::after;",
    );
    assert_eq!(paths(&without_test_modules(&code)), ["after"]);
}

/// Module → the modules its non-test code names.
fn module_graph(src: &Path) -> Graph {
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs reads");
    let lib = blank(&lib);
    let modules: BTreeSet<String> = lib
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line
                .strip_prefix("pub mod ")
                .or_else(|| line.strip_prefix("pub(crate) mod "))
                .or_else(|| line.strip_prefix("mod "))?;
            rest.strip_suffix(';').map(str::to_owned)
        })
        .collect();
    let reexports = reexports(&lib, &modules);
    let mut graph = Graph::new();
    for module in &modules {
        let path = src.join(format!("{module}.rs"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let code = without_test_modules(&blank(&text));
        let deps = paths(&code)
            .into_iter()
            .map(|first| {
                if modules.contains(&first) {
                    first
                } else {
                    reexports.get(&first).cloned().unwrap_or(LIB.to_owned())
                }
            })
            .filter(|dep| dep != module)
            .collect();
        graph.insert(module.clone(), deps);
    }
    graph.insert(LIB.to_owned(), modules);
    graph
}

/// Names `lib.rs` re-exports (`pub use module::{A, B};`), each with its module.
fn reexports(lib: &str, modules: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for statement in lib.split(';') {
        let Some(rest) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, names)) = rest.split_once("::") else {
            continue;
        };
        if !modules.contains(module.trim()) {
            continue;
        }
        for name in names.split([',', '{', '}']) {
            let name = name.trim();
            let name = name.rsplit(" as ").next().unwrap_or(name).trim();
            if !name.is_empty() {
                found.insert(name.to_owned(), module.trim().to_owned());
            }
        }
    }
    found
}

/// The first segment of every `crate::` path in `code` (each member of a
/// `crate::{...}` group counts).
fn paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let preceded_by_ident = rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        rest = &rest[at + "crate::".len()..];
        if preceded_by_ident {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|(_, c)| {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .map_or(group.len(), |(index, _)| index);
            let mut depth = 0;
            for item in group[..end].split(|c| {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                c == ',' && depth == 0
            }) {
                let first = identifier(item.trim_start());
                if !first.is_empty() {
                    found.push(first);
                }
            }
        } else {
            let first = identifier(rest);
            if !first.is_empty() {
                found.push(first);
            }
        }
    }
    found
}

fn identifier(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// `code` with comments, string literals and char literals replaced by spaces
/// (newlines kept), so that only Rust tokens remain.
fn blank(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len());
    let mut i = 0;
    let keep = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(keep(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && matches!(next, Some('"') | Some('#'))
            && !chars[..i]
                .last()
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // A raw string: r"...", r#"..."#, ...
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                match chars.get(j) {
                    None => break,
                    Some('"') if (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) => {
                        j += 1 + hashes;
                        break;
                    }
                    Some(_) => j += 1,
                }
            }
            for &skipped in &chars[i..j.min(chars.len())] {
                out.push(keep(skipped));
            }
            i = j;
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(keep(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{7f}'), else a lifetime or label.
            let end = if next == Some('\\') {
                chars[i + 2..]
                    .iter()
                    .position(|&d| d == '\'')
                    .map(|at| i + 2 + at)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    for _ in i..=end {
                        out.push(' ');
                    }
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Blanked `code` without the modules marked `#[cfg(test)]`.
fn without_test_modules(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "#[cfg(test)]".len()..];
        let is_module = after.trim_start().starts_with("mod ")
            || after.trim_start().starts_with("pub(crate) mod ");
        let open = after.find(['{', ';']);
        match (is_module, open) {
            (true, Some(open)) if after[open..].starts_with('{') => {
                let mut depth = 0;
                let mut end = after.len();
                for (index, c) in after[open..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = open + index + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                rest = &after[end..];
            }
            _ => rest = after,
        }
    }
    out.push_str(rest);
    out
}

/// One cycle through each module caught in one, as a path `a -> ... -> a`; a module
/// on a reported cycle starts no other.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut reported: BTreeSet<String> = BTreeSet::new();
    for start in graph.keys() {
        if reported.contains(start) {
            continue;
        }
        if let Some(path) = path_back(graph, start) {
            reported.extend(path.iter().cloned());
            found.push(path);
        }
    }
    found
}

/// The shortest path from `start` back to itself, if any.
fn path_back(graph: &Graph, start: &str) -> Option<Vec<String>> {
    let mut previous: BTreeMap<String, String> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start.to_owned()]);
    while let Some(module) = queue.pop_front() {
        for dep in graph.get(&module).into_iter().flatten() {
            if dep == start {
                let mut chain = vec![module.clone()];
                let mut at = module.clone();
                while at != start {
                    at = previous[&at].clone();
                    chain.push(at.clone());
                }
                chain.reverse();
                chain.push(start.to_owned());
                return Some(chain);
            }
            if !previous.contains_key(dep) && dep != start {
                previous.insert(dep.clone(), module.clone());
                queue.push_back(dep.clone());
            }
        }
    }
    None
}

fn render(graph: &Graph) -> String {
    graph
        .iter()
        .filter(|(module, _)| module.as_str() != LIB)
        .map(|(module, deps)| {
            let deps: Vec<&str> = deps.iter().map(String::as_str).collect();
            format!("  {module} -> {}", deps.join(", "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}
