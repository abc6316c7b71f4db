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
    let (doc, layout, pdf) = lay_out_and_write(source, assets, pdf::Options::default(), false)?;
    Ok(Rendered {
        pdf,
        pages: layout.count,
        warnings: layout.warnings,
        lines: layout.lines,
        notes: doc.notes,
    })
}

/// The pipeline up to pages: parse, resolve, paginate — every page held in the layout (the
/// preview and the tests look at them; [`lay_out_and_write`] does not hold them).
pub fn lay_out(source: &Source, assets: &dyn Assets) -> Result<(resolve::Document, page::Layout)> {
    let def = model::definition::parse(source)?;
    let mut doc = resolve::resolve(&def, assets)?;
    let layout = page::paginate(&doc);
    let layout = laid_out(source, &def, &mut doc, layout, assets)?;
    Ok((doc, layout))
}

/// The whole pipeline: parse, resolve, paginate and write the PDF, each page going to the
/// writer as soon as it is finished, so that memory does not grow with the document (10,000
/// pages fit in a few hundred MB). The layout keeps the pages too only if `keep_pages` (for
/// `--dump-structure` and a merged print run); its `count` says how many there are.
pub fn lay_out_and_write(
    source: &Source,
    assets: &dyn Assets,
    options: pdf::Options,
    keep_pages: bool,
) -> Result<(resolve::Document, page::Layout, Vec<u8>)> {
    let def = model::definition::parse(source)?;
    let mut doc = resolve::resolve(&def, assets)?;
    let (layout, bytes) = {
        let mut writer = pdf::Writer::new(pdf::is_pdfa(options, [&doc]), false);
        writer.begin(&doc)?;
        let mut kept = Vec::new();
        let mut failed = None;
        let mut layout = page::paginate_into(&doc, &mut |page| {
            if failed.is_some() {
                return;
            }
            if keep_pages {
                kept.push(page.clone());
            }
            if let Err(e) = writer.page(std::borrow::Cow::Owned(page)) {
                failed = Some(e);
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        layout.pages = kept;
        let bytes = writer.finish(&doc.meta)?;
        (layout, bytes)
    };
    let layout = laid_out(source, &def, &mut doc, layout, assets)?;
    Ok((doc, layout, bytes))
}

/// What follows pagination: the warnings in the order a reader expects, and the page cap.
fn laid_out(
    source: &Source,
    def: &model::definition::Definition,
    doc: &mut resolve::Document,
    mut layout: page::Layout,
    assets: &dyn Assets,
) -> Result<page::Layout> {
    // Before anything is put in front of them: the missing-character warnings come first.
    suggest_fonts(&mut layout, assets);
    // What reading noticed comes before what setting the pages did.
    layout
        .warnings
        .splice(0..0, std::mem::take(&mut doc.warnings));
    layout.warnings.extend(next_issue::placeholders_left(def));
    if layout.overflowed {
        return Err(error::Error::new(
            error::ErrorKind::Invalid,
            messages::msg::too_many_pages(page::MAX_PAGES),
        )
        .with_path(&source.path));
    }
    Ok(layout)
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
