//! `jianbao preview`: pages drawn by our rasteriser must look like a PDF viewer's rendering of
//! the PDF we write (compared with poppler's `pdftoppm`, pixel by pixel).

mod support;

use std::path::Path;
use std::process::Command;
use support::*;

fn pdftoppm_available() -> bool {
    Command::new("pdftoppm").arg("-v").output().is_ok()
}

fn load(path: &Path) -> image::RgbImage {
    image::open(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .into_rgb8()
}

/// Side of the pixel blocks averaged before comparing.
const BLOCK: u32 = 3;

/// Mean absolute difference per channel (0–255) between the two images averaged over
/// `BLOCK`×`BLOCK` pixel blocks, over the area both cover. The two rasterisers hint glyphs
/// differently (poppler's FreeType snaps stems to the pixel grid, fontdue does not), so single
/// pixels at glyph edges differ everywhere; what a reader sees — where the ink is and how dark —
/// is compared at the scale of a stroke.
fn mean_difference(a: &image::RgbImage, b: &image::RgbImage) -> f64 {
    let (w, h) = (a.width().min(b.width()), a.height().min(b.height()));
    let block = |img: &image::RgbImage, bx: u32, by: u32, k: usize| -> f64 {
        let mut sum = 0u32;
        for y in by * BLOCK..(by + 1) * BLOCK {
            for x in bx * BLOCK..(bx + 1) * BLOCK {
                sum += img.get_pixel(x, y).0[k] as u32;
            }
        }
        sum as f64 / (BLOCK * BLOCK) as f64
    };
    let (bw, bh) = (w / BLOCK, h / BLOCK);
    let mut total = 0.0;
    for by in 0..bh {
        for bx in 0..bw {
            for k in 0..3 {
                total += (block(a, bx, by, k) - block(b, bx, by, k)).abs();
            }
        }
    }
    total / (bw as f64 * bh as f64 * 3.0)
}

#[test]
fn preview_matches_pdftoppm_on_every_seed_page() {
    if !pdftoppm_available() {
        eprintln!("pdftoppm not installed (poppler-utils); skipping the comparison");
        return;
    }
    let dir = temp_dir("preview-compare");
    let def = root().join("samples/cqa-2020-03-10.toml");
    let pdf = dir.join("seed.pdf");
    let run = render(&def, &pdf, &["-q"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let out = dir.join("ours");
    let run = jianbao()
        .args(["preview", "--all", "--dpi", "60", "-q", "-o"])
        .arg(&out)
        .arg(&def)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let theirs = dir.join("theirs");
    let status = Command::new("pdftoppm")
        .args(["-r", "60", "-png"])
        .arg(&pdf)
        .arg(&theirs)
        .status()
        .unwrap();
    assert!(status.success());
    for page in 1..=5 {
        let ours = load(&out.join(format!("cqa-2020-03-10-{page}.png")));
        let reference = load(&dir.join(format!("theirs-{page}.png")));
        assert!(
            ours.width().abs_diff(reference.width()) <= 1
                && ours.height().abs_diff(reference.height()) <= 1,
            "page {page}: {}×{} vs {}×{}",
            ours.width(),
            ours.height(),
            reference.width(),
            reference.height()
        );
        let diff = mean_difference(&ours, &reference);
        // A blank page differs from the reference by far more: the threshold tells pages apart.
        let blank = image::RgbImage::from_pixel(ours.width(), ours.height(), image::Rgb([255; 3]));
        let blank_diff = mean_difference(&blank, &reference);
        eprintln!("page {page}: mean difference {diff:.2} (blank page: {blank_diff:.2})");
        assert!(diff < 4.0, "page {page}: mean pixel difference {diff:.2}");
        assert!(
            blank_diff > 3.0 * diff.max(0.5),
            "page {page}: {blank_diff:.2}"
        );
    }
}

#[test]
fn preview_writes_one_page_or_all_and_refuses_bad_requests() {
    let dir = temp_dir("preview-cli");
    let def = root().join("samples/cqa-2020-03-10.toml");
    // One page to a named file.
    let one = dir.join("p3.png");
    let run = jianbao()
        .args(["preview", "--page", "3", "--dpi", "30", "-o"])
        .arg(&one)
        .arg(&def)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let img = load(&one);
    assert_eq!((img.width(), img.height()), (248, 351)); // A4 at 30 dpi
    assert!(stderr(&run).contains("wrote"), "{}", stderr(&run));
    // A page that does not exist.
    let run = jianbao()
        .args(["preview", "--page", "9", "-o"])
        .arg(dir.join("x.png"))
        .arg(&def)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("there is no page 9: the document has 5 pages"),
        "{}",
        stderr(&run)
    );
    assert!(!dir.join("x.png").exists());
    // An absurd resolution is a usage error.
    let run = jianbao()
        .args(["preview", "--dpi", "5000", "-o"])
        .arg(dir.join("y.png"))
        .arg(&def)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("'5000'") && stderr(&run).contains("from 10 to 600 dpi"),
        "{}",
        stderr(&run)
    );
    // --page and --all together are a usage error.
    let run = jianbao()
        .args(["preview", "--page", "1", "--all"])
        .arg(&def)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["p3.png".to_string()], "nothing else written");
}

/// Styled text — fake bold, emphasis dots, underline — is painted by the preview as a PDF
/// viewer paints our PDF: at the default 96 dpi the ink of each version (bold, plain) agrees
/// with pdftoppm's within 10 % (measured: 2 % and 4 %), while bold and plain differ by half or
/// more.
#[test]
fn preview_paints_styled_text_like_the_pdf() {
    if !pdftoppm_available() {
        eprintln!("pdftoppm not installed (poppler-utils); skipping the comparison");
        return;
    }
    let ink = |img: &image::RgbImage| img.pixels().map(|p| 255 - p.0[1] as u64).sum::<u64>() as f64;
    let text = "质量提升行动推进会议在北京召开，各地质量协会交流经验做法。".repeat(6);
    let mut inks = Vec::new();
    for (name, marked) in [
        ("plain", text.clone()),
        (
            "styled",
            format!("**{text}**{{dot:着重号着重号}}{{u:下划线下划线}}"),
        ),
    ] {
        let (ours, theirs) = both_ways(&format!("preview-styled-{name}"), &marked);
        let (a, b) = (ink(&ours), ink(&theirs));
        eprintln!("{name}: preview ink {a:.0}, pdftoppm ink {b:.0}");
        assert!((a / b - 1.0).abs() < 0.1, "{name}: {a} vs {b}");
        inks.push((a, b));
    }
    let (plain, styled) = (inks[0], inks[1]);
    assert!(styled.0 > plain.0 * 1.5, "preview: {styled:?} vs {plain:?}");
    assert!(
        styled.1 > plain.1 * 1.5,
        "pdftoppm: {styled:?} vs {plain:?}"
    );
}

/// Superscripts and subscripts are painted by the preview at the size and height the PDF has:
/// a line of superscript text is smaller and higher than the same text plain, and its ink (its
/// amount and its mean row) agrees with pdftoppm's.
#[test]
fn preview_paints_superscripts_and_subscripts_like_the_pdf() {
    if !pdftoppm_available() {
        eprintln!("pdftoppm not installed (poppler-utils); skipping the comparison");
        return;
    }
    // Ink and mean ink row of the upper half of an image (the text, not the page number).
    let ink = |img: &image::RgbImage| {
        let (mut sum, mut rows) = (0.0, 0.0);
        let half = img.height() / 2;
        for (_, y, p) in img.enumerate_pixels().filter(|(_, y, _)| *y < half) {
            let v = (255 - p.0[1]) as f64;
            sum += v;
            rows += v * y as f64;
        }
        (sum, rows / sum)
    };
    let text = "质量提升行动推进会议".repeat(2);
    let mut found = Vec::new();
    for (name, marked) in [
        ("plain", format!("甲{text}")),
        ("sup", format!("甲{{sup:{text}}}")),
        ("sub", format!("甲{{sub:{text}}}")),
    ] {
        let (ours, theirs) = both_ways(&format!("preview-scripts-{name}"), &marked);
        let (a, b) = (ink(&ours), ink(&theirs));
        eprintln!("{name}: preview {a:?}, pdftoppm {b:?}");
        assert!((a.0 / b.0 - 1.0).abs() < 0.1, "{name}: {a:?} vs {b:?}");
        assert!((a.1 - b.1).abs() < 1.0, "{name}: mean row {a:?} vs {b:?}");
        found.push(a);
    }
    let (plain, sup, sub) = (found[0], found[1], found[2]);
    // Smaller: about 0.6² of the ink; raised and lowered.
    assert!(sup.0 < plain.0 * 0.6 && sub.0 < plain.0 * 0.6, "{found:?}");
    assert!(sup.1 < plain.1 - 1.0 && sub.1 > sup.1 + 2.0, "{found:?}");
}

/// Renders one 公文 paragraph of `marked` text and paints its page twice at 96 dpi: by our
/// preview and by pdftoppm from the PDF. Returns (ours, pdftoppm's).
fn both_ways(dir_name: &str, marked: &str) -> (image::RgbImage, image::RgbImage) {
    let dir = temp_dir(dir_name);
    let def = dir.join("p.toml");
    std::fs::write(
        &def,
        format!("layout = \"gongwen\"\n\n[bulletin]\npublisher = \"单位\"\ndate = 2024-05-01\n\n[[blocks]]\ntext = \"{marked}\"\n"),
    )
    .unwrap();
    let pdf = dir.join("p.pdf");
    let run = render(&def, &pdf, &["-q"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let ours = dir.join("ours.png");
    let run = jianbao()
        .args(["preview", "--dpi", "96", "-q", "-o"])
        .arg(&ours)
        .arg(&def)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let status = Command::new("pdftoppm")
        .args(["-r", "96", "-png", "-singlefile"])
        .arg(&pdf)
        .arg(dir.join("theirs"))
        .status()
        .unwrap();
    assert!(status.success());
    (load(&ours), load(&dir.join("theirs.png")))
}

/// A photo whose structure is sound but on which the preview's JPEG decoder (zune-jpeg 0.5.15)
/// panics: `render` embeds it (a PDF reader decodes it), `preview` says it cannot decode that
/// figure, with no panic message and no PNG left behind.
#[test]
fn a_photo_the_preview_decoder_fails_on_is_an_error_not_a_crash() {
    let dir = temp_dir("preview-decoder-panic");
    std::fs::copy(
        root().join("tests/data/fuzz-jpeg-decoder-panic.jpg"),
        dir.join("photo.jpg"),
    )
    .unwrap();
    let def = dir.join("d.toml");
    std::fs::write(
        &def,
        "layout = \"newsletter\"\n\n[bulletin]\npublisher = \"中国质量协会宣传部\"\ndate = 2020-03-10\n\n[[blocks]]\nfigure = \"photo.jpg\"\ncaption = \"照片\"\n",
    )
    .unwrap();
    let pdf = dir.join("d.pdf");
    let run = render(&def, &pdf, &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let png = dir.join("d.png");
    let run = jianbao()
        .args(["preview", "--dpi", "30", "-o"])
        .arg(&png)
        .arg(&def)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        err.contains("could not decode figure image 1")
            && err.contains("the decoder failed on this file"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(!png.exists());
}
