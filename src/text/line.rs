//! Setting the chosen lines: glue widths from the adjustment ratio, glyph positions.

use super::breaks::Break;
use super::classify::Class;
use super::cluster::Cluster;
use super::items::{Item, Kind};
use super::linebreak::{Chosen, Measure};
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
    /// The style of the run it belongs to (see [`super::Run`]).
    pub style: u16,
}

/// Why a line ends where it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEnd {
    /// Between two Chinese characters (or a Chinese character and a word or number).
    Char,
    /// At a space typed between words.
    Space,
    /// After a hyphen or dash typed in a Latin word or number range.
    Hyphen,
    /// At a hyphenation point: a hyphen was added.
    Hyphenated,
    /// Inside a URL or e-mail address.
    Url,
    /// Inside a word longer than the line (a warning was issued).
    Emergency,
    /// The paragraph's end.
    Paragraph,
}

impl LineEnd {
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnd::Char => "char",
            LineEnd::Space => "space",
            LineEnd::Hyphen => "hyphen",
            LineEnd::Hyphenated => "hyphenated",
            LineEnd::Url => "url",
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
    /// The width the content occupies after adjustment, up to the measure's right edge for a
    /// justified line (a hanging mark is outside it).
    pub width: Pt,
    /// The adjustment ratio applied: > 0 stretched, < 0 shrunk, 0 natural.
    pub ratio: f64,
    pub end: LineEnd,
    /// How far the last mark hangs into the right margin (0 if it does not).
    pub hang: Pt,
    /// The most any one gap of the line was widened to justify it (0 for a line set at its
    /// natural width or shrunk).
    pub max_gap: Pt,
    /// The most any one gap was narrowed to fit the line (punctuation compressed beyond its
    /// usual half width, Latin spaces or Han–Latin gaps narrowed); 0 for a line not shrunk.
    pub max_squeeze: Pt,
    /// Byte range of the paragraph text on this line.
    pub text: Range<usize>,
}

/// The glyph added at the end of a line broken at a hyphenation point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hyphen {
    pub font: FontIdx,
    pub glyph: u16,
}

/// Sets the lines between consecutive breaks.
#[allow(clippy::too_many_arguments)]
pub fn build(
    items: &[Item],
    clusters: &[Cluster],
    measure: &Measure,
    breaks: &[Chosen],
    width: Pt,
    align: Align,
    hyphen: Hyphen,
) -> Vec<Line> {
    let mut lines = Vec::with_capacity(breaks.len());
    let mut start = 0;
    for (n, &Chosen { at: b, hang }) in breaks.iter().enumerate() {
        let last = n + 1 == breaks.len();
        let fit = measure.fit(start, b, hang);
        let justify = align == Align::Justify && !last;
        let raw = fit.ratio(width);
        let ratio = if justify {
            raw.max(-1.0)
        } else {
            raw.clamp(-1.0, 0.0)
        };
        let ratio = if ratio.is_finite() { ratio } else { 0.0 };
        // A justified line with no glue to stretch is letter-spaced instead.
        let letter_spaced = fit.letter_spaced && ratio > 0.0;
        let tracking = if letter_spaced {
            measure.letter_stretch() * ratio
        } else {
            Pt::ZERO
        };
        let mut x = Pt::ZERO;
        let mut glyphs = Vec::new();
        let mut text_start = usize::MAX;
        let mut text_end = 0;
        let mut max_gap = tracking;
        let mut max_squeeze = Pt::ZERO;
        let mut first_box = true;
        for it in &items[start..b] {
            match it.kind {
                Kind::Box(Some(ci)) => {
                    if !first_box {
                        x += tracking;
                    }
                    first_box = false;
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
                    let extra = if ratio >= 0.0 {
                        it.stretch * ratio
                    } else {
                        it.shrink * ratio
                    };
                    max_gap = max_gap.max(extra);
                    max_squeeze = max_squeeze.max(-extra);
                    x += it.width + extra;
                }
                Kind::Penalty { .. } => {}
            }
        }
        if let Kind::Penalty { .. } = items[b].kind {
            if items[b].width.0 > 0.0 {
                // The added hyphen stands for no text: copying gives the word back whole.
                glyphs.push(PlacedGlyph {
                    font: hyphen.font,
                    glyph: hyphen.glyph,
                    x,
                    scale: 1.0,
                    text: text_end as u32..text_end as u32,
                    style: glyphs.last().map_or(0, |g: &PlacedGlyph| g.style),
                });
                x += items[b].width;
            }
        }
        let hang_width = if hang { items[b].hang } else { Pt::ZERO };
        let content = x - hang_width;
        let offset = match align {
            Align::Center => (width - content) / 2.0,
            Align::Right => width - content,
            _ => Pt::ZERO,
        };
        let end = match items[b].kind {
            _ if last => LineEnd::Paragraph,
            Kind::Penalty { why, .. } => match why {
                Break::Hyphen => LineEnd::Hyphen,
                Break::Hyphenate | Break::HyphenateIfLoose => LineEnd::Hyphenated,
                Break::Url => LineEnd::Url,
                Break::Emergency => LineEnd::Emergency,
                _ => LineEnd::Char,
            },
            Kind::Glue(ci) if clusters.get(ci as usize).is_some_and(|c| c.space_before) => {
                LineEnd::Space
            }
            _ => LineEnd::Char,
        };
        lines.push(Line {
            glyphs,
            x: offset.max(Pt::ZERO),
            width: content,
            ratio,
            end,
            hang: hang_width,
            max_gap,
            max_squeeze,
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
    // A —— or …… drawn as two glyphs: one character each. Any other cluster of several glyphs
    // (a letter with a combining mark drawn over it) gives its whole text to the first.
    let one_each = c.glyphs.len() > 1
        && matches!(c.class, Class::Dash | Class::Ellipsis)
        && per_glyph == c.first.len_utf8() as u32;
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
            style: c.style,
        });
    }
}
