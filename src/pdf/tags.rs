//! The structure tree of a tagged PDF (PDF 1.7, 14.7–14.8; PDF/UA-1), built from the page items'
//! tags while the pages are written, then written after them.
//!
//! Every marked-content sequence that is not an artifact becomes a marked-content reference
//! (page, MCID) under its element: a paragraph's lines, on however many pages, under one P (the
//! tag's block index groups them); a table's cells under Table › TR › TH/TD by row and column,
//! its caption the Table's first child; a figure's caption inside its Figure; a list's numbers
//! and texts under L › LI › Lbl/LBody by item. Elements are ordered by first appearance, which
//! is the blocks' order. Headings are H1 (the title) to H6 by their depth in the chain of open
//! headings, so that no level is skipped (PDF/UA-1 7.4.2) whatever levels a document uses.
//!
//! A line with links is marked in stretches (see [`crate::page::structure::link_stretches`]):
//! a link's glyphs go into a Link element inside the line's element, with the link annotation
//! (PDF/UA-1 7.18.5), between the text before and after it. An address broken across lines is
//! one Link element holding both lines' glyphs and both annotations: a reader announces one
//! link, as the text has one. The parent tree maps each page's `/StructParents` key to its
//! elements by MCID, and each link annotation's `/StructParent` to its Link element.
//!
//! A print run's copies share content streams (so their MCIDs repeat): only the first copy of
//! each document is tagged; the copies' pages carry no `/StructParents` and are not in the tree.

use crate::page::structure::{has_text, link_stretches, linked_spans};
use crate::page::{Item, LinkTarget, Page, Structure};
use pdf_writer::{Finish, Name, Pdf, Ref, TextStr};
use std::collections::BTreeMap;
use std::sync::Arc;

/// What groups content into one element: (part, kind, block or page, row/item/item, column).
type Key = (usize, &'static str, usize, usize, usize);

enum Kid {
    Node(usize),
    Mcr { page: Ref, mcid: i32 },
    Annot { page: Ref, annot: Ref },
}

struct Node {
    name: &'static str,
    alt: Option<Arc<str>>,
    parent: usize,
    kids: Vec<Kid>,
    /// A header-row cell: `/Scope /Column`, so a reader announces it with the cells below.
    column_header: bool,
    /// A table cell's rows and columns spanned, when more than one (`/RowSpan`, `/ColSpan`).
    spans: (usize, usize),
    /// A Link element: where it goes and where its text ends so far (a link broken across
    /// lines continues on the next line where this one's part ended).
    link: Option<(LinkTarget, u32)>,
}

/// A link annotation of the page being added, waiting for its Link element (made when the
/// link's glyphs are met among the page's marked content).
struct Pending {
    page: Ref,
    part: usize,
    number: usize,
    item: usize,
    /// The link span of the item's line (an index into its `links`) the annotation is over.
    span: Option<usize>,
    annot: Ref,
    /// The annotation's `/StructParent` key.
    key: usize,
}

/// The structure tree being built. Node 0 is the Document element.
pub struct Tree {
    nodes: Vec<Node>,
    index: BTreeMap<Key, usize>,
    /// Whether each document of a merged file gets its own Part element.
    parts: bool,
    /// The parent tree: per key, the nodes by MCID (a page) or the one node (an annotation).
    parents: Vec<Parent>,
    /// Per part: the levels of the headings open (the title 0, headings 1–4).
    open: BTreeMap<usize, Vec<u8>>,
    pending: Vec<Pending>,
}

enum Parent {
    Page(Vec<usize>),
    Annot(usize),
}

/// The structure types of headings by depth.
const HEADINGS: [&str; 6] = ["H1", "H2", "H3", "H4", "H5", "H6"];

/// The depth (1: H1) of the next heading, of `level` (the title 0, headings 1–4), given the
/// levels of the headings still open before it (`open`, updated): a heading closes every open
/// one of its level or deeper and goes one below the rest. So the first heading is H1, and
/// each is at most one deeper than the one before (PDF/UA-1 7.4.2) — a document that starts
/// at 二级 headings has them as H2 under its title, not H3 — the same nesting as the outline.
fn depth(open: &mut Vec<u8>, level: u8) -> usize {
    while open.last().is_some_and(|&l| l >= level) {
        open.pop();
    }
    open.push(level);
    open.len()
}

fn node(name: &'static str, alt: Option<Arc<str>>, parent: usize) -> Node {
    Node {
        name,
        alt,
        parent,
        kids: Vec::new(),
        column_header: false,
        spans: (1, 1),
        link: None,
    }
}

impl Tree {
    /// An empty tree; `parts`: one Part element per document (a merged file of several).
    pub fn new(parts: bool) -> Tree {
        Tree {
            nodes: vec![node("Document", None, 0)],
            index: BTreeMap::new(),
            parts,
            parents: Vec::new(),
            open: BTreeMap::new(),
            pending: Vec::new(),
        }
    }

    /// Adds the marked content of page `number` (of document `part`), written as object
    /// `page_ref`, whose MCIDs mark the items `marks` (a line with links once per stretch, see
    /// [`link_stretches`]), and the page's link annotations given to [`Tree::link`] before;
    /// returns the page's `/StructParents` key.
    pub fn page(
        &mut self,
        part: usize,
        number: usize,
        page_ref: Ref,
        page: &Page,
        marks: &[usize],
    ) -> i32 {
        let mut by_mcid = Vec::with_capacity(marks.len());
        // Per item: its MCIDs so far, and its line's stretches (when it has links).
        let mut seen: BTreeMap<usize, usize> = BTreeMap::new();
        let mut stretches: BTreeMap<usize, Vec<Option<usize>>> = BTreeMap::new();
        // The Link element of each (item, link span) on this page.
        let mut links: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        for (mcid, &item) in marks.iter().enumerate() {
            let within = self.element(part, number, item, page);
            let nth = seen.entry(item).or_insert(0);
            let span = match page.item(item) {
                Item::Text(line) if !line.links.is_empty() => stretches
                    .entry(item)
                    .or_insert_with(|| link_stretches(line))
                    .get(*nth)
                    .copied()
                    .flatten(),
                _ => None,
            };
            *nth += 1;
            let node = match (span, page.item(item)) {
                (Some(k), Item::Text(line)) => *links
                    .entry((item, k))
                    .or_insert_with(|| self.link_element(within, &line.links[k])),
                _ => within,
            };
            self.nodes[node].kids.push(Kid::Mcr {
                page: page_ref,
                mcid: mcid as i32,
            });
            by_mcid.push(node);
        }
        let (here, later): (Vec<Pending>, Vec<Pending>) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|p| p.page == page_ref);
        self.pending = later;
        for p in here {
            let link = match p.span.and_then(|k| links.get(&(p.item, k))) {
                Some(&link) => link,
                // An annotation over no marked glyphs (none is made so): a Link of its own.
                None => {
                    let within = self.element(p.part, p.number, p.item, page);
                    self.add(within, "Link", None)
                }
            };
            self.nodes[link].kids.push(Kid::Annot {
                page: p.page,
                annot: p.annot,
            });
            self.parents[p.key] = Parent::Annot(link);
        }
        self.parents.push(Parent::Page(by_mcid));
        self.parents.len() as i32 - 1
    }

    /// Registers a link annotation over item `item`'s text, to go into the Link element of
    /// its glyphs when the page's content is added ([`Tree::page`], called after the page's
    /// links); returns the annotation's `/StructParent` key. The writer makes one annotation
    /// per link span with glyphs on the line, in span order ([`linked_spans`]): the n-th
    /// annotation of an item is over its n-th such span.
    pub fn link(
        &mut self,
        part: usize,
        number: usize,
        page_ref: Ref,
        page: &Page,
        item: usize,
        annot: Ref,
    ) -> i32 {
        let nth = self
            .pending
            .iter()
            .filter(|p| p.page == page_ref && p.item == item)
            .count();
        let span = match page.item(item) {
            Item::Text(line) => linked_spans(line).get(nth).copied(),
            _ => None,
        };
        let key = self.parents.len();
        // Set to the Link element when the page's content is added.
        self.parents.push(Parent::Annot(0));
        self.pending.push(Pending {
            page: page_ref,
            part,
            number,
            item,
            span,
            annot,
            key,
        });
        key as i32
    }

    /// The Link element for a link span inside element `within`: the one `within` ends with
    /// when the span continues it (the same target, its text starting where that one's ended:
    /// an address broken across lines), else a new one.
    fn link_element(&mut self, within: usize, span: &crate::page::LinkSpan) -> usize {
        let last = match self.nodes[within].kids.last() {
            Some(&Kid::Node(n)) => match &self.nodes[n].link {
                Some((target, end)) if *target == span.target && *end == span.text.start => Some(n),
                _ => None,
            },
            _ => None,
        };
        let link = last.unwrap_or_else(|| self.add(within, "Link", None));
        self.nodes[link].link = Some((span.target.clone(), span.text.end));
        link
    }

    /// The element page item `item` belongs to, made (with its parents) if new.
    fn element(&mut self, part: usize, number: usize, item: usize, page: &Page) -> usize {
        let root = if self.parts {
            self.get((part, "Part", 0, 0, 0), 0, "Part", None)
        } else {
            0
        };
        let tag = page.tag(item);
        let name = tag.structure.name();
        let Some(b) = tag.element else {
            // The masthead, the end block: each item its own element.
            let key = (part, "~", number, item, 0);
            return match &tag.structure {
                s @ (Structure::Title | Structure::Heading(_)) => self.heading(key, root, s),
                s => self.get(key, root, name, figure_alt(s)),
            };
        };
        match &tag.structure {
            Structure::Cell {
                row,
                col,
                header,
                rowspan,
                colspan,
            } => {
                let table = self.get((part, "Table", b, 0, 0), root, "Table", None);
                let tr = self.get((part, "TR", b, *row, 0), table, "TR", None);
                let cell = self.get((part, name, b, *row, *col), tr, name, None);
                self.nodes[cell].column_header = *header;
                self.nodes[cell].spans = (*rowspan, *colspan);
                cell
            }
            Structure::Lbl { item: i } | Structure::LBody { item: i } => {
                let list = self.get((part, "L", b, 0, 0), root, "L", None);
                let li = self.get((part, "LI", b, *i, 0), list, "LI", None);
                self.get((part, name, b, *i, 0), li, name, None)
            }
            s @ (Structure::Title | Structure::Heading(_)) => {
                self.heading((part, "H", b, 0, 0), root, s)
            }
            Structure::Caption { part: of } => {
                // A row's photos each have their caption: one Caption element each, so that
                // a reader takes each whole though its lines are drawn across the row.
                let key = (part, "Caption", b, *of, 0);
                if let Some(&n) = self.index.get(&key) {
                    return n;
                }
                // Inside what it captions (ISO 32000-1 14.8.4.5; PDF/UA-1 7.3): the Table,
                // as its first child (the caption is drawn above the rows), or the Figure.
                let owner = page
                    .items
                    .iter()
                    .filter(|p| p.tag.element == Some(b))
                    .find_map(|p| match &p.tag.structure {
                        Structure::Cell { .. } => Some(None),
                        Structure::Figure { alt } if has_text(alt) => Some(Some(alt.clone())),
                        _ => None,
                    });
                let parent = match owner {
                    Some(None) => self.get((part, "Table", b, 0, 0), root, "Table", None),
                    Some(Some(alt)) => self.get((part, "Figure", b, 0, 0), root, "Figure", alt),
                    None => root,
                };
                self.get(key, parent, name, None)
            }
            Structure::Figure { alt } => {
                let figure = self.get((part, name, b, 0, 0), root, name, alt.clone());
                // A row of photos is one Figure: its text alternative names each photo
                // (`(a) 总装车间；(b) 质量展厅`), as each photo's own alternative does.
                if let (Some(more), Some(have)) = (alt, &self.nodes[figure].alt) {
                    if !have.split('；').any(|a| a == &**more) {
                        self.nodes[figure].alt = Some(Arc::from(format!("{have}；{more}")));
                    }
                }
                figure
            }
            s => self.get((part, name, b, 0, 0), root, name, figure_alt(s)),
        }
    }

    /// The title's or a heading's element under `parent`, named by its depth among the
    /// headings open in its part (see [`depth`]) when made.
    fn heading(&mut self, key: Key, parent: usize, s: &Structure) -> usize {
        if let Some(&n) = self.index.get(&key) {
            return n;
        }
        let level = match s {
            Structure::Heading(level) => (*level).max(1),
            _ => 0,
        };
        let d = depth(self.open.entry(key.0).or_default(), level);
        self.get(key, parent, HEADINGS[d.clamp(1, HEADINGS.len()) - 1], None)
    }

    fn get(&mut self, key: Key, parent: usize, name: &'static str, alt: Option<Arc<str>>) -> usize {
        if let Some(&n) = self.index.get(&key) {
            return n;
        }
        let n = self.add(parent, name, alt);
        self.index.insert(key, n);
        n
    }

    fn add(&mut self, parent: usize, name: &'static str, alt: Option<Arc<str>>) -> usize {
        let n = self.nodes.len();
        self.nodes.push(node(name, alt, parent));
        self.nodes[parent].kids.push(Kid::Node(n));
        n
    }

    /// Writes the elements, the parent tree's arrays and the StructTreeRoot as object `root`.
    pub fn write(self, pdf: &mut Pdf, root: Ref, alloc: &mut dyn FnMut() -> Ref) {
        debug_assert!(
            self.pending.is_empty(),
            "link annotations of a page whose content was not added"
        );
        let refs: Vec<Ref> = self.nodes.iter().map(|_| alloc()).collect();
        // PDF/UA-1 7.9: every Note has an ID (`note1`, `note2` … in reading order), which the
        // root's ID tree maps to it.
        let mut ids: Vec<(String, Ref)> = Vec::new();
        for (i, node) in self.nodes.iter().enumerate() {
            let mut e = pdf.struct_element(refs[i]);
            e.custom_kind(Name(node.name.as_bytes()));
            e.parent(if i == 0 { root } else { refs[node.parent] });
            if let Some(alt) = &node.alt {
                e.alt(TextStr(alt));
            }
            if node.name == "Note" {
                let id = format!("note{}", ids.len() + 1);
                e.id(pdf_writer::Str(id.as_bytes()));
                ids.push((id, refs[i]));
            }
            let (rows, cols) = node.spans;
            if node.column_header || rows > 1 || cols > 1 {
                let mut attributes = e.attributes();
                let mut table = attributes.push().table();
                if node.column_header {
                    table.scope(pdf_writer::types::TableHeaderScope::Column);
                }
                if rows > 1 {
                    table.row_span(rows as i32);
                }
                if cols > 1 {
                    table.col_span(cols as i32);
                }
            }
            // The element's page is its first content's: MCIDs on it are bare integers, and
            // only content on later pages needs a full MCR dictionary (a paragraph's lines are
            // most of the tree, so this keeps the file small).
            let home = node.kids.iter().find_map(|k| match k {
                Kid::Mcr { page, .. } => Some(*page),
                _ => None,
            });
            if let Some(home) = home {
                e.page(home);
            }
            let mut kids = e.children();
            for kid in &node.kids {
                match *kid {
                    Kid::Node(j) => {
                        kids.struct_element(refs[j]);
                    }
                    Kid::Mcr { page, mcid } if Some(page) == home => {
                        kids.marked_content_id(mcid);
                    }
                    Kid::Mcr { page, mcid } => {
                        kids.marked_content_ref().page(page).marked_content_id(mcid);
                    }
                    Kid::Annot { page, annot } => {
                        kids.object_ref().page(page).object(annot);
                    }
                }
            }
            kids.finish();
            e.finish();
        }
        let mut entries = Vec::with_capacity(self.parents.len());
        for parent in &self.parents {
            entries.push(match parent {
                Parent::Page(nodes) => {
                    let id = alloc();
                    pdf.indirect(id)
                        .array()
                        .items(nodes.iter().map(|&n| refs[n]));
                    id
                }
                Parent::Annot(n) => refs[*n],
            });
        }
        let mut r = pdf
            .indirect(root)
            .start::<pdf_writer::writers::StructTreeRoot>();
        r.child(refs[0]);
        if !ids.is_empty() {
            // A name tree's keys in byte order (note10 before note2).
            ids.sort();
            let mut tree = r.id_tree();
            let mut names = tree.names();
            for (id, at) in &ids {
                names.insert(pdf_writer::Str(id.as_bytes()), *at);
            }
        }
        {
            let mut tree = r.parent_tree();
            let mut nums = tree.nums();
            for (key, id) in entries.into_iter().enumerate() {
                nums.insert(key as i32, id);
            }
        }
        r.parent_tree_next_key(self.parents.len() as i32);
        r.finish();
    }
}

/// A figure's text alternative.
fn figure_alt(s: &Structure) -> Option<Arc<str>> {
    match s {
        Structure::Figure { alt } => alt.clone(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::depth;

    /// The depths a sequence of levels (the title 0, headings 1–4) gets.
    fn depths(levels: &[u8]) -> Vec<usize> {
        let mut open = Vec::new();
        levels.iter().map(|&l| depth(&mut open, l)).collect()
    }

    #[test]
    fn heading_levels_never_skip() {
        // 一、（一）1. under the title: H1 H2 H3 H4, back up to H2.
        assert_eq!(depths(&[0, 1, 2, 3, 1]), [1, 2, 3, 4, 2]);
        // A document that starts at 二级 headings: H2 under the title, not H3.
        assert_eq!(depths(&[0, 2, 2, 3]), [1, 2, 2, 3]);
        // 一级 then 三级: one deeper, not two; a 二级 after them closes the 三级.
        assert_eq!(depths(&[0, 1, 3, 2, 3]), [1, 2, 3, 3, 4]);
        // No title: the first heading is H1.
        assert_eq!(depths(&[2, 3, 2]), [1, 2, 1]);
        // A second title (an article in a 纪要) starts again at H1.
        assert_eq!(depths(&[0, 1, 0, 2]), [1, 2, 1, 2]);
        // Whatever the levels, each is at most one deeper than the one before.
        let levels = [3, 1, 4, 4, 2, 0, 4, 1, 3, 2, 4];
        let d = depths(&levels);
        assert_eq!(d[0], 1);
        assert!(d.windows(2).all(|w| w[1] <= w[0] + 1), "{d:?}");
    }
}
