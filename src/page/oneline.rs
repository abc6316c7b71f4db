//! One-line texts outside the flow (the masthead's lines, the end block's slots): set with the
//! paragraph engine so that spacing and fonts behave as in the body, never broken.

use super::{Report, TextRun};
use crate::model::layout::Align;
use crate::resolve::{Document, Style};
use crate::text::{self, Paragraph};
use crate::units::Pt;
use std::sync::Arc;

/// A set line: the run (glyph `x`s from its left edge, `x` and `baseline` zero for the caller
/// to place) and its width.
pub struct OneLine {
    pub run: TextRun,
    pub width: Pt,
}

impl OneLine {
    /// The run placed with its left edge at `x` and its baseline at `baseline`.
    pub fn at(self, x: Pt, baseline: Pt) -> TextRun {
        TextRun {
            x,
            baseline,
            ..self.run
        }
    }

    /// The line narrowed to `factor` of its width: each glyph scaled horizontally (the PDF's
    /// `Tz`, as offices narrow a long 发文机关标志), not moved closer, so characters never touch.
    pub fn narrowed(mut self, factor: f64) -> OneLine {
        for g in &mut self.run.glyphs {
            g.x = g.x * factor;
            g.scale *= factor;
        }
        self.width = self.width * factor;
        self
    }

    /// The width of a label such as `报：` or `附件：` that text follows: a closing mark at its
    /// end counts full width; on the grid, every character is one cell.
    pub fn label_width(&self, doc: &Document, style: &Style) -> Pt {
        if let Some(cell) = style.grid {
            return cell * self.run.text.chars().count() as f64;
        }
        self.run
            .glyphs
            .iter()
            .map(|g| g.x + style.size * (doc.fonts.get(g.font).advance(g.glyph) * g.scale))
            .fold(self.width, Pt::max)
    }
}

/// Sets `text` on one line in `style`, with `letter_spacing` added between characters.
/// Characters no font has are reported in `report` as being in `what`.
pub fn set(
    doc: &Document,
    style: &Style,
    text: &str,
    letter_spacing: Pt,
    what: &str,
    report: &mut Report,
) -> Option<OneLine> {
    let lines = lines(doc, style, text, Pt(1e6), Align::Left, what, report);
    let line = lines.into_iter().next()?;
    Some(one(style, &Arc::from(text), line, letter_spacing))
}

/// Sets `text` as a paragraph `width` wide in `style` (no first-line indent), reporting
/// characters no font has in `report` as being in `what`.
pub fn lines(
    doc: &Document,
    style: &Style,
    text: &str,
    width: Pt,
    align: Align,
    what: &str,
    report: &mut Report,
) -> Vec<text::Line> {
    let par = Paragraph {
        indent: Pt::ZERO,
        align,
        ..style.paragraph(text, width)
    };
    let laid = text::layout_paragraph(&par, &doc.text_settings(style), &doc.fonts);
    if !laid.missing.is_empty() {
        let what = format!("{what} “{text}”");
        report
            .missing
            .record(doc, &laid.missing, style, None, &what);
    }
    laid.lines
}

/// A set line of `text` as a run, with `letter_spacing` added between its characters.
pub fn one(style: &Style, text: &Arc<str>, line: text::Line, letter_spacing: Pt) -> OneLine {
    let mut glyphs = line.glyphs;
    let mut width = line.width;
    if letter_spacing.0 != 0.0 && !glyphs.is_empty() {
        // Every character after the first moves by one more spacing; glyphs of one character
        // (or of one ⸺) move together.
        let mut shift = Pt::ZERO;
        let mut last_start = glyphs[0].text.start;
        for g in &mut glyphs {
            if g.text.start != last_start && g.text.start != g.text.end {
                shift += letter_spacing;
                last_start = g.text.start;
            }
            g.x += shift;
        }
        width += shift;
    }
    OneLine {
        run: TextRun {
            x: Pt::ZERO,
            baseline: Pt::ZERO,
            size: style.size,
            glyphs,
            text: text.clone(),
            inks: Arc::from([super::Ink::of(style)]),
            links: Vec::new(),
        },
        width,
    }
}

/// Where a line `width` wide starts in a box `measure` wide, `inset` in from its edges.
pub fn aligned_x(align: Align, width: Pt, measure: Pt, inset: Pt) -> Pt {
    match align {
        Align::Center => (measure - width) / 2.0,
        Align::Right => measure - inset - width,
        _ => inset,
    }
}

/// The smallest gap, in ems of the line's size, between two slots of one line (the publisher
/// and the date): closer than this they read as one phrase.
const SLOT_GAP_EMS: f64 = 1.0;

/// Slots set side by side on one line, as offices do with a publisher on the left and a date on
/// the right — or, when they would overlap or touch, one slot a line, in order (the second slot
/// moves to a line of its own, as offices do when the publisher's name is long).
pub struct Slots {
    /// Per output line, the slots on it: the set text and where its left edge is (from the
    /// box's left edge).
    pub lines: Vec<Vec<(OneLine, Pt)>>,
    /// Whether the slots had to be split over several lines.
    pub split: bool,
    /// The widest slot wider than the box, if one is (it runs past the edge whatever is done).
    pub too_wide: Option<Pt>,
}

/// Arranges `slots` (each set on one line, with its alignment) in a box `measure` wide, `inset`
/// in from its edges, for type of `size`.
pub fn arrange(slots: Vec<(OneLine, Align)>, measure: Pt, inset: Pt, size: Pt) -> Slots {
    let placed: Vec<(OneLine, Pt)> = slots
        .into_iter()
        .map(|(line, align)| {
            let x = aligned_x(align, line.width, measure, inset);
            (line, x)
        })
        .collect();
    let too_wide = placed
        .iter()
        .map(|(l, _)| l.width)
        .filter(|w| *w > measure + Pt(0.01))
        .fold(None, |m: Option<Pt>, w| Some(m.map_or(w, |m| m.max(w))));
    let mut spans: Vec<(Pt, Pt)> = placed.iter().map(|(l, x)| (*x, *x + l.width)).collect();
    spans.sort_by(|a, b| a.0 .0.total_cmp(&b.0 .0));
    let gap = size * SLOT_GAP_EMS;
    let split = spans.windows(2).any(|w| w[1].0 < w[0].1 + gap);
    let lines = if split {
        placed.into_iter().map(|p| vec![p]).collect()
    } else {
        vec![placed]
    };
    Slots {
        lines,
        split,
        too_wide,
    }
}
