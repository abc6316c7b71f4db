//! A prototype for issue 17: jianbao's pages written with **krilla** instead of jianbao's own
//! pdf-writer code, so that the two writers can be measured side by side (docs/pdf.md, "krilla,
//! measured"). It is a measuring tool, not a second writer: it takes the same path `render`
//! takes (parse → resolve → pages streamed as they are finished) through the public API, and
//! paints each page's display list (`page::paint::display_list`, the list jianbao's writer and
//! preview paint) on a krilla surface:
//!
//! - glyph runs as positioned glyphs of a krilla `Font` made from the face's own bytes (no copy),
//!   every glyph at the x the line breaker gave it, in the run's colour, stretched by the run's
//!   horizontal scale, fake bold as a fill-and-stroke;
//! - rules and emphasis dots as filled paths;
//! - pictures from their files, which krilla decodes and encodes again (no passthrough);
//! - the document's metadata (title, author, subject, keywords, date, language zh-CN);
//! - tagging: each item's content marked, grouped by the page stage's tags into a krilla tag
//!   tree (H1–H5, P, Note, Caption, Figure with alt text, Table/TR/TH/TD with their spans,
//!   L/LI/Lbl/LBody),
//!   running heads, page numbers, rules and dots as artifacts;
//! - with `--validate a2b|ua1|a2b+ua1`, krilla's PDF/A-2b and/or PDF/UA-1 validators: the file
//!   is written only if krilla finds nothing, else the errors are listed;
//! - an outline from the title and headings, nested by level (PDF/UA wants one).
//!
//! Not done (the measurement does not need them): link annotations, print runs.
//!
//! ```text
//! jianbao-krilla-proto DEFINITION.toml OUT.pdf [--validate a2b|ua1|a2b+ua1] [--no-tags]
//! ```

use jianbao::assets::{FsAssets, SearchPaths};
use jianbao::error::Source;
use jianbao::fonts::{FontFace, FontIdx};
use jianbao::model::Color;
use jianbao::page::paint::{display_list, GlyphRun, Paint};
use jianbao::page::{Artifact, Dot, ImageBox, Item, Page, Rule, Structure, TextRun};
use jianbao::resolve::Document;
use krilla::color::rgb;
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::error::KrillaError;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, LineJoin, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    ArtifactType, ContentTag, Identifier, ListNumbering, Node, SpanTag, TableHeaderScope, Tag,
    TagGroup, TagKind, TagTree,
};
use krilla::text::{Font, GlyphId};
use krilla::{Data, Document as PdfDocument, SerializeSettings};
use std::collections::HashMap;
use std::num::{NonZeroU16, NonZeroU32};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jianbao-krilla-proto: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Args {
    input: PathBuf,
    output: PathBuf,
    archival: bool,
    accessible: bool,
    tags: bool,
}

fn args() -> Result<Args, String> {
    let usage =
        "usage: jianbao-krilla-proto DEFINITION.toml OUT.pdf [--validate a2b|ua1|a2b+ua1] [--no-tags]";
    let mut plain = Vec::new();
    let (mut archival, mut accessible, mut tags) = (false, false, true);
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--validate" => {
                let which = it.next().ok_or(usage)?;
                for part in which.split('+') {
                    match part {
                        "a2b" => archival = true,
                        "ua1" => accessible = true,
                        _ => return Err(format!("unknown standard {part:?}\n{usage}")),
                    }
                }
            }
            "--no-tags" => tags = false,
            _ if a.starts_with('-') => return Err(format!("unknown option {a}\n{usage}")),
            _ => plain.push(PathBuf::from(a)),
        }
    }
    let [input, output] = <[PathBuf; 2]>::try_from(plain).map_err(|_| usage.to_string())?;
    Ok(Args {
        input,
        output,
        archival,
        accessible,
        tags: tags || accessible,
    })
}

/// The project's layouts/ and fonts/ (the crate sits two levels below the repository).
fn assets() -> FsAssets {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    FsAssets::new(SearchPaths {
        layout_dirs: vec![root.join("layouts")],
        font_dirs: vec![root.join("fonts")],
        ..SearchPaths::default()
    })
}

fn run() -> Result<(), String> {
    let args = args()?;
    let text = std::fs::read_to_string(&args.input)
        .map_err(|e| format!("{}: {e}", args.input.display()))?;
    let source = Source::new(args.input.clone(), text);
    let assets = assets();
    let def = jianbao::model::definition::parse(&source).map_err(|e| e.to_string())?;
    let doc = jianbao::resolve::resolve(&def, &assets).map_err(|e| e.to_string())?;

    let mut config = ConfigurationBuilder::new();
    if args.archival {
        config = config.with_archival_validator(Archival::A2_B);
    }
    if args.accessible {
        config = config.with_accessibility_validator(Accessibility::UA1);
    }
    let settings = SerializeSettings {
        configuration: config.finish().map_err(|e| format!("{e:?}"))?,
        enable_tagging: args.tags,
        ..SerializeSettings::default()
    };
    let mut pdf = PdfDocument::new_with(settings);
    let mut writer = Writer::new(&doc)?;
    let mut failed = None;
    // The pages come as they are finished and are dropped once painted, as in `render`.
    let layout = jianbao::page::paginate_into(&doc, &mut |page| {
        if failed.is_none() {
            if let Err(e) = writer.page(&mut pdf, &page) {
                failed = Some(e);
            }
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    if layout.overflowed {
        return Err("too many pages".into());
    }
    pdf.set_metadata(metadata(&doc));
    pdf.set_outline(writer.tree.outline());
    if args.tags {
        pdf.set_tag_tree(writer.tree.finish());
    }
    let bytes = pdf.finish().map_err(describe)?;
    std::fs::write(&args.output, bytes).map_err(|e| format!("{}: {e}", args.output.display()))
}

/// krilla's errors, validation errors one a line.
fn describe(e: KrillaError) -> String {
    match e {
        KrillaError::Validation(errors) => {
            let mut counts: Vec<(String, usize)> = Vec::new();
            for (error, _) in &errors {
                let kind = format!("{error:?}");
                match counts.iter_mut().find(|(k, _)| *k == kind) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((kind, 1)),
                }
            }
            let lines: Vec<String> = counts.iter().map(|(k, n)| format!("  {n}× {k}")).collect();
            format!(
                "krilla's validator found {} problem(s):\n{}",
                errors.len(),
                lines.join("\n")
            )
        }
        other => format!("{other:?}"),
    }
}

fn metadata(doc: &Document) -> Metadata {
    let m = &doc.meta;
    let mut out = Metadata::new()
        .title(m.title.clone())
        .language("zh-CN".into())
        .creator("jianbao (krilla prototype)".into());
    if !m.author.is_empty() {
        out = out.authors(vec![m.author.clone()]);
    }
    if !m.subject.is_empty() {
        out = out.description(m.subject.clone());
    }
    if !m.keywords.is_empty() {
        out = out.keywords(m.keywords.clone());
    }
    // The bulletin's date, never the clock (determinism).
    if let Ok(year) = u16::try_from(m.date.year) {
        out = out.creation_date(
            DateTime::new(year)
                .month(m.date.month as u8)
                .day(m.date.day as u8),
        );
    }
    out
}

/// What persists from page to page: the krilla fonts and images made so far, and the tag tree.
struct Writer<'d> {
    doc: &'d Document,
    fonts: Vec<Option<Font>>,
    images: Vec<Option<Image>>,
    tree: Tree,
    /// Pages written so far (the next page's index).
    pages: usize,
}

/// A face's bytes, lent to krilla without a copy (the face owns them, mapped or read).
struct FaceBytes(Arc<FontFace>);

impl AsRef<[u8]> for FaceBytes {
    fn as_ref(&self) -> &[u8] {
        self.0.data()
    }
}

impl<'d> Writer<'d> {
    fn new(doc: &'d Document) -> Result<Writer<'d>, String> {
        Ok(Writer {
            doc,
            fonts: vec![None; doc.fonts.faces().len()],
            images: vec![None; doc.images.len()],
            tree: Tree::default(),
            pages: 0,
        })
    }

    fn font(&mut self, idx: FontIdx) -> Result<Font, String> {
        if let Some(f) = &self.fonts[idx] {
            return Ok(f.clone());
        }
        let face = self.doc.fonts.get(idx);
        let bytes: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(FaceBytes(face.clone()));
        let font = Font::new(Data::from(bytes), face.index())
            .ok_or_else(|| format!("krilla cannot read the font {}", face.postscript_name))?;
        self.fonts[idx] = Some(font.clone());
        Ok(font)
    }

    /// The picture from its file: krilla takes PNG or JPEG bytes and decodes them itself.
    fn image(&mut self, idx: usize) -> Result<Image, String> {
        if let Some(i) = &self.images[idx] {
            return Ok(i.clone());
        }
        let path = &self.doc.image_paths[idx];
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let image = if bytes.starts_with(&[0xFF, 0xD8]) {
            Image::from_jpeg(bytes.into(), false)
        } else {
            Image::from_png(bytes.into(), false)
        }
        .map_err(|e| format!("{}: {e}", path.display()))?;
        self.images[idx] = Some(image.clone());
        Ok(image)
    }

    fn page(&mut self, pdf: &mut PdfDocument, page: &Page) -> Result<(), String> {
        let geometry = &self.doc.page;
        let size = Size::from_wh(geometry.width.0 as f32, geometry.height.0 as f32)
            .ok_or("bad page size")?;
        let mut kpage = pdf.start_page_with(PageSettings::new(size));
        let mut s = kpage.surface();
        // The item whose marked content is open, and its identifier.
        let mut open: Option<usize> = None;
        for op in display_list(page, &self.doc.fonts) {
            if open != Some(op.item) {
                if open.is_some() {
                    s.end_tagged();
                }
                let tag = page.tag(op.item);
                match &tag.structure {
                    Structure::Artifact(kind) => {
                        s.start_tagged(ContentTag::Artifact(krilla::tagging::Artifact::new(
                            match kind {
                                Artifact::Pagination => ArtifactType::PaginationOther,
                                Artifact::Layout => ArtifactType::Layout,
                            },
                            None,
                        )));
                    }
                    structure => {
                        let id = s.start_tagged(ContentTag::Span(SpanTag::empty()));
                        let at = Place {
                            page: self.pages,
                            number: page.number,
                            item: op.item,
                        };
                        self.tree.add(structure, tag.element, at, id);
                        if let (Item::Text(line), Structure::Title | Structure::Heading(_)) =
                            (page.item(op.item), structure)
                        {
                            self.tree.heading_text(line);
                        }
                    }
                }
                open = Some(op.item);
            }
            match op.paint {
                Paint::Image(b) => {
                    let image = self.image(b.image)?;
                    draw_image(&mut s, b, image);
                }
                Paint::Rule(r) => draw_rule(&mut s, r),
                Paint::Dot(d) => draw_dot(&mut s, d),
                Paint::Glyphs(run) => {
                    let font = self.font(run.font)?;
                    let face = self.doc.fonts.get(run.font).clone();
                    draw_glyphs(&mut s, &run, &face, font);
                }
            }
        }
        if open.is_some() {
            s.end_tagged();
        }
        s.finish();
        kpage.finish();
        self.pages += 1;
        Ok(())
    }
}

fn fill(color: Color) -> Fill {
    Fill {
        paint: rgb_of(color).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

/// krilla's RGB colours have 8 bits a channel (jianbao writes the layout's value as a real).
fn rgb_of(c: Color) -> rgb::Color {
    let q = |v: f64| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    rgb::Color::new(q(c.r), q(c.g), q(c.b))
}

fn draw_image(s: &mut Surface, b: &ImageBox, image: Image) {
    let Some(size) = Size::from_wh(b.width.0 as f32, b.height.0 as f32) else {
        return;
    };
    if b.multiply {
        s.push_blend_mode(krilla::blend::BlendMode::Multiply);
    }
    s.push_transform(&Transform::from_translate(b.x.0 as f32, b.y.0 as f32));
    s.draw_image(image, size);
    s.pop();
    if b.multiply {
        s.pop();
    }
}

/// A rule: a filled rectangle centred on its y (y downwards, as krilla's surface has it).
fn draw_rule(s: &mut Surface, r: &Rule) {
    let half = r.thickness.0 / 2.0;
    let Some(rect) = Rect::from_xywh(
        r.x.0 as f32,
        (r.y.0 - half) as f32,
        r.width.0 as f32,
        r.thickness.0 as f32,
    ) else {
        return;
    };
    let mut p = PathBuilder::new();
    p.push_rect(rect);
    if let Some(path) = p.finish() {
        s.set_fill(Some(fill(r.color)));
        s.set_stroke(None);
        s.draw_path(&path);
    }
}

/// An emphasis dot: a filled circle of four Bézier quarters.
fn draw_dot(s: &mut Surface, d: &Dot) {
    let (cx, cy, r) = (d.x.0 as f32, d.y.0 as f32, d.radius.0 as f32);
    let k = r * 0.552_284_8;
    let mut p = PathBuilder::new();
    p.move_to(cx + r, cy);
    p.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    p.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    p.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    p.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    p.close();
    if let Some(path) = p.finish() {
        s.set_fill(Some(fill(d.color)));
        s.set_stroke(None);
        s.draw_path(&path);
    }
}

/// A glyph as krilla wants it: its advance is the distance to the next glyph's x (so every
/// glyph lands where jianbao's line breaker put it), the last one's the font's own; in ems,
/// as krilla asks for it at size 1 to write the text's adjustments.
struct Placed {
    id: GlyphId,
    text: Range<usize>,
    advance: f32,
}

impl krilla::text::Glyph for Placed {
    fn glyph_id(&self) -> GlyphId {
        self.id
    }
    fn text_range(&self) -> Range<usize> {
        self.text.clone()
    }
    fn x_advance(&self, size: f32) -> f32 {
        self.advance * size
    }
    fn x_offset(&self, _size: f32) -> f32 {
        0.0
    }
    fn y_offset(&self, _size: f32) -> f32 {
        0.0
    }
    fn y_advance(&self, _size: f32) -> f32 {
        0.0
    }
    fn location(&self) -> Option<krilla::surface::Location> {
        None
    }
}

fn draw_glyphs(s: &mut Surface, run: &GlyphRun, face: &FontFace, font: Font) {
    let size = run.size.0 as f32;
    let scale = run.scale;
    let glyphs: Vec<Placed> = run
        .glyphs
        .iter()
        .enumerate()
        .map(|(k, g)| {
            // Advances in ems of the run's unscaled space (the transform below stretches them).
            let advance = match run.glyphs.get(k + 1) {
                Some(next) => (next.x - g.x).0 / scale / run.size.0,
                None => face.advance(g.glyph),
            };
            Placed {
                id: GlyphId::new(g.glyph as u32),
                text: g.text.start as usize..g.text.end as usize,
                advance: advance as f32,
            }
        })
        .collect();
    s.set_fill(Some(fill(run.color)));
    // Fake bold: the outline stroked as well as filled, in the text's colour.
    s.set_stroke((run.stroke.0 > 0.0).then(|| Stroke {
        paint: rgb_of(run.color).into(),
        width: run.stroke.0 as f32,
        line_join: LineJoin::Round,
        ..Stroke::default()
    }));
    let (x, y) = (run.x().0 as f32, run.baseline.0 as f32);
    if scale != 1.0 {
        s.push_transform(&Transform::from_row(scale as f32, 0.0, 0.0, 1.0, x, y));
        s.draw_glyphs(
            Point::from_xy(0.0, 0.0),
            &glyphs,
            font,
            &run.line.text,
            size,
            false,
        );
        s.pop();
    } else {
        s.draw_glyphs(
            Point::from_xy(x, y),
            &glyphs,
            font,
            &run.line.text,
            size,
            false,
        );
    }
    s.set_stroke(None);
}

/// The tag tree, built as pages stream: the page stage's tags say which element (block) each
/// item belongs to, so a paragraph split over two pages is one P, a table's cells go into its
/// rows, a list's labels and bodies into its items.
#[derive(Default)]
struct Tree {
    nodes: Vec<(Kind, Vec<Child>)>,
    roots: Vec<usize>,
    keys: HashMap<Key, usize>,
    /// The headings' nodes in order, with the page (index) and y they start at: the outline.
    headings: Vec<(usize, usize, f32)>,
    /// The node the last leaf went into.
    last: usize,
}

/// Where an item is: the page's index in the file, its printed number, the item's index.
#[derive(Clone, Copy)]
struct Place {
    page: usize,
    number: u32,
    item: usize,
}

#[derive(Clone, Copy)]
enum Child {
    Leaf(Identifier),
    Group(usize),
}

#[derive(Clone, Debug)]
enum Kind {
    /// A heading's level (1: the title) and its text (PDF/UA wants it as the tag's title).
    H(u16, String),
    P,
    Note,
    Caption,
    Figure(Option<String>),
    Table,
    Tr,
    /// A cell's row and column spans (`None`: 1).
    Th(Spans),
    Td(Spans),
    L,
    Li,
    Lbl,
    LBody,
}

type Spans = (Option<NonZeroU32>, Option<NonZeroU32>);

/// A span of more than one row or column (PDF's default is 1).
fn span(n: usize) -> Option<NonZeroU32> {
    u32::try_from(n)
        .ok()
        .and_then(NonZeroU32::new)
        .filter(|n| n.get() > 1)
}

/// What finds an element's group again: its block, and what part of the block.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Key {
    /// A block's own element (its `&'static str` is the structure's name).
    Element(usize, &'static str),
    Row(usize, usize),
    Cell(usize, usize, usize),
    Item(usize, usize),
    Part(usize, usize, &'static str),
    /// An item of no block (the masthead's text): page number and item.
    Loose(u32, usize),
}

impl Tree {
    fn group(&mut self, key: Key, kind: Kind, parent: Option<usize>) -> usize {
        if let Some(&n) = self.keys.get(&key) {
            return n;
        }
        let n = self.nodes.len();
        self.nodes.push((kind, Vec::new()));
        self.keys.insert(key, n);
        match parent {
            Some(p) => self.nodes[p].1.push(Child::Group(n)),
            None => self.roots.push(n),
        }
        n
    }

    fn add(&mut self, structure: &Structure, element: Option<usize>, at: Place, id: Identifier) {
        let plain = |s: &Structure| -> Kind {
            match s {
                Structure::Title => Kind::H(1, String::new()),
                Structure::Heading(l) => Kind::H((*l as u16 + 1).min(6), String::new()),
                Structure::Note => Kind::Note,
                Structure::Caption { .. } => Kind::Caption,
                Structure::Figure { alt } => Kind::Figure(alt.as_deref().map(str::to_owned)),
                _ => Kind::P,
            }
        };
        let leaf_parent = match (element, structure) {
            (
                Some(e),
                Structure::Cell {
                    header,
                    row,
                    col,
                    rowspan,
                    colspan,
                },
            ) => {
                let table = self.group(Key::Element(e, "Table"), Kind::Table, None);
                let tr = self.group(Key::Row(e, *row), Kind::Tr, Some(table));
                let spans = (span(*rowspan), span(*colspan));
                let kind = if *header {
                    Kind::Th(spans)
                } else {
                    Kind::Td(spans)
                };
                self.group(Key::Cell(e, *row, *col), kind, Some(tr))
            }
            (Some(e), Structure::Lbl { item: i } | Structure::LBody { item: i }) => {
                let list = self.group(Key::Element(e, "L"), Kind::L, None);
                let li = self.group(Key::Item(e, *i), Kind::Li, Some(list));
                let (name, kind) = match structure {
                    Structure::Lbl { .. } => ("Lbl", Kind::Lbl),
                    _ => ("LBody", Kind::LBody),
                };
                self.group(Key::Part(e, *i, name), kind, Some(li))
            }
            // A row of photos has a caption of its own for each photo (its part).
            (Some(e), Structure::Caption { part }) => {
                self.group(Key::Part(e, *part, "Caption"), Kind::Caption, None)
            }
            (Some(e), s) => self.group(Key::Element(e, s.name()), plain(s), None),
            (None, s) => self.group(Key::Loose(at.number, at.item), plain(s), None),
        };
        if matches!(self.nodes[leaf_parent].0, Kind::H(..)) && self.nodes[leaf_parent].1.is_empty()
        {
            self.headings.push((leaf_parent, at.page, 0.0));
        }
        self.nodes[leaf_parent].1.push(Child::Leaf(id));
        self.last = leaf_parent;
    }

    /// Adds a heading line's text to the heading the last leaf went into, and its top to the
    /// outline entry if this is its first line.
    fn heading_text(&mut self, line: &TextRun) {
        let (Some(first), Some(last)) = (line.glyphs.first(), line.glyphs.last()) else {
            return;
        };
        let text = line
            .text
            .get(first.text.start as usize..last.text.end as usize)
            .unwrap_or("");
        if let Kind::H(_, title) = &mut self.nodes[self.last].0 {
            if title.is_empty() {
                if let Some(h) = self.headings.iter_mut().rev().find(|h| h.0 == self.last) {
                    h.2 = (line.baseline - line.size).0 as f32;
                }
            }
            title.push_str(text);
        }
    }

    /// The outline: the headings nested by level.
    fn outline(&self) -> Outline {
        // Open entries: level and node, the outermost first.
        let mut stack: Vec<(u16, OutlineNode)> = Vec::new();
        let mut outline = Outline::new();
        let close = |stack: &mut Vec<(u16, OutlineNode)>, outline: &mut Outline| {
            let (_, node) = stack.pop().expect("an open entry");
            match stack.last_mut() {
                Some((_, parent)) => parent.push_child(node),
                None => outline.push_child(node),
            }
        };
        for &(n, page, y) in &self.headings {
            let Kind::H(level, title) = &self.nodes[n].0 else {
                continue;
            };
            while stack.last().is_some_and(|(l, _)| *l >= *level) {
                close(&mut stack, &mut outline);
            }
            let dest = XyzDestination::new(page, Point::from_xy(0.0, y.max(0.0)));
            stack.push((*level, OutlineNode::new(title.clone(), dest)));
        }
        while !stack.is_empty() {
            close(&mut stack, &mut outline);
        }
        outline
    }

    fn finish(&self) -> TagTree {
        let mut tree = TagTree::new().with_lang(Some("zh-CN".into()));
        for &r in &self.roots {
            tree.push(self.node(r));
        }
        tree
    }

    fn node(&self, n: usize) -> TagGroup {
        let (kind, children) = &self.nodes[n];
        let kids: Vec<Node> = children
            .iter()
            .map(|c| match *c {
                Child::Leaf(id) => Node::from(id),
                Child::Group(g) => Node::from(self.node(g)),
            })
            .collect();
        let kind: TagKind = match kind {
            Kind::H(l, title) => Tag::Hn(
                NonZeroU16::new(*l).expect("levels count from 1"),
                Some(title.clone()),
            )
            .into(),
            Kind::P => Tag::P.into(),
            Kind::Note => Tag::Note.into(),
            Kind::Caption => Tag::Caption.into(),
            Kind::Figure(alt) => Tag::Figure(alt.clone()).into(),
            Kind::Table => Tag::Table.into(),
            Kind::Tr => Tag::TR.into(),
            Kind::Th((rows, cols)) => Tag::TH(TableHeaderScope::Column)
                .with_row_span(*rows)
                .with_col_span(*cols)
                .into(),
            Kind::Td((rows, cols)) => Tag::TD.with_row_span(*rows).with_col_span(*cols).into(),
            Kind::L => Tag::L(ListNumbering::None).into(),
            Kind::Li => Tag::LI.into(),
            Kind::Lbl => Tag::Lbl.into(),
            Kind::LBody => Tag::LBody.into(),
        };
        TagGroup::with_children(kind, kids)
    }
}
