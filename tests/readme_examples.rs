//! README.md's TOML examples, extracted and run, so that they can never be invalid again: every
//! ```toml block must be valid TOML; a definition (a `layout` key or a `[bulletin]` table) must
//! render with `jianbao render --strict`; a batch manifest (`[[bulletins]]`) must run with
//! `jianbao batch`, each definition it names made from a small sample.

mod support;

use std::path::Path;
use support::*;

/// The ```toml blocks of `markdown`, with the line each starts on.
fn toml_blocks(markdown: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in markdown.lines().enumerate() {
        let fence = line.trim_start().starts_with("```");
        match &mut current {
            Some((_, text)) if !fence => {
                text.push_str(line);
                text.push('\n');
            }
            Some(_) => blocks.push(current.take().unwrap()),
            None if fence && line.trim_start().trim_start_matches('`').trim() == "toml" => {
                current = Some((i + 1, String::new()));
            }
            None => {}
        }
    }
    blocks
}

/// Copies the sample images (everything in samples/ but definitions) into `dir`, keeping their
/// paths, so that an example can name them as the samples do.
fn copy_sample_files(from: &Path, dir: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = dir.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_sample_files(&path, &target);
        } else if path.extension().is_none_or(|e| e != "toml") {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn readme_toml_examples_are_valid_and_run() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let blocks = toml_blocks(&readme);
    assert!(blocks.len() >= 2, "README's TOML examples not found");
    let (mut definitions, mut manifests) = (0, 0);
    for (line, text) in &blocks {
        let table: toml::Table = toml::from_str(text)
            .unwrap_or_else(|e| panic!("README.md:{line}: the example is not valid TOML: {e}"));
        let dir = temp_dir(&format!("readme-example-{line}"));
        copy_sample_files(&root().join("samples"), &dir);
        let file = dir.join("example.toml");
        std::fs::write(&file, text).unwrap();
        if table.contains_key("layout") || table.contains_key("bulletin") {
            definitions += 1;
            let run = render(&file, &dir.join("example.pdf"), &["--strict"]);
            assert!(
                run.status.success(),
                "README.md:{line}: the definition example does not render:\n{}",
                stderr(&run)
            );
            let pdf = support::pdf_inspect::inspect_file(&dir.join("example.pdf"));
            assert!(!pdf.pages.is_empty());
        } else if let Some(entries) = table.get("bulletins").and_then(|b| b.as_array()) {
            manifests += 1;
            for entry in entries {
                let name = entry["definition"].as_str().unwrap();
                let def = dir.join(name);
                std::fs::create_dir_all(def.parent().unwrap()).unwrap();
                std::fs::write(&def, paged_definition(name, 1, "")).unwrap();
            }
            let run = jianbao()
                .current_dir(&dir)
                .args(["batch", "example.toml", "-o", "out", "--merge", "print.pdf"])
                .args(["--copies", "--strict"])
                .output()
                .unwrap();
            assert!(
                run.status.success(),
                "README.md:{line}: the manifest example does not run:\n{}",
                stderr(&run)
            );
            assert!(dir.join("print.pdf").exists());
        }
    }
    assert!(
        definitions >= 1 && manifests >= 1,
        "{definitions} {manifests}"
    );
}

#[test]
fn toml_blocks_are_found_with_their_line() {
    let md = "text\n```toml\na = 1\n```\n```\nnot = toml\n```\n ```toml\nb = 2\n```\n";
    assert_eq!(
        toml_blocks(md),
        [(2, "a = 1\n".to_string()), (8, "b = 2\n".to_string())]
    );
}
