//! The document outline (bookmarks): titles and headings nested by level, each jumping to where
//! its first line is. For a merged print run, one top-level entry per bulletin, its own outline
//! beneath. Viewers open with the outline shown (`/PageMode /UseOutlines`) when there is one.

use super::Part;
use crate::page::structure::OutlineEntry;
use pdf_writer::{Chunk, Ref, TextStr};

/// One entry as written: its title, where it jumps (page object, PDF y of the top) and its
/// children.
pub struct Node {
    pub title: String,
    pub page: Ref,
    pub top: f32,
    pub children: Vec<Node>,
}

/// The outline of a file: one document's titles and headings, or for a print run (a sequence
/// of more than one part) one entry per bulletin, at its first copy, with its outline beneath.
/// `starts[k]` is the index in `kids` (the file's page objects) of occurrence `k`'s first page.
pub fn for_sequence(
    parts: &[Part],
    sequence: &[usize],
    starts: &[usize],
    kids: &[Ref],
) -> Vec<Node> {
    let mut nodes = Vec::new();
    let mut seen = vec![false; parts.len()];
    for (k, &p) in sequence.iter().enumerate() {
        if std::mem::replace(&mut seen[p], true) {
            continue;
        }
        let part = &parts[p];
        let count = part.layout.pages.len();
        if count == 0 {
            continue;
        }
        let entries = crate::page::structure::outline(part.doc, part.layout);
        let page_of = |i: usize| kids[starts[k] + i.min(count - 1)];
        let below = nest(&entries, &page_of, part.doc.page.height.0);
        if sequence.len() == 1 {
            return below;
        }
        nodes.push(Node {
            title: part.doc.meta.title.clone(),
            page: kids[starts[k]],
            top: part.doc.page.height.0 as f32,
            children: below,
        });
    }
    nodes
}

/// Nests entries by level: each entry goes under the nearest earlier entry of a lower level.
/// `page` gives a page index's object and `height` the page height (PDF y is upwards).
pub fn nest(entries: &[OutlineEntry], page: &dyn Fn(usize) -> Ref, height: f64) -> Vec<Node> {
    let mut roots: Vec<Node> = Vec::new();
    // The path of open entries: (level, index path into the tree).
    let mut open: Vec<u8> = Vec::new();
    for e in entries {
        let node = Node {
            title: e.title.clone(),
            page: page(e.page),
            top: (height - e.y.0) as f32,
            children: Vec::new(),
        };
        while open.last().is_some_and(|&l| l >= e.level) {
            open.pop();
        }
        let mut list = &mut roots;
        for _ in 0..open.len() {
            list = &mut list.last_mut().expect("an open entry").children;
        }
        list.push(node);
        open.push(e.level);
    }
    roots
}

/// Writes the outline with `root` as its dictionary; returns whether there was anything to write.
pub fn write(chunk: &mut Chunk, root: Ref, nodes: &[Node], alloc: &mut dyn FnMut() -> Ref) -> bool {
    if nodes.is_empty() {
        return false;
    }
    let (first, last, count) = write_level(chunk, root, nodes, alloc);
    chunk
        .outline(root)
        .first(first)
        .last(last)
        .count(count as i32);
    true
}

/// Writes one level's entries under `parent`; returns the first, the last and how many entries
/// there are in all (open outlines count every descendant).
fn write_level(
    chunk: &mut Chunk,
    parent: Ref,
    nodes: &[Node],
    alloc: &mut dyn FnMut() -> Ref,
) -> (Ref, Ref, usize) {
    let ids: Vec<Ref> = nodes.iter().map(|_| alloc()).collect();
    let mut total = nodes.len();
    for (i, node) in nodes.iter().enumerate() {
        let below =
            (!node.children.is_empty()).then(|| write_level(chunk, ids[i], &node.children, alloc));
        let mut item = chunk.outline_item(ids[i]);
        item.title(TextStr(&node.title)).parent(parent);
        if i > 0 {
            item.prev(ids[i - 1]);
        }
        if i + 1 < ids.len() {
            item.next(ids[i + 1]);
        }
        if let Some((first, last, count)) = below {
            item.first(first).last(last).count(count as i32);
            total += count;
        }
        item.dest().page(node.page).xyz(0.0, node.top, None);
    }
    (ids[0], ids[ids.len() - 1], total)
}
