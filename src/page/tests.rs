//! The page stage on its own: documents resolved in memory from definition text with the
//! project's layouts and fonts, laid out by [`paginate`], checked on the engine's line records
//! and page items (no PDF).

use super::*;
use crate::assets::{FsAssets, SearchPaths};
use crate::error::Source;
use std::sync::OnceLock;

/// The project's own layouts and fonts (not the environment's), loaded once for all tests.
fn assets() -> &'static FsAssets {
    static ASSETS: OnceLock<FsAssets> = OnceLock::new();
    ASSETS.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        FsAssets::new(SearchPaths {
            layout_dirs: vec![root.join("layouts")],
            font_dirs: vec![root.join("fonts")],
            ..SearchPaths::default()
        })
    })
}

/// A document resolved from definition text (as if read from `path`).
fn document(path: &str, text: &str) -> Document {
    let source = Source::new(path, text);
    let def = crate::model::definition::parse(&source).expect("the definition parses");
    crate::resolve::resolve(&def, assets()).expect("the definition resolves")
}

/// A definition in `layout` with `blocks` (TOML `[[blocks]]` entries).
fn definition(layout: &str, blocks: &str) -> String {
    format!("layout = \"{layout}\"\n[bulletin]\npublisher = \"测试\"\ndate = 2024-01-02\n{blocks}")
}

fn body(text: &str) -> String {
    format!("[[blocks]]\ntext = \"{text}\"\n")
}

fn heading(text: &str, level: u8) -> String {
    format!("[[blocks]]\nheading = \"{text}\"\nlevel = {level}\n")
}

/// Chinese text of `chars` characters (ending in 。).
fn prose(chars: usize) -> String {
    let mut s: String = "质量活动覆盖面进一步扩大成效明显提升小组数量稳步增长"
        .chars()
        .cycle()
        .take(chars.saturating_sub(1))
        .collect();
    s.push('。');
    s
}

/// For each run of consecutive heading lines: whether it is on one page with at least
/// `least` lines (all, if it has fewer) of the block that follows it. Returns the failures as
/// readable text, and how many runs started a page (so a test can check that it exercised a
/// page break at all).
fn chain_failures(lines: &[LineRecord], least: usize) -> (Vec<String>, usize) {
    let heading = |l: &LineRecord| l.role.keeps_with_next();
    let mut failures = Vec::new();
    let mut at_page_top = 0;
    let mut i = 0;
    while i < lines.len() {
        if !heading(&lines[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && heading(&lines[i]) {
            i += 1;
        }
        let page = lines[start].page;
        if start > 0 && lines[start - 1].page != page {
            at_page_top += 1;
        }
        let chain: Vec<&str> = lines[start..i].iter().map(|l| l.text.as_str()).collect();
        if lines[start..i].iter().any(|l| l.page != page) {
            failures.push(format!("{chain:?} is split over pages"));
        }
        let Some(next) = lines.get(i) else { continue };
        let of_next: Vec<&LineRecord> = lines[i..]
            .iter()
            .take_while(|l| l.block == next.block)
            .collect();
        let with_chain = of_next.iter().filter(|l| l.page == page).count();
        if with_chain < least.min(of_next.len()) {
            failures.push(format!(
                "{chain:?} on page {page} is followed there by {with_chain} of the {} lines of `{}`",
                of_next.len(),
                next.text
            ));
        }
    }
    (failures, at_page_top)
}

/// Heading chains of one, two and three levels, each followed by a three-line paragraph,
/// pushed down the page one filler line at a time, on the newsletter layout and on the 公文
/// grid: no chain ever ends a page, and each keeps two lines of its paragraph.
#[test]
fn heading_chains_stay_with_the_text_they_introduce() {
    for (layout, fillers) in [("newsletter", 24), ("gongwen", 26)] {
        let mut broke_before_a_chain = 0;
        for k in 0..fillers {
            let mut blocks: String = (0..k).map(|i| body(&format!("第{i}段。"))).collect();
            blocks += &heading("总体要求", 1);
            blocks += &body(&prose(70));
            blocks += &heading("重点任务", 1);
            blocks += &heading("提升活动质量", 2);
            blocks += &body(&prose(70));
            blocks += &heading("加强组织领导", 1);
            blocks += &heading("健全工作机制", 2);
            blocks += &heading("规范活动程序", 3);
            blocks += &body(&prose(70));
            blocks += &body(&prose(70));
            let doc = document("mem.toml", &definition(layout, &blocks));
            let layout_out = paginate(&doc);
            let blocks: Vec<usize> = layout_out
                .lines
                .iter()
                .filter(|l| l.text.starts_with("质量活动"))
                .map(|l| l.block)
                .collect();
            let para = layout_out
                .lines
                .iter()
                .filter(|l| blocks.contains(&l.block))
                .count();
            assert_eq!(para, 12, "{layout}: the paragraphs are three lines each");
            let (failures, at_top) = chain_failures(&layout_out.lines, 2);
            assert!(failures.is_empty(), "{layout}, {k} fillers: {failures:#?}");
            broke_before_a_chain += at_top;
        }
        assert!(
            broke_before_a_chain >= 3,
            "{layout}: the sweep never moved a chain to a new page"
        );
    }
}

/// Where a heading and two lines of its three-line paragraph fit but the widow rule would then
/// send the whole paragraph on (one line here, one there is not allowed), the heading goes
/// with it instead of ending the page.
#[test]
fn a_heading_moves_with_a_paragraph_that_the_widow_rule_moves() {
    // Fill the newsletter's page until exactly a heading and two lines fit.
    for k in 0..30 {
        let mut blocks: String = (0..k).map(|i| body(&format!("第{i}段。"))).collect();
        blocks += &heading("总体要求", 1);
        blocks += &body(&prose(70));
        let doc = document("mem.toml", &definition("newsletter", &blocks));
        let lines = paginate(&doc).lines;
        let h = lines
            .iter()
            .position(|l| l.text == "总体要求")
            .expect("the heading is set");
        assert_eq!(
            lines[h].page,
            lines[h + 1].page,
            "{k} fillers: the heading ends page {}",
            lines[h].page
        );
    }
}

/// What the text items of a page say, in item order.
fn texts(page: &Page) -> Vec<String> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text(run) => Some(
                run.glyphs
                    .iter()
                    .map(|g| &run.text[g.text.start as usize..g.text.end as usize])
                    .collect(),
            ),
            _ => None,
        })
        .collect()
}

/// The seed's pages read in order: the running head first, then the text top to bottom (a
/// figure's caption where the figure is), the page number last.
#[test]
fn page_items_are_in_reading_order() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/cqa-2020-03-10.toml");
    let doc = document(path, &std::fs::read_to_string(path).unwrap());
    let layout = paginate(&doc);
    assert!(layout.pages.len() >= 3);
    let mut captions = 0;
    for page in &layout.pages[1..] {
        let t = texts(page);
        assert_eq!(t[0], "中国质量协会宣传部", "page {}: {t:?}", page.number);
        assert_eq!(
            t.last().unwrap(),
            &format!("-{}-", page.number),
            "page {}: {t:?}",
            page.number
        );
        // Top to bottom: the baselines of the text items never go back up.
        let baselines: Vec<f64> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(run) => Some(run.baseline.0),
                _ => None,
            })
            .collect();
        for (i, pair) in baselines.windows(2).enumerate() {
            assert!(
                pair[1] >= pair[0] - 0.01,
                "page {}: `{}` drawn after `{}` above it",
                page.number,
                t[i + 1],
                t[i]
            );
        }
        captions += t.iter().filter(|s| s.starts_with('图')).count();
    }
    assert_eq!(captions, 5, "every caption was checked");
}

/// A run of headings taller than a page cannot stay on one: it fills pages as they come (its
/// end kept with the text) instead of moving one heading at a time to a page of its own.
#[test]
fn a_chain_taller_than_a_page_fills_its_pages() {
    let mut blocks = body("前文。");
    for i in 0..60 {
        blocks += &heading(&format!("第{i}个标题"), 1 + (i % 4) as u8);
    }
    blocks += &body(&prose(70));
    let doc = document("mem.toml", &definition("newsletter", &blocks));
    let layout = paginate(&doc);
    let per_page: Vec<usize> = (0..layout.pages.len())
        .map(|p| layout.lines.iter().filter(|l| l.page == p).count())
        .collect();
    // 62 lines of at most 20 a page: four pages, not sixty.
    assert!(per_page.len() <= 4, "lines per page: {per_page:?}");
    let lines = &layout.lines;
    let n = lines.len();
    assert_eq!(lines[n - 4].text, "第59个标题");
    assert_eq!(lines[n - 4].page, lines[n - 2].page, "{per_page:?}");
}

/// A heading chain right before a table, pushed down the page one filler line at a time: the
/// chain is never left at a page's foot — it is on the page of the table's caption, header and
/// first body row — and the caption never stands alone either.
#[test]
fn a_heading_chain_keeps_with_the_table_it_introduces() {
    let table = "[[blocks]]\ntable = [[\"地区\", \"数量\"], [\"北京\", \"12\"], [\"上海\", \"13\"], [\"广州\", \"14\"]]\ncaption = \"各地数量\"\n";
    for layout in ["newsletter", "gongwen"] {
        let mut moved = 0;
        for k in 0..30 {
            let mut blocks: String = (0..k).map(|i| body(&format!("第{i}段。"))).collect();
            blocks += &heading("统计情况", 1);
            blocks += &heading("分地区数量", 2);
            blocks += table;
            let doc = document("mem.toml", &definition(layout, &blocks));
            let out = paginate(&doc);
            let page_of = |text: &str| {
                out.lines
                    .iter()
                    .find(|l| l.text.contains(text))
                    .map(|l| l.page)
                    .unwrap_or_else(|| panic!("{text} is set"))
            };
            let (h1, h2) = (page_of("统计情况"), page_of("分地区数量"));
            let caption = page_of("各地数量");
            let first_row = out
                .cells
                .iter()
                .find(|c| c.row == 1)
                .expect("the first body row is placed")
                .page;
            assert!(
                h1 == h2 && h2 == caption && caption == first_row,
                "{layout}, {k} fillers: headings on pages {h1}/{h2}, caption on {caption}, first row on {first_row}"
            );
            let before = out
                .lines
                .iter()
                .rev()
                .find(|l| l.text.starts_with('第') && l.text.ends_with("段。"));
            if before.is_some_and(|l| l.page < h1) {
                moved += 1;
            }
        }
        assert!(
            moved > 0,
            "{layout}: the sweep never moved the chain to a new page"
        );
    }
}
