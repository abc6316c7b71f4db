//! The display list: what a page paints, in painting order, as both the PDF writer and the PNG
//! preview consume it. The painting order (pictures and rules under the text) and the text's
//! segmentation into runs of one face, scale and ink — with the fake-bold decision — are made
//! here once, so that what one output draws the other draws too (issue 17).
//!
//! Every [`Op`] points back at the page item it paints (`item`), so a writer can group marked
//! content by item and look up the item's tag.

use super::{Dot, ImageBox, Item, Page, Rule, TextRun};
use crate::fonts::{FontIdx, FontSet};
use crate::model::Color;
use crate::text::PlacedGlyph;
use crate::units::Pt;

/// One thing to paint, in painting order, pointing back at the page item it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Op<'a> {
    /// Index into `page.items` of the item this op paints (the writer groups marked content
    /// and looks up an item's tag by it: [`Page::tag`]).
    pub item: usize,
    pub paint: Paint<'a>,
}

/// What an [`Op`] paints. Coordinates are the page's: from its top-left corner, y downwards.
#[derive(Clone, Debug, PartialEq)]
pub enum Paint<'a> {
    /// The page's own items, as they are: an image in its box, a rule, an emphasis dot.
    Image(&'a ImageBox),
    Rule(&'a Rule),
    Dot(&'a Dot),
    /// Text, cut into runs the painter can show with one operation.
    Glyphs(GlyphRun<'a>),
}

/// Consecutive glyphs of one text line with the same face, horizontal scale and ink: what one
/// text-showing operation can draw.
#[derive(Clone, Debug, PartialEq)]
pub struct GlyphRun<'a> {
    /// The line the glyphs belong to (its `text` is what their byte ranges point into).
    pub line: &'a TextRun,
    /// The glyphs; each `x` is relative to `line.x`.
    pub glyphs: &'a [PlacedGlyph],
    pub font: FontIdx,
    /// Horizontal scale (a stretched dash), 1.0 normally.
    pub scale: f64,
    /// The type size: the line's, times the ink's (superscripts are smaller).
    pub size: Pt,
    /// Page y (downwards) of this run's baseline: the line's, raised by the ink's rise.
    pub baseline: Pt,
    pub color: Color,
    /// Fake bold: the width of the outline stroke (zero: none). Decided here: only when the ink
    /// asks for bold and the face is not bold (a bold face is already bold; stroking it too
    /// would thicken it twice).
    pub stroke: Pt,
}

impl GlyphRun<'_> {
    /// The page x of the run's first glyph.
    pub fn x(&self) -> Pt {
        self.line.x + self.glyphs[0].x
    }
}

/// The page's ops in painting order: images, rules and dots in item order, then the text on top
/// in item order — the page's reading order, which text extraction and screen readers follow.
pub fn display_list<'a>(page: &'a Page, fonts: &'a FontSet) -> Vec<Op<'a>> {
    let mut ops = Vec::with_capacity(page.items.len() * 2);
    for (item, it) in page.items().enumerate() {
        let paint = match it {
            Item::Image(picture) => Paint::Image(picture),
            Item::Rule(rule) => Paint::Rule(rule),
            Item::Dot(dot) => Paint::Dot(dot),
            Item::Text(_) => continue,
        };
        ops.push(Op { item, paint });
    }
    for (item, it) in page.items().enumerate() {
        if let Item::Text(line) = it {
            ops.extend(glyph_runs(line, fonts).map(|run| Op {
                item,
                paint: Paint::Glyphs(run),
            }));
        }
    }
    ops
}

/// A line cut where the face, the horizontal scale or the ink changes.
fn glyph_runs<'a>(line: &'a TextRun, fonts: &'a FontSet) -> impl Iterator<Item = GlyphRun<'a>> {
    let glyphs = &line.glyphs[..];
    let mut i = 0;
    std::iter::from_fn(move || {
        let first = glyphs.get(i)?;
        let ink = line.ink(first);
        let len = glyphs[i + 1..]
            .iter()
            .take_while(|g| g.font == first.font && g.scale == first.scale && line.ink(g) == ink)
            .count()
            + 1;
        let run = GlyphRun {
            line,
            glyphs: &glyphs[i..i + len],
            font: first.font,
            scale: first.scale,
            size: line.size * ink.scale,
            baseline: line.baseline - ink.rise,
            color: ink.color,
            stroke: if ink.embolden.0 > 0.0 && !fonts.get(first.font).is_bold() {
                ink.embolden
            } else {
                Pt::ZERO
            },
        };
        i += len;
        Some(run)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontFace;
    use crate::resolve::Ink;
    use std::sync::Arc;

    /// A regular face (index 0) and a bold one (index 1), from the project's fonts.
    fn fonts() -> FontSet {
        let face = |file: &str| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fonts")
                .join(file);
            let data: crate::fonts::FontData = Arc::new(std::fs::read(path).expect("the font"));
            Arc::new(FontFace::new(data, 0).expect("the font parses"))
        };
        let mut set = FontSet::default();
        assert_eq!(set.add(face("NotoSerifSC-Regular.ttf")), 0);
        assert_eq!(set.add(face("NotoSerifSC-Bold.ttf")), 1);
        assert!(!set.get(0).is_bold() && set.get(1).is_bold());
        set
    }

    fn ink(color: Color, embolden: f64) -> Ink {
        Ink {
            color,
            embolden: Pt(embolden),
            dots: false,
            underline: false,
            scale: 1.0,
            rise: Pt::ZERO,
        }
    }

    /// A glyph of face `font` in style `style`, 10 pt after the previous one.
    fn glyph(i: u32, font: FontIdx, scale: f64, style: u16) -> PlacedGlyph {
        PlacedGlyph {
            font,
            glyph: 5 + i as u16,
            x: Pt(10.0 * i as f64),
            scale,
            text: i..i + 1,
            style,
        }
    }

    fn line(x: f64, glyphs: Vec<PlacedGlyph>, inks: Vec<Ink>) -> Item {
        Item::Text(TextRun {
            x: Pt(x),
            baseline: Pt(100.0),
            size: Pt(16.0),
            text: "abcdefgh".into(),
            glyphs,
            inks: inks.into(),
            links: Vec::new(),
        })
    }

    fn rule(y: f64) -> Item {
        Item::Rule(Rule {
            x: Pt(0.0),
            y: Pt(y),
            width: Pt(100.0),
            thickness: Pt(1.0),
            color: Color::BLACK,
        })
    }

    fn page(items: Vec<Item>) -> Page {
        let p = super::super::Structure::P;
        Page {
            number: 1,
            items: items
                .into_iter()
                .map(|i| super::super::Placed::new(i, &p, None))
                .collect(),
            numbered: true,
        }
    }

    #[test]
    fn pictures_rules_and_dots_go_under_the_text_which_keeps_its_order() {
        let fonts = fonts();
        let black = vec![ink(Color::BLACK, 0.0)];
        let page = page(vec![
            line(1.0, vec![glyph(0, 0, 1.0, 0)], black.clone()),
            rule(50.0),
            line(2.0, vec![glyph(0, 0, 1.0, 0)], black.clone()),
            Item::Dot(Dot {
                x: Pt(3.0),
                y: Pt(4.0),
                radius: Pt(1.0),
                color: Color::BLACK,
            }),
            Item::Image(ImageBox {
                image: 0,
                x: Pt(0.0),
                y: Pt(0.0),
                width: Pt(10.0),
                height: Pt(10.0),
                multiply: true,
            }),
        ]);
        let ops = display_list(&page, &fonts);
        let order: Vec<(usize, &str)> = ops
            .iter()
            .map(|op| {
                let kind = match op.paint {
                    Paint::Image(_) => "image",
                    Paint::Rule(_) => "rule",
                    Paint::Dot(_) => "dot",
                    Paint::Glyphs(_) => "glyphs",
                };
                (op.item, kind)
            })
            .collect();
        assert_eq!(
            order,
            [
                (1, "rule"),
                (3, "dot"),
                (4, "image"),
                (0, "glyphs"),
                (2, "glyphs")
            ]
        );
        let Paint::Glyphs(run) = &ops[3].paint else {
            unreachable!()
        };
        assert_eq!(run.x(), Pt(1.0));
    }

    #[test]
    fn a_change_of_face_scale_or_ink_splits_a_line() {
        let fonts = fonts();
        let red = Color {
            r: 1.0,
            g: 0.0,
            b: 0.0,
        };
        let mut raised = ink(red, 0.0);
        raised.scale = 0.5;
        raised.rise = Pt(4.0);
        let inks = vec![ink(Color::BLACK, 0.0), ink(red, 0.0), raised];
        let glyphs = vec![
            glyph(0, 0, 1.0, 0),
            glyph(1, 0, 1.0, 0),
            glyph(2, 1, 1.0, 0), // face
            glyph(3, 1, 1.5, 0), // scale
            glyph(4, 1, 1.5, 0),
            glyph(5, 1, 1.5, 1), // ink: colour
            glyph(6, 1, 1.5, 2), // ink: size and rise
            glyph(7, 1, 1.5, 2),
        ];
        let page = page(vec![line(20.0, glyphs, inks)]);
        let ops = display_list(&page, &fonts);
        let runs: Vec<&GlyphRun> = ops
            .iter()
            .map(|op| match &op.paint {
                Paint::Glyphs(run) => run,
                other => panic!("{other:?}"),
            })
            .collect();
        let shape: Vec<(usize, FontIdx, f64)> = runs
            .iter()
            .map(|r| (r.glyphs.len(), r.font, r.scale))
            .collect();
        assert_eq!(
            shape,
            [
                (2, 0, 1.0),
                (1, 1, 1.0),
                (2, 1, 1.5),
                (1, 1, 1.5),
                (2, 1, 1.5)
            ]
        );
        assert!(ops.iter().all(|op| op.item == 0));
        assert_eq!(runs[3].color, red);
        assert_eq!(runs[2].color, Color::BLACK);
        // A superscript: half the size, its baseline raised (y is downwards).
        assert_eq!((runs[4].size, runs[4].baseline), (Pt(8.0), Pt(96.0)));
        assert_eq!((runs[0].size, runs[0].baseline), (Pt(16.0), Pt(100.0)));
        assert_eq!(runs[4].x(), Pt(80.0));
        // Every glyph is in exactly one run, in order.
        let all: Vec<u16> = runs
            .iter()
            .flat_map(|r| r.glyphs.iter().map(|g| g.glyph))
            .collect();
        assert_eq!(all, (5..13).collect::<Vec<u16>>());
    }

    #[test]
    fn fake_bold_strokes_only_faces_that_are_not_bold() {
        let fonts = fonts();
        let inks = vec![ink(Color::BLACK, 0.4), ink(Color::BLACK, 0.0)];
        let glyphs = vec![
            glyph(0, 0, 1.0, 0), // regular face, bold asked: stroked
            glyph(1, 1, 1.0, 0), // bold face, bold asked: not stroked
            glyph(2, 0, 1.0, 1), // regular face, not asked
        ];
        let page = page(vec![line(0.0, glyphs, inks)]);
        let strokes: Vec<Pt> = display_list(&page, &fonts)
            .iter()
            .map(|op| match &op.paint {
                Paint::Glyphs(run) => run.stroke,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(strokes, [Pt(0.4), Pt::ZERO, Pt::ZERO]);
    }

    #[test]
    fn an_empty_line_paints_nothing() {
        let fonts = fonts();
        let page = page(vec![line(0.0, Vec::new(), vec![ink(Color::BLACK, 0.0)])]);
        assert!(display_list(&page, &fonts).is_empty());
    }
}
