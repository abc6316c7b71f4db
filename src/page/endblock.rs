//! The 报尾 (版记) at the foot of the last page: groups of lines between rules, the last rule on
//! the bottom edge of the text block. When it does not fit under the last text, it goes to the
//! foot of a new page; it never covers text.
//!
//! A labelled line (`报：…`) wraps with its continuation lines aligned after the label's colon;
//! a slot line has text on the left and/or right (`共印 N 份`, the imprint).

use super::blocks::baseline_in_slot;
use super::oneline;
use super::Report;
use super::{Item, Page, Placed, TextRun};
use crate::model::layout::Align;
use crate::resolve::Role;
use crate::resolve::{Document, EndBlock, EndLine};
use crate::units::Pt;

/// Places the end block on the last page (or a new one). `used` is how far down the last
/// page's text block the flow filled.
pub fn place(doc: &Document, pages: &mut Vec<Page>, used: Pt, report: &mut Report) {
    let Some(e) = &doc.end_block else { return };
    let (items, height) = build(doc, e, report);
    let g = &doc.page;
    let room = g.text_height() - height;
    let fits = pages
        .last()
        .is_some_and(|_| used + doc.style(Role::EndBlock).space_before <= room + Pt(0.01));
    // On the back page (封四, an even page) when the layout asks: after the text's last page if
    // that one is odd, else after a blank page; a blank page and the 版记 page after it carry no
    // number (GB/T 9704 7.4, 7.5).
    let even = |p: &Page| p.number.is_multiple_of(2);
    let back = e.back_page && !pages.last().is_some_and(|p| fits && even(p));
    if !fits || back {
        let mut number = pages.last().map_or(doc.meta.first_page, |p| p.number + 1);
        let blank = e.back_page && number % 2 == 1;
        if blank {
            pages.push(Page {
                number,
                items: Vec::new(),
                numbered: false,
            });
            number += 1;
        }
        pages.push(Page {
            number,
            items: Vec::new(),
            numbered: !blank,
        });
    }
    if room.0 < 0.0 {
        report.warn(
            doc,
            crate::messages::msg::end_block_too_tall(
                format!("{:.0}", height.to_mm()),
                format!("{:.0}", g.text_height().to_mm()),
            ),
        );
    }
    // Its top, so that the last rule's lower edge is the text block's lower edge.
    let top = g.top + room.max(Pt::ZERO);
    let page = pages
        .last_mut()
        .expect("a page was added if there was none");
    for item in items {
        let item = match item {
            Item::Text(run) => Item::Text(TextRun {
                x: run.x + g.left,
                baseline: run.baseline + top,
                ..run
            }),
            Item::Rule(super::Rule {
                x,
                y,
                width,
                thickness,
                color,
            }) => Item::Rule(super::Rule {
                x: x + g.left,
                y: y + top,
                width,
                thickness,
                color,
            }),
            other => other,
        };
        page.items
            .extend(Placed::furniture(vec![item], Role::EndBlock));
    }
}

/// The block's items relative to its top-left corner, and its height.
fn build(doc: &Document, e: &EndBlock, report: &mut Report) -> (Vec<Item>, Pt) {
    let width = doc.page.text_width();
    let style = doc.style(Role::EndBlock);
    let baseline = baseline_in_slot(doc, style);
    let mut items = Vec::new();
    let mut y = Pt::ZERO;
    let rule = |items: &mut Vec<Item>, y: &mut Pt, thickness: Pt| {
        if thickness.0 > 0.0 {
            items.push(Item::Rule(super::Rule {
                x: Pt::ZERO,
                y: *y + thickness / 2.0,
                width,
                thickness,
                color: e.rule_color,
            }));
            *y += thickness;
        }
    };
    rule(&mut items, &mut y, e.rule);
    for (n, group) in e.groups.iter().enumerate() {
        if n > 0 {
            rule(&mut items, &mut y, e.inner_rule);
        }
        for line in group {
            match line {
                EndLine::Labeled { label, text } => {
                    let Some(label_run) =
                        oneline::set(doc, style, label, Pt::ZERO, "end block", report)
                    else {
                        continue;
                    };
                    let after = e.inset + label_run.label_width(doc, style);
                    items.push(Item::Text(label_run.at(e.inset, y + baseline)));
                    let measure = (width - after - e.inset).max(style.size * 2.0);
                    let lines =
                        oneline::lines(doc, style, text, measure, style.align, "end block", report);
                    let text: std::sync::Arc<str> = text.as_str().into();
                    for line in lines {
                        let x = after + line.x;
                        let set = oneline::one(style, &text, line, Pt::ZERO);
                        items.push(Item::Text(set.at(x, y + baseline)));
                        y += style.line_pitch;
                    }
                }
                EndLine::Slots { left, right } => {
                    let mut slots = Vec::new();
                    let mut texts = Vec::new();
                    for (slot, align) in [(left, Align::Left), (right, Align::Right)] {
                        let Some(text) = slot else { continue };
                        if let Some(set) =
                            oneline::set(doc, style, text, Pt::ZERO, "end block", report)
                        {
                            slots.push((set, align));
                            texts.push(text.as_str());
                        }
                    }
                    let arranged = oneline::arrange(slots, width, e.inset, style.size);
                    report.slots(doc, "end block", &texts, &arranged, width, None);
                    for row in arranged.lines {
                        for (set, x) in row {
                            items.push(Item::Text(set.at(x, y + baseline)));
                        }
                        y += style.line_pitch;
                    }
                }
            }
        }
    }
    rule(&mut items, &mut y, e.rule);
    (items, y)
}
