//! One-line texts outside the flow (the masthead's lines, the end block's slots): set with the
//! paragraph engine so that spacing and fonts behave as in the body, never broken.

use super::blocks::Report;
use super::TextRun;
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
    /// The width with a closing mark at the end set full width (a label's colon: `报：`).
    pub full_width: Pt,
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
    one(doc, style, text, line, letter_spacing)
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
    report.missing.record(
        doc,
        &laid.missing,
        super::blocks::tried(doc, style),
        None,
        &format!("{what} “{text}”"),
    );
    laid.lines
}

/// A set line as a run, with `letter_spacing` added between its characters.
pub fn one(
    doc: &Document,
    style: &Style,
    text: &str,
    line: text::Line,
    letter_spacing: Pt,
) -> Option<OneLine> {
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
    let full_width = glyphs
        .iter()
        .map(|g| g.x + style.size * (doc.fonts.get(g.font).advance(g.glyph) * g.scale))
        .fold(width, Pt::max);
    Some(OneLine {
        run: TextRun {
            x: Pt::ZERO,
            baseline: Pt::ZERO,
            size: style.size,
            color: style.color,
            glyphs,
            text: Arc::from(text),
            embolden: style.embolden,
        },
        width,
        full_width,
    })
}

/// Where a line `width` wide starts in a box `measure` wide, `inset` in from its edges.
pub fn aligned_x(align: Align, width: Pt, measure: Pt, inset: Pt) -> Pt {
    match align {
        Align::Center => (measure - width) / 2.0,
        Align::Right => measure - inset - width,
        _ => inset,
    }
}
