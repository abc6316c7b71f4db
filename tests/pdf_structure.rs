//! The tagged PDF (issue 17): every page's content in marked-content sequences — artifacts
//! (running heads, page numbers, rules) as /Artifact, the rest with an MCID — and a structure
//! tree in reading order that owns every MCID through the parent tree: H1 for the title, H2…
//! for headings, P, Figure with /Alt and its Caption, Table › TR › TH/TD. Read back with lopdf,
//! `pdfinfo` and `qpdf --check`, on every sample.

mod support;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use support::{jianbao, paged_definition, render, root, stderr, temp_dir};

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
    /// The table attributes' /Scope, if any.
    scope: Option<String>,
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
            scope: scope(doc, d),
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
                Object::Reference(c) => children.push(*c),
                // An MCID on the element's own page (/Pg).
                Object::Integer(m) => e.mcrs.push((home.expect("a bare MCID needs /Pg"), *m)),
                Object::Dictionary(m) => match name_of(m, "Type").as_deref() {
                    Some("MCR") => {
                        let Ok(Object::Reference(pg)) = m.get(b"Pg") else {
                            panic!("MCR without /Pg")
                        };
                        e.mcrs
                            .push((*pg, m.get(b"MCID").unwrap().as_i64().unwrap()));
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

/// The /Scope of an element's table attributes (`/A`: one dictionary or an array of them).
fn scope(doc: &Document, d: &Dictionary) -> Option<String> {
    let a = get(doc, d, "A")?;
    let list = match a {
        Object::Array(a) => a.iter().map(|o| deref(doc, o)).collect(),
        o => vec![o],
    };
    list.into_iter()
        .map(as_dict)
        .filter(|a| name_of(a, "O").as_deref() == Some("Table"))
        .find_map(|a| name_of(a, "Scope"))
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
        check_tree(&load(&out), &stem);
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
}
