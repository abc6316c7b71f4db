//! The closing parts of a 公文 (GB/T 9704-2012 7.3.5, 7.3.6, 7.4): 落款 with and without seals,
//! 成文日期, 附注, and where they stand before an attachment — rendered through the CLI and read
//! back from the PDF.

mod support;

use support::find_line as find;
use support::pdf_inspect::{inspect, PdfInfo, TextLine};
use support::*;

const MM: f64 = 72.0 / 25.4;
/// The GB/T 9704 text block in PDF coordinates (y up).
const LEFT: f64 = 28.0 * MM;
const RIGHT: f64 = (28.0 + 156.0) * MM;
const TOP: f64 = (297.0 - 37.0) * MM;
const CELL: f64 = 156.0 * MM / 28.0;
const PITCH: f64 = 225.0 * MM / 22.0;

/// The 公文 sample with `edit` applied to its text, rendered; warnings are failures.
fn sample_with(dir: &str, edit: impl Fn(String) -> String) -> PdfInfo {
    let text =
        std::fs::read_to_string(root().join("samples/gongwen-wenjian-2020-08.toml")).unwrap();
    let (run, out) = render_text(dir, "doc", &edit(text), &["-q"]);
    assert!(run.status.success(), "render failed: {}", stderr(&run));
    assert!(stderr(&run).is_empty(), "warnings: {}", stderr(&run));
    inspect(&std::fs::read(&out).unwrap())
}

/// The rows of the 16 pt lines of a page, counted from the block's top.
fn row(l: &TextLine) -> f64 {
    let first = TOP - ((PITCH - 16.0) / 2.0 + 0.88 * 16.0);
    (first - l.y) / PITCH
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
