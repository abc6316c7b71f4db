//! Grid typesetting (GB/T 9704's 28 characters a line): cells, hanging marks, no runt
//! avoidance. On the project's FandolFang, 16 pt in cells of 15.79 pt.

use super::*;
use crate::fonts::FontSet;
use crate::model::layout::Punctuation;
use std::sync::OnceLock;

const SIZE: Pt = Pt(16.0);
/// 156 mm / 28.
const PITCH: Pt = Pt(156.0 * 72.0 / 25.4 / 28.0);

fn fonts() -> &'static (FontSet, FontChain) {
    static FONTS: OnceLock<(FontSet, FontChain)> = OnceLock::new();
    FONTS.get_or_init(|| super::tests::project_font("FandolFang"))
}

fn grid() -> TextSettings {
    TextSettings {
        punctuation: Punctuation::Quanjiao,
        hanging_punctuation: true,
        grid: Some(PITCH),
        ..TextSettings::default()
    }
}

fn set(text: &str, indent_cells: f64) -> Vec<Line> {
    let (fonts, chain) = fonts();
    let par = Paragraph {
        text,
        chain,
        runs: &[],
        size: SIZE,
        indent: PITCH * indent_cells,
        align: Align::Justify,
        width: PITCH * 28.0,
    };
    layout_paragraph(&par, &grid(), fonts).lines
}

/// The cell each glyph of a line starts in (panics if one is off the grid).
fn cells(line: &Line) -> Vec<f64> {
    line.glyphs
        .iter()
        .map(|g| {
            let cell = g.x / PITCH;
            assert!((cell - cell.round()).abs() < 1e-6, "glyph at {}", g.x);
            cell.round()
        })
        .collect()
}

#[test]
fn full_lines_hold_28_cells() {
    let text = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙".repeat(3);
    let lines = set(&text, 2.0);
    assert_eq!(lines.len(), 4, "84 characters after a 2-cell indent");
    for (n, line) in lines.iter().enumerate() {
        let c = cells(line);
        let first = if n == 0 { 2.0 } else { 0.0 };
        let expected: Vec<f64> = (0..c.len()).map(|k| first + k as f64).collect();
        assert_eq!(c, expected, "line {n}");
        if n + 1 < lines.len() {
            assert_eq!(c.len() as f64 + first, 28.0, "line {n}");
            assert_eq!(line.ratio, 0.0);
            assert!((line.width - PITCH * 28.0).abs().0 < 1e-6);
        }
    }
    // No runt avoidance on a grid: 84 − 26 − 28 − 28 leaves 2 characters for the last line.
    assert_eq!(lines[3].glyphs.len(), 2);
}

#[test]
fn a_mark_that_would_start_a_line_hangs_past_its_end() {
    // 28 characters, then a comma that may not start the next line.
    let text = format!("{}，{}", "甲".repeat(28), "乙".repeat(10));
    let lines = set(&text, 0.0);
    assert_eq!(lines.len(), 2);
    let first = &lines[0];
    assert_eq!(first.glyphs.len(), 29);
    assert!(
        (first.glyphs[28].x - PITCH * 28.0).abs().0 < 1e-6,
        "the comma hangs"
    );
    assert!(
        (first.width - PITCH * 28.0).abs().0 < 1e-6,
        "{}",
        first.width
    );
    assert_eq!(first.ratio, 0.0);
}

#[test]
fn a_mark_that_fits_stays_inside() {
    // The comma is the 28th character: it fits, so it does not hang (and the line is not
    // stretched to make up for a hang it does not need).
    let text = format!("{}，{}", "甲".repeat(27), "乙".repeat(10));
    let lines = set(&text, 0.0);
    let first = &lines[0];
    assert_eq!(first.glyphs.len(), 28);
    assert_eq!(cells(first).last(), Some(&27.0));
    assert_eq!(first.ratio, 0.0);
    assert!(
        (first.width - PITCH * 28.0).abs().0 < 1e-6,
        "{}",
        first.width
    );
}
