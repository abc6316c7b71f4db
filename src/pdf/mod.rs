//! Stage 6: the PDF, written object by object with `pdf-writer`.
//!
//! The [`Writer`] takes pages one at a time, as the page stage finishes them: it embeds each
//! document's images, paints the pages in batches — each batch's content streams built and
//! deflated in parallel, written out and dropped, so the writer's memory does not grow with
//! the document (only the finished, compressed bytes do) — and at the end subsets and embeds
//! the fonts the pages drew, then writes the page tree, the outline, the structure tree, the
//! metadata and a file ID derived from the bytes. [`write_sequence_with`] feeds it pages laid
//! out already (a merged print run). Nothing depends on the clock, a random number or a hash
//! map's order: the same input gives the same bytes.

mod content;
mod finite;
mod fnv;
mod fonts;
mod icc;
mod images;
mod meta;
mod outline;
mod tags;
mod writer;

use crate::error::{Error, ErrorKind, Result};
use crate::messages::msg;
use crate::page::Layout;
use crate::resolve::{Document, Metadata};
use pdf_writer::Ref;
pub use writer::Writer;

/// One document's pages and what they need, as input to the writer. Several may go into one
/// PDF (a merged print run); faces shared between them (the same `Arc`) are embedded once.
pub struct Part<'a> {
    pub doc: &'a Document,
    pub layout: &'a Layout,
}

/// What kind of file to write, beyond what the documents' layouts ask for.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Write PDF/A-2b whatever the layouts say (`render --pdfa`). A layout's
    /// `[pdf] standard = "a-2b"` asks for it too.
    pub pdfa: bool,
}

/// Writes one document as a PDF (PDF/A-2b when its layout asks for it).
pub fn write(doc: &Document, layout: &Layout) -> Result<Vec<u8>> {
    write_with(doc, layout, Options::default())
}

/// Writes one document as a PDF with the given options.
pub fn write_with(doc: &Document, layout: &Layout, options: Options) -> Result<Vec<u8>> {
    write_sequence_with(&[Part { doc, layout }], &[0], &doc.meta, options)
}

/// Writes several documents' pages, in order, as one PDF with `meta_from`'s metadata.
pub fn write_parts(parts: &[Part], meta_from: &Document) -> Result<Vec<u8>> {
    let order: Vec<usize> = (0..parts.len()).collect();
    write_sequence(parts, &order, &meta_from.meta)
}

/// [`write_sequence_with`] with the options the documents' layouts give.
pub fn write_sequence(parts: &[Part], sequence: &[usize], meta: &Metadata) -> Result<Vec<u8>> {
    write_sequence_with(parts, sequence, meta, Options::default())
}

/// Hands out object numbers in order.
pub(crate) struct Alloc(i32);

impl Alloc {
    pub fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// Deflates a stream's data (zlib, default level).
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 2 + 64),
        flate2::Compression::default(),
    );
    enc.write_all(data).expect("writing to memory");
    enc.finish().expect("writing to memory")
}

/// Whether a file of these documents is PDF/A-2b: when `options` or any document's layout
/// asks for it.
pub fn is_pdfa<'a>(options: Options, docs: impl IntoIterator<Item = &'a Document>) -> bool {
    options.pdfa || docs.into_iter().any(|d| d.archive)
}

/// Writes the parts in the order `sequence` gives (indices into `parts`, repeats allowed: the
/// copies of a print run), with the given metadata (a print file describes the run, not its
/// first bulletin). Each part is painted once; a repeat is a new page dictionary pointing at
/// the first one's content stream, so 500 copies cost 500 small dictionaries.
///
/// PDF/A-2b when `options` or any part's layout asks for it: the XMP says so, an sRGB output
/// intent with its ICC profile says what the colours mean, and every page that paints with
/// transparency is a transparency group blending in RGB. A CMYK image cannot be expressed
/// against that intent and is refused, naming its file.
pub fn write_sequence_with(
    parts: &[Part],
    sequence: &[usize],
    meta: &Metadata,
    options: Options,
) -> Result<Vec<u8>> {
    if let Some(&bad) = sequence.iter().find(|&&p| p >= parts.len()) {
        return Err(Error::new(ErrorKind::Io, msg::pdf_no_part(bad).text));
    }
    let distinct: std::collections::BTreeSet<usize> = sequence.iter().copied().collect();
    let pdfa = is_pdfa(options, distinct.iter().map(|&p| parts[p].doc));
    let mut w = Writer::new(pdfa, distinct.len() > 1);
    let mut written: Vec<Option<usize>> = vec![None; parts.len()];
    for &p in sequence {
        match written[p] {
            Some(id) => w.copy(id)?,
            None => {
                let part = &parts[p];
                let id = w.begin(part.doc)?;
                for page in &part.layout.pages {
                    w.page(std::borrow::Cow::Borrowed(page))?;
                }
                w.end()?;
                written[p] = Some(id);
            }
        }
    }
    w.finish(meta)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::{FsAssets, SearchPaths};
    use crate::error::Source;
    use crate::page::Item;
    use crate::units::Pt;

    fn laid_out() -> (Document, Layout) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let assets = FsAssets::new(SearchPaths {
            layout_dirs: vec![root.join("layouts")],
            font_dirs: vec![root.join("fonts")],
            ..SearchPaths::default()
        });
        let text = "layout = \"newsletter\"\n[bulletin]\npublisher = \"测试\"\ndate = 2024-01-02\n[[blocks]]\ntext = \"正文。\"\n";
        crate::lay_out(&Source::new("t.toml", text), &assets).expect("lays out")
    }

    #[test]
    fn a_number_pdf_cannot_express_is_refused_not_written() {
        let (doc, mut layout) = laid_out();
        assert!(write(&doc, &layout).is_ok());
        layout.pages[0].items.push(crate::page::Placed {
            tag: crate::page::Tag::layout(),
            item: Item::Rule(crate::page::Rule {
                x: Pt(10.0),
                y: Pt(f64::NAN),
                width: Pt(100.0),
                thickness: Pt(1.0),
                color: crate::model::Color {
                    r: 0.0,
                    g: 0.0,
                    b: 0.0,
                },
            }),
        });
        let err = write(&doc, &layout).unwrap_err().to_string();
        assert!(err.contains("NaN") && err.contains("refusing"), "{err}");
    }

    #[test]
    fn the_same_document_gives_the_same_bytes() {
        let (doc, layout) = laid_out();
        assert_eq!(write(&doc, &layout).unwrap(), write(&doc, &layout).unwrap());
    }
}
