//! Running headers and footers: filled in per page once pagination has numbered the pages.

use super::blocks::baseline_in_slot;
use super::blocks::Report;
use super::{Item, Page, TextRun};
use crate::model::layout::Align;
use crate::resolve::{fill_template, Document, Running};
use crate::text::{self, Paragraph};
use crate::units::Pt;
use std::sync::Arc;

/// Where a running head sits.
#[derive(Clone, Copy, PartialEq)]
enum Edge {
    Top,
    Bottom,
}

pub fn add(doc: &Document, pages: &mut [Page], report: &mut Report) {
    for (index, page) in pages.iter_mut().enumerate() {
        for (running, edge) in [(&doc.header, Edge::Top), (&doc.footer, Edge::Bottom)] {
            let Some(r) = running else { continue };
            if index == 0 && !r.first_page {
                continue;
            }
            draw(doc, r, edge, page, report);
        }
    }
}

fn draw(doc: &Document, r: &Running, edge: Edge, page: &mut Page, report: &mut Report) {
    let g = &doc.page;
    let size = r.style.size;
    // The baseline: `distance` above the text block (header) or below it (footer).
    let baseline = match edge {
        Edge::Top => g.top - r.distance,
        Edge::Bottom => g.height - g.bottom + r.distance,
    };
    let width = g.text_width();
    // `outside` is on the right of odd pages (GB/T 9704's page numbers), `inside` facing it.
    let (outer, inner) = if page.number % 2 == 1 {
        (Align::Right, Align::Left)
    } else {
        (Align::Left, Align::Right)
    };
    for (slot, align) in [
        (&r.left, Align::Left),
        (&r.center, Align::Center),
        (&r.right, Align::Right),
        (&r.outside, outer),
        (&r.inside, inner),
    ] {
        let Some(template) = slot else { continue };
        let text = fill_template(template, &doc.meta, page.number);
        if text.trim().is_empty() {
            continue;
        }
        if let Some(run) = one_line(doc, r, &text, align, width, report) {
            let shift = baseline - baseline_in_slot(doc, &r.style);
            page.items.push(Item::Text(TextRun {
                x: run.x + g.left,
                baseline: run.baseline + shift,
                ..run
            }));
        }
    }
    if r.rule.0 > 0.0 {
        // Under a header's descenders; over a footer's ascenders.
        let y = match edge {
            Edge::Top => baseline + size * 0.35 + r.rule / 2.0,
            Edge::Bottom => baseline - size * 1.1 - r.rule / 2.0,
        };
        page.items.push(Item::Rule {
            x: g.left,
            y,
            width,
            thickness: r.rule,
            color: r.rule_color,
        });
    }
}

/// Sets a slot's text as a single line aligned within the text width.
fn one_line(
    doc: &Document,
    r: &Running,
    text: &str,
    align: Align,
    width: Pt,
    report: &mut Report,
) -> Option<TextRun> {
    let par = Paragraph {
        text,
        chain: &r.style.chain,
        size: r.style.size,
        indent: Pt::ZERO,
        align: Align::Left,
        width: Pt(1e6),
    };
    let laid = text::layout_paragraph(&par, &doc.text, &doc.fonts);
    report.missing.record(
        doc,
        &laid.missing,
        super::blocks::tried(doc, &r.style),
        None,
        &format!("running head “{text}”"),
    );
    let line = laid.lines.into_iter().next()?;
    let x = match align {
        Align::Center => (width - line.width) / 2.0,
        Align::Right => width - r.inset - line.width,
        _ => r.inset,
    };
    Some(TextRun {
        x,
        baseline: baseline_in_slot(doc, &r.style),
        size: r.style.size,
        color: r.style.color,
        glyphs: line.glyphs,
        text: Arc::from(text),
        embolden: r.style.embolden,
    })
}
