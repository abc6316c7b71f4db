//! The text layer is in reading order: what text extraction, copy-all and screen readers get
//! from a page is the running head, the text top to bottom (a figure's caption where the figure
//! is), then the page number — not the running head and page number after the body.

mod support;

use std::path::Path;
use std::process::Command;
use support::pdf_inspect::{inspect_file, PdfInfo};
use support::*;

/// Renders a sample into a directory of the test `test` (both tests render the seed, in
/// parallel: one directory would be emptied under the other).
fn render_sample(test: &str, name: &str) -> std::path::PathBuf {
    let dir = temp_dir(&format!("reading-order-{test}-{name}"));
    let out = dir.join(format!("{name}.pdf"));
    let run = render(&root().join(format!("samples/{name}.toml")), &out, &["-q"]);
    assert!(run.status.success(), "{name}: {}", stderr(&run));
    out
}

/// `pdftotext -raw` (content-stream order) per page, or `None` without poppler (under CI its
/// absence is a failure).
fn pdftotext_raw(path: &Path) -> Option<Vec<String>> {
    let run = match Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
    {
        Ok(run) => run,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            assert!(std::env::var_os("CI").is_none(), "pdftotext is missing");
            return None;
        }
        Err(e) => panic!("cannot run pdftotext: {e}"),
    };
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = String::from_utf8(run.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Some(pages)
}

/// The seed's pages 6–9 (its pages 2–5), as `pdftotext -raw` gives them: each starts with the
/// running head and ends with its page number, and reads like the page looks.
#[test]
fn pdftotext_raw_reads_the_seed_in_page_order() {
    let pdf = render_sample("raw", "cqa-2020-03-10");
    let Some(pages) = pdftotext_raw(&pdf) else {
        eprintln!("skipped: pdftotext is not installed");
        return;
    };
    let info = inspect_file(&pdf);
    assert_eq!(pages.len(), info.pages.len());
    assert!(pages.len() >= 4);
    for (i, page) in pages.iter().enumerate() {
        let number = 5 + i;
        let lines: Vec<String> = page
            .lines()
            .map(squeeze)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            lines.last().map(String::as_str),
            Some(format!("-{number}-").as_str()),
            "page {number} does not end with its number: {lines:#?}"
        );
        if i > 0 {
            assert_eq!(
                lines[0], "中国质量协会宣传部2020年3月10日",
                "page {number} does not start with the running head: {lines:#?}"
            );
        }
        // The whole page in extraction order is the page read top to bottom.
        assert_eq!(
            lines.concat(),
            squeeze(&info.pages[i].text()),
            "page {number}"
        );
    }
}

/// Every sample: each page's glyphs, in the order the content stream shows them, go down the
/// page line by line (left to right within a line), so every text extractor reads the page as
/// it is laid out, whatever order it reads the stream in.
#[test]
fn every_sample_draws_its_text_top_to_bottom() {
    let mut samples: Vec<String> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".toml").map(str::to_string)
        })
        .collect();
    samples.sort();
    assert!(samples.len() >= 6, "{samples:?}");
    for name in &samples {
        let info = inspect_file(&render_sample("order", name));
        check_top_to_bottom(name, &info);
    }
}

fn check_top_to_bottom(name: &str, info: &PdfInfo) {
    for (p, page) in info.pages.iter().enumerate() {
        for pair in page.glyphs.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            // Same line (baselines within half a point, or within half the larger glyph's size
            // when one of the two is smaller, a superscript or subscript beside its character):
            // any order is one line to a reader; a new line must be lower on the page (PDF y
            // goes up).
            let same_line = if (a.size - b.size).abs() > 0.01 {
                0.5 * a.size.max(b.size)
            } else {
                0.5
            };
            assert!(
                (a.y - b.y).abs() <= same_line || b.y < a.y,
                "{name}, page {}: `{}` (y {:.1}) is drawn after `{}` (y {:.1}) above it",
                p + 1,
                b.text,
                b.y,
                a.text,
                a.y
            );
        }
    }
}
