//! The closing parts of a 公文 (GB/T 9704-2012 7.3.5, 7.3.6, 7.4): 落款 with and without seals,
//! 成文日期, 附注, and where they stand before an attachment — rendered through the CLI and read
//! back from the PDF.

mod support;

use support::find_line as find;
use support::gongwen_grid::*;
use support::pdf_inspect::{inspect, PdfInfo, TextLine};
use support::*;

/// The 公文 sample with `edit` applied to its text, rendered; warnings are failures.
fn sample_with(dir: &str, edit: impl Fn(String) -> String) -> PdfInfo {
    let text =
        std::fs::read_to_string(root().join("samples/gongwen-wenjian-2020-08.toml")).unwrap();
    let (run, out) = render_text(dir, "doc", &edit(text), &["-q"]);
    assert!(run.status.success(), "render failed: {}", stderr(&run));
    assert!(stderr(&run).is_empty(), "warnings: {}", stderr(&run));
    inspect(&std::fs::read(&out).unwrap())
}

#[test]
fn a_page_break_before_an_attachment_keeps_the_closing_parts_with_the_text() {
    let info = sample_with("gongwen-break-attachment", |t| {
        t.replace(
            "[[blocks]]\nattachment = \"附件1\"",
            "[[blocks]]\npage-break = true\n\n[[blocks]]\nattachment = \"附件1\"",
        )
    });
    let at = info
        .pages
        .iter()
        .position(|p| squeeze(&p.text()).starts_with("附件1"))
        .expect("a page that starts with 附件1");
    // The 附件说明 and the 落款 close the text on its own page, not on a page of their own.
    let before = squeeze(&info.pages[at - 1].text());
    assert!(before.contains("务保障工作。"), "{before}");
    assert!(before.contains("附件：1."), "{before}");
    assert!(before.contains("中国质量协会2020年8月14日"), "{before}");
    // The attachment's page holds only the attachment.
    let page = squeeze(&info.pages[at].text());
    assert!(!page.contains("附件：1."), "{page}");
    assert!(!page.contains("中国质量协会2020年8月14日"), "{page}");
    // No page is left empty in between: the same pages as without the page break.
    let plain = sample_with("gongwen-nobreak-attachment", |t| t);
    assert_eq!(info.pages.len(), plain.pages.len());
}

#[test]
fn a_single_seal_presses_on_the_signature_and_date() {
    let (info, bytes) = sample("gongwen-seal-2020-08");
    // 7.3.5.4: the year in full, month and day without a leading zero.
    let (p, lines) = page_with(&info, "2020年8月4日");
    let date = find(&lines, "2020年8月4日");
    assert_eq!(squeeze(&date.text()), "2020年8月4日");
    let name = find(&lines, "中国质量协会");
    // The date four characters in from the right edge; the name centred over it, one line up.
    assert!(
        (date.right() - (RIGHT - 4.0 * CELL)).abs() < 0.5,
        "date ends {:.2} pt from the edge",
        RIGHT - date.right()
    );
    assert!((centre(name) - centre(date)).abs() < 0.5);
    assert!((row(date) - row(name) - 1.0).abs() < 0.01);
    // The seal: 42 mm wide, centred on the date, the name and date in its lower half.
    let page = &info.pages[p];
    assert_eq!(page.images.len(), 1, "{:?}", page.images);
    let seal = &page.images[0];
    assert!((seal.width - 42.0 * MM).abs() < 0.5, "{}", seal.width);
    assert!((seal.x + seal.width / 2.0 - centre(date)).abs() < 0.5);
    let seal_mid = seal.y + seal.height / 2.0;
    let (name_mid, date_mid) = (name.y + 0.3 * 16.0, date.y + 0.3 * 16.0);
    assert!(name_mid < seal_mid && name_mid > seal_mid - 0.4 * seal.height);
    assert!(date_mid < name_mid && date.y - 0.12 * 16.0 > seal.y);
    // Its top within one line under the last line of the text (never on it).
    let text_end = lines
        .iter()
        .filter(|l| l.y > name.y)
        .map(|l| l.y - 0.12 * 16.0)
        .fold(f64::INFINITY, f64::min);
    let gap = text_end - (seal.y + seal.height);
    assert!(
        (0.0..PITCH).contains(&gap),
        "seal top {gap:.1} pt under the text"
    );
    // Drawn multiplied over the type, so that the date under the red stays legible.
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/BM /Multiply") || raw.contains("/BM/Multiply"));
    // 7.3.6: the 附注 in parentheses, two characters in, on the line under the date.
    let note = find(&lines, "（此件公开发布）");
    assert_eq!(squeeze(&note.text()), "（此件公开发布）");
    assert!(
        (note.left() - (LEFT + 2.0 * CELL)).abs() < 0.5,
        "{}",
        note.left()
    );
    assert!((row(note) - row(date) - 1.0).abs() < 0.01);
    // 7.4.3: the 印发日期 is its own key.
    let last = squeeze(&info.pages.last().unwrap().text());
    assert!(last.contains("2020年8月6日印发"), "{last}");
}

#[test]
fn joint_seals_stand_side_by_side_each_over_its_name() {
    let (info, _) = sample("gongwen-joint-seal-2020-09");
    let (p, lines) = page_with(&info, "2020年9月18日");
    let date = find(&lines, "2020年9月18日");
    assert!((date.right() - (RIGHT - 4.0 * CELL)).abs() < 0.5);
    let mut seals = info.pages[p].images.clone();
    seals.sort_by(|a, b| a.x.total_cmp(&b.x));
    assert_eq!(seals.len(), 2);
    // In the issuers' order, neither touching nor overlapping, inside the block, level.
    assert!(seals[0].x + seals[0].width < seals[1].x - 1.0);
    assert!(seals[0].x >= LEFT && seals[1].x + seals[1].width <= RIGHT);
    assert!((seals[0].y - seals[1].y).abs() < 0.01);
    // Each name centred under its seal on one line; the last seal over the date.
    let names = lines
        .iter()
        .find(|l| l.y > date.y && squeeze(&l.text()).starts_with("中国质量协会"))
        .expect("the names' line");
    // The names are narrower than their seals: the glyphs left of the second seal are the first
    // name's.
    let (first, second): (Vec<_>, Vec<_>) = names.glyphs.iter().partition(|g| g.x < seals[1].x);
    assert_eq!(
        first.iter().map(|g| g.text.as_str()).collect::<String>(),
        "中国质量协会"
    );
    assert_eq!(
        second.iter().map(|g| g.text.as_str()).collect::<String>(),
        "全国妇联"
    );
    let mid = |gs: &[&support::pdf_inspect::Glyph]| {
        (gs[0].x + gs.last().unwrap().x + gs.last().unwrap().advance) / 2.0
    };
    for (gs, seal) in [(&first, &seals[0]), (&second, &seals[1])] {
        assert!((mid(gs) - (seal.x + seal.width / 2.0)).abs() < 0.5);
    }
    assert!((seals[1].x + seals[1].width / 2.0 - centre(date)).abs() < 0.5);
    assert!((row(date) - row(names) - 1.0).abs() < 0.01);
}

#[test]
fn joint_signatures_without_seals_are_stacked() {
    let (info, _) = sample("gongwen-joint-2020-09");
    let (_, lines) = page_with(&info, "2020年9月18日");
    let names: Vec<&TextLine> = ["中国质量协会", "中国标准化协会", "全国妇联"]
        .iter()
        .map(|n| find(&lines, n))
        .collect();
    let date = find(&lines, "2020年9月18日");
    // One under the other, the date under the last, each on the next grid line.
    for pair in names.windows(2) {
        assert!((row(pair[1]) - row(pair[0]) - 1.0).abs() < 0.01);
    }
    assert!((row(date) - row(names[2]) - 1.0).abs() < 0.01);
    // The date is longer than the last name: it keeps two characters to the edge, the last
    // name starts two characters left of it, and the names share their right edge.
    assert!((date.right() - (RIGHT - 2.0 * CELL)).abs() < 1.0);
    assert!((date.left() - names[2].left() - 2.0 * CELL).abs() < 0.5);
    for n in &names {
        assert!((n.right() - names[2].right()).abs() < 0.5);
    }
    let note = find(&lines, "（此件发至县级）");
    assert!((row(note) - row(date) - 1.0).abs() < 0.01);
}

#[test]
fn a_seal_count_unlike_the_signatures_is_located() {
    let (run, out) = render_text(
        "gongwen-seal-count",
        "bad",
        "layout = \"gongwen\"\n[bulletin]\npublisher = \"P\"\ndate = 2021-03-05\nsignature = [\"甲\", \"乙\"]\nseal = \"a.png\"\n[[blocks]]\ntext = \"正文。\"\n",
        &[],
    );
    assert_fails(&run, 1, "bad.toml:6:8");
    assert!(
        stderr(&run).contains("one seal for each name"),
        "{}",
        stderr(&run)
    );
    assert!(!out.exists());
}

#[test]
fn a_sealed_signature_never_stands_alone_at_the_head_of_a_page() {
    // One paragraph that fills page 1 to its last grid line: the seal, the name and the date
    // cannot follow it there.
    let dir = temp_dir("gongwen-seal-keep");
    std::fs::copy(
        root().join("samples/seals/seal-a.png"),
        dir.join("seal.png"),
    )
    .unwrap();
    let text = format!("{}。", "质".repeat(26 + 21 * 28 - 1));
    let def = dir.join("full.toml");
    std::fs::write(
        &def,
        format!(
            "layout = \"gongwen\"\n[bulletin]\npublisher = \"某单位\"\ndate = 2021-03-05\n\
             signature = \"某某单位\"\nseal = \"seal.png\"\n[[blocks]]\ntext = \"{text}\"\n"
        ),
    )
    .unwrap();
    let out = dir.join("full.pdf");
    let run = render(&def, &out, &["-q"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let info = inspect(&std::fs::read(&out).unwrap());
    assert_eq!(info.pages.len(), 2);
    // 7.3.5.5: the text's last lines go to page 2 with the seal (the spacing is not squeezed).
    let body = |i: usize| {
        info.pages[i]
            .lines()
            .iter()
            .filter(|l| l.glyphs.iter().any(|g| g.text == "质"))
            .count()
    };
    assert!(body(1) >= 1, "no text before the seal on page 2");
    assert_eq!(body(0) + body(1), 22);
    assert!(info.pages[0].images.is_empty());
    let seal = &info.pages[1].images[0];
    let lines = info.pages[1].lines();
    let last = lines
        .iter()
        .rfind(|l| l.glyphs.iter().any(|g| g.text == "质"))
        .unwrap();
    let gap = last.y - 0.12 * 16.0 - (seal.y + seal.height);
    assert!((0.0..PITCH).contains(&gap), "{gap}");
    assert!(seal.y + seal.height <= TOP);
}

#[test]
fn with_back_page_the_banji_is_on_an_even_page() {
    // The sample's text and attachment end on page 3: the 版记 goes to page 4, which is numbered
    // (no blank page before it).
    let info = sample_with("gongwen-back-page", |t| {
        format!("{t}\n[overrides.end-block]\nback-page = true\n")
    });
    assert_eq!(info.pages.len(), 4);
    let text = |i: usize| squeeze(&info.pages[i].text());
    assert!(!text(2).contains("抄送："), "{}", text(2));
    assert!(text(3).starts_with("抄送："), "{}", text(3));
    assert!(text(3).ends_with("—4—"), "{}", text(3));
    // Without it the 版记 stays at the foot of page 3.
    let plain = sample_with("gongwen-no-back-page", |t| t);
    assert_eq!(plain.pages.len(), 3);
    assert!(squeeze(&plain.pages[2].text()).contains("抄送："));
}

#[test]
fn a_blank_page_before_the_back_page_banji_and_the_banji_page_carry_no_number() {
    // Two full pages of text: the 版记 cannot go on page 2, and page 3 is odd — page 3 stays
    // blank and the 版记 stands on page 4.
    let text = format!("{}。", "质".repeat(26 + 43 * 28 - 1));
    let def = format!(
        "layout = \"gongwen\"\n[bulletin]\npublisher = \"某单位\"\ndate = 2021-03-05\n\
         cc = \"某机关\"\n[[blocks]]\ntext = \"{text}\"\n[overrides.end-block]\nback-page = true\n"
    );
    let (run, out) = render_text("gongwen-back-page-blank", "doc", &def, &["-q"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let info = inspect(&std::fs::read(&out).unwrap());
    assert_eq!(info.pages.len(), 4);
    assert!(squeeze(&info.pages[1].text()).ends_with("—2—"));
    assert!(info.pages[2].glyphs.is_empty() && info.pages[2].rules.is_empty());
    let last = squeeze(&info.pages[3].text());
    assert!(last.starts_with("抄送：某机关。"), "{last}");
    assert!(!last.contains('—'), "{last}");
}

#[test]
fn signers_stand_right_of_the_document_number_two_to_a_line() {
    let (info, _) = sample("gongwen-shangxing-2020-10");
    let lines = info.pages[0].lines();
    let first = find(&lines, "签发人：");
    // 签发人： in 仿宋, the names in 楷体.
    let label: Vec<_> = first.glyphs.iter().take(4).collect();
    assert!(
        label.iter().all(|g| g.font.contains("FandolFang")),
        "{label:?}"
    );
    assert!(first.glyphs[4..]
        .iter()
        .all(|g| g.font.contains("FandolKai")));
    assert_eq!(squeeze(&first.text()), "签发人：张三李四明");
    // The block one character in from the right edge; a wrapped line's name under the first.
    assert!(
        (first.right() - (RIGHT - CELL)).abs() < 0.5,
        "{}",
        RIGHT - first.right()
    );
    let zhang = first.glyphs.iter().find(|g| g.text == "张").unwrap();
    let last = lines
        .iter()
        .find(|l| l.glyphs.iter().any(|g| g.text == "王") && l.y < first.y)
        .expect("the third name under the first");
    let wang = last.glyphs.iter().find(|g| g.text == "王").unwrap();
    assert!((wang.x - zhang.x).abs() < 0.05);
    assert!((first.y - wang.y - PITCH).abs() < 0.05);
    // The 发文字号 one character in from the left, on the line of the last name.
    let number = last.glyphs.iter().find(|g| g.text == "中").unwrap();
    assert!(
        (number.x - (LEFT + CELL)).abs() < 0.5,
        "{}",
        number.x - LEFT
    );
    assert!((number.y - wang.y).abs() < 0.05);
    // The first line is where the 发文字号 stands without signers (two lines under the 标志).
    let plain = sample_with("gongwen-no-signers", |t| t);
    let plain_lines = plain.pages[0].lines();
    let plain_number = find(&plain_lines, "中质协");
    assert!((plain_number.y - first.y).abs() < 0.05);
    // The red rule 4 mm under the last line's type.
    let rule = info.pages[0]
        .rules
        .iter()
        .find(|r| matches!(r.color, support::pdf_inspect::Color::Rgb(r, _, _) if r > 0.7))
        .expect("the red rule");
    let under = (wang.y - 0.2 * 16.0 - rule.y0.max(rule.y1)) / MM;
    assert!((under - 4.0).abs() < 1.0, "{under}");
}

#[test]
fn next_document_keeps_seal_and_signers_and_drops_note_and_print_date() {
    let dir = temp_dir("gongwen-closing-new");
    let next = dir.join("next.toml");
    let text = new_from_sample("gongwen-seal-2020-08.toml", &next, "2021-01-05");
    // The seal recurs, its path rewritten to reach the same file from the new directory.
    let seal = text
        .lines()
        .find(|l| l.starts_with("seal = "))
        .unwrap_or_else(|| panic!("lost the seal: {text}"));
    assert!(seal.ends_with("samples/seals/seal-a.png\""), "{seal}");
    assert!(text.contains("signature = \"中国质量协会\""), "{text}");
    for dropped in ["note", "print-date"] {
        assert!(
            !text.lines().any(|l| l.starts_with(&format!("{dropped} ="))),
            "{dropped} kept: {text}"
        );
    }
    let pdf = dir.join("next.pdf");
    let run = render(&next, &pdf, &["-q", "--root", "/"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let info = inspect(&std::fs::read(&pdf).unwrap());
    assert!(info.pages.iter().any(|p| !p.images.is_empty()));
    let all: String = info.pages.iter().map(|p| squeeze(&p.text())).collect();
    assert!(all.contains("2021年1月5日印发"), "{all}");
    // 签发人 recur too.
    let next2 = dir.join("next2.toml");
    let text = new_from_sample("gongwen-shangxing-2020-10.toml", &next2, "2021-01-05");
    assert!(
        text.contains("signers = [\"张三\", \"李四明\", \"王五\"]"),
        "{text}"
    );
}
