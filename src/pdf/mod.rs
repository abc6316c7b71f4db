//! Stage 6: the PDF. printpdf builds the document objects; we feed it fonts we subset ourselves
//! (only the glyphs the pages use, via `subsetter`), glyph ids with the text each stands for
//! (so the ToUnicode map makes copy/paste and text extraction exact), images as streams we
//! prepared (JPEG passed through), and we fix up what printpdf leaves non-deterministic before
//! the bytes are written.
//!
//! [`write`] reads as the steps: collect the glyphs each face draws, subset and register the
//! fonts, register the images, turn each page's items into operations, serialize.

mod content;
mod dedupe;
mod finish;
mod finite;
mod fnv;
mod fonts;
mod images;
mod sequence;

use crate::error::{Error, ErrorKind, Result};
use crate::page::Layout;
use crate::resolve::{Document, Metadata};
use printpdf::{PdfDocument, PdfPage, PdfSaveOptions};

/// One document's pages and what they need, as input to the writer. Several may go into one
/// PDF (a merged print run); faces shared between them (the same `Arc`) are embedded once.
pub struct Part<'a> {
    pub doc: &'a Document,
    pub layout: &'a Layout,
}

/// Writes one document as a PDF.
pub fn write(doc: &Document, layout: &Layout) -> Result<Vec<u8>> {
    write_parts(&[Part { doc, layout }], doc)
}

/// Writes several documents' pages, in order, as one PDF with `meta_from`'s metadata.
pub fn write_parts(parts: &[Part], meta_from: &Document) -> Result<Vec<u8>> {
    let order: Vec<usize> = (0..parts.len()).collect();
    write_sequence(parts, &order, &meta_from.meta)
}

/// Writes the parts in the order `sequence` gives (indices into `parts`, repeats allowed: the
/// copies of a print run), with the given metadata (a print file describes the run, not its
/// first bulletin). Each part is drawn once; repeats share its content (sequence.rs).
pub fn write_sequence(parts: &[Part], sequence: &[usize], meta: &Metadata) -> Result<Vec<u8>> {
    let mut pdf = PdfDocument::new(&meta.title);
    let fonts = fonts::embed(parts, &mut pdf)?;
    let images = images::embed(parts, &mut pdf);
    content::register_blend(&mut pdf, parts.iter().flat_map(|p| p.layout.pages.iter()));
    let mut pages = Vec::new();
    for (p, part) in parts.iter().enumerate() {
        let g = &part.doc.page;
        for page in &part.layout.pages {
            let ops = content::page_ops(page, part.doc, p, &fonts, &images, g.height);
            pages.push(PdfPage::new(g.width.to_mm_pdf(), g.height.to_mm_pdf(), ops));
        }
    }
    pdf.with_pages(pages);
    finish::metadata(&mut pdf, meta);
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lopdf = pdf.to_lopdf_document(&opts, &mut warnings);
    if !sequence.iter().copied().eq(0..parts.len()) {
        let counts: Vec<usize> = parts.iter().map(|p| p.layout.pages.len()).collect();
        sequence::arrange(&mut lopdf, &counts, sequence)
            .map_err(|e| Error::new(ErrorKind::Io, format!("could not order the pages: {e}")))?;
    }
    finish::serialize(lopdf)
        .map_err(|e| Error::new(ErrorKind::Io, format!("could not serialize the PDF: {e}")))
}

trait ToMm {
    fn to_mm_pdf(self) -> printpdf::Mm;
}

impl ToMm for crate::units::Pt {
    fn to_mm_pdf(self) -> printpdf::Mm {
        printpdf::Mm(self.to_mm() as f32)
    }
}
