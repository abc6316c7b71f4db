//! The bulletin layouts (`jianbao`, `gongwen`), rendered from their samples through the CLI and
//! checked from the PDF: the 简报 masthead and 报尾, GB/T 9704's 28 × 22 grid, page numbers on
//! alternating sides, the 版记, fake bold.

mod support;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use support::find_line as find;
use support::pdf_inspect::{inspect, Color, Glyph, PageInfo, PdfInfo, TextLine};
use support::*;

const MM: f64 = 72.0 / 25.4;

/// Renders a sample once per test binary; warnings are failures.
fn rendered(name: &str, cell: &'static OnceLock<(PathBuf, PdfInfo)>) -> &'static PdfInfo {
    &cell
        .get_or_init(|| {
            let dir = temp_dir(name);
            let out = dir.join(format!("{name}.pdf"));
            let run = render(
                &root().join("samples").join(format!("{name}.toml")),
                &out,
                &["-q"],
            );
            assert!(run.status.success(), "render failed: {}", stderr(&run));
            assert!(stderr(&run).is_empty(), "warnings: {}", stderr(&run));
            let info = inspect(&std::fs::read(&out).unwrap());
            (out, info)
        })
        .1
}

fn jianbao() -> &'static PdfInfo {
    static CELL: OnceLock<(PathBuf, PdfInfo)> = OnceLock::new();
    rendered("zhixie-jianbao-2020-06", &CELL)
}

fn gongwen() -> &'static PdfInfo {
    static CELL: OnceLock<(PathBuf, PdfInfo)> = OnceLock::new();
    rendered("gongwen-2020-07", &CELL)
}

fn is_red(c: &Color) -> bool {
    match *c {
        Color::Rgb(r, g, b) => {
            (r - 200.0 / 255.0).abs() < 0.01
                && (g - 16.0 / 255.0).abs() < 0.01
                && (b - 46.0 / 255.0).abs() < 0.01
        }
        _ => false,
    }
}

// ---------------------------------------------------------------- 简报

#[test]
fn jianbao_masthead_is_on_page_one_only_and_red() {
    let info = jianbao();
    assert!(
        info.pages.len() >= 2,
        "the sample must show page 2 without a masthead"
    );
    let page = &info.pages[0];
    let lines = page.lines();
    // Marks line at the top: 内部资料 left, the copy number (six digits) right.
    let left = 25.9 * MM;
    let right = page.width - left;
    let marks = &lines[0];
    assert_eq!(squeeze(&marks.text()), "内部资料000037");
    assert!((marks.left() - left).abs() < 0.5, "{}", marks.left());
    assert!((marks.right() - right).abs() < 0.5, "{}", marks.right());
    // The name: large, red, centred, letter-spaced.
    let name = find(&lines, "质协简报");
    assert_eq!(squeeze(&name.text()), "质协简报");
    assert!(name
        .glyphs
        .iter()
        .all(|g| is_red(&g.fill) && g.size >= 36.0));
    let centre = (name.left() + name.right()) / 2.0;
    assert!(
        (centre - page.width / 2.0).abs() < 1.0,
        "name centre {centre}"
    );
    let gaps: Vec<f64> = name.glyphs.windows(2).map(|w| w[1].x - w[0].x).collect();
    assert!(
        gaps.iter().all(|g| *g > name.glyphs[0].size * 1.2),
        "{gaps:?}"
    );
    // The issue line under it, then publisher left and date right on one line.
    let number = find(&lines, "第6期");
    assert_eq!(squeeze(&number.text()), "第6期（总第128期）");
    assert!(number.y < name.y);
    let info_line = find(&lines, "中国质量协会秘书处编");
    assert_eq!(
        squeeze(&info_line.text()),
        "中国质量协会秘书处编2020年6月15日"
    );
    assert!(info_line.y < number.y);
    assert!((info_line.left() - left).abs() < 0.5);
    assert!((info_line.right() - right).abs() < 0.5);
    // The thick red rule under the info line, across the text block, above the first title.
    let rule = page
        .rules
        .iter()
        .find(|r| is_red(&r.color))
        .expect("a red rule on page 1");
    assert!(rule.y1 - rule.y0 >= 2.0, "thick: {rule:?}");
    assert!((rule.x0 - left).abs() < 0.5 && (rule.x1 - right).abs() < 0.5);
    let title = find(&lines, "以质量提升助力复工复产");
    assert!(
        rule.y1 < info_line.y && rule.y0 > title.y + 20.0,
        "{rule:?}"
    );
    // Red appears on page 1 only (the name and the rule), nowhere else.
    for (n, p) in info.pages.iter().enumerate().skip(1) {
        assert!(
            !p.glyphs.iter().any(|g| is_red(&g.fill)),
            "red text on page {}",
            n + 1
        );
        assert!(
            !p.rules.iter().any(|r| is_red(&r.color)),
            "red rule on page {}",
            n + 1
        );
        assert!(!p.text().contains("质协简报"), "masthead on page {}", n + 1);
    }
    let red_text: String = page
        .glyphs
        .iter()
        .filter(|g| is_red(&g.fill))
        .map(|g| g.text.as_str())
        .collect();
    assert_eq!(red_text, "质协简报");
}

/// The 报尾's lines: everything between its two rules at the foot of the last page.
fn end_block(page: &PageInfo, block_bottom: f64) -> (Vec<TextLine>, f64, f64) {
    let mut rules: Vec<_> = page.rules.iter().filter(|r| r.x1 - r.x0 > 300.0).collect();
    rules.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    let bottom = rules.first().expect("a rule at the foot");
    assert!(
        (bottom.y0 - block_bottom).abs() < 0.2,
        "the last rule's lower edge {} is not the text block's {block_bottom}",
        bottom.y0
    );
    let top = rules.last().unwrap();
    assert!(rules.len() >= 2, "two rules: {rules:?}");
    let lines = page
        .lines()
        .into_iter()
        .filter(|l| l.y < top.y0 && l.y > bottom.y1)
        .collect();
    (lines, top.y1, bottom.y0)
}

#[test]
fn jianbao_end_block_is_at_the_foot_of_the_last_page() {
    let info = jianbao();
    let page = info.pages.last().unwrap();
    let block_bottom = 30.0 * MM;
    let (lines, top, _) = end_block(page, block_bottom);
    let texts: Vec<String> = lines.iter().map(|l| squeeze(&l.text())).collect();
    assert_eq!(
        texts,
        [
            "报：国家市场监督管理总局，中国科学技术协会",
            "送：各省、自治区、直辖市质量协会，各全国性行业质量协会，各分支",
            "机构，各团体会员单位",
            "发：本会各部门",
            "共印120份",
        ],
        "{texts:#?}"
    );
    // Wrapped lines align after the colon.
    let send = &lines[1];
    let colon = send.glyphs.iter().position(|g| g.text == "：").unwrap();
    let after = send.glyphs[colon + 1].x;
    assert!(
        (lines[2].left() - after).abs() < 0.1,
        "{} vs {after}",
        lines[2].left()
    );
    // 共印 N 份 on the right, at the inset.
    let right = page.width - 25.9 * MM - 7.0;
    assert!(
        (lines[4].right() - right).abs() < 0.5,
        "{}",
        lines[4].right()
    );
    // All the body text is above the end block.
    let body_bottom = page
        .lines()
        .iter()
        .filter(|l| l.y > top + 1.0 && l.y < page.height - 30.0 * MM)
        .map(|l| l.y)
        .fold(f64::INFINITY, f64::min);
    assert!(
        body_bottom > top + 14.0,
        "text at {body_bottom}, block top {top}"
    );
}

#[test]
fn editors_note_label_is_fake_bold_kai() {
    let info = jianbao();
    let lines = info.pages[0].lines();
    let note = find(&lines, "编者按：");
    let (label, rest): (Vec<&Glyph>, Vec<&Glyph>) = note
        .glyphs
        .iter()
        .partition(|g| "编者按：".contains(g.text.as_str()));
    assert_eq!(label.len(), 4);
    for g in &label {
        assert!(g.font.contains("FandolKai"), "{}", g.font);
        assert_eq!(g.render_mode, 2, "fill and stroke: {g:?}");
        assert!((g.stroke_width - 16.0 * 0.03).abs() < 0.01, "{g:?}");
    }
    for g in &rest {
        assert!(g.font.contains("FandolKai"), "{}", g.font);
        assert_eq!(g.render_mode, 0, "{g:?}");
    }
    // Body text is plain 仿宋.
    let body = find(&lines, "今年以来");
    assert!(body
        .glyphs
        .iter()
        .all(|g| g.render_mode == 0 && g.font.contains("FandolFang")));
}

#[test]
fn jianbao_headings_are_numbered_by_the_layout() {
    let info = jianbao();
    let text: String = info.pages.iter().map(|p| squeeze(&p.text())).collect();
    assert!(text.contains("一、线上服务不停歇"), "{text}");
    assert!(text.contains("二、群众性质量活动稳步推进"), "{text}");
}

fn jianbao_head(extra: &str) -> String {
    format!(
        "layout = \"jianbao\"\n[bulletin]\nname = \"测试简报\"\npublisher = \"编印单位\"\nissue = 1\ndate = 2021-01-05\ncopies = 30\nreport-to = \"上级\"\nsend-to = \"同级\"\ndistribute-to = \"下级\"\n{extra}"
    )
}

#[test]
fn end_block_that_does_not_fit_goes_to_the_foot_of_a_new_page() {
    let dir = temp_dir("endblock-new-page");
    let paragraph = "这是一段用来填满页面的正文，每段两行左右，内容并不重要，只要足够长就行。";
    // Longer and longer bulletins: the 报尾 sits under the text on the last page until it no
    // longer fits there; then it stands alone at the foot of a new page. It never covers text.
    let mut alone = None;
    let mut under_text = 0;
    for count in 8..=30 {
        let mut def = jianbao_head("[[blocks]]\ntitle = \"标题\"\n");
        for n in 1..=count {
            def.push_str(&format!("[[blocks]]\ntext = \"{n}{paragraph}\"\n"));
        }
        let path = dir.join(format!("d{count}.toml"));
        std::fs::write(&path, &def).unwrap();
        let out = dir.join(format!("d{count}.pdf"));
        let run = render(&path, &out, &["-q"]);
        assert!(run.status.success(), "{}", stderr(&run));
        let info = inspect(&std::fs::read(&out).unwrap());
        let last = info.pages.last().unwrap();
        let (lines, top, _) = end_block(last, 30.0 * MM);
        assert_eq!(squeeze(&lines[0].text()), "报：上级", "{count} paragraphs");
        let body: Vec<f64> = last
            .lines()
            .iter()
            .filter(|l| l.text().contains("这是一段"))
            .map(|l| l.y)
            .collect();
        if body.is_empty() {
            let before = &info.pages[info.pages.len() - 2];
            assert!(before.text().contains("这是一段") && !before.text().contains("报："));
            alone = Some(count);
            break;
        }
        let lowest = body.iter().copied().fold(f64::INFINITY, f64::min);
        assert!(
            lowest > top + 10.0,
            "{count}: text at {lowest}, the 报尾 starts at {top}"
        );
        under_text += 1;
    }
    assert!(under_text > 0, "the 报尾 never sat under the text");
    assert!(alone.is_some(), "the 报尾 never moved to a page of its own");
}

#[test]
fn masthead_needs_a_name_and_says_where() {
    let dir = temp_dir("masthead-name");
    let def = dir.join("d.toml");
    std::fs::write(
        &def,
        "layout = \"jianbao\"\n\n[bulletin]\npublisher = \"P\"\ndate = 2021-01-05\n",
    )
    .unwrap();
    let run = render(&def, &dir.join("d.pdf"), &[]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(err.contains("d.toml:3:1") && err.contains("`name"), "{err}");
}

#[test]
fn supplements_are_numbered_as_such() {
    let dir = temp_dir("supplement");
    let def = dir.join("d.toml");
    std::fs::write(
        &def,
        "layout = \"jianbao\"\n[bulletin]\nname = \"测试简报\"\npublisher = \"P\"\ndate = 2021-01-05\nissue = 2\nsupplement = true\n[[blocks]]\ntext = \"正文。\"\n",
    )
    .unwrap();
    let out = dir.join("d.pdf");
    let run = render(&def, &out, &["-q"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let info = inspect(&std::fs::read(&out).unwrap());
    assert!(squeeze(&info.pages[0].text()).contains("增刊第2期"));
}

// ---------------------------------------------------------------- 公文 (GB/T 9704)

struct Block {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    char_pitch: f64,
    line_pitch: f64,
}

const GB9704: Block = Block {
    left: 28.0 * MM,
    right: (28.0 + 156.0) * MM,
    top: (297.0 - 37.0) * MM,
    bottom: (297.0 - 37.0 - 225.0) * MM,
    char_pitch: 156.0 * MM / 28.0,
    line_pitch: 225.0 * MM / 22.0,
};

/// Lines inside the text block (not the page number), with the grid row of each.
fn grid_rows(page: &PageInfo) -> Vec<(usize, TextLine)> {
    let b = GB9704;
    // 16 pt type centred in a 28.99 pt slot: baseline at (pitch − size)/2 + 0.88 × size.
    let first = b.top - ((b.line_pitch - 16.0) / 2.0 + 0.88 * 16.0);
    page.lines()
        .into_iter()
        .filter(|l| l.y < b.top && l.y > b.bottom && (l.glyphs[0].size - 16.0).abs() < 0.01)
        .map(|l| {
            let row = (first - l.y) / b.line_pitch;
            assert!(
                (row - row.round()).abs() < 0.01,
                "`{}` is off the grid (row {row})",
                l.text()
            );
            (row.round() as usize, l)
        })
        .collect()
}

#[test]
fn gongwen_page_is_the_gb9704_block() {
    let info = gongwen();
    for page in &info.pages {
        assert!((page.width - 210.0 * MM).abs() < 0.01 && (page.height - 297.0 * MM).abs() < 0.01);
        for g in &page.glyphs {
            if (g.size - 16.0).abs() < 0.01 {
                assert!(g.x >= GB9704.left - 0.01, "{g:?}");
            }
        }
    }
    // The body is 三号 FandolFang; the title 二号, centred in the block.
    let lines = info.pages[0].lines();
    let title = &lines[0];
    assert_eq!(squeeze(&title.text()), "关于进一步加强群众性质量活动的通知");
    assert!(title.glyphs.iter().all(|g| (g.size - 22.0).abs() < 0.01));
    let centre = (title.left() + title.right()) / 2.0;
    assert!(
        (centre - (GB9704.left + GB9704.right) / 2.0).abs() < 1.0,
        "{centre}"
    );
    let body = find(&lines, "为深入贯彻");
    assert!(body.glyphs.iter().all(|g| g.font.contains("FandolFang")));
}

#[test]
fn gongwen_full_lines_hold_28_characters_on_the_grid() {
    let info = gongwen();
    let b = GB9704;
    let mut full = 0;
    let mut continuation = 0;
    let mut hung = 0;
    for page in &info.pages {
        let rows = grid_rows(page);
        for pair in rows.windows(2) {
            let ((row, line), (next_row, next)) = (&pair[0], &pair[1]);
            // A full line: the next row holds the same paragraph's next line (flush left).
            if next_row - row != 1 || (next.left() - b.left).abs() > 0.01 {
                continue;
            }
            let inside: Vec<&Glyph> = line.glyphs.iter().filter(|g| g.x < b.right - 1.0).collect();
            let outside: Vec<&Glyph> = line
                .glyphs
                .iter()
                .filter(|g| g.x >= b.right - 1.0)
                .collect();
            // Lines with Latin letters or digits are justified, not on the grid.
            if line.glyphs.iter().any(|g| g.text.is_ascii()) {
                continue;
            }
            // 28 cells: a paragraph's first line gives its first two to the indent.
            let first_cell = ((inside[0].x - b.left) / b.char_pitch).round() as usize;
            assert!(
                first_cell == 0 || first_cell == 2,
                "`{}` starts at cell {first_cell}",
                line.text()
            );
            assert_eq!(first_cell + inside.len(), 28, "`{}`", line.text());
            for (k, g) in inside.iter().enumerate() {
                let x = b.left + (first_cell + k) as f64 * b.char_pitch;
                assert!(
                    (g.x - x).abs() < 0.05,
                    "`{}`: {} at {} not {x}",
                    line.text(),
                    g.text,
                    g.x
                );
            }
            if first_cell == 0 {
                continuation += 1;
            }
            // At most one closing mark hangs past the line's end.
            assert!(outside.len() <= 1, "`{}`", line.text());
            if let Some(g) = outside.first() {
                assert!(
                    "，。、；：！？”’）》".contains(g.text.as_str()),
                    "{}",
                    g.text
                );
                assert!((g.x - b.right).abs() < 0.05);
                hung += 1;
            }
            full += 1;
        }
    }
    assert!(full >= 30, "only {full} full lines");
    assert!(
        continuation >= 20,
        "only {continuation} full lines of 28 characters"
    );
    assert!(hung >= 1, "the sample should show a hanging mark");
}

#[test]
fn gongwen_full_pages_hold_22_lines() {
    let info = gongwen();
    let pages = &info.pages;
    assert!(pages.len() >= 3);
    for (n, page) in pages.iter().enumerate() {
        let rows: Vec<usize> = grid_rows(page).iter().map(|(r, _)| *r).collect();
        assert!(
            rows.iter().all(|&r| r < 22),
            "page {}: rows {rows:?}",
            n + 1
        );
        if n + 1 == pages.len() {
            continue;
        }
        // Every page but the last is filled to its 22nd line; page 1 gives its first two rows
        // to the title and the blank line under it.
        let expected: Vec<usize> = if n == 0 {
            (2..22).collect()
        } else {
            (0..22).collect()
        };
        assert_eq!(rows, expected, "page {}", n + 1);
    }
}

#[test]
fn gongwen_page_numbers_alternate_sides_one_character_in() {
    let info = gongwen();
    for (n, page) in info.pages.iter().enumerate() {
        let number = n + 1;
        let foot: Vec<TextLine> = page
            .lines()
            .into_iter()
            .filter(|l| l.y < GB9704.bottom)
            .collect();
        assert_eq!(foot.len(), 1, "page {number}");
        let line = &foot[0];
        assert_eq!(line.text().replace(' ', ""), format!("—{number}—"));
        assert!(line.glyphs.iter().all(|g| (g.size - 14.0).abs() < 0.01));
        if number % 2 == 1 {
            assert!(
                (line.right() - (GB9704.right - 14.0)).abs() < 0.5,
                "odd page {number}: {}",
                line.right()
            );
        } else {
            assert!(
                (line.left() - (GB9704.left + 14.0)).abs() < 0.5,
                "even page {number}: {}",
                line.left()
            );
        }
        // The top of the digits about 7 mm under the text block.
        let digits_top = line.y + 0.73 * 14.0;
        assert!(
            ((GB9704.bottom - digits_top) / MM - 7.0).abs() < 0.5,
            "digits top {:.1} mm under the block",
            (GB9704.bottom - digits_top) / MM
        );
    }
}

#[test]
fn gongwen_banji_has_thick_and_thin_rules() {
    let info = gongwen();
    let page = info.pages.last().unwrap();
    let (lines, _, _) = end_block(page, GB9704.bottom);
    let texts: Vec<String> = lines.iter().map(|l| squeeze(&l.text())).collect();
    assert_eq!(
        texts,
        [
            "抄送：国家市场监督管理总局质量发展局，中国科学技术协会学会",
            "学术部，各省、自治区、直辖市质量协会。",
            "中国质量协会办公室2020年7月20日印发",
        ]
    );
    // One character (14 pt) in from both sides; wrapped lines after the colon.
    assert!((lines[0].left() - (GB9704.left + 14.0)).abs() < 0.1);
    let colon = lines[0].glyphs.iter().position(|g| g.text == "：").unwrap();
    assert!((lines[1].left() - lines[0].glyphs[colon + 1].x).abs() < 0.1);
    let imprint = &lines[2];
    assert!(
        (imprint.right() - (GB9704.right - 14.0)).abs() < 0.5,
        "{}",
        imprint.right()
    );
    // Thick first and last (0.35 mm), thin between (0.25 mm).
    let mut rules: Vec<_> = page.rules.iter().filter(|r| r.x1 - r.x0 > 300.0).collect();
    rules.sort_by(|a, b| b.y0.total_cmp(&a.y0));
    let widths: Vec<f64> = rules
        .iter()
        .map(|r| ((r.y1 - r.y0) / MM * 100.0).round() / 100.0)
        .collect();
    assert_eq!(widths, [0.35, 0.25, 0.35]);
}

// ---------------------------------------------------------------- commands

#[test]
fn layouts_lists_every_layout_with_a_description() {
    let out = jianbao_cmd().arg("layouts").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for (name, words) in [
        ("gongwen", "GB/T 9704"),
        ("jianbao", "简报"),
        ("newsletter", "Newsletter"),
    ] {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("{name} not listed: {text}"));
        assert!(line.contains(words), "{line}");
    }
}

fn jianbao_cmd() -> std::process::Command {
    support::jianbao()
}

#[test]
fn verbose_render_announces_fake_bold() {
    let dir = temp_dir("verbose");
    let sample = root().join("samples/zhixie-jianbao-2020-06.toml");
    let run = render(&sample, &dir.join("v.pdf"), &["-v"]);
    assert!(run.status.success());
    let err = stderr(&run);
    assert!(
        err.contains("note: [note-label] is bold but FandolKai"),
        "{err}"
    );
    assert!(err.contains("fake bold"), "{err}");
    let run = render(&sample, &dir.join("q.pdf"), &[]);
    assert!(!stderr(&run).contains("fake bold"));
}

fn new_issue(from: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    jianbao_cmd()
        .arg("new")
        .arg("--from")
        .arg(from)
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn new_issue_round_trips_through_render() {
    let dir = temp_dir("new");
    let prev = root().join("samples/zhixie-jianbao-2020-06.toml");
    let next = dir.join("next.toml");
    let run = new_issue(&prev, &next, &["--date", "2020-06-22"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = std::fs::read_to_string(&next).unwrap();
    assert!(text.contains("layout = \"jianbao\""), "{text}");
    assert!(text.contains("issue = 7"), "{text}");
    assert!(text.contains("total-issue = 129"), "{text}");
    assert!(text.contains("date = 2020-06-22"), "{text}");
    assert!(
        !text.contains("copy-number"),
        "copy numbers belong to one issue: {text}"
    );
    assert!(
        !text.contains("线上服务不停歇"),
        "old articles left: {text}"
    );
    assert!(text.contains("[[blocks]]"), "no skeleton: {text}");
    // The new definition renders with the same layout: masthead with the new number and date,
    // the same 报尾.
    let pdf = dir.join("next.pdf");
    let run = render(&next, &pdf, &["-q"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let info = inspect(&std::fs::read(&pdf).unwrap());
    let first = squeeze(&info.pages[0].text());
    assert!(first.contains("质协简报"), "{first}");
    assert!(first.contains("第7期（总第129期）"), "{first}");
    assert!(first.contains("2020年6月22日"), "{first}");
    assert!(info.pages[0].glyphs.iter().any(|g| is_red(&g.fill)));
    let last = squeeze(&info.pages.last().unwrap().text());
    assert!(
        last.contains("报：国家市场监督管理总局") && last.contains("共印120份"),
        "{last}"
    );

    // Never over an existing file without --force.
    let before = std::fs::read(&next).unwrap();
    let run = new_issue(&prev, &next, &["--date", "2020-06-29"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("--force"), "{}", stderr(&run));
    assert_eq!(std::fs::read(&next).unwrap(), before);
    let run = new_issue(
        &prev,
        &next,
        &["--date", "2020-06-29", "--issue", "12", "--force"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let text = std::fs::read_to_string(&next).unwrap();
    assert!(
        text.contains("issue = 12") && text.contains("date = 2020-06-29"),
        "{text}"
    );

    // Without --date it is today's date: whatever it is, not the previous issue's.
    let today = dir.join("today.toml");
    let run = new_issue(&prev, &today, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = std::fs::read_to_string(&today).unwrap();
    let date = text
        .lines()
        .find_map(|l| l.strip_prefix("date = "))
        .unwrap_or_else(|| panic!("{text}"));
    assert_ne!(date, "2020-06-15");
    assert_eq!(date.len(), 10, "{date}");
}

#[test]
fn new_issue_rejects_a_bad_date_and_a_bad_previous_file() {
    let dir = temp_dir("new-bad");
    let prev = root().join("samples/zhixie-jianbao-2020-06.toml");
    let run = new_issue(&prev, &dir.join("n.toml"), &["--date", "2020-02-30"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("2020-02-30"));
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "layout = \"jianbao\"\n[bulletin]\npublisher = 3\n").unwrap();
    let run = new_issue(&bad, &dir.join("n.toml"), &[]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("bad.toml:3:"), "{}", stderr(&run));
    assert!(!dir.join("n.toml").exists());
}

#[test]
fn new_issue_keeps_a_layout_path_working_from_another_directory() {
    let dir = temp_dir("new-path");
    std::fs::create_dir_all(dir.join("a/layouts")).unwrap();
    std::fs::create_dir_all(dir.join("b")).unwrap();
    std::fs::copy(
        root().join("layouts/jianbao.toml"),
        dir.join("a/layouts/house.toml"),
    )
    .unwrap();
    let prev = dir.join("a/prev.toml");
    std::fs::write(
        &prev,
        jianbao_head("[[blocks]]\ntext = \"正文。\"\n")
            .replace("\"jianbao\"", "\"layouts/house.toml\""),
    )
    .unwrap();
    let next = dir.join("b/next.toml");
    let run = new_issue(&prev, &next, &["--date", "2021-01-12"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = std::fs::read_to_string(&next).unwrap();
    assert!(
        text.contains("layout = \"../a/layouts/house.toml\""),
        "{text}"
    );
    // The layout now lies outside next.toml's directory: the root must include it.
    let run = render(&next, &dir.join("b/next.pdf"), &["-q"]);
    assert_eq!(run.status.code(), Some(1), "outside the default root");
    let run = render(
        &next,
        &dir.join("b/next.pdf"),
        &["-q", "--root", dir.to_str().unwrap()],
    );
    assert!(run.status.success(), "{}", stderr(&run));
}

#[test]
fn a_house_layout_extends_jianbao_and_a_definition_overrides_it() {
    let dir = temp_dir("extends");
    std::fs::create_dir_all(dir.join("layouts")).unwrap();
    std::fs::write(
        dir.join("layouts/house.toml"),
        "extends = \"jianbao\"\ndescription = \"house\"\n\n[masthead]\nissue-format = \"第{issue}号\"\n\n[masthead.name]\ncolor = \"#000080\"\nsize = \"小初\"\n\n[heading-1]\nnumbering = \"第{cn}部分　\"\n",
    )
    .unwrap();
    let def = dir.join("d.toml");
    std::fs::write(
        &def,
        "layout = \"house\"\n[bulletin]\nname = \"内部通讯\"\npublisher = \"P\"\ndate = 2021-01-05\nissue = 9\n\n[overrides.masthead]\nrule-color = \"black\"\n\n[[blocks]]\nheading = \"概况\"\n[[blocks]]\ntext = \"正文。\"\n",
    )
    .unwrap();
    let out = dir.join("d.pdf");
    let run = render(&def, &out, &["-q"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let info = inspect(&std::fs::read(&out).unwrap());
    let page = &info.pages[0];
    let lines = page.lines();
    let name = find(&lines, "内部通讯");
    let navy = |c: &Color| matches!(*c, Color::Rgb(r, g, b) if r == 0.0 && g == 0.0 && (b - 128.0 / 255.0).abs() < 0.001);
    assert!(
        name.glyphs
            .iter()
            .all(|g| (g.size - 36.0).abs() < 0.01 && navy(&g.fill)),
        "{:?}",
        name.glyphs[0]
    );
    assert!(squeeze(&page.text()).contains("第9号"));
    assert!(squeeze(&page.text()).contains("第一部分概况"));
    // The rule is black now, still as thick as jianbao's.
    assert!(!page.rules.iter().any(|r| is_red(&r.color)));
    assert!(page
        .rules
        .iter()
        .any(|r| r.y1 - r.y0 > 2.0 && r.color == Color::Rgb(0.0, 0.0, 0.0)));
    // The publisher and date come from the jianbao layout it extends.
    assert!(squeeze(&page.text()).contains("P2021年1月5日"));
}

#[test]
fn layout_mistakes_are_located_in_their_file() {
    let dir = temp_dir("layout-mistakes");
    std::fs::create_dir_all(dir.join("layouts")).unwrap();
    let def = dir.join("d.toml");
    std::fs::write(
        &def,
        "layout = \"bad\"\n[bulletin]\nname = \"N\"\npublisher = \"P\"\ndate = 2021-01-05\n",
    )
    .unwrap();
    for (layout, expect) in [
        (
            "extends = \"jianbao\"\n[body]\nnumbering = \"{cn}、\"\n",
            "bad.toml:3:13: [body] `numbering` only applies to [heading],",
        ),
        (
            "extends = \"jianbao\"\n[masthead]\nissue-format = \"第{isue}期\"\n",
            "bad.toml:3:16: unknown field `{isue}`; use {issue}",
        ),
        (
            "extends = \"jianbao\"\n[masthead.name]\nlettr-spacing = \"1字\"\n",
            "bad.toml:3:1: unknown key `lettr-spacing` in [masthead.name]",
        ),
        (
            "extends = \"gongwen\"\n[grid]\ncharacters = 40\n",
            "bad.toml:3:14: [grid] 40 characters a line leave",
        ),
        (
            "extends = \"jianbao\"\n[masthead]\ncopy-digits = 4000000000\n",
            "bad.toml:3:15: [masthead] `copy-digits` must be 12 or fewer",
        ),
        (
            "extends = \"jianbao\"\n[end-block]\ncopies = \"共{n}份\"\n",
            "bad.toml:3:10: unknown field `{n}`; use {copies}",
        ),
    ] {
        std::fs::write(dir.join("layouts/bad.toml"), layout).unwrap();
        let run = render(&def, &dir.join("d.pdf"), &[]);
        assert_eq!(run.status.code(), Some(1), "{layout}");
        let err = stderr(&run);
        let first = err.lines().next().unwrap_or_default();
        assert!(
            first.contains(expect),
            "{layout}: `{first}` lacks `{expect}`"
        );
    }
}

#[test]
fn gongwen_headings_are_numbered_per_level_in_their_faces() {
    let info = gongwen();
    let lines: Vec<TextLine> = info.pages.iter().flat_map(|p| p.lines()).collect();
    for (text, face) in [
        ("一、总体要求", "FandolHei"),
        ("（一）指导思想", "FandolKai"),
        ("（二）主要目标", "FandolKai"),
        ("二、重点任务", "FandolHei"),
        ("（一）扩大活动覆盖面", "FandolKai"),
        ("1.规范活动程序", "FandolFang"),
        ("2.加强方法培训", "FandolFang"),
        ("（1）基层班组", "FandolFang"),
        ("（2）管理人员", "FandolFang"),
        ("（三）做好成果交流", "FandolKai"),
        ("三、保障措施", "FandolHei"),
    ] {
        let line = find(&lines, text);
        assert_eq!(squeeze(&line.text()), text);
        // The Chinese characters in the level's face (digits and ASCII marks may come from the
        // Latin side of the chain), 三号, plain, indented two cells.
        for g in line.glyphs.iter().filter(|g| !g.text.is_ascii()) {
            assert!(g.font.contains(face), "{text}: {} in {}", g.text, g.font);
        }
        assert!(line
            .glyphs
            .iter()
            .all(|g| (g.size - 16.0).abs() < 0.01 && g.render_mode == 0));
        assert!(
            (line.left() - (GB9704.left + 2.0 * GB9704.char_pitch)).abs() < 0.05,
            "{text}"
        );
    }
}

#[test]
fn bulletin_layouts_render_deterministically() {
    let dir = temp_dir("determinism");
    for name in [
        "zhixie-jianbao-2020-06",
        "gongwen-2020-07",
        "gongwen-wenjian-2020-08",
    ] {
        let def = root().join("samples").join(format!("{name}.toml"));
        let (a, b) = (
            dir.join(format!("{name}-a.pdf")),
            dir.join(format!("{name}-b.pdf")),
        );
        assert!(render(&def, &a, &["-q"]).status.success());
        assert!(render(&def, &b, &["-q"]).status.success());
        assert_eq!(
            std::fs::read(&a).unwrap(),
            std::fs::read(&b).unwrap(),
            "{name}"
        );
    }
}

/// The font a glyph of `text`'s first character is drawn in, without the subset tag.
fn font_of(info: &PdfInfo, text: &str) -> String {
    let glyphs: Vec<&Glyph> = info.pages.iter().flat_map(|p| &p.glyphs).collect();
    let all: String = glyphs.iter().map(|g| g.text.as_str()).collect();
    let at = all.find(text).map(|b| all[..b].chars().count()).unwrap();
    let font = &glyphs[at].font;
    font.split_once('+')
        .map_or(font.as_str(), |(_, f)| f)
        .to_string()
}

/// `[heading]` holds what the heading levels share, each level taking from it only what its
/// own table lacks; the gongwen layout gives every level its own font. So `heading.font` in
/// `[overrides]` (or in a layout's `[heading]` over the one it extends) changed nothing, in
/// silence; now it is a warning at the key naming the levels it does not reach, and `--strict`
/// refuses. A shared key no level sets (`heading.color`) reaches them all, without a word.
#[test]
fn a_shared_key_the_levels_set_themselves_is_reported_not_ignored() {
    let body = "[bulletin]\npublisher = \"办公室\"\ndate = 2021-01-05\n\
                [[blocks]]\ntitle = \"关于开展检查的通知\"\n\
                [[blocks]]\nheading = \"总体要求\"\n\
                [[blocks]]\ntext = \"正文一段。\"\n";
    let (out, pdf) = render_text(
        "shared-key-hidden",
        "o",
        &format!(
            "layout = \"gongwen\"\n[overrides]\nheading.font = \"kai\"\n\
             heading.color = \"#0000ff\"\n{body}"
        ),
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("o.toml:3:9: `heading.font` in [overrides] does not reach [heading-1]:"),
        "{err}"
    );
    assert_eq!(err.matches("does not reach").count(), 1, "{err}");
    // Only the levels the document has are named; the heading is as the layout set it.
    assert!(!err.contains("[heading-2]"), "{err}");
    let info = inspect(&std::fs::read(&pdf).unwrap());
    assert_eq!(font_of(&info, "总体要求"), "FandolHei-Regular");
    let blue = info.pages[0]
        .glyphs
        .iter()
        .find(|g| g.text == "总")
        .map(|g| g.fill);
    assert!(
        matches!(blue, Some(Color::Rgb(r, g, b)) if r < 0.1 && g < 0.1 && b > 0.9),
        "{blue:?}"
    );
    // Set on the level itself, the override reaches it and nothing is said.
    let (out, pdf) = render_text(
        "shared-key-level",
        "o",
        &format!("layout = \"gongwen\"\n[overrides]\nheading-1.font = \"kai\"\n{body}"),
        &["--strict"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let info = inspect(&std::fs::read(&pdf).unwrap());
    assert_eq!(font_of(&info, "总体要求"), "FandolKai-Regular");
    // A house layout that extends gongwen and sets [heading] font: said at its own line.
    let dir = temp_dir("shared-key-extends");
    std::fs::write(
        dir.join("house.toml"),
        "extends = \"gongwen\"\ndescription = \"本单位公文\"\n\n[heading]\nfont = \"kai\"\n",
    )
    .unwrap();
    let def = dir.join("d.toml");
    std::fs::write(&def, format!("layout = \"house.toml\"\n{body}")).unwrap();
    let out = render(&def, &dir.join("d.pdf"), &["--strict"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("house.toml:5:1")
            && err.contains(
                "`font` in [heading] does not reach [heading-1]: the layout this one extends"
            ),
        "{err}"
    );
}
