//! The document outline (bookmarks): titles and headings nested by level, each jumping to where
//! its first line is. For a merged print run, one top-level entry per bulletin, its own outline
//! beneath. Viewers open with the outline shown (`/PageMode /UseOutlines`) when there is one.

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
