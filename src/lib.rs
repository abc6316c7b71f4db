//! jianbao (简报) typesets Chinese bulletins written as TOML into print-ready PDF.
//!
//! The pipeline hands one data type from stage to stage, each stage in its own module:
//!
//! 1. [`model`] — the definition and layout files as typed data (with spans for errors);
//! 2. [`resolve`] — definition + layouts + assets → a [`resolve::Document`];
//! 3. [`fonts`] — faces, fallback chains (used by the stages below);
//! 4. [`text`] — paragraphs into lines (breaking, justification, punctuation);
//! 5. [`page`] — blocks onto pages (figures, keeps, widows, running heads);
//! 6. [`pdf`] — pages into PDF bytes (subset fonts, images).
//!
//! [`assets`] is the only module that touches the file system, and [`cli`] only orchestrates.
//! Beside the pipeline: [`import`] turns .docx and Markdown articles into definition blocks,
//! [`exif`] turns phone photos upright, [`next_issue`] starts the next issue's definition.
//! [`render`] runs the pipeline for one definition.

pub mod assets;
pub mod cli;
pub mod diagnostics;
pub mod error;
pub mod exif;
pub mod fonts;
pub mod images;
pub mod import;
pub mod messages;
pub mod model;
pub mod next_issue;
pub mod page;
pub mod paths;
pub mod pdf;
pub mod preview;
pub mod resolve;
pub mod text;
pub mod units;

use error::{Result, Source, Warning};
use resolve::Assets;

/// A rendered bulletin.
#[derive(Debug)]
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub warnings: Vec<Warning>,
    /// Every set line, for `--dump-lines` and tests.
    pub lines: Vec<page::LineRecord>,
    /// What a user who asks for detail is told (`render -v`): fake bold in use, …
    pub notes: Vec<String>,
}

/// Renders a definition (its text and path) to PDF bytes. Nothing is written anywhere.
pub fn render(source: &Source, assets: &dyn Assets) -> Result<Rendered> {
    let (doc, layout) = lay_out(source, assets)?;
    let pdf = pdf::write(&doc, &layout)?;
    Ok(Rendered {
        pdf,
        pages: layout.pages.len(),
        warnings: layout.warnings,
        lines: layout.lines,
        notes: doc.notes,
    })
}

/// The pipeline up to pages: parse, resolve, paginate.
pub fn lay_out(source: &Source, assets: &dyn Assets) -> Result<(resolve::Document, page::Layout)> {
    let def = model::definition::parse(source)?;
    let mut doc = resolve::resolve(&def, assets)?;
    let mut layout = page::paginate(&doc);
    // Before anything is put in front of them: the missing-character warnings come first.
    suggest_fonts(&mut layout, assets);
    // What reading noticed comes before what setting the pages did.
    layout
        .warnings
        .splice(0..0, std::mem::take(&mut doc.warnings));
    layout.warnings.extend(next_issue::placeholders_left(&def));
    if layout.overflowed {
        return Err(error::Error::new(
            error::ErrorKind::Invalid,
            messages::msg::too_many_pages(page::MAX_PAGES),
        )
        .with_path(&source.path));
    }
    Ok((doc, layout))
}

/// Adds to each missing-character warning the installed fonts that have the character (the
/// page stage cannot see them; the assets can).
fn suggest_fonts(layout: &mut page::Layout, assets: &dyn Assets) {
    for (warning, &ch) in layout.warnings.iter_mut().zip(&layout.missing) {
        let fonts = assets.fonts_with(ch);
        if fonts.is_empty() {
            continue;
        }
        const LISTED: usize = 5;
        let mut list = fonts[..fonts.len().min(LISTED)].join(", ");
        if fonts.len() > LISTED {
            list.push_str(&messages::msg::and_n_more(fonts.len() - LISTED).text);
        }
        warning
            .notes
            .push(messages::msg::fonts_that_have(ch, list).text);
    }
}
