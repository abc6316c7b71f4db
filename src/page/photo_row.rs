//! A row of photos side by side: every photo at one height, so that their widths plus the
//! gaps between them fill the measure exactly (`[figure] row-gap`). A row of portrait photos
//! would stand taller than the page can afford, so the common height is capped
//! (`[figure] row-max-height`, and what fits on an empty page with the captions); a capped row
//! is narrower than the measure and centred. Each photo's caption is set at the photo's width
//! under it, the row's caption under them all at the measure; the row moves and floats whole,
//! as one figure.

use super::blocks::{set_text, FigurePiece, Photo, Piece, SetLine};
use super::Report;
use crate::error::Warning;
use crate::messages::msg;
use crate::model::markup::Styled;
use crate::resolve::{Document, Role, RowPhoto};
use crate::units::Pt;
use std::ops::Range;

/// Where the photos of a row go: their common height, and each one's left edge (from the
/// measure's left edge) and width.
#[derive(Debug, PartialEq)]
pub struct Arranged {
    pub height: Pt,
    pub x: Vec<Pt>,
    pub width: Vec<Pt>,
}

/// Arranges photos of the given aspect ratios (width / height) on a `measure` with `gap`
/// between them, no taller than `max_height`: at full width the common height is the measure
/// less the gaps over the sum of the ratios.
pub fn arrange(aspects: &[f64], measure: Pt, gap: Pt, max_height: Pt) -> Arranged {
    let n = aspects.len();
    let gaps = (n.saturating_sub(1)) as f64;
    // Gaps that would leave the photos less than half the measure shrink to fit.
    let gap = gap.min(measure * 0.5 / gaps.max(1.0));
    let sum: f64 = aspects.iter().sum();
    let height = ((measure - gap * gaps) / sum.max(f64::EPSILON)).min(max_height);
    let width: Vec<Pt> = aspects.iter().map(|a| height * *a).collect();
    let total = width.iter().fold(gap * gaps, |t, w| t + *w);
    let mut x = Vec::with_capacity(n);
    let mut at = ((measure - total) / 2.0).max(Pt::ZERO);
    for w in &width {
        x.push(at);
        at += *w + gap;
    }
    Arranged { height, x, width }
}

/// A row of photos as one figure piece.
pub fn piece(
    doc: &Document,
    block: usize,
    photos: &[RowPhoto],
    caption: Option<&Styled>,
    at: &Range<usize>,
    report: &mut Report,
) -> Piece {
    let measure = doc.page.text_width();
    let f = &doc.figures;
    let style = doc.style(Role::Caption);
    let body = doc.style(Role::Body).size;
    let caption: Vec<SetLine> = caption
        .map(|c| {
            set_text(
                doc,
                style,
                c,
                (measure, style.indent),
                at,
                "caption",
                report,
            )
        })
        .unwrap_or_default();
    let aspects: Vec<f64> = photos
        .iter()
        .map(|p| {
            let img = &doc.images[p.image];
            img.width.max(1) as f64 / img.height.max(1) as f64
        })
        .collect();
    let captioned = photos.iter().any(|p| p.caption.is_some());
    // What the row's height must leave room for on an empty page, besides the photos' own
    // captions (counted once they are set).
    let text_h = doc.page.text_height();
    let block_of = |lines: usize| {
        if lines > 0 {
            f.caption_gap + style.line_pitch * lines as f64
        } else {
            Pt::ZERO
        }
    };
    let reserved = f.space_before + f.space_after + block_of(caption.len());
    let mut cap = f
        .row_max_height
        .resolve(body, text_h)
        .min(text_h - reserved)
        .max(Pt(10.0));
    // Narrower photos may wrap their captions onto more lines; two rounds settle it.
    let mut arranged = arrange(&aspects, measure, f.row_gap, cap);
    let mut subs = set_subs(doc, photos, &arranged, at, report);
    for _ in 0..2 {
        let lines = subs.iter().map(Vec::len).max().unwrap_or(0);
        let room = text_h - reserved - block_of(if captioned { lines } else { 0 });
        if arranged.height <= room + Pt(0.01) {
            break;
        }
        cap = room.max(Pt(10.0));
        arranged = arrange(&aspects, measure, f.row_gap, cap);
        subs = set_subs(doc, photos, &arranged, at, report);
    }
    if caption.is_empty() {
        for (k, _) in subs.iter().enumerate().filter(|(_, s)| s.is_empty()) {
            report.warnings.push(
                Warning::new(msg::row_photo_no_alt(k + 1), "")
                    .at(&doc.source, at.clone())
                    .label(msg::label_no_alt()),
            );
        }
    }
    let lines = subs.iter().map(Vec::len).max().unwrap_or(0);
    let height = arranged.height + block_of(lines);
    Piece::Figure(FigurePiece {
        block,
        photo_height: arranged.height,
        height,
        photos: photos
            .iter()
            .zip(subs)
            .enumerate()
            .map(|(k, (p, caption))| Photo {
                image: p.image,
                x: arranged.x[k],
                width: arranged.width[k],
                caption,
            })
            .collect(),
        caption,
        caption_pitch: style.line_pitch,
        alt: None,
    })
}

/// Each photo's caption set at the photo's width, its lines moved under the photo.
fn set_subs(
    doc: &Document,
    photos: &[RowPhoto],
    arranged: &Arranged,
    at: &Range<usize>,
    report: &mut Report,
) -> Vec<Vec<SetLine>> {
    let style = doc.style(Role::Caption);
    photos
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let Some(text) = &p.caption else {
                return Vec::new();
            };
            // Never narrower than two characters, however thin the photo.
            let width = arranged.width[k].max(style.size * 2.0);
            let mut lines = set_text(doc, style, text, (width, Pt::ZERO), at, "caption", report);
            let x = arranged.x[k] + (arranged.width[k] - width) / 2.0;
            for line in &mut lines {
                line.run.x += x;
                for extra in &mut line.extra {
                    extra.x += x;
                }
            }
            lines
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Pt, b: f64) -> bool {
        (a.0 - b).abs() < 1e-6
    }

    #[test]
    fn a_row_fills_the_measure_at_one_height() {
        // 4:3, 3:4 and 16:9 on 400 pt with 10 pt gaps.
        let a = arrange(
            &[4.0 / 3.0, 0.75, 16.0 / 9.0],
            Pt(400.0),
            Pt(10.0),
            Pt(1000.0),
        );
        let sum = 4.0 / 3.0 + 0.75 + 16.0 / 9.0;
        assert!(close(a.height, 380.0 / sum));
        assert!(close(a.x[0], 0.0));
        assert!(close(a.x[1], a.width[0].0 + 10.0));
        assert!(close(a.x[2] + a.width[2], 400.0));
        for (w, r) in a.width.iter().zip([4.0 / 3.0, 0.75, 16.0 / 9.0]) {
            assert!(close(*w, a.height.0 * r));
        }
    }

    #[test]
    fn portrait_rows_are_capped_and_centred() {
        // Two 3:4 portraits would stand 260 pt tall at full width.
        let a = arrange(&[0.75, 0.75], Pt(400.0), Pt(10.0), Pt(200.0));
        assert!(close(a.height, 200.0));
        assert!(close(a.width[0], 150.0));
        // 310 pt wide in all, 45 pt in from each side.
        assert!(close(a.x[0], 45.0));
        assert!(close(a.x[1] + a.width[1], 355.0));
    }

    #[test]
    fn an_absurd_gap_leaves_the_photos_room() {
        let a = arrange(&[1.0, 1.0, 1.0, 1.0], Pt(100.0), Pt(500.0), Pt(1000.0));
        assert!(a.height.0 > 0.0);
        assert!(close(a.x[3] + a.width[3], 100.0));
    }
}
