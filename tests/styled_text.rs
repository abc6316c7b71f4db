//! Inline markup and lists, read back from the PDF: bold runs in the bold face (or fake-bold
//! render mode) exactly over the marked characters, emphasis in the emphasis face, dots under
//! exactly the marked Han characters, references resolved, list items' wrapped lines aligned.

mod support;

use support::pdf_inspect::{inspect_file, Glyph, PdfInfo, Rule};
use support::*;

fn render_ok(dir: &str, layout: &str, blocks: &str) -> PdfInfo {
    let text = format!(
        "layout = \"{layout}\"\n\n[bulletin]\npublisher = \"测试编印单位\"\ndate = 2024-05-01\nname = \"测试简报\"\n\n{blocks}"
    );
    let dir = temp_dir(dir);
    let fig = root().join("samples/cqa-2020-03-10/fig1.jpg");
    std::fs::copy(fig, dir.join("a.jpg")).unwrap();
    let def = dir.join("styled.toml");
    std::fs::write(&def, text).unwrap();
    let out = dir.join("styled.pdf");
    let run = render(&def, &out, &["-q"]);
    assert!(run.status.success(), "render failed: {}", stderr(&run));
    inspect_file(&out)
}

fn glyphs(info: &PdfInfo) -> Vec<Glyph> {
    info.pages.iter().flat_map(|p| p.glyphs.clone()).collect()
}

/// The glyphs whose text is in `chars`, in order, from the first occurrence of `start`.
fn run_of<'a>(all: &'a [Glyph], text: &str) -> &'a [Glyph] {
    let joined: Vec<&str> = all.iter().map(|g| g.text.as_str()).collect();
    let n = text.chars().count();
    let at = (0..all.len().saturating_sub(n - 1))
        .find(|&i| joined[i..i + n].concat() == text)
        .unwrap_or_else(|| panic!("`{text}` not in {}", joined.concat()));
    &all[at..at + n]
}

fn dots(info: &PdfInfo) -> Vec<Rule> {
    info.pages
        .iter()
        .flat_map(|p| p.rules.clone())
        .filter(|r| r.filled && (r.x1 - r.x0) < 3.0 && ((r.x1 - r.x0) - (r.y1 - r.y0)).abs() < 0.01)
        .collect()
}

#[test]
fn dots_sit_under_exactly_the_marked_han_characters() {
    let info = render_ok(
        "styled-dots",
        "jianbao",
        "[[blocks]]\ntext = \"前文{dot:着重，号}后文\"\n",
    );
    let all = glyphs(&info);
    let marked = run_of(&all, "着重，号");
    let dots = dots(&info);
    for d in &dots {
        eprintln!("dot {:.2} {:.2}–{:.2}", (d.x0 + d.x1) / 2.0, d.y0, d.y1);
    }
    for g in marked {
        eprintln!("glyph {} {:.2} {:.2} {}", g.text, g.x, g.y, g.advance);
    }
    let han: Vec<&Glyph> = marked.iter().filter(|g| g.text != "，").collect();
    assert_eq!(dots.len(), han.len(), "{dots:?}");
    for (d, g) in dots.iter().zip(&han) {
        let centre = (d.x0 + d.x1) / 2.0;
        assert!(
            (centre - (g.x + g.advance / 2.0)).abs() < 0.05,
            "{centre} vs {g:?}"
        );
        // Under the em box: below the baseline by more than the 0.12 em the box reaches.
        assert!(
            d.y1 < g.y - g.size * 0.12,
            "dot top {} vs baseline {}",
            d.y1,
            g.y
        );
    }
}

#[test]
fn bold_is_the_bold_face_or_fake_bold_exactly_over_the_marked_characters() {
    // The newsletter layout has a bold cut (`bold-font`).
    let info = render_ok(
        "styled-bold-face",
        "newsletter",
        "[[blocks]]\ntext = \"甲乙**丙丁**戊，Word **bold** text。\"\n",
    );
    let all = glyphs(&info);
    let line = run_of(&all, "甲乙丙丁戊");
    let bold: Vec<bool> = line.iter().map(|g| g.font.contains("Bold")).collect();
    assert_eq!(bold, [false, false, true, true, false]);
    assert!(run_of(&all, "bold").iter().all(|g| g.font.contains("Bold")));
    assert!(run_of(&all, "Word")
        .iter()
        .all(|g| !g.font.contains("Bold")));
    // 仿宋 has no bold: fake bold (fill and stroke) over exactly the marked characters.
    let info = render_ok(
        "styled-bold-fake",
        "jianbao",
        "[[blocks]]\ntext = \"甲乙**丙丁**戊\"\n",
    );
    let all = glyphs(&info);
    let line = run_of(&all, "甲乙丙丁戊");
    let modes: Vec<i32> = line.iter().map(|g| g.render_mode).collect();
    assert_eq!(modes, [0, 0, 2, 2, 0]);
    assert!(line[2].stroke_width > 0.3, "{:?}", line[2]);
    assert!(line.iter().all(|g| g.font.contains("FandolFang")));
}

#[test]
fn emphasis_and_run_in_headings_take_their_faces() {
    let info = render_ok(
        "styled-emphasis",
        "jianbao",
        "[[blocks]]\nlead = \"（一）破除分割。\"\ntext = \"正文{em:引文}正文\"\n",
    );
    let all = glyphs(&info);
    // jianbao's [heading-2] is 楷体, and emphasis is 楷体; the body is 仿宋.
    assert!(run_of(&all, "破除分割")
        .iter()
        .all(|g| g.font.contains("FandolKai")));
    assert!(run_of(&all, "引文")
        .iter()
        .all(|g| g.font.contains("FandolKai")));
    let body = run_of(&all, "正文引文正文");
    let fang: Vec<bool> = body.iter().map(|g| g.font.contains("FandolFang")).collect();
    assert_eq!(fang, [true, true, false, false, true, true]);
    // The run-in heading and the text share one line: one paragraph.
    assert_eq!(
        run_of(&all, "。正")
            .iter()
            .map(|g| g.y)
            .collect::<Vec<_>>()
            .len(),
        2
    );
    assert!((run_of(&all, "。正")[0].y - run_of(&all, "。正")[1].y).abs() < 0.01);
}

#[test]
fn references_breaks_escapes_and_pasted_text() {
    let info = render_ok(
        "styled-refs",
        "newsletter",
        "[[blocks]]\ntext = '见图{ref:b}与图{ref:a}。5*3=15，file_name，\\*\\*不是粗体\\*\\*，C:\\文件。{br}新行'\n\n\
         [[blocks]]\nfigure = \"a.jpg\"\nlabel = \"a\"\n\n[[blocks]]\nfigure = \"a.jpg\"\nlabel = \"b\"\n",
    );
    let text: String = info.pages[0]
        .lines()
        .iter()
        .map(|l| l.text())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("见图2与图1。"), "{text}");
    assert!(
        text.contains("5*3=15，file_name，**不是粗体**，C:\\文件。"),
        "{text}"
    );
    let lines = info.pages[0].lines();
    let first = find_line(&lines, "见图");
    let next = find_line(&lines, "新行");
    // A forced break starts a line at the margin (no first-line indent).
    assert!(
        next.left() < first.left() - 20.0,
        "{} vs {}",
        next.left(),
        first.left()
    );
}

#[test]
fn an_unknown_reference_or_unclosed_mark_is_a_located_error() {
    let base = "layout = \"newsletter\"\n\n[bulletin]\npublisher = \"单位\"\ndate = 2024-05-01\n\n[[blocks]]\n";
    let (run, _) = render_text(
        "styled-bad-ref",
        "bad",
        &format!("{base}text = \"见图{{ref:nope}}。\"\n"),
        &[],
    );
    assert_fails(&run, 1, "bad.toml:8:11: the text refers to figure `nope`");
    let (run, _) = render_text(
        "styled-unclosed",
        "bad",
        &format!("{base}text = \"前文{{em:没有结束\"\n"),
        &[],
    );
    assert_fails(&run, 1, "bad.toml:8:11: `{em:` is not closed");
}
