//! Lists: each item a paragraph hung from its number (凸排). The numbers of a list's level
//! share one column as wide as the widest of them plus the `gap`, so that every item's text —
//! its first line and the lines it wraps to — starts at the same x; a nested item's number
//! starts at its parent's text (plus `[list-2] indent`).

use super::blocks::{baseline_in_slot, set_text, Piece, SetLine, TextPiece};
use super::{oneline, Report};
use crate::model::roles::Role;
use crate::resolve::{Document, ListEntry};
use crate::units::Pt;
use std::ops::Range;

/// The pieces of a list: one per item, so that pages break between items as between
/// paragraphs (and inside an item under the widow and orphan rules).
pub fn pieces(
    doc: &Document,
    block: usize,
    items: &[ListEntry],
    at: &Range<usize>,
    report: &mut Report,
) -> Vec<Piece> {
    let measure = doc.page.text_width();
    // Each level's number column: where numbers start and where text starts.
    let column = |role: Role, start: Pt, report: &mut Report| {
        let style = doc.style(role);
        let widest = items
            .iter()
            .filter(|e| e.role == role)
            .filter_map(|e| oneline::set(doc, style, &e.label, Pt::ZERO, "list item", report))
            .map(|l| l.label_width(doc, style))
            .fold(Pt::ZERO, Pt::max);
        let number_x = start + style.indent;
        let text_x = number_x + widest + style.gap;
        // On a grid the text starts on a cell, so that its characters stay in the columns.
        let text_x = match style.grid {
            Some(cell) => cell * ((text_x / cell) - 0.01).ceil(),
            None => text_x,
        };
        (number_x, text_x)
    };
    let outer = column(Role::ListItem, Pt::ZERO, report);
    let inner = column(Role::ListItem2, outer.1, report);
    items
        .iter()
        .enumerate()
        .map(|(part, entry)| {
            let style = doc.style(entry.role);
            let (number_x, text_x) = if entry.role == Role::ListItem {
                outer
            } else {
                inner
            };
            let width = (measure - text_x).max(style.size * 2.0);
            let mut lines: Vec<SetLine> = set_text(
                doc,
                style,
                &entry.text,
                (width, Pt::ZERO),
                at,
                "list item",
                report,
            );
            for line in &mut lines {
                line.run.x += text_x;
            }
            let baseline = baseline_in_slot(doc, style);
            if let (Some(first), Some(label)) = (
                lines.first_mut(),
                oneline::set(doc, style, &entry.label, Pt::ZERO, "list item", report),
            ) {
                first.extra.push(label.at(number_x, baseline));
                first.text = format!("{}{}", entry.label, first.text);
            }
            Piece::Text(TextPiece {
                part,
                ..TextPiece::new(block, entry.role, style, lines)
            })
        })
        .collect()
}
