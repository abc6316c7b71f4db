//! Widows and orphans, checked through the CLI: no paragraph leaves a single line at the foot
//! of a page or carries a single line over to the next, unless the layout allows it.

mod support;

use std::collections::BTreeMap;
use support::*;

/// A definition of many paragraphs of 2 to 7 lines (28 characters a line, 2 indented).
fn definition(extra: &str) -> String {
    let source = "质量管理体系认证工作持续推进各会员单位积极参与标准化建设";
    let chars: Vec<char> = source.chars().collect();
    let mut def = format!(
        "layout = \"newsletter\"\n[bulletin]\npublisher = \"P\"\ndate = 2024-01-01\n{extra}\n"
    );
    for i in 0..60 {
        let lines = [3, 5, 4, 6, 2, 5, 3, 7][i % 8];
        let n = 26 + 28 * (lines - 1) - 3;
        let text: String = (0..n).map(|k| chars[(k + i) % chars.len()]).collect();
        def.push_str(&format!("[[blocks]]\ntext = \"{text}。\"\n"));
    }
    def
}

/// Lines of each block on each page, from `--dump-lines`.
fn split_blocks(extra: &str, name: &str) -> BTreeMap<usize, Vec<(usize, usize)>> {
    let dir = temp_dir(name);
    let def = dir.join("widows.toml");
    std::fs::write(&def, definition(extra)).unwrap();
    let run = render(&def, &dir.join("out.pdf"), &["-q", "--dump-lines"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let mut blocks: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    for line in String::from_utf8(run.stdout).unwrap().lines().skip(1) {
        let mut cols = line.split_whitespace();
        let page: usize = cols.next().unwrap()[1..].parse().unwrap();
        let block: usize = cols.next().unwrap()[1..].parse().unwrap();
        let pages = blocks.entry(block).or_default();
        match pages.last_mut() {
            Some((p, n)) if *p == page => *n += 1,
            _ => pages.push((page, 1)),
        }
    }
    blocks
}

#[test]
fn no_widows_or_orphans_by_default() {
    let blocks = split_blocks("", "widows-default");
    let mut splits = 0;
    for (block, pages) in &blocks {
        if pages.len() > 1 {
            splits += 1;
            assert!(pages[0].1 >= 2, "block {block} leaves an orphan: {pages:?}");
            assert!(
                pages.last().unwrap().1 >= 2,
                "block {block} leaves a widow: {pages:?}"
            );
        }
    }
    assert!(splits >= 3, "only {splits} paragraphs cross a page");
}

#[test]
fn a_layout_may_allow_single_lines() {
    let blocks = split_blocks("[overrides.text]\nwidows = 1\norphans = 1\n", "widows-one");
    let single = blocks
        .values()
        .filter(|p| p.len() > 1 && (p[0].1 == 1 || p.last().unwrap().1 == 1))
        .count();
    assert!(single >= 1, "no single line at a page break: {blocks:?}");
}
