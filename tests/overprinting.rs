//! Issue 11, class 2: nothing is printed over something else or off the page without a word.
//!
//! The oracle is the PDF itself, read back by `support::pdf_inspect`: every glyph of every
//! sample lies on its page, and no two glyphs' em boxes overlap. Then the inputs that used to
//! overprint silently: a line pitch under the type size (refused at the key), a first-line
//! indent wider than the measure, and table columns narrower than a character (warned at the
//! block, refused under `--strict`).

mod support;

use support::pdf_inspect::{inspect, Glyph};
use support::*;

/// Marks that GB compression sets half width while the PDF reports their full advance; they
/// are left out of the overlap check (their ink is in the half that is kept).
const COMPRESSIBLE: &str = "，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』·・…—";

/// The em box of a glyph: its advance across, and from 0.12 em under the baseline to 0.88
/// above it (where a Chinese face puts its ideographic em box).
fn em_box(g: &Glyph) -> (f64, f64, f64, f64) {
    (
        g.x,
        g.x + g.advance,
        g.y - 0.12 * g.size,
        g.y + 0.88 * g.size,
    )
}

/// Pairs of glyphs whose em boxes overlap by more than a tenth of the smaller size both ways.
fn overlapping(glyphs: &[Glyph]) -> Vec<String> {
    let mut shown: Vec<&Glyph> = glyphs
        .iter()
        .filter(|g| g.render_mode != 3 && g.advance > 0.0)
        .filter(|g| {
            !g.text
                .chars()
                .any(|c| COMPRESSIBLE.contains(c) || c.is_whitespace())
        })
        .collect();
    shown.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap());
    let mut out = Vec::new();
    for (i, a) in shown.iter().enumerate() {
        let (ax0, ax1, ay0, ay1) = em_box(a);
        for b in &shown[i + 1..] {
            let (bx0, bx1, by0, by1) = em_box(b);
            if bx0 >= ax1 {
                break;
            }
            let slack = 0.1 * a.size.min(b.size);
            let across = ax1.min(bx1) - ax0.max(bx0);
            let down = ay1.min(by1) - ay0.max(by0);
            if across > slack && down > slack {
                out.push(format!(
                    "`{}` at ({:.1}, {:.1}) over `{}` at ({:.1}, {:.1})",
                    b.text, b.x, b.y, a.text, a.x, a.y
                ));
            }
        }
    }
    out
}

/// Glyphs whose advance is not wholly on the page.
fn off_the_page(glyphs: &[Glyph], width: f64, height: f64) -> Vec<String> {
    glyphs
        .iter()
        .filter(|g| {
            let (x0, x1, y0, y1) = em_box(g);
            x0 < -0.5 || x1 > width + 0.5 || y0 < -0.5 || y1 > height + 0.5
        })
        .map(|g| format!("`{}` at ({:.1}, {:.1})", g.text, g.x, g.y))
        .collect()
}

#[test]
fn no_sample_prints_a_glyph_over_another_or_off_its_page() {
    let dir = temp_dir("overprinting-samples");
    let samples = samples();
    assert!(samples.len() > 10, "{samples:?}");
    let mut problems = Vec::new();
    for def in &samples {
        let name = def.file_stem().unwrap().to_string_lossy().into_owned();
        let out = dir.join(format!("{name}.pdf"));
        let run = render(def, &out, &["-q"]);
        assert_eq!(run.status.code(), Some(0), "{name}: {}", stderr(&run));
        let pdf = inspect(&std::fs::read(&out).unwrap());
        for (k, page) in pdf.pages.iter().enumerate() {
            for p in overlapping(&page.glyphs)
                .into_iter()
                .chain(off_the_page(&page.glyphs, page.width, page.height))
                .take(3)
            {
                problems.push(format!("{name} page {}: {p}", k + 1));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The oracle itself: two lines set 10 pt apart in 16 pt type overlap.
#[test]
fn the_overlap_check_sees_lines_set_too_close() {
    let glyph = |text: &str, x: f64, y: f64| Glyph {
        text: text.into(),
        cid: 1,
        x,
        y,
        advance: 16.0,
        font: "F".into(),
        size: 16.0,
        fill: support::pdf_inspect::Color::Gray(0.0),
        render_mode: 0,
        stroke_width: 0.0,
    };
    let close = [glyph("质", 100.0, 700.0), glyph("量", 100.0, 690.0)];
    assert_eq!(overlapping(&close).len(), 1);
    let solid = [glyph("质", 100.0, 700.0), glyph("量", 100.0, 684.0)];
    assert!(overlapping(&solid).is_empty());
    let side = [glyph("质", 100.0, 700.0), glyph("量", 116.0, 700.0)];
    assert!(overlapping(&side).is_empty());
    assert_eq!(off_the_page(&side, 120.0, 800.0).len(), 1);
}

fn definition(
    dir: &std::path::Path,
    layout: &str,
    overrides: &str,
    blocks: &str,
) -> std::path::PathBuf {
    let def = dir.join("d.toml");
    std::fs::write(
        &def,
        format!(
            "layout = \"{layout}\"\n\n[bulletin]\npublisher = \"中国质量协会宣传部\"\ndate = 2020-03-10\n\
             name = \"质协简报\"\nissue = 6\n\n[overrides]\n{overrides}\n\n{blocks}"
        ),
    )
    .unwrap();
    def
}

const TWO_LINES: &str =
    "[[blocks]]\ntitle = \"\"\"\n关于开展2020年全国质量管理小组活动\n成果发表交流的通知\"\"\"\n\n\
                         [[blocks]]\ntext = \"质量管理小组活动是群众性质量管理活动。\"\n";

#[test]
fn a_line_pitch_under_the_type_size_is_refused_at_the_key() {
    let dir = temp_dir("overprinting-pitch");
    for (layout, overrides, key) in [
        (
            "newsletter",
            "body.line-pitch = \"0.01pt\"",
            "body.line-pitch",
        ),
        (
            "newsletter",
            "title.line-pitch = \"0.5字\"",
            "title.line-pitch",
        ),
        ("gongwen", "title.line-pitch = \"10pt\"", "title.line-pitch"),
        // The layout's pitch with the user's larger size: the error is at the size, the value
        // the user wrote.
        ("gongwen", "title.size = \"初号\"", "title.size"),
    ] {
        let def = definition(&dir, layout, overrides, TWO_LINES);
        let out = dir.join("d.pdf");
        let run = render(&def, &out, &[]);
        assert_fails(&run, 1, overrides);
        let err = stderr(&run);
        assert!(
            err.contains("less than its")
                && err.contains("its lines would be printed over one another"),
            "{overrides}: {err}"
        );
        // Located in the definition, at the line that says it.
        assert!(err.contains("d.toml:10:"), "{overrides}: {err}");
        assert!(err.contains(key), "{overrides}: {err}");
        assert!(!out.exists(), "{overrides}");
    }
    // Solid setting (the pitch equal to the size) is allowed, and its lines do not overlap.
    let def = definition(&dir, "newsletter", "title.line-pitch = \"1字\"", TWO_LINES);
    let out = dir.join("d.pdf");
    let run = render(&def, &out, &["--strict"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let pdf = inspect(&std::fs::read(&out).unwrap());
    let over = overlapping(&pdf.pages[0].glyphs);
    assert!(over.is_empty(), "{over:?}");
}

#[test]
fn an_indent_wider_than_the_measure_is_reported_and_refused_under_strict() {
    let dir = temp_dir("overprinting-indent");
    let blocks = "[[blocks]]\ntext = \"第一段。质量管理小组活动是群众性质量管理活动。\"\n";
    let def = definition(&dir, "newsletter", "body.indent = \"100字\"", blocks);
    let out = dir.join("d.pdf");
    let run = render(&def, &out, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        err.contains("warning: ")
            && err.contains("a line of this text is")
            && err.contains("runs past the edge"),
        "{err}"
    );
    // At the text in the definition.
    assert!(err.contains("d.toml:13:"), "{err}");
    // What it warns about is real: the first character is off the page.
    let pdf = inspect(&std::fs::read(&out).unwrap());
    let page = &pdf.pages[0];
    assert!(!off_the_page(&page.glyphs, page.width, page.height).is_empty());
    let run = render(&def, &out, &["--strict"]);
    assert_fails(&run, 1, "--strict");
    // An indent that leaves room for a character is not reported.
    let def = definition(&dir, "newsletter", "body.indent = \"20字\"", blocks);
    let run = render(&def, &out, &["--strict"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
}

#[test]
fn table_columns_narrower_than_a_character_are_reported() {
    let dir = temp_dir("overprinting-columns");
    let row = format!("[{}]", ["\"中国\""; 50].join(", "));
    let blocks = format!("[[blocks]]\ntable = [{row}, {row}]\n");
    let def = definition(&dir, "newsletter", "", &blocks);
    let out = dir.join("d.pdf");
    let run = render(&def, &out, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        err.contains("column 1 of this table leaves") && err.contains("runs into the next cell"),
        "{err}"
    );
    assert!(err.contains("d.toml:12:"), "{err}");
    // Once for the table, not once a cell.
    assert_eq!(err.matches("of this table leaves").count(), 1, "{err}");
    // What it warns about is real: characters of neighbouring cells overlap.
    let pdf = inspect(&std::fs::read(&out).unwrap());
    assert!(!overlapping(&pdf.pages[0].glyphs).is_empty());
    let run = render(&def, &out, &["--strict"]);
    assert_fails(&run, 1, "--strict");
    // A fixed width under one character, with the room to spare elsewhere.
    let blocks = "[[blocks]]\ntable = [[\"地区\", \"名称\"], [\"北京\", \"中国质量协会\"]]\nwidths = [\"1%\", \"*\"]\n";
    let def = definition(&dir, "newsletter", "", blocks);
    let run = render(&def, &out, &[]);
    assert!(
        stderr(&run).contains("column 1 of this table leaves"),
        "{}",
        stderr(&run)
    );
    // Twelve columns fit: no warning.
    let row = format!("[{}]", ["\"中国\""; 12].join(", "));
    let def = definition(
        &dir,
        "newsletter",
        "",
        &format!("[[blocks]]\ntable = [{row}, {row}]\n"),
    );
    let run = render(&def, &out, &["--strict"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
}

#[test]
fn a_running_head_that_does_not_fit_its_margin_is_refused_at_the_key() {
    let dir = temp_dir("overprinting-running");
    let blocks = "[[blocks]]\ntext = \"质量管理小组活动是群众性质量管理活动。\"\n";
    for (overrides, says) in [
        // Drawn over the 报尾 and the last lines of text, and off the foot of the page.
        ("footer.size = \"200pt\"", "it would print over the text"),
        ("footer.distance = \"1mm\"", "it would print over the text"),
        ("footer.distance = \"60mm\"", "it would run off the page"),
        ("header.distance = \"60mm\"", "it would run off the page"),
    ] {
        let def = definition(&dir, "newsletter", overrides, blocks);
        let out = dir.join("d.pdf");
        let run = render(&def, &out, &[]);
        assert_fails(&run, 1, says);
        let err = stderr(&run);
        assert!(err.contains("d.toml:10:"), "{overrides}: {err}");
        assert!(!out.exists(), "{overrides}");
    }
}

#[test]
fn running_head_slots_moved_off_the_page_are_reported() {
    let dir = temp_dir("overprinting-running-rows");
    // In 初号 the publisher and the date do not fit side by side; the publisher moves up a
    // line, out of the 37 mm margin.
    let blocks = "[[blocks]]\ntext = \"质量管理小组活动是群众性质量管理活动。\"\n\n[[blocks]]\npage-break = true\n\n\
                  [[blocks]]\ntext = \"第二页。\"\n";
    let def = definition(&dir, "newsletter", "header.size = \"初号\"", blocks);
    let out = dir.join("d.pdf");
    let run = render(&def, &out, &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let err = stderr(&run);
    let says = "the outermost line runs off the page";
    assert_eq!(err.matches(says).count(), 1, "{err}");
    let pdf = inspect(&std::fs::read(&out).unwrap());
    let page = &pdf.pages[1];
    assert!(!off_the_page_vertically(&page.glyphs, page.height).is_empty());
    let run = render(&def, &out, &["--strict"]);
    assert_fails(&run, 1, says);
    // In 二号 they fit: no warning.
    let def = definition(&dir, "newsletter", "header.size = \"二号\"", blocks);
    let run = render(&def, &out, &["--strict"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
}

/// Glyphs whose em box is not wholly inside the page's height.
fn off_the_page_vertically(glyphs: &[Glyph], height: f64) -> Vec<String> {
    glyphs
        .iter()
        .map(em_box)
        .filter(|&(_, _, y0, y1)| y0 < -0.5 || y1 > height + 0.5)
        .map(|(x, _, y, _)| format!("({x:.1}, {y:.1})"))
        .collect()
}
