//! The writer as a machine fed page by page, so that a document is never held whole: the page
//! stage hands each page over as soon as it is finished ([`crate::page::paginate_into`]), the
//! writer paints it (a batch at a time, in parallel), writes its objects and drops it. What
//! it keeps for the end is small and per page: the page objects, the links and marked content
//! for copies of a print run, the outline entries, the structure tree, and the glyphs each
//! font must keep. Fonts are subset and written last, when every glyph drawn is known.
//!
//! Object numbers are handed out as objects are met; a link to a page not written yet gets
//! the page's number in advance. Nothing depends on the clock, a random number or a hash map's
//! order: the same input gives the same bytes.

use super::content::{self, Link};
use super::{deflate, finite, fonts, images, meta, outline, tags, Alloc};
use crate::error::{Error, ErrorKind, Result};
use crate::messages::msg;
use crate::page::structure::Outline;
use crate::page::Page;
use crate::resolve::{Document, Metadata};
use pdf_writer::{Finish, Name, Pdf, Rect, Ref, TextStr};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// How many pages are painted at a time: enough to keep every core busy, few enough that the
/// uncompressed content of one batch is small.
const BATCH: usize = 64;

/// A part's page as painted once: its content stream, whether it is transparent, its links and
/// its marked content (a copy of the part reuses all of it).
struct PaintedPage {
    contents: Ref,
    transparent: bool,
    links: Vec<Link>,
}

/// A document written into the file (once; its copies point at its pages' content).
struct PartState<'a> {
    doc: &'a Document,
    pages: Vec<PaintedPage>,
    /// Index in the file's pages of the part's first page (its first copy's).
    start: usize,
    outline: Outline,
}

/// Writes a PDF from the pages of one or more documents handed over in order.
pub struct Writer<'a> {
    pdf: Pdf,
    alloc: Alloc,
    catalog: Ref,
    tree: Ref,
    info: Ref,
    resources: Ref,
    pdfa: bool,
    fonts: fonts::Embedded,
    images: images::Embedded,
    /// Every page object of the file, in order.
    kids: Vec<Ref>,
    /// Page objects numbered before their page was written (a link's target), by file index.
    ahead: BTreeMap<usize, Ref>,
    parts: Vec<PartState<'a>>,
    /// The part whose pages are being handed over, and its pages not painted yet.
    current: Option<usize>,
    batch: Vec<Cow<'a, Page>>,
    /// The order the parts appear in the file (repeats are copies).
    sequence: Vec<usize>,
    multiply: bool,
    structure: tags::Tree,
}

impl<'a> Writer<'a> {
    /// A writer for a file of PDF/A-2b (`pdfa`) or plain PDF; `several`: the file holds more
    /// than one document (each gets its own Part element and outline entry).
    pub fn new(pdfa: bool, several: bool) -> Writer<'a> {
        let mut alloc = Alloc(0);
        let catalog = alloc.next();
        let tree = alloc.next();
        let info = alloc.next();
        let resources = alloc.next();
        let mut pdf = Pdf::new();
        pdf.set_version(1, 7);
        Writer {
            pdf,
            alloc,
            catalog,
            tree,
            info,
            resources,
            pdfa,
            fonts: fonts::Embedded::default(),
            images: images::Embedded::new(),
            kids: Vec::new(),
            ahead: BTreeMap::new(),
            parts: Vec::new(),
            current: None,
            batch: Vec::new(),
            sequence: Vec::new(),
            multiply: false,
            structure: tags::Tree::new(several),
        }
    }

    /// Starts a document: its pages follow with [`Self::page`], then [`Self::end`]. Returns
    /// its number, for [`Self::copy`].
    pub fn begin(&mut self, doc: &'a Document) -> Result<usize> {
        self.end()?;
        let g = &doc.page;
        finite::check_size(g.width.0, g.height.0).map_err(refuse)?;
        if self.pdfa {
            refuse_cmyk(doc)?;
        }
        self.images.add(doc, &mut self.pdf, &mut self.alloc);
        let p = self.parts.len();
        self.parts.push(PartState {
            doc,
            pages: Vec::new(),
            start: self.kids.len() + self.batch.len(),
            outline: Outline::default(),
        });
        self.sequence.push(p);
        self.current = Some(p);
        Ok(p)
    }

    /// Takes the current document's next page.
    pub fn page(&mut self, page: Cow<'a, Page>) -> Result<()> {
        self.batch.push(page);
        if self.batch.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    /// Ends the current document (if one is open): its last pages are written.
    pub fn end(&mut self) -> Result<()> {
        self.flush()?;
        self.current = None;
        Ok(())
    }

    /// Adds a copy of document `p` (written before): new page objects over its content.
    pub fn copy(&mut self, p: usize) -> Result<()> {
        self.end()?;
        self.sequence.push(p);
        let count = self.parts[p].pages.len();
        let height = self.parts[p].doc.page.height.0;
        let g = &self.parts[p].doc.page;
        let media = Rect::new(0.0, 0.0, g.width.0 as f32, g.height.0 as f32);
        let kids: Vec<Ref> = (0..count).map(|_| self.alloc.next()).collect();
        for (j, painted) in self.parts[p].pages.iter().enumerate() {
            // Each copy's links are its own objects (an annotation belongs to one page), and
            // an internal link goes to the page of the same copy. Copies are not tagged: they
            // share their first copy's content, MCIDs and all, and one element cannot own the
            // same content twice.
            let on = kids[j];
            let annots: Vec<Ref> = painted.links.iter().map(|_| self.alloc.next()).collect();
            for (link, &id) in painted.links.iter().zip(&annots) {
                let mut target = |i: usize| kids.get(i).copied();
                annotation(&mut self.pdf, id, link, &mut target, height, on, None);
            }
            write_page(
                &mut self.pdf,
                on,
                (self.tree, self.resources),
                media,
                painted,
                &annots,
                None,
                self.pdfa,
            );
        }
        self.kids.extend(kids);
        Ok(())
    }

    /// Paints the pages waiting and writes them.
    fn flush(&mut self) -> Result<()> {
        let Some(p) = self.current else {
            return Ok(());
        };
        if self.batch.is_empty() {
            return Ok(());
        }
        let doc = self.parts[p].doc;
        let batch = std::mem::take(&mut self.batch);
        // Codes first, in page order (painting only reads them).
        for page in &batch {
            self.fonts.register(page, doc, &mut self.alloc);
        }
        let (fonts, images) = (&self.fonts, &self.images);
        let painted: Vec<std::result::Result<(content::PageContent, Vec<u8>), String>> = batch
            .par_iter()
            .map(|page| {
                let c = content::page(page, doc, fonts, images);
                if let Some(v) = c.bad {
                    return Err(msg::pdf_what_content(v).text);
                }
                let packed = deflate(&c.bytes);
                Ok((c, packed))
            })
            .collect();
        let g = &doc.page;
        let media = Rect::new(0.0, 0.0, g.width.0 as f32, g.height.0 as f32);
        let height = g.height.0;
        let start = self.parts[p].start;
        for (page, result) in batch.iter().zip(painted) {
            let (c, packed) = result.map_err(refuse)?;
            let j = self.parts[p].pages.len();
            let index = self.kids.len();
            let on = self
                .ahead
                .remove(&index)
                .unwrap_or_else(|| self.alloc.next());
            self.kids.push(on);
            let contents = self.alloc.next();
            self.pdf
                .stream(contents, &packed)
                .filter(pdf_writer::Filter::FlateDecode);
            self.multiply |= c.multiply;
            let annots: Vec<Ref> = c.links.iter().map(|_| self.alloc.next()).collect();
            for (link, &id) in c.links.iter().zip(&annots) {
                let key = self.structure.link(p, j, on, page, link.item, id);
                // A link's target page may come later: its object is numbered now.
                let (kids, ahead, alloc) = (&self.kids, &mut self.ahead, &mut self.alloc);
                let mut target = |i: usize| {
                    let at = start + i;
                    Some(match kids.get(at) {
                        Some(&r) => r,
                        None => *ahead.entry(at).or_insert_with(|| alloc.next()),
                    })
                };
                annotation(&mut self.pdf, id, link, &mut target, height, on, Some(key));
            }
            let key = self.structure.page(p, j, on, page, &c.marks);
            let painted = PaintedPage {
                contents,
                transparent: c.transparent,
                links: c.links,
            };
            write_page(
                &mut self.pdf,
                on,
                (self.tree, self.resources),
                media,
                &painted,
                &annots,
                Some(key),
                self.pdfa,
            );
            self.parts[p].outline.add(doc, j, page);
            self.parts[p].pages.push(painted);
        }
        Ok(())
    }

    /// Writes what only the whole file tells (the page tree, the fonts, the outline, the
    /// structure tree, the metadata) and returns the file's bytes.
    pub fn finish(mut self, meta: &Metadata) -> Result<Vec<u8>> {
        self.end()?;
        let Writer {
            mut pdf,
            mut alloc,
            catalog,
            tree,
            info,
            resources,
            pdfa,
            fonts,
            images,
            kids,
            ahead,
            parts,
            sequence,
            multiply,
            structure,
            ..
        } = self;
        // A page numbered ahead that never came (a link to a page past the end): not possible
        // from the page stage, but a dangling reference must not reach the file.
        debug_assert!(ahead.is_empty(), "pages numbered but never written");
        if !ahead.is_empty() {
            return Err(Error::new(ErrorKind::Io, msg::pdf_no_part(kids.len()).text));
        }

        let nodes = outline_nodes(&parts, &sequence, &kids);
        let outline_root = alloc.next();
        let has_outline = outline::write(&mut pdf, outline_root, &nodes, &mut || alloc.next());

        pdf.pages(tree)
            .kids(kids.iter().copied())
            .count(kids.len() as i32);

        let font_resources: Vec<(String, Ref)> =
            fonts.resources().map(|(n, r)| (n.to_string(), r)).collect();
        fonts.write(&mut pdf, &mut alloc)?;
        let mut res = pdf
            .indirect(resources)
            .start::<pdf_writer::writers::Resources>();
        {
            let mut f = res.fonts();
            for (name, id) in &font_resources {
                f.pair(Name(name.as_bytes()), *id);
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
        // PDF/UA only when every page is tagged: a print run's copies are not.
        let xmp = meta::xmp(meta, pdfa, parts.len() == sequence.len());
        let xmp_id = alloc.next();
        pdf.metadata(xmp_id, &xmp);
        let profile = pdfa.then(|| {
            let id = alloc.next();
            let packed = deflate(&super::icc::srgb());
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
                .output_condition_identifier(TextStr(super::icc::NAME))
                .registry_name(TextStr("http://www.color.org"))
                .info(TextStr(super::icc::NAME))
                .dest_output_profile(profile);
        }
        cat.finish();

        let id = meta::file_id(pdf.as_bytes());
        pdf.set_file_id((id.clone(), id));
        Ok(pdf.finish())
    }
}

/// The outline of the file: one document's titles and headings, or for a print run (more than
/// one document or copy) one entry per bulletin, at its first copy, with its outline beneath.
fn outline_nodes(parts: &[PartState], sequence: &[usize], kids: &[Ref]) -> Vec<outline::Node> {
    let mut nodes = Vec::new();
    for part in parts {
        let count = part.pages.len();
        if count == 0 {
            continue;
        }
        let page_of = |i: usize| kids[part.start + i.min(count - 1)];
        let below = outline::nest(&part.outline.entries, &page_of, part.doc.page.height.0);
        if sequence.len() == 1 {
            return below;
        }
        nodes.push(outline::Node {
            title: part.doc.meta.title.clone(),
            page: kids[part.start],
            top: part.doc.page.height.0 as f32,
            children: below,
        });
    }
    nodes
}

/// A page object over painted content.
#[allow(clippy::too_many_arguments)]
fn write_page(
    pdf: &mut Pdf,
    id: Ref,
    (tree, resources): (Ref, Ref),
    media: Rect,
    painted: &PaintedPage,
    annots: &[Ref],
    struct_parents: Option<i32>,
    pdfa: bool,
) {
    let mut page = pdf.page(id);
    page.media_box(media)
        .tab_order(pdf_writer::types::TabOrder::StructureOrder)
        .parent(tree)
        .contents(painted.contents)
        .pair(Name(b"Resources"), resources);
    if let Some(key) = struct_parents {
        page.struct_parents(key);
    }
    if !annots.is_empty() {
        page.annotations(annots.iter().copied());
    }
    if painted.transparent && pdfa {
        page.group().transparency().color_space().device_rgb();
    }
    page.finish();
}

/// The error for a number PDF cannot express reaching the writer.
fn refuse(what: String) -> Error {
    Error::new(ErrorKind::Io, msg::pdf_not_finite(what).text)
}

/// A link annotation over `link.rect` on page `on`: to a web or mail address, or to a place
/// in the same document (`page` gives the object of the document's page `i`). Printable (PDF/A
/// asks for the print flag), without a border, with the address as its text alternative.
fn annotation(
    pdf: &mut Pdf,
    id: Ref,
    link: &Link,
    page: &mut dyn FnMut(usize) -> Option<Ref>,
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
        LinkTarget::Internal { page: p, y } => {
            a.contents(TextStr(&link.contents));
            let Some(to) = page(*p) else {
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
fn refuse_cmyk(doc: &Document) -> Result<()> {
    for (i, img) in doc.images.iter().enumerate() {
        if img.stream.color_space == crate::images::ColorSpace::Cmyk {
            let path = doc
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
    Ok(())
}
