//! Setting the chosen lines: glue widths from the adjustment ratio, glyph positions.

use super::cluster::Cluster;
use super::items::{Item, Kind};
use super::linebreak::Measure;
use crate::fonts::FontIdx;
use crate::model::layout::Align;
use crate::units::Pt;
use std::ops::Range;

/// A glyph placed on a line.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedGlyph {
    pub font: FontIdx,
    pub glyph: u16,
    /// Left edge of the glyph's advance, from the line's left edge.
    pub x: Pt,
    /// Horizontal scale (1.0 except for stretched dashes).
    pub scale: f64,
    /// The characters this glyph stands for, as a byte range of the paragraph text.
    pub text: Range<u32>,
}

/// Why a line ends where it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEnd {
    /// At the space between two clusters.
    Space,
    /// After a hyphen in a Latin word.
    Hyphen,
    /// Inside a word longer than the line (a warning was issued).
    Emergency,
    /// The paragraph's end.
    Paragraph,
}

impl LineEnd {
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnd::Space => "space",
            LineEnd::Hyphen => "hyphen",
            LineEnd::Emergency => "emergency",
            LineEnd::Paragraph => "end",
        }
    }
}

/// One set line.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub glyphs: Vec<PlacedGlyph>,
    /// Offset of the line's content from the left edge of the measure (centring, right
    /// alignment).
    pub x: Pt,
    /// The width the content occupies after adjustment.
    pub width: Pt,
    /// The adjustment ratio applied: > 0 stretched, < 0 shrunk, 0 natural.
    pub ratio: f64,
    pub end: LineEnd,
    /// Byte range of the paragraph text on this line.
    pub text: Range<usize>,
}

/// Sets the lines between consecutive breaks.
pub fn build(
    items: &[Item],
    clusters: &[Cluster],
    measure: &Measure,
    breaks: &[usize],
    width: Pt,
    align: Align,
) -> Vec<Line> {
    let mut lines = Vec::with_capacity(breaks.len());
    let mut start = 0;
    for (n, &b) in breaks.iter().enumerate() {
        let last = n + 1 == breaks.len();
        let fit = measure.fit(start, b);
        let ratio = fit.ratio(width);
        let ratio = match align {
            Align::Justify if !last => ratio.max(-1.0),
            _ => ratio.clamp(-1.0, 0.0),
        };
        let ratio = if ratio.is_finite() { ratio } else { 0.0 };
        let mut x = Pt::ZERO;
        let mut glyphs = Vec::new();
        let mut text_start = usize::MAX;
        let mut text_end = 0;
        for it in &items[start..b] {
            match it.kind {
                Kind::Box(Some(ci)) => {
                    let c = &clusters[ci as usize];
                    let offset = match c.blank {
                        // An opening mark whose leading blank was taken away: draw the glyph
                        // half a cell to the left so that its ink starts at the box.
                        Some(super::cluster::Blank::Leading) if it.width < c.advance => {
                            it.width - c.advance
                        }
                        _ => Pt::ZERO,
                    };
                    place_cluster(c, x + offset, &mut glyphs);
                    text_start = text_start.min(c.text.start);
                    text_end = text_end.max(c.text.end);
                    x += it.width;
                }
                Kind::Box(None) => x += it.width,
                Kind::Glue(_) => {
                    x += it.width
                        + if ratio >= 0.0 {
                            it.stretch * ratio
                        } else {
                            it.shrink * ratio
                        };
                }
                Kind::Penalty { .. } => {}
            }
        }
        // A mark that hangs past the end does not count in the line's width.
        let content = if fit.hangs(width) { x - fit.hang } else { x };
        let offset = match align {
            Align::Center => (width - content) / 2.0,
            Align::Right => width - content,
            _ => Pt::ZERO,
        };
        let end = match items[b].kind {
            _ if last => LineEnd::Paragraph,
            Kind::Penalty {
                flagged: true,
                cost,
                ..
            } if cost >= super::items::em::EMERGENCY_PENALTY => LineEnd::Emergency,
            Kind::Penalty { flagged: true, .. } => LineEnd::Hyphen,
            _ => LineEnd::Space,
        };
        lines.push(Line {
            glyphs,
            x: offset.max(Pt::ZERO),
            width: content,
            ratio,
            end,
            text: if text_start == usize::MAX {
                0..0
            } else {
                text_start..text_end
            },
        });
        start = measure.line_start(b);
    }
    lines
}

/// Places a cluster's glyphs. A cluster of two characters is a pair of the same mark (——, ……):
/// when it is drawn with two glyphs each stands for one character; when with one (⸺ for ——),
/// that glyph stands for both.
fn place_cluster(c: &Cluster, x: Pt, out: &mut Vec<PlacedGlyph>) {
    let (start, end) = (c.text.start as u32, c.text.end as u32);
    let per_glyph = (end - start) / c.glyphs.len().max(1) as u32;
    let one_each = c.glyphs.len() > 1 && per_glyph == c.first.len_utf8() as u32;
    for (k, g) in c.glyphs.iter().enumerate() {
        let k = k as u32;
        let text = if one_each {
            start + k * per_glyph..start + (k + 1) * per_glyph
        } else if k == 0 {
            start..end
        } else {
            end..end
        };
        out.push(PlacedGlyph {
            font: g.font,
            glyph: g.glyph,
            x: x + g.x,
            scale: g.scale,
            text,
        });
    }
}
