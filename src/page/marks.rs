//! Marks drawn with text but not part of it: emphasis dots (着重号) and underlines, as page
//! items of their own so that the PDF writer and the preview paint them alike.
//!
//! clreq (3.3.3) puts the 着重号 under each Han character of horizontal text, centred on it,
//! below the character's em box; punctuation gets none. An underline runs under a marked stretch
//! of a line, from the first glyph's left edge to the last one's right edge.

use super::{Item, TextRun};
use crate::resolve::Document;
use crate::text::classify::{class_of, Class};
use crate::units::Pt;

/// How far under the baseline the ideographic em box ends, in ems (880/120 in Chinese fonts).
const IDEOGRAPHIC_BOTTOM: f64 = 0.12;
/// Diameter of an emphasis dot and its gap under the em box, in ems.
const DOT: f64 = 0.12;
const DOT_GAP: f64 = 0.06;
/// Thickness of an underline and its gap under the em box, in ems.
const UNDERLINE: f64 = 0.05;
const UNDERLINE_GAP: f64 = 0.03;

/// Adds the emphasis dots and underlines of a placed run to `items`.
pub fn add(doc: &Document, run: &TextRun, items: &mut Vec<Item>) {
    if !run.inks.iter().any(|i| i.dots || i.underline) {
        return;
    }
    let size = run.size;
    // The bottom of the em box: the face's descender, and at least the 0.12 em under the
    // baseline where Chinese fonts put the ideographic em box (some give no descender).
    let bottom = |font| {
        let (asc, desc) = doc.fonts.get(font).ascender_descender();
        let ratio = if asc - desc > 0.0 {
            -desc / (asc - desc)
        } else {
            0.0
        };
        run.baseline + size * ratio.max(IDEOGRAPHIC_BOTTOM)
    };
    let mut line: Option<(Pt, Pt, Pt, crate::model::Color)> = None;
    for g in &run.glyphs {
        let ink = run.ink(g);
        let face = doc.fonts.get(g.font);
        let left = run.x + g.x;
        let right = left + size * (face.advance(g.glyph) * g.scale);
        if ink.dots {
            let han = run.text[g.text.start as usize..g.text.end as usize]
                .chars()
                .next()
                .is_some_and(|c| class_of(c) == Class::Ideograph);
            if han {
                items.push(Item::Dot(super::Dot {
                    x: (left + right) / 2.0,
                    y: bottom(g.font) + size * (DOT_GAP + DOT / 2.0),
                    radius: size * (DOT / 2.0),
                    color: ink.color,
                }));
            }
        }
        line = match (line, ink.underline) {
            (Some((x0, _, y, color)), true) => Some((x0, right, y, color)),
            (None, true) => Some((
                left,
                right,
                bottom(g.font) + size * (UNDERLINE_GAP + UNDERLINE / 2.0),
                ink.color,
            )),
            (Some(done), false) => {
                push_rule(items, done, size);
                None
            }
            (None, false) => None,
        };
    }
    if let Some(done) = line {
        push_rule(items, done, size);
    }
}

fn push_rule(
    items: &mut Vec<Item>,
    (x0, x1, y, color): (Pt, Pt, Pt, crate::model::Color),
    size: Pt,
) {
    items.push(Item::Rule(super::Rule {
        x: x0,
        y,
        width: x1 - x0,
        thickness: size * UNDERLINE,
        color,
    }));
}
