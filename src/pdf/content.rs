//! Page items into PDF operations.

use super::fonts::Embedded as Fonts;
use super::images::Embedded as Images;
use crate::model::Color;
use crate::page::{Item, Page, TextRun};
use crate::resolve::Document;
use crate::units::Pt;
use printpdf::{
    Codepoint, CurTransMat, LineJoinStyle, Op, PaintMode, PdfFontHandle, Rect, Rgb, TextItem,
    TextMatrix, TextRenderingMode, WindingOrder, XObjectTransform,
};

/// The operations that draw one page. `part` is the index of the document in a merged PDF.
pub fn page_ops(
    page: &Page,
    doc: &Document,
    _part: usize,
    fonts: &Fonts,
    images: &Images,
    page_height: Pt,
) -> Vec<Op> {
    let mut ops = Vec::new();
    // Figures and rules first, text on top; the text in the items' order, which is the page's
    // reading order (the order text extraction and screen readers follow).
    for item in &page.items {
        match item {
            Item::Image {
                image,
                x,
                y,
                width,
                height,
            } => {
                let id = images.id(&doc.images[*image]).clone();
                let bottom = page_height - *y - *height;
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetTransformationMatrix {
                    matrix: CurTransMat::Raw([
                        width.0 as f32,
                        0.0,
                        0.0,
                        height.0 as f32,
                        x.0 as f32,
                        bottom.0 as f32,
                    ]),
                });
                ops.push(Op::UseXobject {
                    id,
                    transform: XObjectTransform {
                        no_auto_scale: true,
                        ..Default::default()
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
            Item::Rule {
                x,
                y,
                width,
                thickness,
                color,
            } => {
                ops.push(Op::SetFillColor { col: rgb(*color) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: printpdf::Pt(x.0 as f32),
                        y: printpdf::Pt((page_height - *y - *thickness / 2.0).0 as f32),
                        width: printpdf::Pt(width.0 as f32),
                        height: printpdf::Pt(thickness.0 as f32),
                        mode: Some(PaintMode::Fill),
                        winding_order: Some(WindingOrder::NonZero),
                    },
                });
            }
            Item::Text(_) => {}
        }
    }
    let runs: Vec<&TextRun> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(run) => Some(run),
            _ => None,
        })
        .collect();
    if !runs.is_empty() {
        ops.push(Op::StartTextSection);
        let mut color = None;
        for run in runs {
            if color != Some(run.color) {
                ops.push(Op::SetFillColor {
                    col: rgb(run.color),
                });
                color = Some(run.color);
            }
            text_ops(run, doc, fonts, page_height, &mut ops);
        }
        ops.push(Op::EndTextSection);
    }
    ops
}

fn rgb(c: Color) -> printpdf::Color {
    printpdf::Color::Rgb(Rgb {
        r: c.r as f32,
        g: c.g as f32,
        b: c.b as f32,
        icc_profile: None,
    })
}

/// One run as segments of the same face and scale: each segment is positioned with a text matrix
/// and shown with one TJ whose adjustments put every glyph exactly where the line breaker set it.
fn text_ops(run: &TextRun, doc: &Document, fonts: &Fonts, page_height: Pt, ops: &mut Vec<Op>) {
    let size = run.size;
    let baseline = page_height - run.baseline;
    let glyphs = &run.glyphs;
    let mut i = 0;
    while i < glyphs.len() {
        let first = &glyphs[i];
        let mut j = i + 1;
        while j < glyphs.len() && glyphs[j].font == first.font && glyphs[j].scale == first.scale {
            j += 1;
        }
        let face = doc.fonts.get(first.font);
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(fonts.id(face).clone()),
            size: printpdf::Pt(size.0 as f32),
        });
        if first.scale != 1.0 {
            ops.push(Op::SetHorizontalScaling {
                percent: (first.scale * 100.0) as f32,
            });
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(
                printpdf::Pt((run.x + first.x).0 as f32),
                printpdf::Pt(baseline.0 as f32),
            ),
        });
        let mut codepoints = Vec::with_capacity(j - i);
        for k in i..j {
            let g = &glyphs[k];
            // The advance the PDF viewer will apply (from the /W array: thousandths of an em,
            // truncated as printpdf writes them), and the gap to where the next glyph must be.
            let w0 = (face.advance(g.glyph) * 1000.0).trunc();
            let offset = if k + 1 < j {
                let wanted = (glyphs[k + 1].x - g.x).0;
                let th = g.scale * size.0;
                let adj = w0 - wanted / th * 1000.0;
                if adj.abs() < 1e-3 {
                    0.0
                } else {
                    adj
                }
            } else {
                0.0
            };
            let text = &run.text[g.text.start as usize..g.text.end as usize];
            codepoints.push(Codepoint {
                gid: fonts.glyph(face, g.glyph),
                offset: offset as f32,
                cid: (!text.is_empty()).then(|| text.to_string()),
            });
        }
        // Fake bold: a face that is not bold, in a style that asks for bold, is drawn with its
        // outline stroked as well as filled, in the text's colour.
        let embolden = run.embolden.0 > 0.0 && !face.is_bold();
        if embolden {
            ops.push(Op::SetTextRenderingMode {
                mode: TextRenderingMode::FillStroke,
            });
            ops.push(Op::SetOutlineThickness {
                pt: printpdf::Pt(run.embolden.0 as f32),
            });
            ops.push(Op::SetLineJoinStyle {
                join: LineJoinStyle::Round,
            });
            ops.push(Op::SetOutlineColor {
                col: rgb(run.color),
            });
        }
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(codepoints)],
        });
        if embolden {
            ops.push(Op::SetTextRenderingMode {
                mode: TextRenderingMode::Fill,
            });
        }
        if first.scale != 1.0 {
            ops.push(Op::SetHorizontalScaling { percent: 100.0 });
        }
        i = j;
    }
}
