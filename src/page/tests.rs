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
    page.items()
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
            .items()
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

/// Each text item's text and its tag's structure type, in item order.
fn tagged(page: &Page) -> Vec<(String, &'static str, Option<usize>)> {
    page.items
        .iter()
        .filter_map(|p| match &p.item {
            Item::Text(run) => Some((
                run.glyphs
                    .iter()
                    .map(|g| &run.text[g.text.start as usize..g.text.end as usize])
                    .collect(),
                p.tag.structure.name(),
                p.tag.element,
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn titles_and_headings_are_tagged_with_their_level_and_running_heads_are_artifacts() {
    let blocks = format!(
        "[[blocks]]\ntitle = \"总标题\"\n{}{}{}{}",
        heading("一级", 1),
        body("正文。"),
        heading("二级", 2),
        heading("四级", 4)
    );
    let doc = document("mem.toml", &definition("newsletter", &blocks));
    let layout = paginate(&doc);
    let page = &layout.pages[0];
    let t = tagged(page);
    let find = |s: &str| t.iter().find(|(text, ..)| text.contains(s)).unwrap();
    assert_eq!(find("总标题").1, "H1");
    assert_eq!(find("总标题").2, Some(0));
    assert_eq!(find("一级").1, "H2");
    assert_eq!(find("一级").2, Some(1));
    assert_eq!(find("正文").1, "P");
    assert_eq!(find("二级").1, "H3");
    assert_eq!(find("四级").1, "H5");
    // The running head (the publisher) and the page number are pagination artifacts, and so
    // is the running head's rule.
    assert_eq!(t[0].0, "测试");
    let last = t.last().unwrap();
    assert!(last.0.contains('1'), "{last:?}");
    for p in [&page.items[0], page.items.last().unwrap()] {
        assert_eq!(p.tag.structure, Structure::Artifact(Artifact::Pagination));
        assert_eq!(p.tag.element, None);
    }
    let rules: Vec<&Tag> = page
        .items
        .iter()
        .filter(|p| matches!(p.item, Item::Rule(_)))
        .map(|p| &p.tag)
        .collect();
    assert!(!rules.is_empty());
    assert!(rules.iter().all(|t| t.structure.is_artifact()), "{rules:?}");
    // Every op of the display list finds its item's tag.
    for op in paint::display_list(page, &doc.fonts) {
        let tag = page.tag(op.item);
        if let paint::Paint::Glyphs(run) = &op.paint {
            assert!(matches!(page.item(op.item), Item::Text(t) if std::ptr::eq(t, run.line)));
        }
        let _ = tag.structure.name();
    }
}

#[test]
fn table_cells_carry_th_or_td_with_their_row_and_column() {
    let blocks = format!(
        "{}[[blocks]]\ntable = [[\"地区\", \"人数\"], [\"北京\", \"12\"], [\"天津\", \"34\"]]\nheader = 1\ncaption = \"统计\"\n",
        body("前文。")
    );
    let doc = document("mem.toml", &definition("newsletter", &blocks));
    let layout = paginate(&doc);
    let cells: Vec<(String, Structure)> = layout.pages[0]
        .items
        .iter()
        .filter_map(|p| match (&p.item, &p.tag.structure) {
            (Item::Text(run), s @ (Structure::Cell { .. } | Structure::Caption { .. })) => {
                assert_eq!(p.tag.element, Some(1));
                Some((
                    run.text[run.glyphs[0].text.start as usize..].to_string(),
                    s.clone(),
                ))
            }
            _ => None,
        })
        .collect();
    let cell = |header, row, col| Structure::Cell {
        header,
        row,
        col,
        rowspan: 1,
        colspan: 1,
    };
    let starts: Vec<(&str, &Structure)> = cells
        .iter()
        .map(|(t, s)| (t.split_whitespace().next().unwrap_or(""), s))
        .collect();
    assert!(
        cells[0].0.contains("统计") && *starts[0].1 == Structure::Caption { part: 0 },
        "{starts:?}"
    );
    assert!(
        cells.contains(&("地区".into(), cell(true, 0, 0))),
        "{cells:?}"
    );
    assert!(
        cells.contains(&("人数".into(), cell(true, 0, 1))),
        "{cells:?}"
    );
    assert!(
        cells.contains(&("北京".into(), cell(false, 1, 0))),
        "{cells:?}"
    );
    assert!(
        cells.contains(&("34".into(), cell(false, 2, 1))),
        "{cells:?}"
    );
    // The table's rules are layout artifacts of the table.
    let rules = layout.pages[0]
        .items
        .iter()
        .filter(|p| matches!(p.item, Item::Rule(_)) && p.tag.element == Some(1));
    assert!(rules.count() >= 3);
}

#[test]
fn list_numbers_are_labels_and_items_are_counted() {
    let blocks = "[[blocks]]\nlist = [\"第一项。\", \"第二项。\", [\"嵌套项。\"]]\n";
    let doc = document("mem.toml", &definition("newsletter", blocks));
    let layout = paginate(&doc);
    let got: Vec<(String, Structure)> = layout.pages[0]
        .items
        .iter()
        .filter(|p| p.tag.element == Some(0))
        .filter_map(|p| match &p.item {
            Item::Text(run) => Some((
                run.glyphs
                    .iter()
                    .map(|g| &run.text[g.text.start as usize..g.text.end as usize])
                    .collect(),
                p.tag.structure.clone(),
            )),
            _ => None,
        })
        .collect();
    let expected = [
        ("1.", Structure::Lbl { item: 0 }),
        ("第一项。", Structure::LBody { item: 0 }),
        ("2.", Structure::Lbl { item: 1 }),
        ("第二项。", Structure::LBody { item: 1 }),
    ];
    for (i, (text, s)) in expected.iter().enumerate() {
        assert_eq!(got[i].1, *s, "{got:?}");
        assert_eq!(got[i].0.trim(), *text, "{got:?}");
    }
    assert_eq!(got[5].1, Structure::LBody { item: 2 }, "{got:?}");
}

#[test]
fn figures_take_their_caption_as_text_alternative() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/cqa-2020-03-10.toml");
    let doc = document(path, &std::fs::read_to_string(path).unwrap());
    let layout = paginate(&doc);
    let figures: Vec<&Tag> = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter(|p| matches!(p.item, Item::Image(_)))
        .map(|p| &p.tag)
        .collect();
    assert_eq!(figures.len(), 5);
    for tag in figures {
        let Structure::Figure { alt: Some(alt) } = &tag.structure else {
            panic!("{tag:?}")
        };
        assert!(alt.starts_with('图'), "{alt}");
        assert!(tag.element.is_some());
    }
}

#[test]
fn a_figure_s_alt_key_is_its_text_alternative() {
    let root = env!("CARGO_MANIFEST_DIR");
    let text = format!(
        "{}[[blocks]]\nfigure = \"cqa-2020-03-10/fig2.png\"\nalt = \"一张柱状图\"\ncaption = \"图注\"\n",
        definition("newsletter", "")
    );
    let doc = document(&format!("{root}/samples/mem.toml"), &text);
    let layout = paginate(&doc);
    let alt = layout.pages[0]
        .items
        .iter()
        .find_map(|p| match &p.tag.structure {
            Structure::Figure { alt } => Some(alt.clone()),
            _ => None,
        });
    assert_eq!(alt, Some(Some("一张柱状图".into())));
}

#[test]
fn the_outline_has_the_titles_and_headings_where_their_first_lines_are() {
    let mut blocks = String::from("[[blocks]]\ntitle = \"总标题\"\n");
    blocks += &heading("一级标题", 1);
    blocks += &body(&prose(900));
    blocks += &heading("二级标题", 2);
    blocks += &body("短。");
    let doc = document("mem.toml", &definition("newsletter", &blocks));
    let layout = paginate(&doc);
    let outline = structure::outline(&doc, &layout);
    let got: Vec<(u8, &str, usize)> = outline
        .iter()
        .map(|e| (e.level, e.title.as_str(), e.page))
        .collect();
    let last_page = layout
        .lines
        .iter()
        .find(|l| l.text.contains("二级"))
        .unwrap()
        .page;
    assert!(last_page > 0);
    assert_eq!(
        got,
        [
            (0, "总标题", 0),
            (1, "一级标题", 0),
            (2, "二级标题", last_page)
        ]
    );
    // Each entry is just above its first line's baseline.
    for e in &outline {
        let run = layout.pages[e.page]
            .items()
            .find_map(|i| match i {
                Item::Text(r) if r.text.contains(e.title.as_str()) => Some(r),
                _ => None,
            })
            .unwrap();
        assert!(
            e.y < run.baseline && e.y >= run.baseline - run.size * 1.01,
            "{e:?}"
        );
    }
}

#[test]
fn urls_and_e_mail_addresses_are_links_also_across_lines() {
    let url = "https://www.example.com/a/very/long/path/that/cannot/fit/on/one/line/of/the/page/index.html";
    let text = format!("请访问{url}了解详情，或来信至 office@cqa.cn 咨询。");
    let doc = document("mem.toml", &definition("newsletter", &body(&text)));
    let layout = paginate(&doc);
    let runs: Vec<&TextRun> = layout.pages[0]
        .items
        .iter()
        .filter(|p| !p.tag.structure.is_artifact())
        .filter_map(|p| match &p.item {
            Item::Text(r) => Some(r),
            _ => None,
        })
        .collect();
    let spans: Vec<(&str, &LinkTarget)> = runs
        .iter()
        .flat_map(|r| {
            r.links.iter().map(|l| {
                (
                    &r.text[l.text.start as usize..l.text.end as usize],
                    &l.target,
                )
            })
        })
        .collect();
    let whole = LinkTarget::Uri(url.to_string());
    let of_url: Vec<&str> = spans
        .iter()
        .filter(|(_, t)| **t == whole)
        .map(|(s, _)| *s)
        .collect();
    assert!(
        of_url.len() >= 2,
        "the URL is broken across lines: {spans:?}"
    );
    assert_eq!(of_url.concat(), url);
    assert!(spans.contains(&(
        "office@cqa.cn",
        &LinkTarget::Uri("mailto:office@cqa.cn".into())
    )));
    // Each span lies within its line's glyphs.
    for r in &runs {
        for l in &r.links {
            assert!(r.glyphs.iter().any(|g| g.text.start == l.text.start));
            assert!(r.glyphs.iter().any(|g| g.text.end == l.text.end));
        }
    }
    assert_eq!(structure::uri("www.cqa.cn"), "http://www.cqa.cn");
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

#[test]
fn references_link_to_the_figure_or_table_they_name() {
    let root = env!("CARGO_MANIFEST_DIR");
    let blocks = format!(
        "{}{}[[blocks]]\nfigure = \"cqa-2020-03-10/fig2.png\"\nlabel = \"chart\"\ncaption = \"图注\"\n{}[[blocks]]\ntable = [[\"甲\", \"乙\"], [\"1\", \"2\"]]\nlabel = \"t\"\ncaption = \"表注\"\n",
        body("见图{ref:chart}和表{ref:t}。"),
        body(&prose(1400)),
        body("又见图{ref:chart}。"),
    );
    let text = definition("newsletter", &blocks);
    let doc = document(&format!("{root}/samples/mem.toml"), &text);
    let layout = paginate(&doc);
    // Where the figure and the table are.
    let top_of = |want: fn(&Item) -> bool| {
        layout
            .pages
            .iter()
            .enumerate()
            .find_map(|(p, page)| {
                page.items().find(|i| want(i)).map(|i| match i {
                    Item::Image(ImageBox { y, .. }) => (p, *y),
                    Item::Text(r) => (p, r.baseline - r.size),
                    _ => unreachable!(),
                })
            })
            .unwrap()
    };
    let figure = top_of(|i| matches!(i, Item::Image(_)));
    let table = top_of(|i| matches!(i, Item::Text(r) if r.text.starts_with("表")));
    assert!(figure.0 > 0, "the figure is on a later page");
    let links: Vec<(String, LinkTarget)> = layout
        .pages
        .iter()
        .flat_map(|p| p.items())
        .filter_map(|i| match i {
            Item::Text(r) => Some(r),
            _ => None,
        })
        .flat_map(|r| {
            r.links.iter().map(|l| {
                let text = &r.text[l.text.start as usize..l.text.end as usize];
                (text.to_string(), l.target.clone())
            })
        })
        .collect();
    let at = |(page, y): (usize, Pt)| LinkTarget::Internal { page, y };
    assert_eq!(
        links,
        [
            ("1".to_string(), at(figure)),
            ("1".to_string(), at(table)),
            ("1".to_string(), at(figure)),
        ]
    );
}

#[test]
fn a_title_broken_over_lines_is_one_outline_entry() {
    let blocks = "[[blocks]]\ntitle = \"关于加强质量工作的{br}通知 Annual{br}Report\"\n";
    let doc = document("mem.toml", &definition("newsletter", blocks));
    let layout = paginate(&doc);
    let outline = structure::outline(&doc, &layout);
    let titles: Vec<&str> = outline.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["关于加强质量工作的通知 Annual Report"]);
}

#[test]
fn references_in_captions_and_table_cells_are_links_too() {
    let root = env!("CARGO_MANIFEST_DIR");
    let blocks = "[[blocks]]\nfigure = \"cqa-2020-03-10/fig2.png\"\nlabel = \"chart\"\ncaption = \"数据见表{ref:t}\"\n[[blocks]]\ntable = [[\"甲\", \"乙\"], [\"见图{ref:chart}\", \"2\"]]\nlabel = \"t\"\ncaption = \"表注\"\n";
    let doc = document(
        &format!("{root}/samples/mem.toml"),
        &definition("newsletter", blocks),
    );
    let layout = paginate(&doc);
    let links: Vec<(Structure, &str, bool)> = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|p| match &p.item {
            Item::Text(r) => Some((p, r)),
            _ => None,
        })
        .flat_map(|(p, r)| {
            r.links.iter().map(move |l| {
                (
                    p.tag.structure.clone(),
                    &r.text[l.text.start as usize..l.text.end as usize],
                    matches!(l.target, LinkTarget::Internal { .. }),
                )
            })
        })
        .collect();
    assert_eq!(
        links,
        [
            (Structure::Caption { part: 0 }, "1", true),
            (
                Structure::Cell {
                    header: false,
                    row: 1,
                    col: 0,
                    rowspan: 1,
                    colspan: 1,
                },
                "1",
                true
            ),
        ]
    );
}
