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
use crate::images::{ColorSpace, Filter, Image, ImageStream};
use crate::messages::msg;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::io::Read;

/// Most memory one image decoded for a preview may take: more than the PDF side's
/// [`crate::images::MAX_DECODED_BYTES`], since every image is decoded here, to RGB.
const PREVIEW_MAX_DECODED_BYTES: u64 = 512 * 1024 * 1024;

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
                let decoded = decode(image).map_err(|detail| {
                    Error::new(
                        ErrorKind::Image,
                        msg::preview_cannot_decode(index + 1, detail),
                    )
                })?;
                // Shrinking (the usual case: photos have more pixels than a preview) averages
                // the pixels each target pixel covers, which is fast and alias-free; enlarging
                // interpolates.
                let resized = if width <= decoded.width() && height <= decoded.height() {
                    shrink(&decoded, width, height)
                } else {
                    image::imageops::resize(
                        &decoded,
                        width,
                        height,
                        image::imageops::FilterType::Triangle,
                    )
                };
                Ok(slot.insert(Picture {
                    width,
                    height,
                    pixels: resized.into_raw(),
                }))
            }
        }
    }
}

/// Shrinks an image to `width × height` by averaging, for each target pixel, the source pixels
/// whose span it covers — rows first, then columns (two passes of sums, no floating point).
fn shrink(src: &image::RgbImage, width: u32, height: u32) -> image::RgbImage {
    let (sw, sh) = (src.width() as usize, src.height() as usize);
    let (tw, th) = (width.max(1) as usize, height.max(1) as usize);
    // The source range [start, end) each target index averages.
    let spans = |s: usize, t: usize| -> Vec<(usize, usize)> {
        (0..t)
            .map(|i| {
                let a = i * s / t;
                let b = ((i + 1) * s / t).max(a + 1).min(s);
                (a, b)
            })
            .collect()
    };
    let (cols, rows) = (spans(sw, tw), spans(sh, th));
    let pixels = src.as_raw();
    // Horizontal pass: sums over column spans, kept as u32 per channel.
    let mut across = vec![0u32; tw * sh * 3];
    for y in 0..sh {
        let row = &pixels[y * sw * 3..(y + 1) * sw * 3];
        for (x, &(a, b)) in cols.iter().enumerate() {
            let mut sum = [0u32; 3];
            for px in row[a * 3..b * 3].chunks_exact(3) {
                sum[0] += px[0] as u32;
                sum[1] += px[1] as u32;
                sum[2] += px[2] as u32;
            }
            let n = (b - a) as u32;
            let at = (y * tw + x) * 3;
            for k in 0..3 {
                across[at + k] = (sum[k] + n / 2) / n;
            }
        }
    }
    // Vertical pass.
    let mut out = Vec::with_capacity(tw * th * 3);
    for &(a, b) in &rows {
        let n = (b - a) as u32;
        for x in 0..tw * 3 {
            let sum: u32 = (a..b).map(|y| across[y * tw * 3 + x]).sum();
            out.push(((sum + n / 2) / n) as u8);
        }
    }
    image::RgbImage::from_raw(tw as u32, th as u32, out).expect("the size matches the data")
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
                .ok_or_else(|| msg::preview_image_data_short().text)
        }
    }
}

fn decode_file(
    bytes: &[u8],
    format: image::ImageFormat,
) -> std::result::Result<image::RgbImage, String> {
    let img = crate::images::decode_limited(bytes, format, PREVIEW_MAX_DECODED_BYTES)
        .map_err(|e| e.to_string())?;
    Ok(img.into_rgb8())
}

/// Inflates zlib data that must come to exactly `expected` bytes (never more is read).
fn inflate(data: &[u8], expected: u64) -> std::result::Result<Vec<u8>, String> {
    if expected > PREVIEW_MAX_DECODED_BYTES {
        return Err(msg::preview_image_too_large().text);
    }
    let mut out = Vec::with_capacity(expected as usize);
    flate2::read::ZlibDecoder::new(data)
        .take(expected)
        .read_to_end(&mut out)
        .map_err(|e| msg::preview_image_data_corrupt(e).text)?;
    if (out.len() as u64) < expected {
        return Err(msg::preview_image_data_short().text);
    }
    Ok(out)
}

/// Wraps PNG image data (passed through into the PDF) back into a PNG file.
fn as_png(width: u32, height: u32, s: &ImageStream) -> std::result::Result<Vec<u8>, String> {
    let (color_type, palette) = match &s.color_space {
        ColorSpace::Gray => (0u8, None),
        ColorSpace::Rgb => (2, None),
        ColorSpace::Indexed(p) => (3, Some(p)),
        ColorSpace::Cmyk => return Err(msg::preview_cmyk_png().text),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shrinking_averages_the_covered_pixels() {
        // 4×2: left half black, right half white → 2×1: one black, one white pixel.
        let mut img = image::RgbImage::new(4, 2);
        for y in 0..2 {
            for x in 2..4 {
                img.put_pixel(x, y, image::Rgb([255, 255, 255]));
            }
        }
        let small = shrink(&img, 2, 1);
        assert_eq!(small.get_pixel(0, 0).0, [0, 0, 0]);
        assert_eq!(small.get_pixel(1, 0).0, [255, 255, 255]);
        // 3 → 1: the mean.
        let row =
            image::RgbImage::from_raw(3, 1, vec![0, 0, 0, 90, 90, 90, 255, 255, 255]).unwrap();
        assert_eq!(shrink(&row, 1, 1).get_pixel(0, 0).0, [115, 115, 115]);
    }
}
