//! Chinese typesetting rules checked from the PDF itself: glyph positions read back out of the
//! rendered files (not the engine's own numbers) for the punctuation-dense and Latin-heavy
//! samples, with and without hanging punctuation.

mod support;

use std::path::{Path, PathBuf};
use support::pdf_inspect::{inspect_file, pdftotext, Glyph, PdfInfo, TextLine};
use support::*;

const SIZE: f64 = 16.0;
const MARGIN: f64 = 25.9 / 25.4 * 72.0;
const PAGE_WIDTH: f64 = 595.2756;

/// Marks that may not start a line (GB level) and may not end one.
const NO_START: &str = "、，；：。！？）］｝〕〉》」』】”’·％～";
const NO_END: &str = "（［｛〔〈《「『【“‘";
/// Full-width marks set with a blank half on the right (GB style, Noto Serif SC).
const CLOSING: &str = "、，；：。！？）］｝〕〉》」』】”’";
const OPENING: &str = "（［｛〔〈《「『【“‘";

/// Renders `definition` (optionally with extra layout lines appended) and inspects the PDF.
fn render_checked(name: &str, definition: &Path, extra: &str) -> (PathBuf, PdfInfo) {
    let dir = temp_dir(name);
    let def = if extra.is_empty() {
        definition.to_path_buf()
    } else {
        let mut text = std::fs::read_to_string(definition).unwrap();
        // The overrides must come before the first [[blocks]].
        let at = text.find("[[blocks]]").unwrap();
        text.insert_str(at, extra);
        let def = definition.parent().unwrap().join(format!("{name}.toml"));
        std::fs::write(&def, text).unwrap();
        def
    };
    let out = dir.join("out.pdf");
    let run = render(&def, &out, &["-q"]);
    if def != definition {
        std::fs::remove_file(&def).unwrap();
    }
    assert!(run.status.success(), "render failed: {}", stderr(&run));
    let info = inspect_file(&out);
    (out, info)
}

fn is_han(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

fn is_latin_alnum(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Body lines (16 pt) in reading order across pages.
fn body_lines(info: &PdfInfo) -> Vec<TextLine> {
    info.pages
        .iter()
        .flat_map(|p| p.lines())
        .filter(|l| (l.glyphs[0].size - SIZE).abs() < 0.01)
        .collect()
}

/// Where a line's ink ends: a closing mark at line end is set half width.
fn ink_right(line: &TextLine) -> f64 {
    let last = line.glyphs.last().unwrap();
    if CLOSING.contains(last.text.as_str()) {
        last.x + last.advance / 2.0
    } else {
        last.x + last.advance
    }
}

/// A line that another line of the same paragraph follows: the next body line starts at the
/// margin (a paragraph's first line is indented two characters).
fn continued(lines: &[TextLine], i: usize) -> bool {
    lines
        .get(i + 1)
        .is_some_and(|next| (next.left() - MARGIN).abs() < 0.1 || starts_with_opening(next))
}

/// A line starting with an opening mark: its glyph is drawn half an em left of the margin.
fn starts_with_opening(line: &TextLine) -> bool {
    let g = &line.glyphs[0];
    OPENING.contains(g.text.as_str()) && (g.x + g.advance / 2.0 - MARGIN).abs() < 0.1
}

fn check_flush_and_prohibitions(lines: &[TextLine], what: &str) -> usize {
    let right = PAGE_WIDTH - MARGIN;
    let mut full = 0;
    for (i, line) in lines.iter().enumerate() {
        let t = line.text();
        let first = t.chars().next().unwrap();
        let last = t.chars().last().unwrap();
        assert!(
            !NO_START.contains(first),
            "{what}: line starts with {first}: {t}"
        );
        assert!(!NO_END.contains(last), "{what}: line ends with {last}: {t}");
        if continued(lines, i) {
            let end = ink_right(line);
            assert!(
                (end - right).abs() < 0.1,
                "{what}: `{t}` ends at {end:.2}, not {right:.2}"
            );
            full += 1;
        }
    }
    full
}

fn gap(a: &Glyph, b: &Glyph) -> f64 {
    b.x - (a.x + a.advance)
}

#[test]
fn punctuation_dense_sample_from_the_pdf() {
    let (_, info) = render_checked("dense", &root().join("samples/punctuation-dense.toml"), "");
    let lines = body_lines(&info);
    let full = check_flush_and_prohibitions(&lines, "dense");
    assert!(full >= 12, "only {full} full lines");

    // Adjacent marks: the first is set half width, so the next glyph origin is half an em on
    // (plus at most the line's tiny justification stretch).
    let mut pairs = 0;
    for line in &lines {
        for w in line.glyphs.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            let a_close = CLOSING.contains(a.text.as_str());
            let b_mark = CLOSING.contains(b.text.as_str()) || OPENING.contains(b.text.as_str());
            let a_open = OPENING.contains(a.text.as_str());
            if (a_close && b_mark) || (a_open && OPENING.contains(b.text.as_str())) {
                let step = (b.x - a.x) / SIZE;
                // A closing mark before an opening one keeps one blank between them, which a
                // line that must shrink may take away (the inks then touch, never overlap).
                let shrinkable = a_close && OPENING.contains(b.text.as_str());
                let low = if shrinkable { 0.0 } else { 0.5 - 0.005 };
                assert!(
                    step >= low && step <= 0.55,
                    "{}{} advance {step:.3} em in `{}`",
                    a.text,
                    b.text,
                    line.text()
                );
                pairs += 1;
            }
        }
    }
    assert!(pairs >= 20, "only {pairs} mark pairs");

    // Middle dots and connector marks keep their full advance.
    for line in &lines {
        for w in line.glyphs.windows(2) {
            if ["·", "—", "～"].contains(&w[0].text.as_str()) {
                assert!(gap(&w[0], &w[1]) >= -0.01, "{} compressed", w[0].text);
            }
        }
    }
}

#[test]
fn han_latin_gaps_are_a_quarter_em_in_the_pdf() {
    let mut gaps = Vec::new();
    for sample in ["samples/punctuation-dense.toml", "samples/latin-mixed.toml"] {
        let (_, info) = render_checked("gaps", &root().join(sample), "");
        for line in body_lines(&info) {
            for w in line.glyphs.windows(2) {
                let (a, b) = (&w[0], &w[1]);
                let pair = (is_han(&a.text) && is_latin_alnum(&b.text))
                    || (is_latin_alnum(&a.text) && is_han(&b.text));
                if pair {
                    let g = gap(a, b) / SIZE;
                    // ⅛ to ⅓ em when justifying, a little more only in a line stretched past
                    // ratio 1.
                    assert!(
                        (0.124..=0.40).contains(&g),
                        "{}|{} gap {g:.3} em in `{}`",
                        a.text,
                        b.text,
                        line.text()
                    );
                    gaps.push(g);
                }
            }
        }
    }
    assert!(gaps.len() >= 20, "only {} Han–Latin gaps", gaps.len());
    gaps.sort_by(f64::total_cmp);
    let median = gaps[gaps.len() / 2];
    assert!((median - 0.25).abs() < 0.02, "median gap {median:.3} em");
}

#[test]
fn latin_sample_is_flush_and_keeps_its_spaces() {
    let (path, info) = render_checked("latin", &root().join("samples/latin-mixed.toml"), "");
    let lines = body_lines(&info);
    let full = check_flush_and_prohibitions(&lines, "latin");
    assert!(full >= 12, "only {full} full lines");
    // Hyphens added at hyphenation points are drawn; URLs are broken without one.
    let texts: Vec<String> = lines.iter().map(TextLine::text).collect();
    assert!(texts.iter().any(|t| t.ends_with('-')), "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with(".org") || t.starts_with('/')),
        "{texts:?}"
    );
    if let Some(text) = pdftotext(&path) {
        let flat = text.replace('\n', " ");
        for phrase in [
            "when no one is looking. It is not an act, but a habit;",
            "Failure Mode and Effects",
            "TÜV Rheinland",
        ] {
            assert!(flat.contains(phrase), "pdftotext lost `{phrase}`: {flat}");
        }
    }
}

#[test]
fn hanging_punctuation_hangs_one_mark_into_the_margin() {
    let (_, info) = render_checked(
        "hanging",
        &root().join("samples/punctuation-dense.toml"),
        "[overrides.text]\nhanging-punctuation = true\n\n",
    );
    let lines = body_lines(&info);
    let right = PAGE_WIDTH - MARGIN;
    let mut hung = 0;
    for (i, line) in lines.iter().enumerate() {
        if !continued(&lines, i) {
            continue;
        }
        let g = &line.glyphs;
        let last = g.last().unwrap();
        if (last.x - right).abs() < 0.1 {
            // Hanging: only 、，。, and the glyph before it ends inside the measure.
            assert!("、，。".contains(last.text.as_str()), "{} hangs", last.text);
            let before = &g[g.len() - 2];
            assert!(
                ink_right_of(before) <= right + 0.1,
                "two marks hang: {}",
                line.text()
            );
            hung += 1;
        } else {
            let end = ink_right(line);
            assert!((end - right).abs() < 0.1, "`{}` ends at {end}", line.text());
        }
    }
    assert!(hung >= 1, "nothing hangs");
}

fn ink_right_of(g: &Glyph) -> f64 {
    if CLOSING.contains(g.text.as_str()) {
        g.x + g.advance / 2.0
    } else {
        g.x + g.advance
    }
}

/// A hyphen added at a hyphenation point stands for no character of the text, but every glyph
/// drawn must map to Unicode (PDF/UA-1 7.21.7, and copy and paste): it maps to its own
/// character. It used to map only when the same glyph was also typed somewhere (a real `-`,
/// as in the layouts' `- 5 -` page numbers, which this test leaves out).
#[test]
fn an_added_hyphen_maps_to_unicode_without_a_typed_one() {
    let dir = temp_dir("added-hyphen");
    let mut text = String::from(
        "layout = \"newsletter\"\n[bulletin]\npublisher = \"Quality Office\"\ndate = 2024-01-02\n[overrides.footer]\ncenter = \"{page}\"\n",
    );
    for _ in 0..6 {
        text.push_str("[[blocks]]\ntext = \"Standardization internationalization responsibilities accountability characterization implementation documentation.\"\n");
    }
    let def = dir.join("hyphen.toml");
    std::fs::write(&def, text).unwrap();
    let out = dir.join("out.pdf");
    let run = render(&def, &out, &["-q"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let info = inspect_file(&out);
    let lines: Vec<String> = info
        .pages
        .iter()
        .flat_map(|p| p.lines())
        .map(|l| l.text())
        .collect();
    assert!(
        lines.iter().any(|l| l.ends_with('-')),
        "no line ends in an added hyphen: {lines:?}"
    );
    for page in &info.pages {
        for g in &page.glyphs {
            assert!(
                g.text != "\u{FFFD}" && !g.text.is_empty(),
                "code {} unmapped",
                g.cid
            );
        }
    }
}

/// Text pasted from Word or a web page: format characters are drawn as nothing (no box, no
/// warning), a soft hyphen shows only where the line breaks, and every character no font has
/// (each drawn as the same .notdef box) still copies as itself. Before: a box and a warning
/// for each bidi control or joiner, a hyphen between 丁 and 戊, every box copied as the first
/// missing character, and the page number `- 1 -` copied with soft hyphens.
#[test]
fn pasted_invisible_characters_draw_nothing_and_copy_right() {
    let text = "甲\u{202E}乙\u{202C}丙\u{200D}丁\u{00AD}戊\u{2060}己。\
                缺字😀和😁和😂。quality\u{00AD}management";
    let def = format!(
        "layout = \"newsletter\"\n\n[bulletin]\npublisher = \"中国质量协会宣传部\"\n\
         date = 2020-03-10\n\n[[blocks]]\ntext = \"{text}\"\n"
    );
    let (run, pdf) = render_text("invisible-chars", "d", &def, &["--ignore-system-fonts"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let err = stderr(&run);
    for c in ["U+202E", "U+202C", "U+200D", "U+00AD", "U+2060"] {
        assert!(!err.contains(c), "{c} warned: {err}");
    }
    assert!(err.contains("U+1F600") && err.contains("U+1F602"), "{err}");
    let info = inspect_file(&pdf);
    let lines = info.pages[0].lines();
    let body = find_line(&lines, "甲乙");
    assert!(
        squeeze(&body.text()).starts_with("甲乙丙丁戊己。"),
        "{}",
        body.text()
    );
    if let Some(extracted) = pdftotext(&pdf) {
        let flat = squeeze(&extracted);
        assert!(flat.contains("甲乙丙丁戊己。"), "{flat}");
        assert!(flat.contains("缺字😀和😁和😂。"), "{flat}");
        assert!(
            !flat.contains('\u{00AD}'),
            "a soft hyphen was drawn: {flat}"
        );
        assert!(flat.contains("-1-"), "{flat}");
    }
}
