//! The 报头 on page 1: its lines stacked from the top of the text block, each in its own style
//! (the name large, red and centred; the issue line; the publisher left and the date right),
//! then the rule. The body text starts below it.

use super::blocks::baseline_in_slot;
use super::oneline;
use super::Item;
use super::Report;
use crate::messages::msg;
use crate::model::layout::Align;
use crate::resolve::{Document, JointName, Role, Signers};
use crate::units::Pt;

/// The 发文字号 of a 上行文 and its 签发人 (GB/T 9704 7.2.5, 7.2.6): `签发人：` in the number's
/// face, the names in [masthead.signer]'s, two to a line in columns (a wrapped line's names under
/// the first line's), the block `inset` from the right edge; the 发文字号 `inset` from the left on
/// the line of the last name. Returns the height the lines take.
fn signers(
    doc: &Document,
    s: &Signers,
    number: &str,
    baseline: Pt,
    items: &mut Vec<Item>,
    report: &mut Report,
) -> Pt {
    let g = &doc.page;
    let (label_style, name_style) = (
        doc.style(Role::MastheadNumber),
        doc.style(Role::MastheadSigner),
    );
    let pitch = label_style.line_pitch;
    let set = |style, text: &str, report: &mut Report| {
        oneline::set(doc, style, text, Pt::ZERO, "masthead", report)
    };
    let names: Vec<_> = s.names.iter().map(|n| set(name_style, n, report)).collect();
    let width = |l: &Option<oneline::OneLine>| l.as_ref().map_or(Pt::ZERO, |l| l.width);
    // Two columns, each as wide as its widest name, a character apart.
    let column = |c: usize| {
        names
            .iter()
            .skip(c)
            .step_by(2)
            .map(width)
            .fold(Pt::ZERO, Pt::max)
    };
    let gap = if names.len() > 1 {
        name_style.size
    } else {
        Pt::ZERO
    };
    let label = set(label_style, &s.label, report);
    let block = width(&label) + column(0) + gap + column(1);
    let left = g.left + g.text_width() - s.inset - block;
    let first = left + width(&label);
    let second = first + column(0) + gap;
    if let Some(label) = label {
        items.push(Item::Text(label.at(left, baseline)));
    }
    let rows = names.len().div_ceil(2);
    for (i, name) in names.into_iter().enumerate() {
        let Some(name) = name else { continue };
        let x = if i % 2 == 0 { first } else { second };
        items.push(Item::Text(name.at(x, baseline + pitch * (i / 2) as f64)));
    }
    if let Some(n) = set(label_style, number, report) {
        let last = baseline + pitch * rows.saturating_sub(1) as f64;
        if g.left + s.inset + n.width > left {
            report.warn(doc, msg::signer_line_too_long());
        }
        items.push(Item::Text(n.at(g.left + s.inset, last)));
    }
    pitch * rows as f64 + label_style.space_after
}

/// The space between a joint 发文机关标志's names and the suffix to their right, in ems of the
/// names' size (the standard's figures leave about half a character).
const JOINT_GAP_EMS: f64 = 0.5;

/// 联合行文的发文机关标志 (GB/T 9704 7.2.4): the names stacked a line each from `baseline`, the
/// host first, all as wide as the widest (a shorter name spaced out to that width); the suffix
/// (`文件`) to their right, centred on them vertically; the whole centred in the text block. A
/// name too long to leave room for the suffix within the block is narrowed horizontally
/// (glyphs scaled, PDF `Tz`) to fit, never set past the edge. Returns the names' height.
fn joint_name(
    doc: &Document,
    j: &JointName,
    baseline: Pt,
    items: &mut Vec<Item>,
    report: &mut Report,
) -> Pt {
    let style = doc.style(Role::MastheadName);
    let set = |text: &str, spacing: Pt, report: &mut Report| {
        oneline::set(doc, style, text, spacing, "masthead", report)
    };
    let suffix = j.suffix.as_deref().and_then(|s| set(s, Pt::ZERO, report));
    let beside = suffix
        .as_ref()
        .map_or(Pt::ZERO, |s| s.width + style.size * JOINT_GAP_EMS);
    let names: Vec<_> = j.names.iter().map(|n| set(n, Pt::ZERO, report)).collect();
    let widest = names
        .iter()
        .flatten()
        .map(|l| l.width)
        .fold(Pt::ZERO, Pt::max);
    let room = doc.page.text_width() - beside;
    let column = widest.min(room);
    let left = doc.page.left + (doc.page.text_width() - column - beside) / 2.0;
    let pitch = style.line_pitch;
    let mut runs = Vec::with_capacity(j.names.len() + 1);
    for (i, (line, text)) in names.into_iter().zip(&j.names).enumerate() {
        let Some(line) = line else { continue };
        let chars = text.chars().count();
        let line = if line.width > column {
            let factor = column / line.width;
            line.narrowed(factor)
        } else if line.width < column && chars > 1 {
            // Spaced out to the column's width, as the names of a joint mark are.
            let spacing = (column - line.width) / (chars - 1) as f64;
            set(text, spacing, report).unwrap_or(line)
        } else {
            line
        };
        runs.push(line.at(left, baseline + pitch * i as f64));
    }
    let n = j.names.len();
    if let Some(s) = suffix {
        let middle = baseline + pitch * ((n - 1) as f64 / 2.0);
        runs.push(s.at(left + column + style.size * JOINT_GAP_EMS, middle));
    }
    // Drawn top to bottom (the suffix between the names it is centred on): the page's reading
    // order.
    runs.sort_by(|a, b| a.baseline.0.total_cmp(&b.baseline.0));
    items.extend(runs.into_iter().map(Item::Text));
    pitch * n as f64
}

/// Draws the masthead into `items` and returns the height it takes from the top of the text
/// block (zero without a masthead).
pub fn draw(doc: &Document, items: &mut Vec<Item>, report: &mut Report) -> Pt {
    let Some(m) = &doc.masthead else {
        return Pt::ZERO;
    };
    if m.letter {
        return super::letter::draw(doc, m, items, report);
    }
    let g = &doc.page;
    let width = g.text_width();
    let mut y = Pt::ZERO;
    for line in &m.lines {
        let style = doc.style(line.role);
        y += style.space_before;
        if let Some(top) = line.top {
            // The em box sits centred in the line's slot.
            y = y.max(top - (style.line_pitch - style.size) / 2.0);
        }
        let baseline = g.top + y + baseline_in_slot(doc, style);
        if let (Role::MastheadNumber, Some(s), Some(number)) = (line.role, &m.signers, &line.center)
        {
            y += signers(doc, s, number, baseline, items, report);
            continue;
        }
        if let (Role::MastheadName, Some(j)) = (line.role, &m.joint) {
            y += joint_name(doc, j, baseline, items, report) + style.space_after;
            continue;
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
        report.slots(doc, "masthead", &texts, &arranged, width, None);
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
        let rule_width = m.rule_width.unwrap_or(width);
        items.push(Item::Rule(super::Rule {
            x: g.left + (width - rule_width) / 2.0,
            y: g.top + y + m.rule / 2.0,
            width: rule_width,
            thickness: m.rule,
            color: m.rule_color,
        }));
        y += m.rule;
    }
    let height = y + m.space_after;
    if height > g.text_height() * 0.8 {
        report.warn(
            doc,
            msg::masthead_too_tall(
                format!("{:.0}", height.to_mm()),
                format!("{:.0}", g.text_height().to_mm()),
            ),
        );
    }
    height.min(g.text_height())
}
