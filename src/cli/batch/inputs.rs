//! What a batch renders: the command line's paths (files, directories, glob patterns, batch
//! manifests) turned into a list of definitions, each with the path of its PDF under the output
//! directory.
//!
//! Files are told apart by content, not by name, because definitions, layouts and manifests are
//! all `.toml`: a **definition** has a `[bulletin]` table or a top-level `layout` key (both
//! required in a definition, neither allowed in a layout); a **manifest** has `[[bulletins]]`
//! entries. The test is a line scan, not a TOML parse, so that a definition with a syntax error
//! is still recognised — and then reported as a failure instead of silently left out.
//!
//! What happens to anything else depends on how the user reached it. A file **named** on the
//! command line is one the user wants printed: it is skipped only if it parses as a layout;
//! anything else (text that is not TOML, TOML of another kind) is rendered as the definition it
//! was named as, so that its error is reported with its place and the batch fails. Files
//! **found** by walking a directory or matching a pattern are rendered only when they are
//! definitions (a `layouts/` folder beside the issues is normal). The summary says which rule left
//! what out ([`Inputs::rules`]).

use crate::error::{Error, ErrorKind, Source};
use crate::messages::msg;
use crate::model::manifest;
use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// One definition to render.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The definition file (as found: relative to the working directory, or absolute).
    pub definition: PathBuf,
    /// Its PDF's path relative to the output directory.
    pub output: PathBuf,
    /// Copies a manifest asks for.
    pub copies: Option<u32>,
}

/// The inputs, in command-line order, and notes about what was skipped.
#[derive(Debug, Default)]
pub struct Inputs {
    pub items: Vec<Item>,
    pub notes: Vec<String>,
    /// For the summary: each file (or directory) that was left out or rendered although it is
    /// not a definition, and the rule that decided it.
    pub rules: Vec<String>,
    /// How many files named on the command line were skipped (layouts).
    pub skipped: usize,
}

/// What a TOML file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Definition,
    Manifest,
    Other,
}

/// Tells a definition from a manifest from anything else (layouts) by a scan of its lines.
pub fn kind_of(text: &str) -> Kind {
    let mut top_level = true;
    let mut manifest = false;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("");
        let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.starts_with('[') {
            match compact.as_str() {
                "[bulletin]" => return Kind::Definition,
                "[[bulletins]]" => manifest = true,
                _ => {}
            }
            top_level = false;
        } else if top_level {
            let key = compact.split('=').next().unwrap_or("");
            if compact.contains('=')
                && (key == "layout" || key == "bulletin" || key.starts_with("bulletin."))
            {
                return Kind::Definition;
            }
        }
    }
    if manifest {
        Kind::Manifest
    } else {
        Kind::Other
    }
}

/// Collects the definitions named by `paths`. A path that names nothing is kept (rendering it
/// reports the missing file, without stopping the others); a pattern that matches nothing, a
/// broken manifest or two inputs that would write the same PDF stop the batch before it starts.
pub fn collect(paths: &[PathBuf]) -> Result<Inputs, Error> {
    let mut inputs = Inputs::default();
    for path in paths {
        if path.is_dir() {
            let before = inputs.items.len();
            let others = walk(path, path, &mut inputs.items);
            if inputs.items.len() == before {
                inputs
                    .notes
                    .push(msg::no_definitions_in(path.display()).text);
            }
            left_out(path, others, &mut inputs.rules);
        } else if !path.exists() && is_pattern(path) {
            expand(path, &mut inputs)?;
        } else {
            let output = PathBuf::from(path.file_name().unwrap_or(path.as_os_str()));
            named_file(path, output, true, &mut inputs)?;
        }
    }
    dedupe(&mut inputs.items);
    check_outputs(&inputs.items)?;
    Ok(inputs)
}

fn is_pattern(path: &Path) -> bool {
    path.to_string_lossy().contains(['*', '?', '['])
}

/// A file named on the command line (or matched by a pattern): a definition, a manifest, or
/// something else — which a pattern's match leaves out, and a named file is rendered unless it
/// is a layout (see the module's doc). Returns whether a pattern's match was left out.
fn named_file(
    path: &Path,
    output: PathBuf,
    named: bool,
    inputs: &mut Inputs,
) -> Result<bool, Error> {
    let Ok(bytes) = crate::assets::read_limited(
        path,
        crate::assets::MAX_DEFINITION_BYTES,
        &crate::messages::msg::what_a_definition().text,
    ) else {
        // Missing or unreadable: rendering it says why, as one failure among the results.
        inputs.items.push(item(path.to_path_buf(), output, None));
        return Ok(false);
    };
    let text = String::from_utf8_lossy(&bytes);
    match kind_of(&text) {
        Kind::Definition => inputs.items.push(item(path.to_path_buf(), output, None)),
        Kind::Manifest => {
            let Ok(text) = String::from_utf8(bytes) else {
                return Err(Error::new(ErrorKind::Syntax, msg::manifest_not_utf8()).with_path(path));
            };
            read_manifest(&Source::new(path, text), &mut inputs.items)?;
        }
        Kind::Other if !named => return Ok(true),
        Kind::Other if is_layout(path, &text) => {
            inputs.skipped += 1;
            inputs.rules.push(msg::skipped_layout(path.display()).text);
        }
        Kind::Other => {
            inputs.items.push(item(path.to_path_buf(), output, None));
            inputs
                .rules
                .push(msg::neither_definition_nor_layout(path.display()).text);
        }
    }
    Ok(false)
}

/// Whether a file parses as a layout: TOML with at least one key, every one a layout's. (An
/// empty file would parse, but a user who names one has not named a layout.)
fn is_layout(path: &Path, text: &str) -> bool {
    let has_keys = toml::from_str::<toml::Table>(text).is_ok_and(|t| !t.is_empty());
    has_keys && crate::model::layout::parse(&Source::new(path, text)).is_ok()
}

/// The summary's line for a directory or pattern that reached `others` TOML files that are not
/// definitions.
fn left_out(path: &Path, others: usize, rules: &mut Vec<String>) {
    if others > 0 {
        rules.push(
            match others {
                1 => msg::left_out_one(path.display()),
                n => msg::left_out(path.display(), n),
            }
            .text,
        );
    }
}

fn read_manifest(source: &Source, items: &mut Vec<Item>) -> Result<(), Error> {
    let m = manifest::parse(source)?;
    let dir = source.path.parent().unwrap_or(Path::new(""));
    for e in m.entries {
        let written = Path::new(&e.definition);
        let output = match &e.output {
            Some(o) => PathBuf::from(o),
            None if manifest::stays_inside(&e.definition) => written.with_extension("pdf"),
            None => PathBuf::from(written.file_name().unwrap_or_default()).with_extension("pdf"),
        };
        items.push(Item {
            definition: dir.join(written),
            output: clean(&output),
            copies: e.copies,
        });
    }
    Ok(())
}

/// Expands a glob pattern; directories it matches are searched like directories named.
fn expand(pattern: &Path, inputs: &mut Inputs) -> Result<(), Error> {
    let text = pattern.to_string_lossy();
    let usage = |message: crate::messages::Message| Error::new(ErrorKind::Invalid, message);
    let compiled = glob::Pattern::new(&text).map_err(|e| usage(msg::bad_pattern(&text, e.msg)))?;
    let base = literal_prefix(pattern);
    let matches = super::pattern::matches(&compiled, &base);
    if matches.is_empty() {
        return Err(usage(msg::no_match(&text)));
    }
    let mut others = 0;
    for path in matches {
        let relative = path.strip_prefix(&base).unwrap_or(&path).to_path_buf();
        // A link that matches is not entered: it may lead back up the tree.
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            others += walk(&path, &base, &mut inputs.items);
        } else if is_toml(&path) && named_file(&path, relative, false, inputs)? {
            others += 1;
        }
    }
    left_out(pattern, others, &mut inputs.rules);
    Ok(())
}

/// The directories of a pattern before its first wildcard (`issues/2024/*.toml` →
/// `issues/2024`).
fn literal_prefix(pattern: &Path) -> PathBuf {
    pattern
        .components()
        .take_while(|c| !c.as_os_str().to_string_lossy().contains(['*', '?', '[']))
        .collect()
}

/// Every definition under `dir`, recursively, in name order; hidden entries and symbolic links
/// to directories are not followed. Outputs mirror the path below `base`. Returns how many
/// other `.toml` files (layouts, manifests, anything) were left out.
fn walk(dir: &Path, base: &Path, items: &mut Vec<Item>) -> usize {
    let Ok(read) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut others = 0;
    let mut entries: Vec<_> = read.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() {
            others += walk(&path, base, items);
        } else if is_toml(&path) && path.is_file() {
            if kind_of(&read_lossy(&path)) == Kind::Definition {
                let relative = path.strip_prefix(base).unwrap_or(&path).to_path_buf();
                items.push(item(path, relative, None));
            } else {
                others += 1;
            }
        }
    }
    others
}

fn is_toml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

fn read_lossy(path: &Path) -> String {
    crate::assets::read_limited(
        path,
        crate::assets::MAX_DEFINITION_BYTES,
        &crate::messages::msg::what_a_definition().text,
    )
    .map(|b| String::from_utf8_lossy(&b).into_owned())
    .unwrap_or_default()
}

fn item(definition: PathBuf, output: PathBuf, copies: Option<u32>) -> Item {
    Item {
        definition,
        output: clean(&output.with_extension("pdf")),
        copies,
    }
}

/// Drops `.` components so that equal outputs compare equal.
fn clean(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

/// The same definition reached twice (named and inside a directory, say) is rendered once, as
/// first listed.
fn dedupe(items: &mut Vec<Item>) {
    let mut seen = HashSet::new();
    items.retain(|i| {
        let key = std::fs::canonicalize(&i.definition).unwrap_or_else(|_| i.definition.clone());
        seen.insert(key)
    });
}

/// Two definitions must not write the same PDF.
fn check_outputs(items: &[Item]) -> Result<(), Error> {
    let mut by_output: BTreeMap<&Path, &Path> = BTreeMap::new();
    for i in items {
        if let Some(other) = by_output.insert(&i.output, &i.definition) {
            return Err(Error::new(
                ErrorKind::Invalid,
                msg::same_output(other.display(), i.definition.display(), i.output.display()),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_files_apart_by_content() {
        let def = "layout = \"newsletter\"\n[bulletin]\npublisher = \"P\"\n";
        assert_eq!(kind_of(def), Kind::Definition);
        // A broken definition is still a definition (and fails when rendered).
        assert_eq!(kind_of("layout = \"x\n[[blocks]]\n"), Kind::Definition);
        assert_eq!(kind_of("# x\n[ bulletin ] # meta\n"), Kind::Definition);
        assert_eq!(
            kind_of("bulletin = { publisher = \"P\" }\n"),
            Kind::Definition
        );
        let layout = "description = \"d\"\nextends = \"newsletter\"\n[page]\nsize = \"A4\"\n[body]\nlayout = 1\n";
        assert_eq!(kind_of(layout), Kind::Other);
        assert_eq!(kind_of("layouts = 1\n"), Kind::Other);
        let manifest = "copies = 2\n[[bulletins]]\ndefinition = \"a.toml\"\n";
        assert_eq!(kind_of(manifest), Kind::Manifest);
        assert_eq!(kind_of("[bulletins]\n"), Kind::Other);
    }

    #[test]
    fn prefix_of_a_pattern() {
        assert_eq!(
            literal_prefix(Path::new("a/b/*/c.toml")),
            PathBuf::from("a/b")
        );
        assert_eq!(literal_prefix(Path::new("*.toml")), PathBuf::new());
    }
}
