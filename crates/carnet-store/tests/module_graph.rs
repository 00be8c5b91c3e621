//! The store's modules are layered, and no module imports one that imports it back.
//!
//! This reads the crate's source files, finds every `crate::…` and `super::…` path in each
//! module's own code (its tests left out: test code may reach anywhere), and builds the graph
//! of which module
//! refers to which. The crate root (`lib.rs`) is left out of the graph: it declares and
//! re-exports every module and defines `Store` and `StoreError`, which every module uses.
//!
//! It fails on any cycle (and prints it), and on a reference that goes up the layers:
//! a leaf (`codec`, `rows`, `cipher`, `clock`, `files`, `migrations`) importing anything but a leaf,
//! a table module (`tables::*`) importing an operation (`ops::*`), the unit of work or the
//! backups.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Modules that import no table, operation, unit of work or backup.
const LEAVES: &[&str] = &["codec", "rows", "cipher", "clock", "files", "migrations"];

/// A module's path (`tables::customers`) for a source file's path under `src`
/// (`tables/customers.rs`); `None` for the crate root and for test code.
fn module_of(file: &str) -> Option<String> {
    let file = file.strip_suffix(".rs")?;
    if file == "lib" {
        return None;
    }
    let parts: Vec<&str> = file.split('/').collect();
    if parts.iter().any(|p| *p == "tests" || *p == "test_support") {
        return None;
    }
    let parts = match parts.split_last() {
        Some((&"mod", rest)) => rest,
        _ => &parts[..],
    };
    Some(parts.join("::"))
}

/// A module's own code: the text before its first `#[cfg(test)]` item, without comments.
fn own_code(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let code = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        out.push_str(code);
        out.push('\n');
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every path the code of `module` names from the crate's root: after `crate::` (a
/// `use crate::{a, b::{c, d}}` gives `a`, `b::c` and `b::d`), or after `super::` (from the
/// module's parent), each as its segments.
fn crate_paths(module: &str, text: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut rest = text;
    loop {
        let next = ["crate::", "super::"]
            .iter()
            .filter_map(|k| rest.find(k).map(|i| (i, *k)))
            .min();
        let Some((i, keyword)) = next else {
            break;
        };
        let before = rest[..i].chars().next_back();
        rest = &rest[i + keyword.len()..];
        if before.is_some_and(|c| is_ident(c) || c == ':') {
            continue;
        }
        let mut base: Vec<String> = Vec::new();
        if keyword == "super::" {
            base = module.split("::").map(str::to_owned).collect();
            base.pop();
            while let Some(after) = rest.strip_prefix("super::") {
                base.pop();
                rest = after;
            }
        }
        let (found, used) = path_tree(rest);
        for path in found {
            let mut full = base.clone();
            full.extend(path);
            paths.push(full);
        }
        rest = &rest[used..];
    }
    paths
}

/// The paths a path or a `{…}` group at the start of `text` names, and how many bytes it took.
fn path_tree(text: &str) -> (Vec<Vec<String>>, usize) {
    let mut prefix: Vec<String> = Vec::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b'{' {
            // A group: each item is a path of its own under the prefix.
            i += 1;
            let mut found = Vec::new();
            loop {
                while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b',') {
                    i += 1;
                }
                if i >= bytes.len() || bytes[i] == b'}' {
                    i += 1;
                    break;
                }
                let (inner, used) = path_tree(&text[i..]);
                if used == 0 {
                    i += 1;
                    continue;
                }
                for p in inner {
                    let mut full = prefix.clone();
                    full.extend(p);
                    found.push(full);
                }
                i += used;
            }
            return (found, i);
        }
        let start = i;
        while i < bytes.len() && is_ident(char::from(bytes[i])) {
            i += 1;
        }
        if i == start {
            return (vec![prefix], i);
        }
        prefix.push(text[start..i].to_owned());
        if text[i..].starts_with("::") {
            i += 2;
        } else {
            // `self` in a group names the prefix itself.
            if prefix.last().is_some_and(|s| s == "self") {
                prefix.pop();
            }
            return (vec![prefix], i);
        }
    }
}

/// Which module refers to which, from source files given as (path under `src`, text).
fn graph(files: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = files.iter().filter_map(|(f, _)| module_of(f)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, text) in files {
        let Some(from) = module_of(file) else {
            continue;
        };
        let targets = edges.entry(from.clone()).or_default();
        for path in crate_paths(&from, &own_code(text)) {
            // The longest prefix of the path that is a module.
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].join("::"))
                .find(|m| modules.contains(m));
            if let Some(to) = target
                && to != from
                && !from.starts_with(&format!("{to}::"))
            {
                targets.insert(to);
            }
        }
    }
    edges
}

/// A cycle of the graph (its modules in order, the first repeated at the end), if any.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        if let Some(cycle) = visit(node, edges, &mut Vec::new(), &mut done) {
            return Some(cycle);
        }
    }
    None
}

/// The references that go up the layers, as `from -> to`.
fn upward(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let layer = |m: &str| -> u8 {
        if LEAVES.contains(&m) {
            0
        } else if m.starts_with("tables::") {
            1
        } else {
            2
        }
    };
    let mut found = Vec::new();
    for (from, targets) in edges {
        for to in targets {
            if layer(to) > layer(from) {
                found.push(format!("{from} -> {to}"));
            }
        }
    }
    found
}

/// Every `.rs` file under `dir`, as (path relative to `root`, text).
fn sources(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("the source folder")
        .map(|e| e.expect("an entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(root).expect("under src");
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push((name, std::fs::read_to_string(&path).expect("readable")));
        }
    }
}

fn the_crate() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &src, &mut files);
    graph(&files)
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let edges = the_crate();
    // The graph is the crate's: the layers are all there.
    for module in [
        "codec",
        "rows",
        "tables::customers",
        "ops::customer",
        "unit",
    ] {
        assert!(edges.contains_key(module), "{module} is read");
    }
    assert!(
        edges["ops::customer"].contains("tables::customers"),
        "{:?}",
        edges["ops::customer"]
    );
    if let Some(cycle) = find_cycle(&edges) {
        panic!("modules import each other: {}", cycle.join(" -> "));
    }
}

#[test]
fn imports_go_down_the_layers() {
    let up = upward(&the_crate());
    assert!(up.is_empty(), "imports up the layers: {up:#?}");
}

fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(f, t)| ((*f).to_owned(), (*t).to_owned()))
        .collect()
}

#[test]
fn a_back_import_is_found_as_a_cycle() {
    // The shape the store had: customers and customer_search importing each other, one of
    // them through a group.
    let edges = graph(&files(&[
        (
            "lib.rs",
            "mod customers;\nmod customer_search;\nuse crate::customers::Order;",
        ),
        (
            "customers.rs",
            "use crate::customer_search::{index, unindex};\nuse crate::{Store, codec};",
        ),
        (
            "customer_search.rs",
            "use crate::customers::{Order, SUMMARY_COLUMNS};\n\
             // crate::codec is not read in a comment\n",
        ),
        ("codec.rs", "use crate::StoreError;"),
        ("customers/tests.rs", "use crate::customer_search::index;"),
    ]));
    assert_eq!(
        find_cycle(&edges),
        Some(vec![
            "customer_search".to_owned(),
            "customers".to_owned(),
            "customer_search".to_owned()
        ])
    );
    assert_eq!(
        edges["customers"],
        BTreeSet::from(["customer_search".to_owned(), "codec".to_owned()])
    );
    assert_eq!(
        edges["customer_search"],
        BTreeSet::from(["customers".to_owned()])
    );
    assert!(edges["codec"].is_empty());
}

#[test]
fn a_long_cycle_and_an_upward_import_are_found() {
    let edges = graph(&files(&[
        ("tables/mod.rs", "pub(crate) mod a;"),
        ("tables/a.rs", "fn f() { crate::ops::b::g(); }"),
        (
            "ops/b.rs",
            "use crate::{\n    tables::a,\n    rows::{Batch, collect_rows},\n};",
        ),
        (
            "rows.rs",
            "fn h() { crate::tables::a::f(); }\n#[cfg(test)]\nmod tests;",
        ),
        ("ops/c.rs", "#[cfg(test)]\nmod tests { use crate::ops::b; }"),
        (
            "ops/d.rs",
            "use super::b::Thing;\nfn f() { super::super::rows::h(); }",
        ),
    ]));
    assert_eq!(
        edges["ops::d"],
        BTreeSet::from(["ops::b".to_owned(), "rows".to_owned()]),
        "super:: is read from the module's parent"
    );
    let cycle = find_cycle(&edges).expect("a cycle");
    assert_eq!(cycle.first(), cycle.last());
    assert_eq!(cycle.len(), 4, "{cycle:?}");
    assert!(edges["ops::c"].is_empty(), "test code is left out");
    assert_eq!(
        upward(&edges),
        vec![
            "rows -> tables::a".to_owned(),
            "tables::a -> ops::b".to_owned()
        ]
    );
}
