//! The TOML examples of README.md and docs/*.md, extracted and run, so that they can never be
//! invalid again: every ```toml block must be valid TOML; a whole definition (a `layout` key and
//! `[[blocks]]`) must render with `jianbao render --strict`; a batch manifest (`[[bulletins]]`) must run with
//! `jianbao batch`, each definition it names made from a small sample. And every relative link
//! of those pages must lead to a file, and every `#anchor` to a heading of that page (README's
//! sections moved to docs/ pages; a link left behind would fail here).

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

/// README.md and the pages of docs/, as paths relative to the repository.
fn markdown_pages() -> Vec<String> {
    let mut pages: Vec<String> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .map(|n| format!("docs/{n}"))
        .collect();
    pages.sort();
    pages.insert(0, "README.md".to_string());
    pages
}

/// The anchors of a page's headings, as GitHub makes them: lower case, punctuation but `-` and
/// `_` dropped, spaces as `-`; a repeated one gets `-1`, `-2` …
fn anchors(markdown: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut fence = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fence = !fence;
            continue;
        }
        let level = line.chars().take_while(|c| *c == '#').count();
        if fence || level == 0 || level > 6 || !line[level..].starts_with(' ') {
            continue;
        }
        let slug: String = line[level..]
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let repeats = out
            .iter()
            .filter(|a| **a == slug || a.starts_with(&format!("{slug}-")))
            .filter(|a| {
                a.strip_prefix(&slug)
                    .is_some_and(|r| r.is_empty() || r[1..].parse::<u32>().is_ok())
            })
            .count();
        out.push(if repeats == 0 {
            slug
        } else {
            format!("{slug}-{repeats}")
        });
    }
    out
}

/// The targets of the inline links `[text](target)` of a page (outside code blocks and code
/// spans), with their line.
fn links(markdown: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut fence = false;
    for (i, line) in markdown.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fence = !fence;
            continue;
        }
        if fence {
            continue;
        }
        // Code spans are not links.
        let text: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let mut rest = text.as_str();
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            if let Some(end) = rest.find(')') {
                out.push((i + 1, rest[..end].to_string()));
                rest = &rest[end..];
            }
        }
    }
    out
}

#[test]
fn relative_links_and_anchors_resolve() {
    let mut checked = 0;
    for page in markdown_pages() {
        let markdown = std::fs::read_to_string(root().join(&page)).unwrap();
        let dir = root().join(&page).parent().unwrap().to_path_buf();
        for (line, target) in links(&markdown) {
            if target.contains("://") || target.starts_with("mailto:") || target.contains(' ') {
                continue;
            }
            let (path, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let file = if path.is_empty() {
                root().join(&page)
            } else {
                dir.join(path)
            };
            assert!(file.exists(), "{page}:{line}: {target}: no such file");
            if !anchor.is_empty() {
                let text = std::fs::read_to_string(&file).unwrap();
                assert!(
                    anchors(&text).iter().any(|a| a == anchor),
                    "{page}:{line}: {target}: no heading with that anchor"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} links found");
}

#[test]
fn anchors_and_links_are_read_as_github_does() {
    let md = "# jianbao 简报\n## A clerk's input\n## 公文 (GB/T 9704-2012)\n```\n# no\n```\n## A clerk's input\n";
    assert_eq!(
        anchors(md),
        [
            "jianbao-简报",
            "a-clerks-input",
            "公文-gbt-9704-2012",
            "a-clerks-input-1"
        ]
    );
    let md = "see [x](docs/a.md#b) and `[not](c)`\n```\n[no](d)\n```\n[y](#z)\n";
    assert_eq!(
        links(md),
        [(1, "docs/a.md#b".to_string()), (5, "#z".to_string())]
    );
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
    let (mut definitions, mut manifests) = (0, 0);
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        !toml_blocks(&readme).is_empty(),
        "README's TOML example not found"
    );
    for page in markdown_pages() {
        let markdown = std::fs::read_to_string(root().join(&page)).unwrap();
        let stem = page.replace(['/', '.'], "-");
        for (line, text) in &toml_blocks(&markdown) {
            example(&page, &stem, *line, text, &mut definitions, &mut manifests);
        }
    }
    assert!(
        definitions >= 1 && manifests >= 1,
        "{definitions} {manifests}"
    );
}

/// Checks one TOML example of `page` (at `line`), counting definitions and manifests.
fn example(
    page: &str,
    stem: &str,
    line: usize,
    text: &str,
    definitions: &mut usize,
    manifests: &mut usize,
) {
    let table: toml::Table = toml::from_str(text)
        .unwrap_or_else(|e| panic!("{page}:{line}: the example is not valid TOML: {e}"));
    let dir = temp_dir(&format!("md-example-{stem}-{line}"));
    copy_sample_files(&root().join("samples"), &dir);
    let file = dir.join("example.toml");
    std::fs::write(&file, text).unwrap();
    // A whole definition names its layout and has blocks; a fragment (`[bulletin]` keys or
    // blocks shown alone, as the docs/ pages show them) need only be valid TOML.
    if table.contains_key("layout") && table.contains_key("blocks") {
        *definitions += 1;
        let run = render(&file, &dir.join("example.pdf"), &["--strict"]);
        assert!(
            run.status.success(),
            "{page}:{line}: the definition example does not render:\n{}",
            stderr(&run)
        );
        let pdf = support::pdf_inspect::inspect_file(&dir.join("example.pdf"));
        assert!(!pdf.pages.is_empty());
    } else if let Some(entries) = table.get("bulletins").and_then(|b| b.as_array()) {
        *manifests += 1;
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
            "{page}:{line}: the manifest example does not run:\n{}",
            stderr(&run)
        );
        assert!(dir.join("print.pdf").exists());
    }
}

#[test]
fn toml_blocks_are_found_with_their_line() {
    let md = "text\n```toml\na = 1\n```\n```\nnot = toml\n```\n ```toml\nb = 2\n```\n";
    assert_eq!(
        toml_blocks(md),
        [(2, "a = 1\n".to_string()), (8, "b = 2\n".to_string())]
    );
}
