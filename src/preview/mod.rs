//! Page previews: the laid-out pages drawn to pixels by the project's own rasteriser, without a
//! PDF viewer — so that a reviewer (or a CI job, or a chat message) can see a page as a PNG.
//!
//! The input is what the PDF writer gets, the [`Document`] and its [`Layout`]; the output is
//! an RGB bitmap per page. Text is drawn with fontdue from *subset* fonts holding only the
//! glyphs on the pages previewed ([`fonts`]); rules and images are drawn by [`canvas`] and
//! [`images`]. Glyph pens are rounded to whole pixels, so a preview differs from a PDF viewer's
//! rendering by a fraction of a pixel per glyph — it is for looking, not for print.

mod canvas;
mod fonts;
mod images;

pub use canvas::Canvas;

use crate::error::{Error, ErrorKind, Result};
use crate::messages::msg;
use crate::page::paint::{display_list, GlyphRun, Paint};
use crate::page::Layout;
use crate::page::{Dot, ImageBox, Page, Rule};
use crate::resolve::Document;
use crate::units::Pt;

/// Resolutions accepted (dots per inch): below 10 nothing is legible, above 600 an A4 page is
/// over 100 megapixels.
pub const DPI_RANGE: std::ops::RangeInclusive<f64> = 10.0..=600.0;

/// The most pixels one preview page may have (300 MB of RGB): an A3 page at 600 dpi is 70
/// megapixels; a 5-metre poster page at 600 dpi would be billions.
pub const MAX_PAGE_PIXELS: f64 = 100e6;
/// The most pixels one preview run holds (every page is drawn before any is written): 1.2 GB
/// of RGB.
pub const MAX_TOTAL_PIXELS: f64 = 400e6;

/// Refuses, before any pixel is allocated, a page larger than [`MAX_PAGE_PIXELS`] or pages
/// together larger than [`MAX_TOTAL_PIXELS`]; says which resolution would do.
fn check_pixels(doc: &Document, pages: usize, dpi: f64) -> Result<()> {
    let inches = (doc.page.width.0 / 72.0) * (doc.page.height.0 / 72.0);
    let per_page = inches * dpi * dpi;
    let all_pages = per_page * pages as f64;
    let one_page = per_page > MAX_PAGE_PIXELS;
    let limit = if one_page {
        MAX_PAGE_PIXELS
    } else if all_pages > MAX_TOTAL_PIXELS {
        MAX_TOTAL_PIXELS / pages as f64
    } else {
        return Ok(());
    };
    let fits = (limit / inches).sqrt().floor();
    let hint = if fits >= *DPI_RANGE.start() {
        msg::preview_lower_dpi(fits)
    } else {
        msg::preview_fewer_pages()
    };
    let message = if one_page {
        msg::preview_page_too_large(
            dpi,
            format!("{:.0}", per_page / 1e6),
            format!("{:.0}", MAX_PAGE_PIXELS / 1e6),
        )
    } else {
        msg::preview_pages_too_large(
            dpi,
            format!("{:.0}", all_pages / 1e6),
            format!("{:.0}", MAX_TOTAL_PIXELS / 1e6),
        )
    };
    Err(Error::new(ErrorKind::Invalid, message).help(hint.text))
}

/// Draws the pages `pages` (indexes into `layout.pages`) at `dpi`.
pub fn render_pages(
    doc: &Document,
    layout: &Layout,
    pages: &[usize],
    dpi: f64,
) -> Result<Vec<Canvas>> {
    if !DPI_RANGE.contains(&dpi) {
        return Err(Error::new(
            ErrorKind::Invalid,
            msg::bad_dpi(DPI_RANGE.start(), DPI_RANGE.end()),
        ));
    }
    check_pixels(doc, pages.len(), dpi)?;
    let chosen: Vec<&Page> = pages.iter().map(|&p| &layout.pages[p]).collect();
    let mut glyphs = fonts::Glyphs::new(doc, &chosen)?;
    let mut pictures = images::Pictures::default();
    let scale = dpi / 72.0;
    let px = |v: Pt| v.0 * scale;
    let mut out = Vec::with_capacity(chosen.len());
    for page in chosen {
        let mut canvas = Canvas::new(
            px(doc.page.width).round().max(1.0) as u32,
            px(doc.page.height).round().max(1.0) as u32,
        );
        // The display list, as the PDF paints it: images and rules, then text on top.
        for op in display_list(page, &doc.fonts) {
            match op.paint {
                Paint::Image(&ImageBox {
                    image,
                    x,
                    y,
                    width,
                    height,
                    multiply,
                }) => {
                    let (x0, y0) = (px(x), px(y));
                    let (x1, y1) = (px(x + width), px(y + height));
                    let left = x0.round() as i64;
                    let top = y0.round() as i64;
                    let w = (x1.round() as i64 - left).max(1) as u32;
                    let h = (y1.round() as i64 - top).max(1) as u32;
                    let bitmap = pictures.scaled(&doc.images[image], image, w, h)?;
                    canvas.draw_rgb(left, top, bitmap, multiply);
                }
                Paint::Rule(&Rule {
                    x,
                    y,
                    width,
                    thickness,
                    color,
                }) => {
                    let half = thickness / 2.0;
                    canvas.fill_rect(
                        px(x),
                        px(y - half),
                        px(x + width),
                        px(y + half),
                        rgb8(color),
                    );
                }
                Paint::Dot(&Dot {
                    x,
                    y,
                    radius,
                    color,
                }) => canvas.fill_circle(px(x), px(y), px(radius), rgb8(color)),
                Paint::Glyphs(run) => glyph_run(&mut canvas, &mut glyphs, &run, scale)?,
            }
        }
        out.push(canvas);
    }
    Ok(out)
}

/// Draws one run of glyphs at `scale` pixels per point.
fn glyph_run(
    canvas: &mut Canvas,
    glyphs: &mut fonts::Glyphs,
    run: &GlyphRun,
    scale: f64,
) -> Result<()> {
    let px = |v: Pt| v.0 * scale;
    let baseline = px(run.baseline);
    let size = px(run.size) as f32;
    let color = rgb8(run.color);
    // Fake bold, as the PDF strokes the outline with a line `stroke` wide: the glyph is painted
    // again shifted by half that width each way. PDF viewers draw a hairline stroke at least
    // about 1.5 pixels wide (poppler's ink for fake bold at 96 and 150 dpi, tests/preview.rs),
    // so it is here too.
    let half = if run.stroke.0 > 0.0 {
        px(run.stroke).max(1.5) / 2.0
    } else {
        0.0
    };
    let offsets: &[(f64, f64)] = if half > 0.0 {
        &[
            (-1.0, 0.0),
            (1.0, 0.0),
            (0.0, -1.0),
            (0.0, 1.0),
            (-0.7, -0.7),
            (0.7, -0.7),
            (-0.7, 0.7),
            (0.7, 0.7),
        ]
    } else {
        &[(0.0, 0.0)]
    };
    for g in run.glyphs {
        // The masks at each offset, united (the most coverage of any), drawn once.
        let mut mask = canvas::Mask::default();
        for &(dx, dy) in offsets {
            let pen = px(run.line.x + g.x) + dx * half;
            let base = baseline + dy * half;
            let shift = (pen - pen.floor(), base - base.floor());
            let bitmap = glyphs.get(run.font, g.glyph, size, run.scale, shift)?;
            mask.unite(
                pen.floor() as i64 + bitmap.left as i64,
                base.floor() as i64 - bitmap.top as i64,
                bitmap.width,
                &bitmap.coverage,
            );
        }
        canvas.draw_coverage(mask.left, mask.top, mask.width, &mask.coverage, color);
    }
    Ok(())
}

/// Decodes an image stream to RGB pixels as the preview draws it (for the fuzzer and tests).
pub fn decode_image(image: &crate::images::Image) -> std::result::Result<(u32, u32), String> {
    images::decode(image).map(|img| img.dimensions())
}

fn rgb8(c: crate::model::Color) -> [u8; 3] {
    let to = |v: f64| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    [to(c.r), to(c.g), to(c.b)]
}
