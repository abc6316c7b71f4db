//! One definition through the whole pipeline to a PDF file: the code path `jianbao render` runs
//! for its one input and `jianbao batch` runs for each of its inputs, so that the two commands
//! cannot drift apart (same reading, same confinement, same checks, same `--strict`, same atomic
//! write). Also the small pieces `preview` and `watch` share with them.

use crate::assets::{write_atomically, FsAssets};
use crate::diagnostics::{self, Style};
use crate::error::{Error, Source};
use crate::page::Layout;
use crate::resolve::{Assets, Document};
use std::path::Path;

/// A definition rendered and written. The laid-out document is kept for callers that use it
/// again (a merged print file); others drop it.
pub struct Written {
    pub doc: Document,
    pub layout: Layout,
    /// Size of the PDF file written.
    pub bytes: usize,
}

impl Written {
    pub fn pages(&self) -> usize {
        self.layout.pages.len()
    }
}

/// What a caller may look at between layout and writing (to print warnings, set lines,
/// statistics).
pub struct Rendering<'a> {
    pub doc: &'a Document,
    pub layout: &'a Layout,
}

/// Reads `definition`, lays it out with files confined to `root`, hands the result to `inspect`
/// and, unless `strict` and there were warnings, writes the PDF to `output` atomically.
pub fn render_file(
    definition: &Path,
    output: &Path,
    assets: &FsAssets,
    root: &Path,
    strict: bool,
    inspect: &mut dyn FnMut(&Rendering) -> Result<(), Error>,
) -> Result<Written, Error> {
    let confined = assets.confined(root)?;
    render_with(definition, output, &confined, strict, inspect)
}

/// [`render_file`] with the assets given (already confined; `watch` records what they read).
pub fn render_with(
    definition: &Path,
    output: &Path,
    assets: &dyn Assets,
    strict: bool,
    inspect: &mut dyn FnMut(&Rendering) -> Result<(), Error>,
) -> Result<Written, Error> {
    check_output(output, definition)?;
    let (doc, layout) = lay_out_file(definition, assets)?;
    inspect(&Rendering {
        doc: &doc,
        layout: &layout,
    })?;
    check_strict(strict, &layout, definition)?;
    let pdf = crate::pdf::write(&doc, &layout)?;
    write_atomically(output, &pdf)?;
    Ok(Written {
        doc,
        layout,
        bytes: pdf.len(),
    })
}

/// Before any work: the output must not be the definition, and must be a place a file may be
/// written (its directory exists; nothing there, or a regular file).
pub fn check_output(output: &Path, definition: &Path) -> Result<(), Error> {
    crate::assets::refuse_input_as_output(output, &[definition])?;
    crate::assets::check_target(output)
}

/// Reads `definition` and lays it out, reaching files through `assets`.
pub fn lay_out_file(definition: &Path, assets: &dyn Assets) -> Result<(Document, Layout), Error> {
    let source = read_definition(definition)?;
    crate::lay_out(&source, assets)
}

/// Under `--strict`, warnings are an error: nothing is written.
pub fn check_strict(strict: bool, layout: &Layout, definition: &Path) -> Result<(), Error> {
    if strict && !layout.warnings.is_empty() {
        return Err(strict_error(layout.warnings.len(), definition));
    }
    Ok(())
}

/// A command's exit status: 0, or the error printed and 1.
pub fn exit_status(result: Result<(), Error>) -> i32 {
    match result {
        Ok(()) => super::EXIT_OK,
        Err(e) => {
            eprint!("{}", diagnostics::error(&e, Style::for_stderr()));
            super::EXIT_INPUT
        }
    }
}

/// Prints warnings to stderr, each with its source line when it has one.
pub fn print_warnings(warnings: &[crate::error::Warning]) {
    let style = Style::for_stderr();
    for w in warnings {
        eprint!("{}", diagnostics::warning(w, style));
    }
}

/// The error `--strict` turns warnings into.
pub fn strict_error(count: usize, definition: &Path) -> Error {
    Error::new(
        crate::error::ErrorKind::Strict,
        format!(
            "{count} warning{} and --strict: nothing written",
            if count == 1 { "" } else { "s" }
        ),
    )
    .with_path(definition)
}

/// Reads a definition file as UTF-8 text.
pub fn read_definition(path: &Path) -> Result<Source, Error> {
    let bytes =
        crate::assets::read_limited(path, crate::assets::MAX_DEFINITION_BYTES, "a definition")
            .map_err(|msg| Error::new(crate::error::ErrorKind::Io, msg))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::new(
            crate::error::ErrorKind::Syntax,
            format!(
                "the file is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
        .with_path(path)
    })?;
    Ok(Source::new(path, text))
}

/// `5 pages`, `1 page`.
pub fn pages_text(n: usize) -> String {
    format!("{n} page{}", if n == 1 { "" } else { "s" })
}
