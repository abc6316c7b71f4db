//! Blocks into pieces of known size: a text block becomes its set lines, a figure its scaled
//! image and caption lines.

use super::{Ink, Report, TextRun};
use crate::error::Warning;
use crate::fonts::FontChain;
use crate::messages::msg;
use crate::model::markup::{Marks, Styled};
use crate::resolve::{Content, Document, Role, Style};
use crate::text::{self, Line, LineEnd};
use crate::units::Pt;
use std::sync::Arc;

/// A block measured for the page flow.
pub enum Piece {
    Text(TextPiece),
    Figure(FigurePiece),
    Table(Box<super::table::TablePiece>),
    PageBreak,
}

pub struct TextPiece {
    pub block: usize,
    /// Which part of the block it is: a list's item (counted from 0), else 0.
    pub part: usize,
    pub role: Role,
    pub lines: Vec<SetLine>,
    pub pitch: Pt,
    /// Type size (the last line on a page needs its em box, not the leading under it).
    pub size: Pt,
    pub space_before: Pt,
    pub space_after: Pt,
    /// How far stamps on the last line reach below its slot (a seal under the date): room the
    /// page must have too, so that nothing hangs out of the text block.
    pub below: Pt,
}

impl TextPiece {
    /// A block's set lines in `style`'s pitch and spacing.
    pub fn new(block: usize, role: Role, style: &Style, lines: Vec<SetLine>) -> TextPiece {
        TextPiece {
            block,
            part: 0,
            role,
            lines,
            pitch: style.line_pitch,
            size: style.size,
            space_before: style.space_before,
            space_after: style.space_after,
            below: Pt::ZERO,
        }
    }
}

/// A figure, or a row of photos side by side ([`super::photo_row`]): the photos at one
/// height, what is set under each, then the caption under them all.
pub struct FigurePiece {
    pub block: usize,
    pub photos: Vec<Photo>,
    /// The photos' (common) height.
    pub photo_height: Pt,
    /// Everything above the caption: the photos and, in a row, their captions under them.
    pub height: Pt,
    pub caption: Vec<SetLine>,
    pub caption_pitch: Pt,
    /// The figure's text alternative (`alt`), if the definition gave one.
    pub alt: Option<Arc<str>>,
}

/// A photo of a figure: `x` from the text block's left edge, and the lines of its own caption
/// (in a row) with `x` from the same edge.
pub struct Photo {
    pub image: usize,
    pub x: Pt,
    pub width: Pt,
    pub caption: Vec<SetLine>,
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
    /// Images pressed on the line (seals), placed with it.
    pub stamps: Vec<Stamp>,
    /// Room the line needs above and below its slot for a superscript or subscript that
    /// reaches past it (zero for almost every line).
    pub above: Pt,
    pub below: Pt,
}

/// An image placed with a line and drawn multiplied over the text (a seal, GB/T 9704 7.3.5.1):
/// `x` from the text block's left edge, `top` from the top of the line's slot (negative: above
/// it).
pub struct Stamp {
    pub image: usize,
    pub x: Pt,
    pub top: Pt,
    pub width: Pt,
    pub height: Pt,
}

impl SetLine {
    /// The engine's record of this line, placed on `page` (for `--dump-lines` and tests).
    pub fn record(&self, page: usize, block: usize, role: Role) -> super::LineRecord {
        super::LineRecord {
            page,
            block,
            role,
            text: self.text.clone(),
            end: self.end,
            ratio: self.ratio,
            width: self.width,
            measure: self.measure,
            max_gap: self.max_gap,
            size: self.run.size,
            hang: self.hang,
        }
    }

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
            stamps: Vec::new(),
            above: Pt::ZERO,
            below: Pt::ZERO,
        }
    }
}

/// The blocks as pieces, measured as the flow asks for them: a block is set into lines only
/// when the flow comes near it, and its lines leave with the page they are placed on, so the
/// page stage never holds the whole document's lines (10,000 pages would be hundreds of MB).
/// `numbers` are the printed page numbers of the blocks a table of contents points at, as the
/// last pagination found them.
pub struct Pieces<'a> {
    doc: &'a Document,
    numbers: &'a super::contents::Numbers,
    /// The next block to measure.
    next: usize,
    /// Measured pieces the flow has not taken yet.
    ready: std::collections::VecDeque<Piece>,
}

/// How many pieces the flow may look ahead at most: a heading looks at the headings after it
/// and the text they introduce, the text before the 落款 at the closing group. Measuring stops
/// earlier at the first piece that ends such a chain; only a chain longer than this (hundreds
/// of headings in a row) is cut short, where keeping it together is impossible anyway.
const LOOKAHEAD: usize = 256;

impl<'a> Pieces<'a> {
    pub fn new(doc: &'a Document, numbers: &'a super::contents::Numbers) -> Pieces<'a> {
        Pieces {
            doc,
            numbers,
            next: 0,
            ready: std::collections::VecDeque::new(),
        }
    }

    /// The next piece, with enough measured after it for [`Self::ahead`] to answer what it
    /// keeps with.
    pub fn next(&mut self, report: &mut Report) -> Option<Piece> {
        self.fill(1, report);
        let piece = self.ready.pop_front()?;
        self.fill(0, report);
        Some(piece)
    }

    /// The measured pieces after the one [`Self::next`] gave last.
    pub fn ahead(&self) -> &std::collections::VecDeque<Piece> {
        &self.ready
    }

    /// Measures blocks until there are more than `at_least` pieces ready and the last of them
    /// ends any chain (it is neither kept with the next nor part of the closing group), or the
    /// lookahead is full, or the blocks are all measured.
    fn fill(&mut self, at_least: usize, report: &mut Report) {
        while self.next < self.doc.blocks.len() && self.ready.len() < LOOKAHEAD {
            let chained = self.ready.back().is_some_and(|p| match p {
                Piece::Text(t) => {
                    t.role.keeps_with_next() || matches!(t.role, Role::Signature | Role::Annotation)
                }
                _ => false,
            });
            if self.ready.len() > at_least && !chained {
                break;
            }
            let i = self.next;
            self.next += 1;
            let pieces = measure_block(self.doc, i, self.numbers, report);
            self.ready.extend(pieces);
        }
    }
}

/// One block measured: one piece, or several (a list's items, a table of contents' lines).
fn measure_block(
    doc: &Document,
    i: usize,
    numbers: &super::contents::Numbers,
    report: &mut Report,
) -> Vec<Piece> {
    let width = doc.page.text_width();
    match &doc.blocks[i] {
        Content::List { items, at } => super::list::pieces(doc, i, items, at, report),
        Content::Contents {
            heading, entries, ..
        } => super::contents::pieces(doc, i, heading.as_ref(), entries, numbers, report),
        other => vec![measure_one(doc, i, other, width, report)],
    }
}

/// One block (not a list) as one piece.
fn measure_one(doc: &Document, i: usize, block: &Content, width: Pt, report: &mut Report) -> Piece {
    match block {
        Content::Text { role, text, at } => {
            let style = doc.style(*role);
            let what = role.kind().what;
            // Line breaks written in the text are kept (a title's, broken by meaning by its
            // author; a forced break in a paragraph: `{br}`, or U+2028 and `\v` in pasted
            // text); each part wraps, and only the first has the first-line indent.
            let lines: Vec<SetLine> = text
                .lines()
                .iter()
                .enumerate()
                .flat_map(|(k, part)| {
                    let indent = if k == 0 { style.indent } else { Pt::ZERO };
                    set_text(doc, style, part, (width, indent), at, what, report)
                })
                .collect();
            Piece::Text(TextPiece::new(i, *role, style, lines))
        }
        Content::Figure {
            image,
            width: own_width,
            caption,
            alt,
            at,
            ..
        } => {
            let caption = caption
                .as_ref()
                .map(|c| {
                    let style = doc.style(Role::Caption);
                    set_text(doc, style, c, (width, style.indent), at, "caption", report)
                })
                .unwrap_or_default();
            if caption.is_empty() && alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
                report.warnings.push(
                    Warning::new(msg::figure_no_alt(), "")
                        .at(&doc.source, at.clone())
                        .label(msg::label_no_alt()),
                );
            }
            let (w, h) = figure_size(doc, *image, *own_width, caption.len());
            Piece::Figure(FigurePiece {
                block: i,
                photos: vec![Photo {
                    image: *image,
                    x: (width - w) / 2.0,
                    width: w,
                    caption: Vec::new(),
                }],
                photo_height: h,
                height: h,
                caption,
                caption_pitch: doc.style(Role::Caption).line_pitch,
                alt: alt.as_deref().map(Arc::from),
            })
        }
        Content::Figures {
            photos,
            caption,
            at,
        } => super::photo_row::piece(doc, i, photos, caption.as_ref(), at, report),
        Content::Contents { .. } => unreachable!("contents are measured entry by entry"),
        Content::Signature {
            names,
            seals,
            date,
            signer: true,
            ..
        } => Piece::Text(super::closing::signer_seals(
            doc, i, names, seals, date, report,
        )),
        Content::Signature {
            names, seals, date, ..
        } => Piece::Text(super::closing::signature(
            doc, i, names, seals, date, report,
        )),
        Content::Attendance { lists, .. } => {
            Piece::Text(super::closing::attendance(doc, i, lists, report))
        }
        Content::AttachmentNote { names, .. } => {
            Piece::Text(super::closing::attachment_note(doc, i, names, report))
        }
        Content::PageBreak => Piece::PageBreak,
        Content::Table(t) => Piece::Table(Box::new(super::table::measure(doc, i, t, report))),
        Content::List { .. } => unreachable!("lists are measured item by item"),
    }
}

/// The image's size on the page: the figure's (or layout's) width, never wider than the text,
/// scaled down to the largest height the layout allows and to what fits on an empty page with
/// its caption.
pub(super) fn figure_size(
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
        .resolve(doc.style(Role::Body).size, text_w)
        .min(text_w);
    let mut h = w * aspect;
    let reserved = f.space_before
        + f.space_after
        + if caption_lines > 0 {
            f.caption_gap + doc.style(Role::Caption).line_pitch * caption_lines as f64
        } else {
            Pt::ZERO
        };
    let max_h = f
        .max_height
        .resolve(doc.style(Role::Body).size, text_h)
        .min(text_h - reserved)
        .max(Pt(10.0));
    if h > max_h {
        h = max_h;
        w = h / aspect;
    }
    (w, h)
}

/// Sets a text block's lines (on a measure `width` wide, the first line indented `indent`)
/// and reports missing characters and broken words. `at` is the span of the block in the
/// definition, `what` the kind of block.
pub fn set_text(
    doc: &Document,
    style: &Style,
    text: &Styled,
    (width, indent): (Pt, Pt),
    at: &std::ops::Range<usize>,
    what: &str,
    report: &mut Report,
) -> Vec<SetLine> {
    let looks = Looks::of(doc, style, text);
    let runs = looks.runs(text);
    let par = text::Paragraph {
        runs: &runs,
        indent,
        ..style.paragraph(&text.text, width)
    };
    let laid = text::layout_paragraph(&par, &doc.text_settings(style), &doc.fonts);
    report
        .missing
        .record(doc, &laid.missing, style, Some(at), what);
    if laid.greedy_fallback {
        report.warnings.push(
            Warning::new(
                msg::first_fit(
                    crate::messages::noun(what),
                    text.text.chars().count(),
                    text::TOTAL_FIT_MAX_CHARS,
                ),
                "",
            )
            .at(&doc.source, at.start..at.start)
            .label(msg::label_very_long_paragraph()),
        );
    }
    for word in &laid.broken_words {
        report.warnings.push(
            Warning::new(
                msg::word_broken(crate::diagnostics::quote_cut(word, 40)),
                "",
            )
            .at(&doc.source, word_span(&doc.source.text, at, word))
            .label(msg::label_too_long_one_line()),
        );
    }
    if let Some(line) = overfull(&laid.lines, width) {
        let over = line.x + line.width - width;
        report.warnings.push(
            Warning::new(
                msg::line_past_measure(
                    crate::messages::noun(what),
                    format!("{:.1}", over.to_mm()),
                    format!("{:.0}", width.to_mm()),
                ),
                "",
            )
            .at(
                &doc.source,
                word_span(&doc.source.text, at, &text.text[line.text.clone()]),
            )
            .label(msg::label_past_the_edge()),
        );
    }
    let shared: Arc<str> = Arc::from(text.text.as_str());
    let shifted = looks.inks.iter().any(Ink::shifted);
    let inks: Arc<[Ink]> = looks.inks.into();
    let baseline = baseline_in_slot(doc, style);
    laid.lines
        .into_iter()
        .map(|line| {
            let mut set = to_set_line(line, &shared, style, &inks, baseline, width);
            if shifted {
                (set.above, set.below) = overflow(doc, style, &set.run, baseline);
            }
            set
        })
        .collect()
}

/// How far a line's superscripts and subscripts reach past its slot, above and below: the
/// space the line needs besides its pitch. Like TeX's baselines, lines keep their even pitch
/// unless a raised or lowered glyph's em box would reach into the next line's slot; only then
/// does the line take more room, and on a grid whole grid lines, so that the text stays on it.
fn overflow(doc: &Document, style: &Style, run: &TextRun, baseline: Pt) -> (Pt, Pt) {
    let (mut top, mut bottom) = (Pt::ZERO, Pt::ZERO);
    for g in &run.glyphs {
        let ink = run.ink(g);
        if !ink.shifted() {
            continue;
        }
        let size = run.size * ink.scale;
        let (asc, desc) = doc.fonts.get(g.font).ascender_descender();
        let up = if asc - desc > 0.0 {
            asc / (asc - desc)
        } else {
            0.88
        };
        top = top.max(ink.rise + size * up);
        bottom = bottom.max(size * (1.0 - up) - ink.rise);
    }
    let whole = |extra: Pt| match doc.grid.and_then(|g| g.line_pitch) {
        Some(line) if extra.0 > 0.0 => line * (extra / line - 1e-6).ceil(),
        _ => extra.max(Pt::ZERO),
    };
    (
        whole(top - baseline),
        whole(bottom - (style.line_pitch - baseline)),
    )
}

/// Sets every body paragraph as [`set_text`] does — its styled runs in their faces and sizes
/// — with `settings` (for `render --stats`, which compares line breakers): each paragraph's
/// text and lines.
pub fn set_body(
    doc: &Document,
    settings: &text::TextSettings,
) -> Vec<(String, text::ParagraphLayout)> {
    let style = doc.style(Role::Body);
    let width = doc.page.text_width();
    let mut out = Vec::new();
    for block in &doc.blocks {
        let Content::Text {
            role: Role::Body,
            text,
            ..
        } = block
        else {
            continue;
        };
        for (k, part) in text.lines().into_iter().enumerate() {
            let looks = Looks::of(doc, style, &part);
            let runs = looks.runs(&part);
            let par = text::Paragraph {
                runs: &runs,
                indent: if k == 0 { style.indent } else { Pt::ZERO },
                ..style.paragraph(&part.text, width)
            };
            let laid = text::layout_paragraph(&par, settings, &doc.fonts);
            out.push((part.text, laid));
        }
    }
    out
}

/// The looks of a styled text's runs: one per distinct set of marks, the first the style's
/// own (for text without marks).
pub struct Looks {
    marks: Vec<Marks>,
    chains: Vec<FontChain>,
    pub inks: Vec<Ink>,
    /// The style's type size.
    size: Pt,
}

impl Looks {
    pub fn of(doc: &Document, style: &Style, text: &Styled) -> Looks {
        let mut looks = Looks {
            size: style.size,
            marks: vec![Marks::NONE],
            chains: vec![style.chain.clone()],
            inks: vec![Ink::of(style)],
        };
        for span in &text.spans {
            if !looks.marks.contains(&span.marks) {
                let (chain, ink) = doc.look(style, span.marks);
                looks.marks.push(span.marks);
                looks.chains.push(chain);
                looks.inks.push(ink);
            }
        }
        looks
    }

    /// The text engine's runs for `text` (none for text without marks: one run in the style).
    pub fn runs<'a>(&'a self, text: &Styled) -> Vec<text::Run<'a>> {
        if text.is_plain() {
            return Vec::new();
        }
        text.spans
            .iter()
            .map(|s| {
                let k = self.marks.iter().position(|m| *m == s.marks).unwrap_or(0);
                text::Run {
                    end: s.end,
                    chain: &self.chains[k],
                    style: k as u16,
                    size: self.size * self.inks[k].scale,
                }
            })
            .collect()
    }
}

fn to_set_line(
    line: Line,
    text: &Arc<str>,
    style: &Style,
    inks: &Arc<[Ink]>,
    baseline: Pt,
    measure: Pt,
) -> SetLine {
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
            glyphs: line.glyphs,
            text: text.clone(),
            inks: inks.clone(),
            links: Vec::new(),
        },
        extra: Vec::new(),
        stamps: Vec::new(),
        above: Pt::ZERO,
        below: Pt::ZERO,
    }
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

/// The first line that reaches past the measure's right edge by more than a tenth of a point
/// (a mark hanging in the margin by the layout's choice is not counted): what no break could
/// avoid — a first-line indent as wide as the measure, a character wider than a narrow column.
/// Emergency breaks inside words and unbreakable CJK runs leave nothing else.
fn overfull(lines: &[text::Line], width: Pt) -> Option<&text::Line> {
    lines.iter().find(|l| (l.x + l.width - width).0 > 0.1)
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
