//! The PDF as a file for distribution and archives: PDF 1.7 with XMP metadata that says what
//! the Info dictionary says, the document language and title shown; PDF/A-2b (`render
//! --pdfa`, or `[pdf] standard = "a-2b"` in a layout) with its identification, an sRGB output
//! intent and embedded ICC profile, every font embedded with a ToUnicode map, transparency
//! groups where a page paints with transparency, and no CMYK image. Every check reads the
//! file back (lopdf, and `qpdf --check` where qpdf is installed); the archive checks run on
//! every sample.

mod support;

use lopdf::{Dictionary, Document, Object};
use std::collections::BTreeMap;
use std::path::Path;
use support::pdf_inspect::text_string as text;
use support::{render, root, stderr, temp_dir};

fn load(path: &Path) -> (Vec<u8>, Document) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = Document::load_mem(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (bytes, doc)
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).expect("reference resolves"),
        o => o,
    }
}

fn dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &str) -> Option<&'a Dictionary> {
    let o = deref(doc, d.get(key.as_bytes()).ok()?);
    match o {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

fn name<'a>(d: &'a Dictionary, key: &str) -> Option<&'a [u8]> {
    d.get(key.as_bytes()).ok()?.as_name().ok()
}

fn stream_bytes(doc: &Document, o: &Object) -> Vec<u8> {
    let Object::Stream(s) = deref(doc, o) else {
        panic!("not a stream: {o:?}")
    };
    s.decompressed_content()
        .unwrap_or_else(|_| s.content.clone())
}

fn catalog(doc: &Document) -> &Dictionary {
    doc.catalog().expect("a catalog")
}

fn xmp(doc: &Document) -> String {
    let m = catalog(doc)
        .get(b"Metadata")
        .expect("catalog has /Metadata");
    let Object::Stream(s) = deref(doc, m) else {
        panic!("/Metadata is not a stream")
    };
    assert!(
        s.dict.get(b"Filter").is_err(),
        "the XMP stream is not compressed (PDF/A: readable without PDF tools)"
    );
    assert_eq!(name(&s.dict, "Subtype"), Some(&b"XML"[..]));
    String::from_utf8(s.content.clone()).expect("XMP is UTF-8")
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The value of one XMP property written as an element (`<pdf:Producer>v</pdf:Producer>`).
fn xmp_value(xmp: &str, property: &str) -> Option<String> {
    let open = format!("<{property}>");
    let at = xmp.find(&open)? + open.len();
    let end = xmp[at..].find(&format!("</{property}>"))?;
    Some(xmp[at..at + end].to_string())
}

/// `D:20200310000000Z` → `2020-03-10T00:00:00Z`.
fn pdf_date_as_xmp(d: &str) -> String {
    let d = d.strip_prefix("D:").expect("a PDF date");
    format!(
        "{}-{}-{}T{}:{}:{}Z",
        &d[0..4],
        &d[4..6],
        &d[6..8],
        &d[8..10],
        &d[10..12],
        &d[12..14]
    )
}

fn info(doc: &Document) -> BTreeMap<String, String> {
    let id = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .expect("trailer has /Info");
    let d = doc.get_dictionary(id).unwrap();
    d.iter()
        .filter(|(_, v)| matches!(v, Object::String(..)))
        .map(|(k, v)| (String::from_utf8_lossy(k).into_owned(), text(v)))
        .collect()
}

/// What every file has: version 1.7, a file ID, XMP saying what the Info says, the language,
/// the title shown.
fn check_common(bytes: &[u8], doc: &Document, what: &str) {
    assert!(bytes.starts_with(b"%PDF-1.7\n"), "{what}: header");
    let id = doc.trailer.get(b"ID").expect("trailer has /ID");
    let ids = id.as_array().unwrap();
    assert_eq!(ids.len(), 2);
    for i in ids {
        let Object::String(b, _) = i else { panic!() };
        assert_eq!(b.len(), 16, "{what}: a 16-byte ID");
    }
    let cat = catalog(doc);
    assert_eq!(text(cat.get(b"Lang").unwrap()), "zh-CN", "{what}");
    let prefs = dict(doc, cat, "ViewerPreferences").expect("ViewerPreferences");
    assert!(
        prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap(),
        "{what}: DisplayDocTitle"
    );
    let x = xmp(doc);
    let info = info(doc);
    assert!(!info["Title"].is_empty(), "{what}: a title");
    assert!(
        x.contains(&format!(">{}<", xml_escape(&info["Title"]))),
        "{what}: dc:title {:?} not in XMP:\n{x}",
        info["Title"]
    );
    if let Some(author) = info.get("Author") {
        assert!(x.contains(&format!(">{}<", xml_escape(author))), "{what}");
    }
    if let Some(subject) = info.get("Subject") {
        assert!(x.contains(&format!(">{}<", xml_escape(subject))), "{what}");
    }
    if let Some(keywords) = info.get("Keywords") {
        assert_eq!(
            xmp_value(&x, "pdf:Keywords").as_deref(),
            Some(xml_escape(keywords).as_str()),
            "{what}"
        );
    }
    assert_eq!(
        xmp_value(&x, "pdf:Producer").as_deref(),
        Some(info["Producer"].as_str()),
        "{what}"
    );
    assert_eq!(
        xmp_value(&x, "xmp:CreatorTool").as_deref(),
        Some(info["Creator"].as_str()),
        "{what}"
    );
    assert_eq!(
        xmp_value(&x, "xmp:CreateDate"),
        Some(pdf_date_as_xmp(&info["CreationDate"])),
        "{what}"
    );
    assert_eq!(
        xmp_value(&x, "xmp:ModifyDate"),
        Some(pdf_date_as_xmp(&info["ModDate"])),
        "{what}"
    );
}

fn is_pdfa(x: &str) -> bool {
    xmp_value(x, "pdfaid:part").as_deref() == Some("2")
        && xmp_value(x, "pdfaid:conformance").as_deref() == Some("B")
}

/// The PDF/A-2b requirements this project relies on (see docs/pdf.md for the list).
fn check_archive(bytes: &[u8], doc: &Document, what: &str) {
    check_common(bytes, doc, what);
    // The binary comment on the second line: transfer programs treat the file as binary.
    let second = bytes.split(|&b| b == b'\n').nth(1).unwrap();
    assert!(
        second.len() >= 5 && second[0] == b'%' && second[1..5].iter().all(|&b| b > 127),
        "{what}: binary comment"
    );
    assert!(is_pdfa(&xmp(doc)), "{what}: pdfaid part 2, conformance B");
    assert!(
        doc.trailer.get(b"Encrypt").is_err(),
        "{what}: not encrypted"
    );

    // The output intent: sRGB, with an embedded 3-component ICC profile.
    let cat = catalog(doc);
    let intents = deref(doc, cat.get(b"OutputIntents").expect("OutputIntents"))
        .as_array()
        .unwrap();
    assert_eq!(intents.len(), 1, "{what}");
    let intent = match deref(doc, &intents[0]) {
        Object::Dictionary(d) => d,
        o => panic!("{o:?}"),
    };
    assert_eq!(name(intent, "S"), Some(&b"GTS_PDFA1"[..]), "{what}");
    let profile_ref = intent.get(b"DestOutputProfile").unwrap();
    let profile_dict = dict(doc, intent, "DestOutputProfile").unwrap();
    assert_eq!(
        profile_dict.get(b"N").unwrap().as_i64().unwrap(),
        3,
        "{what}"
    );
    let icc = stream_bytes(doc, profile_ref);
    assert_eq!(
        u32::from_be_bytes(icc[0..4].try_into().unwrap()) as usize,
        icc.len(),
        "{what}: ICC size field"
    );
    assert_eq!(&icc[36..40], b"acsp", "{what}: ICC signature");
    assert_eq!(&icc[16..20], b"RGB ", "{what}: ICC colour space");
    assert_eq!(icc[8], 2, "{what}: ICC version 2");

    // Fonts: every font embedded, with a ToUnicode map; the program's kind matches the font's.
    let mut fonts = 0;
    for (_, o) in doc.objects.iter() {
        let Object::Dictionary(d) = o else { continue };
        if name(d, "Type") != Some(b"Font") {
            continue;
        }
        match name(d, "Subtype") {
            Some(b"Type0") => {
                fonts += 1;
                assert!(
                    d.get(b"ToUnicode").is_ok(),
                    "{what}: a font without ToUnicode"
                );
            }
            Some(b"CIDFontType2") => {
                assert_eq!(
                    name(d, "CIDToGIDMap"),
                    Some(&b"Identity"[..]),
                    "{what}: CIDToGIDMap"
                );
                let fd = dict(doc, d, "FontDescriptor").expect("a descriptor");
                assert!(
                    fd.get(b"FontFile2").is_ok(),
                    "{what}: TrueType not embedded"
                );
            }
            Some(b"CIDFontType0") => {
                let fd = dict(doc, d, "FontDescriptor").expect("a descriptor");
                let file = dict(doc, fd, "FontFile3").expect("CFF embedded as FontFile3");
                assert_eq!(name(file, "Subtype"), Some(&b"CIDFontType0C"[..]), "{what}");
            }
            other => panic!(
                "{what}: a font of subtype {:?}",
                other.map(String::from_utf8_lossy)
            ),
        }
    }
    assert!(fonts > 0, "{what}: no fonts");

    // Images: no CMYK; pages that paint with transparency are RGB transparency groups.
    let mut alpha_images = Vec::new();
    for (id, o) in doc.objects.iter() {
        let Object::Stream(s) = o else { continue };
        if name(&s.dict, "Subtype") != Some(b"Image") {
            continue;
        }
        assert_ne!(
            name(&s.dict, "ColorSpace"),
            Some(&b"DeviceCMYK"[..]),
            "{what}: a CMYK image"
        );
        if s.dict.get(b"SMask").is_ok() {
            alpha_images.push(*id);
        }
    }
    for (n, page_id) in doc.get_pages() {
        let page = doc.get_dictionary(page_id).unwrap();
        let content = String::from_utf8_lossy(&doc.get_page_content(page_id)).into_owned();
        let resources = dict(doc, page, "Resources").expect("resources");
        let xobjects = dict(doc, resources, "XObject");
        let uses_alpha = xobjects.is_some_and(|x| {
            x.iter().any(|(k, v)| {
                let drawn = content.contains(&format!("/{} Do", String::from_utf8_lossy(k)));
                drawn && alpha_images.contains(&v.as_reference().unwrap())
            })
        });
        let multiplies = content.contains(" gs");
        if uses_alpha || multiplies {
            let group = dict(doc, page, "Group")
                .unwrap_or_else(|| panic!("{what}: page {n} paints with transparency, no /Group"));
            assert_eq!(name(group, "S"), Some(&b"Transparency"[..]), "{what}");
            assert_eq!(name(group, "CS"), Some(&b"DeviceRGB"[..]), "{what}");
        }
    }
    qpdf_check(bytes, what);
}

/// `qpdf --check` (when qpdf is installed: CI installs it) finds nothing wrong.
fn qpdf_check(bytes: &[u8], what: &str) {
    let dir = temp_dir(&format!(
        "pdf-archive-qpdf-{}",
        what.replace(['/', '.'], "-")
    ));
    let path = dir.join("check.pdf");
    std::fs::write(&path, bytes).unwrap();
    let Ok(out) = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
    else {
        eprintln!("qpdf not installed: skipping its check of {what}");
        return;
    };
    let report = String::from_utf8_lossy(&out.stdout).into_owned() + &stderr(&out);
    assert!(out.status.success(), "{what}: qpdf --check: {report}");
    assert!(
        !report.contains("WARNING"),
        "{what}: qpdf --check: {report}"
    );
    assert!(
        report.contains("No syntax or stream encoding errors"),
        "{what}: {report}"
    );
}

#[test]
fn every_sample_as_pdfa_meets_the_checked_rules_and_is_deterministic() {
    let dir = temp_dir("pdf-archive-samples");
    let samples = support::samples();
    assert!(samples.len() > 10, "{samples:?}");
    for sample in &samples {
        let stem = sample.file_stem().unwrap().to_string_lossy().into_owned();
        let out = dir.join(format!("{stem}.pdf"));
        let run = render(sample, &out, &["--pdfa"]);
        assert!(run.status.success(), "{stem}: {}", stderr(&run));
        let (bytes, doc) = load(&out);
        check_archive(&bytes, &doc, &stem);
        if stem == "cqa-2020-03-10" || stem == "gongwen-seal-2020-08" {
            let again = dir.join(format!("{stem}-again.pdf"));
            assert!(render(sample, &again, &["--pdfa"]).status.success());
            assert!(
                bytes == std::fs::read(&again).unwrap(),
                "{stem}: not deterministic"
            );
        }
    }
}

#[test]
fn an_ordinary_pdf_has_xmp_and_language_but_no_pdfa_claims() {
    let dir = temp_dir("pdf-archive-plain");
    let out = dir.join("seed.pdf");
    let run = render(&root().join("samples/cqa-2020-03-10.toml"), &out, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let (bytes, doc) = load(&out);
    check_common(&bytes, &doc, "seed");
    assert!(!is_pdfa(&xmp(&doc)));
    assert!(catalog(&doc).get(b"OutputIntents").is_err());
}

const LAYOUT_BODY: &str = "[[blocks]]\ntext = \"归档用的简报。\"\n";

fn definition(layout: &str) -> String {
    format!(
        "layout = \"{layout}\"\n[bulletin]\npublisher = \"测试编印单位\"\ndate = 2024-05-01\n\n[[blocks]]\ntitle = \"归档\"\n\n{LAYOUT_BODY}"
    )
}

#[test]
fn the_layout_asks_for_pdfa_and_the_flag_wins_over_none() {
    let dir = temp_dir("pdf-archive-layout");
    std::fs::write(
        dir.join("archive.toml"),
        "extends = \"newsletter\"\n[pdf]\nstandard = \"a-2b\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("plain.toml"),
        "extends = \"newsletter\"\n[pdf]\nstandard = \"none\"\n",
    )
    .unwrap();
    let cases = [
        ("archive.toml", &[][..], true),
        ("plain.toml", &[][..], false),
        ("plain.toml", &["--pdfa"][..], true),
    ];
    for (n, (layout, extra, want)) in cases.iter().enumerate() {
        let def = dir.join(format!("b{n}.toml"));
        std::fs::write(&def, definition(layout)).unwrap();
        let out = dir.join(format!("b{n}.pdf"));
        let run = render(&def, &out, extra);
        assert!(run.status.success(), "{layout}: {}", stderr(&run));
        let (bytes, doc) = load(&out);
        assert_eq!(is_pdfa(&xmp(&doc)), *want, "{layout} {extra:?}");
        if *want {
            check_archive(&bytes, &doc, &format!("layout-{n}"));
        }
    }
}

#[test]
fn an_unknown_standard_is_refused_where_it_is_written() {
    let dir = temp_dir("pdf-archive-bad-standard");
    std::fs::write(
        dir.join("bad.toml"),
        "extends = \"newsletter\"\n[pdf]\nstandard = \"a-3u\"\n",
    )
    .unwrap();
    let def = dir.join("b.toml");
    std::fs::write(&def, definition("bad.toml")).unwrap();
    let run = render(&def, &dir.join("b.pdf"), &[]);
    let err = stderr(&run);
    assert!(!run.status.success());
    assert!(err.contains("bad.toml:3"), "{err}");
    assert!(err.contains("a-3u"), "{err}");
}

/// A valid 8×8 baseline JPEG with four components (CMYK, Adobe marker), every pixel at the
/// middle value: one MCU whose blocks each code "DC difference 0, end of block".
fn cmyk_jpeg() -> Vec<u8> {
    let mut j = vec![0xFF, 0xD8];
    // APP14 Adobe, transform 0 (CMYK stored as is).
    j.extend_from_slice(&[0xFF, 0xEE, 0, 14]);
    j.extend_from_slice(b"Adobe");
    j.extend_from_slice(&[0, 100, 0, 0, 0, 0, 0]);
    // One quantisation table, all ones.
    j.extend_from_slice(&[0xFF, 0xDB, 0, 67, 0]);
    j.extend_from_slice(&[1; 64]);
    // Frame: 8 bits, 8×8, four components sampled 1×1, table 0.
    j.extend_from_slice(&[0xFF, 0xC0, 0, 20, 8, 0, 8, 0, 8, 4]);
    for c in 1..=4 {
        j.extend_from_slice(&[c, 0x11, 0]);
    }
    // Huffman tables: DC 0 and AC 0, each one code of length 1 (DC: category 0; AC: EOB).
    for class in [0x00, 0x10] {
        j.extend_from_slice(&[0xFF, 0xC4, 0, 20, class, 1]);
        j.extend_from_slice(&[0; 15]);
        j.push(0);
    }
    // Scan: four components, tables 0/0.
    j.extend_from_slice(&[0xFF, 0xDA, 0, 14, 4]);
    for c in 1..=4 {
        j.extend_from_slice(&[c, 0x00]);
    }
    j.extend_from_slice(&[0, 63, 0]);
    // Four blocks × ("0" DC, "0" EOB) = eight zero bits.
    j.push(0x00);
    j.extend_from_slice(&[0xFF, 0xD9]);
    j
}

#[test]
fn a_cmyk_image_is_refused_under_pdfa_naming_its_file() {
    let dir = temp_dir("pdf-archive-cmyk");
    std::fs::write(dir.join("press.jpg"), cmyk_jpeg()).unwrap();
    let text = "layout = \"newsletter\"\n[bulletin]\npublisher = \"测试编印单位\"\ndate = 2024-05-01\n\n[[blocks]]\ntitle = \"印刷稿\"\n\n[[blocks]]\nfigure = \"press.jpg\"\ncaption = \"印刷用图\"\n";
    let def = dir.join("cmyk.toml");
    std::fs::write(&def, text).unwrap();
    // An ordinary PDF takes it (as DeviceCMYK).
    let plain = render(&def, &dir.join("plain.pdf"), &[]);
    assert!(plain.status.success(), "{}", stderr(&plain));
    let (_, doc) = load(&dir.join("plain.pdf"));
    assert!(doc.objects.values().any(|o| matches!(o, Object::Stream(s)
        if name(&s.dict, "ColorSpace") == Some(b"DeviceCMYK"))));
    // PDF/A refuses it and says which file, in both languages; nothing is written.
    let out = dir.join("archive.pdf");
    let run = render(&def, &out, &["--pdfa"]);
    let err = stderr(&run);
    assert!(!run.status.success(), "{err}");
    assert!(err.contains("press.jpg"), "{err}");
    assert!(err.contains("CMYK"), "{err}");
    assert!(!out.exists());
    let zh = support::jianbao()
        .env("JIANBAO_LANG", "zh")
        .args(["render", "--pdfa", "-o"])
        .arg(&out)
        .arg(&def)
        .output()
        .unwrap();
    assert!(
        stderr(&zh).contains("不能放入 CMYK 图片"),
        "{}",
        stderr(&zh)
    );
}

#[test]
fn a_merged_print_run_repeats_pages_without_repainting_them() {
    // Two copies of a two-page bulletin: four pages, two content streams.
    let dir = temp_dir("pdf-archive-merge");
    let def = dir.join("two.toml");
    std::fs::write(&def, support::paged_definition("合订", 2, "")).unwrap();
    let run = support::jianbao()
        .arg("batch")
        .arg(&def)
        .arg("-o")
        .arg(dir.join("out"))
        .arg("--merge")
        .arg(dir.join("run.pdf"))
        .arg("--copies=2")
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let (bytes, doc) = load(&dir.join("run.pdf"));
    check_common(&bytes, &doc, "merged");
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 4);
    let contents: Vec<_> = pages
        .values()
        .map(|&p| {
            doc.get_dictionary(p)
                .unwrap()
                .get(b"Contents")
                .unwrap()
                .as_reference()
                .unwrap()
        })
        .collect();
    assert_eq!(contents[0], contents[2]);
    assert_eq!(contents[1], contents[3]);
    assert_ne!(contents[0], contents[1]);
}
