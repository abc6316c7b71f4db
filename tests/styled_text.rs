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
    assert_fails(
        &run,
        1,
        "bad.toml:8:11: the text refers to `nope`, but no figure or table has that label",
    );
    let (run, _) = render_text(
        "styled-unclosed",
        "bad",
        &format!("{base}text = \"前文{{em:没有结束\"\n"),
        &[],
    );
    assert_fails(&run, 1, "bad.toml:8:11: `{em:` is not closed");
}

/// Every line of every list item starts at the same x as the item's first line of text (the
/// number hangs to its left), in the sample that uses every construct.
#[test]
fn list_items_hang_from_their_numbers_in_the_sample() {
    let dir = temp_dir("styled-sample");
    let out = dir.join("styled-text.pdf");
    let run = render(&root().join("samples/styled-text.toml"), &out, &["-q"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let info = inspect_file(&out);
    let lines: Vec<_> = info.pages.iter().flat_map(|p| p.lines()).collect();
    // Item, the text's first characters, and the start of the line it wraps to.
    for (label, first, wrapped) in [
        ("1.", "加强质量基础", "验检测"),
        ("（1）", "聚焦重点行业", "发展的共性"),
        ("4.", "总结推广", "机制，"),
        ("②", "第二项", "形成悬挂缩进"),
    ] {
        let line = find_line(&lines, label);
        let text_x = line
            .glyphs
            .iter()
            .find(|g| first.starts_with(g.text.as_str()))
            .unwrap_or_else(|| panic!("{first} in {}", line.text()))
            .x;
        let next = find_line(&lines, wrapped);
        assert!(
            (next.left() - text_x).abs() < 0.01,
            "{label}: wrapped line at {} but text at {text_x}",
            next.left()
        );
        assert!(
            line.left() < text_x - 8.0,
            "{label}: the number hangs left of the text"
        );
    }
    // Numbering continues from the list before (1–3, then 4, 5), nested lists count anew.
    let text: String = lines
        .iter()
        .map(|l| squeeze(&l.text()))
        .collect::<Vec<_>>()
        .join("\n");
    for n in [
        "1.加强",
        "2.开展",
        "（1）聚焦",
        "（2）推广",
        "3.完善",
        "4.总结",
        "5.加强",
        "①圆圈",
        "•项目",
    ] {
        assert!(text.contains(n), "{n} not in {text}");
    }
    // The caption's emphasis is in the emphasis face, the reference resolved.
    let all = glyphs(&info);
    assert!(run_of(&all, "工作流程")
        .iter()
        .all(|g| g.font.contains("FandolKai")));
    assert!(text.contains("（见图1）"), "{text}");
}

/// The preview draws fake bold as the PDF does: bold text has visibly more ink.
#[test]
fn preview_draws_fake_bold() {
    let ink = |dir: &str, text: &str| {
        let def = format!(
            "layout = \"jianbao\"\n\n[bulletin]\npublisher = \"单位\"\ndate = 2024-05-01\nname = \"简报\"\n\n[[blocks]]\ntext = \"{text}\"\n"
        );
        let dir = temp_dir(dir);
        let path = dir.join("p.toml");
        std::fs::write(&path, def).unwrap();
        let png = dir.join("p.png");
        let run = jianbao()
            .arg("preview")
            .arg(&path)
            .arg("-o")
            .arg(&png)
            .args(["--dpi", "100", "-q"])
            .output()
            .unwrap();
        assert!(run.status.success(), "{}", stderr(&run));
        let img = image::open(&png).unwrap().into_luma8();
        img.pixels().map(|p| 255 - p.0[0] as u64).sum::<u64>()
    };
    let text = "质量提升行动推进会议在北京召开";
    let regular = ink("styled-preview-regular", text);
    let bold = ink("styled-preview-bold", &format!("**{text}**"));
    // The masthead and rule are the same in both; the paragraph's ink grows by a good part.
    assert!(
        bold as f64 > regular as f64 * 1.03,
        "bold {bold} vs regular {regular}"
    );
}

/// Template fields are read once: a publisher whose name contains `{date}` prints it as written
/// in the running head (it used to be expanded a second time).
#[test]
fn a_field_value_is_not_expanded_again() {
    let def = "layout = \"newsletter\"\n\n[bulletin]\npublisher = \"编印{date}单位\"\ndate = 2024-05-01\n\n[[blocks]]\ntext = \"正文。\"\n";
    let (run, out) = render_text("styled-template-once", "t", def, &["-q"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let info = inspect_file(&out);
    let text = squeeze(&info.pages[0].text());
    assert!(text.contains("编印{date}单位"), "{text}");
    assert!(text.contains("2024年5月1日"), "{text}");
}

/// The registry decides which layout tables exist and which keys they take: errors stay
/// located, with the closest table suggested; a list nested twice is refused at its place.
#[test]
fn tables_and_lists_are_checked_against_the_registry() {
    let base = "layout = \"jianbao\"\n\n[bulletin]\npublisher = \"单位\"\ndate = 2024-05-01\nname = \"简报\"\n\n";
    for (extra, message) in [
        (
            "[overrides.bdy]\nsize = \"12pt\"\n",
            "t.toml:8:12: unknown key `bdy` in [overrides]",
        ),
        (
            "[overrides.masthead.nme]\nsize = \"12pt\"\n",
            "unknown key `nme` in [overrides.masthead]",
        ),
        (
            "[overrides.list]\nshift = \"2字\"\n",
            "t.toml:9:1: [list] `shift` only applies to [signature]",
        ),
        (
            "[overrides.run-in]\nnumbering = \"{n}\"\n",
            "[run-in] `numbering` only applies to [heading], [heading-1]",
        ),
        (
            "[[blocks]]\nlist = [\"甲\", [\"乙\", [\"丙\"]]]\n",
            "t.toml:9:8: lists nest one level deep",
        ),
        (
            "[[blocks]]\nlist = [[\"乙\"]]\n",
            "a nested list comes after the item it belongs to",
        ),
        (
            "[[blocks]]\ntext = \"正文\"\nnumbering = \"{n}\"\n",
            "`numbering` only applies to a `list` block",
        ),
    ] {
        let (run, _) = render_text("styled-registry", "t", &format!("{base}{extra}"), &[]);
        assert_fails(&run, 1, message);
    }
    let (run, _) = render_text(
        "styled-registry",
        "t",
        &format!("{base}[overrides.bdy]\nsize = \"12pt\"\n"),
        &[],
    );
    assert!(
        stderr(&run).contains("did you mean `body`?"),
        "{}",
        stderr(&run)
    );
}

/// The glyph `text` in `all` right after the glyphs of `before` (the first time they occur).
fn after<'a>(all: &'a [Glyph], before: &str, text: &str) -> &'a Glyph {
    let n = before.chars().count();
    &run_of(all, &format!("{before}{text}"))[n]
}

#[test]
fn superscripts_and_subscripts_take_their_size_and_baseline() {
    let info = render_ok(
        "styled-scripts",
        "jianbao",
        "[[blocks]]\ntext = \"用水量 5 m{sup:3}，H{sub:2}O 合格率达到 99.5%{sup:①}。\"\n",
    );
    let all = glyphs(&info);
    let m = after(&all, "5", "m");
    let size = m.size;
    // 三号 body text; superscripts and subscripts 0.6 of it, raised 0.36 em, lowered 0.12 em.
    assert!((size - 16.0).abs() < 0.01, "{m:?}");
    for (before, text, rise) in [("m", "3", 0.36), ("H", "2", -0.12), ("%", "①", 0.36)] {
        let base = after(&all, "", before);
        let g = after(&all, before, text);
        assert!((g.size - 0.6 * size).abs() < 0.01, "{text}: {g:?}");
        assert!(
            (g.y - (base.y + rise * size)).abs() < 0.01,
            "{text}: baseline {} against {}",
            g.y,
            base.y
        );
        // It follows its character directly: no Han–Latin gap, no stretch (the PDF's widths
        // are whole thousandths of an em).
        assert!(
            (g.x - (base.x + base.advance)).abs() < 0.05,
            "{text} at {} after {} + {}",
            g.x,
            base.x,
            base.advance
        );
    }
    // The text after a subscript is back on the line's baseline and size.
    let o = after(&all, "2", "O");
    assert!((o.y - m.y).abs() < 0.01 && (o.size - size).abs() < 0.01);
}

#[test]
fn script_sizes_and_shifts_come_from_the_layout() {
    let info = render_ok(
        "styled-scripts-layout",
        "jianbao",
        "[overrides.body]\nsuperscript-size = \"0.5em\"\nsuperscript-rise = \"4pt\"\nsubscript-drop = \"0.2em\"\n\n[[blocks]]\ntext = \"m{sup:2} H{sub:2}O\"\n",
    );
    let all = glyphs(&info);
    let (m, sup) = (after(&all, "", "m"), after(&all, "m", "2"));
    assert!((sup.size - 8.0).abs() < 0.01, "{sup:?}");
    assert!((sup.y - (m.y + 4.0)).abs() < 0.01, "{sup:?} {m:?}");
    let sub = after(&all, "H", "2");
    assert!((sub.size - 0.6 * 16.0).abs() < 0.01, "{sub:?}");
    assert!((sub.y - (m.y - 0.2 * 16.0)).abs() < 0.01, "{sub:?}");
}

/// Baselines of the first glyph of each line in a two-paragraph document whose second line
/// carries a superscript raised `rise`.
fn baselines_with_rise(dir: &str, layout: &str, rise: &str) -> (f64, f64) {
    let info = render_ok(
        dir,
        layout,
        &format!("[overrides.body]\nsuperscript-rise = \"{rise}\"\n\n[[blocks]]\ntext = \"\"\"\n甲\n\n乙{{sup:注}}\n\"\"\"\n"),
    );
    let all = glyphs(&info);
    (after(&all, "", "甲").y, after(&all, "", "乙").y)
}

#[test]
fn a_line_whose_superscript_reaches_the_line_above_takes_more_room() {
    // The default rise stays inside the slot: lines keep their pitch.
    let (a, b) = baselines_with_rise("styled-rise-0", "jianbao", "0.36em");
    let pitch = a - b;
    let (a, b) = baselines_with_rise("styled-rise-2", "jianbao", "2em");
    let grown = a - b;
    // 2 em up: the superscript's top is 2 + 0.6 × 0.88 em over the baseline, while the slot
    // holds the baseline half a leading plus 0.88 em under its top.
    assert!(grown > pitch + 16.0, "{grown} vs {pitch}");
    // On the 公文 grid the line moves down by whole grid lines.
    let (a, b) = baselines_with_rise("styled-rise-grid-0", "gongwen", "0.36em");
    let grid = a - b;
    let (a, b) = baselines_with_rise("styled-rise-grid-2", "gongwen", "2em");
    let moved = (a - b) - grid;
    assert!(moved > 1.0, "{moved}");
    let lines = moved / support::gongwen_grid::PITCH;
    assert!(
        (lines - lines.round()).abs() < 0.01,
        "{moved} = {lines} grid lines"
    );
}
