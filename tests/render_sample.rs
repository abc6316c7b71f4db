//! The seed bulletin, rendered through the CLI and checked from the PDF itself.

mod support;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use support::pdf_inspect::{inspect, pdftotext, PdfInfo};
use support::*;

/// Renders the sample once for all tests in this file.
fn sample() -> &'static (PathBuf, PdfInfo) {
    static SAMPLE: OnceLock<(PathBuf, PdfInfo)> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let dir = temp_dir("sample");
        let out = dir.join("cqa.pdf");
        let run = render(&root().join("samples/cqa-2020-03-10.toml"), &out, &["-q"]);
        assert!(run.status.success(), "render failed: {}", stderr(&run));
        assert!(
            stderr(&run).is_empty(),
            "unexpected warnings: {}",
            stderr(&run)
        );
        let info = inspect(&std::fs::read(&out).unwrap());
        (out, info)
    })
}

/// The seed text, one block per line: header, title, then headings, paragraphs and captions.
fn seed() -> Vec<String> {
    std::fs::read_to_string(root().join("tests/data/seed-paragraphs.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// Where a line's ink ends: a closing mark at the end of a line is set half width (its ink is in
/// the left half of its full-width advance).
fn ink_right(line: &support::pdf_inspect::TextLine) -> f64 {
    let last = line.glyphs.last().unwrap();
    if "，。、；：！？”’）》".contains(last.text.as_str()) {
        last.x + last.advance / 2.0
    } else {
        last.x + last.advance
    }
}

/// Page lines inside the text block (without running header and footer).
fn body_lines(info: &PdfInfo) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (p, page) in info.pages.iter().enumerate() {
        let top = page.height - 37.0 / 25.4 * 72.0;
        let bottom = 30.0 / 25.4 * 72.0;
        for line in page.lines() {
            if line.y < top && line.y > bottom {
                out.push((p, line.text()));
            }
        }
    }
    out
}

#[test]
fn pages_are_a4_and_numbered_from_five() {
    let (_, info) = sample();
    assert!(info.pages.len() >= 3, "{} pages", info.pages.len());
    for (i, page) in info.pages.iter().enumerate() {
        assert!((page.width - 595.276).abs() < 0.01 && (page.height - 841.89).abs() < 0.01);
        let lines = page.lines();
        let foot = lines.last().unwrap();
        assert_eq!(foot.text(), format!("-{}-", i + 5), "page {}", i + 1);
        // Centred at the foot.
        let centre = (foot.left() + foot.right()) / 2.0;
        assert!(
            (centre - page.width / 2.0).abs() < 1.0,
            "footer centre {centre}"
        );
    }
}

#[test]
fn header_has_publisher_left_and_date_right_over_a_rule() {
    let (_, info) = sample();
    let seed = seed();
    let page = &info.pages[0];
    let lines = page.lines();
    let head = &lines[0];
    // Left slot and right slot sit on one baseline.
    assert_eq!(squeeze(&head.text()), squeeze(&seed[0]));
    let left = 25.9 / 25.4 * 72.0;
    assert!(
        (head.left() - left).abs() < 0.5,
        "header starts at {}",
        head.left()
    );
    assert!(
        (head.right() - (page.width - left)).abs() < 0.5,
        "header ends at {}",
        head.right()
    );
    let rule = page
        .rules
        .iter()
        .find(|r| r.y0 < head.y && r.y0 > head.y - 15.0);
    assert!(rule.is_some(), "no rule under the header: {:?}", page.rules);
}

#[test]
fn the_whole_seed_text_is_there_in_order() {
    let (_, info) = sample();
    let seed = seed();
    let body: Vec<String> = body_lines(info).into_iter().map(|(_, t)| t).collect();
    // Captions float with their figures; take them out and compare the rest in order.
    let (captions, text): (Vec<&String>, Vec<&String>) =
        body.iter().partition(|l| l.starts_with('图'));
    let expected_text: String = seed[1..]
        .iter()
        .filter(|l| !l.starts_with("图 "))
        .map(|l| squeeze(l))
        .collect();
    let got: String = text.iter().map(|l| squeeze(l)).collect();
    assert_eq!(got, expected_text);
    let expected_captions: Vec<String> = seed
        .iter()
        .filter(|l| l.starts_with("图 "))
        .map(|l| squeeze(l))
        .collect();
    let got_captions: Vec<String> = captions.iter().map(|l| squeeze(l)).collect();
    assert_eq!(got_captions, expected_captions);
    // Every non-space character of the seed is printed (1,603 in all, the header once).
    let printed: usize = got.chars().count()
        + got_captions.concat().chars().count()
        + squeeze(&seed[0]).chars().count();
    assert_eq!(printed, 1603);
}

#[test]
fn pdftotext_returns_the_source_text() {
    let (path, _) = sample();
    let Some(text) = pdftotext(path) else {
        eprintln!("pdftotext not installed; skipped");
        return;
    };
    // Running heads and floating figures' captions interrupt paragraphs that cross a page:
    // take them out, then every block of the seed must appear whole.
    let seed = seed();
    let mut all = squeeze(&text);
    for caption in seed.iter().filter(|l| l.starts_with("图 ")) {
        let caption = squeeze(caption);
        assert!(all.contains(&caption), "caption `{caption}` missing");
        all = all.replace(&caption, "");
    }
    for n in 5..20 {
        all = all.replace(&format!("-{n}-"), "");
    }
    all = all
        .replace(&squeeze(&seed[0]), "")
        .replace("中国质量协会宣传部", "")
        .replace("2020年3月10日", "");
    for block in seed.iter().skip(1).filter(|l| !l.starts_with("图 ")) {
        let block = squeeze(block);
        assert!(all.contains(&block), "pdftotext does not return `{block}`");
    }
}

#[test]
fn figures_are_numbered_in_order_and_images_embedded_once() {
    let (_, info) = sample();
    let placements: usize = info.pages.iter().map(|p| p.images.len()).sum();
    assert_eq!(placements, 5);
    let images: Vec<_> = info.image_xobjects.iter().collect();
    assert_eq!(images.len(), 5, "{images:?}");
    // JPEGs are passed through byte for byte.
    for name in ["fig1.jpg", "fig3.jpg", "fig5.jpg"] {
        let len = std::fs::metadata(root().join("samples/cqa-2020-03-10").join(name))
            .unwrap()
            .len();
        assert!(
            images
                .iter()
                .any(|i| i.filter.as_deref() == Some("DCTDecode") && i.stream_len as u64 == len),
            "{name} not embedded as-is: {images:?}"
        );
    }
    // Each caption sits right under an image.
    for page in &info.pages {
        for img in &page.images {
            let caption = page
                .lines()
                .into_iter()
                .find(|l| l.y < img.y && l.y > img.y - 30.0)
                .map(|l| l.text());
            assert!(
                caption.as_deref().is_some_and(|c| c.starts_with('图')),
                "{caption:?}"
            );
        }
    }
}

#[test]
fn fonts_are_embedded_subsets() {
    let (_, info) = sample();
    assert!(info.fonts.len() >= 3);
    let full = std::fs::metadata(root().join("fonts/NotoSerifSC-Regular.ttf"))
        .unwrap()
        .len() as usize;
    for f in &info.fonts {
        assert!(f.has_to_unicode, "{f:?}");
        let tag = f.base_font.split('+').next().unwrap();
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{f:?}"
        );
        assert!(
            f.embedded_program_len > 0 && f.embedded_program_len < full / 20,
            "{f:?}"
        );
    }
}

#[test]
fn title_is_centred_and_bold_headings_use_the_heading_face() {
    let (_, info) = sample();
    let page = &info.pages[0];
    let lines = page.lines();
    let title = lines
        .iter()
        .find(|l| l.text().starts_with("齐心协力"))
        .unwrap();
    let centre = (title.left() + ink_right(title)) / 2.0;
    assert!((centre - page.width / 2.0).abs() < 1.0);
    assert!(title.glyphs[0].font.contains("NotoSerifSC-Bold"));
    let heading = lines.iter().find(|l| l.text().starts_with("一、")).unwrap();
    assert!(heading.glyphs[0].font.contains("NotoSansSC-Bold"));
    // Two-character indent, like the body's first lines.
    let left = 25.9 / 25.4 * 72.0;
    assert!(
        (heading.left() - (left + 32.0)).abs() < 0.1,
        "{}",
        heading.left()
    );
}

#[test]
fn body_lines_are_justified_and_obey_the_prohibitions() {
    let (_, info) = sample();
    let left = 25.9 / 25.4 * 72.0;
    let right = 595.2756 - left;
    let mut checked = 0;
    for page in &info.pages {
        let lines = page.lines();
        for pair in lines.windows(2) {
            let (line, next) = (&pair[0], &pair[1]);
            // A body line followed by a continuation line of the same paragraph (16 pt, one
            // pitch below, starting at the margin) is not a paragraph's last: it must be full.
            let body = |l: &support::pdf_inspect::TextLine| (l.glyphs[0].size - 16.0).abs() < 0.01;
            if !body(line)
                || !body(next)
                || (next.left() - left).abs() > 0.1
                || (line.y - next.y - 28.0).abs() > 0.1
            {
                continue;
            }
            let end = ink_right(line);
            assert!(
                (end - right).abs() < 0.1,
                "`{}` ends at {end}, not {right}",
                line.text()
            );
            checked += 1;
        }
        for line in &lines {
            let t = line.text();
            let first = t.chars().next().unwrap();
            let last = t.chars().last().unwrap();
            assert!(
                !"、，；：。！？）》”’".contains(first),
                "line starts with {first}: {t}"
            );
            assert!(!"（《“‘".contains(last), "line ends with {last}: {t}");
        }
    }
    assert!(checked > 40, "only {checked} full lines checked");
}

#[test]
fn metadata_and_determinism() {
    let (path, info) = sample();
    assert_eq!(
        info.info.get("Title").map(String::as_str),
        Some("齐心协力抗疫情，质协系统勇担当（六）")
    );
    assert_eq!(
        info.info.get("Author").map(String::as_str),
        Some("中国质量协会宣传部")
    );
    let again = temp_dir("again").join("again.pdf");
    let run = render(&root().join("samples/cqa-2020-03-10.toml"), &again, &["-q"]);
    assert!(run.status.success());
    assert_eq!(
        std::fs::read(path).unwrap(),
        std::fs::read(&again).unwrap(),
        "output differs between runs"
    );
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn bad_input_is_one_located_line_and_writes_nothing() {
    let dir = temp_dir("bad");
    let out = dir.join("out.pdf");
    let head = "layout = \"newsletter\"\n[bulletin]\npublisher = \"P\"\ndate = 2020-03-10\n";
    let cases: &[(&str, String, &str)] = &[
        (
            "syntax.toml",
            format!("{head}[[blocks]]\ntext = \"unterminated\n"),
            "syntax.toml:6:",
        ),
        (
            "unknown.toml",
            format!("{head}[[blocks]]\ntext = \"a\"\ncaptoin = \"b\"\n"),
            "unknown.toml:7:1",
        ),
        (
            "layout.toml",
            "layout = \"nope\"\n[bulletin]\npublisher = \"P\"\ndate = 2020-03-10\n".into(),
            "layout.toml:1:10",
        ),
        (
            "image.toml",
            format!("{head}[[blocks]]\nfigure = \"missing.png\"\n"),
            "missing.png",
        ),
        (
            "corrupt.toml",
            format!("{head}[[blocks]]\nfigure = \"corrupt.png\"\n"),
            "corrupt PNG",
        ),
    ];
    std::fs::write(dir.join("corrupt.png"), b"\x89PNG\r\n\x1a\nnot really").unwrap();
    for (name, text, expect) in cases {
        let def = write(&dir, name, text);
        let run = render(&def, &out, &[]);
        let err = stderr(&run);
        assert_eq!(run.status.code(), Some(1), "{name}: {err}");
        // One summary line with the location; the source excerpt follows it.
        let first = err.lines().next().unwrap_or("");
        assert!(
            first.starts_with("error: ") && first.contains(expect),
            "{name}: `{first}` lacks `{expect}`"
        );
        assert_eq!(
            err.lines().filter(|l| l.starts_with("error")).count(),
            1,
            "{name}: one error expected: {err}"
        );
        assert!(!out.exists(), "{name}: output written");
    }
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().to_string_lossy().into_owned();
            n.ends_with(".tmp").then_some(n)
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
