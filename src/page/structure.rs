//! The document's logical structure as the page stage knows it: a tag on every page item (what
//! a tagged PDF's structure tree groups it under), the outline (bookmarks) and the targets of
//! links. The PDF writer turns these into a structure tree, outline items and link annotations;
//! nothing here knows PDF syntax beyond the standard structure types' names.

use super::{Item, Layout};
use crate::model::markup::Styled;
use crate::model::roles::{Role, Tagging};
use crate::resolve::{Content, Document};
use crate::units::Pt;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::Arc;

/// A page item and what it is in the document's structure.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub item: Item,
    pub tag: Tag,
}

/// Where a page item belongs in the structure tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Tag {
    pub structure: Structure,
    /// The content block it comes from (an index into the document's blocks), which groups a
    /// block's lines into one element (a paragraph split over pages is one P); `None` for the
    /// masthead, the end block and running heads.
    pub element: Option<usize>,
}

/// What a page item is, in the standard structure types of PDF 1.7 (14.8.4) and PDF/UA.
#[derive(Clone, Debug, PartialEq)]
pub enum Structure {
    /// An article's title: H1.
    Title,
    /// A heading of level 1–4: H2–H5 (one below the title).
    Heading(u8),
    P,
    Note,
    /// A caption: `part` 0 is a figure's or table's own; a row's photos' captions are parts
    /// 1, 2, … (one element each).
    Caption {
        part: usize,
    },
    /// An image, with its text alternative (the caption's text or the figure's `alt`).
    Figure {
        alt: Option<Arc<str>>,
    },
    /// A table cell: TH in a header row, else TD; rows and columns count from 0 over the whole
    /// table, and the rows and columns it spans (1 and 1 for most), which a reader needs to
    /// line the cells up with their headers (ISO 32000-1 14.8.5.7, `/RowSpan`, `/ColSpan`).
    Cell {
        header: bool,
        row: usize,
        col: usize,
        rowspan: usize,
        colspan: usize,
    },
    /// A list item's number (Lbl) and its text (LBody); `item` counts the items of the list
    /// block from 0 (nested items included), which groups them into LI elements.
    Lbl {
        item: usize,
    },
    LBody {
        item: usize,
    },
    /// Not content: a reader skips it.
    Artifact(Artifact),
}

/// The kinds of artifact (PDF 1.7, 14.8.2.2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Artifact {
    /// Running heads and page numbers.
    Pagination,
    /// Rules, emphasis dots, underlines and the masthead's decoration.
    Layout,
}

impl Structure {
    /// The text of an element kind as the registry declares it (a list item's text: LBody).
    pub fn of(role: Role) -> Structure {
        match role.kind().tagging {
            Tagging::P => Structure::P,
            Tagging::Title => Structure::Title,
            Tagging::Heading(level) => Structure::Heading(level),
            Tagging::Note => Structure::Note,
            Tagging::Caption => Structure::Caption { part: 0 },
            Tagging::ListItem => Structure::LBody { item: 0 },
            Tagging::TableCell => Structure::Cell {
                header: false,
                row: 0,
                col: 0,
                rowspan: 1,
                colspan: 1,
            },
            Tagging::Pagination => Structure::Artifact(Artifact::Pagination),
        }
    }

    /// The standard structure type's name (`H1`, `P`, `TD` …), or `Artifact`.
    pub fn name(&self) -> &'static str {
        match self {
            Structure::Title => "H1",
            Structure::Heading(1) => "H2",
            Structure::Heading(2) => "H3",
            Structure::Heading(3) => "H4",
            Structure::Heading(_) => "H5",
            Structure::P => "P",
            Structure::Note => "Note",
            Structure::Caption { .. } => "Caption",
            Structure::Figure { .. } => "Figure",
            Structure::Cell { header: true, .. } => "TH",
            Structure::Cell { .. } => "TD",
            Structure::Lbl { .. } => "Lbl",
            Structure::LBody { .. } => "LBody",
            Structure::Artifact(_) => "Artifact",
        }
    }

    pub fn is_artifact(&self) -> bool {
        matches!(self, Structure::Artifact(_))
    }
}

impl Tag {
    pub fn new(structure: Structure, element: Option<usize>) -> Tag {
        Tag { structure, element }
    }

    /// A layout artifact (a rule, a dot) of no element.
    pub fn layout() -> Tag {
        Tag::new(Structure::Artifact(Artifact::Layout), None)
    }
}

impl Placed {
    /// `item` tagged as a part of an element whose text is `text`: text items take `text`;
    /// rules and dots are layout artifacts, or `text`'s artifact if it is one (a running head's
    /// rule is part of the running head); an image is a figure only when `text` is a figure
    /// with a text alternative, else a layout artifact: PDF/UA-1 (7.3) wants alternative text
    /// on every Figure, and an image nobody described — a picture with no caption and no `alt`
    /// (the page stage warns about it) — is treated as decoration.
    pub fn new(item: Item, text: &Structure, element: Option<usize>) -> Placed {
        let structure = match (&item, text) {
            (Item::Image(_), Structure::Figure { alt }) if !has_text(alt) => {
                Structure::Artifact(Artifact::Layout)
            }
            (Item::Text(_), _) | (_, Structure::Artifact(_) | Structure::Figure { .. }) => {
                text.clone()
            }
            (Item::Rule(_) | Item::Dot(_) | Item::Image(_), _) => {
                Structure::Artifact(Artifact::Layout)
            }
        };
        Placed {
            item,
            tag: Tag::new(structure, element),
        }
    }

    /// Items of an element kind that is not a block of content (the masthead, the end block,
    /// running heads), tagged as the registry says.
    pub fn furniture(items: Vec<Item>, role: Role) -> impl Iterator<Item = Placed> {
        let text = Structure::of(role);
        items
            .into_iter()
            .map(move |item| Placed::new(item, &text, None))
    }
}

/// Whether a text alternative says anything (an empty or blank `alt` does not).
pub fn has_text(alt: &Option<Arc<str>>) -> bool {
    alt.as_deref().is_some_and(|a| !a.trim().is_empty())
}

/// The link span (an index into `line.links`) glyph `g` of `line` belongs to, if any: the
/// first whose text holds the glyph's. The PDF writer splits a line's marked content where
/// this changes, so that a Link element owns exactly the link's glyphs (PDF/UA-1 7.18.5).
pub fn link_at(line: &super::TextRun, g: &crate::text::PlacedGlyph) -> Option<usize> {
    line.links
        .iter()
        .position(|span| g.text.start >= span.text.start && g.text.end <= span.text.end)
}

/// A line's glyphs as the stretches of marked content the writer gives them, in order: each
/// stretch's link span (`None`: not in a link). A line without links is one stretch.
pub fn link_stretches(line: &super::TextRun) -> Vec<Option<usize>> {
    let mut out: Vec<Option<usize>> = Vec::new();
    for g in &line.glyphs {
        let k = link_at(line, g);
        if out.last() != Some(&k) {
            out.push(k);
        }
    }
    if out.is_empty() {
        out.push(None);
    }
    out
}

/// The link spans of a line that have glyphs on it, in order: the writer makes one link
/// annotation for each, in this order.
pub fn linked_spans(line: &super::TextRun) -> Vec<usize> {
    let mut out: Vec<usize> = line
        .glyphs
        .iter()
        .filter_map(|g| link_at(line, g))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// An entry of the outline (bookmarks): a title (level 0) or a heading (its level, 1–4), and
/// where its first line's top is.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineEntry {
    pub level: u8,
    pub title: String,
    /// Index into the layout's pages.
    pub page: usize,
    /// The first line's top, from the top of the page (y downwards): one em above its
    /// baseline, so that a viewer jumping there shows the whole line.
    pub y: Pt,
}

/// The outline of a laid-out document: its titles and headings in order, each where its first
/// line is set.
pub fn outline(doc: &Document, layout: &Layout) -> Vec<OutlineEntry> {
    let mut outline = Outline::default();
    for (p, page) in layout.pages.iter().enumerate() {
        outline.add(doc, p, page);
    }
    outline.entries
}

/// An outline gathered page by page (the PDF writer sees each page once, as it is written).
#[derive(Default)]
pub struct Outline {
    pub entries: Vec<OutlineEntry>,
    /// The blocks with an entry: a heading broken over lines or pages has one.
    seen: BTreeSet<usize>,
}

impl Outline {
    /// Adds the titles and headings that start on page `p`.
    pub fn add(&mut self, doc: &Document, p: usize, page: &super::Page) {
        for placed in &page.items {
            let level = match placed.tag.structure {
                Structure::Title => 0,
                Structure::Heading(level) => level,
                _ => continue,
            };
            let (Item::Text(run), Some(block)) = (&placed.item, placed.tag.element) else {
                continue;
            };
            if !self.seen.insert(block) {
                continue;
            }
            let title = match doc.blocks.get(block) {
                Some(Content::Text { text, .. }) => one_line(&text.text),
                _ => continue,
            };
            self.entries.push(OutlineEntry {
                level,
                title,
                page: p,
                y: run.baseline - run.size,
            });
        }
    }
}

/// A title's lines (broken by its author, `{br}`) as one line: joined directly, with a space
/// only between two Latin letters or digits.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split(['\n', '\u{2028}']).map(str::trim) {
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if latin(out.chars().last()) && latin(line.chars().next()) {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// A stretch of a line that is a link: the glyphs whose text lies in `text` (a byte range of
/// the run's text, as [`crate::text::PlacedGlyph::text`]) are what a reader clicks.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkSpan {
    pub text: Range<u32>,
    pub target: LinkTarget,
}

/// Where a link goes.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkTarget {
    /// A web address, or `mailto:` and an e-mail address.
    Uri(String),
    /// A place in the document: a page (index into the layout's pages) and a height on it
    /// (from the top, y downwards).
    Internal { page: usize, y: Pt },
}

/// The address a URL or e-mail address found in text opens: as written when it has a scheme,
/// `mailto:` before an e-mail address, `http://` before a bare domain (`www.cqa.cn`).
pub fn uri(found: &str) -> String {
    let lower = found.to_ascii_lowercase();
    if ["http://", "https://", "ftp://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        found.to_string()
    } else if found.contains('@') && !found.contains('/') {
        format!("mailto:{found}")
    } else {
        format!("http://{found}")
    }
}

/// Finds the links of pages handed to it in order: the URLs and e-mail addresses in the text
/// of their text items (not in artifacts: a running head is neither read nor clicked) — a URL
/// broken across lines is a span on each line, each opening the whole URL — and the references
/// (`{ref:label}`), each going to the top of the figure or table it names.
///
/// A reference may point forward, at a figure on a page not yet laid out: [`Links::note`] says
/// which targets a page waits for, and the page is marked ([`Links::mark`]) once they are
/// known (the page stage holds it until then), or at the end, when a target that never came
/// gives no link.
pub struct Links<'a> {
    doc: &'a Document,
    /// The labelled blocks, by block.
    wanted: BTreeSet<usize>,
    /// Where each labelled figure or table is, once its first page is noted.
    targets: BTreeMap<usize, LinkTarget>,
    /// The lines of a paragraph share its text: it is searched once.
    last: Option<(Arc<str>, Vec<FoundAt>)>,
}

/// A link found in a text: where it is (a byte range of the text) and what it is.
type FoundAt = (Range<usize>, Found);

/// A link found in a text: a URL, or a reference to a block.
#[derive(Clone)]
enum Found {
    Uri(String),
    Block(usize),
}

impl<'a> Links<'a> {
    pub fn new(doc: &'a Document) -> Links<'a> {
        Links {
            doc,
            wanted: doc.targets.values().copied().collect(),
            targets: BTreeMap::new(),
            last: None,
        }
    }

    /// Notes page `p`'s labelled blocks (the top of each one's first item: the image, the
    /// table's caption) and returns the blocks its references point at that are not placed
    /// yet, on this page or before.
    pub fn note(&mut self, p: usize, page: &super::Page) -> BTreeSet<usize> {
        for placed in &page.items {
            let Some(block) = placed.tag.element.filter(|b| self.wanted.contains(b)) else {
                continue;
            };
            let top = match &placed.item {
                Item::Image(super::ImageBox { y, .. }) => *y,
                Item::Text(run) => run.baseline - run.size,
                Item::Rule(super::Rule { y, thickness, .. }) => *y - *thickness / 2.0,
                Item::Dot(super::Dot { y, radius, .. }) => *y - *radius,
            };
            self.targets
                .entry(block)
                .and_modify(|t| {
                    if let LinkTarget::Internal { page, y } = t {
                        if *page == p && top < *y {
                            *y = top;
                        }
                    }
                })
                .or_insert(LinkTarget::Internal { page: p, y: top });
        }
        let mut waits = BTreeSet::new();
        for placed in &page.items {
            let Item::Text(run) = &placed.item else {
                continue;
            };
            if placed.tag.structure.is_artifact() || run.glyphs.is_empty() {
                continue;
            }
            for (_, found) in self.found(&placed.tag, &run.text) {
                if let Found::Block(b) = found {
                    if !self.targets.contains_key(&b) {
                        waits.insert(b);
                    }
                }
            }
        }
        waits
    }

    /// Whether block `b`'s place is known.
    pub fn placed(&self, b: usize) -> bool {
        self.targets.contains_key(&b)
    }

    /// Marks the links of a page's text items (a reference whose target is not placed gives
    /// no link).
    pub fn mark(&mut self, page: &mut super::Page) {
        for placed in &mut page.items {
            let Item::Text(run) = &mut placed.item else {
                continue;
            };
            if placed.tag.structure.is_artifact() || run.glyphs.is_empty() {
                continue;
            }
            let found = self.found(&placed.tag, &run.text);
            if found.is_empty() {
                continue;
            }
            let start = run.glyphs.iter().map(|g| g.text.start).min().unwrap_or(0);
            let end = run.glyphs.iter().map(|g| g.text.end).max().unwrap_or(0);
            for (range, found) in found {
                let target = match found {
                    Found::Uri(uri) => LinkTarget::Uri(uri),
                    Found::Block(b) => match self.targets.get(&b) {
                        Some(t) => t.clone(),
                        None => continue,
                    },
                };
                let (s, e) = ((range.start as u32).max(start), (range.end as u32).min(end));
                if s < e {
                    run.links.push(LinkSpan { text: s..e, target });
                }
            }
        }
    }

    /// The links in the text of an item tagged `tag` (cached for the lines of one paragraph).
    fn found(&mut self, tag: &Tag, text: &Arc<str>) -> Vec<FoundAt> {
        if let Some((last, found)) = &self.last {
            if Arc::ptr_eq(last, text) {
                return found.clone();
            }
        }
        // Every URL and address has a `.`, `:` or `@`: most Chinese paragraphs have none, and
        // are not searched.
        let may_have = text.bytes().any(|b| matches!(b, b'.' | b':' | b'@'));
        let urls = if may_have {
            crate::text::breaks::find_urls(text)
        } else {
            Vec::new()
        };
        let found: Vec<FoundAt> = urls
            .into_iter()
            .map(|r| (r.clone(), Found::Uri(uri(&text[r]))))
            .chain(
                references(self.doc, tag, text)
                    .into_iter()
                    .map(|(r, b)| (r, Found::Block(b))),
            )
            .collect();
        self.last = Some((text.clone(), found.clone()));
        found
    }
}

/// The references in a line's text (`text`, the text of a part of the block its tag names),
/// with the block each names.
fn references(doc: &Document, tag: &Tag, text: &str) -> Vec<(Range<usize>, usize)> {
    // The styled texts the line may be from.
    let block = tag.element.and_then(|b| doc.blocks.get(b));
    let candidates: Vec<&Styled> = match (block, &tag.structure) {
        (Some(Content::Text { text, .. }), _) => vec![text],
        (Some(Content::List { items, .. }), Structure::LBody { item }) => {
            items.get(*item).map(|e| &e.text).into_iter().collect()
        }
        (Some(Content::Figure { caption, .. }), Structure::Caption { .. }) => {
            caption.iter().collect()
        }
        (
            Some(Content::Figures {
                photos, caption, ..
            }),
            Structure::Caption { .. },
        ) => caption
            .iter()
            .chain(photos.iter().filter_map(|p| p.caption.as_ref()))
            .collect(),
        (Some(Content::Table(t)), Structure::Caption { .. }) => t.caption.iter().collect(),
        // Cells are in row-major order: found by bisection (a scan for every line made a
        // 10,000-row table take seconds).
        (Some(Content::Table(t)), Structure::Cell { row, col, .. }) => {
            let k = t.cells.partition_point(|c| (c.row, c.col) < (*row, *col));
            t.cells
                .get(k)
                .filter(|c| c.row == *row && c.col == *col)
                .map(|c| &c.text)
                .into_iter()
                .collect()
        }
        _ => Vec::new(),
    };
    // The text, or the line of it (a forced break splits a paragraph) this line is from.
    let Some(part) = candidates
        .into_iter()
        .filter(|s| !s.refs.is_empty())
        .flat_map(|s| std::iter::once(s.clone()).chain(s.lines()))
        .find(|s| s.text == text)
    else {
        return Vec::new();
    };
    part.refs
        .iter()
        .filter_map(|r| Some((r.at.clone(), *doc.targets.get(&r.label)?)))
        .collect()
}

/// The layout's structure as text, for `render --dump-structure`: the outline, then each page's
/// items in reading order with their tags (structure type, block, what they are), and under a
/// line its links.
pub fn dump(doc: &Document, layout: &Layout) -> String {
    use std::fmt::Write;
    let mut out = String::from("outline\n");
    for e in outline(doc, layout) {
        let indent = "  ".repeat(e.level as usize + 1);
        let _ = writeln!(out, "{indent}{} (p{} y {:.1})", e.title, e.page + 1, e.y.0);
    }
    for (p, page) in layout.pages.iter().enumerate() {
        let _ = writeln!(out, "page {} (printed {})", p + 1, page.number);
        for placed in &page.items {
            let tag = &placed.tag;
            let kind = match &tag.structure {
                Structure::Artifact(Artifact::Pagination) => "Artifact/Pagination".to_string(),
                Structure::Artifact(Artifact::Layout) => "Artifact/Layout".to_string(),
                Structure::Cell { row, col, .. } => {
                    format!("{} r{row} c{col}", tag.structure.name())
                }
                Structure::Lbl { item } | Structure::LBody { item } => {
                    format!("{} i{item}", tag.structure.name())
                }
                Structure::Caption { part } if *part > 0 => format!("Caption p{part}"),
                other => other.name().to_string(),
            };
            let block = tag.element.map_or("-".to_string(), |b| format!("b{b}"));
            let what = match &placed.item {
                Item::Text(run) => run
                    .glyphs
                    .iter()
                    .map(|g| &run.text[g.text.start as usize..g.text.end as usize])
                    .collect::<String>(),
                Item::Rule(_) => "(rule)".to_string(),
                Item::Dot(_) => "(dot)".to_string(),
                Item::Image(_) => match &tag.structure {
                    Structure::Figure { alt: Some(alt) } => format!("(image) alt “{alt}”"),
                    _ => "(image)".to_string(),
                },
            };
            let _ = writeln!(out, "  {kind:<20} {block:<5} {what}");
            if let Item::Text(run) = &placed.item {
                for link in &run.links {
                    let text = &run.text[link.text.start as usize..link.text.end as usize];
                    let target = match &link.target {
                        LinkTarget::Uri(uri) => uri.clone(),
                        LinkTarget::Internal { page, y } => format!("p{} y {:.1}", page + 1, y.0),
                    };
                    let _ = writeln!(out, "    link “{text}” → {target}");
                }
            }
        }
    }
    out
}
