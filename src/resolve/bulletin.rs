//! A bulletin's furniture: the 报头 (masthead) on page 1 and the 报尾 / 版记 (end block) at the
//! foot of the last page, worded from the definition's `[bulletin]` and styled by the layout.
//!
//! Everything here is text and styles; where the pieces go on the page is the page stage's
//! business ([`crate::page`]).

use super::document::*;
use super::styles::{spec_of, Styler};
use crate::error::{Error, ErrorKind, Result};
use crate::messages::msg;
use crate::model::layout::{LayoutSpec, StyleSpec};
use crate::model::roles::Role;
use crate::model::{Color, Definition};
use crate::units::Pt;
use toml::Spanned;

/// The masthead, if the layout has one: the marks line (密级/内部资料 and the copy number), the
/// bulletin's name, the issue line, the publisher and date, and the rule under them.
pub fn masthead(
    def: &Definition,
    spec: &LayoutSpec,
    meta: &Metadata,
    styler: &mut Styler,
) -> Result<Option<Masthead>> {
    let Some(m) = &spec.masthead else {
        return Ok(None);
    };
    if m.enabled == Some(false) {
        return Ok(None);
    }
    let Some(name) = meta.name.clone().filter(|n| !n.trim().is_empty()) else {
        if m.optional == Some(true) {
            return Ok(None);
        }
        return Err(Error::new(ErrorKind::Invalid, msg::masthead_needs_name())
            .at(&def.source, def.meta_at.clone()));
    };
    let body = styler.body_size();
    let mut lines = Vec::new();

    let marks = spec_of(spec, "masthead.marks");
    let defaults = ("{classification}", "{copy}");
    lines.extend(slot_lines(
        styler,
        Role::MastheadMarks,
        &marks,
        defaults,
        meta,
    )?);

    let name_spec = spec_of(spec, "masthead.name");
    let style = styler.style(Role::MastheadName)?;
    let letter_spacing = name_spec
        .letter_spacing
        .map_or(Pt::ZERO, |l| l.0.resolve(style.size));
    lines.push(SlotLine {
        top: top(&name_spec, &style),
        role: Role::MastheadName,
        left: None,
        center: Some(name),
        right: None,
        letter_spacing,
    });

    if let Some(number) = issue_line(m, meta) {
        let number_spec = spec_of(spec, "masthead.number");
        let style = styler.style(Role::MastheadNumber)?;
        lines.push(SlotLine {
            top: top(&number_spec, &style),
            role: Role::MastheadNumber,
            left: None,
            center: Some(number),
            right: None,
            letter_spacing: Pt::ZERO,
        });
    }

    let info = spec_of(spec, "masthead.info");
    let defaults = ("{publisher}", "{date}");
    lines.extend(slot_lines(
        styler,
        Role::MastheadInfo,
        &info,
        defaults,
        meta,
    )?);

    Ok(Some(Masthead {
        lines,
        rule: m.rule.map_or(Pt(2.0), |r| r.0.resolve(body)),
        rule_color: m.rule_color.unwrap_or(Color::RED),
        rule_gap: m.rule_gap.map_or(body * 0.25, |r| r.0.resolve(body)),
        space_after: m.space_after.map_or(body * 1.5, |r| r.0.resolve(body)),
        signers: signers(def, spec, styler)?,
        joint: joint_name(def),
        letter: m.letter.unwrap_or(false),
        rule_width: m.rule_width.map(|w| w.0.resolve(body)),
    }))
}

/// A joint document's 发文机关标志 (7.2.4): `name` as a list of two or more bodies.
fn joint_name(def: &Definition) -> Option<JointName> {
    let names: Vec<String> = def
        .meta
        .name
        .iter()
        .flat_map(|n| n.0.iter())
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    (names.len() > 1).then(|| JointName {
        names,
        suffix: def
            .meta
            .name_suffix
            .as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
    })
}

/// The 签发人 (`signers`), styled by `[masthead.signer]`: `签发人：` and one character in from
/// the right edge unless the layout says otherwise.
fn signers(def: &Definition, spec: &LayoutSpec, styler: &mut Styler) -> Result<Option<Signers>> {
    let names: Vec<String> = def
        .meta
        .signers
        .iter()
        .flat_map(|s| s.0.iter())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if names.is_empty() {
        return Ok(None);
    }
    let s = spec_of(spec, "masthead.signer");
    let style = styler.style(Role::MastheadSigner)?;
    // On the grid a character is a cell.
    let cell = style.grid.map_or(1.0, |pitch| pitch / style.size);
    Ok(Some(Signers {
        label: s
            .label
            .map_or_else(|| "签发人：".to_string(), |l| l.into_inner()),
        names,
        inset: s
            .inset
            .map_or(crate::units::Length::Em(1.0), |l| l.0)
            .resolve(style.size)
            * cell,
    }))
}

/// `第 6 期`, `增刊第 1 期`, with `（总第 120 期）` when the definition gives the running number.
fn issue_line(m: &crate::model::layout::MastheadSpec, meta: &Metadata) -> Option<String> {
    let format = |f: &Option<Spanned<String>>, default: &str| {
        f.as_ref()
            .map_or_else(|| default.to_string(), |f| f.get_ref().clone())
    };
    let mut line = match (meta.supplement, meta.issue) {
        (false, None) => return None,
        (true, None) => "增刊".to_string(),
        (false, Some(_)) => fill(&format(&m.issue_format, "第{issue}期"), meta),
        (true, Some(_)) => fill(&format(&m.supplement_format, "增刊第{issue}期"), meta),
    };
    if meta.total_issue.is_some() {
        line.push_str(&fill_template(
            &format(&m.total_format, "（总第{total}期）"),
            meta,
            meta.first_page,
        ));
    }
    Some(line)
}

/// The end block, if the layout has one and the bulletin gives something to put in it:
/// 报/送/发/抄送 lines and the print run, then (after an inner rule) the imprint line.
pub fn end_block(
    def: &Definition,
    spec: &LayoutSpec,
    meta: &Metadata,
    styler: &mut Styler,
) -> Result<Option<EndBlock>> {
    let Some(e) = spec.style("end-block") else {
        return Ok(None);
    };
    let m = &def.meta;
    let separator = e.separator.clone().unwrap_or_else(|| "，".into());
    let terminator = e.terminator.clone().unwrap_or_default();
    let mut distribution = Vec::new();
    for (label, list) in [
        ("报：", &m.report_to),
        ("送：", &m.send_to),
        ("发：", &m.distribute_to),
        ("抄送：", &m.cc),
    ] {
        let Some(list) = list else { continue };
        let names: Vec<&str> = list
            .0
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        if names.is_empty() {
            continue;
        }
        let mut text = names.join(&separator);
        if !terminator.is_empty() && !text.ends_with(terminator.as_str()) {
            text.push_str(&terminator);
        }
        distribution.push(EndLine::Labeled {
            label: label.to_string(),
            text,
        });
    }
    if let (Some(format), Some(_)) = (&e.copies, meta.copies) {
        distribution.push(EndLine::Slots {
            left: None,
            right: Some(fill_template(format.get_ref(), meta, meta.first_page)),
        });
    }
    let mut groups = Vec::new();
    if !distribution.is_empty() {
        groups.push(distribution);
    }
    let left = e.left.as_ref().map(|t| fill(t.get_ref(), meta));
    let right = e.right.as_ref().map(|t| fill(t.get_ref(), meta));
    let (left, right) = (
        left.filter(|t| !t.is_empty()),
        right.filter(|t| !t.is_empty()),
    );
    if left.is_some() || right.is_some() {
        groups.push(vec![EndLine::Slots { left, right }]);
    }
    if groups.is_empty() {
        return Ok(None);
    }
    let style = styler.style(Role::EndBlock)?;
    let rule = e.rule.map_or(Pt(1.0), |r| r.0.resolve(style.size));
    Ok(Some(EndBlock {
        groups,
        rule,
        inner_rule: e.inner_rule.map_or(rule * 0.7, |r| r.0.resolve(style.size)),
        rule_color: e.rule_color.unwrap_or(style.color),
        inset: e.inset.map_or(Pt::ZERO, |i| i.0.resolve(style.size)),
        back_page: e.back_page.unwrap_or(false),
    }))
}

/// A masthead line with left, centre and right slots (the left and right ones have defaults);
/// a template with line breaks (`"{copy}\n{classification}"`) stacks several such lines. Lines
/// whose slots all come out empty are left out.
fn slot_lines(
    styler: &mut Styler,
    role: Role,
    spec: &StyleSpec,
    (left_default, right_default): (&str, &str),
    meta: &Metadata,
) -> Result<Vec<SlotLine>> {
    let split = |slot: &Option<Spanned<String>>, default: Option<&str>| -> Vec<Option<String>> {
        let t = slot.as_ref().map(|t| t.get_ref().as_str()).or(default);
        t.map_or_else(Vec::new, |t| {
            t.split('\n')
                .map(|line| Some(fill(line, meta)).filter(|l| !l.is_empty()))
                .collect()
        })
    };
    let left = split(&spec.left, Some(left_default));
    let center = split(&spec.center, None);
    let right = split(&spec.right, Some(right_default));
    let rows = left.len().max(center.len()).max(right.len());
    let mut lines = Vec::new();
    if rows == 0 {
        return Ok(lines);
    }
    let style = styler.style(role)?;
    for row in 0..rows {
        let at = |slots: &[Option<String>]| slots.get(row).cloned().flatten();
        let (left, center, right) = (at(&left), at(&center), at(&right));
        if left.is_none() && center.is_none() && right.is_none() {
            continue;
        }
        lines.push(SlotLine {
            // Only the first of stacked lines keeps the table's `top`.
            top: if lines.is_empty() {
                top(spec, &style)
            } else {
                None
            },
            role,
            left,
            center,
            right,
            letter_spacing: Pt::ZERO,
        });
    }
    Ok(lines)
}

/// A masthead line's `top`, resolved against its type size.
fn top(spec: &StyleSpec, style: &Style) -> Option<Pt> {
    spec.top.map(|t| t.0.resolve(style.size))
}

fn fill(template: &str, meta: &Metadata) -> String {
    fill_template(template, meta, meta.first_page)
        .trim()
        .to_string()
}
