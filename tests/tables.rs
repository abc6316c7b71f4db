//! Tables read back from the PDF: every cell's text inside its cell's rules and in row order,
//! the header rows and 续表 repeated on the next page, rule widths, the 公文 grid resuming after
//! a table, rows from CSV (GBK too), and bad input reported at its place.

mod support;

use support::gongwen_grid::PITCH;
use support::pdf_inspect::{inspect_file, Glyph, PageInfo, PdfInfo, Rule, TextLine};
use support::*;

fn render_sample(sample: &str, dir: &str) -> PdfInfo {
    let out = temp_dir(dir).join("out.pdf");
    let run = render(&root().join("samples").join(sample), &out, &["-q"]);
    assert!(run.status.success(), "render failed: {}", stderr(&run));
    inspect_file(&out)
}

/// Renders a definition written into a fresh directory (with `files` beside it).
fn render_def(dir: &str, text: &str, files: &[(&str, &[u8])]) -> (std::process::Output, PdfInfo) {
    let dir = temp_dir(dir);
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let def = dir.join("t.toml");
    std::fs::write(&def, text).unwrap();
    let out = dir.join("t.pdf");
    let run = render(&def, &out, &[]);
    let info = if run.status.success() {
        inspect_file(&out)
    } else {
        PdfInfo {
            pages: Vec::new(),
            fonts: Vec::new(),
            info: Default::default(),
            image_xobjects: Vec::new(),
        }
    };
    (run, info)
}

const HEAD: &str = "layout = \"jianbao\"\n\n[bulletin]\npublisher = \"测试编印单位\"\ndate = 2024-05-01\nname = \"测试简报\"\n\n";

/// The glyphs of the first occurrence of `text` on a page (in content order).
fn find<'a>(page: &'a PageInfo, text: &str) -> Option<&'a [Glyph]> {
    find_sized(page, text, None)
}

/// Cell text: the first occurrence in the cells' type size and face (四号 仿宋; the body is
/// 三号, the caption 四号 楷体).
fn cell<'a>(page: &'a PageInfo, text: &str) -> Option<&'a [Glyph]> {
    find_sized(page, text, Some(14.0))
}

fn find_sized<'a>(page: &'a PageInfo, text: &str, size: Option<f64>) -> Option<&'a [Glyph]> {
    let all = &page.glyphs;
    let n = text.chars().count();
    (0..all.len().saturating_sub(n - 1))
        .find(|&i| {
            all[i..i + n]
                .iter()
                .map(|g| g.text.as_str())
                .collect::<String>()
                == text
                && size
                    .is_none_or(|s| (all[i].size - s).abs() < 0.01 && !all[i].font.contains("Kai"))
        })
        .map(|i| &all[i..i + n])
}

/// A line of the statistics table's body: it starts with a region's name.
fn is_row(line: &TextLine, regions: &[&str]) -> bool {
    let text: String = line.glyphs.iter().map(|g| g.text.as_str()).collect();
    regions.iter().any(|r| text.starts_with(r))
}

fn horizontal(r: &Rule) -> bool {
    r.filled && r.x1 - r.x0 > 20.0 && r.y1 - r.y0 < 2.0
}

fn vertical(r: &Rule) -> bool {
    r.filled && r.y1 - r.y0 > 5.0 && r.x1 - r.x0 < 2.0
}

/// Distinct values (within 0.2 pt), sorted.
fn distinct(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    v.dedup_by(|a, b| (*a - *b).abs() < 0.2);
    v
}

#[test]
fn statistics_table_continues_with_its_header_under_xubiao_and_keeps_row_order() {
    let info = render_sample("jianbao-table-2020-07.toml", "tables-stats");
    let csv = std::fs::read_to_string(root().join("samples/tables/会员发展统计.csv")).unwrap();
    let regions: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert!(regions.len() >= 30, "{}", regions.len());
    // Every region once, in the CSV's order, page after page.
    let mut seen = Vec::new();
    let mut pages_with_rows = Vec::new();
    for (p, page) in info.pages.iter().enumerate() {
        for line in page.lines() {
            let text: String = line.glyphs.iter().map(|g| g.text.as_str()).collect();
            if let Some(r) = regions.iter().find(|r| {
                text.starts_with(**r) && text[r.len()..].starts_with(|c: char| c.is_ascii_digit())
            }) {
                seen.push(*r);
                if pages_with_rows.last() != Some(&p) {
                    pages_with_rows.push(p);
                }
            }
        }
    }
    assert_eq!(seen, regions, "rows out of order or missing");
    assert!(
        pages_with_rows.len() >= 2,
        "the table should cross a page: {pages_with_rows:?}"
    );
    let first = &info.pages[pages_with_rows[0]];
    let second = &info.pages[pages_with_rows[1]];
    assert!(
        find(first, "表1").is_some() && find(first, "2020年上半年各地").is_some(),
        "caption on the first page"
    );
    assert!(find(first, "续表").is_none());
    // The second page: 续表1 over the repeated header, the header over the first row there.
    let xubiao = find(second, "续表1").expect("续表1 on the second page");
    let header = cell(second, "地区").expect("header repeated on the second page");
    let first_row = second
        .lines()
        .into_iter()
        .find(|l| is_row(l, &regions))
        .unwrap();
    assert!(xubiao[0].y > header[0].y && header[0].y > first_row.y);
    // 三线表: on each page a 1 pt rule over and under the table, 0.5 pt under the header.
    for page in [first, second] {
        // The table's rules: from over its header to under its last row (not the masthead's
        // nor the 报尾's).
        let rows: Vec<f64> = page
            .lines()
            .into_iter()
            .filter(|l| is_row(l, &regions))
            .map(|l| l.y)
            .collect();
        let head = cell(page, "地区").unwrap()[0].y;
        let low = rows.iter().fold(f64::MAX, |a, b| a.min(*b));
        let rules: Vec<&Rule> = page
            .rules
            .iter()
            .filter(|r| horizontal(r) && r.y0 < head + 30.0 && r.y1 > low - 20.0)
            .collect();
        let widths: Vec<f64> = rules
            .iter()
            .map(|r| ((r.y1 - r.y0) * 100.0).round() / 100.0)
            .collect();
        assert_eq!(
            widths.iter().filter(|w| **w == 1.0).count(),
            2,
            "{widths:?}"
        );
        assert_eq!(
            widths.iter().filter(|w| **w == 0.5).count(),
            1,
            "{widths:?}"
        );
        assert!(
            page.rules.iter().all(|r| !vertical(r)),
            "no vertical rules in a 三线表"
        );
        // The header between the top rule and the thin one.
        let top = rules.iter().map(|r| r.y0).fold(f64::MIN, f64::max);
        let thin = rules
            .iter()
            .find(|r| (r.y1 - r.y0 - 0.5).abs() < 0.01)
            .unwrap();
        let h = cell(page, "地区").unwrap()[0].y;
        assert!(
            h < top && h > thin.y1,
            "header {h} not between {top} and {}",
            thin.y1
        );
    }
    // Decimal column: the points line up.
    let points: Vec<f64> = info
        .pages
        .iter()
        .flat_map(|p| p.glyphs.iter().filter(|g| g.text == ".").map(|g| g.x))
        .collect();
    assert!(points.len() > 20);
    let spread = points.iter().fold(f64::MIN, |a, b| a.max(*b))
        - points.iter().fold(f64::MAX, |a, b| a.min(*b));
    assert!(spread < 0.05, "decimal points spread over {spread} pt");
    // {ref:members} → 表1 in the text.
    assert!(
        find(first, "见表1").is_some() || info.pages.iter().any(|p| find(p, "见表1").is_some())
    );
}

#[test]
fn grid_table_cells_sit_inside_their_rules_and_the_text_after_resumes_on_the_grid() {
    let info = render_sample("gongwen-table-2020-09.toml", "tables-grid");
    let page = info
        .pages
        .iter()
        .find(|p| cell(p, "推荐单位").is_some() && p.rules.iter().any(vertical))
        .expect("the table's page");
    let xs = distinct(
        page.rules
            .iter()
            .filter(|r| vertical(r))
            .map(|r| (r.x0 + r.x1) / 2.0)
            .collect(),
    );
    assert_eq!(xs.len(), 6, "five columns: {xs:?}");
    // Outer frame 1 pt, inner lines 0.5 pt.
    let frame: Vec<f64> = page
        .rules
        .iter()
        .filter(|r| vertical(r))
        .map(|r| r.x1 - r.x0)
        .collect();
    assert!(
        frame.iter().any(|w| (w - 1.0).abs() < 0.01)
            && frame.iter().any(|w| (w - 0.5).abs() < 0.01),
        "{frame:?}"
    );
    // The frame's height bounds the table's rules (not the 版记's under it).
    let (low, high) = page
        .rules
        .iter()
        .filter(|r| vertical(r))
        .fold((f64::MAX, f64::MIN), |(a, b), r| (a.min(r.y0), b.max(r.y1)));
    let ys = distinct(
        page.rules
            .iter()
            .filter(|r| horizontal(r) && r.y0 > low - 1.0 && r.y1 < high + 1.0)
            .map(|r| (r.y0 + r.y1) / 2.0)
            .collect(),
    );
    assert_eq!(ys.len(), 10, "nine rows: {ys:?}");
    // (text, first column, columns spanned, first row, rows spanned), rows counted from the top.
    let cells: &[(&str, usize, usize, usize, usize)] = &[
        ("序号", 0, 1, 0, 2),
        ("推荐单位", 1, 1, 0, 2),
        ("成果", 2, 2, 0, 1),
        ("课题名称", 2, 1, 1, 1),
        ("课题类型", 3, 1, 1, 1),
        ("降低乙烯装置", 2, 1, 2, 1),
        ("李晓梅", 4, 1, 3, 1),
        ("上海宝钢股份", 1, 1, 6, 2),
        ("提高热轧板卷", 2, 1, 7, 1),
        ("赵一鸣", 4, 1, 7, 1),
        ("孙", 4, 1, 8, 1),
    ];
    let top = ys.len() - 1;
    let mut last_row_y = f64::MAX;
    for &(text, col, cols, row, rows) in cells {
        let g = cell(page, text).unwrap_or_else(|| panic!("`{text}` not on the page"));
        let (left, right) = (xs[col], xs[col + cols]);
        let (upper, lower) = (ys[top - row], ys[top - row - rows]);
        for glyph in g {
            assert!(
                glyph.x >= left && glyph.x + glyph.advance <= right,
                "`{text}` {} outside {left}..{right}",
                glyph.x
            );
            assert!(
                glyph.y < upper && glyph.y - glyph.size * 0.2 > lower,
                "`{text}` baseline {} outside {lower}..{upper}",
                glyph.y
            );
        }
        if cols == 1 && rows == 1 && row >= 2 {
            assert!(g[0].y <= last_row_y + 0.01, "`{text}` out of row order");
            last_row_y = g[0].y;
        }
    }
    // The note after the table starts on a grid line: a whole number of grid lines under the
    // attachment's label.
    let label = page
        .lines()
        .into_iter()
        .find(|l| l.glyphs[0].text == "附")
        .unwrap()
        .y;
    let note = find(page, "注：").expect("the text after the table")[0].y;
    let lines = (label - note) / PITCH;
    assert!(
        (lines - lines.round()).abs() < 0.01,
        "the text after the table is {lines} grid lines under the label"
    );
}

#[test]
fn rows_from_a_gbk_csv_file_and_markup_in_cells() {
    let (gbk, _, _) = encoding_rs::GBK.encode("项目,数量\r\n\"甲,乙\",\"1,204\"\r\n丙,**7**\r\n");
    let (run, info) = render_def(
        "tables-csv",
        &format!("{HEAD}[[blocks]]\ntable = \"t.csv\"\ncaption = \"统计\"\nalign = [\"left\", \"right\"]\n"),
        &[("t.csv", &gbk)],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("GBK"),
        "the GBK warning: {}",
        stderr(&run)
    );
    let page = &info.pages[0];
    let a = find(page, "甲,乙").expect("a quoted cell with a comma");
    let n = find(page, "1,204").expect("a quoted number");
    assert!((a[0].y - n[0].y).abs() < 0.01, "one row");
    let seven = find(page, "7").unwrap();
    assert!(
        seven[0].render_mode == 2 || seven[0].font.contains("Bold"),
        "bold markup in a cell"
    );
}

/// Files written beside a definition: name and bytes.
type Files<'a> = &'a [(&'a str, &'a [u8])];

#[test]
fn bad_tables_are_located_errors() {
    let cases: &[(&str, Files, &str, &str)] = &[
        (
            "[[blocks]]\ntable = [\n  [\"a\", \"b\"],\n  [\"c\"],\n]\n",
            &[],
            "t.toml:11:3",
            "row 2 has 1 column(s), the first row has 2",
        ),
        (
            "[[blocks]]\ntable = [[{ text = \"a\", rowspan = 3 }], [\"b\"]]\n",
            &[],
            "t.toml:9",
            "spans 3 rows",
        ),
        (
            "[[blocks]]\ntable = [[\"a\"]]\nheader = 3\n",
            &[],
            "t.toml:10:10",
            "only 1 row",
        ),
        (
            "[[blocks]]\ntable = [[1.5]]\n",
            &[],
            "t.toml:9",
            "as a string",
        ),
        (
            "[[blocks]]\ntable = [[\"a\"]]\nwidths = [\"wide\"]\n",
            &[],
            "t.toml:10:11",
            "column width",
        ),
        (
            "[[blocks]]\ntable = [[\"a\"]]\nalign = [\"middle\"]\n",
            &[],
            "t.toml:10:10",
            "not a column alignment",
        ),
        (
            "[[blocks]]\ntext = \"a\"\nheader = 1\n",
            &[],
            "t.toml:10",
            "only applies to a `table` block",
        ),
        (
            "[[blocks]]\ntable = [[\"见{ref:nope}\"]]\n",
            &[],
            "t.toml:9",
            "no figure or table has that label",
        ),
        (
            "[[blocks]]\ntable = \"missing.csv\"\n",
            &[],
            "t.toml:9:9",
            "missing.csv",
        ),
        (
            "[[blocks]]\ntable = \"t.csv\"\n",
            &[("t.csv", b"a,b\nc\n")],
            "t.csv:2:1",
            "row 2 has 1 column(s)",
        ),
        ("[[blocks]]\ntable = \"../t.csv\"\n", &[], "t.toml:9:9", ""),
    ];
    for (k, (blocks, files, at, message)) in cases.iter().enumerate() {
        let (run, _) = render_def(
            &format!("tables-bad-{k}"),
            &format!("{HEAD}{blocks}"),
            files,
        );
        let err = stderr(&run);
        assert_eq!(run.status.code(), Some(1), "case {k} should fail: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(
            err.contains(at) && err.contains(message),
            "case {k}: want `{at}` and `{message}` in:\n{err}"
        );
    }
}

/// The page (from 0) whose text has `text`.
fn page_of(info: &PdfInfo, text: &str) -> Option<usize> {
    info.pages
        .iter()
        .position(|p| squeeze(&p.text()).contains(text))
}

/// A heading chain right before a table, pushed down the page one filler paragraph at a time:
/// wherever it lands, the headings are on the page of the table's caption, header row and first
/// body row — never left at a page's foot — and the caption is not left alone either.
#[test]
fn a_heading_before_a_table_is_never_left_at_a_page_foot() {
    let table = "[[blocks]]\ntable = [[\"地区\", \"数量\"], [\"北京市\", \"12\"], [\"上海市\", \"13\"], [\"广州市\", \"14\"]]\ncaption = \"各地会员数量\"\n";
    let mut moved = 0;
    for k in 9..21 {
        let fillers: String = (0..k)
            .map(|i| format!("[[blocks]]\ntext = \"第{i}段。\"\n"))
            .collect();
        let text = format!(
            "{HEAD}{fillers}[[blocks]]\nheading = \"统计情况\"\n[[blocks]]\nheading = \"分地区数量\"\nlevel = 2\n{table}"
        );
        let (run, info) = render_def("tables-heading-keep", &text, &[]);
        assert!(run.status.success(), "{}", stderr(&run));
        let pages = ["统计情况", "分地区数量", "各地会员数量", "北京市"]
            .map(|t| page_of(&info, t).unwrap_or_else(|| panic!("{t} is printed")));
        assert!(
            pages.iter().all(|&p| p == pages[0]),
            "{k} fillers: heading, heading, caption, first row on pages {pages:?}"
        );
        let last_filler = page_of(&info, &format!("第{}段。", k - 1)).unwrap();
        moved += usize::from(last_filler < pages[0]);
    }
    assert!(moved > 0, "the sweep never put the heading on a new page");
}

/// Rows that a cell spanning them joins are never split; taller together than a page, they
/// cannot move to a page of their own: a warning at the table says so (an error with
/// `--strict`) instead of running past the page's foot in silence.
#[test]
fn rows_joined_by_a_span_taller_than_a_page_are_a_located_warning() {
    let long = "质量管理小组活动成果发表交流".repeat(40);
    let text = format!(
        "{HEAD}[[blocks]]\ntable = [\n  [\"项目\", \"说明\"],\n  [{{ text = \"合并\", rowspan = 3 }}, \"{long}\"],\n  [\"{long}\"],\n  [\"{long}\"],\n]\n"
    );
    let (run, _) = render_def("tables-span-too-tall", &text, &[]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning: ") && err.contains("t.toml:8:1") && err.contains("rows 2 to 4"),
        "{err}"
    );
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("tables-span-too-tall");
    let strict = render(&dir.join("t.toml"), &dir.join("strict.pdf"), &["--strict"]);
    assert_ne!(strict.status.code(), Some(0), "{}", stderr(&strict));
}

/// A table is measured whole before it is paginated, so its size is bounded: past 100,000
/// cells (a 64 MB CSV file could ask for millions) it is refused at the row that passes the
/// limit, in the CSV file, before anything is set.
#[test]
fn a_table_past_the_cell_limit_is_refused_at_its_row() {
    let mut csv = String::from("地区,数量,备注\n");
    for i in 0..33_400 {
        csv.push_str(&format!("地区{i},{i},备注{i}\n"));
    }
    let text = format!("{HEAD}[[blocks]]\ntable = \"rows.csv\"\n");
    let (run, _) = render_def("table-cell-limit", &text, &[("rows.csv", csv.as_bytes())]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("rows.csv:33334:1")
            && err.contains("row 33334 takes this table past 100000 cells"),
        "{err}"
    );
}
