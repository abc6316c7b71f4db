//! Blocks into pieces of known size: a text block becomes its set lines, a figure its scaled
//! image and caption lines.

use super::{Report, TextRun};
use crate::error::Warning;
use crate::resolve::{Content, Document, Role, Style};
use crate::text::{self, Line, LineEnd};
use crate::units::Pt;
use std::sync::Arc;

/// A block measured for the page flow.
pub enum Piece {
    Text(TextPiece),
    Figure(FigurePiece),
    PageBreak,
}

pub struct TextPiece {
    pub block: usize,
    pub role: Role,
    pub lines: Vec<SetLine>,
    pub pitch: Pt,
    /// Type size (the last line on a page needs its em box, not the leading under it).
    pub size: Pt,
    pub space_before: Pt,
    pub space_after: Pt,
}

impl TextPiece {
    /// A block's set lines in `style`'s pitch and spacing.
    pub fn new(block: usize, role: Role, style: &Style, lines: Vec<SetLine>) -> TextPiece {
        TextPiece {
            block,
            role,
            lines,
            pitch: style.line_pitch,
            size: style.size,
            space_before: style.space_before,
            space_after: style.space_after,
        }
    }
}

pub struct FigurePiece {
    pub block: usize,
    pub image: usize,
    pub width: Pt,
    pub height: Pt,
    pub caption: Vec<SetLine>,
    pub caption_pitch: Pt,
}

/// A line ready to place: its run with `x` relative to the text block's left edge and
/// `baseline` relative to the top of the line's slot.
pub struct SetLine {
    pub run: TextRun,
    /// Runs of their own on the line's baseline, `x` from the text block's left edge: an
    /// editor's note's label in its own face, the 附件说明's label and number.
    pub extra: Vec<TextRun>,
    pub text: String,
    pub end: LineEnd,
    pub ratio: f64,
    pub width: Pt,
    pub measure: Pt,
    pub max_gap: Pt,
    pub hang: Pt,
}

impl SetLine {
    /// A line not set by the paragraph engine (the 落款, the 附件说明): nothing stretched.
    pub fn fixed(run: TextRun, text: String, width: Pt, measure: Pt, extra: Vec<TextRun>) -> Self {
        SetLine {
            run,
            extra,
            text,
            end: LineEnd::Paragraph,
            ratio: 0.0,
            width,
            measure,
            max_gap: Pt::ZERO,
            hang: Pt::ZERO,
        }
    }
}

pub fn measure(doc: &Document, report: &mut Report) -> Vec<Piece> {
    let width = doc.page.text_width();
    doc.blocks
        .iter()
        .enumerate()
        .map(|(i, block)| match block {
            Content::Text { role, text, at } => {
                let style = doc.style(*role);
                let what = match role {
                    Role::Title => "title",
                    Role::Heading(_) => "heading",
                    Role::Body => "text",
                    Role::Note => "editor's note",
                    Role::Caption => "caption",
                    Role::Addressee => "addressee",
                    Role::Signature => "signature",
                    Role::AttachmentNote => "attachment note",
                    Role::AttachmentHead => "attachment label",
                };
                // Line breaks written in the text are kept (a title's, broken by meaning by its
                // author; a forced break in a paragraph); each part wraps, and only the first
                // has the first-line indent.
                let mut lines: Vec<SetLine> = text
                    .split('\n')
                    .enumerate()
                    .flat_map(|(k, part)| {
                        let continued = (k > 0).then_some(Pt::ZERO);
                        set_text(doc, style, part, width, at, what, report, continued)
                    })
                    .collect();
                if *role == Role::Note {
                    if let (Some(label), Some(first)) = (&doc.note_label, lines.first_mut()) {
                        split_label(doc, label, first);
                    }
                }
                Piece::Text(TextPiece::new(i, *role, style, lines))
            }
            Content::Figure {
                image,
                width: own_width,
                caption,
                at,
                ..
            } => {
                let caption = caption
                    .as_ref()
                    .map(|c| set_text(doc, &doc.caption, c, width, at, "caption", report, None))
                    .unwrap_or_default();
                let (w, h) = figure_size(doc, *image, *own_width, caption.len());
                Piece::Figure(FigurePiece {
                    block: i,
                    image: *image,
                    width: w,
                    height: h,
                    caption,
                    caption_pitch: doc.caption.line_pitch,
                })
            }
            Content::Signature {
                signature, date, ..
            } => Piece::Text(super::closing::signature(doc, i, signature, date, report)),
            Content::AttachmentNote { names, .. } => {
                Piece::Text(super::closing::attachment_note(doc, i, names, report))
            }
            Content::PageBreak => Piece::PageBreak,
        })
        .collect()
}

/// The image's size on the page: the figure's (or layout's) width, never wider than the text,
/// scaled down to the largest height the layout allows and to what fits on an empty page with
/// its caption.
fn figure_size(
    doc: &Document,
    image: usize,
    own_width: Option<crate::model::Extent>,
    caption_lines: usize,
) -> (Pt, Pt) {
    let img = &doc.images[image];
    let aspect = img.height as f64 / img.width as f64;
    let text_w = doc.page.text_width();
    let text_h = doc.page.text_height();
    let f = &doc.figures;
    let mut w = own_width
        .unwrap_or(f.width)
        .resolve(doc.body.size, text_w)
        .min(text_w);
    let mut h = w * aspect;
    let reserved = f.space_before
        + f.space_after
        + if caption_lines > 0 {
            f.caption_gap + doc.caption.line_pitch * caption_lines as f64
        } else {
            Pt::ZERO
        };
    let max_h = f
        .max_height
        .resolve(doc.body.size, text_h)
        .min(text_h - reserved)
        .max(Pt(10.0));
    if h > max_h {
        h = max_h;
        w = h / aspect;
    }
    (w, h)
}

/// Sets a text block's lines and reports missing characters and broken words. `at` is the
/// span of the block in the definition, `what` the kind of block; `indent` replaces the style's
/// first-line indent (for the text after a forced line break).
#[allow(clippy::too_many_arguments)]
fn set_text(
    doc: &Document,
    style: &Style,
    text: &str,
    width: Pt,
    at: &std::ops::Range<usize>,
    what: &str,
    report: &mut Report,
    indent: Option<Pt>,
) -> Vec<SetLine> {
    let mut paragraph = style.paragraph(text, width);
    paragraph.indent = indent.unwrap_or(paragraph.indent);
    let laid = text::layout_paragraph(&paragraph, &doc.text_settings(style), &doc.fonts);
    report
        .missing
        .record(doc, &laid.missing, style, Some(at), what);
    if laid.greedy_fallback {
        report.warnings.push(
            Warning::new(
                format!(
                    "this {what} has {} characters, more than the {} total fit sets; it was set first-fit (line by line), which may leave some lines looser",
                    text.chars().count(),
                    text::TOTAL_FIT_MAX_CHARS
                ),
                "",
            )
            .at(&doc.source, at.start..at.start)
            .label("a very long paragraph"),
        );
    }
    for word in &laid.broken_words {
        report.warnings.push(
            Warning::new(
                format!(
                    "`{}` is wider than the line and was broken inside; add a space or a hyphen where it may break",
                    crate::diagnostics::quote_cut(word, 40)
                ),
                "",
            )
            .at(&doc.source, word_span(&doc.source.text, at, word))
            .label("too long for one line"),
        );
    }
    let shared: Arc<str> = Arc::from(text);
    let baseline = baseline_in_slot(doc, style);
    laid.lines
        .into_iter()
        .map(|line| to_set_line(line, &shared, style, baseline, width))
        .collect()
}

fn to_set_line(line: Line, text: &Arc<str>, style: &Style, baseline: Pt, measure: Pt) -> SetLine {
    SetLine {
        text: text[line.text.clone()].to_string(),
        end: line.end,
        ratio: line.ratio,
        width: line.width,
        measure,
        max_gap: line.max_gap,
        hang: line.hang,
        run: TextRun {
            x: line.x,
            baseline,
            size: style.size,
            color: style.color,
            glyphs: line.glyphs,
            text: text.clone(),
            embolden: style.embolden,
        },
        extra: Vec::new(),
    }
}

/// Moves the glyphs of a note's label (`编者按：`) at the start of its first line into a run of
/// their own, drawn in the label's face where that face has the character at the same width
/// (full-width characters are one em in every Chinese font, so the line's spacing stands).
fn split_label(doc: &Document, label: &crate::resolve::NoteLabel, line: &mut SetLine) {
    let run = &mut line.run;
    if !run.text.starts_with(label.text.as_str()) {
        return;
    }
    let end = label.text.len() as u32;
    let count = run.glyphs.iter().take_while(|g| g.text.end <= end).count();
    if count == 0 {
        return;
    }
    let mut glyphs: Vec<_> = run.glyphs.drain(..count).collect();
    for g in &mut glyphs {
        let Some(ch) = run.text[g.text.start as usize..g.text.end as usize]
            .chars()
            .next()
        else {
            continue;
        };
        let r = label.chain.resolve(&doc.fonts, ch);
        let old = doc.fonts.get(g.font).advance(g.glyph);
        let new = doc.fonts.get(r.font).advance(r.glyph);
        if r.found && (old - new).abs() < 0.01 {
            g.font = r.font;
            g.glyph = r.glyph;
        }
    }
    line.extra.push(TextRun {
        glyphs,
        embolden: label.embolden,
        ..run.clone()
    });
}

/// Where the baseline sits in a line slot: the em box centred in the pitch, the baseline at the
/// font's ascender within the em box.
pub fn baseline_in_slot(doc: &Document, style: &Style) -> Pt {
    let face = doc.fonts.get(style.chain.primary());
    let (asc, desc) = face.ascender_descender();
    let ratio = if asc - desc > 0.0 {
        asc / (asc - desc)
    } else {
        0.88
    };
    (style.line_pitch - style.size) / 2.0 + style.size * ratio
}

/// Where a word is written in a block's source span (its first few characters, since the word
/// may be split over source lines), or the block's start.
fn word_span(text: &str, at: &std::ops::Range<usize>, word: &str) -> std::ops::Range<usize> {
    let head: String = word.chars().take(16).collect();
    text.get(at.clone())
        .and_then(|raw| raw.find(&head))
        .map_or(at.start..at.start, |i| {
            at.start + i..at.start + i + head.len()
        })
}
