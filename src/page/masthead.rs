//! The 报头 on page 1: its lines stacked from the top of the text block, each in its own style
//! (the name large, red and centred; the issue line; the publisher left and the date right),
//! then the rule. The body text starts below it.

use super::blocks::baseline_in_slot;
use super::oneline;
use super::Item;
use super::Report;
use crate::model::layout::Align;
use crate::resolve::Document;
use crate::units::Pt;

/// Draws the masthead into `items` and returns the height it takes from the top of the text
/// block (zero without a masthead).
pub fn draw(doc: &Document, items: &mut Vec<Item>, report: &mut Report) -> Pt {
    let Some(m) = &doc.masthead else {
        return Pt::ZERO;
    };
    let g = &doc.page;
    let width = g.text_width();
    let mut y = Pt::ZERO;
    for line in &m.lines {
        let style = &line.style;
        y += style.space_before;
        if let Some(top) = line.top {
            // The em box sits centred in the line's slot.
            y = y.max(top - (style.line_pitch - style.size) / 2.0);
        }
        let mut slots = Vec::new();
        let mut texts = Vec::new();
        for (slot, align) in [
            (&line.left, Align::Left),
            (&line.center, Align::Center),
            (&line.right, Align::Right),
        ] {
            let Some(text) = slot else { continue };
            if let Some(set) =
                oneline::set(doc, style, text, line.letter_spacing, "masthead", report)
            {
                slots.push((set, align));
                texts.push(text.as_str());
            }
        }
        let arranged = oneline::arrange(slots, width, Pt::ZERO, style.size);
        report.slots(doc, "masthead", &texts, &arranged, width);
        for (n, row) in arranged.lines.into_iter().enumerate() {
            if n > 0 {
                y += style.line_pitch;
            }
            let baseline = g.top + y + baseline_in_slot(doc, style);
            for (set, x) in row {
                items.push(Item::Text(set.at(g.left + x, baseline)));
            }
        }
        y += style.line_pitch + style.space_after;
    }
    if m.rule.0 > 0.0 {
        y += m.rule_gap;
        items.push(Item::Rule {
            x: g.left,
            y: g.top + y + m.rule / 2.0,
            width,
            thickness: m.rule,
            color: m.rule_color,
        });
        y += m.rule;
    }
    let height = y + m.space_after;
    if height > g.text_height() * 0.8 {
        report.warn(
            doc,
            format!(
                "the masthead takes {:.0} mm of the {:.0} mm text block; little room is left for text",
                height.to_mm(),
                g.text_height().to_mm()
            ),
        );
    }
    height.min(g.text_height())
}
