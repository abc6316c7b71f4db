//! The closing parts of an official document after its text (GB/T 9704-2012 7.3.4, 7.3.5):
//! the 附件说明 (`附件：1.…`, wrapped names aligned with their first character) and the 落款
//! (signature and date, right-aligned). Each is one piece the flow keeps whole.

use super::blocks::{baseline_in_slot, Report, SetLine, TextPiece};
use super::oneline;
use super::TextRun;
use crate::error::Warning;
use crate::model::layout::Align;
use crate::resolve::{Document, Role};
use crate::text::LineEnd;
use crate::units::Pt;
use std::sync::Arc;

/// The 落款: the signature right-aligned `inset` from the edge and the date under it `shift`
/// right of the signature's start; when the date is the longer, the date keeps the inset and
/// the signature moves left with it.
pub fn signature(
    doc: &Document,
    block: usize,
    signature: &str,
    date: &str,
    report: &mut Report,
) -> TextPiece {
    let s = &doc.signature;
    let style = &s.style;
    let measure = doc.page.text_width();
    let set = |text: &str, report: &mut Report| {
        super::oneline::set(doc, style, text, Pt::ZERO, "signature", report)
    };
    let (sig, day) = (set(signature, report), set(date, report));
    let width = |l: &Option<super::oneline::OneLine>| l.as_ref().map_or(Pt::ZERO, |l| l.width);
    let (sig_w, date_w) = (width(&sig), width(&day));
    let (sig_x, date_x) = if date_w > sig_w {
        let date_x = measure - s.inset - date_w;
        (date_x - s.shift, date_x)
    } else {
        let sig_x = measure - s.inset - sig_w;
        (sig_x, sig_x + s.shift)
    };
    if sig_x.0 < 0.0 {
        report.warnings.push(Warning::new(
            format!(
                "the signature “{signature}” and its date need {:.0} mm, more than the text block's {:.0} mm; shorten it or make [signature] smaller",
                (measure - sig_x).to_mm(),
                measure.to_mm()
            ),
            doc.source.path.display().to_string(),
        ));
    }
    let baseline = baseline_in_slot(doc, style);
    let lines = [(sig, sig_x, signature), (day, date_x, date)]
        .into_iter()
        .filter_map(|(line, x, text)| {
            let line = line?;
            Some(SetLine {
                run: TextRun {
                    x: x.max(Pt::ZERO),
                    baseline,
                    ..line.run
                },
                label: None,
                extra: Vec::new(),
                text: text.to_string(),
                end: LineEnd::Paragraph,
                ratio: 0.0,
                width: line.width,
                measure,
                max_gap: Pt::ZERO,
                hang: Pt::ZERO,
            })
        })
        .collect();
    TextPiece {
        block,
        role: Role::Signature,
        lines,
        pitch: style.line_pitch,
        size: style.size,
        space_before: style.space_before,
        space_after: style.space_after,
    }
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
    let style = &doc.attachment_note;
    let measure = doc.page.text_width();
    let baseline = baseline_in_slot(doc, style);
    let label = &doc.attachment_note_label;
    let label_run = oneline::set(doc, style, label, Pt::ZERO, "attachment note", report);
    // The label's colon counts full width: on the grid, one cell a character.
    let label_width = match (style.grid, &label_run) {
        (Some(cell), Some(_)) => cell * label.chars().count() as f64,
        (None, Some(l)) => l.full_width,
        (_, None) => Pt::ZERO,
    };
    let names_x = style.indent + label_width;
    let mut label_run = label_run.map(|l| TextRun {
        x: style.indent,
        baseline,
        ..l.run
    });
    let mut lines = Vec::new();
    for (n, name) in names.iter().enumerate() {
        let number = if names.len() > 1 {
            Some(format!("{}.", n + 1))
        } else {
            None
        };
        let number_run = number
            .as_ref()
            .and_then(|t| oneline::set(doc, style, t, Pt::ZERO, "attachment note", report));
        let name_x = names_x + number_run.as_ref().map_or(Pt::ZERO, |r| r.width);
        let width = (measure - name_x).max(style.size * 2.0);
        let set = oneline::lines(
            doc,
            style,
            name,
            width,
            Align::Justify,
            "attachments",
            report,
        );
        let mut number_run = number_run.map(|r| TextRun {
            x: names_x,
            baseline,
            ..r.run
        });
        for (k, line) in set.into_iter().enumerate() {
            let mut shown = String::new();
            if lines.is_empty() {
                shown.push_str(label);
            }
            if k == 0 {
                shown.push_str(number.as_deref().unwrap_or(""));
            }
            shown.push_str(&name[line.text.clone()]);
            let line_width = line.width;
            let Some(one) = oneline::one(doc, style, name, line, Pt::ZERO) else {
                continue;
            };
            // The label goes with the first line, a number with its name's first line.
            let extra: Vec<TextRun> = label_run
                .take()
                .into_iter()
                .chain(number_run.take())
                .collect();
            lines.push(SetLine {
                run: TextRun {
                    x: name_x,
                    baseline,
                    text: Arc::from(name.as_str()),
                    ..one.run
                },
                label: None,
                extra,
                text: shown,
                end: LineEnd::Paragraph,
                ratio: 0.0,
                width: name_x + line_width,
                measure,
                max_gap: Pt::ZERO,
                hang: Pt::ZERO,
            });
        }
    }
    TextPiece {
        block,
        role: Role::AttachmentNote,
        lines,
        pitch: style.line_pitch,
        size: style.size,
        space_before: style.space_before,
        space_after: style.space_after,
    }
}
