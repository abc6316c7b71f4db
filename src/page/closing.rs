//! The closing parts of an official document after its text (GB/T 9704-2012 7.3.4, 7.3.5):
//! the 附件说明 (`附件：1.…`, wrapped names aligned with their first character) and the 落款
//! (signature and date, right-aligned). Each is one piece the flow keeps whole.

use super::blocks::{baseline_in_slot, SetLine, TextPiece};
use super::oneline;
use super::Report;
use crate::model::layout::Align;
use crate::resolve::{Document, Role};
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
    let style = doc.style(Role::Signature);
    let measure = doc.page.text_width();
    let mut set = |text: &str| oneline::set(doc, style, text, Pt::ZERO, "signature", report);
    let (sig, day) = (set(signature), set(date));
    let width = |l: &Option<oneline::OneLine>| l.as_ref().map_or(Pt::ZERO, |l| l.width);
    let (sig_w, date_w) = (width(&sig), width(&day));
    let (sig_x, date_x) = if date_w > sig_w {
        let date_x = measure - s.inset - date_w;
        (date_x - s.shift, date_x)
    } else {
        let sig_x = measure - s.inset - sig_w;
        (sig_x, sig_x + s.shift)
    };
    if sig_x.0 < 0.0 {
        report.warn(
            doc,
            format!(
                "the signature “{signature}” and its date need {:.0} mm, more than the text block's {:.0} mm; shorten it or make [signature] smaller",
                (measure - sig_x).to_mm(),
                measure.to_mm()
            ),
        );
    }
    let baseline = baseline_in_slot(doc, style);
    let lines = [(sig, sig_x, signature), (day, date_x, date)]
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
