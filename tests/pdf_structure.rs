//! The tagged PDF (issue 17): every page's content in marked-content sequences — artifacts
//! (running heads, page numbers, rules, a repeated table header) as /Artifact, the rest with an
//! MCID — and a structure tree in reading order that owns every MCID through the parent tree:
//! H1 for the title, H2… for headings without skipped levels, P, Figure with /Alt and its
//! Caption inside, Table › TR › TH/TD, Link elements holding their text and annotation. Read
//! back with lopdf, `pdfinfo` and `qpdf --check`, on every sample, with the PDF/UA-1 rules of
//! [`check_ua`] (the table in docs/pdf.md).

mod support;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use support::{
    jianbao, paged_definition, pdf_inspect, render, render_text, root, stderr, temp_dir,
};

fn load(path: &Path) -> Document {
    Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).expect("reference resolves"),
        o => o,
    }
}

fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &str) -> Option<&'a Object> {
    d.get(key.as_bytes()).ok().map(|o| deref(doc, o))
}

fn as_dict(o: &Object) -> &Dictionary {
    match o {
        Object::Dictionary(d) => d,
        Object::Stream(s) => &s.dict,
        o => panic!("not a dictionary: {o:?}"),
    }
}

fn name_of(d: &Dictionary, key: &str) -> Option<String> {
    let n = d.get(key.as_bytes()).ok()?.as_name().ok()?;
    Some(String::from_utf8_lossy(n).into_owned())
}

/// One structure element as read back.
#[derive(Debug)]
struct Elem {
    id: ObjectId,
    kind: String,
    parent: Option<ObjectId>,
    alt: bool,
    /// The /Alt text, decoded.
    alt_text: Option<String>,
    /// The kids in order: `None` for marked content (an MCID or MCR), `Some` for an element
    /// (object references to annotations are left out).
    seq: Vec<Option<ObjectId>>,
    /// The table attributes' /Scope, if any.
    scope: Option<String>,
    /// The element identifier (/ID), if any.
    ident: Option<Vec<u8>>,
    /// A table cell's /RowSpan and /ColSpan (1 when not given).
    spans: (i64, i64),
    /// Marked-content references: (page object, MCID).
    mcrs: Vec<(ObjectId, i64)>,
    /// Object references (annotations).
    objrs: Vec<ObjectId>,
}

/// The structure tree, depth first (reading order), from the catalog's StructTreeRoot.
fn elements(doc: &Document) -> Vec<Elem> {
    let cat = doc.catalog().unwrap();
    let Object::Reference(root) = cat.get(b"StructTreeRoot").expect("a StructTreeRoot") else {
        panic!("StructTreeRoot is not indirect")
    };
    let root_dict = as_dict(doc.get_object(*root).unwrap());
    let mut out = Vec::new();
    let mut stack: Vec<(ObjectId, Option<ObjectId>)> = kids(root_dict)
        .into_iter()
        .rev()
        .filter_map(|k| match k {
            Object::Reference(id) => Some((id, None)),
            _ => None,
        })
        .collect();
    while let Some((id, parent)) = stack.pop() {
        let d = as_dict(doc.get_object(id).unwrap());
        if let Some(p) = parent {
            let Ok(Object::Reference(said)) = d.get(b"P") else {
                panic!("{id:?} has no /P")
            };
            assert_eq!(*said, p, "{id:?}: /P is not its parent");
        }
        let mut e = Elem {
            id,
            kind: name_of(d, "S").expect("/S"),
            parent,
            alt: d.get(b"Alt").is_ok(),
            alt_text: d.get(b"Alt").ok().map(pdf_inspect::text_string),
            seq: Vec::new(),
            scope: scope(doc, d),
            ident: d.get(b"ID").ok().map(|i| i.as_str().unwrap().to_vec()),
            spans: (
                table_attribute(doc, d, "RowSpan").map_or(1, |o| o.as_i64().unwrap()),
                table_attribute(doc, d, "ColSpan").map_or(1, |o| o.as_i64().unwrap()),
            ),
            mcrs: Vec::new(),
            objrs: Vec::new(),
        };
        let mut children = Vec::new();
        let home = match d.get(b"Pg") {
            Ok(Object::Reference(p)) => Some(*p),
            _ => None,
        };
        for k in kids(d) {
            match &k {
                Object::Reference(c) => {
                    children.push(*c);
                    e.seq.push(Some(*c));
                }
                // An MCID on the element's own page (/Pg).
                Object::Integer(m) => {
                    e.mcrs.push((home.expect("a bare MCID needs /Pg"), *m));
                    e.seq.push(None);
                }
                Object::Dictionary(m) => match name_of(m, "Type").as_deref() {
                    Some("MCR") => {
                        let Ok(Object::Reference(pg)) = m.get(b"Pg") else {
                            panic!("MCR without /Pg")
                        };
                        e.mcrs
                            .push((*pg, m.get(b"MCID").unwrap().as_i64().unwrap()));
                        e.seq.push(None);
                    }
                    Some("OBJR") => {
                        let Ok(Object::Reference(o)) = m.get(b"Obj") else {
                            panic!("OBJR without /Obj")
                        };
                        e.objrs.push(*o);
                    }
                    t => panic!("unexpected kid {t:?}"),
                },
                k => panic!("unexpected kid {k:?}"),
            }
        }
        for c in children.into_iter().rev() {
            stack.push((c, Some(id)));
        }
        out.push(e);
    }
    out
}

/// The /Scope of an element's table attributes.
fn scope(doc: &Document, d: &Dictionary) -> Option<String> {
    let s = table_attribute(doc, d, "Scope")?.as_name().ok()?;
    Some(String::from_utf8_lossy(s).into_owned())
}

/// An entry of an element's table attributes (`/A`: one dictionary or an array of them).
fn table_attribute<'a>(doc: &'a Document, d: &'a Dictionary, key: &str) -> Option<&'a Object> {
    let a = get(doc, d, "A")?;
    let list = match a {
        Object::Array(a) => a.iter().map(|o| deref(doc, o)).collect(),
        o => vec![o],
    };
    list.into_iter()
        .map(as_dict)
        .filter(|a| name_of(a, "O").as_deref() == Some("Table"))
        .find_map(|a| a.get(key.as_bytes()).ok())
}

fn kids(d: &Dictionary) -> Vec<Object> {
    match d.get(b"K") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(o) => vec![o.clone()],
        Err(_) => Vec::new(),
    }
}

/// The parent tree's entries (a flat /Nums, as the writer makes it).
fn parent_tree(doc: &Document) -> BTreeMap<i64, Object> {
    let cat = doc.catalog().unwrap();
    let root = as_dict(get(doc, cat, "StructTreeRoot").unwrap());
    let tree = as_dict(get(doc, root, "ParentTree").expect("a ParentTree"));
    let nums = get(doc, tree, "Nums").unwrap().as_array().unwrap();
    nums.chunks(2)
        .map(|p| (p[0].as_i64().unwrap(), p[1].clone()))
        .collect()
}

/// A page's marked-content sequences in order: (tag, MCID or artifact type, shows text).
fn marks(doc: &Document, page: ObjectId) -> Vec<(String, Option<i64>, Option<String>, bool)> {
    let bytes = doc.get_page_content(page);
    let content = Content::decode(&bytes).unwrap();
    let mut out: Vec<(String, Option<i64>, Option<String>, bool)> = Vec::new();
    let mut depth = 0;
    for op in content.operations {
        match op.operator.as_str() {
            "BDC" => {
                assert_eq!(depth, 0, "nested marked content");
                depth += 1;
                let tag = String::from_utf8_lossy(op.operands[0].as_name().unwrap()).into_owned();
                let props = as_dict(&op.operands[1]);
                let mcid = props.get(b"MCID").ok().map(|m| m.as_i64().unwrap());
                out.push((tag, mcid, name_of(props, "Type"), false));
            }
            "EMC" => depth -= 1,
            "Tj" | "TJ" | "'" | "\"" | "Do" | "f" | "re" => {
                assert_eq!(depth, 1, "{} outside marked content", op.operator);
                if op.operator.starts_with('T') {
                    out.last_mut().unwrap().3 = true;
                }
            }
            _ => {}
        }
    }
    assert_eq!(depth, 0, "unbalanced BDC/EMC");
    out
}

fn render_sample(name: &str, dir: &Path) -> PathBuf {
    let out = dir.join(format!("{name}.pdf"));
    let run = render(&root().join(format!("samples/{name}.toml")), &out, &[]);
    assert!(run.status.success(), "{name}: {}", stderr(&run));
    out
}

/// Every MCID a page uses is owned, through the page's /StructParents entry in the parent
/// tree, by an element that references that (page, MCID); every MCR points at a used MCID.
fn check_tree(doc: &Document, what: &str) {
    let elems = elements(doc);
    let by_id: BTreeMap<ObjectId, &Elem> = elems.iter().map(|e| (e.id, e)).collect();
    let tree = parent_tree(doc);
    let mut used = BTreeSet::new();
    for (_, page) in doc.get_pages() {
        let pd = doc.get_dictionary(page).unwrap();
        assert_eq!(name_of(pd, "Tabs").as_deref(), Some("S"), "{what}: /Tabs");
        let mcids: Vec<i64> = marks(doc, page).iter().filter_map(|m| m.1).collect();
        let Ok(key) = pd.get(b"StructParents") else {
            continue;
        };
        let entry = tree
            .get(&key.as_i64().unwrap())
            .unwrap_or_else(|| panic!("{what}: no parent-tree entry"));
        let arr = deref(doc, entry).as_array().unwrap();
        assert_eq!(arr.len(), mcids.len(), "{what}: parent tree vs MCIDs");
        for (i, &m) in mcids.iter().enumerate() {
            assert_eq!(m, i as i64, "{what}: MCIDs counted from 0");
            let Object::Reference(e) = arr[i] else {
                panic!("not a reference")
            };
            let e = by_id.get(&e).expect("parent-tree element is in the tree");
            assert!(e.mcrs.contains(&(page, m)), "{what}: {e:?} lacks MCID {m}");
            used.insert((page, m));
        }
    }
    for e in &elems {
        for mcr in &e.mcrs {
            assert!(
                used.contains(mcr),
                "{what}: {e:?} references an unused MCID"
            );
        }
    }
}

fn pdfinfo_tagged(path: &Path) -> bool {
    let out = Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.starts_with("Tagged:") && l.ends_with("yes"))
}

fn qpdf_clean(path: &Path) {
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(path)
        .output()
        .expect("qpdf runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &stderr(&out);
    assert!(out.status.success(), "{}: {text}", path.display());
    assert!(!text.contains("WARNING"), "{}: {text}", path.display());
}

#[test]
fn the_seed_is_tagged_with_title_headings_paragraphs_and_figures() {
    let dir = temp_dir("pdf-structure-seed");
    let out = render_sample("cqa-2020-03-10", &dir);
    assert!(pdfinfo_tagged(&out));
    let doc = load(&out);
    let cat = doc.catalog().unwrap();
    let mark = as_dict(get(&doc, cat, "MarkInfo").expect("MarkInfo"));
    assert_eq!(mark.get(b"Marked").unwrap(), &Object::Boolean(true));
    let elems = elements(&doc);
    let kinds: Vec<&str> = elems.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds[0], "Document");
    // Reading order: the title first, then the first paragraph, then a heading.
    let first = |k: &str| kinds.iter().position(|x| *x == k).unwrap_or(usize::MAX);
    assert!(
        first("H1") < first("P") && first("P") < first("H2"),
        "{kinds:?}"
    );
    assert_eq!(kinds.iter().filter(|k| **k == "H1").count(), 1);
    assert!(
        kinds.iter().filter(|k| **k == "H2").count() >= 2,
        "{kinds:?}"
    );
    let figures: Vec<&Elem> = elems.iter().filter(|e| e.kind == "Figure").collect();
    assert!(!figures.is_empty());
    assert!(figures.iter().all(|f| f.alt), "a Figure without /Alt");
    assert_eq!(
        figures.len(),
        kinds.iter().filter(|k| **k == "Caption").count()
    );
    // A paragraph split over lines (and pages) is one P with several MCIDs.
    assert!(elems.iter().any(|e| e.kind == "P" && e.mcrs.len() > 1));
    check_tree(&doc, "seed");
}

#[test]
fn running_heads_and_page_numbers_are_pagination_artifacts() {
    let dir = temp_dir("pdf-structure-artifacts");
    let out = render_sample("cqa-2020-03-10", &dir);
    let doc = load(&out);
    let pages = doc.get_pages();
    assert!(pages.len() > 1);
    for (n, page) in pages {
        let m = marks(&doc, page);
        // The masthead or running head and the page number: text inside /Artifact /Pagination.
        let heads = m
            .iter()
            .filter(|(tag, mcid, ty, text)| {
                tag == "Artifact" && mcid.is_none() && ty.as_deref() == Some("Pagination") && *text
            })
            .count();
        assert!(heads >= 1, "page {n}: no pagination artifact with text");
        for (tag, mcid, ty, _) in &m {
            assert_eq!(tag == "Artifact", mcid.is_none(), "page {n}");
            if tag == "Artifact" {
                assert!(matches!(ty.as_deref(), Some("Pagination" | "Layout")));
            }
        }
    }
}

#[test]
fn a_table_is_table_rows_and_cells() {
    let dir = temp_dir("pdf-structure-table");
    let out = render_sample("jianbao-table-2020-07", &dir);
    let doc = load(&out);
    let elems = elements(&doc);
    let by_id: BTreeMap<ObjectId, &Elem> = elems.iter().map(|e| (e.id, e)).collect();
    let parent_kind = |e: &Elem| by_id[&e.parent.unwrap()].kind.clone();
    let count = |k: &str| elems.iter().filter(|e| e.kind == k).count();
    assert!(count("Table") >= 1 && count("TR") >= 2 && count("TH") >= 1 && count("TD") >= 1);
    for e in &elems {
        match e.kind.as_str() {
            "TR" => assert_eq!(parent_kind(e), "Table"),
            "TH" | "TD" => {
                assert_eq!(parent_kind(e), "TR");
                assert!(!e.mcrs.is_empty());
                // A header-row cell heads its column.
                let want = (e.kind == "TH").then(|| "Column".to_owned());
                assert_eq!(e.scope, want, "{e:?}");
            }
            _ => {}
        }
    }
    // The header row comes first in its table.
    let table = elems.iter().find(|e| e.kind == "Table").unwrap();
    let first_row = elems.iter().find(|e| e.parent == Some(table.id)).unwrap();
    assert!(elems
        .iter()
        .filter(|e| e.parent == Some(first_row.id))
        .all(|c| c.kind == "TH"));
    check_tree(&doc, "table");
}

#[test]
fn every_sample_is_tagged_valid_and_deterministic() {
    let dir = temp_dir("pdf-structure-all");
    let mut n = 0;
    for entry in std::fs::read_dir(root().join("samples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let out = render_sample(&stem, &dir);
        qpdf_clean(&out);
        assert!(pdfinfo_tagged(&out), "{stem}");
        let doc = load(&out);
        check_tree(&doc, &stem);
        check_ua(&doc, &stem, true);
        let again = dir.join(format!("{stem}-again.pdf"));
        assert!(render(&path, &again, &[]).status.success());
        assert!(
            std::fs::read(&out).unwrap() == std::fs::read(&again).unwrap(),
            "{stem}: not deterministic"
        );
        n += 1;
    }
    assert!(n >= 10);
}

#[test]
fn a_print_run_tags_each_bulletin_once_and_stays_valid() {
    let dir = temp_dir("pdf-structure-merge");
    std::fs::write(
        dir.join("x.toml"),
        paged_definition("甲种简报", 2, "copies = 2"),
    )
    .unwrap();
    std::fs::write(dir.join("y.toml"), paged_definition("乙种简报", 1, "")).unwrap();
    std::fs::write(
        dir.join("run.toml"),
        "[[bulletins]]\ndefinition = \"x.toml\"\n\n[[bulletins]]\ndefinition = \"y.toml\"\n",
    )
    .unwrap();
    let print = dir.join("print.pdf");
    let run = jianbao()
        .arg("batch")
        .arg(dir.join("run.toml"))
        .arg("-o")
        .arg(dir.join("out"))
        .arg("--merge")
        .arg(&print)
        .arg("--copies")
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    qpdf_clean(&print);
    assert!(pdfinfo_tagged(&print));
    let doc = load(&print);
    check_tree(&doc, "print run");
    // The copies' pages are not tagged: the file does not claim PDF/UA.
    check_ua(&doc, "print run", false);
    // x twice (2 pages each), then y: only x's first copy and y carry /StructParents.
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 5);
    let tagged: Vec<bool> = pages
        .values()
        .map(|p| {
            doc.get_dictionary(*p)
                .unwrap()
                .get(b"StructParents")
                .is_ok()
        })
        .collect();
    assert_eq!(tagged, [true, true, false, false, true]);
    // One Part per bulletin, each with its own H1.
    let elems = elements(&doc);
    let parts: Vec<&Elem> = elems.iter().filter(|e| e.kind == "Part").collect();
    assert_eq!(parts.len(), 2);
    for part in parts {
        assert!(elems
            .iter()
            .any(|e| e.parent == Some(part.id) && e.kind == "H1"));
    }
}

#[test]
fn lists_are_items_with_label_and_body_and_links_are_link_elements() {
    let dir = temp_dir("pdf-structure-list");
    let out = render_sample("styled-text", &dir);
    let doc = load(&out);
    let elems = elements(&doc);
    let by_id: BTreeMap<ObjectId, &Elem> = elems.iter().map(|e| (e.id, e)).collect();
    let lis: Vec<&Elem> = elems.iter().filter(|e| e.kind == "LI").collect();
    assert!(!lis.is_empty());
    for li in &lis {
        assert_eq!(by_id[&li.parent.unwrap()].kind, "L");
        let kids: Vec<&str> = elems
            .iter()
            .filter(|e| e.parent == Some(li.id))
            .map(|e| e.kind.as_str())
            .collect();
        assert_eq!(kids, ["Lbl", "LBody"], "{li:?}");
    }
    // Every link annotation of a tagged page is a Link element's OBJR, and its /StructParent
    // leads back to that element.
    let tree = parent_tree(&doc);
    let mut annots = 0;
    for (_, page) in doc.get_pages() {
        let pd = doc.get_dictionary(page).unwrap();
        let Some(list) = get(&doc, pd, "Annots") else {
            continue;
        };
        for a in list.as_array().unwrap() {
            let Object::Reference(id) = a else {
                panic!("annotation not indirect")
            };
            let ad = doc.get_dictionary(*id).unwrap();
            let key = ad.get(b"StructParent").expect("/StructParent").as_i64();
            let Object::Reference(owner) = &tree[&key.unwrap()] else {
                panic!("parent-tree entry of an annotation is not a reference")
            };
            let link = by_id[owner];
            assert_eq!(link.kind, "Link");
            assert_eq!(link.objrs, [*id]);
            annots += 1;
        }
    }
    assert!(annots >= 1, "styled-text has a link");
    // The editor's note is a Note with an ID (PDF/UA-1 7.9; check_ua checks the ID tree).
    assert!(elems.iter().any(|e| e.kind == "Note" && e.ident.is_some()));
    check_ua(&doc, "styled-text", true);
}

/// The text each MCID of a page marks: the glyphs its TJ/Tj operators show (two bytes a code,
/// as the writer's Identity-H fonts), read in order from `glyphs` (the page's glyphs as
/// `pdf_inspect` decoded them, in content-stream order).
fn mcid_texts(
    doc: &Document,
    page: ObjectId,
    glyphs: &[pdf_inspect::Glyph],
) -> BTreeMap<i64, String> {
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    let mut out: BTreeMap<i64, String> = BTreeMap::new();
    let mut mcid: Option<i64> = None;
    let mut at = 0;
    for op in content.operations {
        let codes = match op.operator.as_str() {
            "BDC" => {
                mcid = as_dict(&op.operands[1])
                    .get(b"MCID")
                    .ok()
                    .map(|m| m.as_i64().unwrap());
                continue;
            }
            "EMC" => {
                mcid = None;
                continue;
            }
            "Tj" => op.operands[0].as_str().unwrap().len() / 2,
            "TJ" => op.operands[0]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|o| o.as_str().ok())
                .map(|s| s.len() / 2)
                .sum(),
            _ => continue,
        };
        let text: String = glyphs[at..at + codes]
            .iter()
            .map(|g| g.text.as_str())
            .collect();
        at += codes;
        if let Some(m) = mcid {
            out.entry(m).or_default().push_str(&text);
        }
    }
    assert_eq!(at, glyphs.len(), "every glyph is shown by a TJ or Tj");
    out
}

/// The XMP metadata packet's text.
fn xmp(doc: &Document) -> String {
    let cat = doc.catalog().unwrap();
    let Object::Stream(s) = get(doc, cat, "Metadata").expect("/Metadata") else {
        panic!("/Metadata is not a stream")
    };
    String::from_utf8(s.content.clone()).unwrap()
}

/// The level of a heading element (`H1` → 1), if it is one.
fn heading_level(kind: &str) -> Option<usize> {
    kind.strip_prefix('H')?.parse().ok()
}

/// The PDF/UA-1 (ISO 14289-1) rules jianbao relies on that a program can check, on one file;
/// `claimed`: whether the file should claim conformance (`pdfuaid:part 1`; every page tagged).
/// See the table in docs/pdf.md.
fn check_ua(doc: &Document, what: &str, claimed: bool) {
    let cat = doc.catalog().unwrap();
    // 7.1: the XMP identifies the part (and has a title, 7.1 (8)); DisplayDocTitle.
    let x = xmp(doc);
    assert_eq!(
        x.contains("<pdfuaid:part>1</pdfuaid:part>"),
        claimed,
        "{what}: pdfuaid"
    );
    assert!(x.contains("<dc:title>"), "{what}: dc:title");
    let prefs = as_dict(get(doc, cat, "ViewerPreferences").expect("ViewerPreferences"));
    assert_eq!(
        prefs.get(b"DisplayDocTitle").unwrap(),
        &Object::Boolean(true),
        "{what}"
    );
    // 7.2: the natural language.
    let lang = pdf_inspect::text_string(get(doc, cat, "Lang").expect("/Lang"));
    assert!(!lang.is_empty(), "{what}: /Lang");
    let elems = elements(doc);
    let by_id: BTreeMap<ObjectId, &Elem> = elems.iter().map(|e| (e.id, e)).collect();
    let parent_kind = |e: &Elem| e.parent.map(|p| by_id[&p].kind.clone()).unwrap_or_default();
    // 7.9: every Note has an ID, unique, which the root's ID tree maps to it.
    let root = as_dict(get(doc, cat, "StructTreeRoot").unwrap());
    let id_tree: BTreeMap<Vec<u8>, Object> = get(doc, root, "IDTree")
        .map(|t| {
            let names = get(doc, as_dict(t), "Names").unwrap().as_array().unwrap();
            names
                .chunks(2)
                .map(|p| (p[0].as_str().unwrap().to_vec(), p[1].clone()))
                .collect()
        })
        .unwrap_or_default();
    let notes: Vec<&Elem> = elems.iter().filter(|e| e.kind == "Note").collect();
    for n in &notes {
        let id = n
            .ident
            .as_ref()
            .unwrap_or_else(|| panic!("{what}: a Note without /ID"));
        assert_eq!(
            id_tree.get(id),
            Some(&Object::Reference(n.id)),
            "{what}: IDTree"
        );
    }
    let unique: BTreeSet<_> = notes.iter().map(|n| &n.ident).collect();
    assert_eq!(unique.len(), notes.len(), "{what}: Note IDs unique");
    let mut last_heading = 0;
    for e in &elems {
        match e.kind.as_str() {
            // 7.4.2: the first heading of a document (or a part) is H1, and none skips a level.
            "Part" => last_heading = 0,
            k if heading_level(k).is_some() => {
                let level = heading_level(k).unwrap();
                assert!(
                    level <= last_heading + 1,
                    "{what}: {k} after H{last_heading}"
                );
                last_heading = level;
            }
            // 7.3: alternative text on every figure.
            "Figure" => assert!(
                e.alt_text.as_deref().is_some_and(|a| !a.trim().is_empty()),
                "{what}: a Figure without /Alt: {e:?}"
            ),
            // Inside what it captions; a table's first.
            "Caption" => {
                let p = by_id[&e.parent.unwrap()];
                assert!(
                    matches!(p.kind.as_str(), "Figure" | "Table"),
                    "{what}: a Caption in {}",
                    p.kind
                );
                if p.kind == "Table" {
                    assert_eq!(p.seq.first(), Some(&Some(e.id)), "{what}: caption first");
                }
            }
            // 7.5: tables are Table › TR › TH/TD, header cells with a scope, each header
            // cell's content on one page (a repeated header row is an artifact); the rows,
            // with the cells spanning into them from above, are equally wide.
            "Table" => {
                let rows: Vec<&Elem> = elems
                    .iter()
                    .filter(|r| r.parent == Some(e.id) && r.kind == "TR")
                    .collect();
                let mut above: Vec<(i64, i64)> = Vec::new();
                let mut widths = Vec::new();
                for row in rows {
                    let cells = elems.iter().filter(|c| c.parent == Some(row.id));
                    let mut width: i64 = above.iter().map(|a| a.1).sum();
                    above = above
                        .into_iter()
                        .filter(|a| a.0 > 1)
                        .map(|(r, c)| (r - 1, c))
                        .collect();
                    for c in cells {
                        width += c.spans.1;
                        if c.spans.0 > 1 {
                            above.push((c.spans.0 - 1, c.spans.1));
                        }
                    }
                    widths.push(width);
                }
                assert!(
                    widths.windows(2).all(|w| w[0] == w[1]),
                    "{what}: table rows of widths {widths:?}"
                );
            }
            "TR" => assert_eq!(parent_kind(e), "Table", "{what}"),
            "TH" | "TD" => {
                assert_eq!(parent_kind(e), "TR", "{what}");
                assert_eq!(e.scope.is_some(), e.kind == "TH", "{what}: {e:?}");
                let pages: BTreeSet<ObjectId> = e.mcrs.iter().map(|m| m.0).collect();
                assert!(
                    e.kind == "TD" || pages.len() == 1,
                    "{what}: a header cell on {} pages",
                    pages.len()
                );
            }
            // 7.6: lists.
            "LI" => assert_eq!(parent_kind(e), "L", "{what}"),
            "Lbl" | "LBody" => assert_eq!(parent_kind(e), "LI", "{what}"),
            // 7.18.5: a Link holds its annotation and the link's text.
            "Link" => {
                assert!(!e.objrs.is_empty(), "{what}: a Link without annotation");
                assert!(!e.mcrs.is_empty(), "{what}: a Link without its text");
            }
            _ => {}
        }
    }
    // 7.18.1, 7.18.5: every annotation of a tagged page is a Link annotation with /Contents,
    // inside the Link element its /StructParent names.
    let tree = parent_tree(doc);
    for (n, page) in doc.get_pages() {
        let pd = doc.get_dictionary(page).unwrap();
        let tagged = pd.get(b"StructParents").is_ok();
        assert!(tagged || !claimed, "{what}: page {n} is not tagged");
        let Some(list) = get(doc, pd, "Annots") else {
            continue;
        };
        for a in list.as_array().unwrap() {
            let Object::Reference(id) = a else {
                panic!("annotation not indirect")
            };
            let ad = doc.get_dictionary(*id).unwrap();
            assert_eq!(name_of(ad, "Subtype").as_deref(), Some("Link"));
            let contents = ad.get(b"Contents").map(pdf_inspect::text_string);
            assert!(
                contents.is_ok_and(|c| !c.trim().is_empty()),
                "{what}: a link without /Contents"
            );
            if !tagged {
                continue;
            }
            let key = ad.get(b"StructParent").expect("/StructParent").as_i64();
            let Object::Reference(owner) = &tree[&key.unwrap()] else {
                panic!("parent-tree entry of an annotation is not a reference")
            };
            assert_eq!(by_id[owner].kind, "Link", "{what}");
            assert!(by_id[owner].objrs.contains(id), "{what}");
        }
    }
}

/// A definition with the newsletter layout and these blocks.
fn with_blocks(blocks: &str) -> String {
    format!(
        "layout = \"newsletter\"\n\n[bulletin]\npublisher = \"测试编印单位\"\ndate = 2024-05-01\n\n[[blocks]]\ntitle = \"无障碍测试\"\n{blocks}"
    )
}

#[test]
fn a_link_element_holds_its_text_and_an_address_broken_across_lines_is_one_link() {
    let long = format!("https://www.example.com/{}", "zhiliang-tisheng-".repeat(9));
    let text = with_blocks(&format!(
        "\n[[blocks]]\ntext = \"请访问 https://www.cqa.cn/news 了解详情。\"\n\n[[blocks]]\ntext = \"全文见 {long} 。\"\n\n[[blocks]]\ntext = \"两个地址：https://www.cqa.cn/a 与 zhibao@cqa.cn 。\"\n"
    ));
    let (run, out) = render_text("pdf-structure-link-text", "links", &text, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let doc = load(&out);
    check_tree(&doc, "links");
    check_ua(&doc, "links", true);
    let info = pdf_inspect::inspect_file(&out);
    let mut texts: BTreeMap<(ObjectId, i64), String> = BTreeMap::new();
    for ((_, page), info) in doc.get_pages().into_iter().zip(&info.pages) {
        for (m, t) in mcid_texts(&doc, page, &info.glyphs) {
            texts.insert((page, m), t);
        }
    }
    let elems = elements(&doc);
    let text_of = |e: &Elem| -> String { e.mcrs.iter().map(|m| texts[m].as_str()).collect() };
    let links: Vec<&Elem> = elems.iter().filter(|e| e.kind == "Link").collect();
    assert_eq!(links.len(), 4, "{links:?}");
    // The short address: its glyphs are the Link's, between the text before and after it
    // in its paragraph.
    assert_eq!(text_of(links[0]), "https://www.cqa.cn/news");
    assert_eq!(links[0].objrs.len(), 1);
    let p = elems
        .iter()
        .find(|e| Some(e.id) == links[0].parent)
        .unwrap();
    assert_eq!(p.kind, "P");
    assert_eq!(p.seq, [None, Some(links[0].id), None], "{p:?}");
    let texts_of_p: Vec<String> = p.mcrs.iter().map(|m| texts[m].clone()).collect();
    assert_eq!(texts_of_p, ["请访问", "了解详情。"]);
    // The long one, broken over lines: one Link with each line's part and each line's
    // annotation.
    assert!(links[1].mcrs.len() >= 2, "{:?}", links[1]);
    assert_eq!(links[1].objrs.len(), links[1].mcrs.len());
    assert_eq!(text_of(links[1]).replace(' ', ""), long);
    // Every annotation is in the Link of its own text (two links on one line each get
    // theirs), and says where it goes.
    for link in &links {
        for id in &link.objrs {
            let ad = doc.get_dictionary(*id).unwrap();
            let contents = pdf_inspect::text_string(ad.get(b"Contents").unwrap());
            let text = text_of(link).replace(' ', "");
            assert_eq!(contents.trim_start_matches("mailto:"), text);
        }
    }
    assert_eq!(text_of(links[3]), "zhibao@cqa.cn");
}

#[test]
fn an_internal_link_has_its_text_as_contents() {
    let dir = temp_dir("pdf-structure-internal-link");
    let out = render_sample("styled-text", &dir);
    let doc = load(&out);
    let mut internal = 0;
    for (_, page) in doc.get_pages() {
        let pd = doc.get_dictionary(page).unwrap();
        let Some(list) = get(&doc, pd, "Annots") else {
            continue;
        };
        for a in list.as_array().unwrap() {
            let ad = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
            let action = as_dict(get(&doc, ad, "A").unwrap());
            if name_of(action, "S").as_deref() == Some("GoTo") {
                let contents = pdf_inspect::text_string(ad.get(b"Contents").expect("/Contents"));
                // 见图{ref:flow}: the figure's number.
                assert_eq!(contents, "1");
                internal += 1;
            }
        }
    }
    assert_eq!(internal, 1);
}

#[test]
fn headings_never_skip_a_level_when_a_document_starts_at_level_two() {
    let text = with_blocks(
        "\n[[blocks]]\nheading = \"第一部分\"\nlevel = 2\n\n[[blocks]]\ntext = \"正文。\"\n\n[[blocks]]\nheading = \"第二部分\"\nlevel = 2\n\n[[blocks]]\nheading = \"细目\"\nlevel = 3\n\n[[blocks]]\ntext = \"正文。\"\n",
    );
    let (run, out) = render_text("pdf-structure-headings", "levels", &text, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let doc = load(&out);
    let kinds: Vec<String> = elements(&doc)
        .into_iter()
        .map(|e| e.kind)
        .filter(|k| heading_level(k).is_some())
        .collect();
    assert_eq!(kinds, ["H1", "H2", "H2", "H3"]);
    check_ua(&doc, "levels", true);
}

#[test]
fn a_figure_without_caption_or_alt_is_decoration_and_warned_about() {
    let dir = temp_dir("pdf-structure-no-alt");
    std::fs::copy(root().join("samples/photos/hall.jpg"), dir.join("hall.jpg")).unwrap();
    let def = dir.join("plain.toml");
    std::fs::write(
        &def,
        with_blocks(
            "\n[[blocks]]\nfigure = \"hall.jpg\"\n\n[[blocks]]\nfigure = \"hall.jpg\"\nalt = \"会场全景\"\n",
        ),
    )
    .unwrap();
    let out = dir.join("plain.pdf");
    let run = render(&def, &out, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let err = stderr(&run);
    // At the figure's block (line 10 of the definition).
    assert!(err.contains("plain.toml:10:"), "{err}");
    assert!(err.contains("no caption and no `alt`"), "{err}");
    assert_eq!(err.matches("no caption and no `alt`").count(), 1, "{err}");
    let doc = load(&out);
    check_tree(&doc, "no alt");
    check_ua(&doc, "no alt", true);
    let figures: Vec<Elem> = elements(&doc)
        .into_iter()
        .filter(|e| e.kind == "Figure")
        .collect();
    assert_eq!(figures.len(), 1);
    assert_eq!(figures[0].alt_text.as_deref(), Some("会场全景"));
    // Both images are painted: one in the Figure, one as a layout artifact.
    let (_, page) = doc.get_pages().into_iter().next().unwrap();
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    let mut tag = String::new();
    let mut images = Vec::new();
    for op in content.operations {
        match op.operator.as_str() {
            "BDC" => {
                let props = as_dict(&op.operands[1]);
                tag = format!(
                    "{}/{}",
                    String::from_utf8_lossy(op.operands[0].as_name().unwrap()),
                    name_of(props, "Type").unwrap_or_default()
                );
            }
            "Do" => images.push(tag.clone()),
            _ => {}
        }
    }
    assert_eq!(images, ["Artifact/Layout", "Figure/"]);
    // `--strict` refuses such a file.
    let strict = render(&def, &dir.join("strict.pdf"), &["--strict"]);
    assert!(!strict.status.success());
    assert!(stderr(&strict).contains("no caption and no `alt`"));
    // A row of photos without captions: each photo is warned about and is decoration.
    let row = dir.join("row.toml");
    std::fs::write(
        &row,
        with_blocks("\n[[blocks]]\nfigures = [\"hall.jpg\", \"hall.jpg\"]\n"),
    )
    .unwrap();
    let run = render(&row, &dir.join("row.pdf"), &[]);
    let err = stderr(&run);
    assert!(run.status.success(), "{err}");
    assert!(
        err.contains("row.toml:10:1: photo 1 of this row has no caption"),
        "{err}"
    );
    assert!(
        err.contains("row.toml:10:1: photo 2 of this row has no caption"),
        "{err}"
    );
    let doc = load(&dir.join("row.pdf"));
    check_ua(&doc, "row", true);
    assert!(!elements(&doc).iter().any(|e| e.kind == "Figure"));
}

#[test]
fn a_repeated_table_header_is_an_artifact_and_captions_are_inside_what_they_caption() {
    let dir = temp_dir("pdf-structure-table-repeat");
    let out = render_sample("jianbao-table-2020-07", &dir);
    let doc = load(&out);
    let elems = elements(&doc);
    let table = elems.iter().find(|e| e.kind == "Table").unwrap();
    let first = elems.iter().find(|e| Some(e.id) == table.seq[0]).unwrap();
    assert_eq!(first.kind, "Caption");
    // Five header cells, each with its content on the first page only.
    let ths: Vec<&Elem> = elems.iter().filter(|e| e.kind == "TH").collect();
    assert_eq!(ths.len(), 5);
    let pages = doc.get_pages();
    assert!(pages.len() >= 2);
    for th in &ths {
        assert!(th.mcrs.iter().all(|m| m.0 == pages[&1]), "{th:?}");
    }
    // The continuation pages repeat the header (and 续表) as pagination artifacts with text.
    for n in 2..=pages.len() as u32 {
        let m = marks(&doc, pages[&n]);
        let repeated = m
            .iter()
            .filter(|(t, _, ty, text)| {
                t == "Artifact" && ty.as_deref() == Some("Pagination") && *text
            })
            .count();
        assert!(repeated >= 7, "page {n}: {repeated}");
    }
    // A row of photos is one Figure whose alternative names each photo.
    let row = render_sample("photo-row-2020-04", &dir);
    let alts: Vec<String> = elements(&load(&row))
        .into_iter()
        .filter_map(|e| e.alt_text)
        .collect();
    assert!(
        alts.iter()
            .any(|a| a == "(a) 总装车间；(b) 质量展厅；(c) 座谈交流"),
        "{alts:?}"
    );
    // The seed's captions are inside their figures.
    let seed = render_sample("cqa-2020-03-10", &dir);
    let doc = load(&seed);
    let elems = elements(&doc);
    let by_id: BTreeMap<ObjectId, &Elem> = elems.iter().map(|e| (e.id, e)).collect();
    let captions: Vec<&Elem> = elems.iter().filter(|e| e.kind == "Caption").collect();
    assert!(!captions.is_empty());
    for c in captions {
        let figure = by_id[&c.parent.unwrap()];
        assert_eq!(figure.kind, "Figure");
        // After the image.
        assert_eq!(figure.seq.last(), Some(&Some(c.id)));
        assert_eq!(figure.seq.first(), Some(&None));
    }
}

#[test]
fn a_pdfa_file_describes_the_pdfuaid_schema() {
    let dir = temp_dir("pdf-structure-pdfa-ua");
    let out = dir.join("seed.pdf");
    let run = render(
        &root().join("samples/cqa-2020-03-10.toml"),
        &out,
        &["--pdfa"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let doc = load(&out);
    check_ua(&doc, "pdfa", true);
    let x = xmp(&doc);
    let schemas = &x[x
        .find("<pdfaExtension:schemas>")
        .expect("extension schemas")..];
    assert!(schemas.contains("http://www.aiim.org/pdfua/ns/id/"), "{x}");
    assert!(
        schemas.contains("<pdfaProperty:name>part</pdfaProperty:name>"),
        "{x}"
    );
}

/// A row of photos whose captions take two lines each: the lines are drawn across the row (top
/// to bottom), but each photo's caption is a Caption element of its own holding its lines in
/// order, so a reader takes one caption whole before the next (they were one Caption holding
/// 图2班组长介, 图3班组长讲, 绍防错装置 … in drawing order).
#[test]
fn a_row_of_photos_has_one_caption_element_per_photo() {
    let dir = temp_dir("pdf-structure-row-captions");
    let out = render_sample("photo-row-2020-04", &dir);
    let doc = load(&out);
    let info = pdf_inspect::inspect_file(&out);
    let mut texts: BTreeMap<(ObjectId, i64), String> = BTreeMap::new();
    for ((_, page), info) in doc.get_pages().into_iter().zip(&info.pages) {
        for (m, t) in mcid_texts(&doc, page, &info.glyphs) {
            texts.insert((page, m), t);
        }
    }
    let captions: Vec<String> = elements(&doc)
        .into_iter()
        .filter(|e| e.kind == "Caption")
        .map(|e| {
            e.mcrs
                .iter()
                .map(|m| texts[m].replace(' ', ""))
                .collect::<String>()
        })
        .collect();
    for want in ["图2班组长介绍防错装置", "图3班组长讲解问题记录表"] {
        assert!(captions.iter().any(|c| c == want), "{want} in {captions:?}");
    }
}
