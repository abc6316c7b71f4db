//! `jianbao import`: the sample article in Markdown and as a .docx written by LibreOffice
//! (samples/articles/make-docx.sh) become the same blocks — text equal, headings at their
//! levels, the picture present as a figure with its caption — and render.

mod support;

use std::path::Path;
use support::{jianbao, render, stderr, temp_dir};

fn import(article: &Path, args: &[&str]) -> std::process::Output {
    jianbao()
        .arg("import")
        .arg(article)
        .args(args)
        .output()
        .unwrap()
}

fn article(name: &str) -> std::path::PathBuf {
    support::root().join("samples/articles").join(name)
}

/// The blocks of a definition as `kind: text` lines (a text block's paragraphs one by one).
fn blocks(def: &Path) -> Vec<String> {
    let table: toml::Table = toml::from_str(&std::fs::read_to_string(def).unwrap()).unwrap();
    let mut out = Vec::new();
    for b in table["blocks"].as_array().unwrap() {
        let b = b.as_table().unwrap();
        let s = |k: &str| b.get(k).and_then(|v| v.as_str()).map(str::to_string);
        if let Some(t) = s("title") {
            out.push(format!("title: {t}"));
        } else if let Some(h) = s("heading") {
            let level = b.get("level").and_then(|l| l.as_integer()).unwrap_or(1);
            out.push(format!("heading{level}: {h}"));
        } else if let Some(t) = s("text") {
            out.extend(t.split("\n\n").map(|p| format!("text: {}", p.trim())));
        } else if let Some(items) = b.get("list").and_then(|l| l.as_array()) {
            let items: Vec<String> = items
                .iter()
                .map(|i| match i {
                    toml::Value::Array(nested) => {
                        let nested: Vec<&str> = nested.iter().filter_map(|n| n.as_str()).collect();
                        format!("[{}]", nested.join(" / "))
                    }
                    other => other.as_str().unwrap_or_default().to_string(),
                })
                .collect();
            let numbering = s("numbering").map(|n| format!(" {n}")).unwrap_or_default();
            out.push(format!("list{numbering}: {}", items.join(" | ")));
        } else if let Some(f) = s("figure") {
            out.push(format!(
                "figure: {f} / {}",
                s("caption").unwrap_or_default()
            ));
        }
    }
    out
}

#[test]
fn markdown_and_docx_round_trip_to_the_same_blocks() {
    let dir = temp_dir("input-import");
    let expected = [
        "title: 齐心协力抗疫情，质协系统勇担当",
        "heading1: 全面统筹，倡议疫情防控",
        "text: 疫情发生之后，吉林质协第一时间向会员单位发出倡议，要求各会员单位切实提高政治站位，认清肩负的责任使命，**把疫情防控作为当前压倒一切的政治任务**。",
        "text: 针对疫情防控的关键环节，各会员单位牢固树立“全国一盘棋”的防控思想，守土有责、守土尽责，在做好各项防控工作的同时，有序开展工作、严格管控质量。",
        "figure: images/质协抗疫-1.png / 中通国脉为大连第六医院提供通信保障",
        "heading2: 中通国脉",
        "text: 中通国脉充分发挥党员、团员的模范带头作用，组织成立了多支疫情防控应急突击队，{em:随时准备}承担通信领域可能面临的急、难、险、重任务。",
        "heading1: 积极行动，彰显责任担当",
        "text: 面对疫情，各会员单位立足行业领域、发挥自身优势，积极助力打赢疫情防控阻击战。",
    ];
    for source in ["质协抗疫.md", "质协抗疫.docx"] {
        let def = dir.join(format!("{source}.toml"));
        let out = import(&article(source), &["-o", def.to_str().unwrap()]);
        assert!(out.status.success(), "{source}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("1 title(s), 3 heading(s), 4 paragraph(s), 1 figure(s)"),
            "{}",
            stderr(&out)
        );
        assert_eq!(blocks(&def), expected, "{source}");
        let image = std::fs::read(dir.join("images/质协抗疫-1.png")).unwrap();
        assert!(image.starts_with(b"\x89PNG"), "{source}");
        // It renders (the publisher placeholder is a warning), with the picture in the PDF.
        let pdf = def.with_extension("pdf");
        let out = render(&def, &pdf, &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("`（编印单位）` is a placeholder"),
            "{}",
            stderr(&out)
        );
        let info = support::pdf_inspect::inspect_file(&pdf);
        assert_eq!(info.image_xobjects.len(), 1, "{source}");
        let text: String = info
            .pages
            .iter()
            .map(|p| support::squeeze(&p.text()))
            .collect();
        assert!(
            text.contains("图1中通国脉为大连第六医院提供通信保障"),
            "{text}"
        );
        assert!(text.contains("随时准备承担通信领域"), "{text}");
        // Importing again over it needs --force.
        let out = import(&article(source), &["-o", def.to_str().unwrap()]);
        support::assert_fails(&out, 1, "add --force");
    }
}

#[test]
fn an_article_is_appended_to_an_existing_definition() {
    let dir = temp_dir("input-import-append");
    let def = dir.join("issue.toml");
    let head = "# 本期\nlayout = \"newsletter\" # 版式\n[bulletin]\npublisher = \"中国质量协会宣传部\"\ndate = 2020-03-10\n\n[[blocks]]\ntitle = \"第一篇\"\n[[blocks]]\ntext = \"已有正文。\"\n";
    std::fs::write(&def, head).unwrap();
    let out = import(
        &article("质协抗疫.md"),
        &["--append-to", def.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&def).unwrap();
    assert!(
        text.starts_with(head),
        "the definition is kept as it was: {text}"
    );
    let b = blocks(&def);
    assert_eq!(b[0], "title: 第一篇");
    assert_eq!(b[2], "title: 齐心协力抗疫情，质协系统勇担当");
    let out = render(&def, &dir.join("issue.pdf"), &["--strict"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn what_cannot_be_imported_is_refused_clearly() {
    let dir = temp_dir("input-import-bad");
    let doc = dir.join("old.doc");
    std::fs::write(&doc, b"\xD0\xCF\x11\xE0").unwrap();
    support::assert_fails(&import(&doc, &[]), 1, "save it as .docx");
    let fake = dir.join("fake.docx");
    std::fs::write(&fake, b"PK not really").unwrap();
    support::assert_fails(&import(&fake, &[]), 1, "not a Word document (.docx)");
    // An old .doc renamed, or a password-protected .docx (an OLE container, as a .doc is): said
    // as such, not as a broken zip archive ("Could not find EOCD").
    let locked = dir.join("locked.docx");
    std::fs::write(&locked, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0").unwrap();
    support::assert_fails(&import(&locked, &[]), 1, "or a password-protected document");
    // A .docx under a .doc name (as WPS and web systems save them) is read for what it is.
    let named_doc = dir.join("named.doc");
    std::fs::copy(article("送审稿.docx"), &named_doc).unwrap();
    let out = import(&named_doc, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(blocks(&dir.join("named.toml"))[0] == "title: 协会开展质量月活动");
}

/// A picture shown several times is read once and saved once: every figure it becomes names
/// the same file (a Word file showing one 150 MB picture forty times used to take 6.8 GB of
/// memory and write forty copies).
#[test]
fn a_picture_shown_again_is_saved_once() {
    let dir = temp_dir("input-import-shared");
    for f in ["fig2.png", "fig4.png"] {
        std::fs::copy(
            support::root().join("samples/cqa-2020-03-10").join(f),
            dir.join(f),
        )
        .unwrap();
    }
    let md = dir.join("a.md");
    std::fs::write(
        &md,
        "甲\n\n![](fig2.png)\n\n乙\n\n![](fig4.png)\n\n丙\n\n![](fig2.png)\n\n![](fig2.png)\n",
    )
    .unwrap();
    let out = import(&md, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let def = dir.join("a.toml");
    let figures: Vec<String> = blocks(&def)
        .into_iter()
        .filter(|b| b.starts_with("figure"))
        .collect();
    let (first, second) = ("images/a-1.png", "images/a-2.png");
    assert_eq!(
        figures,
        [first, second, first, first].map(|p| format!("figure: {p} / "))
    );
    let mut saved: Vec<String> = std::fs::read_dir(dir.join("images"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    saved.sort();
    assert_eq!(saved, ["a-1.png", "a-2.png"]);
    assert_eq!(
        std::fs::read(dir.join(first)).unwrap(),
        std::fs::read(dir.join("fig2.png")).unwrap()
    );
    let out = render(&def, &dir.join("a.pdf"), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// An import that would make a definition larger than render reads (64 MB) is refused, and
/// the definition is left as it was: before, a 350 KB .docx became an 81 MB definition that
/// render then refused.
#[test]
fn a_definition_too_large_to_render_is_not_written() {
    let dir = temp_dir("input-import-too-large");
    let def = dir.join("d.toml");
    let head = "layout = \"newsletter\"\n[bulletin]\npublisher = \"中国质量协会宣传部\"\ndate = 2020-03-10\n";
    let mut text = String::from(head);
    // A comment fills the file to just under the limit.
    text.push('#');
    text.push_str(&"x".repeat(64 * 1024 * 1024 - head.len() - 100));
    text.push('\n');
    std::fs::write(&def, &text).unwrap();
    let md = dir.join("a.md");
    std::fs::write(&md, "甲乙丙丁。".repeat(40)).unwrap();
    let out = import(&md, &["--append-to", def.to_str().unwrap()]);
    support::assert_fails(&out, 1, "more than the 64 MB a definition may have");
    assert!(std::fs::read(&def).unwrap() == text.as_bytes());
}

/// Bold, italic, underline, superscript and subscript become inline markup, characters the
/// markup would read are escaped, and numbered and bulleted lists (one nested) become list
/// blocks — from Markdown and from a .docx written by LibreOffice (run properties, `w:position`
/// for <sup>/<sub>, numbering.xml) alike; the definition renders with the marks in the PDF.
#[test]
fn inline_marks_and_lists_become_markup_and_list_blocks() {
    let dir = temp_dir("input-import-marks");
    let expected = [
        "title: 关于开展质量月活动的通知",
        "heading1: 活动安排",
        "text: 各单位要**高度重视**，{em:认真组织}，把{u:质量提升}落到实处。示范田亩产达到 600 kg，用水量降至 5 m{sup:3}，H{sub:2}O 检测合格率 99.5%{sup:①}。",
        "text: 算式 5\\*3=15、记号 \\{x\\} 和路径 C:\\文件\\新建 原样保留。",
        "list: 制定活动方案。 | 开展**质量诊断**： | [组织专家现场指导。 / 推广先进质量方法。] | 总结推广经验。",
        "list •: 活动口号征集。 | 质量知识竞赛。",
        "heading1: 各地情况",
    ];
    for source in ["格式示例.md", "格式示例.docx"] {
        let def = dir.join(format!("{source}.toml"));
        let out = import(&article(source), &["-o", def.to_str().unwrap()]);
        assert!(out.status.success(), "{source}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("2 paragraph(s), 0 figure(s), 2 list(s)"),
            "{}",
            stderr(&out)
        );
        assert_eq!(blocks(&def), expected, "{source}");
        let pdf = def.with_extension("pdf");
        let out = render(&def, &pdf, &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        let info = support::pdf_inspect::inspect_file(&pdf);
        let glyphs: Vec<_> = info.pages.iter().flat_map(|p| p.glyphs.clone()).collect();
        let text: String = glyphs.iter().map(|g| g.text.as_str()).collect();
        // Escaped characters print as themselves; the marks are drawn, not printed.
        assert!(
            text.contains("5*3=15、记号{x}和路径C:\\文件\\新建"),
            "{text}"
        );
        assert!(!text.contains("{sup:") && !text.contains("**"), "{text}");
        let at = text.find("m3").map(|b| text[..b].chars().count()).unwrap();
        assert!(
            glyphs[at + 1].size < glyphs[at].size * 0.7,
            "{:?}",
            &glyphs[at..at + 2]
        );
        let bold = text
            .find("高度重视")
            .map(|b| text[..b].chars().count())
            .unwrap();
        // The newsletter layout (import's default) has a bold face.
        assert!(glyphs[bold].font.contains("Bold"), "{:?}", glyphs[bold]);
        assert!(
            !glyphs[bold - 1].font.contains("Bold"),
            "{:?}",
            glyphs[bold - 1]
        );
    }
}

/// A table block as read back: each row's cells as `text` or `text/colspan/rowspan`, `header`
/// and `align`.
type TableBlock = (Vec<Vec<String>>, i64, Vec<String>);

/// The table block of an imported definition.
fn table_block(def: &Path) -> TableBlock {
    let table: toml::Table = toml::from_str(&std::fs::read_to_string(def).unwrap()).unwrap();
    let block = table["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|b| b.as_table().filter(|b| b.contains_key("table")))
        .expect("a table block");
    let rows = block["table"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            row.as_array()
                .unwrap()
                .iter()
                .map(|cell| match cell {
                    toml::Value::String(s) => s.clone(),
                    toml::Value::Table(t) => format!(
                        "{}/{}/{}",
                        t["text"].as_str().unwrap(),
                        t.get("colspan").and_then(|v| v.as_integer()).unwrap_or(1),
                        t.get("rowspan").and_then(|v| v.as_integer()).unwrap_or(1)
                    ),
                    other => panic!("{other:?}"),
                })
                .collect()
        })
        .collect();
    let header = block
        .get("header")
        .and_then(|h| h.as_integer())
        .unwrap_or(1);
    let align = block
        .get("align")
        .and_then(|a| a.as_array())
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
        .unwrap_or_default();
    (rows, header, align)
}

/// Tables come in as table blocks: Markdown's with its head as the header row and the
/// delimiter row's alignment; Word's (written by LibreOffice from HTML) with `gridSpan` as a
/// colspan, `vMerge` as a rowspan and its `w:tblHeader` rows as the header; bold and italic in
/// cells as markup. Both definitions render, the cells' text in the PDF with its marks.
#[test]
fn tables_become_table_blocks_with_spans_header_alignment_and_marks() {
    let dir = temp_dir("input-import-tables");
    let strings = |rows: &[&[&str]]| -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    };
    let cases: [(&str, TableBlock); 2] = [
        (
            "格式示例.md",
            (
                strings(&[
                    &["地区", "小组数", "**优秀**成果"],
                    &["北京", "1,204", "{em:35}"],
                    &["上海", "986", "28.5"],
                ]),
                1,
                vec!["left".into(), "center".into(), "right".into()],
            ),
        ),
        (
            "格式示例.docx",
            (
                strings(&[
                    &["地区/1/2", "小组数/2/1"],
                    &["2019年", "2020年"],
                    &["北京", "**1,204**", "{em:1,318}"],
                    &["上海", "986", "1,020"],
                ]),
                2,
                vec![],
            ),
        ),
    ];
    for (source, expected) in cases {
        let def = dir.join(format!("{source}.toml"));
        let out = import(&article(source), &["-o", def.to_str().unwrap()]);
        assert!(out.status.success(), "{source}: {}", stderr(&out));
        assert!(stderr(&out).contains("1 table(s)"), "{}", stderr(&out));
        assert_eq!(table_block(&def), expected, "{source}");
        let pdf = def.with_extension("pdf");
        let out = render(&def, &pdf, &[]);
        assert!(out.status.success(), "{source}: {}", stderr(&out));
        let info = support::pdf_inspect::inspect_file(&pdf);
        let glyphs: Vec<_> = info.pages.iter().flat_map(|p| p.glyphs.clone()).collect();
        let text: String = glyphs.iter().map(|g| g.text.as_str()).collect();
        for cell in ["地区", "小组数", "北京", "上海", "986"] {
            assert!(text.contains(cell), "{source}: {cell} not in {text}");
        }
        assert!(!text.contains("**") && !text.contains("{em:"), "{text}");
        // The bold cell is set in the bold face, its neighbours not.
        let bold = if source.ends_with(".md") {
            "优秀"
        } else {
            "1,204"
        };
        let at = text.find(bold).map(|b| text[..b].chars().count()).unwrap();
        assert!(
            glyphs[at].font.contains("Bold"),
            "{source}: {:?}",
            glyphs[at]
        );
        let plain = text
            .find("上海")
            .map(|b| text[..b].chars().count())
            .unwrap();
        assert!(!glyphs[plain].font.contains("Bold"), "{:?}", glyphs[plain]);
    }
}

/// Word's special characters that are elements, not text: the non-breaking hyphen (Ctrl+Shift+-,
/// which was dropped: 010‑12345678 read 01012345678), the optional hyphen, and Insert → Symbol.
/// A symbol with a Unicode code is kept; a symbol font's own code (Wingdings F0FC) is reported
/// with its place, not guessed. The non-breaking hyphen renders without a warning (no bundled
/// font has U+2011: the hyphen-minus draws it) and copies as itself. A footnote's mark, whose
/// note is not imported, is reported where it was.
#[test]
fn word_hyphens_and_symbols_are_kept_or_reported() {
    use std::io::Write;
    let dir = temp_dir("input-import-symbols");
    let docx = dir.join("s.docx");
    let body = "<w:p><w:r><w:t>电话010</w:t></w:r><w:r><w:noBreakHyphen/><w:t>12345678，\
                opti</w:t><w:softHyphen/><w:t>mal </w:t>\
                <w:sym w:font=\"Segoe UI Symbol\" w:char=\"2713\"/><w:t>已完成</w:t>\
                <w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/></w:r></w:p>\
                <w:p><w:r><w:t>据统计</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r>\
                <w:r><w:t>。</w:t></w:r></w:p>";
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&docx).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
    let out = import(&docx, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("Wingdings") && err.contains("F0FC") && err.contains("已完成"),
        "{err}"
    );
    assert!(
        err.contains("footnote") && err.contains("“据统计”"),
        "{err}"
    );
    let def = dir.join("s.toml");
    let text = blocks(&def).join("\n");
    assert!(text.contains("电话010\u{2011}12345678，"), "{text}");
    assert!(text.contains("opti\u{00AD}mal ✓已完成"), "{text}");
    let pdf = dir.join("s.pdf");
    let out = render(&def, &pdf, &["--ignore-system-fonts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("U+2011"), "{}", stderr(&out));
    if let Some(extracted) = support::pdf_inspect::pdftotext(&pdf) {
        let flat = support::squeeze(&extracted);
        assert!(flat.contains("电话010\u{2011}12345678，"), "{flat}");
    }
}

/// A draft back from review, as LibreOffice writes it in Word's format (samples/articles/
/// 送审稿.fodt → 送审稿.docx): the text box was imported twice (Word 2010's drawing and the
/// fallback for older readers) and split its paragraph in two; the deleted word was dropped
/// but nothing said the changes were pending; the hidden note was printed; the phonetic guide
/// was read into the text (`jiǎnbào简报`); the shape vanished without a word. Now the text is
/// the accepted text, each of these is a warning that says where, and the comment stays out.
#[test]
fn a_reviewed_draft_imports_as_accepted_with_each_change_reported() {
    let dir = temp_dir("input-import-reviewed");
    let def = dir.join("送审稿.toml");
    let out = import(&article("送审稿.docx"), &["-o", def.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        blocks(&def),
        [
            "title: 协会开展质量月活动",
            "text: 9月1日，协会启动质量月活动。各会员单位结合实际制定了活动方案，组织开展质量知识竞赛和现场观摩。",
            "text: 质量月主题：质量强国 标准引领。",
            "text: 本次活动共有来自全省的120家单位参加。",
            "text: 活动期间共发放宣传资料5000余份。",
            "text: 协会简报将持续报道。",
        ]
    );
    let err = stderr(&out);
    for expected in [
        "a text box “质量月主题：质量强国 标准引领。”",
        "tracked changes",
        "hidden text (Word's Font → Hidden, not printed) left out: “（待补充具体数据）”",
        "phonetic guide (ruby) “jiǎnbào” after “协会”",
        "a drawing (a chart, SmartArt, a shape, WordArt or a linked picture) after “协会简报将持续报道。”",
    ] {
        assert_eq!(err.matches(expected).count(), 1, "{expected}: {err}");
    }
    assert_eq!(err.matches("warning").count(), 5, "{err}");
    assert!(!err.contains("请核对"), "{err}");
}

/// Markdown as people write it for the web: a footnote, struck-through text, an HTML block and
/// `<br>`. The footnote's text was lost (CommonMark reads `[^1]: …` as a link definition) and
/// its mark printed as `^1`, the tildes printed, the HTML block dropped whole.
#[test]
fn markdown_footnotes_strikethrough_and_html_are_kept_or_reported() {
    let dir = temp_dir("input-import-md-web");
    let md = dir.join("web.md");
    std::fs::write(
        &md,
        "# 通知\n\n价格~~原价~~已调整[^1]。<br>详见附件。\n\n\
         <div align=\"center\">欢迎参加</div>\n\n[^1]: 自十月一日起执行。\n",
    )
    .unwrap();
    let out = import(&md, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        blocks(&dir.join("web.toml")),
        [
            "title: 通知",
            "text: 价格原价已调整。\u{2028}详见附件。",
            "text: 欢迎参加"
        ]
    );
    let err = stderr(&out);
    for expected in [
        "“原价”",
        "a footnote or endnote after “价格原价已调整”",
        "footnote [^1] “自十月一日起执行。”",
        "HTML in the article (`<div align=\"center\">欢迎参加</div>`)",
    ] {
        assert!(err.contains(expected), "{expected}: {err}");
    }
}

/// A Word file laid out in text boxes gives a warning a box: five of a kind are shown, the
/// rest counted in one line; `-v` shows them all.
#[test]
fn many_warnings_of_a_kind_are_counted_not_all_printed() {
    use std::io::Write;
    let dir = temp_dir("input-import-many-warnings");
    let docx = dir.join("boxes.docx");
    let boxes: String = (1..=8)
        .map(|n| {
            format!(
                "<w:p><w:r><w:t>第{n}段</w:t></w:r><w:r><w:pict><v:textbox><w:txbxContent>\
                 <w:p><w:r><w:t>框{n}</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict>\
                 </w:r></w:p>"
            )
        })
        .collect();
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:v=\"urn:schemas-microsoft-com:vml\"><w:body>{boxes}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&docx).unwrap());
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
    let out = import(&docx, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("a text box “").count(), 5, "{err}");
    assert!(
        err.contains("3 more warnings like these (docx_text_box); -v shows them all"),
        "{err}"
    );
    assert_eq!(blocks(&dir.join("boxes.toml")).len(), 16);
    let out = jianbao()
        .args(["-v", "import"])
        .arg(&docx)
        .arg("--force")
        .output()
        .unwrap();
    assert_eq!(stderr(&out).matches("a text box “").count(), 8);
}

/// A Word article given to `render` (or as a block's `text-file`) is named as what it is, with
/// `jianbao import` as the way in; it said "not UTF-8 text … save it as UTF-8".
#[test]
fn a_word_file_where_text_belongs_points_to_import() {
    let out = jianbao()
        .arg("render")
        .arg(article("送审稿.docx"))
        .arg("-o")
        .arg(temp_dir("input-import-render-docx").join("x.pdf"))
        .output()
        .unwrap();
    support::assert_fails(&out, 1, "a Word document (.docx) or another zip archive, not a text file: a Word article comes in with `jianbao import`");
}
