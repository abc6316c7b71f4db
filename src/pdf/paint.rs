//! The page's display list, in the shape agreed with the page stage (`page::paint`): until that
//! module lands on main, the writer builds the same list here, privately, so that the painting
//! code below it does not change when it switches over. Nothing else in src/pdf/ looks at
//! `page.items` to paint.

use crate::fonts::{FontIdx, FontSet};
use crate::model::Color;
use crate::page::{Item, Page, TextRun};
use crate::text::PlacedGlyph;
use crate::units::Pt;

/// One thing to paint, in painting order, pointing back at the page item it comes from.
pub struct Op<'a> {
    /// Index into `page.items` of the item this op paints.
    #[allow(dead_code)]
    pub item: usize,
    pub paint: Paint<'a>,
}

pub enum Paint<'a> {
    /// An image scaled into a box whose top-left corner is (x, y) (page coordinates, y down).
    Image {
        image: usize,
        x: Pt,
        y: Pt,
        width: Pt,
        height: Pt,
        multiply: bool,
    },
    /// A filled rectangle: a horizontal rule whose centre line is `y`.
    Rule {
        x: Pt,
        y: Pt,
        width: Pt,
        thickness: Pt,
        color: Color,
    },
    Dot {
        x: Pt,
        y: Pt,
        radius: Pt,
        color: Color,
    },
    Glyphs(GlyphRun<'a>),
}

/// Consecutive glyphs of one text line with the same face, horizontal scale and ink.
pub struct GlyphRun<'a> {
    pub line: &'a TextRun,
    /// `glyph.x` is relative to `line.x`.
    pub glyphs: &'a [PlacedGlyph],
    pub font: FontIdx,
    /// Horizontal scale (Tz), 1.0 normally.
    pub scale: f64,
    /// `line.size * ink.scale`.
    pub size: Pt,
    /// Page y (down) of this run's baseline: `line.baseline - ink.rise`.
    pub baseline: Pt,
    pub color: Color,
    /// Fake bold: the outline stroke width (zero: none); > 0 only when the ink asks for bold
    /// and the face is not bold.
    pub stroke: Pt,
}

/// The page's ops in painting order: images, rules and dots in item order, then text on top in
/// item order (the page's reading order).
pub fn display_list<'a>(page: &'a Page, fonts: &'a FontSet) -> Vec<Op<'a>> {
    let mut ops = Vec::new();
    for (n, item) in page.items.iter().enumerate() {
        let paint = match *item {
            Item::Image {
                image,
                x,
                y,
                width,
                height,
                multiply,
            } => Paint::Image {
                image,
                x,
                y,
                width,
                height,
                multiply,
            },
            Item::Rule {
                x,
                y,
                width,
                thickness,
                color,
            } => Paint::Rule {
                x,
                y,
                width,
                thickness,
                color,
            },
            Item::Dot {
                x,
                y,
                radius,
                color,
            } => Paint::Dot {
                x,
                y,
                radius,
                color,
            },
            Item::Text(_) => continue,
        };
        ops.push(Op { item: n, paint });
    }
    for (n, item) in page.items.iter().enumerate() {
        let Item::Text(line) = item else { continue };
        let glyphs = &line.glyphs;
        let mut i = 0;
        while i < glyphs.len() {
            let first = &glyphs[i];
            let mut j = i + 1;
            while j < glyphs.len()
                && glyphs[j].font == first.font
                && glyphs[j].scale == first.scale
                && line.ink(&glyphs[j]) == line.ink(first)
            {
                j += 1;
            }
            let ink = line.ink(first);
            let face = fonts.get(first.font);
            let stroke = if ink.embolden.0 > 0.0 && !face.is_bold() {
                ink.embolden
            } else {
                Pt::ZERO
            };
            ops.push(Op {
                item: n,
                paint: Paint::Glyphs(GlyphRun {
                    line,
                    glyphs: &glyphs[i..j],
                    font: first.font,
                    scale: first.scale,
                    size: line.size * ink.scale,
                    baseline: line.baseline - ink.rise,
                    color: ink.color,
                    stroke,
                }),
            });
            i = j;
        }
    }
    ops
}
