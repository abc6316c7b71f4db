//! Photos side by side (`figures = [...]`), checked from the PDF: one common height, the row's
//! outer edges on the measure, sub-captions under their photos, numbers and references, a row
//! that moves whole, portrait phone photos upright and capped.

mod support;

use std::path::PathBuf;
use support::pdf_inspect::{inspect_file, ImagePlacement, PdfInfo};
use support::*;

/// A4 with 25 mm side margins (a measure of 160 mm = 453.54 pt from x = 70.87 pt) and a 12 pt
/// gap between photos.
const LAYOUT: &str = r#"
extends = "newsletter"
[page]
size = "A4"
top = "30mm"
bottom = "30mm"
left = "25mm"
right = "25mm"
[figure]
row-gap = "12pt"
[header]
left = ""
right = ""
rule = "0pt"
"#;

const LEFT: f64 = 25.0 / 25.4 * 72.0;
const RIGHT: f64 = (210.0 - 25.0) / 25.4 * 72.0;

struct Case {
    dir: PathBuf,
}

impl Case {
    fn new(name: &str) -> Case {
        let dir = temp_dir(name);
        std::fs::write(dir.join("row.toml"), LAYOUT).unwrap();
        let png = |file: &str, w: u32, h: u32| {
            image::RgbImage::from_fn(w, h, |x, y| {
                image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
            })
            .save(dir.join(file))
            .unwrap();
        };
        png("wide.png", 300, 200);
        png("square.png", 200, 200);
        // A phone's portrait photo: 400 × 300 pixels stored, orientation 6 (turn a quarter to
        // the right to view), so 300 wide and 400 tall upright.
        std::fs::write(dir.join("phone.jpg"), jpeg_with_orientation(400, 300, 6)).unwrap();
        std::fs::write(dir.join("phone2.jpg"), jpeg_with_orientation(400, 300, 6)).unwrap();
        Case { dir }
    }

    fn render(&self, blocks: &str) -> (PdfInfo, String) {
        let def = self.dir.join("doc.toml");
        let text = format!(
            "layout = \"row.toml\"\n[bulletin]\npublisher = \"测试\"\ndate = 2024-01-02\n{blocks}"
        );
        std::fs::write(&def, text).unwrap();
        let out = self.dir.join("doc.pdf");
        let run = render(&def, &out, &["-q"]);
        assert!(run.status.success(), "{}", stderr(&run));
        (inspect_file(&out), stderr(&run))
    }

    fn fails(&self, blocks: &str, message: &str) -> String {
        let def = self.dir.join("bad.toml");
        let text = format!(
            "layout = \"row.toml\"\n[bulletin]\npublisher = \"测试\"\ndate = 2024-01-02\n{blocks}"
        );
        std::fs::write(&def, text).unwrap();
        let run = render(&def, &self.dir.join("bad.pdf"), &["-q"]);
        assert!(!run.status.success());
        let err = stderr(&run);
        assert!(err.contains(message), "{err}");
        err
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.5
}

/// The images drawn on a page, left to right.
fn row(info: &PdfInfo, page: usize) -> Vec<ImagePlacement> {
    let mut images = info.pages[page].images.clone();
    images.sort_by(|a, b| a.x.total_cmp(&b.x));
    images
}

const THREE: &str = r#"
[[blocks]]
text = "如图{ref:row}所示，三张照片并排。"
[[blocks]]
figures = ["wide.png", "phone.jpg", "square.png"]
captions = ["横拍", "竖拍", "方形"]
caption = "一行三张"
label = "row"
"#;

#[test]
fn a_row_has_one_height_and_fills_the_measure() {
    let case = Case::new("row-three");
    let (info, _) = case.render(THREE);
    assert_eq!(info.pages.len(), 1);
    let images = row(&info, 0);
    assert_eq!(images.len(), 3, "{images:?}");
    let h = images[0].height;
    for img in &images {
        assert!(close(img.height, h), "common height: {images:?}");
        assert!(close(img.y, images[0].y), "one top: {images:?}");
    }
    assert!(
        close(images[0].x, LEFT),
        "left edge {} vs {LEFT}",
        images[0].x
    );
    let last = &images[2];
    assert!(
        close(last.x + last.width, RIGHT),
        "right edge {} vs {RIGHT}",
        last.x + last.width
    );
    for pair in images.windows(2) {
        assert!(
            close(pair[1].x - (pair[0].x + pair[0].width), 12.0),
            "gap: {images:?}"
        );
    }
    // Each photo keeps its shape: 3:2, the phone photo upright 3:4, square.
    for (img, aspect) in images.iter().zip([1.5, 0.75, 1.0]) {
        assert!((img.width / img.height - aspect).abs() < 0.01, "{img:?}");
    }
    // The common height is what fills the measure: (measure − 2 gaps) / Σ aspect.
    assert!(close(h, (RIGHT - LEFT - 24.0) / 3.25), "{h}");

    // Sub-captions centred under their photos, the numbered caption under them all, the
    // reference resolved to the row's number.
    let lines = info.pages[0].lines();
    let subs = lines
        .iter()
        .find(|l| l.text().starts_with("(a)"))
        .unwrap_or_else(|| panic!("no sub-captions: {}", info.pages[0].text()));
    // Under the photos (PDF y grows upwards: an image's y is its bottom edge).
    assert!(subs.y < images[0].y, "sub-captions under the photos");
    for (img, sub) in images.iter().zip(["(a)横拍", "(b)竖拍", "(c)方形"]) {
        let under: Vec<_> = subs
            .glyphs
            .iter()
            .filter(|g| g.x >= img.x - 0.5 && g.x + g.advance <= img.x + img.width + 0.5)
            .collect();
        let text: String = under.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(squeeze(&text), sub, "{img:?}");
        let first = under.first().unwrap();
        let last = under.last().unwrap();
        let centre = (first.x + last.x + last.advance) / 2.0;
        assert!(
            close(centre, img.x + img.width / 2.0),
            "{sub} at {centre}, {img:?}"
        );
    }
    let text = squeeze(&info.pages[0].text());
    assert!(text.contains("图1一行三张"), "{text}");
    assert!(text.contains("如图1所示"), "{text}");
}

#[test]
fn a_row_of_portraits_is_capped_and_centred() {
    let case = Case::new("row-portraits");
    let (info, _) = case
        .render("[[blocks]]\nfigures = [\"phone.jpg\", \"phone2.jpg\"]\ncaption = \"两张竖拍\"\n");
    let images = row(&info, 0);
    assert_eq!(images.len(), 2);
    // At full width two 3:4 photos would stand (453.5 − 12) / 1.5 = 294 pt tall; the cap is
    // 30 % of the text block (297 − 60 mm = 671.8 pt): 201.5 pt.
    let cap = (297.0 - 60.0) / 25.4 * 72.0 * 0.3;
    for img in &images {
        assert!(close(img.height, cap), "{img:?}");
        assert!(img.width < img.height, "upright: {img:?}");
    }
    let left_margin = images[0].x - LEFT;
    let right_margin = RIGHT - (images[1].x + images[1].width);
    assert!(
        left_margin > 50.0 && close(left_margin, right_margin),
        "centred: {images:?}"
    );
}

#[test]
fn each_photo_numbered_and_referred_to() {
    let case = Case::new("row-each");
    let (info, _) = case.render(
        r#"
[[blocks]]
figure = "wide.png"
caption = "单图"
[[blocks]]
text = "左图为图{ref:a}，右图为图{ref:b}，其后为图{ref:c}。"
[[blocks]]
figures = ["wide.png", "square.png"]
numbered = "each"
captions = ["甲", "乙"]
labels = ["a", "b"]
[[blocks]]
figure = "square.png"
caption = "其后"
label = "c"
"#,
    );
    let text: String = info.pages.iter().map(|p| squeeze(&p.text())).collect();
    for want in [
        "图1单图",
        "图2甲",
        "图3乙",
        "图4其后",
        "左图为图2，右图为图3，其后为图4。",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
}

#[test]
fn a_row_moves_whole_and_floats() {
    let case = Case::new("row-float");
    // Enough text to leave less room than the row needs on page 1.
    let long: String = "质量提升行动持续推进，企业质量管理水平不断提高。".repeat(12);
    let blocks = format!(
        "[[blocks]]\ntext = \"\"\"\n{long}\n\n{long}\n\"\"\"\n{THREE}[[blocks]]\ntext = \"后文紧接。\"\n"
    );
    let (info, _) = case.render(&blocks);
    assert!(info.pages.len() >= 2);
    let counts: Vec<usize> = info.pages.iter().map(|p| p.images.len()).collect();
    let page = counts.iter().position(|&n| n > 0).unwrap();
    assert_eq!(counts[page], 3, "the row on one page: {counts:?}");
    assert!(page > 0, "the row did not fit on page 1: {counts:?}");
    // The text after the row fills the gap on the page before (the row floats).
    let before = squeeze(&info.pages[page - 1].text());
    assert!(before.contains("后文紧接"), "{before}");
}

#[test]
fn bad_rows_are_located_errors() {
    let case = Case::new("row-bad");
    let err = case.fails(
        "[[blocks]]\nfigures = [\"a.png\", \"b.png\", \"c.png\", \"d.png\", \"e.png\"]\n",
        "2 to 4 photos, not 5",
    );
    assert!(err.contains("bad.toml:6"), "{err}");
    case.fails(
        "[[blocks]]\nfigures = [\"wide.png\", \"square.png\"]\ncaptions = [\"一\"]\n",
        "1 captions for 2 photos",
    );
    case.fails(
        "[[blocks]]\nfigures = [\"wide.png\", \"square.png\"]\nnumbered = \"each\"\ncaption = \"x\"\n",
        "needs `numbered = \"row\"`",
    );
    case.fails(
        "[[blocks]]\nfigures = [\"wide.png\", \"square.png\"]\nnumbered = \"both\"\n",
        "`numbered` is \"row\"",
    );
    case.fails(
        "[[blocks]]\nfigures = [\"wide.png\", \"missing.png\"]\n",
        "missing.png",
    );
}

#[test]
fn the_sample_row_renders() {
    let dir = temp_dir("row-sample");
    let out = dir.join("photo-row.pdf");
    let run = render(
        &root().join("samples/photo-row-2020-04.toml"),
        &out,
        &["-q"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let info = inspect_file(&out);
    let rows: Vec<usize> = info.pages.iter().map(|p| p.images.len()).collect();
    assert_eq!(rows.iter().sum::<usize>(), 5, "{rows:?}");
    let text: String = info.pages.iter().map(|p| squeeze(&p.text())).collect();
    assert!(text.contains("(b)质量展厅"), "{text}");
    assert!(text.contains("图2、图3"), "{text}");
}
