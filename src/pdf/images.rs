//! Image XObjects, each image embedded once however often it is drawn.

use super::Part;
use crate::images::{ColorSpace, Filter, Image, ImageStream};
use printpdf::{DictItem, ExternalStream, ExternalXObject, PdfDocument, Px, XObject, XObjectId};
use std::collections::BTreeMap;
use std::sync::Arc;

pub struct Embedded {
    images: Vec<(Arc<Image>, XObjectId)>,
}

impl Embedded {
    pub fn id(&self, image: &Arc<Image>) -> &XObjectId {
        &self
            .images
            .iter()
            .find(|(i, _)| Arc::ptr_eq(i, image))
            .expect("every image drawn was embedded")
            .1
    }
}

pub fn embed(parts: &[Part], pdf: &mut PdfDocument) -> Embedded {
    let mut images: Vec<(Arc<Image>, XObjectId)> = Vec::new();
    for part in parts {
        for img in &part.doc.images {
            if images.iter().any(|(i, _)| Arc::ptr_eq(i, img)) {
                continue;
            }
            let id = XObjectId(format!("Im{}", images.len() + 1));
            let xobject = XObject::External(ExternalXObject {
                stream: stream(&img.stream, img.width, img.height),
                width: Some(Px(img.width as usize)),
                height: Some(Px(img.height as usize)),
                dpi: None,
            });
            pdf.resources.xobjects.map.insert(id.clone(), xobject);
            images.push((img.clone(), id));
        }
    }
    Embedded { images }
}

fn name(s: &str) -> DictItem {
    DictItem::Name(s.as_bytes().to_vec())
}

/// The image XObject stream: its dictionary says how the data is encoded; the data goes in as
/// it is (never recompressed).
fn stream(s: &ImageStream, width: u32, height: u32) -> ExternalStream {
    let mut dict = BTreeMap::new();
    dict.insert("Type".into(), name("XObject"));
    dict.insert("Subtype".into(), name("Image"));
    dict.insert("Width".into(), DictItem::Int(width as i64));
    dict.insert("Height".into(), DictItem::Int(height as i64));
    dict.insert(
        "BitsPerComponent".into(),
        DictItem::Int(s.bits_per_component as i64),
    );
    let components = match &s.color_space {
        ColorSpace::Gray => {
            dict.insert("ColorSpace".into(), name("DeviceGray"));
            1
        }
        ColorSpace::Rgb => {
            dict.insert("ColorSpace".into(), name("DeviceRGB"));
            3
        }
        ColorSpace::Cmyk => {
            dict.insert("ColorSpace".into(), name("DeviceCMYK"));
            4
        }
        ColorSpace::Indexed(palette) => {
            dict.insert(
                "ColorSpace".into(),
                DictItem::Array(vec![
                    name("Indexed"),
                    name("DeviceRGB"),
                    DictItem::Int((palette.len() / 3).saturating_sub(1) as i64),
                    DictItem::String {
                        data: palette.clone(),
                        literal: false,
                    },
                ]),
            );
            1
        }
    };
    if s.invert {
        let decode = (0..components)
            .flat_map(|_| [DictItem::Int(1), DictItem::Int(0)])
            .collect();
        dict.insert("Decode".into(), DictItem::Array(decode));
    }
    match &s.filter {
        Filter::Dct => {
            dict.insert("Filter".into(), name("DCTDecode"));
        }
        Filter::Flate { png_colors } => {
            dict.insert("Filter".into(), name("FlateDecode"));
            if let Some(colors) = png_colors {
                let mut parms = BTreeMap::new();
                parms.insert("Predictor".into(), DictItem::Int(15));
                parms.insert("Colors".into(), DictItem::Int(*colors as i64));
                parms.insert(
                    "BitsPerComponent".into(),
                    DictItem::Int(s.bits_per_component as i64),
                );
                parms.insert("Columns".into(), DictItem::Int(width as i64));
                dict.insert("DecodeParms".into(), DictItem::Dict { map: parms });
            }
        }
    }
    if let Some(mask) = &s.soft_mask {
        dict.insert(
            "SMask".into(),
            DictItem::Stream {
                stream: stream(mask, width, height),
            },
        );
    }
    ExternalStream {
        dict,
        content: s.data.clone(),
        compress: false,
    }
}
