//! 公文 elements and formats beyond the 文件格式 page (GB/T 9704-2012): the 联合行文 发文机关标志
//! (7.2.4), 签发人签名章 (7.3.5.3), rows of seals (7.3.5.1), the 命令（令）格式 (10.2) and the 纪要格式
//! (10.3) — each rendered from its sample through the CLI and measured in the PDF.

mod support;

use support::find_line as find;
use support::gongwen_grid::*;
use support::pdf_inspect::{inspect, Color, Glyph, ImagePlacement, PageInfo, TextLine};
use support::*;

fn is_red(c: &Color) -> bool {
    matches!(*c, Color::Rgb(r, g, b) if r > 0.7 && g < 0.2 && b < 0.3)
}

/// The middle of an em box of type `size` whose baseline is `y` (the faces' ascender is about
/// 0.88 em): its vertical centre.
fn em_middle(y: f64, size: f64) -> f64 {
    y + (0.88 - 0.5) * size
}

/// The glyphs of a page in `size`, grouped into lines by baseline.
fn lines_of_size(page: &PageInfo, size: f64) -> Vec<TextLine> {
    page.lines()
        .into_iter()
        .filter(|l| l.glyphs.iter().all(|g| (g.size - size).abs() < 0.01))
        .collect()
}

fn left_of(gs: &[Glyph]) -> f64 {
    gs.iter().map(|g| g.x).fold(f64::INFINITY, f64::min)
}

fn right_of(gs: &[Glyph]) -> f64 {
    gs.iter()
        .map(|g| g.x + g.advance)
        .fold(f64::NEG_INFINITY, f64::max)
}

#[test]
fn joint_issuers_mark_is_stacked_with_wenjian_centred_right_of_it() {
    let (info, _) = sample("gongwen-lianhe-2020-11");
    let page = &info.pages[0];
    let big = lines_of_size(page, 42.0);
    let text = |l: &TextLine| squeeze(&l.text());
    let host = big
        .iter()
        .find(|l| text(l) == "中国质量协会")
        .expect("host");
    let other = big
        .iter()
        .find(|l| text(l) == "国家市场监督管理总局质量发展局")
        .expect("second body");
    let suffix = big.iter().find(|l| text(l) == "文件").expect("文件");
    for l in [host, other, suffix] {
        assert!(l.glyphs.iter().all(|g| is_red(&g.fill)), "{}", text(l));
    }
    // The host first, the other under it; both as wide as each other, left and right aligned.
    assert!(host.y > other.y);
    assert!((host.left() - other.left()).abs() < 0.5);
    assert!((host.right() - other.right()).abs() < 0.5);
    // The host's type starts 35 mm under the top of the block.
    let top_mm = (TOP - (host.y + 0.88 * 42.0)) / MM;
    assert!((top_mm - 35.0).abs() < 0.5, "mark top {top_mm:.2} mm down");
    // 文件 right of the names, centred on them vertically.
    assert!(suffix.left() > host.right());
    let names_middle = (em_middle(host.y, 42.0) + em_middle(other.y, 42.0)) / 2.0;
    assert!((em_middle(suffix.y, 42.0) - names_middle).abs() < 0.5);
    // All within the type area and centred in it: the 14-character name (588 pt at 初号) is
    // narrowed horizontally (Tz) to leave room for 文件, its glyphs not moved closer.
    assert!(host.left() >= LEFT - 0.5 && suffix.right() <= RIGHT + 0.5);
    assert!(((host.left() + suffix.right()) / 2.0 - (LEFT + RIGHT) / 2.0).abs() < 0.5);
    let narrowed = &other.glyphs[0];
    assert!(narrowed.advance < 42.0 * 0.8, "{}", narrowed.advance);
    for pair in other.glyphs.windows(2) {
        assert!(pair[1].x >= pair[0].x + pair[0].advance - 0.01);
    }
    // The shorter host name is spaced out to the same width at full size.
    assert!((host.glyphs[0].advance - 42.0).abs() < 0.5);
    // The 发文字号 and the red rule follow under the mark.
    let lines = page.lines();
    let number = find(&lines, "中质协");
    assert!(number.y < other.y - 2.0 * PITCH);
}

/// The stamps of a page, top first.
fn stamps(page: &PageInfo) -> Vec<ImagePlacement> {
    let mut s = page.images.clone();
    s.sort_by(|a, b| b.y.total_cmp(&a.y));
    s
}

#[test]
fn signer_seals_stand_four_characters_in_with_the_title_two_characters_left() {
    let (info, _) = sample("gongwen-qianming-2020-11");
    let (p, lines) = page_with(&info, "2020年11月20日");
    let stamps = stamps(&info.pages[p]);
    assert_eq!(stamps.len(), 2, "{stamps:?}");
    let titles = [
        find(&lines, "中国质量协会会长"),
        find(&lines, "中国质量协会秘书长"),
    ];
    for (stamp, title) in stamps.iter().zip(titles) {
        // 20 mm wide, its right edge four characters in from the right edge of the block.
        assert!((stamp.width - 20.0 * MM).abs() < 0.5);
        let in_from_right = RIGHT - (stamp.x + stamp.width);
        assert!((in_from_right - 4.0 * CELL).abs() < 0.5, "{in_from_right}");
        // The title two characters left of it, centred on it vertically.
        let gap = stamp.x - title.right();
        assert!((gap - 2.0 * CELL).abs() < 0.5, "{gap}");
        let middle = stamp.y + stamp.height / 2.0;
        assert!((em_middle(title.y, 16.0) - middle).abs() < 0.5);
    }
    // Joint signers one under the other (the host first), stamps and titles aligned, the
    // stamps not touching.
    assert!((stamps[0].x - stamps[1].x).abs() < 0.01);
    assert!((titles[0].right() - titles[1].right()).abs() < 0.5);
    assert!(stamps[1].y + stamps[1].height < stamps[0].y);
    // The first stamp two blank lines under the text: its slot is the third under the last
    // line of the text; the date one blank line under the last stamp, four characters in.
    let text_last = lines
        .iter()
        .filter(|l| l.y > stamps[0].y + stamps[0].height)
        .map(row)
        .fold(f64::NEG_INFINITY, f64::max);
    let slot_top = TOP - (text_last + 3.0) * PITCH;
    let rows = (stamps[0].height / PITCH).ceil();
    let centred = (rows * PITCH - stamps[0].height) / 2.0;
    assert!((slot_top - centred - (stamps[0].y + stamps[0].height)).abs() < 0.5);
    let date = find(&lines, "2020年11月20日");
    assert!((date.right() - (RIGHT - 4.0 * CELL)).abs() < 0.5);
    let last_slot_bottom = stamps[1].y - centred;
    let date_slot_top = TOP - row(date) * PITCH;
    assert!((last_slot_bottom - date_slot_top - PITCH).abs() < 0.5);
    // No 署名: the titles stand in its place.
    let all = squeeze(&info.pages[p].text());
    assert!(!all.contains("中国质量协会2020"), "{all}");
}

#[test]
fn a_signer_seal_with_a_seal_is_an_error_at_its_place() {
    let (run, out) = render_text(
        "gongwen-signer-and-seal",
        "bad",
        "layout = \"gongwen\"\n[bulletin]\npublisher = \"P\"\ndate = 2021-03-05\nsignature = \"甲\"\nseal = \"a.png\"\nsigner-title = \"甲局局长\"\nsigner-seal = \"b.png\"\n[[blocks]]\ntext = \"正文。\"\n",
        &[],
    );
    assert_fails(&run, 1, "bad.toml:8:15");
    assert!(
        stderr(&run).contains("one or the other"),
        "{}",
        stderr(&run)
    );
    assert!(!out.exists());
}

#[test]
fn four_joint_seals_go_in_rows_within_the_type_area() {
    let (info, _) = sample("gongwen-four-seals-2020-12");
    let (p, lines) = page_with(&info, "2020年12月8日");
    let seals = stamps(&info.pages[p]);
    assert_eq!(seals.len(), 4);
    let date = find(&lines, "2020年12月8日");
    let bottom = TOP - 22.0 * PITCH;
    for s in &seals {
        // 每排印章两端不得超出版心; and none hangs below the block.
        assert!(s.x >= LEFT - 0.01 && s.x + s.width <= RIGHT + 0.01, "{s:?}");
        assert!(
            s.y >= bottom - 0.5,
            "{:.1} pt below the block",
            bottom - s.y
        );
    }
    // Two rows of two: level in a row, rows apart, no two seals touching.
    let (first, second) = seals.split_at(2);
    for row_ in [first, second] {
        assert!((row_[0].y - row_[1].y).abs() < 0.01);
    }
    assert!(first[0].y > second[0].y + second[0].height);
    for (i, a) in seals.iter().enumerate() {
        for b in &seals[i + 1..] {
            let apart = (a.x + a.width < b.x)
                || (b.x + b.width < a.x)
                || (a.y + a.height < b.y)
                || (b.y + b.height < a.y);
            assert!(apart, "{a:?} touches {b:?}");
        }
    }
    // The last seal centred over the date; each name centred under its seal, the issuers in
    // order, left to right and top to bottom.
    let by_x = |row_: &[ImagePlacement]| {
        let mut r = row_.to_vec();
        r.sort_by(|a, b| a.x.total_cmp(&b.x));
        r
    };
    let (first, second) = (by_x(first), by_x(second));
    let last = &second[1];
    assert!((last.x + last.width / 2.0 - centre(date)).abs() < 0.5);
    let names = ["中国质量协会", "全国妇联", "共青团中央", "全国总工会"];
    for (seal, name) in first.iter().chain(&second).zip(names) {
        let line = lines
            .iter()
            .find(|l| squeeze(&l.text()).contains(name))
            .unwrap_or_else(|| panic!("{name}"));
        let glyphs: Vec<Glyph> = line
            .glyphs
            .iter()
            .filter(|g| g.x >= seal.x && g.x < seal.x + seal.width)
            .cloned()
            .collect();
        let shown: String = glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(shown, name);
        let mid = (left_of(&glyphs) + right_of(&glyphs)) / 2.0;
        assert!((mid - (seal.x + seal.width / 2.0)).abs() < 0.5, "{name}");
        // The seal's middle on its names' line.
        assert!((em_middle(line.y, 16.0) - (seal.y + seal.height / 2.0)).abs() < 1.0);
    }
    // The first row's top within one line under the text.
    let text_end = lines
        .iter()
        .filter(|l| l.y > first[0].y + first[0].height)
        .map(|l| l.y - 0.12 * 16.0)
        .fold(f64::INFINITY, f64::min);
    let gap = text_end - (first[0].y + first[0].height);
    assert!((0.0..PITCH).contains(&gap), "{gap}");
}

#[test]
fn a_seal_on_the_last_lines_never_hangs_below_the_type_area() {
    // The sealed sample with one to 22 more lines of text: wherever the date falls, the seal
    // stays inside the block and never stands on a page without text.
    let dir = temp_dir("gongwen-seal-bottom");
    std::fs::copy(
        root().join("samples/seals/seal-a.png"),
        dir.join("seal.png"),
    )
    .unwrap();
    let bottom = TOP - 22.0 * PITCH;
    for extra in 1..=22 {
        let text = format!("{}。", "质".repeat(26 + (extra - 1) * 28));
        let def = dir.join(format!("d{extra}.toml"));
        std::fs::write(
            &def,
            format!(
                "layout = \"gongwen\"\n[bulletin]\npublisher = \"某单位\"\ndate = 2021-03-05\n\
                 signature = \"某某单位\"\nseal = \"seal.png\"\n[[blocks]]\ntext = \"{text}\"\n"
            ),
        )
        .unwrap();
        let out = dir.join(format!("d{extra}.pdf"));
        let run = render(&def, &out, &["-q"]);
        assert!(run.status.success(), "{}", stderr(&run));
        let info = inspect(&std::fs::read(&out).unwrap());
        for page in &info.pages {
            for s in &page.images {
                assert!(
                    s.y >= bottom - 0.5,
                    "{extra} lines: the seal hangs {:.1} mm below the block",
                    (bottom - s.y) / MM
                );
                assert!(page.glyphs.iter().any(|g| g.text == "质"));
            }
        }
    }
}

#[test]
fn ling_format_has_its_mark_20mm_down_and_the_number_two_lines_under() {
    let (info, _) = sample("ling-2020-12");
    let page = &info.pages[0];
    let lines = page.lines();
    let mark = find(&lines, "中国质量协会令");
    assert!(mark.glyphs.iter().all(|g| is_red(&g.fill)));
    assert!((centre(mark) - (LEFT + RIGHT) / 2.0).abs() < 0.5);
    let size = mark.glyphs[0].size;
    let top_mm = (TOP - (mark.y + 0.88 * size)) / MM;
    assert!((top_mm - 20.0).abs() < 0.5, "mark top {top_mm:.2} mm down");
    // 令号 centred, two blank lines under the mark; the text two blank lines under the 令号.
    let number = find(&lines, "第3号");
    assert_eq!(squeeze(&number.text()), "第3号");
    assert!((centre(number) - (LEFT + RIGHT) / 2.0).abs() < 0.5);
    let blank = |upper: f64, upper_size: f64, lower: f64| {
        let bottom_of_upper = upper - 0.12 * upper_size;
        let top_of_lower = lower + 0.88 * 16.0;
        (bottom_of_upper - top_of_lower) / PITCH
    };
    let under_mark = blank(mark.y, size, number.y);
    assert!((2.0..3.0).contains(&under_mark), "{under_mark}");
    let body = find(&lines, "《中国质量协会团体标准管理办法》");
    let under_number = blank(number.y, 16.0, body.y);
    assert!((2.0..3.0).contains(&under_number), "{under_number}");
    assert!((row(body) - row(body).round()).abs() < 0.01);
    // No 版头分隔线.
    assert!(!page.rules.iter().any(|r| is_red(&r.color)));
    // The 签发人职务 and 签名章 over the date (7.3.5.3).
    let stamp = &page.images[0];
    assert!((RIGHT - (stamp.x + stamp.width) - 4.0 * CELL).abs() < 0.5);
    let title = find(&lines, "中国质量协会会长");
    assert!((stamp.x - title.right() - 2.0 * CELL).abs() < 0.5);
}

#[test]
fn jiyao_lists_have_heiti_labels_and_names_aligned_after_the_colon() {
    let (info, _) = sample("jiyao-2020-12");
    let (_, lines) = page_with(&info, "出席：");
    let mark = find(&info.pages[0].lines(), "中国质量协会会议纪要").clone();
    assert!(mark.glyphs.iter().all(|g| is_red(&g.fill)));
    let top_mm = (TOP - (mark.y + 0.88 * mark.glyphs[0].size)) / MM;
    assert!((top_mm - 35.0).abs() < 0.5, "mark top {top_mm:.2} mm down");
    let present = find(&lines, "出席：");
    // 出席： in 黑体, two characters in; the names in 仿宋 right after the full-width colon.
    let label: Vec<&Glyph> = present.glyphs.iter().take(3).collect();
    assert!(
        label.iter().all(|g| g.font.contains("FandolHei")),
        "{label:?}"
    );
    assert!((label[0].x - (LEFT + 2.0 * CELL)).abs() < 0.5);
    let first_name = &present.glyphs[3];
    assert!(first_name.font.contains("FandolFang"));
    assert!((first_name.x - (LEFT + 5.0 * CELL)).abs() < 0.5);
    // The list wraps; the wrapped line starts under the first name.
    let wrapped = lines
        .iter()
        .find(|l| (row(l) - row(present) - 1.0).abs() < 0.01)
        .expect("a second line of names");
    assert!((wrapped.left() - first_name.x).abs() < 0.5);
    // One blank line under the text.
    let text_last = lines
        .iter()
        .filter(|l| l.y > present.y)
        .map(row)
        .fold(f64::NEG_INFINITY, f64::max);
    assert!(
        (row(present) - text_last - 2.0).abs() < 0.01,
        "{} {text_last}",
        row(present)
    );
    // 请假 and 列席 each on the next line, laid out the same way.
    let absent = find(&lines, "请假：");
    assert!((row(absent) - row(wrapped) - 1.0).abs() < 0.01);
    assert!((absent.glyphs[3].x - first_name.x).abs() < 0.5);
    let attending = find(&lines, "列席：");
    assert!(row(attending) > row(absent));
    assert!(attending.glyphs[0].font.contains("FandolHei"));
}

#[test]
fn xinhan_format_has_its_mark_30mm_from_the_edge_between_red_double_rules() {
    let (info, _) = sample("xinhan-2020-12");
    let page = &info.pages[0];
    let lines = page.lines();
    let mark = find(&lines, "中国质量协会");
    assert!(mark.glyphs.iter().all(|g| is_red(&g.fill)));
    assert!((centre(mark) - (LEFT + RIGHT) / 2.0).abs() < 0.5);
    let size = mark.glyphs[0].size;
    let page_top = 297.0 * MM;
    let mark_top = mark.y + 0.88 * size;
    assert!(
        ((page_top - mark_top) / MM - 30.0).abs() < 0.5,
        "{}",
        (page_top - mark_top) / MM
    );
    // Two red double rules, 170 mm long and centred: thick over thin 4 mm under the mark, thin
    // over thick with its lower edge 20 mm above the bottom edge.
    let mut rules: Vec<_> = page.rules.iter().filter(|r| is_red(&r.color)).collect();
    assert_eq!(rules.len(), 4, "{rules:?}");
    rules.sort_by(|a, b| b.y0.total_cmp(&a.y0));
    for r in &rules {
        assert!(((r.x1 - r.x0).abs() - 170.0 * MM).abs() < 0.5);
        assert!(((r.x0 + r.x1) / 2.0 - (LEFT + RIGHT) / 2.0).abs() < 0.5);
    }
    // Filled bars: their thickness is their height.
    let thick = |r: &support::pdf_inspect::Rule| (r.y1 - r.y0).abs();
    assert!(
        thick(rules[0]) > thick(rules[1]) && thick(rules[3]) > thick(rules[2]),
        "{rules:?}"
    );
    let mark_bottom = mark.y - 0.12 * size;
    let under = (mark_bottom - rules[0].y0.max(rules[0].y1)) / MM;
    assert!((under - 4.0).abs() < 0.5, "{under}");
    let lowest = rules[3].y0.min(rules[3].y1) / MM;
    assert!((lowest - 20.0).abs() < 0.5, "{lowest}");
    // 份号 flush left and the 发文字号 flush right on the first line under the rule, its type
    // 7/8 of its height (14 pt) under it; 紧急程度 under the 份号.
    let copy = find(&lines, "000012");
    assert!((copy.left() - LEFT).abs() < 0.5);
    let number = lines
        .iter()
        .find(|l| squeeze(&l.text()).ends_with("中质协函〔2020〕48号"))
        .expect("the number");
    assert!((number.right() - RIGHT).abs() < 0.5);
    assert!((number.y - copy.y).abs() < 0.01);
    let rule_bottom = rules[1].y0.min(rules[1].y1);
    let gap = rule_bottom - (copy.y + 0.88 * 16.0);
    assert!((gap - 14.0).abs() < 0.5, "{gap}");
    let urgency = find(&lines, "特急");
    assert!((copy.y - urgency.y - PITCH).abs() < 0.5 && (urgency.left() - LEFT).abs() < 0.5);
    // The title two lines under the last of them.
    let title = find(&lines, "关于报送");
    let between = (urgency.y - 0.12 * 16.0 - (title.y + 0.88 * 22.0)) / PITCH;
    assert!((2.0..3.0).contains(&between), "{between}");
    // No page number on page 1; the 版记 without 印发 line or rules.
    let all = squeeze(&page.text());
    assert!(!all.contains('—'), "{all}");
    let last = info.pages.last().unwrap();
    let tail = squeeze(&last.text());
    assert!(
        tail.contains("抄送：国家市场监督管理总局质量发展局。"),
        "{tail}"
    );
    assert!(!tail.contains("印发"), "{tail}");
    assert!(!last.rules.iter().any(|r| !is_red(&r.color)));
}

#[test]
fn next_document_keeps_signer_seals_and_drops_the_meeting_lists() {
    let dir = temp_dir("gongwen-formats-new");
    let next = dir.join("next.toml");
    let text = new_from_sample("gongwen-qianming-2020-11.toml", &next, "2021-01-05");
    let stamp = text
        .lines()
        .find(|l| l.starts_with("signer-seal = "))
        .unwrap_or_else(|| panic!("lost the 签名章: {text}"));
    assert!(stamp.contains("samples/seals/sign-a.png\""), "{stamp}");
    assert!(
        text.contains("signer-title = [\"中国质量协会会长\""),
        "{text}"
    );
    let pdf = dir.join("next.pdf");
    let run = render(&next, &pdf, &["-q", "--root", "/"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = new_from_sample("jiyao-2020-12.toml", &dir.join("next2.toml"), "2021-01-05");
    for dropped in ["present", "absent", "attending"] {
        assert!(
            !text.lines().any(|l| l.starts_with(&format!("{dropped} ="))),
            "{dropped} kept: {text}"
        );
    }
    assert!(text.contains("name = \"中国质量协会会议纪要\""), "{text}");
}

/// `signer-title` without `signer-seal` prints nothing: a warning at the key (in Chinese with
/// `--lang zh`), and an error under `--strict` (no PDF).
#[test]
fn a_signer_title_without_a_signer_seal_is_a_located_warning() {
    let text = "layout = \"gongwen\"\n[bulletin]\npublisher = \"P\"\ndate = 2021-03-05\nsignature = \"甲局\"\nsigner-title = \"甲局局长\"\n[[blocks]]\ntext = \"正文。\"\n";
    let (run, out) = render_text("gongwen-title-no-stamp", "t", text, &[]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning: ") && err.contains("t.toml:6:16") && err.contains("signer-seal"),
        "{err}"
    );
    assert!(out.exists());
    let (run, _) = render_text("gongwen-title-no-stamp-zh", "t", text, &["--lang", "zh"]);
    let err = stderr(&run);
    assert!(
        err.contains("t.toml:6:16") && err.contains("签名章"),
        "{err}"
    );
    let (run, out) = render_text("gongwen-title-no-stamp-strict", "t", text, &["--strict"]);
    assert_ne!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(!out.exists());
}

/// The lines a 签发人签名章 stands on hold no text: `--dump-lines` lists the 落款 as its titles
/// and its date, with no empty rows for the stamps or the blank line under them.
#[test]
fn dump_lines_lists_no_empty_rows_for_the_signer_stamps() {
    let dir = temp_dir("gongwen-signer-dump");
    let def = root().join("samples/gongwen-qianming-2020-11.toml");
    let run = jianbao()
        .args(["render", def.to_str().unwrap(), "--dump-lines", "-o"])
        .arg(dir.join("q.pdf"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let dump = String::from_utf8_lossy(&run.stdout).into_owned();
    let signature: Vec<&str> = dump
        .lines()
        .filter(|l| l.split_whitespace().nth(2) == Some("signature"))
        .collect();
    let texts: Vec<&str> = signature
        .iter()
        .map(|l| l.split("  ").last().unwrap_or("").trim())
        .collect();
    assert_eq!(
        texts,
        ["中国质量协会会长", "中国质量协会秘书长", "2020年11月20日"],
        "{dump}"
    );
    // Rows of seals likewise: the lines between the rows are room, not empty rows.
    let def = root().join("samples/gongwen-four-seals-2020-12.toml");
    let run = jianbao()
        .args(["render", def.to_str().unwrap(), "--dump-lines", "-o"])
        .arg(dir.join("four.pdf"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let dump = String::from_utf8_lossy(&run.stdout).into_owned();
    let rows: Vec<&str> = dump
        .lines()
        .filter(|l| l.split_whitespace().nth(2) == Some("signature"))
        .map(|l| l.split("  ").last().unwrap_or("").trim())
        .collect();
    assert_eq!(rows.len(), 3, "two rows of names and the date: {dump}");
    assert!(rows.iter().all(|t| !t.is_empty()), "{dump}");
}

/// On the grid a 字 in `[signature]` is a cell (156 mm / 28), but a length in millimetres is
/// millimetres: `seal-inset = "20mm"` puts the 签名章's right edge 20 mm in from the block's,
/// not 20 mm scaled to cells (19.7 mm).
#[test]
fn a_signature_length_in_millimetres_is_not_scaled_to_grid_cells() {
    let dir = temp_dir("gongwen-seal-inset-mm");
    std::fs::copy(
        root().join("samples/seals/sign-a.png"),
        dir.join("sign.png"),
    )
    .unwrap();
    std::fs::write(
        dir.join("mine.toml"),
        "extends = \"gongwen\"\n[signature]\nseal-inset = \"20mm\"\n",
    )
    .unwrap();
    let def = dir.join("t.toml");
    std::fs::write(
        &def,
        "layout = \"mine.toml\"\n[bulletin]\npublisher = \"P\"\ndate = 2021-03-05\nsigner-title = \"甲局局长\"\nsigner-seal = \"sign.png\"\n[[blocks]]\ntext = \"正文。\"\n",
    )
    .unwrap();
    let out = dir.join("t.pdf");
    let run = render(&def, &out, &["-q"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let info = support::pdf_inspect::inspect_file(&out);
    let stamp = &info.pages[0].images[0];
    let in_from_right = RIGHT - (stamp.x + stamp.width);
    assert!(
        (in_from_right - 20.0 * MM).abs() < 0.5,
        "{:.2} mm",
        in_from_right / MM
    );
}
