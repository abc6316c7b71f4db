//! The 公文 layout's 版头 (份号, 紧急程度, red 发文机关标志, 发文字号, red rule), 主送机关 and
//! 落款 (GB/T 9704-2012 7.2 and 7.3), rendered from samples/gongwen-wenjian-2020-08.toml through
//! the CLI and checked from the PDF.

mod support;

use std::path::PathBuf;
use std::sync::OnceLock;
use support::find_line as find;
use support::gongwen_grid::*;
use support::pdf_inspect::{inspect, Color, PageInfo, PdfInfo, TextLine};
use support::*;

fn sample() -> &'static PdfInfo {
    static PDF: OnceLock<PdfInfo> = OnceLock::new();
    PDF.get_or_init(|| {
        let dir = temp_dir("gongwen-head");
        let out = dir.join("wenjian.pdf");
        let def = root().join("samples/gongwen-wenjian-2020-08.toml");
        let run = render(&def, &out, &["-q"]);
        assert!(run.status.success(), "render failed: {}", stderr(&run));
        assert!(stderr(&run).is_empty(), "warnings: {}", stderr(&run));
        inspect(&std::fs::read(&out).unwrap())
    })
}

fn is_red(c: &Color) -> bool {
    matches!(*c, Color::Rgb(r, g, b) if r > 0.7 && g < 0.2 && b < 0.3)
}

#[test]
fn masthead_has_marks_red_name_number_and_rule_on_page_one_only() {
    let info = sample();
    let page = &info.pages[0];
    let lines = page.lines();
    // 份号 (six digits) on the first line at the top left, 紧急程度 under it, in 黑体.
    let copy = &lines[0];
    assert_eq!(squeeze(&copy.text()), "000001");
    let urgency = &lines[1];
    assert_eq!(squeeze(&urgency.text()), "加急");
    for l in [copy, urgency] {
        assert!((l.left() - LEFT).abs() < 0.5, "{}", l.left());
        assert!(l.glyphs.iter().all(|g| g.font.contains("FandolHei")));
    }
    assert!(copy.y > urgency.y && copy.y < TOP);
    // The 发文机关标志: red, centred, its type starting 35 mm under the top of the block.
    let name = find(&lines, "中国质量协会文件");
    assert!(name
        .glyphs
        .iter()
        .all(|g| is_red(&g.fill) && g.size >= 36.0));
    assert!((centre(name) - (LEFT + RIGHT) / 2.0).abs() < 1.0);
    let size = name.glyphs[0].size;
    let top_mm = (TOP - (name.y + 0.8 * size)) / MM;
    assert!((top_mm - 35.0).abs() < 1.5, "name top {top_mm:.1} mm down");
    // The 发文字号 centred two blank lines under it.
    let number = find(&lines, "中质协");
    assert_eq!(squeeze(&number.text()), "中质协〔2020〕12号");
    assert!((centre(number) - (LEFT + RIGHT) / 2.0).abs() < 1.0);
    let gap = name.y - number.y;
    assert!(gap > 2.0 * PITCH && gap < 4.0 * PITCH, "{gap}");
    // The red rule 4 mm under the 发文字号's type, as wide as the block, above the title.
    let rule = page
        .rules
        .iter()
        .find(|r| is_red(&r.color))
        .expect("a red rule on page 1");
    assert!((rule.x0 - LEFT).abs() < 0.5 && (rule.x1 - RIGHT).abs() < 0.5);
    let type_bottom = number.y - 0.2 * 16.0;
    let under = (type_bottom - rule.y1.max(rule.y0)) / MM;
    assert!((under - 4.0).abs() < 1.0, "rule {under:.1} mm under");
    let title = find(&lines, "关于举办");
    assert!(title.y < rule.y0.min(rule.y1) - 2.0 * PITCH + 22.0);
    // Nothing red after page 1.
    for page in &info.pages[1..] {
        assert!(!page.glyphs.iter().any(|g| is_red(&g.fill)));
        assert!(!page.rules.iter().any(|r| is_red(&r.color)));
    }
}

#[test]
fn addressee_is_flush_left_under_the_title() {
    let info = sample();
    let lines = info.pages[0].lines();
    let title_at = lines
        .iter()
        .position(|l| squeeze(&l.text()).starts_with("关于举办"))
        .unwrap();
    // The title breaks where the definition breaks it, each line centred; the PDF's title is
    // the whole title.
    assert_eq!(squeeze(&lines[title_at].text()), "关于举办2020年全国");
    assert_eq!(
        squeeze(&lines[title_at + 1].text()),
        "质量管理小组活动成果交流会的通知"
    );
    for l in &lines[title_at..title_at + 2] {
        assert!((centre(l) - (LEFT + RIGHT) / 2.0).abs() < 1.0);
    }
    assert_eq!(
        info.info.get("Title").map(String::as_str),
        Some("关于举办2020年全国质量管理小组活动成果交流会的通知")
    );
    // The 主送机关 follows, flush left, ending with a colon.
    let to = find(&lines, "各省");
    assert_eq!(
        squeeze(&to.text()),
        "各省、自治区、直辖市质量协会，各行业质量协会，各会员单位："
    );
    assert!((to.left() - LEFT).abs() < 0.05, "{}", to.left());
    assert!(lines.iter().position(|l| std::ptr::eq(l, to)).unwrap() > title_at);
    assert!(to.glyphs.iter().all(|g| g.font.contains("FandolFang")));
    // The body's first line after it keeps its two-character indent.
    let body = find(&lines, "为贯彻落实");
    assert!((body.left() - (LEFT + 2.0 * CELL)).abs() < 0.05);
    assert!((to.y - body.y - PITCH).abs() < 0.05);
    // Under the 版头 the text is still on the 22-line grid.
    for l in [to, body] {
        assert!((row(l) - row(l).round()).abs() < 0.01, "row {}", row(l));
    }
}

fn signature_lines(page: &PageInfo) -> (TextLine, TextLine) {
    let lines = page.lines();
    let sig = find(&lines, "中国质量协会").clone();
    let date = lines
        .iter()
        .find(|l| squeeze(&l.text()) == "2020年8月14日" && l.y < sig.y)
        .unwrap_or_else(|| panic!("no date line under the signature"))
        .clone();
    (sig, date)
}

#[test]
fn signature_and_date_follow_the_text_as_gb9704_places_them() {
    let info = sample();
    let page = info
        .pages
        .iter()
        .find(|p| squeeze(&p.text()).contains("务保障工作。"))
        .expect("the last body line");
    let (sig, date) = signature_lines(page);
    // One blank line under the 附件说明, the date on the next line, both on the grid.
    let last = find(&page.lines(), "（供参考使用）").clone();
    assert!((row(&sig) - row(&last) - 2.0).abs() < 0.01);
    assert!((row(&date) - row(&sig) - 1.0).abs() < 0.01);
    // The date is longer than the signature: it keeps two characters to the right edge and the
    // signature starts two characters left of it.
    assert!(date.right() - date.left() > sig.right() - sig.left());
    assert!(
        (date.right() - (RIGHT - 2.0 * CELL)).abs() < 1.0,
        "date ends {:.1} pt from the edge",
        RIGHT - date.right()
    );
    assert!(
        (date.left() - sig.left() - 2.0 * CELL).abs() < 0.5,
        "date {} signature {}",
        date.left(),
        sig.left()
    );
}

#[test]
fn attachments_are_listed_under_the_text_with_names_aligned() {
    let info = sample();
    let page = info
        .pages
        .iter()
        .find(|p| squeeze(&p.text()).contains("附件："))
        .expect("the 附件说明");
    let lines = page.lines();
    let first = find(&lines, "附件：1.");
    assert_eq!(
        squeeze(&first.text()),
        "附件：1.2020年全国质量管理小组活动成果交流会推荐表"
    );
    let second = find(&lines, "2.质量管理");
    let wrapped = find(&lines, "（供参考使用）");
    // One blank line under the text; then one line after another on the grid.
    let text_end = find(&lines, "务保障工作。");
    assert!((row(first) - row(text_end) - 2.0).abs() < 0.01);
    assert!((row(second) - row(first) - 1.0).abs() < 0.01);
    assert!((row(wrapped) - row(second) - 1.0).abs() < 0.01);
    // 附件 two characters in; the numbers under each other after the full-width colon; a
    // wrapped name starts under its first character.
    let x_of = |l: &TextLine, ch: &str| {
        l.glyphs
            .iter()
            .find(|g| g.text == ch)
            .unwrap_or_else(|| panic!("no {ch} in {}", l.text()))
            .x
    };
    assert!((first.left() - (LEFT + 2.0 * CELL)).abs() < 0.05);
    assert!(
        (x_of(first, "1") - (LEFT + 5.0 * CELL)).abs() < 0.05,
        "{:?}",
        first
            .glyphs
            .iter()
            .map(|g| (g.text.clone(), g.x, g.advance))
            .take(6)
            .collect::<Vec<_>>()
    );
    assert!((x_of(second, "2") - x_of(first, "1")).abs() < 0.05);
    assert!((wrapped.left() - x_of(second, "质")).abs() < 0.05);
    assert!(wrapped.glyphs.iter().all(|g| g.font.contains("FandolFang")));
}

#[test]
fn an_attachment_starts_a_page_after_the_signature_and_before_the_banji() {
    let info = sample();
    let at = info
        .pages
        .iter()
        .position(|p| squeeze(&p.text()).starts_with("附件1"))
        .expect("a page that starts with 附件1");
    let page = &info.pages[at];
    let lines = page.lines();
    // 附件1 flush left on the first line in 黑体; the title centred two lines under it.
    let label = &lines[0];
    assert_eq!(squeeze(&label.text()), "附件1");
    assert!((label.left() - LEFT).abs() < 0.05);
    assert!(row(label).abs() < 0.01, "row {}", row(label));
    assert!(label.glyphs.iter().all(|g| g.font.contains("FandolHei")));
    let title = &lines[1];
    assert_eq!(squeeze(&title.text()), "2020年全国质量管理小组");
    assert!((centre(title) - (LEFT + RIGHT) / 2.0).abs() < 1.0);
    let rows_down = (label.y - title.y) / PITCH;
    assert!(
        (rows_down - 2.0).abs() < 0.3,
        "title {rows_down} lines under"
    );
    // The 落款 closes the document's own text, on the page before; the 版记 is on the last page.
    let before = squeeze(&info.pages[at - 1].text());
    assert!(before.contains("中国质量协会2020年8月14日"), "{before}");
    assert!(!squeeze(&page.text()).contains("中国质量协会2020年8月14日"));
    let last = squeeze(&info.pages.last().unwrap().text());
    assert!(last.contains("抄送："), "{last}");
    assert!(!before.contains("抄送："));
}

#[test]
fn an_attachment_without_a_label_is_located() {
    let (run, out) = render_text(
        "gongwen-attachment-empty",
        "bad",
        "layout = \"gongwen\"\n[bulletin]\npublisher = \"P\"\ndate = 2021-03-05\n[[blocks]]\ntext = \"正文。\"\n[[blocks]]\nattachment = \" \"\n",
        &[],
    );
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains("bad.toml:8:14") && err.contains("`attachment` needs the label"),
        "{err}"
    );
    assert!(!out.exists());
}

/// A definition whose one paragraph fills the first page to its last grid line.
fn full_page_definition(signature: &str) -> String {
    // 26 characters on the first line (after the indent), 28 on the 21 others.
    let text = format!("{}。", "质".repeat(26 + 21 * 28 - 1));
    format!(
        "layout = \"gongwen\"\n[bulletin]\npublisher = \"某单位\"\ndate = 2021-03-05\n\
         signature = \"{signature}\"\n[[blocks]]\ntext = \"{text}\"\n"
    )
}

#[test]
fn signature_never_stands_alone_at_the_head_of_a_page() {
    let (run, out) = render_text(
        "gongwen-signature-keep",
        "full",
        &full_page_definition("某某单位"),
        &["-q"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let info = inspect(&std::fs::read(&out).unwrap());
    assert_eq!(info.pages.len(), 2);
    let body_rows = |page: &PageInfo| {
        page.lines()
            .iter()
            .filter(|l| l.glyphs.iter().any(|g| g.text == "质"))
            .count()
    };
    // The paragraph alone would fill page 1 (22 lines); its last line moves to page 2 to stand
    // with the signature, which is not alone there.
    assert_eq!(body_rows(&info.pages[0]), 21);
    assert_eq!(body_rows(&info.pages[1]), 1);
    let text = squeeze(&info.pages[1].text());
    assert!(
        text.contains("某某单位") && text.contains("2021年3月5日"),
        "{text}"
    );
}

#[test]
fn a_signature_wider_than_the_block_is_a_warning() {
    let text = full_page_definition(&"很长的机关名称".repeat(6));
    let (run, _) = render_text("gongwen-signature-wide", "wide", &text, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("more than the text block"),
        "{}",
        stderr(&run)
    );
    let (run, out) = render_text("gongwen-signature-strict", "wide", &text, &["--strict"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(!out.exists());
}

#[test]
fn without_a_name_the_gongwen_layout_has_no_masthead() {
    let text = full_page_definition("某某单位");
    let (run, out) = render_text("gongwen-no-head", "plain", &text, &["-q"]);
    assert!(run.status.success());
    let info = inspect(&std::fs::read(&out).unwrap());
    let first = &info.pages[0].lines()[0];
    assert!(first.text().starts_with('质'), "{}", first.text());
    assert!(!info.pages[0].rules.iter().any(|r| is_red(&r.color)));
}

#[test]
fn next_document_keeps_head_addressee_and_signature() {
    let dir = temp_dir("gongwen-head-new");
    let next = dir.join("next.toml");
    let text = new_from_sample("gongwen-wenjian-2020-08.toml", &next, "2021-01-05");
    for kept in [
        "code = \"中质协\"",
        "signature = \"中国质量协会\"",
        "to = [",
    ] {
        assert!(text.contains(kept), "lost `{kept}`: {text}");
    }
    assert!(text.contains("issue = 13"), "{text}");
    // The skeleton has an attachment, as the previous document had.
    assert!(text.contains("attachment = '附件1'"), "{text}");
    assert!(
        !["urgency", "copy-number", "attachments"]
            .iter()
            .any(|key| text.lines().any(|l| l.starts_with(&format!("{key} =")))),
        "per-document keys left: {text}"
    );
    let pdf: PathBuf = dir.join("next.pdf");
    let run = render(&next, &pdf, &["-q"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let info = inspect(&std::fs::read(&pdf).unwrap());
    let first = squeeze(&info.pages[0].text());
    assert!(first.contains("中质协〔2021〕13号"), "{first}");
    assert!(!first.contains("加急"), "{first}");
    let all: String = info.pages.iter().map(|p| squeeze(&p.text())).collect();
    assert!(all.contains("中国质量协会2021年1月5日"), "{all}");
}
