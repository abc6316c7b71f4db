//! Page items into PDF operations.

use super::fonts::Embedded as Fonts;
use super::images::Embedded as Images;
use crate::model::Color;
use crate::page::paint::{display_list, GlyphRun, Paint};
use crate::page::{Item, Page};
use crate::resolve::Document;
use crate::units::Pt;
use printpdf::{
    BlendMode, Codepoint, CurTransMat, ExtendedGraphicsState, ExtendedGraphicsStateId,
    LineJoinStyle, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle, Point, Polygon,
    PolygonRing, Rect, Rgb, SeperableBlendMode, TextItem, TextMatrix, TextRenderingMode,
    WindingOrder, XObjectTransform,
};

/// The graphics state that paints multiplied (/BM /Multiply): seals over the text.
const MULTIPLY: &str = "GSmul";

/// Registers the multiplying graphics state when some page paints with it (only then, so that
/// other documents' bytes do not change).
pub fn register_blend<'a>(pdf: &mut PdfDocument, mut pages: impl Iterator<Item = &'a Page>) {
    let used = pages.any(|p| {
        p.items()
            .any(|i| matches!(i, Item::Image { multiply: true, .. }))
    });
    if used {
        let gs = ExtendedGraphicsState::default()
            .with_blend_mode(BlendMode::Seperable(SeperableBlendMode::Multiply));
        pdf.resources
            .extgstates
            .map
            .insert(ExtendedGraphicsStateId(MULTIPLY.to_string()), gs);
    }
}

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
    // The display list's order: figures and rules first, text on top in reading order. The
    // text ops go into one text section.
    let mut color = None;
    let mut in_text = false;
    for op in display_list(page, &doc.fonts) {
        match op.paint {
            Paint::Image {
                image,
                x,
                y,
                width,
                height,
                multiply,
            } => {
                let id = images.id(&doc.images[image]).clone();
                let bottom = page_height - y - height;
                ops.push(Op::SaveGraphicsState);
                if multiply {
                    ops.push(Op::LoadGraphicsState {
                        gs: ExtendedGraphicsStateId(MULTIPLY.to_string()),
                    });
                }
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
            Paint::Rule {
                x,
                y,
                width,
                thickness,
                color,
            } => {
                ops.push(Op::SetFillColor { col: rgb(color) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: printpdf::Pt(x.0 as f32),
                        y: printpdf::Pt((page_height - y - thickness / 2.0).0 as f32),
                        width: printpdf::Pt(width.0 as f32),
                        height: printpdf::Pt(thickness.0 as f32),
                        mode: Some(PaintMode::Fill),
                        winding_order: Some(WindingOrder::NonZero),
                    },
                });
            }
            Paint::Dot {
                x,
                y,
                radius,
                color,
            } => {
                ops.push(Op::SetFillColor { col: rgb(color) });
                ops.push(Op::DrawPolygon {
                    polygon: dot(x.0, (page_height - y).0, radius.0),
                });
            }
            Paint::Glyphs(run) => {
                if !in_text {
                    ops.push(Op::StartTextSection);
                    in_text = true;
                }
                text_ops(&run, doc, fonts, page_height, &mut color, &mut ops);
            }
        }
    }
    if in_text {
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

/// A filled circle of radius `r` centred on `(cx, cy)` (PDF space): four Bézier quarters.
fn dot(cx: f64, cy: f64, r: f64) -> Polygon {
    // The control-point distance that makes a quarter circle.
    let k = r * 0.552_284_749_8;
    let pt = |x: f64, y: f64, bezier: bool| LinePoint {
        p: Point {
            x: printpdf::Pt(x as f32),
            y: printpdf::Pt(y as f32),
        },
        bezier,
    };
    let points = vec![
        pt(cx + r, cy, false),
        pt(cx + r, cy + k, true),
        pt(cx + k, cy + r, true),
        pt(cx, cy + r, false),
        pt(cx - k, cy + r, true),
        pt(cx - r, cy + k, true),
        pt(cx - r, cy, false),
        pt(cx - r, cy - k, true),
        pt(cx - k, cy - r, true),
        pt(cx, cy - r, false),
        pt(cx + k, cy - r, true),
        pt(cx + r, cy - k, true),
        pt(cx + r, cy, false),
    ];
    Polygon {
        rings: vec![PolygonRing { points }],
        mode: PaintMode::Fill,
        winding_order: WindingOrder::NonZero,
    }
}

/// One glyph run, positioned with a text matrix and shown with one TJ whose adjustments put
/// every glyph exactly where the line breaker set it. `color` is the fill colour in effect, set
/// again only when it changes.
fn text_ops(
    run: &GlyphRun,
    doc: &Document,
    fonts: &Fonts,
    page_height: Pt,
    color: &mut Option<Color>,
    ops: &mut Vec<Op>,
) {
    let glyphs = run.glyphs;
    let size = run.size;
    let baseline = page_height - run.baseline;
    if *color != Some(run.color) {
        ops.push(Op::SetFillColor {
            col: rgb(run.color),
        });
        *color = Some(run.color);
    }
    let face = doc.fonts.get(run.font);
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(fonts.id(face).clone()),
        size: printpdf::Pt(size.0 as f32),
    });
    if run.scale != 1.0 {
        ops.push(Op::SetHorizontalScaling {
            percent: (run.scale * 100.0) as f32,
        });
    }
    ops.push(Op::SetTextMatrix {
        matrix: TextMatrix::Translate(
            printpdf::Pt(run.x().0 as f32),
            printpdf::Pt(baseline.0 as f32),
        ),
    });
    let mut codepoints = Vec::with_capacity(glyphs.len());
    for (k, g) in glyphs.iter().enumerate() {
        // The advance the PDF viewer will apply (from the /W array: thousandths of an em,
        // truncated as printpdf writes them), and the gap to where the next glyph must be.
        let w0 = (face.advance(g.glyph) * 1000.0).trunc();
        let offset = match glyphs.get(k + 1) {
            Some(next) => {
                let wanted = (next.x - g.x).0;
                let th = g.scale * size.0;
                let adj = w0 - wanted / th * 1000.0;
                if adj.abs() < 1e-3 {
                    0.0
                } else {
                    adj
                }
            }
            None => 0.0,
        };
        let text = &run.line.text[g.text.start as usize..g.text.end as usize];
        codepoints.push(Codepoint {
            gid: fonts.glyph(face, g.glyph),
            offset: offset as f32,
            cid: (!text.is_empty()).then(|| text.to_string()),
        });
    }
    // Fake bold (decided by the display list): the outline stroked as well as filled, in the
    // text's colour.
    let embolden = run.stroke.0 > 0.0;
    if embolden {
        ops.push(Op::SetTextRenderingMode {
            mode: TextRenderingMode::FillStroke,
        });
        ops.push(Op::SetOutlineThickness {
            pt: printpdf::Pt(run.stroke.0 as f32),
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
    if run.scale != 1.0 {
        ops.push(Op::SetHorizontalScaling { percent: 100.0 });
    }
}
