//! Stage 6: the PDF, written object by object with `pdf-writer`.
//!
//! [`write_sequence`] reads as the steps: subset and embed the fonts the pages draw, embed the
//! images, then paint the pages in batches — each batch's content streams built and deflated
//! in parallel, written out and dropped, so the writer's memory does not grow with the
//! document (only the finished, compressed bytes do) — then the page tree, the metadata and a
//! file ID derived from the bytes. Nothing depends on the clock, a random number or a hash
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

use crate::error::{Error, ErrorKind, Result};
use crate::messages::msg;
use crate::page::Layout;
use crate::resolve::{Document, Metadata};
use pdf_writer::{Finish, Name, Pdf, Rect, Ref, TextStr};
use rayon::prelude::*;

/// One document's pages and what they need, as input to the writer. Several may go into one
/// PDF (a merged print run); faces shared between them (the same `Arc`) are embedded once.
pub struct Part<'a> {
    pub doc: &'a Document,
    pub layout: &'a Layout,
}

/// How many pages are painted at a time: enough to keep every core busy, few enough that the
/// uncompressed content of one batch is small.
const BATCH: usize = 64;

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

/// A painted page, ready to be written.
struct Painted {
    packed: Vec<u8>,
    transparent: bool,
    multiply: bool,
    links: Vec<content::Link>,
    marks: Vec<usize>,
}

/// A part's page as painted once: its content stream, whether it is transparent, its links.
struct PaintedPage {
    contents: Ref,
    transparent: bool,
    links: Vec<content::Link>,
    marks: Vec<usize>,
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
    let mut alloc = Alloc(0);
    let catalog = alloc.next();
    let tree = alloc.next();
    let info = alloc.next();
    let resources = alloc.next();
    let mut pdf = Pdf::new();
    pdf.set_version(1, 7);

    // Only the parts the sequence names are written.
    let mut wanted = vec![false; parts.len()];
    for &p in sequence {
        wanted[p] = true;
    }
    let used: Vec<Part> = parts
        .iter()
        .zip(&wanted)
        .filter(|(_, w)| **w)
        .map(|(p, _)| Part {
            doc: p.doc,
            layout: p.layout,
        })
        .collect();
    let pdfa = options.pdfa || used.iter().any(|p| p.doc.archive);
    if pdfa {
        refuse_cmyk(&used)?;
    }
    let fonts = fonts::embed(&used, &mut pdf, &mut alloc)?;
    let images = images::embed(&used, &mut pdf, &mut alloc);

    // Every page object of the file, numbered before any is written: outline entries and
    // internal links point at pages written later.
    let mut starts = Vec::with_capacity(sequence.len());
    let mut total = 0;
    for &p in sequence {
        starts.push(total);
        total += parts[p].layout.pages.len();
    }
    let kids: Vec<Ref> = (0..total).map(|_| alloc.next()).collect();

    // Per part: its pages as painted, once.
    let mut painted: Vec<Option<Vec<PaintedPage>>> = (0..parts.len()).map(|_| None).collect();
    let mut multiply = false;
    let distinct = wanted.iter().filter(|w| **w).count();
    let mut structure = tags::Tree::new(distinct > 1);
    let mut tagged = vec![false; parts.len()];
    for (k, &p) in sequence.iter().enumerate() {
        let part = &parts[p];
        let g = &part.doc.page;
        finite::check_size(g.width.0, g.height.0).map_err(refuse)?;
        if painted[p].is_none() {
            let mut pages = Vec::with_capacity(part.layout.pages.len());
            for batch in part.layout.pages.chunks(BATCH) {
                let done: Vec<std::result::Result<Painted, String>> = batch
                    .par_iter()
                    .map(|page| {
                        let c = content::page(page, part.doc, &fonts, &images);
                        if let Some(v) = c.bad {
                            return Err(msg::pdf_what_content(v).text);
                        }
                        Ok(Painted {
                            packed: deflate(&c.bytes),
                            transparent: c.transparent,
                            multiply: c.multiply,
                            links: c.links,
                            marks: c.marks,
                        })
                    })
                    .collect();
                for page in done {
                    let page = page.map_err(refuse)?;
                    let id = alloc.next();
                    pdf.stream(id, &page.packed)
                        .filter(pdf_writer::Filter::FlateDecode);
                    multiply |= page.multiply;
                    pages.push(PaintedPage {
                        contents: id,
                        transparent: page.transparent,
                        links: page.links,
                        marks: page.marks,
                    });
                }
            }
            painted[p] = Some(pages);
        }
        let base = starts[k];
        let height = g.height.0;
        // Only a document's first copy is tagged: copies share its content streams, MCIDs and
        // all, and one element cannot own the same content twice.
        let tag = !std::mem::replace(&mut tagged[p], true);
        for (j, painted) in painted[p]
            .as_ref()
            .expect("painted above")
            .iter()
            .enumerate()
        {
            // Each copy's links are its own objects (an annotation belongs to one page), and
            // an internal link goes to the page of the same copy.
            let annots: Vec<Ref> = painted.links.iter().map(|_| alloc.next()).collect();
            let on = kids[base + j];
            let items = &part.layout.pages[j];
            for (link, &id) in painted.links.iter().zip(&annots) {
                let key = tag.then(|| structure.link(p, j, on, items, link.item, id));
                annotation(&mut pdf, id, link, &kids[base..], height, on, key);
            }
            let key = tag.then(|| structure.page(p, j, on, items, &painted.marks));
            let mut page = pdf.page(kids[base + j]);
            page.media_box(Rect::new(0.0, 0.0, g.width.0 as f32, g.height.0 as f32))
                .tab_order(pdf_writer::types::TabOrder::StructureOrder)
                .parent(tree)
                .contents(painted.contents)
                .pair(Name(b"Resources"), resources);
            if let Some(key) = key {
                page.struct_parents(key);
            }
            if !annots.is_empty() {
                page.annotations(annots);
            }
            if painted.transparent && pdfa {
                page.group().transparency().color_space().device_rgb();
            }
            page.finish();
        }
    }

    let nodes = outline::for_sequence(parts, sequence, &starts, &kids);
    let outline_root = alloc.next();
    let has_outline = outline::write(&mut pdf, outline_root, &nodes, &mut || alloc.next());

    pdf.pages(tree)
        .kids(kids.iter().copied())
        .count(kids.len() as i32);

    let mut res = pdf
        .indirect(resources)
        .start::<pdf_writer::writers::Resources>();
    {
        let mut f = res.fonts();
        for (name, id) in fonts.resources() {
            f.pair(Name(name.as_bytes()), id);
        }
    }
    {
        let mut x = res.x_objects();
        for (name, id) in images.resources() {
            x.pair(Name(name.as_bytes()), id);
        }
    }
    if multiply {
        res.ext_g_states()
            .insert(Name(content::MULTIPLY.as_bytes()))
            .start::<pdf_writer::writers::ExtGraphicsState>()
            .blend_mode(pdf_writer::types::BlendMode::Multiply);
    }
    res.finish();

    let struct_root = alloc.next();
    structure.write(&mut pdf, struct_root, &mut || alloc.next());

    meta::info(&mut pdf, info, meta);
    let xmp = meta::xmp(meta, pdfa, distinct == sequence.len());
    let xmp_id = alloc.next();
    pdf.metadata(xmp_id, &xmp);
    let profile = pdfa.then(|| {
        let id = alloc.next();
        let packed = deflate(&icc::srgb());
        pdf.icc_profile(id, &packed)
            .n(3)
            .range([0.0, 1.0, 0.0, 1.0, 0.0, 1.0])
            .filter(pdf_writer::Filter::FlateDecode);
        id
    });
    let mut cat = pdf.catalog(catalog);
    cat.pages(tree).metadata(xmp_id).lang(TextStr("zh-CN"));
    cat.pair(Name(b"StructTreeRoot"), struct_root);
    cat.mark_info().marked(true);
    cat.viewer_preferences().display_doc_title(true);
    if has_outline {
        cat.outlines(outline_root)
            .page_mode(pdf_writer::types::PageMode::UseOutlines);
    }
    if let Some(profile) = profile {
        cat.output_intents()
            .push()
            .subtype(pdf_writer::types::OutputIntentSubtype::PDFA)
            .output_condition_identifier(TextStr(icc::NAME))
            .registry_name(TextStr("http://www.color.org"))
            .info(TextStr(icc::NAME))
            .dest_output_profile(profile);
    }
    cat.finish();

    let id = meta::file_id(pdf.as_bytes());
    pdf.set_file_id((id.clone(), id));
    Ok(pdf.finish())
}

/// The error for a number PDF cannot express reaching the writer.
fn refuse(what: String) -> Error {
    Error::new(ErrorKind::Io, msg::pdf_not_finite(what).text)
}

/// A link annotation over `link.rect` on page `on`: to a web or mail address, or to a place
/// in the same document (`pages` are its pages' objects). Printable (PDF/A asks for the print
/// flag), without a border, with the address as its text alternative.
fn annotation(
    pdf: &mut Pdf,
    id: Ref,
    link: &content::Link,
    pages: &[Ref],
    height: f64,
    on: Ref,
    struct_parent: Option<i32>,
) {
    use crate::page::LinkTarget;
    use pdf_writer::types::{ActionType, AnnotationFlags, AnnotationType};
    let [l, b, r, t] = link.rect;
    let mut a = pdf.annotation(id);
    a.subtype(AnnotationType::Link)
        .rect(Rect::new(l, b, r, t))
        .page(on)
        .border(0.0, 0.0, 0.0, None)
        .flags(AnnotationFlags::PRINT);
    if let Some(key) = struct_parent {
        a.struct_parent(key);
    }
    match &link.target {
        LinkTarget::Uri(uri) => {
            a.contents(TextStr(uri));
            a.action()
                .action_type(ActionType::Uri)
                .uri(pdf_writer::Str(uri.as_bytes()));
        }
        LinkTarget::Internal { page, y } => {
            a.contents(TextStr(&link.contents));
            let Some(&to) = pages.get(*page) else {
                return;
            };
            a.action()
                .action_type(ActionType::GoTo)
                .destination()
                .page(to)
                .xyz(0.0, (height - y.0) as f32, None);
        }
    }
}

/// Under PDF/A with an sRGB intent, a CMYK image has no meaning: refuse it, naming its file.
fn refuse_cmyk(parts: &[Part]) -> Result<()> {
    for part in parts {
        for (i, img) in part.doc.images.iter().enumerate() {
            if img.stream.color_space == crate::images::ColorSpace::Cmyk {
                let path = part
                    .doc
                    .image_paths
                    .get(i)
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| format!("#{}", i + 1));
                return Err(Error::new(
                    ErrorKind::Image,
                    msg::pdfa_cmyk_image(path).text,
                ));
            }
        }
    }
    Ok(())
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
