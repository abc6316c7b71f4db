//! One definition through the whole pipeline to a PDF file: the code path `jianbao render` runs
//! for its one input and `jianbao batch` runs for each of its inputs, so that the two commands
//! cannot drift apart (same reading, same checks, same `--strict`, same atomic write).

use crate::assets::write_atomically;
use crate::error::{Error, ErrorKind, Source};
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

/// Reads `definition`, lays it out, hands the layout to `inspect` (to print warnings or the set
/// lines) and, unless `strict` and there were warnings, writes the PDF to `output` atomically.
pub fn render_file(
    definition: &Path,
    output: &Path,
    assets: &dyn Assets,
    strict: bool,
    inspect: &mut dyn FnMut(&Layout),
) -> Result<Written, Error> {
    let source = read_definition(definition)?;
    let (doc, layout) = crate::lay_out(&source, assets)?;
    inspect(&layout);
    if strict && !layout.warnings.is_empty() {
        return Err(Error::new(
            ErrorKind::Strict,
            format!(
                "{} warning(s) and --strict: no PDF written",
                layout.warnings.len()
            ),
        )
        .with_path(definition));
    }
    let pdf = crate::pdf::write(&doc, &layout)?;
    write_atomically(output, &pdf)?;
    Ok(Written {
        doc,
        layout,
        bytes: pdf.len(),
    })
}

/// Reads a definition file as UTF-8 text.
pub fn read_definition(path: &Path) -> Result<Source, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::new(
            ErrorKind::Syntax,
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
