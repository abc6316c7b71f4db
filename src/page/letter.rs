//! The 版头 of the 信函格式 (GB/T 9704-2012 10.1), with `letter = true` in `[masthead]`: the
//! 发文机关标志 red and centred, its type `[masthead.name] top` (30 mm) under the page's top edge —
//! above the text block; `rule-gap` (4 mm) under it a red double rule, thick over thin,
//! `rule-width` (170 mm) long and centred; under the rule the 份号, 密级 and 紧急程度 one a line
//! flush left and the 发文字号 flush right on the first of them, the first line's type 7/8 of its
//! height under the rule; the title `space-after` (two lines) under the last of them. A second
//! double rule, thin over thick, stands 20 mm above the page's bottom edge. Joint issuers use
//! the host's mark (10.1: 联合行文时，使用主办机关标志).

use super::blocks::baseline_in_slot;
use super::oneline;
use super::{Item, Report};
use crate::resolve::{Document, Masthead, Role};
use crate::units::Pt;

/// The lower double rule's distance from the page's bottom edge (10.1).
const BOTTOM_RULE_MM: f64 = 20.0;
/// The space between the lines of a double rule, and the thin line's thickness, as parts of the
/// thick one's (the standard fixes neither; its figures show a hairline a little apart).
const DOUBLE_GAP: f64 = 1.0;
const THIN: f64 = 0.5;

/// Draws the 信函 版头 into `items`; returns the height it takes from the top of the text block
/// (less than zero where it stays above it).
pub fn draw(doc: &Document, m: &Masthead, items: &mut Vec<Item>, report: &mut Report) -> Pt {
    let g = &doc.page;
    let width = g.text_width();
    let rule_width = m.rule_width.unwrap_or(width);
    let rule_x = g.left + (width - rule_width) / 2.0;
    let line = |role: Role| m.lines.iter().filter(move |l| l.role == role);
    let name_style = doc.style(Role::MastheadName);
    let name_line = line(Role::MastheadName).next();
    let name = match &m.joint {
        Some(j) => Some(format!(
            "{}{}",
            j.names[0],
            j.suffix.as_deref().unwrap_or("")
        )),
        None => name_line.and_then(|l| l.center.clone()),
    };
    // From the top of the text block, y downwards: the mark's type from the page's top edge.
    let em_top = name_line.and_then(|l| l.top).unwrap_or(Pt::ZERO) - g.top;
    if let Some(set) = name
        .as_deref()
        .and_then(|n| oneline::set(doc, name_style, n, Pt::ZERO, "masthead", report))
    {
        let slot_top = em_top - (name_style.line_pitch - name_style.size) / 2.0;
        let baseline = g.top + slot_top + baseline_in_slot(doc, name_style);
        let x = g.left + (width - set.width) / 2.0;
        items.push(Item::Text(set.at(x, baseline)));
    }
    let double = |items: &mut Vec<Item>, top: Pt, thick_first: bool| -> Pt {
        let (thick, thin) = (m.rule, m.rule * THIN);
        let (a, b) = if thick_first {
            (thick, thin)
        } else {
            (thin, thick)
        };
        for (y, t) in [
            (top + a / 2.0, a),
            (top + a + thick * DOUBLE_GAP + b / 2.0, b),
        ] {
            items.push(Item::Rule(super::Rule {
                x: rule_x,
                y,
                width: rule_width,
                thickness: t,
                color: m.rule_color,
            }));
        }
        a + thick * DOUBLE_GAP + b
    };
    let rules_top = em_top + name_style.size + m.rule_gap;
    let mut y = rules_top + double(items, g.top + rules_top, true);
    // 份号, 密级, 紧急程度 flush left, the 发文字号 flush right on the first line.
    let marks: Vec<&str> = line(Role::MastheadMarks)
        .filter_map(|l| l.left.as_deref())
        .collect();
    let number = line(Role::MastheadNumber).find_map(|l| l.center.as_deref());
    let rows = marks.len().max(usize::from(number.is_some()));
    let style = doc.style(Role::MastheadMarks);
    let number_style = doc.style(Role::MastheadNumber);
    if rows > 0 {
        // The first line's type 7/8 of its height under the rule.
        let mut slot_top = y + style.size * 0.875 - (style.line_pitch - style.size) / 2.0;
        for row in 0..rows {
            let baseline = g.top + slot_top + baseline_in_slot(doc, style);
            if let Some(set) = marks
                .get(row)
                .and_then(|t| oneline::set(doc, style, t, Pt::ZERO, "masthead", report))
            {
                items.push(Item::Text(set.at(g.left, baseline)));
            }
            if let (0, Some(n)) = (row, number) {
                if let Some(set) = oneline::set(doc, number_style, n, Pt::ZERO, "masthead", report)
                {
                    let x = g.left + width - set.width;
                    items.push(Item::Text(set.at(x, baseline)));
                }
            }
            slot_top += style.line_pitch;
        }
        y = slot_top;
    }
    // The lower double rule, its lower edge 20 mm above the page's bottom edge.
    let lower = (m.rule + m.rule * DOUBLE_GAP + m.rule * THIN).max(Pt::ZERO);
    double(items, g.height - Pt::from_mm(BOTTOM_RULE_MM) - lower, false);
    y + m.space_after
}
