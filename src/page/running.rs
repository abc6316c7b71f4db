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
    report.slots(doc, what, &texts, &arranged, width);
    // Extra lines go away from the text block: a header's upwards (its last line stays on
    // the baseline over the rule), a footer's downwards.
    let rows = arranged.lines.len();
    let pitch = doc.style(r.role).line_pitch;
    let spread = pitch * rows.saturating_sub(1) as f64;
    let (needs, margin) = match edge {
        Edge::Top => (r.distance + spread + size * 0.88, g.top),
        Edge::Bottom => (r.distance + spread + size * 0.12, g.bottom),
    };
    if rows > 1 && (needs - margin).0 > 0.01 {
        off_the_page(doc, what, &texts, needs, margin, report);
    }
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
            Edge::Top => baseline + size * 0.35 + r.rule / 2.0,
            Edge::Bottom => baseline - size * 1.1 - r.rule / 2.0,
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

/// Warns (once a document) that a running head's slots, set one a line because they do not
/// fit side by side, need more of the margin than there is: the outermost line is off the page.
fn off_the_page(
    doc: &Document,
    what: &str,
    texts: &[&str],
    needs: Pt,
    margin: Pt,
    report: &mut Report,
) {
    use crate::messages::msg;
    let quoted: Vec<String> = texts
        .iter()
        .map(|t| format!("“{}”", crate::diagnostics::quote_cut(t, 40)))
        .collect();
    let message = msg::slots_off_page(
        crate::messages::noun(what),
        quoted.join(&msg::and_between().text),
        format!("{:.0}", needs.to_mm()),
        format!("{:.0}", margin.to_mm()),
    );
    if report.said.insert(message.text.clone()) {
        let warning = crate::error::Warning::new(message, doc.source.path.display().to_string());
        report.warnings.push(warning);
    }
}
