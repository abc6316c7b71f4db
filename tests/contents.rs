//! Tables of contents (本期要目), checked from the PDF: every entry's page number is the page
//! its title is on — also when the table's own length pushes the titles to later pages —,
//! numbers flush with the right edge, leader dots in columns; in a 简报 and in a 公文
//! attachment.

mod support;

use support::pdf_inspect::{inspect_file, PdfInfo, TextLine};
use support::*;

/// An entry as printed: the text before the leaders, and the page number after them.
#[derive(Debug)]
struct Entry {
    title: String,
    number: u32,
    line: TextLine,
}

/// The entry lines of every page: lines that end in leader dots and a number.
fn entries(info: &PdfInfo) -> Vec<Entry> {
    let mut out = Vec::new();
    for page in &info.pages {
        for line in page.lines() {
            let text = squeeze(&line.text());
            let digits = text.len() - text.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            let before = &text[..text.len() - digits];
            if digits == 0 || !before.ends_with("...") {
                continue;
            }
            out.push(Entry {
                title: before.trim_end_matches('.').to_string(),
                number: text[text.len() - digits..].parse().unwrap(),
                line,
            });
        }
    }
    out
}

/// The printed number of the page (counted from `first`) where a line starting with `title`
/// is, not counting the table's own entries.
fn page_of(info: &PdfInfo, title: &str, first: u32) -> u32 {
    let pages: Vec<usize> = info
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.lines().iter().any(|l| {
                let t = squeeze(&l.text());
                t.starts_with(title) && !t.contains("...")
            })
        })
        .map(|(i, _)| i)
        .collect();
    assert_eq!(pages.len(), 1, "`{title}` on pages {pages:?}");
    first + pages[0] as u32
}

#[test]
fn the_sample_lists_every_title_on_its_page() {
    let dir = temp_dir("contents-sample");
    let out = dir.join("contents.pdf");
    let run = render(
        &root().join("samples/contents-jianbao-2020-05.toml"),
        &out,
        &["-q"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let info = inspect_file(&out);
    assert!(info.pages.len() >= 2, "{} pages", info.pages.len());
    let listed = entries(&info);
    // Four titles and their eight level-1 headings.
    assert_eq!(listed.len(), 12, "{listed:?}");
    for e in &listed {
        assert_eq!(e.number, page_of(&info, &e.title, 1), "{}", e.title);
    }
    assert!(listed.iter().any(|e| e.number > 1), "{listed:?}");
    // Numbers flush right on the measure (newsletter's 25.9 mm margins on A4).
    let right = (210.0 - 25.9) / 25.4 * 72.0;
    for e in &listed {
        assert!(
            (e.line.right() - right).abs() < 0.5,
            "{}: {}",
            e.title,
            e.line.right()
        );
    }
    // The leader dots of every entry sit in the same columns.
    let dots: Vec<f64> = listed
        .iter()
        .flat_map(|e| e.line.glyphs.iter().filter(|g| g.text == ".").map(|g| g.x))
        .collect();
    let pitch = listed[0]
        .line
        .glyphs
        .iter()
        .find(|g| g.text == ".")
        .unwrap()
        .advance;
    for x in &dots {
        let k = (x - dots[0]) / pitch;
        assert!(
            (k - k.round()).abs() < 0.01,
            "dot at {x} off the column grid of {pitch}"
        );
    }
}

/// A5, 10 lines of 20 characters (as in tests/pagination.rs).
const SMALL: &str = r#"
extends = "newsletter"
[page]
size = "A5"
top = "20mm"
bottom = "119.4mm"
left = "24.6mm"
right = "24.6mm"
[body]
size = "14pt"
line-pitch = "20pt"
[title]
size = "14pt"
line-pitch = "20pt"
space-before = "0pt"
space-after = "0pt"
[contents]
size = "14pt"
line-pitch = "20pt"
space-after = "0pt"
[contents-entry]
size = "14pt"
line-pitch = "20pt"
[header]
left = ""
right = ""
rule = "0pt"
"#;

fn small(name: &str, contents: bool, first_page: u32) -> (PdfInfo, String) {
    let dir = temp_dir(name);
    std::fs::write(dir.join("small.toml"), SMALL).unwrap();
    let mut blocks = String::new();
    if contents {
        blocks.push_str("[[blocks]]\ncontents = \"本期要目\"\n");
    }
    for k in 1..=8 {
        blocks.push_str(&format!(
            "[[blocks]]\ntitle = \"第{k}篇文章的标题\"\n[[blocks]]\ntext = \"第{k}篇文章的正文只有一行。\"\n"
        ));
    }
    render_in(
        &dir,
        format!("layout = \"small.toml\"\n[bulletin]\npublisher = \"测试\"\ndate = 2024-01-02\nfirst-page = {first_page}\n{blocks}"),
    )
}

/// Renders the definition `text` in `dir`; the PDF read back and the messages.
fn render_in(dir: &std::path::Path, text: String) -> (PdfInfo, String) {
    let def = dir.join("doc.toml");
    std::fs::write(&def, text).unwrap();
    let out = dir.join("doc.pdf");
    let run = render(&def, &out, &["-q"]);
    assert!(run.status.success(), "{}", stderr(&run));
    (inspect_file(&out), stderr(&run))
}

#[test]
fn numbers_follow_the_titles_the_table_pushes_down() {
    // Eight one-line articles: two lines each, five to a page. The table (a heading and eight
    // entries) fills page 1 by itself and pushes every title over.
    let (without, _) = small("contents-without", false, 9);
    let (with, warnings) = small("contents-with", true, 9);
    assert!(!warnings.contains("did not settle"), "{warnings}");
    let listed = entries(&with);
    assert_eq!(listed.len(), 8, "{listed:?}");
    let mut pushed = false;
    for e in &listed {
        let actual = page_of(&with, &e.title, 9);
        assert_eq!(e.number, actual, "{}", e.title);
        pushed |= actual > page_of(&without, &e.title, 9);
    }
    assert!(pushed, "the table moved no title");
    // First pages 9 and 10: numbers of one and two digits, each flush right.
    assert!(listed.iter().any(|e| e.number >= 10), "{listed:?}");
    let right = (148.0 - 24.6) / 25.4 * 72.0;
    for e in &listed {
        assert!((e.line.right() - right).abs() < 0.5, "{e:?}");
    }
}

#[test]
fn a_contents_block_in_a_gongwen_attachment_lists_its_headings() {
    let dir = temp_dir("contents-gongwen");
    let para = "各单位要结合实际，认真组织实施，确保各项措施落到实处，取得实效。".repeat(6);
    let mut blocks = String::from(
        "[[blocks]]\ntitle = \"关于印发质量提升行动方案的通知\"\n[[blocks]]\ntext = \"现将方案印发给你们，请认真贯彻执行。\"\n[[blocks]]\nattachment = \"附件\"\n[[blocks]]\ntitle = \"质量提升行动方案\"\n[[blocks]]\ncontents = \"目　录\"\nheadings = 1\n",
    );
    for h in ["总体要求", "重点任务", "保障措施", "组织实施"] {
        blocks.push_str(&format!(
            "[[blocks]]\nheading = \"{h}\"\n[[blocks]]\ntext = \"\"\"\n{para}\n\n{para}\n\"\"\"\n"
        ));
    }
    let (info, _) = render_in(
        &dir,
        format!("layout = \"gongwen\"\n[bulletin]\npublisher = \"测试\"\ndate = 2024-01-02\nsignature = \"测试单位\"\n{blocks}"),
    );
    let listed = entries(&info);
    let titles: Vec<&str> = listed.iter().map(|e| e.title.as_str()).collect();
    // The headings after the table (numbered 一、…), not the attachment's title above it.
    assert_eq!(
        titles,
        [
            "一、总体要求",
            "二、重点任务",
            "三、保障措施",
            "四、组织实施"
        ]
    );
    for e in &listed {
        assert_eq!(e.number, page_of(&info, &e.title, 1), "{}", e.title);
    }
    assert!(
        listed.last().unwrap().number > listed[0].number,
        "{listed:?}"
    );
}

#[test]
fn bad_contents_keys_are_located() {
    let dir = temp_dir("contents-bad");
    let def = dir.join("bad.toml");
    let head = "layout = \"newsletter\"\n[bulletin]\npublisher = \"测试\"\ndate = 2024-01-02\n";
    for (blocks, message, line) in [
        (
            "[[blocks]]\ncontents = \"本期要目\"\nheadings = 5\n",
            "0 to 4",
            7,
        ),
        (
            "[[blocks]]\ntext = \"正文\"\nheadings = 1\n",
            "`headings` only applies to a `contents` block",
            7,
        ),
    ] {
        std::fs::write(&def, format!("{head}{blocks}")).unwrap();
        let run = render(&def, &dir.join("bad.pdf"), &["-q"]);
        assert!(!run.status.success());
        let err = stderr(&run);
        assert!(err.contains(message), "{err}");
        assert!(err.contains(&format!("bad.toml:{line}")), "{err}");
    }
}

/// An entry keeps its title's marks: the bold word of a title is bold in the contents too, in
/// the newsletter's bold face, and the words around it are not.
#[test]
fn entries_keep_the_marks_of_their_titles() {
    let dir = temp_dir("contents-marks");
    let (info, _) = render_in(
        &dir,
        "layout = \"newsletter\"\n[bulletin]\npublisher = \"测试\"\ndate = 2024-01-02\n[[blocks]]\ncontents = \"本期要目\"\n[[blocks]]\ntitle = \"推进**质量强国**建设\"\n[[blocks]]\ntext = \"正文。\"\n".to_string(),
    );
    let entry = entries(&info)
        .into_iter()
        .find(|e| e.title.contains("质量强国"))
        .expect("the entry is printed");
    let glyph = |c: &str| {
        entry
            .line
            .glyphs
            .iter()
            .find(|g| g.text == c)
            .unwrap_or_else(|| panic!("{c} in the entry"))
            .clone()
    };
    assert!(glyph("强").font.contains("Bold"), "{:?}", glyph("强"));
    assert!(!glyph("推").font.contains("Bold"), "{:?}", glyph("推"));
}
