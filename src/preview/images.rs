//! Figures for the preview: the image streams the PDF embeds, decoded and scaled to the box
//! they fill on the page.
//!
//! The streams are what [`crate::images`] prepared — JPEG bytes as in the file, PNG image data
//! passed through with its predictors, or colour plus soft mask — so each is decoded here the
//! way a PDF viewer would: JPEG by the `image` crate, PNG data by wrapping it back into a PNG
//! file, raw zlib data by inflating it. Decoding is bounded (pixels and bytes) like any other
//! image input, so a decompression bomb that slipped past the header check still stops.

use super::canvas::Picture;
use crate::error::{Error, ErrorKind, Result};
use crate::images::{ColorSpace, Filter, Image, ImageStream, MAX_SIDE};
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::io::Read;

/// Most memory one decoded image may take.
const MAX_DECODED_BYTES: u64 = 512 * 1024 * 1024;

/// Decoded images, each scaled once per size it is drawn at.
#[derive(Default)]
pub struct Pictures {
    scaled: HashMap<(usize, u32, u32), Picture>,
}

impl Pictures {
    pub fn scaled(
        &mut self,
        image: &Image,
        index: usize,
        width: u32,
        height: u32,
    ) -> Result<&Picture> {
        let key = (index, width, height);
        match self.scaled.entry(key) {
            Entry::Occupied(e) => Ok(e.into_mut()),
            Entry::Vacant(slot) => {
                let decoded = decode(image).map_err(|msg| {
                    Error::new(
                        ErrorKind::Image,
                        format!(
                            "the preview could not decode figure image {}: {msg}",
                            index + 1
                        ),
                    )
                })?;
                let resized = image::imageops::resize(
                    &decoded,
                    width,
                    height,
                    image::imageops::FilterType::Triangle,
                );
                Ok(slot.insert(Picture {
                    width,
                    height,
                    pixels: resized.into_raw(),
                }))
            }
        }
    }
}

fn limits() -> image::Limits {
    let mut l = image::Limits::default();
    l.max_image_width = Some(MAX_SIDE);
    l.max_image_height = Some(MAX_SIDE);
    l.max_alloc = Some(MAX_DECODED_BYTES);
    l
}

/// The image as opaque RGB (transparency composited over the white page).
pub fn decode(img: &Image) -> std::result::Result<image::RgbImage, String> {
    let s = &img.stream;
    match &s.filter {
        Filter::Dct => decode_file(&s.data, image::ImageFormat::Jpeg),
        Filter::Flate {
            png_colors: Some(_),
        } => decode_file(&as_png(img.width, img.height, s)?, image::ImageFormat::Png),
        Filter::Flate { png_colors: None } => {
            let pixels = img.width as u64 * img.height as u64;
            let rgb = inflate(&s.data, pixels * 3)?;
            let alpha = match &s.soft_mask {
                Some(mask) => Some(inflate(&mask.data, pixels)?),
                None => None,
            };
            let mut out = rgb;
            if let Some(alpha) = alpha {
                for (px, &a) in out.chunks_exact_mut(3).zip(&alpha) {
                    for c in px {
                        *c = ((*c as u32 * a as u32 + 255 * (255 - a as u32) + 127) / 255) as u8;
                    }
                }
            }
            image::RgbImage::from_raw(img.width, img.height, out)
                .ok_or_else(|| "the image data is shorter than its size says".to_string())
        }
    }
}

fn decode_file(
    bytes: &[u8],
    format: image::ImageFormat,
) -> std::result::Result<image::RgbImage, String> {
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    reader.limits(limits());
    let img = reader.decode().map_err(|e| e.to_string())?;
    Ok(img.into_rgb8())
}

/// Inflates zlib data that must come to exactly `expected` bytes (never more is read).
fn inflate(data: &[u8], expected: u64) -> std::result::Result<Vec<u8>, String> {
    if expected > MAX_DECODED_BYTES {
        return Err("the image is too large to decode for a preview".into());
    }
    let mut out = Vec::with_capacity(expected as usize);
    flate2::read::ZlibDecoder::new(data)
        .take(expected)
        .read_to_end(&mut out)
        .map_err(|e| format!("corrupt image data: {e}"))?;
    if (out.len() as u64) < expected {
        return Err("the image data is shorter than its size says".into());
    }
    Ok(out)
}

/// Wraps PNG image data (passed through into the PDF) back into a PNG file.
fn as_png(width: u32, height: u32, s: &ImageStream) -> std::result::Result<Vec<u8>, String> {
    let (color_type, palette) = match &s.color_space {
        ColorSpace::Gray => (0u8, None),
        ColorSpace::Rgb => (2, None),
        ColorSpace::Indexed(p) => (3, Some(p)),
        ColorSpace::Cmyk => return Err("CMYK PNG data".into()),
    };
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[s.bits_per_component, color_type, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &ihdr);
    if let Some(p) = palette {
        chunk(&mut png, b"PLTE", p);
    }
    chunk(&mut png, b"IDAT", &s.data);
    chunk(&mut png, b"IEND", &[]);
    Ok(png)
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
}
