//! The layering of `docs/architecture.md`, held: a module imports only modules of its own layer
//! or below (`crate::x` paths in `src/`), and modules of one layer do not import each other in a
//! cycle. `cargo test --test architecture` checks it; a new top-level module must be given a
//! layer here and in the document. Unit tests (`#[cfg(test)] mod tests`) may build fixtures
//! with any module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Layers, lowest first: input and text -> kinds and instances -> engine -> findings and
/// scores -> report -> assembly -> the application.
const LAYERS: &[&[&str]] = &[
    &[
        "error", "vocab", "hash", "lang", "template", "fields", "paths", "dropper", "measure",
    ],
    &["input", "text", "lexicon", "glossary"],
    &["checks"],
    &["rules"],
    &["engine"],
    &["findings", "score", "gate"],
    &["report", "baseline", "diff"],
    &["checker", "stream", "large", "examples"],
    &["settings", "config", "output", "cli", "app"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// The top-level module of a file under `src/`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every `crate::name` a file refers to.
fn imports(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let name: String = text[i + "crate::".len()..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
    }
    out
}

/// A file's text without its unit tests (`#[cfg(test)] mod tests`, at the end of a file by
/// habit): a test may build its fixture with a module above (a report made by the checker), the
/// code it tests may not.
fn production(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod tests")
        .map_or(text, |at| &text[..at])
}

#[test]
fn production_code_is_what_is_held() {
    let text = "use crate::text;\n#[cfg(test)]\nmod tests {\n    use crate::checker;\n}\n";
    assert_eq!(
        imports(production(text)).into_iter().collect::<Vec<_>>(),
        ["text"]
    );
}

#[test]
fn no_import_runs_up_the_pipeline_and_no_layer_has_a_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(own) = layer_of(&module) else {
            problems.push(format!(
                "src/{module}: no layer (add it to LAYERS and docs/architecture.md)"
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for name in imports(production(&text)) {
            if name == module {
                continue;
            }
            match layer_of(&name) {
                None => problems.push(format!("{}: crate::{name} has no layer", file.display())),
                Some(l) if l > own => problems.push(format!(
                    "{}: imports crate::{name} (layer {l}) from layer {own}",
                    file.display()
                )),
                Some(l) if l == own => {
                    edges.entry(module.clone()).or_default().insert(name);
                }
                Some(_) => {}
            }
        }
    }
    // Cycles among same-layer imports: depth-first search.
    fn visit(
        m: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        problems: &mut Vec<String>,
    ) {
        if let Some(at) = path.iter().position(|p| p == m) {
            problems.push(format!("import cycle: {} -> {m}", path[at..].join(" -> ")));
            return;
        }
        if !done.insert(m.to_string()) {
            return;
        }
        path.push(m.to_string());
        for n in edges.get(m).into_iter().flatten() {
            visit(n, edges, path, done, problems);
        }
        path.pop();
    }
    let mut done = BTreeSet::new();
    for m in edges.keys() {
        visit(m, &edges, &mut Vec::new(), &mut done, &mut problems);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
