//! Issue 11, class 2: slots of one line (publisher and date, the imprint and its date) never
//! print over each other. A 26-character publisher makes the date move to a line of its own in
//! the newsletter's running head, the 简报 masthead's info line and the 公文 版记, with a warning
//! that points at the publisher; `--strict` refuses.

mod support;

use support::pdf_inspect::{inspect, Glyph};
use support::*;

const LONG: &str = "中国质量协会宣传部（全国质量管理小组活动推进办公室）";

/// Renders a sample with the long publisher; returns the run and the PDF's glyphs page by page.
fn with_long_publisher(sample: &str, extra: &[&str]) -> (std::process::Output, Vec<Vec<Glyph>>) {
    let dir = temp_dir(&format!("slots-{sample}"));
    let text = std::fs::read_to_string(root().join("samples").join(format!("{sample}.toml")))
        .unwrap()
        .lines()
        .map(|l| {
            if l.starts_with("publisher = ") {
                format!("publisher = \"{LONG}\"")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    // Figures are named relative to the sample: copy them along.
    let figures = root().join("samples").join(sample);
    if figures.is_dir() {
        std::fs::create_dir(dir.join(sample)).unwrap();
        for entry in std::fs::read_dir(&figures).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.join(sample).join(path.file_name().unwrap())).unwrap();
        }
    }
    let def = dir.join(format!("{sample}.toml"));
    std::fs::write(&def, text).unwrap();
    let out = dir.join("out.pdf");
    let run = render(&def, &out, extra);
    let pages = if out.exists() {
        inspect(&std::fs::read(&out).unwrap())
            .pages
            .into_iter()
            .map(|p| p.glyphs)
            .collect()
    } else {
        Vec::new()
    };
    (run, pages)
}

/// Glyphs on one baseline that overlap (by more than a point): something printed over
/// something else. Punctuation set half width (GB compression) reports its full advance, so
/// pairs with a mark are not counted.
fn overprinted(glyphs: &[Glyph]) -> Vec<String> {
    let mut sorted: Vec<&Glyph> = glyphs.iter().collect();
    sorted.sort_by(|a, b| {
        (a.y.round() as i64, a.x)
            .partial_cmp(&(b.y.round() as i64, b.x))
            .unwrap()
    });
    sorted
        .windows(2)
        .filter(|w| {
            w.iter()
                .all(|g| !"，。、；：？！“”‘’（）《》".contains(g.text.as_str()))
        })
        .filter(|w| (w[0].y - w[1].y).abs() < 0.5 && w[1].x < w[0].x + w[0].advance - 1.0)
        .map(|w| {
            format!(
                "`{}` at {:.1} over `{}` at {:.1}",
                w[1].text, w[1].x, w[0].text, w[0].x
            )
        })
        .collect()
}

fn check(sample: &str, what: &str, page: usize) {
    let (run, pages) = with_long_publisher(sample, &["-q"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let err = stderr(&run);
    let warning = "do not fit side by side";
    assert!(
        err.contains(warning) && err.contains(&format!("the {what}'s “{LONG}”")),
        "{err}"
    );
    // Once, though a running head is on every page.
    assert_eq!(err.matches(warning).count(), 1, "{err}");
    let page = if page == usize::MAX {
        pages.len() - 1
    } else {
        page
    };
    let over = overprinted(&pages[page]);
    assert!(over.is_empty(), "{sample}: {over:?}");
    let (run, _) = with_long_publisher(sample, &["-q", "--strict"]);
    assert_fails(&run, 1, "--strict");
}

#[test]
fn the_newsletter_running_head_moves_the_date_to_its_own_line() {
    check("cqa-2020-03-10", "header", 0);
}

#[test]
fn the_jianbao_masthead_moves_the_date_to_its_own_line() {
    check("zhixie-jianbao-2020-06", "masthead", 0);
}

#[test]
fn the_gongwen_imprint_moves_the_date_to_its_own_line() {
    check("gongwen-2020-07", "end block", usize::MAX);
}
