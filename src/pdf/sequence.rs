//! Page order for print files: the parts (bulletins, blank pages) are drawn once each, then the
//! page tree lists them in the order asked for, as often as asked for. A repeat is a new page
//! dictionary pointing at the first one's content stream and resources, so 500 copies of a
//! bulletin cost 500 small dictionaries, not 500 drawings of every page (which would make the
//! writer's memory grow with the number of copies).

use lopdf::{Document, Object, ObjectId};

/// Rebuilds the page tree. `counts[p]` is how many pages part `p` has (its pages are, in
/// order, the next `counts[p]` pages of `doc`); `sequence` lists parts, repeats allowed. Parts
/// the sequence never names are dropped.
pub fn arrange(doc: &mut Document, counts: &[usize], sequence: &[usize]) -> Result<(), String> {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if pages.len() != counts.iter().sum::<usize>() {
        return Err(format!(
            "the PDF has {} pages, the parts {}",
            pages.len(),
            counts.iter().sum::<usize>()
        ));
    }
    let mut by_part = Vec::with_capacity(counts.len());
    let mut start = 0;
    for &n in counts {
        by_part.push(&pages[start..start + n]);
        start += n;
    }
    let root = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(|e| format!("the PDF has no page tree: {e}"))?;
    let mut used = vec![false; counts.len()];
    let mut kids = Vec::new();
    for &part in sequence {
        let ids = by_part
            .get(part)
            .ok_or_else(|| format!("no part {part} in the PDF"))?;
        for &id in ids.iter() {
            let id = if used[part] {
                let copy = doc.get_object(id).map_err(|e| e.to_string())?.clone();
                doc.add_object(copy)
            } else {
                id
            };
            kids.push(id);
        }
        used[part] = true;
    }
    let mut dropped = false;
    for (part, ids) in by_part.iter().enumerate() {
        if !used[part] {
            for id in ids.iter() {
                doc.objects.remove(id);
            }
            dropped = true;
        }
    }
    for id in &kids {
        if let Ok(Object::Dictionary(page)) = doc.get_object_mut(*id) {
            page.set("Parent", Object::Reference(root));
        }
    }
    let pages_node = doc
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(|e| format!("the PDF's page tree is broken: {e}"))?;
    pages_node.set("Count", Object::Integer(kids.len() as i64));
    pages_node.set(
        "Kids",
        Object::Array(kids.into_iter().map(Object::Reference).collect()),
    );
    if dropped {
        // Their content streams and resources are no longer referenced.
        doc.prune_objects();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    /// A document with one page per content string, as printpdf lays it out: one Pages node.
    fn doc_with_pages(contents: &[&str]) -> Document {
        let mut doc = Document::with_version("1.7");
        let root = doc.new_object_id();
        let kids: Vec<Object> = contents
            .iter()
            .map(|c| {
                let stream = doc.add_object(Stream::new(dictionary! {}, c.as_bytes().to_vec()));
                let page = doc.add_object(dictionary! {
                    "Type" => "Page", "Parent" => root, "Contents" => stream
                });
                Object::Reference(page)
            })
            .collect();
        let count = kids.len() as i64;
        doc.objects.insert(
            root,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => root });
        doc.trailer.set("Root", catalog);
        doc
    }

    fn contents(doc: &Document) -> Vec<String> {
        doc.get_pages()
            .into_values()
            .map(|id| {
                let page = doc.get_dictionary(id).unwrap();
                let stream = page.get(b"Contents").unwrap().as_reference().unwrap();
                let bytes = &doc.get_object(stream).unwrap().as_stream().unwrap().content;
                String::from_utf8(bytes.clone()).unwrap()
            })
            .collect()
    }

    #[test]
    fn parts_repeat_by_reference() {
        // Part 0: pages a, b; part 1: page c.
        let mut doc = doc_with_pages(&["a", "b", "c"]);
        let streams_before = doc
            .objects
            .values()
            .filter(|o| o.as_stream().is_ok())
            .count();
        arrange(&mut doc, &[2, 1], &[1, 0, 1, 0]).unwrap();
        assert_eq!(contents(&doc), ["c", "a", "b", "c", "a", "b"]);
        let streams_after = doc
            .objects
            .values()
            .filter(|o| o.as_stream().is_ok())
            .count();
        assert_eq!(streams_before, streams_after, "a repeat draws nothing new");
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        assert_eq!(
            pages
                .iter()
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            6,
            "every page is its own object"
        );
    }

    #[test]
    fn unused_parts_are_dropped_with_their_content() {
        let mut doc = doc_with_pages(&["a", "b", "c"]);
        arrange(&mut doc, &[1, 1, 1], &[2, 0]).unwrap();
        assert_eq!(contents(&doc), ["c", "a"]);
        assert!(!doc
            .objects
            .values()
            .any(|o| o.as_stream().is_ok_and(|s| s.content == b"b")));
        assert!(arrange(&mut doc, &[5], &[0]).is_err());
    }
}
