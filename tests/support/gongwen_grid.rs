//! The GB/T 9704-2012 text block of the `gongwen` layout in PDF points (y up, A4): the figures
//! the 公文 tests measure positions against, and the helpers that read lines and samples
//! against them.

use super::pdf_inspect::{inspect, PdfInfo, TextLine};
use super::{render, root, squeeze, stderr, temp_dir};

/// One millimetre in points.
pub const MM: f64 = 72.0 / 25.4;
/// The block's left and right edges (left margin 28 mm, block 156 mm wide).
pub const LEFT: f64 = 28.0 * MM;
pub const RIGHT: f64 = (28.0 + 156.0) * MM;
/// The block's top edge (top margin 37 mm on a 297 mm page).
pub const TOP: f64 = (297.0 - 37.0) * MM;
/// One grid cell: 28 characters a line.
pub const CELL: f64 = 156.0 * MM / 28.0;
/// One grid line: 22 lines in the 225 mm block.
pub const PITCH: f64 = 225.0 * MM / 22.0;

/// A line's grid row, counted from the block's top (for 16 pt lines centred in their slots).
pub fn row(l: &TextLine) -> f64 {
    let first = TOP - ((PITCH - 16.0) / 2.0 + 0.88 * 16.0);
    (first - l.y) / PITCH
}

/// The middle of a line, left to right.
pub fn centre(l: &TextLine) -> f64 {
    (l.left() + l.right()) / 2.0
}

/// A sample from samples/, rendered (warnings are failures), and its raw bytes.
pub fn sample(name: &str) -> (PdfInfo, Vec<u8>) {
    let dir = temp_dir(&format!("gongwen-sample-{name}"));
    let out = dir.join("out.pdf");
    let run = render(&root().join(format!("samples/{name}.toml")), &out, &["-q"]);
    assert!(run.status.success(), "render failed: {}", stderr(&run));
    assert!(stderr(&run).is_empty(), "warnings: {}", stderr(&run));
    let bytes = std::fs::read(&out).unwrap();
    (inspect(&bytes), bytes)
}

/// The page holding a line that starts with `start`, and its lines.
pub fn page_with(info: &PdfInfo, start: &str) -> (usize, Vec<TextLine>) {
    info.pages
        .iter()
        .enumerate()
        .find_map(|(i, p)| {
            let lines = p.lines();
            lines
                .iter()
                .any(|l| squeeze(&l.text()).starts_with(start))
                .then_some((i, lines))
        })
        .unwrap_or_else(|| panic!("no page has a line starting with {start}"))
}
