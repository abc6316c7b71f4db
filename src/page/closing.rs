//! The closing parts of an official document after its text (GB/T 9704-2012 7.3.4, 7.3.5):
//! the 附件说明 (`附件：1.…`, wrapped names aligned with their first character) and the 落款
//! (signature and date, right-aligned). Each is one piece the flow keeps whole.

use super::blocks::{baseline_in_slot, SetLine, Stamp, TextPiece};
use super::oneline::{self, OneLine};
use super::{Report, TextRun};
use crate::messages::msg;
use crate::model::layout::Align;
use crate::resolve::{Document, Role};
use crate::units::Pt;
use std::sync::Arc;

/// The 落款: without seals (7.3.5.2) the names stacked, each right-aligned `inset` from the edge,
/// the date under the last `shift` right of its start — when the date is the longer, the date
/// keeps the inset and the names move left with it; with seals (7.3.5.1), see [`sealed`].
pub fn signature(
    doc: &Document,
    block: usize,
    names: &[String],
    seals: &[usize],
    date: &str,
    report: &mut Report,
) -> TextPiece {
    if !seals.is_empty() {
        return sealed(doc, block, names, seals, date, report);
    }
    let s = &doc.signature;
    let style = doc.style(Role::Signature);
    let measure = doc.page.text_width();
    let set = |text: &str, report: &mut Report| {
        oneline::set(doc, style, text, Pt::ZERO, "signature", report)
    };
    let sigs: Vec<_> = names.iter().map(|n| set(n, report)).collect();
    let day = set(date, report);
    let last_w = sigs.last().map_or(Pt::ZERO, width);
    let date_w = width(&day);
    let edge = measure - s.inset;
    // How far every name moves left of the inset so that the date keeps it.
    let (moved, date_x) = if date_w > last_w {
        let date_x = edge - date_w;
        (edge - last_w - (date_x - s.shift), date_x)
    } else {
        (Pt::ZERO, edge - last_w + s.shift)
    };
    let mut rows: Vec<(Option<OneLine>, Pt, &str)> = sigs
        .into_iter()
        .zip(names)
        .map(|(line, name)| {
            let x = edge - width(&line) - moved;
            (line, x, name.as_str())
        })
        .collect();
    rows.push((day, date_x, date));
    if let Some(left) = rows
        .iter()
        .map(|r| r.1)
        .reduce(Pt::min)
        .filter(|x| x.0 < 0.0)
    {
        report.warn(
            doc,
            msg::signature_too_wide(
                names.join("、"),
                format!("{:.0}", (measure - left).to_mm()),
                format!("{:.0}", measure.to_mm()),
            ),
        );
    }
    let baseline = baseline_in_slot(doc, style);
    let lines = rows
        .into_iter()
        .filter_map(|(line, x, text)| {
            let line = line?;
            let width = line.width;
            let run = line.at(x.max(Pt::ZERO), baseline);
            Some(SetLine::fixed(
                run,
                text.to_string(),
                width,
                measure,
                Vec::new(),
            ))
        })
        .collect();
    TextPiece::new(block, Role::Signature, style, lines)
}

fn width(l: &Option<OneLine>) -> Pt {
    l.as_ref().map_or(Pt::ZERO, |l| l.width)
}

/// The sealed 落款 (GB/T 9704-2012 7.3.5.1): the date `seal-inset` (四字) from the right edge;
/// the seals side by side in the issuers' order, `seal-gap` apart, the last centred over the
/// date; each name on the line of its row, centred under its seal. Each seal's centre is at the
/// middle of its names' line, so that the names (and, in the last row, the date) sit in its
/// lower half; the first row's names stand as many lines under the text as put the seal's top
/// within one line of it. A row holds as many seals as fit between the block's left edge and
/// the one over the date (每排印章两端不得超出版心): more issuers make more rows, the earlier
/// ones full, the last holding the rest at the right, rows as far apart as keep their seals from
/// touching. The seals go with their names' line as stamps, drawn multiplied over the type.
fn sealed(
    doc: &Document,
    block: usize,
    names: &[String],
    seals: &[usize],
    date: &str,
    report: &mut Report,
) -> TextPiece {
    let s = &doc.signature;
    let style = doc.style(Role::Signature);
    let measure = doc.page.text_width();
    let pitch = style.line_pitch;
    let baseline = baseline_in_slot(doc, style);
    let day = oneline::set(doc, style, date, Pt::ZERO, "signature", report);
    let date_x = measure - s.seal_inset - width(&day);
    let centre = date_x + width(&day) / 2.0;
    let step = s.seal_size + s.seal_gap;
    let n = seals.len();
    let per_row = (((centre - s.seal_size / 2.0).0 / step.0 + 1e-6)
        .floor()
        .max(0.0) as usize
        + 1)
    .min(n.max(1));
    let heights: Vec<Pt> = seals
        .iter()
        .map(|&i| {
            let img = &doc.images[i];
            s.seal_size * (img.height as f64 / img.width.max(1) as f64)
        })
        .collect();
    let tallest = heights.iter().copied().fold(Pt::ZERO, Pt::max);
    if centre - s.seal_size / 2.0 < Pt(-0.01) {
        report.warn(
            doc,
            msg::seal_past_left_edge(format!("{:.0}", s.seal_size.to_mm())),
        );
    }
    // Lines from one row's names to the next row's: the seals neither touch nor overlap.
    let stride = ((tallest + s.seal_gap).0 / pitch.0 - 1e-6).ceil().max(1.0) as usize;
    let mut lines = Vec::new();
    let rows = n.div_ceil(per_row);
    for r in 0..rows {
        let range = r * per_row..((r + 1) * per_row).min(n);
        let in_row = range.len();
        let mut stamps = Vec::with_capacity(in_row);
        let mut runs = Vec::with_capacity(in_row);
        let mut shown = Vec::with_capacity(in_row);
        for (c, i) in range.enumerate() {
            let cx = centre - step * (in_row - 1 - c) as f64;
            stamps.push(Stamp {
                image: seals[i],
                x: cx - s.seal_size / 2.0,
                top: pitch / 2.0 - heights[i] / 2.0,
                width: s.seal_size,
                height: heights[i],
            });
            let Some(name) = names.get(i) else { continue };
            shown.push(name.as_str());
            if let Some(line) = oneline::set(doc, style, name, Pt::ZERO, "signature", report) {
                if n > 1 && line.width > step {
                    report.warn(
                        doc,
                        msg::signature_wider_than_seal(name, format!("{:.0}", step.to_mm())),
                    );
                }
                let (x, right) = (cx - line.width / 2.0, cx + line.width / 2.0);
                runs.push((line.at(x, baseline), right));
            }
        }
        let mut runs = runs.into_iter();
        let mut line = match runs.next() {
            Some((first, mut right)) => {
                let extra: Vec<TextRun> = runs
                    .map(|(run, r)| {
                        right = right.max(r);
                        run
                    })
                    .collect();
                SetLine::fixed(first, shown.join(" "), right, measure, extra)
            }
            None => blank_line(style, baseline, measure),
        };
        line.stamps = stamps;
        // The lines between rows of seals: room under this row's names, not empty lines.
        if r + 1 < rows {
            line.below = pitch * (stride - 1) as f64;
        }
        lines.push(line);
    }
    if let Some(day) = day {
        let w = day.width;
        let run = day.at(date_x, baseline);
        lines.push(SetLine::fixed(
            run,
            date.to_string(),
            date_x + w,
            measure,
            Vec::new(),
        ));
    }
    let mut piece = TextPiece::new(block, Role::Signature, style, lines);
    // The seal's top within one line under the text: whole lines, as few as keep it off the
    // text.
    let above = tallest / 2.0 - pitch / 2.0;
    piece.space_before = pitch * (above.0 / pitch.0 - 1e-6).ceil().max(1.0);
    // The last row's seals reach below the date's line: that much more room on the page, so
    // that no seal hangs out of the text block.
    piece.below = (pitch / 2.0 + tallest / 2.0 - pitch * 2.0).max(Pt::ZERO);
    piece
}

/// A line that only stamps take, with no text.
fn blank_line(style: &crate::resolve::Style, baseline: Pt, measure: Pt) -> SetLine {
    let run = TextRun {
        x: Pt::ZERO,
        baseline,
        size: style.size,
        glyphs: Vec::new(),
        text: Arc::from(""),
        inks: Arc::from([super::Ink::of(style)]),
        links: Vec::new(),
    };
    SetLine::fixed(run, String::new(), Pt::ZERO, measure, Vec::new())
}

/// The 落款 with 签发人签名章 (GB/T 9704-2012 7.3.5.3): two blank lines under the text, each
/// signer's stamp `seal-inset` (四字) from the right edge, their title `inset` (二字) left of it
/// and centred on it vertically; joint signers one under the other, the host first, titles and
/// stamps aligned; one blank line under the last stamp, the date `seal-inset` from the right.
/// Each stamp takes the whole lines that hold it, centred in them. Those lines are room under
/// the title's line (and the blank line room over the date's), not lines of their own: they
/// hold no text, and `--dump-lines` lists only the titles and the date.
pub fn signer_seals(
    doc: &Document,
    block: usize,
    titles: &[String],
    stamps: &[usize],
    date: &str,
    report: &mut Report,
) -> TextPiece {
    let s = &doc.signature;
    let style = doc.style(Role::Signature);
    let measure = doc.page.text_width();
    let pitch = style.line_pitch;
    let baseline = baseline_in_slot(doc, style);
    let stamp_x = measure - s.seal_inset - s.signer_seal_size;
    let blank = || blank_line(style, baseline, measure);
    let mut lines = Vec::new();
    for (&image, title) in stamps.iter().zip(titles) {
        let img = &doc.images[image];
        let height = s.signer_seal_size * (img.height as f64 / img.width.max(1) as f64);
        let rows = (height.0 / pitch.0 - 1e-6).ceil().max(1.0);
        // The title's em box centred on the stamp, the stamp centred in its lines.
        let middle = pitch * ((rows - 1.0) / 2.0);
        let mut line = match oneline::set(doc, style, title, Pt::ZERO, "signature", report) {
            Some(t) => {
                let x = stamp_x - s.inset - t.width;
                if x.0 < 0.0 {
                    report.warn(
                        doc,
                        msg::signer_seal_too_wide(
                            title,
                            format!("{:.0}", (measure - x).to_mm()),
                            format!("{:.0}", measure.to_mm()),
                        ),
                    );
                }
                let right = x.max(Pt::ZERO) + t.width;
                let run = t.at(x.max(Pt::ZERO), baseline + middle);
                SetLine::fixed(run, title.clone(), right, measure, Vec::new())
            }
            None => blank(),
        };
        line.stamps.push(Stamp {
            image,
            x: stamp_x,
            top: (pitch * rows - height) / 2.0,
            width: s.signer_seal_size,
            height,
        });
        // The stamp's further lines: room under the title's.
        line.below = pitch * (rows - 1.0);
        lines.push(line);
    }
    // One blank line under the last stamp, then the date.
    match oneline::set(doc, style, date, Pt::ZERO, "signature", report) {
        Some(day) => {
            let x = measure - s.seal_inset - day.width;
            let mut line = SetLine::fixed(
                day.at(x, baseline),
                date.to_string(),
                measure - s.seal_inset,
                measure,
                Vec::new(),
            );
            line.above = pitch;
            lines.push(line);
        }
        None => lines.push(blank()),
    }
    let mut piece = TextPiece::new(block, Role::Signature, style, lines);
    // 正文（或附件说明）下空二行.
    piece.space_before = pitch * 2.0;
    piece
}

/// The 附件说明: the label (`附件：`) after the first-line indent, then the names — numbered
/// `1.` `2.` … when there are several, each on its own line under the first — with a wrapped
/// name's lines aligned with its first character.
pub fn attachment_note(
    doc: &Document,
    block: usize,
    names: &[String],
    report: &mut Report,
) -> TextPiece {
    const WHAT: &str = "attachment note";
    let style = doc.style(Role::AttachmentNote);
    let measure = doc.page.text_width();
    let baseline = baseline_in_slot(doc, style);
    let label = &doc.attachment_note_label;
    let label_run = oneline::set(doc, style, label, Pt::ZERO, WHAT, report);
    let names_x = style.indent
        + label_run
            .as_ref()
            .map_or(Pt::ZERO, |l| l.label_width(doc, style));
    let mut label_run = label_run.map(|l| l.at(style.indent, baseline));
    let mut lines = Vec::new();
    for (n, name) in names.iter().enumerate() {
        let number = (names.len() > 1).then(|| format!("{}.", n + 1));
        let number_run = number
            .as_ref()
            .and_then(|t| oneline::set(doc, style, t, Pt::ZERO, WHAT, report));
        let name_x = names_x + number_run.as_ref().map_or(Pt::ZERO, |r| r.width);
        let width = (measure - name_x).max(style.size * 2.0);
        let set = oneline::lines(doc, style, name, width, Align::Justify, WHAT, report);
        let mut number_run = number_run.map(|r| r.at(names_x, baseline));
        let shared: Arc<str> = Arc::from(name.as_str());
        for (k, line) in set.into_iter().enumerate() {
            let mut shown = String::new();
            if lines.is_empty() {
                shown.push_str(label);
            }
            if k == 0 {
                shown.push_str(number.as_deref().unwrap_or(""));
            }
            shown.push_str(&name[line.text.clone()]);
            let one = oneline::one(style, &shared, line, Pt::ZERO);
            let width = name_x + one.width;
            // The label goes with the first line, a number with its name's first line.
            let extra = label_run
                .take()
                .into_iter()
                .chain(number_run.take())
                .collect();
            let run = one.at(name_x, baseline);
            lines.push(SetLine::fixed(run, shown, width, measure, extra));
        }
    }
    TextPiece::new(block, Role::AttachmentNote, style, lines)
}

/// A 纪要's lists (GB/T 9704-2012 10.3): each on lines of its own, the label (`出席：`, in
/// [attendance-label]'s face: 三号黑体) `indent` (二字) from the left, the names after it
/// joined with `、` in [attendance]'s, a wrapped line aligned with the first name.
pub fn attendance(
    doc: &Document,
    block: usize,
    lists: &[(String, Vec<String>)],
    report: &mut Report,
) -> TextPiece {
    const WHAT: &str = "attendance list";
    let style = doc.style(Role::Attendance);
    let label_style = doc.style(Role::AttendanceLabel);
    let measure = doc.page.text_width();
    let baseline = baseline_in_slot(doc, style);
    let mut lines = Vec::new();
    for (label, names) in lists {
        let label_run = oneline::set(doc, label_style, label, Pt::ZERO, WHAT, report);
        let names_x = style.indent
            + label_run
                .as_ref()
                .map_or(Pt::ZERO, |l| l.label_width(doc, label_style));
        let mut label_run = label_run.map(|l| l.at(style.indent, baseline));
        let text = names.join("、");
        let width = (measure - names_x).max(style.size * 2.0);
        let shared: Arc<str> = Arc::from(text.as_str());
        for line in oneline::lines(doc, style, &text, width, Align::Justify, WHAT, report) {
            let mut shown = String::new();
            if label_run.is_some() {
                shown.push_str(label);
            }
            shown.push_str(&text[line.text.clone()]);
            let one = oneline::one(style, &shared, line, Pt::ZERO);
            let right = names_x + one.width;
            let extra = label_run.take().into_iter().collect();
            lines.push(SetLine::fixed(
                one.at(names_x, baseline),
                shown,
                right,
                measure,
                extra,
            ));
        }
    }
    TextPiece::new(block, Role::Attendance, style, lines)
}
