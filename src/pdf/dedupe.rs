//! Identical objects stored once: the same image file reached under two paths (two bulletins'
//! folders each with a copy of the logo), resource dictionaries that list the same fonts and
//! images, pages drawn identically. Keeping one of each and pointing every reference at it makes
//! a merged print file no larger than what it really contains.
//!
//! Page and page-tree dictionaries are never merged: a page object must appear once in the
//! tree. Which object is kept (the lowest id) and the order of the work depend only on the
//! document, so the output stays deterministic.

use super::fnv::{Fnv, BASIS};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, HashMap};

/// Replaces every object that equals an earlier one by a reference to that one; repeats until
/// nothing changes (merging content streams makes the dictionaries that name them equal).
pub fn merge_identical(doc: &mut Document) {
    loop {
        let mut buckets: HashMap<u64, Vec<ObjectId>> = HashMap::new();
        for (id, object) in &doc.objects {
            if !is_page_node(object) {
                buckets.entry(fingerprint(object)).or_default().push(*id);
            }
        }
        let mut replace: BTreeMap<ObjectId, ObjectId> = BTreeMap::new();
        for ids in buckets.values().filter(|ids| ids.len() > 1) {
            let mut keepers: Vec<ObjectId> = Vec::new();
            for id in ids {
                let object = &doc.objects[id];
                match keepers.iter().find(|k| doc.objects[*k] == *object) {
                    Some(keeper) => {
                        replace.insert(*id, *keeper);
                    }
                    None => keepers.push(*id),
                }
            }
        }
        if replace.is_empty() {
            return;
        }
        for id in replace.keys() {
            doc.objects.remove(id);
        }
        for object in doc.objects.values_mut() {
            redirect(object, &replace);
        }
        for (_, value) in doc.trailer.iter_mut() {
            redirect(value, &replace);
        }
    }
}

fn is_page_node(object: &Object) -> bool {
    let dict = match object {
        Object::Dictionary(d) => d,
        _ => return false,
    };
    matches!(dict.get(b"Type"), Ok(Object::Name(n)) if n == b"Page" || n == b"Pages")
}

fn redirect(object: &mut Object, replace: &BTreeMap<ObjectId, ObjectId>) {
    match object {
        Object::Reference(id) => {
            if let Some(keeper) = replace.get(id) {
                *id = *keeper;
            }
        }
        Object::Array(items) => items.iter_mut().for_each(|o| redirect(o, replace)),
        Object::Dictionary(dict) => redirect_dict(dict, replace),
        Object::Stream(stream) => redirect_dict(&mut stream.dict, replace),
        _ => {}
    }
}

fn redirect_dict(dict: &mut Dictionary, replace: &BTreeMap<ObjectId, ObjectId>) {
    for (_, value) in dict.iter_mut() {
        redirect(value, replace);
    }
}

/// A hash consistent with `Object`'s equality: equal objects hash alike (dictionary keys in
/// sorted order, since dictionaries compare without regard to order).
fn fingerprint(object: &Object) -> u64 {
    let mut h = Fnv(BASIS);
    feed(&mut h, object);
    h.0
}

fn feed(h: &mut Fnv, object: &Object) {
    match object {
        Object::Null => h.field(b"n"),
        Object::Boolean(b) => h.field(&[b'b', *b as u8]),
        Object::Integer(i) => {
            h.field(b"i");
            h.field(&i.to_le_bytes());
        }
        Object::Real(r) => {
            h.field(b"r");
            h.field(&r.to_bits().to_le_bytes());
        }
        Object::Name(n) => {
            h.field(b"/");
            h.field(n);
        }
        Object::String(s, _) => {
            h.field(b"s");
            h.field(s);
        }
        Object::Array(items) => {
            h.field(b"[");
            items.iter().for_each(|o| feed(h, o));
        }
        Object::Dictionary(dict) => feed_dict(h, dict),
        Object::Stream(stream) => {
            feed_dict(h, &stream.dict);
            // Length and both ends tell streams apart well enough; equal fingerprints are
            // compared in full. Hashing every byte of every font and image costs more than the
            // rest of the search.
            let c = &stream.content;
            h.field(&(c.len() as u64).to_le_bytes());
            h.field(&c[..c.len().min(256)]);
            h.field(&c[c.len().saturating_sub(256)..]);
        }
        Object::Reference((n, g)) => {
            h.field(b"R");
            h.field(&n.to_le_bytes());
            h.field(&g.to_le_bytes());
        }
    }
}

fn feed_dict(h: &mut Fnv, dict: &Dictionary) {
    let mut entries: Vec<(&Vec<u8>, &Object)> = dict.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    h.field(b"<<");
    for (key, value) in entries {
        h.field(key);
        feed(h, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    #[test]
    fn repeated_streams_and_dictionaries_are_kept_once() {
        let mut doc = Document::with_version("1.7");
        let a = doc.add_object(Stream::new(dictionary! {}, b"BT ET".to_vec()));
        let b = doc.add_object(Stream::new(dictionary! {}, b"BT ET".to_vec()));
        let other = doc.add_object(Stream::new(dictionary! {}, b"q Q".to_vec()));
        let ra = doc.add_object(dictionary! { "Font" => a });
        let rb = doc.add_object(dictionary! { "Font" => b });
        let page = |contents, resources| {
            Object::Dictionary(dictionary! {
                "Type" => "Page", "Contents" => contents, "Resources" => resources
            })
        };
        let p1 = doc.add_object(page(a, ra));
        let p2 = doc.add_object(page(b, rb));
        let p3 = doc.add_object(page(other, ra));
        merge_identical(&mut doc);
        // b and rb are gone; the pages stay three distinct objects.
        assert!(!doc.objects.contains_key(&b) && !doc.objects.contains_key(&rb));
        for p in [p1, p2, p3] {
            assert!(doc.objects.contains_key(&p));
        }
        let p2 = doc.get_dictionary(p2).unwrap();
        assert_eq!(p2.get(b"Contents").unwrap(), &Object::Reference(a));
        assert_eq!(p2.get(b"Resources").unwrap(), &Object::Reference(ra));
        assert!(doc.objects.contains_key(&other));
    }
}
