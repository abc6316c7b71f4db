//! One page's content stream, painted from the page's display list (never from the page's
//! items directly, so the preview and the PDF draw the same things in the same order).

use super::finite::Guard;
use super::fonts::{self, Embedded as Fonts};
use super::images::{self, Embedded as Images};
use crate::fonts::FontFace;
use crate::model::Color;
use crate::page::paint::{display_list, GlyphRun, Paint};
use crate::page::structure::{has_text, link_at};
use crate::page::LinkTarget;
use crate::page::Page;
use crate::page::{Artifact, Structure};
use crate::page::{Dot, ImageBox, Rule};
use crate::resolve::Document;
use crate::units::Pt;
use pdf_writer::types::{ArtifactType, LineJoinStyle, TextRenderingMode};
use pdf_writer::{Content, Finish, Name, Str, TextStr};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The graphics state that paints multiplied (/BM /Multiply): seals over the text.
pub const MULTIPLY: &str = "GSmul";

/// A page's content, uncompressed, and what it needs from the page dictionary.
pub struct PageContent {
    pub bytes: Vec<u8>,
    /// The first number that PDF cannot express, if a bug let one through.
    pub bad: Option<f64>,
    /// Paints with transparency (an image with alpha, or multiplied): PDF/A wants the page to
    /// be a transparency group with a stated blending colour space.
    pub transparent: bool,
    /// Uses the multiplying graphics state.
    pub multiply: bool,
    /// The link areas over the page's text, in item order.
    pub links: Vec<Link>,
    /// Per marked-content identifier (MCID, counted from 0 on each page): the page item whose
    /// ops it marks. An item painted in two stretches (its text after the pictures) has two.
    pub marks: Vec<usize>,
}

/// A clickable area (PDF coordinates: left, bottom, right, top) and where it goes.
pub struct Link {
    /// The page item (a text line) the link lies on.
    pub item: usize,
    pub rect: [f32; 4],
    pub target: LinkTarget,
    /// The annotation's text alternative (`/Contents`, PDF/UA-1 7.18.5): a web or mail
    /// address itself, an internal link's text on this line (the `1` of 见图1, what the
    /// reader clicks).
    pub contents: String,
}

/// Paints one page.
pub fn page(page: &Page, doc: &Document, fonts: &Fonts, images: &Images) -> PageContent {
    let height = doc.page.height;
    let mut c = Content::new();
    let mut n = Guard::default();
    let mut fill: Option<Color> = None;
    let mut in_text = false;
    let mut transparent = false;
    let mut multiply_used = false;
    // Per (item, link span): the left and right edges of its glyphs so far.
    let mut spans: BTreeMap<(usize, usize), (f64, f64)> = BTreeMap::new();
    let mut marks = Vec::new();
    // The item (and link span of its text) whose marked-content sequence is open.
    let mut open: Option<(usize, Option<usize>)> = None;
    for op in display_list(page, &doc.fonts) {
        let structure = &page.tag(op.item).structure;
        if let Paint::Glyphs(run) = &op.paint {
            // A line with links is marked in stretches: the text before a link, the link's
            // glyphs (owned by a Link element), the text after it.
            let mut from = 0;
            while from < run.glyphs.len() {
                let k = if structure.is_artifact() {
                    None
                } else {
                    link_at(run.line, &run.glyphs[from])
                };
                let to = from
                    + run.glyphs[from..]
                        .iter()
                        .take_while(|g| structure.is_artifact() || link_at(run.line, g) == k)
                        .count();
                let at = (op.item, k);
                if open != Some(at) {
                    switch(&mut c, &mut in_text, &mut open, at, structure, &mut marks);
                }
                if !in_text {
                    c.begin_text();
                    in_text = true;
                }
                let part = GlyphRun {
                    glyphs: &run.glyphs[from..to],
                    ..run.clone()
                };
                glyphs(&mut c, &mut n, &part, doc, fonts, height, &mut fill);
                from = to;
            }
            link_spans(run, op.item, doc, &mut spans);
            continue;
        }
        if open != Some((op.item, None)) {
            let at = (op.item, None);
            switch(&mut c, &mut in_text, &mut open, at, structure, &mut marks);
        }
        if in_text {
            c.end_text();
            in_text = false;
        }
        match op.paint {
            Paint::Image(&ImageBox {
                image,
                x,
                y,
                width,
                height: h,
                multiply,
            }) => {
                let img = &doc.images[image];
                transparent |= multiply || images::has_alpha(img);
                multiply_used |= multiply;
                let bottom = height - y - h;
                c.save_state();
                if multiply {
                    c.set_parameters(Name(MULTIPLY.as_bytes()));
                }
                c.transform([n.f(width.0), 0.0, 0.0, n.f(h.0), n.f(x.0), n.f(bottom.0)]);
                c.x_object(Name(images.name(img).as_bytes()));
                c.restore_state();
            }
            Paint::Rule(&Rule {
                x,
                y,
                width,
                thickness,
                color,
            }) => {
                set_fill(&mut c, &mut n, &mut fill, color);
                c.rect(
                    n.f(x.0),
                    n.f((height - y - thickness / 2.0).0),
                    n.f(width.0),
                    n.f(thickness.0),
                );
                c.fill_nonzero();
            }
            Paint::Dot(&Dot {
                x,
                y,
                radius,
                color,
            }) => {
                set_fill(&mut c, &mut n, &mut fill, color);
                dot(&mut c, &mut n, x.0, (height - y).0, radius.0);
                c.fill_nonzero();
            }
            Paint::Glyphs(_) => unreachable!("text is painted above"),
        }
    }
    if in_text {
        c.end_text();
    }
    if open.is_some() {
        c.end_marked_content();
    }
    let mut links = Vec::new();
    for ((item, span), (left, right)) in spans {
        let crate::page::Item::Text(line) = page.item(item) else {
            continue;
        };
        // The line's em box, from a little above the ascent to a little below the descent.
        let top = height - (line.baseline - line.size * 0.9);
        let bottom = height - (line.baseline + line.size * 0.2);
        let link = &line.links[span];
        let text = line
            .text
            .get(link.text.start as usize..link.text.end as usize)
            .unwrap_or_default();
        links.push(Link {
            item,
            rect: [n.f(left), n.f(bottom.0), n.f(right), n.f(top.0)],
            contents: match &link.target {
                LinkTarget::Uri(uri) => uri.clone(),
                LinkTarget::Internal { .. } => text.to_string(),
            },
            target: link.target.clone(),
        });
    }
    PageContent {
        links,
        bytes: c.finish().into_vec(),
        bad: n.first(),
        transparent,
        multiply: multiply_used,
        marks,
    }
}

/// Opens the marked-content sequence of `item`: an artifact of its kind (no MCID: a reader
/// skips it), or the structure type's tag with the next MCID, recorded in `marks`. A figure
/// without a text alternative is never written as one (PDF/UA-1 7.3): it is decoration.
/// Ends the open marked-content sequence and begins the one for `at` (an item, and the link
/// span of its text). A sequence begun inside a text object must end inside it: the text
/// object is closed at every change, so each sequence is whole.
fn switch(
    c: &mut Content,
    in_text: &mut bool,
    open: &mut Option<(usize, Option<usize>)>,
    at: (usize, Option<usize>),
    structure: &Structure,
    marks: &mut Vec<usize>,
) {
    if *in_text {
        c.end_text();
        *in_text = false;
    }
    if open.is_some() {
        c.end_marked_content();
    }
    mark(c, structure, at.0, marks);
    *open = Some(at);
}

fn mark(c: &mut Content, structure: &Structure, item: usize, marks: &mut Vec<usize>) {
    let artifact = match structure {
        Structure::Artifact(kind) => Some(*kind),
        Structure::Figure { alt } if !has_text(alt) => Some(Artifact::Layout),
        _ => None,
    };
    if let Some(kind) = artifact {
        let mut m = c.begin_marked_content_with_properties(Name(b"Artifact"));
        m.properties().artifact().kind(match kind {
            Artifact::Pagination => ArtifactType::Pagination,
            Artifact::Layout => ArtifactType::Layout,
        });
    } else {
        let mcid = marks.len() as i32;
        marks.push(item);
        c.begin_marked_content_with_properties(Name(structure.name().as_bytes()))
            .properties()
            .identify(mcid);
    }
}

/// Widens each link span of the run's line by the glyphs of this run that lie in it.
fn link_spans(
    run: &GlyphRun,
    item: usize,
    doc: &Document,
    spans: &mut BTreeMap<(usize, usize), (f64, f64)>,
) {
    if run.line.links.is_empty() {
        return;
    }
    let face = doc.fonts.get(run.font);
    for g in run.glyphs {
        let Some(k) = link_at(run.line, g) else {
            continue;
        };
        let left = (run.line.x + g.x).0;
        let right = left + fonts::width(face, g.glyph) / 1000.0 * run.size.0 * run.scale;
        let e = spans.entry((item, k)).or_insert((left, right));
        e.0 = e.0.min(left);
        e.1 = e.1.max(right);
    }
}

fn set_fill(c: &mut Content, n: &mut Guard, fill: &mut Option<Color>, color: Color) {
    if *fill != Some(color) {
        c.set_fill_rgb(n.f(color.r), n.f(color.g), n.f(color.b));
        *fill = Some(color);
    }
}

/// A filled circle of radius `r` centred on `(cx, cy)` (PDF space): four Bézier quarters.
fn dot(c: &mut Content, n: &mut Guard, cx: f64, cy: f64, r: f64) {
    // The control-point distance that makes a quarter circle.
    let k = r * 0.552_284_749_8;
    let mut p = |v: f64| n.f(v);
    let (x0, x1, x2, x3, x4) = (p(cx - r), p(cx - k), p(cx), p(cx + k), p(cx + r));
    let (y0, y1, y2, y3, y4) = (p(cy - r), p(cy - k), p(cy), p(cy + k), p(cy + r));
    c.move_to(x4, y2);
    c.cubic_to(x4, y3, x3, y4, x2, y4);
    c.cubic_to(x1, y4, x0, y3, x0, y2);
    c.cubic_to(x0, y1, x1, y0, x2, y0);
    c.cubic_to(x3, y0, x4, y1, x4, y2);
    c.close_path();
}

/// Shows the glyphs `range` of `run` with one TJ, each placed where the line breaker set it by
/// an adjustment against the advance the font's /W array gives (also after the last, towards
/// the run's next glyph).
fn show(
    c: &mut Content,
    n: &mut Guard,
    run: &GlyphRun,
    face: &Arc<FontFace>,
    fonts: &Fonts,
    range: std::ops::Range<usize>,
) {
    let th = run.scale * run.size.0;
    let mut shown = c.show_positioned();
    let mut items = shown.items();
    let mut codes: Vec<u8> = Vec::with_capacity(range.len() * 2);
    for k in range {
        let g = &run.glyphs[k];
        codes.extend_from_slice(&fonts.code(face, g.glyph).to_be_bytes());
        let Some(next) = run.glyphs.get(k + 1) else {
            break;
        };
        let wanted = (next.x - g.x).0;
        let adj = fonts::width(face, g.glyph) - wanted / th * 1000.0;
        if adj.abs() >= 1e-3 {
            items.show(Str(&codes));
            codes.clear();
            items.adjust(n.f(adj));
        }
    }
    if !codes.is_empty() {
        items.show(Str(&codes));
    }
    items.finish();
    shown.finish();
}

/// One glyph run: positioned with a text matrix and shown with one TJ whose adjustments put
/// every glyph exactly where the line breaker set it, against the advances the font's /W array
/// gives the viewer.
fn glyphs(
    c: &mut Content,
    n: &mut Guard,
    run: &GlyphRun,
    doc: &Document,
    fonts: &Fonts,
    page_height: Pt,
    fill: &mut Option<Color>,
) {
    let face = doc.fonts.get(run.font);
    set_fill(c, n, fill, run.color);
    c.set_font(Name(fonts.name(face).as_bytes()), n.f(run.size.0));
    if run.scale != 1.0 {
        c.set_horizontal_scaling(n.f(run.scale * 100.0));
    }
    let first = &run.glyphs[0];
    c.set_text_matrix([
        1.0,
        0.0,
        0.0,
        1.0,
        n.f((run.line.x + first.x).0),
        n.f((page_height - run.baseline).0),
    ]);
    // Fake bold: the outline stroked as well as filled, in the text's colour.
    let embolden = run.stroke.0 > 0.0;
    if embolden {
        c.set_text_rendering_mode(TextRenderingMode::FillStroke);
        c.set_line_width(n.f(run.stroke.0));
        c.set_line_join(LineJoinStyle::RoundJoin);
        let k = run.color;
        c.set_stroke_rgb(n.f(k.r), n.f(k.g), n.f(k.b));
    }
    // A glyph drawn for other text than the ToUnicode map gives it (one .notdef box for every
    // character no font has; one glyph two characters share) carries its own text in a
    // /Span with /ActualText, so that copying and searching give what was typed.
    let actual: Vec<Option<&str>> = run
        .glyphs
        .iter()
        .map(|g| {
            let own = run
                .line
                .text
                .get(g.text.start as usize..g.text.end as usize)
                .unwrap_or_default();
            (!own.is_empty() && own != fonts.mapped_text(face, g.glyph)).then_some(own)
        })
        .collect();
    let mut from = 0;
    while from < run.glyphs.len() {
        let to = match actual[from] {
            Some(_) => from + 1,
            None => from + actual[from..].iter().take_while(|a| a.is_none()).count(),
        };
        if let Some(text) = actual[from] {
            c.begin_marked_content_with_properties(Name(b"Span"))
                .properties()
                .actual_text(TextStr(text));
        }
        show(c, n, run, face, fonts, from..to);
        if actual[from].is_some() {
            c.end_marked_content();
        }
        from = to;
    }
    if embolden {
        c.set_text_rendering_mode(TextRenderingMode::Fill);
    }
    if run.scale != 1.0 {
        c.set_horizontal_scaling(100.0);
    }
}
