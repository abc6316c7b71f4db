//! Batch manifests: a TOML file listing the definitions of one print run, in order, with what
//! each needs beyond its own file (how many copies, where its PDF goes), so that the run can be
//! repeated exactly.
//!
//! ```toml
//! copies = 30                     # optional: every entry's copies unless it says otherwise
//!
//! [[bulletins]]
//! definition = "2024/01.toml"     # relative to the manifest
//! copies = 120                    # optional: overrides the definition's 共印 N 份
//! output = "2024-01.pdf"          # optional: the PDF's path under the output directory
//! ```

use super::toml_error;
use crate::error::{Error, ErrorKind, Result, Source};
use crate::messages::msg;
use serde::Deserialize;
use std::ops::Range;
use std::path::{Component, Path};
use toml::Spanned;

/// A parsed, checked manifest.
#[derive(Clone, Debug)]
pub struct Manifest {
    pub source: Source,
    pub entries: Vec<Entry>,
}

/// One bulletin of the run.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The definition's path as written (relative to the manifest's directory unless absolute).
    pub definition: String,
    /// Copies for the merged print file: the entry's own, else the manifest's default.
    pub copies: Option<u32>,
    /// The PDF's path relative to the output directory.
    pub output: Option<String>,
    /// Where the entry is written, for errors about it.
    pub at: Range<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ManifestFile {
    copies: Option<Spanned<u32>>,
    #[serde(default)]
    bulletins: Vec<Spanned<EntrySpec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct EntrySpec {
    definition: Spanned<String>,
    copies: Option<Spanned<u32>>,
    output: Option<Spanned<String>>,
}

/// Parses and checks a manifest: at least one entry, copies at least 1, outputs relative paths
/// that stay inside the output directory.
pub fn parse(source: &Source) -> Result<Manifest> {
    let file: ManifestFile = toml_error::parse(source)?;
    let invalid = |message: crate::messages::Message, span: Range<usize>| {
        Error::new(ErrorKind::Invalid, message).at(source, span)
    };
    let check_copies = |c: &Option<Spanned<u32>>| match c {
        Some(c) if *c.get_ref() == 0 => Err(invalid(msg::manifest_copies(), c.span())),
        _ => Ok(c.as_ref().map(|c| *c.get_ref())),
    };
    let default_copies = check_copies(&file.copies)?;
    if file.bulletins.is_empty() {
        return Err(Error::new(ErrorKind::Invalid, msg::manifest_empty()).with_path(&source.path));
    }
    let mut entries = Vec::with_capacity(file.bulletins.len());
    for spec in file.bulletins {
        let at = spec.span();
        let e = spec.into_inner();
        if e.definition.get_ref().trim().is_empty() {
            return Err(invalid(
                msg::manifest_needs_definition(),
                e.definition.span(),
            ));
        }
        if let Some(out) = &e.output {
            if !stays_inside(out.get_ref()) {
                return Err(invalid(msg::manifest_output_inside(), out.span()));
            }
            // The output is a PDF jianbao writes — and removes when the bulletin fails — so it
            // may not name any other kind of file (`notes.txt`).
            let pdf = Path::new(out.get_ref())
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
            if !pdf {
                return Err(invalid(msg::manifest_output_pdf(), out.span()));
            }
        }
        entries.push(Entry {
            definition: e.definition.into_inner(),
            copies: check_copies(&e.copies)?.or(default_copies),
            output: e.output.map(Spanned::into_inner),
            at,
        });
    }
    Ok(Manifest {
        source: source.clone(),
        entries,
    })
}

/// A relative path with at least one name and no `..`, root or drive.
pub fn stays_inside(path: &str) -> bool {
    let p = Path::new(path);
    !path.trim().is_empty()
        && p.components().any(|c| matches!(c, Component::Normal(_)))
        && p.components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Manifest> {
        parse(&Source::new("run.toml", text))
    }

    #[test]
    fn entries_in_order_with_default_copies() {
        let m = parse_str(
            "copies = 3\n[[bulletins]]\ndefinition = \"a.toml\"\ncopies = 120\noutput = \"x/a.pdf\"\n[[bulletins]]\ndefinition = \"b.toml\"\n",
        )
        .unwrap();
        let got: Vec<_> = m
            .entries
            .iter()
            .map(|e| (e.definition.as_str(), e.copies, e.output.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("a.toml", Some(120), Some("x/a.pdf")),
                ("b.toml", Some(3), None)
            ]
        );
    }

    #[test]
    fn errors_are_located() {
        let err = parse_str("[[bulletins]]\ndefinition = \"a.toml\"\ncopise = 2\n").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Syntax);
        assert_eq!(err.line_col().map(|p| p.0), Some(3));
        let err = parse_str("[[bulletins]]\ndefinition = \"a.toml\"\ncopies = 0\n").unwrap_err();
        assert!(err.message.contains("at least 1"), "{}", err.message);
        assert_eq!(err.line_col(), Some((3, 10)));
        let err = parse_str("[[bulletins]]\ndefinition = \"a.toml\"\noutput = \"../a.pdf\"\n")
            .unwrap_err();
        assert!(err.message.contains("inside the output directory"));
        assert_eq!(err.line_col().map(|p| p.0), Some(3));
        let err = parse_str("copies = 2\n").unwrap_err();
        assert!(
            err.message.contains("lists no bulletins"),
            "{}",
            err.message
        );
    }

    #[test]
    fn outputs_must_stay_inside() {
        assert!(stays_inside("a.pdf"));
        assert!(stays_inside("./2024/a.pdf"));
        assert!(!stays_inside("/tmp/a.pdf"));
        assert!(!stays_inside("2024/../../a.pdf"));
        assert!(!stays_inside("."));
        assert!(!stays_inside(""));
    }
}
