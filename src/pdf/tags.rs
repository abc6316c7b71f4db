//! The structure tree of a tagged PDF (PDF 1.7, 14.7–14.8; PDF/UA-1), built from the page items'
//! tags while the pages are written, then written after them.
//!
//! Every marked-content sequence that is not an artifact becomes a marked-content reference
//! (page, MCID) under its element: a paragraph's lines, on however many pages, under one P (the
//! tag's block index groups them); a table's cells under Table › TR › TH/TD by row and column;
//! a list's numbers and texts under L › LI › Lbl/LBody by item. Elements are ordered by first
//! appearance, which is the blocks' order. The parent tree maps each page's `/StructParents`
//! key to its elements by MCID, and each link annotation's `/StructParent` to its Link element.
//!
//! A print run's copies share content streams (so their MCIDs repeat): only the first copy of
//! each document is tagged; the copies' pages carry no `/StructParents` and are not in the tree.

use crate::page::{Page, Structure};
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
}

/// The structure tree being built. Node 0 is the Document element.
pub struct Tree {
    nodes: Vec<Node>,
    index: BTreeMap<Key, usize>,
    /// Whether each document of a merged file gets its own Part element.
    parts: bool,
    /// The parent tree: per key, the nodes by MCID (a page) or the one node (an annotation).
    parents: Vec<Parent>,
}

enum Parent {
    Page(Vec<usize>),
    Annot(usize),
}

impl Tree {
    /// An empty tree; `parts`: one Part element per document (a merged file of several).
    pub fn new(parts: bool) -> Tree {
        Tree {
            nodes: vec![Node {
                name: "Document",
                alt: None,
                parent: 0,
                kids: Vec::new(),
                column_header: false,
            }],
            index: BTreeMap::new(),
            parts,
            parents: Vec::new(),
        }
    }

    /// Adds the marked content of page `number` (of document `part`), written as object
    /// `page_ref`, whose MCIDs mark the items `marks`; returns the page's `/StructParents` key.
    pub fn page(
        &mut self,
        part: usize,
        number: usize,
        page_ref: Ref,
        page: &Page,
        marks: &[usize],
    ) -> i32 {
        let mut by_mcid = Vec::with_capacity(marks.len());
        for (mcid, &item) in marks.iter().enumerate() {
            let node = self.element(part, number, item, page);
            self.nodes[node].kids.push(Kid::Mcr {
                page: page_ref,
                mcid: mcid as i32,
            });
            by_mcid.push(node);
        }
        self.parents.push(Parent::Page(by_mcid));
        self.parents.len() as i32 - 1
    }

    /// Adds a link annotation over item `item`'s text as a Link element inside that text's
    /// element; returns the annotation's `/StructParent` key.
    pub fn link(
        &mut self,
        part: usize,
        number: usize,
        page_ref: Ref,
        page: &Page,
        item: usize,
        annot: Ref,
    ) -> i32 {
        let within = self.element(part, number, item, page);
        let link = self.add(within, "Link", None);
        self.nodes[link].kids.push(Kid::Annot {
            page: page_ref,
            annot,
        });
        self.parents.push(Parent::Annot(link));
        self.parents.len() as i32 - 1
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
            let alt = figure_alt(&tag.structure);
            return self.get((part, "~", number, item, 0), root, name, alt);
        };
        match &tag.structure {
            Structure::Cell { row, col, header } => {
                let table = self.get((part, "Table", b, 0, 0), root, "Table", None);
                let tr = self.get((part, "TR", b, *row, 0), table, "TR", None);
                let cell = self.get((part, name, b, *row, *col), tr, name, None);
                self.nodes[cell].column_header = *header;
                cell
            }
            Structure::Lbl { item: i } | Structure::LBody { item: i } => {
                let list = self.get((part, "L", b, 0, 0), root, "L", None);
                let li = self.get((part, "LI", b, *i, 0), list, "LI", None);
                self.get((part, name, b, *i, 0), li, name, None)
            }
            s => self.get((part, name, b, 0, 0), root, name, figure_alt(s)),
        }
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
        self.nodes.push(Node {
            name,
            alt,
            parent,
            kids: Vec::new(),
            column_header: false,
        });
        self.nodes[parent].kids.push(Kid::Node(n));
        n
    }

    /// Writes the elements, the parent tree's arrays and the StructTreeRoot as object `root`.
    pub fn write(self, pdf: &mut Pdf, root: Ref, alloc: &mut dyn FnMut() -> Ref) {
        let refs: Vec<Ref> = self.nodes.iter().map(|_| alloc()).collect();
        for (i, node) in self.nodes.iter().enumerate() {
            let mut e = pdf.struct_element(refs[i]);
            e.custom_kind(Name(node.name.as_bytes()));
            e.parent(if i == 0 { root } else { refs[node.parent] });
            if let Some(alt) = &node.alt {
                e.alt(TextStr(alt));
            }
            if node.column_header {
                e.attributes()
                    .push()
                    .table()
                    .scope(pdf_writer::types::TableHeaderScope::Column);
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
