//! Running headers and footers: filled in per page once pagination has numbered the pages.
//! The header goes before the page's other items and the footer after them, so that the text
//! layer reads in page order (running head, body, page number) — see [`super::Page::items`].

use super::oneline;
use super::Report;
use super::{Item, Page, Placed};
use crate::model::layout::Align;
use crate::resolve::{fill_template, Document, Running};
use crate::units::Pt;

/// Where a running head sits.
#[derive(Clone, Copy, PartialEq)]
enum Edge {
    Top,
    Bottom,
}

/// Adds the running head and foot to page `index` (counted from 0) of the document.
pub fn add(doc: &Document, index: usize, page: &mut Page, report: &mut Report) {
    if !page.numbered {
        return;
    }
    for (running, edge) in [(&doc.header, Edge::Top), (&doc.footer, Edge::Bottom)] {
        let Some(r) = running else { continue };
        if index == 0 && !r.first_page {
            continue;
        }
        let items = draw(doc, r, edge, page.number, report);
        let items = Placed::furniture(items, r.role);
        match edge {
            Edge::Top => {
                page.items.splice(0..0, items);
            }
            Edge::Bottom => page.items.extend(items),
        }
    }
}

/// The items of one running head or foot of page `number`.
fn draw(doc: &Document, r: &Running, edge: Edge, number: u32, report: &mut Report) -> Vec<Item> {
    let mut items = Vec::new();
    let g = &doc.page;
    let size = doc.style(r.role).size;
    // The baseline: `distance` above the text block (header) or below it (footer).
    let baseline = match edge {
        Edge::Top => g.top - r.distance,
        Edge::Bottom => g.height - g.bottom + r.distance,
    };
    let width = g.text_width();
    // `outside` is on the right of odd pages (GB/T 9704's page numbers), `inside` facing it.
    let (outer, inner) = if number % 2 == 1 {
        (Align::Right, Align::Left)
    } else {
        (Align::Left, Align::Right)
    };
    let mut slots = Vec::new();
    let mut texts = Vec::new();
    for (slot, align) in [
        (&r.left, Align::Left),
        (&r.center, Align::Center),
        (&r.right, Align::Right),
        (&r.outside, outer),
        (&r.inside, inner),
    ] {
        let Some(template) = slot else { continue };
        let text = fill_template(template, &doc.meta, number);
        if text.trim().is_empty() {
            continue;
        }
        let what = "running head";
        if let Some(line) = oneline::set(doc, doc.style(r.role), &text, Pt::ZERO, what, report) {
            slots.push((line, align));
            texts.push(text);
        }
    }
    let arranged = oneline::arrange(slots, width, r.inset, size);
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let what = match edge {
        Edge::Top => "header",
        Edge::Bottom => "footer",
    };
    // Extra lines go away from the text block: a header's upwards (its last line stays on
    // the baseline over the rule), a footer's downwards — and may leave the page.
    let rows = arranged.lines.len();
    let spread = doc.style(r.role).line_pitch * rows.saturating_sub(1) as f64;
    let (_, needs) = r.reach(size, spread);
    let margin = r.margin(g);
    let off_page = Some((needs, margin)).filter(|_| rows > 1 && (needs - margin).0 > 0.01);
    report.slots(doc, what, &texts, &arranged, width, off_page);
    for (n, row) in arranged.lines.into_iter().enumerate() {
        let line_baseline = match edge {
            Edge::Top => baseline - doc.style(r.role).line_pitch * (rows - 1 - n) as f64,
            Edge::Bottom => baseline + doc.style(r.role).line_pitch * n as f64,
        };
        for (line, x) in row {
            items.push(Item::Text(line.at(g.left + x, line_baseline)));
        }
    }
    if r.rule.0 > 0.0 {
        // Under a header's descenders; over a footer's ascenders.
        let y = match edge {
            Edge::Top => baseline + r.rule_offset(size),
            Edge::Bottom => baseline - r.rule_offset(size),
        };
        items.push(Item::Rule(super::Rule {
            x: g.left,
            y,
            width,
            thickness: r.rule,
            color: r.rule_color,
        }));
    }
    items
}
