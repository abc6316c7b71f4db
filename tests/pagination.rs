//! Pagination, figures, overrides and font fallback, checked from the PDF.

mod support;

use std::path::{Path, PathBuf};
use support::pdf_inspect::{inspect_file, PdfInfo};
use support::*;

/// A small page (A5, 10 lines of 20 characters) so that page breaks are easy to provoke.
const LAYOUT: &str = r#"
extends = "newsletter"
description = "test: A5, 10 lines of 20 characters"
# 20 characters of 14 pt = 280 pt = 98.78 mm wide; 10 lines of 20 pt = 200 pt = 70.56 mm high.
[page]
size = "A5"
top = "20mm"
bottom = "119.4mm"
left = "24.6mm"
right = "24.6mm"
[body]
size = "14pt"
line-pitch = "20pt"
[heading]
size = "14pt"
line-pitch = "20pt"
space-before = "0pt"
[header]
left = ""
right = ""
rule = "0pt"
"#;

struct Case {
    dir: PathBuf,
}

impl Case {
    fn new(name: &str) -> Case {
        let dir = temp_dir(name);
        std::fs::write(dir.join("small.toml"), LAYOUT).unwrap();
        Case { dir }
    }

    /// Writes a definition with `blocks` and renders it; returns the inspected PDF and stderr.
    fn render(&self, extra_head: &str, blocks: &str) -> (PdfInfo, String) {
        let def = self.dir.join("doc.toml");
        let text = format!(
            "layout = \"small.toml\"\n[bulletin]\npublisher = \"测试\"\ndate = 2024-01-02\n{extra_head}\n{blocks}"
        );
        std::fs::write(&def, text).unwrap();
        let out = self.dir.join("doc.pdf");
        let run = render(&def, &out, &["-q"]);
        assert!(run.status.success(), "{}", stderr(&run));
        (inspect_file(&out), stderr(&run))
    }

    /// A PNG of the given pixel size.
    fn image(&self, name: &str, w: u32, h: u32) {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        img.save(self.dir.join(name)).unwrap();
    }
}

/// `n` one-line paragraphs.
fn filler(n: usize) -> String {
    (0..n)
        .map(|i| format!("[[blocks]]\ntext = \"第{i}段只有一行文字。\"\n"))
        .collect()
}

/// A paragraph of exactly `lines` lines of 20 characters (the first indented by two).
fn paragraph(tag: &str, lines: usize) -> String {
    let body: String = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严".chars().cycle().take(lines * 20 - 4).collect();
    format!("[[blocks]]\ntext = \"{tag}{body}。\"\n")
}

fn text_lines(info: &PdfInfo, page: usize) -> Vec<String> {
    // Without the footer (the last line, "-N-").
    let mut lines: Vec<String> = info.pages[page].lines().iter().map(|l| l.text()).collect();
    lines.pop();
    lines
}

#[test]
fn a_heading_is_kept_with_two_lines_of_what_follows() {
    let case = Case::new("keep");
    for n in 5..11 {
        let blocks = format!(
            "{}[[blocks]]\nheading = \"一、标题\"\n{}",
            filler(n),
            paragraph("甲", 4)
        );
        let (info, _) = case.render("", &blocks);
        let mut found = false;
        for p in 0..info.pages.len() {
            let lines = text_lines(&info, p);
            if let Some(i) = lines.iter().position(|l| l == "一、标题") {
                assert!(
                    lines.len() - i > 2,
                    "n={n}: heading followed by {:?}",
                    &lines[i + 1..]
                );
                found = true;
            }
        }
        assert!(found, "n={n}");
    }
}

#[test]
fn no_widows_or_orphans() {
    let case = Case::new("widows");
    for n in 5..11 {
        let blocks = format!("{}{}", filler(n), paragraph("乙", 5));
        let (info, _) = case.render("", &blocks);
        let pages: Vec<Vec<String>> = (0..info.pages.len())
            .map(|p| text_lines(&info, p))
            .collect();
        let all: Vec<String> = pages.concat();
        let first = all.iter().position(|l| l.starts_with('乙')).unwrap();
        let count = 5;
        // Where does the paragraph break across pages?
        let mut seen = 0;
        for lines in &pages {
            let mine = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| {
                    let k = all.iter().position(|a| a == *l).unwrap();
                    k >= first && k < first + count
                })
                .count();
            if mine > 0 && mine < count {
                assert!(
                    mine >= 2,
                    "n={n}: a page holds {mine} line(s) of a split paragraph: {pages:?}"
                );
            }
            seen += mine;
        }
        assert_eq!(seen, count);
    }
}

fn figure(path: &str, caption: &str) -> String {
    format!("[[blocks]]\nfigure = \"{path}\"\ncaption = \"{caption}\"\n")
}

/// Seven lines of filler, a figure too tall for the rest of page 1, then a paragraph 丙.
fn tall_figure_after_seven_lines(name: &str, overrides: &str) -> PdfInfo {
    let case = Case::new(name);
    case.image("tall.png", 400, 300);
    let blocks = format!(
        "{}{}{}",
        filler(7),
        figure("tall.png", "高图"),
        paragraph("丙", 2)
    );
    case.render(overrides, &blocks).0
}

#[test]
fn a_figure_that_does_not_fit_floats_and_text_fills_the_gap() {
    let info = tall_figure_after_seven_lines("float", "");
    // The paragraph after the figure is on page 1, below the filler; the figure tops page 2.
    assert!(
        text_lines(&info, 0).iter().any(|l| l.starts_with('丙')),
        "{:?}",
        text_lines(&info, 0)
    );
    assert!(info.pages[0].images.is_empty());
    let img = &info.pages[1].images[0];
    let top = info.pages[1].height - 20.0 / 25.4 * 72.0;
    assert!(
        (img.y + img.height - top).abs() < 0.5,
        "figure not at the top of page 2"
    );
    // Text that comes after the figure's page-1 paragraph fills page 1 to the bottom.
    assert_eq!(text_lines(&info, 0).len(), 9, "{:?}", text_lines(&info, 0));
    // The caption is right under it, on the same page.
    let caption = info.pages[1]
        .lines()
        .into_iter()
        .find(|l| l.text() == "图1高图")
        .expect("caption");
    assert!(caption.y < img.y && caption.y > img.y - 25.0);
}

#[test]
fn a_figure_placed_here_leaves_the_gap() {
    let info = tall_figure_after_seven_lines("here", "[overrides.figure]\nplacement = \"here\"");
    assert!(!text_lines(&info, 0).iter().any(|l| l.starts_with('丙')));
    let page2 = text_lines(&info, 1);
    assert_eq!(page2[0], "图1高图", "{page2:?}");
    assert!(page2[1].starts_with('丙'));
}

#[test]
fn a_figure_larger_than_the_text_block_is_scaled_down() {
    let case = Case::new("huge");
    case.image("huge.png", 200, 2000);
    let blocks = format!(
        "{}[[blocks]]\nfigure = \"huge.png\"\nwidth = \"100%\"\ncaption = \"很高\"\n",
        paragraph("丁", 1)
    );
    let (info, _) = case.render("", &blocks);
    let (p, img) = info
        .pages
        .iter()
        .enumerate()
        .find_map(|(p, page)| page.images.first().map(|i| (p, i.clone())))
        .unwrap();
    let block_h = 200.0;
    assert!(img.height < block_h, "{} ≥ {block_h}", img.height);
    assert!(
        (img.width / img.height - 0.1).abs() < 1e-3,
        "aspect changed"
    );
    let caption = info.pages[p]
        .lines()
        .into_iter()
        .find(|l| l.text() == "图1很高");
    assert!(caption.is_some(), "caption separated from its figure");
}

#[test]
fn an_image_used_twice_is_embedded_once() {
    let case = Case::new("twice");
    case.image("a.png", 64, 48);
    // The third names the same file another way.
    let blocks = format!(
        "{}{}{}",
        figure("a.png", "一"),
        figure("a.png", "二"),
        figure("./a.png", "三")
    );
    let (info, _) = case.render("", &blocks);
    let placed: usize = info.pages.iter().map(|p| p.images.len()).sum();
    assert_eq!(placed, 3);
    assert_eq!(info.image_xobjects.len(), 1);
}

#[test]
fn overrides_change_the_layout_for_one_issue() {
    let case = Case::new("override");
    let (info, _) = case.render("[overrides.body]\nsize = \"小四\"", &paragraph("戊", 1));
    let g = info.pages[0]
        .glyphs
        .iter()
        .find(|g| g.text == "戊")
        .unwrap();
    assert!((g.size - 12.0).abs() < 1e-6, "{}", g.size);
}

#[test]
fn characters_fall_back_through_the_chain_and_missing_ones_are_reported() {
    let case = Case::new("fallback");
    let head = "[overrides.fonts]\nfang = [\"FandolFang\", \"Noto Serif SC\"]\n[overrides.body]\nfont = \"fang\"\nlatin-font = [\"Noto Sans SC Bold\"]";
    let (info, err) = case.render(head, "[[blocks]]\ntext = \"朱镕基在2024年\\uE000访问。\"\n");
    let font_of = |t: &str| {
        info.pages[0]
            .glyphs
            .iter()
            .find(|g| g.text == t)
            .unwrap()
            .font
            .clone()
    };
    assert!(
        font_of("朱").ends_with("+FandolFang-Regular"),
        "{}",
        font_of("朱")
    );
    assert!(
        font_of("镕").ends_with("+NotoSerifSC-Regular"),
        "{}",
        font_of("镕")
    );
    assert!(
        font_of("2").ends_with("+NotoSansSC-Bold"),
        "{}",
        font_of("2")
    );
    // Not dropped: the private-use character is in the text layer, and reported with its place.
    assert!(info.pages[0].glyphs.iter().any(|g| g.text == "\u{E000}"));
    assert!(err.contains("U+E000") && err.contains("doc.toml:"), "{err}");
    assert!(
        err.contains("FandolFang-Regular") && err.contains("NotoSerifSC-Regular"),
        "{err}"
    );
}

#[test]
fn a_missing_font_is_a_located_error() {
    let case = Case::new("nofont");
    let def = case.dir.join("doc.toml");
    std::fs::write(
        &def,
        "layout = \"small.toml\"\n[bulletin]\npublisher = \"P\"\ndate = 2024-01-02\n[overrides.fonts]\nx = [\"No Such Font\"]\n",
    )
    .unwrap();
    let out = case.dir.join("doc.pdf");
    let run = render(&def, &out, &[]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains("doc.toml:6:5") && err.contains("No Such Font"),
        "{err}"
    );
    assert!(!Path::new(&out).exists());
}

#[test]
fn fonts_lists_each_font_once() {
    let out = jianbao().arg("fonts").output().unwrap();
    assert!(out.status.success());
    let list = String::from_utf8(out.stdout).unwrap();
    // One line per face, ending in its file; the bundled fonts are six files of one face each.
    // (They are built into the executable: `<built-in>/NAME`.)
    let faces: Vec<&str> = list.lines().filter(|l| l.contains("<built-in>/")).collect();
    assert_eq!(faces.len(), 6, "{list}");
    for file in ["NotoSerifSC-Bold.ttf", "FandolFang-Regular.otf"] {
        assert_eq!(
            faces.iter().filter(|l| l.ends_with(file)).count(),
            1,
            "{list}"
        );
    }
    assert!(list.contains("\nNoto Serif SC\n  Bold "), "{list}");
}

#[test]
fn a_font_file_name_resolves_alike_from_any_working_directory() {
    let dir = temp_dir("font-file-name");
    let def = "layout = \"newsletter\"\n[bulletin]\npublisher = \"P\"\ndate = 2021-01-05\n\
               [overrides.fonts]\nkai = [\"FandolKai-Regular.otf\"]\n[overrides.body]\nfont = \"kai\"\n\
               [[blocks]]\ntext = \"正文。\"\n";
    std::fs::write(dir.join("d.toml"), def).unwrap();
    // Not beside the definition: found in the font directories by its file name, whether the
    // definition is named `d.toml` or `./d.toml`.
    for name in ["d.toml", "./d.toml"] {
        let run = jianbao()
            .current_dir(&dir)
            .args(["render", name, "-o", "d.pdf"])
            .output()
            .unwrap();
        assert!(run.status.success(), "{name}: {}", stderr(&run));
    }
}

#[test]
fn one_font_named_by_family_and_by_path_is_embedded_once() {
    let dir = temp_dir("font-name-and-path");
    std::fs::create_dir_all(dir.join("f")).unwrap();
    std::fs::copy(
        root().join("fonts/FandolKai-Regular.otf"),
        dir.join("f/LocalKai.otf"),
    )
    .unwrap();
    let def = "layout = \"newsletter\"\n[bulletin]\npublisher = \"P\"\ndate = 2021-01-05\n\
               [overrides.fonts]\nkai = [\"LocalKai\"]\nkai2 = [\"f/LocalKai.otf\"]\n\
               [overrides.body]\nfont = \"kai\"\n[overrides.title]\nfont = \"kai2\"\n\
               [[blocks]]\ntitle = \"标题\"\n[[blocks]]\ntext = \"正文。\"\n";
    std::fs::write(dir.join("d.toml"), def).unwrap();
    let run = jianbao()
        .current_dir(&dir)
        .args(["render", "d.toml", "-o", "d.pdf", "--font-dir", "f"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let info = inspect_file(&dir.join("d.pdf"));
    let kai: Vec<&str> = info
        .fonts
        .iter()
        .map(|f| f.base_font.as_str())
        .filter(|f| f.contains("FandolKai"))
        .collect();
    assert_eq!(kai.len(), 1, "{kai:?}");
}

/// Pages (each a list of its lines' text, page numbers left out) where a run of consecutive
/// heading lines is not followed on its page by at least two lines of text.
fn heading_chain_failures(pages: &[Vec<String>], is_heading: impl Fn(&str) -> bool) -> Vec<String> {
    let mut failures = Vec::new();
    for (p, lines) in pages.iter().enumerate() {
        let mut i = 0;
        while i < lines.len() {
            if !is_heading(&lines[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < lines.len() && is_heading(&lines[i]) {
                i += 1;
            }
            let after = lines[i..].iter().take_while(|l| !is_heading(l)).count();
            if after < 2 {
                failures.push(format!(
                    "page {}: {:?} followed by {after} line(s)",
                    p + 1,
                    &lines[start..i]
                ));
            }
        }
    }
    failures
}

/// A page's lines without the page number (`- 5 -`, `—5—`).
fn without_page_number(info: &PdfInfo, page: usize) -> Vec<String> {
    info.pages[page]
        .lines()
        .iter()
        .map(|l| squeeze(&l.text()))
        .filter(|l| {
            !l.trim_matches(['-', '—'])
                .chars()
                .all(|c| c.is_ascii_digit())
        })
        .collect()
}

/// The 公文 sample's blocks three times over, on the GB/T 9704 grid, pushed down by 0 to 5
/// lines: a level-2 heading never ends a page with its level-3 heading and text on the next
/// (`（二）提升活动质量` | `1.规范活动程序`).
#[test]
fn a_heading_chain_never_ends_a_page_on_the_gongwen_grid() {
    let sample = std::fs::read_to_string(root().join("samples/gongwen-2020-07.toml")).unwrap();
    let split = sample.find("[[blocks]]").unwrap();
    let (head, blocks) = sample.split_at(split);
    // The headings as printed: their text after the layout's number (一、（一）1.（1）).
    let headings: Vec<String> = blocks
        .lines()
        .filter_map(|l| l.strip_prefix("heading = \""))
        .map(|l| l.trim_end_matches('"').to_string())
        .collect();
    assert!(headings.len() >= 8);
    let is_heading = |line: &str| {
        headings.iter().any(|h| {
            line.strip_suffix(h.as_str())
                .is_some_and(|number| number.chars().count() <= 4)
        })
    };
    let dir = temp_dir("heading-chain-grid");
    let mut chains_checked = 0;
    for pushed in 0..6 {
        let filler: String = (0..pushed)
            .map(|i| format!("[[blocks]]\ntext = \"第{i}段。\"\n\n"))
            .collect();
        let def = dir.join(format!("long-{pushed}.toml"));
        std::fs::write(&def, format!("{head}{filler}{blocks}{blocks}{blocks}")).unwrap();
        let out = dir.join(format!("long-{pushed}.pdf"));
        let run = render(&def, &out, &["-q"]);
        assert!(run.status.success(), "{}", stderr(&run));
        let info = inspect_file(&out);
        let pages: Vec<Vec<String>> = (0..info.pages.len())
            .map(|p| without_page_number(&info, p))
            .collect();
        let failures = heading_chain_failures(&pages, is_heading);
        assert!(failures.is_empty(), "{pushed} lines down: {failures:#?}");
        chains_checked += pages.concat().iter().filter(|l| is_heading(l)).count();
    }
    assert!(chains_checked >= 6 * 3 * headings.len(), "{chains_checked}");
}

/// Three levels of headings, then a paragraph, after 0 to 11 filler lines on a page of ten lines
/// (no grid): the chain is never parted from two lines of its paragraph.
#[test]
fn a_heading_chain_never_ends_a_page_without_a_grid() {
    let case = Case::new("heading-chain");
    let chain = ["一、总体要求", "（一）主要目标", "1.规范活动程序"];
    for n in 0..12 {
        let headings: String = chain
            .iter()
            .enumerate()
            .map(|(level, h)| format!("[[blocks]]\nheading = \"{h}\"\nlevel = {}\n", level + 1))
            .collect();
        let blocks = format!("{}{headings}{}", filler(n), paragraph("甲", 3));
        let (info, _) = case.render("", &blocks);
        let pages: Vec<Vec<String>> = (0..info.pages.len())
            .map(|p| text_lines(&info, p))
            .collect();
        assert_eq!(
            pages
                .concat()
                .iter()
                .filter(|l| chain.contains(&l.as_str()))
                .count(),
            3
        );
        let failures = heading_chain_failures(&pages, |l| chain.contains(&l));
        assert!(failures.is_empty(), "n={n}: {failures:#?}");
    }
}
