//! Navigation in the PDF, read back from the file: the outline (bookmarks) nests titles and
//! headings by level and jumps to each heading's line; a print run has one top-level entry per
//! bulletin; URLs and e-mail addresses are link annotations over exactly their glyphs, one per
//! line when an address is broken across lines.

mod support;

use lopdf::{Dictionary, Document, Object, ObjectId};
use std::path::Path;
use support::pdf_inspect::text_string as text;
use support::{jianbao, render, stderr, temp_dir};

fn load(path: &Path) -> Document {
    Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &str) -> Option<&'a Object> {
    match d.get(key.as_bytes()).ok()? {
        Object::Reference(id) => doc.get_object(*id).ok(),
        o => Some(o),
    }
}

fn num(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => *r as f64,
        o => panic!("not a number: {o:?}"),
    }
}

/// An outline entry read back: title, the page number (1-based) and top it jumps to, children.
#[derive(Debug)]
struct Entry {
    title: String,
    page: usize,
    top: f64,
    children: Vec<Entry>,
}

fn entries(doc: &Document, parent: &Dictionary, pages: &[ObjectId]) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut next = parent.get(b"First").ok().map(|o| o.as_reference().unwrap());
    let mut count = 0;
    while let Some(id) = next {
        let d = doc.get_dictionary(id).unwrap();
        let dest = get(doc, d, "Dest")
            .expect("an entry has /Dest")
            .as_array()
            .unwrap();
        assert_eq!(dest[1].as_name().unwrap(), b"XYZ");
        let page = pages
            .iter()
            .position(|p| *p == dest[0].as_reference().unwrap())
            .expect("the destination is a page")
            + 1;
        assert_eq!(
            d.get(b"Parent").unwrap().as_reference().unwrap(),
            parent_id(doc, parent),
            "parent link"
        );
        out.push(Entry {
            title: text(d.get(b"Title").unwrap()),
            page,
            top: num(&dest[3]),
            children: entries(doc, d, pages),
        });
        count += 1;
        next = d.get(b"Next").ok().map(|o| o.as_reference().unwrap());
    }
    if count > 0 {
        let last = parent.get(b"Last").unwrap().as_reference().unwrap();
        let d = doc.get_dictionary(last).unwrap();
        assert!(d.get(b"Next").is_err(), "/Last is the last entry");
    }
    out
}

/// The object id of a dictionary found in the document (outline root or item).
fn parent_id(doc: &Document, d: &Dictionary) -> ObjectId {
    *doc.objects
        .iter()
        .find(|(_, o)| matches!(o, Object::Dictionary(x) if std::ptr::eq(x, d)))
        .map(|(id, _)| id)
        .expect("the dictionary is an object")
}

fn outline(doc: &Document) -> Vec<Entry> {
    let cat = doc.catalog().unwrap();
    assert_eq!(
        cat.get(b"PageMode").unwrap().as_name().unwrap(),
        b"UseOutlines"
    );
    let root = get(doc, cat, "Outlines").unwrap().as_dict().unwrap();
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    entries(doc, root, &pages)
}

fn bulletin(title: &str, body: &str) -> String {
    format!(
        "layout = \"newsletter\"\n[bulletin]\npublisher = \"测试编印单位\"\ndate = 2024-05-01\n\n[[blocks]]\ntitle = \"{title}\"\n{body}"
    )
}

fn heading(text: &str, level: u8) -> String {
    format!("\n[[blocks]]\nheading = \"{text}\"\nlevel = {level}\n")
}

fn para(text: &str) -> String {
    format!("\n[[blocks]]\ntext = \"{text}\"\n")
}

#[test]
fn the_outline_nests_titles_and_headings_and_jumps_to_each() {
    let dir = temp_dir("pdf-links-outline");
    let long = "质量管理协会向会员单位发出倡议，切实提高政治站位。".repeat(30);
    let body = [
        heading("一、总体要求", 1),
        para(&long),
        heading("（一）工作目标", 2),
        para(&long),
        heading("二、主要任务", 1),
        para(&long),
    ]
    .concat();
    let def = dir.join("o.toml");
    std::fs::write(&def, bulletin("质量月活动方案", &body)).unwrap();
    let out = dir.join("o.pdf");
    let run = render(&def, &out, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let doc = load(&out);
    let o = outline(&doc);
    assert_eq!(o.len(), 1, "{o:#?}");
    assert_eq!(o[0].title, "质量月活动方案");
    let names: Vec<&str> = o[0].children.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(names, ["一、总体要求", "二、主要任务"], "{o:#?}");
    assert_eq!(o[0].children[0].children.len(), 1);
    assert_eq!(o[0].children[0].children[0].title, "（一）工作目标");
    assert!(o[0].children[1].page >= 2, "{o:#?}");
    // Each entry's top is just above its heading's first line.
    let info = support::pdf_inspect::inspect_file(&out);
    let check = |e: &Entry| {
        let lines = info.pages[e.page - 1].lines();
        let line = support::find_line(&lines, &e.title);
        // PDF y, upwards: the top is above the baseline by less than a line.
        assert!(
            e.top > line.y && e.top - line.y < 30.0,
            "{}: top {} vs baseline {}",
            e.title,
            e.top,
            line.y
        );
    };
    check(&o[0].children[0]);
    check(&o[0].children[0].children[0]);
    check(&o[0].children[1]);
}

#[test]
fn a_print_run_has_one_entry_per_bulletin() {
    let dir = temp_dir("pdf-links-merge");
    std::fs::write(
        dir.join("a.toml"),
        bulletin("甲期", &[heading("一、甲", 1), para("正文。")].concat()),
    )
    .unwrap();
    std::fs::write(
        dir.join("b.toml"),
        bulletin("乙期", &[heading("一、乙", 1), para("正文。")].concat()),
    )
    .unwrap();
    let run = jianbao()
        .arg("batch")
        .arg(dir.join("a.toml"))
        .arg(dir.join("b.toml"))
        .arg("-o")
        .arg(dir.join("out"))
        .arg("--merge")
        .arg(dir.join("run.pdf"))
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let doc = load(&dir.join("run.pdf"));
    let o = outline(&doc);
    let top: Vec<&str> = o.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(top.len(), 2, "{o:#?}");
    assert_ne!(o[0].page, o[1].page);
    let below: Vec<String> = o
        .iter()
        .flat_map(|e| e.children.iter().flat_map(|c| c.children.iter()))
        .map(|e| e.title.clone())
        .collect();
    assert_eq!(below, ["一、甲", "一、乙"], "{o:#?}");
}

/// The link annotations of a page: (URI, [left, bottom, right, top]).
fn links(doc: &Document, page: ObjectId) -> Vec<(String, [f64; 4])> {
    let d = doc.get_dictionary(page).unwrap();
    let Some(annots) = get(doc, d, "Annots") else {
        return Vec::new();
    };
    annots
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let a = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
            assert_eq!(a.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
            assert_eq!(a.get(b"F").unwrap().as_i64().unwrap() & 4, 4, "printable");
            let action = get(doc, a, "A").unwrap().as_dict().unwrap();
            assert_eq!(action.get(b"S").unwrap().as_name().unwrap(), b"URI");
            let uri = match action.get(b"URI").unwrap() {
                Object::String(b, _) => String::from_utf8(b.clone()).unwrap(),
                o => panic!("{o:?}"),
            };
            let r: Vec<f64> = a
                .get(b"Rect")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(num)
                .collect();
            (uri, [r[0], r[1], r[2], r[3]])
        })
        .collect()
}

#[test]
fn addresses_in_text_are_links_over_exactly_their_glyphs() {
    let dir = temp_dir("pdf-links-uri");
    let url = "https://www.cqa.org.cn/news/2020/quality-month/activities/notice-of-the-national-quality-month.html";
    let text = format!(
        "活动详情见 {url} 页面，也可来信 office@cqa.org.cn 咨询。本段再写一些文字，让网址在行尾折行。"
    );
    let def = dir.join("l.toml");
    std::fs::write(&def, bulletin("链接", &para(&text))).unwrap();
    let out = dir.join("l.pdf");
    let run = render(&def, &out, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let doc = load(&out);
    let page = *doc.get_pages().values().next().unwrap();
    let found = links(&doc, page);
    let to_url: Vec<_> = found.iter().filter(|(u, _)| u == url).collect();
    assert!(
        to_url.len() >= 2,
        "the long URL is broken over lines, one link on each: {found:?}"
    );
    assert!(
        to_url.windows(2).all(|w| w[0].1[1] > w[1].1[1]),
        "each on its own line"
    );
    let mail: Vec<_> = found
        .iter()
        .filter(|(u, _)| u == "mailto:office@cqa.org.cn")
        .collect();
    assert_eq!(mail.len(), 1, "{found:?}");
    // Over exactly the glyphs of the address: the glyphs inside the rectangle spell it.
    let info = support::pdf_inspect::inspect_file(&out);
    let inside = |r: &[f64; 4]| -> String {
        info.pages[0]
            .glyphs
            .iter()
            .filter(|g| {
                let (x, y) = (g.x + 0.1, g.y);
                x >= r[0] && x <= r[2] && y >= r[1] && y <= r[3]
            })
            .map(|g| g.text.clone())
            .collect()
    };
    assert_eq!(inside(&mail[0].1), "office@cqa.org.cn");
    let pieces: String = to_url.iter().map(|(_, r)| inside(r)).collect();
    assert_eq!(pieces, url);
}
