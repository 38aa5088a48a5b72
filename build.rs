//! Embeds every rule file under `rules/` in the binary, so mtqc works with no files on disk,
//! and writes the character property table the text analysis reads (`build/props.rs`).

use std::fs;
use std::path::Path;

#[path = "build/props.rs"]
mod props;

fn main() {
    println!("cargo:rerun-if-changed=build/props.rs");
    let table = props::table();
    let out_dir = std::env::var("OUT_DIR").unwrap();
    fs::write(Path::new(&out_dir).join("props_table.rs"), table).unwrap();
    let root = Path::new("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    let mut packs: Vec<_> = fs::read_dir(root)
        .expect("rules/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    packs.sort();
    for pack in packs {
        println!("cargo:rerun-if-changed={}", pack.display());
        let mut entries: Vec<_> = fs::read_dir(&pack)
            .expect("pack dir readable")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        entries.sort();
        for file in entries {
            println!("cargo:rerun-if-changed={}", file.display());
            let rel = file
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let abs = fs::canonicalize(&file).unwrap();
            files.push(format!(
                "({rel:?}, include_str!({:?})),",
                abs.display().to_string()
            ));
        }
    }
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_rules.rs");
    fs::write(out, format!("&[\n{}\n]", files.join("\n"))).unwrap();
}
